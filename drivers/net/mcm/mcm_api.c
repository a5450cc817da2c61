/* SPDX-License-Identifier: BSD-3-Clause
 * rte_pmd_mcm.h: the client-facing API. State changes go to the port's control thread
 * (mcm_ctrl_call); reads take the control-plane lock.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <rte_mbuf_dyn.h>

#include "mcm_cm.h"

int mcm_dynfield_offset = -1;
uint64_t mcm_dynflag_vc;
uint64_t mcm_dynflag_raw;

int
rte_pmd_mcm_dynfield_register(void)
{
	static const struct rte_mbuf_dynfield field = {
		.name = RTE_PMD_MCM_DYNFIELD_VC_NAME,
		.size = sizeof(rte_pmd_mcm_vc_t),
		.align = __alignof__(rte_pmd_mcm_vc_t),
	};
	static const struct rte_mbuf_dynflag flag_vc = { .name = RTE_PMD_MCM_DYNFLAG_VC_NAME };
	static const struct rte_mbuf_dynflag flag_raw = { .name = RTE_PMD_MCM_DYNFLAG_RAW_NAME };
	int off, bit_vc, bit_raw;

	off = rte_mbuf_dynfield_register(&field);
	bit_vc = rte_mbuf_dynflag_register(&flag_vc);
	bit_raw = rte_mbuf_dynflag_register(&flag_raw);
	if (off < 0 || bit_vc < 0 || bit_raw < 0)
		return -rte_errno;
	mcm_dynfield_offset = off;
	mcm_dynflag_vc = RTE_BIT64(bit_vc);
	mcm_dynflag_raw = RTE_BIT64(bit_raw);
	return 0;
}

void
rte_pmd_mcm_mbuf_set_vc(struct rte_mbuf *m, rte_pmd_mcm_vc_t vc)
{
	*RTE_MBUF_DYNFIELD(m, mcm_dynfield_offset, rte_pmd_mcm_vc_t *) = vc;
	m->ol_flags |= mcm_dynflag_vc;
}

int
rte_pmd_mcm_mbuf_get_vc(const struct rte_mbuf *m, rte_pmd_mcm_vc_t *vc)
{
	if (mcm_dynfield_offset < 0 || !(m->ol_flags & mcm_dynflag_vc))
		return -ENOENT;
	*vc = *RTE_MBUF_DYNFIELD(m, mcm_dynfield_offset, const rte_pmd_mcm_vc_t *);
	return 0;
}

void
rte_pmd_mcm_mbuf_set_raw(struct rte_mbuf *m, int raw)
{
	if (raw)
		m->ol_flags |= mcm_dynflag_raw;
	else
		m->ol_flags &= ~mcm_dynflag_raw;
}

int
rte_pmd_mcm_mbuf_is_raw(const struct rte_mbuf *m)
{
	return (m->ol_flags & mcm_dynflag_raw) != 0;   /* 0 until registered */
}

static int
call_label(uint16_t port_id, enum mcm_cmd_type type, uint16_t vpi, uint16_t vci,
	   enum mcm_encap encap, const struct rte_ether_addr *mac, uint32_t label, bool pdu)
{
	struct mcm_port *port = mcm_port_get(port_id);
	struct mcm_cmd_args a = { .type = type, .vpi = vpi, .vci = vci, .encap = encap,
				  .label = label, .pdu = pdu };

	if (port == NULL)
		return -ENODEV;
	if (vpi > MCM_ATM_VPI_MAX)
		return -EINVAL;
	if (mac != NULL)
		a.mac = *mac;
	return mcm_ctrl_call(port, &a);
}

static int
call(uint16_t port_id, enum mcm_cmd_type type, uint16_t vpi, uint16_t vci,
     enum mcm_encap encap, const struct rte_ether_addr *mac)
{
	return call_label(port_id, type, vpi, vci, encap, mac, 0, false);
}

