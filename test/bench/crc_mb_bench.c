/* SPDX-License-Identifier: BSD-3-Clause
 * Benchmark of the multi-buffer AAL5 CRC-32 registers (lib/atm mcm_crc_mb.h): ns per buffer
 * for a burst of 32 independent buffers, all of 96 bytes (64-byte frames), all of 1,536
 * (1,500-byte frames), and a mix, for
 *   (a) ISA-L crc32_ieee one buffer after another,
 *   (b) mcm_crc_mb_regs with the best implementation (pclmul on x86-64),
 *   (c) mcm_crc_mb_regs with the portable implementation forced (ISA-L per buffer),
 *   (d) mcm_crc_mb_regs with the SSE "pclmul" implementation forced (if the CPU has it),
 *   (e) ISA-L's SSE code crc32_ieee_01 one by one (x86-64): what crc32_ieee dispatches to
 *       on a CPU without AVX-512 VPCLMULQDQ, to compare (d) with.
 * The buffers of a burst are independent, so this is throughput, as on a driver burst, not
 * the latency of one CRC. Then the same for every equal length from 16 to 1,536 bytes, to
 * see where the threshold to ISA-L lies. Buffers in cache, one core. Asserts nothing but
 * that the three agree.
 * Usage: crc_mb_bench [seconds per measurement, default 0.05]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <isa-l/crc.h>

#include "mcm_crc_mb.h"

#define BURST MCM_CRC_MB_MAX
#define MAX_LEN 1536
#define REPEAT 5        /* best of: the machine is shared */

static uint8_t data[BURST][MAX_LEN + 64];
static const uint8_t *buf[BURST];
static uint32_t len[BURST];
/* Keep the compiler from dropping work whose result is not otherwise used. */
static volatile uint32_t sink;

enum mode { ISAL, MB_BEST, MB_PORTABLE, MB_PCLMUL, ISAL_SSE, NMODES };

#if defined(__x86_64__)
/* exported by ISA-L but not in its header: its PCLMULQDQ (SSE) version */
uint32_t crc32_ieee_01(uint32_t init_crc, const unsigned char *buf, uint64_t len);
#endif

/* Select the implementation of @p mode; @return 0, or -1 if this CPU lacks it. */
static int
select_mode(enum mode mode)
{
	mcm_crc_mb_force_portable(mode == MB_PORTABLE);
	if (mode == MB_PCLMUL)
		return mcm_crc_mb_force_impl("pclmul");
#if !defined(__x86_64__)
	if (mode == ISAL_SSE)
		return -1;
#endif
	return 0;
}

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* One burst. */
static inline void
burst(enum mode mode, uint32_t *reg)
{
	unsigned int i;

	if (mode == ISAL) {
		for (i = 0; i < BURST; i++)
			reg[i] = ~crc32_ieee(0, buf[i], len[i]);
		return;
	}
#if defined(__x86_64__)
	if (mode == ISAL_SSE) {
		for (i = 0; i < BURST; i++)
			reg[i] = ~crc32_ieee_01(0, buf[i], len[i]);
		return;
	}
#endif
	mcm_crc_mb_regs(buf, len, reg, BURST);
}

/* ns per buffer, the best of REPEAT runs of at least @p min_ns each. */
static double
measure(enum mode mode, double min_ns)
{
	uint32_t reg[BURST];
	double best = 1e30;
	int r;

	if (select_mode(mode) != 0)
		return 0;
	for (r = 0; r < REPEAT; r++) {
		uint64_t bursts = 0, k;
		double t0 = now_ns(), t;

		do {
			for (k = 0; k < 1000; k++) {
				burst(mode, reg);
				sink += reg[k % BURST];
			}
			bursts += 1000;
			t = now_ns() - t0;
		} while (t < min_ns);
		if (t / (double)(bursts * BURST) < best)
			best = t / (double)(bursts * BURST);
	}
	mcm_crc_mb_force_portable(false);
	return best;
}

