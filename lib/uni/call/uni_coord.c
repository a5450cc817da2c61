/* SPDX-License-Identifier: BSD-3-Clause
 * UNI call control: coordination of what is received and the error procedures of Q.2931
 * 5.6 (UNI 4.0 5.6). Every message enters at mcm_uni_input(), checked by the codec
 * (5.6.1 to 5.6.8: header, call reference, message type and sequence, mandatory and
 * unrecognised IEs, action indicators) and sent on to the global call reference
 * (uni_reset.c), an unknown call reference (5.6.3.2) or its call (uni_call.c,
 * uni_party.c); STATUS ENQUIRY, STATUS and T322 (5.6.11, 5.6.12); SAAL reset and failure,
 * T309 (5.6.9, 5.6.10).
 */
#include <errno.h>
#include <string.h>

#include "uni_call_priv.h"

/* ------------------------------------------------------------------------------------------ */
/* status enquiry and status (Q.2931 5.6.11, 5.6.12)                                         */

int
mcm_uni_status_enquiry_request(struct mcm_uni *u, uint32_t call, uint64_t now)
{
	uint32_t idx = uni_idx_of(u, call);
	struct mcm_uni_msg *m;

	uni_set_now(u, now);
	if (idx == UNI_NIL)
		return -ENOENT;
	/* Q.2931 5.6.11: one enquiry at a time per call */
	if (uni_timer_armed(&u->th, UNI_TID_T322(idx)))
		return -EBUSY;
	m = uni_msg_call(u, idx, MCM_UNI_MSG_STATUS_ENQUIRY);
	u->calls[idx].t322_count = 1;
	uni_timer_arm(&u->th, UNI_TID_T322(idx), u->now + u->p.timers.t322);
	return uni_send_msg(u, m);
}

void
uni_t322_timeout(struct mcm_uni *u, uint32_t idx)
{
	struct uni_call *c = &u->calls[idx];

	if (c->t322_count < u->p.n322) {
		/* Q.2931 5.6.11: STATUS ENQUIRY may be repeated */
		c->t322_count++;
		uni_send_msg(u, uni_msg_call(u, idx, MCM_UNI_MSG_STATUS_ENQUIRY));
		uni_timer_arm(&u->th, UNI_TID_T322(idx), u->now + u->p.timers.t322);
		return;
	}
	/* no STATUS at all: clear the call, cause 41 temporary failure (5.6.11) */
	if (c->state == MCM_UNI_CS_RELEASE_REQUEST)
		return;
	uni_call_timer_stop(u, idx);
	uni_send_release(u, idx, MCM_UNI_CAUSE_TEMP_FAILURE, NULL, 0);
}

/* Ranks of the states along one call direction, for the 5.6.12 compatibility check. */
static int
rank_uorig(uint8_t s)
{
	switch (s) {
	case MCM_UNI_CS_CALL_INITIATED: return 0;
	case MCM_UNI_CS_OUT_PROCEEDING: return 1;
	case MCM_UNI_CS_CALL_DELIVERED: return 2;
	case MCM_UNI_CS_ACTIVE: return 3;
	default: return -1;
	}
}

static int
rank_norig(uint8_t s)
{
	switch (s) {
	case MCM_UNI_CS_CALL_PRESENT: return 0;
	case MCM_UNI_CS_IN_PROCEEDING: return 1;
	case MCM_UNI_CS_CALL_RECEIVED: return 2;
	case MCM_UNI_CS_CONNECT_REQUEST: return 3;
	case MCM_UNI_CS_ACTIVE: return 4;
	default: return -1;
	}
}

/*
 * Whether the peer's reported state can coexist with ours, given that SAAL delivers in
 * order and only messages in flight may separate the two (Q.2931 5.6.12 "incompatible").
 */
static bool
states_compatible(const struct mcm_uni *u, const struct uni_call *c, uint8_t peer)
{
	uint8_t us, ns;
	bool uorig;
	int ru, rn;

	if (c->state == MCM_UNI_CS_RELEASE_REQUEST || c->state == MCM_UNI_CS_RELEASE_INDICATION ||
	    peer == MCM_UNI_CS_RELEASE_REQUEST || peer == MCM_UNI_CS_RELEASE_INDICATION)
		return true;
	us = uni_is_net(u) ? peer : c->state;
	ns = uni_is_net(u) ? c->state : peer;
	uorig = uni_is_net(u) ? !(c->flags & UNI_CF_LOCAL) : !!(c->flags & UNI_CF_LOCAL);
	if (uorig) {
		/* the network drives (CALL PROC, ALERTING, CONNECT): the user lags */
		ru = rank_uorig(us);
		rn = rank_uorig(ns);
		return ru >= 0 && rn >= 0 && ru <= rn;
	}
	/* the user drives up to CONNECT, the network's CONNECT ACK ends it */
	ru = rank_norig(us);
	rn = rank_norig(ns);
	if (ru < 0 || rn < 0)
		return false;
	if (us == MCM_UNI_CS_ACTIVE)
		return ns == MCM_UNI_CS_ACTIVE;
	if (ns == MCM_UNI_CS_ACTIVE)
		return us == MCM_UNI_CS_CONNECT_REQUEST;
	return rn <= ru;
}