/* The driver's encapsulation for @p encap on @p port: 0, or -EINVAL. */
static int
encap_of(const struct mcm_port *port, enum rte_pmd_mcm_encap encap, enum mcm_encap *e)
{
	if (encap == RTE_PMD_MCM_ENCAP_PORT) {
		*e = port->cfg.encap;
		return 0;
	}
	if ((unsigned int)encap > RTE_PMD_MCM_ENCAP_VCMUX_ROUTED)
		return -EINVAL;
	*e = (enum mcm_encap)encap;   /* numbered alike (mcm_private.h) */
	return 0;
}

static int
pvc_add(uint16_t port_id, uint16_t vpi, uint16_t vci, enum rte_pmd_mcm_encap encap,
	uint32_t label, bool pdu)
{
	struct mcm_port *port = mcm_port_get(port_id);
	enum mcm_encap e;

	if (port == NULL)
		return -ENODEV;
	if (encap_of(port, encap, &e) != 0)
		return -EINVAL;
	return call_label(port_id, MCM_CMD_PVC_ADD, vpi, vci, e, NULL, label, pdu);
}

/* One command for VCs @p from .. @p from + @p n - 1 of the range from @p vpi/@p vci. */
static int
range_step(struct mcm_port *port, enum mcm_cmd_type type, uint16_t vpi, uint16_t vci,
	   uint32_t from, uint32_t n, enum mcm_encap e)
{
	struct mcm_cmd_args a = { .type = type, .vpi = vpi, .vci = vci, .encap = e,
				  .from = from, .count = n };

	return mcm_ctrl_call(port, &a);
}

int
rte_pmd_mcm_pvc_add_range(uint16_t port_id, uint16_t vpi, uint16_t vci, uint32_t count,
			  enum rte_pmd_mcm_encap encap)
{
	struct mcm_port *port = mcm_port_get(port_id);
	uint32_t done = 0, n;
	enum mcm_encap e;
	int rc = 0;

	if (port == NULL)
		return -ENODEV;
	if (encap_of(port, encap, &e) != 0)
		return -EINVAL;
	rc = mcm_pvc_range_check(vpi, vci, count);
	if (rc != 0)
		return rc;
	for (done = 0; done < count && rc == 0; done += n) {
		n = RTE_MIN(count - done, MCM_PVC_RANGE_STEP);
		rc = range_step(port, MCM_CMD_PVC_ADD_RANGE, vpi, vci, done, n, e);
	}
	if (rc != 0 && done > n)   /* all or none: the earlier steps go again */
		rte_pmd_mcm_pvc_del_range(port_id, vpi, vci, done - n);
	return rc;
}

int
rte_pmd_mcm_pvc_del_range(uint16_t port_id, uint16_t vpi, uint16_t vci, uint32_t count)
{
	struct mcm_port *port = mcm_port_get(port_id);
	uint32_t done, n;
	int rc, first = 0;

	if (port == NULL)
		return -ENODEV;
	rc = mcm_pvc_range_check(vpi, vci, count);
	if (rc != 0)
		return rc;
	/* the last step first, as each step deletes its VCs last first (mcm_vc_pvc_del_range):
	 * the range added again takes the same slots
	 */
	for (done = count; done > 0; done -= n) {
		n = (done - 1) % MCM_PVC_RANGE_STEP + 1;
		rc = range_step(port, MCM_CMD_PVC_DEL_RANGE, vpi, vci, done - n, n, 0);
		if (rc != 0 && first == 0)
			first = rc;
	}
	return first;
}

int
rte_pmd_mcm_pvc_add(uint16_t port_id, uint16_t vpi, uint16_t vci,
		    enum rte_pmd_mcm_encap encap)
{
	return pvc_add(port_id, vpi, vci, encap, 0, false);
}

int
rte_pmd_mcm_pvc_add_sdu(uint16_t port_id, uint16_t vpi, uint16_t vci,
			enum rte_pmd_mcm_encap encap, uint32_t label)
{
	if (label == 0)
		return -EINVAL;
	return pvc_add(port_id, vpi, vci, encap, label, false);
}

