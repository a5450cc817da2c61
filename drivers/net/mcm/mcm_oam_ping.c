/* SPDX-License-Identifier: BSD-3-Clause
 * I.610 originating loopback ("OAM ping") on the control thread.
 *
 * rte_pmd_mcm_oam_loopback() queues a command; the control thread sends one fault-management
 * loopback cell (I.610 10.2.4) with the loopback indication 1, a correlation tag of the
 * port's own, the loopback location ID all ones (the end point of the flow) and the source
 * ID coded "not used" (0x6A in every octet), and keeps the ping with its deadline. A reply
 * (indication 0) on the same VPI/VCI, of the same flow (PTI 4/5 for F5, VCI 3/4 for F4), with
 * the same tag completes it with the round-trip time (CLOCK_MONOTONIC, both ends taken on the
 * control thread); a reply that matches no outstanding ping (a tag never sent, or sent by a
 * ping that timed out) is counted and dropped. Tags come from one counter per port, started
 * at a random value, so two pings of the port never share one, whatever thread asked.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_random.h>

#include "mcm_oam.h"
#include "mcm_private.h"

/* Pings outstanding on a port at once: a further one is refused (-EBUSY) */
#define MCM_OAM_PING_MAX 64
/* While a ping waits, the control thread polls the lower port at least this often: the reply
 * is timed when the thread takes it, not at the next poll of a quiet port (up to 16 ms)
 */
#define MCM_OAM_PING_POLL_NS (250 * 1000ull)

/** The command's payload: the request in, the result out. */
struct mcm_oam_ping_req {
	uint16_t vpi, vci;
	uint8_t flow;          /* enum rte_pmd_mcm_oam_flow */
	uint32_t timeout_ms;
	struct rte_pmd_mcm_oam_ping_result res;
};

struct mcm_oam_ping {
	struct mcm_cmd *cmd;   /* NULL: free */
	uint16_t vpi, vci;     /* F4: vci is the flow's, 3 or 4 */
	uint8_t pti;           /* F5: 4 or 5 */
	bool f4;
	uint32_t tag;
	uint64_t sent_ns;
	uint64_t deadline_ns;
};

struct mcm_oam_pings {
	uint32_t next_tag;
	uint32_t n;            /* outstanding */
	struct mcm_oam_ping p[MCM_OAM_PING_MAX];
};

static bool
flow_is_f4(uint8_t flow)
{
	return flow == RTE_PMD_MCM_OAM_F4_E2E || flow == RTE_PMD_MCM_OAM_F4_SEG;
}

static void
ping_complete(struct mcm_oam_pings *ps, struct mcm_oam_ping *p, int rc, uint64_t rtt_ns)
{
	struct mcm_oam_ping_req *r = mcm_cmd_data(p->cmd);

	r->res.tag = p->tag;
	r->res.rtt_ns = rtt_ns;
	mcm_ctrl_complete(p->cmd, rc);
	p->cmd = NULL;
	ps->n--;
}

int
mcm_oam_ping_start(struct mcm_port *port, struct mcm_cmd *cmd)
{
	struct mcm_oam_ping_req *r = mcm_cmd_data(cmd);
	struct rte_pmd_mcm_vc_oam_stats *vs = NULL;
	struct mcm_oam_pings *ps = port->pings;
	uint8_t payload[MCM_ATM_CELL_PAYLOAD];
	struct mcm_oam_ping *p = NULL;
	struct mcm_oam_cell c;
	uint32_t i, w;
	int slot;

	if (ps == NULL) {
		ps = calloc(1, sizeof(*ps));
		if (ps == NULL)
			return -ENOMEM;
		ps->next_tag = (uint32_t)rte_rand();
		port->pings = ps;
	}
	if (ps->n == MCM_OAM_PING_MAX)
		return -EBUSY;
	for (i = 0; i < MCM_OAM_PING_MAX && p == NULL; i++)
		if (ps->p[i].cmd == NULL)
			p = &ps->p[i];
	memset(p, 0, sizeof(*p));
	p->vpi = r->vpi;
	p->f4 = flow_is_f4(r->flow);
	if (p->f4) {
		/* I.610 F4 flow: cells on VCI 3 (segment) or 4 (end-to-end) of the VP */
		p->vci = r->flow == RTE_PMD_MCM_OAM_F4_SEG ? MCM_ATM_VCI_OAM_F4_SEG :
							      MCM_ATM_VCI_OAM_F4_E2E;
	} else {
		/* F5 belongs to a VC the port has, as for the responder (mcm_oam.c) */
		slot = mcm_vc_lookup(port, r->vpi, r->vci);
		if (!mcm_oam_f5_ours(port, slot, r->vpi, r->vci))
			return -ENOENT;
		if (slot >= 0)
			vs = mcm_vc_oam(port, (uint32_t)slot, true);
		p->vci = r->vci;
		p->pti = r->flow == RTE_PMD_MCM_OAM_F5_SEG ? MCM_ATM_PTI_OAM_SEG :
							     MCM_ATM_PTI_OAM_E2E;
	}
	/* I.610 10.2.4: indication 1, our tag, location ID all ones, source ID not used */
	mcm_oam_cell_init(&c, MCM_OAM_TYPE_FM, MCM_OAM_FM_LB);
	c.lb_tag = ps->next_tag++;
	mcm_oam_encode(&c, payload);
	w = mcm_atm_cell_hdr_word(p->vpi, p->vci, p->pti, 0);
	p->sent_ns = mcm_monotonic_ns();
	if (mcm_lower_send_cell(port, w, payload) != 0) {
		MCM_STAT_ADD(port->cstats.oam_tx_drops, 1);
		return -EAGAIN;
	}
	if (vs != NULL)
		MCM_STAT_ADD(vs->out_lb, 1);
	MCM_STAT_ADD(port->cstats.oam_pings_sent, 1);
	p->tag = c.lb_tag;
	p->deadline_ns = p->sent_ns + (uint64_t)r->timeout_ms * 1000000ull;
	p->cmd = cmd;
	ps->n++;
	return MCM_CMD_PENDING;
}

