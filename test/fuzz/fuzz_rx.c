/* SPDX-License-Identifier: BSD-3-Clause
 * Fuzz target: net_mcm's receive path (mcm_rx_burst: PW frame checks, RFC 4385 control word
 * and sequence numbers, cells to VCs, AAL5 reassembly, RFC 2684 checks). A minimal EAL in
 * process (no hugepages, no PCI, no shared config); one mcm port with two queues and
 * signalling off, on an rte_eth_from_rings port whose receive rings this target fills.
 *
 * Input: byte 0 = number of frames - 1 (low 4 bits); then per frame a 3-byte header
 *   flags: bit 0 the queue, bit 1 chained (segments of 16 * (bits 3..7 + 1) bytes),
 *          bit 2 prepend a valid PW header (Ethernet, label 16 + bits 6..7, a control word:
 *          zero, or M and U set for label 18); labels 16 (the N:1 pseudowire), 17 (the AAL5
 *          SDU mode PVC 0/103), 18 (the AAL5 PDU mode PVC 0/104), 19 (the SDU mode PVC 0/107,
 *          VC-mux routed)
 *   length (16 bits, big-endian; cut to what the input holds)
 * then the frame's bytes. Every queue is polled until empty; whatever comes out must be a
 * sane single-segment frame on a configured VC (an Ethernet frame, or a raw SDU on a routed
 * VC: 0/105 LLC routed, 0/106 and 0/107 VC-mux routed), and is freed. After every input the wire
 * pool must be back to its held mbufs (the control thread frees the frames handed to it)
 * and the receive pool must hold no more than the mbufs of pending reassemblies and
 * stashed PDUs: anything else is a leak and aborts; more free mbufs than a pool has is an
 * mbuf freed twice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_bus_vdev.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_eth_ring.h>
#include <ethdev_driver.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "mcm_private.h"
#include "rte_pmd_mcm.h"

#define NQ 2
#define MAX_FRAME 9216
#define PW_LABEL 16
/* wire mbufs held for the whole run: a pool with all its mbufs free has no room in its
 * ring for one freed twice, which then vanishes unseen; with these out, it shows
 */
#define WIRE_HELD 32

#define FUZZ_NAME "fuzz_rx"
#include "mcm_fuzz_assert.h"
#include "mcm_test_pw.h"

/* the client VCs: the devargs' PVCs (llc), then one added as vcmux, then the SDU and PDU
 * mode PVCs of the devargs, then the routed ones added (ROUTED_FIRST on: LLC routed and
 * VC-mux routed in cells, VC-mux routed in SDU mode on label 19), which deliver raw SDUs
 */
static const uint16_t vcs[][2] = { { 0, 100 }, { 0, 101 }, { 7, 1000 }, { 4095, 65535 },
				   { 0, 102 }, { 0, 103 }, { 0, 104 }, { 0, 105 }, { 0, 106 },
				   { 0, 107 } };
#define ROUTED_FIRST 7

static struct rte_mempool *wire_mp;  /* the frames this target puts on the wire */
static struct rte_mempool *rx_mp;    /* the mcm queues' mbufs */
static struct rte_ring *rx_rings[NQ], *tx_rings[NQ];
static uint16_t mcm_port;
static unsigned int rx_baseline;
static struct rte_mbuf *wire_held[WIRE_HELD];
static uint64_t inputs;

/* The index of @p vc in vcs, or -1. */
static int
vc_index(rte_pmd_mcm_vc_t vc)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(vcs); i++)
		if (vc == rte_pmd_mcm_vc(vcs[i][0], vcs[i][1]))
			return (int)i;
	return -1;
}

/* mbufs of rx_mp the port holds on purpose: reassemblies under way, PDUs stashed */
static unsigned int
rx_held(void)
{
	struct rte_eth_dev *dev = &rte_eth_devices[mcm_port];
	unsigned int n = 0, q, s;

	for (q = 0; q < NQ; q++) {
		struct mcm_rx_queue *rxq = dev->data->rx_queues[q];

		rte_spinlock_lock(&rxq->lock);
		for (s = 1; s <= rxq->reasm_n; s++)
			n += rxq->reasm[s].m != NULL;
		n += rxq->stash_count;
		rte_spinlock_unlock(&rxq->lock);
	}
	return n;
}

