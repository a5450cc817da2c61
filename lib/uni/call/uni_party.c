/* SPDX-License-Identifier: BSD-3-Clause
 * UNI call control: point-to-multipoint calls (Q.2971, UNI 4.0 clause 5 and annex): the
 * party states P0 to P7 (Q.2971 clause 8, coded as in the endpoint state IE), the first
 * party carried by the call's own messages (5.1), ADD PARTY, PARTY ALERTING, ADD PARTY
 * ACKNOWLEDGE and REJECT (5.2), DROP PARTY and its acknowledgement, the drop of the last
 * party clearing the call (5.3), unknown endpoint references (9) and the party timers
 * T397, T398, T399 (Q.2971 clause 9).
 */
#include <errno.h>
#include <string.h>

#include "uni_call_priv.h"

/* ------------------------------------------------------------------------------------------ */
/* the first party (Q.2971 5.1)                                                              */

/* Add the endpoint reference of the first party to an answer of a p2mp call (Q.2971). */
void
uni_add_first_epref(struct mcm_uni *u, uint32_t idx, struct mcm_uni_msg *m)
{
	struct uni_call *c = &u->calls[idx];
	uint32_t pi;

	if (!(c->flags & UNI_CF_P2MP) || !uni_ie_allowed(u, m->type, MCM_UNI_IE_EPREF))
		return;
	for (pi = c->party_head; pi != UNI_NIL; pi = u->parties[pi].next) {
		if ((u->parties[pi].epkey & UNI_EPREF_MASK) == 0) {
			uni_set_epref(m, 0, !(u->parties[pi].epkey & UNI_EPKEY_LOCAL));
			return;
		}
	}
}

void
uni_set_party0_state(struct mcm_uni *u, uint32_t idx, uint8_t st)
{
	uint32_t pi;

	for (pi = u->calls[idx].party_head; pi != UNI_NIL; pi = u->parties[pi].next)
		if ((u->parties[pi].epkey & UNI_EPREF_MASK) == 0)
			u->parties[pi].state = st;
}

/* ------------------------------------------------------------------------------------------ */
/* user primitives: parties (Q.2971 5.2, 5.3)                                                */

/* A message on the party @epkey of call @idx (endpoint reference flag: Q.2971 8.2.1). */
static struct mcm_uni_msg *
msg_party(struct mcm_uni *u, uint32_t idx, uint16_t epkey, uint8_t type)
{
	struct mcm_uni_msg *m = uni_msg_call(u, idx, type);

	uni_set_epref(m, epkey & UNI_EPREF_MASK, !(epkey & UNI_EPKEY_LOCAL));
	return m;
}

static void
send_party_cause(struct mcm_uni *u, uint32_t idx, uint16_t epkey, uint8_t type, uint8_t cause)
{
	struct mcm_uni_msg *m = msg_party(u, idx, epkey, type);

	uni_add_cause(u, m, cause, NULL, 0);
	uni_send_msg(u, m);
}

static uint32_t
party_of(const struct mcm_uni *u, uint32_t call, uint16_t epref, uint32_t *idxp)
{
	uint32_t idx = uni_idx_of(u, call);
	uint32_t pi;

	*idxp = idx;
	if (idx == UNI_NIL)
		return UNI_NIL;
	pi = uni_party_find(u, idx, (epref & UNI_EPREF_MASK) | UNI_EPKEY_LOCAL);
	if (pi == UNI_NIL)
		pi = uni_party_find(u, idx, epref & UNI_EPREF_MASK);
	return pi;
}

