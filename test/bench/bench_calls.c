/* SPDX-License-Identifier: BSD-3-Clause
 * Call-rate benchmark of net_mcm: two mcm ports over a memif pair in one EAL process, port A
 * on the user side and port B on the network side of the UNI (UNI 4.0 signalling on VC 0/5).
 * A client on A makes and releases N calls to a SAP of a client on B, which a thread answers
 * as soon as B's eventfd is readable. Prints set-ups plus releases per second and the set-up
 * latency (call_make called to call_make returned: CONNECT received, Q.2931 5.1.6) and
 * release latency (call_release called to returned: RELEASE COMPLETE received, Q.2931 5.4.3)
 * percentiles, first one call at a time, then with K calls outstanding (K threads, each one
 * call at a time: rte_pmd_mcm_call_make blocks until the outcome, but the control thread
 * serves many pending set-ups at once).
 * Exits non-zero if a call fails (the cause is printed), or if a call, a VC or an mbuf is
 * left behind.
 * -H N (calls held, issue 9): both ports get max_vcs=N+1024; K threads set up N calls and
 * keep them; every one must then be listed active on both ports; then the K threads release
 * them. Prints the set-up and release rates, the heap bytes per call held (EAL and libc, both
 * ports), and checks that no call-manager event was lost (xstat cm_events_lost).
 *
 * Usage: bench_calls [-n CALLS] [-k OUTSTANDING] [-w USEC] [-H HELD] [-v]
 *  -w USEC: diagnostic; a thread pokes both control threads through their command queue
 *           every USEC microseconds, so the lower port is polled at least that often (shows
 *           what the control thread's lower-port poll interval costs a call).
 */
#include <errno.h>
#include <inttypes.h>
#include <malloc.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_bus_vdev.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "mcm_check.h"
#define MCM_TEST_CALLS    /* the ports, clients, mempool and set-up of test/mcm */
#include "mcm_test.h"
#include "rte_pmd_mcm.h"

#define MAX_K 64
#define MAX_ASYNC 1024   /* -a: each call has a few events, the queue holds 8,192 */
#define MAX_POOLS 16

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void
sleep_us(unsigned int us)
{
	struct timespec ts = { .tv_sec = us / 1000000, .tv_nsec = (long)(us % 1000000) * 1000 };

	nanosleep(&ts, NULL);
}

/* ---- the answering side: B's client, and A's events so that they do not pile up ---- */

struct answerer {
	pthread_t thread;
	volatile int stop;
	int b_only;                  /* -a: A's events are the caller's */
	unsigned int answered, answer_err, released, connected_a, close_a, failed_a;
	unsigned int link_down, other, spurious;
	int last_err;
};

/* Up to @p max of B's events: incoming calls answered at once. @return how many. */
static unsigned int
b_events(struct answerer *an, unsigned int max)
{
	struct rte_pmd_mcm_event ev;
	unsigned int n;
	int rc;

	for (n = 0; n < max && rte_pmd_mcm_event_get(pb, clb, &ev) == 0; n++) {
		switch (ev.type) {
		case RTE_PMD_MCM_EV_INCOMING_CALL:
			rc = rte_pmd_mcm_call_answer(pb, clb, ev.call_id, 1, 0);
			if (rc == 0) {
				__atomic_fetch_add(&an->answered, 1, __ATOMIC_RELAXED);
			} else {
				an->answer_err++;
				an->last_err = rc;
			}
			break;
		case RTE_PMD_MCM_EV_CALL_RELEASED:
			__atomic_fetch_add(&an->released, 1, __ATOMIC_RELAXED);
			break;
		case RTE_PMD_MCM_EV_CALL_CONNECTED:
		case RTE_PMD_MCM_EV_VC_STATUS:
			break;
		case RTE_PMD_MCM_EV_LINK_STATUS:
			if (!ev.up)
				an->link_down++;
			break;
		default:
			an->other++;
			break;
		}
	}
	return n;
}

