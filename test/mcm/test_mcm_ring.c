/* SPDX-License-Identifier: BSD-3-Clause
 * Integration test of net_mcm over lower ports with ONE queue pair: two net_ring ports made
 * with rte_eth_from_rings, cross-connected (A's TX ring is B's RX ring and the other way
 * round), so each mcm port has no queue to spare for its control thread and signalling
 * shares lower queue 0 with the data path (DESIGN.md "Threads"): the control thread polls
 * queue 0 while the application does not, and signalling cells the application's RX burst
 * finds go to the control thread through a ring.
 * The rings are single-producer / single-consumer, as a NIC queue is: two threads on one
 * lower queue at the same time corrupt them, so the test also sees a missing lock.
 *  - link up, a call, 1,000 frames each way on its VC, release
 *  - calls set up and released while an lcore polls rte_eth_rx_burst on both ports at full
 *    speed (every signalling cell then arrives through the data path's burst)
 *  - calls set up and released while nobody ever calls rte_eth_rx_burst
 */
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "mcm_check.h"
#define MCM_TEST_CALLS
#include "mcm_test.h"
#include "rte_pmd_mcm.h"

#define RING_SIZE 1024
#define PHASE_CALLS 20

static struct rte_ring *ring_ab, *ring_ba;   /* A -> B, B -> A */

/* ---- the busy poller: rx_burst on both ports at full speed, on its own lcore ---- */

static volatile int poll_stop;
static uint64_t poll_bursts, poll_frames;

static int
poller_main(void *arg)
{
	uint64_t bursts = 0, frames = 0;

	RTE_SET_USED(arg);
	while (!__atomic_load_n(&poll_stop, __ATOMIC_ACQUIRE)) {
		struct rte_mbuf *b[BURST];
		uint16_t n;

		n = rte_eth_rx_burst(pa, 0, b, BURST);
		frames += n;
		rte_pktmbuf_free_bulk(b, n);
		n = rte_eth_rx_burst(pb, 0, b, BURST);
		frames += n;
		rte_pktmbuf_free_bulk(b, n);
		bursts += 2;
	}
	poll_bursts = bursts;
	poll_frames = frames;
	return 0;
}

/*
 * @p n calls made, answered and released, with call_make on a thread of its own (it
 * blocks) and the answers from here; no rte_eth_rx_burst on this thread.
 */
static void
calls_phase(unsigned int n, const char *what)
{
	struct rte_pmd_mcm_event ev;
	unsigned int i, ok = 0;
	uint64_t t0 = now_ms();

	for (i = 0; i < n; i++) {
		struct svc s;
		int rc;

		if (connect_call(&s, i == 0) != 0)
			break;
		rc = rte_pmd_mcm_call_release(i % 2 ? pb : pa, i % 2 ? clb : cla,
					      i % 2 ? s.id_b : s.id_a, 0);
		CHECK(rc == 0, "%s: release of call %u: %d", what, i, rc);
		rc = wait_event(i % 2 ? pa : pb, i % 2 ? cla : clb,
				RTE_PMD_MCM_EV_CALL_RELEASED, i % 2 ? s.id_a : s.id_b, 3000, &ev);
		CHECK(rc == 0 && ev.cause == 16, "%s: CALL_RELEASED of call %u: %d cause %u",
		      what, i, rc, rc == 0 ? ev.cause : 0);
		if (rc != 0)
			break;
		ok++;
	}
	printf("  %s: %u of %u calls made and released in %" PRIu64 " ms\n", what, ok, n,
	       now_ms() - t0);
	CHECK(ok == n, "%s: %u of %u calls", what, ok, n);
	CHECK(count_calls(pa) == 0 && count_calls(pb) == 0, "%s: calls left %d %d", what,
	      count_calls(pa), count_calls(pb));
	drain_events(pa, cla);
	drain_events(pb, clb);
}

/* 1. a call, 1,000 frames each way on it, release. */
static void
test_call_traffic(void)
{
	struct svc s;

	printf("call A -> B over net_ring\n");
	if (connect_call(&s, 1) != 0)
		return;
	printf("  connected: A call %u, B call %u, VC %u/%u\n", s.id_a, s.id_b, s.vpi, s.vci);
	traffic(pa, pb, rte_pmd_mcm_vc(s.vpi, s.vci), 1000, "A->B on the SVC");
	traffic(pb, pa, rte_pmd_mcm_vc(s.vpi, s.vci), 1000, "B->A on the SVC");
	release_call(&s, 1);
	drain_events(pa, cla);
	drain_events(pb, clb);
}