int
mcm_uni_add_party_request(struct mcm_uni *u, uint32_t call, const struct mcm_uni_msg *add,
			  uint16_t *epref, uint64_t now)
{
	uint32_t idx;
	struct mcm_uni_msg *m = u->scratch;
	struct uni_call *c;
	uint32_t pi, n;
	uint16_t v = 0;
	int rc;

	c = uni_call_of(u, call, now, &idx);
	if (c == NULL)
		return -ENOENT;
	if (!(c->flags & UNI_CF_P2MP))
		return -EINVAL;
	/* Q.2971 5.2: parties are added to an active call */
	if (c->state != MCM_UNI_CS_ACTIVE)
		return -EPROTO;
	if (u->link != MCM_UNI_LINK_UP)
		return -ENOTCONN;
	for (n = 0; n < UNI_EPREF_MASK; n++) {
		v = c->next_epref;
		c->next_epref = (uint16_t)(c->next_epref % UNI_EPREF_MASK + 1);
		if (uni_party_find(u, idx, v | UNI_EPKEY_LOCAL) == UNI_NIL)
			break;
	}
	if (n == UNI_EPREF_MASK)
		return -ENOSPC;
	pi = uni_party_alloc(u, idx, v | UNI_EPKEY_LOCAL, MCM_UNI_EPS_ADD_INITIATED);
	if (pi == UNI_NIL)
		return -ENOSPC;
	if (add != NULL && add != m)
		memcpy(m, add, sizeof(*m));
	else if (add == NULL)
		memset(m, 0, sizeof(*m));
	m->type = MCM_UNI_MSG_ADD_PARTY;
	uni_strip_disallowed(u, m);
	m->cref = c->key & UNI_CREF_MASK;
	m->cref_flag = !(c->key & UNI_KEY_LOCAL);
	uni_set_epref(m, v, false);
	rc = uni_send_msg(u, m);
	if (rc == -EINVAL || rc == -ENOSPC) {
		uni_party_free(u, pi);
		return -EINVAL;
	}
	uni_party_timer_start(u, pi, UNI_T399);
	*epref = v;
	return 0;
}

/*
 * The answers of the user to an incoming ADD PARTY (Q.2971 5.2.2, 5.2.3): in which party
 * states each may be sent and the state it leads to; MCM_UNI_EPS_NULL releases the party.
 */
struct uni_party_step {
	uint8_t type;       /* message sent */
	uint8_t from[2];    /* party states it may be sent in (MCM_UNI_EPS_NULL: none) */
	uint8_t next;       /* party state entered */
};

enum { UNI_PREQ_ALERT, UNI_PREQ_ACK, UNI_PREQ_REJECT };

static const struct uni_party_step uni_party_requests[] = {
	/* add party received -> party alert delivered */
	[UNI_PREQ_ALERT] = { MCM_UNI_MSG_PARTY_ALERTING, { MCM_UNI_EPS_ADD_RECEIVED },
			     MCM_UNI_EPS_ALERT_DELIVERED },
	/* add party received or party alert delivered -> active */
	[UNI_PREQ_ACK] = { MCM_UNI_MSG_ADD_PARTY_ACK,
			   { MCM_UNI_EPS_ADD_RECEIVED, MCM_UNI_EPS_ALERT_DELIVERED },
			   MCM_UNI_EPS_ACTIVE },
	/* the same -> null: the party is released, with a cause (default 21, rejected) */
	[UNI_PREQ_REJECT] = { MCM_UNI_MSG_ADD_PARTY_REJECT,
			      { MCM_UNI_EPS_ADD_RECEIVED, MCM_UNI_EPS_ALERT_DELIVERED },
			      MCM_UNI_EPS_NULL },
};

static int
party_request(struct mcm_uni *u, uint32_t call, uint16_t epref, uint8_t cause, uint64_t now,
	      const struct uni_party_step *s)
{
	struct mcm_uni_msg *m;
	uint32_t idx, pi;
	uint8_t st;

	uni_set_now(u, now);
	pi = party_of(u, call, epref, &idx);
	if (pi == UNI_NIL)
		return -ENOENT;
	st = u->parties[pi].state;
	if (st != s->from[0] && st != s->from[1])
		return -EPROTO;
	m = msg_party(u, idx, u->parties[pi].epkey, s->type);
	if (s->next == MCM_UNI_EPS_NULL) {
		uni_add_cause(u, m, cause ? cause : MCM_UNI_CAUSE_REJECTED, NULL, 0);
		uni_party_free(u, pi);
	} else {
		u->parties[pi].state = s->next;
	}
	return uni_send_msg(u, m);
}

int
mcm_uni_party_alert_request(struct mcm_uni *u, uint32_t call, uint16_t epref, uint64_t now)
{
	return party_request(u, call, epref, 0, now, &uni_party_requests[UNI_PREQ_ALERT]);
}

int
mcm_uni_add_party_ack_request(struct mcm_uni *u, uint32_t call, uint16_t epref, uint64_t now)
{
	return party_request(u, call, epref, 0, now, &uni_party_requests[UNI_PREQ_ACK]);
}

int
mcm_uni_add_party_reject_request(struct mcm_uni *u, uint32_t call, uint16_t epref,
				 uint8_t cause, uint64_t now)
{
	return party_request(u, call, epref, cause, now, &uni_party_requests[UNI_PREQ_REJECT]);
}

