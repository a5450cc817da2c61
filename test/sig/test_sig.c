/* SPDX-License-Identifier: BSD-3-Clause
 * Tests of the signalling entity (lib/sig): a user and a network entity back to back
 * through an in-memory link on a virtual clock (sig_harness.h), and a raw SSCF-UNI peer for
 * interoperability. Every tick also checks that the next deadline is not in the past.
 */
#include <errno.h>
#include <inttypes.h>

#include "sig_harness.h"

static struct sh_ep usr, net;

static void
pair_new(void)
{
	sh_init(&usr, "user", MCM_UNI_SIDE_USER, NULL);
	sh_init(&net, "network", MCM_UNI_SIDE_NETWORK, NULL);
	sh_pair(&usr, &net);
}

static void
pair_free(void)
{
	sh_fini(&usr);
	sh_fini(&net);
}

static bool
both_up(void)
{
	return mcm_sig_link_state(usr.s) == MCM_UNI_LINK_UP &&
	       mcm_sig_link_state(net.s) == MCM_UNI_LINK_UP;
}

/* A fresh pair with the link up. */
static void
pair_up(void)
{
	pair_new();
	mcm_sig_start(usr.s, sh_now);
	mcm_sig_start(net.s, sh_now);
	sh_run(&usr, &net, 100 * SH_MS);
	CHECK(both_up(), "link up");
}

/* Make a call from @p a to @p b (b answers with its answer mode); returns a's handle. */
static uint32_t
call(struct sh_ep *a, struct sh_ep *b, uint8_t sel)
{
	struct mcm_uni_msg m;
	uint32_t c = 0;
	int rc;

	(void)b;
	sh_setup(&m, sel);
	rc = mcm_sig_setup(a->s, sh_now, &m, &c);
	CHECK(rc == 0, "%s: setup %d", a->name, rc);
	sh_run(&usr, &net, 50 * SH_MS);
	return c;
}

static uint32_t
peer_call(const struct sh_ep *a, const struct sh_ep *b, uint32_t c)
{
	uint32_t cref;

	if (mcm_uni_call_info(mcm_sig_uni(a->s), c, &cref, NULL, NULL, NULL) != 0)
		return 0;
	return mcm_uni_call_by_cref(mcm_sig_uni(b->s), cref, false);
}

/* ---- link ---- */

static void
test_link_orders(void)
{
	int order;

	for (order = 0; order < 3; order++) {
		struct sh_ep *first, *second;

		pair_new();
		first = order == 1 ? &net : &usr;
		second = order == 1 ? &usr : &net;
		mcm_sig_start(first->s, sh_now);
		CHECK(mcm_sig_link_state(first->s) == MCM_UNI_LINK_ESTABLISHING,
		      "order %d: establishing", order);
		if (order < 2)
			sh_run(&usr, &net, 3 * SH_SEC); /* the other one not started yet */
		CHECK(mcm_sig_link_state(first->s) != MCM_UNI_LINK_UP,
		      "order %d: no link with a peer not started", order);
		mcm_sig_start(second->s, sh_now);
		sh_run(&usr, &net, 2 * SH_SEC);
		CHECK(both_up(), "order %d: link up (%s / %s)", order,
		      mcm_sig_sscop_state_name(usr.s), mcm_sig_sscop_state_name(net.s));
		CHECK(usr.count[MCM_UNI_EV_LINK_UP] == 1 && net.count[MCM_UNI_EV_LINK_UP] == 1 &&
		      usr.count[MCM_UNI_EV_LINK_DOWN] == 0 && net.count[MCM_UNI_EV_LINK_DOWN] == 0,
		      "order %d: one LINK_UP each (%u, %u)", order,
		      usr.count[MCM_UNI_EV_LINK_UP], net.count[MCM_UNI_EV_LINK_UP]);
		CHECK(strcmp(mcm_sig_sscop_state_name(usr.s), "READY") == 0, "SSCOP READY");
		sh_run(&usr, &net, 30 * SH_SEC);
		CHECK(both_up(), "order %d: stays up (keep-alive)", order);
		pair_free();
	}
}

/* ---- calls ---- */

static void
test_calls(void)
{
	uint32_t c, nc, e0, n0;
	uint8_t cause = 0;

	pair_up();
	net.answer = SH_ANS_CONNECT;
	usr.answer = SH_ANS_ALERT_CONNECT;

	/* user -> network, released by the user */
	c = call(&usr, &net, 1);
	nc = peer_call(&usr, &net, c);
	CHECK(mcm_uni_call_state(mcm_sig_uni(usr.s), c) == MCM_UNI_CS_ACTIVE &&
	      mcm_uni_call_state(mcm_sig_uni(net.s), nc) == MCM_UNI_CS_ACTIVE,
	      "user call active");
	CHECK(usr.active_vcs == 1 && net.active_vcs == 1, "VCs active");
	e0 = usr.nev;
	n0 = net.nev;
	CHECK(mcm_sig_release(usr.s, sh_now, c, MCM_UNI_CAUSE_NORMAL) == 0, "release");
	sh_run(&usr, &net, 50 * SH_MS);
	CHECK(sh_count(&usr, e0, MCM_UNI_EV_RELEASED, c, &cause) == 1 && cause == 16,
	      "user RELEASED once, cause %u", cause);
	CHECK(sh_count(&net, n0, MCM_UNI_EV_RELEASED, nc, &cause) == 1 && cause == 16,
	      "network RELEASED once, cause %u", cause);
	CHECK(usr.active_vcs == 0 && net.active_vcs == 0, "VCs deactivated");

	/* network -> user (CALL PROCEEDING, ALERTING, CONNECT), released by the network */
	c = call(&net, &usr, 2);
	CHECK(mcm_uni_call_state(mcm_sig_uni(net.s), c) == MCM_UNI_CS_ACTIVE,
	      "network call active");
	nc = usr.last_setup_call;
	CHECK(mcm_uni_call_state(mcm_sig_uni(usr.s), nc) == MCM_UNI_CS_ACTIVE, "at the user");
	CHECK(net.count[MCM_UNI_EV_ALERTING_IND] == 1, "ALERTING seen");
	e0 = usr.nev;
	n0 = net.nev;
	CHECK(mcm_sig_release(net.s, sh_now, c, MCM_UNI_CAUSE_NORMAL) == 0, "release");
	sh_run(&usr, &net, 50 * SH_MS);
	CHECK(sh_count(&usr, e0, MCM_UNI_EV_RELEASED, nc, &cause) == 1 && cause == 16,
	      "user RELEASED, cause %u", cause);
	CHECK(sh_count(&net, n0, MCM_UNI_EV_RELEASED, c, &cause) == 1 && cause == 16,
	      "network RELEASED, cause %u", cause);

	/* a call nobody answers: the network proceeds, T310 (10 s) clears it with 102 */
	net.answer = SH_ANS_NONE;
	e0 = usr.nev;
	c = call(&usr, &net, 3);
	sh_run(&usr, &net, 11 * SH_SEC);
	CHECK(sh_count(&usr, e0, MCM_UNI_EV_RELEASED, c, &cause) == 1 &&
	      cause == MCM_UNI_CAUSE_TIMER_EXPIRY, "unanswered call cleared, cause %u", cause);
	sh_run(&usr, &net, 1 * SH_SEC);
	CHECK(mcm_uni_call_next(mcm_sig_uni(net.s), 0) == 0, "and gone at the network");

	/* a call to an address that is not there: cleared with the cause given (1) */
	net.answer = SH_ANS_REJECT;
	net.answer_cause = MCM_UNI_CAUSE_UNALLOCATED;
	e0 = usr.nev;
	c = call(&usr, &net, 4);
	CHECK(sh_count(&usr, e0, MCM_UNI_EV_RELEASED, c, &cause) == 1 &&
	      cause == MCM_UNI_CAUSE_UNALLOCATED, "unallocated number, cause %u", cause);
	pair_free();
}

