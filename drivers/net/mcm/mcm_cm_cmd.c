/* SPDX-License-Identifier: BSD-3-Clause
 * The call manager's requests from clients (commands run on the control thread), the
 * conversions between the public API, the framework and Q.2931 messages, parties
 * (Q.2971) and the OIDs both halves of the driver answer (doc/oids.md).
 */
#include <errno.h>
#include <string.h>

#include "mcm_cm.h"

static uint8_t
api_state(uint8_t st)
{
	switch (st) {
	case MCM_CALL_PROCEEDING:
		return RTE_PMD_MCM_CALL_PROCEEDING;
	case MCM_CALL_ALERTING:
		return RTE_PMD_MCM_CALL_ALERTING;
	case MCM_CALL_ACTIVE:
		return RTE_PMD_MCM_CALL_ACTIVE;
	case MCM_CALL_RELEASING:
		return RTE_PMD_MCM_CALL_RELEASING;
	default:
		return RTE_PMD_MCM_CALL_SETUP;
	}
}

/* ---- conversions ---- */

/* The B-LLI a SETUP carries for @p b's encapsulation, as SAPs and calls are matched on it:
 * layer 2 LLC for both LLC encapsulations, layer 3 ISO/IEC TR 9577 for VC-mux with the
 * routed protocol's EtherType (RFC 2684 7)
 */
static void
blli_wire(struct mcm_condis_blli *b)
{
	bool llc = b->encap == MCM_ENCAP_LLC_BRIDGED || b->encap == MCM_ENCAP_LLC_ROUTED;

	b->l2 = llc ? MCM_UNI_L2_LLC : 0;
	b->l3 = llc ? 0 : MCM_UNI_L3_TR9577;
	if (b->encap != MCM_ENCAP_VCMUX_ROUTED)
		b->proto = 0;
	else if (b->proto == 0)
		b->proto = MCM_SIG_PROTO_IPV4;
}

/* lib/sig's B-LLI for an encapsulation */
static enum mcm_sig_blli
sig_blli_of(uint8_t encap)
{
	switch (encap) {
	case MCM_ENCAP_VCMUX_BRIDGED:
		return MCM_SIG_BLLI_VCMUX_BRIDGED;
	case MCM_ENCAP_VCMUX_ROUTED:
		return MCM_SIG_BLLI_VCMUX_ROUTED;
	default:
		return MCM_SIG_BLLI_LLC;
	}
}

void
mcm_cm_blli_from_api(uint8_t encap, uint16_t routed_proto, struct mcm_condis_blli *out)
{
	memset(out, 0, sizeof(*out));
	out->present = 1;
	out->encap = encap;   /* numbered alike (mcm_private.h) */
	out->proto = routed_proto;
	blli_wire(out);
}

void
mcm_cm_params_to_api(const struct mcm_condis_call_params *p,
		     struct rte_pmd_mcm_call_params *out)
{
	uint8_t i;

	memset(out, 0, sizeof(*out));
	memcpy(out->called, p->called.b, RTE_MIN(p->called.len, RTE_PMD_MCM_AESA_LEN));
	out->has_calling = p->calling.len > 0;
	memcpy(out->calling, p->calling.b, RTE_MIN(p->calling.len, RTE_PMD_MCM_AESA_LEN));
	out->pcr = p->fwd_pcr;
	out->bwd_pcr = p->bwd_pcr;
	out->sdu = p->fwd_sdu;
	out->encap = p->blli.encap;   /* numbered alike (mcm_private.h) */
	out->routed_proto = p->blli.encap == MCM_ENCAP_VCMUX_ROUTED ? p->blli.proto : 0;
	out->no_blli = !p->blli.present || p->blli.implied;
	out->n_alt = RTE_MIN(p->n_blli_alt, (uint8_t)RTE_DIM(out->alt_encap));
	for (i = 0; i < out->n_alt; i++) {
		out->alt_encap[i] = p->blli_alt[i].encap;
		out->alt_proto[i] = p->blli_alt[i].encap == MCM_ENCAP_VCMUX_ROUTED ?
				    p->blli_alt[i].proto : 0;
	}
	out->bhli_len = p->bhli.present ? p->bhli.len : 0;
	memcpy(out->bhli, p->bhli.info, RTE_MIN(out->bhli_len, sizeof(out->bhli)));
	out->p2mp = p->p2mp;
}

void
mcm_cm_params_from_api(const struct rte_pmd_mcm_call_params *p,
		       struct mcm_condis_call_params *out)
{
	uint8_t i;

