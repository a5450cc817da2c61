/* SPDX-License-Identifier: BSD-3-Clause
 * The VCI map (mcm_private.h, struct mcm_vci_dir; mcm_vc.c) read as the data path reads it,
 * and the control thread's wait for the bursts reading it (mcm_vc_synchronize), on an mcm
 * port with two queue pairs over a looped-back ring port (sig=off, max_vcs=40000):
 *  - a range of 12,000 PVCs makes affine chunks only: no map entries, a 160-byte directory
 *    a VPI; every VCI of the VPI looks up to its VC's slot or to none;
 *  - the range deleted and added again takes the same slots, its chunks still affine;
 *  - PVCs added one by one out of order take the slots their chunk's base gives them (the
 *    registry's slot hint), so the chunk stays affine;
 *  - an affine chunk left empty, whose slot for its next VC is taken, takes that VC's base;
 *  - a VC whose slot is taken turns the chunk into a map of the VCs it had, once;
 *  - 30,000 random adds and deletes one by one over three chunks of two VPIs (the registry
 *    hands out freed slots last in, first out, so the slots come scrambled), every VCI of
 *    those VPIs checked against a model every 2,000: found iff present, in a slot that holds
 *    it; frames sent on 400 VCs (present and absent) come back on their VC or are dropped as
 *    no-VC;
 *  - the VCs deleted, the heap back to what it was but for the maps made, kept until close;
 *  - cells of VCIs of an affine chunk that have no VC, whose slot holds another VC or none,
 *    in frames of mixed VCs with the queue looking ahead: counted as unknown-VC cells, never
 *    delivered; packets for those VCIs dropped as no-VC on TX, and in a burst that starts
 *    with a packet of no VC, those of no VC;
 *  - a change waits for a burst in progress on each queue: a PVC delete for an rx burst
 *    (queues 0 and 1), a MAC binding's removal for a tx burst (queue 0, shared with the
 *    control thread, and queue 1); each burst held open by the test taking what a burst
 *    takes (its queue's lock where it has one, its RCU reader id online), the change must not
 *    return until it lets go.
 */
#include <pthread.h>
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#include <rte_bus_vdev.h>
#include <rte_eal.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_ring.h>
#include <rte_rcu_qsbr.h>
#include <rte_spinlock.h>

#include "mcm_check.h"
#include "mcm_test.h"
#include "mcm_private.h"
#include "rte_pmd_mcm.h"

#define MAX_VCS 40000u
#define RANGE_VPI 5
#define RANGE_VCI 32
#define RANGE_N 12000u           /* VCIs 32..12031: chunks 0..2 */
#define CHURN_VPI_A 7
#define CHURN_VPI_B 8
#define CHURN_VCIS 12288u        /* VCIs 32..12287 of each: chunks 0..2 */
#define CHURN_OPS 30000u
#define CHURN_CHECK_EVERY 2000u
#define DIR_HEAP 1024u           /* a directory with rte_malloc's header, at most */

static uint16_t port;
static struct mcm_port *mport;
static struct rte_mempool *mp;
static uint8_t present[2][CHURN_VCIS];

static const struct mcm_vci_dir *
dir_of(uint16_t vpi)
{
	return __atomic_load_n(&mport->vpi_map[vpi], __ATOMIC_ACQUIRE);
}

/* How VPI @p vpi's chunk @p c is held: 'a' affine, 'm' a map, '-' nothing. */
static char
chunk_kind(uint16_t vpi, unsigned int c)
{
	const struct mcm_vci_dir *d = dir_of(vpi);

	if (d == NULL || d->chunk[c] == 0)
		return '-';
	return (d->chunk[c] & MCM_VCI_AFFINE) ? 'a' : 'm';
}

/* Every VCI of @p vpi: found by mcm_vc_lookup iff @p has says so, in a slot that holds it.
 * @return the number of VCIs that disagree
 */
static unsigned int
check_vpi(uint16_t vpi, bool (*has)(uint16_t vpi, uint32_t vci), const char *what)
{
	unsigned int bad = 0;
	uint32_t vci;

	for (vci = 0; vci <= 65535; vci++) {
		int slot = mcm_vc_lookup(mport, vpi, (uint16_t)vci);
		bool want = has(vpi, vci), ok;

		if (want)
			ok = slot >= 0 && (uint32_t)slot < MAX_VCS &&
			     mcm_vc_slot_holds(mport, (uint32_t)slot, (uint32_t)vpi << 16 | vci);
		else
			ok = slot < 0;
		if (!ok && bad++ < 5)
			printf("%s: %u/%u: lookup %d, %s\n", what, vpi, vci, slot,
			       want ? "present" : "absent");
	}
	return bad;
}

static bool
in_range(uint16_t vpi, uint32_t vci)
{
	return vpi == RANGE_VPI && vci >= RANGE_VCI && vci < RANGE_VCI + RANGE_N;
}

static bool
in_model(uint16_t vpi, uint32_t vci)
{
	if (vpi != CHURN_VPI_A && vpi != CHURN_VPI_B)
		return false;
	return vci < CHURN_VCIS && present[vpi - CHURN_VPI_A][vci];
}

