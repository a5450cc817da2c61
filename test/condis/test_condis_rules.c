/* SPDX-License-Identifier: BSD-3-Clause
 * lib/condis: the CoNDIS rules (DESIGN.md "The roles", "lib/condis: the framework's shape"),
 * one test each, against a fake driver that records every call-manager and miniport call and
 * fake clients that record every event (condis_fake.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_check.h"
#include "condis_fake.h"

static const struct mcm_condis_media media100 = {
	.aal = 5, .encap = 1, .max_sdu = 9180, .pcr = 1000, .fwd_pcr = 1000, .bwd_pcr = 2000,
	.fwd_sdu = 9180, .bwd_sdu = 1500,
};

static struct mcm_condis_addr
aesa(uint8_t last)
{
	struct mcm_condis_addr a = { .len = 20 };

	a.b[0] = 0x47;
	a.b[19] = last;
	return a;
}

static struct mcm_condis_media
media_at(uint16_t vpi, uint16_t vci)
{
	struct mcm_condis_media m = media100;

	m.vpi = vpi;
	m.vci = vci;
	return m;
}

/* an outgoing call of @p af up to connected on @p vpi/@p vci; returns the VC */
static mcm_condis_handle_t
connected_call(struct mcm_condis *r, mcm_condis_handle_t af, uint16_t vpi, uint16_t vci,
	       uint8_t p2mp)
{
	struct mcm_condis_call_params p = { .called = aesa(9), .p2mp = p2mp };
	struct mcm_condis_media m = media_at(vpi, vci);
	mcm_condis_handle_t vc = 0;

	CHECK(mcm_condis_vc_create_client(r, af, &vc) == 0, "create VC");
	CHECK(mcm_condis_make_call(r, vc, &p) == 0, "make call");
	CHECK(mcm_condis_mcm_activate_vc(r, vc, &m) == 0, "activate");
	p.vpi = vpi;
	p.vci = vci;
	CHECK(mcm_condis_make_call_complete(r, vc, 0, 0, &p) == 0, "complete");
	return vc;
}

/* Rule: a client's create/delete VC goes to the call manager; the miniport has none. */
static void
test_create_delete_goes_to_cm(void)
{
	struct mcm_condis *r = fk_registry(8);
	struct fk_client c = { .id = 1 };
	mcm_condis_handle_t af, vc;
	int i;

	/* the miniport table has exactly activate, deactivate, OID request, send and the PVC
	 * slot hint (a preference, not a create)
	 */
	CHECK(sizeof(struct mcm_condis_mp_ops) == 5 * sizeof(void (*)(void)), "mp ops size");
	CHECK(mcm_condis_af_open(r, &fk_client_ops, &c, &af) == 0, "open AF");
	CHECK(fk_count(CM_OPEN_AF) == 1 && fk_log[0].h == af, "cm open_af");
	fk_reset();
	CHECK(mcm_condis_vc_create_client(r, af, &vc) == 0, "create VC");
	CHECK(fk_n == 1 && fk_log[0].op == CM_CREATE_VC && fk_log[0].h == vc, "cm create_vc");
	CHECK(mcm_condis_handle_kind(vc) == MCM_CONDIS_HANDLE_VC && vc != 0, "VC handle");
	CHECK(mcm_condis_vc_by_handle(r, vc)->owner == af, "owner");
	CHECK(mcm_condis_vc_by_handle(r, vc)->state == MCM_CONDIS_VC_CREATED, "created");
	CHECK(mcm_condis_vc_by_handle(r, vc)->has_vpi_vci == 0, "no VPI/VCI yet");
	fk_reset();
	CHECK(mcm_condis_vc_delete_client(r, af, vc) == 0, "delete VC");
	CHECK(fk_n == 1 && fk_log[0].op == CM_DELETE_VC && fk_log[0].h == vc, "cm delete_vc");
	for (i = 0; i < (int)fk_n; i++)
		CHECK(fk_log[i].op < MP_ACTIVATE || fk_log[i].op > MP_SEND, "no miniport call");
	CHECK(mcm_condis_count(r) == 0, "gone");
	/* the call manager refuses: nothing is left behind */
	fk_fail[CM_CREATE_VC] = -ENOMEM;
	CHECK(mcm_condis_vc_create_client(r, af, &vc) == -ENOMEM, "cm refuses");
	CHECK(mcm_condis_count(r) == 0, "nothing left");
	CHECK(mcm_condis_af_close(r, af) == 0, "close");
	mcm_condis_destroy(r);
}

/* Rule: an incoming call's VC comes from MCM create VC and goes to the matching SAP. */
static void
test_incoming_dispatch(void)
{
	struct mcm_condis *r = fk_registry(8);
	struct fk_client c1 = { .id = 1, .answer = 0 }, c2 = { .id = 2, .answer = 0 };
	struct mcm_condis_sap s1 = { .addr = aesa(1) }, s2 = { .addr = aesa(2) };
	struct mcm_condis_call_params p = { .called = aesa(1), .calling = aesa(7) };
	mcm_condis_handle_t af1, af2, sap1, sap2, vc;
	struct mcm_condis_vc before;
	int e;

	s1.bhli = (struct mcm_condis_bhli){ .present = 1, .type = 1, .len = 2, .info = { 7, 7 } };
	s2.blli = (struct mcm_condis_blli){ .present = 1, .l2 = 12, .l3 = 0 };
	CHECK(mcm_condis_af_open(r, &fk_client_ops, &c1, &af1) == 0, "af1");
	CHECK(mcm_condis_af_open(r, &fk_client_ops, &c2, &af2) == 0, "af2");
	CHECK(mcm_condis_sap_register(r, af1, &s1, &sap1) == 0, "sap1");
	CHECK(mcm_condis_sap_register(r, af2, &s2, &sap2) == 0, "sap2");
	CHECK(mcm_condis_mcm_create_vc(r, &vc) == 0, "MCM create VC");
	CHECK(mcm_condis_vc_by_handle(r, vc)->owner == 0 &&
	      mcm_condis_vc_by_handle(r, vc)->origin == MCM_CONDIS_VC_MCM_SVC, "nobody's yet");
	/* not offered yet: it cannot carry traffic */
	{
		struct mcm_condis_media m = media_at(0, 40);

		CHECK(mcm_condis_mcm_activate_vc(r, vc, &m) == -EPERM, "activate unowned");
	}
	/* no SAP for the address: -ENOENT (cause 1); nothing changes */
	before = *mcm_condis_vc_by_handle(r, vc);
	fk_reset();
	p.called = aesa(3);
	CHECK(mcm_condis_dispatch_incoming_call(r, vc, &p) == -ENOENT, "no SAP");
	/* address matches, BHLI does not: -EPROTONOSUPPORT (cause 88) */
	p.called = aesa(1);
	p.bhli = (struct mcm_condis_bhli){ .present = 1, .type = 1, .len = 2, .info = { 7, 8 } };
	CHECK(mcm_condis_dispatch_incoming_call(r, vc, &p) == -EPROTONOSUPPORT, "BHLI");
	/* address 2 with a B-LLI that is not the SAP's */
	p.called = aesa(2);
	p.blli = (struct mcm_condis_blli){ .present = 1, .l2 = 1, .l3 = 11 };
	CHECK(mcm_condis_dispatch_incoming_call(r, vc, &p) == -EPROTONOSUPPORT, "BLLI");
	CHECK(fk_n == 0, "no handler ran");
	CHECK(memcmp(&before, mcm_condis_vc_by_handle(r, vc), sizeof(before)) == 0, "unchanged");
	/* the right one: client 2 gets vc_created, then incoming_call; the VC is its own */
	p.blli.l2 = 12;
	p.blli.l3 = 0;
	CHECK(mcm_condis_dispatch_incoming_call(r, vc, &p) == 0, "dispatch");
	e = fk_find(CL_VC_CREATED, 0);
	CHECK(e >= 0 && fk_log[e].ctx == &c2 && fk_log[e].h == vc, "vc_created to client 2");
	e = fk_find(CL_INCOMING_CALL, 0);
	CHECK(e >= 0 && fk_log[e].ctx == &c2 && fk_log[e].h2 == sap2 &&
	      fk_log[e].params.calling.b[19] == 7, "incoming_call to client 2 via sap2");
	CHECK(fk_find(CL_VC_CREATED, 0) < fk_find(CL_INCOMING_CALL, 0), "created first");
	CHECK(mcm_condis_vc_by_handle(r, vc)->owner == af2, "owner is client 2");
	CHECK(c1.events == 0, "client 1 saw nothing");
	/* c2 accepted at once: the call manager hears it */
	e = fk_find(CM_INCOMING_COMPLETE, 0);
	CHECK(e >= 0 && fk_log[e].status == 0 && fk_log[e].h == vc, "accepted");
	CHECK(mcm_condis_dispatch_incoming_call(r, vc, &p) == -EBUSY, "offered twice");
	/* the MCM cannot delete it with a call on it; after the close it can */
	CHECK(mcm_condis_mcm_delete_vc(r, vc) == -EBUSY, "delete with call");
	CHECK(mcm_condis_dispatch_incoming_close(r, vc, 31) == 0, "released");
	fk_reset();
	CHECK(mcm_condis_mcm_delete_vc(r, vc) == 0, "MCM delete VC");
	CHECK(fk_n == 1 && fk_log[0].op == CL_VC_DELETED && fk_log[0].ctx == &c2, "vc_deleted");
	CHECK(mcm_condis_vc_by_handle(r, vc) == NULL, "gone");
	/* the more specific SAP wins: an "any" SAP of client 2 and an exact one of client 2 */
	{
		struct mcm_condis_sap any = { .addr.len = 0 };
		mcm_condis_handle_t sap3;

		any.bhli = (struct mcm_condis_bhli){ .present = 1, .type = 3, .len = 1 };
		CHECK(mcm_condis_sap_register(r, af2, &any, &sap3) == 0, "any SAP");
		CHECK(mcm_condis_mcm_create_vc(r, &vc) == 0, "vc");
		p.called = aesa(5);
		p.bhli = any.bhli;
		fk_reset();
		CHECK(mcm_condis_dispatch_incoming_call(r, vc, &p) == 0, "any matches");
		e = fk_find(CL_INCOMING_CALL, 0);
		CHECK(e >= 0 && fk_log[e].h2 == sap3, "via the any SAP");
		CHECK(mcm_condis_dispatch_incoming_close(r, vc, 16) == 0, "release");
		CHECK(mcm_condis_mcm_delete_vc(r, vc) == 0, "delete");
	}
	/* a VC a client created is not the MCM's to delete, nor to dispatch */
	{
		mcm_condis_handle_t cv;

		CHECK(mcm_condis_vc_create_client(r, af1, &cv) == 0, "client VC");
		CHECK(mcm_condis_mcm_delete_vc(r, cv) == -EPERM, "not an MCM VC");
		CHECK(mcm_condis_dispatch_incoming_call(r, cv, &p) == -EBUSY, "not an MCM VC");
		CHECK(mcm_condis_vc_delete_client(r, af1, cv) == 0, "delete");
	}
	CHECK(mcm_condis_af_close(r, af1) == 0 && mcm_condis_af_close(r, af2) == 0, "close");
	CHECK(fk_count(CM_DEREG_SAP) == 3, "SAPs deregistered at close");
	mcm_condis_destroy(r);
}

