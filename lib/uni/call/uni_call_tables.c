/* SPDX-License-Identifier: BSD-3-Clause
 * Data structures of the UNI call control: a binary min-heap of timers (O(log n) arm and
 * disarm, O(1) next deadline, so a tick costs nothing per idle call), chained hash tables
 * for call references and VPI/VCI, and the allocators of call references and VPI/VCI.
 */
#include <errno.h>
#include <stdlib.h>

#include "uni_call_priv.h"

int
uni_heap_init(struct uni_heap *h, uint32_t ids)
{
	uint32_t i;

	h->n = 0;
	h->ids = ids;
	h->heap = malloc(sizeof(*h->heap) * ids);
	h->deadline = malloc(sizeof(*h->deadline) * ids);
	h->pos = malloc(sizeof(*h->pos) * ids);
	if (h->heap == NULL || h->deadline == NULL || h->pos == NULL) {
		uni_heap_free(h);
		return -ENOMEM;
	}
	for (i = 0; i < ids; i++)
		h->pos[i] = UNI_NIL;
	return 0;
}

void
uni_heap_free(struct uni_heap *h)
{
	free(h->heap);
	free(h->deadline);
	free(h->pos);
	h->heap = NULL;
	h->deadline = NULL;
	h->pos = NULL;
}

static inline void
heap_set(struct uni_heap *h, uint32_t at, uint32_t id)
{
	h->heap[at] = id;
	h->pos[id] = at;
}

static void
heap_up(struct uni_heap *h, uint32_t at)
{
	uint32_t id = h->heap[at];
	uint64_t d = h->deadline[id];

	while (at > 0) {
		uint32_t parent = (at - 1) / 2;
		uint32_t pid = h->heap[parent];

		if (h->deadline[pid] <= d)
			break;
		heap_set(h, at, pid);
		at = parent;
	}
	heap_set(h, at, id);
}

static void
heap_down(struct uni_heap *h, uint32_t at)
{
	uint32_t id = h->heap[at];
	uint64_t d = h->deadline[id];

	for (;;) {
		uint32_t c = 2 * at + 1;

		if (c >= h->n)
			break;
		if (c + 1 < h->n && h->deadline[h->heap[c + 1]] < h->deadline[h->heap[c]])
			c++;
		if (h->deadline[h->heap[c]] >= d)
			break;
		heap_set(h, at, h->heap[c]);
		at = c;
	}
	heap_set(h, at, id);
}

void
uni_timer_arm(struct uni_heap *h, uint32_t id, uint64_t deadline)
{
	uint32_t at = h->pos[id];

	h->deadline[id] = deadline;
	if (at == UNI_NIL) {
		at = h->n++;
		heap_set(h, at, id);
		heap_up(h, at);
		return;
	}
	heap_up(h, at);
	heap_down(h, h->pos[id]);
}

void
uni_timer_disarm(struct uni_heap *h, uint32_t id)
{
	uint32_t at = h->pos[id];
	uint32_t last;

	if (at == UNI_NIL)
		return;
	h->pos[id] = UNI_NIL;
	last = h->heap[--h->n];
	if (at == h->n)
		return;
	heap_set(h, at, last);
	heap_up(h, at);
	heap_down(h, h->pos[last]);
}

uint32_t
uni_timer_pop_due(struct uni_heap *h, uint64_t now)
{
	uint32_t id;

	if (h->n == 0)
		return UNI_NIL;
	id = h->heap[0];
	if (h->deadline[id] > now)
		return UNI_NIL;
	uni_timer_disarm(h, id);
	return id;
}

uint32_t
uni_hash32(uint32_t k)
{
	/* a murmur3 style finaliser: call references are sequential, spread them */
	k ^= k >> 16;
	k *= 0x85ebca6bu;
	k ^= k >> 13;
	k *= 0xc2b2ae35u;
	k ^= k >> 16;
	return k;
}

uint32_t
uni_call_find(const struct mcm_uni *u, uint32_t key)
{
	uint32_t i = u->cbkt[uni_hash32(key) & u->hmask];

	while (i != UNI_NIL) {
		if (u->calls[i].key == key)
			return i;
		i = u->calls[i].hnext;
	}
	return UNI_NIL;
}

void
uni_call_hash_add(struct mcm_uni *u, uint32_t idx)
{
	uint32_t b = uni_hash32(u->calls[idx].key) & u->hmask;

	u->calls[idx].hnext = u->cbkt[b];
	u->cbkt[b] = idx;
}

void
uni_call_hash_del(struct mcm_uni *u, uint32_t idx)
{
	uint32_t *pp = &u->cbkt[uni_hash32(u->calls[idx].key) & u->hmask];

	while (*pp != UNI_NIL) {
		if (*pp == idx) {
			*pp = u->calls[idx].hnext;
			u->calls[idx].hnext = UNI_NIL;
			return;
		}
		pp = &u->calls[*pp].hnext;
	}
}