/* VCs held outside call control (PVCs) are never given to a call: the network allocates
 * around them, and a user whose PVC the network's SETUP names refuses it with cause 35
 * (Q.2931 5.1.2, 5.2.3.2).
 */
static void
test_taken_vcs(void)
{
	uint32_t c, e0, i;
	uint8_t cause = 0;
	bool vc_ok = false;

	pair_up();
	net.answer = SH_ANS_CONNECT;
	usr.answer = SH_ANS_CONNECT;
	net.taken_vci[0] = 32;
	net.taken_vci[1] = 33;
	e0 = net.nev;
	c = call(&usr, &net, 1);
	for (i = e0; i < net.nev; i++)
		if (net.ev[i % SH_EV_MAX].type == MCM_UNI_EV_VC_ACTIVATE)
			vc_ok = net.ev[i % SH_EV_MAX].vci == 34;
	CHECK(vc_ok, "the network allocates 0/34, past its PVCs 0/32 and 0/33");
	CHECK(mcm_uni_call_state(mcm_sig_uni(usr.s), c) == MCM_UNI_CS_ACTIVE, "call active");

	/* the user holds every VC the network could pick next as PVCs */
	for (i = 0; i < 8; i++)
		usr.taken_vci[i] = (uint16_t)(35 + i);
	e0 = net.nev;
	c = call(&net, &usr, 2);
	CHECK(sh_count(&net, e0, MCM_UNI_EV_RELEASED, c, &cause) == 1 &&
	      cause == MCM_UNI_CAUSE_VPCI_VCI_UNAVAIL,
	      "SETUP naming the user's PVC refused, cause %u", cause);
	pair_free();
}

/* Reject from either side: the rejecting side sees exactly one RELEASED with its cause. */
static void
test_reject(void)
{
	uint32_t c, nc, e0, n0;
	uint8_t cause = 0;
	int round;

	pair_up();
	for (round = 0; round < 2; round++) {
		/* round 0: rejected from the event callback; round 1: afterwards */
		/* user rejects the network's call */
		usr.answer = round == 0 ? SH_ANS_REJECT : SH_ANS_NONE;
		usr.answer_cause = MCM_UNI_CAUSE_REJECTED;
		e0 = usr.nev;
		n0 = net.nev;
		c = call(&net, &usr, 10);
		nc = usr.last_setup_call;
		if (round == 1)
			CHECK(mcm_sig_reject(usr.s, sh_now, nc, MCM_UNI_CAUSE_REJECTED) == 0,
			      "user reject");
		CHECK(sh_count(&usr, e0, MCM_UNI_EV_RELEASED, nc, &cause) == 1 &&
		      cause == MCM_UNI_CAUSE_REJECTED, "round %d: user side, one RELEASED "
		      "cause %u", round, cause);
		sh_run(&usr, &net, 50 * SH_MS);
		CHECK(sh_count(&usr, e0, MCM_UNI_EV_RELEASED, nc, NULL) == 1 &&
		      sh_count(&usr, e0, MCM_UNI_EV_CONNECTED, 0, NULL) == 0,
		      "round %d: no other event", round);
		CHECK(sh_count(&net, n0, MCM_UNI_EV_RELEASED, c, &cause) == 1 &&
		      cause == MCM_UNI_CAUSE_REJECTED, "round %d: caller told cause %u", round,
		      cause);

		/* network rejects the user's call */
		net.answer = round == 0 ? SH_ANS_REJECT : SH_ANS_NONE;
		net.answer_cause = MCM_UNI_CAUSE_BUSY;
		e0 = usr.nev;
		n0 = net.nev;
		c = call(&usr, &net, 11);
		nc = net.last_setup_call;
		if (round == 1) {
			CHECK(mcm_sig_reject(net.s, sh_now, nc, MCM_UNI_CAUSE_BUSY) == 0,
			      "network reject");
			CHECK(sh_count(&net, n0, MCM_UNI_EV_RELEASED, nc, NULL) == 0,
			      "network: RELEASED only when the user confirms");
			sh_run(&usr, &net, 50 * SH_MS);
		}
		CHECK(sh_count(&net, n0, MCM_UNI_EV_RELEASED, nc, &cause) == 1 &&
		      cause == MCM_UNI_CAUSE_BUSY, "round %d: network side, one RELEASED cause %u",
		      round, cause);
		CHECK(sh_count(&usr, e0, MCM_UNI_EV_RELEASED, c, &cause) == 1 &&
		      cause == MCM_UNI_CAUSE_BUSY, "round %d: user caller told cause %u", round,
		      cause);
	}
	CHECK(mcm_sig_reject(usr.s, sh_now, 12345, 21) == -ENOENT, "reject unknown call");
	CHECK(mcm_uni_call_next(mcm_sig_uni(usr.s), 0) == 0 &&
	      mcm_uni_call_next(mcm_sig_uni(net.s), 0) == 0, "no call left");
	{
		struct mcm_sig_stats st;

		mcm_sig_get_stats(usr.s, &st);
		CHECK(st.released_synthesised == 2, "2 RELEASED made (%" PRIu64 ")",
		      st.released_synthesised);
	}
	pair_free();
}

