/* SPDX-License-Identifier: BSD-3-Clause
 * UNI 4.0 message codec: header, IE frame, codesets, and the Q.2931 5.6 checks and verdict,
 * driven by the tables of mcm_uni_ie.def and mcm_uni_msg.def (mcm_uni_rules.c).
 */
#include <errno.h>
#include <string.h>

#include "mcm_uni_codec_priv.h"

#define EXT 0x80
#define IE_HDR_LEN 4

void
mcm_uni_msg_init(struct mcm_uni_msg *m, uint8_t type, uint32_t cref, bool flag)
{
	memset(m, 0, sizeof(*m));
	m->type = type;
	m->cref = cref & MCM_UNI_CREF_MASK;
	m->cref_flag = flag;
}

/* ---- Encoder ------------------------------------------------------------------------------ */

/* Instruction octet of an IE (Q.2931 4.5.1): ext, coding standard, flag, pass along, action. */
static int
ie_instr(const struct mcm_uni_ie_hdr *h, uint8_t *out)
{
	if (h->coding > 3 || h->action > 7)
		return -EINVAL;
	*out = (uint8_t)(EXT | (h->coding << 5) | (h->flag ? 0x10 : 0) |
			 (h->pass_along ? 0x08 : 0) | h->action);
	return 0;
}

/* Start an IE: identifier, instruction octet, room for the length. Returns its offset. */
static int
ie_begin(struct mcm_uni_wr *w, uint8_t id, const struct mcm_uni_ie_hdr *h, size_t *start)
{
	uint8_t instr;

	if (ie_instr(h, &instr) != 0)
		return -EINVAL;
	*start = w->len;
	mcm_uni_w8(w, id);
	mcm_uni_w8(w, instr);
	mcm_uni_w16(w, 0);
	return 0;
}

/* Patch the IE length once its content is written. */
static int
ie_end(struct mcm_uni_wr *w, size_t start)
{
	size_t clen = w->len - start - IE_HDR_LEN;

	if (clen > 0xffff)
		return -EINVAL;
	if (!w->overflow) {
		w->p[start + 2] = (uint8_t)(clen >> 8);
		w->p[start + 3] = (uint8_t)clen;
	}
	return 0;
}

/* Encode one known IE of codeset 0: the frame here, the content by its row of
 * mcm_uni_ie.def. */
static int
enc_ie(struct mcm_uni_wr *w, uint8_t id, const void *ie)
{
	const struct mcm_uni_ie_hdr *h = ie;   /* every IE struct starts with its header */
	size_t start;
	int rc;

	rc = ie_begin(w, id, h, &start);
	if (rc != 0)
		return rc;
	rc = mcm_uni_ie_enc(w, id, ie);
	if (rc != 0)
		return rc;
	return ie_end(w, start);
}

/*
 * The slots of a message for IE @p id, from its row of mcm_uni_ie.def: pointer to the first
 * instance, stride between instances and how many are present. Returns false for an
 * identifier without a row.
 */
struct slot {
	void *first;
	size_t stride;
	unsigned int count;
	uint8_t *count_field;   /* NULL for single IEs (presence is h.present) */
	unsigned int cap;
};

static bool
msg_slot(struct mcm_uni_msg *m, uint8_t id, struct slot *s)
{
	const struct mcm_uni_ie_desc *d = mcm_uni_ie_desc(id);

	if (d == NULL) {
		memset(s, 0, sizeof(*s));   /* an IE this codec does not know: none held */
		return false;
	}
	s->first = (uint8_t *)m + d->off;
	s->stride = d->size;
	s->cap = d->max;
	s->count_field = d->n_off != 0 ? (uint8_t *)m + d->n_off : NULL;
	if (s->count_field != NULL)
		s->count = *s->count_field;
	else
		s->count = ((const struct mcm_uni_ie_hdr *)s->first)->present ? 1 : 0;
	return true;
}

