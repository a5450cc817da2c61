/* SPDX-License-Identifier: BSD-3-Clause
 * lib/condis VC lifecycle through the entry-point tables: a client's create/delete VC goes
 * to the call manager (ProtocolCoCreateVc / ProtocolCoDeleteVc), the MCM's own VCs for
 * incoming calls come through NdisMCmCreateVc / NdisMCmDeleteVc, activation and
 * deactivation reach the miniport, PVCs take the same path, and send is refused on a VC
 * that is not active. The operational state of an active VC goes to its owner only.
 */
#include <errno.h>

#include "mcm_condis_private.h"

static void
vc_status(struct mcm_condis *reg, uint32_t slot, int active)
{
	struct cd_af *a = cd_vc_owner_af(reg, slot);

	if (a != NULL && a->ops.vc_status != NULL)
		a->ops.vc_status(a->ctx, cd_vc_handle(reg, slot), active);
}

int
mcm_condis_dispatch_vc_oper(struct mcm_condis *reg, mcm_condis_handle_t vc,
			    const struct mcm_condis_vc_oper *st)
{
	struct cd_af *a;
	uint32_t slot;
	int rc = cd_vc_lookup(reg, vc, &slot);

	if (rc != 0)
		return rc;
	if (st == NULL)
		return -EINVAL;
	/* an operational state is the state of traffic: only an active VC has one */
	if (reg->vcs[slot].state != MCM_CONDIS_VC_ACTIVE)
		return -ENOTCONN;
	a = cd_vc_owner_af(reg, slot);
	if (a != NULL && a->ops.vc_oper != NULL)
		a->ops.vc_oper(a->ctx, vc, st);
	return 0;
}

int
mcm_condis_vc_create_client(struct mcm_condis *reg, mcm_condis_handle_t af,
			    mcm_condis_handle_t *vc)
{
	uint32_t aidx;
	int slot, rc = cd_af_lookup(reg, af, &aidx);

	if (rc != 0)
		return rc;
	if (vc == NULL)
		return -EINVAL;
	slot = cd_vc_alloc(reg, MCM_CONDIS_VC_CLIENT_SVC, aidx);
	if (slot < 0)
		return slot;
	if (reg->cm.create_vc != NULL) {
		rc = reg->cm.create_vc(reg->cm_ctx, cd_vc_handle(reg, (uint32_t)slot));
		if (rc != 0) {
			cd_vc_free(reg, (uint32_t)slot);
			return rc < 0 ? rc : -EIO;
		}
	}
	*vc = cd_vc_handle(reg, (uint32_t)slot);
	return 0;
}

int
mcm_condis_vc_delete_client(struct mcm_condis *reg, mcm_condis_handle_t af,
			    mcm_condis_handle_t vc)
{
	uint32_t aidx, slot;
	const struct mcm_condis_vc *v;
	int rc = cd_af_lookup(reg, af, &aidx);

	if (rc != 0)
		return rc;
	rc = cd_vc_lookup(reg, vc, &slot);
	if (rc != 0)
		return rc;
	v = &reg->vcs[slot];
	if (reg->vc_owner[slot] != aidx)
		return -EACCES;
	/* NDIS: a client deletes only the VCs it created; the MCM deletes its own */
	if (v->origin != MCM_CONDIS_VC_CLIENT_SVC)
		return -EPERM;
	if (v->state != MCM_CONDIS_VC_CREATED || v->call_state != MCM_CONDIS_CALL_NONE)
		return -EBUSY;
	if (reg->cm.delete_vc != NULL) {
		rc = reg->cm.delete_vc(reg->cm_ctx, vc);
		if (rc != 0)
			return rc < 0 ? rc : -EIO;
	}
	cd_vc_free(reg, slot);
	return 0;
}

int
mcm_condis_mcm_create_vc(struct mcm_condis *reg, mcm_condis_handle_t *vc)
{
	int slot;

	if (vc == NULL)
		return -EINVAL;
	slot = cd_vc_alloc(reg, MCM_CONDIS_VC_MCM_SVC, CD_OWNER_NONE);
	if (slot < 0)
		return slot;
	*vc = cd_vc_handle(reg, (uint32_t)slot);
	return 0;
}