	memset(out, 0, sizeof(*out));
	out->called.len = RTE_PMD_MCM_AESA_LEN;
	memcpy(out->called.b, p->called, RTE_PMD_MCM_AESA_LEN);
	if (p->has_calling) {
		out->calling.len = RTE_PMD_MCM_AESA_LEN;
		memcpy(out->calling.b, p->calling, RTE_PMD_MCM_AESA_LEN);
	}
	out->fwd_pcr = p->pcr;
	out->bwd_pcr = p->bwd_pcr != 0 ? p->bwd_pcr : p->pcr;
	out->fwd_sdu = p->sdu;
	out->bwd_sdu = p->sdu;
	/* no B-LLI: the called side takes LLC (RFC 2684 7), routed or bridged as asked */
	mcm_cm_blli_from_api(!p->no_blli ? p->encap : p->encap == RTE_PMD_MCM_ENCAP_LLC_ROUTED ?
			     MCM_ENCAP_LLC_ROUTED : MCM_ENCAP_LLC_BRIDGED, p->routed_proto,
			     &out->blli);
	out->blli.present = !p->no_blli;
	out->n_blli_alt = RTE_MIN(p->n_alt, (uint8_t)RTE_DIM(out->blli_alt));
	for (i = 0; i < out->n_blli_alt; i++)
		mcm_cm_blli_from_api(p->alt_encap[i], p->alt_proto[i], &out->blli_alt[i]);
	if (p->bhli_len > 0) {
		out->bhli.present = 1;
		out->bhli.type = MCM_UNI_BHLI_USER;
		out->bhli.len = RTE_MIN(p->bhli_len, (uint8_t)sizeof(out->bhli.info));
		memcpy(out->bhli.info, p->bhli, out->bhli.len);
	}
	out->p2mp = p->p2mp;
}

void
mcm_cm_blli_from_pick(const struct mcm_uni_msg *m, const struct mcm_sig_blli_pick *b,
		      struct mcm_condis_blli *out)
{
	memset(out, 0, sizeof(*out));
	out->present = 1;
	/* none at all means LLC (RFC 2684 7): matched as if sent, so that a SAP for LLC
	 * takes a call from a stack that leaves the optional IE out
	 */
	out->implied = b->offered == 0;
	if (b->kind == MCM_SIG_BLLI_NONE) {
		/* none of ours: the SAP match tells (cause 88), on the first one's protocols */
		out->l2 = m->blli[0].has_l2 ? m->blli[0].l2 : 0;
		out->l3 = m->blli[0].has_l3 ? m->blli[0].l3 : 0;
		out->encap = MCM_ENCAP_LLC_BRIDGED;
		return;
	}
	out->encap = b->kind == MCM_SIG_BLLI_VCMUX_BRIDGED ? MCM_ENCAP_VCMUX_BRIDGED :
		     b->kind == MCM_SIG_BLLI_VCMUX_ROUTED ? MCM_ENCAP_VCMUX_ROUTED :
							    MCM_ENCAP_LLC_BRIDGED;
	out->proto = b->proto;
	blli_wire(out);
}

void
mcm_cm_params_from_setup(const struct mcm_uni_msg *m, struct mcm_condis_call_params *out,
			 struct mcm_sig_blli_pick *pick)
{
	struct mcm_sig_blli_pick b;

	memset(out, 0, sizeof(*out));
	if (pick != NULL)
		memset(pick, 0, sizeof(*pick));
	if (m == NULL)
		return;
	if (m->called.h.present) {
		out->called.len = RTE_MIN(m->called.len, (uint8_t)sizeof(out->called.b));
		memcpy(out->called.b, m->called.addr, out->called.len);
	}
	if (m->calling.h.present) {
		out->calling.len = RTE_MIN(m->calling.len, (uint8_t)sizeof(out->calling.b));
		memcpy(out->calling.b, m->calling.addr, out->calling.len);
	}
	if (m->bhli.h.present) {
		out->bhli.present = 1;
		out->bhli.type = m->bhli.type;
		out->bhli.len = RTE_MIN(m->bhli.len, (uint8_t)sizeof(out->bhli.info));
		memcpy(out->bhli.info, m->bhli.info, out->bhli.len);
	}
	/* the first B-LLI that is one of ours (Q.2931 Annex C); an LLC one means bridged
	 * until a SAP that takes routed PDUs takes the call
	 */
	mcm_sig_setup_blli_pick(m, &b);
	mcm_cm_blli_from_pick(m, &b, &out->blli);
	if (pick != NULL)
		*pick = b;
	if (m->aal.h.present) {
		out->fwd_sdu = m->aal.fwd_sdu;
		out->bwd_sdu = m->aal.bwd_sdu;
	}
	out->p2mp = m->bearer.h.present && m->bearer.upcc == 1;
}