int
rte_pmd_mcm_pvc_add_pw(uint16_t port_id, uint16_t vpi, uint16_t vci,
		       enum rte_pmd_mcm_encap encap, enum rte_pmd_mcm_pw_mode mode, uint32_t label)
{
	switch (mode) {
	case RTE_PMD_MCM_PW_CELLS:
		return label == 0 ? pvc_add(port_id, vpi, vci, encap, 0, false) : -EINVAL;
	case RTE_PMD_MCM_PW_SDU:
	case RTE_PMD_MCM_PW_PDU:
		if (label == 0)
			return -EINVAL;
		return pvc_add(port_id, vpi, vci, encap, label, mode == RTE_PMD_MCM_PW_PDU);
	default:
		return -EINVAL;
	}
}

int
rte_pmd_mcm_pvc_del(uint16_t port_id, uint16_t vpi, uint16_t vci)
{
	return call(port_id, MCM_CMD_PVC_DEL, vpi, vci, 0, NULL);
}

int
rte_pmd_mcm_bind_hash(uint16_t port_id, uint16_t vpi, uint16_t vci, uint32_t count)
{
	struct mcm_port *port = mcm_port_get(port_id);
	struct mcm_cmd_args a = { .type = MCM_CMD_BIND_HASH, .vpi = vpi, .vci = vci,
				  .count = count };

	if (port == NULL)
		return -ENODEV;
	return mcm_ctrl_call(port, &a);
}

int
rte_pmd_mcm_bind_hash_get(uint16_t port_id, rte_pmd_mcm_vc_t *first, uint32_t *count)
{
	struct mcm_port *port = mcm_port_get(port_id);
	uint64_t v;

	if (port == NULL)
		return -ENODEV;
	if (first == NULL || count == NULL)
		return -EINVAL;
	v = __atomic_load_n(&port->hash_bind, __ATOMIC_ACQUIRE);
	*first = (rte_pmd_mcm_vc_t)(v >> 32);
	*count = (uint32_t)v;
	return 0;
}

int
rte_pmd_mcm_bind_default(uint16_t port_id, uint16_t vpi, uint16_t vci)
{
	return call(port_id, MCM_CMD_BIND_DEFAULT, vpi, vci, 0, NULL);
}

int
rte_pmd_mcm_bind_mac(uint16_t port_id, const struct rte_ether_addr *mac, uint16_t vpi,
		     uint16_t vci)
{
	if (mac == NULL)
		return -EINVAL;
	return call(port_id, MCM_CMD_BIND_MAC, vpi, vci, 0, mac);
}

int
rte_pmd_mcm_unbind_mac(uint16_t port_id, const struct rte_ether_addr *mac)
{
	if (mac == NULL)
		return -EINVAL;
	return call(port_id, MCM_CMD_UNBIND_MAC, 0, 0, 0, mac);
}

int
rte_pmd_mcm_vc_list(uint16_t port_id, struct rte_pmd_mcm_vc_info *out, unsigned int max,
		    unsigned int start, unsigned int *total)
{
	struct mcm_port *port = mcm_port_get(port_id);
	uint32_t *slots, n, i;

	if (port == NULL)
		return -ENODEV;
	if (out == NULL && max > 0)
		return -EINVAL;
	slots = malloc(sizeof(*slots) * (max ? max : 1));
	if (slots == NULL)
		return -ENOMEM;
	pthread_mutex_lock(&port->lock);
	n = mcm_condis_vc_list(port->reg, start, slots, max);
	for (i = 0; i < n; i++)
		mcm_vc_info_fill(port, slots[i], &out[i]);
	if (total != NULL)
		*total = mcm_condis_count(port->reg);
	pthread_mutex_unlock(&port->lock);
	free(slots);
	return (int)n;
}

