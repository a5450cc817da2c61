/* SPDX-License-Identifier: BSD-3-Clause
 * The lower port's lifecycle and the control thread's I/O on it.
 *
 * With signalling on, the lower port runs from probe to close, whatever the application
 * does with the mcm port, because SSCOP and UNI must keep their link whether or not the
 * application polls (DESIGN.md "Threads"):
 *  - at probe the lower port is configured with one queue pair, the control thread's, and
 *    started (a memif port 300 ms later, unless the application configured it by then);
 *  - dev_configure stops it and configures the application's queues plus one more pair
 *    for the control thread when the lower port has queues to spare (memif, af_packet
 *    with qpairs, most NICs); otherwise, and on a tap (lower_quirks), the control thread
 *    shares queue 0;
 *  - dev_start starts it again; dev_stop leaves it running; close stops it.
 * Receiving: the data path hands PW frames holding control cells (VCI 0..31, OAM) to the
 * control thread through a ring; the control thread polls its own queue, and polls a data
 * queue itself while the application leaves it alone (no burst for MCM_QUEUE_IDLE_NS;
 * no more than the queue's stash can hand back until MCM_QUEUE_LEFT_NS), under the
 * queue's lock, which the data path takes once a burst (never once a packet).
 * How often it polls follows time, not its wake-ups (commands and timers wake it too):
 * every 200 us while signalling moves (a PDU in or out within the last 100 ms: the answer
 * to what was sent, or the next message of a call, comes soon), then every 1 ms, backing off
 * with the length of the quiet spell to 16 ms (an idle port: about 60 wake-ups a second).
 * While calls move (an SD PDU in or out within the last 1 ms) it does not sleep at all but
 * polls in a loop, yielding the CPU between two polls, or, while its CPU is busy with other
 * work (mcm_ctrl.c), polls every 20 us.
 * Sending: on the control thread's own TX queue, or on TX queue 0 under its lock.
 * Everything here runs on the control thread or under port->lock; the lower port's
 * lifecycle calls run on EAL's interrupt thread for the drivers that need it (lower_quirks).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_malloc.h>
#include <rte_pause.h>

#include "mcm_private.h"
#include "mcm_atm_cell.h"

#define MCM_CTRL_POOL_SIZE 2047
#define MCM_CTRL_RX_DESC 512
#define MCM_CTRL_TX_DESC 512
#define MCM_CTRL_BURST 32
#define MS 1000000ull
#define MCM_CTRL_BUSY_NS (100 * MS)     /* signalling moved this recently: poll ... */
#define MCM_CTRL_BUSY_POLL_NS (MS / 5)  /* ... this often */
#define MCM_OAM_LB_NS (5000 * MS)       /* a loopback answered this recently: a ping series */
#define MCM_CTRL_POLL_NS MS             /* frames arrived recently: this often */
#define MCM_CTRL_POLL_MAX_NS (16 * MS)  /* quiet: the spell / 16, up to this */
#define MCM_CTRL_SPIN_NS MS             /* a call message moved this recently: busy-poll, */
#define MCM_CTRL_FAST_POLL_NS (MS / 50) /* or poll this often while it may not */
#define MCM_QUEUE_IDLE_NS (2 * MS)      /* no application burst for this long: queue idle */
#define MCM_QUEUE_LEFT_NS (100 * MS)    /* ... for this long: the application left it */
#define MCM_SIG_BUF_LEN 8192    /* largest signalling PDU reassembled (SSCOP k = 4096) */
#define MCM_CTRL_LINEAR_LEN 16384 /* largest chained PW frame the control thread reads */
#define MCM_CTRL_TX_TRIES 1000  /* tries to hand one frame to a full lower queue */
#define MCM_SIG_HOLD_NS (2000 * MS) /* a signalling PDU held for the lower port, at most */
#define MCM_LOWER_START_DELAY_NS (300 * MS) /* a memif lower port starts this long after probe */

static bool sig_tx_ready(struct mcm_port *port);
static void sig_backlog_flush(struct mcm_port *port);

static int
ctrl_pool_create(struct mcm_port *port)
{
	char name[RTE_MEMPOOL_NAMESIZE];

	snprintf(name, sizeof(name), "mcm_ctrl_%u", port->port_id);
	port->ctrl_pool = rte_mempool_lookup(name);
	if (port->ctrl_pool == NULL)
		port->ctrl_pool = rte_pktmbuf_pool_create(name, MCM_CTRL_POOL_SIZE, 32, 0,
							  RTE_MBUF_DEFAULT_BUF_SIZE,
							  SOCKET_ID_ANY);
	if (port->ctrl_pool == NULL)
		return -ENOMEM;
	port->sig_buf = rte_malloc("mcm_sigbuf", MCM_SIG_BUF_LEN, 0);
	port->ctrl_linear = rte_malloc("mcm_ctrllin", MCM_CTRL_LINEAR_LEN, 0);
	if (port->sig_buf == NULL || port->ctrl_linear == NULL)
		return -ENOMEM;
	return 0;
}