/* ---- deliberate stop ---- */

static void
test_stop(void)
{
	uint32_t c, nc, e0, bgn;
	uint8_t cause = 0;

	pair_up();
	net.answer = SH_ANS_CONNECT;
	c = call(&usr, &net, 20);
	nc = peer_call(&usr, &net, c);
	CHECK(mcm_uni_call_state(mcm_sig_uni(usr.s), c) == MCM_UNI_CS_ACTIVE, "active");
	e0 = usr.nev;
	mcm_sig_stop(usr.s, sh_now);
	CHECK(!mcm_sig_started(usr.s), "stopped");
	CHECK(sh_count(&usr, e0, MCM_UNI_EV_RELEASED, c, &cause) == 1 &&
	      cause == MCM_UNI_CAUSE_TEMP_FAILURE, "call cleared at once, cause %u", cause);
	CHECK(sh_count(&usr, e0, MCM_UNI_EV_LINK_DOWN, 0, NULL) == 1, "LINK_DOWN");
	CHECK(mcm_uni_call_next(mcm_sig_uni(usr.s), 0) == 0, "no call");
	{
		struct mcm_uni_msg m;
		uint32_t x;

		sh_setup(&m, 21);
		CHECK(mcm_sig_setup(usr.s, sh_now, &m, &x) == -ENOTCONN, "no SETUP while stopped");
	}
	bgn = usr.bgn_sent;
	sh_run(&usr, &net, 60 * SH_SEC);
	CHECK(usr.bgn_sent == bgn, "no BGN from the stopped side in 60 s (%u)",
	      usr.bgn_sent - bgn);
	CHECK(net.bgn_sent > 0, "the network keeps trying");
	CHECK(mcm_sig_link_state(usr.s) == MCM_UNI_LINK_DOWN &&
	      mcm_sig_link_state(net.s) != MCM_UNI_LINK_UP, "link stays down");
	CHECK(strcmp(mcm_sig_sscop_state_name(usr.s), "IDLE") == 0, "SSCOP idle (%s)",
	      mcm_sig_sscop_state_name(usr.s));
	CHECK(usr.count[MCM_UNI_EV_LINK_UP] == 1 && usr.count[MCM_UNI_EV_LINK_DOWN] == 1,
	      "no link flapping at the stopped side");
	CHECK(net.count[MCM_UNI_EV_LINK_UP] == 1, "nor at the network (%u)",
	      net.count[MCM_UNI_EV_LINK_UP]);
	CHECK(mcm_uni_call_state(mcm_sig_uni(net.s), nc) == MCM_UNI_CS_NULL,
	      "network cleared its side (T309)");
	/* started again: the link comes back */
	mcm_sig_start(usr.s, sh_now);
	sh_run(&usr, &net, 2 * SH_SEC);
	CHECK(both_up(), "up again after start");
	c = call(&usr, &net, 22);
	CHECK(mcm_uni_call_state(mcm_sig_uni(usr.s), c) == MCM_UNI_CS_ACTIVE, "calls again");
	pair_free();
}

/* ---- peer silent ---- */

static void
test_silent_peer(void)
{
	uint32_t c, e0, n0, i;
	uint8_t cause = 0;

	pair_up();
	net.answer = SH_ANS_CONNECT;
	c = call(&usr, &net, 30);
	e0 = usr.nev;
	n0 = net.nev;
	/* the network goes silent: nothing it sends arrives, nothing reaches it */
	net.cut = true;
	usr.cut = true;
	for (i = 0; i < 30 && mcm_uni_link_state(mcm_sig_uni(usr.s)) == MCM_UNI_LINK_UP; i++)
		sh_run(&usr, &net, 1 * SH_SEC);
	CHECK(mcm_uni_link_state(mcm_sig_uni(usr.s)) != MCM_UNI_LINK_UP,
	      "SSCOP failure noticed (NO-RESPONSE) after %u s", i);
	CHECK(sh_count(&usr, e0, MCM_UNI_EV_LINK_DOWN, 0, NULL) == 1, "LINK_DOWN");
	CHECK(mcm_uni_call_state(mcm_sig_uni(usr.s), c) == MCM_UNI_CS_ACTIVE,
	      "active call kept while T309 runs");
	sh_run(&usr, &net, 11 * SH_SEC);
	CHECK(sh_count(&usr, e0, MCM_UNI_EV_RELEASED, c, &cause) == 1 &&
	      cause == MCM_UNI_CAUSE_DEST_OUT_OF_ORDER, "T309 cleared the call, cause %u",
	      cause);
	CHECK(sh_count(&net, n0, MCM_UNI_EV_RELEASED, 0, NULL) == 1, "at the network too");
	CHECK(usr.bgn_sent > 2, "re-establishment tried (%u BGN)", usr.bgn_sent);
	/* the peer answers again: the link comes back by itself */
	net.cut = false;
	usr.cut = false;
	sh_run(&usr, &net, 8 * SH_SEC);
	CHECK(both_up(), "link back by itself (%s / %s)", mcm_sig_sscop_state_name(usr.s),
	      mcm_sig_sscop_state_name(net.s));
	CHECK(sh_count(&usr, e0, MCM_UNI_EV_LINK_UP, 0, NULL) == 1 &&
	      sh_count(&net, n0, MCM_UNI_EV_LINK_UP, 0, NULL) == 1, "LINK_UP both sides");
	c = call(&usr, &net, 31);
	CHECK(mcm_uni_call_state(mcm_sig_uni(usr.s), c) == MCM_UNI_CS_ACTIVE, "calls again");
	/* the peer's user ends the link (END): back at once */
	e0 = usr.nev;
	mcm_sig_stop(net.s, sh_now);
	mcm_sig_start(net.s, sh_now + SH_MS);
	sh_run(&usr, &net, 3 * SH_SEC);
	CHECK(both_up(), "link back after the peer's END");
	pair_free();
}