/* How many of IE @p id message @p m holds. */
static unsigned int
slot_count(struct mcm_uni_msg *m, uint8_t id)
{
	struct slot s;

	return msg_slot(m, id, &s) ? s.count : 0;
}

static void *
slot_at(const struct slot *s, unsigned int i)
{
	return (uint8_t *)s->first + i * s->stride;
}

/* Q.2931 5.6.7.1: the decoder enforces rows mandatory in both directions. */
static bool
row_mandatory(const struct mcm_uni_ie_rule *rule)
{
	return rule->req[MCM_UNI_DIR_U2N] == MCM_UNI_IE_MANDATORY &&
	       rule->req[MCM_UNI_DIR_N2U] == MCM_UNI_IE_MANDATORY;
}

static const struct mcm_uni_ie_rule *
rule_of(const struct mcm_uni_msg_rules *r, uint8_t id, unsigned int *index)
{
	unsigned int i;

	for (i = 0; i < r->n_rules; i++)
		if (r->rules[i].ie == id) {
			if (index != NULL)
				*index = i;
			return &r->rules[i];
		}
	return NULL;
}

static int
enc_shift(struct mcm_uni_wr *w, uint8_t id, uint8_t codeset)
{
	struct mcm_uni_ie_hdr h = { .present = true };
	size_t start;

	if (ie_begin(w, id, &h, &start) != 0)
		return -EINVAL;
	mcm_uni_w8(w, EXT | codeset);
	return ie_end(w, start);
}

static int
enc_raw(struct mcm_uni_wr *w, const struct mcm_uni_ie_raw *r)
{
	size_t start;

	if (r->truncated || r->len > MCM_UNI_RAW_MAX_LEN)
		return -EINVAL;
	if (ie_begin(w, r->id, &r->h, &start) != 0)
		return -EINVAL;
	mcm_uni_wn(w, r->data, r->len);
	return ie_end(w, start);
}

/* Q.2931 4.5.3-4.5.4: raw IEs; codeset 0 ones first, then each other-codeset IE behind a
 * non-locking shift, then the locking-shift ones in ascending codeset order (a locking
 * shift lasts to the end of the message). */
static int
enc_raws(struct mcm_uni_wr *w, const struct mcm_uni_msg *m)
{
	unsigned int i, cs;
	int rc;

	if (m->n_raw > MCM_UNI_MAX_RAW)
		return -EINVAL;
	for (i = 0; i < m->n_raw; i++) {
		const struct mcm_uni_ie_raw *r = &m->raw[i];

		if (r->codeset != 0 && (r->codeset < 4 || r->codeset > 7))
			return -EINVAL;
		if (r->codeset == 0 && (r->locking || r->id == MCM_UNI_IE_LSHIFT ||
					r->id == MCM_UNI_IE_NLSHIFT))
			return -EINVAL;
		if (r->codeset == 0 && (rc = enc_raw(w, r)) != 0)
			return rc;
	}
	for (i = 0; i < m->n_raw; i++) {
		const struct mcm_uni_ie_raw *r = &m->raw[i];

		if (r->codeset == 0 || r->locking)
			continue;
		if ((rc = enc_shift(w, MCM_UNI_IE_NLSHIFT, r->codeset)) != 0 ||
		    (rc = enc_raw(w, r)) != 0)
			return rc;
	}
	for (cs = 4; cs <= 7; cs++) {
		bool shifted = false;

		for (i = 0; i < m->n_raw; i++) {
			const struct mcm_uni_ie_raw *r = &m->raw[i];

			if (r->codeset != cs || !r->locking)
				continue;
			if (!shifted && (rc = enc_shift(w, MCM_UNI_IE_LSHIFT, (uint8_t)cs)) != 0)
				return rc;
			shifted = true;
			if ((rc = enc_raw(w, r)) != 0)
				return rc;
		}
	}
	return 0;
}

