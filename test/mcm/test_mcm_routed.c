/* SPDX-License-Identifier: BSD-3-Clause
 * Routed VCs (RFC 2684 5.1 LLC and 6.1 VC-multiplexed encapsulation of routed PDUs): the
 * application sends and receives raw SDUs, marked by the raw dynamic flag, on two mcm ports
 * over net_ring ports whose rings this test carries frames between (mcm_test_wire.h).
 * PVCs on both ports: 0/110 LLC routed and 0/111 VC-mux routed in N:1 cell mode, 0/112
 * VC-mux routed in AAL5 SDU mode (label 210), 0/113 LLC routed in AAL5 PDU mode (label 310),
 * 0/114 LLC bridged; 0/115..0/117 with another encapsulation on each end.
 *  - the wire: a raw SDU is the AAL5 CPCS-SDU whole, with no RFC 2684 header added (the
 *    cell payload of an LLC routed SDU starts with its own LLC/SNAP header; the SDU mode
 *    frame's CW is followed by the SDU, the CW length set under 64 bytes, RFC 4385 3); the
 *    receiver delivers it byte for byte, raw flag set, its VC in the dynamic field, of no
 *    packet type
 *  - traffic on the four routed VCs mixed in bursts, random sizes: every SDU whole, on its
 *    VC, in order; each VC's counters alike on both ends
 *  - what the sender refuses, each counted (xstat tx_encap_drops, oerrors, the VC's
 *    tx_drops) and the good frames around it sent in order: an Ethernet frame on a routed
 *    VC, a raw SDU on a bridged VC, an LLC routed VC's SDU without an LLC header, an empty
 *    VC-mux routed SDU; an NLPID-form SDU (RFC 2684 5.1) taken; a raw SDU with no VC in its
 *    dynamic field goes to the default VC, not through the MAC table or the flow hash
 *  - what the receiver refuses or takes: an SDU without an LLC header on an LLC routed VC
 *    (rx_encap_errors), a bridged LLC SDU on an LLC routed VC (delivered raw, header and
 *    all: an LLC VC may carry any PDU RFC 2684 5 defines), a routed SDU on a bridged LLC VC
 *    (refused as before)
 *  - a capture of B's routed VCs (the telemetry command mcm-ctl sends): tshark reads as many
 *    records as the capture wrote, both directions, and decodes each LLC routed SDU down to
 *    the IPv4/UDP packet sent (SunATM type LLC), with no malformed record
 *  - the mempool back to its baseline
 */
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <rte_bus_vdev.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "mcm_check.h"
#include "mcm_crc_ref.h"
#include "mcm_test.h"
#include "mcm_test_wire.h"
#include "rte_pmd_mcm.h"

#define SDU_LABEL 210
#define PDU_LABEL 310
#define FCS_LABEL 220   /* VC 0/120's (test_rx_fcs) */
#define NVC 4   /* the routed VCs of the traffic test */

static struct rte_mempool *mp;
static struct wire_rings ends;   /* the rings of the two ends */
static uint16_t pa, pb;

static const uint16_t vcis[NVC] = { 110, 111, 112, 113 };
static const bool vc_llc[NVC] = { true, false, false, true };

/* RFC 2684 5.1: LLC/SNAP of a routed IPv4 packet (OUI 00-00-00, EtherType 08-00). */
static const uint8_t llc_ipv4[8] = { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x08, 0x00 };
/* RFC 2684 5.2: LLC/SNAP of a bridged Ethernet frame without FCS and its pad. */
static const uint8_t llc_bridged[10] = { 0xaa, 0xaa, 0x03, 0x00, 0x80, 0xc2, 0x00, 0x07, 0, 0 };

/* Byte @p i of raw_make()'s SDU of sequence @p seq whose payload starts at @p at. */
static uint8_t
raw_byte(uint32_t seq, uint32_t i, uint32_t at)
{
	return i - at < 4 ? (uint8_t)(seq >> (8 * (i - at))) : (uint8_t)(seq * 13 + i);
}

/* A raw SDU of @p len bytes, marked raw, on VC 0/@p vci (0: none):
 * with @p llc the LLC/SNAP header of a routed IPv4 packet first; then a 4-byte sequence @p seq
 * (as much of it as fits) and a pattern of it.
 */
static struct rte_mbuf *
raw_make(uint16_t vci, bool llc, uint32_t len, uint32_t seq)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	uint32_t i, at = llc ? sizeof(llc_ipv4) : 0;
	uint8_t *p;

	if (m == NULL)
		return NULL;
	p = len > 0 ? (uint8_t *)rte_pktmbuf_append(m, (uint16_t)len) : rte_pktmbuf_mtod(m,
											 uint8_t *);
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	if (llc)
		memcpy(p, llc_ipv4, RTE_MIN(len, (uint32_t)sizeof(llc_ipv4)));
	for (i = at; i < len; i++)
		p[i] = raw_byte(seq, i, at);
	if (vci != 0)
		rte_pmd_mcm_mbuf_set_vc(m, rte_pmd_mcm_vc(0, vci));
	rte_pmd_mcm_mbuf_set_raw(m, 1);
	return m;
}

/* Whether @p m is raw_make(@p llc, its length, @p seq)'s SDU, as received: raw, of VC 0/@p
 * vci, of no packet type.
 */
