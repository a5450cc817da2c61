/* SPDX-License-Identifier: BSD-3-Clause
 * Several TX queues, one wire (issue 8): port A has two application queues on a lower port
 * whose every TX queue is a ring of its own, as a NIC's are; this test is the NIC's
 * scheduler and the wire, taking ONE frame from each lower TX ring in turn onto the one ring
 * port B (one queue pair) receives from. A 1,500-byte frame is 32 cells and a PW frame holds
 * 28 at this MTU, so a PDU spans two PW frames: if two queues sent PDUs of one VC on two
 * lower queues, their frames would alternate on the wire and the far end would reassemble
 * cells of two PDUs into one (AAL5 CRC error, both frames lost).
 *  - one PDU on queue 0, one on queue 1, same VC, turn by turn: every frame arrives whole,
 *    no AAL5 error, each queue's packets counted on that queue
 *  - all of one VC's frames leave on one lower queue, and two VCs use both
 *  - the lower queue full: every frame the port took arrives once the wire moves, with no
 *    further burst from the application
 *  - two lcores sending at once on their own queues, random sizes, two VCs: every frame
 *    whole and in order per sender and VC; the mempool back to its baseline
 *  - a VC's counters are the sum of the queues' (queue 0's live in the VC's slot line, the
 *    others' apart): a queue set up again starts from zero and leaves the others' alone; an
 *    RX queue 0 set up again with a PDU half received forgets it (no stale reassembly)
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <rte_bus_vdev.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "mcm_check.h"
#include "mcm_test.h"
#include "rte_pmd_mcm.h"

#define LOWER_QUEUES 3            /* the application's two and the control thread's */
#define RING_SIZE 1024
#define NVC 2
#define PER_SENDER 20000          /* frames each lcore sends in the concurrent phase */
#define BURST 32

static struct rte_mempool *mp;
static struct rte_ring *a_tx[LOWER_QUEUES];  /* A's lower TX queues */
static struct rte_ring *a_rx[LOWER_QUEUES];
static struct rte_ring *wire;                /* what B's lower port receives */
static struct rte_ring *b_tx;
static uint16_t pa, pb, low_a, low_b;
static rte_pmd_mcm_vc_t vcs[NVC];           /* 0/100 and 0/101 */
static uint64_t wire_frames[LOWER_QUEUES];   /* frames taken from each lower TX queue */

/* The NIC: one frame from each lower TX queue in turn onto the wire. @return frames moved */
static unsigned int
wire_step(void)
{
	unsigned int q, moved = 0;

	for (q = 0; q < LOWER_QUEUES; q++) {
		void *f;

		if (rte_ring_free_count(wire) == 0)
			break;
		if (rte_ring_dequeue(a_tx[q], &f) != 0)
			continue;
		if (rte_ring_enqueue(wire, f) != 0) {
			rte_pktmbuf_free(f);
			CHECK(0, "wire full");
			continue;
		}
		wire_frames[q]++;
		moved++;
	}
	return moved;
}

/* What B delivers while frames still cross the wire. */
struct rx_result {
	unsigned int got, bad, wrong_vc, order;
	uint32_t next[2][NVC];        /* next counter expected per sender and VC */
};

static unsigned int
rx_step(struct rx_result *res)
{
	struct rte_mbuf *b[BURST];
	uint16_t r = rte_eth_rx_burst(pb, 0, b, BURST), i;

	for (i = 0; i < r; i++) {
		rte_pmd_mcm_vc_t vc;
		uint32_t seq, sender, v, ctr;

		res->got++;
		if (!test_frame_ok(b[i], &seq)) {
			res->bad++;
		} else {
			sender = (seq >> 28) & 1;
			v = (seq >> 24) & 0xf;
			ctr = seq & 0xffffff;
			if (v >= NVC || rte_pmd_mcm_mbuf_get_vc(b[i], &vc) != 0 || vc != vcs[v]) {
				res->wrong_vc++;
			} else {
				if (ctr != res->next[sender][v])
					res->order++;
				res->next[sender][v] = ctr + 1;
			}
		}
		rte_pktmbuf_free(b[i]);
	}
	return r;
}

