/* SPDX-License-Identifier: BSD-3-Clause
 * Tests of the UNI call control (lib/uni/call): transitions of both sides, timers on a
 * virtual clock, the error procedures of Q.2931 5.6, restart, status enquiry, SAAL loss,
 * point-to-multipoint parties, a user and a network instance back to back, 10,000 calls
 * without memory growth and 100,000 simultaneous calls.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mcm_check.h"
#include "uni_harness.h"



/* ---- allocation counting (the library must not allocate after create) ---- */
void *__real_malloc(size_t n);
void *__real_calloc(size_t a, size_t b);
void *__real_realloc(void *p, size_t n);
static unsigned long n_allocs;

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t a, size_t b);
void *__wrap_realloc(void *p, size_t n);

void *
__wrap_malloc(size_t n)
{
	n_allocs++;
	return __real_malloc(n);
}

void *
__wrap_calloc(size_t a, size_t b)
{
	n_allocs++;
	return __real_calloc(a, b);
}

void *
__wrap_realloc(void *p, size_t n)
{
	n_allocs++;
	return __real_realloc(p, n);
}

/* ---- helpers ---- */

static struct mcm_uni_msg rxm, txm;
static struct mcm_uni_decode_report rxrep;

/* Pop the next message @e sent and decode it; its type, or -1 if none. */
static int
pop(struct h_ep *e)
{
	uint8_t b[HQ_SLOT];
	size_t len;

	if (!h_take(e, b, &len))
		return -1;
	if (mcm_uni_msg_decode(b, len, &rxm, &rxrep) != 0)
		return -2;
	return rxm.type;
}

static uint8_t
rx_cause(void)
{
	return rxm.n_cause ? rxm.cause[0].cause : 0;
}

#define EXPECT(e, t, c) do { \
	int _t = pop(e); \
	CHECK(_t == (t), "%s sent %d (%s), expected %s", (e)->name, _t, \
	      _t >= 0 ? mcm_uni_msg_name((uint8_t)_t) : "nothing", mcm_uni_msg_name(t)); \
	if (_t == (t) && (c) != 0) \
		CHECK(rx_cause() == (c), "%s cause %u, expected %u", \
		      mcm_uni_msg_name(t), rx_cause(), (unsigned int)(c)); \
} while (0)

#define EXPECT_NONE(e) do { \
	int _t = pop(e); \
	CHECK(_t == -1, "%s sent %d (%s), expected nothing", (e)->name, _t, \
	      _t >= 0 ? mcm_uni_msg_name((uint8_t)_t) : "?"); \
} while (0)

static void
inject(struct h_ep *e, const struct mcm_uni_msg *m, uint64_t now)
{
	uint8_t b[HQ_SLOT];
	int n = mcm_uni_msg_encode(m, b, sizeof(b));

	CHECK(n > 0, "encode %s: %d", mcm_uni_msg_name(m->type), n);
	if (n > 0) {
		e->now = now;
		mcm_uni_input(e->u, b, (size_t)n, now);
	}
}

static void
inject_raw(struct h_ep *e, const uint8_t *b, size_t n, uint64_t now)
{
	e->now = now;
	mcm_uni_input(e->u, b, n, now);
}

/* Hand-made message for hostile cases: header + the given IE octets. */
static size_t
raw_msg(uint8_t *b, uint32_t cref, bool flag, uint8_t type, uint8_t msgins, const uint8_t *ies,
	size_t ieslen)
{
	b[0] = 0x09;
	b[1] = 3;
	b[2] = (uint8_t)((flag ? 0x80 : 0) | ((cref >> 16) & 0x7f));
	b[3] = (uint8_t)(cref >> 8);
	b[4] = (uint8_t)cref;
	b[5] = type;
	b[6] = (uint8_t)(0x80 | msgins);
	b[7] = (uint8_t)(ieslen >> 8);
	b[8] = (uint8_t)ieslen;
	if (ieslen)
		memcpy(b + 9, ies, ieslen);
	return 9 + ieslen;
}

/* Remove IE @id from an encoded message (or only its contents when @keep_hdr). */
static size_t
cut_ie(uint8_t *b, size_t n, uint8_t id, bool keep_hdr)
{
	size_t off = 9;

	while (off + 4 <= n) {
		size_t l = ((size_t)b[off + 2] << 8) | b[off + 3];

		if (b[off] == id) {
			size_t from = keep_hdr ? off + 4 : off;
			size_t cut = off + 4 + l - from;
			size_t ml;

			memmove(b + from, b + from + cut, n - from - cut);
			if (keep_hdr)
				b[off + 2] = b[off + 3] = 0;
			n -= cut;
			ml = n - 9;
			b[7] = (uint8_t)(ml >> 8);
			b[8] = (uint8_t)ml;
			return n;
		}
		off += 4 + l;
	}
	return n;
}

