/* SPDX-License-Identifier: BSD-3-Clause
 * mcm-ctl command execution: maps each parsed command onto its /mcm/ telemetry command
 * (doc/telemetry.md), resolves the default port, pages through vc_list, turns error and null
 * replies into one line (with the cause name of a cleared call), gives call make the longer
 * reply timeout of call set-up, and hands good replies to the printers.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "ctl.h"

/* Keep an error text from the application on one line, whatever it holds. */
static void
one_line(char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = ' ';
}

int
ctl_reply_check(const json_t *v, const char *cmd, const char *prefix, char *err, size_t len)
{
	const json_t *e;

	if (json_is_null(v)) {
		snprintf(err, len, "%s is not supported by the application with file prefix '%s' "
			 "(not an mcm application, or an older mcm)", cmd, prefix);
		return CTL_EXIT_FAIL;
	}
	if (!json_is_object(v)) {
		snprintf(err, len, "unexpected reply to %s: not a JSON object", cmd);
		return CTL_EXIT_CONN;
	}
	e = json_object_get(v, "error");
	if (e != NULL) {
		json_int_t code = json_integer_value(json_object_get(v, "code"));
		const json_t *cause = json_object_get(v, "cause");

		if (json_is_string(e) && json_string_length(e) > 0)
			snprintf(err, len, "%s", json_string_value(e));
		else if (code < 0 && code > -4096)
			snprintf(err, len, "%s failed: %s", cmd, strerror((int)-code));
		else
			snprintf(err, len, "%s failed", cmd);
		/* A call cleared by the peer or the network says why (Q.2931 4.5.15). */
		if (json_is_integer(cause)) {
			size_t used = strlen(err);
			char c[160];

			ctl_fmt_cause(json_integer_value(cause), c, sizeof(c));
			snprintf(err + used, len - used, ", %s", c);
		}
		one_line(err);
		return CTL_EXIT_FAIL;
	}
	return CTL_EXIT_OK;
}

int
ctl_call_error(const json_t *v, const char *addr, char *err, size_t len)
{
	const json_t *cause = json_object_get(v, "cause");
	const json_t *e = json_object_get(v, "error");
	json_int_t code = json_integer_value(json_object_get(v, "code"));
	char c[160];

	if (json_is_integer(cause)) {
		ctl_fmt_cause(json_integer_value(cause), c, sizeof(c));
		snprintf(err, len, "call to %s: cleared, %s", addr, c);
	} else if (json_is_string(e) && json_string_length(e) > 0) {
		snprintf(err, len, "call to %s: %s", addr, json_string_value(e));
	} else if (code < 0 && code > -4096) {
		snprintf(err, len, "call to %s: %s", addr, strerror((int)-code));
	} else {
		snprintf(err, len, "call to %s: failed", addr);
	}
	one_line(err);
	return CTL_EXIT_FAIL;
}

/* One request: transport, then the classification of the reply. */
static int
request(struct ctl_tel *t, const struct ctl_opts *o, FILE *out, const char *cmd,
	const char *params, json_t **v, char *err, size_t len)
{
	int rc = ctl_tel_request(t, cmd, params, v, err, len);

	if (rc != CTL_EXIT_OK)
		return rc;
	rc = ctl_reply_check(*v, cmd, o->prefix, err, len);
	if (rc != CTL_EXIT_OK) {
		/* --json users get the error object too; the one line still goes to stderr. */
		if (o->json && json_is_object(*v) && json_object_get(*v, "error") != NULL)
			ctl_print_json(out, *v);
		json_decref(*v);
		*v = NULL;
	}
	return rc;
}