int
mcm_uni_msg_encode(const struct mcm_uni_msg *m, uint8_t *buf, size_t room)
{
	const struct mcm_uni_msg_rules *r = mcm_uni_msg_rules(m->type);
	struct mcm_uni_msg *mm = (struct mcm_uni_msg *)(uintptr_t)m; /* slots are read only */
	struct mcm_uni_wr w = { .p = buf, .room = buf != NULL ? room : 0 };
	unsigned int i, k;
	size_t body;
	int rc;

	if (r == NULL || m->cref > MCM_UNI_CREF_MASK || m->msg_action > 3)
		return -EINVAL;
	/* every IE present must be allowed in this message, mandatory ones present */
	for (i = 0; i < mcm_uni_ie_n_descs; i++) {
		const struct mcm_uni_ie_rule *rule;
		struct slot s;

		msg_slot(mm, mcm_uni_ie_descs[i].id, &s);
		if (s.count == 0)
			continue;
		rule = rule_of(r, mcm_uni_ie_descs[i].id, NULL);
		if (s.count > s.cap || rule == NULL || s.count > rule->max)
			return -EINVAL;
	}
	for (i = 0; i < r->n_rules; i++)
		if (row_mandatory(&r->rules[i]) && slot_count(mm, r->rules[i].ie) == 0)
			return -EINVAL;

	/* header, Q.2931 4.1-4.4 */
	mcm_uni_w8(&w, MCM_UNI_PD);
	mcm_uni_w8(&w, MCM_UNI_CREF_LEN);
	mcm_uni_w8(&w, (uint8_t)((m->cref_flag ? 0x80 : 0) | (m->cref >> 16)));
	mcm_uni_w16(&w, (uint16_t)m->cref);
	mcm_uni_w8(&w, m->type);
	mcm_uni_w8(&w, (uint8_t)(EXT | (m->msg_flag ? 0x10 : 0) | m->msg_action));
	mcm_uni_w16(&w, 0);

	for (i = 0; i < r->n_rules; i++) {
		uint8_t id = r->rules[i].ie;
		struct slot s;

		if (id == MCM_UNI_IE_REPEAT) {
			/* Q.2931 4.5 (repeat indicator): it goes ahead of repeated BLLIs */
			struct mcm_uni_ie_repeat rep = m->blli_repeat;

			if (!rep.h.present && m->n_blli <= 1)
				continue;
			rep.h.present = true;
			if (rep.indication == 0)
				rep.indication = 2;
			if ((rc = enc_ie(&w, id, &rep)) != 0)
				return rc;
			continue;
		}
		msg_slot(mm, id, &s);
		for (k = 0; k < s.count; k++)
			if ((rc = enc_ie(&w, id, slot_at(&s, k))) != 0)
				return rc;
	}
	if ((rc = enc_raws(&w, m)) != 0)
		return rc;

	if (w.overflow)
		return -ENOSPC;
	body = w.len - MCM_UNI_HDR_LEN;
	if (body > 0xffff || w.len > (size_t)INT32_MAX)
		return -EINVAL;
	buf[7] = (uint8_t)(body >> 8);
	buf[8] = (uint8_t)body;
	return (int)w.len;
}

/* ---- Decoder ------------------------------------------------------------------------------ */

static void
add_problem(struct mcm_uni_decode_report *rep, uint8_t ie, uint8_t cs, uint8_t fault,
	    bool mandatory, const struct mcm_uni_ie_hdr *h, size_t offset)
{
	struct mcm_uni_ie_problem *p;

	if (rep->n_problems_total < UINT16_MAX)
		rep->n_problems_total++;
	if (rep->n_problems >= MCM_UNI_MAX_PROBLEMS)
		return;
	p = &rep->problems[rep->n_problems++];
	p->ie = ie;
	p->codeset = cs;
	p->fault = fault;
	p->mandatory = mandatory;
	p->flag = h != NULL && h->flag;
	p->action = h != NULL ? h->action : 0;
	p->offset = (uint16_t)(offset > 0xffff ? 0xffff : offset);
}

