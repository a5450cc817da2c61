/* SPDX-License-Identifier: BSD-3-Clause
 * Tests of the UNI call control (lib/uni/call): the timers of Q.2931 clause 9 on a virtual
 * clock: T303, T308, T310, T313, T316, T317, T322 and T309 with the SAAL lost and
 * re-established.
 */
#include "uni_call_test.h"

static void
test_t303(void)
{
	struct h_ep usr;
	uint32_t c;
	const struct h_ev *e;

	h_init(&usr, "user", MCM_UNI_SIDE_USER, 8, NULL);
	h_link_up(&usr, NULL, 0);
	c = setup_call(&usr, false, 1000);
	EXPECT(&usr, MCM_UNI_MSG_SETUP, 0);
	CHECK(mcm_uni_next_deadline(usr.u) == 5000, "T303 4 s: %llu",
	      (unsigned long long)mcm_uni_next_deadline(usr.u));
	mcm_uni_tick(usr.u, 4999);
	EXPECT_NONE(&usr);
	mcm_uni_tick(usr.u, 5000);
	EXPECT(&usr, MCM_UNI_MSG_SETUP, 0);
	CHECK(mcm_uni_call_state(usr.u, c) == MCM_UNI_CS_CALL_INITIATED, "still U1");
	mcm_uni_tick(usr.u, 9000);
	EXPECT(&usr, MCM_UNI_MSG_RELEASE_COMPLETE, MCM_UNI_CAUSE_TIMER_EXPIRY);
	CHECK(mcm_uni_call_state(usr.u, c) == MCM_UNI_CS_NULL, "U0 after second expiry");
	e = last_ev(&usr, MCM_UNI_EV_RELEASED);
	CHECK(e && e->cause == MCM_UNI_CAUSE_NO_RESPONSE, "released, cause 18");
	h_fini(&usr);
}

static void
test_t308_t313_t310(void)
{
	struct h_ep usr, net;
	uint32_t uc, nc;
	const struct h_ev *e;

	/* T308: RELEASE unanswered, sent twice, then the call reference is released */
	pair(&usr, &net, 8);
	net.answer = H_ANS_CONNECT;
	uc = setup_call(&usr, false, 0);
	h_pump(&usr, &net, 0);
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_ACTIVE, "active");
	mcm_uni_release_request(usr.u, uc, MCM_UNI_CAUSE_NORMAL, 100);
	EXPECT(&usr, MCM_UNI_MSG_RELEASE, MCM_UNI_CAUSE_NORMAL);
	mcm_uni_tick(usr.u, 30099);
	EXPECT_NONE(&usr);
	mcm_uni_tick(usr.u, 30100);
	EXPECT(&usr, MCM_UNI_MSG_RELEASE, MCM_UNI_CAUSE_NORMAL);
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_RELEASE_REQUEST, "U11");
	mcm_uni_tick(usr.u, 60100);
	/* the VC is in doubt: RESTART for it (class 0 with its connection identifier) */
	EXPECT(&usr, MCM_UNI_MSG_RESTART, 0);
	{
		uint16_t vpi, vci;

		e = last_ev(&usr, MCM_UNI_EV_VC_ACTIVATE);
		vpi = e ? e->vpi : 0;
		vci = e ? e->vci : 0;
		CHECK(rxm.restart.rclass == MCM_UNI_RESTART_VC && rxm.connid.h.present &&
		      rxm.connid.vpci == vpi && rxm.connid.vci == vci, "RESTART of VC %u/%u",
		      vpi, vci);
	}
	EXPECT_NONE(&usr);
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_NULL, "U0 after second T308");
	e = last_ev(&usr, MCM_UNI_EV_RELEASED);
	CHECK(e && e->cause == MCM_UNI_CAUSE_TIMER_EXPIRY, "cause 102");
	unpair(&usr, &net);

	/* T313: CONNECT not acknowledged */
	pair(&usr, &net, 8);
	nc = setup_call(&net, false, 0);
	h_pump(&usr, &net, 0);
	uc = usr.last_setup_call;
	mcm_uni_connect_request(usr.u, uc, 10);
	EXPECT(&usr, MCM_UNI_MSG_CONNECT, 0);
	mcm_uni_tick(usr.u, 4009);
	EXPECT_NONE(&usr);
	mcm_uni_tick(usr.u, 4010);
	EXPECT(&usr, MCM_UNI_MSG_RELEASE, MCM_UNI_CAUSE_TIMER_EXPIRY);
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_RELEASE_REQUEST, "U11 after T313");
	(void)nc;
	unpair(&usr, &net);

	/* T310: CALL PROCEEDING and then nothing (user side) */
	pair(&usr, &net, 8);
	uc = setup_call(&usr, false, 0);
	h_pump(&usr, &net, 0);
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_OUT_PROCEEDING, "U3");
	mcm_uni_tick(usr.u, 9999);
	EXPECT_NONE(&usr);
	mcm_uni_tick(usr.u, 10000);
	EXPECT(&usr, MCM_UNI_MSG_RELEASE, MCM_UNI_CAUSE_TIMER_EXPIRY);
	unpair(&usr, &net);

	/* T310 on the network side (N9) */
	pair(&usr, &net, 8);
	nc = setup_call(&net, false, 0);
	h_pump(&usr, &net, 0);
	mcm_uni_proceeding_request(usr.u, usr.last_setup_call, 0);
	h_pump(&usr, &net, 0);
	CHECK(mcm_uni_call_state(net.u, nc) == MCM_UNI_CS_IN_PROCEEDING, "N9");
	mcm_uni_tick(net.u, 10000);
	EXPECT(&net, MCM_UNI_MSG_RELEASE, MCM_UNI_CAUSE_TIMER_EXPIRY);
	CHECK(mcm_uni_call_state(net.u, nc) == MCM_UNI_CS_RELEASE_REQUEST, "N11");
	unpair(&usr, &net);
}

