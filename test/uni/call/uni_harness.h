/* SPDX-License-Identifier: BSD-3-Clause
 * Test harness for the UNI call control: an endpoint wraps one instance with an outbound
 * message queue (the simulated SAAL: assured, in order) and an event log; two endpoints are
 * pumped back to back. Shared by the unit tests and the benchmark.
 */
#ifndef UNI_HARNESS_H
#define UNI_HARNESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_uni.h"

#define HQ_SLOT 1024
#define HEV_CAP 64

/* What an endpoint does by itself on an incoming SETUP. */
enum h_answer {
	H_ANS_NONE,      /* leave it to the test */
	H_ANS_CONNECT,   /* CONNECT at once */
	H_ANS_ALERT_CONNECT, /* CALL PROC (user), ALERTING, CONNECT */
	H_ANS_REJECT,    /* reject with answer_cause */
};

struct h_ev {
	enum mcm_uni_event_type type;
	uint32_t call;
	uint8_t cause, state, restart_class;
	uint16_t epref, vpi, vci;
	uint8_t msg_type;
};

struct h_ep {
	const char *name;
	struct mcm_uni *u;
	/* outbound queue: [length (2 octets), message] records, grows on demand */
	uint8_t *q;
	size_t qcap, qhead, qtail;
	uint32_t qn;
	bool drop;            /* lose what is sent (to exercise timers) */
	uint64_t sent;
	int establish_requests;
	/* events */
	struct h_ev ev[HEV_CAP];
	uint32_t nev;
	uint32_t count[32];
	uint32_t last_setup_call;
	uint32_t active_vcs;
	/* behaviour */
	enum h_answer answer;
	uint8_t answer_cause;
	bool auto_restart_ack;
	int party_answer;     /* 0 none, 1 ack, 2 reject */
	uint64_t now;
	/* optional extra reaction to events, after the built-in one */
	void (*hook)(struct h_ep *e, const struct mcm_uni_event *ev);
	/* optional capture of what is sent: fn(tap_ctx, sender, message) */
	void (*tap)(void *tap_ctx, const struct h_ep *from, const uint8_t *msg, size_t len);
	void *tap_ctx;
};

static inline int
h_send(void *ctx, const uint8_t *msg, size_t len)
{
	struct h_ep *e = ctx;

	e->sent++;
	if (e->tap)
		e->tap(e->tap_ctx, e, msg, len);
	if (e->drop)
		return 0;
	if (len > HQ_SLOT) {
		fprintf(stderr, "%s: message too long\n", e->name);
		abort();
	}
	if (e->qtail + len + 2 > e->qcap) {
		size_t ncap = e->qcap ? e->qcap * 2 : 4096;
		uint8_t *nq;

		while (ncap < e->qtail + len + 2)
			ncap *= 2;
		nq = realloc(e->q, ncap);
		if (nq == NULL)
			abort();
		e->q = nq;
		e->qcap = ncap;
	}
	e->q[e->qtail] = (uint8_t)(len >> 8);
	e->q[e->qtail + 1] = (uint8_t)len;
	memcpy(e->q + e->qtail + 2, msg, len);
	e->qtail += len + 2;
	e->qn++;
	return 0;
}

static inline void
h_establish(void *ctx)
{
	struct h_ep *e = ctx;

	e->establish_requests++;
}

static inline void
h_event(void *ctx, const struct mcm_uni_event *ev)
{
	struct h_ep *e = ctx;
	struct h_ev *r = &e->ev[e->nev % HEV_CAP];

	r->type = ev->type;
	r->call = ev->call;
	r->cause = ev->cause;
	r->state = ev->state;
	r->restart_class = ev->restart_class;
	r->epref = ev->epref;
	r->vpi = ev->vpi;
	r->vci = ev->vci;
	r->msg_type = ev->msg ? ev->msg->type : 0;
	e->nev++;
	if ((unsigned int)ev->type < 32)
		e->count[ev->type]++;
	switch (ev->type) {
	case MCM_UNI_EV_SETUP_IND:
		e->last_setup_call = ev->call;
		switch (e->answer) {
		case H_ANS_CONNECT:
			mcm_uni_connect_request(e->u, ev->call, e->now);
			break;
		case H_ANS_ALERT_CONNECT:
			mcm_uni_proceeding_request(e->u, ev->call, e->now);
			mcm_uni_alert_request(e->u, ev->call, e->now);
			mcm_uni_connect_request(e->u, ev->call, e->now);
			break;
		case H_ANS_REJECT:
			mcm_uni_reject_request(e->u, ev->call, e->answer_cause, e->now);
			break;
		default:
			break;
		}
		break;
	case MCM_UNI_EV_VC_ACTIVATE:
		e->active_vcs++;
		break;
	case MCM_UNI_EV_VC_DEACTIVATE:
		e->active_vcs--;
		break;
	case MCM_UNI_EV_RESTART_IND:
		if (e->auto_restart_ack)
			mcm_uni_restart_response(e->u, e->now);
		break;
	case MCM_UNI_EV_PARTY_ADD_IND:
		if (e->party_answer == 1)
			mcm_uni_add_party_ack_request(e->u, ev->call, ev->epref, e->now);
		else if (e->party_answer == 2)
			mcm_uni_add_party_reject_request(e->u, ev->call, ev->epref,
							 e->answer_cause, e->now);
		break;
	default:
		break;
	}
	if (e->hook)
		e->hook(e, ev);
}

