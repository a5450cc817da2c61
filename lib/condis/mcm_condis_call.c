/* SPDX-License-Identifier: BSD-3-Clause
 * lib/condis calls: outgoing (make call / complete), incoming (dispatch to the SAP's client,
 * answer, connected), and release (local close / complete, remote incoming close). Every
 * check runs before any handler; handlers may call back in, so states are set first and
 * looked at again after each handler returns.
 */
#include <errno.h>

#include "mcm_condis_private.h"

static struct cd_af *
owner(struct mcm_condis *reg, uint32_t slot)
{
	return cd_vc_owner_af(reg, slot);
}

int
mcm_condis_make_call(struct mcm_condis *reg, mcm_condis_handle_t vc,
		     const struct mcm_condis_call_params *params)
{
	struct mcm_condis_call_params old;
	struct mcm_condis_vc *v;
	uint32_t slot;
	int rc = cd_vc_lookup(reg, vc, &slot);

	if (rc != 0)
		return rc;
	if (params == NULL)
		return -EINVAL;
	v = &reg->vcs[slot];
	/* NDIS: calls go out on a VC the client created for them */
	if (v->origin != MCM_CONDIS_VC_CLIENT_SVC)
		return -EPERM;
	if (v->call_state != MCM_CONDIS_CALL_NONE || v->state != MCM_CONDIS_VC_CREATED)
		return -EBUSY;
	if (reg->cm.make_call == NULL)
		return -EOPNOTSUPP;
	old = v->params;
	v->params = *params;
	v->call_state = MCM_CONDIS_CALL_OUTGOING;
	rc = reg->cm.make_call(reg->cm_ctx, vc, params);
	if (rc != 0) {
		if (cd_vc_lookup(reg, vc, &slot) == 0 &&
		    v->call_state == MCM_CONDIS_CALL_OUTGOING) {
			v->call_state = MCM_CONDIS_CALL_NONE;
			v->params = old;
		}
		return rc < 0 ? rc : -EIO;
	}
	return 0;
}

int
mcm_condis_make_call_complete(struct mcm_condis *reg, mcm_condis_handle_t vc, int status,
			      uint8_t cause, const struct mcm_condis_call_params *params)
{
	struct mcm_condis_call_params p;
	struct mcm_condis_vc *v;
	struct cd_af *a;
	uint32_t slot;
	int rc = cd_vc_lookup(reg, vc, &slot);

	if (rc != 0)
		return rc;
	v = &reg->vcs[slot];
	if (v->call_state != MCM_CONDIS_CALL_OUTGOING)
		return -EPROTO;
	if (params != NULL) {
		v->params = *params;
		if (v->has_vpi_vci) {
			v->params.vpi = v->vpi;
			v->params.vci = v->vci;
		}
	}
	if (status == 0) {
		v->call_state = MCM_CONDIS_CALL_CONNECTED;
	} else {
		/* a failed call leaves no traffic behind */
		if (v->state == MCM_CONDIS_VC_ACTIVE)
			cd_vc_deactivate(reg, slot);
		v->call_state = MCM_CONDIS_CALL_NONE;
	}
	p = v->params;
	a = owner(reg, slot);
	if (a != NULL && a->ops.make_call_complete != NULL)
		a->ops.make_call_complete(a->ctx, vc, status, cause, &p);
	return 0;
}

