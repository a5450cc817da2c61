/* SPDX-License-Identifier: BSD-3-Clause
 * UNI call control: the call procedures of Q.2931 5.1 to 5.4 (UNI 4.0 5.1 to 5.4) on both
 * sides. Call establishment at the originating interface (5.1: SETUP, T303, the connection
 * identifier of the first response, CALL PROCEEDING and T310, ALERTING, CONNECT and CONNECT
 * ACKNOWLEDGE) and at the destination interface (5.2: SETUP received, the user's answers,
 * T313); call clearing (5.4: RELEASE and T308, RELEASE COMPLETE, clear collision). VC
 * activation on entering Active and deactivation before the release of the VC.
 */
#include <errno.h>
#include <string.h>

#include "uni_call_priv.h"

/* ------------------------------------------------------------------------------------------ */
/* VC activation and clearing                                                                */

static void
vc_activate(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m)
{
	struct uni_call *c = &u->calls[idx];

	if (!(c->flags & UNI_CF_HAS_VC) || (c->flags & UNI_CF_VC_ACTIVE))
		return;
	c->flags |= UNI_CF_VC_ACTIVE;
	uni_emit_call(u, idx, MCM_UNI_EV_VC_ACTIVATE, 0, m);
}

/* Deactivation comes before the release of the VC (DESIGN.md). */
static void
vc_deactivate(struct mcm_uni *u, uint32_t idx)
{
	struct uni_call *c = &u->calls[idx];

	if (!(c->flags & UNI_CF_VC_ACTIVE))
		return;
	c->flags &= ~UNI_CF_VC_ACTIVE;
	uni_emit_call(u, idx, MCM_UNI_EV_VC_DEACTIVATE, 0, NULL);
}

/* Clear a call without any message: deactivate, free, tell the user. */
void
uni_call_clear_local(struct mcm_uni *u, uint32_t idx, uint8_t cause, const struct mcm_uni_msg *m)
{
	struct mcm_uni_event ev;
	struct uni_call *c = &u->calls[idx];
	uint32_t h = uni_handle_of(u, idx);

	c->state = MCM_UNI_CS_RELEASE_INDICATION;
	vc_deactivate(u, idx);
	if (uni_idx_of(u, h) != idx)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.type = MCM_UNI_EV_RELEASED;
	ev.call = uni_handle_of(u, idx);
	ev.cookie = c->cookie;
	ev.cause = cause;
	ev.vpi = c->vpi;
	ev.vci = c->vci;
	ev.msg = m;
	uni_call_free(u, idx);
	uni_emit(u, &ev);
}

/* RELEASE with T308 (Q.2931 5.4.2 network, 5.4.3 user). */
void
uni_send_release(struct mcm_uni *u, uint32_t idx, uint8_t cause, const uint8_t *diag,
		 uint8_t diag_len)
{
	struct uni_call *c = &u->calls[idx];
	uint32_t h = uni_handle_of(u, idx);
	struct mcm_uni_msg *m;

	c->state = MCM_UNI_CS_RELEASE_REQUEST;
	c->cause = cause;
	c->tcount = 1;
	uni_timer_disarm(&u->th, UNI_TID_T322(idx));
	uni_setup_buf_release(u, c);
	vc_deactivate(u, idx);
	if (uni_idx_of(u, h) != idx)
		return; /* the user cleared it from the deactivation callback */
	m = uni_msg_call(u, idx, MCM_UNI_MSG_RELEASE);
	uni_add_cause(u, m, cause, diag, diag_len);
	uni_send_msg(u, m);
	uni_call_timer_start(u, idx, UNI_T308);
}

/* ------------------------------------------------------------------------------------------ */
/* establishment: the establishment messages as data                                         */

/*
 * One establishment message (CALL PROCEEDING, ALERTING or CONNECT), sent by a user primitive
 * or received, per side ([0] user, [1] network). The first state of @from is the one before
 * any answer: a message sent from it is the first response to the SETUP, which carries the
 * connection identifier on the network side (Q.2931 5.1.2).
 */
