/* SPDX-License-Identifier: BSD-3-Clause
 * Integration test of net_mcm: an EAL program with two mcm ports over a memif pair.
 *  - frames of random sizes on several PVCs arrive intact, in order, on the right VC;
 *    per-VC and port counters agree on both sides
 *  - VC choice: dynamic field, else destination MAC binding, else the default VC
 *  - VC-mux and LLC encapsulations; an encapsulation mismatch is counted, not delivered
 *  - a VC unknown to the receiver is counted; a frame with no VC is dropped and counted
 *  - reserved VCIs (0..31, signalling 0/5) are refused and never listed
 *  - a PVC deleted and re-added under traffic from another lcore: no crash, no leak
 *  - the mempool in-use count returns to its baseline
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#include "mcm_check.h"
#include "mcm_test.h"
#include "rte_pmd_mcm.h"


#define NB_MBUF 8191
#define BURST 32

static struct rte_mempool *mp;
static uint16_t p0, p1;
static const struct rte_ether_addr mac_bound = { { 0x02, 0, 0, 0, 0xbb, 0x01 } };
static const struct rte_ether_addr mac_other = { { 0x02, 0, 0, 0, 0xcc, 0x02 } };

/* Send @p n frames from @p tx, collect them on @p rx; check content, VC and order. */
static uint16_t traffic_queue;  /* TX queue used by traffic() */
/* RX queues traffic() polls, in turn: a VC's frames arrive on the queue its sender's owner
 * queue feeds (memif pairs queues), not necessarily on the queue it was sent from
 */
static uint16_t traffic_rx_queues = 1;

static void
traffic(uint16_t tx, uint16_t rx, const rte_pmd_mcm_vc_t *vcs, unsigned int nvcs,
	unsigned int n, uint32_t min_len, uint32_t max_len, const char *what)
{
	uint32_t next_seq_per_vc[8] = { 0 }, expect_per_vc[8] = { 0 };
	unsigned int sent = 0, got = 0, bad = 0, order = 0, wrong_vc = 0, idle = 0;
	uint32_t seq_base = 0;

	while ((sent < n || got < n) && idle < 2000) {
		struct rte_mbuf *b[BURST];
		uint16_t k = 0, i, r;

		while (sent + k < n && k < BURST) {
			unsigned int v = rnd() % nvcs;
			uint32_t len = min_len + rnd() % (max_len - min_len + 1);
			uint32_t seq = (seq_base + next_seq_per_vc[v]++) * 8 + v;

			b[k] = test_frame_make(mp, len, seq, &mac_other);
			if (b[k] == NULL)
				break;
			rte_pmd_mcm_mbuf_set_vc(b[k], vcs[v]);
			k++;
		}
		r = k ? rte_eth_tx_burst(tx, traffic_queue, b, k) : 0;
		for (i = r; i < k; i++) {
			/* not taken: undo its sequence number so the receiver's order holds */
			uint32_t seq;

			memcpy(&seq, rte_pktmbuf_mtod(b[i], uint8_t *) + 14, 4);
			next_seq_per_vc[seq % 8]--;
			rte_pktmbuf_free(b[i]);
		}
		sent += r;
		r = 0;
		for (i = 0; i < traffic_rx_queues && r == 0; i++)
			r = rte_eth_rx_burst(rx, i, b, BURST);
		idle = r ? 0 : idle + 1;
		for (i = 0; i < r; i++) {
			rte_pmd_mcm_vc_t vc;
			uint32_t seq;

			if (!test_frame_ok(b[i], &seq)) {
				bad++;
			} else if (rte_pmd_mcm_mbuf_get_vc(b[i], &vc) != 0 || vc != vcs[seq % 8]) {
				wrong_vc++;
			} else {
				if (seq / 8 != expect_per_vc[seq % 8])
					order++;
				expect_per_vc[seq % 8] = seq / 8 + 1;
			}
			got++;
			rte_pktmbuf_free(b[i]);
		}
		if (r == 0)
			rte_delay_us(50);
	}
	CHECK(sent == n, "%s: sent %u of %u", what, sent, n);
	CHECK(got == n, "%s: received %u of %u", what, got, n);
	CHECK(bad == 0, "%s: %u frames corrupted", what, bad);
	CHECK(wrong_vc == 0, "%s: %u frames on the wrong VC", what, wrong_vc);
	CHECK(order == 0, "%s: %u frames out of order", what, order);
}

/*
 * A burst larger than one tx_burst can build frames for: 64 full-size frames need 128 PW
 * frames. The driver takes what fits and gives the rest back exactly as it came (no header
 * left in front, same length and content) although it has already completed their PDUs in
 * place; sent again, every frame arrives intact and in order.
 */
static void
test_partial_burst(void)
{
	const rte_pmd_mcm_vc_t vc = rte_pmd_mcm_vc(0, 100);
	struct rte_mbuf *b[64], *r[BURST];
	uint8_t *data[64];
	unsigned int i, k = 0, sent = 0, got = 0, bad = 0, order = 0, idle = 0, intact = 0;
	uint16_t n;

	for (i = 0; i < 64; i++) {
		b[i] = test_frame_make(mp, 1514, i, &mac_other);
		if (b[i] == NULL)
			break;
		rte_pmd_mcm_mbuf_set_vc(b[i], vc);
		data[i] = rte_pktmbuf_mtod(b[i], uint8_t *);
	}
	CHECK(i == 64, "64 frames made");
	if (i < 64) {
		rte_pktmbuf_free_bulk(b, i);
		return;
	}
	n = rte_eth_tx_burst(p0, 0, b, 64);
	CHECK(n > 0 && n < 64, "part of the burst taken (%u of 64)", n);
	for (i = n; i < 64; i++) {
		uint32_t seq;

		intact += b[i]->pkt_len == 1514 && b[i]->data_len == 1514 &&
			  rte_pktmbuf_mtod(b[i], uint8_t *) == data[i] &&
			  test_frame_ok(b[i], &seq) && seq == i;
	}
	CHECK(intact == 64u - n, "the %u not taken are given back as they came (%u intact)",
	      64u - n, intact);
	sent = n;
	while ((sent < 64 || got < 64) && idle < 2000) {
		uint32_t seq = 0;
		uint16_t j;

		if (sent < 64)
			sent += rte_eth_tx_burst(p0, 0, b + sent, (uint16_t)(64 - sent));
		n = rte_eth_rx_burst(p1, 0, r, BURST);
		idle = n ? 0 : idle + 1;
		for (j = 0; j < n; j++) {
			if (!test_frame_ok(r[j], &seq) || r[j]->pkt_len != 1514) {
				bad++;
			} else {
				order += seq != k;
				k = seq + 1;
			}
			got++;
		}
		rte_pktmbuf_free_bulk(r, n);
		if (n == 0)
			rte_delay_us(50);
	}
	CHECK(sent == 64 && got == 64 && bad == 0 && order == 0,
	      "all sent (%u) and received (%u) intact (%u bad) in order (%u not)", sent, got, bad,
	      order);
}