/* ---- deferred AAL primitives ---- */

static unsigned long rxbuf_at_event, events_checked;

static void
check_deferred(struct sh_ep *e, const struct mcm_uni_event *ev)
{
	uint32_t txq, txbuf, rxbuf;

	if (ev->type != MCM_UNI_EV_SETUP_IND)
		return;
	/* delivered after SSCOP handled the whole PDU: its receive buffer is empty */
	mcm_sscop_queue_lens(mcm_sscf_uni_sscop(mcm_sig_sscf(e->s)), &txq, &txbuf, &rxbuf);
	rxbuf_at_event += rxbuf;
	events_checked++;
}

static void
test_deferred(void)
{
	struct mcm_uni_msg m;
	uint32_t c1, c2;

	pair_up();
	usr.answer = SH_ANS_ALERT_CONNECT; /* nested primitives from the event callback */
	usr.hook = check_deferred;
	/* two SETUPs whose SDs arrive swapped: the second one waits in the SSCOP receive
	 * buffer until the first arrives, then both come out of one mcm_sscf_uni_input() */
	net.swap_sd = 1;
	sh_setup(&m, 40);
	CHECK(mcm_sig_setup(net.s, sh_now, &m, &c1) == 0, "setup 1");
	CHECK(mcm_sig_setup(net.s, sh_now, &m, &c2) == 0, "setup 2");
	sh_run(&usr, &net, 100 * SH_MS);
	CHECK(events_checked == 2 && rxbuf_at_event == 0,
	      "SETUPs delivered after SSCOP returned (%lu events, %lu in rxbuf)",
	      events_checked, rxbuf_at_event);
	CHECK(mcm_uni_call_state(mcm_sig_uni(net.s), c1) == MCM_UNI_CS_ACTIVE &&
	      mcm_uni_call_state(mcm_sig_uni(net.s), c2) == MCM_UNI_CS_ACTIVE,
	      "both calls answered from the event callback");
	pair_free();
}

/* ---- trace ---- */

static void
test_trace(void)
{
	uint32_t c, t0, n0;

	pair_new();
	mcm_sig_set_trace(usr.s, MCM_SIG_TRACE_SSCOP | MCM_SIG_TRACE_UNI);
	mcm_sig_start(usr.s, sh_now);
	CHECK(sh_traced(&usr, 0, "tx SSCOP BGN N(SQ)=1 N(MR)=", "IDLE->OUT_CONN_PEND", NULL),
	      "BGN line '%s'", usr.trace[0]);
	mcm_sig_start(net.s, sh_now);
	sh_run(&usr, &net, 100 * SH_MS);
	CHECK(sh_traced(&usr, 0, "SSCOP B", "OUT_CONN_PEND->READY", NULL),
	      "establishment line");
	net.answer = SH_ANS_ALERT_CONNECT;
	t0 = usr.ntrace;
	c = call(&usr, &net, 50);
	CHECK(sh_traced(&usr, t0, "tx UNI SETUP cref=0x000001 out call=", "U0->U1", NULL),
	      "SETUP line");
	CHECK(sh_traced(&usr, t0, "tx SSCOP SD N(S)=0 len=", " READY", NULL), "SD out line");
	CHECK(sh_traced(&usr, t0, "rx SSCOP SD N(S)=0 len=", " READY", NULL), "SD in line");
	CHECK(sh_traced(&usr, t0, "rx UNI CALL PROCEEDING cref=0x000001 out", "U1->U3", NULL),
	      "CALL PROCEEDING line");
	CHECK(sh_traced(&usr, t0, "rx UNI ALERTING", "U3->U4", NULL), "ALERTING line");
	CHECK(sh_traced(&usr, t0, "rx UNI CONNECT cref", "U4->U10", NULL), "CONNECT line");
	CHECK(sh_traced(&usr, t0, "tx UNI CONNECT ACKNOWLEDGE", "U10", NULL), "CONNECT ACK");
	t0 = usr.ntrace;
	mcm_sig_release(net.s, sh_now, peer_call(&usr, &net, c), MCM_UNI_CAUSE_NORMAL);
	sh_run(&usr, &net, 50 * SH_MS);
	CHECK(sh_traced(&usr, t0, "rx UNI RELEASE cref=0x000001 out call=",
			"cause=16 (normal call clearing) U10->U12", NULL), "RELEASE line");
	CHECK(sh_traced(&usr, t0, "tx UNI RELEASE COMPLETE cref=0x000001 out", "U12->U0", NULL),
	      "RELEASE COMPLETE line");
	if (getenv("SIG_TRACE")) {
		uint32_t i;

		for (i = 0; i < usr.ntrace && i < SH_TRACE_MAX; i++)
			printf("user: %s\n", usr.trace[i]);
	}
	/* network side lines name N states */
	mcm_sig_set_trace(net.s, MCM_SIG_TRACE_UNI);
	n0 = net.ntrace;
	c = call(&usr, &net, 51);
	CHECK(sh_traced(&net, n0, "rx UNI SETUP cref=0x000002 in call=", "N0->N", NULL) &&
	      !sh_traced(&net, n0, "SSCOP", NULL, NULL), "network: UNI layer only");
	if (getenv("SIG_TRACE")) {
		uint32_t i;

		for (i = n0; i < net.ntrace && i < SH_TRACE_MAX; i++)
			printf("network: %s\n", net.trace[i]);
	}
	/* off: nothing */
	mcm_sig_set_trace(usr.s, 0);
	mcm_sig_set_trace(net.s, 0);
	t0 = usr.ntrace;
	n0 = net.ntrace;
	mcm_sig_release(usr.s, sh_now, c, 0);
	sh_run(&usr, &net, 5 * SH_SEC);
	CHECK(usr.ntrace == t0 && net.ntrace == n0, "no lines with layers 0");
	pair_free();
}

