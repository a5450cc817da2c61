#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# System test of `mcm-ctl oam ping` (I.610 loopback) against dpdk-testpmd:
#  1. one testpmd with two mcm ports over a memif pair (0/100 on both, 0/101 on net_mcm0
#     only): F5 end-to-end and segment and F4 pings get a line per reply and the summary
#     (sent, received, loss, min/avg/max RTT), exit 0; --json parsed by Python agrees; a VC
#     the peer does not have gives 100% loss and exit 1; a VC the port does not have, and
#     bad arguments, are refused (exit 1, 2); SIGINT stops a run and still prints the summary;
#     the VC's OAM counters count the pings.
#  2. the wire: an mcm port on a net_pcap lower port reads loopback cells a Python script
#     wrote (F5 and F4, with CRC-10) and writes what it sends to a pcap file while mcm-ctl
#     pings (no peer: every ping times out). tshark, told that the PW label is an ATM N:1 CW
#     pseudowire, must decode every cell as an OAM fault-management loopback cell with no
#     malformed frame: the pings (indication 1) and the answers (indication 0, tags kept).
# mcm-ctl runs with -t 15: the machine may be loaded (a telemetry greeting was seen to take
# over 5 s there).
# Usage: test_oam_ping.sh MCM_CTL LIBRTE_NET_MCM_SO
#   $TESTPMD overrides dpdk-testpmd. A missing tool is a failure, not a skip.
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MCM_CTL=${1:-$ROOT/build/app/mcm-ctl/mcm-ctl}
PMD=${2:-$ROOT/build/drivers/net/mcm/librte_net_mcm.so}
TESTPMD=${TESTPMD:-dpdk-testpmd}
SOCK=/run/mcm-ping-$$.sock
LABEL=1234
. "$ROOT/test/system/lib.sh"
if [ "$(id -u)" = 0 ]; then RUNDIR=/var/run; else RUNDIR=${XDG_RUNTIME_DIR:-/tmp}; fi
for f in "$MCM_CTL" "$PMD"; do
	[ -e "$f" ] || die "$f not built"
done
need "$TESTPMD" tshark python3 timeout
TMP=$(mktemp -d /tmp/mcm-oam-ping.XXXXXX)
. "$ROOT/usertools/lib/mcm-common.sh"
PMD=$(mcm_stage_plugin "$PMD") || exit 1
PIDS=()
TP_PFX[A]=mcm-ping-a-$$
TP_PFX[W]=mcm-ping-w-$$

cleanup() {
	local i
	for i in "${!PIDS[@]}"; do
		stop_testpmd_fifo "${PIDS[$i]}" "$((3 + i))"
	done
	exec 3>&- 4>&- 2>/dev/null
	rm -rf "$TMP" "$SOCK" "$RUNDIR/dpdk/${TP_PFX[A]}" "$RUNDIR/dpdk/${TP_PFX[W]}"
	mcm_unstage_plugin "$PMD"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# start SIDE FD VDEV...: testpmd (interactive, commands on FIFO fd FD) with those vdevs;
# returns once mcm-ctl reaches it.
start() {
	local side=$1 fd=$2 i
	shift 2
	mkfifo "$TMP/$side.cmd"
	eval "exec $fd<>\"\$TMP/\$side.cmd\""
	TP_FD[$side]=$fd
	"$TESTPMD" -l 0-1 --no-huge -m 512 --no-pci --file-prefix "${TP_PFX[$side]}" -d "$PMD" \
		"$@" -- -i --no-mlockall --total-num-mbufs=8192 --no-lsc-interrupt \
		<&"$fd" >"$TMP/$side.log" 2>&1 &
	PIDS+=($!)
	for i in $(seq 1 60); do
		"$MCM_CTL" -f "${TP_PFX[$side]}" -t 1 status >/dev/null 2>&1 && return 0
		sleep 0.5
	done
	tail -20 "$TMP/$side.log"
	die "testpmd $side did not come up"
}

# py WHAT EXPR: a Python expression over v, the JSON document in OUT.
py() {
	if python3 -c 'import json, sys
v = json.loads(sys.stdin.read())
sys.exit(0 if ('"$2"') else 1)' <<<"$OUT"; then pass; else fail "$1: not ($2):"$'\n'"$OUT"; fi
}

# summary_ok WHAT SENT RECEIVED LOSS: the summary lines of a human run in OUT
summary_ok() {
	local what=$1
	check "$what: summary ($OUT)" grep -Eq "^$2 sent, $3 received, $4% loss, time [0-9]+ ms\$" \
		<<<"$OUT"
	if [ "$3" -gt 0 ]; then
		# min <= avg <= max, all > 0
		check "$what: rtt min/avg/max" awk -F'[ /=]+' '/^rtt min\/avg\/max/ {
			ok = $5 > 0 && $5 <= $6 && $6 <= $7; found = 1 }
			END { exit !(found && ok) }' <<<"$OUT"
	else
		check "$what: no rtt line without a reply" test "$(grep -c '^rtt' <<<"$OUT")" = 0
	fi
}

