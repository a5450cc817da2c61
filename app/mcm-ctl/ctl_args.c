/* SPDX-License-Identifier: BSD-3-Clause
 * mcm-ctl argument parsing: global options, command words, and the local checks of VPI/VCI,
 * MAC, port, ATM address, BHLI, number and capture file values. Everything here runs before
 * any socket is opened, so a bad argument never reaches the application.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

void
ctl_usage(FILE *f)
{
	fputs("Usage: mcm-ctl [-f|--file-prefix P] [-p|--port ID|NAME] [--json]\n"
	      "               [-t|--timeout S] COMMAND\n"
	      "Control the mcm (ATM miniport call manager) ports of a running DPDK application\n"
	      "through its telemetry socket.\n"
	      "\n"
	      "Commands:\n"
	      "  status                            ports, role, link, SSCOP/UNI state, counts\n"
	      "  vc list                           client VCs: state, AAL, encap, counters\n"
	      "  vc show VPI/VCI                   one VC: contract and every counter\n"
	      "  pvc add VPI/VCI [encap ENCAP] [sdu-label N|pdu-label N]\n"
	      "                                    add and activate a PVC; ENCAP: llc, vcmux\n"
	      "                                    (bridged), llc-routed, vcmux-routed (raw\n"
	      "                                    SDUs); sdu-label/pdu-label: AAL5 SDU/PDU mode\n"
	      "                                    on a pseudowire of label N (RFC 4717)\n"
	      "  pvc del VPI/VCI                   deactivate and delete a PVC\n"
	      "  bind default VPI/VCI              VC for frames no other rule places\n"
	      "  bind mac MAC VPI/VCI              VC for frames to destination MAC\n"
	      "  bind hash VPI/VCI COUNT | off     flows spread over COUNT VCs from VPI/VCI\n"
	      "  bind list                         default VC, hash and MAC bindings\n"
	      "  call make ADDRESS [pcr N[/M]] [sdu N] [bhli HEX] [blli BLLI] [proto P]\n"
	      "                                    set up a call (SVC); prints its ID and VC;\n"
	      "                                    BLLI: llc, vcmux (bridged), llc-routed,\n"
	      "                                    vcmux-routed (raw SDUs of one protocol P:\n"
	      "                                    ipv4, ipv6, 0xHHHH; or vcmux-routed/P),\n"
	      "                                    none; up to three joined by + are offered\n"
	      "                                    in that order\n"
	      "  call list                         calls: state, VC, addresses, PCR, SAP\n"
	      "  call release ID|VPI/VCI [cause N] clear a call\n"
	      "  sap add ADDRESS|any [bhli HEX] [blli BLLI] [proto P]\n"
	      "                                    accept incoming calls to ADDRESS (BLLI,\n"
	      "                                    P: as call make; none: any B-LLI)\n"
	      "  sap list                          SAPs and their calls\n"
	      "  sap del ID                        delete a SAP (its calls stay up)\n"
	      "  oid get NAME [VPI/VCI]            query an OID of the port or of a VC\n"
	      "  oid set NAME VALUE                set an OID of the port\n"
	      "  oid list                          OIDs: id, scope, access, type\n"
	      "  capture start FILE [VPI/VCI ...] [count N]\n"
	      "                                    pcap (SunATM) of up to 8 VCs; none: all,\n"
	      "                                    signalling included; N records at most\n"
	      "  capture stop                      stop the capture, print its counts\n"
	      "  oam ping VPI/VCI|VPI [count N] [interval MS] [timeout MS] [segment|end]\n"
	      "                                    I.610 loopbacks on a VC (F5) or a VP (F4):\n"
	      "                                    a line per reply, then loss and min/avg/max\n"
	      "                                    RTT (5 loopbacks, 1000 ms apart, 2000 ms\n"
	      "                                    timeout, end-to-end); exit 0 if any reply\n"
	      "  oam cc VPI/VCI [on|off]           I.610 continuity check of a VC: turn it on\n"
	      "                                    or off, or show it\n"
	      "\n"
	      "Options:\n"
	      "  -f, --file-prefix P   EAL --file-prefix of the application (default rte)\n"
	      "  -p, --port ID|NAME    mcm port (ethdev id or name such as net_mcm0); default:\n"
	      "                        every mcm port for status, the first one otherwise\n"
	      "      --json            print the reply as JSON\n"
	      "  -t, --timeout S       seconds to wait for the application (default 5,\n"
	      "                        40 for the reply to call make)\n"
	      "  -h, --help            this text\n"
	      "      --version         print the version\n"
	      "\n"
	      "VPI 0..4095, VCI 0..65535; VCIs 0..31 are reserved for the driver.\n"
	      "ADDRESS: an AESA of 40 hex digits, dots allowed. pcr 1..16777215 cells/s,\n"
	      "N/M: N forward (sent), M backward (received); sdu 1..65535 bytes,\n"
	      "cause 1..127, bhli 1..8 octets in hex, ID 1..2147483647.\n"
	      "Exit status: 0 success, 1 command refused by the application, 2 bad arguments,\n"
	      "3 application not reached or invalid reply.\n", f);
}

/*
 * Parse digits only (no sign, blanks or trailing characters). Large values saturate above
 * 10^12, far beyond every range checked here, so a long number never wraps into a range.
 */
