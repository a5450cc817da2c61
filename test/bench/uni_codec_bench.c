/* SPDX-License-Identifier: BSD-3-Clause
 * UNI message codec benchmark: encode and decode rates per message type, for the message
 * with mandatory IEs only and for the rich one (every IE the type may carry).
 * Usage: uni_codec_bench [seconds-per-measurement, default 0.2]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mcm_uni_msg.h"
#include "uni_codec_samples.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static volatile int sink;

/* Run encode (what = 0) or decode (what = 1) for about @p secs; messages per second. */
static double
measure(const struct mcm_uni_msg *m, const uint8_t *wire, size_t wlen, int what, double secs)
{
	static uint8_t buf[4096];
	struct mcm_uni_msg d;
	struct mcm_uni_decode_report rep;
	unsigned long iters = 0, batch = 256, i;
	double t0 = now(), t;

	do {
		for (i = 0; i < batch; i++) {
			if (what == 0)
				sink += mcm_uni_msg_encode(m, buf, sizeof(buf));
			else
				sink += mcm_uni_msg_decode(wire, wlen, &d, &rep) + rep.verdict;
		}
		iters += batch;
		t = now() - t0;
	} while (t < secs);
	return (double)iters / t;
}

int
main(int argc, char **argv)
{
	double secs = argc > 1 ? atof(argv[1]) : 0.2;
	double tot_enc = 0, tot_dec = 0;
	int t, v, count = 0;

	if (secs <= 0)
		secs = 0.2;
	printf("%-24s %-5s %6s %14s %14s %10s %10s\n", "message", "IEs", "bytes", "encode msg/s",
	       "decode msg/s", "enc ns", "dec ns");
	for (t = 0; t < SAMPLE_N_TYPES; t++) {
		for (v = 0; v <= 1; v++) {
			struct mcm_uni_msg m;
			uint8_t wire[4096];
			int n;
			double e, d;

			sample_msg(&m, sample_types[t], v);
			n = mcm_uni_msg_encode(&m, wire, sizeof(wire));
			if (n < 0) {
				fprintf(stderr, "encode failed for 0x%02x\n", sample_types[t]);
				return 1;
			}
			e = measure(&m, wire, (size_t)n, 0, secs);
			d = measure(&m, wire, (size_t)n, 1, secs);
			printf("%-24s %-5s %6d %14.0f %14.0f %10.1f %10.1f\n",
			       mcm_uni_msg_name(sample_types[t]), v ? "all" : "mand", n, e, d,
			       1e9 / e, 1e9 / d);
			tot_enc += e;
			tot_dec += d;
			count++;
		}
	}
	printf("mean over %d messages: encode %.0f msg/s, decode %.0f msg/s\n", count,
	       tot_enc / count, tot_dec / count);
	return 0;
}
