/* SPDX-License-Identifier: BSD-3-Clause
 * Tests of the UNI call control (lib/uni/call): point-to-point calls back to back: set-up from
 * either side, release from either side, reject with causes 17 and 21, call reference
 * collision and VCI range exhaustion (cause 45), callbacks that call back into the instance,
 * the SAAL asked for again, misuse of the API, AAL parameter negotiation (Q.2931 Annex F).
 */
#include "uni_call_test.h"

static void
test_p2p_user_originated(void)
{
	struct h_ep usr, net;
	uint32_t uc, nc;
	uint16_t uvpi, uvci, nvpi, nvci;
	const struct h_ev *e;

	pair(&usr, &net, 16);
	uc = setup_call(&usr, false, 0);
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_CALL_INITIATED, "U1");
	h_pump(&usr, &net, 0);
	nc = net.last_setup_call;
	CHECK(count_of(&net, MCM_UNI_EV_SETUP_IND) == 1, "network got SETUP");
	CHECK(mcm_uni_call_state(net.u, nc) == MCM_UNI_CS_OUT_PROCEEDING, "N3 after CALL PROC");
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_OUT_PROCEEDING, "U3");
	CHECK(count_of(&usr, MCM_UNI_EV_PROCEEDING_IND) == 1, "proceeding indication");
	CHECK(mcm_uni_alert_request(net.u, nc, 1) == 0, "alert");
	h_pump(&usr, &net, 1);
	CHECK(mcm_uni_call_state(net.u, nc) == MCM_UNI_CS_CALL_DELIVERED, "N4");
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_CALL_DELIVERED, "U4");
	CHECK(mcm_uni_connect_request(net.u, nc, 2) == 0, "connect");
	CHECK(mcm_uni_call_state(net.u, nc) == MCM_UNI_CS_ACTIVE, "N10");
	h_pump(&usr, &net, 2);
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_ACTIVE, "U10");
	CHECK(usr.active_vcs == 1 && net.active_vcs == 1, "VCs active %u %u", usr.active_vcs,
	      net.active_vcs);
	mcm_uni_call_info(usr.u, uc, NULL, NULL, &uvpi, &uvci);
	mcm_uni_call_info(net.u, nc, NULL, NULL, &nvpi, &nvci);
	CHECK(uvpi == nvpi && uvci == nvci && uvci >= 32, "same VC %u/%u %u/%u", uvpi, uvci,
	      nvpi, nvci);
	e = last_ev(&usr, MCM_UNI_EV_VC_ACTIVATE);
	CHECK(e && e->vci == uvci, "activation carries the VCI");
	{
		struct mcm_uni_contract k;
		uint32_t h, n = 0;

		CHECK(mcm_uni_call_contract(net.u, nc, &k) == 0 && k.fwd_pcr == 100000 &&
		      k.bwd_pcr == 50000 && k.aal == MCM_UNI_AAL_5 && k.fwd_sdu == 9188 &&
		      k.best_effort && !k.p2mp && k.bearer_class == MCM_UNI_BCOB_X,
		      "contract from the SETUP");
		for (h = mcm_uni_call_next(usr.u, 0); h; h = mcm_uni_call_next(usr.u, h))
			n += h == uc;
		CHECK(n == 1, "walk finds the call");
	}
	CHECK(mcm_uni_release_request(usr.u, uc, MCM_UNI_CAUSE_NORMAL, 3) == 0, "release");
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_RELEASE_REQUEST, "U11");
	CHECK(usr.active_vcs == 0, "deactivated before release");
	h_pump(&usr, &net, 3);
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_NULL, "U0");
	CHECK(mcm_uni_call_state(net.u, nc) == MCM_UNI_CS_NULL, "N0");
	e = last_ev(&net, MCM_UNI_EV_RELEASED);
	CHECK(e && e->cause == MCM_UNI_CAUSE_NORMAL, "network released, cause 16");
	CHECK(net.active_vcs == 0, "network VC deactivated");
	CHECK(mcm_uni_next_deadline(usr.u) == UINT64_MAX, "no timer left on user");
	CHECK(mcm_uni_next_deadline(net.u) == UINT64_MAX, "no timer left on network");
	unpair(&usr, &net);
}

