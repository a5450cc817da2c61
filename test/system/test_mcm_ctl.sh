#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# System test of mcm-ctl against a running dpdk-testpmd with two mcm ports over a memif pair:
# every command, its human and --json output, every error case and its exit status, the
# paging of vc list, and live counters after traffic. testpmd is killed on exit.
#
# Usage: test_mcm_ctl.sh [MCM_CTL [LIBRTE_NET_MCM_SO]]
#   defaults: build/app/mcm-ctl/mcm-ctl and build/drivers/net/mcm/librte_net_mcm.so of the
#   source tree; $TESTPMD overrides dpdk-testpmd. A missing piece is a failure, not a skip.
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MCM_CTL=${1:-$ROOT/build/app/mcm-ctl/mcm-ctl}
PMD=${2:-$ROOT/build/drivers/net/mcm/librte_net_mcm.so}
TESTPMD=${TESTPMD:-dpdk-testpmd}
PREFIX=mcm-ctl-sys-$$
SOCK=/run/mcm-test-$$.sock
. "$ROOT/test/system/lib.sh"
TP_PID=
PLAIN_PID=
# DPDK's runtime directory (eal_get_runtime_dir): /var/run for root, else XDG or /tmp.
if [ "$(id -u)" = 0 ]; then RUNDIR=/var/run; else RUNDIR=${XDG_RUNTIME_DIR:-/tmp}; fi

for f in "$MCM_CTL" "$PMD"; do
	[ -e "$f" ] || die "$f not built"
done
# dpdk-telemetry.py (DPDK's own client, dpdk-dev) is checked against mcm-ctl below.
need "$TESTPMD" dpdk-telemetry.py python3
TMP=$(mktemp -d /tmp/mcm-ctl-sys.XXXXXX)
# EAL refuses a -d plugin under a world-writable directory (such as /tmp): load a staged copy.
. "$ROOT/usertools/lib/mcm-common.sh"
PMD=$(mcm_stage_plugin "$PMD") || exit 1

cleanup() {
	if [ -n "$TP_PID" ] && kill -0 "$TP_PID" 2>/dev/null; then
		echo quit >&3 2>/dev/null
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$TP_PID" 2>/dev/null || break
			sleep 0.5
		done
		kill -9 "$TP_PID" 2>/dev/null
		wait "$TP_PID" 2>/dev/null
	fi
	if [ -n "$PLAIN_PID" ]; then
		kill -TERM "$PLAIN_PID" 2>/dev/null
		sleep 0.5
		kill -9 "$PLAIN_PID" 2>/dev/null
		wait "$PLAIN_PID" 2>/dev/null
	fi
	exec 3>&- 2>/dev/null
	rm -rf "$TMP" "$SOCK" "$RUNDIR/dpdk/$PREFIX" "$RUNDIR/dpdk/$PREFIX-plain"
	mcm_unstage_plugin "$PMD"
}
trap cleanup EXIT
trap 'exit 1' INT TERM


# Run mcm-ctl on our prefix: sets OUT, ERR, RC.
ctl() {
	OUT=$("$MCM_CTL" -f "$PREFIX" "$@" 2>"$TMP/err")
	RC=$?
	ERR=$(cat "$TMP/err")
}

# t WANT_RC OUT_REGEX ERR_REGEX ARGS...: exit status, stdout and stderr (extended regexes,
# empty: not checked). A failure must be exactly one "mcm-ctl: " line on stderr, a success
# must print nothing there.
t() {
	local want=$1 out_re=$2 err_re=$3 what
	shift 3
	what="mcm-ctl $*"
	ctl "$@"
	if [ "$RC" != "$want" ]; then
		fail "$what: exit $RC, want $want; stderr: $ERR"
		return
	fi
	if [ -n "$out_re" ] && ! grep -Eq -- "$out_re" <<<"$OUT"; then
		fail "$what: stdout does not match /$out_re/:"$'\n'"$OUT"
		return
	fi
	if [ "$want" = 0 ] && [ -n "$ERR" ]; then
		fail "$what: stderr on success: $ERR"
		return
	fi
	if [ "$want" != 0 ]; then
		if [ "$(wc -l <"$TMP/err")" != 1 ] || [ "${ERR#mcm-ctl: }" = "$ERR" ]; then
			fail "$what: stderr is not one 'mcm-ctl: ' line: $ERR"
			return
		fi
		if [ -n "$err_re" ] && ! grep -Eq -- "$err_re" <<<"$ERR"; then
			fail "$what: stderr does not match /$err_re/: $ERR"
			return
		fi
	fi
	pass
}

