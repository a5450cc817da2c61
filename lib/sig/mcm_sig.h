/* SPDX-License-Identifier: BSD-3-Clause
 * The UNI signalling entity of one port: SSCF-UNI over SSCOP (Q.2130 / Q.2110, lib/sscop)
 * under UNI 4.0 call control (Q.2931 / Q.2971, lib/uni), bound together once, sans-IO.
 *
 * The entity owns one SSCF-UNI (with its SSCOP) and one call-control instance. It takes
 * received SSCOP PDUs, user primitives and the passage of time, and gives SSCOP PDUs to
 * transmit on the signalling VC, call-control events and, optionally, trace lines, all
 * through the callbacks of struct mcm_sig_cbs.
 *
 * Time: every entry point takes `now` in nanoseconds (CLOCK_MONOTONIC-like, never
 * decreasing). SSCOP runs on nanoseconds, call control on milliseconds: the entity converts
 * in one place. mcm_sig_next_deadline() says when mcm_sig_tick() is due next.
 *
 * AAL primitives from SSCF-UNI are queued inside the entity and handed to call control once
 * the SSCF-UNI call that produced them has returned (call control answers into the same
 * SSCF-UNI). Events reach the user outside any SSCF-UNI/SSCOP call stack, so the event
 * callback may call the mcm_sig_* primitives (not mcm_sig_destroy()).
 *
 * Not thread-safe: one thread (the port's control thread) uses an entity.
 */
#ifndef MCM_SIG_H
#define MCM_SIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mcm_sscf_uni.h"
#include "mcm_uni.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Trace layers, a bit set for mcm_sig_set_trace(). */
enum mcm_sig_trace_layer {
	MCM_SIG_TRACE_SSCOP = 1, /**< one line per SSCOP PDU received or sent */
	MCM_SIG_TRACE_UNI = 2,   /**< one line per Q.2931 message received or sent */
};

/** Callbacks of an entity; send_pdu and event are mandatory. */
struct mcm_sig_cbs {
	/** One SSCOP PDU to transmit on the signalling VC (an AAL5 CPCS-SDU). Valid only
	 * during the call; must not call back into the entity. */
	void (*send_pdu)(void *arg, const uint8_t *pdu, size_t len);
	/** A call-control event (struct mcm_uni_event of mcm_uni.h, LINK_UP/LINK_DOWN
	 * included, each only on a change). Delivered outside SSCF-UNI/SSCOP call stacks;
	 * may call the mcm_sig_* primitives. */
	void (*event)(void *arg, const struct mcm_uni_event *ev);
	/** Optional (NULL): one decoded line per PDU / message in and out, see
	 * mcm_sig_set_trace(). Must not call back into the entity. */
	void (*trace)(void *arg, enum mcm_sig_trace_layer layer, bool out, const char *line);
	void *arg;
	/** Optional (NULL): the user's VCs outside call control (PVCs), never given to a call;
	 * see mcm_uni_ops.vc_taken. Must not call back into the entity. */
	bool (*vc_taken)(void *arg, uint16_t vpi, uint16_t vci);
};

/** Parameters of mcm_sig_create(). */
struct mcm_sig_params {
	struct mcm_uni_params uni;     /**< side, max_calls, VPI/VCI range, timers; ops and
					*   ctx are ignored (the entity sets its own) */
	struct mcm_sscop_params sscop; /**< SSCOP parameters (times in ns) */
	/** Added: pause in ns before the entity tries again to establish a link whose last
	 * establishment failed (0: 1 s). */
	uint64_t t_retry;
};

/** Counters of an entity (added to the contract). */
struct mcm_sig_stats {
	uint64_t pdus_in, pdus_out;      /**< SSCOP PDUs received / given to send_pdu */
	uint64_t bgn_refused;            /**< BGNs dropped while not started / stopped */
	uint64_t establish_requests;     /**< AAL-ESTABLISH.request given to SSCF-UNI */
	uint64_t link_ups, link_downs;   /**< LINK_UP / LINK_DOWN events delivered */
	uint64_t aal_signals;            /**< AAL primitives queued and delivered */
	uint64_t data_req_failures;      /**< messages SSCF-UNI refused (link going down) */
	uint64_t maa_errors;             /**< SSCOP MAA-ERROR.indications */
	uint64_t released_synthesised;   /**< RELEASED events made for user-side rejects */
};

