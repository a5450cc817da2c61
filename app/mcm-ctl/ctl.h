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
/** VCIs 0..31 are pre-assigned or reserved (ITU-T I.361 (1991) 2.2.1): the driver's own. */
#define CTL_VCI_RESERVED_MAX 31

#define CTL_DEFAULT_PREFIX "rte"
#define CTL_DEFAULT_TIMEOUT 5.0
/** Longest port argument accepted (DPDK's RTE_ETH_NAME_MAX_LEN is 64 with the NUL). */
#define CTL_PORT_MAX_LEN 63

/** Global options, from ctl_parse_opts(). */
struct ctl_opts {
	const char *prefix;  /**< EAL --file-prefix of the application, default "rte" */
	const char *port;    /**< -p value, NULL: every port (status) or the first one */
	bool json;           /**< --json: print the reply object */
	bool help;           /**< -h/--help */
	bool version;        /**< --version */
	double timeout;      /**< seconds for connect, greeting and each reply */
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
};

/** A parsed and locally validated command. */
struct ctl_cmd {
	enum ctl_cmd_id id;
	uint16_t vpi;
	uint16_t vci;
	uint8_t mac[6];
	const char *encap; /**< "llc", "vcmux" or NULL (the port's default) */
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

/** Write the usage text. */
void ctl_usage(FILE *f);

/** A connection to a DPDK telemetry v2 socket. */
struct ctl_tel {
	int fd;
	size_t max_len;        /**< max_output_len from the greeting */
	double timeout;        /**< seconds */
	char prefix[128];
	char path[256];
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
/** /mcm/bind_default: "default vc VPI/VCI". */
int ctl_print_bind_default(FILE *f, const json_t *r, char *err, size_t len);
/** /mcm/bind_mac: "mac MAC vc VPI/VCI". */
int ctl_print_bind_mac(FILE *f, const json_t *r, char *err, size_t len);
/** /mcm/bind_list: a DESTINATION / VPI/VCI table, the default VC first. */
int ctl_print_bind_list(FILE *f, const json_t *r, char *err, size_t len);
/** Pretty-print any JSON value (--json). */
int ctl_print_json(FILE *f, const json_t *v);

#endif /* MCM_CTL_H */
