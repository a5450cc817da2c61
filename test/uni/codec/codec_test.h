/* SPDX-License-Identifier: BSD-3-Clause
 * Check helpers shared by the UNI codec tests.
 */
#ifndef CODEC_TEST_H
#define CODEC_TEST_H

#include <stdio.h>

static unsigned long test_passed, test_failed;

/* Count a check; print the failing expression with its location and a message. */
#define CHECK(cond, ...) do { \
	if (cond) { \
		test_passed++; \
	} else { \
		test_failed++; \
		if (test_failed <= 60) { \
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

#endif
