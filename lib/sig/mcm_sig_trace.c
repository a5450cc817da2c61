/* SPDX-License-Identifier: BSD-3-Clause
 * Trace of the signalling entity: one line per SSCOP PDU and per Q.2931 message, in and out,
 * decoded with the codecs of lib/sscop (mcm_sscop_pdu.h) and lib/uni (mcm_uni_msg.h).
 *
 * Lines are collected while an entry point runs (a PDU is sent from inside SSCOP, before the
 * state it leads to is known) and given to the trace callback when the outermost entry
 * point ends, in the order the PDUs and messages went. Each call into SSCF-UNI and each call
 * into call control is a group; at the group's end the state part of its lines is filled in:
 * SSCOP "pre->post" on the group's first line (just "post" when unchanged, and on the other
 * lines); UNI "before->after" of the call, from its state before the group, the state each
 * sent message left it in, and its state at the end of the group.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_sig_priv.h"

static struct sig_trec *
trec_new(struct mcm_sig *s, enum mcm_sig_trace_layer layer, bool out)
{
	struct sig_trec *r;

	if (s->tr_n == s->tr_cap) {
		uint32_t ncap = s->tr_cap ? s->tr_cap * 2 : 16;
		struct sig_trec *n = realloc(s->tr, (size_t)ncap * sizeof(*n));

		if (n == NULL)
			return NULL; /* trace lost, the protocol goes on */
		s->tr = n;
		s->tr_cap = ncap;
	}
	r = &s->tr[s->tr_n++];
	memset(r, 0, offsetof(struct sig_trec, text));
	r->layer = (uint8_t)layer;
	r->out = out;
	r->text[0] = 0;
	r->state[0] = 0;
	return r;
}

/* ---- SSCOP ---- */

void
sig_trace_sscop_begin(struct mcm_sig *s, struct sig_tgrp *g)
{
	g->start = s->tr_n;
	g->sscop_pre = mcm_sscop_state(mcm_sscf_uni_sscop(s->f));
}

void
sig_trace_sscop_end(struct mcm_sig *s, const struct sig_tgrp *g)
{
	int post = mcm_sscop_state(mcm_sscf_uni_sscop(s->f));
	bool first = true;
	uint32_t i;

	for (i = g->start; i < s->tr_n; i++) {
		struct sig_trec *r = &s->tr[i];

		if (r->layer != MCM_SIG_TRACE_SSCOP || r->done)
			continue;
		if (first && g->sscop_pre != post)
			snprintf(r->state, sizeof(r->state), "%s->%s",
				 mcm_sscop_state_name(g->sscop_pre), mcm_sscop_state_name(post));
		else
			snprintf(r->state, sizeof(r->state), "%s", mcm_sscop_state_name(post));
		first = false;
		r->done = true;
	}
}

void
sig_trace_sscop_pdu(struct mcm_sig *s, bool out, const uint8_t *pdu, size_t len)
{
	struct sig_trec *r = trec_new(s, MCM_SIG_TRACE_SSCOP, out);
	struct mcm_sscop_pdu p;
	const char *dir = out ? "tx" : "rx";
	char *t;
	size_t room;
	int rc;

	if (r == NULL)
		return;
	t = r->text;
	room = sizeof(r->text);
	rc = mcm_sscop_pdu_decode(pdu, len, &p);
	if (rc != MCM_SSCOP_DEC_OK) {
		snprintf(t, room, "%s SSCOP malformed len=%zu (error %d)", dir, len, rc);
		return;
	}
	/* Q.2110 7.1: the fields of each PDU type worth reading */
	switch (p.type) {
	case MCM_SSCOP_BGN:
	case MCM_SSCOP_RS:
	case MCM_SSCOP_ER:
		snprintf(t, room, "%s SSCOP %s N(SQ)=%u N(MR)=%" PRIu32, dir,
			 mcm_sscop_pdu_name(p.type), p.nsq, p.nmr);
		break;
	case MCM_SSCOP_BGAK:
	case MCM_SSCOP_RSAK:
	case MCM_SSCOP_ERAK:
		snprintf(t, room, "%s SSCOP %s N(MR)=%" PRIu32, dir, mcm_sscop_pdu_name(p.type),
			 p.nmr);
		break;
	case MCM_SSCOP_END:
		snprintf(t, room, "%s SSCOP END S=%d", dir, p.source_sscop ? 1 : 0);
		break;
	case MCM_SSCOP_SD:
		snprintf(t, room, "%s SSCOP SD N(S)=%" PRIu32 " len=%zu", dir, p.ns, p.info_len);
		break;
	case MCM_SSCOP_POLL:
		snprintf(t, room, "%s SSCOP POLL N(S)=%" PRIu32 " N(PS)=%" PRIu32, dir, p.ns,
			 p.nps);
		break;
	case MCM_SSCOP_STAT:
		snprintf(t, room, "%s SSCOP STAT N(R)=%" PRIu32 " N(MR)=%" PRIu32 " N(PS)=%"
			 PRIu32 " list=%" PRIu32, dir, p.nr, p.nmr, p.nps, p.list_len);
		break;
	case MCM_SSCOP_USTAT:
		snprintf(t, room, "%s SSCOP USTAT N(R)=%" PRIu32 " N(MR)=%" PRIu32 " list=%"
			 PRIu32 ",%" PRIu32, dir, p.nr, p.nmr, p.ul1, p.ul2);
		break;
	case MCM_SSCOP_UD:
	case MCM_SSCOP_MD:
		snprintf(t, room, "%s SSCOP %s len=%zu", dir, mcm_sscop_pdu_name(p.type),
			 p.info_len);
		break;
	default: /* ENDAK, BGREJ */
		snprintf(t, room, "%s SSCOP %s", dir, mcm_sscop_pdu_name(p.type));
		break;
	}
	if (mcm_sscop_pdu_has_info(p.type) && p.type != MCM_SSCOP_SD &&
	    p.type != MCM_SSCOP_UD && p.type != MCM_SSCOP_MD && p.info_len) {
		size_t l = strlen(t);

		snprintf(t + l, room - l, " uu=%zu", p.info_len);
	}
}