/* The ports of /mcm/ports, checked: returns the "ports" array (borrowed from *reply). */
static int
get_ports(struct ctl_tel *t, const struct ctl_opts *o, FILE *out, json_t **reply,
	  const json_t **ports, char *err, size_t len)
{
	const json_t *p;
	size_t i;
	int rc;

	rc = request(t, o, out, "/mcm/ports", NULL, reply, err, len);
	if (rc != CTL_EXIT_OK)
		return rc;
	p = json_object_get(*reply, "ports");
	if (!json_is_array(p)) {
		snprintf(err, len, "unexpected reply to /mcm/ports: no \"ports\" array");
		goto bad;
	}
	for (i = 0; i < json_array_size(p); i++) {
		json_int_t id = json_integer_value(json_array_get(p, i));

		if (!json_is_integer(json_array_get(p, i)) || id < 0 || id > 65535) {
			snprintf(err, len, "unexpected reply to /mcm/ports: bad port id");
			goto bad;
		}
	}
	if (json_array_size(p) == 0) {
		snprintf(err, len, "no mcm port in the application with file prefix '%s'",
			 o->prefix);
		json_decref(*reply);
		*reply = NULL;
		return CTL_EXIT_FAIL;
	}
	*ports = p;
	return CTL_EXIT_OK;
bad:
	json_decref(*reply);
	*reply = NULL;
	return CTL_EXIT_CONN;
}

/* The port parameter: -p as given, else the first mcm port. */
static int
resolve_port(struct ctl_tel *t, const struct ctl_opts *o, FILE *out, char *port,
	     size_t port_len, char *err, size_t len)
{
	const json_t *ports;
	json_t *reply;
	int rc;

	if (o->port != NULL) {
		snprintf(port, port_len, "%s", o->port);
		return CTL_EXIT_OK;
	}
	rc = get_ports(t, o, out, &reply, &ports, err, len);
	if (rc != CTL_EXIT_OK)
		return rc;
	snprintf(port, port_len, "%" JSON_INTEGER_FORMAT,
		 json_integer_value(json_array_get(ports, 0)));
	json_decref(reply);
	return CTL_EXIT_OK;
}

static int
run_status(struct ctl_tel *t, const struct ctl_opts *o, FILE *out, char *err, size_t len)
{
	const json_t *ports;
	json_t *reply = NULL, *all, *v;
	size_t i;
	int rc;

	if (o->port != NULL) {
		rc = request(t, o, out, "/mcm/status", o->port, &v, err, len);
		if (rc != CTL_EXIT_OK)
			return rc;
		rc = o->json ? ctl_print_json(out, v) : ctl_print_status(out, v, err, len);
		json_decref(v);
		return rc == 0 ? CTL_EXIT_OK : CTL_EXIT_CONN;
	}
	rc = get_ports(t, o, out, &reply, &ports, err, len);
	if (rc != CTL_EXIT_OK)
		return rc;
	/* Every port: a JSON array of status objects, or blocks separated by a blank line. */
	all = json_array();
	for (i = 0; i < json_array_size(ports); i++) {
		char param[24];

		snprintf(param, sizeof(param), "%" JSON_INTEGER_FORMAT,
			 json_integer_value(json_array_get(ports, i)));
		rc = request(t, o, out, "/mcm/status", param, &v, err, len);
		if (rc != CTL_EXIT_OK)
			break;
		json_array_append_new(all, v);
	}
	json_decref(reply);
	if (rc == CTL_EXIT_OK && o->json) {
		ctl_print_json(out, all);
	} else if (rc == CTL_EXIT_OK) {
		json_array_foreach(all, i, v) {
			if (i > 0)
				fputc('\n', out);
			if (ctl_print_status(out, v, err, len) != 0) {
				rc = CTL_EXIT_CONN;
				break;
			}
		}
	}
	json_decref(all);
	return rc;
}

/* Guard against a server whose "next" never reaches -1: 32 VCs a page, 2^28 VCs at most. */
#define VC_LIST_MAX_PAGES (1 << 23)