# j PYTHON_EXPR ARGS...: run mcm-ctl --json and check a Python expression over the reply v.
j() {
	local expr=$1
	shift
	ctl --json "$@"
	if [ "$RC" != 0 ]; then
		fail "mcm-ctl --json $*: exit $RC: $ERR"
		return
	fi
	if python3 -c 'import json, sys
v = json.loads(sys.stdin.read())
sys.exit(0 if ('"$expr"') else 1)' <<<"$OUT"; then
		pass
	else
		fail "mcm-ctl --json $*: not ($expr):"$'\n'"$OUT"
	fi
}

# --- start testpmd: interactive, commands through a FIFO kept open on fd 3 ---
mkfifo "$TMP/cmd"
exec 3<>"$TMP/cmd"
"$TESTPMD" -l 0-1 --no-huge -m 512 --no-pci --file-prefix "$PREFIX" -d "$PMD" \
	--vdev=net_memif0,role=server,socket="$SOCK" \
	--vdev=net_memif1,role=client,socket="$SOCK" \
	--vdev=net_mcm0,lower=net_memif0,pvc=0/100 \
	--vdev=net_mcm1,lower=net_memif1,pvc=0/100 \
	-- -i --no-mlockall --total-num-mbufs=8192 <&3 >"$TMP/testpmd.log" 2>&1 &
TP_PID=$!

ready=0
for _ in $(seq 1 60); do
	if "$MCM_CTL" -f "$PREFIX" -t 1 status >/dev/null 2>&1; then
		ready=1
		break
	fi
	kill -0 "$TP_PID" 2>/dev/null || break
	sleep 0.5
done
if [ $ready != 1 ]; then
	echo "FAIL: testpmd with two mcm ports did not come up; its log:"
	tail -30 "$TMP/testpmd.log"
	echo "0 passed, 1 failed"
	exit 1
fi

# --- version, help ---
t 0 '^mcm-ctl [0-9]+\.[0-9]+' '' --version
t 0 'Usage: mcm-ctl' '' --help

# --- status: every port without -p, one with -p (name or id) ---
t 0 'name: +net_mcm0' '' status
t 0 'name: +net_mcm1' '' status
t 0 'lower: +net_memif0' '' status
t 0 'role: +user' '' status
t 0 'default_vc: +0/100' '' status
t 0 'link: +(up|down)' '' status
j 'len(v) == 2 and [p["name"] for p in v] == ["net_mcm0", "net_mcm1"]' status
j 'v["name"] == "net_mcm1" and v["lower"] == "net_memif1" and v["vcs"] == 1' -p net_mcm1 status
ctl --json -p net_mcm1 status
ID1=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["port_id"])' <<<"$OUT" 2>/dev/null)
t 0 'name: +net_mcm1' '' -p "${ID1:-x}" status
ctl -p net_mcm1 status
if grep -q net_mcm0 <<<"$OUT"; then fail "status -p net_mcm1 shows net_mcm0"; else pass; fi

# --- vc list / vc show of the devargs PVC ---
t 0 '^VPI/VCI +TYPE +STATE +OPER +OAM +AAL +ENCAP +TX_PDUS +RX_PDUS +ERRORS$' '' vc list
t 0 '^0/100 +pvc +active +up +- +5 +llc +[0-9]+ +[0-9]+ +[0-9]+$' '' vc list
j 'v["total"] == 1 and v["next"] == -1 and list(v["vcs"]) == ["0/100"]' vc list
t 0 'state: +active' '' vc show 0/100
t 0 'default: +1' '' vc show 0/100
j 'v["vc"] == "0/100" and v["vpi"] == 0 and v["vci"] == 100 and v["aal"] == 5' vc show 0/100

