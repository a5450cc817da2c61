/* SPDX-License-Identifier: BSD-3-Clause
 * net_mcm vdev: probe and remove, ownership of the lower port, and the ethdev operations.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <bus_vdev_driver.h>
#include <ethdev_vdev.h>
#include <rte_cycles.h>
#include <rte_malloc.h>

#include "mcm_devargs.h"
#include "mcm_private.h"

RTE_LOG_REGISTER(mcm_logtype, pmd.net.mcm, NOTICE);
/* the signalling trace: one decoded line per PDU / message (doc/driver.md) */
RTE_LOG_REGISTER(mcm_sscop_logtype, pmd.net.mcm.sscop, NOTICE);
RTE_LOG_REGISTER(mcm_uni_logtype, pmd.net.mcm.uni, NOTICE);

static const struct eth_dev_ops mcm_ops;

/* The mcm port of @p port_id in the primary process. A secondary's port has
 * mcm_secondary_ops and is not one: the control API needs the primary's control thread.
 */
struct mcm_port *
mcm_port_get(uint16_t port_id)
{
	struct rte_eth_dev *dev;

	if (!rte_eth_dev_is_valid_port(port_id))
		return NULL;
	dev = &rte_eth_devices[port_id];
	if (dev->dev_ops != &mcm_ops || dev->data->dev_private == NULL)
		return NULL;
	return dev->data->dev_private;
}

struct mcm_port *
mcm_port_by_name(const char *s)
{
	uint16_t port_id;
	char *end;
	unsigned long v;

	if (s == NULL || *s == '\0')
		return NULL;
	v = strtoul(s, &end, 10);
	if (*end == '\0' && v < RTE_MAX_ETHPORTS)
		return mcm_port_get((uint16_t)v);
	if (rte_eth_dev_get_port_by_name(s, &port_id) != 0)
		return NULL;
	return mcm_port_get(port_id);
}

int
rte_pmd_mcm_is_mcm_port(uint16_t port_id)
{
	return mcm_port_get(port_id) != NULL;
}

void
mcm_port_link_get(struct mcm_port *port, struct rte_eth_link *link)
{
	memset(link, 0, sizeof(*link));
	if (rte_eth_link_get_nowait(port->lower_port_id, link) != 0)
		link->link_status = RTE_ETH_LINK_DOWN;
	if (!mcm_port_started(port))
		link->link_status = RTE_ETH_LINK_DOWN;
}

/* Largest AAL5 SDU for the port's MTU: Ethernet header, one VLAN tag, RFC 2684 LLC header */
static uint32_t
mcm_max_sdu(uint16_t mtu)
{
	return (uint32_t)mtu + RTE_ETHER_HDR_LEN + 4 + MCM_RFC2684_MAX_HDR;
}

/* The port's MTU and the largest SDU it allows: the control thread reads them under the
 * lock (calls' SDU sizes), the bursts (once a burst) and telemetry as atomics.
 */
static void
port_mtu_set(struct mcm_port *port, uint16_t mtu)
{
	pthread_mutex_lock(&port->lock);
	__atomic_store_n(&port->mtu, mtu, __ATOMIC_RELAXED);
	__atomic_store_n(&port->max_sdu, mcm_max_sdu(mtu), __ATOMIC_RELAXED);
	pthread_mutex_unlock(&port->lock);
}

/* Cells per PW frame: what the lower MTU holds after the label(s) and the control word */
static int
mcm_update_max_cells(struct mcm_port *port)
{
	uint16_t lower_mtu = (uint16_t)mcm_lower_mtu(port);
	uint32_t fit;

	fit = ((uint32_t)lower_mtu - (port->pw_hdr_len - RTE_ETHER_HDR_LEN) - MCM_CW_LEN) /
	      MCM_ATM_CELL_LEN;
	if (fit == 0) {
		MCM_LOG(ERR, "port %u: lower MTU %u holds no cell", port->port_id, lower_mtu);
		return -EINVAL;
	}
	if (port->cfg.max_cells == 0) {
		port->max_cells = fit;
	} else if (port->cfg.max_cells > fit) {
		MCM_LOG(ERR, "max_cells=%u: lower MTU %u holds at most %u cells a frame",
			port->cfg.max_cells, lower_mtu, fit);
		return -EINVAL;
	} else {
		port->max_cells = port->cfg.max_cells;
	}
	return 0;
}

/* The PW frame header towards @p dst in buffer @p idx of port->pw_hdrs. */
void
mcm_build_pw_hdr(struct mcm_port *port, unsigned int idx, const struct rte_ether_addr *dst)
{
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)port->pw_hdrs[idx];
	uint32_t lse;

	rte_ether_addr_copy(dst, &eth->dst_addr);
	rte_ether_addr_copy(&port->lower_mac, &eth->src_addr);
	eth->ether_type = rte_cpu_to_be_16(MCM_MPLS_ETHERTYPE);
	/* label | TC 0 | S=1 (bottom of stack) | TTL 255 */
	lse = port->cfg.pw_label << 12 | 1u << 8 | 255u;
	lse = rte_cpu_to_be_32(lse);
	memcpy(port->pw_hdrs[idx] + RTE_ETHER_HDR_LEN, &lse, 4);
	port->pw_hdr_len = RTE_ETHER_HDR_LEN + 4;
}

static int
mcm_dev_configure(struct rte_eth_dev *dev)
{
	struct mcm_port *port = dev->data->dev_private;
	uint16_t nrx = dev->data->nb_rx_queues, ntx = dev->data->nb_tx_queues;
	int rc;

	if (nrx > MCM_MAX_QUEUES || ntx > MCM_MAX_QUEUES) {
		MCM_LOG(ERR, "port %u: %u rx / %u tx queues: at most %u each", port->port_id,
			nrx, ntx, MCM_MAX_QUEUES);
		return -EINVAL;
	}
	/* a receive queue is the lower port's queue of the same number: no spreading of ours
	 * to ask for (refused, not ignored)
	 */
	if ((dev->data->dev_conf.rxmode.mq_mode & RTE_ETH_MQ_RX_RSS_FLAG) ||
	    dev->data->dev_conf.rx_adv_conf.rss_conf.rss_hf != 0) {
		MCM_LOG(ERR, "port %u: RSS is not supported: rx queue i is the lower port's "
			"queue i", port->port_id);
		return -ENOTSUP;
	}
	/* the MTU the application configured (ethdev stored it, checked against max_mtu);
	 * the receive queues set up next check their mbufs against it
	 */
	port_mtu_set(port, dev->data->mtu);
	pthread_mutex_lock(&port->lock);
	rc = mcm_lower_configure(port, nrx, ntx);
	pthread_mutex_unlock(&port->lock);
	if (rc != 0)
		return rc;
	rc = mcm_update_max_cells(port);
	if (rc != 0)
		return rc;
	return 0;
}