/* Move and receive until nothing moves for a while. */
static void
drain(struct rx_result *res)
{
	unsigned int idle = 0;

	while (idle < 200) {
		unsigned int n = wire_step();

		n += rx_step(res);
		idle = n > 0 ? 0 : idle + 1;
		if (n == 0)
			rte_delay_us(20);
	}
}

static struct rte_mbuf *
frame(uint32_t sender, uint32_t v, uint32_t ctr, uint32_t len)
{
	struct rte_mbuf *m = test_frame_make(mp, len, sender << 28 | v << 24 | ctr, NULL);

	if (m != NULL)
		rte_pmd_mcm_mbuf_set_vc(m, vcs[v]);
	return m;
}

static uint64_t
vc_crc_errors(uint16_t port)
{
	struct rte_pmd_mcm_vc_stats st;
	uint64_t sum = 0;
	unsigned int v;

	for (v = 0; v < NVC; v++)
		if (rte_pmd_mcm_vc_stats_get(port, rte_pmd_mcm_vc_vpi(vcs[v]),
					     rte_pmd_mcm_vc_vci(vcs[v]), &st) == 0)
			sum += st.rx_crc_errors + st.rx_len_errors;
	return sum;
}

/* 1. Queue 0 and queue 1 in turn, one 1,500-byte frame each, on one VC. */
static void
test_turns(void)
{
	struct rx_result res;
	struct rte_eth_stats st;
	unsigned int i, q, sent[2] = { 0, 0 }, used = 0;
	uint64_t frames0[LOWER_QUEUES];

	printf("queues 0 and 1 in turn on VC 0/100, 1,500-byte frames\n");
	memset(&res, 0, sizeof(res));
	memcpy(frames0, wire_frames, sizeof(frames0));
	rte_eth_stats_reset(pa);
	for (i = 0; i < 200; i++) {
		for (q = 0; q < 2; q++) {
			struct rte_mbuf *m = frame(q, 0, sent[q], 1500);

			if (m == NULL || rte_eth_tx_burst(pa, (uint16_t)q, &m, 1) != 1) {
				rte_pktmbuf_free(m);
				continue;
			}
			sent[q]++;
		}
		/* the NIC runs between the application's bursts: one frame a queue a turn */
		wire_step();
		rx_step(&res);
	}
	drain(&res);
	CHECK(sent[0] == 200 && sent[1] == 200, "sent %u and %u of 200", sent[0], sent[1]);
	CHECK(res.got == 400, "received %u of 400", res.got);
	CHECK(res.bad == 0 && res.wrong_vc == 0 && res.order == 0,
	      "%u corrupted, %u on the wrong VC, %u out of order", res.bad, res.wrong_vc,
	      res.order);
	CHECK(vc_crc_errors(pb) == 0, "AAL5 CRC or length errors at the far end: %" PRIu64,
	      vc_crc_errors(pb));
	for (q = 0; q < LOWER_QUEUES; q++)
		used += wire_frames[q] > frames0[q];
	CHECK(used == 1, "one VC's frames left on %u lower queues, not one", used);
	CHECK(rte_eth_stats_get(pa, &st) == 0 && st.q_opackets[0] == 200 &&
	      st.q_opackets[1] == 200 && st.opackets == 400,
	      "each queue counts what it was given: %" PRIu64 " + %" PRIu64 " = %" PRIu64,
	      st.q_opackets[0], st.q_opackets[1], st.opackets);
}