static int
parse_dec(const char *s, size_t n, unsigned long long *out)
{
	unsigned long long v = 0;
	size_t i;

	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (v <= 1000000000000ULL)
			v = v * 10 + (unsigned long long)(s[i] - '0');
	}
	*out = v;
	return 0;
}

int
ctl_parse_vc(const char *s, uint16_t *vpi, uint16_t *vci, char *err, size_t len)
{
	const char *slash = strchr(s, '/');
	unsigned long long a, b;
	int na;

	if (slash == NULL || parse_dec(s, (size_t)(slash - s), &a) != 0 ||
	    parse_dec(slash + 1, strlen(slash + 1), &b) != 0) {
		snprintf(err, len, "bad VC '%s': expected VPI/VCI in decimal, e.g. 0/100", s);
		return -1;
	}
	na = (int)(slash - s);
	/* RFC 4717 N-to-one cell mode carries the 12-bit NNI VPI and the 16-bit VCI. */
	if (a > CTL_VPI_MAX) {
		snprintf(err, len, "bad VC '%s': VPI %.*s out of range 0..%d", s, na, s,
			 CTL_VPI_MAX);
		return -1;
	}
	if (b > CTL_VCI_MAX) {
		snprintf(err, len, "bad VC '%s': VCI %s out of range 0..%d", s, slash + 1,
			 CTL_VCI_MAX);
		return -1;
	}
	*vpi = (uint16_t)a;
	*vci = (uint16_t)b;
	return 0;
}