static bool
nothing(uint16_t vpi, uint32_t vci)
{
	RTE_SET_USED(vpi);
	RTE_SET_USED(vci);
	return false;
}

static void
test_range(void)
{
	uintptr_t before[3];
	size_t h0 = heap_allocated(), took;
	unsigned int c;
	int rc;

	rc = rte_pmd_mcm_pvc_add_range(port, RANGE_VPI, RANGE_VCI, RANGE_N,
				       RTE_PMD_MCM_ENCAP_LLC);
	took = heap_allocated() - h0;
	printf("range: %u PVCs took %zu bytes of EAL heap\n", RANGE_N, took);
	CHECK(rc == 0, "range added: %d", rc);
	CHECK(took <= DIR_HEAP, "the range took %zu bytes: a directory, no map entries", took);
	for (c = 0; c < 3; c++) {
		CHECK(chunk_kind(RANGE_VPI, c) == 'a', "chunk %u affine: %c", c,
		      chunk_kind(RANGE_VPI, c));
		before[c] = dir_of(RANGE_VPI)->chunk[c];
	}
	CHECK(chunk_kind(RANGE_VPI, 3) == '-', "chunk 3 empty: %c", chunk_kind(RANGE_VPI, 3));
	CHECK(check_vpi(RANGE_VPI, in_range, "range") == 0, "every VCI of the range's VPI");
	CHECK(check_vpi(RANGE_VPI + 1, nothing, "next VPI") == 0, "nothing on the next VPI");
	CHECK(dir_of(RANGE_VPI + 1) == NULL, "no directory for a VPI without VCs");

	rc = rte_pmd_mcm_pvc_del_range(port, RANGE_VPI, RANGE_VCI, RANGE_N);
	CHECK(rc == 0, "range deleted: %d", rc);
	CHECK(check_vpi(RANGE_VPI, nothing, "range deleted") == 0, "no VCI left");
	h0 = heap_allocated();
	rc = rte_pmd_mcm_pvc_add_range(port, RANGE_VPI, RANGE_VCI, RANGE_N,
				       RTE_PMD_MCM_ENCAP_LLC);
	CHECK(rc == 0 && heap_allocated() == h0, "range added again: %d, %zd bytes", rc,
	      (ssize_t)(heap_allocated() - h0));
	for (c = 0; c < 3; c++)
		CHECK(dir_of(RANGE_VPI)->chunk[c] == before[c],
		      "chunk %u: the same slots again (affine, the same base)", c);
	CHECK(check_vpi(RANGE_VPI, in_range, "range again") == 0, "every VCI, again");
}

static bool
vpi9_after_map(uint16_t vpi, uint32_t vci)
{
	return vpi == 9 && vci >= 200 && (vci <= 250 || vci == 4000);
}

/*
 * VPI 9 (the range above left the registry's free slots in ascending order): a PVC takes the
 * slot its affine chunk gives it when that slot is free (the slot hint), so a chunk stays
 * affine however its PVCs come; an affine chunk with no VC left whose slot for the next VC
 * is taken starts again from the slot that VC gets; a VC whose slot is taken turns the chunk
 * into a map of its VCs, once.
 */
