/* SPDX-License-Identifier: BSD-3-Clause
 * net_mcm in a secondary process (dpdk-proc-info, dpdk-dumpcap, dpdk-pdump): attach to the
 * primary's port, with the restricted operations of mcm_secondary_ops.
 *
 * The port's struct mcm_port (dev->data->dev_private) is in shared memory, but its control
 * thread, eventfd, rings, mutex, function pointers and the lower port's process-local state
 * are the primary's. A secondary therefore reads and never runs the port: what it may call is
 * listed in mcm_secondary_ops (mcm_ethdev.c), and its bursts move nothing.
 */
#include <errno.h>
#include <string.h>

#include <bus_vdev_driver.h>
#include <ethdev_driver.h>

#include "mcm_private.h"

/*
 * The primary's queues are driven by the primary: a burst here would race its lcores and its
 * control thread on the same queue. dpdk-dumpcap and dpdk-pdump never call it (their callbacks
 * run in the primary's bursts); anything else gets nothing: rx returns no packet, tx takes
 * none (the caller keeps its mbufs, as with a full queue).
 */
static uint16_t
mcm_secondary_burst(void *q, struct rte_mbuf **pkts, uint16_t nb_pkts)
{
	RTE_SET_USED(q);
	RTE_SET_USED(pkts);
	RTE_SET_USED(nb_pkts);
	return 0;
}

int
mcm_secondary_probe(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev);
	struct rte_eth_dev *dev;
	struct mcm_port *port;
	bool lower_here;

	dev = rte_eth_dev_attach_secondary(name);
	if (dev == NULL) {
		MCM_LOG(ERR, "%s: the primary process has no such port (a secondary process "
			"attaches to the primary's mcm ports, it cannot create one)", name);
		return -ENODEV;
	}
	port = dev->data->dev_private;
	if (port == NULL) {
		MCM_LOG(ERR, "%s: the primary process has not finished probing it", name);
		rte_eth_dev_release_port(dev);
		return -ENODEV;
	}
	dev->device = &vdev->device;
	dev->dev_ops = &mcm_secondary_ops;
	dev->rx_pkt_burst = mcm_secondary_burst;
	dev->tx_pkt_burst = mcm_secondary_burst;
	/* the same field and flags as the primary's (looked up): lets this process read the VC
	 * of an mbuf the primary filled (rte_pmd_mcm_mbuf_get_vc)
	 */
	if (rte_pmd_mcm_dynfield_register() != 0)
		MCM_LOG(INFO, "%s: the mbuf dynamic field is not readable here: %s", name,
			rte_strerror(rte_errno));
	lower_here = mcm_lower_attached(port);
	rte_eth_dev_probing_finish(dev);
	MCM_LOG(INFO, "%s: secondary process attached to port %u (lower %s, port %u: %s; "
		"%u rx / %u tx queues): info, link, stats and xstats only", name,
		dev->data->port_id, port->cfg.lower, port->lower_port_id,
		lower_here ? "attached here" :
		"not attached here, its imissed and rx_nombuf are left out",
		dev->data->nb_rx_queues, dev->data->nb_tx_queues);
	return 0;
}