/* The three must agree before anything is timed. @return 0, or -1 if not. */
static int
agree(void)
{
	uint32_t reg[NMODES][BURST];
	unsigned int i;
	int m;

	for (m = ISAL; m < NMODES; m++) {
		if (select_mode((enum mode)m) != 0) {
			memcpy(reg[m], reg[ISAL], sizeof(reg[m]));
			continue;
		}
		burst((enum mode)m, reg[m]);
	}
	mcm_crc_mb_force_portable(false);
	for (i = 0; i < BURST; i++) {
		for (m = MB_BEST; m < NMODES; m++) {
			if (reg[m][i] != reg[ISAL][i]) {
				fprintf(stderr, "CRC mismatch, buffer %u (%u B), mode %d: %08x, "
					"ISA-L %08x\n", i, len[i], m, reg[m][i], reg[ISAL][i]);
				return -1;
			}
		}
	}
	return 0;
}

/* Measure the current burst; @return 0, or -1 if the implementations disagree. */
static int
run(const char *name, double min_ns, int verbose)
{
	static const char *const names[] = {
		"(a) ISA-L one by one", "(b) mcm_crc_mb_regs best", "(c) portable",
		"(d) mcm_crc_mb_regs pclmul", "(e) ISA-L SSE crc32_ieee_01",
	};
	double ns[NMODES], bytes = 0;
	unsigned int i;
	int m;

	if (agree() != 0)
		return -1;
	for (i = 0; i < BURST; i++)
		bytes += len[i];
	bytes /= BURST;
	for (m = ISAL; m < NMODES; m++)
		ns[m] = measure((enum mode)m, min_ns);
	if (verbose) {
		printf("%s (mean %.0f B):\n", name, bytes);
		for (m = ISAL; m < NMODES; m++)
			if (ns[m] > 0)
				printf("  %-30s %7.2f ns/buffer %6.2f B/ns\n", names[m], ns[m],
				       bytes / ns[m]);
		printf("  ratio (b)/(a): %.2f  (below 1: multi-buffer is faster)\n",
		       ns[MB_BEST] / ns[ISAL]);
		if (ns[MB_PCLMUL] > 0 && ns[ISAL_SSE] > 0)
			printf("  ratio (d)/(e): %.2f\n", ns[MB_PCLMUL] / ns[ISAL_SSE]);
	} else {
		printf("  %4.0f B: (a) %6.2f (b) %6.2f (c) %6.2f (d) %6.2f (e) %6.2f ns/buffer,"
		       " (b)/(a) %.2f\n", bytes, ns[ISAL], ns[MB_BEST], ns[MB_PORTABLE],
		       ns[MB_PCLMUL], ns[ISAL_SSE], ns[MB_BEST] / ns[ISAL]);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	/* an IMIX-like burst: 64-, 576- and 1,500-byte frames, 7:4:1, as PDUs */
	static const uint32_t mix[12] = { 96, 624, 96, 96, 1536, 624, 96, 96, 624, 96, 624, 96 };
	double min_ns = (argc > 1 ? atof(argv[1]) : 0.05) * 1e9;
	unsigned int i, j;
	uint32_t l;

	for (i = 0; i < BURST; i++) {
		for (j = 0; j < sizeof(data[i]); j++)
			data[i][j] = (uint8_t)(i * 31 + j * 7 + 1);
		/* odd alignments, as in mbufs after headers */
		buf[i] = data[i] + (i * 5) % 16;
	}
	printf("implementation: %s, burst of %u buffers\n", mcm_crc_mb_impl(), BURST);
	for (i = 0; i < BURST; i++)
		len[i] = 96;
	if (run("32 x 96 B", min_ns, 1) != 0)
		return 1;
	for (i = 0; i < BURST; i++)
		len[i] = 1536;
	if (run("32 x 1536 B", min_ns, 1) != 0)
		return 1;
	for (i = 0; i < BURST; i++)
		len[i] = mix[i % 12];
	if (run("mix 96/624/1536 B, 7:4:1 (IMIX-like)", min_ns, 1) != 0)
		return 1;
	for (i = 0; i < BURST; i++)
		len[i] = i % 2 ? 96 : 1536;
	if (run("mix 96/1536 B, 1:1", min_ns, 1) != 0)
		return 1;
	printf("equal lengths:\n");
	for (l = 16; l <= MAX_LEN; l += l < 512 ? 16 : 256) {
		for (i = 0; i < BURST; i++)
			len[i] = l;
		if (run("", min_ns / 2, 0) != 0)
			return 1;
	}
	return 0;
}
