/* SPDX-License-Identifier: BSD-3-Clause
 * Fuzz target for the lib/atm decoders: arbitrary bytes as cells into several reassembly
 * states, as whole CPCS-PDUs into mcm_aal5_pdu_check, as RFC 2684 headers and as OAM
 * payloads. Besides "no crash, no sanitizer report" it checks the invariants every
 * decoder promises.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_aal5.h"
#include "mcm_oam.h"
#include "mcm_rfc2684.h"

#define NVC 4
#define REC_LEN (1 + MCM_ATM_CELL_PAYLOAD)

/* Buffer sizes per VC: tiny, one Ethernet frame, a jumbo frame, the AAL5 maximum. */
static const uint32_t vc_cap[NVC] = { 96, 1536, 9216, 65568 };

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_atm: invariant broken: %s\n", what);
	abort();
}

static void
check_sdu(const uint8_t *sdu, uint32_t len)
{
	static const enum mcm_encap encs[] = {
		MCM_ENCAP_LLC_BRIDGED, MCM_ENCAP_VCMUX_BRIDGED, MCM_ENCAP_LLC_ROUTED,
		MCM_ENCAP_VCMUX_ROUTED,
	};
	unsigned int i;

	for (i = 0; i < 4; i++) {
		uint16_t et = 0;
		int hl = mcm_rfc2684_hdr_check(sdu, len, encs[i], &et);

		if (hl != -1 && (hl != (int)mcm_rfc2684_hdr_len(encs[i]) || (uint32_t)hl > len))
			fail("rfc2684 header length");
	}
	/* bridged Ethernet with its FCS (RFC 2684 5.2): the frame between header and FCS */
	{
		int fl = mcm_rfc2684_llc_fcs_frame(sdu, len);

		if (fl != -1 && (fl < 0 || (uint32_t)fl + 14 != len || sdu[7] != 0x01 ||
				 sdu[0] != 0xaa))
			fail("rfc2684 LLC FCS frame length");
	}
	/* a raw SDU's LLC header: its length, within the SDU, and only after LLC octets */
	{
		int ll = mcm_rfc2684_llc_len(sdu, len);

		if (ll != -1 && (ll != (sdu[0] == 0xaa ? 8 : 4) || (uint32_t)ll > len ||
				 sdu[2] != 0x03 || sdu[1] != sdu[0]))
			fail("rfc2684 LLC header length");
	}
}

/*
 * A model of one VC's reassembly written from I.363.5 directly, to compare with the library
 * on every cell: the expected status of a cell.
 */
struct model {
	uint8_t pdu[65568 + MCM_ATM_CELL_PAYLOAD];
	uint32_t len;
	bool discard;
};

static struct model models[NVC];

