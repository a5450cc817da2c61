/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <stdlib.h>

#include "mcm_condis.h"

/* Open-addressing index from VC key to slot; twice the capacity keeps probes short. */
#define EMPTY UINT32_MAX

struct mcm_condis {
	uint32_t capacity;
	uint32_t count;
	uint32_t nfree;
	uint32_t *free_slots;       /* stack of free slot numbers */
	struct mcm_condis_vc *vcs;
	uint32_t hash_mask;
	uint32_t *hash_slot;        /* slot, or EMPTY; deleted entries are re-inserted */
};

static uint32_t
vc_key(uint16_t vpi, uint16_t vci)
{
	return ((uint32_t)vpi << 16) | vci;
}

static uint32_t
key_hash(uint32_t key)
{
	key ^= key >> 16;
	key *= 0x7feb352du;
	key ^= key >> 15;
	return key;
}

struct mcm_condis *
mcm_condis_create(uint32_t capacity)
{
	struct mcm_condis *reg;
	uint32_t hsize = 2, i;

	if (capacity == 0 || capacity > 65535)
		return NULL;
	while (hsize < capacity * 2)
		hsize <<= 1;
	reg = calloc(1, sizeof(*reg));
	if (reg == NULL)
		return NULL;
	reg->capacity = capacity;
	reg->vcs = calloc(capacity, sizeof(*reg->vcs));
	reg->free_slots = malloc(capacity * sizeof(uint32_t));
	reg->hash_slot = malloc(hsize * sizeof(uint32_t));
	if (reg->vcs == NULL || reg->free_slots == NULL || reg->hash_slot == NULL) {
		mcm_condis_destroy(reg);
		return NULL;
	}
	reg->hash_mask = hsize - 1;
	for (i = 0; i < hsize; i++)
		reg->hash_slot[i] = EMPTY;
	/* lowest slot numbers come out first */
	for (i = 0; i < capacity; i++)
		reg->free_slots[i] = capacity - 1 - i;
	reg->nfree = capacity;
	return reg;
}

void
mcm_condis_destroy(struct mcm_condis *reg)
{
	if (reg == NULL)
		return;
	free(reg->vcs);
	free(reg->free_slots);
	free(reg->hash_slot);
	free(reg);
}

uint32_t
mcm_condis_capacity(const struct mcm_condis *reg)
{
	return reg->capacity;
}

uint32_t
mcm_condis_count(const struct mcm_condis *reg)
{
	return reg->count;
}

static uint32_t
hash_pos(const struct mcm_condis *reg, uint32_t key)
{
	uint32_t pos = key_hash(key) & reg->hash_mask;

	while (reg->hash_slot[pos] != EMPTY) {
		const struct mcm_condis_vc *vc = &reg->vcs[reg->hash_slot[pos]];

		if (vc_key(vc->vpi, vc->vci) == key)
			break;
		pos = (pos + 1) & reg->hash_mask;
	}
	return pos;
}

int
mcm_condis_vc_find(const struct mcm_condis *reg, uint16_t vpi, uint16_t vci)
{
	uint32_t pos = hash_pos(reg, vc_key(vpi, vci));

	return reg->hash_slot[pos] == EMPTY ? -ENOENT : (int)reg->hash_slot[pos];
}

int
mcm_condis_vc_create(struct mcm_condis *reg, enum mcm_condis_vc_origin origin, uint16_t vpi,
		     uint16_t vci)
{
	struct mcm_condis_vc *vc;
	uint32_t pos, slot;

	/* I.361 2.2.3: VCIs 0..31 are pre-assigned; they stay the driver's own */
	if (vci < MCM_CONDIS_FIRST_CLIENT_VCI || vpi > 4095)
		return -EPERM;
	pos = hash_pos(reg, vc_key(vpi, vci));
	if (reg->hash_slot[pos] != EMPTY)
		return -EEXIST;
	if (reg->nfree == 0)
		return -ENOSPC;
	slot = reg->free_slots[--reg->nfree];
	vc = &reg->vcs[slot];
	*vc = (struct mcm_condis_vc){ .vpi = vpi, .vci = vci, .state = MCM_CONDIS_VC_CREATED,
				      .origin = (uint8_t)origin };
	reg->hash_slot[pos] = slot;
	reg->count++;
	return (int)slot;
}