int
ctl_check_client_vc(uint16_t vpi, uint16_t vci, char *err, size_t len)
{
	const char *why;

	if (vci > CTL_VCI_RESERVED_MAX)
		return 0;
	/* I.361 pre-assigned values; 5 and 16 by UNI 4.0 signalling and ILMI. */
	switch (vci) {
	case 0:
		why = "unassigned/idle cells";
		break;
	case 1:
		why = "meta-signalling";
		break;
	case 2:
		why = "broadcast signalling";
		break;
	case 3:
	case 4:
		why = "F4 OAM";
		break;
	case 5:
		why = "UNI signalling";
		break;
	case 6:
		why = "VP resource management";
		break;
	case 16:
		why = "ILMI";
		break;
	default:
		why = "reserved for future functions";
		break;
	}
	snprintf(err, len, "VC %u/%u: VCI %u is reserved (%s); VCIs 0..%d belong to the driver, "
		 "use %d or above", vpi, vci, vci, why, CTL_VCI_RESERVED_MAX,
		 CTL_VCI_RESERVED_MAX + 1);
	return -1;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int
ctl_parse_mac(const char *s, uint8_t mac[6], char *err, size_t len)
{
	char sep = 0;
	int i;

	if (strlen(s) != 17)
		goto bad;
	for (i = 0; i < 6; i++) {
		const char *p = s + 3 * i;
		int hi = hexval((unsigned char)p[0]);
		int lo = hexval((unsigned char)p[1]);

		if (hi < 0 || lo < 0)
			goto bad;
		if (i < 5) {
			if (p[2] != ':' && p[2] != '-')
				goto bad;
			if (sep == 0)
				sep = p[2];
			else if (p[2] != sep)
				goto bad;
		}
		mac[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
bad:
	snprintf(err, len, "bad MAC address '%s': expected six hex octets, e.g. "
		 "02:00:00:00:00:01", s);
	return -1;
}

int
ctl_check_port(const char *s, char *err, size_t len)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > CTL_PORT_MAX_LEN) {
		snprintf(err, len, "bad port '%s': give an ethdev port id or name of 1..%d "
			 "characters", s, CTL_PORT_MAX_LEN);
		return -1;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		/* ',' separates telemetry parameters; ethdev names are ASCII without blanks */
		if (c >= 0x80) {
			snprintf(err, len,
				 "bad port: a port id or name is ASCII, byte %zu is 0x%02x", i + 1,
				 c);
			return -1;
		}
		if (c == ',' || !isgraph(c)) {
			snprintf(err, len, "bad port '%s': a port id or name has no ',', blanks or "
				 "control characters", s);
			return -1;
		}
	}
	return 0;
}

static int
check_prefix(const char *s, char *err, size_t len)
{
	size_t n = strlen(s);

	/* say the reason that applies: the length first, then the characters */
	if (n == 0 || n > 100) {
		snprintf(err, len, "bad file prefix: %zu characters, give 1..100", n);
		return -1;
	}
	if (strchr(s, '/') != NULL || strcmp(s, ".") == 0 || strcmp(s, "..") == 0) {
		snprintf(err, len, "bad file prefix '%s': a name, not a path ('/', '.' or '..')",
			 s);
		return -1;
	}
	return 0;
}

enum { OPT_JSON = 256, OPT_VERSION };

int
ctl_parse_opts(int argc, char **argv, struct ctl_opts *o, char *err, size_t len)
{
	static const struct option longopts[] = {
		{ "file-prefix", required_argument, NULL, 'f' },
		{ "port", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->prefix = CTL_DEFAULT_PREFIX;
	o->timeout = CTL_DEFAULT_TIMEOUT;
	/* Reset getopt fully (GNU: optind 0), so that tests may parse several times. */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:p:t:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (check_prefix(optarg, err, len) != 0)
				return CTL_EXIT_USAGE;
			o->prefix = optarg;
			break;
		case 'p':
			if (ctl_check_port(optarg, err, len) != 0)
				return CTL_EXIT_USAGE;
			o->port = optarg;
			break;
		case 't': {
			char *end;
			double t = strtod(optarg, &end);

			if (end == optarg || *end != '\0' || !isfinite(t) || t <= 0 || t > 3600) {
				snprintf(err, len, "bad timeout '%s': seconds, more than 0 and at "
					 "most 3600", optarg);
				return CTL_EXIT_USAGE;
			}
			o->timeout = t;
			o->timeout_given = true;
			break;
		}
		case OPT_JSON:
			o->json = true;
			break;
		case 'h':
			o->help = true;
			break;
		case OPT_VERSION:
			o->version = true;
			break;
		case ':':
			snprintf(err, len, "option '%s' needs a value (see mcm-ctl --help)",
				 argv[optind - 1]);
			return CTL_EXIT_USAGE;
		default:
			/* glibc sets optopt for an unknown short option, 0 for a long one. */
			if (optopt > 0 && optopt < 256)
				snprintf(err, len, "unknown option '-%c' (see mcm-ctl --help)",
					 optopt);
			else
				snprintf(err, len, "unknown option '%s' (see mcm-ctl --help)",
					 argv[optind - 1]);
			return CTL_EXIT_USAGE;
		}
	}
	o->argc = argc - optind;
	o->argv = argv + optind;
	return CTL_EXIT_OK;
}

int
ctl_parse_num(const char *what, const char *s, uint32_t min, uint32_t max, const char *hint,
	      uint32_t *out, char *err, size_t len)
{
	unsigned long long v;

	if (parse_dec(s, strlen(s), &v) != 0 || v < min || v > max) {
		snprintf(err, len, "bad %s '%s': %" PRIu32 "..%" PRIu32 " %s", what, s, min, max,
			 hint);
		return -1;
	}
	*out = (uint32_t)v;
	return 0;
}

int
ctl_parse_pcr(const char *s, uint32_t *fwd, uint32_t *bwd, char *err, size_t len)
{
	/* the 24-bit peak cell rate fields of the ATM traffic descriptor, forward and
	 * backward (Q.2931 4.5.6)
	 */
	static const char hint[] = "cells/s (the 24-bit peak cell rate of the ATM traffic "
				   "descriptor, Q.2931 4.5.6)";
	const char *slash = strchr(s, '/');
	unsigned long long f, b;

	*bwd = 0;
	if (slash == NULL)
		return ctl_parse_num("pcr", s, 1, CTL_PCR_MAX, hint, fwd, err, len);
	if (parse_dec(s, (size_t)(slash - s), &f) != 0 || f < 1 || f > CTL_PCR_MAX ||
	    parse_dec(slash + 1, strlen(slash + 1), &b) != 0 || b < 1 || b > CTL_PCR_MAX) {
		snprintf(err, len, "bad pcr '%s': FORWARD/BACKWARD, each 1..%u %s", s,
			 (unsigned int)CTL_PCR_MAX, hint);
		return -1;
	}
	*fwd = (uint32_t)f;
	*bwd = (uint32_t)b;
	return 0;
}

int
ctl_parse_aesa(const char *s, char hex[CTL_AESA_DIGITS + 1], char *err, size_t len)
{
	size_t n = 0;
	const char *p;

	for (p = s; *p != '\0'; p++) {
		int d = hexval((unsigned char)*p);

		if (*p == '.')
			continue;
		if (d < 0) {
			snprintf(err, len, "bad ATM address '%s': '%c' is not a hex digit; an AESA "
				 "is 40 hex digits, dots allowed, e.g. "
				 "47.0005.80ffe1000000f21a3322.0020481a3322.00", s,
				 isprint((unsigned char)*p) ? *p : '?');
			return -1;
		}
		if (n < CTL_AESA_DIGITS)
			hex[n] = "0123456789abcdef"[d];
		n++;
	}
	/* An AESA is a 20-octet NSAP-format address (UNI 4.0 Annex A, ITU-T X.213). */
	if (n != CTL_AESA_DIGITS) {
		snprintf(err, len, "bad ATM address '%s': %zu hex digits; an AESA is exactly %d "
			 "hex digits, dots allowed, e.g. "
			 "47.0005.80ffe1000000f21a3322.0020481a3322.00", s, n, CTL_AESA_DIGITS);
		return -1;
	}
	hex[n] = '\0';
	return 0;
}

int
ctl_parse_bhli(const char *s, char hex[2 * CTL_BHLI_MAX + 1], char *err, size_t len)
{
	size_t n = strlen(s), i;

	/* High layer information: 1..8 octets (Q.2931 4.5.8, octets 6..13). */
	if (n < 2 || n > 2 * CTL_BHLI_MAX || n % 2 != 0)
		goto bad;
	for (i = 0; i < n; i++) {
		int d = hexval((unsigned char)s[i]);

		if (d < 0)
			goto bad;
		hex[i] = "0123456789abcdef"[d];
	}
	hex[n] = '\0';
	return 0;
bad:
	snprintf(err, len, "bad BHLI '%s': 1..%d octets as 2..%d hex digits, e.g. 0102030405",
		 s, CTL_BHLI_MAX, 2 * CTL_BHLI_MAX);
	return -1;
}

int
ctl_abs_file(const char *s, char *out, size_t olen, char *err, size_t len)
{
	const char *slash = strrchr(s, '/');
	const char *base = slash != NULL ? slash + 1 : s;
	char dir[PATH_MAX], *real;
	size_t i, n = strlen(s);
	int r;

	if (n == 0) {
		snprintf(err, len, "bad capture file '': give a file name");
		return -1;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		/* ',' separates telemetry parameters. */
		if (c == ',' || c < 0x20 || c == 0x7f) {
			snprintf(err, len, "bad capture file '%s': no ',' or control characters "
				 "allowed", s);
			return -1;
		}
	}
	if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		snprintf(err, len, "bad capture file '%s': names a directory, give a file name",
			 s);
		return -1;
	}
	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == s)
		snprintf(dir, sizeof(dir), "/");
	else if ((size_t)(slash - s) < sizeof(dir))
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - s), s);
	else
		goto too_long;
	real = realpath(dir, NULL);
	if (real == NULL) {
		snprintf(err, len, "bad capture file '%s': directory '%s': %s", s, dir,
			 strerror(errno));
		return -1;
	}
	r = snprintf(out, olen, "%s/%s", strcmp(real, "/") == 0 ? "" : real, base);
	free(real);
	if (r < 0 || (size_t)r >= olen || r > CTL_FILE_MAX)
		goto too_long;
	/* The real directory may hold what the typed name did not. */
	if (strchr(out, ',') != NULL) {
		snprintf(err, len, "bad capture file '%s': its directory %s has a ','", s, out);
		return -1;
	}
	return 0;
