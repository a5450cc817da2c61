/* SPDX-License-Identifier: BSD-3-Clause
 * Tests of the UNI call control (lib/uni/call): the error procedures of Q.2931 5.6 (unknown
 * call references, global call reference misuse, header errors, mandatory and unrecognised
 * IEs, message type and sequence errors, STATUS), sequence errors of the user side, and the
 * state x message matrix of the establishment messages on both sides.
 */
#include "uni_call_test.h"

static void
test_errors(void)
{
	struct h_ep net, usr;
	uint8_t b[HQ_SLOT], ies[64];
	size_t n;
	int len;
	uint32_t uc, nc;

	h_init(&net, "network", MCM_UNI_SIDE_NETWORK, 8, NULL);
	h_link_up(&net, NULL, 0);

	/* 5.6.3.2 a): ALERTING on an unknown call reference: RELEASE COMPLETE, cause 81 */
	mcm_uni_msg_init(&txm, MCM_UNI_MSG_ALERTING, 77, false);
	inject(&net, &txm, 0);
	EXPECT(&net, MCM_UNI_MSG_RELEASE_COMPLETE, MCM_UNI_CAUSE_INVALID_CREF);
	CHECK(rxm.cref == 77 && rxm.cref_flag, "answer on the same call reference");
	/* b) RELEASE unknown: RELEASE COMPLETE 81; c) RELEASE COMPLETE unknown: nothing */
	mcm_uni_msg_init(&txm, MCM_UNI_MSG_RELEASE, 78, false);
	tx_cause(16);
	inject(&net, &txm, 0);
	EXPECT(&net, MCM_UNI_MSG_RELEASE_COMPLETE, MCM_UNI_CAUSE_INVALID_CREF);
	mcm_uni_msg_init(&txm, MCM_UNI_MSG_RELEASE_COMPLETE, 79, false);
	inject(&net, &txm, 0);
	EXPECT_NONE(&net);
	/* STATUS ENQUIRY unknown: STATUS Null, cause 30 */
	mcm_uni_msg_init(&txm, MCM_UNI_MSG_STATUS_ENQUIRY, 80, false);
	inject(&net, &txm, 0);
	EXPECT(&net, MCM_UNI_MSG_STATUS, MCM_UNI_CAUSE_STATUS_ENQUIRY);
	CHECK(rxm.call_state.state == MCM_UNI_CS_NULL, "state Null");
	/* STATUS unknown reporting U10: RELEASE COMPLETE, cause 101 */
	mcm_uni_msg_init(&txm, MCM_UNI_MSG_STATUS, 81, false);
	txm.call_state.h.present = true;
	txm.call_state.state = MCM_UNI_CS_ACTIVE;
	tx_cause(30);
	inject(&net, &txm, 0);
	EXPECT(&net, MCM_UNI_MSG_RELEASE_COMPLETE, MCM_UNI_CAUSE_MSG_STATE);
	/* global call reference misused by STATUS ENQUIRY: STATUS, cause 81 */
	mcm_uni_msg_init(&txm, MCM_UNI_MSG_STATUS_ENQUIRY, 0, false);
	inject(&net, &txm, 0);
	EXPECT(&net, MCM_UNI_MSG_STATUS, MCM_UNI_CAUSE_INVALID_CREF);
	CHECK(rxm.cref == 0, "global");
	/* header errors are ignored: bad protocol discriminator, short, bad cref length */
	n = raw_msg(b, 5, false, MCM_UNI_MSG_ALERTING, 0, NULL, 0);
	b[0] = 0x08;
	inject_raw(&net, b, n, 0);
	inject_raw(&net, b, 4, 0);
	n = raw_msg(b, 5, false, MCM_UNI_MSG_ALERTING, 0, NULL, 0);
	b[1] = 2;
	inject_raw(&net, b, n, 0);
	EXPECT_NONE(&net);

	/* SETUP without its mandatory traffic descriptor: RELEASE COMPLETE, cause 96 */
	h_setup_msg(&txm, false);
	txm.cref = 90;
	len = mcm_uni_msg_encode(&txm, b, sizeof(b));
	CHECK(len > 0, "encode");
	n = cut_ie(b, (size_t)len, MCM_UNI_IE_TRAFFIC, false);
	inject_raw(&net, b, n, 0);
	EXPECT(&net, MCM_UNI_MSG_RELEASE_COMPLETE, MCM_UNI_CAUSE_MANDATORY_MISSING);
	CHECK(rxm.n_cause && rxm.cause[0].diag_len >= 1 &&
	      rxm.cause[0].diag[0] == MCM_UNI_IE_TRAFFIC, "diagnostic names the IE");
	CHECK(count_of(&net, MCM_UNI_EV_SETUP_IND) == 0, "no call");
	/* SETUP with an empty bearer capability: content error, cause 100 */
	h_setup_msg(&txm, false);
	txm.cref = 91;
	len = mcm_uni_msg_encode(&txm, b, sizeof(b));
	n = cut_ie(b, (size_t)len, MCM_UNI_IE_BEARER, true);
	inject_raw(&net, b, n, 0);
	EXPECT(&net, MCM_UNI_MSG_RELEASE_COMPLETE, MCM_UNI_CAUSE_IE_INVALID);

	/* a good SETUP: CALL PROCEEDING with the connection identifier */
	h_setup_msg(&txm, false);
	txm.cref = 92;
	inject(&net, &txm, 0);
	EXPECT(&net, MCM_UNI_MSG_CALL_PROCEEDING, 0);
	CHECK(rxm.connid.h.present && rxm.connid.vci >= 32, "connection identifier VCI %u",
	      rxm.connid.vci);
	nc = net.last_setup_call;
	CHECK(mcm_uni_call_state(net.u, nc) == MCM_UNI_CS_OUT_PROCEEDING, "N3");
	/* the user proposes a VC: exclusive VPCI and VCI honoured, a VCI in use refused (35),
	 * exclusive VPCI with any VCI gets a VCI on that VPI */
	h_setup_msg(&txm, false);
	txm.cref = 200;
	txm.connid.h.present = true;
	txm.connid.assoc = 1;
	txm.connid.excl = MCM_UNI_CONNID_EXCL_EXCL;
	txm.connid.vpci = 3;
	txm.connid.vci = 1000;
	inject(&net, &txm, 0);
	EXPECT(&net, MCM_UNI_MSG_CALL_PROCEEDING, 0);
	CHECK(rxm.connid.vpci == 3 && rxm.connid.vci == 1000, "VC 3/1000 granted (%u/%u)",
	      rxm.connid.vpci, rxm.connid.vci);
	txm.cref = 201;
	inject(&net, &txm, 0);
	EXPECT(&net, MCM_UNI_MSG_RELEASE_COMPLETE, MCM_UNI_CAUSE_VPCI_VCI_UNAVAIL);
	txm.cref = 202;
	txm.connid.excl = MCM_UNI_CONNID_EXCL_ANY;
	txm.connid.vpci = 5;
	inject(&net, &txm, 0);
	EXPECT(&net, MCM_UNI_MSG_CALL_PROCEEDING, 0);
	CHECK(rxm.connid.vpci == 5 && rxm.connid.vci >= 32, "VPI 5 kept, VCI %u chosen",
	      rxm.connid.vci);
	txm.cref = 203;
	txm.connid.vpci = 200; /* outside the configured VPI range */
	inject(&net, &txm, 0);
	EXPECT(&net, MCM_UNI_MSG_RELEASE_COMPLETE, MCM_UNI_CAUSE_VPCI_VCI_UNAVAIL);
	h_setup_msg(&txm, false);
	txm.cref = 92;
	/* 5.6.3.2 e): SETUP again on the same call reference: ignored */
	inject(&net, &txm, 0);
	EXPECT_NONE(&net);
	/* 5.6.4: CONNECT ACKNOWLEDGE in N3: STATUS, cause 101 */
	mcm_uni_msg_init(&txm, MCM_UNI_MSG_CONNECT_ACK, 92, false);
	inject(&net, &txm, 0);
	EXPECT(&net, MCM_UNI_MSG_STATUS, MCM_UNI_CAUSE_MSG_STATE);
	CHECK(rxm.call_state.state == MCM_UNI_CS_OUT_PROCEEDING, "our state reported");
	/* same, with the explicit instruction "discard and ignore" */
	n = raw_msg(b, 92, false, MCM_UNI_MSG_CONNECT_ACK, 0x10 | MCM_UNI_MSGA_IGNORE, NULL, 0);
	inject_raw(&net, b, n, 0);
	EXPECT_NONE(&net);
	/* unrecognised message type: STATUS, cause 97 */
	n = raw_msg(b, 92, false, 0x33, 0, NULL, 0);
	inject_raw(&net, b, n, 0);
	EXPECT(&net, MCM_UNI_MSG_STATUS, MCM_UNI_CAUSE_MSG_TYPE_UNKNOWN);
	/* unrecognised IE, no explicit instruction: processed, STATUS cause 99 */
	ies[0] = 0x0d; /* unassigned identifier */
	ies[1] = 0x80;
	ies[2] = 0;
	ies[3] = 1;
	ies[4] = 0x55;
	n = raw_msg(b, 92, false, MCM_UNI_MSG_STATUS_ENQUIRY, 0, ies, 5);
	inject_raw(&net, b, n, 0);
	EXPECT(&net, MCM_UNI_MSG_STATUS, MCM_UNI_CAUSE_STATUS_ENQUIRY);
	EXPECT(&net, MCM_UNI_MSG_STATUS, MCM_UNI_CAUSE_IE_UNKNOWN);
	CHECK(rxm.n_cause && rxm.cause[0].diag_len >= 1 && rxm.cause[0].diag[0] == 0x0d,
	      "diagnostic: the IE identifier");
	/* explicit "discard IE and proceed": no report */
	ies[1] = 0x80 | 0x10 | MCM_UNI_IEA_DISCARD_PROCEED;
	n = raw_msg(b, 92, false, MCM_UNI_MSG_STATUS_ENQUIRY, 0, ies, 5);
	inject_raw(&net, b, n, 0);
	EXPECT(&net, MCM_UNI_MSG_STATUS, MCM_UNI_CAUSE_STATUS_ENQUIRY);
	EXPECT_NONE(&net);
	/* explicit "discard message and report": STATUS 99 only */
	ies[1] = 0x80 | 0x10 | MCM_UNI_IEA_MSG_REPORT;
	n = raw_msg(b, 92, false, MCM_UNI_MSG_STATUS_ENQUIRY, 0, ies, 5);
	inject_raw(&net, b, n, 0);
	EXPECT(&net, MCM_UNI_MSG_STATUS, MCM_UNI_CAUSE_IE_UNKNOWN);
	EXPECT_NONE(&net);
	/* explicit "discard message and ignore" */
	ies[1] = 0x80 | 0x10 | MCM_UNI_IEA_MSG_IGNORE;
	n = raw_msg(b, 92, false, MCM_UNI_MSG_STATUS_ENQUIRY, 0, ies, 5);
	inject_raw(&net, b, n, 0);
	EXPECT_NONE(&net);
	/* explicit "clear call": RELEASE, cause 99 */
	ies[1] = 0x80 | 0x10 | MCM_UNI_IEA_CLEAR;
	n = raw_msg(b, 92, false, MCM_UNI_MSG_STATUS_ENQUIRY, 0, ies, 5);
	inject_raw(&net, b, n, 0);
	EXPECT(&net, MCM_UNI_MSG_RELEASE, MCM_UNI_CAUSE_IE_UNKNOWN);
	CHECK(mcm_uni_call_state(net.u, nc) == MCM_UNI_CS_RELEASE_REQUEST, "N11");
	/* RELEASE with a bad cause IE (mandatory, content error): RELEASE COMPLETE 100 */
	ies[0] = MCM_UNI_IE_CAUSE;
	ies[1] = 0x80;
	ies[2] = 0;
	ies[3] = 1;
	ies[4] = 0x80;
	mcm_uni_msg_init(&txm, MCM_UNI_MSG_RELEASE_COMPLETE, 92, false);
	inject(&net, &txm, 0); /* first finish call 92 */
	h_setup_msg(&txm, false);
	txm.cref = 93;
	inject(&net, &txm, 0);
	EXPECT(&net, MCM_UNI_MSG_CALL_PROCEEDING, 0);
	n = raw_msg(b, 93, false, MCM_UNI_MSG_RELEASE, 0, ies, 5);
	inject_raw(&net, b, n, 0);
	EXPECT(&net, MCM_UNI_MSG_RELEASE_COMPLETE, MCM_UNI_CAUSE_IE_INVALID);
	CHECK(mcm_uni_call_by_cref(net.u, 93, false) == 0, "call 93 gone");
	/* SETUP with a bad optional IE (empty AAL parameters): the call goes on, STATUS 100
	 * reports the IE (5.6.8.2) */
	h_setup_msg(&txm, false);
	txm.cref = 95;
	len = mcm_uni_msg_encode(&txm, b, sizeof(b));
	n = cut_ie(b, (size_t)len, MCM_UNI_IE_AAL, true);
	inject_raw(&net, b, n, 0);
	EXPECT(&net, MCM_UNI_MSG_CALL_PROCEEDING, 0);
	EXPECT(&net, MCM_UNI_MSG_STATUS, MCM_UNI_CAUSE_IE_INVALID);
	CHECK(rxm.n_cause && rxm.cause[0].diag_len >= 1 && rxm.cause[0].diag[0] == MCM_UNI_IE_AAL,
	      "diagnostic: AAL parameters");
	CHECK(mcm_uni_call_by_cref(net.u, 95, false) != 0, "call 95 proceeds");
	/* a message missing mandatory IEs in a call: STATUS 96 (DROP PARTY without any IE) */
	h_setup_msg(&txm, false);
	txm.cref = 94;
	inject(&net, &txm, 0);
	EXPECT(&net, MCM_UNI_MSG_CALL_PROCEEDING, 0);
	n = raw_msg(b, 94, false, MCM_UNI_MSG_DROP_PARTY, 0, NULL, 0);
	inject_raw(&net, b, n, 0);
	EXPECT(&net, MCM_UNI_MSG_STATUS, MCM_UNI_CAUSE_MANDATORY_MISSING);
	h_fini(&net);

	/* 5.6.12: STATUS reporting an incompatible state: RELEASE, cause 101 */
	pair(&usr, &net, 8);
	net.answer = H_ANS_CONNECT;
	uc = setup_call(&usr, false, 0);
	h_pump(&usr, &net, 0);
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_ACTIVE, "active");
	mcm_uni_msg_init(&txm, MCM_UNI_MSG_STATUS, 1, true);
	txm.call_state.h.present = true;
	txm.call_state.state = MCM_UNI_CS_CALL_PRESENT; /* N6: the wrong direction */
	tx_cause(30);
	inject(&usr, &txm, 0);
	EXPECT(&usr, MCM_UNI_MSG_RELEASE, MCM_UNI_CAUSE_MSG_STATE);
	/* compatible state: nothing */
	uc = setup_call(&usr, false, 0);
	h_pump(&usr, &net, 0);
	txm.cref = 2;
	txm.call_state.state = MCM_UNI_CS_ACTIVE;
	inject(&usr, &txm, 0);
	EXPECT_NONE(&usr);
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_ACTIVE, "still active");
	/* user side: a SETUP from the network without a connection identifier */
	h_setup_msg(&txm, false);
	txm.cref = 500;
	txm.connid.h.present = false;
	len = mcm_uni_msg_encode(&txm, b, sizeof(b));
	CHECK(len > 0, "encode");
	inject_raw(&usr, b, (size_t)len, 0);
	EXPECT(&usr, MCM_UNI_MSG_RELEASE_COMPLETE, MCM_UNI_CAUSE_MANDATORY_MISSING);
	unpair(&usr, &net);
}