/* An IPv4/UDP frame of flow @p flow (source 10.0.0.FLOW, UDP port 1000 + FLOW) to an
 * unbound MAC, carrying @p flow and @p seq after the UDP header.
 */
static struct rte_mbuf *
flow_frame(uint32_t flow, uint32_t seq)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	uint8_t *p = m != NULL ? (uint8_t *)rte_pktmbuf_append(m, 60) : NULL;

	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memset(p, 0, 60);
	memcpy(p, &mac_other, 6);
	memset(p + 6, 0x02, 6);
	p[12] = 0x08;                      /* IPv4 */
	p[14] = 0x45;
	p[17] = 46;                        /* total length */
	p[22] = 64;
	p[23] = 17;                        /* UDP */
	p[26] = 10;
	p[29] = (uint8_t)flow;             /* 10.0.0.FLOW */
	p[30] = 10;
	p[32] = 1;
	p[33] = 1;                         /* 10.0.1.1 */
	p[34] = (uint8_t)((1000 + flow) >> 8);
	p[35] = (uint8_t)(1000 + flow);
	p[36] = 0x07;
	p[37] = 0xd0;                      /* 2000 */
	memcpy(p + 42, &flow, 4);
	memcpy(p + 46, &seq, 4);
	return m;
}

enum { HASH_NVC = 8, HASH_NFLOW = 32, HASH_PER_FLOW = 20 };

/* What one run of hash-bound traffic p0 -> p1 saw. */
struct hash_run {
	unsigned int sent, got, bad, order, moved;
	uint32_t used;                     /* bit v: a flow went on VC 2/(100 + v) */
};

/* HASH_PER_FLOW frames of each of HASH_NFLOW flows, in turn; @p flow_vc: each flow's VC,
 * UINT32_MAX until it is seen (a flow seen on another VC is counted as moved).
 */
static void
hash_traffic(uint32_t *flow_vc, struct hash_run *r)
{
	uint32_t next[HASH_NFLOW] = { 0 };
	unsigned int idle = 0;

	memset(r, 0, sizeof(*r));
	while ((r->sent < HASH_NFLOW * HASH_PER_FLOW || r->got < r->sent) && idle < 2000) {
		struct rte_mbuf *b[BURST];
		uint16_t k = 0, n, j;

		while (r->sent + k < HASH_NFLOW * HASH_PER_FLOW && k < BURST) {
			uint32_t f = (r->sent + k) % HASH_NFLOW;

			b[k] = flow_frame(f, (r->sent + k) / HASH_NFLOW);
			if (b[k] == NULL)
				break;
			k++;
		}
		n = k ? rte_eth_tx_burst(p0, 0, b, k) : 0;
		rte_pktmbuf_free_bulk(&b[n], k - n);
		r->sent += n;
		n = rte_eth_rx_burst(p1, 0, b, BURST);
		idle = n ? 0 : idle + 1;
		for (j = 0; j < n; j++) {
			const uint8_t *p = rte_pktmbuf_mtod(b[j], const uint8_t *);
			rte_pmd_mcm_vc_t vc;
			uint32_t f, seq;

			memcpy(&f, p + 42, 4);
			memcpy(&seq, p + 46, 4);
			r->got++;
			if (b[j]->pkt_len != 60 || f >= HASH_NFLOW ||
			    rte_pmd_mcm_mbuf_get_vc(b[j], &vc) != 0 ||
			    rte_pmd_mcm_vc_vpi(vc) != 2 || rte_pmd_mcm_vc_vci(vc) < 100 ||
			    rte_pmd_mcm_vc_vci(vc) >= 100 + HASH_NVC) {
				r->bad++;
				continue;
			}
			if (flow_vc[f] == UINT32_MAX)
				flow_vc[f] = vc;
			r->used |= 1u << (rte_pmd_mcm_vc_vci(vc) - 100);
			r->moved += flow_vc[f] != vc;
			r->order += seq != next[f];
			next[f] = seq + 1;
		}
		rte_pktmbuf_free_bulk(b, n);
		if (n == 0)
			rte_delay_us(50);
	}
}

/*
 * Hash binding: frames with no VC field and no MAC binding spread over 8 VCs by their flow
 * (IPv4 addresses, UDP ports); a flow always on the same VC and in order, also once the VCs
 * are added again in another order (other slots: the VCI map's affine chunk, which gave a
 * VC's slot from its VCI, must turn into a map on both ports); VCs missing counted as no-VC
 * drops; bad ranges refused; off again: the default VC.
 */