static int
mcm_dev_start(struct rte_eth_dev *dev)
{
	struct mcm_port *port = dev->data->dev_private;
	uint16_t i;
	int rc;

	pthread_mutex_lock(&port->lock);
	rc = mcm_lower_start(port);
	pthread_mutex_unlock(&port->lock);
	if (rc != 0)
		return rc;
	mcm_port_started_set(port, true);
	for (i = 0; i < dev->data->nb_rx_queues; i++)
		dev->data->rx_queue_state[i] = RTE_ETH_QUEUE_STATE_STARTED;
	for (i = 0; i < dev->data->nb_tx_queues; i++)
		dev->data->tx_queue_state[i] = RTE_ETH_QUEUE_STATE_STARTED;
	/* up only if the lower link is: the control thread follows it from now on (woken to
	 * take up its link check)
	 */
	mcm_port_link_sync(port);
	if (port->ctrl_running)
		mcm_ctrl_wake(port);
	return 0;
}

static int
mcm_dev_stop(struct rte_eth_dev *dev)
{
	struct mcm_port *port = dev->data->dev_private;
	uint16_t i;
	int rc;

	mcm_port_started_set(port, false);
	mcm_port_link_sync(port);
	pthread_mutex_lock(&port->lock);
	rc = mcm_lower_stop(port);
	pthread_mutex_unlock(&port->lock);
	for (i = 0; i < dev->data->nb_rx_queues; i++)
		dev->data->rx_queue_state[i] = RTE_ETH_QUEUE_STATE_STOPPED;
	for (i = 0; i < dev->data->nb_tx_queues; i++)
		dev->data->tx_queue_state[i] = RTE_ETH_QUEUE_STATE_STOPPED;
	return rc;
}

bool
mcm_port_link_sync(struct mcm_port *port)
{
	struct rte_eth_link link;

	mcm_port_link_get(port, &link);
	/* rte_eth_linkstatus_set answers 0 when the status changed */
	return rte_eth_linkstatus_set(port->dev, &link) == 0;
}

void
mcm_port_lsc_event(struct mcm_port *port)
{
	if (port->dev->data->dev_conf.intr_conf.lsc)
		rte_eth_dev_callback_process(port->dev, RTE_ETH_EVENT_INTR_LSC, NULL);
}

static int
mcm_link_update(struct rte_eth_dev *dev, int wait)
{
	struct mcm_port *port = dev->data->dev_private;
	struct rte_eth_link link;

	RTE_SET_USED(wait);
	mcm_port_link_get(port, &link);
	return rte_eth_linkstatus_set(dev, &link);
}

/* The largest MTU whose AAL5 PDU fits @p room bytes (at least the Ethernet minimum). */
static uint16_t
max_mtu_for_room(uint32_t room)
{
	uint32_t lo = RTE_ETHER_MIN_MTU, hi = MCM_MAX_MTU;

	while (lo < hi) {   /* the PDU length grows with the MTU */
		uint32_t mid = (lo + hi + 1) / 2;

		if (mcm_aal5_pdu_len(mcm_max_sdu((uint16_t)mid)) <= room)
			lo = mid;
		else
			hi = mid - 1;
	}
	return (uint16_t)lo;
}

static int
mcm_dev_infos_get(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	struct mcm_port *port = dev->data->dev_private;
	struct rte_eth_dev_info li;
	uint16_t q;
	int rc;

	if (mcm_lower_attached(port)) {
		rc = rte_eth_dev_info_get(port->lower_port_id, &li);
		if (rc != 0)
			return rc;
	} else {
		/* a secondary process that has no lower port: the queues configured, and the
		 * descriptor limits ethdev filled in
		 */
		memset(&li, 0, sizeof(li));
		li.max_rx_queues = RTE_MAX(dev->data->nb_rx_queues, 1);
		li.max_tx_queues = RTE_MAX(dev->data->nb_tx_queues, 1);
		li.rx_desc_lim = info->rx_desc_lim;
		li.tx_desc_lim = info->tx_desc_lim;
	}
	info->max_mac_addrs = 1;
	info->max_rx_queues = RTE_MIN(li.max_rx_queues, MCM_MAX_QUEUES);
	info->max_tx_queues = RTE_MIN(li.max_tx_queues, MCM_MAX_QUEUES);
	info->min_mtu = RTE_ETHER_MIN_MTU;
	/* a frame is reassembled into one mbuf of the application's pool: started, the
	 * largest MTU its RX queues' mbufs hold is the truth; stopped, the application may
	 * still set up queues on larger mbufs (ethdev checks a new configuration's MTU against
	 * this before it releases the old queues)
	 */
	info->max_mtu = MCM_MAX_MTU;
	for (q = 0; dev->data->dev_started && q < port->nb_rxq; q++)
		if (port->rxq[q] != NULL)
			info->max_mtu = RTE_MIN(info->max_mtu,
						max_mtu_for_room(port->rxq[q]->buf_room));
	info->max_rx_pktlen = info->max_mtu + RTE_ETHER_HDR_LEN + 4;
	/* what one mbuf must hold at the current MTU: the whole AAL5 PDU */
	info->min_rx_bufsize = mcm_aal5_pdu_len(mcm_max_sdu(port->mtu));
	info->rx_desc_lim = li.rx_desc_lim;
	info->tx_desc_lim = li.tx_desc_lim;
	/* a PDU is gathered from the RFC 2684 header and at most this many segments */
	info->tx_desc_lim.nb_seg_max = MCM_AAL5_SEG_MAX_IOV - 1;
	info->tx_desc_lim.nb_mtu_seg_max = MCM_AAL5_SEG_MAX_IOV - 1;
	info->tx_offload_capa = RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	info->speed_capa = li.speed_capa;
	return 0;
}