static bool
raw_ok(const struct rte_mbuf *m, uint16_t vci, bool llc, uint32_t seq)
{
	const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
	uint32_t i, at = llc ? sizeof(llc_ipv4) : 0;
	rte_pmd_mcm_vc_t vc;

	if (m->nb_segs != 1 || !rte_pmd_mcm_mbuf_is_raw(m) || m->packet_type != 0 ||
	    rte_pmd_mcm_mbuf_get_vc(m, &vc) != 0 || vc != rte_pmd_mcm_vc(0, vci) ||
	    m->pkt_len < at || (llc && memcmp(p, llc_ipv4, sizeof(llc_ipv4)) != 0))
		return false;
	for (i = at; i < m->pkt_len; i++)
		if (p[i] != raw_byte(seq, i, at))
			return false;
	return true;
}

/* The sequence number of raw SDU @p m, read back (raw_make's layout). */
static uint32_t
raw_seq(const struct rte_mbuf *m, bool llc)
{
	const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *) + (llc ? sizeof(llc_ipv4) : 0);
	uint32_t avail = m->pkt_len - (llc ? sizeof(llc_ipv4) : 0), seq = 0, i;

	for (i = 0; i < 4 && i < avail; i++)
		seq |= (uint32_t)p[i] << (8 * i);
	return seq;
}

/* The PVCs of the test on both ports, and their encapsulations read back. */
static void
test_setup(void)
{
	struct rte_pmd_mcm_vc_info info;
	uint16_t port;
	int k;

	printf("routed PVCs on both ports\n");
	for (k = 0; k < 2; k++) {
		port = k == 0 ? pa : pb;
		CHECK(rte_pmd_mcm_pvc_add(port, 0, 110, RTE_PMD_MCM_ENCAP_LLC_ROUTED) == 0 &&
		      rte_pmd_mcm_pvc_add(port, 0, 111, RTE_PMD_MCM_ENCAP_VCMUX_ROUTED) == 0 &&
		      rte_pmd_mcm_pvc_add_pw(port, 0, 112, RTE_PMD_MCM_ENCAP_VCMUX_ROUTED,
					     RTE_PMD_MCM_PW_SDU, SDU_LABEL) == 0 &&
		      rte_pmd_mcm_pvc_add_pw(port, 0, 113, RTE_PMD_MCM_ENCAP_LLC_ROUTED,
					     RTE_PMD_MCM_PW_PDU, PDU_LABEL) == 0 &&
		      rte_pmd_mcm_pvc_add(port, 0, 114, RTE_PMD_MCM_ENCAP_LLC) == 0,
		      "port %c: PVCs 0/110..0/114", 'A' + k);
	}
	/* another encapsulation on each end (test_rx_mismatch) */
	CHECK(rte_pmd_mcm_pvc_add(pa, 0, 115, RTE_PMD_MCM_ENCAP_VCMUX) == 0 &&
	      rte_pmd_mcm_pvc_add(pb, 0, 115, RTE_PMD_MCM_ENCAP_LLC_ROUTED) == 0 &&
	      rte_pmd_mcm_pvc_add(pa, 0, 116, RTE_PMD_MCM_ENCAP_LLC) == 0 &&
	      rte_pmd_mcm_pvc_add(pb, 0, 116, RTE_PMD_MCM_ENCAP_LLC_ROUTED) == 0 &&
	      rte_pmd_mcm_pvc_add(pa, 0, 117, RTE_PMD_MCM_ENCAP_LLC_ROUTED) == 0 &&
	      rte_pmd_mcm_pvc_add(pb, 0, 117, RTE_PMD_MCM_ENCAP_LLC) == 0,
	      "PVCs 0/115..0/117, another encapsulation on each end");
	/* A sends raw LLC SDUs to B's bridged LLC VCs, in cells and in SDU mode (test_rx_fcs) */
	CHECK(rte_pmd_mcm_pvc_add(pa, 0, 119, RTE_PMD_MCM_ENCAP_LLC_ROUTED) == 0 &&
	      rte_pmd_mcm_pvc_add(pb, 0, 119, RTE_PMD_MCM_ENCAP_LLC) == 0 &&
	      rte_pmd_mcm_pvc_add_pw(pa, 0, 120, RTE_PMD_MCM_ENCAP_LLC_ROUTED,
				     RTE_PMD_MCM_PW_SDU, FCS_LABEL) == 0 &&
	      rte_pmd_mcm_pvc_add_pw(pb, 0, 120, RTE_PMD_MCM_ENCAP_LLC, RTE_PMD_MCM_PW_SDU,
				     FCS_LABEL) == 0,
	      "PVCs 0/119 and 0/120 (SDU mode), LLC routed on A, LLC bridged on B");
	CHECK(rte_pmd_mcm_vc_info_get(pa, 0, 110, &info) == 0 &&
	      info.encap == RTE_PMD_MCM_ENCAP_LLC_ROUTED && rte_pmd_mcm_vc_info_get(pa, 0, 112,
	      &info) == 0 && info.encap == RTE_PMD_MCM_ENCAP_VCMUX_ROUTED &&
	      info.pw_label == SDU_LABEL, "the encapsulations read back");
	CHECK(rte_pmd_mcm_pvc_add(pa, 0, 118, (enum rte_pmd_mcm_encap)4) == -EINVAL &&
	      rte_pmd_mcm_vc_info_get(pa, 0, 118, &info) != 0, "encapsulation 4 refused");
}

/* Wire frame @p f given to B: whether B delivers exactly one SDU, raw_make(@p llc, @p len,
 * @p seq)'s on VC 0/@p vci (the frame consumed either way).
 */
