/* SPDX-License-Identifier: BSD-3-Clause
 * rte_pmd_mcm.h: the client-facing API. State changes go to the port's control thread
 * (mcm_ctrl_call); reads take the control-plane lock.
 */
#include <errno.h>

#include <rte_mbuf_dyn.h>

#include "mcm_private.h"

int mcm_dynfield_offset = -1;
uint64_t mcm_dynflag_vc;
uint64_t mcm_dynflag_raw;

int
rte_pmd_mcm_dynfield_register(void)
{
	static const struct rte_mbuf_dynfield field = {
		.name = RTE_PMD_MCM_DYNFIELD_VC_NAME,
		.size = sizeof(rte_pmd_mcm_vc_t),
		.align = __alignof__(rte_pmd_mcm_vc_t),
	};
	static const struct rte_mbuf_dynflag flag_vc = { .name = RTE_PMD_MCM_DYNFLAG_VC_NAME };
	static const struct rte_mbuf_dynflag flag_raw = { .name = RTE_PMD_MCM_DYNFLAG_RAW_NAME };
	int off, bit_vc, bit_raw;

	off = rte_mbuf_dynfield_register(&field);
	bit_vc = rte_mbuf_dynflag_register(&flag_vc);
	bit_raw = rte_mbuf_dynflag_register(&flag_raw);
	if (off < 0 || bit_vc < 0 || bit_raw < 0)
		return -rte_errno;
	mcm_dynfield_offset = off;
	mcm_dynflag_vc = RTE_BIT64(bit_vc);
	mcm_dynflag_raw = RTE_BIT64(bit_raw);
	return 0;
}

void
rte_pmd_mcm_mbuf_set_vc(struct rte_mbuf *m, rte_pmd_mcm_vc_t vc)
{
	*RTE_MBUF_DYNFIELD(m, mcm_dynfield_offset, rte_pmd_mcm_vc_t *) = vc;
	m->ol_flags |= mcm_dynflag_vc;
}

int
rte_pmd_mcm_mbuf_get_vc(const struct rte_mbuf *m, rte_pmd_mcm_vc_t *vc)
{
	if (mcm_dynfield_offset < 0 || !(m->ol_flags & mcm_dynflag_vc))
		return -ENOENT;
	*vc = *RTE_MBUF_DYNFIELD(m, mcm_dynfield_offset, const rte_pmd_mcm_vc_t *);
	return 0;
}

static int
call(uint16_t port_id, enum mcm_cmd_type type, uint16_t vpi, uint16_t vci,
     enum mcm_encap encap, const struct rte_ether_addr *mac)
{
	struct mcm_port *port = mcm_port_get(port_id);
	struct mcm_cmd_args a = { .type = type, .vpi = vpi, .vci = vci, .encap = encap };

	if (port == NULL)
		return -ENODEV;
	if (vpi > MCM_ATM_VPI_MAX)
		return -EINVAL;
	if (mac != NULL)
		a.mac = *mac;
	return mcm_ctrl_call(port, &a);
}

int
rte_pmd_mcm_pvc_add(uint16_t port_id, uint16_t vpi, uint16_t vci,
		    enum rte_pmd_mcm_encap encap)
{
	struct mcm_port *port = mcm_port_get(port_id);
	enum mcm_encap e;

	if (port == NULL)
		return -ENODEV;
	switch (encap) {
	case RTE_PMD_MCM_ENCAP_LLC:
		e = MCM_ENCAP_LLC_BRIDGED;
		break;
	case RTE_PMD_MCM_ENCAP_VCMUX:
		e = MCM_ENCAP_VCMUX_BRIDGED;
		break;
	case RTE_PMD_MCM_ENCAP_PORT:
		e = port->cfg.encap;
		break;
	default:
		return -EINVAL;
	}
	return call(port_id, MCM_CMD_PVC_ADD, vpi, vci, e, NULL);
}

int
rte_pmd_mcm_pvc_del(uint16_t port_id, uint16_t vpi, uint16_t vci)
{
	return call(port_id, MCM_CMD_PVC_DEL, vpi, vci, 0, NULL);
}

