/* SPDX-License-Identifier: BSD-3-Clause
 * AAL5 CRC-32 (I.363.5 9.2.2.4) registers of many buffers, folded in interleaved lanes.
 *
 * Arithmetic: a message is the polynomial M(x) over GF(2), first bit = highest degree; the
 * register before the final inversion is (M(x) x^32 + 0xFFFFFFFF x^|M|) mod P(x), with
 * P = 0x104C11DB7. The all-ones preset is the same as XOR-ing 0xFFFFFFFF into the first
 * 32 bits of the message. The polynomial is not reflected, so a 16-byte block byte-swapped
 * (PSHUFB) is a 128-bit integer whose bit i is the coefficient of x^i, as PCLMULQDQ wants.
 *
 * One lane: A = first block (preset applied); for each next block B, A = A x^128 + B, where
 * A x^128 = H x^192 + L x^128 == H (x^192 mod P) + L (x^128 mod P) for A = H x^64 + L:
 * two 64x32-bit carry-less products, below 96 bits, so A stays 128 bits. At the end the
 * register is A x^32 mod P: each half times x^96 or x^32 mod P (below 96 bits), the top
 * 32 bits times x^64 mod P (below 64 bits), then Barrett reduction with mu = x^64 div P.
 *
 * Many lanes: a fold is about 5 cycles of latency (PCLMULQDQ, then XOR) but the CPU starts
 * one or two PCLMULQDQ a cycle, so one lane leaves it mostly idle; LANES lanes, each on its
 * own buffer, are stepped together in one loop. A lane whose buffer ends is reduced and
 * given the next buffer (as ISA-L's multi-buffer managers do), so lanes of unequal length
 * waste no steps until the last buffers; idle lanes then shadow a busy one (same loads,
 * result dropped) so the loop needs no per-lane test.
 *
 * Measured on the project's AMD EPYC (doc/atm.md), PCLMULQDQ starts one product per 2 cycles:
 * the SSE lanes cannot beat ISA-L there. VPCLMULQDQ on 512 bits does four lanes' products in
 * the same time, so the default (with AVX-512) is 8 lanes in two 512-bit registers.
 */
#include <stdalign.h>
#include <stddef.h>
#include <string.h>

#include <isa-l/crc.h>

#include "mcm_crc_mb.h"

#if defined(__x86_64__)
#include <immintrin.h>
#define HAVE_PCLMUL_IMPL 1
#endif

/*
 * SSE lanes stepped together: measured here, PCLMULQDQ starts one product every 2 cycles
 * with a latency near 5, so 4 lanes (8 products a step) keep it busy.
 */
#ifndef MCM_CRC_MB_LANES
#define MCM_CRC_MB_LANES 4
#endif
/*
 * Buffers of at least this many bytes go to ISA-L: from 256 bytes on, its AVX-512 code folds
 * 256-byte chunks in parallel and was as fast as or faster than the lanes (doc/atm.md).
 */
#ifndef MCM_CRC_MB_ISAL_MIN
#define MCM_CRC_MB_ISAL_MIN 256
#endif

/* the CRC-32 generator without its x^32 term (I.363.5 9.2.2.4; same as IEEE 802.3) */
#define POLY 0x04c11db7u
#define POLY33 0x104c11db7ull

enum impl {
	IMPL_PORTABLE = 0,
	IMPL_PCLMUL = 1,        /* SSE: one 128-bit accumulator per lane */
	IMPL_VPCLMUL = 2,       /* AVX-512 VPCLMULQDQ: four lanes per 512-bit register */
};

static const char *const impl_names[] = { "portable", "pclmul", "vpclmul" };
static enum impl cur_impl = IMPL_PORTABLE;      /* what mcm_crc_mb_regs() uses now */
static enum impl best_impl = IMPL_PORTABLE;     /* the default; set by the constructor */
static bool have_pclmul;                        /* SSE PCLMULQDQ lanes usable */
static bool have_vpclmul;                       /* AVX-512 VPCLMULQDQ lanes usable */

/* Portable: ISA-L inverts on entry and exit, so the register is its result inverted. */
static void
regs_portable(const uint8_t *const buf[], const uint32_t len[], uint32_t reg[],
	      unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		reg[i] = len[i] == 0 ? 0xffffffffu : ~crc32_ieee(0, buf[i], len[i]);
}

#ifdef HAVE_PCLMUL_IMPL

