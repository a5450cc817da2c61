/* SPDX-License-Identifier: BSD-3-Clause
 * A fake driver (call-manager and miniport halves) that records every call it gets, and fake
 * clients that record every event, all in one ordered log, so tests can check who was
 * called, with what, and in which order. Header-only: each test program includes it once.
 */
#ifndef CONDIS_FAKE_H
#define CONDIS_FAKE_H

#include <errno.h>
#include <string.h>

#include "mcm_condis.h"

enum fk_op {
	CM_CREATE_VC = 1, CM_DELETE_VC, CM_OPEN_AF, CM_CLOSE_AF, CM_REG_SAP, CM_DEREG_SAP,
	CM_MAKE_CALL, CM_CLOSE_CALL, CM_INCOMING_COMPLETE, CM_ADD_PARTY, CM_DROP_PARTY, CM_OID,
	MP_ACTIVATE, MP_DEACTIVATE, MP_OID, MP_SEND,
	CL_VC_CREATED, CL_VC_DELETED, CL_INCOMING_CALL, CL_MAKE_CALL_COMPLETE, CL_CONNECTED,
	CL_INCOMING_CLOSE, CL_CLOSE_COMPLETE, CL_PARTY_ADDED, CL_PARTY_DROPPED, CL_VC_STATUS,
	CL_LINK_STATUS, CM_INCOMING_PARTY_COMPLETE, CL_INCOMING_PARTY, CL_VC_OPER, FK_OP_MAX
};

struct fk_ev {
	int op;
	void *ctx;                  /* the client for CL_* */
	mcm_condis_handle_t h, h2;  /* VC / AF / SAP / party; h2: second handle */
	int status;                 /* status, active, up */
	uint8_t cause;
	uint32_t slot;
	uint32_t oid;
	bool set;
	struct mcm_condis_media media;
	struct mcm_condis_call_params params;
};

#define FK_LOG_MAX 256

static struct fk_ev fk_log[FK_LOG_MAX];
static unsigned int fk_n;           /* entries recorded (log keeps the first FK_LOG_MAX) */
static int fk_fail[FK_OP_MAX];      /* != 0: the next such handler returns it, once */
static uint8_t fk_active[65536];    /* slots the miniport was given and not taken back */
static uint64_t fk_answer_u64 = 12345;

static void
fk_reset(void)
{
	fk_n = 0;
	memset(fk_fail, 0, sizeof(fk_fail));
}

static struct fk_ev *
fk_rec(int op, void *ctx)
{
	static struct fk_ev sink;
	struct fk_ev *e = fk_n < FK_LOG_MAX ? &fk_log[fk_n] : &sink;

	fk_n++;
	memset(e, 0, sizeof(*e));
	e->op = op;
	e->ctx = ctx;
	return e;
}

static int
fk_ret(int op)
{
	int rc = fk_fail[op];

	fk_fail[op] = 0;
	return rc;
}

/* index of the first @p op at or after @p from, or -1 */
static __attribute__((unused)) int
fk_find(int op, unsigned int from)
{
	unsigned int i;

	for (i = from; i < fk_n && i < FK_LOG_MAX; i++)
		if (fk_log[i].op == op)
			return (int)i;
	return -1;
}

static __attribute__((unused)) unsigned int
fk_count(int op)
{
	unsigned int i, n = 0;

	for (i = 0; i < fk_n && i < FK_LOG_MAX; i++)
		n += fk_log[i].op == op;
	return n;
}

/* ---- call-manager half ---- */
static int
fk_cm_create_vc(void *ctx, mcm_condis_handle_t vc)
{
	fk_rec(CM_CREATE_VC, ctx)->h = vc;
	return fk_ret(CM_CREATE_VC);
}

static int
fk_cm_delete_vc(void *ctx, mcm_condis_handle_t vc)
{
	fk_rec(CM_DELETE_VC, ctx)->h = vc;
	return fk_ret(CM_DELETE_VC);
}

static int
fk_cm_open_af(void *ctx, mcm_condis_handle_t af)
{
	fk_rec(CM_OPEN_AF, ctx)->h = af;
	return fk_ret(CM_OPEN_AF);
}

static int
fk_cm_close_af(void *ctx, mcm_condis_handle_t af)
{
	fk_rec(CM_CLOSE_AF, ctx)->h = af;
	return fk_ret(CM_CLOSE_AF);
}

static int
fk_cm_register_sap(void *ctx, mcm_condis_handle_t sap, const struct mcm_condis_sap *s)
{
	(void)s;
	fk_rec(CM_REG_SAP, ctx)->h = sap;
	return fk_ret(CM_REG_SAP);
}

static int
fk_cm_deregister_sap(void *ctx, mcm_condis_handle_t sap)
{
	fk_rec(CM_DEREG_SAP, ctx)->h = sap;
	return fk_ret(CM_DEREG_SAP);
}

static int
fk_cm_make_call(void *ctx, mcm_condis_handle_t vc, const struct mcm_condis_call_params *p)
{
	struct fk_ev *e = fk_rec(CM_MAKE_CALL, ctx);

	e->h = vc;
	e->params = *p;
	return fk_ret(CM_MAKE_CALL);
}

