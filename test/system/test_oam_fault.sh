#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# System test of I.610 fault management as a user sees it (issue 10): two dpdk-testpmd
# processes, U (role=user) and N (role=network), each with one net_mcm port with PVC 0/100
# on its end of a net_memif pair (server in U, client in N), looked at with mcm-ctl.
#  1. Both up: 0/100 is listed oper up with no defect (vc list, vc show, --json).
#  2. oam cc 0/100 on at both ends: CC cells go both ways, no loss of continuity; off again.
#  3. kill -9 of N: U's vc list and vc show give 0/100 down, in the AIS state, cause
#     link_down (the memif link follows its peer), U alive.
#  4. N restarted with the same arguments: U's 0/100 up again, no defect, with no command.
# Every process is killed on exit.
#
# Usage: test_oam_fault.sh [MCM_CTL [LIBRTE_NET_MCM_SO]]
#   defaults: build/app/mcm-ctl/mcm-ctl and build/drivers/net/mcm/librte_net_mcm.so of the
#   source tree; $TESTPMD overrides dpdk-testpmd. A missing tool is a failure, not a skip.
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MCM_CTL=${1:-$ROOT/build/app/mcm-ctl/mcm-ctl}
PMD=${2:-$ROOT/build/drivers/net/mcm/librte_net_mcm.so}
TESTPMD=${TESTPMD:-dpdk-testpmd}
TAG=mcm-oamf-$$
PFX_U=$TAG-u
PFX_N=$TAG-n
SOCK=/run/$TAG.sock
ADDR_U=47.0005.80ffe1000000f21a3322.0020481a3301.00
ADDR_N=47.0005.80ffe1000000f21a3322.0020481a3302.00
. "$ROOT/test/system/lib.sh"
TP_FD=([U]=3 [N]=4)
TP_PFX=([U]=$PFX_U [N]=$PFX_N)
PID_U=
PID_N=
PMD_STAGED=
if [ "$(id -u)" = 0 ]; then RUNDIR=/var/run; else RUNDIR=${XDG_RUNTIME_DIR:-/tmp}; fi

tp_prepare oamf "$TESTPMD" stdbuf mkfifo

cleanup() { tp_finish "$PID_N" "$PID_U" "$SOCK" "$RUNDIR/dpdk/$PFX_U" "$RUNDIR/dpdk/$PFX_N"; }
trap cleanup EXIT
trap 'exit 1' INT TERM HUP


# oper SIDE: "OPER OAM CAUSE" of 0/100 from vc show --json ("-" for an empty field)
oper() {
	ctl "$1" --json vc show 0/100
	if [ "$RC" != 0 ]; then echo unreachable; return; fi
	local o a c
	o=$(jv oper)
	a=$(jv oam)
	c=$(jv cause)
	echo "${o:--} ${a:--} ${c:--}"
}

# ================= 1. both up =================
info "1. U and N started, PVC 0/100 on both"
tp_start_un U pvc=0/100 || die "cannot start U"
sleep 0.5   # U's memif server socket first
tp_start_un N pvc=0/100 || die "cannot start N"
if wait_link U 20 && wait_link N 10; then
	pass
else
	tail -20 "$TMP/U.log" "$TMP/N.log"
	die "SSCOP/UNI not up on both within 20 s: U $(link_state U), N $(link_state N)"
fi
for s in U N; do
	check "$s: 0/100 oper up, no defect (vc show --json: $(oper "$s"))" \
		wait_until 5 "up - -" oper "$s"
	ctl "$s" vc list
	check "$s: vc list has OPER and OAM columns" out_has '^VPI/VCI +TYPE +STATE +OPER +OAM '
	check "$s: vc list shows 0/100 up, no defect" out_has '^0/100 +pvc +active +up +- +5 '
	ctl "$s" vc show 0/100
	check "$s: vc show: oper up" out_has '^oper: +up$'
	check "$s: vc show: continuity check off" out_has '^oam_cc: +off$'
done

