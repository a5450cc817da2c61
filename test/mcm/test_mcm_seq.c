/* SPDX-License-Identifier: BSD-3-Clause
 * PW control-word sequence numbers on receive (RFC 4385 4.2): an mcm port (sig=off, PVC
 * 0/100) on a net_ring port whose receive ring this test fills itself, one PW frame of one
 * cell (a whole AAL5 PDU) at a time, with chosen sequence numbers. In order and after a gap
 * the frames are delivered (a gap counted once); a frame from before the expected number is
 * dropped whole and counted, never merged into reassembly; 16 of those in a row mean the
 * sender restarted its numbering, which the port then follows (3 on a port with
 * pw_seq_resync=3); 0 means "not used".
 * Then the counters an application reads: after rte_eth_stats_reset / xstats_reset every
 * basic, per-queue and extended counter starts from zero, and a queue set up again keeps
 * the port's totals going (they never jump back or wrap). Last, frames the control thread
 * takes for a queue the application leaves unpolled (signalling on) beyond what the port
 * holds for it are the application's imissed, not lost without a trace. And the link: it
 * follows the lower port's, with a link status event each time (signalling on or off). And
 * the MTU the application configures (rxmode.mtu) holds: frames up to it are sent, larger
 * ones counted as too big, and receive queues whose mbufs cannot hold it are refused. And
 * PW frames that arrive chained (the application's mbufs smaller than the lower port's
 * frames) are read whole, not dropped. And without peer_mac= the port sends to broadcast
 * until the peer's first PW frame, then to its MAC. And partial PDUs open on 100 VCs at
 * once hold at most 32 of the application's mbufs, yet all complete.
 * And I.610 loopback (issue 10, the responder): F5 end-to-end and segment loopback cells on
 * the PVC and F4 ones on its VP come back on the same VPI/VCI and PTI with the indication
 * cleared, the correlation tag kept and a good CRC-10, several in one PW frame each
 * answered, on a port the application polls (signalling off) and on one it never polls
 * (signalling on); a bad CRC-10, an unknown function, a reply (indication 0), another
 * location, an unknown VC and an AIS cell are counted and never answered by a loopback (the
 * AIS cell by one RDI cell, until a CC cell ends the AIS state: issue 10's fault part).
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
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "mcm_aal5.h"
#include "mcm_atm_cell.h"
#include "mcm_oam.h"
#include "mcm_check.h"
#include "mcm_test.h"
#include "mcm_test_pw.h"
#include "rte_pmd_mcm.h"

#define PW_LABEL 16
static struct rte_mempool *mp;
static struct rte_ring *rx_ring;   /* what the lower port receives */
static uint16_t pa;
static uint16_t feed_port;         /* the mcm port feed() polls */
static struct rte_ring *feed_ring_b; /* B's lower ring, when feed_port is B */
static uint16_t low_a, low_b;      /* the ring ports under pa and pb */
static struct rte_ring *tx_ring_a; /* what A sends */
static unsigned int lsc_events[RTE_MAX_ETHPORTS];

/* One PW frame: one cell on VC 0/100 holding a whole AAL5 PDU whose bridged Ethernet frame
 * carries @p tag in its last two bytes; CW sequence @p seq.
 */
static struct rte_mbuf *
pw_frame(uint16_t seq, uint16_t tag)
{
	static const uint8_t llc[10] = { 0xaa, 0xaa, 0x03, 0x00, 0x80, 0xc2, 0x00, 0x07, 0, 0 };
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	uint8_t *p, pdu[48];

	if (m == NULL)
		return NULL;
	p = (uint8_t *)rte_pktmbuf_append(m, 14 + 4 + 4 + 52);
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memset(p, 0, 14 + 4 + 4 + 52);
	test_pw_header(p, PW_LABEL, seq);    /* RFC 4385 CW: flags and length 0, sequence */
	/* the SDU: RFC 2684 bridged LLC, an Ethernet header, two bytes of tag */
	memset(pdu, 0, sizeof(pdu));
	memcpy(pdu, llc, sizeof(llc));
	memset(pdu + 10, 0x02, 12);
	pdu[22] = 0x88;
	pdu[23] = 0xb5;                      /* local experimental EtherType */
	pdu[24] = (uint8_t)(tag >> 8);
	pdu[25] = (uint8_t)tag;
	mcm_aal5_pdu_finish(pdu, 26, 0, 0);
	mcm_atm_cell_hdr_put(p + 22, mcm_atm_cell_hdr_word(0, 100, 1, 0));   /* AUU: last */
	memcpy(p + 26, pdu, 48);
	return m;
}

/* Queue frames with these sequence numbers on @p ring. */
static void
queue_frames(struct rte_ring *ring, const uint16_t *seqs, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = pw_frame(seqs != NULL ? seqs[i] : 0, (uint16_t)(1000 + i));

		if (m == NULL || rte_ring_enqueue(ring, m) != 0) {
			CHECK(0, "frame %u not queued", i);
			rte_pktmbuf_free(m);
		}
	}
}

/* The lower ring feed_port reads. */
static struct rte_ring *
feed_ring(void)
{
	return feed_port == pa ? rx_ring : feed_ring_b;
}

/* Poll feed_port until it stays empty; @return the tags delivered, in order, in @p got. */
static unsigned int
collect(uint16_t *got, unsigned int max)
{
	struct rte_mbuf *b[32];
	unsigned int k = 0;
	uint64_t last = now_ms();

	while (!test_rx_quiet(feed_ring(), last)) {
		uint16_t r = rte_eth_rx_burst(feed_port, 0, b, RTE_DIM(b)), j;

		for (j = 0; j < r; j++) {
			const uint8_t *d = rte_pktmbuf_mtod(b[j], const uint8_t *);

			if (k < max && b[j]->pkt_len == 16)
				got[k++] = (uint16_t)((d[14] << 8) | d[15]) - 1000;
			rte_pktmbuf_free(b[j]);
		}
		if (r > 0)
			last = now_ms();
	}
	return k;
}

/* Feed frames with these sequence numbers to port A; @return the tags delivered. */
static unsigned int
feed(const uint16_t *seqs, unsigned int n, uint16_t *got, unsigned int max)
{
	queue_frames(rx_ring, seqs, n);
	return collect(got, max);
}

/* Send one frame on A (its default VC) and return the destination MAC of the PW frame it
 * became on the wire (A's transmit ring), or -1.
 */
static int
sent_to(struct rte_ether_addr *dst)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp), *f = NULL;
	unsigned int i;
	char *d;

	d = m != NULL ? rte_pktmbuf_append(m, 64) : NULL;
	if (d == NULL) {
		rte_pktmbuf_free(m);
		return -1;
	}
	memset(d, 0x11, 64);
	if (rte_eth_tx_burst(pa, 0, &m, 1) != 1) {
		rte_pktmbuf_free(m);
		return -1;
	}
	for (i = 0; i < 100 && f == NULL; i++)
		if (rte_ring_dequeue(tx_ring_a, (void **)&f) != 0)
			rte_delay_us_sleep(1000);
	if (f == NULL)
		return -1;
	rte_ether_addr_copy(rte_pktmbuf_mtod(f, const struct rte_ether_addr *), dst);
	rte_pktmbuf_free(f);
	return 0;
}