static int
fk_cm_close_call(void *ctx, mcm_condis_handle_t vc, uint8_t cause)
{
	struct fk_ev *e = fk_rec(CM_CLOSE_CALL, ctx);

	e->h = vc;
	e->cause = cause;
	return fk_ret(CM_CLOSE_CALL);
}

static int
fk_cm_incoming_call_complete(void *ctx, mcm_condis_handle_t vc, int status, uint8_t cause)
{
	struct fk_ev *e = fk_rec(CM_INCOMING_COMPLETE, ctx);

	e->h = vc;
	e->status = status;
	e->cause = cause;
	return fk_ret(CM_INCOMING_COMPLETE);
}

static int
fk_cm_add_party(void *ctx, mcm_condis_handle_t vc, mcm_condis_handle_t party,
		const struct mcm_condis_call_params *p)
{
	struct fk_ev *e = fk_rec(CM_ADD_PARTY, ctx);

	e->h = vc;
	e->h2 = party;
	e->params = *p;
	return fk_ret(CM_ADD_PARTY);
}

static int
fk_cm_drop_party(void *ctx, mcm_condis_handle_t party, uint8_t cause)
{
	struct fk_ev *e = fk_rec(CM_DROP_PARTY, ctx);

	e->h = party;
	e->cause = cause;
	return fk_ret(CM_DROP_PARTY);
}

static int
fk_cm_incoming_party_complete(void *ctx, mcm_condis_handle_t party, int status, uint8_t cause)
{
	struct fk_ev *e = fk_rec(CM_INCOMING_PARTY_COMPLETE, ctx);

	e->h = party;
	e->status = status;
	e->cause = cause;
	return fk_ret(CM_INCOMING_PARTY_COMPLETE);
}

static int
fk_answer_oid(struct mcm_condis_oid_request *r)
{
	if (!r->set && r->len >= 8) {
		memcpy(r->buf, &fk_answer_u64, 8);
		r->written = 8;
	}
	return 0;
}

static int
fk_cm_oid(void *ctx, mcm_condis_handle_t vc, struct mcm_condis_oid_request *r)
{
	struct fk_ev *e = fk_rec(CM_OID, ctx);
	int rc;

	e->h = vc;
	e->oid = r->oid;
	e->set = r->set;
	rc = fk_ret(CM_OID);
	return rc != 0 ? rc : fk_answer_oid(r);
}

/* ---- miniport half ---- */
static int
fk_mp_activate(void *ctx, uint32_t slot, const struct mcm_condis_media *m)
{
	struct fk_ev *e = fk_rec(MP_ACTIVATE, ctx);
	int rc = fk_ret(MP_ACTIVATE);

	e->slot = slot;
	e->media = *m;
	if (rc == 0)
		fk_active[slot] = 1;
	return rc;
}

static int
fk_mp_deactivate(void *ctx, uint32_t slot)
{
	int rc = fk_ret(MP_DEACTIVATE);

	fk_rec(MP_DEACTIVATE, ctx)->slot = slot;
	if (rc == 0)
		fk_active[slot] = 0;
	return rc;
}

static int
fk_mp_oid(void *ctx, uint32_t slot_or_port, struct mcm_condis_oid_request *r)
{
	struct fk_ev *e = fk_rec(MP_OID, ctx);

	e->slot = slot_or_port;
	e->oid = r->oid;
	e->set = r->set;
	return fk_answer_oid(r);
}

static uint16_t
fk_mp_send(void *ctx, uint32_t slot, void **pkts, uint16_t n)
{
	struct fk_ev *e = fk_rec(MP_SEND, ctx);

	(void)pkts;
	e->slot = slot;
	e->status = n;
	return n;
}

static const struct mcm_condis_cm_ops fk_cm_ops = {
	.create_vc = fk_cm_create_vc, .delete_vc = fk_cm_delete_vc,
	.open_af = fk_cm_open_af, .close_af = fk_cm_close_af,
	.register_sap = fk_cm_register_sap, .deregister_sap = fk_cm_deregister_sap,
	.make_call = fk_cm_make_call, .close_call = fk_cm_close_call,
	.incoming_call_complete = fk_cm_incoming_call_complete,
	.add_party = fk_cm_add_party, .drop_party = fk_cm_drop_party,
	.oid_request = fk_cm_oid,
	.incoming_party_complete = fk_cm_incoming_party_complete,
};

static const struct mcm_condis_mp_ops fk_mp_ops = {
	.activate_vc = fk_mp_activate, .deactivate_vc = fk_mp_deactivate,
	.oid_request = fk_mp_oid, .send = fk_mp_send,
};

/* ---- clients ---- */
struct fk_client {
	int id;
	int answer;        /* what incoming_call returns: 0, a cause, MCM_CONDIS_PENDING */
	int party_answer;  /* what incoming_party returns, likewise */
	unsigned int events;
};

static void
fk_cl_vc_created(void *ctx, mcm_condis_handle_t vc)
{
	((struct fk_client *)ctx)->events++;
	fk_rec(CL_VC_CREATED, ctx)->h = vc;
}

