/* SPDX-License-Identifier: BSD-3-Clause
 * Contents of the UNI 4.0 information elements: encoders and strict decoders.
 *
 * Decoders get exactly the IE's content octets (the length field already checked against
 * the message) and never look outside them. They reject what Q.2931 calls an IE content
 * error (5.6.7.2, 5.6.8.2): wrong length, missing or extra extension octets, reserved code
 * points, unknown or repeated subfields. Spare bits are ignored on receipt.
 */
#include <errno.h>
#include <string.h>

#include "mcm_uni_codec_priv.h"

#define EXT 0x80

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

/* ---- Call state (Q.2931 4.5.10) ---------------------------------------------------------- */

static bool
call_state_valid(uint8_t s)
{
	switch (s) {
	case MCM_UNI_CS_NULL: case MCM_UNI_CS_CALL_INITIATED: case MCM_UNI_CS_OUT_PROCEEDING:
	case MCM_UNI_CS_CALL_DELIVERED: case MCM_UNI_CS_CALL_PRESENT:
	case MCM_UNI_CS_CALL_RECEIVED: case MCM_UNI_CS_CONNECT_REQUEST:
	case MCM_UNI_CS_IN_PROCEEDING: case MCM_UNI_CS_ACTIVE:
	case MCM_UNI_CS_RELEASE_REQUEST: case MCM_UNI_CS_RELEASE_INDICATION:
	case MCM_UNI_CS_REST1: case MCM_UNI_CS_REST2:
		return true;
	default:
		return false;
	}
}

int
mcm_uni_enc_call_state(struct mcm_uni_wr *w, const struct mcm_uni_ie_call_state *ie)
{
	if (!call_state_valid(ie->state))
		return -EINVAL;
	mcm_uni_w8(w, ie->state);
	return 0;
}

int
mcm_uni_dec_call_state(const uint8_t *c, size_t n, struct mcm_uni_ie_call_state *ie)
{
	if (n != 1 || !call_state_valid(c[0] & 0x3f))
		return -1;
	ie->state = c[0] & 0x3f;
	return 0;
}

/* ---- Endpoint reference and state (Q.2971) ---------------------------------- */

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

static bool
ep_state_valid(uint8_t s)
{
	switch (s) {
	case MCM_UNI_EPS_NULL: case MCM_UNI_EPS_ADD_INITIATED: case MCM_UNI_EPS_ALERT_DELIVERED:
	case MCM_UNI_EPS_ADD_RECEIVED: case MCM_UNI_EPS_ALERT_RECEIVED: case MCM_UNI_EPS_ACTIVE:
	case MCM_UNI_EPS_DROP_INITIATED: case MCM_UNI_EPS_DROP_RECEIVED:
		return true;
	default:
		return false;
	}
}

int
mcm_uni_enc_epstate(struct mcm_uni_wr *w, const struct mcm_uni_ie_epstate *ie)
{
	if (!ep_state_valid(ie->state))
		return -EINVAL;
	mcm_uni_w8(w, ie->state);
	return 0;
}

int
mcm_uni_dec_epstate(const uint8_t *c, size_t n, struct mcm_uni_ie_epstate *ie)
{
	if (n != 1 || !ep_state_valid(c[0] & 0x3f))
		return -1;
	ie->state = c[0] & 0x3f;
	return 0;
}

/* ---- AAL parameters (Q.2931 4.5.5) -------------------------------------------------------- */

