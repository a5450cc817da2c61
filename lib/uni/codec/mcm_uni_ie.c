/* SPDX-License-Identifier: BSD-3-Clause
 * Contents of the UNI 4.0 information elements: encoders and strict decoders.
 *
 * Decoders get exactly the IE's content octets (the length field already checked against
 * the message) and never look outside them. They reject what Q.2931 calls an IE content
 * error (5.6.7.2, 5.6.8.2): wrong length, missing or extra extension octets, reserved code
 * points, unknown or repeated subfields. Spare bits are ignored on receipt.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "mcm_uni_codec_priv.h"

#define EXT 0x80

/* ---- IEs coded as (identifier, value) subfields ------------------------------------------ */

/*
 * AAL parameters (Q.2931 4.5.5), the ATM traffic descriptor family (4.5.6), end-to-end
 * transit delay (4.5.17), extended QoS and ABR setup parameters (UNI 4.0) are lists of
 * subfields, each an identifier octet and a fixed-size value. One table per IE describes
 * them, one row per subfield in the order the encoder emits them; sub_enc() and sub_dec()
 * code any of them. The decoder takes the subfields in any order, each at most once.
 */
struct sub {
	uint8_t id;          /* subfield identifier */
	uint8_t octets;      /* value octets: 0 (the identifier alone), 1, 2, 3, or 4 */
	uint8_t size;        /* size of the value field: 1, 2, 4; 2 with 4 octets is a pair
			      * of uint16_t (high octets in the first) */
	uint8_t kinds;       /* kinds of the IE (AAL types) it belongs to, a bit each */
	uint16_t val;        /* offset of the value in the IE struct */
	uint16_t has;        /* offset of its presence: a bool, or a mask of bit @c bit */
	uint16_t bit;        /* 0 for a bool */
	uint8_t has_size;    /* size of the mask */
	uint32_t max;        /* largest value */
	bool (*valid)(uint8_t id, uint32_t v);  /* code points the decoder accepts, or NULL */
};

#define SUB_ALL 0xff
#define FIELD_SIZE(S, F) sizeof(((S *)0)->F)
/* Row of struct S: subfield ID of OCT octets in field F, present when bool HAS is set (BIT 0)
 * or when mask HAS has bit BIT. */
#define SUB(S, KINDS, ID, OCT, F, HAS, BIT, MAX, VALID)					\
	{ ID, OCT, FIELD_SIZE(S, F), KINDS, offsetof(S, F), offsetof(S, HAS), BIT,	\
	  FIELD_SIZE(S, HAS), MAX, VALID }

static bool
sub_has(const void *ie, const struct sub *f)
{
	const uint8_t *p = (const uint8_t *)ie + f->has;
	uint16_t m;

	if (f->bit == 0)
		return *(const bool *)p;
	if (f->has_size == 1) {
		m = *p;
	} else {
		memcpy(&m, p, sizeof(m));
	}
	return (m & f->bit) != 0;
}

static void
sub_set_has(void *ie, const struct sub *f)
{
	uint8_t *p = (uint8_t *)ie + f->has;
	uint16_t m;

	if (f->bit == 0) {
		*(bool *)p = true;
	} else if (f->has_size == 1) {
		*p |= (uint8_t)f->bit;
	} else {
		memcpy(&m, p, sizeof(m));
		m |= f->bit;
		memcpy(p, &m, sizeof(m));
	}
}

static uint32_t
sub_get(const void *ie, const struct sub *f)
{
	const uint8_t *p = (const uint8_t *)ie + f->val;
	uint16_t v16[2];
	uint32_t v32;

	switch (f->size) {
	case 1:
		return *p;
	case 2:
		memcpy(v16, p, f->octets == 4 ? 4 : 2);
		return f->octets == 4 ? (uint32_t)v16[0] << 16 | v16[1] : v16[0];
	default:
		memcpy(&v32, p, sizeof(v32));
		return v32;
	}
}

static void
sub_put(void *ie, const struct sub *f, uint32_t v)
{
	uint8_t *p = (uint8_t *)ie + f->val;
	uint16_t v16[2] = { (uint16_t)(v >> 16), (uint16_t)v };

	switch (f->size) {
	case 1:
		*p = (uint8_t)v;
		break;
	case 2:
		if (f->octets == 4)
			memcpy(p, v16, sizeof(v16));
		else
			memcpy(p, &v16[1], sizeof(v16[1]));
		break;
	default:
		memcpy(p, &v, sizeof(v));
		break;
	}
}

/* Encode the subfields of @p ie that are present, in table order. A present one that
 * does not belong to @p kind, or a value above its maximum: -EINVAL. */
static int
sub_enc(struct mcm_uni_wr *w, const struct sub *t, size_t nt, uint8_t kind, const void *ie)
{
	size_t i;
	int k;

	for (i = 0; i < nt; i++) {
		const struct sub *f = &t[i];
		uint32_t v;

		if (!sub_has(ie, f))
			continue;
		v = f->octets != 0 ? sub_get(ie, f) : 0;
		if (!(f->kinds & kind) || v > f->max)
			return -EINVAL;
		mcm_uni_w8(w, f->id);
		for (k = f->octets - 1; k >= 0; k--)
			mcm_uni_w8(w, (uint8_t)(v >> (8 * k)));
	}
	return 0;
}

/* Decode subfields from octet @p pos to the end into the zeroed @p ie. An identifier
 * without a row of @p kind, a repeated one, a value cut short, above its maximum or not a
 * valid code point: -1. */
static int
sub_dec(const uint8_t *c, size_t n, size_t pos, const struct sub *t, size_t nt, uint8_t kind,
	void *ie)
{
	while (pos < n) {
		const struct sub *f = NULL;
		uint8_t id = c[pos++];
		uint32_t v = 0;
		size_t i;

		for (i = 0; i < nt && f == NULL; i++)
			if (t[i].id == id && (t[i].kinds & kind))
				f = &t[i];
		if (f == NULL || sub_has(ie, f) || n - pos < f->octets)
			return -1;
		for (i = 0; i < f->octets; i++)
			v = (v << 8) | c[pos++];
		if (v > f->max || (f->valid != NULL && !f->valid(f->id, v)))
			return -1;
		if (f->octets != 0)
			sub_put(ie, f, v);
		sub_set_has(ie, f);
	}
	return 0;
}

/* Row of an IE whose presence bits are in its field "mask": subfield MCM_UNI_<P>_<ID>,
 * presence bit MCM_UNI_<P>_M_<ID>. */