/* Find a client VC under the control-plane lock and let @p fill read it. */
static int
with_vc(uint16_t port_id, uint16_t vpi, uint16_t vci,
	void (*fill)(struct mcm_port *, uint32_t, void *), void *out)
{
	struct mcm_port *port = mcm_port_get(port_id);
	int slot;

	if (port == NULL)
		return -ENODEV;
	if (out == NULL)
		return -EINVAL;
	pthread_mutex_lock(&port->lock);
	slot = mcm_condis_vc_find(port->reg, vpi, vci);
	if (slot >= 0)
		fill(port, (uint32_t)slot, out);
	pthread_mutex_unlock(&port->lock);
	return slot < 0 ? slot : 0;
}

static void
fill_info(struct mcm_port *port, uint32_t slot, void *out)
{
	mcm_vc_info_fill(port, slot, out);
}

static void
fill_stats(struct mcm_port *port, uint32_t slot, void *out)
{
	mcm_vc_stats_sum(port, slot, out);
}

int
rte_pmd_mcm_vc_info_get(uint16_t port_id, uint16_t vpi, uint16_t vci,
			struct rte_pmd_mcm_vc_info *info)
{
	return with_vc(port_id, vpi, vci, fill_info, info);
}

int
rte_pmd_mcm_vc_stats_get(uint16_t port_id, uint16_t vpi, uint16_t vci,
			 struct rte_pmd_mcm_vc_stats *stats)
{
	return with_vc(port_id, vpi, vci, fill_stats, stats);
}

/* The control thread writes them one at a time: each is read whole, the set not at once. */
static void
fill_oam_stats(struct mcm_port *port, uint32_t slot, void *out)
{
	const uint64_t *in = (const uint64_t *)mcm_vc_oam(port, slot, false);
	uint64_t *o = out;
	unsigned int i;

	for (i = 0; i < sizeof(struct rte_pmd_mcm_vc_oam_stats) / sizeof(uint64_t); i++)
		o[i] = in != NULL ? MCM_STAT_GET(in[i]) : 0;   /* none made: no OAM cell yet */
}

int
rte_pmd_mcm_vc_oam_stats_get(uint16_t port_id, uint16_t vpi, uint16_t vci,
			     struct rte_pmd_mcm_vc_oam_stats *stats)
{
	return with_vc(port_id, vpi, vci, fill_oam_stats, stats);
}

int
rte_pmd_mcm_oam_cc_set(uint16_t port_id, uint16_t vpi, uint16_t vci, int on)
{
	struct mcm_port *port = mcm_port_get(port_id);
	struct mcm_cmd_args a = {
		.type = MCM_CMD_OAM_CC, .vpi = vpi, .vci = vci, .count = on ? 1 : 0,
	};

	if (port == NULL)
		return -ENODEV;
	return mcm_ctrl_call(port, &a);
}

static void
fill_cc(struct mcm_port *port, uint32_t slot, void *out)
{
	const struct mcm_vc_fault *vf = mcm_vc_fault(port, slot, false);

	*(int *)out = vf != NULL && vf->used && vf->cc;
}

int
rte_pmd_mcm_oam_cc_get(uint16_t port_id, uint16_t vpi, uint16_t vci, int *on)
{
	return with_vc(port_id, vpi, vci, fill_cc, on);
}

int
rte_pmd_mcm_default_vc_get(uint16_t port_id, rte_pmd_mcm_vc_t *vc)
{
	struct mcm_port *port = mcm_port_get(port_id);
	uint32_t d;

	if (port == NULL)
		return -ENODEV;
	d = __atomic_load_n(&port->default_vc, __ATOMIC_ACQUIRE);
	if (d == MCM_NO_VC)
		return -ENOENT;
	*vc = d;
	return 0;
}

uint16_t
rte_pmd_mcm_vc_send(uint16_t port_id, uint16_t queue_id, rte_pmd_mcm_vc_t vc,
		    struct rte_mbuf **pkts, uint16_t nb_pkts)
{
	uint16_t i;