/* x^k mod P, bit by bit: only at start-up. */
static uint32_t
xpow_mod(unsigned int k)
{
	uint32_t r = 1;

	while (k-- > 0)
		r = (r << 1) ^ ((r & 0x80000000u) ? POLY : 0);
	return r;
}

/* floor(x^64 / P) by long division: 33 bits. */
static uint64_t
barrett_mu(void)
{
	/* the first step (x^64 minus P x^32) leaves P's low 32 bits times x^32 */
	uint64_t q = 1ull << 32, rem = (uint64_t)POLY << 32;
	int i;

	for (i = 63; i >= 32; i--) {
		if ((rem >> i) & 1) {
			q |= 1ull << (i - 32);
			rem ^= POLY33 << (i - 32);
		}
	}
	return q;
}

/* Constants, low qword first as PCLMULQDQ selects them; computed by the constructor. */
static struct {
	alignas(16) uint64_t k128[2];    /* x^128 mod P, x^192 mod P: one block forward */
	alignas(16) uint64_t k32[2];     /* x^32 mod P, x^96 mod P: A times x^32 */
	alignas(16) uint64_t k64[2];     /* x^64 mod P: 96 bits to 64 */
	alignas(16) uint64_t barrett[2]; /* mu = floor(x^64 / P), P */
	/* the all-ones preset's share of the register: 0xFFFFFFFF x^(128 n) mod P, n blocks */
	uint32_t preset[MCM_CRC_MB_ISAL_MIN / 16];
} kc;

static void
consts_setup(void)
{
	unsigned int n, i;

	kc.k128[0] = xpow_mod(128);
	kc.k128[1] = xpow_mod(192);
	kc.k32[0] = xpow_mod(32);
	kc.k32[1] = xpow_mod(96);
	kc.k64[0] = xpow_mod(64);
	kc.barrett[0] = barrett_mu();
	kc.barrett[1] = POLY33;
	for (n = 0; n < MCM_CRC_MB_ISAL_MIN / 16; n++) {
		uint32_t r = 0xffffffffu;

		for (i = 0; i < 128 * n; i++)
			r = (r << 1) ^ ((r & 0x80000000u) ? POLY : 0);
		kc.preset[n] = r;
	}
}

#define TARGET_PCLMUL __attribute__((target("pclmul,sse4.1,ssse3")))

/* A x^(distance) mod P, kept to 128 bits: low qword times k[0], high qword times k[1]. */
static inline TARGET_PCLMUL __m128i
fold128(__m128i a, __m128i k)
{
	return _mm_xor_si128(_mm_clmulepi64_si128(a, k, 0x00), _mm_clmulepi64_si128(a, k, 0x11));
}

/* Byte 0 of the block becomes the top byte: MSB-first bit order (not reflected). */
static inline TARGET_PCLMUL __m128i
bswap_mask(void)
{
	return _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
}

/* The first block of a buffer with the all-ones preset in its first 32 bits. */
static inline TARGET_PCLMUL __m128i
first_block(const uint8_t *p, __m128i bswap)
{
	return _mm_xor_si128(_mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)p), bswap),
			     _mm_set_epi32(-1, 0, 0, 0));
}

/* The register of a lane: A x^32 mod P (see the top of the file). */
static inline TARGET_PCLMUL uint32_t
reduce(__m128i a)
{
	const __m128i k32 = _mm_load_si128((const __m128i *)kc.k32);
	const __m128i k64 = _mm_load_si128((const __m128i *)kc.k64);
	const __m128i kb = _mm_load_si128((const __m128i *)kc.barrett);
	__m128i g, r, t;

	/* below 96 bits */
	g = fold128(a, k32);
	/* G = G_hi x^64 + G_lo == G_hi (x^64 mod P) + G_lo: below 64 bits */
	r = _mm_xor_si128(_mm_clmulepi64_si128(g, k64, 0x01), _mm_move_epi64(g));
	/* Barrett: q = floor(floor(R / x^32) mu / x^32); R mod P = R + q P, low 32 bits */
	t = _mm_clmulepi64_si128(_mm_srli_epi64(r, 32), kb, 0x00);
	t = _mm_clmulepi64_si128(_mm_srli_epi64(t, 32), kb, 0x10);
	return (uint32_t)_mm_cvtsi128_si32(_mm_xor_si128(r, t));
}

#define LANES MCM_CRC_MB_LANES