struct mcm_sig;

/**
 * Defaults: the UNI values of SSCOP (Q.2130, mcm_sscf_uni_params_default()) and
 * mcm_uni_params_default() for @p side; t_retry 1 s.
 * @param p     parameters to fill.
 * @param side  user or network side of the UNI.
 */
void mcm_sig_params_default(struct mcm_sig_params *p, enum mcm_uni_side side);

/**
 * Create an entity: link released, not started (it neither asks for nor accepts a link
 * before mcm_sig_start()).
 * @param p    parameters (copied).
 * @param cbs  callbacks (copied).
 * @return the entity, or NULL (bad parameters, no memory).
 */
struct mcm_sig *mcm_sig_create(const struct mcm_sig_params *p, const struct mcm_sig_cbs *cbs);

/**
 * Free an entity, its SSCF-UNI/SSCOP and call control. No callback is made.
 * @param s  the entity; NULL is allowed.
 */
void mcm_sig_destroy(struct mcm_sig *s);

/**
 * AAL-ESTABLISH.request: from now on the link is kept up, re-established after any
 * release or failure (at once when an established link is lost, then every t_retry after
 * a failed attempt).
 * @param s    the entity.
 * @param now  current time, ns.
 */
void mcm_sig_start(struct mcm_sig *s, uint64_t now);

/**
 * Deliberate AAL-RELEASE.request: the link is released and not re-established; every call
 * is cleared (RELEASED with cause 41); BGNs from the peer are refused (not answered) until
 * mcm_sig_start().
 * @param s    the entity.
 * @param now  current time, ns.
 */
void mcm_sig_stop(struct mcm_sig *s, uint64_t now);

/**
 * One SSCOP PDU received on the signalling VC.
 * @param s    the entity.
 * @param now  current time, ns.
 * @param pdu  the PDU (an AAL5 CPCS-SDU).
 * @param len  its length.
 */
void mcm_sig_input(struct mcm_sig *s, uint64_t now, const uint8_t *pdu, size_t len);

/**
 * Run the SSCOP, call-control and entity timers due at @p now.
 * @param s    the entity.
 * @param now  current time, ns.
 */
void mcm_sig_tick(struct mcm_sig *s, uint64_t now);

/**
 * When mcm_sig_tick() is due next.
 * @param s  the entity.
 * @return the earliest SSCOP, call-control or entity deadline in ns, UINT64_MAX if none.
 */
uint64_t mcm_sig_next_deadline(const struct mcm_sig *s);

/**
 * Choose the trace layers; 0 (the default) turns tracing off (no trace work at all).
 * @param s       the entity.
 * @param layers  bit set of enum mcm_sig_trace_layer.
 */
void mcm_sig_set_trace(struct mcm_sig *s, unsigned int layers);

/* ---- user primitives: meaning and return codes of the mcm_uni_* they wrap (mcm_uni.h) ---- */

/** mcm_uni_setup_request(). @param s entity @param now ns @param setup SETUP IEs
 * @param call receives the handle @return 0 or a negative errno */
int mcm_sig_setup(struct mcm_sig *s, uint64_t now, const struct mcm_uni_msg *setup,
		  uint32_t *call);
/** mcm_uni_proceeding_request(). @param s entity @param now ns @param call handle
 * @return 0 or a negative errno */
int mcm_sig_proceeding(struct mcm_sig *s, uint64_t now, uint32_t call);
/** mcm_uni_alert_request(). @param s entity @param now ns @param call handle
 * @return 0 or a negative errno */
int mcm_sig_alert(struct mcm_sig *s, uint64_t now, uint32_t call);
/** mcm_uni_connect_request(). @param s entity @param now ns @param call handle
 * @return 0 or a negative errno */
int mcm_sig_connect(struct mcm_sig *s, uint64_t now, uint32_t call);
/** mcm_uni_connect_request_sdu(): CONNECT with lower AAL 5 maximum CPCS-SDU sizes.
 * @param s entity @param now ns @param call handle @param fwd_sdu forward maximum, 0: the
 * SETUP's @param bwd_sdu backward maximum, 0: the SETUP's @return 0 or a negative errno */