static void
test_t316_t317_t322(void)
{
	struct h_ep usr, net;
	uint32_t uc;
	const struct h_ev *e;

	/* T316: RESTART unanswered, repeated, then maintenance is told */
	h_init(&usr, "user", MCM_UNI_SIDE_USER, 8, NULL);
	h_link_up(&usr, NULL, 0);
	CHECK(mcm_uni_restart_request(usr.u, MCM_UNI_RESTART_ALL, 0, 0, 0) == 0, "restart");
	CHECK(mcm_uni_restart_state(usr.u) == MCM_UNI_RS_REQUEST, "Rest1");
	EXPECT(&usr, MCM_UNI_MSG_RESTART, 0);
	CHECK(rxm.cref == 0 && rxm.restart.rclass == MCM_UNI_RESTART_ALL, "global, class 2");
	CHECK(mcm_uni_restart_request(usr.u, MCM_UNI_RESTART_ALL, 0, 0, 1) == -EBUSY,
	      "one at a time");
	mcm_uni_tick(usr.u, 120000);
	EXPECT(&usr, MCM_UNI_MSG_RESTART, 0);
	mcm_uni_tick(usr.u, 240000);
	EXPECT_NONE(&usr);
	CHECK(count_of(&usr, MCM_UNI_EV_RESTART_FAIL) == 1, "maintenance told");
	CHECK(mcm_uni_restart_state(usr.u) == MCM_UNI_RS_NULL, "Rest0");
	h_fini(&usr);

	/* T317: RESTART received, not answered by the user in time */
	h_init(&net, "network", MCM_UNI_SIDE_NETWORK, 8, NULL);
	net.auto_restart_ack = false;
	h_link_up(&net, NULL, 0);
	mcm_uni_msg_init(&txm, MCM_UNI_MSG_RESTART, 0, false);
	txm.restart.h.present = true;
	txm.restart.rclass = MCM_UNI_RESTART_ALL;
	inject(&net, &txm, 0);
	CHECK(count_of(&net, MCM_UNI_EV_RESTART_IND) == 1, "restart indication");
	CHECK(mcm_uni_restart_state(net.u) == MCM_UNI_RS_RESTART, "Rest2");
	EXPECT_NONE(&net);
	mcm_uni_tick(net.u, 59999);
	CHECK(count_of(&net, MCM_UNI_EV_RESTART_FAIL) == 0, "not yet");
	mcm_uni_tick(net.u, 60000);
	CHECK(count_of(&net, MCM_UNI_EV_RESTART_FAIL) == 1, "T317 expired");
	CHECK(mcm_uni_restart_response(net.u, 60001) == -EPROTO, "too late");
	/* a second RESTART answered in time */
	inject(&net, &txm, 70000);
	CHECK(mcm_uni_restart_response(net.u, 70001) == 0, "response");
	EXPECT(&net, MCM_UNI_MSG_RESTART_ACK, 0);
	CHECK(rxm.cref_flag && rxm.restart.rclass == MCM_UNI_RESTART_ALL, "ack flag and class");
	h_fini(&net);

	/* T322: STATUS ENQUIRY unanswered: 3 times, then clear with cause 41 */
	pair(&usr, &net, 8);
	net.answer = H_ANS_CONNECT;
	uc = setup_call(&usr, false, 0);
	h_pump(&usr, &net, 0);
	CHECK(mcm_uni_status_enquiry_request(usr.u, uc, 1000) == 0, "enquiry");
	CHECK(mcm_uni_status_enquiry_request(usr.u, uc, 1000) == -EBUSY, "one outstanding");
	EXPECT(&usr, MCM_UNI_MSG_STATUS_ENQUIRY, 0);
	mcm_uni_tick(usr.u, 5000);
	EXPECT(&usr, MCM_UNI_MSG_STATUS_ENQUIRY, 0);
	mcm_uni_tick(usr.u, 9000);
	EXPECT(&usr, MCM_UNI_MSG_STATUS_ENQUIRY, 0);
	mcm_uni_tick(usr.u, 13000);
	EXPECT(&usr, MCM_UNI_MSG_RELEASE, MCM_UNI_CAUSE_TEMP_FAILURE);
	unpair(&usr, &net);

	/* status enquiry answered: nothing happens */
	pair(&usr, &net, 8);
	net.answer = H_ANS_CONNECT;
	uc = setup_call(&usr, false, 0);
	h_pump(&usr, &net, 0);
	mcm_uni_status_enquiry_request(usr.u, uc, 10);
	h_pump(&usr, &net, 10);
	e = last_ev(&usr, MCM_UNI_EV_STATUS_IND);
	CHECK(e && e->state == MCM_UNI_CS_ACTIVE && e->cause == MCM_UNI_CAUSE_STATUS_ENQUIRY,
	      "STATUS N10 cause 30");
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_ACTIVE, "still active");
	CHECK(mcm_uni_next_deadline(usr.u) == UINT64_MAX, "T322 stopped");
	unpair(&usr, &net);
}

