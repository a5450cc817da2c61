/* SPDX-License-Identifier: BSD-3-Clause
 * mcm-ctl oam ping: I.610 loopbacks through /mcm/oam_ping (doc/telemetry.md), one request
 * per loopback, in the manner of ping(8): a line per reply, then the summary (sent,
 * received, loss, min/avg/max round-trip time). SIGINT stops the run and still prints the
 * summary. --json prints the same as one document. The run is kept as a JSON object that
 * both printers read, so the human and the JSON output never disagree.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "ctl.h"

#define PING_USAGE "oam ping VPI/VCI|VPI [count N] [interval MS] [timeout MS] [segment|end]"

/* Keywords with a value, each at most once. */
static int
parse_ping_value(const char *kw, const char *v, struct ctl_cmd *c, char *err, size_t len)
{
	if (strcmp(kw, "count") == 0)
		return ctl_parse_num("count", v, 1, CTL_PING_COUNT_MAX, "loopbacks",
				     &c->ping_count, err, len);
	if (strcmp(kw, "interval") == 0)
		return ctl_parse_num("interval", v, 0, CTL_PING_INTERVAL_MAX, "ms",
				     &c->ping_interval_ms, err, len);
	return ctl_parse_num("timeout", v, 1, CTL_PING_TIMEOUT_MAX, "ms (I.610 loopback reply)",
			     &c->ping_timeout_ms, err, len);
}

int
ctl_parse_oam_ping(char **args, int nargs, struct ctl_cmd *c, char *err, size_t len)
{
	static const char *const kws[] = { "count", "interval", "timeout", "segment|end" };
	unsigned int seen = 0;
	int i;

	c->ping_count = CTL_PING_COUNT;
	c->ping_interval_ms = CTL_PING_INTERVAL_MS;
	c->ping_timeout_ms = CTL_PING_TIMEOUT_MS;
	if (strchr(args[0], '/') != NULL) {
		/* F5 on a VC: a client VC, or the signalling VC 0/5 */
		if (ctl_parse_vc(args[0], &c->vpi, &c->vci, err, len) != 0 ||
		    (!(c->vpi == 0 && c->vci == 5) &&
		     ctl_check_client_vc(c->vpi, c->vci, err, len) != 0))
			return -1;
		c->has_vc = true;
	} else {
		uint32_t vpi;

		/* F4 on the VP (I.610 F4 flow: VCI 3 segment, 4 end-to-end) */
		if (ctl_parse_num("VPI", args[0], 0, CTL_VPI_MAX, "(F4: a VPI alone; F5: "
				  "VPI/VCI)", &vpi, err, len) != 0)
			return -1;
		c->vpi = (uint16_t)vpi;
	}
	for (i = 1; i < nargs; i++) {
		bool flow = strcmp(args[i], "segment") == 0 || strcmp(args[i], "end") == 0;
		unsigned int k;

		for (k = 0; k < 3 && strcmp(args[i], kws[k]) != 0; k++)
			;
		if (flow) {
			k = 3;
		} else if (k == 3) {
			snprintf(err, len, "unknown word '%s' for 'oam ping': usage: mcm-ctl %s",
				 args[i], PING_USAGE);
			return -1;
		}
		if (seen & 1u << k) {
			snprintf(err, len, "'%s' given twice", kws[k]);
			return -1;
		}
		seen |= 1u << k;
		if (flow) {
			c->ping_segment = args[i][0] == 's';
			continue;
		}
		if (i + 1 >= nargs) {
			snprintf(err, len, "'%s' needs a value: usage: mcm-ctl %s", args[i],
				 PING_USAGE);
			return -1;
		}
		if (parse_ping_value(args[i], args[i + 1], c, err, len) != 0)
			return -1;
		i++;
	}
	return 0;
}

static volatile sig_atomic_t ping_stop;

static void
on_sigint(int sig)
{
	(void)sig;
	ping_stop = 1;
}