struct uni_step {
	uint8_t type;          /* message sent or received */
	uint8_t from[2][3];    /* states it is valid in (MCM_UNI_CS_NULL ends the list) */
	uint8_t next[2];       /* state entered; MCM_UNI_CS_NULL: unchanged */
	uint8_t timer[2];      /* call timer started, or UNI_T_NONE */
	uint8_t party0;        /* state of the first party of a p2mp call, or MCM_UNI_EPS_NULL */
	bool active[2];        /* then the call enters Active */
	uint8_t done[2];       /* sent: state in which it is already sent, or MCM_UNI_CS_NULL */
	uint8_t reply;         /* received: message it is answered with, or 0 */
	uint8_t event;         /* received: event to the user when it does not enter Active */
};

/* The user's answers to an incoming SETUP (mcm_uni_*_request). */
enum { UNI_REQ_PROCEEDING, UNI_REQ_ALERT, UNI_REQ_CONNECT };

static const struct uni_step uni_requests[] = {
	[UNI_REQ_PROCEEDING] = {
		/* U6 -> U9 (Q.2931 5.2.5.2) / N1 -> N3 (5.1.3), which the network enters on
		 * receipt of the SETUP already */
		.type = MCM_UNI_MSG_CALL_PROCEEDING,
		.from = { { MCM_UNI_CS_CALL_PRESENT }, { MCM_UNI_CS_CALL_INITIATED } },
		.next = { MCM_UNI_CS_IN_PROCEEDING, MCM_UNI_CS_OUT_PROCEEDING },
		.done = { MCM_UNI_CS_NULL, MCM_UNI_CS_OUT_PROCEEDING },
	},
	[UNI_REQ_ALERT] = {
		/* U7 call received (5.2.6) / N4 call delivered (5.1.6) */
		.type = MCM_UNI_MSG_ALERTING,
		.from = { { MCM_UNI_CS_CALL_PRESENT, MCM_UNI_CS_IN_PROCEEDING },
			  { MCM_UNI_CS_CALL_INITIATED, MCM_UNI_CS_OUT_PROCEEDING } },
		.next = { MCM_UNI_CS_CALL_RECEIVED, MCM_UNI_CS_CALL_DELIVERED },
		.party0 = MCM_UNI_EPS_ALERT_DELIVERED,
	},
	[UNI_REQ_CONNECT] = {
		/* user: CONNECT, T313, U8 connect request (Q.2931 5.2.8); network: CONNECT to
		 * the calling user, N10 (5.1.7) */
		.type = MCM_UNI_MSG_CONNECT,
		.from = { { MCM_UNI_CS_CALL_PRESENT, MCM_UNI_CS_IN_PROCEEDING,
			    MCM_UNI_CS_CALL_RECEIVED },
			  { MCM_UNI_CS_CALL_INITIATED, MCM_UNI_CS_OUT_PROCEEDING,
			    MCM_UNI_CS_CALL_DELIVERED } },
		.next = { MCM_UNI_CS_CONNECT_REQUEST, MCM_UNI_CS_NULL },
		.timer = { UNI_T313, UNI_T_NONE },
		.active = { false, true },
	},
};

/* The answers to our SETUP (received on a call we originated). */
static const struct uni_step uni_answers[] = {
	{
		/* U3 (5.1.2) / N9 (5.2.5.2), T310 */
		.type = MCM_UNI_MSG_CALL_PROCEEDING,
		.from = { { MCM_UNI_CS_CALL_INITIATED }, { MCM_UNI_CS_CALL_PRESENT } },
		.next = { MCM_UNI_CS_OUT_PROCEEDING, MCM_UNI_CS_IN_PROCEEDING },
		.timer = { UNI_T310, UNI_T310 },
		.event = MCM_UNI_EV_PROCEEDING_IND,
	},
	{
		/* U4 (5.1.6) / N7 (5.2.6) */
		.type = MCM_UNI_MSG_ALERTING,
		.from = { { MCM_UNI_CS_CALL_INITIATED, MCM_UNI_CS_OUT_PROCEEDING },
			  { MCM_UNI_CS_CALL_PRESENT, MCM_UNI_CS_IN_PROCEEDING } },
		.next = { MCM_UNI_CS_CALL_DELIVERED, MCM_UNI_CS_CALL_RECEIVED },
		.party0 = MCM_UNI_EPS_ALERT_RECEIVED,
		.event = MCM_UNI_EV_ALERTING_IND,
	},
	{
		/* user: the calling user acknowledges CONNECT, U10 (UNI 4.0 5.1.5); network:
		 * N8, then CONNECT ACKNOWLEDGE and N10 (Q.2931 5.2.8) */
		.type = MCM_UNI_MSG_CONNECT,
		.from = { { MCM_UNI_CS_CALL_INITIATED, MCM_UNI_CS_OUT_PROCEEDING,
			    MCM_UNI_CS_CALL_DELIVERED },
			  { MCM_UNI_CS_CALL_PRESENT, MCM_UNI_CS_IN_PROCEEDING,
			    MCM_UNI_CS_CALL_RECEIVED } },
		.next = { MCM_UNI_CS_NULL, MCM_UNI_CS_CONNECT_REQUEST },
		.active = { true, true },
		.reply = MCM_UNI_MSG_CONNECT_ACK,
	},
};

