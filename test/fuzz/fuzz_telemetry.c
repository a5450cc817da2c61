/* SPDX-License-Identifier: BSD-3-Clause
 * Fuzz target: the parameter grammar of net_mcm's telemetry commands
 * (drivers/net/mcm/mcm_tel_params.c, built in; no EAL). The input is the parameter string a
 * client sends after the command ("PORT,VPI/VCI,..."). Checked against oracles written
 * here: only what a JSON reply can quote is let through (printable ASCII but '"' and '\',
 * or well-formed UTF-8: RFC 3629 4, no overlong form, no surrogate, nothing past U+10FFFF);
 * the split gives the non-empty comma-separated fields; every value parsed prints back to
 * what was typed (VPI/VCI and numbers in decimal, octets in hex), what the driver itself
 * writes into a reply (VC names, hex) is printable ASCII, and an argument echoed in a reply
 * string cut to its 127 bytes with mcm_tel_utf8_prefix() is still quotable text.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_atm_cell.h"
#include "mcm_tel_params.h"

#define FUZZ_MAX_INPUT 2048
#define RTE_MIN(a, b) ((a) < (b) ? (a) : (b))

#define FUZZ_NAME "fuzz_telemetry"
#include "mcm_fuzz_assert.h"

/* Well-formed UTF-8 (RFC 3629 4) with no ASCII control, DEL, '"' or '\': decoded to code
 * points, then judged by their value (the parser judges by byte ranges instead).
 */
