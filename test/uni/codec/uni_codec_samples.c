/* SPDX-License-Identifier: BSD-3-Clause
 * Sample messages: every message type with every IE it may carry, in several codings.
 */
#include <string.h>

#include "uni_codec_samples.h"

const uint8_t sample_types[SAMPLE_N_TYPES] = {
	MCM_UNI_MSG_SETUP, MCM_UNI_MSG_CALL_PROCEEDING, MCM_UNI_MSG_ALERTING,
	MCM_UNI_MSG_CONNECT, MCM_UNI_MSG_CONNECT_ACK, MCM_UNI_MSG_RELEASE,
	MCM_UNI_MSG_RELEASE_COMPLETE, MCM_UNI_MSG_STATUS, MCM_UNI_MSG_STATUS_ENQUIRY,
	MCM_UNI_MSG_NOTIFY, MCM_UNI_MSG_RESTART, MCM_UNI_MSG_RESTART_ACK,
	MCM_UNI_MSG_ADD_PARTY, MCM_UNI_MSG_ADD_PARTY_ACK, MCM_UNI_MSG_ADD_PARTY_REJECT,
	MCM_UNI_MSG_PARTY_ALERTING, MCM_UNI_MSG_DROP_PARTY, MCM_UNI_MSG_DROP_PARTY_ACK,
};

/* An AESA in ICD format: AFI 0x47, ICD, HO-DSP, ESI, SEL. */
static const uint8_t aesa1[20] = {
	0x47, 0x00, 0x05, 0x80, 0xff, 0xe1, 0x00, 0x00, 0x00, 0xf2, 0x1a, 0x2b, 0x3c,
	0x00, 0x20, 0x48, 0x1a, 0x2b, 0x3c, 0x00,
};
static const uint8_t aesa2[20] = {
	0x39, 0x84, 0x0f, 0x80, 0x01, 0xbc, 0x72, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
	0x00, 0x20, 0x48, 0x0d, 0x00, 0x5a, 0x01,
};

static void
set_hdr(struct mcm_uni_ie_hdr *h, int variant)
{
	memset(h, 0, sizeof(*h));
	h->present = true;
	if (variant == 3) {
		/* explicit instructions: discard the IE and proceed (Q.2931 4.5.1) */
		h->flag = true;
		h->action = MCM_UNI_IEA_DISCARD_PROCEED;
	}
}

/* With two causes the first carries IE-identifier diagnostics. (Wireshark 4.0 reads one
 * octet past such diagnostics, which is a "Malformed Packet" when the IE ends the message,
 * so the samples keep them off the last IE.) */
static void
fill_cause(struct mcm_uni_ie_cause *c, int variant, int nth)
{
	set_hdr(&c->h, variant);
	c->location = nth == 0 ? MCM_UNI_LOC_USER : MCM_UNI_LOC_PRIV_LOCAL;
	c->cause = nth == 1 ? MCM_UNI_CAUSE_NORMAL : MCM_UNI_CAUSE_IE_INVALID;
	if (nth == 0) {
		c->diag_len = 2;
		c->diag[0] = MCM_UNI_IE_AAL;
		c->diag[1] = MCM_UNI_IE_BLLI;
	}
}

static void
fill_traffic(struct mcm_uni_ie_traffic *t, int variant)
{
	unsigned int i;

	set_hdr(&t->h, variant);
	if (variant == 2) {
		/* UBR: peak cell rates and best effort */
		t->mask = (1u << MCM_UNI_TDI_FPCR) | (1u << MCM_UNI_TDI_BPCR);
		t->rate[MCM_UNI_TDI_FPCR] = 353207;
		t->rate[MCM_UNI_TDI_BPCR] = 353207;
		t->best_effort = true;
		return;
	}
	/* every cell rate and burst size of CLP=0 and CLP=0+1 */
	for (i = 0; i < MCM_UNI_TDI_FMCR; i++) {
		t->mask |= (uint16_t)(1u << i);
		t->rate[i] = 1000u * (i + 1) + (variant == 3 ? 0xabc000u : 7u);
	}
	t->has_tmopt = true;
	t->tmopt = MCM_UNI_TMOPT_FTAG | MCM_UNI_TMOPT_BTAG | MCM_UNI_TMOPT_FFDISC |
		   MCM_UNI_TMOPT_BFDISC;
}