static void
status_input(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m)
{
	struct uni_call *c = &u->calls[idx];
	uint32_t h = uni_handle_of(u, idx);
	uint8_t peer = m->call_state.state;
	uint8_t cause = m->n_cause ? m->cause[0].cause : 0;
	struct mcm_uni_event ev;

	uni_timer_disarm(&u->th, UNI_TID_T322(idx));
	memset(&ev, 0, sizeof(ev));
	ev.type = MCM_UNI_EV_STATUS_IND;
	ev.call = h;
	ev.cookie = c->cookie;
	ev.state = peer;
	ev.cause = cause;
	ev.msg = m;
	uni_emit(u, &ev);
	if (uni_idx_of(u, h) != idx)
		return;
	if (peer == MCM_UNI_CS_NULL) {
		/* 5.6.12: the peer has no call: release the call reference, enter Null; the
		 * user learns 101 (states incompatible) rather than 30 */
		if (cause == 0 || cause == MCM_UNI_CAUSE_STATUS_ENQUIRY)
			cause = MCM_UNI_CAUSE_MSG_STATE;
		uni_call_clear_local(u, idx, cause, m);
		return;
	}
	if (!states_compatible(u, c, peer)) {
		/* 5.6.12: incompatible states, clear with cause 101 */
		uni_call_timer_stop(u, idx);
		uni_send_release(u, idx, MCM_UNI_CAUSE_MSG_STATE, NULL, 0);
		return;
	}
	if ((c->flags & UNI_CF_P2MP) && m->epref.h.present && m->epstate.h.present &&
	    m->epstate.state == MCM_UNI_EPS_NULL) {
		/* Q.2971: the peer has no such party: release it locally */
		uint16_t key = uni_epkey_of(m);
		uint32_t pi = uni_party_find(u, idx, key);

		if (pi != UNI_NIL) {
			uni_party_free(u, pi);
			uni_party_event(u, idx, key, MCM_UNI_EV_PARTY_DROPPED,
					MCM_UNI_CAUSE_MSG_STATE, NULL);
		}
	}
}

/* ------------------------------------------------------------------------------------------ */
/* received messages                                                                         */

/* Message not expected in this state (Q.2931 5.6.4): message action indicator decides. */
void
uni_unexpected_input(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m)
{
	if (m->msg_flag) {
		switch (m->msg_action) {
		case MCM_UNI_MSGA_CLEAR:
			uni_send_release(u, idx, MCM_UNI_CAUSE_MSG_STATE, &m->type, 1);
			return;
		case MCM_UNI_MSGA_IGNORE:
			return;
		default:
			break;
		}
	}
	uni_call_status(u, idx, MCM_UNI_CAUSE_MSG_STATE, &m->type, 1, NULL);
}

/* Unknown call reference (Q.2931 5.6.3.2). */
static void
unknown_cref_input(struct mcm_uni *u, const struct mcm_uni_msg *m,
		   const struct mcm_uni_decode_report *rep)
{
	bool flag = !m->cref_flag;

	u->st.unknown_cref++;
	if (rep->verdict == MCM_UNI_V_IGNORE)
		return;
	switch (m->type) {
	case MCM_UNI_MSG_SETUP:
		/* d) a SETUP for a call reference we would have allocated is ignored */
		if (m->cref_flag)
			return;
		uni_setup_input(u, m, rep);
		return;
	case MCM_UNI_MSG_RELEASE_COMPLETE:
		return; /* c) */
	case MCM_UNI_MSG_STATUS_ENQUIRY:
		/* 5.6.11: answer with our state, Null */
		uni_send_status(u, m->cref, flag, MCM_UNI_CS_NULL, MCM_UNI_CAUSE_STATUS_ENQUIRY,
				NULL, 0, NULL);
		return;
	case MCM_UNI_MSG_STATUS:
		/* 5.6.12: a STATUS reporting another state than Null is answered, cause 101 */
		if (m->call_state.h.present && m->call_state.state != MCM_UNI_CS_NULL)
			uni_send_release_complete(u, m->cref, flag, MCM_UNI_CAUSE_MSG_STATE, NULL,
						  0);
		return;
	default:
		/* a), b): RELEASE COMPLETE, cause 81 invalid call reference value */
		uni_send_release_complete(u, m->cref, flag, MCM_UNI_CAUSE_INVALID_CREF, NULL, 0);
		return;
	}
}