static bool
b_delivers(struct rte_mbuf *f, uint16_t vci, bool llc, uint32_t len, uint32_t seq)
{
	struct rte_mbuf *r[4];
	unsigned int n;
	bool ok;

	if (rte_ring_enqueue(ends.b_rx, f) != 0) {
		rte_pktmbuf_free(f);
		return false;
	}
	n = wire_rx_all(pb, ends.b_rx, r, RTE_DIM(r));
	ok = n == 1 && r[0]->pkt_len == len && raw_ok(r[0], vci, llc, seq);
	rte_pktmbuf_free_bulk(r, n);
	return ok;
}

/* 1. The wire: a raw SDU is the CPCS-SDU whole, in cells and in SDU mode. */
static void
test_wire(void)
{
	struct rte_mbuf *m, *f;
	const uint8_t *p;

	printf("raw SDUs on the wire\n");
	/* N:1 cells: 40 bytes and the trailer fill one cell (I.363.5: no pad) */
	m = raw_make(110, true, 40, 7);
	f = m != NULL ? wire_frame_of(pa, ends.a_tx, rte_pmd_mcm_vc(0, 110), m) : NULL;
	CHECK(f != NULL && f->data_len >= 22 + 52, "a cell mode PW frame");
	if (f != NULL) {
		p = rte_pktmbuf_mtod(f, const uint8_t *);
		CHECK(((wire_be32(p + 22) >> 4) & 0xffff) == 110 && (p[25] & 0x2) &&
		      memcmp(p + 26, llc_ipv4, sizeof(llc_ipv4)) == 0 &&
		      p[26 + 40 + 2] == 0 && p[26 + 40 + 3] == 40,
		      "one cell of VCI 110, end of PDU, the SDU's own LLC/SNAP first, length 40");
		CHECK(b_delivers(f, 110, true, 40, 7), "B delivers it raw, byte for byte");
	}
	/* AAL5 SDU mode: the CW then the SDU, no RFC 2684 header */
	m = raw_make(112, false, 100, 9);
	f = m != NULL ? wire_frame_of(pa, ends.a_tx, rte_pmd_mcm_vc(0, 112), m) : NULL;
	CHECK(f != NULL && f->pkt_len == 22 + 100, "an SDU mode PW frame of 122 bytes (%u)",
	      f != NULL ? f->pkt_len : 0);
	if (f != NULL) {
		p = rte_pktmbuf_mtod(f, const uint8_t *);
		CHECK(p[12] == 0x88 && p[13] == 0x47 && wire_be32(p + 14) >> 12 == SDU_LABEL &&
		      (wire_be32(p + 14) & 0x100) && wire_be32(p + 18) == 0 && p[22] == 9 &&
		      p[26] == 9 * 13 + 4, "label 210, CW 0, the SDU at once");
		CHECK(b_delivers(f, 112, false, 100, 9), "B delivers it raw");
	}
	/* a short one: the CW's length (RFC 4385 3), the link's padding not delivered */
	m = raw_make(112, false, 3, 5);
	f = m != NULL ? wire_frame_of(pa, ends.a_tx, rte_pmd_mcm_vc(0, 112), m) : NULL;
	CHECK(f != NULL && rte_pktmbuf_mtod(f, const uint8_t *)[19] == 4 + 3,
	      "a 3-byte SDU: CW length 7");
	if (f != NULL) {
		if (f->pkt_len < 60)   /* as an Ethernet link pads it */
			memset(rte_pktmbuf_append(f, (uint16_t)(60 - f->pkt_len)), 0xee,
			       60 - f->pkt_len);
		CHECK(b_delivers(f, 112, false, 3, 5), "B delivers its 3 bytes");
	}
}