static void
test_hint_rebase_expand(void)
{
	const uint16_t vpi = 9;
	uintptr_t e1, e2;
	size_t h0 = heap_allocated();
	int s1, s2, s3;

	CHECK(rte_pmd_mcm_pvc_add(port, vpi, 100, RTE_PMD_MCM_ENCAP_LLC) == 0, "9/100 added");
	s1 = mcm_vc_lookup(mport, vpi, 100);
	e1 = dir_of(vpi)->chunk[0];
	CHECK(s1 >= 0 && (e1 & MCM_VCI_AFFINE) && mcm_vci_affine_slot(e1, 100) == (uint32_t)s1,
	      "9/100 in slot %d, its chunk affine", s1);
	/* VPI 14's range takes the next 101 slots, 9/200's among them */
	CHECK(rte_pmd_mcm_pvc_add_range(port, 14, 32, 101, RTE_PMD_MCM_ENCAP_LLC) == 0 &&
	      mcm_vc_lookup(mport, 14, 131) == s1 + 100, "14/32..132 in the slots after %d", s1);
	CHECK(rte_pmd_mcm_pvc_del(port, vpi, 100) == 0, "9/100 deleted");
	/* 9/200's slot (s1 + 100) is taken and the chunk is empty: it starts again from the
	 * slot 9/200 gets, the one 9/100 freed
	 */
	CHECK(rte_pmd_mcm_pvc_add(port, vpi, 200, RTE_PMD_MCM_ENCAP_LLC) == 0, "9/200 added");
	s2 = mcm_vc_lookup(mport, vpi, 200);
	e2 = dir_of(vpi)->chunk[0];
	CHECK(s2 == s1 && (e2 & MCM_VCI_AFFINE) && e2 != e1 &&
	      mcm_vci_affine_slot(e2, 200) == (uint32_t)s2,
	      "9/200 in the freed slot %d (was %d), the chunk affine with a new base", s2, s1);
	CHECK(mcm_vc_lookup(mport, vpi, 100) < 0, "9/100 not found");
	CHECK(rte_pmd_mcm_pvc_del_range(port, 14, 32, 101) == 0, "VPI 14's range deleted");
	/* one by one, out of order: each takes the slot the base gives it (free again) */
	{
		static const uint16_t order[] = { 250, 201, 237, 222, 249, 205, 230, 211 };
		unsigned int k;
		uint16_t vci;

		for (k = 0; k < RTE_DIM(order); k++)
			CHECK(rte_pmd_mcm_pvc_add(port, vpi, order[k], RTE_PMD_MCM_ENCAP_LLC) == 0,
			      "9/%u added", order[k]);
		for (vci = 201; vci <= 250; vci++) {
			bool listed = false;

			for (k = 0; k < RTE_DIM(order); k++)
				listed |= order[k] == vci;
			if (!listed)
				CHECK(rte_pmd_mcm_pvc_add(port, vpi, vci,
							  RTE_PMD_MCM_ENCAP_LLC) == 0,
				      "9/%u added", vci);
		}
	}
	CHECK(chunk_kind(vpi, 0) == 'a' && mcm_vc_lookup(mport, vpi, 250) == s2 + 50,
	      "9/200..250 added out of order: the chunk still affine (%c)", chunk_kind(vpi, 0));
	CHECK(heap_allocated() - h0 <= 2 * DIR_HEAP, "so far two directories: %zu bytes",
	      heap_allocated() - h0);

	/* VPI 15's range takes the slots after, 9/4000's among them: 9/4000 makes the map */
	CHECK(rte_pmd_mcm_pvc_add_range(port, 15, 32, 4000, RTE_PMD_MCM_ENCAP_LLC) == 0,
	      "15/32..4031 added");
	h0 = heap_allocated();
	CHECK(rte_pmd_mcm_pvc_add(port, vpi, 4000, RTE_PMD_MCM_ENCAP_LLC) == 0, "9/4000 added");
	s3 = mcm_vc_lookup(mport, vpi, 4000);
	CHECK(s3 >= 0 && mcm_vci_affine_slot(e2, 4000) != (uint32_t)s3 &&
	      chunk_kind(vpi, 0) == 'm', "9/4000 in slot %d, off the base: the chunk a map (%c)",
	      s3, chunk_kind(vpi, 0));
	CHECK(heap_allocated() - h0 >= 4096u * 4u && heap_allocated() - h0 <= 4096u * 4u + 256u,
	      "the map is one 16 KiB chunk: %zu bytes", heap_allocated() - h0);
	CHECK(check_vpi(vpi, vpi9_after_map, "after the map") == 0,
	      "VPI 9's VCs found in the map, nothing else");
	CHECK(rte_pmd_mcm_pvc_del(port, vpi, 230) == 0 && mcm_vc_lookup(mport, vpi, 230) < 0 &&
	      mcm_vc_lookup(mport, vpi, 231) >= 0, "9/230 deleted from the map, 9/231 kept");
	h0 = heap_allocated();
	CHECK(rte_pmd_mcm_pvc_add(port, vpi, 4001, RTE_PMD_MCM_ENCAP_LLC) == 0 &&
	      mcm_vc_lookup(mport, vpi, 4001) >= 0 && heap_allocated() == h0,
	      "9/4001 added to the map: nothing more made");
	CHECK(rte_pmd_mcm_pvc_del_range(port, vpi, 200, 52) == -ENOENT, "9/200..251 deleted "
	      "(9/230 was gone)");
	CHECK(rte_pmd_mcm_pvc_del(port, vpi, 4000) == 0 &&
	      rte_pmd_mcm_pvc_del(port, vpi, 4001) == 0, "9/4000, 9/4001 deleted");
	CHECK(rte_pmd_mcm_pvc_del_range(port, 15, 32, 4000) == 0, "VPI 15's range deleted");
	CHECK(check_vpi(vpi, nothing, "VPI 9 emptied") == 0, "no VC left on VPI 9");
}

/* One frame on @p vpi/@p vci through the looped-back lower port: it must come back on it
 * when the VC is there, else be dropped as no-VC. @return whether it did as it should
 */
static bool
frame_round_trip(uint16_t vpi, uint16_t vci, bool there)
{
	struct rte_mbuf *m = test_frame_make(mp, 100, vci, NULL), *b[4];
	rte_pmd_mcm_vc_t vc = 0;
	uint64_t no_vc = xstat(port, "tx_no_vc_drops");
	uint32_t seq = 0;
	uint16_t n = 0, k;
	unsigned int i;
	bool ok;

	if (m == NULL)
		return false;
	rte_pmd_mcm_mbuf_set_vc(m, rte_pmd_mcm_vc(vpi, vci));
	if (rte_eth_tx_burst(port, 0, &m, 1) != 1) {
		rte_pktmbuf_free(m);
		return !there;
	}
	/* a VC's frames go out on the lower queue of the queue that owns it: back on that one */
	for (i = 0; i < (there ? 100u : 3u) && n == 0; i++) {
		n = rte_eth_rx_burst(port, 0, b, RTE_DIM(b));
		if (n == 0)
			n = rte_eth_rx_burst(port, 1, b, RTE_DIM(b));
		if (n == 0)
			rte_delay_ms(1);
	}
	ok = there ? n == 1 : n == 0 && xstat(port, "tx_no_vc_drops") == no_vc + 1;
	for (k = 0; k < n; k++) {
		ok &= test_frame_ok(b[k], &seq) && seq == vci &&
		      rte_pmd_mcm_mbuf_get_vc(b[k], &vc) == 0 && vc == rte_pmd_mcm_vc(vpi, vci);
		rte_pktmbuf_free(b[k]);
	}
	return ok;
}

