/* SPDX-License-Identifier: BSD-3-Clause
 * net_mcm internals shared by the driver's files (not an API).
 */
#ifndef MCM_PRIVATE_H
#define MCM_PRIVATE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <ethdev_driver.h>
#include <rte_ether.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_prefetch.h>
#include <rte_rcu_qsbr.h>
#include <rte_ring.h>
#include <rte_spinlock.h>

#include "mcm_aal5.h"
#include "mcm_condis.h"
#include "mcm_rfc2684.h"
#include "rte_pmd_mcm.h"

extern int mcm_logtype;
extern int mcm_sscop_logtype;
extern int mcm_uni_logtype;
#define MCM_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, mcm_logtype, "net_mcm: " fmt "\n", ##__VA_ARGS__)

#define MCM_MAX_QUEUES 16
#define MCM_MAX_MTU 9000   /* the largest MTU offered (jumbo frames) */
#define MCM_DEFAULT_MAX_VCS 1024
/** PW frames in a row from before the expected sequence number that mean a restarted
 * sender (pw_seq_resync=, RFC 4385 4.2) */
#define MCM_PW_SEQ_RESYNC_DEFAULT 16
/* Most VCs a port holds (max_vcs=): 2^20, so that a call id keeps 11 bits of generation
 * above its 20-bit slot and stays a positive 32-bit int (mcm_cm.c).
 */
#define MCM_MAX_VCS (1u << 20)
#define MCM_MAX_PVC_ARGS 64
#define MCM_RX_STASH 1024          /* PDUs completed beyond what one rx burst can return */
#define MCM_RX_PARK_MAX 32         /* application mbufs a queue's partial PDUs may hold */
#define MCM_RX_SPARE_MAX 4096      /* driver buffers for the partial PDUs beyond those */
#define MCM_TX_FRAMES 64           /* PW frames built in one tx burst */
#define MCM_RX_FRESH 16            /* application mbufs an rx burst takes from its pool at once */
#define MCM_TX_PENDING 128         /* PW frames the lower port did not take yet */
#define MCM_NO_VC UINT32_MAX
#define MCM_PW_LABEL_MAX 0xfffff   /* MPLS labels are 20 bits */
/* The ATM-specific byte of the generic control word in AAL5 PDU frame mode (RFC 4717 10.1) */
#define MCM_PW_ATM_M 0x80          /* transport mode: 1, an AAL5 payload (0: a cell) */
#define MCM_PW_ATM_V 0x40          /* VCI present: 0 in this mode */
#define MCM_PW_ATM_U 0x04          /* the frame holds the PDU's last block */
#define MCM_PW_HDR_MAX (RTE_ETHER_HDR_LEN + 8 + 4) /* Ethernet, 2 labels, control word */
#define MCM_PW_HDR_ROOM 32   /* a PW header's buffer: copied whole (one 32-byte move) */
/* the PW sequence number after @p s: RFC 4385 4.1, 0 is not used */
#define CW_SEQ_NEXT(s) ((uint16_t)((s) == 0xffff ? 1 : (s) + 1))
#define MCM_MPLS_ETHERTYPE 0x8847
#define MCM_CW_LEN 4
#define MCM_MAC_TABLE_MAX 4096     /* MAC bindings per port */

/* A counter written by one data-path thread and read by others: a relaxed atomic store of
 * the new value (not a read-modify-write), so readers never see a torn value.
 */
#define MCM_STAT_ADD(c, n) __atomic_store_n(&(c), (c) + (n), __ATOMIC_RELAXED)
#define MCM_STAT_GET(c) __atomic_load_n(&(c), __ATOMIC_RELAXED)

/* The control plane's one clock: CLOCK_MONOTONIC in nanoseconds. */
static inline uint64_t
mcm_monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

enum mcm_role { MCM_ROLE_USER = 0, MCM_ROLE_NETWORK = 1 };

/** Devargs, parsed (mcm_devargs.c). */
struct mcm_config {
	char lower[RTE_ETH_NAME_MAX_LEN];
	enum mcm_role role;
	uint8_t addr[20];
	bool has_addr;
	uint32_t pw_label;
	struct rte_ether_addr peer_mac;
	bool peer_mac_given;                /* else broadcast until the peer is heard */
	uint32_t npvc;
	uint32_t pvc[MCM_MAX_PVC_ARGS];     /* rte_pmd_mcm_vc_t; the first is the default VC */
	uint32_t pvc_label[MCM_MAX_PVC_ARGS]; /* AAL5 SDU/PDU mode label (@sdu:N), 0: cells */
	uint8_t pvc_pdu[MCM_MAX_PVC_ARGS];  /* 1: PDU mode (@pdu:N) */
	enum mcm_encap encap;
	uint32_t max_cells;                 /* 0: as many as the lower MTU allows */
	bool sig;
	uint32_t max_vcs;
	uint32_t lower_mtu;                 /* the lower port's MTU; 0: its driver's default */
	uint32_t hash_vc, hash_count;       /* bind_hash=: the first VC and how many; 0: none */
	uint32_t pw_timeout_ms;             /* pw_timeout=: no PW frame this long, the PW is
					     * lost; 0: not watched */
	bool pw_timeout_given;
	uint16_t pw_seq_resync;             /* pw_seq_resync=: PW frames in a row from before
					     * the expected sequence number that mean the
					     * sender restarted its numbering (RFC 4385 4.2) */
};

/* pw_timeout= when not given, signalling on: above the peer's SSCOP Timer_IDLE (15 s) after
 * which it polls, with room for its Timer_KEEP-ALIVE polls and a late frame
 */
#define MCM_PW_TIMEOUT_SIG_MS 20000

int mcm_devargs_parse(const char *args, struct mcm_config *cfg);

/** What the data path knows of a VC slot (published before the VC is mapped): 8 bytes, so
 * that a port of 1M VCs keeps its per-VC state small (doc/performance.md, "Many VCs").
 */
struct mcm_vc_rt {
	uint32_t hdr_word;   /* cell header (VPI/VCI), AUU clear */
	uint8_t encap;       /* enum mcm_encap */
	uint8_t active;      /* sending allowed */
	uint8_t hlen;        /* its RFC 2684 header's length */
	uint8_t pw_mode;     /* enum mcm_vc_pw_mode; its PW record in port->vc_pw when not cells */
};

/* The public encapsulations are lib/atm's, numbered alike (but RTE_PMD_MCM_ENCAP_PORT). */
_Static_assert(RTE_PMD_MCM_ENCAP_LLC == (int)MCM_ENCAP_LLC_BRIDGED &&
	       RTE_PMD_MCM_ENCAP_VCMUX == (int)MCM_ENCAP_VCMUX_BRIDGED &&
	       RTE_PMD_MCM_ENCAP_LLC_ROUTED == (int)MCM_ENCAP_LLC_ROUTED &&
	       RTE_PMD_MCM_ENCAP_VCMUX_ROUTED == (int)MCM_ENCAP_VCMUX_ROUTED,
	       "enum rte_pmd_mcm_encap numbers enum mcm_encap's");

/** Whether a VC of encapsulation @p e (enum mcm_encap) carries raw SDUs (routed) rather than
 * Ethernet frames (bridged): the application's mbufs hold the CPCS-SDU whole, marked raw.
 */
static inline bool
mcm_encap_routed(uint8_t e)
{
	return e == MCM_ENCAP_LLC_ROUTED || e == MCM_ENCAP_VCMUX_ROUTED;
}

/* The RFC 2684 header the driver puts in front of a frame of a VC of @p encap, at @p p: a
 * bridged VC's (a routed VC's raw SDU carries its own, so nothing).
 */