/* 2. Raw SDUs on the four routed VCs, mixed in bursts, random sizes, A to B. */
static void
test_traffic(unsigned int n)
{
	struct rte_pmd_mcm_vc_stats tx0[NVC], tx1[NVC], rx0[NVC], rx1[NVC];
	uint32_t next[NVC] = { 0 }, expect[NVC] = { 0 };
	unsigned int sent = 0, got = 0, bad = 0, order = 0, idle = 0, v;

	printf("raw SDUs on two cell mode VCs, an SDU mode and a PDU mode VC\n");
	for (v = 0; v < NVC; v++)
		CHECK(rte_pmd_mcm_vc_stats_get(pa, 0, vcis[v], &tx0[v]) == 0 &&
		      rte_pmd_mcm_vc_stats_get(pb, 0, vcis[v], &rx0[v]) == 0,
		      "VC 0/%u's counters", vcis[v]);
	while ((sent < n || got < n) && idle < 2000) {
		struct rte_mbuf *b[32];
		uint16_t k = 0, r, i;

		while (sent + k < n && k < RTE_DIM(b)) {
			v = rnd() % NVC;
			/* room for the whole sequence number; SDU mode: within the PW frame
			 * the lower MTU allows (1,482 bytes)
			 */
			b[k] = raw_make(vcis[v], vc_llc[v], (vc_llc[v] ? 12 : 4) + rnd() % 1466,
					next[v]++ * NVC + v);
			if (b[k] == NULL)
				break;
			k++;
		}
		r = k ? rte_eth_tx_burst(pa, 0, b, k) : 0;
		for (i = r; i < k; i++) {
			uint32_t seq;
			rte_pmd_mcm_vc_t vc;

			rte_pmd_mcm_mbuf_get_vc(b[i], &vc);
			for (v = 0; v < NVC && rte_pmd_mcm_vc(0, vcis[v]) != vc; v++)
				;
			seq = raw_seq(b[i], vc_llc[v]);
			next[seq % NVC]--;
			rte_pktmbuf_free(b[i]);
		}
		sent += r;
		wire_carry(ends.a_tx, ends.b_rx, NULL);
		r = rte_eth_rx_burst(pb, 0, b, RTE_DIM(b));
		idle = r ? 0 : idle + 1;
		for (i = 0; i < r; i++) {
			rte_pmd_mcm_vc_t vc = 0;
			uint32_t seq;

			got++;
			rte_pmd_mcm_mbuf_get_vc(b[i], &vc);
			for (v = 0; v < NVC && rte_pmd_mcm_vc(0, vcis[v]) != vc; v++)
				;
			if (v == NVC || !raw_ok(b[i], vcis[v], vc_llc[v],
						(seq = raw_seq(b[i], vc_llc[v])))) {
				bad++;
			} else {
				order += seq % NVC != v || seq / NVC != expect[v];
				expect[v] = seq / NVC + 1;
			}
			rte_pktmbuf_free(b[i]);
		}
		if (r == 0)
			rte_delay_us(50);
	}
	CHECK(sent == n && got == n && bad == 0 && order == 0,
	      "sent %u, received %u of %u, %u bad, %u out of order", sent, got, n, bad, order);
	for (v = 0; v < NVC; v++) {
		if (rte_pmd_mcm_vc_stats_get(pa, 0, vcis[v], &tx1[v]) != 0 ||
		    rte_pmd_mcm_vc_stats_get(pb, 0, vcis[v], &rx1[v]) != 0) {
			memset(&tx1[v], 0, sizeof(tx1[v]));
			memset(&rx1[v], 0xff, sizeof(rx1[v]));   /* fails below */
		}
		CHECK(tx1[v].tx_pdus - tx0[v].tx_pdus == next[v] &&
		      rx1[v].rx_pdus - rx0[v].rx_pdus == next[v] &&
		      tx1[v].tx_bytes - tx0[v].tx_bytes == rx1[v].rx_bytes - rx0[v].rx_bytes &&
		      tx1[v].tx_drops == tx0[v].tx_drops &&
		      rx1[v].rx_encap_errors == rx0[v].rx_encap_errors,
		      "VC 0/%u: %u SDUs, %" PRIu64 " bytes sent, %" PRIu64 " SDUs, %" PRIu64
		      " bytes received", vcis[v], next[v], tx1[v].tx_bytes - tx0[v].tx_bytes,
		      rx1[v].rx_pdus - rx0[v].rx_pdus, rx1[v].rx_bytes - rx0[v].rx_bytes);
	}
}

/* VC 0/@p vci's tx_drops on port A. */
static uint64_t
tx_drops(uint16_t vci)
{
	struct rte_pmd_mcm_vc_stats st;

	return rte_pmd_mcm_vc_stats_get(pa, 0, vci, &st) == 0 ? st.tx_drops : UINT64_MAX;
}

