/* SPDX-License-Identifier: BSD-3-Clause
 * UNI 4.0 call control: call states U0..U12 / N0..N12 (Q.2931 clause 2, 5), party states
 * of Q.2971, restart (Q.2931 5.5), status enquiry and the error procedures (Q.2931 5.6),
 * SAAL link loss (5.6.9, 5.6.10), timers (Q.2931 clause 9, Q.2971 clause 9, UNI 4.0 5.7).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "uni_call_priv.h"

/* Largest message we encode; a SETUP copy slot has this size too. */
#define UNI_TXBUF 1024

static const struct mcm_uni_timers uni_default_timers = {
	.t303 = 4000,    /* Q.2931 table 9-1/9-2 */
	.t308 = 30000,   /* Q.2931 table 9-1/9-2 */
	.t309 = 10000,   /* UNI 4.0 5.7 (Q.2931: 90 s) */
	.t310 = 10000,   /* UNI 4.0 5.7 (Q.2931: 30..120 s) */
	.t313 = 4000,    /* Q.2931 table 9-2 */
	.t316 = 120000,  /* Q.2931 table 9-1/9-2 */
	.t317 = 60000,   /* Q.2931 table 9-1/9-2: implementation dependent, less than T316 */
	.t322 = 4000,    /* Q.2931 table 9-1/9-2 */
	.t397 = 180000,  /* Q.2971 table 9 */
	.t398 = 4000,    /* Q.2971 table 9 */
	.t399 = 14000,   /* Q.2971 table 9 / UNI 4.0 (user side) */
};

/* ------------------------------------------------------------------------------------------ */
/* instance                                                                                  */

void
mcm_uni_params_default(struct mcm_uni_params *p, enum mcm_uni_side side)
{
	memset(p, 0, sizeof(*p));
	p->side = side;
	p->max_calls = 1024;
	p->vci_min = 32;
	p->vci_max = 65535;
	p->timers = uni_default_timers;
	p->n303 = 2;
	p->n308 = 2;
	p->n316 = 2;
	p->n322 = 3;
}

#define DEF(f, d) do { if ((f) == 0) (f) = (d); } while (0)

struct mcm_uni *
mcm_uni_create(const struct mcm_uni_params *in)
{
	struct mcm_uni *u;
	struct mcm_uni_params p;
	uint32_t i, nb, ids;

	if (in == NULL || in->ops.send == NULL || in->ops.event == NULL)
		return NULL;
	if (in->side != MCM_UNI_SIDE_USER && in->side != MCM_UNI_SIDE_NETWORK)
		return NULL;
	p = *in;
	DEF(p.max_calls, 1024);
	DEF(p.max_parties, p.max_calls);
	DEF(p.max_pending_setups, p.max_calls < 1024 ? p.max_calls : 1024);
	DEF(p.n303, 2);
	DEF(p.n308, 2);
	DEF(p.n316, 2);
	DEF(p.n322, 3);
	DEF(p.timers.t303, uni_default_timers.t303);
	DEF(p.timers.t308, uni_default_timers.t308);
	DEF(p.timers.t309, uni_default_timers.t309);
	DEF(p.timers.t310, uni_default_timers.t310);
	DEF(p.timers.t313, uni_default_timers.t313);
	DEF(p.timers.t316, uni_default_timers.t316);
	DEF(p.timers.t317, uni_default_timers.t317);
	DEF(p.timers.t322, uni_default_timers.t322);
	DEF(p.timers.t397, uni_default_timers.t397);
	DEF(p.timers.t398, uni_default_timers.t398);
	DEF(p.timers.t399, uni_default_timers.t399);
	if (p.vci_max == 0 && p.vci_min == 0)
		p.vci_max = 65535;
	if (p.vci_min < 32)
		p.vci_min = 32; /* VCI 0..31 are reserved (I.361, DESIGN.md) */
	if (p.max_calls > UNI_MAX_CALLS || p.max_parties > UNI_MAX_CALLS ||
	    p.max_pending_setups > p.max_calls || p.vpi_min > p.vpi_max || p.vpi_max > 4095 ||
	    p.vci_min > p.vci_max)
		return NULL;

	u = calloc(1, sizeof(*u));
	if (u == NULL)
		return NULL;
	u->p = p;
	u->ncalls = p.max_calls;
	for (nb = 1; nb < p.max_calls; nb <<= 1)
		;
	u->hmask = nb - 1;
	u->calls = calloc(p.max_calls, sizeof(*u->calls));
	u->cbkt = malloc(sizeof(*u->cbkt) * nb);
	u->vbkt = malloc(sizeof(*u->vbkt) * nb);
	u->parties = calloc(p.max_parties, sizeof(*u->parties));
	u->sbuf = malloc((size_t)p.max_pending_setups * UNI_TXBUF);
	u->slen = calloc(p.max_pending_setups, sizeof(*u->slen));
	u->sfree = malloc(sizeof(*u->sfree) * p.max_pending_setups);
	u->scratch = malloc(sizeof(*u->scratch));
	u->rx = malloc(sizeof(*u->rx));
	u->txbuf = malloc(UNI_TXBUF);
	ids = 2 * p.max_calls + p.max_parties + 3;
	if (u->calls == NULL || u->cbkt == NULL || u->vbkt == NULL || u->parties == NULL ||
	    u->sbuf == NULL || u->slen == NULL || u->sfree == NULL || u->scratch == NULL ||
	    u->rx == NULL || u->txbuf == NULL || uni_heap_init(&u->th, ids) != 0) {
		mcm_uni_destroy(u);
		return NULL;
	}
	u->tid_party = 2 * p.max_calls;
	u->tid_global = u->tid_party + p.max_parties;
	for (i = 0; i < nb; i++) {
		u->cbkt[i] = UNI_NIL;
		u->vbkt[i] = UNI_NIL;
	}
	for (i = 0; i < p.max_calls; i++) {
		u->calls[i].hnext = i + 1 < p.max_calls ? i + 1 : UNI_NIL;
		u->calls[i].vnext = UNI_NIL;
		u->calls[i].gen = 1;
	}
	u->call_free = 0;
	for (i = 0; i < p.max_parties; i++)
		u->parties[i].call = i + 1 < p.max_parties ? i + 1 : UNI_NIL;
	u->party_free = p.max_parties ? 0 : UNI_NIL;
	for (i = 0; i < p.max_pending_setups; i++)
		u->sfree[i] = p.max_pending_setups - 1 - i;
	u->nsfree = p.max_pending_setups;
	u->next_cref = 1;
	u->cur_vpi = p.vpi_min;
	u->cur_vci = p.vci_min;
	u->rstate = MCM_UNI_RS_NULL;
	u->link = MCM_UNI_LINK_DOWN;
	u->mem = sizeof(*u) + (size_t)p.max_calls * sizeof(*u->calls) +
		 2 * sizeof(uint32_t) * nb + (size_t)p.max_parties * sizeof(*u->parties) +
		 (size_t)p.max_pending_setups * (UNI_TXBUF + sizeof(uint16_t) + sizeof(uint32_t)) +
		 2 * sizeof(struct mcm_uni_msg) + UNI_TXBUF +
		 (size_t)ids * (sizeof(uint32_t) * 2 + sizeof(uint64_t));
	return u;
}

void
mcm_uni_destroy(struct mcm_uni *u)
{
	if (u == NULL)
		return;
	uni_heap_free(&u->th);
	free(u->calls);
	free(u->cbkt);
	free(u->vbkt);
	free(u->parties);
	free(u->sbuf);
	free(u->slen);
	free(u->sfree);
	free(u->scratch);
	free(u->rx);
	free(u->txbuf);
	free(u);
}

size_t
mcm_uni_memory(const struct mcm_uni *u)
{
	return u->mem;
}

size_t
mcm_uni_bytes_per_call(void)
{
	/* call record + two hash buckets + two timers (id in heap, deadline, position) */
	return sizeof(struct uni_call) + 2 * sizeof(uint32_t) +
	       2 * (2 * sizeof(uint32_t) + sizeof(uint64_t));
}

/* ------------------------------------------------------------------------------------------ */
/* helpers                                                                                   */

static inline bool
is_net(const struct mcm_uni *u)
{
	return u->p.side == MCM_UNI_SIDE_NETWORK;
}

static inline uint32_t
handle_of(const struct mcm_uni *u, uint32_t idx)
{
	return ((uint32_t)u->calls[idx].gen << UNI_HANDLE_BITS) | (idx + 1);
}

static uint32_t
idx_of(const struct mcm_uni *u, uint32_t h)
{
	uint32_t i = (h & UNI_HANDLE_MASK);

	if (i == 0 || i > u->ncalls)
		return UNI_NIL;
	i--;
	if (!(u->calls[i].flags & UNI_CF_USED) || (h >> UNI_HANDLE_BITS) != u->calls[i].gen)
		return UNI_NIL;
	return i;
}

static uint32_t
timer_ms(const struct mcm_uni *u, uint8_t kind)
{
	const struct mcm_uni_timers *t = &u->p.timers;

	switch (kind) {
	case UNI_T303: return t->t303;
	case UNI_T308: return t->t308;
	case UNI_T309: return t->t309;
	case UNI_T310: return t->t310;
	case UNI_T313: return t->t313;
	case UNI_T316: return t->t316;
	case UNI_T317: return t->t317;
	case UNI_T322: return t->t322;
	case UNI_T397: return t->t397;
	case UNI_T398: return t->t398;
	case UNI_T399: return t->t399;
	default: return 0;
	}
}

static void
emit(struct mcm_uni *u, struct mcm_uni_event *ev)
{
	u->p.ops.event(u->p.ctx, ev);
}

static void
emit_call(struct mcm_uni *u, uint32_t idx, enum mcm_uni_event_type type, uint8_t cause,
	  const struct mcm_uni_msg *m)
{
	struct mcm_uni_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	ev.call = handle_of(u, idx);
	ev.cookie = u->calls[idx].cookie;
	ev.cause = cause;
	ev.vpi = u->calls[idx].vpi;
	ev.vci = u->calls[idx].vci;
	ev.contract = &u->calls[idx].contract;
	ev.msg = m;
	emit(u, &ev);
}

static int
send_encoded(struct mcm_uni *u, const uint8_t *buf, size_t len)
{
	if (u->link != MCM_UNI_LINK_UP || u->p.ops.send(u->p.ctx, buf, len) != 0) {
		u->st.send_failures++;
		return -EIO;
	}
	u->st.tx_msgs++;
	return 0;
}

static int
send_msg(struct mcm_uni *u, const struct mcm_uni_msg *m)
{
	int n = mcm_uni_msg_encode(m, u->txbuf, UNI_TXBUF);

	if (n < 0)
		return n;
	return send_encoded(u, u->txbuf, (size_t)n);
}

static uint8_t
cause_loc(const struct mcm_uni *u)
{
	return is_net(u) ? MCM_UNI_LOC_PRIV_LOCAL : MCM_UNI_LOC_USER;
}

static void
add_cause(const struct mcm_uni *u, struct mcm_uni_msg *m, uint8_t cause, const uint8_t *diag,
	  uint8_t diag_len)
{
	struct mcm_uni_ie_cause *c = &m->cause[0];

	m->n_cause = 1;
	c->h.present = true;
	c->location = cause_loc(u);
	c->cause = cause;
	if (diag_len > MCM_UNI_DIAG_MAX)
		diag_len = MCM_UNI_DIAG_MAX;
	c->diag_len = diag_len;
	if (diag_len)
		memcpy(c->diag, diag, diag_len);
}

/* Start a message on a call: call reference flag set when the peer allocated it (4.3). */
static struct mcm_uni_msg *
msg_call(struct mcm_uni *u, uint32_t idx, uint8_t type)
{
	struct uni_call *c = &u->calls[idx];
	struct mcm_uni_msg *m = u->scratch;

	mcm_uni_msg_init(m, type, c->key & UNI_CREF_MASK, !(c->key & UNI_KEY_LOCAL));
	return m;
}

static bool
ie_allowed(const struct mcm_uni *u, uint8_t type, uint8_t ie)
{
	enum mcm_uni_dir d = is_net(u) ? MCM_UNI_DIR_N2U : MCM_UNI_DIR_U2N;

	return mcm_uni_msg_ie_rule(type, ie, d) != MCM_UNI_IE_NOT_ALLOWED;
}

