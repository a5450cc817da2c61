/* SPDX-License-Identifier: BSD-3-Clause
 * Tests of the UNI call control (lib/uni/call): scale: 10,000 calls in a loop with no
 * allocation (malloc, calloc and realloc counted with --wrap) and unchanged pool usage;
 * 100,000 simultaneous calls on each instance, a SAAL bounce with all of them surviving, then
 * their release.
 */
#include <time.h>

#include "uni_call_test.h"

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

int
main(void)
{
	test_loop_no_growth();
	test_100k();
	return test_summary();
}