#define MASK_SUB(S, P, ID, OCT, F, MAX)							\
	SUB(S, SUB_ALL, MCM_UNI_##P##_##ID, OCT, F, mask, MCM_UNI_##P##_M_##ID, MAX, NULL)

#define SUB_ENC(w, t, kind, ie) sub_enc(w, t, sizeof(t) / sizeof((t)[0]), kind, ie)
#define SUB_DEC(c, n, pos, t, kind, ie) sub_dec(c, n, pos, t, sizeof(t) / sizeof((t)[0]), kind, ie)

/* ---- Cause (Q.2931 4.5.15, Q.2610) ------------------------------------------------------- */

int
mcm_uni_enc_cause(struct mcm_uni_wr *w, const struct mcm_uni_ie_cause *ie)
{
	if (ie->location > 15 || ie->cause > 127 || ie->diag_len > MCM_UNI_DIAG_MAX)
		return -EINVAL;
	mcm_uni_w8(w, EXT | ie->location);
	mcm_uni_w8(w, EXT | ie->cause);
	mcm_uni_wn(w, ie->diag, ie->diag_len);
	return 0;
}

int
mcm_uni_dec_cause(const uint8_t *c, size_t n, struct mcm_uni_ie_cause *ie)
{
	/* octet 5 location and octet 6 cause value, each closing its group (ext = 1) */
	if (n < 2 || n > 2 + MCM_UNI_DIAG_MAX || !(c[0] & EXT) || !(c[1] & EXT))
		return -1;
	ie->location = c[0] & 0x0f;
	ie->cause = c[1] & 0x7f;
	ie->diag_len = (uint8_t)(n - 2);
	memcpy(ie->diag, c + 2, n - 2);
	return 0;
}

/* ---- Call state (Q.2931 4.5.10) and endpoint state (Q.2971) ----------------------------- */

/* Both are one octet: a state value in bits 6-1, from a closed list. */
struct state_list {
	const uint8_t *v;
	size_t n;
};

static bool
state_valid(const struct state_list *l, uint8_t state)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i] == state)
			return true;
	return false;
}

static int
enc_state(struct mcm_uni_wr *w, uint8_t state, const struct state_list *l)
{
	if (!state_valid(l, state))
		return -EINVAL;
	mcm_uni_w8(w, state);
	return 0;
}

static int
dec_state(const uint8_t *c, size_t n, uint8_t *state, const struct state_list *l)
{
	if (n != 1 || !state_valid(l, c[0] & 0x3f))
		return -1;
	*state = c[0] & 0x3f;
	return 0;
}

/* Q.2931 4.5.10: U0-U12 / N0-N12 and the restart states REST1, REST2 */
static const uint8_t call_state_v[] = {
	MCM_UNI_CS_NULL, MCM_UNI_CS_CALL_INITIATED, MCM_UNI_CS_OUT_PROCEEDING,
	MCM_UNI_CS_CALL_DELIVERED, MCM_UNI_CS_CALL_PRESENT, MCM_UNI_CS_CALL_RECEIVED,
	MCM_UNI_CS_CONNECT_REQUEST, MCM_UNI_CS_IN_PROCEEDING, MCM_UNI_CS_ACTIVE,
	MCM_UNI_CS_RELEASE_REQUEST, MCM_UNI_CS_RELEASE_INDICATION, MCM_UNI_CS_REST1,
	MCM_UNI_CS_REST2,
};
static const struct state_list call_states = { call_state_v, sizeof(call_state_v) };

/* Q.2971 and UNI 4.0: the party states, with the party alerting ones */
static const uint8_t ep_state_v[] = {
	MCM_UNI_EPS_NULL, MCM_UNI_EPS_ADD_INITIATED, MCM_UNI_EPS_ALERT_DELIVERED,
	MCM_UNI_EPS_ADD_RECEIVED, MCM_UNI_EPS_ALERT_RECEIVED, MCM_UNI_EPS_ACTIVE,
	MCM_UNI_EPS_DROP_INITIATED, MCM_UNI_EPS_DROP_RECEIVED,
};
static const struct state_list ep_states = { ep_state_v, sizeof(ep_state_v) };

int
mcm_uni_enc_call_state(struct mcm_uni_wr *w, const struct mcm_uni_ie_call_state *ie)
{
	return enc_state(w, ie->state, &call_states);
}

int
mcm_uni_dec_call_state(const uint8_t *c, size_t n, struct mcm_uni_ie_call_state *ie)
{
	return dec_state(c, n, &ie->state, &call_states);
}

int
mcm_uni_enc_epstate(struct mcm_uni_wr *w, const struct mcm_uni_ie_epstate *ie)
{
	return enc_state(w, ie->state, &ep_states);
}

int
mcm_uni_dec_epstate(const uint8_t *c, size_t n, struct mcm_uni_ie_epstate *ie)
{
	return dec_state(c, n, &ie->state, &ep_states);
}

/* ---- Endpoint reference (Q.2971) -------------------------------------------------------- */

int
mcm_uni_enc_epref(struct mcm_uni_wr *w, const struct mcm_uni_ie_epref *ie)
{
	if (ie->type != 0 || ie->value > 0x7fff)
		return -EINVAL;
	mcm_uni_w8(w, 0);
	mcm_uni_w16(w, (uint16_t)((ie->flag ? 0x8000 : 0) | ie->value));
	return 0;
}

int
mcm_uni_dec_epref(const uint8_t *c, size_t n, struct mcm_uni_ie_epref *ie)
{
	/* Q.2971: type 0 (locally defined integer) is the only one */
	if (n != 3 || c[0] != 0)
		return -1;
	ie->type = 0;
	ie->flag = (c[1] & 0x80) != 0;
	ie->value = (uint16_t)(((c[1] & 0x7f) << 8) | c[2]);
	return 0;
}

/* ---- AAL parameters (Q.2931 4.5.5) -------------------------------------------------------- */

/* Kinds of AAL parameters: which subfields each AAL type carries. */
#define AAL1 0x01
#define AAL34 0x02
#define AAL5 0x04

static uint8_t
aal_kind(uint8_t type)
{
	switch (type) {
	case MCM_UNI_AAL_1: return AAL1;
	case MCM_UNI_AAL_34: return AAL34;
	case MCM_UNI_AAL_5: return AAL5;
	default: return 0;
	}
}