/* 3. What the sender refuses, counted, between good frames of one burst. */
static void
test_tx_mismatch(void)
{
	static const uint8_t nlpid_clnp[4] = { 0xfe, 0xfe, 0x03, 0x81 };
	struct rte_mbuf *b[10], *r[16];
	struct rte_eth_stats s0, s1;
	uint64_t x0 = xstat(pa, "tx_encap_drops"), d110 = tx_drops(110), d111 = tx_drops(111);
	uint64_t d112 = tx_drops(112), d114 = tx_drops(114);
	rte_pmd_mcm_vc_t vc;
	uint16_t k, n;

	printf("frames not of their VC's kind\n");
	rte_eth_stats_get(pa, &s0);
	b[0] = raw_make(110, true, 60, 1);                /* good */
	b[1] = test_frame_make(mp, 60, 2, NULL);           /* Ethernet on routed 0/110 */
	b[2] = raw_make(110, false, 60, 3);               /* no LLC header on 0/110 */
	b[3] = raw_make(114, true, 60, 4);                /* raw on bridged 0/114 */
	b[4] = test_frame_make(mp, 60, 5, NULL);           /* good, Ethernet on 0/114 */
	b[5] = raw_make(111, false, 0, 6);                /* empty on 0/111 */
	b[6] = test_frame_make(mp, 70, 7, NULL);           /* Ethernet on routed 0/112 */
	b[7] = raw_make(111, false, 61, 8);               /* good */
	b[8] = raw_make(110, false, 30, 9);               /* good once NLPID-formed */
	b[9] = raw_make(110, true, 3, 10);                /* truncated below its LLC/SNAP */
	for (k = 0; k < RTE_DIM(b); k++)
		if (b[k] == NULL)
			break;
	CHECK(k == RTE_DIM(b), "10 frames made");
	if (k != RTE_DIM(b)) {
		rte_pktmbuf_free_bulk(b, k);
		return;
	}
	rte_pmd_mcm_mbuf_set_vc(b[1], rte_pmd_mcm_vc(0, 110));
	rte_pmd_mcm_mbuf_set_vc(b[4], rte_pmd_mcm_vc(0, 114));
	rte_pmd_mcm_mbuf_set_vc(b[6], rte_pmd_mcm_vc(0, 112));
	memcpy(rte_pktmbuf_mtod(b[8], uint8_t *), nlpid_clnp, sizeof(nlpid_clnp));
	CHECK(rte_eth_tx_burst(pa, 0, b, RTE_DIM(b)) == RTE_DIM(b), "the burst taken whole");
	rte_eth_stats_get(pa, &s1);
	CHECK(xstat(pa, "tx_encap_drops") - x0 == 6 && s1.oerrors - s0.oerrors == 6 &&
	      s1.opackets - s0.opackets == 4,
	      "6 refused (tx_encap_drops %" PRIu64 ", oerrors %" PRIu64 "), 4 sent (%" PRIu64 ")",
	      xstat(pa, "tx_encap_drops") - x0, s1.oerrors - s0.oerrors,
	      s1.opackets - s0.opackets);
	CHECK(tx_drops(110) - d110 == 3 && tx_drops(111) - d111 == 1 &&
	      tx_drops(112) - d112 == 1 && tx_drops(114) - d114 == 1,
	      "each VC's tx_drops: 0/110 +3, 0/111 +1, 0/112 +1, 0/114 +1");
	wire_carry(ends.a_tx, ends.b_rx, NULL);
	n = (uint16_t)wire_rx_all(pb, ends.b_rx, r, RTE_DIM(r));
	/* one VC's frames in order; the VCs' among themselves as their cells went */
	{
		bool seen_first = false, seen_nlpid = false, seen_eth = false, seen_mux = false;
		uint16_t i, other = 0;

		for (i = 0; i < n; i++) {
			uint32_t seq;

			if (rte_pmd_mcm_mbuf_get_vc(r[i], &vc) != 0)
				other++;
			else if (vc == rte_pmd_mcm_vc(0, 110) && raw_ok(r[i], 110, true, 1))
				seen_first = !seen_nlpid;
			else if (vc == rte_pmd_mcm_vc(0, 110) && rte_pmd_mcm_mbuf_is_raw(r[i]) &&
				 r[i]->pkt_len == 30 &&
				 memcmp(rte_pktmbuf_mtod(r[i], uint8_t *), nlpid_clnp, 4) == 0)
				seen_nlpid = true;
			else if (vc == rte_pmd_mcm_vc(0, 114) && test_frame_ok(r[i], &seq) &&
				 seq == 5 && !rte_pmd_mcm_mbuf_is_raw(r[i]) &&
				 r[i]->packet_type == RTE_PTYPE_L2_ETHER)
				seen_eth = true;
			else if (vc == rte_pmd_mcm_vc(0, 111) && raw_ok(r[i], 111, false, 8))
				seen_mux = true;
			else
				other++;
		}
		CHECK(n == 4 && seen_first && seen_nlpid && seen_eth && seen_mux && other == 0,
		      "B received the 4 good ones, 0/110's in order (%u, %u other)", n, other);
	}
	rte_pktmbuf_free_bulk(r, n);

	/* no VC in the dynamic field: the default VC; an Ethernet frame there is refused */
	x0 = xstat(pa, "tx_encap_drops");
	CHECK(rte_pmd_mcm_bind_default(pa, 0, 111) == 0, "default VC 0/111");
	b[0] = raw_make(0, false, 80, 11);
	b[1] = test_frame_make(mp, 80, 12, NULL);
	if (b[0] == NULL || b[1] == NULL) {
		CHECK(false, "2 frames made");
		rte_pktmbuf_free(b[0]);
		rte_pktmbuf_free(b[1]);
		return;
	}
	CHECK(rte_eth_tx_burst(pa, 0, b, 2) == 2, "a raw SDU and a frame with no VC taken");
	wire_carry(ends.a_tx, ends.b_rx, NULL);
	n = (uint16_t)wire_rx_all(pb, ends.b_rx, r, RTE_DIM(r));
	CHECK(n == 1 && raw_ok(r[0], 111, false, 11) && xstat(pa, "tx_encap_drops") - x0 == 1,
	      "the raw SDU on the default VC, the Ethernet frame refused (%u)", n);
	rte_pktmbuf_free_bulk(r, n);
}

/* A sends @p m (NULL: none to send) on VC 0/@p vci, raw if @p raw; what B receives of it
 * goes to @p r (at most @p max). @return how many B received, or -1 if A refused it
 */
static int
a_sends(struct rte_mbuf *m, uint16_t vci, bool raw, struct rte_mbuf **r, unsigned int max)
{
	if (m == NULL)
		return -1;
	rte_pmd_mcm_mbuf_set_vc(m, rte_pmd_mcm_vc(0, vci));
	if (raw)
		rte_pmd_mcm_mbuf_set_raw(m, 1);
	if (rte_eth_tx_burst(pa, 0, &m, 1) != 1) {
		rte_pktmbuf_free(m);
		return -1;
	}
	wire_carry(ends.a_tx, ends.b_rx, NULL);
	return (int)wire_rx_all(pb, ends.b_rx, r, max);
}

/* A sends Ethernet frame @p seq of 64 bytes on VC 0/@p vci (a_sends). */
static int
a_sends_frame(uint16_t vci, uint32_t seq, struct rte_mbuf **r, unsigned int max)
{
	return a_sends(test_frame_make(mp, 64, seq, NULL), vci, false, r, max);
}

