/* SPDX-License-Identifier: BSD-3-Clause
 * lib/condis, the VC registry: slots, the VPI/VCI index, the first release's registry entry
 * points (kept for the driver) and the VC walks.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_condis_private.h"

/* Open-addressing index from VC key to slot; twice the capacity keeps probes short. */

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

	if (capacity == 0 || capacity > MCM_CONDIS_MAX_CAPACITY)
		return NULL;
	while (hsize < capacity * 2)
		hsize <<= 1;
	reg = calloc(1, sizeof(*reg));
	if (reg == NULL)
		return NULL;
	reg->capacity = capacity;
	/* a p2mp call may have many parties: room for one per VC, at least 64, at most
	 * MCM_CONDIS_MAX_PARTIES (a registry of a million VCs does not hold a million
	 * parties: their table would cost more than the VCs)
	 */
	reg->nparties_max = capacity < 64 ? 64 :
			    capacity > MCM_CONDIS_MAX_PARTIES ? MCM_CONDIS_MAX_PARTIES : capacity;
	reg->vcs = calloc(capacity, sizeof(*reg->vcs));
	reg->vc_gen = calloc(capacity, sizeof(*reg->vc_gen));
	reg->vc_owner = calloc(capacity, sizeof(*reg->vc_owner));
	reg->vc_legacy = calloc(capacity, sizeof(*reg->vc_legacy));
	reg->free_slots = malloc(capacity * sizeof(uint32_t));
	reg->free_pos = malloc(capacity * sizeof(uint32_t));
	reg->hash_slot = malloc(hsize * sizeof(uint32_t));
	reg->parties = calloc(reg->nparties_max, sizeof(*reg->parties));
	if (reg->vcs == NULL || reg->vc_gen == NULL || reg->vc_owner == NULL ||
	    reg->vc_legacy == NULL || reg->free_slots == NULL || reg->free_pos == NULL ||
	    reg->hash_slot == NULL || reg->parties == NULL) {
		mcm_condis_destroy(reg);
		return NULL;
	}
	reg->hash_mask = hsize - 1;
	for (i = 0; i < hsize; i++)
		reg->hash_slot[i] = CD_EMPTY;
	/* lowest slot numbers come out first */
	for (i = 0; i < capacity; i++) {
		reg->free_slots[i] = capacity - 1 - i;
		reg->free_pos[capacity - 1 - i] = i;
	}
	reg->nfree = capacity;
	return reg;
}

