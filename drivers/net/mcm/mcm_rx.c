/* SPDX-License-Identifier: BSD-3-Clause
 * The miniport half's receive path: queue i of the mcm port runs on queue i of the lower
 * port (the transmit path is mcm_tx.c).
 *
 * PW frame checks -> cells -> VC -> per-queue reassembly into an mbuf (runs of one VC's
 * cells at once) -> CRC checks batched -> RFC 2684 check -> the frame, with its VC in the
 * dynamic field; AAL5 SDU and PDU mode frames by their own labels.
 * Each queue has its own counters and reassembly state, and no read-modify-write atomics;
 * VC lookups are RCU-protected (each burst is a read-side section).
 */
#include <string.h>

#include <rte_byteorder.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "mcm_private.h"

/* The first two data lines of fresh mbuf @p i, requested for writing: a small PDU's. */
static inline void
rx_fresh_prefetch(const struct mcm_rx_queue *rxq, unsigned int i)
{
	const uint8_t *d = rte_pktmbuf_mtod(rxq->fresh[i], const uint8_t *);

	rte_prefetch0_write(d);
	rte_prefetch0_write(d + RTE_CACHE_LINE_SIZE);
}

/*
 * Fresh mbufs straight from the pool, as PMDs rearm their receive rings: an mbuf in a pool
 * is plain already (one segment, no next, reference count 1: rte_mbuf_raw_alloc's
 * contract), so only the data offset is set here and the fields a delivered PDU needs when
 * it is delivered (rx_done_flush, rx_frame_stamp). rte_pktmbuf_reset would also write the
 * mbuf's second line (next, tx_offload), a line per PDU at 64 B.
 * @return false if the pool has not @p n mbufs
 */
static inline bool
rx_fresh_get(struct mcm_rx_queue *rxq, unsigned int n)
{
	unsigned int i;

	if (rte_mempool_get_bulk(rxq->mp, (void **)rxq->fresh, n) != 0)
		return false;
	for (i = 0; i < n; i++)
		rte_pktmbuf_reset_headroom(rxq->fresh[i]);
	rxq->nfresh = n;
	return true;
}

/* An application mbuf for a PDU, or NULL. One pool access for several PDUs: what the burst
 * does not use goes back at its end (rx_fresh_return), so nothing more is held between
 * bursts. The buffers are requested two PDUs ahead, so that the copies into them do not
 * wait for their lines.
 */
static inline struct rte_mbuf *
rx_fresh_take(struct mcm_rx_queue *rxq)
{
	if (unlikely(rxq->nfresh == 0)) {
		if (rx_fresh_get(rxq, MCM_RX_FRESH))
			/* the one taken now is written at once; the next is requested here */
			rx_fresh_prefetch(rxq, MCM_RX_FRESH - 2);
		else if (!rx_fresh_get(rxq, 1))
			return NULL;
	}
	rxq->nfresh--;
	if (rxq->nfresh >= 2)
		rx_fresh_prefetch(rxq, rxq->nfresh - 2);
	return rxq->fresh[rxq->nfresh];
}

/*
 * A buffer for a PDU that starts on a VC. A partial PDU holds its buffer until its last
 * cell, and a peer that interleaves cells of many VCs (a router's N:1 cell concatenation)
 * may leave one open on every VC: at most MCM_RX_PARK_MAX of them hold the application's
 * mbufs, so a pool sized the usual way never runs dry; the others reassemble into the
 * driver's own buffers, copied into an mbuf when complete.
 * @return false if there is none (the PDU is dropped)
 */
static bool
rx_park(struct mcm_rx_queue *rxq, struct mcm_reasm_slot *rs)
{
	if (likely(rxq->parked < MCM_RX_PARK_MAX)) {
		rs->m = rx_fresh_take(rxq);
		if (unlikely(rs->m == NULL))
			return false;
		rxq->parked++;
		rs->r.buf = rte_pktmbuf_mtod(rs->m, uint8_t *);
		return true;
	}
	if (rxq->nspare_free > 0) {
		rs->spare = rxq->spare_free[--rxq->nspare_free];
	} else {
		if (rxq->nspare_made >= MCM_RX_SPARE_MAX)
			return false;
		if (rxq->spare_free == NULL) {
			rxq->spare_free = rte_zmalloc("mcm_spare", MCM_RX_SPARE_MAX *
						      sizeof(rxq->spare_free[0]), 0);
			if (rxq->spare_free == NULL)
				return false;
		}
		rs->spare = rte_malloc("mcm_spare_buf", rxq->buf_room, 0);
		if (rs->spare == NULL)
			return false;
		rxq->nspare_made++;
	}
	rs->r.buf = rs->spare;
	return true;
}

/* The mbufs taken in bulk and not used by the burst go back to the pool as they came. */
static inline void
rx_fresh_return(struct mcm_rx_queue *rxq)
{
	if (rxq->nfresh > 0) {
		rte_mempool_put_bulk(rxq->mp, (void **)rxq->fresh, rxq->nfresh);
		rxq->nfresh = 0;
	}
}

/* The PDU's buffer goes back (an error, a drop, the VC removed). */
static void
rx_unpark(struct mcm_rx_queue *rxq, struct mcm_reasm_slot *rs)
{
	if (rs->m != NULL) {
		rte_pktmbuf_free(rs->m);
		rs->m = NULL;
		rxq->parked--;
	}
	if (rs->spare != NULL) {
		rxq->spare_free[rxq->nspare_free++] = rs->spare;
		rs->spare = NULL;
	}
	rs->r.buf = NULL;
}

/* The complete PDU, its first @p len bytes, as an application mbuf, or NULL (none left). */
static inline struct rte_mbuf *
rx_unpark_done(struct mcm_rx_queue *rxq, struct mcm_reasm_slot *rs, uint32_t len)
{
	struct rte_mbuf *m = rs->m;

	if (likely(m != NULL)) {
		rs->m = NULL;
		rxq->parked--;
	} else {
		m = rte_pktmbuf_alloc(rxq->mp);
		if (m != NULL)
			memcpy(rte_pktmbuf_mtod(m, uint8_t *), rs->spare, len);
		rxq->spare_free[rxq->nspare_free++] = rs->spare;
		rs->spare = NULL;
	}
	rs->r.buf = NULL;
	return m;
}

/* @return false if the PDU had to be dropped (counted as missed, not as received) */
static inline bool
rx_deliver(struct mcm_rx_queue *rxq, struct rte_mbuf *m, struct rte_mbuf **pkts,
	   uint16_t *nb, uint16_t max)
{
	if (*nb < max) {
		pkts[(*nb)++] = m;
	} else if (rxq->stash_count < rxq->stash_max) {
		rxq->stash[(rxq->stash_head + rxq->stash_count) % MCM_RX_STASH] = m;
		rxq->stash_count++;
	} else {
		/* only when the control thread polls a queue the application leaves unpolled:
		 * the data path sizes its lower bursts so that their PDUs fit the stash
		 */
		MCM_STAT_ADD(rxq->missed, 1);
		rte_pktmbuf_free(m);
		return false;
	}
	return true;
}

/* The error counters of VC @p slot on this queue, made with its first error among
 * MCM_SLOT_CHUNK VCs; NULL without memory (the queue's own counters count it still).
 */
static inline struct mcm_vc_rxerr *
rx_vc_err(struct mcm_rx_queue *rxq, int slot)
{
	return mcm_slot_record((void **)rxq->vc_err, (uint32_t)slot, sizeof(struct mcm_vc_rxerr),
			       true);
}

#define RX_VC_ERR_ADD(rxq, slot, field) do { \
	struct mcm_vc_rxerr *e_ = rx_vc_err(rxq, slot); \
	if (e_ != NULL) \
		MCM_STAT_ADD(e_->field, 1); \
} while (0)

static inline void
rx_nombuf(struct mcm_rx_queue *rxq, int slot)
{
	RX_VC_ERR_ADD(rxq, slot, nombuf);
	MCM_STAT_ADD(rxq->nombuf, 1);
}

/* What the application gets of an SDU of @p len bytes received on a VC of @p encap: on a
 * bridged VC the Ethernet frame after the RFC 2684 header, whose length is returned; on a
 * routed VC the raw SDU whole (0), which on an LLC VC must start with an LLC header (RFC 2684
 * 5.1: SNAP or NLPID, whatever PDU it announces: the client reads it). -1 when the SDU is
 * not of that encapsulation or leaves no Ethernet frame.
 */
