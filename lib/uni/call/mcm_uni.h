/* SPDX-License-Identifier: BSD-3-Clause
 * UNI 4.0 call control (ITU-T Q.2931 with Q.2971 point-to-multipoint), sans-IO.
 *
 * One instance is one signalling entity on one UNI, user side or network side. It is driven
 * by input events (a received message, a user primitive, the SAAL link state, the passage of
 * time) and produces output through callbacks: messages to send (AAL-DATA.request of
 * SSCF-UNI), AAL-ESTABLISH.request, and user events (indications, confirmations, VC
 * activation and deactivation). It has no clock of its own: every input carries the current
 * time in milliseconds (any monotonic origin); mcm_uni_tick() fires the timers that are due
 * and mcm_uni_next_deadline() says when to call it next.
 *
 * Memory: everything is allocated by mcm_uni_create() (call pool, party pool, hash tables,
 * timer heap, SETUP retransmission buffers) and freed by mcm_uni_destroy(); nothing is
 * allocated while calls come and go.
 *
 * Callbacks may call back into the instance (for instance accept a call from the
 * SETUP indication) except mcm_uni_destroy().
 */
#ifndef MCM_UNI_H
#define MCM_UNI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mcm_uni_msg.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque call-control instance. */
struct mcm_uni;

/** Which side of the UNI the instance plays (Q.2931 clause 2). */
enum mcm_uni_side {
	MCM_UNI_SIDE_USER = 0,
	MCM_UNI_SIDE_NETWORK = 1,
};

/*
 * Call states (U0..U12 / N0..N12, Q.2931 clause 2) are enum mcm_uni_call_state of
 * mcm_uni_ie.h, coded as in the call state IE; party states (P0..P7 of Q.2971 clause 8) are
 * enum mcm_uni_ep_state, coded as in the endpoint state IE; restart classes are
 * enum mcm_uni_restart_class.
 */

/** Restart states of the global call reference (Q.2931 2.4). */
enum mcm_uni_restart_state {
	MCM_UNI_RS_NULL = 0,     /**< Rest0 */
	MCM_UNI_RS_REQUEST = 61, /**< Rest1 restart request (RESTART sent) */
	MCM_UNI_RS_RESTART = 62, /**< Rest2 restart (RESTART received) */
};

/** SAAL (SSCF-UNI) link state as seen by call control. */
enum mcm_uni_link_state {
	MCM_UNI_LINK_DOWN = 0,
	MCM_UNI_LINK_ESTABLISHING = 1,
	MCM_UNI_LINK_UP = 2,
};

/**
 * Timer values in milliseconds. A zero field takes the default given with it.
 * Defaults are those of ATM Forum UNI 4.0 (af-sig-0061, section 5.7 tables) and Q.2931
 * clause 9 / Q.2971 clause 9 where UNI 4.0 does not change them.
 */
struct mcm_uni_timers {
	uint32_t t303; /**< SETUP sent: 4 s, retransmitted once (Q.2931 table 9-1/9-2) */
	uint32_t t308; /**< RELEASE sent: 30 s, retransmitted once (Q.2931 table 9-1/9-2) */
	uint32_t t309; /**< SAAL released while calls active: 10 s (UNI 4.0; Q.2931 says 90 s) */
	uint32_t t310; /**< CALL PROCEEDING received: 10 s (UNI 4.0; Q.2931 30..120 s) */
	uint32_t t313; /**< CONNECT sent (user side): 4 s (Q.2931 table 9-2) */
	uint32_t t316; /**< RESTART sent: 2 min (Q.2931 table 9-1/9-2) */
	uint32_t t317; /**< RESTART received: 60 s, less than T316 (Q.2931 table 9-1/9-2) */
	uint32_t t322; /**< STATUS ENQUIRY sent: 4 s (Q.2931 table 9-1/9-2) */
	uint32_t t397; /**< PARTY ALERTING received: 3 min (Q.2971 table 9) */
	uint32_t t398; /**< DROP PARTY sent: 4 s (Q.2971 table 9) */
	uint32_t t399; /**< ADD PARTY sent: 14 s (Q.2971 table 9, UNI 4.0 user side) */
};