uint32_t
mcm_lower_frame_max(const struct mcm_port *port)
{
	/* Ethernet header and two VLAN tags around the MTU's payload */
	return RTE_ETHER_HDR_LEN + 8 + mcm_lower_mtu(port);
}

/*
 * What some lower ports' drivers need of mcm, by driver name:
 * - ctl_on_intr: the driver runs its control on EAL's interrupt thread without a lock
 *   against the application's calls. net_memif's connection handshake there reads the queues
 *   that a stop or a configure frees, and crashed a test that reconfigured its mcm port while
 *   the memif peer was connecting. With signalling on (mcm then stops, reconfigures and
 *   starts the port by itself, from probe on), configure, queue set-up, start and stats
 *   run on that thread (mcm_intr.c); the close keeps its fences (mcm_dev_close). With
 *   sig=off mcm makes the application's calls as they come, as any memif application does:
 *   run on that thread they made testpmd crash at exit in 4 of 37 runs of
 *   test_secondary.sh (the interrupt thread reading memory rte_eal_cleanup had unmapped),
 *   against none of 28 without. Not for every driver: some wait in their own calls for
 *   their interrupt handler to answer (a VF's mailbox), which cannot run while the thread
 *   runs the call.
 * - start_late: with signalling on, not started at probe but MCM_LOWER_START_DELAY_NS later
 *   by the control thread (mcm_lower_start_due), unless the application configured it by
 *   then (its dev_start then starts it). A memif port started at probe connects to its
 *   peer, and the application's configure, which comes next, disconnects it again; the
 *   peer's memif then unmaps the shared rings on its interrupt thread while its control
 *   thread (or an lcore) may be inside a burst on them, and crashes (test_oam_fault.sh, once
 *   the calls above ran in turn with the handshake, which then completes first more often).
 * - shared_queue: no queue pair of its own for the control thread. A multi-queue tap steers
 *   the frames it receives of a flow to the queue that last sent that flow (the kernel's
 *   automatic queue selection); a PW is one flow, so the signalling the control thread sent
 *   on its queue pulled the peer's data frames onto it, and frames of one PW came on two
 *   queues, out of order (RFC 4385 drops them: rx_pw_out_of_order).
 */
static const struct lower_quirk {
	const char *driver;
	bool ctl_on_intr;
	bool start_late;
	bool shared_queue;
} lower_quirks[] = {
	{ .driver = "net_memif", .ctl_on_intr = true, .start_late = true },
	{ .driver = "net_tap", .shared_queue = true },
};

/* The quirks of @p port's lower driver (NULL: none); lower_ctl_intr and lower_shared_queue
 * set from them.
 */
static const struct lower_quirk *
lower_quirks_get(struct mcm_port *port)
{
	const struct lower_quirk *q = NULL;
	struct rte_eth_dev_info li;
	unsigned int i;

	if (rte_eth_dev_info_get(port->lower_port_id, &li) == 0 && li.driver_name != NULL)
		for (i = 0; i < RTE_DIM(lower_quirks); i++)
			if (strcmp(li.driver_name, lower_quirks[i].driver) == 0)
				q = &lower_quirks[i];
	/* with sig=off the application's calls are made as they come (see above) */
	port->lower_ctl_intr = q != NULL && q->ctl_on_intr && port->cfg.sig;
	port->lower_shared_queue = q != NULL && q->shared_queue;
	return q;
}

/* A call on the lower port, handed to the interrupt thread where lower_ctl_intr says. */
struct lower_call {
	struct mcm_port *port;
	int (*fn)(struct mcm_port *port, void *arg);
	void *arg;
};

static int
lower_call_run(void *arg)
{
	struct lower_call *c = arg;

	return c->fn(c->port, c->arg);
}

static int
lower_call(struct mcm_port *port, int (*fn)(struct mcm_port *port, void *arg), void *arg)
{
	struct lower_call c = { .port = port, .fn = fn, .arg = arg };

	if (!port->lower_ctl_intr)
		return fn(port, arg);
	return mcm_intr_call(lower_call_run, &c);
}

