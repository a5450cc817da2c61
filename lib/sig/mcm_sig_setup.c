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
#define SIG_PID_ETH_FCS 0x0001

static void
number(struct mcm_uni_ie_number *n, const uint8_t *addr)
{
	n->h.present = true;
	n->plan = MCM_UNI_PLAN_NSAP; /* ATM endsystem address */
	n->type = MCM_UNI_TON_UNKNOWN;
	n->len = SIG_AESA_LEN;
	memcpy(n->addr, addr, SIG_AESA_LEN);
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
	    a->blli != MCM_SIG_BLLI_VCMUX_BRIDGED)
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
	/* B-LLI (Q.2931 4.5.9) as RFC 1755 / RFC 2684 ask for the encapsulation */
	if (a->blli == MCM_SIG_BLLI_LLC) {
		m->n_blli = 1;
		m->blli[0].h.present = true;
		m->blli[0].has_l2 = true;
		m->blli[0].l2 = MCM_UNI_L2_LLC;
	} else if (a->blli == MCM_SIG_BLLI_VCMUX_BRIDGED) {
		m->n_blli = 1;
		m->blli[0].h.present = true;
		m->blli[0].has_l3 = true;
		m->blli[0].l3 = MCM_UNI_L3_TR9577;
		m->blli[0].has_ipi = true;
		m->blli[0].ipi = MCM_UNI_IPI_SNAP;
		memcpy(m->blli[0].snap_oui, oui_8021, sizeof(oui_8021));
		m->blli[0].snap_pid = SIG_PID_ETH_NOFCS;
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

enum mcm_sig_blli
mcm_sig_setup_blli(const struct mcm_uni_msg *m)
{
	uint8_t i;
	bool any = false;

	for (i = 0; i < m->n_blli && i < MCM_UNI_MAX_BLLI; i++) {
		const struct mcm_uni_ie_blli *b = &m->blli[i];

		if (!b->h.present)
			continue;
		any = true;
		if (b->has_l2 && b->l2 == MCM_UNI_L2_LLC)
			return MCM_SIG_BLLI_LLC;
		if (b->has_l3 && b->l3 == MCM_UNI_L3_TR9577 && b->has_ipi &&
		    b->ipi == MCM_UNI_IPI_SNAP &&
		    memcmp(b->snap_oui, oui_8021, sizeof(oui_8021)) == 0 &&
		    (b->snap_pid == SIG_PID_ETH_NOFCS || b->snap_pid == SIG_PID_ETH_FCS))
			return MCM_SIG_BLLI_VCMUX_BRIDGED;
	}
	return any ? MCM_SIG_BLLI_NONE : MCM_SIG_BLLI_LLC;
}
