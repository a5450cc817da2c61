/* SPDX-License-Identifier: BSD-3-Clause
 * Public API of the net_mcm PMD: an ATM miniport call manager.
 *
 * An mcm port is an ethdev whose frames travel on ATM virtual connections (VCs), carried on
 * the owned lower port as RFC 4717 N-to-one cells. This header gives applications:
 *  - the mbuf dynamic field that names the VC of a frame (TX: which VC to send on, with the
 *    validity flag; RX: which VC a frame came from), and the raw-SDU flag;
 *  - PVC set-up and removal, the bridge client's bindings (default VC, MAC to VC);
 *  - per-VC information and statistics.
 *
 * Every function that changes VC state is carried out by the port's control thread through
 * its command queue and returns when it is done, so it may be called from any thread,
 * while traffic flows. Functions return 0 or a negative errno.
 */
#ifndef RTE_PMD_MCM_H
#define RTE_PMD_MCM_H

#include <stdint.h>

#include <rte_ether.h>
#include <rte_mbuf.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Name of the mbuf dynamic field holding the VC (rte_pmd_mcm_vc_t). */
#define RTE_PMD_MCM_DYNFIELD_VC_NAME "rte_pmd_mcm_dynfield_vc"
/** Name of the mbuf dynamic flag telling that the VC field is valid. */
#define RTE_PMD_MCM_DYNFLAG_VC_NAME "rte_pmd_mcm_dynflag_vc"
/** Name of the mbuf dynamic flag marking a raw SDU (not an Ethernet frame). */
#define RTE_PMD_MCM_DYNFLAG_RAW_NAME "rte_pmd_mcm_dynflag_raw"

/** A VC as one value: VPI in bits 16..27, VCI in bits 0..15. */
typedef uint32_t rte_pmd_mcm_vc_t;

/** Make a VC value. */
static inline rte_pmd_mcm_vc_t
rte_pmd_mcm_vc(uint16_t vpi, uint16_t vci)
{
	return ((uint32_t)(vpi & 0xfff) << 16) | vci;
}

/** VPI of a VC value. */
static inline uint16_t
rte_pmd_mcm_vc_vpi(rte_pmd_mcm_vc_t vc)
{
	return (uint16_t)(vc >> 16);
}

/** VCI of a VC value. */
static inline uint16_t
rte_pmd_mcm_vc_vci(rte_pmd_mcm_vc_t vc)
{
	return (uint16_t)vc;
}

/**
 * Register (or look up) the dynamic field and flags. Every mcm port does it at probe, so an
 * application only needs it before it touches mbufs with the helpers below.
 *
 * @return 0, or a negative errno.
 */
int rte_pmd_mcm_dynfield_register(void);

/**
 * Set the VC an mbuf is to be sent on (TX), and the validity flag.
 * rte_pmd_mcm_dynfield_register() must have succeeded.
 */
void rte_pmd_mcm_mbuf_set_vc(struct rte_mbuf *m, rte_pmd_mcm_vc_t vc);

/**
 * Read the VC of an mbuf (RX: the VC it arrived on).
 *
 * @return 0 with *vc set, or -ENOENT if the validity flag is not set.
 */
int rte_pmd_mcm_mbuf_get_vc(const struct rte_mbuf *m, rte_pmd_mcm_vc_t *vc);

/**
 * Mark an mbuf as a raw SDU, to be sent on a VC of routed encapsulation (enum
 * rte_pmd_mcm_encap), or as an Ethernet frame again. rte_pmd_mcm_dynfield_register() must
 * have succeeded.
 *
 * @param m the mbuf
 * @param raw 1: a raw SDU (the AAL5 CPCS-SDU whole); 0: an Ethernet frame
 */
void rte_pmd_mcm_mbuf_set_raw(struct rte_mbuf *m, int raw);

/**
 * Whether an mbuf is marked as a raw SDU (RX: it came on a VC of routed encapsulation).
 *
 * @param m the mbuf
 * @return 1 for a raw SDU, 0 for an Ethernet frame
 */
int rte_pmd_mcm_mbuf_is_raw(const struct rte_mbuf *m);

/**
 * RFC 2684 encapsulations of a VC.
 *
 * On a bridged VC (LLC, VCMUX) the application sends and receives Ethernet frames and the
 * driver adds and strips the RFC 2684 header. On a routed VC (LLC_ROUTED, VCMUX_ROUTED) it
 * sends and receives raw SDUs: the AAL5 CPCS-SDU whole, marked by the mbuf dynamic flag
 * RTE_PMD_MCM_DYNFLAG_RAW_NAME, which the driver neither adds to nor strips. An LLC_ROUTED
 * SDU starts with its LLC header (AA-AA-03 and a SNAP header, or FE-FE-03 and an NLPID:
 * RFC 2684 5.1; any PDU an LLC VC may carry, routed or bridged, RFC 2684 5); a VCMUX_ROUTED
 * SDU is the routed PDU alone (RFC 2684 6.1). A frame not of its VC's kind is dropped and
 * counted (xstat tx_encap_drops, the VC's tx_drops; rx_encap_errors).
 */
enum rte_pmd_mcm_encap {
	RTE_PMD_MCM_ENCAP_LLC = 0,   /**< LLC/SNAP bridged Ethernet, no FCS */
	RTE_PMD_MCM_ENCAP_VCMUX = 1, /**< VC-multiplexed bridged Ethernet, no FCS */
	RTE_PMD_MCM_ENCAP_LLC_ROUTED = 2,   /**< LLC-encapsulated raw SDUs (PVCs only) */
	RTE_PMD_MCM_ENCAP_VCMUX_ROUTED = 3, /**< VC-multiplexed routed raw SDUs (PVCs only) */
	RTE_PMD_MCM_ENCAP_PORT = 255 /**< the port's default (devarg encap=) */
};

/** Lifecycle state of a client VC (the framework's view). */
enum rte_pmd_mcm_vc_state {
	RTE_PMD_MCM_VC_CREATED = 0,   /**< created, not active: sending fails */
	RTE_PMD_MCM_VC_ACTIVE = 1,    /**< active: media parameters set, traffic flows */
	RTE_PMD_MCM_VC_DEACTIVATING = 2,
};

