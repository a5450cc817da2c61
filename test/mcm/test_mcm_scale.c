/* SPDX-License-Identifier: BSD-3-Clause
 * 32-bit VC slots (issue 9): two mcm ports over memif, user and network side, max_vcs=70000,
 * so that slots past 65,535 are used. Checks:
 *  - 65,536 PVCs added on each port by rte_pmd_mcm_pvc_add_range (VPI 2 VCIs 32..65535, then
 *    VPI 3), all or none (a range overlapping them, or over max_vcs, adds nothing), taking
 *    no heap a VC: two VCI directories and no map entries (a range in consecutive slots
 *    makes affine chunks), no OAM counters or fault records for idle VCs; measured from a
 *    heap that has settled (heap_settle);
 *  - PVCs on slots 65,536.. carry traffic both ways and are found by VPI/VCI;
 *  - a hash binding across two VPIs: flows land on both VPIs' VCs, nowhere else;
 *  - a switched call on a slot past 65,535: its id's slot field is, the id round-trips
 *    (listed, released by it), and once released the id is refused, also after the slot
 *    is reused by the next call (a new generation);
 *  - the range deleted: no VC left, the heap back but for the VCI directories;
 *  - a port with max_vcs=1048576 probes and reports it; max_vcs=1048577 does not probe;
 *  - on that port (a ring looped back as its lower port) 1,048,576 PVCs added through the
 *    range API in under 10 s, taking no EAL heap but 17 VCI directories (affine chunks, no
 *    entries); a frame each way on the first and the last VC; all deleted with the heap back
 *    but for those directories; added and deleted again taking nothing more.
 */
#include <errno.h>
#include <string.h>

#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_ring.h>

#include "mcm_check.h"
#define MCM_TEST_CALLS
#include "mcm_test.h"
#include "rte_pmd_mcm.h"

#define MAX_VCS 70000u
#define RANGE 65536u          /* PVCs from 2/32: VPI 2 (65,504), then 3/32..3/63 */
#define SLOT_MASK 0xfffffu    /* a call id's slot field (mcm_cm.h) */
#define VCI_DIR 320u          /* a VPI's VCI directory (160 B) with rte_malloc's header */
#define SETTLE_QUIET_MS 100u  /* heap_settle: this long without an allocation or free */
#define SETTLE_MAX_MS 5000u

static uint16_t mem0 = RTE_MAX_ETHPORTS, mem1 = RTE_MAX_ETHPORTS;

/*
 * Wait until nothing else is allocating on the EAL heap, so that what an operation takes
 * from it can be read as before/after: both memif ports linked and the heap's bytes and
 * allocation count unchanged for SETTLE_QUIET_MS. Starting the mcm ports restarts their
 * lower ports, and memif then reconnects on the EAL interrupt thread, a handshake that
 * allocates as it goes (two control channels with their interrupt handles, 27 KiB each,
 * the region records and queued messages) while the signalling link may already read up
 * from before the restart; the control threads make per-slot records on demand too (a
 * fault record chunk if they see the path down). A heap that never settles fails.
 * @return the settled heap_allocated()
 */
static size_t
heap_settle(const char *what)
{
	struct rte_malloc_socket_stats st;
	struct rte_eth_link la, lb;
	uint64_t t0 = now_ms(), quiet = t0, now;
	size_t bytes = SIZE_MAX;
	unsigned int count = UINT32_MAX;

	while ((now = now_ms()) - t0 < SETTLE_MAX_MS) {
		memset(&st, 0, sizeof(st));
		rte_malloc_get_socket_stats((int)rte_socket_id(), &st);
		if (rte_eth_link_get_nowait(mem0, &la) != 0 || !la.link_status ||
		    rte_eth_link_get_nowait(mem1, &lb) != 0 || !lb.link_status ||
		    st.heap_allocsz_bytes != bytes || st.alloc_count != count) {
			bytes = st.heap_allocsz_bytes;
			count = st.alloc_count;
			quiet = now;
		} else if (now - quiet >= SETTLE_QUIET_MS) {
			printf("%s: heap settled after %" PRIu64 " ms\n", what, now - t0);
			return bytes;
		}
		rte_delay_us_sleep(5000);   /* asleep: the interrupt thread may share the CPU */
	}
	CHECK(0, "%s: the EAL heap did not settle within %u ms (memif links %s)", what,
	      SETTLE_MAX_MS, rte_eth_link_get_nowait(mem0, &la) == 0 && la.link_status &&
	      rte_eth_link_get_nowait(mem1, &lb) == 0 && lb.link_status ? "up" : "not up");
	return heap_allocated();
}

