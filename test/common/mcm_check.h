/* SPDX-License-Identifier: BSD-3-Clause
 * Check helpers shared by the test programs: CHECK counts a check and reports a failure
 * with its place and a message; test_summary prints "N passed, M failed" and gives the
 * exit status.
 */
#ifndef MCM_CHECK_H
#define MCM_CHECK_H

#include <stdio.h>

static unsigned long test_passed, test_failed;

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

static inline int
test_summary(void)
{
	printf("%lu passed, %lu failed\n", test_passed, test_failed);
	return test_failed == 0 ? 0 : 1;
}

#endif /* MCM_CHECK_H */