static void
test_churn(void)
{
	unsigned int op, adds = 0, dels = 0, bad_rt = 0, maps = 0, c, v;
	size_t h0 = heap_allocated();
	uint16_t vpi;
	uint32_t vci;
	int rc;

	for (op = 1; op <= CHURN_OPS; op++) {
		v = rnd() & 1;
		vpi = (uint16_t)(CHURN_VPI_A + v);
		vci = 32 + rnd() % (CHURN_VCIS - 32);
		if (!present[v][vci]) {
			rc = rte_pmd_mcm_pvc_add(port, vpi, (uint16_t)vci, RTE_PMD_MCM_ENCAP_LLC);
			if (rc == 0) {
				present[v][vci] = 1;
				adds++;
			} else {
				CHECK(0, "add %u/%u: %d", vpi, vci, rc);
			}
		} else {
			rc = rte_pmd_mcm_pvc_del(port, vpi, (uint16_t)vci);
			if (rc == 0) {
				present[v][vci] = 0;
				dels++;
			} else {
				CHECK(0, "delete %u/%u: %d", vpi, vci, rc);
			}
		}
		if (op % CHURN_CHECK_EVERY == 0) {
			bad_rt += check_vpi(CHURN_VPI_A, in_model, "churn");
			bad_rt += check_vpi(CHURN_VPI_B, in_model, "churn");
		}
	}
	CHECK(bad_rt == 0, "churn: %u VCIs looked up wrong over %u checks", bad_rt,
	      CHURN_OPS / CHURN_CHECK_EVERY);
	for (v = 0; v < 2; v++)
		for (c = 0; c < 3; c++)
			maps += chunk_kind((uint16_t)(CHURN_VPI_A + v), c) == 'm';
	printf("churn: %u adds, %u deletes, %u of 6 chunks made maps, %zu bytes of heap\n",
	       adds, dels, maps, heap_allocated() - h0);
	CHECK(maps > 0, "scrambled slots made maps (%u)", maps);
	CHECK(heap_allocated() - h0 <= 6u * (4096u * 4u + 256u) + 2u * DIR_HEAP,
	      "at most six maps and two directories: %zu bytes", heap_allocated() - h0);
	CHECK(check_vpi(RANGE_VPI, in_range, "range after churn") == 0,
	      "the range's VPI untouched");

	/* the data path itself: 400 VCs, present and absent, each way through the ring */
	for (op = 0, bad_rt = 0; op < 400; op++) {
		v = op & 1;
		vci = 32 + rnd() % (CHURN_VCIS - 32);
		vpi = (uint16_t)(CHURN_VPI_A + v);
		if (!frame_round_trip(vpi, (uint16_t)vci, present[v][vci]) && bad_rt++ < 5)
			printf("frame on %u/%u (%s) went wrong\n", vpi, vci,
			       present[v][vci] ? "present" : "absent");
	}
	CHECK(bad_rt == 0, "%u of 400 frames went wrong", bad_rt);

	h0 = heap_allocated();
	for (v = 0; v < 2; v++)
		for (vci = 0; vci < CHURN_VCIS; vci++)
			if (present[v][vci]) {
				CHECK(rte_pmd_mcm_pvc_del(port, (uint16_t)(CHURN_VPI_A + v),
							  (uint16_t)vci) == 0, "delete");
				present[v][vci] = 0;
			}
	CHECK(check_vpi(CHURN_VPI_A, nothing, "all deleted") == 0 &&
	      check_vpi(CHURN_VPI_B, nothing, "all deleted") == 0, "no VC left");
	CHECK(heap_allocated() <= h0, "the deletes freed what they did not make: %zd",
	      (ssize_t)(heap_allocated() - h0));
}

/* The lower port's two rings: what the test puts in ring 0 reaches RX queue 0. */
static struct rte_ring *rings[2];

#define HINT_VPI 10
#define HINT_VCI 32        /* the range HINT_VCI .. HINT_VCI + 3 */

/* Cells of a one-cell AAL5 PDU of @p vpi/@p vci at @p out: an LLC bridged frame of 20
 * bytes whose last byte is @p tag (a PDU that passes every check on its VC).
 */