static uint32_t
count_of(const struct h_ep *e, enum mcm_uni_event_type t)
{
	return e->count[t];
}

static const struct h_ev *
last_ev(const struct h_ep *e, enum mcm_uni_event_type t)
{
	uint32_t i;

	for (i = e->nev; i > 0 && e->nev - i < HEV_CAP; i--) {
		const struct h_ev *r = &e->ev[(i - 1) % HEV_CAP];

		if (r->type == t)
			return r;
	}
	return NULL;
}

static uint32_t
setup_call(struct h_ep *from, bool p2mp, uint64_t now)
{
	struct mcm_uni_msg m;
	uint32_t call = 0;
	int rc;

	h_setup_msg(&m, p2mp);
	rc = mcm_uni_setup_request(from->u, &m, &call, now);
	CHECK(rc == 0, "%s setup_request: %d", from->name, rc);
	return call;
}

static void
pair(struct h_ep *usr, struct h_ep *net, uint32_t max_calls)
{
	h_init(usr, "user", MCM_UNI_SIDE_USER, max_calls, NULL);
	h_init(net, "network", MCM_UNI_SIDE_NETWORK, max_calls, NULL);
	h_link_up(usr, net, 0);
}

static void
unpair(struct h_ep *usr, struct h_ep *net)
{
	CHECK(mcm_uni_selfcheck(usr->u) == 0, "user instance consistent");
	CHECK(mcm_uni_selfcheck(net->u) == 0, "network instance consistent");
	h_fini(usr);
	h_fini(net);
}

/* ---- back to back: point to point ---- */

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

/* ---- timers on a virtual clock ---- */

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
	txm.n_cause = 1;
	txm.cause[0].h.present = true;
	txm.cause[0].cause = MCM_UNI_CAUSE_STATUS_ENQUIRY;
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

/* ---- error procedures (Q.2931 5.6) ---- */

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
	txm.n_cause = 1;
	txm.cause[0].h.present = true;
	txm.cause[0].cause = 16;
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
	txm.n_cause = 1;
	txm.cause[0].h.present = true;
	txm.cause[0].cause = 30;
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
	txm.n_cause = 1;
	txm.cause[0].h.present = true;
	txm.cause[0].cause = 30;
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

/* ---- restart and status back to back ---- */

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

/* ---- point to multipoint ---- */

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

/* ---- more transitions and corner cases ---- */

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
	txm.n_cause = 1;
	txm.cause[0].h.present = true;
	txm.cause[0].cause = MCM_UNI_CAUSE_NORMAL;
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
	txm.n_cause = 1;
	txm.cause[0].h.present = true;
	txm.cause[0].cause = 16;
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

/* ---- state x message matrix of the establishment messages, both sides ---- */

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

/* ---- scale ---- */

static void
test_loop_no_growth(void)
{
	struct h_ep usr, net;
	struct mcm_uni_stats su, sn;
	unsigned long a0;
	size_t m0, m1;
	uint32_t i, ok = 0;

	pair(&usr, &net, 64);
	net.answer = H_ANS_ALERT_CONNECT;
	m0 = mcm_uni_memory(usr.u) + mcm_uni_memory(net.u);
	a0 = n_allocs;
	for (i = 0; i < 10000; i++) {
		uint64_t now = (uint64_t)i * 10;
		uint32_t c = setup_call(&usr, false, now);

		h_pump(&usr, &net, now);
		if (mcm_uni_call_state(usr.u, c) == MCM_UNI_CS_ACTIVE)
			ok++;
		/* released from either side in turn */
		if (i & 1)
			mcm_uni_release_request(usr.u, c, MCM_UNI_CAUSE_NORMAL, now);
		else
			mcm_uni_release_request(net.u, net.last_setup_call, MCM_UNI_CAUSE_NORMAL,
						now);
		h_pump(&usr, &net, now);
	}
	m1 = mcm_uni_memory(usr.u) + mcm_uni_memory(net.u);
	CHECK(ok == 10000, "%u of 10000 calls active", ok);
	CHECK(n_allocs == a0, "%lu allocations during the loop", n_allocs - a0);
	CHECK(m0 == m1, "memory %zu -> %zu", m0, m1);
	mcm_uni_get_stats(usr.u, &su);
	mcm_uni_get_stats(net.u, &sn);
	CHECK(su.calls_in_use == 0 && sn.calls_in_use == 0 && su.setups_pending == 0,
	      "pools back to empty");
	CHECK(su.calls_peak <= 1 && sn.calls_peak <= 1, "peak %u %u", su.calls_peak,
	      sn.calls_peak);
	CHECK(mcm_uni_next_deadline(usr.u) == UINT64_MAX && mcm_uni_next_deadline(net.u) ==
	      UINT64_MAX, "no timers left");
	unpair(&usr, &net);
}