static void
fill_aal(struct mcm_uni_ie_aal *a, int variant)
{
	set_hdr(&a->h, variant);
	switch (variant) {
	case 2:
		a->type = MCM_UNI_AAL_1;
		a->has_subtype = a->has_cbr_rate = a->has_multiplier = a->has_clock = true;
		a->has_ecm = a->has_block_size = a->has_pfc = true;
		a->subtype = 2;
		a->cbr_rate = 0x40;
		a->multiplier = 30;
		a->clock = 1;
		a->ecm = 0;
		a->block_size = 30;
		a->pfc = 20;
		break;
	case 3:
		a->type = MCM_UNI_AAL_34;
		a->has_fwd_sdu = a->has_bwd_sdu = a->has_mid = a->has_sscs = true;
		a->fwd_sdu = 65535;
		a->bwd_sdu = 4096;
		a->mid_lo = 0;
		a->mid_hi = 1023;
		a->sscs = 0;
		break;
	default:
		a->type = MCM_UNI_AAL_5;
		a->has_fwd_sdu = a->has_bwd_sdu = a->has_mode = a->has_sscs = true;
		a->fwd_sdu = 9188;
		a->bwd_sdu = 9188;
		a->mode = 1;
		a->sscs = 0;
		break;
	}
}

static void
fill_bearer(struct mcm_uni_ie_bearer *b, int variant)
{
	set_hdr(&b->h, variant);
	if (variant == 2) {
		b->bclass = MCM_UNI_BCOB_C;
		return;
	}
	b->bclass = MCM_UNI_BCOB_X;
	b->has_atc = true;
	b->atc = variant == 3 ? 0x05 : 0x0a;
	b->clip = 1;
	b->upcc = variant == 3 ? 0 : 1;
}

static void
fill_bhli(struct mcm_uni_ie_bhli *b, int variant)
{
	static const uint8_t vendor[7] = { 0x00, 0xa0, 0x3e, 0x00, 0x00, 0x00, 0x01 };

	set_hdr(&b->h, variant);
	if (variant == 2) {
		b->type = MCM_UNI_BHLI_ISO;
		b->len = 3;
		b->info[0] = 1;
		b->info[1] = 2;
		b->info[2] = 3;
		return;
	}
	b->type = MCM_UNI_BHLI_VENDOR;
	b->len = 7;
	memcpy(b->info, vendor, 7);
}

static void
fill_blli(struct mcm_uni_ie_blli *b, int variant, int nth)
{
	set_hdr(&b->h, variant);
	switch ((variant == 2 ? 3 : 0) + nth) {
	case 0:
		/* RFC 2684 routed IP: LLC encapsulation */
		b->has_l2 = true;
		b->l2 = MCM_UNI_L2_LLC;
		break;
	case 1:
		/* RFC 2684 bridged Ethernet: TR 9577 with SNAP 00-80-C2 / 0007 */
		b->has_l3 = true;
		b->l3 = MCM_UNI_L3_TR9577;
		b->has_ipi = true;
		b->ipi = MCM_UNI_IPI_SNAP;
		b->snap_oui[0] = 0x00;
		b->snap_oui[1] = 0x80;
		b->snap_oui[2] = 0xc2;
		b->snap_pid = 0x0007;
		break;
	case 2:
		/* X.25 link and packet layers with all their octets */
		b->has_l1 = true;
		b->l1 = 1;
		b->has_l2 = true;
		b->l2 = MCM_UNI_L2_X25LL;
		b->has_l2_mode = true;
		b->l2_mode = 1;
		b->l2_q933 = 0;
		b->has_l2_window = true;
		b->l2_window = 7;
		b->has_l3 = true;
		b->l3 = MCM_UNI_L3_X25;
		b->has_l3_mode = true;
		b->l3_mode = 2;
		b->has_l3_psize = true;
		b->l3_psize = 7;
		b->has_l3_window = true;
		b->l3_window = 2;
		break;
	case 3:
		/* user specified layers 2 and 3 */
		b->has_l2 = true;
		b->l2 = MCM_UNI_L2_USER;
		b->has_l2_user = true;
		b->l2_user = 0x55;
		b->has_l3 = true;
		b->l3 = MCM_UNI_L3_USER;
		b->has_l3_user = true;
		b->l3_user = 0x2a;
		break;
	case 4:
		/* TR 9577 with a plain IPI (CLNP, 0x81) */
		b->has_l3 = true;
		b->l3 = MCM_UNI_L3_TR9577;
		b->has_ipi = true;
		b->ipi = 0x81;
		break;
	default:
		/* ISO 8208 with mode only, HDLC ABM with mode only */
		b->has_l2 = true;
		b->l2 = MCM_UNI_L2_HDLC_ABM;
		b->has_l2_mode = true;
		b->l2_mode = 2;
		b->l2_q933 = 0;
		b->has_l3 = true;
		b->l3 = MCM_UNI_L3_ISO8208;
		b->has_l3_mode = true;
		b->l3_mode = 1;
		break;
	}
}

