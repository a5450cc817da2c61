/* SPDX-License-Identifier: BSD-3-Clause
 * Integration test of net_mcm's asynchronous calls (rte_pmd_mcm_call_make_async,
 * rte_pmd_mcm_call_release_async): two mcm ports over a memif pair, port A on the user side
 * and port B on the network side of the UNI, UNI 4.0 signalling on VC 0/5.
 *  - a call made asynchronously connects: CALL_CONNECTED on A with the call's id and its
 *    VC, which carries data both ways; released asynchronously: CLOSE_COMPLETE on A (and no
 *    other end event), CALL_RELEASED cause 16 on B, nothing left on either port
 *  - refused calls end in CALL_FAILED: a number nobody registered (-ECONNREFUSED, cause 1,
 *    Q.2931 annex E), a call B rejects (cause 21), a call released before it connected
 *    (and then no CLOSE_COMPLETE)
 *  - misuse is refused with the documented errors, at once
 *  - one thread, driven by the events alone, keeps 16 calls outstanding on A and answers
 *    B's: every call connects and closes once, and no call, VC or mbuf is left behind
 */
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#include "mcm_check.h"
#define MCM_TEST_CALLS
#include "mcm_test.h"
#include "rte_pmd_mcm.h"

#define NB_ASYNC 400
#define OUTSTANDING 16

/* The end events of one call on a client, collected for @p ms (or until @p stop arrives). */
struct call_events {
	unsigned int connected, failed, closed, released, other;
	struct rte_pmd_mcm_event last_connected, last_failed, last_released;
};

static void
collect(uint16_t port, uint32_t client, uint32_t call_id, unsigned int ms, uint8_t stop,
	struct call_events *ce)
{
	struct rte_pmd_mcm_event ev;
	uint64_t end = now_ms() + ms;

	memset(ce, 0, sizeof(*ce));
	do {
		if (rte_pmd_mcm_event_get(port, client, &ev) != 0) {
			sleep_ms(5);
			continue;
		}
		if (verbose)
			ev_print("event", port, client, &ev);
		if (ev.call_id != call_id)
			continue;
		switch (ev.type) {
		case RTE_PMD_MCM_EV_CALL_CONNECTED:
			ce->connected++;
			ce->last_connected = ev;
			break;
		case RTE_PMD_MCM_EV_CALL_FAILED:
			ce->failed++;
			ce->last_failed = ev;
			break;
		case RTE_PMD_MCM_EV_CLOSE_COMPLETE:
			ce->closed++;
			break;
		case RTE_PMD_MCM_EV_CALL_RELEASED:
			ce->released++;
			ce->last_released = ev;
			break;
		case RTE_PMD_MCM_EV_VC_STATUS:
			break;
		default:
			ce->other++;
			break;
		}
		if (ev.type == stop)
			return;
	} while (now_ms() < end);
}

/* The incoming call B's client is offered, answered (@p accept) with @p cause. */
static int
b_answer(int accept, uint8_t cause, uint32_t *id_b)
{
	struct rte_pmd_mcm_event ev;
	int rc = wait_event(pb, clb, RTE_PMD_MCM_EV_INCOMING_CALL, 0, 5000, &ev);

	CHECK(rc == 0, "B's client got no INCOMING_CALL (%d)", rc);
	if (rc != 0)
		return rc;
	*id_b = ev.call_id;
	rc = rte_pmd_mcm_call_answer(pb, clb, ev.call_id, accept, cause);
	CHECK(rc == 0, "B: answer %d: %d", accept, rc);
	return rc;
}

