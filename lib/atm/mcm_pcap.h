/* SPDX-License-Identifier: BSD-3-Clause
 * pcap framing for captures of ATM traffic with link type SunATM (123).
 *
 * Pure encoders (no I/O): they fill headers into a caller's buffer, and the caller writes
 * them wherever it keeps the capture. A record is: 16-byte pcap record header, 4-byte
 * SunATM pseudo header (flags, VPI, VCI big-endian), then the AAL5 SDU without trailer.
 * Files are written in host byte order with the classic microsecond magic 0xa1b2c3d4.
 */
#ifndef MCM_PCAP_H
#define MCM_PCAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MCM_PCAP_LINKTYPE_SUNATM 123
#define MCM_PCAP_FILE_HDR_LEN 24
#define MCM_PCAP_REC_HDR_LEN 16
#define MCM_SUNATM_HDR_LEN 4
/** Record header plus SunATM pseudo header: what precedes the SDU of every record. */
#define MCM_PCAP_SUNATM_PREFIX_LEN (MCM_PCAP_REC_HDR_LEN + MCM_SUNATM_HDR_LEN)

/** SunATM traffic types (low nibble of the flags byte), as libpcap and Wireshark read them. */
enum mcm_sunatm_type {
	MCM_SUNATM_UNKNOWN = 0,
	MCM_SUNATM_LANE = 1,
	MCM_SUNATM_LLC = 2,   /**< RFC 2684 LLC-multiplexed */
	MCM_SUNATM_ILMI = 5,
	MCM_SUNATM_QSAAL = 6, /**< SSCOP / Q.2931 signalling */
};

/** Direction bit of the SunATM flags byte. */
#define MCM_SUNATM_DIR_BIT 0x80

/**
 * Fill the 24-byte pcap file header.
 *
 * @param out       MCM_PCAP_FILE_HDR_LEN bytes.
 * @param snaplen   largest record length the file will hold.
 * @param linktype  link type, MCM_PCAP_LINKTYPE_SUNATM for ATM captures.
 */
void mcm_pcap_file_header(uint8_t *out, uint32_t snaplen, uint32_t linktype);

/**
 * Fill the record header and SunATM pseudo header that precede one SDU.
 *
 * @param out        MCM_PCAP_SUNATM_PREFIX_LEN bytes.
 * @param ts_ns      time stamp, nanoseconds since the epoch.
 * @param sdu_len    length of the SDU that follows (captured whole).
 * @param dir_bit    true sets the direction bit (0x80) of the flags.
 * @param type       traffic type, enum mcm_sunatm_type.
 * @param vpi        VPI (the pseudo header holds 8 bits).
 * @param vci        VCI.
 */
void mcm_pcap_sunatm_record(uint8_t *out, uint64_t ts_ns, uint32_t sdu_len, bool dir_bit,
			    enum mcm_sunatm_type type, uint8_t vpi, uint16_t vci);

#ifdef __cplusplus
}
#endif

#endif /* MCM_PCAP_H */
