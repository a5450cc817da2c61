/* SPDX-License-Identifier: BSD-3-Clause
 * UNI call control: the instance (create, destroy, memory), its pools of calls (call
 * reference values, Q.2931 4.3) and parties (endpoint references, Q.2971 8.2.1), the
 * queries on calls and the self-check of the invariants.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "uni_call_priv.h"

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
	uni_timers_fill(&p->timers);
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
	uni_timers_fill(&p.timers);
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
/* pools                                                                                     */

uint32_t
uni_call_alloc(struct mcm_uni *u, uint32_t key)
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

void
uni_setup_buf_release(struct mcm_uni *u, struct uni_call *c)
{
	if (c->setup_buf == UNI_NIL)
		return;
	u->sfree[u->nsfree++] = c->setup_buf;
	c->setup_buf = UNI_NIL;
	u->st.setups_pending--;
}

void
uni_party_free(struct mcm_uni *u, uint32_t pi)
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

uint32_t
uni_party_alloc(struct mcm_uni *u, uint32_t idx, uint16_t epkey, uint8_t state)
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

uint32_t
uni_party_find(const struct mcm_uni *u, uint32_t idx, uint16_t epkey)
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
void
uni_call_free(struct mcm_uni *u, uint32_t idx)
{
	struct uni_call *c = &u->calls[idx];

	while (c->party_head != UNI_NIL)
		uni_party_free(u, c->party_head);
	uni_timer_disarm(&u->th, UNI_TID_CALL(idx));
	uni_timer_disarm(&u->th, UNI_TID_T322(idx));
	uni_setup_buf_release(u, c);
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
/* queries                                                                                   */

int
mcm_uni_call_set_cookie(struct mcm_uni *u, uint32_t call, uint32_t cookie)
{
	uint32_t idx = uni_idx_of(u, call);

	if (idx == UNI_NIL)
		return -ENOENT;
	u->calls[idx].cookie = cookie;
	return 0;
}

enum mcm_uni_call_state
mcm_uni_call_state(const struct mcm_uni *u, uint32_t call)
{
	uint32_t idx = uni_idx_of(u, call);

	return idx == UNI_NIL ? MCM_UNI_CS_NULL : (enum mcm_uni_call_state)u->calls[idx].state;
}

int
mcm_uni_call_info(const struct mcm_uni *u, uint32_t call, uint32_t *cref, bool *outgoing,
		  uint16_t *vpi, uint16_t *vci)
{
	uint32_t idx = uni_idx_of(u, call);
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
	uint32_t idx = uni_idx_of(u, call);

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
			return uni_handle_of(u, i);
	return 0;
}

uint32_t
mcm_uni_call_by_cref(const struct mcm_uni *u, uint32_t cref, bool outgoing)
{
	uint32_t idx = uni_call_find(u, (cref & UNI_CREF_MASK) | (outgoing ? UNI_KEY_LOCAL : 0));

	return idx == UNI_NIL ? 0 : uni_handle_of(u, idx);
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