/* 1. made, connected, data both ways, released: each step's event, nothing left. */
static void
test_connect_release(void)
{
	struct rte_pmd_mcm_call_params p;
	struct rte_pmd_mcm_call_info info = { 0 };
	struct rte_pmd_mcm_event ev;
	struct call_events ce;
	uint32_t id = 0, id_b = 0;
	uint64_t t0;
	int rc;

	printf("asynchronous call A -> B, released by A\n");
	call_params(&p, addr_b);
	t0 = now_ms();
	rc = rte_pmd_mcm_call_make_async(pa, cla, &p, &id);
	CHECK(rc == 0 && id != 0, "make_async: %d, call %u", rc, id);
	if (rc != 0)
		return;
	/* it returned before B answered: the call is listed, not active yet */
	CHECK(find_call(pa, id, &info) == 0 && info.state != RTE_PMD_MCM_CALL_ACTIVE &&
	      info.outgoing, "A lists call %u, not active yet (state %u)", id, info.state);
	if (b_answer(1, 0, &id_b) != 0)
		return;
	collect(pa, cla, id, 5000, RTE_PMD_MCM_EV_CALL_CONNECTED, &ce);
	CHECK(ce.connected == 1 && ce.failed == 0, "A: CALL_CONNECTED %u, CALL_FAILED %u",
	      ce.connected, ce.failed);
	if (ce.connected != 1)
		return;
	ev = ce.last_connected;
	printf("  connected in %" PRIu64 " ms: A call %u, VC %u/%u\n", now_ms() - t0, id, ev.vpi,
	       ev.vci);
	CHECK(ev.status == 0 && ev.vci >= 32, "CALL_CONNECTED: status %d VC %u/%u", ev.status,
	      ev.vpi, ev.vci);
	CHECK(find_call(pa, id, &info) == 0 && info.state == RTE_PMD_MCM_CALL_ACTIVE &&
	      info.vpi == ev.vpi && info.vci == ev.vci, "A lists call %u active on %u/%u", id,
	      ev.vpi, ev.vci);
	CHECK(wait_event(pb, clb, RTE_PMD_MCM_EV_CALL_CONNECTED, id_b, 3000, &ev) == 0,
	      "B: CALL_CONNECTED");
	traffic(pa, pb, rte_pmd_mcm_vc(info.vpi, info.vci), 500, "A->B on the SVC");
	traffic(pb, pa, rte_pmd_mcm_vc(info.vpi, info.vci), 500, "B->A on the SVC");

	rc = rte_pmd_mcm_call_release_async(pa, cla, id, 0);
	CHECK(rc == 0, "release_async: %d", rc);
	collect(pa, cla, id, 5000, RTE_PMD_MCM_EV_CLOSE_COMPLETE, &ce);
	CHECK(ce.closed == 1, "A: CLOSE_COMPLETE %u", ce.closed);
	/* nothing else ends the call: no CALL_RELEASED or CALL_FAILED after it */
	collect(pa, cla, id, 100, 0, &ce);
	CHECK(ce.closed + ce.released + ce.failed + ce.connected == 0,
	      "A: events after CLOSE_COMPLETE: closed %u released %u failed %u connected %u",
	      ce.closed, ce.released, ce.failed, ce.connected);
	rc = wait_event(pb, clb, RTE_PMD_MCM_EV_CALL_RELEASED, id_b, 3000, &ev);
	CHECK(rc == 0 && ev.cause == 16, "B: CALL_RELEASED %d cause %u (expected 16)", rc,
	      rc == 0 ? ev.cause : 0);
	CHECK(find_call(pa, id, &info) == -ENOENT, "A: call %u still listed", id);
	CHECK(rte_pmd_mcm_vc_info_get(pa, ev.vpi, ev.vci, &(struct rte_pmd_mcm_vc_info){ 0 }) ==
	      -ENOENT, "A: the call's VC is still there");
	rc = rte_pmd_mcm_call_release_async(pa, cla, id, 0);
	CHECK(rc == -ENOENT, "release_async of a call that is over: %d", rc);
	calls_none_left();
}