# --- pvc add / del ---
t 0 '^pvc 0/200 active, encap llc$' '' pvc add 0/200
t 0 '^0/200 +pvc +active +up +- +5 +llc' '' vc list
t 0 '^pvc 0/201 active, encap vcmux$' '' pvc add 0/201 encap vcmux
t 0 'encap: +vcmux' '' vc show 0/201
t 0 '^pvc 0/200 active' '' -p net_mcm1 pvc add 0/200 encap llc
j '"0/200" in v["vcs"] and "0/201" not in v["vcs"]' -p net_mcm1 vc list
t 1 '' 'exist' pvc add 0/200
# AAL5 SDU mode (RFC 4717): a pseudowire of its own
t 0 '^pvc 0/202 active, encap llc, AAL5 SDU mode, PW label 300$' '' pvc add 0/202 sdu-label 300
t 0 'pw: +sdu' '' vc show 0/202
j 'v["pw"] == "sdu" and v["pw_label"] == 300' vc show 0/202
j 'v["pw"] == "cells" and v["pw_label"] == 0' vc show 0/200
t 1 '' 'PW label is another VC' pvc add 0/203 encap vcmux sdu-label 300
t 1 '' "label 16 is the port's N:1 pseudowire's" pvc add 0/203 sdu-label 16
t 2 '' "bad sdu-label '15'" pvc add 0/203 sdu-label 15
t 0 '^pvc 0/202 deleted$' '' pvc del 0/202
t 0 'vcmux, AAL5 SDU mode, PW label 300$' '' pvc add 0/203 encap vcmux sdu-label 300
t 0 '^pvc 0/203 deleted$' '' pvc del 0/203
t 1 '' '0/999' pvc del 0/999
t 1 '' '' vc show 0/999

# --- reserved VCIs, refused locally with the reason ---
t 2 '' 'VCI 5 is reserved \(UNI signalling\)' pvc add 0/5
t 2 '' 'VCI 16 is reserved \(ILMI\)' pvc del 0/16
t 2 '' 'VCIs 0\.\.31 belong to the driver' bind default 0/31
t 2 '' 'VCI 0 is reserved' bind mac 02:00:00:00:00:09 0/0
# The signalling VC is invisible to clients: the driver answers, and with an error.
t 1 '' '' vc show 0/5

# --- bad syntax and ranges ---
t 2 '' "bad VC '0-100'" pvc add 0-100
t 2 '' 'VPI 4096 out of range 0\.\.4095' vc show 4096/100
t 2 '' 'VCI 65536 out of range 0\.\.65535' pvc add 0/65536
t 2 '' 'bad MAC address' bind mac 02:00:00 0/200
t 2 '' 'bad encapsulation' pvc add 0/202 encap raw
t 2 '' 'usage: mcm-ctl pvc add' pvc add
t 2 '' 'unknown option' --bogus status
t 2 '' "bad count '0'" oam ping 0/100 count 0
t 2 '' "bad state 'yes' for 'oam cc'" oam cc 0/100 yes
t 0 '^vc 0/100 continuity check on$' '' oam cc 0/100 on
t 0 '^oam_cc: +on$' '' vc show 0/100
t 0 '^vc 0/100 continuity check off$' '' oam cc 0/100 off
t 2 '' 'bad ATM address' call make 47.0005
for v in 0 100000/ /20000 100000/0 1/16777216 1/2/3 1e3/5; do
	t 2 '' "bad pcr '$v': " call make 47.0005.80ffe1000000f21a0001.0000000000aa.00 pcr "$v"
done
# an SDU the port cannot carry is not offered (RFC 1626): refused by the driver
t 1 '' 'sdu 9180 is above the 1528 bytes this port carries [(]its MTU 1500[)]' call make \
	47.0005.80ffe1000000f21a0001.0000000000aa.00 sdu 9180
t 2 '' 'cause' call release 1 cause 300
t 2 '' "unknown command 'frobnicate'" frobnicate
t 2 '' 'no command given'

# --- unknown ports ---
t 1 '' 'net_mcm9' -p net_mcm9 status
t 1 '' 'not an mcm port' -p net_memif0 vc list
t 1 '' '' -p 99 pvc add 0/300
ctl --json -p net_mcm9 status
if grep -q '"code": -19' <<<"$OUT" && [ "$RC" = 1 ]; then pass; else
	fail "--json error reply: exit $RC, stdout: $OUT"; fi

