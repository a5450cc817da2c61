/* SPDX-License-Identifier: BSD-3-Clause
 * Integration test of net_mcm switched calls: an EAL program with two mcm ports over a memif
 * pair, port A on the user side and port B on the network side of the UNI, with UNI 4.0
 * signalling on VC 0/5.
 *  - the signalling link (SSCOP) comes up on both ports
 *  - a client on A calls a SAP of a client on B: the call connects, both sides list it and
 *    its switched VC, data flows both ways on it
 *  - release from either side, rejection with a cause, a call to an unallocated number
 *  - misuse of the API is refused with the documented errors
 *  - 200 calls made and released leave no call, no VC and no mbuf behind
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_bus_vdev.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#include "mcm_check.h"
#include "mcm_test.h"
#include "rte_pmd_mcm.h"

#define NB_MBUF 8191
#define BURST 32
#define MAX_CALLS 64

/* AESAs of the two ports: 47 then zeros, the last octet tells them apart */
#define ADDR_A "4700000000000000000000000000000000000001"
#define ADDR_B "4700000000000000000000000000000000000002"

static struct rte_mempool *mp;
static uint16_t pa, pb;          /* port A (user), port B (network) */
static uint32_t cla, clb;        /* the test's clients on A and B */
static uint8_t addr_b[RTE_PMD_MCM_AESA_LEN];

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void
sleep_ms(unsigned int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

static void
hex_to_aesa(const char *hex, uint8_t *out)
{
	unsigned int i;

	for (i = 0; i < RTE_PMD_MCM_AESA_LEN; i++) {
		char two[3] = { hex[2 * i], hex[2 * i + 1], 0 };

		out[i] = (uint8_t)strtoul(two, NULL, 16);
	}
}

static const char *
ev_name(uint8_t type)
{
	static const char *const names[] = {
		[RTE_PMD_MCM_EV_INCOMING_CALL] = "INCOMING_CALL",
		[RTE_PMD_MCM_EV_CALL_CONNECTED] = "CALL_CONNECTED",
		[RTE_PMD_MCM_EV_CALL_FAILED] = "CALL_FAILED",
		[RTE_PMD_MCM_EV_CALL_RELEASED] = "CALL_RELEASED",
		[RTE_PMD_MCM_EV_CLOSE_COMPLETE] = "CLOSE_COMPLETE",
		[RTE_PMD_MCM_EV_PARTY_ADDED] = "PARTY_ADDED",
		[RTE_PMD_MCM_EV_PARTY_DROPPED] = "PARTY_DROPPED",
		[RTE_PMD_MCM_EV_VC_STATUS] = "VC_STATUS",
		[RTE_PMD_MCM_EV_LINK_STATUS] = "LINK_STATUS",
	};

	return type < RTE_DIM(names) && names[type] != NULL ? names[type] : "?";
}

static int verbose;

/*
 * Wait up to @p ms for an event of @p type on a client (and of call @p call_id unless 0),
 * polling every 10 ms. Other events are skipped (printed when verbose).
 */
static int
wait_event(uint16_t port, uint32_t client, uint8_t type, uint32_t call_id, unsigned int ms,
	   struct rte_pmd_mcm_event *ev)
{
	uint64_t end = now_ms() + ms;

	do {
		int rc = rte_pmd_mcm_event_get(port, client, ev);

		if (rc == 0) {
			if (verbose)
				printf("  event port %u client %u: %s call %u cause %u up %u\n",
				       port, client, ev_name(ev->type), ev->call_id, ev->cause,
				       ev->up);
			if (ev->type == type && (call_id == 0 || ev->call_id == call_id))
				return 0;
			continue;
		}
		if (rc != -EAGAIN)
			return rc;
		sleep_ms(10);
	} while (now_ms() < end);
	return -ETIMEDOUT;
}

/* Throw away the events a client has queued. */
static void
drain_events(uint16_t port, uint32_t client)
{
	struct rte_pmd_mcm_event ev;

	while (rte_pmd_mcm_event_get(port, client, &ev) == 0)
		if (verbose)
			printf("  drained port %u client %u: %s call %u cause %u\n", port, client,
			       ev_name(ev.type), ev.call_id, ev.cause);
}

/* ---- a call made on another thread: rte_pmd_mcm_call_make blocks until the outcome ---- */

struct maker {
	pthread_t thread;
	uint16_t port;
	uint32_t client;
	struct rte_pmd_mcm_call_params params;
	struct rte_pmd_mcm_call_info info;
	uint8_t cause;
	int rc;
	volatile int done;
};

static void *
maker_main(void *arg)
{
	struct maker *mk = arg;

	mk->rc = rte_pmd_mcm_call_make(mk->port, mk->client, &mk->params, &mk->info, &mk->cause);
	__atomic_store_n(&mk->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void
call_params(struct rte_pmd_mcm_call_params *p, const uint8_t *called)
{
	memset(p, 0, sizeof(*p));
	memcpy(p->called, called, RTE_PMD_MCM_AESA_LEN);
	p->encap = RTE_PMD_MCM_ENCAP_LLC;
}

static int
maker_start(struct maker *mk, uint16_t port, uint32_t client, const uint8_t *called)
{
	memset(mk, 0, sizeof(*mk));
	mk->port = port;
	mk->client = client;
	mk->rc = -EINPROGRESS;
	call_params(&mk->params, called);
	return pthread_create(&mk->thread, NULL, maker_main, mk);
}

/* Join the maker; its call_make has its own (longer) timeout, so this always returns. */
static int
maker_join(struct maker *mk)
{
	pthread_join(mk->thread, NULL);
	return mk->rc;
}

/* Find a call by its id in the port's list. */
static int
find_call(uint16_t port, uint32_t call_id, struct rte_pmd_mcm_call_info *out)
{
	static struct rte_pmd_mcm_call_info list[MAX_CALLS];
	int n = rte_pmd_mcm_call_list(port, list, MAX_CALLS), i;

	for (i = 0; i < n; i++)
		if (list[i].call_id == call_id) {
			*out = list[i];
			return 0;
		}
	return n < 0 ? n : -ENOENT;
}

static int
count_calls(uint16_t port)
{
	static struct rte_pmd_mcm_call_info list[MAX_CALLS];

	return rte_pmd_mcm_call_list(port, list, MAX_CALLS);
}

/*
 * One switched call from A's client to B's SAP, answered on B by the main thread.
 * @return 0 with the A and B call ids and the VC when the call connected on both sides.
 */
struct svc {
	uint32_t id_a, id_b;
	uint16_t vpi, vci;
};

static int
connect_call(struct svc *s, int check_lists)
{
	struct rte_pmd_mcm_event ev;
	struct rte_pmd_mcm_call_info ia, ib;
	struct maker mk;
	int rc;

	memset(s, 0, sizeof(*s));
	if (maker_start(&mk, pa, cla, addr_b) != 0) {
		CHECK(0, "pthread_create");
		return -1;
	}
	rc = wait_event(pb, clb, RTE_PMD_MCM_EV_INCOMING_CALL, 0, 5000, &ev);
	CHECK(rc == 0, "B's client got no INCOMING_CALL (%d)", rc);
	if (rc == 0) {
		CHECK(ev.vci >= 32, "offered VC %u/%u", ev.vpi, ev.vci);
		CHECK(memcmp(ev.params.called, addr_b, RTE_PMD_MCM_AESA_LEN) == 0,
		      "called address of the incoming call");
		rc = rte_pmd_mcm_call_answer(pb, clb, ev.call_id, 1, 0);
		CHECK(rc == 0, "answer accept: %d", rc);
		s->id_b = ev.call_id;
	}
	rc = maker_join(&mk);
	CHECK(rc == 0, "call_make: %d cause %u", rc, mk.cause);
	if (rc != 0 || s->id_b == 0)
		return -1;
	s->id_a = mk.info.call_id;
	s->vpi = mk.info.vpi;
	s->vci = mk.info.vci;
	CHECK(s->vci >= 32, "call VC %u/%u", s->vpi, s->vci);
	CHECK(s->vpi == ev.vpi && s->vci == ev.vci, "VC A %u/%u, B %u/%u", s->vpi, s->vci,
	      ev.vpi, ev.vci);
	/* the called side is active once CONNECT ACKNOWLEDGE is in (Q.2931 5.2.8) */
	rc = wait_event(pb, clb, RTE_PMD_MCM_EV_CALL_CONNECTED, s->id_b, 3000, &ev);
	CHECK(rc == 0, "B's client got no CALL_CONNECTED (%d)", rc);
	if (!check_lists)
		return rc == 0 ? 0 : -1;
	CHECK(find_call(pa, s->id_a, &ia) == 0 && ia.state == RTE_PMD_MCM_CALL_ACTIVE &&
	      ia.outgoing == 1 && ia.client == cla && ia.vpi == s->vpi && ia.vci == s->vci,
	      "A's call %u listed active (state %u)", s->id_a, ia.state);
	CHECK(find_call(pb, s->id_b, &ib) == 0 && ib.state == RTE_PMD_MCM_CALL_ACTIVE &&
	      ib.outgoing == 0 && ib.client == clb && ib.vpi == s->vpi && ib.vci == s->vci &&
	      ib.sap_id != 0, "B's call %u listed active (state %u)", s->id_b, ib.state);
	return 0;
}

/* Send @p n frames of 60..1500 bytes with rte_pmd_mcm_vc_send; check them on @p rx. */
static void
traffic(uint16_t tx, uint16_t rx, rte_pmd_mcm_vc_t vc, unsigned int n, const char *what)
{
	unsigned int sent = 0, got = 0, bad = 0, order = 0, wrong_vc = 0, idle = 0;
	uint32_t expect = 0;

	while ((sent < n || got < n) && idle < 5000) {
		struct rte_mbuf *b[BURST];
		uint16_t k = 0, i, r;

		while (sent + k < n && k < BURST) {
			b[k] = test_frame_make(mp, 60 + rnd() % (1500 - 60 + 1), sent + k, NULL);
			if (b[k] == NULL)
				break;
			k++;
		}
		/* consumed = sent or dropped: all of them must go, so resend nothing */
		r = k ? rte_pmd_mcm_vc_send(tx, 0, vc, b, k) : 0;
		rte_pktmbuf_free_bulk(&b[r], k - r);
		sent += r;
		r = rte_eth_rx_burst(rx, 0, b, BURST);
		idle = r ? 0 : idle + 1;
		for (i = 0; i < r; i++) {
			rte_pmd_mcm_vc_t v;
			uint32_t seq;

			if (!test_frame_ok(b[i], &seq)) {
				bad++;
			} else if (rte_pmd_mcm_mbuf_get_vc(b[i], &v) != 0 || v != vc) {
				wrong_vc++;
			} else {
				if (seq != expect)
					order++;
				expect = seq + 1;
			}
			got++;
		}
		rte_pktmbuf_free_bulk(b, r);
		if (r == 0)
			rte_delay_us(50);
	}
	CHECK(sent == n, "%s: sent %u of %u", what, sent, n);
	CHECK(got == n, "%s: received %u of %u", what, got, n);
	CHECK(bad == 0, "%s: %u frames corrupted", what, bad);
	CHECK(wrong_vc == 0, "%s: %u frames on the wrong VC", what, wrong_vc);
	CHECK(order == 0, "%s: %u frames out of order", what, order);
}

static unsigned int
drain_rx(uint16_t port, unsigned int ms)
{
	uint64_t end = now_ms() + ms;
	unsigned int n = 0;

	do {
		struct rte_mbuf *b[BURST];
		uint16_t r = rte_eth_rx_burst(port, 0, b, BURST);

		n += r;
		rte_pktmbuf_free_bulk(b, r);
		if (r == 0)
			sleep_ms(1);
	} while (now_ms() < end);
	return n;
}

/* ---- the steps ---- */

/* 1. SSCOP comes up on both ports: each client sees LINK_STATUS up within 10 s. */
static int
test_link_up(void)
{
	struct rte_pmd_mcm_event ev;
	uint64_t t0 = now_ms();
	int ra, rb;

	ra = wait_event(pa, cla, RTE_PMD_MCM_EV_LINK_STATUS, 0, 10000, &ev);
	CHECK(ra == 0 && ev.up == 1, "A: no LINK_STATUS up within 10 s (%d)", ra);
	rb = wait_event(pb, clb, RTE_PMD_MCM_EV_LINK_STATUS, 0,
			(unsigned int)RTE_MAX(100, 10000 - (int64_t)(now_ms() - t0)), &ev);
	CHECK(rb == 0 && ev.up == 1, "B: no LINK_STATUS up within 10 s (%d)", rb);
	printf("signalling link up after %" PRIu64 " ms\n", now_ms() - t0);
	return ra == 0 && rb == 0 ? 0 : -1;
}

static int
vc_listed_switched(uint16_t port, uint16_t vpi, uint16_t vci)
{
	struct rte_pmd_mcm_vc_info info[64];
	unsigned int total = 0;
	int n = rte_pmd_mcm_vc_list(port, info, RTE_DIM(info), 0, &total), i;

	for (i = 0; i < n; i++)
		if (info[i].vpi == vpi && info[i].vci == vci)
			return info[i].is_pvc == 0 && info[i].state == RTE_PMD_MCM_VC_ACTIVE;
	return 0;
}

/* 2-4. a call, data on it both ways, release from A. */
static void
test_call_data_release(void)
{
	struct rte_pmd_mcm_vc_info info;
	struct rte_pmd_mcm_event ev;
	struct rte_mbuf *b[10];
	uint64_t drops;
	rte_pmd_mcm_vc_t vc;
	struct svc s;
	unsigned int i, k;
	int rc;

	printf("call A -> B\n");
	if (connect_call(&s, 1) != 0)
		return;
	printf("  connected: A call %u, B call %u, VC %u/%u\n", s.id_a, s.id_b, s.vpi, s.vci);
	CHECK(vc_listed_switched(pa, s.vpi, s.vci), "A lists %u/%u as switched", s.vpi, s.vci);
	CHECK(vc_listed_switched(pb, s.vpi, s.vci), "B lists %u/%u as switched", s.vpi, s.vci);
	vc = rte_pmd_mcm_vc(s.vpi, s.vci);
	printf("data on the switched VC\n");
	traffic(pa, pb, vc, 1000, "A->B on the SVC");
	traffic(pb, pa, vc, 1000, "B->A on the SVC");
	printf("release from A\n");
	rc = rte_pmd_mcm_call_release(pa, cla, s.id_a, 0);
	CHECK(rc == 0, "release from A: %d", rc);
	rc = wait_event(pb, clb, RTE_PMD_MCM_EV_CALL_RELEASED, s.id_b, 3000, &ev);
	CHECK(rc == 0 && ev.cause == 16, "B: CALL_RELEASED %d cause %u (expected 16)", rc,
	      rc == 0 ? ev.cause : 0);
	CHECK(rte_pmd_mcm_vc_info_get(pa, s.vpi, s.vci, &info) == -ENOENT, "A: VC still there");
	CHECK(rte_pmd_mcm_vc_info_get(pb, s.vpi, s.vci, &info) == -ENOENT, "B: VC still there");
	CHECK(find_call(pa, s.id_a, &(struct rte_pmd_mcm_call_info){ 0 }) == -ENOENT,
	      "A: call %u still listed", s.id_a);
	CHECK(find_call(pb, s.id_b, &(struct rte_pmd_mcm_call_info){ 0 }) == -ENOENT,
	      "B: call %u still listed", s.id_b);
	/* sending on the released VC: consumed, counted, not sent */
	drops = xstat(pa, "tx_no_vc_drops") + xstat(pa, "tx_vc_inactive_drops");
	for (k = 0; k < RTE_DIM(b); k++)
		b[k] = test_frame_make(mp, 100, k, NULL);
	i = rte_pmd_mcm_vc_send(pa, 0, vc, b, RTE_DIM(b));
	CHECK(i == RTE_DIM(b), "send on a released VC: %u of %u consumed", i,
	      (unsigned int)RTE_DIM(b));
	rte_pktmbuf_free_bulk(&b[i], RTE_DIM(b) - i);
	CHECK(xstat(pa, "tx_no_vc_drops") + xstat(pa, "tx_vc_inactive_drops") ==
	      drops + RTE_DIM(b), "drops on a released VC: %" PRIu64,
	      xstat(pa, "tx_no_vc_drops") + xstat(pa, "tx_vc_inactive_drops") - drops);
	i = drain_rx(pb, 50);
	CHECK(i == 0, "%u frames arrived on B on a released VC", i);
	drain_events(pa, cla);
	drain_events(pb, clb);
}

/* 5. release from B's side: A's client gets CALL_RELEASED. */
static void
test_release_from_b(void)
{
	struct rte_pmd_mcm_vc_info info;
	struct rte_pmd_mcm_event ev;
	struct svc s;
	int rc;

	printf("release from B\n");
	if (connect_call(&s, 0) != 0)
		return;
	drain_events(pa, cla);
	rc = rte_pmd_mcm_call_release(pb, clb, s.id_b, 0);
	CHECK(rc == 0, "release from B: %d", rc);
	rc = wait_event(pa, cla, RTE_PMD_MCM_EV_CALL_RELEASED, s.id_a, 3000, &ev);
	CHECK(rc == 0 && ev.cause == 16, "A: CALL_RELEASED %d cause %u (expected 16)", rc,
	      rc == 0 ? ev.cause : 0);
	CHECK(rte_pmd_mcm_vc_info_get(pa, s.vpi, s.vci, &info) == -ENOENT, "A: VC still there");
	CHECK(rte_pmd_mcm_vc_info_get(pb, s.vpi, s.vci, &info) == -ENOENT, "B: VC still there");
	drain_events(pa, cla);
	drain_events(pb, clb);
}

/* 6. B rejects with cause 21. */
static void
test_reject(void)
{
	struct rte_pmd_mcm_event ev;
	struct maker mk;
	int rc;

	printf("rejection\n");
	if (maker_start(&mk, pa, cla, addr_b) != 0) {
		CHECK(0, "pthread_create");
		return;
	}
	rc = wait_event(pb, clb, RTE_PMD_MCM_EV_INCOMING_CALL, 0, 5000, &ev);
	CHECK(rc == 0, "B's client got no INCOMING_CALL (%d)", rc);
	if (rc == 0) {
		rc = rte_pmd_mcm_call_answer(pb, clb, ev.call_id, 0, 21);
		CHECK(rc == 0, "answer reject: %d", rc);
	}
	rc = maker_join(&mk);
	CHECK(rc == -ECONNREFUSED && mk.cause == 21, "rejected call: %d cause %u", rc, mk.cause);
	CHECK(count_calls(pa) == 0 && count_calls(pb) == 0, "calls left after a rejection: %d %d",
	      count_calls(pa), count_calls(pb));
	drain_events(pa, cla);
	drain_events(pb, clb);
}

/* 7. an address nobody registered: cause 1, unallocated number (Q.2931 annex E). */
static void
test_unallocated(void)
{
	struct rte_pmd_mcm_call_params p;
	struct rte_pmd_mcm_event ev;
	uint8_t called[RTE_PMD_MCM_AESA_LEN], cause = 0;
	int rc;

	printf("unallocated number\n");
	memcpy(called, addr_b, sizeof(called));
	called[RTE_PMD_MCM_AESA_LEN - 1] ^= 0x70;
	call_params(&p, called);
	rc = rte_pmd_mcm_call_make(pa, cla, &p, NULL, &cause);
	CHECK(rc == -ECONNREFUSED && cause == 1, "call to an unknown address: %d cause %u", rc,
	      cause);
	CHECK(wait_event(pb, clb, RTE_PMD_MCM_EV_INCOMING_CALL, 0, 50, &ev) == -ETIMEDOUT,
	      "B's client was offered a call to another address");
	CHECK(count_calls(pa) == 0 && count_calls(pb) == 0, "calls left: %d %d", count_calls(pa),
	      count_calls(pb));
	drain_events(pa, cla);
}

/* 8. misuse. */
static void
test_misuse(void)
{
	struct rte_pmd_mcm_sap sap;
	uint32_t cla2 = 0, clb2 = 0, sap_id = 0;
	struct svc s;
	int rc;

	printf("misuse\n");
	CHECK(rte_pmd_mcm_call_release(pa, cla, 4242, 0) == -ENOENT, "release unknown call");
	CHECK(rte_pmd_mcm_client_open(pb, &clb2) == 0 && clb2 != clb &&
	      clb2 != RTE_PMD_MCM_BRIDGE_CLIENT, "second client on B");
	memset(&sap, 0, sizeof(sap));
	memcpy(sap.addr, addr_b, sizeof(sap.addr));
	rc = rte_pmd_mcm_sap_register(pb, clb2, &sap, &sap_id);
	CHECK(rc == -EADDRINUSE, "second SAP with the same address: %d", rc);
	CHECK(rte_pmd_mcm_client_close(pb, clb2) == 0, "close second client on B");
	CHECK(rte_pmd_mcm_client_close(pb, clb2) == -ENOENT, "close it twice");
	CHECK(rte_pmd_mcm_client_open(pa, &cla2) == 0 && cla2 != cla, "second client on A");
	if (connect_call(&s, 0) != 0)
		return;
	rc = rte_pmd_mcm_call_release(pa, cla2, s.id_a, 0);
	CHECK(rc == -EACCES, "release of another client's call: %d", rc);
	rc = rte_pmd_mcm_call_answer(pb, clb, s.id_b, 1, 0);
	CHECK(rc == -EPROTO, "answering an active call: %d", rc);
	rc = rte_pmd_mcm_client_close(pa, cla);
	CHECK(rc == -EBUSY, "client close with a call up (A): %d", rc);
	rc = rte_pmd_mcm_client_close(pb, clb);
	CHECK(rc == -EBUSY, "client close with a call up (B): %d", rc);
	CHECK(rte_pmd_mcm_call_release(pa, cla, s.id_a, 0) == 0, "release");
	CHECK(rte_pmd_mcm_client_close(pa, cla2) == 0, "close second client on A");
	rc = wait_event(pb, clb, RTE_PMD_MCM_EV_CALL_RELEASED, s.id_b, 3000,
			&(struct rte_pmd_mcm_event){ 0 });
	CHECK(rc == 0, "B: CALL_RELEASED %d", rc);
	drain_events(pa, cla);
	drain_events(pb, clb);
}

/* 9. 200 calls made and released by a thread, answered here. */
struct churn {
	unsigned int n, made, released;
	int last_rc;
	uint8_t last_cause;
	volatile int done;
};

static void *
churn_main(void *arg)
{
	struct churn *ch = arg;
	struct rte_pmd_mcm_call_params p;
	struct rte_pmd_mcm_call_info info;
	unsigned int i;

	call_params(&p, addr_b);
	for (i = 0; i < ch->n; i++) {
		uint8_t cause = 0;
		int rc = rte_pmd_mcm_call_make(pa, cla, &p, &info, &cause);

		if (rc != 0) {
			ch->last_rc = rc;
			ch->last_cause = cause;
			break;
		}
		ch->made++;
		rc = rte_pmd_mcm_call_release(pa, cla, info.call_id, 0);
		if (rc != 0) {
			ch->last_rc = rc;
			break;
		}
		ch->released++;
	}
	__atomic_store_n(&ch->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void
test_many_calls(unsigned int baseline)
{
	struct churn ch = { .n = 200 };
	unsigned int answered = 0, answer_err = 0, released_ev = 0, in_use;
	uint64_t t0 = now_ms(), end = t0 + 40000;
	pthread_t th;

	printf("200 calls\n");
	if (pthread_create(&th, NULL, churn_main, &ch) != 0) {
		CHECK(0, "pthread_create");
		return;
	}
	while (!__atomic_load_n(&ch.done, __ATOMIC_ACQUIRE) && now_ms() < end) {
		struct rte_pmd_mcm_event ev;
		int got = 0;

		while (rte_pmd_mcm_event_get(pb, clb, &ev) == 0) {
			got = 1;
			if (ev.type == RTE_PMD_MCM_EV_INCOMING_CALL) {
				if (rte_pmd_mcm_call_answer(pb, clb, ev.call_id, 1, 0) == 0)
					answered++;
				else
					answer_err++;
			} else if (ev.type == RTE_PMD_MCM_EV_CALL_RELEASED) {
				released_ev++;
			}
		}
		/* A's events (CALL_CONNECTED, CLOSE_COMPLETE...) must not pile up */
		while (rte_pmd_mcm_event_get(pa, cla, &ev) == 0)
			got = 1;
		if (!got)
			sleep_ms(1);
	}
	pthread_join(th, NULL);
	printf("  %u made, %u released, %u answered in %" PRIu64 " ms\n", ch.made, ch.released,
	       answered, now_ms() - t0);
	CHECK(ch.made == 200 && ch.released == 200, "200 calls: %u made, %u released, "
	      "last error %d cause %u", ch.made, ch.released, ch.last_rc, ch.last_cause);
	CHECK(answered == 200 && answer_err == 0, "answered %u, %u errors", answered, answer_err);
	/* the last RELEASE may still be on its way to B */
	{
		struct rte_pmd_mcm_event ev;
		uint64_t wend = now_ms() + 2000;

		while (released_ev < ch.released && now_ms() < wend) {
			if (rte_pmd_mcm_event_get(pb, clb, &ev) == 0) {
				if (ev.type == RTE_PMD_MCM_EV_CALL_RELEASED)
					released_ev++;
			} else {
				sleep_ms(5);
			}
		}
	}
	CHECK(released_ev == ch.released, "B saw %u CALL_RELEASED of %u", released_ev,
	      ch.released);
	CHECK(count_calls(pa) == 0, "A: %d calls left", count_calls(pa));
	CHECK(count_calls(pb) == 0, "B: %d calls left", count_calls(pb));
	{
		struct rte_pmd_mcm_vc_info vi[4];
		unsigned int ta = 1, tb = 1;

		rte_pmd_mcm_vc_list(pa, vi, RTE_DIM(vi), 0, &ta);
		rte_pmd_mcm_vc_list(pb, vi, RTE_DIM(vi), 0, &tb);
		CHECK(ta == 0 && tb == 0, "VCs left: A %u, B %u", ta, tb);
		if (ta != 0 && rte_pmd_mcm_vc_list(pa, vi, 1, 0, NULL) == 1)
			printf("  A's first VC left: %u/%u is_pvc %u state %u\n", vi[0].vpi,
			       vi[0].vci, vi[0].is_pvc, vi[0].state);
	}
	drain_rx(pa, 20);
	drain_rx(pb, 20);
	in_use = rte_mempool_in_use_count(mp);
	CHECK(in_use == baseline, "mempool in use %u after the calls, baseline %u", in_use,
	      baseline);
	drain_events(pa, cla);
	drain_events(pb, clb);
}

/*
 * The ports are made after EAL init, memif pair first, so that each mcm port's client is
 * open before that port's signalling can come up (signalling runs from probe on; a client
 * opened later gets no LINK_STATUS event for a link already up).
 */
static int
make_ports(void)
{
	char sock[64], args[160];
	int rc;

	snprintf(sock, sizeof(sock), "/run/mcm-svc-%d.sock", getpid());
	snprintf(args, sizeof(args), "role=server,socket=%s", sock);
	rc = rte_vdev_init("net_memif0", args);
	CHECK(rc == 0, "net_memif0: %d", rc);
	snprintf(args, sizeof(args), "role=client,socket=%s", sock);
	rc = rte_vdev_init("net_memif1", args);
	CHECK(rc == 0, "net_memif1: %d", rc);
	rc = rte_vdev_init("net_mcm0", "lower=net_memif0,role=user,addr=" ADDR_A);
	CHECK(rc == 0 && rte_eth_dev_get_port_by_name("net_mcm0", &pa) == 0, "net_mcm0: %d", rc);
	if (rc != 0)
		return -1;
	rc = rte_pmd_mcm_client_open(pa, &cla);
	CHECK(rc == 0 && cla != RTE_PMD_MCM_BRIDGE_CLIENT, "client on A: %d", rc);
	if (rc != 0)
		return -1;
	rc = rte_vdev_init("net_mcm1", "lower=net_memif1,role=network,addr=" ADDR_B);
	CHECK(rc == 0 && rte_eth_dev_get_port_by_name("net_mcm1", &pb) == 0, "net_mcm1: %d", rc);
	if (rc != 0)
		return -1;
	rc = rte_pmd_mcm_client_open(pb, &clb);
	CHECK(rc == 0 && clb != RTE_PMD_MCM_BRIDGE_CLIENT, "client on B: %d", rc);
	return rc;
}

int
main(int argc, char **argv)
{
	char prefix[64];
	char *eal[] = { argv[0], "-l", "0", "--no-huge", "-m", "512", "--no-pci",
			"--file-prefix", prefix, "--log-level", "pmd.net.mcm:warning", NULL, NULL,
			NULL };
	int neal = (int)RTE_DIM(eal) - 3;
	struct rte_pmd_mcm_sap sap;
	unsigned int baseline, in_use;
	uint32_t sap_id = 0;
	uint16_t mem0 = RTE_MAX_ETHPORTS, mem1 = RTE_MAX_ETHPORTS;
	int rc;

	RTE_SET_USED(argc);
	setvbuf(stdout, NULL, _IOLBF, 0);
	verbose = getenv("MCM_SVC_DEBUG") != NULL;
	if (verbose) {
		/* the signalling trace */
		eal[neal - 1] = "pmd.net.mcm:debug";
		eal[neal++] = "--log-level";
		eal[neal++] = "pmd.net.mcm.uni:debug";
	}
	hex_to_aesa(ADDR_B, addr_b);
	snprintf(prefix, sizeof(prefix), "mcm-svc-%d", getpid());
	if (rte_eal_init(neal, eal) < 0) {
		printf("FAIL: rte_eal_init\n");
		return 1;
	}
	mp = rte_pktmbuf_pool_create("svc_pool", NB_MBUF, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				     rte_socket_id());
	CHECK(mp != NULL, "mempool");
	if (mp == NULL || make_ports() != 0) {
		printf("FAIL: no ports\n");
		return test_summary();
	}
	CHECK(rte_eth_dev_get_port_by_name("net_memif0", &mem0) == 0 &&
	      rte_eth_dev_get_port_by_name("net_memif1", &mem1) == 0, "memif ports");
	if (test_port_up(pa, 1, mp) != 0 || test_port_up(pb, 1, mp) != 0) {
		printf("FAIL: ports did not start\n");
		return test_summary();
	}
	printf("ports started\n");
	if (test_link_up() != 0) {
		printf("FAIL: no signalling link, the call tests cannot run\n");
		goto out;
	}
	memset(&sap, 0, sizeof(sap));
	memcpy(sap.addr, addr_b, sizeof(sap.addr));
	rc = rte_pmd_mcm_sap_register(pb, clb, &sap, &sap_id);
	CHECK(rc == 0 && sap_id != 0, "SAP on B: %d", rc);
	drain_rx(pa, 20);
	drain_rx(pb, 20);
	baseline = rte_mempool_in_use_count(mp);
	test_call_data_release();
	test_release_from_b();
	test_reject();
	test_unallocated();
	test_misuse();
	test_many_calls(baseline);
	CHECK(rte_pmd_mcm_sap_deregister(pb, clb, sap_id) == 0, "SAP deregister");
	rc = rte_pmd_mcm_client_close(pa, cla);
	CHECK(rc == 0, "close client on A: %d", rc);
	rc = rte_pmd_mcm_client_close(pb, clb);
	CHECK(rc == 0, "close client on B: %d", rc);
out:
	printf("closing\n");
	drain_rx(pa, 20);
	drain_rx(pb, 20);
	CHECK(rte_eth_dev_stop(pa) == 0 && rte_eth_dev_stop(pb) == 0, "stop mcm ports");
	if (verbose)
		printf("  close mcm\n");
	CHECK(rte_eth_dev_close(pa) == 0 && rte_eth_dev_close(pb) == 0, "close mcm ports");
	if (verbose)
		printf("  close memif\n");
	/* the memif ports may already have gone with their owners */
	if (rte_eth_dev_is_valid_port(mem0))
		CHECK(rte_eth_dev_close(mem0) == 0, "close net_memif0");
	if (rte_eth_dev_is_valid_port(mem1))
		CHECK(rte_eth_dev_close(mem1) == 0, "close net_memif1");
	if (verbose)
		printf("  memif closed\n");
	in_use = rte_mempool_in_use_count(mp);
	CHECK(in_use == 0, "mempool in use %u after close", in_use);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return test_summary();
}