static struct mcm_uni_ie_problem *
find_problem(struct mcm_uni_decode_report *rep, uint8_t ie, uint8_t fault)
{
	unsigned int i;

	for (i = 0; i < rep->n_problems; i++)
		if (rep->problems[i].ie == ie && rep->problems[i].codeset == 0 &&
		    rep->problems[i].fault == fault)
			return &rep->problems[i];
	return NULL;
}

/* Any IE struct, for the decoding temporary. */
union any_ie {
#define UNI_IE(ID, SLOT, CODEC, CTX, NAME) struct mcm_uni_ie_##CODEC ID;
#define UNI_IE_REP(ID, SLOT, MAX, CODEC, CTX, NAME) struct mcm_uni_ie_##CODEC ID;
#include "mcm_uni_ie.def"
};

static void
keep_raw(struct mcm_uni_msg *m, uint8_t cs, bool locking, uint8_t id,
	 const struct mcm_uni_ie_hdr *h, const uint8_t *c, size_t n)
{
	struct mcm_uni_ie_raw *r;

	if (m->n_raw >= MCM_UNI_MAX_RAW)
		return;
	r = &m->raw[m->n_raw++];
	memset(r, 0, sizeof(*r));
	r->codeset = cs;
	r->locking = locking;
	r->id = id;
	r->h = *h;
	r->len = (uint16_t)n;
	r->truncated = n > MCM_UNI_RAW_MAX_LEN;
	memcpy(r->data, c, r->truncated ? MCM_UNI_RAW_MAX_LEN : n);
}

/* Severity order of verdicts when several problems meet (Q.2931 5.6.8.1: clearing wins,
 * then discarding the message, then discarding single IEs). */
static int
severity(uint8_t v)
{
	switch (v) {
	case MCM_UNI_V_CLEAR: return 5;
	case MCM_UNI_V_MANDATORY: return 4;
	case MCM_UNI_V_DISCARD_STATUS: return 3;
	case MCM_UNI_V_IGNORE: return 2;
	case MCM_UNI_V_OK_STATUS: return 1;
	default: return 0;
	}
}

/* Verdict for one IE problem, Q.2931 5.6.7 (mandatory) and 5.6.8 (non-mandatory). */
static uint8_t
problem_verdict(const struct mcm_uni_ie_problem *p, uint8_t *cause)
{
	switch (p->fault) {
	case MCM_UNI_F_MISSING:
		*cause = MCM_UNI_CAUSE_MANDATORY_MISSING;
		return MCM_UNI_V_MANDATORY;
	case MCM_UNI_F_CONTENT:
		*cause = MCM_UNI_CAUSE_IE_INVALID;
		if (p->mandatory)
			return MCM_UNI_V_MANDATORY;
		break;
	case MCM_UNI_F_UNRECOGNISED:
	case MCM_UNI_F_UNEXPECTED:
		*cause = MCM_UNI_CAUSE_IE_UNKNOWN;
		break;
	default:
		*cause = 0;
		return MCM_UNI_V_OK;   /* excess repetitions are ignored, 5.6.6.2 */
	}
	/* Q.2931 4.5.1 / 5.6.8: without the flag the regular procedure is "proceed and
	 * report status"; with it the action indicator decides. Reserved action values are
	 * treated as "discard IE, proceed and report status". */
	if (!p->flag)
		return MCM_UNI_V_OK_STATUS;
	switch (p->action) {
	case MCM_UNI_IEA_CLEAR: return MCM_UNI_V_CLEAR;
	case MCM_UNI_IEA_DISCARD_PROCEED: return MCM_UNI_V_OK;
	case MCM_UNI_IEA_MSG_IGNORE: return MCM_UNI_V_IGNORE;
	case MCM_UNI_IEA_MSG_REPORT: return MCM_UNI_V_DISCARD_STATUS;
	default: return MCM_UNI_V_OK_STATUS;
	}
}