/** What a VC is. */
struct rte_pmd_mcm_vc_info {
	uint16_t vpi;
	uint16_t vci;
	uint8_t is_pvc;             /**< 1: PVC; 0: switched (from a call) */
	uint8_t state;              /**< enum rte_pmd_mcm_vc_state */
	uint8_t encap;              /**< enum rte_pmd_mcm_encap */
	uint8_t aal;                /**< 5 */
	uint32_t max_sdu;           /**< largest AAL5 SDU accepted, bytes */
	uint8_t is_default;         /**< the bridge client's default VC */
	uint32_t mac_bindings;      /**< destination MACs bound to this VC */
	uint32_t pw_label;          /**< AAL5 SDU/PDU mode: the VC's own PW label; 0: cells */
	uint8_t pw_mode;            /**< enum rte_pmd_mcm_pw_mode */
	uint8_t oper_up;            /**< operational state (I.610 fault management): 1 up */
	uint8_t oam_defects;        /**< RTE_PMD_MCM_OAM_AIS | _RDI | _LOC */
	uint8_t down_cause;         /**< enum rte_pmd_mcm_vc_down_cause; NONE while up */
	uint8_t oam_cc;             /**< 1: continuity check on (rte_pmd_mcm_oam_cc_set) */
	uint8_t category;           /**< enum rte_pmd_mcm_category of its traffic contract */
	uint32_t tx_pcr;            /**< peak cell rate (CLP 0+1) this end sends at, cells/s,
				      *   as the call's traffic descriptor gives it; 0: none
				      *   (PVCs) */
	uint32_t rx_pcr;            /**< peak cell rate this end receives at; 0: none */
};

/** ATM service category of a VC's traffic contract (rte_pmd_mcm_vc_info.category). */
enum rte_pmd_mcm_category {
	RTE_PMD_MCM_UBR = 0,  /**< best effort (what mcm's calls ask for), and every PVC */
	RTE_PMD_MCM_CBR = 1,  /**< a call whose traffic descriptor gives peak cell rates only */
	RTE_PMD_MCM_VBR = 2,  /**< a call whose traffic descriptor gives a sustainable rate */
};

/** I.610 defects of a VC (rte_pmd_mcm_vc_info.oam_defects, RTE_PMD_MCM_EV_VC_OPER). */
#define RTE_PMD_MCM_OAM_AIS 0x1   /**< AIS state: AIS received, or the path below failed */
#define RTE_PMD_MCM_OAM_RDI 0x2   /**< RDI received: the far end does not hear us */
#define RTE_PMD_MCM_OAM_LOC 0x4   /**< loss of continuity: continuity check on, no cell */

/** Why a VC is operationally down. */
enum rte_pmd_mcm_vc_down_cause {
	RTE_PMD_MCM_VC_CAUSE_NONE = 0,      /**< up */
	RTE_PMD_MCM_VC_CAUSE_INACTIVE = 1,  /**< the VC is not active (no media parameters) */
	RTE_PMD_MCM_VC_CAUSE_LINK_DOWN = 2, /**< the lower port's link is down */
	RTE_PMD_MCM_VC_CAUSE_PW_LOST = 3,   /**< no PW frame for pw_timeout= */
	RTE_PMD_MCM_VC_CAUSE_AIS = 4,       /**< AIS received: a fault upstream */
	RTE_PMD_MCM_VC_CAUSE_LOC = 5,       /**< loss of continuity */
};

/** Counters of one VC, summed over the port's queues. */
struct rte_pmd_mcm_vc_stats {
	uint64_t tx_cells, tx_pdus, tx_bytes;
	uint64_t tx_drops;          /**< frames refused (VC not active; a frame not of the
				      *   VC's encapsulation, enum rte_pmd_mcm_encap) */
	uint64_t rx_cells, rx_pdus, rx_bytes;
	uint64_t rx_crc_errors;     /**< AAL5 CRC-32 mismatch */
	uint64_t rx_len_errors;     /**< AAL5 length field inconsistent (lost or extra cells) */
	uint64_t rx_oversize;       /**< PDU larger than the maximum SDU */
	uint64_t rx_aborts;         /**< AAL5 abort (length 0) or CPI not 0 */
	uint64_t rx_encap_errors;   /**< RFC 2684 header not the VC's encapsulation */
	uint64_t rx_nombuf;         /**< no mbuf to reassemble into */
};

/**
 * I.610 OAM counters of one VC's F5 flows (PTI 4 segment and 5 end-to-end), kept by the
 * port's control thread, which handles every OAM cell. F4 (VP) cells are counted per port
 * (xstats oam_*).
 */
struct rte_pmd_mcm_vc_oam_stats {
	uint64_t in_ais;            /**< AIS cells received */
	uint64_t in_rdi;            /**< RDI cells received */
	uint64_t in_cc;             /**< continuity-check cells received */
	uint64_t in_lb;             /**< loopback cells received with the indication 1 */
	uint64_t in_lb_reply;       /**< loopback cells received with the indication 0 */
	uint64_t in_crc10_errors;   /**< OAM cells with a bad CRC-10, dropped */
	uint64_t in_unknown;        /**< OAM types or functions not handled, dropped */
	uint64_t out_rdi;           /**< RDI cells sent */
	uint64_t out_cc;            /**< continuity-check cells sent */
	uint64_t out_lb;            /**< loopback cells sent (pings) */
	uint64_t out_lb_reply;      /**< loopback cells answered */
	uint64_t pings_answered;    /**< pings whose reply came back in time */
};

/**
 * Set up a PVC: create the VC through the framework and activate it (AAL5, UBR, @p encap).
 * VCIs 0..31 are the driver's and are refused.
 *
 * @return 0; -EPERM reserved VC; -EEXIST already there; -ENOSPC table full; -EINVAL bad
 *   value; -ENODEV not an mcm port; -ETIMEDOUT control thread not answering.
 */
int rte_pmd_mcm_pvc_add(uint16_t port_id, uint16_t vpi, uint16_t vci,
			enum rte_pmd_mcm_encap encap);

