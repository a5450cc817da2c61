/* SPDX-License-Identifier: BSD-3-Clause
 * lib/condis internals shared by its files (one job per file): the registry's layout,
 * handle coding, and helpers each file offers the others. Not installed, not for the driver.
 */
#ifndef MCM_CONDIS_PRIVATE_H
#define MCM_CONDIS_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mcm_condis.h"

#define CD_EMPTY UINT32_MAX          /* empty hash cell */
#define CD_OWNER_DRIVER UINT32_MAX   /* owner index: the driver (legacy VCs, PVCs of af 0) */
#define CD_OWNER_NONE (UINT32_MAX - 1)  /* owner index: MCM VC not offered yet */
#define CD_GEN_MASK 0xFFFFFFu        /* 24-bit generations */

enum cd_party_state {
	CD_PARTY_FREE = 0,
	CD_PARTY_ADDING,
	CD_PARTY_ACTIVE,
	CD_PARTY_DROPPING,
	CD_PARTY_INCOMING,           /* leaf side: offered to the client, not answered */
	CD_PARTY_ACCEPTED,           /* leaf side: accepted, ADD PARTY ACK not sent yet */
};

struct cd_af {
	bool used;
	uint32_t gen;
	struct mcm_condis_client_ops ops;
	void *ctx;
	uint32_t nvcs;
	uint32_t nsaps;
};

struct cd_sap {
	bool used;
	uint32_t gen;
	uint32_t af;                 /* owner AF index */
	struct mcm_condis_sap sap;
};

struct cd_party {
	uint8_t state;               /* enum cd_party_state */
	uint32_t gen;
	uint32_t vc;                 /* slot of its call's VC */
	struct mcm_condis_call_params params;
};

struct mcm_condis {
	uint32_t capacity;
	uint32_t count;
	uint32_t nfree;
	uint32_t *free_slots;        /* stack of free slot numbers */
	uint32_t *free_pos;          /* each free slot's place in free_slots, else CD_EMPTY */
	struct mcm_condis_vc *vcs;
	uint32_t *vc_gen;            /* generation of each slot */
	uint32_t *vc_owner;          /* AF index, CD_OWNER_DRIVER or CD_OWNER_NONE */
	uint8_t *vc_legacy;          /* keyed at create by the first-release API */
	uint32_t hash_mask;
	uint32_t *hash_slot;         /* slot, or CD_EMPTY; deleted entries are re-inserted */

	struct cd_af afs[MCM_CONDIS_MAX_AFS];
	struct cd_sap saps[MCM_CONDIS_MAX_SAPS];
	uint32_t nparties_max;
	struct cd_party *parties;
	uint32_t driver_nvcs;        /* VCs owned by the driver */

	bool has_cm, has_mp;
	struct mcm_condis_cm_ops cm;
	void *cm_ctx;
	struct mcm_condis_mp_ops mp;
	void *mp_ctx;
};

/* ---- handles (mcm_condis_handle.c): kind(8) | generation(24) | index(32) ---- */
mcm_condis_handle_t cd_handle(enum mcm_condis_handle_kind kind, uint32_t gen, uint32_t idx);
uint32_t cd_handle_index(mcm_condis_handle_t h);
uint32_t cd_handle_gen(mcm_condis_handle_t h);
uint32_t cd_gen_next(uint32_t gen);
/* lookups: 0 and *idx, or -EINVAL (not that kind / out of range) or -ESTALE */
int cd_af_lookup(const struct mcm_condis *reg, mcm_condis_handle_t h, uint32_t *idx);
int cd_sap_lookup(const struct mcm_condis *reg, mcm_condis_handle_t h, uint32_t *idx);
int cd_vc_lookup(const struct mcm_condis *reg, mcm_condis_handle_t h, uint32_t *slot);
int cd_party_lookup(const struct mcm_condis *reg, mcm_condis_handle_t h, uint32_t *idx);
mcm_condis_handle_t cd_af_handle(const struct mcm_condis *reg, uint32_t idx);
mcm_condis_handle_t cd_vc_handle(const struct mcm_condis *reg, uint32_t slot);

/* ---- registry (mcm_condis.c) ---- */
/* take a free slot: VC in CREATED, no VPI/VCI; -ENOSPC */
int cd_vc_alloc(struct mcm_condis *reg, uint8_t origin, uint32_t owner);
/* the same, slot @p want when it is free (else, or @p want UINT32_MAX, the free list's next) */
int cd_vc_alloc_at(struct mcm_condis *reg, uint8_t origin, uint32_t owner, uint32_t want);
/* free a CREATED VC: unkeys it, frees its parties, bumps the generation, fixes counts */
void cd_vc_free(struct mcm_condis *reg, uint32_t slot);
/* is VPI/VCI usable by a client: 0, -EPERM reserved / out of range, -EEXIST in use */
int cd_key_check(const struct mcm_condis *reg, uint16_t vpi, uint16_t vci);
/* register the VC's VPI/VCI in the index (cd_key_check passed) */
void cd_key_add(struct mcm_condis *reg, uint32_t slot, uint16_t vpi, uint16_t vci);
/* take the VC's VPI/VCI out of the index */
void cd_key_del(struct mcm_condis *reg, uint32_t slot);
/* owner AF of a VC, or NULL (driver or nobody) */
struct cd_af *cd_vc_owner_af(struct mcm_condis *reg, uint32_t slot);

/* ---- AF and SAP (mcm_condis_af.c) ---- */
/* the SAP an incoming call goes to: 0 and *sap; -ENOENT no SAP for the called address;
 * -EPROTONOSUPPORT the address matches but BHLI/BLLI do not
 */
int cd_sap_match(const struct mcm_condis *reg, const struct mcm_condis_call_params *p,
		 uint32_t *sap);

/* ---- VC activation (mcm_condis_vc.c) ---- */
/* deactivate an ACTIVE VC: mp deactivate_vc, unkey, CREATED, vc_status(0) */
int cd_vc_deactivate(struct mcm_condis *reg, uint32_t slot);

/* ---- parties (mcm_condis_party.c) ---- */
/* free every party of a VC's call, no event (the call is over) */
void cd_parties_free(struct mcm_condis *reg, uint32_t slot);

#endif /* MCM_CONDIS_PRIVATE_H */
