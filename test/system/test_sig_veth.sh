#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# System test of UNI signalling over a real L2 link: two network namespaces joined by a veth
# pair, one dpdk-testpmd in each with net_af_packet0 on its veth end (or net_tap0, see below)
# as the lower port of net_mcm0 (role=user in one, role=network in the other). The SSCOP/UNI
# link must come up on both, the network side registers a SAP, the user side makes a call to
# it, testpmd's txonly frames cross the switched VC to the rxonly side without AAL5 errors,
# and the release clears the call on both sides. tshark checks the wire (the PW frames on the
# veth) and the driver's signalling capture (Q.2931 messages). mcm-ctl reaches both testpmd
# processes from the root namespace through their telemetry sockets (a filesystem path).
#
# Usage: test_sig_veth.sh MCM_CTL LIBRTE_NET_MCM_SO [af_packet|tap]
#   $TESTPMD overrides dpdk-testpmd. Needs root (ip netns). A missing tool is a failure.
#   tap: the lower port is net_tap0 on a tap made beforehand (multi_queue) in each namespace,
#   joined to that namespace's veth end by two tc mirred redirects (no bridge).
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MCM_CTL=${1:-$ROOT/build/app/mcm-ctl/mcm-ctl}
PMD=${2:-$ROOT/build/drivers/net/mcm/librte_net_mcm.so}
TESTPMD=${TESTPMD:-dpdk-testpmd}
LOWER=${3:-af_packet}
ID=$$
NS_U=mcm-sig-u-$ID
NS_N=mcm-sig-n-$ID
# interface names: at most 15 characters
VETH_U=mcmvu$ID
VETH_N=mcmvn$ID
TAP_U=mcmtu$ID
TAP_N=mcmtn$ID
case "$LOWER" in
af_packet) IF_U=$VETH_U IF_N=$VETH_N ;;
tap) IF_U=$TAP_U IF_N=$TAP_N ;;
*) echo "FAIL: lower '$LOWER': af_packet or tap"; echo "0 passed, 1 failed"; exit 1 ;;
esac
PFX_U=mcm-sig-veth-u-$ID
PFX_N=mcm-sig-veth-n-$ID
USER_ADDR=47.0005.80ffe1000000f21a3322.0020481a3301.00
NET_ADDR=47.0005.80ffe1000000f21a3322.0020481a3302.00
NET_ADDR_HEX=47000580ffe1000000f21a33220020481a330200
PW_LABEL=16
TRAFFIC_SECS=2
PID_U=
PID_N=
SHARK_PID=
NS_MADE=
TMP=
STAGED=
# DPDK's runtime directory (eal_get_runtime_dir): /var/run for root.
RUNDIR=/var/run

. "$ROOT/test/system/lib.sh"

for f in "$MCM_CTL" "$PMD"; do
	[ -e "$f" ] || { echo "FAIL: $f not built"; echo "0 passed, 1 failed"; exit 1; }
done
for tool in "$TESTPMD" ip tc tshark python3 timeout dpdk-telemetry.py; do
	if ! command -v "$tool" >/dev/null; then
		echo "FAIL: $tool is not installed (usertools/mcm-setup installs what mcm needs)"
		echo "0 passed, 1 failed"
		exit 1
	fi
done
if [ "$(id -u)" != 0 ]; then
	echo "FAIL: network namespaces need root"
	echo "0 passed, 1 failed"
	exit 1
fi