static __rte_always_inline int
rx_sdu_front(uint8_t encap, const uint8_t *sdu, uint32_t len)
{
	int hlen;

	if (likely(!mcm_encap_routed(encap))) {
		hlen = mcm_rfc2684_hdr_check(sdu, len, (enum mcm_encap)encap, NULL);
		return hlen < 0 || (uint32_t)hlen + RTE_ETHER_HDR_LEN > len ? -1 : hlen;
	}
	if (encap == MCM_ENCAP_LLC_ROUTED)
		return mcm_rfc2684_llc_len(sdu, len) < 0 ? -1 : 0;
	return len > 0 ? 0 : -1;   /* RFC 2684 6.1: the routed PDU alone */
}

/* The length of the RFC 2684 header of an SDU of @p len bytes received on a VC of @p encap
 * (rx_sdu_front), or -1 (counted) when it is not that encapsulation's; in *trail what
 * follows the frame: 4 for the LAN FCS of a bridged Ethernet frame that kept it (an LLC VC
 * takes PID 00-01 beside 00-07, RFC 2684 5.2: the FCS checked, then left out), else 0.
 */
static inline int
rx_sdu_hdr_len(struct mcm_rx_queue *rxq, int slot, uint8_t encap, const uint8_t *sdu,
	       uint32_t len, uint32_t *trail)
{
	int hlen = rx_sdu_front(encap, sdu, len);

	*trail = 0;
	if (unlikely(hlen < 0)) {
		if (encap == MCM_ENCAP_LLC_BRIDGED &&
		    mcm_rfc2684_llc_fcs_frame(sdu, len) >= RTE_ETHER_HDR_LEN) {
			*trail = MCM_RFC2684_FCS_LEN;
			/* LLC, OUI, PID and pad, as PID 00-07's */
			return (int)mcm_rfc2684_hdr_len(MCM_ENCAP_LLC_BRIDGED);
		}
		RX_VC_ERR_ADD(rxq, slot, encap);
		MCM_STAT_ADD(rxq->encap_errors, 1);
		return -1;
	}
	return hlen;
}

/*
 * What one receive burst sums and looks up once: the queue's and each run of one VC's
 * counters, stored at the end of the burst (rx_counts_store) or when the VC changes, and the
 * last AAL5 SDU/PDU mode label looked up (its frames come in runs too).
 */
struct rx_counts {
	uint64_t frames, cells, pkts, bytes;  /* the queue's */
	int slot;                             /* the VC being summed, -1: none */
	uint64_t vc_pdus, vc_bytes;
	uint32_t label;                       /* 0: none looked up yet */
	int label_slot;
	int sdu_slot;                         /* the frame just given was this SDU VC's */
	uint32_t sdu_cw_off;                  /* and its CW was at this offset */
};

static inline void
rx_counts_init(struct rx_counts *c)
{
	memset(c, 0, sizeof(*c));
	c->slot = -1;
	c->label_slot = -1;
	c->sdu_slot = -1;
}

/* Add @p pdus frames of @p bytes to the counters of VC @p slot (none: -1). */
static inline void
rx_vc_pdus_store(struct mcm_rx_queue *rxq, int slot, uint64_t pdus, uint64_t bytes)
{
	if (slot >= 0) {
		struct mcm_vc_rxstats *vs = mcm_rxq_vc_stats(rxq, (uint32_t)slot);

		MCM_STAT_ADD(vs->pdus, pdus);
		MCM_STAT_ADD(vs->bytes, bytes);
	}
}

static inline void
rx_counts_vc_store(struct mcm_rx_queue *rxq, struct rx_counts *c)
{
	rx_vc_pdus_store(rxq, c->slot, c->vc_pdus, c->vc_bytes);
	c->vc_pdus = c->vc_bytes = 0;
}

/* @p n frames of @p len bytes in all delivered on the VC of @p slot. */
static inline void
rx_count_pdus(struct mcm_rx_queue *rxq, struct rx_counts *c, int slot, uint32_t n,
	      uint64_t len)
{
	if (unlikely(slot != c->slot)) {
		rx_counts_vc_store(rxq, c);
		c->slot = slot;
	}
	c->vc_pdus += n;
	c->vc_bytes += len;
	c->pkts += n;
	c->bytes += len;
}

static inline void
rx_counts_store(struct mcm_rx_queue *rxq, struct rx_counts *c)
{
	rx_counts_vc_store(rxq, c);
	c->slot = -1;
	if (c->frames != 0)
		MCM_STAT_ADD(rxq->frames, c->frames);
	if (c->cells != 0)
		MCM_STAT_ADD(rxq->cells, c->cells);
	if (c->pkts != 0) {
		MCM_STAT_ADD(rxq->pkts, c->pkts);
		MCM_STAT_ADD(rxq->bytes, c->bytes);
	}
	c->frames = c->cells = c->pkts = c->bytes = 0;
}

/* What a received frame of a VC of @p encap is marked with (rx_frame_stamp), worked out once
 * for a run of its frames: the dynamic flags in *flags (a raw SDU's too when the VC is
 * routed), the packet type in *ptype (a raw SDU's is of no type DPDK names), the field's
 * offset in *field (the globals would be read again after every store to an mbuf, which may
 * alias them).
 */
static inline void
rx_mark_of(uint8_t encap, uint64_t *flags, uint32_t *ptype, int *field)
{
	const bool raw = mcm_encap_routed(encap);

	*flags = mcm_dynflag_vc | (raw ? mcm_dynflag_raw : 0);
	*ptype = raw ? RTE_PTYPE_UNKNOWN : RTE_PTYPE_L2_ETHER;
	*field = mcm_dynfield_offset;
}

/* A received frame @p m of VC @p key marked as the application reads it: its port, its type
 * and flags (rx_mark_of), its VC in the dynamic field. The lower port's receive flags go;
 * the buffer's kind stays (an SDU mode frame is the lower port's mbuf, which may be indirect
 * or have an external buffer, as may a pinned pool's: freeing it reads those flags).
 */
static inline void
rx_frame_stamp(struct rte_mbuf *m, uint16_t port_id, uint32_t key, uint64_t flags,
	       uint32_t ptype, int field)
{
	m->port = port_id;
	m->packet_type = ptype;
	m->ol_flags = (m->ol_flags & (RTE_MBUF_F_INDIRECT | RTE_MBUF_F_EXTERNAL)) | flags;
	*RTE_MBUF_DYNFIELD(m, field, uint32_t *) = key;
}

/* A received frame @p m of VC @p key (whose encapsulation is @p encap) to the application
 * (or the stash), not counted.
 * @return false if it had to be dropped (counted as missed)
 */
static inline bool
rx_frame_give(struct mcm_rx_queue *rxq, struct rte_mbuf *m, uint32_t key, uint8_t encap,
	      struct rte_mbuf **pkts, uint16_t *nb, uint16_t max)
{
	uint64_t flags;
	uint32_t ptype;
	int field;

	rx_mark_of(encap, &flags, &ptype, &field);
	rx_frame_stamp(m, rxq->port->port_id, key, flags, ptype, field);
	return rx_deliver(rxq, m, pkts, nb, max);
}

static inline void
rx_pdu_error(struct mcm_rx_queue *rxq, int slot, enum mcm_aal5_status st)
{
	struct mcm_vc_rxerr *vs = rx_vc_err(rxq, slot);

	MCM_STAT_ADD(rxq->aal5_errors, 1);
	if (unlikely(vs == NULL))
		return;
	switch (st) {
	case MCM_AAL5_ERR_CRC:
		MCM_STAT_ADD(vs->crc, 1);
		break;
	case MCM_AAL5_ERR_LEN:
		MCM_STAT_ADD(vs->len, 1);
		break;
	case MCM_AAL5_ERR_OVERSIZE:
		MCM_STAT_ADD(vs->oversize, 1);
		break;
	default:
		MCM_STAT_ADD(vs->aborts, 1);
		break;
	}
}

/*
 * The PDUs reassembled since the last call: their CRCs computed together (they are
 * independent: the computations overlap), then each checked (I.363.5 9.2.2) and its RFC 2684
 * header, and delivered in the order they completed, or counted and dropped.
 */