static void
test_hash_binding(void)
{
	enum { NVC = HASH_NVC, NFLOW = HASH_NFLOW, PER_FLOW = HASH_PER_FLOW };
	static const uint16_t scrambled[NVC] = { 103, 100, 106, 101, 104, 107, 102, 105 };
	uint32_t flow_vc[NFLOW];
	struct hash_run r;
	unsigned int i;
	rte_pmd_mcm_vc_t first = 0;
	uint32_t count = 99;
	uint64_t no_vc0;
	int rc;

	for (i = 0; i < NVC; i++)
		CHECK(rte_pmd_mcm_pvc_add(p0, 2, (uint16_t)(100 + i),
					  RTE_PMD_MCM_ENCAP_PORT) == 0 &&
		      rte_pmd_mcm_pvc_add(p1, 2, (uint16_t)(100 + i), RTE_PMD_MCM_ENCAP_PORT) == 0,
		      "PVC 2/%u on both ports", 100 + i);
	CHECK(rte_pmd_mcm_bind_hash(p0, 2, 100, NVC) == 0, "bind hash 2/100 x %d", NVC);
	CHECK(rte_pmd_mcm_bind_hash_get(p0, &first, &count) == 0 &&
	      first == rte_pmd_mcm_vc(2, 100) && count == NVC, "the binding reads back");
	for (i = 0; i < NFLOW; i++)
		flow_vc[i] = UINT32_MAX;
	hash_traffic(flow_vc, &r);
	CHECK(r.sent == NFLOW * PER_FLOW && r.got == r.sent && r.bad == 0,
	      "hash binding: %u sent, %u received, %u on no bound VC", r.sent, r.got, r.bad);
	CHECK(r.moved == 0 && r.order == 0, "a flow keeps its VC (%u moved) and its order (%u not)",
	      r.moved, r.order);
	CHECK(__builtin_popcount(r.used) >= 6, "%d flows over %d of the %d VCs", NFLOW,
	      __builtin_popcount(r.used), NVC);
	/* the VCs again on both ports in other slots, off the affine chunk's rule on the sender
	 * and on the receiver: deleted last first, their slots go to a filler range on another
	 * VPI (its first VC takes the last slot freed, the others the slots after it: the ones
	 * the chunk of 2/100.. would give again), then they come back out of order
	 */
	for (i = NVC; i-- > 0;)
		CHECK(rte_pmd_mcm_pvc_del(p0, 2, (uint16_t)(100 + i)) == 0 &&
		      rte_pmd_mcm_pvc_del(p1, 2, (uint16_t)(100 + i)) == 0, "PVC 2/%u deleted",
		      100 + i);
	CHECK(rte_pmd_mcm_pvc_add_range(p0, 6, 32, NVC, RTE_PMD_MCM_ENCAP_PORT) == 0 &&
	      rte_pmd_mcm_pvc_add_range(p1, 6, 32, NVC, RTE_PMD_MCM_ENCAP_PORT) == 0,
	      "filler PVCs 6/32..");
	for (i = 0; i < NVC; i++)
		CHECK(rte_pmd_mcm_pvc_add(p0, 2, scrambled[i], RTE_PMD_MCM_ENCAP_PORT) == 0 &&
		      rte_pmd_mcm_pvc_add(p1, 2, scrambled[NVC - 1 - i],
					  RTE_PMD_MCM_ENCAP_PORT) == 0,
		      "PVCs 2/%u, 2/%u added again", scrambled[i], scrambled[NVC - 1 - i]);
	hash_traffic(flow_vc, &r);
	CHECK(r.sent == NFLOW * PER_FLOW && r.got == r.sent && r.bad == 0,
	      "VCs in other slots: %u sent, %u received, %u on no bound VC", r.sent, r.got, r.bad);
	CHECK(r.moved == 0 && r.order == 0, "in other slots a flow keeps its VC (%u moved) and its "
	      "order (%u not)", r.moved, r.order);
	/* each VC's own counters on both sides: a frame counted on a slot the receiver took
	 * from a stale base, not its VC's, shows here (its VC field comes from the cell header)
	 */
	for (i = 0; i < NVC; i++) {
		struct rte_pmd_mcm_vc_stats s0, s1;

		CHECK(rte_pmd_mcm_vc_stats_get(p0, 2, (uint16_t)(100 + i), &s0) == 0 &&
		      rte_pmd_mcm_vc_stats_get(p1, 2, (uint16_t)(100 + i), &s1) == 0 &&
		      s0.tx_pdus == s1.rx_pdus && s0.tx_cells == s1.rx_cells,
		      "VC 2/%u in other slots: %" PRIu64 " PDUs sent, %" PRIu64 " received",
		      100 + i, s0.tx_pdus, s1.rx_pdus);
	}
	CHECK(rte_pmd_mcm_pvc_del_range(p0, 6, 32, NVC) == 0 &&
	      rte_pmd_mcm_pvc_del_range(p1, 6, 32, NVC) == 0, "filler deleted");
	/* VCs that do not exist: no-VC drops, nothing sent */
	no_vc0 = xstat(p0, "tx_no_vc_drops");
	CHECK(rte_pmd_mcm_bind_hash(p0, 3, 100, 4) == 0, "bind hash to missing VCs");
	{
		struct rte_mbuf *m = flow_frame(1, 0);

		CHECK(m != NULL && rte_eth_tx_burst(p0, 0, &m, 1) == 1, "taken");
		CHECK(xstat(p0, "tx_no_vc_drops") == no_vc0 + 1, "and dropped as having no VC");
	}
	rc = rte_pmd_mcm_bind_hash(p0, 4095, 65530, 7);
	CHECK(rc == -EINVAL, "a range past VPI 4095: %d", rc);
	rc = rte_pmd_mcm_bind_hash(p0, 1, 32, (1u << 20) + 1);
	CHECK(rc == -EINVAL, "more than 2^20 VCs: %d", rc);
	rc = rte_pmd_mcm_bind_hash(p0, 0, 10, 4);
	CHECK(rc == -EPERM, "reserved VCIs: %d", rc);
	rc = rte_pmd_mcm_bind_hash(p0, 5000, 100, 1);
	CHECK(rc == -EINVAL, "VPI 5000: %d", rc);
	CHECK(rte_pmd_mcm_bind_hash_get(p0, &first, &count) == 0 &&
	      first == rte_pmd_mcm_vc(3, 100) && count == 4, "refusals changed nothing");
	CHECK(rte_pmd_mcm_bind_hash(p0, 0, 0, 0) == 0 &&
	      rte_pmd_mcm_bind_hash_get(p0, &first, &count) == 0 && count == 0, "off");
	{
		struct rte_mbuf *m = flow_frame(1, 0), *r[4];
		rte_pmd_mcm_vc_t vc = 0;
		uint16_t n = 0;

		CHECK(m != NULL && rte_eth_tx_burst(p0, 0, &m, 1) == 1, "sent with no binding");
		for (i = 0; i < 200 && n == 0; i++) {
			n = rte_eth_rx_burst(p1, 0, r, 4);
			if (n == 0)
				rte_delay_us(100);
		}
		CHECK(n == 1 && rte_pmd_mcm_mbuf_get_vc(r[0], &vc) == 0 &&
		      vc == rte_pmd_mcm_vc(0, 100), "on the default VC again");
		rte_pktmbuf_free_bulk(r, n);
	}
	for (i = 0; i < NVC; i++)
		CHECK(rte_pmd_mcm_pvc_del(p0, 2, (uint16_t)(100 + i)) == 0 &&
		      rte_pmd_mcm_pvc_del(p1, 2, (uint16_t)(100 + i)) == 0, "PVC 2/%u deleted",
		      100 + i);
}