int
mcm_uni_drop_party_request(struct mcm_uni *u, uint32_t call, uint16_t epref, uint8_t cause,
			   uint64_t now)
{
	uint32_t idx, pi;
	struct mcm_uni_msg *m;
	struct uni_party *p;

	uni_set_now(u, now);
	pi = party_of(u, call, epref, &idx);
	if (pi == UNI_NIL)
		return -ENOENT;
	if (cause == 0)
		cause = MCM_UNI_CAUSE_NORMAL;
	p = &u->parties[pi];
	if (p->state == MCM_UNI_EPS_DROP_INITIATED)
		return -EALREADY;
	/* Q.2971 5.3: the last party goes with the call */
	if (u->calls[idx].nparties == 1)
		return mcm_uni_release_request(u, call, cause, now);
	if (p->state == MCM_UNI_EPS_ADD_RECEIVED || p->state == MCM_UNI_EPS_ALERT_DELIVERED)
		return mcm_uni_add_party_reject_request(u, call, epref, cause, now);
	m = msg_party(u, idx, p->epkey, MCM_UNI_MSG_DROP_PARTY);
	uni_add_cause(u, m, cause, NULL, 0);
	p->state = MCM_UNI_EPS_DROP_INITIATED;
	p->cause = cause;
	uni_party_timer_start(u, pi, UNI_T398);
	return uni_send_msg(u, m);
}

/* ------------------------------------------------------------------------------------------ */
/* received party messages (Q.2971 5.2, 5.3, 9)                                              */

void
uni_party_event(struct mcm_uni *u, uint32_t idx, uint16_t epkey, enum mcm_uni_event_type type,
		uint8_t cause, const struct mcm_uni_msg *m)
{
	struct mcm_uni_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	ev.call = uni_handle_of(u, idx);
	ev.cookie = u->calls[idx].cookie;
	ev.epref = epkey & UNI_EPREF_MASK;
	ev.cause = cause;
	ev.msg = m;
	uni_emit(u, &ev);
}

/* After a party left a p2mp call: no party left means no call (Q.2971 5.3). */
static void
party_gone(struct mcm_uni *u, uint32_t idx, uint32_t h)
{
	if (uni_idx_of(u, h) != idx)
		return;
	if (u->calls[idx].nparties == 0 && u->calls[idx].state == MCM_UNI_CS_ACTIVE) {
		uni_call_timer_stop(u, idx);
		uni_send_release(u, idx, MCM_UNI_CAUSE_NORMAL, NULL, 0);
	}
}