/** Traffic contract and media parameters of a connection, for VC activation. */
struct mcm_uni_contract {
	uint32_t fwd_pcr;    /**< forward peak cell rate CLP=0+1, cells/s (0: not given) */
	uint32_t bwd_pcr;    /**< backward peak cell rate CLP=0+1, cells/s */
	uint32_t fwd_scr;    /**< forward sustainable cell rate CLP=0+1 (0: none) */
	uint32_t bwd_scr;    /**< backward sustainable cell rate CLP=0+1 */
	uint32_t fwd_mbs;    /**< forward maximum burst size CLP=0+1 (0: none) */
	uint32_t bwd_mbs;    /**< backward maximum burst size CLP=0+1 */
	uint16_t fwd_sdu;    /**< AAL5 forward maximum CPCS-SDU size (0: not given) */
	uint16_t bwd_sdu;    /**< AAL5 backward maximum CPCS-SDU size */
	uint8_t aal;         /**< AAL type from the AAL parameters IE (5 for AAL5, 0: none) */
	uint8_t best_effort; /**< best effort indicator of the traffic descriptor */
	uint8_t p2mp;        /**< user-plane configuration point-to-multipoint */
	uint8_t bearer_class; /**< broadband bearer class (BCOB-A 1, C 3, X 16, VP 24) */
};

/** Kinds of user events. */
enum mcm_uni_event_type {
	MCM_UNI_EV_SETUP_IND,      /**< incoming SETUP (msg); answer with proceeding/alert/
				    *   connect or reject */
	MCM_UNI_EV_PROCEEDING_IND, /**< CALL PROCEEDING received for our SETUP */
	MCM_UNI_EV_ALERTING_IND,   /**< ALERTING received for our SETUP */
	MCM_UNI_EV_CONNECTED,      /**< call entered the Active state (U10/N10) */
	MCM_UNI_EV_RELEASED,       /**< call back in Null; cause says why (peer, timer, link,
				    *   restart, our own release confirmed) */
	MCM_UNI_EV_VC_ACTIVATE,    /**< activate the VC: vpi, vci, contract; msg the CONNECT
				    *   that activates it on the calling side (its B-LLI, Q.2931
				    *   Annex C, says what the VC carries), else NULL */
	MCM_UNI_EV_VC_DEACTIVATE,  /**< deactivate the VC (sent before the call is released) */
	MCM_UNI_EV_PARTY_ADD_IND,  /**< ADD PARTY received (msg, epref); answer with
				    *   party_alert/add_party_ack/add_party_reject */
	MCM_UNI_EV_PARTY_ALERTING_IND, /**< PARTY ALERTING received */
	MCM_UNI_EV_PARTY_ACTIVE,   /**< party entered Active (ADD PARTY ACK, or call connected) */
	MCM_UNI_EV_PARTY_DROPPED,  /**< party back in Null (reject, drop, timer); cause */
	MCM_UNI_EV_RESTART_IND,    /**< RESTART received; answer with mcm_uni_restart_response()
				    *   before T317 expires */
	MCM_UNI_EV_RESTART_CONF,   /**< RESTART ACKNOWLEDGE received for our RESTART */
	MCM_UNI_EV_RESTART_FAIL,   /**< T316 expired the last time, or T317 expired: the
				    *   maintenance entity should act (Q.2931 5.5) */
	MCM_UNI_EV_STATUS_IND,     /**< STATUS received (state, cause) */
	MCM_UNI_EV_LINK_UP,        /**< SAAL established */
	MCM_UNI_EV_LINK_DOWN,      /**< SAAL released */
};

/** A user event. Pointers are valid only during the callback. */
struct mcm_uni_event {
	enum mcm_uni_event_type type;
	uint32_t call;          /**< call handle (0 for events of no call) */
	uint32_t cookie;        /**< the user's cookie of the call (mcm_uni_call_set_cookie) */
	uint16_t epref;         /**< endpoint reference value (party events) */
	uint8_t cause;          /**< Q.2931/Q.850 cause value (RELEASED, PARTY_DROPPED, STATUS) */
	uint8_t state;          /**< peer's call state (STATUS_IND) */
	uint8_t restart_class;  /**< enum mcm_uni_restart_class (restart events) */
	uint16_t vpi;           /**< VC events, restart of one VC */
	uint16_t vci;
	const struct mcm_uni_contract *contract; /**< VC_ACTIVATE */
	const struct mcm_uni_msg *msg;           /**< the decoded message, when one caused it */
};

