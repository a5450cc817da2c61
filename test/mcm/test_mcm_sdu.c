/* SPDX-License-Identifier: BSD-3-Clause
 * AAL5 CPCS-SDU and PDU mode PVCs (RFC 4717 9, 10): two mcm ports on net_ring ports whose
 * rings this test carries frames between, so it sees every PW frame on the wire. PVC 0/100
 * is in SDU mode with label 200, PVC 0/101 in N:1 cell mode on the port's label 16, PVC
 * 0/102 in PDU mode with label 300.
 *  - the frame on the wire: Ethernet, the VC's label (bottom of stack), a control word with
 *    flags 0, the length when under 64 bytes with the CW (RFC 4385 3) and sequence 0, then
 *    the RFC 2684 header and the frame whole: no cells, no AAL5 trailer
 *  - traffic both ways, random sizes, the VCs mixed in each burst (and a second cell mode VC,
 *    0/104 with VC-mux, for a while): every frame whole, on its VC, in order; each VC's
 *    counters the same on the sender and the receiver; the SDU VC counts PDUs and no cells
 *  - the frame sent from the application's own mbuf when it has headroom (no copy), from a
 *    frame of the driver's pool when not (an indirect mbuf)
 *  - hostile frames: an unknown label (not ours, counted as foreign), a bad CW nibble (bad
 *    frame), T = 1 (an OAM cell: counted, not delivered), a short SDU, the wrong RFC 2684
 *    header: none delivered, each counted; each of them again between two good frames of
 *    one burst, with good frames the receive fast path must take or hand back (another TTL
 *    and TC, an outer label, link padding): the good ones all delivered in order
 *  - the mbufs frames come in: a cell mode PDU's fresh from a pool the application left
 *    dirty (headroom, flags as after a reset); an SDU mode frame's clone or pinned external
 *    buffer kept as such, every buffer back in its pool once freed
 *  - an SDU larger than one PW frame carries is refused as too big; a label taken twice or
 *    the port's own label refused; PVC delete frees the label
 *  - PDU mode on the wire: the generic CW (M = 1, V = 0, U on the last fragment, sequence
 *    0), the CPCS-PDU in whole 48-byte blocks with a trailer whose length and CRC-32 (checked
 *    here by a bitwise CRC of our own, I.363.5) are right; a 1,500-byte frame in two
 *    fragments of 31 and 1 blocks, reassembled by the receiver
 *  - PDU mode hostile frames: bad CW nibble, M = 0, V = 1, a payload not in 48-byte blocks,
 *    none; a bad CRC; a lost last fragment (the next PDU merged: one error, the one after
 *    delivered)
 *  - the mempool back to its baseline
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
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "mcm_check.h"
#include "mcm_crc_ref.h"
#include "mcm_test.h"
#include "mcm_test_wire.h"
#include "mcm_test_pw.h"
#include "rte_pmd_mcm.h"

#define SDU_LABEL 200
#define PDU_LABEL 300
#define BURST 32
#define NVC 4   /* the SDU, cell, PDU mode VCs, and a cell mode VC with VC-mux (test_traffic) */

static struct rte_mempool *mp;
static struct wire_rings ends;   /* the rings of the two ends */
static uint16_t pa, pb;
static rte_pmd_mcm_vc_t vc_sdu, vc_cells, vc_pdu, vc_cells2;

/* The RFC 2684 LLC header of a bridged Ethernet frame without FCS (00-07) and its pad. */
static const uint8_t llc_bridged[10] = { 0xaa, 0xaa, 0x03, 0x00, 0x80, 0xc2, 0x00, 0x07, 0, 0 };

/* Cells of the AAL5 SDU and PDU mode VCs seen in N:1 cell frames on the wire (carry): each
 * of those VCs has a pseudowire of its own, so there must be none.
 */
static unsigned int wire_misplaced;

/* Count in wire_misplaced the cells of @p w, if it is an N:1 PW frame (one label, not an SDU
 * or PDU mode label; CW, 52-byte cells), whose VCI is the SDU or the PDU mode VC's.
 */
static void
wire_check(const struct rte_mbuf *w)
{
	const uint8_t *p = rte_pktmbuf_mtod(w, const uint8_t *);
	uint32_t lse, off;

	if (w->data_len < 22 || p[12] != 0x88 || p[13] != 0x47)
		return;
	lse = wire_be32(p + 14);
	if (lse >> 12 == SDU_LABEL || lse >> 12 == PDU_LABEL || !(lse & 0x100))
		return;
	for (off = 22; off + 52 <= w->data_len; off += 52) {
		uint16_t vci = (uint16_t)(wire_be32(p + off) >> 4);

		wire_misplaced += vci == rte_pmd_mcm_vc_vci(vc_sdu) ||
				  vci == rte_pmd_mcm_vc_vci(vc_pdu);
	}
}

/* The wire from @p from to @p to, each frame looked at (wire_check). */
static unsigned int
carry(struct rte_ring *from, struct rte_ring *to)
{
	return wire_carry(from, to, wire_check);
}

/* Frames received on B (wire_rx_wait, wire_rx_all). */
static uint16_t
rx_wait(struct rte_mbuf **b, uint16_t n)
{
	return wire_rx_wait(pb, ends.b_rx, b, n);
}

static unsigned int
rx_all(struct rte_mbuf **out, unsigned int n)
{
	return wire_rx_all(pb, ends.b_rx, out, n);
}

/* 1. What an SDU mode frame looks like on the wire. */
static void
test_wire_format(void)
{
	const uint32_t lens[2] = { 30, 1000 };
	unsigned int i;

	printf("the SDU mode frame on the wire\n");
	for (i = 0; i < 2; i++) {
		struct rte_mbuf *m = test_frame_make(mp, lens[i], i, NULL), *f;
		const uint8_t *p;
		uint32_t lse, cw, seq;

		f = m != NULL ? wire_frame_of(pa, ends.a_tx, vc_sdu, m) : NULL;
		CHECK(f != NULL, "%u-byte frame on the wire", lens[i]);
		if (f == NULL)
			continue;
		p = rte_pktmbuf_mtod(f, const uint8_t *);
		lse = wire_be32(p + 14);
		cw = wire_be32(p + 18);
		CHECK(p[12] == 0x88 && p[13] == 0x47, "MPLS EtherType");
		CHECK(lse >> 12 == SDU_LABEL && (lse & 0x100) && (lse & 0xff) == 255,
		      "the VC's label %u, bottom of stack, TTL 255 (%u)", SDU_LABEL, lse >> 12);
		CHECK(cw >> 24 == 0 && (cw & 0xffff) == 0,
		      "CW: first nibble 0, flags T E C U 0, sequence 0 (%08x)", cw);
		CHECK(((cw >> 16) & 0x3f) == (lens[i] + 10 + 4 < 64 ? lens[i] + 10 + 4 : 0),
		      "CW length %u for a %u-byte SDU", (cw >> 16) & 0x3f, lens[i] + 10);
		CHECK(f->pkt_len == 14 + 4 + 4 + 10 + lens[i] &&
		      memcmp(p + 22, llc_bridged, 10) == 0,
		      "then the LLC header and the frame whole: %u bytes", f->pkt_len);
		if (i == 0) {
			/* a link that pads short frames (Ethernet's 60 bytes): the CW length tells
			 * the receiver where the SDU ends
			 */
			struct rte_mbuf *b[4];
			char *pad = rte_pktmbuf_append(f, 20);
			uint16_t r;

			if (pad != NULL)
				memset(pad, 0, 20);
			CHECK(pad != NULL && rte_ring_enqueue(ends.b_rx, f) == 0, "padded frame queued");
			r = rx_wait(b, RTE_DIM(b));
			CHECK(r == 1 && b[0]->pkt_len == lens[i] && test_frame_ok(b[0], &seq) &&
			      seq == i, "delivered without the padding (%u, %u bytes)", r,
			      r ? b[0]->pkt_len : 0);
			rte_pktmbuf_free_bulk(b, r);
			continue;
		}
		rte_pktmbuf_adj(f, 32);
		CHECK(test_frame_ok(f, &seq) && seq == i, "the frame itself, unchanged");
		rte_pktmbuf_free(f);
	}
}