static unsigned int
vc_total(uint16_t port)
{
	struct rte_pmd_mcm_vc_info vi[1];
	unsigned int total = 0;

	if (rte_pmd_mcm_vc_list(port, vi, 1, 0, &total) < 0)
		return UINT32_MAX;
	return total;
}

static void
test_range_add(void)
{
	struct rte_pmd_mcm_vc_oam_stats oam;
	struct rte_pmd_mcm_vc_info info;
	size_t h0 = heap_settle("range add"), took;
	uint64_t t0 = now_ms();
	int rc;

	rc = rte_pmd_mcm_pvc_add_range(pa, 2, 32, RANGE, RTE_PMD_MCM_ENCAP_LLC);
	CHECK(rc == 0, "A: %u PVCs from 2/32: %d", RANGE, rc);
	/* two VCI directories (VPIs 2 and 3), their 17 chunks affine (consecutive slots: no
	 * map entries, mcm_vci_dir), and nothing a VC: no OAM counters until a VC has an OAM
	 * cell, no fault record until one is needed. So anything made per VC (a byte of it:
	 * 64 KiB), a map chunk (16 KiB) or a chunk of 1,024 slots' records (an OAM, fault or
	 * call chunk: 72 KiB and more) fails here, and so does a net decrease (size_t)
	 */
	took = heap_allocated() - h0;
	printf("A: %u PVCs took %zu bytes of EAL heap\n", RANGE, took);
	CHECK(took <= 2 * VCI_DIR, "A: the adds took %zu bytes of heap (two VCI directories: "
	      "%u)", took, 2 * VCI_DIR);
	CHECK(rte_pmd_mcm_vc_oam_stats_get(pa, 3, 63, &oam) == 0 && oam.in_lb == 0 &&
	      oam.out_lb_reply == 0, "an idle VC's OAM counters read 0");
	rc = rte_pmd_mcm_pvc_add_range(pb, 2, 32, RANGE, RTE_PMD_MCM_ENCAP_LLC);
	CHECK(rc == 0, "B: %u PVCs from 2/32: %d", RANGE, rc);
	printf("%u PVCs added on two ports in %" PRIu64 " ms\n", RANGE, now_ms() - t0);
	CHECK(vc_total(pa) == RANGE && vc_total(pb) == RANGE, "VCs: A %u, B %u", vc_total(pa),
	      vc_total(pb));
	/* the last of the range: VC 65,535 of it is 3/63 (65,504 on VPI 2) */
	CHECK(rte_pmd_mcm_vc_info_get(pa, 3, 63, &info) == 0 && info.is_pvc, "3/63 on A");
	CHECK(rte_pmd_mcm_vc_info_get(pa, 3, 64, &info) == -ENOENT, "3/64 not on A");
	/* all or none: the overlap is refused and the VCs it would have added are not there */
	rc = rte_pmd_mcm_pvc_add_range(pa, 3, 60, 10, RTE_PMD_MCM_ENCAP_LLC);
	CHECK(rc == -EEXIST, "overlapping range: %d", rc);
	CHECK(rte_pmd_mcm_vc_info_get(pa, 3, 64, &info) == -ENOENT && vc_total(pa) == RANGE,
	      "the overlap added nothing (%u VCs)", vc_total(pa));
	rc = rte_pmd_mcm_pvc_add_range(pa, 5, 32, MAX_VCS, RTE_PMD_MCM_ENCAP_LLC);
	CHECK(rc == -ENOSPC && vc_total(pa) == RANGE, "over max_vcs: %d", rc);
	rc = rte_pmd_mcm_pvc_add_range(pa, 4095, 65535, 2, RTE_PMD_MCM_ENCAP_LLC);
	CHECK(rc == -EINVAL, "past VPI 4095: %d", rc);
	rc = rte_pmd_mcm_pvc_add_range(pa, 5, 31, 1, RTE_PMD_MCM_ENCAP_LLC);
	CHECK(rc == -EPERM, "reserved VCI: %d", rc);
}