/* 2. refused: an unallocated number, a rejection, a release before CONNECT. */
static void
test_refused(void)
{
	struct rte_pmd_mcm_call_params p;
	struct rte_pmd_mcm_event ev;
	struct call_events ce;
	uint8_t called[RTE_PMD_MCM_AESA_LEN];
	uint32_t id = 0, id_b = 0;
	int rc;

	printf("asynchronous call to an unallocated number\n");
	memcpy(called, addr_b, sizeof(called));
	called[RTE_PMD_MCM_AESA_LEN - 1] ^= 0x70;
	call_params(&p, called);
	rc = rte_pmd_mcm_call_make_async(pa, cla, &p, &id);
	CHECK(rc == 0 && id != 0, "make_async: %d", rc);
	collect(pa, cla, id, 5000, RTE_PMD_MCM_EV_CALL_FAILED, &ce);
	CHECK(ce.failed == 1 && ce.connected == 0 && ce.last_failed.status == -ECONNREFUSED &&
	      ce.last_failed.cause == 1, "A: CALL_FAILED %u (status %d cause %u, expected %d "
	      "and 1), CALL_CONNECTED %u", ce.failed, ce.last_failed.status,
	      ce.last_failed.cause, -ECONNREFUSED, ce.connected);
	CHECK(count_calls(pa) == 0, "A: %d calls left", count_calls(pa));

	printf("asynchronous call rejected by B (cause 21)\n");
	call_params(&p, addr_b);
	rc = rte_pmd_mcm_call_make_async(pa, cla, &p, &id);
	CHECK(rc == 0, "make_async: %d", rc);
	if (rc == 0 && b_answer(0, 21, &id_b) == 0) {
		collect(pa, cla, id, 5000, RTE_PMD_MCM_EV_CALL_FAILED, &ce);
		CHECK(ce.failed == 1 && ce.last_failed.status == -ECONNREFUSED &&
		      ce.last_failed.cause == 21, "A: CALL_FAILED %u status %d cause %u",
		      ce.failed, ce.last_failed.status, ce.last_failed.cause);
	}

	printf("asynchronous call released before it connected\n");
	rc = rte_pmd_mcm_call_make_async(pa, cla, &p, &id);
	CHECK(rc == 0, "make_async: %d", rc);
	if (rc != 0)
		return;
	/* B is offered the call and does not answer; A gives up */
	rc = wait_event(pb, clb, RTE_PMD_MCM_EV_INCOMING_CALL, 0, 5000, &ev);
	CHECK(rc == 0, "B: INCOMING_CALL %d", rc);
	id_b = ev.call_id;
	rc = rte_pmd_mcm_call_release_async(pa, cla, id, 0);
	CHECK(rc == 0, "release_async before CONNECT: %d", rc);
	collect(pa, cla, id, 5000, RTE_PMD_MCM_EV_CALL_FAILED, &ce);
	CHECK(ce.failed == 1 && ce.last_failed.status == -ECONNREFUSED && ce.connected == 0,
	      "A: CALL_FAILED %u status %d, CALL_CONNECTED %u", ce.failed,
	      ce.last_failed.status, ce.connected);
	/* the make's failure is the call's last event: no CLOSE_COMPLETE */
	collect(pa, cla, id, 100, 0, &ce);
	CHECK(ce.closed == 0 && ce.failed == 0, "A: CLOSE_COMPLETE %u, CALL_FAILED %u after the "
	      "call failed", ce.closed, ce.failed);
	rc = wait_event(pb, clb, RTE_PMD_MCM_EV_CALL_RELEASED, id_b, 3000, &ev);
	CHECK(rc == 0, "B: the offered call released (%d)", rc);
	calls_none_left();
}

/* 3. misuse: refused at once, nothing made. */
static void
test_misuse(void)
{
	struct rte_pmd_mcm_call_params p;
	struct rte_pmd_mcm_event ev;
	uint32_t id = 0, id_b = 0, cla2 = 0;
	int rc;

	printf("misuse\n");
	call_params(&p, addr_b);
	CHECK(rte_pmd_mcm_call_make_async(pa, cla, &p, NULL) == -EINVAL, "no call_id");
	CHECK(rte_pmd_mcm_call_make_async(pa, cla, NULL, &id) == -EINVAL, "no parameters");
	p.encap = 7;
	CHECK(rte_pmd_mcm_call_make_async(pa, cla, &p, &id) == -EINVAL, "encapsulation 7");
	call_params(&p, addr_b);
	p.pcr = 0x1000000;
	CHECK(rte_pmd_mcm_call_make_async(pa, cla, &p, &id) == -EINVAL, "PCR over 24 bits");
	call_params(&p, addr_b);
	rc = rte_pmd_mcm_call_make_async(pa, 77, &p, &id);
	CHECK(rc == -ENOENT, "unknown client: %d", rc);
	rc = rte_pmd_mcm_call_make_async(RTE_MAX_ETHPORTS - 1, cla, &p, &id);
	CHECK(rc == -ENODEV, "not an mcm port: %d", rc);
	CHECK(rte_pmd_mcm_call_release_async(pa, cla, 4242, 0) == -ENOENT, "release unknown");
	CHECK(rte_pmd_mcm_call_release_async(pa, cla, 0, 0) == -ENOENT, "release call 0");
	CHECK(count_calls(pa) == 0, "A: %d calls after refused requests", count_calls(pa));

	/* a call of another client, a cause out of range, an offered call */
	CHECK(rte_pmd_mcm_client_open(pa, &cla2) == 0, "second client on A");
	rc = rte_pmd_mcm_call_make_async(pa, cla, &p, &id);
	CHECK(rc == 0, "make_async: %d", rc);
	if (rc == 0 && b_answer(1, 0, &id_b) == 0) {
		rc = wait_event(pa, cla, RTE_PMD_MCM_EV_CALL_CONNECTED, id, 5000, &ev);
		CHECK(rc == 0, "A: CALL_CONNECTED %d", rc);
		rc = rte_pmd_mcm_call_release_async(pa, cla2, id, 0);
		CHECK(rc == -EACCES, "release of another client's call: %d", rc);
		rc = rte_pmd_mcm_call_release_async(pa, cla, id, 128);
		CHECK(rc == -EINVAL, "cause 128: %d", rc);
		rc = rte_pmd_mcm_call_release_async(pb, clb, id_b, 0);
		CHECK(rc == 0, "B releases its side: %d", rc);
		rc = wait_event(pb, clb, RTE_PMD_MCM_EV_CLOSE_COMPLETE, id_b, 5000, &ev);
		CHECK(rc == 0, "B: CLOSE_COMPLETE %d", rc);
		rc = wait_event(pa, cla, RTE_PMD_MCM_EV_CALL_RELEASED, id, 5000, &ev);
		CHECK(rc == 0 && ev.cause == 16, "A: CALL_RELEASED %d cause %u", rc,
		      rc == 0 ? ev.cause : 0);
	}
	CHECK(rte_pmd_mcm_client_close(pa, cla2) == 0, "close the second client");
	calls_none_left();
}