void
mcm_cm_connect_taken(struct mcm_call *c, const struct mcm_uni_msg *m)
{
	struct mcm_condis_call_params *p = &c->params;
	struct mcm_condis_blli got;
	struct mcm_sig_blli_pick b;
	uint8_t i;

	if (p->n_blli_alt == 0)
		return;
	/* the one CONNECT names, else the first (Q.2931 Annex C); one not offered is
	 * ignored (liberal): the first stands
	 */
	if (m != NULL && m->type == MCM_UNI_MSG_CONNECT && m->n_blli > 0) {
		mcm_sig_setup_blli_pick(m, &b);
		mcm_cm_blli_from_pick(m, &b, &got);
		for (i = 0; b.kind != MCM_SIG_BLLI_NONE && i < p->n_blli_alt; i++)
			if (mcm_condis_blli_same(&p->blli_alt[i], &got)) {
				p->blli = p->blli_alt[i];
				break;
			}
	}
	p->n_blli_alt = 0;
}

int
mcm_cm_connect_blli(const struct mcm_call *c, struct mcm_uni_ie_blli *ie)
{
	return mcm_sig_blli_ie(sig_blli_of(c->params.blli.encap), c->params.blli.proto,
			       c->blli_nlpid, ie);
}

int
mcm_cm_setup_build(struct mcm_cm *cm, const struct mcm_condis_call_params *p,
		   struct mcm_uni_msg *msg)
{
	struct mcm_port *port = cm->port;
	struct mcm_sig_setup_args a = {
		.called = p->called.b,
		.called_len = p->called.len,
		.fwd_pcr = p->fwd_pcr,
		.bwd_pcr = p->bwd_pcr,
		.fwd_sdu = (uint16_t)p->fwd_sdu,
		.bwd_sdu = (uint16_t)p->bwd_sdu,
		.blli = !p->blli.present ? MCM_SIG_BLLI_NONE : sig_blli_of(p->blli.encap),
		.routed_proto = p->blli.encap == MCM_ENCAP_VCMUX_ROUTED ? p->blli.proto : 0,
		.n_alt = RTE_MIN(p->n_blli_alt, (uint8_t)RTE_DIM(a.alt)),
		.p2mp = p->p2mp,
	};
	uint8_t i;

	for (i = 0; i < a.n_alt; i++) {
		a.alt[i] = sig_blli_of(p->blli_alt[i].encap);
		a.alt_proto[i] = p->blli_alt[i].encap == MCM_ENCAP_VCMUX_ROUTED ?
				 p->blli_alt[i].proto : 0;
	}

	if (p->calling.len > 0) {
		a.calling = p->calling.b;
		a.calling_len = p->calling.len;
	}
	if (p->bhli.present) {
		a.bhli = p->bhli.info;
		a.bhli_len = p->bhli.len;
		a.bhli_type = p->bhli.type;
	}
	if (a.fwd_sdu == 0 && a.bwd_sdu == 0)
		a.fwd_sdu = a.bwd_sdu = (uint16_t)RTE_MIN(mcm_port_max_sdu(port), 65535u);
	return mcm_sig_setup_build(msg, &a);
}

void
mcm_cm_call_info(const struct mcm_call *c, struct rte_pmd_mcm_call_info *out)
{
	struct mcm_port *port = c->cm->port;

	memset(out, 0, sizeof(*out));
	out->call_id = c->id;
	out->client = c->client;
	out->state = api_state(c->state);
	out->outgoing = c->outgoing;
	out->cause = c->cause;
	out->vpi = c->params.vpi;
	out->vci = c->params.vci;
	out->call_ref = c->params.call_ref;
	out->sap_id = c->sap_id;
	if (c->uni != 0 && port->sig != NULL)
		out->uni_state = (uint8_t)mcm_uni_call_state(mcm_sig_uni(port->sig), c->uni);
	mcm_cm_params_to_api(&c->params, &out->params);
}

void
mcm_cm_reply_call(const struct mcm_call *c, struct mcm_cm_req *req)
{
	mcm_cm_call_info(c, &req->call);
	req->cause_out = c->cause;
}

/* The bridge client's active call carries the ethdev's frames when the port has no
 * default VC (testpmd sends frames with no VC field).
 */
void
mcm_cm_bridge_default(struct mcm_call *c)
{
	struct mcm_port *port = c->cm->port;

	if (c->client != RTE_PMD_MCM_BRIDGE_CLIENT || !c->active_vc)
		return;
	if (__atomic_load_n(&port->default_vc, __ATOMIC_RELAXED) != MCM_NO_VC)
		return;
	__atomic_store_n(&port->default_vc, rte_pmd_mcm_vc(c->params.vpi, c->params.vci),
			 __ATOMIC_RELEASE);
}

