/* SPDX-License-Identifier: BSD-3-Clause
 * Per-message IE tables of UNI 4.0 (Q.2931 section 3, Q.2971 section 7, UNI 4.0 section 3)
 * and the names of messages and IEs.
 *
 * Each table lists the codeset 0 IEs a message may carry, in the order of the message
 * description; the encoder emits IEs in this order. req[] is indexed by enum mcm_uni_dir
 * (user to network, network to user).
 */
#include <stddef.h>

#include "mcm_uni_msg.h"

#define NA MCM_UNI_IE_NOT_ALLOWED
#define O MCM_UNI_IE_OPTIONAL
#define M MCM_UNI_IE_MANDATORY

/* Q.2931 3.1, UNI 4.0 section 3: SETUP. */
static const struct mcm_uni_ie_rule setup_rules[] = {
	{ MCM_UNI_IE_AAL, { O, O }, 1 },
	{ MCM_UNI_IE_TRAFFIC, { M, M }, 1 },
	{ MCM_UNI_IE_BEARER, { M, M }, 1 },
	{ MCM_UNI_IE_BHLI, { O, O }, 1 },
	{ MCM_UNI_IE_REPEAT, { O, O }, 1 },
	{ MCM_UNI_IE_BLLI, { O, O }, MCM_UNI_MAX_BLLI },
	{ MCM_UNI_IE_CALLED, { M, M }, 1 },
	{ MCM_UNI_IE_CALLEDSUB, { O, O }, MCM_UNI_MAX_SUBADDR },
	{ MCM_UNI_IE_CALLING, { O, O }, 1 },
	{ MCM_UNI_IE_CALLINGSUB, { O, O }, MCM_UNI_MAX_SUBADDR },
	/* Q.2931 3.1: mandatory in the network's SETUP, it assigns the VPCI/VCI */
	{ MCM_UNI_IE_CONNID, { O, M }, 1 },
	{ MCM_UNI_IE_QOS, { O, O }, 1 },
	{ MCM_UNI_IE_SCOMPL, { O, O }, 1 },
	/* transit network selection is only sent towards the network */
	{ MCM_UNI_IE_TNS, { O, NA }, 1 },
	{ MCM_UNI_IE_EPREF, { O, O }, 1 },
	{ MCM_UNI_IE_NOTIFY, { O, O }, 1 },
	{ MCM_UNI_IE_EETD, { O, O }, 1 },
	{ MCM_UNI_IE_EXQOS, { O, O }, 1 },
	{ MCM_UNI_IE_MINTRAFFIC, { O, O }, 1 },
	{ MCM_UNI_IE_ATRAFFIC, { O, O }, 1 },
	{ MCM_UNI_IE_ABRSETUP, { O, O }, 1 },
	{ MCM_UNI_IE_ABRADD, { O, O }, 1 },
	{ MCM_UNI_IE_CSCOPE, { O, O }, 1 },
};

/* Q.2931 3.1: CALL PROCEEDING; the connection identifier is mandatory from the network. */
static const struct mcm_uni_ie_rule call_proc_rules[] = {
	{ MCM_UNI_IE_CONNID, { O, M }, 1 },
	{ MCM_UNI_IE_EPREF, { O, O }, 1 },
	{ MCM_UNI_IE_NOTIFY, { O, O }, 1 },
};

/* Q.2931 3.1: ALERTING. */
static const struct mcm_uni_ie_rule alerting_rules[] = {
	{ MCM_UNI_IE_CONNID, { O, O }, 1 },
	{ MCM_UNI_IE_EPREF, { O, O }, 1 },
	{ MCM_UNI_IE_NOTIFY, { O, O }, 1 },
};

/* Q.2931 3.1, UNI 4.0 section 3: CONNECT (the traffic descriptor carries what was negotiated). */
static const struct mcm_uni_ie_rule connect_rules[] = {
	{ MCM_UNI_IE_AAL, { O, O }, 1 },
	{ MCM_UNI_IE_TRAFFIC, { O, O }, 1 },
	{ MCM_UNI_IE_BLLI, { O, O }, 1 },
	{ MCM_UNI_IE_CONNID, { O, O }, 1 },
	{ MCM_UNI_IE_EPREF, { O, O }, 1 },
	{ MCM_UNI_IE_NOTIFY, { O, O }, 1 },
	{ MCM_UNI_IE_EETD, { O, O }, 1 },
	{ MCM_UNI_IE_EXQOS, { O, O }, 1 },
	{ MCM_UNI_IE_ABRSETUP, { O, O }, 1 },
	{ MCM_UNI_IE_ABRADD, { O, O }, 1 },
};