cleanup() {
	if [ -n "$SHARK_PID" ]; then
		kill -9 "$SHARK_PID" 2>/dev/null
		wait "$SHARK_PID" 2>/dev/null
	fi
	stop_testpmd_fifo "$PID_U" 3
	stop_testpmd_fifo "$PID_N" 4
	exec 3>&- 4>&- 2>/dev/null
	if [ -n "$NS_MADE" ]; then
		# deleting a namespace deletes the veth end in it, and so the pair
		ip netns del "$NS_U" 2>/dev/null
		ip netns del "$NS_N" 2>/dev/null
	fi
	ip link del "$VETH_U" 2>/dev/null
	rm -rf "$RUNDIR/dpdk/$PFX_U" "$RUNDIR/dpdk/$PFX_N"
	[ -n "$TMP" ] && rm -rf "$TMP"
	[ -n "$STAGED" ] && mcm_unstage_plugin "$STAGED"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

TMP=$(mktemp -d /tmp/mcm-sig-veth.XXXXXX) || die "mktemp"
# EAL refuses a -d plugin under a world-writable directory (such as /tmp): load a staged copy.
. "$ROOT/usertools/lib/mcm-common.sh"
STAGED=$(mcm_stage_plugin "$PMD") || die "cannot stage $PMD"

# ctl PREFIX ARGS...: run mcm-ctl; sets OUT, ERR, RC.
ctl() {
	local pfx=$1
	shift
	OUT=$(timeout 60 "$MCM_CTL" -f "$pfx" "$@" 2>"$TMP/err")
	RC=$?
	ERR=$(cat "$TMP/err")
}

# t PREFIX WANT_RC OUT_REGEX ARGS...: mcm-ctl's exit status and stdout (extended regex).
t() {
	local pfx=$1 want=$2 re=$3
	shift 3
	ctl "$pfx" "$@"
	if [ "$RC" != "$want" ]; then
		fail "mcm-ctl -f $pfx $*: exit $RC, want $want; stderr: $ERR; stdout: $OUT"
	elif [ -n "$re" ] && ! grep -Eq -- "$re" <<<"$OUT"; then
		fail "mcm-ctl -f $pfx $*: stdout does not match /$re/:"$'\n'"$OUT"
	else
		pass
	fi
}

# jv PREFIX PY_EXPR ARGS...: set JV to the value of a Python expression over the --json
# reply v (empty on any failure; RC is mcm-ctl's exit status, or 9 when Python failed).
jv() {
	local pfx=$1 expr=$2
	shift 2
	JV=
	ctl "$pfx" --json "$@"
	[ "$RC" = 0 ] || return 1
	JV=$(python3 -c 'import json, sys
v = json.loads(sys.stdin.read())
print('"$expr"')' <<<"$OUT" 2>"$TMP/py.err") || { RC=9; ERR=$(cat "$TMP/py.err"); return 1; }
}

# j PREFIX PY_BOOL ARGS...: check a Python boolean over the --json reply v.
j() {
	local pfx=$1 expr=$2
	shift 2
	jv "$pfx" "$expr" "$@"
	if [ "$RC" != 0 ]; then
		fail "mcm-ctl -f $pfx --json $*: exit $RC: $ERR"
	elif [ "$JV" != True ]; then
		fail "mcm-ctl -f $pfx --json $*: not ($expr):"$'\n'"$OUT"
	else
		pass
	fi
}

# is_uint X: X is a decimal number
is_uint() { [[ $1 =~ ^[0-9]+$ ]]; }

# --- the link: two namespaces, a veth pair between them ---
sh_ok() { # WHAT COMMAND...: a setup step that must succeed
	local what=$1
	shift
	"$@" 2>"$TMP/err" || die "$what: $(cat "$TMP/err")"
	pass
}
sh_ok "ip netns add $NS_U" ip netns add "$NS_U"
NS_MADE=1
sh_ok "ip netns add $NS_N" ip netns add "$NS_N"
sh_ok "ip link add veth pair" ip link add "$VETH_U" type veth peer name "$VETH_N"
sh_ok "move $VETH_U" ip link set "$VETH_U" netns "$NS_U"
sh_ok "move $VETH_N" ip link set "$VETH_N" netns "$NS_N"
# IPv6 would send router/neighbour solicitations on the veth as soon as it is up: the mcm
# port would count them as bad PW frames (not 0x8847). Off, so that every frame on the link
# is the driver's and pw_bad_frames must stay 0.
sh_ok "disable IPv6 on $VETH_U" ip netns exec "$NS_U" sysctl -q -w \
	"net.ipv6.conf.$VETH_U.disable_ipv6=1"
sh_ok "disable IPv6 on $VETH_N" ip netns exec "$NS_N" sysctl -q -w \
	"net.ipv6.conf.$VETH_N.disable_ipv6=1"
sh_ok "$VETH_U up" ip -n "$NS_U" link set "$VETH_U" up
sh_ok "$VETH_N up" ip -n "$NS_N" link set "$VETH_N" up
MTU_U=$(ip -n "$NS_U" -o link show "$VETH_U" | sed -n 's/.* mtu \([0-9]*\) .*/\1/p')
check "veth MTU is 1500 (got '$MTU_U')" [ "$MTU_U" = 1500 ]
if [ "$LOWER" = tap ]; then
	# tap_redirect NS TAP VETH: everything in at one leaves by the other (tc u32 matching
	# all: cls_matchall is not in every kernel)
	tap_redirect() {
		local ns=$1 tap=$2 veth=$3 a b
		sh_ok "tuntap add $tap" ip -n "$ns" tuntap add dev "$tap" mode tap multi_queue
		sh_ok "disable IPv6 on $tap" ip netns exec "$ns" sysctl -q -w \
			"net.ipv6.conf.$tap.disable_ipv6=1"
		for a in "$tap $veth" "$veth $tap"; do
			read -r a b <<<"$a"
			sh_ok "ingress qdisc on $a" ip netns exec "$ns" tc qdisc add dev "$a" ingress
			sh_ok "redirect $a -> $b" ip netns exec "$ns" tc filter add dev "$a" ingress \
				protocol all u32 match u32 0 0 action mirred egress redirect dev "$b"
		done
	}
	tap_redirect "$NS_U" "$TAP_U" "$VETH_U"
	tap_redirect "$NS_N" "$TAP_N" "$VETH_N"
fi

# --- one testpmd in each namespace, interactive, commands through a FIFO (fd 3, fd 4) ---
mkfifo "$TMP/cmd_u" "$TMP/cmd_n" || die "mkfifo"
exec 3<>"$TMP/cmd_u" 4<>"$TMP/cmd_n"
# start_testpmd NS LCORES PREFIX VETH ROLE ADDR LOG FD: sets LAST_PID
start_testpmd() {
	local ns=$1 lcores=$2 pfx=$3 veth=$4 role=$5 addr=$6 log=$7 fd=$8
	ip netns exec "$ns" "$TESTPMD" --lcores "$lcores" --no-huge -m 512 --no-pci \
		--file-prefix "$pfx" -d "$STAGED" \
		--vdev=net_${LOWER}0,iface="$veth" \
		--vdev=net_mcm0,lower=net_${LOWER}0,role="$role",addr="$addr" \
		--log-level=pmd.net.mcm:info \
		-- -i --no-mlockall --total-num-mbufs=8192 --port-topology=loop \
		<&"$fd" >"$log" 2>&1 &
	LAST_PID=$!
}
start_testpmd "$NS_U" '0@0,1@0' "$PFX_U" "$IF_U" user "$USER_ADDR" "$TMP/testpmd_u.log" 3
PID_U=$LAST_PID
start_testpmd "$NS_N" '0@1,1@1' "$PFX_N" "$IF_N" network "$NET_ADDR" "$TMP/testpmd_n.log" 4
PID_N=$LAST_PID

# --- the SSCOP link and UNI come up on both sides ---
up=0
for _ in $(seq 1 120); do
	# signalling runs from probe; the mcm link is up once testpmd has started the port
	jv "$PFX_U" 'v["uni_state"] + "/" + v["link"]' -t 1 -p net_mcm0 status
	st_u=$JV
	jv "$PFX_N" 'v["uni_state"] + "/" + v["link"]' -t 1 -p net_mcm0 status
	if [ "$st_u" = up/up ] && [ "$JV" = up/up ]; then
		up=1
		break
	fi
	kill -0 "$PID_U" 2>/dev/null || break
	kill -0 "$PID_N" 2>/dev/null || break
	sleep 0.25
done
if [ $up != 1 ]; then
	echo "--- user side testpmd log:"; tail -20 "$TMP/testpmd_u.log"
	echo "--- network side testpmd log:"; tail -20 "$TMP/testpmd_n.log"
	ctl "$PFX_U" status; echo "--- user side status:"$'\n'"$OUT $ERR"
	ctl "$PFX_N" status; echo "--- network side status:"$'\n'"$OUT $ERR"
	die "the UNI link and the mcm link did not come up on both sides within 30 s"
fi
pass
t "$PFX_U" 0 '^role: +user$' -p net_mcm0 status
t "$PFX_U" 0 "^lower: +net_${LOWER}0\$" -p net_mcm0 status
t "$PFX_U" 0 '^sscop_state: +READY$' -p net_mcm0 status
t "$PFX_U" 0 '^uni_state: +up$' -p net_mcm0 status
t "$PFX_U" 0 '^link: +up$' -p net_mcm0 status
t "$PFX_N" 0 '^role: +network$' -p net_mcm0 status
t "$PFX_N" 0 "^lower: +net_${LOWER}0\$" -p net_mcm0 status
t "$PFX_N" 0 '^sscop_state: +READY$' -p net_mcm0 status
t "$PFX_N" 0 '^uni_state: +up$' -p net_mcm0 status
t "$PFX_N" 0 '^link: +up$' -p net_mcm0 status
jv "$PFX_U" 'v["mac"].lower()' -p net_mcm0 status
MAC_U=$JV
jv "$PFX_N" 'v["mac"].lower()' -p net_mcm0 status
MAC_N=$JV
VETH_MAC_U=$(ip -n "$NS_U" -o link show "$IF_U" | sed -n 's/.*link\/ether \([0-9a-f:]*\) .*/\1/p')
check "user port MAC '$MAC_U' is its $IF_U's '$VETH_MAC_U'" \
	[ -n "$MAC_U" -a "$MAC_U" = "$VETH_MAC_U" ]
check "the two sides have different MACs ('$MAC_U', '$MAC_N')" \
	[ -n "$MAC_N" -a "$MAC_U" != "$MAC_N" ]
# no peer_mac=: each side learned the other's MAC from its first PW frames (SSCOP)
jv "$PFX_U" 'v["peer_mac"].lower()' -p net_mcm0 status
check "the user side sends to the network side's MAC (peer_mac $JV)" [ "$JV" = "$MAC_N" ]
jv "$PFX_N" 'v["peer_mac"].lower()' -p net_mcm0 status
check "the network side sends to the user side's MAC (peer_mac $JV)" [ "$JV" = "$MAC_U" ]

# --- the wire during call set-up: tshark on the network side's veth ---
# start_shark FILE ARGS...: tshark on VETH_N in NS_N, in the background, until it captures.
start_shark() {
	local file=$1
	shift
	rm -f "$TMP/shark.err"
	ip netns exec "$NS_N" tshark -i "$VETH_N" -f 'ether proto 0x8847' -s 256 -q -w "$file" \
		"$@" 2>"$TMP/shark.err" &
	SHARK_PID=$!
	for _ in $(seq 1 80); do
		grep -q '^Capturing on' "$TMP/shark.err" 2>/dev/null && return 0
		kill -0 "$SHARK_PID" 2>/dev/null || break
		sleep 0.25
	done
	return 1
}
# stop_shark: SIGINT, wait for it; its exit status. tshark loses the frames of the last
# moments when stopped at once (its capture child's buffer): give it a second first.
stop_shark() {
	local rc
	sleep 1
	kill -INT "$SHARK_PID" 2>/dev/null
	wait "$SHARK_PID"
	rc=$?
	SHARK_PID=
	return $rc
}
# decode FILE ARGS...: tshark -r FILE with label PW_LABEL as an ATM N:1 CW pseudowire.
decode() {
	local file=$1
	shift
	tshark -r "$file" -d "mpls.label==$PW_LABEL,mplspwatmn1cw" "$@" 2>"$TMP/decode.err"
}
# read_ok: the last tshark -r printed nothing on stderr but its warning about running as root
read_ok() {
	! grep -v '^Running as user "root"' "$TMP/decode.err" | grep -q .
}
# pcap_vcs FILE: set VCS to the VPI/VCIs of every cell in FILE, sorted, once each
pcap_vcs() {
	VCS=$(decode "$1" -T fields -e atm.vpi -e atm.vci | python3 -c 'import sys
s = set()
for line in sys.stdin:
	f = line.split()
	if len(f) == 2:
		s.update(a + "/" + b for a, b in zip(f[0].split(","), f[1].split(",")))
print(" ".join(sorted(s)))')
}
# gt0 X: X is a number above 0
gt0() { is_uint "$1" && [ "$1" -gt 0 ]; }
# le X Y: X and Y are numbers, X <= Y
le() { is_uint "$1" && is_uint "$2" && [ "$1" -le "$2" ]; }

jv "$PFX_N" 'v["pw_frames_in"]' -p net_mcm0 status
IN_N0=$JV
check "tshark starts on $VETH_N: $(cat "$TMP/shark.err")" \
	start_shark "$TMP/setup.pcapng"
CAP_SETUP=$TMP/sig_setup.pcap
t "$PFX_U" 0 '^capturing all VCs' -p net_mcm0 capture start "$CAP_SETUP"

# --- SAP on the network side, call from the user side ---
t "$PFX_N" 0 "^sap [0-9]+ registered for $NET_ADDR_HEX\$" -p net_mcm0 sap add "$NET_ADDR"
t "$PFX_N" 0 "^ +[0-9]+ +$NET_ADDR_HEX +- +- +0\$" -p net_mcm0 sap list
ctl "$PFX_U" -p net_mcm0 call make "$NET_ADDR"
echo "user side: mcm-ctl call make $NET_ADDR: $OUT"
VC=
CALL_ID=
re='^call ([0-9]+) connected: VC ([0-9]+/[0-9]+) to '"$NET_ADDR_HEX"'$'
if [ "$RC" = 0 ] && [[ $OUT =~ $re ]]; then
	CALL_ID=${BASH_REMATCH[1]}
	VC=${BASH_REMATCH[2]}
	pass
else
	die "call make: exit $RC, stdout '$OUT', stderr '$ERR'"
fi
VCI=${VC#*/}
check "the network side gave a VCI of 32 or more ($VC)" [ "$VCI" -ge 32 ]
t "$PFX_U" 0 '^capture .* stopped: [1-9][0-9]* records' -p net_mcm0 capture stop
check "tshark on $VETH_N exits 0" stop_shark
jv "$PFX_N" 'v["pw_frames_in"]' -p net_mcm0 status
IN_N1=$JV

# the call on both sides
j "$PFX_U" 'v["total"] == 1 and [c["vc"] for c in v["calls"].values()] == ["'"$VC"'"]' \
	-p net_mcm0 call list
t "$PFX_U" 0 "^ *$CALL_ID +$VC +active +U10 +out +$NET_ADDR_HEX " -p net_mcm0 call list
t "$PFX_N" 0 "^ *[0-9]+ +$VC +active +N10 +in +$NET_ADDR_HEX " -p net_mcm0 call list
j "$PFX_N" 'v["total"] == 1 and [c["vc"] for c in v["calls"].values()] == ["'"$VC"'"]' \
	-p net_mcm0 call list
t "$PFX_N" 0 "^ +[0-9]+ +$NET_ADDR_HEX +- +- +1\$" -p net_mcm0 sap list
for pfx in "$PFX_U" "$PFX_N"; do
	t "$pfx" 0 "^$VC +svc +active +up +- +5 +llc " -p net_mcm0 vc list
	t "$pfx" 0 "^default_vc: +$VC\$" -p net_mcm0 status
done

# the wire: every frame tshark saw is a PW frame of either side, label 16, sent to the other
# side's MAC (no peer_mac=: learned from the peer's first PW frame, long before the call),
# carrying only signalling cells (VC 0/5: SETUP, CONNECT ACK, SSCOP)
NF=$(decode "$TMP/setup.pcapng" -T fields -e frame.number | wc -l)
check "tshark reads the set-up capture: $(cat "$TMP/decode.err")" read_ok
# frames from the network side appear too with tap (sent through the kernel), not with
# af_packet (its TX bypasses the qdisc layer and the capture taps)
NPW=$(decode "$TMP/setup.pcapng" -Y "mpls.label == $PW_LABEL && eth.src == $MAC_U &&
	eth.dst == $MAC_N" -T fields -e frame.number | wc -l)
NPW_N=$(decode "$TMP/setup.pcapng" -Y "mpls.label == $PW_LABEL && eth.src == $MAC_N &&
	eth.dst == $MAC_U" -T fields -e frame.number | wc -l)
NBAD=$(decode "$TMP/setup.pcapng" -Y '_ws.malformed || _ws.expert.severity >= warning' \
	-T fields -e frame.number | wc -l)
pcap_vcs "$TMP/setup.pcapng"
echo "wire during set-up ($VETH_N): $NF frames, $NPW PW frames from $MAC_U, $NPW_N from" \
	"$MAC_N; VCs: $VCS;" \
	"pw_frames_in of the network side $IN_N0 -> $IN_N1"
check "tshark saw at least 2 frames from the user side during set-up ($NPW)" [ "$NPW" -ge 2 ]
check "every frame is a PW frame of either side ($NPW + $NPW_N of $NF)" \
	[ $((NPW + NPW_N)) = "$NF" ]
check "no malformed frame or warning ($NBAD)" [ "$NBAD" = 0 ]
check "only VC 0/5 on the wire during set-up ($VCS)" [ "$VCS" = 0/5 ]
if is_uint "$IN_N0" && is_uint "$IN_N1"; then
	check "tshark's $NPW frames in <= the driver's $((IN_N1 - IN_N0)) PW frames in" \
		le "$NPW" $((IN_N1 - IN_N0))
else
	fail "pw_frames_in not read ('$IN_N0', '$IN_N1')"
fi

# the driver's signalling capture (SunATM) of the user side: the Q.2931 set-up
# count_msg FILE TYPE: Q.2931 messages of TYPE (0x05 SETUP...) in a SunATM capture
# (a tshark failure prints its error instead of a count, so no count check can pass)
count_msg() {
	local out
	if ! out=$(tshark -r "$1" -Y "q2931.message_type == $2" -T fields -e frame.number \
		   2>"$TMP/count.err"); then
		echo "tshark failed: $(head -c 200 "$TMP/count.err")"
		return
	fi
	printf '%s' "$out" | grep -c .
}
MSGS=$(tshark -r "$CAP_SETUP" -Y q2931 -T fields -e q2931.message_type 2>"$TMP/decode.err" |
	tr '\n' ' ')
check "tshark reads the signalling capture: $(cat "$TMP/decode.err")" read_ok
echo "user side signalling during set-up (Q.2931 message types): $MSGS"
check "one SETUP in the user side's capture" [ "$(count_msg "$CAP_SETUP" 0x05)" = 1 ]
check "one CONNECT in the user side's capture" [ "$(count_msg "$CAP_SETUP" 0x07)" = 1 ]
check "one CONNECT ACKNOWLEDGE in the user side's capture" \
	[ "$(count_msg "$CAP_SETUP" 0x0f)" = 1 ]
check "no RELEASE in the set-up capture" [ "$(count_msg "$CAP_SETUP" 0x4d)" = 0 ]

# --- traffic over the switched VC: txonly on the user side, rxonly on the network side ---
send() { # FD LINE: a testpmd command through its FIFO
	echo "$2" >&"$1"
}
check "set fwd rxonly (network side)" send 4 "set fwd rxonly"
check "start (network side)" send 4 start
sleep 0.5
check "tshark starts on $VETH_N for traffic" start_shark "$TMP/data.pcapng" -c 200 \
	-a duration:20
check "set fwd txonly (user side)" send 3 "set fwd txonly"
check "start (user side)" send 3 start
sleep "$TRAFFIC_SECS"
check "stop (user side)" send 3 stop
sleep 0.5
check "stop (network side)" send 4 stop
sleep 0.5
check "tshark during traffic exits 0: $(cat "$TMP/shark.err")" stop_shark
check "user side testpmd is running" kill -0 "$PID_U"
check "network side testpmd is running" kill -0 "$PID_N"

NF=$(decode "$TMP/data.pcapng" -T fields -e frame.number | wc -l)
NPW=$(decode "$TMP/data.pcapng" \
	-Y "mpls.label == $PW_LABEL && (eth.src == $MAC_U || eth.src == $MAC_N)" \
	-T fields -e frame.number | wc -l)
NBAD=$(decode "$TMP/data.pcapng" -Y '_ws.malformed || _ws.expert.severity >= warning' \
	-T fields -e frame.number | wc -l)
pcap_vcs "$TMP/data.pcapng"
CELLS=$(decode "$TMP/data.pcapng" -T fields -e pw.atm.n1_cw.cells | sort -n | uniq -c |
	sort -rn | head -1 | awk '{print $2}')
echo "wire during traffic ($VETH_N, first 200 frames): $NF frames, $NPW PW frames from" \
	"either side; VCs: $VCS; most frames carry $CELLS cells"
check "tshark captured 200 frames during traffic ($NF)" [ "$NF" = 200 ]
check "all are PW frames of either side ($NPW of $NF)" [ "$NPW" = "$NF" ]
check "no malformed frame or warning during traffic ($NBAD)" [ "$NBAD" = 0 ]
check "the cells are on the call's VC $VC (and 0/5) only ($VCS)" \
	[ "$VCS" = "$VC" -o "$VCS" = "0/5 $VC" ]
check "full frames carry 28 cells at MTU 1500 ($CELLS)" [ "$CELLS" = 28 ]

# telemetry PREFIX COMMAND PY: print PY (a Python expression over the reply r) of the DPDK
# telemetry COMMAND (e.g. /ethdev/stats,0) in the process of PREFIX; exit 1 without a reply
telemetry() {
	echo "$2" | timeout 20 dpdk-telemetry.py -f "$1" 2>&1 | python3 -c '
import json, sys
cmd = sys.argv[1].split(",")[0]
for line in sys.stdin:
	i = line.find("{")
	if i < 0:
		continue
	v = json.loads(line[i:])
	if cmd in v:
		r = v[cmd]
		print(eval(sys.argv[2]))
		sys.exit(0)
sys.exit(1)' "$2" "$3"
}
# lower_stats PREFIX: set LS to "ipackets opackets imissed ierrors oerrors" of the lower port
# (ethdev 0, the af_packet or tap port: owned by the mcm port, so only telemetry shows it)
lower_stats() {
	LS=$(telemetry "$1" /ethdev/stats,0 \
		'" ".join(str(r[k]) for k in ("ipackets", "opackets", "imissed", "ierrors", "oerrors"))')
}
check "dpdk-telemetry.py reads the user side's lower port" lower_stats "$PFX_U"
read -r L_U_IN L_U_OUT L_U_MISSED L_U_IERR L_U_OERR <<<"$LS"
check "dpdk-telemetry.py reads the network side's lower port" lower_stats "$PFX_N"
read -r L_N_IN L_N_OUT L_N_MISSED L_N_IERR L_N_OERR <<<"$LS"
jv "$PFX_U" 'v["pw_frames_out"], v["pw_frames_in"]' -p net_mcm0 status
echo "user side: net_${LOWER}0 ipackets $L_U_IN opackets $L_U_OUT imissed $L_U_MISSED" \
	"ierrors $L_U_IERR oerrors $L_U_OERR; mcm pw_frames_out, pw_frames_in: $JV"
jv "$PFX_N" 'v["pw_frames_out"], v["pw_frames_in"]' -p net_mcm0 status
echo "network side: net_${LOWER}0 ipackets $L_N_IN opackets $L_N_OUT imissed $L_N_MISSED" \
	"ierrors $L_N_IERR oerrors $L_N_OERR; mcm pw_frames_out, pw_frames_in: $JV"
# where frames were lost, if any: the kernel's counters of the veth pair (printed only:
# the link is not lossless when both sides share the 2 CPUs with the forwarding lcores)
veth_stats() { # NS VETH: "rx_packets rx_dropped tx_packets tx_dropped"
	ip -n "$1" -s -j link show "$2" | python3 -c 'import json, sys
s = json.load(sys.stdin)[0]["stats64"]
print(s["rx"]["packets"], s["rx"]["dropped"], s["tx"]["packets"], s["tx"]["dropped"])'
}
VS_U=$(veth_stats "$NS_U" "$VETH_U")
check "ip -s link show $VETH_U" [ -n "$VS_U" ]
VS_N=$(veth_stats "$NS_N" "$VETH_N")
check "ip -s link show $VETH_N" [ -n "$VS_N" ]
echo "kernel (rx_packets rx_dropped tx_packets tx_dropped): $VETH_U $VS_U; $VETH_N $VS_N"

# the counters of the VC on both sides
jv "$PFX_U" 'v["tx_pdus"]' -p net_mcm0 vc show "$VC"
TX=$JV
jv "$PFX_N" 'v["rx_pdus"]' -p net_mcm0 vc show "$VC"
RX=$JV
echo "VC $VC: user side tx_pdus $TX, network side rx_pdus $RX"
check "user side sent PDUs on $VC ($TX)" gt0 "$TX"
check "network side received PDUs on $VC ($RX)" gt0 "$RX"
check "received <= sent ($RX <= $TX)" le "$RX" "$TX"
j "$PFX_N" 'v["rx_crc_errors"] == 0 and v["rx_len_errors"] == 0 and v["rx_aborts"] == 0 and
	v["rx_encap_errors"] == 0 and v["rx_oversize"] == 0' -p net_mcm0 vc show "$VC"
j "$PFX_U" 'v["tx_drops"] == 0' -p net_mcm0 vc show "$VC"
j "$PFX_N" 'v["tx_pdus"] == 0' -p net_mcm0 vc show "$VC"
j "$PFX_U" 'v["rx_pdus"] == 0' -p net_mcm0 vc show "$VC"
# out_of_order PREFIX: set OOO to the mcm port's rx_pw_out_of_order (ethdev 1, xstats)
out_of_order() { OOO=$(telemetry "$1" /ethdev/xstats,1 'r["rx_pw_out_of_order"]'); }
# no frame looped back to its sender, nothing foreign on the link. A PW frame out of order
# is dropped and counted (RFC 4385 4.2): some runs here (a 6.18 kernel; this build and the
# ones before) drop exactly 15 or 30 of about 190,000, one or two resynchronisations
# (PW_SEQ_RESYNC) after the lower path delivered a stretch of about 3,000 old frames again
# (doc/driver.md, "Limits (today)"). Reported; they must be the port's only receive errors,
# and under 0.1 % of its PW frames
for pfx in "$PFX_U" "$PFX_N"; do
	check "dpdk-telemetry.py reads rx_pw_out_of_order of $pfx" out_of_order "$pfx"
	j "$pfx" 'v["pw_bad_frames"] == 0 and v["aal5_errors"] == 0 and
		v["unknown_vc_cells"] == 0 and v["rx_errors"] == '"${OOO:-x}" -p net_mcm0 status
	[ "${OOO:-0}" = 0 ] || info "$pfx: $OOO PW frames came out of order (dropped, counted)"
	j "$pfx" 'v["rx_errors"] * 1000 <= v["pw_frames_in"] + 1000' -p net_mcm0 status
done
j "$PFX_U" 'v["pw_frames_out"] > 1000 and v["pw_frames_in"] < 1000' -p net_mcm0 status
j "$PFX_N" 'v["rx_packets"] == '"${RX:-0}"' and v["tx_packets"] == 0' -p net_mcm0 status

# --- release from the user side: the call is gone on both sides ---
CAP_REL=$TMP/sig_release.pcap
t "$PFX_U" 0 '^capturing all VCs' -p net_mcm0 capture start "$CAP_REL"
t "$PFX_U" 0 "^call $CALL_ID released: VC $VC, cause 16 \\(normal call clearing\\)\$" \
	-p net_mcm0 call release "$VC"
gone=0
for _ in $(seq 1 20); do
	jv "$PFX_N" 'len(v["calls"])' -p net_mcm0 call list
	if [ "$JV" = 0 ]; then
		gone=1
		break
	fi
	sleep 0.25
done
check "the network side cleared the call within 5 s" [ $gone = 1 ]
t "$PFX_U" 0 '^capture .* stopped: [1-9][0-9]* records' -p net_mcm0 capture stop
for pfx in "$PFX_U" "$PFX_N"; do
	j "$pfx" 'v["total"] == 0 and len(v["calls"]) == 0' -p net_mcm0 call list
	t "$pfx" 0 '^ID +VPI/VCI +STATE' -p net_mcm0 call list
	j "$pfx" 'v["calls"] == 0 and v["vcs"] == 0 and v["uni_state"] == "up"' -p net_mcm0 status
	t "$pfx" 1 '' -p net_mcm0 vc show "$VC"
done
t "$PFX_N" 0 "^ +[0-9]+ +$NET_ADDR_HEX +- +- +0\$" -p net_mcm0 sap list
MSGS=$(tshark -r "$CAP_REL" -Y q2931 -T fields -e q2931.message_type 2>"$TMP/decode.err" |
	tr '\n' ' ')
check "tshark reads the release capture: $(cat "$TMP/decode.err")" read_ok
echo "user side signalling during release (Q.2931 message types): $MSGS"
check "one RELEASE in the user side's capture" [ "$(count_msg "$CAP_REL" 0x4d)" = 1 ]
check "one RELEASE COMPLETE in the user side's capture" \
	[ "$(count_msg "$CAP_REL" 0x5a)" = 1 ]

# --- both testpmd processes quit cleanly ---
for side in u n; do
	if [ $side = u ]; then pid=$PID_U fd=3; else pid=$PID_N fd=4; fi
	echo quit >&$fd
	rc=timeout
	for _ in $(seq 1 40); do
		if ! kill -0 "$pid" 2>/dev/null; then
			wait "$pid"
			rc=$?
			break
		fi
		sleep 0.25
	done
	check "testpmd ($side side) quits with status 0 (got $rc)" [ "$rc" = 0 ]
	if [ $side = u ]; then PID_U=; else PID_N=; fi
	[ "$rc" = timeout ] && stop_testpmd_fifo "$pid" $fd
done

summary
