/* SPDX-License-Identifier: BSD-3-Clause
 * lib/condis parties of point-to-multipoint calls (Q.2971): add party / complete, drop
 * party, and a party's end (dropped by the network, or a local drop completed). On the leaf
 * side, a party the root adds is offered to the client whose SAP matches (dispatch incoming
 * party / answer), as an incoming call is.
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

/* take a free party record for the call on @p slot: its index, or -ENOSPC */
static int
party_alloc(struct mcm_condis *reg, uint32_t slot, uint8_t state,
	    const struct mcm_condis_call_params *params)
{
	struct cd_party *pt;
	uint32_t i;

	for (i = 0; i < reg->nparties_max; i++)
		if (reg->parties[i].state == CD_PARTY_FREE)
			break;
	if (i == reg->nparties_max)
		return -ENOSPC;
	pt = &reg->parties[i];
	if (pt->gen == 0)
		pt->gen = 1;
	pt->state = state;
	pt->vc = slot;
	pt->params = *params;
	reg->vcs[slot].nparties++;
	return (int)i;
}

/* The VC slot of a connected point-to-multipoint call, the only kind with parties
 * (Q.2971), checking a party request's arguments.
 */
static int
p2mp_call_slot(struct mcm_condis *reg, mcm_condis_handle_t vc,
	       const struct mcm_condis_call_params *params, const mcm_condis_handle_t *party,
	       uint32_t *slot)
{
	int rc = cd_vc_lookup(reg, vc, slot);

	if (rc != 0)
		return rc;
	if (params == NULL || party == NULL)
		return -EINVAL;
	if (reg->vcs[*slot].call_state != MCM_CONDIS_CALL_CONNECTED)
		return -ENOTCONN;
	return reg->vcs[*slot].params.p2mp ? 0 : -EOPNOTSUPP;
}

int
mcm_condis_add_party(struct mcm_condis *reg, mcm_condis_handle_t vc,
		     const struct mcm_condis_call_params *params, mcm_condis_handle_t *party)
{
	struct cd_party *pt;
	mcm_condis_handle_t h;
	uint32_t slot, idx;
	int rc = p2mp_call_slot(reg, vc, params, party, &slot);

	if (rc != 0)
		return rc;
	if (reg->cm.add_party == NULL)
		return -EOPNOTSUPP;
	rc = party_alloc(reg, slot, CD_PARTY_ADDING, params);
	if (rc < 0)
		return rc;
	idx = (uint32_t)rc;
	pt = &reg->parties[idx];
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
	/* ADDING: the root's add; ACCEPTED: the leaf side acknowledged an incoming party */
	if (reg->parties[idx].state != CD_PARTY_ADDING &&
	    reg->parties[idx].state != CD_PARTY_ACCEPTED)
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

/* the client's answer to an incoming party, told to the call manager */
static void
party_answer(struct mcm_condis *reg, uint32_t idx, int reject, uint8_t cause)
{
	mcm_condis_handle_t h = party_handle(reg, idx);

	if (!reject) {
		reg->parties[idx].state = CD_PARTY_ACCEPTED;
		cause = 0;
	} else {
		if (cause == 0)
			cause = MCM_CONDIS_CAUSE_CALL_REJECTED;   /* Q.850 cause 21 */
		party_free(reg, idx);   /* ADD PARTY REJECT: the leaf never joined */
	}
	if (reg->cm.incoming_party_complete != NULL)
		reg->cm.incoming_party_complete(reg->cm_ctx, h, reject ? -ECONNREFUSED : 0,
						cause);
}

int
mcm_condis_dispatch_incoming_party(struct mcm_condis *reg, mcm_condis_handle_t vc,
				   const struct mcm_condis_call_params *params,
				   mcm_condis_handle_t *party)
{
	struct mcm_condis_call_params p;
	mcm_condis_handle_t sap_h, h;
	struct cd_af *a;
	uint32_t slot, sap, idx;
	int rc = p2mp_call_slot(reg, vc, params, party, &slot), ans;

	if (rc != 0)
		return rc;
	/* Q.2971 5.2: for the leaf, ADD PARTY is what SETUP is for a point-to-point call:
	 * the same SAP match (Q.2931 5.2.5.1 / Annex B: cause 1, or 88 on BHLI/BLLI)
	 */
	rc = cd_sap_match(reg, params, &sap);
	if (rc != 0)
		return rc;
	/* the leaf shares the call's VC, which has one owner: another client's SAP cannot
	 * take it
	 */
	if (reg->vc_owner[slot] != reg->saps[sap].af)
		return -EACCES;
	rc = party_alloc(reg, slot, CD_PARTY_INCOMING, params);
	if (rc < 0)
		return rc;
	idx = (uint32_t)rc;
	h = party_handle(reg, idx);
	*party = h;
	a = &reg->afs[reg->saps[sap].af];
	sap_h = cd_handle(MCM_CONDIS_HANDLE_SAP, reg->saps[sap].gen, sap);
	p = *params;
	ans = a->ops.incoming_party != NULL ? a->ops.incoming_party(a->ctx, sap_h, vc, h, &p) :
					      MCM_CONDIS_PENDING;
	/* answered inside the callback, or withdrawn meanwhile: nothing more to do */
	if (cd_party_lookup(reg, h, &idx) != 0 || reg->parties[idx].state != CD_PARTY_INCOMING)
		return 0;
	if (ans == MCM_CONDIS_PENDING)
		return 0;
	if (ans == 0)
		party_answer(reg, idx, 0, 0);
	else
		party_answer(reg, idx, 1, ans > 0 && ans <= 127 ? (uint8_t)ans :
						MCM_CONDIS_CAUSE_CALL_REJECTED);
	return 0;
}

int
mcm_condis_incoming_party_answer(struct mcm_condis *reg, mcm_condis_handle_t party,
				 int status, uint8_t cause)
{
	uint32_t idx;
	int rc = cd_party_lookup(reg, party, &idx);

	if (rc != 0)
		return rc;
	if (reg->parties[idx].state != CD_PARTY_INCOMING)
		return -EALREADY;
	party_answer(reg, idx, status != 0, cause);
	return 0;
}