int
mcm_condis_mcm_delete_vc(struct mcm_condis *reg, mcm_condis_handle_t vc)
{
	const struct mcm_condis_vc *v;
	struct cd_af *a;
	void (*deleted)(void *, mcm_condis_handle_t) = NULL;
	void *ctx = NULL;
	uint32_t slot;
	int rc = cd_vc_lookup(reg, vc, &slot);

	if (rc != 0)
		return rc;
	v = &reg->vcs[slot];
	if (v->origin != MCM_CONDIS_VC_MCM_SVC)
		return -EPERM;
	if (v->state != MCM_CONDIS_VC_CREATED || v->call_state != MCM_CONDIS_CALL_NONE)
		return -EBUSY;
	a = cd_vc_owner_af(reg, slot);
	if (a != NULL) {
		deleted = a->ops.vc_deleted;
		ctx = a->ctx;
	}
	cd_vc_free(reg, slot);
	/* told after the fact: inside the callback the handle is already stale */
	if (deleted != NULL)
		deleted(ctx, vc);
	return 0;
}

/* CREATED -> ACTIVE at media->vpi/vci (checked by the caller) through the miniport */
static int
vc_activate(struct mcm_condis *reg, uint32_t slot, const struct mcm_condis_media *media)
{
	struct mcm_condis_vc *v = &reg->vcs[slot];
	struct mcm_condis_media m = *media;
	bool keyed_here = false;
	int rc;

	if (!v->has_vpi_vci) {
		cd_key_add(reg, slot, media->vpi, media->vci);
		keyed_here = true;
	}
	if (reg->mp.activate_vc != NULL) {
		rc = reg->mp.activate_vc(reg->mp_ctx, slot, &m);
		if (rc != 0) {
			if (keyed_here)
				cd_key_del(reg, slot);
			return rc < 0 ? rc : -EIO;
		}
	}
	v->media = m;
	v->state = MCM_CONDIS_VC_ACTIVE;
	v->params.vpi = m.vpi;
	v->params.vci = m.vci;
	vc_status(reg, slot, 1);
	return 0;
}

int
mcm_condis_mcm_activate_vc(struct mcm_condis *reg, mcm_condis_handle_t vc,
			   const struct mcm_condis_media *media)
{
	const struct mcm_condis_vc *v;
	uint32_t slot;
	int rc = cd_vc_lookup(reg, vc, &slot);

	if (rc != 0)
		return rc;
	if (media == NULL)
		return -EINVAL;
	v = &reg->vcs[slot];
	if (v->state != MCM_CONDIS_VC_CREATED)
		return -EBUSY;
	/* an incoming call's VC carries traffic only once a client owns it */
	if (reg->vc_owner[slot] == CD_OWNER_NONE)
		return -EPERM;
	/* a switched VC carries traffic for its call only: none, or one being released */
	if (v->origin != MCM_CONDIS_VC_PVC && v->call_state == MCM_CONDIS_CALL_NONE)
		return -ENOTCONN;
	if (v->call_state == MCM_CONDIS_CALL_CLOSING)
		return -EBUSY;
	if (v->has_vpi_vci) {
		/* a VC of the first-release API keeps the VPI/VCI it was created with */
		if (v->vpi != media->vpi || v->vci != media->vci)
			return -EINVAL;
	} else {
		rc = cd_key_check(reg, media->vpi, media->vci);
		if (rc != 0)
			return rc;
	}
	return vc_activate(reg, slot, media);
}

int
cd_vc_deactivate(struct mcm_condis *reg, uint32_t slot)
{
	struct mcm_condis_vc *v = &reg->vcs[slot];
	int rc;

	if (v->state != MCM_CONDIS_VC_ACTIVE)
		return -EBUSY;
	v->state = MCM_CONDIS_VC_DEACTIVATING;
	if (reg->mp.deactivate_vc != NULL) {
		rc = reg->mp.deactivate_vc(reg->mp_ctx, slot);
		if (rc != 0) {
			v->state = MCM_CONDIS_VC_ACTIVE;
			return rc < 0 ? rc : -EIO;
		}
	}
	v->state = MCM_CONDIS_VC_CREATED;
	if (!reg->vc_legacy[slot])
		cd_key_del(reg, slot);
	vc_status(reg, slot, 0);
	return 0;
}