static void
test_peer_learned(void)
{
	static const struct rte_ether_addr peer = {{ 0x02, 0, 0, 0, 0, 0x42 }};
	struct rte_ether_addr dst;
	unsigned int i;
	bool learned = false;

	/* the sequence tests fed PW frames from the peer: within a few control-thread
	 * wake-ups (250 ms apart with signalling off) the port sends to it
	 */
	for (i = 0; i < 20 && !learned; i++) {
		learned = sent_to(&dst) == 0 && rte_is_same_ether_addr(&dst, &peer);
		if (!learned)
			rte_delay_us_sleep(100000);
	}
	CHECK(learned, "PW frames go to the peer's MAC once heard (last %02x:..:%02x)",
	      dst.addr_bytes[0], dst.addr_bytes[5]);
}

static void
test_sequence(void)
{
	static const uint16_t in_order[] = { 1, 2, 3, 4 };
	static const uint16_t gap_and_old[] = { 9, 10, 3, 10, 11 };
	static const uint16_t wrap[] = { 32000, 64000, 65534, 65535, 1, 2 };
	static const uint16_t unused[] = { 0, 0 };
	uint16_t got[64], restart[20];
	uint64_t gaps0, ooo0;
	struct rte_eth_stats st0, st1;
	unsigned int n, i;

	n = feed(in_order, RTE_DIM(in_order), got, RTE_DIM(got));
	CHECK(n == 4 && got[0] == 0 && got[3] == 3, "in order: %u of 4 delivered", n);
	CHECK(xstat(pa, "rx_pw_seq_errors") == 0 && xstat(pa, "rx_pw_out_of_order") == 0,
	      "in order: nothing counted");

	rte_eth_stats_get(pa, &st0);
	gaps0 = xstat(pa, "rx_pw_seq_errors");
	ooo0 = xstat(pa, "rx_pw_out_of_order");
	/* 9 after 4: frames 5..8 lost (one gap); 3 and the second 10 are from the past */
	n = feed(gap_and_old, RTE_DIM(gap_and_old), got, RTE_DIM(got));
	CHECK(n == 3 && got[0] == 0 && got[1] == 1 && got[2] == 4,
	      "9, 10 and 11 delivered, 3 and the repeated 10 dropped (%u delivered)", n);
	CHECK(xstat(pa, "rx_pw_seq_errors") == gaps0 + 1, "one gap counted: %" PRIu64,
	      xstat(pa, "rx_pw_seq_errors") - gaps0);
	CHECK(xstat(pa, "rx_pw_out_of_order") == ooo0 + 2, "two out-of-order frames: %" PRIu64,
	      xstat(pa, "rx_pw_out_of_order") - ooo0);
	rte_eth_stats_get(pa, &st1);
	CHECK(st1.ierrors == st0.ierrors + 2, "out-of-order frames are ierrors (+%" PRIu64 ")",
	      st1.ierrors - st0.ierrors);

	/* forward by less than half the space each time (three gaps), then across the wrap
	 * from 65535 to 1, which skips 0
	 */
	gaps0 = xstat(pa, "rx_pw_seq_errors");
	ooo0 = xstat(pa, "rx_pw_out_of_order");
	n = feed(wrap, RTE_DIM(wrap), got, RTE_DIM(got));
	CHECK(n == 6, "forward jumps and the wrap: %u of 6 delivered", n);
	CHECK(xstat(pa, "rx_pw_out_of_order") == ooo0, "no out-of-order frame at the wrap");
	CHECK(xstat(pa, "rx_pw_seq_errors") == gaps0 + 3, "three gaps counted: %" PRIu64,
	      xstat(pa, "rx_pw_seq_errors") - gaps0);

	/* 0: not used (RFC 4385 4.1): taken whatever was expected */
	n = feed(unused, RTE_DIM(unused), got, RTE_DIM(got));
	CHECK(n == 2, "sequence 0 frames delivered: %u of 2", n);

	/* the sender restarts at 1 while 3 is expected: 15 dropped, then followed */
	ooo0 = xstat(pa, "rx_pw_out_of_order");
	for (i = 0; i < RTE_DIM(restart); i++)
		restart[i] = (uint16_t)(40000 + i);   /* far behind 3 */
	n = feed(restart, RTE_DIM(restart), got, RTE_DIM(got));
	CHECK(xstat(pa, "rx_pw_out_of_order") == ooo0 + 15,
	      "15 frames dropped before following the new numbering (%" PRIu64 ")",
	      xstat(pa, "rx_pw_out_of_order") - ooo0);
	CHECK(n == RTE_DIM(restart) - 15 && got[0] == 15,
	      "then the new numbering is followed: %u delivered, first %u", n, n ? got[0] : 0);
}

static int ring_mcm_port(const char *ring_name, const char *mcm_name, const char *extra,
			 struct rte_ring **rx, struct rte_ring **tx, uint16_t *port,
			 uint16_t *low);

/* pw_seq_resync=3 on a port of its own: the third frame in a row from the past is followed,
 * where port A (the default, 16) drops fifteen
 */
static void
test_resync_configured(void)
{
	static const uint16_t start[] = { 1, 2, 3 };
	uint16_t restart[8], got[16], pc, low_c, feed_before = feed_port;
	struct rte_ring *rx_c, *tx_c;
	struct rte_mbuf *m = NULL;
	unsigned int n, i;

	if (ring_mcm_port("seq_c", "net_mcm2", ",sig=off,pw_seq_resync=3", &rx_c, &tx_c, &pc,
			  &low_c) != 0) {
		CHECK(0, "port C with pw_seq_resync=3");
		return;
	}
	feed_port = pc;
	feed_ring_b = rx_c;
	queue_frames(rx_c, start, RTE_DIM(start));
	n = collect(got, RTE_DIM(got));
	CHECK(n == 3, "C: 1, 2, 3 delivered (%u)", n);
	for (i = 0; i < RTE_DIM(restart); i++)
		restart[i] = (uint16_t)(50000 + i);   /* far behind 4 */
	queue_frames(rx_c, restart, RTE_DIM(restart));
	n = collect(got, RTE_DIM(got));
	CHECK(xstat(pc, "rx_pw_out_of_order") == 2 && n == RTE_DIM(restart) - 2 && got[0] == 2,
	      "C: 2 frames dropped, then followed from the third: %" PRIu64 " dropped, %u "
	      "delivered, first %u", xstat(pc, "rx_pw_out_of_order"), n, n ? got[0] : 0);
	feed_port = feed_before;
	/* the mcm port closes its lower port with it */
	CHECK(rte_eth_dev_stop(pc) == 0 && rte_eth_dev_close(pc) == 0, "close C");
	while (rte_ring_dequeue(tx_c, (void **)&m) == 0)
		rte_pktmbuf_free(m);
	rte_ring_free(rx_c);
	rte_ring_free(tx_c);
}

/* A PW frame (CW sequence 0: not used) carrying @p n ready cells (header + payload). */
static struct rte_mbuf *
pw_frame_cells(const uint8_t (*cells)[52], unsigned int n)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	uint8_t *p;

	p = m != NULL ? (uint8_t *)rte_pktmbuf_append(m, (uint16_t)(22 + 52 * n)) : NULL;
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	test_pw_header(p, PW_LABEL, 0);
	memcpy(p + 22, cells, 52 * n);
	return m;
}

/* An OAM cell: @p function (MCM_OAM_FM_*) with loopback indication @p ind, tag @p tag and
 * the end point as location (or another one), on VPI/VCI/PTI.
 */
