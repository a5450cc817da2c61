/* SPDX-License-Identifier: BSD-3-Clause
 * The call-manager half of the driver: the port's signalling entity (lib/sig: SSCF-UNI,
 * SSCOP and UNI call control on VC 0/5) bound to the framework (lib/condis).
 *
 * Everything here runs on the port's control thread with port->lock held. The driver
 * registers two tables with the framework: the call-manager ops (create/delete VC for a
 * client, AF, SAP, make/close call, incoming-call complete, parties, OIDs) and the miniport
 * ops (activate/deactivate VC with media parameters, OID, send). Signalling events become
 * framework dispatches (incoming call, connected, incoming close, party, link status); the
 * framework calls back into the ops below. A call lives on one framework VC: the call's
 * record is indexed by the VC's slot.
 *
 * Interworking rules applied here (issue notes, UNI 4.0):
 *  - the receive side of a switched VC opens as soon as CONNECT is sent (called side) or
 *    received (calling side), not only at CONNECT ACKNOWLEDGE;
 *  - deactivation always comes before the release of a call is reported;
 *  - a call made while the SAAL is down waits for the link (mcm_sig asks to establish it).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <rte_malloc.h>

#include "mcm_private.h"
#include "mcm_cm.h"
#include "mcm_sscop_pdu.h"

/** Seconds a call made while the signalling link is down waits for it. */
#define MCM_CM_LINK_WAIT_NS (15ull * 1000000000ull)

static struct mcm_call *
call_of_vc(struct mcm_cm *cm, mcm_condis_handle_t vc)
{
	int slot = mcm_condis_vc_slot(cm->port->reg, vc);

	return slot < 0 ? NULL : mcm_cm_call_at(cm, (uint32_t)slot);
}

struct mcm_call *
mcm_cm_call_by_id(struct mcm_cm *cm, uint32_t id)
{
	struct mcm_call *c = mcm_cm_call_at(cm, id & ((1u << MCM_CM_ID_SLOT_BITS) - 1));

	if (id == 0 || c == NULL || c->id != id || c->state == MCM_CALL_FREE)
		return NULL;
	return c;
}

struct mcm_call *
mcm_cm_call_next(const struct mcm_cm *cm, uint32_t *slot)
{
	uint32_t i = *slot;

	while (i < cm->ncalls) {
		if (cm->calls[i >> MCM_CM_CALL_CHUNK_BITS] != NULL) {
			*slot = i;
			return mcm_cm_call_at(cm, i);
		}
		i = (i | (MCM_CM_CALL_CHUNK - 1)) + 1;   /* the next chunk */
	}
	return NULL;
}

static struct mcm_call *
call_of_uni(struct mcm_cm *cm, const struct mcm_uni_event *ev)
{
	if (ev->cookie == 0)
		return NULL;
	return mcm_cm_call_by_id(cm, ev->cookie);
}

static struct mcm_call *
call_init(struct mcm_cm *cm, mcm_condis_handle_t vc, uint32_t client, bool outgoing)
{
	int slot = mcm_condis_vc_slot(cm->port->reg, vc);
	struct mcm_call **chunk;
	struct mcm_call *c;
	uint32_t gen;

	if (slot < 0 || (uint32_t)slot >= cm->ncalls)
		return NULL;
	chunk = &cm->calls[(uint32_t)slot >> MCM_CM_CALL_CHUNK_BITS];
	if (*chunk == NULL) {
		*chunk = rte_zmalloc("mcm_calls", sizeof(**chunk) * MCM_CM_CALL_CHUNK, 0);
		if (*chunk == NULL)
			return NULL;
	}
	c = mcm_cm_call_at(cm, (uint32_t)slot);
	gen = (c->id >> MCM_CM_ID_SLOT_BITS) + 1;
	if (gen > MCM_CM_ID_GEN_MAX)
		gen = 1;
	memset(c, 0, sizeof(*c));
	c->id = gen << MCM_CM_ID_SLOT_BITS | (uint32_t)slot;
	c->cm = cm;
	c->vc = vc;
	c->client = client;
	c->outgoing = outgoing;
	c->state = MCM_CALL_SETUP;
	return c;
}

/* The state of a call; the calls waiting for the link are counted, so that the timer work
 * of the control thread looks at them only when there are some.
 */
static void
call_state(struct mcm_call *c, uint8_t st)
{
	if (c->state == MCM_CALL_WAIT_LINK)
		c->cm->n_wait_link--;
	if (st == MCM_CALL_WAIT_LINK)
		c->cm->n_wait_link++;
	c->state = st;
}

static void
call_free(struct mcm_call *c)
{
	uint32_t id = c->id;

	call_state(c, MCM_CALL_FREE);
	if (c->uni != 0)
		mcm_uni_call_set_cookie(mcm_sig_uni(c->cm->port->sig), c->uni, 0);
	memset(c, 0, sizeof(*c));
	c->id = id;   /* keeps the generation */
}

/* ---- events to clients ---- */

void
mcm_cm_event_put(struct mcm_cm *cm, uint32_t client, const struct rte_pmd_mcm_event *ev)
{
	struct mcm_cm_client *cl;
	uint64_t one = 1;

	if (client == RTE_PMD_MCM_BRIDGE_CLIENT || client >= MCM_CM_MAX_CLIENTS)
		return;
	cl = &cm->clients[client];
	if (!cl->used)
		return;
	if (rte_ring_sp_enqueue_elem(cl->events, (void *)(uintptr_t)ev, sizeof(*ev)) != 0) {
		cl->events_lost++;
		MCM_STAT_ADD(cm->port->cstats.cm_events_lost, 1);
		return;
	}
	if (write(cl->evfd, &one, sizeof(one)) < 0)
		cl->events_lost++;
}

static void
event_of_call(const struct mcm_call *c, uint8_t type, struct rte_pmd_mcm_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->type = type;
	ev->call_id = c->id;
	ev->cause = c->cause;
	ev->vpi = c->params.vpi;
	ev->vci = c->params.vci;
	ev->sap_id = c->sap_id;
	mcm_cm_params_to_api(&c->params, &ev->params);
}

/* ---- the client table: the framework's client ops, per client (ctx is the client) ---- */

/* An event about the call on @p vc to the client; @p cause < 0 keeps the call's own cause. */
static void
call_event(void *ctx, mcm_condis_handle_t vc, uint8_t type, int status, int cause, uint8_t up)
{
	struct mcm_cm_client *cl = ctx;
	struct mcm_call *c = call_of_vc(cl->cm, vc);
	struct rte_pmd_mcm_event ev;

	if (c == NULL)
		return;
	event_of_call(c, type, &ev);
	ev.status = status;
	if (cause >= 0)
		ev.cause = (uint8_t)cause;
	ev.up = up;
	mcm_cm_event_put(cl->cm, cl->id, &ev);
}

