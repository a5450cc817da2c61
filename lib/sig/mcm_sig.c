/* SPDX-License-Identifier: BSD-3-Clause
 * The signalling entity: SSCF-UNI/SSCOP (Q.2130/Q.2110) bound to UNI call control
 * (Q.2931/Q.2971), sans-IO. See mcm_sig.h and doc/sig.md.
 *
 * Re-entrancy rules this file keeps:
 * - SSCF-UNI callbacks (send_pdu, signal, maa_error) never call into SSCF-UNI or call
 *   control: AAL primitives are queued and delivered by drain() once the SSCF-UNI call has
 *   returned (Q.2130 primitives reach the signalling layer in order, after the fact).
 * - Call control is only entered from drain() or from a user primitive, never from inside
 *   SSCF-UNI; its send callback goes straight to mcm_sscf_uni_data_req().
 * - drain() runs once per outermost entry point; primitives the user calls from the event
 *   callback (nested entry points) leave the queue to the drain in progress.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_sig_priv.h"

#define SIG_T_RETRY_DEFAULT 1000000000ull /* 1 s */

/* Deferred queue records: a header, then len octets of data, padded to 8. */
enum sig_qkind {
	SIG_Q_AAL = 1,      /* an AAL primitive from SSCF-UNI */
	SIG_Q_RELEASED = 2, /* a RELEASED event made for a user-side reject */
};

struct sig_qrec {
	uint8_t kind;
	uint8_t sig;        /* enum mcm_sscf_uni_signal */
	uint8_t cause;
	uint16_t vpi, vci;
	uint32_t call;
	uint32_t len;
};

#define QREC_SIZE(len) ((sizeof(struct sig_qrec) + (len) + 7) & ~(size_t)7)

/* ---- entry points ---- */

static void drain(struct mcm_sig *s);
static void link_keep(struct mcm_sig *s);

static void
enter(struct mcm_sig *s, uint64_t now)
{
	if (now > s->now)
		s->now = now; /* time never goes back, even if a caller's clock does */
	s->depth++;
}

static void
leave(struct mcm_sig *s)
{
	if (s->depth == 1) {
		drain(s);
		link_keep(s);
		if (s->tr_n)
			sig_trace_flush(s);
	}
	s->depth--;
}

static uint64_t
uni_now(const struct mcm_sig *s)
{
	return sig_uni_ms(s->now);
}

/* ---- the deferred queue ---- */

static bool
q_push(struct mcm_sig *s, const struct sig_qrec *h, const uint8_t *data)
{
	size_t need = QREC_SIZE(h->len);

	if (s->q_head == s->q_tail)
		s->q_head = s->q_tail = 0;
	if (s->q_tail + need > s->q_cap && s->q_head > 0) {
		memmove(s->q, s->q + s->q_head, s->q_tail - s->q_head);
		s->q_tail -= s->q_head;
		s->q_head = 0;
	}
	if (s->q_tail + need > s->q_cap) {
		size_t ncap = s->q_cap ? s->q_cap * 2 : 4096;
		uint8_t *n;

		while (ncap < s->q_tail + need)
			ncap *= 2;
		n = realloc(s->q, ncap);
		if (n == NULL)
			return false;
		s->q = n;
		s->q_cap = ncap;
	}
	memcpy(s->q + s->q_tail, h, sizeof(*h));
	if (data != NULL && h->len != 0)
		memcpy(s->q + s->q_tail + sizeof(*h), data, h->len);
	s->q_tail += need;
	return true;
}

/* Take the oldest record; its data is copied to s->scratch (the queue may move while the
 * record is handled). */
static bool
q_pop(struct mcm_sig *s, struct sig_qrec *h)
{
	if (s->q_head == s->q_tail)
		return false;
	memcpy(h, s->q + s->q_head, sizeof(*h));
	if (h->len > s->scratch_cap) {
		uint8_t *n = realloc(s->scratch, h->len);

		if (n == NULL) {
			s->q_head += QREC_SIZE(h->len);
			h->len = 0; /* cannot happen for SSCOP messages (k octets at most) */
			return true;
		}
		s->scratch = n;
		s->scratch_cap = h->len;
	}
	if (h->len)
		memcpy(s->scratch, s->q + s->q_head + sizeof(*h), h->len);
	s->q_head += QREC_SIZE(h->len);
	return true;
}

