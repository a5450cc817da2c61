#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# System test: an AAL5 CPCS-SDU mode PVC on the wire as tshark sees it (RFC 4717). An mcm
# port on a net_pcap lower port, PVC 0/100@sdu:200 (the default VC) and 0/101 in cell mode,
# writes its PW frames to a pcap while testpmd sends a known number of frames of two sizes;
# tshark, told that label 200 is an AAL5 SDU mode pseudowire, must decode every frame as
# Ethernet / MPLS label 200 / control word / ATM AAL5 / LLC / the bridged Ethernet frame
# testpmd sent (IPv4, UDP), with the CW's flags and sequence 0 and its length set only under
# 64 bytes, one PW frame a frame sent, no malformed frame and no expert warning.
# Usage: test_wire_sdu.sh <librte_net_mcm.so>
set -u
. "$(dirname "$0")/../../usertools/lib/mcm-common.sh"
so=$(mcm_stage_plugin "$1") || exit 1
. "$(dirname "$0")/lib.sh"
need tshark dpdk-testpmd python3

tag=mcm-sdu-$$
dir=$(mktemp -d /tmp/$tag.XXXXXX)
trap 'exec 3>&- 2>/dev/null; [ "$FAILED" -eq 0 ] && rm -rf "$dir"; mcm_unstage_plugin "$so"' EXIT

# 1,500-byte frames need a lower MTU of 1,532 (label, CW, LLC header): lower_mtu= gives it
for size in 64 1000 1500; do
	extra=
	[ "$size" = 1500 ] && extra=,lower_mtu=1600
	pcap_txonly "$dir" "$so" $size 64 \
		"pvc=[0/100@sdu:200,0/101],peer_mac=02:00:00:00:00:02,sig=off$extra"
	rc=$?
	log="$dir/testpmd-$size.log"
	check "$size-byte frames: testpmd exited cleanly (rc $rc)" test $rc -eq 0
	sent=$(sed -n '/Accumulated forward statistics/,/+++++/s/.*TX-packets: *\([0-9]*\).*/\1/p' \
		"$log")
	pw_frames=$(sed -n 's/^ *tx_pw_frames: *\([0-9]*\)$/\1/p' "$log")
	tx_cells=$(sed -n 's/^ *tx_cells: *\([0-9]*\)$/\1/p' "$log")
	check "$size-byte frames: testpmd sent 512 frames (${sent:-none})" test "${sent:-0}" = 512
	check "$size-byte frames: the driver sent one PW frame a frame (${pw_frames:-none})" \
		test "${pw_frames:-0}" = "${sent:-none}"
	check "$size-byte frames: and no cell (${tx_cells:-none})" test "${tx_cells:-x}" = 0

	dec=(-r "$dir/wire-$size.pcap" -d mpls.label==200,mplspwatmaal5sdu)
	ts "$size-byte frames: malformed/expert filter" "$dir/bad-$size.txt" "${dec[@]}" \
		-Y '_ws.malformed || _ws.expert.severity >= warning' -T fields -e frame.number
	bad=$(wc -l <"$dir/bad-$size.txt")
	check "$size-byte frames: no malformed frame and no expert warning ($bad)" test "$bad" -eq 0
	# one line a frame: its protocols, label, CW fields and the inner frame's addresses
	ts "$size-byte frames: fields" "$dir/f-$size.txt" "${dec[@]}" -T fields \
		-e frame.protocols -e mpls.label -e pw.cw.bits03 -e pw.cw.length -e pw.cw.seqno \
		-e llc.pid -e ip.dst -e udp.length -e frame.len
	lines=$(wc -l <"$dir/f-$size.txt")
	check "$size-byte frames: tshark decoded every PW frame ($lines of ${sent:-?})" \
		test "$lines" = "${sent:-none}"
	want_len=$((size + 10 + 4 < 64 ? size + 10 + 4 : 0))
	wrong=$(awk -F'\t' -v size="$size" -v cwlen="$want_len" '
		$1 != "eth:ethertype:mpls:mplspwatmcontrolword:atm:llc:eth:ethertype:ip:udp:data" ||
		$2 != 200 || $3 != 0 || $4 != cwlen || $5 != 0 || $6 != "0x0007" ||
		$7 != "198.18.0.2" || $9 != size + 14 + 4 + 4 + 10 { n++ }
		END { print n + 0 }' "$dir/f-$size.txt")
	check "$size-byte frames: every frame is label 200, CW 0 (length $want_len), LLC bridged\
 Ethernet, testpmd's IPv4/UDP frame ($wrong not)" test "$wrong" -eq 0 -a "$lines" -gt 0
	[ "$wrong" -eq 0 ] || head -3 "$dir/f-$size.txt"
done

# a lower_mtu the lower port cannot take is refused at probe, naming the port's limit
out=$(timeout 30 dpdk-testpmd -l 0-1 --no-huge --no-pci -m 512 --file-prefix=$tag-m \
	-d "$so" --vdev=net_memif0,role=server,socket=/run/$tag.sock \
	--vdev=net_mcm0,lower=net_memif0,lower_mtu=9000,sig=off -- --help 2>&1)
check "lower_mtu=9000 on memif refused with the port's limit ($(grep -o 'lower_mtu=9000.*' \
	<<<"$out" | head -1))" grep -q 'lower_mtu=9000: net_memif0 takes an MTU of [0-9]*\.\.1500' \
	<<<"$out"
summary