static int
run_vc_list(struct ctl_tel *t, const struct ctl_opts *o, FILE *out, const char *port,
	    char *err, size_t len)
{
	json_t *vcs = json_object();
	json_t *result, *v = NULL;
	json_int_t start = 0, total = 0;
	long pages = 0;
	int rc;

	for (;;) {
		char param[96];
		const json_t *jtot, *jnext, *jvcs;
		json_int_t next;

		snprintf(param, sizeof(param), "%s,%" JSON_INTEGER_FORMAT, port, start);
		rc = request(t, o, out, "/mcm/vc_list", param, &v, err, len);
		if (rc != CTL_EXIT_OK)
			goto out;
		jtot = json_object_get(v, "total");
		jnext = json_object_get(v, "next");
		jvcs = json_object_get(v, "vcs");
		if (!json_is_integer(jtot) || !json_is_integer(jnext) || !json_is_object(jvcs)) {
			snprintf(err, len, "unexpected reply to /mcm/vc_list: needs \"total\", "
				 "\"next\" and \"vcs\"");
			rc = CTL_EXIT_CONN;
			goto out;
		}
		total = json_integer_value(jtot);
		next = json_integer_value(jnext);
		json_object_update(vcs, (json_t *)jvcs);
		json_decref(v);
		v = NULL;
		if (next == -1)
			break;
		/* Pages move forward and stay within the table, else the reply is inconsistent. */
		if (next <= start || next > total || ++pages > VC_LIST_MAX_PAGES) {
			snprintf(err, len, "unexpected reply to /mcm/vc_list: next %"
				 JSON_INTEGER_FORMAT " after start %" JSON_INTEGER_FORMAT
				 " of %" JSON_INTEGER_FORMAT, next, start, total);
			rc = CTL_EXIT_CONN;
			goto out;
		}
		start = next;
	}
	result = json_pack("{s:I, s:i, s:O}", "total", total, "next", -1, "vcs", vcs);
	if (result == NULL) {
		snprintf(err, len, "out of memory");
		rc = CTL_EXIT_CONN;
		goto out;
	}
	if (o->json)
		ctl_print_json(out, result);
	else if (ctl_print_vc_list(out, result, err, len) != 0)
		rc = CTL_EXIT_CONN;
	json_decref(result);
out:
	json_decref(v);
	json_decref(vcs);
	return rc;
}

typedef int (*printer_t)(FILE *f, const json_t *r, char *err, size_t len);

/* Append ",VPI/VCI" for each capture VC. */
static void
append_vcs(const struct ctl_cmd *c, char *buf, size_t len)
{
	size_t used = strlen(buf);
	int i;

	for (i = 0; i < c->n_vcs && used < len; i++) {
		int n = snprintf(buf + used, len - used, ",%u/%u", c->vcs[i].vpi, c->vcs[i].vci);

		if (n < 0)
			break;
		used += (size_t)n;
	}
}