/* 2. calls while an lcore polls both ports' queue 0 at full speed. */
static void
test_busy_poll(void)
{
	uint64_t res_a = xstat(pa, "rx_reserved_vc_cells");
	uint64_t res_b = xstat(pb, "rx_reserved_vc_cells");
	unsigned int worker = rte_get_next_lcore(-1, 1, 0);
	int rc;

	printf("calls while the application polls rx_burst at full speed\n");
	if (worker >= RTE_MAX_LCORE) {
		CHECK(0, "no worker lcore");
		return;
	}
	__atomic_store_n(&poll_stop, 0, __ATOMIC_RELEASE);
	rc = rte_eal_remote_launch(poller_main, NULL, worker);
	CHECK(rc == 0, "launch the poller: %d", rc);
	if (rc != 0)
		return;
	calls_phase(PHASE_CALLS, "busy poll");
	__atomic_store_n(&poll_stop, 1, __ATOMIC_RELEASE);
	rte_eal_wait_lcore(worker);
	printf("  the poller made %" PRIu64 " bursts, got %" PRIu64 " frames\n", poll_bursts,
	       poll_frames);
	CHECK(poll_bursts > 10000, "the poller made only %" PRIu64 " bursts", poll_bursts);
	/* the signalling cells were found by the application's bursts (or by the control
	 * thread in the moments the poller held no burst): in any case by a classifying RX
	 */
	CHECK(xstat(pa, "rx_reserved_vc_cells") > res_a &&
	      xstat(pb, "rx_reserved_vc_cells") > res_b,
	      "no signalling cell counted on queue 0: A %" PRIu64 ", B %" PRIu64,
	      xstat(pa, "rx_reserved_vc_cells") - res_a, xstat(pb, "rx_reserved_vc_cells") - res_b);
}

/* 3. calls while nobody calls rx_burst: the control thread polls queue 0 itself. */
static void
test_no_poll(void)
{
	printf("calls while the application never polls\n");
	calls_phase(PHASE_CALLS, "no poll");
}

/* Two net_ring ports of one queue pair each, cross-connected, then the mcm ports. */
static int
make_ports(uint16_t *low_a, uint16_t *low_b)
{
	char name_a[RTE_ETH_NAME_MAX_LEN], name_b[RTE_ETH_NAME_MAX_LEN];
	int a, b;

	ring_ab = rte_ring_create("mcm_ring_ab", RING_SIZE, (int)rte_socket_id(),
				  RING_F_SP_ENQ | RING_F_SC_DEQ);
	ring_ba = rte_ring_create("mcm_ring_ba", RING_SIZE, (int)rte_socket_id(),
				  RING_F_SP_ENQ | RING_F_SC_DEQ);
	CHECK(ring_ab != NULL && ring_ba != NULL, "rings");
	if (ring_ab == NULL || ring_ba == NULL)
		return -1;
	a = rte_eth_from_rings("mcm_a", &ring_ba, 1, &ring_ab, 1, rte_socket_id());
	b = rte_eth_from_rings("mcm_b", &ring_ab, 1, &ring_ba, 1, rte_socket_id());
	CHECK(a >= 0 && b >= 0, "rte_eth_from_rings: %d %d", a, b);
	if (a < 0 || b < 0)
		return -1;
	*low_a = (uint16_t)a;
	*low_b = (uint16_t)b;
	CHECK(rte_eth_dev_get_name_by_port(*low_a, name_a) == 0 &&
	      rte_eth_dev_get_name_by_port(*low_b, name_b) == 0, "ring port names");
	printf("lower ports %s (%u) and %s (%u)\n", name_a, *low_a, name_b, *low_b);
	return make_mcm_ports(name_a, name_b);
}

int
main(int argc, char **argv)
{
	struct rte_eth_dev_info di;
	unsigned int baseline, in_use;
	uint32_t sap_id = 0;
	uint16_t low_a = RTE_MAX_ETHPORTS, low_b = RTE_MAX_ETHPORTS;
	int rc;

	RTE_SET_USED(argc);
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* two lcores: the busy poller gets one of its own */
	if (calls_eal_init(argv[0], "mcm-ring", "0-1") != 0 ||
	    make_ports(&low_a, &low_b) != 0) {
		printf("FAIL: no ports\n");
		return test_summary() | 1;
	}
	CHECK(rte_eth_dev_info_get(low_a, &di) == 0 && di.max_rx_queues == 1 &&
	      di.max_tx_queues == 1, "the lower port has one queue pair (%u/%u)",
	      di.max_rx_queues, di.max_tx_queues);
	rc = calls_ports_start();
	if (rc < 0)
		return test_summary() | 1;
	if (rc > 0)
		goto out;
	sap_id = sap_add_b(addr_b);
	drain_rx(pa, 20);
	drain_rx(pb, 20);
	baseline = rte_mempool_in_use_count(mp);
	test_call_traffic();
	test_busy_poll();
	test_no_poll();
	/* and the data path still works after all that */
	test_call_traffic();
	drain_rx(pa, 20);
	drain_rx(pb, 20);
	in_use = rte_mempool_in_use_count(mp);
	CHECK(in_use == baseline, "mempool in use %u, baseline %u", in_use, baseline);
	calls_clients_close(sap_id);
out:
	calls_close_ports(low_a, low_b);
	/* the ring ports are closed: what is left in their rings, and the rings, are the
	 * test's to free
	 */
	for (int i = 0; i < 2; i++) {
		struct rte_ring *r = i ? ring_ba : ring_ab;
		void *m = NULL;

		while (r != NULL && rte_ring_dequeue(r, &m) == 0)
			rte_pktmbuf_free(m);
		rte_ring_free(r);
	}
	calls_finish();
	return test_summary();
}