/* Clear the IEs a message type may not carry in our direction (user input is forgiving). */
static void
strip_disallowed(const struct mcm_uni *u, struct mcm_uni_msg *m)
{
#define STRIP(id, field) do { \
	if (!ie_allowed(u, m->type, (id))) \
		memset(&m->field, 0, sizeof(m->field)); \
} while (0)
	if (!ie_allowed(u, m->type, MCM_UNI_IE_CAUSE))
		m->n_cause = 0;
	STRIP(MCM_UNI_IE_CALL_STATE, call_state);
	STRIP(MCM_UNI_IE_EPREF, epref);
	STRIP(MCM_UNI_IE_EPSTATE, epstate);
	STRIP(MCM_UNI_IE_AAL, aal);
	STRIP(MCM_UNI_IE_TRAFFIC, traffic);
	STRIP(MCM_UNI_IE_ATRAFFIC, atraffic);
	STRIP(MCM_UNI_IE_MINTRAFFIC, mintraffic);
	STRIP(MCM_UNI_IE_CONNID, connid);
	STRIP(MCM_UNI_IE_QOS, qos);
	STRIP(MCM_UNI_IE_EXQOS, exqos);
	STRIP(MCM_UNI_IE_EETD, eetd);
	STRIP(MCM_UNI_IE_BEARER, bearer);
	STRIP(MCM_UNI_IE_BHLI, bhli);
	STRIP(MCM_UNI_IE_REPEAT, blli_repeat);
	if (!ie_allowed(u, m->type, MCM_UNI_IE_BLLI))
		m->n_blli = 0;
	else if (m->n_blli > 1 && mcm_uni_msg_rules(m->type) != NULL) {
		const struct mcm_uni_msg_rules *r = mcm_uni_msg_rules(m->type);
		uint8_t i;

		for (i = 0; i < r->n_rules; i++)
			if (r->rules[i].ie == MCM_UNI_IE_BLLI && m->n_blli > r->rules[i].max)
				m->n_blli = r->rules[i].max;
	}
	STRIP(MCM_UNI_IE_SCOMPL, scompl);
	STRIP(MCM_UNI_IE_CALLED, called);
	if (!ie_allowed(u, m->type, MCM_UNI_IE_CALLEDSUB))
		m->n_calledsub = 0;
	STRIP(MCM_UNI_IE_CALLING, calling);
	if (!ie_allowed(u, m->type, MCM_UNI_IE_CALLINGSUB))
		m->n_callingsub = 0;
	STRIP(MCM_UNI_IE_TNS, tns);
	STRIP(MCM_UNI_IE_RESTART, restart);
	STRIP(MCM_UNI_IE_NOTIFY, notify);
#undef STRIP
}

static void
contract_from(struct mcm_uni_contract *k, const struct mcm_uni_msg *m)
{
	const struct mcm_uni_ie_traffic *t = &m->traffic;

	memset(k, 0, sizeof(*k));
	if (t->h.present) {
#define R(i) ((t->mask & (1u << (i))) ? t->rate[i] : 0)
		k->fwd_pcr = R(MCM_UNI_TDI_FPCR) ? R(MCM_UNI_TDI_FPCR) : R(MCM_UNI_TDI_FPCR0);
		k->bwd_pcr = R(MCM_UNI_TDI_BPCR) ? R(MCM_UNI_TDI_BPCR) : R(MCM_UNI_TDI_BPCR0);
		k->fwd_scr = R(MCM_UNI_TDI_FSCR) ? R(MCM_UNI_TDI_FSCR) : R(MCM_UNI_TDI_FSCR0);
		k->bwd_scr = R(MCM_UNI_TDI_BSCR) ? R(MCM_UNI_TDI_BSCR) : R(MCM_UNI_TDI_BSCR0);
		k->fwd_mbs = R(MCM_UNI_TDI_FMBS) ? R(MCM_UNI_TDI_FMBS) : R(MCM_UNI_TDI_FMBS0);
		k->bwd_mbs = R(MCM_UNI_TDI_BMBS) ? R(MCM_UNI_TDI_BMBS) : R(MCM_UNI_TDI_BMBS0);
#undef R
		k->best_effort = t->best_effort;
	}
	if (m->aal.h.present) {
		k->aal = m->aal.type;
		if (m->aal.has_fwd_sdu)
			k->fwd_sdu = m->aal.fwd_sdu;
		if (m->aal.has_bwd_sdu)
			k->bwd_sdu = m->aal.bwd_sdu;
	}
	if (m->bearer.h.present) {
		k->bearer_class = m->bearer.bclass;
		k->p2mp = m->bearer.upcc == 1;
	}
}

/* ------------------------------------------------------------------------------------------ */
/* pools                                                                                     */

static uint32_t
call_alloc(struct mcm_uni *u, uint32_t key)
{
	uint32_t idx = u->call_free;
	struct uni_call *c;
	uint16_t gen;

	if (idx == UNI_NIL)
		return UNI_NIL;
	c = &u->calls[idx];
	u->call_free = c->hnext;
	gen = c->gen;
	memset(c, 0, sizeof(*c));
	c->gen = gen;
	c->key = key;
	c->flags = UNI_CF_USED | ((key & UNI_KEY_LOCAL) ? UNI_CF_LOCAL : 0);
	c->vnext = UNI_NIL;
	c->party_head = UNI_NIL;
	c->setup_buf = UNI_NIL;
	c->next_epref = 1;
	uni_call_hash_add(u, idx);
	u->st.calls_in_use++;
	if (u->st.calls_in_use > u->st.calls_peak)
		u->st.calls_peak = u->st.calls_in_use;
	return idx;
}

static void
setup_buf_release(struct mcm_uni *u, struct uni_call *c)
{
	if (c->setup_buf == UNI_NIL)
		return;
	u->sfree[u->nsfree++] = c->setup_buf;
	c->setup_buf = UNI_NIL;
	u->st.setups_pending--;
}

static void
party_free(struct mcm_uni *u, uint32_t pi)
{
	struct uni_party *p = &u->parties[pi];
	struct uni_call *c = &u->calls[p->call];
	uint32_t *pp = &c->party_head;

	while (*pp != UNI_NIL) {
		if (*pp == pi) {
			*pp = p->next;
			break;
		}
		pp = &u->parties[*pp].next;
	}
	c->nparties--;
	uni_timer_disarm(&u->th, u->tid_party + pi);
	memset(p, 0, sizeof(*p));
	p->call = u->party_free;
	u->party_free = pi;
	u->st.parties_in_use--;
}

static uint32_t
party_alloc(struct mcm_uni *u, uint32_t idx, uint16_t epkey, uint8_t state)
{
	uint32_t pi = u->party_free;
	struct uni_party *p;

	if (pi == UNI_NIL)
		return UNI_NIL;
	p = &u->parties[pi];
	u->party_free = p->call;
	memset(p, 0, sizeof(*p));
	p->used = 1;
	p->call = idx;
	p->epkey = epkey;
	p->state = state;
	p->next = u->calls[idx].party_head;
	u->calls[idx].party_head = pi;
	u->calls[idx].nparties++;
	u->st.parties_in_use++;
	return pi;
}

static uint32_t
party_find(const struct mcm_uni *u, uint32_t idx, uint16_t epkey)
{
	uint32_t pi = u->calls[idx].party_head;

	while (pi != UNI_NIL) {
		if (u->parties[pi].epkey == epkey)
			return pi;
		pi = u->parties[pi].next;
	}
	return UNI_NIL;
}

/* Return a call slot to the pool: no event, no message. */
static void
call_free(struct mcm_uni *u, uint32_t idx)
{
	struct uni_call *c = &u->calls[idx];

	while (c->party_head != UNI_NIL)
		party_free(u, c->party_head);
	uni_timer_disarm(&u->th, UNI_TID_CALL(idx));
	uni_timer_disarm(&u->th, UNI_TID_T322(idx));
	setup_buf_release(u, c);
	uni_vc_hash_del(u, idx);
	uni_call_hash_del(u, idx);
	c->flags = 0;
	c->state = MCM_UNI_CS_NULL;
	c->gen = (uint16_t)((c->gen + 1) & ((1u << (32 - UNI_HANDLE_BITS)) - 1));
	if (c->gen == 0)
		c->gen = 1;
	c->hnext = u->call_free;
	u->call_free = idx;
	u->st.calls_in_use--;
	u->st.calls_released++;
}

/* ------------------------------------------------------------------------------------------ */
/* timers                                                                                    */

static void
call_timer_start(struct mcm_uni *u, uint32_t idx, uint8_t kind)
{
	u->calls[idx].tkind = kind;
	uni_timer_arm(&u->th, UNI_TID_CALL(idx), u->now + timer_ms(u, kind));
}

static void
call_timer_stop(struct mcm_uni *u, uint32_t idx)
{
	u->calls[idx].tkind = UNI_T_NONE;
	uni_timer_disarm(&u->th, UNI_TID_CALL(idx));
}

static void
party_timer_start(struct mcm_uni *u, uint32_t pi, uint8_t kind)
{
	u->parties[pi].tkind = kind;
	uni_timer_arm(&u->th, u->tid_party + pi, u->now + timer_ms(u, kind));
}

static void
party_timer_stop(struct mcm_uni *u, uint32_t pi)
{
	u->parties[pi].tkind = UNI_T_NONE;
	uni_timer_disarm(&u->th, u->tid_party + pi);
}

uint64_t
mcm_uni_next_deadline(const struct mcm_uni *u)
{
	if (u->th.n == 0)
		return UINT64_MAX;
	return u->th.deadline[u->th.heap[0]];
}

static void
set_now(struct mcm_uni *u, uint64_t now)
{
	if (now > u->now)
		u->now = now;
}

/* ------------------------------------------------------------------------------------------ */
/* VC activation and clearing                                                                */

static void
vc_activate(struct mcm_uni *u, uint32_t idx)
{
	struct uni_call *c = &u->calls[idx];

	if (!(c->flags & UNI_CF_HAS_VC) || (c->flags & UNI_CF_VC_ACTIVE))
		return;
	c->flags |= UNI_CF_VC_ACTIVE;
	emit_call(u, idx, MCM_UNI_EV_VC_ACTIVATE, 0, NULL);
}

/* Deactivation comes before the release of the VC (DESIGN.md). */
static void
vc_deactivate(struct mcm_uni *u, uint32_t idx)
{
	struct uni_call *c = &u->calls[idx];

	if (!(c->flags & UNI_CF_VC_ACTIVE))
		return;
	c->flags &= ~UNI_CF_VC_ACTIVE;
	emit_call(u, idx, MCM_UNI_EV_VC_DEACTIVATE, 0, NULL);
}

/* Clear a call without any message: deactivate, free, tell the user. */
static void
call_clear_local(struct mcm_uni *u, uint32_t idx, uint8_t cause, const struct mcm_uni_msg *m)
{
	struct mcm_uni_event ev;
	struct uni_call *c = &u->calls[idx];
	uint32_t h = handle_of(u, idx);

	c->state = MCM_UNI_CS_RELEASE_INDICATION;
	vc_deactivate(u, idx);
	if (idx_of(u, h) != idx)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.type = MCM_UNI_EV_RELEASED;
	ev.call = handle_of(u, idx);
	ev.cookie = c->cookie;
	ev.cause = cause;
	ev.vpi = c->vpi;
	ev.vci = c->vci;
	ev.msg = m;
	call_free(u, idx);
	emit(u, &ev);
}

/* RELEASE with T308 (Q.2931 5.4.2 network, 5.4.3 user). */
static void
send_release(struct mcm_uni *u, uint32_t idx, uint8_t cause, const uint8_t *diag,
	     uint8_t diag_len)
{
	struct uni_call *c = &u->calls[idx];
	uint32_t h = handle_of(u, idx);
	struct mcm_uni_msg *m;

	c->state = MCM_UNI_CS_RELEASE_REQUEST;
	c->cause = cause;
	c->tcount = 1;
	uni_timer_disarm(&u->th, UNI_TID_T322(idx));
	setup_buf_release(u, c);
	vc_deactivate(u, idx);
	if (idx_of(u, h) != idx)
		return; /* the user cleared it from the deactivation callback */
	m = msg_call(u, idx, MCM_UNI_MSG_RELEASE);
	add_cause(u, m, cause, diag, diag_len);
	send_msg(u, m);
	call_timer_start(u, idx, UNI_T308);
}