static const uint32_t *
mcm_supported_ptypes(struct rte_eth_dev *dev)
{
	/* what rx sets in every mbuf: a bridged Ethernet frame */
	static const uint32_t ptypes[] = { RTE_PTYPE_L2_ETHER, RTE_PTYPE_UNKNOWN };

	RTE_SET_USED(dev);
	return ptypes;
}

static void mcm_stats_retire(struct mcm_port *port, bool rx, uint16_t q);

static void
mcm_rx_queue_release(struct rte_eth_dev *dev, uint16_t qid)
{
	struct mcm_port *port = dev->data->dev_private;

	pthread_mutex_lock(&port->lock);
	mcm_stats_retire(port, true, qid);
	mcm_rxq_free(port->rxq[qid]);
	port->rxq[qid] = NULL;
	dev->data->rx_queues[qid] = NULL;
	pthread_mutex_unlock(&port->lock);
}

static void
mcm_tx_queue_release(struct rte_eth_dev *dev, uint16_t qid)
{
	struct mcm_port *port = dev->data->dev_private;

	pthread_mutex_lock(&port->lock);
	mcm_stats_retire(port, false, qid);
	mcm_txq_free(port->txq[qid]);
	port->txq[qid] = NULL;
	dev->data->tx_queues[qid] = NULL;
	pthread_mutex_unlock(&port->lock);
}

static int
mcm_rx_queue_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
		   unsigned int socket, const struct rte_eth_rxconf *conf,
		   struct rte_mempool *mp)
{
	struct mcm_port *port = dev->data->dev_private;
	struct mcm_rx_queue *rxq;
	uint32_t room;
	int rc;

	RTE_SET_USED(conf);
	room = rte_pktmbuf_data_room_size(mp);
	room = room > RTE_PKTMBUF_HEADROOM ? room - RTE_PKTMBUF_HEADROOM : 0;
	if (room < mcm_aal5_pdu_len(mcm_max_sdu(port->mtu))) {
		MCM_LOG(ERR, "port %u: mbufs of %s hold %u bytes; MTU %u needs %u (one mbuf a "
			"frame)", port->port_id, mp->name, room, port->mtu,
			mcm_aal5_pdu_len(mcm_max_sdu(port->mtu)));
		return -EINVAL;
	}
	rc = mcm_lower_rxq_setup(port, qid, nb_desc, socket, mp);
	if (rc != 0) {
		MCM_LOG(ERR, "port %u: lower rx queue %u: %s", port->port_id, qid,
			rte_strerror(-rc));
		return rc;
	}
	rxq = rte_zmalloc_socket("mcm_rxq", sizeof(*rxq), RTE_CACHE_LINE_SIZE, socket);
	if (rxq == NULL)
		return -ENOMEM;
	rxq->port = port;
	rte_spinlock_init(&rxq->lock);
	rxq->qid = qid;
	rxq->qsbr_id = qid;
	rxq->mp = mp;
	rxq->buf_room = room;
	/* frames completed for a queue the application leaves unpolled: no more than its
	 * descriptors would hold on a NIC (doc/driver.md, mbufs the driver holds)
	 */
	rxq->stash_max = (uint16_t)RTE_MIN((unsigned int)MCM_RX_STASH, (unsigned int)nb_desc);
	/* PW frames longer than the pool's mbufs arrive chained: room for the largest */
	rxq->linear_len = mcm_lower_frame_max(port);
	rxq->linear = rte_malloc_socket("mcm_rxlin", rxq->linear_len, 0, socket);
	rxq->vc_err = rte_zmalloc_socket("mcm_rxerr", sizeof(*rxq->vc_err) *
					 MCM_SLOT_CHUNKS(port->cfg.max_vcs), 0, socket);
	if (rxq->vc_err == NULL || rxq->linear == NULL || mcm_rxq_vc_init(rxq, socket) != 0) {
		mcm_rxq_free(rxq);
		return -ENOMEM;
	}
	rte_rcu_qsbr_thread_register(port->qsbr, rxq->qsbr_id);
	pthread_mutex_lock(&port->lock);
	mcm_stats_retire(port, true, qid);
	mcm_rxq_free(port->rxq[qid]);
	mcm_rxq_vc_attach(rxq);
	port->rxq[qid] = rxq;
	port->nb_rxq = RTE_MAX(port->nb_rxq, qid + 1);
	dev->data->rx_queues[qid] = rxq;
	pthread_mutex_unlock(&port->lock);
	return 0;
}

static int
mcm_tx_queue_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
		   unsigned int socket, const struct rte_eth_txconf *conf)
{
	struct mcm_port *port = dev->data->dev_private;
	struct mcm_tx_queue *txq;
	char name[RTE_MEMPOOL_NAMESIZE];
	uint32_t frame = mcm_pw_frame_len(port);
	int rc;

	RTE_SET_USED(conf);
	rc = mcm_lower_txq_setup(port, qid, nb_desc, socket);
	if (rc != 0) {
		MCM_LOG(ERR, "port %u: lower tx queue %u: %s", port->port_id, qid,
			rte_strerror(-rc));
		return rc;
	}
	txq = rte_zmalloc_socket("mcm_txq", sizeof(*txq), RTE_CACHE_LINE_SIZE, socket);
	if (txq == NULL)
		return -ENOMEM;
	txq->port = port;
	rte_spinlock_init(&txq->lock);
	/* queue 0 is shared with the control thread (its sends when the lower port has no
	 * queue to spare, and framework sends): a lock a burst
	 */
	txq->shared = qid == 0;
	txq->qid = qid;
	txq->qsbr_id = MCM_MAX_QUEUES + qid;
	txq->vc_err = rte_zmalloc_socket("mcm_txerr", sizeof(*txq->vc_err) *
					 MCM_SLOT_CHUNKS(port->cfg.max_vcs), 0, socket);
	if (txq->vc_err == NULL || mcm_txq_vc_init(txq, socket) != 0) {
		mcm_txq_free(txq);
		return -ENOMEM;
	}
	/* PW frames: the lower queue's descriptors, the pending list and one burst */
	snprintf(name, sizeof(name), "mcm_tx_%u_%u", port->port_id, qid);
	txq->pool = rte_mempool_lookup(name);
	if (txq->pool == NULL)
		txq->pool = rte_pktmbuf_pool_create(name,
			RTE_MAX(4096u, 2u * nb_desc + MCM_TX_PENDING + 2 * MCM_TX_FRAMES), 64,
			0, RTE_PKTMBUF_HEADROOM + RTE_MAX(frame, 2048u), (int)socket);
	if (txq->pool == NULL) {
		MCM_LOG(ERR, "port %u: no memory for the tx frame pool %s", port->port_id, name);
		mcm_txq_free(txq);
		return -ENOMEM;
	}
	rte_rcu_qsbr_thread_register(port->qsbr, txq->qsbr_id);
	pthread_mutex_lock(&port->lock);
	mcm_stats_retire(port, false, qid);
	mcm_txq_free(port->txq[qid]);
	mcm_txq_vc_attach(txq);
	port->txq[qid] = txq;
	port->nb_txq = RTE_MAX(port->nb_txq, qid + 1);
	dev->data->tx_queues[qid] = txq;
	pthread_mutex_unlock(&port->lock);
	return 0;
}

