#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# System test: `mcm-ctl capture` of data VCs. dpdk-testpmd forwards frames (io, --tx-first)
# between two mcm ports over a memif pair on PVCs; mcm-ctl captures one VC of one port to a
# SunATM pcap. tshark must read as many records as mcm-ctl reported, all on the chosen VC, in
# both directions, each decoded down to the Ethernet frame testpmd sent (LLC encapsulation:
# SunATM type LLC; VC-multiplexed: type LANE, whose LEC ID field holds the 2-byte pad), with
# no malformed frame. Then the misuse cases: a second start, a stop with none running, a file
# that cannot be created, more VCs than a capture takes, a bad count; each an error, nothing
# changed. A count stops the capture's writing after N records, as dumpcap -c does.
# Usage: test_capture.sh MCM_CTL LIBRTE_NET_MCM_SO
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/usertools/lib/mcm-common.sh"
. "$top/test/system/lib.sh"
ctl=$1
need tshark dpdk-testpmd "$ctl"
so=$(mcm_stage_plugin "$2") || exit 1
tag=mcm-cap-$$
dir=$(mktemp -d /tmp/$tag.XXXXXX)
pid=
cleanup() {
	[ -n "$pid" ] && kill -INT "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$dir" "/run/$tag.sock"
	mcm_unstage_plugin "$so"
}
trap cleanup EXIT

start_testpmd() { # encap
	timeout 60 dpdk-testpmd -l 0-1 --no-huge --no-pci -m 1024 --file-prefix=$tag -d "$so" \
		--vdev=net_memif0,role=server,socket=/run/$tag.sock \
		--vdev=net_memif1,role=client,socket=/run/$tag.sock \
		--vdev=net_mcm0,lower=net_memif0,pvc=[0/100,0/101],encap=$1,sig=off \
		--vdev=net_mcm1,lower=net_memif1,pvc=[0/100,0/101],encap=$1,sig=off \
		-- --forward-mode=io --tx-first --txpkts=128 --burst=1 --stats-period=1 \
		--total-num-mbufs=16384 --no-lsc-interrupt </dev/null >"$dir/testpmd-$1.log" 2>&1 &
	pid=$!
	local i
	for i in $(seq 1 80); do
		grep -q 'Rx-pps' "$dir/testpmd-$1.log" 2>/dev/null && return 0
		kill -0 $pid 2>/dev/null || break
		sleep 0.25
	done
	echo "testpmd did not start:"
	tail -20 "$dir/testpmd-$1.log"
	return 1
}

stop_testpmd() {
	kill -INT "$pid" 2>/dev/null
	wait "$pid"
	local rc=$?
	pid=
	return $rc
}