/* PVCs past slot 65,535 (the range took 0..65,535): traffic, lookup, a hash binding. */
static void
test_high_slots(void)
{
	static const uint16_t vcs[][2] = { { 3, 100 }, { 2, 65534 }, { 2, 65535 },
					   { 3, 65534 }, { 3, 65535 } };
	unsigned int i, got = 0, bad = 0, on_3 = 0, idle = 0, sent = 0;
	rte_pmd_mcm_vc_t first;
	uint32_t count;

	/* 2/65534 and 2/65535 are in the range already */
	for (i = 0; i < RTE_DIM(vcs); i++)
		if (vcs[i][0] == 3)
			CHECK(rte_pmd_mcm_pvc_add(pa, vcs[i][0], vcs[i][1], RTE_PMD_MCM_ENCAP_LLC)
			      == 0 && rte_pmd_mcm_pvc_add(pb, vcs[i][0], vcs[i][1],
							  RTE_PMD_MCM_ENCAP_LLC) == 0,
			      "PVC %u/%u on both ports", vcs[i][0], vcs[i][1]);
	traffic(pa, pb, rte_pmd_mcm_vc(3, 100), 300, "A -> B on 3/100 (slot 65,536)");
	traffic(pb, pa, rte_pmd_mcm_vc(3, 65535), 300, "B -> A on 3/65535 (slot 65,538)");
	/* 4 VCs from 2/65534: 2/65534, 2/65535, then the same VCIs of VPI 3 */
	CHECK(rte_pmd_mcm_bind_hash(pa, 2, 65534, 4) == 0, "bind hash across VPIs");
	CHECK(rte_pmd_mcm_bind_hash_get(pa, &first, &count) == 0 &&
	      first == rte_pmd_mcm_vc(2, 65534) && count == 4, "the binding reads back");
	while ((sent < 640 || got < sent) && idle < 2000) {
		struct rte_mbuf *b[BURST];
		uint16_t k = 0, n, j;

		while (sent + k < 640 && k < BURST) {
			/* flows differ by their source MAC: the hash spreads them */
			b[k] = test_frame_make(mp, 64, sent + k, NULL);
			if (b[k] == NULL)
				break;
			rte_pktmbuf_mtod(b[k], uint8_t *)[11] = (uint8_t)(sent + k);
			rte_pktmbuf_mtod(b[k], uint8_t *)[10] = (uint8_t)((sent + k) >> 8);
			k++;
		}
		n = k ? rte_eth_tx_burst(pa, 0, b, k) : 0;
		rte_pktmbuf_free_bulk(&b[n], k - n);
		sent += n;
		n = rte_eth_rx_burst(pb, 0, b, BURST);
		idle = n ? 0 : idle + 1;
		for (j = 0; j < n; j++) {
			rte_pmd_mcm_vc_t vc;

			got++;
			if (rte_pmd_mcm_mbuf_get_vc(b[j], &vc) != 0 ||
			    (rte_pmd_mcm_vc_vpi(vc) != 2 && rte_pmd_mcm_vc_vpi(vc) != 3) ||
			    rte_pmd_mcm_vc_vci(vc) < 65534)
				bad++;
			else
				on_3 += rte_pmd_mcm_vc_vpi(vc) == 3;
		}
		rte_pktmbuf_free_bulk(b, n);
		if (n == 0)
			rte_delay_us(50);
	}
	CHECK(sent == 640 && got == sent && bad == 0, "hash across VPIs: %u sent, %u received, "
	      "%u on a VC outside the four", sent, got, bad);
	CHECK(on_3 > 0 && on_3 < got, "%u of %u frames on VPI 3", on_3, got);
	CHECK(rte_pmd_mcm_bind_hash(pa, 0, 0, 0) == 0, "unbind");
}

