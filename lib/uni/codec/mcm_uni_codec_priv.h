/* SPDX-License-Identifier: BSD-3-Clause
 * Internal interface between the message codec and the IE content codecs. Not installed.
 */
#ifndef MCM_UNI_CODEC_PRIV_H
#define MCM_UNI_CODEC_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mcm_uni_msg.h"

/* Bounded writer: every put checks the room; an overflow is sticky. */
struct mcm_uni_wr {
	uint8_t *p;
	size_t room;
	size_t len;
	bool overflow;
};

static inline void
mcm_uni_w8(struct mcm_uni_wr *w, uint8_t v)
{
	if (w->len < w->room)
		w->p[w->len] = v;
	else
		w->overflow = true;
	w->len++;
}

static inline void
mcm_uni_w16(struct mcm_uni_wr *w, uint16_t v)
{
	mcm_uni_w8(w, (uint8_t)(v >> 8));
	mcm_uni_w8(w, (uint8_t)v);
}

static inline void
mcm_uni_w24(struct mcm_uni_wr *w, uint32_t v)
{
	mcm_uni_w8(w, (uint8_t)(v >> 16));
	mcm_uni_w16(w, (uint16_t)v);
}

static inline void
mcm_uni_wn(struct mcm_uni_wr *w, const uint8_t *d, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		mcm_uni_w8(w, d[i]);
}

/* IE content codecs (the octets after the 4-octet IE header), one pair per CODEC of
 * mcm_uni_ie.def. Encoders return 0, or -EINVAL for a field out of range; decoders get a
 * zeroed struct and return 0, or -1 for a content error (Q.2931 5.6.7.2 / 5.6.8.2). A codec
 * that serves several IEs (CTX_ID) takes the IE identifier as last argument. An IE shared
 * by several rows is declared again for each: the declarations are the same. */
#define MCM_UNI_CTX_NONE_PARAM
#define MCM_UNI_CTX_ID_PARAM , uint8_t id
#define UNI_IE(ID, SLOT, CODEC, CTX, NAME)						\
	int mcm_uni_enc_##CODEC(struct mcm_uni_wr *w, const struct mcm_uni_ie_##CODEC *ie	\
				MCM_UNI_##CTX##_PARAM);						\
	int mcm_uni_dec_##CODEC(const uint8_t *c, size_t n, struct mcm_uni_ie_##CODEC *ie	\
				MCM_UNI_##CTX##_PARAM);
#define UNI_IE_REP(ID, SLOT, MAX, CODEC, CTX, NAME) UNI_IE(ID, SLOT, CODEC, CTX, NAME)
#include "mcm_uni_ie.def"

/* Content of any known IE, by identifier (the switch over mcm_uni_ie.def): as the codecs
 * above; an identifier without a row gives -EINVAL / -1. */
int mcm_uni_ie_enc(struct mcm_uni_wr *w, uint8_t id, const void *ie);
int mcm_uni_ie_dec(uint8_t id, const uint8_t *c, size_t n, void *ie);

/* Where a message struct keeps an IE: one row of mcm_uni_ie.def. */
struct mcm_uni_ie_desc {
	uint8_t id;                /* enum mcm_uni_ie_id */
	uint8_t max;               /* instances struct mcm_uni_msg holds */
	uint16_t off;              /* offset of the (first) instance in struct mcm_uni_msg */
	uint16_t n_off;            /* offset of the count (max > 1), else 0 */
	uint16_t size;             /* size of one instance */
	const char *name;
};

/* Every row of mcm_uni_ie.def, in its order. */
extern const struct mcm_uni_ie_desc mcm_uni_ie_descs[];
extern const unsigned int mcm_uni_ie_n_descs;
/* The row of IE @p id, or NULL for an identifier without one. */
const struct mcm_uni_ie_desc *mcm_uni_ie_desc(uint8_t id);

/* Call references a message may use (Q.2931 5.6.3.2), the CREF column of mcm_uni_msg.def. */
enum mcm_uni_msgd_cref {
	MCM_UNI_MSGD_CREF_CALL,    /* a call's only */
	MCM_UNI_MSGD_CREF_GLOBAL,  /* the global one only */
	MCM_UNI_MSGD_CREF_ANY,
};

/* One message of mcm_uni_msg.def. */
struct mcm_uni_msg_desc {
	struct mcm_uni_msg_rules rules;   /* the public part; first, mcm_uni_msg_rules() */
	uint8_t cref;                     /* enum mcm_uni_msgd_cref */
	bool status;                      /* a problem may be answered with STATUS */
	/* rule beyond the rows (CHECK column), or NULL */
	void (*check)(struct mcm_uni_msg *m, struct mcm_uni_decode_report *rep);
};

/* The message of type @p type, or NULL for a type without one. */
const struct mcm_uni_msg_desc *mcm_uni_msg_desc(uint8_t type);

/* CHECK rules of mcm_uni_msg.def (mcm_uni_msg.c). */
void mcm_uni_check_restart(struct mcm_uni_msg *m, struct mcm_uni_decode_report *rep);

#endif /* MCM_UNI_CODEC_PRIV_H */
