/* SPDX-License-Identifier: BSD-3-Clause
 * mcm-ctl human output: "key: value" blocks for status and vc show (like ethtool -S), aligned
 * tables for lists (like ip), one line for changes. Fields come in the order the application
 * sends them, so new fields show up without a new mcm-ctl; --json shows everything raw.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

/* Text of a scalar value: strings as they are, "-" for empty or null. */
static void
fmt_value(const json_t *v, char *buf, size_t len)
{
	char *s;

	if (v == NULL) {
		snprintf(buf, len, "-");
		return;
	}
	switch (json_typeof(v)) {
	case JSON_STRING:
		snprintf(buf, len, "%s", json_string_length(v) > 0 ? json_string_value(v) : "-");
		break;
	case JSON_INTEGER:
		snprintf(buf, len, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		snprintf(buf, len, "%g", json_real_value(v));
		break;
	case JSON_TRUE:
		snprintf(buf, len, "true");
		break;
	case JSON_FALSE:
		snprintf(buf, len, "false");
		break;
	case JSON_NULL:
		snprintf(buf, len, "-");
		break;
	default:
		s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		snprintf(buf, len, "%s", s != NULL ? s : "?");
		free(s);
		break;
	}
	/* One value, one line: a newline from the application must not break the layout. */
	for (s = buf; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20)
			*s = ' ';
}

static int
need_object(const json_t *v, const char *what, char *err, size_t len)
{
	if (json_is_object(v))
		return 0;
	snprintf(err, len, "unexpected reply to %s: not a JSON object", what);
	return -1;
}

int
ctl_print_kv(FILE *f, const json_t *obj, char *err, size_t len)
{
	const char *key;
	const json_t *v;
	size_t w = 0;

	if (need_object(obj, "the command", err, len) != 0)
		return -1;
	json_object_foreach((json_t *)obj, key, v)
		if (strlen(key) > w)
			w = strlen(key);
	json_object_foreach((json_t *)obj, key, v) {
		char val[512];

		fmt_value(v, val, sizeof(val));
		fprintf(f, "%s:%*s %s\n", key, (int)(w - strlen(key)), "", val);
	}
	return 0;
}

int
ctl_print_status(FILE *f, const json_t *status, char *err, size_t len)
{
	if (need_object(status, "/mcm/status", err, len) != 0)
		return -1;
	return ctl_print_kv(f, status, err, len);
}

int
ctl_print_vc_show(FILE *f, const json_t *vc, char *err, size_t len)
{
	if (need_object(vc, "/mcm/vc_show", err, len) != 0)
		return -1;
	return ctl_print_kv(f, vc, err, len);
}

/* A table: column headers, right alignment for counters, cells as formatted strings. */
#define TBL_MAX_COLS 12
#define TBL_CELL 48

struct table {
	int ncols;
	const char *head[TBL_MAX_COLS];
	bool right[TBL_MAX_COLS];
	size_t nrows;
	char (*cells)[TBL_MAX_COLS][TBL_CELL];
};

static void
table_print(FILE *f, const struct table *t)
{
	size_t w[TBL_MAX_COLS], r;
	int c;

	for (c = 0; c < t->ncols; c++) {
		w[c] = strlen(t->head[c]);
		for (r = 0; r < t->nrows; r++)
			if (strlen(t->cells[r][c]) > w[c])
				w[c] = strlen(t->cells[r][c]);
	}
	for (r = 0; r <= t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *s = r == 0 ? t->head[c] : t->cells[r - 1][c];
			bool last = c == t->ncols - 1;

			if (t->right[c])
				fprintf(f, "%*s", (int)w[c], s);
			else if (last)
				fputs(s, f);
			else
				fprintf(f, "%-*s", (int)w[c], s);
			fputs(last ? "\n" : "  ", f);
		}
	}
}