static inline void
mcm_vc_hdr_put(uint8_t *p, uint8_t encap)
{
	switch (encap) {
	case MCM_ENCAP_LLC_BRIDGED:
	case MCM_ENCAP_VCMUX_BRIDGED:
		mcm_rfc2684_hdr_put(p, (enum mcm_encap)encap, 0);
		break;
	default:
		break;
	}
}

enum mcm_vc_pw_mode {
	MCM_VC_PW_CELLS = 0, /* N:1 cells on the port's pseudowire */
	MCM_VC_PW_SDU,       /* AAL5 CPCS-SDU mode (RFC 4717 9), a pseudowire of its own */
	MCM_VC_PW_PDU,       /* AAL5 PDU frame mode (RFC 4717 10), a pseudowire of its own */
};

/** The pseudowire of an AAL5 SDU or PDU mode VC, apart from the cell VCs' 8-byte record. */
struct mcm_vc_pw {
	uint32_t lse;        /* its PW label stack entry (network order) */
	uint16_t max;        /* SDU mode: the largest CPCS-SDU a PW frame carries; PDU mode:
			      * the largest CPCS-PDU fragment (a multiple of 48)
			      */
};

/* Per-VC counters a queue writes on every frame (hot), apart from the error counters, which
 * are made on the first error of a VC among MCM_SLOT_CHUNK (mcm_slot_record): an idle VC
 * costs 24 bytes a queue here.
 */
struct mcm_vc_txstats {
	uint64_t cells, pdus, bytes;
};

struct mcm_vc_txerr {
	uint64_t drops;
};

struct mcm_vc_rxstats {
	uint64_t cells, pdus, bytes;
};

struct mcm_vc_rxerr {
	uint64_t crc, len, oversize, aborts, encap, nombuf;
};

/**
 * One VC slot's hot data-path state in one cache line: its record, and the counters and
 * reassembly index of queue pair 0. With many VCs each of these is a cache miss a frame when
 * apart (doc/performance.md, "Many VCs"); a further queue's are in arrays of its own
 * (struct mcm_vc_rxq_state, struct mcm_vc_txstats).
 */
struct mcm_vc_slot {
	struct mcm_vc_rt rt;
	struct mcm_vc_txstats tx;    /* TX queue 0's */
	struct mcm_vc_rxstats rx;    /* RX queue 0's */
	uint16_t reasm;              /* RX queue 0's reassembly of the VC, MCM_REASM_* */
} __rte_cache_aligned;

_Static_assert(offsetof(struct mcm_vc_slot, reasm) + sizeof(uint16_t) <= 64,
	       "a VC slot's hot state fits a 64-byte line");

/** What an RX queue other than 0 keeps of a VC slot: its counters and reassembly index. */
struct mcm_vc_rxq_state {
	struct mcm_vc_rxstats st;
	uint16_t reasm;
};

/* A reassembly in progress: a queue holds at most MCM_RX_PARK_MAX + MCM_RX_SPARE_MAX (each
 * holds a buffer), so they come from a per-queue pool, and a VC holds 2 bytes: its entry's
 * index (MCM_REASM_NONE, MCM_REASM_SKIP or 1..pool size).
 */
#define MCM_REASM_NONE 0
#define MCM_REASM_SKIP UINT16_MAX   /* no buffer for this PDU: drop its cells up to the last */
#define MCM_REASM_POOL (MCM_RX_PARK_MAX + MCM_RX_SPARE_MAX)

struct mcm_reasm_slot {
	struct mcm_aal5_reasm r;
	struct rte_mbuf *m;  /* the application's mbuf r.buf points into, or NULL */
	uint8_t *spare;      /* else the driver's buffer it points into (copied when done) */
};

/* A reassembled PDU waiting for its CRC check, done for several at once (mcm_rx.c). */
struct mcm_rx_done {
	struct rte_mbuf *m;  /* holds the PDU from its data offset */
	uint32_t pdu_len;
	uint32_t key;        /* rte_pmd_mcm_vc_t */
	int32_t slot;
};

struct mcm_port;

struct mcm_rx_queue {
	struct mcm_port *port;
	rte_spinlock_t lock;             /* taken once a burst: the control thread polls the
					  * queue while the application does not */
	uint64_t polls;                  /* bursts run by the application */
	uint64_t hint_until;             /* look ahead (mcm_rx.c, rx_hint) up to this poll */
	uint16_t qid;
	uint32_t qsbr_id;
	struct rte_mempool *mp;
	uint32_t buf_room;               /* data room of mp's mbufs after headroom */
	uint8_t *linear;                 /* a chained PW frame made contiguous */
	uint32_t linear_len;
	/* a VC slot's counters and reassembly index (mcm_rxq_vc_stats, mcm_rxq_reasm_idx):
	 * queue 0's in the slot's line (struct mcm_vc_slot), another's in vc_own
	 */
	uint8_t *vc_stats;
	uint8_t *reasm_idx;
	uint32_t vc_stride;              /* bytes from one slot's to the next */
	struct mcm_vc_rxq_state *vc_own; /* [max_vcs], queues but 0; NULL for queue 0 */
	struct mcm_reasm_slot *reasm;    /* [reasm_n + 1], 0 unused: reassemblies in progress */
	uint16_t *reasm_free;            /* [reasm_n]: the free ones' indices (a stack) */
	uint16_t reasm_n, nreasm_free;
	struct mcm_vc_rxerr **vc_err;    /* chunks of MCM_SLOT_CHUNK, made on a first error */
	uint16_t expected_seq;           /* next PW sequence number, 0: none seen */
	uint16_t seq_behind;             /* out-of-order frames in a row */
	bool tap;                        /* a capture runs: copy SDUs (read once a burst) */
	uint32_t pdu_cap;                /* the largest PDU a reassembly takes (a burst's) */
	uint32_t peer_heard;             /* set (release) once peer_src holds a PW source */
	struct rte_ether_addr peer_src;
	uint16_t stash_head, stash_count;
	uint16_t stash_max;              /* at most the queue's descriptors, MCM_RX_STASH */
	uint16_t parked;                 /* application mbufs held by partial PDUs */
	uint32_t nspare_free, nspare_made;
	uint8_t **spare_free;            /* [MCM_RX_SPARE_MAX], made on first use */
	struct rte_mbuf *stash[MCM_RX_STASH];
	uint16_t nfresh;                 /* mbufs in fresh[]: taken from mp in bulk for the
					  * PDUs a burst starts, the rest put back at its end */
	struct rte_mbuf *fresh[MCM_RX_FRESH];
	uint16_t ndone;                  /* PDUs in done[], checked before the burst returns */
	struct mcm_rx_done done[MCM_AAL5_BATCH];
	/* port-level counters */
	uint64_t pkts, bytes, frames, bad_frames, cells, unknown_vc_cells, oam_cells;
	uint64_t foreign_frames;         /* not PW frames of ours: not errors */
	uint64_t out_of_order;           /* PW frames from before the expected sequence */
	uint64_t reserved_cells, aal5_errors, encap_errors, nombuf, seq_errors;
	uint64_t missed;                 /* frames for a queue nobody polled, stash full */
	uint64_t handoff_drops;          /* control frames the control thread had no room for */
};

struct mcm_tx_queue {
	struct mcm_port *port;
	rte_spinlock_t lock;             /* only when shared with the control thread */
	bool shared;                     /* the lower port had no queue to spare */
	uint16_t qid;
	uint32_t qsbr_id;
	struct rte_mempool *pool;        /* PW frames */
	/* a VC slot's counters (mcm_txq_vc_stats): queue 0's in the slot's line, another's
	 * in vc_own
	 */
	uint8_t *vc_stats;
	uint32_t vc_stride;
	struct mcm_vc_txstats *vc_own;   /* [max_vcs], queues but 0; NULL for queue 0 */
	struct mcm_vc_txerr **vc_err;    /* chunks of MCM_SLOT_CHUNK, made on a first drop */
	uint16_t seq;                    /* last PW sequence number sent */
	uint16_t npending;
	struct rte_mbuf *pending[MCM_TX_PENDING];
	uint64_t pkts, bytes, frames, cells, no_vc, inactive, too_big, nombuf;
	uint64_t encap_drops;            /* frames not of their VC's kind (rte_pmd_mcm_encap) */
};