/* Lane @p l takes the next of the @p cnt buffers of @p idx, if any is left: @return 1 if so. */
static inline TARGET_PCLMUL unsigned int
lane_take(unsigned int l, const uint8_t *const buf[], const uint32_t len[],
	  const uint8_t idx[], unsigned int cnt, unsigned int *next, __m128i bswap,
	  __m128i acc[], const uint8_t *p[], uint32_t left[], int who[])
{
	unsigned int b;

	if (*next >= cnt)
		return 0;
	b = idx[(*next)++];
	who[l] = (int)b;
	acc[l] = first_block(buf[b], bswap);
	p[l] = buf[b] + 16;
	left[l] = len[b] / 16 - 1;
	return 1;
}

/*
 * The registers of the @p cnt buffers whose indices are in @p idx (lengths non-zero
 * multiples of 16), LANES at a time, each lane refilled with the next buffer when its
 * own ends.
 */
static TARGET_PCLMUL void
regs_lanes(const uint8_t *const buf[], const uint32_t len[], uint32_t reg[],
	   const uint8_t idx[], unsigned int cnt)
{
	const __m128i bswap = bswap_mask();
	const __m128i k = _mm_load_si128((const __m128i *)kc.k128);
	__m128i acc[LANES];
	const uint8_t *p[LANES];
	uint32_t left[LANES];   /* blocks still to fold; UINT32_MAX: idle lane */
	int who[LANES];         /* buffer of the lane, -1: idle */
	unsigned int next = 0, active = 0, l, busy;
	uint32_t m, j;

#pragma GCC unroll 8
	for (l = 0; l < LANES; l++) {
		who[l] = -1;
		left[l] = UINT32_MAX;
		p[l] = NULL;
		acc[l] = _mm_setzero_si128();
		active += lane_take(l, buf, len, idx, cnt, &next, bswap, acc, p, left, who);
	}
	while (active > 0) {
		/* steps until the first lane ends; idle lanes read what the shortest one reads */
		busy = 0;
		m = left[0];
#pragma GCC unroll 8
		for (l = 1; l < LANES; l++) {
			if (left[l] < m) {
				m = left[l];
				busy = l;
			}
		}
#pragma GCC unroll 8
		for (l = 0; l < LANES; l++)
			if (who[l] < 0)
				p[l] = p[busy];
		for (j = 0; j < m; j++) {
#pragma GCC unroll 8
			for (l = 0; l < LANES; l++) {
				__m128i b = _mm_loadu_si128((const __m128i *)(p[l] + 16 * j));

				acc[l] = _mm_xor_si128(fold128(acc[l], k),
						       _mm_shuffle_epi8(b, bswap));
			}
		}
#pragma GCC unroll 8
		for (l = 0; l < LANES; l++) {
			if (who[l] < 0)
				continue;
			p[l] += 16 * (size_t)m;
			left[l] -= m;
			if (left[l] != 0)
				continue;
			reg[who[l]] = reduce(acc[l]);
			who[l] = -1;
			left[l] = UINT32_MAX;
			active--;
			active += lane_take(l, buf, len, idx, cnt, &next, bswap, acc, p, left, who);
		}
	}
}

#define TARGET_VPCLMUL __attribute__((target("avx512f,avx512bw,vpclmulqdq,pclmul")))
#define VLANES 8        /* two 512-bit accumulators of four lanes: latency 5, 2 per 4 cycles */

/* What idle lanes read, and a shorter buffer's lane before its first block: zeros, as many
 * blocks as the longest buffer in lanes has.
 */
static const uint8_t zero_blocks[MCM_CRC_MB_ISAL_MIN];

/* A 128-bit constant in each of the four 128-bit lanes. */
static inline TARGET_VPCLMUL __m512i
bcast128(const uint64_t *k)
{
	return _mm512_broadcast_i32x4(_mm_load_si128((const __m128i *)k));
}

/* A x^32 mod P in each 128-bit lane (reduce() four at a time): in dword 0 of each lane. */
static inline TARGET_VPCLMUL __m512i
reduce4(__m512i a)
{
	const __m512i k32 = bcast128(kc.k32), k64 = bcast128(kc.k64);
	const __m512i kb = bcast128(kc.barrett);
	__m512i g, r, t;

	g = _mm512_xor_si512(_mm512_clmulepi64_epi128(a, k32, 0x00),
			     _mm512_clmulepi64_epi128(a, k32, 0x11));
	r = _mm512_xor_si512(_mm512_clmulepi64_epi128(g, k64, 0x01),
			     _mm512_maskz_mov_epi64(0x55, g));
	t = _mm512_clmulepi64_epi128(_mm512_srli_epi64(r, 32), kb, 0x00);
	t = _mm512_clmulepi64_epi128(_mm512_srli_epi64(t, 32), kb, 0x10);
	return _mm512_xor_si512(r, t);
}

