/* SPDX-License-Identifier: BSD-3-Clause
 * SSCOP PDU codec tests: Q.2110 7.1 layouts byte by byte, round trips of all 15 types,
 * and strict rejection of malformed PDUs.
 */
#include "sscop_test.h"

static void
test_vectors(void)
{
	/* Q.2110 PDU format: BGN = [UU][pad] | rsv(24) N(SQ) | PL rsv type=1 N(MR) */
	static const uint8_t uu[] = {0xaa, 0xbb, 0xcc};
	struct mcm_sscop_pdu p = {.type = MCM_SSCOP_BGN, .nsq = 7, .nmr = 0x123456,
				  .info = uu, .info_len = 3};
	static const uint8_t bgn[] = {0xaa, 0xbb, 0xcc, 0x00, 0, 0, 0, 7,
				      0x41, 0x12, 0x34, 0x56};
	/* PDU format: SD with 5 octets: PL = 3, type 8, N(S) */
	static const uint8_t sdi[] = {1, 2, 3, 4, 5};
	static const uint8_t sd[] = {1, 2, 3, 4, 5, 0, 0, 0, 0xc8, 0, 0, 9};
	/* PDU format: END with S = 1 (SSCOP source) */
	static const uint8_t end[] = {0, 0, 0, 0, 0x13, 0, 0, 0};
	/* PDU format: STAT with list {3, 5}, N(PS)=2, N(MR)=100, N(R)=3 */
	static const uint32_t list[] = {3, 5};
	static const uint8_t stat[] = {0, 0, 0, 3, 0, 0, 0, 5, 0, 0, 0, 2, 0, 0, 0, 100,
				       0x0b, 0, 0, 3};
	uint8_t buf[64];
	size_t n;

	n = mcm_sscop_pdu_encode(&p, buf, sizeof(buf));
	CHECK(n == sizeof(bgn) && memcmp(buf, bgn, n) == 0, "BGN encoding");
	p = (struct mcm_sscop_pdu){.type = MCM_SSCOP_SD, .ns = 9, .info = sdi, .info_len = 5};
	n = mcm_sscop_pdu_encode(&p, buf, sizeof(buf));
	CHECK(n == sizeof(sd) && memcmp(buf, sd, n) == 0, "SD encoding");
	p = (struct mcm_sscop_pdu){.type = MCM_SSCOP_END, .source_sscop = true};
	n = mcm_sscop_pdu_encode(&p, buf, sizeof(buf));
	CHECK(n == sizeof(end) && memcmp(buf, end, n) == 0, "END encoding");
	p = (struct mcm_sscop_pdu){.type = MCM_SSCOP_STAT, .list = list, .list_len = 2,
				   .nps = 2, .nmr = 100, .nr = 3};
	n = mcm_sscop_pdu_encode(&p, buf, sizeof(buf));
	CHECK(n == sizeof(stat) && memcmp(buf, stat, n) == 0, "STAT encoding");
	CHECK(mcm_sscop_pdu_encode(&p, buf, 19) == 0, "encode into short buffer");

	CHECK(mcm_sscop_pdu_decode(bgn, sizeof(bgn), &p) == 0 && p.type == MCM_SSCOP_BGN &&
	      p.nsq == 7 && p.nmr == 0x123456 && p.info_len == 3 && p.info[2] == 0xcc,
	      "BGN decoding");
	CHECK(mcm_sscop_pdu_decode(sd, sizeof(sd), &p) == 0 && p.ns == 9 && p.info_len == 5,
	      "SD decoding");
	CHECK(mcm_sscop_pdu_decode(end, sizeof(end), &p) == 0 && p.source_sscop,
	      "END S bit");
	CHECK(mcm_sscop_pdu_decode(stat, sizeof(stat), &p) == 0 && p.list_len == 2 &&
	      mcm_sscop_pdu_list_get(&p, 1) == 5 && p.nps == 2 && p.nmr == 100 && p.nr == 3,
	      "STAT decoding");
}

static void
test_roundtrip(void)
{
	static const uint8_t info[] = "hello, signalling";
	static const uint32_t list[] = {1, 4, 9, 12, 20};
	unsigned int t;
	size_t il;

	for (t = 1; t <= 15; t++) {
		for (il = 0; il < 9; il++) {
			struct mcm_sscop_pdu p = {.type = t, .nsq = 200, .nmr = 0xfedcba,
						  .ns = 0xabcdef, .nps = 77, .nr = 0x10,
						  .info = info, .info_len = il, .list = list,
						  .list_len = 5, .ul1 = 3, .ul2 = 0xffffff,
						  .source_sscop = (il & 1) != 0};
			struct mcm_sscop_pdu q;
			uint8_t buf[128];
			size_t n = mcm_sscop_pdu_encode(&p, buf, sizeof(buf));
			bool has = mcm_sscop_pdu_has_info(t);
			int rc;

			if (!has && il > 0)
				break;
			rc = mcm_sscop_pdu_decode(buf, n, &q);
			CHECK(n > 0 && n % 4 == 0 && rc == 0 && q.type == t,
			      "%s len %zu rc %d", mcm_sscop_pdu_name(t), il, rc);
			if (rc)
				continue;
			CHECK(!has || (q.info_len == il && memcmp(q.info, info, il) == 0),
			      "%s info", mcm_sscop_pdu_name(t));
			switch (t) {
			case MCM_SSCOP_BGN:
			case MCM_SSCOP_RS:
			case MCM_SSCOP_ER:
				CHECK(q.nsq == 200 && q.nmr == 0xfedcba, "%s N(SQ)/N(MR)",
				      mcm_sscop_pdu_name(t));
				break;
			case MCM_SSCOP_BGAK:
			case MCM_SSCOP_RSAK:
			case MCM_SSCOP_ERAK:
				CHECK(q.nmr == 0xfedcba, "%s N(MR)", mcm_sscop_pdu_name(t));
				break;
			case MCM_SSCOP_END:
				CHECK(q.source_sscop == ((il & 1) != 0), "END S");
				break;
			case MCM_SSCOP_SD:
				CHECK(q.ns == 0xabcdef, "SD N(S)");
				break;
			case MCM_SSCOP_POLL:
				CHECK(q.ns == 0xabcdef && q.nps == 77, "POLL fields");
				break;
			case MCM_SSCOP_STAT:
				CHECK(q.list_len == 5 && mcm_sscop_pdu_list_get(&q, 4) == 20 &&
				      q.nps == 77 && q.nmr == 0xfedcba && q.nr == 0x10,
				      "STAT fields");
				break;
			case MCM_SSCOP_USTAT:
				CHECK(q.ul1 == 3 && q.ul2 == 0xffffff && q.nmr == 0xfedcba &&
				      q.nr == 0x10, "USTAT fields");
				break;
			default:
				break;
			}
		}
	}
}

