/* SPDX-License-Identifier: BSD-3-Clause
 * lib/condis randomized: thousands of random operations from 3 clients and the MCM against
 * the fake driver (condis_fake.h), every result checked against the documented errors and
 * the framework's invariants checked after each operation: every VC has one owner, states
 * agree with each other and with what the miniport was told, counts match, stale handles
 * stay stale.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_check.h"
#include "condis_fake.h"

#define CAP 24
#define OPS 20000
#define NCLI 3
#define KNOWN 48

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

/* rc is one of the listed values (the list ends with 1, never a return value here) */
static bool
in(int rc, ...)
{
	va_list ap;
	int v;
	bool hit = false;

	va_start(ap, rc);
	while ((v = va_arg(ap, int)) != 1)
		if (v == rc)
			hit = true;
	va_end(ap);
	return hit;
}

struct known {
	mcm_condis_handle_t h;
	bool live;
};

static struct fk_client cli[NCLI];
static mcm_condis_handle_t afs[NCLI];    /* 0: closed */
static struct known vcs[KNOWN], saps[KNOWN], parties[KNOWN];
static unsigned int nvcs, nsaps, nparties;
static unsigned int op_ok[32];

static void
remember(struct known *k, unsigned int *n, mcm_condis_handle_t h)
{
	unsigned int i;

	/* replace a dead entry once the list is full, so live ones stay known */
	if (*n < KNOWN) {
		k[(*n)++] = (struct known){ h, true };
		return;
	}
	for (i = 0; i < KNOWN; i++)
		if (!k[i].live) {
			k[i] = (struct known){ h, true };
			return;
		}
}

static void
forget(struct known *k, unsigned int n, mcm_condis_handle_t h)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (k[i].h == h)
			k[i].live = false;
}

static mcm_condis_handle_t
pick(const struct known *k, unsigned int n)
{
	unsigned int i, tries = rnd(5) != 0 ? 8 : 1;

	if (n == 0)
		return 0;
	/* mostly a live handle, sometimes any (dead ones must be refused) */
	for (i = 0; i < tries; i++) {
		const struct known *e = &k[rnd(n)];

		if (e->live || i + 1 == tries)
			return e->h;
	}
	return 0;
}

/* tear one VC down the way its owner and the MCM would: close, deactivate, delete */
static int
teardown(struct mcm_condis *r, mcm_condis_handle_t vc)
{
	const struct mcm_condis_vc *v = mcm_condis_vc_by_handle(r, vc);
	mcm_condis_handle_t owner;

	if (v == NULL)
		return -ESTALE;
	owner = v->owner;
	switch (v->call_state) {
	case MCM_CONDIS_CALL_OUTGOING:
		mcm_condis_make_call_complete(r, vc, -1, 16, NULL);
		break;
	case MCM_CONDIS_CALL_INCOMING:
		mcm_condis_incoming_call_answer(r, vc, 1, 0);
		break;
	case MCM_CONDIS_CALL_ACCEPTED:
	case MCM_CONDIS_CALL_CONNECTED:
		mcm_condis_dispatch_incoming_close(r, vc, 16);
		break;
	case MCM_CONDIS_CALL_CLOSING:
		mcm_condis_close_call_complete(r, vc);
		break;
	default:
		break;
	}
	if (v->origin == MCM_CONDIS_VC_PVC)
		return mcm_condis_pvc_delete(r, vc);
	if (v->state == MCM_CONDIS_VC_ACTIVE && mcm_condis_mcm_deactivate_vc(r, vc) != 0)
		return -EIO;
	if (v->origin == MCM_CONDIS_VC_MCM_SVC)
		return mcm_condis_mcm_delete_vc(r, vc);
	return mcm_condis_vc_delete_client(r, owner, vc);
}

static struct mcm_condis_addr
addr(uint8_t last)
{
	struct mcm_condis_addr a = { .len = 20 };

	a.b[19] = last;
	return a;
}

static struct mcm_condis_call_params
params(void)
{
	struct mcm_condis_call_params p = { .called = addr((uint8_t)(1 + rnd(4))) };

	p.bhli.present = (uint8_t)rnd(2);
	p.bhli.type = 1;
	p.bhli.len = 1;
	p.bhli.info[0] = (uint8_t)rnd(2);
	p.p2mp = (uint8_t)rnd(2);
	p.fwd_pcr = rnd(1000);
	return p;
}