/**
 * Set up a PVC in AAL5 CPCS-SDU mode (RFC 4717): the VC gets a pseudowire of its own, MPLS
 * label @p label, and each frame travels whole in one PW frame (the RFC 2684 SDU after a
 * control word; no cells, no AAL5 trailer). The peer must set up the same VC with the same
 * label. An SDU larger than what one frame of the lower port carries is refused as too big.
 *
 * @param port_id an mcm port
 * @param vpi VPI, 0..4095
 * @param vci VCI, 32..65535
 * @param encap RFC 2684 encapsulation
 * @param label the VC's PW label, 16..1048575, neither the port's pw_label nor another VC's
 * @return as rte_pmd_mcm_pvc_add; -EADDRINUSE the label is taken
 */
int rte_pmd_mcm_pvc_add_sdu(uint16_t port_id, uint16_t vpi, uint16_t vci,
			    enum rte_pmd_mcm_encap encap, uint32_t label);

/** How a VC's traffic travels in pseudowires (RFC 4717). */
enum rte_pmd_mcm_pw_mode {
	RTE_PMD_MCM_PW_CELLS = 0,   /**< cells in the port's N:1 pseudowire (RFC 4717 5.1) */
	RTE_PMD_MCM_PW_SDU = 1,     /**< AAL5 CPCS-SDU mode, a label of its own (RFC 4717 9) */
	RTE_PMD_MCM_PW_PDU = 2,     /**< AAL5 PDU frame mode, a label of its own (RFC 4717 10) */
};

/**
 * Set up a PVC in the pseudowire mode @p mode. RTE_PMD_MCM_PW_CELLS is
 * rte_pmd_mcm_pvc_add() (@p label must be 0), RTE_PMD_MCM_PW_SDU is
 * rte_pmd_mcm_pvc_add_sdu(). RTE_PMD_MCM_PW_PDU: the VC gets a pseudowire of its own, MPLS
 * label @p label, carrying the whole AAL5 CPCS-PDU (SDU, pad and trailer with its CRC-32)
 * after the generic control word (M = 1); a PDU longer than one frame of the lower port
 * carries is sent in fragments of whole 48-byte blocks, the last one with U = 1. The peer
 * must set up the same VC in the same mode with the same label.
 *
 * @param port_id an mcm port
 * @param vpi VPI, 0..4095
 * @param vci VCI, 32..65535
 * @param encap RFC 2684 encapsulation
 * @param mode pseudowire mode
 * @param label the VC's PW label, 16..1048575, neither the port's pw_label nor another VC's;
 *   0 in cell mode
 * @return as rte_pmd_mcm_pvc_add_sdu; -EINVAL a bad mode or a label that does not fit it
 */
int rte_pmd_mcm_pvc_add_pw(uint16_t port_id, uint16_t vpi, uint16_t vci,
			   enum rte_pmd_mcm_encap encap, enum rte_pmd_mcm_pw_mode mode,
			   uint32_t label);

/**
 * Remove a PVC: deactivate it (sending on it fails from then on), wait until no data-path
 * thread can still see it, then delete it. Partial PDUs being reassembled are freed. Its MAC
 * bindings go, and if it was the default VC the port has no default VC afterwards.
 *
 * @return 0; -ENOENT no such PVC; -EPERM reserved VC; -ENODEV; -ETIMEDOUT.
 */
int rte_pmd_mcm_pvc_del(uint16_t port_id, uint16_t vpi, uint16_t vci);

/**
 * Set up @p count PVCs at once, in cell mode (as rte_pmd_mcm_pvc_add()): VC i is
 * (@p vpi + i / n)/(@p vci + i % n), n = 65536 - @p vci, the numbering of
 * rte_pmd_mcm_bind_hash() (VCIs @p vci..65535 of VPI @p vpi, then of the next VPIs). The
 * control thread adds up to 65,536 of them a command, far faster than one call a VC. All or
 * none: if one cannot be added, those added by this call are removed again. VCs that get
 * consecutive slots (as on a new port, or where a range was deleted) take no VCI map memory
 * beyond a 160-byte directory a VPI, and the data path finds their slots from their VCIs.
 *
 * @param port_id an mcm port
 * @param vpi VPI of the first VC, 0..4095
 * @param vci VCI of the first VC and of the first of each next VPI, 32..65535
 * @param count how many, 1..1,048,576, the last VPI at most 4095
 * @param encap RFC 2684 encapsulation
 * @return 0; -EINVAL bad range or encapsulation; -EPERM reserved VCI; -EEXIST one exists
 *   already; -ENOSPC more than max_vcs; -ENOMEM; -ENODEV; -ETIMEDOUT.
 */
int rte_pmd_mcm_pvc_add_range(uint16_t port_id, uint16_t vpi, uint16_t vci, uint32_t count,
			      enum rte_pmd_mcm_encap encap);

/**
 * Remove @p count PVCs numbered as by rte_pmd_mcm_pvc_add_range(), as rte_pmd_mcm_pvc_del()
 * does, with one wait for the data-path threads for up to 65,536 of them (not one each).
 * The last goes first, so that the same range added again takes the same slots.
 * VCs of the range that are not PVCs are left alone.
 *
 * @param port_id an mcm port
 * @param vpi VPI of the first VC, 0..4095
 * @param vci VCI of the first VC and of the first of each next VPI, 32..65535
 * @param count how many, 1..1,048,576, the last VPI at most 4095
 * @return 0; -ENOENT some were not PVCs (the others are removed); -EINVAL bad range;
 *   -EPERM reserved VCI; -ENODEV; -ETIMEDOUT.
 */
int rte_pmd_mcm_pvc_del_range(uint16_t port_id, uint16_t vpi, uint16_t vci, uint32_t count);

/**
 * Make a VC the bridge client's default VC (used for frames with no VC field and no MAC
 * binding).
 *
 * @return 0; -ENOENT no such VC; -EPERM reserved VC; -ENODEV; -ETIMEDOUT.
 */
int rte_pmd_mcm_bind_default(uint16_t port_id, uint16_t vpi, uint16_t vci);