/* Rule: a SAP's B-LLI names its routed protocol too (RFC 2684 7), and of one client's
 * overlapping SAPs the most specific takes a call: address, then B-HLI, then B-LLI.
 */
static void
test_sap_blli(void)
{
	struct mcm_condis *r = fk_registry(8);
	struct fk_client c1 = { .id = 1, .answer = 0 }, c2 = { .id = 2, .answer = 0 };
	struct mcm_condis_sap any_blli = { .addr = aesa(1) }, v6 = { .addr = aesa(1) };
	struct mcm_condis_sap v4 = { .addr = aesa(1) }, other = { .addr = aesa(1) };
	struct mcm_condis_call_params p = { .called = aesa(1) };
	mcm_condis_handle_t af1, af2, s_any, s6, s4, vc;
	int e, k;

	v6.blli = (struct mcm_condis_blli){ .present = 1, .l3 = 11, .proto = 0x86dd };
	v4.blli = (struct mcm_condis_blli){ .present = 1, .l3 = 11, .proto = 0x0800 };
	CHECK(mcm_condis_af_open(r, &fk_client_ops, &c1, &af1) == 0, "af1");
	CHECK(mcm_condis_af_open(r, &fk_client_ops, &c2, &af2) == 0, "af2");
	CHECK(mcm_condis_sap_register(r, af1, &v6, &s6) == 0, "IPv6 SAP");
	/* another client may take another protocol at the same address, not the same one */
	CHECK(mcm_condis_sap_register(r, af2, &v4, &s4) == 0, "IPv4 SAP of client 2");
	other.blli = v6.blli;
	CHECK(mcm_condis_sap_register(r, af2, &other, &vc) == -EADDRINUSE,
	      "IPv6 of client 2 overlaps");
	/* an IPv4 call goes to client 2, an IPv6 one to client 1, a third protocol nowhere */
	for (k = 0; k < 3; k++) {
		static const uint16_t proto[3] = { 0x0800, 0x86dd, 0x0806 };

		p.blli = (struct mcm_condis_blli){ .present = 1, .l3 = 11, .proto = proto[k] };
		CHECK(mcm_condis_mcm_create_vc(r, &vc) == 0, "vc");
		fk_reset();
		e = mcm_condis_dispatch_incoming_call(r, vc, &p);
		if (k == 2) {
			CHECK(e == -EPROTONOSUPPORT, "0x0806: cause 88 (%d)", e);
		} else {
			CHECK(e == 0, "0x%04x dispatched", proto[k]);
			e = fk_find(CL_INCOMING_CALL, 0);
			CHECK(e >= 0 && fk_log[e].h2 == (k == 0 ? s4 : s6), "0x%04x via its SAP",
			      proto[k]);
			CHECK(mcm_condis_dispatch_incoming_close(r, vc, 16) == 0, "release");
		}
		CHECK(mcm_condis_mcm_delete_vc(r, vc) == 0, "delete");
	}
	/* client 1's SAP for any B-LLI at the same address, in the first slot, before its
	 * IPv6 one: it takes what that does not, and the IPv6 one is the more specific
	 */
	CHECK(mcm_condis_af_close(r, af2) == 0, "close client 2");
	CHECK(mcm_condis_sap_deregister(r, s6) == 0, "IPv6 SAP away");
	CHECK(mcm_condis_sap_register(r, af1, &any_blli, &s_any) == 0, "any-B-LLI SAP");
	CHECK(mcm_condis_sap_register(r, af1, &v6, &s6) == 0, "IPv6 SAP again, after it");
	for (k = 0; k < 2; k++) {
		p.blli = (struct mcm_condis_blli){ .present = 1, .l3 = 11,
						   .proto = k ? 0x86dd : 0x0800 };
		CHECK(mcm_condis_mcm_create_vc(r, &vc) == 0, "vc");
		fk_reset();
		CHECK(mcm_condis_dispatch_incoming_call(r, vc, &p) == 0, "dispatched");
		e = fk_find(CL_INCOMING_CALL, 0);
		CHECK(e >= 0 && fk_log[e].h2 == (k ? s6 : s_any), "%s via the %s SAP",
		      k ? "IPv6" : "IPv4", k ? "IPv6" : "any-B-LLI");
		CHECK(mcm_condis_dispatch_incoming_close(r, vc, 16) == 0, "release");
		CHECK(mcm_condis_mcm_delete_vc(r, vc) == 0, "delete");
	}
	CHECK(mcm_condis_af_close(r, af1) == 0, "close client 1");
	mcm_condis_destroy(r);
}

