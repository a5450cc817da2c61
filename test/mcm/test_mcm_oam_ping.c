/* SPDX-License-Identifier: BSD-3-Clause
 * The originating OAM loopback (rte_pmd_mcm_oam_loopback, I.610 10.2.4) between two mcm
 * ports over a memif pair in one process; neither application polls its port, so the control
 * threads carry every cell:
 *  - F5 end-to-end and segment, F4 end-to-end and segment, both ways: a reply with the tag
 *    sent and a round-trip time; counted per VC and per port on both sides
 *  - 1,000 pings in a row: no loss, every tag matched and none used twice
 *  - a VC the peer does not have: -ETIMEDOUT after the timeout, counted, and the next ping
 *    works; F5 on the signalling VC; bad arguments refused; 64 outstanding pings, then -EBUSY
 *  - pings from several threads at once: all answered, tags unique
 *  - forged replies (a wrong tag, the wrong flow, a tag whose ping timed out) never complete
 *    a ping, and are counted unmatched
 *  - the mempool in-use count returns to its baseline
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include "mcm_check.h"
#include "mcm_oam.h"
#include "mcm_test.h"
#include "mcm_test_pw.h"
#include "rte_pmd_mcm.h"

#define NB_MBUF 4095
#define PW_LABEL 16
#define N_SERIAL 1000
#define N_THREADS 6
#define N_PER_THREAD 100
#define MAX_PINGS 64     /* the driver's limit of outstanding pings a port */

static struct rte_mempool *mp;
static uint16_t p0, p1, low1;   /* low1: net_memif1, p1's lower port: sends to p0 */

static const char *const flow_names[] = { "F5 end-to-end", "F5 segment", "F4 end-to-end",
					  "F4 segment" };