/** MAC -> VC bindings, replaced whole under RCU (mcm_vc.c). */
struct mcm_mac_table {
	uint32_t mask;
	uint32_t count;
	struct {
		uint64_t mac;   /* 48-bit MAC | 1 << 63 when used */
		uint32_t vc;
	} e[];
};

#define MCM_XSTATS_MAX 48

/** Port counters: at the last reset (the base), or of queues already released. */
struct mcm_stats_base {
	uint64_t ipackets, ibytes, ierrors, imissed, rx_nombuf, opackets, obytes, oerrors;
	uint64_t q_ipackets[MCM_MAX_QUEUES], q_ibytes[MCM_MAX_QUEUES];
	uint64_t q_opackets[MCM_MAX_QUEUES], q_obytes[MCM_MAX_QUEUES];
	uint64_t x[MCM_XSTATS_MAX];              /* the extended stats, in their order */
};

struct mcm_cmd;
struct mcm_sig;
struct mcm_cm;
struct mcm_capture;
struct mcm_oam_pings;

/** A signalling PDU waiting for the lower port (mcm_lower.c). */
struct mcm_sig_held {
	uint64_t at_ns;
	uint16_t vpi, vci;
	size_t len;
	uint8_t sdu[];
};

/** Signalling PDUs held while the lower port is reconfigured or its link is down. */
struct mcm_sig_backlog {
	struct mcm_sig_held *pdu[16];
	uint32_t head, n;
};

/** The control thread's own counters (written by it only). */
struct mcm_ctrl_stats {
	uint64_t sig_pdus_in, sig_pdus_out, sig_cells_in, sig_cells_out;
	uint64_t sig_aal5_errors;       /* signalling PDUs that failed reassembly */
	uint64_t sig_tx_drops;          /* signalling frames the lower port did not take */
	uint64_t sig_held;              /* PDUs held for a lower port down for a moment */
	uint64_t ctrl_frames;           /* PW frames handled by the control thread */
	uint64_t other_reserved_cells;  /* ILMI and other reserved VCIs: not served */
	uint64_t oam_cells;
	/* I.610 OAM (mcm_oam.c), written with MCM_STAT_ADD: read by xstats */
	uint64_t oam_lb_answered;       /* loopback cells returned */
	uint64_t oam_lb_replies;        /* loopback cells with the indication 0: replies */
	uint64_t oam_lb_not_ours;       /* loopback for another location, or an unknown VC */
	uint64_t oam_fm_in;             /* AIS, RDI, continuity check (mcm_oam_fault.c) */
	uint64_t oam_errors;            /* CRC-10 errors, unknown types and functions */
	uint64_t oam_tx_drops;          /* answers the lower port could not take */
	/* originating loopback (mcm_oam_ping.c) */
	uint64_t oam_pings_sent;        /* loopback cells sent by rte_pmd_mcm_oam_loopback */
	uint64_t oam_pings_answered;    /* their replies, in time */
	uint64_t oam_pings_timeout;     /* pings with no reply in time */
	uint64_t oam_lb_replies_unmatched; /* replies no outstanding ping waits for */
	uint64_t cm_events_lost;        /* call-manager events a client's full queue refused
					 * (MCM_STAT_ADD: read by xstats) */
	uint64_t oam_fm_out;            /* RDI and CC cells sent (mcm_oam_fault.c) */
	uint64_t oam_pw_lost;           /* times the pseudowire was declared lost */
	uint64_t wakeups;
};

/** I.610 fault state of one VC, kept by the control thread (mcm_oam_fault.c). */
struct mcm_vc_fault {
	uint8_t used;             /* made for the VC in the slot now (else: up, no defect) */
	uint8_t defects;          /* RTE_PMD_MCM_OAM_* now */
	uint8_t cause;            /* enum rte_pmd_mcm_vc_down_cause now */
	uint8_t told_up, told_defects, told_cause; /* as last indicated to the owner */
	uint8_t cc;               /* continuity check on */
	uint8_t ais_rx;           /* AIS state entered by AIS cells (not by the path) */
	uint8_t rdi_rx;           /* RDI cells coming */
	uint8_t rdi_pti;          /* the flow (PTI 4/5) RDI goes back on */
	uint64_t ais_ns, rdi_ns;  /* last AIS, RDI cell in */
	uint64_t rdi_tx_ns;       /* next RDI out while in AIS or LOC state */
	uint64_t rx_ns, tx_ns;    /* last user or CC cell in; last user or CC cell out */
	uint64_t rx_count, tx_count; /* the data path's counters of the VC at the last look */
};

/** I.610 state of the port's path (mcm_oam_fault.c). */
struct mcm_fault_port {
	bool link_down;           /* the lower link, as last seen */
	bool pw_lost;             /* no PW frame for pw_timeout= */
	uint64_t frames;          /* PW frames received (all queues) at the last look */
	uint64_t frames_ns;       /* when that count last moved */
	uint64_t next_ns;         /* next scan of the VCs */
	uint32_t watched;         /* VCs with a defect or a continuity check on */
};

/** Most VCs a capture names (none: all of them). */
#define MCM_CAPTURE_MAX_VCS 8

/**
 * The data path's side of a capture (mcm_capture.c): the queues copy each SDU of a captured
 * data VC into a ring, and the control thread writes the copies to the file. A queue reads
 * @c on once a burst, inside its RCU read side, so stopping waits for bursts that saw it set.
 */
struct mcm_cap_tap {
	uint32_t on;
	uint32_t nvcs;                           /* 0: every data VC */
	uint32_t vcs[MCM_CAPTURE_MAX_VCS];       /* rte_pmd_mcm_vc_t */
	struct rte_ring *ring;                   /* copies: queues in, the control thread out */
	struct rte_mempool *pool;
	uint64_t dropped;                        /* copies lost to a full pool or ring */
};

struct mcm_port {
	uint16_t port_id;
	uint16_t lower_port_id;
	struct rte_eth_dev *dev;
	struct mcm_config cfg;
	struct rte_eth_dev_owner owner;
	bool owns_lower;

