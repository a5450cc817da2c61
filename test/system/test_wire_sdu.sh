#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# System test: AAL5 CPCS-SDU and PDU mode PVCs on the wire as tshark sees them (RFC 4717).
# An mcm port on a net_pcap lower port, PVC 0/100@sdu:200 (the default VC) and 0/101 in cell mode,
# writes its PW frames to a pcap while testpmd sends a known number of frames of two sizes;
# tshark, told that label 200 is an AAL5 SDU mode pseudowire, must decode every frame as
# Ethernet / MPLS label 200 / control word / ATM AAL5 / LLC / the bridged Ethernet frame
# testpmd sent (IPv4, UDP), with the CW's flags and sequence 0 and its length set only under
# 64 bytes, one PW frame a frame sent, no malformed frame and no expert warning. Then the
# same for PDU frame mode (0/100@pdu:300), fragments included (see below).
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
	txonly "$dir" "$so" $size 64 \
		"pvc=[0/100@sdu:200,0/101],peer_mac=02:00:00:00:00:02,sig=off$extra" ""
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

# AAL5 PDU frame mode (RFC 4717 10): PVC 0/100@pdu:300. A frame whose PDU fits one PW frame
# decodes whole (tshark: M = 1, U = 1, the ATM AAL5 PDU down to testpmd's UDP); a 1,500-byte
# frame's PDU (1,518 bytes: 32 blocks) goes in two fragments of 31 and 1 blocks (U = 0, then
# 1), which tshark shows but does not join: a script of ours joins them and checks the
# trailer's length and CRC-32 (I.363.5) and the frame inside.
pdir=$dir/pdu
mkdir -p "$pdir"
for size in 64 1000 1500; do
	burst=64 frags=1
	# 2 PW frames a PDU: a burst of 32 fits the 64 frames one burst builds
	[ "$size" = 1500 ] && burst=32 frags=2
	txonly "$pdir" "$so" $size $burst \
		"pvc=[0/100@pdu:300,0/101],peer_mac=02:00:00:00:00:02,sig=off" \
		"PDU mode, "
	check "PDU mode, $size-byte frames: testpmd sent $((8 * burst)) frames (${sent:-none})" \
		test "${sent:-0}" = $((8 * burst))
	check "PDU mode, $size-byte frames: $frags PW frame(s) a frame (${pw_frames:-none})" \
		test "${pw_frames:-0}" = $((${sent:-0} * frags))
	dec=(-r "$pdir/wire-$size.pcap" -d mpls.label==300,mplspwatm11_or_aal5pdu)
	ts "PDU mode, $size-byte frames: fields" "$pdir/f-$size.txt" "${dec[@]}" -T fields \
		-e frame.protocols -e mpls.label -e pw.cw.bits03 -e atm.pw_control_byte.m \
		-e atm.pw_control_byte.v -e atm.pw_control_byte.u -e pw.cw.seqno -e frame.len \
		-e ip.dst
	lines=$(wc -l <"$pdir/f-$size.txt")
	check "PDU mode, $size-byte frames: tshark read every PW frame ($lines)" \
		test "$lines" = "${pw_frames:-none}"
	if [ $frags = 1 ]; then
		plen=$(( (size + 10 + 8 + 47) / 48 * 48 ))
		wrong=$(awk -F'\t' -v len=$((22 + plen)) '
			$1 != "eth:ethertype:mpls:mplspwatmcontrolword:mplspwatmcellheader:atm:llc:eth:ethertype:ip:udp:data" ||
			$2 != 300 || $3 != "0x00" || $4 != 1 || $5 != 0 || $6 != 1 || $7 != 0 ||
			$8 != len || $9 != "198.18.0.2" { n++ } END { print n + 0 }' \
			"$pdir/f-$size.txt")
		check "PDU mode, $size-byte frames: label 300, CW M 1 V 0 U 1 sequence 0, a $plen-byte\
 PDU, LLC bridged Ethernet, testpmd's IPv4/UDP ($wrong not)" test "$wrong" -eq 0 -a "$lines" -gt 0
		ts "PDU mode, $size-byte frames: malformed/expert filter" "$pdir/bad-$size.txt" \
			"${dec[@]}" -Y '_ws.malformed || _ws.expert.severity >= warning' \
			-T fields -e frame.number
		bad=$(wc -l <"$pdir/bad-$size.txt")
		check "PDU mode, $size-byte frames: no malformed frame, no expert warning ($bad)" \
			test "$bad" -eq 0
		continue
	fi
	# fragments: tshark sees the CW of each (U 0 on the first, 1 on the last) ...
	wrong=$(awk -F'\t' 'NR % 2 == 1 && ($6 != 0 || $8 != 22 + 31 * 48) { n++ }
		NR % 2 == 0 && ($6 != 1 || $8 != 22 + 48) { n++ }
		$2 != 300 || $3 != "0x00" || $4 != 1 || $5 != 0 || $7 != 0 { n++ }
		END { print n + 0 }' "$pdir/f-$size.txt")
	check "PDU mode, 1500-byte frames: fragments of 31 blocks (U 0) then 1 block (U 1),\
 label 300, M 1, V 0 ($wrong not)" test "$wrong" -eq 0 -a "$lines" -gt 0
	# ... and our reading of the file joins them into PDUs and checks each
	out=$(python3 - "$pdir/wire-$size.pcap" "$(dirname "$0")/../fuzz" <<'PY'
import struct, sys
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[2])
from gen_seeds import crc32_aal5 as crc_aal5  # I.363.5, bit by bit
data = open(sys.argv[1], 'rb').read()
off, pdu, good, bad = 24, b'', 0, 0
while off + 16 <= len(data):
    incl = struct.unpack_from('<I', data, off + 8)[0]
    f = data[off + 16:off + 16 + incl]
    off += 16 + incl
    if f[12:14] != b'\x88\x47' or (struct.unpack_from('>I', f, 14)[0] >> 12) != 300:
        bad += 1
        continue
    cw = f[18:22]
    pdu += f[22:]
    if not cw[3] & 0x04:
        continue
    sdu_len = struct.unpack_from('>H', pdu, len(pdu) - 6)[0]
    ok = (len(pdu) % 48 == 0 and sdu_len == 1510 and pdu[-8:-6] == b'\0\0' and
          struct.unpack_from('>I', pdu, len(pdu) - 4)[0] == crc_aal5(pdu[:-4]) and
          pdu[:10] == bytes.fromhex('aaaa030080c200070000') and
          pdu[10 + 14 + 16:10 + 14 + 20] == bytes([198, 18, 0, 2]))
    good += ok
    bad += not ok
    pdu = b''
print(good, bad + (len(pdu) > 0))
PY
	)
	check "PDU mode, 1500-byte frames: every joined PDU has length 1510, a good CRC-32 and\
 testpmd's frame (good, bad: $out)" test "$out" = "$sent 0"
done

# a lower_mtu the lower port cannot take is refused at probe, naming the port's limit
out=$(timeout 30 dpdk-testpmd -l 0-1 --no-huge --no-pci -m 512 --file-prefix=$tag-m \
	-d "$so" --vdev=net_memif0,role=server,socket=/run/$tag.sock \
	--vdev=net_mcm0,lower=net_memif0,lower_mtu=9000,sig=off -- --help 2>&1)
check "lower_mtu=9000 on memif refused with the port's limit ($(grep -o 'lower_mtu=9000.*' \
	<<<"$out" | head -1))" grep -q 'lower_mtu=9000: net_memif0 takes an MTU of [0-9]*\.\.1500' \
	<<<"$out"
summary
