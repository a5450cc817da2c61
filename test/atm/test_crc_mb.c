/* SPDX-License-Identifier: BSD-3-Clause
 * lib/atm unit test: multi-buffer AAL5 CRC-32 registers (mcm_crc_mb.h), bit-exact against
 * ISA-L crc32_ieee for 1..32 buffers of random, equal and mixed lengths at random
 * alignments, in both implementations, which must also agree with each other; a known
 * answer; the AAL5 residue over PDUs from mcm_aal5_pdu_finish().
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <isa-l/crc.h>

#include "mcm_aal5.h"
#include "mcm_crc_mb.h"
#include "mcm_check.h"
#include "mcm_crc_ref.h"

#define MAX_LEN 2048
#define ROUNDS 300
#define SENTINEL 0x5a5a5a5au

static uint64_t rng = 0x9e3779b97f4a7c15ull;

/* xorshift64: reproducible data, no libc state */
static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

/* Independent reference (mcm_crc_ref.h). */
static uint32_t
ref_reg(const uint8_t *p, size_t len)
{
	return mcm_test_crc32_reg(p, len);
}

/* One batch of buffers, each in its own allocation of exactly offset + len bytes, so
 * that ASan reports any read past a buffer's end.
 */
struct batch {
	uint8_t *mem[MCM_CRC_MB_MAX + 8];
	const uint8_t *buf[MCM_CRC_MB_MAX + 8];
	uint32_t len[MCM_CRC_MB_MAX + 8];
	unsigned int n;
};

static void
batch_make(struct batch *b, const uint32_t *len, unsigned int n)
{
	unsigned int i, j;

	b->n = n;
	for (i = 0; i < n; i++) {
		uint32_t off = rnd() % 16;

		b->len[i] = len[i];
		b->mem[i] = malloc(off + len[i] + 1);
		if (b->mem[i] == NULL)
			abort();
		for (j = 0; j < off + len[i]; j++)
			b->mem[i][j] = (uint8_t)rnd();
		b->buf[i] = b->mem[i] + off;
		/* the API allows NULL for an empty buffer */
		if (len[i] == 0 && (rnd() & 1))
			b->buf[i] = NULL;
	}
}

static void
batch_free(struct batch *b)
{
	unsigned int i;

	for (i = 0; i < b->n; i++)
		free(b->mem[i]);
}

/* The implementations, best first; those the CPU lacks are skipped. */
static const char *const impls[] = { "vpclmul", "pclmul", "portable" };
#define NIMPL 3

/*
 * Every implementation on a batch: each register against ISA-L, all of them against each
 * other, and nothing written past reg[n - 1].
 */
static void
check_batch(const char *what, const uint32_t *len, unsigned int n)
{
	uint32_t reg[NIMPL][MCM_CRC_MB_MAX + 9];
	struct batch b;
	bool done[NIMPL] = { false };
	unsigned int i, impl;

	batch_make(&b, len, n);
	for (impl = 0; impl < NIMPL; impl++) {
		if (mcm_crc_mb_force_impl(impls[impl]) != 0)
			continue;
		for (i = 0; i <= n; i++)
			reg[impl][i] = SENTINEL;
		mcm_crc_mb_regs(b.buf, b.len, reg[impl], n);
		CHECK(reg[impl][n] == SENTINEL, "%s n=%u impl %s: wrote past reg[n-1]", what, n,
		      impls[impl]);
		for (i = 0; i < n; i++) {
			uint32_t want = len[i] == 0 ? 0xffffffffu :
				~crc32_ieee(0, b.buf[i], len[i]);

			CHECK(reg[impl][i] == want, "%s n=%u impl %s: buffer %u len %u: %08x, "
			      "ISA-L %08x", what, n, impls[impl], i, len[i], reg[impl][i], want);
		}
		done[impl] = true;
	}
	CHECK(done[NIMPL - 1], "%s: portable did not run", what);
	/* each SIMD implementation against the portable one, register by register */
	for (impl = 0; impl + 1 < NIMPL; impl++)
		for (i = 0; i < n && done[impl] && done[NIMPL - 1]; i++)
			CHECK(reg[impl][i] == reg[NIMPL - 1][i], "%s n=%u buffer %u: %s %08x, "
			      "portable %08x", what, n, i, impls[impl], reg[impl][i],
			      reg[NIMPL - 1][i]);
	mcm_crc_mb_force_portable(false);
	batch_free(&b);
}