static void
test_user_side_sequence_errors(void)
{
	struct h_ep usr, net;
	uint32_t uc;
	const struct h_ev *e;

	/* CONNECT ACKNOWLEDGE to the calling user in U10: STATUS 101 */
	pair(&usr, &net, 8);
	net.answer = H_ANS_CONNECT;
	uc = setup_call(&usr, false, 0);
	h_pump(&usr, &net, 0);
	mcm_uni_msg_init(&txm, MCM_UNI_MSG_CONNECT_ACK, 1, true);
	inject(&usr, &txm, 0);
	EXPECT(&usr, MCM_UNI_MSG_STATUS, MCM_UNI_CAUSE_MSG_STATE);
	CHECK(rxm.call_state.state == MCM_UNI_CS_ACTIVE && rxm.cause[0].diag_len == 1 &&
	      rxm.cause[0].diag[0] == MCM_UNI_MSG_CONNECT_ACK, "state U10, diagnostic type");
	/* ALERTING in U10: STATUS 101, call kept */
	mcm_uni_msg_init(&txm, MCM_UNI_MSG_ALERTING, 1, true);
	inject(&usr, &txm, 0);
	EXPECT(&usr, MCM_UNI_MSG_STATUS, MCM_UNI_CAUSE_MSG_STATE);
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_ACTIVE, "kept");
	/* explicit message action "clear call": RELEASE 101 */
	{
		uint8_t b[32];
		size_t n = 0;

		mcm_uni_msg_init(&txm, MCM_UNI_MSG_ALERTING, 1, true);
		n = (size_t)mcm_uni_msg_encode(&txm, b, sizeof(b));
		b[6] = 0x80 | 0x10 | MCM_UNI_MSGA_CLEAR;
		inject_raw(&usr, b, n, 0);
		EXPECT(&usr, MCM_UNI_MSG_RELEASE, MCM_UNI_CAUSE_MSG_STATE);
	}
	unpair(&usr, &net);

	/* first response without connection identifier: RELEASE 96 (UNI 4.0 5.1.2) */
	h_init(&usr, "user", MCM_UNI_SIDE_USER, 8, NULL);
	h_link_up(&usr, NULL, 0);
	uc = setup_call(&usr, false, 0);
	EXPECT(&usr, MCM_UNI_MSG_SETUP, 0);
	{
		uint8_t b[32];
		size_t n = raw_msg(b, 1, true, MCM_UNI_MSG_ALERTING, 0, NULL, 0);

		inject_raw(&usr, b, n, 0);
	}
	EXPECT(&usr, MCM_UNI_MSG_RELEASE, MCM_UNI_CAUSE_MANDATORY_MISSING);
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_RELEASE_REQUEST, "U11");
	/* RELEASE from the network now: clear collision, no answer, Null */
	mcm_uni_msg_init(&txm, MCM_UNI_MSG_RELEASE, 1, true);
	tx_cause(MCM_UNI_CAUSE_NORMAL);
	inject(&usr, &txm, 0);
	EXPECT_NONE(&usr);
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_NULL, "U0 after clear collision");
	/* a connection identifier with a reserved VCI: RELEASE 35 */
	uc = setup_call(&usr, false, 0);
	EXPECT(&usr, MCM_UNI_MSG_SETUP, 0);
	mcm_uni_msg_init(&txm, MCM_UNI_MSG_CALL_PROCEEDING, rxm.cref, true);
	txm.connid.h.present = true;
	txm.connid.assoc = 1;
	txm.connid.vpci = 0;
	txm.connid.vci = 5;
	inject(&usr, &txm, 0);
	EXPECT(&usr, MCM_UNI_MSG_RELEASE, MCM_UNI_CAUSE_VPCI_VCI_UNAVAIL);
	/* RELEASE COMPLETE in U11 ends it; the user learns our cause */
	mcm_uni_msg_init(&txm, MCM_UNI_MSG_RELEASE_COMPLETE, rxm.cref, true);
	inject(&usr, &txm, 0);
	e = last_ev(&usr, MCM_UNI_EV_RELEASED);
	CHECK(e && e->cause == MCM_UNI_CAUSE_VPCI_VCI_UNAVAIL, "released with 35");
	CHECK(mcm_uni_call_state(usr.u, uc) == MCM_UNI_CS_NULL, "U0");
	h_fini(&usr);
}