/* A call on a slot past 65,535: its id, the id refused once the call is over. */
static void
test_high_call_ids(void)
{
	struct rte_pmd_mcm_call_info info;
	struct svc s, s2;
	uint32_t old_a, old_b;
	int rc;

	if (connect_call(&s, 1) != 0)
		return;
	printf("call ids A %#x B %#x on %u/%u\n", s.id_a, s.id_b, s.vpi, s.vci);
	CHECK((s.id_a & SLOT_MASK) > 65535 && (s.id_b & SLOT_MASK) > 65535,
	      "call ids on slots past 65,535: A %#x, B %#x", s.id_a, s.id_b);
	CHECK(s.id_a <= INT32_MAX && s.id_b <= INT32_MAX, "ids are positive int32");
	CHECK(find_call(pa, s.id_a, &info) == 0 && info.vci == s.vci, "A lists its call");
	traffic(pa, pb, rte_pmd_mcm_vc(s.vpi, s.vci), 200, "on the call's VC");
	release_call(&s, 1);
	drain_events(pa, cla);
	drain_events(pb, clb);
	old_a = s.id_a;
	old_b = s.id_b;
	rc = rte_pmd_mcm_call_release(pa, cla, old_a, 0);
	CHECK(rc == -ENOENT, "A: a released call's id refused: %d", rc);
	/* the next call takes the same slots: a new generation, the old ids still refused */
	if (connect_call(&s2, 0) != 0)
		return;
	CHECK((s2.id_a & SLOT_MASK) == (old_a & SLOT_MASK) && s2.id_a != old_a,
	      "A's slot reused with a new id (%#x, was %#x)", s2.id_a, old_a);
	CHECK((s2.id_b & SLOT_MASK) == (old_b & SLOT_MASK) && s2.id_b != old_b,
	      "B's slot reused with a new id (%#x, was %#x)", s2.id_b, old_b);
	rc = rte_pmd_mcm_call_release(pa, cla, old_a, 0);
	CHECK(rc == -ENOENT, "A: the stale id refused with its slot in use: %d", rc);
	rc = rte_pmd_mcm_call_answer(pb, clb, old_b, 1, 0);
	CHECK(rc == -ENOENT, "B: the stale id refused: %d", rc);
	CHECK(find_call(pa, s2.id_a, &info) == 0 && info.state == RTE_PMD_MCM_CALL_ACTIVE,
	      "the new call is still active");
	release_call(&s2, 0);
	drain_events(pa, cla);
	drain_events(pb, clb);
}

static void
test_range_del(void)
{
	static const uint16_t extra[][2] = { { 3, 100 }, { 3, 65534 }, { 3, 65535 } };
	size_t h0 = heap_settle("range delete");
	uint64_t t0 = now_ms();
	unsigned int i;
	int rc;

	for (i = 0; i < RTE_DIM(extra); i++)
		CHECK(rte_pmd_mcm_pvc_del(pa, extra[i][0], extra[i][1]) == 0 &&
		      rte_pmd_mcm_pvc_del(pb, extra[i][0], extra[i][1]) == 0, "PVC %u/%u deleted",
		      extra[i][0], extra[i][1]);
	rc = rte_pmd_mcm_pvc_del_range(pa, 2, 32, RANGE);
	CHECK(rc == 0, "A: range deleted: %d", rc);
	rc = rte_pmd_mcm_pvc_del_range(pb, 2, 32, RANGE);
	CHECK(rc == 0, "B: range deleted: %d", rc);
	printf("%u PVCs deleted on two ports in %" PRIu64 " ms\n", RANGE, now_ms() - t0);
	CHECK(vc_total(pa) == 0 && vc_total(pb) == 0, "VCs left: A %u, B %u", vc_total(pa),
	      vc_total(pb));
	rc = rte_pmd_mcm_pvc_del_range(pa, 2, 32, 4);
	CHECK(rc == -ENOENT, "deleting them again: %d", rc);
	/* the per-VC state is reserved at start: deleting frees nothing the adds did not take */
	CHECK(heap_allocated() <= h0, "heap %zu after, %zu before", heap_allocated(), h0);
}

/* max_vcs at its bound on a port of its own (over a ring port), and one past it */
#define MILLION 1048576u
/* 1M PVCs from 1/32: VPIs 1..17, a VCI directory each; their chunks affine (no entries) */
#define MILLION_MAP_BYTES (17u * VCI_DIR)

/* A frame on VC @p vpi/@p vci of @p port, which loops back over its lower ring: it must come
 * back on that VC, counted on it both ways.
 */
