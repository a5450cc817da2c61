/* SPDX-License-Identifier: BSD-3-Clause
 * AAL5 common part convergence sublayer (I.363.5) and its segmentation into cells.
 *
 * CPCS-PDU = SDU | pad (0..47 bytes of zero) | CPCS-UU (1) | CPI (1) | Length (2) | CRC-32 (4),
 * a multiple of 48 bytes. The CRC-32 (polynomial 0x04C11DB7, MSB first, initial value and
 * final XOR 0xFFFFFFFF; check value 0xFC891918 for "123456789") covers the whole PDU but the
 * CRC field, and is computed with ISA-L crc32_ieee. The last cell of a PDU has the AUU bit
 * of its PTI set.
 */
#ifndef MCM_AAL5_H
#define MCM_AAL5_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mcm_atm_cell.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MCM_AAL5_TRAILER_LEN 8
#define MCM_AAL5_MAX_SDU 65535   /**< the Length field is 16 bits; 0 means abort (I.363.5) */

/** Result of reassembly and of PDU checks. */
enum mcm_aal5_status {
	MCM_AAL5_MORE = 0,          /**< cell taken, PDU not complete yet */
	MCM_AAL5_DONE = 1,          /**< PDU complete and good */
	MCM_AAL5_ERR_CRC = -1,      /**< CRC-32 mismatch */
	MCM_AAL5_ERR_LEN = -2,      /**< Length field does not fit the number of cells received */
	MCM_AAL5_ERR_OVERSIZE = -3, /**< PDU larger than the buffer / maximum SDU: dropped */
	MCM_AAL5_ERR_ABORT = -4,    /**< Length field 0: abort PDU */
	MCM_AAL5_ERR_CPI = -5,      /**< CPI not 0 */
	MCM_AAL5_COMPLETE = 2,      /**< reassembly (check deferred): all cells in, not checked */
};

/** A short text for a status, for logs and tests. */
const char *mcm_aal5_status_str(enum mcm_aal5_status st);

/** AAL5 CRC-32 over @p len bytes, continuing from @p crc (0 to start): ISA-L crc32_ieee. */
uint32_t mcm_aal5_crc(uint32_t crc, const void *buf, size_t len);

/** Cells needed for an SDU of @p sdu_len bytes. */
static inline uint32_t
mcm_aal5_ncells(uint32_t sdu_len)
{
	return (sdu_len + MCM_AAL5_TRAILER_LEN + MCM_ATM_CELL_PAYLOAD - 1) / MCM_ATM_CELL_PAYLOAD;
}

/** Length of the CPCS-PDU (SDU + pad + trailer) for an SDU of @p sdu_len bytes. */
static inline uint32_t
mcm_aal5_pdu_len(uint32_t sdu_len)
{
	return mcm_aal5_ncells(sdu_len) * MCM_ATM_CELL_PAYLOAD;
}

/**
 * Complete a CPCS-PDU in place: @p pdu holds the SDU in its first @p sdu_len bytes and has
 * room for mcm_aal5_pdu_len(sdu_len); writes the pad and the trailer. @p sdu_len 0 makes
 * the abort PDU (Length 0, I.363.5).
 *
 * @return the PDU length.
 */
uint32_t mcm_aal5_pdu_finish(uint8_t *pdu, uint32_t sdu_len, uint8_t uu, uint8_t cpi);

/**
 * Check a complete CPCS-PDU (a multiple of 48 bytes) and find its SDU length.
 *
 * @return MCM_AAL5_DONE with *sdu_len (and *uu if not NULL) set, or an error status.
 */
enum mcm_aal5_status mcm_aal5_pdu_check(const uint8_t *pdu, uint32_t pdu_len,
					uint32_t *sdu_len, uint8_t *uu);

/** Most PDUs one call of mcm_aal5_pdu_finish_n() or mcm_aal5_pdu_check_n() takes. */
#define MCM_AAL5_BATCH 32

/**
 * mcm_aal5_pdu_finish() of @p n PDUs (UU and CPI 0), their CRCs computed together: the
 * PDUs of a burst are independent, so their CRC computations overlap.
 *
 * @param pdu the PDUs, each with its SDU first and room for its pad and trailer
 * @param sdu_len their SDU lengths
 * @param n how many, at most MCM_AAL5_BATCH
 */
void mcm_aal5_pdu_finish_n(uint8_t *const pdu[], const uint32_t sdu_len[], unsigned int n);