static int
mcm_mtu_set(struct rte_eth_dev *dev, uint16_t mtu)
{
	struct mcm_port *port = dev->data->dev_private;
	uint16_t q;

	for (q = 0; q < port->nb_rxq; q++)
		if (port->rxq[q] != NULL &&
		    port->rxq[q]->buf_room < mcm_aal5_pdu_len(mcm_max_sdu(mtu))) {
			/* a frame is reassembled into one mbuf of the queue's pool */
			MCM_LOG(ERR, "port %u: MTU %u needs mbufs of %u bytes; rx queue %u's hold "
				"%u (use a pool with larger mbufs)", port->port_id, mtu,
				mcm_aal5_pdu_len(mcm_max_sdu(mtu)), q, port->rxq[q]->buf_room);
			return -EINVAL;
		}
	port_mtu_set(port, mtu);
	return 0;
}

static int
mcm_mac_addr_set(struct rte_eth_dev *dev, struct rte_ether_addr *addr)
{
	/* the bridge port's own address; PW frames keep the lower port's as source */
	RTE_SET_USED(dev);
	RTE_SET_USED(addr);
	return 0;
}

/*
 * Promiscuous and all-multicast: what PW frames the lower port receives (a peer may send them
 * to another destination than the lower port's MAC, or to a multicast one). The lower port's
 * answer is the answer, -ENOTSUP included; PW frames sent to the lower port's MAC or to
 * broadcast are received either way.
 */
static int
mcm_promiscuous_enable(struct rte_eth_dev *dev)
{
	struct mcm_port *port = dev->data->dev_private;

	return rte_eth_promiscuous_enable(port->lower_port_id);
}

static int
mcm_promiscuous_disable(struct rte_eth_dev *dev)
{
	struct mcm_port *port = dev->data->dev_private;

	return rte_eth_promiscuous_disable(port->lower_port_id);
}

static int
mcm_allmulticast_enable(struct rte_eth_dev *dev)
{
	struct mcm_port *port = dev->data->dev_private;

	return rte_eth_allmulticast_enable(port->lower_port_id);
}

static int
mcm_allmulticast_disable(struct rte_eth_dev *dev)
{
	struct mcm_port *port = dev->data->dev_private;

	return rte_eth_allmulticast_disable(port->lower_port_id);
}

/* ---- statistics ---- */

/*
 * port->lock is a process-private mutex (its waiters sleep on a private futex), so a secondary
 * process must not take it: it reads the counters without it. A counter is one relaxed atomic
 * store (MCM_STAT_ADD), so each value read is whole; what a secondary cannot rule out is a
 * queue released by the primary while it reads (doc/driver.md, secondary processes).
 */
static bool
mcm_stats_lock(struct mcm_port *port)
{
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return false;
	pthread_mutex_lock(&port->lock);
	return true;
}

static void
mcm_stats_unlock(struct mcm_port *port, bool locked)
{
	if (locked)
		pthread_mutex_unlock(&port->lock);
}

enum mcm_xstat_src { XS_RXQ, XS_TXQ, XS_CTRL };

struct mcm_xstat {
	const char *name;
	uint8_t src;         /* enum mcm_xstat_src: summed over RX or TX queues, or the port's */
	size_t off;
};

#define RXS(n, f) { n, XS_RXQ, offsetof(struct mcm_rx_queue, f) }
#define TXS(n, f) { n, XS_TXQ, offsetof(struct mcm_tx_queue, f) }
#define CTS(n, f) { n, XS_CTRL, offsetof(struct mcm_ctrl_stats, f) }
static const struct mcm_xstat mcm_xstats[] = {
	RXS("rx_pw_frames", frames),
	RXS("rx_pw_bad_frames", bad_frames),
	RXS("rx_foreign_frames", foreign_frames),
	RXS("rx_pw_seq_errors", seq_errors),
	RXS("rx_pw_out_of_order", out_of_order),
	RXS("rx_cells", cells),
	RXS("rx_unknown_vc_cells", unknown_vc_cells),
	RXS("rx_oam_cells", oam_cells),
	RXS("rx_reserved_vc_cells", reserved_cells),
	RXS("rx_aal5_errors", aal5_errors),
	RXS("rx_encap_errors", encap_errors),
	RXS("rx_reasm_nombuf", nombuf),
	RXS("rx_unpolled_drops", missed),
	TXS("tx_pw_frames", frames),
	TXS("tx_cells", cells),
	TXS("tx_no_vc_drops", no_vc),
	TXS("tx_vc_inactive_drops", inactive),
	TXS("tx_too_big_drops", too_big),
	TXS("tx_encap_drops", encap_drops),
	TXS("tx_frame_nombuf", nombuf),
	/* I.610 OAM cells, handled by the control thread (mcm_oam.c) */
	CTS("oam_lb_answered", oam_lb_answered),
	CTS("oam_lb_replies_in", oam_lb_replies),
	CTS("oam_lb_not_ours", oam_lb_not_ours),
	CTS("oam_fm_in", oam_fm_in),
	CTS("oam_errors", oam_errors),
	CTS("oam_tx_drops", oam_tx_drops),
	CTS("oam_pings_sent", oam_pings_sent),
	CTS("oam_pings_answered", oam_pings_answered),
	CTS("oam_pings_timeout", oam_pings_timeout),
	CTS("oam_lb_replies_unmatched", oam_lb_replies_unmatched),
	/* call-manager events lost to a client's full queue (mcm_cm.c), every client */
	CTS("cm_events_lost", cm_events_lost),
	/* I.610 fault management (mcm_oam_fault.c) */
	CTS("oam_fm_out", oam_fm_out),
	CTS("oam_pw_lost", oam_pw_lost),
};