/* 2. Two VCs from one queue: their owners are two different lower queues. */
static void
test_spread(void)
{
	struct rx_result res;
	uint64_t frames0[LOWER_QUEUES];
	unsigned int i, used = 0, sent = 0, q;

	printf("two VCs sent from queue 0\n");
	memset(&res, 0, sizeof(res));
	memcpy(frames0, wire_frames, sizeof(frames0));
	for (i = 0; i < 100; i++) {
		struct rte_mbuf *m = frame(0, i % NVC, i / NVC, 1000);

		if (m != NULL && rte_eth_tx_burst(pa, 0, &m, 1) == 1)
			sent++;
		else
			rte_pktmbuf_free(m);
		wire_step();
		rx_step(&res);
	}
	drain(&res);
	CHECK(sent == 100 && res.got == 100 && res.bad == 0 && res.order == 0,
	      "sent %u, received %u, %u corrupted, %u out of order", sent, res.got, res.bad,
	      res.order);
	for (q = 0; q < LOWER_QUEUES; q++)
		used += wire_frames[q] > frames0[q];
	CHECK(used == 2, "two VCs' frames left on %u lower queues, not two", used);
}

/* 2b. The lower queue full: what the port took waits, and leaves once the wire moves
 * again even if the application sends nothing more (the control thread sends it).
 */
static void
test_backlog(void)
{
	struct rx_result res;
	unsigned int sent = 0, tries = 0;
	uint64_t t0;

	printf("the lower queue full, then the application stops sending\n");
	memset(&res, 0, sizeof(res));
	while (tries < 3) {
		struct rte_mbuf *m = frame(1, 0, sent, 1500);

		if (m != NULL && rte_eth_tx_burst(pa, 1, &m, 1) == 1) {
			sent++;
			tries = 0;
		} else {
			rte_pktmbuf_free(m);
			tries++;
		}
	}
	CHECK(sent > RING_SIZE / 2, "only %u frames taken before the port pushed back", sent);
	t0 = rte_get_timer_cycles();
	while (res.got < sent && rte_get_timer_cycles() - t0 < 2 * rte_get_timer_hz()) {
		if (wire_step() + rx_step(&res) == 0)
			rte_delay_us(100);
	}
	CHECK(res.got == sent && res.bad == 0 && res.order == 0,
	      "%u of %u taken frames arrived, %u corrupted, %u out of order", res.got, sent,
	      res.bad, res.order);
}

/* 3. Two lcores at once, each on its own queue, both VCs, random sizes. */
static unsigned int senders_done;

static int
sender_main(void *arg)
{
	uint32_t sender = (uint32_t)(uintptr_t)arg, ctr[NVC] = { 0 };
	uint64_t rng = 0x9e3779b97f4a7c15ULL * (sender + 1);
	unsigned int done = 0;

	while (done < PER_SENDER) {
		struct rte_mbuf *b[8];
		uint16_t k, n, i;

		for (k = 0; k < RTE_DIM(b) && done + k < PER_SENDER; k++) {
			uint32_t v, len;

			rng ^= rng << 13;
			rng ^= rng >> 7;
			rng ^= rng << 17;
			v = (uint32_t)(rng % NVC);
			len = 60 + (uint32_t)((rng >> 8) % (1514 - 60 + 1));
			b[k] = frame(sender, v, ctr[v]++, len);
			if (b[k] == NULL) {
				ctr[v]--;
				break;
			}
		}
		n = k > 0 ? rte_eth_tx_burst(pa, (uint16_t)sender, b, k) : 0;
		for (i = n; i < k; i++) {
			/* not taken: its number goes again, so the receiver's order holds */
			uint32_t seq;

			memcpy(&seq, rte_pktmbuf_mtod(b[i], uint8_t *) + 14, 4);
			ctr[(seq >> 24) & 0xf]--;
			rte_pktmbuf_free(b[i]);
		}
		done += n;
		if (n < k)
			rte_pause();
	}
	__atomic_add_fetch(&senders_done, 1, __ATOMIC_RELEASE);
	return 0;
}

