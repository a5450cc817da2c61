/* SPDX-License-Identifier: BSD-3-Clause
 * Fuzz target for mcm-ctl: whatever an application replies, and whatever a user types, must
 * never crash mcm-ctl. Each input is used three ways: as a reply text (JSON parse, reply
 * check, every printer), as a recipe that builds a JSON value from the keys the printers look
 * for (so random bytes reach deep into the printers), and as command words and values for
 * the argument parsers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

typedef int (*printer_t)(FILE *f, const json_t *r, char *err, size_t len);

static const printer_t printers[] = {
	ctl_print_status, ctl_print_vc_show, ctl_print_vc_list, ctl_print_pvc_add,
	ctl_print_pvc_del, ctl_print_bind_default, ctl_print_bind_mac, ctl_print_bind_list,
	ctl_print_kv, ctl_print_call_make, ctl_print_call_list, ctl_print_call_release,
	ctl_print_sap_add, ctl_print_sap_list, ctl_print_sap_del, ctl_print_oid_get,
	ctl_print_oid_set, ctl_print_oid_list, ctl_print_capture_start, ctl_print_capture_stop,
	ctl_print_ping_summary,
};

static const char *const keys[] = {
	"vcs", "total", "next", "macs", "macs_total", "default_vc", "error", "code", "vc",
	"state", "encap", "type", "aal", "tx_pdus", "rx_pdus", "errors", "mac", "0/40", "1/32",
	"4095/65535", "0/", "02:00:00:00:00:01", "", "x", "call", "calls", "called", "calling",
	"cause", "uni_state", "direction", "pcr", "sap", "saps", "owner", "addr", "bhli", "blli",
	"oid", "oids", "id", "value", "scope", "access", "file", "records", "bytes", "dropped",
	"3", "12", "007", "99999999999999999999", "sent", "received", "loss_pct", "time_ms",
	"rtt_min_ms", "rtt_avg_ms", "rtt_max_ms", "result", "seq", "tag", "rtt_ms", "flow",
	"vpi", "vci", "timeout_ms",
};

static const char *const strings[] = {
	"0/100", "", "x\ny", "active", "llc", "\xff\xfe", "%s%n",
	"a-very-long-string-that-is-longer-than-a-table-cell-of-forty-eight-characters-wide",
	"all", "0/100 0/5", "any", "47000580ffe1000000f21a33220020481a332200", "reply",
	"timeout", "not_sent", "f4_end", "f5_segment",
};

#define DIM(a) (sizeof(a) / sizeof((a)[0]))

static uint8_t
next_byte(const uint8_t **p, const uint8_t *end)
{
	return *p < end ? *(*p)++ : 0;
}

/* Build a JSON value from the bytes: a small recipe language, bounded in depth and size. */
static json_t *
build(const uint8_t **p, const uint8_t *end, int depth)
{
	uint8_t b = next_byte(p, end);
	json_t *v;
	int i, n;

	switch (b % 8) {
	case 0:
		return json_null();
	case 1:
		return json_boolean(b & 8);
	case 2: {
		int64_t x = 0;

		for (i = 0; i < 8; i++)
			x = (int64_t)((uint64_t)x << 8 | next_byte(p, end));
		if (b & 8)
			x = (int8_t)x;
		return json_integer((json_int_t)x);
	}
	case 3:
		return json_real((double)(int8_t)next_byte(p, end) / 3.0);
	case 4:
		return json_string(strings[next_byte(p, end) % DIM(strings)]);
	case 5:
		v = json_array();
		n = depth < 4 ? next_byte(p, end) % 4 : 0;
		for (i = 0; i < n; i++)
			json_array_append_new(v, build(p, end, depth + 1));
		return v;
	default:
		v = json_object();
		n = depth < 4 ? next_byte(p, end) % 8 : 0;
		for (i = 0; i < n; i++)
			json_object_set_new(v, keys[next_byte(p, end) % DIM(keys)],
					    build(p, end, depth + 1));
		return v;
	}
}

static void
exercise(FILE *null, json_t *v)
{
	char err[CTL_ERR_LEN];
	size_t i;

	if (v == NULL)
		return;
	ctl_reply_check(v, "/mcm/status", "rte", err, sizeof(err));
	if (json_is_object(v))
		ctl_call_error(v, "47000580ffe1000000f21a33220020481a332200", err, sizeof(err));
	for (i = 0; i < DIM(printers); i++)
		printers[i](null, v, err, sizeof(err));
	ctl_print_ping_line(null, v, v, err, sizeof(err));
	ctl_print_json(null, v);
	json_decref(v);
}

static void
parse_words(char *s)
{
	char err[CTL_ERR_LEN];
	char *argv[12] = { "mcm-ctl" };
	struct ctl_opts o;
	struct ctl_cmd c;
	uint16_t vpi, vci;
	uint8_t mac[6];
	char *save = NULL, *w;
	int argc = 1;

	ctl_parse_vc(s, &vpi, &vci, err, sizeof(err));
	ctl_parse_mac(s, mac, err, sizeof(err));
	ctl_check_port(s, err, sizeof(err));
	{
		char hex[CTL_AESA_DIGITS + 1], bhli[2 * CTL_BHLI_MAX + 1];
		uint32_t n;

		ctl_parse_aesa(s, hex, err, sizeof(err));
		ctl_parse_bhli(s, bhli, err, sizeof(err));
		ctl_parse_num("n", s, 1, CTL_PCR_MAX, "x", &n, err, sizeof(err));
	}
	for (w = strtok_r(s, " ", &save); w != NULL && argc < 11; w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	argv[argc] = NULL;
	if (ctl_parse_opts(argc, argv, &o, err, sizeof(err)) == CTL_EXIT_OK)
		ctl_parse_cmd(o.argc, o.argv, &c, err, sizeof(err));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	const uint8_t *p = data;
	char *s;

	if (null == NULL)
		null = fopen("/dev/null", "w");
	if (null == NULL)
		abort();
	exercise(null, json_loadb((const char *)data, size, JSON_DECODE_ANY, NULL));
	exercise(null, build(&p, data + size, 0));
	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	parse_words(s);
	free(s);
	return 0;
}