static void
test_random_traffic(void)
{
	const rte_pmd_mcm_vc_t vcs[3] = { rte_pmd_mcm_vc(0, 100), rte_pmd_mcm_vc(0, 101),
					  rte_pmd_mcm_vc(1, 200) };
	struct rte_pmd_mcm_vc_stats s0, s1;
	struct rte_eth_stats e0, e1;
	unsigned int v;

	rte_eth_stats_reset(p0);
	rte_eth_stats_reset(p1);
	traffic(p0, p1, vcs, 3, 20000, 60, 1514, "p0->p1 random sizes");
	traffic(p1, p0, vcs, 3, 5000, 60, 1514, "p1->p0 random sizes");
	for (v = 0; v < 3; v++) {
		uint16_t vpi = rte_pmd_mcm_vc_vpi(vcs[v]), vci = rte_pmd_mcm_vc_vci(vcs[v]);

		CHECK(rte_pmd_mcm_vc_stats_get(p0, vpi, vci, &s0) == 0 &&
		      rte_pmd_mcm_vc_stats_get(p1, vpi, vci, &s1) == 0, "vc stats %u/%u", vpi, vci);
		CHECK(s0.tx_pdus == s1.rx_pdus && s0.tx_bytes == s1.rx_bytes &&
		      s0.tx_cells == s1.rx_cells && s0.tx_pdus > 0,
		      "VC %u/%u p0 tx %" PRIu64 " pdus %" PRIu64 " B, p1 rx %" PRIu64 " pdus %"
		      PRIu64 " B", vpi, vci, s0.tx_pdus, s0.tx_bytes, s1.rx_pdus, s1.rx_bytes);
		CHECK(s1.rx_crc_errors + s1.rx_len_errors + s1.rx_oversize + s1.rx_aborts +
		      s1.rx_encap_errors == 0, "VC %u/%u has rx errors", vpi, vci);
	}
	rte_eth_stats_get(p0, &e0);
	rte_eth_stats_get(p1, &e1);
	CHECK(e0.opackets == 25000 - 5000 && e1.ipackets == 20000 && e1.opackets == 5000 &&
	      e0.ipackets == 5000, "port counters p0 %" PRIu64 "/%" PRIu64 " p1 %" PRIu64
	      "/%" PRIu64, e0.opackets, e0.ipackets, e1.opackets, e1.ipackets);
	CHECK(e0.ierrors == 0 && e1.ierrors == 0 && e0.oerrors == 0 && e1.oerrors == 0,
	      "errors");
	CHECK(e0.obytes == e1.ibytes, "bytes p0 out %" PRIu64 " p1 in %" PRIu64, e0.obytes,
	      e1.ibytes);
}

/* Frames with no VC field: MAC binding first, then the default VC */
static void
test_bindings(void)
{
	struct rte_mbuf *b[4];
	unsigned int got = 0, on_bound = 0, on_default = 0, tries;
	uint64_t no_vc;
	int i;

	CHECK(rte_pmd_mcm_bind_mac(p0, &mac_bound, 0, 101) == 0, "bind mac");
	CHECK(rte_pmd_mcm_bind_mac(p0, &mac_bound, 0, 31) == -EPERM, "bind mac reserved");
	CHECK(rte_pmd_mcm_bind_mac(p0, &mac_bound, 0, 999) == -ENOENT, "bind mac unknown VC");
	b[0] = test_frame_make(mp, 100, 1, &mac_bound);
	b[1] = test_frame_make(mp, 100, 2, &mac_other);
	CHECK(rte_eth_tx_burst(p0, 0, b, 2) == 2, "tx");
	for (tries = 0; got < 2 && tries < 1000; tries++) {
		uint16_t r = rte_eth_rx_burst(p1, 0, b, 4), k;

		for (k = 0; k < r; k++) {
			rte_pmd_mcm_vc_t vc = 0;

			rte_pmd_mcm_mbuf_get_vc(b[k], &vc);
			if (vc == rte_pmd_mcm_vc(0, 101))
				on_bound++;
			if (vc == rte_pmd_mcm_vc(0, 100))
				on_default++;
			rte_pktmbuf_free(b[k]);
			got++;
		}
		rte_delay_us(100);
	}
	CHECK(on_bound == 1 && on_default == 1, "MAC binding %u, default %u", on_bound,
	      on_default);
	/* no default VC and no binding: dropped and counted */
	CHECK(rte_pmd_mcm_unbind_mac(p0, &mac_bound) == 0, "unbind");
	CHECK(rte_pmd_mcm_unbind_mac(p0, &mac_bound) == -ENOENT, "unbind twice");
	CHECK(rte_pmd_mcm_pvc_add(p0, 0, 400, RTE_PMD_MCM_ENCAP_PORT) == 0, "add 0/400");
	CHECK(rte_pmd_mcm_bind_default(p0, 0, 400) == 0, "default 0/400");
	CHECK(rte_pmd_mcm_pvc_del(p0, 0, 400) == 0, "del 0/400");
	{
		rte_pmd_mcm_vc_t vc;

		CHECK(rte_pmd_mcm_default_vc_get(p0, &vc) == -ENOENT,
		      "deleting the default VC leaves no default");
	}
	no_vc = xstat(p0, "tx_no_vc_drops");
	for (i = 0; i < 4; i++)
		b[i] = test_frame_make(mp, 64, 9, &mac_other);
	CHECK(rte_eth_tx_burst(p0, 0, b, 4) == 4, "frames without VC are consumed");
	CHECK(xstat(p0, "tx_no_vc_drops") == no_vc + 4, "no-VC drops counted");
	CHECK(rte_pmd_mcm_bind_default(p0, 0, 100) == 0, "default back to 0/100");
}

