/* SPDX-License-Identifier: BSD-3-Clause
 * The miniport half's transmit path: queue i of the mcm port runs on queue i of the lower
 * port (the receive path is mcm_rx.c).
 *
 * Frame -> VC (dynamic field, else destination MAC, else its flow's under a hash binding,
 * else the default VC; the burst's VCs looked up before any is sent) -> RFC 2684 header ->
 * AAL5 CPCS (CRCs batched) + segmentation -> cells packed from the whole burst into PW
 * frames (Ethernet, MPLS PW label, RFC 4717 control word with sequence number); AAL5 SDU and
 * PDU mode VCs in PW frames of their own labels.
 * Every VC's cells leave on one lower queue, its owner's (tx_owner): with several TX queues
 * a burst takes the owner queue's lock once for each run of packets it sends there. One
 * queue takes no lock, but for queue 0 when the control thread sends on it too.
 */
#include <netinet/in.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_hash_crc.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "mcm_private.h"

#define MCM_TX_DONE 128   /* frames consumed by one tx burst at most */

/* The 8 bytes at @p p (any alignment) as rte_hash_crc_8byte takes them: in memory order. */
static __rte_always_inline uint64_t
tx_flow_load8(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* The 4 bytes at @p p (any alignment) as rte_hash_crc_4byte takes them. */
static __rte_always_inline uint32_t
tx_flow_load4(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/*
 * The flow of a frame, for hash binding: its MAC addresses and, for IPv4 and IPv6, its
 * addresses and TCP, UDP or SCTP ports (not in a later IPv4 fragment, which has none); from
 * the first segment, what it holds. CRC-32C (SSE4.2 where there is one) over those fields in
 * turn, then mixed. Each field goes to the CRC from a register: a key gathered in memory
 * first was read back across the stores that wrote it, which the CPU cannot forward (a stall
 * of a third of the lookup with one VC). A CRC of the fields in turn is the CRC of the
 * gathered key, so the hash is the same.
 */
static inline uint32_t
tx_flow_hash(const struct rte_mbuf *m)
{
	const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
	uint32_t len = m->data_len, off = 12, h;
	uint16_t type;
	uint8_t proto = 0;

	if (len < RTE_ETHER_HDR_LEN) {
		/* gathered aligned: rte_hash_crc reads 8 bytes at a time */
		uint8_t key[RTE_ETHER_HDR_LEN] __rte_aligned(8);

		memcpy(key, p, len);
		return rte_hash_crc(key, len, 0);
	}
	h = rte_hash_crc_8byte(tx_flow_load8(p), 0);
	h = rte_hash_crc_4byte(tx_flow_load4(p + 8), h);
	type = (uint16_t)(p[12] << 8 | p[13]);
	if ((type == RTE_ETHER_TYPE_VLAN || type == RTE_ETHER_TYPE_QINQ) && len >= 18) {
		off = 16;
		type = (uint16_t)(p[16] << 8 | p[17]);
	}
	off += 2;
	if (type == RTE_ETHER_TYPE_IPV4 && len >= off + 20) {
		const uint8_t *ip = p + off;

		h = rte_hash_crc_8byte(tx_flow_load8(ip + 12), h);
		/* RFC 791: fragment offset 0, else no L4 header here */
		if ((ip[6] & 0x1f) == 0 && ip[7] == 0 && (ip[0] & 0xf) >= 5) {
			proto = ip[9];
			off += (ip[0] & 0xfu) * 4;
		}
	} else if (type == RTE_ETHER_TYPE_IPV6 && len >= off + 40) {
		const uint8_t *ip = p + off;
		uint32_t k;

		for (k = 8; k < 40; k += 8)
			h = rte_hash_crc_8byte(tx_flow_load8(ip + k), h);
		proto = ip[6];
		off += 40;
	}
	if ((proto == IPPROTO_TCP || proto == IPPROTO_UDP || proto == IPPROTO_SCTP) &&
	    len >= off + 4)
		h = rte_hash_crc_4byte(tx_flow_load4(p + off), h);
	/* a CRC is linear: flows that differ in a few bits would differ in few combinations of
	 * the top bits the VC is taken from; a multiply-xorshift mix spreads them
	 */
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

/*
 * The port's hash binding as a burst uses it, read once: its first VC and count, and the
 * reciprocal of the VCIs each VPI gives it, so that a packet's VC takes a multiply, not a
 * division (mcm_hash_vc's numbering).
 */
struct tx_hash {
	uint32_t first, count;  /* count 0: no hash binding */
	uint32_t per;           /* VCIs of each VPI: first's VCI .. 65535 */
	uint64_t magic;         /* floor(2^40 / per) + 1 */
};

static inline void
tx_hash_load(const struct mcm_port *port, struct tx_hash *hs)
{
	uint64_t hb = __atomic_load_n(&port->hash_bind, __ATOMIC_ACQUIRE);

	hs->first = (uint32_t)(hb >> 32);
	hs->count = (uint32_t)hb;
	hs->per = 65536u - (hs->first & 0xffffu);
	/* idx * magic >> 40 is idx / per for every idx < 2^21: the error, under
	 * idx / 2^40 < 2^-19, stays below the 1 / per >= 2^-16 a quotient is from the next
	 */
	hs->magic = hs->count != 0 ? (UINT64_C(1) << 40) / hs->per + 1 : 0;
}

/* Index @p idx of binding @p hs to its VC: mcm_hash_vc() without the division. No branch
 * on whether @p idx is past the first VPI (the quotient is then 0): with a binding over two
 * or three VPIs the flows' VCs fall on either side at random, and a mispredicted branch a
 * frame cost 7 % at 131,072 VCs (doc/performance.md item 29).
 */
static inline uint32_t
tx_hash_vc(const struct tx_hash *hs, uint32_t idx)
{
	uint32_t vpis = (uint32_t)((idx * hs->magic) >> 40);

	return hs->first + (vpis << 16) + (idx - vpis * hs->per);
}

/* The VC of a frame: dynamic field, else destination MAC, else its flow's under a hash
 * binding, else the default VC. A raw SDU has no Ethernet header for the MAC table or the
 * flow hash to read: its dynamic field, else the default VC. @p ol is @p m's ol_flags,
 * @p vc_flag and @p raw_flag the dynamic flags, read once a burst.
 */
static inline uint32_t
tx_pick_vc(const struct mcm_port *port, const struct mcm_mac_table *macs,
	   const struct tx_hash *hs, const struct rte_mbuf *m, uint64_t ol, uint64_t vc_flag,
	   uint64_t raw_flag)
{
	if (ol & vc_flag)
		return *RTE_MBUF_DYNFIELD(m, mcm_dynfield_offset, const uint32_t *);
	if (unlikely(ol & raw_flag))
		return __atomic_load_n(&port->default_vc, __ATOMIC_ACQUIRE);
	if (macs != NULL && macs->count > 0 && m->data_len >= RTE_ETHER_ADDR_LEN) {
		uint64_t key = mcm_mac_key(rte_pktmbuf_mtod(m, const struct rte_ether_addr *));
		uint32_t pos;

		for (pos = mcm_mac_hash(key) & macs->mask; macs->e[pos].mac != 0;
		     pos = (pos + 1) & macs->mask)
			if (macs->e[pos].mac == key)
				return macs->e[pos].vc;
	}
	if (unlikely(hs->count != 0)) {
		/* one of count VCs: the hash scaled to count, no division */
		return tx_hash_vc(hs, (uint32_t)(((uint64_t)tx_flow_hash(m) * hs->count) >> 32));
	}
	return __atomic_load_n(&port->default_vc, __ATOMIC_ACQUIRE);
}

static inline void
tx_frame_close(struct rte_mbuf *f, uint32_t hdr_len, uint32_t ncells)
{
	/* The CW length stays 0: RFC 4385 3 sets it only when the link pads the frame, and an
	 * N:1 frame carries at least one 52-byte cell, more than Ethernet's minimum payload.
	 */
	f->data_len = (uint16_t)(hdr_len + MCM_CW_LEN + ncells * MCM_ATM_CELL_LEN);
	f->pkt_len = f->data_len;
}

/* The port's PW header (Ethernet, labels) to @p p, which has @p room bytes: one 32-byte move
 * when they may all be written (what follows the header is written after), else its length.
 */
static inline void
tx_pw_hdr_put(const struct mcm_port *port, uint8_t *p, uint32_t room)
{
	const uint8_t *hdr = __atomic_load_n(&port->pw_hdr, __ATOMIC_ACQUIRE);

	RTE_BUILD_BUG_ON(MCM_PW_HDR_ROOM != 32 || MCM_PW_HDR_MAX > MCM_PW_HDR_ROOM);
	if (likely(room >= MCM_PW_HDR_ROOM))
		rte_mov32(p, hdr);
	else
		rte_memcpy(p, hdr, port->pw_hdr_len);
}

#define MCM_TX_PREFETCH_MAX 2048u  /* bytes of a new PW frame requested when it opens */

static inline uint8_t *
tx_frame_open(struct mcm_tx_queue *txq, struct rte_mbuf *f, int seq_on)
{
	struct mcm_port *port = txq->port;
	uint8_t *p = rte_pktmbuf_mtod(f, uint8_t *);
	const uint32_t end = RTE_MIN(mcm_pw_frame_len(port), MCM_TX_PREFETCH_MAX);
	uint16_t seq = 0;
	uint32_t o;

	/* a frame of the queue's pool: room for the header and max_cells cells. Each of its
	 * lines is asked for at once, for writing: the cells fill them in turn, and a line
	 * the copy reaches unrequested stalls it (1500-byte frames: 3 % more with this); a
	 * jumbo frame's first MCM_TX_PREFETCH_MAX bytes, the rest as the copy gets there
	 */
	for (o = RTE_CACHE_LINE_SIZE; o < end; o += RTE_CACHE_LINE_SIZE)
		rte_prefetch0_write(p + o);
	tx_pw_hdr_put(port, p, rte_pktmbuf_tailroom(f));
	if (seq_on) {
		txq->seq = CW_SEQ_NEXT(txq->seq);
		seq = txq->seq;
	}
	p += port->pw_hdr_len;
	p[0] = 0;
	p[1] = 0;
	p[2] = (uint8_t)(seq >> 8);
	p[3] = (uint8_t)seq;
	return p + MCM_CW_LEN;
}

static void
tx_retry_pending(struct mcm_tx_queue *txq)
{
	struct mcm_port *port = txq->port;
	uint16_t sent;

	sent = rte_eth_tx_burst(port->lower_port_id, txq->qid, txq->pending, txq->npending);
	if (sent > 0) {
		memmove(txq->pending, &txq->pending[sent],
			(txq->npending - sent) * sizeof(txq->pending[0]));
		txq->npending -= sent;
		MCM_STAT_ADD(txq->frames, sent);
	}
}

static void
tx_flush(struct mcm_tx_queue *txq, struct rte_mbuf **frames, uint16_t nf)
{
	struct mcm_port *port = txq->port;
	uint16_t sent = 0, n;

	if (nf == 0)
		return;
	if (txq->npending > 0) {
		/* behind the frames still waiting, never ahead of them: a PDU that spans
		 * frames must reach the wire in order
		 */
		memcpy(&txq->pending[txq->npending], frames, nf * sizeof(frames[0]));
		txq->npending += nf;
		tx_retry_pending(txq);
		return;
	}
	sent = rte_eth_tx_burst(port->lower_port_id, txq->qid, frames, nf);
	n = nf - sent;
	/* keep the rest, in order, for the next burst (they carry sequence numbers already) */
	memcpy(&txq->pending[txq->npending], &frames[sent], n * sizeof(frames[0]));
	txq->npending += n;
	MCM_STAT_ADD(txq->frames, sent);
}

/* VC @p slot's drops on this queue, counted in its error record (made with the first drop
 * among MCM_SLOT_CHUNK VCs; without memory the queue's own counter counts it still).
 */
static inline void
tx_vc_drop(struct mcm_tx_queue *txq, int slot)
{
	struct mcm_vc_txerr *e = mcm_slot_record((void **)txq->vc_err, (uint32_t)slot,
						 sizeof(*e), true);

	if (e != NULL)
		MCM_STAT_ADD(e->drops, 1);
}

/* The pseudowire record of an SDU or PDU mode VC (made before the VC was published). */
static inline const struct mcm_vc_pw *
tx_vc_pw(const struct mcm_port *port, int slot)
{
	return &port->vc_pw[(uint32_t)slot >> MCM_SLOT_CHUNK_BITS]
			   [(uint32_t)slot & (MCM_SLOT_CHUNK - 1)];
}

/* What a run of packets sent, summed here and stored once: per VC while the VC does not
 * change (frames of one VC come in runs), per queue at the end of the run.
 */
struct tx_counts {
	int slot;                          /* the VC being summed, -1: none */
	uint64_t vc_pdus, vc_bytes, vc_cells;
	uint64_t pkts, bytes, cells;
};

static inline void
tx_counts_vc_store(struct mcm_tx_queue *txq, struct tx_counts *c)
{
	struct mcm_vc_txstats *vs;

	if (c->slot < 0)
		return;
	vs = mcm_txq_vc_stats(txq, (uint32_t)c->slot);
	MCM_STAT_ADD(vs->pdus, c->vc_pdus);
	MCM_STAT_ADD(vs->bytes, c->vc_bytes);
	MCM_STAT_ADD(vs->cells, c->vc_cells);
	c->vc_pdus = c->vc_bytes = c->vc_cells = 0;
}

/* @p n frames of @p len bytes in all sent in @p cells cells (0: SDU mode) on the VC of
 * @p slot.
 */
static inline void
tx_count_sent_n(struct mcm_tx_queue *txq, struct tx_counts *c, int slot, uint32_t n,
		uint64_t len, uint32_t cells)
{
	if (unlikely(slot != c->slot)) {
		tx_counts_vc_store(txq, c);
		c->slot = slot;
	}
	c->vc_pdus += n;
	c->vc_bytes += len;
	c->vc_cells += cells;
	c->pkts += n;
	c->bytes += len;
	c->cells += cells;
}

/* A frame of @p len bytes sent in @p cells cells (0: SDU mode) on the VC of @p slot. */
static inline void
tx_count_sent(struct mcm_tx_queue *txq, struct tx_counts *c, int slot, uint32_t len,
	      uint32_t cells)
{
	tx_count_sent_n(txq, c, slot, 1, len, cells);
}

/* The run's counts to the queue the application gave the packets to. */
static inline void
tx_counts_store(struct mcm_tx_queue *txq, struct tx_counts *c)
{
	tx_counts_vc_store(txq, c);
	MCM_STAT_ADD(txq->pkts, c->pkts);
	MCM_STAT_ADD(txq->bytes, c->bytes);
	MCM_STAT_ADD(txq->cells, c->cells);
}

static inline void
tx_drop(struct rte_mbuf **done, uint16_t *ndone, struct rte_mbuf *m, uint64_t *counter)
{
	MCM_STAT_ADD(*counter, 1);
	done[(*ndone)++] = m;
}

/*
 * The queue whose lower queue carries a VC's cells. A PDU longer than one PW frame spans
 * frames, and frames from two lower queues interleave on the one wire (a NIC takes its
 * queues in turn; memif, a veth or net_ring with fewer queues on the far side merge them), so
 * cells of two PDUs of one VC sent from two queues would mix and fail the far end's CRC
 * (AAL5 has no PDU identifier to sort them out, I.363.5). Every PDU of a VC therefore goes
 * out on one lower queue, whole, in order: the VC's owner, chosen by its slot.
 */
static inline struct mcm_tx_queue *
tx_owner(const struct mcm_port *port, struct mcm_tx_queue *txq, int slot)
{
	struct mcm_tx_queue *owner;

	if (likely(port->nb_txq <= 1))
		return txq;
	owner = port->txq[(uint32_t)slot % port->nb_txq];
	return owner != NULL ? owner : txq;
}

/* @p n mbufs each direct, of one segment and referenced once (what rte_pktmbuf_free_bulk
 * would check and find), straight back to their pools, one call a run of one pool.
 */
static inline void
tx_free_plain(struct rte_mbuf **m, uint16_t n)
{
	uint16_t i, j;

	for (i = 0; i < n; i = j) {
		struct rte_mempool *mp = m[i]->pool;

		for (j = i + 1; j < n && m[j]->pool == mp; j++)
			;
		rte_mempool_put_bulk(mp, (void **)&m[i], j - i);
	}
}

/* What a burst of an application queue carries from one run of packets to the next. */
struct tx_burst_state {
	struct mcm_tx_queue *txq;          /* the application's queue: its counters, its pool */
	const struct mcm_mac_table *macs;
	struct rte_mbuf *done[MCM_TX_DONE]; /* consumed, freed at the end of the burst */
	uint16_t ndone;
	/* consumed and known plain (direct, one segment, ours alone: tx_in_place), given
	 * back to their pools at the end of the burst with no per-mbuf checks
	 */
	struct rte_mbuf *plain[MCM_TX_DONE];
	uint16_t nplain;
	bool tap;
	uint32_t max_sdu;                  /* the port's, read once (rte_eth_dev_set_mtu) */
	uint32_t key[MCM_TX_DONE];         /* each packet's VC (tx_pick_vc) ... */
	int slot[MCM_TX_DONE];             /* ... and its slot, or -1 (tx_lookup_all) */
	/* pkts[prep_first .. prep_first + prep_n - 1]: PDUs completed in place, their CRCs
	 * computed together (tx_prepare), their VCs in prep_slot and prep_key
	 */
	uint16_t prep_first, prep_n;
	int prep_slot[MCM_AAL5_BATCH];
	uint32_t prep_key[MCM_AAL5_BATCH];
};

/* A packet's slot when it is not of its VC's kind (a raw SDU for a bridged VC or the other
 * way round): below -1, the VC's slot still known for its drop count.
 */
#define TX_SLOT_ENCAP(slot) (-2 - (slot))

/* Whether @p m (raw SDU if it has @p raw_flag) can go on a VC of @p encap: an Ethernet frame
 * on a bridged VC; on a routed one a raw SDU, an LLC VC's starting with its LLC header
 * (RFC 2684 5.1: SNAP, or NLPID), a VC-multiplexed one's not empty (an AAL5 length of 0 is
 * an abort, I.363.5 9.2.2.2).
 */
static inline bool
tx_kind_ok(const struct rte_mbuf *m, uint64_t raw_flag, uint8_t encap)
{
	if (!mcm_encap_routed(encap))
		return !(m->ol_flags & raw_flag);
	if (!(m->ol_flags & raw_flag))
		return false;
	if (encap == MCM_ENCAP_VCMUX_ROUTED)
		return m->pkt_len > 0;
	return mcm_rfc2684_llc_len(rte_pktmbuf_mtod(m, const uint8_t *), m->data_len) >= 0;
}

/*
 * The VC and slot of each of the burst's @p n packets, looked up before any is sent: with
 * many VCs each lookup and each VC's slot line are cache misses, and done a packet at a time
 * they would come one after the other. Here what each lookup reads is requested first (the
 * slot line itself for a VC of an affine VCI chunk, mcm_vci_dir: a hash binding's VCs added
 * as a range), then the slots read and the VCs' lines requested, so that the misses overlap.
 * Frames of one VC come in runs: one lookup a run.
 */
static inline void
tx_lookup_all(struct tx_burst_state *b, struct rte_mbuf **pkts, uint16_t n)
{
	struct mcm_tx_queue *txq = b->txq;
	const struct mcm_port *port = txq->port;
	uint32_t last_key = MCM_NO_VC;
	const uint64_t vc_flag = mcm_dynflag_vc, raw_flag = mcm_dynflag_raw;
	uint64_t any_raw = 0;
	struct tx_hash hs;
	int last_slot = -1;
	uint8_t last_encap = 0;   /* the run's VC's */
	bool check = false;       /* the run's packets' kinds checked: routed VC or raw SDUs */
	bool by_default;          /* a packet without the VC field goes to default_vc */
	uint32_t default_vc;
	uint16_t i, runs = 0;

	tx_hash_load(port, &hs);
	/* no MAC and no hash binding (one default VC, or VCs named in the mbufs): the default
	 * VC read once a burst
	 */
	by_default = hs.count == 0 && (b->macs == NULL || b->macs->count == 0);
	default_vc = __atomic_load_n(&port->default_vc, __ATOMIC_ACQUIRE);
	for (i = 0; i < n; i++) {
		const struct rte_mbuf *m = pkts[i];
		const uint64_t ol = m->ol_flags;
		uint32_t key = likely(by_default && !(ol & vc_flag)) ? default_vc :
			       tx_pick_vc(port, b->macs, &hs, m, ol, vc_flag, raw_flag);

		any_raw |= ol;
		b->key[i] = key;
		if (key == last_key)
			continue;   /* the second pass reads a run's probe at its first packet */
		last_key = key;
		runs++;
		b->slot[i] = key == MCM_NO_VC ? -1 :
			     mcm_vc_probe_prefetch(port, rte_pmd_mcm_vc_vpi(key),
						   rte_pmd_mcm_vc_vci(key));
	}
	last_key = MCM_NO_VC;
	for (i = 0; i < n; i++) {
		uint32_t key = b->key[i];

		if (key != last_key) {
			last_key = key;
			last_slot = b->slot[i];
			if (last_slot >= 0) {
				/* an affine chunk's slot: its line is in by now */
				if (!mcm_vc_slot_holds(port, (uint32_t)last_slot, key))
					last_slot = -1;
			} else {
				last_slot = mcm_vc_probe_map(port, rte_pmd_mcm_vc_vpi(key),
							     rte_pmd_mcm_vc_vci(key), last_slot);
			}
			/* queue 0's counters are in the slot line; another's are apart */
			if (last_slot >= 0 && txq->vc_own != NULL)
				rte_prefetch0(mcm_txq_vc_stats(txq, (uint32_t)last_slot));
			/* Ethernet frames for a bridged VC pass unchecked while the burst has
			 * no raw SDU: what bridged traffic pays for routed VCs is this branch
			 */
			if (last_slot >= 0)
				last_encap = mcm_vc_rt(port, (uint32_t)last_slot)->encap;
			check = last_slot >= 0 &&
				((any_raw & raw_flag) != 0 || mcm_encap_routed(last_encap));
			if (runs == 1 && !check) {
				/* the burst is one run with nothing to check (one VC's frames) */
				for (; i < n; i++)
					b->slot[i] = last_slot;
				break;
			}
		}
		b->slot[i] = last_slot;
		if (unlikely(check) && !tx_kind_ok(pkts[i], raw_flag, last_encap))
			b->slot[i] = TX_SLOT_ENCAP(last_slot);
	}
}

/* The VC slot of pkts[@p i], or -1 when the packet is dropped (counted, put on the done
 * list).
 */
static inline int
tx_classify(struct tx_burst_state *b, struct rte_mbuf **pkts, uint16_t i, uint32_t *key)
{
	struct mcm_tx_queue *txq = b->txq;
	struct mcm_port *port = txq->port;
	struct rte_mbuf *m = pkts[i];
	const struct mcm_vc_rt *vc;
	int slot = b->slot[i];

	*key = b->key[i];
	if (unlikely(slot < 0)) {
		if (slot == -1) {
			tx_drop(b->done, &b->ndone, m, &txq->no_vc);
			return -1;
		}
		tx_vc_drop(txq, TX_SLOT_ENCAP(slot));   /* its own inverse: the VC's slot */
		tx_drop(b->done, &b->ndone, m, &txq->encap_drops);
		return -1;
	}
	vc = mcm_vc_rt(port, (uint32_t)slot);
	if (unlikely(!__atomic_load_n(&vc->active, __ATOMIC_ACQUIRE))) {
		tx_vc_drop(txq, slot);
		tx_drop(b->done, &b->ndone, m, &txq->inactive);
		return -1;
	}
	if (unlikely(vc->hlen + m->pkt_len >
		     b->max_sdu || m->nb_segs >= MCM_AAL5_SEG_MAX_IOV)) {
		tx_drop(b->done, &b->ndone, m, &txq->too_big);
		return -1;
	}
	return slot;
}

/*
 * The headers of an AAL5 CPCS-SDU mode PW frame of @p vc at @p p, which has @p room bytes:
 * the PW header with the VC's label at the bottom of the stack, the CW (T, E, C, U and the
 * sequence number 0, the length of CW + SDU when under 64 bytes: RFC 4385 3, the link may
 * pad) for an SDU of @p sdu_len bytes, and the RFC 2684 header. The PW header goes first
 * and the rest over what follows it: its 32-byte move may cover them, never what is beyond.
 */
static inline void
tx_sdu_hdrs_put(const struct mcm_port *port, const struct mcm_vc_rt *vc,
		const struct mcm_vc_pw *pw, uint8_t *p, uint32_t room, uint32_t sdu_len)
{
	const uint32_t hdr_len = port->pw_hdr_len;

	tx_pw_hdr_put(port, p, room);
	memcpy(p + hdr_len - 4, &pw->lse, 4);  /* the VC's label: bottom of the stack */
	p += hdr_len;
	p[0] = 0;
	p[1] = MCM_CW_LEN + sdu_len < 64 ? (uint8_t)(MCM_CW_LEN + sdu_len) : 0;
	p[2] = 0;
	p[3] = 0;
	mcm_vc_hdr_put(p + MCM_CW_LEN, vc->encap);
}

/*
 * @p m of an AAL5 CPCS-SDU mode VC as one PW frame of the VC's own label (RFC 4717): the
 * PW header, the control word and the RFC 2684 header go in front of the frame, in its own
 * headroom when it has room (the mbuf is then the PW frame: no copy), else in a frame of the
 * queue's pool. The CW carries T, E, C, U = 0, the length when the link pads (RFC 4385 3)
 * and sequence 0 (not used).
 * @return the PW frame; NULL if none could be had (counted; @p m is then the caller's)
 */
static struct rte_mbuf *
tx_sdu_frame(struct tx_burst_state *b, struct rte_mbuf *m, const struct mcm_vc_rt *vc,
	     const struct mcm_vc_pw *pw, uint32_t key)
{
	struct mcm_tx_queue *txq = b->txq;
	struct mcm_port *port = txq->port;
	const uint32_t hdr_len = port->pw_hdr_len;
	const uint32_t hlen = vc->hlen;
	const uint32_t sdu_len = hlen + m->pkt_len, front = hdr_len + MCM_CW_LEN + hlen;
	struct rte_mbuf *f;
	uint8_t *p;

	if (likely(RTE_MBUF_DIRECT(m) && rte_mbuf_refcnt_read(m) == 1 &&
		   rte_pktmbuf_headroom(m) >= front)) {
		f = m;
		p = (uint8_t *)rte_pktmbuf_prepend(m, (uint16_t)front);
		f->ol_flags = 0;   /* the application's offload requests were for its frame */
	} else {
		f = rte_pktmbuf_alloc(txq->pool);
		if (unlikely(f == NULL || rte_pktmbuf_tailroom(f) < front + m->pkt_len)) {
			rte_pktmbuf_free(f);
			MCM_STAT_ADD(txq->nombuf, 1);
			return NULL;
		}
		const void *d;

		p = (uint8_t *)rte_pktmbuf_append(f, (uint16_t)(front + m->pkt_len));
		d = rte_pktmbuf_read(m, 0, m->pkt_len, p + front);
		if (d != p + front)   /* m is one segment: read points into it */
			memcpy(p + front, d, m->pkt_len);
	}
	tx_sdu_hdrs_put(port, vc, pw, p, front, sdu_len);
	p += hdr_len;
	if (unlikely(b->tap)) {
		struct mcm_iov iov[MCM_AAL5_SEG_MAX_IOV];
		const struct rte_mbuf *s;
		unsigned int niov = 1;

		iov[0].base = p + MCM_CW_LEN;
		iov[0].len = f->data_len - hdr_len - MCM_CW_LEN;
		for (s = f->next; s != NULL && niov < RTE_DIM(iov); s = s->next) {
			iov[niov].base = rte_pktmbuf_mtod(s, const void *);
			iov[niov++].len = s->data_len;
		}
		mcm_capture_tap(port, true, key, vc->encap, iov, niov);
	}
	return f;
}

/* @p len bytes (16 to 64) from @p src to @p dst in two overlapping moves. */
static __rte_always_inline void
tx_hdr_copy(uint8_t *dst, const uint8_t *src, uint32_t len)
{
	if (len <= 32) {
		rte_mov16(dst, src);
		rte_mov16(dst + len - 16, src + len - 16);
	} else {
		rte_mov32(dst, src);
		rte_mov32(dst + len - 32, src + len - 32);
	}
}

/*
 * The AAL5 CPCS-SDU mode fast path: the frames pkts[i...] of SDU mode VC @p slot (pkts[i]
 * classified already) while they are of that VC, fit its pseudowire and can take their
 * headers in their own headroom, up to @p room of them. What every frame of the run gets in
 * front (PW header, the VC's label, CW, RFC 2684 header) is made once; each frame then takes
 * it in two moves and becomes its own PW frame, as tx_sdu_frame() makes it. A frame that
 * does not qualify ends the run: the general path takes it (and drops or copies it).
 * @return how many frames were made, in @p out; their original bytes in *bytes
 */
static inline uint16_t
tx_sdu_run(const struct tx_burst_state *b, struct rte_mbuf **pkts, uint16_t i,
	   uint16_t nb_pkts, int slot, struct rte_mbuf **out, uint16_t room, uint64_t *bytes)
{
	const struct mcm_port *port = b->txq->port;
	const struct mcm_vc_rt *vc = mcm_vc_rt(port, (uint32_t)slot);
	const struct mcm_vc_pw *pw = tx_vc_pw(port, slot);
	const uint32_t hdr_len = port->pw_hdr_len, hlen = vc->hlen;
	const uint32_t front = hdr_len + MCM_CW_LEN + hlen;
	/* the longest SDU: within the VC's pseudowire and the port's largest SDU */
	const uint32_t max_sdu = RTE_MIN((uint32_t)pw->max, b->max_sdu);
	uint8_t tmpl[MCM_PW_HDR_ROOM + MCM_CW_LEN + MCM_RFC2684_MAX_HDR];
	uint64_t sum = 0;
	uint16_t n;

	/* tx_hdr_copy's range: Ethernet, a label and the CW at least; two labels, the CW and
	 * the longest RFC 2684 header at most
	 */
	RTE_BUILD_BUG_ON(RTE_ETHER_HDR_LEN + 4 + MCM_CW_LEN < 16 ||
			 MCM_PW_HDR_MAX + MCM_RFC2684_MAX_HDR > 64);
	/* the run's frames have CW + SDU of 64 bytes at least: CW length 0 (RFC 4385 3) */
	tx_sdu_hdrs_put(port, vc, pw, tmpl, sizeof(tmpl), 64);
	room = RTE_MIN(room, (uint16_t)(nb_pkts - i));
	for (n = 0; n < room; n++) {
		struct rte_mbuf *m = pkts[i + n];
		uint32_t len = m->pkt_len;

		if (b->slot[i + n] != slot || hlen + len > max_sdu ||
		    MCM_CW_LEN + hlen + len < 64 ||
		    !RTE_MBUF_DIRECT(m) || rte_mbuf_refcnt_read(m) != 1 ||
		    m->data_off < front || m->nb_segs >= MCM_AAL5_SEG_MAX_IOV)
			break;
		m->data_off = (uint16_t)(m->data_off - front);
		m->data_len = (uint16_t)(m->data_len + front);
		m->pkt_len = len + front;
		m->ol_flags = 0;   /* the application's offload requests were for its frame */
		tx_hdr_copy(rte_pktmbuf_mtod(m, uint8_t *), tmpl, front);
		out[n] = m;
		sum += len;
	}
	*bytes = sum;
	return n;
}

/*
 * The CPCS-PDU of @p seg in the @p n frames @p f of an AAL5 PDU frame mode VC (RFC 4717 10):
 * whole 48-byte blocks, as many as the VC's frames hold, after the generic control word
 * (RFC 4717 4.1.2: sequence number 0, not used; its ATM-specific byte has M = 1 for an AAL5
 * payload, V = 0, and U = 1 on the frame that holds the PDU's last block; E and C are 0:
 * the PDU starts here, no cell was ever congested or tagged).
 */
static void
tx_pdu_frames(const struct mcm_port *port, struct mcm_aal5_seg *seg, const struct mcm_vc_pw *pw,
	      struct rte_mbuf **f, uint32_t n)
{
	const uint8_t *hdr = __atomic_load_n(&port->pw_hdr, __ATOMIC_ACQUIRE);
	const uint32_t hdr_len = port->pw_hdr_len, per = pw->max / MCM_ATM_CELL_PAYLOAD;
	uint32_t i;

	for (i = 0; i < n; i++) {
		uint8_t *p = rte_pktmbuf_mtod(f[i], uint8_t *);
		uint32_t k;

		rte_memcpy(p, hdr, hdr_len);
		memcpy(p + hdr_len - 4, &pw->lse, 4);  /* the VC's label: bottom of the stack */
		p += hdr_len;
		k = mcm_aal5_seg_emit_blocks(seg, p + MCM_CW_LEN, per);
		p[0] = 0;
		p[1] = 0;
		p[2] = 0;
		p[3] = (uint8_t)(MCM_PW_ATM_M | (seg->cells_left == 0 ? MCM_PW_ATM_U : 0));
		f[i]->data_len = (uint16_t)(hdr_len + MCM_CW_LEN + k * MCM_ATM_CELL_PAYLOAD);
		f[i]->pkt_len = f[i]->data_len;
	}
}

/* Can @p m's PDU be completed in place: the frame is the driver's to write, one segment,
 * with room for the RFC 2684 header before it and the pad and trailer after it.
 */
static inline bool
tx_in_place(const struct rte_mbuf *m, const struct mcm_vc_rt *vc)
{
	return RTE_MBUF_DIRECT(m) && rte_mbuf_refcnt_read(m) == 1 && m->nb_segs == 1 &&
	       rte_pktmbuf_headroom(m) >= vc->hlen &&
	       rte_pktmbuf_tailroom(m) >= mcm_aal5_pdu_len(vc->hlen + m->pkt_len) -
					  (vc->hlen + m->pkt_len);
}

/*
 * Complete in place the PDUs of pkts[i...], up to MCM_AAL5_BATCH, while they are of VCs
 * @p wq sends, in cell or PDU mode, and can be completed in place: the RFC 2684 header in
 * front, pad and trailer behind, all their CRCs computed together (they are independent:
 * the computations overlap). Nothing is dropped or counted here: a packet that does not
 * qualify ends the batch and is classified as usual. tx_unprepare() gives back those not
 * sent.
 */
static void
tx_prepare(struct tx_burst_state *b, struct mcm_tx_queue *wq, struct rte_mbuf **pkts,
	   uint16_t i, uint16_t nb_pkts, int slot, uint32_t key)
{
	struct mcm_port *port = b->txq->port;
	uint8_t *pdu[MCM_AAL5_BATCH];
	uint32_t sdu_len[MCM_AAL5_BATCH];
	uint16_t n = 0;
	/* read once: the headers are written through uint8_t pointers, which may alias any
	 * object, so fields read in the loop would be loaded again after each
	 */
	const uint32_t max_sdu = b->max_sdu;
	const bool one_queue = port->nb_txq <= 1;   /* then wq is the application's queue */

	/* pkts[i] is classified and qualifies (the caller's checks); the others are looked at
	 * here, with no drop and no count
	 */
	for (;;) {
		struct rte_mbuf *m = pkts[i + n];
		const struct mcm_vc_rt *vc = mcm_vc_rt(port, (uint32_t)slot);

		pdu[n] = (uint8_t *)rte_pktmbuf_prepend(m, vc->hlen);
		mcm_vc_hdr_put(pdu[n], vc->encap);
		sdu_len[n] = m->pkt_len;
		b->prep_slot[n] = slot;
		b->prep_key[n] = key;
		if (++n == MCM_AAL5_BATCH || i + n == nb_pkts)
			break;
		m = pkts[i + n];
		key = b->key[i + n];
		slot = b->slot[i + n];
		if (slot < 0)
			break;
		vc = mcm_vc_rt(port, (uint32_t)slot);
		if (!__atomic_load_n(&vc->active, __ATOMIC_ACQUIRE) ||
		    vc->hlen + m->pkt_len > max_sdu ||
		    (!one_queue && tx_owner(port, b->txq, slot) != wq) ||
		    vc->pw_mode == MCM_VC_PW_SDU || !tx_in_place(m, vc))
			break;
	}
	mcm_aal5_pdu_finish_n(pdu, sdu_len, n);
	b->prep_first = i;
	b->prep_n = n;
}

/* The prepared packets from pkts[i] on were not sent: they go back as they came. */
static void
tx_unprepare(struct tx_burst_state *b, struct rte_mbuf **pkts, uint16_t i)
{
	const struct mcm_port *port = b->txq->port;
	uint16_t end = b->prep_first + b->prep_n;

	for (; i < end; i++)
		rte_pktmbuf_adj(pkts[i],
				mcm_vc_rt(port, (uint32_t)b->prep_slot[i - b->prep_first])->hlen);
	b->prep_n = 0;
}

/* The PW frames a burst is building on one lower queue: those made (frames[0 .. nf - 1]),
 * and the open one (frames[nf], written at wp, cur_cells cells in it) if wp is not NULL.
 */
struct tx_frames {
	struct rte_mbuf *f[MCM_TX_FRAMES];
	uint16_t nf;
	uint8_t *wp;
	uint32_t cur_cells;
};

/* The frames @p cells more cells need beyond the room left in the open frame. */
static inline uint32_t
tx_frames_needed(const struct tx_frames *fr, uint32_t max_cells, uint32_t cells)
{
	const uint32_t free_cells = fr->wp != NULL ? max_cells - fr->cur_cells : 0;

	return cells > free_cells ? (cells - free_cells + max_cells - 1) / max_cells : 0;
}

/* The open frame, closed and counted among those made (the next frame opens at fr->f[nf]). */
static inline void
tx_frames_close_open(struct tx_frames *fr, uint32_t hdr_len)
{
	if (fr->wp != NULL) {
		tx_frame_close(fr->f[fr->nf++], hdr_len, fr->cur_cells);
		fr->wp = NULL;
	}
}

/* Room for cells: the open frame (written at *wp, *cur cells in it), or the next one,
 * frames[*nf] (taken from the pool already), opened when there is none or it is full; the
 * state in the caller's variables, which may be locals (tx_cells_run). @return the cells it
 * can still take.
 */
static inline uint32_t
tx_room(struct mcm_tx_queue *wq, struct rte_mbuf **frames, uint8_t **wp, uint32_t *cur,
	uint16_t *nf, uint32_t hdr_len, uint32_t max_cells, int seq_on)
{
	if (*wp == NULL || *cur == max_cells) {
		if (*wp != NULL)
			tx_frame_close(frames[(*nf)++], hdr_len, *cur);
		*wp = tx_frame_open(wq, frames[*nf], seq_on);
		*cur = 0;
	}
	return max_cells - *cur;
}

/* Room for cells in @p fr (tx_room). */
static inline uint32_t
tx_frames_room(struct mcm_tx_queue *wq, struct tx_frames *fr, uint32_t hdr_len,
	       uint32_t max_cells, int seq_on)
{
	return tx_room(wq, fr->f, &fr->wp, &fr->cur_cells, &fr->nf, hdr_len, max_cells, seq_on);
}

/* @p k cells were written at the open frame's end. */
static inline void
tx_frames_put(struct tx_frames *fr, uint32_t k)
{
	fr->wp += k * MCM_ATM_CELL_LEN;
	fr->cur_cells += k;
}

/*
 * N:1 cell mode, the PDUs completed in place (tx_prepare): those from pkts[i] on while their
 * VCs (the first @p slot) send cells, each cut into cells straight into the open PW frame
 * and the next ones (mcm_aal5_cells_put), with no segmentation state. The PDUs may be of
 * many VCs (a hash binding makes each frame a VC of its own): what changes from one to the
 * next is the cell header and the RFC 2684 header's length, so one pass takes them all,
 * without a call and a set-up a VC. The run is measured first, so that the frames it needs
 * come from the pool in one bulk; it stops short of the PDU that would need more frames than
 * the burst has left, and at a PDU mode VC's. The caller has checked what tx_run checks for
 * pkts[i]; tx_prepare, for the others (active, size, owner @p wq, not SDU mode).
 * @return the PDUs sent; 0: none, the burst ends here (no room left, or no frame to be had:
 * counted)
 */
static inline uint16_t
tx_cells_run(struct tx_burst_state *b, struct mcm_tx_queue *wq, struct rte_mbuf **pkts,
	     uint16_t i, int slot, struct tx_frames *fr, struct tx_counts *counts)
{
	struct mcm_tx_queue *txq = b->txq;
	struct mcm_port *port = txq->port;
	const uint32_t max_cells = port->max_cells, hdr_len = port->pw_hdr_len;
	const int *prep_slot = &b->prep_slot[i - b->prep_first];
	const uint16_t end = (uint16_t)(b->prep_first + b->prep_n);
	const int seq_on = port->nb_txq == 1;
	const uint32_t open = fr->wp != NULL;
	/* cells the open frame and the frames the burst may still make can take */
	const uint32_t budget = (open ? max_cells - fr->cur_cells : 0) +
				(MCM_TX_FRAMES - fr->nf - open) * max_cells;
	uint32_t total = 0, need, k, ncells[MCM_AAL5_BATCH];
	const struct mcm_vc_rt *vc = NULL;
	uint32_t hdr_word = 0, hlen = 0;   /* vc's, while its run lasts */
	uint64_t run_bytes = 0;
	uint32_t run_cells = 0;
	int run_slot = -1;
	uint16_t n, run_n = 0;

	for (n = 0; i + n < end; n++) {
		if (prep_slot[n] != slot) {
			slot = prep_slot[n];
			if (mcm_vc_rt(port, (uint32_t)slot)->pw_mode != MCM_VC_PW_CELLS)
				break;
		}
		/* completed in place: pkt_len is the SDU with its RFC 2684 header */
		ncells[n] = mcm_aal5_ncells(pkts[i + n]->pkt_len);
		if (total + ncells[n] > budget)
			break;
		total += ncells[n];
	}
	if (n == 0)
		return 0;
	need = tx_frames_needed(fr, max_cells, total);
	/* the queue's frame pool holds the lower queue's descriptors, the pending list and two
	 * bursts' MCM_TX_FRAMES (mcm_tx_queue_setup): a run's frames are there unless the
	 * lower port keeps more than that
	 */
	if (need > 0 && rte_pktmbuf_alloc_bulk(txq->pool, &fr->f[fr->nf + open], need) != 0) {
		MCM_STAT_ADD(txq->nombuf, 1);
		return 0;
	}
	/* the open frame and the plain list in locals while the cells are written: a store
	 * through a uint8_t pointer may alias any object, so fr's and b's fields would be
	 * loaded again after every cell
	 */
	uint8_t *wp = fr->wp;
	uint32_t cur = fr->cur_cells;
	uint16_t nf = fr->nf, nplain = b->nplain;
	const bool tap = b->tap;

	for (k = 0; k < n; k++) {
		struct rte_mbuf *m = pkts[i + k];
		const uint8_t *blocks = rte_pktmbuf_mtod(m, const uint8_t *);
		uint32_t left = ncells[k];

		if (prep_slot[k] != run_slot) {
			/* the last VC's counts summed, in one store each */
			if (run_n > 0)
				tx_count_sent_n(txq, counts, run_slot, run_n, run_bytes, run_cells);
			run_slot = prep_slot[k];
			vc = mcm_vc_rt(port, (uint32_t)run_slot);
			hdr_word = vc->hdr_word;
			hlen = vc->hlen;
			run_n = 0;
			run_bytes = 0;
			run_cells = 0;
		}
		run_n++;
		run_bytes += m->pkt_len - hlen;
		run_cells += left;
		if (unlikely(tap)) {
			const struct mcm_iov sdu = { blocks, m->pkt_len };

			mcm_capture_tap(port, true, b->prep_key[i + k - b->prep_first], vc->encap,
					&sdu, 1);
		}
		while (left > 0) {
			uint32_t room = tx_room(wq, fr->f, &wp, &cur, &nf, hdr_len, max_cells,
						seq_on);
			uint32_t c = RTE_MIN(left, room);

			mcm_aal5_cells_put(wp, blocks, c, hdr_word, c == left);
			blocks += c * MCM_ATM_CELL_PAYLOAD;
			wp += c * MCM_ATM_CELL_LEN;
			cur += c;
			left -= c;
		}
		b->plain[nplain++] = m;   /* its cells are copied out */
	}
	fr->wp = wp;
	fr->cur_cells = cur;
	fr->nf = nf;
	b->nplain = nplain;
	tx_count_sent_n(txq, counts, run_slot, run_n, run_bytes, run_cells);
	return n;
}

/*
 * Segment pkts[*pi...] into PW frames on @p wq while their VCs belong to @p wq, starting
 * with pkts[*pi] already classified (@p key, @p slot); the caller holds @p wq when it is
 * shared. On return *pi is the first packet not consumed and, when *slot >= 0, *key and
 * *slot classify it (a VC of another queue).
 * @return false if the burst must end here (no frame or mbuf left, the lower port full)
 */
static bool
tx_run(struct tx_burst_state *b, struct mcm_tx_queue *wq, struct rte_mbuf **pkts,
       uint16_t nb_pkts, uint16_t *pi, uint32_t *key, int *slot)
{
	struct mcm_tx_queue *txq = b->txq;
	struct mcm_port *port = txq->port;
	const uint32_t max_cells = port->max_cells, hdr_len = port->pw_hdr_len;
	const int seq_on = port->nb_txq == 1;
	struct tx_frames fr = { .nf = 0, .wp = NULL, .cur_cells = 0 };
	struct mcm_aal5_seg seg;
	uint16_t i = *pi;
	struct tx_counts counts = { .slot = -1 };
	bool more = true;

	if (wq->npending > 0) {
		tx_retry_pending(wq);
		if (wq->npending > MCM_TX_PENDING - MCM_TX_FRAMES)
			return false;  /* the lower port is full: push back on the application */
	}
	while (i < nb_pkts) {
		struct rte_mbuf *m = pkts[i], *s;
		struct mcm_iov iov[MCM_AAL5_SEG_MAX_IOV];
		uint8_t llc[MCM_RFC2684_MAX_HDR];
		const struct mcm_vc_rt *vc;
		const struct mcm_vc_pw *pw;
		uint32_t sdu_len, ncells, need, frame_len, hlen, left;
		unsigned int niov;
		bool prepared = i >= b->prep_first && i < b->prep_first + b->prep_n;

		if (*slot < 0) {
			if (prepared) {
				*slot = b->prep_slot[i - b->prep_first];
				*key = b->prep_key[i - b->prep_first];
			} else {
				*slot = tx_classify(b, pkts, i, key);
				if (*slot < 0) {
					i++;
					continue;
				}
			}
		}
		if (tx_owner(port, txq, *slot) != wq)
			break;     /* the caller takes this one to its own queue */
		vc = mcm_vc_rt(port, (uint32_t)*slot);
		if (!prepared && vc->pw_mode != MCM_VC_PW_SDU && tx_in_place(m, vc)) {
			tx_prepare(b, wq, pkts, i, nb_pkts, *slot, *key);
			prepared = true;
		}
		if (likely(prepared && vc->pw_mode == MCM_VC_PW_CELLS)) {
			uint16_t k = tx_cells_run(b, wq, pkts, i, *slot, &fr, &counts);

			if (unlikely(k == 0)) {
				more = false;
				break;
			}
			i = (uint16_t)(i + k);
			*slot = -1;
			continue;
		}
		hlen = vc->hlen;
		frame_len = m->pkt_len - (prepared ? hlen : 0);
		sdu_len = hlen + frame_len;
		pw = vc->pw_mode == MCM_VC_PW_CELLS ? NULL : tx_vc_pw(port, *slot);
		if (unlikely(vc->pw_mode == MCM_VC_PW_SDU)) {
			struct rte_mbuf *f;
			uint64_t run_bytes;
			uint16_t k;

			if (unlikely(sdu_len > pw->max)) {
				tx_vc_drop(txq, *slot);
				tx_drop(b->done, &b->ndone, m, &txq->too_big);
				*slot = -1;
				i++;
				continue;
			}
			if (fr.nf + (fr.wp != NULL) + 1 > MCM_TX_FRAMES) {
				more = false;
				break;
			}
			/* the open N:1 frame goes first, as its cells were sent first */
			tx_frames_close_open(&fr, hdr_len);
			/* a run of this VC's frames with their headers in their own headroom */
			k = likely(!b->tap) ? tx_sdu_run(b, pkts, i, nb_pkts, *slot, &fr.f[fr.nf],
							 MCM_TX_FRAMES - fr.nf, &run_bytes) : 0;
			if (likely(k > 0)) {
				tx_count_sent_n(txq, &counts, *slot, k, run_bytes, 0);
				fr.nf += k;
				i += k;
				*slot = -1;
				continue;
			}
			f = tx_sdu_frame(b, m, vc, pw, *key);
			if (f == NULL) {
				more = false;
				break;
			}
			fr.f[fr.nf++] = f;
			if (f != m)
				b->done[b->ndone++] = m;
			tx_count_sent(txq, &counts, *slot, frame_len, 0);
			*slot = -1;
			i++;
			continue;
		}
		ncells = mcm_aal5_ncells(sdu_len);
		need = ncells;
		if (unlikely(pw != NULL)) {
			/* AAL5 PDU frame mode: frames of the VC's own label, no cells */
			need = (need + pw->max / MCM_ATM_CELL_PAYLOAD - 1) /
			       (pw->max / MCM_ATM_CELL_PAYLOAD);
			if (fr.nf + (fr.wp != NULL) + need > MCM_TX_FRAMES) {
				more = false;
				break;
			}
			/* the open N:1 frame goes first, as its cells were sent first */
			tx_frames_close_open(&fr, hdr_len);
		} else {
			/* frames this PDU needs beyond the room left in the open frame */
			need = tx_frames_needed(&fr, max_cells, need);
			if (fr.nf + (fr.wp != NULL) + need > MCM_TX_FRAMES) {
				more = false;  /* the rest goes in the next burst */
				break;
			}
		}
		if (need > 0 && rte_pktmbuf_alloc_bulk(txq->pool, &fr.f[fr.nf + (fr.wp != NULL)],
						       need) != 0) {
			MCM_STAT_ADD(txq->nombuf, 1);
			more = false;
			break;
		}
		if (prepared) {
			/* a PDU mode VC's, completed in place by tx_prepare: header in the
			 * headroom, pad and trailer in the tailroom, its CRC computed with its
			 * neighbours' (a cell mode VC's went to tx_cells_run)
			 */
			const uint8_t *pdu = rte_pktmbuf_mtod(m, const uint8_t *);

			if (unlikely(b->tap)) {
				const struct mcm_iov sdu = { pdu, sdu_len };

				mcm_capture_tap(port, true, *key, vc->encap, &sdu, 1);
			}
			mcm_aal5_seg_init_pdu(&seg, pdu, sdu_len, vc->hdr_word);
		} else {
			niov = 0;
			if (hlen > 0) {
				mcm_vc_hdr_put(llc, vc->encap);
				iov[niov].base = llc;
				iov[niov].len = hlen;
				niov++;
			}
			for (s = m; s != NULL; s = s->next) {
				iov[niov].base = rte_pktmbuf_mtod(s, const void *);
				iov[niov].len = s->data_len;
				niov++;
			}
			mcm_aal5_seg_init(&seg, iov, niov, vc->hdr_word, 0, 0);
			if (unlikely(b->tap))
				mcm_capture_tap(port, true, *key, vc->encap, iov, niov);
		}
		left = seg.cells_left;
		tx_count_sent(txq, &counts, *slot, frame_len, left);
		if (unlikely(pw != NULL)) {
			tx_pdu_frames(port, &seg, pw, &fr.f[fr.nf], need);
			fr.nf += need;
			left = 0;
		}
		while (left > 0) {
			/* the room first: it may open the next frame, which moves fr.wp */
			uint32_t room = tx_frames_room(wq, &fr, hdr_len, max_cells, seq_on);
			uint32_t k = mcm_aal5_seg_emit(&seg, fr.wp, room);

			tx_frames_put(&fr, k);
			left -= k;
		}
		/* its cells are copied out */
		if (likely(prepared))
			b->plain[b->nplain++] = m;
		else
			b->done[b->ndone++] = m;
		*slot = -1;
		i++;
	}
	tx_frames_close_open(&fr, hdr_len);
	tx_flush(wq, fr.f, fr.nf);
	if (unlikely(i < b->prep_first + b->prep_n))
		tx_unprepare(b, pkts, i);
	tx_counts_store(txq, &counts);
	*pi = i;
	return more;
}

uint16_t
mcm_tx_burst(void *q, struct rte_mbuf **pkts, uint16_t nb_pkts)
{
	struct mcm_tx_queue *txq = q;
	struct mcm_port *port = txq->port;
	struct tx_burst_state b;
	uint16_t i = 0;
	uint32_t key = 0;
	int slot = -1;

	b.txq = txq;
	b.ndone = 0;
	b.nplain = 0;
	b.prep_first = 0;
	b.prep_n = 0;
	nb_pkts = RTE_MIN(nb_pkts, MCM_TX_DONE);
	/* queue 0 is also sent on by the control thread (when the lower port has no queue to
	 * spare) and by framework clients: the burst as a whole, its RCU reader id and its
	 * counters are theirs in turn
	 */
	if (txq->shared)
		rte_spinlock_lock(&txq->lock);
	rte_rcu_qsbr_thread_online(port->qsbr, txq->qsbr_id);
	b.macs = __atomic_load_n(&port->macs, __ATOMIC_ACQUIRE);
	b.tap = __atomic_load_n(&port->tap.on, __ATOMIC_ACQUIRE) != 0;
	b.max_sdu = mcm_port_max_sdu(port);
	tx_lookup_all(&b, pkts, nb_pkts);
	while (i < nb_pkts) {
		struct mcm_tx_queue *wq;
		bool more, lock;

		/* a run: the packets up to the next one whose VC another queue owns */
		if (slot < 0) {
			slot = tx_classify(&b, pkts, i, &key);
			if (slot < 0) {
				i++;
				continue;
			}
		}
		wq = tx_owner(port, txq, slot);
		/* with several queues any of them may send on wq's lower queue: a lock a run,
		 * never one a packet (one queue: none, but for queue 0 held above)
		 */
		lock = (port->nb_txq > 1 || wq->shared) && !(wq == txq && txq->shared);
		if (lock)
			rte_spinlock_lock(&wq->lock);
		more = tx_run(&b, wq, pkts, nb_pkts, &i, &key, &slot);
		if (lock)
			mcm_burst_unlock(&wq->lock);
		if (!more)
			break;
	}
	rte_rcu_qsbr_thread_offline(port->qsbr, txq->qsbr_id);
	if (txq->shared)
		mcm_burst_unlock(&txq->lock);
	rte_pktmbuf_free_bulk(b.done, b.ndone);
	tx_free_plain(b.plain, b.nplain);
	return i;
}

bool
mcm_txq_push_pending(struct mcm_port *port)
{
	struct rte_eth_link link;
	bool waiting = false;
	uint16_t q;

	if (!mcm_port_started(port))
		return false;
	/* not into a lower port that has lost its peer: a memif tears its rings down from
	 * the interrupt thread, and a burst then races that (the frames wait for the link)
	 */
	if (rte_eth_link_get_nowait(port->lower_port_id, &link) != 0 ||
	    link.link_status != RTE_ETH_LINK_UP)
		return false;
	for (q = 0; q < port->nb_txq && q < MCM_MAX_QUEUES; q++) {
		struct mcm_tx_queue *txq = port->txq[q];

		/* every send on a queue's lower queue holds its lock when the control thread
		 * may come by: queue 0 always, the others when there are several queues
		 */
		if (txq == NULL || (!txq->shared && port->nb_txq <= 1) ||
		    !rte_spinlock_trylock(&txq->lock))
			continue;
		if (txq->npending > 0)
			tx_retry_pending(txq);
		waiting |= txq->npending > 0;
		rte_spinlock_unlock(&txq->lock);
	}
	return waiting;
}

void
mcm_txq_free(struct mcm_tx_queue *txq)
{
	if (txq == NULL)
		return;
	rte_pktmbuf_free_bulk(txq->pending, txq->npending);
	rte_free(txq->vc_own);
	mcm_chunks_free((void ***)&txq->vc_err, MCM_SLOT_CHUNKS(txq->port->cfg.max_vcs));
	rte_free(txq);
}

int
mcm_txq_vc_init(struct mcm_tx_queue *txq, unsigned int socket)
{
	if (txq->qid == 0)
		return 0;   /* the slot lines' (mcm_txq_vc_attach) */
	txq->vc_own = rte_zmalloc_socket("mcm_txq_vcs",
					 sizeof(*txq->vc_own) * txq->port->cfg.max_vcs,
					 RTE_CACHE_LINE_SIZE, socket);
	if (txq->vc_own == NULL)
		return -ENOMEM;
	txq->vc_stats = (uint8_t *)txq->vc_own;
	txq->vc_stride = sizeof(*txq->vc_own);
	return 0;
}

void
mcm_txq_vc_attach(struct mcm_tx_queue *txq)
{
	struct mcm_port *port = txq->port;

	if (txq->qid != 0)
		return;
	/* what a queue 0 before this one counted there */
	mcm_vc_slots_clear(port, offsetof(struct mcm_vc_slot, tx), sizeof(struct mcm_vc_txstats));
	txq->vc_stats = (uint8_t *)&port->slots[0].tx;
	txq->vc_stride = sizeof(port->slots[0]);
}

void
mcm_txq_forget_slot(struct mcm_tx_queue *txq, uint32_t slot)
{
	struct mcm_vc_txerr *e = mcm_slot_record((void **)txq->vc_err, slot, sizeof(*e), false);

	memset(mcm_txq_vc_stats(txq, slot), 0, sizeof(struct mcm_vc_txstats));
	if (e != NULL)
		memset(e, 0, sizeof(*e));
}
