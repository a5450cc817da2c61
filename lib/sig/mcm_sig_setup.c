/* SPDX-License-Identifier: BSD-3-Clause
 * The common SETUP of the signalling entity (Q.2931 5.1.1, UNI 4.0 UBR), what an incoming
 * SETUP's B-LLI asks for (RFC 2684 / RFC 1755), and cause names for the trace (Q.2610).
 */
#include <errno.h>
#include <string.h>

#include "mcm_sig_priv.h"

#define SIG_AESA_LEN 20
#define SIG_DEFAULT_SDU 9188   /* RFC 2684 / RFC 1626 default AAL5 CPCS-SDU size */
#define SIG_MAX_RATE 0xffffffu /* 24-bit cell rate fields (Q.2931 4.5.6) */

/* RFC 2684 bridged Ethernet: SNAP OUI 00-80-C2, PID 00-07 (no FCS) / 00-01 (with FCS) */
static const uint8_t oui_8021[3] = { 0x00, 0x80, 0xc2 };
#define SIG_PID_ETH_NOFCS 0x0007
/* a routed protocol named by its EtherType: SNAP OUI 00-00-00 (RFC 2684 7) */
static const uint8_t oui_ethertype[3] = { 0x00, 0x00, 0x00 };
/* ISO/IEC TR 9577 NLPIDs of the routed protocols that have an EtherType */
#define SIG_NLPID_IPV4 0xcc
#define SIG_NLPID_IPV6 0x8e

static uint8_t
nlpid_of(uint16_t proto)
{
	return proto == MCM_SIG_PROTO_IPV4 ? SIG_NLPID_IPV4 :
	       proto == MCM_SIG_PROTO_IPV6 ? SIG_NLPID_IPV6 : 0;
}

int
mcm_sig_blli_ie(enum mcm_sig_blli kind, uint16_t proto, bool nlpid,
		struct mcm_uni_ie_blli *ie)
{
	if (ie == NULL)
		return -EINVAL;
	memset(ie, 0, sizeof(*ie));
	ie->h.present = true;
	switch (kind) {
	case MCM_SIG_BLLI_LLC:
		ie->has_l2 = true;
		ie->l2 = MCM_UNI_L2_LLC;
		return 0;
	case MCM_SIG_BLLI_VCMUX_BRIDGED:
		ie->has_l3 = true;
		ie->l3 = MCM_UNI_L3_TR9577;
		ie->has_ipi = true;
		ie->ipi = MCM_UNI_IPI_SNAP;
		memcpy(ie->snap_oui, oui_8021, sizeof(oui_8021));
		ie->snap_pid = SIG_PID_ETH_NOFCS;
		return 0;
	case MCM_SIG_BLLI_VCMUX_ROUTED:
		if (proto == 0)
			proto = MCM_SIG_PROTO_IPV4;
		ie->has_l3 = true;
		ie->l3 = MCM_UNI_L3_TR9577;
		ie->has_ipi = true;
		if (nlpid) {
			ie->ipi = nlpid_of(proto);
			return ie->ipi != 0 ? 0 : -EINVAL;
		}
		ie->ipi = MCM_UNI_IPI_SNAP;
		memcpy(ie->snap_oui, oui_ethertype, sizeof(oui_ethertype));
		ie->snap_pid = proto;
		return 0;
	default:
		return -EINVAL;
	}
}

static void
number(struct mcm_uni_ie_number *n, const uint8_t *addr)
{
	n->h.present = true;
	n->plan = MCM_UNI_PLAN_NSAP; /* ATM endsystem address */
	n->type = MCM_UNI_TON_UNKNOWN;
	n->len = SIG_AESA_LEN;
	memcpy(n->addr, addr, SIG_AESA_LEN);
}

/* A SETUP's B-LLI for @p kind: IPv4 by its NLPID (RFC 2684 7), any other routed protocol
 * by SNAP and its EtherType (IPv6: RFC 2492 6); an EtherType is 0x0600 or more (IEEE 802.3
 * 3.2.6), below it is a length.
 */
static int
setup_blli(enum mcm_sig_blli kind, uint16_t proto, struct mcm_uni_ie_blli *ie)
{
	if (kind == MCM_SIG_BLLI_VCMUX_ROUTED && proto != 0 && proto < 0x0600)
		return -EINVAL;
	if (proto == 0)
		proto = MCM_SIG_PROTO_IPV4;
	return mcm_sig_blli_ie(kind, proto, proto == MCM_SIG_PROTO_IPV4, ie);
}