static void
call_input(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m,
	   const struct mcm_uni_decode_report *rep)
{
	struct uni_call *c = &u->calls[idx];
	uint32_t h = uni_handle_of(u, idx);
	uint8_t st = c->state;

	/* a STATUS is never answered with a STATUS (no ping-pong between two peers) */
	if (m->type == MCM_UNI_MSG_STATUS && (rep->verdict == MCM_UNI_V_MANDATORY ||
					     rep->verdict == MCM_UNI_V_DISCARD_STATUS))
		return;
	switch (rep->verdict) {
	case MCM_UNI_V_IGNORE:
		return;
	case MCM_UNI_V_CLEAR:
		if (m->type == MCM_UNI_MSG_RELEASE_COMPLETE)
			break;
		if (m->type == MCM_UNI_MSG_RELEASE) {
			uni_release_input(u, idx, m, rep->cause, rep->diag, rep->diag_len);
			return;
		}
		uni_call_timer_stop(u, idx);
		uni_send_release(u, idx, rep->cause, rep->diag, rep->diag_len);
		return;
	case MCM_UNI_V_MANDATORY:
		if (m->type == MCM_UNI_MSG_RELEASE_COMPLETE)
			break;
		if (m->type == MCM_UNI_MSG_RELEASE) {
			/* 5.6.7.1: as on cause 31, answered with the cause */
			uni_release_input(u, idx, m, rep->cause, rep->diag, rep->diag_len);
			return;
		}
		if (m->type == MCM_UNI_MSG_SETUP)
			return; /* SETUP on a call reference in use: ignored (5.6.3.2 e) */
		uni_call_status(u, idx, rep->cause, rep->diag, rep->diag_len, NULL);
		return;
	case MCM_UNI_V_DISCARD_STATUS:
		uni_call_status(u, idx, rep->cause, rep->diag, rep->diag_len, NULL);
		return;
	default:
		break;
	}

	switch (m->type) {
	case MCM_UNI_MSG_SETUP:
		return; /* 5.6.3.2 e): call reference in use */
	case MCM_UNI_MSG_STATUS_ENQUIRY: {
		/* 5.6.11: STATUS with cause 30; the party state too when asked (Q.2971) */
		const struct uni_party *ep = NULL;

		if (m->epref.h.present && (c->flags & UNI_CF_P2MP)) {
			uint32_t pi = uni_party_find(u, idx, uni_epkey_of(m));

			if (pi != UNI_NIL)
				ep = &u->parties[pi];
		}
		uni_send_status(u, c->key & UNI_CREF_MASK, !(c->key & UNI_KEY_LOCAL), c->state,
				MCM_UNI_CAUSE_STATUS_ENQUIRY, NULL, 0, ep);
		break;
	}
	case MCM_UNI_MSG_STATUS:
		status_input(u, idx, m);
		break;
	case MCM_UNI_MSG_RELEASE:
		/* an IE error to report goes in the RELEASE COMPLETE (5.6.8.1) */
		if (rep->verdict == MCM_UNI_V_OK_STATUS)
			uni_release_input(u, idx, m, rep->cause, rep->diag, rep->diag_len);
		else
			uni_release_input(u, idx, m, 0, NULL, 0);
		return;
	case MCM_UNI_MSG_RELEASE_COMPLETE: {
		/* 5.4.3/5.4.4: in any state, release the VC and the call reference */
		uint8_t cause = m->n_cause ? m->cause[0].cause :
				(st == MCM_UNI_CS_RELEASE_REQUEST ? c->cause :
				 MCM_UNI_CAUSE_NORMAL_UNSPEC);

		uni_call_clear_local(u, idx, cause, m);
		return;
	}
	case MCM_UNI_MSG_NOTIFY:
		break; /* accepted in every state, nothing to do (Q.2931 5.7) */
	case MCM_UNI_MSG_CALL_PROCEEDING:
	case MCM_UNI_MSG_ALERTING:
	case MCM_UNI_MSG_CONNECT:
	case MCM_UNI_MSG_CONNECT_ACK:
		uni_progress_input(u, idx, m);
		break;
	case MCM_UNI_MSG_ADD_PARTY:
	case MCM_UNI_MSG_ADD_PARTY_ACK:
	case MCM_UNI_MSG_ADD_PARTY_REJECT:
	case MCM_UNI_MSG_PARTY_ALERTING:
	case MCM_UNI_MSG_DROP_PARTY:
	case MCM_UNI_MSG_DROP_PARTY_ACK:
		uni_party_input(u, idx, m);
		break;
	default:
		/* 5.6.4: message type not recognised in a call: STATUS cause 97 */
		if (!(m->msg_flag && m->msg_action == MCM_UNI_MSGA_IGNORE)) {
			uint8_t t = m->type;

			uni_call_status(u, idx, MCM_UNI_CAUSE_MSG_TYPE_UNKNOWN, &t, 1, NULL);
		}
		return;
	}
	if (rep->verdict == MCM_UNI_V_OK_STATUS && m->type != MCM_UNI_MSG_STATUS &&
	    uni_idx_of(u, h) == idx)
		uni_call_status(u, idx, rep->cause, rep->diag, rep->diag_len, NULL);
}

