/* SPDX-License-Identifier: BSD-3-Clause
 * lib/condis address families and SAPs: the driver's two halves register here, clients open
 * the AF and register SAPs, and incoming calls find their SAP.
 */
#include <errno.h>
#include <string.h>

#include "mcm_condis_private.h"

int
mcm_condis_register_cm(struct mcm_condis *reg, const struct mcm_condis_cm_ops *ops, void *ctx)
{
	reg->has_cm = ops != NULL;
	if (ops != NULL)
		reg->cm = *ops;
	else
		memset(&reg->cm, 0, sizeof(reg->cm));
	reg->cm_ctx = ctx;
	return 0;
}

int
mcm_condis_register_miniport(struct mcm_condis *reg, const struct mcm_condis_mp_ops *ops,
			     void *ctx)
{
	reg->has_mp = ops != NULL;
	if (ops != NULL)
		reg->mp = *ops;
	else
		memset(&reg->mp, 0, sizeof(reg->mp));
	reg->mp_ctx = ctx;
	return 0;
}

int
mcm_condis_af_open(struct mcm_condis *reg, const struct mcm_condis_client_ops *ops, void *ctx,
		   mcm_condis_handle_t *af)
{
	struct cd_af *a = NULL;
	uint32_t i;
	int rc;

	if (af == NULL)
		return -EINVAL;
	for (i = 0; i < MCM_CONDIS_MAX_AFS; i++)
		if (!reg->afs[i].used) {
			a = &reg->afs[i];
			break;
		}
	if (a == NULL)
		return -ENOSPC;
	if (a->gen == 0)
		a->gen = 1;
	a->used = true;
	a->ctx = ctx;
	a->nvcs = 0;
	a->nsaps = 0;
	if (ops != NULL)
		a->ops = *ops;
	else
		memset(&a->ops, 0, sizeof(a->ops));
	if (reg->cm.open_af != NULL) {
		rc = reg->cm.open_af(reg->cm_ctx, cd_af_handle(reg, i));
		if (rc != 0) {
			a->used = false;
			a->gen = cd_gen_next(a->gen);
			return rc < 0 ? rc : -EIO;
		}
	}
	*af = cd_af_handle(reg, i);
	return 0;
}

static void
sap_free(struct mcm_condis *reg, uint32_t idx)
{
	struct cd_sap *s = &reg->saps[idx];

	reg->afs[s->af].nsaps--;
	s->used = false;
	s->gen = cd_gen_next(s->gen);
}

int
mcm_condis_af_close(struct mcm_condis *reg, mcm_condis_handle_t af)
{
	uint32_t idx, i;
	int rc = cd_af_lookup(reg, af, &idx);

	if (rc != 0)
		return rc;
	/* NDIS refuses to close an AF with open calls; we ask for its VCs gone too, so no VC
	 * is left with an owner that cannot be told about it
	 */
	if (reg->afs[idx].nvcs != 0)
		return -EBUSY;
	for (i = 0; i < MCM_CONDIS_MAX_SAPS; i++) {
		if (!reg->saps[i].used || reg->saps[i].af != idx)
			continue;
		/* the checks passed: the close goes through whatever the handler says */
		if (reg->cm.deregister_sap != NULL)
			reg->cm.deregister_sap(reg->cm_ctx,
					       cd_handle(MCM_CONDIS_HANDLE_SAP,
							 reg->saps[i].gen, i));
		sap_free(reg, i);
	}
	if (reg->cm.close_af != NULL)
		reg->cm.close_af(reg->cm_ctx, af);
	reg->afs[idx].used = false;
	reg->afs[idx].gen = cd_gen_next(reg->afs[idx].gen);
	return 0;
}

int
mcm_condis_af_counts(const struct mcm_condis *reg, mcm_condis_handle_t af, uint32_t *nvcs,
		     uint32_t *nsaps)
{
	uint32_t idx;
	int rc;

	if (af == 0) {
		if (nvcs != NULL)
			*nvcs = reg->driver_nvcs;
		if (nsaps != NULL)
			*nsaps = 0;
		return 0;
	}
	rc = cd_af_lookup(reg, af, &idx);
	if (rc != 0)
		return rc;
	if (nvcs != NULL)
		*nvcs = reg->afs[idx].nvcs;
	if (nsaps != NULL)
		*nsaps = reg->afs[idx].nsaps;
	return 0;
}

static bool
addr_eq(const struct mcm_condis_addr *a, const struct mcm_condis_addr *b)
{
	return a->len == b->len && memcmp(a->b, b->b, a->len) == 0;
}

static bool
bhli_eq(const struct mcm_condis_bhli *a, const struct mcm_condis_bhli *b)
{
	return a->type == b->type && a->len == b->len && memcmp(a->info, b->info, a->len) == 0;
}

bool
mcm_condis_blli_same(const struct mcm_condis_blli *a, const struct mcm_condis_blli *b)
{
	return a->l2 == b->l2 && a->l3 == b->l3 && a->proto == b->proto;
}

