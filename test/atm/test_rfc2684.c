/* SPDX-License-Identifier: BSD-3-Clause
 * lib/atm unit test: RFC 2684 encapsulation headers, good and bad.
 */
#include <string.h>

#include "mcm_crc_ref.h"
#include "mcm_rfc2684.h"
#include "atm_test.h"

static const enum mcm_encap all[] = {
	MCM_ENCAP_LLC_BRIDGED, MCM_ENCAP_VCMUX_BRIDGED, MCM_ENCAP_LLC_ROUTED,
	MCM_ENCAP_VCMUX_ROUTED,
};
#define NENC (sizeof(all) / sizeof(all[0]))

static void
test_names(void)
{
	static const char *const names[] = { "llc", "vcmux", "llc-routed", "vcmux-routed" };
	enum mcm_encap e;
	unsigned int i;

	for (i = 0; i < NENC; i++) {
		CHECK(strcmp(mcm_encap_name(all[i]), names[i]) == 0, "name of %u", i);
		e = (enum mcm_encap)99;
		CHECK(mcm_encap_parse(names[i], &e) == 0 && e == all[i], "parse %s", names[i]);
	}
	CHECK(mcm_encap_parse("LLC", &e) == -1, "names are case sensitive");
	CHECK(mcm_encap_parse("", &e) == -1 && mcm_encap_parse("llc ", &e) == -1 &&
	      mcm_encap_parse("vc-mux", &e) == -1 && mcm_encap_parse(NULL, &e) == -1,
	      "bad names");
	CHECK(strcmp(mcm_encap_name((enum mcm_encap)7), "unknown") == 0, "unknown value");
}

static void
test_exact_bytes(void)
{
	/* RFC 2684 5.2 (bridged 802.3 without FCS), 5.1 (routed, SNAP), 6.2 and 6.1 */
	static const uint8_t llc_br[10] = { 0xaa, 0xaa, 0x03, 0x00, 0x80, 0xc2, 0x00, 0x07,
					    0x00, 0x00 };
	static const uint8_t llc_rt[8] = { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x86, 0xdd };
	uint8_t h[MCM_RFC2684_MAX_HDR + 1];

	memset(h, 0xee, sizeof(h));
	CHECK(mcm_rfc2684_hdr_put(h, MCM_ENCAP_LLC_BRIDGED, 0x0800) == 10 &&
	      memcmp(h, llc_br, 10) == 0 && h[10] == 0xee, "LLC bridged header");
	memset(h, 0xee, sizeof(h));
	CHECK(mcm_rfc2684_hdr_put(h, MCM_ENCAP_VCMUX_BRIDGED, 0x0800) == 2 && h[0] == 0 &&
	      h[1] == 0 && h[2] == 0xee, "VC-mux bridged header");
	memset(h, 0xee, sizeof(h));
	CHECK(mcm_rfc2684_hdr_put(h, MCM_ENCAP_LLC_ROUTED, 0x86dd) == 8 &&
	      memcmp(h, llc_rt, 8) == 0 && h[8] == 0xee, "LLC routed header (IPv6)");
	memset(h, 0xee, sizeof(h));
	CHECK(mcm_rfc2684_hdr_put(h, MCM_ENCAP_VCMUX_ROUTED, 0x0800) == 0 && h[0] == 0xee,
	      "VC-mux routed: no header");
	CHECK(mcm_rfc2684_hdr_len(MCM_ENCAP_LLC_BRIDGED) == 10 &&
	      mcm_rfc2684_hdr_len(MCM_ENCAP_VCMUX_BRIDGED) == 2 &&
	      mcm_rfc2684_hdr_len(MCM_ENCAP_LLC_ROUTED) == 8 &&
	      mcm_rfc2684_hdr_len(MCM_ENCAP_VCMUX_ROUTED) == 0, "header lengths");
}

/* Every encapsulation: header + frame round trip, for every frame length 0..100. */
static void
test_round_trip(void)
{
	uint8_t sdu[MCM_RFC2684_MAX_HDR + 100];
	unsigned int i;
	size_t len, hl;
	uint16_t et;

	for (i = 0; i < NENC; i++) {
		for (len = 0; len <= 100; len++) {
			int got;

			hl = mcm_rfc2684_hdr_put(sdu, all[i], (uint16_t)(0x0800 + len));
			test_fill(sdu + hl, len);
			et = 0;
			got = mcm_rfc2684_hdr_check(sdu, hl + len, all[i], &et);
			CHECK(got == (int)hl && hl == mcm_rfc2684_hdr_len(all[i]) &&
			      (all[i] != MCM_ENCAP_LLC_ROUTED || et == 0x0800 + len),
			      "%s round trip, frame %zu: %d", mcm_encap_name(all[i]), len, got);
		}
		/* every SDU shorter than the header is refused */
		hl = mcm_rfc2684_hdr_put(sdu, all[i], 0x0800);
		for (len = 0; len < hl; len++)
			CHECK(mcm_rfc2684_hdr_check(sdu, len, all[i], &et) == -1,
			      "%s: %zu bytes too short", mcm_encap_name(all[i]), len);
	}
	/* a NULL ethertype pointer is allowed */
	hl = mcm_rfc2684_hdr_put(sdu, MCM_ENCAP_LLC_ROUTED, 0x0806);
	CHECK(mcm_rfc2684_hdr_check(sdu, hl, MCM_ENCAP_LLC_ROUTED, NULL) == 8, "NULL ethertype");
}