/**
 * Spread flows over VCs: a frame with no VC field and no MAC binding goes on one of the
 * @p count VCs @p vpi/@p vci .. @p vpi/65535, then (past VCI 65535) the same VCIs of VPI
 * @p vpi + 1, and so on: VC i is (@p vpi + i / n)/(@p vci + i % n), n = 65536 - @p vci. The
 * VC is chosen by a hash of its
 * flow (MAC addresses; for IPv4 and IPv6 also the addresses, and TCP, UDP or SCTP ports
 * unless a later fragment), so the frames of one flow stay on one VC and in order. Before
 * the default VC; the VCs need not exist yet (a frame hashed to a missing one is dropped as
 * having no VC, `tx_no_vc_drops`). Replaces an earlier hash binding.
 *
 * @param port_id an mcm port
 * @param vpi VPI of the VCs, 0..4095
 * @param vci the first VCI, 32.. (VCIs 0..31 are the driver's)
 * @param count how many VCs, at most 1,048,576 and the last VPI at most 4095 (a binding
 *   within one VPI costs a frame one addition, across VPIs one division more); 0: no hash
 *   binding
 * @return 0; -EINVAL bad range; -EPERM reserved VC; -ENODEV; -ETIMEDOUT.
 */
int rte_pmd_mcm_bind_hash(uint16_t port_id, uint16_t vpi, uint16_t vci, uint32_t count);

/**
 * The hash binding of a port (rte_pmd_mcm_bind_hash()).
 *
 * @param port_id an mcm port
 * @param first the first VC (out)
 * @param count how many VCs (out); 0: no hash binding
 * @return 0; -ENODEV; -EINVAL a NULL argument.
 */
int rte_pmd_mcm_bind_hash_get(uint16_t port_id, rte_pmd_mcm_vc_t *first, uint32_t *count);

/**
 * Bind a destination MAC to a VC (frames to that MAC go on that VC), replacing any earlier
 * binding of that MAC. A port holds at most 4,096 MAC bindings.
 *
 * @return 0; -ENOENT no such VC; -EPERM reserved VC; -ENOSPC table full; -ENODEV; -ETIMEDOUT.
 */
int rte_pmd_mcm_bind_mac(uint16_t port_id, const struct rte_ether_addr *mac, uint16_t vpi,
			 uint16_t vci);

/**
 * Remove the binding of a destination MAC.
 *
 * @return 0; -ENOENT not bound; -ENODEV; -ETIMEDOUT.
 */
int rte_pmd_mcm_unbind_mac(uint16_t port_id, const struct rte_ether_addr *mac);

/**
 * List client VCs in VPI/VCI order, from the @p start-th one.
 *
 * @return the number of VCs written to @p out (at most @p max); the total number of client
 *   VCs in *total if @p total is not NULL; or a negative errno.
 */
int rte_pmd_mcm_vc_list(uint16_t port_id, struct rte_pmd_mcm_vc_info *out, unsigned int max,
			unsigned int start, unsigned int *total);

/**
 * Information about one client VC.
 *
 * @return 0; -ENOENT no such client VC (signalling VCs are not client VCs); -ENODEV.
 */
int rte_pmd_mcm_vc_info_get(uint16_t port_id, uint16_t vpi, uint16_t vci,
			    struct rte_pmd_mcm_vc_info *info);

/**
 * Counters of one client VC, summed over the queues.
 *
 * @return 0; -ENOENT; -ENODEV.
 */
int rte_pmd_mcm_vc_stats_get(uint16_t port_id, uint16_t vpi, uint16_t vci,
			     struct rte_pmd_mcm_vc_stats *stats);

/**
 * I.610 OAM counters of one client VC (zero when the VC is created).
 *
 * @param port_id
 *   The mcm port.
 * @param vpi
 *   The VC's VPI.
 * @param vci
 *   The VC's VCI.
 * @param stats
 *   Filled with the counters.
 * @return 0; -ENOENT no such client VC; -EINVAL @p stats NULL; -ENODEV not an mcm port.
 */
int rte_pmd_mcm_vc_oam_stats_get(uint16_t port_id, uint16_t vpi, uint16_t vci,
				 struct rte_pmd_mcm_vc_oam_stats *stats);

/** The OAM flow of a loopback (I.610 F4 and F5 flows): F5 on a VC, F4 on a VP. */
enum rte_pmd_mcm_oam_flow {
	RTE_PMD_MCM_OAM_F5_E2E = 0,  /**< F5 end-to-end: PTI 5 on the VC */
	RTE_PMD_MCM_OAM_F5_SEG = 1,  /**< F5 segment: PTI 4 on the VC */
	RTE_PMD_MCM_OAM_F4_E2E = 2,  /**< F4 end-to-end: VCI 4 of the VP */
	RTE_PMD_MCM_OAM_F4_SEG = 3,  /**< F4 segment: VCI 3 of the VP */
};

/** Longest time rte_pmd_mcm_oam_loopback() waits for a reply, ms. */
#define RTE_PMD_MCM_OAM_TIMEOUT_MAX 60000

/** What one loopback gave. */
struct rte_pmd_mcm_oam_ping_result {
	uint32_t tag;      /**< the correlation tag sent (and returned) */
	uint64_t rtt_ns;   /**< round-trip time, ns (CLOCK_MONOTONIC); 0 when none came */
};

/**
 * Send one I.610 loopback cell (10.2.4) and wait for its reply: an "OAM ping".
 *
 * The port's control thread sends a fault-management loopback cell with the loopback
 * indication 1, a correlation tag of its own (no two outstanding pings of a port share
 * one), the loopback location ID all ones (the end point of the flow) and the source ID
 * coded "not used" (0x6A in every octet). The ping completes when a cell comes back with
 * the indication 0 on the same VPI/VCI and flow with the same tag; the round-trip time is
 * taken on the control thread. A reply after the timeout, or with a tag no outstanding ping
 * has, never completes a ping: it is counted (xstat oam_lb_replies_unmatched). Any thread
 * may call it, several at once; each call blocks until the reply or the timeout.
 * Counted per port (xstats oam_pings_sent, oam_pings_answered, oam_pings_timeout) and, for
 * F5, per VC (rte_pmd_mcm_vc_oam_stats out_lb and pings_answered).
 *
 * @param port_id
 *   The mcm port.
 * @param vpi
 *   The VPI, 0..4095.
 * @param vci
 *   F5: the VCI of a VC the port has (a client VC, or 0/5 when signalling is on). F4:
 *   ignored (the cell goes on VCI 4 or 3 of @p vpi).
 * @param flow
 *   F5 or F4, end-to-end or segment.
 * @param timeout_ms
 *   How long to wait for the reply, 1..RTE_PMD_MCM_OAM_TIMEOUT_MAX ms.
 * @param result
 *   Filled on success (tag and round-trip time), and on -ETIMEDOUT (the tag sent).
 * @return 0 a reply came; -ETIMEDOUT none within @p timeout_ms; -ENOENT F5 on a VC the
 *   port does not have; -EINVAL bad @p flow, @p vpi or @p timeout_ms, or @p result NULL;
 *   -EBUSY 64 pings of the port outstanding already; -EAGAIN the cell could not be sent
 *   (port not started, lower link down or full); -ENODEV not an mcm port, or the port
 *   closed while waiting.
 */