int
mcm_sig_setup_build(struct mcm_uni_msg *m, const struct mcm_sig_setup_args *a)
{
	struct mcm_uni_msg chk;
	struct mcm_uni_decode_report rep;
	uint8_t buf[1024];
	uint32_t fpcr, bpcr;
	int n;

	if (m == NULL || a == NULL || a->called == NULL || a->called_len != SIG_AESA_LEN)
		return -EINVAL;
	if (a->calling != NULL && a->calling_len != SIG_AESA_LEN)
		return -EINVAL;
	if (a->fwd_pcr > SIG_MAX_RATE || a->bwd_pcr > SIG_MAX_RATE)
		return -EINVAL;
	if (a->bhli != NULL && (a->bhli_len == 0 || a->bhli_len > sizeof(m->bhli.info)))
		return -EINVAL;
	if (a->blli != MCM_SIG_BLLI_NONE && a->blli != MCM_SIG_BLLI_LLC &&
	    a->blli != MCM_SIG_BLLI_VCMUX_BRIDGED && a->blli != MCM_SIG_BLLI_VCMUX_ROUTED)
		return -EINVAL;
	/* further B-LLIs only after a first, up to three in all (Q.2931 Annex C) */
	if (a->n_alt > MCM_SIG_MAX_ALT_BLLI || (a->n_alt > 0 && a->blli == MCM_SIG_BLLI_NONE))
		return -EINVAL;
	fpcr = a->fwd_pcr ? a->fwd_pcr : a->bwd_pcr;
	bpcr = a->bwd_pcr ? a->bwd_pcr : a->fwd_pcr;
	if (fpcr == 0)
		fpcr = bpcr = MCM_SIG_UBR_PCR;

	mcm_uni_msg_init(m, MCM_UNI_MSG_SETUP, 0, false);
	/* AAL parameters: AAL5, CPCS-SDU sizes, null SSCS (Q.2931 4.5.5) */
	m->aal.h.present = true;
	m->aal.type = MCM_UNI_AAL_5;
	m->aal.has_fwd_sdu = m->aal.has_bwd_sdu = true;
	m->aal.fwd_sdu = a->fwd_sdu ? a->fwd_sdu : SIG_DEFAULT_SDU;
	m->aal.bwd_sdu = a->bwd_sdu ? a->bwd_sdu : SIG_DEFAULT_SDU;
	m->aal.has_sscs = true;
	m->aal.sscs = 0;
	/* traffic descriptor: PCR CLP=0+1 both ways with the best effort indicator, the UBR
	 * form of UNI 4.0 (Q.2931 4.5.6) */
	m->traffic.h.present = true;
	m->traffic.mask = (1u << MCM_UNI_TDI_FPCR) | (1u << MCM_UNI_TDI_BPCR);
	m->traffic.rate[MCM_UNI_TDI_FPCR] = fpcr;
	m->traffic.rate[MCM_UNI_TDI_BPCR] = bpcr;
	m->traffic.best_effort = true;
	/* broadband bearer capability: BCOB-X, no transfer capability octet for UBR (as
	 * other stacks send it), not susceptible to clipping (Q.2931 4.5.7) */
	m->bearer.h.present = true;
	m->bearer.bclass = MCM_UNI_BCOB_X;
	m->bearer.has_atc = false;
	m->bearer.clip = 0;
	m->bearer.upcc = a->p2mp ? 1 : 0;
	/* QoS class 0, unspecified, both ways (Q.2931 4.5.18) */
	m->qos.h.present = true;
	m->qos.fwd = 0;
	m->qos.bwd = 0;
	number(&m->called, a->called);
	if (a->calling != NULL)
		number(&m->calling, a->calling);
	/* B-LLIs (Q.2931 4.5.9) as RFC 1755 / RFC 2684 7 ask for the encapsulation */
	if (a->blli != MCM_SIG_BLLI_NONE) {
		uint8_t i, j;

		if (setup_blli(a->blli, a->routed_proto, &m->blli[0]) != 0)
			return -EINVAL;
		for (i = 0; i < a->n_alt; i++)
			if (setup_blli(a->alt[i], a->alt_proto[i], &m->blli[i + 1]) != 0)
				return -EINVAL;
		m->n_blli = (uint8_t)(1 + a->n_alt);
		/* each offered once: two alike leave the called side no choice between them */
		for (i = 0; i < m->n_blli; i++)
			for (j = 0; j < i; j++)
				if (memcmp(&m->blli[i], &m->blli[j], sizeof(m->blli[i])) == 0)
					return -EINVAL;
	}
	if (a->bhli != NULL) {
		m->bhli.h.present = true;
		m->bhli.type = a->bhli_type;
		m->bhli.len = a->bhli_len;
		memcpy(m->bhli.info, a->bhli, a->bhli_len);
	}
	/* strict in what we send: it must encode and decode with no Q.2931 5.6 finding, with
	 * the call reference call control gives it (0 is the global one, 4.3) */
	chk = *m;
	chk.cref = 1;
	n = mcm_uni_msg_encode(&chk, buf, sizeof(buf));
	if (n <= 0)
		return -EINVAL;
	if (mcm_uni_msg_decode(buf, (size_t)n, &chk, &rep) != 0 || rep.verdict != MCM_UNI_V_OK ||
	    rep.n_problems_total != 0)
		return -EINVAL;
	return 0;
}