/* Random sizes one way on the NVC VCs, in the same bursts. */
static void
traffic(uint16_t tx, struct rte_ring *tx_ring, uint16_t rx, struct rte_ring *rx_ring,
	unsigned int n, const char *what)
{
	const rte_pmd_mcm_vc_t vcs[NVC] = { vc_sdu, vc_cells, vc_pdu, vc_cells2 };
	/* an SDU mode PW frame carries 1,482-byte frames at lower MTU 1500; PDU mode
	 * fragments what does not fit one frame
	 */
	const uint32_t max_len[NVC] = { 1482, 1514, 1514, 1514 };
	uint32_t next[NVC] = { 0 }, expect[NVC] = { 0 };
	unsigned int sent = 0, got = 0, bad = 0, order = 0, idle = 0;

	while ((sent < n || got < n) && idle < 2000) {
		struct rte_mbuf *b[BURST];
		uint16_t k = 0, r, i;

		while (sent + k < n && k < BURST) {
			unsigned int v = rnd() % NVC;
			uint32_t seq = next[v]++ * NVC + v;

			b[k] = test_frame_make(mp, 60 + rnd() % (max_len[v] - 60 + 1), seq, NULL);
			if (b[k] == NULL)
				break;
			rte_pmd_mcm_mbuf_set_vc(b[k], vcs[v]);
			k++;
		}
		r = k ? rte_eth_tx_burst(tx, 0, b, k) : 0;
		for (i = r; i < k; i++) {
			uint32_t seq;

			memcpy(&seq, rte_pktmbuf_mtod(b[i], uint8_t *) + 14, 4);
			next[seq % NVC]--;
			rte_pktmbuf_free(b[i]);
		}
		sent += r;
		carry(tx_ring, rx_ring);
		r = rte_eth_rx_burst(rx, 0, b, BURST);
		idle = r ? 0 : idle + 1;
		for (i = 0; i < r; i++) {
			rte_pmd_mcm_vc_t vc;
			uint32_t seq;

			got++;
			if (!test_frame_ok(b[i], &seq) || rte_pmd_mcm_mbuf_get_vc(b[i], &vc) != 0 ||
			    vc != vcs[seq % NVC]) {
				bad++;
			} else {
				order += seq / NVC != expect[seq % NVC];
				expect[seq % NVC] = seq / NVC + 1;
			}
			rte_pktmbuf_free(b[i]);
		}
		/* nothing yet: the port's control thread may hold the queue a moment (it polls
		 * a queue it believes unpolled, and a loaded machine may preempt it there)
		 */
		if (r == 0)
			rte_delay_us(50);
	}
	CHECK(sent == n && got == n && bad == 0 && order == 0,
	      "%s: sent %u, received %u of %u, %u bad, %u out of order", what, sent, got, n, bad,
	      order);
}

/* VC @p vci's counters on @p port into @p st (zeros if it has none). */
static void
vc_stats(uint16_t port, uint16_t vci, struct rte_pmd_mcm_vc_stats *st)
{
	if (rte_pmd_mcm_vc_stats_get(port, 0, vci, st) != 0)
		memset(st, 0, sizeof(*st));
}

/*
 * 2. Traffic both ways, each burst's frames at random on an SDU mode VC, a PDU mode VC and
 * two cell mode VCs with RFC 2684 headers of different lengths (LLC, VC-mux), so that one
 * transmit pass over a burst's PDUs changes VC, header and header length from frame to
 * frame and stops at the other modes' frames. Each VC's counters on the sender equal the
 * receiver's, frame for frame, byte for byte, cell for cell, and add up to the frames sent.
 */
static void
test_traffic(void)
{
	static const uint16_t vcis[NVC] = { 100, 101, 102, 104 };
	struct rte_pmd_mcm_vc_stats st, tx0[NVC], tx1[NVC], rx0[NVC], rx1[NVC];
	uint64_t pdus = 0;
	unsigned int v;

	printf("traffic on an SDU mode VC, two cell mode VCs and a PDU mode VC\n");
	CHECK(rte_pmd_mcm_pvc_add(pa, 0, 104, RTE_PMD_MCM_ENCAP_VCMUX) == 0 &&
	      rte_pmd_mcm_pvc_add(pb, 0, 104, RTE_PMD_MCM_ENCAP_VCMUX) == 0,
	      "cell mode PVC 0/104, VC-mux, on both ports");
	for (v = 0; v < NVC; v++) {
		vc_stats(pa, vcis[v], &tx0[v]);
		vc_stats(pb, vcis[v], &rx0[v]);
	}
	traffic(pa, ends.a_tx, pb, ends.b_rx, 5000, "A->B");
	for (v = 0; v < NVC; v++) {
		vc_stats(pa, vcis[v], &tx1[v]);
		vc_stats(pb, vcis[v], &rx1[v]);
		pdus += tx1[v].tx_pdus - tx0[v].tx_pdus;
		CHECK(tx1[v].tx_pdus - tx0[v].tx_pdus == rx1[v].rx_pdus - rx0[v].rx_pdus &&
		      tx1[v].tx_bytes - tx0[v].tx_bytes == rx1[v].rx_bytes - rx0[v].rx_bytes &&
		      tx1[v].tx_cells - tx0[v].tx_cells == rx1[v].rx_cells - rx0[v].rx_cells &&
		      tx1[v].tx_pdus > tx0[v].tx_pdus,
		      "VC 0/%u: %" PRIu64 " frames, %" PRIu64 " bytes, %" PRIu64 " cells sent, %"
		      PRIu64 ", %" PRIu64 ", %" PRIu64 " received", vcis[v],
		      tx1[v].tx_pdus - tx0[v].tx_pdus, tx1[v].tx_bytes - tx0[v].tx_bytes,
		      tx1[v].tx_cells - tx0[v].tx_cells, rx1[v].rx_pdus - rx0[v].rx_pdus,
		      rx1[v].rx_bytes - rx0[v].rx_bytes, rx1[v].rx_cells - rx0[v].rx_cells);
	}
	CHECK(pdus == 5000, "the VCs' counters add up to the frames sent (%" PRIu64 ")", pdus);
	traffic(pb, ends.b_tx, pa, ends.a_rx, 5000, "B->A");
	CHECK(wire_misplaced == 0, "no cell of the SDU or PDU mode VC in an N:1 frame (%u)",
	      wire_misplaced);
	CHECK(rte_pmd_mcm_pvc_del(pa, 0, 104) == 0 && rte_pmd_mcm_pvc_del(pb, 0, 104) == 0,
	      "PVC 0/104 deleted");
	CHECK(rte_pmd_mcm_vc_stats_get(pb, 0, 100, &st) == 0 && st.rx_pdus > 1000 &&
	      st.rx_cells == 0 && st.tx_cells == 0 && st.tx_pdus > 1000,
	      "the SDU VC counts PDUs and no cell (rx %" PRIu64 " PDUs %" PRIu64 " cells)",
	      st.rx_pdus, st.rx_cells);
	CHECK(rte_pmd_mcm_vc_stats_get(pb, 0, 101, &st) == 0 && st.rx_cells > st.rx_pdus,
	      "the cell VC counts cells");
	CHECK(rte_pmd_mcm_vc_stats_get(pb, 0, 102, &st) == 0 && st.rx_pdus > 1000 &&
	      st.rx_cells > st.rx_pdus && st.tx_pdus > 1000 && st.rx_crc_errors == 0 &&
	      st.rx_len_errors == 0, "the PDU VC counts PDUs and blocks, no error (rx %" PRIu64
	      " PDUs %" PRIu64 " blocks)", st.rx_pdus, st.rx_cells);
}