int
mcm_condis_mcm_deactivate_vc(struct mcm_condis *reg, mcm_condis_handle_t vc)
{
	uint32_t slot;
	int rc = cd_vc_lookup(reg, vc, &slot);

	if (rc != 0)
		return rc;
	return cd_vc_deactivate(reg, slot);
}

int
mcm_condis_pvc_create(struct mcm_condis *reg, mcm_condis_handle_t af, uint16_t vpi,
		      uint16_t vci, const struct mcm_condis_media *media,
		      mcm_condis_handle_t *vc)
{
	struct mcm_condis_media m;
	uint32_t owner = CD_OWNER_DRIVER, s;
	mcm_condis_handle_t h;
	int slot, rc;

	if (af != 0) {
		rc = cd_af_lookup(reg, af, &owner);
		if (rc != 0)
			return rc;
	}
	if (media == NULL || vc == NULL)
		return -EINVAL;
	rc = cd_key_check(reg, vpi, vci);
	if (rc != 0)
		return rc;
	/* the miniport's preferred slot, -1 (UINT32_MAX) for none */
	slot = cd_vc_alloc_at(reg, MCM_CONDIS_VC_PVC, owner, reg->mp.pvc_slot_hint == NULL ?
			      UINT32_MAX :
			      (uint32_t)reg->mp.pvc_slot_hint(reg->mp_ctx, vpi, vci));
	if (slot < 0)
		return slot;
	s = (uint32_t)slot;
	h = cd_vc_handle(reg, s);
	if (reg->cm.create_vc != NULL) {
		rc = reg->cm.create_vc(reg->cm_ctx, h);
		if (rc != 0) {
			cd_vc_free(reg, s);
			return rc < 0 ? rc : -EIO;
		}
	}
	m = *media;
	m.vpi = vpi;
	m.vci = vci;
	rc = vc_activate(reg, s, &m);
	if (rc != 0) {
		if (reg->cm.delete_vc != NULL)
			reg->cm.delete_vc(reg->cm_ctx, h);
		cd_vc_free(reg, s);
		return rc;
	}
	*vc = h;
	return 0;
}

int
mcm_condis_pvc_delete(struct mcm_condis *reg, mcm_condis_handle_t vc)
{
	uint32_t slot;
	int rc = cd_vc_lookup(reg, vc, &slot);

	if (rc != 0)
		return rc;
	if (reg->vcs[slot].origin != MCM_CONDIS_VC_PVC)
		return -EPERM;
	if (reg->vcs[slot].state == MCM_CONDIS_VC_DEACTIVATING)
		return -EBUSY;
	/* deactivation comes before release */
	if (reg->vcs[slot].state == MCM_CONDIS_VC_ACTIVE) {
		rc = cd_vc_deactivate(reg, slot);
		if (rc != 0)
			return rc;
	}
	if (reg->cm.delete_vc != NULL)
		reg->cm.delete_vc(reg->cm_ctx, vc);
	cd_vc_free(reg, slot);
	return 0;
}

int
mcm_condis_send(struct mcm_condis *reg, mcm_condis_handle_t vc, void **pkts, uint16_t n,
		uint16_t *sent)
{
	uint32_t slot;
	uint16_t k;
	int rc = cd_vc_lookup(reg, vc, &slot);

	if (sent != NULL)
		*sent = 0;
	if (rc != 0)
		return rc;
	if (reg->vcs[slot].state != MCM_CONDIS_VC_ACTIVE) {
		/* DESIGN.md: sending on a VC that is not active fails, is counted, sends nothing */
		reg->vcs[slot].send_refused++;
		return -ENOTCONN;
	}
	if (reg->mp.send == NULL)
		return -EOPNOTSUPP;
	if (n != 0 && pkts == NULL)
		return -EINVAL;
	k = reg->mp.send(reg->mp_ctx, slot, pkts, n);
	if (sent != NULL)
		*sent = k;
	return 0;
}
