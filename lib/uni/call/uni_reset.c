/* SPDX-License-Identifier: BSD-3-Clause
 * UNI call control: the restart procedure of Q.2931 5.5 on the global call reference
 * (restart states Rest0, Rest1, Rest2 of Q.2931 2.4): RESTART of one VC (class 0), one VPC
 * (class 1) or all VCs (class 2) and its acknowledgement, sent (5.5.1, T316) and received
 * (5.5.2, T317), both at once; the other messages on the global call reference (5.6.3.2 f).
 */
#include <errno.h>
#include <string.h>

#include "uni_call_priv.h"

/* Clear locally every call the restart covers. */
static void
restart_clear(struct mcm_uni *u, uint8_t cls, uint16_t vpi, uint16_t vci)
{
	uint32_t i;

	if (cls == MCM_UNI_RESTART_VC) {
		i = uni_vc_find(u, vpi, vci);
		if (i != UNI_NIL)
			uni_call_clear_local(u, i, MCM_UNI_CAUSE_TEMP_FAILURE, NULL);
		return;
	}
	for (i = 0; i < u->ncalls; i++) {
		struct uni_call *c = &u->calls[i];

		if (!(c->flags & UNI_CF_USED))
			continue;
		if (cls == MCM_UNI_RESTART_VPC && (!(c->flags & UNI_CF_HAS_VC) || c->vpi != vpi))
			continue;
		uni_call_clear_local(u, i, MCM_UNI_CAUSE_TEMP_FAILURE, NULL);
	}
}

static int
send_restart(struct mcm_uni *u, uint8_t type, bool flag, uint8_t cls, uint16_t vpi,
	     uint16_t vci)
{
	struct mcm_uni_msg *m = u->scratch;

	mcm_uni_msg_init(m, type, MCM_UNI_CREF_GLOBAL, flag);
	m->restart.h.present = true;
	m->restart.rclass = cls;
	if (cls != MCM_UNI_RESTART_ALL)
		uni_set_connid(m, vpi, cls == MCM_UNI_RESTART_VC ? vci : 0);
	return uni_send_msg(u, m);
}

static void
restart_event(struct mcm_uni *u, enum mcm_uni_event_type type, uint8_t cls, uint16_t vpi,
	      uint16_t vci, uint8_t cause, const struct mcm_uni_msg *m)
{
	struct mcm_uni_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	ev.restart_class = cls;
	ev.vpi = vpi;
	ev.vci = vci;
	ev.cause = cause;
	ev.msg = m;
	uni_emit(u, &ev);
}

/* ------------------------------------------------------------------------------------------ */
/* user primitives                                                                           */

int
mcm_uni_restart_request(struct mcm_uni *u, enum mcm_uni_restart_class cls, uint16_t vpi,
			uint16_t vci, uint64_t now)
{
	uni_set_now(u, now);
	if (cls != MCM_UNI_RESTART_VC && cls != MCM_UNI_RESTART_VPC && cls != MCM_UNI_RESTART_ALL)
		return -EINVAL;
	if (u->rstate == MCM_UNI_RS_REQUEST)
		return -EBUSY;
	if (u->link != MCM_UNI_LINK_UP)
		return -ENOTCONN;
	restart_clear(u, (uint8_t)cls, vpi, vci);
	u->rstate = MCM_UNI_RS_REQUEST;
	u->rclass = (uint8_t)cls;
	u->rvpi = vpi;
	u->rvci = vci;
	u->rcount = 1;
	uni_timer_arm(&u->th, UNI_TID_T316(u), u->now + u->p.timers.t316);
	return send_restart(u, MCM_UNI_MSG_RESTART, false, (uint8_t)cls, vpi, vci);
}

int
mcm_uni_restart_response(struct mcm_uni *u, uint64_t now)
{
	uni_set_now(u, now);
	if (!u->rin)
		return -EPROTO;
	uni_timer_disarm(&u->th, UNI_TID_T317(u));
	u->rin = false;
	return send_restart(u, MCM_UNI_MSG_RESTART_ACK, true, u->rin_class, u->rin_vpi,
			    u->rin_vci);
}

/* ------------------------------------------------------------------------------------------ */
/* received on the global call reference                                                     */

static void
global_status(struct mcm_uni *u, const struct mcm_uni_msg *m, uint8_t gstate, uint8_t cause,
	      const uint8_t *diag, uint8_t diag_len)
{
	uni_send_status(u, 0, !m->cref_flag, gstate, cause, diag, diag_len, NULL);
	u->st.rx_status_sent++;
}