/* Value checks per subfield (Q.2931 4.5.5 code points), on receipt. */
static bool
aal_value_ok(uint8_t id, uint32_t v)
{
	switch (id) {
	case MCM_UNI_AALP_SUBTYPE:
		return v <= 5;
	case MCM_UNI_AALP_CBR_RATE:
		return v == 0x01 || (v >= 0x04 && v <= 0x08) || (v >= 0x10 && v <= 0x13) ||
		       v == 0x40 || v == 0x41;
	case MCM_UNI_AALP_CLOCK:
	case MCM_UNI_AALP_ECM:
		return v <= 2;
	case MCM_UNI_AALP_PFC:
		return v >= 1 && v <= 47;
	case MCM_UNI_AALP_MODE:
		return v == 1 || v == 2;
	case MCM_UNI_AALP_SSCS:
		return v <= 2 || v == 4;
	case MCM_UNI_AALP_MID:
		return (v >> 16) <= (v & 0xffff);      /* lowest MID <= highest MID */
	default:
		return true;
	}
}

#define AAL_SUB(KINDS, ID, OCT, F)								\
	SUB(struct mcm_uni_ie_aal, KINDS, MCM_UNI_AALP_##ID, OCT, F, has_##F, 0, UINT32_MAX,	\
	    aal_value_ok)

_Static_assert(offsetof(struct mcm_uni_ie_aal, mid_hi) ==
	       offsetof(struct mcm_uni_ie_aal, mid_lo) + sizeof(uint16_t), "MID range is a pair");

static const struct sub aal_subs[] = {
	AAL_SUB(AAL1, SUBTYPE, 1, subtype),
	AAL_SUB(AAL1, CBR_RATE, 1, cbr_rate),
	AAL_SUB(AAL1, MULTIPLIER, 2, multiplier),
	AAL_SUB(AAL1, CLOCK, 1, clock),
	AAL_SUB(AAL1, ECM, 1, ecm),
	AAL_SUB(AAL1, BLOCK_SIZE, 2, block_size),
	AAL_SUB(AAL1, PFC, 1, pfc),
	AAL_SUB(AAL34 | AAL5, FWD_SDU, 2, fwd_sdu),
	AAL_SUB(AAL34 | AAL5, BWD_SDU, 2, bwd_sdu),
	/* MID range: lowest then highest MID, 2 octets each, into mid_lo and mid_hi */
	SUB(struct mcm_uni_ie_aal, AAL34, MCM_UNI_AALP_MID, 4, mid_lo, has_mid, 0, UINT32_MAX,
	    aal_value_ok),
	AAL_SUB(AAL34 | AAL5, MODE, 1, mode),
	AAL_SUB(AAL34 | AAL5, SSCS, 1, sscs),
};

int
mcm_uni_enc_aal(struct mcm_uni_wr *w, const struct mcm_uni_ie_aal *ie)
{
	mcm_uni_w8(w, ie->type);
	if (ie->type == MCM_UNI_AAL_USER) {
		mcm_uni_wn(w, ie->user, sizeof(ie->user));
		return 0;
	}
	if (aal_kind(ie->type) == 0)
		return -EINVAL;
	return SUB_ENC(w, aal_subs, aal_kind(ie->type), ie);
}

int
mcm_uni_dec_aal(const uint8_t *c, size_t n, struct mcm_uni_ie_aal *ie)
{
	if (n < 1)
		return -1;
	ie->type = c[0];
	if (ie->type == MCM_UNI_AAL_USER) {
		/* Q.2931 4.5.5: octets 6-9, user defined AAL information */
		if (n != 5)
			return -1;
		memcpy(ie->user, c + 1, 4);
		return 0;
	}
	if (aal_kind(ie->type) == 0)
		return -1;
	return SUB_DEC(c, n, 1, aal_subs, aal_kind(ie->type), ie);
}

/* ---- ATM traffic descriptor family (Q.2931 4.5.6, UNI 4.0) ------------------------- */

#define TDM(i) (1u << (i))
/* UNI 4.0: the minimum acceptable descriptor carries peak cell rates and ABR MCRs only. */
#define TD_MIN_ALLOWED (TDM(MCM_UNI_TDI_FPCR0) | TDM(MCM_UNI_TDI_BPCR0) | \
			TDM(MCM_UNI_TDI_FPCR) | TDM(MCM_UNI_TDI_BPCR) | \
			TDM(MCM_UNI_TDI_FMCR) | TDM(MCM_UNI_TDI_BMCR))
#define TD_ALL ((1u << MCM_UNI_TDI_COUNT) - 1)
#define TMOPT_BITS (MCM_UNI_TMOPT_FTAG | MCM_UNI_TMOPT_BTAG | MCM_UNI_TMOPT_FFDISC | \
		    MCM_UNI_TMOPT_BFDISC)