int rte_pmd_mcm_oam_loopback(uint16_t port_id, uint16_t vpi, uint16_t vci,
			     enum rte_pmd_mcm_oam_flow flow, uint32_t timeout_ms,
			     struct rte_pmd_mcm_oam_ping_result *result);

/**
 * Turn the I.610 continuity check of a client VC on or off (F5 end-to-end). On, a CC cell
 * goes out when no user cell was sent on the VC for about 1 s, and the VC reports loss of
 * continuity (RTE_PMD_MCM_OAM_LOC, RDI sent) when neither a user cell nor a CC cell came
 * for 3.5 s. Activation is local: the peer's end is turned on by its own side (no
 * activation/deactivation cells).
 *
 * @param port_id
 *   The mcm port.
 * @param vpi
 *   The VC's VPI.
 * @param vci
 *   The VC's VCI.
 * @param on
 *   1 on, 0 off.
 * @return 0; -ENOENT no such client VC; -ENODEV not an mcm port; -ETIMEDOUT.
 */
int rte_pmd_mcm_oam_cc_set(uint16_t port_id, uint16_t vpi, uint16_t vci, int on);

/**
 * Whether the continuity check of a client VC is on.
 *
 * @param port_id
 *   The mcm port.
 * @param vpi
 *   The VC's VPI.
 * @param vci
 *   The VC's VCI.
 * @param on
 *   Set to 1 or 0.
 * @return 0; -ENOENT no such client VC; -EINVAL @p on NULL; -ENODEV not an mcm port.
 */
int rte_pmd_mcm_oam_cc_get(uint16_t port_id, uint16_t vpi, uint16_t vci, int *on);

/**
 * The bridge client's default VC.
 *
 * @return 0 with *vc set; -ENOENT none; -ENODEV.
 */
int rte_pmd_mcm_default_vc_get(uint16_t port_id, rte_pmd_mcm_vc_t *vc);

/**
 * Send on a VC, as a client: the frames get @p vc in their VC field and go through the
 * port's TX path on queue @p queue_id (same rules as rte_eth_tx_burst for that queue: one
 * thread per queue). A frame for a VC that is not active is not sent; it is counted in that
 * VC's tx_drops (or the port's no-VC drops) and freed.
 *
 * @return the number of frames consumed (sent or dropped).
 */
uint16_t rte_pmd_mcm_vc_send(uint16_t port_id, uint16_t queue_id, rte_pmd_mcm_vc_t vc,
			     struct rte_mbuf **pkts, uint16_t nb_pkts);

/* ---- the call manager: clients, SAPs, calls, parties, OIDs, events ----
 *
 * A client of an mcm port opens the port's address family (CoNDIS OpenAf) and gets a
 * client id and an event queue. Client 0 is the port's built-in bridge client: its calls and
 * SAPs are those of mcm-ctl, it accepts every incoming call offered to it, and a call it
 * holds that becomes active is the port's default VC when the port has none.
 * Events are queued per client on the port's control thread and read by the client with
 * rte_pmd_mcm_event_get(); rte_pmd_mcm_event_fd() gives an eventfd that is readable while
 * events wait (for epoll). No event is ever delivered on a data-path lcore.
 */

/** The built-in bridge client. */
#define RTE_PMD_MCM_BRIDGE_CLIENT 0u
/** Length of an ATM end system address (AESA, NSAP format). */
#define RTE_PMD_MCM_AESA_LEN 20

/** What a call asks for (and, in events, what it got). */
struct rte_pmd_mcm_call_params {
	uint8_t called[RTE_PMD_MCM_AESA_LEN];  /**< called party AESA */
	uint8_t has_calling;                   /**< 1: calling is set (else the port's addr=) */
	uint8_t calling[RTE_PMD_MCM_AESA_LEN];
	uint32_t pcr;          /**< peak cell rate, cells/s, forward (the calling side sends
				 *   at it) and, when bwd_pcr is 0, backward too; 0: UBR best
				 *   effort at the line rate. An active call lists the rates in
				 *   force (Q.2931 4.5.6) */
	uint32_t sdu;          /**< AAL5 maximum CPCS-SDU both ways; 0: the port's maximum;
				 *   above it: -EINVAL. The called side may lower it (Q.2931
				 *   Annex F): the call and its VC take what CONNECT gives */
	uint8_t encap;         /**< enum rte_pmd_mcm_encap asked for with the B-LLI (RFC 2684
				 *   7): LLC and LLC routed send layer 2 LLC, the same B-LLI
				 *   (the called side's SAP says which it carries), VC-mux
				 *   bridged ISO/IEC TR 9577 with SNAP 00-80-C2 00-07, VC-mux
				 *   routed ISO/IEC TR 9577 naming routed_proto. An incoming
				 *   call shows what its VC carries */
	uint8_t no_blli;       /**< 1: no B-LLI in the SETUP (the called side assumes LLC,
				*   RFC 2684); encap is then LLC, or LLC routed as asked;
				*   with VC-mux routed: -EINVAL */
	uint8_t bhli_len;      /**< 0: no B-HLI */
	uint8_t bhli[8];       /**< B-HLI information (user specific) */
	uint8_t p2mp;          /**< 1: point-to-multipoint (Q.2971) */
	uint32_t bwd_pcr;      /**< backward peak cell rate (the called side sends at it),
				 *   cells/s; 0: pcr. Needs pcr; above 16777215: -EINVAL */
	uint16_t routed_proto; /**< encap VC-mux routed: the EtherType of the one protocol
				 *   the VC carries (RTE_ETHER_TYPE_IPV4 by its NLPID, any other
				 *   by SNAP 00-00-00 and the EtherType, RFC 2684 7, RFC 2492);
				 *   0: IPv4. Other encapsulations: 0; below 0x0600: -EINVAL */
	uint8_t n_alt;         /**< further B-LLIs the SETUP offers after encap's, in order
				 *   of preference (Q.2931 Annex C): 0..2. The called side
				 *   takes one, and the call's VC (both ends) carries it; the
				 *   connected call shows it in encap and routed_proto, n_alt 0.
				 *   Two alike (LLC and LLC routed send the same B-LLI) or any
				 *   with no_blli: -EINVAL */
	uint8_t alt_encap[2];  /**< their enum rte_pmd_mcm_encap */
	uint16_t alt_proto[2]; /**< their routed protocols, as routed_proto */
};