static void
send_release_complete(struct mcm_uni *u, uint32_t cref, bool flag, uint8_t cause,
		      const uint8_t *diag, uint8_t diag_len)
{
	struct mcm_uni_msg *m = u->scratch;

	mcm_uni_msg_init(m, MCM_UNI_MSG_RELEASE_COMPLETE, cref, flag);
	if (cause)
		add_cause(u, m, cause, diag, diag_len);
	send_msg(u, m);
}

/* STATUS (Q.2931 5.6.11, 5.6.12); @p ep: endpoint to report, or NULL. */
static void
send_status(struct mcm_uni *u, uint32_t cref, bool flag, uint8_t state, uint8_t cause,
	    const uint8_t *diag, uint8_t diag_len, const struct uni_party *ep)
{
	struct mcm_uni_msg *m = u->scratch;

	mcm_uni_msg_init(m, MCM_UNI_MSG_STATUS, cref, flag);
	m->call_state.h.present = true;
	m->call_state.state = state;
	add_cause(u, m, cause, diag, diag_len);
	if (ep != NULL) {
		m->epref.h.present = true;
		m->epref.value = ep->epkey & UNI_EPREF_MASK;
		m->epref.flag = !(ep->epkey & UNI_EPKEY_LOCAL);
		m->epstate.h.present = true;
		m->epstate.state = ep->state;
	}
	send_msg(u, m);
}

static void
call_status(struct mcm_uni *u, uint32_t idx, uint8_t cause, const uint8_t *diag,
	    uint8_t diag_len, const struct uni_party *ep)
{
	struct uni_call *c = &u->calls[idx];

	send_status(u, c->key & UNI_CREF_MASK, !(c->key & UNI_KEY_LOCAL), c->state, cause, diag,
		    diag_len, ep);
	u->st.rx_status_sent++;
}

/* ------------------------------------------------------------------------------------------ */
/* user primitives: calls                                                                    */

int
mcm_uni_setup_request(struct mcm_uni *u, const struct mcm_uni_msg *setup, uint32_t *call,
		      uint64_t now)
{
	struct mcm_uni_msg *m = u->scratch;
	struct uni_call *c;
	uint32_t idx, cref, sb;
	uint16_t vpi = 0, vci = 0;
	int n;

	set_now(u, now);
	if (setup == NULL || call == NULL)
		return -EINVAL;
	if (u->link != MCM_UNI_LINK_UP) {
		/* Q.2931 5.6.10: call control asks the SAAL to establish before sending */
		if (u->link == MCM_UNI_LINK_DOWN && u->p.ops.establish_request != NULL) {
			u->link = MCM_UNI_LINK_ESTABLISHING;
			u->p.ops.establish_request(u->p.ctx);
		}
		return -ENOTCONN;
	}
	if (u->call_free == UNI_NIL || u->nsfree == 0 ||
	    (setup->bearer.h.present && setup->bearer.upcc == 1 && u->party_free == UNI_NIL))
		return -ENOSPC;
	if (is_net(u) && uni_vc_alloc(u, &vpi, &vci) != 0)
		return -EADDRNOTAVAIL;
	cref = uni_cref_alloc(u);
	if (cref == UNI_NIL)
		return -ENOSPC;

	if (m != setup)
		memcpy(m, setup, sizeof(*m));
	m->type = MCM_UNI_MSG_SETUP;
	strip_disallowed(u, m);
	m->cref = cref;
	m->cref_flag = false; /* sent from the side that allocated the call reference */
	if (is_net(u)) {
		/* Q.2931 5.2.3: the network indicates the VC in SETUP (exclusive VPCI/VCI) */
		m->connid.h.present = true;
		m->connid.assoc = 1;
		m->connid.excl = MCM_UNI_CONNID_EXCL_EXCL;
		m->connid.vpci = vpi;
		m->connid.vci = vci;
	}
	if (m->bearer.h.present && m->bearer.upcc == 1) {
		/* Q.2971 5.1: the first party of a p2mp call has endpoint reference 0 */
		m->epref.h.present = true;
		m->epref.type = 0;
		m->epref.flag = false;
		m->epref.value = 0;
	}
	sb = u->sfree[u->nsfree - 1];
	n = mcm_uni_msg_encode(m, u->sbuf + (size_t)sb * UNI_TXBUF, UNI_TXBUF);
	if (n < 0)
		return n == -ENOSPC ? -EMSGSIZE : -EINVAL;

	idx = call_alloc(u, cref | UNI_KEY_LOCAL);
	c = &u->calls[idx];
	u->nsfree--;
	u->st.setups_pending++;
	c->setup_buf = sb;
	u->slen[sb] = (uint16_t)n;
	contract_from(&c->contract, m);
	if (c->contract.p2mp) {
		c->flags |= UNI_CF_P2MP;
		party_alloc(u, idx, 0 | UNI_EPKEY_LOCAL, MCM_UNI_EPS_ADD_INITIATED);
	}
	if (is_net(u)) {
		c->vpi = vpi;
		c->vci = vci;
		uni_vc_hash_add(u, idx);
		c->flags |= UNI_CF_VC_OWNED;
	}
	/* U1 call initiated (5.1.1) / N6 call present (5.2.1) */
	c->state = is_net(u) ? MCM_UNI_CS_CALL_PRESENT : MCM_UNI_CS_CALL_INITIATED;
	c->tcount = 1;
	u->st.calls_setup++;
	*call = handle_of(u, idx);
	send_encoded(u, u->sbuf + (size_t)sb * UNI_TXBUF, (size_t)n);
	call_timer_start(u, idx, UNI_T303);
	return 0;
}

/* Add the endpoint reference of the first party to an answer of a p2mp call (Q.2971). */
static void
add_first_epref(struct mcm_uni *u, uint32_t idx, struct mcm_uni_msg *m)
{
	struct uni_call *c = &u->calls[idx];
	uint32_t pi;

	if (!(c->flags & UNI_CF_P2MP) || !ie_allowed(u, m->type, MCM_UNI_IE_EPREF))
		return;
	for (pi = c->party_head; pi != UNI_NIL; pi = u->parties[pi].next) {
		if ((u->parties[pi].epkey & UNI_EPREF_MASK) == 0) {
			m->epref.h.present = true;
			m->epref.value = 0;
			m->epref.flag = !(u->parties[pi].epkey & UNI_EPKEY_LOCAL);
			return;
		}
	}
}

/* Network side: the connection identifier goes in the first response (Q.2931 5.1.2). */
static void
add_connid(struct mcm_uni *u, uint32_t idx, struct mcm_uni_msg *m)
{
	struct uni_call *c = &u->calls[idx];

	if (!is_net(u) || (c->flags & UNI_CF_LOCAL))
		return;
	m->connid.h.present = true;
	m->connid.assoc = 1;
	m->connid.excl = MCM_UNI_CONNID_EXCL_EXCL;
	m->connid.vpci = c->vpi;
	m->connid.vci = c->vci;
}

static void
set_party0_state(struct mcm_uni *u, uint32_t idx, uint8_t st)
{
	uint32_t pi;

	for (pi = u->calls[idx].party_head; pi != UNI_NIL; pi = u->parties[pi].next)
		if ((u->parties[pi].epkey & UNI_EPREF_MASK) == 0)
			u->parties[pi].state = st;
}

static void
enter_active(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m)
{
	u->calls[idx].state = MCM_UNI_CS_ACTIVE;
	set_party0_state(u, idx, MCM_UNI_EPS_ACTIVE);
	u->st.calls_active++;
	vc_activate(u, idx);
	if (idx_of(u, handle_of(u, idx)) == idx && u->calls[idx].state == MCM_UNI_CS_ACTIVE)
		emit_call(u, idx, MCM_UNI_EV_CONNECTED, 0, m);
}

/* Entry of a user primitive on a call: the clock first, then the call (NULL: none). */
static struct uni_call *
call_of(struct mcm_uni *u, uint32_t call, uint64_t now, uint32_t *idx)
{
	set_now(u, now);
	*idx = idx_of(u, call);
	return *idx == UNI_NIL ? NULL : &u->calls[*idx];
}

int
mcm_uni_proceeding_request(struct mcm_uni *u, uint32_t call, uint64_t now)
{
	uint32_t idx;
	struct mcm_uni_msg *m;
	struct uni_call *c;

	c = call_of(u, call, now, &idx);
	if (c == NULL)
		return -ENOENT;
	if (is_net(u) && c->state == MCM_UNI_CS_OUT_PROCEEDING)
		return 0; /* already sent on receipt of SETUP */
	if (c->state != (is_net(u) ? MCM_UNI_CS_CALL_INITIATED : MCM_UNI_CS_CALL_PRESENT))
		return -EPROTO;
	m = msg_call(u, idx, MCM_UNI_MSG_CALL_PROCEEDING);
	add_connid(u, idx, m);
	add_first_epref(u, idx, m);
	c->state = is_net(u) ? MCM_UNI_CS_OUT_PROCEEDING : MCM_UNI_CS_IN_PROCEEDING;
	return send_msg(u, m);
}

int
mcm_uni_alert_request(struct mcm_uni *u, uint32_t call, uint64_t now)
{
	uint32_t idx;
	struct mcm_uni_msg *m;
	struct uni_call *c;
	bool first;

	c = call_of(u, call, now, &idx);
	if (c == NULL)
		return -ENOENT;
	if (is_net(u))
		first = c->state == MCM_UNI_CS_CALL_INITIATED;
	else
		first = c->state == MCM_UNI_CS_CALL_PRESENT;
	if (!first && c->state != (is_net(u) ? MCM_UNI_CS_OUT_PROCEEDING :
				   MCM_UNI_CS_IN_PROCEEDING))
		return -EPROTO;
	m = msg_call(u, idx, MCM_UNI_MSG_ALERTING);
	if (first)
		add_connid(u, idx, m);
	add_first_epref(u, idx, m);
	/* U7 call received (5.2.6) / N4 call delivered (5.1.6) */
	c->state = is_net(u) ? MCM_UNI_CS_CALL_DELIVERED : MCM_UNI_CS_CALL_RECEIVED;
	set_party0_state(u, idx, MCM_UNI_EPS_ALERT_DELIVERED);
	return send_msg(u, m);
}

int
mcm_uni_connect_request(struct mcm_uni *u, uint32_t call, uint64_t now)
{
	uint32_t idx;
	struct mcm_uni_msg *m;
	struct uni_call *c;
	int rc;

	c = call_of(u, call, now, &idx);
	if (c == NULL)
		return -ENOENT;
	m = msg_call(u, idx, MCM_UNI_MSG_CONNECT);
	add_first_epref(u, idx, m);
	if (is_net(u)) {
		if (c->state != MCM_UNI_CS_CALL_INITIATED &&
		    c->state != MCM_UNI_CS_OUT_PROCEEDING &&
		    c->state != MCM_UNI_CS_CALL_DELIVERED)
			return -EPROTO;
		if (c->state == MCM_UNI_CS_CALL_INITIATED)
			add_connid(u, idx, m);
		/* Q.2931 5.1.7: CONNECT to the calling user, network enters N10 */
		rc = send_msg(u, m);
		enter_active(u, idx, NULL);
		return rc;
	}
	if (c->state != MCM_UNI_CS_CALL_PRESENT && c->state != MCM_UNI_CS_IN_PROCEEDING &&
	    c->state != MCM_UNI_CS_CALL_RECEIVED)
		return -EPROTO;
	/* Q.2931 5.2.8: CONNECT, T313, U8 connect request */
	c->state = MCM_UNI_CS_CONNECT_REQUEST;
	rc = send_msg(u, m);
	call_timer_start(u, idx, UNI_T313);
	return rc;
}

int
mcm_uni_reject_request(struct mcm_uni *u, uint32_t call, uint8_t cause, uint64_t now)
{
	uint32_t idx;
	struct uni_call *c;

	c = call_of(u, call, now, &idx);
	if (c == NULL)
		return -ENOENT;
	if (c->flags & UNI_CF_LOCAL)
		return -EPROTO;
	if (c->state == MCM_UNI_CS_CALL_PRESENT || c->state == MCM_UNI_CS_CALL_INITIATED) {
		/* nothing answered yet: RELEASE COMPLETE (Q.2931 5.2.5.3, 5.1.3) */
		send_release_complete(u, c->key & UNI_CREF_MASK, true, cause, NULL, 0);
		call_free(u, idx);
		return 0;
	}
	return mcm_uni_release_request(u, call, cause, now);
}

