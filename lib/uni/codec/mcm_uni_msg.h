/* SPDX-License-Identifier: BSD-3-Clause
 * UNI 4.0 signalling message codec (ITU-T Q.2931, Q.2971, ATM Forum UNI 4.0).
 *
 * Sans-IO: pure functions over caller buffers. No allocation, no global mutable state.
 *
 * API-READY: from here on this header only grows (additive changes). Breaking changes, if
 * ever needed, are listed in this comment.
 * Additions since: IEs ABR setup (0x84) and ABR additional parameters (0xe4), as fields
 * abrsetup/abradd at the end of struct mcm_uni_msg (SETUP, CONNECT), connection scope
 * selection (0xeb) as field cscope (SETUP); report fields
 * out_of_order and msg_len at the end of struct mcm_uni_decode_report.
 */
/* API-READY */
#ifndef MCM_UNI_MSG_H
#define MCM_UNI_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mcm_uni_ie.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Protocol discriminator of Q.2931 (Q.2931 4.2). */
#define MCM_UNI_PD 0x09
/** Length of the call reference value in octets (Q.2931 4.3). */
#define MCM_UNI_CREF_LEN 3
/** Fixed header: PD, cref length, 3 cref octets, 2 message type octets, 2 length octets. */
#define MCM_UNI_HDR_LEN 9
/** Call reference value mask (23 bits; the flag is separate). */
#define MCM_UNI_CREF_MASK 0x7fffffu
/** The global call reference value (Q.2931 4.3): value 0 (either flag). */
#define MCM_UNI_CREF_GLOBAL 0u

/** Message types (Q.2931 4.4, Q.2971, UNI 4.0 section 3). */
enum mcm_uni_msg_type {
	MCM_UNI_MSG_ALERTING = 0x01,
	MCM_UNI_MSG_CALL_PROCEEDING = 0x02,
	MCM_UNI_MSG_SETUP = 0x05,
	MCM_UNI_MSG_CONNECT = 0x07,
	MCM_UNI_MSG_CONNECT_ACK = 0x0f,
	MCM_UNI_MSG_RESTART = 0x46,
	MCM_UNI_MSG_RELEASE = 0x4d,
	MCM_UNI_MSG_RESTART_ACK = 0x4e,
	MCM_UNI_MSG_RELEASE_COMPLETE = 0x5a,
	MCM_UNI_MSG_NOTIFY = 0x6e,
	MCM_UNI_MSG_STATUS_ENQUIRY = 0x75,
	MCM_UNI_MSG_STATUS = 0x7d,
	MCM_UNI_MSG_ADD_PARTY = 0x80,
	MCM_UNI_MSG_ADD_PARTY_ACK = 0x81,
	MCM_UNI_MSG_ADD_PARTY_REJECT = 0x82,
	MCM_UNI_MSG_DROP_PARTY = 0x83,
	MCM_UNI_MSG_DROP_PARTY_ACK = 0x84,
	MCM_UNI_MSG_PARTY_ALERTING = 0x85,
};

/** Message action indicator, bits 2-1 of the second message type octet (Q.2931 4.4.2). */
enum mcm_uni_msg_action {
	MCM_UNI_MSGA_CLEAR = 0,          /**< clear call */
	MCM_UNI_MSGA_IGNORE = 1,         /**< discard and ignore */
	MCM_UNI_MSGA_REPORT = 2,         /**< discard and report status */
};

/** Limits on repeated IEs (Q.2931 / UNI 4.0 message tables). */
#define MCM_UNI_MAX_CAUSE 2
#define MCM_UNI_MAX_BLLI 3
#define MCM_UNI_MAX_SUBADDR 2
/** Unrecognised / other-codeset IEs kept per message; further ones are still reported. */
#define MCM_UNI_MAX_RAW 8

/**
 * A message: header plus every IE the codec knows, each with a presence flag.
 * Which IEs a message type may carry is given by mcm_uni_msg_ie_rule(); the encoder refuses
 * a message with an IE its type does not allow (except the raw list, emitted as given).
 */
struct mcm_uni_msg {
	/* header (Q.2931 4.1-4.4) */
	uint8_t type;              /**< enum mcm_uni_msg_type (any octet value when decoded) */
	uint32_t cref;             /**< call reference value, 23 bits */
	bool cref_flag;            /**< set by the side that did not allocate the cref */
	bool msg_flag;             /**< message instruction field flag */
	uint8_t msg_action;        /**< enum mcm_uni_msg_action */

