/* SPDX-License-Identifier: BSD-3-Clause
 * Minimal check helpers shared by the lib/atm unit tests.
 */
#ifndef ATM_TEST_H
#define ATM_TEST_H

#include <stdint.h>
#include <stdio.h>

static unsigned long test_passed, test_failed;

/* Count a check; print the failing expression with its location and a message. */
#define CHECK(cond, ...) do { \
	if (cond) { \
		test_passed++; \
	} else { \
		test_failed++; \
		if (test_failed <= 50) { \
			fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__); \
			fputc('\n', stderr); \
		} \
	} \
} while (0)

/* Print the summary line and give the exit status. */
static inline int
test_summary(void)
{
	printf("%lu passed, %lu failed\n", test_passed, test_failed);
	return test_failed == 0 ? 0 : 1;
}

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
