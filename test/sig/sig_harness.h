/* SPDX-License-Identifier: BSD-3-Clause
 * Test bench of the signalling entity: endpoints back to back through an in-memory link
 * (in order, fixed delay, optional cut or loss) on a virtual clock. An endpoint is an entity
 * (lib/sig) or a raw SSCF-UNI peer whose Q.2931 answers the test writes itself. Shared by
 * test_sig.c and fuzz_sig.c.
 */
#ifndef SIG_HARNESS_H
#define SIG_HARNESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_check.h"
#include "mcm_sig.h"

#define SH_MS 1000000ull
#define SH_SEC 1000000000ull
#define SH_DELAY (1 * SH_MS)
#define SH_PDU_MAX 4200
#define SH_EV_MAX 512
#define SH_TRACE_MAX 256
#define SH_TRACE_LEN 240

/* What an entity endpoint does by itself with an incoming SETUP (from its event callback,
 * i.e. nested in the entity). */
enum sh_answer {
	SH_ANS_NONE,
	SH_ANS_CONNECT,
	SH_ANS_ALERT_CONNECT,   /* CALL PROCEEDING (user side), ALERTING, CONNECT */
	SH_ANS_REJECT,          /* reject with answer_cause */
};

struct sh_ev {
	enum mcm_uni_event_type type;
	uint32_t call;
	uint8_t cause;
	uint16_t vpi, vci;
};

struct sh_pdu {
	uint64_t at;
	uint16_t len;
	uint8_t data[SH_PDU_MAX];
};

struct sh_ep {
	const char *name;
	struct mcm_sig *s;           /* entity, or NULL for a raw peer */
	struct mcm_sscf_uni *f;      /* raw peer */
	void (*raw_msg)(struct sh_ep *e, const uint8_t *msg, size_t len); /* raw peer input */
	struct sh_ep *peer;
	struct sh_pdu *rxq;          /* PDUs in flight towards this endpoint */
	size_t rx_head, rx_n, rx_cap;
	bool cut;                    /* what this endpoint sends is lost */
	uint32_t loss_pct;           /* what this endpoint sends is lost with this chance */
	int swap_sd;                 /* > 0: hold the next SD and send it after the one after */
	struct sh_pdu held;
	bool holding;
	uint32_t sent, bgn_sent;
	/* events */
	struct sh_ev ev[SH_EV_MAX];
	uint32_t nev;
	uint32_t count[32];
	uint32_t last_setup_call;
	int32_t active_vcs;
	enum sh_answer answer;
	uint8_t answer_cause;
	void (*hook)(struct sh_ep *e, const struct mcm_uni_event *ev);
	/* VCs the user holds outside call control (PVCs): VCI 0 ends the list, VPI 0 */
	uint16_t taken_vci[8];
	/* trace */
	char trace[SH_TRACE_MAX][SH_TRACE_LEN];
	uint32_t ntrace;
	/* raw peer: messages received, decoded later by the test */
	uint8_t raw_q[64][1024];
	uint16_t raw_len[64];
	uint32_t raw_n;
};

#define RTE_DIM_SH(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t sh_now;
static uint64_t sh_rng = 0x9e3779b97f4a7c15ull;
static unsigned long sh_deadline_past; /* ticks after which next_deadline <= now */

static inline uint32_t
sh_rand(void)
{
	sh_rng ^= sh_rng >> 12;
	sh_rng ^= sh_rng << 25;
	sh_rng ^= sh_rng >> 27;
	return (uint32_t)((sh_rng * 2685821657736338717ull) >> 33);
}

static inline void
sh_enqueue(struct sh_ep *d, const uint8_t *pdu, size_t len, uint64_t at)
{
	struct sh_pdu *p;

	if (len > SH_PDU_MAX)
		abort();
	if (d->rx_head + d->rx_n == d->rx_cap && d->rx_head > 0) {
		memmove(d->rxq, d->rxq + d->rx_head, d->rx_n * sizeof(*d->rxq));
		d->rx_head = 0;
	}
	if (d->rx_head + d->rx_n == d->rx_cap) {
		d->rx_cap = d->rx_cap ? d->rx_cap * 2 : 64;
		d->rxq = realloc(d->rxq, d->rx_cap * sizeof(*d->rxq));
		if (d->rxq == NULL)
			abort();
	}
	p = &d->rxq[d->rx_head + d->rx_n++];
	p->at = at;
	p->len = (uint16_t)len;
	memcpy(p->data, pdu, len);
}