	/* IEs of codeset 0 */
	uint8_t n_cause;
	struct mcm_uni_ie_cause cause[MCM_UNI_MAX_CAUSE];
	struct mcm_uni_ie_call_state call_state;
	struct mcm_uni_ie_epref epref;
	struct mcm_uni_ie_epstate epstate;
	struct mcm_uni_ie_aal aal;
	struct mcm_uni_ie_traffic traffic;
	struct mcm_uni_ie_traffic atraffic;    /**< alternative ATM traffic descriptor */
	struct mcm_uni_ie_traffic mintraffic;  /**< minimum acceptable ATM traffic descriptor */
	struct mcm_uni_ie_connid connid;
	struct mcm_uni_ie_qos qos;
	struct mcm_uni_ie_exqos exqos;
	struct mcm_uni_ie_eetd eetd;
	struct mcm_uni_ie_bearer bearer;
	struct mcm_uni_ie_bhli bhli;
	struct mcm_uni_ie_repeat blli_repeat;  /**< repeat indicator ahead of the BLLIs */
	uint8_t n_blli;
	struct mcm_uni_ie_blli blli[MCM_UNI_MAX_BLLI];
	struct mcm_uni_ie_scompl scompl;
	struct mcm_uni_ie_number called;
	uint8_t n_calledsub;
	struct mcm_uni_ie_subaddr calledsub[MCM_UNI_MAX_SUBADDR];
	struct mcm_uni_ie_number calling;
	uint8_t n_callingsub;
	struct mcm_uni_ie_subaddr callingsub[MCM_UNI_MAX_SUBADDR];
	struct mcm_uni_ie_tns tns;
	struct mcm_uni_ie_restart restart;
	struct mcm_uni_ie_notify notify;

	/* unrecognised IEs and IEs of other codesets, in message order */
	uint8_t n_raw;
	struct mcm_uni_ie_raw raw[MCM_UNI_MAX_RAW];

	/* added after API-READY (UNI 4.0 ABR, SETUP and CONNECT) */
	struct mcm_uni_ie_abrsetup abrsetup;
	struct mcm_uni_ie_abradd abradd;
	struct mcm_uni_ie_cscope cscope;       /**< connection scope selection (SETUP) */
};

/* ---- Per-message IE rules ---------------------------------------------------------------- */

/** Direction of a message across the UNI. */
enum mcm_uni_dir {
	MCM_UNI_DIR_U2N = 0,       /**< user to network */
	MCM_UNI_DIR_N2U = 1,       /**< network to user */
};

/** Whether an IE may appear in a message. */
enum mcm_uni_ie_req {
	MCM_UNI_IE_NOT_ALLOWED = 0,
	MCM_UNI_IE_OPTIONAL = 1,
	MCM_UNI_IE_MANDATORY = 2,
};

/** One row of a message's IE table (Q.2931 3, Q.2971 7, UNI 4.0 section 3). */
struct mcm_uni_ie_rule {
	uint8_t ie;                /**< enum mcm_uni_ie_id */
	uint8_t req[2];            /**< enum mcm_uni_ie_req, indexed by enum mcm_uni_dir */
	uint8_t max;               /**< how many times it may appear (1 unless repeatable) */
};

/** The IE table of one message type. */
struct mcm_uni_msg_rules {
	uint8_t type;              /**< enum mcm_uni_msg_type */
	const char *name;          /**< "SETUP", ... */
	bool global_ok;            /**< may use the global call reference (RESTART, STATUS ...) */
	uint8_t n_rules;
	const struct mcm_uni_ie_rule *rules;
};

/**
 * Rules of a message type.
 *
 * @param type  message type octet.
 * @return the table, or NULL when the type is not one of the 18 messages of this codec.
 */
const struct mcm_uni_msg_rules *mcm_uni_msg_rules(uint8_t type);

/**
 * Whether IE @p ie may appear in a message of @p type sent in direction @p dir.
 *
 * Direction-specific rows follow UNI 4.0 (e.g. the connection identifier is mandatory in
 * the network's first response to SETUP). Call control checks those that depend on the
 * call state ("first response") itself; the decoder enforces only rows that are mandatory
 * in both directions.
 *
 * @return enum mcm_uni_ie_req (MCM_UNI_IE_NOT_ALLOWED for an unknown type or IE).
 */