/* Rule: activation carries the media parameters; deactivation comes before release. */
static void
test_activation_order(void)
{
	struct mcm_condis *r = fk_registry(8);
	struct fk_client c = { .id = 1 };
	mcm_condis_handle_t af, vc;
	int a, d, del, st;

	CHECK(mcm_condis_af_open(r, &fk_client_ops, &c, &af) == 0, "af");
	fk_reset();
	CHECK(mcm_condis_pvc_create(r, af, 1, 100, &media100, &vc) == 0, "PVC");
	a = fk_find(MP_ACTIVATE, 0);
	CHECK(fk_find(CM_CREATE_VC, 0) == 0 && a == 1, "cm create_vc then mp activate");
	CHECK(a >= 0 && fk_log[a].slot == (uint32_t)mcm_condis_vc_slot(r, vc), "slot");
	CHECK(a >= 0 && fk_log[a].media.vpi == 1 && fk_log[a].media.vci == 100 &&
	      fk_log[a].media.aal == 5 && fk_log[a].media.encap == 1 &&
	      fk_log[a].media.max_sdu == 9180 && fk_log[a].media.fwd_pcr == 1000 &&
	      fk_log[a].media.bwd_pcr == 2000 && fk_log[a].media.bwd_sdu == 1500,
	      "miniport saw the media parameters");
	st = fk_find(CL_VC_STATUS, 0);
	CHECK(st > a && fk_log[st].status == 1 && fk_log[st].h == vc, "vc_status(1)");
	CHECK(mcm_condis_vc_find(r, 1, 100) == mcm_condis_vc_slot(r, vc), "found");
	CHECK(mcm_condis_vc_by_handle(r, vc)->state == MCM_CONDIS_VC_ACTIVE, "active");
	CHECK(mcm_condis_vc_by_handle(r, vc)->media.bwd_sdu == 1500, "recorded");
	fk_reset();
	CHECK(mcm_condis_pvc_delete(r, vc) == 0, "PVC delete");
	d = fk_find(MP_DEACTIVATE, 0);
	del = fk_find(CM_DELETE_VC, 0);
	CHECK(d >= 0 && del > d, "deactivate before delete (%d, %d)", d, del);
	st = fk_find(CL_VC_STATUS, 0);
	CHECK(st > d && fk_log[st].status == 0, "vc_status(0)");
	CHECK(mcm_condis_vc_find(r, 1, 100) == -ENOENT, "VPI/VCI free");
	/* a refused activation at the miniport leaves no VC and no VPI/VCI behind */
	fk_fail[MP_ACTIVATE] = -EIO;
	fk_reset();
	fk_fail[MP_ACTIVATE] = -EIO;
	CHECK(mcm_condis_pvc_create(r, af, 1, 101, &media100, &vc) == -EIO, "mp refuses");
	CHECK(fk_find(CM_DELETE_VC, 0) > fk_find(MP_ACTIVATE, 0), "undone at the cm");
	CHECK(mcm_condis_count(r) == 0 && mcm_condis_vc_find(r, 1, 101) == -ENOENT, "nothing");
	/* a call closed locally: deactivated before close completes and before the delete */
	vc = connected_call(r, af, 2, 200, 0);
	fk_reset();
	CHECK(mcm_condis_close_call(r, vc, 0) == 0, "close call");
	CHECK(fk_log[0].op == CM_CLOSE_CALL && fk_log[0].cause == 16, "cm close_call(16)");
	CHECK(fk_find(MP_DEACTIVATE, 0) > 0, "deactivated at once");
	CHECK(mcm_condis_send(r, vc, NULL, 0, NULL) == -ENOTCONN, "no send while closing");
	CHECK(mcm_condis_close_call_complete(r, vc) == 0, "complete");
	CHECK(fk_find(CL_CLOSE_COMPLETE, 0) > fk_find(MP_DEACTIVATE, 0), "order");
	CHECK(mcm_condis_vc_delete_client(r, af, vc) == 0, "delete");
	CHECK(fk_find(CM_DELETE_VC, 0) > fk_find(CL_CLOSE_COMPLETE, 0), "delete last");
	CHECK(mcm_condis_af_close(r, af) == 0, "close");
	mcm_condis_destroy(r);
}

/* Rule: signalling and driver VCs (VCI 0..31) never enter the framework. */
static void
test_reserved_never_enter(void)
{
	struct mcm_condis *r = fk_registry(64);
	static const uint16_t internal[][2] = { { 0, 5 }, { 0, 16 }, { 0, 3 }, { 0, 4 }, { 7, 5 } };
	struct fk_client c = { .id = 1 };
	mcm_condis_handle_t af, vc, pvc;
	struct mcm_condis_media m;
	uint32_t slots[64], n, i;
	unsigned int vci;

	CHECK(mcm_condis_af_open(r, &fk_client_ops, &c, &af) == 0, "af");
	fk_reset();
	for (vci = 0; vci < 32; vci++) {
		CHECK(mcm_condis_pvc_create(r, af, 0, (uint16_t)vci, &media100, &pvc) == -EPERM,
		      "PVC 0/%u", vci);
		CHECK(mcm_condis_pvc_create(r, 0, 0, (uint16_t)vci, &media100, &pvc) == -EPERM,
		      "driver PVC 0/%u", vci);
		CHECK(mcm_condis_vc_create(r, MCM_CONDIS_VC_PVC, 0, (uint16_t)vci) == -EPERM,
		      "registry 0/%u", vci);
	}
	CHECK(mcm_condis_pvc_create(r, af, 4096, 100, &media100, &pvc) == -EPERM, "VPI 4096");
	CHECK(fk_n == 0, "no handler saw them");
	/* a call's VC cannot be activated on one either */
	CHECK(mcm_condis_vc_create_client(r, af, &vc) == 0, "VC");
	{
		struct mcm_condis_call_params p = { .called = aesa(1) };

		CHECK(mcm_condis_make_call(r, vc, &p) == 0, "call");
	}
	for (i = 0; i < sizeof(internal) / sizeof(internal[0]); i++) {
		m = media_at(internal[i][0], internal[i][1]);
		CHECK(mcm_condis_mcm_activate_vc(r, vc, &m) == -EPERM, "activate %u/%u",
		      internal[i][0], internal[i][1]);
		CHECK(mcm_condis_vc_find(r, internal[i][0], internal[i][1]) == -ENOENT,
		      "find %u/%u", internal[i][0], internal[i][1]);
	}
	CHECK(fk_count(MP_ACTIVATE) == 0, "miniport never asked");
	CHECK(mcm_condis_pvc_create(r, af, 0, 32, &media100, &pvc) == 0, "0/32 is a client's");
	n = mcm_condis_vc_list(r, 0, slots, 64);
	for (i = 0; i < n; i++) {
		const struct mcm_condis_vc *v = mcm_condis_vc_get(r, slots[i]);

		CHECK(!v->has_vpi_vci || v->vci >= 32, "listed %u/%u", v->vpi, v->vci);
	}
	CHECK(n == 2, "listed %u", n);
	CHECK(mcm_condis_pvc_delete(r, pvc) == 0, "del");
	CHECK(mcm_condis_make_call_complete(r, vc, -1, 3, NULL) == 0, "no route (cause 3)");
	CHECK(mcm_condis_vc_delete_client(r, af, vc) == 0, "del");
	CHECK(mcm_condis_af_close(r, af) == 0, "close");
	mcm_condis_destroy(r);
}

/* snapshot of everything a refused call must leave alone */
struct snap {
	unsigned int fk_n;
	uint32_t count;
	struct mcm_condis_vc vc;
};

static struct snap
snap(const struct mcm_condis *r, mcm_condis_handle_t vc)
{
	struct snap s = { .fk_n = fk_n, .count = mcm_condis_count(r) };
	const struct mcm_condis_vc *v = mcm_condis_vc_by_handle(r, vc);

	if (v != NULL)
		s.vc = *v;
	return s;
}

static bool
same(const struct mcm_condis *r, mcm_condis_handle_t vc, const struct snap *a)
{
	struct snap b = snap(r, vc);

	return a->fk_n == b.fk_n && a->count == b.count &&
	       memcmp(&a->vc, &b.vc, sizeof(a->vc)) == 0;
}

