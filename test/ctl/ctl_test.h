/* SPDX-License-Identifier: BSD-3-Clause
 * Check macros shared by the mcm-ctl tests: every check counts, a failure prints where and
 * why, and the program ends with the "N passed, M failed" line.
 */
#ifndef CTL_TEST_H
#define CTL_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_check.h"

/* Compare two strings, showing both on failure. */
#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	CHECK(g_ != NULL && strcmp(g_, w_) == 0, "\n--- got ---\n%s\n--- want ---\n%s", \
	      g_ != NULL ? g_ : "(null)", w_); \
} while (0)

#define CHECK_HAS(got, sub) do { \
	const char *g_ = (got), *s_ = (sub); \
	CHECK(g_ != NULL && strstr(g_, s_) != NULL, "'%s' does not contain '%s'", \
	      g_ != NULL ? g_ : "(null)", s_); \
} while (0)


#endif /* CTL_TEST_H */