/* 4. What the receiver refuses or takes when the ends' encapsulations differ. */
static void
test_rx_mismatch(void)
{
	struct rte_pmd_mcm_vc_stats st0, st1;
	uint64_t x0 = xstat(pb, "rx_encap_errors");
	struct rte_mbuf *m, *r[4];
	uint32_t seq;
	uint16_t n;
	int got;

	printf("an SDU not of the receiving VC's encapsulation\n");
	/* A's VC-mux bridged frame (pad 00-00 first) on B's LLC routed VC: no LLC header */
	CHECK(rte_pmd_mcm_vc_stats_get(pb, 0, 115, &st0) == 0, "B's VC 0/115's counters");
	got = a_sends_frame(115, 21, r, RTE_DIM(r));
	CHECK(got >= 0, "A sends on 0/115 (VC-mux)");
	n = (uint16_t)RTE_MAX(got, 0);
	if (rte_pmd_mcm_vc_stats_get(pb, 0, 115, &st1) != 0)
		st1 = st0;   /* fails below */
	CHECK(n == 0 && xstat(pb, "rx_encap_errors") - x0 == 1 &&
	      st1.rx_encap_errors - st0.rx_encap_errors == 1,
	      "B refuses it: rx_encap_errors +1, the VC's +1 (%u delivered)", n);
	rte_pktmbuf_free_bulk(r, n);

	/* A's LLC bridged frame on B's LLC routed VC: an LLC PDU, delivered raw, header and all */
	got = a_sends_frame(116, 22, r, RTE_DIM(r));
	CHECK(got >= 0, "A sends on 0/116 (LLC)");
	n = (uint16_t)RTE_MAX(got, 0);
	if (n == 1 && r[0]->pkt_len == 74)
		rte_pktmbuf_adj(r[0], sizeof(llc_bridged));
	CHECK(n == 1 && rte_pmd_mcm_mbuf_is_raw(r[0]) && r[0]->pkt_len == 64 &&
	      memcmp(rte_pktmbuf_mtod(r[0], uint8_t *) - sizeof(llc_bridged), llc_bridged,
		     sizeof(llc_bridged)) == 0 && test_frame_ok(r[0], &seq) && seq == 22,
	      "B delivers the bridged SDU raw: its LLC/SNAP, pad and frame (%u)", n);
	rte_pktmbuf_free_bulk(r, n);

	/* A's routed SDU on B's bridged LLC VC: not a bridged Ethernet frame */
	x0 = xstat(pb, "rx_encap_errors");
	m = raw_make(117, true, 64, 23);
	CHECK(m != NULL && rte_eth_tx_burst(pa, 0, &m, 1) == 1, "A sends on 0/117 (LLC routed)");
	wire_carry(ends.a_tx, ends.b_rx, NULL);
	n = (uint16_t)wire_rx_all(pb, ends.b_rx, r, RTE_DIM(r));
	CHECK(n == 0 && xstat(pb, "rx_encap_errors") - x0 == 1,
	      "B's bridged VC refuses it (%u delivered)", n);
	rte_pktmbuf_free_bulk(r, n);
}

/* A sends, as a raw SDU on its LLC routed VC 0/@p vci, test frame @p seq of @p len bytes
 * bridged with its LAN FCS (RFC 2684 5.2: PID 00-01, pad, frame, FCS), the FCS's first
 * octet xor @p flip; what B receives goes to @p r (at most @p max). @return how many, or -1
 * if A refused it
 */
static int
a_sends_with_fcs(uint16_t vci, uint32_t len, uint32_t seq, uint8_t flip, struct rte_mbuf **r,
		 unsigned int max)
{
	static const uint8_t hdr[10] = { 0xaa, 0xaa, 0x03, 0x00, 0x80, 0xc2, 0x00, 0x01, 0, 0 };
	struct rte_mbuf *m = test_frame_make(mp, len, seq, NULL);
	uint8_t *h, *t;
	uint32_t fcs;
	int i;

	if (m == NULL)
		return -1;
	fcs = mcm_test_fcs(rte_pktmbuf_mtod(m, const uint8_t *), len);
	h = (uint8_t *)rte_pktmbuf_prepend(m, sizeof(hdr));
	t = (uint8_t *)rte_pktmbuf_append(m, 4);
	if (h == NULL || t == NULL) {
		rte_pktmbuf_free(m);
		return -1;
	}
	memcpy(h, hdr, sizeof(hdr));
	for (i = 0; i < 4; i++)
		t[i] = (uint8_t)(fcs >> (8 * i));   /* least significant octet first */
	t[0] ^= flip;
	return a_sends(m, vci, true, r, max);
}

/* 4b. Bridged Ethernet frames with their LAN FCS preserved (PID 00-01), which LLC carries
 * beside PID 00-07 (RFC 2684 5.2): a bridged LLC VC takes them, FCS checked and left out, in
 * cell and in SDU mode; a wrong FCS, or too short a frame, is an encapsulation error.
 */