enum drive {
	D_U1, D_U3, D_U4, D_U10o, D_U11, D_U6, D_U9, D_U7, D_U8, D_U10i,
	D_N6, D_N9, D_N7, D_N10o, D_N11, D_N3, D_N4, D_N10i, D_COUNT
};

static const struct {
	const char *name;
	enum mcm_uni_side side;
	uint8_t state;
} drives[D_COUNT] = {
	[D_U1] = { "U1", MCM_UNI_SIDE_USER, MCM_UNI_CS_CALL_INITIATED },
	[D_U3] = { "U3", MCM_UNI_SIDE_USER, MCM_UNI_CS_OUT_PROCEEDING },
	[D_U4] = { "U4", MCM_UNI_SIDE_USER, MCM_UNI_CS_CALL_DELIVERED },
	[D_U10o] = { "U10 (outgoing)", MCM_UNI_SIDE_USER, MCM_UNI_CS_ACTIVE },
	[D_U11] = { "U11", MCM_UNI_SIDE_USER, MCM_UNI_CS_RELEASE_REQUEST },
	[D_U6] = { "U6", MCM_UNI_SIDE_USER, MCM_UNI_CS_CALL_PRESENT },
	[D_U9] = { "U9", MCM_UNI_SIDE_USER, MCM_UNI_CS_IN_PROCEEDING },
	[D_U7] = { "U7", MCM_UNI_SIDE_USER, MCM_UNI_CS_CALL_RECEIVED },
	[D_U8] = { "U8", MCM_UNI_SIDE_USER, MCM_UNI_CS_CONNECT_REQUEST },
	[D_U10i] = { "U10 (incoming)", MCM_UNI_SIDE_USER, MCM_UNI_CS_ACTIVE },
	[D_N6] = { "N6", MCM_UNI_SIDE_NETWORK, MCM_UNI_CS_CALL_PRESENT },
	[D_N9] = { "N9", MCM_UNI_SIDE_NETWORK, MCM_UNI_CS_IN_PROCEEDING },
	[D_N7] = { "N7", MCM_UNI_SIDE_NETWORK, MCM_UNI_CS_CALL_RECEIVED },
	[D_N10o] = { "N10 (to the user)", MCM_UNI_SIDE_NETWORK, MCM_UNI_CS_ACTIVE },
	[D_N11] = { "N11", MCM_UNI_SIDE_NETWORK, MCM_UNI_CS_RELEASE_REQUEST },
	[D_N3] = { "N3", MCM_UNI_SIDE_NETWORK, MCM_UNI_CS_OUT_PROCEEDING },
	[D_N4] = { "N4", MCM_UNI_SIDE_NETWORK, MCM_UNI_CS_CALL_DELIVERED },
	[D_N10i] = { "N10 (from the user)", MCM_UNI_SIDE_NETWORK, MCM_UNI_CS_ACTIVE },
};