/**
 * mcm_aal5_pdu_check() of @p n PDUs, their CRCs computed together.
 *
 * @param pdu the PDUs
 * @param pdu_len their lengths, each a non-zero multiple of 48 bytes
 * @param st their statuses (out)
 * @param sdu_len their SDU lengths where st is MCM_AAL5_DONE (out)
 * @param n how many, at most MCM_AAL5_BATCH
 */
void mcm_aal5_pdu_check_n(const uint8_t *const pdu[], const uint32_t pdu_len[],
			  enum mcm_aal5_status st[], uint32_t sdu_len[], unsigned int n);

/** One piece of a gathered SDU. */
struct mcm_iov {
	const void *base;
	size_t len;
};

#define MCM_AAL5_SEG_MAX_IOV 8

/**
 * Segmentation state of one PDU whose SDU is gathered from up to MCM_AAL5_SEG_MAX_IOV
 * pieces. The pieces must stay valid until the last cell is emitted. Cells may be emitted
 * over several calls (a PDU can span several pseudowire frames).
 */
struct mcm_aal5_seg {
	struct mcm_iov iov[MCM_AAL5_SEG_MAX_IOV];
	uint8_t niov;
	uint8_t cur;            /**< current piece */
	size_t off;             /**< offset in the current piece */
	uint32_t sdu_len;
	uint32_t cells_left;    /**< cells still to emit; 0 when the PDU is done */
	uint32_t hdr_word;      /**< cell header word, AUU clear */
	uint8_t tail[2 * MCM_ATM_CELL_PAYLOAD]; /**< SDU end + pad + trailer of the last cells */
	uint32_t tail_len;      /**< bytes in tail (48 or 96) */
	uint32_t tail_start;    /**< PDU offset where tail begins */
};

/**
 * Start segmenting an SDU: computes the CRC over the pieces and prepares the trailer.
 * An SDU of 0 bytes gives a one-cell PDU with Length 0, which I.363.5 defines as the abort
 * PDU: the receiver drops it (MCM_AAL5_ERR_ABORT). Use that only to abort on purpose.
 *
 * @return 0, or -1 if the SDU is larger than MCM_AAL5_MAX_SDU or @p niov is 0 or too many.
 */
int mcm_aal5_seg_init(struct mcm_aal5_seg *s, const struct mcm_iov *iov, unsigned int niov,
		      uint32_t hdr_word, uint8_t uu, uint8_t cpi);

/**
 * Start segmenting a PDU already completed in place by mcm_aal5_pdu_finish(): @p pdu holds
 * mcm_aal5_pdu_len(@p sdu_len) contiguous bytes, pad and trailer included. No CRC is
 * computed here: this is the cheap path for an SDU that is contiguous and has the room
 * after it for its pad and trailer.
 *
 * @return 0, or -1 if @p sdu_len is larger than MCM_AAL5_MAX_SDU.
 */
int mcm_aal5_seg_init_pdu(struct mcm_aal5_seg *s, const uint8_t *pdu, uint32_t sdu_len,
			  uint32_t hdr_word);

/**
 * Emit up to @p max_cells cells (MCM_ATM_CELL_LEN bytes each: header, then 48 bytes) to
 * @p out.
 *
 * @return the number of cells written; s->cells_left tells what remains.
 */
uint32_t mcm_aal5_seg_emit(struct mcm_aal5_seg *s, uint8_t *out, uint32_t max_cells);

/**
 * Emit up to @p max_blocks 48-byte blocks of the CPCS-PDU, back to back with no cell
 * header, to @p out: the payloads the cells would carry, as AAL5 PDU frame mode sends them
 * (RFC 4717 10). The header word given to init is not used.
 *
 * @return the number of blocks written; s->cells_left tells what remains.
 */
uint32_t mcm_aal5_seg_emit_blocks(struct mcm_aal5_seg *s, uint8_t *out, uint32_t max_blocks);

/**
 * Cells of a contiguous CPCS-PDU (one completed in place by mcm_aal5_pdu_finish_n()) to
 * @p out: @p n cells from @p blocks on, each the header word and 48 bytes. The cheap path
 * of segmentation (no state, no pieces); mcm_aal5_seg_emit() does the same for any SDU.
 *
 * @param out
 *   Room for @p n cells (MCM_ATM_CELL_LEN bytes each).
 * @param blocks
 *   The PDU's bytes from the first cell to write.
 * @param n
 *   Cells to write.
 * @param hdr_word
 *   Cell header word (host order); its AUU bit is taken from @p last.
 * @param last
 *   The last of the @p n cells is the PDU's last: its AUU bit is set (I.361 table 3).
 */