static inline void
sh_send_pdu(void *arg, const uint8_t *pdu, size_t len)
{
	struct sh_ep *e = arg;
	struct mcm_sscop_pdu p;
	bool sd = false;

	e->sent++;
	if (mcm_sscop_pdu_decode(pdu, len, &p) == 0) {
		e->bgn_sent += p.type == MCM_SSCOP_BGN;
		sd = p.type == MCM_SSCOP_SD;
	}
	if (e->cut || (e->loss_pct && sh_rand() % 100 < e->loss_pct))
		return;
	if (sd && e->swap_sd > 0 && !e->holding) {
		e->holding = true;
		e->held.len = (uint16_t)len;
		memcpy(e->held.data, pdu, len);
		return;
	}
	sh_enqueue(e->peer, pdu, len, sh_now + SH_DELAY);
	if (sd && e->holding) {
		e->holding = false;
		e->swap_sd--;
		sh_enqueue(e->peer, e->held.data, e->held.len, sh_now + SH_DELAY);
	}
}

static inline void
sh_event(void *arg, const struct mcm_uni_event *ev)
{
	struct sh_ep *e = arg;
	struct sh_ev *r = &e->ev[e->nev % SH_EV_MAX];

	r->type = ev->type;
	r->call = ev->call;
	r->cause = ev->cause;
	r->vpi = ev->vpi;
	r->vci = ev->vci;
	e->nev++;
	if ((unsigned int)ev->type < 32)
		e->count[ev->type]++;
	switch (ev->type) {
	case MCM_UNI_EV_SETUP_IND:
		e->last_setup_call = ev->call;
		switch (e->answer) {
		case SH_ANS_CONNECT:
			CHECK(mcm_sig_connect(e->s, sh_now, ev->call) == 0, "%s: connect", e->name);
			break;
		case SH_ANS_ALERT_CONNECT:
			if (mcm_uni_call_state(mcm_sig_uni(e->s), ev->call) ==
			    MCM_UNI_CS_CALL_PRESENT)
				CHECK(mcm_sig_proceeding(e->s, sh_now, ev->call) == 0,
				      "%s: proceeding", e->name);
			CHECK(mcm_sig_alert(e->s, sh_now, ev->call) == 0, "%s: alert", e->name);
			CHECK(mcm_sig_connect(e->s, sh_now, ev->call) == 0, "%s: connect", e->name);
			break;
		case SH_ANS_REJECT:
			CHECK(mcm_sig_reject(e->s, sh_now, ev->call, e->answer_cause) == 0,
			      "%s: reject", e->name);
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
		mcm_sig_restart_response(e->s, sh_now);
		break;
	default:
		break;
	}
	if (e->hook)
		e->hook(e, ev);
}

static inline void
sh_trace(void *arg, enum mcm_sig_trace_layer layer, bool out, const char *line)
{
	struct sh_ep *e = arg;

	(void)layer;
	(void)out;
	if (e->ntrace < SH_TRACE_MAX)
		snprintf(e->trace[e->ntrace], SH_TRACE_LEN, "%s", line);
	e->ntrace++;
}

static inline bool
sh_vc_taken(void *arg, uint16_t vpi, uint16_t vci)
{
	const struct sh_ep *e = arg;
	unsigned int i;

	for (i = 0; i < RTE_DIM_SH(e->taken_vci) && e->taken_vci[i] != 0; i++)
		if (vpi == 0 && e->taken_vci[i] == vci)
			return true;
	return false;
}

/* An entity endpoint; @p tune may change the parameters. */
static inline void
sh_init(struct sh_ep *e, const char *name, enum mcm_uni_side side,
	void (*tune)(struct mcm_sig_params *))
{
	struct mcm_sig_params p;
	struct mcm_sig_cbs cb = {
		.send_pdu = sh_send_pdu, .event = sh_event, .trace = sh_trace, .arg = e,
		.vc_taken = sh_vc_taken,
	};

	memset(e, 0, sizeof(*e));
	e->name = name;
	mcm_sig_params_default(&p, side);
	p.uni.max_calls = 64;
	if (side == MCM_UNI_SIDE_NETWORK)
		p.uni.vpi_max = 3;
	if (tune)
		tune(&p);
	e->s = mcm_sig_create(&p, &cb);
	if (e->s == NULL)
		abort();
}

/* Raw SSCF-UNI peer: received messages are queued (raw_q) for the test or raw_msg. */
static inline void
sh_raw_signal(void *arg, enum mcm_sscf_uni_signal sig, const uint8_t *d, size_t len)
{
	struct sh_ep *e = arg;

	if (sig != MCM_AAL_DATA_IND || e->raw_n >= 64 || len > 1024)
		return;
	memcpy(e->raw_q[e->raw_n], d, len);
	e->raw_len[e->raw_n++] = (uint16_t)len;
}

static inline void
sh_init_raw(struct sh_ep *e, const char *name)
{
	struct mcm_sscf_uni_cbs cb = { sh_send_pdu, sh_raw_signal, NULL, e };

	memset(e, 0, sizeof(*e));
	e->name = name;
	e->f = mcm_sscf_uni_create(NULL, &cb);
	if (e->f == NULL)
		abort();
}

static inline void
sh_fini(struct sh_ep *e)
{
	mcm_sig_destroy(e->s);
	mcm_sscf_uni_destroy(e->f);
	free(e->rxq);
	e->s = NULL;
	e->f = NULL;
	e->rxq = NULL;
}

static inline void
sh_pair(struct sh_ep *a, struct sh_ep *b)
{
	a->peer = b;
	b->peer = a;
}

static inline uint64_t
sh_next(const struct sh_ep *e)
{
	uint64_t t = e->s ? mcm_sig_next_deadline(e->s) : mcm_sscf_uni_next_deadline(e->f);

	if (e->rx_n && e->rxq[e->rx_head].at < t)
		t = e->rxq[e->rx_head].at;
	return t;
}

/* Everything due at sh_now; true if anything happened. */
static inline bool
sh_step(struct sh_ep *e)
{
	bool any = false;

	while (e->rx_n && e->rxq[e->rx_head].at <= sh_now) {
		struct sh_pdu *p = &e->rxq[e->rx_head];
		uint8_t buf[SH_PDU_MAX];
		uint16_t len = p->len;

		memcpy(buf, p->data, len); /* the queue may grow while this is handled */
		e->rx_head++;
		e->rx_n--;
		if (e->s)
			mcm_sig_input(e->s, sh_now, buf, len);
		else
			mcm_sscf_uni_input(e->f, sh_now, buf, len);
		any = true;
	}
	if (e->f && e->raw_msg) {
		uint32_t i, n = e->raw_n;

		e->raw_n = 0;
		for (i = 0; i < n; i++)
			e->raw_msg(e, e->raw_q[i], e->raw_len[i]);
		any |= n > 0;
	}
	if (e->s && mcm_sig_next_deadline(e->s) <= sh_now) {
		mcm_sig_tick(e->s, sh_now);
		if (mcm_sig_next_deadline(e->s) <= sh_now)
			sh_deadline_past++;
		any = true;
	} else if (e->f && mcm_sscf_uni_next_deadline(e->f) <= sh_now) {
		mcm_sscf_uni_tick(e->f, sh_now);
		any = true;
	}
	return any;
}

/* Run both endpoints until virtual time @p until (ns). */
static inline void
sh_run_until(struct sh_ep *a, struct sh_ep *b, uint64_t until)
{
	for (;;) {
		uint64_t t;
		int guard = 0;

		for (;;) {
			/* both sides step each round, whichever moved */
			bool moved_a = sh_step(a), moved_b = sh_step(b);

			if (!(moved_a || moved_b) || ++guard >= 100000)
				break;
		}
		t = sh_next(a);
		if (sh_next(b) < t)
			t = sh_next(b);
		if (t > until) {
			sh_now = until;
			return;
		}
		if (t <= sh_now && guard >= 100000)
			t = sh_now + 1; /* a deadline stuck in the past: counted, move on */
		if (t > sh_now)
			sh_now = t;
	}
}

static inline void
sh_run(struct sh_ep *a, struct sh_ep *b, uint64_t ns)
{
	sh_run_until(a, b, sh_now + ns);
}

/* Events of @p type for @p call seen since @p from (index into the log). */
static inline uint32_t
sh_count(const struct sh_ep *e, uint32_t from, enum mcm_uni_event_type type, uint32_t call,
	 uint8_t *cause)
{
	uint32_t i, n = 0;

	for (i = from; i < e->nev; i++) {
		const struct sh_ev *r = &e->ev[i % SH_EV_MAX];

		if (r->type == type && (call == 0 || r->call == call)) {
			n++;
			if (cause)
				*cause = r->cause;
		}
	}
	return n;
}

/* True if a trace line of @p e since @p from contains every one of the strings. */
static inline bool
sh_traced(const struct sh_ep *e, uint32_t from, const char *a, const char *b, const char *c)
{
	uint32_t i;

	for (i = from; i < e->ntrace && i < SH_TRACE_MAX; i++) {
		const char *l = e->trace[i];

		if (strstr(l, a) && (!b || strstr(l, b)) && (!c || strstr(l, c)))
			return true;
	}
	return false;
}

/* A test AESA (NSAP plan, 20 octets), last octet @p sel. */
static inline void
sh_aesa(uint8_t *a, uint8_t sel)
{
	static const uint8_t base[20] = { 0x47, 0x00, 0x05, 0x80, 0xff, 0xe1, 0x00, 0x00,
					  0x00, 0xf2, 0x15, 0x0c, 0x81, 0x00, 0x20, 0x48,
					  0x1a, 0x2b, 0x3c, 0x00 };

	memcpy(a, base, 20);
	a[19] = sel;
}

/* The common SETUP to address @p sel. */
static inline void
sh_setup(struct mcm_uni_msg *m, uint8_t sel)
{
	uint8_t called[20];
	struct mcm_sig_setup_args a = { 0 };

	sh_aesa(called, sel);
	a.called = called;
	a.called_len = 20;
	a.blli = MCM_SIG_BLLI_LLC;
	if (mcm_sig_setup_build(m, &a) != 0)
		abort();
}

#endif /* SIG_HARNESS_H */
