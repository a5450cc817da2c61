/* SPDX-License-Identifier: BSD-3-Clause
 * lib/atm benchmark: AAL5 segmentation and reassembly rates for 64- and 1500-byte SDUs,
 * separately and together, and the CRC-32 rate. Prints figures; asserts nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mcm_aal5.h"

#define MAX_CELLS_PDU 32

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Keep the compiler from dropping work whose result is not otherwise used. */
static volatile uint32_t sink;

enum mode { SEG, REASM, BOTH };

static void
run(enum mode mode, uint32_t sdu_len, double min_time)
{
	static const char *const names[] = { "segment", "reassemble", "seg+reasm" };
	static uint8_t sdu[2048], cells[MAX_CELLS_PDU * MCM_ATM_CELL_LEN], rbuf[2048];
	struct mcm_aal5_reasm r = { .buf = rbuf, .cap = sizeof(rbuf) };
	struct mcm_iov iov = { sdu, sdu_len };
	struct mcm_aal5_seg s;
	uint32_t ncells = mcm_aal5_ncells(sdu_len), i, out_len = 0;
	uint64_t pdus = 0, batch = 10000, k;
	double t0, t = 0;

	for (i = 0; i < sdu_len; i++)
		sdu[i] = (uint8_t)(i * 7);
	/* cells for the reassembly-only run */
	mcm_aal5_seg_init(&s, &iov, 1, mcm_atm_cell_hdr_word(0, 32, 0, 0), 0, 0);
	mcm_aal5_seg_emit(&s, cells, MAX_CELLS_PDU);
	t0 = now_s();
	do {
		for (k = 0; k < batch; k++) {
			if (mode != REASM) {
				sdu[0] = (uint8_t)k;
				mcm_aal5_seg_init(&s, &iov, 1,
						  mcm_atm_cell_hdr_word(0, 32, 0, 0), 0, 0);
				mcm_aal5_seg_emit(&s, cells, MAX_CELLS_PDU);
			}
			if (mode != SEG) {
				for (i = 0; i < ncells; i++) {
					const uint8_t *c = cells + i * MCM_ATM_CELL_LEN;

					if (mcm_aal5_reasm_cell(&r, c + MCM_ATM_CELL_HDR_LEN,
								c[3] & 2, &out_len) <
					    MCM_AAL5_MORE)
						out_len = 0;
				}
			}
			sink += cells[MCM_ATM_CELL_HDR_LEN] + out_len;
		}
		pdus += batch;
		t = now_s() - t0;
	} while (t < min_time);
	printf("%-10s SDU %4u B: %7.3f Mpdu/s %7.2f Mcells/s %6.2f Gbit/s of SDU\n",
	       names[mode], sdu_len, (double)pdus / t / 1e6,
	       (double)pdus * ncells / t / 1e6, (double)pdus * sdu_len * 8 / t / 1e9);
}

static void
crc_rate(uint32_t len, double min_time)
{
	static uint8_t buf[9216];
	uint64_t n = 0, k;
	double t0 = now_s(), t;
	uint32_t c = 0;

	do {
		for (k = 0; k < 10000; k++)
			c = mcm_aal5_crc(c, buf, len);
		n += 10000;
		t = now_s() - t0;
	} while (t < min_time);
	sink += c;
	printf("crc32      %4u B: %6.2f GB/s\n", len, (double)n * len / t / 1e9);
}

int
main(int argc, char **argv)
{
	double min_time = argc > 1 ? atof(argv[1]) : 0.5;
	static const uint32_t sizes[] = { 64, 1500 };
	unsigned int i;
	int m;

	for (i = 0; i < 2; i++)
		for (m = SEG; m <= BOTH; m++)
			run((enum mode)m, sizes[i], min_time);
	crc_rate(64, min_time);
	crc_rate(1500, min_time);
	return 0;
}
