/* SPDX-License-Identifier: BSD-3-Clause
 * I.610 OAM on the control thread: the loopback responder and the per-VC OAM counters.
 *
 * The data path hands every OAM cell to the control thread: F5 cells (PTI 4 segment, 5
 * end-to-end) on any VC, F4 cells (VCI 3 segment, 4 end-to-end) on any VP, and RM cells
 * (PTI 6, 7: counted only). A fault-management loopback cell (I.610 10.2.4) with the
 * loopback indication 1, addressed to this end point (loopback location ID all ones), on a
 * VC the port has (F5) or any VP (F4: the pseudowire ends here, so does every VP in it), is
 * sent back at once with the indication 0, on the same VPI/VCI and PTI, its correlation tag,
 * location and source IDs as they came (unused octets 0x6A) and a new CRC-10. A cell with a
 * bad CRC-10 or an unknown type or function is counted and dropped; so is a loopback cell
 * for another location. A loopback reply (indication 0) goes to the port's own pings
 * (mcm_oam_ping.c). F5 cells are counted per VC too (rte_pmd_mcm_vc_oam_stats). AIS, RDI
 * and CC cells of a VC go on to its fault state (mcm_oam_fault.c).
 */
#include <string.h>

#include "mcm_oam.h"
#include "mcm_private.h"

/* I.610 10.2.4: the loopback location ID that names the end point of the flow */
static bool
llid_is_end_point(const uint8_t llid[MCM_OAM_LLID_LEN])
{
	unsigned int i;

	for (i = 0; i < MCM_OAM_LLID_LEN; i++)
		if (llid[i] != 0xff)
			return false;
	return true;
}

void
mcm_oam_vc_reset(struct mcm_port *port, uint32_t slot)
{
	struct rte_pmd_mcm_vc_oam_stats *vs = mcm_vc_oam(port, slot, false);

	if (vs != NULL)
		memset(vs, 0, sizeof(*vs));
	mcm_oam_fault_vc_reset(port, slot);
}

uint64_t
mcm_oam_timers(struct mcm_port *port, uint64_t now_ns)
{
	uint64_t ping = mcm_oam_ping_timers(port, now_ns);

	return RTE_MIN(ping, mcm_oam_fault_timers(port, now_ns));
}

#define VC_COUNT(vs, field) do { \
	if ((vs) != NULL) \
		MCM_STAT_ADD((vs)->field, 1); \
} while (0)

/* AIS, RDI and CC cells of a client VC's F5 flows act on its fault state (mcm_oam_fault.c) */
#define VC_FAULT(port, slot, pti, function) do { \
	if ((slot) >= 0) \
		mcm_oam_fault_cell_in(port, (uint32_t)(slot), pti, function); \
} while (0)

void
mcm_oam_cell_in(struct mcm_port *port, const uint8_t *cell)
{
	const uint32_t w = mcm_atm_cell_hdr_word_get(cell);
	const uint16_t vpi = (uint16_t)(w >> 20), vci = (uint16_t)(w >> 4);
	const uint8_t pti = (uint8_t)((w >> 1) & 7);
	const bool f4 = vci == MCM_ATM_VCI_OAM_F4_SEG || vci == MCM_ATM_VCI_OAM_F4_E2E;
	struct rte_pmd_mcm_vc_oam_stats *vs = NULL;
	uint8_t payload[MCM_ATM_CELL_PAYLOAD];
	struct mcm_oam_cell c;
	int rc, slot = -1;

	port->cstats.oam_cells++;
	if (!f4 && pti != MCM_ATM_PTI_OAM_SEG && pti != MCM_ATM_PTI_OAM_E2E)
		return;   /* RM cells (I.371) and the reserved PTI 7: not OAM */
	/* F5: the client VC it came on, and its counters (NULL only without memory) */
	if (!f4)
		slot = mcm_vc_lookup(port, vpi, vci);
	if (slot >= 0)
		vs = mcm_vc_oam(port, (uint32_t)slot, true);
	rc = mcm_oam_decode(cell + MCM_ATM_CELL_HDR_LEN, &c);
	if (rc != 0) {
		MCM_STAT_ADD(port->cstats.oam_errors, 1);
		if (rc == MCM_OAM_BAD_CRC10)
			VC_COUNT(vs, in_crc10_errors);
		else
			VC_COUNT(vs, in_unknown);
		return;
	}
	switch (c.function) {
	case MCM_OAM_FM_AIS:
		VC_COUNT(vs, in_ais);
		MCM_STAT_ADD(port->cstats.oam_fm_in, 1);
		VC_FAULT(port, slot, pti, c.function);
		return;
	case MCM_OAM_FM_RDI:
		VC_COUNT(vs, in_rdi);
		MCM_STAT_ADD(port->cstats.oam_fm_in, 1);
		VC_FAULT(port, slot, pti, c.function);
		return;
	case MCM_OAM_FM_CC:
		VC_COUNT(vs, in_cc);
		MCM_STAT_ADD(port->cstats.oam_fm_in, 1);
		VC_FAULT(port, slot, pti, c.function);
		return;
	default:
		break;   /* loopback: mcm_oam_decode() knows no other function */
	}
	if (c.lb_indication == 0) {
		VC_COUNT(vs, in_lb_reply);
		MCM_STAT_ADD(port->cstats.oam_lb_replies, 1);
		mcm_oam_ping_reply(port, w, c.lb_tag, vs);   /* ours, or counted unmatched */
		return;
	}
	VC_COUNT(vs, in_lb);
	port->oam_lb_seen_ns = port->now_ns;   /* poll faster for the next ones (mcm_lower.c) */
	/* F5 belongs to a VC: one the port has */
	if (!llid_is_end_point(c.llid) || (!f4 && !mcm_oam_f5_ours(port, slot, vpi, vci))) {
		MCM_STAT_ADD(port->cstats.oam_lb_not_ours, 1);
		return;
	}
	c.lb_indication = 0;   /* I.610 10.2.4: the loopback point clears it */
	mcm_oam_encode(&c, payload);
	if (mcm_lower_send_cell(port, w, payload) != 0) {
		MCM_STAT_ADD(port->cstats.oam_tx_drops, 1);
		return;
	}
	VC_COUNT(vs, out_lb_reply);
	MCM_STAT_ADD(port->cstats.oam_lb_answered, 1);
}