static void
test_strict(void)
{
	struct mcm_sscop_pdu p;
	uint8_t b[32];

	CHECK(mcm_sscop_pdu_decode(b, 0, &p) == MCM_SSCOP_DEC_SHORT, "empty");
	memset(b, 0, sizeof(b));
		CHECK(mcm_sscop_pdu_decode(b, 6, &p) == MCM_SSCOP_DEC_ALIGN, "unaligned");
	CHECK(mcm_sscop_pdu_decode(b, 4, &p) == MCM_SSCOP_DEC_TYPE, "type 0");
	/* POLL of 4 octets: its trailer is 8 */
	memset(b, 0, sizeof(b));
	b[0] = 0x0a;
	CHECK(mcm_sscop_pdu_decode(b, 4, &p) == MCM_SSCOP_DEC_SHORT, "short POLL");
	/* POLL with an extra word */
	memset(b, 0, sizeof(b));
	b[8] = 0x0a;
	CHECK(mcm_sscop_pdu_decode(b, 12, &p) == MCM_SSCOP_DEC_LENGTH, "long POLL");
	/* POLL with PL != 0 */
	memset(b, 0, sizeof(b));
	b[4] = 0x4a;
	CHECK(mcm_sscop_pdu_decode(b, 8, &p) == MCM_SSCOP_DEC_PAD, "POLL with PL");
	/* SD of 4 octets (empty information) with PL 1 */
	memset(b, 0, sizeof(b));
	b[0] = 0x48;
	CHECK(mcm_sscop_pdu_decode(b, 4, &p) == MCM_SSCOP_DEC_PAD, "SD pad > info");
	b[0] = 0x08;
	CHECK(mcm_sscop_pdu_decode(b, 4, &p) == 0 && p.info_len == 0, "empty SD is valid");
	/* reserved bit 0x20 */
	b[0] = 0x28;
	CHECK(mcm_sscop_pdu_decode(b, 4, &p) == MCM_SSCOP_DEC_RESERVED, "reserved bit");
	/* S bit on anything but END */
	b[0] = 0x18;
	CHECK(mcm_sscop_pdu_decode(b, 4, &p) == MCM_SSCOP_DEC_RESERVED, "S bit on SD");
	/* BGN with a reserved octet set */
	memset(b, 0, sizeof(b));
	b[1] = 1;
	b[4] = 0x01;
	CHECK(mcm_sscop_pdu_decode(b, 8, &p) == MCM_SSCOP_DEC_RESERVED, "BGN reserved");
	/* ENDAK with a non-zero N(MR) field */
	memset(b, 0, sizeof(b));
	b[4] = 0x04;
	b[7] = 1;
	CHECK(mcm_sscop_pdu_decode(b, 8, &p) == MCM_SSCOP_DEC_RESERVED, "ENDAK reserved");
	/* STAT list element with a non-zero top octet */
	memset(b, 0, sizeof(b));
	b[0] = 1;
	b[12] = 0x0b;
	CHECK(mcm_sscop_pdu_decode(b, 16, &p) == MCM_SSCOP_DEC_RESERVED, "STAT list rsv");
	b[0] = 0;
	CHECK(mcm_sscop_pdu_decode(b, 16, &p) == 0 && p.list_len == 1, "STAT 1 element");
	/* USTAT must be exactly 16 octets */
	memset(b, 0, sizeof(b));
	b[16] = 0x0c;
	CHECK(mcm_sscop_pdu_decode(b, 20, &p) == MCM_SSCOP_DEC_LENGTH, "long USTAT");
	CHECK(mcm_sscop_pdu_decode(b + 4, 16, &p) == 0, "USTAT");
	/* every 1-, 2-, 3-octet and 4-octet input decodes or fails without crash */
	for (unsigned int v = 0; v < 256; v++) {
		uint8_t w[4] = {v, 0, 0, 0};
		int rc = mcm_sscop_pdu_decode(w, 4, &p);
		int t = v & 0xf;
		bool ok4 = (t == MCM_SSCOP_SD || t == MCM_SSCOP_UD || t == MCM_SSCOP_MD) &&
			   (v >> 6) == 0 && !(v & 0x30);

		CHECK((rc == 0) == ok4, "4-octet PDU 0x%02x rc %d", v, rc);
	}
}

int
main(void)
{
	test_vectors();
	test_roundtrip();
	test_strict();
	return test_summary();
}