static struct mcm_condis_vc *
slot_vc(struct mcm_condis *reg, uint32_t slot)
{
	if (slot >= reg->capacity || reg->vcs[slot].state == MCM_CONDIS_VC_FREE)
		return NULL;
	return &reg->vcs[slot];
}

static int
transition(struct mcm_condis *reg, uint32_t slot, uint8_t from, uint8_t to)
{
	struct mcm_condis_vc *vc = slot_vc(reg, slot);

	if (vc == NULL)
		return -ENOENT;
	if (vc->state != from)
		return -EBUSY;
	vc->state = to;
	return 0;
}

int
mcm_condis_vc_activate(struct mcm_condis *reg, uint32_t slot,
		       const struct mcm_condis_media *media)
{
	int rc = transition(reg, slot, MCM_CONDIS_VC_CREATED, MCM_CONDIS_VC_ACTIVE);

	if (rc == 0)
		reg->vcs[slot].media = *media;
	return rc;
}

int
mcm_condis_vc_deactivate(struct mcm_condis *reg, uint32_t slot)
{
	return transition(reg, slot, MCM_CONDIS_VC_ACTIVE, MCM_CONDIS_VC_DEACTIVATING);
}

int
mcm_condis_vc_deactivate_complete(struct mcm_condis *reg, uint32_t slot)
{
	return transition(reg, slot, MCM_CONDIS_VC_DEACTIVATING, MCM_CONDIS_VC_CREATED);
}

int
mcm_condis_vc_delete(struct mcm_condis *reg, uint32_t slot)
{
	struct mcm_condis_vc *vc = slot_vc(reg, slot);
	uint32_t pos, next;

	if (vc == NULL)
		return -ENOENT;
	if (vc->state != MCM_CONDIS_VC_CREATED)
		return -EBUSY;
	pos = hash_pos(reg, vc_key(vc->vpi, vc->vci));
	reg->hash_slot[pos] = EMPTY;
	/* linear probing: re-insert the rest of the cluster so lookups still find them */
	for (next = (pos + 1) & reg->hash_mask; reg->hash_slot[next] != EMPTY;
	     next = (next + 1) & reg->hash_mask) {
		uint32_t s = reg->hash_slot[next];

		reg->hash_slot[next] = EMPTY;
		reg->hash_slot[hash_pos(reg, vc_key(reg->vcs[s].vpi, reg->vcs[s].vci))] = s;
	}
	vc->state = MCM_CONDIS_VC_FREE;
	reg->free_slots[reg->nfree++] = slot;
	reg->count--;
	return 0;
}

const struct mcm_condis_vc *
mcm_condis_vc_get(const struct mcm_condis *reg, uint32_t slot)
{
	return slot_vc((struct mcm_condis *)(uintptr_t)reg, slot);
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

uint32_t
mcm_condis_vc_list(const struct mcm_condis *reg, uint32_t start, uint32_t *slots, uint32_t max)
{
	uint64_t *all;
	uint32_t n = 0, i, out = 0;

	if (reg->count == 0 || start >= reg->count || max == 0)
		return 0;
	all = malloc(reg->count * sizeof(*all));
	if (all == NULL)
		return 0;
	/* sort (key, slot) pairs: the key orders them, the low half carries the slot */
	for (i = 0; i < reg->capacity; i++)
		if (reg->vcs[i].state != MCM_CONDIS_VC_FREE)
			all[n++] = (uint64_t)vc_key(reg->vcs[i].vpi, reg->vcs[i].vci) << 32 | i;
	qsort(all, n, sizeof(*all), cmp_u64);
	for (i = start; i < n && out < max; i++)
		slots[out++] = (uint32_t)all[i];
	free(all);
	return out;
}

const char *
mcm_condis_vc_state_name(enum mcm_condis_vc_state st)
{
	switch (st) {
	case MCM_CONDIS_VC_CREATED:
		return "created";
	case MCM_CONDIS_VC_ACTIVE:
		return "active";
	case MCM_CONDIS_VC_DEACTIVATING:
		return "deactivating";
	default:
		return "free";
	}
}