/* ---- interoperability: a hand-written network-side peer ---- */

static int raw_mode; /* 0: CONNECT straight after SETUP; 1: CALL PROC, ALERTING, CONNECT */
static uint32_t raw_connect_acks;

static void
raw_send(struct sh_ep *e, uint8_t type, uint32_t cref, bool first)
{
	struct mcm_uni_msg m;
	uint8_t b[256];
	int n;

	mcm_uni_msg_init(&m, type, cref, true);
	if (first) {
		/* the network's first answer names the VC; nothing optional besides */
		m.connid.h.present = true;
		m.connid.assoc = 1;
		m.connid.excl = MCM_UNI_CONNID_EXCL_EXCL;
		m.connid.vpci = 0;
		m.connid.vci = 100;
	}
	n = mcm_uni_msg_encode(&m, b, sizeof(b));
	CHECK(n > 0, "raw encode %d", n);
	if (n > 0)
		CHECK(mcm_sscf_uni_data_req(e->f, sh_now, b, (size_t)n) == 0, "raw send");
}

static void
raw_msg(struct sh_ep *e, const uint8_t *msg, size_t len)
{
	struct mcm_uni_msg m;
	struct mcm_uni_decode_report rep;

	if (mcm_uni_msg_decode(msg, len, &m, &rep) != 0)
		return;
	if (m.type == MCM_UNI_MSG_SETUP) {
		if (raw_mode == 0) {
			raw_send(e, MCM_UNI_MSG_CONNECT, m.cref, true);
		} else {
			raw_send(e, MCM_UNI_MSG_CALL_PROCEEDING, m.cref, true);
			raw_send(e, MCM_UNI_MSG_ALERTING, m.cref, false);
			raw_send(e, MCM_UNI_MSG_CONNECT, m.cref, false);
		}
	} else if (m.type == MCM_UNI_MSG_CONNECT_ACK) {
		raw_connect_acks++;
	}
}

static void
test_interop(void)
{
	struct sh_ep raw;

	for (raw_mode = 0; raw_mode < 2; raw_mode++) {
		struct mcm_uni_msg m;
		uint32_t c = 0, acks = raw_connect_acks;
		uint16_t vpi = 1, vci = 0;

		sh_init(&usr, "user", MCM_UNI_SIDE_USER, NULL);
		sh_init_raw(&raw, "raw network");
		raw.raw_msg = raw_msg;
		sh_pair(&usr, &raw);
		mcm_sig_start(usr.s, sh_now);
		sh_run(&usr, &raw, 100 * SH_MS);
		CHECK(mcm_sig_link_state(usr.s) == MCM_UNI_LINK_UP, "link to the raw peer");
		sh_setup(&m, 60);
		CHECK(mcm_sig_setup(usr.s, sh_now, &m, &c) == 0, "setup");
		sh_run(&usr, &raw, 100 * SH_MS);
		mcm_uni_call_info(mcm_sig_uni(usr.s), c, NULL, NULL, &vpi, &vci);
		CHECK(mcm_uni_call_state(mcm_sig_uni(usr.s), c) == MCM_UNI_CS_ACTIVE &&
		      usr.count[MCM_UNI_EV_CONNECTED] == 1 && vpi == 0 && vci == 100,
		      "mode %d: call active on 0/100 (state %d, %u/%u)", raw_mode,
		      mcm_uni_call_state(mcm_sig_uni(usr.s), c), vpi, vci);
		CHECK(raw_connect_acks == acks + 1, "mode %d: CONNECT ACKNOWLEDGE sent", raw_mode);
		CHECK(usr.count[MCM_UNI_EV_PROCEEDING_IND] == (raw_mode ? 1u : 0u) &&
		      usr.count[MCM_UNI_EV_ALERTING_IND] == (raw_mode ? 1u : 0u),
		      "mode %d: indications", raw_mode);
		sh_fini(&usr);
		sh_fini(&raw);
	}
}

/* ---- memory over 1,000 calls ---- */

static void
sizes(size_t *m)
{
	m[0] = mcm_uni_memory(mcm_sig_uni(usr.s));
	m[1] = mcm_uni_memory(mcm_sig_uni(net.s));
	m[2] = mcm_sscop_memory(mcm_sscf_uni_sscop(mcm_sig_sscf(usr.s)));
	m[3] = mcm_sscop_memory(mcm_sscf_uni_sscop(mcm_sig_sscf(net.s)));
	m[4] = mcm_sig_memory(usr.s);
	m[5] = mcm_sig_memory(net.s);
}

static void
test_memory(void)
{
	size_t m0[6], m1[6];
	uint32_t i, ok = 0, c[10];
	int k;

	pair_up();
	net.answer = SH_ANS_CONNECT;
	usr.answer = SH_ANS_CONNECT;
	mcm_sig_set_trace(usr.s, MCM_SIG_TRACE_SSCOP | MCM_SIG_TRACE_UNI);
	for (i = 0; i < 1000; i += 10) {
		struct mcm_uni_msg m;
		int j;

		if (i == 100) {
			sh_run(&usr, &net, 2 * SH_SEC);
			sizes(m0);
		}
		sh_setup(&m, (uint8_t)i);
		for (j = 0; j < 10; j++)
			if (mcm_sig_setup((j & 1) ? net.s : usr.s, sh_now, &m, &c[j]) != 0)
				c[j] = 0;
		sh_run(&usr, &net, 20 * SH_MS);
		for (j = 0; j < 10; j++) {
			struct sh_ep *e = (j & 1) ? &net : &usr;

			if (c[j] && mcm_uni_call_state(mcm_sig_uni(e->s), c[j]) ==
			    MCM_UNI_CS_ACTIVE) {
				ok++;
				mcm_sig_release(e->s, sh_now, c[j], 0);
			}
		}
		sh_run(&usr, &net, 20 * SH_MS);
	}
	sh_run(&usr, &net, 2 * SH_SEC);
	sizes(m1);
	CHECK(ok == 1000, "1000 calls made (%u)", ok);
	for (k = 0; k < 6; k++)
		CHECK(m0[k] == m1[k], "memory %d stable: %zu -> %zu", k, m0[k], m1[k]);
	CHECK(mcm_uni_call_next(mcm_sig_uni(usr.s), 0) == 0, "all released");
	CHECK(mcm_uni_selfcheck(mcm_sig_uni(usr.s)) == 0 &&
	      mcm_uni_selfcheck(mcm_sig_uni(net.s)) == 0, "call control consistent");
	pair_free();
}

