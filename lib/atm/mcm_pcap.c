/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>

#include "mcm_pcap.h"

static void
put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v)); /* pcap headers are in the writer's byte order */
}

void
mcm_pcap_file_header(uint8_t *out, uint32_t snaplen, uint32_t linktype)
{
	uint16_t major = 2, minor = 4;

	put32(out, 0xa1b2c3d4u);
	memcpy(out + 4, &major, 2);
	memcpy(out + 6, &minor, 2);
	put32(out + 8, 0);  /* thiszone */
	put32(out + 12, 0); /* sigfigs */
	put32(out + 16, snaplen);
	put32(out + 20, linktype);
}

void
mcm_pcap_sunatm_record(uint8_t *out, uint64_t ts_ns, uint32_t sdu_len, bool dir_bit,
		       enum mcm_sunatm_type type, uint8_t vpi, uint16_t vci)
{
	uint32_t len = sdu_len + MCM_SUNATM_HDR_LEN;

	put32(out, (uint32_t)(ts_ns / 1000000000u));
	put32(out + 4, (uint32_t)(ts_ns % 1000000000u / 1000u));
	put32(out + 8, len);
	put32(out + 12, len);
	out[16] = (uint8_t)((dir_bit ? MCM_SUNATM_DIR_BIT : 0) | ((unsigned int)type & 0x0f));
	out[17] = vpi;
	out[18] = (uint8_t)(vci >> 8);
	out[19] = (uint8_t)vci;
}