static bool
oracle_quotable(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	while (*s != '\0') {
		uint32_t cp, min;
		unsigned int n, i;

		if (*s < 0x80) {
			if (!isprint(*s) || *s == '"' || *s == '\\')
				return false;
			s++;
			continue;
		}
		if ((*s & 0xe0) == 0xc0) {
			n = 1, cp = *s & 0x1f, min = 0x80;
		} else if ((*s & 0xf0) == 0xe0) {
			n = 2, cp = *s & 0x0f, min = 0x800;
		} else if ((*s & 0xf8) == 0xf0) {
			n = 3, cp = *s & 0x07, min = 0x10000;
		} else {
			return false;
		}
		for (i = 1; i <= n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		s += n + 1;
	}
	return true;
}

/* What the driver writes itself: printable ASCII, nothing JSON would need to escape */
static void
assert_printable(const char *what, const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		FUZZ_ASSERT(*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\',
			    "%s: byte 0x%02x in a reply", what, (unsigned char)*p);
}

/* The split against a plain count of the non-empty comma-separated fields */
static void
check_split(const char *params, const struct mcm_tel_args *a)
{
	char cut[sizeof(a->buf)];
	size_t n, i;
	int fields = 0, k;
	bool in = false;

	/* what the split reads: the parameters cut to the buffer, at a character boundary */
	n = mcm_tel_utf8_prefix(params, sizeof(cut) - 1);
	FUZZ_ASSERT(n <= sizeof(cut) - 1 && n + 3 >= strnlen(params, sizeof(cut) - 1),
		    "cut parameters: %zu bytes", n);
	memcpy(cut, params, n);
	cut[n] = '\0';
	FUZZ_ASSERT(oracle_quotable(cut), "parameters cut inside a character");

	for (i = 0; i < n; i++) {
		if (params[i] == ',') {
			in = false;
		} else if (!in) {
			in = true;
			fields++;
		}
	}
	FUZZ_ASSERT(a->argc == fields, "split: %d arguments, %d fields", a->argc, fields);
	for (k = 0; k < a->argc && k < MCM_TEL_MAX_ARGS; k++) {
		FUZZ_ASSERT(a->argv[k] >= a->buf && a->argv[k] < a->buf + sizeof(a->buf),
			    "argument %d outside the buffer", k);
		FUZZ_ASSERT(a->argv[k][0] != '\0' && strchr(a->argv[k], ',') == NULL,
			    "argument %d empty or holding a comma", k);
		FUZZ_ASSERT(strstr(params, a->argv[k]) != NULL, "argument %d not typed", k);
	}
}

/* A decimal number as typed, without its leading zeros */
static bool
same_number(const char *typed, uint64_t v)
{
	char buf[32];

	while (typed[0] == '0' && typed[1] != '\0')
		typed++;
	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	return strcmp(buf, typed) == 0;
}

static void
check_vc(const char *arg)
{
	uint16_t vpi = 0xffff, vci = 0, vpi2, vci2;
	char name[16];
	const char *slash;

	if (mcm_tel_parse_vc(arg, &vpi, &vci) != 0)
		return;
	FUZZ_ASSERT(vpi <= MCM_ATM_VPI_MAX, "VPI %u taken from %s", vpi, arg);
	slash = strchr(arg, '/');
	FUZZ_ASSERT(slash != NULL && same_number(slash + 1, vci), "VCI of %s read as %u", arg,
		    vci);
	/* the reply names the VC as "VPI/VCI", and that name parses back to the same VC */
	snprintf(name, sizeof(name), "%u/%u", vpi, vci);
	assert_printable("VC name", name);
	FUZZ_ASSERT(mcm_tel_parse_vc(name, &vpi2, &vci2) == 0 && vpi2 == vpi && vci2 == vci,
		    "%s does not parse back", name);
}

static void
check_numbers(const char *arg)
{
	static const uint64_t limits[][2] = {
		{ 0, UINT64_MAX }, { 1, 127 }, { 1, 0xffffff }, { 1, 65535 }, { 1, UINT32_MAX },
	};
	unsigned int i;

	for (i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		uint64_t v;
		uint32_t v32;
		int rc = mcm_tel_parse_u64(arg, limits[i][0], limits[i][1], &v);

		if (rc == 0)
			FUZZ_ASSERT(v >= limits[i][0] && v <= limits[i][1] && same_number(arg, v),
				    "%s read as %" PRIu64, arg, v);
		if (limits[i][1] <= UINT32_MAX) {
			int rc32 = mcm_tel_parse_u32(arg, (uint32_t)limits[i][0],
						     (uint32_t)limits[i][1], &v32);

			FUZZ_ASSERT(rc32 == rc && (rc != 0 || v32 == v), "u32 and u64 differ: %s",
				    arg);
		}
	}
}

static void
check_hex(const char *arg)
{
	uint8_t b[64], aesa[MCM_TEL_AESA_LEN];
	char out[2 * sizeof(b) + 1];
	size_t i;
	int n = mcm_tel_parse_hex(arg, b, sizeof(b));

	if (n >= 0) {
		FUZZ_ASSERT(n >= 1 && (size_t)n <= sizeof(b) && strlen(arg) == 2 * (size_t)n,
			    "hex %s: %d octets", arg, n);
		mcm_tel_hex(b, (size_t)n, out, sizeof(out));
		assert_printable("hex", out);
		FUZZ_ASSERT(strlen(out) == strlen(arg), "hex %s printed as %s", arg, out);
		for (i = 0; out[i] != '\0'; i++)
			FUZZ_ASSERT(out[i] == tolower((unsigned char)arg[i]),
				    "hex %s printed as %s", arg, out);
	}
	FUZZ_ASSERT((mcm_tel_parse_aesa(arg, aesa) == 0) ==
		    (strlen(arg) == 2 * MCM_TEL_AESA_LEN && n == MCM_TEL_AESA_LEN),
		    "AESA %s: parser and hex disagree", arg);
	/* a reply string of 128 bytes: the cut keeps it terminated and printable */
	if (n > 0) {
		char small[17];

		mcm_tel_hex(b, (size_t)n, small, sizeof(small));
		FUZZ_ASSERT(strlen(small) <= 16 && strlen(small) % 2 == 0, "cut hex %s", small);
	}
}

/* A blli= list taken: one choice, or two or three but none, each once (VC-mux routed once
 * a protocol it names), as many as the argument joins by '+'; a protocol named only by a
 * vcmux-routed/P, as many as the argument has '/', each an EtherType.
 */
static bool
blli_list_ok(const struct mcm_tel_call_opts *o, const char *arg)
{
	int all[3], n = o->n_alt + 1, i, j, plus = 0, slash = 0, named = 0;

	for (i = 0; arg[i] != '\0'; i++) {
		plus += arg[i] == '+';
		slash += arg[i] == '/';
	}
	if (o->n_alt < 0 || o->n_alt > 2 || plus != o->n_alt)
		return false;
	all[0] = o->blli;
	for (i = 1; i < n; i++)
		all[i] = o->alt[i - 1];
	for (i = 0; i < 3; i++) {
		if (o->blli_proto[i] == 0)
			continue;
		if (i >= n || all[i] != MCM_TEL_BLLI_VCMUX_ROUTED || o->blli_proto[i] < 0x0600)
			return false;
		named++;
	}
	if (named != slash)
		return false;
	for (i = 0; i < n; i++) {
		if (all[i] < MCM_TEL_BLLI_LLC || all[i] > MCM_TEL_BLLI_NONE ||
		    (n > 1 && all[i] == MCM_TEL_BLLI_NONE))
			return false;
		for (j = 0; j < i; j++)
			if (all[i] == all[j] && o->blli_proto[i] == o->blli_proto[j])
				return false;
	}
	return true;
}

static void
check_option(const char *arg)
{
	struct mcm_tel_call_opts opts = { .bhli_len = 0xff, .blli = -7, .proto = 7, .n_alt = -7,
					  .blli_proto = { 7, 7, 7 } };
	int rc = mcm_tel_parse_option(arg, &opts);
	const size_t arg_len = strlen(arg);

	switch (rc) {
	case MCM_TEL_OPT_TAKEN:
		FUZZ_ASSERT((strncmp(arg, "bhli=", 5) == 0 && opts.bhli_len >= 1 &&
			     opts.bhli_len <= MCM_TEL_BHLI_MAX &&
			     arg_len == 5 + 2u * opts.bhli_len) ||
			    (strncmp(arg, "blli=", 5) == 0 && blli_list_ok(&opts, arg)) ||
			    (strncmp(arg, "proto=", 6) == 0 && opts.proto >= 0x0600),
			    "option %s", arg);
		break;
	case MCM_TEL_OPT_BAD_BHLI:
		FUZZ_ASSERT(strncmp(arg, "bhli=", 5) == 0, "bad bhli from %s", arg);
		break;
	case MCM_TEL_OPT_BAD_BLLI:
		FUZZ_ASSERT(strncmp(arg, "blli=", 5) == 0 && opts.blli == -7 && opts.n_alt == -7 &&
			    opts.blli_proto[0] == 7 && opts.blli_proto[2] == 7,
			    "bad blli from %s",
			    arg);
		break;
	case MCM_TEL_OPT_BAD_PROTO:
		FUZZ_ASSERT(strncmp(arg, "proto=", 6) == 0 && opts.proto == 7,
			    "bad proto from %s", arg);
		break;
	default:
		FUZZ_ASSERT(rc == MCM_TEL_OPT_OTHER && strncmp(arg, "bhli=", 5) != 0 &&
			    strncmp(arg, "blli=", 5) != 0 && strncmp(arg, "proto=", 6) != 0,
			    "option %s: %d", arg, rc);
		break;
	}
}

/* An error reply quoting @p arg, cut where DPDK 22.11's telemetry cuts a string (127 bytes),
 * at a character boundary: still quotable text.
 */
static void
check_echo(const char *arg)
{
	char *msg;
	size_t n;
	int len = snprintf(NULL, 0, "bad VC %s: expected VPI/VCI", arg);

	msg = malloc((size_t)len + 1);
	if (msg == NULL)
		abort();
	snprintf(msg, (size_t)len + 1, "bad VC %s: expected VPI/VCI", arg);
	n = mcm_tel_utf8_prefix(msg, 127);
	FUZZ_ASSERT(n <= 127 && n + 3 >= RTE_MIN((size_t)len, (size_t)127), "cut to %zu of %d",
		    n, len);
	msg[n] = '\0';
	FUZZ_ASSERT(oracle_quotable(msg), "an echo cut inside a character");
	free(msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mcm_tel_args *a;
	char *params;
	const char *rest;
	bool ok;
	int k;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	params = malloc(size + 1);
	a = malloc(sizeof(*a));
	if (params == NULL || a == NULL)
		abort();
	memcpy(params, data, size);
	params[size] = '\0';
	ok = mcm_tel_params_ok(params);
	FUZZ_ASSERT(ok == oracle_quotable(params), "params_ok says %d for a string that %s",
		    ok, ok ? "a reply cannot quote" : "is printable text");
	/* a command refuses what it cannot quote before it reads any argument */
	if (ok) {
		mcm_tel_split(params, a);
		check_split(params, a);
		for (k = 0; k < a->argc && k < MCM_TEL_MAX_ARGS; k++) {
			/* an argument is echoed in error replies: it is quotable text too */
			FUZZ_ASSERT(oracle_quotable(a->argv[k]), "argument %d not quotable", k);
			check_vc(a->argv[k]);
			check_numbers(a->argv[k]);
			check_hex(a->argv[k]);
			check_option(a->argv[k]);
			check_echo(a->argv[k]);
		}
		for (k = 0; k < 4; k++) {
			rest = mcm_tel_rest(params, k);
			FUZZ_ASSERT(rest[0] == '\0' || (rest >= params && rest < params + size &&
				    (k == 0 || rest[-1] == ',')), "rest %d", k);
		}
	}
	FUZZ_ASSERT(mcm_tel_rest(NULL, 2)[0] == '\0', "rest of NULL");
	free(a);
	free(params);
	return 0;
}
