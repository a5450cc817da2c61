#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# System test of mcm over a virtio PMD, the NIC of most virtual machines: two dpdk-testpmd
# processes joined by a vhost-user socket, each with one net_mcm port on its end:
#   A (role=network): net_vhost0, vhost-user client (client=1: it reconnects by itself),
#   B (role=user):    net_virtio_user0, vhost-user server (server=1).
# virtio_user must be the server: as a client (vhost the server) it does not reconnect in
# DPDK 22.11, so a restarted vhost peer is never heard of again; as a server it accepts the
# restarted vhost client ("server mode virtio-user reconnection").
# vhost-user shares the guest's (B's) memory with the backend by file descriptor, so both
# run on hugepages in memory files: --in-memory --single-file-segments (one segment a
# memseg list, fewer than vhost-user's 8 memory regions; with a file a page, B's device
# does not start: "Too many memory regions"; --no-huge has no file to share).
#  1. Q=1: SSCOP and UNI come up on both (mcm-ctl status); testpmd sees only the mcm ports.
#  2. PVC 0/100: io forwarding both ways (B starts with tx_first), then each side's VC
#     counters match the other's (tx_pdus = far rx_pdus), no AAL5 CRC/length error, and
#     testpmd's counters agree.
#  3. SVC: sap add on A, call make on B, traffic both ways on the call's VC (bound as the
#     default VC on both sides), call release clears it on both.
#  4. Q=2 (two queue pairs on the virtio link, --rxq=2 --txq=2, two forwarding lcores on
#     each side's CPU): B sends 1500-byte frames (two PW frames each) on one PVC from both
#     queues; A receives every PDU with no CRC or length error (cells of two PDUs of one VC
#     never interleave).
#  5. kill -9 of A: B's lower link goes down at once and SSCOP leaves READY (7 to 22 s: in
#     its idle phase SSCOP polls only when Timer_IDLE expires); A restarted with the
#     same arguments: the vhost client reconnects, the link comes back on both with no
#     command on B, and the PVC carries traffic again. Both quit with exit status 0.
# Every process is killed and every file removed on exit.
#
# Usage: test_virtio.sh [MCM_CTL [LIBRTE_NET_MCM_SO]]
#   defaults: build/app/mcm-ctl/mcm-ctl and build/drivers/net/mcm/librte_net_mcm.so of the
#   source tree; $TESTPMD overrides dpdk-testpmd. A missing tool or no free hugepages is a
#   failure, not a skip.
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MCM_CTL=${1:-$ROOT/build/app/mcm-ctl/mcm-ctl}
PMD=${2:-$ROOT/build/drivers/net/mcm/librte_net_mcm.so}
TESTPMD=${TESTPMD:-dpdk-testpmd}
TAG=mcm-virtio-$$
PFX_A=$TAG-a
PFX_B=$TAG-b
SOCK=/run/$TAG.sock
ADDR_B=47.0005.80ffe1000000f21a3322.0020481a3301.00
ADDR_A=47.0005.80ffe1000000f21a3322.0020481a3302.00
HEX_B=47000580ffe1000000f21a33220020481a330100
HEX_A=47000580ffe1000000f21a33220020481a330200
PVC=0/100
MEM_MB=128         # each process; 2 MB pages
LOST_LINK_S=30     # Q.2130: Timer_IDLE (15 s), then Timer_NO-RESPONSE (7 s), and then some
. "$ROOT/test/system/lib.sh"
TP_FD=([A]=3 [B]=4)
TP_PFX=([A]=$PFX_A [B]=$PFX_B)
PID_A=
PID_B=
PMD_STAGED=
Q=1
if [ "$(id -u)" = 0 ]; then RUNDIR=/var/run; else RUNDIR=${XDG_RUNTIME_DIR:-/tmp}; fi

HP_FREE=$(sed -n 's/^HugePages_Free: *\([0-9]*\)$/\1/p' /proc/meminfo)
HP_SIZE=$(sed -n 's/^Hugepagesize: *\([0-9]*\) kB$/\1/p' /proc/meminfo)
if [ "${HP_SIZE:-0}" != 2048 ] || [ "${HP_FREE:-0}" -lt $((2 * MEM_MB / 2 + 16)) ] ||
	! grep -qs ' hugetlbfs ' /proc/mounts; then
	echo "FAIL: vhost-user needs hugepages: $((2 * MEM_MB / 2 + 16)) free 2 MB pages and a" \
		"hugetlbfs mount (have ${HP_FREE:-0} of ${HP_SIZE:-?} kB; usertools/mcm-setup" \
		"reserves them)"
	echo "0 passed, 1 failed"
	exit 1