_Static_assert(RTE_DIM(mcm_xstats) <= MCM_XSTATS_MAX, "MCM_XSTATS_MAX too small");

static uint64_t
xstat_of_queue(const void *q, const struct mcm_xstat *x)
{
	return MCM_STAT_GET(*(const uint64_t *)((const char *)q + x->off));
}

/* Extended stat @p i since probe: the released queues' share and the live queues'. */
static uint64_t
xstat_total(const struct mcm_port *port, unsigned int i)
{
	const struct mcm_xstat *x = &mcm_xstats[i];
	uint64_t v = port->retired.x[i];
	bool rx = x->src == XS_RXQ;
	uint16_t q;

	if (x->src == XS_CTRL)   /* the control thread's, for the port's life */
		return xstat_of_queue(&port->cstats, x);
	for (q = 0; q < (rx ? port->nb_rxq : port->nb_txq); q++) {
		const void *queue = rx ? (const void *)port->rxq[q] : (const void *)port->txq[q];

		if (queue != NULL)
			v += xstat_of_queue(queue, x);
	}
	return v;
}

/*
 * Totals since probe: the live queues plus what released queues had counted (a queue set up
 * again starts from zero, the port's totals do not). Per-queue values (@p per_q) are those of
 * the live queues. Frames the lower port dropped or had no mbuf for are the application's
 * imissed and rx_nombuf: it cannot see the lower port (left out in a secondary process that has
 * no lower port). Under mcm_stats_lock.
 */
static void
mcm_stats_raw(struct mcm_port *port, struct mcm_stats_base *s, struct rte_eth_stats *per_q)
{
	struct rte_eth_stats lower;
	uint16_t q;
	unsigned int i;

	*s = port->retired;
	if (port->owns_lower && mcm_lower_attached(port) &&
	    mcm_lower_stats_get(port, &lower) == 0) {
		s->imissed += lower.imissed;
		s->rx_nombuf += lower.rx_nombuf;
	}
	for (q = 0; q < port->nb_rxq; q++) {
		struct mcm_rx_queue *r = port->rxq[q];
		uint64_t p, b;

		if (r == NULL)
			continue;
		p = MCM_STAT_GET(r->pkts);
		b = MCM_STAT_GET(r->bytes);
		s->ipackets += p;
		s->ibytes += b;
		s->ierrors += MCM_STAT_GET(r->bad_frames) + MCM_STAT_GET(r->aal5_errors) +
			      MCM_STAT_GET(r->encap_errors) + MCM_STAT_GET(r->out_of_order);
		s->rx_nombuf += MCM_STAT_GET(r->nombuf);
		s->imissed += MCM_STAT_GET(r->missed);
		s->q_ipackets[q] = p;
		s->q_ibytes[q] = b;
	}
	for (q = 0; q < port->nb_txq; q++) {
		struct mcm_tx_queue *t = port->txq[q];
		uint64_t p, b;

		if (t == NULL)
			continue;
		p = MCM_STAT_GET(t->pkts);
		b = MCM_STAT_GET(t->bytes);
		s->opackets += p;
		s->obytes += b;
		s->oerrors += MCM_STAT_GET(t->no_vc) + MCM_STAT_GET(t->inactive) +
			      MCM_STAT_GET(t->too_big) + MCM_STAT_GET(t->encap_drops);
		s->q_opackets[q] = p;
		s->q_obytes[q] = b;
	}
	for (i = 0; i < RTE_DIM(mcm_xstats); i++)
		s->x[i] = xstat_total(port, i);
	if (per_q == NULL)
		return;
	for (q = 0; q < RTE_ETHDEV_QUEUE_STAT_CNTRS && q < MCM_MAX_QUEUES; q++) {
		per_q->q_ipackets[q] = s->q_ipackets[q] - port->base.q_ipackets[q];
		per_q->q_ibytes[q] = s->q_ibytes[q] - port->base.q_ibytes[q];
		per_q->q_opackets[q] = s->q_opackets[q] - port->base.q_opackets[q];
		per_q->q_obytes[q] = s->q_obytes[q] - port->base.q_obytes[q];
	}
}

/*
 * A queue is released or replaced: its counts go on in the port's totals, and the base of
 * its queue index starts again from zero with the new queue. Under port->lock.
 */
static void
mcm_stats_retire(struct mcm_port *port, bool rx, uint16_t q)
{
	const void *queue = rx ? (const void *)port->rxq[q] : (const void *)port->txq[q];
	struct mcm_stats_base *r = &port->retired;
	unsigned int i;

	if (queue == NULL)
		return;
	for (i = 0; i < RTE_DIM(mcm_xstats); i++)
		if (mcm_xstats[i].src == (rx ? XS_RXQ : XS_TXQ))
			r->x[i] += xstat_of_queue(queue, &mcm_xstats[i]);
	if (rx) {
		const struct mcm_rx_queue *rq = queue;

		r->ipackets += MCM_STAT_GET(rq->pkts);
		r->ibytes += MCM_STAT_GET(rq->bytes);
		r->ierrors += MCM_STAT_GET(rq->bad_frames) + MCM_STAT_GET(rq->aal5_errors) +
			      MCM_STAT_GET(rq->encap_errors) + MCM_STAT_GET(rq->out_of_order);
		r->rx_nombuf += MCM_STAT_GET(rq->nombuf);
		r->imissed += MCM_STAT_GET(rq->missed);
		port->base.q_ipackets[q] = 0;
		port->base.q_ibytes[q] = 0;
	} else {
		const struct mcm_tx_queue *tq = queue;

		r->opackets += MCM_STAT_GET(tq->pkts);
		r->obytes += MCM_STAT_GET(tq->bytes);
		r->oerrors += MCM_STAT_GET(tq->no_vc) + MCM_STAT_GET(tq->inactive) +
			      MCM_STAT_GET(tq->too_big) + MCM_STAT_GET(tq->encap_drops);
		port->base.q_opackets[q] = 0;
		port->base.q_obytes[q] = 0;
	}
}