# ---------------------------------------------------------------- 1: two ports over memif
start A 3 --vdev=net_memif0,role=server,socket="$SOCK" \
	--vdev=net_memif1,role=client,socket="$SOCK" \
	--vdev=net_mcm0,lower=net_memif0,pvc=[0/100,0/101] \
	--vdev=net_mcm1,lower=net_memif1,role=network,pvc=0/100
# the first ping needs the memif link up: signalling up on net_mcm0 says it is (a ping sent
# before it is refused: "cannot send")
check "A: signalling up" wait_link A 20

ctl A -t 15 oam ping 0/100 count 3 interval 100
check "F5 end-to-end: exit 0 ($RC: $ERR)" test "$RC" = 0
check "F5 end-to-end: header" grep -Eq \
	'^OAM PING 0/100 F5 end-to-end on port net_mcm0: 3 loopbacks, interval 100 ms, timeout 2000 ms$' \
	<<<"$OUT"
check "F5 end-to-end: three reply lines ($OUT)" test "$(grep -Ec \
	'^reply from 0/100: seq=[123] tag=0x[0-9a-f]{8} time=[0-9]+\.[0-9]{3} ms$' <<<"$OUT")" = 3
check "F5 end-to-end: statistics line" grep -q '^--- 0/100 OAM loopback statistics ---$' <<<"$OUT"
summary_ok "F5 end-to-end" 3 3 0
check "F5 end-to-end: nothing on stderr ($ERR)" test -z "$ERR"

ctl A -t 15 oam ping 0/100 segment count 2 interval 50
check "F5 segment: exit 0 ($RC: $ERR)" test "$RC" = 0
check "F5 segment: header" grep -q '^OAM PING 0/100 F5 segment ' <<<"$OUT"
summary_ok "F5 segment" 2 2 0

ctl A -t 15 oam ping 0 count 2 interval 50
check "F4 end-to-end: exit 0 ($RC: $ERR)" test "$RC" = 0
check "F4 end-to-end: reply lines" test "$(grep -c '^reply from VP 0: seq=' <<<"$OUT")" = 2
summary_ok "F4 end-to-end" 2 2 0
ctl A -t 15 oam ping 9 segment count 1
check "F4 segment on VP 9: exit 0 ($RC: $ERR)" test "$RC" = 0
summary_ok "F4 segment" 1 1 0

# the other way, from net_mcm1
OUT=$("$MCM_CTL" -f "${TP_PFX[A]}" -t 15 -p net_mcm1 oam ping 0/100 count 2 interval 50 2>&1)
RC=$?
check "net_mcm1 -> net_mcm0: exit 0 ($RC)" test "$RC" = 0
summary_ok "net_mcm1 -> net_mcm0" 2 2 0

ctl A -t 15 --json oam ping 0/100 count 4 interval 50
check "--json: exit 0 ($RC: $ERR)" test "$RC" = 0
py "--json totals" 'v["sent"] == 4 and v["received"] == 4 and v["loss_pct"] == 0 and
	v["vpi"] == 0 and v["vci"] == 100 and v["flow"] == "f5_end" and v["count"] == 4 and
	v["interrupted"] is False'
py "--json pings" '[p["seq"] for p in v["pings"]] == [1, 2, 3, 4] and
	all(p["result"] == "reply" and p["rtt_ms"] > 0 for p in v["pings"]) and
	len(set(p["tag"] for p in v["pings"])) == 4'
py "--json rtt" '0 < v["rtt_min_ms"] <= v["rtt_avg_ms"] <= v["rtt_max_ms"] and
	abs(v["rtt_avg_ms"] - sum(p["rtt_ms"] for p in v["pings"]) / 4) < 1e-6'

# the VC's OAM counters: every F5 ping of net_mcm0 on 0/100 (3 + 2 + 4) sent and answered
ctl A -t 15 --json vc show 0/100
py "vc show counts the pings" 'v["oam_out_lb"] == 9 and v["oam_pings_answered"] == 9 and
	v["oam_in_lb_reply"] == 9 and v["oam_in_lb"] == 2 and v["oam_out_lb_reply"] == 2'