	/* read by the data path */
	struct mcm_vci_dir *vpi_map[MCM_ATM_VPI_MAX + 1]; /* per VPI: its VCIs' directory
							   * (mcm_vc_lookup), made with the
							   * VPI's first VC */
	uint32_t **label_map;                    /* AAL5 SDU/PDU mode: a map of PW labels,
						  * made with the first such VC */
	struct mcm_vc_slot *slots;               /* [max_vcs]: records, queue 0's counters */
	struct mcm_vc_pw **vc_pw;                /* chunks of MCM_SLOT_CHUNK slots' PW records,
						  * made when an SDU or PDU mode VC among
						  * them is published (mcm_vc_pw_of)
						  */
	struct rte_pmd_mcm_vc_oam_stats **vc_oam; /* chunks of MCM_SLOT_CHUNK slots' OAM
						   * counters, made with the first OAM cell
						   * of a VC in them (mcm_vc_oam); the
						   * control thread writes them
						   * (MCM_STAT_ADD), mcm_oam.c */
	struct mcm_vc_fault **vc_fault;          /* chunks of MCM_SLOT_CHUNK slots' I.610
						  * fault records, made when a VC in them
						  * first needs one (mcm_vc_fault); the
						  * control thread's (mcm_oam_fault.c) */
	struct mcm_mac_table *macs;              /* RCU-published */
	uint32_t default_vc;                     /* rte_pmd_mcm_vc_t or MCM_NO_VC */
	uint64_t hash_bind;                      /* flows over VCs: the first VC (rte_pmd_mcm_vc_t)
						  * << 32 | how many; 0: no hash binding */
	struct rte_rcu_qsbr *qsbr;
	const uint8_t *pw_hdr;                   /* Ethernet + PW label, before the CW: one of
						  * pw_hdrs, swapped whole when the peer's MAC
						  * is learned (RCU) */
	uint8_t pw_hdrs[2][MCM_PW_HDR_ROOM];   /* MCM_PW_HDR_MAX used, the rest 0 */
	bool peer_known;                         /* peer_mac given, or learned (atomic) */
	uint16_t pw_hdr_len;
	uint32_t max_cells;                      /* cells per PW frame */
	uint32_t max_sdu;                        /* largest AAL5 SDU (atomic) */
	uint16_t mtu;                            /* (atomic: mcm_port_mtu) */
	struct rte_ether_addr lower_mac;         /* source of PW frames */
	bool started;                            /* (atomic: mcm_port_started) */
	bool closed;

	/* control plane */
	struct mcm_condis *reg;
	pthread_mutex_t lock;                    /* queues, registry and tables vs. readers */
	struct rte_ring *cmd_ring;
	int evfd;
	pthread_t ctrl_tid;
	bool ctrl_running;
	bool ctrl_stop;                          /* asks the control thread to end */
	bool ctrl_awake;                         /* not in ppoll(): it looks at its rings
						  * before it sleeps, so no eventfd write */
	uint16_t nb_rxq, nb_txq;
	struct mcm_rx_queue *rxq[MCM_MAX_QUEUES];
	struct mcm_tx_queue *txq[MCM_MAX_QUEUES];
	struct mcm_stats_base base;              /* values at the last stats reset */
	struct mcm_stats_base retired;           /* counts of queues released since probe */

	/* the control thread's I/O on the lower port (mcm_lower.c) */
	bool lower_running;                      /* started, by us */
	bool lower_ctl_intr;                     /* its calls on EAL's interrupt thread */
	bool lower_shared_queue;                 /* no control queue pair on it */
	uint64_t lower_start_ns;                 /* the control thread starts it then; 0: not */
	int ctrl_rxq, ctrl_txq;                  /* dedicated lower queues; -1: none */
	struct rte_mempool *ctrl_pool;           /* control rx buffers and tx frames */
	struct rte_ring *handoff;                /* PW frames with control cells, from rx */
	uint64_t polls_seen[MCM_MAX_QUEUES];     /* rxq->polls at the last control poll */
	uint64_t app_polled_ns[MCM_MAX_QUEUES];  /* when a new application burst was seen */
	uint64_t sig_moved_ns;                   /* last signalling PDU in or out */
	uint64_t sd_moved_ns;                    /* last SSCOP SD (a Q.2931 message) in or
						  * out: calls are moving, busy-poll */
	uint64_t spin_off_ns;                    /* no busy-poll before: its CPU is busy */
	uint64_t spin_off_len;                   /* the last such pause (doubles, up to 1 s) */
	bool ctrl_spinning;                      /* busy-polling: requesters spin too */
	uint64_t frames_seen_ns;                 /* last control poll that found frames */
	uint64_t oam_lb_seen_ns;                 /* last loopback cell to answer (mcm_oam.c) */
	uint64_t link_check_ns;                  /* next check of the lower link */
	bool tx_waiting;                         /* a TX queue holds frames not sent yet */
	struct mcm_sig_backlog sig_backlog;
	struct mcm_aal5_reasm sig_reasm;         /* VC 0/5 */
	uint8_t *sig_buf;
	uint8_t *ctrl_linear;                    /* a chained PW frame made contiguous */
	struct mcm_ctrl_stats cstats;
	uint64_t now_ns;                         /* CLOCK_MONOTONIC of the current step */

	/* the call manager (mcm_cm.c): signalling entity and calls */
	struct mcm_sig *sig;
	struct mcm_cm *cm;
	struct mcm_capture *capture;             /* capture to a pcap file (mcm_capture.c) */
	struct mcm_cap_tap tap;                  /* its data-VC side */
	struct mcm_oam_pings *pings;             /* outstanding OAM pings (mcm_oam_ping.c) */

	/* a range delete (mcm_vc_pvc_del_range): slots unpublished, to be released after one
	 * grace period for all of them; NULL otherwise
	 */
	uint32_t *unpub_slots;
	uint32_t nunpub;
	struct mcm_fault_port fault;             /* I.610 path state (mcm_oam_fault.c) */
};

/* The port's started flag: set by the application (dev_start, dev_stop, close), read by the
 * control thread too (its link check, OAM, TX pushes).
 */
static inline bool
mcm_port_started(const struct mcm_port *port)
{
	return __atomic_load_n(&port->started, __ATOMIC_ACQUIRE);
}

static inline void
mcm_port_started_set(struct mcm_port *port, bool started)
{
	__atomic_store_n(&port->started, started, __ATOMIC_RELEASE);
}

/* Whether the peer's MAC is known (given, or learned by the control thread from its PW
 * frames): the bursts read it too.
 */
static inline bool
mcm_port_peer_known(const struct mcm_port *port)
{
	return __atomic_load_n(&port->peer_known, __ATOMIC_RELAXED);
}

/* The largest AAL5 SDU the port's MTU allows: the application may set the MTU while the
 * control thread and the bursts read it.
 */
static inline uint32_t
mcm_port_max_sdu(const struct mcm_port *port)
{
	return __atomic_load_n(&port->max_sdu, __ATOMIC_RELAXED);
}

/* The port's MTU (rte_eth_dev_set_mtu), for threads other than the application's. */
static inline uint16_t
mcm_port_mtu(const struct mcm_port *port)
{
	return __atomic_load_n(&port->mtu, __ATOMIC_RELAXED);
}

/* Whether the port's own link is up as ethdev last recorded it (rte_eth_linkstatus_set,
 * from the application's link query or the control thread's link check): read whole, as
 * the two may record it at once.
 */
static inline bool
mcm_port_link_recorded_up(const struct mcm_port *port)
{
	struct rte_eth_link link;

	rte_eth_linkstatus_get(port->dev, &link);
	return link.link_status == RTE_ETH_LINK_UP;
}

/* mcm_dynfield.c */
extern int mcm_dynfield_offset;
extern uint64_t mcm_dynflag_vc;
extern uint64_t mcm_dynflag_raw;

/* mcm_ethdev.c */
struct mcm_port *mcm_port_get(uint16_t port_id);
struct mcm_port *mcm_port_by_name(const char *name_or_id);
void mcm_port_link_get(struct mcm_port *port, struct rte_eth_link *link);
void mcm_build_pw_hdr(struct mcm_port *port, unsigned int idx, const struct rte_ether_addr *dst);
bool mcm_port_link_sync(struct mcm_port *port);
void mcm_port_lsc_event(struct mcm_port *port);
uint64_t mcm_port_xstat(struct mcm_port *port, const char *name, bool since_reset);
uint64_t mcm_port_total(struct mcm_port *port, const char *name);
/** What a secondary process may run on a port (mcm_secondary.c sets it). */
extern const struct eth_dev_ops mcm_secondary_ops;
/**
 * Whether the lower port exists in this process (always in the primary; in a secondary,
 * when its driver attached it).
 * @param port the mcm port
 * @return true when the lower port's ethdev calls can be made here
 */