static void
test_concurrent(void)
{
	unsigned int lc[2], s, idle = 0;
	struct rx_result res;
	uint64_t t0 = rte_get_timer_cycles();
	uint64_t errors0 = vc_crc_errors(pb);

	printf("two lcores sending at once, each on its own queue\n");
	memset(&res, 0, sizeof(res));
	lc[0] = rte_get_next_lcore(-1, 1, 0);
	lc[1] = rte_get_next_lcore(lc[0], 1, 0);
	if (lc[0] >= RTE_MAX_LCORE || lc[1] >= RTE_MAX_LCORE) {
		CHECK(0, "two worker lcores needed");
		return;
	}
	__atomic_store_n(&senders_done, 0, __ATOMIC_RELEASE);
	for (s = 0; s < 2; s++)
		CHECK(rte_eal_remote_launch(sender_main, (void *)(uintptr_t)s, lc[s]) == 0,
		      "launch sender %u", s);
	/* the wire moves for as long as a sender may still need room, however slowly it runs
	 * (sanitizers, a loaded machine)
	 */
	while (res.got < 2 * PER_SENDER &&
	       (__atomic_load_n(&senders_done, __ATOMIC_ACQUIRE) < 2 || idle < 20000)) {
		unsigned int n = wire_step();

		n += rx_step(&res);
		idle = n > 0 ? 0 : idle + 1;
		if (n == 0)
			rte_delay_us(10);
	}
	for (s = 0; s < 2; s++)
		rte_eal_wait_lcore(lc[s]);
	drain(&res);
	printf("  %u frames received in %" PRIu64 " ms\n", res.got,
	       (rte_get_timer_cycles() - t0) * 1000 / rte_get_timer_hz());
	CHECK(res.got == 2 * PER_SENDER, "received %u of %u", res.got, 2 * PER_SENDER);
	CHECK(res.bad == 0 && res.wrong_vc == 0 && res.order == 0,
	      "%u corrupted, %u on the wrong VC, %u out of order", res.bad, res.wrong_vc,
	      res.order);
	CHECK(vc_crc_errors(pb) == errors0, "AAL5 CRC or length errors at the far end: %" PRIu64,
	      vc_crc_errors(pb) - errors0);
}

/* Port A: LOWER_QUEUES queue pairs, each TX queue a ring of its own; port B: one pair. */
static int
make_ports(void)
{
	char name[RTE_ETH_NAME_MAX_LEN], rn[32], args[128];
	unsigned int q;
	int lower;

	for (q = 0; q < LOWER_QUEUES; q++) {
		snprintf(rn, sizeof(rn), "mq_a_tx%u", q);
		a_tx[q] = rte_ring_create(rn, RING_SIZE, (int)rte_socket_id(),
					  RING_F_SP_ENQ | RING_F_SC_DEQ);
		snprintf(rn, sizeof(rn), "mq_a_rx%u", q);
		a_rx[q] = rte_ring_create(rn, RING_SIZE, (int)rte_socket_id(),
					  RING_F_SP_ENQ | RING_F_SC_DEQ);
		if (a_tx[q] == NULL || a_rx[q] == NULL)
			return -1;
	}
	wire = rte_ring_create("mq_wire", RING_SIZE, (int)rte_socket_id(),
			       RING_F_SP_ENQ | RING_F_SC_DEQ);
	b_tx = rte_ring_create("mq_b_tx", RING_SIZE, (int)rte_socket_id(),
			       RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (wire == NULL || b_tx == NULL)
		return -1;
	lower = rte_eth_from_rings("mq_a", a_rx, LOWER_QUEUES, a_tx, LOWER_QUEUES,
				   rte_socket_id());
	if (lower < 0 || rte_eth_dev_get_name_by_port((uint16_t)lower, name) != 0)
		return -1;
	low_a = (uint16_t)lower;
	snprintf(args, sizeof(args), "lower=%s,sig=off,pvc=[0/100,0/101]", name);
	if (rte_vdev_init("net_mcm0", args) != 0 ||
	    rte_eth_dev_get_port_by_name("net_mcm0", &pa) != 0)
		return -1;
	lower = rte_eth_from_rings("mq_b", &wire, 1, &b_tx, 1, rte_socket_id());
	if (lower < 0 || rte_eth_dev_get_name_by_port((uint16_t)lower, name) != 0)
		return -1;
	low_b = (uint16_t)lower;
	snprintf(args, sizeof(args), "lower=%s,sig=off,pvc=[0/100,0/101]", name);
	if (rte_vdev_init("net_mcm1", args) != 0 ||
	    rte_eth_dev_get_port_by_name("net_mcm1", &pb) != 0)
		return -1;
	return test_port_up(pa, 2, mp) == 0 && test_port_up(pb, 1, mp) == 0 ? 0 : -1;
}

/* VC 0/100's counters on @p port. */
static struct rte_pmd_mcm_vc_stats
vc0_stats(uint16_t port)
{
	struct rte_pmd_mcm_vc_stats st;

	memset(&st, 0xff, sizeof(st));
	CHECK(rte_pmd_mcm_vc_stats_get(port, 0, 100, &st) == 0, "vc stats of 0/100 on port %u",
	      port);
	return st;
}

/* @p n 1,000-byte frames on VC 0/100 from A's queue @p q. @return how many A took */
static unsigned int
send_vc0(uint16_t q, unsigned int n)
{
	unsigned int i, sent = 0;

	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = frame(q, 0, i, 1000);

		if (m != NULL && rte_eth_tx_burst(pa, q, &m, 1) == 1)
			sent++;
		else
			rte_pktmbuf_free(m);
	}
	return sent;
}