int
mcm_uni_release_request(struct mcm_uni *u, uint32_t call, uint8_t cause, uint64_t now)
{
	uint32_t idx;
	struct uni_call *c;

	c = call_of(u, call, now, &idx);
	if (c == NULL)
		return -ENOENT;
	if (c->state == MCM_UNI_CS_RELEASE_REQUEST || c->state == MCM_UNI_CS_RELEASE_INDICATION)
		return -EALREADY;
	if (cause == 0)
		cause = MCM_UNI_CAUSE_NORMAL;
	if (u->link != MCM_UNI_LINK_UP) {
		/* no link: nothing can be sent, clear locally (Q.2931 5.6.10) */
		call_clear_local(u, idx, cause, NULL);
		return 0;
	}
	if (!(c->flags & UNI_CF_LOCAL) && (c->state == MCM_UNI_CS_CALL_PRESENT ||
					  c->state == MCM_UNI_CS_CALL_INITIATED))
		return mcm_uni_reject_request(u, call, cause, now);
	call_timer_stop(u, idx);
	send_release(u, idx, cause, NULL, 0);
	return 0;
}

int
mcm_uni_status_enquiry_request(struct mcm_uni *u, uint32_t call, uint64_t now)
{
	uint32_t idx = idx_of(u, call);
	struct mcm_uni_msg *m;

	set_now(u, now);
	if (idx == UNI_NIL)
		return -ENOENT;
	/* Q.2931 5.6.11: one enquiry at a time per call */
	if (uni_timer_armed(&u->th, UNI_TID_T322(idx)))
		return -EBUSY;
	m = msg_call(u, idx, MCM_UNI_MSG_STATUS_ENQUIRY);
	u->calls[idx].t322_count = 1;
	uni_timer_arm(&u->th, UNI_TID_T322(idx), u->now + u->p.timers.t322);
	return send_msg(u, m);
}

/* ------------------------------------------------------------------------------------------ */
/* user primitives: parties (Q.2971)                                                         */

static struct mcm_uni_msg *
msg_party(struct mcm_uni *u, uint32_t idx, uint32_t pi, uint8_t type)
{
	struct mcm_uni_msg *m = msg_call(u, idx, type);

	m->epref.h.present = true;
	m->epref.value = u->parties[pi].epkey & UNI_EPREF_MASK;
	m->epref.flag = !(u->parties[pi].epkey & UNI_EPKEY_LOCAL);
	return m;
}

static uint32_t
party_of(const struct mcm_uni *u, uint32_t call, uint16_t epref, uint32_t *idxp)
{
	uint32_t idx = idx_of(u, call);
	uint32_t pi;

	*idxp = idx;
	if (idx == UNI_NIL)
		return UNI_NIL;
	pi = party_find(u, idx, (epref & UNI_EPREF_MASK) | UNI_EPKEY_LOCAL);
	if (pi == UNI_NIL)
		pi = party_find(u, idx, epref & UNI_EPREF_MASK);
	return pi;
}

int
mcm_uni_add_party_request(struct mcm_uni *u, uint32_t call, const struct mcm_uni_msg *add,
			  uint16_t *epref, uint64_t now)
{
	uint32_t idx;
	struct mcm_uni_msg *m = u->scratch;
	struct uni_call *c;
	uint32_t pi, n;
	uint16_t v = 0;
	int rc;

	c = call_of(u, call, now, &idx);
	if (c == NULL)
		return -ENOENT;
	if (!(c->flags & UNI_CF_P2MP))
		return -EINVAL;
	/* Q.2971 5.2: parties are added to an active call */
	if (c->state != MCM_UNI_CS_ACTIVE)
		return -EPROTO;
	if (u->link != MCM_UNI_LINK_UP)
		return -ENOTCONN;
	for (n = 0; n < UNI_EPREF_MASK; n++) {
		v = c->next_epref;
		c->next_epref = (uint16_t)(c->next_epref % UNI_EPREF_MASK + 1);
		if (party_find(u, idx, v | UNI_EPKEY_LOCAL) == UNI_NIL)
			break;
	}
	if (n == UNI_EPREF_MASK)
		return -ENOSPC;
	pi = party_alloc(u, idx, v | UNI_EPKEY_LOCAL, MCM_UNI_EPS_ADD_INITIATED);
	if (pi == UNI_NIL)
		return -ENOSPC;
	if (add != NULL && add != m)
		memcpy(m, add, sizeof(*m));
	else if (add == NULL)
		memset(m, 0, sizeof(*m));
	m->type = MCM_UNI_MSG_ADD_PARTY;
	strip_disallowed(u, m);
	m->cref = c->key & UNI_CREF_MASK;
	m->cref_flag = !(c->key & UNI_KEY_LOCAL);
	m->epref.h.present = true;
	m->epref.type = 0;
	m->epref.value = v;
	m->epref.flag = false;
	rc = send_msg(u, m);
	if (rc == -EINVAL || rc == -ENOSPC) {
		party_free(u, pi);
		return -EINVAL;
	}
	party_timer_start(u, pi, UNI_T399);
	*epref = v;
	return 0;
}

int
mcm_uni_party_alert_request(struct mcm_uni *u, uint32_t call, uint16_t epref, uint64_t now)
{
	uint32_t idx, pi;

	set_now(u, now);
	pi = party_of(u, call, epref, &idx);
	if (pi == UNI_NIL)
		return -ENOENT;
	if (u->parties[pi].state != MCM_UNI_EPS_ADD_RECEIVED)
		return -EPROTO;
	u->parties[pi].state = MCM_UNI_EPS_ALERT_DELIVERED;
	return send_msg(u, msg_party(u, idx, pi, MCM_UNI_MSG_PARTY_ALERTING));
}

int
mcm_uni_add_party_ack_request(struct mcm_uni *u, uint32_t call, uint16_t epref, uint64_t now)
{
	uint32_t idx, pi;
	int rc;

	set_now(u, now);
	pi = party_of(u, call, epref, &idx);
	if (pi == UNI_NIL)
		return -ENOENT;
	if (u->parties[pi].state != MCM_UNI_EPS_ADD_RECEIVED &&
	    u->parties[pi].state != MCM_UNI_EPS_ALERT_DELIVERED)
		return -EPROTO;
	u->parties[pi].state = MCM_UNI_EPS_ACTIVE;
	rc = send_msg(u, msg_party(u, idx, pi, MCM_UNI_MSG_ADD_PARTY_ACK));
	return rc;
}

int
mcm_uni_add_party_reject_request(struct mcm_uni *u, uint32_t call, uint16_t epref,
				 uint8_t cause, uint64_t now)
{
	uint32_t idx, pi;
	struct mcm_uni_msg *m;

	set_now(u, now);
	pi = party_of(u, call, epref, &idx);
	if (pi == UNI_NIL)
		return -ENOENT;
	if (u->parties[pi].state != MCM_UNI_EPS_ADD_RECEIVED &&
	    u->parties[pi].state != MCM_UNI_EPS_ALERT_DELIVERED)
		return -EPROTO;
	m = msg_party(u, idx, pi, MCM_UNI_MSG_ADD_PARTY_REJECT);
	add_cause(u, m, cause ? cause : MCM_UNI_CAUSE_REJECTED, NULL, 0);
	party_free(u, pi);
	return send_msg(u, m);
}

int
mcm_uni_drop_party_request(struct mcm_uni *u, uint32_t call, uint16_t epref, uint8_t cause,
			   uint64_t now)
{
	uint32_t idx, pi;
	struct mcm_uni_msg *m;
	struct uni_party *p;

	set_now(u, now);
	pi = party_of(u, call, epref, &idx);
	if (pi == UNI_NIL)
		return -ENOENT;
	if (cause == 0)
		cause = MCM_UNI_CAUSE_NORMAL;
	p = &u->parties[pi];
	if (p->state == MCM_UNI_EPS_DROP_INITIATED)
		return -EALREADY;
	/* Q.2971 5.3: the last party goes with the call */
	if (u->calls[idx].nparties == 1)
		return mcm_uni_release_request(u, call, cause, now);
	if (p->state == MCM_UNI_EPS_ADD_RECEIVED || p->state == MCM_UNI_EPS_ALERT_DELIVERED)
		return mcm_uni_add_party_reject_request(u, call, epref, cause, now);
	m = msg_party(u, idx, pi, MCM_UNI_MSG_DROP_PARTY);
	add_cause(u, m, cause, NULL, 0);
	p->state = MCM_UNI_EPS_DROP_INITIATED;
	p->cause = cause;
	party_timer_start(u, pi, UNI_T398);
	return send_msg(u, m);
}

/* ------------------------------------------------------------------------------------------ */
/* restart (Q.2931 5.5)                                                                      */

/* Clear locally every call the restart covers. */
static void
restart_clear(struct mcm_uni *u, uint8_t cls, uint16_t vpi, uint16_t vci)
{
	uint32_t i;

	if (cls == MCM_UNI_RESTART_VC) {
		i = uni_vc_find(u, vpi, vci);
		if (i != UNI_NIL)
			call_clear_local(u, i, MCM_UNI_CAUSE_TEMP_FAILURE, NULL);
		return;
	}
	for (i = 0; i < u->ncalls; i++) {
		struct uni_call *c = &u->calls[i];

		if (!(c->flags & UNI_CF_USED))
			continue;
		if (cls == MCM_UNI_RESTART_VPC && (!(c->flags & UNI_CF_HAS_VC) || c->vpi != vpi))
			continue;
		call_clear_local(u, i, MCM_UNI_CAUSE_TEMP_FAILURE, NULL);
	}
}

static int
send_restart(struct mcm_uni *u, uint8_t type, bool flag, uint8_t cls, uint16_t vpi,
	     uint16_t vci)
{
	struct mcm_uni_msg *m = u->scratch;

	mcm_uni_msg_init(m, type, MCM_UNI_CREF_GLOBAL, flag);
	m->restart.h.present = true;
	m->restart.rclass = cls;
	if (cls != MCM_UNI_RESTART_ALL) {
		m->connid.h.present = true;
		m->connid.assoc = 1;
		m->connid.excl = MCM_UNI_CONNID_EXCL_EXCL;
		m->connid.vpci = vpi;
		m->connid.vci = cls == MCM_UNI_RESTART_VC ? vci : 0;
	}
	return send_msg(u, m);
}

int
mcm_uni_restart_request(struct mcm_uni *u, enum mcm_uni_restart_class cls, uint16_t vpi,
			uint16_t vci, uint64_t now)
{
	set_now(u, now);
	if (cls != MCM_UNI_RESTART_VC && cls != MCM_UNI_RESTART_VPC && cls != MCM_UNI_RESTART_ALL)
		return -EINVAL;
	if (u->rstate == MCM_UNI_RS_REQUEST)
		return -EBUSY;
	if (u->link != MCM_UNI_LINK_UP)
		return -ENOTCONN;
	restart_clear(u, (uint8_t)cls, vpi, vci);
	u->rstate = MCM_UNI_RS_REQUEST;
	u->rclass = (uint8_t)cls;
	u->rvpi = vpi;
	u->rvci = vci;
	u->rcount = 1;
	uni_timer_arm(&u->th, UNI_TID_T316(u), u->now + u->p.timers.t316);
	return send_restart(u, MCM_UNI_MSG_RESTART, false, (uint8_t)cls, vpi, vci);
}

int
mcm_uni_restart_response(struct mcm_uni *u, uint64_t now)
{
	set_now(u, now);
	if (!u->rin)
		return -EPROTO;
	uni_timer_disarm(&u->th, UNI_TID_T317(u));
	u->rin = false;
	return send_restart(u, MCM_UNI_MSG_RESTART_ACK, true, u->rin_class, u->rin_vpi,
			    u->rin_vci);
}

