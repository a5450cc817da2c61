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

/** RFC 2684 encapsulations of a VC. */
enum rte_pmd_mcm_encap {
	RTE_PMD_MCM_ENCAP_LLC = 0,   /**< LLC/SNAP bridged Ethernet, no FCS */
	RTE_PMD_MCM_ENCAP_VCMUX = 1, /**< VC-multiplexed bridged Ethernet, no FCS */
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
};

/** Counters of one VC, summed over the port's queues. */
struct rte_pmd_mcm_vc_stats {
	uint64_t tx_cells, tx_pdus, tx_bytes;
	uint64_t tx_drops;          /**< frames refused (VC not active) */
	uint64_t rx_cells, rx_pdus, rx_bytes;
	uint64_t rx_crc_errors;     /**< AAL5 CRC-32 mismatch */
	uint64_t rx_len_errors;     /**< AAL5 length field inconsistent (lost or extra cells) */
	uint64_t rx_oversize;       /**< PDU larger than the maximum SDU */
	uint64_t rx_aborts;         /**< AAL5 abort (length 0) or CPI not 0 */
	uint64_t rx_encap_errors;   /**< RFC 2684 header not the VC's encapsulation */
	uint64_t rx_nombuf;         /**< no mbuf to reassemble into */
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
 * Remove a PVC: deactivate it (sending on it fails from then on), wait until no data-path
 * thread can still see it, then delete it. Partial PDUs being reassembled are freed. Its MAC
 * bindings go, and if it was the default VC the port has no default VC afterwards.
 *
 * @return 0; -ENOENT no such PVC; -EPERM reserved VC; -ENODEV; -ETIMEDOUT.
 */
int rte_pmd_mcm_pvc_del(uint16_t port_id, uint16_t vpi, uint16_t vci);

/**
 * Make a VC the bridge client's default VC (used for frames with no VC field and no MAC
 * binding).
 *
 * @return 0; -ENOENT no such VC; -EPERM reserved VC; -ENODEV; -ETIMEDOUT.
 */
int rte_pmd_mcm_bind_default(uint16_t port_id, uint16_t vpi, uint16_t vci);

/**
 * Bind a destination MAC to a VC (frames to that MAC go on that VC), replacing any earlier
 * binding of that MAC.
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

/** True (1) if @p port_id is an mcm port, else 0. */
int rte_pmd_mcm_is_mcm_port(uint16_t port_id);

#ifdef __cplusplus
}
#endif

#endif /* RTE_PMD_MCM_H */