/* Each flow both ways: the reply, its tag and RTT, and the counters of both ends. */
static void
test_flows(void)
{
	static const uint16_t vps[] = { 0, 7 };
	unsigned int f, dir;

	for (dir = 0; dir < 2; dir++) {
		uint16_t from = dir == 0 ? p0 : p1, to = dir == 0 ? p1 : p0;

		for (f = 0; f < 4; f++) {
			bool f4 = f >= RTE_PMD_MCM_OAM_F4_E2E;
			struct rte_pmd_mcm_vc_oam_stats a0, a1, b0, b1;
			struct rte_pmd_mcm_oam_ping_result r = { 0 };
			uint64_t sent = xstat(from, "oam_pings_sent");
			uint64_t ans = xstat(from, "oam_pings_answered");
			uint64_t looped = xstat(to, "oam_lb_answered");
			uint16_t vpi = f4 ? vps[dir] : 0;
			unsigned int k;
			int rc;

			rte_pmd_mcm_vc_oam_stats_get(from, 0, 100, &a0);
			rte_pmd_mcm_vc_oam_stats_get(to, 0, 100, &b0);
			/* -EAGAIN: the lower port took no cell (documented); right after the
			 * memif link comes up on a loaded machine its ring may not yet take one
			 */
			for (k = 0; k < 100; k++) {
				rc = rte_pmd_mcm_oam_loopback(from, vpi, 100, f, 1000, &r);
				if (rc != -EAGAIN)
					break;
				rte_delay_ms(10);
			}
			if (k > 0)
				printf("  port %u %s: sent after %u tries (-EAGAIN)\n", from,
				       flow_names[f], k + 1);
			CHECK(rc == 0 && r.rtt_ns > 0 && r.rtt_ns < 1000000000ull,
			      "port %u -> %u %s: rc %d rtt %" PRIu64 " ns", from, to,
			      flow_names[f], rc, r.rtt_ns);
			CHECK(xstat(from, "oam_pings_sent") == sent + 1 &&
			      xstat(from, "oam_pings_answered") == ans + 1 &&
			      xstat(to, "oam_lb_answered") == looped + 1,
			      "port %u -> %u %s: counted", from, to, flow_names[f]);
			rte_pmd_mcm_vc_oam_stats_get(from, 0, 100, &a1);
			rte_pmd_mcm_vc_oam_stats_get(to, 0, 100, &b1);
			/* F5 counts on the VC; F4 belongs to no VC */
			CHECK(a1.out_lb - a0.out_lb == (f4 ? 0 : 1) &&
			      a1.pings_answered - a0.pings_answered == (f4 ? 0 : 1) &&
			      a1.in_lb_reply - a0.in_lb_reply == (f4 ? 0 : 1) &&
			      b1.out_lb_reply - b0.out_lb_reply == (f4 ? 0 : 1),
			      "port %u -> %u %s: VC counters out_lb %" PRIu64 " answered %" PRIu64
			      " peer replies %" PRIu64, from, to, flow_names[f],
			      a1.out_lb - a0.out_lb, a1.pings_answered - a0.pings_answered,
			      b1.out_lb_reply - b0.out_lb_reply);
		}
	}
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* How many of @p n tags appear more than once. */
static unsigned int
tag_repeats(uint32_t *tags, unsigned int n)
{
	unsigned int i, rep = 0;

	qsort(tags, n, sizeof(*tags), cmp_u32);
	for (i = 1; i < n; i++)
		rep += tags[i] == tags[i - 1];
	return rep;
}

static void
test_serial(void)
{
	static uint32_t tags[N_SERIAL];
	uint64_t unmatched = xstat(p0, "oam_lb_replies_unmatched");
	uint64_t ans = xstat(p0, "oam_pings_answered");
	unsigned int i, ok = 0;

	for (i = 0; i < N_SERIAL; i++) {
		struct rte_pmd_mcm_oam_ping_result r = { 0 };

		if (rte_pmd_mcm_oam_loopback(p0, 0, 100 + i % 2, i % 2, 1000, &r) == 0)
			ok++;
		tags[i] = r.tag;
	}
	CHECK(ok == N_SERIAL, "%u of %u pings answered", ok, N_SERIAL);
	CHECK(xstat(p0, "oam_pings_answered") == ans + N_SERIAL &&
	      xstat(p0, "oam_lb_replies_unmatched") == unmatched,
	      "every reply matched its ping");
	CHECK(tag_repeats(tags, N_SERIAL) == 0, "%u pings, no tag used twice", N_SERIAL);
}

/* A VC the peer does not have, then bad arguments. */
static void
test_timeout_and_errors(void)
{
	struct rte_pmd_mcm_oam_ping_result r = { 0 };
	uint64_t to = xstat(p0, "oam_pings_timeout"), not_ours = xstat(p1, "oam_lb_not_ours");
	uint64_t t0 = now_ms(), el;
	int rc;

	rc = rte_pmd_mcm_oam_loopback(p0, 0, 102, RTE_PMD_MCM_OAM_F5_E2E, 300, &r);
	el = now_ms() - t0;
	CHECK(rc == -ETIMEDOUT && el >= 295 && el < 2000,
	      "0/102 (not on the peer): rc %d after %" PRIu64 " ms", rc, el);
	CHECK(xstat(p0, "oam_pings_timeout") == to + 1 && r.rtt_ns == 0,
	      "the timeout counted, no RTT");
	CHECK(xstat(p1, "oam_lb_not_ours") == not_ours + 1, "the peer counted the cell not ours");
	CHECK(rte_pmd_mcm_oam_loopback(p0, 0, 100, RTE_PMD_MCM_OAM_F5_E2E, 1000, &r) == 0,
	      "the next ping works");
	CHECK(rte_pmd_mcm_oam_loopback(p0, 0, 999, RTE_PMD_MCM_OAM_F5_E2E, 100, &r) == -ENOENT,
	      "F5 on a VC the port does not have: -ENOENT");
	/* the signalling VC is the port's own with signalling on, on both ends */
	rc = rte_pmd_mcm_oam_loopback(p0, 0, 5, RTE_PMD_MCM_OAM_F5_SEG, 1000, &r);
	CHECK(rc == 0, "F5 on the signalling VC 0/5: rc %d", rc);
	CHECK(rte_pmd_mcm_oam_loopback(p0, 0, 100, 4, 100, &r) == -EINVAL &&
	      rte_pmd_mcm_oam_loopback(p0, 0, 100, 0, 0, &r) == -EINVAL &&
	      rte_pmd_mcm_oam_loopback(p0, 0, 100, 0, RTE_PMD_MCM_OAM_TIMEOUT_MAX + 1, &r) ==
	      -EINVAL &&
	      rte_pmd_mcm_oam_loopback(p0, 4096, 0, RTE_PMD_MCM_OAM_F4_E2E, 100, &r) == -EINVAL &&
	      rte_pmd_mcm_oam_loopback(p0, 0, 100, 0, 100, NULL) == -EINVAL,
	      "bad flow, timeout, VPI, result: -EINVAL");
	CHECK(rte_pmd_mcm_oam_loopback(RTE_MAX_ETHPORTS - 1, 0, 100, 0, 100, &r) == -ENODEV,
	      "not an mcm port: -ENODEV");
}

struct pinger {
	pthread_t tid;
	uint16_t port, vpi, vci;
	uint8_t flow;
	uint32_t timeout_ms;
	unsigned int n, ok, other;
	int last_rc;
	uint32_t tags[N_PER_THREAD];
};

static void *
pinger_main(void *arg)
{
	struct pinger *pg = arg;
	unsigned int i;

	for (i = 0; i < pg->n; i++) {
		struct rte_pmd_mcm_oam_ping_result r = { 0 };

		pg->last_rc = rte_pmd_mcm_oam_loopback(pg->port, pg->vpi, pg->vci, pg->flow,
						       pg->timeout_ms, &r);
		if (pg->last_rc == 0)
			pg->ok++;
		else
			pg->other++;
		if (i < N_PER_THREAD)
			pg->tags[i] = r.tag;
	}
	return NULL;
}

/* Several threads ping at once, over two VCs and the F4 flows. */
static void
test_threads(void)
{
	static struct pinger pg[N_THREADS];
	static uint32_t tags[N_THREADS * N_PER_THREAD];
	unsigned int i, ok = 0, started = 0;

	for (i = 0; i < N_THREADS; i++) {
		memset(&pg[i], 0, sizeof(pg[i]));
		pg[i].port = i % 3 == 2 ? p1 : p0;
		pg[i].vpi = i % 4 == 3 ? 9 : 0;
		pg[i].vci = 100 + i % 2;
		pg[i].flow = (uint8_t)(i % 4);
		pg[i].timeout_ms = 2000;
		pg[i].n = N_PER_THREAD;
		if (pthread_create(&pg[i].tid, NULL, pinger_main, &pg[i]) == 0)
			started++;
	}
	CHECK(started == N_THREADS, "%u threads started", started);
	for (i = 0; i < started; i++) {
		pthread_join(pg[i].tid, NULL);
		ok += pg[i].ok;
	}
	CHECK(ok == started * N_PER_THREAD, "%u of %u concurrent pings answered", ok,
	      started * N_PER_THREAD);
	/* tags are unique per port: p0's threads' tags together */
	for (i = 0, ok = 0; i < started; i++)
		if (pg[i].port == p0) {
			memcpy(tags + ok, pg[i].tags, sizeof(pg[i].tags));
			ok += N_PER_THREAD;
		}
	CHECK(tag_repeats(tags, ok) == 0, "%u concurrent pings of one port, no tag twice", ok);
}

/* MAX_PINGS pings outstanding on a VC the peer does not have: one more is -EBUSY. */
static void
test_busy(void)
{
	static struct pinger pg[MAX_PINGS];
	struct rte_pmd_mcm_oam_ping_result r;
	uint64_t sent = xstat(p0, "oam_pings_sent"), t0 = now_ms();
	unsigned int i, started = 0, timed_out = 0;
	int rc;

	for (i = 0; i < MAX_PINGS; i++) {
		memset(&pg[i], 0, sizeof(pg[i]));
		pg[i].port = p0;
		pg[i].vci = 102;
		pg[i].timeout_ms = 3000;   /* room for 64 threads to start under load */
		pg[i].n = 1;
		if (pthread_create(&pg[i].tid, NULL, pinger_main, &pg[i]) == 0)
			started++;
	}
	while (xstat(p0, "oam_pings_sent") < sent + started && now_ms() - t0 < 2500)
		rte_delay_ms(1);
	rc = rte_pmd_mcm_oam_loopback(p0, 0, 100, 0, 1000, &r);
	CHECK(started == MAX_PINGS && rc == -EBUSY, "%u outstanding, one more: rc %d", started,
	      rc);
	for (i = 0; i < started; i++) {
		pthread_join(pg[i].tid, NULL);
		timed_out += pg[i].last_rc == -ETIMEDOUT;
	}
	CHECK(timed_out == started, "%u of %u outstanding pings timed out", timed_out, started);
	CHECK(rte_pmd_mcm_oam_loopback(p0, 0, 100, 0, 1000, &r) == 0, "then pings work again");
}

/* A loopback reply (indication 0) from p1's side of the wire to p0, tag @p tag. */
static int
forge_reply(uint16_t vpi, uint16_t vci, uint8_t pti, uint32_t tag)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	struct mcm_oam_cell c;
	uint8_t *p;

	p = m != NULL ? (uint8_t *)rte_pktmbuf_append(m, TEST_PW_HDR_LEN + 52) : NULL;
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return -1;
	}
	test_pw_header(p, PW_LABEL, 0);
	rte_eth_macaddr_get(low1, (struct rte_ether_addr *)(p + 6));   /* p0 may learn it */
	mcm_oam_cell_init(&c, MCM_OAM_TYPE_FM, MCM_OAM_FM_LB);
	c.lb_indication = 0;
	c.lb_tag = tag;
	mcm_atm_cell_hdr_put(p + TEST_PW_HDR_LEN, mcm_atm_cell_hdr_word(vpi, vci, pti, 0));
	mcm_oam_encode(&c, p + TEST_PW_HDR_LEN + 4);
	if (rte_eth_tx_burst(low1, 0, &m, 1) != 1) {
		rte_pktmbuf_free(m);
		return -1;
	}
	return 0;
}