static void
rx_done_flush(struct mcm_rx_queue *rxq, struct rte_mbuf **pkts, uint16_t *nb, uint16_t max)
{
	const uint8_t *pdu[MCM_AAL5_BATCH];
	uint32_t pdu_len[MCM_AAL5_BATCH], sdu_len[MCM_AAL5_BATCH];
	enum mcm_aal5_status st[MCM_AAL5_BATCH];
	struct mcm_port *port = rxq->port;
	unsigned int i, n = rxq->ndone;
	/* summed in scalars the compiler keeps in registers (summed in a struct rx_counts they
	 * went through the stack, one store-to-load round trip a PDU): the run of VC vc_slot,
	 * and the queue's, the runs' sum
	 */
	uint64_t vc_pdus = 0, vc_bytes = 0, pdus = 0, bytes = 0;
	int vc_slot = -1;
	/* read once: the stores to the mbufs below may alias them (rx_mark_of) */
	const uint16_t port_id = port->port_id;
	const bool tap = rxq->tap;
	uint64_t mark[2];     /* bridged, routed */
	uint32_t ptype[2];
	int field;

	if (n == 0)
		return;
	rx_mark_of(MCM_ENCAP_LLC_BRIDGED, &mark[0], &ptype[0], &field);
	rx_mark_of(MCM_ENCAP_LLC_ROUTED, &mark[1], &ptype[1], &field);
	for (i = 0; i < n; i++) {
		pdu[i] = rte_pktmbuf_mtod(rxq->done[i].m, const uint8_t *);
		pdu_len[i] = rxq->done[i].pdu_len;
	}
	mcm_aal5_pdu_check_n(pdu, pdu_len, st, sdu_len, n);
	rxq->ndone = 0;
	for (i = 0; i < n; i++) {
		const struct mcm_rx_done *d = &rxq->done[i];
		const uint8_t encap = mcm_vc_rt(port, (uint32_t)d->slot)->encap;
		struct rte_mbuf *m = d->m;
		uint32_t trail;
		int hlen;

		if (unlikely(st[i] != MCM_AAL5_DONE)) {
			rx_pdu_error(rxq, d->slot, st[i]);
			rte_pktmbuf_free(m);
			continue;
		}
		hlen = rx_sdu_hdr_len(rxq, d->slot, encap, pdu[i], sdu_len[i], &trail);
		if (unlikely(hlen < 0)) {
			rte_pktmbuf_free(m);
			continue;
		}
		if (unlikely(tap)) {
			const struct mcm_iov sdu = { pdu[i], sdu_len[i] };

			mcm_capture_tap(port, false, d->key, encap, &sdu, 1);
		}
		m->data_off += (uint16_t)hlen;
		m->data_len = (uint16_t)(sdu_len[i] - hlen - trail);
		m->pkt_len = m->data_len;
		/* rx_frame_give, with what it works out read above */
		rx_frame_stamp(m, port_id, d->key, mark[mcm_encap_routed(encap)],
			       ptype[mcm_encap_routed(encap)], field);
		if (unlikely(!rx_deliver(rxq, m, pkts, nb, max)))
			continue;
		/* summed here, stored once a run of one VC and once a call */
		if (unlikely(d->slot != vc_slot)) {
			rx_vc_pdus_store(rxq, vc_slot, vc_pdus, vc_bytes);
			pdus += vc_pdus;
			bytes += vc_bytes;
			vc_slot = d->slot;
			vc_pdus = vc_bytes = 0;
		}
		vc_pdus++;
		vc_bytes += m->data_len;
	}
	rx_vc_pdus_store(rxq, vc_slot, vc_pdus, vc_bytes);
	pdus += vc_pdus;
	bytes += vc_bytes;
	if (pdus != 0) {
		MCM_STAT_ADD(rxq->pkts, pdus);
		MCM_STAT_ADD(rxq->bytes, bytes);
	}
}

/* A free reassembly entry's index, 0 when none is left. */
static inline uint16_t
rx_reasm_take(struct mcm_rx_queue *rxq)
{
	return likely(rxq->nreasm_free > 0) ? rxq->reasm_free[--rxq->nreasm_free] : 0;
}

/* Reassembly entry @p idx, its buffer given back already, is free again; its VC has none. */
static inline void
rx_reasm_put(struct mcm_rx_queue *rxq, uint16_t *vc_idx, uint16_t idx)
{
	rxq->reasm_free[rxq->nreasm_free++] = idx;
	*vc_idx = MCM_REASM_NONE;
}

/* The complete PDU in @p m (@p pdu_len bytes from its data offset) of VC @p slot (@p key)
 * waits in rxq->done for its check, done in batches (rx_done_flush).
 */
static inline void
rx_done_add(struct mcm_rx_queue *rxq, struct rte_mbuf *m, uint32_t pdu_len, uint32_t key,
	    int slot, struct rte_mbuf **pkts, uint16_t *nb, uint16_t max)
{
	struct mcm_rx_done *d = &rxq->done[rxq->ndone++];

	d->m = m;
	d->pdu_len = pdu_len;
	d->key = key;
	d->slot = slot;
	if (rxq->ndone == MCM_AAL5_BATCH)
		rx_done_flush(rxq, pkts, nb, max);
}

/* What a burst reads of its port once: whether a capture runs, and the largest CPCS-PDU a
 * reassembly takes (the port's largest SDU, padded, in a buffer: rx_pdu_cap).
 */
static inline void
rx_burst_begin(struct mcm_rx_queue *rxq)
{
	rxq->tap = __atomic_load_n(&rxq->port->tap.on, __ATOMIC_ACQUIRE) != 0;
	rxq->pdu_cap = RTE_MIN(rxq->buf_room, mcm_port_max_sdu(rxq->port) +
			       MCM_AAL5_TRAILER_LEN + MCM_ATM_CELL_PAYLOAD - 1);
}

/* The largest CPCS-PDU a reassembly takes in this burst (rx_burst_begin). */
static inline uint32_t
rx_pdu_cap(const struct mcm_rx_queue *rxq)
{
	return rxq->pdu_cap;
}

/* @p n 48-byte blocks of a CPCS-PDU of VC @p slot (@p key), @p stride bytes apart: to its
 * reassembly (I.363.5); a complete PDU waits in rxq->done for its check (rx_done_flush).
 * @p last: the final block is the PDU's last (AUU, or U in PDU mode); the others are not.
 */
static __rte_always_inline void
rx_blocks(struct mcm_rx_queue *rxq, int slot, uint32_t key, const uint8_t *payload,
	  size_t stride, uint32_t n, bool last, struct rte_mbuf **pkts, uint16_t *nb,
	  uint16_t max)
{
	uint16_t *vc_idx = mcm_rxq_reasm_idx(rxq, slot), idx = *vc_idx;
	struct mcm_reasm_slot *rs;
	enum mcm_aal5_status st;
	uint32_t pdu_len;

	if (unlikely(idx == MCM_REASM_SKIP)) {
		if (last)
			*vc_idx = MCM_REASM_NONE;
		return;
	}
	if (idx == MCM_REASM_NONE && last && n * MCM_ATM_CELL_PAYLOAD <= rx_pdu_cap(rxq)) {
		/* a whole PDU in one run (small frames: several PDUs a PW frame) and none in
		 * progress on the VC: what reassembly would do, without its entry
		 */
		struct rte_mbuf *m = rx_fresh_take(rxq);

		if (likely(m != NULL)) {
			uint8_t *d = rte_pktmbuf_mtod(m, uint8_t *);
			uint32_t i;

			for (i = 0; i < n; i++)
				memcpy(d + i * MCM_ATM_CELL_PAYLOAD, payload + i * stride,
				       MCM_ATM_CELL_PAYLOAD);
			rx_done_add(rxq, m, n * MCM_ATM_CELL_PAYLOAD, key, slot, pkts, nb, max);
			return;
		}
	}
	if (idx == MCM_REASM_NONE) {
		/* the PDU's first cell: an entry and a buffer, or its cells are dropped */
		idx = rx_reasm_take(rxq);
		rs = &rxq->reasm[idx];
		if (unlikely(idx == 0 || !rx_park(rxq, rs))) {
			if (idx != 0)
				rx_reasm_put(rxq, vc_idx, idx);
			rx_nombuf(rxq, slot);
			*vc_idx = last ? MCM_REASM_NONE : MCM_REASM_SKIP;
			return;
		}
		*vc_idx = idx;
		rs->r.cap = rx_pdu_cap(rxq);
		rs->r.len = 0;
		rs->r.discard = false;
		rs->r.defer_check = true;
	} else {
		rs = &rxq->reasm[idx];
	}
	st = mcm_aal5_reasm_cells(&rs->r, payload, stride, n, last, &pdu_len);
	if (likely(st == MCM_AAL5_MORE))
		return;
	if (unlikely(st != MCM_AAL5_COMPLETE)) {
		rx_pdu_error(rxq, slot, st);
		if (last) {
			rx_unpark(rxq, rs);
			rx_reasm_put(rxq, vc_idx, idx);
		}
		return;      /* oversize: the rest of the PDU is being dropped */
	}
	{
		struct rte_mbuf *m = rx_unpark_done(rxq, rs, pdu_len);

		rx_reasm_put(rxq, vc_idx, idx);
		if (unlikely(m == NULL)) {
			rx_nombuf(rxq, slot);
			return;
		}
		rx_done_add(rxq, m, pdu_len, key, slot, pkts, nb, max);
	}
}