static bool
million_frame(uint16_t port, struct rte_mempool *mp, uint16_t vpi, uint16_t vci)
{
	struct rte_pmd_mcm_vc_stats st;
	struct rte_mbuf *m = test_frame_make(mp, 200, 7, NULL), *b[4];
	rte_pmd_mcm_vc_t vc = 0;
	uint32_t seq = 0;
	uint16_t n = 0, k;
	unsigned int i;
	bool ok = false;

	if (m == NULL)
		return false;
	rte_pmd_mcm_mbuf_set_vc(m, rte_pmd_mcm_vc(vpi, vci));
	if (rte_eth_tx_burst(port, 0, &m, 1) != 1) {
		rte_pktmbuf_free(m);
		return false;
	}
	for (i = 0; i < 100 && n == 0; i++) {
		n = rte_eth_rx_burst(port, 0, b, RTE_DIM(b));
		if (n == 0)
			rte_delay_ms(1);
	}
	for (k = 0; k < n; k++) {
		ok |= n == 1 && test_frame_ok(b[k], &seq) && seq == 7 &&
		      rte_pmd_mcm_mbuf_get_vc(b[k], &vc) == 0 && vc == rte_pmd_mcm_vc(vpi, vci);
		rte_pktmbuf_free(b[k]);
	}
	return ok && rte_pmd_mcm_vc_stats_get(port, vpi, vci, &st) == 0 && st.tx_pdus == 1 &&
	       st.rx_pdus == 1 && st.rx_cells == st.tx_cells && st.tx_cells > 0;
}

/*
 * 1,048,576 PVCs on one port (issue 9: in under 10 s through the API), with the memory
 * returned: the adds take no EAL heap but 17 VCI directories (no map entries: the range's
 * chunks are affine; the per-slot state was reserved at start), frames go both ways on the
 * first and the last VC (slot 1,048,575), the deletes give back everything but the
 * directories, kept until close, and adding and deleting all of them again takes nothing
 * more.
 */
static void
test_million(uint16_t port, struct rte_mempool *mp)
{
	const uint16_t last_vpi = 1 + (MILLION - 1) / 65504, last_vci = 32 + (MILLION - 1) % 65504;
	size_t h0, h_add, h_del, h_again;
	uint64_t t0, add_ms, del_ms;
	int rc;

	CHECK(mp != NULL && test_port_up(port, 1, mp) == 0, "the 1M-VC port started");
	if (mp == NULL)
		return;
	h0 = heap_settle("1M add");
	t0 = now_ms();
	rc = rte_pmd_mcm_pvc_add_range(port, 1, 32, MILLION, RTE_PMD_MCM_ENCAP_LLC);
	add_ms = now_ms() - t0;
	h_add = heap_allocated();
	printf("1,048,576 PVCs added in %" PRIu64 " ms, %zu bytes of EAL heap (%.2f a VC)\n",
	       add_ms, h_add - h0, (double)(h_add - h0) / MILLION);
	CHECK(rc == 0 && vc_total(port) == MILLION, "1,048,576 PVCs from 1/32: %d, %u listed", rc,
	      vc_total(port));
	CHECK(add_ms < 10000, "added in under 10 s (%" PRIu64 " ms)", add_ms);
	CHECK(h_add - h0 <= MILLION_MAP_BYTES, "the adds took %zu bytes of EAL heap, at most the "
	      "VCI directories' %u", h_add - h0, MILLION_MAP_BYTES);
	CHECK(million_frame(port, mp, 1, 32) && million_frame(port, mp, last_vpi, last_vci),
	      "a frame each way on 1/32 and on %u/%u, the last slot", last_vpi, last_vci);
	t0 = now_ms();
	rc = rte_pmd_mcm_pvc_del_range(port, 1, 32, MILLION);
	del_ms = now_ms() - t0;
	h_del = heap_allocated();
	printf("deleted in %" PRIu64 " ms; the heap %zu bytes above the start (the VCI "
	       "directories)\n", del_ms, h_del - h0);
	CHECK(rc == 0 && vc_total(port) == 0, "all deleted: %d, %u left", rc, vc_total(port));
	CHECK(h_del >= h0 && h_del <= h_add, "the deletes gave back what the VCs held (%zu "
	      "bytes above the start, %zu after the adds)", h_del - h0, h_add - h0);
	rc = rte_pmd_mcm_pvc_add_range(port, 1, 32, MILLION, RTE_PMD_MCM_ENCAP_LLC);
	h_again = heap_allocated();
	CHECK(rc == 0 && h_again == h_del, "added again: %d, %zd bytes more (the same slots: the "
	      "chunks stay affine)", rc, (ssize_t)(h_again - h_del));
	CHECK(rte_pmd_mcm_pvc_del_range(port, 1, 32, MILLION) == 0 && heap_allocated() == h_del,
	      "deleted again, the heap back to %zu", h_del);
	CHECK(rte_eth_dev_stop(port) == 0, "1M-VC port stopped");
}

