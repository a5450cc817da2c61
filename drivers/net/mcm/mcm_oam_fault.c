/* SPDX-License-Identifier: BSD-3-Clause
 * I.610 fault management at the VC's end point, on the control thread: AIS and RDI, the
 * continuity check, and the operational state of each active VC.
 *
 * A VC is in the AIS state while AIS cells come (F5 end-to-end or segment), and also while
 * the path under it has failed: the lower link is down, or the pseudowire is lost (no PW
 * frame for pw_timeout=). In that state, and on loss of continuity, the end point sends RDI
 * back on the flow once a second (not while the link is down: nothing can be sent). AIS
 * received ends 2.5 s after the last AIS cell, or at the first user or CC cell; RDI received
 * ends 2.5 s after the last RDI cell. With the continuity check on, a CC cell (F5
 * end-to-end) goes out when no user cell went out for 1 s, and loss of continuity is
 * declared when neither a user cell nor a CC cell came for 3.5 s (not in the AIS state,
 * which already says why nothing comes); cells coming again end it.
 *
 * Nothing is added to the data path: user cells are seen as changes of the per-VC counters
 * the queues keep anyway, and PW frames as changes of the queues' frame counters. While a
 * VC has a defect or a continuity check, the VCs are looked at every MCM_FAULT_SCAN_NS;
 * otherwise only the path is, at each wake-up, and the control thread sleeps as before.
 * A change of a VC's state (up, defects, cause) is indicated to its owner through lib/condis
 * (mcm_condis_dispatch_vc_oper), which the call manager turns into an RTE_PMD_MCM_EV_VC_OPER
 * event for an application's client.
 */
#include <errno.h>
#include <string.h>

#include "mcm_oam.h"
#include "mcm_private.h"

#define MS_NS 1000000ull
#define MCM_FAULT_SCAN_NS (100 * MS_NS)  /* timing granularity while something is watched */
#define MCM_RDI_PERIOD_NS (1000 * MS_NS) /* I.610 VC-RDI: one cell a second */
#define MCM_AIS_CLEAR_NS (2500 * MS_NS)  /* I.610 VC-AIS state: no AIS for 2.5 +/- 0.5 s */
#define MCM_RDI_CLEAR_NS (2500 * MS_NS)  /* I.610 VC-RDI: no RDI for 2.5 +/- 0.5 s */
#define MCM_CC_IDLE_NS (1000 * MS_NS)    /* I.610 CC: a cell when no user cell for 1 s */
#define MCM_LOC_NS (3500 * MS_NS)        /* I.610 CC: LOC after 3.5 +/- 0.5 s */

/* User cells (and SDU/PDU mode frames) of a VC received (@p rx) or sent, over the queues;
 * any change means one came or went (a queue set up again starts from 0: a change too,
 * never a miss).
 */
static uint64_t
vc_count(const struct mcm_port *port, uint32_t slot, bool rx)
{
	uint64_t n = 0;
	unsigned int q;

	for (q = 0; q < (rx ? port->nb_rxq : port->nb_txq); q++) {
		if (rx && port->rxq[q] != NULL)
			n += MCM_STAT_GET(mcm_rxq_vc_stats(port->rxq[q], slot)->cells) +
			     MCM_STAT_GET(mcm_rxq_vc_stats(port->rxq[q], slot)->pdus);
		else if (!rx && port->txq[q] != NULL)
			n += MCM_STAT_GET(mcm_txq_vc_stats(port->txq[q], slot)->cells) +
			     MCM_STAT_GET(mcm_txq_vc_stats(port->txq[q], slot)->pdus);
	}
	return n;
}

/* PW frames of ours received, by the queues and by the control thread's own queue. */
static uint64_t
pw_frames(const struct mcm_port *port)
{
	uint64_t n = port->cstats.ctrl_frames;
	unsigned int q;

	for (q = 0; q < port->nb_rxq; q++)
		if (port->rxq[q] != NULL)
			n += MCM_STAT_GET(port->rxq[q]->frames);
	return n;
}

/*
 * A VC's fault record is made when it is first needed (an AIS, RDI or CC cell, the check
 * turned on, the path down), so that a healthy VC costs nothing here: without one a VC is
 * up with no defect. Records come 1,024 slots at a time (mcm_vc_fault).
 */