/** A service access point: the incoming calls a client takes. */
struct rte_pmd_mcm_sap {
	uint8_t any_addr;                  /**< 1: any called address */
	uint8_t addr[RTE_PMD_MCM_AESA_LEN];
	uint8_t bhli_len;                  /**< 0: any B-HLI */
	uint8_t bhli[8];
	uint8_t match_encap;               /**< 1: only calls whose B-LLI asks for encap; 0:
					    *   any B-LLI, the VC carries what it asks for
					    *   (LLC: bridged) */
	uint8_t encap;                     /**< enum rte_pmd_mcm_encap. LLC and LLC routed
					    *   take the same calls (layer 2 LLC, RFC 2684
					    *   7): the SAP's says what their VCs carry */
	uint16_t routed_proto;             /**< encap VC-mux routed: the protocol's
					    *   EtherType, as in rte_pmd_mcm_call_params;
					    *   0: IPv4 */
};

/** States of a call as the port reports it. */
enum rte_pmd_mcm_call_state {
	RTE_PMD_MCM_CALL_SETUP = 0,       /**< SETUP sent or received, no answer yet */
	RTE_PMD_MCM_CALL_PROCEEDING = 1,  /**< CALL PROCEEDING */
	RTE_PMD_MCM_CALL_ALERTING = 2,    /**< ALERTING */
	RTE_PMD_MCM_CALL_ACTIVE = 3,      /**< connected: the VC carries data */
	RTE_PMD_MCM_CALL_RELEASING = 4,   /**< RELEASE sent or received */
};

/** A call. */
struct rte_pmd_mcm_call_info {
	uint32_t call_id;       /**< the port's id of the call (1..) */
	uint32_t client;        /**< owner */
	uint8_t state;          /**< enum rte_pmd_mcm_call_state */
	uint8_t outgoing;       /**< 1: made here */
	uint8_t uni_state;      /**< Q.2931 call state (U/N number) */
	uint8_t cause;          /**< last cause seen (0: none) */
	uint16_t vpi, vci;      /**< 0/0 until known */
	uint32_t call_ref;      /**< Q.2931 call reference value */
	uint32_t sap_id;        /**< SAP that took an incoming call, 0: none (an outgoing
				  *   call, or its SAP since deregistered) */
	struct rte_pmd_mcm_call_params params;
};

/** Kinds of events. */
enum rte_pmd_mcm_event_type {
	RTE_PMD_MCM_EV_INCOMING_CALL = 1, /**< answer with rte_pmd_mcm_call_answer() */
	RTE_PMD_MCM_EV_CALL_CONNECTED,    /**< a call (made or accepted) is active */
	RTE_PMD_MCM_EV_CALL_FAILED,       /**< a call made was refused (status, cause), or
					   *   released before it connected */
	RTE_PMD_MCM_EV_CALL_RELEASED,     /**< an active call was released by the peer, the
					   *   network or a lost link: cause; the VC is gone */
	RTE_PMD_MCM_EV_CLOSE_COMPLETE,    /**< rte_pmd_mcm_call_release() or _async()
					   *   completed */
	RTE_PMD_MCM_EV_PARTY_ADDED,       /**< root: the add's outcome, status 0, or failed
					   *   (status < 0) with cause; leaf side: a party
					   *   accepted is acknowledged (status 0) */
	RTE_PMD_MCM_EV_PARTY_DROPPED,     /**< a party left the call (either side): cause */
	RTE_PMD_MCM_EV_VC_STATUS,         /**< up: VC active (1) or not (0) */
	RTE_PMD_MCM_EV_LINK_STATUS,       /**< up: signalling link (SSCOP) up or down */
	RTE_PMD_MCM_EV_INCOMING_PARTY,    /**< leaf side of a p2mp call: the root adds a party
					   *   (ADD PARTY) whose called address is one of the
					   *   client's SAPs (sap_id); answer with
					   *   rte_pmd_mcm_party_answer() */
	RTE_PMD_MCM_EV_VC_OPER,           /**< the VC's operational state (I.610) changed: up,
					   *   oam_defects, down_cause; vpi/vci, call_id */
};

/** An event. */
struct rte_pmd_mcm_event {
	uint8_t type;           /**< enum rte_pmd_mcm_event_type */
	uint8_t cause;          /**< Q.2931 cause, when there is one */
	uint8_t up;             /**< VC_STATUS, LINK_STATUS */
	int32_t status;         /**< 0 or a negative errno */
	uint32_t call_id;
	uint32_t party_id;
	uint32_t sap_id;
	uint16_t vpi, vci;
	struct rte_pmd_mcm_call_params params; /**< INCOMING_CALL, CALL_CONNECTED; for
						*   INCOMING_PARTY the party's (called
						*   address, B-HLI, B-LLI) */
	uint8_t oam_defects;    /**< VC_OPER: RTE_PMD_MCM_OAM_AIS | _RDI | _LOC */
	uint8_t down_cause;     /**< VC_OPER: enum rte_pmd_mcm_vc_down_cause */
};

/**
 * Open the port's address family as a new client. When the signalling link is up already,
 * the client's first event is RTE_PMD_MCM_EV_LINK_STATUS with up = 1.
 *
 * @param port_id  the mcm port.
 * @param client   receives the client id (never RTE_PMD_MCM_BRIDGE_CLIENT).
 * @return 0; -ENODEV; -ENOSPC too many clients; -ETIMEDOUT.
 */