static void
diag_add(struct mcm_uni_decode_report *rep, uint8_t v)
{
	unsigned int i;

	for (i = 0; i < rep->diag_len; i++)
		if (rep->diag[i] == v)
			return;
	if (rep->diag_len < MCM_UNI_DIAG_MAX)
		rep->diag[rep->diag_len++] = v;
}

/* Fold the problems into verdict, cause and diagnostics. */
static void
finish_report(const struct mcm_uni_msg_desc *d, struct mcm_uni_decode_report *rep)
{
	uint8_t verdict = MCM_UNI_V_OK, cause = 0;
	unsigned int i;

	rep->diag_len = 0;
	rep->mandatory_missing = false;
	rep->mandatory_bad = false;
	for (i = 0; i < rep->n_problems; i++) {
		const struct mcm_uni_ie_problem *p = &rep->problems[i];
		uint8_t c, v = problem_verdict(p, &c);

		if (p->fault == MCM_UNI_F_MISSING)
			rep->mandatory_missing = true;
		if (p->fault == MCM_UNI_F_CONTENT && p->mandatory)
			rep->mandatory_bad = true;
		if (c == 0)
			continue;
		if (severity(v) > severity(verdict)) {
			verdict = v;
			cause = c;
		} else if (cause == 0) {
			/* a problem that asks for no report still carries its cause */
			cause = c;
		}
	}
	/* within a verdict class, 96 (missing) is reported before 100 (bad contents) */
	if (verdict == MCM_UNI_V_MANDATORY)
		cause = rep->mandatory_missing ? MCM_UNI_CAUSE_MANDATORY_MISSING :
						 MCM_UNI_CAUSE_IE_INVALID;
	/* diagnostics: the identifiers of the IEs with that cause (Q.2610 Table 2) */
	for (i = 0; i < rep->n_problems; i++) {
		const struct mcm_uni_ie_problem *p = &rep->problems[i];
		uint8_t c;

		problem_verdict(p, &c);
		if (c == cause && c != 0)
			diag_add(rep, p->ie);
	}
	/* Q.2931 5.6.3.2: global call reference on a message that may not carry it, or a
	 * RESTART (ACKNOWLEDGE) that does not use it: answer STATUS, cause 81 */
	if (rep->global_misuse && severity(verdict) < severity(MCM_UNI_V_DISCARD_STATUS)) {
		verdict = MCM_UNI_V_DISCARD_STATUS;
		cause = MCM_UNI_CAUSE_INVALID_CREF;
		rep->diag_len = 0;
	}
	/* Q.2931 5.6.8.1: no STATUS is sent in answer to RELEASE COMPLETE (STATUS_NEVER); the
	 * cause stays in the report */
	if (!d->status && (verdict == MCM_UNI_V_OK_STATUS || verdict == MCM_UNI_V_DISCARD_STATUS))
		verdict = verdict == MCM_UNI_V_OK_STATUS ? MCM_UNI_V_OK : MCM_UNI_V_IGNORE;
	rep->verdict = verdict;
	rep->cause = verdict == MCM_UNI_V_OK && d->status ? 0 : cause;
	if (rep->cause == 0)
		rep->diag_len = 0;
}

/* Q.2931 5.6.7: mandatory IE @p id is absent; when it came but was unusable (cut short,
 * bad contents) that content problem becomes a mandatory one (5.6.7.2), else it is
 * missing (5.6.7.1). */
static void
mandatory_absent(struct mcm_uni_decode_report *rep, uint8_t id)
{
	struct mcm_uni_ie_problem *p = find_problem(rep, id, MCM_UNI_F_CONTENT);

	if (p != NULL)
		p->mandatory = true;
	else if (find_problem(rep, id, MCM_UNI_F_MISSING) == NULL)
		add_problem(rep, id, 0, MCM_UNI_F_MISSING, true, NULL, 0);
}