/* Order "VPI/VCI" keys numerically; anything else after them, by name. */
static long
vc_rank(const char *k)
{
	uint16_t vpi, vci;
	char e[CTL_ERR_LEN];

	if (ctl_parse_vc(k, &vpi, &vci, e, sizeof(e)) != 0)
		return -1;
	return (long)vpi << 16 | vci;
}

static int
cmp_vc_keys(const void *a, const void *b)
{
	const char *ka = *(const char *const *)a, *kb = *(const char *const *)b;
	long ra = vc_rank(ka), rb = vc_rank(kb);

	if (ra >= 0 && rb >= 0)
		return ra < rb ? -1 : ra > rb;
	if (ra >= 0 || rb >= 0)
		return ra >= 0 ? -1 : 1;
	return strcmp(ka, kb);
}

int
ctl_print_vc_list(FILE *f, const json_t *list, char *err, size_t len)
{
	static const char *const fields[] = {
		NULL, "type", "state", "oper", "oam", "aal", "encap", "tx_pdus", "rx_pdus",
		"errors",
	};
	struct table t = {
		.ncols = 10,
		.head = { "VPI/VCI", "TYPE", "STATE", "OPER", "OAM", "AAL", "ENCAP", "TX_PDUS",
			  "RX_PDUS", "ERRORS" },
		.right = { false, false, false, false, false, false, false, true, true, true },
	};
	const json_t *vcs, *v;
	const char **keys;
	const char *key;
	size_t n = 0, r;
	int c;

	if (need_object(list, "/mcm/vc_list", err, len) != 0)
		return -1;
	vcs = json_object_get(list, "vcs");
	if (!json_is_object(vcs)) {
		snprintf(err, len, "unexpected reply to /mcm/vc_list: no \"vcs\" object");
		return -1;
	}
	t.nrows = json_object_size(vcs);
	keys = calloc(t.nrows + 1, sizeof(*keys));
	t.cells = calloc(t.nrows + 1, sizeof(*t.cells));
	if (keys == NULL || t.cells == NULL) {
		free(keys);
		free(t.cells);
		snprintf(err, len, "out of memory");
		return -1;
	}
	json_object_foreach((json_t *)vcs, key, v)
		keys[n++] = key;
	qsort(keys, n, sizeof(*keys), cmp_vc_keys);
	for (r = 0; r < n; r++) {
		v = json_object_get(vcs, keys[r]);
		snprintf(t.cells[r][0], TBL_CELL, "%s", keys[r]);
		for (c = 1; c < t.ncols; c++) {
			const json_t *fv = json_is_object(v) ? json_object_get(v, fields[c]) : NULL;

			fmt_value(fv, t.cells[r][c], TBL_CELL);
		}
		/* I.610: why a VC is down, next to its operational state */
		if (json_is_object(v) && json_string_length(json_object_get(v, "cause")) > 0) {
			char oper[TBL_CELL];

			memcpy(oper, t.cells[r][3], TBL_CELL);
			snprintf(t.cells[r][3], TBL_CELL, "%.12s (%.24s)", oper,
				 json_string_value(json_object_get(v, "cause")));
		}
	}
	table_print(f, &t);
	free(keys);
	free(t.cells);
	return 0;
}

/* A string member, or "?" when the application left it out. */
static const char *
str_of(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "?";
}

int
ctl_print_pvc_add(FILE *f, const json_t *r, char *err, size_t len)
{
	if (need_object(r, "/mcm/pvc_add", err, len) != 0)
		return -1;
	fprintf(f, "pvc %s %s, encap %s", str_of(r, "vc"), str_of(r, "state"),
		str_of(r, "encap"));
	if (json_integer_value(json_object_get(r, "pw_label")) != 0)
		fprintf(f, ", AAL5 %s mode, PW label %" JSON_INTEGER_FORMAT,
			strcmp(str_of(r, "pw"), "pdu") == 0 ? "PDU" : "SDU",
			json_integer_value(json_object_get(r, "pw_label")));
	fputc('\n', f);
	return 0;
}

