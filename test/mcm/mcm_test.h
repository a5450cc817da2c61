/* SPDX-License-Identifier: BSD-3-Clause
 * Helpers shared by the mcm suite's programs (EAL in process, mcm ports over memif):
 * random numbers, test frames that check themselves, port set-up and xstats by name.
 */
#ifndef MCM_TEST_H
#define MCM_TEST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

static uint64_t test_rng = 88172645463325252ULL;

/* xorshift64: reproducible from run to run */
static inline uint32_t
rnd(void)
{
	test_rng ^= test_rng << 13;
	test_rng ^= test_rng >> 7;
	test_rng ^= test_rng << 17;
	return (uint32_t)test_rng;
}

/* An mbuf of @p pool holding @p len bytes (their address in *data), or NULL. */
static inline struct rte_mbuf *
test_mbuf_of_len(struct rte_mempool *pool, uint32_t len, uint8_t **data)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);

	if (m == NULL)
		return NULL;
	*data = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)len);
	if (*data == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	return m;
}

/* A frame of @p len bytes from @p mp: Ethernet header (destination @p dst, or 02:02:..
 * when NULL), a 4-byte sequence, a 4-byte length, then a pattern of the sequence.
 */
static inline struct rte_mbuf *
test_frame_make(struct rte_mempool *mp, uint32_t len, uint32_t seq,
		const struct rte_ether_addr *dst)
{
	uint8_t *p;
	struct rte_mbuf *m = test_mbuf_of_len(mp, len, &p);
	uint32_t i;

	if (m == NULL)
		return NULL;
	if (dst != NULL)
		memcpy(p, dst, 6);
	else
		memset(p, 0x02, 6);
	memset(p + 6, 0x02, 6);
	p[12] = 0x88;
	p[13] = 0xb5;
	memcpy(p + 14, &seq, 4);
	memcpy(p + 18, &len, 4);
	for (i = 22; i < len; i++)
		p[i] = (uint8_t)(seq * 7 + i);
	return m;
}

/* True if @p m is a whole frame of test_frame_make(); its sequence goes to *seq. */
static inline int
test_frame_ok(const struct rte_mbuf *m, uint32_t *seq)
{
	const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
	uint32_t len, i;

	if (m->nb_segs != 1 || m->pkt_len < 22)
		return 0;
	memcpy(seq, p + 14, 4);
	memcpy(&len, p + 18, 4);
	if (len != m->pkt_len)
		return 0;
	for (i = 22; i < len; i++)
		if (p[i] != (uint8_t)(*seq * 7 + i))
			return 0;
	return 1;
}

/* Configure @p port with @p nq queue pairs of 512 descriptors on @p mp and start it. */
static inline int
test_port_up(uint16_t port, uint16_t nq, struct rte_mempool *mp)
{
	struct rte_eth_conf conf;
	uint16_t q;
	int rc;

	memset(&conf, 0, sizeof(conf));
	rc = rte_eth_dev_configure(port, nq, nq, &conf);
	for (q = 0; q < nq && rc == 0; q++) {
		rc = rte_eth_rx_queue_setup(port, q, 512, rte_socket_id(), NULL, mp);
		if (rc == 0)
			rc = rte_eth_tx_queue_setup(port, q, 512, rte_socket_id(), NULL);
	}
	if (rc == 0)
		rc = rte_eth_dev_start(port);
	return rc;
}

/* An xstat of @p port by name (0 if it has none of that name). */
static inline uint64_t
xstat(uint16_t port, const char *name)
{
	uint64_t id, v = 0;

	if (rte_eth_xstats_get_id_by_name(port, name, &id) == 0)
		rte_eth_xstats_get_by_id(port, &id, &v, 1);
	return v;
}

/* A memif socket's path for this process, named after @p tag, in @p buf of @p size bytes:
 * in /run as root; else in the user's own runtime folder ($XDG_RUNTIME_DIR), or /tmp without
 * one (a user other than root cannot write /run).
 */
static inline void
test_sock_path(char *buf, size_t size, const char *tag)
{
	const char *dir = geteuid() == 0 ? "/run" : getenv("XDG_RUNTIME_DIR");

	if (dir == NULL || dir[0] != '/')
		dir = "/tmp";
	snprintf(buf, size, "%s/%s-%d.sock", dir, tag, getpid());
}