/* 3. No headroom of its own to use: the frame is copied into one of the driver's. */
static void
test_copy_path(void)
{
	struct rte_mbuf *m = test_frame_make(mp, 300, 7, NULL), *clone, *f;
	uint32_t seq;

	printf("a frame the driver may not write into (a clone)\n");
	clone = m != NULL ? rte_pktmbuf_clone(m, mp) : NULL;
	f = clone != NULL ? wire_frame_of(pa, ends.a_tx, vc_sdu, clone) : NULL;
	CHECK(f != NULL && f->pkt_len == 32 + 300, "sent as a frame of its own (%u)",
	      f ? f->pkt_len : 0);
	if (f != NULL) {
		rte_pktmbuf_adj(f, 32);
		CHECK(test_frame_ok(f, &seq) && seq == 7, "its content copied whole");
		rte_pktmbuf_free(f);
	}
	CHECK(m != NULL && test_frame_ok(m, &seq) && seq == 7 && rte_mbuf_refcnt_read(m) == 1,
	      "the original untouched and released by the driver");
	rte_pktmbuf_free(m);
}

/*
 * 4. One burst through the SDU fast path and the general path in turn, in order: frames
 * that take their headers in their own headroom, a short one (the CW carries its length), a
 * clone (copied), a cell mode VC's frame in between, one too big for the VC's pseudowire
 * (dropped, counted).
 */
static void
test_burst_mix(void)
{
	static const struct {
		uint32_t len;
		bool cells, clone, dropped;
	} in[] = {
		{ 100 }, { 1000 }, { 30 }, { 200, false, true }, { 100, true }, { 400 },
		{ 1483, false, false, true }, { 60 }, { 500 },
	};
	struct rte_pmd_mcm_vc_stats st0, st1;
	struct rte_mbuf *b[RTE_DIM(in)], *orig[RTE_DIM(in)] = { NULL };
	uint64_t bytes = 0, pdus = 0;
	unsigned int i, k = 0, wire = 0, ok = 0;
	uint16_t sent;
	void *f = NULL;

	printf("one burst through the SDU fast path and the general path\n");
	CHECK(rte_pmd_mcm_vc_stats_get(pa, 0, 100, &st0) == 0, "VC counters before");
	for (i = 0; i < RTE_DIM(in); i++) {
		b[k] = test_frame_make(mp, in[i].len, i, NULL);
		if (b[k] == NULL)
			break;
		if (in[i].clone) {
			orig[i] = b[k];
			b[k] = rte_pktmbuf_clone(orig[i], mp);
			if (b[k] == NULL)
				break;
		}
		rte_pmd_mcm_mbuf_set_vc(b[k], in[i].cells ? vc_cells : vc_sdu);
		if (!in[i].cells && !in[i].dropped) {
			pdus++;
			bytes += in[i].len;
		}
		k++;
	}
	CHECK(k == RTE_DIM(in), "%u frames made", k);
	sent = rte_eth_tx_burst(pa, 0, b, (uint16_t)k);
	CHECK(sent == k, "the burst taken whole, the dropped frame too (%u of %u)", sent, k);
	for (i = sent; i < k; i++)
		rte_pktmbuf_free(b[i]);
	for (i = 0; i < RTE_DIM(in); i++) {
		struct rte_mbuf *w;
		const uint8_t *p;
		uint32_t seq, lse, cw, want_cw;

		if (in[i].dropped)
			continue;
		if (rte_ring_dequeue(ends.a_tx, &f) != 0)
			break;
		wire++;
		w = f;
		p = rte_pktmbuf_mtod(w, const uint8_t *);
		lse = wire_be32(p + 14);
		cw = wire_be32(p + 18);
		if (in[i].cells) {
			/* the port's own pseudowire, cells: not an SDU frame */
			ok += (lse >> 12) != SDU_LABEL && (w->pkt_len - 22) % 52 == 0;
			rte_pktmbuf_free(w);
			continue;
		}
		want_cw = in[i].len + 10 + 4 < 64 ? (in[i].len + 10 + 4) << 16 : 0;
		rte_pktmbuf_adj(w, 32);
		if (p[12] == 0x88 && p[13] == 0x47 && lse >> 12 == SDU_LABEL && (lse & 0x100) &&
		    (lse & 0xff) == 255 && cw == want_cw && memcmp(p + 22, llc_bridged, 10) == 0 &&
		    w->pkt_len == in[i].len && test_frame_ok(w, &seq) && seq == i)
			ok++;
		else
			printf("  frame %u: label %u cw %08x length %u\n", i, lse >> 12, cw,
			       w->pkt_len);
		rte_pktmbuf_free(w);
	}
	CHECK(wire == RTE_DIM(in) - 1 && ok == wire && rte_ring_count(ends.a_tx) == 0,
	      "on the wire in order, each with its headers: %u of %u frames right", ok, wire);
	CHECK(rte_pmd_mcm_vc_stats_get(pa, 0, 100, &st1) == 0 &&
	      st1.tx_pdus - st0.tx_pdus == pdus && st1.tx_bytes - st0.tx_bytes == bytes,
	      "the VC counted %" PRIu64 " frames, %" PRIu64 " bytes (%" PRIu64 ", %" PRIu64 ")",
	      pdus, bytes, st1.tx_pdus - st0.tx_pdus, st1.tx_bytes - st0.tx_bytes);
	for (i = 0; i < RTE_DIM(in); i++) {
		uint32_t seq;

		if (orig[i] == NULL)
			continue;
		CHECK(test_frame_ok(orig[i], &seq) && seq == i &&
		      rte_mbuf_refcnt_read(orig[i]) == 1,
		      "the clone's original untouched");
		rte_pktmbuf_free(orig[i]);
	}
}