static bool
state_in(const uint8_t from[3], uint8_t st)
{
	uint32_t i;

	for (i = 0; i < 3 && from[i] != MCM_UNI_CS_NULL; i++)
		if (from[i] == st)
			return true;
	return false;
}

/* Network side: the connection identifier goes in the first response (Q.2931 5.1.2). */
static void
add_connid(struct mcm_uni *u, uint32_t idx, struct mcm_uni_msg *m)
{
	struct uni_call *c = &u->calls[idx];

	if (!uni_is_net(u) || (c->flags & UNI_CF_LOCAL))
		return;
	uni_set_connid(m, c->vpi, c->vci);
}

static void
enter_active(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m)
{
	u->calls[idx].state = MCM_UNI_CS_ACTIVE;
	uni_set_party0_state(u, idx, MCM_UNI_EPS_ACTIVE);
	u->st.calls_active++;
	vc_activate(u, idx, m);
	if (uni_idx_of(u, uni_handle_of(u, idx)) == idx && u->calls[idx].state == MCM_UNI_CS_ACTIVE)
		uni_emit_call(u, idx, MCM_UNI_EV_CONNECTED, 0, m);
}

/* ------------------------------------------------------------------------------------------ */
/* user primitives: calls                                                                    */

int
mcm_uni_setup_request(struct mcm_uni *u, const struct mcm_uni_msg *setup, uint32_t *call,
		      uint64_t now)
{
	struct mcm_uni_msg *m = u->scratch;
	struct uni_call *c;
	uint32_t idx, cref, sb;
	uint16_t vpi = 0, vci = 0;
	int n;

	uni_set_now(u, now);
	if (setup == NULL || call == NULL)
		return -EINVAL;
	if (u->link != MCM_UNI_LINK_UP) {
		/* Q.2931 5.6.10: call control asks the SAAL to establish before sending */
		if (u->link == MCM_UNI_LINK_DOWN && u->p.ops.establish_request != NULL) {
			u->link = MCM_UNI_LINK_ESTABLISHING;
			u->p.ops.establish_request(u->p.ctx);
		}
		return -ENOTCONN;
	}
	if (u->call_free == UNI_NIL || u->nsfree == 0 ||
	    (setup->bearer.h.present && setup->bearer.upcc == 1 && u->party_free == UNI_NIL))
		return -ENOSPC;
	if (uni_is_net(u) && uni_vc_alloc(u, &vpi, &vci) != 0)
		return -EADDRNOTAVAIL;
	cref = uni_cref_alloc(u);
	if (cref == UNI_NIL)
		return -ENOSPC;

	if (m != setup)
		memcpy(m, setup, sizeof(*m));
	m->type = MCM_UNI_MSG_SETUP;
	uni_strip_disallowed(u, m);
	m->cref = cref;
	m->cref_flag = false; /* sent from the side that allocated the call reference */
	if (uni_is_net(u)) {
		/* Q.2931 5.2.3: the network indicates the VC in SETUP (exclusive VPCI/VCI) */
		uni_set_connid(m, vpi, vci);
	}
	if (m->bearer.h.present && m->bearer.upcc == 1) {
		/* Q.2971 5.1: the first party of a p2mp call has endpoint reference 0 */
		uni_set_epref(m, 0, false);
	}
	sb = u->sfree[u->nsfree - 1];
	n = mcm_uni_msg_encode(m, u->sbuf + (size_t)sb * UNI_TXBUF, UNI_TXBUF);
	if (n < 0)
		return n == -ENOSPC ? -EMSGSIZE : -EINVAL;

	idx = uni_call_alloc(u, cref | UNI_KEY_LOCAL);
	c = &u->calls[idx];
	u->nsfree--;
	u->st.setups_pending++;
	c->setup_buf = sb;
	u->slen[sb] = (uint16_t)n;
	uni_contract_from(&c->contract, m);
	if (c->contract.p2mp) {
		c->flags |= UNI_CF_P2MP;
		uni_party_alloc(u, idx, 0 | UNI_EPKEY_LOCAL, MCM_UNI_EPS_ADD_INITIATED);
	}
	if (uni_is_net(u)) {
		c->vpi = vpi;
		c->vci = vci;
		uni_vc_hash_add(u, idx);
		c->flags |= UNI_CF_VC_OWNED;
	}
	/* U1 call initiated (5.1.1) / N6 call present (5.2.1) */
	c->state = uni_is_net(u) ? MCM_UNI_CS_CALL_PRESENT : MCM_UNI_CS_CALL_INITIATED;
	c->tcount = 1;
	u->st.calls_setup++;
	*call = uni_handle_of(u, idx);
	uni_send_encoded(u, u->sbuf + (size_t)sb * UNI_TXBUF, (size_t)n);
	uni_call_timer_start(u, idx, UNI_T303);
	return 0;
}

