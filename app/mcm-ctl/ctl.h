/* SPDX-License-Identifier: BSD-3-Clause
 * mcm-ctl internals: argument parsing, the telemetry socket client, command execution and the
 * human-readable printers. The executable is mcm_ctl.c; the rest is a static library so that
 * test/ctl can exercise each part on its own.
 */
#ifndef MCM_CTL_H
#define MCM_CTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <signal.h>

#include <jansson.h>

/* Exit status of mcm-ctl (documented in doc/mcm-ctl.1). */
#define CTL_EXIT_OK 0
/** The application answered but refused or could not do the command. */
#define CTL_EXIT_FAIL 1
/** Bad arguments, checked locally: nothing was sent. */
#define CTL_EXIT_USAGE 2
/** No application reached, timeout, or a reply that is not valid telemetry JSON. */
#define CTL_EXIT_CONN 3

/** Size of every error buffer: one line, what main() prints after "mcm-ctl: ". */
#define CTL_ERR_LEN 320

/* RFC 4717 N-to-one cell header: 12-bit VPI, 16-bit VCI. */
#define CTL_VPI_MAX 4095
#define CTL_VCI_MAX 65535
/** Most VCs of a hash binding (the driver's MCM_MAX_VCS). */
#define CTL_HASH_MAX 1048576
/** VCIs 0..31 are pre-assigned or reserved (ITU-T I.361 (1991) 2.2.1): the driver's own. */
#define CTL_VCI_RESERVED_MAX 31

#define CTL_DEFAULT_PREFIX "rte"
#define CTL_DEFAULT_TIMEOUT 5.0
/**
 * Reply timeout of call make when --timeout is not given: a SETUP may wait up to 2 x T303
 * (4 s each, Q.2931 5.1.1) and then T310 (10 s, Q.2931 5.1.6) before it is cleared.
 */
#define CTL_CALL_TIMEOUT 40.0
/** Longest port argument accepted (DPDK's RTE_ETH_NAME_MAX_LEN is 64 with the NUL). */
#define CTL_PORT_MAX_LEN 63

/** An AESA is 20 octets (ATM Forum UNI 4.0 / ITU-T X.213 NSAP format): 40 hex digits. */
#define CTL_AESA_DIGITS 40
/** High layer information of the B-HLI IE: 1..8 octets (Q.2931 4.5.8). */
#define CTL_BHLI_MAX 8
/** Peak cell rate: a 24-bit field of the ATM traffic descriptor IE (Q.2931 4.5.6). */
#define CTL_PCR_MAX 16777215
/** Maximum CPCS-SDU size: a 16-bit field of the AAL parameters IE (Q.2931 4.5.5). */
#define CTL_SDU_MAX 65535
/** Cause value: 7 bits of the cause IE (Q.2931 4.5.15, Q.2610); 0 is not a cause. */
#define CTL_CAUSE_MAX 127
/** Largest call or SAP ID accepted (a positive JSON integer of the driver). */
#define CTL_ID_MAX 2147483647
/** VCs one capture start may name (/mcm/capture_start). */
#define CTL_CAPTURE_MAX_VCS 8
/** Longest absolute capture file name: it and the rest fit one 1023-byte request. */
#define CTL_FILE_MAX 800
/** Longest OID name accepted. */
#define CTL_OID_NAME_MAX 63

/** oam ping defaults and limits: loopbacks, ms between two, ms to wait for each reply. */
#define CTL_PING_COUNT 5
#define CTL_PING_INTERVAL_MS 1000
#define CTL_PING_TIMEOUT_MS 2000
#define CTL_PING_COUNT_MAX 1000000
#define CTL_PING_INTERVAL_MAX 3600000
/** As the driver's RTE_PMD_MCM_OAM_TIMEOUT_MAX. */
#define CTL_PING_TIMEOUT_MAX 60000

/** Global options, from ctl_parse_opts(). */
struct ctl_opts {
	const char *prefix;  /**< EAL --file-prefix of the application, default "rte" */
	const char *port;    /**< -p value, NULL: every port (status) or the first one */
	bool json;           /**< --json: print the reply object */
	bool help;           /**< -h/--help */
	bool version;        /**< --version */
	double timeout;      /**< seconds for connect, greeting and each reply */
	bool timeout_given;  /**< -t/--timeout was given (it then overrides CTL_CALL_TIMEOUT) */
	int argc;            /**< command words left after the options */
	char **argv;
};