/* The cell at @p cell and those after it, up to @p left, that are one run of a VC's PDU:
 * the same header (a user data cell, AUU 0), and then that VC's cell with AUU 1 if it comes
 * next. @return how many; *last whether the run ends with the PDU's last cell.
 */
static inline uint32_t
rx_cell_run(const uint8_t *cell, uint32_t w, uint32_t left, bool *last)
{
	uint32_t k = 1, next;

	*last = (w >> 1) & MCM_ATM_PTI_AUU;
	if (*last)
		return 1;
	while (k < left) {
		next = mcm_atm_cell_hdr_word_get(cell + k * MCM_ATM_CELL_LEN);
		if (next == w) {
			k++;
			continue;
		}
		if (next == (w | (MCM_ATM_PTI_AUU << 1))) {
			*last = true;
			k++;
		}
		break;
	}
	return k;
}

/* The cell at @p cell (of @p left): with the cells after it of the same run of one PDU
 * (rx_cell_run), to their VC's reassembly; @return the VC slot they counted for, or -1, and
 * in *used how many cells were taken. A cell of the driver's own (OAM, signalling and the
 * other reserved VCIs) sets *ctrl: the control thread takes it. @p hint: the cell's slot as
 * the look-ahead found it (rx_hint_map, rx_hint_slots), or NULL.
 */
static __rte_always_inline int
rx_cell(struct mcm_rx_queue *rxq, const uint8_t *cell, uint32_t left, uint32_t *used,
	struct rte_mbuf **pkts, uint16_t *nb, uint16_t max, bool *ctrl, uint32_t *last_vc,
	int *last_slot, const int *hint)
{
	struct mcm_port *port = rxq->port;
	uint32_t w = mcm_atm_cell_hdr_word_get(cell), n;
	uint16_t vpi = (uint16_t)(w >> 20), vci = (uint16_t)(w >> 4);
	uint8_t pti = (uint8_t)((w >> 1) & 7);
	bool last;
	int slot;

	*used = 1;
	if (unlikely(!mcm_atm_pti_is_user(pti))) {
		MCM_STAT_ADD(rxq->oam_cells, 1);  /* F5 OAM / RM cells: not for clients */
		*ctrl = true;
		return -1;
	}
	if (unlikely(vci < MCM_ATM_VCI_FIRST_USER)) {
		/* the driver's own VCs (signalling, ILMI, F4 OAM): never a client's */
		MCM_STAT_ADD(rxq->reserved_cells, 1);
		*ctrl = true;
		return -1;
	}
	if (hint != NULL) {
		/* the look-ahead's slot; one an affine chunk gave (rx_hint_map) may hold another
		 * VC or none, the cell's VCI having no VC: checked now that its line is in
		 */
		slot = *hint;
		if (slot >= 0 && !mcm_vc_slot_holds(port, (uint32_t)slot, w >> 4))
			slot = -1;
	} else if (likely((w >> 4) == *last_vc)) {
		/* the cells of a PDU come in runs: one lookup a run (the burst holds the slot) */
		slot = *last_slot;
	} else {
		slot = mcm_vc_lookup(port, vpi, vci);
		*last_vc = w >> 4;
		*last_slot = slot;
	}
	if (unlikely(slot < 0)) {
		MCM_STAT_ADD(rxq->unknown_vc_cells, 1);
		return -1;
	}
	n = rx_cell_run(cell, w, left, &last);
	*used = n;
	rx_blocks(rxq, slot, w >> 4, cell + MCM_ATM_CELL_HDR_LEN, MCM_ATM_CELL_LEN, n, last,
		  pkts, nb, max);
	return slot;
}

/* @p used cells of VC @p slot (-1: none) received: summed in *run while *run_slot is
 * @p slot, its VC's counter stored when the VC changes (rx_frame stores the last run's).
 */
static __rte_always_inline void
rx_cell_count(struct mcm_rx_queue *rxq, int slot, uint32_t used, int *run_slot,
	      uint32_t *run)
{
	if (slot != *run_slot) {
		if (*run_slot >= 0)
			MCM_STAT_ADD(mcm_rxq_vc_stats(rxq, *run_slot)->cells, *run);
		*run_slot = slot;
		*run = 0;
	}
	*run += used;
}

/* A 32-bit network-order field at any alignment (labels and CW follow a 14-byte header) */
static inline uint32_t
load_be32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return rte_be_to_cpu_32(v);
}

#define PW_FOREIGN (-2)   /* not an MPLS frame, or another pseudowire's label: not ours */

/* The CW at @p off of a frame of @p len bytes (RFC 4385 3: first nibble 0; a non-zero
 * length means the link padded the frame and gives the CW + payload length, the rest is
 * padding): @return the payload length, or -1
 */
static inline int
pw_cw_payload(const uint8_t *p, uint32_t len, uint32_t off, uint32_t *cw)
{
	uint32_t payload, l;

	*cw = load_be32(p + off);
	if ((*cw >> 28) != 0)
		return -1;
	payload = len - off - MCM_CW_LEN;
	l = (*cw >> 16) & 0x3f;
	if (l != 0) {
		if (l < MCM_CW_LEN || l - MCM_CW_LEN > payload)
			return -1;
		payload = l - MCM_CW_LEN;
	}
	return (int)payload;
}

/* Check Ethernet / MPLS / control word; returns the offset of the first cell, -1 for a
 * malformed PW frame or PW_FOREIGN, the number of cells in *ncells and the CW sequence
 * number in *seq. PW_FOREIGN with *label non-zero: an MPLS frame of another pseudowire,
 * label *label, its CW at *ncells (an AAL5 SDU mode VC's, maybe).
 */
static __rte_always_inline int
pw_frame_parse(const struct mcm_port *port, const uint8_t *p, uint32_t len, uint32_t *ncells,
	       uint16_t *seq, uint32_t *label)
{
	uint32_t off = RTE_ETHER_HDR_LEN, lse, cw;
	int payload;

	*label = 0;
	/* a real L2 segment carries other traffic too (ARP, IPv6 neighbour discovery, LLDP) */
	if (len < RTE_ETHER_HDR_LEN + 2 ||
	    p[12] != (MCM_MPLS_ETHERTYPE >> 8) || p[13] != (MCM_MPLS_ETHERTYPE & 0xff))
		return PW_FOREIGN;
	if (len < RTE_ETHER_HDR_LEN + 4 + MCM_CW_LEN)
		return -1;
	lse = load_be32(p + off);
	off += 4;
	if (!(lse & 0x100)) {
		/* outer PSN label: the PW label follows and must be the bottom of stack */
		if (len < off + 4 + MCM_CW_LEN)
			return -1;
		lse = load_be32(p + off);
		off += 4;
		if (!(lse & 0x100))
			return -1;
	}
	if ((lse >> 12) != port->cfg.pw_label) {
		*label = lse >> 12;
		*ncells = off;
		return PW_FOREIGN;
	}
	payload = pw_cw_payload(p, len, off, &cw);
	off += MCM_CW_LEN;
	if (payload <= 0 || payload % MCM_ATM_CELL_LEN != 0)
		return -1;
	*seq = (uint16_t)cw;
	*ncells = (uint32_t)payload / MCM_ATM_CELL_LEN;
	return (int)off;
}