static void
hint_pdu_put(uint8_t *out, uint16_t vpi, uint16_t vci, uint8_t tag)
{
	uint8_t sdu[MCM_RFC2684_MAX_HDR + 20];
	struct mcm_iov iov;
	struct mcm_aal5_seg seg;
	size_t h = mcm_rfc2684_hdr_put(sdu, MCM_ENCAP_LLC_BRIDGED, 0);
	uint32_t i;

	for (i = 0; i < 20; i++)
		sdu[h + i] = (uint8_t)(0x20 + i);
	sdu[h] = 0x02;            /* a unicast, locally administered destination */
	sdu[h + 19] = tag;
	iov.base = sdu;
	iov.len = h + 20;
	CHECK(mcm_aal5_seg_init(&seg, &iov, 1, (uint32_t)vpi << 20 | (uint32_t)vci << 4, 0,
				0) == 0 && seg.cells_left == 1, "a one-cell PDU");
	mcm_aal5_seg_emit(&seg, out, 1);
}

/* A PW frame of the port's label holding one one-cell PDU of each of the @p n VCIs @p vcis
 * of HINT_VPI, put straight into ring 0 as the far end would send it.
 */
static void
hint_frame_send(const uint16_t *vcis, unsigned int n)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	uint32_t lse = mport->cfg.pw_label << 12 | 0x100 | 64, k;
	uint8_t *p;

	if (m == NULL || (p = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)(22 + n *
					MCM_ATM_CELL_LEN))) == NULL) {
		CHECK(0, "a frame");
		rte_pktmbuf_free(m);
		return;
	}
	memset(p, 0, 22);
	p[0] = 0x02;
	p[6] = 0x02;
	p[11] = 0x01;
	p[12] = MCM_MPLS_ETHERTYPE >> 8;
	p[13] = MCM_MPLS_ETHERTYPE & 0xff;
	p[14] = (uint8_t)(lse >> 24);
	p[15] = (uint8_t)(lse >> 16);
	p[16] = (uint8_t)(lse >> 8);
	p[17] = (uint8_t)lse;
	for (k = 0; k < n; k++)
		hint_pdu_put(p + 22 + k * MCM_ATM_CELL_LEN, HINT_VPI, vcis[k], (uint8_t)vcis[k]);
	if (rte_ring_enqueue(rings[0], m) != 0) {
		CHECK(0, "ring 0 full");
		rte_pktmbuf_free(m);
	}
}

/* Receive on queue 0 until @p want frames came or 200 ms passed; each one's VC counted in
 * @p got by VCI (HINT_VPI's) or in *other. @return the frames received
 */
static unsigned int
hint_receive(unsigned int want, unsigned int got[4096], unsigned int *other)
{
	unsigned int n = 0, i, tries;
	struct rte_mbuf *b[32];
	rte_pmd_mcm_vc_t vc;

	for (tries = 0; tries < 200 && n < want; tries++) {
		uint16_t r = rte_eth_rx_burst(port, 0, b, RTE_DIM(b));

		for (i = 0; i < r; i++) {
			const uint8_t *d = rte_pktmbuf_mtod(b[i], const uint8_t *);

			if (rte_pmd_mcm_mbuf_get_vc(b[i], &vc) == 0 &&
			    rte_pmd_mcm_vc_vpi(vc) == HINT_VPI &&
			    rte_pmd_mcm_vc_vci(vc) < 4096 && b[i]->pkt_len == 20 &&
			    d[19] == (uint8_t)rte_pmd_mcm_vc_vci(vc))
				got[rte_pmd_mcm_vc_vci(vc)]++;
			else
				(*other)++;
		}
		n += r;
		rte_pktmbuf_free_bulk(b, r);
		if (r == 0)
			rte_delay_ms(1);
	}
	return n;
}

/*
 * The receive look-ahead (mcm_rx.c, rx_hint_map) takes the slot an affine chunk gives a
 * cell's VCI and leaves the check that the slot holds that VC to the cell's turn. Cells of
 * VCIs of an affine chunk that have no VC, whose slot holds another VC or none, in frames
 * whose cells mix VCs (the look-ahead on): counted as unknown-VC cells, never reassembled on
 * the slot's VC; the VCs of the chunk around them delivered.
 */