/* One step of four lanes: @p a x^128 + the next block of each lane, @p off bytes into @p src. */
static inline TARGET_VPCLMUL __m512i
fold4(__m512i a, __m512i k, const uint8_t *const src[4], size_t off, __m512i bswap)
{
	__m512i v = _mm512_castsi128_si512(_mm_loadu_si128((const __m128i *)(src[0] + off)));

	v = _mm512_inserti32x4(v, _mm_loadu_si128((const __m128i *)(src[1] + off)), 1);
	v = _mm512_inserti32x4(v, _mm_loadu_si128((const __m128i *)(src[2] + off)), 2);
	v = _mm512_inserti32x4(v, _mm_loadu_si128((const __m128i *)(src[3] + off)), 3);
	return _mm512_ternarylogic_epi64(_mm512_clmulepi64_epi128(a, k, 0x00),
					 _mm512_clmulepi64_epi128(a, k, 0x11),
					 _mm512_shuffle_epi8(v, bswap), 0x96);
}

/*
 * The registers of the @p cnt buffers in @p idx (lengths non-zero multiples of 16, below
 * MCM_CRC_MB_ISAL_MIN, sorted longest first), VLANES at a time; @p ident: idx[i] is i (the
 * registers of a group go to reg[] as one store). Lanes of one group end together: a
 * shorter buffer starts later, after leading zero blocks, which change nothing with the
 * register preset to zero; the all-ones preset's share, which depends only on the length,
 * is added at the end from a table. Sorting keeps the zero blocks few.
 * A group of one length (a burst of like frames: the usual case) steps its lanes together
 * from fixed pointers; the segments below would do it as one segment, but measured 10-15 %
 * slower for 96-byte buffers (the pointers then live in memory). Otherwise the steps run in
 * segments: a lane joins when its buffer starts (lanes joining in order, longest first), so
 * within a segment too every lane reads at a fixed pointer plus the step, with no per-lane
 * choice in the loop (that choice cost more than the folds).
 */
static TARGET_VPCLMUL void
regs_vlanes(const uint8_t *const buf[], const uint32_t len[], uint32_t reg[],
	    const uint8_t idx[], unsigned int cnt, bool ident)
{
	const __m512i bswap = _mm512_broadcast_i32x4(bswap_mask());
	const __m512i k = bcast128(kc.k128);
	/* dword 0 of each 128-bit lane of two registers: the eight lanes' results in order */
	const __m512i pick = _mm512_set_epi32(0, 0, 0, 0, 0, 0, 0, 0,
					      28, 24, 20, 16, 12, 8, 4, 0);
	unsigned int g, l;

	for (g = 0; g < cnt; g += VLANES) {
		const unsigned int nl = cnt - g < VLANES ? cnt - g : VLANES;
		const uint32_t steps = len[idx[g]] / 16;
		const bool same = len[idx[g + nl - 1]] / 16 == steps;   /* one length */
		const uint8_t *src[VLANES];
		alignas(32) uint32_t res[VLANES];
		__m512i a0 = _mm512_setzero_si512(), a1 = _mm512_setzero_si512();
		__m256i r;
		uint32_t s, j;

		for (l = 0; l < VLANES; l++)
			src[l] = l < nl ? buf[idx[g + l]] : zero_blocks;
		if (same) {
			for (s = 0; s < steps; s++) {
				a0 = fold4(a0, k, src, 16 * (size_t)s, bswap);
				a1 = fold4(a1, k, src + 4, 16 * (size_t)s, bswap);
			}
		} else {
			uint32_t start[VLANES], end;
			unsigned int joined = 0;

			for (l = 0; l < VLANES; l++) {
				start[l] = l < nl ? steps - len[idx[g + l]] / 16 : steps;
				if (start[l] > 0)
					src[l] = zero_blocks;
			}
			for (s = 0; s < steps; s = end) {
				/* the lanes whose buffers start at step s; steps until the next */
				for (; joined < nl && start[joined] <= s; joined++)
					src[joined] = buf[idx[g + joined]];
				end = joined < nl ? start[joined] : steps;
				for (j = 0; j < end - s; j++) {
					a0 = fold4(a0, k, src, 16 * (size_t)j, bswap);
					a1 = fold4(a1, k, src + 4, 16 * (size_t)j, bswap);
				}
				/* lanes in progress move on; idle ones read zeros from the start */
				for (l = 0; l < joined; l++)
					src[l] += 16 * (size_t)(end - s);
			}
		}
		r = _mm512_castsi512_si256(_mm512_permutex2var_epi32(reduce4(a0), pick,
								     reduce4(a1)));
		if (ident && same && nl == VLANES) {
			/* one preset share for all, the registers in order */
			r = _mm256_xor_si256(r, _mm256_set1_epi32((int)kc.preset[steps]));
			_mm256_storeu_si256((__m256i *)(reg + g), r);
			continue;
		}
		_mm256_store_si256((__m256i *)res, r);
		for (l = 0; l < nl; l++)
			reg[idx[g + l]] = res[l] ^ kc.preset[len[idx[g + l]] / 16];
	}
}