/* Port @p port stopped, its queue @p q (RX if @p rx) set up again, started. */
static int
queue_again(uint16_t port, uint16_t q, bool rx)
{
	int rc = rte_eth_dev_stop(port);

	if (rc == 0)
		rc = rx ? rte_eth_rx_queue_setup(port, q, 512, rte_socket_id(), NULL, mp) :
			  rte_eth_tx_queue_setup(port, q, 512, rte_socket_id(), NULL);
	if (rc == 0)
		rc = rte_eth_dev_start(port);
	return rc;
}

/* 5. Per-VC counters by queue, and queues set up again. */
static void
test_queue_again(void)
{
	struct rte_pmd_mcm_vc_stats a0, a1, b0, b1;
	struct rx_result res;
	unsigned int q, sent;
	void *f = NULL;

	printf("per-VC counters of two queues; queues set up again\n");
	memset(&res, 0, sizeof(res));
	drain(&res);
	/* TX queue 0 afresh: VC 0/100's TX counters are then queue 1's alone */
	CHECK(queue_again(pa, 0, false) == 0, "A: TX queue 0 set up again");
	a0 = vc0_stats(pa);
	b0 = vc0_stats(pb);
	sent = send_vc0(0, 7) + send_vc0(1, 5);
	drain(&res);
	a1 = vc0_stats(pa);
	b1 = vc0_stats(pb);
	CHECK(sent == 12 && res.got == 12 && res.bad == 0, "sent %u of 12, received %u, %u bad",
	      sent, res.got, res.bad);
	CHECK(a1.tx_pdus - a0.tx_pdus == 12 && b1.rx_pdus - b0.rx_pdus == 12,
	      "VC 0/100 counts the PDUs of both queues: sent %" PRIu64 ", received %" PRIu64
	      " of 12", a1.tx_pdus - a0.tx_pdus, b1.rx_pdus - b0.rx_pdus);
	CHECK(a1.tx_cells - a0.tx_cells == b1.rx_cells - b0.rx_cells &&
	      a1.tx_cells - a0.tx_cells == 12 * 22 &&
	      a1.tx_bytes - a0.tx_bytes == b1.rx_bytes - b0.rx_bytes,
	      "cells %" PRIu64 " sent, %" PRIu64 " received (12 x 22); bytes %" PRIu64
	      " and %" PRIu64, a1.tx_cells - a0.tx_cells, b1.rx_cells - b0.rx_cells,
	      a1.tx_bytes - a0.tx_bytes, b1.rx_bytes - b0.rx_bytes);
	/* queue 0 set up again: its 7 go, queue 1's 5 stay */
	CHECK(queue_again(pa, 0, false) == 0, "A: TX queue 0 set up again");
	a1 = vc0_stats(pa);
	CHECK(a1.tx_pdus - a0.tx_pdus == 5, "VC 0/100 after queue 0's set-up: %" PRIu64
	      " PDUs more than before, queue 1's 5", a1.tx_pdus - a0.tx_pdus);
	/* B: a 1,500-byte PDU (two PW frames) half received, its second frame lost */
	sent = 0;
	{
		struct rte_mbuf *m = frame(0, 0, 0, 1500);

		if (m != NULL && rte_eth_tx_burst(pa, 0, &m, 1) == 1)
			sent = 1;
		else
			rte_pktmbuf_free(m);
	}
	wire_step();
	rx_step(&res);
	for (q = 0; q < LOWER_QUEUES; q++)
		while (rte_ring_dequeue(a_tx[q], &f) == 0)
			rte_pktmbuf_free(f);
	CHECK(sent == 1 && queue_again(pb, 0, true) == 0, "B: RX queue 0 set up again");
	b0 = vc0_stats(pb);
	CHECK(b0.rx_pdus == 0 && b0.rx_cells == 0 && b0.rx_bytes == 0 && b0.rx_len_errors == 0,
	      "B's VC 0/100 counters start again: %" PRIu64 " PDUs, %" PRIu64 " cells",
	      b0.rx_pdus, b0.rx_cells);
	memset(&res, 0, sizeof(res));
	sent = send_vc0(0, 10);
	drain(&res);
	b1 = vc0_stats(pb);
	CHECK(sent == 10 && res.got == 10 && res.bad == 0 && b1.rx_pdus == 10 &&
	      b1.rx_len_errors == 0 && b1.rx_crc_errors == 0,
	      "after B's set-up: sent %u, received %u (%u bad), %" PRIu64 " PDUs counted, %"
	      PRIu64 " length and %" PRIu64 " CRC errors", sent, res.got, res.bad, b1.rx_pdus,
	      b1.rx_len_errors, b1.rx_crc_errors);
}