/* Rule: misuse gets a clear error and changes nothing. */
static void
test_misuse(void)
{
	struct mcm_condis *r = fk_registry(4);
	struct fk_client c1 = { .id = 1 }, c2 = { .id = 2 };
	struct mcm_condis_sap any = { .addr.len = 0 }, s1 = { .addr = aesa(1) };
	struct mcm_condis_sap s2 = { .addr = aesa(2) };
	mcm_condis_handle_t af1, af2, vc, vc2, old, sap, sap2, pvc, party, stale_af;
	struct mcm_condis_call_params pp = { .called = aesa(4) };
	void *pkts[2] = { &c1, &c2 };
	uint16_t sent = 99;
	struct snap s;

	CHECK(mcm_condis_af_open(r, &fk_client_ops, &c1, &af1) == 0, "af1");
	CHECK(mcm_condis_af_open(r, &fk_client_ops, &c2, &af2) == 0, "af2");
	CHECK(mcm_condis_vc_create_client(r, af1, &vc) == 0, "vc");
	/* send on a VC not active: -ENOTCONN, counted, nothing sent */
	CHECK(mcm_condis_send(r, vc, pkts, 2, &sent) == -ENOTCONN && sent == 0, "send created");
	CHECK(mcm_condis_send(r, vc, pkts, 2, NULL) == -ENOTCONN, "again");
	CHECK(mcm_condis_vc_by_handle(r, vc)->send_refused == 2, "counted");
	CHECK(fk_count(MP_SEND) == 0, "nothing reached the miniport");
	/* an active VC sends; deleting it is refused */
	CHECK(mcm_condis_pvc_create(r, af1, 0, 100, &media100, &pvc) == 0, "PVC");
	CHECK(mcm_condis_send(r, pvc, pkts, 2, &sent) == 0 && sent == 2, "send active");
	CHECK(fk_count(MP_SEND) == 1, "miniport send");
	s = snap(r, pvc);
	CHECK(mcm_condis_vc_delete_client(r, af1, pvc) == -EPERM, "client deletes a PVC");
	CHECK(mcm_condis_vc_delete(r, (uint32_t)mcm_condis_vc_slot(r, pvc)) == -EBUSY,
	      "registry delete active");
	CHECK(same(r, pvc, &s), "unchanged");
	vc2 = connected_call(r, af1, 0, 101, 0);
	s = snap(r, vc2);
	CHECK(mcm_condis_vc_delete_client(r, af1, vc2) == -EBUSY, "delete active call VC");
	/* another client's VC */
	CHECK(mcm_condis_vc_delete_client(r, af2, vc) == -EACCES, "not the owner");
	CHECK(mcm_condis_vc_delete_client(r, af2, vc2) == -EACCES, "not the owner 2");
	/* close an AF with open calls (or VCs) */
	CHECK(mcm_condis_af_close(r, af1) == -EBUSY, "close AF with calls");
	CHECK(mcm_condis_make_call(r, vc2, &pp) == -EBUSY, "second call on a VC");
	CHECK(mcm_condis_make_call(r, pvc, &pp) == -EPERM, "call on a PVC");
	CHECK(mcm_condis_incoming_call_answer(r, vc2, 0, 0) == -EALREADY, "answer no offer");
	CHECK(mcm_condis_dispatch_call_connected(r, vc2) == -EPROTO, "connected twice");
	CHECK(mcm_condis_close_call(r, vc, 0) == -ENOTCONN, "close no call");
	CHECK(same(r, vc2, &s), "unchanged");
	/* SAPs: another client's overlap is refused, the same client's is not */
	CHECK(mcm_condis_sap_register(r, af1, &s1, &sap) == 0, "sap");
	s = snap(r, 0);
	CHECK(mcm_condis_sap_register(r, af2, &s1, &sap2) == -EADDRINUSE, "same address");
	CHECK(mcm_condis_sap_register(r, af2, &any, &sap2) == -EADDRINUSE, "any address");
	CHECK(same(r, 0, &s), "no cm call");
	CHECK(mcm_condis_sap_register(r, af1, &any, &old) == 0, "own overlap is fine");
	CHECK(mcm_condis_sap_register(r, af2, &s2, &sap2) == -EADDRINUSE, "under af1's any");
	/* different BHLI on the same address do not overlap */
	{
		struct mcm_condis_sap b1 = { .addr = aesa(6) }, b2 = { .addr = aesa(6) };
		mcm_condis_handle_t h1, h2;

		b1.bhli = (struct mcm_condis_bhli){ .present = 1, .type = 1, .len = 1,
						    .info = { 1 } };
		b2.bhli = (struct mcm_condis_bhli){ .present = 1, .type = 1, .len = 1,
						    .info = { 2 } };
		CHECK(mcm_condis_sap_register(r, af2, &b1, &h1) == -EADDRINUSE, "any of af1");
		CHECK(mcm_condis_sap_deregister(r, old) == 0, "drop any");
		CHECK(mcm_condis_sap_register(r, af2, &b1, &h1) == 0, "b1");
		CHECK(mcm_condis_sap_register(r, af1, &b2, &h2) == 0, "b2 other BHLI");
		CHECK(mcm_condis_sap_deregister(r, h1) == 0 &&
		      mcm_condis_sap_deregister(r, h2) == 0, "dereg");
		CHECK(mcm_condis_sap_deregister(r, h1) == -ESTALE, "stale SAP");
	}
	CHECK(mcm_condis_sap_register(r, af2, &s2, &sap2) == 0, "other address is fine");
	/* stale VC handle: freed, then its slot reused by another VC */
	CHECK(mcm_condis_vc_delete_client(r, af1, vc) == 0, "delete vc");
	old = vc;
	CHECK(mcm_condis_vc_create_client(r, af2, &vc) == 0, "new vc");
	CHECK(mcm_condis_vc_slot(r, vc) == (int)(uint32_t)old, "slot reused");
	CHECK(vc != old, "new handle");
	s = snap(r, vc);
	CHECK(mcm_condis_vc_slot(r, old) == -ESTALE, "stale slot");
	CHECK(mcm_condis_vc_by_handle(r, old) == NULL, "stale lookup");
	CHECK(mcm_condis_send(r, old, pkts, 1, NULL) == -ESTALE, "stale send");
	CHECK(mcm_condis_make_call(r, old, &pp) == -ESTALE, "stale make call");
	CHECK(mcm_condis_vc_delete_client(r, af1, old) == -ESTALE, "stale delete");
	CHECK(mcm_condis_vc_delete_client(r, af2, old) == -ESTALE, "stale delete 2");
	CHECK(mcm_condis_mcm_activate_vc(r, old, &media100) == -ESTALE, "stale activate");
	CHECK(same(r, vc, &s), "the new VC is untouched");
	CHECK(mcm_condis_vc_by_handle(r, vc)->send_refused == 0, "not counted on it");
	/* not handles at all */
	CHECK(mcm_condis_send(r, 0, pkts, 1, NULL) == -EINVAL, "0");
	CHECK(mcm_condis_send(r, af1, pkts, 1, NULL) == -EINVAL, "AF as VC");
	CHECK(mcm_condis_sap_deregister(r, vc) == -EINVAL, "VC as SAP");
	CHECK(mcm_condis_send(r, (mcm_condis_handle_t)MCM_CONDIS_HANDLE_VC << 56 | 1ull << 32 | 999,
			      pkts, 1, NULL) == -EINVAL, "index out of range");
	/* stale AF */
	CHECK(mcm_condis_vc_delete_client(r, af2, vc) == 0, "free af2's VC");
	CHECK(mcm_condis_af_close(r, af2) == 0, "close af2 (its SAP goes too)");
	stale_af = af2;
	CHECK(mcm_condis_sap_deregister(r, sap2) == -ESTALE, "SAP went with the AF");
	CHECK(mcm_condis_vc_create_client(r, stale_af, &vc) == -ESTALE, "stale AF");
	CHECK(mcm_condis_af_close(r, stale_af) == -ESTALE, "stale close");
	CHECK(mcm_condis_af_open(r, &fk_client_ops, &c2, &af2) == 0 && af2 != stale_af,
	      "reopened, new handle");
	CHECK(mcm_condis_sap_register(r, stale_af, &s2, &sap2) == -ESTALE, "stale AF sap");
	/* stale party */
	CHECK(mcm_condis_close_call(r, vc2, 0) == 0 && mcm_condis_close_call_complete(r, vc2) == 0,
	      "close");
	CHECK(mcm_condis_vc_delete_client(r, af1, vc2) == 0, "delete");
	vc2 = connected_call(r, af1, 0, 102, 1);
	CHECK(mcm_condis_add_party(r, vc2, &pp, &party) == 0, "add party");
	CHECK(mcm_condis_drop_party(r, party, 0) == -EALREADY, "drop while adding");
	CHECK(mcm_condis_add_party_complete(r, party, 0, 0) == 0, "added");
	CHECK(mcm_condis_add_party_complete(r, party, 0, 0) == -EPROTO, "completed twice");
	CHECK(mcm_condis_drop_party(r, party, 0) == 0, "drop");
	CHECK(mcm_condis_dispatch_party_dropped(r, party, 16) == 0, "dropped");
	CHECK(mcm_condis_drop_party(r, party, 0) == -ESTALE, "stale party");
	CHECK(mcm_condis_dispatch_party_dropped(r, party, 16) == -ESTALE, "stale party 2");
	/* tidy up: everything can go */
	CHECK(mcm_condis_close_call(r, vc2, 0) == 0 && mcm_condis_close_call_complete(r, vc2) == 0,
	      "close");
	CHECK(mcm_condis_vc_delete_client(r, af1, vc2) == 0, "delete");
	CHECK(mcm_condis_pvc_delete(r, pvc) == 0, "pvc");
	CHECK(mcm_condis_af_close(r, af1) == 0 && mcm_condis_af_close(r, af2) == 0, "close");
	CHECK(mcm_condis_count(r) == 0, "empty");
	mcm_condis_destroy(r);
}

/* Calls: make (success / failure), close, incoming accept / reject / later, remote release,
 * parties, link down.
 */