# --- bindings ---
t 0 '^default vc 0/200$' '' bind default 0/200
t 0 'default_vc: +0/200' '' -p net_mcm0 status
t 0 '^default +0/200$' '' bind list
t 1 '' '' bind default 0/777
t 0 '^mac 02:00:00:00:00:09 vc 0/201$' '' bind mac 02:00:00:00:00:09 0/201
# The driver may echo MACs in upper case (rte_ether_format_addr).
t 0 '^mac 02:00:00:00:00:0[aA] vc 0/200$' '' bind mac 02-00-00-00-00-0A 0/200
t 0 'macs: +1' '' vc show 0/201
j 'v["default_vc"] == "0/200" and v["macs_total"] == 2' bind list
t 0 '^02:00:00:00:00:09 +0/201$' '' bind list
t 0 '^02:00:00:00:00:0[aA] +0/200$' '' bind list
t 0 '^default vc 0/100$' '' bind default 0/100
# hash binding: set, listed, on across VPIs past VCI 65535, refused past VPI 4095, removed
t 0 '^flows hashed over 4 VCs from 0/200$' '' bind hash 0/200 4
t 0 '^hash: flows over 4 VCs from 0/200$' '' bind list
j 'v["hash_first"] == "0/200" and v["hash_count"] == 4' bind list
t 0 '^flows hashed over 2 VCs from 0/65535$' '' bind hash 0/65535 2
t 2 '' 'past VPI 4095' bind hash 4095/65535 2
t 2 '' 'count' bind hash 0/100 1048577
t 0 '^no hash binding$' '' bind hash off
j 'v["hash_count"] == 0' bind list

# --- vc list pages through "next": 40 more PVCs on net_mcm1 (32 a page) ---
for i in $(seq 300 339); do
	"$MCM_CTL" -f "$PREFIX" -p net_mcm1 pvc add "0/$i" >/dev/null 2>&1 || fail "pvc add 0/$i"
done
ctl -p net_mcm1 vc list
if [ "$RC" = 0 ] && [ "$(wc -l <<<"$OUT")" = 43 ] &&
   [ "$(sed -n 2p <<<"$OUT" | cut -d' ' -f1)" = 0/100 ] &&
   [ "$(tail -1 <<<"$OUT" | cut -d' ' -f1)" = 0/339 ]; then
	pass
else
	fail "vc list over two pages: exit $RC, $(wc -l <<<"$OUT") lines"
fi
j 'v["total"] == 42 and len(v["vcs"]) == 42 and v["next"] == -1' -p net_mcm1 vc list
for i in $(seq 300 339); do
	"$MCM_CTL" -f "$PREFIX" -p net_mcm1 pvc del "0/$i" >/dev/null 2>&1 || fail "pvc del 0/$i"
done
j 'v["total"] == 2' -p net_mcm1 vc list

# --- delete ---
t 0 '^pvc 0/201 deleted$' '' pvc del 0/201
t 1 '' '' vc show 0/201
t 1 '' '0/201' pvc del 0/201
j '"0/201" not in v["vcs"]' vc list