int mcm_sig_connect_sdu(struct mcm_sig *s, uint64_t now, uint32_t call, uint16_t fwd_sdu,
			uint16_t bwd_sdu);
/**
 * mcm_uni_reject_request(), normalised: on either side the caller later sees exactly one
 * RELEASED event for @p call, carrying @p cause (on the user side, where call control
 * frees the call at once, the entity makes that event itself, delivered after this call).
 * @param s      entity.
 * @param now    ns.
 * @param call   handle of an incoming call not yet answered.
 * @param cause  Q.2931 cause value.
 * @return 0 or a negative errno (then no event).
 */
int mcm_sig_reject(struct mcm_sig *s, uint64_t now, uint32_t call, uint8_t cause);
/** mcm_uni_release_request(). @param s entity @param now ns @param call handle
 * @param cause cause value @return 0 or a negative errno */
int mcm_sig_release(struct mcm_sig *s, uint64_t now, uint32_t call, uint8_t cause);
/** mcm_uni_status_enquiry_request(). @param s entity @param now ns @param call handle
 * @return 0 or a negative errno */
int mcm_sig_status_enquiry(struct mcm_sig *s, uint64_t now, uint32_t call);
/** mcm_uni_add_party_request(). @param s entity @param now ns @param call handle
 * @param add ADD PARTY IEs @param epref receives the endpoint reference
 * @return 0 or a negative errno */
int mcm_sig_add_party(struct mcm_sig *s, uint64_t now, uint32_t call,
		      const struct mcm_uni_msg *add, uint16_t *epref);
/** mcm_uni_party_alert_request(). @param s entity @param now ns @param call handle
 * @param epref endpoint reference @return 0 or a negative errno */
int mcm_sig_party_alert(struct mcm_sig *s, uint64_t now, uint32_t call, uint16_t epref);
/** mcm_uni_add_party_ack_request(). @param s entity @param now ns @param call handle
 * @param epref endpoint reference @return 0 or a negative errno */
int mcm_sig_add_party_ack(struct mcm_sig *s, uint64_t now, uint32_t call, uint16_t epref);
/** mcm_uni_add_party_reject_request(). @param s entity @param now ns @param call handle
 * @param epref endpoint reference @param cause cause value @return 0 or a negative errno */
int mcm_sig_add_party_reject(struct mcm_sig *s, uint64_t now, uint32_t call, uint16_t epref,
			     uint8_t cause);
/** mcm_uni_drop_party_request(). @param s entity @param now ns @param call handle
 * @param epref endpoint reference @param cause cause value @return 0 or a negative errno */
int mcm_sig_drop_party(struct mcm_sig *s, uint64_t now, uint32_t call, uint16_t epref,
		       uint8_t cause);
/** mcm_uni_restart_request(). @param s entity @param now ns @param cls restart class
 * @param vpi VPI @param vci VCI @return 0 or a negative errno */
int mcm_sig_restart(struct mcm_sig *s, uint64_t now, enum mcm_uni_restart_class cls,
		    uint16_t vpi, uint16_t vci);
/** mcm_uni_restart_response(). @param s entity @param now ns
 * @return 0 or a negative errno */
int mcm_sig_restart_response(struct mcm_sig *s, uint64_t now);

/* ---- state ---- */

/** Call control, for queries only. @param s entity @return the instance */
struct mcm_uni *mcm_sig_uni(struct mcm_sig *s);
/** SSCF-UNI, for queries only. @param s entity @return the instance */
struct mcm_sscf_uni *mcm_sig_sscf(struct mcm_sig *s);
/**
 * Link state: UP when call control has the link, ESTABLISHING while SSCF-UNI establishes
 * it, DOWN otherwise.
 * @param s  entity.
 * @return the state.
 */
enum mcm_uni_link_state mcm_sig_link_state(const struct mcm_sig *s);
/** SSCOP state name. @param s entity @return "IDLE", "READY", ... */
const char *mcm_sig_sscop_state_name(const struct mcm_sig *s);
/** Whether the entity is started (added). @param s entity @return true between
 * mcm_sig_start() and mcm_sig_stop() */