/* ---- UNI ---- */

static uint8_t
call_state_now(const struct mcm_sig *s, uint32_t call)
{
	return call ? (uint8_t)mcm_uni_call_state(s->u, call) : MCM_UNI_CS_NULL;
}

void
sig_trace_uni_begin(struct mcm_sig *s, struct sig_tgrp *g, uint32_t call)
{
	g->start = s->tr_n;
	g->call = call;
	g->pre = call_state_now(s, call);
	g->rx = false;
	g->find_new = false;
	g->cref = 0;
	g->outgoing = false;
}

/* Decode @p msg into a record text; @p out: we send it. Sets cref and outgoing. */
static struct sig_trec *
uni_record(struct mcm_sig *s, bool out, const uint8_t *msg, size_t len, uint32_t *cref,
	   bool *outgoing, bool *ok)
{
	struct sig_trec *r = trec_new(s, MCM_SIG_TRACE_UNI, out);
	const struct mcm_uni_msg *m = s->tmsg;
	const char *dir = out ? "tx" : "rx", *name;
	char tbuf[16];
	size_t l;

	*ok = false;
	if (r == NULL)
		return NULL;
	if (mcm_uni_msg_decode(msg, len, s->tmsg, s->trep) != 0) {
		snprintf(r->text, sizeof(r->text), "%s UNI undecodable len=%zu (header error %u)",
			 dir, len, s->trep->hdr_error);
		return r;
	}
	*ok = true;
	*cref = m->cref;
	/* Q.2931 4.3: the flag is set by the side that did not allocate the call reference */
	*outgoing = out ? !m->cref_flag : m->cref_flag;
	name = mcm_uni_msg_name(m->type);
	if (name == NULL) {
		snprintf(tbuf, sizeof(tbuf), "type 0x%02x", m->type);
		name = tbuf;
	}
	r->call = m->cref == MCM_UNI_CREF_GLOBAL ? 0 :
		  mcm_uni_call_by_cref(s->u, m->cref, *outgoing);
	snprintf(r->text, sizeof(r->text), "%s UNI %s cref=0x%06" PRIx32 " %s call=%" PRIu32, dir,
		 name, m->cref, *outgoing ? "out" : "in", r->call);
	l = strlen(r->text);
	if (m->n_cause) {
		const char *cn = mcm_uni_cause_name(m->cause[0].cause);

		snprintf(r->text + l, sizeof(r->text) - l, " cause=%u (%s)", m->cause[0].cause,
			 cn != NULL ? cn : "unknown cause");
	}
	l = strlen(r->text);
	if (m->epref.h.present)
		snprintf(r->text + l, sizeof(r->text) - l, " epref=%u", m->epref.value);
	return r;
}

void
sig_trace_uni_rx(struct mcm_sig *s, struct sig_tgrp *g, const uint8_t *msg, size_t len)
{
	struct sig_trec *r;
	bool ok;

	g->start = s->tr_n;
	r = uni_record(s, false, msg, len, &g->cref, &g->outgoing, &ok);
	if (r == NULL)
		return;
	r->rx_group = true;
	g->rx = true;
	g->call = r->call;
	g->pre = call_state_now(s, r->call);
	/* a SETUP makes its call inside mcm_uni_input(): look it up at the end */
	g->find_new = ok && r->call == 0 && g->cref != MCM_UNI_CREF_GLOBAL;
}

