/* SPDX-License-Identifier: BSD-3-Clause
 * RFC 2684 encapsulation headers: LLC/SNAP and VC-multiplexed, bridged Ethernet (no FCS)
 * and routed.
 */
#include <string.h>

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
