/* SPDX-License-Identifier: BSD-3-Clause
 * SSCOP benchmark: messages per second through a back-to-back pair (virtual clock, in
 * memory) without loss and with 5 % PDU loss, and bytes of memory per instance.
 */
#include <inttypes.h>
#include <stdio.h>
#include <time.h>

#include "b2b.h"

static double
wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void
run(double loss, size_t msg_len, uint64_t msgs, uint64_t t_poll)
{
	struct mcm_sscop_params p;
	struct b2b b;
	uint64_t sent = 0;
	double t0, t1;

	mcm_sscop_params_default(&p);
	p.rx_window = 256;
	p.max_queue = 4096;
	if (t_poll)
		p.t_poll = t_poll;
	b2b_init(&b, &p, 42);
	b.cfg.loss = loss;
	b.cfg.delay = 100000; /* 100 us one way */
	mcm_sscop_establish_req(b.e[0].s, b.now, NULL, 0, true);
	b2b_run_until(&b, b.now + 10 * B2B_MS);
	t0 = wall();
	while (b.e[1].delivered < msgs) {
		uint32_t txq;

		mcm_sscop_queue_lens(b.e[0].s, &txq, NULL, NULL);
		while (sent < msgs && txq < 512 &&
		       mcm_sscop_state(b.e[0].s) == MCM_SSCOP_S_READY) {
			if (b2b_submit(&b, 0, msg_len - 8) != 0)
				break;
			sent++;
			txq++;
		}
		b2b_run_until(&b, b.now + 50000);
		if (b.now > 1000000 * B2B_MS)
			break;
	}
	t1 = wall();
	printf("loss %4.1f%% %4zu-octet msgs, Timer_POLL %4.0f ms: %7" PRIu64 " delivered, "
	       "CPU %9.0f msg/s (%.3f s wall); %8.0f msg/s in virtual time (%.1f s); "
	       "%" PRIu64 " PDUs, %" PRIu64 " resets\n", loss * 100, msg_len, p.t_poll / 1e6,
	       b.e[1].delivered, b.e[1].delivered / (t1 - t0), t1 - t0,
	       b.e[1].delivered / (b.now / 1e9), b.now / 1e9, b.pkts, (uint64_t)b.e[1].disc);
	b2b_fini(&b);
}

int
main(void)
{
	struct mcm_sscop_params p;
	struct b2b b;

	printf("back-to-back pair, 100 us one-way delay, window 256, virtual clock\n");
	run(0, 64, 1000000, 0);
	run(0, 1024, 300000, 0);
	run(0.05, 64, 50000, 0);
	run(0.05, 1024, 50000, 0);
	run(0.05, 64, 50000, 100 * B2B_MS);

	mcm_sscop_params_default(&p);
	b2b_init(&b, &p, 1);
	printf("memory per instance (default parameters, idle): %zu bytes\n",
	       mcm_sscop_memory(b.e[0].s));
	mcm_sscop_establish_req(b.e[0].s, b.now, NULL, 0, true);
	b2b_run_until(&b, b.now + 10 * B2B_MS);
	printf("memory per instance (connected, queues empty): %zu bytes\n",
	       mcm_sscop_memory(b.e[0].s));
	b2b_fini(&b);
	return 0;
}