static void
oam_cell(uint8_t cell[52], uint16_t vpi, uint16_t vci, uint8_t pti, uint8_t function,
	 uint8_t ind, uint32_t tag, bool end_point)
{
	struct mcm_oam_cell c;

	mcm_oam_cell_init(&c, MCM_OAM_TYPE_FM, function);
	c.lb_indication = ind;
	c.lb_tag = tag;
	if (!end_point)
		memset(c.llid, 0x11, sizeof(c.llid));
	mcm_atm_cell_hdr_put(cell, mcm_atm_cell_hdr_word(vpi, vci, pti, 0));
	mcm_oam_encode(&c, cell + 4);
}

/* The OAM answers on @p tx within 200 ms: each cell's header word and decoded payload. */
static unsigned int
oam_answers(uint16_t port, struct rte_ring *tx, bool poll, uint32_t *word,
	    struct mcm_oam_cell *c, int *decoded, unsigned int max)
{
	unsigned int n = 0, t;

	for (t = 0; t < 200 && n < max; t++) {
		struct rte_mbuf *f;
		void *o;

		if (poll) {   /* the application polls: the frames reach the control thread */
			struct rte_mbuf *b[8];

			rte_pktmbuf_free_bulk(b, rte_eth_rx_burst(port, 0, b, RTE_DIM(b)));
		}
		while (n < max && rte_ring_dequeue(tx, &o) == 0) {
			const uint8_t *p;
			uint32_t k, ncells;

			f = o;
			p = rte_pktmbuf_mtod(f, const uint8_t *);
			ncells = f->pkt_len > 22 ? (f->pkt_len - 22) / 52 : 0;
			for (k = 0; k < ncells && n < max; k++) {
				const uint8_t *cell = p + 22 + 52 * k;
				uint32_t w = mcm_atm_cell_hdr_word_get(cell);
				uint8_t pti = (uint8_t)((w >> 1) & 7);
				uint16_t vci = (uint16_t)(w >> 4);

				/* signalling (B's SSCOP keeps asking) is not an answer */
				if (pti < 4 && vci != 3 && vci != 4)
					continue;
				word[n] = w;
				decoded[n] = mcm_oam_decode(cell + 4, &c[n]);
				n++;
			}
			rte_pktmbuf_free(f);
		}
		rte_delay_ms(1);
	}
	return n;
}

/* I.610 10.2.4 loopback answered by the control thread; the rest counted, not answered. */
static void
test_oam_loopback(uint16_t port, struct rte_ring *rx, struct rte_ring *tx, bool poll,
		  const char *what)
{
	static const struct {
		uint16_t vpi, vci;
		uint8_t pti;
		const char *flow;
	} ok[] = {
		{ 0, 100, 5, "F5 end-to-end" }, { 0, 100, 4, "F5 segment" },
		{ 0, 4, 0, "F4 end-to-end" }, { 0, 3, 0, "F4 segment" },
	};
	struct rte_pmd_mcm_vc_oam_stats vc0, vc1;
	uint8_t cells[3][52];
	uint32_t word[8];
	struct mcm_oam_cell c[8];
	int dec[8];
	unsigned int i, n;
	void *o = NULL;

	while (rte_ring_dequeue(tx, &o) == 0)
		rte_pktmbuf_free(o);
	CHECK(rte_pmd_mcm_vc_oam_stats_get(port, 0, 100, &vc0) == 0, "%s: OAM counters of 0/100",
	      what);
	for (i = 0; i < RTE_DIM(ok); i++) {
		uint64_t answered = xstat(port, "oam_lb_answered");
		struct rte_mbuf *m;

		oam_cell(cells[0], ok[i].vpi, ok[i].vci, ok[i].pti, MCM_OAM_FM_LB, 1,
			 0x5eed0000 + i, true);
		m = pw_frame_cells((const uint8_t (*)[52])cells, 1);
		CHECK(m != NULL && rte_ring_enqueue(rx, m) == 0, "%s: %s queued", what, ok[i].flow);
		n = oam_answers(port, tx, poll, word, c, dec, 2);
		CHECK(n == 1 &&
		      word[0] == mcm_atm_cell_hdr_word(ok[i].vpi, ok[i].vci, ok[i].pti, 0) &&
		      dec[0] == 0 && c[0].type == MCM_OAM_TYPE_FM &&
		      c[0].function == MCM_OAM_FM_LB &&
		      c[0].lb_indication == 0 && c[0].lb_tag == 0x5eed0000 + i,
		      "%s: %s loopback answered on the same VC and PTI, indication 0, tag kept, "
		      "CRC-10 good (%u answers, tag %08x)", what, ok[i].flow, n,
		      n ? c[0].lb_tag : 0);
		CHECK(xstat(port, "oam_lb_answered") == answered + 1, "%s: %s counted", what,
		      ok[i].flow);
	}
	/* three in one PW frame: three answers, in order */
	for (i = 0; i < 3; i++)
		oam_cell(cells[i], 0, 100, 5, MCM_OAM_FM_LB, 1, 77 + i, true);
	{
		struct rte_mbuf *m = pw_frame_cells((const uint8_t (*)[52])cells, 3);

		CHECK(m != NULL && rte_ring_enqueue(rx, m) == 0, "%s: three queued", what);
		n = oam_answers(port, tx, poll, word, c, dec, 4);
		CHECK(n == 3 && c[0].lb_tag == 77 && c[1].lb_tag == 78 && c[2].lb_tag == 79,
		      "%s: three loopback cells in a frame, three answers (%u)", what, n);
	}
	/* never answered, each counted where it belongs */
	{
		static const struct {
			const char *counter, *what;
		} bad[] = {
			{ "oam_errors", "a bad CRC-10" },
			{ "oam_errors", "an unknown function" },
			{ "oam_lb_replies_in", "a reply (indication 0)" },
			{ "oam_lb_not_ours", "another location" },
			{ "oam_lb_not_ours", "a VC the port does not have" },
			{ "oam_fm_in", "an AIS cell" },
		};

		for (i = 0; i < RTE_DIM(bad); i++) {
			uint64_t before = xstat(port, bad[i].counter);
			uint64_t answered = xstat(port, "oam_lb_answered");
			struct rte_mbuf *m;

			oam_cell(cells[0], 0, i == 4 ? 999 : 100, 5, i == 5 ? MCM_OAM_FM_AIS :
				 MCM_OAM_FM_LB, i == 2 ? 0 : 1, 5, i != 3);
			if (i == 0) {
				cells[0][4 + 20] ^= 0x01;
			} else if (i == 1) {
				uint16_t crc;

				cells[0][4] = (uint8_t)(MCM_OAM_TYPE_FM << 4 | 0xf);
				cells[0][4 + 46] &= 0xfc;
				cells[0][4 + 47] = 0;
				crc = mcm_oam_crc10(cells[0] + 4, 48);
				cells[0][4 + 46] |= (uint8_t)(crc >> 8);
				cells[0][4 + 47] = (uint8_t)crc;
			}
			m = pw_frame_cells((const uint8_t (*)[52])cells, 1);
			CHECK(m != NULL && rte_ring_enqueue(rx, m) == 0, "%s: %s queued", what,
			      bad[i].what);
			n = oam_answers(port, tx, poll, word, c, dec, 1);
			/* AIS puts the VC in the AIS state: the end point sends RDI back at once
			 * (mcm_oam_fault.c, test mcm_oam_fault), never a loopback
			 */
			if (i == 5)
				CHECK(n == 1 && dec[0] == 0 && c[0].function == MCM_OAM_FM_RDI &&
				      word[0] == mcm_atm_cell_hdr_word(0, 100, 5, 0),
				      "%s: an AIS cell answered by RDI only (%u)", what, n);
			else
				CHECK(n == 0, "%s: %s not answered (%u)", what, bad[i].what, n);
			CHECK(xstat(port, "oam_lb_answered") == answered, "%s: %s: no loopback",
			      what, bad[i].what);
			CHECK(xstat(port, bad[i].counter) == before + 1, "%s: %s counted in %s",
			      what, bad[i].what, bad[i].counter);
		}
		/* a CC cell ends the AIS state (no more RDI for the tests after this one) */
		oam_cell(cells[0], 0, 100, 5, MCM_OAM_FM_CC, 0, 0, true);
		{
			struct rte_mbuf *m = pw_frame_cells((const uint8_t (*)[52])cells, 1);

			CHECK(m != NULL && rte_ring_enqueue(rx, m) == 0, "%s: CC queued", what);
		}
		oam_answers(port, tx, poll, word, c, dec, 8);
		CHECK(oam_answers(port, tx, poll, word, c, dec, 8) == 0,
		      "%s: the AIS state ended at the CC cell: no more RDI", what);
	}
	/* the F5 cells on 0/100, counted by kind on the VC (F4 and 0/999 not) */
	CHECK(rte_pmd_mcm_vc_oam_stats_get(port, 0, 100, &vc1) == 0 &&
	      vc1.in_lb - vc0.in_lb == 6 && vc1.out_lb_reply - vc0.out_lb_reply == 5 &&
	      vc1.in_lb_reply - vc0.in_lb_reply == 1 && vc1.in_ais - vc0.in_ais == 1 &&
	      vc1.in_crc10_errors - vc0.in_crc10_errors == 1 &&
	      vc1.in_unknown - vc0.in_unknown == 1 && vc1.in_rdi == vc0.in_rdi &&
	      vc1.in_cc - vc0.in_cc == 1 && vc1.out_rdi - vc0.out_rdi == 1 &&
	      vc1.out_lb == vc0.out_lb,
	      "%s: 0/100 OAM counters: lb in %" PRIu64 " answered %" PRIu64 " replies in %" PRIu64
	      " AIS %" PRIu64 " CRC-10 %" PRIu64 " unknown %" PRIu64, what, vc1.in_lb - vc0.in_lb,
	      vc1.out_lb_reply - vc0.out_lb_reply, vc1.in_lb_reply - vc0.in_lb_reply,
	      vc1.in_ais - vc0.in_ais, vc1.in_crc10_errors - vc0.in_crc10_errors,
	      vc1.in_unknown - vc0.in_unknown);
	CHECK(rte_pmd_mcm_vc_oam_stats_get(port, 0, 999, &vc1) == -ENOENT &&
	      rte_pmd_mcm_vc_oam_stats_get(port, 0, 100, NULL) == -EINVAL &&
	      rte_pmd_mcm_vc_oam_stats_get(RTE_MAX_ETHPORTS - 1, 0, 100, &vc1) == -ENODEV,
	      "%s: OAM counters: unknown VC, no buffer, not an mcm port refused", what);
}