static inline uint32_t
vc_key(uint16_t vpi, uint16_t vci)
{
	return ((uint32_t)vpi << 16) | vci;
}

uint32_t
uni_vc_find(const struct mcm_uni *u, uint16_t vpi, uint16_t vci)
{
	uint32_t i = u->vbkt[uni_hash32(vc_key(vpi, vci)) & u->hmask];

	while (i != UNI_NIL) {
		if (u->calls[i].vpi == vpi && u->calls[i].vci == vci)
			return i;
		i = u->calls[i].vnext;
	}
	return UNI_NIL;
}

void
uni_vc_hash_add(struct mcm_uni *u, uint32_t idx)
{
	struct uni_call *c = &u->calls[idx];
	uint32_t b = uni_hash32(vc_key(c->vpi, c->vci)) & u->hmask;

	c->vnext = u->vbkt[b];
	u->vbkt[b] = idx;
	c->flags |= UNI_CF_HAS_VC;
}

void
uni_vc_hash_del(struct mcm_uni *u, uint32_t idx)
{
	struct uni_call *c = &u->calls[idx];
	uint32_t *pp;

	if (!(c->flags & UNI_CF_HAS_VC))
		return;
	pp = &u->vbkt[uni_hash32(vc_key(c->vpi, c->vci)) & u->hmask];
	while (*pp != UNI_NIL) {
		if (*pp == idx) {
			*pp = c->vnext;
			break;
		}
		pp = &u->calls[*pp].vnext;
	}
	c->vnext = UNI_NIL;
	c->flags &= ~(UNI_CF_HAS_VC | UNI_CF_VC_OWNED);
}

/* In use by a call of ours, or by the user outside call control (a PVC). */
bool
uni_vc_taken(const struct mcm_uni *u, uint16_t vpi, uint16_t vci)
{
	return uni_vc_find(u, vpi, vci) != UNI_NIL ||
	       (u->p.ops.vc_taken != NULL && u->p.ops.vc_taken(u->p.ctx, vpi, vci));
}

/*
 * Next free VPI/VCI of the configured range, round robin so a VCI just released is not
 * reused at once (a late cell of the old call would land on the new one). At most one pass
 * over the range; the range holds more VCs than max_calls in any sane configuration.
 */
int
uni_vc_alloc(struct mcm_uni *u, uint16_t *vpi, uint16_t *vci)
{
	uint64_t span = (uint64_t)(u->p.vpi_max - u->p.vpi_min + 1) *
			(uint64_t)(u->p.vci_max - u->p.vci_min + 1);
	uint64_t n;

	for (n = 0; n < span; n++) {
		uint16_t p = u->cur_vpi, c = u->cur_vci;

		if (u->cur_vci >= u->p.vci_max) {
			u->cur_vci = u->p.vci_min;
			u->cur_vpi = u->cur_vpi >= u->p.vpi_max ? u->p.vpi_min : u->cur_vpi + 1;
		} else {
			u->cur_vci++;
		}
		if (!uni_vc_taken(u, p, c)) {
			*vpi = p;
			*vci = c;
			return 0;
		}
	}
	return -EADDRNOTAVAIL;
}

/* Next free VCI on one VPI of the range (the user asked for "exclusive VPCI, any VCI"). */
int
uni_vc_alloc_in_vpi(struct mcm_uni *u, uint16_t vpi, uint16_t *vci)
{
	uint32_t n, span = (uint32_t)(u->p.vci_max - u->p.vci_min + 1);
	uint16_t c = u->cur_vci;

	if (vpi < u->p.vpi_min || vpi > u->p.vpi_max)
		return -EADDRNOTAVAIL;
	for (n = 0; n < span; n++) {
		uint16_t v = c;

		c = c >= u->p.vci_max ? u->p.vci_min : c + 1;
		if (!uni_vc_taken(u, vpi, v)) {
			*vci = v;
			return 0;
		}
	}
	return -EADDRNOTAVAIL;
}

/* A free call reference value of ours, 1..2^23-1 (0 is the global call reference). */
uint32_t
uni_cref_alloc(struct mcm_uni *u)
{
	uint32_t n;

	for (n = 0; n < UNI_CREF_MASK; n++) {
		uint32_t v = u->next_cref;

		u->next_cref = (u->next_cref & UNI_CREF_MASK) + 1;
		if (u->next_cref > UNI_CREF_MASK)
			u->next_cref = 1;
		if (v == 0 || v > UNI_CREF_MASK)
			continue;
		if (uni_call_find(u, v | UNI_KEY_LOCAL) == UNI_NIL)
			return v;
	}
	return UNI_NIL;
}