/* ---- SSCF-UNI, below ---- */

static void
f_send_pdu(void *arg, const uint8_t *pdu, size_t len)
{
	struct mcm_sig *s = arg;

	s->st.pdus_out++;
	if (s->trace & MCM_SIG_TRACE_SSCOP)
		sig_trace_sscop_pdu(s, true, pdu, len);
	s->cb.send_pdu(s->cb.arg, pdu, len);
}

static void
f_signal(void *arg, enum mcm_sscf_uni_signal sig, const uint8_t *data, size_t len)
{
	struct mcm_sig *s = arg;
	struct sig_qrec h = { .kind = SIG_Q_AAL, .sig = (uint8_t)sig, .len = (uint32_t)len };

	/* deferred: call control would answer into this SSCF-UNI from inside it */
	q_push(s, &h, data);
}

static void
f_maa(void *arg, char code, uint32_t count)
{
	struct mcm_sig *s = arg;

	(void)code;
	(void)count;
	s->st.maa_errors++;
}

/* A call into SSCF-UNI as one trace group. */
#define SSCF_CALL(s, expr) do { \
	struct sig_tgrp g_; \
	bool on_ = ((s)->trace & MCM_SIG_TRACE_SSCOP) != 0; \
	if (on_) \
		sig_trace_sscop_begin((s), &g_); \
	expr; \
	if (on_) \
		sig_trace_sscop_end((s), &g_); \
} while (0)

static void
sscf_establish(struct mcm_sig *s)
{
	int rc;

	SSCF_CALL(s, rc = mcm_sscf_uni_establish_req(s->f, s->now));
	if (rc == 0)
		s->st.establish_requests++;
}

/* ---- call control, above ---- */

static int
u_send(void *ctx, const uint8_t *msg, size_t len)
{
	struct mcm_sig *s = ctx;
	int rc;

	if (s->trace & MCM_SIG_TRACE_UNI)
		sig_trace_uni_tx(s, msg, len);
	/*
	 * At once, no send queue: call control sends only while its link is up, and it learns
	 * of a release only through drain(), so the one case of a refusal is a release still
	 * in the queue; the message is then lost as it would be on the link (Q.2931 5.6.10
	 * recovers the calls).
	 */
	SSCF_CALL(s, rc = mcm_sscf_uni_data_req(s->f, s->now, msg, len));
	if (rc != 0)
		s->st.data_req_failures++;
	return rc;
}

static void
u_establish(void *ctx)
{
	struct mcm_sig *s = ctx;
	enum mcm_sscf_uni_state fs = mcm_sscf_uni_state(s->f);

	if (!s->started) {
		/* stopped: no link; call control has marked it establishing, undo that */
		s->fix_link_down = true;
		return;
	}
	/* Q.2931 5.6.10 asks for the link; one already on its way (or up, its indication
	 * still queued) is left alone, a resynchronisation is not wanted */
	if (fs == MCM_SSCF_UNI_RELEASED || fs == MCM_SSCF_UNI_AWAITING_RELEASE)
		sscf_establish(s);
}

static void
deliver(struct mcm_sig *s, const struct mcm_uni_event *ev)
{
	s->cb.event(s->cb.arg, ev);
}

static bool
u_vc_taken(void *ctx, uint16_t vpi, uint16_t vci)
{
	struct mcm_sig *s = ctx;

	return s->cb.vc_taken(s->cb.arg, vpi, vci);
}