/** Commands understood by this mcm-ctl. */
enum ctl_cmd_id {
	CTL_CMD_STATUS,
	CTL_CMD_VC_LIST,
	CTL_CMD_VC_SHOW,
	CTL_CMD_PVC_ADD,
	CTL_CMD_PVC_DEL,
	CTL_CMD_BIND_DEFAULT,
	CTL_CMD_BIND_MAC,
	CTL_CMD_BIND_LIST,
	CTL_CMD_CALL_MAKE,
	CTL_CMD_CALL_LIST,
	CTL_CMD_CALL_RELEASE,
	CTL_CMD_SAP_ADD,
	CTL_CMD_SAP_LIST,
	CTL_CMD_SAP_DEL,
	CTL_CMD_OID_GET,
	CTL_CMD_OID_SET,
	CTL_CMD_OID_LIST,
	CTL_CMD_CAPTURE_START,
	CTL_CMD_CAPTURE_STOP,
	CTL_CMD_BIND_HASH,
	CTL_CMD_OAM_PING,
	CTL_CMD_OAM_CC,
};

/** A VC named on the command line. */
struct ctl_vc {
	uint16_t vpi;
	uint16_t vci;
};

/** A parsed and locally validated command. */
struct ctl_cmd {
	enum ctl_cmd_id id;
	uint16_t vpi;
	uint16_t vci;
	uint8_t mac[6];
	const char *encap; /**< "llc", "vcmux", "llc-routed", "vcmux-routed" or NULL (the
			    *   port's default) */
	uint32_t pw_label; /**< pvc add: AAL5 SDU or PDU mode PW label, 0: cell mode */
	bool pw_pdu;       /**< pvc add: pw_label is a PDU mode VC's (pdu-label) */
	/** call make, sap add: 40 lower-case hex digits without dots, or "any" (sap add) */
	char addr[CTL_AESA_DIGITS + 1];
	uint32_t pcr;      /**< call make: cells/s, 0 when not given */
	uint32_t bwd_pcr;  /**< call make: backward cells/s, 0 when not given (pcr both ways) */
	uint32_t sdu;      /**< call make: bytes, 0 when not given */
	char bhli[2 * CTL_BHLI_MAX + 1]; /**< lower-case hex, "" when not given */
	const char *blli;  /**< "llc", "vcmux", "llc-routed", "vcmux-routed", "none" or NULL
			    *   when not given */
	const char *proto; /**< "ipv4", "ipv6", "0xHHHH" (blli vcmux-routed) or NULL */
	uint32_t ref;      /**< call or SAP ID; 0 when a call is named by VPI/VCI */
	bool has_vc;       /**< call release, oid get: vpi/vci hold a VC */
	uint8_t cause;     /**< call release: cause to clear with, 0 when not given */
	const char *name;  /**< oid get/set: the OID name */
	const char *value; /**< oid set: the value, sent as given */
	char file[CTL_FILE_MAX + 1]; /**< capture start: absolute file name */
	int n_vcs;         /**< capture start: VCs given, 0 = all (signalling included) */
	struct ctl_vc vcs[CTL_CAPTURE_MAX_VCS];
	uint32_t count;    /**< capture start: records to write at most, 0 when not given;
			     *   bind hash: how many VCs, 0 for off */
	/* oam ping: has_vc set for F5 on vpi/vci, else F4 on vpi */
	uint32_t ping_count;       /**< loopbacks to send */
	uint32_t ping_interval_ms; /**< from the start of one to the start of the next */
	uint32_t ping_timeout_ms;  /**< how long each waits for its reply */
	bool ping_segment;         /**< segment flow (F5 PTI 4, F4 VCI 3), else end-to-end */
	const char *onoff; /**< oam cc: "on", "off", or NULL to ask */
};

/**
 * Parse the global options (getopt_long; options may also follow the command words).
 *
 * @return CTL_EXIT_OK, or CTL_EXIT_USAGE with err filled.
 */
int ctl_parse_opts(int argc, char **argv, struct ctl_opts *o, char *err, size_t len);

/**
 * Parse the command words left by ctl_parse_opts() and check their values locally.
 *
 * @return CTL_EXIT_OK, or CTL_EXIT_USAGE with err filled (unknown command, wrong arguments,
 *   bad VPI/VCI, reserved VCI, bad MAC, bad encapsulation).
 */
int ctl_parse_cmd(int argc, char **argv, struct ctl_cmd *c, char *err, size_t len);

/**
 * Parse "VPI/VCI" (decimal, VPI 0..4095, VCI 0..65535).
 *
 * @return 0, or -1 with err filled.
 */