/* The record of the active VC in @p slot, if it has one in use. */
static struct mcm_vc_fault *
fault_used(struct mcm_port *port, uint32_t slot)
{
	struct mcm_vc_fault *vf = mcm_vc_fault(port, slot, false);

	return vf != NULL && vf->used ? vf : NULL;
}

/* The record of the active VC in @p slot, made now if needed; NULL only without memory. */
static struct mcm_vc_fault *
fault_need(struct mcm_port *port, uint32_t slot)
{
	struct mcm_vc_fault *vf = mcm_vc_fault(port, slot, true);

	if (vf == NULL || vf->used)
		return vf;
	memset(vf, 0, sizeof(*vf));
	vf->used = 1;
	vf->told_up = 1;   /* a VC starts up: only a change from that is told */
	vf->rx_ns = vf->tx_ns = port->now_ns;
	vf->rx_count = vc_count(port, slot, true);
	vf->tx_count = vc_count(port, slot, false);
	return vf;
}

void
mcm_oam_fault_vc_reset(struct mcm_port *port, uint32_t slot)
{
	struct mcm_vc_fault *vf = mcm_vc_fault(port, slot, false);

	if (vf != NULL)
		vf->used = 0;   /* a new VC in the slot: no record until one is needed */
	port->fault.next_ns = 0;   /* look at it at the next wake-up (the path may be down) */
}

void
mcm_oam_fault_cell_in(struct mcm_port *port, uint32_t slot, uint8_t pti, uint8_t function)
{
	struct mcm_vc_fault *vf = fault_need(port, slot);

	if (vf == NULL)
		return;
	switch (function) {
	case MCM_OAM_FM_AIS:
		if (!vf->ais_rx) {
			/* user cells from before the AIS do not end it */
			vf->rx_count = vc_count(port, slot, true);
			vf->rdi_pti = pti;        /* RDI goes back on the flow AIS came on */
			vf->rdi_tx_ns = 0;        /* the first RDI at once */
		}
		vf->ais_rx = 1;
		vf->ais_ns = port->now_ns;
		break;
	case MCM_OAM_FM_RDI:
		vf->rdi_rx = 1;
		vf->rdi_ns = port->now_ns;
		break;
	case MCM_OAM_FM_CC:
		/* I.610 VC-AIS: a CC cell ends the AIS state, as a user cell does */
		vf->ais_rx = 0;
		vf->rx_ns = port->now_ns;
		break;
	default:
		return;
	}
	port->fault.next_ns = 0;
}

/* Send one F5 fault-management cell of @p function on the VC; counted on it. */
static void
send_fm(struct mcm_port *port, uint32_t slot, const struct mcm_condis_vc *v, uint8_t pti,
	uint8_t function)
{
	struct rte_pmd_mcm_vc_oam_stats *vs;
	uint8_t payload[MCM_ATM_CELL_PAYLOAD];
	struct mcm_oam_cell c;

	/* defect type and location not given (0x6A): I.610 allows it */
	mcm_oam_cell_init(&c, MCM_OAM_TYPE_FM, function);
	mcm_oam_encode(&c, payload);
	if (mcm_lower_send_cell(port, mcm_atm_cell_hdr_word(v->vpi, v->vci, pti, 0),
				payload) != 0) {
		MCM_STAT_ADD(port->cstats.oam_tx_drops, 1);
		return;
	}
	MCM_STAT_ADD(port->cstats.oam_fm_out, 1);
	vs = mcm_vc_oam(port, slot, true);
	if (vs == NULL)
		return;
	if (function == MCM_OAM_FM_RDI)
		MCM_STAT_ADD(vs->out_rdi, 1);
	else
		MCM_STAT_ADD(vs->out_cc, 1);
}