/* Q.2931 5.5: RESTART (ACKNOWLEDGE) of one VC or one VPC needs the connection identifier. */
void
mcm_uni_check_restart(struct mcm_uni_msg *m, struct mcm_uni_decode_report *rep)
{
	if (m->restart.h.present && m->restart.rclass != MCM_UNI_RESTART_ALL &&
	    !m->connid.h.present)
		mandatory_absent(rep, MCM_UNI_IE_CONNID);
}

static void
decode_ies(const uint8_t *buf, size_t end, struct mcm_uni_msg *m,
	   const struct mcm_uni_msg_desc *d, struct mcm_uni_decode_report *rep)
{
	const struct mcm_uni_msg_rules *r = &d->rules;
	uint8_t seen[256];
	size_t pos = MCM_UNI_HDR_LEN;
	unsigned int last_index = 0;
	int locked = 0, next = -1;
	unsigned int i;

	memset(seen, 0, sizeof(seen));
	while (pos < end) {
		struct mcm_uni_ie_hdr h = { .present = true };
		uint8_t id = buf[pos];
		const struct mcm_uni_ie_rule *rule;
		unsigned int index = 0;
		size_t n, ie_off = pos;
		const uint8_t *c;
		bool by_lock = next < 0 && locked != 0;
		int cs;

		cs = next >= 0 ? next : locked;
		next = -1;
		if (end - pos >= 2) {
			h.coding = (buf[pos + 1] >> 5) & 3;
			h.flag = (buf[pos + 1] & 0x10) != 0;
			h.pass_along = (buf[pos + 1] & 0x08) != 0;
			h.action = buf[pos + 1] & 7;
		}
		rule = cs == 0 ? rule_of(r, id, &index) : NULL;
		if (end - pos < IE_HDR_LEN ||
		    (size_t)((buf[pos + 2] << 8) | buf[pos + 3]) > end - pos - IE_HDR_LEN) {
			/* the IE runs past the end of the message: its contents are bad */
			bool known = cs == 0 && rule_of(r, id, NULL) != NULL;

			add_problem(rep, id, (uint8_t)cs, known ? MCM_UNI_F_CONTENT :
				    MCM_UNI_F_UNRECOGNISED, false, &h, ie_off);
			break;
		}
		n = (size_t)((buf[pos + 2] << 8) | buf[pos + 3]);
		c = buf + pos + IE_HDR_LEN;
		pos += IE_HDR_LEN + n;

		if (id == MCM_UNI_IE_LSHIFT || id == MCM_UNI_IE_NLSHIFT) {
			/* Q.2931 4.5.3 / 4.5.4: new codeset in bits 3-1; codesets 1-3 reserved */
			uint8_t ncs = n == 1 ? (c[0] & 7) : 0xff;

			if (n != 1 || !(c[0] & EXT) || (c[0] & 0x08) || (ncs != 0 && ncs < 4) ||
			    (id == MCM_UNI_IE_LSHIFT && ncs < (unsigned int)locked)) {
				add_problem(rep, id, 0, MCM_UNI_F_CONTENT, false, &h, ie_off);
				continue;
			}
			if (id == MCM_UNI_IE_LSHIFT)
				locked = ncs;
			else
				next = ncs;
			continue;
		}
		if (cs != 0) {
			/* Q.2931 4.5.2: IEs of other codesets are not interpreted here; the
			 * general unrecognised-IE procedure applies to them */
			keep_raw(m, (uint8_t)cs, by_lock, id, &h, c, n);
			add_problem(rep, id, (uint8_t)cs, MCM_UNI_F_UNRECOGNISED, false, &h,
				    ie_off);
			continue;
		}
		if (rule == NULL) {
			bool known = mcm_uni_ie_desc(id) != NULL;

			/* Q.2931 5.6.8.3: a known IE not expected in this message is handled as
			 * an unrecognised one */
			keep_raw(m, 0, false, id, &h, c, n);
			add_problem(rep, id, 0, known ? MCM_UNI_F_UNEXPECTED :
				    MCM_UNI_F_UNRECOGNISED, false, &h, ie_off);
			continue;
		}
		if (index < last_index)
			rep->out_of_order = true;
		last_index = index;
		/* Q.2931 5.6.6.2: repetitions beyond the allowed number are ignored; BLLI may
		 * repeat only behind a broadband repeat indicator (Q.2931 4.5) */
		if (seen[id] >= rule->max ||
		    (id == MCM_UNI_IE_BLLI && seen[id] >= 1 && !m->blli_repeat.h.present)) {
			add_problem(rep, id, 0, MCM_UNI_F_REPEATED, false, &h, ie_off);
			continue;
		}
		seen[id]++;
		/* Q.2931 4.5.1: the instruction octet is a single octet group (ext 1) */
		if (!(buf[ie_off + 1] & EXT)) {
			add_problem(rep, id, 0, MCM_UNI_F_CONTENT, row_mandatory(rule), &h,
				    ie_off);
			continue;
		}
		{
			union any_ie tmp;
			struct slot s;
			bool mandatory = row_mandatory(rule);

			memset(&tmp, 0, sizeof(tmp));
			if (!msg_slot(m, id, &s))
				continue;   /* a rule's IE is always one the codec knows */
			if (mcm_uni_ie_dec(id, c, n, &tmp) != 0) {
				add_problem(rep, id, 0, MCM_UNI_F_CONTENT, mandatory, &h, ie_off);
				continue;
			}
			memcpy(&tmp, &h, sizeof(h));
			memcpy(slot_at(&s, s.count), &tmp, s.stride);
			if (s.count_field != NULL)
				(*s.count_field)++;
		}
	}

	/* Q.2931 5.6.7.1: mandatory IEs (in both directions) */
	for (i = 0; i < r->n_rules; i++)
		if (row_mandatory(&r->rules[i]) && slot_count(m, r->rules[i].ie) == 0)
			mandatory_absent(rep, r->rules[i].ie);
	if (d->check != NULL)
		d->check(m, rep);
}