static int
ctrl_queues_setup(struct mcm_port *port)
{
	int rc;

	rc = rte_eth_rx_queue_setup(port->lower_port_id, (uint16_t)port->ctrl_rxq,
				    MCM_CTRL_RX_DESC, SOCKET_ID_ANY, NULL, port->ctrl_pool);
	if (rc == 0)
		rc = rte_eth_tx_queue_setup(port->lower_port_id, (uint16_t)port->ctrl_txq,
					    MCM_CTRL_TX_DESC, SOCKET_ID_ANY, NULL);
	if (rc != 0)
		MCM_LOG(ERR, "port %u: control queues %d/%d on lower port %u: %s", port->port_id,
			port->ctrl_rxq, port->ctrl_txq, port->lower_port_id, rte_strerror(-rc));
	return rc;
}

/*
 * The lower port's configuration: none of its offloads, but link changes by interrupt where
 * it has them, as an application configures a port. A virtio_user port in server mode
 * (re)registers its link interrupt callback on the vhost-user socket at every reconnection
 * and unregisters it at close only when intr_conf.lsc is set: without it, the closed socket
 * stays in EAL's interrupt list and the interrupt thread panics (epoll_ctl: EBADF) at exit.
 */
static void
lower_conf_init(struct mcm_port *port, struct rte_eth_conf *conf)
{
	struct rte_eth_dev_info li;

	memset(conf, 0, sizeof(*conf));
	/* every configure sets the MTU (0: ethdev's 1500): the one lower_mtu= gave */
	conf->rxmode.mtu = port->cfg.lower_mtu;
	if (rte_eth_dev_info_get(port->lower_port_id, &li) == 0 && li.dev_flags != NULL &&
	    (*li.dev_flags & RTE_ETH_DEV_INTR_LSC) != 0)
		conf->intr_conf.lsc = 1;
}

static int
lower_start_do(struct mcm_port *port, void *arg __rte_unused)
{
	int rc;

	if (port->lower_running)
		return 0;
	rc = rte_eth_dev_start(port->lower_port_id);
	if (rc != 0) {
		MCM_LOG(ERR, "port %u: lower port %u did not start: %s", port->port_id,
			port->lower_port_id, rte_strerror(-rc));
		return rc;
	}
	port->lower_running = true;
	return 0;
}

static int
lower_stop_do(struct mcm_port *port, void *arg __rte_unused)
{
	int rc = 0;

	if (port->lower_running)
		rc = rte_eth_dev_stop(port->lower_port_id);
	port->lower_running = false;
	return rc;
}

static int
lower_probe_do(struct mcm_port *port, void *arg __rte_unused)
{
	struct rte_eth_conf conf;
	int rc;

	lower_conf_init(port, &conf);
	rc = rte_eth_dev_configure(port->lower_port_id, 1, 1, &conf);
	if (rc != 0) {
		MCM_LOG(ERR, "port %u: lower port %u refused one queue pair: %s", port->port_id,
			port->lower_port_id, rte_strerror(-rc));
		return rc;
	}
	port->ctrl_rxq = 0;
	port->ctrl_txq = 0;
	rc = ctrl_queues_setup(port);
	if (rc != 0)
		return rc;
	if (port->lower_start_ns != 0)
		return 0;   /* start_late: the control thread starts it */
	return lower_start_do(port, NULL);
}

int
mcm_lower_probe(struct mcm_port *port)
{
	const struct lower_quirk *q;
	int rc;

	port->ctrl_rxq = -1;
	port->ctrl_txq = -1;
	port->sig_moved_ns = 0;
	port->sd_moved_ns = 0;
	port->spin_off_ns = 0;
	port->spin_off_len = 0;
	port->frames_seen_ns = 0;
	q = lower_quirks_get(port);
	if (!port->cfg.sig)
		return 0;
	rc = ctrl_pool_create(port);
	if (rc != 0)
		return rc;
	if (q != NULL && q->start_late)
		port->lower_start_ns = mcm_monotonic_ns() + MCM_LOWER_START_DELAY_NS;
	rc = lower_call(port, lower_probe_do, NULL);
	if (rc != 0)
		port->lower_start_ns = 0;
	return rc;
}

void
mcm_lower_start_due(struct mcm_port *port, uint64_t now)
{
	if (port->lower_start_ns == 0 || now < port->lower_start_ns)
		return;
	port->lower_start_ns = 0;
	mcm_lower_start(port);
}

struct lower_queues {
	uint16_t nrx, ntx;
};