static void
test_p2p_network_originated(void)
{
	struct h_ep usr, net;
	uint32_t uc, nc;
	const struct h_ev *e;

	pair(&usr, &net, 16);
	nc = setup_call(&net, false, 0);
	CHECK(mcm_uni_call_state(net.u, nc) == MCM_UNI_CS_CALL_PRESENT, "N6");
	h_pump(&usr, &net, 0);
	uc = usr.last_setup_call;
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_CALL_PRESENT, "U6");
	CHECK(mcm_uni_proceeding_request(usr.u, uc, 0) == 0, "proceeding");
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_IN_PROCEEDING, "U9");
	h_pump(&usr, &net, 0);
	CHECK(mcm_uni_call_state(net.u, nc) == MCM_UNI_CS_IN_PROCEEDING, "N9");
	CHECK(mcm_uni_alert_request(usr.u, uc, 0) == 0, "alert");
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_CALL_RECEIVED, "U7");
	h_pump(&usr, &net, 0);
	CHECK(mcm_uni_call_state(net.u, nc) == MCM_UNI_CS_CALL_RECEIVED, "N7");
	CHECK(mcm_uni_connect_request(usr.u, uc, 0) == 0, "connect");
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_CONNECT_REQUEST, "U8");
	h_pump(&usr, &net, 0);
	CHECK(mcm_uni_call_state(net.u, nc) == MCM_UNI_CS_ACTIVE, "N10");
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_ACTIVE, "U10 after CONNECT ACK");
	CHECK(count_of(&usr, MCM_UNI_EV_CONNECTED) == 1 &&
	      count_of(&net, MCM_UNI_EV_CONNECTED) == 1,
	      "connected both sides");
	/* release from the network side */
	CHECK(mcm_uni_release_request(net.u, nc, MCM_UNI_CAUSE_NORMAL_UNSPEC, 5) == 0, "release");
	CHECK(mcm_uni_call_state(net.u, nc) == MCM_UNI_CS_RELEASE_REQUEST, "N11");
	h_pump(&usr, &net, 5);
	e = last_ev(&usr, MCM_UNI_EV_RELEASED);
	CHECK(e && e->cause == MCM_UNI_CAUSE_NORMAL_UNSPEC, "user released with cause 31");
	CHECK(mcm_uni_call_state(net.u, nc) == MCM_UNI_CS_NULL && usr.active_vcs == 0 &&
	      net.active_vcs == 0, "both null");
	unpair(&usr, &net);
}

static void
test_reject(void)
{
	struct h_ep usr, net;
	const struct h_ev *e;
	uint32_t nc, uc;

	pair(&usr, &net, 16);
	/* the called user rejects: RELEASE COMPLETE, cause 17 user busy */
	usr.answer = H_ANS_REJECT;
	usr.answer_cause = MCM_UNI_CAUSE_BUSY;
	nc = setup_call(&net, false, 0);
	h_pump(&usr, &net, 0);
	e = last_ev(&net, MCM_UNI_EV_RELEASED);
	CHECK(e && e->cause == MCM_UNI_CAUSE_BUSY && e->call == nc, "rejected, cause 17");
	CHECK(mcm_uni_call_state(net.u, nc) == MCM_UNI_CS_NULL, "N0");
	/* the network rejects after CALL PROCEEDING: RELEASE, cause 21 */
	net.answer = H_ANS_REJECT;
	net.answer_cause = MCM_UNI_CAUSE_REJECTED;
	uc = setup_call(&usr, false, 1);
	h_pump(&usr, &net, 1);
	e = last_ev(&usr, MCM_UNI_EV_RELEASED);
	CHECK(e && e->cause == MCM_UNI_CAUSE_REJECTED && e->call == uc, "rejected, cause 21");
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_NULL, "U0");
	CHECK(mcm_uni_next_deadline(net.u) == UINT64_MAX, "T308 stopped");
	unpair(&usr, &net);
}