/* A PW frame for B: label @p label, CW @p cw, then @p sdu of @p len bytes. */
static struct rte_mbuf *
hostile(uint32_t label, uint32_t cw, const uint8_t *sdu, uint32_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	uint8_t *p = m != NULL ? (uint8_t *)rte_pktmbuf_append(m, (uint16_t)(22 + len)) : NULL;

	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	test_pw_header(p, label, cw);
	memcpy(p + 22, sdu, len);
	return m;
}

/* SDUs for hostile frames: an LLC header then 0x5a, and 0x5a only (no LLC header) */
static uint8_t good_sdu[100], vcmux_sdu[100];

/* Frames no SDU VC may deliver, and the counter each belongs to (tests 5 and 5b). */
static const struct {
	uint32_t label, cw, len;
	const uint8_t *sdu;
	const char *counter, *what;
} hostile_cases[] = {
	{ 201, 0, 100, good_sdu, "rx_foreign_frames", "an unknown label" },
	{ SDU_LABEL, 0x10000000, 100, good_sdu, "rx_pw_bad_frames", "CW first nibble 1" },
	{ SDU_LABEL, 0x00000000, 0, good_sdu, "rx_pw_bad_frames", "no payload" },
	{ SDU_LABEL, 0x003f0000, 20, good_sdu, "rx_pw_bad_frames", "CW length past the end" },
	{ SDU_LABEL, 0x08000000, 100, good_sdu, "rx_oam_cells", "T = 1: an OAM cell" },
	{ SDU_LABEL, 0, 100, vcmux_sdu, "rx_encap_errors", "no LLC header on an LLC VC" },
	{ SDU_LABEL, 0, 20, good_sdu, "rx_encap_errors", "an SDU shorter than a frame" },
};

static void
hostile_sdus_init(void)
{
	memset(good_sdu, 0x5a, sizeof(good_sdu));
	memcpy(good_sdu, llc_bridged, sizeof(llc_bridged));
	memset(vcmux_sdu, 0x5a, sizeof(vcmux_sdu));
}

/* The wire frame of hostile case @p i. */
static struct rte_mbuf *
hostile_case(unsigned int i)
{
	return hostile(hostile_cases[i].label, hostile_cases[i].cw, hostile_cases[i].sdu,
		       hostile_cases[i].len);
}

/* 5. Frames no SDU VC may deliver: each counted where it belongs. */
static void
test_hostile(void)
{
	unsigned int i;

	printf("hostile frames on the SDU label\n");
	for (i = 0; i < RTE_DIM(hostile_cases); i++) {
		uint64_t before = xstat(pb, hostile_cases[i].counter);
		struct rte_eth_stats st0, st1;
		struct rte_mbuf *b[8], *f;
		uint16_t r;

		rte_eth_stats_get(pb, &st0);
		f = hostile_case(i);
		if (f == NULL || rte_ring_enqueue(ends.b_rx, f) != 0) {
			CHECK(0, "%s: not queued", hostile_cases[i].what);
			rte_pktmbuf_free(f);
			continue;
		}
		r = rx_wait(b, RTE_DIM(b));
		rte_pktmbuf_free_bulk(b, r);
		rte_eth_stats_get(pb, &st1);
		CHECK(r == 0 && st1.ipackets == st0.ipackets, "%s: nothing delivered (%u)",
		      hostile_cases[i].what, r);
		CHECK(xstat(pb, hostile_cases[i].counter) == before + 1, "%s: counted in %s",
		      hostile_cases[i].what, hostile_cases[i].counter);
	}
}

/* A wire frame of A's SDU VC carrying test frame @p seq of @p len bytes, or NULL. */
static struct rte_mbuf *
sdu_wire_frame(uint32_t len, uint32_t seq)
{
	struct rte_mbuf *m = test_frame_make(mp, len, seq, NULL);

	return m != NULL ? wire_frame_of(pa, ends.a_tx, vc_sdu, m) : NULL;
}

/* @p w with a second label above its own: PSN label 1000, S = 0 (RFC 4448 4.1). */
static struct rte_mbuf *
outer_label(struct rte_mbuf *w)
{
	uint8_t *p = w != NULL ? (uint8_t *)rte_pktmbuf_prepend(w, 4) : NULL;

	if (p == NULL) {
		rte_pktmbuf_free(w);
		return NULL;
	}
	memmove(p, p + 4, 14);
	p[14] = 0x00;
	p[15] = 0x3e;
	p[16] = 0x80;   /* label 1000, TC 0, S = 0 */
	p[17] = 64;
	return w;
}

/*
 * 5b. Frames of one SDU VC in a burst go through a fast path after the first (rx_sdu_run):
 * each hostile frame of test 5 put between two good ones, and good frames the run must take
 * or hand back (another TTL and TC, an outer label, link padding): every good frame
 * delivered whole and in order, every bad one counted where test 5 counts it alone.
 */
