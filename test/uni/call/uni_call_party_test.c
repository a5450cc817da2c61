/* SPDX-License-Identifier: BSD-3-Clause
 * Tests of the UNI call control (lib/uni/call): point-to-multipoint calls (Q.2971): parties
 * alerted, added, rejected, timed out and dropped; unknown endpoint references, party messages
 * on a point-to-point call, T397.
 */
#include "uni_call_test.h"

static void
test_p2mp(void)
{
	struct h_ep usr, net;
	struct mcm_uni_msg add;
	uint32_t uc, nc;
	uint16_t e1, e2, e3;
	const struct h_ev *e;

	pair(&usr, &net, 8);
	net.answer = H_ANS_CONNECT;
	uc = setup_call(&usr, true, 0);
	h_pump(&usr, &net, 0);
	nc = net.last_setup_call;
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_ACTIVE, "root active");
	CHECK(mcm_uni_party_state(usr.u, uc, 0) == MCM_UNI_EPS_ACTIVE, "party 0 active");
	CHECK(mcm_uni_party_state(net.u, nc, 0) == MCM_UNI_EPS_ACTIVE, "network party 0");
	h_setup_msg(&add, true);
	/* party 1 accepted after PARTY ALERTING */
	CHECK(mcm_uni_add_party_request(usr.u, uc, &add, &e1, 1) == 0, "add party");
	CHECK(mcm_uni_party_state(usr.u, uc, e1) == MCM_UNI_EPS_ADD_INITIATED, "P1");
	h_pump(&usr, &net, 1);
	CHECK(count_of(&net, MCM_UNI_EV_PARTY_ADD_IND) == 1, "network told");
	CHECK(mcm_uni_party_state(net.u, nc, e1) == MCM_UNI_EPS_ADD_RECEIVED, "P2");
	CHECK(mcm_uni_party_alert_request(net.u, nc, e1, 1) == 0, "party alerting");
	CHECK(mcm_uni_party_state(net.u, nc, e1) == MCM_UNI_EPS_ALERT_DELIVERED, "P3");
	h_pump(&usr, &net, 1);
	CHECK(mcm_uni_party_state(usr.u, uc, e1) == MCM_UNI_EPS_ALERT_RECEIVED, "P4");
	CHECK(mcm_uni_add_party_ack_request(net.u, nc, e1, 1) == 0, "ack");
	h_pump(&usr, &net, 1);
	CHECK(mcm_uni_party_state(usr.u, uc, e1) == MCM_UNI_EPS_ACTIVE, "P7 at the root");
	CHECK(count_of(&usr, MCM_UNI_EV_PARTY_ACTIVE) == 1, "party active event");
	/* party 2 rejected */
	net.party_answer = 2;
	net.answer_cause = MCM_UNI_CAUSE_BUSY;
	CHECK(mcm_uni_add_party_request(usr.u, uc, &add, &e2, 2) == 0, "add party 2");
	h_pump(&usr, &net, 2);
	e = last_ev(&usr, MCM_UNI_EV_PARTY_DROPPED);
	CHECK(e && e->epref == e2 && e->cause == MCM_UNI_CAUSE_BUSY, "party 2 rejected, 17");
	CHECK(mcm_uni_party_state(usr.u, uc, e2) == MCM_UNI_EPS_NULL, "P0");
	/* party 3: no answer at all: T399 then DROP PARTY, T398 */
	net.party_answer = 0;
	CHECK(mcm_uni_add_party_request(usr.u, uc, &add, &e3, 3000) == 0, "add party 3");
	h_pump(&usr, &net, 3000);
	net.drop = true;
	mcm_uni_tick(usr.u, 16999);
	CHECK(mcm_uni_party_state(usr.u, uc, e3) == MCM_UNI_EPS_ADD_INITIATED, "before T399");
	mcm_uni_tick(usr.u, 17000);
	CHECK(mcm_uni_party_state(usr.u, uc, e3) == MCM_UNI_EPS_DROP_INITIATED, "P5 after T399");
	usr.drop = true; /* lose the DROP PARTY: T398 runs out */
	mcm_uni_tick(usr.u, 21000);
	CHECK(mcm_uni_party_state(usr.u, uc, e3) == MCM_UNI_EPS_NULL, "P0 after T398");
	usr.drop = net.drop = false;
	h_flush(&usr);
	h_flush(&net);
	/* network still holds party 3 in P2: a STATUS ENQUIRY with epref syncs it */
	mcm_uni_drop_party_request(net.u, nc, e3, MCM_UNI_CAUSE_NORMAL, 21001);
	h_pump(&usr, &net, 21001);
	CHECK(mcm_uni_party_state(net.u, nc, e3) == MCM_UNI_EPS_NULL, "network party 3 gone");
	/* drop party 1 from the leaf side: DROP PARTY / DROP PARTY ACK */
	CHECK(mcm_uni_drop_party_request(net.u, nc, e1, MCM_UNI_CAUSE_NORMAL, 22000) == 0, "drop");
	CHECK(mcm_uni_party_state(net.u, nc, e1) == MCM_UNI_EPS_DROP_INITIATED, "P5");
	h_pump(&usr, &net, 22000);
	CHECK(mcm_uni_party_state(usr.u, uc, e1) == MCM_UNI_EPS_NULL &&
	      mcm_uni_party_state(net.u, nc, e1) == MCM_UNI_EPS_NULL, "party 1 dropped");
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_ACTIVE, "call stays");
	/* dropping the last party clears the call */
	CHECK(mcm_uni_drop_party_request(usr.u, uc, 0, MCM_UNI_CAUSE_NORMAL, 23000) == 0, "drop 0");
	h_pump(&usr, &net, 23000);
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_NULL &&
	      mcm_uni_call_state(net.u, nc) == MCM_UNI_CS_NULL, "call cleared");
	{
		struct mcm_uni_stats su, sn;

		mcm_uni_get_stats(usr.u, &su);
		mcm_uni_get_stats(net.u, &sn);
		CHECK(su.parties_in_use == 0 && sn.parties_in_use == 0, "parties freed %u %u",
		      su.parties_in_use, sn.parties_in_use);
	}
	/* ADD PARTY on a point-to-point call is refused */
	net.answer = H_ANS_CONNECT;
	uc = setup_call(&usr, false, 30000);
	h_pump(&usr, &net, 30000);
	CHECK(mcm_uni_add_party_request(usr.u, uc, &add, &e1, 30000) == -EINVAL, "p2p");
	unpair(&usr, &net);
}