/* Q.2931 3.1: CONNECT ACKNOWLEDGE. */
static const struct mcm_uni_ie_rule connect_ack_rules[] = {
	{ MCM_UNI_IE_NOTIFY, { O, O }, 1 },
};

/* Q.2931 3.1: RELEASE; the cause may be repeated once. */
static const struct mcm_uni_ie_rule release_rules[] = {
	{ MCM_UNI_IE_CAUSE, { M, M }, MCM_UNI_MAX_CAUSE },
	{ MCM_UNI_IE_NOTIFY, { O, O }, 1 },
};

/* Q.2931 3.1: RELEASE COMPLETE; the cause is mandatory in the first clearing message
 * only (call control knows), so it is optional here. */
static const struct mcm_uni_ie_rule release_compl_rules[] = {
	{ MCM_UNI_IE_CAUSE, { O, O }, MCM_UNI_MAX_CAUSE },
};

/* Q.2931 3.1, Q.2971 7: STATUS. */
static const struct mcm_uni_ie_rule status_rules[] = {
	{ MCM_UNI_IE_CALL_STATE, { M, M }, 1 },
	{ MCM_UNI_IE_CAUSE, { M, M }, 1 },
	{ MCM_UNI_IE_EPREF, { O, O }, 1 },
	{ MCM_UNI_IE_EPSTATE, { O, O }, 1 },
};

/* Q.2931 3.1, Q.2971 7: STATUS ENQUIRY. */
static const struct mcm_uni_ie_rule status_enq_rules[] = {
	{ MCM_UNI_IE_EPREF, { O, O }, 1 },
};

/* Q.2931 3.1: NOTIFY. */
static const struct mcm_uni_ie_rule notify_rules[] = {
	{ MCM_UNI_IE_NOTIFY, { M, M }, 1 },
	{ MCM_UNI_IE_EPREF, { O, O }, 1 },
};

/* Q.2931 3.2: RESTART and RESTART ACKNOWLEDGE (the connection identifier is
 * mandatory for restart classes 0 and 1, checked by the decoder, Q.2931 5.5). */
static const struct mcm_uni_ie_rule restart_rules[] = {
	{ MCM_UNI_IE_CONNID, { O, O }, 1 },
	{ MCM_UNI_IE_RESTART, { M, M }, 1 },
};

/* Q.2971 7: ADD PARTY. */
static const struct mcm_uni_ie_rule add_party_rules[] = {
	{ MCM_UNI_IE_AAL, { O, O }, 1 },
	{ MCM_UNI_IE_BHLI, { O, O }, 1 },
	{ MCM_UNI_IE_BLLI, { O, O }, 1 },
	{ MCM_UNI_IE_CALLED, { M, M }, 1 },
	{ MCM_UNI_IE_CALLEDSUB, { O, O }, MCM_UNI_MAX_SUBADDR },
	{ MCM_UNI_IE_CALLING, { O, O }, 1 },
	{ MCM_UNI_IE_CALLINGSUB, { O, O }, MCM_UNI_MAX_SUBADDR },
	{ MCM_UNI_IE_SCOMPL, { O, O }, 1 },
	{ MCM_UNI_IE_TNS, { O, NA }, 1 },
	{ MCM_UNI_IE_EPREF, { M, M }, 1 },
	{ MCM_UNI_IE_NOTIFY, { O, O }, 1 },
	{ MCM_UNI_IE_EETD, { O, O }, 1 },
};

/* Q.2971 7: ADD PARTY ACKNOWLEDGE. */
static const struct mcm_uni_ie_rule add_party_ack_rules[] = {
	{ MCM_UNI_IE_EPREF, { M, M }, 1 },
	{ MCM_UNI_IE_AAL, { O, O }, 1 },
	{ MCM_UNI_IE_BLLI, { O, O }, 1 },
	{ MCM_UNI_IE_NOTIFY, { O, O }, 1 },
	{ MCM_UNI_IE_EETD, { O, O }, 1 },
};

/* Q.2971 7: ADD PARTY REJECT. */
static const struct mcm_uni_ie_rule add_party_rej_rules[] = {
	{ MCM_UNI_IE_CAUSE, { M, M }, 1 },
	{ MCM_UNI_IE_EPREF, { M, M }, 1 },
};

/* UNI 4.0 section 3: PARTY ALERTING. */
static const struct mcm_uni_ie_rule party_alert_rules[] = {
	{ MCM_UNI_IE_EPREF, { M, M }, 1 },
	{ MCM_UNI_IE_NOTIFY, { O, O }, 1 },
};