too_long:
	snprintf(err, len, "bad capture file '%.40s%s': the absolute name is longer than %d "
		 "characters", s, strlen(s) > 40 ? "..." : "", CTL_FILE_MAX);
	return -1;
}

/* The command table: words, argument counts and usage of every command. */
struct cmd_desc {
	const char *word;
	const char *sub;
	enum ctl_cmd_id id;
	int min_args;
	int max_args;
	const char *usage;
};

static const struct cmd_desc cmd_table[] = {
	{ "status", NULL, CTL_CMD_STATUS, 0, 0, "status" },
	{ "vc", "list", CTL_CMD_VC_LIST, 0, 0, "vc list" },
	{ "vc", "show", CTL_CMD_VC_SHOW, 1, 1, "vc show VPI/VCI" },
	{ "pvc", "add", CTL_CMD_PVC_ADD, 1, 5,
	  "pvc add VPI/VCI [encap ENCAP] [sdu-label N|pdu-label N]" },
	{ "pvc", "del", CTL_CMD_PVC_DEL, 1, 1, "pvc del VPI/VCI" },
	{ "bind", "default", CTL_CMD_BIND_DEFAULT, 1, 1, "bind default VPI/VCI" },
	{ "bind", "mac", CTL_CMD_BIND_MAC, 2, 2, "bind mac MAC VPI/VCI" },
	{ "bind", "hash", CTL_CMD_BIND_HASH, 1, 2, "bind hash VPI/VCI COUNT | bind hash off" },
	{ "bind", "list", CTL_CMD_BIND_LIST, 0, 0, "bind list" },
	{ "call", "make", CTL_CMD_CALL_MAKE, 1, 11,
	  "call make ADDRESS [pcr N[/M]] [sdu N] [bhli HEX] [blli BLLI] [proto P]" },
	{ "call", "list", CTL_CMD_CALL_LIST, 0, 0, "call list" },
	{ "call", "release", CTL_CMD_CALL_RELEASE, 1, 3, "call release ID|VPI/VCI [cause N]" },
	{ "sap", "add", CTL_CMD_SAP_ADD, 1, 7,
	  "sap add ADDRESS|any [bhli HEX] [blli BLLI] [proto P]" },
	{ "sap", "list", CTL_CMD_SAP_LIST, 0, 0, "sap list" },
	{ "sap", "del", CTL_CMD_SAP_DEL, 1, 1, "sap del ID" },
	{ "oid", "get", CTL_CMD_OID_GET, 1, 2, "oid get NAME [VPI/VCI]" },
	{ "oid", "set", CTL_CMD_OID_SET, 2, 2, "oid set NAME VALUE" },
	{ "oid", "list", CTL_CMD_OID_LIST, 0, 0, "oid list" },
	{ "capture", "start", CTL_CMD_CAPTURE_START, 1, 3 + CTL_CAPTURE_MAX_VCS,
	  "capture start FILE [VPI/VCI ...] [count N]" },
	{ "capture", "stop", CTL_CMD_CAPTURE_STOP, 0, 0, "capture stop" },
	{ "oam", "ping", CTL_CMD_OAM_PING, 1, 8,
	  "oam ping VPI/VCI|VPI [count N] [interval MS] [timeout MS] [segment|end]" },
	{ "oam", "cc", CTL_CMD_OAM_CC, 1, 2, "oam cc VPI/VCI [on|off]" },
};