int
mcm_uni_msg_decode(const uint8_t *buf, size_t len, struct mcm_uni_msg *m,
		   struct mcm_uni_decode_report *rep)
{
	const struct mcm_uni_msg_desc *d;
	size_t mlen;

	memset(m, 0, sizeof(*m));
	memset(rep, 0, sizeof(*rep));
	rep->verdict = MCM_UNI_V_IGNORE;
	/* Q.2931 5.6.1, 5.6.2, 5.6.3.1: such messages are ignored */
	if (buf == NULL || len < 1) {
		rep->hdr_error = MCM_UNI_HE_SHORT;
		return -EBADMSG;
	}
	if (buf[0] != MCM_UNI_PD) {
		rep->hdr_error = MCM_UNI_HE_PD;
		return -EBADMSG;
	}
	if (len < 2) {
		rep->hdr_error = MCM_UNI_HE_SHORT;
		return -EBADMSG;
	}
	if (buf[1] != MCM_UNI_CREF_LEN) {
		rep->hdr_error = MCM_UNI_HE_CREF_LEN;
		return -EBADMSG;
	}
	if (len < MCM_UNI_HDR_LEN) {
		rep->hdr_error = MCM_UNI_HE_SHORT;
		return -EBADMSG;
	}
	m->cref_flag = (buf[2] & 0x80) != 0;
	m->cref = ((uint32_t)(buf[2] & 0x7f) << 16) | ((uint32_t)buf[3] << 8) | buf[4];
	m->type = buf[5];
	m->msg_flag = (buf[6] & 0x10) != 0;
	m->msg_action = buf[6] & 3;
	if (!(buf[6] & EXT)) {
		rep->hdr_error = MCM_UNI_HE_MSG_TYPE_EXT;
		return -EBADMSG;
	}
	mlen = (size_t)((buf[7] << 8) | buf[8]);
	rep->msg_len = (uint16_t)mlen;
	if (mlen > len - MCM_UNI_HDR_LEN) {
		rep->hdr_error = MCM_UNI_HE_LENGTH;
		return -EBADMSG;
	}
	rep->trailing = mlen < len - MCM_UNI_HDR_LEN;
	rep->global_cref = m->cref == MCM_UNI_CREF_GLOBAL;