/* ---- parties (Q.2971) ---- */

static struct mcm_party *
party_find(struct mcm_cm *cm, mcm_condis_handle_t h, struct mcm_call **call)
{
	struct mcm_call *c;
	uint32_t i, j;

	for (i = 0; (c = mcm_cm_call_next(cm, &i)) != NULL; i++)
		for (j = 0; c->state != MCM_CALL_FREE && j < MCM_CM_MAX_PARTIES; j++)
			if (c->parties[j].used && c->parties[j].h == h) {
				*call = c;
				return &c->parties[j];
			}
	return NULL;
}

void
mcm_cm_party_event(struct mcm_cm *cm, mcm_condis_handle_t party, struct rte_pmd_mcm_event *ev)
{
	struct mcm_call *c = NULL;
	struct mcm_party *pt = party_find(cm, party, &c);

	if (pt == NULL)
		return;
	ev->call_id = c->id;
	ev->party_id = pt->epref;
	ev->vpi = c->params.vpi;
	ev->vci = c->params.vci;
}

int
mcm_cm_party_add_op(void *ctx, mcm_condis_handle_t vc, mcm_condis_handle_t party,
		    const struct mcm_condis_call_params *p)
{
	struct mcm_port *port = ctx;
	int slot = mcm_condis_vc_slot(port->reg, vc);
	struct mcm_sig_setup_args a = { 0 };
	struct mcm_uni_msg add;
	struct mcm_call *c;
	uint16_t epref;
	unsigned int i;
	int rc;

	c = slot < 0 ? NULL : mcm_cm_call_at(port->cm, (uint32_t)slot);
	if (c == NULL)
		return -ENOENT;
	if (c->state != MCM_CALL_ACTIVE || !c->params.p2mp || !c->outgoing)
		return -EPROTO;
	for (i = 0; i < MCM_CM_MAX_PARTIES && c->parties[i].used; i++)
		;
	if (i == MCM_CM_MAX_PARTIES)
		return -ENOSPC;
	/* ADD PARTY carries the called party of the new leaf (Q.2971 5.2); build it with the
	 * SETUP builder and keep what ADD PARTY may carry
	 */
	a.called = p->called.b;
	a.called_len = p->called.len;
	a.p2mp = true;
	a.blli = MCM_SIG_BLLI_LLC;
	rc = mcm_sig_setup_build(&add, &a);
	if (rc != 0)
		return rc;
	add.type = MCM_UNI_MSG_ADD_PARTY;
	add.traffic.h.present = false;
	add.bearer.h.present = false;
	add.qos.h.present = false;
	rc = mcm_sig_add_party(port->sig, port->now_ns, c->uni, &add, &epref);
	if (rc != 0)
		return rc;
	c->parties[i].used = 1;
	c->parties[i].h = party;
	c->parties[i].epref = epref;
	return 0;
}

int
mcm_cm_party_drop_op(void *ctx, mcm_condis_handle_t party, uint8_t cause)
{
	struct mcm_port *port = ctx;
	struct mcm_call *c = NULL;
	struct mcm_party *pt = party_find(port->cm, party, &c);

	if (pt == NULL)
		return -ENOENT;
	return mcm_sig_drop_party(port->sig, port->now_ns, c->uni, pt->epref,
				  cause ? cause : MCM_CONDIS_CAUSE_NORMAL_CLEARING);
}

void
mcm_cm_party_uni_event(struct mcm_call *c, const struct mcm_uni_event *ev)
{
	struct mcm_condis *reg = c->cm->port->reg;
	unsigned int i;

	for (i = 0; i < MCM_CM_MAX_PARTIES; i++) {
		struct mcm_party *pt = &c->parties[i];

		if (!pt->used || pt->epref != ev->epref)
			continue;
		if (ev->type == MCM_UNI_EV_PARTY_ACTIVE) {
			if (pt->incoming)
				return;   /* the leaf side completes at its ACK */
			pt->active = 1;
			mcm_condis_add_party_complete(reg, pt->h, 0, 0);
			return;
		}
		/* gone (DROP PARTY from either side, ADD PARTY REJECT, T398/T399): a leaf
		 * party offered or accepted is withdrawn from its client as one dropped
		 */
		if (pt->active || pt->incoming)
			mcm_condis_dispatch_party_dropped(reg, pt->h, ev->cause);
		else
			mcm_condis_add_party_complete(reg, pt->h, -ECONNREFUSED, ev->cause);
		memset(pt, 0, sizeof(*pt));
		return;
	}
}

/* ---- the leaf side of a p2mp call: ADD PARTY received (Q.2971 5.2) ---- */