static void
test_max_vcs_bound(void)
{
	struct rte_ring *r = rte_ring_create("mcm_scale_ring", 64, (int)rte_socket_id(),
					     RING_F_SP_ENQ | RING_F_SC_DEQ);
	char low[RTE_ETH_NAME_MAX_LEN], args[RTE_ETH_NAME_MAX_LEN + 48];
	struct rte_mempool *mp;
	uint64_t v = 0;
	uint16_t port;
	int rc;

	rc = r != NULL ? rte_eth_from_rings("mcm_scale_low", &r, 1, &r, 1, rte_socket_id()) : -1;
	CHECK(rc >= 0, "a ring port: %d", rc);
	if (rc < 0 || rte_eth_dev_get_name_by_port((uint16_t)rc, low) != 0)
		return;
	snprintf(args, sizeof(args), "lower=%s,sig=off,max_vcs=1048577", low);
	rc = rte_vdev_init("net_mcm9", args);
	CHECK(rc != 0, "max_vcs=1048577 refused: %d", rc);
	snprintf(args, sizeof(args), "lower=%s,sig=off,max_vcs=1048576", low);
	rc = rte_vdev_init("net_mcm9", args);
	CHECK(rc == 0 && rte_eth_dev_get_port_by_name("net_mcm9", &port) == 0,
	      "max_vcs=1048576 probes: %d", rc);
	if (rc != 0)
		return;
	rc = rte_pmd_mcm_oid_query(port, "max_active_vcs", 0, &v, sizeof(v));
	CHECK(rc >= 0 && v == 1048576, "max_active_vcs %" PRIu64 " (%d)", v, rc);
	mp = rte_pktmbuf_pool_create("mcm_scale_1m", 1024, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				     (int)rte_socket_id());
	test_million(port, mp);
	CHECK(rte_eth_dev_close(port) == 0, "close net_mcm9");
	CHECK(mp == NULL || rte_mempool_in_use_count(mp) == 0, "no mbuf left in use (%u)",
	      mp != NULL ? rte_mempool_in_use_count(mp) : 0);
	rte_mempool_free(mp);
	if (rte_eth_dev_get_port_by_name(low, &port) == 0)
		rte_eth_dev_close(port);
	rte_ring_free(r);
}

int
main(int argc, char **argv)
{
	uint32_t sap_id;
	int rc;

	RTE_SET_USED(argc);
	ports_extra = ",max_vcs=70000";
	eal_mem = "1024";
	if (calls_eal_init(argv[0], "mcm-test-scale", "0") != 0 ||
	    make_memif_mcm_ports("mcm-test-scale", &mem0, &mem1) != 0) {
		printf("FAIL: no ports\n");
		return test_summary() | 1;
	}
	rc = calls_ports_start();
	if (rc == 0) {
		sap_id = sap_add_b(addr_b);
		test_range_add();
		test_high_slots();
		if (sap_id != 0)
			test_high_call_ids();
		test_range_del();
		CHECK(sap_id == 0 || rte_pmd_mcm_sap_deregister(pb, clb, sap_id) == 0,
		      "SAP deregister");
	}
	test_max_vcs_bound();
	CHECK(rte_pmd_mcm_client_close(pa, cla) == 0, "close client on A");
	CHECK(rte_pmd_mcm_client_close(pb, clb) == 0, "close client on B");
	calls_close_ports(mem0, mem1);
	calls_finish();
	return test_summary();
}