#define PARK_VCS 100
#define PARK_SDU 60    /* LLC bridged header, Ethernet header, 36 bytes: a 2-cell PDU */

/*
 * A peer that interleaves cells of many VCs leaves a partial PDU open on each: the port
 * holds at most MCM_RX_PARK_MAX (32) of the application's mbufs for them, whatever the
 * number of VCs, and every PDU still arrives whole (the others are reassembled in the
 * driver's buffers); then the pool is back to where it was.
 */
static void
test_parking(void)
{
	static const uint8_t llc[10] = { 0xaa, 0xaa, 0x03, 0x00, 0x80, 0xc2, 0x00, 0x07, 0, 0 };
	static uint8_t cells[2][PARK_VCS][52];
	unsigned int v, half, in_use0, held = 0, got = 0, bad = 0;
	uint64_t last;
	struct rte_mbuf *b[32];
	uint64_t nombuf0 = xstat(pa, "rx_reasm_nombuf");

	printf("first cells of %u PDUs on %u VCs, then their last cells\n", PARK_VCS, PARK_VCS);
	for (v = 0; v < PARK_VCS; v++) {
		uint8_t pdu[96];
		uint32_t i;

		CHECK(rte_pmd_mcm_pvc_add(pa, 0, (uint16_t)(300 + v), RTE_PMD_MCM_ENCAP_LLC) == 0,
		      "PVC 0/%u", 300 + v);
		memset(pdu, 0, sizeof(pdu));
		memcpy(pdu, llc, sizeof(llc));
		for (i = 10; i < PARK_SDU; i++)
			pdu[i] = (uint8_t)(v + i);
		mcm_aal5_pdu_finish(pdu, PARK_SDU, 0, 0);
		for (half = 0; half < 2; half++) {
			mcm_atm_cell_hdr_put(cells[half][v],
					     mcm_atm_cell_hdr_word(0, (uint16_t)(300 + v),
								   half, 0));
			memcpy(cells[half][v] + 4, pdu + 48 * half, 48);
		}
	}
	in_use0 = rte_mempool_in_use_count(mp);
	for (half = 0; half < 2; half++) {
		for (v = 0; v < PARK_VCS; v += 20) {
			struct rte_mbuf *f = pw_frame_cells(&cells[half][v], 20);

			if (f == NULL || rte_ring_enqueue(rx_ring, f) != 0) {
				CHECK(0, "frame not queued");
				rte_pktmbuf_free(f);
			}
		}
		for (last = now_ms(); !test_rx_quiet(rx_ring, last);) {
			uint16_t r = rte_eth_rx_burst(pa, 0, b, RTE_DIM(b)), j;

			if (r > 0)
				last = now_ms();

			for (j = 0; j < r; j++) {
				const uint8_t *d = rte_pktmbuf_mtod(b[j], const uint8_t *);
				rte_pmd_mcm_vc_t vc;
				uint32_t i, vci;
				bool ok;

				ok = b[j]->pkt_len == PARK_SDU - 10 &&
				     rte_pmd_mcm_mbuf_get_vc(b[j], &vc) == 0;
				vci = ok ? rte_pmd_mcm_vc_vci(vc) : 0;
				for (i = 0; ok && i < PARK_SDU - 10; i++)
					ok = d[i] == (uint8_t)(vci - 300 + 10 + i);
				got++;
				bad += !ok;
				rte_pktmbuf_free(b[j]);
			}
		}
		if (half == 0) {
			held = rte_mempool_in_use_count(mp) - in_use0;
			CHECK(got == 0, "no PDU complete after the first cells (%u)", got);
		}
	}
	printf("  %u application mbufs held by %u partial PDUs\n", held, PARK_VCS);
	CHECK(held <= 32, "the partial PDUs hold %u application mbufs, at most 32", held);
	CHECK(got == PARK_VCS && bad == 0, "%u of %u PDUs delivered, %u wrong", got, PARK_VCS,
	      bad);
	CHECK(xstat(pa, "rx_reasm_nombuf") == nombuf0, "no PDU dropped for want of a buffer");
	CHECK(rte_mempool_in_use_count(mp) == in_use0, "mempool in use %u, before %u",
	      rte_mempool_in_use_count(mp), in_use0);
	for (v = 0; v < PARK_VCS; v++)
		CHECK(rte_pmd_mcm_pvc_del(pa, 0, (uint16_t)(300 + v)) == 0, "PVC 0/%u deleted",
		      300 + v);
}

