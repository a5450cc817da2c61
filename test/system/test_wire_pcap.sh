#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# System test: the wire as tshark sees it. An mcm port on a net_pcap lower port writes its
# PW frames to a pcap file while testpmd sends a known number of frames (eight txonly bursts,
# two frame sizes); tshark, told that label N is an ATM N:1 CW pseudowire, must decode every
# frame with all its cells good, on the right VPI/VCI, with the control word's sequence
# numbers counting from 1, no malformed packet and no expert warning; the last cell of every
# AAL5 PDU carries AUU=1, so the wire holds as many AUU cells as frames testpmd sent, and as
# many PW frames and cells as the driver counted.
# Usage: test_wire_pcap.sh <librte_net_mcm.so>
set -u
. "$(dirname "$0")/../../usertools/lib/mcm-common.sh"
so=$(mcm_stage_plugin "$1") || exit 1
. "$(dirname "$0")/lib.sh"
need tshark dpdk-testpmd python3

tag=mcm-wire-$$
dir=$(mktemp -d /tmp/$tag.XXXXXX)
trap 'exec 3>&- 2>/dev/null; rm -rf "$dir"; mcm_unstage_plugin "$so"' EXIT
label=1234
mcm_args=peer_mac=02:00:00:00:00:02,sig=off

# sig=off: this test is about the PVC wire format; with signalling on the port would also
# send an SSCOP BGN on VC 0/5 every second (no peer answers), which is not PVC traffic.
for size in 64 1400; do
	txonly "$dir" "$so" $size 512 "pvc=[2/300,0/100],pw_label=$label,$mcm_args" ""
	check "$size-byte frames: testpmd sent frames (${sent:-none})" test "${sent:-0}" -gt 0
	check "$size-byte frames: the driver counted frames, cells (${pw_frames:-no}, ${tx_cells:-no})" \
		test "${pw_frames:-0}" -gt 0 -a "${tx_cells:-0}" -gt 0

	pcap="$dir/wire-$size.pcap"
	ts "$size-byte frames: frame list" "$dir/frames-$size.txt" \
		-r "$pcap" -T fields -e frame.number
	frames=$(wc -l <"$dir/frames-$size.txt")
	check "$size-byte frames: the wire has PW frames ($frames)" test "$frames" -gt 10
	check "$size-byte frames: PW frames on the wire ($frames) = driver's (${pw_frames:-none})" \
		test "$frames" = "${pw_frames:-none}"

	dec=(-r "$pcap" -d mpls.label==$label,mplspwatmn1cw)
	ts "$size-byte frames: malformed/expert filter" "$dir/bad-$size.txt" "${dec[@]}" \
		-Y '_ws.malformed || _ws.expert.severity >= warning' -T fields -e frame.number
	bad=$(wc -l <"$dir/bad-$size.txt")
	check "$size-byte frames: no malformed frame and no expert warning ($bad)" test "$bad" -eq 0
	# and the complement lists every frame: a filter that matched nothing for want of a
	# decode cannot pass
	ts "$size-byte frames: clean-frame filter" "$dir/clean-$size.txt" "${dec[@]}" \
		-Y '!(_ws.malformed || _ws.expert.severity >= warning)' -T fields -e frame.number
	clean=$(wc -l <"$dir/clean-$size.txt")
	check "$size-byte frames: every frame is clean ($clean of ${pw_frames:-?})" \
		test "$clean" = "${pw_frames:-none}"

	# One line a frame: length, the dissector's count of good cells, CW sequence number and
	# each cell's VPI, VCI and PTI (comma-separated lists).
	ts "$size-byte frames: cell fields" "$dir/cells-$size.txt" "${dec[@]}" -T fields \
		-e frame.len -e pw.atm.n1_cw.cells -e pw.cw.seqno -e atm.vpi -e atm.vci -e atm.pti
	lines=$(wc -l <"$dir/cells-$size.txt")
	check "$size-byte frames: tshark decoded every frame ($lines of ${pw_frames:-?})" \
		test "$lines" = "${pw_frames:-none}"
	# every cell good: the dissector's count equals payload / 52 (Ethernet 14, MPLS 4, CW 4;
	# RFC 4717 N:1 cells are 52 bytes), and each good cell has its own header fields
	read -r wrong cells auu vcs seqerr < <(awk -F'\t' '
		{
			nv = split($4, vpi, ","); split($5, vci, ","); np = split($6, pti, ",")
			if ($2 == "" || $2 != ($1 - 14 - 4 - 4) / 52 || nv != $2 || np != $2)
				wrong++
			cells += $2
			for (i = 1; i <= nv; i++) {
				vc[vpi[i] "/" vci[i]] = 1
				# AUU is the low bit of a user-data PTI (I.361: PTI 1 and 3)
				if (pti[i] == 1 || pti[i] == 3)
					auu++
			}
			# RFC 4385 4.1: the sequence number counts from 1, one a frame
			if ($3 != NR)
				seqerr++
		}
		END {
			s = ""
			for (v in vc)
				s = s (s == "" ? "" : ",") v
			print wrong + 0, cells + 0, auu + 0, (s == "" ? "none" : s), seqerr + 0
		}' "$dir/cells-$size.txt")
	echo "$size-byte frames: testpmd sent ${sent:-?}; the wire: $frames PW frames, $cells cells," \
		"$auu AUU cells; the driver: ${pw_frames:-?} PW frames, ${tx_cells:-?} cells"
	check "$size-byte frames: every cell of every frame is good ($wrong of $lines frames not)" \
		test "$wrong" -eq 0 -a "$lines" -gt 0
	check "$size-byte frames: cells on the wire ($cells) = driver's (${tx_cells:-none})" \
		test "$cells" = "${tx_cells:-none}"
	# txonly frames carry no VC: the bridge sends them on the default VC, the first pvc=
	check "$size-byte frames: cells on VC 2/300 only (got: $vcs)" test "$vcs" = "2/300"
	check "$size-byte frames: CW sequence numbers count 1, 2, 3... ($seqerr of $lines not)" \
		test "$seqerr" -eq 0 -a "$lines" -gt 0
	# the last cell of each AAL5 PDU has AUU set (I.363.5): one a frame testpmd sent
	check "$size-byte frames: AUU cells ($auu) = frames testpmd sent (${sent:-none})" \
		test "$auu" = "${sent:-none}"
done
if [ $FAILED -ne 0 ]; then
	for f in "$dir"/testpmd-*.log; do echo "---- $f"; tail -15 "$f"; done
fi
summary