static void
party_event(void *ctx, mcm_condis_handle_t party, uint8_t type, int status, uint8_t cause)
{
	struct mcm_cm_client *cl = ctx;
	struct rte_pmd_mcm_event ev = { .type = type, .status = status, .cause = cause };

	mcm_cm_party_event(cl->cm, party, &ev);
	mcm_cm_event_put(cl->cm, cl->id, &ev);
}

static void
cl_vc_status(void *ctx, mcm_condis_handle_t vc, int active)
{
	call_event(ctx, vc, RTE_PMD_MCM_EV_VC_STATUS, 0, -1, (uint8_t)active);
}

static void
cl_link_status(void *ctx, int up)
{
	struct mcm_cm_client *cl = ctx;
	struct rte_pmd_mcm_event ev = { .type = RTE_PMD_MCM_EV_LINK_STATUS, .up = (uint8_t)up };

	mcm_cm_event_put(cl->cm, cl->id, &ev);
}

/* I.610 operational state of a VC the client owns (mcm_oam_fault.c through lib/condis) */
static void
cl_vc_oper(void *ctx, mcm_condis_handle_t vc, const struct mcm_condis_vc_oper *st)
{
	struct mcm_cm_client *cl = ctx;
	const struct mcm_condis_vc *v = mcm_condis_vc_by_handle(cl->cm->port->reg, vc);
	struct mcm_call *c = call_of_vc(cl->cm, vc);
	struct rte_pmd_mcm_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = RTE_PMD_MCM_EV_VC_OPER;
	ev.up = st->up;
	ev.oam_defects = st->defects;
	ev.down_cause = st->cause;
	if (v != NULL) {
		ev.vpi = v->vpi;
		ev.vci = v->vci;
	}
	if (c != NULL && c->state != MCM_CALL_FREE)
		ev.call_id = c->id;
	mcm_cm_event_put(cl->cm, cl->id, &ev);
}

static int
cl_incoming_call(void *ctx, mcm_condis_handle_t sap, mcm_condis_handle_t vc,
		 const struct mcm_condis_call_params *p)
{
	struct mcm_cm_client *cl = ctx;
	struct mcm_call *c = call_of_vc(cl->cm, vc);

	RTE_SET_USED(p);
	if (c == NULL)
		return MCM_CONDIS_CAUSE_CALL_REJECTED;
	c->client = cl->id;
	c->sap_id = mcm_cm_sap_id(cl->cm, sap);
	/* an LLC B-LLI is the same for routed and bridged PDUs (RFC 2684 7): a SAP that
	 * names its encapsulation says which the VC carries
	 */
	if (c->sap_id != 0 && cl->cm->saps[c->sap_id - 1].sap.blli.present)
		c->params.blli.encap = cl->cm->saps[c->sap_id - 1].sap.blli.encap;
	if (cl->id == RTE_PMD_MCM_BRIDGE_CLIENT)
		return 0;   /* the bridge client takes every call offered to it */
	call_event(ctx, vc, RTE_PMD_MCM_EV_INCOMING_CALL, 0, -1, 0);
	return MCM_CONDIS_PENDING;
}

static void
cl_call_connected(void *ctx, mcm_condis_handle_t vc)
{
	call_event(ctx, vc, RTE_PMD_MCM_EV_CALL_CONNECTED, 0, -1, 0);
}

static void
cl_make_call_complete(void *ctx, mcm_condis_handle_t vc, int status, uint8_t cause,
		      const struct mcm_condis_call_params *p)
{
	RTE_SET_USED(p);
	call_event(ctx, vc, status == 0 ? RTE_PMD_MCM_EV_CALL_CONNECTED :
		   RTE_PMD_MCM_EV_CALL_FAILED, status, cause, 0);
}

static void
cl_incoming_close(void *ctx, mcm_condis_handle_t vc, uint8_t cause)
{
	call_event(ctx, vc, RTE_PMD_MCM_EV_CALL_RELEASED, 0, cause, 0);
}

static void
cl_close_call_complete(void *ctx, mcm_condis_handle_t vc)
{
	call_event(ctx, vc, RTE_PMD_MCM_EV_CLOSE_COMPLETE, 0, -1, 0);
}

static void
cl_party_added(void *ctx, mcm_condis_handle_t party, int status, uint8_t cause)
{
	party_event(ctx, party, RTE_PMD_MCM_EV_PARTY_ADDED, status, cause);
}

static void
cl_party_dropped(void *ctx, mcm_condis_handle_t party, uint8_t cause)
{
	party_event(ctx, party, RTE_PMD_MCM_EV_PARTY_DROPPED, 0, cause);
}

/* A party the root adds, offered on the leaf side (Q.2971 5.2): as for an incoming call,
 * the bridge client accepts at once, any other client answers with rte_pmd_mcm_party_answer.
 */
static int
cl_incoming_party(void *ctx, mcm_condis_handle_t sap, mcm_condis_handle_t vc,
		  mcm_condis_handle_t party, const struct mcm_condis_call_params *p)
{
	struct mcm_cm_client *cl = ctx;
	struct rte_pmd_mcm_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = RTE_PMD_MCM_EV_INCOMING_PARTY;
	ev.sap_id = mcm_cm_sap_id(cl->cm, sap);
	mcm_cm_params_to_api(p, &ev.params);
	if (mcm_cm_incoming_party_offer(cl->cm, vc, party, &ev) != 0)
		return 47;   /* resource unavailable: no record of the party */
	if (cl->id == RTE_PMD_MCM_BRIDGE_CLIENT)
		return 0;
	mcm_cm_event_put(cl->cm, cl->id, &ev);
	return MCM_CONDIS_PENDING;
}

static const struct mcm_condis_client_ops client_ops = {
	.incoming_call = cl_incoming_call,
	.make_call_complete = cl_make_call_complete,
	.call_connected = cl_call_connected,
	.incoming_close = cl_incoming_close,
	.close_call_complete = cl_close_call_complete,
	.party_added = cl_party_added,
	.party_dropped = cl_party_dropped,
	.vc_status = cl_vc_status,
	.link_status = cl_link_status,
	.incoming_party = cl_incoming_party,
	.vc_oper = cl_vc_oper,
};