static void
test_rx_runs(void)
{
	static const char *const counters[] = {
		"rx_foreign_frames", "rx_pw_bad_frames", "rx_oam_cells", "rx_encap_errors",
	};
	uint8_t padded[60];
	uint64_t before[RTE_DIM(counters)], want[RTE_DIM(counters)] = { 0 }, bytes = 0;
	struct rte_mbuf *in[56], *out[64];
	struct rte_pmd_mcm_vc_stats s0, s1;
	struct rte_eth_stats e0, e1;
	uint32_t seq = 0, lens[56], next = 0, i, k = 0, r, n, right = 0;
	uint8_t *p;

	printf("runs of one SDU VC's frames with others among them\n");
	/* a queue that saw frames of mixed VCs (test 2's cells) looks ahead for 1,024 bursts,
	 * and starts the look-ahead again after each run (test 2 checks that): that many empty
	 * bursts first, so that the runs below are the plain ones
	 */
	for (i = 0, n = 0; i < 1100; i++)
		n += rte_eth_rx_burst(pb, 0, out, RTE_DIM(out));
	CHECK(n == 0, "1,100 empty polls (%u frames)", n);
	rte_pktmbuf_free_bulk(out, RTE_MIN(n, (uint32_t)RTE_DIM(out)));
	for (i = 0; i < RTE_DIM(counters); i++)
		before[i] = xstat(pb, counters[i]);
	rte_eth_stats_get(pb, &e0);
	rte_pmd_mcm_vc_stats_get(pb, 0, 100, &s0);
	for (i = 0; i < RTE_DIM(hostile_cases); i++) {
		unsigned int c;

		lens[seq] = 100 + i;
		in[k++] = sdu_wire_frame(lens[seq], seq);
		seq++;
		in[k++] = hostile_case(i);
		for (c = 0; c < RTE_DIM(counters); c++)
			want[c] += strcmp(counters[c], hostile_cases[i].counter) == 0;
	}
	/* TTL 1 and TC 5 on a frame in a run: not read */
	lens[seq] = 200;
	in[k] = sdu_wire_frame(lens[seq], seq);
	seq++;
	if (in[k] != NULL) {
		p = rte_pktmbuf_mtod(in[k], uint8_t *);
		p[16] = (uint8_t)(p[16] | 5 << 1);
		p[17] = 1;
	}
	k++;
	/* an outer label: a run of its own (the CW further on), then one label again; among
	 * them one whose outer label has S = 1 too: label 1000's, not ours
	 */
	for (i = 0; i < 4; i++) {
		if (i == 2) {
			in[k] = outer_label(sdu_wire_frame(500, 999));
			if (in[k] != NULL)
				rte_pktmbuf_mtod(in[k], uint8_t *)[16] |= 1;
			k++;
			want[0]++;
		}
		lens[seq] = 300 + i;
		in[k++] = outer_label(sdu_wire_frame(lens[seq], seq));
		seq++;
	}
	lens[seq] = 64;
	in[k++] = sdu_wire_frame(lens[seq], seq);
	seq++;
	/* the VC's label without S = 1 in a run: an outer label whose PW label would be the CW
	 * (S = 0 there too): a bad frame
	 */
	in[k] = hostile(SDU_LABEL, 0, good_sdu, 100);
	if (in[k] != NULL)
		rte_pktmbuf_mtod(in[k], uint8_t *)[16] &= (uint8_t)~1;
	k++;
	want[1]++;
	lens[seq] = 64;
	in[k++] = sdu_wire_frame(lens[seq], seq);
	seq++;
	/* link padding (RFC 4385 3): CW length 4 + 10 + 30, then 16 bytes of padding */
	memset(padded, 0, sizeof(padded));
	memcpy(padded, llc_bridged, sizeof(llc_bridged));
	in[k++] = hostile(SDU_LABEL, (4 + 10 + 30) << 16, padded, sizeof(padded));
	lens[seq] = 100;
	in[k++] = sdu_wire_frame(lens[seq], seq);
	seq++;
	for (i = 0, n = 0; i < k; i++)
		n += in[i] != NULL;
	CHECK(n == k && rte_ring_count(ends.a_tx) == 0, "%u frames made", n);
	if (n != k) {
		for (i = 0; i < k; i++)
			rte_pktmbuf_free(in[i]);
		return;
	}
	CHECK(rte_ring_enqueue_bulk(ends.b_rx, (void **)in, k, NULL) == k, "queued in one go");
	r = rx_all(out, RTE_DIM(out));
	for (i = 0; i < r; i++) {
		uint32_t s;
		rte_pmd_mcm_vc_t v;

		if (out[i]->pkt_len == 30 && rte_pmd_mcm_mbuf_get_vc(out[i], &v) == 0 &&
		    v == vc_sdu) {
			right++;   /* the padded one: 30 bytes of 0x00... after the LLC header */
			continue;
		}
		if (test_frame_ok(out[i], &s) && s == next && out[i]->pkt_len == lens[s] &&
		    rte_pmd_mcm_mbuf_get_vc(out[i], &v) == 0 && v == vc_sdu &&
		    out[i]->nb_segs == 1 && out[i]->port == pb) {
			bytes += lens[s];
			right++;
			next++;
		} else {
			printf("  frame %u: %u bytes\n", i, out[i]->pkt_len);
		}
	}
	rte_pktmbuf_free_bulk(out, r);
	CHECK(r == seq + 1 && right == r && next == seq,
	      "%u of %u frames delivered, in order, whole, on the SDU VC (%u right)", r, seq + 1,
	      right);
	for (i = 0; i < RTE_DIM(counters); i++)
		CHECK(xstat(pb, counters[i]) == before[i] + want[i], "%s counted %" PRIu64
		      " (%" PRIu64 ")", counters[i], want[i], xstat(pb, counters[i]) - before[i]);
	rte_eth_stats_get(pb, &e1);
	rte_pmd_mcm_vc_stats_get(pb, 0, 100, &s1);
	CHECK(e1.ipackets - e0.ipackets == seq + 1 && s1.rx_pdus - s0.rx_pdus == seq + 1 &&
	      s1.rx_bytes - s0.rx_bytes == bytes + 30,
	      "port and VC counted %u frames, %" PRIu64 " bytes (%" PRIu64 ", %" PRIu64 ")",
	      seq + 1, bytes + 30, s1.rx_pdus - s0.rx_pdus, s1.rx_bytes - s0.rx_bytes);
}

/* The frames of @p in (@p n) received on B: each whole, in order from @p seq0, on @p vc,
 * kept in @p out. @return how many were right.
 */
static unsigned int
rx_expect(struct rte_mbuf **out, unsigned int n, uint32_t seq0, rte_pmd_mcm_vc_t vc)
{
	unsigned int r = rx_all(out, n), i, right = 0;

	for (i = 0; i < r; i++) {
		rte_pmd_mcm_vc_t v;
		uint32_t seq;

		right += test_frame_ok(out[i], &seq) && seq == seq0 + i &&
			 rte_pmd_mcm_mbuf_get_vc(out[i], &v) == 0 && v == vc &&
			 out[i]->nb_segs == 1 && out[i]->next == NULL && out[i]->port == pb &&
			 out[i]->packet_type == RTE_PTYPE_L2_ETHER;
	}
	for (; i < n; i++)
		out[i] = NULL;
	return right;
}

/*
 * 5c. The mbufs frames are delivered in. A cell mode PDU goes into a fresh mbuf taken from
 * the application's pool without a reset (rx_fresh_get): its data offset, flags and
 * segments must still be a reset mbuf's, however the application left the pool's mbufs. An
 * SDU mode frame is the lower port's own mbuf: a clone (indirect) and one of a pinned
 * external buffer pool must keep their kind, or freeing them loses the buffers.
 */