bool mcm_lower_attached(const struct mcm_port *port);

/* mcm_secondary.c */
struct rte_vdev_device;
/**
 * Probe in a secondary process: attach to the primary's port of the same name.
 * @param vdev the vdev the bus probes
 * @return 0, or -ENODEV when the primary has no such port
 */
int mcm_secondary_probe(struct rte_vdev_device *vdev);

/* mcm_vc.c: VC table and bindings; called on the control thread (or at probe/close) */
int mcm_vc_table_init(struct mcm_port *port);
void mcm_vc_table_free(struct mcm_port *port);
/* Bytes @p off .. @p off + @p len - 1 of every slot line (struct mcm_vc_slot) to zero: queue
 * pair 0's state there when a new queue 0 takes it over.
 */
void mcm_vc_slots_clear(struct mcm_port *port, size_t off, size_t len);
/* @p label: the VC's own PW label (RFC 4717 AAL5 CPCS-SDU mode, or PDU mode if @p pdu),
 * 0: N:1 cell mode
 */
int mcm_vc_pvc_add(struct mcm_port *port, uint16_t vpi, uint16_t vci, enum mcm_encap encap,
		   uint32_t label, bool pdu);
int mcm_vc_pvc_del(struct mcm_port *port, uint16_t vpi, uint16_t vci);
/* PVCs @p from .. @p from + @p count - 1 of the range from @p vpi/@p vci, numbered as
 * mcm_hash_vc(): all or none
 */
int mcm_vc_pvc_add_range(struct mcm_port *port, uint16_t vpi, uint16_t vci, uint32_t from,
			 uint32_t count, enum mcm_encap encap);
/* the same deleted with one RCU grace period; -ENOENT if some were missing */
int mcm_vc_pvc_del_range(struct mcm_port *port, uint16_t vpi, uint16_t vci, uint32_t from,
			 uint32_t count);
int mcm_vc_publish(struct mcm_port *port, uint32_t slot, const struct mcm_condis_media *m);
/* Slots' cold records (OAM counters, fault records, error counters, SDU mode PW records)
 * come 1,024 at a time, when a VC among them first needs one: an idle VC costs none.
 */
#define MCM_SLOT_CHUNK_BITS 10
#define MCM_SLOT_CHUNK (1u << MCM_SLOT_CHUNK_BITS)
/* The slots of a port's max_vcs in chunks */
#define MCM_SLOT_CHUNKS(max_vcs) (((max_vcs) + MCM_SLOT_CHUNK - 1) >> MCM_SLOT_CHUNK_BITS)
/**
 * The record of @p slot in a directory of chunks of MCM_SLOT_CHUNK records of @p size bytes.
 * @param dir the directory: MCM_SLOT_CHUNKS(max_vcs) pointers
 * @param slot the VC's slot
 * @param size one record's size
 * @param make make the chunk (zeroed) when it is missing; any thread may, at once
 * @return the record; NULL when there is no chunk (all its records are 0) or no memory
 */
void *mcm_slot_record(void **dir, uint32_t slot, size_t size, bool make);
/* At close, when no reader is left: a directory of @p nchunks chunks (a VC map's, or slot
 * records') and its chunks.
 */
void mcm_chunks_free(void ***dir, uint32_t nchunks);

/* The OAM counters of @p slot; NULL when none were made (they are all 0), or, with @p make,
 * when there is no memory for them. Under port->lock.
 */
struct rte_pmd_mcm_vc_oam_stats *mcm_vc_oam(struct mcm_port *port, uint32_t slot, bool make);
/* The I.610 fault record of @p slot, its chunk made when @p make; NULL: no chunk (no VC
 * among them needed a record yet, or no memory). Its @c used says whether it is the current
 * VC's.
 */
struct mcm_vc_fault *mcm_vc_fault(struct mcm_port *port, uint32_t slot, bool make);
int mcm_vc_unpublish(struct mcm_port *port, uint32_t slot);
/* The slot PVC @p vpi/@p vci should take to keep its VCI chunk affine (mcm_vci_dir), or -1:
 * the registry gives it that slot when it is free (lib/condis pvc_slot_hint).
 */
int mcm_vc_slot_hint(const struct mcm_port *port, uint16_t vpi, uint16_t vci);
uint16_t mcm_vc_send_slot(struct mcm_port *port, uint32_t slot, struct rte_mbuf **pkts,
			  uint16_t n);
int mcm_vc_bind_default(struct mcm_port *port, uint16_t vpi, uint16_t vci);
int mcm_vc_bind_hash(struct mcm_port *port, uint16_t vpi, uint16_t vci, uint32_t count);
int mcm_vc_bind_mac(struct mcm_port *port, const struct rte_ether_addr *mac, uint16_t vpi,
		    uint16_t vci);
int mcm_vc_unbind_mac(struct mcm_port *port, const struct rte_ether_addr *mac);
void mcm_vc_synchronize(struct mcm_port *port);
uint32_t mcm_vc_mac_bindings(struct mcm_port *port, uint32_t vc);
void mcm_vc_stats_sum(struct mcm_port *port, uint32_t slot, struct rte_pmd_mcm_vc_stats *st);
void mcm_vc_info_fill(struct mcm_port *port, uint32_t slot, struct rte_pmd_mcm_vc_info *info);

/*
 * The VCI and label maps: key -> slot + 1 (0: none), in chunks of 4,096 entries that are made
 * when a key in them is first set and kept until the port closes, so that memory grows with
 * the VCs in use (16 KiB a chunk), not with the key space. A directory points to the chunks.
 * Entries are 32-bit: slots go up to MCM_MAX_VCS - 1.
 */
#define MCM_MAP_CHUNK_BITS 12
#define MCM_MAP_CHUNK (1u << MCM_MAP_CHUNK_BITS)
#define MCM_VCI_CHUNKS ((MCM_ATM_VCI_MAX + 1) >> MCM_MAP_CHUNK_BITS)
#define MCM_LABEL_CHUNKS ((MCM_PW_LABEL_MAX + 1) >> MCM_MAP_CHUNK_BITS)

/*
 * A VPI's VCI directory: for each 4,096 VCIs, 0 (no VC among them), a map chunk as above, or,
 * while every VC among them sits in slot base + (VCI & 4095), that base alone, tagged
 * MCM_VCI_AFFINE (mcm_vci_affine). VCs added as a range (rte_pmd_mcm_pvc_add_range) or one by
 * one in slot order are laid out so: they take no map memory, and a lookup goes from the
 * directory straight to the slot, which is theirs if it is active and holds their VC
 * (mcm_vc_slot_holds). The first VC that breaks the rule turns the chunk into a map (mcm_vc.c,
 * vci_map_set); a chunk with no VC left takes the base of the next.
 */
#define MCM_VCI_AFFINE ((uintptr_t)1)

struct mcm_vci_dir {
	uintptr_t chunk[MCM_VCI_CHUNKS];  /* read by the data path */
	uint16_t nvcs[MCM_VCI_CHUNKS];    /* VCs mapped in each (control thread) */
};

/* The directory entry of a chunk whose VCI offset @p off sits in slot @p slot. */
static inline uintptr_t
mcm_vci_affine(uint32_t slot, uint32_t off)
{
	/* base = slot - off >= -4095: kept as base + 4096, above 0 */
	return (uintptr_t)(slot - off + MCM_MAP_CHUNK) << 1 | MCM_VCI_AFFINE;
}

/* The slot an affine directory entry @p e gives VCI offset @p off: >= max_vcs (wrapped below
 * 0 included) when there is none.
 */
static inline uint32_t
mcm_vci_affine_slot(uintptr_t e, uint32_t off)
{
	return (uint32_t)(e >> 1) + off - MCM_MAP_CHUNK;
}