static void
test_hint_unknown_vcis(void)
{
	static unsigned int got[4096];
	static uint16_t others[2000];
	unsigned int nothers = 0;
	uint16_t keep = 0;
	const struct mcm_rx_queue *rxq = mport->rxq[0];
	uint64_t unknown0 = xstat(port, "rx_unknown_vc_cells");
	unsigned int other = 0, busy_vci = 0, free_vci = 0, n, v;
	uint32_t base, x;
	uintptr_t e;
	int s;

	CHECK(rte_pmd_mcm_pvc_add_range(port, HINT_VPI, HINT_VCI, 4, RTE_PMD_MCM_ENCAP_LLC) == 0,
	      "range %u/%u x 4", HINT_VPI, HINT_VCI);
	e = dir_of(HINT_VPI) != NULL ? dir_of(HINT_VPI)->chunk[0] : 0;
	s = mcm_vc_lookup(mport, HINT_VPI, HINT_VCI);
	CHECK((e & MCM_VCI_AFFINE) && s >= 0, "chunk 0 of VPI %u affine (%c), slot %d", HINT_VPI,
	      chunk_kind(HINT_VPI, 0), s);
	if (!(e & MCM_VCI_AFFINE) || s < 0)
		return;
	/* VCIs of the chunk with no VC: one whose slot holds another VC (PVCs of VPI
	 * HINT_VPI + 1 added until one takes a slot the chunk would give one of its VCIs: the
	 * registry hands out free slots in no set order), one whose slot is free
	 */
	base = (uint32_t)s - HINT_VCI;
	for (v = 100; v < 2100 && busy_vci == 0; v++) {
		int t;

		if (rte_pmd_mcm_pvc_add(port, HINT_VPI + 1, (uint16_t)v,
					RTE_PMD_MCM_ENCAP_LLC) != 0)
			break;
		t = mcm_vc_lookup(mport, HINT_VPI + 1, (uint16_t)v);
		if (t >= (int)(base + HINT_VCI + 4) && t < (int)(base + 4096)) {
			busy_vci = (uint32_t)t - base;
			keep = (uint16_t)v;
		} else {
			others[nothers++] = (uint16_t)v;
		}
	}
	for (v = 0; v < nothers; v++)
		CHECK(rte_pmd_mcm_pvc_del(port, HINT_VPI + 1, others[v]) == 0, "delete");
	for (v = HINT_VCI + 4; v < 4096 && free_vci == 0; v++) {
		x = mcm_vci_affine_slot(e, v);
		if (x < MAX_VCS && !__atomic_load_n(&mcm_vc_rt(mport, x)->active, __ATOMIC_ACQUIRE))
			free_vci = v;
	}
	CHECK(busy_vci != 0 && free_vci != 0 && mcm_vci_affine_slot(e, busy_vci) ==
	      base + busy_vci && mcm_vc_lookup(mport, HINT_VPI, (uint16_t)busy_vci) < 0 &&
	      mcm_vc_lookup(mport, HINT_VPI, (uint16_t)free_vci) < 0,
	      "VCIs %u (slot %u, another VC's) and %u (slot %u, free) of the chunk, no VC",
	      busy_vci, base + busy_vci, free_vci, base + free_vci);
	if (busy_vci == 0 || free_vci == 0)
		return;
	printf("look-ahead: VCI %u of %u/%u-%u's chunk gives slot %u, %u/%u's; VCI %u slot %u,"
	       " free (%u PVCs added to find one)\n", busy_vci, HINT_VPI, HINT_VCI, HINT_VCI + 3,
	       base + busy_vci, HINT_VPI + 1, keep, free_vci, base + free_vci, nothers + 1);
	memset(got, 0, sizeof(got));
	{
		/* a frame of mixed VCs: the queue looks ahead for its next bursts */
		const uint16_t first[2] = { HINT_VCI, HINT_VCI + 1 };

		hint_frame_send(first, 2);
		n = hint_receive(2, got, &other);
		CHECK(n == 2 && got[HINT_VCI] == 1 && got[HINT_VCI + 1] == 1,
		      "the mixed frame's 2 PDUs delivered (%u)", n);
		CHECK(rxq->polls < rxq->hint_until, "queue 0 looks ahead (polls %" PRIu64
		      ", until %" PRIu64 ")", rxq->polls, rxq->hint_until);
	}
	memset(got, 0, sizeof(got));
	{
		const uint16_t cells[6] = { HINT_VCI, (uint16_t)busy_vci, HINT_VCI + 2,
					    (uint16_t)free_vci, (uint16_t)busy_vci, HINT_VCI + 3 };
		unsigned int f;

		/* three frames in one burst: the look-ahead takes frames 1 and 2 ahead */
		for (f = 0; f < 3; f++)
			hint_frame_send(cells, RTE_DIM(cells));
		n = hint_receive(9, got, &other);
		rte_delay_ms(20);
		n += hint_receive(1, got, &other);   /* nothing more may come */
	}
	CHECK(n == 9 && got[HINT_VCI] == 3 && got[HINT_VCI + 2] == 3 && got[HINT_VCI + 3] == 3,
	      "the chunk's VCs' 9 PDUs delivered (%u: %u/%u/%u)", n, got[HINT_VCI],
	      got[HINT_VCI + 2], got[HINT_VCI + 3]);
	CHECK(got[busy_vci] == 0 && got[free_vci] == 0 && other == 0,
	      "none on VCIs %u and %u, none on another VC (%u, %u, %u)", busy_vci, free_vci,
	      got[busy_vci], got[free_vci], other);
	CHECK(xstat(port, "rx_unknown_vc_cells") == unknown0 + 9,
	      "their 9 cells counted as unknown-VC cells (%" PRIu64 ")",
	      xstat(port, "rx_unknown_vc_cells") - unknown0);
	/* the same VCIs on TX (tx_lookup_all takes the affine chunk's slot first too): dropped
	 * as no-VC, never sent on the slot's VC; the chunk's own VCs go through
	 */
	CHECK(frame_round_trip(HINT_VPI, (uint16_t)busy_vci, false) &&
	      frame_round_trip(HINT_VPI, (uint16_t)free_vci, false) &&
	      frame_round_trip(HINT_VPI, HINT_VCI + 1, true),
	      "TX: %u/%u and %u/%u dropped as no-VC, %u/%u sent", HINT_VPI, busy_vci, HINT_VPI,
	      free_vci, HINT_VPI, HINT_VCI + 1);
	/* one burst that starts with a packet of no VC (no VC field, no binding, no default VC)
	 * and mixes them with the chunk's VCs: those dropped as no-VC, the others sent
	 */
	{
		struct rte_mbuf *tx[4], *b[8];
		uint64_t no_vc = xstat(port, "tx_no_vc_drops");
		unsigned int k, back = 0, right = 0, tries;
		rte_pmd_mcm_vc_t vc;
		uint32_t seq;

		for (k = 0; k < 4; k++) {
			tx[k] = test_frame_make(mp, 100, k, NULL);
			if (tx[k] == NULL)
				break;
			if (k & 1)
				rte_pmd_mcm_mbuf_set_vc(tx[k], rte_pmd_mcm_vc(HINT_VPI,
								       (uint16_t)(HINT_VCI + k)));
		}
		CHECK(k == 4 && rte_eth_tx_burst(port, 0, tx, 4) == 4, "a burst of 4 taken");
		/* a VC's frames come back on the queue that owns it (its slot's) */
		for (tries = 0; tries < 200 && back < 2; tries++) {
			uint16_t r = rte_eth_rx_burst(port, (uint16_t)(tries & 1), b, RTE_DIM(b));

			for (k = 0; k < r; k++) {
				right += test_frame_ok(b[k], &seq) && (seq & 1) &&
					 rte_pmd_mcm_mbuf_get_vc(b[k], &vc) == 0 &&
					 vc == rte_pmd_mcm_vc(HINT_VPI, (uint16_t)(HINT_VCI + seq));
				back++;
			}
			rte_pktmbuf_free_bulk(b, r);
			if (r == 0)
				rte_delay_ms(1);
		}
		rte_delay_ms(20);
		for (k = 0; k < 2; k++) {
			uint16_t r = rte_eth_rx_burst(port, (uint16_t)k, b, RTE_DIM(b));

			back += r;
			rte_pktmbuf_free_bulk(b, r);
		}
		CHECK(back == 2 && right == 2 && xstat(port, "tx_no_vc_drops") == no_vc + 2,
		      "packets 1 and 3 back on their VCs (%u of %u), 0 and 2 dropped as no-VC "
		      "(%" PRIu64 ")", right, back, xstat(port, "tx_no_vc_drops") - no_vc);
	}
	CHECK(rte_pmd_mcm_pvc_del_range(port, HINT_VPI, HINT_VCI, 4) == 0 &&
	      rte_pmd_mcm_pvc_del(port, HINT_VPI + 1, keep) == 0, "range and %u/%u deleted",
	      HINT_VPI + 1, keep);
}