/*
 * 4. NB_ASYNC calls, OUTSTANDING at a time, from this thread alone: A's events drive A's
 * calls (each released when connected, a new one made when one closes), B's are answered
 * in the same loop. @p baseline: the mempool's in-use count before.
 */
static void
test_event_driven(unsigned int baseline)
{
	uint32_t ids[OUTSTANDING] = { 0 };
	unsigned int made = 0, connected = 0, closed = 0, answered = 0, released_b = 0, i;
	unsigned int unknown = 0, failed = 0, errors = 0;
	struct rte_pmd_mcm_call_params p;
	struct rte_pmd_mcm_event ev;
	uint64_t t0 = now_ms(), end = t0 + 60000;

	printf("%u calls, %u outstanding, one thread\n", NB_ASYNC, OUTSTANDING);
	call_params(&p, addr_b);
	while (closed + failed < NB_ASYNC && errors == 0 && now_ms() < end) {
		int got;

		for (i = 0; i < OUTSTANDING && made < NB_ASYNC; i++)
			if (ids[i] == 0) {
				if (rte_pmd_mcm_call_make_async(pa, cla, &p, &ids[i]) != 0)
					errors++;
				else
					made++;
			}
		got = b_answer_all(&answered, &errors, &released_b);
		while (rte_pmd_mcm_event_get(pa, cla, &ev) == 0) {
			uint32_t *slot = NULL;

			got = 1;
			for (i = 0; i < OUTSTANDING; i++)
				if (ids[i] != 0 && ids[i] == ev.call_id)
					slot = &ids[i];
			if (ev.type == RTE_PMD_MCM_EV_VC_STATUS ||
			    ev.type == RTE_PMD_MCM_EV_LINK_STATUS)
				continue;
			if (slot == NULL) {
				unknown++;
				continue;
			}
			if (ev.type == RTE_PMD_MCM_EV_CALL_CONNECTED) {
				connected++;
				if (rte_pmd_mcm_call_release_async(pa, cla, *slot, 0) != 0)
					errors++;
			} else if (ev.type == RTE_PMD_MCM_EV_CLOSE_COMPLETE) {
				closed++;
				*slot = 0;
			} else {
				failed++;     /* CALL_FAILED, CALL_RELEASED: not expected */
				*slot = 0;
			}
		}
		if (!got)
			sleep_ms(1);
	}
	printf("  %u made, %u connected, %u closed, %u answered by B in %" PRIu64 " ms\n", made,
	       connected, closed, answered, now_ms() - t0);
	CHECK(made == NB_ASYNC && connected == NB_ASYNC && closed == NB_ASYNC && failed == 0 &&
	      errors == 0 && unknown == 0, "%u calls: %u made, %u connected, %u closed, %u "
	      "failed, %u API errors, %u events of unknown calls", NB_ASYNC, made, connected,
	      closed, failed, errors, unknown);
	CHECK(answered == NB_ASYNC, "B answered %u", answered);
	/* the last RELEASE may still be on its way to B */
	while (released_b < closed && now_ms() < end + 2000) {
		if (rte_pmd_mcm_event_get(pb, clb, &ev) == 0)
			released_b += ev.type == RTE_PMD_MCM_EV_CALL_RELEASED;
		else
			sleep_ms(5);
	}
	CHECK(released_b == closed, "B saw %u CALL_RELEASED of %u", released_b, closed);
	CHECK(xstat(pa, "cm_events_lost") == 0 && xstat(pb, "cm_events_lost") == 0,
	      "events lost: A %" PRIu64 " B %" PRIu64, xstat(pa, "cm_events_lost"),
	      xstat(pb, "cm_events_lost"));
	calls_all_gone(baseline);
}

/* Every test, in order; @p baseline: the mempool's in-use count before them. */
static void
all_tests(unsigned int baseline)
{
	test_connect_release();
	test_refused();
	test_misuse();
	test_event_driven(baseline);
}

int
main(int argc, char **argv)
{
	RTE_SET_USED(argc);
	return calls_memif_main(argv[0], "mcm-svc-async", all_tests);
}