/** Callbacks of an instance. */
struct mcm_uni_ops {
	/** Send one encoded message (AAL-DATA.request to SSCF-UNI). Return 0 if taken. */
	int (*send)(void *ctx, const uint8_t *msg, size_t len);
	/** Ask the SAAL to establish the link (AAL-ESTABLISH.request). May be NULL. */
	void (*establish_request)(void *ctx);
	/** Deliver a user event. */
	void (*event)(void *ctx, const struct mcm_uni_event *ev);
	/** Optional (NULL): true if the user has VPI/VCI in use outside call control (a
	 * permanent VC). Such a VC is never allocated to a call, and a SETUP naming it is
	 * refused with cause 35 (Q.2931 5.1.2, 5.2.3.2). Must not call back into the instance. */
	bool (*vc_taken)(void *ctx, uint16_t vpi, uint16_t vci);
};

/** Parameters of mcm_uni_create(). Zero fields take the documented defaults. */
struct mcm_uni_params {
	enum mcm_uni_side side;
	uint32_t max_calls;      /**< simultaneous calls (default 1024, at most 2^22) */
	uint32_t max_parties;    /**< party records for p2mp calls (default max_calls) */
	uint32_t max_pending_setups; /**< SETUPs we sent awaiting a first answer, each holding a
				      *   copy for the T303 retransmission (default
				      *   min(max_calls, 4096)) */
	uint16_t vpi_min, vpi_max; /**< network side: VPI range to allocate (default 0..0) */
	uint16_t vci_min, vci_max; /**< network side: VCI range (default 32..65535; never
				    *   below 32, Q.2931 / DESIGN.md: 0..31 are reserved) */
	uint8_t n303;            /**< SETUP transmissions before clearing (default 2) */
	uint8_t n308;            /**< RELEASE transmissions before giving up (default 2) */
	uint8_t n316;            /**< RESTART transmissions before maintenance (default 2) */
	uint8_t n322;            /**< STATUS ENQUIRY transmissions before clearing (default 3) */
	struct mcm_uni_timers timers;
	struct mcm_uni_ops ops;
	void *ctx;               /**< passed to every callback */
};

/** Counters of an instance. */
struct mcm_uni_stats {
	uint64_t rx_msgs, tx_msgs;
	uint64_t rx_discarded;     /**< messages ignored (bad header, 5.6.1..5.6.3) */
	uint64_t rx_status_sent;   /**< STATUS sent because of an error (5.6.4..5.6.8) */
	uint64_t unknown_cref;     /**< messages for unknown call references (5.6.3.2) */
	uint64_t timer_expiries;
	uint64_t calls_setup, calls_active, calls_released;
	uint32_t calls_in_use, parties_in_use, setups_pending;
	uint32_t calls_peak;
	uint64_t send_failures;
};

/** Fill @p p with the defaults for @p side (the timers of the standard). */
void mcm_uni_params_default(struct mcm_uni_params *p, enum mcm_uni_side side);

/**
 * Create an instance. Allocates all its memory now.
 * @return the instance, or NULL if a parameter is invalid or memory is short.
 */
struct mcm_uni *mcm_uni_create(const struct mcm_uni_params *p);

/** Free an instance and all its memory. No callback is made. NULL is accepted. */
void mcm_uni_destroy(struct mcm_uni *u);

/** Bytes allocated by the instance (all pools), for accounting. */
size_t mcm_uni_memory(const struct mcm_uni *u);

/** Bytes of state each call slot costs (call record, hash, timers, share of pools). */
size_t mcm_uni_bytes_per_call(void);

/* ---- SAAL interface (from SSCF-UNI, Q.2130) ---- */

/**
 * AAL-ESTABLISH.indication/confirm: the link is up. Stops T309 and enquires the state of
 * calls that survived (Q.2931 5.6.9, 5.6.10).
 */
void mcm_uni_saal_established(struct mcm_uni *u, uint64_t now);

/**
 * AAL-RELEASE.indication/confirm: the link is down. Calls not Active are cleared, Active
 * calls are kept while T309 runs, and re-establishment is requested (Q.2931 5.6.10).
 */
void mcm_uni_saal_released(struct mcm_uni *u, uint64_t now);

/**
 * AAL-DATA.indication: one received message. Never fails: errors are handled by the
 * procedures of Q.2931 5.6 (answers sent, message discarded).
 */
void mcm_uni_input(struct mcm_uni *u, const uint8_t *msg, size_t len, uint64_t now);

/* ---- time ---- */

/** Fire every timer due at @p now. */
void mcm_uni_tick(struct mcm_uni *u, uint64_t now);

/** Earliest timer deadline, or UINT64_MAX if no timer runs. O(1). */
uint64_t mcm_uni_next_deadline(const struct mcm_uni *u);

