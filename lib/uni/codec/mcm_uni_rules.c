/* SPDX-License-Identifier: BSD-3-Clause
 * The codec's tables, made from mcm_uni_ie.def (IEs: where a message keeps each, its
 * content codec, its name) and mcm_uni_msg.def (messages: IE rows, call reference, STATUS
 * answer, extra checks), and the names of messages, IEs and causes.
 */
#include <errno.h>
#include <stddef.h>

#include "mcm_uni_codec_priv.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- IEs (mcm_uni_ie.def) ----------------------------------------------------------------- */

#define UNI_IE(ID, SLOT, CODEC, CTX, NAME)							\
	{ MCM_UNI_IE_##ID, 1, offsetof(struct mcm_uni_msg, SLOT), 0,				\
	  sizeof(((struct mcm_uni_msg *)0)->SLOT), NAME },
#define UNI_IE_REP(ID, SLOT, MAX, CODEC, CTX, NAME)						\
	{ MCM_UNI_IE_##ID, MAX, offsetof(struct mcm_uni_msg, SLOT),				\
	  offsetof(struct mcm_uni_msg, n_##SLOT), sizeof(((struct mcm_uni_msg *)0)->SLOT[0]),	\
	  NAME },
const struct mcm_uni_ie_desc mcm_uni_ie_descs[] = {
#include "mcm_uni_ie.def"
};
const unsigned int mcm_uni_ie_n_descs = ARRAY_LEN(mcm_uni_ie_descs);

/* Row index + 1 of each identifier, 0 for none. */
enum {
#define UNI_IE(ID, SLOT, CODEC, CTX, NAME) IE_ROW_##ID,
#define UNI_IE_REP(ID, SLOT, MAX, CODEC, CTX, NAME) IE_ROW_##ID,
#include "mcm_uni_ie.def"
};
static const uint8_t ie_row[256] = {
#define UNI_IE(ID, SLOT, CODEC, CTX, NAME) [MCM_UNI_IE_##ID] = IE_ROW_##ID + 1,
#define UNI_IE_REP(ID, SLOT, MAX, CODEC, CTX, NAME) [MCM_UNI_IE_##ID] = IE_ROW_##ID + 1,
#include "mcm_uni_ie.def"
};

const struct mcm_uni_ie_desc *
mcm_uni_ie_desc(uint8_t id)
{
	return ie_row[id] != 0 ? &mcm_uni_ie_descs[ie_row[id] - 1] : NULL;
}

#define MCM_UNI_CTX_NONE_ARG(ID)
#define MCM_UNI_CTX_ID_ARG(ID) , MCM_UNI_IE_##ID

int
mcm_uni_ie_enc(struct mcm_uni_wr *w, uint8_t id, const void *ie)
{
	switch (id) {
#define UNI_IE(ID, SLOT, CODEC, CTX, NAME)							\
	case MCM_UNI_IE_##ID: return mcm_uni_enc_##CODEC(w, ie MCM_UNI_##CTX##_ARG(ID));
#define UNI_IE_REP(ID, SLOT, MAX, CODEC, CTX, NAME) UNI_IE(ID, SLOT, CODEC, CTX, NAME)
#include "mcm_uni_ie.def"
	default: return -EINVAL;
	}
}

int
mcm_uni_ie_dec(uint8_t id, const uint8_t *c, size_t n, void *ie)
{
	switch (id) {
#define UNI_IE(ID, SLOT, CODEC, CTX, NAME)							\
	case MCM_UNI_IE_##ID: return mcm_uni_dec_##CODEC(c, n, ie MCM_UNI_##CTX##_ARG(ID));
#define UNI_IE_REP(ID, SLOT, MAX, CODEC, CTX, NAME) UNI_IE(ID, SLOT, CODEC, CTX, NAME)
#include "mcm_uni_ie.def"
	default: return -1;
	}
}

/* ---- Messages (mcm_uni_msg.def) ----------------------------------------------------------- */

#define NA MCM_UNI_IE_NOT_ALLOWED
#define O MCM_UNI_IE_OPTIONAL
#define M MCM_UNI_IE_MANDATORY

/* The rows of each message. */
#define UNI_MSG(TYPE, NAME, CREF, STATUS, CHECK)						\
	static const struct mcm_uni_ie_rule rows_##TYPE[] = {
#define UNI_MSG_IE(ID, U2N, N2U, MAX) { MCM_UNI_IE_##ID, { U2N, N2U }, MAX },
#define UNI_MSG_END(TYPE) };
#include "mcm_uni_msg.def"

#define MCM_UNI_STATUS_ANSWER true
#define MCM_UNI_STATUS_NEVER false
#define mcm_uni_check_NONE NULL

static const struct mcm_uni_msg_desc msg_descs[] = {
#define UNI_MSG(TYPE, NAME, CREF, STATUS, CHECK)						\
	{ { MCM_UNI_MSG_##TYPE, NAME, MCM_UNI_MSGD_##CREF != MCM_UNI_MSGD_CREF_CALL,		\
	    ARRAY_LEN(rows_##TYPE), rows_##TYPE },						\
	  MCM_UNI_MSGD_##CREF, MCM_UNI_##STATUS, mcm_uni_check_##CHECK },
#define UNI_MSG_IE(ID, U2N, N2U, MAX)
#define UNI_MSG_END(TYPE)
#include "mcm_uni_msg.def"
};

/* Row index + 1 of each message type, 0 for none. */
enum {
#define UNI_MSG(TYPE, NAME, CREF, STATUS, CHECK) MSG_ROW_##TYPE,
#define UNI_MSG_IE(ID, U2N, N2U, MAX)
#define UNI_MSG_END(TYPE)
#include "mcm_uni_msg.def"
};
static const uint8_t msg_row[256] = {
#define UNI_MSG(TYPE, NAME, CREF, STATUS, CHECK) [MCM_UNI_MSG_##TYPE] = MSG_ROW_##TYPE + 1,
#define UNI_MSG_IE(ID, U2N, N2U, MAX)
#define UNI_MSG_END(TYPE)
#include "mcm_uni_msg.def"
};

const struct mcm_uni_msg_desc *
mcm_uni_msg_desc(uint8_t type)
{
	return msg_row[type] != 0 ? &msg_descs[msg_row[type] - 1] : NULL;
}

const struct mcm_uni_msg_rules *
mcm_uni_msg_rules(uint8_t type)
{
	const struct mcm_uni_msg_desc *d = mcm_uni_msg_desc(type);

	return d != NULL ? &d->rules : NULL;
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
	const struct mcm_uni_ie_desc *d = mcm_uni_ie_desc(ie);

	/* the shifts are framing (Q.2931 4.5.3, 4.5.4), without a row */
	if (ie == MCM_UNI_IE_LSHIFT)
		return "Broadband locking shift";
	if (ie == MCM_UNI_IE_NLSHIFT)
		return "Broadband non-locking shift";
	return d != NULL ? d->name : NULL;
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

	for (i = 0; i < ARRAY_LEN(cause_names); i++)
		if (cause_names[i].value == cause)
			return cause_names[i].name;
	return NULL;
}