/* Q.2971 7: DROP PARTY. */
static const struct mcm_uni_ie_rule drop_party_rules[] = {
	{ MCM_UNI_IE_CAUSE, { M, M }, 1 },
	{ MCM_UNI_IE_EPREF, { M, M }, 1 },
	{ MCM_UNI_IE_NOTIFY, { O, O }, 1 },
};

/* Q.2971 7: DROP PARTY ACKNOWLEDGE. */
static const struct mcm_uni_ie_rule drop_party_ack_rules[] = {
	{ MCM_UNI_IE_EPREF, { M, M }, 1 },
	{ MCM_UNI_IE_CAUSE, { O, O }, 1 },
};

#define RULES(t, n, g, r) { t, n, g, sizeof(r) / sizeof((r)[0]), r }

static const struct mcm_uni_msg_rules msg_rules[] = {
	RULES(MCM_UNI_MSG_ALERTING, "ALERTING", false, alerting_rules),
	RULES(MCM_UNI_MSG_CALL_PROCEEDING, "CALL PROCEEDING", false, call_proc_rules),
	RULES(MCM_UNI_MSG_SETUP, "SETUP", false, setup_rules),
	RULES(MCM_UNI_MSG_CONNECT, "CONNECT", false, connect_rules),
	RULES(MCM_UNI_MSG_CONNECT_ACK, "CONNECT ACKNOWLEDGE", false, connect_ack_rules),
	/* Q.2931 5.6.3.2: only RESTART, RESTART ACKNOWLEDGE and STATUS use the global cref */
	RULES(MCM_UNI_MSG_RESTART, "RESTART", true, restart_rules),
	RULES(MCM_UNI_MSG_RELEASE, "RELEASE", false, release_rules),
	RULES(MCM_UNI_MSG_RESTART_ACK, "RESTART ACKNOWLEDGE", true, restart_rules),
	RULES(MCM_UNI_MSG_RELEASE_COMPLETE, "RELEASE COMPLETE", false, release_compl_rules),
	RULES(MCM_UNI_MSG_NOTIFY, "NOTIFY", false, notify_rules),
	RULES(MCM_UNI_MSG_STATUS_ENQUIRY, "STATUS ENQUIRY", false, status_enq_rules),
	RULES(MCM_UNI_MSG_STATUS, "STATUS", true, status_rules),
	RULES(MCM_UNI_MSG_ADD_PARTY, "ADD PARTY", false, add_party_rules),
	RULES(MCM_UNI_MSG_ADD_PARTY_ACK, "ADD PARTY ACKNOWLEDGE", false, add_party_ack_rules),
	RULES(MCM_UNI_MSG_ADD_PARTY_REJECT, "ADD PARTY REJECT", false, add_party_rej_rules),
	RULES(MCM_UNI_MSG_DROP_PARTY, "DROP PARTY", false, drop_party_rules),
	RULES(MCM_UNI_MSG_DROP_PARTY_ACK, "DROP PARTY ACKNOWLEDGE", false, drop_party_ack_rules),
	RULES(MCM_UNI_MSG_PARTY_ALERTING, "PARTY ALERTING", false, party_alert_rules),
};

const struct mcm_uni_msg_rules *
mcm_uni_msg_rules(uint8_t type)
{
	size_t i;

	for (i = 0; i < sizeof(msg_rules) / sizeof(msg_rules[0]); i++)
		if (msg_rules[i].type == type)
			return &msg_rules[i];
	return NULL;
}

enum mcm_uni_ie_req
mcm_uni_msg_ie_rule(uint8_t type, uint8_t ie, enum mcm_uni_dir dir)
{
	const struct mcm_uni_msg_rules *r = mcm_uni_msg_rules(type);
	unsigned int i;

	if (r == NULL || (dir != MCM_UNI_DIR_U2N && dir != MCM_UNI_DIR_N2U))
		return MCM_UNI_IE_NOT_ALLOWED;
	for (i = 0; i < r->n_rules; i++)
		if (r->rules[i].ie == ie)
			return (enum mcm_uni_ie_req)r->rules[i].req[dir];
	return MCM_UNI_IE_NOT_ALLOWED;
}

const char *
mcm_uni_msg_name(uint8_t type)
{
	const struct mcm_uni_msg_rules *r = mcm_uni_msg_rules(type);

	return r != NULL ? r->name : NULL;
}