static void
test_rx_fcs(void)
{
	static const uint16_t vcs[2] = { 119, 120 };
	struct rte_mbuf *r[4];
	uint32_t seq;
	unsigned int k;
	uint64_t x0;
	uint16_t n;
	int got;

	printf("bridged frames with their LAN FCS (PID 00-01) on LLC VCs\n");
	for (k = 0; k < RTE_DIM(vcs); k++) {
		const char *mode = k == 0 ? "cells" : "SDU mode";

		x0 = xstat(pb, "rx_encap_errors");
		got = a_sends_with_fcs(vcs[k], 64, 40 + k, 0, r, RTE_DIM(r));
		n = (uint16_t)RTE_MAX(got, 0);
		CHECK(got == 1 && !rte_pmd_mcm_mbuf_is_raw(r[0]) && r[0]->pkt_len == 64 &&
		      test_frame_ok(r[0], &seq) && seq == 40 + k &&
		      xstat(pb, "rx_encap_errors") == x0,
		      "%s: B delivers the 64-byte frame without its FCS (%d, %u bytes)", mode, got,
		      n > 0 ? r[0]->pkt_len : 0);
		rte_pktmbuf_free_bulk(r, n);
		got = a_sends_with_fcs(vcs[k], 1400, 50 + k, 0, r, RTE_DIM(r));
		n = (uint16_t)RTE_MAX(got, 0);
		CHECK(got == 1 && r[0]->pkt_len == 1400 && test_frame_ok(r[0], &seq) &&
		      seq == 50 + k, "%s: and a 1400-byte one (%d)", mode, got);
		rte_pktmbuf_free_bulk(r, n);
		got = a_sends_with_fcs(vcs[k], 64, 60 + k, 0x01, r, RTE_DIM(r));
		n = (uint16_t)RTE_MAX(got, 0);
		CHECK(got == 0 && xstat(pb, "rx_encap_errors") - x0 == 1,
		      "%s: a wrong FCS: refused, an encapsulation error (%d delivered)", mode, got);
		rte_pktmbuf_free_bulk(r, n);
		/* 13 bytes and an FCS: no Ethernet header */
		got = a_sends_with_fcs(vcs[k], 13, 0, 0, r, RTE_DIM(r));
		n = (uint16_t)RTE_MAX(got, 0);
		CHECK(got == 0 && xstat(pb, "rx_encap_errors") - x0 == 2,
		      "%s: a 13-byte frame with its FCS refused (%d delivered)", mode, got);
		rte_pktmbuf_free_bulk(r, n);
	}
}

/* One telemetry command @p cmd to this process's own socket (as mcm-ctl sends it); its JSON
 * reply in @p reply of @p size bytes. @return 0, or -1
 */
static int
telemetry(const char *cmd, char *reply, size_t size)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	ssize_t n;

	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/dpdk_telemetry.v2",
		 rte_eal_get_runtime_dir());
	if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0 ||
	    recv(fd, reply, size - 1, 0) <= 0 ||       /* the greeting */
	    send(fd, cmd, strlen(cmd), 0) < 0 || (n = recv(fd, reply, size - 1, 0)) <= 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	reply[n] = '\0';
	close(fd);
	return 0;
}

/* A raw SDU on VC 0/@p vci: with @p llc RFC 2684 5.1's LLC/SNAP, then an IPv4/UDP packet of
 * @p len bytes from 192.0.2.1:4000 to 198.51.100.1:5000 (RFC 5737 addresses), its header
 * checksum right (RFC 791), no UDP checksum (RFC 768: 0 is none).
 */
static struct rte_mbuf *
ipv4_make(uint16_t vci, bool llc, uint16_t len)
{
	static const uint8_t hdr[28] = {
		0x45, 0, 0, 0, 0, 1, 0, 0, 64, 17, 0, 0, 192, 0, 2, 1, 198, 51, 100, 1,
		0x0f, 0xa0, 0x13, 0x88, 0, 0, 0, 0,
	};
	const uint32_t at = llc ? sizeof(llc_ipv4) : 0;
	struct rte_mbuf *m = raw_make(vci, llc, at + len, 0);
	uint8_t *ip;
	uint32_t sum = 0, i;

	if (m == NULL)
		return NULL;
	ip = rte_pktmbuf_mtod(m, uint8_t *) + at;
	memcpy(ip, hdr, sizeof(hdr));
	ip[2] = (uint8_t)(len >> 8);
	ip[3] = (uint8_t)len;
	ip[24] = (uint8_t)((len - 20) >> 8);
	ip[25] = (uint8_t)(len - 20);
	for (i = 0; i < 20; i += 2)
		sum += (uint32_t)ip[i] << 8 | ip[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	ip[10] = (uint8_t)(~sum >> 8);
	ip[11] = (uint8_t)~sum;
	return m;
}

/* Lines of tshark's output for the fields @p fields of @p pcap into @p out; @return the line
 * count, or -1 when tshark failed.
 */
static int
tshark_lines(const char *pcap, const char *args, char out[][96], int max)
{
	char cmd[512], line[96];
	FILE *f;
	int n = 0, st;

	/* its complaints go to the test's log, not into the lines */
	snprintf(cmd, sizeof(cmd), "tshark -r '%s' %s", pcap, args);
	f = popen(cmd, "r");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (n < max)
			snprintf(out[n], sizeof(out[n]), "%s", line);
		n++;
	}
	st = pclose(f);
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		printf("tshark failed (status %d)\n", st);
		return -1;
	}
	return n;
}