/* Bytes allocated on the EAL heap of this socket (rte_malloc and friends). */
static inline size_t
heap_allocated(void)
{
	struct rte_malloc_socket_stats st;

	memset(&st, 0, sizeof(st));
	if (rte_malloc_get_socket_stats((int)rte_socket_id(), &st) != 0)
		return 0;
	return st.heap_allocsz_bytes;
}

/* CLOCK_MONOTONIC in ms */
static inline uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/*
 * Whether a loop polling an mcm port whose lower port reads @p ring may stop: the ring is
 * empty and nothing came for 20 ms (@p last_ms: when something last came, or the ring was
 * last seen holding frames). A burst finds nothing while the control thread polls the queue
 * for an application that does not (and on a busy machine it may be descheduled holding
 * it), so a count of empty bursts is not enough.
 */
static inline bool
test_rx_quiet(struct rte_ring *ring, uint64_t last_ms)
{
	return rte_ring_count(ring) == 0 && now_ms() - last_ms >= 20;
}

/* Wait up to @p ms for the link of @p port: 0, or -1 if it stays down. */
static inline int
test_wait_link(uint16_t port, unsigned int ms)
{
	struct rte_eth_link link;
	unsigned int i;

	for (i = 0; i < ms / 50; i++) {
		if (rte_eth_link_get_nowait(port, &link) == 0 && link.link_status)
			return 0;
		rte_delay_ms(50);
	}
	return -1;
}

/*
 * EAL in this process with two mcm ports over a memif pair: net_mcm0 on net_memif0 (server),
 * net_mcm1 on net_memif1 (client), each with its devargs after lower= (@p args0, @p args1);
 * a pool of @p nb_mbuf mbufs, both ports up with one queue pair and their links up.
 * @return 0, or -1 with the reason printed
 */
static inline int
test_memif_pair(const char *argv0, const char *args0, const char *args1, unsigned int nb_mbuf,
		uint16_t *p0, uint16_t *p1, struct rte_mempool **mp)
{
	char sock[108], v0[160], v1[160], v2[400], v3[400], prefix[64];
	char *eal[] = { (char *)(uintptr_t)argv0, "-l", "0-1", "--no-huge", "-m", "512",
			"--no-pci", "--file-prefix", prefix, "--vdev", v0, "--vdev", v1, "--vdev",
			v2, "--vdev", v3, "--log-level", "pmd.net.mcm:warning", NULL };

	snprintf(prefix, sizeof(prefix), "mcm-test-%d", getpid());
	test_sock_path(sock, sizeof(sock), "mcm-test");
	snprintf(v0, sizeof(v0), "net_memif0,role=server,socket=%s", sock);
	snprintf(v1, sizeof(v1), "net_memif1,role=client,socket=%s", sock);
	snprintf(v2, sizeof(v2), "net_mcm0,lower=net_memif0,%s", args0);
	snprintf(v3, sizeof(v3), "net_mcm1,lower=net_memif1,%s", args1);
	if (rte_eal_init((int)RTE_DIM(eal) - 1, eal) < 0) {
		printf("FAIL: rte_eal_init\n");
		return -1;
	}
	if (rte_eth_dev_get_port_by_name("net_mcm0", p0) != 0 ||
	    rte_eth_dev_get_port_by_name("net_mcm1", p1) != 0) {
		printf("FAIL: no mcm ports\n");
		return -1;
	}
	*mp = rte_pktmbuf_pool_create("test_pool", nb_mbuf, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				      rte_socket_id());
	if (*mp == NULL || test_port_up(*p0, 1, *mp) != 0 || test_port_up(*p1, 1, *mp) != 0 ||
	    test_wait_link(*p0, 5000) || test_wait_link(*p1, 5000)) {
		printf("FAIL: ports did not come up\n");
		return -1;
	}
	return 0;
}

#ifdef MCM_TEST_CALLS
/*
 * Switched-call helpers of the programs that make calls between two mcm ports, port A on
 * the user side and port B on the network side of the UNI (test_mcm_svc, test_mcm_p2mp,
 * test_mcm_ring). Define MCM_TEST_CALLS before including this header; the program owns the
 * globals below. CHECK comes from mcm_check.h.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <rte_bus_vdev.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_malloc.h>

#include "mcm_check.h"
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
static int verbose;              /* MCM_SVC_DEBUG set: events and the signalling trace */
static const char *ports_extra = "";  /* more devargs for both ports, e.g. ",max_vcs=N" */
static const char *eal_mem = "512";   /* EAL memory, MB (-m) */