static inline void
mcm_aal5_cells_put(uint8_t *out, const uint8_t *blocks, uint32_t n, uint32_t hdr_word,
		   bool last)
{
	uint8_t hdr[MCM_ATM_CELL_HDR_LEN];
	uint32_t i;

	mcm_atm_cell_hdr_put(hdr, hdr_word & ~((uint32_t)MCM_ATM_PTI_AUU << 1));
	for (i = 0; i < n; i++) {
		memcpy(out, hdr, MCM_ATM_CELL_HDR_LEN);
		memcpy(out + MCM_ATM_CELL_HDR_LEN, blocks, MCM_ATM_CELL_PAYLOAD);
		out += MCM_ATM_CELL_LEN;
		blocks += MCM_ATM_CELL_PAYLOAD;
	}
	if (last && n > 0)
		out[-MCM_ATM_CELL_LEN + 3] |= MCM_ATM_PTI_AUU << 1;
}

/**
 * Reassembly state of one VC. The caller owns the buffer (for example an mbuf's data
 * room) and may change it between PDUs; nothing is allocated here.
 */
struct mcm_aal5_reasm {
	uint8_t *buf;      /**< where the PDU is gathered (the caller's); NULL: cells are dropped */
	uint32_t cap;      /**< room in buf, bytes: the largest PDU accepted (at most 65568 used) */
	uint32_t len;      /**< bytes gathered so far */
	bool discard;      /**< oversize PDU: drop cells until its last cell */
	bool defer_check;  /**< the last cell gives MCM_AAL5_COMPLETE: the caller checks */
};

/** Reset to "no PDU open", forgetting any partial PDU; buf and cap are kept. */
void mcm_aal5_reasm_reset(struct mcm_aal5_reasm *r);

/**
 * Add one cell payload to the open PDU. @p r->buf must be set (with @p r->cap) before the
 * first cell of a PDU. On the last cell (@p last, the AUU bit) the PDU is checked: CRC-32
 * first, then abort (Length 0), CPI, and Length against the number of cells (pad 0..47).
 * A PDU whose last cell was lost merges with the next one and fails there (CRC, or
 * oversize); cells never end up in the wrong PDU for longer than that.
 *
 * With @p r->defer_check the last cell gives MCM_AAL5_COMPLETE and *sdu_len the PDU's
 * length instead: the caller checks it (mcm_aal5_pdu_check_n(), several PDUs at once).
 *
 * @return MCM_AAL5_MORE; MCM_AAL5_DONE with *sdu_len set (the SDU is at r->buf); or an
 *   error status. After DONE or an error on the last cell the state is reset (r->buf is
 *   left as it was so the caller can reuse or release it). MCM_AAL5_ERR_OVERSIZE is
 *   returned once, on the cell that overflows; the cells up to the last cell of that PDU
 *   are then dropped (MCM_AAL5_MORE).
 */
enum mcm_aal5_status mcm_aal5_reasm_cell(struct mcm_aal5_reasm *r, const uint8_t *payload,
					 bool last, uint32_t *sdu_len);

/**
 * Add @p n cell payloads of one VC to the open PDU, as @p n calls of mcm_aal5_reasm_cell()
 * would, the last of them with @p last: a run of cells, as a PW frame carries them (N:1
 * cells, one VC's cells in a row) or as a PDU frame mode PW frame does (48-byte blocks).
 * While the PDU has room the cells before the last are copied in one loop: no call and no
 * check a cell.
 *
 * @param r the reassembly state, as for mcm_aal5_reasm_cell()
 * @param payload the first cell's 48-byte payload
 * @param stride bytes from one payload to the next (52: cells with their headers; 48)
 * @param n cells in the run, at least 1
 * @param last whether the run's final cell is the PDU's last (AUU)
 * @param sdu_len as for mcm_aal5_reasm_cell(), set by the final cell
 * @return what mcm_aal5_reasm_cell() returns for the one cell of the run that does not give
 *   MCM_AAL5_MORE (there is at most one: an error drops the PDU up to its last cell, and the
 *   run ends with the PDU's last cell), else MCM_AAL5_MORE
 */
enum mcm_aal5_status mcm_aal5_reasm_cells(struct mcm_aal5_reasm *r, const uint8_t *payload,
					  size_t stride, uint32_t n, bool last,
					  uint32_t *sdu_len);

#ifdef __cplusplus
}
#endif

#endif /* MCM_AAL5_H */
