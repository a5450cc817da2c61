/* SPDX-License-Identifier: BSD-3-Clause
 * RFC 2684 multiprotocol encapsulation over AAL5.
 *
 * Bridged Ethernet without FCS:
 *   LLC:    AA-AA-03 00-80-C2 00-07 | pad 00-00 | Ethernet frame      (RFC 2684 5.2)
 *   VC-mux:                           pad 00-00 | Ethernet frame      (RFC 2684 6.2)
 * Routed (raw-SDU clients):
 *   LLC:    AA-AA-03 00-00-00 | EtherType (2) | PDU                    (RFC 2684 5.1)
 *   VC-mux: PDU                                                        (RFC 2684 6.1)
 */
#ifndef MCM_RFC2684_H
#define MCM_RFC2684_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

enum mcm_encap {
	MCM_ENCAP_LLC_BRIDGED = 0,   /**< default on data VCs */
	MCM_ENCAP_VCMUX_BRIDGED = 1,
	MCM_ENCAP_LLC_ROUTED = 2,
	MCM_ENCAP_VCMUX_ROUTED = 3,
};

#define MCM_RFC2684_MAX_HDR 10

/** Encapsulation name ("llc", "vcmux", "llc-routed", "vcmux-routed"). */
const char *mcm_encap_name(enum mcm_encap e);
/** Parse a name as above; 0 and *e set, or -1. */
int mcm_encap_parse(const char *name, enum mcm_encap *e);

/** Header length of an encapsulation: 10, 2, 8 or 0. */
size_t mcm_rfc2684_hdr_len(enum mcm_encap e);

/* RFC 2684 4.1: LLC AA-AA-03 announces a SNAP header (OUI 3 octets, PID 2 octets); 5.2:
 * OUI 00-80-C2 (IEEE 802.1), PID 00-07 (Ethernet without its preserved FCS), then the 2-byte
 * pad; 5.1: OUI 00-00-00, then the EtherType of the routed PDU.
 */
#define MCM_RFC2684_LLC_BRIDGED { 0xaa, 0xaa, 0x03, 0x00, 0x80, 0xc2, 0x00, 0x07, 0x00, 0x00 }
#define MCM_RFC2684_LLC_ROUTED { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00 }

/**
 * Write the encapsulation header for a PDU to @p hdr (MCM_RFC2684_MAX_HDR bytes of room).
 * Inline: the data path writes one a frame (constant copies, no call).
 *
 * @param hdr where the header goes
 * @param e the encapsulation
 * @param ethertype (host order) used by LLC routed only
 * @return header length.
 */
static inline size_t
mcm_rfc2684_hdr_put(uint8_t *hdr, enum mcm_encap e, uint16_t ethertype)
{
	static const uint8_t llc_bridged[10] = MCM_RFC2684_LLC_BRIDGED;
	static const uint8_t llc_routed[6] = MCM_RFC2684_LLC_ROUTED;

	switch (e) {
	case MCM_ENCAP_LLC_BRIDGED:
		/* the pad aligns the Ethernet payload; sent as zero */
		memcpy(hdr, llc_bridged, sizeof(llc_bridged));
		return 10;
	case MCM_ENCAP_VCMUX_BRIDGED:
		hdr[0] = 0;     /* pad 2 (RFC 2684 6.2) */
		hdr[1] = 0;
		return 2;
	case MCM_ENCAP_LLC_ROUTED:
		memcpy(hdr, llc_routed, sizeof(llc_routed));
		hdr[6] = (uint8_t)(ethertype >> 8);
		hdr[7] = (uint8_t)ethertype;
		return 8;
	case MCM_ENCAP_VCMUX_ROUTED:
		return 0;
	}
	return 0;
}

/**
 * Check the header of a received SDU. Inline: the data path checks one a frame.
 *
 * @param sdu the SDU
 * @param len its length
 * @param e the VC's encapsulation
 * @param ethertype for LLC routed, set to the EtherType (host order); may be NULL
 * @return the header length to strip (0..10); or -1 if the SDU is too short or the header
 *   is not that encapsulation's (for LLC bridged, also the PID 00-01 "with FCS" form is
 *   refused: we do not keep FCS; the pad is not checked: it carries no information)
 */
static inline int
mcm_rfc2684_hdr_check(const uint8_t *sdu, size_t len, enum mcm_encap e, uint16_t *ethertype)
{
	static const uint8_t llc_bridged[10] = MCM_RFC2684_LLC_BRIDGED;
	static const uint8_t llc_routed[6] = MCM_RFC2684_LLC_ROUTED;

	switch (e) {
	case MCM_ENCAP_LLC_BRIDGED:
		/* LLC, OUI and PID at once; any other bridged medium is not ours */
		if (len < 10 || memcmp(sdu, llc_bridged, 8) != 0)
			return -1;
		return 10;
	case MCM_ENCAP_VCMUX_BRIDGED:
		return len < 2 ? -1 : 2;
	case MCM_ENCAP_LLC_ROUTED:
		if (len < 8 || memcmp(sdu, llc_routed, sizeof(llc_routed)) != 0)
			return -1;
		if (ethertype != NULL)
			*ethertype = (uint16_t)(((uint16_t)sdu[6] << 8) | sdu[7]);
		return 8;
	case MCM_ENCAP_VCMUX_ROUTED:
		return 0;
	}
	return -1;
}

/* RFC 2684 5.2: the PID of bridged Ethernet/802.3 *with* its LAN FCS preserved */
#define MCM_RFC2684_PID_ETH_FCS 0x0001
#define MCM_RFC2684_FCS_LEN 4

/**
 * Whether an SDU of an LLC-encapsulated VC is a bridged Ethernet frame with its LAN FCS
 * preserved (RFC 2684 5.2: AA-AA-03 00-80-C2 00-01, the 2-byte pad, the frame, its FCS)
 * and the FCS is right (IEEE 802.3 CRC-32 over the frame, sent least significant byte
 * first). LLC multiplexes by PID, so such frames may come on a VC that sends PID 00-07
 * (mcm_rfc2684_hdr_check takes those only). Not inline: it is off the data path's usual
 * way (a frame that mcm_rfc2684_hdr_check refused).
 *
 * @param sdu the SDU
 * @param len its length
 * @return the frame's length between the 10-byte header and the FCS, or -1 if the SDU is
 *   not of that form, too short to hold a header and an FCS, or the FCS is wrong
 */
int mcm_rfc2684_llc_fcs_frame(const uint8_t *sdu, size_t len);

/**
 * The length of the LLC header an SDU of an LLC-encapsulated VC starts with, whatever PDU it
 * announces: a VC of LLC encapsulation may carry routed and bridged PDUs at once (RFC 2684 5),
 * and a raw-SDU client reads or writes the header itself. Inline: the data path checks one a
 * frame.
 *
 * @param sdu the SDU
 * @param len its length
 * @return 8 for LLC AA-AA-03 and a SNAP header (OUI 3, PID 2: RFC 2684 4.1), 4 for LLC
 *   FE-FE-03 and an NLPID (RFC 2684 4.1, 5.1: routed ISO protocols); -1 for anything else or
 *   an SDU too short to hold the header
 */
static inline int
mcm_rfc2684_llc_len(const uint8_t *sdu, size_t len)
{
	if (len >= 8 && sdu[0] == 0xaa && sdu[1] == 0xaa && sdu[2] == 0x03)
		return 8;
	if (len >= 4 && sdu[0] == 0xfe && sdu[1] == 0xfe && sdu[2] == 0x03)
		return 4;
	return -1;
}

#ifdef __cplusplus
}
#endif

#endif /* MCM_RFC2684_H */
