#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# System test: the wire as tshark sees it. An mcm port on a net_pcap lower port writes its
# PW frames to a pcap file while testpmd sends frames (txonly, two frame sizes); tshark,
# told that label N is an ATM N:1 CW pseudowire, must decode every frame with all its cells
# good, the right VPI/VCI, no malformed packet and no expert warning.
# Usage: test_wire_pcap.sh <librte_net_mcm.so>
set -u
. "$(dirname "$0")/../../usertools/lib/mcm-common.sh"
so=$(mcm_stage_plugin "$1") || exit 1
. "$(dirname "$0")/lib.sh"
need tshark dpdk-testpmd

tag=mcm-wire-$$
dir=$(mktemp -d /tmp/$tag.XXXXXX)
trap 'rm -rf "$dir"; mcm_unstage_plugin "$so"' EXIT
# an empty Ethernet pcap for the lower port's rx side
python3 -c 'import struct,sys; open(sys.argv[1],"wb").write(struct.pack("<IHHiIII",0xa1b2c3d4,2,4,0,0,65535,1))' "$dir/empty.pcap"
label=1234

run_txonly() { # size
	timeout 40 dpdk-testpmd -l 0-1 --no-huge --no-pci -m 512 --file-prefix=$tag \
		-d "$so" \
		--vdev=net_pcap0,rx_pcap="$dir/empty.pcap",tx_pcap="$dir/wire-$1.pcap" \
		--vdev=net_mcm0,lower=net_pcap0,pvc=[2/300,0/100],pw_label=$label,peer_mac=02:00:00:00:00:02 \
		-- --forward-mode=txonly --txpkts="$1" --port-topology=loop --stats-period=1 \
		--total-num-mbufs=8192 --no-lsc-interrupt </dev/null >"$dir/testpmd-$1.log" 2>&1 &
	local pid=$!
	sleep 2
	kill -INT $pid 2>/dev/null
	wait $pid
}

for size in 64 1400; do
	run_txonly $size
	pcap="$dir/wire-$size.pcap"
	frames=$(tshark -r "$pcap" -c 2000 -T fields -e frame.number 2>/dev/null | wc -l)
	check "$size-byte frames: the wire has PW frames ($frames)" test "$frames" -gt 10
	dec=(-r "$pcap" -c 2000 -d mpls.label==$label,mplspwatmn1cw)
	bad=$(tshark "${dec[@]}" -Y '_ws.malformed || _ws.expert.severity >= warning' \
		-T fields -e frame.number 2>/dev/null | wc -l)
	check "$size-byte frames: no malformed frame and no expert warning ($bad)" test "$bad" -eq 0
	# every cell good: the dissector's count of good cells equals payload / 52
	tshark "${dec[@]}" -T fields -E separator=' ' -e frame.len -e pw.atm.n1_cw.cells \
		2>/dev/null > "$dir/cells-$size.txt"
	wrong=$(awk '{ if ($2 != ($1 - 14 - 4 - 4) / 52) n++ } END { print n + 0 }' \
		"$dir/cells-$size.txt")
	check "$size-byte frames: every cell of every frame is good ($wrong frames not)" \
		test "$wrong" -eq 0
	vcs=$(tshark "${dec[@]}" -T fields -e atm.vpi -e atm.vci 2>/dev/null |
		tr '\t,' '\n\n' | paste - - 2>/dev/null | sort -u | tr '\t' '/' | tr '\n' ' ')
	# txonly frames carry no VC: the bridge sends them on the default VC, the first pvc=
	vpis=$(tshark "${dec[@]}" -T fields -e atm.vpi 2>/dev/null | tr ',' '\n' | sort -u | tr '\n' ' ')
	vcis=$(tshark "${dec[@]}" -T fields -e atm.vci 2>/dev/null | tr ',' '\n' | sort -u | tr '\n' ' ')
	check "$size-byte frames: cells on VPI 2 only (got: $vpis)" test "$vpis" = "2 "
	check "$size-byte frames: cells on VCI 300 only (got: $vcis)" test "$vcis" = "300 "
	# the last cell of each PDU has AUU set: as many AUU cells as frames testpmd sent
	seqs=$(tshark "${dec[@]}" -T fields -e pw.cw.seqno 2>/dev/null | head -3 | tr '\n' ' ')
	check "$size-byte frames: CW sequence numbers count from 1 ($seqs)" test "${seqs%% *}" = "1"
done
if [ $FAILED -ne 0 ]; then
	for f in "$dir"/testpmd-*.log; do echo "---- $f"; tail -15 "$f"; done
fi
summary