static double
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Sleep until @p until (ms, CLOCK_MONOTONIC) or SIGINT. */
static void
sleep_until(double until)
{
	double left;

	while (!ping_stop && (left = until - mono_ms()) > 0) {
		long long ns = (long long)(left * 1e6);
		struct timespec ts = { .tv_sec = (time_t)(ns / 1000000000),
				       .tv_nsec = (long)(ns % 1000000000) };

		nanosleep(&ts, NULL);   /* SIGINT ends it early */
	}
}

static const char *
flow_label(const char *flow)
{
	if (strcmp(flow, "f5_segment") == 0 || strcmp(flow, "f4_segment") == 0)
		return strncmp(flow, "f5", 2) == 0 ? "F5 segment" : "F4 segment";
	return strncmp(flow, "f5", 2) == 0 ? "F5 end-to-end" : "F4 end-to-end";
}

/* "0/100" for F5, "VP 7" for F4 */
static void
target_name(const json_t *run, char *buf, size_t len)
{
	const char *flow = json_string_value(json_object_get(run, "flow"));
	json_int_t vpi = json_integer_value(json_object_get(run, "vpi"));

	if (flow != NULL && strncmp(flow, "f4", 2) == 0)
		snprintf(buf, len, "VP %" JSON_INTEGER_FORMAT, vpi);
	else
		snprintf(buf, len, "%" JSON_INTEGER_FORMAT "/%" JSON_INTEGER_FORMAT, vpi,
			 json_integer_value(json_object_get(run, "vci")));
}

int
ctl_print_ping_line(FILE *f, const json_t *run, const json_t *ping, char *err, size_t len)
{
	const json_t *res = json_object_get(ping, "result");
	json_int_t seq = json_integer_value(json_object_get(ping, "seq"));
	json_int_t tag = json_integer_value(json_object_get(ping, "tag"));
	char t[32];

	if (!json_is_string(res)) {
		snprintf(err, len, "unexpected ping record: no \"result\"");
		return -1;
	}
	target_name(run, t, sizeof(t));
	if (strcmp(json_string_value(res), "reply") == 0)
		fprintf(f, "reply from %s: seq=%" JSON_INTEGER_FORMAT " tag=0x%08" PRIx64
			" time=%.3f ms\n", t, seq, (uint64_t)tag,
			json_real_value(json_object_get(ping, "rtt_ms")));
	else if (strcmp(json_string_value(res), "timeout") == 0)
		fprintf(f, "no reply from %s: seq=%" JSON_INTEGER_FORMAT " tag=0x%08" PRIx64
			" timeout %" JSON_INTEGER_FORMAT " ms\n", t, seq, (uint64_t)tag,
			json_integer_value(json_object_get(run, "timeout_ms")));
	else
		fprintf(f, "not sent to %s: seq=%" JSON_INTEGER_FORMAT ": %s\n", t, seq,
			json_is_string(json_object_get(ping, "error")) ?
			json_string_value(json_object_get(ping, "error")) : "?");
	return 0;
}

int
ctl_print_ping_summary(FILE *f, const json_t *run, char *err, size_t len)
{
	json_int_t sent = json_integer_value(json_object_get(run, "sent"));
	json_int_t recv = json_integer_value(json_object_get(run, "received"));
	char t[32];

	if (!json_is_integer(json_object_get(run, "sent")) ||
	    !json_is_integer(json_object_get(run, "received"))) {
		snprintf(err, len, "unexpected ping summary: no \"sent\" or \"received\"");
		return -1;
	}
	target_name(run, t, sizeof(t));
	fprintf(f, "\n--- %s OAM loopback statistics ---\n", t);
	fprintf(f, "%" JSON_INTEGER_FORMAT " sent, %" JSON_INTEGER_FORMAT " received, %g%% loss, "
		"time %.0f ms\n", sent, recv,
		json_real_value(json_object_get(run, "loss_pct")),
		json_real_value(json_object_get(run, "time_ms")));
	if (recv > 0)
		fprintf(f, "rtt min/avg/max = %.3f/%.3f/%.3f ms\n",
			json_real_value(json_object_get(run, "rtt_min_ms")),
			json_real_value(json_object_get(run, "rtt_avg_ms")),
			json_real_value(json_object_get(run, "rtt_max_ms")));
	return 0;
}