/* ---- the SETUP builder ---- */

/* Whether the encoded @p m (call reference 7) holds the octets @p ie of @p n. */
static bool
encodes_ie(const struct mcm_uni_msg *m, const uint8_t *ie, size_t n)
{
	struct mcm_uni_msg c = *m;
	uint8_t buf[512];
	int len, i;

	c.cref = 7;
	len = mcm_uni_msg_encode(&c, buf, sizeof(buf));
	for (i = 0; len > 0 && i + (int)n <= len; i++)
		if (memcmp(buf + i, ie, n) == 0)
			return true;
	return false;
}

/* The routed B-LLIs of RFC 2684 7, octet for octet (Q.2931 4.5.9), and read back. */
static void
test_builder_routed(struct mcm_sig_setup_args *a)
{
	/* 0x5f, flags, length; octet 7: layer 3 (11) TR 9577 (01011); 7a/7b: the IPI's bits
	 * 8-2 and bit 1; then octet 8 (SNAP identifier 00) and the OUI and PID
	 */
	static const uint8_t ipv4[] = { 0x5f, 0x80, 0x00, 0x03, 0x6b, 0x66, 0x80 };
	static const uint8_t ipv6[] = { 0x5f, 0x80, 0x00, 0x09, 0x6b, 0x40, 0x80, 0x80,
					0x00, 0x00, 0x00, 0x86, 0xdd };
	static const uint8_t llc[] = { 0x5f, 0x80, 0x00, 0x01, 0xcc };   /* ext bit set */
	struct mcm_sig_blli_pick pick;
	struct mcm_uni_ie_blli ie;
	struct mcm_uni_msg m;

	a->blli = MCM_SIG_BLLI_VCMUX_ROUTED;
	a->routed_proto = 0;
	CHECK(mcm_sig_setup_build(&m, a) == 0 && encodes_ie(&m, ipv4, sizeof(ipv4)),
	      "VC-mux routed: IPv4 by its NLPID 0xCC");
	mcm_sig_setup_blli_pick(&m, &pick);
	CHECK(pick.kind == MCM_SIG_BLLI_VCMUX_ROUTED && pick.proto == 0x0800 && pick.nlpid == 1 &&
	      pick.index == 0 && pick.offered == 1, "IPv4 read back");
	a->routed_proto = 0x86dd;
	CHECK(mcm_sig_setup_build(&m, a) == 0 && encodes_ie(&m, ipv6, sizeof(ipv6)),
	      "VC-mux routed IPv6: SNAP 00-00-00 86-DD (RFC 2492)");
	mcm_sig_setup_blli_pick(&m, &pick);
	CHECK(pick.kind == MCM_SIG_BLLI_VCMUX_ROUTED && pick.proto == 0x86dd && pick.nlpid == 0,
	      "IPv6 read back");
	a->routed_proto = 0x0600;
	CHECK(mcm_sig_setup_build(&m, a) == 0 && mcm_sig_setup_blli(&m) ==
	      MCM_SIG_BLLI_VCMUX_ROUTED, "EtherType 0x0600, the smallest");
	a->routed_proto = 0x05ff;
	CHECK(mcm_sig_setup_build(&m, a) == -EINVAL, "0x05ff is a length, not an EtherType");
	a->routed_proto = 0x0800;
	a->blli = MCM_SIG_BLLI_LLC;
	CHECK(mcm_sig_setup_build(&m, a) == 0 && encodes_ie(&m, llc, sizeof(llc)),
	      "LLC: layer 2 (10) LAN LLC ISO 8802/2 (01100)");
	a->blli = (enum mcm_sig_blli)9;
	CHECK(mcm_sig_setup_build(&m, a) == -EINVAL, "unknown B-LLI kind refused");
	a->blli = MCM_SIG_BLLI_LLC;
	a->routed_proto = 0;
	CHECK(mcm_sig_blli_ie(MCM_SIG_BLLI_VCMUX_ROUTED, 0x86dd, true, &ie) == 0 &&
	      ie.ipi == 0x8e && ie.has_ipi && ie.l3 == MCM_UNI_L3_TR9577, "IPv6 by NLPID 0x8E");
	CHECK(mcm_sig_blli_ie(MCM_SIG_BLLI_VCMUX_ROUTED, 0x0806, true, &ie) == -EINVAL,
	      "no NLPID for 0x0806");
	CHECK(mcm_sig_blli_ie(MCM_SIG_BLLI_NONE, 0, false, &ie) == -EINVAL, "no IE for none");

	/* liberal on input: each B-LLI of RFC 2684 7 read, others skipped (Q.2931 Annex C) */
	memset(&m, 0, sizeof(m));
	m.n_blli = 3;
	m.blli[0] = (struct mcm_uni_ie_blli){ .h.present = true, .has_l2 = true,
					      .l2 = MCM_UNI_L2_X25LL };
	m.blli[1] = (struct mcm_uni_ie_blli){ .h.present = true, .has_l3 = true,
					      .l3 = MCM_UNI_L3_TR9577, .has_ipi = true,
					      .ipi = 0x81 };   /* CLNP: no EtherType */
	m.blli[2] = (struct mcm_uni_ie_blli){ .h.present = true, .has_l3 = true,
					      .l3 = MCM_UNI_L3_TR9577, .has_ipi = true,
					      .ipi = 0x8e };
	mcm_sig_setup_blli_pick(&m, &pick);
	CHECK(pick.kind == MCM_SIG_BLLI_VCMUX_ROUTED && pick.proto == 0x86dd && pick.nlpid &&
	      pick.index == 2 && pick.offered == 3, "third of three taken: kind %d index %u",
	      pick.kind, pick.index);
	m.blli[2].ipi = MCM_UNI_IPI_SNAP;
	memcpy(m.blli[2].snap_oui, "\x00\x00\x00", 3);
	m.blli[2].snap_pid = 0x0500;   /* a length */
	mcm_sig_setup_blli_pick(&m, &pick);
	CHECK(pick.kind == MCM_SIG_BLLI_NONE && pick.offered == 3, "SNAP PID below 0x0600");
	memcpy(m.blli[2].snap_oui, "\x00\x80\xc2", 3);
	m.blli[2].snap_pid = 0x0001;   /* 802.3 with its FCS, which the data path lacks */
	mcm_sig_setup_blli_pick(&m, &pick);
	CHECK(pick.kind == MCM_SIG_BLLI_NONE, "VC-mux bridged with the FCS: not ours");
	m.blli[2].snap_pid = 0x0007;
	mcm_sig_setup_blli_pick(&m, &pick);
	CHECK(pick.kind == MCM_SIG_BLLI_VCMUX_BRIDGED && pick.index == 2, "VC-mux bridged");
	memcpy(m.blli[2].snap_oui, "\x00\x00\x0c", 3);   /* another OUI */
	mcm_sig_setup_blli_pick(&m, &pick);
	CHECK(pick.kind == MCM_SIG_BLLI_NONE, "another OUI: none of ours");
	m.blli[1].h.present = false;
	m.blli[0].l2 = MCM_UNI_L2_LLC;
	mcm_sig_setup_blli_pick(&m, &pick);
	CHECK(pick.kind == MCM_SIG_BLLI_LLC && pick.index == 0 && pick.offered == 2,
	      "an absent IE is not counted");
}

