#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# System test: DPDK's secondary-process tools on mcm ports. dpdk-testpmd (the primary, on
# hugepages: a --no-huge primary takes no secondaries) forwards frames (io, start tx_first)
# between two mcm ports over a memif pair on a PVC. Then, while it forwards:
#  1. dpdk-proc-info --stats and --xstats list exactly the mcm ports with non-zero counts that
#     lie between what testpmd's `show port stats all` says just before and just after, with
#     no error line; --stats-reset is refused by the driver in a secondary (the counts go on);
#     --show-port shows both ports, driver net_mcm, link up;
#  2. dpdk-dumpcap -i net_mcm0 -c 50 writes a pcapng that tshark reads: at least 50 frames
#     (dumpcap 22.11 stops after the burst that reaches the count: at most 31 more), as many
#     as dumpcap reports, every one testpmd's IPv4/UDP frame, both directions, on the mcm port;
#  3. dpdk-pdump rx-dev=FILE.pcap captures testpmd's frames received on net_mcm0, and logs the
#     driver's secondary attach line;
#  4. testpmd keeps forwarding after the secondaries leave and quits cleanly.
# Two work-arounds of Debian's 22.11 packages (doc/driver.md): dpdk-dumpcap has no -d, so the
# PMD is preloaded; and dpdk-testpmd links a mempool driver (dpaa) that the tools only load as
# a plugin, so the tools preload it too, or the capture pool's ops index means another driver
# in the primary.
# Usage: test_secondary.sh MCM_CTL LIBRTE_NET_MCM_SO
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/usertools/lib/mcm-common.sh"
. "$top/test/system/lib.sh"
ctl=$1
need dpdk-testpmd dpdk-proc-info dpdk-dumpcap dpdk-pdump tshark ldd awk stdbuf mkfifo \
	"$ctl"
so=$(mcm_stage_plugin "$2") || die "cannot stage $2"
tag=mcm-sec-$$
dir=$(mktemp -d /tmp/$tag.XXXXXX)
pid=
spid=
cleanup() {
	[ -n "$spid" ] && kill -INT "$spid" 2>/dev/null && wait "$spid" 2>/dev/null
	stop_testpmd_fifo "$pid" 3
	exec 3>&- 2>/dev/null
	rm -rf "$dir" "/run/$tag.sock" "/var/run/dpdk/$tag"
	rm -f /dev/hugepages/"$tag"map_*
	mcm_unstage_plugin "$so"
}
trap cleanup EXIT