/* n = 1..32 with every kind of length mix. */
static void
test_batches(void)
{
	uint32_t len[MCM_CRC_MB_MAX + 8];
	unsigned int n, i, r;

	for (r = 0; r < ROUNDS; r++) {
		n = 1 + r % MCM_CRC_MB_MAX;
		/* random multiples of 16 from 0 to 2,048 */
		for (i = 0; i < n; i++)
			len[i] = 16 * (rnd() % (MAX_LEN / 16 + 1));
		check_batch("random", len, n);
		/* short ones (0..256) only: all in lanes, unequal ends, refills */
		for (i = 0; i < n; i++)
			len[i] = 16 * (rnd() % 17);
		check_batch("short", len, n);
		/* mix of short and long, in a random order */
		for (i = 0; i < n; i++)
			len[i] = (rnd() & 1) ? 96 : (rnd() & 1) ? 1536 : 16 * (1 + rnd() % 128);
		check_batch("mix", len, n);
	}
	for (n = 1; n <= MCM_CRC_MB_MAX; n++) {
		for (i = 0; i < n; i++)
			len[i] = 96;
		check_batch("all 96", len, n);
		for (i = 0; i < n; i++)
			len[i] = 1536;
		check_batch("all 1536", len, n);
		/* one long buffer among short ones: a lane ends long after the others */
		for (i = 0; i < n; i++)
			len[i] = i == n / 2 ? 496 : 16;
		check_batch("one long", len, n);
		/* lengths around the ISA-L threshold, both sides */
		for (i = 0; i < n; i++)
			len[i] = 16 * (24 + i % 16);
		check_batch("threshold", len, n);
		for (i = 0; i < n; i++)
			len[i] = i % 3 == 0 ? 0 : 16;
		check_batch("empty", len, n);
	}
	/* more than MCM_CRC_MB_MAX: done a batch at a time */
	for (i = 0; i < MCM_CRC_MB_MAX + 7; i++)
		len[i] = 16 * (rnd() % 20);
	check_batch("over max", len, MCM_CRC_MB_MAX + 7);
}

/* The bit-by-bit reference agrees with ISA-L's convention (the test's premise). */
static void
test_reference(void)
{
	static const char check[] = "123456789";
	uint8_t buf[256];
	unsigned int i, len;

	/* the CRC-32/MPEG-2 register of "123456789" (preset ones, no inversion) */
	CHECK(ref_reg((const uint8_t *)check, 9) == 0x0376e6e7u, "reference %08x",
	      ref_reg((const uint8_t *)check, 9));
	CHECK(~crc32_ieee(0, (const uint8_t *)check, 9) == 0x0376e6e7u, "ISA-L %08x",
	      ~crc32_ieee(0, (const uint8_t *)check, 9));
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)rnd();
	for (len = 0; len <= sizeof(buf); len += 16) {
		const uint8_t *p = buf;
		uint32_t reg;

		mcm_crc_mb_regs(&p, &len, &reg, 1);
		CHECK(reg == ref_reg(buf, len), "len %u: %08x, bit by bit %08x", len, reg,
		      ref_reg(buf, len));
	}
}