#define POOL_VCS 4200   /* more than a queue's reassemblies (MCM_RX_PARK_MAX + MCM_RX_SPARE_MAX) */
#define POOL_MAX 4128

/* The PDU of PARK_SDU bytes of VC 0/@p vci as its two cells, @p tag in its payload. */
static void
pool_pdu_cells(uint8_t cells[2][52], uint16_t vci, uint8_t tag)
{
	static const uint8_t llc[10] = { 0xaa, 0xaa, 0x03, 0x00, 0x80, 0xc2, 0x00, 0x07, 0, 0 };
	uint8_t pdu[96];
	unsigned int i, half;

	memset(pdu, 0, sizeof(pdu));
	memcpy(pdu, llc, sizeof(llc));
	for (i = 10; i < PARK_SDU; i++)
		pdu[i] = (uint8_t)(vci + tag + i);
	mcm_aal5_pdu_finish(pdu, PARK_SDU, 0, 0);
	for (half = 0; half < 2; half++) {
		mcm_atm_cell_hdr_put(cells[half], mcm_atm_cell_hdr_word(0, vci, half, 0));
		memcpy(cells[half] + 4, pdu + 48 * half, 48);
	}
}

/* Frames of 20 of @p cells to port A, then bursts until it returns nothing: the PDUs it
 * delivered, and how many were not the ones sent (@p tag).
 */
static unsigned int
pool_feed(uint8_t (*cells)[52], unsigned int n, uint8_t tag, unsigned int *bad)
{
	struct rte_mbuf *b[32];
	unsigned int i, got = 0, idle = 0;

	for (i = 0; i < n; i += 20) {
		struct rte_mbuf *f = pw_frame_cells((const uint8_t (*)[52])&cells[i],
						    RTE_MIN(20u, n - i));

		if (f == NULL || rte_ring_enqueue(rx_ring, f) != 0) {
			CHECK(0, "frame not queued");
			rte_pktmbuf_free(f);
		}
		if (rte_ring_count(rx_ring) < 1024)
			continue;
		while (rte_ring_count(rx_ring) > 0) {
			uint16_t r = rte_eth_rx_burst(pa, 0, b, RTE_DIM(b)), j;

			for (j = 0; j < r; j++, got++)
				rte_pktmbuf_free(b[j]);
		}
	}
	/* a burst finds nothing while the control thread polls the queue (it does between
	 * bursts of a queue the application leaves alone): the ring must be empty too
	 */
	while (idle < 10 || rte_ring_count(rx_ring) > 0) {
		uint16_t r = rte_eth_rx_burst(pa, 0, b, RTE_DIM(b)), j;

		idle = r == 0 ? idle + 1 : 0;
		for (j = 0; j < r; j++, got++) {
			const uint8_t *d = rte_pktmbuf_mtod(b[j], const uint8_t *);
			rte_pmd_mcm_vc_t vc;
			bool ok = b[j]->pkt_len == PARK_SDU - 10 &&
				  rte_pmd_mcm_mbuf_get_vc(b[j], &vc) == 0;
			uint32_t k;

			for (k = 0; ok && k < PARK_SDU - 10; k++)
				ok = d[k] == (uint8_t)(rte_pmd_mcm_vc_vci(vc) + tag + 10 + k);
			*bad += !ok;
			rte_pktmbuf_free(b[j]);
		}
	}
	return got;
}

/*
 * A queue's reassemblies come from a pool (a VC holds 2 bytes: its entry's index): a peer
 * that leaves more PDUs open than there are buffers (4,128) loses the PDUs beyond, each
 * counted once as no buffer on its VC; their last cells are dropped with them, not taken
 * for new PDUs (no CRC or length error); the next PDUs of those VCs arrive whole; and the
 * pool and the mempool are back where they were.
 */
static void
test_reasm_pool(void)
{
	static uint8_t first[POOL_VCS][52], second[POOL_VCS][52], whole[2 * POOL_VCS][52];
	uint64_t nombuf0 = xstat(pa, "rx_reasm_nombuf"), aal5_0 = xstat(pa, "rx_aal5_errors");
	unsigned int v, got, bad = 0, short_vcs = 0, in_use0;
	uint8_t cells[2][52];

	printf("first cells of %u PDUs on %u VCs: more than a queue's %u reassemblies\n",
	       POOL_VCS, POOL_VCS, POOL_MAX);
	CHECK(rte_pmd_mcm_pvc_add_range(pa, 0, 2000, POOL_VCS, RTE_PMD_MCM_ENCAP_LLC) == 0,
	      "PVCs 0/2000..0/%u", 2000 + POOL_VCS - 1);
	for (v = 0; v < POOL_VCS; v++) {
		pool_pdu_cells(cells, (uint16_t)(2000 + v), 1);
		memcpy(first[v], cells[0], 52);
		memcpy(second[v], cells[1], 52);
		pool_pdu_cells(cells, (uint16_t)(2000 + v), 2);
		memcpy(whole[2 * v], cells[0], 52);
		memcpy(whole[2 * v + 1], cells[1], 52);
	}
	in_use0 = rte_mempool_in_use_count(mp);
	got = pool_feed(first, POOL_VCS, 1, &bad);
	CHECK(xstat(pa, "rx_reasm_nombuf") - nombuf0 == POOL_VCS - POOL_MAX,
	      "%" PRIu64 " PDUs without a reassembly, %u expected",
	      xstat(pa, "rx_reasm_nombuf") - nombuf0, POOL_VCS - POOL_MAX);
	got = pool_feed(second, POOL_VCS, 1, &bad);
	CHECK(got == POOL_MAX && bad == 0,
	      "%u of the %u PDUs with a reassembly delivered, %u wrong",
	      got, POOL_MAX, bad);
	CHECK(xstat(pa, "rx_aal5_errors") == aal5_0, "the lost PDUs' last cells made no error "
	      "(%" PRIu64 ")", xstat(pa, "rx_aal5_errors") - aal5_0);
	for (v = 0; v < POOL_VCS; v++) {
		struct rte_pmd_mcm_vc_stats st;

		if (rte_pmd_mcm_vc_stats_get(pa, 0, (uint16_t)(2000 + v), &st) != 0 ||
		    st.rx_nombuf != (v >= POOL_MAX) || st.rx_pdus != (v < POOL_MAX) ||
		    st.rx_cells != 2 || st.rx_crc_errors + st.rx_len_errors != 0)
			short_vcs++;
	}
	CHECK(short_vcs == 0, "%u VCs with counters other than 2 cells and a PDU or a no-buffer",
	      short_vcs);
	got = pool_feed(whole, 2 * POOL_VCS, 2, &bad);
	CHECK(got == POOL_VCS && bad == 0, "then whole PDUs on every VC: %u of %u, %u wrong", got,
	      POOL_VCS, bad);
	CHECK(rte_mempool_in_use_count(mp) == in_use0, "mempool in use %u, before %u",
	      rte_mempool_in_use_count(mp), in_use0);
	CHECK(rte_pmd_mcm_pvc_del_range(pa, 0, 2000, POOL_VCS) == 0, "PVCs deleted");
	/* the same VCs again: their counters, the error ones too, start from nothing */
	CHECK(rte_pmd_mcm_pvc_add_range(pa, 0, 2000, POOL_VCS, RTE_PMD_MCM_ENCAP_LLC) == 0,
	      "PVCs added again");
	{
		struct rte_pmd_mcm_vc_stats st;

		CHECK(rte_pmd_mcm_vc_stats_get(pa, 0, 2000 + POOL_VCS - 1, &st) == 0 &&
		      st.rx_nombuf == 0 && st.rx_cells == 0 && st.rx_pdus == 0,
		      "a re-added VC's counters are 0 (no-buffer %" PRIu64 ")", st.rx_nombuf);
	}
	CHECK(rte_pmd_mcm_pvc_del_range(pa, 0, 2000, POOL_VCS) == 0, "PVCs deleted again");
}