int ctl_parse_vc(const char *s, uint16_t *vpi, uint16_t *vci, char *err, size_t len);

/**
 * Refuse the VCIs a client may not name (0..31, the driver's).
 *
 * @return 0, or -1 with err saying why.
 */
int ctl_check_client_vc(uint16_t vpi, uint16_t vci, char *err, size_t len);

/**
 * Parse a MAC address: six hex octets separated by ':' or '-'.
 *
 * @return 0, or -1 with err filled.
 */
int ctl_parse_mac(const char *s, uint8_t mac[6], char *err, size_t len);

/**
 * Check a -p value: an ethdev port id or name, sent as the first telemetry parameter, so it
 * may not contain ',' (the parameter separator) or blanks.
 *
 * @return 0, or -1 with err filled.
 */
int ctl_check_port(const char *s, char *err, size_t len);

/**
 * Parse an ATM end system address (AESA): exactly 40 hex digits, dots allowed anywhere
 * (e.g. 47.0005.80ffe1000000f21a3322.0020481a3322.00).
 *
 * @param s    the text typed.
 * @param hex  the 40 digits in lower case, NUL terminated.
 * @param err  error buffer.
 * @param len  its size.
 * @return 0, or -1 with err filled.
 */
int ctl_parse_aesa(const char *s, char hex[CTL_AESA_DIGITS + 1], char *err, size_t len);

/**
 * Parse the high layer information of a B-HLI IE: 1..8 octets as 2..16 hex digits.
 *
 * @param s    the text typed.
 * @param hex  the digits in lower case, NUL terminated.
 * @param err  error buffer.
 * @param len  its size.
 * @return 0, or -1 with err filled.
 */
int ctl_parse_bhli(const char *s, char hex[2 * CTL_BHLI_MAX + 1], char *err, size_t len);

/**
 * Parse a decimal number in min..max (digits only, no sign or blanks).
 *
 * @param what  name of the value for the message, e.g. "pcr".
 * @param s     the text typed.
 * @param min   smallest value accepted.
 * @param max   largest value accepted (at most UINT32_MAX).
 * @param hint  what follows the range in the message: unit, source, e.g. "cells/s".
 * @param out   the value.
 * @param err   error buffer.
 * @param len   its size.
 * @return 0, or -1 with err filled.
 */
int ctl_parse_num(const char *what, const char *s, uint32_t min, uint32_t max,
		  const char *hint, uint32_t *out, char *err, size_t len);

/**
 * Parse the peak cell rates of call make: FWD or FWD/BWD, each 1..CTL_PCR_MAX cells/s.
 *
 * @param s    the text typed.
 * @param fwd  the forward rate (what the calling side sends at).
 * @param bwd  the backward rate, 0 when only FWD is given (the same both ways).
 * @param err  error buffer.
 * @param len  its size.
 * @return 0, or -1 with err filled.
 */
int ctl_parse_pcr(const char *s, uint32_t *fwd, uint32_t *bwd, char *err, size_t len);

/**
 * Make a capture file name absolute: realpath() of its directory, then its last component,
 * since the application may run in another directory. The directory must exist.
 *
 * @param s    the file name typed (non-empty, no ',' or control characters).
 * @param out  the absolute name.
 * @param olen size of @p out (the name must also fit CTL_FILE_MAX).
 * @param err  error buffer.
 * @param len  its size.
 * @return 0, or -1 with err filled.
 */
int ctl_abs_file(const char *s, char *out, size_t olen, char *err, size_t len);

/**
 * The command words of a command id, e.g. "call make".
 *
 * @param id  a command id.
 * @return a static string, "?" for an unknown id.
 */
const char *ctl_cmd_words(enum ctl_cmd_id id);

/**
 * Name of a cause value of Q.2610 (Q.850) as Q.2931 / UNI 4.0 use it.
 *
 * @param cause  the cause value, 1..127.
 * @return a static string, or NULL for a value not in the table.
 */
const char *ctl_cause_name(long long cause);

/**
 * Format "cause N (NAME)", or "cause N" for a value without a name.
 *
 * @param cause  the cause value.
 * @param buf    output buffer.
 * @param len    its size.
 */
void ctl_fmt_cause(long long cause, char *buf, size_t len);

/**
 * The error line of a failed call make: "call to ADDR: cleared, cause N (NAME)" when the
 * error reply carries a cause, else "call to ADDR: " and the reply's error text.
 *
 * @param v     the error reply (an object with "error").
 * @param addr  the called address as sent (40 hex digits).
 * @param err   error buffer, filled.
 * @param len   its size.
 * @return CTL_EXIT_FAIL.
 */
