/* SPDX-License-Identifier: BSD-3-Clause
 * lib/atm unit test: cell headers, AAL5 CPCS CRC-32, segmentation and reassembly, and the
 * error cases of I.363.5 (CRC, Length, abort, CPI, oversize, lost and truncated cells,
 * several VCs interleaved).
 */
#include <stdlib.h>
#include <string.h>

#include "mcm_aal5.h"
#include "mcm_atm_cell.h"
#include "atm_test.h"
#include "mcm_crc_ref.h"

#define MAX_PDU (mcm_aal5_pdu_len(MCM_AAL5_MAX_SDU))
#define MAX_CELLS (mcm_aal5_ncells(MCM_AAL5_MAX_SDU))

/* Independent CRC-32 reference (mcm_crc_ref.h), as the CRC field holds it. */
static uint32_t
ref_crc32(const uint8_t *p, size_t len)
{
	return ~mcm_test_crc32_reg(p, len);
}

static uint32_t
be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/* Re-seal a PDU whose trailer fields were edited on purpose: a valid CRC again. */
static void
reseal(uint8_t *pdu, uint32_t pdu_len)
{
	uint32_t crc = ref_crc32(pdu, pdu_len - 4);

	pdu[pdu_len - 4] = (uint8_t)(crc >> 24);
	pdu[pdu_len - 3] = (uint8_t)(crc >> 16);
	pdu[pdu_len - 2] = (uint8_t)(crc >> 8);
	pdu[pdu_len - 1] = (uint8_t)crc;
}

static void
set_len_field(uint8_t *pdu, uint32_t pdu_len, uint16_t v)
{
	pdu[pdu_len - 6] = (uint8_t)(v >> 8);
	pdu[pdu_len - 5] = (uint8_t)v;
}

/* Feed a whole PDU to a reassembly state as cells; the status of the last cell. */
static enum mcm_aal5_status
reasm_pdu(struct mcm_aal5_reasm *r, const uint8_t *pdu, uint32_t pdu_len, uint32_t *sdu_len,
	  int *early)
{
	uint32_t off;
	enum mcm_aal5_status st = MCM_AAL5_MORE;

	*early = 0;
	for (off = 0; off < pdu_len; off += MCM_ATM_CELL_PAYLOAD) {
		bool last = off + MCM_ATM_CELL_PAYLOAD == pdu_len;

		st = mcm_aal5_reasm_cell(r, pdu + off, last, sdu_len);
		if (!last && st != MCM_AAL5_MORE)
			(*early)++;
	}
	return st;
}

static void
test_cell_header(void)
{
	struct mcm_atm_cell_hdr h;
	uint8_t b[4];
	int i;

	/* VPI 0 VCI 5 (signalling): 00 00 00 50 */
	mcm_atm_cell_hdr_put(b, mcm_atm_cell_hdr_word(0, 5, 0, 0));
	CHECK(b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0x50, "0/5 %02x%02x%02x%02x",
	      b[0], b[1], b[2], b[3]);
	/* VPI 1 VCI 32 PTI 1 CLP 1: 0000 0000 0001 | 0000 0000 0010 0000 | 001 | 1 */
	mcm_atm_cell_hdr_put(b, mcm_atm_cell_hdr_word(1, 32, 1, 1));
	CHECK(b[0] == 0x00 && b[1] == 0x10 && b[2] == 0x02 && b[3] == 0x03,
	      "1/32 %02x%02x%02x%02x", b[0], b[1], b[2], b[3]);
	mcm_atm_cell_hdr_put(b, mcm_atm_cell_hdr_word(0xfff, 0xffff, 7, 1));
	CHECK(b[0] == 0xff && b[1] == 0xff && b[2] == 0xff && b[3] == 0xff, "all ones");
	/* fields wider than their widths are masked, not spilled into neighbours */
	CHECK(mcm_atm_cell_hdr_word(0x1000, 0, 8, 2) == 0, "masking");
	for (i = 0; i < 10000; i++) {
		uint16_t vpi = (uint16_t)(test_rng() & 0xfff), vci = (uint16_t)test_rng();
		uint8_t pti = (uint8_t)(test_rng() & 7), clp = (uint8_t)(test_rng() & 1);

		mcm_atm_cell_hdr_put(b, mcm_atm_cell_hdr_word(vpi, vci, pti, clp));
		mcm_atm_cell_hdr_get(b, &h);
		CHECK(h.vpi == vpi && h.vci == vci && h.pti == pti && h.clp == clp,
		      "header round trip %u/%u %u %u", vpi, vci, pti, clp);
	}
	CHECK(mcm_atm_pti_is_user(0) && mcm_atm_pti_is_user(MCM_ATM_PTI_AUU) &&
	      mcm_atm_pti_is_user(3) && !mcm_atm_pti_is_user(MCM_ATM_PTI_OAM_SEG) &&
	      !mcm_atm_pti_is_user(MCM_ATM_PTI_OAM_E2E) && !mcm_atm_pti_is_user(MCM_ATM_PTI_RM) &&
	      !mcm_atm_pti_is_user(MCM_ATM_PTI_RESERVED), "PTI user/OAM classes");
}

static void
test_crc(void)
{
	static const char check[] = "123456789";
	uint8_t buf[4096];
	int i;

	CHECK(mcm_aal5_crc(0, check, 9) == 0xFC891918u, "check value %08x",
	      mcm_aal5_crc(0, check, 9));
	CHECK(ref_crc32((const uint8_t *)check, 9) == 0xFC891918u, "reference check value");
	CHECK(mcm_aal5_crc(0, check, 0) == 0, "empty");
	/* chaining: crc(crc(0, a), b) == crc(0, a || b), every split of random data */
	test_fill(buf, sizeof(buf));
	for (i = 0; i <= 300; i++) {
		uint32_t whole = mcm_aal5_crc(0, buf, 300);
		uint32_t part = mcm_aal5_crc(mcm_aal5_crc(0, buf, (size_t)i), buf + i,
					     (size_t)(300 - i));

		CHECK(whole == part, "chain split %d: %08x != %08x", i, part, whole);
	}
	for (i = 0; i < 200; i++) {
		size_t len = test_rng() % sizeof(buf), a = len ? test_rng() % len : 0;
		size_t b = a + (len - a ? test_rng() % (len - a) : 0);
		uint32_t c = mcm_aal5_crc(0, buf, a);

		c = mcm_aal5_crc(c, buf + a, b - a);
		c = mcm_aal5_crc(c, buf + b, len - b);
		CHECK(c == ref_crc32(buf, len), "three-way chain len %zu", len);
	}
}

