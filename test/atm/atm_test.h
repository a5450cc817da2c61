/* SPDX-License-Identifier: BSD-3-Clause
 * Minimal check helpers shared by the lib/atm unit tests.
 */
#ifndef ATM_TEST_H
#define ATM_TEST_H

#include <stdint.h>

#include "mcm_check.h"

/* Deterministic test data: xorshift64*. */
static uint64_t test_rng_state = 0x2545f4914f6cdd1dULL;

static inline uint64_t
test_rng(void)
{
	test_rng_state ^= test_rng_state >> 12;
	test_rng_state ^= test_rng_state << 25;
	test_rng_state ^= test_rng_state >> 27;
	return test_rng_state * 2685821657736338717ULL;
}

static inline void
test_fill(uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(test_rng() >> 56);
}

#endif /* ATM_TEST_H */