static void
test_encap_and_unknown(void)
{
	const rte_pmd_mcm_vc_t vcmux = rte_pmd_mcm_vc(0, 102);
	struct rte_pmd_mcm_vc_info info;
	struct rte_pmd_mcm_vc_stats st;
	struct rte_mbuf *m;
	uint64_t unknown;
	int i;

	CHECK(rte_pmd_mcm_pvc_add(p0, 0, 102, RTE_PMD_MCM_ENCAP_VCMUX) == 0, "vcmux p0");
	CHECK(rte_pmd_mcm_pvc_add(p1, 0, 102, RTE_PMD_MCM_ENCAP_VCMUX) == 0, "vcmux p1");
	CHECK(rte_pmd_mcm_vc_info_get(p1, 0, 102, &info) == 0 &&
	      info.encap == RTE_PMD_MCM_ENCAP_VCMUX && info.state == RTE_PMD_MCM_VC_ACTIVE,
	      "vcmux info");
	traffic(p0, p1, &vcmux, 1, 2000, 60, 1514, "vc-mux");
	/* encapsulation mismatch: VC-mux sent, LLC expected (the other way round cannot be
	 * told: a VC-mux receiver takes the LLC header's first two bytes for the pad)
	 */
	CHECK(rte_pmd_mcm_pvc_add(p0, 0, 103, RTE_PMD_MCM_ENCAP_VCMUX) == 0, "vcmux p0");
	CHECK(rte_pmd_mcm_pvc_add(p1, 0, 103, RTE_PMD_MCM_ENCAP_LLC) == 0, "llc p1");
	for (i = 0; i < 10; i++) {
		m = test_frame_make(mp, 200, (uint32_t)i, &mac_other);
		rte_pmd_mcm_mbuf_set_vc(m, rte_pmd_mcm_vc(0, 103));
		rte_eth_tx_burst(p0, 0, &m, 1);
	}
	for (i = 0; i < 100; i++) {
		struct rte_mbuf *b[8];
		uint16_t r = rte_eth_rx_burst(p1, 0, b, 8);

		CHECK(r == 0, "mismatched frame delivered");
		rte_pktmbuf_free_bulk(b, r);
		rte_delay_us(100);
	}
	CHECK(rte_pmd_mcm_vc_stats_get(p1, 0, 103, &st) == 0 && st.rx_encap_errors == 10,
	      "encap errors %" PRIu64, st.rx_encap_errors);
	/* unknown VC at the receiver */
	CHECK(rte_pmd_mcm_pvc_add(p0, 7, 777, RTE_PMD_MCM_ENCAP_LLC) == 0, "7/777 on p0");
	unknown = xstat(p1, "rx_unknown_vc_cells");
	m = test_frame_make(mp, 1000, 1, &mac_other);
	rte_pmd_mcm_mbuf_set_vc(m, rte_pmd_mcm_vc(7, 777));
	CHECK(rte_eth_tx_burst(p0, 0, &m, 1) == 1, "tx unknown");
	for (i = 0; i < 100 && xstat(p1, "rx_unknown_vc_cells") == unknown; i++) {
		struct rte_mbuf *b[8];

		rte_pktmbuf_free_bulk(b, rte_eth_rx_burst(p1, 0, b, 8));
		rte_delay_us(100);
	}
	/* 1000 + 14... : 1010-byte SDU = 22 cells */
	CHECK(xstat(p1, "rx_unknown_vc_cells") == unknown + 22, "unknown VC cells %" PRIu64,
	      xstat(p1, "rx_unknown_vc_cells") - unknown);
	CHECK(rte_pmd_mcm_pvc_del(p0, 7, 777) == 0 && rte_pmd_mcm_pvc_del(p0, 0, 103) == 0 &&
	      rte_pmd_mcm_pvc_del(p1, 0, 103) == 0, "cleanup");
}

/* Frames the TX path cannot finish in place: chained segments, and a shared (cloned) mbuf
 * whose data must not be written; both take the gathering path and must arrive intact.
 */
static void
test_chained_and_shared(void)
{
	struct rte_mbuf *b[BURST], *m, *seg2, *seg3, *clone;
	unsigned int got = 0, ok = 0, tries;
	uint32_t seq;
	uint8_t *p;

	m = test_frame_make(mp, 700, 41, &mac_other);
	seg2 = rte_pktmbuf_alloc(mp);
	seg3 = rte_pktmbuf_alloc(mp);
	if (m == NULL || seg2 == NULL || seg3 == NULL) {
		CHECK(0, "alloc");
		return;
	}
	/* move bytes 300..699 of the frame into two more segments */
	p = rte_pktmbuf_mtod(m, uint8_t *);
	memcpy(rte_pktmbuf_append(seg2, 250), p + 300, 250);
	memcpy(rte_pktmbuf_append(seg3, 150), p + 550, 150);
	rte_pktmbuf_trim(m, 400);
	CHECK(rte_pktmbuf_chain(m, seg2) == 0 && rte_pktmbuf_chain(m, seg3) == 0, "chain");
	rte_pmd_mcm_mbuf_set_vc(m, rte_pmd_mcm_vc(1, 200));
	clone = test_frame_make(mp, 1200, 42, &mac_other);
	rte_pmd_mcm_mbuf_set_vc(clone, rte_pmd_mcm_vc(1, 200));
	rte_mbuf_refcnt_update(clone, 1);  /* the application keeps a reference */
	b[0] = m;
	b[1] = clone;
	CHECK(rte_eth_tx_burst(p0, 0, b, 2) == 2, "tx chained and shared");
	CHECK(rte_mbuf_refcnt_read(clone) == 1 && test_frame_ok(clone, &seq) && seq == 42,
	      "the shared frame is unchanged after TX");
	rte_pktmbuf_free(clone);
	for (tries = 0; got < 2 && tries < 1000; tries++) {
		uint16_t r = rte_eth_rx_burst(p1, 0, b, BURST), k;

		for (k = 0; k < r; k++, got++) {
			if (test_frame_ok(b[k], &seq) && (seq == 41 || seq == 42))
				ok++;
			rte_pktmbuf_free(b[k]);
		}
		rte_delay_us(100);
	}
	CHECK(got == 2 && ok == 2, "chained and shared frames: %u received, %u intact", got, ok);
}

static void
test_reserved(void)
{
	struct rte_pmd_mcm_vc_info info[64];
	unsigned int total = 0;
	int n, i;

	for (i = 0; i < 32; i++) {
		CHECK(rte_pmd_mcm_pvc_add(p0, 0, (uint16_t)i, RTE_PMD_MCM_ENCAP_LLC) == -EPERM,
		      "pvc add 0/%d must be refused", i);
	}
	CHECK(rte_pmd_mcm_pvc_del(p0, 0, 5) == -EPERM, "pvc del 0/5");
	CHECK(rte_pmd_mcm_bind_default(p0, 0, 5) == -EPERM, "bind default 0/5");
	CHECK(rte_pmd_mcm_vc_info_get(p0, 0, 5, &info[0]) == -ENOENT, "0/5 is not a client VC");
	CHECK(rte_pmd_mcm_pvc_add(p0, 0, 100, RTE_PMD_MCM_ENCAP_LLC) == -EEXIST, "duplicate");
	CHECK(rte_pmd_mcm_pvc_del(p0, 0, 4242) == -ENOENT, "delete unknown");
	CHECK(rte_pmd_mcm_pvc_add(p0, 4096, 100, RTE_PMD_MCM_ENCAP_LLC) == -EINVAL, "VPI 4096");
	n = rte_pmd_mcm_vc_list(p0, info, 64, 0, &total);
	CHECK(n > 0 && (unsigned int)n == total, "list %d of %u", n, total);
	for (i = 0; i < n; i++) {
		CHECK(info[i].vci >= 32, "listed reserved VC %u/%u", info[i].vpi, info[i].vci);
		if (i > 0)
			CHECK(rte_pmd_mcm_vc(info[i - 1].vpi, info[i - 1].vci) <
			      rte_pmd_mcm_vc(info[i].vpi, info[i].vci), "list order");
	}
	CHECK(rte_pmd_mcm_pvc_add(7, 0, 100, RTE_PMD_MCM_ENCAP_LLC) == -ENODEV, "not mcm");
	/* send on a VC that is not active: nothing sent, counted */
	{
		struct rte_mbuf *m = test_frame_make(mp, 64, 1, &mac_other);
		uint64_t before = xstat(p0, "tx_no_vc_drops");

		rte_pmd_mcm_mbuf_set_vc(m, rte_pmd_mcm_vc(0, 5));
		CHECK(rte_eth_tx_burst(p0, 0, &m, 1) == 1, "consumed");
		CHECK(xstat(p0, "tx_no_vc_drops") == before + 1, "send on 0/5 refused");
	}
}