#define DIM(a) (sizeof(a) / sizeof((a)[0]))

const char *
ctl_cmd_words(enum ctl_cmd_id id)
{
	static char words[DIM(cmd_table)][24];
	size_t i;

	for (i = 0; i < DIM(cmd_table); i++) {
		if (cmd_table[i].id != id)
			continue;
		if (words[i][0] == '\0')
			snprintf(words[i], sizeof(words[i]), "%s%s%s", cmd_table[i].word,
				 cmd_table[i].sub != NULL ? " " : "",
				 cmd_table[i].sub != NULL ? cmd_table[i].sub : "");
		return words[i];
	}
	return "?";
}

/* "use 'vc list' or 'vc show VPI/VCI'" for every command starting with @p word. */
static void
list_usages(const char *word, char *buf, size_t len)
{
	size_t used = 0, i;
	bool first = true;

	buf[0] = '\0';
	for (i = 0; i < DIM(cmd_table) && used < len; i++) {
		int n;

		if (strcmp(cmd_table[i].word, word) != 0)
			continue;
		n = snprintf(buf + used, len - used, "%s'%s'", first ? "" : " or ",
			     cmd_table[i].usage);
		if (n < 0)
			break;
		used += (size_t)n;
		first = false;
	}
}

static int
parse_client_vc(const char *s, struct ctl_cmd *c, bool client, char *err, size_t len)
{
	if (ctl_parse_vc(s, &c->vpi, &c->vci, err, len) != 0)
		return -1;
	if (client && ctl_check_client_vc(c->vpi, c->vci, err, len) != 0)
		return -1;
	return 0;
}

/* Keywords of call make and sap add, each at most once. */
enum { KW_PCR = 1, KW_SDU = 2, KW_BHLI = 4, KW_BLLI = 8, KW_PROTO = 16 };

/* B-LLI choices (RFC 2684 7), as the driver's blli= takes them */
static const char *const blli_names[] = {
	"llc", "vcmux", "llc-routed", "vcmux-routed", "none",
};

/* A routed protocol: ipv4, ipv6, or an EtherType 0x0600..0xffff in hex (IEEE 802.3 3.2.6:
 * below it is a length), @p n bytes at @p v; its EtherType in *type. @return 0, or -1
 */
static int
proto_value(const char *v, size_t n, unsigned long *type)
{
	size_t i;

	if (n == 4 && strncmp(v, "ipv4", 4) == 0) {
		*type = 0x0800;
		return 0;
	}
	if (n == 4 && strncmp(v, "ipv6", 4) == 0) {
		*type = 0x86dd;
		return 0;
	}
	for (i = 2; i < n && isxdigit((unsigned char)v[i]); i++)
		;
	if (n < 3 || n > 6 || v[0] != '0' || v[1] != 'x' || i != n)
		return -1;
	*type = strtoul(v + 2, NULL, 16);   /* ends at n: a hex digit or '+' follows */
	return *type >= 0x0600 ? 0 : -1;
}

/* B-LLI choices: one of blli_names (vcmux-routed may name its protocol: vcmux-routed/P), or
 * up to @p max of them but none joined by '+', each once. *named: whether one names its
 * protocol. @return 0, or -1 with @p err set
 */
static int
parse_blli(const char *v, unsigned int max, bool *named, char *err, size_t len)
{
	unsigned int got[3], n = 0, b, i;
	unsigned long proto[3];
	const char *s = v;

	*named = false;
	for (;;) {
		const char *end = strchr(s, '+');
		size_t l = end != NULL ? (size_t)(end - s) : strlen(s);
		const char *slash = memchr(s, '/', l);
		size_t name_len = slash != NULL ? (size_t)(slash - s) : l;

		for (b = 0; b < DIM(blli_names); b++)
			if (strlen(blli_names[b]) == name_len &&
			    strncmp(s, blli_names[b], name_len) == 0)
				break;
		if (b == DIM(blli_names) || n == max || n == DIM(got)) {
			if (b != DIM(blli_names) && max == 1)
				snprintf(err, len, "bad blli '%s': a SAP takes one B-LLI", v);
			else if (b != DIM(blli_names))
				snprintf(err, len, "bad blli '%s': at most three B-LLIs", v);
			else
				snprintf(err, len, "bad blli '%s': use llc, vcmux, llc-routed, "
					 "vcmux-routed[/P] or none%s", v, max > 1 ?
					 ", or up to three but none joined by +" : "");
			return -1;
		}
		/* vcmux-routed/P: the one protocol of that VC-mux routed B-LLI (RFC 2684 7) */
		proto[n] = 0;
		if (slash != NULL && strcmp(blli_names[b], "vcmux-routed") != 0) {
			snprintf(err, len, "bad blli '%s': only vcmux-routed names a protocol "
				 "(vcmux-routed/P)", v);
			return -1;
		}
		if (slash != NULL && proto_value(slash + 1, l - name_len - 1, &proto[n]) != 0) {
			snprintf(err, len, "bad blli '%s': the protocol of vcmux-routed/P is ipv4, "
				 "ipv6 or an EtherType 0x0600..0xffff", v);
			return -1;
		}
		*named = *named || slash != NULL;
		for (i = 0; i < n; i++)
			if ((got[i] == b && proto[i] == proto[n]) ||
			    (n > 0 && strcmp(blli_names[b], "none") == 0) ||
			    strcmp(blli_names[got[i]], "none") == 0) {
				snprintf(err, len, "bad blli '%s': each B-LLI once, none alone", v);
				return -1;
			}
		/* LLC and LLC routed send the same B-LLI: offered together, the same twice */
		for (i = 0; i < n; i++)
			if (strncmp(blli_names[got[i]], "llc", 3) == 0 &&
			    strncmp(blli_names[b], "llc", 3) == 0) {
				snprintf(err, len, "bad blli '%s': llc and llc-routed send the "
					 "same B-LLI (RFC 2684 7)", v);
				return -1;
			}
		got[n++] = b;
		if (end == NULL)
			return 0;
		s = end + 1;
	}
}