/*
 * Known answers: the AAL5 CPCS-PDU examples published with I.363.5 implementations, one
 * cell each with 40 octets of payload, UU 0, CPI 0, Length 40.
 */
static void
test_known_pdus(void)
{
	static const struct {
		const char *what;
		uint32_t crc;
	} kat[] = {
		{ "40 x 0x00", 0x864d7f99 },
		{ "40 x 0xff", 0xc55e457a },
		{ "0x01..0x28", 0xbf671ed0 },
	};
	uint8_t pdu[48], cells[MCM_ATM_CELL_LEN];
	struct mcm_aal5_seg s;
	struct mcm_iov iov = { pdu, 40 };
	unsigned int k;
	int i;

	for (k = 0; k < 3; k++) {
		for (i = 0; i < 40; i++)
			pdu[i] = k == 0 ? 0 : k == 1 ? 0xff : (uint8_t)(i + 1);
		CHECK(mcm_aal5_seg_init(&s, &iov, 1, 0, 0, 0) == 0 &&
		      mcm_aal5_seg_emit(&s, cells, 1) == 1 &&
		      be32(cells + MCM_ATM_CELL_LEN - 4) == kat[k].crc &&
		      cells[4 + 40] == 0 && cells[4 + 41] == 0 && cells[4 + 42] == 0 &&
		      cells[4 + 43] == 40, "segmented %s: CRC %08x", kat[k].what,
		      be32(cells + MCM_ATM_CELL_LEN - 4));
		CHECK(mcm_aal5_pdu_finish(pdu, 40, 0, 0) == 48 && be32(pdu + 44) == kat[k].crc,
		      "finished %s: CRC %08x", kat[k].what, be32(pdu + 44));
	}
}

static void
test_status_str(void)
{
	int s;

	for (s = MCM_AAL5_ERR_CPI; s <= MCM_AAL5_DONE; s++) {
		const char *t = mcm_aal5_status_str((enum mcm_aal5_status)s);

		CHECK(t != NULL && strcmp(t, "unknown") != 0, "status %d has a name", s);
	}
	CHECK(strcmp(mcm_aal5_status_str((enum mcm_aal5_status)42), "unknown") == 0, "unknown");
}

/*
 * Every SDU length 0..65535 (0 gives the abort PDU) through both paths: seg_init/seg_emit
 * then reasm_cell, and pdu_finish/pdu_check. The two PDUs must be identical byte for byte.
 * The gathering (1..8 pieces, empty pieces included, unaligned) and the emission pattern
 * (all cells at once, one at a time, or random bursts) vary with the length.
 */