# 0/101: net_mcm0 has it, the peer does not: every loopback times out
ctl A -t 15 oam ping 0/101 count 2 interval 50 timeout 300
check "absent on the peer: exit 1 ($RC)" test "$RC" = 1
check "absent on the peer: no-reply lines" test "$(grep -Ec \
	'^no reply from 0/101: seq=[12] tag=0x[0-9a-f]{8} timeout 300 ms$' <<<"$OUT")" = 2
summary_ok "absent on the peer" 2 0 100
check "absent on the peer: one stderr line ($ERR)" test \
	"$ERR" = "mcm-ctl: no reply from 0/101: 2 sent, 100% loss"
ctl A -t 15 --json oam ping 0/101 count 1 timeout 200
check "absent on the peer, --json: exit 1 ($RC)" test "$RC" = 1
py "absent on the peer, --json" 'v["sent"] == 1 and v["received"] == 0 and
	v["loss_pct"] == 100 and v["rtt_min_ms"] is None and v["pings"][0]["result"] == "timeout"'

# refused: a VC the port does not have (the application), bad arguments (mcm-ctl)
ctl A -t 15 oam ping 0/555 count 1
check "no such VC: exit 1 ($RC)" test "$RC" = 1
check "no such VC: message ($ERR)" test "$ERR" = "mcm-ctl: no VC 0/555"
check "no such VC: no output ($OUT)" test -z "$OUT"
for bad in "0/100 count 0" "0/100 timeout 60001" "0/100 bogus" "0/100 count" "0/70000" \
	"4096" "0/100 end segment"; do
	# shellcheck disable=SC2086
	ctl A -t 15 oam ping $bad
	check "oam ping $bad: exit 2 ($RC: $ERR)" test "$RC" = 2
done

# SIGINT: the run stops, the summary is printed, exit 0 (replies came)
"$MCM_CTL" -f "${TP_PFX[A]}" -t 15 -p net_mcm0 oam ping 0/100 count 100 interval 200 \
	>"$TMP/int.out" 2>"$TMP/int.err" &
ipid=$!
# once two replies are out (the handler is installed), the third loopback may be waiting
for _ in $(seq 1 100); do
	[ "$(grep -c '^reply from' "$TMP/int.out")" -ge 2 ] && break
	sleep 0.1
done
sleep 0.1
kill -INT $ipid
wait $ipid
RC=$?
OUT=$(<"$TMP/int.out")
check "SIGINT: exit 0 ($RC: $(<"$TMP/int.err"))" test "$RC" = 0
n=$(grep -c '^reply from 0/100' <<<"$OUT")
check "SIGINT: stopped early ($n replies)" test "$n" -ge 2 -a "$n" -lt 100
check "SIGINT: summary printed ($OUT)" grep -Eq "^$n sent, $n received, 0% loss" <<<"$OUT"

# ---------------------------------------------------------------- 2: the wire, tshark
# Loopback cells for net_mcm0 (F5 end-to-end on 0/100 tags 0x11110001.., F4 end-to-end on
# VP 3 tag 0x22220001) in PW frames of label LABEL, with their CRC-10 (I.610 10.1).
python3 - "$TMP/in.pcap" "$LABEL" <<'EOF'
import struct, sys

def crc10(data):
    # the remainder of the payload's bits (CRC field zero) divided by
    # x^10 + x^9 + x^5 + x^4 + x + 1, as the driver computes it
    rem = 0
    for byte in data:
        for i in range(7, -1, -1):
            rem = rem << 1 | (byte >> i) & 1
            if rem & 0x400:
                rem ^= 0x633
    return rem

def cell(vpi, vci, pti, tag):
    hdr = struct.pack(">I", vpi << 20 | vci << 4 | pti << 1)
    pl = bytearray(b"\x6a" * 48)
    pl[0] = 0x18                      # fault management, loopback
    pl[1] = 0x01                      # loopback indication 1
    pl[2:6] = struct.pack(">I", tag)
    pl[6:22] = b"\xff" * 16           # location: the end point
    pl[46] = 0
    pl[47] = 0
    c = crc10(bytes(pl))
    pl[46] = c >> 8
    pl[47] = c & 0xff
    return hdr + bytes(pl)