int
mcm_condis_close_call(struct mcm_condis *reg, mcm_condis_handle_t vc, uint8_t cause)
{
	struct mcm_condis_vc *v;
	uint8_t prev;
	uint32_t slot;
	int rc = cd_vc_lookup(reg, vc, &slot);

	if (rc != 0)
		return rc;
	v = &reg->vcs[slot];
	switch (v->call_state) {
	case MCM_CONDIS_CALL_OUTGOING:
	case MCM_CONDIS_CALL_ACCEPTED:
	case MCM_CONDIS_CALL_CONNECTED:
		break;
	case MCM_CONDIS_CALL_CLOSING:
		return -EALREADY;
	default:
		/* no call, or an incoming one not answered: reject it instead */
		return -ENOTCONN;
	}
	if (reg->cm.close_call == NULL)
		return -EOPNOTSUPP;
	if (cause == 0)
		cause = MCM_CONDIS_CAUSE_NORMAL_CLEARING;   /* Q.850 cause 16 */
	prev = v->call_state;
	v->call_state = MCM_CONDIS_CALL_CLOSING;
	rc = reg->cm.close_call(reg->cm_ctx, vc, cause);
	if (cd_vc_lookup(reg, vc, &slot) != 0)
		return rc < 0 ? rc : 0;    /* completed and deleted from inside the handler */
	if (rc != 0) {
		if (v->call_state == MCM_CONDIS_CALL_CLOSING)
			v->call_state = prev;
		return rc < 0 ? rc : -EIO;
	}
	/* the client asked to stop: no traffic after this, whatever the network takes */
	if (v->call_state == MCM_CONDIS_CALL_CLOSING && v->state == MCM_CONDIS_VC_ACTIVE)
		cd_vc_deactivate(reg, slot);
	return 0;
}

/* the call on a VC is over: traffic stopped first, parties gone */
static int
call_over(struct mcm_condis *reg, uint32_t slot)
{
	struct mcm_condis_vc *v = &reg->vcs[slot];
	int rc;

	if (v->state == MCM_CONDIS_VC_ACTIVE) {
		rc = cd_vc_deactivate(reg, slot);
		if (rc != 0)
			return rc;
	}
	cd_parties_free(reg, slot);
	v->call_state = MCM_CONDIS_CALL_NONE;
	return 0;
}

int
mcm_condis_close_call_complete(struct mcm_condis *reg, mcm_condis_handle_t vc)
{
	struct cd_af *a;
	uint32_t slot;
	int rc = cd_vc_lookup(reg, vc, &slot);

	if (rc != 0)
		return rc;
	if (reg->vcs[slot].call_state != MCM_CONDIS_CALL_CLOSING)
		return -EPROTO;
	rc = call_over(reg, slot);
	if (rc != 0)
		return rc;
	a = owner(reg, slot);
	if (a != NULL && a->ops.close_call_complete != NULL)
		a->ops.close_call_complete(a->ctx, vc);
	return 0;
}

int
mcm_condis_dispatch_incoming_close(struct mcm_condis *reg, mcm_condis_handle_t vc,
				   uint8_t cause)
{
	struct cd_af *a;
	uint32_t slot;
	int rc = cd_vc_lookup(reg, vc, &slot);

	if (rc != 0)
		return rc;
	switch (reg->vcs[slot].call_state) {
	case MCM_CONDIS_CALL_INCOMING:
	case MCM_CONDIS_CALL_ACCEPTED:
	case MCM_CONDIS_CALL_CONNECTED:
		break;
	default:
		/* outgoing: make_call_complete; closing: close_call_complete */
		return -EPROTO;
	}
	rc = call_over(reg, slot);
	if (rc != 0)
		return rc;
	a = owner(reg, slot);
	if (a != NULL && a->ops.incoming_close != NULL)
		a->ops.incoming_close(a->ctx, vc, cause);
	return 0;
}

/* record the client's answer and tell the call manager */
static void
answer(struct mcm_condis *reg, uint32_t slot, int status, uint8_t cause)
{
	struct mcm_condis_vc *v = &reg->vcs[slot];
	mcm_condis_handle_t vc = cd_vc_handle(reg, slot);

	if (status == 0) {
		v->call_state = MCM_CONDIS_CALL_ACCEPTED;
		cause = 0;
	} else {
		if (cause == 0)
			cause = MCM_CONDIS_CAUSE_CALL_REJECTED;   /* Q.850 cause 21 */
		if (v->state == MCM_CONDIS_VC_ACTIVE)
			cd_vc_deactivate(reg, slot);
		v->call_state = MCM_CONDIS_CALL_NONE;
	}
	if (reg->cm.incoming_call_complete != NULL)
		reg->cm.incoming_call_complete(reg->cm_ctx, vc, status, cause);
}