static void
test_every_length(void)
{
	uint8_t *src = malloc(MCM_AAL5_MAX_SDU + 64);
	uint8_t *cells = malloc((size_t)MAX_CELLS * MCM_ATM_CELL_LEN);
	uint8_t *rbuf = malloc(MAX_PDU);
	uint8_t *fbuf = malloc(MAX_PDU);
	uint8_t *cells2 = malloc((size_t)MAX_CELLS * MCM_ATM_CELL_LEN);
	unsigned long bad_rt = 0, bad_hdr = 0, bad_finish = 0, bad_check = 0, bad_ref = 0;
	unsigned long bad_pdu_seg = 0, bad_cells_put = 0;
	uint32_t len;

	if (src == NULL || cells == NULL || rbuf == NULL || fbuf == NULL || cells2 == NULL) {
		CHECK(0, "out of memory");
		goto out;
	}
	test_fill(src, MCM_AAL5_MAX_SDU + 64);
	for (len = 0; len <= MCM_AAL5_MAX_SDU; len++) {
		struct mcm_iov iov[MCM_AAL5_SEG_MAX_IOV];
		struct mcm_aal5_seg s;
		struct mcm_aal5_reasm r = { .buf = rbuf, .cap = MAX_PDU };
		const uint8_t *sdu = src + len % 61;
		uint32_t ncells = mcm_aal5_ncells(len), pdu_len = mcm_aal5_pdu_len(len);
		uint32_t word = mcm_atm_cell_hdr_word((uint16_t)(len & 0xfff),
						      (uint16_t)(32 + len), (uint8_t)(len & 3),
						      (uint8_t)(len >> 2 & 1));
		uint32_t emitted = 0, got = 0, i, sdu_len = ~0u, cut;
		unsigned int niov = 0, mode = len % 4;
		uint8_t uu = (uint8_t)(len * 31), uu2 = 0;
		enum mcm_aal5_status st = MCM_AAL5_MORE;
		size_t pos = 0;

		/* pieces: 1, 2, up to 8 with empty ones, or 3 */
		if (mode == 0) {
			iov[niov++] = (struct mcm_iov){ sdu, len };
		} else {
			unsigned int want = mode == 1 ? 2 : mode == 3 ? 3 :
					    1 + (unsigned int)(test_rng() % 8);

			while (niov < want - 1) {
				cut = (uint32_t)(len - pos ? test_rng() % (len - pos + 1) : 0);
				if (mode == 2 && test_rng() % 4 == 0)
					cut = 0;
				iov[niov++] = (struct mcm_iov){ sdu + pos, cut };
				pos += cut;
			}
			iov[niov++] = (struct mcm_iov){ sdu + pos, len - pos };
		}
		if (mcm_aal5_seg_init(&s, iov, niov, word, uu, 0) != 0) {
			CHECK(0, "seg_init refused len %u", len);
			continue;
		}
		if (s.cells_left != ncells || pdu_len != ncells * MCM_ATM_CELL_PAYLOAD ||
		    pdu_len - len - MCM_AAL5_TRAILER_LEN > 47) {
			CHECK(0, "cell count/pad for len %u", len);
			continue;
		}
		while (s.cells_left > 0) {
			uint32_t burst = (len / 4) % 3 == 0 ? ncells :
					 (len / 4) % 3 == 1 ? 1 : 1 + (uint32_t)(test_rng() % 7);
			uint32_t n = mcm_aal5_seg_emit(&s, cells + (size_t)emitted *
						       MCM_ATM_CELL_LEN, burst);

			if (n == 0 || n > burst)
				break;
			emitted += n;
		}
		if (emitted != ncells || mcm_aal5_seg_emit(&s, cells, 4) != 0) {
			CHECK(0, "emitted %u of %u cells for len %u", emitted, ncells, len);
			continue;
		}
		for (i = 0; i < ncells; i++) {
			const uint8_t *c = cells + (size_t)i * MCM_ATM_CELL_LEN;
			uint32_t w = mcm_atm_cell_hdr_word_get(c);
			bool last = i + 1 == ncells;
			uint32_t want = (word & ~2u) | (last ? 2u : 0);

			if (w != want)
				bad_hdr++;
			st = mcm_aal5_reasm_cell(&r, c + MCM_ATM_CELL_HDR_LEN,
						 (w >> 1) & MCM_ATM_PTI_AUU, &sdu_len);
			if (!last && st != MCM_AAL5_MORE)
				break;
			got++;
		}
		/* I.363.5 9.2.2.2: a 0-octet SDU is coded Length 0, which is the abort PDU */
		if (len == 0) {
			CHECK(got == 1 && st == MCM_AAL5_ERR_ABORT && r.len == 0,
			      "empty SDU: abort PDU, got %s", mcm_aal5_status_str(st));
			memset(fbuf, 0, 48);
			CHECK(mcm_aal5_pdu_finish(fbuf, 0, uu, 0) == 48 &&
			      memcmp(fbuf, rbuf, 48) == 0 &&
			      mcm_aal5_pdu_check(fbuf, 48, &sdu_len, NULL) == MCM_AAL5_ERR_ABORT,
			      "empty SDU by pdu_finish/pdu_check");
			continue;
		}
		if (got != ncells || st != MCM_AAL5_DONE || sdu_len != len ||
		    memcmp(rbuf, sdu, len) != 0 || r.len != 0) {
			if (bad_rt++ < 5)
				CHECK(0, "round trip len %u: %s, sdu_len %u", len,
				      mcm_aal5_status_str(st), sdu_len);
			continue;
		}
		memcpy(fbuf, sdu, len);
		if (mcm_aal5_pdu_finish(fbuf, len, uu, 0) != pdu_len ||
		    memcmp(fbuf, rbuf, pdu_len) != 0)
			bad_finish++;
		/* a finished PDU segmented in place gives the same cells as the gather path */
		{
			struct mcm_aal5_seg s2;
			uint32_t n2 = 0, k;

			if (mcm_aal5_seg_init_pdu(&s2, fbuf, len, word) != 0) {
				bad_pdu_seg++;
			} else {
				while (s2.cells_left > 0 &&
				       (k = mcm_aal5_seg_emit(&s2, cells2 + (size_t)n2 *
							      MCM_ATM_CELL_LEN,
							      1 + (uint32_t)(len % 5))) > 0)
					n2 += k;
				if (n2 != ncells ||
				    memcmp(cells, cells2, (size_t)ncells * MCM_ATM_CELL_LEN) != 0)
					bad_pdu_seg++;
			}
			/* and so does mcm_aal5_cells_put, in chunks of 1 to 5 cells */
			memset(cells2, 0xa5, (size_t)ncells * MCM_ATM_CELL_LEN);
			for (n2 = 0; n2 < ncells; n2 += k) {
				k = 1 + (len + n2) % 5;
				if (k > ncells - n2)
					k = ncells - n2;
				mcm_aal5_cells_put(cells2 + (size_t)n2 * MCM_ATM_CELL_LEN,
						   fbuf + (size_t)n2 * MCM_ATM_CELL_PAYLOAD, k,
						   word, n2 + k == ncells);
			}
			if (memcmp(cells, cells2, (size_t)ncells * MCM_ATM_CELL_LEN) != 0)
				bad_cells_put++;
		}
		sdu_len = ~0u;
		if (mcm_aal5_pdu_check(fbuf, pdu_len, &sdu_len, &uu2) != MCM_AAL5_DONE ||
		    sdu_len != len || uu2 != uu || fbuf[pdu_len - 7] != 0)
			bad_check++;
		/* the slow reference for the short lengths and a sample of the long ones */
		if ((len < 400 || len % 1009 == 0 || len == MCM_AAL5_MAX_SDU) &&
		    be32(fbuf + pdu_len - 4) != ref_crc32(fbuf, pdu_len - 4))
			bad_ref++;
	}
	CHECK(bad_rt == 0, "%lu lengths failed the seg/reasm round trip", bad_rt);
	CHECK(bad_hdr == 0, "%lu cell headers wrong (AUU only on the last cell)", bad_hdr);
	CHECK(bad_finish == 0, "%lu lengths: pdu_finish differs from the segmented PDU",
	      bad_finish);
	CHECK(bad_check == 0, "%lu lengths failed pdu_check", bad_check);
	CHECK(bad_pdu_seg == 0, "%lu lengths: seg_init_pdu cells differ from seg_init's",
	      bad_pdu_seg);
	CHECK(bad_cells_put == 0, "%lu lengths: cells_put cells differ from seg_init's",
	      bad_cells_put);
	CHECK(bad_ref == 0, "%lu CRCs differ from the bitwise reference", bad_ref);
out:
	free(src);
	free(cells);
	free(cells2);
	free(rbuf);
	free(fbuf);
}

static void
test_seg_refusals(void)
{
	static uint8_t big[40000];
	struct mcm_aal5_seg s;
	struct mcm_iov iov[MCM_AAL5_SEG_MAX_IOV + 1];
	unsigned int i;

	for (i = 0; i <= MCM_AAL5_SEG_MAX_IOV; i++)
		iov[i] = (struct mcm_iov){ big, 1 };
	CHECK(mcm_aal5_seg_init(&s, iov, 0, 0, 0, 0) == -1, "no pieces");
	CHECK(mcm_aal5_seg_init(&s, iov, MCM_AAL5_SEG_MAX_IOV + 1, 0, 0, 0) == -1, "9 pieces");
	CHECK(mcm_aal5_seg_init(&s, iov, MCM_AAL5_SEG_MAX_IOV, 0, 0, 0) == 0, "8 pieces");
	iov[0] = (struct mcm_iov){ big, sizeof(big) };
	iov[1] = (struct mcm_iov){ big, 25536 };
	CHECK(mcm_aal5_seg_init(&s, iov, 2, 0, 0, 0) == -1, "65536 bytes");
	{
		uint8_t cell[MCM_ATM_CELL_LEN];

		CHECK(s.cells_left == 0 && mcm_aal5_seg_emit(&s, cell, 1) == 0,
		      "nothing to emit after a refusal");
	}
	iov[1].len = 25535;
	CHECK(mcm_aal5_seg_init(&s, iov, 2, 0, 0, 0) == 0 && s.cells_left == MAX_CELLS,
	      "65535 bytes");
	iov[0] = (struct mcm_iov){ NULL, 10 };
	CHECK(mcm_aal5_seg_init(&s, iov, 1, 0, 0, 0) == -1, "NULL piece with bytes");
	iov[0] = (struct mcm_iov){ NULL, 0 };
	CHECK(mcm_aal5_seg_init_pdu(&s, NULL, 10, 0) == -1 && s.cells_left == 0, "no PDU");
	CHECK(mcm_aal5_seg_init_pdu(&s, big, MCM_AAL5_MAX_SDU + 1, 0) == -1,
	      "PDU over the maximum");
	CHECK(mcm_aal5_seg_init(&s, iov, 1, 0, 0, 0) == 0 && s.cells_left == 1,
	      "NULL empty piece: the 0-byte SDU");
}