fi
tp_prepare virtio "$TESTPMD" stdbuf mkfifo

# B (the virtio_user server) first: A's vhost client then only retries its connect
cleanup() { tp_finish "$PID_B" "$PID_A" "$SOCK" "$RUNDIR/dpdk/$PFX_A" "$RUNDIR/dpdk/$PFX_B"; }
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# ---- testpmd ----

# start_tp A|B: testpmd in interactive mode for queue pairs $Q, commands through a FIFO held
# on fd 3 (A) or 4 (B), stdout line-buffered into $TMP/SIDE.log. The same arguments every
# time for one Q (A is restarted in step 5). With Q=2 each side has two forwarding lcores,
# both on the CPU of its main lcore (the machine may have two CPUs only).
start_tp() {
	local side=$1 fifo=$TMP/$1.cmd.$RANDOM log=$TMP/$1.log
	local lcores lower mcm pfx cpu=0 tpargs
	tpargs=(-i --no-mlockall --total-num-mbufs=8192 --port-topology=loop
		--rxq="$Q" --txq="$Q")
	if [ "$side" = A ]; then
		lower=net_vhost0,iface=$SOCK,queues=$Q,client=1
		mcm=net_mcm0,lower=net_vhost0,role=network,addr=$ADDR_A,pvc=$PVC
		pfx=$PFX_A
	else
		cpu=1
		lower=net_virtio_user0,path=$SOCK,queues=$Q,server=1
		mcm=net_mcm0,lower=net_virtio_user0,role=user,addr=$ADDR_B,pvc=$PVC
		pfx=$PFX_B
	fi
	lcores=0@$cpu,1@$cpu
	if [ "$Q" -gt 1 ]; then
		lcores+=,2@$cpu
		tpargs+=(--nb-cores=2 --txpkts=1500)
	fi
	mkfifo "$fifo" || return 1
	[ -e "$log" ] && mv "$log" "$log.$(date +%s%N)"
	if [ "$side" = A ]; then
		exec 3<>"$fifo"
		stdbuf -oL "$TESTPMD" --lcores "$lcores" -m "$MEM_MB" --in-memory \
			--single-file-segments --no-pci --file-prefix "$pfx" -d "$PMD_STAGED" \
			--log-level=pmd.net.mcm:info --vdev="$lower" --vdev="$mcm" \
			-- "${tpargs[@]}" <&3 >"$log" 2>&1 &
		PID_A=$!
	else
		exec 4<>"$fifo"
		stdbuf -oL "$TESTPMD" --lcores "$lcores" -m "$MEM_MB" --in-memory \
			--single-file-segments --no-pci --file-prefix "$pfx" -d "$PMD_STAGED" \
			--log-level=pmd.net.mcm:info --vdev="$lower" --vdev="$mcm" \
			-- "${tpargs[@]}" <&4 >"$log" 2>&1 &
		PID_B=$!
	fi
	rm -f "$fifo"   # both ends are open: the name is not needed any more
}

# tp_stream_tx SIDE QUEUE: TX-packets of the forwarding stream on that queue, from the
# per-stream block testpmd prints at stop when it runs more streams than ports.
tp_stream_tx() {
	tp_since "$1" | sed -n "/Forward Stats for RX Port= *[0-9]*\/Queue= *$2 /,/TX-packets/p" |
		sed -n 's/.*TX-packets: *\([0-9]*\).*/\1/p' | head -1
}
# tp_do SIDE COMMAND REGEX: send a command and wait 10 s for its answer.
tp_do() { tp "$1" "$2" && tp_wait "$1" "$3" 10; }
# tp_quit SIDE: quit testpmd; its exit status.
tp_quit() {
	local pid=$PID_A fd=3 rc
	[ "$1" = B ] && pid=$PID_B && fd=4
	stop_testpmd_fifo "$pid" "$fd"
	rc=$?
	if [ "$1" = A ]; then PID_A=; else PID_B=; fi
	return $rc
}

# ---- mcm-ctl ----