static void
free_ring(struct rte_ring *r)
{
	void *m;

	while (r != NULL && rte_ring_dequeue(r, &m) == 0)
		rte_pktmbuf_free(m);
	rte_ring_free(r);
}

int
main(int argc, char **argv)
{
	char prefix[64];
	char *eal[] = { argv[0], "--lcores", "0@0,1@1,2@0", "--no-huge", "-m", "512",
			"--no-pci", "--file-prefix", prefix, "--log-level", "pmd.net.mcm:warning",
			NULL };
	struct rx_result res;
	unsigned int baseline, in_use, q;

	RTE_SET_USED(argc);
	setvbuf(stdout, NULL, _IOLBF, 0);
	snprintf(prefix, sizeof(prefix), "mcm-mq-%d", getpid());
	if (rte_eal_init((int)RTE_DIM(eal) - 1, eal) < 0) {
		printf("FAIL: rte_eal_init\n");
		return 1;
	}
	vcs[0] = rte_pmd_mcm_vc(0, 100);
	vcs[1] = rte_pmd_mcm_vc(0, 101);
	mp = rte_pktmbuf_pool_create("mq_pool", 8191, 256, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				     rte_socket_id());
	if (mp == NULL || make_ports() != 0) {
		printf("FAIL: ports\n");
		return test_summary() | 1;
	}
	memset(&res, 0, sizeof(res));
	drain(&res);
	baseline = rte_mempool_in_use_count(mp);
	test_turns();
	test_spread();
	test_backlog();
	test_concurrent();
	test_queue_again();
	memset(&res, 0, sizeof(res));
	drain(&res);
	in_use = rte_mempool_in_use_count(mp);
	CHECK(in_use == baseline, "mempool in use %u after the traffic, baseline %u", in_use,
	      baseline);
	CHECK(rte_eth_dev_stop(pa) == 0 && rte_eth_dev_close(pa) == 0 &&
	      rte_eth_dev_stop(pb) == 0 && rte_eth_dev_close(pb) == 0, "close");
	for (q = 0; q < LOWER_QUEUES; q++) {
		free_ring(a_tx[q]);
		free_ring(a_rx[q]);
	}
	free_ring(wire);
	free_ring(b_tx);
	in_use = rte_mempool_in_use_count(mp);
	CHECK(in_use == 0, "mempool in use %u after close (baseline before traffic %u)", in_use,
	      baseline);
	rte_eal_cleanup();
	return test_summary();
}