/* Party messages (Q.2971 5.2, 5.3, 9). */
void
uni_party_input(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m)
{
	struct uni_call *c = &u->calls[idx];
	uint32_t h = uni_handle_of(u, idx);
	uint8_t cause = m->n_cause ? m->cause[0].cause : MCM_UNI_CAUSE_NORMAL_UNSPEC;
	uint16_t key;
	uint32_t pi;

	if (!(c->flags & UNI_CF_P2MP) || c->state != MCM_UNI_CS_ACTIVE || !m->epref.h.present) {
		uni_unexpected_input(u, idx, m);
		return;
	}
	key = uni_epkey_of(m);
	pi = uni_party_find(u, idx, key);

	if (m->type == MCM_UNI_MSG_ADD_PARTY) {
		if (pi != UNI_NIL || m->epref.flag)
			return; /* endpoint reference already in use: ignore (Q.2971 9) */
		pi = uni_party_alloc(u, idx, key, MCM_UNI_EPS_ADD_RECEIVED);
		if (pi == UNI_NIL) {
			send_party_cause(u, idx, key, MCM_UNI_MSG_ADD_PARTY_REJECT,
					 MCM_UNI_CAUSE_RESOURCE_UNAVAIL);
			return;
		}
		uni_party_event(u, idx, key, MCM_UNI_EV_PARTY_ADD_IND, 0, m);
		return;
	}
	if (pi == UNI_NIL) {
		/* Q.2971 9: unknown endpoint reference */
		if (m->type != MCM_UNI_MSG_DROP_PARTY_ACK &&
		    m->type != MCM_UNI_MSG_ADD_PARTY_REJECT)
			send_party_cause(u, idx, key, MCM_UNI_MSG_DROP_PARTY_ACK,
					 MCM_UNI_CAUSE_INVALID_EPREF);
		return;
	}
	switch (m->type) {
	case MCM_UNI_MSG_PARTY_ALERTING:
		if (u->parties[pi].state != MCM_UNI_EPS_ADD_INITIATED)
			break;
		u->parties[pi].state = MCM_UNI_EPS_ALERT_RECEIVED;
		uni_party_timer_start(u, pi, UNI_T397);
		uni_party_event(u, idx, key, MCM_UNI_EV_PARTY_ALERTING_IND, 0, m);
		return;
	case MCM_UNI_MSG_ADD_PARTY_ACK:
		if (u->parties[pi].state != MCM_UNI_EPS_ADD_INITIATED &&
		    u->parties[pi].state != MCM_UNI_EPS_ALERT_RECEIVED)
			break;
		uni_party_timer_stop(u, pi);
		u->parties[pi].state = MCM_UNI_EPS_ACTIVE;
		uni_party_event(u, idx, key, MCM_UNI_EV_PARTY_ACTIVE, 0, m);
		return;
	case MCM_UNI_MSG_ADD_PARTY_REJECT:
		if (u->parties[pi].state != MCM_UNI_EPS_ADD_INITIATED &&
		    u->parties[pi].state != MCM_UNI_EPS_ALERT_RECEIVED)
			break;
		uni_party_free(u, pi);
		uni_party_event(u, idx, key, MCM_UNI_EV_PARTY_DROPPED, cause, m);
		party_gone(u, idx, h);
		return;
	case MCM_UNI_MSG_DROP_PARTY:
		if (u->parties[pi].state != MCM_UNI_EPS_DROP_INITIATED)
			send_party_cause(u, idx, key, MCM_UNI_MSG_DROP_PARTY_ACK, cause);
		/* drop collision: both sides release the party (Q.2971 5.3) */
		uni_party_free(u, pi);
		uni_party_event(u, idx, key, MCM_UNI_EV_PARTY_DROPPED, cause, m);
		party_gone(u, idx, h);
		return;
	case MCM_UNI_MSG_DROP_PARTY_ACK:
		cause = u->parties[pi].state == MCM_UNI_EPS_DROP_INITIATED ? u->parties[pi].cause :
			cause;
		uni_party_free(u, pi);
		uni_party_event(u, idx, key, MCM_UNI_EV_PARTY_DROPPED, cause, m);
		party_gone(u, idx, h);
		return;
	default:
		break;
	}
	uni_unexpected_input(u, idx, m);
}

/* ------------------------------------------------------------------------------------------ */
/* timers T397, T398, T399 (Q.2971 clause 9)                                                 */

void
uni_party_timeout(struct mcm_uni *u, uint32_t pi)
{
	struct uni_party *p = &u->parties[pi];
	uint32_t idx = p->call;
	uint32_t h = uni_handle_of(u, idx);
	uint8_t kind = p->tkind;
	uint16_t key = p->epkey;
	uint8_t cause;
	struct mcm_uni_msg *m;

	p->tkind = UNI_T_NONE;
	switch (kind) {
	case UNI_T399:
	case UNI_T397:
		/* no answer to ADD PARTY / no connect after PARTY ALERTING: DROP PARTY (Q.2971
		 * 5.2.3) with cause 102 or 19 */
		cause = kind == UNI_T399 ? MCM_UNI_CAUSE_TIMER_EXPIRY : MCM_UNI_CAUSE_NO_ANSWER;
		m = msg_party(u, idx, key, MCM_UNI_MSG_DROP_PARTY);
		if (kind == UNI_T399)
			uni_add_cause(u, m, cause, (const uint8_t *)"399", 3);
		else
			uni_add_cause(u, m, cause, NULL, 0);
		p->state = MCM_UNI_EPS_DROP_INITIATED;
		p->cause = cause;
		uni_send_msg(u, m);
		uni_party_timer_start(u, pi, UNI_T398);
		return;
	case UNI_T398:
		/* no DROP PARTY ACKNOWLEDGE: release the party (Q.2971 5.3) */
		cause = p->cause;
		uni_party_free(u, pi);
		uni_party_event(u, idx, key, MCM_UNI_EV_PARTY_DROPPED, cause, NULL);
		party_gone(u, idx, h);
		return;
	default:
		return;
	}
}

/* ------------------------------------------------------------------------------------------ */
/* queries                                                                                   */

enum mcm_uni_ep_state
mcm_uni_party_state(const struct mcm_uni *u, uint32_t call, uint16_t epref)
{
	uint32_t idx;
	uint32_t pi = party_of(u, call, epref, &idx);

	return pi == UNI_NIL ? MCM_UNI_EPS_NULL : (enum mcm_uni_ep_state)u->parties[pi].state;
}
