#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Writes the seed corpora of the driver's fuzz targets into test/fuzz/corpus/<target>/
# (committed; run again after changing an input format). fuzz_rx seeds are PW frames as
# net_mcm sends them (RFC 4717 N:1 cell mode: Ethernet, MPLS label 16, RFC 4385 control word,
# 52-byte cells) for the PVCs fuzz_rx configures, in fuzz_rx's input format (fuzz_rx.c).
import os
import struct
import sys

top = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus')


def write(target, name, data):
    d = os.path.join(top, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def crc32_aal5(b):
    # I.363.5: CRC-32, generator 0x04C11DB7, MSB first, preset and result inverted
    c = 0xffffffff
    for x in b:
        c ^= x << 24
        for _ in range(8):
            c = ((c << 1) ^ 0x04c11db7) & 0xffffffff if c & 0x80000000 else (c << 1) & 0xffffffff
    return c ^ 0xffffffff


def aal5_cells(vpi, vci, sdu, bad_crc=False):
    # CPCS-PDU: SDU, pad to 48n with the 8-byte trailer (UU, CPI, length, CRC)
    pad = (-(len(sdu) + 8)) % 48
    body = sdu + b'\0' * pad + struct.pack('>BBH', 0, 0, len(sdu))
    crc = crc32_aal5(body) ^ (1 if bad_crc else 0)
    pdu = body + struct.pack('>I', crc)
    cells = b''
    for i in range(0, len(pdu), 48):
        last = i + 48 == len(pdu)
        pti = 1 if last else 0          # AUU in the last cell (I.361 2.2.4)
        cells += struct.pack('>I', (vpi << 20) | (vci << 4) | (pti << 1)) + pdu[i:i + 48]
    return cells


def llc_frame(n):
    # RFC 2684 5.2: LLC/SNAP bridged Ethernet without FCS, then an Ethernet frame
    eth = b'\x02' * 6 + b'\x02\x00\x00\x00\x00\x01' + b'\x88\xb5' + bytes(range(n % 256)) * 1
    return b'\xaa\xaa\x03\x00\x80\xc2\x00\x07\x00\x00' + eth + b'\0' * max(0, n - len(eth))


def vcmux_frame(n):
    eth = b'\x02' * 6 + b'\x02\x00\x00\x00\x00\x01' + b'\x88\xb5' + b'\x55' * n
    return b'\x00\x00' + eth     # RFC 2684 6.1: two octets of pad


def pw(cells, label=16, seq=0):
    hdr = b'\xff' * 6 + b'\x02\x00\x00\x00\x00\x42' + b'\x88\x47'
    lse = (label << 12) | 0x100 | 0xff
    return hdr + struct.pack('>I', lse) + struct.pack('>I', seq) + cells


def aal5_pdu(sdu, bad_crc=False):
    # the CPCS-PDU itself (AAL5 PDU frame mode carries it in 48-byte blocks, RFC 4717 10)
    return b''.join(c[4:] for c in (aal5_cells(0, 0, sdu, bad_crc)[i:i + 52]
                                    for i in range(0, len(aal5_cells(0, 0, sdu, bad_crc)), 52)))


def rx_input(frames):
    # byte 0: frames - 1; per frame: flags (bit 0 queue, bit 1 chained, bit 2 add header),
    # 16-bit length, bytes
    out = bytes([len(frames) - 1])
    for flags, f in frames:
        out += bytes([flags]) + struct.pack('>H', len(f)) + f
    return out


def rx_seeds():
    one = aal5_cells(0, 100, llc_frame(40))
    multi = aal5_cells(0, 101, llc_frame(300))
    vcmux = aal5_cells(0, 102, vcmux_frame(60))
    far = aal5_cells(4095, 65535, llc_frame(20))
    write('fuzz_rx', 'one_cell_pdu', rx_input([(0, pw(one))]))
    write('fuzz_rx', 'multi_cell_pdu', rx_input([(0, pw(multi))]))
    write('fuzz_rx', 'multi_cell_split', rx_input([(0, pw(multi[:52 * 3], seq=1)),
                                                   (0, pw(multi[52 * 3:], seq=2))]))
    write('fuzz_rx', 'vcmux', rx_input([(1, pw(vcmux))]))
    write('fuzz_rx', 'vpi_4095', rx_input([(0, pw(far))]))
    write('fuzz_rx', 'two_queues', rx_input([(0, pw(one, seq=5)), (1, pw(vcmux, seq=9))]))
    write('fuzz_rx', 'chained', rx_input([(2 | (3 << 3), pw(multi))]))
    write('fuzz_rx', 'header_added', rx_input([(4, b'\0\0\0\0' + one)]))
    write('fuzz_rx', 'wrong_label', rx_input([(0, pw(one, label=17))]))
    write('fuzz_rx', 'unknown_vc', rx_input([(0, pw(aal5_cells(1, 100, llc_frame(40))))]))
    write('fuzz_rx', 'bad_crc', rx_input([(0, pw(aal5_cells(0, 100, llc_frame(40), True)))]))
    write('fuzz_rx', 'short_frame', rx_input([(0, pw(b'')[:20]), (0, b'\xff' * 13)]))
    write('fuzz_rx', 'cell_cut', rx_input([(0, pw(one)[:-7])]))
    write('fuzz_rx', 'oam_cell', rx_input([(0, pw(struct.pack('>I', (0 << 20) | (100 << 4) |
                                                              (4 << 1)) + b'\x6a' * 48))]))
    write('fuzz_rx', 'signalling', rx_input([(0, pw(aal5_cells(0, 5, b'\x80' * 20)))]))
    write('fuzz_rx', 'cw_length', rx_input([(0, pw(one, seq=0)[:18] + b'\x00\x38\x00\x00' +
                                             one + b'\0' * 8)]))
    write('fuzz_rx', 'out_of_order', rx_input([(0, pw(one, seq=9)), (0, pw(one, seq=3))]))
    write('fuzz_rx', 'two_labels', rx_input([(0, pw(one)[:14] + struct.pack('>I', 99 << 12) +
                                              pw(one)[14:])]))
    # AAL5 SDU mode (label 17, PVC 0/103) and PDU frame mode (label 18, PVC 0/104): whole,
    # in two fragments (U = 0, then 1; CW ATM byte M = 0x80, U = 0x04), with a bad CRC
    sdu = llc_frame(60)
    pdu = aal5_pdu(llc_frame(200))
    write('fuzz_rx', 'sdu_mode', rx_input([(0, pw(sdu, label=17))]))
    write('fuzz_rx', 'pdu_mode', rx_input([(0, pw(aal5_pdu(sdu), label=18, seq=0x84))]))
    write('fuzz_rx', 'pdu_mode_fragments', rx_input([(0, pw(pdu[:192], label=18, seq=0x80)),
                                                      (0, pw(pdu[192:], label=18, seq=0x84))]))
    write('fuzz_rx', 'pdu_mode_bad_crc', rx_input([(0, pw(aal5_pdu(sdu, True), label=18,
                                                           seq=0x84))]))
    write('fuzz_rx', 'pdu_mode_header_added', rx_input([(4 | (2 << 6), aal5_pdu(sdu))]))
    # a run of SDU mode frames in one burst (rx_sdu_run after the first): good ones, a bad
    # CW, T = 1, a cell mode frame, an outer label, another TTL, link padding between them
    outer = pw(sdu, label=17)
    outer = outer[:14] + struct.pack('>I', (99 << 12) | 64) + outer[14:]
    ttl = bytearray(pw(sdu, label=17))
    ttl[17] = 1
    padded = pw(llc_frame(30), label=17)
    padded = padded[:18] + struct.pack('>I', (4 + len(llc_frame(30))) << 16) + padded[22:]
    write('fuzz_rx', 'sdu_run', rx_input([(0, pw(sdu, label=17)), (0, pw(sdu, label=17)),
                                          (0, pw(sdu, label=17, seq=1 << 28)),
                                          (0, pw(sdu, label=17)),
                                          (0, pw(sdu, label=17, seq=1 << 27)),
                                          (0, pw(sdu, label=17)), (0, pw(one)),
                                          (0, pw(sdu, label=17)), (0, bytes(ttl)),
                                          (0, outer), (0, outer),
                                          (0, padded + b'\0' * 20),
                                          (0, pw(vcmux_frame(60), label=17))]))
    # routed PVCs (raw SDUs): LLC routed IPv4 on 0/105 (RFC 2684 5.1), NLPID form too, an
    # SDU with no LLC header there; VC-mux routed on 0/106 and in SDU mode on label 19
    ipv4 = b'\x45\x00\x00\x30' + b'\x00' * 4 + b'\x40\x11\x00\x00' + b'\xc0\x00\x02\x01' + \
        b'\xc6\x33\x64\x01' + b'\x0f\xa0\x13\x88\x00\x1c\x00\x00' + b'\x5a' * 20
    llc_ip = b'\xaa\xaa\x03\x00\x00\x00\x08\x00' + ipv4
    write('fuzz_rx', 'routed_llc', rx_input([(0, pw(aal5_cells(0, 105, llc_ip)))]))
    write('fuzz_rx', 'routed_nlpid', rx_input([(0, pw(aal5_cells(0, 105, b'\xfe\xfe\x03\x81' +
                                                                  b'\x01' * 30)))]))
    write('fuzz_rx', 'routed_no_llc', rx_input([(0, pw(aal5_cells(0, 105, ipv4)))]))
    write('fuzz_rx', 'routed_vcmux', rx_input([(0, pw(aal5_cells(0, 106, ipv4) +
                                                      aal5_cells(0, 105, llc_ip)))]))
    write('fuzz_rx', 'routed_sdu_mode', rx_input([(0, pw(ipv4, label=19)),
                                                  (0, pw(ipv4, label=19)),
                                                  (0, pw(ipv4[:3], label=19)[:18] +
                                                   b'\x00\x07\x00\x00' + ipv4[:3] +
                                                   b'\0' * 40)]))


def devargs_seeds():
    seeds = {
        'lower': 'lower=net_ring0',
        'full': 'lower=net_memif0,role=network,addr=47.0005.80ffe1000000f21a26d8.0020481a26d8.00,'
                'pw_label=1000,peer_mac=02:00:00:00:00:01,pvc=0/100,encap=vcmux,max_cells=64,'
                'sig=off,max_vcs=4096',
        'pvc_list': 'lower=x,pvc=[0/100,1/32,4095/65535]',
        'pvc_repeat': 'lower=x,pvc=0/100,pvc=0/101',
        'pvc_reserved': 'lower=x,pvc=0/5',
        'pvc_twice': 'lower=x,pvc=[0/100,0/0100]',
        'label_low': 'lower=x,pw_label=15',
        'key_twice': 'lower=a,lower=b',
        'unknown_key': 'lower=x,colour=blue',
        'no_lower': 'pvc=0/100',
        'bad_mac': 'lower=x,peer_mac=02:00:00:00:00',
        'max_vcs_0': 'lower=x,max_vcs=0',
        'routed_resync': 'lower=x,encap=llc-routed,pw_seq_resync=4,pw_timeout=0',
    }
    for k, v in seeds.items():
        write('fuzz_devargs', k, v)


def telemetry_seeds():
    seeds = {
        'vc': 'net_mcm0,0/100',
        'pvc_add': 'net_mcm0,0/100,vcmux',
        'bind_mac': 'net_mcm0,02:00:00:00:00:01,0/100',
        'call_make': 'net_mcm0,4700000000000000000000000000000000000002,pcr=1000,sdu=9188,'
                     'bhli=0102030405060708,blli=llc',
        'sap_add': 'net_mcm0,any,blli=none',
        'call_routed': 'net_mcm0,4700000000000000000000000000000000000002,'
                       'blli=vcmux-routed,proto=0x86dd',
        'sap_routed': 'net_mcm0,any,proto=ipv6,blli=vcmux-routed,bhli=01',
        'call_blli_list': 'net_mcm0,4700000000000000000000000000000000000002,'
                          'blli=vcmux-routed+llc-routed+vcmux,proto=0x0806',
        'call_blli_protos': 'net_mcm0,4700000000000000000000000000000000000002,'
                            'blli=vcmux-routed/ipv6+vcmux-routed/0x0806+vcmux-routed',
        'call_release': 'net_mcm0,0/32,16',
        'oid_set': 'net_mcm0,OID_CO_VENDOR,a,b,c',
        'capture': 'net_mcm0,/tmp/caf\u00e9.pcap,0/100,0/101,0/102,0/103,0/104,0/105,0/106,0/107',
        'utf8_4': 'net_mcm0,\U0001f600',
        'bad_quote': 'net_mcm0,"x"',
        'vc_list': 'net_mcm0,0032',
        'empty_args': ',,net_mcm0,,',
    }
    for k, v in seeds.items():
        write('fuzz_telemetry', k, v)


if __name__ == '__main__':
    rx_seeds()
    devargs_seeds()
    telemetry_seeds()
    sys.exit(0)
