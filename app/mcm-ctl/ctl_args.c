/* SPDX-License-Identifier: BSD-3-Clause
 * mcm-ctl argument parsing: global options, command words, and the local checks of VPI/VCI,
 * MAC and port values. Everything here runs before any socket is opened, so a bad argument
 * never reaches the application.
 */
#include <ctype.h>
#include <getopt.h>
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
	      "  pvc add VPI/VCI [encap llc|vcmux] add and activate a PVC\n"
	      "  pvc del VPI/VCI                   deactivate and delete a PVC\n"
	      "  bind default VPI/VCI              VC for frames no other rule places\n"
	      "  bind mac MAC VPI/VCI              VC for frames to destination MAC\n"
	      "  bind list                         default VC and MAC bindings\n"
	      "\n"
	      "Options:\n"
	      "  -f, --file-prefix P   EAL --file-prefix of the application (default rte)\n"
	      "  -p, --port ID|NAME    mcm port (ethdev id or name such as net_mcm0); default:\n"
	      "                        every mcm port for status, the first one otherwise\n"
	      "      --json            print the reply as JSON\n"
	      "  -t, --timeout S       seconds to wait for the application (default 5)\n"
	      "  -h, --help            this text\n"
	      "      --version         print the version\n"
	      "\n"
	      "VPI 0..4095, VCI 0..65535; VCIs 0..31 are reserved for the driver.\n"
	      "Exit status: 0 success, 1 command refused by the application, 2 bad arguments,\n"
	      "3 application not reached or invalid reply.\n", f);
}

/* Parse digits only (no sign, blanks or trailing characters); large values saturate. */
static int
parse_dec(const char *s, size_t n, unsigned long *out)
{
	unsigned long v = 0;
	size_t i;

	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (v <= 1000000)
			v = v * 10 + (unsigned long)(s[i] - '0');
	}
	*out = v;
	return 0;
}

int
ctl_parse_vc(const char *s, uint16_t *vpi, uint16_t *vci, char *err, size_t len)
{
	const char *slash = strchr(s, '/');
	unsigned long a, b;
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

		/* ',' separates telemetry parameters; blanks and controls are never in names. */
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

	if (n == 0 || n > 100 || strchr(s, '/') != NULL || strcmp(s, ".") == 0 ||
	    strcmp(s, "..") == 0) {
		snprintf(err, len, "bad file prefix '%s': a non-empty name without '/'", s);
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
	{ "pvc", "add", CTL_CMD_PVC_ADD, 1, 3, "pvc add VPI/VCI [encap llc|vcmux]" },
	{ "pvc", "del", CTL_CMD_PVC_DEL, 1, 1, "pvc del VPI/VCI" },
	{ "bind", "default", CTL_CMD_BIND_DEFAULT, 1, 1, "bind default VPI/VCI" },
	{ "bind", "mac", CTL_CMD_BIND_MAC, 2, 2, "bind mac MAC VPI/VCI" },
	{ "bind", "list", CTL_CMD_BIND_LIST, 0, 0, "bind list" },
};

/* Commands of DESIGN.md that later versions serve. */
static const char *const later_cmds[] = { "call", "sap", "oid", "capture" };

#define DIM(a) (sizeof(a) / sizeof((a)[0]))

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

int
ctl_parse_cmd(int argc, char **argv, struct ctl_cmd *c, char *err, size_t len)
{
	const struct cmd_desc *d = NULL;
	bool word_known = false;
	char usages[200];
	char **args;
	int nargs, skip;
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
		for (i = 0; !word_known && i < DIM(later_cmds); i++) {
			if (strcmp(later_cmds[i], argv[0]) == 0) {
				snprintf(err, len, "unknown command '%s': not available in this "
					 "version of mcm-ctl (see mcm-ctl --help)", argv[0]);
				return CTL_EXIT_USAGE;
			}
		}
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
		if (nargs == 1)
			break;
		if (nargs != 3 || strcmp(args[1], "encap") != 0) {
			snprintf(err, len, "bad arguments for 'pvc add': usage: mcm-ctl %s",
				 d->usage);
			return CTL_EXIT_USAGE;
		}
		/* RFC 2684 5 (LLC encapsulation) and 6.1 (VC multiplexing), bridged. */
		if (strcmp(args[2], "llc") != 0 && strcmp(args[2], "vcmux") != 0) {
			snprintf(err, len, "bad encapsulation '%s': use llc or vcmux", args[2]);
			return CTL_EXIT_USAGE;
		}
		c->encap = args[2];
		break;
	case CTL_CMD_PVC_DEL:
	case CTL_CMD_BIND_DEFAULT:
		if (parse_client_vc(args[0], c, true, err, len) != 0)
			return CTL_EXIT_USAGE;
		break;
	case CTL_CMD_BIND_MAC:
		if (ctl_parse_mac(args[0], c->mac, err, len) != 0)
			return CTL_EXIT_USAGE;
		if (parse_client_vc(args[1], c, true, err, len) != 0)
			return CTL_EXIT_USAGE;
		break;
	default:
		break;
	}
	return CTL_EXIT_OK;
}