static enum mcm_aal5_status
model_cell(struct model *m, uint32_t cap, const uint8_t *payload, bool last)
{
	uint32_t room = cap < 65568 ? cap : 65568, length;
	const uint8_t *t;

	if (m->discard) {
		m->discard = !last;
		return MCM_AAL5_MORE;
	}
	if (m->len + MCM_ATM_CELL_PAYLOAD > room) {
		m->discard = !last;
		m->len = 0;
		return MCM_AAL5_ERR_OVERSIZE;
	}
	memcpy(m->pdu + m->len, payload, MCM_ATM_CELL_PAYLOAD);
	m->len += MCM_ATM_CELL_PAYLOAD;
	if (!last)
		return MCM_AAL5_MORE;
	t = m->pdu + m->len - MCM_AAL5_TRAILER_LEN;
	length = (uint32_t)t[2] << 8 | t[3];
	if (mcm_aal5_crc(0, m->pdu, m->len - 4) !=
	    ((uint32_t)t[4] << 24 | (uint32_t)t[5] << 16 | (uint32_t)t[6] << 8 | t[7])) {
		m->len = 0;
		return MCM_AAL5_ERR_CRC;
	}
	m->len = 0;
	if (length == 0)
		return MCM_AAL5_ERR_ABORT;
	if (t[1] != 0)
		return MCM_AAL5_ERR_CPI;
	/* the smallest PDU that holds Length octets and the trailer must be this one */
	if (mcm_aal5_pdu_len(length) != (uint32_t)(t + MCM_AAL5_TRAILER_LEN - m->pdu))
		return MCM_AAL5_ERR_LEN;
	return MCM_AAL5_DONE;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mcm_aal5_reasm r[NVC];
	uint8_t *bufs[NVC] = { NULL };
	struct mcm_oam_cell c, c2;
	uint8_t payload[MCM_ATM_CELL_PAYLOAD];
	uint32_t sdu_len;
	size_t off;
	unsigned int v;
	enum mcm_aal5_status st, want;
	uint8_t uu;

	for (v = 0; v < NVC; v++) {
		bufs[v] = malloc(vc_cap[v]);
		if (bufs[v] == NULL)
			goto out;
		r[v] = (struct mcm_aal5_reasm){ .buf = bufs[v], .cap = vc_cap[v] };
		models[v].len = 0;
		models[v].discard = false;
	}
	/*
	 * Records of 1 control byte + 48 payload bytes. Control: VC in bits 0-1, AUU in bit 2,
	 * reset in bit 3, bit 4 "seal": on a last cell, the harness writes a CRC-32 that
	 * makes the PDU good, so that the Length, CPI and abort checks are reached; bit 5:
	 * on a last cell, CPI 0 and a Length near the right one, so that good PDUs occur.
	 */
	for (off = 0; off + REC_LEN <= size; off += REC_LEN) {
		uint8_t ctl = data[off];
		bool last = ctl & 0x4;

		v = ctl & (NVC - 1);
		if (ctl & 0x8) {
			mcm_aal5_reasm_reset(&r[v]);
			models[v].len = 0;
			models[v].discard = false;
			continue;
		}
		memcpy(payload, data + off + 1, MCM_ATM_CELL_PAYLOAD);
		if ((ctl & 0x20) && last) {
			/* CPI 0 and a Length for a pad of 0..49 octets (48, 49: one too many) */
			int32_t length = (int32_t)(models[v].len + MCM_ATM_CELL_PAYLOAD) -
					 MCM_AAL5_TRAILER_LEN - payload[0] % 50;

			if (length < 0)
				length = 0;
			payload[41] = 0;
			payload[42] = (uint8_t)(length >> 8);
			payload[43] = (uint8_t)length;
		}
		if ((ctl & 0x10) && last && !models[v].discard) {
			uint32_t crc = mcm_aal5_crc(mcm_aal5_crc(0, models[v].pdu, models[v].len),
						    payload, MCM_ATM_CELL_PAYLOAD - 4);

			payload[44] = (uint8_t)(crc >> 24);
			payload[45] = (uint8_t)(crc >> 16);
			payload[46] = (uint8_t)(crc >> 8);
			payload[47] = (uint8_t)crc;
		}
		want = model_cell(&models[v], vc_cap[v], payload, last);
		st = mcm_aal5_reasm_cell(&r[v], payload, last, &sdu_len);
		if (st != want) {
			fprintf(stderr, "VC %u: library %s, model %s\n", v,
				mcm_aal5_status_str(st), mcm_aal5_status_str(want));
			fail("reassembly differs from the I.363.5 model");
		}
		if (r[v].len > vc_cap[v] || r[v].len % MCM_ATM_CELL_PAYLOAD != 0)
			fail("reasm length");
		if (last && (r[v].len != 0 || r[v].discard))
			fail("state not reset after the last cell");
		if (st == MCM_AAL5_DONE) {
			if (sdu_len == 0 || sdu_len + MCM_AAL5_TRAILER_LEN > vc_cap[v])
				fail("reassembled SDU length");
			check_sdu(bufs[v], sdu_len);
		}
	}
	/* the whole input as one CPCS-PDU; a good one must survive pdu_finish unchanged */
	st = mcm_aal5_pdu_check(data, (uint32_t)(size > 0x7fffffff ? 0x7fffffff : size),
				&sdu_len, &uu);
	if (st == MCM_AAL5_DONE) {
		uint8_t *copy;

		if (sdu_len == 0 || sdu_len + MCM_AAL5_TRAILER_LEN > size ||
		    mcm_aal5_pdu_len(sdu_len) != size)
			fail("pdu_check length");
		copy = malloc(size);
		if (copy != NULL) {
			memcpy(copy, data, sdu_len);
			mcm_aal5_pdu_finish(copy, sdu_len, uu, 0);
			/* equal unless the pad was not zero (then the CRC matched by chance) */
			if (memcmp(copy + size - 8, data + size - 8, 6) != 0)
				fail("pdu_check/pdu_finish trailer");
			free(copy);
		}
		check_sdu(data, sdu_len);
	}
	check_sdu(data, (uint32_t)(size > 0xffff ? 0xffff : size));
	/* every 48-byte window on a 48-byte grid as an OAM payload */
	for (off = 0; off + MCM_ATM_CELL_PAYLOAD <= size; off += MCM_ATM_CELL_PAYLOAD) {
		if (mcm_oam_decode(data + off, &c) != 0)
			continue;
		/* what decodes re-encodes to a cell that decodes the same */
		mcm_oam_encode(&c, payload);
		if (mcm_oam_decode(payload, &c2) != 0 || memcmp(&c, &c2, sizeof(c)) != 0)
			fail("oam re-encode");
	}
	/* also the tail shorter than 48 bytes, padded, as an OAM payload */
	if (size % MCM_ATM_CELL_PAYLOAD != 0) {
		memset(payload, 0, sizeof(payload));
		memcpy(payload, data + size - size % MCM_ATM_CELL_PAYLOAD,
		       size % MCM_ATM_CELL_PAYLOAD);
		(void)mcm_oam_decode(payload, &c);
	}
out:
	for (v = 0; v < NVC; v++)
		free(bufs[v]);
	return 0;
}
