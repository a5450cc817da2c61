/* SPDX-License-Identifier: BSD-3-Clause
 * RFC 2684 encapsulation headers: LLC/SNAP and VC-multiplexed, bridged Ethernet (no FCS; with
 * it, on LLC, received) and routed.
 */
#include <string.h>

#include <isa-l/crc.h>

#include "mcm_rfc2684.h"

/* The headers themselves: mcm_rfc2684.h (inline, one a frame on the data path). */

static const char *const encap_names[] = {
	[MCM_ENCAP_LLC_BRIDGED] = "llc",
	[MCM_ENCAP_VCMUX_BRIDGED] = "vcmux",
	[MCM_ENCAP_LLC_ROUTED] = "llc-routed",
	[MCM_ENCAP_VCMUX_ROUTED] = "vcmux-routed",
};

const char *
mcm_encap_name(enum mcm_encap e)
{
	if ((unsigned int)e >= sizeof(encap_names) / sizeof(encap_names[0]))
		return "unknown";
	return encap_names[e];
}

int
mcm_encap_parse(const char *name, enum mcm_encap *e)
{
	unsigned int i;

	if (name == NULL)
		return -1;
	for (i = 0; i < sizeof(encap_names) / sizeof(encap_names[0]); i++) {
		if (strcmp(name, encap_names[i]) == 0) {
			if (e != NULL)
				*e = (enum mcm_encap)i;
			return 0;
		}
	}
	return -1;
}

size_t
mcm_rfc2684_hdr_len(enum mcm_encap e)
{
	switch (e) {
	case MCM_ENCAP_LLC_BRIDGED:
		return 10;      /* LLC 3 + OUI 3 + PID 2 + pad 2 */
	case MCM_ENCAP_VCMUX_BRIDGED:
		return 2;       /* pad 2 (RFC 2684 6.2) */
	case MCM_ENCAP_LLC_ROUTED:
		return 8;       /* LLC 3 + OUI 3 + EtherType 2 */
	case MCM_ENCAP_VCMUX_ROUTED:
		return 0;
	}
	return 0;
}

int
mcm_rfc2684_llc_fcs_frame(const uint8_t *sdu, size_t len)
{
	static const uint8_t llc_fcs[8] = { 0xaa, 0xaa, 0x03, 0x00, 0x80, 0xc2, 0x00, 0x01 };
	const uint8_t *fcs;
	size_t n;
	uint32_t crc;

	if (sdu == NULL || len < 10 + MCM_RFC2684_FCS_LEN || memcmp(sdu, llc_fcs, 8) != 0)
		return -1;
	n = len - 10 - MCM_RFC2684_FCS_LEN;
	if (n > INT32_MAX)
		return -1;
	/* IEEE 802.3 3.2.9: the CRC-32 of the frame, complemented, least significant bit of
	 * each octet first: what crc32_gzip_refl() gives, in the FCS's four octets low first
	 */
	crc = crc32_gzip_refl(0, sdu + 10, (uint64_t)n);
	fcs = sdu + 10 + n;
	if (((uint32_t)fcs[0] | (uint32_t)fcs[1] << 8 | (uint32_t)fcs[2] << 16 |
	     (uint32_t)fcs[3] << 24) != crc)
		return -1;
	return (int)n;
}
