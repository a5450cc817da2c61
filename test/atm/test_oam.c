/* SPDX-License-Identifier: BSD-3-Clause
 * lib/atm unit test: I.610 OAM cells (AIS, RDI, CC, loopback) and their CRC-10.
 */
#include <string.h>

#include "mcm_oam.h"
#include "atm_test.h"

/*
 * Independent CRC-10 reference: the textbook shift register (width 10, polynomial 0x233
 * without the x^10 term, initial value 0, MSB first) over the first @p nbits bits. It is
 * the catalogue's CRC-10/ATM, check value 0x199 for "123456789".
 */
static uint16_t
ref_crc10_bits(const uint8_t *p, unsigned int nbits)
{
	uint16_t crc = 0;
	unsigned int i;

	for (i = 0; i < nbits; i++) {
		unsigned int in = (p[i / 8] >> (7 - i % 8)) & 1;
		unsigned int top = (crc >> 9) & 1;

		crc = (uint16_t)((crc << 1) & 0x3ff);
		if (top ^ in)
			crc ^= 0x233;
	}
	return crc;
}

static uint16_t
crc_field(const uint8_t *payload)
{
	return (uint16_t)(((payload[46] & 0x3) << 8) | payload[47]);
}

static void
test_crc10(void)
{
	static const uint8_t check[] = "123456789";
	uint8_t buf[48];
	int i;

	CHECK(ref_crc10_bits(check, 72) == 0x199, "reference check value %03x",
	      ref_crc10_bits(check, 72));
	/* the library's CRC over a payload that ends in 10 zero bits is the textbook CRC of
	 * the bits before them: the 374 bits of an OAM payload, or any other length */
	for (i = 0; i < 500; i++) {
		unsigned int n = 2 + (unsigned int)(test_rng() % 47);

		test_fill(buf, n);
		buf[n - 2] &= 0xfc;
		buf[n - 1] = 0;
		CHECK(mcm_oam_crc10(buf, n) == ref_crc10_bits(buf, n * 8 - 10),
		      "CRC-10 over %u bytes", n);
	}
	memcpy(buf, check, 9);
	buf[9] = 0;
	buf[10] = 0;
	/* "123456789" followed by 16 zero bits: the textbook CRC of it plus 6 zero bits */
	CHECK(mcm_oam_crc10(buf, 11) == ref_crc10_bits(buf, 78), "check string");
	CHECK(mcm_oam_crc10(buf, 0) == 0, "empty");
}

static void
fill_id(uint8_t *id, uint8_t seed)
{
	int i;

	for (i = 0; i < MCM_OAM_LLID_LEN; i++)
		id[i] = (uint8_t)(seed + i);
}

static int
all_6a(const uint8_t *p, int from, int to)
{
	int i;

	for (i = from; i <= to; i++)
		if (p[i] != MCM_OAM_NOT_USED)
			return 0;
	return 1;
}

static void
test_encode_decode(void)
{
	struct mcm_oam_cell c, d;
	uint8_t p[48];

	/* loopback: I.610 10.2.4 layout */
	mcm_oam_cell_init(&c, MCM_OAM_TYPE_FM, MCM_OAM_FM_LB);
	c.lb_tag = 0xdeadbeef;
	fill_id(c.llid, 0x10);
	fill_id(c.src_id, 0x40);
	mcm_oam_encode(&c, p);
	CHECK(p[0] == 0x18 && p[1] == 0x01 && p[2] == 0xde && p[3] == 0xad && p[4] == 0xbe &&
	      p[5] == 0xef && p[6] == 0x10 && p[21] == 0x1f && p[22] == 0x40 &&
	      p[37] == 0x4f && all_6a(p, 38, 45) && (p[46] & 0xfc) == 0, "loopback layout");
	CHECK(crc_field(p) == ref_crc10_bits(p, 374) && mcm_oam_crc10(p, 48) == 0,
	      "loopback CRC-10 %03x", crc_field(p));
	CHECK(mcm_oam_decode(p, &d) == 0 && d.type == MCM_OAM_TYPE_FM &&
	      d.function == MCM_OAM_FM_LB && d.lb_indication == 1 && d.lb_tag == 0xdeadbeef &&
	      memcmp(d.llid, c.llid, 16) == 0 && memcmp(d.src_id, c.src_id, 16) == 0,
	      "loopback decode");
	/* the looped-back cell: indication 0 */
	c.lb_indication = 0;
	mcm_oam_encode(&c, p);
	CHECK(p[1] == 0 && mcm_oam_decode(p, &d) == 0 && d.lb_indication == 0, "looped back");
	/* defaults: LLID all ones, source ID unused */
	mcm_oam_cell_init(&c, MCM_OAM_TYPE_FM, MCM_OAM_FM_LB);
	mcm_oam_encode(&c, p);
	CHECK(p[6] == 0xff && p[21] == 0xff && all_6a(p, 22, 45) && p[2] == 0 && p[5] == 0,
	      "loopback defaults");

	/* AIS and RDI: defect type and location (I.610 10.2.1.1.1) */
	mcm_oam_cell_init(&c, MCM_OAM_TYPE_FM, MCM_OAM_FM_AIS);
	mcm_oam_encode(&c, p);
	CHECK(p[0] == 0x10 && all_6a(p, 1, 45) && mcm_oam_crc10(p, 48) == 0 &&
	      crc_field(p) == ref_crc10_bits(p, 374), "AIS without defect information");
	CHECK(mcm_oam_decode(p, &d) == 0 && d.function == MCM_OAM_FM_AIS &&
	      d.defect_type == MCM_OAM_NOT_USED && all_6a(d.defect_loc, 0, 15), "AIS decode");
	mcm_oam_cell_init(&c, MCM_OAM_TYPE_FM, MCM_OAM_FM_RDI);
	c.defect_type = 0x01;
	fill_id(c.defect_loc, 0x80);
	mcm_oam_encode(&c, p);
	CHECK(p[0] == 0x11 && p[1] == 0x01 && p[2] == 0x80 && p[17] == 0x8f &&
	      all_6a(p, 18, 45) && crc_field(p) == ref_crc10_bits(p, 374), "RDI layout");
	CHECK(mcm_oam_decode(p, &d) == 0 && d.function == MCM_OAM_FM_RDI &&
	      d.defect_type == 1 && memcmp(d.defect_loc, c.defect_loc, 16) == 0, "RDI decode");

	/* continuity check: all 45 octets unused */
	mcm_oam_cell_init(&c, MCM_OAM_TYPE_FM, MCM_OAM_FM_CC);
	c.lb_tag = 55;          /* not part of a CC cell */
	mcm_oam_encode(&c, p);
	CHECK(p[0] == 0x14 && all_6a(p, 1, 45) && crc_field(p) == ref_crc10_bits(p, 374),
	      "CC layout");
	CHECK(mcm_oam_decode(p, &d) == 0 && d.function == MCM_OAM_FM_CC && d.lb_tag == 0,
	      "CC decode");
}