static void
drain_tx(void)
{
	struct rte_mbuf *m;
	unsigned int q;

	for (q = 0; q < NQ; q++)
		while (rte_ring_dequeue(tx_rings[q], (void **)&m) == 0)
			rte_pktmbuf_free(m);
}

/* Poll every queue until it stays empty; check and free what comes out. */
static void
drain_rx(void)
{
	struct rte_mbuf *pkts[32];
	unsigned int q, idle;

	for (q = 0; q < NQ; q++) {
		for (idle = 0; idle < 2;) {
			uint16_t n = rte_eth_rx_burst(mcm_port, (uint16_t)q, pkts,
						      RTE_DIM(pkts)), i;

			for (i = 0; i < n; i++) {
				struct rte_mbuf *m = pkts[i];
				rte_pmd_mcm_vc_t vc = 0;
				const char *why = NULL;
				int v, llc;

				FUZZ_ASSERT(rte_mbuf_check(m, 1, &why) == 0, "bad mbuf: %s", why);
				FUZZ_ASSERT(rte_pmd_mcm_mbuf_get_vc(m, &vc) == 0 &&
					    (v = vc_index(vc)) >= 0,
					    "frame on VC %u/%u", rte_pmd_mcm_vc_vpi(vc),
					    rte_pmd_mcm_vc_vci(vc));
				/* an Ethernet frame on a bridged VC; a raw SDU on a routed one,
				 * an LLC routed VC's with its LLC header (RFC 2684 5.1)
				 */
				llc = mcm_rfc2684_llc_len(rte_pktmbuf_mtod(m, uint8_t *),
							  m->pkt_len);
				FUZZ_ASSERT(m->nb_segs == 1 && m->pkt_len == m->data_len &&
					    m->port == mcm_port &&
					    rte_pmd_mcm_mbuf_is_raw(m) == (v >= ROUTED_FIRST) &&
					    (v >= ROUTED_FIRST ? m->pkt_len >= 1 :
					     m->pkt_len >= RTE_ETHER_HDR_LEN) &&
					    (v != ROUTED_FIRST || llc > 0),
					    "frame of %u bytes in %u segments on port %u, VC "
					    "%u/%u, raw %d", m->pkt_len, m->nb_segs, m->port,
					    rte_pmd_mcm_vc_vpi(vc), rte_pmd_mcm_vc_vci(vc),
					    rte_pmd_mcm_mbuf_is_raw(m));
				rte_pktmbuf_free(m);
			}
			idle = n == 0 && rte_ring_count(rx_rings[q]) == 0 ? idle + 1 : 0;
		}
	}
	drain_tx();
}

/* Free mbufs as the pool's ring counts them (the pools have no cache and the default ring
 * ops): unlike rte_mempool_avail_count() not capped at the pool's size.
 */
static unsigned int
pool_free(const struct rte_mempool *mp)
{
	return rte_ring_count((const struct rte_ring *)mp->pool_data);
}

static void
leak_check(void)
{
	unsigned int wire = 0, rx = 0, held = 0, i;

	/* frames with control cells (OAM, reserved VCIs) go to the control thread, which
	 * frees them when it has read them: give it a moment
	 */
	for (i = 0; i < 2000; i++) {
		drain_rx();
		wire = rte_mempool_in_use_count(wire_mp);
		rx = rte_mempool_in_use_count(rx_mp);
		held = rx_held();
		/* more free mbufs than the pool has: one was freed twice (a mempool has no
		 * ASan of its own)
		 */
		FUZZ_ASSERT(pool_free(wire_mp) <= wire_mp->size - WIRE_HELD &&
			    pool_free(rx_mp) <= rx_mp->size,
			    "an mbuf freed twice: %u of %u wire, %u of %u receive mbufs free",
			    pool_free(wire_mp), wire_mp->size, pool_free(rx_mp), rx_mp->size);
		if (wire == WIRE_HELD && rx == rx_baseline + held)
			return;
		rte_delay_us_sleep(1000);
	}
	FUZZ_ASSERT(0, "leak after %lu inputs: wire pool %u in use (%u held), "
		    "receive pool %u in use (baseline %u, held by the port %u)",
		    (unsigned long)inputs, wire, WIRE_HELD, rx, rx_baseline, held);
}