int
ctl_print_pvc_del(FILE *f, const json_t *r, char *err, size_t len)
{
	if (need_object(r, "/mcm/pvc_del", err, len) != 0)
		return -1;
	fprintf(f, "pvc %s %s\n", str_of(r, "vc"), str_of(r, "state"));
	return 0;
}

int
ctl_print_bind_default(FILE *f, const json_t *r, char *err, size_t len)
{
	if (need_object(r, "/mcm/bind_default", err, len) != 0)
		return -1;
	fprintf(f, "default vc %s\n", str_of(r, "default_vc"));
	return 0;
}

int
ctl_print_oam_cc(FILE *f, const json_t *r, char *err, size_t len)
{
	if (need_object(r, "/mcm/oam_cc", err, len) != 0)
		return -1;
	fprintf(f, "vc %s continuity check %s\n", str_of(r, "vc"), str_of(r, "cc"));
	return 0;
}

int
ctl_print_bind_mac(FILE *f, const json_t *r, char *err, size_t len)
{
	if (need_object(r, "/mcm/bind_mac", err, len) != 0)
		return -1;
	fprintf(f, "mac %s vc %s\n", str_of(r, "mac"), str_of(r, "vc"));
	return 0;
}

/*
 * "macs" is an object {"MAC": "VPI/VCI"} (doc/telemetry.md), an array of
 * {"mac": MAC, "vc": "VPI/VCI"}, or an array of MACs with a parallel array "vcs" (the shape
 * of /mcm/ports): DPDK 22.11 telemetry refuses ':' in dict names and dicts in arrays, so
 * parallel arrays are what a 22.11 application can send.
 */
int
ctl_print_bind_hash(FILE *f, const json_t *r, char *err, size_t len)
{
	json_int_t n;

	if (need_object(r, "/mcm/bind_hash", err, len) != 0)
		return -1;
	n = json_integer_value(json_object_get(r, "hash_count"));
	if (n == 0)
		fprintf(f, "no hash binding\n");
	else
		fprintf(f, "flows hashed over %" JSON_INTEGER_FORMAT " VC%s from %s\n", n,
			n == 1 ? "" : "s", str_of(r, "hash_first"));
	return 0;
}

int
ctl_print_bind_list(FILE *f, const json_t *r, char *err, size_t len)
{
	struct table t = {
		.ncols = 2,
		.head = { "DESTINATION", "VPI/VCI" },
	};
	const json_t *macs, *total, *v;
	const char *key;
	size_t i = 1, shown;

	if (need_object(r, "/mcm/bind_list", err, len) != 0)
		return -1;
	macs = json_object_get(r, "macs");
	if (macs != NULL && !json_is_object(macs) && !json_is_array(macs)) {
		snprintf(err, len, "unexpected reply to /mcm/bind_list: \"macs\" is neither an "
			 "object nor an array");
		return -1;
	}
	shown = json_is_array(macs) ? json_array_size(macs) : json_object_size(macs);
	t.nrows = 1 + shown;
	t.cells = calloc(t.nrows, sizeof(*t.cells));
	if (t.cells == NULL) {
		snprintf(err, len, "out of memory");
		return -1;
	}
	snprintf(t.cells[0][0], TBL_CELL, "default");
	fmt_value(json_object_get(r, "default_vc"), t.cells[0][1], TBL_CELL);
	if (json_is_array(macs)) {
		size_t k;

		json_array_foreach(macs, k, v) {
			if (json_is_string(v)) {
				fmt_value(v, t.cells[i][0], TBL_CELL);
				fmt_value(json_array_get(json_object_get(r, "vcs"), k),
					  t.cells[i][1], TBL_CELL);
			} else {
				fmt_value(json_object_get(v, "mac"), t.cells[i][0], TBL_CELL);
				fmt_value(json_object_get(v, "vc"), t.cells[i][1], TBL_CELL);
			}
			i++;
		}
	} else {
		json_object_foreach((json_t *)macs, key, v) {
			snprintf(t.cells[i][0], TBL_CELL, "%s", key);
			fmt_value(v, t.cells[i][1], TBL_CELL);
			i++;
		}
	}
	table_print(f, &t);
	if (json_integer_value(json_object_get(r, "hash_count")) > 0)
		fprintf(f, "hash: flows over %" JSON_INTEGER_FORMAT " VCs from %s\n",
			json_integer_value(json_object_get(r, "hash_count")),
			str_of(r, "hash_first"));
	total = json_object_get(r, "macs_total");
	if (json_is_integer(total) && json_integer_value(total) > (json_int_t)shown)
		fprintf(f, "(%" JSON_INTEGER_FORMAT " MAC binding%s, %zu shown)\n",
			json_integer_value(total), json_integer_value(total) == 1 ? "" : "s",
			shown);
	free(t.cells);
	return 0;
}