static void
test_rx_buffers(void)
{
	const uint64_t stale = RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_RSS_HASH |
			       RTE_MBUF_F_RX_L4_CKSUM_BAD;
	struct rte_pktmbuf_extmem ext = { .elt_size = 2048 };
	struct rte_mempool *clones, *pinned = NULL;
	struct rte_mbuf *dirty[128], *in[8], *out[8], *all[63];
	unsigned int i, n, ok, unpinned = 0, base = rte_mempool_in_use_count(mp);

	printf("the mbufs received frames are delivered in\n");
	for (i = 0; i < 8; i++) {
		in[i] = test_frame_make(mp, 60 + 7 * i, i, NULL);
		if (in[i] != NULL)
			rte_pmd_mcm_mbuf_set_vc(in[i], vc_cells);
	}
	n = rte_eth_tx_burst(pa, 0, in, 8);
	for (i = n; i < 8; i++)
		rte_pktmbuf_free(in[i]);
	CHECK(n == 8 && carry(ends.a_tx, ends.b_rx) > 0, "8 frames sent on the cell mode VC");
	/* the pool's free mbufs as an application may leave them: no headroom, flags set */
	for (n = 0; n < RTE_DIM(dirty) && (dirty[n] = rte_pktmbuf_alloc(mp)) != NULL; n++) {
		dirty[n]->data_off = 0;
		dirty[n]->ol_flags |= stale;
		dirty[n]->packet_type = RTE_PTYPE_L3_IPV4;
	}
	rte_pktmbuf_free_bulk(dirty, n);
	ok = rx_expect(out, 8, 0, vc_cells);
	for (i = 0; i < 8 && out[i] != NULL; i++) {
		if (out[i]->data_off != RTE_PKTMBUF_HEADROOM + sizeof(llc_bridged) ||
		    (out[i]->ol_flags & stale) != 0)
			ok--;
	}
	CHECK(ok == 8, "cell mode: %u of 8 frames whole, their headroom and flags fresh", ok);
	rte_pktmbuf_free_bulk(out, i);

	clones = rte_pktmbuf_pool_create("sdu_clones", 63, 0, 0, 0, rte_socket_id());
	ext.buf_len = 64 * ext.elt_size;
	ext.buf_ptr = rte_malloc("sdu_ext", ext.buf_len, RTE_CACHE_LINE_SIZE);
	if (ext.buf_ptr != NULL) {
		ext.buf_iova = rte_malloc_virt2iova(ext.buf_ptr);
		pinned = rte_pktmbuf_pool_create_extbuf("sdu_pinned", 63, 0, 0, 2048,
							rte_socket_id(), &ext, 1);
	}
	CHECK(clones != NULL && pinned != NULL, "a clone pool and a pinned external buffer pool");
	if (clones == NULL || pinned == NULL)
		goto out;
	/* a clone, a pinned one, a clone: the second and third are the receive run's */
	for (i = 0; i < 3; i++) {
		struct rte_mbuf *w = sdu_wire_frame(100 + i, i), *c = NULL;

		if (w != NULL && i != 1) {
			c = rte_pktmbuf_clone(w, clones);
		} else if (w != NULL) {
			c = rte_pktmbuf_alloc(pinned);
			if (c != NULL && rte_pktmbuf_append(c, (uint16_t)w->pkt_len) != NULL) {
				memcpy(rte_pktmbuf_mtod(c, void *), rte_pktmbuf_mtod(w, void *),
				       w->pkt_len);
			} else {
				rte_pktmbuf_free(c);
				c = NULL;
			}
		}
		rte_pktmbuf_free(w);
		in[i] = c;
	}
	CHECK(in[0] != NULL && in[1] != NULL && in[2] != NULL && RTE_MBUF_CLONED(in[0]) &&
	      RTE_MBUF_HAS_PINNED_EXTBUF(in[1]), "wire frames: a clone, a pinned one, a clone");
	if (in[0] == NULL || in[1] == NULL || in[2] == NULL) {
		for (i = 0; i < 3; i++)
			rte_pktmbuf_free(in[i]);
		goto out;
	}
	CHECK(rte_ring_enqueue_bulk(ends.b_rx, (void **)in, 3, NULL) == 3, "queued in one go");
	ok = rx_expect(out, 3, 0, vc_sdu);
	CHECK(ok == 3 && out[0] == in[0] && RTE_MBUF_CLONED(out[0]) && out[1] == in[1] &&
	      RTE_MBUF_HAS_PINNED_EXTBUF(out[1]) && out[2] == in[2] && RTE_MBUF_CLONED(out[2]),
	      "SDU mode: %u of 3 frames whole, each in its own mbuf of its own kind", ok);
	for (i = 0; i < 3; i++)
		rte_pktmbuf_free(out[i]);
	for (n = 0; n < RTE_DIM(all) && (all[n] = rte_pktmbuf_alloc(pinned)) != NULL; n++)
		unpinned += !RTE_MBUF_HAS_PINNED_EXTBUF(all[n]);
	CHECK(n == RTE_DIM(all) && unpinned == 0,
	      "the pinned pool whole again, every mbuf pinned (%u of %u not)", unpinned, n);
	rte_pktmbuf_free_bulk(all, n);
	CHECK(rte_mempool_in_use_count(clones) == 0 && rte_mempool_in_use_count(pinned) == 0 &&
	      rte_mempool_in_use_count(mp) == base, "every buffer back: clones %u, pinned %u, "
	      "pool %u (%u)", rte_mempool_in_use_count(clones), rte_mempool_in_use_count(pinned),
	      rte_mempool_in_use_count(mp), base);
out:
	rte_mempool_free(clones);
	rte_mempool_free(pinned);
	rte_free(ext.buf_ptr);
}

/* 6. Limits and configuration errors. */
static void
test_limits(void)
{
	struct rte_pmd_mcm_vc_info info;
	struct rte_pmd_mcm_vc_stats st0, st1;
	struct rte_mbuf *m;
	uint64_t big0 = xstat(pa, "tx_too_big_drops");
	int rc;

	CHECK(rte_pmd_mcm_vc_stats_get(pa, rte_pmd_mcm_vc_vpi(vc_sdu), rte_pmd_mcm_vc_vci(vc_sdu),
				       &st0) == 0, "SDU VC counters");

	printf("limits\n");
	/* the lower port's MTU is 1500: an SDU of 1492 + 10 does not fit one PW frame */
	m = test_frame_make(mp, 1500, 1, NULL);
	if (m != NULL) {
		rte_pmd_mcm_mbuf_set_vc(m, vc_sdu);
		CHECK(rte_eth_tx_burst(pa, 0, &m, 1) == 1, "taken (and dropped)");
	}
	CHECK(xstat(pa, "tx_too_big_drops") == big0 + 1,
	      "a 1,500-byte frame is too big for SDU mode "
	      "at lower MTU 1500 (%" PRIu64 ")", xstat(pa, "tx_too_big_drops") - big0);
	CHECK(rte_pmd_mcm_vc_stats_get(pa, rte_pmd_mcm_vc_vpi(vc_sdu), rte_pmd_mcm_vc_vci(vc_sdu),
				       &st1) == 0 && st1.tx_drops == st0.tx_drops + 1 &&
	      st1.tx_pdus == st0.tx_pdus, "and as a drop of its VC (%" PRIu64 ")",
	      st1.tx_drops - st0.tx_drops);
	CHECK(rte_ring_count(ends.a_tx) == 0, "and nothing went out");
	rc = rte_pmd_mcm_pvc_add_sdu(pa, 0, 104, RTE_PMD_MCM_ENCAP_LLC, SDU_LABEL);
	CHECK(rc == -EADDRINUSE, "a label taken twice: %d", rc);
	rc = rte_pmd_mcm_pvc_add_sdu(pa, 0, 104, RTE_PMD_MCM_ENCAP_LLC, 16);
	CHECK(rc == -EINVAL, "the port's own label: %d", rc);
	rc = rte_pmd_mcm_pvc_add_sdu(pa, 0, 104, RTE_PMD_MCM_ENCAP_LLC, 0);
	CHECK(rc == -EINVAL, "label 0: %d", rc);
	rc = rte_pmd_mcm_pvc_add_sdu(pa, 0, 104, RTE_PMD_MCM_ENCAP_LLC, 1 << 20);
	CHECK(rc == -EINVAL, "label 2^20: %d", rc);
	CHECK(rte_pmd_mcm_vc_info_get(pa, 0, 100, &info) == 0 && info.pw_label == SDU_LABEL,
	      "vc info gives the label (%u)", info.pw_label);
	/* delete and add again: the label is free again */
	CHECK(rte_pmd_mcm_pvc_del(pa, 0, 100) == 0, "delete the SDU PVC");
	rc = rte_pmd_mcm_pvc_add_sdu(pa, 0, 104, RTE_PMD_MCM_ENCAP_LLC, SDU_LABEL);
	CHECK(rc == 0, "its label taken by another PVC: %d", rc);
	CHECK(rte_pmd_mcm_pvc_del(pa, 0, 104) == 0 &&
	      rte_pmd_mcm_pvc_add_sdu(pa, 0, 100, RTE_PMD_MCM_ENCAP_LLC, SDU_LABEL) == 0,
	      "and given back");
}