static void
u_event(void *ctx, const struct mcm_uni_event *ev)
{
	struct mcm_sig *s = ctx;
	struct mcm_uni_event e;
	uint32_t i;

	switch (ev->type) {
	case MCM_UNI_EV_LINK_UP:
		if (s->user_link == MCM_UNI_EV_LINK_UP)
			return;
		s->user_link = MCM_UNI_EV_LINK_UP;
		s->st.link_ups++;
		break;
	case MCM_UNI_EV_LINK_DOWN:
		if (s->user_link != MCM_UNI_EV_LINK_UP)
			return; /* only changes are events */
		s->user_link = MCM_UNI_EV_LINK_DOWN;
		s->st.link_downs++;
		break;
	case MCM_UNI_EV_RELEASED:
		if (ev->call == s->rejecting)
			s->rejecting_seen = true;
		for (i = 0; i < s->n_rej; i++) {
			if (s->rej[i].call != ev->call)
				continue;
			/* a rejected call ends with the cause it was rejected with */
			e = *ev;
			e.cause = s->rej[i].cause;
			s->rej[i] = s->rej[--s->n_rej];
			deliver(s, &e);
			return;
		}
		break;
	default:
		break;
	}
	deliver(s, ev);
}

/* A call into call control as one trace group. */
#define UNI_CALL(s, call, expr) do { \
	struct sig_tgrp g_; \
	bool on_ = ((s)->trace & MCM_SIG_TRACE_UNI) != 0; \
	if (on_) \
		sig_trace_uni_begin((s), &g_, (call)); \
	expr; \
	if (on_) \
		sig_trace_uni_end((s), &g_); \
} while (0)

static void
uni_released(struct mcm_sig *s)
{
	UNI_CALL(s, 0, mcm_uni_saal_released(s->u, uni_now(s)));
}

/* Deliver everything queued, in order, outside SSCF-UNI. */
static void
drain(struct mcm_sig *s)
{
	struct sig_qrec h;

	if (s->draining)
		return;
	s->draining = true;
	for (;;) {
		if (s->fix_link_down) {
			s->fix_link_down = false;
			if (mcm_uni_link_state(s->u) == MCM_UNI_LINK_ESTABLISHING)
				uni_released(s);
			continue;
		}
		if (!q_pop(s, &h))
			break;
		if (h.kind == SIG_Q_RELEASED) {
			struct mcm_uni_event e;

			memset(&e, 0, sizeof(e));
			e.type = MCM_UNI_EV_RELEASED;
			e.call = h.call;
			e.cause = h.cause;
			e.vpi = h.vpi;
			e.vci = h.vci;
			s->st.released_synthesised++;
			deliver(s, &e);
			continue;
		}
		s->st.aal_signals++;
		switch ((enum mcm_sscf_uni_signal)h.sig) {
		case MCM_AAL_ESTABLISH_IND:
		case MCM_AAL_ESTABLISH_CONF:
			if (!s->started) {
				/* stopped meanwhile (from an event callback): release again */
				SSCF_CALL(s, mcm_sscf_uni_release_req(s->f, s->now));
				break;
			}
			UNI_CALL(s, 0, mcm_uni_saal_established(s->u, uni_now(s)));
			break;
		case MCM_AAL_RELEASE_IND:
		case MCM_AAL_RELEASE_CONF:
			/* Q.2931 5.6.10: T309 for Active calls, the others cleared */
			uni_released(s);
			break;
		case MCM_AAL_DATA_IND:
		case MCM_AAL_UNITDATA_IND: {
			struct sig_tgrp g;
			bool on = (s->trace & MCM_SIG_TRACE_UNI) != 0;

			if (on) {
				sig_trace_uni_begin(s, &g, 0);
				sig_trace_uni_rx(s, &g, s->scratch, h.len);
			}
			mcm_uni_input(s->u, s->scratch, h.len, uni_now(s));
			if (on)
				sig_trace_uni_end(s, &g);
			break;
		}
		}
	}
	s->draining = false;
}

/* Keep the link wanted while started: a released SSCF-UNI gets a new attempt after
 * t_retry (an established link that is lost is asked for at once by call control). */