/* The request of a call-manager command (doc/telemetry.md); NULL for another command. */
static const char *
cm_request(const struct ctl_cmd *c, const char *port, char *params, size_t len,
	   printer_t *print)
{
	switch (c->id) {
	case CTL_CMD_CALL_MAKE: {
		char pcr[24] = "", bwd[24] = "", sdu[24] = "";

		if (c->pcr != 0)
			snprintf(pcr, sizeof(pcr), ",pcr=%u", (unsigned int)c->pcr);
		if (c->bwd_pcr != 0)
			snprintf(bwd, sizeof(bwd), ",bwd_pcr=%u", (unsigned int)c->bwd_pcr);
		if (c->sdu != 0)
			snprintf(sdu, sizeof(sdu), ",sdu=%u", (unsigned int)c->sdu);
		snprintf(params, len, "%s,%s%s%s%s%s%s%s%s%s%s", port, c->addr, pcr, bwd, sdu,
			 c->bhli[0] != '\0' ? ",bhli=" : "", c->bhli,
			 c->blli != NULL ? ",blli=" : "", c->blli != NULL ? c->blli : "",
			 c->proto != NULL ? ",proto=" : "", c->proto != NULL ? c->proto : "");
		*print = ctl_print_call_make;
		return "/mcm/call_make";
	}
	case CTL_CMD_CALL_LIST:
		snprintf(params, len, "%s", port);
		*print = ctl_print_call_list;
		return "/mcm/call_list";
	case CTL_CMD_CALL_RELEASE: {
		char cause[16] = "";

		if (c->cause != 0)
			snprintf(cause, sizeof(cause), ",%u", c->cause);
		if (c->has_vc)
			snprintf(params, len, "%s,%u/%u%s", port, c->vpi, c->vci, cause);
		else
			snprintf(params, len, "%s,%u%s", port, (unsigned int)c->ref, cause);
		*print = ctl_print_call_release;
		return "/mcm/call_release";
	}
	case CTL_CMD_SAP_ADD:
		snprintf(params, len, "%s,%s%s%s%s%s%s%s", port, c->addr,
			 c->bhli[0] != '\0' ? ",bhli=" : "", c->bhli,
			 c->blli != NULL ? ",blli=" : "", c->blli != NULL ? c->blli : "",
			 c->proto != NULL ? ",proto=" : "", c->proto != NULL ? c->proto : "");
		*print = ctl_print_sap_add;
		return "/mcm/sap_add";
	case CTL_CMD_SAP_LIST:
		snprintf(params, len, "%s", port);
		*print = ctl_print_sap_list;
		return "/mcm/sap_list";
	case CTL_CMD_SAP_DEL:
		snprintf(params, len, "%s,%u", port, (unsigned int)c->ref);
		*print = ctl_print_sap_del;
		return "/mcm/sap_del";
	case CTL_CMD_OID_GET:
		if (c->has_vc)
			snprintf(params, len, "%s,%s,%u/%u", port, c->name, c->vpi, c->vci);
		else
			snprintf(params, len, "%s,%s", port, c->name);
		*print = ctl_print_oid_get;
		return "/mcm/oid_get";
	case CTL_CMD_OID_SET:
		snprintf(params, len, "%s,%s,%s", port, c->name, c->value);
		*print = ctl_print_oid_set;
		return "/mcm/oid_set";
	case CTL_CMD_OID_LIST:
		snprintf(params, len, "%s", port);
		*print = ctl_print_oid_list;
		return "/mcm/oid_list";
	case CTL_CMD_CAPTURE_START:
		snprintf(params, len, "%s,%s", port, c->file);
		append_vcs(c, params, len);
		if (c->count > 0) {
			size_t used = strlen(params);

			snprintf(params + used, len - used, ",count=%u", c->count);
		}
		*print = ctl_print_capture_start;
		return "/mcm/capture_start";
	case CTL_CMD_CAPTURE_STOP:
		snprintf(params, len, "%s", port);
		*print = ctl_print_capture_stop;
		return "/mcm/capture_stop";
	default:
		return NULL;
	}
}

/* Commands this mcm-ctl added after the first driver: a null reply means an older mcm. */
static bool
is_cm_cmd(enum ctl_cmd_id id)
{
	return id >= CTL_CMD_CALL_MAKE && id <= CTL_CMD_OAM_CC;
}