/* 5. B's routed VCs captured (mcm-ctl capture), decoded by tshark. */
static void
test_capture(void)
{
	enum { PER_VC = 20, BACK = 10, RECORDS = 3 * PER_VC + BACK };
	static char lines[RECORDS + 8][96];
	char pcap[PATH_MAX], cmd[PATH_MAX + 64], reply[512];
	struct rte_mbuf *b[RECORDS], *r[RECORDS + 8];
	unsigned int k, n = 0, ip_ok = 0, ip_rx = 0, mux = 0, back = 0, records = 0;
	const char *at;
	int got, i;

	printf("a capture of routed VCs, read by tshark\n");
	/* the run's own folder (its file prefix has the pid): nobody else's file */
	snprintf(pcap, sizeof(pcap), "%s/routed.pcap", rte_eal_get_runtime_dir());
	snprintf(cmd, sizeof(cmd), "/mcm/capture_start,%u,%s,0/110,0/111,0/113", pb, pcap);
	CHECK(telemetry(cmd, reply, sizeof(reply)) == 0 && strstr(reply, "error") == NULL,
	      "capture started (%s)", reply);
	/* A to B on each VC, B to A on 0/110 */
	for (k = 0; k < 3 * PER_VC; k++) {
		static const uint16_t vci[3] = { 110, 111, 113 };

		b[n] = ipv4_make(vci[k % 3], vci[k % 3] != 111, (uint16_t)(28 + 20 * k));
		n += b[n] != NULL;
	}
	CHECK(n == 3 * PER_VC && rte_eth_tx_burst(pa, 0, b, (uint16_t)n) == n,
	      "A sends %u IPv4 packets", n);
	for (n = 0; n < BACK; n++)
		if ((b[n] = ipv4_make(110, true, 100)) == NULL)
			break;
	CHECK(n == BACK && rte_eth_tx_burst(pb, 0, b, (uint16_t)n) == n, "B sends %u", n);
	wire_carry(ends.a_tx, ends.b_rx, NULL);
	wire_carry(ends.b_tx, ends.a_rx, NULL);
	k = wire_rx_all(pb, ends.b_rx, r, RTE_DIM(r));
	rte_pktmbuf_free_bulk(r, k);
	n = wire_rx_all(pa, ends.a_rx, r, RTE_DIM(r));
	rte_pktmbuf_free_bulk(r, n);
	CHECK(k == 3 * PER_VC && n == BACK, "received %u on B, %u on A", k, n);
	rte_delay_us_sleep(20 * 1000);   /* the control thread writes every 1 ms */
	snprintf(cmd, sizeof(cmd), "/mcm/capture_stop,%u", pb);
	CHECK(telemetry(cmd, reply, sizeof(reply)) == 0 && strstr(reply, "error") == NULL,
	      "capture stopped (%s)", reply);
	at = strstr(reply, "\"records\":");
	if (at != NULL)
		records = (unsigned int)strtoul(at + 10, NULL, 10);
	CHECK(records == RECORDS, "%u records written, %u expected", records, RECORDS);

	got = tshark_lines(pcap, "-T fields -E separator=' ' -E occurrence=f -e atm.vci "
			   "-e atm.channel -e llc.type -e ip.src -e udp.srcport -e ip.len",
			   lines, (int)RTE_DIM(lines));
	CHECK(got == (int)records, "tshark reads every record (%d of %u)", got, records);
	for (i = 0; i < got && i < (int)RTE_DIM(lines); i++) {
		unsigned int vci, ch, len;
		char type[16], src[32];
		unsigned int port;

		if (sscanf(lines[i], "%u %u %15s %31s %u %u", &vci, &ch, type, src, &port,
			   &len) == 6) {
			/* LLC routed: tshark follows the SNAP header's EtherType to the packet */
			ip_ok += (vci == 110 || vci == 113) && strcmp(type, "0x0800") == 0 &&
				 strcmp(src, "192.0.2.1") == 0 && port == 4000;
			/* SunATM's direction: 0 (DTE->DCE) what B sent, 1 what it received */
			back += vci == 110 && len == 100 && ch == 0;
			ip_rx += ch == 1;
		} else if (sscanf(lines[i], "%u %u", &vci, &ch) == 2 && vci == 111) {
			mux++;   /* VC-multiplexed routed: nothing names the protocol */
		}
	}
	CHECK(ip_ok == 2 * PER_VC + BACK && ip_rx == 2 * PER_VC && mux == PER_VC && back == BACK,
	      "LLC routed records decoded to IPv4/UDP: %u of %u (%u received, %u sent by B), "
	      "VC-mux %u of %u", ip_ok, 2 * PER_VC + BACK, ip_rx, back, mux, PER_VC);
	got = tshark_lines(pcap, "-Y _ws.malformed -T fields -e frame.number", lines,
			   (int)RTE_DIM(lines));
	CHECK(got == 0, "no malformed record (%d)", got);
	if (test_failed == 0)
		unlink(pcap);
	else
		printf("capture kept: %s\n", pcap);
}

int
main(int argc, char **argv)
{
	unsigned int baseline, in_use;

	RTE_SET_USED(argc);
	if (wire_eal_init(argv[0], "mcm-routed") != 0)
		return 1;
	mp = rte_pktmbuf_pool_create("routed_pool", 8191, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				     rte_socket_id());
	if (mp == NULL || wire_ends_open("rt", "", mp, &ends, &pa, &pb) != 0) {
		printf("FAIL: ports\n");
		return test_summary() | 1;
	}
	baseline = rte_mempool_in_use_count(mp);
	test_setup();
	test_wire();
	test_traffic(4000);
	test_tx_mismatch();
	test_rx_mismatch();
	test_rx_fcs();
	test_capture();
	in_use = rte_mempool_in_use_count(mp);
	CHECK(in_use == baseline, "mempool in use back to its baseline (%u, was %u)", in_use,
	      baseline);
	wire_ends_close(pa, pb, &ends);
	rte_eal_cleanup();
	return test_summary();
}