/*
 * Release a queue's lock at the end of a burst: a store with release order, all a spinlock's
 * release needs (C11 7.17.3). rte_spinlock_unlock() is an xchg on x86, a full barrier that
 * waits for every store of the burst (cells and PDUs written to fresh buffers) to reach the
 * cache first; this lets them drain while the burst frees its mbufs.
 */
static inline void
mcm_burst_unlock(rte_spinlock_t *sl)
{
	__atomic_store_n(&sl->locked, 0, __ATOMIC_RELEASE);
}

/* The slot @p key maps to in the directory @p dir (its chunks cover @p key), or -1. */
static inline int
mcm_map_get(uint32_t *const *dir, uint32_t key)
{
	const uint32_t *chunk = __atomic_load_n(&dir[key >> MCM_MAP_CHUNK_BITS],
						__ATOMIC_ACQUIRE);

	if (chunk == NULL)
		return -1;
	return (int)__atomic_load_n(&chunk[key & (MCM_MAP_CHUNK - 1)], __ATOMIC_ACQUIRE) - 1;
}

/** The length of a full N:1 PW frame of @p port: its PW header, the CW, max_cells cells. */
static inline uint32_t
mcm_pw_frame_len(const struct mcm_port *port)
{
	return port->pw_hdr_len + MCM_CW_LEN + port->max_cells * MCM_ATM_CELL_LEN;
}

/** The record of VC slot @p slot of @p port. */
static inline struct mcm_vc_rt *
mcm_vc_rt(const struct mcm_port *port, uint32_t slot)
{
	return &port->slots[slot].rt;
}

/* Whether slot @p slot holds VC @p key (rte_pmd_mcm_vc_t) now: how the slot an affine VCI
 * chunk gives a VC (mcm_vci_dir) is checked before it is used. A VC is active in one slot at
 * most.
 */
static inline bool
mcm_vc_slot_holds(const struct mcm_port *port, uint32_t slot, uint32_t key)
{
	const struct mcm_vc_rt *rt = mcm_vc_rt(port, slot);

	return __atomic_load_n(&rt->active, __ATOMIC_ACQUIRE) && rt->hdr_word >> 4 == key;
}

/** RX queue @p rxq's counters of VC slot @p slot. */
static inline struct mcm_vc_rxstats *
mcm_rxq_vc_stats(const struct mcm_rx_queue *rxq, uint32_t slot)
{
	return (struct mcm_vc_rxstats *)(rxq->vc_stats + (size_t)slot * rxq->vc_stride);
}

/** RX queue @p rxq's reassembly index of VC slot @p slot (MCM_REASM_*). */
static inline uint16_t *
mcm_rxq_reasm_idx(const struct mcm_rx_queue *rxq, uint32_t slot)
{
	return (uint16_t *)(rxq->reasm_idx + (size_t)slot * rxq->vc_stride);
}

/** TX queue @p txq's counters of VC slot @p slot. */
static inline struct mcm_vc_txstats *
mcm_txq_vc_stats(const struct mcm_tx_queue *txq, uint32_t slot)
{
	return (struct mcm_vc_txstats *)(txq->vc_stats + (size_t)slot * txq->vc_stride);
}

/* The directory entry that covers @p vpi/@p vci (mcm_vci_dir), 0 when there is none. */
static inline uintptr_t
mcm_vci_entry(const struct mcm_port *port, uint16_t vpi, uint16_t vci)
{
	const struct mcm_vci_dir *dir;

	if (unlikely(vpi > MCM_ATM_VPI_MAX))
		return 0;
	dir = __atomic_load_n(&port->vpi_map[vpi], __ATOMIC_ACQUIRE);
	return dir == NULL ? 0 :
	       __atomic_load_n(&dir->chunk[vci >> MCM_MAP_CHUNK_BITS], __ATOMIC_ACQUIRE);
}

/** Data-path lookup of a VC slot: the VPI's directory, then its slot (affine chunk) or its
 * map entry (mcm_vci_dir); dependent loads, no locks.
 */
static inline int
mcm_vc_lookup(const struct mcm_port *port, uint16_t vpi, uint16_t vci)
{
	const uint32_t off = vci & (MCM_MAP_CHUNK - 1);
	const uintptr_t e = mcm_vci_entry(port, vpi, vci);

	if (e & MCM_VCI_AFFINE) {
		uint32_t slot = mcm_vci_affine_slot(e, off);

		return slot < port->cfg.max_vcs &&
		       mcm_vc_slot_holds(port, slot, (uint32_t)vpi << 16 | vci) ? (int)slot : -1;
	}
	if (e == 0)
		return -1;
	return (int)__atomic_load_n(&((const uint32_t *)e)[off], __ATOMIC_ACQUIRE) - 1;
}

#define MCM_VC_PROBE_MAP (-2)   /* mcm_vc_probe_prefetch: a map entry, mcm_vc_lookup() decides */

/* The first half of mcm_vc_lookup() of @p vpi/@p vci, with what the second half reads
 * requested: with many VCs that is a cache miss, and a burst's misses can overlap. For a VC
 * of an affine VCI chunk @return its slot, not yet checked (mcm_vc_slot_holds decides, the
 * line come by then), its line requested; MCM_VC_PROBE_MAP when the chunk is a map (its
 * entry requested: mcm_vc_lookup() later); -1 when no VC can be there.
 */
static inline int
mcm_vc_probe_prefetch(const struct mcm_port *port, uint16_t vpi, uint16_t vci)
{
	const uint32_t off = vci & (MCM_MAP_CHUNK - 1);
	const uintptr_t e = mcm_vci_entry(port, vpi, vci);

	if (e & MCM_VCI_AFFINE) {
		uint32_t slot = mcm_vci_affine_slot(e, off);

		if (slot >= port->cfg.max_vcs)
			return -1;
		rte_prefetch0(mcm_vc_rt(port, slot));
		return (int)slot;
	}
	if (e == 0)
		return -1;
	rte_prefetch0(&((const uint32_t *)e)[off]);
	return MCM_VC_PROBE_MAP;
}

/* The second half of a lookup mcm_vc_probe_prefetch() began with @p probe: a map chunk's VC
 * (MCM_VC_PROBE_MAP) looked up now, its slot line requested; any other @p probe as it is
 * (an affine chunk's slot, still to be checked with mcm_vc_slot_holds, or -1).
 */
static inline int
mcm_vc_probe_map(const struct mcm_port *port, uint16_t vpi, uint16_t vci, int probe)
{
	int slot;

	if (probe != MCM_VC_PROBE_MAP)
		return probe;
	slot = mcm_vc_lookup(port, vpi, vci);
	if (slot >= 0)
		rte_prefetch0(mcm_vc_rt(port, (uint32_t)slot));
	return slot;
}

/* The lower port's MTU: lower_mtu= when given (the port may not be configured with it yet),
 * else its own.
 */
static inline uint32_t
mcm_lower_mtu(const struct mcm_port *port)
{
	uint16_t mtu = RTE_ETHER_MTU;

	if (port->cfg.lower_mtu != 0)
		return port->cfg.lower_mtu;
	rte_eth_dev_get_mtu(port->lower_port_id, &mtu);
	return mtu;
}

/* The slot of the AAL5 SDU mode VC whose PW label is @p label, or -1. */
static inline int
mcm_vc_lookup_label(const struct mcm_port *port, uint32_t label)
{
	uint32_t *const *dir = __atomic_load_n(&port->label_map, __ATOMIC_ACQUIRE);

	if (dir == NULL || label > MCM_PW_LABEL_MAX)
		return -1;
	return mcm_map_get(dir, label);
}