int ctl_call_error(const json_t *v, const char *addr, char *err, size_t len);

/** Write the usage text. */
void ctl_usage(FILE *f);

/** A connection to a DPDK telemetry v2 socket. */
struct ctl_tel {
	int fd;
	size_t max_len;        /**< max_output_len from the greeting */
	double timeout;        /**< seconds */
	char prefix[128];
	char path[256];
	/** When set and *stop non-zero, a wait a signal interrupts ends (oam ping's SIGINT) */
	const volatile sig_atomic_t *stop;
};

/**
 * Path of the telemetry socket of the application with EAL file prefix @p prefix:
 * <runtime dir>/dpdk/<prefix>/dpdk_telemetry.v2, where the runtime dir is /var/run for root,
 * else $XDG_RUNTIME_DIR, else /tmp (as DPDK's EAL chooses it).
 *
 * @return 0, or -1 if the path does not fit.
 */
int ctl_tel_sock_path(const char *prefix, char *buf, size_t len);

/**
 * ctl_tel_sock_path() for a given user kind and $XDG_RUNTIME_DIR (NULL: unset).
 *
 * @return 0, or -1 if the path does not fit @p len or a unix socket address.
 */
int ctl_tel_path_for(bool root, const char *xdg, const char *prefix, char *buf, size_t len);

/**
 * Connect and read the greeting.
 *
 * @return CTL_EXIT_OK, or CTL_EXIT_CONN with err filled.
 */
int ctl_tel_open(struct ctl_tel *t, const char *prefix, double timeout, char *err, size_t len);

/**
 * Send "cmd[,params]" and read one reply.
 *
 * @param value  on success the reply value (the object's member named @p cmd), a new
 *               reference, possibly json null.
 * @return CTL_EXIT_OK, or CTL_EXIT_CONN with err filled (timeout, closed, truncated,
 *   invalid JSON, reply for another command).
 */
int ctl_tel_request(struct ctl_tel *t, const char *cmd, const char *params, json_t **value,
		    char *err, size_t len);

/** Close the connection (idempotent). */
void ctl_tel_close(struct ctl_tel *t);

/**
 * Classify a reply value: null (command unknown to the application), an error object, or
 * something else than an object.
 *
 * @return CTL_EXIT_OK for an ordinary object; CTL_EXIT_FAIL (null, error reply) or
 *   CTL_EXIT_CONN (not an object) with err filled.
 */
int ctl_reply_check(const json_t *v, const char *cmd, const char *prefix, char *err,
		    size_t len);

/**
 * Run a parsed command against the application of o->prefix, printing to @p out.
 *
 * @return an exit status, err filled when it is not CTL_EXIT_OK.
 */
int ctl_run(const struct ctl_opts *o, const struct ctl_cmd *c, FILE *out, char *err,
	    size_t len);

/*
 * Printers of human output. Each takes the reply value of its command and returns 0, or -1
 * with err filled when the reply lacks what it must hold.
 */
