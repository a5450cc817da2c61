#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# System test: Debian's dpdk-testpmd loads librte_net_mcm.so with -d; two mcm ports over a
# memif pair, io forwarding with --tx-first for a few seconds: the frames circulate with no
# drops and no errors on either port, in both directions.
# Usage: test_testpmd_fwd.sh <librte_net_mcm.so> [seconds]
set -u
. "$(dirname "$0")/../../usertools/lib/mcm-common.sh"
so=$(mcm_stage_plugin "$1") || exit 1
secs=${2:-4}
. "$(dirname "$0")/lib.sh"
need dpdk-testpmd

tag=mcm-fwd-$$
out=$(mktemp /tmp/$tag.XXXXXX)
trap 'rm -f "$out" /run/$tag.sock; mcm_unstage_plugin "$so"' EXIT
timeout $((secs + 30)) dpdk-testpmd -l 0-1 --no-huge --no-pci -m 1024 --file-prefix=$tag \
	-d "$so" --log-level=pmd.net.mcm:info \
	--vdev=net_memif0,role=server,socket=/run/$tag.sock \
	--vdev=net_memif1,role=client,socket=/run/$tag.sock \
	--vdev=net_mcm0,lower=net_memif0,pvc=0/100 \
	--vdev=net_mcm1,lower=net_memif1,pvc=0/100 \
	-- --forward-mode=io --tx-first --stats-period=1 --total-num-mbufs=16384 \
	--no-lsc-interrupt </dev/null >"$out" 2>&1 &
pid=$!
sleep "$secs"
kill -INT $pid 2>/dev/null
wait $pid
rc=$?

check "testpmd exited cleanly (rc $rc)" test $rc -eq 0
check "testpmd sees exactly the two mcm ports" grep -q "Port 3 is closed" "$out"
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
for p in 2 3; do
	check "port $p forwarded in both directions" \
		bash -c "sed -n '/Forward statistics for port $p/,/------/p' '$out' | grep -Eq 'TX-packets: *[1-9]'"
done
if [ $FAILED -ne 0 ]; then
	echo "---- testpmd output (tail) ----"
	tail -40 "$out"
fi
summary
