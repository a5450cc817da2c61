/* SPDX-License-Identifier: BSD-3-Clause
 * lib/condis handles: kind (8 bits) | generation (24 bits) | index (32 bits). The kind is
 * never 0, so no handle is 0. Each object slot has a generation, bumped when the object is
 * freed: a handle kept after that no longer matches and is refused with -ESTALE, never taken
 * for the object that reuses the slot.
 */
#include <errno.h>
#include <stddef.h>

#include "mcm_condis_private.h"

mcm_condis_handle_t
cd_handle(enum mcm_condis_handle_kind kind, uint32_t gen, uint32_t idx)
{
	return (uint64_t)kind << 56 | (uint64_t)(gen & CD_GEN_MASK) << 32 | idx;
}

uint32_t
cd_handle_index(mcm_condis_handle_t h)
{
	return (uint32_t)h;
}

uint32_t
cd_handle_gen(mcm_condis_handle_t h)
{
	return (uint32_t)(h >> 32) & CD_GEN_MASK;
}

uint32_t
cd_gen_next(uint32_t gen)
{
	gen = (gen + 1) & CD_GEN_MASK;
	return gen == 0 ? 1 : gen;   /* 0 means "never used" */
}

int
mcm_condis_handle_kind(mcm_condis_handle_t h)
{
	unsigned int k = (unsigned int)(h >> 56);

	return k >= MCM_CONDIS_HANDLE_AF && k <= MCM_CONDIS_HANDLE_PARTY ? (int)k : 0;
}

/* common part of the lookups: right kind and an index in range, else -EINVAL */
static int
check(mcm_condis_handle_t h, enum mcm_condis_handle_kind kind, uint32_t n, uint32_t *idx)
{
	if (mcm_condis_handle_kind(h) != (int)kind || cd_handle_index(h) >= n ||
	    cd_handle_gen(h) == 0)
		return -EINVAL;
	*idx = cd_handle_index(h);
	return 0;
}

int
cd_af_lookup(const struct mcm_condis *reg, mcm_condis_handle_t h, uint32_t *idx)
{
	int rc = check(h, MCM_CONDIS_HANDLE_AF, MCM_CONDIS_MAX_AFS, idx);

	if (rc != 0)
		return rc;
	if (!reg->afs[*idx].used || reg->afs[*idx].gen != cd_handle_gen(h))
		return -ESTALE;
	return 0;
}

int
cd_sap_lookup(const struct mcm_condis *reg, mcm_condis_handle_t h, uint32_t *idx)
{
	int rc = check(h, MCM_CONDIS_HANDLE_SAP, MCM_CONDIS_MAX_SAPS, idx);

	if (rc != 0)
		return rc;
	if (!reg->saps[*idx].used || reg->saps[*idx].gen != cd_handle_gen(h))
		return -ESTALE;
	return 0;
}

int
cd_vc_lookup(const struct mcm_condis *reg, mcm_condis_handle_t h, uint32_t *slot)
{
	int rc = check(h, MCM_CONDIS_HANDLE_VC, reg->capacity, slot);

	if (rc != 0)
		return rc;
	if (reg->vcs[*slot].state == MCM_CONDIS_VC_FREE || reg->vc_gen[*slot] != cd_handle_gen(h))
		return -ESTALE;
	return 0;
}

int
cd_party_lookup(const struct mcm_condis *reg, mcm_condis_handle_t h, uint32_t *idx)
{
	int rc = check(h, MCM_CONDIS_HANDLE_PARTY, reg->nparties_max, idx);

	if (rc != 0)
		return rc;
	if (reg->parties[*idx].state == CD_PARTY_FREE ||
	    reg->parties[*idx].gen != cd_handle_gen(h))
		return -ESTALE;
	return 0;
}

mcm_condis_handle_t
cd_af_handle(const struct mcm_condis *reg, uint32_t idx)
{
	return cd_handle(MCM_CONDIS_HANDLE_AF, reg->afs[idx].gen, idx);
}

mcm_condis_handle_t
cd_vc_handle(const struct mcm_condis *reg, uint32_t slot)
{
	return cd_handle(MCM_CONDIS_HANDLE_VC, reg->vc_gen[slot], slot);
}

mcm_condis_handle_t
mcm_condis_vc_handle(const struct mcm_condis *reg, uint32_t slot)
{
	if (slot >= reg->capacity || reg->vcs[slot].state == MCM_CONDIS_VC_FREE)
		return 0;
	return cd_vc_handle(reg, slot);
}

const struct mcm_condis_vc *
mcm_condis_vc_by_handle(const struct mcm_condis *reg, mcm_condis_handle_t vc)
{
	uint32_t slot;

	return cd_vc_lookup(reg, vc, &slot) == 0 ? &reg->vcs[slot] : NULL;
}

int
mcm_condis_vc_slot(const struct mcm_condis *reg, mcm_condis_handle_t vc)
{
	uint32_t slot;
	int rc = cd_vc_lookup(reg, vc, &slot);

	return rc == 0 ? (int)slot : rc;
}