static void
test_100k(void)
{
	struct h_ep usr, net;
	struct mcm_uni_stats su, sn;
	const uint32_t N = 100000;
	uint32_t *calls = malloc(sizeof(*calls) * N);
	uint32_t i, active = 0;
	struct timespec t0, t1;

	h_init(&usr, "user", MCM_UNI_SIDE_USER, N, NULL);
	h_init(&net, "network", MCM_UNI_SIDE_NETWORK, N, NULL);
	h_link_up(&usr, &net, 0);
	net.answer = H_ANS_CONNECT;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < N; i++) {
		calls[i] = setup_call(&usr, false, 0);
		if ((i & 255) == 255)
			h_pump(&usr, &net, 0);
	}
	h_pump(&usr, &net, 0);
	for (i = 0; i < N; i++)
		active += mcm_uni_call_state(usr.u, calls[i]) == MCM_UNI_CS_ACTIVE;
	mcm_uni_get_stats(usr.u, &su);
	mcm_uni_get_stats(net.u, &sn);
	CHECK(active == N, "%u active", active);
	CHECK(su.calls_in_use == N && sn.calls_in_use == N, "in use %u %u", su.calls_in_use,
	      sn.calls_in_use);
	CHECK(usr.active_vcs == N && net.active_vcs == N, "VCs %u %u", usr.active_vcs,
	      net.active_vcs);
	{
		uint32_t h, n = 0;

		for (h = mcm_uni_call_next(net.u, 0); h; h = mcm_uni_call_next(net.u, h))
			n++;
		CHECK(n == N, "walk: %u calls", n);
		CHECK(mcm_uni_selfcheck(usr.u) == 0 && mcm_uni_selfcheck(net.u) == 0,
		      "consistent with 100000 calls");
	}
	/* the link bounces: all survive, checked by STATUS ENQUIRY */
	mcm_uni_saal_released(usr.u, 1000);
	mcm_uni_saal_released(net.u, 1000);
	mcm_uni_saal_established(usr.u, 2000);
	mcm_uni_saal_established(net.u, 2000);
	h_pump(&usr, &net, 2000);
	mcm_uni_get_stats(usr.u, &su);
	CHECK(su.calls_in_use == N, "after link bounce %u", su.calls_in_use);
	CHECK(mcm_uni_next_deadline(usr.u) == UINT64_MAX, "T309/T322 all stopped");
	for (i = 0; i < N; i++) {
		mcm_uni_release_request(usr.u, calls[i], MCM_UNI_CAUSE_NORMAL, 3000);
		if ((i & 255) == 255)
			h_pump(&usr, &net, 3000);
	}
	h_pump(&usr, &net, 3000);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	mcm_uni_get_stats(usr.u, &su);
	mcm_uni_get_stats(net.u, &sn);
	CHECK(su.calls_in_use == 0 && sn.calls_in_use == 0, "all released");
	printf("100000 simultaneous calls: %.2f s, %zu bytes per call slot, %zu bytes per "
	       "instance\n", (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
	       mcm_uni_bytes_per_call(), mcm_uni_memory(usr.u));
	unpair(&usr, &net);
	free(calls);
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

int
main(void)
{
	test_p2p_user_originated();
	test_p2p_network_originated();
	test_reject();
	test_cref_collision_and_vc_range();
	test_t303();
	test_t308_t313_t310();
	test_t316_t317_t322();
	test_t309();
	test_errors();
	test_restart_b2b();
	test_p2mp();
	test_user_side_sequence_errors();
	test_restart_collision();
	test_reentrancy_and_link();
	test_party_errors();
	test_state_matrix();
	test_loop_no_growth();
	test_100k();
	test_api_misuse();
	return test_summary();
}