/* The negotiated AAL 5 maximum CPCS-SDU sizes of the call, as CONNECT gives them
 * (Q.2931 Annex F).
 */
static void
add_aal_sdu(const struct uni_call *c, struct mcm_uni_msg *m)
{
	m->aal.h.present = true;
	m->aal.type = MCM_UNI_AAL_5;
	m->aal.has_fwd_sdu = true;
	m->aal.fwd_sdu = c->contract.fwd_sdu;
	m->aal.has_bwd_sdu = true;
	m->aal.bwd_sdu = c->contract.bwd_sdu;
}

/* The user's answer @s to an incoming SETUP; a CONNECT names the SETUP's B-LLI it chose
 * when @p blli is not NULL (Q.2931 Annex C).
 */
static int
call_request(struct mcm_uni *u, uint32_t call, uint64_t now, const struct uni_step *s,
	     const struct mcm_uni_ie_blli *blli)
{
	int side = uni_is_net(u);
	struct mcm_uni_msg *m;
	struct uni_call *c;
	uint32_t idx;
	int rc;

	c = uni_call_of(u, call, now, &idx);
	if (c == NULL)
		return -ENOENT;
	if (s->done[side] != MCM_UNI_CS_NULL && c->state == s->done[side])
		return 0;
	if (!state_in(s->from[side], c->state))
		return -EPROTO;
	m = uni_msg_call(u, idx, s->type);
	if (c->state == s->from[side][0])
		add_connid(u, idx, m);
	if (s->type == MCM_UNI_MSG_CONNECT && (c->flags & UNI_CF_AAL_NEG))
		add_aal_sdu(c, m);
	if (s->type == MCM_UNI_MSG_CONNECT && blli != NULL) {
		m->blli[0] = *blli;
		m->blli[0].h.present = true;
		m->n_blli = 1;
	}
	uni_add_first_epref(u, idx, m);
	if (s->next[side] != MCM_UNI_CS_NULL)
		c->state = s->next[side];
	if (s->party0 != MCM_UNI_EPS_NULL)
		uni_set_party0_state(u, idx, s->party0);
	rc = uni_send_msg(u, m);
	if (s->timer[side] != UNI_T_NONE)
		uni_call_timer_start(u, idx, s->timer[side]);
	if (s->active[side])
		enter_active(u, idx, NULL);
	return rc;
}

int
mcm_uni_proceeding_request(struct mcm_uni *u, uint32_t call, uint64_t now)
{
	return call_request(u, call, now, &uni_requests[UNI_REQ_PROCEEDING], NULL);
}

int
mcm_uni_alert_request(struct mcm_uni *u, uint32_t call, uint64_t now)
{
	return call_request(u, call, now, &uni_requests[UNI_REQ_ALERT], NULL);
}

int
mcm_uni_connect_request(struct mcm_uni *u, uint32_t call, uint64_t now)
{
	return call_request(u, call, now, &uni_requests[UNI_REQ_CONNECT], NULL);
}

int
mcm_uni_connect_request_sdu(struct mcm_uni *u, uint32_t call, uint16_t fwd_sdu,
			    uint16_t bwd_sdu, uint64_t now)
{
	return mcm_uni_connect_request_blli(u, call, fwd_sdu, bwd_sdu, NULL, now);
}