static void
fill_number(struct mcm_uni_ie_number *n, int variant, int calling)
{
	set_hdr(&n->h, variant);
	if (variant == 2) {
		static const char e164[] = "12125551234";

		n->type = MCM_UNI_TON_INTL;
		n->plan = MCM_UNI_PLAN_E164;
		n->len = (uint8_t)strlen(e164);
		memcpy(n->addr, e164, n->len);
	} else {
		n->type = MCM_UNI_TON_UNKNOWN;
		n->plan = MCM_UNI_PLAN_NSAP;
		n->len = 20;
		memcpy(n->addr, calling ? aesa2 : aesa1, 20);
	}
	if (calling) {
		n->has_pres = true;
		n->pres = variant == 2 ? 1 : 0;
		n->screen = variant == 2 ? 3 : 1;
	}
}

static void
fill_subaddr(struct mcm_uni_ie_subaddr *s, int variant, int nth)
{
	set_hdr(&s->h, variant);
	if (nth == 0) {
		s->type = MCM_UNI_SUBADDR_AESA;
		s->len = 20;
		memcpy(s->addr, aesa2, 20);
	} else {
		s->type = variant == 2 ? MCM_UNI_SUBADDR_USER : MCM_UNI_SUBADDR_NSAP;
		s->odd = variant == 2;
		s->len = 5;
		memcpy(s->addr, "\x49\x00\x01\x02\x03", 5);
	}
}

static void
fill_epref(struct mcm_uni_ie_epref *e, int variant)
{
	set_hdr(&e->h, variant);
	e->flag = variant == 2;
	e->value = variant == 2 ? 0x7fff : 1;
}