info "   a switched VC: sap add on N, call make from U"
ctl N sap add "$ADDR_N"
check "N: sap add" out_has '^sap [0-9]+ registered'
ctl U call make "$ADDR_N"
check "U: call make connects" out_has '^call [0-9]+ connected: VC 0/[0-9]+ '
SVC=$(sed -n 's/^call [0-9]* connected: VC \(0\/[0-9]*\) .*/\1/p' <<<"$OUT")
for s in U N; do
	ctl "$s" vc list
	check "$s: vc list shows the SVC $SVC up, no defect" out_has "^$SVC +svc +active +up +- +5 " ||
		echo "$OUT"
done
ctl U call release "$SVC"
check "U: call released" out_has '^call [0-9]+ released'

# ================= 2. continuity check =================
info "2. oam cc 0/100 on at both ends"
for s in U N; do
	ctl "$s" oam cc 0/100 on
	check "$s: oam cc 0/100 on" out_has '^vc 0/100 continuity check on$'
done
ctl U oam cc 0/100
check "U: oam cc 0/100 asks: on" out_has '^vc 0/100 continuity check on$'
ctl U oam cc 0/16 on
check "U: oam cc on a reserved VC refused (exit 2)" test "$RC" = 2
ctl U oam cc 0/999 on
check "U: oam cc on a VC the port does not have refused (exit 1): $ERR" test "$RC" = 1
sleep 4
for s in U N; do
	ctl "$s" --json vc show 0/100
	IN=$(jv oam_in_cc)
	OUTCC=$(jv oam_out_cc)
	check "$s: CC cells out ($OUTCC) and in ($IN), 2..5 each in 4 s" \
		test "${OUTCC:-0}" -ge 2 -a "${OUTCC:-0}" -le 5 -a "${IN:-0}" -ge 2 -a "${IN:-0}" -le 5
	check "$s: idle VC with CC on both ends: up, no defect ($(oper "$s"))" \
		test "$(oper "$s")" = "up - -"
	ctl "$s" oam cc 0/100 off
	check "$s: oam cc 0/100 off" out_has '^vc 0/100 continuity check off$'
done

# ================= 3. the peer killed =================
info "3. kill -9 N"
kill -9 "$PID_N"
wait "$PID_N" 2>/dev/null
check "N killed by SIGKILL (exit $?)" test $? = 137
PID_N=
T3=$(date +%s.%N)
check "U: 0/100 down, ais, cause link_down within 10 s ($(oper U))" \
	wait_until 10 "down ais link_down" oper U
info "U saw it after $(awk -v a="$T3" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
ctl U vc list
check "U: vc list shows 0/100 down (link_down), ais" \
	out_has '^0/100 +pvc +active +down \(link_down\) +ais +5 '
ctl U vc show 0/100
check "U: vc show: oper down" out_has '^oper: +down$'
check "U: vc show: oam ais" out_has '^oam: +ais$'
check "U: vc show: cause link_down" out_has '^cause: +link_down$'
ctl U --json status
PORT_U=$(jv port_id)
tp U "show port info $PORT_U"
check "U: alive and answering" tp_wait U "Infos for port $PORT_U" 5
check "U: nothing crashed" no_crash U

# ================= 4. the peer back =================
info "4. N restarted with the same arguments"
tp_start_un N pvc=0/100 || fail "cannot restart N"
check "U: 0/100 up again, no defect, within 20 s ($(oper U))" wait_until 20 "up - -" oper U
check "N: 0/100 up, no defect ($(oper N))" wait_until 10 "up - -" oper N
ctl U vc list
check "U: vc list shows 0/100 up again" out_has '^0/100 +pvc +active +up +- +5 '

# ================= end: both quit cleanly =================
for s in U N; do
	check "$s: nothing crashed" no_crash "$s"
done
stop_testpmd_fifo "$PID_N" 4
check "N: quit with exit status 0 ($?)" test $? = 0
PID_N=
stop_testpmd_fifo "$PID_U" 3
check "U: quit with exit status 0 ($?)" test $? = 0
PID_U=

summary