void
sig_trace_uni_tx(struct mcm_sig *s, const uint8_t *msg, size_t len)
{
	struct sig_trec *r;
	uint32_t cref;
	bool outgoing, ok;

	r = uni_record(s, true, msg, len, &cref, &outgoing, &ok);
	if (r != NULL && r->call)
		r->st = (uint8_t)mcm_uni_call_state(s->u, r->call);
}

static void
uni_state_text(const struct mcm_sig *s, struct sig_trec *r)
{
	enum mcm_uni_side side = s->p.uni.side;

	if (r->before == r->after)
		snprintf(r->state, sizeof(r->state), "%s", mcm_uni_state_name(side, r->after));
	else
		snprintf(r->state, sizeof(r->state), "%s->%s",
			 mcm_uni_state_name(side, r->before), mcm_uni_state_name(side, r->after));
}

void
sig_trace_uni_end(struct mcm_sig *s, struct sig_tgrp *g)
{
	uint32_t i, j;

	if (g->find_new && g->call == 0) {
		g->call = mcm_uni_call_by_cref(s->u, g->cref, g->outgoing);
		g->pre = MCM_UNI_CS_NULL;
		if (g->rx && g->start < s->tr_n && s->tr[g->start].rx_group &&
		    s->tr[g->start].call == 0 && g->call) {
			struct sig_trec *r = &s->tr[g->start];
			char *p = strstr(r->text, " call=0");

			r->call = g->call;
			if (p != NULL) {
				/* put the handle the SETUP got into the line */
				char rest[SIG_TRACE_TEXT];

				snprintf(rest, sizeof(rest), "%s", p + 7);
				snprintf(p, sizeof(r->text) - (size_t)(p - r->text),
					 " call=%" PRIu32 "%s", g->call, rest);
			}
		}
	}
	for (i = g->start; i < s->tr_n; i++) {
		struct sig_trec *r = &s->tr[i];
		bool later = false;

		if (r->layer != MCM_SIG_TRACE_UNI || r->done)
			continue;
		r->done = true;
		if (r->call == 0)
			continue; /* global or unknown call reference: no call state */
		if (r->rx_group) {
			/* where the message took the call: the state a primitive the user
			 * called from an event started from; else the state at the end; else
			 * (call gone) the state it was in when answered (U12 for RELEASE) */
			bool nested = false, exists;
			uint8_t first = MCM_UNI_CS_NULL;
			bool have_first = false;

			for (j = i + 1; j < s->tr_n && !nested; j++) {
				const struct sig_trec *q = &s->tr[j];

				if (q->layer != MCM_SIG_TRACE_UNI || q->call != r->call)
					continue;
				if (q->done) {
					nested = true;
					first = q->before;
				} else if (!have_first) {
					have_first = true;
					first = q->st;
				}
			}
			exists = mcm_uni_call_info(s->u, r->call, NULL, NULL, NULL, NULL) == 0;
			r->before = g->pre;
			if (nested || (!exists && have_first))
				r->after = first;
			else
				r->after = call_state_now(s, r->call);
			uni_state_text(s, r);
			continue;
		}
		r->before = r->call == g->call ? g->pre : r->st;
		for (j = i; j-- > g->start;) {
			const struct sig_trec *q = &s->tr[j];

			if (q->layer == MCM_SIG_TRACE_UNI && q->call == r->call && q->done) {
				r->before = q->after;
				break;
			}
		}
		r->after = r->st;
		for (j = i + 1; j < s->tr_n && !later; j++)
			later = s->tr[j].layer == MCM_SIG_TRACE_UNI && s->tr[j].call == r->call;
		if (!later)
			r->after = call_state_now(s, r->call);
		uni_state_text(s, r);
	}
}

/* ---- output ---- */

void
sig_trace_flush(struct mcm_sig *s)
{
	char line[SIG_TRACE_TEXT + 64];
	uint32_t i;

	for (i = 0; i < s->tr_n; i++) {
		const struct sig_trec *r = &s->tr[i];

		if (r->state[0])
			snprintf(line, sizeof(line), "%s %s", r->text, r->state);
		else
			snprintf(line, sizeof(line), "%s", r->text);
		if (s->cb.trace != NULL)
			s->cb.trace(s->cb.arg, (enum mcm_sig_trace_layer)r->layer, r->out, line);
	}
	s->tr_n = 0;
}

void
sig_trace_free(struct mcm_sig *s)
{
	free(s->tr);
	s->tr = NULL;
	s->tr_n = s->tr_cap = 0;
}