int
ctl_run(const struct ctl_opts *o, const struct ctl_cmd *c, FILE *out, char *err, size_t len)
{
	struct ctl_tel t;
	char port[CTL_PORT_MAX_LEN + 1];
	/* One telemetry request holds at most 1023 bytes; a longer one is refused unsent. */
	char params[1100];
	const char *cmd = NULL;
	printer_t print = NULL;
	json_t *v;
	int rc;

	rc = ctl_tel_open(&t, o->prefix, o->timeout, err, len);
	if (rc != CTL_EXIT_OK)
		return rc;
	if (c->id == CTL_CMD_STATUS) {
		rc = run_status(&t, o, out, err, len);
		goto out;
	}
	rc = resolve_port(&t, o, out, port, sizeof(port), err, len);
	if (rc != CTL_EXIT_OK)
		goto out;
	if (c->id == CTL_CMD_VC_LIST) {
		rc = run_vc_list(&t, o, out, port, err, len);
		goto out;
	}
	if (c->id == CTL_CMD_OAM_PING) {
		rc = ctl_run_oam_ping(&t, o, c, port, out, err, len);
		goto out;
	}
	switch (c->id) {
	case CTL_CMD_VC_SHOW:
		cmd = "/mcm/vc_show";
		print = ctl_print_vc_show;
		snprintf(params, sizeof(params), "%s,%u/%u", port, c->vpi, c->vci);
		break;
	case CTL_CMD_PVC_ADD:
		cmd = "/mcm/pvc_add";
		print = ctl_print_pvc_add;
		if (c->pw_label != 0)
			snprintf(params, sizeof(params), "%s,%u/%u,%s,%s%u", port, c->vpi, c->vci,
				 c->encap != NULL ? c->encap : "port", c->pw_pdu ? "pdu:" : "",
				 c->pw_label);
		else
			snprintf(params, sizeof(params), "%s,%u/%u%s%s", port, c->vpi, c->vci,
				 c->encap != NULL ? "," : "", c->encap != NULL ? c->encap : "");
		break;
	case CTL_CMD_PVC_DEL:
		cmd = "/mcm/pvc_del";
		print = ctl_print_pvc_del;
		snprintf(params, sizeof(params), "%s,%u/%u", port, c->vpi, c->vci);
		break;
	case CTL_CMD_BIND_DEFAULT:
		cmd = "/mcm/bind_default";
		print = ctl_print_bind_default;
		snprintf(params, sizeof(params), "%s,%u/%u", port, c->vpi, c->vci);
		break;
	case CTL_CMD_BIND_MAC:
		cmd = "/mcm/bind_mac";
		print = ctl_print_bind_mac;
		snprintf(params, sizeof(params), "%s,%02x:%02x:%02x:%02x:%02x:%02x,%u/%u", port,
			 c->mac[0], c->mac[1], c->mac[2], c->mac[3], c->mac[4], c->mac[5],
			 c->vpi, c->vci);
		break;
	case CTL_CMD_BIND_HASH:
		cmd = "/mcm/bind_hash";
		print = ctl_print_bind_hash;
		snprintf(params, sizeof(params), "%s,%u/%u,%u", port, c->vpi, c->vci, c->count);
		break;
	case CTL_CMD_OAM_CC:
		cmd = "/mcm/oam_cc";
		print = ctl_print_oam_cc;
		snprintf(params, sizeof(params), "%s,%u/%u%s%s", port, c->vpi, c->vci,
			 c->onoff != NULL ? "," : "", c->onoff != NULL ? c->onoff : "");
		break;
	case CTL_CMD_BIND_LIST:
		cmd = "/mcm/bind_list";
		print = ctl_print_bind_list;
		snprintf(params, sizeof(params), "%s", port);
		break;
	default:
		cmd = cm_request(c, port, params, sizeof(params), &print);
		if (cmd != NULL)
			break;
		snprintf(err, len, "internal error: command %d has no request", (int)c->id);
		rc = CTL_EXIT_USAGE;
		goto out;
	}
	/* A SETUP may take 2 x T303 + T310 to be answered or cleared (Q.2931 5.1). */
	if (c->id == CTL_CMD_CALL_MAKE && !o->timeout_given)
		t.timeout = CTL_CALL_TIMEOUT;
	rc = ctl_tel_request(&t, cmd, params, &v, err, len);
	if (rc != CTL_EXIT_OK)
		goto out;
	rc = ctl_reply_check(v, cmd, o->prefix, err, len);
	if (rc != CTL_EXIT_OK) {
		if (json_is_null(v) && is_cm_cmd(c->id))
			snprintf(err, len, "this application's mcm does not support '%s' (no %s "
				 "in the application with file prefix '%s': an older mcm, or not "
				 "an mcm application)", ctl_cmd_words(c->id), cmd, o->prefix);
		else if (c->id == CTL_CMD_CALL_MAKE && json_is_object(v))
			ctl_call_error(v, c->addr, err, len);
		if (o->json && json_is_object(v) && json_object_get(v, "error") != NULL)
			ctl_print_json(out, v);
		json_decref(v);
		goto out;
	}
	if (o->json)
		ctl_print_json(out, v);
	else if (print(out, v, err, len) != 0)
		rc = CTL_EXIT_CONN;
	json_decref(v);
out:
	ctl_tel_close(&t);
	return rc;
}
