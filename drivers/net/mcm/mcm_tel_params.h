/* SPDX-License-Identifier: BSD-3-Clause
 * The parameter grammar of net_mcm's telemetry commands (doc/telemetry.md): which parameter
 * strings a reply may quote, their split into comma-separated arguments, and the values an
 * argument holds (VPI/VCI, decimal numbers, hex octets, an AESA, the bhli=/blli= options).
 * No EAL, no port: mcm_telemetry.c runs the commands, test/fuzz/fuzz_telemetry.c fuzzes this.
 */
#ifndef MCM_TEL_PARAMS_H
#define MCM_TEL_PARAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Arguments a command takes at most: capture_start's PORT, FILE, 8 VCs and count=N. */
#define MCM_TEL_MAX_ARGS (3 + 8)
/** Octets of an AESA (ATM End System Address), as RTE_PMD_MCM_AESA_LEN. */
#define MCM_TEL_AESA_LEN 20
/** Octets of a B-HLI (Q.2931 4.5.8: high layer information, at most 8). */
#define MCM_TEL_BHLI_MAX 8

/** A parameter string split at its commas. */
struct mcm_tel_args {
	char buf[1024];                  /**< a capture FILE (255) and 8 VCs, room to spare */
	char *argv[MCM_TEL_MAX_ARGS];    /**< into buf; only the first MCM_TEL_MAX_ARGS */
	int argc;                        /**< every argument, kept or not: too many is seen */
};

/**
 * Register a telemetry command whose help text fits: DPDK refuses, with nothing but a return
 * code, a help of 128 characters or more (telemetry.c MAX_HELP_LEN), and the command would
 * be missing.
 */
#define MCM_TEL_REGISTER(cmd, fn, help) do { \
	_Static_assert(sizeof(help) <= 128, "telemetry help of " cmd " too long"); \
	rte_telemetry_register_cmd(cmd, fn, help); \
} while (0)

/** What mcm_tel_parse_option() found. */
enum mcm_tel_opt {
	MCM_TEL_OPT_BAD_PROTO = -3, /**< proto= not ipv4, ipv6 or an EtherType 0x0600..0xffff */
	MCM_TEL_OPT_BAD_BLLI = -2,  /**< blli= with a value other than those of mcm_tel_blli */
	MCM_TEL_OPT_BAD_BHLI = -1,  /**< bhli= without 1..8 octets of hex */
	MCM_TEL_OPT_OTHER = 0,      /**< none of bhli=, blli=, proto=: the caller's to parse */
	MCM_TEL_OPT_TAKEN = 1,      /**< bhli=, blli= or proto=, stored */
};

/** B-LLI choices of blli= (the value mcm_tel_parse_blli() returns), numbered as the
 * encapsulations they ask for (enum mcm_encap, so enum rte_pmd_mcm_encap). */
enum mcm_tel_blli {
	MCM_TEL_BLLI_LLC = 0,
	MCM_TEL_BLLI_VCMUX = 1,
	MCM_TEL_BLLI_LLC_ROUTED = 2,
	MCM_TEL_BLLI_VCMUX_ROUTED = 3,
	MCM_TEL_BLLI_NONE = 4,
};

/** The options call_make and sap_add share. */
struct mcm_tel_call_opts {
	uint8_t bhli[MCM_TEL_BHLI_MAX];  /**< bhli=: Q.2931 4.5.8 information */
	uint8_t bhli_len;                /**< 0: no bhli= */
	int blli;                        /**< blli=: an enum mcm_tel_blli; -1 not given */
	int n_alt;                       /**< blli=A+B[+C]: B-LLIs offered after the first */
	int alt[2];                      /**< their enum mcm_tel_blli (none of them "none") */
	uint16_t blli_proto[3];          /**< the protocol a vcmux-routed/P of blli= names,
					  *   first and alternatives in order; 0 none named */
	uint16_t proto;                  /**< proto=: an EtherType; 0 not given */
};

/**
 * Whether a reply may quote @p p: printable ASCII or well-formed UTF-8 (a file name), no
 * control character, and no '"' or '\', which DPDK 22.11's telemetry puts in its JSON
 * without escaping.
 * @param p  NUL-terminated parameter string
 * @return true if it may be quoted
 */
bool mcm_tel_params_ok(const char *p);