static int
mcm_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *stats)
{
	struct mcm_port *port = dev->data->dev_private;
	struct mcm_stats_base s;
	bool locked = mcm_stats_lock(port);

	mcm_stats_raw(port, &s, stats);
	stats->ipackets = s.ipackets - port->base.ipackets;
	stats->ibytes = s.ibytes - port->base.ibytes;
	stats->ierrors = s.ierrors - port->base.ierrors;
	stats->rx_nombuf = s.rx_nombuf - port->base.rx_nombuf;
	stats->imissed = s.imissed - port->base.imissed;
	stats->opackets = s.opackets - port->base.opackets;
	stats->obytes = s.obytes - port->base.obytes;
	stats->oerrors = s.oerrors - port->base.oerrors;
	mcm_stats_unlock(port, locked);
	return 0;
}

/* stats_reset and xstats_reset alike: everything the application reads starts from zero */
static int
mcm_stats_reset(struct rte_eth_dev *dev)
{
	struct mcm_port *port = dev->data->dev_private;

	/* the data path never writes a counter twice, so a reset is a new base, not a store */
	pthread_mutex_lock(&port->lock);
	mcm_stats_raw(port, &port->base, NULL);
	pthread_mutex_unlock(&port->lock);
	return 0;
}

static int
mcm_xstats_get_names(struct rte_eth_dev *dev, struct rte_eth_xstat_name *names,
		     unsigned int size)
{
	unsigned int i;

	RTE_SET_USED(dev);
	if (names == NULL || size < RTE_DIM(mcm_xstats))
		return RTE_DIM(mcm_xstats);
	for (i = 0; i < RTE_DIM(mcm_xstats); i++)
		strlcpy(names[i].name, mcm_xstats[i].name, sizeof(names[i].name));
	return RTE_DIM(mcm_xstats);
}

static int
mcm_xstats_get(struct rte_eth_dev *dev, struct rte_eth_xstat *xstats, unsigned int n)
{
	struct mcm_port *port = dev->data->dev_private;
	struct mcm_stats_base s;
	unsigned int i;
	bool locked;

	if (xstats == NULL || n < RTE_DIM(mcm_xstats))
		return RTE_DIM(mcm_xstats);
	locked = mcm_stats_lock(port);
	mcm_stats_raw(port, &s, NULL);
	for (i = 0; i < RTE_DIM(mcm_xstats); i++) {
		xstats[i].id = i;
		xstats[i].value = s.x[i] - port->base.x[i];
	}
	mcm_stats_unlock(port, locked);
	return RTE_DIM(mcm_xstats);
}

uint64_t
mcm_port_total(struct mcm_port *port, const char *name)
{
	struct mcm_stats_base s;

	mcm_stats_raw(port, &s, NULL);
	if (strcmp(name, "rx_pdus") == 0)
		return s.ipackets;
	if (strcmp(name, "tx_pdus") == 0)
		return s.opackets;
	return 0;
}

uint64_t
mcm_port_xstat(struct mcm_port *port, const char *name, bool since_reset)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(mcm_xstats) && strcmp(mcm_xstats[i].name, name) != 0; i++)
		;
	if (i == RTE_DIM(mcm_xstats))
		return 0;
	return xstat_total(port, i) - (since_reset ? port->base.x[i] : 0);
}

/* ---- close and probe ---- */

static int
mcm_dev_close(struct rte_eth_dev *dev)
{
	struct mcm_port *port = dev->data->dev_private;
	uint16_t q;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY || port->closed)
		return 0;
	mcm_ctrl_stop(port);
	mcm_cm_fini(port);
	mcm_capture_release(port);
	mcm_lower_close(port);
	mcm_port_started_set(port, false);
	for (q = 0; q < MCM_MAX_QUEUES; q++) {
		mcm_rxq_free(port->rxq[q]);
		port->rxq[q] = NULL;
		mcm_txq_free(port->txq[q]);
		port->txq[q] = NULL;
	}
	dev->data->nb_rx_queues = 0;
	dev->data->nb_tx_queues = 0;
	if (port->owns_lower) {
		/* the application never sees the lower port, so it is ours to close */
		mcm_intr_fence();
		mcm_lower_dev_close(port);
		/* what the close queued, and what the peer's answer to it brings (a memif
		 * peer in this process disconnects and retries on that thread)
		 */
		mcm_intr_fence();
		rte_delay_us_sleep(20000);
		mcm_intr_fence();
		rte_eth_dev_owner_delete(port->owner.id);
		port->owns_lower = false;
	}
	for (q = 0; q < MCM_MAX_QUEUES; q++) {
		char name[RTE_MEMPOOL_NAMESIZE];

		snprintf(name, sizeof(name), "mcm_tx_%u_%u", port->port_id, q);
		rte_mempool_free(rte_mempool_lookup(name));
	}
	rte_mempool_free(port->ctrl_pool);
	port->ctrl_pool = NULL;
	mcm_vc_table_free(port);
	rte_free(port->qsbr);
	port->qsbr = NULL;
	pthread_mutex_destroy(&port->lock);
	port->closed = true;
	return 0;
}