	d = mcm_uni_msg_desc(m->type);
	if (d == NULL) {
		/* Q.2931 5.6.4: unrecognised message type, cause 97 with the type as
		 * diagnostic; the message instruction field may ask otherwise */
		rep->msg_unrecognised = true;
		rep->cause = MCM_UNI_CAUSE_MSG_TYPE_UNKNOWN;
		rep->diag[0] = m->type;
		rep->diag_len = 1;
		rep->verdict = MCM_UNI_V_DISCARD_STATUS;
		if (m->msg_flag) {
			if (m->msg_action == MCM_UNI_MSGA_CLEAR)
				rep->verdict = MCM_UNI_V_CLEAR;
			else if (m->msg_action == MCM_UNI_MSGA_IGNORE)
				rep->verdict = MCM_UNI_V_IGNORE;
		}
		return 0;
	}
	/* Q.2931 5.6.3.2 */
	rep->global_misuse = (d->cref == MCM_UNI_MSGD_CREF_CALL && rep->global_cref) ||
			     (d->cref == MCM_UNI_MSGD_CREF_GLOBAL && !rep->global_cref);
	decode_ies(buf, MCM_UNI_HDR_LEN + mlen, m, d, rep);
	finish_report(d, rep);
	return 0;
}

/* Remove IE @p id from the decoded message (it came in a direction that does not allow it). */
static void
drop_ie(const struct slot *s)
{
	memset(s->first, 0, s->stride * s->cap);
	if (s->count_field != NULL)
		*s->count_field = 0;
}

enum mcm_uni_verdict
mcm_uni_msg_check_dir(struct mcm_uni_msg *m, enum mcm_uni_dir dir,
		      struct mcm_uni_decode_report *rep)
{
	const struct mcm_uni_msg_desc *d = mcm_uni_msg_desc(m->type);
	const struct mcm_uni_msg_rules *r = d != NULL ? &d->rules : NULL;
	unsigned int i;

	if (r == NULL || rep->hdr_error != MCM_UNI_HE_NONE ||
	    (dir != MCM_UNI_DIR_U2N && dir != MCM_UNI_DIR_N2U))
		return (enum mcm_uni_verdict)rep->verdict;
	for (i = 0; i < r->n_rules; i++) {
		const struct mcm_uni_ie_rule *rule = &r->rules[i];
		struct slot s;

		if (rule->req[dir] == rule->req[!dir])
			continue;
		msg_slot(m, rule->ie, &s);
		if (rule->req[dir] == MCM_UNI_IE_NOT_ALLOWED && s.count > 0) {
			const struct mcm_uni_ie_hdr *h = s.first;

			add_problem(rep, rule->ie, 0, MCM_UNI_F_UNEXPECTED, false, h, 0);
			drop_ie(&s);
		} else if (rule->req[dir] == MCM_UNI_IE_MANDATORY && s.count == 0) {
			mandatory_absent(rep, rule->ie);
		}
	}
	finish_report(d, rep);
	return (enum mcm_uni_verdict)rep->verdict;
}

void
mcm_uni_report_cause(const struct mcm_uni_decode_report *rep, uint8_t loc,
		     struct mcm_uni_ie_cause *out)
{
	memset(out, 0, sizeof(*out));
	out->h.present = true;
	out->location = loc & 0x0f;
	out->cause = rep->cause & 0x7f;
	out->diag_len = rep->diag_len > MCM_UNI_DIAG_MAX ? MCM_UNI_DIAG_MAX : rep->diag_len;
	memcpy(out->diag, rep->diag, out->diag_len);
}
