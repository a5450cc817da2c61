/* SPDX-License-Identifier: BSD-3-Clause
 * Benchmark of the UNI call control: complete call set-ups plus releases per second between
 * a user and a network instance in memory (SETUP, CALL PROCEEDING, CONNECT, CONNECT
 * ACKNOWLEDGE, RELEASE, RELEASE COMPLETE, all encoded and decoded), and bytes of state per
 * call.
 */
#include <stdio.h>
#include <time.h>

#include "uni_harness.h"

static double
secs(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static uint32_t cur_batch;

static void
tune(struct mcm_uni_params *p)
{
	p->max_pending_setups = cur_batch;
}

static void
run(const char *what, uint32_t batch, uint32_t total)
{
	struct h_ep usr, net;
	struct mcm_uni_msg m;
	struct timespec t0, t1;
	uint32_t *calls = malloc(sizeof(*calls) * batch);
	uint32_t done = 0, i;
	uint64_t msgs;

	cur_batch = batch;
	h_init(&usr, "user", MCM_UNI_SIDE_USER, batch, tune);
	h_init(&net, "network", MCM_UNI_SIDE_NETWORK, batch, tune);
	h_link_up(&usr, &net, 0);
	net.answer = H_ANS_CONNECT;
	h_setup_msg(&m, false);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (done < total) {
		for (i = 0; i < batch; i++)
			mcm_uni_setup_request(usr.u, &m, &calls[i], 0);
		h_pump(&usr, &net, 0);
		for (i = 0; i < batch; i++)
			mcm_uni_release_request(usr.u, calls[i], 16, 0);
		h_pump(&usr, &net, 0);
		done += batch;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	msgs = usr.sent + net.sent;
	if (usr.count[MCM_UNI_EV_CONNECTED] != done || usr.count[MCM_UNI_EV_RELEASED] != done) {
		fprintf(stderr, "%s: %u calls connected, %u released of %u\n", what,
			usr.count[MCM_UNI_EV_CONNECTED], usr.count[MCM_UNI_EV_RELEASED], done);
		exit(1);
	}
	printf("%-28s %8u calls  %10.0f set-ups+releases/s  %10.0f messages/s\n", what, done,
	       done / secs(&t0, &t1), msgs / secs(&t0, &t1));
	h_fini(&usr);
	h_fini(&net);
	free(calls);
}

int
main(void)
{
	struct h_ep e;

	run("one call at a time", 1, 200000);
	run("batches of 256 calls", 256, 200000);
	run("batches of 4096 calls", 4096, 204800);
	h_init(&e, "user", MCM_UNI_SIDE_USER, 100000, NULL);
	printf("state per call slot: %zu bytes (call record, hashes, timers); instance with "
	       "100000 calls: %zu bytes (%.0f bytes per call incl. SETUP buffers)\n",
	       mcm_uni_bytes_per_call(), mcm_uni_memory(e.u),
	       (double)mcm_uni_memory(e.u) / 100000.0);
	h_fini(&e);
	return 0;
}