/* The totals of @p run from its "pings". */
static void
ping_totals(json_t *run, json_int_t sent, double elapsed_ms)
{
	double min = 0, max = 0, sum = 0;
	json_int_t recv = 0;
	const json_t *p;
	size_t i;

	json_array_foreach(json_object_get(run, "pings"), i, p) {
		double rtt;

		if (strcmp(json_string_value(json_object_get(p, "result")), "reply") != 0)
			continue;
		rtt = json_real_value(json_object_get(p, "rtt_ms"));
		min = recv == 0 || rtt < min ? rtt : min;
		max = recv == 0 || rtt > max ? rtt : max;
		sum += rtt;
		recv++;
	}
	json_object_set_new(run, "sent", json_integer(sent));
	json_object_set_new(run, "received", json_integer(recv));
	json_object_set_new(run, "loss_pct", json_real(sent > 0 ? (double)(sent - recv) * 100.0 /
						      (double)sent : 0.0));
	json_object_set_new(run, "time_ms", json_real(elapsed_ms));
	json_object_set_new(run, "rtt_min_ms", recv > 0 ? json_real(min) : json_null());
	json_object_set_new(run, "rtt_avg_ms", recv > 0 ? json_real(sum / (double)recv) :
							  json_null());
	json_object_set_new(run, "rtt_max_ms", recv > 0 ? json_real(max) : json_null());
}

/* One loopback: its record, or an exit status with err filled (the run stops). */
static int
ping_once(struct ctl_tel *t, const struct ctl_opts *o, const char *params, json_int_t seq,
	  json_t **rec, char *err, size_t len)
{
	const json_t *res, *rtt;
	json_int_t code;
	json_t *v;
	int rc;

	rc = ctl_tel_request(t, "/mcm/oam_ping", params, &v, err, len);
	if (rc != CTL_EXIT_OK)
		return rc;
	code = json_integer_value(json_object_get(v, "code"));
	/* not sent this time (port stopped, link down, too many pings): a lost loopback */
	if (json_is_object(v) && json_object_get(v, "error") != NULL &&
	    (code == -EAGAIN || code == -EBUSY)) {
		*rec = json_pack("{s:I, s:s, s:O}", "seq", seq, "result", "not_sent", "error",
				 json_object_get(v, "error"));
		json_decref(v);
		return CTL_EXIT_OK;
	}
	rc = ctl_reply_check(v, "/mcm/oam_ping", o->prefix, err, len);
	if (rc != CTL_EXIT_OK) {
		if (json_is_null(v))
			snprintf(err, len, "this application's mcm does not support 'oam ping' "
				 "(no /mcm/oam_ping in the application with file prefix '%s')",
				 o->prefix);
		json_decref(v);
		return rc;
	}
	res = json_object_get(v, "result");
	rtt = json_object_get(v, "rtt_ns");
	if (!json_is_string(res) || !json_is_integer(rtt) ||
	    !json_is_integer(json_object_get(v, "tag"))) {
		snprintf(err, len, "unexpected reply to /mcm/oam_ping: needs \"result\", \"tag\" "
			 "and \"rtt_ns\"");
		json_decref(v);
		return CTL_EXIT_CONN;
	}
	*rec = json_pack("{s:I, s:O, s:O}", "seq", seq, "tag", json_object_get(v, "tag"),
			 "result", res);
	if (strcmp(json_string_value(res), "reply") == 0)
		json_object_set_new(*rec, "rtt_ms",
				    json_real((double)json_integer_value(rtt) / 1e6));
	json_decref(v);
	return CTL_EXIT_OK;
}

/* The first line, once the application took the first loopback (a refusal prints only
 * itself); *@p shown says it is out.
 */