/* Wait until p0 has counted @p n more loopback replies in than @p base (at most 1 s). */
static bool
replies_in(uint64_t base, uint64_t n)
{
	uint64_t t0 = now_ms();

	while (xstat(p0, "oam_lb_replies_in") < base + n && now_ms() - t0 < 1000)
		rte_delay_ms(1);
	return xstat(p0, "oam_lb_replies_in") >= base + n;
}

/*
 * Forged replies while a ping to 0/102 (which the peer does not have) waits: a wrong tag,
 * and the tag it carries (the driver's tags follow each other: the last one + 1) on another
 * VC and on the segment flow. None completes it; each is counted unmatched. Its own tag
 * after it timed out is unmatched too, and the next ping is not disturbed.
 */
static void
test_forged(void)
{
	struct rte_pmd_mcm_oam_ping_result r = { 0 };
	uint64_t unm = xstat(p0, "oam_lb_replies_unmatched");
	uint64_t in = xstat(p0, "oam_lb_replies_in");
	uint64_t sent;
	struct pinger pg = { .port = p0, .vci = 102, .timeout_ms = 800, .n = 1 };
	uint32_t next;
	uint64_t t0;

	CHECK(rte_pmd_mcm_oam_loopback(p0, 0, 100, 0, 1000, &r) == 0, "a ping before");
	next = r.tag + 1;
	in = xstat(p0, "oam_lb_replies_in");
	unm = xstat(p0, "oam_lb_replies_unmatched");
	sent = xstat(p0, "oam_pings_sent");
	if (pthread_create(&pg.tid, NULL, pinger_main, &pg) != 0) {
		CHECK(0, "pinger thread");
		return;
	}
	t0 = now_ms();
	while (xstat(p0, "oam_pings_sent") == sent && now_ms() - t0 < 1000)
		rte_delay_ms(1);
	CHECK(forge_reply(0, 102, MCM_ATM_PTI_OAM_E2E, next ^ 0x80000000u) == 0 &&
	      forge_reply(0, 100, MCM_ATM_PTI_OAM_E2E, next) == 0 &&
	      forge_reply(0, 102, MCM_ATM_PTI_OAM_SEG, next) == 0, "forged replies sent");
	CHECK(replies_in(in, 3), "the forged replies reached p0");
	CHECK(xstat(p0, "oam_lb_replies_unmatched") == unm + 3,
	      "wrong tag, wrong VC, wrong flow: unmatched (%" PRIu64 ")",
	      xstat(p0, "oam_lb_replies_unmatched") - unm);
	pthread_join(pg.tid, NULL);
	CHECK(pg.last_rc == -ETIMEDOUT && pg.tags[0] == next,
	      "the ping was not completed by them: rc %d, tag %08x (expected %08x)",
	      pg.last_rc, pg.tags[0], next);
	/* its own reply, late */
	CHECK(forge_reply(0, 102, MCM_ATM_PTI_OAM_E2E, next) == 0 && replies_in(in, 4) &&
	      xstat(p0, "oam_lb_replies_unmatched") == unm + 4, "a late reply: unmatched");
	CHECK(rte_pmd_mcm_oam_loopback(p0, 0, 100, 0, 1000, &r) == 0 && r.tag == next + 1,
	      "the next ping works (tag %08x)", r.tag);
}

