/* SPDX-License-Identifier: BSD-3-Clause
 * The header of a PW frame as a test's peer sends it to an mcm port (RFC 4717 over
 * Ethernet, RFC 4385 control word), for the tests and fuzz targets that feed frames in.
 */
#ifndef MCM_TEST_PW_H
#define MCM_TEST_PW_H

#include <stdint.h>
#include <string.h>

/** Bytes test_pw_header() writes: Ethernet, one label, the control word. */
#define TEST_PW_HDR_LEN 22

/* To broadcast (as mcm sends until it knows its peer) from the peer 02:00:00:00:00:42,
 * EtherType MPLS unicast, label @p label with S set and TTL 255, then the control word @p cw.
 */
static inline void
test_pw_header(uint8_t *p, uint32_t label, uint32_t cw)
{
	uint32_t lse = label << 12 | 0x100 | 0xff;
	int i;

	memset(p, 0xff, 6);
	memset(p + 6, 0, 6);
	p[6] = 0x02;
	p[11] = 0x42;
	p[12] = 0x88;
	p[13] = 0x47;
	for (i = 0; i < 4; i++) {
		p[14 + i] = (uint8_t)(lse >> (24 - 8 * i));
		p[18 + i] = (uint8_t)(cw >> (24 - 8 * i));
	}
}

#endif /* MCM_TEST_PW_H */