int
mcm_uni_enc_aal(struct mcm_uni_wr *w, const struct mcm_uni_ie_aal *ie)
{
	mcm_uni_w8(w, ie->type);
	switch (ie->type) {
	case MCM_UNI_AAL_1:
		if (ie->has_fwd_sdu || ie->has_bwd_sdu || ie->has_mid || ie->has_mode ||
		    ie->has_sscs)
			return -EINVAL;
		if (ie->has_subtype) {
			mcm_uni_w8(w, MCM_UNI_AALP_SUBTYPE);
			mcm_uni_w8(w, ie->subtype);
		}
		if (ie->has_cbr_rate) {
			mcm_uni_w8(w, MCM_UNI_AALP_CBR_RATE);
			mcm_uni_w8(w, ie->cbr_rate);
		}
		if (ie->has_multiplier) {
			mcm_uni_w8(w, MCM_UNI_AALP_MULTIPLIER);
			mcm_uni_w16(w, ie->multiplier);
		}
		if (ie->has_clock) {
			mcm_uni_w8(w, MCM_UNI_AALP_CLOCK);
			mcm_uni_w8(w, ie->clock);
		}
		if (ie->has_ecm) {
			mcm_uni_w8(w, MCM_UNI_AALP_ECM);
			mcm_uni_w8(w, ie->ecm);
		}
		if (ie->has_block_size) {
			mcm_uni_w8(w, MCM_UNI_AALP_BLOCK_SIZE);
			mcm_uni_w16(w, ie->block_size);
		}
		if (ie->has_pfc) {
			mcm_uni_w8(w, MCM_UNI_AALP_PFC);
			mcm_uni_w8(w, ie->pfc);
		}
		return 0;
	case MCM_UNI_AAL_34:
	case MCM_UNI_AAL_5:
		if (ie->has_subtype || ie->has_cbr_rate || ie->has_multiplier || ie->has_clock ||
		    ie->has_ecm || ie->has_block_size || ie->has_pfc)
			return -EINVAL;
		if (ie->has_mid && ie->type != MCM_UNI_AAL_34)
			return -EINVAL;
		if (ie->has_fwd_sdu) {
			mcm_uni_w8(w, MCM_UNI_AALP_FWD_SDU);
			mcm_uni_w16(w, ie->fwd_sdu);
		}
		if (ie->has_bwd_sdu) {
			mcm_uni_w8(w, MCM_UNI_AALP_BWD_SDU);
			mcm_uni_w16(w, ie->bwd_sdu);
		}
		if (ie->has_mid) {
			mcm_uni_w8(w, MCM_UNI_AALP_MID);
			mcm_uni_w16(w, ie->mid_lo);
			mcm_uni_w16(w, ie->mid_hi);
		}
		if (ie->has_mode) {
			mcm_uni_w8(w, MCM_UNI_AALP_MODE);
			mcm_uni_w8(w, ie->mode);
		}
		if (ie->has_sscs) {
			mcm_uni_w8(w, MCM_UNI_AALP_SSCS);
			mcm_uni_w8(w, ie->sscs);
		}
		return 0;
	case MCM_UNI_AAL_USER:
		mcm_uni_wn(w, ie->user, sizeof(ie->user));
		return 0;
	default:
		return -EINVAL;
	}
}

/* Value checks per subfield (Q.2931 4.5.5 code points). */
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
	default:
		return true;
	}
}

int
mcm_uni_dec_aal(const uint8_t *c, size_t n, struct mcm_uni_ie_aal *ie)
{
	size_t pos = 1;
	uint32_t seen = 0;

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
	if (ie->type != MCM_UNI_AAL_1 && ie->type != MCM_UNI_AAL_34 && ie->type != MCM_UNI_AAL_5)
		return -1;
	while (pos < n) {
		uint8_t id = c[pos++];
		size_t vlen;
		uint32_t v = 0;
		size_t i;
		bool aal1 = ie->type == MCM_UNI_AAL_1;

		switch (id) {
		case MCM_UNI_AALP_SUBTYPE: case MCM_UNI_AALP_CBR_RATE: case MCM_UNI_AALP_CLOCK:
		case MCM_UNI_AALP_ECM: case MCM_UNI_AALP_PFC:
			if (!aal1)
				return -1;
			vlen = 1;
			break;
		case MCM_UNI_AALP_MULTIPLIER: case MCM_UNI_AALP_BLOCK_SIZE:
			if (!aal1)
				return -1;
			vlen = 2;
			break;
		case MCM_UNI_AALP_FWD_SDU: case MCM_UNI_AALP_BWD_SDU:
			if (aal1)
				return -1;
			vlen = 2;
			break;
		case MCM_UNI_AALP_MID:
			if (ie->type != MCM_UNI_AAL_34)
				return -1;
			vlen = 4;
			break;
		case MCM_UNI_AALP_MODE: case MCM_UNI_AALP_SSCS:
			if (aal1)
				return -1;
			vlen = 1;
			break;
		default:
			return -1;
		}
		/* each subfield at most once */
		if (seen & (1u << (id - 0x80)))
			return -1;
		seen |= 1u << (id - 0x80);
		if (n - pos < vlen)
			return -1;
		for (i = 0; i < vlen; i++)
			v = (v << 8) | c[pos + i];
		pos += vlen;
		if (!aal_value_ok(id, v))
			return -1;
		switch (id) {
		case MCM_UNI_AALP_SUBTYPE: ie->has_subtype = true; ie->subtype = (uint8_t)v; break;
		case MCM_UNI_AALP_CBR_RATE:
			ie->has_cbr_rate = true;
			ie->cbr_rate = (uint8_t)v;
			break;
		case MCM_UNI_AALP_MULTIPLIER:
			ie->has_multiplier = true;
			ie->multiplier = (uint16_t)v;
			break;
		case MCM_UNI_AALP_CLOCK: ie->has_clock = true; ie->clock = (uint8_t)v; break;
		case MCM_UNI_AALP_ECM: ie->has_ecm = true; ie->ecm = (uint8_t)v; break;
		case MCM_UNI_AALP_BLOCK_SIZE:
			ie->has_block_size = true;
			ie->block_size = (uint16_t)v;
			break;
		case MCM_UNI_AALP_PFC: ie->has_pfc = true; ie->pfc = (uint8_t)v; break;
		case MCM_UNI_AALP_FWD_SDU: ie->has_fwd_sdu = true; ie->fwd_sdu = (uint16_t)v; break;
		case MCM_UNI_AALP_BWD_SDU: ie->has_bwd_sdu = true; ie->bwd_sdu = (uint16_t)v; break;
		case MCM_UNI_AALP_MID:
			ie->has_mid = true;
			ie->mid_lo = (uint16_t)(v >> 16);
			ie->mid_hi = (uint16_t)v;
			if (ie->mid_lo > ie->mid_hi)
				return -1;
			break;
		case MCM_UNI_AALP_MODE: ie->has_mode = true; ie->mode = (uint8_t)v; break;
		case MCM_UNI_AALP_SSCS: ie->has_sscs = true; ie->sscs = (uint8_t)v; break;
		default: break;
		}
	}
	return 0;
}