/* Every single-bit error anywhere in the PDU is a CRC error, by pdu_check and reassembly. */
static void
test_bit_flips(void)
{
	static const uint32_t sizes[] = { 0, 1, 39, 40, 41, 47, 48, 88, 89, 1500, 9180 };
	/* counters per position class: payload, pad, UU, CPI, Length, CRC */
	unsigned long flips[6] = { 0 }, caught[6] = { 0 };
	static const char *const cls_name[6] = { "payload", "pad", "UU", "CPI", "Length",
						 "CRC" };
	uint8_t *pdu = malloc(MAX_PDU), *rbuf = malloc(MAX_PDU);
	unsigned int k, c;

	if (pdu == NULL || rbuf == NULL) {
		CHECK(0, "out of memory");
		goto out;
	}
	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		uint32_t len = sizes[k], pdu_len, bit, sdu_len;

		test_fill(pdu, len);
		pdu_len = mcm_aal5_pdu_finish(pdu, len, 0x5a, 0);
		for (bit = 0; bit < pdu_len * 8; bit++) {
			uint32_t byte = bit / 8;
			struct mcm_aal5_reasm r = { .buf = rbuf, .cap = MAX_PDU };
			enum mcm_aal5_status s1, s2;
			int early;

			c = byte < len ? 0 : byte < pdu_len - 8 ? 1 : byte == pdu_len - 8 ? 2 :
			    byte == pdu_len - 7 ? 3 : byte < pdu_len - 4 ? 4 : 5;
			pdu[byte] ^= (uint8_t)(0x80 >> (bit % 8));
			s1 = mcm_aal5_pdu_check(pdu, pdu_len, &sdu_len, NULL);
			/* reassembly on a sample of positions (it copies the PDU each time) */
			if (pdu_len <= 1536 || bit % 61 == 0)
				s2 = reasm_pdu(&r, pdu, pdu_len, &sdu_len, &early);
			else
				s2 = MCM_AAL5_ERR_CRC, early = 0;
			pdu[byte] ^= (uint8_t)(0x80 >> (bit % 8));
			flips[c]++;
			if (s1 == MCM_AAL5_ERR_CRC && s2 == MCM_AAL5_ERR_CRC && early == 0)
				caught[c]++;
		}
		CHECK(mcm_aal5_pdu_check(pdu, pdu_len, &sdu_len, NULL) ==
		      (len ? MCM_AAL5_DONE : MCM_AAL5_ERR_ABORT) && (!len || sdu_len == len),
		      "PDU of %u restored", len);
	}
	for (c = 0; c < 6; c++)
		CHECK(flips[c] > 0 && caught[c] == flips[c], "%s bit flips: %lu of %lu caught",
		      cls_name[c], caught[c], flips[c]);
out:
	free(pdu);
	free(rbuf);
}

/* Trailer fields that are wrong under a good CRC: abort, CPI, Length out of range. */
static void
test_trailer_fields(void)
{
	uint8_t pdu[4 * MCM_ATM_CELL_PAYLOAD], rbuf[sizeof(pdu)];
	struct mcm_aal5_reasm r = { .buf = rbuf, .cap = sizeof(rbuf) };
	uint32_t pdu_len, sdu_len;
	uint8_t uu;
	int early, v;

	test_fill(pdu, 150);
	pdu_len = mcm_aal5_pdu_finish(pdu, 150, 7, 0);
	CHECK(pdu_len == 192, "pdu_len %u", pdu_len);

	for (v = 1; v < 256; v += 17) {
		pdu[pdu_len - 7] = (uint8_t)v;
		reseal(pdu, pdu_len);
		CHECK(mcm_aal5_pdu_check(pdu, pdu_len, &sdu_len, NULL) == MCM_AAL5_ERR_CPI,
		      "CPI %d", v);
		CHECK(reasm_pdu(&r, pdu, pdu_len, &sdu_len, &early) == MCM_AAL5_ERR_CPI &&
		      !early, "CPI %d by reassembly", v);
	}
	pdu[pdu_len - 7] = 0;

	set_len_field(pdu, pdu_len, 0);
	reseal(pdu, pdu_len);
	CHECK(mcm_aal5_pdu_check(pdu, pdu_len, &sdu_len, NULL) == MCM_AAL5_ERR_ABORT, "abort");
	CHECK(reasm_pdu(&r, pdu, pdu_len, &sdu_len, &early) == MCM_AAL5_ERR_ABORT,
	      "abort by reassembly");

	/* I.363.5: pad 0..47, so Length in [pdu_len - 55, pdu_len - 8] = [137, 184] */
	for (v = 1; v <= 0xffff; v++) {
		enum mcm_aal5_status want = (v >= 137 && v <= 184) ? MCM_AAL5_DONE :
					    MCM_AAL5_ERR_LEN;
		enum mcm_aal5_status got;

		if (v > 400 && v % 97 != 0 && v != 0xffff)
			continue;
		set_len_field(pdu, pdu_len, (uint16_t)v);
		reseal(pdu, pdu_len);
		sdu_len = 0;
		got = mcm_aal5_pdu_check(pdu, pdu_len, &sdu_len, &uu);
		CHECK(got == want && (want != MCM_AAL5_DONE || (sdu_len == (uint32_t)v &&
		      uu == 7)), "Length %d in a 192-byte PDU: %s", v, mcm_aal5_status_str(got));
		got = reasm_pdu(&r, pdu, pdu_len, &sdu_len, &early);
		CHECK(got == want && !early, "Length %d by reassembly: %s", v,
		      mcm_aal5_status_str(got));
	}
	/* a one-cell PDU: Length 1..40 */
	memset(pdu, 0, 48);
	pdu_len = mcm_aal5_pdu_finish(pdu, 40, 0, 0);
	CHECK(pdu_len == 48 && mcm_aal5_pdu_check(pdu, 48, &sdu_len, NULL) == MCM_AAL5_DONE &&
	      sdu_len == 40, "40 bytes fit one cell");
	set_len_field(pdu, 48, 41);
	reseal(pdu, 48);
	CHECK(mcm_aal5_pdu_check(pdu, 48, &sdu_len, NULL) == MCM_AAL5_ERR_LEN, "41 in one cell");
	/* the CRC error wins over the other field errors */
	set_len_field(pdu, 48, 0);
	pdu[41] = 1;
	CHECK(mcm_aal5_pdu_check(pdu, 48, &sdu_len, NULL) == MCM_AAL5_ERR_CRC, "CRC first");
}