/* One of A's events counted in @p an. */
static void
a_count(struct answerer *an, const struct rte_pmd_mcm_event *ev)
{
	switch (ev->type) {
	case RTE_PMD_MCM_EV_CALL_CONNECTED:
		an->connected_a++;
		break;
	case RTE_PMD_MCM_EV_CLOSE_COMPLETE:
		an->close_a++;
		break;
	case RTE_PMD_MCM_EV_CALL_FAILED:
		an->failed_a++;
		break;
	case RTE_PMD_MCM_EV_LINK_STATUS:
		if (!ev->up)
			an->link_down++;
		break;
	case RTE_PMD_MCM_EV_VC_STATUS:
		break;
	default:
		an->other++;
		break;
	}
}

/* Every event waiting on A. @return how many. */
static unsigned int
a_events(struct answerer *an)
{
	struct rte_pmd_mcm_event ev;
	unsigned int n;

	for (n = 0; rte_pmd_mcm_event_get(pa, cla, &ev) == 0; n++)
		a_count(an, &ev);
	return n;
}

/*
 * Take every event waiting on A and B: B's a few at a time, A's in between (each answer
 * waits for B's control thread, and while calls keep coming B's queue is never empty for
 * long: A's, filling as fast, would overflow behind it). @return a bit per port that had
 * one (1: B, 2: A).
 */
static unsigned int
answerer_events(struct answerer *an)
{
	unsigned int got = 0, nb, na;

	do {
		nb = b_events(an, 32);
		na = an->b_only ? 0 : a_events(an);
		got |= (nb > 0 ? 1u : 0u) | (na > 0 ? 2u : 0u);
	} while (nb > 0 || na > 0);
	return got;
}

static void *
answerer_main(void *arg)
{
	struct answerer *an = arg;
	struct pollfd pfd[2] = {
		{ .fd = rte_pmd_mcm_event_fd(pb, clb), .events = POLLIN },
		{ .fd = rte_pmd_mcm_event_fd(pa, cla), .events = POLLIN },
	};

	while (!__atomic_load_n(&an->stop, __ATOMIC_ACQUIRE)) {
		unsigned int got, i;

		/* the eventfds wake us at once; the time limit only bounds the stop check */
		if (poll(pfd, an->b_only ? 1 : 2, 20) <= 0)
			continue;
		got = answerer_events(an);
		/* a wake-up with no event is allowed (rte_pmd_mcm_event_fd): count them */
		for (i = 0; i < 2; i++)
			if ((pfd[i].revents & POLLIN) && !(got & (1u << i)))
				an->spurious++;
	}
	answerer_events(an);
	return NULL;
}

/* ---- the poker (-w): a command through each control thread's queue every USEC ---- */

struct poker {
	pthread_t thread;
	volatile int stop;
	unsigned int usec;
	uint64_t pokes;
};

static void *
poker_main(void *arg)
{
	struct poker *pk = arg;
	uint32_t v;

	while (!__atomic_load_n(&pk->stop, __ATOMIC_ACQUIRE)) {
		/* any command wakes the control thread, which then polls the lower port */
		rte_pmd_mcm_oid_query(pa, "max_active_vcs", 0, &v, sizeof(v));
		rte_pmd_mcm_oid_query(pb, "max_active_vcs", 0, &v, sizeof(v));
		pk->pokes++;
		sleep_us(pk->usec);
	}
	return NULL;
}

/* ---- the callers: K threads, each making and releasing its share of the calls ---- */

struct caller {
	pthread_t thread;
	int started;
	unsigned int n, done;
	uint64_t *setup_ns, *release_ns;
	int rc;
	uint8_t cause;
	const char *what;
};

static volatile int abort_run;

static void *
caller_main(void *arg)
{
	struct caller *c = arg;
	struct rte_pmd_mcm_call_params p;
	struct rte_pmd_mcm_call_info info;
	unsigned int i;

	call_params(&p, addr_b);
	for (i = 0; i < c->n && !__atomic_load_n(&abort_run, __ATOMIC_RELAXED); i++) {
		uint64_t t0, t1, t2;
		uint8_t cause = 0;
		int rc;

		t0 = now_ns();
		rc = rte_pmd_mcm_call_make(pa, cla, &p, &info, &cause);
		t1 = now_ns();
		if (rc != 0) {
			c->rc = rc;
			c->cause = cause;
			c->what = "call_make";
			break;
		}
		rc = rte_pmd_mcm_call_release(pa, cla, info.call_id, 0);
		t2 = now_ns();
		if (rc != 0) {
			c->rc = rc;
			c->what = "call_release";
			break;
		}
		c->setup_ns[i] = t1 - t0;
		c->release_ns[i] = t2 - t1;
		c->done++;
	}
	if (c->rc != 0)
		__atomic_store_n(&abort_run, 1, __ATOMIC_RELAXED);
	return NULL;
}