static void
link_keep(struct mcm_sig *s)
{
	if (!s->started || mcm_sscf_uni_state(s->f) != MCM_SSCF_UNI_RELEASED) {
		s->retry_at = UINT64_MAX;
		return;
	}
	if (s->retry_at == UINT64_MAX)
		s->retry_at = s->now + s->p.t_retry;
}

/* ---- life cycle ---- */

void
mcm_sig_params_default(struct mcm_sig_params *p, enum mcm_uni_side side)
{
	memset(p, 0, sizeof(*p));
	mcm_uni_params_default(&p->uni, side);
	mcm_sscf_uni_params_default(&p->sscop); /* Q.2130: the UNI values */
	p->t_retry = SIG_T_RETRY_DEFAULT;
}

struct mcm_sig *
mcm_sig_create(const struct mcm_sig_params *p, const struct mcm_sig_cbs *cbs)
{
	struct mcm_sscf_uni_cbs fcb;
	struct mcm_uni_params up;
	struct mcm_sig *s;

	if (p == NULL || cbs == NULL || cbs->send_pdu == NULL || cbs->event == NULL)
		return NULL;
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return NULL;
	s->p = *p;
	if (s->p.t_retry == 0)
		s->p.t_retry = SIG_T_RETRY_DEFAULT;
	s->cb = *cbs;
	s->retry_at = UINT64_MAX;
	s->user_link = -1;
	fcb.send_pdu = f_send_pdu;
	fcb.signal = f_signal;
	fcb.maa_error = f_maa;
	fcb.arg = s;
	up = p->uni;
	up.ops.send = u_send;
	up.ops.establish_request = u_establish;
	up.ops.event = u_event;
	up.ops.vc_taken = cbs->vc_taken != NULL ? u_vc_taken : NULL;
	up.ctx = s;
	s->f = mcm_sscf_uni_create(&s->p.sscop, &fcb);
	s->u = mcm_uni_create(&up);
	s->scratch_cap = s->p.sscop.max_sdu ? s->p.sscop.max_sdu : 4096;
	s->scratch = malloc(s->scratch_cap);
	if (s->f == NULL || s->u == NULL || s->scratch == NULL) {
		mcm_sig_destroy(s);
		return NULL;
	}
	return s;
}

void
mcm_sig_destroy(struct mcm_sig *s)
{
	if (s == NULL)
		return;
	mcm_uni_destroy(s->u);
	mcm_sscf_uni_destroy(s->f);
	free(s->q);
	free(s->scratch);
	free(s->rej);
	free(s->tmsg);
	free(s->trep);
	sig_trace_free(s);
	free(s);
}

void
mcm_sig_start(struct mcm_sig *s, uint64_t now)
{
	enum mcm_sscf_uni_state fs;

	enter(s, now);
	s->started = true;
	fs = mcm_sscf_uni_state(s->f);
	if (fs == MCM_SSCF_UNI_RELEASED || fs == MCM_SSCF_UNI_AWAITING_RELEASE)
		sscf_establish(s); /* AAL-ESTABLISH.request (Q.2130) */
	leave(s);
}

void
mcm_sig_stop(struct mcm_sig *s, uint64_t now)
{
	uint32_t c, next;

	enter(s, now);
	s->started = false;
	s->retry_at = UINT64_MAX;
	SSCF_CALL(s, mcm_sscf_uni_release_req(s->f, s->now));
	/* call control learns it now, not after the peer's ENDAK: nothing more is sent;
	 * calls not Active are cleared (Q.2931 5.6.10), Active ones too (deliberate stop) */
	uni_released(s);
	for (c = mcm_uni_call_next(s->u, 0); c != 0; c = next) {
		next = mcm_uni_call_next(s->u, c);
		UNI_CALL(s, c, mcm_uni_release_request(s->u, c, MCM_UNI_CAUSE_TEMP_FAILURE,
						       uni_now(s)));
	}
	leave(s);
}

