/* SPDX-License-Identifier: BSD-3-Clause
 * RFC 2684 encapsulation headers: LLC/SNAP and VC-multiplexed, bridged Ethernet (no FCS)
 * and routed.
 */
#include <string.h>

#include "mcm_rfc2684.h"

/* RFC 2684 4.1: LLC AA-AA-03 announces a SNAP header (OUI 3 octets, PID 2 octets) */
static const uint8_t llc_snap[3] = { 0xaa, 0xaa, 0x03 };
/* RFC 2684 5.2: OUI 00-80-C2 (IEEE 802.1), PID 00-07 Ethernet without preserved FCS */
static const uint8_t oui_bridged[3] = { 0x00, 0x80, 0xc2 };
#define PID_ETH_NO_FCS 0x0007
/* RFC 2684 5.1: OUI 00-00-00, then the EtherType of the routed PDU */
static const uint8_t oui_routed[3] = { 0x00, 0x00, 0x00 };

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

size_t
mcm_rfc2684_hdr_put(uint8_t *hdr, enum mcm_encap e, uint16_t ethertype)
{
	switch (e) {
	case MCM_ENCAP_LLC_BRIDGED:
		memcpy(hdr, llc_snap, 3);
		memcpy(hdr + 3, oui_bridged, 3);
		hdr[6] = (uint8_t)(PID_ETH_NO_FCS >> 8);
		hdr[7] = (uint8_t)PID_ETH_NO_FCS;
		/* RFC 2684 5.2: the pad aligns the Ethernet payload; sent as zero */
		hdr[8] = 0;
		hdr[9] = 0;
		return 10;
	case MCM_ENCAP_VCMUX_BRIDGED:
		hdr[0] = 0;
		hdr[1] = 0;
		return 2;
	case MCM_ENCAP_LLC_ROUTED:
		memcpy(hdr, llc_snap, 3);
		memcpy(hdr + 3, oui_routed, 3);
		hdr[6] = (uint8_t)(ethertype >> 8);
		hdr[7] = (uint8_t)ethertype;
		return 8;
	case MCM_ENCAP_VCMUX_ROUTED:
		return 0;
	}
	return 0;
}

int
mcm_rfc2684_hdr_check(const uint8_t *sdu, size_t len, enum mcm_encap e, uint16_t *ethertype)
{
	switch (e) {
	case MCM_ENCAP_LLC_BRIDGED:
		if (len < 10 || memcmp(sdu, llc_snap, 3) != 0 ||
		    memcmp(sdu + 3, oui_bridged, 3) != 0)
			return -1;
		/* PID 00-01 (with FCS) and any other bridged medium are not ours */
		if ((((uint16_t)sdu[6] << 8) | sdu[7]) != PID_ETH_NO_FCS)
			return -1;
		/* the pad is not checked: it carries no information (Postel) */
		return 10;
	case MCM_ENCAP_VCMUX_BRIDGED:
		if (len < 2)
			return -1;
		return 2;
	case MCM_ENCAP_LLC_ROUTED:
		if (len < 8 || memcmp(sdu, llc_snap, 3) != 0 ||
		    memcmp(sdu + 3, oui_routed, 3) != 0)
			return -1;
		if (ethertype != NULL)
			*ethertype = (uint16_t)(((uint16_t)sdu[6] << 8) | sdu[7]);
		return 8;
	case MCM_ENCAP_VCMUX_ROUTED:
		return 0;
	}
	return -1;
}