static int
lower_configure_do(struct mcm_port *port, void *arg)
{
	const struct lower_queues *q = arg;
	struct rte_eth_dev_info li;
	struct rte_eth_conf conf;
	uint16_t lrx = q->nrx, ltx = q->ntx;
	int rc;

	lower_stop_do(port, NULL);
	port->ctrl_rxq = -1;
	port->ctrl_txq = -1;
	if (port->cfg.sig && !port->lower_shared_queue) {
		rc = rte_eth_dev_info_get(port->lower_port_id, &li);
		if (rc != 0)
			return rc;
		if (li.max_rx_queues > q->nrx && li.max_tx_queues > q->ntx) {
			port->ctrl_rxq = q->nrx;
			port->ctrl_txq = q->ntx;
			lrx++;
			ltx++;
		}
	}
	lower_conf_init(port, &conf);
	rc = rte_eth_dev_configure(port->lower_port_id, lrx, ltx, &conf);
	if (rc != 0) {
		MCM_LOG(ERR, "port %u: lower port %u refused %u rx / %u tx queues: %s",
			port->port_id, port->lower_port_id, lrx, ltx, rte_strerror(-rc));
		return rc;
	}
	if (port->ctrl_rxq >= 0)
		return ctrl_queues_setup(port);
	return 0;
}

int
mcm_lower_configure(struct mcm_port *port, uint16_t nrx, uint16_t ntx)
{
	struct lower_queues q = { .nrx = nrx, .ntx = ntx };
	int rc;

	port->lower_start_ns = 0;   /* the application's dev_start starts it */
	rc = lower_call(port, lower_configure_do, &q);
	if (rc != 0)
		return rc;
	memset(port->app_polled_ns, 0, sizeof(port->app_polled_ns));
	if (port->cfg.sig && port->ctrl_rxq < 0)
		MCM_LOG(INFO, "port %u: lower port %u %s: signalling shares queue 0",
			port->port_id, port->lower_port_id, port->lower_shared_queue ?
			"steers a flow to the queue that sent it last" :
			"has no queue pair to spare");
	return 0;
}

/* An application queue's lower queue (same number), set up where the others are. */
struct lower_queue_setup {
	bool rx;
	uint16_t qid, nb_desc;
	unsigned int socket;
	struct rte_mempool *mp;
};

static int
lower_queue_setup_do(struct mcm_port *port, void *arg)
{
	const struct lower_queue_setup *q = arg;

	if (q->rx)
		return rte_eth_rx_queue_setup(port->lower_port_id, q->qid, q->nb_desc, q->socket,
					      NULL, q->mp);
	return rte_eth_tx_queue_setup(port->lower_port_id, q->qid, q->nb_desc, q->socket, NULL);
}

int
mcm_lower_rxq_setup(struct mcm_port *port, uint16_t qid, uint16_t nb_desc, unsigned int socket,
		    struct rte_mempool *mp)
{
	struct lower_queue_setup q = {
		.rx = true, .qid = qid, .nb_desc = nb_desc, .socket = socket, .mp = mp,
	};

	return lower_call(port, lower_queue_setup_do, &q);
}

int
mcm_lower_txq_setup(struct mcm_port *port, uint16_t qid, uint16_t nb_desc, unsigned int socket)
{
	struct lower_queue_setup q = {
		.rx = false, .qid = qid, .nb_desc = nb_desc, .socket = socket,
	};

	return lower_call(port, lower_queue_setup_do, &q);
}

int
mcm_lower_start(struct mcm_port *port)
{
	int rc;

	port->lower_start_ns = 0;
	if (port->lower_running)
		return 0;
	rc = lower_call(port, lower_start_do, NULL);
	if (rc != 0)
		return rc;
	/* the control thread may be asleep with no poll to make (the port was stopped): it
	 * polls again from now, and sends what signalling it held meanwhile
	 */
	if (port->ctrl_running)
		mcm_ctrl_wake(port);
	return 0;
}

int
mcm_lower_stop(struct mcm_port *port)
{
	/* signalling keeps the lower port for itself until close */
	if (port->cfg.sig || !port->lower_running)
		return 0;
	return lower_stop_do(port, NULL);
}

static int
lower_stats_do(struct mcm_port *port, void *arg)
{
	return rte_eth_stats_get(port->lower_port_id, arg);
}

/* memif's stats read the queues that its handshake and a reconfiguration change */
int
mcm_lower_stats_get(struct mcm_port *port, struct rte_eth_stats *stats)
{
	return lower_call(port, lower_stats_do, stats);
}

static int
lower_close_do(struct mcm_port *port, void *arg __rte_unused)
{
	return rte_eth_dev_close(port->lower_port_id);
}

/* On the caller's thread, between the fences of mcm_dev_close. */
int
mcm_lower_dev_close(struct mcm_port *port)
{
	return lower_close_do(port, NULL);
}

void
mcm_lower_close(struct mcm_port *port)
{
	port->lower_start_ns = 0;
	lower_stop_do(port, NULL);
	mcm_lower_sig_backlog_free(port);
	rte_free(port->sig_buf);
	port->sig_buf = NULL;
	rte_free(port->ctrl_linear);
	port->ctrl_linear = NULL;
}

