/* SPDX-License-Identifier: BSD-3-Clause
 * I.610 OAM cells (F4: VCI 3/4; F5: PTI 4/5): fault management (AIS, RDI, continuity
 * check, loopback). The 48-byte payload ends in 6 reserved bits and a CRC-10
 * (polynomial x^10 + x^9 + x^5 + x^4 + x + 1) over the whole payload.
 */
#ifndef MCM_OAM_H
#define MCM_OAM_H

#include <stdbool.h>
#include <stdint.h>

#include "mcm_atm_cell.h"

#ifdef __cplusplus
extern "C" {
#endif

/* OAM type (high nibble) and function type (low nibble), I.610 table 4 */
#define MCM_OAM_TYPE_FM 0x1
#define MCM_OAM_FM_AIS 0x0
#define MCM_OAM_FM_RDI 0x1
#define MCM_OAM_FM_CC 0x4
#define MCM_OAM_FM_LB 0x8

#define MCM_OAM_LB_TAG_LEN 4
#define MCM_OAM_LLID_LEN 16

/** A decoded OAM cell payload. */
struct mcm_oam_cell {
	uint8_t type;       /**< OAM type, MCM_OAM_TYPE_* */
	uint8_t function;   /**< function type, MCM_OAM_FM_* */
	/** Loopback only: loopback indication (1: to be looped back), correlation tag, LLID */
	uint8_t lb_indication;
	uint32_t lb_tag;
	uint8_t llid[MCM_OAM_LLID_LEN];
	uint8_t src_id[MCM_OAM_LLID_LEN];
	/** AIS and RDI only (I.610 10.2.1.1.1): defect type and defect location;
	 *  MCM_OAM_NOT_USED in every octet when not given */
	uint8_t defect_type;
	uint8_t defect_loc[MCM_OAM_LLID_LEN];
};

/** I.610 10.2: coding of unused octets and of optional fields that are not given. */
#define MCM_OAM_NOT_USED 0x6A

/**
 * Fill @p c with a cell of @p type / @p function and the I.610 defaults: loopback
 * indication 1, tag 0, loopback location ID all ones (the end point, I.610 10.2.4), source
 * ID, defect type and defect location not used (0x6A).
 */
void mcm_oam_cell_init(struct mcm_oam_cell *c, uint8_t type, uint8_t function);

/**
 * CRC-10 of I.610 over @p len bytes (with the CRC field zeroed by the caller): the
 * remainder of the bit string divided by the polynomial. Over a whole payload that carries
 * a correct CRC-10 the result is 0.
 */
uint16_t mcm_oam_crc10(const uint8_t *buf, uint32_t len);

/** Encode an OAM payload (48 bytes, unused octets 0x6A, CRC-10 last). */
void mcm_oam_encode(const struct mcm_oam_cell *c, uint8_t *payload);

/** Why mcm_oam_decode() refused a payload. */
enum mcm_oam_decode_error {
	MCM_OAM_BAD_CRC10 = -1,  /**< the CRC-10 does not check (I.610 10.1) */
	MCM_OAM_UNKNOWN = -2,    /**< an OAM type or function type this stack does not handle:
				  * anything but fault management AIS, RDI, CC, loopback */
};

/**
 * Decode and check a 48-byte OAM payload.
 *
 * @param payload
 *   The 48 bytes after the cell header.
 * @param c
 *   Filled on success.
 * @return 0, or a negative enum mcm_oam_decode_error.
 */
int mcm_oam_decode(const uint8_t *payload, struct mcm_oam_cell *c);

/** True if a cell with this header is an OAM cell (F4 on VCI 3/4, or F5 on PTI 4/5). */
static inline bool
mcm_oam_is_oam(const struct mcm_atm_cell_hdr *h)
{
	return h->vci == MCM_ATM_VCI_OAM_F4_SEG || h->vci == MCM_ATM_VCI_OAM_F4_E2E ||
	       h->pti == MCM_ATM_PTI_OAM_SEG || h->pti == MCM_ATM_PTI_OAM_E2E;
}

#ifdef __cplusplus
}
#endif

#endif /* MCM_OAM_H */