/* ---- ATM traffic descriptor family (Q.2931 4.5.6, UNI 4.0) ------------------------- */

/* Subfield identifier of each rate index, in the order of enum mcm_uni_td_idx. */
static const uint8_t td_ids[MCM_UNI_TDI_COUNT] = {
	MCM_UNI_TD_FPCR0, MCM_UNI_TD_BPCR0, MCM_UNI_TD_FPCR, MCM_UNI_TD_BPCR,
	MCM_UNI_TD_FSCR0, MCM_UNI_TD_BSCR0, MCM_UNI_TD_FSCR, MCM_UNI_TD_BSCR,
	MCM_UNI_TD_FMBS0, MCM_UNI_TD_BMBS0, MCM_UNI_TD_FMBS, MCM_UNI_TD_BMBS,
	MCM_UNI_TD_FABR_MCR, MCM_UNI_TD_BABR_MCR,
};

/* Encoding order: ascending subfield identifier. */
static const uint8_t td_order[MCM_UNI_TDI_COUNT] = {
	MCM_UNI_TDI_FPCR0, MCM_UNI_TDI_BPCR0, MCM_UNI_TDI_FPCR, MCM_UNI_TDI_BPCR,
	MCM_UNI_TDI_FSCR0, MCM_UNI_TDI_BSCR0, MCM_UNI_TDI_FSCR, MCM_UNI_TDI_BSCR,
	MCM_UNI_TDI_FMCR, MCM_UNI_TDI_BMCR,
	MCM_UNI_TDI_FMBS0, MCM_UNI_TDI_BMBS0, MCM_UNI_TDI_FMBS, MCM_UNI_TDI_BMBS,
};

#define TDM(i) (1u << (i))
/* UNI 4.0: the minimum acceptable descriptor carries peak cell rates and ABR MCRs only. */
#define TD_MIN_ALLOWED (TDM(MCM_UNI_TDI_FPCR0) | TDM(MCM_UNI_TDI_BPCR0) | \
			TDM(MCM_UNI_TDI_FPCR) | TDM(MCM_UNI_TDI_BPCR) | \
			TDM(MCM_UNI_TDI_FMCR) | TDM(MCM_UNI_TDI_BMCR))