int
mcm_pw_frame_cells(const struct mcm_port *port, const uint8_t *p, uint32_t len,
		   uint32_t *ncells)
{
	uint32_t label;
	uint16_t seq;

	return pw_frame_parse(port, p, len, ncells, &seq, &label);
}

#define PW_OUT_OF_ORDER (-3)

/* RFC 4385 4.2: a sequence number from the expected one on (within half the space, 0
 * unused) is taken, counting the frames lost in between; one from before it is out of
 * order and dropped, never merged into reassembly. After pw_seq_resync= such frames in a
 * row (16 by default) the sender has restarted its numbering: follow it.
 */
static inline int
rx_seq_check(struct mcm_rx_queue *rxq, uint16_t seq)
{
	uint32_t ahead;

	if (seq == 0 || rxq->expected_seq == 0 || seq == rxq->expected_seq)
		goto take;
	/* distance in the space 1..65535 */
	ahead = ((uint32_t)seq + 65535u - rxq->expected_seq) % 65535u;
	if (ahead < 32768u) {
		MCM_STAT_ADD(rxq->seq_errors, 1);   /* frames lost before this one */
		goto take;
	}
	if (++rxq->seq_behind < rxq->port->cfg.pw_seq_resync) {
		MCM_STAT_ADD(rxq->out_of_order, 1);
		return PW_OUT_OF_ORDER;
	}
	MCM_STAT_ADD(rxq->seq_errors, 1);
take:
	rxq->seq_behind = 0;
	if (seq != 0)
		rxq->expected_seq = CW_SEQ_NEXT(seq);
	return 0;
}

static inline int
rx_frame_check(struct mcm_rx_queue *rxq, const uint8_t *p, uint32_t len, uint32_t *ncells,
	       uint32_t *label)
{
	uint16_t seq;
	int off = pw_frame_parse(rxq->port, p, len, ncells, &seq, label);

	if (off >= 0 && seq != 0 && rx_seq_check(rxq, seq) != 0)
		return PW_OUT_OF_ORDER;
	return off;
}

/* A PW frame of ours arrived: its source is the peer, for the control thread to send to. */
static inline void
rx_learn_peer(struct mcm_rx_queue *rxq, const uint8_t *p)
{
	/* acquire: the control thread's read of peer_src before it cleared peer_heard
	 * (mcm_lower_learn_from_queues) comes before this write
	 */
	if (unlikely(!mcm_port_peer_known(rxq->port)) &&
	    !__atomic_load_n(&rxq->peer_heard, __ATOMIC_ACQUIRE)) {
		rte_ether_addr_copy((const struct rte_ether_addr *)(p + 6), &rxq->peer_src);
		__atomic_store_n(&rxq->peer_heard, 1, __ATOMIC_RELEASE);
	}
}

#define RX_CTRL 1    /* the frame holds cells for the control thread (signalling, OAM) */
#define RX_TAKEN 2   /* the frame itself became the packet (AAL5 SDU mode): not to free */
/*
 * A PW frame of an AAL5 PDU frame mode VC (RFC 4717 10): the generic control word (4.1.2:
 * first nibble 0; its ATM-specific byte with M = 1, V = 0, and U = 1 on the frame holding
 * the PDU's last block), then whole 48-byte blocks of the CPCS-PDU, reassembled and checked
 * (CRC-32, length) as the cells of the N:1 pseudowire are. The sequence number is not
 * checked (RFC 4717 4.1.2 makes it optional; we send 0), nor E and C, which only report.
 * The blocks are copied out: the caller frees the frame.
 */
static void
rx_pdu_frame(struct mcm_rx_queue *rxq, struct rx_counts *c, int slot, const uint8_t *p,
	     uint32_t len, uint32_t cw_off, struct rte_mbuf **pkts, uint16_t *nb, uint16_t max)
{
	const uint32_t key = mcm_vc_rt(rxq->port, slot)->hdr_word >> 4;
	uint32_t payload = len - cw_off - MCM_CW_LEN, cw = load_be32(p + cw_off), nblk;
	const uint8_t *blk = p + cw_off + MCM_CW_LEN;

	if (unlikely((cw >> 28) != 0 || (cw & (MCM_PW_ATM_M | MCM_PW_ATM_V)) != MCM_PW_ATM_M ||
		     payload == 0 || payload % MCM_ATM_CELL_PAYLOAD != 0)) {
		MCM_STAT_ADD(rxq->bad_frames, 1);
		return;
	}
	c->frames++;
	rx_learn_peer(rxq, p);
	nblk = payload / MCM_ATM_CELL_PAYLOAD;
	MCM_STAT_ADD(mcm_rxq_vc_stats(rxq, slot)->cells, nblk);
	rx_blocks(rxq, slot, key, blk, MCM_ATM_CELL_PAYLOAD, nblk, cw & MCM_PW_ATM_U, pkts, nb,
		  max);
}

/*
 * A PW frame of AAL5 CPCS-SDU mode VC @p slot (RFC 4717): the control word, then the SDU
 * whole (RFC 2684 header and the frame). The frame's own mbuf becomes the packet: no copy.
 * @return RX_TAKEN
 */
static __rte_always_inline int
rx_sdu_frame(struct mcm_rx_queue *rxq, struct rx_counts *c, struct rte_mbuf *f,
	     const uint8_t *p, uint32_t len, int slot, uint32_t cw_off, struct rte_mbuf **pkts,
	     uint16_t *nb, uint16_t max)
{
	struct mcm_port *port = rxq->port;
	const struct mcm_vc_rt *vc = mcm_vc_rt(port, slot);
	int payload, hlen;
	uint32_t cw, key, trim, fcs;

	key = vc->hdr_word >> 4;   /* the cell header's VPI/VCI bits are rte_pmd_mcm_vc's */
	payload = pw_cw_payload(p, len, cw_off, &cw);
	if (unlikely(payload <= 0)) {
		MCM_STAT_ADD(rxq->bad_frames, 1);
		rte_pktmbuf_free(f);
		return RX_TAKEN;
	}
	c->frames++;
	rx_learn_peer(rxq, p);
	if (unlikely(cw & (1u << 27))) {
		/* T = 1: an OAM cell of the VC, not an SDU (RFC 4717 AAL5 SDU mode) */
		MCM_STAT_ADD(rxq->oam_cells, 1);
		rte_pktmbuf_free(f);
		return RX_TAKEN;
	}
	hlen = rx_sdu_hdr_len(rxq, slot, vc->encap, p + cw_off + MCM_CW_LEN, (uint32_t)payload,
			      &fcs);
	if (unlikely(hlen < 0)) {
		rte_pktmbuf_free(f);
		return RX_TAKEN;
	}
	if (unlikely(rxq->tap)) {
		const struct mcm_iov sdu = { p + cw_off + MCM_CW_LEN, (uint32_t)payload };

		mcm_capture_tap(port, false, key, vc->encap, &sdu, 1);
	}
	if (unlikely(f->nb_segs > 1)) {
		/* chained (the application's mbufs are smaller than the lower port's frames):
		 * the frame was read whole into the queue's buffer; one mbuf holds it
		 */
		struct rte_mbuf *m = rte_pktmbuf_alloc(rxq->mp);
		uint32_t n = (uint32_t)payload - (uint32_t)hlen - fcs;

		rte_pktmbuf_free(f);
		if (unlikely(m == NULL || rte_pktmbuf_append(m, (uint16_t)n) == NULL)) {
			rte_pktmbuf_free(m);
			rx_nombuf(rxq, slot);
			return RX_TAKEN;
		}
		memcpy(rte_pktmbuf_mtod(m, uint8_t *), p + cw_off + MCM_CW_LEN + hlen, n);
		f = m;
	} else {
		/* the link's padding, and a preserved LAN FCS */
		trim = len - cw_off - MCM_CW_LEN - (uint32_t)payload + fcs;
		rte_pktmbuf_adj(f, (uint16_t)(cw_off + MCM_CW_LEN + (uint32_t)hlen));
		if (trim > 0)
			rte_pktmbuf_trim(f, (uint16_t)trim);
		c->sdu_slot = slot;   /* the frames after it may follow it in a run */
		c->sdu_cw_off = cw_off;
	}
	if (likely(rx_frame_give(rxq, f, key, vc->encap, pkts, nb, max)))
		rx_count_pdus(rxq, c, slot, 1, f->pkt_len);
	return RX_TAKEN;
}