/* ---- user primitives. All return 0 or a negative errno. ---- */

/**
 * Start an outgoing call. @p setup gives the SETUP's IEs (called party, AAL parameters,
 * traffic descriptor, bearer capability, QoS, ...); the call reference and, on the network
 * side, the connection identifier are filled in here. For a point-to-multipoint call the
 * endpoint reference IE is added with value 0 (Q.2971 5.1).
 * @param call  receives the call handle
 * @return 0, -ENOTCONN (link not up: establishment requested, retry when LINK_UP),
 *   -ENOSPC (no call or SETUP buffer free), -EADDRNOTAVAIL (no VPI/VCI free, network side),
 *   -EINVAL (message does not encode)
 */
int mcm_uni_setup_request(struct mcm_uni *u, const struct mcm_uni_msg *setup, uint32_t *call,
			  uint64_t now);

/** Send CALL PROCEEDING for an incoming call (U6 -> U9, N1 -> N3). */
int mcm_uni_proceeding_request(struct mcm_uni *u, uint32_t call, uint64_t now);

/** Send ALERTING for an incoming call (U6/U9 -> U7, N1/N3 -> N4). */
int mcm_uni_alert_request(struct mcm_uni *u, uint32_t call, uint64_t now);

/** Accept an incoming call: send CONNECT (user: U8 and T313; network: N10). */
int mcm_uni_connect_request(struct mcm_uni *u, uint32_t call, uint64_t now);

/**
 * Accept an incoming call with smaller AAL 5 maximum CPCS-SDU sizes than its SETUP asked for:
 * CONNECT carries the AAL parameters IE with them (Q.2931 Annex F, AAL parameter
 * negotiation; RFC 1626: an SVC's MTU is negotiated so), and the call's contract, which the
 * VC is activated with, takes them.
 * @param u        the instance.
 * @param call     the incoming call.
 * @param fwd_sdu  forward (calling to called) maximum, at most the SETUP's (when it gave
 *                 one); 0: the SETUP's.
 * @param bwd_sdu  backward maximum, likewise.
 * @param now      the time, ns.
 * @return as mcm_uni_connect_request(); -EINVAL a size above the SETUP's, or a SETUP without
 *   AAL 5 parameters. The calling side clears a CONNECT that raises a size, or names another
 *   AAL, with cause 78 (AAL parameters cannot be supported).
 */
int mcm_uni_connect_request_sdu(struct mcm_uni *u, uint32_t call, uint16_t fwd_sdu,
				uint16_t bwd_sdu, uint64_t now);

/**
 * Accept an incoming call naming the B-LLI chosen among the SETUP's: when a SETUP offers
 * more than one, CONNECT carries the one the called user took, and without it the calling
 * side takes the first (Q.2931 Annex C, B-LLI negotiation).
 * @param u        the instance.
 * @param call     the incoming call.
 * @param fwd_sdu  as mcm_uni_connect_request_sdu(); both sizes 0 with @p blli: CONNECT
 *                 carries no AAL parameters, as mcm_uni_connect_request().
 * @param bwd_sdu  likewise.
 * @param blli     the B-LLI for CONNECT (copied; present is set), or NULL: none.
 * @param now      the time, ns.
 * @return as mcm_uni_connect_request_sdu().
 */
int mcm_uni_connect_request_blli(struct mcm_uni *u, uint32_t call, uint16_t fwd_sdu,
				 uint16_t bwd_sdu, const struct mcm_uni_ie_blli *blli,
				 uint64_t now);

/** Reject an incoming call before answering it: RELEASE COMPLETE with @p cause. */
int mcm_uni_reject_request(struct mcm_uni *u, uint32_t call, uint8_t cause, uint64_t now);

/** Clear a call: RELEASE with @p cause and T308 (Q.2931 5.4.2/5.4.3). */
int mcm_uni_release_request(struct mcm_uni *u, uint32_t call, uint8_t cause, uint64_t now);

/** Send STATUS ENQUIRY on a call and start T322 (Q.2931 5.6.11). */
int mcm_uni_status_enquiry_request(struct mcm_uni *u, uint32_t call, uint64_t now);

/**
 * Add a party to an Active point-to-multipoint call (Q.2971 5.2). @p add gives the IEs of
 * ADD PARTY (called party...); the endpoint reference is allocated here.
 * @param epref receives the endpoint reference value
 */