uint64_t
mcm_lower_poll_interval_ns(const struct mcm_port *port, uint64_t now)
{
	uint64_t last, quiet;

	/* with signalling off too: OAM cells on queues nobody polls are answered */
	if (!port->lower_running)
		return 0;
	if (mcm_lower_busy_poll(port, now))
		return MCM_CTRL_FAST_POLL_NS;
	if (now - port->sig_moved_ns < MCM_CTRL_BUSY_NS)
		return MCM_CTRL_BUSY_POLL_NS;
	/* someone pings a VC of this port (once a second, as ping does): its next loopback is
	 * answered within a poll of 1 ms, not of up to 16 ms, so that the RTTs it shows are the
	 * path's, not this thread's sleep
	 */
	if (port->oam_lb_seen_ns != 0 && now - port->oam_lb_seen_ns < MCM_OAM_LB_NS)
		return MCM_CTRL_POLL_NS;
	last = RTE_MAX(port->sig_moved_ns, port->frames_seen_ns);
	quiet = now - last;
	return RTE_MIN(RTE_MAX(quiet / 16, MCM_CTRL_POLL_NS), MCM_CTRL_POLL_MAX_NS);
}

bool
mcm_lower_busy_poll(const struct mcm_port *port, uint64_t now)
{
	/* the answer to a call message, or the next call's, comes within a few hundred us: a
	 * poll interval would be most of a set-up's time (doc/bench.md, "Call rate")
	 */
	return port->cfg.sig && port->lower_running && port->sd_moved_ns != 0 &&
	       now - port->sd_moved_ns < MCM_CTRL_SPIN_NS;
}

/* A cell on the signalling VC 0/5: AAL5 reassembly, then the signalling entity. */
static void
sig_cell(struct mcm_port *port, const uint8_t *cell, uint8_t pti)
{
	struct mcm_aal5_reasm *r = &port->sig_reasm;
	enum mcm_aal5_status st;
	uint32_t sdu_len;

	port->cstats.sig_cells_in++;
	if (r->buf == NULL) {
		r->buf = port->sig_buf;
		r->cap = MCM_SIG_BUF_LEN;
		mcm_aal5_reasm_reset(r);
	}
	st = mcm_aal5_reasm_cell(r, cell + MCM_ATM_CELL_HDR_LEN, pti & MCM_ATM_PTI_AUU,
				 &sdu_len);
	if (st == MCM_AAL5_MORE)
		return;
	if (st != MCM_AAL5_DONE) {
		port->cstats.sig_aal5_errors++;
		return;
	}
	port->cstats.sig_pdus_in++;
	port->sig_moved_ns = port->now_ns;
	if (port->sig != NULL)
		mcm_cm_sig_pdu(port, port->sig_buf, sdu_len);
}

/* The control cells of one PW frame (data cells were handled by the data path's code). */
static void
ctrl_frame(struct mcm_port *port, struct rte_mbuf *f)
{
	/* a chained frame (mbufs smaller than the lower port's frames) is made contiguous */
	const uint8_t *p = f->nb_segs == 1 ? rte_pktmbuf_mtod(f, const uint8_t *) :
			   port->ctrl_linear != NULL && f->pkt_len <= MCM_CTRL_LINEAR_LEN ?
			   rte_pktmbuf_read(f, 0, f->pkt_len, port->ctrl_linear) : NULL;
	uint32_t ncells, c;
	int off;

	port->cstats.ctrl_frames++;
	if (p == NULL)
		return;
	off = mcm_pw_frame_cells(port, p, f->pkt_len, &ncells);
	if (off < 0)
		return;
	/* the peer's first PW frame (its SSCOP, from probe on) tells where to send */
	if (!mcm_port_peer_known(port))
		mcm_lower_learn_peer(port, (const struct rte_ether_addr *)(p + 6));
	for (c = 0; c < ncells; c++) {
		const uint8_t *cell = p + off + c * MCM_ATM_CELL_LEN;
		uint32_t w = mcm_atm_cell_hdr_word_get(cell);
		uint16_t vpi = (uint16_t)(w >> 20), vci = (uint16_t)(w >> 4);
		uint8_t pti = (uint8_t)((w >> 1) & 7);

		if (!mcm_atm_pti_is_user(pti) || vci == MCM_ATM_VCI_OAM_F4_SEG ||
		    vci == MCM_ATM_VCI_OAM_F4_E2E)
			mcm_oam_cell_in(port, cell);   /* I.610 F5 and F4 */
		else if (vpi == 0 && vci == MCM_ATM_VCI_SIGNALLING && port->cfg.sig)
			sig_cell(port, cell, pti);
		else if (vci < MCM_ATM_VCI_FIRST_USER)
			port->cstats.other_reserved_cells++;
	}
}

