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

/* IE content codecs (the octets after the 4-octet IE header). Encoders return 0, or
 * -EINVAL for a field out of range; decoders return 0, or -1 for a content error
 * (Q.2931 5.6.7.2 / 5.6.8.2). */
int mcm_uni_enc_cause(struct mcm_uni_wr *w, const struct mcm_uni_ie_cause *ie);
int mcm_uni_dec_cause(const uint8_t *c, size_t n, struct mcm_uni_ie_cause *ie);
int mcm_uni_enc_call_state(struct mcm_uni_wr *w, const struct mcm_uni_ie_call_state *ie);
int mcm_uni_dec_call_state(const uint8_t *c, size_t n, struct mcm_uni_ie_call_state *ie);
int mcm_uni_enc_epref(struct mcm_uni_wr *w, const struct mcm_uni_ie_epref *ie);
int mcm_uni_dec_epref(const uint8_t *c, size_t n, struct mcm_uni_ie_epref *ie);
int mcm_uni_enc_epstate(struct mcm_uni_wr *w, const struct mcm_uni_ie_epstate *ie);
int mcm_uni_dec_epstate(const uint8_t *c, size_t n, struct mcm_uni_ie_epstate *ie);
int mcm_uni_enc_aal(struct mcm_uni_wr *w, const struct mcm_uni_ie_aal *ie);
int mcm_uni_dec_aal(const uint8_t *c, size_t n, struct mcm_uni_ie_aal *ie);
/* kind: MCM_UNI_IE_TRAFFIC, MCM_UNI_IE_ATRAFFIC or MCM_UNI_IE_MINTRAFFIC */
int mcm_uni_enc_traffic(struct mcm_uni_wr *w, const struct mcm_uni_ie_traffic *ie, uint8_t kind);
int mcm_uni_dec_traffic(const uint8_t *c, size_t n, struct mcm_uni_ie_traffic *ie, uint8_t kind);
int mcm_uni_enc_connid(struct mcm_uni_wr *w, const struct mcm_uni_ie_connid *ie);
int mcm_uni_dec_connid(const uint8_t *c, size_t n, struct mcm_uni_ie_connid *ie);
int mcm_uni_enc_qos(struct mcm_uni_wr *w, const struct mcm_uni_ie_qos *ie);
int mcm_uni_dec_qos(const uint8_t *c, size_t n, struct mcm_uni_ie_qos *ie);
int mcm_uni_enc_exqos(struct mcm_uni_wr *w, const struct mcm_uni_ie_exqos *ie);
int mcm_uni_dec_exqos(const uint8_t *c, size_t n, struct mcm_uni_ie_exqos *ie);
int mcm_uni_enc_eetd(struct mcm_uni_wr *w, const struct mcm_uni_ie_eetd *ie);
int mcm_uni_dec_eetd(const uint8_t *c, size_t n, struct mcm_uni_ie_eetd *ie);
int mcm_uni_enc_bearer(struct mcm_uni_wr *w, const struct mcm_uni_ie_bearer *ie);
int mcm_uni_dec_bearer(const uint8_t *c, size_t n, struct mcm_uni_ie_bearer *ie);
int mcm_uni_enc_bhli(struct mcm_uni_wr *w, const struct mcm_uni_ie_bhli *ie);
int mcm_uni_dec_bhli(const uint8_t *c, size_t n, struct mcm_uni_ie_bhli *ie);
int mcm_uni_enc_blli(struct mcm_uni_wr *w, const struct mcm_uni_ie_blli *ie);
int mcm_uni_dec_blli(const uint8_t *c, size_t n, struct mcm_uni_ie_blli *ie);
/* calling: true for the calling party number (octet 5a allowed) */
int mcm_uni_enc_number(struct mcm_uni_wr *w, const struct mcm_uni_ie_number *ie, bool calling);
int mcm_uni_dec_number(const uint8_t *c, size_t n, struct mcm_uni_ie_number *ie, bool calling);
int mcm_uni_enc_subaddr(struct mcm_uni_wr *w, const struct mcm_uni_ie_subaddr *ie);
int mcm_uni_dec_subaddr(const uint8_t *c, size_t n, struct mcm_uni_ie_subaddr *ie);
int mcm_uni_enc_tns(struct mcm_uni_wr *w, const struct mcm_uni_ie_tns *ie);
int mcm_uni_dec_tns(const uint8_t *c, size_t n, struct mcm_uni_ie_tns *ie);
int mcm_uni_enc_restart(struct mcm_uni_wr *w, const struct mcm_uni_ie_restart *ie);
int mcm_uni_dec_restart(const uint8_t *c, size_t n, struct mcm_uni_ie_restart *ie);
int mcm_uni_enc_notify(struct mcm_uni_wr *w, const struct mcm_uni_ie_notify *ie);
int mcm_uni_dec_notify(const uint8_t *c, size_t n, struct mcm_uni_ie_notify *ie);
int mcm_uni_enc_scompl(struct mcm_uni_wr *w, const struct mcm_uni_ie_scompl *ie);
int mcm_uni_dec_scompl(const uint8_t *c, size_t n, struct mcm_uni_ie_scompl *ie);
int mcm_uni_enc_abrsetup(struct mcm_uni_wr *w, const struct mcm_uni_ie_abrsetup *ie);
int mcm_uni_dec_abrsetup(const uint8_t *c, size_t n, struct mcm_uni_ie_abrsetup *ie);
int mcm_uni_enc_abradd(struct mcm_uni_wr *w, const struct mcm_uni_ie_abradd *ie);
int mcm_uni_dec_abradd(const uint8_t *c, size_t n, struct mcm_uni_ie_abradd *ie);
int mcm_uni_enc_cscope(struct mcm_uni_wr *w, const struct mcm_uni_ie_cscope *ie);
int mcm_uni_dec_cscope(const uint8_t *c, size_t n, struct mcm_uni_ie_cscope *ie);
int mcm_uni_enc_repeat(struct mcm_uni_wr *w, const struct mcm_uni_ie_repeat *ie);
int mcm_uni_dec_repeat(const uint8_t *c, size_t n, struct mcm_uni_ie_repeat *ie);

#endif /* MCM_UNI_CODEC_PRIV_H */