static struct mcm_call *
call_of_vc_handle(struct mcm_cm *cm, mcm_condis_handle_t vc)
{
	int slot = mcm_condis_vc_slot(cm->port->reg, vc);
	struct mcm_call *c = slot < 0 ? NULL : mcm_cm_call_at(cm, (uint32_t)slot);

	if (c == NULL || c->vc != vc || c->state == MCM_CALL_FREE)
		return NULL;
	return c;
}

/* The client's incoming_party: the party being offered (handle 0 until now) takes its
 * handle; the event gets the call, party id and VC.
 */
int
mcm_cm_incoming_party_offer(struct mcm_cm *cm, mcm_condis_handle_t vc,
			    mcm_condis_handle_t party, struct rte_pmd_mcm_event *ev)
{
	struct mcm_call *c = call_of_vc_handle(cm, vc);
	unsigned int i;

	for (i = 0; c != NULL && i < MCM_CM_MAX_PARTIES; i++) {
		struct mcm_party *pt = &c->parties[i];

		if (!pt->used || !pt->incoming || pt->h != 0)
			continue;
		pt->h = party;
		ev->call_id = c->id;
		ev->party_id = pt->epref;
		ev->vpi = c->params.vpi;
		ev->vci = c->params.vci;
		ev->cause = 0;
		return 0;
	}
	return -ENOENT;
}

/* the call manager's incoming_party_complete: the answer is applied after the framework's
 * call returns (party_answer_apply), as for an incoming call
 */
int
mcm_cm_incoming_party_complete_op(void *ctx, mcm_condis_handle_t party, int status,
				  uint8_t cause)
{
	struct mcm_port *port = ctx;
	struct mcm_call *c = NULL;
	struct mcm_party *pt = party_find(port->cm, party, &c);

	if (pt == NULL || !pt->incoming || pt->active)
		return -ENOENT;
	pt->answer = status == 0 ? MCM_ANSWER_ACCEPT : MCM_ANSWER_REJECT;
	pt->cause = status == 0 ? 0 : cause;
	return 0;
}

/* ADD PARTY ACKNOWLEDGE or ADD PARTY REJECT with the client's cause (Q.2971 5.2) */
static void
party_answer_apply(struct mcm_call *c, struct mcm_party *pt)
{
	struct mcm_port *port = c->cm->port;
	int rc;

	if (pt->answer == MCM_ANSWER_NONE)
		return;
	if (pt->answer == MCM_ANSWER_REJECT) {
		/* the framework freed the party already: the client hears nothing more */
		mcm_sig_add_party_reject(port->sig, port->now_ns, c->uni, pt->epref,
					 pt->cause ? pt->cause : MCM_CONDIS_CAUSE_CALL_REJECTED);
		memset(pt, 0, sizeof(*pt));
		return;
	}
	pt->answer = MCM_ANSWER_NONE;
	rc = mcm_sig_add_party_ack(port->sig, port->now_ns, c->uni, pt->epref);
	if (rc != 0) {
		/* the ACK did not go (the party is gone at lib/uni): no leaf */
		mcm_condis_add_party_complete(port->reg, pt->h, rc,
					      MCM_UNI_CAUSE_RESOURCE_UNAVAIL);
		memset(pt, 0, sizeof(*pt));
		return;
	}
	pt->active = 1;
	mcm_condis_add_party_complete(port->reg, pt->h, 0, 0);
}

static uint8_t
party_offer_cause(int rc)
{
	switch (rc) {
	case -ENOENT:
		return MCM_CONDIS_CAUSE_UNALLOCATED_NUMBER;   /* Q.2931 annex E: cause 1 */
	case -EPROTONOSUPPORT:
		return MCM_CONDIS_CAUSE_INCOMPATIBLE_DEST;    /* B-HLI / B-LLI: cause 88 */
	case -EACCES:
		/* the address is another client's than the call's: that client cannot share
		 * a VC it does not own
		 */
		return MCM_UNI_CAUSE_SERVICE_UNAVAIL;         /* 63 */
	default:
		return MCM_UNI_CAUSE_RESOURCE_UNAVAIL;        /* 47 */
	}
}