static bool
is_bgn(const uint8_t *pdu, size_t len)
{
	struct mcm_sscop_pdu p;

	return mcm_sscop_pdu_decode(pdu, len, &p) == MCM_SSCOP_DEC_OK && p.type == MCM_SSCOP_BGN;
}

void
mcm_sig_input(struct mcm_sig *s, uint64_t now, const uint8_t *pdu, size_t len)
{
	enter(s, now);
	s->st.pdus_in++;
	if (!s->started && is_bgn(pdu, len)) {
		/* not started or stopped: no link is accepted either (the peer's attempt times
		 * out, Q.2110 Timer_CC); SSCF-UNI would accept every BGN */
		s->st.bgn_refused++;
		if (s->trace & MCM_SIG_TRACE_SSCOP) {
			SSCF_CALL(s, sig_trace_sscop_pdu(s, false, pdu, len));
			if (s->tr_n) {
				struct sig_trec *r = &s->tr[s->tr_n - 1];
				size_t l = strlen(r->state);

				snprintf(r->state + l, sizeof(r->state) - l, " refused");
			}
		}
	} else {
		SSCF_CALL(s, {
			if (on_)
				sig_trace_sscop_pdu(s, false, pdu, len);
			mcm_sscf_uni_input(s->f, s->now, pdu, len);
		});
	}
	leave(s);
}

void
mcm_sig_tick(struct mcm_sig *s, uint64_t now)
{
	enter(s, now);
	SSCF_CALL(s, mcm_sscf_uni_tick(s->f, s->now));
	UNI_CALL(s, 0, mcm_uni_tick(s->u, uni_now(s)));
	if (s->retry_at <= s->now) {
		s->retry_at = UINT64_MAX;
		if (s->started && mcm_sscf_uni_state(s->f) == MCM_SSCF_UNI_RELEASED)
			sscf_establish(s);
	}
	leave(s);
}

uint64_t
mcm_sig_next_deadline(const struct mcm_sig *s)
{
	uint64_t t = mcm_sscf_uni_next_deadline(s->f);
	uint64_t u = sig_uni_deadline_ns(mcm_uni_next_deadline(s->u));

	if (u < t)
		t = u;
	if (s->retry_at < t)
		t = s->retry_at;
	return t;
}

void
mcm_sig_set_trace(struct mcm_sig *s, unsigned int layers)
{
	layers &= MCM_SIG_TRACE_SSCOP | MCM_SIG_TRACE_UNI;
	if (s->cb.trace == NULL)
		layers = 0;
	if ((layers & MCM_SIG_TRACE_UNI) && s->tmsg == NULL) {
		s->tmsg = calloc(1, sizeof(*s->tmsg));
		s->trep = calloc(1, sizeof(*s->trep));
		if (s->tmsg == NULL || s->trep == NULL) {
			free(s->tmsg);
			free(s->trep);
			s->tmsg = NULL;
			s->trep = NULL;
			layers &= ~(unsigned int)MCM_SIG_TRACE_UNI;
		}
	}
	s->trace = layers;
}

/* ---- user primitives ---- */

static void
ubegin(struct mcm_sig *s, uint64_t now, struct sig_tgrp *g, uint32_t call, bool *on)
{
	enter(s, now);
	*on = (s->trace & MCM_SIG_TRACE_UNI) != 0;
	if (*on)
		sig_trace_uni_begin(s, g, call);
}

static int
uend(struct mcm_sig *s, struct sig_tgrp *g, bool on, int rc)
{
	if (on)
		sig_trace_uni_end(s, g);
	leave(s);
	return rc;
}

int
mcm_sig_setup(struct mcm_sig *s, uint64_t now, const struct mcm_uni_msg *setup,
	      uint32_t *call)
{
	struct sig_tgrp g;
	bool on;
	int rc;

	ubegin(s, now, &g, 0, &on);
	rc = mcm_uni_setup_request(s->u, setup, call, uni_now(s));
	if (on && rc == 0) {
		g.call = *call; /* a new call: from Null */
		g.pre = MCM_UNI_CS_NULL;
	}
	return uend(s, &g, on, rc);
}