/* Inject a peer message on call reference 1 (@ours: this side allocated it). */
static void
peer_msg(struct h_ep *e, uint8_t type, bool ours, bool connid)
{
	mcm_uni_msg_init(&txm, type, 1, ours);
	if (connid) {
		txm.connid.h.present = true;
		txm.connid.assoc = 1;
		txm.connid.vpci = 0;
		txm.connid.vci = 100;
	}
	inject(e, &txm, 0);
}

/* Bring a fresh endpoint's call 1 into the state @d; returns its handle. */
static uint32_t
drive_to(struct h_ep *e, enum drive d)
{
	struct mcm_uni_msg m;
	uint32_t c = 0;
	bool user = drives[d].side == MCM_UNI_SIDE_USER;

	h_init(e, drives[d].name, drives[d].side, 4, NULL);
	h_link_up(e, NULL, 0);
	switch (d) {
	case D_U1: case D_U3: case D_U4: case D_U10o: case D_U11:
	case D_N6: case D_N9: case D_N7: case D_N10o: case D_N11:
		h_setup_msg(&m, false);
		mcm_uni_setup_request(e->u, &m, &c, 0);
		if (d == D_U1 || d == D_N6)
			break;
		peer_msg(e, user ? MCM_UNI_MSG_CALL_PROCEEDING : MCM_UNI_MSG_CALL_PROCEEDING, true,
			 user);
		if (d == D_U3 || d == D_N9)
			break;
		peer_msg(e, MCM_UNI_MSG_ALERTING, true, false);
		if (d == D_U4 || d == D_N7)
			break;
		peer_msg(e, MCM_UNI_MSG_CONNECT, true, false);
		if (d == D_U11 || d == D_N11)
			mcm_uni_release_request(e->u, c, MCM_UNI_CAUSE_NORMAL, 0);
		break;
	default:
		h_setup_msg(&txm, false);
		txm.cref = 1;
		if (user) {
			txm.connid.h.present = true;
			txm.connid.assoc = 1;
			txm.connid.vci = 100;
		}
		inject(e, &txm, 0);
		c = e->last_setup_call;
		if (d == D_U6 || d == D_N3)
			break;
		if (user)
			mcm_uni_proceeding_request(e->u, c, 0);
		if (d == D_U9)
			break;
		mcm_uni_alert_request(e->u, c, 0);
		if (d == D_U7 || d == D_N4)
			break;
		mcm_uni_connect_request(e->u, c, 0);
		if (d == D_U10i)
			peer_msg(e, MCM_UNI_MSG_CONNECT_ACK, false, false);
		break;
	}
	h_flush(e);
	return c;
}