void
uni_global_input(struct mcm_uni *u, const struct mcm_uni_msg *m,
		 const struct mcm_uni_decode_report *rep)
{
	struct mcm_uni_event ev;
	uint8_t gstate = u->rin ? MCM_UNI_RS_RESTART : u->rstate;

	if (rep->verdict == MCM_UNI_V_IGNORE)
		return;
	if (rep->global_misuse || (m->type != MCM_UNI_MSG_RESTART &&
				   m->type != MCM_UNI_MSG_RESTART_ACK &&
				   m->type != MCM_UNI_MSG_STATUS)) {
		/* Q.2931 5.6.3.2 f): STATUS on the global call reference, cause 81 */
		global_status(u, m, gstate, MCM_UNI_CAUSE_INVALID_CREF, NULL, 0);
		return;
	}
	if (rep->verdict == MCM_UNI_V_MANDATORY || rep->verdict == MCM_UNI_V_DISCARD_STATUS ||
	    rep->verdict == MCM_UNI_V_CLEAR) {
		if (m->type != MCM_UNI_MSG_STATUS)
			global_status(u, m, gstate, rep->cause, rep->diag, rep->diag_len);
		return;
	}
	switch (m->type) {
	case MCM_UNI_MSG_RESTART:
		if (m->restart.rclass != MCM_UNI_RESTART_ALL && !m->connid.h.present) {
			/* Q.2931 5.5.2: class 0/1 need the connection identifier */
			uint8_t d = MCM_UNI_IE_CONNID;

			global_status(u, m, gstate, MCM_UNI_CAUSE_MANDATORY_MISSING, &d, 1);
			return;
		}
		if (u->rin)
			return; /* already restarting: the answer comes when that ends */
		u->rin_class = m->restart.rclass;
		u->rin_vpi = m->connid.h.present ? m->connid.vpci : 0;
		u->rin_vci = m->connid.h.present ? m->connid.vci : 0;
		/* Rest2 and T317 while resources are returned to idle (Q.2931 5.5.2); a
		 * RESTART of ours in progress (Rest1) goes on independently */
		u->rin = true;
		uni_timer_arm(&u->th, UNI_TID_T317(u), u->now + u->p.timers.t317);
		restart_clear(u, u->rin_class, u->rin_vpi, u->rin_vci);
		restart_event(u, MCM_UNI_EV_RESTART_IND, u->rin_class, u->rin_vpi, u->rin_vci, 0,
			      m);
		break;
	case MCM_UNI_MSG_RESTART_ACK:
		if (u->rstate != MCM_UNI_RS_REQUEST)
			return;
		uni_timer_disarm(&u->th, UNI_TID_T316(u));
		u->rstate = MCM_UNI_RS_NULL;
		restart_event(u, MCM_UNI_EV_RESTART_CONF, u->rclass, u->rvpi, u->rvci, 0, m);
		break;
	case MCM_UNI_MSG_STATUS:
		memset(&ev, 0, sizeof(ev));
		ev.type = MCM_UNI_EV_STATUS_IND;
		ev.state = m->call_state.state;
		ev.cause = m->n_cause ? m->cause[0].cause : 0;
		ev.msg = m;
		uni_emit(u, &ev);
		break;
	default:
		break;
	}
}

/* ------------------------------------------------------------------------------------------ */
/* timers T316, T317                                                                         */

void
uni_restart_timeout(struct mcm_uni *u, uint32_t id)
{
	if (id == UNI_TID_T316(u)) {
		if (u->rcount < u->p.n316 && u->link == MCM_UNI_LINK_UP) {
			/* Q.2931 5.5.1: RESTART may be sent again */
			u->rcount++;
			send_restart(u, MCM_UNI_MSG_RESTART, false, u->rclass, u->rvpi, u->rvci);
			uni_timer_arm(&u->th, id, u->now + u->p.timers.t316);
			return;
		}
		/* give up: the maintenance entity is told (Q.2931 5.5.1) */
		u->rstate = MCM_UNI_RS_NULL;
		restart_event(u, MCM_UNI_EV_RESTART_FAIL, u->rclass, u->rvpi, u->rvci,
			      MCM_UNI_CAUSE_TIMER_EXPIRY, NULL);
	} else if (id == UNI_TID_T317(u)) {
		/* Q.2931 5.5.2: resources not idle in time, maintenance is told */
		u->rin = false;
		restart_event(u, MCM_UNI_EV_RESTART_FAIL, u->rin_class, u->rin_vpi, u->rin_vci,
			      MCM_UNI_CAUSE_TIMER_EXPIRY, NULL);
	}
}