enum mcm_uni_ie_req mcm_uni_msg_ie_rule(uint8_t type, uint8_t ie, enum mcm_uni_dir dir);

/** Name of a message type ("SETUP"), or NULL when unknown. */
const char *mcm_uni_msg_name(uint8_t type);
/** Name of an IE identifier ("Cause"), or NULL when the codec does not know it. */
const char *mcm_uni_ie_name(uint8_t ie);
/**
 * Name of a cause value (Q.2610 Table 1, the B-ISDN use of Q.850: "normal call clearing"),
 * or NULL for a value Q.2931 / UNI 4.0 signalling does not use.
 *
 * @param cause  cause value, 7 bits.
 */
const char *mcm_uni_cause_name(uint8_t cause);

/* ---- Decoding report (what the Q.2931 5.6 error procedures need) -------------------------- */

/** What the receiver should do with a decoded message (Q.2931 5.6, most severe wins). */
enum mcm_uni_verdict {
	/** Process the message; nothing to report. */
	MCM_UNI_V_OK = 0,
	/**
	 * Process the message (valid IEs), then send STATUS with @c cause / @c diag; for a
	 * RELEASE the cause goes into the RELEASE COMPLETE instead (Q.2931 5.6.8.1). RELEASE
	 * COMPLETE never gets this verdict: it is OK, with the cause still in the report.
	 */
	MCM_UNI_V_OK_STATUS,
	/**
	 * A mandatory IE is missing (cause 96) or bad (cause 100), Q.2931 5.6.7: for SETUP send
	 * RELEASE COMPLETE with the cause; for RELEASE act as on cause 31 and answer RELEASE
	 * COMPLETE with the cause; RELEASE COMPLETE is processed as is; any other message is
	 * discarded and STATUS is sent with the cause.
	 */
	MCM_UNI_V_MANDATORY,
	/** Discard the message and send STATUS with @c cause (81, 97, 99 or 100). */
	MCM_UNI_V_DISCARD_STATUS,
	/** Clear the call with @c cause (RELEASE, or RELEASE COMPLETE for a SETUP). */
	MCM_UNI_V_CLEAR,
	/** Discard the message silently (header errors, explicit "discard and ignore"). */
	MCM_UNI_V_IGNORE,
};

/** What went wrong with one IE. */
enum mcm_uni_ie_fault {
	MCM_UNI_F_MISSING = 1,     /**< mandatory IE absent (cause 96) */
	MCM_UNI_F_CONTENT,         /**< bad length or contents (cause 100) */
	MCM_UNI_F_UNRECOGNISED,    /**< IE unknown to the codec (cause 99) */
	MCM_UNI_F_UNEXPECTED,      /**< known IE not allowed in this message (cause 99) */
	MCM_UNI_F_REPEATED,        /**< more repetitions than allowed: extra ones ignored */
};

/** One IE problem. */
struct mcm_uni_ie_problem {
	uint8_t ie;                /**< IE identifier */
	uint8_t codeset;
	uint8_t fault;             /**< enum mcm_uni_ie_fault */
	bool mandatory;            /**< the IE is mandatory in this message */
	bool flag;                 /**< IE instruction flag as received (explicit action) */
	uint8_t action;            /**< IE action indicator as received */
	uint16_t offset;           /**< offset of the IE in the message (0 for a missing IE) */
};

#define MCM_UNI_MAX_PROBLEMS 16

/** Header-level decode errors (the message is then ignored, Q.2931 5.6.1-5.6.3). */
enum mcm_uni_hdr_error {
	MCM_UNI_HE_NONE = 0,
	MCM_UNI_HE_SHORT,          /**< shorter than the header (5.6.2) */
	MCM_UNI_HE_PD,             /**< protocol discriminator is not 0x09 (5.6.1) */
	MCM_UNI_HE_CREF_LEN,       /**< call reference length octet not 0x03 (5.6.3.1) */
	MCM_UNI_HE_MSG_TYPE_EXT,   /**< second message type octet without its extension bit */
	MCM_UNI_HE_LENGTH,         /**< message length field exceeds the octets received (5.6.5) */
};

/**
 * Everything the Q.2931 5.6 error procedures need about a received message. Always filled
 * by mcm_uni_msg_decode(), also when it fails.
 */
