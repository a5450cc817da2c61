/* SPDX-License-Identifier: BSD-3-Clause
 * Shared helpers of the sscop test programs: checks and a recording SSCOP endpoint.
 */
#ifndef SSCOP_TEST_H
#define SSCOP_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_check.h"
#include "mcm_sscop.h"


#define REC_MAX 64

/* One endpoint whose outputs are recorded as text for table comparisons. */
struct rec {
	struct mcm_sscop *s;
	char pdus[512];    /* "BGN,SD,..." sent PDU types */
	char sigs[512];    /* "ESTABLISH_IND,..." */
	char maa[64];      /* MAA-ERROR codes in order */
	uint8_t last_pdu[8192];
	size_t last_len;
	uint8_t pdu_log[REC_MAX][256];
	size_t pdu_log_len[REC_MAX];
	unsigned int n_pdus;
	uint32_t last_param;
	size_t last_data_len;
	uint8_t last_data[8192];
	unsigned int n_data;
};

static inline void
rec_append(char *buf, size_t cap, const char *s)
{
	size_t l = strlen(buf);

	snprintf(buf + l, cap - l, "%s%s", l ? "," : "", s);
}

static inline void
rec_send(void *arg, const uint8_t *pdu, size_t len)
{
	struct rec *r = arg;
	struct mcm_sscop_pdu p;

	if (mcm_sscop_pdu_decode(pdu, len, &p) == 0)
		rec_append(r->pdus, sizeof(r->pdus), mcm_sscop_pdu_name(p.type));
	else
		rec_append(r->pdus, sizeof(r->pdus), "BAD");
	if (len <= sizeof(r->last_pdu)) {
		memcpy(r->last_pdu, pdu, len);
		r->last_len = len;
	}
	if (r->n_pdus < REC_MAX && len <= 256) {
		memcpy(r->pdu_log[r->n_pdus], pdu, len);
		r->pdu_log_len[r->n_pdus] = len;
	}
	r->n_pdus++;
}

static inline const char *
sig_short(enum mcm_sscop_signal sig)
{
	static const char *const n[] = {
		"ESTABLISH_IND", "ESTABLISH_CONF", "RELEASE_IND", "RELEASE_CONF", "DATA_IND",
		"RESYNC_IND", "RESYNC_CONF", "RECOVER_IND", "UNITDATA_IND", "MAA_UNITDATA_IND",
		"RETRIEVE_IND", "RETRIEVE_COMPLETE_IND",
	};

	return n[sig];
}

static inline void
rec_signal(void *arg, enum mcm_sscop_signal sig, const uint8_t *d, size_t len, uint32_t prm)
{
	struct rec *r = arg;

	rec_append(r->sigs, sizeof(r->sigs), sig_short(sig));
	r->last_param = prm;
	r->last_data_len = len;
	if (len && len <= sizeof(r->last_data))
		memcpy(r->last_data, d, len);
	if (sig == MCM_SSCOP_AA_DATA_IND)
		r->n_data++;
}

static inline void
rec_maa(void *arg, char code, uint32_t count)
{
	struct rec *r = arg;
	size_t l = strlen(r->maa);

	(void)count;
	if (l + 1 < sizeof(r->maa)) {
		r->maa[l] = code;
		r->maa[l + 1] = 0;
	}
}

static inline void
rec_clear(struct rec *r)
{
	r->pdus[0] = r->sigs[0] = r->maa[0] = 0;
	r->n_pdus = 0;
	r->n_data = 0;
}

static inline struct mcm_sscop *
rec_create(struct rec *r, const struct mcm_sscop_params *p)
{
	struct mcm_sscop_cbs cb = {rec_send, rec_signal, rec_maa, r};

	memset(r, 0, sizeof(*r));
	r->s = mcm_sscop_create(p, &cb);
	return r->s;
}

/* Encode and feed one PDU to an instance. */
static inline void
feed(struct mcm_sscop *s, uint64_t now, const struct mcm_sscop_pdu *p)
{
	uint8_t buf[8192];
	size_t n = mcm_sscop_pdu_encode(p, buf, sizeof(buf));

	mcm_sscop_input(s, now, buf, n);
}

#endif