/* What rx_sdu_run asks of the 16 octets from a frame's EtherType on, as @p want and @p mask
 * (a frame qualifies when its octets and mask give want; memory order, so that any host
 * compares them as they are): the MPLS EtherType; with the CW at @p cw_off, 18 or 22, the
 * bottom of the stack with @p label and S = 1 (TC and TTL not read, as pw_frame_parse does
 * not) and above it, if any, one with S = 0; a CW with first nibble 0, T = 0 and length 0
 * (RFC 4385 3: no link padding), its flags and sequence number not read.
 */
static inline void
rx_sdu_run_template(uint32_t label, uint32_t cw_off, uint64_t want[2], uint64_t mask[2])
{
	uint8_t w[16] = { MCM_MPLS_ETHERTYPE >> 8, MCM_MPLS_ETHERTYPE & 0xff };
	uint8_t m[16] = { 0xff, 0xff };
	const uint32_t lse = cw_off - 4 - 12, cw = cw_off - 12;   /* offsets from octet 12 */

	if (cw_off > RTE_ETHER_HDR_LEN + 4)
		m[2 + 2] = 0x01;   /* the outer label's S bit: 0 */
	w[lse] = (uint8_t)(label >> 12);
	w[lse + 1] = (uint8_t)(label >> 4);
	w[lse + 2] = (uint8_t)(label << 4) | 0x01;
	m[lse] = 0xff;
	m[lse + 1] = 0xff;
	m[lse + 2] = 0xf1;
	m[cw] = 0xf8;        /* first nibble 0, T = 0 (RFC 4717 AAL5 SDU mode) */
	m[cw + 1] = 0x3f;    /* length 0 */
	memcpy(want, w, sizeof(w));
	memcpy(mask, m, sizeof(m));
}

/*
 * The AAL5 CPCS-SDU mode fast path, the receiving side of tx_sdu_run: after a frame of SDU
 * mode VC c->sdu_slot was delivered in place, the frames @p frames[i...] that follow it while
 * they are of that VC, in one segment, with the same label stack (label and S bits; TC and
 * TTL are not read, as pw_frame_parse does not), a control word with first nibble 0, T = 0
 * and length 0 (RFC 4385 3: no link padding; the sequence number is not used in SDU mode)
 * and the VC's RFC 2684 header, up to the room left in @p pkts. Each is delivered as
 * rx_sdu_frame() delivers it, with one VC lookup and one count for the run. A frame that
 * does not qualify ends the run: the general path takes it (and counts what is wrong).
 * @return how many frames were taken (set to NULL in @p frames)
 */
static inline uint16_t
rx_sdu_run(struct mcm_rx_queue *rxq, struct rx_counts *c, struct rte_mbuf **frames,
	   uint16_t i, uint16_t nf, struct rte_mbuf **pkts, uint16_t *nb, uint16_t max)
{
	const int slot = c->sdu_slot;
	const uint32_t cw_off = c->sdu_cw_off;
	const struct mcm_vc_rt *vc = mcm_vc_rt(rxq->port, (uint32_t)slot);
	const enum mcm_encap encap = (enum mcm_encap)vc->encap;
	const uint32_t key = vc->hdr_word >> 4;
	const uint16_t port_id = rxq->port->port_id;
	uint16_t n = (uint16_t)RTE_MIN(nf - i, max - *nb), k;
	uint64_t bytes = 0, mark, want[2], mask[2];
	uint32_t ptype;
	int field;

	rx_mark_of(encap, &mark, &ptype, &field);
	rx_sdu_run_template(c->label, cw_off, want, mask);
	for (k = 0; k < n; k++) {
		struct rte_mbuf *f = frames[i + k];
		const uint8_t *p = rte_pktmbuf_mtod(f, const uint8_t *);
		uint32_t len = f->data_len, front;
		uint64_t w[2];
		int hlen;

		/* the 16 octets from the EtherType on (a frame this long holds them) */
		if (f->nb_segs != 1 || len < cw_off + MCM_CW_LEN + RTE_ETHER_HDR_LEN)
			break;
		memcpy(w, p + 12, sizeof(w));
		if (((w[0] & mask[0]) ^ want[0]) | ((w[1] & mask[1]) ^ want[1]))
			break;
		hlen = rx_sdu_front(encap, p + cw_off + MCM_CW_LEN, len - cw_off - MCM_CW_LEN);
		if (hlen < 0)
			break;
		front = cw_off + MCM_CW_LEN + (uint32_t)hlen;
		f->data_off = (uint16_t)(f->data_off + front);
		f->data_len = (uint16_t)(len - front);
		f->pkt_len = len - front;
		rx_frame_stamp(f, port_id, key, mark, ptype, field);
		pkts[(*nb)++] = f;   /* room: n is at most what pkts has left */
		frames[i + k] = NULL;
		bytes += len - front;
	}
	c->frames += k;
	if (k > 0)
		rx_count_pdus(rxq, c, slot, k, bytes);
	return k;
}

#define RX_HINT_CELLS 64   /* cells of a frame looked up ahead: a 1500-byte MTU holds 28 */
#define RX_HINT_BURSTS 1024

/*
 * The VC state of a frame's cells, looked up a frame or two before it is handled: with many
 * VCs each VC's map entry and slot line are cache misses, and cell by cell they would come
 * one after the other. mcm_rx_burst requests the map entries of frame i + 2 (rx_hint_map),
 * reads the slots of frame i + 1 and requests their lines (rx_hint_slots), then handles
 * frame i with its slots at hand: each miss has a frame's work to arrive in. A queue looks
 * ahead for RX_HINT_BURSTS bursts after a frame of mixed VCs, so one VC's traffic (frames
 * of one VC each) pays nothing for it.
 *
 * For VCs in an affine VCI chunk (mcm_vci_dir: VCs added as a range), what stage one requests
 * is already the slot line: the VC's slot follows from its VCI, with no map entry between,
 * and stage one keeps it. Whether the slot holds the cell's VC is checked when the cell is
 * handled (rx_cell), its line in by then, so a frame of such VCs on queue 0 skips stage two.
 */
struct rx_hint {
	const uint8_t *cells;         /* the frame's first cell (rx_hint_cells) */
	uint32_t n;                   /* cells looked up ahead (their slots in slot_of), 0: none */
	bool maps;                    /* some in map chunks: rx_hint_slots looks them up */
	int slot_of[RX_HINT_CELLS];
};

/* Whether the @p ncells cells from @p cells start and end with different VCs: a frame that
 * starts and ends with one VC most likely holds that VC alone.
 */
static inline bool
rx_cells_mixed(const uint8_t *cells, uint32_t ncells)
{
	return ncells >= 2 && (mcm_atm_cell_hdr_word_get(cells) >> 4) !=
	       (mcm_atm_cell_hdr_word_get(cells + (ncells - 1) * MCM_ATM_CELL_LEN) >> 4);
}

/* The cells of @p f to look up ahead, at most RX_HINT_CELLS: none unless it is a PW frame
 * of ours in one segment whose cells mix VCs (rx_cells_mixed). A hint: rx_frame checks the
 * frame again. @return their number, the first at *cells.
 */
static inline uint32_t
rx_hint_cells(const struct mcm_rx_queue *rxq, const struct rte_mbuf *f, const uint8_t **cells)
{
	const uint8_t *p = rte_pktmbuf_mtod(f, const uint8_t *);
	uint32_t ncells, label;
	uint16_t seq;
	int off;

	if (f->nb_segs != 1)
		return 0;
	off = pw_frame_parse(rxq->port, p, f->data_len, &ncells, &seq, &label);
	if (off < 0 || !rx_cells_mixed(p + off, ncells))
		return 0;
	*cells = p + off;
	return RTE_MIN(ncells, (uint32_t)RX_HINT_CELLS);
}

/* Stage one, two frames ahead: the cells of @p f to look up put in @p h; for each of their
 * VCs what its lookup reads requested (mcm_vc_probe_prefetch), and the slot of a VC of an
 * affine chunk in slot_of, to be checked at the cell's turn.
 */