static void
test_truncation(void)
{
	uint8_t pdu[20 * MCM_ATM_CELL_PAYLOAD], rbuf[sizeof(pdu)];
	struct mcm_aal5_reasm r = { .buf = rbuf, .cap = sizeof(rbuf) };
	uint32_t pdu_len, sdu_len, k, cut;
	int early;

	test_fill(pdu, 900);
	pdu_len = mcm_aal5_pdu_finish(pdu, 900, 0, 0);
	CHECK(mcm_aal5_pdu_check(pdu, 0, &sdu_len, NULL) == MCM_AAL5_ERR_LEN, "empty PDU");
	for (k = 1; k < pdu_len; k++) {
		enum mcm_aal5_status st = mcm_aal5_pdu_check(pdu, pdu_len - k, &sdu_len, NULL);

		CHECK(st == ((pdu_len - k) % 48 ? MCM_AAL5_ERR_LEN : MCM_AAL5_ERR_CRC),
		      "truncated by %u: %s", k, mcm_aal5_status_str(st));
	}
	CHECK(mcm_aal5_pdu_check(pdu, 65568 + 48, &sdu_len, NULL) == MCM_AAL5_ERR_OVERSIZE,
	      "longer than any AAL5 PDU");
	/* cells cut off the end, the new end marked last: the trailer is not where it was */
	for (cut = 1; cut < pdu_len / 48; cut++) {
		enum mcm_aal5_status st = reasm_pdu(&r, pdu, pdu_len - cut * 48, &sdu_len,
						    &early);

		CHECK(st == MCM_AAL5_ERR_CRC && !early, "%u cells cut: %s", cut,
		      mcm_aal5_status_str(st));
	}
	/* a PDU given up half way (reset) leaves nothing behind */
	CHECK(mcm_aal5_reasm_cell(&r, pdu, false, &sdu_len) == MCM_AAL5_MORE &&
	      mcm_aal5_reasm_cell(&r, pdu + 48, false, &sdu_len) == MCM_AAL5_MORE &&
	      r.len == 96, "partial");
	mcm_aal5_reasm_reset(&r);
	CHECK(r.len == 0 && !r.discard && r.buf == rbuf, "reset keeps the caller's buffer");
	CHECK(reasm_pdu(&r, pdu, pdu_len, &sdu_len, &early) == MCM_AAL5_DONE &&
	      sdu_len == 900 && !early, "good PDU after reset");
}

/* Lost first, middle and last cells; with a lost last cell two PDUs merge. */
static void
test_lost_cells(void)
{
	enum { NA = 700, NB = 500, NC = 300 };
	uint8_t a[15 * 48], b[11 * 48], c[7 * 48], rbuf[64 * 48];
	struct mcm_aal5_reasm r = { .buf = rbuf, .cap = sizeof(rbuf) };
	uint32_t la, lb, lc, sdu_len, lost, i;
	enum mcm_aal5_status st;
	int early;

	test_fill(a, NA);
	test_fill(b, NB);
	test_fill(c, NC);
	la = mcm_aal5_pdu_finish(a, NA, 0, 0);
	lb = mcm_aal5_pdu_finish(b, NB, 0, 0);
	lc = mcm_aal5_pdu_finish(c, NC, 0, 0);
	CHECK(la == 15 * 48 && lb == 11 * 48 && lc == 7 * 48, "sizes");

	/* every non-last cell of A lost in turn: A is a CRC error, B then arrives intact */
	for (lost = 0; lost + 1 < la / 48; lost++) {
		st = MCM_AAL5_MORE;
		for (i = 0; i < la / 48; i++)
			if (i != lost)
				st = mcm_aal5_reasm_cell(&r, a + i * 48, i + 1 == la / 48,
							 &sdu_len);
		CHECK(st == MCM_AAL5_ERR_CRC, "A without cell %u (%s): %s", lost,
		      lost == 0 ? "first" : "middle", mcm_aal5_status_str(st));
		st = reasm_pdu(&r, b, lb, &sdu_len, &early);
		CHECK(st == MCM_AAL5_DONE && sdu_len == NB && !memcmp(rbuf, b, NB) && !early,
		      "B after A lost cell %u", lost);
	}

	/* A's last cell lost: A and B merge into one PDU that fails the CRC */
	for (i = 0; i + 1 < la / 48; i++)
		CHECK(mcm_aal5_reasm_cell(&r, a + i * 48, false, &sdu_len) == MCM_AAL5_MORE,
		      "A cell %u", i);
	st = reasm_pdu(&r, b, lb, &sdu_len, &early);
	CHECK(st == MCM_AAL5_ERR_CRC && !early, "A+B merged: %s", mcm_aal5_status_str(st));
	st = reasm_pdu(&r, c, lc, &sdu_len, &early);
	CHECK(st == MCM_AAL5_DONE && sdu_len == NC && !memcmp(rbuf, c, NC), "C after merge");

	/* the same with a buffer that holds one PDU only: the merge is caught as oversize */
	r.cap = la;
	for (i = 0; i + 1 < la / 48; i++)
		mcm_aal5_reasm_cell(&r, a + i * 48, false, &sdu_len);
	{
		int n_over = 0, n_more = 0;

		for (i = 0; i < lb / 48; i++) {
			st = mcm_aal5_reasm_cell(&r, b + i * 48, i + 1 == lb / 48, &sdu_len);
			n_over += st == MCM_AAL5_ERR_OVERSIZE;
			n_more += st == MCM_AAL5_MORE;
		}
		CHECK(n_over == 1 && n_more == (int)(lb / 48) - 1,
		      "A+B merged in a small buffer: %d oversize, %d more", n_over, n_more);
	}
	CHECK(!r.discard && r.len == 0, "state clean after the merged PDU's last cell");
	st = reasm_pdu(&r, c, lc, &sdu_len, &early);
	CHECK(st == MCM_AAL5_DONE && sdu_len == NC && !memcmp(rbuf, c, NC),
	      "C after oversize merge");
}

