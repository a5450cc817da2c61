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

# ---- two testpmd processes driven through command FIFOs (sig_testpmd, virtio, oam_fault) ----
# tp_prepare NAME TOOL...: $MCM_CTL, $PMD and every TOOL exist (a missing one is a failure,
# never a skip); TMP is a new /tmp/mcm-NAME.XXXXXX; PMD_STAGED the driver staged where EAL
# loads a -d plugin from (not under a world-writable directory such as /tmp). On a problem:
# the failure line, the summary line, exit 1.
tp_prepare() {
	local name=$1 f t missing=
	shift
	for f in "$MCM_CTL" "$PMD"; do
		[ -e "$f" ] || missing="$missing $f"
	done
	for t in "$@"; do
		command -v "$t" >/dev/null || missing="$missing $t"
	done
	if [ -n "$missing" ]; then
		echo "FAIL: missing:$missing (usertools/mcm-setup builds and installs them)"
		echo "0 passed, 1 failed"
		exit 1
	fi
	TMP=$(mktemp -d "/tmp/mcm-$name.XXXXXX") || exit 1
	. "$ROOT/usertools/lib/mcm-common.sh"
	if ! PMD_STAGED=$(mcm_stage_plugin "$PMD"); then
		echo "FAIL: cannot stage $PMD"
		echo "0 passed, 1 failed"
		rm -rf "$TMP"
		exit 1
	fi
}
# tp_finish PID_FD4 PID_FD3 PATH...: the testpmd on command fd 4 stopped, then the one on fd 3
# (the order matters to some pairs), the fds closed, TMP, each PATH (sockets, EAL runtime
# directories) and the staged driver removed: the tests' exit trap.
tp_finish() {
	stop_testpmd_fifo "$1" 4
	stop_testpmd_fifo "$2" 3
	exec 3>&- 4>&- 2>/dev/null
	shift 2
	rm -rf "$TMP" "$@"
	mcm_unstage_plugin "$PMD_STAGED"
}
# tp_start_un U|N [DEVARGS]: testpmd in interactive mode on the user side (U: the memif server,
# lcores 0@0,1@0, net_mcm0 role=user,addr=$ADDR_U) or the network side (N: client, 0@1,1@1,
# role=network,addr=$ADDR_N) of the memif pair at $SOCK, net_mcm0 with DEVARGS added; commands
# through a FIFO held on fd 3 (U) or 4 (N), stdout line-buffered into $TMP/SIDE.log (an
# earlier log kept beside it); PID_U or PID_N set. The same arguments every time: a side may
# be restarted. Needs TESTPMD, PMD_STAGED, SOCK, PFX_U, PFX_N, ADDR_U, ADDR_N.
tp_start_un() {
	local side=$1 extra=${2:+,$2} fifo=$TMP/$1.cmd.$RANDOM log=$TMP/$1.log fd=3
	local lcores='0@0,1@0' role=server mcm=role=user,addr=$ADDR_U pfx=$PFX_U
	if [ "$side" = N ]; then
		lcores='0@1,1@1'
		role=client
		mcm=role=network,addr=$ADDR_N
		pfx=$PFX_N
		fd=4
	fi
	mkfifo "$fifo" || return 1
	[ -e "$log" ] && mv "$log" "$log.$(date +%s%N)"
	eval "exec $fd<>\"$fifo\""
	stdbuf -oL "$TESTPMD" --lcores "$lcores" --no-huge -m 512 --no-pci \
		--file-prefix "$pfx" -d "$PMD_STAGED" --log-level=pmd.net.mcm:info \
		--vdev="net_memif0,role=$role,socket=$SOCK" \
		--vdev="net_mcm0,lower=net_memif0,$mcm$extra" \
		-- -i --no-mlockall --total-num-mbufs=8192 <&$fd >"$log" 2>&1 &
	if [ "$side" = U ]; then PID_U=$!; else PID_N=$!; fi
	rm -f "$fifo"   # both ends are open: the name is not needed any more
}
# no_crash SIDE: nothing in the output of SIDE's processes (its logs, earlier runs' too) says
# one crashed or panicked.
no_crash() { ! grep -Eiq 'segmentation|panic|caught signal|assert' "$TMP/$1"*.log*; }

# The test sets, per side (a name of its choice): TP_FD[SIDE], the fd of that testpmd's
# command FIFO; TP_PFX[SIDE], its --file-prefix; its output goes to $TMP/SIDE.log. MCM_CTL
# is the mcm-ctl to run.
declare -A TP_FD TP_PFX MARK
# tp SIDE COMMAND: send a testpmd command; what it prints is read by tp_wait.
tp() {
	local side=$1
	shift
	MARK[$side]=$(stat -c %s "$TMP/$side.log")
	echo "$*" >&"${TP_FD[$side]}"
}
# tp_since SIDE: testpmd's output since the last command.
tp_since() { tail -c +$((MARK[$1] + 1)) "$TMP/$1.log"; }
# tp_wait SIDE REGEX SECONDS: wait until testpmd printed a line matching REGEX.
tp_wait() {
	local side=$1 re=$2 n=$(($3 * 10))
	while [ $n -gt 0 ]; do
		tp_since "$side" | grep -Eq -- "$re" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}
