/* SPDX-License-Identifier: BSD-3-Clause
 * A user and a network call-control instance back to back through the real SAAL: SSCF-UNI
 * (Q.2130) over SSCOP (Q.2110) on a simulated link that loses PDUs (in order, no
 * duplication: what the pseudowire can do). SSCOP recovers the losses, so every call must
 * set up and clear; then the link is cut with calls active (T309) and comes back.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_sscf_uni.h"
#include "mcm_check.h"
#include "uni_harness.h"

#define NS_PER_MS 1000000ull
#define LINK_DELAY_NS (2 * NS_PER_MS)



struct pdu {
	uint64_t at;
	uint16_t len;
	uint8_t data[HQ_SLOT + 64];
};

/* deferred AAL signal: delivered to call control outside the SSCF-UNI call stack */
struct sig {
	enum mcm_sscf_uni_signal s;
	uint16_t len;
	uint8_t data[HQ_SLOT];
};

struct side {
	struct h_ep h;              /* call control and its event log */
	struct mcm_sscf_uni *f;
	struct pdu *rxq;            /* PDUs in flight towards this side */
	size_t rx_head, rx_n, rx_cap;
	struct sig *sigq;
	size_t sig_head, sig_n, sig_cap;
	struct side *peer;
	uint32_t lost, sent;
};

static uint64_t now_ns, rng = 0x9e3779b97f4a7c15ull;
static double loss = 0.1;
static bool link_cut;

static double
unif(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return ((rng * 2685821657736338717ull) >> 11) * (1.0 / 9007199254740992.0);
}

static void
grow(void **p, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return;
	*cap = *cap ? *cap * 2 : 64;
	*p = realloc(*p, *cap * elem);
	if (*p == NULL)
		abort();
}

/* SSCOP PDU to the link: lost with probability 'loss', else delivered after the delay */
static void
send_pdu(void *arg, const uint8_t *pdu, size_t len)
{
	struct side *s = arg, *d = s->peer;
	struct pdu *p;

	s->sent++;
	if (link_cut || unif() < loss) {
		s->lost++;
		return;
	}
	if (d->rx_head + d->rx_n == d->rx_cap && d->rx_head > 0) {
		memmove(d->rxq, d->rxq + d->rx_head, d->rx_n * sizeof(*d->rxq));
		d->rx_head = 0;
	}
	grow((void **)&d->rxq, &d->rx_cap, d->rx_head + d->rx_n, sizeof(*d->rxq));
	p = &d->rxq[d->rx_head + d->rx_n++];
	p->at = now_ns + LINK_DELAY_NS;
	p->len = (uint16_t)len;
	memcpy(p->data, pdu, len);
}

static void
signal_cb(void *arg, enum mcm_sscf_uni_signal sig, const uint8_t *data, size_t len)
{
	struct side *s = arg;
	struct sig *q;

	if (s->sig_head + s->sig_n == s->sig_cap && s->sig_head > 0) {
		memmove(s->sigq, s->sigq + s->sig_head, s->sig_n * sizeof(*s->sigq));
		s->sig_head = 0;
	}
	grow((void **)&s->sigq, &s->sig_cap, s->sig_head + s->sig_n, sizeof(*s->sigq));
	q = &s->sigq[s->sig_head + s->sig_n++];
	q->s = sig;
	q->len = (uint16_t)(len < HQ_SLOT ? len : HQ_SLOT);
	if (q->len)
		memcpy(q->data, data, q->len);
}

/* call control -> AAL-DATA.request: taken from the harness queue, see pump() */

static void
side_init(struct side *s, const char *name, enum mcm_uni_side role, uint32_t max_calls)
{
	struct mcm_sscf_uni_cbs cbs = { .send_pdu = send_pdu, .signal = signal_cb, .arg = s };

	memset(s, 0, sizeof(*s));
	h_init(&s->h, name, role, max_calls, NULL);
	s->f = mcm_sscf_uni_create(NULL, &cbs);
	if (s->h.u == NULL || s->f == NULL)
		abort();
}

static void
side_fini(struct side *s)
{
	h_fini(&s->h);
	mcm_sscf_uni_destroy(s->f);
	free(s->rxq);
	free(s->sigq);
}