int
mcm_uni_connect_request_blli(struct mcm_uni *u, uint32_t call, uint16_t fwd_sdu,
			     uint16_t bwd_sdu, const struct mcm_uni_ie_blli *blli, uint64_t now)
{
	const struct uni_step *s = &uni_requests[UNI_REQ_CONNECT];
	struct uni_call *c;
	uint32_t idx;

	c = uni_call_of(u, call, now, &idx);
	if (c == NULL)
		return -ENOENT;
	if (!state_in(s->from[uni_is_net(u)], c->state))
		return -EPROTO;
	if (fwd_sdu == 0 && bwd_sdu == 0 && blli != NULL)
		return call_request(u, call, now, s, blli);
	/* Annex F: the called side may only lower what the SETUP offered */
	if (c->contract.aal != MCM_UNI_AAL_5 ||
	    (c->contract.fwd_sdu != 0 && fwd_sdu > c->contract.fwd_sdu) ||
	    (c->contract.bwd_sdu != 0 && bwd_sdu > c->contract.bwd_sdu))
		return -EINVAL;
	if (fwd_sdu != 0)
		c->contract.fwd_sdu = fwd_sdu;
	if (bwd_sdu != 0)
		c->contract.bwd_sdu = bwd_sdu;
	c->flags |= UNI_CF_AAL_NEG;
	return call_request(u, call, now, s, blli);
}

int
mcm_uni_reject_request(struct mcm_uni *u, uint32_t call, uint8_t cause, uint64_t now)
{
	uint32_t idx;
	struct uni_call *c;

	c = uni_call_of(u, call, now, &idx);
	if (c == NULL)
		return -ENOENT;
	if (c->flags & UNI_CF_LOCAL)
		return -EPROTO;
	if (c->state == MCM_UNI_CS_CALL_PRESENT || c->state == MCM_UNI_CS_CALL_INITIATED) {
		/* nothing answered yet: RELEASE COMPLETE (Q.2931 5.2.5.3, 5.1.3) */
		uni_send_release_complete(u, c->key & UNI_CREF_MASK, true, cause, NULL, 0);
		uni_call_free(u, idx);
		return 0;
	}
	return mcm_uni_release_request(u, call, cause, now);
}