static void
test_builder(void)
{
	struct mcm_sig_setup_args a = { 0 };
	struct mcm_uni_msg m, d;
	struct mcm_uni_decode_report rep;
	uint8_t called[20], calling[20], buf[512];
	static const uint8_t bhli[4] = { 1, 2, 3, 4 };
	int n;

	sh_aesa(called, 1);
	sh_aesa(calling, 2);
	CHECK(mcm_sig_setup_build(&m, &a) == -EINVAL, "no called party refused");
	a.called = called;
	a.called_len = 19;
	CHECK(mcm_sig_setup_build(&m, &a) == -EINVAL, "AESA of 19 octets refused");
	a.called_len = 20;
	CHECK(mcm_sig_setup_build(&m, &a) == 0, "minimal SETUP");
	CHECK(m.bearer.h.present && m.bearer.bclass == MCM_UNI_BCOB_X && !m.bearer.has_atc &&
	      m.traffic.best_effort && m.traffic.rate[MCM_UNI_TDI_FPCR] == MCM_SIG_UBR_PCR &&
	      m.qos.h.present && m.qos.fwd == 0 && m.aal.fwd_sdu == 9188 && m.n_blli == 0 &&
	      !m.calling.h.present, "UBR defaults");
	a.calling = calling;
	a.calling_len = 20;
	a.fwd_pcr = 1000;
	a.fwd_sdu = 1536;
	a.bwd_sdu = 1536;
	a.blli = MCM_SIG_BLLI_VCMUX_BRIDGED;
	a.bhli = bhli;
	a.bhli_len = 4;
	a.bhli_type = MCM_UNI_BHLI_USER;
	a.p2mp = true;
	CHECK(mcm_sig_setup_build(&m, &a) == 0, "full SETUP");
	m.cref = 7; /* as call control gives it */
	n = mcm_uni_msg_encode(&m, buf, sizeof(buf));
	CHECK(n > 0 && mcm_uni_msg_decode(buf, (size_t)n, &d, &rep) == 0 &&
	      rep.verdict == MCM_UNI_V_OK, "encodes and decodes clean");
	CHECK(d.traffic.rate[MCM_UNI_TDI_FPCR] == 1000 &&
	      d.traffic.rate[MCM_UNI_TDI_BPCR] == 1000 && d.aal.fwd_sdu == 1536 &&
	      d.calling.h.present && d.bhli.h.present &&
	      d.bearer.upcc == 1 && d.n_blli == 1 && d.blli[0].l3 == MCM_UNI_L3_TR9577 &&
	      d.blli[0].snap_pid == 7, "fields kept");
	CHECK(mcm_sig_setup_blli(&d) == MCM_SIG_BLLI_VCMUX_BRIDGED, "VC-mux bridged read back");
	a.blli = MCM_SIG_BLLI_LLC;
	CHECK(mcm_sig_setup_build(&m, &a) == 0 && mcm_sig_setup_blli(&m) == MCM_SIG_BLLI_LLC,
	      "LLC");
	a.blli = MCM_SIG_BLLI_NONE;
	CHECK(mcm_sig_setup_build(&m, &a) == 0 && mcm_sig_setup_blli(&m) == MCM_SIG_BLLI_LLC,
	      "no B-LLI: LLC");
	m.n_blli = 1;
	m.blli[0].h.present = true;
	m.blli[0].has_l2 = true;
	m.blli[0].l2 = MCM_UNI_L2_X25LL;
	CHECK(mcm_sig_setup_blli(&m) == MCM_SIG_BLLI_NONE, "other B-LLI: none of ours");
	test_builder_routed(&a);
	a.bhli_len = 9;
	CHECK(mcm_sig_setup_build(&m, &a) == -EINVAL, "BHLI too long refused");
	a.bhli_len = 4;
	a.fwd_pcr = 1u << 24;
	CHECK(mcm_sig_setup_build(&m, &a) == -EINVAL, "PCR beyond 24 bits refused");
}