/* One frame of the input as an mbuf (chain), or NULL when the wire pool is out */
static struct rte_mbuf *
frame_make(uint8_t flags, const uint8_t *p, uint32_t len)
{
	uint8_t hdr[14 + 4 + 4];
	uint32_t label = PW_LABEL + ((flags >> 6) & 3u);
	uint32_t seg = (flags & 2) ? 16u * ((flags >> 3) + 1u) : 2048u, hlen = 0, off = 0;
	struct rte_mbuf *head = NULL;

	if (flags & 4) {
		/* the RFC 4385 CW: no sequence number; for label 18, RFC 4717 10.1's M (an AAL5
		 * payload) and U (last)
		 */
		test_pw_header(hdr, label, label == PW_LABEL + 2 ? 0x84 : 0);
		hlen = sizeof(hdr);
	}
	do {
		struct rte_mbuf *m = rte_pktmbuf_alloc(wire_mp);
		uint32_t want = RTE_MIN(seg, hlen + len - off), k = 0;
		uint8_t *d;

		if (m == NULL || (d = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)want)) == NULL) {
			rte_pktmbuf_free(m);
			rte_pktmbuf_free(head);
			return NULL;
		}
		for (; k < want && off < hlen; k++, off++)
			d[k] = hdr[off];
		memcpy(d + k, p + (off - hlen), want - k);
		off += want - k;
		if (head == NULL)
			head = m;
		else if (rte_pktmbuf_chain(head, m) != 0) {
			rte_pktmbuf_free(m);
			rte_pktmbuf_free(head);
			return NULL;
		}
	} while (off < hlen + len);
	return head;
}

/* The port's own allocations are reachable only from DPDK memory, which LeakSanitizer does
 * not scan: close it at exit so that only real leaks are reported.
 */