static void
test_bad_headers(void)
{
	uint8_t sdu[64];
	unsigned int b, bit;
	uint16_t et;

	/* any single-bit error in LLC, OUI or PID of the LLC headers is refused */
	for (b = 0; b < 8; b++) {
		for (bit = 0; bit < 8; bit++) {
			mcm_rfc2684_hdr_put(sdu, MCM_ENCAP_LLC_BRIDGED, 0);
			sdu[b] ^= (uint8_t)(1u << bit);
			CHECK(mcm_rfc2684_hdr_check(sdu, 60, MCM_ENCAP_LLC_BRIDGED, &et) == -1,
			      "LLC bridged, octet %u bit %u flipped", b, bit);
			if (b < 6) {
				mcm_rfc2684_hdr_put(sdu, MCM_ENCAP_LLC_ROUTED, 0x0800);
				sdu[b] ^= (uint8_t)(1u << bit);
				CHECK(mcm_rfc2684_hdr_check(sdu, 60, MCM_ENCAP_LLC_ROUTED, &et) ==
				      -1, "LLC routed, octet %u bit %u flipped", b, bit);
			}
		}
	}
	/* RFC 2684 5.2: PID 00-01 is Ethernet with preserved FCS: not what we carry */
	mcm_rfc2684_hdr_put(sdu, MCM_ENCAP_LLC_BRIDGED, 0);
	sdu[7] = 0x01;
	CHECK(mcm_rfc2684_hdr_check(sdu, 60, MCM_ENCAP_LLC_BRIDGED, &et) == -1, "PID 00-01");
	/* BPDUs (PID 00-0E) are bridged but not Ethernet frames */
	sdu[7] = 0x0e;
	CHECK(mcm_rfc2684_hdr_check(sdu, 60, MCM_ENCAP_LLC_BRIDGED, &et) == -1, "PID 00-0E");
	/* a routed LLC header on a bridged VC and the other way round */
	mcm_rfc2684_hdr_put(sdu, MCM_ENCAP_LLC_ROUTED, 0x0800);
	CHECK(mcm_rfc2684_hdr_check(sdu, 60, MCM_ENCAP_LLC_BRIDGED, &et) == -1,
	      "routed on bridged");
	mcm_rfc2684_hdr_put(sdu, MCM_ENCAP_LLC_BRIDGED, 0);
	CHECK(mcm_rfc2684_hdr_check(sdu, 60, MCM_ENCAP_LLC_ROUTED, &et) == -1,
	      "bridged on routed");
	/* NLPID-routed (AA-AA-03 CC) is not the SNAP form this VC uses */
	sdu[3] = 0xcc;
	CHECK(mcm_rfc2684_hdr_check(sdu, 60, MCM_ENCAP_LLC_ROUTED, &et) == -1, "NLPID form");
	/* the pad of bridged frames is not interpreted */
	mcm_rfc2684_hdr_put(sdu, MCM_ENCAP_LLC_BRIDGED, 0);
	sdu[8] = 0x12;
	sdu[9] = 0x34;
	CHECK(mcm_rfc2684_hdr_check(sdu, 60, MCM_ENCAP_LLC_BRIDGED, &et) == 10,
	      "non-zero pad accepted");
	CHECK(mcm_rfc2684_hdr_check(sdu, 60, (enum mcm_encap)9, &et) == -1,
	      "unknown encapsulation");
}

/* The LLC header of a raw SDU (mcm_rfc2684_llc_len): SNAP or NLPID, any OUI, PID or NLPID. */
static void
test_llc_len(void)
{
	uint8_t sdu[16] = { 0xaa, 0xaa, 0x03, 0x00, 0x80, 0xc2, 0x00, 0x07 };
	unsigned int b, bit;
	size_t len;

	/* every SNAP header, bridged or routed, and every length from the header's on */
	for (len = 0; len <= sizeof(sdu); len++)
		CHECK(mcm_rfc2684_llc_len(sdu, len) == (len >= 8 ? 8 : -1), "SNAP, %zu bytes",
		      len);
	mcm_rfc2684_hdr_put(sdu, MCM_ENCAP_LLC_ROUTED, 0x86dd);
	CHECK(mcm_rfc2684_llc_len(sdu, 8) == 8, "SNAP routed IPv6");
	/* RFC 2684 5.1: NLPID form, FE-FE-03 then the NLPID (0x81 CLNP) */
	sdu[0] = 0xfe;
	sdu[1] = 0xfe;
	sdu[3] = 0x81;
	for (len = 0; len <= 8; len++)
		CHECK(mcm_rfc2684_llc_len(sdu, len) == (len >= 4 ? 4 : -1), "NLPID, %zu bytes",
		      len);
	/* any single-bit error in the LLC octets: not an LLC header of RFC 2684 */
	for (b = 0; b < 3; b++) {
		for (bit = 0; bit < 8; bit++) {
			mcm_rfc2684_hdr_put(sdu, MCM_ENCAP_LLC_ROUTED, 0x0800);
			sdu[b] ^= (uint8_t)(1u << bit);
			CHECK(mcm_rfc2684_llc_len(sdu, 16) == -1, "SNAP, octet %u bit %u flipped",
			      b, bit);
			sdu[0] = sdu[1] = 0xfe;
			sdu[2] = 0x03;
			sdu[b] ^= (uint8_t)(1u << bit);
			CHECK(mcm_rfc2684_llc_len(sdu, 16) == -1, "NLPID, octet %u bit %u flipped",
			      b, bit);
		}
	}
	/* a VC-multiplexed bridged SDU (pad 00-00) is none */
	memset(sdu, 0, sizeof(sdu));
	CHECK(mcm_rfc2684_llc_len(sdu, 16) == -1, "VC-mux pad");
}