/* One step of everything that is due at now_ns; true if anything happened. */
static bool
step(struct side *sd)
{
	uint64_t ms = now_ns / NS_PER_MS;
	bool any = false;
	uint8_t b[HQ_SLOT];
	size_t len;

	/* PDUs that arrived */
	while (sd->rx_n && sd->rxq[sd->rx_head].at <= now_ns) {
		struct pdu p = sd->rxq[sd->rx_head];

		sd->rx_head++;
		sd->rx_n--;
		mcm_sscf_uni_input(sd->f, now_ns, p.data, p.len);
		any = true;
	}
	/* AAL primitives to call control */
	while (sd->sig_n) {
		struct sig q = sd->sigq[sd->sig_head];

		sd->sig_head++;
		sd->sig_n--;
		sd->h.now = ms;
		switch (q.s) {
		case MCM_AAL_ESTABLISH_IND:
		case MCM_AAL_ESTABLISH_CONF:
			mcm_uni_saal_established(sd->h.u, ms);
			break;
		case MCM_AAL_RELEASE_IND:
		case MCM_AAL_RELEASE_CONF:
			mcm_uni_saal_released(sd->h.u, ms);
			break;
		case MCM_AAL_DATA_IND:
		case MCM_AAL_UNITDATA_IND:
			mcm_uni_input(sd->h.u, q.data, q.len, ms);
			break;
		}
		any = true;
	}
	/* AAL-ESTABLISH.request from call control */
	if (sd->h.establish_requests) {
		sd->h.establish_requests = 0;
		mcm_sscf_uni_establish_req(sd->f, now_ns);
		any = true;
	}
	/* AAL-DATA.request: messages call control sent */
	while (h_take(&sd->h, b, &len)) {
		int rc = mcm_sscf_uni_data_req(sd->f, now_ns, b, len);

		CHECK(rc == 0, "%s: AAL-DATA.request %d", sd->h.name, rc);
		any = true;
	}
	mcm_sscf_uni_tick(sd->f, now_ns);
	mcm_uni_tick(sd->h.u, ms);
	return any;
}

static uint64_t
next_event(struct side *s)
{
	uint64_t t = mcm_sscf_uni_next_deadline(s->f);
	uint64_t u = mcm_uni_next_deadline(s->h.u);

	if (u != UINT64_MAX && u * NS_PER_MS < t)
		t = u * NS_PER_MS;
	if (s->rx_n && s->rxq[s->rx_head].at < t)
		t = s->rxq[s->rx_head].at;
	return t;
}

/* Run the virtual world until @until (ns), or until quiet when @until is 0. */
static void
run(struct side *a, struct side *b, uint64_t until)
{
	for (;;) {
		uint64_t t;

		for (;;) {
			bool pa = step(a);
			bool pb = step(b);

			if (!pa && !pb)
				break;
		}
		t = next_event(a);
		if (next_event(b) < t)
			t = next_event(b);
		if (until == 0) {
			/* quiet: only SSCOP keep-alive timers are left (they never stop) */
			if (!a->rx_n && !b->rx_n && mcm_uni_next_deadline(a->h.u) == UINT64_MAX &&
			    mcm_uni_next_deadline(b->h.u) == UINT64_MAX && !a->sig_n && !b->sig_n &&
			    h_pending(&a->h) == 0 && h_pending(&b->h) == 0 &&
			    mcm_sscf_uni_state(a->f) != MCM_SSCF_UNI_AWAITING_ESTABLISH &&
			    mcm_sscf_uni_state(b->f) != MCM_SSCF_UNI_AWAITING_ESTABLISH) {
				uint32_t txq, txbuf, rxbuf;

				mcm_sscop_queue_lens(mcm_sscf_uni_sscop(a->f), &txq, &txbuf,
						     &rxbuf);
				if (txq + txbuf == 0) {
					mcm_sscop_queue_lens(mcm_sscf_uni_sscop(b->f), &txq, &txbuf,
							     &rxbuf);
					if (txq + txbuf == 0)
						return;
				}
			}
		} else if (t > until) {
			now_ns = until;
			return;
		}
		if (t == UINT64_MAX)
			return;
		if (t > now_ns)
			now_ns = t;
	}
}