static void
global_input(struct mcm_uni *u, const struct mcm_uni_msg *m,
	     const struct mcm_uni_decode_report *rep)
{
	struct mcm_uni_event ev;
	uint8_t gstate = u->rin ? MCM_UNI_RS_RESTART : u->rstate;

	memset(&ev, 0, sizeof(ev));
	if (rep->verdict == MCM_UNI_V_IGNORE)
		return;
	if (rep->global_misuse || (m->type != MCM_UNI_MSG_RESTART &&
				   m->type != MCM_UNI_MSG_RESTART_ACK &&
				   m->type != MCM_UNI_MSG_STATUS)) {
		/* Q.2931 5.6.3.2 f): STATUS on the global call reference, cause 81 */
		send_status(u, 0, !m->cref_flag, gstate, MCM_UNI_CAUSE_INVALID_CREF, NULL, 0,
			    NULL);
		u->st.rx_status_sent++;
		return;
	}
	if (rep->verdict == MCM_UNI_V_MANDATORY || rep->verdict == MCM_UNI_V_DISCARD_STATUS ||
	    rep->verdict == MCM_UNI_V_CLEAR) {
		if (m->type != MCM_UNI_MSG_STATUS) {
			send_status(u, 0, !m->cref_flag, gstate, rep->cause, rep->diag,
				    rep->diag_len, NULL);
			u->st.rx_status_sent++;
		}
		return;
	}
	switch (m->type) {
	case MCM_UNI_MSG_RESTART:
		if (m->restart.rclass != MCM_UNI_RESTART_ALL && !m->connid.h.present) {
			/* Q.2931 5.5.2: class 0/1 need the connection identifier */
			uint8_t d = MCM_UNI_IE_CONNID;

			send_status(u, 0, !m->cref_flag, gstate, MCM_UNI_CAUSE_MANDATORY_MISSING,
				    &d, 1, NULL);
			u->st.rx_status_sent++;
			return;
		}
		if (u->rin)
			return; /* already restarting: the answer comes when that ends */
		u->rin_class = m->restart.rclass;
		u->rin_vpi = m->connid.h.present ? m->connid.vpci : 0;
		u->rin_vci = m->connid.h.present ? m->connid.vci : 0;
		/* Rest2 and T317 while resources are returned to idle (Q.2931 5.5.2); a
		 * RESTART of ours in progress (Rest1) goes on independently */
		u->rin = true;
		uni_timer_arm(&u->th, UNI_TID_T317(u), u->now + u->p.timers.t317);
		restart_clear(u, u->rin_class, u->rin_vpi, u->rin_vci);
		ev.type = MCM_UNI_EV_RESTART_IND;
		ev.restart_class = u->rin_class;
		ev.vpi = u->rin_vpi;
		ev.vci = u->rin_vci;
		ev.msg = m;
		emit(u, &ev);
		break;
	case MCM_UNI_MSG_RESTART_ACK:
		if (u->rstate != MCM_UNI_RS_REQUEST)
			return;
		uni_timer_disarm(&u->th, UNI_TID_T316(u));
		u->rstate = MCM_UNI_RS_NULL;
		ev.type = MCM_UNI_EV_RESTART_CONF;
		ev.restart_class = u->rclass;
		ev.vpi = u->rvpi;
		ev.vci = u->rvci;
		ev.msg = m;
		emit(u, &ev);
		break;
	case MCM_UNI_MSG_STATUS:
		ev.type = MCM_UNI_EV_STATUS_IND;
		ev.state = m->call_state.state;
		ev.cause = m->n_cause ? m->cause[0].cause : 0;
		ev.msg = m;
		emit(u, &ev);
		break;
	default:
		break;
	}
}

/* ------------------------------------------------------------------------------------------ */
/* received messages                                                                         */

/* Incoming SETUP on a new call reference (Q.2931 5.1.1 network side, 5.2.1 user side). */
static void
setup_input(struct mcm_uni *u, const struct mcm_uni_msg *m,
	    const struct mcm_uni_decode_report *rep)
{
	uint32_t cref = m->cref, idx;
	uint16_t vpi = 0, vci = 0;
	struct uni_call *c;
	uint32_t h;

	switch (rep->verdict) {
	case MCM_UNI_V_IGNORE:
		return;
	case MCM_UNI_V_MANDATORY:
	case MCM_UNI_V_CLEAR:
		/* 5.6.7.1, 5.6.7.2, 5.6.8.1: SETUP answered with RELEASE COMPLETE */
		send_release_complete(u, cref, true, rep->cause, rep->diag, rep->diag_len);
		return;
	case MCM_UNI_V_DISCARD_STATUS:
		send_status(u, cref, true, MCM_UNI_CS_NULL, rep->cause, rep->diag, rep->diag_len,
			    NULL);
		u->st.rx_status_sent++;
		return;
	default:
		break;
	}
	if (is_net(u)) {
		if (u->call_free == UNI_NIL) {
			send_release_complete(u, cref, true, MCM_UNI_CAUSE_RESOURCE_UNAVAIL, NULL,
					      0);
			return;
		}
		if (m->connid.h.present && m->connid.excl == MCM_UNI_CONNID_EXCL_EXCL) {
			/* Q.2931 5.1.2 a): the user asks for this VPCI and VCI; take it if it is
			 * ours to give and free, else cause 35 */
			vpi = m->connid.vpci;
			vci = m->connid.vci;
			if (vpi < u->p.vpi_min || vpi > u->p.vpi_max || vci < u->p.vci_min ||
			    vci > u->p.vci_max || uni_vc_taken(u, vpi, vci)) {
				send_release_complete(u, cref, true,
						      MCM_UNI_CAUSE_VPCI_VCI_UNAVAIL, NULL, 0);
				return;
			}
		} else if (m->connid.h.present && m->connid.excl == MCM_UNI_CONNID_EXCL_ANY) {
			/* Q.2931 5.1.2 b): exclusive VPCI, any VCI */
			vpi = m->connid.vpci;
			if (uni_vc_alloc_in_vpi(u, vpi, &vci) != 0) {
				send_release_complete(u, cref, true,
						      MCM_UNI_CAUSE_VPCI_VCI_UNAVAIL, NULL, 0);
				return;
			}
		} else if (uni_vc_alloc(u, &vpi, &vci) != 0) {
			/* Q.2931 5.1.2: no VPCI/VCI available, cause 45 */
			send_release_complete(u, cref, true, MCM_UNI_CAUSE_NO_VPCI_VCI, NULL, 0);
			return;
		}
	} else {
		if (!m->connid.h.present) {
			uint8_t d = MCM_UNI_IE_CONNID;

			/* UNI 4.0 5.2.3: the network's SETUP carries the connection identifier */
			send_release_complete(u, cref, true, MCM_UNI_CAUSE_MANDATORY_MISSING, &d,
					      1);
			return;
		}
		vpi = m->connid.vpci;
		vci = m->connid.vci;
		if (vci < 32 || uni_vc_taken(u, vpi, vci)) {
			/* Q.2931 5.2.3.2: the indicated VC cannot be used */
			send_release_complete(u, cref, true, MCM_UNI_CAUSE_VPCI_VCI_UNAVAIL, NULL,
					      0);
			return;
		}
		if (u->call_free == UNI_NIL) {
			send_release_complete(u, cref, true, MCM_UNI_CAUSE_RESOURCE_UNAVAIL, NULL,
					      0);
			return;
		}
	}
	if (m->bearer.h.present && m->bearer.upcc == 1 && u->party_free == UNI_NIL) {
		send_release_complete(u, cref, true, MCM_UNI_CAUSE_RESOURCE_UNAVAIL, NULL, 0);
		return;
	}
	idx = call_alloc(u, cref);
	c = &u->calls[idx];
	c->vpi = vpi;
	c->vci = vci;
	uni_vc_hash_add(u, idx);
	if (is_net(u))
		c->flags |= UNI_CF_VC_OWNED;
	contract_from(&c->contract, m);
	if (c->contract.p2mp) {
		c->flags |= UNI_CF_P2MP;
		if (m->epref.h.present)
			party_alloc(u, idx, m->epref.value & UNI_EPREF_MASK,
				    MCM_UNI_EPS_ADD_RECEIVED);
	}
	u->st.calls_setup++;
	h = handle_of(u, idx);
	if (is_net(u)) {
		/* N1, then CALL PROCEEDING with the VC at once: N3 (Q.2931 5.1.2, 5.1.3) */
		c->state = MCM_UNI_CS_CALL_INITIATED;
		mcm_uni_proceeding_request(u, h, u->now);
	} else {
		c->state = MCM_UNI_CS_CALL_PRESENT; /* U6 (5.2.1) */
	}
	emit_call(u, idx, MCM_UNI_EV_SETUP_IND, 0, m);
	if (rep->verdict == MCM_UNI_V_OK_STATUS && idx_of(u, h) == idx)
		call_status(u, idx, rep->cause, rep->diag, rep->diag_len, NULL);
}

/* Unknown call reference (Q.2931 5.6.3.2). */
static void
unknown_cref_input(struct mcm_uni *u, const struct mcm_uni_msg *m,
		   const struct mcm_uni_decode_report *rep)
{
	bool flag = !m->cref_flag;

	u->st.unknown_cref++;
	if (rep->verdict == MCM_UNI_V_IGNORE)
		return;
	switch (m->type) {
	case MCM_UNI_MSG_SETUP:
		/* d) a SETUP for a call reference we would have allocated is ignored */
		if (m->cref_flag)
			return;
		setup_input(u, m, rep);
		return;
	case MCM_UNI_MSG_RELEASE_COMPLETE:
		return; /* c) */
	case MCM_UNI_MSG_STATUS_ENQUIRY:
		/* 5.6.11: answer with our state, Null */
		send_status(u, m->cref, flag, MCM_UNI_CS_NULL, MCM_UNI_CAUSE_STATUS_ENQUIRY, NULL,
			    0, NULL);
		return;
	case MCM_UNI_MSG_STATUS:
		/* 5.6.12: a STATUS reporting another state than Null is answered, cause 101 */
		if (m->call_state.h.present && m->call_state.state != MCM_UNI_CS_NULL)
			send_release_complete(u, m->cref, flag, MCM_UNI_CAUSE_MSG_STATE, NULL, 0);
		return;
	default:
		/* a), b): RELEASE COMPLETE, cause 81 invalid call reference value */
		send_release_complete(u, m->cref, flag, MCM_UNI_CAUSE_INVALID_CREF, NULL, 0);
		return;
	}
}

/* Message not expected in this state (Q.2931 5.6.4): message action indicator decides. */
static void
unexpected_input(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m)
{
	if (m->msg_flag) {
		switch (m->msg_action) {
		case MCM_UNI_MSGA_CLEAR:
			send_release(u, idx, MCM_UNI_CAUSE_MSG_STATE, &m->type, 1);
			return;
		case MCM_UNI_MSGA_IGNORE:
			return;
		default:
			break;
		}
	}
	call_status(u, idx, MCM_UNI_CAUSE_MSG_STATE, &m->type, 1, NULL);
}

/* Ranks of the states along one call direction, for the 5.6.12 compatibility check. */
static int
rank_uorig(uint8_t s)
{
	switch (s) {
	case MCM_UNI_CS_CALL_INITIATED: return 0;
	case MCM_UNI_CS_OUT_PROCEEDING: return 1;
	case MCM_UNI_CS_CALL_DELIVERED: return 2;
	case MCM_UNI_CS_ACTIVE: return 3;
	default: return -1;
	}
}

static int
rank_norig(uint8_t s)
{
	switch (s) {
	case MCM_UNI_CS_CALL_PRESENT: return 0;
	case MCM_UNI_CS_IN_PROCEEDING: return 1;
	case MCM_UNI_CS_CALL_RECEIVED: return 2;
	case MCM_UNI_CS_CONNECT_REQUEST: return 3;
	case MCM_UNI_CS_ACTIVE: return 4;
	default: return -1;
	}
}

/*
 * Whether the peer's reported state can coexist with ours, given that SAAL delivers in
 * order and only messages in flight may separate the two (Q.2931 5.6.12 "incompatible").
 */