# lower_link SIDE: "up" or "down", the lower port's link as status shows it.
lower_link() {
	ctl "$1" --json -t 2 status
	[ "$RC" = 0 ] && jv link
}
# vc_stats SIDE VC: the VC's counters into V_<SIDE>_<counter> (tx_pdus rx_pdus rx_bytes
# tx_drops rx_crc_errors rx_len_errors); x when mcm-ctl fails.
vc_stats() {
	local k v
	ctl "$1" --json vc show "$2"
	for k in tx_pdus rx_pdus rx_bytes tx_drops rx_crc_errors rx_len_errors; do
		v=x
		[ "$RC" = 0 ] && v=$(jv "$k")
		printf -v "V_$1_$k" '%s' "${v:-x}"
	done
}
# make_call: call make ADDR_A from B; sets CALL_ID and CALL_VC, or fails with WHY.
make_call() {
	CALL_ID=
	CALL_VC=
	ctl B call make "$ADDR_A"
	if [ "$RC" != 0 ]; then
		WHY="call make: exit $RC: $ERR"
		return 1
	fi
	if [[ ! "$OUT" =~ ^call\ ([0-9]+)\ connected:\ VC\ (0/[0-9]+)\ to\ $HEX_A$ ]]; then
		WHY="call make: unexpected output: $OUT"
		return 1
	fi
	CALL_ID=${BASH_REMATCH[1]}
	CALL_VC=${BASH_REMATCH[2]}
}

# diag: what the ports' counters say, when counts do not match: the mcm port's and the lower
# port's non-zero xstats of each side (dpdk-telemetry.py, when installed: a help, not a need).
diag() {
	local s pfx p
	command -v dpdk-telemetry.py >/dev/null || return 0
	for s in A B; do
		pfx=$PFX_A
		[ "$s" = B ] && pfx=$PFX_B
		for p in 0 1; do
			echo "   $s port $p: $(echo "/ethdev/xstats,$p" |
				dpdk-telemetry.py -f "$pfx" 2>/dev/null | tr ',{}' '\n\n\n' |
				grep -vE ': 0$|bytes|size_|cast|^ *$|xstats' | tr -d ' \n')"
		done
	done
}