/* Fill IE @p id of @p m (every instance the type allows). */
static void
fill_ie(struct mcm_uni_msg *m, uint8_t id, unsigned int max, int variant)
{
	unsigned int i;

	switch (id) {
	case MCM_UNI_IE_CAUSE:
		m->n_cause = (uint8_t)max;
		for (i = 0; i < max; i++)
			fill_cause(&m->cause[i], variant, (int)(i + 2 - max));
		break;
	case MCM_UNI_IE_CALL_STATE:
		set_hdr(&m->call_state.h, variant);
		m->call_state.state = variant == 2 ? MCM_UNI_CS_REST1 : MCM_UNI_CS_ACTIVE;
		break;
	case MCM_UNI_IE_EPREF:
		fill_epref(&m->epref, variant);
		break;
	case MCM_UNI_IE_EPSTATE:
		set_hdr(&m->epstate.h, variant);
		m->epstate.state = variant == 2 ? MCM_UNI_EPS_DROP_RECEIVED : MCM_UNI_EPS_ACTIVE;
		break;
	case MCM_UNI_IE_AAL:
		fill_aal(&m->aal, variant);
		break;
	case MCM_UNI_IE_TRAFFIC:
		fill_traffic(&m->traffic, variant);
		break;
	case MCM_UNI_IE_ATRAFFIC:
		fill_traffic(&m->atraffic, 2);
		if (variant == 3)
			set_hdr(&m->atraffic.h, 3);
		m->atraffic.rate[MCM_UNI_TDI_FPCR] = 1000;
		break;
	case MCM_UNI_IE_MINTRAFFIC:
		set_hdr(&m->mintraffic.h, variant);
		m->mintraffic.mask = (1u << MCM_UNI_TDI_FPCR) | (1u << MCM_UNI_TDI_BPCR) |
				     (1u << MCM_UNI_TDI_FPCR0) | (1u << MCM_UNI_TDI_BPCR0);
		m->mintraffic.rate[MCM_UNI_TDI_FPCR] = 100;
		m->mintraffic.rate[MCM_UNI_TDI_BPCR] = 101;
		m->mintraffic.rate[MCM_UNI_TDI_FPCR0] = 90;
		m->mintraffic.rate[MCM_UNI_TDI_BPCR0] = 91;
		break;
	case MCM_UNI_IE_CONNID:
		set_hdr(&m->connid.h, variant);
		m->connid.assoc = 1;
		m->connid.excl = variant == 2 ? MCM_UNI_CONNID_EXCL_ANY : MCM_UNI_CONNID_EXCL_EXCL;
		m->connid.vpci = variant == 2 ? 255 : 0;
		m->connid.vci = variant == 2 ? 65535 : 100;
		break;
	case MCM_UNI_IE_QOS:
		set_hdr(&m->qos.h, variant);
		m->qos.h.coding = MCM_UNI_CODING_NETWORK;   /* UNI 3.1 QoS classes */
		m->qos.fwd = 1;
		m->qos.bwd = variant == 2 ? 0 : 3;
		break;
	case MCM_UNI_IE_EXQOS:
		set_hdr(&m->exqos.h, variant);
		m->exqos.h.coding = MCM_UNI_CODING_NETWORK;  /* ATM Forum specific */
		m->exqos.origin = variant == 2 ? 1 : 0;
		m->exqos.mask = 0x3f;
		m->exqos.facc_cdv = 1000;
		m->exqos.bacc_cdv = 2000;
		m->exqos.fcum_cdv = 300;
		m->exqos.bcum_cdv = 400;
		m->exqos.facc_clr = 8;
		m->exqos.bacc_clr = 10;
		break;
	case MCM_UNI_IE_EETD:
		set_hdr(&m->eetd.h, variant);
		m->eetd.has_cumulative = true;
		m->eetd.cumulative = 10;
		m->eetd.has_maximum = true;
		m->eetd.maximum = variant == 2 ? 0xffff : 100;
		break;
	case MCM_UNI_IE_BEARER:
		fill_bearer(&m->bearer, variant);
		break;
	case MCM_UNI_IE_BHLI:
		fill_bhli(&m->bhli, variant);
		break;
	case MCM_UNI_IE_REPEAT:
		set_hdr(&m->blli_repeat.h, variant);
		m->blli_repeat.indication = 2;
		break;
	case MCM_UNI_IE_BLLI:
		m->n_blli = (uint8_t)max;
		for (i = 0; i < max; i++)
			fill_blli(&m->blli[i], variant, (int)i);
		break;
	case MCM_UNI_IE_SCOMPL:
		set_hdr(&m->scompl.h, variant);
		break;
	case MCM_UNI_IE_CALLED:
		fill_number(&m->called, variant, 0);
		break;
	case MCM_UNI_IE_CALLING:
		fill_number(&m->calling, variant, 1);
		break;
	case MCM_UNI_IE_CALLEDSUB:
		m->n_calledsub = (uint8_t)max;
		for (i = 0; i < max; i++)
			fill_subaddr(&m->calledsub[i], variant, (int)i);
		break;
	case MCM_UNI_IE_CALLINGSUB:
		m->n_callingsub = (uint8_t)max;
		for (i = 0; i < max; i++)
			fill_subaddr(&m->callingsub[i], variant, (int)i);
		break;
	case MCM_UNI_IE_TNS:
		set_hdr(&m->tns.h, variant);
		m->tns.type = 2;
		m->tns.plan = 1;
		m->tns.len = 4;
		memcpy(m->tns.net, "0288", 4);
		break;
	case MCM_UNI_IE_RESTART:
		set_hdr(&m->restart.h, variant);
		m->restart.rclass = MCM_UNI_RESTART_ALL;
		break;
	case MCM_UNI_IE_ABRSETUP:
		set_hdr(&m->abrsetup.h, variant);
		m->abrsetup.h.coding = MCM_UNI_CODING_NETWORK;
		m->abrsetup.mask = variant == 2 ? MCM_UNI_ABRS_M_FICR | MCM_UNI_ABRS_M_BRDF : 0x1ff;
		m->abrsetup.ficr = 10000;
		m->abrsetup.bicr = variant == 2 ? 0 : 20000;
		m->abrsetup.ftbe = variant == 2 ? 0 : 0xffffff;
		m->abrsetup.btbe = variant == 2 ? 0 : 16777;
		m->abrsetup.rmfrt = variant == 2 ? 0 : 5000;
		m->abrsetup.frif = variant == 2 ? 0 : 4;
		m->abrsetup.brif = variant == 2 ? 0 : 5;
		m->abrsetup.frdf = variant == 2 ? 0 : 11;
		m->abrsetup.brdf = 15;
		break;
	case MCM_UNI_IE_ABRADD:
		set_hdr(&m->abradd.h, variant);
		m->abradd.h.coding = MCM_UNI_CODING_NETWORK;
		m->abradd.fwd.present = true;
		m->abradd.fwd.has_nrm = m->abradd.fwd.has_trm = true;
		m->abradd.fwd.nrm = 4;
		m->abradd.fwd.trm = 7;
		m->abradd.fwd.has_cdf = m->abradd.fwd.has_adtf = variant != 2;
		m->abradd.fwd.cdf = variant != 2 ? 3 : 0;
		m->abradd.fwd.adtf = variant != 2 ? 0x3ff : 0;
		if (variant != 2) {
			m->abradd.bwd.present = true;
			m->abradd.bwd.has_adtf = true;
			m->abradd.bwd.adtf = 50;
		}
		break;
	case MCM_UNI_IE_CSCOPE:
		set_hdr(&m->cscope.h, variant);
		m->cscope.h.coding = MCM_UNI_CODING_NETWORK;
		m->cscope.type = 1;
		m->cscope.scope = variant == 2 ? 0x0f : 0x01;
		break;
	case MCM_UNI_IE_NOTIFY:
		set_hdr(&m->notify.h, variant);
		m->notify.len = variant == 2 ? 1 : 3;
		m->notify.data[0] = 0xf1;
		if (variant != 2) {
			m->notify.data[1] = 0x02;
			m->notify.data[2] = 0x03;
		}
		break;
	default:
		break;
	}
}

void
sample_msg(struct mcm_uni_msg *m, uint8_t type, int variant)
{
	const struct mcm_uni_msg_rules *r = mcm_uni_msg_rules(type);
	bool global = type == MCM_UNI_MSG_RESTART || type == MCM_UNI_MSG_RESTART_ACK;
	unsigned int i;

	mcm_uni_msg_init(m, type, global ? 0 : 0x123456u + (uint32_t)variant,
			 variant == 2);
	if (r == NULL)
		return;
	for (i = 0; i < r->n_rules; i++) {
		const struct mcm_uni_ie_rule *rule = &r->rules[i];
		bool mandatory = rule->req[0] == MCM_UNI_IE_MANDATORY &&
				 rule->req[1] == MCM_UNI_IE_MANDATORY;

		if (variant == 0 && !mandatory)
			continue;
		fill_ie(m, rule->ie, rule->max, variant == 0 ? 1 : variant);
	}
	if (global && variant != 0) {
		/* restart of one VC: the connection identifier names it (Q.2931 5.5) */
		m->restart.rclass = MCM_UNI_RESTART_VC;
	}
}