#define SIG_PRIM(s, now, call, expr) do { \
	struct sig_tgrp g_; \
	bool on_; \
	int rc_; \
	ubegin((s), (now), &g_, (call), &on_); \
	rc_ = (expr); \
	return uend((s), &g_, on_, rc_); \
} while (0)

int
mcm_sig_proceeding(struct mcm_sig *s, uint64_t now, uint32_t call)
{
	SIG_PRIM(s, now, call, mcm_uni_proceeding_request(s->u, call, uni_now(s)));
}

int
mcm_sig_alert(struct mcm_sig *s, uint64_t now, uint32_t call)
{
	SIG_PRIM(s, now, call, mcm_uni_alert_request(s->u, call, uni_now(s)));
}

int
mcm_sig_connect(struct mcm_sig *s, uint64_t now, uint32_t call)
{
	SIG_PRIM(s, now, call, mcm_uni_connect_request(s->u, call, uni_now(s)));
}

int
mcm_sig_connect_sdu(struct mcm_sig *s, uint64_t now, uint32_t call, uint16_t fwd_sdu,
		    uint16_t bwd_sdu)
{
	SIG_PRIM(s, now, call, mcm_uni_connect_request_sdu(s->u, call, fwd_sdu, bwd_sdu,
							   uni_now(s)));
}

int
mcm_sig_connect_blli(struct mcm_sig *s, uint64_t now, uint32_t call, uint16_t fwd_sdu,
		     uint16_t bwd_sdu, const struct mcm_uni_ie_blli *blli)
{
	SIG_PRIM(s, now, call, mcm_uni_connect_request_blli(s->u, call, fwd_sdu, bwd_sdu, blli,
							    uni_now(s)));
}

static void
rej_add(struct mcm_sig *s, uint32_t call, uint8_t cause)
{
	if (s->n_rej == s->cap_rej) {
		uint32_t ncap = s->cap_rej ? s->cap_rej * 2 : 8;
		struct sig_rej *n = realloc(s->rej, (size_t)ncap * sizeof(*n));

		if (n == NULL)
			return; /* the RELEASED then carries the cause of the peer's answer */
		s->rej = n;
		s->cap_rej = ncap;
	}
	s->rej[s->n_rej].call = call;
	s->rej[s->n_rej].cause = cause;
	s->n_rej++;
}

int
mcm_sig_reject(struct mcm_sig *s, uint64_t now, uint32_t call, uint8_t cause)
{
	uint32_t prev_call = s->rejecting;
	bool prev_seen = s->rejecting_seen, on;
	uint16_t vpi = 0, vci = 0;
	struct sig_tgrp g;
	int rc;

	ubegin(s, now, &g, call, &on);
	mcm_uni_call_info(s->u, call, NULL, NULL, &vpi, &vci);
	if (cause == 0)
		cause = MCM_UNI_CAUSE_NORMAL; /* as mcm_uni_release_request() */
	s->rejecting = call;
	s->rejecting_seen = false;
	rc = mcm_uni_reject_request(s->u, call, cause, uni_now(s));
	if (rc == 0 && !s->rejecting_seen) {
		if (mcm_uni_call_info(s->u, call, NULL, NULL, NULL, NULL) == -ENOENT) {
			/* user side (Q.2931 5.2.5.3): RELEASE COMPLETE sent, call gone, no event */
			struct sig_qrec h = { .kind = SIG_Q_RELEASED, .cause = cause,
					      .vpi = vpi, .vci = vci, .call = call };

			q_push(s, &h, NULL);
		} else {
			/* network side: RELEASE sent, RELEASED comes with RELEASE COMPLETE */
			rej_add(s, call, cause);
		}
	}
	s->rejecting = prev_call;
	s->rejecting_seen = prev_seen;
	return uend(s, &g, on, rc);
}