static void
print_header(FILE *out, const json_t *run, const char *port, const struct ctl_cmd *c,
	     bool *shown)
{
	const char *flow = json_string_value(json_object_get(run, "flow"));
	char t[32];

	if (*shown)
		return;
	*shown = true;
	target_name(run, t, sizeof(t));
	fprintf(out, "OAM PING %s %s on port %s: %u loopbacks, interval %u ms, timeout %u ms\n",
		t, flow_label(flow), port, c->ping_count, c->ping_interval_ms,
		c->ping_timeout_ms);
}

int
ctl_run_oam_ping(struct ctl_tel *t, const struct ctl_opts *o, const struct ctl_cmd *c,
		 const char *port, FILE *out, char *err, size_t len)
{
	const char *flow = c->has_vc ? (c->ping_segment ? "f5_segment" : "f5_end") :
				       (c->ping_segment ? "f4_segment" : "f4_end");
	struct sigaction sa = { .sa_handler = on_sigint }, old;
	double start = mono_ms(), next = start;
	json_int_t seq, sent = 0;
	char params[160], tname[32];
	json_t *run, *pings = json_array();
	int rc = CTL_EXIT_OK;
	bool shown = false;

	if (c->has_vc)
		snprintf(params, sizeof(params), "%s,%u/%u,%s,%u", port, c->vpi, c->vci,
			 c->ping_segment ? "segment" : "end", c->ping_timeout_ms);
	else
		snprintf(params, sizeof(params), "%s,%u,%s,%u", port, c->vpi,
			 c->ping_segment ? "segment" : "end", c->ping_timeout_ms);
	run = json_pack("{s:s, s:i, s:i, s:s, s:I, s:I, s:I, s:o}", "port", port, "vpi",
			(int)c->vpi, "vci", c->has_vc ? (int)c->vci : c->ping_segment ? 3 : 4,
			"flow", flow, "count", (json_int_t)c->ping_count, "interval_ms",
			(json_int_t)c->ping_interval_ms, "timeout_ms",
			(json_int_t)c->ping_timeout_ms, "pings", pings);
	if (run == NULL) {
		snprintf(err, len, "out of memory");
		return CTL_EXIT_CONN;
	}
	/* each reply comes after the loopback's own timeout at most */
	t->timeout = o->timeout + c->ping_timeout_ms / 1e3;
	t->stop = &ping_stop;
	ping_stop = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);
	target_name(run, tname, sizeof(tname));
	for (seq = 1; seq <= (json_int_t)c->ping_count && !ping_stop; seq++) {
		json_t *rec = NULL;

		sleep_until(next);
		if (ping_stop)
			break;
		next = mono_ms() + c->ping_interval_ms;
		rc = ping_once(t, o, params, seq, &rec, err, len);
		if (rc != CTL_EXIT_OK) {
			/* interrupted while waiting: sent, never answered */
			if (ping_stop) {
				sent++;
				rc = CTL_EXIT_OK;
				json_array_append_new(pings, json_pack("{s:I, s:s}", "seq", seq,
								       "result", "interrupted"));
			}
			break;
		}
		sent++;
		json_array_append_new(pings, rec);
		if (!o->json) {
			print_header(out, run, port, c, &shown);
			ctl_print_ping_line(out, run, rec, err, len);
		}
		fflush(out);
	}
	sigaction(SIGINT, &old, NULL);
	t->stop = NULL;
	/* an error before any loopback went out: only the error, as for other commands */
	if (rc != CTL_EXIT_OK && sent == 0) {
		json_decref(run);
		return rc;
	}
	ping_totals(run, sent, mono_ms() - start);
	json_object_set_new(run, "interrupted", json_boolean(ping_stop));
	if (o->json) {
		ctl_print_json(out, run);
	} else {
		print_header(out, run, port, c, &shown);   /* interrupted in the first loopback */
		ctl_print_ping_summary(out, run, err, len);
	}
	/* as ping(8): 0 if any reply came, 1 if none */
	if (rc == CTL_EXIT_OK &&
	    json_integer_value(json_object_get(run, "received")) == 0) {
		snprintf(err, len, "no reply from %s: %" JSON_INTEGER_FORMAT " sent, 100%% loss",
			 tname, sent);
		rc = CTL_EXIT_FAIL;
	}
	json_decref(run);
	return rc;
}