static void
fk_cl_vc_deleted(void *ctx, mcm_condis_handle_t vc)
{
	((struct fk_client *)ctx)->events++;
	fk_rec(CL_VC_DELETED, ctx)->h = vc;
}

static int
fk_cl_incoming_call(void *ctx, mcm_condis_handle_t sap, mcm_condis_handle_t vc,
		    const struct mcm_condis_call_params *p)
{
	struct fk_ev *e = fk_rec(CL_INCOMING_CALL, ctx);

	((struct fk_client *)ctx)->events++;
	e->h = vc;
	e->h2 = sap;
	e->params = *p;
	return ((struct fk_client *)ctx)->answer;
}

static void
fk_cl_make_call_complete(void *ctx, mcm_condis_handle_t vc, int status, uint8_t cause,
			 const struct mcm_condis_call_params *p)
{
	struct fk_ev *e = fk_rec(CL_MAKE_CALL_COMPLETE, ctx);

	((struct fk_client *)ctx)->events++;
	e->h = vc;
	e->status = status;
	e->cause = cause;
	e->params = *p;
}

static void
fk_cl_connected(void *ctx, mcm_condis_handle_t vc)
{
	((struct fk_client *)ctx)->events++;
	fk_rec(CL_CONNECTED, ctx)->h = vc;
}

static void
fk_cl_incoming_close(void *ctx, mcm_condis_handle_t vc, uint8_t cause)
{
	struct fk_ev *e = fk_rec(CL_INCOMING_CLOSE, ctx);

	((struct fk_client *)ctx)->events++;
	e->h = vc;
	e->cause = cause;
}

static void
fk_cl_close_complete(void *ctx, mcm_condis_handle_t vc)
{
	((struct fk_client *)ctx)->events++;
	fk_rec(CL_CLOSE_COMPLETE, ctx)->h = vc;
}

static void
fk_cl_party_added(void *ctx, mcm_condis_handle_t party, int status, uint8_t cause)
{
	struct fk_ev *e = fk_rec(CL_PARTY_ADDED, ctx);

	((struct fk_client *)ctx)->events++;
	e->h = party;
	e->status = status;
	e->cause = cause;
}

static void
fk_cl_party_dropped(void *ctx, mcm_condis_handle_t party, uint8_t cause)
{
	struct fk_ev *e = fk_rec(CL_PARTY_DROPPED, ctx);

	((struct fk_client *)ctx)->events++;
	e->h = party;
	e->cause = cause;
}

static void
fk_cl_vc_status(void *ctx, mcm_condis_handle_t vc, int active)
{
	struct fk_ev *e = fk_rec(CL_VC_STATUS, ctx);

	((struct fk_client *)ctx)->events++;
	e->h = vc;
	e->status = active;
}

static void
fk_cl_link_status(void *ctx, int up)
{
	((struct fk_client *)ctx)->events++;
	fk_rec(CL_LINK_STATUS, ctx)->status = up;
}

static int
fk_cl_incoming_party(void *ctx, mcm_condis_handle_t sap, mcm_condis_handle_t vc,
		     mcm_condis_handle_t party, const struct mcm_condis_call_params *p)
{
	struct fk_ev *e = fk_rec(CL_INCOMING_PARTY, ctx);

	((struct fk_client *)ctx)->events++;
	e->h = party;
	e->h2 = sap;
	e->slot = (uint32_t)mcm_condis_handle_kind(vc);
	e->params = *p;
	return ((struct fk_client *)ctx)->party_answer;
}

static void
fk_cl_vc_oper(void *ctx, mcm_condis_handle_t vc, const struct mcm_condis_vc_oper *st)
{
	struct fk_ev *e = fk_rec(CL_VC_OPER, ctx);

	((struct fk_client *)ctx)->events++;
	e->h = vc;
	e->status = st->up;
	e->cause = st->cause;
	e->slot = st->defects;
}

static const struct mcm_condis_client_ops fk_client_ops = {
	.vc_created = fk_cl_vc_created, .vc_deleted = fk_cl_vc_deleted,
	.incoming_call = fk_cl_incoming_call, .make_call_complete = fk_cl_make_call_complete,
	.call_connected = fk_cl_connected, .incoming_close = fk_cl_incoming_close,
	.close_call_complete = fk_cl_close_complete, .party_added = fk_cl_party_added,
	.party_dropped = fk_cl_party_dropped, .vc_status = fk_cl_vc_status,
	.link_status = fk_cl_link_status, .incoming_party = fk_cl_incoming_party,
	.vc_oper = fk_cl_vc_oper,
};

/* a registry with the fake driver's two halves registered */
static struct mcm_condis *
fk_registry(uint32_t capacity)
{
	struct mcm_condis *r = mcm_condis_create(capacity);

	if (r != NULL) {
		mcm_condis_register_cm(r, &fk_cm_ops, NULL);
		mcm_condis_register_miniport(r, &fk_mp_ops, NULL);
	}
	memset(fk_active, 0, sizeof(fk_active));
	fk_reset();
	return r;
}

#endif /* CONDIS_FAKE_H */