static void
ctrl_frames_done(struct mcm_port *port, struct rte_mbuf **frames, uint16_t n)
{
	uint16_t i;

	if (n > 0)
		port->frames_seen_ns = port->now_ns;
	for (i = 0; i < n; i++)
		if (frames[i] != NULL) {
			ctrl_frame(port, frames[i]);
			rte_pktmbuf_free(frames[i]);
		}
}

void
mcm_lower_handoff_drain(struct mcm_port *port)
{
	struct rte_mbuf *frames[MCM_CTRL_BURST];
	unsigned int n;

	while ((n = rte_ring_dequeue_burst(port->handoff, (void **)frames, RTE_DIM(frames),
					   NULL)) > 0)
		ctrl_frames_done(port, frames, (uint16_t)n);
}

/* Poll a data queue the application leaves alone, with the data path's own code. */
static void
poll_idle_queue(struct mcm_port *port, uint16_t q)
{
	struct mcm_rx_queue *rxq = port->rxq[q];
	struct rte_mbuf *frames[MCM_CTRL_BURST];
	uint64_t polls, idle;
	uint16_t n, want;

	polls = __atomic_load_n(&rxq->polls, __ATOMIC_RELAXED);
	if (polls != port->polls_seen[q]) {
		port->polls_seen[q] = polls;
		port->app_polled_ns[q] = port->now_ns;
		return;
	}
	idle = port->now_ns - port->app_polled_ns[q];
	if (idle < MCM_QUEUE_IDLE_NS)
		return;
	if (!rte_spinlock_trylock(&rxq->lock))
		return;
	/* An lcore the scheduler took off its CPU for a few ms has not stopped polling: take
	 * no more frames than the stash can hand back to it (a frame completes up to max_cells
	 * PDUs) and leave the rest in the lower port's ring, as its own bursts do. Only from a
	 * queue left alone for MCM_QUEUE_LEFT_NS is a full burst taken whatever the stash holds
	 * (the PDUs it cannot keep are dropped, counted as rx_unpolled_drops), so that the
	 * signalling cells among the data keep moving.
	 */
	want = RTE_DIM(frames);
	if (idle < MCM_QUEUE_LEFT_NS)
		want = (uint16_t)RTE_MIN((uint32_t)want,
					 (uint32_t)(rxq->stash_max - rxq->stash_count) /
					 RTE_MAX(port->max_cells, 1u));
	n = want > 0 ? rte_eth_rx_burst(port->lower_port_id, q, frames, want) : 0;
	mcm_rxq_ctrl_frames(rxq, frames, n);
	rte_spinlock_unlock(&rxq->lock);
	ctrl_frames_done(port, frames, n);
}

/*
 * Send to @p mac from now on: a new header in the buffer no burst reads, then swapped in
 * whole (a burst reading the old one finishes with it).
 */
void
mcm_lower_learn_peer(struct mcm_port *port, const struct rte_ether_addr *mac)
{
	unsigned int idx = port->pw_hdr == port->pw_hdrs[0] ? 1 : 0;
	char buf[RTE_ETHER_ADDR_FMT_SIZE];

	/* a frame of our own echoed back (a bridge, a tap) is not the peer */
	if (mcm_port_peer_known(port) || rte_is_same_ether_addr(mac, &port->lower_mac) ||
	    !rte_is_unicast_ether_addr(mac))
		return;
	mcm_vc_synchronize(port);       /* nobody still reads the buffer about to change */
	mcm_build_pw_hdr(port, idx, mac);
	__atomic_store_n(&port->pw_hdr, port->pw_hdrs[idx], __ATOMIC_RELEASE);
	__atomic_store_n(&port->peer_known, true, __ATOMIC_RELAXED);
	rte_ether_format_addr(buf, sizeof(buf), mac);
	MCM_LOG(INFO, "port %u: peer MAC %s learned from its PW frames", port->port_id, buf);
}

void
mcm_lower_learn_from_queues(struct mcm_port *port)
{
	uint16_t q;

	for (q = 0; q < port->nb_rxq && !mcm_port_peer_known(port); q++)
		if (port->rxq[q] != NULL &&
		    __atomic_load_n(&port->rxq[q]->peer_heard, __ATOMIC_ACQUIRE)) {
			mcm_lower_learn_peer(port, &port->rxq[q]->peer_src);
			/* not the peer (our own frame echoed): let the queue note the next */
			if (!mcm_port_peer_known(port))
				__atomic_store_n(&port->rxq[q]->peer_heard, 0, __ATOMIC_RELEASE);
		}
}