static void
drain(uint16_t port)
{
	struct rte_mbuf *b[BURST];
	int i;

	for (i = 0; i < 200; i++) {
		uint16_t r = rte_eth_rx_burst(port, 0, b, BURST);

		rte_pktmbuf_free_bulk(b, r);
		rte_delay_us(100);
	}
}

/* A PW frame header as the driver sends it: broadcast, MPLS label 16 with S, then a CW */
static uint32_t
pw_header(uint8_t *p)
{
	static const uint8_t hdr[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 9,
				       0x88, 0x47, 0x00, 0x01, 0x01, 0xff, 0, 0, 0, 0 };

	memcpy(p, hdr, sizeof(hdr));
	return sizeof(hdr);
}

static void
put_cell(uint8_t *p, uint16_t vpi, uint16_t vci, uint8_t pti)
{
	uint32_t w = ((uint32_t)vpi << 20) | ((uint32_t)vci << 4) | ((uint32_t)pti << 1);

	p[0] = (uint8_t)(w >> 24);
	p[1] = (uint8_t)(w >> 16);
	p[2] = (uint8_t)(w >> 8);
	p[3] = (uint8_t)w;
}

/*
 * Hostile input on the wire: frames sent straight on net_memif0 (owned by net_mcm0, but
 * its ethdev still sends) reach net_mcm1's RX. Random bytes, truncated and malformed
 * headers, wrong labels, bad control words, partial cells, cells on reserved and unknown
 * VCs, OAM cells, and cells of a known VC with random payloads: nothing may crash, nothing
 * bad may be delivered, and every kind is counted where it belongs.
 */
static void
test_hostile_frames(void)
{
	uint64_t bad0 = xstat(p1, "rx_pw_bad_frames"), unk0 = xstat(p1, "rx_unknown_vc_cells");
	uint64_t res0 = xstat(p1, "rx_reserved_vc_cells"), oam0 = xstat(p1, "rx_oam_cells");
	uint64_t aal0 = xstat(p1, "rx_aal5_errors");
	unsigned int round, delivered = 0, garbage = 0, i;
	uint16_t lower0;

	if (rte_eth_dev_get_port_by_name("net_memif0", &lower0) != 0) {
		CHECK(0, "net_memif0");
		return;
	}
	for (round = 0; round < 400; round++) {
		struct rte_mbuf *b[BURST];
		uint16_t k, r;

		for (k = 0; k < 8; k++) {
			struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
			uint32_t kind = (round * 8 + k) % 8, len, off, c, ncells;
			uint8_t *p;

			if (m == NULL)
				break;
			p = (uint8_t *)rte_pktmbuf_append(m, 1514);
			for (i = 0; i < 1514; i++)
				p[i] = (uint8_t)rnd();
			off = pw_header(p);
			ncells = 1 + rnd() % 28;
			len = off + ncells * 52;
			switch (kind) {
			case 0: /* random bytes of random length */
				len = rnd() % 1515;
				break;
			case 1: /* truncated inside the headers */
				len = rnd() % off;
				break;
			case 2: /* wrong label, or no bottom of stack */
				p[14 + (rnd() % 2 ? 1 : 2)] ^= 0x10;
				break;
			case 3: /* control word with its first nibble set, or a bad length */
				p[18] = (uint8_t)(0x10 << (rnd() % 4));
				p[19] = (uint8_t)rnd();
				break;
			case 4: /* a partial cell at the end */
				len -= 1 + rnd() % 51;
				break;
			case 5: /* cells on reserved VCIs and OAM cells */
				for (c = 0; c < ncells; c++)
					put_cell(p + off + c * 52, (uint16_t)(rnd() % 4),
						 (uint16_t)(rnd() % 32), (uint8_t)(rnd() % 8));
				for (c = 0; c < ncells; c += 2)
					put_cell(p + off + c * 52, 0, 100,
						 (uint8_t)(4 + rnd() % 4));
				break;
			case 6: /* unknown VCs */
				for (c = 0; c < ncells; c++)
					put_cell(p + off + c * 52, (uint16_t)(3000 + rnd() % 1000),
						 (uint16_t)(32 + rnd() % 60000),
						 (uint8_t)(rnd() % 4));
				break;
			default: /* a known VC with random payloads and AUU bits */
				for (c = 0; c < ncells; c++)
					put_cell(p + off + c * 52, 0, 100, (uint8_t)(rnd() % 2));
				break;
			}
			rte_pktmbuf_trim(m, (uint16_t)(1514 - RTE_MAX(len, 1u)));
			b[k] = m;
		}
		r = rte_eth_tx_burst(lower0, 0, b, k);
		rte_pktmbuf_free_bulk(&b[r], k - r);
		r = rte_eth_rx_burst(p1, 0, b, BURST);
		for (i = 0; i < r; i++) {
			uint32_t seq;

			delivered++;
			/* a random PDU may pass CRC-32 only with odds of 2^-32 */
			if (!test_frame_ok(b[i], &seq))
				garbage++;
		}
		rte_pktmbuf_free_bulk(b, r);
	}
	drain(p1);
	CHECK(garbage == 0, "%u of %u delivered frames were garbage", garbage, delivered);
	CHECK(xstat(p1, "rx_pw_bad_frames") > bad0 + 100, "bad frames counted");
	CHECK(xstat(p1, "rx_unknown_vc_cells") > unk0 + 100, "unknown-VC cells counted");
	CHECK(xstat(p1, "rx_reserved_vc_cells") > res0 + 100, "reserved-VC cells counted");
	CHECK(xstat(p1, "rx_oam_cells") > oam0 + 50, "OAM cells counted");
	CHECK(xstat(p1, "rx_aal5_errors") > aal0 + 20, "AAL5 errors counted");
	CHECK(xstat(p1, "rx_foreign_frames") > 50, "foreign frames counted");
	/* Another EtherType (ARP) or another pseudowire's label: not ours, counted apart and
	 * not as errors (a real L2 segment carries them).
	 */
	{
		uint64_t bad1 = xstat(p1, "rx_pw_bad_frames");
		uint64_t for1 = xstat(p1, "rx_foreign_frames");
		struct rte_eth_stats st0, st1;
		struct rte_mbuf *b[BURST];
		uint16_t k, r, sent = 0;

		rte_eth_stats_get(p1, &st0);
		for (k = 0; k < 16; k++) {
			struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
			uint8_t *p;
			uint32_t off;

			if (m == NULL)
				break;
			p = (uint8_t *)rte_pktmbuf_append(m, 200);
			if (p == NULL) {
				rte_pktmbuf_free(m);
				break;
			}
			memset(p, 0, 200);
			off = pw_header(p);
			put_cell(p + off, 0, 100, 1);
			if (k % 2) {
				p[12] = 0x08;   /* ARP */
				p[13] = 0x06;
			} else {
				p[15] ^= 0x10;  /* label 17, S set: another pseudowire */
			}
			b[k] = m;
		}
		while (sent < k) {
			r = rte_eth_tx_burst(lower0, 0, b + sent, k - sent);
			sent += r;
		}
		drain(p1);
		rte_eth_stats_get(p1, &st1);
		CHECK(xstat(p1, "rx_foreign_frames") == for1 + 16, "16 foreign frames: %" PRIu64,
		      xstat(p1, "rx_foreign_frames") - for1);
		CHECK(xstat(p1, "rx_pw_bad_frames") == bad1, "foreign frames are not bad frames");
		CHECK(st1.ierrors == st0.ierrors, "foreign frames are not errors (ierrors +%" PRIu64
		      ")", st1.ierrors - st0.ierrors);
	}
	/* the VC still works afterwards */
	{
		const rte_pmd_mcm_vc_t vc = rte_pmd_mcm_vc(0, 100);
		struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
		uint8_t *p = m ? (uint8_t *)rte_pktmbuf_append(m, 22 + 52) : NULL;

		/* AAL5 has no start-of-PDU mark (I.363.5): a partial PDU the random cells left
		 * on 0/100 would take the next PDU with it. One end-of-PDU cell closes it (and
		 * is itself dropped as an AAL5 error), as a real peer's next PDU would.
		 */
		CHECK(p != NULL, "end-of-PDU cell");
		if (p != NULL) {
			memset(p, 0, 22 + 52);
			put_cell(p + pw_header(p), 0, 100, 1);
			while (rte_eth_tx_burst(lower0, 0, &m, 1) == 0)
				rte_delay_us(10);
		} else {
			rte_pktmbuf_free(m);
		}
		drain(p1);
		traffic(p0, p1, &vc, 1, 500, 60, 1514, "after hostile input");
	}
}