/* Up to MCM_CRC_MB_MAX buffers: empty ones here, long ones to ISA-L, the rest in lanes. */
static void
regs_pclmul(const uint8_t *const buf[], const uint32_t len[], uint32_t reg[], unsigned int n,
	    enum impl impl)
{
	uint8_t idx[MCM_CRC_MB_MAX];
	unsigned int i, j, cnt = 0;
	uint32_t prev = UINT32_MAX, l;
	bool sorted = true;

	for (i = 0; i < n; i++) {
		if (len[i] == 0) {
			reg[i] = 0xffffffffu;
		} else if (len[i] >= MCM_CRC_MB_ISAL_MIN) {
			reg[i] = ~crc32_ieee(0, buf[i], len[i]);
		} else {
			sorted &= len[i] <= prev;
			prev = len[i];
			idx[cnt++] = (uint8_t)i;
		}
	}
	if (cnt == 0)
		return;
	if (impl != IMPL_VPCLMUL) {
		regs_lanes(buf, len, reg, idx, cnt);
		return;
	}
	/* longest first; a burst's PDUs are mostly of one length, so mostly in order already
	 * (then no sort: its chain of loads from just-stored bytes cost as much as the CRCs)
	 */
	for (i = 1; !sorted && i < cnt; i++) {
		uint8_t b = idx[i];

		l = len[b];
		for (j = i; j > 0 && len[idx[j - 1]] < l; j--)
			idx[j] = idx[j - 1];
		idx[j] = b;
	}
	regs_vlanes(buf, len, reg, idx, cnt, sorted && cnt == n);
}

#endif /* HAVE_PCLMUL_IMPL */

/* Constants and the CPU check once, before main() or at dlopen(): no lazy-init race. */
static void __attribute__((constructor))
crc_mb_select(void)
{
#ifdef HAVE_PCLMUL_IMPL
	__builtin_cpu_init();
	if (__builtin_cpu_supports("pclmul") && __builtin_cpu_supports("ssse3") &&
	    __builtin_cpu_supports("sse4.1")) {
		consts_setup();
		have_pclmul = true;
		/*
		 * The SSE lanes were slower than ISA-L (its SSE code too) on the one CPU
		 * measured (doc/atm.md): they are there for force_impl() and measurement on
		 * other CPUs, not chosen by default.
		 */
		if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
		    __builtin_cpu_supports("vpclmulqdq"))
			best_impl = IMPL_VPCLMUL;
		have_vpclmul = best_impl == IMPL_VPCLMUL;
	}
#endif
	cur_impl = best_impl;
}

void
mcm_crc_mb_regs(const uint8_t *const buf[], const uint32_t len[], uint32_t reg[],
		unsigned int n)
{
	while (n > 0) {
		unsigned int c = n < MCM_CRC_MB_MAX ? n : MCM_CRC_MB_MAX;

#ifdef HAVE_PCLMUL_IMPL
		if (cur_impl != IMPL_PORTABLE)
			regs_pclmul(buf, len, reg, c, cur_impl);
		else
#endif
			regs_portable(buf, len, reg, c);
		buf += c;
		len += c;
		reg += c;
		n -= c;
	}
}

const char *
mcm_crc_mb_impl(void)
{
	return impl_names[cur_impl];
}

void
mcm_crc_mb_force_portable(bool on)
{
	cur_impl = on ? IMPL_PORTABLE : best_impl;
}

int
mcm_crc_mb_force_impl(const char *name)
{
	if (strcmp(name, "portable") == 0)
		cur_impl = IMPL_PORTABLE;
	else if (strcmp(name, "pclmul") == 0 && have_pclmul)
		cur_impl = IMPL_PCLMUL;
	else if (strcmp(name, "vpclmul") == 0 && have_vpclmul)
		cur_impl = IMPL_VPCLMUL;
	else
		return -1;
	return 0;
}