int rte_pmd_mcm_client_open(uint16_t port_id, uint32_t *client);

/**
 * Close a client: its SAPs are deregistered. Refused while it has calls or VCs.
 *
 * @param port_id  the mcm port.
 * @param client   a client id from rte_pmd_mcm_client_open().
 * @return 0; -EBUSY calls or VCs left; -ENOENT unknown or stale client; -ENODEV.
 */
int rte_pmd_mcm_client_close(uint16_t port_id, uint32_t client);

/**
 * The eventfd of a client: readable while events wait in its queue. Read the events with
 * rte_pmd_mcm_event_get() until it answers -EAGAIN; do not read the fd itself. A wake-up
 * may rarely find no event (-EAGAIN at once); that call also clears the fd.
 *
 * @param port_id  the mcm port.
 * @param client   the client (RTE_PMD_MCM_BRIDGE_CLIENT has no event queue).
 * @return the fd (owned by the port), or a negative errno.
 */
int rte_pmd_mcm_event_fd(uint16_t port_id, uint32_t client);

/**
 * Take the next event of a client. Never blocks.
 *
 * @param port_id  the mcm port.
 * @param client   the client.
 * @param ev       receives the event.
 * @return 0; -EAGAIN no event; -ENOENT unknown client; -ENODEV.
 */
int rte_pmd_mcm_event_get(uint16_t port_id, uint32_t client, struct rte_pmd_mcm_event *ev);

/**
 * Register a SAP: incoming calls that match it are offered to the client.
 *
 * @param port_id  the mcm port.
 * @param client   the client.
 * @param sap      what it accepts.
 * @param sap_id   receives the SAP id.
 * @return 0; -EADDRINUSE overlaps another client's SAP; -ENOSPC; -EINVAL; -ENODEV.
 */
int rte_pmd_mcm_sap_register(uint16_t port_id, uint32_t client,
			     const struct rte_pmd_mcm_sap *sap, uint32_t *sap_id);

/**
 * Deregister a SAP. Its calls that are up stay up, the client's, until released (as NDIS's
 * ClDeregisterSap leaves the VCs of the SAP) and name no SAP from now on (sap_id 0 in
 * rte_pmd_mcm_call_info: the id goes to the next SAP registered); calls to its address are
 * refused from now on (cause 1, unallocated number, when no other SAP takes them).
 *
 * @param port_id  the mcm port.
 * @param client   its owner.
 * @param sap_id   the SAP.
 * @return 0; -ENOENT; -EACCES not the client's; -ENODEV.
 */
int rte_pmd_mcm_sap_deregister(uint16_t port_id, uint32_t client, uint32_t sap_id);

/**
 * Make a call and wait for its outcome (up to 2 x T303 + T310 and the signalling link's
 * establishment; the wait is longer than those timers). On success the VC is active and
 * the data path carries it.
 *
 * @param port_id  the mcm port.
 * @param client   the calling client.
 * @param p        what to ask for.
 * @param info     receives the call (id, VPI/VCI...); may be NULL.
 * @param cause    receives the cause when the call was refused; may be NULL.
 * @return 0; -ECONNREFUSED cleared by the peer or the network (see cause); -ENOTCONN the
 *   signalling link did not come up; -ENOSPC; -EINVAL (also an sdu above the port's largest
 *   SDU); -ENODEV; -ETIMEDOUT.
 */
int rte_pmd_mcm_call_make(uint16_t port_id, uint32_t client,
			  const struct rte_pmd_mcm_call_params *p,
			  struct rte_pmd_mcm_call_info *info, uint8_t *cause);

/**
 * Release a call (RELEASE with @p cause) and wait until it is released; the VC is
 * deactivated, then deleted.
 *
 * @param port_id  the mcm port.
 * @param client   its owner.
 * @param call_id  the call.
 * @param cause    Q.2931 cause, 0 for 16 (normal call clearing).
 * @return 0; -ENOENT; -EACCES not the client's; -ENODEV; -ETIMEDOUT.
 */
int rte_pmd_mcm_call_release(uint16_t port_id, uint32_t client, uint32_t call_id,
			     uint8_t cause);

/**
 * Make a call without waiting for its outcome (CoNDIS: a MakeCall that pends): returns once
 * the control thread has taken the request and sent the SETUP (or holds it until the
 * signalling link is up). The outcome comes as one event of the client's queue
 * (rte_pmd_mcm_event_get) with this call_id: RTE_PMD_MCM_EV_CALL_CONNECTED (the VC, with its
 * VPI/VCI, is active and the data path carries it) or RTE_PMD_MCM_EV_CALL_FAILED (status < 0:
 * -ECONNREFUSED cleared by the peer or the network, -ENOTCONN the signalling link did not
 * come up, -ECONNABORTED released before the link came up; cause: the Q.2931 cause). A client
 * keeps any number of calls outstanding this way from one thread; its event queue holds 8,192
 * events, so it reads them as they come (a full queue drops events, counted in the
 * cm_events_lost xstat).
 *
 * @param port_id  the mcm port.
 * @param client   the calling client.
 * @param p        what to ask for.
 * @param call_id  receives the call's id, valid until its last event.
 * @return 0; -ENOSPC no call or VC left; -EINVAL; -ENOENT unknown client; -EOPNOTSUPP no
 *   signalling on the port (sig=off); -ENODEV; -ETIMEDOUT the control thread did not take the
 *   request.
 */
int rte_pmd_mcm_call_make_async(uint16_t port_id, uint32_t client,
				const struct rte_pmd_mcm_call_params *p, uint32_t *call_id);

/**
 * Release a call without waiting (CoNDIS: a CloseCall that pends): returns once the RELEASE
 * is sent. The call's last event follows: RTE_PMD_MCM_EV_CLOSE_COMPLETE for a call that was
 * active (the VC deactivated, then deleted), or RTE_PMD_MCM_EV_CALL_FAILED for one made
 * here and not connected yet (its make ends there, with the cause of the clearing). The call
 * id is not valid after that event.
 *
 * @param port_id  the mcm port.
 * @param client   its owner.
 * @param call_id  the call.
 * @param cause    Q.2931 cause, 0 for 16 (normal call clearing).
 * @return 0; -ENOENT; -EACCES not the client's; -EALREADY a release is in progress;
 *   -EPROTO an incoming call not answered yet (reject it with rte_pmd_mcm_call_answer);
 *   -EINVAL cause above 127; -ENODEV; -ETIMEDOUT.
 */
