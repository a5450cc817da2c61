/* SPDX-License-Identifier: BSD-3-Clause
 * I.610 OAM cell payloads: fault management (AIS, RDI, continuity check, loopback) with the
 * CRC-10 that closes every OAM cell.
 *
 * Payload (48 octets, I.610 10.1):
 *   0       OAM type (4 bits) | function type (4 bits)
 *   1..45   function-specific field (45 octets)
 *   46..47  reserved (6 bits, 0) | CRC-10 (10 bits)
 */
#include <string.h>

#include "mcm_oam.h"

#define OAM_FSF 1               /* function-specific field offset */
#define OAM_FSF_LEN 45
#define OAM_CRC_OFF 46

/* AIS/RDI function-specific field, I.610 10.2.1.1.1 */
#define FM_DEFECT_TYPE 1
#define FM_DEFECT_LOC 2

/* Loopback function-specific field, I.610 10.2.4 */
#define LB_INDICATION 1
#define LB_TAG 2
#define LB_LLID 6
#define LB_SRC_ID 22

/* G(x) = x^10 + x^9 + x^5 + x^4 + x + 1, I.610 10.1 */
#define CRC10_POLY 0x633

uint16_t
mcm_oam_crc10(const uint8_t *buf, uint32_t len)
{
	uint32_t rem = 0, i;
	int b;

	/*
	 * The remainder of the bit string itself divided by G(x), MSB first. Over a payload
	 * whose last 10 bits are zero this is the CRC-10 to put there, and over a payload
	 * with a correct CRC-10 it is 0. Not on the fast path: OAM cells are rare.
	 */
	for (i = 0; i < len; i++) {
		for (b = 7; b >= 0; b--) {
			rem = (rem << 1) | ((buf[i] >> b) & 1u);
			if (rem & 0x400)
				rem ^= CRC10_POLY;
		}
	}
	return (uint16_t)rem;
}

void
mcm_oam_cell_init(struct mcm_oam_cell *c, uint8_t type, uint8_t function)
{
	memset(c, 0, sizeof(*c));
	c->type = type;
	c->function = function;
	c->lb_indication = 1;
	/* I.610 10.2.4: an all-ones loopback location ID names the end point */
	memset(c->llid, 0xff, sizeof(c->llid));
	memset(c->src_id, MCM_OAM_NOT_USED, sizeof(c->src_id));
	c->defect_type = MCM_OAM_NOT_USED;
	memset(c->defect_loc, MCM_OAM_NOT_USED, sizeof(c->defect_loc));
}

void
mcm_oam_encode(const struct mcm_oam_cell *c, uint8_t *payload)
{
	uint16_t crc;

	payload[0] = (uint8_t)((c->type & 0xf) << 4 | (c->function & 0xf));
	/* I.610 10.1: unused octets of the function-specific field are coded 0x6A */
	memset(payload + OAM_FSF, MCM_OAM_NOT_USED, OAM_FSF_LEN);
	if (c->type == MCM_OAM_TYPE_FM) {
		switch (c->function) {
		case MCM_OAM_FM_AIS:
		case MCM_OAM_FM_RDI:
			payload[FM_DEFECT_TYPE] = c->defect_type;
			memcpy(payload + FM_DEFECT_LOC, c->defect_loc, MCM_OAM_LLID_LEN);
			break;
		case MCM_OAM_FM_LB:
			/* 7 reserved bits (0) and the loopback indication in the LSB */
			payload[LB_INDICATION] = c->lb_indication & 1;
			payload[LB_TAG] = (uint8_t)(c->lb_tag >> 24);
			payload[LB_TAG + 1] = (uint8_t)(c->lb_tag >> 16);
			payload[LB_TAG + 2] = (uint8_t)(c->lb_tag >> 8);
			payload[LB_TAG + 3] = (uint8_t)c->lb_tag;
			memcpy(payload + LB_LLID, c->llid, MCM_OAM_LLID_LEN);
			memcpy(payload + LB_SRC_ID, c->src_id, MCM_OAM_LLID_LEN);
			break;
		default:
			/* CC: the whole function-specific field is unused */
			break;
		}
	}
	payload[OAM_CRC_OFF] = 0;
	payload[OAM_CRC_OFF + 1] = 0;
	crc = mcm_oam_crc10(payload, MCM_ATM_CELL_PAYLOAD);
	payload[OAM_CRC_OFF] = (uint8_t)(crc >> 8);
	payload[OAM_CRC_OFF + 1] = (uint8_t)crc;
}

int
mcm_oam_decode(const uint8_t *payload, struct mcm_oam_cell *c)
{
	uint8_t type = payload[0] >> 4, function = payload[0] & 0xf;

	if (mcm_oam_crc10(payload, MCM_ATM_CELL_PAYLOAD) != 0)
		return MCM_OAM_BAD_CRC10;
	if (type != MCM_OAM_TYPE_FM)
		return MCM_OAM_UNKNOWN;
	memset(c, 0, sizeof(*c));
	c->type = type;
	c->function = function;
	c->defect_type = MCM_OAM_NOT_USED;
	memset(c->defect_loc, MCM_OAM_NOT_USED, sizeof(c->defect_loc));
	switch (function) {
	case MCM_OAM_FM_AIS:
	case MCM_OAM_FM_RDI:
		c->defect_type = payload[FM_DEFECT_TYPE];
		memcpy(c->defect_loc, payload + FM_DEFECT_LOC, MCM_OAM_LLID_LEN);
		return 0;
	case MCM_OAM_FM_CC:
		return 0;
	case MCM_OAM_FM_LB:
		c->lb_indication = payload[LB_INDICATION] & 1;
		c->lb_tag = (uint32_t)payload[LB_TAG] << 24 | (uint32_t)payload[LB_TAG + 1] << 16 |
			    (uint32_t)payload[LB_TAG + 2] << 8 | payload[LB_TAG + 3];
		memcpy(c->llid, payload + LB_LLID, MCM_OAM_LLID_LEN);
		memcpy(c->src_id, payload + LB_SRC_ID, MCM_OAM_LLID_LEN);
		return 0;
	default:
		return MCM_OAM_UNKNOWN;
	}
}