int
rte_pmd_mcm_bind_default(uint16_t port_id, uint16_t vpi, uint16_t vci)
{
	return call(port_id, MCM_CMD_BIND_DEFAULT, vpi, vci, 0, NULL);
}

int
rte_pmd_mcm_bind_mac(uint16_t port_id, const struct rte_ether_addr *mac, uint16_t vpi,
		     uint16_t vci)
{
	if (mac == NULL)
		return -EINVAL;
	return call(port_id, MCM_CMD_BIND_MAC, vpi, vci, 0, mac);
}

int
rte_pmd_mcm_unbind_mac(uint16_t port_id, const struct rte_ether_addr *mac)
{
	if (mac == NULL)
		return -EINVAL;
	return call(port_id, MCM_CMD_UNBIND_MAC, 0, 0, 0, mac);
}

int
rte_pmd_mcm_vc_list(uint16_t port_id, struct rte_pmd_mcm_vc_info *out, unsigned int max,
		    unsigned int start, unsigned int *total)
{
	struct mcm_port *port = mcm_port_get(port_id);
	uint32_t *slots, n, i;

	if (port == NULL)
		return -ENODEV;
	if (out == NULL && max > 0)
		return -EINVAL;
	slots = malloc(sizeof(*slots) * (max ? max : 1));
	if (slots == NULL)
		return -ENOMEM;
	pthread_mutex_lock(&port->lock);
	n = mcm_condis_vc_list(port->reg, start, slots, max);
	for (i = 0; i < n; i++)
		mcm_vc_info_fill(port, slots[i], &out[i]);
	if (total != NULL)
		*total = mcm_condis_count(port->reg);
	pthread_mutex_unlock(&port->lock);
	free(slots);
	return (int)n;
}

/* Find a client VC under the control-plane lock and let @p fill read it. */
static int
with_vc(uint16_t port_id, uint16_t vpi, uint16_t vci,
	void (*fill)(struct mcm_port *, uint32_t, void *), void *out)
{
	struct mcm_port *port = mcm_port_get(port_id);
	int slot;

	if (port == NULL)
		return -ENODEV;
	if (out == NULL)
		return -EINVAL;
	pthread_mutex_lock(&port->lock);
	slot = mcm_condis_vc_find(port->reg, vpi, vci);
	if (slot >= 0)
		fill(port, (uint32_t)slot, out);
	pthread_mutex_unlock(&port->lock);
	return slot < 0 ? slot : 0;
}

static void
fill_info(struct mcm_port *port, uint32_t slot, void *out)
{
	mcm_vc_info_fill(port, slot, out);
}

static void
fill_stats(struct mcm_port *port, uint32_t slot, void *out)
{
	mcm_vc_stats_sum(port, slot, out);
}

int
rte_pmd_mcm_vc_info_get(uint16_t port_id, uint16_t vpi, uint16_t vci,
			struct rte_pmd_mcm_vc_info *info)
{
	return with_vc(port_id, vpi, vci, fill_info, info);
}

int
rte_pmd_mcm_vc_stats_get(uint16_t port_id, uint16_t vpi, uint16_t vci,
			 struct rte_pmd_mcm_vc_stats *stats)
{
	return with_vc(port_id, vpi, vci, fill_stats, stats);
}

int
rte_pmd_mcm_default_vc_get(uint16_t port_id, rte_pmd_mcm_vc_t *vc)
{
	struct mcm_port *port = mcm_port_get(port_id);
	uint32_t d;

	if (port == NULL)
		return -ENODEV;
	d = __atomic_load_n(&port->default_vc, __ATOMIC_ACQUIRE);
	if (d == MCM_NO_VC)
		return -ENOENT;
	*vc = d;
	return 0;
}

uint16_t
rte_pmd_mcm_vc_send(uint16_t port_id, uint16_t queue_id, rte_pmd_mcm_vc_t vc,
		    struct rte_mbuf **pkts, uint16_t nb_pkts)
{
	uint16_t i;

	if (mcm_port_get(port_id) == NULL)
		return 0;
	for (i = 0; i < nb_pkts; i++)
		rte_pmd_mcm_mbuf_set_vc(pkts[i], vc);
	return rte_eth_tx_burst(port_id, queue_id, pkts, nb_pkts);
}
