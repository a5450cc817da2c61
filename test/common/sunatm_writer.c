/* SPDX-License-Identifier: BSD-3-Clause */
#include "sunatm_writer.h"

FILE *
sunatm_open(const char *path)
{
	uint8_t hdr[MCM_PCAP_FILE_HDR_LEN];
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		return NULL;
	mcm_pcap_file_header(hdr, 65535, MCM_PCAP_LINKTYPE_SUNATM);
	if (fwrite(hdr, sizeof(hdr), 1, f) != 1) {
		fclose(f);
		return NULL;
	}
	return f;
}

int
sunatm_write(FILE *f, enum mcm_sunatm_type type, bool dir_bit, uint8_t vpi, uint16_t vci,
	     const void *sdu, size_t len)
{
	static uint64_t ts_ns = 1700000000000000000ULL;
	uint8_t pre[MCM_PCAP_SUNATM_PREFIX_LEN];

	ts_ns += 1000000; /* 1 ms apart, so records keep their order in any reader */
	mcm_pcap_sunatm_record(pre, ts_ns, (uint32_t)len, dir_bit, type, vpi, vci);
	if (fwrite(pre, sizeof(pre), 1, f) != 1)
		return -1;
	if (len > 0 && fwrite(sdu, len, 1, f) != 1)
		return -1;
	return 0;
}

int
sunatm_close(FILE *f)
{
	return fclose(f) == 0 ? 0 : -1;
}