	if (mcm_port_get(port_id) == NULL)
		return 0;
	for (i = 0; i < nb_pkts; i++)
		rte_pmd_mcm_mbuf_set_vc(pkts[i], vc);
	return rte_eth_tx_burst(port_id, queue_id, pkts, nb_pkts);
}

/* ---- the call manager (rte_pmd_mcm.h): each request runs on the control thread ---- */

/* A call set-up may take 2 x T303 + T310 plus the signalling link's establishment: the
 * synchronous wrappers wait longer than that.
 */
#define MCM_CALL_TIMEOUT_S 60

static int
cm_call(uint16_t port_id, struct mcm_cm_req *req, unsigned int timeout_s)
{
	struct mcm_port *port = mcm_port_get(port_id);

	if (port == NULL)
		return -ENODEV;
	return mcm_ctrl_call_data(port, MCM_CMD_CM, req, sizeof(*req), timeout_s);
}

int
rte_pmd_mcm_client_open(uint16_t port_id, uint32_t *client)
{
	struct mcm_cm_req req = { .op = MCM_CM_OP_CLIENT_OPEN };
	int rc;

	if (client == NULL)
		return -EINVAL;
	rc = cm_call(port_id, &req, MCM_CMD_TIMEOUT_S);
	if (rc == 0)
		*client = req.client;
	return rc;
}

int
rte_pmd_mcm_client_close(uint16_t port_id, uint32_t client)
{
	struct mcm_cm_req req = { .op = MCM_CM_OP_CLIENT_CLOSE, .client = client };

	return cm_call(port_id, &req, MCM_CMD_TIMEOUT_S);
}

/* A client's event queue; the ring is single-consumer: one thread reads a client's events. */
static struct mcm_cm_client *
api_client(uint16_t port_id, uint32_t client, int *rc)
{
	struct mcm_port *port = mcm_port_get(port_id);
	struct mcm_cm_client *cl;

	*rc = 0;
	if (port == NULL || port->cm == NULL) {
		*rc = -ENODEV;
		return NULL;
	}
	cl = client < MCM_CM_MAX_CLIENTS ? &port->cm->clients[client] : NULL;
	if (cl == NULL || !__atomic_load_n(&cl->used, __ATOMIC_ACQUIRE) || cl->events == NULL) {
		*rc = -ENOENT;
		return NULL;
	}
	return cl;
}

int
rte_pmd_mcm_event_fd(uint16_t port_id, uint32_t client)
{
	int rc;
	struct mcm_cm_client *cl = api_client(port_id, client, &rc);

	return cl == NULL ? rc : cl->evfd;
}

int
rte_pmd_mcm_event_get(uint16_t port_id, uint32_t client, struct rte_pmd_mcm_event *ev)
{
	int rc;
	struct mcm_cm_client *cl = api_client(port_id, client, &rc);
	uint64_t n;

	if (cl == NULL)
		return rc;
	if (ev == NULL)
		return -EINVAL;
	/* The eventfd is a level, not a count: the control thread enqueues, then writes it.
	 * It is cleared when the queue is seen empty and set again if an event came in
	 * between, so it is never left readable with nothing behind it for longer than the
	 * next call (an event_get between the enqueue and the write costs one spurious wake-up).
	 */
	if (rte_ring_sc_dequeue_elem(cl->events, ev, sizeof(*ev)) != 0) {
		if (read(cl->evfd, &n, sizeof(n)) < 0 && errno != EAGAIN)
			return -errno;
		if (rte_ring_sc_dequeue_elem(cl->events, ev, sizeof(*ev)) != 0)
			return -EAGAIN;
	}
	if (rte_ring_empty(cl->events)) {
		if (read(cl->evfd, &n, sizeof(n)) < 0 && errno != EAGAIN)
			return -errno;
		if (!rte_ring_empty(cl->events))
			eventfd_write(cl->evfd, 1);
	}
	return 0;
}