/*
 * The VCI map grows with the VCs in use, not with the VCI space (it was a 128 KiB page a
 * VPI): a VC on a new VPI costs its directory, and starts an affine chunk of 4,096 VCIs that
 * holds no entries; a VC in the same chunk costs nothing when its slot follows the rule, else
 * (here the slots come as earlier tests left the free list) the chunk's 16 KiB of entries,
 * once; a further VC in that chunk nothing; a VC in another chunk starts another affine one.
 */
static void
test_vci_map_memory(void)
{
	static const struct {
		uint16_t vpi, vci;
		size_t max;
		const char *what;
	} step[] = {
		{ 77, 4000, 512, "a VC on a new VPI" },
		{ 77, 4001, 16384 + 512, "a VC in the same chunk" },
		{ 77, 4002, 512, "a third VC in the same chunk" },
		{ 77, 60000, 512, "a VC in another chunk" },
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(step); i++) {
		size_t h0 = heap_allocated(), grown;

		CHECK(rte_pmd_mcm_pvc_add(p0, step[i].vpi, step[i].vci,
					  RTE_PMD_MCM_ENCAP_LLC) == 0, "%s added", step[i].what);
		grown = heap_allocated() - h0;
		CHECK(grown <= step[i].max, "%s: the heap grew %zu bytes (at most %zu)",
		      step[i].what, grown, step[i].max);
		CHECK(rte_pmd_mcm_vc_info_get(p0, step[i].vpi, step[i].vci, &(struct
		      rte_pmd_mcm_vc_info){ 0 }) == 0, "%s found", step[i].what);
	}
	for (i = 0; i < RTE_DIM(step); i++)
		CHECK(rte_pmd_mcm_pvc_del(p0, step[i].vpi, step[i].vci) == 0, "%s deleted",
		      step[i].what);
	CHECK(rte_pmd_mcm_vc_info_get(p0, 77, 4000, &(struct rte_pmd_mcm_vc_info){ 0 }) ==
	      -ENOENT, "gone after the delete");
}

static volatile int churn_stop;
static unsigned int churn_rx;
static uint64_t churn_worst_ctl_tsc;  /* the worker's longest stats+link read */

static int
churn_worker(void *arg)
{
	RTE_SET_USED(arg);
	while (!churn_stop) {
		struct rte_mbuf *b[BURST];
		struct rte_eth_stats st;
		struct rte_eth_link link;
		uint64_t t0;
		uint16_t k, r;

		/* what a forwarding lcore reads between bursts: it must never wait for the
		 * control thread's commands (issue 8: no control call stalls a forwarding lcore)
		 */
		t0 = rte_rdtsc();
		if (rte_eth_stats_get(p0, &st) != 0 || rte_eth_link_get_nowait(p0, &link) != 0)
			churn_worst_ctl_tsc = UINT64_MAX;
		else
			churn_worst_ctl_tsc = RTE_MAX(churn_worst_ctl_tsc, rte_rdtsc() - t0);

		for (k = 0; k < BURST; k++) {
			b[k] = test_frame_make(mp, 60 + rnd() % 1400, k, &mac_other);
			if (b[k] == NULL)
				break;
			rte_pmd_mcm_mbuf_set_vc(b[k], rte_pmd_mcm_vc(0, k % 2 ? 101 : 100));
		}
		r = rte_eth_tx_burst(p0, 0, b, k);
		rte_pktmbuf_free_bulk(&b[r], k - r);
		r = rte_eth_rx_burst(p1, 0, b, BURST);
		churn_rx += r;
		rte_pktmbuf_free_bulk(b, r);
	}
	return 0;
}