for encap in llc vcmux; do
	if ! start_testpmd $encap; then
		fail "testpmd did not start"
		continue
	fi
	pcap=$dir/cap-$encap.pcap
	# testpmd forwards at line rate: a count keeps the file small (tshark reads it twice)
	out=$("$ctl" -f $tag -p net_mcm1 capture start "$pcap" 0/100 count 5000 2>&1)
	check "$encap: capture start ($out)" test $? -eq 0
	check "$encap: capture start says the count ($out)" grep -q "5000 records at most" <<<"$out"
	sleep 0.2
	out=$("$ctl" -f $tag -p net_mcm1 capture stop 2>&1)
	rc=$?
	check "$encap: capture stop ($out)" test $rc -eq 0
	records=$(sed -n 's/.*stopped: \([0-9]*\) records.*/\1/p' <<<"$out")
	check "$encap: exactly the count written ($records)" test "${records:-0}" -eq 5000
	check "$encap: stop says the count was reached" grep -q "(count reached)" <<<"$out"
	check "$encap: testpmd ends cleanly" stop_testpmd

	# one decoding pass: VC, direction, what the record decodes to, LLC/SNAP header
	tshark -r "$pcap" -T fields -E separator=' ' -E occurrence=f -e atm.vpi -e atm.vci \
		-e atm.channel -e ip.src -e udp.srcport -e frame.len -e llc.oui -e llc.pid \
		>"$dir/fields-$encap.txt" 2>"$dir/tshark-$encap.err"
	rc=$?
	check "$encap: tshark reads the file ($(head -c 200 "$dir/tshark-$encap.err"))" \
		test $rc -eq 0
	n=$(wc -l <"$dir/fields-$encap.txt")
	check "$encap: tshark reads every record ($n of $records)" test "$n" -eq "${records:-x}"
	vcs=$(awk '{ print $1 "/" $2 }' "$dir/fields-$encap.txt" | sort -u | tr '\n' ' ')
	check "$encap: only VC 0/100 captured ($vcs)" test "$vcs" = "0/100 "
	dirs=$(awk '{ print $3 }' "$dir/fields-$encap.txt" | sort -u | wc -l)
	check "$encap: both directions captured ($dirs)" test "$dirs" -eq 2
	# testpmd's --tx-first frames: IPv4/UDP from 198.18.0.1, 128 bytes
	udp=$(awk '$4 == "198.18.0.1" && $5 == 9 && $6 >= 128' "$dir/fields-$encap.txt" | wc -l)
	check "$encap: every record decodes to testpmd's Ethernet frame ($udp of $n)" \
		test "$udp" -eq "$n"
	tshark -r "$pcap" -Y _ws.malformed -T fields -e frame.number >"$dir/bad-$encap.txt" \
		2>"$dir/bad-$encap.err"
	check "$encap: tshark reads the file for malformed records" test $? -eq 0
	bad=$(wc -l <"$dir/bad-$encap.txt")
	check "$encap: no malformed record ($bad)" test "$bad" -eq 0
	if [ $encap = llc ]; then
		# tshark prints the OUI 00:80:c2 (IEEE 802.1) as 32962
		llc=$(awk '$7 == 32962 && $8 == "0x0007"' "$dir/fields-$encap.txt" | wc -l)
		check "llc: RFC 2684 bridged LLC/SNAP header on every record ($llc of $n)" \
			test "$llc" -eq "$n"
	fi
done

# misuse: clear errors, non-zero exit, the running capture untouched
if start_testpmd llc; then
	try() { # expected-status command...: runs mcm-ctl, checks its exit status
		local want=$1 rc
		shift
		"$ctl" -f $tag -p net_mcm0 "$@" >"$dir/out" 2>&1
		rc=$?
		if [ "$want" = fail ]; then
			check "$* fails ($(cat "$dir/out"))" test $rc -ne 0
		else
			check "$* works ($(cat "$dir/out"))" test $rc -eq 0
		fi
	}
	try fail capture stop
	try fail capture start /nonexistent-dir/x.pcap
	try fail capture start "$dir/m.pcap" 0/32 0/33 0/34 0/35 0/36 0/37 0/38 0/39 0/40
	check "no file left by the refused start" test ! -e "$dir/m.pcap"
	try fail capture start "$dir/m.pcap" 0/100 count 0
	try fail capture start "$dir/m.pcap" 0/100 count x
	try fail capture start "$dir/m.pcap" 0/100 count 4294967296
	check "no file left by a refused count" test ! -e "$dir/m.pcap"
	try ok capture start "$dir/m.pcap" 0/100 count 20000
	try fail capture start "$dir/m2.pcap"
	check "the second capture's file is not created" test ! -e "$dir/m2.pcap"
	sleep 0.2
	try ok capture stop
	tshark -r "$dir/m.pcap" -T fields -e atm.vci >"$dir/m.vci" 2>"$dir/m.err"
	rc=$?
	check "tshark reads the first capture ($(head -c 200 "$dir/m.err"))" test $rc -eq 0
	check "the first capture's count held ($(wc -l <"$dir/m.vci") records)" \
		test "$(wc -l <"$dir/m.vci")" -le 20000
	vcs=$(sort -u "$dir/m.vci" | tr '\n' ' ')
	check "the first capture went on: VC 0/100 in its file ($vcs)" test "$vcs" = "100 "
	check "testpmd ends cleanly" stop_testpmd
else
	fail "testpmd did not start"
fi
if [ $FAILED -ne 0 ]; then
	for f in "$dir"/testpmd-*.log; do echo "---- $f"; tail -15 "$f"; done
fi
summary