/* Every extended stat of the port is zero. */
static bool
xstats_all_zero(uint16_t port, char *first, size_t len)
{
	struct rte_eth_xstat xs[64];
	struct rte_eth_xstat_name names[64];
	int n = rte_eth_xstats_get(port, xs, RTE_DIM(xs)), i;

	if (n <= 0 || n > (int)RTE_DIM(xs) ||
	    rte_eth_xstats_get_names(port, names, RTE_DIM(names)) != n) {
		snprintf(first, len, "xstats_get %d", n);
		return false;
	}
	for (i = 0; i < n; i++)
		if (xs[i].value != 0) {
			snprintf(first, len, "%s = %" PRIu64, names[xs[i].id].name, xs[i].value);
			return false;
		}
	return true;
}

static void
test_stats_reset(void)
{
	static const uint16_t more[] = { 0, 0, 0 };
	struct rte_eth_stats st;
	uint16_t got[8];
	char first[128] = "";
	uint64_t total;

	CHECK(rte_eth_stats_reset(pa) == 0 && rte_eth_xstats_reset(pa) == 0, "resets");
	CHECK(rte_eth_stats_get(pa, &st) == 0 && st.ipackets == 0 && st.ibytes == 0 &&
	      st.ierrors == 0 && st.q_ipackets[0] == 0 && st.q_ibytes[0] == 0,
	      "basic and per-queue stats zero after the reset (%" PRIu64 " %" PRIu64 " %" PRIu64
	      " %" PRIu64 ")", st.ipackets, st.ierrors, st.q_ipackets[0], st.q_ibytes[0]);
	CHECK(xstats_all_zero(pa, first, sizeof(first)), "every xstat zero after the reset (%s)",
	      first);
	CHECK(feed(more, RTE_DIM(more), got, RTE_DIM(got)) == 3, "three more frames");
	CHECK(rte_eth_stats_get(pa, &st) == 0 && st.ipackets == 3 && st.q_ipackets[0] == 3,
	      "counted from the reset: %" PRIu64 " packets, queue 0 %" PRIu64, st.ipackets,
	      st.q_ipackets[0]);
	CHECK(xstat(pa, "rx_pw_frames") == 3 && xstat(pa, "rx_cells") == 3,
	      "xstats from the reset: %" PRIu64 " frames %" PRIu64 " cells",
	      xstat(pa, "rx_pw_frames"), xstat(pa, "rx_cells"));
	/* the receive queue set up again: the port's totals go on, the queue's start at 0 */
	total = st.ipackets;
	CHECK(rte_eth_dev_stop(pa) == 0 &&
	      rte_eth_rx_queue_setup(pa, 0, 512, rte_socket_id(), NULL, mp) == 0 &&
	      rte_eth_dev_start(pa) == 0, "queue 0 set up again");
	CHECK(rte_eth_stats_get(pa, &st) == 0 && st.ipackets == total && st.q_ipackets[0] == 0,
	      "after the new queue: %" PRIu64 " packets (%" PRIu64 " before), queue 0 %" PRIu64,
	      st.ipackets, total, st.q_ipackets[0]);
	CHECK(xstat(pa, "rx_pw_frames") == 3, "xstats go on: %" PRIu64,
	      xstat(pa, "rx_pw_frames"));
	CHECK(feed(more, RTE_DIM(more), got, RTE_DIM(got)) == 3, "frames on the new queue");
	CHECK(rte_eth_stats_get(pa, &st) == 0 && st.ipackets == total + 3 &&
	      st.q_ipackets[0] == 3, "totals %" PRIu64 ", queue 0 %" PRIu64, st.ipackets,
	      st.q_ipackets[0]);
}

/*
 * A port with signalling on whose application does not poll: its control thread polls the
 * queue and keeps the PDUs for the application (as many as the queue has descriptors, 512
 * here); beyond that they are dropped and counted as imissed (rx_unpolled_drops).
 */
static void
test_unpolled(uint16_t pb, struct rte_ring *rx_b)
{
	const unsigned int n = 1200;
	struct rte_eth_stats st;
	uint16_t got[1200];
	unsigned int k;

	queue_frames(rx_b, NULL, n);
	/* the control thread takes the queue after 2 ms unpolled, and goes on taking frames
	 * (dropping their PDUs once it holds the queue's 512 descriptors' worth) until none is
	 * left
	 */
	for (k = 0; k < 100 && rte_ring_count(rx_b) > 0; k++)
		rte_delay_us_sleep(50000);
	rte_delay_us_sleep(50000);
	printf("  after the wait: %" PRIu64 " PW frames taken, %" PRIu64 " dropped, %u left\n",
	       xstat(pb, "rx_pw_frames"), xstat(pb, "rx_unpolled_drops"), rte_ring_count(rx_b));
	feed_port = pb;
	feed_ring_b = rx_b;
	k = collect(got, RTE_DIM(got));
	feed_port = pa;
	CHECK(rte_eth_stats_get(pb, &st) == 0, "stats");
	CHECK(k == 512, "%u of %u frames kept for the application: the queue's 512 descriptors",
	      k, n);
	CHECK(st.ipackets == k && st.imissed == n - k,
	      "ipackets %" PRIu64 " + imissed %" PRIu64 " = the %u frames", st.ipackets,
	      st.imissed, n);
	CHECK(xstat(pb, "rx_unpolled_drops") == n - k, "rx_unpolled_drops %" PRIu64,
	      xstat(pb, "rx_unpolled_drops"));
}

static int
lsc_cb(uint16_t port, enum rte_eth_event_type type, void *arg, void *ret)
{
	RTE_SET_USED(arg);
	RTE_SET_USED(ret);
	if (type == RTE_ETH_EVENT_INTR_LSC)
		__atomic_fetch_add(&lsc_events[port], 1, __ATOMIC_RELAXED);
	return 0;
}

/* Wait up to 2 s for @p port's link to be @p up and, if @p event, for an event more than
 * @p events0.
 */
static bool
link_follows(uint16_t port, int up, bool event, unsigned int events0)
{
	struct rte_eth_link link;
	unsigned int i;

	for (i = 0; i < 200; i++) {
		if (rte_eth_link_get_nowait(port, &link) == 0 && link.link_status == up &&
		    (!event || __atomic_load_n(&lsc_events[port], __ATOMIC_RELAXED) > events0))
			return true;
		rte_delay_us_sleep(10000);
	}
	return false;
}

static void
test_link(uint16_t port, uint16_t lower, const char *what)
{
	unsigned int ev = __atomic_load_n(&lsc_events[port], __ATOMIC_RELAXED);

	CHECK(link_follows(port, RTE_ETH_LINK_UP, false, 0), "%s: link up to start with", what);
	CHECK(rte_eth_dev_set_link_down(lower) == 0, "%s: lower link down", what);
	CHECK(link_follows(port, RTE_ETH_LINK_DOWN, true, ev), "%s: the link goes down, with an "
	      "event (%u events)", what, lsc_events[port] - ev);
	ev = __atomic_load_n(&lsc_events[port], __ATOMIC_RELAXED);
	CHECK(rte_eth_dev_set_link_up(lower) == 0, "%s: lower link up", what);
	CHECK(link_follows(port, RTE_ETH_LINK_UP, true, ev), "%s: the link comes back, with an "
	      "event (%u events)", what, lsc_events[port] - ev);
}