# tp_stat SIDE WHAT: a counter of testpmd's last "Accumulated forward statistics" block.
tp_stat() {
	tp_since "$1" | sed -n '/Accumulated forward statistics/,/++++++++++++++++*$/p' |
		sed -n "s/.*$2: *\([0-9]*\).*/\1/p" | head -1
}
info() { echo "-- $*"; }
not() { ! "$@"; }
# out_has REGEX / err_has REGEX: the last mcm-ctl call succeeded (failed with 1) and printed it.
out_has() { [ "$RC" = 0 ] && grep -Eq -- "$1" <<<"$OUT"; }
err_has() { [ "$RC" = 1 ] && [ -z "$OUT" ] && grep -Eq -- "$1" <<<"$ERR"; }
# ctl SIDE ARGS...: mcm-ctl on that side's process and port net_mcm0; sets OUT, ERR, RC.
ctl() {
	local pfx=${TP_PFX[$1]}
	shift
	OUT=$("$MCM_CTL" -f "$pfx" -p net_mcm0 "$@" 2>"$TMP/err")
	RC=$?
	ERR=$(<"$TMP/err")
}
# jv KEY: a scalar member of the JSON object in OUT (mcm-ctl --json pretty-prints it, one
# top-level member a line, indented by two); sed, not python: it runs under full load.
jv() { sed -n 's/^  "'"$1"'": "\{0,1\}\([^",]*\)"\{0,1\},\{0,1\}$/\1/p' <<<"$OUT"; }
# link_state SIDE: "SSCOP_STATE UNI_STATE", or "unreachable".
link_state() {
	ctl "$1" --json -t 2 status
	if [ "$RC" = 0 ]; then echo "$(jv sscop_state) $(jv uni_state)"; else
		echo unreachable; fi
}
# wait_until SECONDS WANT CMD...: until CMD prints WANT, polling every 0.25 s.
wait_until() {
	local n=$(($1 * 4)) want=$2
	shift 2
	while [ $n -gt 0 ]; do
		[ "$("$@")" = "$want" ] && return 0
		sleep 0.25
		n=$((n - 1))
	done
	return 1
}
# wait_link SIDE SECONDS: until SSCOP is READY and UNI up.
wait_link() { wait_until "$2" "READY up" link_state "$1"; }
# ncalls SIDE: the number of calls in call list (--json), -1 on error.
ncalls() {
	ctl "$1" --json call list
	if [ "$RC" = 0 ]; then jv total; else echo -1; fi
}
# wait_no_calls SIDE SECONDS
wait_no_calls() { wait_until "$2" 0 ncalls "$1"; }
# vc_listed SIDE VC: the VC is in vc list.
vc_listed() {
	ctl "$1" --json vc list
	[ "$RC" = 0 ] && grep -q "^    \"$2\": {" <<<"$OUT"
}

# ---- the wire to a pcap file (wire_pcap, wire_sdu) ----
# log_sent LOG: the TX-packets of the "Accumulated forward statistics" in a testpmd log
log_sent() {
	sed -n '/Accumulated forward statistics/,/+++++/s/.*TX-packets: *\([0-9]*\).*/\1/p' "$1"
}
# log_xstat LOG NAME: a port's extended statistic NAME as "show port xstats" printed it
log_xstat() {
	sed -n "s/^ *$2: *\([0-9]*\)\$/\1/p" "$1"
}
# pcap_txonly DIR SO SIZE BURST MCM_DEVARGS: testpmd with one mcm port on a net_pcap lower
# port that writes DIR/wire-SIZE.pcap (its rx side an empty pcap, made here): eight bursts
# of BURST SIZE-byte txonly frames (tx_first; nothing comes back), then testpmd's forward
# statistics and the driver's xstats in DIR/testpmd-SIZE.log. Uses fd 3. Returns testpmd's
# exit status.
pcap_txonly() {
	local dir=$1 so=$2 size=$3 burst=$4 mcm=$5 pid
	[ -f "$dir/empty.pcap" ] || python3 -c 'import struct,sys; open(sys.argv[1],"wb").write(struct.pack("<IHHiIII",0xa1b2c3d4,2,4,0,0,65535,1))' "$dir/empty.pcap"
	rm -f "$dir/cmd"
	mkfifo "$dir/cmd"
	exec 3<>"$dir/cmd"
	timeout 60 dpdk-testpmd -l 0-1 --no-huge --no-pci -m 512 \
		--file-prefix="mcm-pcap-$$" -d "$so" \
		--vdev=net_pcap0,rx_pcap="$dir/empty.pcap",tx_pcap="$dir/wire-$size.pcap" \
		--vdev=net_mcm0,lower=net_pcap0,"$mcm" \
		-- -i --forward-mode=io --burst="$burst" --txpkts="$size" --port-topology=loop \
		--total-num-mbufs=8192 --no-lsc-interrupt <&3 >"$dir/testpmd-$size.log" 2>&1 &
	pid=$!
	echo "start tx_first 8" >&3
	sleep 1
	echo "stop" >&3
	echo "show port xstats all" >&3
	sleep 1
	stop_testpmd_fifo "$pid" 3
}
# txonly DIR SO SIZE BURST MCM_DEVARGS WHAT: pcap_txonly with its exit status checked; sets
# log, sent (the frames testpmd handed to the mcm port: its forward statistics after
# "stop"), pw_frames and tx_cells (the driver's own counts: xstats)
txonly() {
	local rc
	pcap_txonly "$1" "$2" "$3" "$4" "$5"
	rc=$?
	log="$1/testpmd-$3.log"
	check "$6$3-byte frames: testpmd exited cleanly (rc $rc)" test $rc -eq 0
	sent=$(log_sent "$log")
	pw_frames=$(log_xstat "$log" tx_pw_frames)
	tx_cells=$(log_xstat "$log" tx_cells)
}

# ts WHAT OUT ARGS...: tshark ARGS into OUT; its exit status is a check of its own (its
# stderr, but for the "running as root" notice, shown on failure).
ts() {
	local what=$1 out=$2 rc
	shift 2
	tshark "$@" >"$out" 2>"$out.err"
	rc=$?
	check "$what: tshark exit status $rc ($(grep -v '^Running as user' "$out.err" |
		head -2 | tr '\n' ' '))" test $rc -eq 0
}