const char *
mcm_uni_ie_name(uint8_t ie)
{
	switch (ie) {
	case MCM_UNI_IE_CAUSE: return "Cause";
	case MCM_UNI_IE_CALL_STATE: return "Call state";
	case MCM_UNI_IE_NOTIFY: return "Notification indicator";
	case MCM_UNI_IE_EETD: return "End-to-end transit delay";
	case MCM_UNI_IE_EPREF: return "Endpoint reference";
	case MCM_UNI_IE_EPSTATE: return "Endpoint state";
	case MCM_UNI_IE_AAL: return "AAL parameters";
	case MCM_UNI_IE_TRAFFIC: return "ATM traffic descriptor";
	case MCM_UNI_IE_CONNID: return "Connection identifier";
	case MCM_UNI_IE_QOS: return "QoS parameter";
	case MCM_UNI_IE_BHLI: return "Broadband high layer information";
	case MCM_UNI_IE_BEARER: return "Broadband bearer capability";
	case MCM_UNI_IE_BLLI: return "Broadband low layer information";
	case MCM_UNI_IE_LSHIFT: return "Broadband locking shift";
	case MCM_UNI_IE_NLSHIFT: return "Broadband non-locking shift";
	case MCM_UNI_IE_SCOMPL: return "Broadband sending complete";
	case MCM_UNI_IE_REPEAT: return "Broadband repeat indicator";
	case MCM_UNI_IE_CALLING: return "Calling party number";
	case MCM_UNI_IE_CALLINGSUB: return "Calling party subaddress";
	case MCM_UNI_IE_CALLED: return "Called party number";
	case MCM_UNI_IE_CALLEDSUB: return "Called party subaddress";
	case MCM_UNI_IE_TNS: return "Transit network selection";
	case MCM_UNI_IE_RESTART: return "Restart indicator";
	case MCM_UNI_IE_ATRAFFIC: return "Alternative ATM traffic descriptor";
	case MCM_UNI_IE_MINTRAFFIC: return "Minimum acceptable ATM traffic descriptor";
	case MCM_UNI_IE_EXQOS: return "Extended QoS parameters";
	case MCM_UNI_IE_ABRSETUP: return "ABR setup parameters";
	case MCM_UNI_IE_ABRADD: return "ABR additional parameters";
	case MCM_UNI_IE_CSCOPE: return "Connection scope selection";
	default: return NULL;
	}
}

/* Q.2610 Table 1 (and Q.2931 Annex / UNI 3.1 values that older peers still send). */
static const struct {
	uint8_t value;
	const char *name;
} cause_names[] = {
	{ 1, "unallocated (unassigned) number" },
	{ 2, "no route to specified transit network" },
	{ 3, "no route to destination" },
	{ 10, "VPCI/VCI unacceptable" },
	{ 16, "normal call clearing" },
	{ 17, "user busy" },
	{ 18, "no user responding" },
	{ 19, "no answer from user (user alerted)" },
	{ 21, "call rejected" },
	{ 22, "number changed" },
	{ 23, "user rejects all calls with calling line identification restriction" },
	{ 27, "destination out of order" },
	{ 28, "invalid number format (address incomplete)" },
	{ 29, "facility rejected" },
	{ 30, "response to STATUS ENQUIRY" },
	{ 31, "normal, unspecified" },
	{ 32, "too many pending add party requests" },
	{ 35, "requested VPCI/VCI not available" },
	{ 36, "VPCI/VCI assignment failure" },
	{ 37, "user cell rate not available" },
	{ 38, "network out of order" },
	{ 41, "temporary failure" },
	{ 43, "access information discarded" },
	{ 45, "no VPCI/VCI available" },
	{ 47, "resource unavailable, unspecified" },
	{ 49, "quality of service not available" },
	{ 51, "user cell rate not available" },
	{ 57, "bearer capability not authorized" },
	{ 58, "bearer capability not presently available" },
	{ 63, "service or option not available, unspecified" },
	{ 65, "bearer capability not implemented" },
	{ 73, "unsupported combination of traffic parameters" },
	{ 78, "AAL parameters cannot be supported" },
	{ 81, "invalid call reference value" },
	{ 82, "identified channel does not exist" },
	{ 88, "incompatible destination" },
	{ 89, "invalid endpoint reference" },
	{ 91, "invalid transit network selection" },
	{ 92, "too many pending add party requests" },
	{ 93, "AAL parameters cannot be supported" },
	{ 96, "mandatory information element is missing" },
	{ 97, "message type non-existent or not implemented" },
	{ 99, "information element non-existent or not implemented" },
	{ 100, "invalid information element contents" },
	{ 101, "message not compatible with call state" },
	{ 102, "recovery on timer expiry" },
	{ 104, "incorrect message length" },
	{ 111, "protocol error, unspecified" },
	{ 127, "interworking, unspecified" },
};

const char *
mcm_uni_cause_name(uint8_t cause)
{
	size_t i;

	for (i = 0; i < sizeof(cause_names) / sizeof(cause_names[0]); i++)
		if (cause_names[i].value == cause)
			return cause_names[i].name;
	return NULL;
}
