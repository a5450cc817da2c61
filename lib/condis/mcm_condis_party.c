/* SPDX-License-Identifier: BSD-3-Clause
 * lib/condis parties of point-to-multipoint calls (Q.2971): add party / complete, drop
 * party, and a party's end (dropped by the network, or a local drop completed).
 */
#include <errno.h>
#include <string.h>

#include "mcm_condis_private.h"

static mcm_condis_handle_t
party_handle(const struct mcm_condis *reg, uint32_t idx)
{
	return cd_handle(MCM_CONDIS_HANDLE_PARTY, reg->parties[idx].gen, idx);
}

static void
party_free(struct mcm_condis *reg, uint32_t idx)
{
	struct cd_party *pt = &reg->parties[idx];

	reg->vcs[pt->vc].nparties--;
	pt->state = CD_PARTY_FREE;
	pt->gen = cd_gen_next(pt->gen);
}

void
cd_parties_free(struct mcm_condis *reg, uint32_t slot)
{
	uint32_t i;

	for (i = 0; i < reg->nparties_max && reg->vcs[slot].nparties != 0; i++)
		if (reg->parties[i].state != CD_PARTY_FREE && reg->parties[i].vc == slot)
			party_free(reg, i);
}

/* the client owning the party's call */
static struct cd_af *
party_owner(struct mcm_condis *reg, uint32_t idx)
{
	return cd_vc_owner_af(reg, reg->parties[idx].vc);
}

int
mcm_condis_add_party(struct mcm_condis *reg, mcm_condis_handle_t vc,
		     const struct mcm_condis_call_params *params, mcm_condis_handle_t *party)
{
	const struct mcm_condis_vc *v;
	struct cd_party *pt = NULL;
	mcm_condis_handle_t h;
	uint32_t slot, i, idx = 0;
	int rc = cd_vc_lookup(reg, vc, &slot);

	if (rc != 0)
		return rc;
	if (params == NULL || party == NULL)
		return -EINVAL;
	v = &reg->vcs[slot];
	if (v->call_state != MCM_CONDIS_CALL_CONNECTED)
		return -ENOTCONN;
	/* Q.2971: parties are added to point-to-multipoint calls only */
	if (!v->params.p2mp || reg->cm.add_party == NULL)
		return -EOPNOTSUPP;
	for (i = 0; i < reg->nparties_max; i++)
		if (reg->parties[i].state == CD_PARTY_FREE) {
			pt = &reg->parties[i];
			idx = i;
			break;
		}
	if (pt == NULL)
		return -ENOSPC;
	if (pt->gen == 0)
		pt->gen = 1;
	pt->state = CD_PARTY_ADDING;
	pt->vc = slot;
	pt->params = *params;
	reg->vcs[slot].nparties++;
	h = party_handle(reg, idx);
	rc = reg->cm.add_party(reg->cm_ctx, vc, h, params);
	if (rc != 0) {
		if (cd_party_lookup(reg, h, &idx) == 0 && pt->state == CD_PARTY_ADDING)
			party_free(reg, idx);
		return rc < 0 ? rc : -EIO;
	}
	*party = h;
	return 0;
}

int
mcm_condis_add_party_complete(struct mcm_condis *reg, mcm_condis_handle_t party, int status,
			      uint8_t cause)
{
	struct cd_af *a;
	uint32_t idx;
	int rc = cd_party_lookup(reg, party, &idx);

	if (rc != 0)
		return rc;
	if (reg->parties[idx].state != CD_PARTY_ADDING)
		return -EPROTO;
	a = party_owner(reg, idx);
	if (status == 0)
		reg->parties[idx].state = CD_PARTY_ACTIVE;
	else
		party_free(reg, idx);   /* stale from here, inside the callback too */
	if (a != NULL && a->ops.party_added != NULL)
		a->ops.party_added(a->ctx, party, status, cause);
	return 0;
}

int
mcm_condis_drop_party(struct mcm_condis *reg, mcm_condis_handle_t party, uint8_t cause)
{
	struct cd_party *pt;
	uint32_t idx;
	int rc = cd_party_lookup(reg, party, &idx);

	if (rc != 0)
		return rc;
	pt = &reg->parties[idx];
	if (pt->state != CD_PARTY_ACTIVE)
		return -EALREADY;
	if (reg->cm.drop_party == NULL)
		return -EOPNOTSUPP;
	if (cause == 0)
		cause = MCM_CONDIS_CAUSE_NORMAL_CLEARING;
	pt->state = CD_PARTY_DROPPING;
	rc = reg->cm.drop_party(reg->cm_ctx, party, cause);
	if (rc != 0) {
		if (cd_party_lookup(reg, party, &idx) == 0 && pt->state == CD_PARTY_DROPPING)
			pt->state = CD_PARTY_ACTIVE;
		return rc < 0 ? rc : -EIO;
	}
	return 0;
}

int
mcm_condis_dispatch_party_dropped(struct mcm_condis *reg, mcm_condis_handle_t party,
				  uint8_t cause)
{
	struct cd_af *a;
	uint32_t idx;
	int rc = cd_party_lookup(reg, party, &idx);

	if (rc != 0)
		return rc;
	if (reg->parties[idx].state == CD_PARTY_ADDING)
		return -EPROTO;
	a = party_owner(reg, idx);
	party_free(reg, idx);
	if (a != NULL && a->ops.party_dropped != NULL)
		a->ops.party_dropped(a->ctx, party, cause);
	return 0;
}