static void
sap_from_api(const struct rte_pmd_mcm_sap *s, struct mcm_condis_sap *out)
{
	memset(out, 0, sizeof(*out));
	if (!s->any_addr) {
		out->addr.len = RTE_PMD_MCM_AESA_LEN;
		memcpy(out->addr.b, s->addr, RTE_PMD_MCM_AESA_LEN);
	}
	if (s->bhli_len > 0) {
		out->bhli.present = 1;
		out->bhli.type = MCM_UNI_BHLI_USER;
		out->bhli.len = RTE_MIN(s->bhli_len, (uint8_t)sizeof(out->bhli.info));
		memcpy(out->bhli.info, s->bhli, out->bhli.len);
	}
	if (s->match_encap)
		mcm_cm_blli_from_api(s->encap, s->routed_proto, &out->blli);
}

/* Whether @p encap and @p routed_proto name a B-LLI (RFC 2684 7). */
static bool
blli_ok(uint8_t encap, uint16_t routed_proto)
{
	if (encap > RTE_PMD_MCM_ENCAP_VCMUX_ROUTED)
		return false;
	/* an EtherType is 0x0600 or more (IEEE 802.3 3.2.6): below it is a length */
	if (encap != RTE_PMD_MCM_ENCAP_VCMUX_ROUTED)
		return routed_proto == 0;
	return routed_proto == 0 || routed_proto >= 0x0600;
}

int
rte_pmd_mcm_sap_register(uint16_t port_id, uint32_t client,
			 const struct rte_pmd_mcm_sap *sap, uint32_t *sap_id)
{
	struct mcm_cm_req req = { .op = MCM_CM_OP_SAP_ADD, .client = client };
	int rc;

	if (sap == NULL || sap_id == NULL || sap->bhli_len > sizeof(sap->bhli) ||
	    (sap->match_encap && !blli_ok(sap->encap, sap->routed_proto)))
		return -EINVAL;
	sap_from_api(sap, &req.sap);
	rc = cm_call(port_id, &req, MCM_CMD_TIMEOUT_S);
	if (rc == 0)
		*sap_id = req.id;
	return rc;
}

int
rte_pmd_mcm_sap_deregister(uint16_t port_id, uint32_t client, uint32_t sap_id)
{
	struct mcm_cm_req req = { .op = MCM_CM_OP_SAP_DEL, .client = client, .id = sap_id };

	return cm_call(port_id, &req, MCM_CMD_TIMEOUT_S);
}

/* Whether the B-LLIs @p p offers can be offered: each names one (blli_ok), at most three,
 * none alike on the wire (LLC and LLC routed are), none beside no_blli (Q.2931 Annex C).
 */
static bool
blli_offer_ok(const struct rte_pmd_mcm_call_params *p)
{
	struct mcm_condis_blli b[3];
	uint8_t i, j;

	if (p->n_alt > RTE_DIM(p->alt_encap) || (p->no_blli && p->n_alt > 0) ||
	    !blli_ok(p->encap, p->routed_proto) ||
	    (p->no_blli && p->encap == RTE_PMD_MCM_ENCAP_VCMUX_ROUTED))
		return false;
	mcm_cm_blli_from_api(p->encap, p->routed_proto, &b[0]);
	for (i = 0; i < p->n_alt; i++) {
		if (!blli_ok(p->alt_encap[i], p->alt_proto[i]))
			return false;
		mcm_cm_blli_from_api(p->alt_encap[i], p->alt_proto[i], &b[i + 1]);
		for (j = 0; j <= i; j++)
			if (mcm_condis_blli_same(&b[j], &b[i + 1]))
				return false;
	}
	return true;
}