/* A net_ring port on @p rx (which the test fills) and @p tx, and an mcm port on it
 * (link status events on).
 */
static int
ring_mcm_port(const char *ring_name, const char *mcm_name, const char *extra,
	      struct rte_ring **rx, struct rte_ring **tx, uint16_t *port, uint16_t *low)
{
	struct rte_eth_conf conf;
	char name[RTE_ETH_NAME_MAX_LEN], args[160], rn[32];
	int lower;

	snprintf(rn, sizeof(rn), "%s_rx", ring_name);
	*rx = rte_ring_create(rn, 2048, (int)rte_socket_id(), RING_F_SC_DEQ);
	snprintf(rn, sizeof(rn), "%s_tx", ring_name);
	*tx = rte_ring_create(rn, 2048, (int)rte_socket_id(), RING_F_SP_ENQ);
	if (*rx == NULL || *tx == NULL)
		return -1;
	lower = rte_eth_from_rings(ring_name, rx, 1, tx, 1, rte_socket_id());
	if (lower < 0 || rte_eth_dev_get_name_by_port((uint16_t)lower, name) != 0)
		return -1;
	*low = (uint16_t)lower;
	snprintf(args, sizeof(args), "lower=%s,pvc=0/100%s", name, extra);
	if (rte_vdev_init(mcm_name, args) != 0 ||
	    rte_eth_dev_get_port_by_name(mcm_name, port) != 0 || !rte_pmd_mcm_is_mcm_port(*port))
		return -1;
	rte_eth_dev_callback_register(*port, RTE_ETH_EVENT_INTR_LSC, lsc_cb, NULL);
	memset(&conf, 0, sizeof(conf));
	conf.intr_conf.lsc = 1;
	if (rte_eth_dev_configure(*port, 1, 1, &conf) != 0 ||
	    rte_eth_rx_queue_setup(*port, 0, 512, rte_socket_id(), NULL, mp) != 0 ||
	    rte_eth_tx_queue_setup(*port, 0, 512, rte_socket_id(), NULL) != 0)
		return -1;
	return rte_eth_dev_start(*port);
}

/* An Ethernet frame of @p len bytes for the port's default VC. */
static struct rte_mbuf *
eth_frame(struct rte_mempool *pool, uint32_t len)
{
	uint8_t *p;
	struct rte_mbuf *m = test_mbuf_of_len(pool, len, &p);

	if (m != NULL)
		memset(p, 0x5a, len);
	return m;
}

/* Split @p m into a chain of segments cut at @p cuts (byte offsets, increasing). */
static struct rte_mbuf *
chain_split(struct rte_mbuf *m, const uint32_t *cuts, unsigned int ncuts)
{
	uint32_t len = m->pkt_len, i;
	uint8_t buf[256];

	if (len > sizeof(buf))
		return m;
	memcpy(buf, rte_pktmbuf_mtod(m, const uint8_t *), len);
	rte_pktmbuf_trim(m, (uint16_t)(len - cuts[0]));
	for (i = 0; i < ncuts; i++) {
		uint32_t end = i + 1 < ncuts ? cuts[i + 1] : len;
		struct rte_mbuf *s = rte_pktmbuf_alloc(mp);
		char *d = s != NULL ? rte_pktmbuf_append(s, (uint16_t)(end - cuts[i])) : NULL;

		if (d == NULL || rte_pktmbuf_chain(m, s) != 0) {
			rte_pktmbuf_free(s);
			break;
		}
		memcpy(d, buf + cuts[i], end - cuts[i]);
	}
	return m;
}

static void
test_chained(void)
{
	static const uint32_t cuts[][3] = { { 10, 0, 0 }, { 30, 47, 60 }, { 52, 0, 0 } };
	static const unsigned int ncuts[] = { 1, 3, 1 };
	uint64_t bad0 = xstat(pa, "rx_pw_bad_frames");
	uint16_t got[8];
	unsigned int i, n;

	for (i = 0; i < RTE_DIM(cuts); i++) {
		struct rte_mbuf *m = pw_frame(0, (uint16_t)(1000 + i));

		if (m == NULL)
			continue;
		m = chain_split(m, cuts[i], ncuts[i]);
		CHECK(m->nb_segs == ncuts[i] + 1, "frame %u in %u segments", i, m->nb_segs);
		if (rte_ring_enqueue(rx_ring, m) != 0)
			rte_pktmbuf_free(m);
	}
	n = collect(got, RTE_DIM(got));
	CHECK(n == RTE_DIM(cuts) && got[0] == 0 && got[1] == 1 && got[2] == 2,
	      "chained PW frames (2 and 4 segments, cut in the headers and in the cell) delivered: "
	      "%u of %zu", n, RTE_DIM(cuts));
	CHECK(xstat(pa, "rx_pw_bad_frames") == bad0, "and not counted as bad frames");
}

/* What dev_info promises is what the port does. */
static void
test_dev_info(uint16_t pb)
{
	struct rte_eth_dev_info di;
	uint32_t ptypes[8];
	int n;

	CHECK(rte_eth_dev_info_get(pb, &di) == 0, "dev_info");
	/* a 1500-byte MTU: 14 + 4 + 10 + 1500 = 1528 bytes of SDU, 1536 of AAL5 PDU */
	CHECK(di.min_rx_bufsize == 1536, "min_rx_bufsize %u (one mbuf holds the PDU)",
	      di.min_rx_bufsize);
	CHECK(di.tx_desc_lim.nb_seg_max == 7 && di.tx_desc_lim.nb_mtu_seg_max == 7,
	      "at most 7 segments a frame (%u, %u)", di.tx_desc_lim.nb_seg_max,
	      di.tx_desc_lim.nb_mtu_seg_max);
	CHECK(di.max_rx_queues == 1 && di.max_tx_queues == 1, "queues of the ring port: %u/%u",
	      di.max_rx_queues, di.max_tx_queues);
	n = rte_eth_dev_get_supported_ptypes(pb, RTE_PTYPE_ALL_MASK, ptypes, RTE_DIM(ptypes));
	CHECK(n == 1 && ptypes[0] == RTE_PTYPE_L2_ETHER, "packet types: %d, L2 Ethernet", n);
	CHECK(di.flow_type_rss_offloads == 0 && di.rx_offload_capa == 0,
	      "no RSS and no receive offload offered");
}

/* RSS asked for: refused, not silently ignored; the port configures again without it. */
static void
test_rss_refused(uint16_t pb)
{
	struct rte_eth_conf conf;
	int rc;

	memset(&conf, 0, sizeof(conf));
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
	CHECK(rte_eth_dev_stop(pb) == 0, "stop");
	rc = rte_eth_dev_configure(pb, 1, 1, &conf);
	CHECK(rc == -ENOTSUP, "RSS refused: %d", rc);
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_NONE;
	CHECK(rte_eth_dev_configure(pb, 1, 1, &conf) == 0 &&
	      rte_eth_rx_queue_setup(pb, 0, 512, rte_socket_id(), NULL, mp) == 0 &&
	      rte_eth_tx_queue_setup(pb, 0, 512, rte_socket_id(), NULL) == 0 &&
	      rte_eth_dev_start(pb) == 0, "configured and started again without RSS");
}