void
mcm_uni_input(struct mcm_uni *u, const uint8_t *buf, size_t len, uint64_t now)
{
	struct mcm_uni_msg *m = u->rx;
	struct mcm_uni_decode_report rep;
	uint32_t key, idx;

	uni_set_now(u, now);
	u->st.rx_msgs++;
	if (buf == NULL || mcm_uni_msg_decode(buf, len, m, &rep) != 0) {
		/* 5.6.1, 5.6.2, 5.6.3.1, 5.6.5: ignore */
		u->st.rx_discarded++;
		return;
	}
	mcm_uni_msg_check_dir(m, uni_is_net(u) ? MCM_UNI_DIR_U2N : MCM_UNI_DIR_N2U, &rep);
	if (rep.global_cref) {
		uni_global_input(u, m, &rep);
		return;
	}
	key = (m->cref & UNI_CREF_MASK) | (m->cref_flag ? UNI_KEY_LOCAL : 0);
	idx = uni_call_find(u, key);
	if (idx == UNI_NIL) {
		unknown_cref_input(u, m, &rep);
		return;
	}
	call_input(u, idx, m, &rep);
}

/* ------------------------------------------------------------------------------------------ */
/* SAAL (Q.2931 5.6.9, 5.6.10)                                                               */

void
uni_t309_timeout(struct mcm_uni *u)
{
	uint32_t i;

	/* Q.2931 5.6.10: no link again in time: clear the active calls, cause 27 */
	for (i = 0; i < u->ncalls; i++)
		if (u->calls[i].flags & UNI_CF_USED)
			uni_call_clear_local(u, i, MCM_UNI_CAUSE_DEST_OUT_OF_ORDER, NULL);
}

void
mcm_uni_saal_established(struct mcm_uni *u, uint64_t now)
{
	struct mcm_uni_event ev;
	uint32_t i;

	uni_set_now(u, now);
	u->link = MCM_UNI_LINK_UP;
	uni_timer_disarm(&u->th, UNI_TID_T309(u));
	/*
	 * 5.6.9 / 5.6.10: calls that outlived the link (or a reset of it) are checked with
	 * STATUS ENQUIRY; calls being cleared need nothing.
	 */
	for (i = 0; i < u->ncalls; i++) {
		struct uni_call *c = &u->calls[i];

		if (!(c->flags & UNI_CF_USED) || c->state == MCM_UNI_CS_RELEASE_REQUEST ||
		    c->state == MCM_UNI_CS_RELEASE_INDICATION)
			continue;
		mcm_uni_status_enquiry_request(u, uni_handle_of(u, i), now);
	}
	memset(&ev, 0, sizeof(ev));
	ev.type = MCM_UNI_EV_LINK_UP;
	uni_emit(u, &ev);
}

void
mcm_uni_saal_released(struct mcm_uni *u, uint64_t now)
{
	struct mcm_uni_event ev;
	bool active = false, was_up;
	uint32_t i;

	uni_set_now(u, now);
	if (u->link == MCM_UNI_LINK_DOWN)
		return;
	was_up = u->link == MCM_UNI_LINK_UP;
	u->link = MCM_UNI_LINK_DOWN;
	/* Q.2931 5.6.10: calls not Active are cleared; Active calls wait for T309 */
	for (i = 0; i < u->ncalls; i++) {
		struct uni_call *c = &u->calls[i];

		if (!(c->flags & UNI_CF_USED))
			continue;
		if (c->state == MCM_UNI_CS_ACTIVE) {
			active = true;
			continue;
		}
		uni_call_clear_local(u, i, MCM_UNI_CAUSE_TEMP_FAILURE, NULL);
	}
	if (active && !uni_timer_armed(&u->th, UNI_TID_T309(u)))
		uni_timer_arm(&u->th, UNI_TID_T309(u), u->now + u->p.timers.t309);
	memset(&ev, 0, sizeof(ev));
	ev.type = MCM_UNI_EV_LINK_DOWN;
	uni_emit(u, &ev);
	/* ask for the link again, unless it is our own attempt that just failed (the SAAL
	 * user retries at its pace; a new SETUP asks again) */
	if (was_up && u->link == MCM_UNI_LINK_DOWN && u->p.ops.establish_request != NULL) {
		u->link = MCM_UNI_LINK_ESTABLISHING;
		u->p.ops.establish_request(u->p.ctx);
	}
}
