#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# System test: the supported way to add mcm ports to a running testpmd (README, "Adding
# ports to a running testpmd"). `port attach` of a memif pair, then of two mcm ports on
# them: mcm owns the memif ports from its probe on, so `port start all` leaves them alone,
# but testpmd keeps in its forwarding list the ports it attached, so `set portlist` names
# the mcm ports. Checked: the probe's log says so, `port start all` configures only the mcm
# ports, forwarding runs on exactly the mcm ports (never a memif port, which would poll the
# queues mcm runs on), the frames cross with no drop; after `port stop`/`port close` of the
# mcm ports, testpmd quits cleanly.
# Usage: test_port_attach.sh <librte_net_mcm.so>
set -u
. "$(dirname "$0")/../../usertools/lib/mcm-common.sh"
so=$(mcm_stage_plugin "$1") || exit 1
. "$(dirname "$0")/lib.sh"
need dpdk-testpmd stdbuf

tag=mcm-attach-$$
out=$(mktemp /tmp/$tag.XXXXXX)
fifo=/run/$tag.fifo
pid=
cleanup() {
	stop_testpmd_fifo "$pid" 3
	exec 3>&- 2>/dev/null
	rm -f "$out" "$fifo" /run/$tag.sock
	mcm_unstage_plugin "$so"
}
trap cleanup EXIT
mkfifo "$fifo" || die "mkfifo $fifo"

stdbuf -oL timeout 120 dpdk-testpmd -l 0-1 --no-huge --no-pci -m 1024 --file-prefix=$tag \
	-d "$so" --log-level=pmd.net.mcm:info -- -i --total-num-mbufs=16384 \
	--no-lsc-interrupt <"$fifo" >"$out" 2>&1 &
pid=$!
exec 3>"$fifo"

# send CMD...: one testpmd command; wait for PATTERN (grep -E) to appear, up to 10 s
send() {
	echo "$1" >&3
}
wait_for() {
	local pattern=$1 i
	for i in $(seq 1 80); do
		grep -Eq "$pattern" "$out" && return 0
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.25
	done
	return 1
}

check "testpmd starts with no port" wait_for "No probed ethernet devices|testpmd> "
send "port attach net_memif0,role=server,socket=/run/$tag.sock"
check "memif server attached as port 0" wait_for "Port 0 is attached"
send "port attach net_memif1,role=client,socket=/run/$tag.sock"
check "memif client attached as port 1" wait_for "Port 1 is attached"
send "port attach net_mcm0,lower=net_memif0,pvc=0/100,sig=off"
check "mcm port 2 attached on port 0" wait_for "Port 2 is attached"
send "port attach net_mcm1,lower=net_memif1,pvc=0/100,sig=off"
check "mcm port 3 attached on port 1" wait_for "Port 3 is attached"
check "the probe says the lower port is the mcm port's now and how to leave it" \
	grep -q "net_mcm0: .*owns port 0 (net_memif0).*set portlist" "$out"
send "port start all"
check "port start all" wait_for "Port 3: link state change event|Checking link statuses"
sleep 1
configured=$(sed -n 's/^Configuring Port \([0-9]*\).*/\1/p' "$out" | sort -n | tr '\n' ' ')
check "port start all configured only the mcm ports (configured: $configured)" \
	test "$configured" = "2 3 "
send "set portlist 2,3"
send "show config fwd"
check "forwarding config shown" wait_for "nb forwarding ports=2|ports=2 "
send "start tx_first"
sleep 3
send "stop"
check "forwarding stopped" wait_for "Accumulated forward statistics"
streams=$(sed -n 's/.*RX P=\([0-9]*\)\/Q=[0-9]* .*-> TX P=\([0-9]*\)\/Q=.*/\1>\2/p' "$out" |
	sort -u | tr '\n' ' ')
check "testpmd forwards on exactly the mcm ports (streams: $streams)" \
	test "$streams" = "2>3 3>2 "
stat_ports=$(sed -n 's/.*Forward statistics for port \([0-9]*\) .*/\1/p' "$out" |
	sort -u | tr '\n' ' ')
check "forward statistics only for the mcm ports ($stat_ports)" test "$stat_ports" = "2 3 "
for p in 2 3; do
	rx=$(sed -n "/Forward statistics for port $p /,/^  ---/s/.*RX-packets: *\([0-9]*\).*/\1/p" \
		"$out" | tail -1)
	drop=$(sed -n "/Forward statistics for port $p /,/^  ---/s/.*RX-dropped: *\([0-9]*\).*/\1/p" \
		"$out" | tail -1)
	check "port $p received frames (${rx:-none})" test "${rx:-0}" -gt 1000
	check "port $p dropped none (${drop:-none})" test "${drop:-1}" -eq 0
done
send "port stop 2"
send "port stop 3"
send "port close 2"
send "port close 3"
check "mcm ports closed" wait_for "Port 3 is closed"
send "quit"
for _ in $(seq 1 40); do
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.25
done
wait "$pid"
rc=$?
pid=
check "testpmd quit cleanly (rc $rc)" test "$rc" -eq 0
check "no error from the driver" bash -c "! grep -E 'net_mcm.*(ERR|error)|Segmentation' '$out'"
if [ "$FAILED" -gt 0 ]; then
	echo "---- testpmd output ----"
	tail -60 "$out"
fi
summary