static void
test_errors(void)
{
	static const uint8_t fns[] = { MCM_OAM_FM_AIS, MCM_OAM_FM_RDI, MCM_OAM_FM_CC,
				       MCM_OAM_FM_LB };
	struct mcm_oam_cell c, d;
	uint8_t p[48];
	unsigned int f, i, j, single = 0, dbl = 0, dbl_n = 0;
	int t, fn;

	for (f = 0; f < sizeof(fns); f++) {
		mcm_oam_cell_init(&c, MCM_OAM_TYPE_FM, fns[f]);
		c.lb_tag = (uint32_t)test_rng();
		mcm_oam_encode(&c, p);
		/* every single-bit error and (for loopback) every double-bit error */
		for (i = 0; i < 384; i++) {
			p[i / 8] ^= (uint8_t)(0x80 >> (i % 8));
			single += mcm_oam_decode(p, &d) == MCM_OAM_BAD_CRC10;
			if (fns[f] == MCM_OAM_FM_LB) {
				for (j = i + 1; j < 384; j++) {
					p[j / 8] ^= (uint8_t)(0x80 >> (j % 8));
					dbl += mcm_oam_decode(p, &d) == MCM_OAM_BAD_CRC10;
					dbl_n++;
					p[j / 8] ^= (uint8_t)(0x80 >> (j % 8));
				}
			}
			p[i / 8] ^= (uint8_t)(0x80 >> (i % 8));
		}
		CHECK(mcm_oam_decode(p, &d) == 0, "cell %u restored", f);
	}
	CHECK(single == 4 * 384, "single-bit errors caught: %u of %u", single, 4 * 384);
	CHECK(dbl == dbl_n && dbl_n == 384 * 383 / 2, "double-bit errors caught: %u of %u", dbl,
	      dbl_n);

	/* OAM types other than fault management, and unknown FM functions, with a good CRC */
	for (t = 0; t < 16; t++) {
		for (fn = 0; fn < 16; fn++) {
			bool known = t == MCM_OAM_TYPE_FM &&
				     (fn == MCM_OAM_FM_AIS || fn == MCM_OAM_FM_RDI ||
				      fn == MCM_OAM_FM_CC || fn == MCM_OAM_FM_LB);

			memset(p, MCM_OAM_NOT_USED, sizeof(p));
			p[0] = (uint8_t)(t << 4 | fn);
			p[46] = 0;
			p[47] = 0;
			{
				uint16_t crc = mcm_oam_crc10(p, 48);

				p[46] = (uint8_t)(crc >> 8);
				p[47] = (uint8_t)crc;
			}
			CHECK(mcm_oam_decode(p, &d) == (known ? 0 : MCM_OAM_UNKNOWN),
			      "type %d function %d", t, fn);
		}
	}
}

static void
test_is_oam(void)
{
	struct mcm_atm_cell_hdr h = { .vpi = 0, .vci = 100, .pti = 0, .clp = 0 };
	int pti;

	for (pti = 0; pti < 8; pti++) {
		h.pti = (uint8_t)pti;
		CHECK(mcm_oam_is_oam(&h) == (pti == 4 || pti == 5), "F5 PTI %d", pti);
	}
	h.pti = 0;
	h.vci = MCM_ATM_VCI_OAM_F4_SEG;
	CHECK(mcm_oam_is_oam(&h), "F4 segment VCI 3");
	h.vci = MCM_ATM_VCI_OAM_F4_E2E;
	CHECK(mcm_oam_is_oam(&h), "F4 end-to-end VCI 4");
	h.vci = MCM_ATM_VCI_SIGNALLING;
	CHECK(!mcm_oam_is_oam(&h), "signalling is not OAM");
}

int
main(void)
{
	test_crc10();
	test_encode_decode();
	test_errors();
	test_is_oam();
	return test_summary();
}