static void
test_delete_under_traffic(void)
{
	unsigned int lcore = rte_get_next_lcore(-1, 1, 0), i;
	uint64_t drops0, drops;
	int ok = 1;

	/* EAL runs with -l 0-1: a missing worker lcore is a broken set-up, not a skip */
	CHECK(lcore < RTE_MAX_LCORE, "a worker lcore for the churn (EAL -l 0-1)");
	if (lcore >= RTE_MAX_LCORE)
		return;
	drops0 = xstat(p0, "tx_vc_inactive_drops") + xstat(p0, "tx_no_vc_drops") +
		 xstat(p1, "rx_unknown_vc_cells");
	churn_stop = 0;
	churn_worst_ctl_tsc = 0;
	rte_eal_remote_launch(churn_worker, NULL, lcore);
	for (i = 0; i < 200 && ok; i++) {
		ok &= rte_pmd_mcm_pvc_del(p1, 0, 101) == 0;
		rte_delay_us(200);
		ok &= rte_pmd_mcm_pvc_del(p0, 0, 101) == 0;
		ok &= rte_pmd_mcm_pvc_add(p0, 0, 101, RTE_PMD_MCM_ENCAP_LLC) == 0;
		rte_delay_us(200);
		ok &= rte_pmd_mcm_pvc_add(p1, 0, 101, RTE_PMD_MCM_ENCAP_LLC) == 0;
		ok &= rte_pmd_mcm_bind_mac(p0, &mac_bound, 0, 101) == 0;
	}
	churn_stop = 1;
	rte_eal_wait_lcore(lcore);
	CHECK(ok, "delete/add cycle %u failed", i);
	CHECK(churn_rx > 0, "traffic flowed during the churn (%u frames)", churn_rx);
	/* the bound is loose (a shared 2-core CI machine preempts threads); a command wait
	 * would show as seconds (MCM_CMD_TIMEOUT_S), a failed read as UINT64_MAX
	 */
	CHECK(churn_worst_ctl_tsc < rte_get_tsc_hz() / 2,
	      "stats and link read from the forwarding lcore during the churn: worst %.3f ms",
	      (double)churn_worst_ctl_tsc * 1e3 / (double)rte_get_tsc_hz());
	printf("# stats+link read during the churn: worst %.3f ms\n",
	       (double)churn_worst_ctl_tsc * 1e3 / (double)rte_get_tsc_hz());
	/* 0/101 is gone on p1 for 200 us while p0 still sends on it, and gone on p0 while the
	 * worker's frames name it: the lost frames must show in a counter (tx drops on p0,
	 * unknown-VC cells on p1), never vanish silently.
	 */
	drops = xstat(p0, "tx_vc_inactive_drops") + xstat(p0, "tx_no_vc_drops") +
		xstat(p1, "rx_unknown_vc_cells") - drops0;
	CHECK(drops > 0, "drops counted during the churn (%" PRIu64 ")", drops);
}

/* Two queues on each port: queue i runs on lower queue i (memif pairs queue i with the
 * peer's queue i), each with its own reassembly state, counters and RCU reader ids.
 */
static void
test_two_queues(void)
{
	const rte_pmd_mcm_vc_t vcs[2] = { rte_pmd_mcm_vc(0, 100), rte_pmd_mcm_vc(1, 200) };
	struct rte_pmd_mcm_vc_stats st;
	uint16_t q;

	rte_eth_dev_stop(p0);
	rte_eth_dev_stop(p1);
	CHECK(test_port_up(p0, 2, mp) == 0 && test_port_up(p1, 2, mp) == 0, "two queues");
	CHECK(test_wait_link(p0, 5000) == 0 && test_wait_link(p1, 5000) == 0,
	      "link with two queues");
	traffic_rx_queues = 2;
	for (q = 0; q < 2; q++) {
		traffic_queue = q;
		traffic(p0, p1, vcs, 2, 3000, 60, 1514, q ? "queue 1" : "queue 0");
	}
	traffic_queue = 0;
	traffic_rx_queues = 1;
	CHECK(rte_pmd_mcm_vc_stats_get(p1, 1, 200, &st) == 0 && st.rx_crc_errors == 0 &&
	      st.rx_len_errors == 0, "no AAL5 errors with two queues");
	/* a PVC removed while both queues hold reassembly state for it */
	CHECK(rte_pmd_mcm_pvc_del(p1, 1, 200) == 0 &&
	      rte_pmd_mcm_pvc_add(p1, 1, 200, RTE_PMD_MCM_ENCAP_LLC) == 0, "del/add");
}

int
main(int argc, char **argv)
{
	unsigned int baseline, in_use;
	uint16_t pid, n = 0;

	RTE_SET_USED(argc);
	if (test_memif_pair(argv[0], "pvc=[0/100,0/101,1/200]",
			    "pvc=0/100,pvc=0/101,pvc=1/200,pw_label=16", NB_MBUF,
			    &p0, &p1, &mp) != 0)
		return 1;
	RTE_ETH_FOREACH_DEV(pid)
		n++;
	CHECK(n == 2, "the application sees %u ports, expected the 2 mcm ports", n);
	CHECK(rte_pmd_mcm_is_mcm_port(p0) && !rte_pmd_mcm_is_mcm_port(0), "is_mcm_port");
	baseline = rte_mempool_in_use_count(mp);
	test_random_traffic();
	test_partial_burst();
	test_bindings();
	test_hash_binding();
	test_encap_and_unknown();
	test_chained_and_shared();
	test_hostile_frames();
	test_reserved();
	test_vci_map_memory();
	test_delete_under_traffic();
	test_two_queues();
	drain(p0);
	drain(p1);
	rte_eth_dev_stop(p0);
	rte_eth_dev_stop(p1);
	rte_eth_dev_close(p0);
	rte_eth_dev_close(p1);
	in_use = rte_mempool_in_use_count(mp);
	CHECK(in_use == baseline, "mempool in use %u after close, baseline %u", in_use, baseline);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return test_summary();
}