/* A member as text, "?" when the application left it out (as str_of). */
static const char *
val_of(const json_t *o, const char *key, char *buf, size_t len)
{
	const json_t *v = json_object_get(o, key);

	if (v == NULL)
		return "?";
	fmt_value(v, buf, len);
	return buf;
}

/* Order numeric keys (call and SAP IDs) numerically; anything else after them, by name. */
static int
cmp_id_keys(const void *a, const void *b)
{
	const char *ka = *(const char *const *)a, *kb = *(const char *const *)b;
	bool na = ka[0] != '\0' && strspn(ka, "0123456789") == strlen(ka);
	bool nb = kb[0] != '\0' && strspn(kb, "0123456789") == strlen(kb);

	if (na && nb) {
		size_t la = strlen(ka + strspn(ka, "0")), lb = strlen(kb + strspn(kb, "0"));

		/* Same number of significant digits: the text order is the numeric order. */
		if (la != lb)
			return la < lb ? -1 : 1;
		return strcmp(ka + strlen(ka) - la, kb + strlen(kb) - lb);
	}
	if (na || nb)
		return na ? -1 : 1;
	return strcmp(ka, kb);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* How a table fills a cell of column @p col of the row @p row from the field value @p v
 * (NULL: absent).
 */
typedef void (*cell_fn)(int col, const json_t *row, const json_t *v, char *cell);

/*
 * A table of the object @p map: one row per member, sorted with @p cmp, the member name in
 * column 0, fields[c] of the member in column c.
 */
static int
keyed_table(FILE *f, const json_t *map, const char *what, const char *const *heads,
	    const char *const *fields, const bool *right, int ncols,
	    int (*cmp)(const void *, const void *), cell_fn cell, char *err, size_t len)
{
	struct table t = { .ncols = ncols };
	const char **keys;
	const char *key;
	const json_t *v;
	size_t n = 0, r;
	int c;

	for (c = 0; c < ncols; c++) {
		t.head[c] = heads[c];
		t.right[c] = right[c];
	}
	t.nrows = json_object_size(map);
	keys = calloc(t.nrows + 1, sizeof(*keys));
	t.cells = calloc(t.nrows + 1, sizeof(*t.cells));
	if (keys == NULL || t.cells == NULL) {
		free(keys);
		free(t.cells);
		snprintf(err, len, "out of memory (%s)", what);
		return -1;
	}
	json_object_foreach((json_t *)map, key, v)
		keys[n++] = key;
	qsort(keys, n, sizeof(*keys), cmp);
	for (r = 0; r < n; r++) {
		v = json_object_get(map, keys[r]);
		snprintf(t.cells[r][0], TBL_CELL, "%s", keys[r]);
		for (c = 1; c < ncols; c++) {
			const json_t *fv = json_is_object(v) ? json_object_get(v, fields[c]) : NULL;

			fmt_value(fv, t.cells[r][c], TBL_CELL);
			if (cell != NULL)
				cell(c, v, fv, t.cells[r][c]);
		}
	}
	table_print(f, &t);
	free(keys);
	free(t.cells);
	return 0;
}

/* The member @p key of a list reply, which must be an object. */
static const json_t *
list_map(const json_t *r, const char *key, const char *what, char *err, size_t len)
{
	const json_t *m;

	if (need_object(r, what, err, len) != 0)
		return NULL;
	m = json_object_get(r, key);
	if (!json_is_object(m)) {
		snprintf(err, len, "unexpected reply to %s: no \"%s\" object", what, key);
		return NULL;
	}
	return m;
}

int
ctl_print_call_make(FILE *f, const json_t *r, char *err, size_t len)
{
	char id[64], called[128];

	if (need_object(r, "/mcm/call_make", err, len) != 0)
		return -1;
	fprintf(f, "call %s connected: VC %s to %s\n", val_of(r, "call", id, sizeof(id)),
		str_of(r, "vc"), val_of(r, "called", called, sizeof(called)));
	return 0;
}

/* call list: different rates each way are shown FORWARD/BACKWARD; SAP 0 is "made by this
 * side", shown as '-'.
 */
static void
call_cell(int col, const json_t *row, const json_t *v, char *cell)
{
	const json_t *bwd = json_object_get(row, "bwd_pcr");

	if (col == 7 && json_is_integer(v) && json_is_integer(bwd) &&
	    json_integer_value(bwd) != json_integer_value(v))
		snprintf(cell, TBL_CELL, "%" JSON_INTEGER_FORMAT "/%" JSON_INTEGER_FORMAT,
			 json_integer_value(v), json_integer_value(bwd));
	if (col == 9 && json_is_integer(v) && json_integer_value(v) == 0)
		snprintf(cell, TBL_CELL, "-");
}

int
ctl_print_call_list(FILE *f, const json_t *r, char *err, size_t len)
{
	static const char *const heads[] = {
		"ID", "VPI/VCI", "STATE", "UNI", "DIR", "CALLED", "CALLING", "PCR", "BLLI", "SAP",
		"OWNER",
	};
	static const char *const fields[] = {
		NULL, "vc", "state", "uni_state", "direction", "called", "calling", "pcr", "blli",
		"sap", "owner",
	};
	static const bool right[] = {
		true, false, false, false, false, false, false, true, false, true, false,
	};
	const json_t *m = list_map(r, "calls", "/mcm/call_list", err, len);

	if (m == NULL)
		return -1;
	return keyed_table(f, m, "/mcm/call_list", heads, fields, right, 11, cmp_id_keys,
			   call_cell, err, len);
}

int
ctl_print_call_release(FILE *f, const json_t *r, char *err, size_t len)
{
	const json_t *cause;
	char id[64], c[160] = "";

	if (need_object(r, "/mcm/call_release", err, len) != 0)
		return -1;
	cause = json_object_get(r, "cause");
	if (json_is_integer(cause)) {
		c[0] = ',';
		c[1] = ' ';
		ctl_fmt_cause(json_integer_value(cause), c + 2, sizeof(c) - 2);
	}
	fprintf(f, "call %s %s: VC %s%s\n", val_of(r, "call", id, sizeof(id)),
		str_of(r, "state"), str_of(r, "vc"), c);
	return 0;
}

int
ctl_print_sap_add(FILE *f, const json_t *r, char *err, size_t len)
{
	char id[64], addr[128];

	if (need_object(r, "/mcm/sap_add", err, len) != 0)
		return -1;
	fprintf(f, "sap %s registered for %s\n", val_of(r, "sap", id, sizeof(id)),
		val_of(r, "addr", addr, sizeof(addr)));
	return 0;
}

int
ctl_print_sap_list(FILE *f, const json_t *r, char *err, size_t len)
{
	static const char *const heads[] = { "ID", "ADDRESS", "BHLI", "BLLI", "CALLS" };
	static const char *const fields[] = { NULL, "addr", "bhli", "blli", "calls" };
	static const bool right[] = { true, false, false, false, true };
	const json_t *m = list_map(r, "saps", "/mcm/sap_list", err, len);

	if (m == NULL)
		return -1;
	return keyed_table(f, m, "/mcm/sap_list", heads, fields, right, 5, cmp_id_keys, NULL,
			   err, len);
}

int
ctl_print_sap_del(FILE *f, const json_t *r, char *err, size_t len)
{
	char id[64];

	if (need_object(r, "/mcm/sap_del", err, len) != 0)
		return -1;
	fprintf(f, "sap %s %s\n", val_of(r, "sap", id, sizeof(id)), str_of(r, "state"));
	return 0;
}

int
ctl_print_oid_get(FILE *f, const json_t *r, char *err, size_t len)
{
	char val[512];

	if (need_object(r, "/mcm/oid_get", err, len) != 0)
		return -1;
	if (json_object_get(r, "vc") != NULL)
		fprintf(f, "%s on VC %s = %s\n", str_of(r, "oid"), str_of(r, "vc"),
			val_of(r, "value", val, sizeof(val)));
	else
		fprintf(f, "%s = %s\n", str_of(r, "oid"), val_of(r, "value", val, sizeof(val)));
	return 0;
}

int
ctl_print_oid_set(FILE *f, const json_t *r, char *err, size_t len)
{
	char val[512];

	if (need_object(r, "/mcm/oid_set", err, len) != 0)
		return -1;
	fprintf(f, "%s set to %s\n", str_of(r, "oid"), val_of(r, "value", val, sizeof(val)));
	return 0;
}

int
ctl_print_oid_list(FILE *f, const json_t *r, char *err, size_t len)
{
	static const char *const heads[] = { "NAME", "ID", "SCOPE", "ACCESS", "TYPE" };
	static const char *const fields[] = { NULL, "id", "scope", "access", "type" };
	static const bool right[] = { false, false, false, false, false };
	const json_t *m = list_map(r, "oids", "/mcm/oid_list", err, len);

	if (m == NULL)
		return -1;
	return keyed_table(f, m, "/mcm/oid_list", heads, fields, right, 5, cmp_names, NULL,
			   err, len);
}

int
ctl_print_capture_start(FILE *f, const json_t *r, char *err, size_t len)
{
	const char *vcs;
	char count[64];

	if (need_object(r, "/mcm/capture_start", err, len) != 0)
		return -1;
	vcs = str_of(r, "vcs");
	if (strcmp(vcs, "all") == 0)
		fprintf(f, "capturing all VCs, signalling included, to %s", str_of(r, "file"));
	else
		fprintf(f, "capturing VC%s %s to %s", strchr(vcs, ' ') != NULL ? "s" : "", vcs,
			str_of(r, "file"));
	if (json_integer_value(json_object_get(r, "count")) > 0)
		fprintf(f, ", %s records at most", val_of(r, "count", count, sizeof(count)));
	fputc('\n', f);
	return 0;
}

int
ctl_print_capture_stop(FILE *f, const json_t *r, char *err, size_t len)
{
	char rec[64], bytes[64], drops[64];
	json_int_t count;

	if (need_object(r, "/mcm/capture_stop", err, len) != 0)
		return -1;
	fprintf(f, "capture %s stopped: %s records, %s bytes, %s dropped", str_of(r, "file"),
		val_of(r, "records", rec, sizeof(rec)), val_of(r, "bytes", bytes, sizeof(bytes)),
		val_of(r, "dropped", drops, sizeof(drops)));
	count = json_integer_value(json_object_get(r, "count"));
	if (count > 0 && json_integer_value(json_object_get(r, "records")) >= count)
		fputs(" (count reached)", f);
	fputc('\n', f);
	return 0;
}

int
ctl_print_json(FILE *f, const json_t *v)
{
	/* reals (RTTs in ms) with 9 significant digits, not 17: 0.65643, not 0.656429999... */
	if (json_dumpf(v, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY |
		       JSON_REAL_PRECISION(9)) != 0)
		return -1;
	fputc('\n', f);
	return 0;
}