int rte_pmd_mcm_call_release_async(uint16_t port_id, uint32_t client, uint32_t call_id,
				   uint8_t cause);

/**
 * Answer an incoming call offered by an RTE_PMD_MCM_EV_INCOMING_CALL event.
 *
 * @param port_id  the mcm port.
 * @param client   the client it was offered to.
 * @param call_id  the call.
 * @param accept   1: CONNECT; 0: reject with @p cause.
 * @param cause    reject cause (0: 21, call rejected).
 * @return 0; -ENOENT; -EACCES; -EPROTO not waiting for an answer; -ENODEV.
 */
int rte_pmd_mcm_call_answer(uint16_t port_id, uint32_t client, uint32_t call_id, int accept,
			    uint8_t cause);

/**
 * Add a party to an active point-to-multipoint call (Q.2971 ADD PARTY); the outcome comes
 * as an RTE_PMD_MCM_EV_PARTY_ADDED event (client 0: see rte_pmd_mcm_call_list): status 0,
 * or status < 0 with the cause of the ADD PARTY REJECT (1 when nobody on the far side
 * registered the address, as for a SETUP to it). Only the root (the side that made the
 * call) adds parties.
 *
 * @param port_id  the mcm port.
 * @param client   the call's owner.
 * @param call_id  the call.
 * @param called   the party's AESA (RTE_PMD_MCM_AESA_LEN octets).
 * @param party_id receives the party id (its endpoint reference, never 0: the first leaf,
 *                 reached by the SETUP, has endpoint reference 0 and no party id).
 * @return 0; -ENOENT no such call; -EACCES not the client's call; -EPROTO not an active
 *   point-to-multipoint call, or the leaf side of one; -ENOSPC too many parties;
 *   -EINVAL; -ENODEV.
 */
int rte_pmd_mcm_party_add(uint16_t port_id, uint32_t client, uint32_t call_id,
			  const uint8_t *called, uint32_t *party_id);

/**
 * Drop a party (Q.2971 DROP PARTY); dropping the last one releases the call. The root
 * drops any party it added; the leaf side drops a party it accepted. Both sides' clients
 * get RTE_PMD_MCM_EV_PARTY_DROPPED once it is gone.
 *
 * @param port_id  the mcm port.
 * @param client   the call's owner.
 * @param call_id  the call.
 * @param party_id the party.
 * @param cause    Q.2931 cause, 0 for 16.
 * @return 0; -ENOENT no such call or party; -EACCES not the client's call; -EALREADY the
 *   party is being added, answered or dropped; -EINVAL; -ENODEV.
 */
int rte_pmd_mcm_party_drop(uint16_t port_id, uint32_t client, uint32_t call_id,
			   uint32_t party_id, uint8_t cause);

/**
 * Answer a party offered by an RTE_PMD_MCM_EV_INCOMING_PARTY event (the leaf side of a
 * point-to-multipoint call, Q.2971 5.2): accept (ADD PARTY ACKNOWLEDGE; the client then
 * gets RTE_PMD_MCM_EV_PARTY_ADDED with status 0 and the party shares the call's VC) or
 * reject (ADD PARTY REJECT with @p cause; no further event). The built-in bridge client
 * accepts every party offered to it.
 *
 * @param port_id  the mcm port.
 * @param client   the client it was offered to (the call's owner).
 * @param call_id  the call (the event's call_id).
 * @param party_id the party (the event's party_id).
 * @param accept   1: accept; 0: reject with @p cause.
 * @param cause    reject cause (0: 21, call rejected).
 * @return 0; -ENOENT no such call or party (or the root withdrew it); -EACCES not the
 *   client's call; -EPROTO not waiting for an answer; -EINVAL cause > 127; -ENODEV.
 */
int rte_pmd_mcm_party_answer(uint16_t port_id, uint32_t client, uint32_t call_id,
			     uint32_t party_id, int accept, uint8_t cause);

/**
 * List the port's calls.
 *
 * @param port_id  the mcm port.
 * @param out      receives up to @p max calls.
 * @param max      room in @p out.
 * @return the number of calls written, or a negative errno.
 */
int rte_pmd_mcm_call_list(uint16_t port_id, struct rte_pmd_mcm_call_info *out,
			  unsigned int max);

/**
 * Query an OID (doc/oids.md) of the port or of one VC. This is the port's management
 * view: a query is read-only, so any application of the process may ask about any client
 * VC (a switched VC of any client, a PVC), as rte_pmd_mcm_vc_info_get() and
 * rte_pmd_mcm_call_list() show every VC and call; it never answers -EACCES.
 *
 * @param port_id  the mcm port.
 * @param name     the OID's short name (e.g. "max_active_vcs").
 * @param vc       the VC for a per-VC OID; ignored for a port OID.
 * @param buf      receives the value.
 * @param len      room in @p buf.
 * @return the number of bytes written; -ENOENT unknown OID or VC (signalling VCs are not
 *   client VCs); -EMSGSIZE @p len too small; -EINVAL wrong scope or NULL; -ENODEV.
 */
int rte_pmd_mcm_oid_query(uint16_t port_id, const char *name, rte_pmd_mcm_vc_t vc, void *buf,
			  unsigned int len);

/**
 * Set an OID (doc/oids.md).
 *
 * @param port_id  the mcm port.
 * @param name     the OID's short name.
 * @param buf      the value.
 * @param len      its size (the OID's size).
 * @return 0; -ENOENT unknown OID; -EACCES read-only; -EINVAL/-EMSGSIZE wrong size; -ENODEV.
 */
int rte_pmd_mcm_oid_set(uint16_t port_id, const char *name, const void *buf,
			unsigned int len);

/** True (1) if @p port_id is an mcm port, else 0. */
int rte_pmd_mcm_is_mcm_port(uint16_t port_id);

#ifdef __cplusplus
}
#endif

#endif /* RTE_PMD_MCM_H */