/* Q.2931 Annex C: of a SETUP's B-LLIs the called user takes one, and CONNECT names it. */
static struct mcm_sig_blli_pick annex_c_pick;
static uint32_t annex_c_call;

static void
annex_c_hook(struct sh_ep *e, const struct mcm_uni_event *ev)
{
	(void)e;
	if (ev->type == MCM_UNI_EV_SETUP_IND && ev->msg != NULL) {
		mcm_sig_setup_blli_pick(ev->msg, &annex_c_pick);
		annex_c_call = ev->call;
	}
}

static void
test_blli_negotiation(void)
{
	/* the CONNECT's B-LLI: VC-mux routed IPv6 by its NLPID 0x8E, as the SETUP offered it */
	static const uint8_t chosen[] = { 0x5f, 0x80, 0x00, 0x03, 0x6b, 0x47, 0x80 };
	struct mcm_uni_decode_report rep;
	struct mcm_uni_ie_blli ie;
	struct mcm_uni_msg m, d;
	struct sh_ep raw;
	uint8_t b[512];
	uint32_t i, found = 0;
	int n;

	sh_init(&net, "network", MCM_UNI_SIDE_NETWORK, NULL);
	net.answer = SH_ANS_NONE;
	net.hook = annex_c_hook;
	sh_init_raw(&raw, "raw user");
	sh_pair(&net, &raw);
	mcm_sig_start(net.s, sh_now);
	mcm_sscf_uni_establish_req(raw.f, sh_now);
	sh_run(&net, &raw, 100 * SH_MS);
	CHECK(mcm_sig_link_state(net.s) == MCM_UNI_LINK_UP, "link to the raw user");
	/* another stack's SETUP: X.25 first, then VC-mux routed IPv6, then LLC */
	sh_setup(&m, 61);
	m.n_blli = 3;
	m.blli[0] = (struct mcm_uni_ie_blli){ .h.present = true, .has_l2 = true,
					      .l2 = MCM_UNI_L2_X25LL };
	m.blli[1] = (struct mcm_uni_ie_blli){ .h.present = true, .has_l3 = true,
					      .l3 = MCM_UNI_L3_TR9577, .has_ipi = true,
					      .ipi = 0x8e };
	m.blli[2] = (struct mcm_uni_ie_blli){ .h.present = true, .has_l2 = true,
					      .l2 = MCM_UNI_L2_LLC };
	m.cref = 5;
	n = mcm_uni_msg_encode(&m, b, sizeof(b));
	CHECK(n > 0 && mcm_sscf_uni_data_req(raw.f, sh_now, b, (size_t)n) == 0, "raw SETUP");
	sh_run(&net, &raw, 50 * SH_MS);
	CHECK(annex_c_call != 0 && annex_c_pick.kind == MCM_SIG_BLLI_VCMUX_ROUTED &&
	      annex_c_pick.proto == 0x86dd && annex_c_pick.index == 1 &&
	      annex_c_pick.offered == 3, "second B-LLI taken (kind %d, index %u)",
	      annex_c_pick.kind, annex_c_pick.index);
	CHECK(mcm_sig_blli_ie(annex_c_pick.kind, annex_c_pick.proto, annex_c_pick.nlpid, &ie) ==
	      0 && mcm_sig_connect_blli(net.s, sh_now, annex_c_call, 0, 0, &ie) == 0,
	      "CONNECT naming it");
	sh_run(&net, &raw, 50 * SH_MS);
	for (i = 0; i < raw.raw_n; i++) {
		if (mcm_uni_msg_decode(raw.raw_q[i], raw.raw_len[i], &d, &rep) != 0 ||
		    d.type != MCM_UNI_MSG_CONNECT)
			continue;
		found++;
		CHECK(rep.verdict == MCM_UNI_V_OK && d.n_blli == 1 && d.blli[0].has_ipi &&
		      d.blli[0].ipi == 0x8e && !d.aal.h.present,
		      "CONNECT names the B-LLI taken and nothing else optional");
		memcpy(&m, &d, sizeof(m));
		CHECK(encodes_ie(&m, chosen, sizeof(chosen)), "its octets");
	}
	CHECK(found == 1, "one CONNECT (%u)", found);
	sh_fini(&net);
	sh_fini(&raw);
}

static void
test_misc(void)
{
	struct mcm_sig_params p;
	struct mcm_sig_cbs cb = { .send_pdu = sh_send_pdu };

	mcm_sig_params_default(&p, MCM_UNI_SIDE_USER);
	CHECK(p.sscop.t_noresp == 7 * SH_SEC && p.sscop.t_cc == SH_SEC && p.t_retry == SH_SEC &&
	      p.uni.side == MCM_UNI_SIDE_USER, "defaults");
	CHECK(mcm_sig_create(&p, &cb) == NULL, "event callback required");
	CHECK(mcm_sig_create(NULL, &cb) == NULL, "params required");
	mcm_sig_destroy(NULL);
	pair_new();
	CHECK(mcm_sig_next_deadline(usr.s) == UINT64_MAX, "idle: no deadline");
	CHECK(mcm_sig_link_state(usr.s) == MCM_UNI_LINK_DOWN, "down before start");
	mcm_sig_start(usr.s, 5 * SH_SEC);
	CHECK(mcm_sig_next_deadline(usr.s) == 6 * SH_SEC, "Timer_CC deadline in ns (%" PRIu64
	      ")", mcm_sig_next_deadline(usr.s));
	pair_free();
}

int
main(void)
{
	sh_now = 1000 * SH_SEC;
	test_misc();
	test_builder();
	test_link_orders();
	test_calls();
	test_taken_vcs();
	test_reject();
	test_stop();
	test_silent_peer();
	test_deferred();
	test_trace();
	test_interop();
	test_blli_negotiation();
	test_memory();
	CHECK(sh_deadline_past == 0, "next_deadline in the past after a tick %lu times",
	      sh_deadline_past);
	return test_summary();
}