/* A make request of @p client for @p p; -EINVAL for parameters no SETUP can carry. */
static int
call_make_req(uint32_t client, const struct rte_pmd_mcm_call_params *p, struct mcm_cm_req *req)
{
	/* 24-bit cell rate fields (Q.2931 4.5.6); a backward rate alone has no forward one */
	if (p == NULL || p->bhli_len > sizeof(p->bhli) || p->pcr > 0xffffff ||
	    p->bwd_pcr > 0xffffff || (p->bwd_pcr != 0 && p->pcr == 0) ||
	    p->sdu > MCM_AAL5_MAX_SDU || !blli_offer_ok(p))
		return -EINVAL;
	memset(req, 0, sizeof(*req));
	req->op = MCM_CM_OP_CALL_MAKE;
	req->client = client;
	mcm_cm_params_from_api(p, &req->params);
	return 0;
}

int
rte_pmd_mcm_call_make(uint16_t port_id, uint32_t client,
		      const struct rte_pmd_mcm_call_params *p,
		      struct rte_pmd_mcm_call_info *info, uint8_t *cause)
{
	struct mcm_cm_req req;
	int rc = call_make_req(client, p, &req);

	if (rc != 0)
		return rc;
	rc = cm_call(port_id, &req, MCM_CALL_TIMEOUT_S);
	if (info != NULL)
		*info = req.call;
	if (cause != NULL)
		*cause = req.cause_out;
	return rc;
}

int
rte_pmd_mcm_call_make_async(uint16_t port_id, uint32_t client,
			    const struct rte_pmd_mcm_call_params *p, uint32_t *call_id)
{
	struct mcm_cm_req req;
	int rc = call_id != NULL ? call_make_req(client, p, &req) : -EINVAL;

	if (rc != 0)
		return rc;
	req.async = 1;
	rc = cm_call(port_id, &req, MCM_CMD_TIMEOUT_S);
	if (rc == 0)
		*call_id = req.call.call_id;
	return rc;
}

/* A request on one call, with its outcome as the only answer. */
static int
call_op(uint16_t port_id, struct mcm_cm_req *req, unsigned int timeout_s)
{
	if (req->call_id == 0)
		return -ENOENT;
	if (req->cause > 127)
		return -EINVAL;    /* Q.2931 4.5.15: 7 bits */
	return cm_call(port_id, req, timeout_s);
}

int
rte_pmd_mcm_call_release(uint16_t port_id, uint32_t client, uint32_t call_id, uint8_t cause)
{
	struct mcm_cm_req req = {
		.op = MCM_CM_OP_CALL_RELEASE, .client = client, .call_id = call_id,
		.cause = cause,
	};

	return call_op(port_id, &req, MCM_CALL_TIMEOUT_S);
}

int
rte_pmd_mcm_call_release_async(uint16_t port_id, uint32_t client, uint32_t call_id,
			       uint8_t cause)
{
	struct mcm_cm_req req = {
		.op = MCM_CM_OP_CALL_RELEASE, .client = client, .call_id = call_id,
		.cause = cause, .async = 1,
	};

	return call_op(port_id, &req, MCM_CMD_TIMEOUT_S);
}

int
rte_pmd_mcm_call_answer(uint16_t port_id, uint32_t client, uint32_t call_id, int accept,
			uint8_t cause)
{
	struct mcm_cm_req req = {
		.op = MCM_CM_OP_CALL_ANSWER, .client = client, .call_id = call_id,
		.accept = accept != 0, .cause = cause,
	};

	return call_op(port_id, &req, MCM_CMD_TIMEOUT_S);
}

int
rte_pmd_mcm_party_add(uint16_t port_id, uint32_t client, uint32_t call_id,
		      const uint8_t *called, uint32_t *party_id)
{
	struct mcm_cm_req req = { .op = MCM_CM_OP_PARTY_ADD, .client = client, .call_id = call_id };
	int rc;

	if (called == NULL || party_id == NULL)
		return -EINVAL;
	req.params.called.len = RTE_PMD_MCM_AESA_LEN;
	memcpy(req.params.called.b, called, RTE_PMD_MCM_AESA_LEN);
	rc = call_op(port_id, &req, MCM_CMD_TIMEOUT_S);
	if (rc == 0)
		*party_id = req.id;
	return rc;
}