static void
test_calls(void)
{
	struct mcm_condis *r = fk_registry(16);
	struct fk_client c[3] = { { .id = 1 }, { .id = 2 }, { .id = 3 } };
	struct mcm_condis_sap sap = { .addr = aesa(1) };
	struct mcm_condis_call_params p = { .called = aesa(1), .fwd_pcr = 100, .p2mp = 0 };
	struct mcm_condis_media m = media_at(3, 300);
	struct mcm_condis_call_info calls[4];
	mcm_condis_handle_t af[3], vc, sh, party, party2;
	int e, i;

	for (i = 0; i < 3; i++)
		CHECK(mcm_condis_af_open(r, &fk_client_ops, &c[i], &af[i]) == 0, "af %d", i);
	/* make call, success: the completion carries what the call got */
	CHECK(mcm_condis_vc_create_client(r, af[0], &vc) == 0, "vc");
	fk_reset();
	CHECK(mcm_condis_make_call(r, vc, &p) == 0, "make call");
	CHECK(fk_log[0].op == CM_MAKE_CALL && fk_log[0].params.fwd_pcr == 100, "cm make_call");
	CHECK(mcm_condis_vc_by_handle(r, vc)->call_state == MCM_CONDIS_CALL_OUTGOING, "outgoing");
	CHECK(mcm_condis_call_list(r, 0, calls, 4) == 1 && calls[0].vc == vc &&
	      calls[0].af == af[0] && calls[0].call_state == MCM_CONDIS_CALL_OUTGOING, "listed");
	CHECK(mcm_condis_make_call(r, vc, &p) == -EBUSY, "twice");
	CHECK(mcm_condis_mcm_activate_vc(r, vc, &m) == 0, "activate");
	p.vpi = 3;
	p.vci = 300;
	p.call_ref = 77;
	CHECK(mcm_condis_make_call_complete(r, vc, 0, 0, &p) == 0, "complete");
	e = fk_find(CL_MAKE_CALL_COMPLETE, 0);
	CHECK(e >= 0 && fk_log[e].ctx == &c[0] && fk_log[e].status == 0 &&
	      fk_log[e].params.vci == 300 && fk_log[e].params.call_ref == 77, "client told");
	CHECK(mcm_condis_vc_by_handle(r, vc)->call_state == MCM_CONDIS_CALL_CONNECTED, "up");
	CHECK(mcm_condis_make_call_complete(r, vc, 0, 0, &p) == -EPROTO, "complete twice");
	/* close (local) */
	fk_reset();
	CHECK(mcm_condis_close_call(r, vc, 31) == 0, "close");
	CHECK(fk_log[0].op == CM_CLOSE_CALL && fk_log[0].cause == 31, "cause 31");
	CHECK(mcm_condis_close_call(r, vc, 31) == -EALREADY, "close twice");
	CHECK(mcm_condis_close_call_complete(r, vc) == 0, "closed");
	CHECK(fk_count(CL_CLOSE_COMPLETE) == 1, "close_call_complete");
	CHECK(mcm_condis_vc_by_handle(r, vc)->call_state == MCM_CONDIS_CALL_NONE, "no call");
	CHECK(mcm_condis_call_list(r, 0, calls, 4) == 0, "not listed");
	/* make call, failure with a cause; the VC can call again */
	fk_reset();
	CHECK(mcm_condis_make_call(r, vc, &p) == 0, "make call 2");
	CHECK(mcm_condis_make_call_complete(r, vc, -ECONNREFUSED, 17, NULL) == 0, "busy");
	e = fk_find(CL_MAKE_CALL_COMPLETE, 0);
	CHECK(e >= 0 && fk_log[e].status == -ECONNREFUSED && fk_log[e].cause == 17, "cause 17");
	CHECK(mcm_condis_vc_by_handle(r, vc)->call_state == MCM_CONDIS_CALL_NONE, "no call");
	fk_fail[CM_MAKE_CALL] = -ENETDOWN;
	CHECK(mcm_condis_make_call(r, vc, &p) == -ENETDOWN, "cm refuses");
	CHECK(mcm_condis_vc_by_handle(r, vc)->call_state == MCM_CONDIS_CALL_NONE, "unchanged");
	CHECK(mcm_condis_vc_delete_client(r, af[0], vc) == 0, "delete");

	/* incoming, accepted at once, then connected, then released by the network */
	CHECK(mcm_condis_sap_register(r, af[1], &sap, &sh) == 0, "sap");
	c[1].answer = 0;
	CHECK(mcm_condis_mcm_create_vc(r, &vc) == 0, "MCM vc");
	fk_reset();
	CHECK(mcm_condis_dispatch_incoming_call(r, vc, &p) == 0, "dispatch");
	e = fk_find(CM_INCOMING_COMPLETE, 0);
	CHECK(e > fk_find(CL_INCOMING_CALL, 0) && fk_log[e].status == 0, "accept");
	CHECK(mcm_condis_vc_by_handle(r, vc)->call_state == MCM_CONDIS_CALL_ACCEPTED, "accepted");
	CHECK(mcm_condis_mcm_activate_vc(r, vc, &m) == 0, "activate");
	CHECK(mcm_condis_dispatch_call_connected(r, vc) == 0, "connected");
	e = fk_find(CL_CONNECTED, 0);
	CHECK(e >= 0 && fk_log[e].ctx == &c[1], "call_connected");
	fk_reset();
	CHECK(mcm_condis_dispatch_incoming_close(r, vc, 41) == 0, "remote release");
	CHECK(fk_find(MP_DEACTIVATE, 0) >= 0 &&
	      fk_find(CL_INCOMING_CLOSE, 0) > fk_find(MP_DEACTIVATE, 0), "deactivated first");
	e = fk_find(CL_INCOMING_CLOSE, 0);
	CHECK(e >= 0 && fk_log[e].cause == 41 && fk_log[e].ctx == &c[1], "incoming_close(41)");
	CHECK(mcm_condis_dispatch_incoming_close(r, vc, 41) == -EPROTO, "twice");
	CHECK(mcm_condis_mcm_delete_vc(r, vc) == 0, "MCM delete");

	/* incoming, rejected at once with a cause */
	c[1].answer = 47;
	CHECK(mcm_condis_mcm_create_vc(r, &vc) == 0, "MCM vc");
	fk_reset();
	CHECK(mcm_condis_dispatch_incoming_call(r, vc, &p) == 0, "dispatch");
	e = fk_find(CM_INCOMING_COMPLETE, 0);
	CHECK(e >= 0 && fk_log[e].status != 0 && fk_log[e].cause == 47, "rejected with 47");
	CHECK(mcm_condis_vc_by_handle(r, vc)->call_state == MCM_CONDIS_CALL_NONE, "no call");
	CHECK(mcm_condis_mcm_delete_vc(r, vc) == 0, "MCM delete");

	/* incoming, answered later: reject without a cause gets 21 */
	c[1].answer = MCM_CONDIS_PENDING;
	CHECK(mcm_condis_mcm_create_vc(r, &vc) == 0, "MCM vc");
	fk_reset();
	CHECK(mcm_condis_dispatch_incoming_call(r, vc, &p) == 0, "dispatch");
	CHECK(fk_count(CM_INCOMING_COMPLETE) == 0, "pending");
	CHECK(mcm_condis_vc_by_handle(r, vc)->call_state == MCM_CONDIS_CALL_INCOMING, "incoming");
	CHECK(mcm_condis_close_call(r, vc, 0) == -ENOTCONN, "close an unanswered call");
	CHECK(mcm_condis_incoming_call_answer(r, vc, 1, 0) == 0, "reject later");
	e = fk_find(CM_INCOMING_COMPLETE, 0);
	CHECK(e >= 0 && fk_log[e].status != 0 && fk_log[e].cause == 21, "cause 21");
	CHECK(mcm_condis_incoming_call_answer(r, vc, 0, 0) == -EALREADY, "answered twice");
	CHECK(mcm_condis_mcm_delete_vc(r, vc) == 0, "MCM delete");
	/* answered later: accept, then the client closes it */
	CHECK(mcm_condis_mcm_create_vc(r, &vc) == 0, "MCM vc");
	CHECK(mcm_condis_dispatch_incoming_call(r, vc, &p) == 0, "dispatch");
	fk_reset();
	CHECK(mcm_condis_incoming_call_answer(r, vc, 0, 0) == 0, "accept later");
	CHECK(fk_log[0].op == CM_INCOMING_COMPLETE && fk_log[0].status == 0, "accepted");
	CHECK(mcm_condis_dispatch_call_connected(r, vc) == 0, "connected");
	CHECK(mcm_condis_vc_delete_client(r, af[1], vc) == -EPERM, "not the client's to delete");
	CHECK(mcm_condis_close_call(r, vc, 0) == 0 && mcm_condis_close_call_complete(r, vc) == 0,
	      "client closes");
	CHECK(mcm_condis_mcm_delete_vc(r, vc) == 0, "MCM delete");

	/* parties of a p2mp call */
	p.p2mp = 0;
	vc = connected_call(r, af[2], 4, 400, 0);
	CHECK(mcm_condis_add_party(r, vc, &p, &party) == -EOPNOTSUPP, "not p2mp");
	CHECK(mcm_condis_close_call(r, vc, 0) == 0 && mcm_condis_close_call_complete(r, vc) == 0,
	      "close");
	CHECK(mcm_condis_vc_delete_client(r, af[2], vc) == 0, "delete");
	vc = connected_call(r, af[2], 4, 401, 1);
	fk_reset();
	p.called = aesa(11);
	CHECK(mcm_condis_add_party(r, vc, &p, &party) == 0, "add party");
	CHECK(mcm_condis_handle_kind(party) == MCM_CONDIS_HANDLE_PARTY, "party handle");
	CHECK(fk_log[0].op == CM_ADD_PARTY && fk_log[0].h == vc && fk_log[0].h2 == party &&
	      fk_log[0].params.called.b[19] == 11, "cm add_party");
	CHECK(mcm_condis_add_party_complete(r, party, 0, 0) == 0, "added");
	e = fk_find(CL_PARTY_ADDED, 0);
	CHECK(e >= 0 && fk_log[e].h == party && fk_log[e].status == 0 && fk_log[e].ctx == &c[2],
	      "party_added");
	CHECK(mcm_condis_vc_by_handle(r, vc)->nparties == 1, "one party");
	/* a failed add: told with its cause, the handle goes stale */
	CHECK(mcm_condis_add_party(r, vc, &p, &party2) == 0, "add party 2");
	CHECK(mcm_condis_add_party_complete(r, party2, -1, 3) == 0, "failed");
	e = fk_find(CL_PARTY_ADDED, (unsigned int)e + 1);
	CHECK(e >= 0 && fk_log[e].status == -1 && fk_log[e].cause == 3, "party_added(fail, 3)");
	CHECK(mcm_condis_drop_party(r, party2, 0) == -ESTALE, "stale");
	/* local drop */
	fk_reset();
	CHECK(mcm_condis_drop_party(r, party, 0) == 0, "drop");
	CHECK(fk_log[0].op == CM_DROP_PARTY && fk_log[0].cause == 16, "cm drop_party(16)");
	CHECK(mcm_condis_drop_party(r, party, 0) == -EALREADY, "drop twice");
	CHECK(mcm_condis_dispatch_party_dropped(r, party, 16) == 0, "drop complete");
	e = fk_find(CL_PARTY_DROPPED, 0);
	CHECK(e >= 0 && fk_log[e].h == party && fk_log[e].cause == 16, "party_dropped");
	/* remote drop, and parties go with the call */
	CHECK(mcm_condis_add_party(r, vc, &p, &party) == 0 &&
	      mcm_condis_add_party_complete(r, party, 0, 0) == 0, "add again");
	CHECK(mcm_condis_dispatch_party_dropped(r, party, 31) == 0, "remote drop");
	CHECK(mcm_condis_add_party(r, vc, &p, &party) == 0 &&
	      mcm_condis_add_party_complete(r, party, 0, 0) == 0, "add again");
	CHECK(mcm_condis_close_call(r, vc, 0) == 0 && mcm_condis_close_call_complete(r, vc) == 0,
	      "close");
	CHECK(mcm_condis_drop_party(r, party, 0) == -ESTALE, "went with the call");
	CHECK(mcm_condis_vc_by_handle(r, vc)->nparties == 0, "no parties");
	CHECK(mcm_condis_add_party(r, vc, &p, &party) == -ENOTCONN, "no call");
	CHECK(mcm_condis_vc_delete_client(r, af[2], vc) == 0, "delete");

	/* link down reaches every client */
	fk_reset();
	CHECK(mcm_condis_dispatch_link_status(r, 0) == 0, "link down");
	CHECK(fk_count(CL_LINK_STATUS) == 3, "three clients told");
	for (i = 0; i < 3; i++) {
		CHECK(fk_log[i].op == CL_LINK_STATUS && fk_log[i].status == 0 &&
		      fk_log[i].ctx == &c[i], "client %d down", i);
	}
	for (i = 0; i < 3; i++)
		CHECK(mcm_condis_af_close(r, af[i]) == 0, "close %d", i);
	CHECK(mcm_condis_count(r) == 0, "empty");
	mcm_condis_destroy(r);
}