/* ---- asynchronous calls (-a): one thread keeps K calls outstanding ---- */

struct async_call {
	uint32_t id;                 /* 0: a free entry */
	uint64_t asked;              /* when the make, then the release, was asked */
	uint64_t setup;              /* the set-up's latency */
};

static struct async_call *
async_find(struct async_call *ac, unsigned int k, uint32_t id)
{
	unsigned int i;

	for (i = 0; i < k; i++)
		if (ac[i].id == id)
			return &ac[i];
	return NULL;
}

/* One of A's events for the calls in @p ac: a call connected is released at once, a call
 * closed is done (its latencies stored in @p c). @return 0, or -1 when the run must stop.
 */
static int
async_event(struct caller *c, struct answerer *an, struct async_call *ac, unsigned int k,
	    const struct rte_pmd_mcm_event *ev)
{
	struct async_call *a;
	int rc;

	a_count(an, ev);
	switch (ev->type) {
	case RTE_PMD_MCM_EV_CALL_CONNECTED:
		a = async_find(ac, k, ev->call_id);
		if (a == NULL)
			break;
		a->setup = now_ns() - a->asked;
		a->asked = now_ns();
		rc = rte_pmd_mcm_call_release_async(pa, cla, a->id, 0);
		if (rc != 0) {
			c->rc = rc;
			c->what = "call_release_async";
			return -1;
		}
		break;
	case RTE_PMD_MCM_EV_CLOSE_COMPLETE:
		a = async_find(ac, k, ev->call_id);
		if (a == NULL)
			break;
		c->setup_ns[c->done] = a->setup;
		c->release_ns[c->done] = now_ns() - a->asked;
		c->done++;
		a->id = 0;
		break;
	case RTE_PMD_MCM_EV_CALL_FAILED:
		c->rc = ev->status != 0 ? ev->status : -EPROTO;
		c->cause = ev->cause;
		c->what = "call (CALL_FAILED event)";
		return -1;
	default:
		break;
	}
	return 0;
}

/*
 * c->n calls made and released by this thread alone with rte_pmd_mcm_call_make_async and
 * rte_pmd_mcm_call_release_async, @p k at a time: a new call as soon as one is closed, each
 * released as soon as it is connected. A's events drive it.
 */