/* The AAL5 CRC-32 of the field, by an oracle independent of the driver's (mcm_crc_ref.h). */
static uint32_t
aal5_crc_ref(const uint8_t *p, uint32_t len)
{
	return ~mcm_test_crc32_reg(p, len);
}

/* 7. What a PDU mode frame looks like on the wire, whole and in fragments. */
static void
test_pdu_wire(void)
{
	/* 30 + 10 + 8 = 48: one block; 1500 + 10 + 8 = 1518: 32 blocks, 31 a frame at MTU 1500 */
	const uint32_t lens[2] = { 30, 1500 }, nfrag[2] = { 1, 2 };
	unsigned int i;

	printf("the PDU mode frame on the wire\n");
	for (i = 0; i < 2; i++) {
		struct rte_mbuf *m = test_frame_make(mp, lens[i], 40 + i, NULL), *f[4], *b[4];
		uint8_t pdu[1536];
		uint32_t pdu_len = 0, seq, k, n = 0, sdu = lens[i] + 10;
		bool shape = true;
		uint16_t r;

		rte_pmd_mcm_mbuf_set_vc(m, vc_pdu);
		CHECK(m != NULL && rte_eth_tx_burst(pa, 0, &m, 1) == 1, "%u-byte frame sent",
		      lens[i]);
		n = rte_ring_dequeue_burst(ends.a_tx, (void **)f, RTE_DIM(f), NULL);
		CHECK(n == nfrag[i], "%u-byte frame: %u PW frames (%u)", lens[i], nfrag[i], n);
		for (k = 0; k < n; k++) {
			const uint8_t *p = rte_pktmbuf_mtod(f[k], const uint8_t *);
			uint32_t lse = wire_be32(p + 14), cw = wire_be32(p + 18);
			uint32_t pay = f[k]->pkt_len - 22;
			uint32_t want_cw = 0x80 | (k == n - 1 ? 0x04 : 0);

			if (lse >> 12 != PDU_LABEL || !(lse & 0x100) || cw != want_cw ||
			    pay % 48 != 0 || pay == 0 || pdu_len + pay > sizeof(pdu)) {
				shape = false;
				printf("  frame %u: label %u cw %08x payload %u\n", k,
				       lse >> 12, cw, pay);
				continue;
			}
			memcpy(pdu + pdu_len, p + 22, pay);
			pdu_len += pay;
		}
		CHECK(shape, "%u-byte frame: label %u, CW M = 1, V = 0, U on the last only, "
		      "sequence 0, 48-byte blocks", lens[i], PDU_LABEL);
		CHECK(pdu_len == (sdu + 8 + 47) / 48 * 48, "%u-byte frame: a PDU of %u bytes",
		      lens[i], pdu_len);
		if (pdu_len >= 48) {
			const uint8_t *trl = pdu + pdu_len - 8;

			CHECK(trl[0] == 0 && trl[1] == 0 && (uint32_t)(trl[2] << 8 | trl[3]) == sdu,
			      "trailer: UU 0, CPI 0, length %u (%u)", sdu, trl[2] << 8 | trl[3]);
			CHECK(wire_be32(trl + 4) == aal5_crc_ref(pdu, pdu_len - 4),
			      "trailer CRC-32 %08x, computed %08x", wire_be32(trl + 4),
			      aal5_crc_ref(pdu, pdu_len - 4));
			CHECK(memcmp(pdu, llc_bridged, sizeof(llc_bridged)) == 0,
			      "LLC bridged header first");
		}
		/* the receiver puts the fragments together */
		for (k = 0; k < n; k++)
			if (rte_ring_enqueue(ends.b_rx, f[k]) != 0)
				rte_pktmbuf_free(f[k]);
		r = rx_wait(b, RTE_DIM(b));
		CHECK(r == 1 && b[0]->pkt_len == lens[i] && test_frame_ok(b[0], &seq) &&
		      seq == 40 + i, "%u-byte frame delivered whole (%u)", lens[i], r);
		rte_pktmbuf_free_bulk(b, r);
	}
}

/* A PDU mode frame for B: CW @p cw, then @p len bytes of @p pdu. */
static unsigned int
pdu_deliver(uint32_t cw, const uint8_t *pdu, uint32_t len)
{
	struct rte_mbuf *f = hostile(PDU_LABEL, cw, pdu, len), *b[8];
	uint16_t r;

	if (f == NULL || rte_ring_enqueue(ends.b_rx, f) != 0) {
		rte_pktmbuf_free(f);
		return 99;
	}
	r = rx_wait(b, RTE_DIM(b));
	rte_pktmbuf_free_bulk(b, r);
	return r;
}

