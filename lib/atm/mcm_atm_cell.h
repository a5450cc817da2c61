/* SPDX-License-Identifier: BSD-3-Clause
 * ATM cell header in the RFC 4717 N-to-one form: 4 bytes, no HEC.
 *
 *   VPI (12 bits) | VCI (16 bits) | PTI (3 bits) | CLP (1 bit)
 */
#ifndef MCM_ATM_CELL_H
#define MCM_ATM_CELL_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MCM_ATM_CELL_HDR_LEN 4   /**< RFC 4717 4.1: cell header without HEC */
#define MCM_ATM_CELL_PAYLOAD 48
#define MCM_ATM_CELL_LEN (MCM_ATM_CELL_HDR_LEN + MCM_ATM_CELL_PAYLOAD)

#define MCM_ATM_VPI_MAX 0xfff
#define MCM_ATM_VCI_MAX 0xffff
/** VCIs 0..31 are reserved (I.361 2.2.3); the driver keeps them for itself. */
#define MCM_ATM_VCI_FIRST_USER 32
#define MCM_ATM_VCI_SIGNALLING 5
#define MCM_ATM_VCI_ILMI 16
#define MCM_ATM_VCI_OAM_F4_SEG 3  /**< I.610: F4 segment flow */
#define MCM_ATM_VCI_OAM_F4_E2E 4  /**< I.610: F4 end-to-end flow */

/* PTI coding, I.361 table 3 */
#define MCM_ATM_PTI_AUU 0x1       /**< user data cell: ATM-user-to-ATM-user (AAL5 last cell) */
#define MCM_ATM_PTI_EFCI 0x2      /**< user data cell: congestion experienced */
#define MCM_ATM_PTI_OAM_SEG 0x4   /**< F5 segment OAM cell */
#define MCM_ATM_PTI_OAM_E2E 0x5   /**< F5 end-to-end OAM cell */
#define MCM_ATM_PTI_RM 0x6        /**< resource management */
#define MCM_ATM_PTI_RESERVED 0x7

/** A decoded cell header. */
struct mcm_atm_cell_hdr {
	uint16_t vpi;  /**< 0..4095 */
	uint16_t vci;  /**< 0..65535 */
	uint8_t pti;   /**< 0..7 */
	uint8_t clp;   /**< 0..1 */
};

/** Header word (host order) from its fields; values are masked to their widths. */
static inline uint32_t
mcm_atm_cell_hdr_word(uint16_t vpi, uint16_t vci, uint8_t pti, uint8_t clp)
{
	return ((uint32_t)(vpi & 0xfff) << 20) | ((uint32_t)vci << 4) |
	       ((uint32_t)(pti & 7) << 1) | (clp & 1u);
}

/** Write a header word to 4 bytes, network order. */
static inline void
mcm_atm_cell_hdr_put(uint8_t *p, uint32_t word)
{
	p[0] = (uint8_t)(word >> 24);
	p[1] = (uint8_t)(word >> 16);
	p[2] = (uint8_t)(word >> 8);
	p[3] = (uint8_t)word;
}

/** Read the header word from 4 bytes, network order. */
static inline uint32_t
mcm_atm_cell_hdr_word_get(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/** Decode 4 header bytes. */
static inline void
mcm_atm_cell_hdr_get(const uint8_t *p, struct mcm_atm_cell_hdr *h)
{
	uint32_t w = mcm_atm_cell_hdr_word_get(p);

	h->vpi = (uint16_t)(w >> 20);
	h->vci = (uint16_t)(w >> 4);
	h->pti = (uint8_t)((w >> 1) & 7);
	h->clp = (uint8_t)(w & 1);
}

/** True for a user data cell (PTI 0xx); OAM and RM cells have PTI bit 2 set. */
static inline bool
mcm_atm_pti_is_user(uint8_t pti)
{
	return (pti & 0x4) == 0;
}

#ifdef __cplusplus
}
#endif

#endif /* MCM_ATM_CELL_H */