#define TD_SUB(ID, I)										\
	SUB(struct mcm_uni_ie_traffic, SUB_ALL, MCM_UNI_TD_##ID, 3, rate[MCM_UNI_TDI_##I],	\
	    mask, TDM(MCM_UNI_TDI_##I), 0xffffff, NULL)

/* In ascending subfield identifier order, as they are sent. */
static const struct sub td_subs[] = {
	TD_SUB(FPCR0, FPCR0), TD_SUB(BPCR0, BPCR0), TD_SUB(FPCR, FPCR), TD_SUB(BPCR, BPCR),
	TD_SUB(FSCR0, FSCR0), TD_SUB(BSCR0, BSCR0), TD_SUB(FSCR, FSCR), TD_SUB(BSCR, BSCR),
	TD_SUB(FABR_MCR, FMCR), TD_SUB(BABR_MCR, BMCR),
	TD_SUB(FMBS0, FMBS0), TD_SUB(BMBS0, BMBS0), TD_SUB(FMBS, FMBS), TD_SUB(BMBS, BMBS),
	SUB(struct mcm_uni_ie_traffic, SUB_ALL, MCM_UNI_TD_BEST_EFFORT, 0, best_effort,
	    best_effort, 0, 0, NULL),
	SUB(struct mcm_uni_ie_traffic, SUB_ALL, MCM_UNI_TD_TMOPT, 1, tmopt, has_tmopt, 0, 0xff,
	    NULL),
};

static int
td_check(const struct mcm_uni_ie_traffic *ie, uint8_t kind)
{
	uint32_t allowed = kind == MCM_UNI_IE_MINTRAFFIC ? TD_MIN_ALLOWED : TD_ALL;
	unsigned int i;

	if (ie->mask & ~allowed)
		return -1;
	for (i = 0; i < MCM_UNI_TDI_COUNT; i++)
		if ((ie->mask & TDM(i)) && ie->rate[i] > 0xffffff)
			return -1;
	if (kind == MCM_UNI_IE_MINTRAFFIC) {
		if (ie->best_effort || ie->has_tmopt || ie->mask == 0)
			return -1;
		return 0;
	}
	/* Q.2931 4.5.6 / UNI 4.0: the CLP=0+1 peak cell rates are always present */
	if (!(ie->mask & TDM(MCM_UNI_TDI_FPCR)) || !(ie->mask & TDM(MCM_UNI_TDI_BPCR)))
		return -1;
	if (ie->has_tmopt && (ie->tmopt & ~TMOPT_BITS))
		return -1;
	return 0;
}

/* kind: MCM_UNI_IE_TRAFFIC, MCM_UNI_IE_ATRAFFIC or MCM_UNI_IE_MINTRAFFIC */
int
mcm_uni_enc_traffic(struct mcm_uni_wr *w, const struct mcm_uni_ie_traffic *ie, uint8_t kind)
{
	if (td_check(ie, kind) != 0)
		return -EINVAL;
	return SUB_ENC(w, td_subs, SUB_ALL, ie);
}

int
mcm_uni_dec_traffic(const uint8_t *c, size_t n, struct mcm_uni_ie_traffic *ie, uint8_t kind)
{
	if (SUB_DEC(c, n, 0, td_subs, SUB_ALL, ie) != 0)
		return -1;
	return td_check(ie, kind);
}

/* ---- Connection identifier (Q.2931 4.5.16) ---------------------------------------------- */

static bool
connid_ok(uint8_t assoc, uint8_t excl)
{
	return assoc <= 1 && (excl == MCM_UNI_CONNID_EXCL_EXCL ||
			      excl == MCM_UNI_CONNID_EXCL_ANY || excl == MCM_UNI_CONNID_EXCL_NOVCI);
}

int
mcm_uni_enc_connid(struct mcm_uni_wr *w, const struct mcm_uni_ie_connid *ie)
{
	if (!connid_ok(ie->assoc, ie->excl))
		return -EINVAL;
	mcm_uni_w8(w, (uint8_t)(EXT | (ie->assoc << 3) | ie->excl));
	mcm_uni_w16(w, ie->vpci);
	mcm_uni_w16(w, ie->vci);
	return 0;
}

int
mcm_uni_dec_connid(const uint8_t *c, size_t n, struct mcm_uni_ie_connid *ie)
{
	if (n != 5 || !(c[0] & EXT))
		return -1;
	ie->assoc = (c[0] >> 3) & 3;
	ie->excl = c[0] & 7;
	if (!connid_ok(ie->assoc, ie->excl))
		return -1;
	ie->vpci = (uint16_t)((c[1] << 8) | c[2]);
	ie->vci = (uint16_t)((c[3] << 8) | c[4]);
	return 0;
}

/* ---- QoS parameter (Q.2931 4.5.18) --------------------------------------------------------- */

int
mcm_uni_enc_qos(struct mcm_uni_wr *w, const struct mcm_uni_ie_qos *ie)
{
	mcm_uni_w8(w, ie->fwd);
	mcm_uni_w8(w, ie->bwd);
	return 0;
}

int
mcm_uni_dec_qos(const uint8_t *c, size_t n, struct mcm_uni_ie_qos *ie)
{
	if (n != 2)
		return -1;
	ie->fwd = c[0];
	ie->bwd = c[1];
	return 0;
}

/* ---- Extended QoS parameters (UNI 4.0) ---------------------------------------------- */

#define XQ_SUB(ID, OCT, F, MAX) MASK_SUB(struct mcm_uni_ie_exqos, EXQOS, ID, OCT, F, MAX)

static const struct sub exqos_subs[] = {
	XQ_SUB(FACC_CDV, 3, facc_cdv, 0xffffff), XQ_SUB(BACC_CDV, 3, bacc_cdv, 0xffffff),
	XQ_SUB(FCUM_CDV, 3, fcum_cdv, 0xffffff), XQ_SUB(BCUM_CDV, 3, bcum_cdv, 0xffffff),
	XQ_SUB(FACC_CLR, 1, facc_clr, 0xff), XQ_SUB(BACC_CLR, 1, bacc_clr, 0xff),
};

int
mcm_uni_enc_exqos(struct mcm_uni_wr *w, const struct mcm_uni_ie_exqos *ie)
{
	if (ie->origin > 1 || (ie->mask & ~0x3f))
		return -EINVAL;
	mcm_uni_w8(w, ie->origin);
	return SUB_ENC(w, exqos_subs, SUB_ALL, ie);
}

int
mcm_uni_dec_exqos(const uint8_t *c, size_t n, struct mcm_uni_ie_exqos *ie)
{
	/* octet 5: origin of this IE, 0 originating user or 1 intermediate network */
	if (n < 1 || c[0] > 1)
		return -1;
	ie->origin = c[0];
	return SUB_DEC(c, n, 1, exqos_subs, SUB_ALL, ie);
}

/* ---- End-to-end transit delay (Q.2931 4.5.17, UNI 4.0) ----------------------------------- */

static const struct sub eetd_subs[] = {
	/* cumulative (0x01), maximum (0x03) transit delay, network generated indicator */
	SUB(struct mcm_uni_ie_eetd, SUB_ALL, 0x01, 2, cumulative, has_cumulative, 0, 0xffff,
	    NULL),
	SUB(struct mcm_uni_ie_eetd, SUB_ALL, 0x03, 2, maximum, has_maximum, 0, 0xffff, NULL),
	SUB(struct mcm_uni_ie_eetd, SUB_ALL, 0x0a, 0, net_generated, net_generated, 0, 0, NULL),
};

int
mcm_uni_enc_eetd(struct mcm_uni_wr *w, const struct mcm_uni_ie_eetd *ie)
{
	if (!ie->has_cumulative && !ie->has_maximum && !ie->net_generated)
		return -EINVAL;
	return SUB_ENC(w, eetd_subs, SUB_ALL, ie);
}

int
mcm_uni_dec_eetd(const uint8_t *c, size_t n, struct mcm_uni_ie_eetd *ie)
{
	if (n == 0)
		return -1;
	return SUB_DEC(c, n, 0, eetd_subs, SUB_ALL, ie);
}

/* ---- Broadband bearer capability (Q.2931 4.5.7) --------------------------------------------- */

static bool
bclass_ok(uint8_t b)
{
	return b == MCM_UNI_BCOB_A || b == MCM_UNI_BCOB_C || b == MCM_UNI_BCOB_X ||
	       b == MCM_UNI_BCOB_VP;
}

int
mcm_uni_enc_bearer(struct mcm_uni_wr *w, const struct mcm_uni_ie_bearer *ie)
{
	if (!bclass_ok(ie->bclass) || ie->atc > 0x7f || ie->clip > 1 || ie->upcc > 1)
		return -EINVAL;
	if (ie->has_atc) {
		mcm_uni_w8(w, ie->bclass);
		mcm_uni_w8(w, EXT | ie->atc);
	} else {
		mcm_uni_w8(w, EXT | ie->bclass);
	}
	mcm_uni_w8(w, (uint8_t)(EXT | (ie->clip << 5) | ie->upcc));
	return 0;
}

int
mcm_uni_dec_bearer(const uint8_t *c, size_t n, struct mcm_uni_ie_bearer *ie)
{
	size_t pos = 1;

	if (n < 2)
		return -1;
	ie->bclass = c[0] & 0x1f;
	if (!bclass_ok(ie->bclass))
		return -1;
	if (!(c[0] & EXT)) {
		/* octet 5a: ATM transfer capability, closes the group */
		if (n != 3 || !(c[1] & EXT))
			return -1;
		ie->has_atc = true;
		ie->atc = c[1] & 0x7f;
		pos = 2;
	} else if (n != 2) {
		return -1;
	}
	if (!(c[pos] & EXT))
		return -1;
	ie->clip = (c[pos] >> 5) & 3;
	ie->upcc = c[pos] & 3;
	if (ie->clip > 1 || ie->upcc > 1)
		return -1;
	return 0;
}

/* ---- Broadband high layer information (Q.2931 4.5.8) --------------------------------------- */

static bool
bhli_ok(uint8_t type, size_t len)
{
	switch (type) {
	case MCM_UNI_BHLI_ISO:
	case MCM_UNI_BHLI_USER:
		return len >= 1 && len <= 8;
	case MCM_UNI_BHLI_VENDOR:
		return len == 7;            /* OUI + application identifier */
	case MCM_UNI_BHLI_ITU:
		return len >= 1 && len <= 8;
	default:
		return false;
	}
}

int
mcm_uni_enc_bhli(struct mcm_uni_wr *w, const struct mcm_uni_ie_bhli *ie)
{
	if (!bhli_ok(ie->type, ie->len))
		return -EINVAL;
	mcm_uni_w8(w, EXT | ie->type);
	mcm_uni_wn(w, ie->info, ie->len);
	return 0;
}

int
mcm_uni_dec_bhli(const uint8_t *c, size_t n, struct mcm_uni_ie_bhli *ie)
{
	if (n < 1 || !(c[0] & EXT) || !bhli_ok(c[0] & 0x7f, n - 1))
		return -1;
	ie->type = c[0] & 0x7f;
	ie->len = (uint8_t)(n - 1);
	memcpy(ie->info, c + 1, n - 1);
	return 0;
}

/* ---- Broadband low layer information (Q.2931 4.5.9) ---------------------------------------- */

static bool
l3_x25_like(uint8_t p)
{
	return p == MCM_UNI_L3_X25 || p == MCM_UNI_L3_ISO8208 || p == MCM_UNI_L3_X223;
}

int
mcm_uni_enc_blli(struct mcm_uni_wr *w, const struct mcm_uni_ie_blli *ie)
{
	if (!ie->has_l1 && !ie->has_l2 && !ie->has_l3)
		return -EINVAL;
	if (ie->has_l1) {
		if (ie->l1 > 0x1f)
			return -EINVAL;
		mcm_uni_w8(w, EXT | 0x20 | ie->l1);
	}
	if (ie->has_l2) {
		if (ie->l2 > 0x1f || ie->l2_mode > 3 || ie->l2_q933 > 3 || ie->l2_window > 0x7f ||
		    ie->l2_user > 0x7f)
			return -EINVAL;
		if (ie->has_l2_user && (ie->l2 != MCM_UNI_L2_USER || ie->has_l2_mode))
			return -EINVAL;
		if (ie->has_l2_window && !ie->has_l2_mode)
			return -EINVAL;
		if (ie->has_l2_user) {
			mcm_uni_w8(w, 0x40 | ie->l2);
			mcm_uni_w8(w, EXT | ie->l2_user);
		} else if (ie->has_l2_mode) {
			mcm_uni_w8(w, 0x40 | ie->l2);
			mcm_uni_w8(w, (uint8_t)((ie->has_l2_window ? 0 : EXT) | (ie->l2_mode << 5) |
					       ie->l2_q933));
			if (ie->has_l2_window)
				mcm_uni_w8(w, EXT | ie->l2_window);
		} else {
			mcm_uni_w8(w, EXT | 0x40 | ie->l2);
		}
	}
	if (ie->has_l3) {
		int groups = ie->has_l3_mode + ie->has_l3_user + ie->has_ipi + ie->has_h310;

		if (ie->l3 > 0x1f || groups > 1 || ie->l3_mode > 3 || ie->l3_psize > 15 ||
		    ie->l3_window > 0x7f || ie->l3_user > 0x7f)
			return -EINVAL;
		if ((ie->has_l3_psize || ie->has_l3_window) && !ie->has_l3_mode)
			return -EINVAL;
		if (ie->has_l3_window && !ie->has_l3_psize)
			return -EINVAL;
		if ((ie->has_l3_mode && !l3_x25_like(ie->l3)) ||
		    (ie->has_l3_user && ie->l3 != MCM_UNI_L3_USER) ||
		    (ie->has_ipi && ie->l3 != MCM_UNI_L3_TR9577) ||
		    (ie->has_h310 && ie->l3 != MCM_UNI_L3_H310 && ie->l3 != MCM_UNI_L3_H321))
			return -EINVAL;
		if (groups == 0) {
			mcm_uni_w8(w, EXT | 0x60 | ie->l3);
		} else if (ie->has_l3_mode) {
			mcm_uni_w8(w, 0x60 | ie->l3);
			mcm_uni_w8(w, (uint8_t)((ie->has_l3_psize ? 0 : EXT) | (ie->l3_mode << 5)));
			if (ie->has_l3_psize)
				mcm_uni_w8(w, (uint8_t)((ie->has_l3_window ? 0 : EXT) |
						       ie->l3_psize));
			if (ie->has_l3_window)
				mcm_uni_w8(w, EXT | ie->l3_window);
		} else if (ie->has_l3_user) {
			mcm_uni_w8(w, 0x60 | ie->l3);
			mcm_uni_w8(w, EXT | ie->l3_user);
		} else if (ie->has_ipi) {
			/* ISO/IEC TR 9577: IPI bits 8-2 in octet 7a, bit 1 in octet 7b bit 7 */
			mcm_uni_w8(w, 0x60 | ie->l3);
			mcm_uni_w8(w, ie->ipi >> 1);
			mcm_uni_w8(w, (uint8_t)(EXT | ((ie->ipi & 1) << 6)));
			if (ie->ipi == MCM_UNI_IPI_SNAP) {
				mcm_uni_w8(w, EXT);        /* octet 8: SNAP identifier 00 */
				mcm_uni_wn(w, ie->snap_oui, 3);
				mcm_uni_w16(w, ie->snap_pid);
			}
		} else {
			if (ie->h310_ttype > 15 || ie->h310_fmux > 7 || ie->h310_bmux > 7)
				return -EINVAL;
			mcm_uni_w8(w, 0x60 | ie->l3);
			mcm_uni_w8(w, ie->h310_ttype);
			mcm_uni_w8(w, (uint8_t)(EXT | (ie->h310_fmux << 3) | ie->h310_bmux));
		}
	}
	return 0;
}

/* Q.2931 4.5.9: the first octet of a layer group (layer id in bits 7-6, protocol in bits
 * 5-1). With its extension bit 0 the group goes on: the next octet is put in @p next.
 * Returns 1 when it goes on, 0 when it does not, -1 when the IE ends first. */
static int
blli_group(const uint8_t *c, size_t n, size_t *pos, bool *has, uint8_t *proto, uint8_t *next)
{
	uint8_t o = c[(*pos)++];

	*has = true;
	*proto = o & 0x1f;
	if (o & EXT)
		return 0;
	if (*pos >= n)
		return -1;
	*next = c[(*pos)++];
	return 1;
}

/* The octet that closes a group (extension bit 1): its 7-bit value, or -1. */
static int
blli_last(const uint8_t *c, size_t n, size_t *pos, uint8_t *v)
{
	if (*pos >= n || !(c[*pos] & EXT))
		return -1;
	*v = c[(*pos)++] & 0x7f;
	return 0;
}

/* User specified layer 2 or 3 protocol: octet 6a / 7a closes the group, 7 bits. */
static int
blli_user(uint8_t o, bool *has, uint8_t *v)
{
	if (!(o & EXT))
		return -1;
	*has = true;
	*v = o & 0x7f;
	return 0;
}

/* Layer 2 group, octets 6-6b. */
static int
dec_blli_l2(const uint8_t *c, size_t n, size_t *pos, struct mcm_uni_ie_blli *ie)
{
	uint8_t o = 0;
	int more = blli_group(c, n, pos, &ie->has_l2, &ie->l2, &o);

	if (more <= 0)
		return more;
	if (ie->l2 == MCM_UNI_L2_USER)
		return blli_user(o, &ie->has_l2_user, &ie->l2_user);
	ie->has_l2_mode = true;
	ie->l2_mode = (o >> 5) & 3;
	ie->l2_q933 = o & 3;
	if (ie->l2_mode == 0 || ie->l2_mode == 3)
		return -1;
	if (o & EXT)
		return 0;
	ie->has_l2_window = true;
	return blli_last(c, n, pos, &ie->l2_window);
}

/* Layer 3 group, octets 7-7b (X.25 like, user specified, ISO/IEC TR 9577 with SNAP octets
 * 8-8.2, H.310/H.321). */
static int
dec_blli_l3(const uint8_t *c, size_t n, size_t *pos, struct mcm_uni_ie_blli *ie)
{
	uint8_t o = 0;
	int more = blli_group(c, n, pos, &ie->has_l3, &ie->l3, &o);

	if (more <= 0)
		return more;
	if (ie->l3 == MCM_UNI_L3_USER)
		return blli_user(o, &ie->has_l3_user, &ie->l3_user);
	if (l3_x25_like(ie->l3)) {
		ie->has_l3_mode = true;
		ie->l3_mode = (o >> 5) & 3;
		if (ie->l3_mode == 0 || ie->l3_mode == 3)
			return -1;
		if (o & EXT)
			return 0;
		if (*pos >= n)
			return -1;
		o = c[(*pos)++];
		ie->has_l3_psize = true;
		ie->l3_psize = o & 0x0f;
		if (o & EXT)
			return 0;
		ie->has_l3_window = true;
		return blli_last(c, n, pos, &ie->l3_window);
	}
	/* TR 9577 and H.310: 7a has ext 0, 7b closes the group */
	if ((o & EXT) || *pos >= n || !(c[*pos] & EXT))
		return -1;
	if (ie->l3 == MCM_UNI_L3_TR9577) {
		ie->has_ipi = true;
		ie->ipi = (uint8_t)(((o & 0x7f) << 1) | ((c[(*pos)++] >> 6) & 1));
		if (ie->ipi != MCM_UNI_IPI_SNAP)
			return 0;
		/* octet 8 (ext 1, SNAP id 00), OUI, PID */
		if (n - *pos < 6 || c[*pos] != EXT)
			return -1;
		memcpy(ie->snap_oui, c + *pos + 1, 3);
		ie->snap_pid = (uint16_t)((c[*pos + 4] << 8) | c[*pos + 5]);
		*pos += 6;
		return 0;
	}
	if (ie->l3 != MCM_UNI_L3_H310 && ie->l3 != MCM_UNI_L3_H321)
		return -1;
	ie->has_h310 = true;
	ie->h310_ttype = o & 0x0f;
	ie->h310_fmux = (c[*pos] >> 3) & 7;
	ie->h310_bmux = c[(*pos)++] & 7;
	return 0;
}

int
mcm_uni_dec_blli(const uint8_t *c, size_t n, struct mcm_uni_ie_blli *ie)
{
	size_t pos = 0;

	if (n == 0)
		return -1;
	/* Layer groups appear in ascending order, each at most once (layer id bits 7-6). */
	if ((c[pos] & 0x60) == 0x20) {
		if (!(c[pos] & EXT))
			return -1;
		ie->has_l1 = true;
		ie->l1 = c[pos++] & 0x1f;
	}
	if (pos < n && (c[pos] & 0x60) == 0x40 && dec_blli_l2(c, n, &pos, ie) != 0)
		return -1;
	if (pos < n && (c[pos] & 0x60) == 0x60 && dec_blli_l3(c, n, &pos, ie) != 0)
		return -1;
	/* anything left is an unknown octet group */
	return pos == n ? 0 : -1;
}

/* ---- Party numbers and subaddresses (Q.2931 4.5.11-4.5.14) -------------------------------- */

static bool
ton_ok(uint8_t t)
{
	return t <= 4 || t == 6;
}

static bool
plan_ok(uint8_t p)
{
	return p == MCM_UNI_PLAN_UNKNOWN || p == MCM_UNI_PLAN_E164 || p == MCM_UNI_PLAN_NSAP ||
	       p == MCM_UNI_PLAN_PRIVATE;
}

static bool
addr_ok(uint8_t plan, const uint8_t *a, size_t len)
{
	size_t i;

	if (len == 0 || len > MCM_UNI_ADDR_MAX)
		return false;
	if (plan == MCM_UNI_PLAN_NSAP)
		return len == MCM_UNI_ADDR_MAX;     /* AESA: 20 octets (UNI 4.0 Annex A) */
	if (plan == MCM_UNI_PLAN_E164) {
		/* E.164: up to 15 IA5 digits */
		if (len > 15)
			return false;
		for (i = 0; i < len; i++)
			if (a[i] < '0' || a[i] > '9')
				return false;
	}
	return true;
}

/* id: MCM_UNI_IE_CALLED or MCM_UNI_IE_CALLING (octet 5a allowed) */
int
mcm_uni_enc_number(struct mcm_uni_wr *w, const struct mcm_uni_ie_number *ie, uint8_t id)
{
	bool calling = id == MCM_UNI_IE_CALLING;

	if (!ton_ok(ie->type) || !plan_ok(ie->plan) || !addr_ok(ie->plan, ie->addr, ie->len))
		return -EINVAL;
	if (ie->has_pres && (!calling || ie->pres > 2 || ie->screen > 3))
		return -EINVAL;
	if (ie->has_pres) {
		mcm_uni_w8(w, (uint8_t)((ie->type << 4) | ie->plan));
		mcm_uni_w8(w, (uint8_t)(EXT | (ie->pres << 5) | ie->screen));
	} else {
		mcm_uni_w8(w, (uint8_t)(EXT | (ie->type << 4) | ie->plan));
	}
	mcm_uni_wn(w, ie->addr, ie->len);
	return 0;
}

int
mcm_uni_dec_number(const uint8_t *c, size_t n, struct mcm_uni_ie_number *ie, uint8_t id)
{
	bool calling = id == MCM_UNI_IE_CALLING;
	size_t pos = 1;

	if (n < 2)
		return -1;
	ie->type = (c[0] >> 4) & 7;
	ie->plan = c[0] & 0x0f;
	if (!ton_ok(ie->type) || !plan_ok(ie->plan))
		return -1;
	if (!(c[0] & EXT)) {
		/* octet 5a (presentation and screening) exists in the calling number only */
		if (!calling || !(c[1] & EXT))
			return -1;
		ie->has_pres = true;
		ie->pres = (c[1] >> 5) & 3;
		ie->screen = c[1] & 3;
		if (ie->pres > 2)
			return -1;
		pos = 2;
	}
	if (!addr_ok(ie->plan, c + pos, n - pos))
		return -1;
	ie->len = (uint8_t)(n - pos);
	memcpy(ie->addr, c + pos, n - pos);
	return 0;
}

int
mcm_uni_enc_subaddr(struct mcm_uni_wr *w, const struct mcm_uni_ie_subaddr *ie)
{
	if (ie->type > MCM_UNI_SUBADDR_USER || ie->len == 0 || ie->len > MCM_UNI_ADDR_MAX ||
	    (ie->type == MCM_UNI_SUBADDR_AESA && ie->len != MCM_UNI_ADDR_MAX))
		return -EINVAL;
	mcm_uni_w8(w, (uint8_t)(EXT | (ie->type << 4) | (ie->odd ? 0x08 : 0)));
	mcm_uni_wn(w, ie->addr, ie->len);
	return 0;
}

int
mcm_uni_dec_subaddr(const uint8_t *c, size_t n, struct mcm_uni_ie_subaddr *ie)
{
	if (n < 2 || n - 1 > MCM_UNI_ADDR_MAX || !(c[0] & EXT))
		return -1;
	ie->type = (c[0] >> 4) & 7;
	ie->odd = (c[0] & 0x08) != 0;
	if (ie->type > MCM_UNI_SUBADDR_USER ||
	    (ie->type == MCM_UNI_SUBADDR_AESA && n - 1 != MCM_UNI_ADDR_MAX))
		return -1;
	ie->len = (uint8_t)(n - 1);
	memcpy(ie->addr, c + 1, n - 1);
	return 0;
}

/* ---- Transit network selection (Q.2931 4.5) --------------------------------------------- */

static bool
ia5_ok(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > 8)
		return false;
	for (i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return false;
	return true;
}

int
mcm_uni_enc_tns(struct mcm_uni_wr *w, const struct mcm_uni_ie_tns *ie)
{
	if (ie->type > 7 || ie->plan > 15 || !ia5_ok(ie->net, ie->len))
		return -EINVAL;
	mcm_uni_w8(w, (uint8_t)(EXT | (ie->type << 4) | ie->plan));
	mcm_uni_wn(w, (const uint8_t *)ie->net, ie->len);
	return 0;
}

int
mcm_uni_dec_tns(const uint8_t *c, size_t n, struct mcm_uni_ie_tns *ie)
{
	if (n < 2 || !(c[0] & EXT) || !ia5_ok((const char *)c + 1, n - 1))
		return -1;
	ie->type = (c[0] >> 4) & 7;
	ie->plan = c[0] & 0x0f;
	ie->len = (uint8_t)(n - 1);
	memcpy(ie->net, c + 1, n - 1);
	return 0;
}

/* ---- Restart indicator (Q.2931 4.5) ---------------------------------------------------- */

int
mcm_uni_enc_restart(struct mcm_uni_wr *w, const struct mcm_uni_ie_restart *ie)
{
	if (ie->rclass > MCM_UNI_RESTART_ALL)
		return -EINVAL;
	mcm_uni_w8(w, EXT | ie->rclass);
	return 0;
}

int
mcm_uni_dec_restart(const uint8_t *c, size_t n, struct mcm_uni_ie_restart *ie)
{
	if (n != 1 || !(c[0] & EXT) || (c[0] & 7) > MCM_UNI_RESTART_ALL)
		return -1;
	ie->rclass = c[0] & 7;
	return 0;
}

/* ---- Notification indicator (Q.2931 4.5) ---------------------------------------------- */

int
mcm_uni_enc_notify(struct mcm_uni_wr *w, const struct mcm_uni_ie_notify *ie)
{
	if (ie->len == 0 || ie->len > MCM_UNI_NOTIFY_MAX)
		return -EINVAL;
	mcm_uni_wn(w, ie->data, ie->len);
	return 0;
}

int
mcm_uni_dec_notify(const uint8_t *c, size_t n, struct mcm_uni_ie_notify *ie)
{
	if (n == 0 || n > MCM_UNI_NOTIFY_MAX)
		return -1;
	ie->len = (uint8_t)n;
	memcpy(ie->data, c, n);
	return 0;
}

/* ---- Broadband sending complete and repeat indicator (Q.2931 4.5) ------------ */

#define SCOMPL_IND 0xa1

int
mcm_uni_enc_scompl(struct mcm_uni_wr *w, const struct mcm_uni_ie_scompl *ie)
{
	(void)ie;
	mcm_uni_w8(w, SCOMPL_IND);
	return 0;
}

int
mcm_uni_dec_scompl(const uint8_t *c, size_t n, struct mcm_uni_ie_scompl *ie)
{
	(void)ie;
	return n == 1 && c[0] == SCOMPL_IND ? 0 : -1;
}

int
mcm_uni_enc_repeat(struct mcm_uni_wr *w, const struct mcm_uni_ie_repeat *ie)
{
	if (ie->indication != 2)
		return -EINVAL;
	mcm_uni_w8(w, EXT | ie->indication);
	return 0;
}

int
mcm_uni_dec_repeat(const uint8_t *c, size_t n, struct mcm_uni_ie_repeat *ie)
{
	/* Q.2931 4.5 (repeat indicator): 0010 prioritised list is the only defined indication */
	if (n != 1 || !(c[0] & EXT) || (c[0] & 0x0f) != 2)
		return -1;
	ie->indication = 2;
	return 0;
}

/* ---- ABR setup and additional parameters (UNI 4.0 10.1.2.2 / 10.1.2.3) -------------------- */

#define ABRS_SUB(ID, OCT, F, MAX) MASK_SUB(struct mcm_uni_ie_abrsetup, ABRS, ID, OCT, F, MAX)

static const struct sub abrs_subs[] = {
	ABRS_SUB(FICR, 3, ficr, 0xffffff), ABRS_SUB(BICR, 3, bicr, 0xffffff),
	ABRS_SUB(FTBE, 3, ftbe, 0xffffff), ABRS_SUB(BTBE, 3, btbe, 0xffffff),
	ABRS_SUB(RMFRT, 3, rmfrt, 0xffffff),
	/* RIF and RDF are powers of two 2^-n, n in 0..15 */
	ABRS_SUB(FRIF, 1, frif, 15), ABRS_SUB(BRIF, 1, brif, 15),
	ABRS_SUB(FRDF, 1, frdf, 15), ABRS_SUB(BRDF, 1, brdf, 15),
};

int
mcm_uni_enc_abrsetup(struct mcm_uni_wr *w, const struct mcm_uni_ie_abrsetup *ie)
{
	if (ie->mask == 0 || (ie->mask & ~0x1ffu))
		return -EINVAL;
	return SUB_ENC(w, abrs_subs, SUB_ALL, ie);
}

int
mcm_uni_dec_abrsetup(const uint8_t *c, size_t n, struct mcm_uni_ie_abrsetup *ie)
{
	if (n == 0)
		return -1;
	return SUB_DEC(c, n, 0, abrs_subs, SUB_ALL, ie);
}

#define ABR_NRM_P 0x80000000u
#define ABR_TRM_P 0x40000000u
#define ABR_CDF_P 0x20000000u
#define ABR_ADTF_P 0x10000000u

/* Record layout: presence bits 31-28, Nrm 27-25, Trm 24-22, CDF 21-19, ADTF 18-9,
 * bits 8-0 reserved. */
static int
abr_rec_put(struct mcm_uni_wr *w, uint8_t id, const struct mcm_uni_abr_rec *r)
{
	uint32_t v = 0;

	if (!r->present)
		return 0;
	if (r->nrm > 7 || r->trm > 7 || r->cdf > 7 || r->adtf > 0x3ff)
		return -EINVAL;
	if (r->has_nrm)
		v |= ABR_NRM_P | (uint32_t)r->nrm << 25;
	if (r->has_trm)
		v |= ABR_TRM_P | (uint32_t)r->trm << 22;
	if (r->has_cdf)
		v |= ABR_CDF_P | (uint32_t)r->cdf << 19;
	if (r->has_adtf)
		v |= ABR_ADTF_P | (uint32_t)r->adtf << 9;
	mcm_uni_w8(w, id);
	mcm_uni_w16(w, (uint16_t)(v >> 16));
	mcm_uni_w16(w, (uint16_t)v);
	return 0;
}

int
mcm_uni_enc_abradd(struct mcm_uni_wr *w, const struct mcm_uni_ie_abradd *ie)
{
	if (!ie->fwd.present && !ie->bwd.present)
		return -EINVAL;
	if (abr_rec_put(w, 0xc2, &ie->fwd) != 0 || abr_rec_put(w, 0xc3, &ie->bwd) != 0)
		return -EINVAL;
	return 0;
}

static void
abr_rec_get(const uint8_t *c, struct mcm_uni_abr_rec *r)
{
	uint32_t v = ((uint32_t)c[0] << 24) | ((uint32_t)c[1] << 16) | ((uint32_t)c[2] << 8) |
		     c[3];

	r->present = true;
	/* a field whose presence bit is clear is not significant */
	if ((r->has_nrm = (v & ABR_NRM_P) != 0))
		r->nrm = (v >> 25) & 7;
	if ((r->has_trm = (v & ABR_TRM_P) != 0))
		r->trm = (v >> 22) & 7;
	if ((r->has_cdf = (v & ABR_CDF_P) != 0))
		r->cdf = (v >> 19) & 7;
	if ((r->has_adtf = (v & ABR_ADTF_P) != 0))
		r->adtf = (v >> 9) & 0x3ff;
}

int
mcm_uni_dec_abradd(const uint8_t *c, size_t n, struct mcm_uni_ie_abradd *ie)
{
	size_t pos = 0;

	if (n == 0)
		return -1;
	while (pos < n) {
		uint8_t id = c[pos++];
		struct mcm_uni_abr_rec *r = id == 0xc2 ? &ie->fwd : id == 0xc3 ? &ie->bwd : NULL;

		if (r == NULL || r->present || n - pos < 4)
			return -1;
		abr_rec_get(c + pos, r);
		pos += 4;
	}
	return 0;
}

/* ---- Connection scope selection (UNI 4.0) ------------------------------------------------- */

int
mcm_uni_enc_cscope(struct mcm_uni_wr *w, const struct mcm_uni_ie_cscope *ie)
{
	if (ie->type != 1 || ie->scope < 1 || ie->scope > 15)
		return -EINVAL;
	mcm_uni_w8(w, EXT | ie->type);
	mcm_uni_w8(w, ie->scope);
	return 0;
}

int
mcm_uni_dec_cscope(const uint8_t *c, size_t n, struct mcm_uni_ie_cscope *ie)
{
	/* type 0001 organisational is the only one; its values run 1..15 */
	if (n != 2 || !(c[0] & EXT) || (c[0] & 0x0f) != 1 || c[1] < 1 || c[1] > 15)
		return -1;
	ie->type = 1;
	ie->scope = c[1];
	return 0;
}
