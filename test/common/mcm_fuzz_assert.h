/* SPDX-License-Identifier: BSD-3-Clause
 * FUZZ_ASSERT for libFuzzer targets: a property that must hold for every input; when it does
 * not, the target says why (after FUZZ_NAME, which the target defines first) and aborts, so
 * libFuzzer keeps the input as a reproducer.
 */
#ifndef MCM_FUZZ_ASSERT_H
#define MCM_FUZZ_ASSERT_H

#include <stdio.h>
#include <stdlib.h>

#define FUZZ_ASSERT(cond, ...) do { \
		if (!(cond)) { \
			fprintf(stderr, FUZZ_NAME ": " __VA_ARGS__); \
			fprintf(stderr, "\n"); \
			abort(); \
		} \
	} while (0)

#endif /* MCM_FUZZ_ASSERT_H */