static inline int
h_init(struct h_ep *e, const char *name, enum mcm_uni_side side, uint32_t max_calls,
       void (*tune)(struct mcm_uni_params *))
{
	struct mcm_uni_params p;

	memset(e, 0, sizeof(*e));
	e->name = name;
	e->qcap = 4096;
	e->q = malloc(e->qcap);
	mcm_uni_params_default(&p, side);
	p.max_calls = max_calls;
	if (side == MCM_UNI_SIDE_NETWORK) {
		p.vpi_min = 0;
		p.vpi_max = 15;
	}
	p.ops.send = h_send;
	p.ops.establish_request = h_establish;
	p.ops.event = h_event;
	p.ctx = e;
	if (tune)
		tune(&p);
	e->u = mcm_uni_create(&p);
	e->auto_restart_ack = true;
	return e->u && e->q ? 0 : -1;
}

static inline void
h_fini(struct h_ep *e)
{
	mcm_uni_destroy(e->u);
	free(e->q);
	e->q = NULL;
	e->u = NULL;
}

static inline uint32_t
h_pending(const struct h_ep *e)
{
	return e->qn;
}

/* Take the oldest queued message of @e; false if none. Valid until the next send. */
static inline bool
h_take(struct h_ep *e, uint8_t *out, size_t *len)
{
	size_t l;

	if (e->qn == 0)
		return false;
	l = ((size_t)e->q[e->qhead] << 8) | e->q[e->qhead + 1];
	memcpy(out, e->q + e->qhead + 2, l);
	*len = l;
	e->qhead += l + 2;
	if (--e->qn == 0)
		e->qhead = e->qtail = 0;
	return true;
}

/* Forget everything queued. */
static inline void
h_flush(struct h_ep *e)
{
	e->qn = 0;
	e->qhead = e->qtail = 0;
}

/* Deliver one queued message of @from to @to; false if none. */
static inline bool
h_deliver_one(struct h_ep *from, struct h_ep *to, uint64_t now)
{
	uint8_t b[HQ_SLOT];
	size_t len;

	if (!h_take(from, b, &len))
		return false;
	to->now = now;
	mcm_uni_input(to->u, b, len, now);
	return true;
}

/* Pump both ways until both queues are empty. */
static inline void
h_pump(struct h_ep *a, struct h_ep *b, uint64_t now)
{
	bool any;

	a->now = b->now = now;
	do {
		any = h_deliver_one(a, b, now);
		any |= h_deliver_one(b, a, now);
	} while (any);
}

static inline void
h_link_up(struct h_ep *a, struct h_ep *b, uint64_t now)
{
	mcm_uni_saal_established(a->u, now);
	if (b)
		mcm_uni_saal_established(b->u, now);
}

/* Fill a plausible UBR AAL5 SETUP (mandatory IEs: traffic, bearer, called party). */
static inline void
h_setup_msg(struct mcm_uni_msg *m, bool p2mp)
{
	static const uint8_t aesa[20] = { 0x47, 0x00, 0x05, 0x80, 0xff, 0xe1, 0x00, 0x00,
					  0x00, 0xf2, 0x15, 0x0c, 0x81, 0x00, 0x20, 0x48,
					  0x1a, 0x2b, 0x3c, 0x00 };

	mcm_uni_msg_init(m, MCM_UNI_MSG_SETUP, 0, false);
	m->aal.h.present = true;
	m->aal.type = MCM_UNI_AAL_5;
	m->aal.has_fwd_sdu = m->aal.has_bwd_sdu = true;
	m->aal.fwd_sdu = m->aal.bwd_sdu = 9188;
	m->aal.has_sscs = true;
	m->aal.sscs = 0;
	m->traffic.h.present = true;
	m->traffic.mask = (1u << MCM_UNI_TDI_FPCR) | (1u << MCM_UNI_TDI_BPCR);
	m->traffic.rate[MCM_UNI_TDI_FPCR] = 100000;
	m->traffic.rate[MCM_UNI_TDI_BPCR] = 50000;
	m->traffic.best_effort = true;
	m->bearer.h.present = true;
	m->bearer.bclass = MCM_UNI_BCOB_X;
	m->bearer.has_atc = true;
	m->bearer.atc = 0x0a;
	m->bearer.upcc = p2mp ? 1 : 0;
	m->called.h.present = true;
	m->called.plan = MCM_UNI_PLAN_NSAP;
	m->called.type = MCM_UNI_TON_UNKNOWN;
	m->called.len = 20;
	memcpy(m->called.addr, aesa, 20);
	m->qos.h.present = true;
}

#endif
