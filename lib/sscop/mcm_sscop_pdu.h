/* SPDX-License-Identifier: BSD-3-Clause
 * SSCOP PDU encoding and strict decoding (ITU-T Q.2110 clause 7.1, PDU formats).
 *
 * Every PDU is a (possibly empty, padded to a multiple of 4 octets) information field
 * followed by a trailer of one to three 32-bit words; the last word carries
 * PL(2) | reserved(1) | S(1, END only) | type(4) | 24-bit field. Pure functions, no state.
 */
#ifndef MCM_SSCOP_PDU_H
#define MCM_SSCOP_PDU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** SSCOP PDU type codes (Q.2110 7.1). */
enum mcm_sscop_pdu_type {
	MCM_SSCOP_BGN = 0x1,
	MCM_SSCOP_BGAK = 0x2,
	MCM_SSCOP_END = 0x3,
	MCM_SSCOP_ENDAK = 0x4,
	MCM_SSCOP_RS = 0x5,
	MCM_SSCOP_RSAK = 0x6,
	MCM_SSCOP_BGREJ = 0x7,
	MCM_SSCOP_SD = 0x8,
	MCM_SSCOP_ER = 0x9,
	MCM_SSCOP_POLL = 0xa,
	MCM_SSCOP_STAT = 0xb,
	MCM_SSCOP_USTAT = 0xc,
	MCM_SSCOP_UD = 0xd,
	MCM_SSCOP_MD = 0xe,
	MCM_SSCOP_ERAK = 0xf,
};

/** Sequence numbers N(S), N(R), N(MR), N(PS) are 24 bits (Q.2110 7.1). */
#define MCM_SSCOP_SEQ_MASK 0xffffffu

/** Decoding results; every negative value is a PDU length violation (MAA-ERROR U). */
enum mcm_sscop_decode_err {
	MCM_SSCOP_DEC_OK = 0,
	MCM_SSCOP_DEC_SHORT = -1,    /**< shorter than the type's trailer, or empty */
	MCM_SSCOP_DEC_ALIGN = -2,    /**< length not a multiple of 4 octets */
	MCM_SSCOP_DEC_TYPE = -3,     /**< type code 0 (undefined) */
	MCM_SSCOP_DEC_LENGTH = -4,   /**< wrong length for a PDU without information field */
	MCM_SSCOP_DEC_PAD = -5,      /**< pad length larger than the information field */
	MCM_SSCOP_DEC_RESERVED = -6, /**< a reserved bit or field is not zero */
};

/** One PDU, decoded or to be encoded. Fields a type does not carry are ignored. */
struct mcm_sscop_pdu {
	enum mcm_sscop_pdu_type type;
	bool source_sscop;   /**< END: S bit, true = released by SSCOP, false = by user */
	uint8_t nsq;         /**< BGN, RS, ER: N(SQ) */
	uint32_t nmr;        /**< BGN, BGAK, RS, RSAK, ER, ERAK, STAT, USTAT: N(MR) */
	uint32_t ns;         /**< SD, POLL: N(S) */
	uint32_t nps;        /**< POLL, STAT: N(PS) */
	uint32_t nr;         /**< STAT, USTAT: N(R) */
	const uint8_t *info; /**< SD/UD/MD information, or SSCOP-UU of BGN/BGAK/BGREJ/END/RS */
	size_t info_len;
	/** STAT list (decode: points into the PDU, 4 octets per element; read with
	 * mcm_sscop_pdu_list_get()). */
	const uint8_t *list_raw;
	uint32_t list_len;
	/** STAT list to encode (list_len elements). */
	const uint32_t *list;
	uint32_t ul1, ul2;   /**< USTAT list elements 1 and 2 */
};

/** Number of trailer octets of @p type, 0 for an undefined type. */
size_t mcm_sscop_pdu_trailer_len(enum mcm_sscop_pdu_type type);

/** True if @p type carries an information or SSCOP-UU field. */
bool mcm_sscop_pdu_has_info(enum mcm_sscop_pdu_type type);

/**
 * Encoded length of @p pdu (information padded to 4 octets plus trailer).
 *
 * @return length in octets, 0 if the type is undefined.
 */
size_t mcm_sscop_pdu_len(const struct mcm_sscop_pdu *pdu);

/**
 * Encode @p pdu into @p buf. Sequence numbers are taken modulo 2^24.
 *
 * @return length written, or 0 if the type is undefined or @p cap is too small.
 */
size_t mcm_sscop_pdu_encode(const struct mcm_sscop_pdu *pdu, uint8_t *buf, size_t cap);

/**
 * Strictly decode @p len octets (Q.2110 7.1): length, alignment, pad length and reserved
 * bits are all checked. Pointers in @p pdu refer into @p buf.
 *
 * @return MCM_SSCOP_DEC_OK or a negative enum mcm_sscop_decode_err.
 */
int mcm_sscop_pdu_decode(const uint8_t *buf, size_t len, struct mcm_sscop_pdu *pdu);

/** Element @p i of a decoded STAT list (no bounds check beyond list_len). */
uint32_t mcm_sscop_pdu_list_get(const struct mcm_sscop_pdu *pdu, uint32_t i);

/** Short name of a PDU type ("BGN", ...), "?" if undefined. */
const char *mcm_sscop_pdu_name(enum mcm_sscop_pdu_type type);

#ifdef __cplusplus
}
#endif

#endif /* MCM_SSCOP_PDU_H */