/**
 * Split @p params at its commas into @p a (empty arguments are skipped; the string is cut
 * to sizeof(a->buf) - 1 bytes at most, at a UTF-8 character boundary).
 * @param params  parameter string, or NULL (no argument)
 * @param a       filled in
 */
void mcm_tel_split(const char *params, struct mcm_tel_args *a);

/**
 * Parse "VPI/VCI", both decimal (VPI 0..4095, VCI 0..65535).
 * @param s    the argument, or NULL
 * @param vpi  set on success
 * @param vci  set on success
 * @return 0, or -1 if malformed or out of range
 */
int mcm_tel_parse_vc(const char *s, uint16_t *vpi, uint16_t *vci);

/**
 * Parse hex digits, an even number of them, into 1..@p max octets.
 * @param s    the digits
 * @param out  at least @p max octets
 * @param max  octets @p out holds
 * @return the number of octets, or -1
 */
int mcm_tel_parse_hex(const char *s, uint8_t *out, size_t max);

/**
 * Parse an AESA: exactly 40 hex digits (mcm-ctl strips the dots).
 * @param s    the argument
 * @param out  the 20 octets, written on success (and maybe on failure)
 * @return 0, or -1
 */
int mcm_tel_parse_aesa(const char *s, uint8_t out[MCM_TEL_AESA_LEN]);

/**
 * Parse a decimal number in @p min..@p max (no sign, no blank, leading zeros allowed).
 * @param s    the argument, or NULL
 * @param min  smallest value taken
 * @param max  largest value taken
 * @param v    set on success
 * @return 0, or -1
 */
int mcm_tel_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *v);

/**
 * mcm_tel_parse_u64() into 32 bits.
 * @param s    the argument, or NULL
 * @param min  smallest value taken
 * @param max  largest value taken
 * @param v    set on success
 * @return 0, or -1
 */
int mcm_tel_parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *v);

/**
 * Parse a B-LLI choice: llc, vcmux, llc-routed, vcmux-routed or none.
 * @param s  the value after "blli="
 * @return an enum mcm_tel_blli, or -1 if unknown
 */
int mcm_tel_parse_blli(const char *s);

/**
 * Parse a routed protocol: ipv4, ipv6, or an EtherType in hex, 0x0600..0xffff (IEEE 802.3
 * 3.2.6: below it is a length).
 * @param s  the value after "proto="
 * @return the EtherType, or -1
 */
int mcm_tel_parse_proto(const char *s);

/**
 * Take an option call_make and sap_add share: bhli=HEX (1..8 octets, Q.2931 4.5.8),
 * blli=llc|vcmux|llc-routed|vcmux-routed|none, or up to three of the first four joined by
 * '+' (offered in that order, Q.2931 Annex C; each once), and proto=ipv4|ipv6|0xHHHH
 * (VC-mux routed, RFC 2684 7). A vcmux-routed of blli= may name its own protocol,
 * vcmux-routed/ipv4|ipv6|0xHHHH, so that one list offers VC-mux routed for two protocols.
 * @param o     one argument
 * @param opts  set by the option taken (the others untouched)
 * @return an enum mcm_tel_opt
 */
int mcm_tel_parse_option(const char *o, struct mcm_tel_call_opts *opts);

/**
 * The text after the @p n-th comma of @p params: oid_set's VALUE, which may hold commas.
 * @param params  parameter string, or NULL
 * @param n       commas to skip
 * @return a pointer into @p params, or "" if it has fewer commas
 */
const char *mcm_tel_rest(const char *params, int n);

/**
 * The longest prefix of @p s of at most @p max bytes that ends at a UTF-8 character
 * boundary: where to cut a string for a reply (DPDK 22.11 telemetry keeps 127 bytes of a
 * reply string); a plain byte cut can split a character and leave a reply no JSON decoder
 * takes (RFC 3629 4).
 * @param s    NUL-terminated string
 * @param max  bytes the prefix may have
 * @return its length: strlen(s) if that is at most @p max
 */
size_t mcm_tel_utf8_prefix(const char *s, size_t max);

/**
 * Octets as lower-case hex digits, cut to what @p len holds (always NUL-terminated).
 * @param b    octets
 * @param n    their number
 * @param out  the string
 * @param len  size of @p out
 */
void mcm_tel_hex(const uint8_t *b, size_t n, char *out, size_t len);

#endif /* MCM_TEL_PARAMS_H */
