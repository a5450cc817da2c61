/* SPDX-License-Identifier: BSD-3-Clause
 * UNI call control: what goes out. Events to the user of the instance, messages to the
 * SAAL: a message on a call (call reference flag, Q.2931 4.3), the cause (Q.2931 4.5.15,
 * Q.2610) and endpoint reference (Q.2971 8.2.1) and connection identifier (Q.2931 4.5.16)
 * IEs, the IEs our direction may not carry stripped (Q.2931 clause 3 message tables), the
 * traffic contract from a SETUP, RELEASE COMPLETE and STATUS (Q.2931 5.4, 5.6.11).
 */
#include <errno.h>
#include <string.h>

#include "uni_call_priv.h"

void
uni_emit_call(struct mcm_uni *u, uint32_t idx, enum mcm_uni_event_type type, uint8_t cause,
	      const struct mcm_uni_msg *m)
{
	struct mcm_uni_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	ev.call = uni_handle_of(u, idx);
	ev.cookie = u->calls[idx].cookie;
	ev.cause = cause;
	ev.vpi = u->calls[idx].vpi;
	ev.vci = u->calls[idx].vci;
	ev.contract = &u->calls[idx].contract;
	ev.msg = m;
	uni_emit(u, &ev);
}

int
uni_send_encoded(struct mcm_uni *u, const uint8_t *buf, size_t len)
{
	if (u->link != MCM_UNI_LINK_UP || u->p.ops.send(u->p.ctx, buf, len) != 0) {
		u->st.send_failures++;
		return -EIO;
	}
	u->st.tx_msgs++;
	return 0;
}

int
uni_send_msg(struct mcm_uni *u, const struct mcm_uni_msg *m)
{
	int n = mcm_uni_msg_encode(m, u->txbuf, UNI_TXBUF);

	if (n < 0)
		return n;
	return uni_send_encoded(u, u->txbuf, (size_t)n);
}

static uint8_t
cause_loc(const struct mcm_uni *u)
{
	return uni_is_net(u) ? MCM_UNI_LOC_PRIV_LOCAL : MCM_UNI_LOC_USER;
}

void
uni_add_cause(const struct mcm_uni *u, struct mcm_uni_msg *m, uint8_t cause, const uint8_t *diag,
	      uint8_t diag_len)
{
	struct mcm_uni_ie_cause *c = &m->cause[0];

	m->n_cause = 1;
	c->h.present = true;
	c->location = cause_loc(u);
	c->cause = cause;
	if (diag_len > MCM_UNI_DIAG_MAX)
		diag_len = MCM_UNI_DIAG_MAX;
	c->diag_len = diag_len;
	if (diag_len)
		memcpy(c->diag, diag, diag_len);
}

/* Endpoint reference IE (Q.2971 8.2.1); @p flag set when the receiver allocated it. */
void
uni_set_epref(struct mcm_uni_msg *m, uint16_t value, bool flag)
{
	m->epref.h.present = true;
	m->epref.type = 0;
	m->epref.value = value;
	m->epref.flag = flag;
}

/* Connection identifier IE: VP-associated signalling, exclusive VPCI and VCI (Q.2931 5.1.2,
 * 5.2.3). */
void
uni_set_connid(struct mcm_uni_msg *m, uint16_t vpi, uint16_t vci)
{
	m->connid.h.present = true;
	m->connid.assoc = 1;
	m->connid.excl = MCM_UNI_CONNID_EXCL_EXCL;
	m->connid.vpci = vpi;
	m->connid.vci = vci;
}

/* Start a message on a call: call reference flag set when the peer allocated it (4.3). */
struct mcm_uni_msg *
uni_msg_call(struct mcm_uni *u, uint32_t idx, uint8_t type)
{
	struct uni_call *c = &u->calls[idx];
	struct mcm_uni_msg *m = u->scratch;

	mcm_uni_msg_init(m, type, c->key & UNI_CREF_MASK, !(c->key & UNI_KEY_LOCAL));
	return m;
}

bool
uni_ie_allowed(const struct mcm_uni *u, uint8_t type, uint8_t ie)
{
	enum mcm_uni_dir d = uni_is_net(u) ? MCM_UNI_DIR_N2U : MCM_UNI_DIR_U2N;

	return mcm_uni_msg_ie_rule(type, ie, d) != MCM_UNI_IE_NOT_ALLOWED;
}