bool
mcm_oam_ping_reply(struct mcm_port *port, uint32_t hdr_word, uint32_t tag,
		   struct rte_pmd_mcm_vc_oam_stats *vs)
{
	const uint16_t vpi = (uint16_t)(hdr_word >> 20), vci = (uint16_t)(hdr_word >> 4);
	const uint8_t pti = (uint8_t)((hdr_word >> 1) & 7);
	struct mcm_oam_pings *ps = port->pings;
	const uint64_t now = mcm_monotonic_ns();
	uint32_t i;

	for (i = 0; ps != NULL && ps->n > 0 && i < MCM_OAM_PING_MAX; i++) {
		struct mcm_oam_ping *p = &ps->p[i];

		/* the same flow: VP and F4 VCI, or VC and F5 PTI; the same tag */
		if (p->cmd == NULL || p->tag != tag || p->vpi != vpi || p->vci != vci ||
		    (!p->f4 && p->pti != pti))
			continue;
		if (vs != NULL)
			MCM_STAT_ADD(vs->pings_answered, 1);
		MCM_STAT_ADD(port->cstats.oam_pings_answered, 1);
		ping_complete(ps, p, 0, now - p->sent_ns);
		return true;
	}
	MCM_STAT_ADD(port->cstats.oam_lb_replies_unmatched, 1);
	return false;
}

uint64_t
mcm_oam_ping_timers(struct mcm_port *port, uint64_t now_ns)
{
	struct mcm_oam_pings *ps = port->pings;
	uint64_t next = UINT64_MAX;
	uint32_t i;

	for (i = 0; ps != NULL && ps->n > 0 && i < MCM_OAM_PING_MAX; i++) {
		struct mcm_oam_ping *p = &ps->p[i];

		if (p->cmd == NULL)
			continue;
		if (now_ns >= p->deadline_ns) {
			/* from now on a reply with its tag is unmatched: counted, dropped */
			MCM_STAT_ADD(port->cstats.oam_pings_timeout, 1);
			ping_complete(ps, p, -ETIMEDOUT, 0);
		} else if (p->deadline_ns < next) {
			next = p->deadline_ns;
		}
	}
	if (ps != NULL && ps->n > 0)
		next = RTE_MIN(next, now_ns + MCM_OAM_PING_POLL_NS);
	return next;
}

void
mcm_oam_ping_fini(struct mcm_port *port)
{
	struct mcm_oam_pings *ps = port->pings;
	uint32_t i;

	for (i = 0; ps != NULL && i < MCM_OAM_PING_MAX; i++)
		if (ps->p[i].cmd != NULL)
			ping_complete(ps, &ps->p[i], -ENODEV, 0);
	free(ps);
	port->pings = NULL;
}

int
rte_pmd_mcm_oam_loopback(uint16_t port_id, uint16_t vpi, uint16_t vci,
			 enum rte_pmd_mcm_oam_flow flow, uint32_t timeout_ms,
			 struct rte_pmd_mcm_oam_ping_result *result)
{
	struct mcm_port *port = mcm_port_get(port_id);
	struct mcm_oam_ping_req r = {
		.vpi = vpi, .vci = vci, .flow = (uint8_t)flow, .timeout_ms = timeout_ms,
	};
	int rc;

	if (port == NULL)
		return -ENODEV;
	if (result == NULL || (unsigned int)flow > RTE_PMD_MCM_OAM_F4_SEG ||
	    vpi > MCM_ATM_VPI_MAX || timeout_ms < 1 || timeout_ms > RTE_PMD_MCM_OAM_TIMEOUT_MAX)
		return -EINVAL;
	if (flow_is_f4((uint8_t)flow))
		r.vci = 0;
	/* the control thread answers by the deadline; the wait's own limit is a backstop */
	rc = mcm_ctrl_call_data(port, MCM_CMD_OAM_PING, &r, sizeof(r), timeout_ms / 1000 + 5);
	if (rc == 0 || rc == -ETIMEDOUT)
		*result = r.res;
	return rc;
}