static inline void
sleep_ms(unsigned int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

static inline void
hex_to_aesa(const char *hex, uint8_t *out)
{
	unsigned int i;

	for (i = 0; i < RTE_PMD_MCM_AESA_LEN; i++) {
		char two[3] = { hex[2 * i], hex[2 * i + 1], 0 };

		out[i] = (uint8_t)strtoul(two, NULL, 16);
	}
}

static inline const char *
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
		[RTE_PMD_MCM_EV_INCOMING_PARTY] = "INCOMING_PARTY",
		[RTE_PMD_MCM_EV_VC_OPER] = "VC_OPER",
	};

	return type < RTE_DIM(names) && names[type] != NULL ? names[type] : "?";
}

static inline void
ev_print(const char *what, uint16_t port, uint32_t client, const struct rte_pmd_mcm_event *ev)
{
	printf("  %s port %u client %u: %s call %u party %u status %d cause %u up %u\n", what,
	       port, client, ev_name(ev->type), ev->call_id, ev->party_id, ev->status, ev->cause,
	       ev->up);
}

/*
 * Wait up to @p ms for an event of @p type on a client (and of call @p call_id unless 0),
 * polling every 10 ms. Other events are skipped (printed when verbose).
 */
static inline int
wait_event(uint16_t port, uint32_t client, uint8_t type, uint32_t call_id, unsigned int ms,
	   struct rte_pmd_mcm_event *ev)
{
	uint64_t end = now_ms() + ms;