static void
test_oversize(void)
{
	uint8_t pdu[5 * 48], *rbuf = malloc(2 * (size_t)MAX_PDU + 96), one[48];
	struct mcm_aal5_reasm r = { .buf = rbuf, .cap = 96 };
	uint32_t pdu_len, sdu_len, i;
	enum mcm_aal5_status st;
	int early;

	if (rbuf == NULL) {
		CHECK(0, "out of memory");
		return;
	}
	test_fill(pdu, 200);
	pdu_len = mcm_aal5_pdu_finish(pdu, 200, 0, 0);
	test_fill(one, 20);
	mcm_aal5_pdu_finish(one, 20, 0, 0);
	CHECK(pdu_len == 240, "5 cells");
	/* cells 1, 2 fit; 3 overflows (reported once); 4, 5 dropped silently */
	for (i = 0; i < 5; i++) {
		enum mcm_aal5_status want = i == 2 ? MCM_AAL5_ERR_OVERSIZE : MCM_AAL5_MORE;

		st = mcm_aal5_reasm_cell(&r, pdu + i * 48, i == 4, &sdu_len);
		CHECK(st == want, "oversize cell %u: %s", i, mcm_aal5_status_str(st));
	}
	CHECK(!r.discard && r.len == 0, "oversize PDU dropped to its end");
	CHECK(mcm_aal5_reasm_cell(&r, one, true, &sdu_len) == MCM_AAL5_DONE && sdu_len == 20,
	      "next PDU good");
	/* the overflow on the last cell itself: nothing left to discard */
	r.cap = 192;
	for (i = 0; i < 5; i++)
		st = mcm_aal5_reasm_cell(&r, pdu + i * 48, i == 4, &sdu_len);
	CHECK(st == MCM_AAL5_ERR_OVERSIZE && !r.discard && r.len == 0, "overflow on last cell");
	CHECK(mcm_aal5_reasm_cell(&r, one, true, &sdu_len) == MCM_AAL5_DONE, "next PDU good");
	/* no buffer: every PDU is oversize */
	r.buf = NULL;
	r.cap = 1000;
	CHECK(mcm_aal5_reasm_cell(&r, one, true, &sdu_len) == MCM_AAL5_ERR_OVERSIZE,
	      "no buffer");
	/* a buffer larger than any AAL5 PDU: a run of cells without AUU still ends */
	r.buf = rbuf;
	r.cap = 2 * MAX_PDU + 96;
	for (i = 0; i < MAX_CELLS; i++)
		CHECK(mcm_aal5_reasm_cell(&r, one, false, &sdu_len) == MCM_AAL5_MORE,
		      "cell %u", i);
	CHECK(mcm_aal5_reasm_cell(&r, one, false, &sdu_len) == MCM_AAL5_ERR_OVERSIZE,
	      "cell %u beyond the 16-bit Length", MAX_CELLS);
	st = reasm_pdu(&r, pdu, pdu_len, &sdu_len, &early);
	CHECK(st == MCM_AAL5_MORE, "cells dropped up to the AUU cell");
	st = reasm_pdu(&r, pdu, pdu_len, &sdu_len, &early);
	CHECK(st == MCM_AAL5_DONE && sdu_len == 200, "recovered");
	free(rbuf);
}

/*
 * Several VCs at once: every VC has its own segmentation and reassembly state and their
 * cells are interleaved at random, one cell at a time. One VC gets a bit error, another
 * loses the last cell of a PDU; the other VCs must not notice.
 */
#define NVC 8
#define NPDU 40
#define VC_MAX_SDU 3000

static void
test_interleaved(void)
{
	uint8_t *sdus = malloc((size_t)NVC * NPDU * VC_MAX_SDU);
	uint8_t *rbufs = malloc((size_t)NVC * MAX_PDU);
	uint32_t lens[NVC][NPDU], next_tx[NVC], next_rx[NVC];
	struct mcm_aal5_seg seg[NVC];
	struct mcm_aal5_reasm rs[NVC];
	unsigned long done = 0, errors[NVC] = { 0 }, bad = 0;
	const int vc_flip = 3, pdu_flip = 7, vc_lose = 5, pdu_lose = 11;
	int v, p, active = NVC;
	uint8_t cell[MCM_ATM_CELL_LEN];

	if (sdus == NULL || rbufs == NULL) {
		CHECK(0, "out of memory");
		goto out;
	}
	for (v = 0; v < NVC; v++) {
		for (p = 0; p < NPDU; p++) {
			lens[v][p] = 1 + (uint32_t)(test_rng() % VC_MAX_SDU);
			test_fill(sdus + ((size_t)v * NPDU + p) * VC_MAX_SDU, lens[v][p]);
		}
		rs[v] = (struct mcm_aal5_reasm){ .buf = rbufs + (size_t)v * MAX_PDU,
						 .cap = MAX_PDU };
		next_tx[v] = 0;
		next_rx[v] = 0;
		seg[v].cells_left = 0;
	}
	while (active > 0) {
		struct mcm_atm_cell_hdr h;
		struct mcm_iov iov;
		uint32_t sdu_len;
		enum mcm_aal5_status st;
		bool last;
		int rx;

		v = (int)(test_rng() % NVC);
		if (seg[v].cells_left == 0) {
			if (next_tx[v] == NPDU)
				continue;
			p = (int)next_tx[v]++;
			iov = (struct mcm_iov){ sdus + ((size_t)v * NPDU + p) * VC_MAX_SDU,
						lens[v][p] };
			mcm_aal5_seg_init(&seg[v], &iov, 1,
					  mcm_atm_cell_hdr_word(1, (uint16_t)(100 + v), 0, 0),
					  0, 0);
		}
		p = (int)next_tx[v] - 1;
		if (mcm_aal5_seg_emit(&seg[v], cell, 1) != 1) {
			CHECK(0, "emit on VC %d", v);
			break;
		}
		if (seg[v].cells_left == 0 && next_tx[v] == NPDU)
			active--;
		mcm_atm_cell_hdr_get(cell, &h);
		last = h.pti & MCM_ATM_PTI_AUU;
		if (v == vc_flip && p == pdu_flip && last)
			cell[MCM_ATM_CELL_HDR_LEN + 10] ^= 0x10;
		if (v == vc_lose && p == pdu_lose && last)
			continue;
		/* the receiver finds the VC from the header only */
		rx = h.vci - 100;
		if (h.vpi != 1 || rx < 0 || rx >= NVC) {
			bad++;
			continue;
		}
		st = mcm_aal5_reasm_cell(&rs[rx], cell + MCM_ATM_CELL_HDR_LEN, last, &sdu_len);
		if (st == MCM_AAL5_MORE)
			continue;
		if (st == MCM_AAL5_DONE) {
			uint32_t e = next_rx[rx];

			if (e >= NPDU || sdu_len != lens[rx][e] ||
			    memcmp(rs[rx].buf, sdus + ((size_t)rx * NPDU + e) * VC_MAX_SDU,
				   sdu_len) != 0)
				bad++;
			done++;
			next_rx[rx]++;
			continue;
		}
		errors[rx]++;
		/* the merged PDU of the lost last cell takes the next PDU with it */
		next_rx[rx] += rx == vc_lose ? 2 : 1;
	}
	CHECK(bad == 0, "%lu PDUs delivered wrong on interleaved VCs", bad);
	CHECK(done == NVC * NPDU - 3, "%lu PDUs delivered, %d expected", done, NVC * NPDU - 3);
	for (v = 0; v < NVC; v++) {
		unsigned long want = (v == vc_flip || v == vc_lose) ? 1 : 0;

		CHECK(errors[v] == want && next_rx[v] == NPDU,
		      "VC %d: %lu errors, %u PDUs accounted", v, errors[v], next_rx[v]);
	}
out:
	free(sdus);
	free(rbufs);
}

