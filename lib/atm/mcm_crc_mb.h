/* SPDX-License-Identifier: BSD-3-Clause
 * AAL5 CRC-32 (I.363.5 9.2.2.4) registers of many independent buffers in one call.
 *
 * A burst of short PDUs (96 bytes for a 64-byte frame) makes one CRC per PDU a chain of
 * dependent 16-byte folds whose carry-less multiplications wait on each other. Here the
 * PDUs of a burst are folded together, one lane per PDU, so that the multiplications of
 * one lane run while another's wait: throughput, not latency. With PCLMULQDQ (x86-64,
 * chosen at run time); else, and for long buffers, ISA-L crc32_ieee per buffer.
 */
#ifndef MCM_CRC_MB_H
#define MCM_CRC_MB_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Most buffers one call takes. */
#define MCM_CRC_MB_MAX 32

/**
 * The register over a good AAL5 CPCS-PDU, its CRC field included (the CRC-32 residue,
 * x^32 * (all ones) mod P with P = 0x104C11DB7): what mcm_crc_mb_regs() gives for every
 * PDU whose CRC field is right, whatever its contents and length.
 */
#define MCM_CRC_MB_AAL5_RESIDUE 0xc704dd7bu

/**
 * The raw CRC-32 registers of @p n independent buffers: the AAL5 CRC (I.363.5: generator
 * 0x04C11DB7, MSB first, register preset to all ones) after the last byte, BEFORE the final
 * inversion, i.e. reg[i] == ~crc32_ieee(0, buf[i], len[i]) with ISA-L. Every len[i] is a
 * multiple of 16 (0 allowed: reg = 0xffffffff); buffers may have any alignment.
 *
 * @param buf
 *   The @p n buffers; buf[i] is read for len[i] bytes (may be NULL when len[i] is 0).
 * @param len
 *   Their lengths in bytes, each a multiple of 16.
 * @param reg
 *   Out: the @p n registers.
 * @param n
 *   Number of buffers, up to MCM_CRC_MB_MAX for one batch (more are done
 *   MCM_CRC_MB_MAX at a time); 0 does nothing.
 */
void mcm_crc_mb_regs(const uint8_t *const buf[], const uint32_t len[], uint32_t reg[],
		     unsigned int n);

/**
 * The implementation in use.
 *
 * @return
 *   "vpclmul" (AVX-512 VPCLMULQDQ, four lanes per register: the default where the CPU
 *   has it), "pclmul" (SSE PCLMULQDQ, only through mcm_crc_mb_force_impl())
 *   or "portable" (ISA-L per buffer).
 */
const char *mcm_crc_mb_impl(void);

/**
 * For tests and benchmarks: force the portable implementation (true) or the best (false,
 * the default). Not thread-safe: call it while no other thread computes.
 *
 * @param on
 *   true: portable (ISA-L per buffer); false: the best this CPU supports.
 */
void mcm_crc_mb_force_portable(bool on);

/**
 * For tests and benchmarks: use the implementation named @p name if this CPU supports it;
 * mcm_crc_mb_force_portable(false) goes back to the best. Not thread-safe, as above.
 *
 * @param name
 *   "vpclmul", "pclmul" or "portable".
 * @return
 *   0, or -1 if the CPU (or this build) lacks it: nothing changed.
 */
int mcm_crc_mb_force_impl(const char *name);

#ifdef __cplusplus
}
#endif

#endif /* MCM_CRC_MB_H */
