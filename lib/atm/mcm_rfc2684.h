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

/**
 * Write the encapsulation header for a PDU to @p hdr (MCM_RFC2684_MAX_HDR bytes of room).
 * @p ethertype (host order) is used by LLC routed only.
 *
 * @return header length.
 */
size_t mcm_rfc2684_hdr_put(uint8_t *hdr, enum mcm_encap e, uint16_t ethertype);

/**
 * Check the header of a received SDU.
 *
 * @return the header length to strip (0..10) and, for LLC routed, *ethertype (host order,
 *   may be NULL); or -1 if the SDU is too short or the header is not that encapsulation's
 *   (for LLC bridged, also the PID 00-01 "with FCS" form is refused: we do not keep FCS).
 */
int mcm_rfc2684_hdr_check(const uint8_t *sdu, size_t len, enum mcm_encap e,
			  uint16_t *ethertype);

#ifdef __cplusplus
}
#endif

#endif /* MCM_RFC2684_H */