static bool
states_compatible(const struct mcm_uni *u, const struct uni_call *c, uint8_t peer)
{
	uint8_t us, ns;
	bool uorig;
	int ru, rn;

	if (c->state == MCM_UNI_CS_RELEASE_REQUEST || c->state == MCM_UNI_CS_RELEASE_INDICATION ||
	    peer == MCM_UNI_CS_RELEASE_REQUEST || peer == MCM_UNI_CS_RELEASE_INDICATION)
		return true;
	us = is_net(u) ? peer : c->state;
	ns = is_net(u) ? c->state : peer;
	uorig = is_net(u) ? !(c->flags & UNI_CF_LOCAL) : !!(c->flags & UNI_CF_LOCAL);
	if (uorig) {
		/* the network drives (CALL PROC, ALERTING, CONNECT): the user lags */
		ru = rank_uorig(us);
		rn = rank_uorig(ns);
		return ru >= 0 && rn >= 0 && ru <= rn;
	}
	/* the user drives up to CONNECT, the network's CONNECT ACK ends it */
	ru = rank_norig(us);
	rn = rank_norig(ns);
	if (ru < 0 || rn < 0)
		return false;
	if (us == MCM_UNI_CS_ACTIVE)
		return ns == MCM_UNI_CS_ACTIVE;
	if (ns == MCM_UNI_CS_ACTIVE)
		return us == MCM_UNI_CS_CONNECT_REQUEST;
	return rn <= ru;
}

static void
status_input(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m)
{
	struct uni_call *c = &u->calls[idx];
	uint32_t h = handle_of(u, idx);
	uint8_t peer = m->call_state.state;
	uint8_t cause = m->n_cause ? m->cause[0].cause : 0;
	struct mcm_uni_event ev;

	uni_timer_disarm(&u->th, UNI_TID_T322(idx));
	memset(&ev, 0, sizeof(ev));
	ev.type = MCM_UNI_EV_STATUS_IND;
	ev.call = h;
	ev.cookie = c->cookie;
	ev.state = peer;
	ev.cause = cause;
	ev.msg = m;
	emit(u, &ev);
	if (idx_of(u, h) != idx)
		return;
	if (peer == MCM_UNI_CS_NULL) {
		/* 5.6.12: the peer has no call: release the call reference, enter Null; the
		 * user learns 101 (states incompatible) rather than 30 */
		if (cause == 0 || cause == MCM_UNI_CAUSE_STATUS_ENQUIRY)
			cause = MCM_UNI_CAUSE_MSG_STATE;
		call_clear_local(u, idx, cause, m);
		return;
	}
	if (!states_compatible(u, c, peer)) {
		/* 5.6.12: incompatible states, clear with cause 101 */
		call_timer_stop(u, idx);
		send_release(u, idx, MCM_UNI_CAUSE_MSG_STATE, NULL, 0);
		return;
	}
	if ((c->flags & UNI_CF_P2MP) && m->epref.h.present && m->epstate.h.present &&
	    m->epstate.state == MCM_UNI_EPS_NULL) {
		/* Q.2971: the peer has no such party: release it locally */
		uint16_t key = (m->epref.value & UNI_EPREF_MASK) |
			       (m->epref.flag ? UNI_EPKEY_LOCAL : 0);
		uint32_t pi = party_find(u, idx, key);

		if (pi != UNI_NIL) {
			memset(&ev, 0, sizeof(ev));
			ev.type = MCM_UNI_EV_PARTY_DROPPED;
			ev.call = h;
			ev.cookie = c->cookie;
			ev.epref = key & UNI_EPREF_MASK;
			ev.cause = MCM_UNI_CAUSE_MSG_STATE;
			party_free(u, pi);
			emit(u, &ev);
		}
	}
}

static void
party_event(struct mcm_uni *u, uint32_t idx, uint16_t epkey, enum mcm_uni_event_type type,
	    uint8_t cause, const struct mcm_uni_msg *m)
{
	struct mcm_uni_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	ev.call = handle_of(u, idx);
	ev.cookie = u->calls[idx].cookie;
	ev.epref = epkey & UNI_EPREF_MASK;
	ev.cause = cause;
	ev.msg = m;
	emit(u, &ev);
}

/* After a party left a p2mp call: no party left means no call (Q.2971 5.3). */
static void
party_gone(struct mcm_uni *u, uint32_t idx, uint32_t h)
{
	if (idx_of(u, h) != idx)
		return;
	if (u->calls[idx].nparties == 0 && u->calls[idx].state == MCM_UNI_CS_ACTIVE) {
		call_timer_stop(u, idx);
		send_release(u, idx, MCM_UNI_CAUSE_NORMAL, NULL, 0);
	}
}

/* Party messages (Q.2971 5.2, 5.3, 9). */
static void
party_input(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m)
{
	struct uni_call *c = &u->calls[idx];
	uint32_t h = handle_of(u, idx);
	uint8_t cause = m->n_cause ? m->cause[0].cause : MCM_UNI_CAUSE_NORMAL_UNSPEC;
	uint16_t key;
	uint32_t pi;

	if (!(c->flags & UNI_CF_P2MP) || c->state != MCM_UNI_CS_ACTIVE || !m->epref.h.present) {
		unexpected_input(u, idx, m);
		return;
	}
	key = (m->epref.value & UNI_EPREF_MASK) | (m->epref.flag ? UNI_EPKEY_LOCAL : 0);
	pi = party_find(u, idx, key);

	if (m->type == MCM_UNI_MSG_ADD_PARTY) {
		if (pi != UNI_NIL || m->epref.flag)
			return; /* endpoint reference already in use: ignore (Q.2971 9) */
		pi = party_alloc(u, idx, key, MCM_UNI_EPS_ADD_RECEIVED);
		if (pi == UNI_NIL) {
			struct mcm_uni_msg *r = msg_call(u, idx, MCM_UNI_MSG_ADD_PARTY_REJECT);

			r->epref.h.present = true;
			r->epref.value = key & UNI_EPREF_MASK;
			r->epref.flag = true;
			add_cause(u, r, MCM_UNI_CAUSE_RESOURCE_UNAVAIL, NULL, 0);
			send_msg(u, r);
			return;
		}
		party_event(u, idx, key, MCM_UNI_EV_PARTY_ADD_IND, 0, m);
		return;
	}
	if (pi == UNI_NIL) {
		/* Q.2971 9: unknown endpoint reference */
		if (m->type == MCM_UNI_MSG_DROP_PARTY_ACK ||
		    m->type == MCM_UNI_MSG_ADD_PARTY_REJECT)
			return;
		{
			struct mcm_uni_msg *r = msg_call(u, idx, MCM_UNI_MSG_DROP_PARTY_ACK);

			r->epref.h.present = true;
			r->epref.value = m->epref.value & UNI_EPREF_MASK;
			r->epref.flag = !m->epref.flag;
			add_cause(u, r, MCM_UNI_CAUSE_INVALID_EPREF, NULL, 0);
			send_msg(u, r);
		}
		return;
	}
	switch (m->type) {
	case MCM_UNI_MSG_PARTY_ALERTING:
		if (u->parties[pi].state != MCM_UNI_EPS_ADD_INITIATED)
			break;
		u->parties[pi].state = MCM_UNI_EPS_ALERT_RECEIVED;
		party_timer_start(u, pi, UNI_T397);
		party_event(u, idx, key, MCM_UNI_EV_PARTY_ALERTING_IND, 0, m);
		return;
	case MCM_UNI_MSG_ADD_PARTY_ACK:
		if (u->parties[pi].state != MCM_UNI_EPS_ADD_INITIATED &&
		    u->parties[pi].state != MCM_UNI_EPS_ALERT_RECEIVED)
			break;
		party_timer_stop(u, pi);
		u->parties[pi].state = MCM_UNI_EPS_ACTIVE;
		party_event(u, idx, key, MCM_UNI_EV_PARTY_ACTIVE, 0, m);
		return;
	case MCM_UNI_MSG_ADD_PARTY_REJECT:
		if (u->parties[pi].state != MCM_UNI_EPS_ADD_INITIATED &&
		    u->parties[pi].state != MCM_UNI_EPS_ALERT_RECEIVED)
			break;
		party_free(u, pi);
		party_event(u, idx, key, MCM_UNI_EV_PARTY_DROPPED, cause, m);
		party_gone(u, idx, h);
		return;
	case MCM_UNI_MSG_DROP_PARTY:
		if (u->parties[pi].state != MCM_UNI_EPS_DROP_INITIATED) {
			struct mcm_uni_msg *r = msg_party(u, idx, pi, MCM_UNI_MSG_DROP_PARTY_ACK);

			add_cause(u, r, cause, NULL, 0);
			send_msg(u, r);
		}
		/* drop collision: both sides release the party (Q.2971 5.3) */
		party_free(u, pi);
		party_event(u, idx, key, MCM_UNI_EV_PARTY_DROPPED, cause, m);
		party_gone(u, idx, h);
		return;
	case MCM_UNI_MSG_DROP_PARTY_ACK:
		cause = u->parties[pi].state == MCM_UNI_EPS_DROP_INITIATED ? u->parties[pi].cause :
			cause;
		party_free(u, pi);
		party_event(u, idx, key, MCM_UNI_EV_PARTY_DROPPED, cause, m);
		party_gone(u, idx, h);
		return;
	default:
		break;
	}
	unexpected_input(u, idx, m);
}

/* First response to our SETUP: take the VC the network assigned (Q.2931 5.1.2). */
static bool
first_response(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m)
{
	struct uni_call *c = &u->calls[idx];
	uint8_t d = MCM_UNI_IE_CONNID;

	call_timer_stop(u, idx);
	setup_buf_release(u, c);
	if (is_net(u) || (c->flags & UNI_CF_HAS_VC))
		return true;
	if (!m->connid.h.present) {
		/* UNI 4.0 5.1.2: mandatory in the first response; clear, cause 96 */
		send_release(u, idx, MCM_UNI_CAUSE_MANDATORY_MISSING, &d, 1);
		return false;
	}
	if (m->connid.vci < 32 || uni_vc_taken(u, m->connid.vpci, m->connid.vci)) {
		send_release(u, idx, MCM_UNI_CAUSE_VPCI_VCI_UNAVAIL, NULL, 0);
		return false;
	}
	c->vpi = m->connid.vpci;
	c->vci = m->connid.vci;
	uni_vc_hash_add(u, idx);
	return true;
}

static void
release_input(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m, uint8_t rc_cause,
	      const uint8_t *diag, uint8_t diag_len)
{
	struct uni_call *c = &u->calls[idx];
	uint8_t cause = m->n_cause ? m->cause[0].cause : MCM_UNI_CAUSE_NORMAL_UNSPEC;

	if (c->state == MCM_UNI_CS_RELEASE_REQUEST) {
		/* clear collision: release the call reference, no answer (Q.2931 5.4.5) */
		call_clear_local(u, idx, cause, m);
		return;
	}
	/* Q.2931 5.4.4: release the VC, RELEASE COMPLETE, Null (U12/N12 is transient here) */
	c->state = MCM_UNI_CS_RELEASE_INDICATION;
	call_timer_stop(u, idx);
	vc_deactivate(u, idx);
	if (!(c->flags & UNI_CF_USED) || c->state != MCM_UNI_CS_RELEASE_INDICATION)
		return;
	send_release_complete(u, c->key & UNI_CREF_MASK, !(c->key & UNI_KEY_LOCAL), rc_cause,
			      diag, diag_len);
	call_clear_local(u, idx, cause, m);
}

