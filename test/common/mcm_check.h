/* SPDX-License-Identifier: BSD-3-Clause
 * Check helpers shared by the test programs: CHECK counts a check and reports a failure
 * with its place and a message; test_summary prints "N passed, M failed" and gives the
 * exit status. A program that includes it prints its stack when it crashes.
 */
#ifndef MCM_CHECK_H
#define MCM_CHECK_H

#include <execinfo.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

/*
 * A fatal signal prints the crashing thread's stack to stderr, then takes its default action:
 * a test that dies once in CI leaves more than "killed by signal 11" in the log. Not where a
 * sanitizer already handles the signal (it prints its own report); libFuzzer installs its
 * handlers after this runs.
 */
static void
test_crash_trace(int sig)
{
	static const char msg[] = "test: fatal signal; the crashing thread's stack:\n";
	void *frames[64];
	int n = backtrace(frames, 64);

	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		n = 0;
	backtrace_symbols_fd(frames, n, STDERR_FILENO);
	signal(sig, SIG_DFL);
	raise(sig);
}

__attribute__((constructor)) static void
test_crash_trace_install(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
	struct sigaction sa, old;
	unsigned int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = test_crash_trace;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL &&
		    !(old.sa_flags & SA_SIGINFO))
			sigaction(sigs[i], &sa, NULL);
}

#endif /* MCM_CHECK_H */
