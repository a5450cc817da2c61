#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# System test: Debian's dpdk-testpmd loads librte_net_mcm.so with -d; two mcm ports over a
# memif pair, io forwarding with tx_first for a few seconds: the frames circulate with no
# drops and no errors on either port, in both directions.
# testpmd runs interactive: forwarding starts once both ports' signalling is up (SSCOP
# READY, mcm-ctl status). Configuring the ports restarts the memif pair under them, and a
# memif that reconnects with the first burst in its rings most likely loses it whole (it
# sets its rings up anew), which leaves io forwarding nothing to forward: seen in CI, 64
# frames forwarded in 4 s. An application on a real link starts when the link is up; so
# does this (doc/driver.md, "Limits (today)").
# Usage: test_testpmd_fwd.sh <librte_net_mcm.so> [seconds] [mcm-ctl]
set -u
. "$(dirname "$0")/../../usertools/lib/mcm-common.sh"
so=$(mcm_stage_plugin "$1") || exit 1
secs=${2:-4}
ctl_bin=${3:-$(dirname "$1")/../../../app/mcm-ctl/mcm-ctl}
. "$(dirname "$0")/lib.sh"
need dpdk-testpmd
[ -x "$ctl_bin" ] || die "$ctl_bin is missing"

tag=mcm-fwd-$$
out=$(mktemp /tmp/$tag.XXXXXX)
fifo=$out.cmd
mkfifo "$fifo" || die "cannot make $fifo"
trap 'stop_testpmd_fifo "${pid:-}" 3; exec 3>&- 2>/dev/null; rm -f "$out" "$fifo" /run/$tag.sock
	mcm_unstage_plugin "$so"' EXIT
exec 3<>"$fifo"
timeout $((secs + 90)) stdbuf -oL dpdk-testpmd -l 0-1 --no-huge --no-pci -m 1024 \
	--file-prefix=$tag -d "$so" --log-level=pmd.net.mcm:info \
	--vdev=net_memif0,role=server,socket=/run/$tag.sock \
	--vdev=net_memif1,role=client,socket=/run/$tag.sock \
	--vdev=net_mcm0,lower=net_memif0,pvc=0/100 \
	--vdev=net_mcm1,lower=net_memif1,pvc=0/100 \
	-- -i --forward-mode=io --total-num-mbufs=16384 --no-lsc-interrupt <&3 >"$out" 2>&1 &
pid=$!
# sscop PORT: that port's SSCOP state, from mcm-ctl status (lib.sh's jv reads OUT)
sscop() {
	OUT=$("$ctl_bin" -f $tag -p "$1" --json -t 2 status 2>/dev/null)
	jv sscop_state
}
# READY in four looks in a row, 0.25 s apart: the control thread checks the lower link every
# 250 ms, so a READY of the memif pair's first connection can outlive it for that long
up=0
seen=0
for _ in $(seq 1 120); do
	if grep -q 'testpmd> ' "$out" && [ "$(sscop net_mcm0)" = READY ] &&
		[ "$(sscop net_mcm1)" = READY ]; then
		seen=$((seen + 1))
	else
		seen=0
	fi
	if [ $seen -ge 4 ]; then
		up=1
		break
	fi
	kill -0 $pid 2>/dev/null || break
	sleep 0.25
done
check "testpmd up, signalling READY on both mcm ports (net_mcm0 $(sscop net_mcm0), net_mcm1 $(
	sscop net_mcm1))" test $up = 1
echo "start tx_first" >&3
sleep "$secs"
echo stop >&3
echo quit >&3
wait $pid
rc=$?
pid=

check "testpmd exited cleanly (rc $rc)" test $rc -eq 0
# The mcm ports and the memif ports they own, as the driver names them at probe (info log):
# "net_mcm0: port 2 on net_memif0 (port 0), ...".
probe='s/.*net_mcm[0-9]*: port \([0-9]*\) on net_memif[0-9]* (port \([0-9]*\)).*/'
mcm_ports=$(sed -n "$probe\\1/p" "$out" | sort -n | tr '\n' ' ')
memif_ports=$(sed -n "$probe\\2/p" "$out" | sort -n | tr '\n' ' ')
check "two mcm ports over two memif ports (mcm: $mcm_ports; memif: $memif_ports)" \
	test "$(wc -w <<<"$mcm_ports") $(wc -w <<<"$memif_ports")" = "2 2"
read -r pa pb _ <<<"$mcm_ports"
pa=${pa:-none}
pb=${pb:-none}
# testpmd names every stream it forwards: "RX P=2/Q=0 (socket 0) -> TX P=3/Q=0 ...".
# Exactly the two mcm ports, each way, and never a memif port (owned by the mcm ports).
streams=$(sed -n 's/.*RX P=\([0-9]*\)\/Q=[0-9]* .*-> TX P=\([0-9]*\)\/Q=.*/\1>\2/p' "$out" |
	sort -u | tr '\n' ' ')
want=$(printf '%s\n' "$pa>$pb" "$pb>$pa" | sort -u | tr '\n' ' ')
check "testpmd forwards on exactly the mcm ports $pa and $pb (streams: $streams)" \
	test "$streams" = "$want"
check "testpmd forwards on 2 ports" grep -q "packet forwarding - ports=2 " "$out"
stat_ports=$(sed -n 's/.*Forward statistics for port \([0-9]*\) .*/\1/p' "$out" |
	sort -n | tr '\n' ' ')
check "forward statistics for exactly the mcm ports (ports: $stat_ports)" \
	test "$stat_ports" = "$mcm_ports"
acc=$(sed -n '/Accumulated forward statistics/,/+++++/p' "$out")
rx=$(echo "$acc" | sed -n 's/.*RX-packets: *\([0-9]*\).*/\1/p')
rxd=$(echo "$acc" | sed -n 's/.*RX-dropped: *\([0-9]*\).*/\1/p')
txd=$(echo "$acc" | sed -n 's/.*TX-dropped: *\([0-9]*\).*/\1/p')
echo "forwarded ${rx:-?} packets in ${secs}s, RX-dropped ${rxd:-?}, TX-dropped ${txd:-?}"
check "packets circulated (${rx:-0} > 100000)" test "${rx:-0}" -gt 100000
check "no RX drops" test "${rxd:-1}" -eq 0
check "no TX drops" test "${txd:-1}" -eq 0
check "no RX errors on any port" bash -c "! grep -E 'RX-errors: *[1-9]' '$out'"
check "no TX errors on any port" bash -c "! grep -E 'TX-errors: *[1-9]' '$out'"
check "no RX-nombuf" bash -c "! grep -E 'RX-nombuf: *[1-9]' '$out'"
for p in $pa $pb; do
	check "port $p forwarded in both directions" \
		bash -c "sed -n '/Forward statistics for port $p/,/------/p' '$out' | grep -Eq 'TX-packets: *[1-9]'"
done
if [ $FAILED -ne 0 ]; then
	echo "---- testpmd output (tail) ----"
	tail -40 "$out"
fi
summary
