/* SPDX-License-Identifier: BSD-3-Clause
 * An independent AAL5 CRC-32 for tests: bit by bit, the way I.363.5 9.2.2.4 describes it
 * (generator 0x04C11DB7, MSB first, register preset to all ones), nothing shared with the
 * code under test; and the Ethernet FCS, the same CRC taken the other way round.
 */
#ifndef MCM_CRC_REF_H
#define MCM_CRC_REF_H

#include <stddef.h>
#include <stdint.h>

/* The register after @p len bytes at @p p, before the final inversion (the CRC field of a
 * PDU is its inverse).
 */
static inline uint32_t
mcm_test_crc32_reg(const uint8_t *p, size_t len)
{
	uint32_t crc = 0xffffffff;
	size_t i;
	int b;

	for (i = 0; i < len; i++) {
		crc ^= (uint32_t)p[i] << 24;
		for (b = 0; b < 8; b++)
			crc = (crc & 0x80000000u) ? (crc << 1) ^ 0x04c11db7u : crc << 1;
	}
	return crc;
}

/* The LAN FCS of @p len bytes at @p p as IEEE 802.3 3.2.9 defines it (the same generator,
 * bits taken least significant first, preset to all ones, complemented); sent least
 * significant octet first.
 */
static inline uint32_t
mcm_test_fcs(const uint8_t *p, size_t len)
{
	uint32_t c = 0xffffffffu;
	size_t i;
	int b;

	for (i = 0; i < len; i++) {
		c ^= p[i];
		for (b = 0; b < 8; b++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
	}
	return ~c;
}

#endif /* MCM_CRC_REF_H */