static void
test_state_matrix(void)
{
	static const uint8_t msgs[] = { MCM_UNI_MSG_CALL_PROCEEDING, MCM_UNI_MSG_ALERTING,
					MCM_UNI_MSG_CONNECT, MCM_UNI_MSG_CONNECT_ACK };
	/* resulting state of each valid (state, message) pair; 0 = unexpected there */
	static const uint8_t next[D_COUNT][4] = {
		[D_U1] = { MCM_UNI_CS_OUT_PROCEEDING, MCM_UNI_CS_CALL_DELIVERED,
			   MCM_UNI_CS_ACTIVE, 0 },
		[D_U3] = { 0, MCM_UNI_CS_CALL_DELIVERED, MCM_UNI_CS_ACTIVE, 0 },
		[D_U4] = { 0, 0, MCM_UNI_CS_ACTIVE, 0 },
		[D_U8] = { 0, 0, 0, MCM_UNI_CS_ACTIVE },
		[D_N6] = { MCM_UNI_CS_IN_PROCEEDING, MCM_UNI_CS_CALL_RECEIVED, MCM_UNI_CS_ACTIVE,
			   0 },
		[D_N9] = { 0, MCM_UNI_CS_CALL_RECEIVED, MCM_UNI_CS_ACTIVE, 0 },
		[D_N7] = { 0, 0, MCM_UNI_CS_ACTIVE, 0 },
		[D_N10i] = { 0, 0, 0, MCM_UNI_CS_ACTIVE },
	};
	unsigned int d, k;

	for (d = 0; d < D_COUNT; d++) {
		for (k = 0; k < sizeof(msgs); k++) {
			struct h_ep e;
			uint32_t c = drive_to(&e, (enum drive)d);
			bool ours = d <= D_U11 || (d >= D_N6 && d <= D_N11);
			uint8_t st = drives[d].state;
			int t;

			CHECK(mcm_uni_call_state(e.u, c) == st, "%s reached (%s)", drives[d].name,
			      mcm_uni_state_name(drives[d].side, mcm_uni_call_state(e.u, c)));
			/* from the network, CALL PROCEEDING always carries the connection
			 * identifier (it is always a first response); so does the first answer */
			peer_msg(&e, msgs[k], ours, drives[d].side == MCM_UNI_SIDE_USER &&
				 msgs[k] != MCM_UNI_MSG_CONNECT_ACK &&
				 (d == D_U1 || msgs[k] == MCM_UNI_MSG_CALL_PROCEEDING));
			t = pop(&e);
			if (next[d][k]) {
				CHECK(mcm_uni_call_state(e.u, c) == next[d][k],
				      "%s + %s -> %s", drives[d].name, mcm_uni_msg_name(msgs[k]),
				      mcm_uni_state_name(drives[d].side,
							 mcm_uni_call_state(e.u, c)));
				CHECK(t != MCM_UNI_MSG_STATUS, "%s + %s: no STATUS", drives[d].name,
				      mcm_uni_msg_name(msgs[k]));
			} else {
				/* Q.2931 5.6.4: STATUS 101 with our state, no change */
				CHECK(t == MCM_UNI_MSG_STATUS &&
				      rx_cause() == MCM_UNI_CAUSE_MSG_STATE &&
				      rxm.call_state.state == st, "%s + %s: sent %d",
				      drives[d].name, mcm_uni_msg_name(msgs[k]), t);
				CHECK(mcm_uni_call_state(e.u, c) == st, "%s + %s: state kept",
				      drives[d].name, mcm_uni_msg_name(msgs[k]));
			}
			CHECK(mcm_uni_selfcheck(e.u) == 0, "consistent");
			h_fini(&e);
		}
	}
}

int
main(void)
{
	test_errors();
	test_user_side_sequence_errors();
	test_state_matrix();
	return test_summary();
}