bool mcm_sig_started(const struct mcm_sig *s);
/** Copy the counters (added). @param s entity @param st receives them */
void mcm_sig_get_stats(const struct mcm_sig *s, struct mcm_sig_stats *st);
/** Heap bytes of the entity's own buffers (added; call control and SSCOP have
 * mcm_uni_memory() and mcm_sscop_memory()). @param s entity @return bytes */
size_t mcm_sig_memory(const struct mcm_sig *s);

/* ---- the common SETUP (Q.2931 5.1.1, UNI 4.0 annex on UBR) ---- */

/** RFC 2684 encapsulation a SETUP asks for in its B-LLI (RFC 2684 7, RFC 1755 5.1.3). */
enum mcm_sig_blli {
	MCM_SIG_BLLI_NONE,          /**< builder: no B-LLI IE; mcm_sig_setup_blli(): B-LLIs
				     *   present, none of them one of ours */
	MCM_SIG_BLLI_LLC,           /**< layer 2 LAN LLC (ISO 8802/2): LLC encapsulation,
				     *   routed or bridged alike (the PDUs' own headers tell) */
	MCM_SIG_BLLI_VCMUX_BRIDGED, /**< layer 3 ISO/IEC TR 9577, SNAP OUI 00-80-C2,
				     *   PID 00-07: VC-mux bridged Ethernet without its FCS
				     *   (RFC 2684 / 1755; with it, PID 00-01, is not ours) */
	MCM_SIG_BLLI_VCMUX_ROUTED,  /**< layer 3 ISO/IEC TR 9577 naming one routed protocol:
				     *   its NLPID as the IPI (0xCC IPv4, 0x8E IPv6), or IPI SNAP
				     *   with OUI 00-00-00 and its EtherType (RFC 2684 7, RFC 2492
				     *   6 for IPv6) */
};

/** Most B-LLIs a SETUP offers after its first (Q.2931 Annex C: three in all). */
#define MCM_SIG_MAX_ALT_BLLI 2

/** EtherType of IPv4, the routed protocol of a VC-mux routed B-LLI by default. */
#define MCM_SIG_PROTO_IPV4 0x0800u
/** EtherType of IPv6. */
#define MCM_SIG_PROTO_IPV6 0x86ddu

/** The B-LLI of a SETUP that an end system takes (Q.2931 Annex C), as its parts. */
struct mcm_sig_blli_pick {
	enum mcm_sig_blli kind;  /**< the encapsulation */
	uint16_t proto;          /**< MCM_SIG_BLLI_VCMUX_ROUTED: EtherType of the protocol */
	uint8_t nlpid;           /**< MCM_SIG_BLLI_VCMUX_ROUTED: 1 the IPI was the protocol's
				  *   NLPID, 0 IPI SNAP with the EtherType */
	uint8_t index;           /**< which of the SETUP's B-LLIs, from 0 (0 with none) */
	uint8_t offered;         /**< B-LLIs the SETUP carries */
};

/** Arguments of mcm_sig_setup_build(). */
struct mcm_sig_setup_args {
	const uint8_t *called;       /**< AESA, 20 octets (NSAP plan) */
	uint8_t called_len;
	const uint8_t *calling;      /**< optional (NULL); AESA, 20 octets */
	uint8_t calling_len;
	uint32_t fwd_pcr, bwd_pcr;   /**< cells/s; 0 both: OC-3 line rate (353207); 0 one:
				      *   the other's value */
	uint16_t fwd_sdu, bwd_sdu;   /**< AAL5 max CPCS-SDU; 0: 9188 */
	enum mcm_sig_blli blli;      /**< encapsulation asked for */
	uint16_t routed_proto;       /**< MCM_SIG_BLLI_VCMUX_ROUTED: EtherType of the routed
				      *   protocol; 0: IPv4 */
	uint8_t n_alt;               /**< further B-LLIs offered after blli, in order of
				      *   preference (Q.2931 Annex C): 0..MCM_SIG_MAX_ALT_BLLI */
	enum mcm_sig_blli alt[2];    /**< their encapsulations (none: -EINVAL) */
	uint16_t alt_proto[2];       /**< their routed protocols, as routed_proto */
	const uint8_t *bhli;         /**< optional (NULL): BHLI information, 1..8 octets */
	uint8_t bhli_len;
	uint8_t bhli_type;           /**< enum mcm_uni_bhli_type */
	bool p2mp;                   /**< point-to-multipoint (Q.2971) */
};