void
mcm_lower_poll(struct mcm_port *port)
{
	struct rte_mbuf *frames[MCM_CTRL_BURST];
	uint16_t q, n;

	if (!port->lower_running)
		return;
	if (port->sig_backlog.n > 0 && sig_tx_ready(port))
		sig_backlog_flush(port);
	if (port->ctrl_rxq >= 0) {
		struct mcm_rx_queue *rxq0 = port->nb_rxq > 0 ? port->rxq[0] : NULL;

		/* the queue is the control thread's own: queue 0's lock is taken only when
		 * there is something to hand through its reassembly (data cells found here)
		 */
		n = rte_eth_rx_burst(port->lower_port_id, (uint16_t)port->ctrl_rxq, frames,
				     RTE_DIM(frames));
		if (n > 0 && rxq0 != NULL) {
			rte_spinlock_lock(&rxq0->lock);
			mcm_rxq_ctrl_frames(rxq0, frames, n);
			rte_spinlock_unlock(&rxq0->lock);
		}
		ctrl_frames_done(port, frames, n);
	}
	for (q = 0; q < port->nb_rxq && q < MCM_MAX_QUEUES; q++)
		if (port->rxq[q] != NULL)
			poll_idle_queue(port, q);
}

/* Hand frames to the lower port, waiting a little for room; @return how many it took. */
static uint16_t
ctrl_tx(struct mcm_port *port, uint16_t qid, struct rte_mbuf **frames, uint16_t n)
{
	uint16_t sent = 0;
	unsigned int tries = 0;

	while (sent < n && tries++ < MCM_CTRL_TX_TRIES) {
		sent += rte_eth_tx_burst(port->lower_port_id, qid, frames + sent, n - sent);
		if (sent < n)
			rte_pause();
	}
	return sent;
}

/* A PW frame of the control thread's from @p pool: the PW header and a zero control word
 * (RFC 4385: flags, length and sequence 0, "not used"), cells to follow; NULL if none.
 */
static struct rte_mbuf *
ctrl_frame_open(struct mcm_port *port, struct rte_mempool *pool)
{
	struct rte_mbuf *f = pool != NULL ? rte_pktmbuf_alloc(pool) : NULL;
	uint8_t *p;

	if (f == NULL)
		return NULL;
	p = rte_pktmbuf_mtod(f, uint8_t *);
	memcpy(p, __atomic_load_n(&port->pw_hdr, __ATOMIC_ACQUIRE), port->pw_hdr_len);
	memset(p + port->pw_hdr_len, 0, MCM_CW_LEN);
	return f;
}

/* Send the control thread's @p n frames on its own TX queue, or on queue 0 under its lock;
 * @return how many the lower port took (the caller frees the rest)
 */
static uint16_t
ctrl_send(struct mcm_port *port, struct rte_mbuf **frames, uint16_t n)
{
	struct mcm_tx_queue *shared;
	uint16_t sent;

	if (port->ctrl_txq >= 0)
		return ctrl_tx(port, (uint16_t)port->ctrl_txq, frames, n);
	shared = port->txq[0];
	rte_spinlock_lock(&shared->lock);
	sent = ctrl_tx(port, 0, frames, n);
	rte_spinlock_unlock(&shared->lock);
	return sent;
}

/* Can a signalling frame go out now: the lower port started, its link up, a queue to send
 * on (the shared queue 0 exists once the application configured the port).
 */
static bool
sig_tx_ready(struct mcm_port *port)
{
	struct rte_eth_link link;

	if (!port->lower_running || (port->ctrl_txq < 0 && (port->nb_txq == 0 ||
							   port->txq[0] == NULL)))
		return false;
	return rte_eth_link_get_nowait(port->lower_port_id, &link) == 0 &&
	       link.link_status == RTE_ETH_LINK_UP;
}

/* Send one signalling PDU (all its PW frames in one burst: a PDU of MCM_SIG_BUF_LEN takes
 * far fewer than MCM_CTRL_BURST frames). @return false if the lower port took none of it,
 * so it can be held and sent again whole; a PDU cut short is dropped (SSCOP recovers it).
 */