static const struct eth_dev_ops mcm_ops = {
	.dev_configure = mcm_dev_configure,
	.dev_start = mcm_dev_start,
	.dev_stop = mcm_dev_stop,
	.dev_close = mcm_dev_close,
	.dev_infos_get = mcm_dev_infos_get,
	.link_update = mcm_link_update,
	.rx_queue_setup = mcm_rx_queue_setup,
	.tx_queue_setup = mcm_tx_queue_setup,
	.rx_queue_release = mcm_rx_queue_release,
	.tx_queue_release = mcm_tx_queue_release,
	.stats_get = mcm_stats_get,
	.stats_reset = mcm_stats_reset,
	.xstats_get = mcm_xstats_get,
	.xstats_get_names = mcm_xstats_get_names,
	.xstats_reset = mcm_stats_reset,
	.promiscuous_enable = mcm_promiscuous_enable,
	.promiscuous_disable = mcm_promiscuous_disable,
	.allmulticast_enable = mcm_allmulticast_enable,
	.allmulticast_disable = mcm_allmulticast_disable,
	.mtu_set = mcm_mtu_set,
	.mac_addr_set = mcm_mac_addr_set,
	.dev_supported_ptypes_get = mcm_supported_ptypes,
};

/*
 * A secondary process's link: the primary's control thread keeps dev->data->dev_link current
 * (lower link checked every 250 ms), and it is the one that writes it: a write from here would
 * hide a change from it, and with it the LSC event the application asked for.
 */
static int
mcm_secondary_link_update(struct rte_eth_dev *dev, int wait)
{
	RTE_SET_USED(dev);
	RTE_SET_USED(wait);
	return 0;
}

/*
 * What a secondary process (dpdk-proc-info, dpdk-dumpcap, dpdk-pdump) may run on the primary's
 * port: reads of shared memory only. Configure, start, stop, queue setup, resets, MTU, MAC and
 * promiscuous mode are absent (-ENOTSUP): they need the primary's control thread, lock, rings
 * and the lower port's process-local state. Close releases this process's port only.
 */
const struct eth_dev_ops mcm_secondary_ops = {
	.dev_close = mcm_dev_close,
	.dev_infos_get = mcm_dev_infos_get,
	.link_update = mcm_secondary_link_update,
	.stats_get = mcm_stats_get,
	.xstats_get = mcm_xstats_get,
	.xstats_get_names = mcm_xstats_get_names,
	.dev_supported_ptypes_get = mcm_supported_ptypes,
};

bool
mcm_lower_attached(const struct mcm_port *port)
{
	char name[RTE_ETH_NAME_MAX_LEN];

	/* in a secondary, the port id is the primary's; the lower port exists here when its
	 * driver attached it (a vdev of the primary is probed here by the vdev bus)
	 */
	return rte_eth_dev_is_valid_port(port->lower_port_id) &&
	       rte_eth_dev_get_name_by_port(port->lower_port_id, name) == 0 &&
	       strcmp(name, port->cfg.lower) == 0;
}

static int
mcm_take_lower(struct mcm_port *port, const char *name)
{
	struct rte_eth_dev_owner cur;
	int rc;

	if (strcmp(port->cfg.lower, name) == 0) {
		MCM_LOG(ERR, "%s: lower=%s: a port cannot run on itself", name, name);
		return -EINVAL;
	}
	if (rte_eth_dev_get_port_by_name(port->cfg.lower, &port->lower_port_id) != 0) {
		MCM_LOG(ERR, "%s: lower=%s: no such ethdev (probe it before %s on the command "
			"line)", name, port->cfg.lower, name);
		return -ENODEV;
	}
	if (rte_eth_dev_owner_get(port->lower_port_id, &cur) == 0 &&
	    cur.id != RTE_ETH_DEV_NO_OWNER) {
		MCM_LOG(ERR, "%s: lower=%s: already owned by %s", name, port->cfg.lower, cur.name);
		return -EBUSY;
	}
	rc = rte_eth_dev_owner_new(&port->owner.id);
	if (rc != 0)
		return rc;
	snprintf(port->owner.name, sizeof(port->owner.name), "%s", name);
	rc = rte_eth_dev_owner_set(port->lower_port_id, &port->owner);
	if (rc != 0) {
		MCM_LOG(ERR, "%s: cannot take lower=%s: %s", name, port->cfg.lower,
			rte_strerror(-rc));
		return rc;
	}
	port->owns_lower = true;
	/* An application that listed the lower port before this probe (testpmd after `port
	 * attach`) keeps it in its lists; ownership only hides it from later iterations.
	 */
	MCM_LOG(NOTICE, "%s: owns port %u (%s) from now on: the application must not use it "
		"(testpmd after port attach: set portlist without it)", name,
		port->lower_port_id, port->cfg.lower);
	return 0;
}

