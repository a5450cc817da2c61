/* SPDX-License-Identifier: BSD-3-Clause
 * Tests of the UNI call control (lib/uni/call): restart (Q.2931 5.5) back to back: one VC, all
 * VCs, both ends at once.
 */
#include "uni_call_test.h"

static void
test_restart_b2b(void)
{
	struct h_ep usr, net;
	uint32_t c[3];
	uint16_t vpi, vci;
	int i;

	pair(&usr, &net, 8);
	net.answer = H_ANS_CONNECT;
	for (i = 0; i < 3; i++)
		c[i] = setup_call(&usr, false, 0);
	h_pump(&usr, &net, 0);
	mcm_uni_call_info(usr.u, c[1], NULL, NULL, &vpi, &vci);
	/* restart one VC from the network */
	CHECK(mcm_uni_restart_request(net.u, MCM_UNI_RESTART_VC, vpi, vci, 1) == 0, "restart VC");
	CHECK(net.active_vcs == 2, "network cleared the VC");
	h_pump(&usr, &net, 1);
	CHECK(count_of(&usr, MCM_UNI_EV_RESTART_IND) == 1, "user told");
	CHECK(last_ev(&usr, MCM_UNI_EV_RESTART_IND)->vci == vci, "the VC");
	CHECK(count_of(&net, MCM_UNI_EV_RESTART_CONF) == 1, "acknowledged");
	CHECK(mcm_uni_call_state(usr.u, c[1]) == MCM_UNI_CS_NULL, "restarted call gone");
	CHECK(mcm_uni_call_state(usr.u, c[0]) == MCM_UNI_CS_ACTIVE &&
	      mcm_uni_call_state(usr.u, c[2]) == MCM_UNI_CS_ACTIVE, "others kept");
	CHECK(mcm_uni_restart_state(net.u) == MCM_UNI_RS_NULL, "Rest0");
	/* restart a VPC from the network: only the calls on that VPI go */
	{
		uint16_t v0, v2;

		mcm_uni_call_info(usr.u, c[0], NULL, NULL, &v0, NULL);
		mcm_uni_call_info(usr.u, c[2], NULL, NULL, &v2, NULL);
		CHECK(mcm_uni_restart_request(net.u, MCM_UNI_RESTART_VPC, v0, 0, 1) == 0,
		      "restart VPC");
		h_pump(&usr, &net, 1);
		CHECK(count_of(&net, MCM_UNI_EV_RESTART_CONF) == 2, "acknowledged");
		CHECK(last_ev(&usr, MCM_UNI_EV_RESTART_IND)->restart_class == MCM_UNI_RESTART_VPC,
		      "class 1");
		CHECK(mcm_uni_call_state(usr.u, c[0]) == MCM_UNI_CS_NULL, "call on VPI %u gone",
		      v0);
		CHECK((mcm_uni_call_state(usr.u, c[2]) == MCM_UNI_CS_NULL) == (v0 == v2),
		      "call on VPI %u %s", v2, v0 == v2 ? "gone too" : "kept");
	}
	/* restart everything from the user */
	CHECK(mcm_uni_restart_request(usr.u, MCM_UNI_RESTART_ALL, 0, 0, 2) == 0, "restart all");
	h_pump(&usr, &net, 2);
	CHECK(count_of(&usr, MCM_UNI_EV_RESTART_CONF) == 1, "acknowledged");
	CHECK(usr.active_vcs == 0 && net.active_vcs == 0, "all VCs idle");
	{
		struct mcm_uni_stats su, sn;

		mcm_uni_get_stats(usr.u, &su);
		mcm_uni_get_stats(net.u, &sn);
		CHECK(su.calls_in_use == 0 && sn.calls_in_use == 0, "no calls %u %u",
		      su.calls_in_use, sn.calls_in_use);
	}
	CHECK(mcm_uni_next_deadline(usr.u) == UINT64_MAX &&
	      mcm_uni_next_deadline(net.u) == UINT64_MAX, "no timers");
	unpair(&usr, &net);
}

static void
test_restart_collision(void)
{
	struct h_ep usr, net;

	pair(&usr, &net, 8);
	net.answer = H_ANS_CONNECT;
	setup_call(&usr, false, 0);
	h_pump(&usr, &net, 0);
	/* both ends restart everything at once: Rest1 and Rest2 coexist (Q.2931 5.5) */
	CHECK(mcm_uni_restart_request(usr.u, MCM_UNI_RESTART_ALL, 0, 0, 1) == 0, "user restart");
	CHECK(mcm_uni_restart_request(net.u, MCM_UNI_RESTART_ALL, 0, 0, 1) == 0, "net restart");
	h_pump(&usr, &net, 1);
	CHECK(count_of(&usr, MCM_UNI_EV_RESTART_IND) == 1 && count_of(&net, MCM_UNI_EV_RESTART_IND)
	      == 1, "both indicated");
	CHECK(count_of(&usr, MCM_UNI_EV_RESTART_CONF) == 1 && count_of(&net,
	      MCM_UNI_EV_RESTART_CONF) == 1, "both confirmed");
	CHECK(mcm_uni_restart_state(usr.u) == MCM_UNI_RS_NULL &&
	      mcm_uni_restart_state(net.u) == MCM_UNI_RS_NULL, "Rest0 both");
	CHECK(mcm_uni_next_deadline(usr.u) == UINT64_MAX && mcm_uni_next_deadline(net.u) ==
	      UINT64_MAX, "T316/T317 stopped");
	/* RESTART for one VC without the connection identifier: STATUS 96 */
	mcm_uni_msg_init(&txm, MCM_UNI_MSG_RESTART, 0, false);
	txm.restart.h.present = true;
	txm.restart.rclass = MCM_UNI_RESTART_VC;
	{
		uint8_t b[64];
		int n = mcm_uni_msg_encode(&txm, b, sizeof(b));

		if (n > 0)
			inject_raw(&net, b, (size_t)n, 2);
	}
	EXPECT(&net, MCM_UNI_MSG_STATUS, MCM_UNI_CAUSE_MANDATORY_MISSING);
	CHECK(rxm.cref == 0, "on the global call reference");
	unpair(&usr, &net);
}

int
main(void)
{
	test_restart_b2b();
	test_restart_collision();
	return test_summary();
}