/** Default PCR of a UBR SETUP without rates: an OC-3c / STM-1 line, cells/s. */
#define MCM_SIG_UBR_PCR 353207u

/**
 * Build a UBR SETUP: bearer class BCOB-X without the transfer capability octet, traffic
 * descriptor with forward/backward PCR (CLP=0+1) and the best effort indicator, QoS class 0,
 * AAL5 parameters, called (and calling) party number, B-LLI (up to three, each once), BHLI.
 * The result is checked to encode and to decode with no Q.2931 5.6 finding.
 * @param m  message to fill (zeroed first).
 * @param a  arguments.
 * @return 0, or -EINVAL (bad argument, or the message does not pass the codec).
 */
int mcm_sig_setup_build(struct mcm_uni_msg *m, const struct mcm_sig_setup_args *a);

/**
 * Which encapsulation an incoming SETUP's B-LLI asks for: the first B-LLI that is one of
 * ours; MCM_SIG_BLLI_LLC when it has none (RFC 2684 default); MCM_SIG_BLLI_NONE when it
 * has B-LLIs but none of ours.
 * @param m  decoded SETUP.
 * @return the encapsulation.
 */
enum mcm_sig_blli mcm_sig_setup_blli(const struct mcm_uni_msg *m);

/**
 * As mcm_sig_setup_blli(), with the routed protocol and which B-LLI it was: the SETUP lists
 * them in order of preference, and the first that is one of ours is taken (Q.2931 Annex
 * C). A VC-mux routed B-LLI is ours when its IPI is an NLPID with an EtherType (IPv4, IPv6)
 * or SNAP with OUI 00-00-00.
 * @param m     decoded SETUP.
 * @param pick  receives the choice (kind as mcm_sig_setup_blli() returns).
 */
void mcm_sig_setup_blli_pick(const struct mcm_uni_msg *m, struct mcm_sig_blli_pick *pick);

/**
 * The next of a SETUP's B-LLIs that is one of ours, after @p pick: the called user's next
 * choice when the one before suits none of its SAPs (Q.2931 Annex C).
 * @param m     decoded SETUP.
 * @param pick  a choice of mcm_sig_setup_blli_pick() or of this function; replaced by the
 *              next one.
 * @return true with @p pick replaced; false when there is none (@p pick unchanged).
 */
bool mcm_sig_setup_blli_next(const struct mcm_uni_msg *m, struct mcm_sig_blli_pick *pick);

/**
 * The B-LLI IE for an encapsulation: the one a SETUP offers, or the one CONNECT names when
 * the SETUP offered several (Q.2931 Annex C).
 * @param kind    MCM_SIG_BLLI_LLC, _VCMUX_BRIDGED or _VCMUX_ROUTED.
 * @param proto   _VCMUX_ROUTED: the EtherType of the routed protocol, 0: IPv4.
 * @param nlpid   _VCMUX_ROUTED: 1 the IPI is the protocol's NLPID where it has one (IPv4:
 *                RFC 2684 7; IPv6 0x8E, which RFC 2492 does not use), 0 IPI SNAP.
 * @param ie      receives the IE (zeroed first).
 * @return 0, or -EINVAL (MCM_SIG_BLLI_NONE, another kind, an NLPID IPv4 and IPv6 lack).
 */
int mcm_sig_blli_ie(enum mcm_sig_blli kind, uint16_t proto, bool nlpid,
		    struct mcm_uni_ie_blli *ie);

/**
 * mcm_uni_connect_request_blli(): CONNECT with the B-LLI the called user chose among the
 * SETUP's (Q.2931 Annex C), and optionally lower AAL 5 sizes (Annex F).
 * @param s        entity.
 * @param now      ns.
 * @param call     handle.
 * @param fwd_sdu  forward maximum; 0 both: no AAL parameters.
 * @param bwd_sdu  backward maximum.
 * @param blli     the B-LLI, or NULL.
 * @return 0 or a negative errno.
 */
int mcm_sig_connect_blli(struct mcm_sig *s, uint64_t now, uint32_t call, uint16_t fwd_sdu,
			 uint16_t bwd_sdu, const struct mcm_uni_ie_blli *blli);

#ifdef __cplusplus
}
#endif

#endif /* MCM_SIG_H */