/** One "key: value" line per member, keys padded to one column (any object). */
int ctl_print_kv(FILE *f, const json_t *obj, char *err, size_t len);
/** /mcm/status of one port: ctl_print_kv(). */
int ctl_print_status(FILE *f, const json_t *status, char *err, size_t len);
/** /mcm/vc_list (pages merged): a table sorted by VPI, then VCI. */
int ctl_print_vc_list(FILE *f, const json_t *list, char *err, size_t len);
/** /mcm/vc_show: ctl_print_kv(). */
int ctl_print_vc_show(FILE *f, const json_t *vc, char *err, size_t len);
/** /mcm/pvc_add: "pvc VPI/VCI STATE, encap ENCAP". */
int ctl_print_pvc_add(FILE *f, const json_t *r, char *err, size_t len);
/** /mcm/pvc_del: "pvc VPI/VCI deleted". */
int ctl_print_pvc_del(FILE *f, const json_t *r, char *err, size_t len);
/** /mcm/bind_hash: "flows hashed over N VCs from VPI/VCI" or "no hash binding". */
int ctl_print_bind_hash(FILE *f, const json_t *r, char *err, size_t len);
/** /mcm/bind_default: "default vc VPI/VCI". */
int ctl_print_bind_default(FILE *f, const json_t *r, char *err, size_t len);
/** /mcm/oam_cc: "vc VPI/VCI continuity check on|off". */
int ctl_print_oam_cc(FILE *f, const json_t *r, char *err, size_t len);
/** /mcm/bind_mac: "mac MAC vc VPI/VCI". */
int ctl_print_bind_mac(FILE *f, const json_t *r, char *err, size_t len);
/** /mcm/bind_list: a DESTINATION / VPI/VCI table, the default VC first. */
int ctl_print_bind_list(FILE *f, const json_t *r, char *err, size_t len);
/** /mcm/call_make: "call ID connected: VC VPI/VCI to ADDR". */
int ctl_print_call_make(FILE *f, const json_t *r, char *err, size_t len);
/** /mcm/call_list: a table sorted by call ID. */
int ctl_print_call_list(FILE *f, const json_t *r, char *err, size_t len);
/** /mcm/call_release: "call ID released: VC VPI/VCI, cause N (NAME)". */
int ctl_print_call_release(FILE *f, const json_t *r, char *err, size_t len);
/** /mcm/sap_add: "sap ID registered for ADDR". */
int ctl_print_sap_add(FILE *f, const json_t *r, char *err, size_t len);
/** /mcm/sap_list: a table sorted by SAP ID. */
int ctl_print_sap_list(FILE *f, const json_t *r, char *err, size_t len);
/** /mcm/sap_del: "sap ID deleted". */
int ctl_print_sap_del(FILE *f, const json_t *r, char *err, size_t len);
/** /mcm/oid_get: "NAME = VALUE" or "NAME on VC VPI/VCI = VALUE". */
int ctl_print_oid_get(FILE *f, const json_t *r, char *err, size_t len);
/** /mcm/oid_set: "NAME set to VALUE". */
int ctl_print_oid_set(FILE *f, const json_t *r, char *err, size_t len);
/** /mcm/oid_list: a NAME / ID / SCOPE / ACCESS / TYPE table sorted by name. */
int ctl_print_oid_list(FILE *f, const json_t *r, char *err, size_t len);
/** /mcm/capture_start: "capturing VCS to FILE". */
int ctl_print_capture_start(FILE *f, const json_t *r, char *err, size_t len);
/** /mcm/capture_stop: "capture FILE stopped: N records, N bytes, N dropped". */
int ctl_print_capture_stop(FILE *f, const json_t *r, char *err, size_t len);
/**
 * Parse the words after "oam ping": VPI/VCI (F5) or VPI (F4), then count N, interval MS,
 * timeout MS and segment|end, each at most once, in any order.
 *
 * @param args   the words after "oam ping" (at least one).
 * @param nargs  their number.
 * @param c      filled (defaults for what is not given).
 * @param err    error buffer.
 * @param len    its size.
 * @return 0, or -1 with err filled.
 */
int ctl_parse_oam_ping(char **args, int nargs, struct ctl_cmd *c, char *err, size_t len);

/**
 * Run oam ping: one /mcm/oam_ping request per loopback, a line per result, the summary
 * (or one JSON document with --json). SIGINT stops it; the summary is still printed.
 *
 * @param t     an open connection.
 * @param o     global options.
 * @param c     the parsed command.
 * @param port  the port parameter.
 * @param out   output.
 * @param err   error buffer.
 * @param len   its size.
 * @return CTL_EXIT_OK if any reply came, CTL_EXIT_FAIL if none (err says so) or the
 *   application refused, CTL_EXIT_CONN.
 */
int ctl_run_oam_ping(struct ctl_tel *t, const struct ctl_opts *o, const struct ctl_cmd *c,
		     const char *port, FILE *out, char *err, size_t len);

/**
 * One line of oam ping: "reply from 0/100: seq=1 tag=0x... time=0.123 ms", "no reply from
 * ...", or "not sent to ...".
 *
 * @param f     output.
 * @param run   the run (its "vpi", "vci", "flow", "timeout_ms").
 * @param ping  one record of its "pings".
 * @param err   error buffer.
 * @param len   its size.
 * @return 0, or -1 with err filled.
 */
int ctl_print_ping_line(FILE *f, const json_t *run, const json_t *ping, char *err, size_t len);

/**
 * The summary of oam ping: sent, received, loss and time, then min/avg/max RTT when a reply
 * came.
 *
 * @param f    output.
 * @param run  the run with its totals.
 * @param err  error buffer.
 * @param len  its size.
 * @return 0, or -1 with err filled.
 */
int ctl_print_ping_summary(FILE *f, const json_t *run, char *err, size_t len);

/** Pretty-print any JSON value (--json). */
int ctl_print_json(FILE *f, const json_t *v);

#endif /* MCM_CTL_H */