	do {
		int rc = rte_pmd_mcm_event_get(port, client, ev);

		if (rc == 0) {
			if (verbose)
				ev_print("event", port, client, ev);
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
static inline void
drain_events(uint16_t port, uint32_t client)
{
	struct rte_pmd_mcm_event ev;

	while (rte_pmd_mcm_event_get(port, client, &ev) == 0)
		if (verbose)
			ev_print("drained", port, client, &ev);
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

static inline void *
maker_main(void *arg)
{
	struct maker *mk = arg;

	mk->rc = rte_pmd_mcm_call_make(mk->port, mk->client, &mk->params, &mk->info, &mk->cause);
	__atomic_store_n(&mk->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static inline void
call_params(struct rte_pmd_mcm_call_params *p, const uint8_t *called)
{
	memset(p, 0, sizeof(*p));
	memcpy(p->called, called, RTE_PMD_MCM_AESA_LEN);
	p->encap = RTE_PMD_MCM_ENCAP_LLC;
}

/* Start a call with @p p (NULL: a point-to-point call to @p called with call_params()). */
static inline int
maker_start_params(struct maker *mk, uint16_t port, uint32_t client, const uint8_t *called,
		   const struct rte_pmd_mcm_call_params *p)
{
	memset(mk, 0, sizeof(*mk));
	mk->port = port;
	mk->client = client;
	mk->rc = -EINPROGRESS;
	if (p != NULL)
		mk->params = *p;
	else
		call_params(&mk->params, called);
	return pthread_create(&mk->thread, NULL, maker_main, mk);
}

static inline int
maker_start(struct maker *mk, uint16_t port, uint32_t client, const uint8_t *called)
{
	return maker_start_params(mk, port, client, called, NULL);
}

/* Join the maker; its call_make has its own (longer) timeout, so this always returns. */
static inline int
maker_join(struct maker *mk)
{
	pthread_join(mk->thread, NULL);
	return mk->rc;
}

/* Find a call by its id in the port's list. */
static inline int
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

static inline int
count_calls(uint16_t port)
{
	static struct rte_pmd_mcm_call_info list[MAX_CALLS];

	return rte_pmd_mcm_call_list(port, list, MAX_CALLS);
}

/* One switched call from A's client to B's SAP, answered on B by the main thread. */
struct svc {
	uint32_t id_a, id_b;
	uint16_t vpi, vci;
	struct rte_pmd_mcm_event incoming;   /* B's INCOMING_CALL */
};

/*
 * Make the call @p p (NULL: point-to-point to addr_b) from A's client, accept it on B.
 * @return 0 with the A and B call ids and the VC when the call connected on both sides.
 */
static inline int
connect_call_params(struct svc *s, int check_lists, const struct rte_pmd_mcm_call_params *p)
{
	struct rte_pmd_mcm_event ev;
	struct rte_pmd_mcm_call_info ia, ib;
	struct maker mk;
	int rc;

	memset(s, 0, sizeof(*s));
	if (maker_start_params(&mk, pa, cla, addr_b, p) != 0) {
		CHECK(0, "pthread_create");
		return -1;
	}
	rc = wait_event(pb, clb, RTE_PMD_MCM_EV_INCOMING_CALL, 0, 5000, &ev);
	CHECK(rc == 0, "B's client got no INCOMING_CALL (%d)", rc);
	if (rc == 0) {
		s->incoming = ev;
		CHECK(ev.vci >= 32, "offered VC %u/%u", ev.vpi, ev.vci);
		CHECK(memcmp(ev.params.called, mk.params.called, RTE_PMD_MCM_AESA_LEN) == 0,
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

static inline int
connect_call(struct svc *s, int check_lists)
{
	return connect_call_params(s, check_lists, NULL);
}

/* B's waiting events: each incoming call accepted at once, each CALL_RELEASED counted.
 * @return 1 if there was any event.
 */
static inline int
b_answer_all(unsigned int *answered, unsigned int *answer_err, unsigned int *released)
{
	struct rte_pmd_mcm_event ev;
	int got = 0;

	while (rte_pmd_mcm_event_get(pb, clb, &ev) == 0) {
		got = 1;
		if (ev.type == RTE_PMD_MCM_EV_INCOMING_CALL) {
			if (rte_pmd_mcm_call_answer(pb, clb, ev.call_id, 1, 0) == 0)
				(*answered)++;
			else
				(*answer_err)++;
		} else if (ev.type == RTE_PMD_MCM_EV_CALL_RELEASED) {
			(*released)++;
		}
	}
	return got;
}

/* After a test: no call left on either port (a release may still be crossing: a moment
 * first), and no event left behind for the next test.
 */
static inline void
calls_none_left(void)
{
	rte_delay_ms(20);
	CHECK(count_calls(pa) == 0 && count_calls(pb) == 0, "calls left: %d %d",
	      count_calls(pa), count_calls(pb));
	drain_events(pa, cla);
	drain_events(pb, clb);
}

/*
 * Release the call @p s from A (@p from_a) or B: the other side's client gets CALL_RELEASED
 * with cause 16 and the VC is gone on both ports. Events are left for the caller to drain.
 */
static inline void
release_call(const struct svc *s, int from_a)
{
	struct rte_pmd_mcm_vc_info info;
	struct rte_pmd_mcm_event ev;
	int rc;

	rc = from_a ? rte_pmd_mcm_call_release(pa, cla, s->id_a, 0) :
		      rte_pmd_mcm_call_release(pb, clb, s->id_b, 0);
	CHECK(rc == 0, "release from %s: %d", from_a ? "A" : "B", rc);
	rc = from_a ? wait_event(pb, clb, RTE_PMD_MCM_EV_CALL_RELEASED, s->id_b, 3000, &ev) :
		      wait_event(pa, cla, RTE_PMD_MCM_EV_CALL_RELEASED, s->id_a, 3000, &ev);
	CHECK(rc == 0 && ev.cause == 16, "%s: CALL_RELEASED %d cause %u (expected 16)",
	      from_a ? "B" : "A", rc, rc == 0 ? ev.cause : 0);
	CHECK(rte_pmd_mcm_vc_info_get(pa, s->vpi, s->vci, &info) == -ENOENT,
	      "A: VC still there");
	CHECK(rte_pmd_mcm_vc_info_get(pb, s->vpi, s->vci, &info) == -ENOENT,
	      "B: VC still there");
}

/* What traffic_of() sends: frames of min_len..1500 bytes made by make(), which ok() checks
 * and reads the sequence of (0 for a frame that is not whole or not one of make()'s).
 */
struct traffic_kind {
	uint32_t min_len;
	struct rte_mbuf *(*make)(const void *arg, uint32_t len, uint32_t seq);
	int (*ok)(const void *arg, const struct rte_mbuf *m, uint32_t *seq);
	const void *arg;
};

/*
 * Send @p n frames of @p k with rte_pmd_mcm_vc_send on @p tx; receive them on @p rx and
 * check them (whole, on @p vc, in order). @return the number received intact.
 */
static inline unsigned int
traffic_of(uint16_t tx, uint16_t rx, rte_pmd_mcm_vc_t vc, unsigned int n,
	   const struct traffic_kind *k, const char *what)
{
	unsigned int sent = 0, got = 0, bad = 0, order = 0, wrong_vc = 0, idle = 0;
	uint32_t expect = 0;

	while ((sent < n || got < n) && idle < 5000) {
		struct rte_mbuf *b[BURST];
		uint16_t j = 0, i, r;

		while (sent + j < n && j < BURST) {
			b[j] = k->make(k->arg, k->min_len + rnd() % (1500 - k->min_len + 1),
				       sent + j);
			if (b[j] == NULL)
				break;
			j++;
		}
		/* consumed = sent or dropped: all of them must go, so resend nothing */
		r = j ? rte_pmd_mcm_vc_send(tx, 0, vc, b, j) : 0;
		rte_pktmbuf_free_bulk(&b[r], j - r);
		sent += r;
		r = rte_eth_rx_burst(rx, 0, b, BURST);
		idle = r ? 0 : idle + 1;
		for (i = 0; i < r; i++) {
			rte_pmd_mcm_vc_t v;
			uint32_t seq;

			if (!k->ok(k->arg, b[i], &seq)) {
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
	return got - bad - wrong_vc;
}

static inline struct rte_mbuf *
traffic_eth_make(const void *arg, uint32_t len, uint32_t seq)
{
	(void)arg;
	return test_frame_make(mp, len, seq, NULL);
}

static inline int
traffic_eth_ok(const void *arg, const struct rte_mbuf *m, uint32_t *seq)
{
	(void)arg;
	return test_frame_ok(m, seq);
}

/* traffic_of() with Ethernet frames of 60..1500 bytes (test_frame_make). */
static inline unsigned int
traffic(uint16_t tx, uint16_t rx, rte_pmd_mcm_vc_t vc, unsigned int n, const char *what)
{
	static const struct traffic_kind eth = { 60, traffic_eth_make, traffic_eth_ok, NULL };

	return traffic_of(tx, rx, vc, n, &eth, what);
}

/* Receive and free what arrives on queue 0 of @p port for @p ms. @return frames seen. */
static inline unsigned int
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

/* SSCOP comes up on both ports: each client sees LINK_STATUS up within 10 s. */
static inline int
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

/*
 * The mcm ports over two lower ports already probed, each port's client opened right after
 * its probe, before that port's signalling can come up (signalling runs from probe on; a
 * client opened later gets no LINK_STATUS event for a link already up).
 */
static inline int
make_mcm_ports(const char *lower_a, const char *lower_b)
{
	char args[200];
	int rc;

	snprintf(args, sizeof(args), "lower=%s,role=user,addr=" ADDR_A "%s", lower_a, ports_extra);
	rc = rte_vdev_init("net_mcm0", args);
	CHECK(rc == 0 && rte_eth_dev_get_port_by_name("net_mcm0", &pa) == 0, "net_mcm0: %d", rc);
	if (rc != 0)
		return -1;
	rc = rte_pmd_mcm_client_open(pa, &cla);
	CHECK(rc == 0 && cla != RTE_PMD_MCM_BRIDGE_CLIENT, "client on A: %d", rc);
	if (rc != 0)
		return -1;
	snprintf(args, sizeof(args), "lower=%s,role=network,addr=" ADDR_B "%s", lower_b,
		 ports_extra);
	rc = rte_vdev_init("net_mcm1", args);
	CHECK(rc == 0 && rte_eth_dev_get_port_by_name("net_mcm1", &pb) == 0, "net_mcm1: %d", rc);
	if (rc != 0)
		return -1;
	rc = rte_pmd_mcm_client_open(pb, &clb);
	CHECK(rc == 0 && clb != RTE_PMD_MCM_BRIDGE_CLIENT, "client on B: %d", rc);
	return rc;
}

/* A memif pair (server net_memif0, client net_memif1, a socket named after @p tag) and the
 * mcm ports on it (make_mcm_ports); the memif port ids in @p mem0 and @p mem1.
 */
static inline int
make_memif_mcm_ports(const char *tag, uint16_t *mem0, uint16_t *mem1)
{
	char sock[108], args[160];
	int rc;

	test_sock_path(sock, sizeof(sock), tag);
	snprintf(args, sizeof(args), "role=server,socket=%s", sock);
	rc = rte_vdev_init("net_memif0", args);
	CHECK(rc == 0, "net_memif0: %d", rc);
	snprintf(args, sizeof(args), "role=client,socket=%s", sock);
	rc = rte_vdev_init("net_memif1", args);
	CHECK(rc == 0, "net_memif1: %d", rc);
	CHECK(rte_eth_dev_get_port_by_name("net_memif0", mem0) == 0 &&
	      rte_eth_dev_get_port_by_name("net_memif1", mem1) == 0, "memif ports");
	return make_mcm_ports("net_memif0", "net_memif1");
}

/* Start both mcm ports with one queue pair, then wait for the signalling link. @return 0,
 * 1 (started, no link: the call tests cannot run) or -1 (not started).
 */
static inline int
calls_ports_start(void)
{
	if (test_port_up(pa, 1, mp) != 0 || test_port_up(pb, 1, mp) != 0) {
		printf("FAIL: ports did not start\n");
		return -1;
	}
	printf("ports started\n");
	if (test_link_up() != 0) {
		printf("FAIL: no signalling link, the call tests cannot run\n");
		return 1;
	}
	return 0;
}

/* A SAP for @p addr on B's client; its id (0 after a failed check). */
static inline uint32_t
sap_add_b(const uint8_t *addr)
{
	struct rte_pmd_mcm_sap sap;
	uint32_t id = 0;
	int rc;

	memset(&sap, 0, sizeof(sap));
	memcpy(sap.addr, addr, sizeof(sap.addr));
	rc = rte_pmd_mcm_sap_register(pb, clb, &sap, &id);
	CHECK(rc == 0 && id != 0, "SAP on B: %d", rc);
	return id;
}

/* EAL in process on @p lcores, no hugepages, file prefix @p tag-PID; the mempool. */
static inline int
calls_eal_init(const char *argv0, const char *tag, const char *lcores)
{
	static char prefix[64];
	char *eal[] = { (char *)(uintptr_t)argv0, "-l", (char *)(uintptr_t)lcores,
			"--no-huge", "-m", (char *)(uintptr_t)eal_mem, "--no-pci",
			"--file-prefix", prefix,
			"--log-level", "pmd.net.mcm:warning", NULL, NULL, NULL };
	int neal = (int)RTE_DIM(eal) - 3;

	verbose = getenv("MCM_SVC_DEBUG") != NULL;
	if (verbose) {
		/* the signalling trace */
		eal[neal - 1] = "pmd.net.mcm:debug";
		eal[neal++] = "--log-level";
		eal[neal++] = "pmd.net.mcm.uni:debug";
	}
	hex_to_aesa(ADDR_B, addr_b);
	snprintf(prefix, sizeof(prefix), "%s-%d", tag, getpid());
	if (rte_eal_init(neal, eal) < 0) {
		printf("FAIL: rte_eal_init\n");
		return -1;
	}
	mp = rte_pktmbuf_pool_create("calls_pool", NB_MBUF, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				     rte_socket_id());
	CHECK(mp != NULL, "mempool");
	return mp != NULL ? 0 : -1;
}

/* After many calls: no call and no VC left on either port, every mbuf back (the mempool's
 * in-use count at @p baseline once both ports are drained), no event left behind.
 */
static inline void
calls_all_gone(unsigned int baseline)
{
	struct rte_pmd_mcm_vc_info vi[4];
	unsigned int ta = 1, tb = 1, in_use;

	CHECK(count_calls(pa) == 0 && count_calls(pb) == 0, "calls left: A %d, B %d",
	      count_calls(pa), count_calls(pb));
	rte_pmd_mcm_vc_list(pa, vi, RTE_DIM(vi), 0, &ta);
	rte_pmd_mcm_vc_list(pb, vi, RTE_DIM(vi), 0, &tb);
	CHECK(ta == 0 && tb == 0, "VCs left: A %u, B %u", ta, tb);
	if (ta != 0 && rte_pmd_mcm_vc_list(pa, vi, 1, 0, NULL) == 1)
		printf("  A's first VC left: %u/%u is_pvc %u state %u\n", vi[0].vpi, vi[0].vci,
		       vi[0].is_pvc, vi[0].state);
	drain_rx(pa, 20);
	drain_rx(pb, 20);
	in_use = rte_mempool_in_use_count(mp);
	CHECK(in_use == baseline, "mempool in use %u after the calls, baseline %u", in_use,
	      baseline);
	drain_events(pa, cla);
	drain_events(pb, clb);
}

/*
 * Stop and close the mcm ports, then their lower ports when they are still there (they may
 * have gone with their owner).
 */
static inline void
calls_close_ports(uint16_t low_a, uint16_t low_b)
{
	printf("closing\n");
	drain_rx(pa, 20);
	drain_rx(pb, 20);
	CHECK(rte_eth_dev_stop(pa) == 0 && rte_eth_dev_stop(pb) == 0, "stop mcm ports");
	CHECK(rte_eth_dev_close(pa) == 0 && rte_eth_dev_close(pb) == 0, "close mcm ports");
	if (rte_eth_dev_is_valid_port(low_a))
		CHECK(rte_eth_dev_close(low_a) == 0, "close lower port A");
	if (rte_eth_dev_is_valid_port(low_b))
		CHECK(rte_eth_dev_close(low_b) == 0, "close lower port B");
}

/*
 * The usual start of a call test: EAL on lcore 0 (calls_eal_init), the mcm ports over a memif
 * pair named after @p tag (their lower ports' ids in @p mem0 and @p mem1), started with the
 * signalling link up, a SAP for addr_b on B (its id in @p sap_id) and both ports' receive
 * queues drained. @return 0; 1 when the link did not come up (the caller goes on to
 * calls_close_ports); -1 when there is nothing to close (return test_summary() | 1).
 */
static inline int
calls_memif_begin(const char *argv0, const char *tag, uint16_t *mem0, uint16_t *mem1,
		  uint32_t *sap_id)
{
	int rc;

	*mem0 = RTE_MAX_ETHPORTS;
	*mem1 = RTE_MAX_ETHPORTS;
	*sap_id = 0;
	if (calls_eal_init(argv0, tag, "0") != 0 || make_memif_mcm_ports(tag, mem0, mem1) != 0) {
		printf("FAIL: no ports\n");
		return -1;
	}
	rc = calls_ports_start();
	if (rc != 0)
		return rc;
	*sap_id = sap_add_b(addr_b);
	drain_rx(pa, 20);
	drain_rx(pb, 20);
	return 0;
}

/* The usual end of the call tests: B's SAP @p sap_id (0: none) and both clients go. */
static inline void
calls_clients_close(uint32_t sap_id)
{
	int rc;

	if (sap_id != 0)
		CHECK(rte_pmd_mcm_sap_deregister(pb, clb, sap_id) == 0, "SAP deregister");
	rc = rte_pmd_mcm_client_close(pa, cla);
	CHECK(rc == 0, "close client on A: %d", rc);
	rc = rte_pmd_mcm_client_close(pb, clb);
	CHECK(rc == 0, "close client on B: %d", rc);
}

/* After calls_close_ports: every mbuf is back in the mempool; free it, clean EAL up. */
static inline void
calls_finish(void)
{
	unsigned int in_use = rte_mempool_in_use_count(mp);

	CHECK(in_use == 0, "mempool in use %u after close", in_use);
	rte_mempool_free(mp);
	rte_eal_cleanup();
}

/*
 * The whole of a call test over memif: calls_memif_begin, then @p tests with the mempool's
 * in-use count as its baseline (when the signalling link came up), then the clients, the
 * ports and EAL go. @return the process's exit status.
 */
static inline int
calls_memif_main(const char *argv0, const char *tag, void (*tests)(unsigned int baseline))
{
	uint16_t mem0, mem1;
	uint32_t sap_id;
	int rc;

	setvbuf(stdout, NULL, _IOLBF, 0);
	rc = calls_memif_begin(argv0, tag, &mem0, &mem1, &sap_id);
	if (rc < 0)
		return test_summary() | 1;
	if (rc == 0) {
		tests(rte_mempool_in_use_count(mp));
		calls_clients_close(sap_id);
	}
	/* the memif ports may already have gone with their owners */
	calls_close_ports(mem0, mem1);
	calls_finish();
	return test_summary();
}
#endif /* MCM_TEST_CALLS */

#endif /* MCM_TEST_H */