/* A routed protocol (proto_value). @return 0, or -1 with @p err set */
static int
parse_proto(const char *v, char *err, size_t len)
{
	unsigned long type;

	if (proto_value(v, strlen(v), &type) == 0)
		return 0;
	snprintf(err, len, "bad proto '%s': use ipv4, ipv6 or an EtherType 0x0600..0xffff", v);
	return -1;
}

static int
parse_keywords(const struct cmd_desc *d, char **args, int nargs, unsigned int allowed,
	       struct ctl_cmd *c, char *err, size_t len)
{
	static const char *const names[] = { "pcr", "sdu", "bhli", "blli", "proto" };
	unsigned int seen = 0;
	bool named = false;   /* a vcmux-routed/P in blli */
	int i;

	if (nargs % 2 != 0) {
		snprintf(err, len, "'%s' needs a value: usage: mcm-ctl %s", args[nargs - 1],
			 d->usage);
		return -1;
	}
	for (i = 0; i < nargs; i += 2) {
		const char *v = args[i + 1];
		unsigned int k;

		for (k = 0; k < DIM(names); k++)
			if ((allowed & 1u << k) && strcmp(args[i], names[k]) == 0)
				break;
		if (k == DIM(names)) {
			snprintf(err, len, "unknown keyword '%s' for '%s %s': usage: mcm-ctl %s",
				 args[i], d->word, d->sub, d->usage);
			return -1;
		}
		if (seen & 1u << k) {
			snprintf(err, len, "'%s' given twice", names[k]);
			return -1;
		}
		seen |= 1u << k;
		switch (1u << k) {
		case KW_PCR:
			if (ctl_parse_pcr(v, &c->pcr, &c->bwd_pcr, err, len) != 0)
				return -1;
			break;
		case KW_SDU:
			if (ctl_parse_num("sdu", v, 1, CTL_SDU_MAX, "bytes (maximum CPCS-SDU size "
					  "of the AAL parameters, Q.2931 4.5.5)", &c->sdu, err,
					  len) != 0)
				return -1;
			break;
		case KW_BHLI:
			if (ctl_parse_bhli(v, c->bhli, err, len) != 0)
				return -1;
			break;
		case KW_BLLI:
			/* the encapsulations the B-LLIs ask for (RFC 2684 7): call make offers
			 * up to three joined by '+' (Q.2931 Annex C), a SAP takes one
			 */
			if (parse_blli(v, c->id == CTL_CMD_CALL_MAKE ? 3 : 1, &named, err,
				       len) != 0)
				return -1;
			c->blli = v;
			break;
		default:
			if (parse_proto(v, err, len) != 0)
				return -1;
			c->proto = v;
			break;
		}
	}
	/* the protocol names a VC-mux routed VC's one protocol; without blli the port's
	 * encapsulation decides, which the driver checks
	 */
	if (c->proto != NULL && c->blli != NULL && strstr(c->blli, "vcmux-routed") == NULL) {
		snprintf(err, len, "proto names the protocol of a VC-mux routed VC: it needs "
			 "blli vcmux-routed");
		return -1;
	}
	if (c->proto != NULL && named) {
		snprintf(err, len, "proto with vcmux-routed/P: name each protocol in blli, or "
			 "one for all with proto");
		return -1;
	}
	return 0;
}

static int
parse_id(const char *what, const char *s, uint32_t *id, char *err, size_t len)
{
	return ctl_parse_num(what, s, 1, CTL_ID_MAX, "(a positive integer)", id, err, len);
}

static int
parse_oid_name(const char *s, struct ctl_cmd *c, char *err, size_t len)
{
	size_t n = strlen(s), i;

	for (i = 0; i < n; i++)
		if (s[i] == ',' || !isgraph((unsigned char)s[i]))
			break;
	if (n == 0 || n > CTL_OID_NAME_MAX || i < n) {
		snprintf(err, len, "bad OID name '%s': 1..%d characters without ',' or blanks "
			 "(see mcm-ctl oid list)", s, CTL_OID_NAME_MAX);
		return -1;
	}
	c->name = s;
	return 0;
}