int
mcm_sig_release(struct mcm_sig *s, uint64_t now, uint32_t call, uint8_t cause)
{
	SIG_PRIM(s, now, call, mcm_uni_release_request(s->u, call, cause, uni_now(s)));
}

int
mcm_sig_status_enquiry(struct mcm_sig *s, uint64_t now, uint32_t call)
{
	SIG_PRIM(s, now, call, mcm_uni_status_enquiry_request(s->u, call, uni_now(s)));
}

int
mcm_sig_add_party(struct mcm_sig *s, uint64_t now, uint32_t call,
		  const struct mcm_uni_msg *add, uint16_t *epref)
{
	SIG_PRIM(s, now, call, mcm_uni_add_party_request(s->u, call, add, epref, uni_now(s)));
}

int
mcm_sig_party_alert(struct mcm_sig *s, uint64_t now, uint32_t call, uint16_t epref)
{
	SIG_PRIM(s, now, call, mcm_uni_party_alert_request(s->u, call, epref, uni_now(s)));
}

int
mcm_sig_add_party_ack(struct mcm_sig *s, uint64_t now, uint32_t call, uint16_t epref)
{
	SIG_PRIM(s, now, call, mcm_uni_add_party_ack_request(s->u, call, epref, uni_now(s)));
}

int
mcm_sig_add_party_reject(struct mcm_sig *s, uint64_t now, uint32_t call, uint16_t epref,
			 uint8_t cause)
{
	SIG_PRIM(s, now, call, mcm_uni_add_party_reject_request(s->u, call, epref, cause,
								 uni_now(s)));
}

int
mcm_sig_drop_party(struct mcm_sig *s, uint64_t now, uint32_t call, uint16_t epref,
		   uint8_t cause)
{
	SIG_PRIM(s, now, call, mcm_uni_drop_party_request(s->u, call, epref, cause,
							   uni_now(s)));
}

int
mcm_sig_restart(struct mcm_sig *s, uint64_t now, enum mcm_uni_restart_class cls,
		uint16_t vpi, uint16_t vci)
{
	SIG_PRIM(s, now, 0, mcm_uni_restart_request(s->u, cls, vpi, vci, uni_now(s)));
}

int
mcm_sig_restart_response(struct mcm_sig *s, uint64_t now)
{
	SIG_PRIM(s, now, 0, mcm_uni_restart_response(s->u, uni_now(s)));
}

/* ---- state ---- */

struct mcm_uni *
mcm_sig_uni(struct mcm_sig *s)
{
	return s->u;
}

struct mcm_sscf_uni *
mcm_sig_sscf(struct mcm_sig *s)
{
	return s->f;
}

enum mcm_uni_link_state
mcm_sig_link_state(const struct mcm_sig *s)
{
	if (mcm_uni_link_state(s->u) == MCM_UNI_LINK_UP)
		return MCM_UNI_LINK_UP;
	switch (mcm_sscf_uni_state(s->f)) {
	case MCM_SSCF_UNI_AWAITING_ESTABLISH:
	case MCM_SSCF_UNI_AWAITING_RESYNC:
		return MCM_UNI_LINK_ESTABLISHING;
	default:
		return MCM_UNI_LINK_DOWN;
	}
}

const char *
mcm_sig_sscop_state_name(const struct mcm_sig *s)
{
	return mcm_sscop_state_name(mcm_sscop_state(mcm_sscf_uni_sscop(s->f)));
}

bool
mcm_sig_started(const struct mcm_sig *s)
{
	return s->started;
}

void
mcm_sig_get_stats(const struct mcm_sig *s, struct mcm_sig_stats *st)
{
	*st = s->st;
}

size_t
mcm_sig_memory(const struct mcm_sig *s)
{
	size_t m = sizeof(*s) + s->q_cap + s->scratch_cap;

	m += (size_t)s->cap_rej * sizeof(*s->rej) + (size_t)s->tr_cap * sizeof(*s->tr);
	if (s->tmsg != NULL)
		m += sizeof(*s->tmsg) + sizeof(*s->trep);
	return m;
}
