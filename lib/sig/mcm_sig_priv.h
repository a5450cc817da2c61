/* SPDX-License-Identifier: BSD-3-Clause
 * Internals of the signalling entity (lib/sig), shared by its source files only.
 */
#ifndef MCM_SIG_PRIV_H
#define MCM_SIG_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "mcm_sig.h"

/* ---- time: the one place where the unit changes (SSCOP and this API: ns; lib/uni: ms) ---- */

#define SIG_NS_PER_MS 1000000ull

/* Call-control time of an entity time. Rounding down keeps a call-control deadline d (ms)
 * due exactly at d * 1e6 ns, see sig_uni_deadline_ns(). */
static inline uint64_t
sig_uni_ms(uint64_t ns)
{
	return ns / SIG_NS_PER_MS;
}

/* Entity time of a call-control deadline; UINT64_MAX (none) and overflow stay UINT64_MAX. */
static inline uint64_t
sig_uni_deadline_ns(uint64_t ms)
{
	if (ms >= UINT64_MAX / SIG_NS_PER_MS)
		return UINT64_MAX;
	return ms * SIG_NS_PER_MS;
}

/* ---- trace records, collected during an entry point and given out at its end ---- */

#define SIG_TRACE_TEXT 200

struct sig_trec {
	uint8_t layer;          /* enum mcm_sig_trace_layer */
	bool out;
	bool done;              /* state part final */
	bool rx_group;          /* the received message of its UNI group */
	uint8_t st;             /* UNI: call state when the message was sent */
	uint8_t before, after;  /* UNI: final transition */
	uint32_t call;          /* UNI: call handle, 0 if none */
	char text[SIG_TRACE_TEXT];
	char state[48];
};

/* One group: the records of one call into SSCF-UNI, or one call into call control. */
struct sig_tgrp {
	uint32_t start;         /* first record of the group */
	int sscop_pre;          /* SSCOP state before (SSCOP groups) */
	uint32_t call;          /* UNI: the call the group is about (0: none known) */
	uint8_t pre;            /* UNI: its state before */
	bool rx;                /* UNI: the group is a received message */
	bool find_new;          /* UNI: look the call up by cref at the end (new call) */
	uint32_t cref;
	bool outgoing;
};

struct sig_qrec;

struct mcm_sig {
	struct mcm_sig_params p;
	struct mcm_sig_cbs cb;
	struct mcm_sscf_uni *f;
	struct mcm_uni *u;
	uint64_t now;           /* ns, of the current entry point */
	unsigned int depth;     /* entry points in progress (user callbacks nest them) */
	bool draining;
	bool started;
	bool fix_link_down;     /* call control asked for a link while stopped */
	uint64_t retry_at;      /* next establishment attempt, UINT64_MAX if none */
	int user_link;          /* last LINK_UP/LINK_DOWN delivered, -1 none */
	/* deferred AAL primitives and made-up events: records in one growing buffer */
	uint8_t *q;
	size_t q_head, q_tail, q_cap;
	uint8_t *scratch;       /* copy of the record being delivered */
	size_t scratch_cap;
	/* reject normalisation: rejected calls whose RELEASED is still to come */
	struct sig_rej { uint32_t call; uint8_t cause; } *rej;
	uint32_t n_rej, cap_rej;
	uint32_t rejecting;     /* call being rejected now, 0 none */
	bool rejecting_seen;    /* RELEASED seen for it during the reject */
	/* trace */
	unsigned int trace;
	struct sig_trec *tr;
	uint32_t tr_n, tr_cap;
	struct mcm_uni_msg *tmsg;
	struct mcm_uni_decode_report *trep;
	struct mcm_sig_stats st;
};

/* mcm_sig_trace.c */
void sig_trace_sscop_begin(struct mcm_sig *s, struct sig_tgrp *g);
void sig_trace_sscop_end(struct mcm_sig *s, const struct sig_tgrp *g);
void sig_trace_sscop_pdu(struct mcm_sig *s, bool out, const uint8_t *pdu, size_t len);
void sig_trace_uni_begin(struct mcm_sig *s, struct sig_tgrp *g, uint32_t call);
void sig_trace_uni_rx(struct mcm_sig *s, struct sig_tgrp *g, const uint8_t *msg, size_t len);
void sig_trace_uni_tx(struct mcm_sig *s, const uint8_t *msg, size_t len);
void sig_trace_uni_end(struct mcm_sig *s, struct sig_tgrp *g);
void sig_trace_flush(struct mcm_sig *s);
void sig_trace_free(struct mcm_sig *s);


#endif /* MCM_SIG_PRIV_H */