/* could one SETUP match both SAPs? ("any" overlaps everything) */
static bool
sap_overlap(const struct mcm_condis_sap *a, const struct mcm_condis_sap *b)
{
	if (a->addr.len != 0 && b->addr.len != 0 && !addr_eq(&a->addr, &b->addr))
		return false;
	if (a->bhli.present && b->bhli.present && !bhli_eq(&a->bhli, &b->bhli))
		return false;
	if (a->blli.present && b->blli.present && !mcm_condis_blli_same(&a->blli, &b->blli))
		return false;
	return true;
}

int
mcm_condis_sap_register(struct mcm_condis *reg, mcm_condis_handle_t af,
			const struct mcm_condis_sap *sap, mcm_condis_handle_t *handle)
{
	uint32_t aidx, i, free_idx = UINT32_MAX;
	struct cd_sap *s;
	int rc = cd_af_lookup(reg, af, &aidx);

	if (rc != 0)
		return rc;
	if (sap == NULL || handle == NULL || sap->addr.len > sizeof(sap->addr.b) ||
	    (sap->bhli.present && sap->bhli.len > sizeof(sap->bhli.info)))
		return -EINVAL;
	for (i = 0; i < MCM_CONDIS_MAX_SAPS; i++) {
		if (!reg->saps[i].used) {
			if (free_idx == UINT32_MAX)
				free_idx = i;
			continue;
		}
		/* one SETUP must reach one client: refuse an overlap with another client */
		if (reg->saps[i].af != aidx && sap_overlap(&reg->saps[i].sap, sap))
			return -EADDRINUSE;
	}
	if (free_idx == UINT32_MAX)
		return -ENOSPC;
	s = &reg->saps[free_idx];
	if (s->gen == 0)
		s->gen = 1;
	if (reg->cm.register_sap != NULL) {
		rc = reg->cm.register_sap(reg->cm_ctx,
					  cd_handle(MCM_CONDIS_HANDLE_SAP, s->gen, free_idx), sap);
		if (rc != 0)
			return rc < 0 ? rc : -EIO;
	}
	s->used = true;
	s->af = aidx;
	s->sap = *sap;
	reg->afs[aidx].nsaps++;
	*handle = cd_handle(MCM_CONDIS_HANDLE_SAP, s->gen, free_idx);
	return 0;
}

int
mcm_condis_sap_deregister(struct mcm_condis *reg, mcm_condis_handle_t sap)
{
	uint32_t idx;
	int rc = cd_sap_lookup(reg, sap, &idx);

	if (rc != 0)
		return rc;
	if (reg->cm.deregister_sap != NULL) {
		rc = reg->cm.deregister_sap(reg->cm_ctx, sap);
		if (rc != 0)
			return rc < 0 ? rc : -EIO;
	}
	sap_free(reg, idx);
	return 0;
}

uint32_t
mcm_condis_sap_list(const struct mcm_condis *reg, uint32_t start,
		    struct mcm_condis_sap_info *out, uint32_t max)
{
	uint32_t i, k = 0, n = 0;

	for (i = 0; i < MCM_CONDIS_MAX_SAPS && n < max; i++) {
		const struct cd_sap *s = &reg->saps[i];

		if (!s->used || k++ < start)
			continue;
		out[n].sap = cd_handle(MCM_CONDIS_HANDLE_SAP, s->gen, i);
		out[n].af = cd_af_handle(reg, s->af);
		out[n].sap_params = s->sap;
		n++;
	}
	return n;
}

/* How specific a SAP is: the address counts most, then the B-HLI, then the B-LLI. */
static unsigned int
sap_rank(const struct mcm_condis_sap *s)
{
	return (s->addr.len != 0 ? 4u : 0u) + (s->bhli.present ? 2u : 0u) +
	       (s->blli.present ? 1u : 0u);
}

int
cd_sap_match(const struct mcm_condis *reg, const struct mcm_condis_call_params *p,
	     uint32_t *sap)
{
	uint32_t i, best = UINT32_MAX;
	bool addr_hit = false;

	for (i = 0; i < MCM_CONDIS_MAX_SAPS; i++) {
		const struct mcm_condis_sap *s = &reg->saps[i].sap;

		if (!reg->saps[i].used)
			continue;
		if (s->addr.len != 0 && !addr_eq(&s->addr, &p->called))
			continue;
		addr_hit = true;
		if (s->bhli.present && !(p->bhli.present && bhli_eq(&s->bhli, &p->bhli)))
			continue;
		if (s->blli.present && !(p->blli.present && mcm_condis_blli_same(&s->blli, &p->blli)))
			continue;
		/* the most specific SAP wins: an exact address before "any", then one that
		 * names the B-HLI, then one that names the B-LLI (a client's own SAPs may
		 * overlap: an "any B-LLI" SAP beside one for a single B-LLI)
		 */
		if (best == UINT32_MAX || sap_rank(s) > sap_rank(&reg->saps[best].sap))
			best = i;
	}
	if (best != UINT32_MAX) {
		*sap = best;
		return 0;
	}
	return addr_hit ? -EPROTONOSUPPORT : -ENOENT;
}

int
mcm_condis_dispatch_link_status(struct mcm_condis *reg, int up)
{
	uint32_t i;

	for (i = 0; i < MCM_CONDIS_MAX_AFS; i++)
		if (reg->afs[i].used && reg->afs[i].ops.link_status != NULL)
			reg->afs[i].ops.link_status(reg->afs[i].ctx, up ? 1 : 0);
	return 0;
}