void
mcm_cm_party_add_ind(struct mcm_cm *cm, const struct mcm_uni_event *ev)
{
	struct mcm_port *port = cm->port;
	struct mcm_call *c = ev->cookie != 0 ? mcm_cm_call_by_id(cm, ev->cookie) : NULL;
	struct mcm_condis_call_params p;
	mcm_condis_handle_t h = 0;
	struct mcm_party *pt = NULL;
	unsigned int i;
	int rc;

	if (c == NULL || c->state != MCM_CALL_ACTIVE || !c->params.p2mp || c->outgoing) {
		/* no call of a client to offer it on; at the root, ADD PARTY from the
		 * network is not a UNI 4.0 procedure (the root adds, Q.2971 5.2)
		 */
		mcm_sig_add_party_reject(port->sig, port->now_ns, ev->call, ev->epref,
					 c != NULL && c->outgoing ?
					 MCM_UNI_CAUSE_SERVICE_UNAVAIL :
					 MCM_UNI_CAUSE_RESOURCE_UNAVAIL);
		return;
	}
	for (i = 0; i < MCM_CM_MAX_PARTIES && pt == NULL; i++)
		if (!c->parties[i].used)
			pt = &c->parties[i];
	if (pt == NULL) {
		mcm_sig_add_party_reject(port->sig, port->now_ns, c->uni, ev->epref,
					 MCM_UNI_CAUSE_RESOURCE_UNAVAIL);
		return;
	}
	/* the leaf's party: called address, B-HLI and B-LLI of the ADD PARTY; the VC and
	 * the contract are the call's
	 */
	mcm_cm_params_from_setup(ev->msg, &p, NULL);
	p.p2mp = 1;
	p.vpi = c->params.vpi;
	p.vci = c->params.vci;
	p.call_ref = c->params.call_ref;
	memset(pt, 0, sizeof(*pt));
	pt->used = 1;
	pt->incoming = 1;
	pt->epref = ev->epref;
	rc = mcm_condis_dispatch_incoming_party(port->reg, c->vc, &p, &h);
	if (rc != 0) {
		memset(pt, 0, sizeof(*pt));
		mcm_sig_add_party_reject(port->sig, port->now_ns, c->uni, ev->epref,
					 party_offer_cause(rc));
		return;
	}
	if (pt->used && pt->h == 0)
		pt->h = h;
	party_answer_apply(c, pt);
}

static struct mcm_party *
party_by_id(struct mcm_call *c, uint32_t id)
{
	unsigned int i;

	for (i = 0; i < MCM_CM_MAX_PARTIES; i++)
		if (c->parties[i].used && c->parties[i].epref == id)
			return &c->parties[i];
	return NULL;
}

/* ---- OIDs (doc/oids.md): the framework checked name, scope, size and access ---- */

static int
oid_put(struct mcm_condis_oid_request *r, const void *v, uint32_t len)
{
	if (r->len < len) {
		r->written = len;
		return -EMSGSIZE;
	}
	memcpy(r->buf, v, len);
	r->written = len;
	return 0;
}

static int
oid_u64(struct mcm_condis_oid_request *r, uint64_t v)
{
	const struct mcm_condis_oid_desc *d = mcm_condis_oid_get(r->oid);

	if (d != NULL && d->type == MCM_CONDIS_OID_U32) {
		uint32_t v32 = (uint32_t)v;

		return oid_put(r, &v32, sizeof(v32));
	}
	return oid_put(r, &v, sizeof(v));
}

int
mcm_cm_oid_request_op(void *ctx, mcm_condis_handle_t vc, struct mcm_condis_oid_request *r)
{
	struct mcm_port *port = ctx;

	RTE_SET_USED(vc);
	switch (r->oid) {
	case MCM_OID_MCM_ATM_ADDRESS:
		if (r->set) {
			if (r->len != sizeof(port->cfg.addr))
				return -EINVAL;
			memcpy(port->cfg.addr, r->buf, sizeof(port->cfg.addr));
			port->cfg.has_addr = true;
			return 0;
		}
		return oid_put(r, port->cfg.addr, sizeof(port->cfg.addr));
	case MCM_OID_ATM_SIGNALING_VPIVCI: {
		uint32_t v = rte_pmd_mcm_vc(0, MCM_ATM_VCI_SIGNALLING);

		return oid_u64(r, v);
	}
	default:
		return -ENOTSUP;
	}
}

