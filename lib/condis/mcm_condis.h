/* SPDX-License-Identifier: BSD-3-Clause
 * The framework's VC registry (the NDIS role of CoNDIS): it tracks client VCs and enforces
 * their lifecycle, create -> activate -> deactivate -> delete.
 *
 * Rules it enforces (DESIGN.md "The roles"):
 *  - VCIs 0..31 belong to the driver (signalling 0/5, ILMI 0/16, OAM F4 3/4): they are never
 *    registered, so they are never listed, created, deleted or sent on by a client.
 *  - A VC is activated (media parameters set) only from CREATED, and deleted only when not
 *    active: deactivation comes first.
 * Not thread safe: one owner (the port's control thread) calls it.
 */
#ifndef MCM_CONDIS_H
#define MCM_CONDIS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum mcm_condis_vc_state {
	MCM_CONDIS_VC_FREE = 0,      /**< slot unused */
	MCM_CONDIS_VC_CREATED,       /**< exists, no media parameters: no traffic */
	MCM_CONDIS_VC_ACTIVE,        /**< media parameters set: traffic flows */
	MCM_CONDIS_VC_DEACTIVATING,  /**< being taken out of the data path */
};

/** Who created the VC. */
enum mcm_condis_vc_origin {
	MCM_CONDIS_VC_PVC = 0,       /**< permanent VC set up by a client */
	MCM_CONDIS_VC_CLIENT_SVC,    /**< switched VC of an outgoing call (client create VC) */
	MCM_CONDIS_VC_MCM_SVC,       /**< switched VC of an incoming call (MCM create VC) */
};

/** Media parameters given at activation. */
struct mcm_condis_media {
	uint8_t aal;        /**< 5 */
	uint8_t encap;      /**< enum mcm_encap (lib/atm) */
	uint32_t max_sdu;   /**< bytes */
	uint32_t pcr;       /**< peak cell rate, cells/s; 0 = unspecified (UBR) */
};

struct mcm_condis_vc {
	uint16_t vpi;
	uint16_t vci;
	uint8_t state;      /**< enum mcm_condis_vc_state */
	uint8_t origin;     /**< enum mcm_condis_vc_origin */
	struct mcm_condis_media media;
};

struct mcm_condis;

/** First VCI a client may use (I.361: 0..31 reserved). */
#define MCM_CONDIS_FIRST_CLIENT_VCI 32

/**
 * Create a registry of at most @p capacity VCs (1..65535). Slot numbers are 0..capacity-1
 * and stay with a VC until it is deleted.
 *
 * @return the registry, or NULL (bad capacity, no memory).
 */
struct mcm_condis *mcm_condis_create(uint32_t capacity);

/** Free a registry. */
void mcm_condis_destroy(struct mcm_condis *reg);

/** Capacity given at create. */
uint32_t mcm_condis_capacity(const struct mcm_condis *reg);

/** Number of VCs registered (any state but FREE). */
uint32_t mcm_condis_count(const struct mcm_condis *reg);

/**
 * Create a VC in state CREATED.
 *
 * @return its slot (>= 0); -EPERM for a reserved VCI or VPI > 4095; -EEXIST; -ENOSPC.
 */
int mcm_condis_vc_create(struct mcm_condis *reg, enum mcm_condis_vc_origin origin,
			 uint16_t vpi, uint16_t vci);

/** Activate: CREATED -> ACTIVE with @p media. @return 0; -ENOENT; -EBUSY wrong state. */
int mcm_condis_vc_activate(struct mcm_condis *reg, uint32_t slot,
			   const struct mcm_condis_media *media);

/** Start deactivation: ACTIVE -> DEACTIVATING. @return 0; -ENOENT; -EBUSY wrong state. */
int mcm_condis_vc_deactivate(struct mcm_condis *reg, uint32_t slot);

/** Deactivation done (nothing in the data path uses it): DEACTIVATING -> CREATED. */
int mcm_condis_vc_deactivate_complete(struct mcm_condis *reg, uint32_t slot);

/** Delete: CREATED -> FREE. @return 0; -ENOENT; -EBUSY still active or deactivating. */
int mcm_condis_vc_delete(struct mcm_condis *reg, uint32_t slot);

/** Find a VC. @return its slot, or -ENOENT (reserved VCIs are never found). */
int mcm_condis_vc_find(const struct mcm_condis *reg, uint16_t vpi, uint16_t vci);

/** The VC in a slot, or NULL if the slot is free or out of range. */
const struct mcm_condis_vc *mcm_condis_vc_get(const struct mcm_condis *reg, uint32_t slot);

/**
 * Slots of the registered VCs in VPI/VCI order, from the @p start-th.
 *
 * @return how many were written to @p slots (at most @p max).
 */
uint32_t mcm_condis_vc_list(const struct mcm_condis *reg, uint32_t start, uint32_t *slots,
			    uint32_t max);

/** Name of a state ("created", "active", "deactivating", "free"). */
const char *mcm_condis_vc_state_name(enum mcm_condis_vc_state st);

#ifdef __cplusplus
}
#endif

#endif /* MCM_CONDIS_H */