/* A fixed 96-byte buffer (bytes 0, 1, ..., 95) and a burst of AAL5 PDUs. */
static void
test_known_answers(void)
{
	/*
	 * The register of bytes 0..95, computed once with ISA-L as ~crc32_ieee(0, buf, 96)
	 * (crc32_ieee gave 0x862558c0) and written here as a literal.
	 */
	const uint32_t known = 0x79daa73fu;
	uint8_t fixed[96], pdu[MCM_CRC_MB_MAX][96];
	const uint8_t *buf[MCM_CRC_MB_MAX];
	uint32_t len[MCM_CRC_MB_MAX], reg[MCM_CRC_MB_MAX];
	unsigned int i, j, impl, r;

	for (i = 0; i < sizeof(fixed); i++)
		fixed[i] = (uint8_t)i;
	for (impl = 0; impl < NIMPL; impl++) {
		if (mcm_crc_mb_force_impl(impls[impl]) != 0)
			continue;
		buf[0] = fixed;
		len[0] = sizeof(fixed);
		mcm_crc_mb_regs(buf, len, reg, 1);
		CHECK(reg[0] == known, "%s: fixed 96 bytes %08x, want %08x", mcm_crc_mb_impl(),
		      reg[0], known);
		/*
		 * I.363.5 9.2.2.4: over a whole PDU with its CRC field the register is the
		 * CRC-32 residue 0xC704DD7B, whatever the PDU: SDUs of 41..88 bytes make
		 * 96-byte (two-cell) PDUs.
		 */
		for (r = 0; r < 20; r++) {
			for (i = 0; i < MCM_CRC_MB_MAX; i++) {
				uint32_t sdu = 41 + rnd() % 48;

				for (j = 0; j < sdu; j++)
					pdu[i][j] = (uint8_t)rnd();
				len[i] = mcm_aal5_pdu_finish(pdu[i], sdu, (uint8_t)rnd(), 0);
				CHECK(len[i] == 96, "SDU %u: PDU %u bytes", sdu, len[i]);
				buf[i] = pdu[i];
			}
			mcm_crc_mb_regs(buf, len, reg, MCM_CRC_MB_MAX);
			for (i = 0; i < MCM_CRC_MB_MAX; i++)
				CHECK(reg[i] == 0xc704dd7bu, "%s: PDU %u residue %08x",
				      mcm_crc_mb_impl(), i, reg[i]);
			/* a corrupted bit must move it */
			pdu[r % MCM_CRC_MB_MAX][rnd() % 96] ^= (uint8_t)(1u << (rnd() % 8));
			mcm_crc_mb_regs(buf, len, reg, MCM_CRC_MB_MAX);
			CHECK(reg[r % MCM_CRC_MB_MAX] != 0xc704dd7bu, "%s: corrupted PDU passes",
			      mcm_crc_mb_impl());
		}
	}
	mcm_crc_mb_force_portable(false);
	CHECK(MCM_CRC_MB_AAL5_RESIDUE == 0xc704dd7bu, "residue constant %08x",
	      MCM_CRC_MB_AAL5_RESIDUE);
}

int
main(void)
{
	const char *best = mcm_crc_mb_impl();

	mcm_crc_mb_force_portable(true);
	CHECK(strcmp(mcm_crc_mb_impl(), "portable") == 0, "forced: %s", mcm_crc_mb_impl());
	mcm_crc_mb_force_portable(false);
	CHECK(strcmp(mcm_crc_mb_impl(), best) == 0, "restored: %s", mcm_crc_mb_impl());
	CHECK(mcm_crc_mb_force_impl("portable") == 0, "portable refused");
	CHECK(mcm_crc_mb_force_impl("nonsense") == -1, "nonsense accepted");
	mcm_crc_mb_force_portable(false);
#if defined(__x86_64__)
	if (__builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1") &&
	    __builtin_cpu_supports("ssse3")) {
		CHECK(mcm_crc_mb_force_impl("pclmul") == 0, "pclmul refused");
		CHECK(strcmp(mcm_crc_mb_impl(), "pclmul") == 0, "forced: %s", mcm_crc_mb_impl());
	}
	if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
	    __builtin_cpu_supports("vpclmulqdq"))
		CHECK(strcmp(best, "vpclmul") == 0, "best on this CPU: %s", best);
	mcm_crc_mb_force_portable(false);
#endif
	printf("implementation: %s\n", best);
	test_reference();
	test_batches();
	test_known_answers();
	return test_summary();
}