int
mcm_mp_oid_request_op(void *ctx, uint32_t slot_or_port, struct mcm_condis_oid_request *r)
{
	struct mcm_port *port = ctx;
	struct rte_pmd_mcm_vc_stats st;
	struct rte_eth_link link;

	if (slot_or_port != MCM_CONDIS_OID_PORT) {
		mcm_vc_stats_sum(port, slot_or_port, &st);
		switch (r->oid) {
		case MCM_OID_MCM_VC_XMIT_CELLS:
			return oid_u64(r, st.tx_cells);
		case MCM_OID_MCM_VC_RCV_CELLS:
			return oid_u64(r, st.rx_cells);
		case MCM_OID_MCM_VC_XMIT_PDUS:
			return oid_u64(r, st.tx_pdus);
		case MCM_OID_MCM_VC_RCV_PDUS:
			return oid_u64(r, st.rx_pdus);
		default:
			return -ENOTSUP;
		}
	}
	switch (r->oid) {
	case MCM_OID_GEN_CO_LINK_SPEED:
		mcm_port_link_get(port, &link);
		return oid_u64(r, (uint64_t)link.link_speed);
	case MCM_OID_GEN_CO_MEDIA_CONNECT_STATUS:
		mcm_port_link_get(port, &link);
		return oid_u64(r, link.link_status);
	case MCM_OID_GEN_CO_XMIT_PDUS_OK:
		return oid_u64(r, mcm_port_total(port, "tx_pdus"));
	case MCM_OID_GEN_CO_RCV_PDUS_OK:
		return oid_u64(r, mcm_port_total(port, "rx_pdus"));
	case MCM_OID_ATM_MAX_ACTIVE_VCS:
		return oid_u64(r, port->cfg.max_vcs);
	case MCM_OID_ATM_MAX_ACTIVE_VCI_BITS:
		return oid_u64(r, 16);
	case MCM_OID_ATM_MAX_ACTIVE_VPI_BITS:
		return oid_u64(r, 12);   /* RFC 4717 N:1 cell header */
	case MCM_OID_ATM_MAX_AAL5_PACKET_SIZE:
		return oid_u64(r, mcm_port_max_sdu(port));
	case MCM_OID_ATM_RCV_CELLS_OK:
		return oid_u64(r, mcm_port_xstat(port, "rx_cells", false));
	case MCM_OID_ATM_XMIT_CELLS_OK:
		return oid_u64(r, mcm_port_xstat(port, "tx_cells", false));
	case MCM_OID_ATM_RCV_CELLS_DROPPED:
		return oid_u64(r, mcm_port_xstat(port, "rx_unknown_vc_cells", false) +
				  mcm_port_xstat(port, "rx_reserved_vc_cells", false));
	case MCM_OID_ATM_RCV_INVALID_VPI_VCI:
		return oid_u64(r, mcm_port_xstat(port, "rx_unknown_vc_cells", false));
	case MCM_OID_ATM_RCV_REASSEMBLY_ERROR:
		return oid_u64(r, mcm_port_xstat(port, "rx_aal5_errors", false));
	case MCM_OID_MCM_VPI_RANGE: {
		uint32_t v = (uint32_t)0 << 16 | MCM_ATM_VPI_MAX;

		return oid_u64(r, v);
	}
	case MCM_OID_MCM_VCI_RANGE: {
		uint32_t v = (uint32_t)MCM_ATM_VCI_FIRST_USER << 16 | MCM_ATM_VCI_MAX;

		return oid_u64(r, v);
	}
	default:
		return -ENOTSUP;
	}
}

/* ---- commands (MCM_CMD_CM) ---- */

static struct mcm_call *
req_call(struct mcm_cm *cm, const struct mcm_cm_req *req)
{
	struct mcm_call *c;
	int slot;

	if (req->call_id != 0)
		return mcm_cm_call_by_id(cm, req->call_id);
	/* a call's VPI/VCI is its framework VC's: found through the registry's index */
	slot = mcm_condis_vc_find(cm->port->reg, req->vpi, req->vci);
	c = slot < 0 ? NULL : mcm_cm_call_at(cm, (uint32_t)slot);
	if (c != NULL && c->state != MCM_CALL_FREE && c->params.vpi == req->vpi &&
	    c->params.vci == req->vci && c->active_vc)
		return c;
	return NULL;
}

/* The call a request names, which must be the requesting client's. */
static int
req_owned_call(struct mcm_cm *cm, const struct mcm_cm_req *req, struct mcm_call **c)
{
	*c = req_call(cm, req);
	if (*c == NULL)
		return -ENOENT;
	return (*c)->client == req->client ? 0 : -EACCES;
}

/* The party a request names (req->id), of a call that must be the requesting client's. */
static int
req_owned_party(struct mcm_cm *cm, const struct mcm_cm_req *req, struct mcm_call **c,
		struct mcm_party **pt)
{
	int rc = req_owned_call(cm, req, c);

	if (rc != 0)
		return rc;
	*pt = party_by_id(*c, req->id);
	return *pt != NULL ? 0 : -ENOENT;
}