struct mcm_uni_decode_report {
	uint8_t verdict;           /**< enum mcm_uni_verdict */
	uint8_t cause;             /**< cause to answer with (0 when none) */
	uint8_t diag_len;          /**< diagnostics: IE ids (causes 96, 99, 100), type (97) */
	uint8_t diag[MCM_UNI_DIAG_MAX];
	uint8_t hdr_error;         /**< enum mcm_uni_hdr_error */
	bool global_cref;          /**< call reference value is the global one (0) */
	bool global_misuse;        /**< global call reference on a message that may not use it */
	bool msg_unrecognised;     /**< message type not one of the 18 (cause 97) */
	bool trailing;             /**< octets after the message length were ignored */
	bool mandatory_missing;    /**< at least one MCM_UNI_F_MISSING */
	bool mandatory_bad;        /**< a mandatory IE had a content error */
	uint8_t n_problems;        /**< entries in problems[] (capped; see n_problems_total) */
	uint16_t n_problems_total;
	struct mcm_uni_ie_problem problems[MCM_UNI_MAX_PROBLEMS];
	/** IEs not in the order of the message table; informative only, Q.2931 5.6.6.1 lets
	 * the receiver accept any order. */
	bool out_of_order;
	/** Message length of the header (octets after the header that were decoded). */
	uint16_t msg_len;
};

/* ---- Codec ------------------------------------------------------------------------------- */

/**
 * Zero @p m and fill the header.
 *
 * @param m     message to initialise.
 * @param type  enum mcm_uni_msg_type.
 * @param cref  call reference value (23 bits).
 * @param flag  call reference flag (true in messages sent by the side that did not allocate
 *              the call reference, Q.2931 4.3).
 */
void mcm_uni_msg_init(struct mcm_uni_msg *m, uint8_t type, uint32_t cref, bool flag);

/**
 * Encode a message.
 *
 * IEs are written in the order of the message's table (Q.2931 section 3), the repeat
 * indicator ahead of the BLLIs when there are several, raw IEs last.
 *
 * @param m     message; its type must be one of the 18 messages.
 * @param buf   output buffer.
 * @param room  size of @p buf.
 * @return the encoded length, -ENOSPC when @p buf is too small, -EINVAL when the message is
 *         not encodable (unknown type, an IE not allowed in the type, a field out of range,
 *         a mandatory IE absent). On error the contents of @p buf are unspecified (never
 *         written beyond @p room).
 */
int mcm_uni_msg_encode(const struct mcm_uni_msg *m, uint8_t *buf, size_t room);

/**
 * Decode a message and check it as Q.2931 5.6 requires.
 *
 * Never reads outside [@p buf, @p buf + @p len). IEs with errors are left absent in @p m and
 * listed in @p rep; mcm_uni_decode_report.verdict says what to do.
 *
 * @param buf  message octets (the SSCF-UNI SDU).
 * @param len  number of octets.
 * @param m    decoded message (header fields valid whenever the header was readable).
 * @param rep  report, always filled.
 * @return 0 when the header was valid (see @p rep for IE-level problems), -EBADMSG when the
 *         message must be ignored for a header error (rep->hdr_error says which).
 */
int mcm_uni_msg_decode(const uint8_t *buf, size_t len, struct mcm_uni_msg *m,
		       struct mcm_uni_decode_report *rep);

/**
 * Check a decoded message against the direction-specific rows of its table (IEs mandatory
 * only in @p dir, IEs allowed only in the other direction) and fold the result into @p rep,
 * as mcm_uni_msg_decode() does for direction-independent rows. Useful for the network side,
 * which knows the direction of what it receives.
 *
 * @return the updated verdict.
 */
enum mcm_uni_verdict mcm_uni_msg_check_dir(struct mcm_uni_msg *m, enum mcm_uni_dir dir,
					  struct mcm_uni_decode_report *rep);

/**
 * Build a cause IE for answering with the cause of a report (e.g. in STATUS).
 *
 * @param rep  decode report with a non-zero cause.
 * @param loc  enum mcm_uni_cause_loc of the answering side.
 * @param out  cause IE to fill (marked present).
 */
void mcm_uni_report_cause(const struct mcm_uni_decode_report *rep, uint8_t loc,
			  struct mcm_uni_ie_cause *out);

#ifdef __cplusplus
}
#endif

#endif /* MCM_UNI_MSG_H */