int
main(int argc, char **argv)
{
	unsigned int baseline, in_use;

	RTE_SET_USED(argc);
	/* 0/102 on p0 only: the peer does not have it */
	if (test_memif_pair(argv[0], "pvc=[0/100,0/101,0/102]", "role=network,pvc=[0/100,0/101]",
			    NB_MBUF, &p0, &p1, &mp) != 0)
		return 1;
	CHECK(rte_eth_dev_get_port_by_name("net_memif1", &low1) == 0, "net_memif1");
	baseline = rte_mempool_in_use_count(mp);
	test_flows();
	test_serial();
	test_timeout_and_errors();
	test_threads();
	test_busy();
	test_forged();
	rte_eth_dev_stop(p0);
	rte_eth_dev_stop(p1);
	rte_eth_dev_close(p0);
	rte_eth_dev_close(p1);
	{
		struct rte_pmd_mcm_oam_ping_result r;
		int rc = rte_pmd_mcm_oam_loopback(p0, 0, 100, 0, 200, &r);

		CHECK(rc == -ENODEV, "a closed port: rc %d", rc);
	}
	in_use = rte_mempool_in_use_count(mp);
	CHECK(in_use == baseline, "mempool in use %u after close, baseline %u", in_use, baseline);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return test_summary();
}