/*
 * Index @p idx (0..count-1) of a hash binding from @p first (rte_pmd_mcm_vc_t) to its VC:
 * VCIs first's VCI..65535 of the first VPI, then the same VCIs of each next VPI. Within the
 * first VPI (every binding of up to 65,504 VCs) a sum; beyond, one division.
 */
static inline uint32_t
mcm_hash_vc(uint32_t first, uint32_t idx)
{
	uint32_t per = 65536u - (first & 0xffffu);

	if (likely(idx < per))
		return first + idx;
	return first + ((idx / per) << 16) + idx % per;
}

/* Whether @p count VCs from @p vpi/@p vci fit a hash binding (mcm_hash_vc): VPIs up to 4095,
 * at most MCM_MAX_VCS VCs.
 */
static inline bool
mcm_hash_range_ok(uint16_t vpi, uint16_t vci, uint32_t count)
{
	uint32_t per = 65536u - vci;

	return count <= MCM_MAX_VCS && vpi <= MCM_ATM_VPI_MAX &&
	       (count == 0 || vpi + (count - 1) / per <= MCM_ATM_VPI_MAX);
}

/* A PVC range of @p count VCs from @p vpi/@p vci (numbered as mcm_hash_vc()): 0, -EINVAL
 * (empty, past VPI 4095 or over MCM_MAX_VCS) or -EPERM (VCIs 0..31 are the driver's).
 */
static inline int
mcm_pvc_range_check(uint16_t vpi, uint16_t vci, uint32_t count)
{
	if (count == 0 || !mcm_hash_range_ok(vpi, vci, count))
		return -EINVAL;
	return vci < MCM_ATM_VCI_FIRST_USER ? -EPERM : 0;
}

static inline uint64_t
mcm_mac_key(const struct rte_ether_addr *a)
{
	return (1ULL << 63) | ((uint64_t)a->addr_bytes[0] << 40) |
	       ((uint64_t)a->addr_bytes[1] << 32) | ((uint64_t)a->addr_bytes[2] << 24) |
	       ((uint64_t)a->addr_bytes[3] << 16) | ((uint64_t)a->addr_bytes[4] << 8) |
	       a->addr_bytes[5];
}

static inline uint32_t
mcm_mac_hash(uint64_t key)
{
	key ^= key >> 29;
	key *= 0xbf58476d1ce4e5b9ULL;
	key ^= key >> 32;
	return (uint32_t)key;
}

/* mcm_rx.c, mcm_tx.c */
uint16_t mcm_rx_burst(void *q, struct rte_mbuf **pkts, uint16_t nb_pkts);
uint16_t mcm_tx_burst(void *q, struct rte_mbuf **pkts, uint16_t nb_pkts);
void mcm_rxq_free(struct mcm_rx_queue *rxq);
/* A new RX queue's reassembly pool (as many entries as it can have buffers, or VCs if
 * fewer) and, for a queue other than 0, its per-VC counters and reassembly indices.
 */
int mcm_rxq_vc_init(struct mcm_rx_queue *rxq, unsigned int socket);
/* A new TX queue's per-VC counters, for a queue other than 0. */
int mcm_txq_vc_init(struct mcm_tx_queue *txq, unsigned int socket);
/* Queue 0 installed (its predecessor freed), port->lock held: its per-VC state is the slot
 * lines' (struct mcm_vc_slot), cleared of what its predecessor left; others: nothing to do.
 */
void mcm_rxq_vc_attach(struct mcm_rx_queue *rxq);
void mcm_txq_vc_attach(struct mcm_tx_queue *txq);
void mcm_txq_free(struct mcm_tx_queue *txq);
void mcm_rxq_forget_slot(struct mcm_rx_queue *rxq, uint32_t slot);
void mcm_txq_forget_slot(struct mcm_tx_queue *txq, uint32_t slot);
int mcm_pw_frame_cells(const struct mcm_port *port, const uint8_t *p, uint32_t len,
		       uint32_t *ncells);
/* The control thread's share of RX, with the queue's lock held: data cells of @p frames
 * go through @p rxq's reassembly into its stash; frames left non-NULL hold control cells.
 */
void mcm_rxq_ctrl_frames(struct mcm_rx_queue *rxq, struct rte_mbuf **frames, uint16_t nf);
/* The control thread, with port->lock held: frames the lower port did not take wait on
 * their TX queue until its next burst; send them for queues the application no longer sends
 * on. @return true if frames are still waiting (the lower port is full).
 */
bool mcm_txq_push_pending(struct mcm_port *port);

/* mcm_ctrl.c: control thread and its command queue */
enum mcm_cmd_type {
	MCM_CMD_PVC_ADD,
	MCM_CMD_PVC_DEL,
	MCM_CMD_PVC_ADD_RANGE,   /* count PVCs numbered as a hash binding's (mcm_hash_vc) */
	MCM_CMD_PVC_DEL_RANGE,
	MCM_CMD_BIND_DEFAULT,
	MCM_CMD_BIND_HASH,
	MCM_CMD_BIND_MAC,
	MCM_CMD_UNBIND_MAC,
	MCM_CMD_CM,          /* a call-manager request (mcm_cm.c), completes asynchronously */
	MCM_CMD_OAM_PING,    /* an OAM loopback (mcm_oam_ping.c), completes on its reply */
	MCM_CMD_OAM_CC,      /* continuity check on (count 1) or off (mcm_oam_fault.c) */
};

struct mcm_cmd_args {
	enum mcm_cmd_type type;
	uint16_t vpi, vci;
	enum mcm_encap encap;
	struct rte_ether_addr mac;
	uint32_t label;      /* PVC add: AAL5 SDU/PDU mode label, 0: cells */
	bool pdu;            /* PVC add: PDU mode */
	uint32_t count;      /* hash binding: how many VCs, 0: none; PVC ranges: how many */
	uint32_t from;       /* PVC ranges: the first VC's index in the range from vpi/vci */
};

/** VCs a range command adds or deletes at most: the API splits larger ranges, so that the
 * control thread (and port->lock) is not held for long at a time.
 */
#define MCM_PVC_RANGE_STEP 65536u

/** A handler's answer meaning "the command completes later" (mcm_ctrl_complete). */
#define MCM_CMD_PENDING 1
/** Default time a synchronous caller waits for a command, seconds. */
#define MCM_CMD_TIMEOUT_S 10

int mcm_ctrl_start(struct mcm_port *port);
void mcm_ctrl_stop(struct mcm_port *port);
/* Run a command of @p len bytes at @p data on the control thread; its reply is written back
 * to @p data. Waits up to @p timeout_s seconds (CLOCK_MONOTONIC).
 */
int mcm_ctrl_call_data(struct mcm_port *port, enum mcm_cmd_type type, void *data, size_t len,
		       unsigned int timeout_s);
int mcm_ctrl_call(struct mcm_port *port, const struct mcm_cmd_args *args);
/* On the control thread: payload of a command, and completion of a pending one. */
void *mcm_cmd_data(struct mcm_cmd *cmd);
void mcm_ctrl_complete(struct mcm_cmd *cmd, int result);
void mcm_ctrl_wake(struct mcm_port *port);
/* From the data path: a PW frame holding control cells (it keeps a reference). */
void mcm_ctrl_handoff(struct mcm_rx_queue *rxq, struct rte_mbuf *f);

/* mcm_lower.c: the lower port's lifecycle and the control thread's I/O on it */
int mcm_lower_probe(struct mcm_port *port);
int mcm_lower_configure(struct mcm_port *port, uint16_t nrx, uint16_t ntx);
int mcm_lower_start(struct mcm_port *port);
int mcm_lower_stop(struct mcm_port *port);
void mcm_lower_close(struct mcm_port *port);
/* On the control thread: start the lower port if its delayed start after probe is due. */
void mcm_lower_start_due(struct mcm_port *port, uint64_t now);
/* The lower port's queue @p qid for the application's queue of that number. */
int mcm_lower_rxq_setup(struct mcm_port *port, uint16_t qid, uint16_t nb_desc,
			unsigned int socket, struct rte_mempool *mp);