/* OIDs: the table, its checks before any handler, and who answers. */
static void
test_oids(void)
{
	struct mcm_condis *r = fk_registry(16);
	struct fk_client c1 = { .id = 1 }, c2 = { .id = 2 };
	const struct mcm_condis_oid_desc *d, *e2;
	struct mcm_condis_oid_request q;
	struct mcm_condis_oid_call_info ci;
	mcm_condis_handle_t af1, af2, pvc, vc;
	uint8_t addr[20] = { 0x47 }, big[128];
	uint64_t u64;
	uint32_t u32;
	uint16_t range[2];
	unsigned int n = 0;

	for (d = mcm_condis_oid_next(NULL); d != NULL; d = mcm_condis_oid_next(d)) {
		n++;
		CHECK(mcm_condis_oid_find(d->name) == d, "find %s", d->name);
		CHECK(mcm_condis_oid_find(d->ndis_name) == d, "find %s", d->ndis_name);
		CHECK(mcm_condis_oid_get(d->id) == d && strcmp(mcm_condis_oid_name(d->id),
							       d->name) == 0, "id %s", d->name);
		CHECK(d->size > 0 && d->meaning != NULL, "%s described", d->name);
		for (e2 = mcm_condis_oid_next(d); e2 != NULL; e2 = mcm_condis_oid_next(e2))
			CHECK(e2->id != d->id && strcmp(e2->name, d->name) != 0, "unique %s",
			      d->name);
	}
	CHECK(n >= 20, "table has %u OIDs", n);
	CHECK(mcm_condis_oid_find("no_such") == NULL && mcm_condis_oid_name(1) == NULL, "unknown");
	d = mcm_condis_oid_find("atm_address");
	CHECK(d != NULL && d->access == MCM_CONDIS_OID_RW && d->size == 20, "atm_address rw 20");
	CHECK(mcm_condis_oid_find("max_active_vcs")->id == 0x08010105, "NDIS id");

	CHECK(mcm_condis_af_open(r, &fk_client_ops, &c1, &af1) == 0, "af1");
	CHECK(mcm_condis_af_open(r, &fk_client_ops, &c2, &af2) == 0, "af2");
	CHECK(mcm_condis_pvc_create(r, af1, 0, 100, &media100, &pvc) == 0, "pvc");
	CHECK(mcm_condis_vc_create_client(r, af1, &vc) == 0, "vc");
	fk_reset();
	/* refused before any handler */
	q = (struct mcm_condis_oid_request){ .oid = 0x12345678, .buf = &u64, .len = 8 };
	CHECK(mcm_condis_oid_request(r, af1, 0, &q) == -ENOENT, "unknown OID");
	q = (struct mcm_condis_oid_request){ .oid = MCM_OID_ATM_XMIT_CELLS_OK, .buf = &u32,
					     .len = 4 };
	CHECK(mcm_condis_oid_request(r, af1, 0, &q) == -EMSGSIZE && q.written == 8, "too small");
	q = (struct mcm_condis_oid_request){ .oid = MCM_OID_MCM_ATM_ADDRESS, .set = true,
					     .buf = addr, .len = 19 };
	CHECK(mcm_condis_oid_request(r, af1, 0, &q) == -EINVAL, "set wrong size");
	q = (struct mcm_condis_oid_request){ .oid = MCM_OID_ATM_MAX_ACTIVE_VCS, .set = true,
					     .buf = &u32, .len = 4 };
	CHECK(mcm_condis_oid_request(r, af1, 0, &q) == -EACCES, "set read-only");
	q = (struct mcm_condis_oid_request){ .oid = MCM_OID_ATM_XMIT_CELLS_OK, .buf = &u64,
					     .len = 8 };
	CHECK(mcm_condis_oid_request(r, af1, pvc, &q) == -EINVAL, "port OID on a VC");
	q.oid = MCM_OID_MCM_VC_XMIT_CELLS;
	CHECK(mcm_condis_oid_request(r, af1, 0, &q) == -EINVAL, "VC OID on the port");
	CHECK(mcm_condis_oid_request(r, af2, pvc, &q) == -EACCES, "another client's VC");
	q.buf = NULL;
	CHECK(mcm_condis_oid_request(r, af1, pvc, &q) == -EINVAL, "no buffer");
	CHECK(fk_n == 0, "no handler ran");
	/* answered by the framework */
	q = (struct mcm_condis_oid_request){ .oid = MCM_OID_ATM_MAX_ACTIVE_VCS, .buf = &u32,
					     .len = 4 };
	CHECK(mcm_condis_oid_request(r, af1, 0, &q) == 0 && u32 == 16 && q.written == 4,
	      "max_active_vcs");
	q = (struct mcm_condis_oid_request){ .oid = MCM_OID_MCM_VCI_RANGE, .buf = range,
					     .len = 4 };
	CHECK(mcm_condis_oid_request(r, 0, 0, &q) == 0 && range[0] == 32 && range[1] == 65535,
	      "vci_range");
	q = (struct mcm_condis_oid_request){ .oid = MCM_OID_MCM_VC_CALL_INFO, .buf = big,
					     .len = sizeof(big) };
	CHECK(sizeof(ci) <= sizeof(big), "room");
	CHECK(mcm_condis_oid_request(r, af1, pvc, &q) == 0 && q.written == sizeof(ci), "info");
	memcpy(&ci, big, sizeof(ci));
	CHECK(ci.vpi == 0 && ci.vci == 100 && ci.vc_state == MCM_CONDIS_VC_ACTIVE &&
	      ci.origin == MCM_CONDIS_VC_PVC, "call info of the PVC");
	CHECK(fk_n == 0, "no handler for the framework's own");
	/* answered by the call manager / miniport */
	q = (struct mcm_condis_oid_request){ .oid = MCM_OID_MCM_ATM_ADDRESS, .set = true,
					     .buf = addr, .len = 20 };
	CHECK(mcm_condis_oid_request(r, af1, 0, &q) == 0, "set atm_address");
	CHECK(fk_n == 1 && fk_log[0].op == CM_OID && fk_log[0].set &&
	      fk_log[0].oid == MCM_OID_MCM_ATM_ADDRESS, "call manager answers");
	q = (struct mcm_condis_oid_request){ .oid = MCM_OID_GEN_CO_LINK_SPEED, .buf = &u64,
					     .len = 8 };
	CHECK(mcm_condis_oid_request(r, af1, 0, &q) == 0 && u64 == 12345, "link_speed");
	CHECK(fk_log[1].op == MP_OID && fk_log[1].slot == MCM_CONDIS_OID_PORT, "miniport, port");
	q = (struct mcm_condis_oid_request){ .oid = MCM_OID_MCM_VC_RCV_PDUS, .buf = &u64,
					     .len = 8 };
	CHECK(mcm_condis_oid_request(r, 0, pvc, &q) == 0, "vc_pdus_received (driver)");
	CHECK(fk_log[2].op == MP_OID && fk_log[2].slot == (uint32_t)mcm_condis_vc_slot(r, pvc),
	      "miniport, slot");
	/* a VC of a client with no call yet: still its own */
	q = (struct mcm_condis_oid_request){ .oid = MCM_OID_MCM_VC_SEND_REFUSED, .buf = &u64,
					     .len = 8 };
	mcm_condis_send(r, vc, NULL, 0, NULL);
	CHECK(mcm_condis_oid_request(r, af1, vc, &q) == 0 && u64 == 1, "vc_send_refused");
	CHECK(mcm_condis_pvc_delete(r, pvc) == 0, "pvc del");
	CHECK(mcm_condis_oid_request(r, af1, pvc, &q) == -ESTALE, "stale VC");
	CHECK(mcm_condis_vc_delete_client(r, af1, vc) == 0, "vc del");
	CHECK(mcm_condis_af_close(r, af1) == 0 && mcm_condis_af_close(r, af2) == 0, "close");
	q = (struct mcm_condis_oid_request){ .oid = MCM_OID_ATM_MAX_ACTIVE_VCS, .buf = &u32,
					     .len = 4 };
	CHECK(mcm_condis_oid_request(r, af1, 0, &q) == -ESTALE, "stale AF");
	mcm_condis_destroy(r);
}