/* Which of ours @p b is, or MCM_SIG_BLLI_NONE; a routed protocol's EtherType to *proto. */
static enum mcm_sig_blli
blli_kind(const struct mcm_uni_ie_blli *b, uint16_t *proto, uint8_t *nlpid)
{
	if (b->has_l2 && b->l2 == MCM_UNI_L2_LLC)
		return MCM_SIG_BLLI_LLC;
	if (!b->has_l3 || b->l3 != MCM_UNI_L3_TR9577 || !b->has_ipi)
		return MCM_SIG_BLLI_NONE;
	if (b->ipi == MCM_UNI_IPI_SNAP) {
		/* Ethernet without its FCS: with it (PID 00-01) the peer would keep four more
		 * octets a frame than the data path sends and delivers (RFC 2684 6.2)
		 */
		if (memcmp(b->snap_oui, oui_8021, sizeof(oui_8021)) == 0)
			return b->snap_pid == SIG_PID_ETH_NOFCS ? MCM_SIG_BLLI_VCMUX_BRIDGED :
								  MCM_SIG_BLLI_NONE;
		/* OUI 00-00-00: the PID is an EtherType (RFC 2684 7); below 0x0600 a length */
		if (memcmp(b->snap_oui, oui_ethertype, sizeof(oui_ethertype)) != 0 ||
		    b->snap_pid < 0x0600)
			return MCM_SIG_BLLI_NONE;
		*proto = b->snap_pid;
		*nlpid = 0;
		return MCM_SIG_BLLI_VCMUX_ROUTED;
	}
	/* an NLPID as the IPI: only those with an EtherType, which the data path can name */
	if (b->ipi == SIG_NLPID_IPV4 || b->ipi == SIG_NLPID_IPV6) {
		*proto = b->ipi == SIG_NLPID_IPV4 ? MCM_SIG_PROTO_IPV4 : MCM_SIG_PROTO_IPV6;
		*nlpid = 1;
		return MCM_SIG_BLLI_VCMUX_ROUTED;
	}
	return MCM_SIG_BLLI_NONE;
}

/* The first B-LLI of ours at index @p from or after it (as mcm_sig_setup_blli_pick()). */
static void
pick_from(const struct mcm_uni_msg *m, uint8_t from, struct mcm_sig_blli_pick *pick)
{
	uint8_t i;

	memset(pick, 0, sizeof(*pick));
	pick->kind = MCM_SIG_BLLI_LLC;   /* none at all: LLC (RFC 2684 7) */
	for (i = 0; i < m->n_blli && i < MCM_UNI_MAX_BLLI; i++) {
		const struct mcm_uni_ie_blli *b = &m->blli[i];
		enum mcm_sig_blli k;
		uint16_t proto = 0;
		uint8_t nlpid = 0;

		if (!b->h.present)
			continue;
		if (pick->offered++ == 0)
			pick->kind = MCM_SIG_BLLI_NONE;
		if (pick->kind != MCM_SIG_BLLI_NONE || i < from)
			continue;
		k = blli_kind(b, &proto, &nlpid);
		if (k == MCM_SIG_BLLI_NONE)
			continue;
		pick->kind = k;
		pick->proto = proto;
		pick->nlpid = nlpid;
		pick->index = i;
	}
}

void
mcm_sig_setup_blli_pick(const struct mcm_uni_msg *m, struct mcm_sig_blli_pick *pick)
{
	pick_from(m, 0, pick);
}

bool
mcm_sig_setup_blli_next(const struct mcm_uni_msg *m, struct mcm_sig_blli_pick *pick)
{
	struct mcm_sig_blli_pick next;

	if (pick->kind == MCM_SIG_BLLI_NONE || pick->offered == 0)
		return false;
	pick_from(m, (uint8_t)(pick->index + 1), &next);
	if (next.kind == MCM_SIG_BLLI_NONE)
		return false;
	*pick = next;
	return true;
}

enum mcm_sig_blli
mcm_sig_setup_blli(const struct mcm_uni_msg *m)
{
	struct mcm_sig_blli_pick pick;

	mcm_sig_setup_blli_pick(m, &pick);
	return pick.kind;
}