#define TD_ALL ((1u << MCM_UNI_TDI_COUNT) - 1)
#define TMOPT_BITS (MCM_UNI_TMOPT_FTAG | MCM_UNI_TMOPT_BTAG | MCM_UNI_TMOPT_FFDISC | \
		    MCM_UNI_TMOPT_BFDISC)

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
	unsigned int k;

	if (td_check(ie, kind) != 0)
		return -EINVAL;
	for (k = 0; k < MCM_UNI_TDI_COUNT; k++) {
		unsigned int i = td_order[k];

		if (!(ie->mask & TDM(i)))
			continue;
		mcm_uni_w8(w, td_ids[i]);
		mcm_uni_w24(w, ie->rate[i]);
	}
	if (ie->best_effort)
		mcm_uni_w8(w, MCM_UNI_TD_BEST_EFFORT);
	if (ie->has_tmopt) {
		mcm_uni_w8(w, MCM_UNI_TD_TMOPT);
		mcm_uni_w8(w, ie->tmopt);
	}
	return 0;
}

int
mcm_uni_dec_traffic(const uint8_t *c, size_t n, struct mcm_uni_ie_traffic *ie, uint8_t kind)
{
	size_t pos = 0;

	while (pos < n) {
		uint8_t id = c[pos++];
		unsigned int i;

		if (id == MCM_UNI_TD_BEST_EFFORT) {
			if (ie->best_effort)
				return -1;
			ie->best_effort = true;
			continue;
		}
		if (id == MCM_UNI_TD_TMOPT) {
			if (ie->has_tmopt || pos >= n)
				return -1;
			ie->has_tmopt = true;
			ie->tmopt = c[pos++];
			continue;
		}
		for (i = 0; i < MCM_UNI_TDI_COUNT; i++)
			if (td_ids[i] == id)
				break;
		if (i == MCM_UNI_TDI_COUNT || (ie->mask & TDM(i)) || n - pos < 3)
			return -1;
		ie->mask |= (uint16_t)TDM(i);
		ie->rate[i] = ((uint32_t)c[pos] << 16) | ((uint32_t)c[pos + 1] << 8) | c[pos + 2];
		pos += 3;
	}
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

static const uint8_t exqos_ids[6] = {
	MCM_UNI_EXQOS_FACC_CDV, MCM_UNI_EXQOS_BACC_CDV, MCM_UNI_EXQOS_FCUM_CDV,
	MCM_UNI_EXQOS_BCUM_CDV, MCM_UNI_EXQOS_FACC_CLR, MCM_UNI_EXQOS_BACC_CLR,
};

static uint32_t *
exqos_cdv(struct mcm_uni_ie_exqos *ie, unsigned int i)
{
	switch (i) {
	case 0: return &ie->facc_cdv;
	case 1: return &ie->bacc_cdv;
	case 2: return &ie->fcum_cdv;
	default: return &ie->bcum_cdv;
	}
}

int
mcm_uni_enc_exqos(struct mcm_uni_wr *w, const struct mcm_uni_ie_exqos *ie)
{
	struct mcm_uni_ie_exqos tmp = *ie;
	unsigned int i;

	if (ie->origin > 1 || (ie->mask & ~0x3f))
		return -EINVAL;
	mcm_uni_w8(w, ie->origin);
	for (i = 0; i < 6; i++) {
		if (!(ie->mask & (1u << i)))
			continue;
		mcm_uni_w8(w, exqos_ids[i]);
		if (i < 4) {
			uint32_t v = *exqos_cdv(&tmp, i);

			if (v > 0xffffff)
				return -EINVAL;
			mcm_uni_w24(w, v);
		} else {
			mcm_uni_w8(w, i == 4 ? ie->facc_clr : ie->bacc_clr);
		}
	}
	return 0;
}

int
mcm_uni_dec_exqos(const uint8_t *c, size_t n, struct mcm_uni_ie_exqos *ie)
{
	size_t pos = 1;

	/* octet 5: origin of this IE, 0 originating user or 1 intermediate network */
	if (n < 1 || c[0] > 1)
		return -1;
	ie->origin = c[0];
	while (pos < n) {
		uint8_t id = c[pos++];
		unsigned int i;

		for (i = 0; i < 6; i++)
			if (exqos_ids[i] == id)
				break;
		if (i == 6 || (ie->mask & (1u << i)))
			return -1;
		ie->mask |= (uint8_t)(1u << i);
		if (i < 4) {
			if (n - pos < 3)
				return -1;
			*exqos_cdv(ie, i) = ((uint32_t)c[pos] << 16) | ((uint32_t)c[pos + 1] << 8) |
					    c[pos + 2];
			pos += 3;
		} else {
			if (pos >= n)
				return -1;
			if (i == 4)
				ie->facc_clr = c[pos];
			else
				ie->bacc_clr = c[pos];
			pos++;
		}
	}
	return 0;
}

/* ---- End-to-end transit delay (Q.2931 4.5.17, UNI 4.0) ----------------------------------- */

#define EETD_CUM 0x01
#define EETD_MAX 0x03
#define EETD_NETGEN 0x0a

int
mcm_uni_enc_eetd(struct mcm_uni_wr *w, const struct mcm_uni_ie_eetd *ie)
{
	if (!ie->has_cumulative && !ie->has_maximum && !ie->net_generated)
		return -EINVAL;
	if (ie->has_cumulative) {
		mcm_uni_w8(w, EETD_CUM);
		mcm_uni_w16(w, ie->cumulative);
	}
	if (ie->has_maximum) {
		mcm_uni_w8(w, EETD_MAX);
		mcm_uni_w16(w, ie->maximum);
	}
	if (ie->net_generated)
		mcm_uni_w8(w, EETD_NETGEN);
	return 0;
}

int
mcm_uni_dec_eetd(const uint8_t *c, size_t n, struct mcm_uni_ie_eetd *ie)
{
	size_t pos = 0;

	if (n == 0)
		return -1;
	while (pos < n) {
		uint8_t id = c[pos++];

		if (id == EETD_NETGEN) {
			if (ie->net_generated)
				return -1;
			ie->net_generated = true;
			continue;
		}
		if ((id != EETD_CUM && id != EETD_MAX) || n - pos < 2)
			return -1;
		if (id == EETD_CUM) {
			if (ie->has_cumulative)
				return -1;
			ie->has_cumulative = true;
			ie->cumulative = (uint16_t)((c[pos] << 8) | c[pos + 1]);
		} else {
			if (ie->has_maximum)
				return -1;
			ie->has_maximum = true;
			ie->maximum = (uint16_t)((c[pos] << 8) | c[pos + 1]);
		}
		pos += 2;
	}
	return 0;
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

int
mcm_uni_dec_blli(const uint8_t *c, size_t n, struct mcm_uni_ie_blli *ie)
{
	size_t pos = 0;

	if (n == 0)
		return -1;
	/* Layer groups appear in ascending order, each at most once (layer id bits 7-6). */
	if (pos < n && (c[pos] & 0x60) == 0x20) {
		if (!(c[pos] & EXT))
			return -1;
		ie->has_l1 = true;
		ie->l1 = c[pos++] & 0x1f;
	}
	if (pos < n && (c[pos] & 0x60) == 0x40) {
		uint8_t o = c[pos++];

		ie->has_l2 = true;
		ie->l2 = o & 0x1f;
		if (!(o & EXT)) {
			if (pos >= n)
				return -1;
			o = c[pos++];
			if (ie->l2 == MCM_UNI_L2_USER) {
				if (!(o & EXT))
					return -1;
				ie->has_l2_user = true;
				ie->l2_user = o & 0x7f;
			} else {
				ie->has_l2_mode = true;
				ie->l2_mode = (o >> 5) & 3;
				ie->l2_q933 = o & 3;
				if (ie->l2_mode == 0 || ie->l2_mode == 3)
					return -1;
				if (!(o & EXT)) {
					if (pos >= n || !(c[pos] & EXT))
						return -1;
					ie->has_l2_window = true;
					ie->l2_window = c[pos++] & 0x7f;
				}
			}
		}
	}
	if (pos < n && (c[pos] & 0x60) == 0x60) {
		uint8_t o = c[pos++];

		ie->has_l3 = true;
		ie->l3 = o & 0x1f;
		if (!(o & EXT)) {
			if (pos >= n)
				return -1;
			o = c[pos++];
			if (l3_x25_like(ie->l3)) {
				ie->has_l3_mode = true;
				ie->l3_mode = (o >> 5) & 3;
				if (ie->l3_mode == 0 || ie->l3_mode == 3)
					return -1;
				if (!(o & EXT)) {
					if (pos >= n)
						return -1;
					o = c[pos++];
					ie->has_l3_psize = true;
					ie->l3_psize = o & 0x0f;
					if (!(o & EXT)) {
						if (pos >= n || !(c[pos] & EXT))
							return -1;
						ie->has_l3_window = true;
						ie->l3_window = c[pos++] & 0x7f;
					}
				}
			} else if (ie->l3 == MCM_UNI_L3_USER) {
				if (!(o & EXT))
					return -1;
				ie->has_l3_user = true;
				ie->l3_user = o & 0x7f;
			} else if (ie->l3 == MCM_UNI_L3_TR9577) {
				/* 7a has ext 0, 7b closes the group */
				if ((o & EXT) || pos >= n || !(c[pos] & EXT))
					return -1;
				ie->has_ipi = true;
				ie->ipi = (uint8_t)(((o & 0x7f) << 1) | ((c[pos] >> 6) & 1));
				pos++;
				if (ie->ipi == MCM_UNI_IPI_SNAP) {
					/* octet 8 (ext 1, SNAP id 00), OUI, PID */
					if (n - pos < 6 || c[pos] != EXT)
						return -1;
					memcpy(ie->snap_oui, c + pos + 1, 3);
					ie->snap_pid = (uint16_t)((c[pos + 4] << 8) | c[pos + 5]);
					pos += 6;
				}
			} else if (ie->l3 == MCM_UNI_L3_H310 || ie->l3 == MCM_UNI_L3_H321) {
				if ((o & EXT) || pos >= n || !(c[pos] & EXT))
					return -1;
				ie->has_h310 = true;
				ie->h310_ttype = o & 0x0f;
				ie->h310_fmux = (c[pos] >> 3) & 7;
				ie->h310_bmux = c[pos] & 7;
				pos++;
			} else {
				return -1;
			}
		}
	}
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

static const uint8_t abrs_ids[9] = {
	MCM_UNI_ABRS_FICR, MCM_UNI_ABRS_BICR, MCM_UNI_ABRS_FTBE, MCM_UNI_ABRS_BTBE,
	MCM_UNI_ABRS_RMFRT, MCM_UNI_ABRS_FRIF, MCM_UNI_ABRS_BRIF, MCM_UNI_ABRS_FRDF,
	MCM_UNI_ABRS_BRDF,
};

static uint32_t *
abrs_wide(struct mcm_uni_ie_abrsetup *ie, unsigned int i)
{
	switch (i) {
	case 0: return &ie->ficr;
	case 1: return &ie->bicr;
	case 2: return &ie->ftbe;
	case 3: return &ie->btbe;
	default: return &ie->rmfrt;
	}
}

static uint8_t *
abrs_narrow(struct mcm_uni_ie_abrsetup *ie, unsigned int i)
{
	switch (i) {
	case 5: return &ie->frif;
	case 6: return &ie->brif;
	case 7: return &ie->frdf;
	default: return &ie->brdf;
	}
}

int
mcm_uni_enc_abrsetup(struct mcm_uni_wr *w, const struct mcm_uni_ie_abrsetup *ie)
{
	struct mcm_uni_ie_abrsetup tmp = *ie;
	unsigned int i;

	if (ie->mask == 0 || (ie->mask & ~0x1ffu))
		return -EINVAL;
	for (i = 0; i < 9; i++) {
		if (!(ie->mask & (1u << i)))
			continue;
		mcm_uni_w8(w, abrs_ids[i]);
		if (i < 5) {
			if (*abrs_wide(&tmp, i) > 0xffffff)
				return -EINVAL;
			mcm_uni_w24(w, *abrs_wide(&tmp, i));
		} else {
			if (*abrs_narrow(&tmp, i) > 15)
				return -EINVAL;
			mcm_uni_w8(w, *abrs_narrow(&tmp, i));
		}
	}
	return 0;
}

int
mcm_uni_dec_abrsetup(const uint8_t *c, size_t n, struct mcm_uni_ie_abrsetup *ie)
{
	size_t pos = 0;

	if (n == 0)
		return -1;
	while (pos < n) {
		uint8_t id = c[pos++];
		unsigned int i;

		for (i = 0; i < 9; i++)
			if (abrs_ids[i] == id)
				break;
		if (i == 9 || (ie->mask & (1u << i)))
			return -1;
		ie->mask |= (uint16_t)(1u << i);
		if (i < 5) {
			if (n - pos < 3)
				return -1;
			*abrs_wide(ie, i) = ((uint32_t)c[pos] << 16) | ((uint32_t)c[pos + 1] << 8) |
					    c[pos + 2];
			pos += 3;
		} else {
			/* RIF and RDF are powers of two 2^-n, n in 0..15 */
			if (pos >= n || c[pos] > 15)
				return -1;
			*abrs_narrow(ie, i) = c[pos++];
		}
	}
	return 0;
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