static void
call_input(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m,
	   const struct mcm_uni_decode_report *rep)
{
	struct uni_call *c = &u->calls[idx];
	uint32_t h = handle_of(u, idx);
	bool net = is_net(u);
	uint8_t st = c->state;

	/* a STATUS is never answered with a STATUS (no ping-pong between two peers) */
	if (m->type == MCM_UNI_MSG_STATUS && (rep->verdict == MCM_UNI_V_MANDATORY ||
					     rep->verdict == MCM_UNI_V_DISCARD_STATUS))
		return;
	switch (rep->verdict) {
	case MCM_UNI_V_IGNORE:
		return;
	case MCM_UNI_V_CLEAR:
		if (m->type == MCM_UNI_MSG_RELEASE_COMPLETE)
			break;
		if (m->type == MCM_UNI_MSG_RELEASE) {
			release_input(u, idx, m, rep->cause, rep->diag, rep->diag_len);
			return;
		}
		call_timer_stop(u, idx);
		send_release(u, idx, rep->cause, rep->diag, rep->diag_len);
		return;
	case MCM_UNI_V_MANDATORY:
		if (m->type == MCM_UNI_MSG_RELEASE_COMPLETE)
			break;
		if (m->type == MCM_UNI_MSG_RELEASE) {
			/* 5.6.7.1: as on cause 31, answered with the cause */
			release_input(u, idx, m, rep->cause, rep->diag, rep->diag_len);
			return;
		}
		if (m->type == MCM_UNI_MSG_SETUP)
			return; /* SETUP on a call reference in use: ignored (5.6.3.2 e) */
		call_status(u, idx, rep->cause, rep->diag, rep->diag_len, NULL);
		return;
	case MCM_UNI_V_DISCARD_STATUS:
		call_status(u, idx, rep->cause, rep->diag, rep->diag_len, NULL);
		return;
	default:
		break;
	}

	switch (m->type) {
	case MCM_UNI_MSG_SETUP:
		return; /* 5.6.3.2 e): call reference in use */
	case MCM_UNI_MSG_STATUS_ENQUIRY: {
		/* 5.6.11: STATUS with cause 30; the party state too when asked (Q.2971) */
		const struct uni_party *ep = NULL;

		if (m->epref.h.present && (c->flags & UNI_CF_P2MP)) {
			uint16_t key = (m->epref.value & UNI_EPREF_MASK) |
				       (m->epref.flag ? UNI_EPKEY_LOCAL : 0);
			uint32_t pi = party_find(u, idx, key);

			if (pi != UNI_NIL)
				ep = &u->parties[pi];
		}
		send_status(u, c->key & UNI_CREF_MASK, !(c->key & UNI_KEY_LOCAL), c->state,
			    MCM_UNI_CAUSE_STATUS_ENQUIRY, NULL, 0, ep);
		break;
	}
	case MCM_UNI_MSG_STATUS:
		status_input(u, idx, m);
		break;
	case MCM_UNI_MSG_RELEASE:
		/* an IE error to report goes in the RELEASE COMPLETE (5.6.8.1) */
		if (rep->verdict == MCM_UNI_V_OK_STATUS)
			release_input(u, idx, m, rep->cause, rep->diag, rep->diag_len);
		else
			release_input(u, idx, m, 0, NULL, 0);
		return;
	case MCM_UNI_MSG_RELEASE_COMPLETE: {
		/* 5.4.3/5.4.4: in any state, release the VC and the call reference */
		uint8_t cause = m->n_cause ? m->cause[0].cause :
				(st == MCM_UNI_CS_RELEASE_REQUEST ? c->cause :
				 MCM_UNI_CAUSE_NORMAL_UNSPEC);

		call_clear_local(u, idx, cause, m);
		return;
	}
	case MCM_UNI_MSG_NOTIFY:
		break; /* accepted in every state, nothing to do (Q.2931 5.7) */
	case MCM_UNI_MSG_CALL_PROCEEDING:
		if (!(c->flags & UNI_CF_LOCAL) || st != (net ? MCM_UNI_CS_CALL_PRESENT :
							 MCM_UNI_CS_CALL_INITIATED)) {
			unexpected_input(u, idx, m);
			break;
		}
		if (!first_response(u, idx, m))
			break;
		/* U3 (5.1.2) / N9 (5.2.5.2), T310 */
		c->state = net ? MCM_UNI_CS_IN_PROCEEDING : MCM_UNI_CS_OUT_PROCEEDING;
		call_timer_start(u, idx, UNI_T310);
		emit_call(u, idx, MCM_UNI_EV_PROCEEDING_IND, 0, m);
		break;
	case MCM_UNI_MSG_ALERTING:
		if (!(c->flags & UNI_CF_LOCAL) ||
		    (net ? (st != MCM_UNI_CS_CALL_PRESENT && st != MCM_UNI_CS_IN_PROCEEDING) :
		     (st != MCM_UNI_CS_CALL_INITIATED && st != MCM_UNI_CS_OUT_PROCEEDING))) {
			unexpected_input(u, idx, m);
			break;
		}
		if (!first_response(u, idx, m))
			break;
		/* U4 (5.1.6) / N7 (5.2.6) */
		c->state = net ? MCM_UNI_CS_CALL_RECEIVED : MCM_UNI_CS_CALL_DELIVERED;
		set_party0_state(u, idx, MCM_UNI_EPS_ALERT_RECEIVED);
		emit_call(u, idx, MCM_UNI_EV_ALERTING_IND, 0, m);
		break;
	case MCM_UNI_MSG_CONNECT:
		if (!(c->flags & UNI_CF_LOCAL) ||
		    (net ? (st != MCM_UNI_CS_CALL_PRESENT && st != MCM_UNI_CS_IN_PROCEEDING &&
			    st != MCM_UNI_CS_CALL_RECEIVED) :
		     (st != MCM_UNI_CS_CALL_INITIATED && st != MCM_UNI_CS_OUT_PROCEEDING &&
		      st != MCM_UNI_CS_CALL_DELIVERED))) {
			unexpected_input(u, idx, m);
			break;
		}
		if (!first_response(u, idx, m))
			break;
		if (net) {
			/* N8, then CONNECT ACKNOWLEDGE and N10 (Q.2931 5.2.8) */
			c->state = MCM_UNI_CS_CONNECT_REQUEST;
			send_msg(u, msg_call(u, idx, MCM_UNI_MSG_CONNECT_ACK));
		} else {
			/* UNI 4.0 5.1.5: the calling user acknowledges CONNECT; U10 */
			send_msg(u, msg_call(u, idx, MCM_UNI_MSG_CONNECT_ACK));
		}
		enter_active(u, idx, m);
		break;
	case MCM_UNI_MSG_CONNECT_ACK:
		if (!net && st == MCM_UNI_CS_CONNECT_REQUEST) {
			/* U8 -> U10 (Q.2931 5.2.8) */
			call_timer_stop(u, idx);
			enter_active(u, idx, m);
			break;
		}
		if (net && st == MCM_UNI_CS_ACTIVE && !(c->flags & UNI_CF_LOCAL))
			break; /* the calling user's acknowledgement of CONNECT (UNI 4.0 5.1.5) */
		unexpected_input(u, idx, m);
		break;
	case MCM_UNI_MSG_ADD_PARTY:
	case MCM_UNI_MSG_ADD_PARTY_ACK:
	case MCM_UNI_MSG_ADD_PARTY_REJECT:
	case MCM_UNI_MSG_PARTY_ALERTING:
	case MCM_UNI_MSG_DROP_PARTY:
	case MCM_UNI_MSG_DROP_PARTY_ACK:
		party_input(u, idx, m);
		break;
	default:
		/* 5.6.4: message type not recognised in a call: STATUS cause 97 */
		if (!(m->msg_flag && m->msg_action == MCM_UNI_MSGA_IGNORE)) {
			uint8_t t = m->type;

			call_status(u, idx, MCM_UNI_CAUSE_MSG_TYPE_UNKNOWN, &t, 1, NULL);
		}
		return;
	}
	if (rep->verdict == MCM_UNI_V_OK_STATUS && m->type != MCM_UNI_MSG_STATUS &&
	    idx_of(u, h) == idx)
		call_status(u, idx, rep->cause, rep->diag, rep->diag_len, NULL);
}

void
mcm_uni_input(struct mcm_uni *u, const uint8_t *buf, size_t len, uint64_t now)
{
	struct mcm_uni_msg *m = u->rx;
	struct mcm_uni_decode_report rep;
	uint32_t key, idx;

	set_now(u, now);
	u->st.rx_msgs++;
	if (buf == NULL || mcm_uni_msg_decode(buf, len, m, &rep) != 0) {
		/* 5.6.1, 5.6.2, 5.6.3.1, 5.6.5: ignore */
		u->st.rx_discarded++;
		return;
	}
	mcm_uni_msg_check_dir(m, is_net(u) ? MCM_UNI_DIR_U2N : MCM_UNI_DIR_N2U, &rep);
	if (rep.global_cref) {
		global_input(u, m, &rep);
		return;
	}
	key = (m->cref & UNI_CREF_MASK) | (m->cref_flag ? UNI_KEY_LOCAL : 0);
	idx = uni_call_find(u, key);
	if (idx == UNI_NIL) {
		unknown_cref_input(u, m, &rep);
		return;
	}
	call_input(u, idx, m, &rep);
}

/* ------------------------------------------------------------------------------------------ */
/* timers                                                                                    */

static void
call_timeout(struct mcm_uni *u, uint32_t idx)
{
	struct uni_call *c = &u->calls[idx];
	uint8_t kind = c->tkind;

	c->tkind = UNI_T_NONE;
	switch (kind) {
	case UNI_T303:
		if (c->tcount < u->p.n303 && c->setup_buf != UNI_NIL) {
			/* first expiry: retransmit SETUP, restart T303 (Q.2931 5.1.1.1) */
			c->tcount++;
			send_encoded(u, u->sbuf + (size_t)c->setup_buf * UNI_TXBUF,
				     u->slen[c->setup_buf]);
			call_timer_start(u, idx, UNI_T303);
			return;
		}
		/* second expiry: clear, Null (Q.2931 table 9-1/9-2) */
		send_release_complete(u, c->key & UNI_CREF_MASK, false,
				      MCM_UNI_CAUSE_TIMER_EXPIRY, (const uint8_t *)"303", 3);
		call_clear_local(u, idx, MCM_UNI_CAUSE_NO_RESPONSE, NULL);
		return;
	case UNI_T308:
		if (c->tcount < u->p.n308) {
			/* first expiry: RELEASE again, restart T308 (Q.2931 5.4.3) */
			struct mcm_uni_msg *m = msg_call(u, idx, MCM_UNI_MSG_RELEASE);

			c->tcount++;
			add_cause(u, m, c->cause, NULL, 0);
			send_msg(u, m);
			call_timer_start(u, idx, UNI_T308);
			return;
		}
		/* second expiry: release the call reference, Null; the VC is in doubt, so
		 * restart it when no restart is pending (Q.2931 5.4.3, 5.5) */
		{
			bool vc = (c->flags & UNI_CF_HAS_VC) != 0;
			uint16_t vpi = c->vpi, vci = c->vci;

			call_clear_local(u, idx, MCM_UNI_CAUSE_TIMER_EXPIRY, NULL);
			if (vc && u->rstate == MCM_UNI_RS_NULL && u->link == MCM_UNI_LINK_UP)
				mcm_uni_restart_request(u, MCM_UNI_RESTART_VC, vpi, vci, u->now);
		}
		return;
	case UNI_T310:
	case UNI_T313:
		/* no answer after CALL PROCEEDING / CONNECT: clear, cause 102 with the timer
		 * number as diagnostic (Q.2931 5.1.2, 5.2.8; Q.2610 / Q.850 cause 102) */
		send_release(u, idx, MCM_UNI_CAUSE_TIMER_EXPIRY,
			     (const uint8_t *)(kind == UNI_T310 ? "310" : "313"), 3);
		return;
	default:
		return;
	}
}

static void
t322_timeout(struct mcm_uni *u, uint32_t idx)
{
	struct uni_call *c = &u->calls[idx];

	if (c->t322_count < u->p.n322) {
		/* Q.2931 5.6.11: STATUS ENQUIRY may be repeated */
		c->t322_count++;
		send_msg(u, msg_call(u, idx, MCM_UNI_MSG_STATUS_ENQUIRY));
		uni_timer_arm(&u->th, UNI_TID_T322(idx), u->now + u->p.timers.t322);
		return;
	}
	/* no STATUS at all: clear the call, cause 41 temporary failure (5.6.11) */
	if (c->state == MCM_UNI_CS_RELEASE_REQUEST)
		return;
	call_timer_stop(u, idx);
	send_release(u, idx, MCM_UNI_CAUSE_TEMP_FAILURE, NULL, 0);
}

static void
party_timeout(struct mcm_uni *u, uint32_t pi)
{
	struct uni_party *p = &u->parties[pi];
	uint32_t idx = p->call;
	uint32_t h = handle_of(u, idx);
	uint8_t kind = p->tkind;
	uint16_t key = p->epkey;
	uint8_t cause;
	struct mcm_uni_msg *m;

	p->tkind = UNI_T_NONE;
	switch (kind) {
	case UNI_T399:
	case UNI_T397:
		/* no answer to ADD PARTY / no connect after PARTY ALERTING: DROP PARTY (Q.2971
		 * 5.2.3) with cause 102 or 19 */
		cause = kind == UNI_T399 ? MCM_UNI_CAUSE_TIMER_EXPIRY : MCM_UNI_CAUSE_NO_ANSWER;
		m = msg_party(u, idx, pi, MCM_UNI_MSG_DROP_PARTY);
		if (kind == UNI_T399)
			add_cause(u, m, cause, (const uint8_t *)"399", 3);
		else
			add_cause(u, m, cause, NULL, 0);
		p->state = MCM_UNI_EPS_DROP_INITIATED;
		p->cause = cause;
		send_msg(u, m);
		party_timer_start(u, pi, UNI_T398);
		return;
	case UNI_T398:
		/* no DROP PARTY ACKNOWLEDGE: release the party (Q.2971 5.3) */
		cause = p->cause;
		party_free(u, pi);
		party_event(u, idx, key, MCM_UNI_EV_PARTY_DROPPED, cause, NULL);
		party_gone(u, idx, h);
		return;
	default:
		return;
	}
}

