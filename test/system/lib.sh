# SPDX-License-Identifier: BSD-3-Clause
# Shared helpers of the system tests (sourced): counting checks, failing hard, stopping a
# testpmd driven through a FIFO. Every test ends with `summary`, whose line
# "N passed, M failed" and exit status the suite reads.
PASSED=0
FAILED=0

pass() { PASSED=$((PASSED + 1)); }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $*"; }

# check WHAT COMMAND...: a check that passes when COMMAND succeeds (returns its verdict).
check() {
	local what=$1
	shift
	if "$@"; then pass; else fail "$what"; return 1; fi
}

# summary: the result line; the exit status of the test.
summary() {
	echo "$PASSED passed, $FAILED failed"
	[ "$FAILED" -eq 0 ]
}

# die MESSAGE: a failure the rest of the test cannot go on from.
die() {
	fail "$*"
	summary
	exit 1
}

# need TOOL...: a missing tool is a failure of the set-up, never a skip.
need() {
	local t
	for t in "$@"; do
		command -v "$t" >/dev/null ||
			die "$t is missing (usertools/mcm-setup installs what mcm needs)"
	done
}

# stop_testpmd_fifo PID FD: quit through its command FIFO on FD, SIGKILL if it lingers.
stop_testpmd_fifo() {
	local pid=$1 fd=$2
	[ -n "$pid" ] || return 0
	if kill -0 "$pid" 2>/dev/null; then
		echo quit >&"$fd" 2>/dev/null
		for _ in $(seq 1 20); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.25
		done
		kill -9 "$pid" 2>/dev/null
	fi
	wait "$pid" 2>/dev/null
}
