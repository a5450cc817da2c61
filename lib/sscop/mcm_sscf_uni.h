/* SPDX-License-Identifier: BSD-3-Clause
 * SSCF-UNI (ITU-T Q.2130): the coordination function between UNI signalling (Q.2931)
 * and SSCOP. An instance owns one SSCOP instance (mcm_sscop.h) and maps the AAL-*
 * primitives of the signalling layer onto the AA-* signals of SSCOP (Q.2130 state
 * machine and primitive mapping). Same sans-IO rules as mcm_sscop.h: time in
 * nanoseconds supplied by the caller, output through callbacks, timers through
 * mcm_sscf_uni_next_deadline() and mcm_sscf_uni_tick().
 */
#ifndef MCM_SSCF_UNI_H
#define MCM_SSCF_UNI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mcm_sscop.h"

#ifdef __cplusplus
extern "C" {
#endif

/** SSCF-UNI states (Q.2130). */
enum mcm_sscf_uni_state {
	MCM_SSCF_UNI_RELEASED = 1,          /**< AAL connection released */
	MCM_SSCF_UNI_AWAITING_ESTABLISH = 2,
	MCM_SSCF_UNI_AWAITING_RELEASE = 3,
	MCM_SSCF_UNI_ESTABLISHED = 4,       /**< AAL connection established */
	MCM_SSCF_UNI_AWAITING_RESYNC = 5,
};

/** AAL primitives towards the signalling layer (Q.2130). */
enum mcm_sscf_uni_signal {
	MCM_AAL_ESTABLISH_IND,
	MCM_AAL_ESTABLISH_CONF,
	MCM_AAL_RELEASE_IND,
	MCM_AAL_RELEASE_CONF,
	MCM_AAL_DATA_IND,     /**< data: one signalling message */
	MCM_AAL_UNITDATA_IND, /**< data: one signalling message */
};

/** Callbacks; send_pdu and signal are mandatory. */
struct mcm_sscf_uni_cbs {
	/** Transmit one SSCOP PDU on the signalling VC. */
	void (*send_pdu)(void *arg, const uint8_t *pdu, size_t len);
	/** Deliver an AAL primitive to the signalling layer. */
	void (*signal)(void *arg, enum mcm_sscf_uni_signal sig, const uint8_t *data,
		       size_t len);
	/** SSCOP MAA-ERROR.indication (code 'A'..'X', count), for layer management.
	 * May be NULL. */
	void (*maa_error)(void *arg, char code, uint32_t count);
	void *arg;
};

struct mcm_sscf_uni;

/**
 * SSCOP parameters for the UNI (the UNI values of Q.2130): MaxCC 4, MaxPD 25,
 * MaxSTAT 67, Timer_CC 1 s, Timer_POLL 750 ms, Timer_NO-RESPONSE 7 s,
 * Timer_KEEP-ALIVE 2 s, Timer_IDLE 15 s, messages up to 4096 octets.
 */
void mcm_sscf_uni_params_default(struct mcm_sscop_params *p);

/**
 * Create an SSCF-UNI with its SSCOP, both idle/released.
 *
 * @param p    SSCOP parameters, NULL for mcm_sscf_uni_params_default().
 * @param cbs  callbacks (copied).
 * @return the instance or NULL (bad parameters, no memory).
 */
struct mcm_sscf_uni *mcm_sscf_uni_create(const struct mcm_sscop_params *p,
					 const struct mcm_sscf_uni_cbs *cbs);
/** Destroy the instance and its SSCOP. NULL is allowed. */
void mcm_sscf_uni_destroy(struct mcm_sscf_uni *f);

/** A PDU received on the signalling VC. */
void mcm_sscf_uni_input(struct mcm_sscf_uni *f, uint64_t now, const uint8_t *pdu,
			size_t len);
/** Run expired SSCOP timers. */
void mcm_sscf_uni_tick(struct mcm_sscf_uni *f, uint64_t now);
/** Next SSCOP timer deadline, UINT64_MAX if none. */
uint64_t mcm_sscf_uni_next_deadline(const struct mcm_sscf_uni *f);

/** AAL-ESTABLISH.request: establish (or, when established, resynchronize) the link.
 * @return 0 or a negative errno from SSCOP; -EALREADY while establishing. */
int mcm_sscf_uni_establish_req(struct mcm_sscf_uni *f, uint64_t now);
/** AAL-RELEASE.request. In state released, AAL-RELEASE.confirm at once. @return 0. */
int mcm_sscf_uni_release_req(struct mcm_sscf_uni *f, uint64_t now);
/** AAL-DATA.request (assured). @return 0, -ENOTCONN if not established, or an SSCOP
 * error (-EMSGSIZE, -ENOBUFS, -ENOMEM). */
int mcm_sscf_uni_data_req(struct mcm_sscf_uni *f, uint64_t now, const uint8_t *d,
			  size_t len);
/** AAL-UNITDATA.request (unassured, any state). @return 0 or -EMSGSIZE. */
int mcm_sscf_uni_unitdata_req(struct mcm_sscf_uni *f, uint64_t now, const uint8_t *d,
			      size_t len);

/** Current SSCF-UNI state. */
enum mcm_sscf_uni_state mcm_sscf_uni_state(const struct mcm_sscf_uni *f);
/** Name of a state. */
const char *mcm_sscf_uni_state_name(enum mcm_sscf_uni_state st);
/** Name of an AAL primitive ("AAL-ESTABLISH.ind", ...). */
const char *mcm_sscf_uni_signal_name(enum mcm_sscf_uni_signal sig);
/** The SSCOP instance underneath (for state, statistics; do not signal it directly). */
struct mcm_sscop *mcm_sscf_uni_sscop(struct mcm_sscf_uni *f);

#ifdef __cplusplus
}
#endif

#endif /* MCM_SSCF_UNI_H */