enum change { CHANGE_PVC_DEL, CHANGE_MAC_UNBIND };

struct change_run {
	enum change what;
	uint16_t vci;
	int rc;
	int done;
};

static void *
change_main(void *arg)
{
	struct change_run *c = arg;
	const struct rte_ether_addr mac = { .addr_bytes = { 2, 0, 0, 0, 0, 0x42 } };

	if (c->what == CHANGE_PVC_DEL)
		c->rc = rte_pmd_mcm_pvc_del(port, 11, c->vci);
	else
		c->rc = rte_pmd_mcm_unbind_mac(port, &mac);
	__atomic_store_n(&c->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* The bursts a change must wait for: one of each queue. */
enum reader { RX_Q0, RX_Q1, TX_Q0, TX_Q1, READERS };

static const char *const reader_name[READERS] = {
	"rx queue 0", "rx queue 1", "tx queue 0 (shared)", "tx queue 1",
};

/* Hold a burst of queue @p k open, taking what mcm_rx_burst / mcm_tx_burst take (the queue's
 * lock where it has one, then its RCU reader id online), or let it go.
 */
static void
reader_hold(enum reader k, bool hold)
{
	rte_spinlock_t *sl = k == RX_Q0 ? &mport->rxq[0]->lock : k == RX_Q1 ?
			     &mport->rxq[1]->lock : k == TX_Q0 ? &mport->txq[0]->lock : NULL;
	uint32_t id = k == RX_Q0 ? mport->rxq[0]->qsbr_id : k == RX_Q1 ?
		      mport->rxq[1]->qsbr_id : k == TX_Q0 ? mport->txq[0]->qsbr_id :
		      mport->txq[1]->qsbr_id;

	if (hold) {
		if (sl != NULL)
			rte_spinlock_lock(sl);
		rte_rcu_qsbr_thread_online(mport->qsbr, id);
	} else {
		rte_rcu_qsbr_thread_offline(mport->qsbr, id);
		if (sl != NULL)
			rte_spinlock_unlock(sl);
	}
}

static void
test_removal_waits(void)
{
	const struct rte_ether_addr mac = { .addr_bytes = { 2, 0, 0, 0, 0, 0x42 } };
	unsigned int k;

	CHECK(mport->nb_rxq == 2 && mport->nb_txq == 2 && mport->txq[0]->shared &&
	      !mport->txq[1]->shared, "two queue pairs, tx queue 0 shared");
	for (k = 0; k < READERS; k++) {
		struct change_run c = {
			.what = k == TX_Q0 || k == TX_Q1 ? CHANGE_MAC_UNBIND : CHANGE_PVC_DEL,
			.vci = (uint16_t)(100 + k),
		};
		pthread_t th;
		int done;

		CHECK(rte_pmd_mcm_pvc_add(port, 11, c.vci, RTE_PMD_MCM_ENCAP_LLC) == 0 &&
		      (c.what != CHANGE_MAC_UNBIND ||
		       rte_pmd_mcm_bind_mac(port, &mac, 11, c.vci) == 0), "%s: set up",
		      reader_name[k]);
		reader_hold((enum reader)k, true);
		if (pthread_create(&th, NULL, change_main, &c) != 0) {
			reader_hold((enum reader)k, false);
			CHECK(0, "thread");
			continue;
		}
		rte_delay_ms(200);
		done = __atomic_load_n(&c.done, __ATOMIC_ACQUIRE);
		CHECK(!done, "%s: the change returned with a burst in progress", reader_name[k]);
		if (c.what == CHANGE_PVC_DEL)
			CHECK(mcm_vc_lookup(mport, 11, c.vci) < 0, "%s: unmapped while it waits",
			      reader_name[k]);
		reader_hold((enum reader)k, false);
		pthread_join(th, NULL);
		CHECK(c.rc == 0, "%s: the change after the burst: %d", reader_name[k], c.rc);
		if (c.what == CHANGE_MAC_UNBIND)
			CHECK(rte_pmd_mcm_pvc_del(port, 11, c.vci) == 0, "%s: PVC deleted",
			      reader_name[k]);
	}
}

int
main(int argc, char **argv)
{
	char prefix[64], low[RTE_ETH_NAME_MAX_LEN], args[RTE_ETH_NAME_MAX_LEN + 48];
	char *eal[] = { argv[0], "-l", "0", "--no-huge", "-m", "512", "--no-pci",
			"--file-prefix", prefix, "--log-level", "pmd.net.mcm:warning", NULL };
	struct rte_ring **r = rings;
	uint16_t lower;
	int rc;

	RTE_SET_USED(argc);
	snprintf(prefix, sizeof(prefix), "mcm-vcimap-%d", getpid());
	if (rte_eal_init((int)RTE_DIM(eal) - 1, eal) < 0) {
		printf("FAIL: rte_eal_init\n");
		return 1;
	}
	/* two queue pairs, each looped back on its ring */
	r[0] = rte_ring_create("vcimap_ring0", 1024, (int)rte_socket_id(),
			       RING_F_SP_ENQ | RING_F_SC_DEQ);
	r[1] = rte_ring_create("vcimap_ring1", 1024, (int)rte_socket_id(),
			       RING_F_SP_ENQ | RING_F_SC_DEQ);
	rc = r[0] != NULL && r[1] != NULL ?
	     rte_eth_from_rings("vcimap_low", r, 2, r, 2, rte_socket_id()) : -1;
	CHECK(rc >= 0 && rte_eth_dev_get_name_by_port((uint16_t)rc, low) == 0, "ring port: %d",
	      rc);
	if (rc < 0)
		return test_summary() | 1;
	lower = (uint16_t)rc;
	snprintf(args, sizeof(args), "lower=%s,sig=off,max_vcs=%u", low, MAX_VCS);
	rc = rte_vdev_init("net_mcm_vcimap", args);
	CHECK(rc == 0 && rte_eth_dev_get_port_by_name("net_mcm_vcimap", &port) == 0,
	      "mcm port: %d", rc);
	mp = rte_pktmbuf_pool_create("vcimap_mp", 2047, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				     (int)rte_socket_id());
	if (rc != 0 || mp == NULL || test_port_up(port, 2, mp) != 0) {
		CHECK(0, "port up");
		return test_summary() | 1;
	}
	mport = rte_eth_devices[port].data->dev_private;
	test_range();
	test_hint_rebase_expand();
	test_churn();
	test_removal_waits();
	test_hint_unknown_vcis();
	CHECK(rte_pmd_mcm_pvc_del_range(port, RANGE_VPI, RANGE_VCI, RANGE_N) == 0,
	      "range deleted");
	CHECK(rte_eth_dev_stop(port) == 0 && rte_eth_dev_close(port) == 0, "mcm port closed");
	CHECK(rte_mempool_in_use_count(mp) == 0, "no mbuf left in use (%u)",
	      rte_mempool_in_use_count(mp));
	rte_mempool_free(mp);
	if (rte_eth_dev_is_valid_port(lower))   /* the mcm port may have closed it */
		rte_eth_dev_close(lower);
	rte_ring_free(r[0]);
	rte_ring_free(r[1]);
	rte_eal_cleanup();
	return test_summary();
}