int
mcm_uni_release_request(struct mcm_uni *u, uint32_t call, uint8_t cause, uint64_t now)
{
	uint32_t idx;
	struct uni_call *c;

	c = uni_call_of(u, call, now, &idx);
	if (c == NULL)
		return -ENOENT;
	if (c->state == MCM_UNI_CS_RELEASE_REQUEST || c->state == MCM_UNI_CS_RELEASE_INDICATION)
		return -EALREADY;
	if (cause == 0)
		cause = MCM_UNI_CAUSE_NORMAL;
	if (u->link != MCM_UNI_LINK_UP) {
		/* no link: nothing can be sent, clear locally (Q.2931 5.6.10) */
		uni_call_clear_local(u, idx, cause, NULL);
		return 0;
	}
	if (!(c->flags & UNI_CF_LOCAL) && (c->state == MCM_UNI_CS_CALL_PRESENT ||
					  c->state == MCM_UNI_CS_CALL_INITIATED))
		return mcm_uni_reject_request(u, call, cause, now);
	uni_call_timer_stop(u, idx);
	uni_send_release(u, idx, cause, NULL, 0);
	return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* received messages                                                                         */

/* No call for an incoming SETUP: RELEASE COMPLETE with @cause (Q.2931 5.1.2, 5.2.3.2). */
static void
refuse_setup(struct mcm_uni *u, uint32_t cref, uint8_t cause)
{
	uni_send_release_complete(u, cref, true, cause, NULL, 0);
}

/* Incoming SETUP on a new call reference (Q.2931 5.1.1 network side, 5.2.1 user side). */
void
uni_setup_input(struct mcm_uni *u, const struct mcm_uni_msg *m,
		const struct mcm_uni_decode_report *rep)
{
	uint32_t cref = m->cref, idx;
	uint16_t vpi = 0, vci = 0;
	struct uni_call *c;
	uint32_t h;

	switch (rep->verdict) {
	case MCM_UNI_V_IGNORE:
		return;
	case MCM_UNI_V_MANDATORY:
	case MCM_UNI_V_CLEAR:
		/* 5.6.7.1, 5.6.7.2, 5.6.8.1: SETUP answered with RELEASE COMPLETE */
		uni_send_release_complete(u, cref, true, rep->cause, rep->diag, rep->diag_len);
		return;
	case MCM_UNI_V_DISCARD_STATUS:
		uni_send_status(u, cref, true, MCM_UNI_CS_NULL, rep->cause, rep->diag,
				rep->diag_len, NULL);
		u->st.rx_status_sent++;
		return;
	default:
		break;
	}
	if (uni_is_net(u)) {
		if (u->call_free == UNI_NIL) {
			refuse_setup(u, cref, MCM_UNI_CAUSE_RESOURCE_UNAVAIL);
			return;
		}
		if (m->connid.h.present && m->connid.excl == MCM_UNI_CONNID_EXCL_EXCL) {
			/* Q.2931 5.1.2 a): the user asks for this VPCI and VCI; take it if it is
			 * ours to give and free, else cause 35 */
			vpi = m->connid.vpci;
			vci = m->connid.vci;
			if (vpi < u->p.vpi_min || vpi > u->p.vpi_max || vci < u->p.vci_min ||
			    vci > u->p.vci_max || uni_vc_taken(u, vpi, vci)) {
				refuse_setup(u, cref, MCM_UNI_CAUSE_VPCI_VCI_UNAVAIL);
				return;
			}
		} else if (m->connid.h.present && m->connid.excl == MCM_UNI_CONNID_EXCL_ANY) {
			/* Q.2931 5.1.2 b): exclusive VPCI, any VCI */
			vpi = m->connid.vpci;
			if (uni_vc_alloc_in_vpi(u, vpi, &vci) != 0) {
				refuse_setup(u, cref, MCM_UNI_CAUSE_VPCI_VCI_UNAVAIL);
				return;
			}
		} else if (uni_vc_alloc(u, &vpi, &vci) != 0) {
			/* Q.2931 5.1.2: no VPCI/VCI available, cause 45 */
			refuse_setup(u, cref, MCM_UNI_CAUSE_NO_VPCI_VCI);
			return;
		}
	} else {
		if (!m->connid.h.present) {
			uint8_t d = MCM_UNI_IE_CONNID;

			/* UNI 4.0 5.2.3: the network's SETUP carries the connection identifier */
			uni_send_release_complete(u, cref, true, MCM_UNI_CAUSE_MANDATORY_MISSING,
						  &d, 1);
			return;
		}
		vpi = m->connid.vpci;
		vci = m->connid.vci;
		if (vci < 32 || uni_vc_taken(u, vpi, vci)) {
			/* Q.2931 5.2.3.2: the indicated VC cannot be used */
			refuse_setup(u, cref, MCM_UNI_CAUSE_VPCI_VCI_UNAVAIL);
			return;
		}
		if (u->call_free == UNI_NIL) {
			refuse_setup(u, cref, MCM_UNI_CAUSE_RESOURCE_UNAVAIL);
			return;
		}
	}
	if (m->bearer.h.present && m->bearer.upcc == 1 && u->party_free == UNI_NIL) {
		refuse_setup(u, cref, MCM_UNI_CAUSE_RESOURCE_UNAVAIL);
		return;
	}
	idx = uni_call_alloc(u, cref);
	c = &u->calls[idx];
	c->vpi = vpi;
	c->vci = vci;
	uni_vc_hash_add(u, idx);
	if (uni_is_net(u))
		c->flags |= UNI_CF_VC_OWNED;
	uni_contract_from(&c->contract, m);
	if (c->contract.p2mp) {
		c->flags |= UNI_CF_P2MP;
		if (m->epref.h.present)
			uni_party_alloc(u, idx, m->epref.value & UNI_EPREF_MASK,
					MCM_UNI_EPS_ADD_RECEIVED);
	}
	u->st.calls_setup++;
	h = uni_handle_of(u, idx);
	if (uni_is_net(u)) {
		/* N1, then CALL PROCEEDING with the VC at once: N3 (Q.2931 5.1.2, 5.1.3) */
		c->state = MCM_UNI_CS_CALL_INITIATED;
		mcm_uni_proceeding_request(u, h, u->now);
	} else {
		c->state = MCM_UNI_CS_CALL_PRESENT; /* U6 (5.2.1) */
	}
	uni_emit_call(u, idx, MCM_UNI_EV_SETUP_IND, 0, m);
	if (rep->verdict == MCM_UNI_V_OK_STATUS && uni_idx_of(u, h) == idx)
		uni_call_status(u, idx, rep->cause, rep->diag, rep->diag_len, NULL);
}

/* First response to our SETUP: take the VC the network assigned (Q.2931 5.1.2). */
static bool
first_response(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m)
{
	struct uni_call *c = &u->calls[idx];
	uint8_t d = MCM_UNI_IE_CONNID;

	uni_call_timer_stop(u, idx);
	uni_setup_buf_release(u, c);
	if (uni_is_net(u) || (c->flags & UNI_CF_HAS_VC))
		return true;
	if (!m->connid.h.present) {
		/* UNI 4.0 5.1.2: mandatory in the first response; clear, cause 96 */
		uni_send_release(u, idx, MCM_UNI_CAUSE_MANDATORY_MISSING, &d, 1);
		return false;
	}
	if (m->connid.vci < 32 || uni_vc_taken(u, m->connid.vpci, m->connid.vci)) {
		uni_send_release(u, idx, MCM_UNI_CAUSE_VPCI_VCI_UNAVAIL, NULL, 0);
		return false;
	}
	c->vpi = m->connid.vpci;
	c->vci = m->connid.vci;
	uni_vc_hash_add(u, idx);
	return true;
}

/*
 * The AAL parameters of the CONNECT answering our SETUP (Q.2931 Annex F): the called side
 * may lower the maximum CPCS-SDU sizes, and the call takes the lower values; a size above
 * the SETUP's, or another AAL, cannot be supported: the call is cleared, cause 78.
 * @return false if it was
 */
static bool
connect_aal(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m)
{
	struct mcm_uni_contract *k = &u->calls[idx].contract;
	const struct mcm_uni_ie_aal *a = &m->aal;

	if (!a->h.present)
		return true;   /* what the SETUP offered stands */
	if ((k->aal != 0 && a->type != k->aal) ||
	    (a->has_fwd_sdu && k->fwd_sdu != 0 && a->fwd_sdu > k->fwd_sdu) ||
	    (a->has_bwd_sdu && k->bwd_sdu != 0 && a->bwd_sdu > k->bwd_sdu)) {
		uni_send_release(u, idx, MCM_UNI_CAUSE_AAL_UNSUPP, NULL, 0);
		return false;
	}
	k->aal = a->type;
	if (a->has_fwd_sdu)
		k->fwd_sdu = a->fwd_sdu;
	if (a->has_bwd_sdu)
		k->bwd_sdu = a->bwd_sdu;
	return true;
}

/* CALL PROCEEDING, ALERTING, CONNECT, CONNECT ACKNOWLEDGE on a call (Q.2931 5.1, 5.2). */
void
uni_progress_input(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m)
{
	struct uni_call *c = &u->calls[idx];
	int side = uni_is_net(u);
	const struct uni_step *s = NULL;
	uint32_t i;

	if (m->type == MCM_UNI_MSG_CONNECT_ACK) {
		if (!side && c->state == MCM_UNI_CS_CONNECT_REQUEST) {
			/* U8 -> U10 (Q.2931 5.2.8) */
			uni_call_timer_stop(u, idx);
			enter_active(u, idx, m);
			return;
		}
		if (side && c->state == MCM_UNI_CS_ACTIVE && !(c->flags & UNI_CF_LOCAL))
			return; /* the calling user's acknowledgement of CONNECT (UNI 4.0 5.1.5) */
		uni_unexpected_input(u, idx, m);
		return;
	}
	for (i = 0; i < sizeof(uni_answers) / sizeof(uni_answers[0]); i++)
		if (uni_answers[i].type == m->type)
			s = &uni_answers[i];
	if (s == NULL || !(c->flags & UNI_CF_LOCAL) || !state_in(s->from[side], c->state)) {
		uni_unexpected_input(u, idx, m);
		return;
	}
	if (!first_response(u, idx, m))
		return;
	if (m->type == MCM_UNI_MSG_CONNECT && !connect_aal(u, idx, m))
		return;
	if (s->next[side] != MCM_UNI_CS_NULL)
		c->state = s->next[side];
	if (s->timer[side] != UNI_T_NONE)
		uni_call_timer_start(u, idx, s->timer[side]);
	if (s->party0 != MCM_UNI_EPS_NULL)
		uni_set_party0_state(u, idx, s->party0);
	if (s->reply != 0)
		uni_send_msg(u, uni_msg_call(u, idx, s->reply));
	if (s->active[side])
		enter_active(u, idx, m);
	else
		uni_emit_call(u, idx, s->event, 0, m);
}

void
uni_release_input(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m, uint8_t rc_cause,
		  const uint8_t *diag, uint8_t diag_len)
{
	struct uni_call *c = &u->calls[idx];
	uint8_t cause = m->n_cause ? m->cause[0].cause : MCM_UNI_CAUSE_NORMAL_UNSPEC;

	if (c->state == MCM_UNI_CS_RELEASE_REQUEST) {
		/* clear collision: release the call reference, no answer (Q.2931 5.4.5) */
		uni_call_clear_local(u, idx, cause, m);
		return;
	}
	/* Q.2931 5.4.4: release the VC, RELEASE COMPLETE, Null (U12/N12 is transient here) */
	c->state = MCM_UNI_CS_RELEASE_INDICATION;
	uni_call_timer_stop(u, idx);
	vc_deactivate(u, idx);
	if (!(c->flags & UNI_CF_USED) || c->state != MCM_UNI_CS_RELEASE_INDICATION)
		return;
	uni_send_release_complete(u, c->key & UNI_CREF_MASK, !(c->key & UNI_KEY_LOCAL), rc_cause,
				  diag, diag_len);
	uni_call_clear_local(u, idx, cause, m);
}

/* ------------------------------------------------------------------------------------------ */
/* timers T303, T308, T310, T313                                                             */

void
uni_call_timeout(struct mcm_uni *u, uint32_t idx)
{
	struct uni_call *c = &u->calls[idx];
	uint8_t kind = c->tkind;

	c->tkind = UNI_T_NONE;
	switch (kind) {
	case UNI_T303:
		if (c->tcount < u->p.n303 && c->setup_buf != UNI_NIL) {
			/* first expiry: retransmit SETUP, restart T303 (Q.2931 5.1.1.1) */
			c->tcount++;
			uni_send_encoded(u, u->sbuf + (size_t)c->setup_buf * UNI_TXBUF,
					 u->slen[c->setup_buf]);
			uni_call_timer_start(u, idx, UNI_T303);
			return;
		}
		/* second expiry: clear, Null (Q.2931 table 9-1/9-2) */
		uni_send_release_complete(u, c->key & UNI_CREF_MASK, false,
					  MCM_UNI_CAUSE_TIMER_EXPIRY, (const uint8_t *)"303", 3);
		uni_call_clear_local(u, idx, MCM_UNI_CAUSE_NO_RESPONSE, NULL);
		return;
	case UNI_T308:
		if (c->tcount < u->p.n308) {
			/* first expiry: RELEASE again, restart T308 (Q.2931 5.4.3) */
			struct mcm_uni_msg *m = uni_msg_call(u, idx, MCM_UNI_MSG_RELEASE);

			c->tcount++;
			uni_add_cause(u, m, c->cause, NULL, 0);
			uni_send_msg(u, m);
			uni_call_timer_start(u, idx, UNI_T308);
			return;
		}
		/* second expiry: release the call reference, Null; the VC is in doubt, so
		 * restart it when no restart is pending (Q.2931 5.4.3, 5.5) */
		{
			bool vc = (c->flags & UNI_CF_HAS_VC) != 0;
			uint16_t vpi = c->vpi, vci = c->vci;

			uni_call_clear_local(u, idx, MCM_UNI_CAUSE_TIMER_EXPIRY, NULL);
			if (vc && u->rstate == MCM_UNI_RS_NULL && u->link == MCM_UNI_LINK_UP)
				mcm_uni_restart_request(u, MCM_UNI_RESTART_VC, vpi, vci, u->now);
		}
		return;
	case UNI_T310:
	case UNI_T313:
		/* no answer after CALL PROCEEDING / CONNECT: clear, cause 102 with the timer
		 * number as diagnostic (Q.2931 5.1.2, 5.2.8; Q.2610 / Q.850 cause 102) */
		uni_send_release(u, idx, MCM_UNI_CAUSE_TIMER_EXPIRY,
				 (const uint8_t *)(kind == UNI_T310 ? "310" : "313"), 3);
		return;
	default:
		return;
	}
}