/* The arguments of the call-manager commands (call, sap, oid, capture). */
static int
parse_cm_args(const struct cmd_desc *d, char **args, int nargs, struct ctl_cmd *c, char *err,
	      size_t len)
{
	int i, j;

	switch (d->id) {
	case CTL_CMD_CALL_MAKE:
		if (ctl_parse_aesa(args[0], c->addr, err, len) != 0)
			return -1;
		return parse_keywords(d, args + 1, nargs - 1,
				      KW_PCR | KW_SDU | KW_BHLI | KW_BLLI | KW_PROTO,
				      c, err, len);
	case CTL_CMD_CALL_RELEASE:
		if (strchr(args[0], '/') != NULL) {
			if (parse_client_vc(args[0], c, true, err, len) != 0)
				return -1;
			c->has_vc = true;
		} else if (parse_id("call ID", args[0], &c->ref, err, len) != 0) {
			return -1;
		}
		if (nargs == 1)
			return 0;
		if (nargs != 3 || strcmp(args[1], "cause") != 0) {
			snprintf(err, len, "bad arguments for 'call release': usage: mcm-ctl %s",
				 d->usage);
			return -1;
		}
		{
			uint32_t cause;

			if (ctl_parse_num("cause", args[2], 1, CTL_CAUSE_MAX, "(the cause value, "
					  "Q.2931 4.5.15, Q.2610)", &cause, err, len) != 0)
				return -1;
			c->cause = (uint8_t)cause;
		}
		return 0;
	case CTL_CMD_SAP_ADD:
		if (strcmp(args[0], "any") == 0)
			snprintf(c->addr, sizeof(c->addr), "any");
		else if (ctl_parse_aesa(args[0], c->addr, err, len) != 0)
			return -1;
		return parse_keywords(d, args + 1, nargs - 1, KW_BHLI | KW_BLLI | KW_PROTO, c, err,
				      len);
	case CTL_CMD_SAP_DEL:
		return parse_id("SAP ID", args[0], &c->ref, err, len);
	case CTL_CMD_OID_GET:
		if (parse_oid_name(args[0], c, err, len) != 0)
			return -1;
		if (nargs == 2) {
			if (parse_client_vc(args[1], c, true, err, len) != 0)
				return -1;
			c->has_vc = true;
		}
		return 0;
	case CTL_CMD_OID_SET:
		if (parse_oid_name(args[0], c, err, len) != 0)
			return -1;
		c->value = args[1];
		return 0;
	case CTL_CMD_OAM_PING:
		return ctl_parse_oam_ping(args, nargs, c, err, len);
	case CTL_CMD_CAPTURE_START:
		if (ctl_abs_file(args[0], c->file, sizeof(c->file), err, len) != 0)
			return -1;
		/* count N: the last two words, as dumpcap's -c */
		if (nargs >= 3 && strcmp(args[nargs - 2], "count") == 0) {
			if (ctl_parse_num("count", args[nargs - 1], 1, UINT32_MAX,
					  "records (a positive integer)", &c->count, err, len) != 0)
				return -1;
			nargs -= 2;
		}
		if (nargs - 1 > CTL_CAPTURE_MAX_VCS) {
			snprintf(err, len, "capture start takes %d VCs at most",
				 CTL_CAPTURE_MAX_VCS);
			return -1;
		}
		for (i = 1; i < nargs; i++) {
			struct ctl_vc *v = &c->vcs[c->n_vcs];

			/* the signalling VC 0/5 may be captured (alone: without the data) */
			if (ctl_parse_vc(args[i], &v->vpi, &v->vci, err, len) != 0 ||
			    (!(v->vpi == 0 && v->vci == 5) &&
			     ctl_check_client_vc(v->vpi, v->vci, err, len) != 0))
				return -1;
			for (j = 0; j < c->n_vcs; j++) {
				if (c->vcs[j].vpi == v->vpi && c->vcs[j].vci == v->vci) {
					snprintf(err, len, "VC %u/%u given twice", v->vpi, v->vci);
					return -1;
				}
			}
			c->n_vcs++;
		}
		return 0;
	default:
		return 0;
	}
}