static void
async_calls(struct caller *c, struct answerer *an, unsigned int k)
{
	struct pollfd pfd = { .fd = rte_pmd_mcm_event_fd(pa, cla), .events = POLLIN };
	struct async_call *ac = calloc(k, sizeof(*ac));
	struct rte_pmd_mcm_call_params p;
	struct rte_pmd_mcm_event ev;
	unsigned int made = 0, i;
	int rc;

	if (ac == NULL) {
		c->rc = -ENOMEM;
		c->what = "calloc";
		return;
	}
	call_params(&p, addr_b);
	while (c->done < c->n) {
		for (i = 0; i < k && made < c->n; i++) {
			if (ac[i].id != 0)
				continue;
			ac[i].asked = now_ns();
			rc = rte_pmd_mcm_call_make_async(pa, cla, &p, &ac[i].id);
			if (rc != 0) {
				c->rc = rc;
				c->what = "call_make_async";
				goto out;
			}
			made++;
		}
		/* the calls' events, or none in 10 s: the run is stuck */
		if (poll(&pfd, 1, 10000) <= 0) {
			c->rc = -ETIMEDOUT;
			c->what = "waiting for A's events";
			goto out;
		}
		while (rte_pmd_mcm_event_get(pa, cla, &ev) == 0)
			if (async_event(c, an, ac, k, &ev) != 0)
				goto out;
	}
out:
	/* calls left behind (a failed run) are released, so that the checks count them once */
	for (i = 0; i < k; i++)
		if (ac[i].id != 0)
			rte_pmd_mcm_call_release(pa, cla, ac[i].id, 0);
	free(ac);
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The @p q-quantile (0..1) of @p n sorted values, in microseconds. */
static double
pct_us(const uint64_t *v, unsigned int n, double q)
{
	unsigned int i = (unsigned int)(q * (n - 1) + 0.5);

	return n == 0 ? 0.0 : (double)v[i] / 1000.0;
}

static unsigned int
count_vcs(uint16_t port)
{
	struct rte_pmd_mcm_vc_info vi[4];
	unsigned int total = 1;

	if (rte_pmd_mcm_vc_list(port, vi, RTE_DIM(vi), 0, &total) < 0)
		return UINT32_MAX;
	return total;
}

/*
 * @p n calls with @p k outstanding, the figures printed unless @p quiet.
 * @return 0 when every call was made, answered and released and nothing is left behind.
 */
static int
run(unsigned int n, unsigned int k, unsigned int poke_us, int async, int quiet)
{
	struct caller callers[MAX_K];
	struct answerer an;
	struct poker pk;
	uint64_t *setup_ns, *release_ns, t0, t1, end;
	unsigned int i, done = 0, off = 0, ca, cb, va, vb;
	unsigned int shown_k = k;
	int ok = 1;
	double secs;
	char what[32];

	setup_ns = calloc(n, sizeof(*setup_ns));
	release_ns = calloc(n, sizeof(*release_ns));
	if (setup_ns == NULL || release_ns == NULL) {
		CHECK(0, "out of memory");
		free(setup_ns);
		free(release_ns);
		return -1;
	}
	memset(&an, 0, sizeof(an));
	memset(&pk, 0, sizeof(pk));
	memset(callers, 0, sizeof(callers));
	abort_run = 0;
	an.b_only = async;
	if (pthread_create(&an.thread, NULL, answerer_main, &an) != 0) {
		CHECK(0, "pthread_create");
		free(setup_ns);
		free(release_ns);
		return -1;
	}
	pk.usec = poke_us;
	if (poke_us > 0 && pthread_create(&pk.thread, NULL, poker_main, &pk) != 0) {
		CHECK(0, "pthread_create");
		pk.usec = 0;
	}
	t0 = now_ns();
	if (async) {
		/* one caller, this thread, with k calls outstanding */
		callers[0].n = n;
		callers[0].setup_ns = setup_ns;
		callers[0].release_ns = release_ns;
		async_calls(&callers[0], &an, k);
		k = 1;
	}
	for (i = 0; i < k && !async; i++) {
		callers[i].n = n / k + (i < n % k);
		callers[i].setup_ns = setup_ns + off;
		callers[i].release_ns = release_ns + off;
		off += callers[i].n;
		if (pthread_create(&callers[i].thread, NULL, caller_main, &callers[i]) != 0) {
			CHECK(0, "pthread_create");
			abort_run = 1;
		} else {
			callers[i].started = 1;
		}
	}
	for (i = 0; i < k; i++)
		if (callers[i].started)
			pthread_join(callers[i].thread, NULL);
	t1 = now_ns();
	/* the last RELEASE may still be on its way to B */
	end = now_ns() + 2000000000ull;
	for (i = 0; i < k; i++)
		done += callers[i].done;
	while (__atomic_load_n(&an.released, __ATOMIC_RELAXED) < done && now_ns() < end)
		sleep_us(1000);
	if (pk.usec > 0) {
		__atomic_store_n(&pk.stop, 1, __ATOMIC_RELEASE);
		pthread_join(pk.thread, NULL);
	}
	__atomic_store_n(&an.stop, 1, __ATOMIC_RELEASE);
	pthread_join(an.thread, NULL);

	for (i = 0; i < k; i++)
		if (callers[i].rc != 0) {
			ok = 0;
			CHECK(0, "caller %u: %s failed after %u calls: %d (%s) cause %u", i,
			      callers[i].what, callers[i].done, callers[i].rc,
			      strerror(-callers[i].rc), callers[i].cause);
		}
	CHECK(done == n, "%u of %u calls made and released", done, n);
	CHECK(an.answered == done && an.answer_err == 0,
	      "B answered %u of %u calls, %u answers failed (last %d)", an.answered, done,
	      an.answer_err, an.last_err);
	CHECK(an.released == done, "B saw %u CALL_RELEASED of %u", an.released, done);
	CHECK(an.failed_a == 0 && an.link_down == 0,
	      "A: %u CALL_FAILED events, %u LINK_STATUS down", an.failed_a, an.link_down);
	ca = (unsigned int)count_calls(pa);
	cb = (unsigned int)count_calls(pb);
	va = count_vcs(pa);
	vb = count_vcs(pb);
	CHECK(ca == 0 && cb == 0, "calls left: A %d, B %d", (int)ca, (int)cb);
	CHECK(va == 0 && vb == 0, "VCs left: A %u, B %u", va, vb);
	if (done != n || an.answered != done || an.released != done || ca || cb || va || vb)
		ok = 0;
	if (verbose)
		printf("  events: A connected %u, close complete %u; B answered %u, released %u, "
		       "other %u; spurious wake-ups %u; pokes %" PRIu64 "\n", an.connected_a,
		       an.close_a, an.answered, an.released, an.other, an.spurious, pk.pokes);
	if (done > 0 && !quiet) {
		secs = (double)(t1 - t0) / 1e9;
		qsort(setup_ns, done, sizeof(*setup_ns), cmp_u64);
		qsort(release_ns, done, sizeof(*release_ns), cmp_u64);
		snprintf(what, sizeof(what), "%u %s%s", shown_k, async ? "async" : "outstanding",
			 poke_us ? " (-w)" : "");
		printf("%-18s %6u calls %8.0f set-ups+releases/s  set-up us p50 %7.0f p99 %7.0f "
		       "max %7.0f  release us p50 %7.0f p99 %7.0f\n", what, done,
		       (double)done / secs, pct_us(setup_ns, done, 0.5),
		       pct_us(setup_ns, done, 0.99), pct_us(setup_ns, done, 1.0),
		       pct_us(release_ns, done, 0.5), pct_us(release_ns, done, 0.99));
	}
	free(setup_ns);
	free(release_ns);
	return ok ? 0 : -1;
}

/* ---- held calls (-H): N set up and kept, all checked active, then released ---- */

struct holder {
	pthread_t thread;
	int started;
	unsigned int n, done;
	uint32_t *ids;               /* [n] A's call ids */
	int release;                 /* 0: make the calls, 1: release them */
	int rc;
	uint8_t cause;
};

static void *
holder_main(void *arg)
{
	struct holder *h = arg;
	struct rte_pmd_mcm_call_params p;
	struct rte_pmd_mcm_call_info info;
	unsigned int i;

	call_params(&p, addr_b);
	for (i = 0; i < h->n && !__atomic_load_n(&abort_run, __ATOMIC_RELAXED); i++) {
		if (h->release) {
			h->rc = rte_pmd_mcm_call_release(pa, cla, h->ids[i], 0);
		} else {
			h->rc = rte_pmd_mcm_call_make(pa, cla, &p, &info, &h->cause);
			h->ids[i] = info.call_id;
		}
		if (h->rc != 0) {
			__atomic_store_n(&abort_run, 1, __ATOMIC_RELAXED);
			break;
		}
		h->done++;
	}
	return NULL;
}

/* Run the K holders over @p ids (make or release). @return how many calls went through. */
static unsigned int
holders_run(struct holder *hs, unsigned int k, uint32_t *ids, unsigned int n, int release)
{
	unsigned int i, off = 0, done = 0;

	for (i = 0; i < k; i++) {
		memset(&hs[i], 0, sizeof(hs[i]));
		hs[i].n = n / k + (i < n % k);
		hs[i].ids = ids + off;
		hs[i].release = release;
		off += hs[i].n;
		hs[i].started = pthread_create(&hs[i].thread, NULL, holder_main, &hs[i]) == 0;
		CHECK(hs[i].started, "pthread_create");
	}
	for (i = 0; i < k; i++) {
		if (hs[i].started)
			pthread_join(hs[i].thread, NULL);
		done += hs[i].done;
		CHECK(hs[i].rc == 0, "holder %u: %s failed after %u calls: %d (%s) cause %u", i,
		      release ? "call_release" : "call_make", hs[i].done, hs[i].rc,
		      strerror(-hs[i].rc), hs[i].cause);
	}
	return done;
}

/* Calls of @p port listed in @p state, and how many are listed at all (*@p total). */
static unsigned int
calls_in_state(uint16_t port, unsigned int max, uint8_t state, int *total)
{
	struct rte_pmd_mcm_call_info *l = calloc(max, sizeof(*l));
	unsigned int n = 0;
	int i;

	*total = l != NULL ? rte_pmd_mcm_call_list(port, l, max) : -ENOMEM;
	for (i = 0; i < *total; i++)
		n += l[i].state == state;
	free(l);
	return n;
}

/* Bytes allocated on the EAL heaps, and in use on the libc heap (lib/condis, lib/uni). */
static int64_t
heap_now(int64_t *libc)
{
	struct rte_malloc_socket_stats st;
	struct mallinfo2 mi = mallinfo2();
	unsigned int i;
	int64_t sum = 0;

	for (i = 0; i < rte_socket_count(); i++)
		if (rte_malloc_get_socket_stats(rte_socket_id_by_idx(i), &st) == 0)
			sum += (int64_t)st.heap_allocsz_bytes;
	*libc = (int64_t)(mi.uordblks + mi.hblkhd);
	return sum;
}

static int
run_held(unsigned int n, unsigned int k)
{
	struct holder hs[MAX_K];
	struct answerer an;
	uint32_t *ids = calloc(n, sizeof(*ids));
	uint64_t t0, t1, t2, t3, end, lost_a, lost_b;
	int64_t eal0, libc0, eal1, libc1;
	unsigned int made, released, act_a, act_b;
	int ok = 1, tot_a, tot_b;

	if (ids == NULL) {
		CHECK(0, "out of memory");
		return -1;
	}
	memset(&an, 0, sizeof(an));
	abort_run = 0;
	if (pthread_create(&an.thread, NULL, answerer_main, &an) != 0) {
		CHECK(0, "pthread_create");
		free(ids);
		return -1;
	}
	eal0 = heap_now(&libc0);
	t0 = now_ns();
	made = holders_run(hs, k, ids, n, 0);
	t1 = now_ns();
	/* B is active once CONNECT ACKNOWLEDGE is in: give the last ones a moment */
	end = now_ns() + 5000000000ull;
	do {
		act_a = calls_in_state(pa, n + 16, RTE_PMD_MCM_CALL_ACTIVE, &tot_a);
		act_b = calls_in_state(pb, n + 16, RTE_PMD_MCM_CALL_ACTIVE, &tot_b);
		if (act_b < n)
			sleep_us(20000);
	} while (act_b < n && now_ns() < end);
	eal1 = heap_now(&libc1);
	CHECK(made == n, "%u of %u calls set up", made, n);
	CHECK(act_a == n && tot_a == (int)n, "A: %u of %d calls listed active, %u held", act_a,
	      tot_a, n);
	CHECK(act_b == n && tot_b == (int)n, "B: %u of %d calls listed active, %u held", act_b,
	      tot_b, n);
	if (made != n || act_a != n || act_b != n)
		ok = 0;
	t2 = now_ns();
	released = holders_run(hs, k, ids, made, 1);
	t3 = now_ns();
	end = now_ns() + 5000000000ull;
	while (__atomic_load_n(&an.released, __ATOMIC_RELAXED) < released && now_ns() < end)
		sleep_us(1000);
	__atomic_store_n(&an.stop, 1, __ATOMIC_RELEASE);
	pthread_join(an.thread, NULL);
	lost_a = xstat(pa, "cm_events_lost");
	lost_b = xstat(pb, "cm_events_lost");
	CHECK(released == made, "%u of %u calls released", released, made);
	CHECK(an.answered == n && an.answer_err == 0, "B answered %u of %u, %u answers failed",
	      an.answered, n, an.answer_err);
	CHECK(an.released == released, "B saw %u CALL_RELEASED of %u", an.released, released);
	CHECK(lost_a == 0 && lost_b == 0, "events lost: A %" PRIu64 ", B %" PRIu64, lost_a,
	      lost_b);
	CHECK(count_calls(pa) == 0 && count_calls(pb) == 0, "calls left: A %d, B %d",
	      count_calls(pa), count_calls(pb));
	CHECK(count_vcs(pa) == 0 && count_vcs(pb) == 0, "VCs left: A %u, B %u", count_vcs(pa),
	      count_vcs(pb));
	if (released != made || an.released != released || lost_a || lost_b)
		ok = 0;
	printf("%u calls held (%u outstanding a set-up): set-up %.1f s, %.0f/s; all active on "
	       "both ports; release %.1f s, %.0f/s; heap per call held (both ports): EAL %.0f B, "
	       "libc %.0f B; events lost A %" PRIu64 " B %" PRIu64 "\n", n, k,
	       (double)(t1 - t0) / 1e9, made / ((double)(t1 - t0) / 1e9),
	       (double)(t3 - t2) / 1e9, released / ((double)(t3 - t2) / 1e9),
	       (double)(eal1 - eal0) / n, (double)(libc1 - libc0) / n, lost_a, lost_b);
	free(ids);
	return ok ? 0 : -1;
}

/* -v: the port's non-zero signalling, control and error counters */
static void
xstats_dump(uint16_t port)
{
	struct rte_eth_xstat_name *names;
	struct rte_eth_xstat *xs;
	int n = rte_eth_xstats_get(port, NULL, 0), i;

	if (n <= 0)
		return;
	names = calloc((size_t)n, sizeof(*names));
	xs = calloc((size_t)n, sizeof(*xs));
	if (names != NULL && xs != NULL && rte_eth_xstats_get_names(port, names, n) == n &&
	    rte_eth_xstats_get(port, xs, n) == n)
		for (i = 0; i < n; i++)
			if (xs[i].value != 0 && (strstr(names[i].name, "sig") != NULL ||
						 strstr(names[i].name, "ctrl") != NULL ||
						 strstr(names[i].name, "drop") != NULL ||
						 strstr(names[i].name, "err") != NULL))
				printf("  port %u %s: %" PRIu64 "\n", port, names[i].name,
				       xs[i].value);
	free(names);
	free(xs);
}

/* ---- mempools: every pool's in-use count, before and after ---- */

struct pool_count {
	unsigned int n;
	char name[MAX_POOLS][RTE_MEMPOOL_NAMESIZE];
	unsigned int in_use[MAX_POOLS];
};

static void
pool_walk(struct rte_mempool *m, void *arg)
{
	struct pool_count *pc = arg;

	if (pc->n >= MAX_POOLS)
		return;
	snprintf(pc->name[pc->n], RTE_MEMPOOL_NAMESIZE, "%s", m->name);
	pc->in_use[pc->n] = rte_mempool_in_use_count(m);
	pc->n++;
}

/* Pools whose in-use count differs from @p base (0: none). */
static unsigned int
pool_diff(const struct pool_count *base, const struct pool_count *now, int print)
{
	unsigned int i, j, bad = 0;

	for (i = 0; i < base->n; i++)
		for (j = 0; j < now->n; j++)
			if (strcmp(base->name[i], now->name[j]) == 0 &&
			    base->in_use[i] != now->in_use[j]) {
				bad++;
				if (print)
					printf("  mempool %s: %u in use, baseline %u\n",
					       base->name[i], now->in_use[j], base->in_use[i]);
			}
	return bad;
}

/* ---- set-up ---- */

static void
usage(void)
{
	printf("usage: bench_calls [-n CALLS] [-k OUTSTANDING] [-a OUTSTANDING] [-w USEC] "
	       "[-H HELD] [-v]\n"
	       "  -n  calls to make and release (default 5000)\n"
	       "  -k  calls outstanding in the second run (default 8; 1: one run only)\n"
	       "  -a  a third run: that many calls outstanding from one thread, made and\n"
	       "      released with the asynchronous calls (default 0: none; at most 1024)\n"
	       "  -w  poke both control threads every USEC us (diagnostic)\n"
	       "  -H  instead: set up HELD calls (K at a time), hold them all, release them\n");
}

int
main(int argc, char **argv)
{
	struct pool_count base, after;
	unsigned int n = 5000, k = 8, poke_us = 0, held = 0, async_k = 0, i;
	static char extra[48];
	uint16_t mem0 = RTE_MAX_ETHPORTS, mem1 = RTE_MAX_ETHPORTS;
	uint32_t sap_id = 0;
	int rc, opt, failed = 0, opt_verbose = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((opt = getopt(argc, argv, "n:k:a:w:H:vh")) != -1) {
		switch (opt) {
		case 'a':
			async_k = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'n':
			n = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'k':
			k = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'w':
			poke_us = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'H':
			held = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'v':
			opt_verbose = 1;
			break;
		default:
			usage();
			return opt == 'h' ? 0 : 2;
		}
	}
	if (n == 0 || k == 0 || k > MAX_K || async_k > MAX_ASYNC ||
	    held > (1u << 20) - 1024) {
		usage();
		return 2;
	}
	if (held > 0) {   /* room for the calls held, and their per-VC state */
		snprintf(extra, sizeof(extra), ",max_vcs=%u", held + 1024);
		ports_extra = extra;
		eal_mem = held > 200000 ? "4096" : "2048";
	}
	if (calls_eal_init(argv[0], "mcm-bench-calls", "0") != 0 ||
	    make_memif_mcm_ports("mcm-bench-calls", &mem0, &mem1) != 0) {
		printf("FAIL: no ports\n");
		return test_summary() | 1;
	}
	verbose |= opt_verbose;
	rc = calls_ports_start();
	if (rc < 0)
		return test_summary() | 1;
	if (rc > 0) {
		failed = 1;
		goto out;
	}
	sap_id = sap_add_b(addr_b);
	if (sap_id == 0) {
		failed = 1;
		goto out;
	}
	/* a few calls first: the first call's records and the memif rings are warm after */
	if (run(RTE_MIN(n, 20u), 1, poke_us, 0, !verbose) != 0) {
		failed = 1;
		goto out;
	}
	sleep_us(100000);
	memset(&base, 0, sizeof(base));
	rte_mempool_walk(pool_walk, &base);
	if (held > 0) {
		if (run_held(held, k) != 0)
			failed = 1;
	} else {
		printf("%u calls user -> network, memif pair, one EAL lcore, control threads on "
		       "the other CPU\n", n);
		if (run(n, 1, poke_us, 0, 0) != 0)
			failed = 1;
		if (!failed && k > 1 && run(n, k, poke_us, 0, 0) != 0)
			failed = 1;
		if (!failed && async_k > 0 && run(n, async_k, poke_us, 1, 0) != 0)
			failed = 1;
	}
	/* SSCOP keep-alives (POLL/STAT) may be in flight: give them a moment to settle */
	for (i = 0; i < 100; i++) {
		memset(&after, 0, sizeof(after));
		rte_mempool_walk(pool_walk, &after);
		if (pool_diff(&base, &after, 0) == 0)
			break;
		sleep_us(10000);
	}
	CHECK(pool_diff(&base, &after, 1) == 0, "mempool in-use count not back to baseline");
	if (verbose) {
		for (i = 0; i < after.n; i++)
			printf("  mempool %s: %u in use\n", after.name[i], after.in_use[i]);
		xstats_dump(pa);
		xstats_dump(pb);
	}
	CHECK(rte_pmd_mcm_sap_deregister(pb, clb, sap_id) == 0, "SAP deregister");
out:
	CHECK(rte_pmd_mcm_client_close(pa, cla) == 0, "close client on A");
	CHECK(rte_pmd_mcm_client_close(pb, clb) == 0, "close client on B");
	calls_close_ports(mem0, mem1);
	calls_finish();
	rc = test_summary();
	return failed ? 1 : rc;
}