int mcm_uni_add_party_request(struct mcm_uni *u, uint32_t call, const struct mcm_uni_msg *add,
			      uint16_t *epref, uint64_t now);

/** Send PARTY ALERTING for a received ADD PARTY. */
int mcm_uni_party_alert_request(struct mcm_uni *u, uint32_t call, uint16_t epref,
				uint64_t now);

/** Accept a received ADD PARTY: ADD PARTY ACKNOWLEDGE, party Active. */
int mcm_uni_add_party_ack_request(struct mcm_uni *u, uint32_t call, uint16_t epref,
				  uint64_t now);

/** Reject a received ADD PARTY: ADD PARTY REJECT with @p cause. */
int mcm_uni_add_party_reject_request(struct mcm_uni *u, uint32_t call, uint16_t epref,
				     uint8_t cause, uint64_t now);

/**
 * Drop a party: DROP PARTY and T398. Dropping the last party clears the call with RELEASE
 * instead (Q.2971 5.3).
 */
int mcm_uni_drop_party_request(struct mcm_uni *u, uint32_t call, uint16_t epref, uint8_t cause,
			       uint64_t now);

/**
 * Send RESTART for one VC (@p cls MCM_UNI_RESTART_VC with @p vpi/@p vci) or all VCs
 * (MCM_UNI_RESTART_ALL). The calls concerned are cleared locally; T316 runs until
 * RESTART ACKNOWLEDGE (Q.2931 5.5.1).
 * @return -EBUSY if a restart we sent is still unanswered
 */
int mcm_uni_restart_request(struct mcm_uni *u, enum mcm_uni_restart_class cls, uint16_t vpi,
			    uint16_t vci, uint64_t now);

/** Answer a RESTART_IND: resources are idle, send RESTART ACKNOWLEDGE (Q.2931 5.5.2). */
int mcm_uni_restart_response(struct mcm_uni *u, uint64_t now);

/* ---- queries ---- */

/** Attach a user value to a call, echoed in its events. */
int mcm_uni_call_set_cookie(struct mcm_uni *u, uint32_t call, uint32_t cookie);

/** Call state of @p call, or MCM_UNI_CS_NULL if the handle is not in use. */
enum mcm_uni_call_state mcm_uni_call_state(const struct mcm_uni *u, uint32_t call);

/**
 * Call reference value of @p call, whether this side originated it (sent the SETUP, so
 * allocated the call reference, Q.2931 4.3) and its VC (0/0 until known).
 * Any output pointer may be NULL. @return 0, or -ENOENT if the handle is not in use.
 */
int mcm_uni_call_info(const struct mcm_uni *u, uint32_t call, uint32_t *cref, bool *outgoing,
		      uint16_t *vpi, uint16_t *vci);

/** Traffic contract of @p call, as taken from its SETUP. @return 0 or -ENOENT. */
int mcm_uni_call_contract(const struct mcm_uni *u, uint32_t call, struct mcm_uni_contract *k);

/**
 * Walk the calls in use: start with @p prev 0, then pass the previous handle.
 * O(max_calls) for a whole walk. @return the next handle, or 0 at the end.
 */
uint32_t mcm_uni_call_next(const struct mcm_uni *u, uint32_t prev);

/** Party state of @p epref on @p call (MCM_UNI_EPS_NULL if unknown). */
enum mcm_uni_ep_state mcm_uni_party_state(const struct mcm_uni *u, uint32_t call,
					     uint16_t epref);

/** Find a call by its call reference (value, and whether we originated it); 0 if none. */
uint32_t mcm_uni_call_by_cref(const struct mcm_uni *u, uint32_t cref, bool outgoing);

/** Restart state of the global call reference. */
enum mcm_uni_restart_state mcm_uni_restart_state(const struct mcm_uni *u);

/** SAAL link state. */
enum mcm_uni_link_state mcm_uni_link_state(const struct mcm_uni *u);

/** Copy the counters. */
void mcm_uni_get_stats(const struct mcm_uni *u, struct mcm_uni_stats *st);

/**
 * Check the instance's internal invariants (hash tables, timer heap, pools, counters).
 * O(max_calls); meant for tests and fuzzing.
 * @return 0, or -EFAULT if something is inconsistent
 */
int mcm_uni_selfcheck(const struct mcm_uni *u);

/** Name of a state for logs ("U10", "N3"...). */
const char *mcm_uni_state_name(enum mcm_uni_side side, enum mcm_uni_call_state st);

#ifdef __cplusplus
}
#endif

#endif