static bool
sig_send_now(struct mcm_port *port, uint16_t vpi, uint16_t vci, const uint8_t *sdu,
	     size_t len)
{
	struct mcm_iov iov = { .base = sdu, .len = len };
	struct rte_mbuf *frames[MCM_CTRL_BURST];
	struct mcm_aal5_seg seg;
	uint16_t n = 0, sent;
	uint32_t cells;

	if (mcm_aal5_seg_init(&seg, &iov, 1, mcm_atm_cell_hdr_word(vpi, vci, 0, 0), 0, 0) != 0) {
		port->cstats.sig_tx_drops++;
		return true;
	}
	cells = seg.cells_left;
	while (seg.cells_left > 0) {
		struct rte_mbuf *f = n < RTE_DIM(frames) ?
				     ctrl_frame_open(port, port->ctrl_pool) : NULL;
		uint32_t k;

		if (f == NULL) {
			rte_pktmbuf_free_bulk(frames, n);
			port->cstats.sig_tx_drops++;
			return true;
		}
		k = mcm_aal5_seg_emit(&seg, rte_pktmbuf_mtod_offset(f, uint8_t *, port->pw_hdr_len +
								    MCM_CW_LEN), port->max_cells);
		f->data_len = (uint16_t)(port->pw_hdr_len + MCM_CW_LEN + k * MCM_ATM_CELL_LEN);
		f->pkt_len = f->data_len;
		frames[n++] = f;
	}
	sent = ctrl_send(port, frames, n);
	rte_pktmbuf_free_bulk(frames + sent, n - sent);
	if (sent == 0)
		return false;
	if (sent < n) {
		port->cstats.sig_tx_drops++;
		return true;
	}
	port->cstats.sig_cells_out += cells;
	port->cstats.sig_pdus_out++;
	return true;
}

/* Send what waited for the lower port, oldest first; what waited too long is dropped (SSCOP
 * has retransmitted it by then).
 */
static void
sig_backlog_flush(struct mcm_port *port)
{
	struct mcm_sig_backlog *b = &port->sig_backlog;

	while (b->n > 0) {
		struct mcm_sig_held *h = b->pdu[b->head];

		if (port->now_ns - h->at_ns > MCM_SIG_HOLD_NS)
			port->cstats.sig_tx_drops++;
		else if (!sig_send_now(port, h->vpi, h->vci, h->sdu, h->len))
			return;   /* the lower port takes nothing yet: keep the order */
		free(h);
		b->head = (b->head + 1) % RTE_DIM(b->pdu);
		b->n--;
	}
}

void
mcm_lower_sig_backlog_free(struct mcm_port *port)
{
	struct mcm_sig_backlog *b = &port->sig_backlog;

	for (; b->n > 0; b->n--, b->head = (b->head + 1) % RTE_DIM(b->pdu))
		free(b->pdu[b->head]);
}

int
mcm_lower_send_cell(struct mcm_port *port, uint32_t hdr_word, const uint8_t *payload)
{
	struct rte_mbuf *f;
	uint8_t *p;

	if (!sig_tx_ready(port))
		return -EAGAIN;
	/* with signalling off the port has no pool of its own: sig_tx_ready() saw queue 0 */
	f = ctrl_frame_open(port, port->ctrl_pool != NULL ? port->ctrl_pool : port->txq[0]->pool);
	if (f == NULL)
		return -EAGAIN;
	p = rte_pktmbuf_mtod_offset(f, uint8_t *, port->pw_hdr_len + MCM_CW_LEN);
	mcm_atm_cell_hdr_put(p, hdr_word);
	memcpy(p + MCM_ATM_CELL_HDR_LEN, payload, MCM_ATM_CELL_PAYLOAD);
	f->data_len = (uint16_t)(port->pw_hdr_len + MCM_CW_LEN + MCM_ATM_CELL_LEN);
	f->pkt_len = f->data_len;
	if (ctrl_send(port, &f, 1) == 0) {
		rte_pktmbuf_free(f);
		return -EAGAIN;
	}
	return 0;
}

int
mcm_lower_send_sdu(struct mcm_port *port, uint16_t vpi, uint16_t vci, const uint8_t *sdu,
		   size_t len)
{
	struct mcm_sig_backlog *b = &port->sig_backlog;
	struct mcm_sig_held *h;

	port->sig_moved_ns = port->now_ns;
	if (sig_tx_ready(port)) {
		sig_backlog_flush(port);
		if (b->n == 0 && sig_send_now(port, vpi, vci, sdu, len))
			return 0;
	}
	/* The lower port is being reconfigured (dev_configure to dev_start), its link is down
	 * for a moment, or it takes nothing yet (a memif peer still connecting): hold the PDU
	 * rather than lose it and wait for SSCOP's Timer_POLL to find out.
	 */
	if (b->n == RTE_DIM(b->pdu)) {
		free(b->pdu[b->head]);
		b->head = (b->head + 1) % RTE_DIM(b->pdu);
		b->n--;
		port->cstats.sig_tx_drops++;
	}
	h = malloc(sizeof(*h) + len);
	if (h == NULL) {
		port->cstats.sig_tx_drops++;
		return -ENOMEM;
	}
	h->at_ns = port->now_ns;
	h->vpi = vpi;
	h->vci = vci;
	h->len = len;
	memcpy(h->sdu, sdu, len);
	b->pdu[(b->head + b->n) % RTE_DIM(b->pdu)] = h;
	b->n++;
	port->cstats.sig_held++;
	return 0;
}