int mcm_lower_txq_setup(struct mcm_port *port, uint16_t qid, uint16_t nb_desc,
			unsigned int socket);
/* The lower port's basic stats. */
int mcm_lower_stats_get(struct mcm_port *port, struct rte_eth_stats *stats);
/* rte_eth_dev_close() of the lower port, which mcm owns. */
int mcm_lower_dev_close(struct mcm_port *port);
void mcm_lower_sig_backlog_free(struct mcm_port *port);
void mcm_lower_poll(struct mcm_port *port);
void mcm_lower_handoff_drain(struct mcm_port *port);
/* mcm_oam.c: an OAM cell (F5 PTI 4..7, F4 VCI 3/4) the data path handed over */
void mcm_oam_cell_in(struct mcm_port *port, const uint8_t *cell);
/* Whether the F5 OAM flows of VC @p vpi/@p vci end at this port: a client VC (@p slot, its
 * mcm_vc_lookup(), >= 0), or the signalling VC 0/5 with signalling on (it is the port's own).
 */
static inline bool
mcm_oam_f5_ours(const struct mcm_port *port, int slot, uint16_t vpi, uint16_t vci)
{
	return slot >= 0 || (vpi == 0 && vci == MCM_ATM_VCI_SIGNALLING && port->cfg.sig);
}
/* mcm_oam.c: a VC slot's OAM counters back to zero and no fault record (the VC is being
 * activated)
 */
void mcm_oam_vc_reset(struct mcm_port *port, uint32_t slot);
/* mcm_oam.c: the pings' and fault management's timers: what is due at @p now_ns runs;
 * @return the next deadline, UINT64_MAX: none
 */
uint64_t mcm_oam_timers(struct mcm_port *port, uint64_t now_ns);
/* mcm_oam_ping.c: the originating loopback, on the control thread */
/* Send the loopback cell of a ping command. @return MCM_CMD_PENDING, or a negative errno */
int mcm_oam_ping_start(struct mcm_port *port, struct mcm_cmd *cmd);
/* A loopback reply (indication 0) came: complete the ping it answers (true), or count it
 * unmatched. @p vs: the counters of its VC, or NULL
 */
bool mcm_oam_ping_reply(struct mcm_port *port, uint32_t hdr_word, uint32_t tag,
			struct rte_pmd_mcm_vc_oam_stats *vs);
/* Time out the pings due by @p now_ns. @return the next deadline, UINT64_MAX: none */
uint64_t mcm_oam_ping_timers(struct mcm_port *port, uint64_t now_ns);
/* The control thread stopped: outstanding pings fail with -ENODEV, their table is freed */
void mcm_oam_ping_fini(struct mcm_port *port);
/* mcm_oam_fault.c: I.610 AIS/RDI, continuity check, the VCs' operational state */
/* A VC slot's fault state back to nothing (the VC is being activated) */
void mcm_oam_fault_vc_reset(struct mcm_port *port, uint32_t slot);
/* An AIS, RDI or CC cell (@p function, MCM_OAM_FM_*) came on the VC in @p slot, on the F5
 * flow @p pti; the CRC-10 checked
 */
void mcm_oam_fault_cell_in(struct mcm_port *port, uint32_t slot, uint8_t pti,
			   uint8_t function);
/* Run what is due at @p now_ns (port->lock held); @return the next deadline, or UINT64_MAX */
uint64_t mcm_oam_fault_timers(struct mcm_port *port, uint64_t now_ns);
/* MCM_CMD_OAM_CC: turn the continuity check of a client VC on or off; 0 or -ENOENT */
int mcm_oam_fault_cc_cmd(struct mcm_port *port, uint16_t vpi, uint16_t vci, bool on);
/* Fill the operational state fields of @p info (port->lock held) */
void mcm_oam_fault_info(struct mcm_port *port, uint32_t slot, struct rte_pmd_mcm_vc_info *info);
/* Send one cell (@p hdr_word, 48 bytes of @p payload) in a PW frame of its own, now.
 * @return 0, or -EAGAIN if the lower port cannot take it (not started, link down, full)
 */
int mcm_lower_send_cell(struct mcm_port *port, uint32_t hdr_word, const uint8_t *payload);
int mcm_lower_send_sdu(struct mcm_port *port, uint16_t vpi, uint16_t vci, const uint8_t *sdu,
		       size_t len);
uint64_t mcm_lower_poll_interval_ns(const struct mcm_port *port, uint64_t now);
bool mcm_lower_busy_poll(const struct mcm_port *port, uint64_t now);
uint32_t mcm_lower_frame_max(const struct mcm_port *port);
void mcm_lower_learn_peer(struct mcm_port *port, const struct rte_ether_addr *mac);
void mcm_lower_learn_from_queues(struct mcm_port *port);

/* mcm_cm.c: the call-manager half (signalling entity, calls, framework glue) */
int mcm_cm_init(struct mcm_port *port);
void mcm_cm_fini(struct mcm_port *port);
void mcm_cm_start(struct mcm_port *port);
int mcm_cm_command(struct mcm_port *port, struct mcm_cmd *cmd);
void mcm_cm_sig_pdu(struct mcm_port *port, const uint8_t *pdu, size_t len);
void mcm_cm_tick(struct mcm_port *port);
uint64_t mcm_cm_next_deadline(struct mcm_port *port);

/* mcm_telemetry.c */
void mcm_telemetry_register(void);
struct rte_tel_data;
struct mcm_tel_args;
struct mcm_cm;
/* For the commands of other files: the port of argument 0 and the argument count checked,
 * or NULL with the error reply written
 */
struct mcm_port *mcm_tel_port(const char *params, struct mcm_tel_args *a, int min_args,
			      int max_args, const char *usage, struct rte_tel_data *d);
/* An error reply {"error": "<the message>", "code": @p code}, cut to what a reply string
 * holds; @return 0
 */
int mcm_tel_error(struct rte_tel_data *d, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A call manager error (-ENOENT, -EACCES, ...) as one line; @p what names the object */
int mcm_tel_cm_error(struct rte_tel_data *d, int rc, const char *what);
/* A member naming a VC: "<key>": "VPI/VCI" */
void mcm_tel_reply_vc(struct rte_tel_data *d, const char *key, uint16_t vpi, uint16_t vci);
/* Calls in use, or those taken by SAP @p sap_id when it is not 0. Under port->lock. */
uint64_t mcm_tel_count_calls(const struct mcm_cm *cm, uint32_t sap_id);
/* mcm_tel_cm.c: calls and SAPs */
void mcm_tel_cm_register(void);
/* mcm_tel_oam.c */
void mcm_tel_oam_register(void);

/* mcm_capture.c: the data path's tap (only while a capture runs) */
void mcm_capture_tap(struct mcm_port *port, bool out, uint32_t vc, uint8_t encap,
		     const struct mcm_iov *iov, unsigned int niov);
void mcm_capture_drain(struct mcm_port *port);
void mcm_capture_release(struct mcm_port *port);

/* mcm_intr.c: work on EAL's interrupt thread */
/* Run @p fn(@p arg) there (here when this is that thread, or when it does not take the call
 * within a second); @return what fn returned.
 */
int mcm_intr_call(int (*fn)(void *arg), void *arg);
/* Wait until the thread has run what was queued for it before now (a second at most). */
void mcm_intr_fence(void);

#endif /* MCM_PRIVATE_H */