int
ctl_parse_cmd(int argc, char **argv, struct ctl_cmd *c, char *err, size_t len)
{
	const struct cmd_desc *d = NULL;
	bool word_known = false;
	char usages[CTL_ERR_LEN];
	char **args;
	int nargs, skip, k;
	size_t i;

	memset(c, 0, sizeof(*c));
	if (argc < 1) {
		snprintf(err, len, "no command given (see mcm-ctl --help)");
		return CTL_EXIT_USAGE;
	}
	for (i = 0; i < DIM(cmd_table); i++) {
		if (strcmp(cmd_table[i].word, argv[0]) != 0)
			continue;
		word_known = true;
		if (cmd_table[i].sub == NULL ||
		    (argc > 1 && strcmp(cmd_table[i].sub, argv[1]) == 0)) {
			d = &cmd_table[i];
			break;
		}
	}
	if (d == NULL) {
		if (!word_known) {
			snprintf(err, len, "unknown command '%s' (see mcm-ctl --help)", argv[0]);
			return CTL_EXIT_USAGE;
		}
		list_usages(argv[0], usages, sizeof(usages));
		if (argc < 2)
			snprintf(err, len, "incomplete command '%s': use %s", argv[0], usages);
		else
			snprintf(err, len, "unknown command '%s %s': use %s", argv[0], argv[1],
				 usages);
		return CTL_EXIT_USAGE;
	}
	skip = d->sub != NULL ? 2 : 1;
	nargs = argc - skip;
	args = argv + skip;
	if (nargs < d->min_args || nargs > d->max_args) {
		snprintf(err, len, "%s arguments for '%s%s%s': usage: mcm-ctl %s",
			 nargs < d->min_args ? "missing" : "too many", d->word,
			 d->sub != NULL ? " " : "", d->sub != NULL ? d->sub : "", d->usage);
		return CTL_EXIT_USAGE;
	}
	c->id = d->id;
	switch (d->id) {
	case CTL_CMD_VC_SHOW:
		if (parse_client_vc(args[0], c, false, err, len) != 0)
			return CTL_EXIT_USAGE;
		break;
	case CTL_CMD_PVC_ADD:
		if (parse_client_vc(args[0], c, true, err, len) != 0)
			return CTL_EXIT_USAGE;
		for (k = 1; k < nargs; k += 2) {
			unsigned long long v;
			bool encap = strcmp(args[k], "encap") == 0;
			bool pdu = strcmp(args[k], "pdu-label") == 0;

			if (k + 1 >= nargs ||
			    (!encap && !pdu && strcmp(args[k], "sdu-label") != 0) ||
			    (encap && c->encap != NULL) || (!encap && c->pw_label != 0)) {
				snprintf(err, len, "bad arguments for 'pvc add': usage: mcm-ctl %s",
					 d->usage);
				return CTL_EXIT_USAGE;
			}
			if (encap) {
				/* RFC 2684 5 (LLC) and 6 (VC multiplexing), bridged or routed */
				if (strcmp(args[k + 1], "llc") != 0 &&
				    strcmp(args[k + 1], "vcmux") != 0 &&
				    strcmp(args[k + 1], "llc-routed") != 0 &&
				    strcmp(args[k + 1], "vcmux-routed") != 0) {
					snprintf(err, len, "bad encapsulation '%s': use llc, "
						 "vcmux, llc-routed or vcmux-routed", args[k + 1]);
					return CTL_EXIT_USAGE;
				}
				c->encap = args[k + 1];
				continue;
			}
			/* an MPLS label; 0..15 are reserved (RFC 3032 2.1) */
			if (parse_dec(args[k + 1], strlen(args[k + 1]), &v) != 0 || v < 16 ||
			    v > 1048575) {
				snprintf(err, len, "bad %s '%s': an MPLS label 16..1048575",
					 args[k], args[k + 1]);
				return CTL_EXIT_USAGE;
			}
			c->pw_label = (uint32_t)v;
			c->pw_pdu = pdu;
		}
		break;
	case CTL_CMD_PVC_DEL:
	case CTL_CMD_BIND_DEFAULT:
		if (parse_client_vc(args[0], c, true, err, len) != 0)
			return CTL_EXIT_USAGE;
		break;
	case CTL_CMD_BIND_HASH:
		if (nargs == 1 && strcmp(args[0], "off") == 0) {
			c->vpi = 0;
			c->vci = 32;
			c->count = 0;
			break;
		}
		if (nargs != 2) {
			snprintf(err, len, "usage: mcm-ctl %s", d->usage);
			return CTL_EXIT_USAGE;
		}
		if (parse_client_vc(args[0], c, true, err, len) != 0 ||
		    ctl_parse_num("count", args[1], 1, CTL_HASH_MAX, "VCs", &c->count, err,
				  len) != 0)
			return CTL_EXIT_USAGE;
		/* past VCI 65535 the binding goes on with the same VCIs of the next VPIs */
		if (c->vpi + (c->count - 1) / (CTL_VCI_MAX + 1u - c->vci) > CTL_VPI_MAX) {
			snprintf(err, len, "bad count '%s': %u VCs from %u/%u go past VPI %u "
				 "(VCIs %u..%u of each VPI)", args[1], c->count, c->vpi, c->vci,
				 CTL_VPI_MAX, c->vci, CTL_VCI_MAX);
			return CTL_EXIT_USAGE;
		}
		break;
	case CTL_CMD_OAM_CC:
		if (parse_client_vc(args[0], c, true, err, len) != 0)
			return CTL_EXIT_USAGE;
		if (nargs == 2 && strcmp(args[1], "on") != 0 && strcmp(args[1], "off") != 0) {
			snprintf(err, len, "bad state '%s' for 'oam cc': use on or off", args[1]);
			return CTL_EXIT_USAGE;
		}
		c->onoff = nargs == 2 ? args[1] : NULL;
		break;
	case CTL_CMD_BIND_MAC:
		if (ctl_parse_mac(args[0], c->mac, err, len) != 0)
			return CTL_EXIT_USAGE;
		if (parse_client_vc(args[1], c, true, err, len) != 0)
			return CTL_EXIT_USAGE;
		break;
	default:
		if (parse_cm_args(d, args, nargs, c, err, len) != 0)
			return CTL_EXIT_USAGE;
		break;
	}
	return CTL_EXIT_OK;
}