int
main(void)
{
	struct side usr, net;
	struct mcm_uni_stats su, sn;
	struct mcm_uni_msg m;
	uint32_t calls[200], i, active = 0;

	side_init(&usr, "user", MCM_UNI_SIDE_USER, 256);
	side_init(&net, "network", MCM_UNI_SIDE_NETWORK, 256);
	usr.peer = &net;
	net.peer = &usr;
	net.h.answer = H_ANS_ALERT_CONNECT;

	/* the user's call control asks for the link with its first SETUP */
	h_setup_msg(&m, false);
	CHECK(mcm_uni_setup_request(usr.h.u, &m, &calls[0], 0) == -ENOTCONN, "no link yet");
	run(&usr, &net, 0);
	CHECK(mcm_uni_link_state(usr.h.u) == MCM_UNI_LINK_UP &&
	      mcm_uni_link_state(net.h.u) == MCM_UNI_LINK_UP, "SAAL up both sides");

	/* 200 calls over a link losing 10 % of the SSCOP PDUs each way */
	for (i = 0; i < 200; i++) {
		CHECK(mcm_uni_setup_request(usr.h.u, &m, &calls[i], now_ns / NS_PER_MS) == 0,
		      "setup %u", i);
		if (i % 20 == 19)
			run(&usr, &net, 0);
	}
	run(&usr, &net, 0);
	for (i = 0; i < 200; i++)
		active += mcm_uni_call_state(usr.h.u, calls[i]) == MCM_UNI_CS_ACTIVE;
	CHECK(active == 200, "%u of 200 calls active", active);
	CHECK(usr.lost > 0 && net.lost > 0, "the link lost PDUs (%u, %u)", usr.lost, net.lost);

	/* half released by each side */
	for (i = 0; i < 100; i++)
		mcm_uni_release_request(usr.h.u, calls[i], MCM_UNI_CAUSE_NORMAL,
					now_ns / NS_PER_MS);
	for (i = 100; i < 200; i++) {
		uint32_t cref, nc;

		mcm_uni_call_info(usr.h.u, calls[i], &cref, NULL, NULL, NULL);
		nc = mcm_uni_call_by_cref(net.h.u, cref, false);
		if (i < 150)
			mcm_uni_release_request(net.h.u, nc, MCM_UNI_CAUSE_NORMAL,
						now_ns / NS_PER_MS);
	}
	run(&usr, &net, 0);
	mcm_uni_get_stats(usr.h.u, &su);
	mcm_uni_get_stats(net.h.u, &sn);
	CHECK(su.calls_in_use == 50 && sn.calls_in_use == 50, "50 calls left (%u, %u)",
	      su.calls_in_use, sn.calls_in_use);

	/* the link is cut: SSCOP notices (Timer_IDLE, then Timer_NO-RESPONSE), T309 runs; the
	 * link returns before it expires */
	link_cut = true;
	for (i = 0; i < 60 && mcm_uni_link_state(usr.h.u) == MCM_UNI_LINK_UP; i++)
		run(&usr, &net, now_ns + 1000 * NS_PER_MS);
	CHECK(mcm_uni_link_state(usr.h.u) != MCM_UNI_LINK_UP, "user saw the link go");
	CHECK(mcm_uni_next_deadline(usr.h.u) != UINT64_MAX, "T309 running");
	run(&usr, &net, now_ns + 5000 * NS_PER_MS);
	mcm_uni_get_stats(usr.h.u, &su);
	CHECK(su.calls_in_use == 50, "active calls kept while T309 runs (%u)", su.calls_in_use);
	link_cut = false;
	loss = 0;
	/* call control asked for the link when it went; that attempt failed on the cut link,
	 * so the SAAL user (the driver) tries again */
	usr.h.establish_requests = 1;
	run(&usr, &net, 0);
	mcm_uni_get_stats(usr.h.u, &su);
	mcm_uni_get_stats(net.h.u, &sn);
	CHECK(mcm_uni_link_state(usr.h.u) == MCM_UNI_LINK_UP, "link back");
	CHECK(su.calls_in_use == 50 && sn.calls_in_use == 50,
	      "calls survived the outage (%u, %u)", su.calls_in_use, sn.calls_in_use);
	CHECK(mcm_uni_selfcheck(usr.h.u) == 0 && mcm_uni_selfcheck(net.h.u) == 0, "consistent");

	/* cut for good: T309 (10 s) clears them with cause 27 */
	link_cut = true;
	run(&usr, &net, now_ns + 60000 * NS_PER_MS);
	mcm_uni_get_stats(usr.h.u, &su);
	CHECK(su.calls_in_use == 0, "T309 cleared the calls (%u left)", su.calls_in_use);
	CHECK(usr.h.active_vcs == 0, "VCs deactivated");

	printf("SSCOP PDUs lost: user %u of %u, network %u of %u\n", usr.lost, usr.sent,
	       net.lost, net.sent);
	side_fini(&usr);
	side_fini(&net);
	return test_summary();
}