/* RFC 2684 5.2: bridged Ethernet with its LAN FCS preserved (PID 00-01) */
static void
test_llc_fcs(void)
{
	static const uint8_t hdr[10] = { 0xaa, 0xaa, 0x03, 0x00, 0x80, 0xc2, 0x00, 0x01, 0, 0 };
	uint8_t sdu[10 + 1514 + 4];
	uint32_t fcs;
	size_t n, i;

	/* the check value of CRC-32 (IEEE 802.3): "123456789" gives 0xCBF43926, sent
	 * least significant octet first
	 */
	memcpy(sdu, hdr, sizeof(hdr));
	memcpy(sdu + 10, "123456789", 9);
	sdu[19] = 0x26;
	sdu[20] = 0x39;
	sdu[21] = 0xf4;
	sdu[22] = 0xcb;
	CHECK(mcm_rfc2684_llc_fcs_frame(sdu, 23) == 9, "check value 0xCBF43926");
	sdu[22] = 0xcc;
	CHECK(mcm_rfc2684_llc_fcs_frame(sdu, 23) == -1, "its last FCS octet wrong");
	/* every frame length up to a full frame, against the bitwise FCS */
	for (n = 0; n <= 1514; n++) {
		for (i = 0; i < n; i++)
			sdu[10 + i] = (uint8_t)(i * 7 + n);
		fcs = mcm_test_fcs(sdu + 10, n);
		for (i = 0; i < 4; i++)
			sdu[10 + n + i] = (uint8_t)(fcs >> (8 * i));
		if (mcm_rfc2684_llc_fcs_frame(sdu, 10 + n + 4) != (int)n) {
			CHECK(0, "a %zu-byte frame and its FCS", n);
			break;
		}
	}
	CHECK(n == 1515, "frames of 0..1514 bytes with their FCS taken");
	n = 60;
	for (i = 0; i < n; i++)
		sdu[10 + i] = (uint8_t)i;
	fcs = mcm_test_fcs(sdu + 10, n);
	for (i = 0; i < 4; i++)
		sdu[10 + n + i] = (uint8_t)(fcs >> (8 * i));
	CHECK(mcm_rfc2684_llc_fcs_frame(sdu, 74) == 60, "a 60-byte frame");
	/* any single-bit error in the frame or the FCS: refused (a CRC finds them all) */
	for (i = 10; i < 74; i++) {
		sdu[i] ^= 0x10;
		if (mcm_rfc2684_llc_fcs_frame(sdu, 74) != -1)
			CHECK(0, "octet %zu flipped: refused", i);
		sdu[i] ^= 0x10;
	}
	/* the header: PID 00-07 (no FCS) and the other bridged media are not this form */
	sdu[7] = 0x07;
	CHECK(mcm_rfc2684_llc_fcs_frame(sdu, 74) == -1, "PID 00-07");
	sdu[7] = 0x03;
	CHECK(mcm_rfc2684_llc_fcs_frame(sdu, 74) == -1, "PID 00-03 (802.5)");
	sdu[7] = 0x01;
	sdu[5] = 0xc3;
	CHECK(mcm_rfc2684_llc_fcs_frame(sdu, 74) == -1, "OUI 00-80-C3");
	sdu[5] = 0xc2;
	CHECK(mcm_rfc2684_llc_fcs_frame(sdu, 74) == 60, "restored");
	/* too short for a header and an FCS; no SDU */
	CHECK(mcm_rfc2684_llc_fcs_frame(sdu, 13) == -1 && mcm_rfc2684_llc_fcs_frame(sdu, 0) == -1 &&
	      mcm_rfc2684_llc_fcs_frame(NULL, 74) == -1, "short or none");
	/* an SDU of this form is not what the plain LLC bridged check takes */
	CHECK(mcm_rfc2684_hdr_check(sdu, 74, MCM_ENCAP_LLC_BRIDGED, NULL) == -1,
	      "mcm_rfc2684_hdr_check refuses PID 00-01");
}

int
main(void)
{
	test_names();
	test_llc_fcs();
	test_exact_bytes();
	test_round_trip();
	test_bad_headers();
	test_llc_len();
	return test_summary();
}