static void
test_cref_collision_and_vc_range(void)
{
	struct h_ep usr, net;
	uint32_t uc, nc, u2, n2;
	uint32_t cref_u, cref_n;
	bool out;
	int i, rc;
	struct mcm_uni_msg m;
	uint32_t c;

	pair(&usr, &net, 16);
	usr.answer = net.answer = H_ANS_CONNECT;
	/* both sides allocate call reference 1: told apart by the flag (Q.2931 4.3) */
	uc = setup_call(&usr, false, 0);
	nc = setup_call(&net, false, 0);
	h_pump(&usr, &net, 0);
	mcm_uni_call_info(usr.u, uc, &cref_u, &out, NULL, NULL);
	CHECK(out, "outgoing");
	mcm_uni_call_info(net.u, nc, &cref_n, &out, NULL, NULL);
	CHECK(cref_u == cref_n && cref_u == 1, "same value %u %u", cref_u, cref_n);
	u2 = mcm_uni_call_by_cref(usr.u, 1, false);
	n2 = mcm_uni_call_by_cref(net.u, 1, false);
	CHECK(u2 && n2 && u2 != uc && n2 != nc, "two calls on each side");
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_ACTIVE &&
	      mcm_uni_call_state(usr.u, u2) == MCM_UNI_CS_ACTIVE, "both active");
	unpair(&usr, &net);

	/* a VCI range of 4 and an attempt to start below 32 */
	h_init(&usr, "user", MCM_UNI_SIDE_USER, 16, NULL);
	{
		struct mcm_uni_params p;

		mcm_uni_params_default(&p, MCM_UNI_SIDE_NETWORK);
		h_init(&net, "network", MCM_UNI_SIDE_NETWORK, 16, NULL);
		mcm_uni_destroy(net.u);
		p.max_calls = 16;
		p.vpi_min = p.vpi_max = 0;
		p.vci_min = 0;
		p.vci_max = 35;
		p.ops.send = h_send;
		p.ops.event = h_event;
		p.ctx = &net;
		net.u = mcm_uni_create(&p);
	}
	h_link_up(&usr, &net, 0);
	net.answer = H_ANS_CONNECT;
	for (i = 0; i < 4; i++) {
		uint16_t vci;

		c = setup_call(&usr, false, 0);
		h_pump(&usr, &net, 0);
		mcm_uni_call_info(usr.u, c, NULL, NULL, NULL, &vci);
		CHECK(mcm_uni_call_state(usr.u, c) == MCM_UNI_CS_ACTIVE && vci >= 32 && vci <= 35,
		      "call %d on VCI %u", i, vci);
	}
	h_setup_msg(&m, false);
	rc = mcm_uni_setup_request(usr.u, &m, &c, 0);
	CHECK(rc == 0, "setup");
	h_pump(&usr, &net, 0);
	CHECK(last_ev(&usr, MCM_UNI_EV_RELEASED) &&
	      last_ev(&usr, MCM_UNI_EV_RELEASED)->cause == MCM_UNI_CAUSE_NO_VPCI_VCI,
	      "range full: cause 45");
	unpair(&usr, &net);
}

static void
release_on_deactivate(struct h_ep *e, const struct mcm_uni_event *ev)
{
	if (ev->type == MCM_UNI_EV_VC_DEACTIVATE)
		CHECK(mcm_uni_release_request(e->u, ev->call, 16, e->now) == -EALREADY,
		      "release from the deactivation callback refused");
	if (ev->type == MCM_UNI_EV_CONNECTED)
		mcm_uni_status_enquiry_request(e->u, ev->call, e->now);
}

static void
test_reentrancy_and_link(void)
{
	struct h_ep usr, net;
	uint32_t uc;

	pair(&usr, &net, 8);
	net.answer = H_ANS_CONNECT;
	usr.hook = net.hook = release_on_deactivate;
	uc = setup_call(&usr, false, 0);
	h_pump(&usr, &net, 0);
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_ACTIVE, "active, enquiry from callback");
	mcm_uni_release_request(usr.u, uc, 16, 1);
	h_pump(&usr, &net, 1);
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_NULL, "released once");
	CHECK(count_of(&usr, MCM_UNI_EV_RELEASED) == 1 && count_of(&net, MCM_UNI_EV_RELEASED) == 1,
	      "one release each");
	/* establishment fails: no request loop; a SETUP asks again */
	mcm_uni_saal_released(usr.u, 2);
	CHECK(usr.establish_requests == 1 &&
	      mcm_uni_link_state(usr.u) == MCM_UNI_LINK_ESTABLISHING, "asked once");
	mcm_uni_saal_released(usr.u, 3);
	CHECK(usr.establish_requests == 1 && mcm_uni_link_state(usr.u) == MCM_UNI_LINK_DOWN,
	      "failed attempt: not asked again");
	{
		struct mcm_uni_msg m;

		h_setup_msg(&m, false);
		CHECK(mcm_uni_setup_request(usr.u, &m, &uc, 4) == -ENOTCONN, "no link");
	}
	CHECK(usr.establish_requests == 2, "asked by the SETUP");
	unpair(&usr, &net);
}

static void
test_api_misuse(void)
{
	struct h_ep usr;
	struct mcm_uni_params p;
	struct mcm_uni_msg m;
	uint32_t c = 0;

	mcm_uni_params_default(&p, MCM_UNI_SIDE_USER);
	CHECK(mcm_uni_create(&p) == NULL, "no callbacks: refused");
	h_init(&usr, "user", MCM_UNI_SIDE_USER, 2, NULL);
	h_setup_msg(&m, false);
	CHECK(mcm_uni_setup_request(usr.u, &m, &c, 0) == -ENOTCONN, "link down");
	CHECK(usr.establish_requests == 1, "establishment requested");
	h_link_up(&usr, NULL, 0);
	CHECK(mcm_uni_connect_request(usr.u, 12345, 0) == -ENOENT, "bad handle");
	c = setup_call(&usr, false, 0);
	CHECK(mcm_uni_connect_request(usr.u, c, 0) == -EPROTO, "connect on our own call");
	setup_call(&usr, false, 0);
	CHECK(mcm_uni_setup_request(usr.u, &m, &c, 0) == -ENOSPC, "pool full");
	CHECK(strcmp(mcm_uni_state_name(MCM_UNI_SIDE_NETWORK, MCM_UNI_CS_ACTIVE), "N10") == 0,
	      "names");
	h_fini(&usr);
}