static int
cm_oid(struct mcm_port *port, struct mcm_cm_req *req)
{
	const struct mcm_condis_oid_desc *d = mcm_condis_oid_find(req->oid_name);
	struct mcm_cm_client *cl = mcm_cm_client_get(port->cm, req->client);
	struct mcm_condis_oid_request r;
	mcm_condis_handle_t vc = 0, af;
	int rc;

	if (d == NULL)
		return -ENOENT;
	if (cl == NULL)
		return -ENOENT;
	af = cl->af;
	if (req->oid_has_vc) {
		int slot = mcm_condis_vc_find(port->reg, req->vpi, req->vci);

		if (slot < 0)
			return slot;
		vc = mcm_condis_vc_handle(port->reg, (uint32_t)slot);
	}
	memset(&r, 0, sizeof(r));
	/* rte_pmd_mcm_oid_query is the port's management view (af 0 sees every VC) */
	if (req->oid_mgmt)
		af = 0;
	r.oid = d->id;
	r.set = req->oid_set;
	r.buf = req->oid_buf;
	r.len = req->oid_set ? req->oid_len : sizeof(req->oid_buf);
	rc = mcm_condis_oid_request(port->reg, af, vc, &r);
	if (rc == 0 && !r.set)
		req->oid_len = r.written;
	return rc;
}

int
mcm_cm_command(struct mcm_port *port, struct mcm_cmd *cmd)
{
	struct mcm_cm_req *req = mcm_cmd_data(cmd);
	struct mcm_cm *cm = port->cm;
	struct mcm_call *c;
	int rc;

	switch (req->op) {
	case MCM_CM_OP_CLIENT_OPEN:
		return mcm_cm_client_open(cm, &req->client);
	case MCM_CM_OP_CLIENT_CLOSE:
		return mcm_cm_client_close(cm, req->client);
	case MCM_CM_OP_SAP_ADD:
		return mcm_cm_sap_add(cm, req->client, &req->sap, &req->id);
	case MCM_CM_OP_SAP_DEL:
		return mcm_cm_sap_del(cm, req->client, req->id);
	case MCM_CM_OP_CALL_MAKE:
		return mcm_cm_make(cm, req->client, &req->params, req->async ? NULL : cmd,
				   &req->call.call_id);
	case MCM_CM_OP_CALL_RELEASE:
		rc = req_owned_call(cm, req, &c);
		if (rc != 0)
			return rc;
		mcm_cm_reply_call(c, req);
		return mcm_cm_release(cm, c, req->cause, req->async ? NULL : cmd);
	case MCM_CM_OP_CALL_ANSWER:
		rc = req_owned_call(cm, req, &c);
		if (rc != 0)
			return rc;
		return mcm_cm_answer(cm, c, req->accept, req->cause);
	case MCM_CM_OP_PARTY_ADD: {
		mcm_condis_handle_t party;
		struct mcm_party *pt;

		rc = req_owned_call(cm, req, &c);
		if (rc != 0)
			return rc;
		/* rte_pmd_mcm.h: -EPROTO unless an active p2mp call this side made (Q.2971
		 * 5.2: the root adds parties; a point-to-point call has none)
		 */
		if (c->state != MCM_CALL_ACTIVE || !c->params.p2mp || !c->outgoing)
			return -EPROTO;
		rc = mcm_condis_add_party(port->reg, c->vc, &req->params, &party);
		if (rc != 0 && rc != MCM_CONDIS_PENDING)
			return rc;
		pt = NULL;
		for (unsigned int i = 0; i < MCM_CM_MAX_PARTIES; i++)
			if (c->parties[i].used && c->parties[i].h == party)
				pt = &c->parties[i];
		req->id = pt != NULL ? pt->epref : 0;
		return 0;
	}
	case MCM_CM_OP_PARTY_DROP: {
		struct mcm_party *pt;

		rc = req_owned_party(cm, req, &c, &pt);
		if (rc != 0)
			return rc;
		rc = mcm_condis_drop_party(port->reg, pt->h, req->cause);
		return rc == MCM_CONDIS_PENDING ? 0 : rc;
	}
	case MCM_CM_OP_PARTY_ANSWER: {
		struct mcm_party *pt;

		rc = req_owned_party(cm, req, &c, &pt);
		if (rc != 0)
			return rc;
		if (!pt->incoming || pt->active)
			return -EPROTO;
		rc = mcm_condis_incoming_party_answer(port->reg, pt->h, req->accept ? 0 :
						      -ECONNREFUSED, req->cause);
		if (rc != 0)
			return rc == -EALREADY ? -EPROTO : rc;
		party_answer_apply(c, pt);
		return 0;
	}
	case MCM_CM_OP_OID:
		return cm_oid(port, req);
	case MCM_CM_OP_CAPTURE_START:
		return mcm_capture_start(port, req->path, req->cap_vcs, req->ncap,
					 req->cap_count);
	case MCM_CM_OP_CAPTURE_STOP:
		return mcm_capture_stop(port, req);
	}
	return -EINVAL;
}