int
mcm_cm_client_open(struct mcm_cm *cm, uint32_t *id)
{
	char name[RTE_RING_NAMESIZE];
	struct mcm_cm_client *cl = NULL;
	uint32_t i;
	int rc;

	for (i = 1; i < MCM_CM_MAX_CLIENTS && cl == NULL; i++)
		if (!cm->clients[i].used)
			cl = &cm->clients[i];
	if (cl == NULL)
		return -ENOSPC;
	memset(cl, 0, sizeof(*cl));
	cl->cm = cm;
	cl->id = (uint32_t)(cl - cm->clients);
	snprintf(name, sizeof(name), "mcm_ev_%u_%u", cm->port->port_id, cl->id);
	cl->events = rte_ring_create_elem(name, sizeof(struct rte_pmd_mcm_event),
					  MCM_CM_EVENT_RING, SOCKET_ID_ANY,
					  RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (cl->events == NULL)
		return -ENOMEM;
	cl->evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (cl->evfd < 0) {
		rte_ring_free(cl->events);
		return -errno;
	}
	rc = mcm_condis_af_open(cm->port->reg, &client_ops, cl, &cl->af);
	if (rc != 0) {
		close(cl->evfd);
		rte_ring_free(cl->events);
		return rc;
	}
	cl->used = true;
	*id = cl->id;
	if (cm->link_up) {
		/* a client opened after the link came up learns its state at once */
		struct rte_pmd_mcm_event ev = { .type = RTE_PMD_MCM_EV_LINK_STATUS, .up = 1 };

		mcm_cm_event_put(cm, cl->id, &ev);
	}
	return 0;
}

int
mcm_cm_client_close(struct mcm_cm *cm, uint32_t id)
{
	struct mcm_cm_client *cl;
	struct mcm_call *c;
	uint32_t i;
	int rc;

	if (id == RTE_PMD_MCM_BRIDGE_CLIENT || id >= MCM_CM_MAX_CLIENTS || !cm->clients[id].used)
		return -ENOENT;
	cl = &cm->clients[id];
	for (i = 0; (c = mcm_cm_call_next(cm, &i)) != NULL; i++)
		if (c->state != MCM_CALL_FREE && c->client == id)
			return -EBUSY;
	/* its SAPs go with it */
	for (i = 0; i < MCM_CONDIS_MAX_SAPS; i++)
		if (cm->saps[i].used && cm->saps[i].client == id)
			mcm_cm_sap_del(cm, id, i + 1);
	rc = mcm_condis_af_close(cm->port->reg, cl->af);
	if (rc != 0)
		return rc;
	close(cl->evfd);
	rte_ring_free(cl->events);
	memset(cl, 0, sizeof(*cl));
	return 0;
}

struct mcm_cm_client *
mcm_cm_client_get(struct mcm_cm *cm, uint32_t id)
{
	if (id >= MCM_CM_MAX_CLIENTS || !cm->clients[id].used)
		return NULL;
	return &cm->clients[id];
}

/* ---- SAPs ---- */

uint32_t
mcm_cm_sap_id(const struct mcm_cm *cm, mcm_condis_handle_t h)
{
	uint32_t i;

	for (i = 0; i < MCM_CONDIS_MAX_SAPS; i++)
		if (cm->saps[i].used && cm->saps[i].h == h)
			return i + 1;
	return 0;
}

int
mcm_cm_sap_add(struct mcm_cm *cm, uint32_t client, const struct mcm_condis_sap *sap,
	       uint32_t *id)
{
	struct mcm_cm_client *cl = mcm_cm_client_get(cm, client);
	uint32_t i;
	int rc;

	if (cl == NULL)
		return -ENOENT;
	for (i = 0; i < MCM_CONDIS_MAX_SAPS && cm->saps[i].used; i++)
		;
	if (i == MCM_CONDIS_MAX_SAPS)
		return -ENOSPC;
	rc = mcm_condis_sap_register(cm->port->reg, cl->af, sap, &cm->saps[i].h);
	if (rc != 0)
		return rc;
	cm->saps[i].used = true;
	cm->saps[i].client = client;
	cm->saps[i].sap = *sap;
	*id = i + 1;
	return 0;
}

/* SAP @p id is gone and its id free for the next SAP: the calls that came through it, which
 * stay up (NDIS ClDeregisterSap), name no SAP from now on, lest a new SAP with the same id
 * be listed as theirs (call list, sap list's counts, rte_pmd_mcm_call_get).
 */
static void
cm_calls_forget_sap(struct mcm_cm *cm, uint32_t id)
{
	struct mcm_call *c;
	uint32_t i;

	for (i = 0; (c = mcm_cm_call_next(cm, &i)) != NULL; i++)
		if (c->sap_id == id)
			c->sap_id = 0;
}

int
mcm_cm_sap_del(struct mcm_cm *cm, uint32_t client, uint32_t id)
{
	struct mcm_cm_sap *s;
	int rc;

	if (id == 0 || id > MCM_CONDIS_MAX_SAPS || !cm->saps[id - 1].used)
		return -ENOENT;
	s = &cm->saps[id - 1];
	if (s->client != client)
		return -EACCES;
	rc = mcm_condis_sap_deregister(cm->port->reg, s->h);
	if (rc != 0)
		return rc;
	memset(s, 0, sizeof(*s));
	cm_calls_forget_sap(cm, id);
	return 0;
}

/* The service category a call's traffic descriptor asks for (UNI 4.0 sig. annex 9): the
 * best effort indicator is UBR, a sustainable cell rate VBR, peak cell rates alone CBR; no
 * descriptor (a contract lib/uni did not keep) is taken as UBR, what this side sends.
 */
static uint8_t
contract_category(const struct mcm_uni_contract *k)
{
	if (k == NULL || k->best_effort)
		return MCM_CONDIS_CAT_UBR;
	if (k->fwd_scr != 0 || k->bwd_scr != 0)
		return MCM_CONDIS_CAT_VBR;
	return MCM_CONDIS_CAT_CBR;
}

/* ---- activation: the miniport half ---- */

static int
call_activate(struct mcm_call *c, uint16_t vpi, uint16_t vci,
	      const struct mcm_uni_contract *k)
{
	struct mcm_cm *cm = c->cm;
	struct mcm_condis_media m;
	int rc;

	if (c->active_vc)
		return 0;
	memset(&m, 0, sizeof(m));
	m.aal = 5;
	m.encap = c->params.blli.encap;
	m.vpi = vpi;
	m.vci = vci;
	m.fwd_pcr = k ? k->fwd_pcr : c->params.fwd_pcr;
	m.bwd_pcr = k ? k->bwd_pcr : c->params.bwd_pcr;
	/* forward is the calling user's direction (Q.2931 4.5.6) */
	m.pcr = c->outgoing ? m.fwd_pcr : m.bwd_pcr;
	m.rx_pcr = c->outgoing ? m.bwd_pcr : m.fwd_pcr;
	m.category = contract_category(k);
	m.fwd_sdu = k && k->fwd_sdu ? k->fwd_sdu : c->params.fwd_sdu;
	m.bwd_sdu = k && k->bwd_sdu ? k->bwd_sdu : c->params.bwd_sdu;
	/* the call shows the rates in force (the line rate when none was asked) and the sizes
	 * agreed (CONNECT may have lowered them, Q.2931 Annex F)
	 */
	c->params.fwd_pcr = m.fwd_pcr;
	c->params.bwd_pcr = m.bwd_pcr;
	c->params.fwd_sdu = m.fwd_sdu;
	c->params.bwd_sdu = m.bwd_sdu;
	/* the larger of the two directions, as far as the port's MTU allows */
	m.max_sdu = RTE_MAX(m.fwd_sdu, m.bwd_sdu);
	if (m.max_sdu == 0 || m.max_sdu > mcm_port_max_sdu(cm->port))
		m.max_sdu = mcm_port_max_sdu(cm->port);
	rc = mcm_condis_mcm_activate_vc(cm->port->reg, c->vc, &m);
	if (rc != 0) {
		MCM_LOG(ERR, "port %u: call %u: VC %u/%u not activated: %s", cm->port->port_id,
			c->id, vpi, vci, rte_strerror(-rc));
		return rc;
	}
	c->params.vpi = vpi;
	c->params.vci = vci;
	c->active_vc = true;
	return 0;
}

static void
call_deactivate(struct mcm_call *c)
{
	struct mcm_port *port = c->cm->port;
	const struct mcm_condis_vc *v;

	if (!c->active_vc)
		return;
	c->active_vc = false;
	/* the miniport's deactivation (mcm_vc_unpublish) also drops it as the default VC */
	v = mcm_condis_vc_by_handle(port->reg, c->vc);
	/* the framework deactivates by itself when a close call starts */
	if (v != NULL && v->state == MCM_CONDIS_VC_ACTIVE &&
	    mcm_condis_mcm_deactivate_vc(port->reg, c->vc) != 0)
		MCM_LOG(ERR, "port %u: call %u: VC %u/%u not deactivated", port->port_id, c->id,
			c->params.vpi, c->params.vci);
}

/* the VC of a call goes, through the framework's entry point for whoever created it */
static void
call_delete_vc(struct mcm_call *c)
{
	struct mcm_cm *cm = c->cm;
	const struct mcm_condis_vc *v = mcm_condis_vc_by_handle(cm->port->reg, c->vc);
	struct mcm_cm_client *cl = mcm_cm_client_get(cm, c->client);
	int rc;

	if (v == NULL)
		return;
	call_state(c, MCM_CALL_FREE);   /* the call is over: cm_delete_vc lets the VC go */
	if (v->origin == MCM_CONDIS_VC_MCM_SVC)
		rc = mcm_condis_mcm_delete_vc(cm->port->reg, c->vc);
	else
		rc = mcm_condis_vc_delete_client(cm->port->reg, cl ? cl->af : 0, c->vc);
	if (rc != 0)
		MCM_LOG(ERR, "port %u: call %u: VC not deleted: %s", cm->port->port_id, c->id,
			rte_strerror(-rc));
}

/* ---- outgoing calls ---- */

static int
call_send_setup(struct mcm_call *c)
{
	struct mcm_cm *cm = c->cm;
	struct mcm_port *port = cm->port;
	struct mcm_uni_msg msg;
	int rc;

	/* the calling party number (Q.2931 4.5.13) is the port's address unless the client
	 * gave one: the call then shows what its SETUP carried
	 */
	if (c->params.calling.len == 0 && port->cfg.has_addr) {
		c->params.calling.len = sizeof(port->cfg.addr);
		memcpy(c->params.calling.b, port->cfg.addr, sizeof(port->cfg.addr));
	}
	rc = mcm_cm_setup_build(cm, &c->params, &msg);
	if (rc != 0)
		return rc;
	rc = mcm_sig_setup(port->sig, port->now_ns, &msg, &c->uni);
	if (rc == -ENOTCONN) {
		/* the link is being established (mcm_sig asked for it): wait for LINK_UP */
		call_state(c, MCM_CALL_WAIT_LINK);
		c->wait_until = port->now_ns + MCM_CM_LINK_WAIT_NS;
		return 0;
	}
	if (rc != 0)
		return rc;
	mcm_uni_call_set_cookie(mcm_sig_uni(port->sig), c->uni, c->id);
	mcm_uni_call_info(mcm_sig_uni(port->sig), c->uni, &c->params.call_ref, NULL, NULL,
			  NULL);
	call_state(c, MCM_CALL_SETUP);
	return 0;
}

static void
waiter_complete(struct mcm_call *c, int rc)
{
	struct mcm_cmd *cmd = c->waiter;

	if (cmd == NULL)
		return;
	c->waiter = NULL;
	mcm_cm_reply_call(c, mcm_cmd_data(cmd));
	mcm_ctrl_complete(cmd, rc);
}

/* An outgoing call is up, or failed. */
static void
outgoing_done(struct mcm_call *c, int status, uint8_t cause)
{
	struct mcm_cm *cm = c->cm;

	c->cause = cause;
	c->making = false;
	mcm_condis_make_call_complete(cm->port->reg, c->vc, status, cause, &c->params);
	if (status == 0) {
		c->state = MCM_CALL_ACTIVE;
		mcm_cm_bridge_default(c);
		waiter_complete(c, 0);
		return;
	}
	call_deactivate(c);
	waiter_complete(c, status);
	call_delete_vc(c);
	call_free(c);
}

int
mcm_cm_make(struct mcm_cm *cm, uint32_t client, const struct mcm_condis_call_params *p,
	    struct mcm_cmd *cmd, uint32_t *call_id)
{
	struct mcm_cm_client *cl = mcm_cm_client_get(cm, client);
	mcm_condis_handle_t vc;
	struct mcm_call *c;
	int rc;

	if (cl == NULL)
		return -ENOENT;
	if (cm->port->sig == NULL)
		return -EOPNOTSUPP;
	/* strict in what we send: no SDU size the port cannot carry is offered (RFC 1626) */
	if (RTE_MAX(p->fwd_sdu, p->bwd_sdu) > mcm_port_max_sdu(cm->port))
		return -EINVAL;
	rc = mcm_condis_vc_create_client(cm->port->reg, cl->af, &vc);
	if (rc != 0)
		return rc;
	c = call_init(cm, vc, client, true);
	if (c == NULL) {
		mcm_condis_vc_delete_client(cm->port->reg, cl->af, vc);
		return -ENOSPC;
	}
	c->params = *p;
	c->waiter = cmd;
	c->making = true;
	/* taken first: a make the framework fails at once has freed the call on return */
	*call_id = c->id;
	rc = mcm_condis_make_call(cm->port->reg, vc, &c->params);
	if (rc != 0 && rc != MCM_CONDIS_PENDING) {
		c->waiter = NULL;
		mcm_condis_vc_delete_client(cm->port->reg, cl->af, vc);
		call_free(c);
		*call_id = 0;
		return rc;
	}
	/* asynchronous: the SETUP is out (or waits for the link); CALL_CONNECTED or
	 * CALL_FAILED tells the rest (CoNDIS: MakeCall pending, then MakeCallComplete)
	 */
	return cmd != NULL ? MCM_CMD_PENDING : 0;
}

/* ---- releases ---- */

int
mcm_cm_release(struct mcm_cm *cm, struct mcm_call *c, uint8_t cause, struct mcm_cmd *cmd)
{
	int rc;

	if (cause == 0)
		cause = MCM_CONDIS_CAUSE_NORMAL_CLEARING;
	if (c->closing || c->release_waiter != NULL || c->state == MCM_CALL_RELEASING)
		return -EALREADY;
	switch (c->state) {
	case MCM_CALL_WAIT_LINK:
		c->cause = cause;
		outgoing_done(c, -ECONNABORTED, cause);
		return 0;
	case MCM_CALL_ACTIVE:
		c->close_waiter = cmd;
		c->closing = true;
		rc = mcm_condis_close_call(cm->port->reg, c->vc, cause);
		if (rc != 0 && rc != MCM_CONDIS_PENDING) {
			c->close_waiter = NULL;
			c->closing = false;
			return rc;
		}
		return cmd != NULL ? MCM_CMD_PENDING : 0;
	case MCM_CALL_OFFERED:
		return -EPROTO;    /* answer it (reject) instead */
	default:
		/* not connected yet: clear it; the RELEASED event completes the make as failed
		 * and this request as done
		 */
		rc = mcm_sig_release(cm->port->sig, cm->port->now_ns, c->uni, cause);
		if (rc != 0)
			return rc;
		c->state = MCM_CALL_RELEASING;
		c->release_waiter = cmd;
		return cmd != NULL ? MCM_CMD_PENDING : 0;
	}
}

/* The call is over (RELEASED from call control): deactivation first, then the client is
 * told, then the VC goes.
 */
static void
call_released(struct mcm_call *c, uint8_t cause)
{
	struct mcm_cm *cm = c->cm;
	struct mcm_cmd *rel = c->release_waiter;

	c->cause = cause;
	c->release_waiter = NULL;
	/* the only trace of a call cleared without a request (peer, network, T309 after a
	 * lost link, Q.2931 5.6.10): the operator learns the cause here
	 */
	MCM_LOG(INFO, "port %u: call %u released: VC %u/%u, cause %u", cm->port->port_id, c->id,
		c->params.vpi, c->params.vci, cause);
	call_deactivate(c);
	if (c->outgoing && c->making) {
		/* the make never completed */
		outgoing_done(c, -ECONNREFUSED, cause);
		if (rel != NULL)
			mcm_ctrl_complete(rel, 0);
		return;
	}
	if (c->closing) {
		/* a close_call in progress */
		struct mcm_cmd *cmd = c->close_waiter;

		c->close_waiter = NULL;
		c->closing = false;
		mcm_condis_close_call_complete(cm->port->reg, c->vc);
		if (cmd != NULL) {
			mcm_cm_reply_call(c, mcm_cmd_data(cmd));
			mcm_ctrl_complete(cmd, 0);
		}
	} else if (c->state == MCM_CALL_OFFERED || c->state == MCM_CALL_ACTIVE ||
		   c->state == MCM_CALL_RELEASING) {
		/* released by the peer, the network or a lost link: the client is told; the
		 * framework ends the call there, the VC goes below
		 */
		mcm_condis_dispatch_incoming_close(cm->port->reg, c->vc, cause);
	}
	if (rel != NULL)
		mcm_ctrl_complete(rel, 0);
	call_delete_vc(c);
	call_free(c);
}

/* ---- incoming calls ---- */

/* RELEASE COMPLETE for an offered call, then its VC goes: the call is over at once (the
 * RELEASED event that lib/sig reports for a reject is not needed: the cookie is cleared).
 */
static void
incoming_reject(struct mcm_call *c, uint8_t cause)
{
	struct mcm_port *port = c->cm->port;
	uint32_t uni = c->uni;

	c->answer = MCM_ANSWER_NONE;
	c->cause = cause;
	mcm_uni_call_set_cookie(mcm_sig_uni(port->sig), uni, 0);
	c->uni = 0;
	mcm_sig_reject(port->sig, port->now_ns, uni, cause);
	call_deactivate(c);
	call_delete_vc(c);
	call_free(c);
}

static void
incoming_answer_apply(struct mcm_call *c)
{
	struct mcm_port *port = c->cm->port;
	const uint16_t max = (uint16_t)RTE_MIN(mcm_port_max_sdu(port), (uint32_t)UINT16_MAX);
	uint16_t vpi = 0, vci = 0, fwd = 0, bwd = 0;
	struct mcm_uni_ie_blli blli;
	struct mcm_uni_contract k;
	bool have_k;

	if (c->answer == MCM_ANSWER_NONE)
		return;
	if (c->answer == MCM_ANSWER_REJECT) {
		incoming_reject(c, c->cause);
		return;
	}
	c->answer = MCM_ANSWER_NONE;
	mcm_uni_call_info(mcm_sig_uni(port->sig), c->uni, NULL, NULL, &vpi, &vci);
	have_k = mcm_uni_call_contract(mcm_sig_uni(port->sig), c->uni, &k) == 0;
	/* AAL parameter negotiation (Q.2931 Annex F, RFC 1626): sizes the SETUP offers above
	 * what the port carries are lowered to it, in the VC and in CONNECT
	 */
	if (have_k && k.aal == MCM_UNI_AAL_5) {
		if (k.fwd_sdu > max)
			k.fwd_sdu = fwd = max;
		if (k.bwd_sdu > max)
			k.bwd_sdu = bwd = max;
	}
	/* open the receive side before CONNECT goes out: the peer may send data as soon as
	 * it has our CONNECT (UNI 4.0 interworking)
	 */
	if (call_activate(c, vpi, vci, have_k ? &k : NULL) != 0) {
		incoming_reject(c, 47); /* resource unavailable */
		return;
	}
	/* of several B-LLIs CONNECT names the one taken: without it the calling side would
	 * take the first (Q.2931 Annex C)
	 */
	if (c->blli_offered > 1 && mcm_cm_connect_blli(c, &blli) == 0)
		mcm_sig_connect_blli(port->sig, port->now_ns, c->uni, fwd, bwd, &blli);
	else if (fwd != 0 || bwd != 0)
		mcm_sig_connect_sdu(port->sig, port->now_ns, c->uni, fwd, bwd);
	else
		mcm_sig_connect(port->sig, port->now_ns, c->uni);
}

static void
incoming_setup(struct mcm_cm *cm, const struct mcm_uni_event *ev)
{
	struct mcm_port *port = cm->port;
	struct mcm_sig_blli_pick pick;
	struct mcm_uni_contract k;
	mcm_condis_handle_t vc;
	struct mcm_call *c;
	uint8_t cause = 0;
	int rc;

	rc = mcm_condis_mcm_create_vc(port->reg, &vc);
	if (rc != 0) {
		mcm_sig_reject(port->sig, port->now_ns, ev->call, 47); /* resource unavailable */
		return;
	}
	c = call_init(cm, vc, RTE_PMD_MCM_BRIDGE_CLIENT, false);
	if (c == NULL) {
		mcm_condis_mcm_delete_vc(port->reg, vc);
		mcm_sig_reject(port->sig, port->now_ns, ev->call, 47);
		return;
	}
	c->uni = ev->call;
	c->state = MCM_CALL_OFFERED;
	mcm_cm_params_from_setup(ev->msg, &c->params, &pick);
	c->blli_offered = pick.kind != MCM_SIG_BLLI_NONE ? pick.offered : 0;
	c->blli_nlpid = pick.nlpid;
	mcm_uni_call_info(mcm_sig_uni(port->sig), c->uni, &c->params.call_ref, NULL,
			  &c->params.vpi, &c->params.vci);
	/* the rates the SETUP asks for, as lib/uni read its traffic descriptor */
	if (mcm_uni_call_contract(mcm_sig_uni(port->sig), c->uni, &k) == 0) {
		c->params.fwd_pcr = k.fwd_pcr;
		c->params.bwd_pcr = k.bwd_pcr;
	}
	mcm_uni_call_set_cookie(mcm_sig_uni(port->sig), c->uni, c->id);
	rc = mcm_condis_dispatch_incoming_call(port->reg, vc, &c->params);
	/* no SAP for that B-LLI: the next the SETUP offers, in its order (Q.2931 Annex C);
	 * a refused dispatch changes nothing
	 */
	while (rc == -EPROTONOSUPPORT && mcm_sig_setup_blli_next(ev->msg, &pick)) {
		mcm_cm_blli_from_pick(ev->msg, &pick, &c->params.blli);
		c->blli_nlpid = pick.nlpid;
		rc = mcm_condis_dispatch_incoming_call(port->reg, vc, &c->params);
	}
	if (rc == -ENOENT)
		cause = MCM_CONDIS_CAUSE_UNALLOCATED_NUMBER;
	else if (rc == -EPROTONOSUPPORT)
		cause = MCM_CONDIS_CAUSE_INCOMPATIBLE_DEST;
	else if (rc != 0)
		cause = 47;
	if (cause != 0) {
		mcm_uni_call_set_cookie(mcm_sig_uni(port->sig), c->uni, 0);
		mcm_sig_reject(port->sig, port->now_ns, c->uni, cause);
		mcm_condis_mcm_delete_vc(port->reg, vc);
		c->uni = 0;
		call_free(c);
		return;
	}
	incoming_answer_apply(c);
}

/* ---- signalling events ---- */

static void
uni_event(void *arg, const struct mcm_uni_event *ev)
{
	struct mcm_port *port = arg;
	struct mcm_cm *cm = port->cm;
	struct mcm_call *c;
	uint32_t i;

	switch (ev->type) {
	case MCM_UNI_EV_LINK_UP:
		cm->link_up = true;
		MCM_LOG(INFO, "port %u: signalling link up", port->port_id);
		mcm_condis_dispatch_link_status(port->reg, 1);
		for (i = 0; cm->n_wait_link > 0 && (c = mcm_cm_call_next(cm, &i)) != NULL;
		     i++) {
			if (c->state == MCM_CALL_WAIT_LINK && call_send_setup(c) != 0)
				outgoing_done(c, -ENOTCONN, 41);  /* temporary failure */
		}
		return;
	case MCM_UNI_EV_LINK_DOWN:
		if (cm->link_up)
			MCM_LOG(INFO, "port %u: signalling link down", port->port_id);
		cm->link_up = false;
		mcm_condis_dispatch_link_status(port->reg, 0);
		return;
	case MCM_UNI_EV_SETUP_IND:
		incoming_setup(cm, ev);
		return;
	case MCM_UNI_EV_RESTART_IND:
		/* the calls concerned were cleared by call control (RELEASED events came
		 * first): the resources are idle, Q.2931 5.5.2
		 */
		mcm_sig_restart_response(port->sig, port->now_ns);
		return;
	case MCM_UNI_EV_RESTART_FAIL:
		MCM_LOG(WARNING, "port %u: restart procedure failed (T316/T317)", port->port_id);
		return;
	case MCM_UNI_EV_PARTY_ADD_IND:
		/* a leaf of a point-to-multipoint call: offered like a SETUP (Q.2971 5.2) */
		mcm_cm_party_add_ind(cm, ev);
		return;
	default:
		break;
	}
	c = call_of_uni(cm, ev);
	if (c == NULL)
		return;
	switch (ev->type) {
	case MCM_UNI_EV_PROCEEDING_IND:
		if (c->state == MCM_CALL_SETUP)
			c->state = MCM_CALL_PROCEEDING;
		break;
	case MCM_UNI_EV_ALERTING_IND:
		if (c->state == MCM_CALL_SETUP || c->state == MCM_CALL_PROCEEDING)
			c->state = MCM_CALL_ALERTING;
		break;
	case MCM_UNI_EV_VC_ACTIVATE:
		/* calling side: CONNECT received, and its B-LLI says which of several offered
		 * the VC carries; called side: already open since CONNECT
		 */
		if (c->outgoing)
			mcm_cm_connect_taken(c, ev->msg);
		call_activate(c, ev->vpi, ev->vci, ev->contract);
		break;
	case MCM_UNI_EV_CONNECTED:
		if (c->outgoing) {
			if (!c->active_vc)
				break;   /* activation failed: released below by the release */
			outgoing_done(c, 0, 0);
		} else {
			c->state = MCM_CALL_ACTIVE;
			mcm_condis_dispatch_call_connected(port->reg, c->vc);
			mcm_cm_bridge_default(c);
		}
		break;
	case MCM_UNI_EV_VC_DEACTIVATE:
		call_deactivate(c);
		break;
	case MCM_UNI_EV_RELEASED:
		call_released(c, ev->cause);
		break;
	case MCM_UNI_EV_PARTY_ACTIVE:
	case MCM_UNI_EV_PARTY_DROPPED:
		mcm_cm_party_uni_event(c, ev);
		break;
	default:
		break;
	}
}

/* ---- the call-manager ops the framework calls ---- */

static int
cm_create_vc(void *ctx, mcm_condis_handle_t vc)
{
	RTE_SET_USED(ctx);
	RTE_SET_USED(vc);
	return 0;   /* the VC's record is the framework's; a call takes its slot later */
}

static int
cm_delete_vc(void *ctx, mcm_condis_handle_t vc)
{
	struct mcm_port *port = ctx;
	struct mcm_call *c = call_of_vc(port->cm, vc);

	if (c != NULL && c->state != MCM_CALL_FREE && c->vc == vc)
		return -EBUSY;   /* a call still uses it */
	return 0;
}

static int
cm_make_call(void *ctx, mcm_condis_handle_t vc, const struct mcm_condis_call_params *p)
{
	struct mcm_port *port = ctx;
	struct mcm_call *c = call_of_vc(port->cm, vc);

	RTE_SET_USED(p);
	if (c == NULL || c->vc != vc)
		return -ENOENT;
	return call_send_setup(c);
}

static int
cm_close_call(void *ctx, mcm_condis_handle_t vc, uint8_t cause)
{
	struct mcm_port *port = ctx;
	struct mcm_call *c = call_of_vc(port->cm, vc);
	int rc;

	if (c == NULL || c->vc != vc)
		return -ENOENT;
	if (c->state != MCM_CALL_ACTIVE)
		return -EPROTO;   /* mcm_cm_release asks only for active calls */
	rc = mcm_sig_release(port->sig, port->now_ns, c->uni, cause);
	if (rc == 0)
		c->state = MCM_CALL_RELEASING;
	return rc;
}

static int
cm_incoming_call_complete(void *ctx, mcm_condis_handle_t vc, int status, uint8_t cause)
{
	struct mcm_port *port = ctx;
	struct mcm_call *c = call_of_vc(port->cm, vc);

	if (c == NULL || c->state != MCM_CALL_OFFERED)
		return -ENOENT;
	/* applied after the framework's dispatch returns (incoming_answer_apply) */
	c->answer = status == 0 ? MCM_ANSWER_ACCEPT : MCM_ANSWER_REJECT;
	c->cause = cause ? cause : MCM_CONDIS_CAUSE_CALL_REJECTED;
	return 0;
}

/* open and close AF: the call manager keeps nothing per address family */
static int
cm_af(void *ctx, mcm_condis_handle_t af)
{
	RTE_SET_USED(ctx);
	RTE_SET_USED(af);
	return 0;
}

static int
cm_register_sap(void *ctx, mcm_condis_handle_t sap, const struct mcm_condis_sap *s)
{
	RTE_SET_USED(ctx);
	RTE_SET_USED(sap);
	RTE_SET_USED(s);
	return 0;   /* SAPs are matched by the framework when a SETUP arrives */
}

static int
cm_deregister_sap(void *ctx, mcm_condis_handle_t sap)
{
	RTE_SET_USED(ctx);
	RTE_SET_USED(sap);
	return 0;
}

static const struct mcm_condis_cm_ops cm_ops = {
	.create_vc = cm_create_vc,
	.delete_vc = cm_delete_vc,
	.open_af = cm_af,
	.close_af = cm_af,
	.register_sap = cm_register_sap,
	.deregister_sap = cm_deregister_sap,
	.make_call = cm_make_call,
	.close_call = cm_close_call,
	.incoming_call_complete = cm_incoming_call_complete,
	.add_party = mcm_cm_party_add_op,
	.drop_party = mcm_cm_party_drop_op,
	.oid_request = mcm_cm_oid_request_op,
	.incoming_party_complete = mcm_cm_incoming_party_complete_op,
};

/* ---- answers from clients (commands) ---- */

int
mcm_cm_answer(struct mcm_cm *cm, struct mcm_call *c, bool accept, uint8_t cause)
{
	int rc;

	if (c->state != MCM_CALL_OFFERED)
		return -EPROTO;
	rc = mcm_condis_incoming_call_answer(cm->port->reg, c->vc, accept ? 0 : -ECONNREFUSED,
					     cause ? cause : MCM_CONDIS_CAUSE_CALL_REJECTED);
	if (rc != 0)
		return rc;
	incoming_answer_apply(c);
	return 0;
}

/* ---- the signalling entity's I/O ---- */

/* An SD PDU carries a Q.2931 message: calls are moving, and the control thread busy-polls for
 * a while (mcm_lower_busy_poll); POLL/STAT keep-alives do not count. The type is the low
 * nibble of the first octet of the PDU's last word (Q.2110 7.1, 7.2).
 */
static void
sd_moved(struct mcm_port *port, const uint8_t *pdu, size_t len)
{
	if (len >= 4 && (pdu[len - 4] & 0x0f) == MCM_SSCOP_SD)
		port->sd_moved_ns = port->now_ns;
}

static void
sig_send_pdu(void *arg, const uint8_t *pdu, size_t len)
{
	struct mcm_port *port = arg;

	mcm_capture_sig(port, true, pdu, len);
	sd_moved(port, pdu, len);
	mcm_lower_send_sdu(port, 0, MCM_ATM_VCI_SIGNALLING, pdu, len);
}

/* A VC of the port's table (a PVC, or a call's VC) is never given to another call. */
static bool
sig_vc_taken(void *arg, uint16_t vpi, uint16_t vci)
{
	return mcm_vc_lookup(arg, vpi, vci) >= 0;
}

static void
sig_trace(void *arg, enum mcm_sig_trace_layer layer, bool out, const char *line)
{
	struct mcm_port *port = arg;

	rte_log(RTE_LOG_DEBUG, layer == MCM_SIG_TRACE_SSCOP ? mcm_sscop_logtype : mcm_uni_logtype,
		"net_mcm: port %u: %s\n", port->port_id, line);
	RTE_SET_USED(out);
}

void
mcm_cm_sig_pdu(struct mcm_port *port, const uint8_t *pdu, size_t len)
{
	mcm_capture_sig(port, false, pdu, len);
	sd_moved(port, pdu, len);
	mcm_sig_input(port->sig, port->now_ns, pdu, len);
}

static unsigned int
trace_layers(void)
{
	unsigned int l = 0;

	if (rte_log_can_log(mcm_sscop_logtype, RTE_LOG_DEBUG))
		l |= MCM_SIG_TRACE_SSCOP;
	if (rte_log_can_log(mcm_uni_logtype, RTE_LOG_DEBUG))
		l |= MCM_SIG_TRACE_UNI;
	return l;
}

void
mcm_cm_tick(struct mcm_port *port)
{
	struct mcm_cm *cm = port->cm;
	struct mcm_call *c;
	uint32_t i;

	if (port->sig == NULL)
		return;
	mcm_sig_set_trace(port->sig, trace_layers());
	mcm_sig_tick(port->sig, port->now_ns);
	for (i = 0; cm->n_wait_link > 0 && (c = mcm_cm_call_next(cm, &i)) != NULL; i++) {
		if (c->state == MCM_CALL_WAIT_LINK && port->now_ns >= c->wait_until)
			outgoing_done(c, -ENOTCONN, 27);   /* destination out of order */
	}
}

uint64_t
mcm_cm_next_deadline(struct mcm_port *port)
{
	struct mcm_call *c;
	uint64_t d;
	uint32_t i;

	if (port->sig == NULL)
		return UINT64_MAX;
	d = mcm_sig_next_deadline(port->sig);
	for (i = 0; port->cm->n_wait_link > 0 && (c = mcm_cm_call_next(port->cm, &i)) != NULL;
	     i++)
		if (c->state == MCM_CALL_WAIT_LINK)
			d = RTE_MIN(d, c->wait_until);
	return d;
}

/* ---- life ---- */

static int
mp_activate_vc(void *ctx, uint32_t slot, const struct mcm_condis_media *m)
{
	return mcm_vc_publish(ctx, slot, m);
}

static int
mp_deactivate_vc(void *ctx, uint32_t slot)
{
	return mcm_vc_unpublish(ctx, slot);
}

static uint16_t
mp_send(void *ctx, uint32_t slot, void **pkts, uint16_t n)
{
	return mcm_vc_send_slot(ctx, slot, (struct rte_mbuf **)pkts, n);
}

static int
mp_pvc_slot_hint(void *ctx, uint16_t vpi, uint16_t vci)
{
	return mcm_vc_slot_hint(ctx, vpi, vci);
}

static const struct mcm_condis_mp_ops mp_ops = {
	.activate_vc = mp_activate_vc,
	.deactivate_vc = mp_deactivate_vc,
	.oid_request = mcm_mp_oid_request_op,
	.send = mp_send,
	.pvc_slot_hint = mp_pvc_slot_hint,
};

int
mcm_cm_init(struct mcm_port *port)
{
	struct mcm_cm *cm;
	struct mcm_cm_client *bridge;
	int rc;

	cm = rte_zmalloc("mcm_cm", sizeof(*cm), 0);
	if (cm == NULL)
		return -ENOMEM;
	cm->port = port;
	cm->ncalls = mcm_condis_capacity(port->reg);
	cm->calls = rte_zmalloc("mcm_calls", sizeof(*cm->calls) * ((cm->ncalls +
				MCM_CM_CALL_CHUNK - 1) >> MCM_CM_CALL_CHUNK_BITS), 0);
	if (cm->calls == NULL) {
		rte_free(cm);
		return -ENOMEM;
	}
	port->cm = cm;
	rc = mcm_condis_register_cm(port->reg, &cm_ops, port);
	if (rc == 0)
		rc = mcm_condis_register_miniport(port->reg, &mp_ops, port);
	if (rc != 0)
		return rc;
	/* client 0: the built-in bridge client (ethdev face and mcm-ctl) */
	bridge = &cm->clients[RTE_PMD_MCM_BRIDGE_CLIENT];
	bridge->cm = cm;
	bridge->id = RTE_PMD_MCM_BRIDGE_CLIENT;
	bridge->evfd = -1;
	rc = mcm_condis_af_open(port->reg, &client_ops, bridge, &bridge->af);
	if (rc != 0)
		return rc;
	bridge->used = true;
	if (port->cfg.sig) {
		struct mcm_sig_params sp;
		struct mcm_sig_cbs cbs = {
			.send_pdu = sig_send_pdu, .event = uni_event, .trace = sig_trace,
			.vc_taken = sig_vc_taken, .arg = port,
		};

		mcm_sig_params_default(&sp, port->cfg.role == MCM_ROLE_NETWORK ?
				       MCM_UNI_SIDE_NETWORK : MCM_UNI_SIDE_USER);
		sp.uni.max_calls = cm->ncalls;
		sp.uni.vpi_min = 0;
		/* the network side gives VCIs 32..65535 of VPI 0, then of the next VPIs as
		 * max_vcs needs (65,504 a VPI)
		 */
		sp.uni.vpi_max = (uint16_t)RTE_MIN((cm->ncalls - 1) /
			(MCM_ATM_VCI_MAX + 1u - MCM_ATM_VCI_FIRST_USER), (uint32_t)MCM_ATM_VPI_MAX);
		sp.uni.vci_min = MCM_ATM_VCI_FIRST_USER;
		sp.uni.vci_max = MCM_ATM_VCI_MAX;
		port->sig = mcm_sig_create(&sp, &cbs);
		if (port->sig == NULL)
			return -ENOMEM;
	}
	return 0;
}

void
mcm_cm_start(struct mcm_port *port)
{
	if (port->sig != NULL)
		mcm_sig_start(port->sig, port->now_ns);
}

void
mcm_cm_fini(struct mcm_port *port)
{
	struct mcm_cm *cm = port->cm;
	struct mcm_call *c;
	uint32_t i;

	if (cm == NULL)
		return;
	/* requests still waiting learn that the port is gone */
	for (i = 0; (c = mcm_cm_call_next(cm, &i)) != NULL; i++) {
		if (c->waiter != NULL)
			mcm_ctrl_complete(c->waiter, -ENODEV);
		if (c->release_waiter != NULL)
			mcm_ctrl_complete(c->release_waiter, -ENODEV);
		if (c->close_waiter != NULL)
			mcm_ctrl_complete(c->close_waiter, -ENODEV);
		c->close_waiter = NULL;
		c->waiter = NULL;
		c->release_waiter = NULL;
	}
	mcm_capture_stop(port, NULL);
	mcm_sig_destroy(port->sig);
	port->sig = NULL;
	for (i = 1; i < MCM_CM_MAX_CLIENTS; i++)
		if (cm->clients[i].used) {
			close(cm->clients[i].evfd);
			rte_ring_free(cm->clients[i].events);
		}
	for (i = 0; i < cm->ncalls; i += MCM_CM_CALL_CHUNK)
		rte_free(cm->calls[i >> MCM_CM_CALL_CHUNK_BITS]);
	rte_free(cm->calls);
	rte_free(cm);
	port->cm = NULL;
}