int
mcm_condis_incoming_call_answer(struct mcm_condis *reg, mcm_condis_handle_t vc, int status,
				uint8_t cause)
{
	uint32_t slot;
	int rc = cd_vc_lookup(reg, vc, &slot);

	if (rc != 0)
		return rc;
	if (reg->vcs[slot].call_state != MCM_CONDIS_CALL_INCOMING)
		return -EALREADY;
	answer(reg, slot, status != 0, cause);
	return 0;
}

int
mcm_condis_dispatch_incoming_call(struct mcm_condis *reg, mcm_condis_handle_t vc,
				  const struct mcm_condis_call_params *params)
{
	struct mcm_condis_call_params p;
	struct mcm_condis_vc *v;
	mcm_condis_handle_t sap_h;
	struct cd_af *a;
	uint32_t slot, sap, aidx;
	int rc = cd_vc_lookup(reg, vc, &slot), ans;

	if (rc != 0)
		return rc;
	if (params == NULL)
		return -EINVAL;
	v = &reg->vcs[slot];
	if (v->origin != MCM_CONDIS_VC_MCM_SVC || v->offered ||
	    v->call_state != MCM_CONDIS_CALL_NONE || v->state != MCM_CONDIS_VC_CREATED)
		return -EBUSY;
	/* Q.2931 5.2.5.1 / Annex B: no SAP for the address -> cause 1; address matches but
	 * the compatibility check (BHLI, BLLI) fails -> cause 88
	 */
	rc = cd_sap_match(reg, params, &sap);
	if (rc != 0)
		return rc;
	aidx = reg->saps[sap].af;
	a = &reg->afs[aidx];
	sap_h = cd_handle(MCM_CONDIS_HANDLE_SAP, reg->saps[sap].gen, sap);
	/* the VC becomes that client's (NdisMCmCreateVc's ProtocolCoCreateVc) */
	reg->vc_owner[slot] = aidx;
	a->nvcs++;
	v->owner = cd_af_handle(reg, aidx);
	v->offered = 1;
	v->params = *params;
	v->call_state = MCM_CONDIS_CALL_INCOMING;
	if (a->ops.vc_created != NULL)
		a->ops.vc_created(a->ctx, vc);
	if (cd_vc_lookup(reg, vc, &slot) != 0 || v->call_state != MCM_CONDIS_CALL_INCOMING)
		return 0;
	p = v->params;
	ans = a->ops.incoming_call != NULL ? a->ops.incoming_call(a->ctx, sap_h, vc, &p) :
					     MCM_CONDIS_PENDING;
	/* answered inside the callback, or released meanwhile: nothing more to do */
	if (cd_vc_lookup(reg, vc, &slot) != 0 || v->call_state != MCM_CONDIS_CALL_INCOMING)
		return 0;
	if (ans == MCM_CONDIS_PENDING)
		return 0;
	if (ans == 0)
		answer(reg, slot, 0, 0);
	else
		answer(reg, slot, 1, ans > 0 && ans <= 127 ? (uint8_t)ans :
					     MCM_CONDIS_CAUSE_CALL_REJECTED);
	return 0;
}

int
mcm_condis_dispatch_call_connected(struct mcm_condis *reg, mcm_condis_handle_t vc)
{
	struct cd_af *a;
	uint32_t slot;
	int rc = cd_vc_lookup(reg, vc, &slot);

	if (rc != 0)
		return rc;
	if (reg->vcs[slot].call_state != MCM_CONDIS_CALL_ACCEPTED)
		return -EPROTO;
	reg->vcs[slot].call_state = MCM_CONDIS_CALL_CONNECTED;
	a = owner(reg, slot);
	if (a != NULL && a->ops.call_connected != NULL)
		a->ops.call_connected(a->ctx, vc);
	return 0;
}