static void
fuzz_rx_cleanup(void)
{
	rte_eth_dev_stop(mcm_port);
	rte_eth_dev_close(mcm_port);
	rte_pktmbuf_free_bulk(wire_held, WIRE_HELD);
	rte_eal_cleanup();
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char prefix[32];
	/* --no-huge is legacy memory, which --in-memory refuses: no shared config instead,
	 * and a prefix of our own so that runs side by side never meet
	 */
	char *eal[] = { (*argv)[0], "-l", "0", "--no-huge", "--no-pci", "-m", "256",
			"--no-shconf", "--file-prefix", prefix, "--log-level", "*:error", NULL };
	char name[RTE_ETH_NAME_MAX_LEN], args[256], rn[32];
	struct rte_eth_conf conf;
	unsigned int q;
	int lower, rc;

	RTE_SET_USED(argc);
	snprintf(prefix, sizeof(prefix), "fzrx-%d", (int)getpid());
	if (rte_eal_init((int)RTE_DIM(eal) - 1, eal) < 0) {
		fprintf(stderr, "fuzz_rx: rte_eal_init failed\n");
		exit(1);
	}
	wire_mp = rte_pktmbuf_pool_create("fzrx_wire", 8191, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
					  (int)rte_socket_id());
	rx_mp = rte_pktmbuf_pool_create("fzrx_rx", 8191, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
					(int)rte_socket_id());
	FUZZ_ASSERT(wire_mp != NULL && rx_mp != NULL &&
		    rte_pktmbuf_alloc_bulk(wire_mp, wire_held, WIRE_HELD) == 0, "mempools");
	for (q = 0; q < NQ; q++) {
		snprintf(rn, sizeof(rn), "fzrx_rx%u", q);
		rx_rings[q] = rte_ring_create(rn, 4096, (int)rte_socket_id(),
					      RING_F_SP_ENQ | RING_F_SC_DEQ);
		snprintf(rn, sizeof(rn), "fzrx_tx%u", q);
		tx_rings[q] = rte_ring_create(rn, 4096, (int)rte_socket_id(), RING_F_SC_DEQ);
		FUZZ_ASSERT(rx_rings[q] != NULL && tx_rings[q] != NULL, "rings");
	}
	lower = rte_eth_from_rings("fzrx_low", rx_rings, NQ, tx_rings, NQ, rte_socket_id());
	FUZZ_ASSERT(lower >= 0 && rte_eth_dev_get_name_by_port((uint16_t)lower, name) == 0,
		    "ring port");
	snprintf(args, sizeof(args),
		 "lower=%s,pvc=[0/100,0/101,7/1000,4095/65535,0/103@sdu:17,0/104@pdu:18],"
		 "sig=off,max_vcs=16", name);
	FUZZ_ASSERT(rte_vdev_init("net_mcm0", args) == 0 &&
		    rte_eth_dev_get_port_by_name("net_mcm0", &mcm_port) == 0 &&
		    rte_pmd_mcm_is_mcm_port(mcm_port), "mcm port on %s", name);
	memset(&conf, 0, sizeof(conf));
	rc = rte_eth_dev_configure(mcm_port, NQ, NQ, &conf);
	for (q = 0; q < NQ && rc == 0; q++) {
		rc = rte_eth_rx_queue_setup(mcm_port, (uint16_t)q, 512, rte_socket_id(), NULL,
					    rx_mp);
		if (rc == 0)
			rc = rte_eth_tx_queue_setup(mcm_port, (uint16_t)q, 512, rte_socket_id(),
						    NULL);
	}
	if (rc == 0)
		rc = rte_eth_dev_start(mcm_port);
	FUZZ_ASSERT(rc == 0, "mcm port set-up: %d", rc);
	rc = rte_pmd_mcm_pvc_add(mcm_port, vcs[4][0], vcs[4][1], RTE_PMD_MCM_ENCAP_VCMUX);
	FUZZ_ASSERT(rc == 0, "vcmux PVC: %d", rc);
	rc = rte_pmd_mcm_pvc_add(mcm_port, 0, 105, RTE_PMD_MCM_ENCAP_LLC_ROUTED);
	if (rc == 0)
		rc = rte_pmd_mcm_pvc_add(mcm_port, 0, 106, RTE_PMD_MCM_ENCAP_VCMUX_ROUTED);
	if (rc == 0)
		rc = rte_pmd_mcm_pvc_add_sdu(mcm_port, 0, 107, RTE_PMD_MCM_ENCAP_VCMUX_ROUTED,
					     PW_LABEL + 3);
	FUZZ_ASSERT(rc == 0, "routed PVCs: %d", rc);
	drain_rx();
	rx_baseline = rte_mempool_in_use_count(rx_mp) - rx_held();
	atexit(fuzz_rx_cleanup);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t pos = 1;
	unsigned int nframes, i;

	if (size < 1)
		return 0;
	nframes = (data[0] & 0x0f) + 1u;
	for (i = 0; i < nframes && pos + 3 <= size; i++) {
		uint8_t flags = data[pos];
		uint32_t len = ((uint32_t)data[pos + 1] << 8) | data[pos + 2];
		struct rte_mbuf *m;

		pos += 3;
		len = RTE_MIN(len, (uint32_t)(size - pos));
		len = RTE_MIN(len, (uint32_t)MAX_FRAME);
		m = frame_make(flags, data + pos, len);
		pos += len;
		if (m == NULL)
			break;
		if (rte_ring_enqueue(rx_rings[flags & 1], m) != 0)
			rte_pktmbuf_free(m);
	}
	drain_rx();
	inputs++;
	/* both counts are cheap (pools without a cache): checked after every input, so that
	 * the input that leaks is the one saved; a slow control thread only costs a wait
	 */
	leak_check();
	return 0;
}