# hugepages: testpmd's 256 MB, the tools' capture pools (a set-up failure, never a skip)
free_mb=$(awk '/^HugePages_Free:/ { n = $2 } /^Hugepagesize:/ { s = $2 }
	END { print int(n * s / 1024) }' /proc/meminfo)
[ "${free_mb:-0}" -ge 320 ] ||
	die "$free_mb MB of free hugepages; 320 needed (usertools/mcm-setup reserves them)"
# the mempool drivers testpmd links (not loaded as plugins): the tools load them first too
mp_libs=$(ldd "$(command -v dpdk-testpmd)" | awk '/librte_mempool_/ { printf "%s ", $3 }')

mkfifo "$dir/cmd" || die "mkfifo"
exec 3<>"$dir/cmd"
log=$dir/testpmd.log
timeout 300 stdbuf -oL dpdk-testpmd -l 0-1 --no-pci -m 256 --file-prefix=$tag -d "$so" \
	--log-level=pmd.net.mcm:info \
	--vdev=net_memif0,role=server,socket=/run/$tag.sock \
	--vdev=net_memif1,role=client,socket=/run/$tag.sock \
	--vdev=net_mcm0,lower=net_memif0,pvc=0/100,sig=off \
	--vdev=net_mcm1,lower=net_memif1,pvc=0/100,sig=off \
	-- -i --forward-mode=io --txpkts=128 --burst=1 --total-num-mbufs=16384 \
	--no-lsc-interrupt <&3 >"$log" 2>&1 &
pid=$!
up=0
for _ in $(seq 1 60); do
	"$ctl" -f $tag status >/dev/null 2>&1 && { up=1; break; }
	kill -0 $pid 2>/dev/null || break
	sleep 0.5
done
if [ $up != 1 ]; then
	tail -20 "$log"
	die "testpmd with two mcm ports did not come up"
fi
# "net_mcm0: port 2 on net_memif0 (port 0), ..." (the probe's info line)
p0=$(sed -n 's/.*net_mcm0: port \([0-9]*\) on .*/\1/p' "$log")
p1=$(sed -n 's/.*net_mcm1: port \([0-9]*\) on .*/\1/p' "$log")
[ -n "$p0" ] && [ -n "$p1" ] || die "no probe line of net_mcm0/net_mcm1 in testpmd's log"
echo "start tx_first" >&3
sleep 1

# field FILE PORT NAME: the last value of NAME (RX-packets, TX-packets) in the FILE's
# "NIC statistics for port PORT" blocks (testpmd's and dpdk-proc-info's), not the per-queue
# "Stats reg" lines
field() {
	awk -v p="$2" -v f="$3:" '/NIC statistics for port/ { inb = ($6 == p) }
		inb && !/Stats reg/ { for (i = 1; i < NF; i++) if ($i == f) v = $(i + 1) }
		END { print v }' "$1"
}

# tp_stats: testpmd's `show port stats all`, waited for in its log (Tx-pps: the last line of
# a port's block)
tp_stats() {
	local n0 n
	n0=$(grep -c 'Tx-pps:' "$log")
	echo "show port stats all" >&3
	for _ in $(seq 1 40); do
		n=$(grep -c 'Tx-pps:' "$log")
		[ "$n" -ge $((n0 + 2)) ] && return 0
		sleep 0.25
	done
	return 1
}

# errors FILE: the lines of FILE that report a failure (not the "*_errors: N" counters)
errors() {
	grep -iE 'fail|cannot|invalid|not supported|error[^s]|panic|warning' "$1"
}

# ---- 1. dpdk-proc-info --stats, between two `show port stats all` ----
check "testpmd show port stats (before)" tp_stats
declare -A before after
for p in $p0 $p1; do
	for f in RX-packets TX-packets; do before[$p.$f]=$(field "$log" $p $f); done
done
timeout 30 dpdk-proc-info --file-prefix=$tag --no-pci -d "$so" -- --stats \
	>"$dir/stats1" 2>&1
rc=$?
check "proc-info --stats exits 0 (rc $rc)" test $rc -eq 0
check "proc-info --stats: no error line ($(errors "$dir/stats1" | head -3))" \
	test -z "$(errors "$dir/stats1")"
check "testpmd show port stats (after)" tp_stats
for p in $p0 $p1; do
	for f in RX-packets TX-packets; do after[$p.$f]=$(field "$log" $p $f); done
done
listed=$(awk '/NIC statistics for port/ { print $6 }' "$dir/stats1" | sort -n | tr '\n' ' ')
check "proc-info lists exactly the mcm ports $p0 $p1 ($listed)" \
	test "$listed" = "$(printf '%s\n' $p0 $p1 | sort -n | tr '\n' ' ')"
for p in $p0 $p1; do
	for f in RX-packets TX-packets; do
		v=$(field "$dir/stats1" $p $f)
		b=${before[$p.$f]}
		a=${after[$p.$f]}
		echo "port $p $f: testpmd $b, proc-info $v, testpmd $a"
		check "port $p $f: proc-info ${v:-none} > 0" test "${v:-0}" -gt 0
		check "port $p $f: testpmd ${b:-none} <= proc-info ${v:-none} <= ${a:-none}" \
			test "${b:-x}" -le "${v:-0}" -a "${v:-x}" -le "${a:-0}"
	done
done

# the counts grow; --stats-reset is refused in a secondary (they go on from where they were)
sleep 0.5
timeout 30 dpdk-proc-info --file-prefix=$tag --no-pci -d "$so" -- --stats-reset \
	>"$dir/reset" 2>&1
rc=$?
check "proc-info --stats-reset exits 0 (rc $rc)" test $rc -eq 0
timeout 30 dpdk-proc-info --file-prefix=$tag --no-pci -d "$so" -- --stats \
	>"$dir/stats2" 2>&1
rc=$?
check "proc-info --stats again exits 0 (rc $rc)" test $rc -eq 0
for p in $p0 $p1; do
	v1=$(field "$dir/stats1" $p RX-packets)
	v2=$(field "$dir/stats2" $p RX-packets)
	check "port $p RX-packets grow, not reset by a secondary (${v1:-none} < ${v2:-none})" \
		test "${v1:-x}" -lt "${v2:-0}"
done

# ---- 1b. dpdk-proc-info --xstats ----
timeout 30 dpdk-proc-info --file-prefix=$tag --no-pci -d "$so" -- --xstats \
	>"$dir/xstats" 2>&1
rc=$?
check "proc-info --xstats exits 0 (rc $rc)" test $rc -eq 0
check "proc-info --xstats: no error line ($(errors "$dir/xstats" | head -3))" \
	test -z "$(errors "$dir/xstats")"
xlisted=$(sed -n 's/.*NIC extended statistics for port \([0-9]*\).*/\1/p' "$dir/xstats" |
	sort -n | tr '\n' ' ')
check "proc-info --xstats lists exactly the mcm ports ($xlisted)" \
	test "$xlisted" = "$(printf '%s\n' $p0 $p1 | sort -n | tr '\n' ' ')"
# xstat PORT NAME: its value in the --xstats output
xstat() {
	awk -v p="$1" -v n="$2:" '/NIC extended statistics for port/ { inb = ($7 == p) }
		inb && $1 == n { print $2 }' "$dir/xstats"
}
for p in $p0 $p1; do
	for x in rx_good_packets tx_good_packets rx_pw_frames rx_cells tx_pw_frames tx_cells; do
		v=$(xstat $p $x)
		check "port $p xstat $x ${v:-none} > 0" test "${v:-0}" -gt 0
	done
	for x in rx_pw_bad_frames rx_aal5_errors tx_no_vc_drops; do
		v=$(xstat $p $x)
		check "port $p xstat $x is ${v:-none}, 0 expected" test "${v:-x}" = 0
	done
done

# ---- 1c. dpdk-proc-info --show-port: dev_info and link from the secondary ----
timeout 30 dpdk-proc-info --file-prefix=$tag --no-pci -d "$so" -- --show-port \
	>"$dir/show" 2>&1
rc=$?
check "proc-info --show-port exits 0 (rc $rc)" test $rc -eq 0
check "proc-info --show-port: no error line ($(errors "$dir/show" | head -3))" \
	test -z "$(errors "$dir/show")"
for i in 0 1; do
	check "proc-info --show-port: net_mcm$i is driven by net_mcm" \
		grep -q "driver net_mcm device net_mcm$i " "$dir/show"
done
up=$(grep -c 'Link up' "$dir/show")
check "proc-info --show-port: both links up, as the primary keeps them ($up)" test "$up" -eq 2

# ---- 2. dpdk-dumpcap -i net_mcm0 -c 50 ----
pcapng=$dir/cap.pcapng
LD_PRELOAD="$mp_libs $so" timeout 60 dpdk-dumpcap --file-prefix=$tag -i net_mcm0 -c 50 \
	-w "$pcapng" >"$dir/dumpcap" 2>&1
rc=$?
check "dumpcap exits 0 (rc $rc: $(tail -3 "$dir/dumpcap" | tr '\n' ' '))" test $rc -eq 0
# "Packets captured: 0 \b\b32 \b\b\b64 ": the count as it grew, the last one final
captured=$(grep -a '^Packets captured:' "$dir/dumpcap" | tr '\b' ' ' | awk '{ print $NF }')
tshark -r "$pcapng" -T fields -E separator=' ' -e frame.interface_name -e frame.p2p_dir \
	-e eth.type -e ip.src -e udp.srcport -e frame.len >"$dir/cap.txt" 2>"$dir/tshark.err"
rc=$?
check "tshark reads the pcapng (rc $rc: $(head -c 200 "$dir/tshark.err"))" test $rc -eq 0
n=$(wc -l <"$dir/cap.txt")
echo "dumpcap: $n frames in the pcapng, ${captured:-none} reported"
check "50 to 81 frames captured ($n)" test "$n" -ge 50 -a "$n" -le 81
check "as many frames as dumpcap reports ($n, ${captured:-none})" test "$n" = "${captured:-x}"
good=$(awk -v i="dpdk:$p0" '$1 == i && $3 == "0x0800" && $4 == "198.18.0.1" && $5 == 9 &&
	$6 == 128' "$dir/cap.txt" | wc -l)
check "every frame is testpmd's IPv4/UDP frame on port $p0 ($good of $n)" test "$good" -eq "$n"
dirs=$(awk '{ print $2 }' "$dir/cap.txt" | sort -u | tr '\n' ' ')
check "both directions captured ($dirs)" test "$dirs" = "0 1 "

# ---- 3. dpdk-pdump --pdump device_id=net_mcm0,rx-dev=FILE ----
pcap=$dir/pdump.pcap
LD_PRELOAD="$mp_libs" stdbuf -oL dpdk-pdump -l 0 --file-prefix=$tag --no-pci -d "$so" \
	--log-level=pmd.net.mcm:info -- \
	--pdump "device_id=net_mcm0,queue=*,rx-dev=$pcap,total-num-mbufs=8192" \
	>"$dir/pdump" 2>&1 &
spid=$!
for _ in $(seq 1 40); do
	grep -q 'capture for' "$dir/pdump" && break
	kill -0 $spid 2>/dev/null || break
	sleep 0.25
done
sleep 0.5
kill -INT $spid 2>/dev/null
wait $spid
rc=$?
spid=
check "pdump exits 0 on SIGINT (rc $rc: $(grep -iE 'error|fail' "$dir/pdump" | head -2))" \
	test $rc -eq 0
check "pdump: the driver's secondary attach line for net_mcm0" \
	grep -q "net_mcm0: secondary process attached to port $p0 (lower net_memif0" \
	"$dir/pdump"
tshark -r "$pcap" -T fields -E separator=' ' -e eth.type -e ip.src -e udp.srcport \
	-e frame.len >"$dir/pd.txt" 2>"$dir/tshark2.err"
rc=$?
check "tshark reads pdump's pcap (rc $rc: $(head -c 200 "$dir/tshark2.err"))" test $rc -eq 0
n=$(wc -l <"$dir/pd.txt")
echo "pdump: $n frames"
check "pdump captured frames ($n)" test "$n" -gt 0
good=$(awk '$1 == "0x0800" && $2 == "198.18.0.1" && $3 == 9 && $4 == 128' "$dir/pd.txt" |
	wc -l)
check "every pdump frame is testpmd's IPv4/UDP frame ($good of $n)" test "$good" -eq "$n"
rm -f "$pcap"

# ---- 4. the primary after the secondaries ----
check "testpmd show port stats (after the secondaries)" tp_stats
r1=$(field "$log" $p0 RX-packets)
sleep 1
check "testpmd show port stats (one second later)" tp_stats
r2=$(field "$log" $p0 RX-packets)
check "port $p0 still forwards (${r1:-none} < ${r2:-none})" test "${r1:-x}" -lt "${r2:-0}"
check "no mempool ops mix-up in the primary" test -z "$(grep -m1 'dpaa' "$log")"
echo "stop" >&3
echo "quit" >&3
rc=timeout
for _ in $(seq 1 40); do
	if ! kill -0 $pid 2>/dev/null; then
		wait $pid
		rc=$?
		break
	fi
	sleep 0.25
done
[ "$rc" = timeout ] || pid=
check "testpmd quits with exit 0 (rc $rc)" test "$rc" = 0
check "testpmd says Bye" grep -q '^Bye' "$log"
check "no crash in testpmd's log" test -z "$(grep -iE 'segmentation|panic|core dump' "$log")"
if [ $FAILED -ne 0 ]; then
	for f in "$log" "$dir/dumpcap" "$dir/pdump"; do
		echo "---- $f"
		grep -v 'Stats reg' "$f" | tail -25
	done
fi
summary