/* an incoming p2mp call offered to @p af through its SAP, accepted and connected */
static mcm_condis_handle_t
connected_leaf_call(struct mcm_condis *r, uint16_t vci)
{
	struct mcm_condis_call_params p = { .called = aesa(1), .p2mp = 1 };
	struct mcm_condis_media m = media_at(5, vci);
	mcm_condis_handle_t vc = 0;

	CHECK(mcm_condis_mcm_create_vc(r, &vc) == 0, "MCM vc");
	CHECK(mcm_condis_dispatch_incoming_call(r, vc, &p) == 0, "dispatch");
	CHECK(mcm_condis_mcm_activate_vc(r, vc, &m) == 0, "activate");
	CHECK(mcm_condis_dispatch_call_connected(r, vc) == 0, "connected");
	return vc;
}

/*
 * Rule (Q.2971 5.2): on the leaf side, a party the root adds is matched against the SAPs
 * as a SETUP is (cause 1 no SAP, 88 BHLI/BLLI), offered only to the client owning the
 * call's VC, answered at once or later, acknowledged (party_added), withdrawn
 * (party_dropped), and freed when rejected or when the call ends.
 */
static void
test_incoming_parties(void)
{
	struct mcm_condis *r = fk_registry(8);
	struct fk_client c[2] = { { .id = 1 }, { .id = 2 } };
	struct mcm_condis_sap s1 = { .addr = aesa(1) }, s2 = { .addr = aesa(2) };
	struct mcm_condis_sap s3 = { .addr = aesa(3) }, s4 = { .addr = aesa(4) };
	struct mcm_condis_call_params p = { .called = aesa(2), .p2mp = 1 };
	mcm_condis_handle_t af[2], sh[4], vc, party = 0, party2 = 0, p2p;
	int e, i;

	for (i = 0; i < 2; i++)
		CHECK(mcm_condis_af_open(r, &fk_client_ops, &c[i], &af[i]) == 0, "af %d", i);
	s4.bhli.present = 1;
	s4.bhli.len = 1;
	s4.bhli.info[0] = 9;
	CHECK(mcm_condis_sap_register(r, af[0], &s1, &sh[0]) == 0 &&
	      mcm_condis_sap_register(r, af[0], &s2, &sh[1]) == 0 &&
	      mcm_condis_sap_register(r, af[1], &s3, &sh[2]) == 0 &&
	      mcm_condis_sap_register(r, af[0], &s4, &sh[3]) == 0, "SAPs");
	vc = connected_leaf_call(r, 500);
	CHECK(mcm_condis_vc_by_handle(r, vc)->owner == af[0], "call of client 1");
	/* refusals: nothing changes, no client is told */
	fk_reset();
	p.called = aesa(7);
	CHECK(mcm_condis_dispatch_incoming_party(r, vc, &p, &party) == -ENOENT, "no SAP");
	p.called = aesa(4);
	CHECK(mcm_condis_dispatch_incoming_party(r, vc, &p, &party) == -EPROTONOSUPPORT,
	      "BHLI does not match");
	p.called = aesa(3);
	CHECK(mcm_condis_dispatch_incoming_party(r, vc, &p, &party) == -EACCES,
	      "SAP of another client");
	CHECK(mcm_condis_dispatch_incoming_party(r, vc, NULL, &party) == -EINVAL, "no params");
	CHECK(mcm_condis_dispatch_incoming_party(r, sh[0], &p, &party) == -EINVAL, "not a VC");
	CHECK(fk_n == 0 && mcm_condis_vc_by_handle(r, vc)->nparties == 0, "nothing changed");
	/* accepted at once: the call manager hears it inside the dispatch; party_added once
	 * the call manager completes it (ADD PARTY ACKNOWLEDGE sent)
	 */
	p.called = aesa(2);
	fk_reset();
	CHECK(mcm_condis_dispatch_incoming_party(r, vc, &p, &party) == 0, "offer");
	e = fk_find(CL_INCOMING_PARTY, 0);
	CHECK(e >= 0 && fk_log[e].ctx == &c[0] && fk_log[e].h == party && fk_log[e].h2 == sh[1] &&
	      fk_log[e].slot == MCM_CONDIS_HANDLE_VC && fk_log[e].params.called.b[19] == 2,
	      "incoming_party to the SAP's client");
	CHECK(mcm_condis_handle_kind(party) == MCM_CONDIS_HANDLE_PARTY, "party handle");
	i = fk_find(CM_INCOMING_PARTY_COMPLETE, 0);
	CHECK(i > e && fk_log[i].h == party && fk_log[i].status == 0, "accepted at once");
	CHECK(mcm_condis_incoming_party_answer(r, party, 0, 0) == -EALREADY, "answered twice");
	CHECK(mcm_condis_drop_party(r, party, 0) == -EALREADY, "drop before acknowledged");
	CHECK(mcm_condis_add_party_complete(r, party, 0, 0) == 0, "acknowledged");
	e = fk_find(CL_PARTY_ADDED, 0);
	CHECK(e >= 0 && fk_log[e].h == party && fk_log[e].status == 0 && fk_log[e].ctx == &c[0],
	      "party_added");
	CHECK(mcm_condis_vc_by_handle(r, vc)->nparties == 1, "one party");
	/* dropped by the root */
	fk_reset();
	CHECK(mcm_condis_dispatch_party_dropped(r, party, 16) == 0, "dropped by the root");
	CHECK(fk_n == 1 && fk_log[0].op == CL_PARTY_DROPPED && fk_log[0].cause == 16,
	      "party_dropped(16)");
	CHECK(mcm_condis_vc_by_handle(r, vc)->nparties == 0, "party freed");
	CHECK(mcm_condis_incoming_party_answer(r, party, 0, 0) == -ESTALE, "stale");
	/* answered later: reject without a cause gets 21, the party is freed, no event */
	c[0].party_answer = MCM_CONDIS_PENDING;
	fk_reset();
	CHECK(mcm_condis_dispatch_incoming_party(r, vc, &p, &party) == 0, "offer 2");
	CHECK(fk_count(CM_INCOMING_PARTY_COMPLETE) == 0, "pending");
	CHECK(mcm_condis_incoming_party_answer(r, party, -1, 0) == 0, "reject later");
	e = fk_find(CM_INCOMING_PARTY_COMPLETE, 0);
	CHECK(e >= 0 && fk_log[e].status != 0 && fk_log[e].cause == 21, "cause 21");
	CHECK(fk_count(CL_PARTY_ADDED) == 0 && fk_count(CL_PARTY_DROPPED) == 0, "no event");
	CHECK(mcm_condis_incoming_party_answer(r, party, 0, 0) == -ESTALE, "rejected: stale");
	CHECK(mcm_condis_vc_by_handle(r, vc)->nparties == 0, "rejected: freed");
	/* rejected at once with the client's cause */
	c[0].party_answer = 17;
	fk_reset();
	CHECK(mcm_condis_dispatch_incoming_party(r, vc, &p, &party) == 0, "offer 3");
	e = fk_find(CM_INCOMING_PARTY_COMPLETE, 0);
	CHECK(e >= 0 && fk_log[e].status != 0 && fk_log[e].cause == 17, "rejected with 17");
	CHECK(mcm_condis_vc_by_handle(r, vc)->nparties == 0, "freed");
	/* withdrawn by the root before the answer: the client is told */
	c[0].party_answer = MCM_CONDIS_PENDING;
	CHECK(mcm_condis_dispatch_incoming_party(r, vc, &p, &party) == 0, "offer 4");
	fk_reset();
	CHECK(mcm_condis_dispatch_party_dropped(r, party, 31) == 0, "withdrawn");
	CHECK(fk_n == 1 && fk_log[0].op == CL_PARTY_DROPPED && fk_log[0].cause == 31,
	      "party_dropped(31)");
	CHECK(mcm_condis_incoming_party_answer(r, party, 0, 0) == -ESTALE, "withdrawn: stale");
	/* accepted later, then dropped by the leaf's client; the rest go with the call */
	CHECK(mcm_condis_dispatch_incoming_party(r, vc, &p, &party) == 0, "offer 5");
	CHECK(mcm_condis_dispatch_incoming_party(r, vc, &p, &party2) == 0 && party2 != party,
	      "offer 6");
	fk_reset();
	CHECK(mcm_condis_incoming_party_answer(r, party, 0, 0) == 0, "accept later");
	CHECK(fk_n == 1 && fk_log[0].op == CM_INCOMING_PARTY_COMPLETE && fk_log[0].status == 0,
	      "cm told");
	CHECK(mcm_condis_add_party_complete(r, party, 0, 0) == 0, "acknowledged");
	CHECK(mcm_condis_drop_party(r, party, 0) == 0, "leaf drops it");
	CHECK(mcm_condis_dispatch_party_dropped(r, party, 16) == 0, "drop complete");
	CHECK(mcm_condis_vc_by_handle(r, vc)->nparties == 1, "the unanswered one is left");
	CHECK(mcm_condis_dispatch_incoming_close(r, vc, 16) == 0, "call released");
	CHECK(mcm_condis_incoming_party_answer(r, party2, 0, 0) == -ESTALE,
	      "went with the call");
	CHECK(mcm_condis_vc_by_handle(r, vc)->nparties == 0, "no parties");
	CHECK(mcm_condis_dispatch_incoming_party(r, vc, &p, &party) == -ENOTCONN, "no call");
	CHECK(mcm_condis_mcm_delete_vc(r, vc) == 0, "MCM delete");
	/* a point-to-point call takes no party */
	p2p = connected_call(r, af[0], 5, 600, 0);
	CHECK(mcm_condis_dispatch_incoming_party(r, p2p, &p, &party) == -EOPNOTSUPP, "not p2mp");
	CHECK(mcm_condis_close_call(r, p2p, 0) == 0 && mcm_condis_close_call_complete(r, p2p) == 0,
	      "close");
	CHECK(mcm_condis_vc_delete_client(r, af[0], p2p) == 0, "delete");
	for (i = 0; i < 2; i++)
		CHECK(mcm_condis_af_close(r, af[i]) == 0, "close %d", i);
	CHECK(mcm_condis_count(r) == 0, "empty");
	mcm_condis_destroy(r);
}