/* 8. Frames a PDU mode VC must not deliver, each counted. */
static void
test_pdu_hostile(void)
{
	struct rte_mbuf *m = test_frame_make(mp, 100, 77, NULL), *f[2];
	uint8_t pdu[144], bad[144];
	const struct {
		uint32_t cw, len;
		const char *counter, *what;
	} cases[] = {
		{ 0x10000084, 144, "rx_pw_bad_frames", "CW first nibble 1" },
		{ 0x00000004, 144, "rx_pw_bad_frames", "M = 0 (a 1:1 cell)" },
		{ 0x000000c4, 144, "rx_pw_bad_frames", "V = 1" },
		{ 0x00000084, 143, "rx_pw_bad_frames", "a payload not in 48-byte blocks" },
		{ 0x00000084, 0, "rx_pw_bad_frames", "no payload" },
	};
	struct rte_pmd_mcm_vc_stats s0, s1;
	unsigned int i, n;

	printf("hostile frames on the PDU label\n");
	/* a good PDU of this VC, as A sends it: 100 + 10 + 8 -> 3 blocks */
	rte_pmd_mcm_mbuf_set_vc(m, vc_pdu);
	n = m != NULL && rte_eth_tx_burst(pa, 0, &m, 1) == 1 ?
	    rte_ring_dequeue_burst(ends.a_tx, (void **)f, RTE_DIM(f), NULL) : 0;
	CHECK(n == 1 && f[0]->pkt_len == 22 + 144, "a 3-block PDU taken from the wire");
	if (n != 1)
		return;
	memcpy(pdu, rte_pktmbuf_mtod(f[0], uint8_t *) + 22, 144);
	rte_pktmbuf_free(f[0]);
	CHECK(pdu_deliver(0x84, pdu, 144) == 1, "it is delivered when sent back in");
	for (i = 0; i < RTE_DIM(cases); i++) {
		uint64_t before = xstat(pb, cases[i].counter);

		CHECK(pdu_deliver(cases[i].cw, pdu, cases[i].len) == 0, "%s: nothing delivered",
		      cases[i].what);
		CHECK(xstat(pb, cases[i].counter) == before + 1, "%s: counted in %s",
		      cases[i].what, cases[i].counter);
	}
	rte_pmd_mcm_vc_stats_get(pb, 0, 102, &s0);
	memcpy(bad, pdu, sizeof(bad));
	bad[50] ^= 1;
	CHECK(pdu_deliver(0x84, bad, 144) == 0, "a flipped bit: nothing delivered");
	rte_pmd_mcm_vc_stats_get(pb, 0, 102, &s1);
	CHECK(s1.rx_crc_errors == s0.rx_crc_errors + 1, "counted as a CRC error (%" PRIu64 ")",
	      s1.rx_crc_errors - s0.rx_crc_errors);
	/* a fragment whose PDU's last fragment was lost merges with the next PDU: that one
	 * is lost with it (CRC or length error), the one after arrives (I.363.5)
	 */
	s0 = s1;
	CHECK(pdu_deliver(0x80, pdu, 96) == 0 && pdu_deliver(0x84, pdu, 144) == 0,
	      "a first fragment, then a whole PDU: nothing delivered");
	rte_pmd_mcm_vc_stats_get(pb, 0, 102, &s1);
	CHECK(s1.rx_crc_errors + s1.rx_len_errors == s0.rx_crc_errors + s0.rx_len_errors + 1,
	      "one AAL5 error");
	CHECK(pdu_deliver(0x84, pdu, 144) == 1, "the next PDU arrives");
	/* sequence numbers, E and C are not checked: a peer that sets them still works */
	CHECK(pdu_deliver(0x00123487, pdu, 144) == 1, "sequence 0x1234, EFCI and CLP set");
}

/* 9. PDU mode configuration. */
static void
test_pdu_limits(void)
{
	struct rte_pmd_mcm_vc_info info;
	int rc;

	printf("PDU mode configuration\n");
	CHECK(rte_pmd_mcm_vc_info_get(pa, 0, 102, &info) == 0 && info.pw_label == PDU_LABEL &&
	      info.pw_mode == RTE_PMD_MCM_PW_PDU, "vc info: PDU mode, label %u", info.pw_label);
	CHECK(rte_pmd_mcm_vc_info_get(pa, 0, 100, &info) == 0 &&
	      info.pw_mode == RTE_PMD_MCM_PW_SDU, "vc info: SDU mode");
	CHECK(rte_pmd_mcm_vc_info_get(pa, 0, 101, &info) == 0 &&
	      info.pw_mode == RTE_PMD_MCM_PW_CELLS && info.pw_label == 0, "vc info: cells");
	rc = rte_pmd_mcm_pvc_add_pw(pa, 0, 103, RTE_PMD_MCM_ENCAP_LLC, RTE_PMD_MCM_PW_PDU, 0);
	CHECK(rc == -EINVAL, "PDU mode without a label: %d", rc);
	rc = rte_pmd_mcm_pvc_add_pw(pa, 0, 103, RTE_PMD_MCM_ENCAP_LLC, RTE_PMD_MCM_PW_CELLS, 400);
	CHECK(rc == -EINVAL, "cell mode with a label: %d", rc);
	rc = rte_pmd_mcm_pvc_add_pw(pa, 0, 103, RTE_PMD_MCM_ENCAP_LLC,
				    (enum rte_pmd_mcm_pw_mode)7, 400);
	CHECK(rc == -EINVAL, "an unknown mode: %d", rc);
	rc = rte_pmd_mcm_pvc_add_pw(pa, 0, 103, RTE_PMD_MCM_ENCAP_LLC, RTE_PMD_MCM_PW_PDU,
				    SDU_LABEL);
	CHECK(rc == -EADDRINUSE, "the SDU VC's label: %d", rc);
	rc = rte_pmd_mcm_pvc_add_pw(pa, 0, 103, RTE_PMD_MCM_ENCAP_LLC, RTE_PMD_MCM_PW_PDU, 400);
	CHECK(rc == 0 && rte_pmd_mcm_vc_info_get(pa, 0, 103, &info) == 0 &&
	      info.pw_mode == RTE_PMD_MCM_PW_PDU && rte_pmd_mcm_pvc_del(pa, 0, 103) == 0,
	      "a PDU mode PVC added and deleted through the API: %d", rc);
}

int
main(int argc, char **argv)
{
	unsigned int baseline, in_use;
	char pvcs[64];

	RTE_SET_USED(argc);
	if (wire_eal_init(argv[0], "mcm-sdu") != 0)
		return 1;
	vc_sdu = rte_pmd_mcm_vc(0, 100);
	vc_cells = rte_pmd_mcm_vc(0, 101);
	vc_pdu = rte_pmd_mcm_vc(0, 102);
	vc_cells2 = rte_pmd_mcm_vc(0, 104);
	mp = rte_pktmbuf_pool_create("sdu_pool", 8191, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				     rte_socket_id());
	/* this test's PVCs on both ports */
	snprintf(pvcs, sizeof(pvcs), "pvc=[0/100@sdu:%u,0/101,0/102@pdu:%u]", SDU_LABEL,
		 PDU_LABEL);
	if (mp == NULL || wire_ends_open("sdu", pvcs, mp, &ends, &pa, &pb) != 0) {
		printf("FAIL: ports\n");
		return test_summary() | 1;
	}
	baseline = rte_mempool_in_use_count(mp);
	hostile_sdus_init();
	test_wire_format();
	test_traffic();
	test_copy_path();
	test_burst_mix();
	test_hostile();
	test_rx_runs();
	test_rx_buffers();
	test_pdu_wire();
	test_pdu_hostile();
	test_pdu_limits();
	test_limits();
	in_use = rte_mempool_in_use_count(mp);
	CHECK(in_use == baseline, "mempool in use %u, baseline %u", in_use, baseline);
	CHECK(wire_ends_close(pa, pb, &ends) == 0, "close");
	rte_eal_cleanup();
	return test_summary();
}