static int
mcm_probe(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev);
	struct rte_eth_dev *dev;
	struct mcm_port *port;
	struct mcm_config cfg;
	uint32_t i;
	int rc;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return mcm_secondary_probe(vdev);
	rc = mcm_devargs_parse(rte_vdev_device_args(vdev), &cfg);
	if (rc != 0)
		return rc;
	rc = rte_pmd_mcm_dynfield_register();
	if (rc != 0) {
		MCM_LOG(ERR, "%s: cannot register the mbuf dynamic field: %s", name,
			rte_strerror(-rc));
		return rc;
	}
	dev = rte_eth_vdev_allocate(vdev, sizeof(*port));
	if (dev == NULL)
		return -ENOMEM;
	port = dev->data->dev_private;
	port->dev = dev;
	port->port_id = dev->data->port_id;
	port->cfg = cfg;
	port->evfd = -1;
	pthread_mutex_init(&port->lock, NULL);
	rc = mcm_take_lower(port, name);
	if (rc != 0)
		goto fail;
	rte_eth_macaddr_get(port->lower_port_id, &port->lower_mac);
	if (port->cfg.lower_mtu != 0) {
		struct rte_eth_dev_info li;

		/* said here, with the lower port's limits, not as a refused configure later
		 * (ethdev checks the frame too: MTU + 18 within max_rx_pktlen)
		 */
		rc = rte_eth_dev_info_get(port->lower_port_id, &li);
		if (rc == 0) {
			uint32_t max = li.max_mtu;

			if (li.max_rx_pktlen > RTE_ETHER_HDR_LEN + RTE_ETHER_CRC_LEN)
				max = RTE_MIN(max, li.max_rx_pktlen - RTE_ETHER_HDR_LEN -
					  RTE_ETHER_CRC_LEN);
			if (port->cfg.lower_mtu < li.min_mtu || port->cfg.lower_mtu > max) {
				MCM_LOG(ERR, "%s: lower_mtu=%u: %s takes an MTU of %u..%u", name,
					port->cfg.lower_mtu, port->cfg.lower, li.min_mtu, max);
				rc = -EINVAL;
			}
		}
		if (rc != 0)
			goto fail;
	}
	port_mtu_set(port, RTE_ETHER_MTU);
	/* without peer_mac=, broadcast until the peer's first PW frame tells its MAC */
	mcm_build_pw_hdr(port, 0, &port->cfg.peer_mac);
	port->pw_hdr = port->pw_hdrs[0];
	__atomic_store_n(&port->peer_known, port->cfg.peer_mac_given, __ATOMIC_RELAXED);
	rc = mcm_update_max_cells(port);
	if (rc != 0)
		goto fail;
	rc = mcm_lower_probe(port);
	if (rc != 0)
		goto fail;
	rc = mcm_vc_table_init(port);
	if (rc != 0)
		goto fail;
	/* one RCU reader id per rx queue and one per tx queue: they may run on other lcores */
	port->qsbr = rte_zmalloc("mcm_qsbr", rte_rcu_qsbr_get_memsize(2 * MCM_MAX_QUEUES),
				 RTE_CACHE_LINE_SIZE);
	if (port->qsbr == NULL || rte_rcu_qsbr_init(port->qsbr, 2 * MCM_MAX_QUEUES) != 0) {
		rc = -ENOMEM;
		goto fail;
	}
	rc = mcm_cm_init(port);
	if (rc != 0) {
		MCM_LOG(ERR, "%s: cannot set up the call manager: %s", name, rte_strerror(-rc));
		goto fail;
	}
	for (i = 0; i < cfg.npvc; i++) {
		rc = mcm_vc_pvc_add(port, rte_pmd_mcm_vc_vpi(cfg.pvc[i]),
				    rte_pmd_mcm_vc_vci(cfg.pvc[i]), cfg.encap, cfg.pvc_label[i],
				    cfg.pvc_pdu[i]);
		if (rc != 0) {
			MCM_LOG(ERR, "%s: pvc=%u/%u: %s", name, rte_pmd_mcm_vc_vpi(cfg.pvc[i]),
				rte_pmd_mcm_vc_vci(cfg.pvc[i]), rte_strerror(-rc));
			goto fail;
		}
	}
	if (cfg.npvc > 0)
		port->default_vc = cfg.pvc[0];
	if (cfg.hash_count > 0)
		port->hash_bind = (uint64_t)cfg.hash_vc << 32 | cfg.hash_count;
	rc = mcm_ctrl_start(port);
	if (rc != 0) {
		MCM_LOG(ERR, "%s: cannot start the control thread: %s", name, rte_strerror(-rc));
		goto fail;
	}
	dev->data->mac_addrs = rte_zmalloc("mcm_mac", sizeof(struct rte_ether_addr), 0);
	if (dev->data->mac_addrs == NULL) {
		rc = -ENOMEM;
		goto fail;
	}
	rte_ether_addr_copy(&port->lower_mac, dev->data->mac_addrs);
	dev->data->dev_link.link_speed = RTE_ETH_SPEED_NUM_NONE;
	dev->data->dev_link.link_duplex = RTE_ETH_LINK_FULL_DUPLEX;
	dev->data->dev_link.link_autoneg = RTE_ETH_LINK_FIXED;
	/* link status events: the control thread raises them as the lower link changes */
	dev->data->dev_flags |= RTE_ETH_DEV_INTR_LSC;
	dev->data->mtu = port->mtu;
	dev->dev_ops = &mcm_ops;
	dev->rx_pkt_burst = mcm_rx_burst;
	dev->tx_pkt_burst = mcm_tx_burst;
	rte_eth_dev_probing_finish(dev);
	MCM_LOG(INFO, "%s: port %u on %s (port %u), role %s, PW label %u, %u cells a frame, "
		"%u PVCs, signalling %s", name, port->port_id, cfg.lower, port->lower_port_id,
		cfg.role == MCM_ROLE_USER ? "user" : "network", cfg.pw_label, port->max_cells,
		cfg.npvc, cfg.sig ? "on" : "off");
	return 0;
fail:
	mcm_ctrl_stop(port);
	mcm_cm_fini(port);
	mcm_capture_release(port);
	mcm_lower_close(port);
	rte_mempool_free(port->ctrl_pool);
	mcm_vc_table_free(port);
	rte_free(port->qsbr);
	if (port->owns_lower)
		rte_eth_dev_owner_delete(port->owner.id);
	pthread_mutex_destroy(&port->lock);
	rte_eth_dev_release_port(dev);
	return rc;
}

static int
mcm_remove(struct rte_vdev_device *vdev)
{
	struct rte_eth_dev *dev = rte_eth_dev_allocated(rte_vdev_device_name(vdev));

	if (dev == NULL || dev->state == RTE_ETH_DEV_UNUSED)
		return 0;
	/* a secondary releases its own port only: the port's state is the primary's */
	if (rte_eal_process_type() == RTE_PROC_PRIMARY)
		mcm_dev_close(dev);
	return rte_eth_dev_release_port(dev);
}

static struct rte_vdev_driver mcm_vdev_driver = {
	.probe = mcm_probe,
	.remove = mcm_remove,
};

RTE_PMD_REGISTER_VDEV(net_mcm, mcm_vdev_driver);
RTE_PMD_REGISTER_PARAM_STRING(net_mcm, MCM_DEVARGS_PARAM_STRING);

/* What DPDK's pmdinfogen embeds in an in-tree driver, for dpdk-pmdinfo.py: an out-of-tree
 * build does not run it, so the driver carries the string itself (same list of devargs).
 */
__rte_used static const char mcm_pmd_info[] = "PMD_INFO_STRING= {\"name\": \"net_mcm\", "
	"\"params\": \"" MCM_DEVARGS_PARAM_STRING "\", \"pci_ids\": []}";

RTE_INIT(mcm_init_telemetry)
{
	mcm_telemetry_register();
}