static inline void
rx_hint_map(struct mcm_rx_queue *rxq, const struct rte_mbuf *f, struct rx_hint *h)
{
	const struct mcm_port *port = rxq->port;
	uint32_t c, vc, last = UINT32_MAX;
	int slot = -1;

	h->n = rx_hint_cells(rxq, f, &h->cells);
	h->maps = false;
	for (c = 0; c < h->n; c++) {
		vc = mcm_atm_cell_hdr_word_get(h->cells + c * MCM_ATM_CELL_LEN) >> 4;
		if (vc != last) {
			last = vc;
			slot = mcm_vc_probe_prefetch(port, (uint16_t)(vc >> 16), (uint16_t)vc);
			h->maps |= slot == MCM_VC_PROBE_MAP;
		}
		h->slot_of[c] = slot;
	}
}

/* Stage two, a frame ahead, for a frame with VCs in map chunks or on a queue other than 0:
 * the slot of each map chunk's VC rx_hint_map put in @p h looked up, each VC's state
 * requested (queue 0's is its slot line, which stage one requested for an affine chunk's VC;
 * another queue's is apart).
 */
static inline void
rx_hint_slots(struct mcm_rx_queue *rxq, struct rx_hint *h)
{
	const struct mcm_port *port = rxq->port;
	uint32_t c, vc, last = UINT32_MAX;
	int slot = -1;

	if (!h->maps && rxq->vc_own == NULL)
		return;     /* affine slots all: their lines are requested, checked at use */
	for (c = 0; c < h->n; c++) {
		vc = mcm_atm_cell_hdr_word_get(h->cells + c * MCM_ATM_CELL_LEN) >> 4;
		if (vc != last) {
			/* stage one's probe, the same for the run's cells: a map chunk's VC
			 * looked up now; an affine chunk's slot kept, checked at use
			 */
			last = vc;
			slot = mcm_vc_probe_map(port, (uint16_t)(vc >> 16), (uint16_t)vc,
						h->slot_of[c]);
			if (slot >= 0 && rxq->vc_own != NULL)
				rte_prefetch0(mcm_rxq_vc_stats(rxq, (uint32_t)slot));
		}
		h->slot_of[c] = slot;
	}
}

/* One PW frame: its cells to reassembly, complete frames to @p pkts (or the stash).
 * @return RX_CTRL and RX_TAKEN flags.
 */
static __rte_always_inline int
rx_frame(struct mcm_rx_queue *rxq, struct rx_counts *cnt, struct rte_mbuf *f,
	 const struct rx_hint *hint, struct rte_mbuf **pkts, uint16_t *nb, uint16_t max)
{
	const uint8_t *p;
	uint32_t ncells, c, run, len, label, used, last_vc = UINT32_MAX;
	bool hinted = hint != NULL && hint->n > 0;
	int last_slot = -1;
	int off, run_slot;
	bool ctrl = false;

	if (likely(f->nb_segs == 1)) {
		p = rte_pktmbuf_mtod(f, const uint8_t *);
		len = f->data_len;
	} else {
		/* the application's mbufs are smaller than the lower port's frames: cells are
		 * read in place, so the frame is made contiguous in the queue's buffer
		 */
		len = f->pkt_len;
		p = len <= rxq->linear_len ? rte_pktmbuf_read(f, 0, len, rxq->linear) : NULL;
		if (unlikely(p == NULL)) {
			MCM_STAT_ADD(rxq->bad_frames, 1);
			return false;
		}
	}
	off = rx_frame_check(rxq, p, len, &ncells, &label);
	if (unlikely(off < 0)) {
		/* another label: an AAL5 SDU or PDU mode VC's, maybe */
		if (off == PW_FOREIGN && label != 0 && rxq->port->label_map != NULL) {
			int slot;

			/* one VC's frames come in runs: one lookup a run */
			if (label == cnt->label) {
				slot = cnt->label_slot;
			} else {
				slot = mcm_vc_lookup_label(rxq->port, label);
				cnt->label = label;
				cnt->label_slot = slot;
			}
			if (slot >= 0 && mcm_vc_rt(rxq->port, slot)->pw_mode == MCM_VC_PW_PDU) {
				rx_pdu_frame(rxq, cnt, slot, p, len, ncells, pkts, nb, max);
				return 0;
			}
			if (slot >= 0)
				return rx_sdu_frame(rxq, cnt, f, p, len, slot, ncells, pkts, nb,
						    max);
		}
		if (off == PW_FOREIGN)
			MCM_STAT_ADD(rxq->foreign_frames, 1);
		else if (off != PW_OUT_OF_ORDER)   /* counted apart */
			MCM_STAT_ADD(rxq->bad_frames, 1);
		return 0;
	}
	cnt->frames++;
	cnt->cells += ncells;
	if (hinted || rx_cells_mixed(p + off, ncells))
		rxq->hint_until = rxq->polls + RX_HINT_BURSTS;   /* VCs mixed: look ahead */
	rx_learn_peer(rxq, p);
	/* per-VC cell counts by runs of one VC: one store a run, not one a cell; the loop
	 * twice, so that the usual one (no look-ahead) has no hint to test a cell
	 */
	run_slot = -1;
	run = 0;
	for (c = 0; unlikely(hinted) && c < ncells; c += used) {
		int slot = rx_cell(rxq, p + off + c * MCM_ATM_CELL_LEN, ncells - c, &used, pkts,
				   nb, max, &ctrl, &last_vc, &last_slot,
				   c < RX_HINT_CELLS ? &hint->slot_of[c] : NULL);

		rx_cell_count(rxq, slot, used, &run_slot, &run);
	}
	for (; c < ncells; c += used) {
		int slot = rx_cell(rxq, p + off + c * MCM_ATM_CELL_LEN, ncells - c, &used, pkts,
				   nb, max, &ctrl, &last_vc, &last_slot, NULL);

		rx_cell_count(rxq, slot, used, &run_slot, &run);
	}
	if (run_slot >= 0)
		MCM_STAT_ADD(mcm_rxq_vc_stats(rxq, run_slot)->cells, run);
	return ctrl ? RX_CTRL : 0;
}

/* The look-ahead started again at frame @p i of @p nf: its hint in hint[@p h] (requested and
 * its slots read, as for the burst's first frame), the next frame's requested in the one
 * after. For a run of frames mcm_rx_burst handled at once (rx_sdu_run), which had the hints
 * of frames i and i + 1 made for frames it took.
 */
static inline void
rx_hint_restart(struct mcm_rx_queue *rxq, struct rte_mbuf **frames, uint16_t i, uint16_t nf,
		struct rx_hint *hint, uint16_t h)
{
	if (i >= nf)
		return;
	rx_hint_map(rxq, frames[i], &hint[h]);
	if (i + 1 < nf)
		rx_hint_map(rxq, frames[i + 1], &hint[h == 2 ? 0 : h + 1]);
	rx_hint_slots(rxq, &hint[h]);
}

/* Frames a queue's stash can take in one poll: each can complete up to max_cells PDUs. */
static inline uint16_t
rx_poll_size(const struct mcm_rx_queue *rxq, uint16_t cap)
{
	uint32_t room = (uint32_t)(rxq->stash_max - rxq->stash_count) /
			RTE_MAX(rxq->port->max_cells, 1u);

	return (uint16_t)RTE_MIN(cap, room);
}