/* The state of one active VC at @p now; @return true if it has something to watch. */
static bool
vc_step(struct mcm_port *port, struct mcm_vc_fault *vf, uint32_t slot,
	const struct mcm_condis_vc *v, uint64_t now, uint8_t path_cause)
{
	uint64_t rx, tx;
	bool user_in, ais, loc;

	rx = vc_count(port, slot, true);
	tx = vc_count(port, slot, false);
	user_in = rx != vf->rx_count;
	vf->rx_count = rx;
	if (user_in)
		vf->rx_ns = now;
	if (tx != vf->tx_count) {
		vf->tx_count = tx;
		vf->tx_ns = now;
	}
	/* I.610 VC-AIS: the state ends at a user cell, or without AIS for 2.5 s */
	if (vf->ais_rx && (user_in || now - vf->ais_ns >= MCM_AIS_CLEAR_NS)) {
		vf->ais_rx = 0;
		vf->rx_ns = now;   /* continuity is watched again from here */
	}
	if (vf->rdi_rx && now - vf->rdi_ns >= MCM_RDI_CLEAR_NS)
		vf->rdi_rx = 0;
	ais = vf->ais_rx || path_cause != RTE_PMD_MCM_VC_CAUSE_NONE;
	/* nothing to expect in the AIS state (it says why), nor with the check off */
	if (ais || !vf->cc)
		vf->rx_ns = now;
	loc = vf->cc && !ais && now - vf->rx_ns >= MCM_LOC_NS;
	vf->defects = (uint8_t)((ais ? RTE_PMD_MCM_OAM_AIS : 0) |
				(vf->rdi_rx ? RTE_PMD_MCM_OAM_RDI : 0) |
				(loc ? RTE_PMD_MCM_OAM_LOC : 0));
	vf->cause = path_cause != RTE_PMD_MCM_VC_CAUSE_NONE ? path_cause :
		    vf->ais_rx ? RTE_PMD_MCM_VC_CAUSE_AIS :
		    loc ? RTE_PMD_MCM_VC_CAUSE_LOC : RTE_PMD_MCM_VC_CAUSE_NONE;
	/* I.610 VC-RDI: once a second while in the AIS state or with LOC, on the flow the AIS
	 * came on (end-to-end otherwise); nothing goes out on a link that is down
	 */
	if ((ais || loc) && path_cause != RTE_PMD_MCM_VC_CAUSE_LINK_DOWN) {
		if (now >= vf->rdi_tx_ns) {
			send_fm(port, slot, v, vf->ais_rx ? vf->rdi_pti : MCM_ATM_PTI_OAM_E2E,
				MCM_OAM_FM_RDI);
			vf->rdi_tx_ns = now + MCM_RDI_PERIOD_NS;
		}
	} else {
		vf->rdi_tx_ns = 0;
	}
	/* I.610 CC source: a CC cell when no user cell went out for 1 s */
	if (vf->cc && path_cause != RTE_PMD_MCM_VC_CAUSE_LINK_DOWN &&
	    now - vf->tx_ns >= MCM_CC_IDLE_NS) {
		send_fm(port, slot, v, MCM_ATM_PTI_OAM_E2E, MCM_OAM_FM_CC);
		vf->tx_ns = now;
	}
	return vf->defects != 0 || vf->cc;
}

/* Tell the VC's owner what changed since it was last told. */
static void
vc_indicate(struct mcm_port *port, struct mcm_vc_fault *vf, uint32_t slot)
{
	struct mcm_condis_vc_oper st;

	st.up = vf->cause == RTE_PMD_MCM_VC_CAUSE_NONE;
	st.defects = vf->defects;
	st.cause = vf->cause;
	if (st.up == vf->told_up && st.defects == vf->told_defects && st.cause == vf->told_cause)
		return;
	vf->told_up = st.up;
	vf->told_defects = st.defects;
	vf->told_cause = st.cause;
	mcm_condis_dispatch_vc_oper(port->reg, mcm_condis_vc_handle(port->reg, slot), &st);
}

/* The port stopped, or its lower link down: the port's link status, which the control
 * thread follows (at each wake-up while it says down, so a link that came up is seen at once:
 * mcm_ctrl.c).
 */
static bool
link_is_down(const struct mcm_port *port)
{
	return !mcm_port_started(port) || !mcm_port_link_recorded_up(port);
}

/* The lower link and the pseudowire; @return the cause every VC is down for, or NONE. */
static uint8_t
path_update(struct mcm_port *port, uint64_t now)
{
	struct mcm_fault_port *f = &port->fault;
	uint32_t timeout_ms = port->cfg.pw_timeout_ms;
	uint64_t frames = pw_frames(port);
	bool link_down = link_is_down(port);
	bool lost;

	/* silence while the link is down (or before it came up) is not a lost pseudowire */
	if (frames != f->frames || f->frames_ns == 0 || link_down) {
		f->frames = frames;
		f->frames_ns = now;
	}
	lost = !link_down && timeout_ms != 0 && now - f->frames_ns >= timeout_ms * MS_NS;
	if (link_down != f->link_down || lost != f->pw_lost) {
		if (lost) {
			MCM_STAT_ADD(port->cstats.oam_pw_lost, 1);
			MCM_LOG(WARNING, "port %u: pseudowire lost: no PW frame for %u ms",
				port->port_id, timeout_ms);
		}
		else if (f->pw_lost && !link_down)
			MCM_LOG(INFO, "port %u: pseudowire back", port->port_id);
		f->link_down = link_down;
		f->pw_lost = lost;
		f->next_ns = 0;   /* every VC changes */
	}
	return link_down ? RTE_PMD_MCM_VC_CAUSE_LINK_DOWN :
	       lost ? RTE_PMD_MCM_VC_CAUSE_PW_LOST : RTE_PMD_MCM_VC_CAUSE_NONE;
}