static struct mcm_condis_media
media(void)
{
	struct mcm_condis_media m = { .aal = 5, .max_sdu = 1524 };

	/* mostly free client VPI/VCIs, some reserved, some colliding */
	m.vpi = (uint16_t)rnd(3);
	m.vci = (uint16_t)(rnd(10) == 0 ? rnd(32) : 32 + rnd(40));
	return m;
}

static bool
overlap(const struct mcm_condis_sap *a, const struct mcm_condis_sap *b)
{
	if (a->addr.len && b->addr.len &&
	    (a->addr.len != b->addr.len || memcmp(a->addr.b, b->addr.b, a->addr.len) != 0))
		return false;
	if (a->bhli.present && b->bhli.present &&
	    (a->bhli.type != b->bhli.type || a->bhli.len != b->bhli.len ||
	     memcmp(a->bhli.info, b->bhli.info, a->bhli.len) != 0))
		return false;
	if (a->blli.present && b->blli.present &&
	    (a->blli.l2 != b->blli.l2 || a->blli.l3 != b->blli.l3 ||
	     a->blli.proto != b->blli.proto))
		return false;
	return true;
}

static unsigned long bad;

#define INV(cond, ...) do { \
	if (!(cond)) { \
		bad++; \
		CHECK(cond, __VA_ARGS__); \
	} \
} while (0)

static void
check_invariants(const struct mcm_condis *r, unsigned int step)
{
	uint32_t per_af[NCLI] = { 0 }, driver = 0, unowned = 0, total = 0, slot, i, j, n, k;
	struct mcm_condis_sap_info si[MCM_CONDIS_MAX_SAPS];
	uint32_t list[CAP];

	for (slot = 0; slot < CAP; slot++) {
		const struct mcm_condis_vc *v = mcm_condis_vc_get(r, slot);
		mcm_condis_handle_t h = mcm_condis_vc_handle(r, slot);

		if (v == NULL) {
			INV(h == 0 && fk_active[slot] == 0, "step %u: free slot %u", step, slot);
			continue;
		}
		total++;
		INV(mcm_condis_vc_slot(r, h) == (int)slot && mcm_condis_vc_by_handle(r, h) == v,
		    "step %u: handle of slot %u", step, slot);
		/* one owner: an open client, the driver, or (MCM VC not offered) nobody */
		if (v->owner != 0) {
			for (i = 0; i < NCLI; i++)
				if (afs[i] == v->owner)
					break;
			INV(i < NCLI, "step %u: slot %u owned by a closed AF", step, slot);
			if (i < NCLI)
				per_af[i]++;
		} else if (v->origin == MCM_CONDIS_VC_MCM_SVC) {
			INV(!v->offered, "step %u: offered VC without owner", step);
			unowned++;
		} else {
			INV(v->origin == MCM_CONDIS_VC_PVC, "step %u: driver owns a non-PVC", step);
			driver++;
		}
		/* states agree with each other and with the miniport */
		INV(v->state == MCM_CONDIS_VC_CREATED || v->state == MCM_CONDIS_VC_ACTIVE,
		    "step %u: state %u", step, v->state);
		INV((v->state == MCM_CONDIS_VC_ACTIVE) == (fk_active[slot] != 0),
		    "step %u: slot %u framework %u, miniport %u", step, slot, v->state,
		    fk_active[slot]);
		INV((v->state == MCM_CONDIS_VC_ACTIVE) == (v->has_vpi_vci != 0),
		    "step %u: VPI/VCI held only while active", step);
		if (v->has_vpi_vci)
			INV(v->vci >= 32 && v->vpi <= 4095 &&
			    mcm_condis_vc_find(r, v->vpi, v->vci) == (int)slot,
			    "step %u: %u/%u indexed", step, v->vpi, v->vci);
		if (v->call_state == MCM_CONDIS_CALL_NONE)
			INV(v->nparties == 0, "step %u: parties without a call", step);
		if (v->call_state == MCM_CONDIS_CALL_CLOSING)
			INV(v->state != MCM_CONDIS_VC_ACTIVE, "step %u: closing yet active", step);
		if (v->call_state == MCM_CONDIS_CALL_OUTGOING)
			INV(v->origin == MCM_CONDIS_VC_CLIENT_SVC, "step %u: outgoing", step);
		if (v->call_state == MCM_CONDIS_CALL_INCOMING ||
		    v->call_state == MCM_CONDIS_CALL_ACCEPTED)
			INV(v->origin == MCM_CONDIS_VC_MCM_SVC && v->offered, "step %u: incoming",
			    step);
		if (v->origin == MCM_CONDIS_VC_PVC)
			INV(v->call_state == MCM_CONDIS_CALL_NONE, "step %u: PVC with a call",
			    step);
	}
	INV(total == mcm_condis_count(r), "step %u: count %u vs %u", step, total,
	    mcm_condis_count(r));
	INV(mcm_condis_vc_list(r, 0, list, CAP) == total, "step %u: list", step);
	for (i = 0; i < NCLI; i++) {
		uint32_t nv = 0, ns = 0;

		if (afs[i] == 0)
			continue;
		INV(mcm_condis_af_counts(r, afs[i], &nv, &ns) == 0 && nv == per_af[i],
		    "step %u: client %u owns %u, framework says %u", step, i, per_af[i], nv);
		for (j = 0, k = 0, n = mcm_condis_sap_list(r, 0, si, MCM_CONDIS_MAX_SAPS);
		     j < n; j++)
			k += si[j].af == afs[i];
		INV(k == ns, "step %u: client %u SAPs %u vs %u", step, i, k, ns);
	}
	{
		uint32_t nv = 99;

		INV(mcm_condis_af_counts(r, 0, &nv, NULL) == 0 && nv == driver,
		    "step %u: driver owns %u, framework says %u", step, driver, nv);
	}
	(void)unowned;
	/* no two clients' SAPs overlap; every SAP's owner is open */
	n = mcm_condis_sap_list(r, 0, si, MCM_CONDIS_MAX_SAPS);
	for (i = 0; i < n; i++) {
		INV(mcm_condis_af_counts(r, si[i].af, NULL, NULL) == 0, "step %u: SAP owner", step);
		for (j = i + 1; j < n; j++)
			INV(si[i].af == si[j].af || !overlap(&si[i].sap_params, &si[j].sap_params),
			    "step %u: SAPs of two clients overlap", step);
	}
	/* what the test knows: live handles are valid, dead ones stay stale */
	for (i = 0; i < nvcs; i++)
		INV((mcm_condis_vc_by_handle(r, vcs[i].h) != NULL) == vcs[i].live,
		    "step %u: VC handle %u live=%d", step, i, vcs[i].live);
}