uint16_t
mcm_rx_burst(void *q, struct rte_mbuf **pkts, uint16_t nb_pkts)
{
	struct mcm_rx_queue *rxq = q;
	struct mcm_port *port = rxq->port;
	struct rte_mbuf *frames[32];
	struct rx_hint hint[3];       /* frames i, i + 1 and i + 2's, in turn */
	struct rx_counts cnt;
	uint16_t nb = 0, nf, i, h, want, taken = 0;
	bool look;                    /* VCs mixed in a frame lately: look ahead */

	/* The control thread polls this queue while the application does not (DESIGN.md
	 * "Threads"): one lock a burst, never one a packet. Busy: it is polling right now.
	 */
	if (unlikely(!rte_spinlock_trylock(&rxq->lock)))
		return 0;
	__atomic_store_n(&rxq->polls, rxq->polls + 1, __ATOMIC_RELAXED);
	/* first what earlier bursts (or the control thread) could not return */
	while (rxq->stash_count > 0 && nb < nb_pkts) {
		pkts[nb++] = rxq->stash[rxq->stash_head];
		rxq->stash_head = (rxq->stash_head + 1) % MCM_RX_STASH;
		rxq->stash_count--;
	}
	if (nb == nb_pkts || rxq->stash_count > 0) {
		mcm_burst_unlock(&rxq->lock);
		return nb;
	}
	want = rx_poll_size(rxq, RTE_DIM(frames));
	nf = rte_eth_rx_burst(port->lower_port_id, rxq->qid, frames, RTE_MAX(want, 1));
	if (nf == 0) {
		/* an empty poll reads no VC: no read-side section (its fence costs more than
		 * the poll)
		 */
		mcm_burst_unlock(&rxq->lock);
		return nb;
	}
	rte_rcu_qsbr_thread_online(port->qsbr, rxq->qsbr_id);
	rx_burst_begin(rxq);
	rx_counts_init(&cnt);
	look = rxq->polls < rxq->hint_until;
	if (look) {
		rx_hint_map(rxq, frames[0], &hint[0]);
		if (nf > 1)
			rx_hint_map(rxq, frames[1], &hint[1]);
		rx_hint_slots(rxq, &hint[0]);
	}
	for (i = 0, h = 0; i < nf; i++, h = h == 2 ? 0 : h + 1) {
		/* frame i's hint in hint[h], frame i + 1's in the next, i + 2's in the one after */
		if (look && i + 2 < nf)
			rx_hint_map(rxq, frames[i + 2], &hint[h == 0 ? 2 : h - 1]);
		if (look && i + 1 < nf)
			rx_hint_slots(rxq, &hint[h == 2 ? 0 : h + 1]);
		int r = rx_frame(rxq, &cnt, frames[i], look ? &hint[h] : NULL, pkts, &nb,
				 nb_pkts);

		if (unlikely(r != 0)) {
			if (!(r & RX_TAKEN)) {
				mcm_ctrl_handoff(rxq, frames[i]);
				continue;
			}
			frames[i] = NULL;   /* the packet now, or freed */
			taken++;
			/* one SDU mode VC's frames come in runs */
			if (cnt.sdu_slot >= 0 && !rxq->tap) {
				uint16_t k = rx_sdu_run(rxq, &cnt, frames, i + 1, nf, pkts, &nb,
							nb_pkts);

				i += k;
				taken += k;
				if (look && k > 0)
					rx_hint_restart(rxq, frames, i + 1, nf, hint,
							h == 2 ? 0 : h + 1);
			}
			cnt.sdu_slot = -1;
		}
	}
	rx_counts_store(rxq, &cnt);
	rx_done_flush(rxq, pkts, &nb, nb_pkts);
	rx_fresh_return(rxq);
	rte_rcu_qsbr_thread_offline(port->qsbr, rxq->qsbr_id);
	mcm_burst_unlock(&rxq->lock);
	/* the cells were copied out: every PW frame goes back at once (but those that became
	 * packets, all of them in AAL5 SDU mode)
	 */
	if (taken < nf)
		rte_pktmbuf_free_bulk(frames, nf);
	return nb;
}

void
mcm_rxq_ctrl_frames(struct mcm_rx_queue *rxq, struct rte_mbuf **frames, uint16_t nf)
{
	struct rx_counts cnt;
	uint16_t i, nb = 0;

	/* the control thread itself starts and stops captures */
	rx_burst_begin(rxq);
	rx_counts_init(&cnt);
	for (i = 0; i < nf; i++) {
		int r = rx_frame(rxq, &cnt, frames[i], NULL, NULL, &nb, 0);

		if (r & RX_TAKEN) {
			frames[i] = NULL;   /* in the stash now, or freed */
		} else if (!(r & RX_CTRL)) {
			rte_pktmbuf_free(frames[i]);
			frames[i] = NULL;
		}
	}
	rx_counts_store(rxq, &cnt);
	rx_done_flush(rxq, NULL, &nb, 0);
	rx_fresh_return(rxq);
}

int
mcm_rxq_vc_init(struct mcm_rx_queue *rxq, unsigned int socket)
{
	uint32_t max_vcs = rxq->port->cfg.max_vcs, i;

	if (rxq->qid != 0) {
		rxq->vc_own = rte_zmalloc_socket("mcm_rxq_vcs", sizeof(*rxq->vc_own) * max_vcs,
						 RTE_CACHE_LINE_SIZE, socket);
		if (rxq->vc_own == NULL)
			return -ENOMEM;
		rxq->vc_stats = (uint8_t *)&rxq->vc_own[0].st;
		rxq->reasm_idx = (uint8_t *)&rxq->vc_own[0].reasm;
		rxq->vc_stride = sizeof(*rxq->vc_own);
	}
	rxq->reasm_n = (uint16_t)RTE_MIN(max_vcs, (uint32_t)MCM_REASM_POOL);
	rxq->reasm = rte_zmalloc_socket("mcm_reasm", sizeof(*rxq->reasm) * (rxq->reasm_n + 1u),
					RTE_CACHE_LINE_SIZE, socket);
	rxq->reasm_free = rte_malloc_socket("mcm_reasm_free",
					    sizeof(*rxq->reasm_free) * rxq->reasm_n, 0, socket);
	if (rxq->reasm == NULL || rxq->reasm_free == NULL)
		return -ENOMEM;
	/* taken from the top: entry 1 first, and a lone VC's PDUs reuse it while it is hot */
	for (i = 0; i < rxq->reasm_n; i++)
		rxq->reasm_free[i] = (uint16_t)(rxq->reasm_n - i);
	rxq->nreasm_free = rxq->reasm_n;
	return 0;
}

void
mcm_rxq_vc_attach(struct mcm_rx_queue *rxq)
{
	struct mcm_port *port = rxq->port;

	if (rxq->qid != 0)
		return;
	/* what a queue 0 before this one left there (counters, and MCM_REASM_NONE, 0, for
	 * reassemblies that went with it)
	 */
	RTE_BUILD_BUG_ON(MCM_REASM_NONE != 0 || offsetof(struct mcm_vc_slot, reasm) !=
			 offsetof(struct mcm_vc_slot, rx) + sizeof(struct mcm_vc_rxstats));
	mcm_vc_slots_clear(port, offsetof(struct mcm_vc_slot, rx),
			   sizeof(struct mcm_vc_rxstats) + sizeof(uint16_t));
	rxq->vc_stats = (uint8_t *)&port->slots[0].rx;
	rxq->reasm_idx = (uint8_t *)&port->slots[0].reasm;
	rxq->vc_stride = sizeof(port->slots[0]);
}

void
mcm_rxq_forget_slot(struct mcm_rx_queue *rxq, uint32_t slot)
{
	uint16_t *vc_idx = mcm_rxq_reasm_idx(rxq, slot);
	struct mcm_vc_rxerr *e;

	if (*vc_idx != MCM_REASM_NONE && *vc_idx != MCM_REASM_SKIP) {
		rx_unpark(rxq, &rxq->reasm[*vc_idx]);
		rx_reasm_put(rxq, vc_idx, *vc_idx);
	}
	*vc_idx = MCM_REASM_NONE;
	memset(mcm_rxq_vc_stats(rxq, slot), 0, sizeof(struct mcm_vc_rxstats));
	e = mcm_slot_record((void **)rxq->vc_err, slot, sizeof(*e), false);
	if (e != NULL)
		memset(e, 0, sizeof(*e));
}

void
mcm_rxq_free(struct mcm_rx_queue *rxq)
{
	uint32_t i;

	if (rxq == NULL)
		return;
	for (i = 1; rxq->reasm != NULL && i <= rxq->reasm_n; i++)
		rx_unpark(rxq, &rxq->reasm[i]);
	while (rxq->nspare_free > 0)
		rte_free(rxq->spare_free[--rxq->nspare_free]);
	rte_free(rxq->spare_free);
	while (rxq->stash_count > 0) {
		rte_pktmbuf_free(rxq->stash[rxq->stash_head]);
		rxq->stash_head = (rxq->stash_head + 1) % MCM_RX_STASH;
		rxq->stash_count--;
	}
	rte_free(rxq->vc_own);
	rte_free(rxq->reasm);
	rte_free(rxq->reasm_free);
	mcm_chunks_free((void ***)&rxq->vc_err, MCM_SLOT_CHUNKS(rxq->port->cfg.max_vcs));
	rte_free(rxq->linear);
	rte_free(rxq);
}