int
rte_pmd_mcm_party_drop(uint16_t port_id, uint32_t client, uint32_t call_id, uint32_t party_id,
		       uint8_t cause)
{
	struct mcm_cm_req req = {
		.op = MCM_CM_OP_PARTY_DROP, .client = client, .call_id = call_id,
		.id = party_id, .cause = cause,
	};

	return call_op(port_id, &req, MCM_CMD_TIMEOUT_S);
}

int
rte_pmd_mcm_party_answer(uint16_t port_id, uint32_t client, uint32_t call_id,
			 uint32_t party_id, int accept, uint8_t cause)
{
	struct mcm_cm_req req = {
		.op = MCM_CM_OP_PARTY_ANSWER, .client = client, .call_id = call_id,
		.id = party_id, .accept = accept != 0, .cause = cause,
	};

	return call_op(port_id, &req, MCM_CMD_TIMEOUT_S);
}

int
rte_pmd_mcm_call_list(uint16_t port_id, struct rte_pmd_mcm_call_info *out, unsigned int max)
{
	struct mcm_port *port = mcm_port_get(port_id);
	const struct mcm_call *c;
	unsigned int n = 0;
	uint32_t i;

	if (port == NULL || port->cm == NULL)
		return -ENODEV;
	if (out == NULL && max > 0)
		return -EINVAL;
	pthread_mutex_lock(&port->lock);
	for (i = 0; n < max && (c = mcm_cm_call_next(port->cm, &i)) != NULL; i++)
		if (c->state != MCM_CALL_FREE)
			mcm_cm_call_info(c, &out[n++]);
	pthread_mutex_unlock(&port->lock);
	return (int)n;
}

static int
oid_op(uint16_t port_id, const char *name, bool set, bool has_vc, rte_pmd_mcm_vc_t vc,
       void *buf, unsigned int len)
{
	/* a query is the port's management view: any VC, whoever owns it (rte_pmd_mcm.h); a
	 * set is of a port OID and goes as the bridge client, whose OIDs mcm-ctl sets
	 */
	struct mcm_cm_req req = {
		.op = MCM_CM_OP_OID, .client = RTE_PMD_MCM_BRIDGE_CLIENT, .oid_set = set,
		.oid_has_vc = has_vc, .oid_mgmt = !set, .vpi = rte_pmd_mcm_vc_vpi(vc),
		.vci = rte_pmd_mcm_vc_vci(vc),
	};
	int rc;

	if (name == NULL || buf == NULL)
		return -EINVAL;
	if (strlen(name) >= sizeof(req.oid_name))
		return set ? -EMSGSIZE : -ENOENT;
	if (set && len > sizeof(req.oid_buf))
		return -EMSGSIZE;
	strcpy(req.oid_name, name);
	if (set) {
		memcpy(req.oid_buf, buf, len);
		req.oid_len = len;
	}
	rc = cm_call(port_id, &req, MCM_CMD_TIMEOUT_S);
	if (rc != 0 || set)
		return rc;
	if (req.oid_len > len)
		return -EMSGSIZE;
	memcpy(buf, req.oid_buf, req.oid_len);
	return (int)req.oid_len;
}

int
rte_pmd_mcm_oid_query(uint16_t port_id, const char *name, rte_pmd_mcm_vc_t vc, void *buf,
		      unsigned int len)
{
	const struct mcm_condis_oid_desc *d = name ? mcm_condis_oid_find(name) : NULL;

	if (d == NULL)
		return -ENOENT;
	return oid_op(port_id, name, false, d->scope == MCM_CONDIS_OID_SCOPE_VC, vc, buf, len);
}

int
rte_pmd_mcm_oid_set(uint16_t port_id, const char *name, const void *buf, unsigned int len)
{
	return oid_op(port_id, name, true, false, 0, (void *)(uintptr_t)buf, len);
}