static void
test_party_errors(void)
{
	struct h_ep usr, net;
	uint32_t uc, pc;
	uint16_t e1;
	struct mcm_uni_msg add;

	pair(&usr, &net, 8);
	net.answer = H_ANS_CONNECT;
	uc = setup_call(&usr, true, 0);
	pc = setup_call(&usr, false, 0);
	h_pump(&usr, &net, 0);
	/* DROP PARTY for an unknown endpoint reference: DROP PARTY ACK, cause 89 */
	mcm_uni_msg_init(&txm, MCM_UNI_MSG_DROP_PARTY, 1, true);
	txm.epref.h.present = true;
	txm.epref.value = 77;
	tx_cause(16);
	inject(&usr, &txm, 0);
	EXPECT(&usr, MCM_UNI_MSG_DROP_PARTY_ACK, MCM_UNI_CAUSE_INVALID_EPREF);
	/* party messages on a point-to-point call: STATUS 101 */
	txm.cref = 2;
	inject(&usr, &txm, 0);
	EXPECT(&usr, MCM_UNI_MSG_STATUS, MCM_UNI_CAUSE_MSG_STATE);
	/* T397: PARTY ALERTING and then nothing for 3 min: DROP PARTY cause 19 */
	h_setup_msg(&add, true);
	CHECK(mcm_uni_add_party_request(usr.u, uc, &add, &e1, 1000) == 0, "add");
	EXPECT(&usr, MCM_UNI_MSG_ADD_PARTY, 0);
	mcm_uni_msg_init(&txm, MCM_UNI_MSG_PARTY_ALERTING, 1, true);
	txm.epref.h.present = true;
	txm.epref.value = e1;
	txm.epref.flag = true;
	inject(&usr, &txm, 2000);
	CHECK(mcm_uni_party_state(usr.u, uc, e1) == MCM_UNI_EPS_ALERT_RECEIVED, "P4");
	mcm_uni_tick(usr.u, 181999);
	EXPECT_NONE(&usr);
	mcm_uni_tick(usr.u, 182000);
	EXPECT(&usr, MCM_UNI_MSG_DROP_PARTY, MCM_UNI_CAUSE_NO_ANSWER);
	/* STATUS ENQUIRY naming the party: STATUS carries its endpoint state */
	mcm_uni_msg_init(&txm, MCM_UNI_MSG_STATUS_ENQUIRY, 1, true);
	txm.epref.h.present = true;
	txm.epref.value = e1;
	txm.epref.flag = true;
	inject(&usr, &txm, 182001);
	EXPECT(&usr, MCM_UNI_MSG_STATUS, MCM_UNI_CAUSE_STATUS_ENQUIRY);
	CHECK(rxm.epstate.h.present && rxm.epstate.state == MCM_UNI_EPS_DROP_INITIATED &&
	      rxm.epref.value == e1, "endpoint state P5");
	(void)pc;
	unpair(&usr, &net);
}

int
main(void)
{
	test_p2mp();
	test_party_errors();
	return test_summary();
}