uint64_t
mcm_oam_fault_timers(struct mcm_port *port, uint64_t now_ns)
{
	struct mcm_fault_port *f = &port->fault;
	uint64_t pw_deadline = UINT64_MAX;
	uint32_t slot, max, watched = 0;
	uint8_t path_cause;

	if (port->reg == NULL || port->vc_fault == NULL)
		return UINT64_MAX;
	path_cause = path_update(port, now_ns);
	if (path_cause == RTE_PMD_MCM_VC_CAUSE_NONE && port->cfg.pw_timeout_ms != 0)
		pw_deadline = f->frames_ns + port->cfg.pw_timeout_ms * MS_NS;
	if (now_ns < f->next_ns)
		return RTE_MIN(f->next_ns, pw_deadline);
	max = mcm_condis_capacity(port->reg);
	for (slot = 0; slot < max; slot++) {
		const struct mcm_condis_vc *v;
		struct mcm_vc_fault *vf;

		/* the path up: a chunk of slots without records has nothing to look at */
		if (path_cause == RTE_PMD_MCM_VC_CAUSE_NONE && (slot & (MCM_SLOT_CHUNK - 1)) == 0 &&
		    port->vc_fault[slot >> MCM_SLOT_CHUNK_BITS] == NULL) {
			slot += MCM_SLOT_CHUNK - 1;
			continue;
		}
		v = mcm_condis_vc_get(port->reg, slot);
		if (v == NULL || v->state != MCM_CONDIS_VC_ACTIVE)
			continue;
		/* the path down concerns every VC; up, only those with a record */
		vf = path_cause != RTE_PMD_MCM_VC_CAUSE_NONE ? fault_need(port, slot) :
							       fault_used(port, slot);
		if (vf == NULL)
			continue;
		if (vc_step(port, vf, slot, v, now_ns, path_cause))
			watched++;
		vc_indicate(port, vf, slot);
	}
	f->watched = watched;
	f->next_ns = watched > 0 ? now_ns + MCM_FAULT_SCAN_NS : UINT64_MAX;
	return RTE_MIN(f->next_ns, pw_deadline);
}

int
mcm_oam_fault_cc_cmd(struct mcm_port *port, uint16_t vpi, uint16_t vci, bool on)
{
	int slot = mcm_condis_vc_find(port->reg, vpi, vci);
	struct mcm_vc_fault *vf;

	if (slot < 0)
		return -ENOENT;
	vf = fault_need(port, (uint32_t)slot);
	if (vf == NULL)
		return -ENOMEM;
	if (vf->cc != on) {
		vf->cc = on;
		/* both directions start afresh: the first CC after 1 s idle, LOC after 3.5 s */
		vf->rx_ns = vf->tx_ns = port->now_ns;
	}
	port->fault.next_ns = 0;
	return 0;
}

void
mcm_oam_fault_info(struct mcm_port *port, uint32_t slot, struct rte_pmd_mcm_vc_info *info)
{
	const struct mcm_condis_vc *v = mcm_condis_vc_get(port->reg, slot);
	const struct mcm_vc_fault *vf = fault_used(port, slot);

	info->oam_cc = vf != NULL && vf->cc;
	if (v == NULL || v->state != MCM_CONDIS_VC_ACTIVE) {
		info->oper_up = 0;
		info->oam_defects = 0;
		info->down_cause = RTE_PMD_MCM_VC_CAUSE_INACTIVE;
		return;
	}
	info->oper_up = vf == NULL || vf->cause == RTE_PMD_MCM_VC_CAUSE_NONE;
	info->oam_defects = vf != NULL ? vf->defects : 0;
	info->down_cause = vf != NULL ? vf->cause : RTE_PMD_MCM_VC_CAUSE_NONE;
}