/* Clear the IEs a message type may not carry in our direction (user input is forgiving). */
void
uni_strip_disallowed(const struct mcm_uni *u, struct mcm_uni_msg *m)
{
#define STRIP(id, field) do { \
	if (!uni_ie_allowed(u, m->type, (id))) \
		memset(&m->field, 0, sizeof(m->field)); \
} while (0)
	if (!uni_ie_allowed(u, m->type, MCM_UNI_IE_CAUSE))
		m->n_cause = 0;
	STRIP(MCM_UNI_IE_CALL_STATE, call_state);
	STRIP(MCM_UNI_IE_EPREF, epref);
	STRIP(MCM_UNI_IE_EPSTATE, epstate);
	STRIP(MCM_UNI_IE_AAL, aal);
	STRIP(MCM_UNI_IE_TRAFFIC, traffic);
	STRIP(MCM_UNI_IE_ATRAFFIC, atraffic);
	STRIP(MCM_UNI_IE_MINTRAFFIC, mintraffic);
	STRIP(MCM_UNI_IE_CONNID, connid);
	STRIP(MCM_UNI_IE_QOS, qos);
	STRIP(MCM_UNI_IE_EXQOS, exqos);
	STRIP(MCM_UNI_IE_EETD, eetd);
	STRIP(MCM_UNI_IE_BEARER, bearer);
	STRIP(MCM_UNI_IE_BHLI, bhli);
	STRIP(MCM_UNI_IE_REPEAT, blli_repeat);
	if (!uni_ie_allowed(u, m->type, MCM_UNI_IE_BLLI))
		m->n_blli = 0;
	else if (m->n_blli > 1 && mcm_uni_msg_rules(m->type) != NULL) {
		const struct mcm_uni_msg_rules *r = mcm_uni_msg_rules(m->type);
		uint8_t i;

		for (i = 0; i < r->n_rules; i++)
			if (r->rules[i].ie == MCM_UNI_IE_BLLI && m->n_blli > r->rules[i].max)
				m->n_blli = r->rules[i].max;
	}
	STRIP(MCM_UNI_IE_SCOMPL, scompl);
	STRIP(MCM_UNI_IE_CALLED, called);
	if (!uni_ie_allowed(u, m->type, MCM_UNI_IE_CALLEDSUB))
		m->n_calledsub = 0;
	STRIP(MCM_UNI_IE_CALLING, calling);
	if (!uni_ie_allowed(u, m->type, MCM_UNI_IE_CALLINGSUB))
		m->n_callingsub = 0;
	STRIP(MCM_UNI_IE_TNS, tns);
	STRIP(MCM_UNI_IE_RESTART, restart);
	STRIP(MCM_UNI_IE_NOTIFY, notify);
#undef STRIP
}

void
uni_contract_from(struct mcm_uni_contract *k, const struct mcm_uni_msg *m)
{
	const struct mcm_uni_ie_traffic *t = &m->traffic;

	memset(k, 0, sizeof(*k));
	if (t->h.present) {
#define R(i) ((t->mask & (1u << (i))) ? t->rate[i] : 0)
		k->fwd_pcr = R(MCM_UNI_TDI_FPCR) ? R(MCM_UNI_TDI_FPCR) : R(MCM_UNI_TDI_FPCR0);
		k->bwd_pcr = R(MCM_UNI_TDI_BPCR) ? R(MCM_UNI_TDI_BPCR) : R(MCM_UNI_TDI_BPCR0);
		k->fwd_scr = R(MCM_UNI_TDI_FSCR) ? R(MCM_UNI_TDI_FSCR) : R(MCM_UNI_TDI_FSCR0);
		k->bwd_scr = R(MCM_UNI_TDI_BSCR) ? R(MCM_UNI_TDI_BSCR) : R(MCM_UNI_TDI_BSCR0);
		k->fwd_mbs = R(MCM_UNI_TDI_FMBS) ? R(MCM_UNI_TDI_FMBS) : R(MCM_UNI_TDI_FMBS0);
		k->bwd_mbs = R(MCM_UNI_TDI_BMBS) ? R(MCM_UNI_TDI_BMBS) : R(MCM_UNI_TDI_BMBS0);
#undef R
		k->best_effort = t->best_effort;
	}
	if (m->aal.h.present) {
		k->aal = m->aal.type;
		if (m->aal.has_fwd_sdu)
			k->fwd_sdu = m->aal.fwd_sdu;
		if (m->aal.has_bwd_sdu)
			k->bwd_sdu = m->aal.bwd_sdu;
	}
	if (m->bearer.h.present) {
		k->bearer_class = m->bearer.bclass;
		k->p2mp = m->bearer.upcc == 1;
	}
}

void
uni_send_release_complete(struct mcm_uni *u, uint32_t cref, bool flag, uint8_t cause,
			  const uint8_t *diag, uint8_t diag_len)
{
	struct mcm_uni_msg *m = u->scratch;

	mcm_uni_msg_init(m, MCM_UNI_MSG_RELEASE_COMPLETE, cref, flag);
	if (cause)
		uni_add_cause(u, m, cause, diag, diag_len);
	uni_send_msg(u, m);
}

/* STATUS (Q.2931 5.6.11, 5.6.12); @p ep: endpoint to report, or NULL. */
void
uni_send_status(struct mcm_uni *u, uint32_t cref, bool flag, uint8_t state, uint8_t cause,
		const uint8_t *diag, uint8_t diag_len, const struct uni_party *ep)
{
	struct mcm_uni_msg *m = u->scratch;

	mcm_uni_msg_init(m, MCM_UNI_MSG_STATUS, cref, flag);
	m->call_state.h.present = true;
	m->call_state.state = state;
	uni_add_cause(u, m, cause, diag, diag_len);
	if (ep != NULL) {
		uni_set_epref(m, ep->epkey & UNI_EPREF_MASK, !(ep->epkey & UNI_EPKEY_LOCAL));
		m->epstate.h.present = true;
		m->epstate.state = ep->state;
	}
	uni_send_msg(u, m);
}

void
uni_call_status(struct mcm_uni *u, uint32_t idx, uint8_t cause, const uint8_t *diag,
		uint8_t diag_len, const struct uni_party *ep)
{
	struct uni_call *c = &u->calls[idx];

	uni_send_status(u, c->key & UNI_CREF_MASK, !(c->key & UNI_KEY_LOCAL), c->state, cause, diag,
			diag_len, ep);
	u->st.rx_status_sent++;
}