void
mcm_condis_destroy(struct mcm_condis *reg)
{
	if (reg == NULL)
		return;
	free(reg->vcs);
	free(reg->vc_gen);
	free(reg->vc_owner);
	free(reg->vc_legacy);
	free(reg->free_slots);
	free(reg->free_pos);
	free(reg->hash_slot);
	free(reg->parties);
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

	while (reg->hash_slot[pos] != CD_EMPTY) {
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
	uint32_t pos;

	/* I.361 2.2.3: reserved VCIs are never in the index; say so without probing */
	if (vci < MCM_CONDIS_FIRST_CLIENT_VCI)
		return -ENOENT;
	pos = hash_pos(reg, vc_key(vpi, vci));
	return reg->hash_slot[pos] == CD_EMPTY ? -ENOENT : (int)reg->hash_slot[pos];
}

int
cd_key_check(const struct mcm_condis *reg, uint16_t vpi, uint16_t vci)
{
	/* I.361 2.2.3: VCIs 0..31 are pre-assigned; they stay the driver's own */
	if (vci < MCM_CONDIS_FIRST_CLIENT_VCI || vpi > MCM_CONDIS_MAX_VPI)
		return -EPERM;
	if (reg->hash_slot[hash_pos(reg, vc_key(vpi, vci))] != CD_EMPTY)
		return -EEXIST;
	return 0;
}

void
cd_key_add(struct mcm_condis *reg, uint32_t slot, uint16_t vpi, uint16_t vci)
{
	struct mcm_condis_vc *vc = &reg->vcs[slot];

	reg->hash_slot[hash_pos(reg, vc_key(vpi, vci))] = slot;
	vc->vpi = vpi;
	vc->vci = vci;
	vc->has_vpi_vci = 1;
}

void
cd_key_del(struct mcm_condis *reg, uint32_t slot)
{
	struct mcm_condis_vc *vc = &reg->vcs[slot];
	uint32_t pos, next;

	if (!vc->has_vpi_vci)
		return;
	pos = hash_pos(reg, vc_key(vc->vpi, vc->vci));
	reg->hash_slot[pos] = CD_EMPTY;
	/* linear probing: re-insert the rest of the cluster so lookups still find them */
	for (next = (pos + 1) & reg->hash_mask; reg->hash_slot[next] != CD_EMPTY;
	     next = (next + 1) & reg->hash_mask) {
		uint32_t s = reg->hash_slot[next];

		reg->hash_slot[next] = CD_EMPTY;
		reg->hash_slot[hash_pos(reg, vc_key(reg->vcs[s].vpi, reg->vcs[s].vci))] = s;
	}
	vc->vpi = 0;
	vc->vci = 0;
	vc->has_vpi_vci = 0;
}

struct cd_af *
cd_vc_owner_af(struct mcm_condis *reg, uint32_t slot)
{
	uint32_t o = reg->vc_owner[slot];

	return o < MCM_CONDIS_MAX_AFS ? &reg->afs[o] : NULL;
}

static void
owner_count(struct mcm_condis *reg, uint32_t owner, int delta)
{
	if (owner < MCM_CONDIS_MAX_AFS)
		reg->afs[owner].nvcs += (uint32_t)delta;
	else if (owner == CD_OWNER_DRIVER)
		reg->driver_nvcs += (uint32_t)delta;
}

int
cd_vc_alloc(struct mcm_condis *reg, uint8_t origin, uint32_t owner)
{
	struct mcm_condis_vc *vc;
	uint32_t slot;

	if (reg->nfree == 0)
		return -ENOSPC;
	slot = reg->free_slots[--reg->nfree];
	reg->free_pos[slot] = CD_EMPTY;
	vc = &reg->vcs[slot];
	memset(vc, 0, sizeof(*vc));
	vc->state = MCM_CONDIS_VC_CREATED;
	vc->origin = origin;
	if (reg->vc_gen[slot] == 0)
		reg->vc_gen[slot] = 1;
	reg->vc_owner[slot] = owner;
	reg->vc_legacy[slot] = 0;
	if (owner < MCM_CONDIS_MAX_AFS)
		vc->owner = cd_af_handle(reg, owner);
	owner_count(reg, owner, 1);
	reg->count++;
	return (int)slot;
}

int
cd_vc_alloc_at(struct mcm_condis *reg, uint8_t origin, uint32_t owner, uint32_t want)
{
	uint32_t pos, top;

	if (want < reg->capacity && reg->free_pos[want] != CD_EMPTY) {
		/* bring it to the top of the stack: the slot there takes its place */
		pos = reg->free_pos[want];
		top = reg->free_slots[reg->nfree - 1];
		reg->free_slots[pos] = top;
		reg->free_pos[top] = pos;
		reg->free_slots[reg->nfree - 1] = want;
		reg->free_pos[want] = reg->nfree - 1;
	}
	return cd_vc_alloc(reg, origin, owner);
}

void
cd_vc_free(struct mcm_condis *reg, uint32_t slot)
{
	struct mcm_condis_vc *vc = &reg->vcs[slot];

	cd_key_del(reg, slot);
	cd_parties_free(reg, slot);
	owner_count(reg, reg->vc_owner[slot], -1);
	memset(vc, 0, sizeof(*vc));       /* state FREE */
	reg->vc_gen[slot] = cd_gen_next(reg->vc_gen[slot]);
	reg->vc_owner[slot] = CD_OWNER_NONE;
	reg->vc_legacy[slot] = 0;
	reg->free_pos[slot] = reg->nfree;
	reg->free_slots[reg->nfree++] = slot;
	reg->count--;
}

int
mcm_condis_vc_create(struct mcm_condis *reg, enum mcm_condis_vc_origin origin, uint16_t vpi,
		     uint16_t vci)
{
	int rc = cd_key_check(reg, vpi, vci);

	if (rc != 0)
		return rc;
	rc = cd_vc_alloc(reg, (uint8_t)origin, CD_OWNER_DRIVER);
	if (rc < 0)
		return rc;
	reg->vc_legacy[rc] = 1;
	cd_key_add(reg, (uint32_t)rc, vpi, vci);
	return rc;
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
	struct mcm_condis_vc *vc = slot_vc(reg, slot);
	int rc;

	if (vc != NULL && !vc->has_vpi_vci)
		return -EINVAL;   /* new-API VC: mcm_condis_mcm_activate_vc gives it one */
	rc = transition(reg, slot, MCM_CONDIS_VC_CREATED, MCM_CONDIS_VC_ACTIVE);
	if (rc == 0) {
		vc->media = *media;
		vc->media.vpi = vc->vpi;
		vc->media.vci = vc->vci;
	}
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
	int rc = transition(reg, slot, MCM_CONDIS_VC_DEACTIVATING, MCM_CONDIS_VC_CREATED);

	/* a VC keyed at activation gives its VPI/VCI back with it */
	if (rc == 0 && !reg->vc_legacy[slot])
		cd_key_del(reg, slot);
	return rc;
}

int
mcm_condis_vc_delete(struct mcm_condis *reg, uint32_t slot)
{
	struct mcm_condis_vc *vc = slot_vc(reg, slot);

	if (vc == NULL)
		return -ENOENT;
	if (vc->state != MCM_CONDIS_VC_CREATED || vc->call_state != MCM_CONDIS_CALL_NONE)
		return -EBUSY;
	cd_vc_free(reg, slot);
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
	/* sort (key, slot) pairs: the key orders them (VCs without a VPI/VCI last), the low
	 * half carries the slot
	 */
	for (i = 0; i < reg->capacity; i++) {
		const struct mcm_condis_vc *vc = &reg->vcs[i];
		uint64_t key;

		if (vc->state == MCM_CONDIS_VC_FREE)
			continue;
		key = vc->has_vpi_vci ? vc_key(vc->vpi, vc->vci) : UINT32_MAX;
		all[n++] = key << 32 | i;
	}
	qsort(all, n, sizeof(*all), cmp_u64);
	for (i = start; i < n && out < max; i++)
		slots[out++] = (uint32_t)all[i];
	free(all);
	return out;
}

uint32_t
mcm_condis_call_list(const struct mcm_condis *reg, uint32_t start,
		     struct mcm_condis_call_info *out, uint32_t max)
{
	uint32_t i, k = 0, n = 0;

	for (i = 0; i < reg->capacity && n < max; i++) {
		const struct mcm_condis_vc *vc = &reg->vcs[i];

		if (vc->state == MCM_CONDIS_VC_FREE || vc->call_state == MCM_CONDIS_CALL_NONE)
			continue;
		if (k++ < start)
			continue;
		out[n] = (struct mcm_condis_call_info){
			.vc = cd_vc_handle(reg, i), .af = vc->owner, .vc_state = vc->state,
			.call_state = vc->call_state, .params = vc->params,
		};
		n++;
	}
	return n;
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

const char *
mcm_condis_call_state_name(enum mcm_condis_call_state st)
{
	static const char *const names[] = {
		[MCM_CONDIS_CALL_NONE] = "none",
		[MCM_CONDIS_CALL_OUTGOING] = "outgoing",
		[MCM_CONDIS_CALL_INCOMING] = "incoming",
		[MCM_CONDIS_CALL_ACCEPTED] = "accepted",
		[MCM_CONDIS_CALL_CONNECTED] = "connected",
		[MCM_CONDIS_CALL_CLOSING] = "closing",
	};

	return (unsigned int)st < sizeof(names) / sizeof(names[0]) ? names[st] : "none";
}