static void
one_op(struct mcm_condis *r, unsigned int step)
{
	struct mcm_condis_call_params p = params();
	struct mcm_condis_media m = media();
	/* op 21 uses a stale handle; op 22 (teardown) only once the table is nearly full */
	unsigned int c = rnd(NCLI), op = rnd(mcm_condis_count(r) > CAP - 4 ? 23 : 22);
	mcm_condis_handle_t af = afs[c], vc = pick(vcs, nvcs), h;
	const struct mcm_condis_vc *v = mcm_condis_vc_by_handle(r, vc);
	uint32_t before_n = 0;
	int rc = 0;

	switch (op) {
	case 0:         /* open or close a client's AF */
		if (af == 0) {
			rc = mcm_condis_af_open(r, &fk_client_ops, &cli[c], &afs[c]);
			INV(rc == 0, "step %u: open %d", step, rc);
			break;
		}
		mcm_condis_af_counts(r, af, &before_n, NULL);
		rc = mcm_condis_af_close(r, af);
		INV(before_n != 0 ? rc == -EBUSY : rc == 0, "step %u: close %d (%u VCs)", step, rc,
		    before_n);
		if (rc == 0) {
			unsigned int i;

			afs[c] = 0;
			for (i = 0; i < nsaps; i++)  /* its SAPs went with it */
				if (mcm_condis_sap_deregister(r, saps[i].h) == -ESTALE)
					saps[i].live = false;
			INV(mcm_condis_vc_create_client(r, af, &h) == -ESTALE, "step %u: stale AF",
			    step);
		}
		break;
	case 1: {       /* register a SAP */
		struct mcm_condis_sap s = { .addr = rnd(4) ? addr((uint8_t)(1 + rnd(4))) :
						      (struct mcm_condis_addr){ 0 } };

		s.bhli = p.bhli;
		if (af == 0)
			break;
		rc = mcm_condis_sap_register(r, af, &s, &h);
		INV(in(rc, 0, -EADDRINUSE, -ENOSPC, 1), "step %u: sap %d", step, rc);
		if (rc == 0)
			remember(saps, &nsaps, h);
		break;
	}
	case 2:
		h = pick(saps, nsaps);
		rc = mcm_condis_sap_deregister(r, h);
		INV(in(rc, 0, -ESTALE, -EINVAL, 1), "step %u: dereg %d", step, rc);
		if (rc == 0)
			forget(saps, nsaps, h);
		break;
	case 3:
		if (af == 0)
			break;
		rc = mcm_condis_vc_create_client(r, af, &h);
		INV(in(rc, 0, -ENOSPC, 1), "step %u: create %d", step, rc);
		if (rc == 0)
			remember(vcs, &nvcs, h);
		break;
	case 4:
		if (af == 0)
			break;
		rc = mcm_condis_vc_delete_client(r, af, vc);
		INV(in(rc, 0, -EINVAL, -ESTALE, -EACCES, -EPERM, -EBUSY, 1), "step %u: del %d",
		    step, rc);
		if (rc == 0)
			forget(vcs, nvcs, vc);
		if (rc == -EACCES)
			INV(v != NULL && v->owner != af, "step %u: EACCES on own VC", step);
		break;
	case 5:
		rc = mcm_condis_make_call(r, vc, &p);
		INV(in(rc, 0, -EINVAL, -ESTALE, -EPERM, -EBUSY, 1), "step %u: make %d", step, rc);
		break;
	case 6:         /* the MCM completes a make call, activating the VC on success */
		if (v != NULL && v->call_state == MCM_CONDIS_CALL_OUTGOING && rnd(3) != 0 &&
		    mcm_condis_mcm_activate_vc(r, vc, &m) == 0) {
			rc = mcm_condis_make_call_complete(r, vc, 0, 0, NULL);
			INV(rc == 0, "step %u: complete %d", step, rc);
			break;
		}
		rc = mcm_condis_make_call_complete(r, vc, -1, (uint8_t)(1 + rnd(100)), NULL);
		INV(in(rc, 0, -EINVAL, -ESTALE, -EPROTO, 1), "step %u: fail %d", step, rc);
		break;
	case 7:
		rc = mcm_condis_close_call(r, vc, (uint8_t)rnd(50));
		INV(in(rc, 0, -EINVAL, -ESTALE, -ENOTCONN, -EALREADY, 1), "step %u: close %d",
		    step, rc);
		break;
	case 8:
		rc = mcm_condis_close_call_complete(r, vc);
		INV(in(rc, 0, -EINVAL, -ESTALE, -EPROTO, 1), "step %u: closed %d", step, rc);
		break;
	case 9: {       /* a SETUP arrives */
		int a = (int)rnd(3);

		cli[c].answer = a == 0 ? 0 : a == 1 ? (int)(1 + rnd(100)) : MCM_CONDIS_PENDING;
		rc = mcm_condis_mcm_create_vc(r, &h);
		INV(in(rc, 0, -ENOSPC, 1), "step %u: MCM create %d", step, rc);
		if (rc != 0)
			break;
		remember(vcs, &nvcs, h);
		rc = mcm_condis_dispatch_incoming_call(r, h, &p);
		INV(in(rc, 0, -ENOENT, -EPROTONOSUPPORT, 1), "step %u: dispatch %d", step, rc);
		if (rc != 0 || mcm_condis_vc_by_handle(r, h)->call_state == MCM_CONDIS_CALL_NONE) {
			/* rejected (by us or the client): the MCM deletes its VC */
			rc = mcm_condis_mcm_delete_vc(r, h);
			INV(rc == 0, "step %u: MCM delete %d", step, rc);
			forget(vcs, nvcs, h);
		}
		break;
	}
	case 10:
		rc = mcm_condis_incoming_call_answer(r, vc, (int)rnd(2), (uint8_t)rnd(60));
		INV(in(rc, 0, -EINVAL, -ESTALE, -EALREADY, 1), "step %u: answer %d", step, rc);
		break;
	case 11:        /* CONNECT ACK: activate, then connected */
		if (v != NULL && v->call_state == MCM_CONDIS_CALL_ACCEPTED &&
		    v->state == MCM_CONDIS_VC_CREATED)
			mcm_condis_mcm_activate_vc(r, vc, &m);
		rc = mcm_condis_dispatch_call_connected(r, vc);
		INV(in(rc, 0, -EINVAL, -ESTALE, -EPROTO, 1), "step %u: connected %d", step, rc);
		break;
	case 12:
		rc = mcm_condis_dispatch_incoming_close(r, vc, (uint8_t)rnd(100));
		INV(in(rc, 0, -EINVAL, -ESTALE, -EPROTO, 1), "step %u: in close %d", step, rc);
		if (rc == 0)
			INV(mcm_condis_vc_by_handle(r, vc)->state == MCM_CONDIS_VC_CREATED,
			    "step %u: released yet active", step);
		break;
	case 13:
		rc = mcm_condis_mcm_delete_vc(r, vc);
		INV(in(rc, 0, -EINVAL, -ESTALE, -EPERM, -EBUSY, 1), "step %u: MCM del %d",
		    step, rc);
		if (rc == 0)
			forget(vcs, nvcs, vc);
		break;
	case 14:
		rc = mcm_condis_mcm_activate_vc(r, vc, &m);
		INV(in(rc, 0, -EINVAL, -ESTALE, -EPERM, -EEXIST, -EBUSY, -ENOTCONN, 1),
		    "step %u: act %d",
		    step, rc);
		if (m.vci < 32)
			INV(rc != 0, "step %u: reserved VCI %u activated", step, m.vci);
		break;
	case 15:
		rc = mcm_condis_mcm_deactivate_vc(r, vc);
		INV(in(rc, 0, -EINVAL, -ESTALE, -EBUSY, 1), "step %u: deact %d", step, rc);
		break;
	case 16:
		if (rnd(2)) {
			rc = mcm_condis_pvc_create(r, rnd(2) ? af : 0, m.vpi, m.vci, &m, &h);
			INV(in(rc, 0, -EPERM, -EEXIST, -ENOSPC, 1), "step %u: pvc %d", step, rc);
			if (rc == 0)
				remember(vcs, &nvcs, h);
		} else {
			rc = mcm_condis_pvc_delete(r, vc);
			INV(in(rc, 0, -EINVAL, -ESTALE, -EPERM, 1), "step %u: pvc del %d",
			    step, rc);
			if (rc == 0)
				forget(vcs, nvcs, vc);
		}
		break;
	case 17: {
		uint64_t refused = v != NULL ? v->send_refused : 0;
		unsigned int sends = fk_count(MP_SEND);
		void *pkts[1] = { &rc };
		uint16_t sent;

		rc = mcm_condis_send(r, vc, pkts, 1, &sent);
		INV(in(rc, 0, -EINVAL, -ESTALE, -ENOTCONN, 1), "step %u: send %d", step, rc);
		if (rc == -ENOTCONN)
			INV(v->send_refused == refused + 1 && fk_count(MP_SEND) == sends,
			    "step %u: refused send counted, not sent", step);
		break;
	}
	case 18:
		if (rnd(2)) {
			rc = mcm_condis_add_party(r, vc, &p, &h);
			INV(in(rc, 0, -EINVAL, -ESTALE, -ENOTCONN, -EOPNOTSUPP, -ENOSPC, 1),
			    "step %u: add party %d", step, rc);
		} else {        /* an ADD PARTY arrives on the leaf side (Q.2971 5.2) */
			int a = (int)rnd(3);
			uint32_t before, i;

			/* mostly on a connected p2mp call, where it can be offered */
			for (i = 0; i < 16 && rnd(4) != 0; i++) {
				mcm_condis_handle_t x = pick(vcs, nvcs);
				const struct mcm_condis_vc *xv = mcm_condis_vc_by_handle(r, x);

				if (xv != NULL && xv->params.p2mp &&
				    xv->call_state == MCM_CONDIS_CALL_CONNECTED) {
					vc = x;
					v = xv;
					break;
				}
			}
			before = v != NULL ? v->nparties : 0;

			cli[c].party_answer = a == 0 ? 0 : a == 1 ? (int)(1 + rnd(100)) :
					      MCM_CONDIS_PENDING;
			rc = mcm_condis_dispatch_incoming_party(r, vc, &p, &h);
			INV(in(rc, 0, -EINVAL, -ESTALE, -ENOTCONN, -EOPNOTSUPP, -ENOENT,
			       -EPROTONOSUPPORT, -EACCES, -ENOSPC, 1),
			    "step %u: incoming party %d", step, rc);
			if (rc != 0 && v != NULL)
				INV(v->nparties == before, "step %u: refused party kept", step);
		}
		if (rc == 0)
			remember(parties, &nparties, h);
		break;
	case 19:
		h = pick(parties, nparties);
		switch (rnd(4)) {
		case 3:
			rc = mcm_condis_incoming_party_answer(r, h, (int)rnd(2), (uint8_t)rnd(60));
			INV(in(rc, 0, -EINVAL, -ESTALE, -EALREADY, 1), "step %u: party answer %d",
			    step, rc);
			break;
		case 0:
			rc = mcm_condis_add_party_complete(r, h, (int)rnd(2), 3);
			INV(in(rc, 0, -EINVAL, -ESTALE, -EPROTO, 1), "step %u: added %d", step, rc);
			break;
		case 1:
			rc = mcm_condis_drop_party(r, h, 0);
			INV(in(rc, 0, -EINVAL, -ESTALE, -EALREADY, 1), "step %u: drop %d",
			    step, rc);
			break;
		default:
			rc = mcm_condis_dispatch_party_dropped(r, h, 16);
			INV(in(rc, 0, -EINVAL, -ESTALE, -EPROTO, 1), "step %u: dropped %d", step,
			    rc);
			break;
		}
		break;
	case 20: {      /* link status reaches every open client */
		unsigned int open = 0, i;

		fk_reset();
		for (i = 0; i < NCLI; i++)
			open += afs[i] != 0;
		rc = mcm_condis_dispatch_link_status(r, (int)rnd(2));
		INV(rc == 0 && fk_count(CL_LINK_STATUS) == open, "step %u: link %u/%u", step,
		    fk_count(CL_LINK_STATUS), open);
		break;
	}
	case 22:        /* the table fills up: let a VC go */
		rc = teardown(r, vc);
		INV(in(rc, 0, -ESTALE, -EINVAL, 1), "step %u: teardown %d", step, rc);
		if (rc == 0)
			forget(vcs, nvcs, vc);
		break;
	default: {      /* a dead VC handle is refused everywhere with -ESTALE */
		unsigned int i;

		for (i = 0; i < nvcs; i++)
			if (!vcs[i].live) {
				h = vcs[i].h;
				INV(mcm_condis_send(r, h, NULL, 0, NULL) == -ESTALE &&
				    mcm_condis_make_call(r, h, &p) == -ESTALE &&
				    mcm_condis_close_call(r, h, 0) == -ESTALE &&
				    mcm_condis_mcm_delete_vc(r, h) == -ESTALE &&
				    mcm_condis_mcm_activate_vc(r, h, &m) == -ESTALE,
				    "step %u: stale VC accepted", step);
				rc = -ESTALE;
				break;
			}
		break;
	}
	}
	if (rc == 0)
		op_ok[op]++;
	if (fk_n > FK_LOG_MAX / 2)
		fk_reset();
}

int
main(void)
{
	struct mcm_condis *r = fk_registry(CAP);
	unsigned int step, i, never = 0;

	for (i = 0; i < NCLI; i++) {
		cli[i].id = (int)i;
		CHECK(mcm_condis_af_open(r, &fk_client_ops, &cli[i], &afs[i]) == 0, "open %u", i);
	}
	for (step = 0; step < OPS && bad < 20; step++) {
		one_op(r, step);
		check_invariants(r, step);
	}
	/* every kind of operation succeeded at least once: the run explored the states */
	for (i = 0; i < 21; i++)
		if (op_ok[i] == 0)
			never++;
	CHECK(never == 0, "%u operation kinds never succeeded", never);
	CHECK(bad == 0, "%lu invariant failures", bad);
	printf("%u steps, %u VCs at the end; successes per operation:", step,
	       mcm_condis_count(r));
	for (i = 0; i < 23; i++)
		printf(" %u", op_ok[i]);
	printf("\n");
	mcm_condis_destroy(r);
	return test_summary();
}