label = int(sys.argv[2])
eth = b"\xff" * 6 + b"\x02\x00\x00\x00\x00\x42" + b"\x88\x47"
mpls = struct.pack(">I", label << 12 | 0x100 | 0xff)
cells = [cell(0, 100, 5, 0x11110001 + i) for i in range(3)] + [cell(3, 4, 0, 0x22220001)]
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for c in cells:
        frame = eth + mpls + b"\x00" * 4 + c
        f.write(struct.pack("<IIII", 0, 0, len(frame), len(frame)) + frame)
EOF
check "input pcap written" test -s "$TMP/in.pcap"
start W 4 --vdev=net_pcap0,rx_pcap="$TMP/in.pcap",tx_pcap="$TMP/wire.pcap" \
	--vdev=net_mcm0,lower=net_pcap0,sig=off,pvc=0/100,pw_label=$LABEL,peer_mac=02:00:00:00:00:42
# with signalling off only a polled port takes cells in (no control-thread polling)
tp W "set fwd rxonly"
tp W "start"
ctl W -t 15 oam ping 0/100 count 3 interval 10 timeout 100
check "no peer on the pcap port: exit 1 ($RC)" test "$RC" = 1
summary_ok "no peer on the pcap port" 3 0 100
ctl W -t 15 oam ping 5 count 1 timeout 100
check "F4 ping on the pcap port: exit 1 ($RC)" test "$RC" = 1
tp W "show port xstats all"
stop_testpmd_fifo "${PIDS[1]}" 4
unset 'PIDS[1]'
# testpmd's output reaches its log when it exits
check "pcap port: the 4 loopback cells read were answered" \
	test "$(log_xstat "$TMP/W.log" oam_lb_answered)" = 4
check "pcap port: 4 pings sent, 4 timed out" test \
	"$(log_xstat "$TMP/W.log" oam_pings_sent) $(log_xstat "$TMP/W.log" oam_pings_timeout)" = "4 4"

dec=(-r "$TMP/wire.pcap" -d "mpls.label==$LABEL,mplspwatmn1cw")
ts "wire: malformed filter" "$TMP/bad.txt" "${dec[@]}" -Y '_ws.malformed' -T fields \
	-e frame.number
check "wire: no malformed frame ($(wc -l <"$TMP/bad.txt"))" test ! -s "$TMP/bad.txt"
# one line a cell: VPI, VCI, PTI, OAM type, function type, function-specific octets
ts "wire: OAM fields" "$TMP/oam.txt" "${dec[@]}" -Y atm.aal_oamcell.type -T fields \
	-E occurrence=f -e atm.vpi -e atm.vci -e atm.pti -e atm.aal_oamcell.type \
	-e atm.aal_oamcell.type.fm -e atm.aal_oamcell.func_spec
ts "wire: every frame" "$TMP/all.txt" "${dec[@]}" -T fields -e frame.number
frames=$(wc -l <"$TMP/all.txt")
cells=$(wc -l <"$TMP/oam.txt")
echo "wire: $frames frames, $cells OAM cells decoded"
# 3 F5 pings and 1 F4 ping (indication 1), 3 F5 answers and 1 F4 answer (indication 0)
check "wire: every frame holds a decoded OAM cell ($cells of $frames)" test "$cells" = "$frames"
check "wire: 8 OAM cells ($cells)" test "$cells" = 8
# func_spec: the loopback indication octet, then the tag (tshark prints hex without ':')
lb() { awk -F'\t' -v vpi="$1" -v vci="$2" -v pti="$3" -v ind="$4" -v tag="${5:-}" '
	$1 == vpi && $2 == vci && $3 == pti && $4 == 1 && $5 == 8 &&
	substr($6, 1, 2) == ind && (tag == "" || substr($6, 3, 8) == tag) { n++ }
	END { print n + 0 }' "$TMP/oam.txt"; }
check "wire: 3 F5 pings on 0/100 (PTI 5, FM loopback, indication 1)" test "$(lb 0 100 5 01)" = 3
check "wire: 1 F4 ping on VP 5 (VCI 4)" test "$(lb 5 4 0 01)" = 1
for t in 11110001 11110002 11110003; do
	check "wire: answer on 0/100, indication 0, tag $t" test "$(lb 0 100 5 00 $t)" = 1
done
check "wire: F4 answer on VP 3, tag kept" test "$(lb 3 4 0 00 22220001)" = 1
if [ "$FAILED" -ne 0 ]; then
	echo "---- wire"; cat "$TMP/oam.txt"; grep -i "oam\|xstat" "$TMP/W.log"
	for f in "$TMP"/*.log; do echo "---- $f"; tail -15 "$f"; done
fi
summary