static void
test_t309(void)
{
	struct h_ep usr, net;
	uint32_t a1, a2, p1;
	const struct h_ev *e;

	pair(&usr, &net, 8);
	net.answer = H_ANS_CONNECT;
	a1 = setup_call(&usr, false, 0);
	a2 = setup_call(&usr, false, 0);
	h_pump(&usr, &net, 0);
	net.answer = H_ANS_NONE;
	p1 = setup_call(&usr, false, 0);
	h_pump(&usr, &net, 0);
	CHECK(mcm_uni_call_state(usr.u, p1) == MCM_UNI_CS_OUT_PROCEEDING, "one call in U3");
	/* link lost: the U3 call is cleared, active calls wait for T309 */
	mcm_uni_saal_released(usr.u, 1000);
	CHECK(usr.establish_requests == 1, "re-establishment requested");
	CHECK(mcm_uni_call_state(usr.u, p1) == MCM_UNI_CS_NULL, "U3 call cleared");
	CHECK(mcm_uni_call_state(usr.u, a1) == MCM_UNI_CS_ACTIVE, "active call kept");
	CHECK(mcm_uni_next_deadline(usr.u) == 11000, "T309 10 s");
	/* the link comes back in time: STATUS ENQUIRY on the surviving calls */
	mcm_uni_saal_established(usr.u, 5000);
	EXPECT(&usr, MCM_UNI_MSG_STATUS_ENQUIRY, 0);
	EXPECT(&usr, MCM_UNI_MSG_STATUS_ENQUIRY, 0);
	mcm_uni_tick(usr.u, 11000);
	CHECK(mcm_uni_call_state(usr.u, a1) == MCM_UNI_CS_ACTIVE, "kept after re-establishment");
	/* the network forgot a2: its STATUS says Null and the call goes (5.6.12) */
	mcm_uni_msg_init(&txm, MCM_UNI_MSG_STATUS, 2, true);
	txm.call_state.h.present = true;
	txm.call_state.state = MCM_UNI_CS_NULL;
	tx_cause(MCM_UNI_CAUSE_STATUS_ENQUIRY);
	inject(&usr, &txm, 11001);
	CHECK(mcm_uni_call_state(usr.u, a2) == MCM_UNI_CS_NULL, "peer Null: released");
	/* link lost for good: T309 clears the active call, cause 27 */
	mcm_uni_saal_released(usr.u, 20000);
	mcm_uni_tick(usr.u, 29999);
	CHECK(mcm_uni_call_state(usr.u, a1) == MCM_UNI_CS_ACTIVE, "before T309");
	mcm_uni_tick(usr.u, 30000);
	CHECK(mcm_uni_call_state(usr.u, a1) == MCM_UNI_CS_NULL, "after T309");
	e = last_ev(&usr, MCM_UNI_EV_RELEASED);
	CHECK(e && e->cause == MCM_UNI_CAUSE_DEST_OUT_OF_ORDER, "cause 27");
	CHECK(usr.active_vcs == 0, "VCs deactivated");
	unpair(&usr, &net);
}

int
main(void)
{
	test_t303();
	test_t308_t313_t310();
	test_t316_t317_t322();
	test_t309();
	return test_summary();
}