/* Promiscuous and all-multicast are the lower port's: its answer, -ENOTSUP included. */
static void
test_promisc(uint16_t pb)
{
	int lower_rc, rc;

	lower_rc = rte_eth_promiscuous_disable(low_b);
	rc = rte_eth_promiscuous_disable(pb);
	CHECK(rc == lower_rc, "promiscuous disable: %d, the lower port's %d", rc, lower_rc);
	rc = rte_eth_promiscuous_enable(pb);
	lower_rc = rte_eth_promiscuous_get(low_b);
	CHECK(rc == 0 ? lower_rc == 1 : rc == -ENOTSUP,
	      "promiscuous enable: %d, the lower port's now %d", rc, lower_rc);
	rc = rte_eth_allmulticast_enable(pb);
	lower_rc = rte_eth_allmulticast_get(low_b);
	CHECK(rc == 0 ? lower_rc == 1 : rc == -ENOTSUP,
	      "all-multicast enable: %d, the lower port's now %d", rc, lower_rc);
	{
		/* the bridge port's own address: set, it is what the port reports */
		struct rte_ether_addr mac = {{ 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 }}, got;

		rc = rte_eth_dev_default_mac_addr_set(pb, &mac);
		CHECK(rc == 0 && rte_eth_macaddr_get(pb, &got) == 0 &&
		      rte_is_same_ether_addr(&mac, &got), "MAC address set takes effect: %d", rc);
	}
}

static void
test_mtu(void)
{
	struct rte_mempool *big = rte_pktmbuf_pool_create("seq_big", 1023, 0, 0,
							  RTE_PKTMBUF_HEADROOM + 4096,
							  rte_socket_id());
	struct rte_eth_conf conf;
	struct rte_mbuf *m;
	uint64_t big0, frames0;
	uint16_t mtu = 0;

	CHECK(big != NULL, "pool of 4 KiB mbufs");
	if (big == NULL)
		return;
	memset(&conf, 0, sizeof(conf));
	conf.rxmode.mtu = 3000;
	CHECK(rte_eth_dev_stop(pa) == 0 && rte_eth_dev_configure(pa, 1, 1, &conf) == 0,
	      "configure with MTU 3000");
	CHECK(rte_eth_dev_get_mtu(pa, &mtu) == 0 && mtu == 3000, "MTU %u", mtu);
	CHECK(rte_eth_rx_queue_setup(pa, 0, 512, rte_socket_id(), NULL, mp) == -EINVAL,
	      "a pool of 2 KiB mbufs cannot hold a 3000-byte frame: refused at setup");
	CHECK(rte_eth_rx_queue_setup(pa, 0, 512, rte_socket_id(), NULL, big) == 0 &&
	      rte_eth_tx_queue_setup(pa, 0, 512, rte_socket_id(), NULL) == 0 &&
	      rte_eth_dev_start(pa) == 0, "queues on 4 KiB mbufs, started");
	{
		/* started: what the 4 KiB mbufs hold, no more (the AAL5 PDU of MTU 4044 is 85
		 * cells, 4,080 bytes; of 4045, 86 cells)
		 */
		struct rte_eth_dev_info di;

		CHECK(rte_eth_dev_info_get(pa, &di) == 0 && di.max_mtu == 4044 &&
		      di.max_rx_pktlen == di.max_mtu + 18u, "started: max MTU %u (4 KiB mbufs)",
		      di.max_mtu);
		CHECK(rte_eth_dev_set_mtu(pa, 4045) == -EINVAL,
		      "an MTU the mbufs cannot hold refused");
	}
	big0 = xstat(pa, "tx_too_big_drops");
	frames0 = xstat(pa, "tx_pw_frames");
	m = eth_frame(big, 3000 + 14);
	CHECK(m != NULL && rte_eth_tx_burst(pa, 0, &m, 1) == 1, "a 3014-byte frame taken");
	CHECK(xstat(pa, "tx_too_big_drops") == big0 && xstat(pa, "tx_pw_frames") > frames0,
	      "sent on the wire, not too big (%" PRIu64 " too big, %" PRIu64 " PW frames)",
	      xstat(pa, "tx_too_big_drops") - big0, xstat(pa, "tx_pw_frames") - frames0);
	m = eth_frame(big, 3000 + 14 + 4 + 100);
	CHECK(m != NULL && rte_eth_tx_burst(pa, 0, &m, 1) == 1, "a larger frame consumed");
	CHECK(xstat(pa, "tx_too_big_drops") == big0 + 1, "and counted as too big");
	CHECK(rte_eth_dev_set_mtu(pa, 1500) == 0, "MTU back to 1500 at run time");
	CHECK(rte_eth_dev_stop(pa) == 0, "stop");
	/* the port's queues go with it at close; the pool after */
	rte_eth_dev_close(pa);
	rte_mempool_free(big);
}

int
main(int argc, char **argv)
{
	char prefix[64];
	char *eal[] = { argv[0], "-l", "0", "--no-huge", "-m", "512", "--no-pci",
			"--file-prefix", prefix, "--log-level", "pmd.net.mcm:warning", NULL };
	struct rte_ring *tx_ring, *rx_b, *tx_b;
	unsigned int in_use;
	uint16_t pb;

	RTE_SET_USED(argc);
	snprintf(prefix, sizeof(prefix), "mcm-seq-%d", getpid());
	if (rte_eal_init((int)RTE_DIM(eal) - 1, eal) < 0) {
		printf("FAIL: rte_eal_init\n");
		return 1;
	}
	mp = rte_pktmbuf_pool_create("seq_pool", 8191, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				     rte_socket_id());
	CHECK(mp != NULL, "mempool");
	/* A: signalling off, only this test fills its ring; B: signalling on, never polled */
	if (mp == NULL || ring_mcm_port("seq_a", "net_mcm0", ",sig=off,max_vcs=8192",
					&rx_ring, &tx_ring, &pa, &low_a) != 0 ||
	    ring_mcm_port("seq_b", "net_mcm1", "", &rx_b, &tx_b, &pb, &low_b) != 0) {
		printf("FAIL: mcm ports on ring ports\n");
		return test_summary() | 1;
	}
	feed_port = pa;
	tx_ring_a = tx_ring;
	{
		struct rte_ether_addr dst;

		CHECK(sent_to(&dst) == 0 && rte_is_broadcast_ether_addr(&dst),
		      "before the peer is heard, PW frames go to broadcast");
	}
	test_sequence();
	test_resync_configured();
	test_oam_loopback(pa, rx_ring, tx_ring_a, true, "polled, signalling off");
	test_oam_loopback(pa, rx_ring, tx_ring_a, false, "never polled, signalling off");
	test_oam_loopback(pb, rx_b, tx_b, false, "never polled, signalling on");
	test_parking();
	test_reasm_pool();
	test_peer_learned();
	test_stats_reset();
	test_unpolled(pb, rx_b);
	test_link(pa, low_a, "signalling off");
	test_link(pb, low_b, "signalling on");
	test_chained();
	test_promisc(pb);
	test_dev_info(pb);
	test_rss_refused(pb);
	test_mtu();
	CHECK(rte_eth_dev_stop(pb) == 0 && rte_eth_dev_close(pb) == 0, "close");
	rte_ring_free(tx_ring);
	rte_ring_free(tx_b);
	in_use = rte_mempool_in_use_count(mp);
	CHECK(in_use == 0, "mempool in use %u after close", in_use);
	rte_eal_cleanup();
	return test_summary();
}