static void
t309_timeout(struct mcm_uni *u)
{
	uint32_t i;

	/* Q.2931 5.6.10: no link again in time: clear the active calls, cause 27 */
	for (i = 0; i < u->ncalls; i++)
		if (u->calls[i].flags & UNI_CF_USED)
			call_clear_local(u, i, MCM_UNI_CAUSE_DEST_OUT_OF_ORDER, NULL);
}

void
mcm_uni_tick(struct mcm_uni *u, uint64_t now)
{
	uint32_t id;

	set_now(u, now);
	while ((id = uni_timer_pop_due(&u->th, u->now)) != UNI_NIL) {
		struct mcm_uni_event ev;

		u->st.timer_expiries++;
		if (id < u->tid_party) {
			if (id & 1)
				t322_timeout(u, id / 2);
			else
				call_timeout(u, id / 2);
			continue;
		}
		if (id < u->tid_global) {
			party_timeout(u, id - u->tid_party);
			continue;
		}
		memset(&ev, 0, sizeof(ev));
		if (id == UNI_TID_T309(u)) {
			t309_timeout(u);
		} else if (id == UNI_TID_T316(u)) {
			if (u->rcount < u->p.n316 && u->link == MCM_UNI_LINK_UP) {
				/* Q.2931 5.5.1: RESTART may be sent again */
				u->rcount++;
				send_restart(u, MCM_UNI_MSG_RESTART, false, u->rclass, u->rvpi,
					     u->rvci);
				uni_timer_arm(&u->th, id, u->now + u->p.timers.t316);
				continue;
			}
			/* give up: the maintenance entity is told (Q.2931 5.5.1) */
			u->rstate = MCM_UNI_RS_NULL;
			ev.type = MCM_UNI_EV_RESTART_FAIL;
			ev.restart_class = u->rclass;
			ev.vpi = u->rvpi;
			ev.vci = u->rvci;
			ev.cause = MCM_UNI_CAUSE_TIMER_EXPIRY;
			emit(u, &ev);
		} else if (id == UNI_TID_T317(u)) {
			/* Q.2931 5.5.2: resources not idle in time, maintenance is told */
			u->rin = false;
			ev.type = MCM_UNI_EV_RESTART_FAIL;
			ev.restart_class = u->rin_class;
			ev.vpi = u->rin_vpi;
			ev.vci = u->rin_vci;
			ev.cause = MCM_UNI_CAUSE_TIMER_EXPIRY;
			emit(u, &ev);
		}
	}
}

/* ------------------------------------------------------------------------------------------ */
/* SAAL                                                                                      */

void
mcm_uni_saal_established(struct mcm_uni *u, uint64_t now)
{
	struct mcm_uni_event ev;
	uint32_t i;

	set_now(u, now);
	u->link = MCM_UNI_LINK_UP;
	uni_timer_disarm(&u->th, UNI_TID_T309(u));
	/*
	 * 5.6.9 / 5.6.10: calls that outlived the link (or a reset of it) are checked with
	 * STATUS ENQUIRY; calls being cleared need nothing.
	 */
	for (i = 0; i < u->ncalls; i++) {
		struct uni_call *c = &u->calls[i];

		if (!(c->flags & UNI_CF_USED) || c->state == MCM_UNI_CS_RELEASE_REQUEST ||
		    c->state == MCM_UNI_CS_RELEASE_INDICATION)
			continue;
		mcm_uni_status_enquiry_request(u, handle_of(u, i), now);
	}
	memset(&ev, 0, sizeof(ev));
	ev.type = MCM_UNI_EV_LINK_UP;
	emit(u, &ev);
}

void
mcm_uni_saal_released(struct mcm_uni *u, uint64_t now)
{
	struct mcm_uni_event ev;
	bool active = false, was_up;
	uint32_t i;

	set_now(u, now);
	if (u->link == MCM_UNI_LINK_DOWN)
		return;
	was_up = u->link == MCM_UNI_LINK_UP;
	u->link = MCM_UNI_LINK_DOWN;
	/* Q.2931 5.6.10: calls not Active are cleared; Active calls wait for T309 */
	for (i = 0; i < u->ncalls; i++) {
		struct uni_call *c = &u->calls[i];

		if (!(c->flags & UNI_CF_USED))
			continue;
		if (c->state == MCM_UNI_CS_ACTIVE) {
			active = true;
			continue;
		}
		call_clear_local(u, i, MCM_UNI_CAUSE_TEMP_FAILURE, NULL);
	}
	if (active && !uni_timer_armed(&u->th, UNI_TID_T309(u)))
		uni_timer_arm(&u->th, UNI_TID_T309(u), u->now + u->p.timers.t309);
	memset(&ev, 0, sizeof(ev));
	ev.type = MCM_UNI_EV_LINK_DOWN;
	emit(u, &ev);
	/* ask for the link again, unless it is our own attempt that just failed (the SAAL
	 * user retries at its pace; a new SETUP asks again) */
	if (was_up && u->link == MCM_UNI_LINK_DOWN && u->p.ops.establish_request != NULL) {
		u->link = MCM_UNI_LINK_ESTABLISHING;
		u->p.ops.establish_request(u->p.ctx);
	}
}

/* ------------------------------------------------------------------------------------------ */
/* queries                                                                                   */

int
mcm_uni_call_set_cookie(struct mcm_uni *u, uint32_t call, uint32_t cookie)
{
	uint32_t idx = idx_of(u, call);

	if (idx == UNI_NIL)
		return -ENOENT;
	u->calls[idx].cookie = cookie;
	return 0;
}

enum mcm_uni_call_state
mcm_uni_call_state(const struct mcm_uni *u, uint32_t call)
{
	uint32_t idx = idx_of(u, call);

	return idx == UNI_NIL ? MCM_UNI_CS_NULL : (enum mcm_uni_call_state)u->calls[idx].state;
}

int
mcm_uni_call_info(const struct mcm_uni *u, uint32_t call, uint32_t *cref, bool *outgoing,
		  uint16_t *vpi, uint16_t *vci)
{
	uint32_t idx = idx_of(u, call);
	const struct uni_call *c;

	if (idx == UNI_NIL)
		return -ENOENT;
	c = &u->calls[idx];
	if (cref)
		*cref = c->key & UNI_CREF_MASK;
	if (outgoing)
		*outgoing = !!(c->flags & UNI_CF_LOCAL);
	if (vpi)
		*vpi = c->vpi;
	if (vci)
		*vci = c->vci;
	return 0;
}

int
mcm_uni_call_contract(const struct mcm_uni *u, uint32_t call, struct mcm_uni_contract *k)
{
	uint32_t idx = idx_of(u, call);

	if (idx == UNI_NIL || k == NULL)
		return -ENOENT;
	*k = u->calls[idx].contract;
	return 0;
}

uint32_t
mcm_uni_call_next(const struct mcm_uni *u, uint32_t prev)
{
	uint32_t i = prev ? (prev & UNI_HANDLE_MASK) : 0; /* slot index + 1 = next slot */

	for (; i < u->ncalls; i++)
		if (u->calls[i].flags & UNI_CF_USED)
			return handle_of(u, i);
	return 0;
}

enum mcm_uni_ep_state
mcm_uni_party_state(const struct mcm_uni *u, uint32_t call, uint16_t epref)
{
	uint32_t idx;
	uint32_t pi = party_of(u, call, epref, &idx);

	return pi == UNI_NIL ? MCM_UNI_EPS_NULL : (enum mcm_uni_ep_state)u->parties[pi].state;
}

uint32_t
mcm_uni_call_by_cref(const struct mcm_uni *u, uint32_t cref, bool outgoing)
{
	uint32_t idx = uni_call_find(u, (cref & UNI_CREF_MASK) | (outgoing ? UNI_KEY_LOCAL : 0));

	return idx == UNI_NIL ? 0 : handle_of(u, idx);
}

enum mcm_uni_restart_state
mcm_uni_restart_state(const struct mcm_uni *u)
{
	return u->rin ? MCM_UNI_RS_RESTART : (enum mcm_uni_restart_state)u->rstate;
}

enum mcm_uni_link_state
mcm_uni_link_state(const struct mcm_uni *u)
{
	return (enum mcm_uni_link_state)u->link;
}

void
mcm_uni_get_stats(const struct mcm_uni *u, struct mcm_uni_stats *st)
{
	*st = u->st;
}

const char *
mcm_uni_state_name(enum mcm_uni_side side, enum mcm_uni_call_state st)
{
	static const char *const un[] = {
		[0] = "U0", [1] = "U1", [3] = "U3", [4] = "U4", [6] = "U6", [7] = "U7",
		[8] = "U8", [9] = "U9", [10] = "U10", [11] = "U11", [12] = "U12",
	};
	static const char *const nn[] = {
		[0] = "N0", [1] = "N1", [3] = "N3", [4] = "N4", [6] = "N6", [7] = "N7",
		[8] = "N8", [9] = "N9", [10] = "N10", [11] = "N11", [12] = "N12",
	};
	const char *const *t = side == MCM_UNI_SIDE_NETWORK ? nn : un;

	if ((unsigned int)st > 12 || t[st] == NULL)
		return st == MCM_UNI_CS_REST1 ? "Rest1" : st == MCM_UNI_CS_REST2 ? "Rest2" : "?";
	return t[st];
}

/* ------------------------------------------------------------------------------------------ */
/* consistency                                                                               */

int
mcm_uni_selfcheck(const struct mcm_uni *u)
{
	uint32_t i, used = 0, parties = 0, armed = 0, setups = 0;

	for (i = 0; i < u->th.n; i++) {
		uint32_t id = u->th.heap[i];

		if (u->th.pos[id] != i)
			return -EFAULT;
		if (i > 0 && u->th.deadline[u->th.heap[(i - 1) / 2]] > u->th.deadline[id])
			return -EFAULT;
	}
	for (i = 0; i < u->ncalls; i++) {
		const struct uni_call *c = &u->calls[i];
		uint32_t pi, n = 0;

		if (!(c->flags & UNI_CF_USED)) {
			if (uni_timer_armed(&u->th, UNI_TID_CALL(i)) ||
			    uni_timer_armed(&u->th, UNI_TID_T322(i)))
				return -EFAULT;
			continue;
		}
		used++;
		if (uni_call_find(u, c->key) != i || c->state == MCM_UNI_CS_NULL)
			return -EFAULT;
		if ((c->flags & UNI_CF_HAS_VC) && uni_vc_find(u, c->vpi, c->vci) != i)
			return -EFAULT;
		if ((c->flags & UNI_CF_VC_ACTIVE) && !(c->flags & UNI_CF_HAS_VC))
			return -EFAULT;
		if (uni_timer_armed(&u->th, UNI_TID_CALL(i)) != (c->tkind != UNI_T_NONE))
			return -EFAULT;
		armed += uni_timer_armed(&u->th, UNI_TID_CALL(i));
		armed += uni_timer_armed(&u->th, UNI_TID_T322(i));
		if (c->setup_buf != UNI_NIL)
			setups++;
		for (pi = c->party_head; pi != UNI_NIL; pi = u->parties[pi].next) {
			if (!u->parties[pi].used || u->parties[pi].call != i || ++n > c->nparties)
				return -EFAULT;
			armed += uni_timer_armed(&u->th, u->tid_party + pi);
		}
		if (n != c->nparties)
			return -EFAULT;
		parties += n;
	}
	for (i = u->tid_global; i < u->th.ids; i++)
		armed += uni_timer_armed(&u->th, i);
	if (used != u->st.calls_in_use || parties != u->st.parties_in_use ||
	    setups != u->st.setups_pending || setups + u->nsfree != u->p.max_pending_setups ||
	    armed != u->th.n)
		return -EFAULT;
	return 0;
}