/*
 * AAL5 PDU frame mode (RFC 4717 10) sends the PDU's 48-byte blocks without cell headers:
 * emit_blocks, from either init and in chunks of any size, must give exactly the PDU
 * pdu_finish builds in place (the cells' payloads, pad and trailer with its CRC).
 */
static void
test_emit_blocks(void)
{
	static uint8_t sdu[3000], want[3100], got[3100];
	unsigned int bad = 0, runs = 0;
	uint32_t len, i;

	for (i = 0; i < sizeof(sdu); i++)
		sdu[i] = (uint8_t)test_rng();
	for (len = 1; len <= 2500; len += 1 + len / 50) {
		uint32_t pdu_len = mcm_aal5_pdu_len(len), split = len / 3, via;

		memcpy(want, sdu, len);
		mcm_aal5_pdu_finish(want, len, 0, 0);
		for (via = 0; via < 2; via++) {
			const struct mcm_iov iov[2] = {
				{ sdu, split }, { sdu + split, len - split }
			};
			struct mcm_aal5_seg s;
			uint32_t out = 0, n;
			int rc;

			memcpy(got, sdu, len);
			rc = via == 0 ? mcm_aal5_seg_init(&s, iov, 2, 0, 0, 0) :
			     (mcm_aal5_pdu_finish(got, len, 0, 0),
			      mcm_aal5_seg_init_pdu(&s, got, len, 0));
			memset(got + (via == 0 ? 0 : pdu_len), 0xee, 48);
			if (rc != 0) {
				bad++;
				continue;
			}
			/* into a separate buffer: seg_init_pdu reads from got */
			{
				static uint8_t blocks[3100];

				while (s.cells_left > 0) {
					n = mcm_aal5_seg_emit_blocks(&s, blocks + out,
							1 + (uint32_t)(test_rng() % 5));
					if (n == 0)
						break;
					out += n * MCM_ATM_CELL_PAYLOAD;
				}
				if (out != pdu_len || memcmp(blocks, want, pdu_len) != 0 ||
				    mcm_aal5_seg_emit_blocks(&s, blocks, 1) != 0)
					bad++;
			}
			runs++;
		}
	}
	CHECK(bad == 0 && runs > 200, "emit_blocks gives the PDU pdu_finish builds: %u of %u "
	      "differ", bad, runs);
}

/*
 * The batched calls give what the single ones give: pdu_finish_n the bytes of pdu_finish,
 * pdu_check_n the statuses and lengths of pdu_check, on good PDUs and PDUs with a flipped
 * bit, a bad Length, CPI or abort among them; a reassembly with defer_check hands over the
 * complete PDU unchecked, and is ready for the next.
 */
static void
test_batches(void)
{
	static uint8_t a[MCM_AAL5_BATCH][1600], b[MCM_AAL5_BATCH][1600];
	uint8_t *pa[MCM_AAL5_BATCH];
	const uint8_t *pc[MCM_AAL5_BATCH];
	uint32_t sdu[MCM_AAL5_BATCH], plen[MCM_AAL5_BATCH], got_len[MCM_AAL5_BATCH];
	enum mcm_aal5_status st[MCM_AAL5_BATCH];
	unsigned int round, i, n, bad_bytes = 0, bad_st = 0;

	for (round = 0; round < 300; round++) {
		n = 1 + (unsigned int)(test_rng() % MCM_AAL5_BATCH);
		for (i = 0; i < n; i++) {
			uint32_t k;

			sdu[i] = (uint32_t)(test_rng() % (round % 3 == 0 ? 100 : 1540));
			for (k = 0; k < sdu[i]; k++)
				a[i][k] = b[i][k] = (uint8_t)test_rng();
			pa[i] = a[i];
			plen[i] = mcm_aal5_pdu_finish(b[i], sdu[i], 0, 0);
		}
		mcm_aal5_pdu_finish_n(pa, sdu, n);
		for (i = 0; i < n; i++)
			bad_bytes += memcmp(a[i], b[i], plen[i]) != 0;
		/* spoil some */
		for (i = 0; i < n; i++) {
			switch (test_rng() % 6) {
			case 0:
				a[i][test_rng() % plen[i]] ^= (uint8_t)(1u << (test_rng() % 8));
				break;
			case 1:
				set_len_field(a[i], plen[i], (uint16_t)(sdu[i] + 48));
				reseal(a[i], plen[i]);
				break;
			case 2:
				a[i][plen[i] - 7] = 1;  /* CPI */
				reseal(a[i], plen[i]);
				break;
			default:
				break;
			}
			pc[i] = a[i];
		}
		mcm_aal5_pdu_check_n(pc, plen, st, got_len, n);
		for (i = 0; i < n; i++) {
			uint32_t l1 = 0;
			enum mcm_aal5_status s1 = mcm_aal5_pdu_check(a[i], plen[i], &l1, NULL);

			if (s1 != st[i] || (s1 == MCM_AAL5_DONE && l1 != got_len[i]))
				bad_st++;
		}
	}
	CHECK(bad_bytes == 0, "pdu_finish_n gives pdu_finish's bytes (%u differ)", bad_bytes);
	CHECK(bad_st == 0, "pdu_check_n gives pdu_check's status and length (%u differ)", bad_st);
	{
		struct mcm_aal5_reasm r = { .buf = b[0], .cap = sizeof(b[0]), .defer_check = true };
		uint32_t len = 0, pdu_len = mcm_aal5_pdu_finish(a[0], 100, 0, 0), off;
		enum mcm_aal5_status s = MCM_AAL5_MORE;

		a[0][5] ^= 1;   /* not checked here: the caller checks */
		for (off = 0; off < pdu_len; off += 48)
			s = mcm_aal5_reasm_cell(&r, a[0] + off, off + 48 == pdu_len, &len);
		CHECK(s == MCM_AAL5_COMPLETE && len == pdu_len && r.len == 0 &&
		      memcmp(b[0], a[0], pdu_len) == 0,
		      "defer_check: complete, unchecked, %u bytes", len);
		pc[0] = b[0];
		mcm_aal5_pdu_check_n(pc, &len, st, got_len, 1);
		CHECK(st[0] == MCM_AAL5_ERR_CRC, "and the caller's check finds the flipped bit");
	}
}