/* The operational state of an active VC (I.610 fault management) goes to its owner only. */
static void
test_vc_oper(void)
{
	struct mcm_condis *r = fk_registry(8);
	struct fk_client c1 = { .id = 1 }, c2 = { .id = 2 };
	const struct mcm_condis_vc_oper down = { .up = 0, .defects = 0x5, .cause = 3 };
	mcm_condis_handle_t af1 = 0, af2 = 0, vc1 = 0, vc2 = 0, vc0 = 0, idle;
	struct mcm_condis_media m = media100;
	int e;

	CHECK(mcm_condis_af_open(r, &fk_client_ops, &c1, &af1) == 0 &&
	      mcm_condis_af_open(r, &fk_client_ops, &c2, &af2) == 0, "two clients");
	CHECK(mcm_condis_pvc_create(r, af1, 0, 100, &m, &vc1) == 0 &&
	      mcm_condis_pvc_create(r, af2, 0, 101, &m, &vc2) == 0 &&
	      mcm_condis_pvc_create(r, 0, 0, 102, &m, &vc0) == 0, "a PVC each, one the driver's");
	fk_reset();
	c1.events = c2.events = 0;
	CHECK(mcm_condis_dispatch_vc_oper(r, vc1, &down) == 0, "dispatched");
	e = fk_find(CL_VC_OPER, 0);
	CHECK(fk_n == 1 && e == 0 && fk_log[0].ctx == &c1 && fk_log[0].h == vc1 &&
	      fk_log[0].status == 0 && fk_log[0].slot == 0x5 && fk_log[0].cause == 3,
	      "the owner, alone, gets vc_oper with the state as given (%u events)", fk_n);
	CHECK(c1.events == 1 && c2.events == 0, "the other client hears nothing");
	fk_reset();
	CHECK(mcm_condis_dispatch_vc_oper(r, vc0, &down) == 0 && fk_n == 0 && c2.events == 0,
	      "a VC of the driver tells no client");
	CHECK(mcm_condis_dispatch_vc_oper(r, vc1, NULL) == -EINVAL &&
	      mcm_condis_dispatch_vc_oper(r, 0, &down) == -EINVAL &&
	      mcm_condis_dispatch_vc_oper(r, af1, &down) == -EINVAL && fk_n == 0,
	      "no state, handle 0 or not a VC: refused, nothing dispatched");
	CHECK(mcm_condis_vc_create_client(r, af2, &idle) == 0, "a client VC, not active");
	fk_reset();
	CHECK(mcm_condis_dispatch_vc_oper(r, idle, &down) == -ENOTCONN && fk_n == 0,
	      "a VC that is not active has no operational state");
	CHECK(mcm_condis_pvc_delete(r, vc2) == 0, "PVC deleted");
	fk_reset();
	c2.events = 0;
	CHECK(mcm_condis_dispatch_vc_oper(r, vc2, &down) == -ESTALE && fk_n == 0 &&
	      c2.events == 0, "a stale VC handle: refused");
	mcm_condis_destroy(r);
}

int
main(void)
{
	test_create_delete_goes_to_cm();
	test_incoming_dispatch();
	test_sap_blli();
	test_activation_order();
	test_reserved_never_enter();
	test_misuse();
	test_calls();
	test_incoming_parties();
	test_oids();
	test_vc_oper();
	return test_summary();
}