# --- DPDK's own client reaches the same commands (DESIGN.md) ---
# hostile parameters on the raw socket: every reply is JSON (an error), whatever the bytes;
# and the backward rate (mcm-ctl never sends it alone) refused with its reason
HOUT=$(python3 - "$RUNDIR/dpdk/$PREFIX/dpdk_telemetry.v2" <<'PY' 2>&1
import json, socket, sys
bad = 0
cases = [(b"/mcm/status,caf" + bytes([b]), "") for b in range(0x80, 0x100)]
cases += [(c, "") for c in (b"/mcm/status,a\"b", b"/mcm/status,a\\b", b"/mcm/status,\x01",
	  b"/mcm/status,\x7f", b"/mcm/capture_start,net_mcm0,/tmp/\xe9t\xe9.pcap",
	  b"/mcm/vc_show,net_mcm0,0/\xc3")]
make = b"/mcm/call_make,net_mcm0,47000580ffe1000000f21a00010000000000aa00,"
cases += [(make + b"bwd_pcr=20000", "bwd_pcr needs pcr"),
	  (make + b"pcr=100,bwd_pcr=0", "bad bwd_pcr 0"),
	  (make + b"pcr=100,bwd_pcr=16777216", "bad bwd_pcr 16777216"),
	  (make + b"pcr=100,bwd_pcr=x", "bad bwd_pcr x"),
	  (make + b"blli=llc+llc-routed", "llc and llc-routed send the same B-LLI"),
	  (make + b"blli=vcmux+llc-routed,proto=ipv6", "it needs blli=vcmux-routed"),
	  (make + b"blli=vcmux-routed,proto=0x05ff", "bad proto 0x05ff"),
	  (make + b"blli=none+llc", "bad blli none+llc"),
	  (make + b"blli=llc+vcmux+vcmux-routed+llc", "bad blli"),
	  (b"/mcm/sap_add,net_mcm0,any,blli=vcmux+llc", "a SAP takes one B-LLI"),
	  (b"/mcm/sap_add,net_mcm0,any,proto=ipv6", "it needs blli=vcmux-routed"),
	  (make + b"blli=vcmux-routed/ipv6,proto=ipv4", "proto= with vcmux-routed/P"),
	  (make + b"blli=vcmux-routed/ipv4+llc+vcmux-routed", "offered twice for one protocol"),
	  (make + b"blli=vcmux-routed/ipv6+vcmux-routed/ipv6", "bad blli"),
	  (make + b"blli=llc/ipv4", "bad blli llc/ipv4"),
	  (make + b"blli=vcmux-routed/0x05ff", "bad blli vcmux-routed/0x05ff"),
	  (b"/mcm/sap_add,net_mcm0,any,blli=vcmux-routed/ipv6,proto=ipv6",
	   "proto= with vcmux-routed/P")]
for c, want in cases:
	s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
	s.connect(sys.argv[1])
	s.recv(16384)
	s.send(c)
	r = s.recv(16384)
	s.close()
	try:
		v = json.loads(r)
		e = list(v.values())[0]["error"]
		assert want in e, e
	except Exception as e:
		bad += 1
		print("bad reply to %r: %r (%s)" % (c, r[:120], e))
print("%d of %d replies not the JSON errors expected" % (bad, len(cases)))
sys.exit(1 if bad else 0)
PY
)
HRC=$?
check "hostile parameters always get a JSON error ($(tail -n 1 <<<"$HOUT"))" test "$HRC" -eq 0 ||
	grep '^bad reply' <<<"$HOUT" | sed 's/^/   /'
TOUT=$(printf '/\n/mcm/vc_list,net_mcm0\n' | dpdk-telemetry.py -f "$PREFIX" 2>&1)
TRC=$?
missing=
for c in ports status vc_list vc_show pvc_add pvc_del bind_default bind_mac bind_list oam_cc; do
	grep -q "\"/mcm/$c\"" <<<"$TOUT" || missing="$missing /mcm/$c"
done
if [ "$TRC" = 0 ] && [ -z "$missing" ] && grep -q '"0/100"' <<<"$TOUT"; then pass; else
	fail "dpdk-telemetry.py: exit $TRC, missing$missing or no 0/100 in: $TOUT"; fi

# --- live counters: a second of io forwarding, port 0 <-> port 1 over the default VC ---
echo "start tx_first" >&3
sleep 1.5
echo "stop" >&3
sleep 0.5
j 'v["tx_pdus"] > 0 and v["rx_pdus"] > 0' -p net_mcm0 vc show 0/100
j 'v["cells_out"] > 0 and v["cells_in"] > 0 and v["pw_frames_out"] > 0' -p net_mcm0 status

# --- no running application ---
t 3 '' "no application running with file prefix 'mcm-ctl-none-$$'" \
	-f "mcm-ctl-none-$$" status

# --- a DPDK application without the mcm driver: the /mcm/ commands are unknown (null) ---
"$TESTPMD" -l 0-1 --no-huge -m 256 --no-pci --file-prefix "$PREFIX-plain" --vdev=net_null0 \
	-- --stats-period 60 --total-num-mbufs=2048 </dev/null >"$TMP/plain.log" 2>&1 &
PLAIN_PID=$!
for _ in $(seq 1 40); do
	[ -S "$RUNDIR/dpdk/$PREFIX-plain/dpdk_telemetry.v2" ] && break
	sleep 0.25
done
sleep 0.5
t 1 '' "/mcm/ports is not supported by the application with file prefix '$PREFIX-plain'" \
	-f "$PREFIX-plain" status
t 1 '' '/mcm/pvc_add is not supported' -f "$PREFIX-plain" -p 0 pvc add 0/200

summary