static uint64_t run_rng = 0x9e3779b97f4a7c15ull;

static uint32_t
run_rnd(uint32_t n)
{
	run_rng ^= run_rng << 13;
	run_rng ^= run_rng >> 7;
	run_rng ^= run_rng << 17;
	return (uint32_t)(run_rng % n);
}

/*
 * mcm_aal5_reasm_cells() against mcm_aal5_reasm_cell(): random cell streams (whole PDUs,
 * PDUs with cells lost, with their last cell lost, cells with no AUU for long, buffers too
 * small: oversize and its discard, a full 16-bit PDU, no buffer) fed one cell at a time to
 * one state and in runs (cells before a last one, then it) to another, with cells 52 bytes
 * apart (headers between them) and 48: after every run the same status, length, discard
 * state, bytes gathered and SDU length.
 */
static void
test_runs(void)
{
	const size_t stride_of[2] = { 52, 48 };
	uint8_t *b1 = malloc(2 * (size_t)MAX_PDU), *b2 = malloc(2 * (size_t)MAX_PDU);
	uint8_t *cells = malloc(((size_t)MAX_CELLS + 64) * 52);
	uint8_t pdu[8 * 48];
	bool *lastv = malloc((size_t)MAX_CELLS + 64);
	unsigned int trial, bad = 0, runs = 0, errors = 0;

	if (b1 == NULL || b2 == NULL || cells == NULL || lastv == NULL) {
		CHECK(0, "out of memory");
		goto out;
	}
	for (trial = 0; trial < 20000; trial++) {
		const size_t stride = stride_of[trial & 1];
		static const uint32_t caps[] = { 0, 96, 240, 384, 1536, 65568 };
		struct mcm_aal5_reasm r1 = { .buf = b1 }, r2 = { .buf = b2 };
		uint32_t ncells = 0, c, i, sdu_len = 0, k, cap;
		uint32_t sdu1 = 0, sdu2 = 0;

		cap = caps[run_rnd(sizeof(caps) / sizeof(caps[0]))];
		r1.cap = r2.cap = cap;
		r1.buf = cap == 0 && run_rnd(2) ? NULL : b1;
		r2.buf = r1.buf == NULL ? NULL : b2;
		r1.defer_check = r2.defer_check = run_rnd(2);
		/* a stream: PDUs of 1..8 cells, a cell lost now and then, or a long run */
		if (run_rnd(50) == 0) {
			ncells = MAX_CELLS + 2;
			for (c = 0; c < ncells; c++) {
				test_fill(cells + c * stride, 48);
				lastv[c] = c == ncells - 1;
			}
			if (cap < MAX_PDU)
				r1.cap = r2.cap = 2 * MAX_PDU;
		} else {
			while (ncells < 60) {
				uint32_t sdu = run_rnd(8 * 48 - 8 + 1), n;

				for (i = 0; i < sdu; i++)
					pdu[i] = (uint8_t)run_rnd(256);
				n = mcm_aal5_pdu_finish(pdu, sdu, 0, 0) / 48;
				for (i = 0; i < n; i++) {
					if (run_rnd(20) == 0)
						continue;   /* lost */
					memcpy(cells + ncells * stride, pdu + i * 48, 48);
					lastv[ncells++] = i == n - 1;
				}
			}
		}
		for (c = 0; c < ncells; c += k) {
			enum mcm_aal5_status want = MCM_AAL5_MORE, one, got;

			/* a run: non-last cells, then (maybe) a last one, at most what is left */
			k = 1 + run_rnd(40);
			for (i = 0; i < k && c + i < ncells; i++)
				if (lastv[c + i]) {
					i++;
					break;
				}
			k = i;
			for (i = 0; i < k; i++) {
				one = mcm_aal5_reasm_cell(&r1, cells + (c + i) * stride,
							  lastv[c + i], &sdu_len);
				if (one != MCM_AAL5_MORE) {
					want = one;
					sdu1 = sdu_len;
				}
			}
			got = mcm_aal5_reasm_cells(&r2, cells + c * stride, stride, k,
						   lastv[c + k - 1], &sdu2);
			runs++;
			errors += want != MCM_AAL5_MORE && want != MCM_AAL5_DONE &&
				  want != MCM_AAL5_COMPLETE;
			if (got != want || r1.len != r2.len || r1.discard != r2.discard ||
			    (r1.buf != NULL && memcmp(b1, b2, r1.len) != 0) ||
			    ((want == MCM_AAL5_DONE || want == MCM_AAL5_COMPLETE) &&
			     sdu1 != sdu2)) {
				if (bad++ < 5)
					printf("  trial %u cell %u run %u: %s against %s, "
					       "len %u/%u\n",
					       trial, c, k, mcm_aal5_status_str(got),
					       mcm_aal5_status_str(want), r2.len, r1.len);
			}
		}
	}
	printf("runs of cells: %u runs, %u with an error status, %u different\n", runs, errors,
	       bad);
	CHECK(bad == 0 && runs > 100000 && errors > 1000, "reasm_cells equals reasm_cell a cell "
	      "at a time (%u of %u runs differ, %u errors met)", bad, runs, errors);
out:
	free(b1);
	free(b2);
	free(cells);
	free(lastv);
}

int
main(void)
{
	test_cell_header();
	test_crc();
	test_known_pdus();
	test_status_str();
	test_seg_refusals();
	test_every_length();
	test_bit_flips();
	test_trailer_fields();
	test_truncation();
	test_lost_cells();
	test_oversize();
	test_interleaved();
	test_emit_blocks();
	test_batches();
	test_runs();
	return test_summary();
}