/*
 * AAL parameter negotiation (Q.2931 Annex F): the called side lowers the maximum CPCS-SDU
 * sizes in CONNECT and both sides' contracts take them; it may not raise them; a CONNECT
 * that raises one, or names another AAL, is cleared by the calling side with cause 78.
 */
static void
test_aal_negotiation(void)
{
	struct mcm_uni_contract ku, kn;
	struct h_ep usr, net;
	uint32_t uc, nc, cref = 0;
	int t;

	pair(&usr, &net, 16);
	uc = setup_call(&usr, false, 0);   /* offers 9188 both ways */
	h_pump(&usr, &net, 0);
	nc = net.last_setup_call;
	CHECK(mcm_uni_connect_request_sdu(net.u, nc, 9189, 0, 1) == -EINVAL, "raise refused");
	CHECK(mcm_uni_connect_request_sdu(net.u, 4242, 1500, 0, 1) == -ENOENT, "bad handle");
	CHECK(mcm_uni_call_state(net.u, nc) == MCM_UNI_CS_OUT_PROCEEDING, "still N3");
	CHECK(mcm_uni_connect_request_sdu(net.u, nc, 1500, 1400, 1) == 0, "connect, lowered");
	/* the CONNECT carries them */
	t = pop(&net);
	CHECK(t == MCM_UNI_MSG_CONNECT && rxm.aal.h.present && rxm.aal.type == MCM_UNI_AAL_5 &&
	      rxm.aal.has_fwd_sdu && rxm.aal.fwd_sdu == 1500 && rxm.aal.has_bwd_sdu &&
	      rxm.aal.bwd_sdu == 1400, "CONNECT with AAL 5 sizes 1500 / 1400 (type %d, %u / %u)",
	      t, rxm.aal.fwd_sdu, rxm.aal.bwd_sdu);
	if (t == MCM_UNI_MSG_CONNECT)
		inject(&usr, &rxm, 2);
	h_pump(&usr, &net, 2);
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_ACTIVE && usr.active_vcs == 1,
	      "U10, VC active");
	CHECK(mcm_uni_call_contract(usr.u, uc, &ku) == 0 && ku.fwd_sdu == 1500 &&
	      ku.bwd_sdu == 1400, "calling side's contract %u / %u", ku.fwd_sdu, ku.bwd_sdu);
	CHECK(mcm_uni_call_contract(net.u, nc, &kn) == 0 && kn.fwd_sdu == 1500 &&
	      kn.bwd_sdu == 1400, "called side's contract %u / %u", kn.fwd_sdu, kn.bwd_sdu);
	CHECK(mcm_uni_release_request(usr.u, uc, MCM_UNI_CAUSE_NORMAL, 3) == 0, "release");
	h_pump(&usr, &net, 3);

	/* a CONNECT raising the forward size, one naming AAL 3/4 for an AAL 5 call: RELEASE,
	 * cause 78, no VC
	 */
	for (t = 0; t < 2; t++) {
		uc = setup_call(&usr, false, 4);
		h_pump(&usr, &net, 4);
		mcm_uni_call_info(usr.u, uc, &cref, NULL, NULL, NULL);
		mcm_uni_msg_init(&txm, MCM_UNI_MSG_CONNECT, cref, true);
		txm.aal.h.present = true;
		txm.aal.type = t == 0 ? MCM_UNI_AAL_5 : MCM_UNI_AAL_34;
		txm.aal.has_fwd_sdu = t == 0;
		txm.aal.fwd_sdu = 9189;
		inject(&usr, &txm, 5);
		EXPECT(&usr, MCM_UNI_MSG_RELEASE, MCM_UNI_CAUSE_AAL_UNSUPP);
		CHECK(usr.active_vcs == 0, "no VC activated");
		CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_RELEASE_REQUEST, "U11");
		h_pump(&usr, &net, 5);
	}
	CHECK(usr.active_vcs == 0 && net.active_vcs == 0, "no VC left");
	unpair(&usr, &net);
}

int
main(void)
{
	test_p2p_user_originated();
	test_p2p_network_originated();
	test_reject();
	test_cref_collision_and_vc_range();
	test_reentrancy_and_link();
	test_api_misuse();
	test_aal_negotiation();
	return test_summary();
}