# num_eq A B / num_gt A B: numeric comparisons that fail (not error) on a non-number.
is_num() { [[ "$1" =~ ^[0-9]+$ ]]; }
num_eq() { is_num "$1" && is_num "$2" && [ "$1" -eq "$2" ]; }
num_gt() { is_num "$1" && is_num "$2" && [ "$1" -gt "$2" ]; }
# alive SIDE: the process runs and its testpmd still answers a command.
alive() {
	local pid=$PID_A port=$PORT_A
	[ "$1" = B ] && pid=$PID_B && port=$PORT_B
	kill -0 "$pid" 2>/dev/null || return 1
	tp "$1" "show port info $port"
	tp_wait "$1" "Infos for port $port" 5
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# start_both: B (the vhost-user server) then A; both up, port ids into PORT_x, LOWER_x.
start_both() {
	local s
	start_tp B || die "cannot start B"
	sleep 0.5
	start_tp A || die "cannot start A"
	T1=$(now)
	if wait_link B 20 && wait_link A 10; then
		pass
		info "Q=$Q: SSCOP READY and UNI up on both after $(since "$T1") s"
	else
		tail -20 "$TMP/A.log" "$TMP/B.log"
		die "Q=$Q: SSCOP/UNI not up on both within 20 s:" \
			"A $(link_state A), B $(link_state B)"
	fi
	for s in A B; do
		ctl "$s" --json status
		printf -v "PORT_$s" '%s' "$(jv port_id)"
		printf -v "LOWER_$s" '%s' "$(jv lower_port_id)"
	done
	check "port ids known (A $PORT_A/$LOWER_A, B $PORT_B/$LOWER_B)" \
		test -n "$PORT_A" -a -n "$LOWER_A" -a -n "$PORT_B" -a -n "$LOWER_B"
}

# pingpong SECONDS: io forwarding on both, B starting it with tx_first 4 (128 frames in
# flight, each sent on as soon as it arrives: both directions, no side outruns the other);
# B stops first, then A once what B sent has arrived.
pingpong() {
	tp A "set fwd io"
	check "A: set fwd io" tp_wait A 'Set io packet forwarding mode' 5
	tp A start
	check "A: io forwarding on the mcm port only" \
		tp_wait A "io packet forwarding - ports=1 " 5
	tp B "set fwd io"
	check "B: set fwd io" tp_wait B 'Set io packet forwarding mode' 5
	tp B "start tx_first 4"
	check "B: io forwarding (tx_first) on the mcm port only" \
		tp_wait B "io packet forwarding - ports=1 " 5
	sleep "$1"
	tp B stop
	check "B: forwarding stopped" tp_wait B '^Done\.' 10
	TP_B_TX=$(tp_stat B TX-packets)
	TP_B_RX=$(tp_stat B RX-packets)
	sleep 0.5
	tp A stop
	check "A: forwarding stopped" tp_wait A '^Done\.' 10
	TP_A_TX=$(tp_stat A TX-packets)
	TP_A_RX=$(tp_stat A RX-packets)
	sleep 0.3   # what A sent last reaches B's driver (its control thread polls B's queue)
	info "testpmd: B sent $TP_B_TX, received $TP_B_RX; A received $TP_A_RX, sent $TP_A_TX"
}

# vc_both_ways VC WHAT MIN: VC's counters on both sides after pingpong: every PDU one side
# sent the other received, more than MIN each way, no AAL5 error, no drop.
vc_both_ways() {
	local vc=$1 what=$2 min=$3 s
	vc_stats A "$vc"
	vc_stats B "$vc"
	info "$what $vc: B tx $V_B_tx_pdus -> A rx $V_A_rx_pdus; A tx $V_A_tx_pdus -> B rx" \
		"$V_B_rx_pdus PDUs"
	check "$what: B sent more than $min PDUs on $vc ($V_B_tx_pdus)" num_gt "$V_B_tx_pdus" "$min"
	check "$what: A sent more than $min PDUs on $vc ($V_A_tx_pdus)" num_gt "$V_A_tx_pdus" "$min"
	check "$what: A received every PDU B sent ($V_A_rx_pdus = $V_B_tx_pdus)" \
		num_eq "$V_A_rx_pdus" "$V_B_tx_pdus" || diag
	check "$what: B received every PDU A sent ($V_B_rx_pdus = $V_A_tx_pdus)" \
		num_eq "$V_B_rx_pdus" "$V_A_tx_pdus" || diag
	for s in A B; do
		local crc=V_${s}_rx_crc_errors len=V_${s}_rx_len_errors drops=V_${s}_tx_drops
		check "$what: $s: 0 AAL5 CRC errors on $vc (${!crc})" num_eq "${!crc}" 0
		check "$what: $s: 0 AAL5 length errors on $vc (${!len})" num_eq "${!len}" 0
		check "$what: $s: 0 tx drops on $vc (${!drops})" num_eq "${!drops}" 0
	done
	check "$what: testpmd: A received every frame B sent ($TP_A_RX = $TP_B_TX)" \
		num_eq "$TP_A_RX" "$TP_B_TX"
	check "$what: testpmd: B received what A sent but 128 in flight ($TP_B_RX of $TP_A_TX)" \
		eval 'num_gt $((TP_B_RX + 129)) "$TP_A_TX" && ! num_gt "$TP_B_RX" "$TP_A_TX"'
}

T_START=$(now)
# ================= 1. Q=1: signalling up =================
info "1. Q=1: B (virtio_user, server) and A (vhost, client) started"
start_both
ctl A --json status
check "A status: role network, lower net_vhost0, address $HEX_A, sig on, link up" \
	test "$RC $(jv role) $(jv lower) $(jv addr) $(jv sig) $(jv link)" = \
	"0 network net_vhost0 $HEX_A on up"
ctl B --json status
check "B status: role user, lower net_virtio_user0, address $HEX_B, sig on, link up" \
	test "$RC $(jv role) $(jv lower) $(jv addr) $(jv sig) $(jv link)" = \
	"0 user net_virtio_user0 $HEX_B on up"
for s in A B; do
	ctl "$s" status
	check "$s: status shows sscop_state READY" out_has '^sscop_state: +READY$'
	check "$s: status shows uni_state up" out_has '^uni_state: +up$'
	lower=LOWER_$s
	port=PORT_$s
	check "$s: testpmd configured the mcm port ${!port}" \
		grep -q "^Configuring Port ${!port} " "$TMP/$s.log"
	check "$s: testpmd left the lower port ${!lower} to mcm" \
		not grep -q "^Configuring Port ${!lower} " "$TMP/$s.log"
done

# ================= 2. PVC both ways =================
info "2. PVC $PVC: io forwarding both ways"
pingpong 2
vc_both_ways "$PVC" PVC 1000
PVC_A_RX=$V_A_rx_pdus
PVC_B_RX=$V_B_rx_pdus

# ================= 3. SVC =================
info "3. SVC: sap add on A, call make on B, traffic, call release"
ctl A sap add "$ADDR_A"
check "A: sap add" out_has "^sap [0-9]+ registered for $HEX_A$"
check "B: call make connects" make_call || echo "   $WHY"
info "call $CALL_ID on VC $CALL_VC"
ctl B call list
check "B: call list: $CALL_ID $CALL_VC active U10 out to $HEX_A" \
	out_has "^ *$CALL_ID +$CALL_VC +active +U10 +out +$HEX_A "
ctl A call list
check "A: call list: $CALL_VC active N10 in from $HEX_B" \
	out_has "^ *[0-9]+ +$CALL_VC +active +N10 +in +$HEX_A +$HEX_B "
for s in A B; do
	ctl "$s" vc list
	check "$s: vc list shows $CALL_VC as an active svc" out_has "^$CALL_VC +svc +active +up +- +5 "
	ctl "$s" bind default "$CALL_VC"
	check "$s: bind default $CALL_VC" out_has "^default vc $CALL_VC$"
done
pingpong 1
vc_both_ways "$CALL_VC" SVC 100
vc_stats A "$PVC"
vc_stats B "$PVC"
check "SVC: nothing more on the PVC (rx A $PVC_A_RX -> $V_A_rx_pdus, B $PVC_B_RX -> $V_B_rx_pdus)" \
	test "$V_A_rx_pdus/$V_B_rx_pdus" = "$PVC_A_RX/$PVC_B_RX"
ctl B call release "$CALL_ID"
check "B: call release $CALL_ID: cause 16 (normal call clearing)" \
	out_has "^call $CALL_ID released: VC $CALL_VC, cause 16 \(normal call clearing\)$"
check "B: no call left" wait_no_calls B 3
check "A: no call left" wait_no_calls A 3
check "B: $CALL_VC gone from vc list" not vc_listed B "$CALL_VC"
check "A: $CALL_VC gone from vc list" not vc_listed A "$CALL_VC"
for s in A B; do
	check "$s: nothing crashed" no_crash "$s"
done
tp_quit B
check "Q=1: B quit with exit status 0 ($?)" test $? = 0
tp_quit A
check "Q=1: A quit with exit status 0 ($?)" test $? = 0

# ================= 4. Q=2: one PVC from both queues =================
Q=2
info "4. Q=2: B sends 1500-byte frames on $PVC from both queues (two lcores), A receives"
start_both
tp A "set fwd rxonly"
check "A: set fwd rxonly" tp_wait A 'Set rxonly packet forwarding mode' 5
tp A start
check "A: rxonly on the mcm port, 2 cores, 2 streams" \
	tp_wait A 'rxonly packet forwarding - ports=1 - cores=2 - streams=2 ' 5
tp B "set fwd txonly"
check "B: set fwd txonly" tp_wait B 'Set txonly packet forwarding mode' 5
tp B start
check "B: txonly on the mcm port, 2 cores, 2 streams" \
	tp_wait B 'txonly packet forwarding - ports=1 - cores=2 - streams=2 ' 5
check "B: 1500-byte frames" tp_wait B 'packet len=1500 ' 1
sleep 2
tp B stop
check "B: forwarding stopped" tp_wait B '^Done\.' 10
Q0=$(tp_stream_tx B 0)
Q1=$(tp_stream_tx B 1)
sleep 0.5
tp A stop
check "A: forwarding stopped" tp_wait A '^Done\.' 10
info "B's streams sent ${Q0:-?} (queue 0) and ${Q1:-?} (queue 1) frames"
check "B: queue 0 sent frames (${Q0:-none})" num_gt "${Q0:-x}" 100
check "B: queue 1 sent frames (${Q1:-none})" num_gt "${Q1:-x}" 100
vc_stats A "$PVC"
vc_stats B "$PVC"
info "B tx $V_B_tx_pdus PDUs -> A rx $V_A_rx_pdus PDUs, $V_A_rx_bytes bytes," \
	"$V_A_rx_crc_errors CRC / $V_A_rx_len_errors length errors"
check "A: 0 AAL5 CRC errors on $PVC ($V_A_rx_crc_errors)" num_eq "$V_A_rx_crc_errors" 0
check "A: 0 AAL5 length errors on $PVC ($V_A_rx_len_errors)" num_eq "$V_A_rx_len_errors" 0
check "B: sent both queues' frames on $PVC ($V_B_tx_pdus = $Q0 + $Q1)" \
	num_eq "$V_B_tx_pdus" "$((${Q0:-0} + ${Q1:-0}))"
check "A: received every PDU ($V_A_rx_pdus = $V_B_tx_pdus)" num_eq "$V_A_rx_pdus" "$V_B_tx_pdus" ||
	diag
check "A: 1500 bytes a PDU ($V_A_rx_bytes / $V_A_rx_pdus)" \
	eval 'num_gt "$V_A_rx_pdus" 0 && num_eq "$V_A_rx_bytes" $((V_A_rx_pdus * 1500))'
check "B: 0 tx drops on $PVC ($V_B_tx_drops)" num_eq "$V_B_tx_drops" 0
ctl A --json status
check "A: 0 AAL5 errors on the port ($(jv aal5_errors))" test "$RC/$(jv aal5_errors)" = 0/0

# ================= 5. peer loss and return =================
info "5. kill -9 A (vhost); B must see the link go and come back when A restarts"
kill -9 "$PID_A"
wait "$PID_A" 2>/dev/null
check "A killed by SIGKILL (exit $?)" test $? = 137
PID_A=
exec 3>&-
T5=$(now)
down=0
for _ in $(seq 1 40); do
	[ "$(lower_link B)" = down ] && down=1 && break
	sleep 0.25
done
T_DOWN=$(since "$T5")
check "B: lower link (virtio_user) down within 10 s (after $T_DOWN s)" test $down = 1
gone=0
for _ in $(seq 1 $((LOST_LINK_S * 4))); do
	st=$(link_state B)
	[ "${st%% *}" != READY ] && gone=1 && break
	sleep 0.25
done
T_GONE=$(since "$T5")
check "B: SSCOP no longer READY within $LOST_LINK_S s (after $T_GONE s: $st)" test $gone = 1
info "B: lower link down $T_DOWN s after the kill, SSCOP/UNI '$st' after $T_GONE s"
ctl B status
check "B: status shows link down" out_has '^link: +down$'
check "B: alive and answering" alive B
check "B: nothing crashed" no_crash B
info "   A restarted with the same arguments"
T5=$(now)
start_tp A || fail "cannot restart A"
if wait_link A 20 && wait_link B 5; then
	pass
	info "link back on both $(since "$T5") s after the restart, nothing asked of B"
else
	fail "link not re-established: A $(link_state A), B $(link_state B)"
fi
check "B: virtio_user accepted the restarted vhost client" \
	grep -q 'server mode virtio-user reconnection succeeds' "$TMP/B.log"
check "B: status shows link up" test "$(lower_link B)" = up
ctl A --json status
PORT_A=$(jv port_id)
check "restarted A: status, port $PORT_A" test "$RC" = 0 -a -n "$PORT_A"
vc_stats B "$PVC"
B_TX0=$V_B_tx_pdus
B_RX0=$V_B_rx_pdus
pingpong 1
vc_stats A "$PVC"
vc_stats B "$PVC"
info "after the return: B tx $B_TX0 -> $V_B_tx_pdus, rx $B_RX0 -> $V_B_rx_pdus; A rx" \
	"$V_A_rx_pdus, tx $V_A_tx_pdus"
check "after the return: A received on $PVC ($V_A_rx_pdus)" num_gt "$V_A_rx_pdus" 100
check "after the return: A received every PDU B sent ($V_A_rx_pdus = $V_B_tx_pdus - $B_TX0)" \
	eval 'is_num "$B_TX0" && num_eq "$V_A_rx_pdus" $((V_B_tx_pdus - B_TX0))' || diag
check "after the return: B received every PDU A sent ($V_B_rx_pdus - $B_RX0 = $V_A_tx_pdus)" \
	eval 'is_num "$B_RX0" && num_eq $((V_B_rx_pdus - B_RX0)) "$V_A_tx_pdus"' || diag
check "after the return: 0 CRC/length errors on A ($V_A_rx_crc_errors/$V_A_rx_len_errors)" \
	test "$V_A_rx_crc_errors/$V_A_rx_len_errors" = 0/0
check "after the return: 0 CRC/length errors on B ($V_B_rx_crc_errors/$V_B_rx_len_errors)" \
	test "$V_B_rx_crc_errors/$V_B_rx_len_errors" = 0/0

# ================= end: both quit cleanly =================
for s in A B; do
	check "$s: nothing crashed" no_crash "$s"
done
# B first: its virtio_user registered a link interrupt on the socket of each vhost
# connection; it must be gone when the socket closes (an EAL panic at exit otherwise)
tp_quit B
check "B: quit with exit status 0 ($?)" test $? = 0
check "B: no EAL panic at exit" not grep -q PANIC "$TMP/B.log"
tp_quit A
check "A: quit with exit status 0 ($?)" test $? = 0
info "total $(since "$T_START") s"

summary
