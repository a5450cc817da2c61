/* SPDX-License-Identifier: BSD-3-Clause
 * mcm-ctl against a fake telemetry server. The server listens on the SOCK_SEQPACKET socket of
 * a unique file prefix (<runtime dir>/dpdk/<prefix>/dpdk_telemetry.v2) and answers like a DPDK
 * application with two mcm ports would (call manager included: calls, SAPs, OIDs, capture, a
 * call that takes longer than the default timeout to connect), or misbehaves on purpose:
 * error and null replies,
 * garbage, truncated and oversized replies, silence, an early close, no server at all. The
 * real mcm-ctl executable (argv[1]) runs against it; exit code, stdout, stderr and the
 * requests it sent are checked.
 *
 * Usage: test_ctl_server PATH_TO_MCM_CTL
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"
#include "ctl_test.h"

enum mode {
	M_OK,          /* a well-behaved mcm application */
	M_NULL,        /* every command unknown: {"cmd": null} */
	M_GARBAGE,     /* a reply that is not JSON */
	M_TRUNCATED,   /* a reply cut in the middle */
	M_OVERSIZE,    /* greeting says 256 bytes, reply is longer */
	M_SILENT,      /* greeting, then never answers */
	M_NO_GREETING, /* accepts, never sends the greeting */
	M_CLOSE,       /* accepts and closes (DPDK's answer beyond 10 clients) */
	M_WRONG_CMD,   /* answers for another command */
	M_BAD_PAGING,  /* vc_list "next" never advances */
	M_NO_PORTS,    /* an mcm application with no mcm port */
	M_NOT_TELEMETRY, /* greeting that is not a telemetry greeting */
	M_SIG,         /* M_OK, with signalling on: status has the call-manager fields */
};

/* Addresses the fake call manager knows (40 hex digits, as sent). */
#define ADDR_OK "47000580ffe1000000f21a33220020481a332200"
#define ADDR_NO_ROUTE "39000000000000000000000000000000000000aa"
#define ADDR_SLOW "49000000000000000000000000000000000000bb"
#define ADDR_SIG_OFF "45000000000000000000000000000000000000cc"
/* How long the fake takes to connect a call to ADDR_SLOW: more than the 5 s default. */
#define SLOW_MS 5600

static atomic_int mode;
static atomic_bool stop;
static int listen_fd = -1;
static char sock_path[sizeof(((struct sockaddr_un *)0)->sun_path)];
static char sock_dir[256];
static char prefix[64];
static const char *mcm_ctl;
static pthread_t server_thread;

/* Requests seen by the server, joined with '\n', reset before each run. */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static char req_log[8192];

static void
log_request(const char *r)
{
	pthread_mutex_lock(&log_lock);
	if (strlen(req_log) + strlen(r) + 2 < sizeof(req_log)) {
		strcat(req_log, r);
		strcat(req_log, "\n");
	}
	pthread_mutex_unlock(&log_lock);
}

static void
sendf(int fd, const char *fmt, ...)
{
	char buf[20000];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0 && send(fd, buf, (size_t)n, MSG_NOSIGNAL) < 0)
		perror("fake server send");
}

/* Port parameter to port id, -1 when it is not one of ours. */
static int
port_of(const char *p)
{
	if (strcmp(p, "2") == 0 || strcmp(p, "net_mcm0") == 0)
		return 2;
	if (strcmp(p, "3") == 0 || strcmp(p, "net_mcm1") == 0)
		return 3;
	return -1;
}

#define N_VCS 40
/* VCs of the fake: 0/100..0/138 and 1/32 (41st key sorts last). */
static void
vc_key(int i, char *buf, size_t len)
{
	if (i == N_VCS - 1)
		snprintf(buf, len, "1/32");
	else
		snprintf(buf, len, "0/%d", 100 + i);
}

static void
reply_vc_list(int fd, const char *cmd, int start)
{
	char body[16384];
	size_t used = 0;
	int i, end = start + 32 < N_VCS ? start + 32 : N_VCS;

	for (i = start; i < end; i++) {
		char key[16];

		vc_key(i, key, sizeof(key));
		used += (size_t)snprintf(body + used, sizeof(body) - used,
			"%s\"%s\":{\"type\":\"pvc\",\"state\":\"active\",\"oper\":\"%s\","
			"\"oam\":\"%s\",\"cause\":\"%s\",\"aal\":5,\"encap\":"
			"\"llc\",\"tx_pdus\":%d,\"rx_pdus\":%d,\"errors\":0}",
			i > start ? "," : "", key, i == 1 ? "down" : "up", i == 1 ? "ais" : "",
			i == 1 ? "pw_lost" : "", i * 10, i * 10 + 1);
	}
	if (atomic_load(&mode) == M_BAD_PAGING)
		end = 0;
	sendf(fd, "{\"%s\":{\"total\":%d,\"next\":%d,\"vcs\":{%s}}}", cmd, N_VCS,
	      end < N_VCS ? end : -1, body);
}

/* Wait up to @p ms, unless mcm-ctl closes the connection first: returns false then. */
static bool
linger(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) == 0;
}

/* The call-manager commands of doc/telemetry.md; returns false for another command. */
static bool
reply_cm(int fd, const char *cmd, char **args, int n, int port)
{
	const char *a1 = n > 1 ? args[1] : "";

	if (strcmp(cmd, "/mcm/call_make") == 0) {
		if (strcmp(a1, ADDR_NO_ROUTE) == 0) {
			sendf(fd, "{\"%s\":{\"error\":\"call cleared by the network\",\"code\":%d,"
			      "\"cause\":3}}", cmd, -ECONNREFUSED);
			return true;
		}
		if (strcmp(a1, ADDR_SIG_OFF) == 0) {
			sendf(fd, "{\"%s\":{\"error\":\"signalling is off on net_mcm%d\","
			      "\"code\":%d}}", cmd, port - 2, -ENOTSUP);
			return true;
		}
		if (strcmp(a1, ADDR_SLOW) == 0 && !linger(fd, SLOW_MS))
			return true;
		sendf(fd, "{\"%s\":{\"call\":3,\"vc\":\"0/32\",\"vpi\":0,\"vci\":32,"
		      "\"state\":\"active\",\"called\":\"%s\"}}", cmd, a1);
	} else if (strcmp(cmd, "/mcm/call_list") == 0) {
		sendf(fd, "{\"%s\":{\"total\":2,\"calls\":{\"3\":{\"vc\":\"0/32\",\"state\":"
		      "\"active\",\"uni_state\":\"U10\",\"direction\":\"out\",\"called\":\"%s\","
		      "\"calling\":\"\",\"pcr\":1000,\"sap\":0,\"owner\":\"app\"},\"4\":{\"vc\":"
		      "\"0/33\",\"state\":\"active\",\"uni_state\":\"U10\",\"direction\":\"in\","
		      "\"called\":\"%s\",\"calling\":\"%s\",\"pcr\":0,\"blli\":"
		      "\"vcmux-routed/ipv6\",\"sap\":2,\"owner\":\"bridge\"}}}}", cmd, ADDR_OK,
		      ADDR_OK, ADDR_NO_ROUTE);
	} else if (strcmp(cmd, "/mcm/call_release") == 0) {
		if (strcmp(a1, "3") == 0 || strcmp(a1, "0/32") == 0)
			sendf(fd, "{\"%s\":{\"call\":3,\"vc\":\"0/32\",\"state\":\"released\","
			      "\"cause\":%d}}", cmd, n > 2 ? atoi(args[2]) : 16);
		else
			sendf(fd, "{\"%s\":{\"error\":\"no call %s on net_mcm%d\",\"code\":%d}}",
			      cmd, a1, port - 2, -ENOENT);
	} else if (strcmp(cmd, "/mcm/sap_add") == 0) {
		sendf(fd, "{\"%s\":{\"sap\":2,\"addr\":\"%s\"}}", cmd, a1);
	} else if (strcmp(cmd, "/mcm/sap_list") == 0) {
		sendf(fd, "{\"%s\":{\"total\":2,\"saps\":{\"2\":{\"addr\":\"any\",\"bhli\":"
		      "\"\",\"blli\":\"\",\"calls\":1},\"1\":{\"addr\":\"%s\",\"bhli\":\"0102\","
		      "\"blli\":\"llc\",\"calls\":0}}}}", cmd, ADDR_OK);
	} else if (strcmp(cmd, "/mcm/sap_del") == 0) {
		if (strcmp(a1, "2") == 0)
			sendf(fd, "{\"%s\":{\"sap\":2,\"state\":\"deleted\"}}", cmd);
		else
			sendf(fd, "{\"%s\":{\"error\":\"no SAP %s on net_mcm%d\",\"code\":%d}}",
			      cmd, a1, port - 2, -ENOENT);
	} else if (strcmp(cmd, "/mcm/oid_get") == 0) {
		if (strcmp(a1, "max_sdu") == 0 && n > 2)
			sendf(fd, "{\"%s\":{\"oid\":\"max_sdu\",\"id\":\"0x02000001\",\"value\":"
			      "1528,\"vc\":\"%s\"}}", cmd, args[2]);
		else if (strcmp(a1, "max_sdu") == 0)
			sendf(fd, "{\"%s\":{\"oid\":\"max_sdu\",\"id\":\"0x01000001\",\"value\":"
			      "9180}}", cmd);
		else
			sendf(fd, "{\"%s\":{\"error\":\"unknown OID %s\",\"code\":%d}}", cmd, a1,
			      -ENOENT);
	} else if (strcmp(cmd, "/mcm/oid_set") == 0) {
		sendf(fd, "{\"%s\":{\"oid\":\"%s\",\"value\":\"%s\"}}", cmd, a1,
		      n > 2 ? args[2] : "");
	} else if (strcmp(cmd, "/mcm/oid_list") == 0) {
		sendf(fd, "{\"%s\":{\"oids\":{\"max_sdu\":{\"id\":\"0x01000001\",\"scope\":"
		      "\"port\",\"access\":\"rw\",\"type\":\"u32\"},\"addr\":{\"id\":"
		      "\"0x01000002\",\"scope\":\"port\",\"access\":\"rw\",\"type\":"
		      "\"address\"}}}}", cmd);
	} else if (strcmp(cmd, "/mcm/capture_start") == 0) {
		char vcs[128] = "";
		unsigned long count = 0;

		for (int i = 2; i < n; i++) {
			if (strncmp(args[i], "count=", 6) == 0) {
				count = strtoul(args[i] + 6, NULL, 10);
				continue;
			}
			snprintf(vcs + strlen(vcs), sizeof(vcs) - strlen(vcs), "%s%s",
				 vcs[0] != '\0' ? " " : "", args[i]);
		}
		sendf(fd, "{\"%s\":{\"file\":\"%s\",\"vcs\":\"%s\",\"count\":%lu}}", cmd, a1,
		      vcs[0] != '\0' ? vcs : "all", count);
	} else if (strcmp(cmd, "/mcm/oam_ping") == 0) {
		/* 0/100 and VP 7 answer, 0/101 never does, 0/102 cannot be sent */
		if (strcmp(a1, "0/100") == 0 || strcmp(a1, "7") == 0)
			sendf(fd, "{\"%s\":{\"port\":%d,\"vpi\":0,\"vci\":100,\"flow\":"
			      "\"f5_end\",\"tag\":180092929,\"timeout_ms\":%s,\"result\":"
			      "\"reply\",\"rtt_ns\":250000}}", cmd, port, n > 3 ? args[3] : "0");
		else if (strcmp(a1, "0/101") == 0)
			sendf(fd, "{\"%s\":{\"port\":%d,\"vpi\":0,\"vci\":101,\"flow\":"
			      "\"f5_end\",\"tag\":16,\"timeout_ms\":%s,\"result\":"
			      "\"timeout\",\"rtt_ns\":0}}", cmd, port, n > 3 ? args[3] : "0");
		else if (strcmp(a1, "0/102") == 0)
			sendf(fd, "{\"%s\":{\"error\":\"cannot send: port stopped or lower link "
			      "down\",\"code\":%d}}", cmd, -EAGAIN);
		else
			sendf(fd, "{\"%s\":{\"error\":\"no VC %s\",\"code\":%d}}", cmd, a1,
			      -ENOENT);
	} else if (strcmp(cmd, "/mcm/capture_stop") == 0) {
		sendf(fd, "{\"%s\":{\"file\":\"/tmp/c.pcap\",\"records\":12,\"bytes\":3456,"
		      "\"dropped\":1}}", cmd);
	} else {
		return false;
	}
	return true;
}

/* The well-behaved application: doc/telemetry.md replies for ports 2 and 3. */
static void
reply_ok(int fd, const char *cmd, char *params)
{
	char *args[12] = { NULL };
	char *save = NULL;
	int n = 0, port;

	for (char *a = strtok_r(params, ",", &save); a != NULL && n < 12;
	     a = strtok_r(NULL, ",", &save))
		args[n++] = a;
	if (strcmp(cmd, "/mcm/ports") == 0) {
		if (atomic_load(&mode) == M_NO_PORTS)
			sendf(fd, "{\"%s\":{\"ports\":[],\"names\":[]}}", cmd);
		else
			sendf(fd, "{\"%s\":{\"ports\":[2,3],\"names\":[\"net_mcm0\","
			      "\"net_mcm1\"]}}", cmd);
		return;
	}
	if (strncmp(cmd, "/mcm/", 5) != 0 || strcmp(cmd, "/mcm/frob") == 0) {
		sendf(fd, "{\"%s\":null}", cmd);
		return;
	}
	port = n > 0 ? port_of(args[0]) : -1;
	if (port < 0) {
		sendf(fd, "{\"%s\":{\"error\":\"port %s is not an mcm port\",\"code\":%d}}", cmd,
		      n > 0 ? args[0] : "", -ENODEV);
		return;
	}
	if (strcmp(cmd, "/mcm/status") == 0 && atomic_load(&mode) == M_SIG) {
		sendf(fd, "{\"%s\":{\"port_id\":%d,\"name\":\"net_mcm%d\",\"role\":\"user\","
		      "\"sig\":\"on\",\"addr\":\"%s\",\"sscop_state\":\"READY\",\"uni_state\":"
		      "\"up\",\"calls\":2,\"saps\":1,\"vcs\":3}}", cmd, port, port - 2, ADDR_OK);
	} else if (strcmp(cmd, "/mcm/status") == 0) {
		sendf(fd, "{\"%s\":{\"port_id\":%d,\"name\":\"net_mcm%d\",\"role\":\"user\","
		      "\"lower\":\"net_memif%d\",\"link\":\"up\",\"vcs\":1,\"default_vc\":"
		      "\"0/100\",\"cells_in\":18446744073709551}}", cmd, port, port - 2, port - 2);
	} else if (reply_cm(fd, cmd, args, n, port)) {
		return;
	} else if (strcmp(cmd, "/mcm/vc_list") == 0) {
		reply_vc_list(fd, cmd, n > 1 ? atoi(args[1]) : 0);
	} else if (strcmp(cmd, "/mcm/vc_show") == 0) {
		if (n > 1 && strcmp(args[1], "0/100") == 0)
			sendf(fd, "{\"%s\":{\"vc\":\"0/100\",\"vpi\":0,\"vci\":100,"
			      "\"type\":\"pvc\",\"state\":\"active\",\"aal\":5,\"tx_cells\":42}}",
			      cmd);
		else
			sendf(fd, "{\"%s\":{\"error\":\"no VC %s on net_mcm%d\",\"code\":%d}}", cmd,
			      n > 1 ? args[1] : "", port - 2, -ENOENT);
	} else if (strcmp(cmd, "/mcm/pvc_add") == 0) {
		if (n > 1 && strcmp(args[1], "0/100") == 0)
			sendf(fd, "{\"%s\":{\"error\":\"VC 0/100 already exists on net_mcm%d\","
			      "\"code\":%d}}", cmd, port - 2, -EEXIST);
		else if (n > 3)   /* a PW label: [sdu:|pdu:]LABEL */
			sendf(fd, "{\"%s\":{\"vc\":\"%s\",\"state\":\"active\",\"encap\":\"%s\","
			      "\"pw\":\"%s\",\"pw_label\":%s}}", cmd, args[1], args[2],
			      strncmp(args[3], "pdu:", 4) == 0 ? "pdu" : "sdu",
			      strchr(args[3], ':') != NULL ? strchr(args[3], ':') + 1 : args[3]);
		else
			sendf(fd, "{\"%s\":{\"vc\":\"%s\",\"state\":\"active\",\"encap\":\"%s\"}}",
			      cmd, n > 1 ? args[1] : "", n > 2 ? args[2] : "llc");
	} else if (strcmp(cmd, "/mcm/pvc_del") == 0) {
		if (n > 1 && strcmp(args[1], "0/200") == 0)
			sendf(fd, "{\"%s\":{\"vc\":\"0/200\",\"state\":\"deleted\"}}", cmd);
		else
			sendf(fd, "{\"%s\":{\"error\":\"no VC %s on net_mcm%d\",\"code\":%d}}", cmd,
			      n > 1 ? args[1] : "", port - 2, -ENOENT);
	} else if (strcmp(cmd, "/mcm/oam_cc") == 0) {
		sendf(fd, "{\"%s\":{\"vc\":\"%s\",\"cc\":\"%s\"}}", cmd, n > 1 ? args[1] : "",
		      n > 2 ? args[2] : "off");
	} else if (strcmp(cmd, "/mcm/bind_default") == 0) {
		sendf(fd, "{\"%s\":{\"default_vc\":\"%s\"}}", cmd, n > 1 ? args[1] : "");
	} else if (strcmp(cmd, "/mcm/bind_mac") == 0) {
		sendf(fd, "{\"%s\":{\"mac\":\"%s\",\"vc\":\"%s\"}}", cmd, n > 1 ? args[1] : "",
		      n > 2 ? args[2] : "");
	} else if (strcmp(cmd, "/mcm/bind_list") == 0) {
		sendf(fd, "{\"%s\":{\"default_vc\":\"0/100\",\"macs\":{\"02:00:00:00:00:09\":"
		      "\"0/101\"},\"macs_total\":1}}", cmd);
	} else {
		sendf(fd, "{\"%s\":null}", cmd);
	}
}

/* Serve one connection according to the current mode. */
static void
serve(int fd)
{
	int m = atomic_load(&mode);
	char buf[1024];
	ssize_t n;

	if (m == M_CLOSE)
		return;
	if (m == M_NOT_TELEMETRY)
		sendf(fd, "220 smtp.example ESMTP");
	else if (m != M_NO_GREETING)
		sendf(fd, "{\"version\":\"DPDK 22.11.11\",\"pid\":%d,\"max_output_len\":%d}",
		      (int)getpid(), m == M_OVERSIZE ? 256 : 16384);
	while ((n = recv(fd, buf, sizeof(buf) - 1, 0)) > 0) {
		char *comma, *params = "";

		buf[n] = '\0';
		log_request(buf);
		comma = strchr(buf, ',');
		if (comma != NULL) {
			*comma = '\0';
			params = comma + 1;
		}
		switch (m) {
		case M_NULL:
			sendf(fd, "{\"%s\":null}", buf);
			break;
		case M_GARBAGE:
			sendf(fd, "this is not JSON");
			break;
		case M_TRUNCATED:
			sendf(fd, "{\"%s\":{\"ports\":[2,", buf);
			break;
		case M_OVERSIZE:
			sendf(fd, "{\"%s\":{\"ports\":[2],\"pad\":\"%0300d\"}}", buf, 0);
			break;
		case M_SILENT:
		case M_NO_GREETING:
			break;
		case M_WRONG_CMD:
			sendf(fd, "{\"/eal/params\":{}}");
			break;
		default:
			reply_ok(fd, buf, params);
			break;
		}
	}
}

static void *
server_main(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop)) {
		struct pollfd p = { .fd = listen_fd, .events = POLLIN };
		int fd;

		if (poll(&p, 1, 50) <= 0)
			continue;
		fd = accept(listen_fd, NULL, NULL);
		if (fd < 0)
			continue;
		serve(fd);
		close(fd);
	}
	return NULL;
}

static int
listen_on(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_SEQPACKET, 0);

	memcpy(a.sun_path, sock_path, sizeof(sock_path));
	unlink(sock_path);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, 4) != 0) {
		perror("fake server socket");
		exit(1);
	}
	return fd;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *s = calloc(1, 65536);
	size_t n = 0;

	if (f != NULL) {
		n = fread(s, 1, 65535, f);
		fclose(f);
	}
	s[n] = '\0';
	return s;
}

struct result {
	int rc;
	double secs;
	char *out;
	char *err;
};

/* When > 0: run() sends SIGINT to mcm-ctl once it ran this long (oam ping's Ctrl-C). */
static double run_sigint_s;

/* Run mcm-ctl -f PREFIX args... with a 15 s watchdog; collects exit code and output. */
static struct result
run(const char *const *args)
{
	bool interrupted = false;
	char out_path[300], err_path[300];
	struct result r = { .rc = -1 };
	struct timespec t0, t1;
	char *argv[32];
	int i = 0, status;
	pid_t pid;

	snprintf(out_path, sizeof(out_path), "%s/out", sock_dir);
	snprintf(err_path, sizeof(err_path), "%s/err", sock_dir);
	argv[i++] = (char *)mcm_ctl;
	argv[i++] = "-f";
	argv[i++] = prefix;
	for (; *args != NULL && i < 31; args++)
		argv[i++] = (char *)*args;
	argv[i] = NULL;
	pthread_mutex_lock(&log_lock);
	req_log[0] = '\0';
	pthread_mutex_unlock(&log_lock);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid == 0) {
		/* Only async-signal-safe calls between fork and exec: the server thread runs. */
		int o = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0)
			_exit(126);
		execv(mcm_ctl, argv);
		_exit(127);
	}
	for (;;) {
		pid_t w = waitpid(pid, &status, WNOHANG);

		clock_gettime(CLOCK_MONOTONIC, &t1);
		r.secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		if (w == pid)
			break;
		if (run_sigint_s > 0 && r.secs > run_sigint_s && !interrupted) {
			kill(pid, SIGINT);
			interrupted = true;
		}
		if (r.secs > 15) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			printf("mcm-ctl hung and was killed\n");
			break;
		}
		usleep(5000);
	}
	if (WIFEXITED(status))
		r.rc = WEXITSTATUS(status);
	r.out = slurp(out_path);
	r.err = slurp(err_path);
	return r;
}

static void
free_result(struct result *r)
{
	free(r->out);
	free(r->err);
}

static int
count_lines(const char *s)
{
	int n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

/*
 * Run and check: exit code, a substring of stdout (or NULL for none expected) and of stderr.
 * A failure is exactly one "mcm-ctl: " line on stderr; a success prints nothing there.
 */
static void
expect(int m, const char *const *args, int rc, const char *out_has, const char *err_has)
{
	struct result r;

	atomic_store(&mode, m);
	r = run(args);
	CHECK(r.rc == rc, "mcm-ctl %s ...: exit %d, want %d (stderr: %s)", args[0], r.rc, rc,
	      r.err);
	if (out_has != NULL)
		CHECK_HAS(r.out, out_has);
	else
		CHECK_STR(r.out, "");
	if (rc == 0) {
		CHECK_STR(r.err, "");
	} else {
		CHECK(count_lines(r.err) == 1 && strncmp(r.err, "mcm-ctl: ", 9) == 0,
		      "stderr is not one 'mcm-ctl: ' line: '%s'", r.err);
		if (err_has != NULL)
			CHECK_HAS(r.err, err_has);
	}
	free_result(&r);
}

#define A(...) ((const char *const[]){ __VA_ARGS__, NULL })

static const char *
requests(void)
{
	static char copy[sizeof(req_log)];

	pthread_mutex_lock(&log_lock);
	memcpy(copy, req_log, sizeof(copy));
	pthread_mutex_unlock(&log_lock);
	return copy;
}

static void
test_success(void)
{
	struct result r;

	expect(M_OK, A("status"), 0, "name:       net_mcm0", NULL);
	/* Without -p, status covers every port: both blocks, ports then one status each. */
	atomic_store(&mode, M_OK);
	r = run(A("status"));
	CHECK_HAS(r.out, "name:       net_mcm1");
	CHECK_HAS(r.out, "cells_in:   18446744073709551");
	CHECK_STR(requests(), "/mcm/ports\n/mcm/status,2\n/mcm/status,3\n");
	free_result(&r);

	r = run(A("-p", "net_mcm1", "status", "--json"));
	CHECK(r.rc == 0, "status --json");
	{
		json_t *v = json_loads(r.out, 0, NULL);

		CHECK(json_is_object(v) && json_integer_value(json_object_get(v, "port_id")) == 3,
		      "status --json is the reply object: %s", r.out);
		json_decref(v);
	}
	CHECK_STR(requests(), "/mcm/status,net_mcm1\n");
	free_result(&r);

	r = run(A("--json", "status"));
	{
		json_t *v = json_loads(r.out, 0, NULL);

		CHECK(json_is_array(v) && json_array_size(v) == 2, "status --json of every port");
		json_decref(v);
	}
	free_result(&r);

	/* vc list pages through "next" until -1: 32 + 8 VCs, numerically sorted. */
	r = run(A("vc", "list"));
	CHECK(r.rc == 0, "vc list: %s", r.err);
	CHECK_STR(requests(), "/mcm/ports\n/mcm/vc_list,2,0\n/mcm/vc_list,2,32\n");
	CHECK(count_lines(r.out) == 1 + N_VCS, "vc list rows: %d", count_lines(r.out));
	CHECK(strncmp(r.out, "VPI/VCI  TYPE  STATE   OPER            OAM  AAL  ENCAP  TX_PDUS  "
		      "RX_PDUS  ERRORS\n"
		      "0/100    pvc   active  up              -    5    llc          0        1"
		      "       0\n"
		      "0/101    pvc   active  down (pw_lost)  ais  5    llc         10       11"
		      "       0\n", 240) == 0, "vc list head: %s", r.out);
	CHECK_HAS(r.out, "0/138    pvc   active  up              -    5    llc        380      381"
		  "       0\n"
		  "1/32     pvc   active  up              -    5    llc        390      391"
		  "       0\n");
	free_result(&r);

	r = run(A("-p", "3", "vc", "list", "--json"));
	{
		json_t *v = json_loads(r.out, 0, NULL);

		CHECK(json_is_object(v) && json_object_size(json_object_get(v, "vcs")) == N_VCS &&
		      json_integer_value(json_object_get(v, "next")) == -1,
		      "vc list --json merges the pages");
		json_decref(v);
	}
	CHECK_STR(requests(), "/mcm/vc_list,3,0\n/mcm/vc_list,3,32\n");
	free_result(&r);

	expect(M_OK, A("vc", "show", "0/100"), 0, "tx_cells: 42", NULL);
	CHECK_STR(requests(), "/mcm/ports\n/mcm/vc_show,2,0/100\n");
	expect(M_OK, A("pvc", "add", "0/200"), 0, "pvc 0/200 active, encap llc\n", NULL);
	CHECK_STR(requests(), "/mcm/ports\n/mcm/pvc_add,2,0/200\n");
	expect(M_OK, A("-p", "net_mcm0", "pvc", "add", "0/201", "encap", "vcmux"), 0,
	       "pvc 0/201 active, encap vcmux\n", NULL);
	CHECK_STR(requests(), "/mcm/pvc_add,net_mcm0,0/201,vcmux\n");
	expect(M_OK, A("-p", "2", "pvc", "add", "0/202", "pdu-label", "300"), 0,
	       "pvc 0/202 active, encap port, AAL5 PDU mode, PW label 300\n", NULL);
	CHECK_STR(requests(), "/mcm/pvc_add,2,0/202,port,pdu:300\n");
	expect(M_OK, A("-p", "2", "pvc", "add", "0/203", "sdu-label", "301"), 0,
	       "pvc 0/203 active, encap port, AAL5 SDU mode, PW label 301\n", NULL);
	CHECK_STR(requests(), "/mcm/pvc_add,2,0/203,port,301\n");
	expect(M_OK, A("pvc", "del", "0/200"), 0, "pvc 0/200 deleted\n", NULL);
	expect(M_OK, A("bind", "default", "0/200"), 0, "default vc 0/200\n", NULL);
	CHECK_STR(requests(), "/mcm/ports\n/mcm/bind_default,2,0/200\n");
	expect(M_OK, A("oam", "cc", "0/200", "on"), 0, "vc 0/200 continuity check on\n", NULL);
	CHECK_STR(requests(), "/mcm/ports\n/mcm/oam_cc,2,0/200,on\n");
	expect(M_OK, A("oam", "cc", "0/200"), 0, "vc 0/200 continuity check off\n", NULL);
	CHECK_STR(requests(), "/mcm/ports\n/mcm/oam_cc,2,0/200\n");
	/* The MAC goes out in canonical form whatever the user typed. */
	expect(M_OK, A("bind", "mac", "02-00-00-00-00-0A", "0/101"), 0,
	       "mac 02:00:00:00:00:0a vc 0/101\n", NULL);
	CHECK_STR(requests(), "/mcm/ports\n/mcm/bind_mac,2,02:00:00:00:00:0a,0/101\n");
	expect(M_OK, A("bind", "list"), 0, "default            0/100\n02:00:00:00:00:09  0/101\n",
	       NULL);
	expect(M_OK, A("--json", "bind", "list"), 0, "\"macs_total\": 1", NULL);
	expect(M_OK, A("--version"), 0, "mcm-ctl ", NULL);
	expect(M_OK, A("--help"), 0, "Usage: mcm-ctl", NULL);
	CHECK_STR(requests(), "");
}

static void
test_errors(void)
{
	struct result r;

	/* Refused locally: nothing reaches the application. */
	expect(M_OK, A("pvc", "add", "0/5"), CTL_EXIT_USAGE, NULL, "VCI 5 is reserved");
	expect(M_OK, A("bind", "mac", "02:00:00:00:00:01", "0/16"), CTL_EXIT_USAGE, NULL,
	       "(ILMI)");
	expect(M_OK, A("vc", "show", "0/70000"), CTL_EXIT_USAGE, NULL, "VCI 70000 out of range");
	expect(M_OK, A("pvc"), CTL_EXIT_USAGE, NULL, "incomplete command 'pvc'");
	expect(M_OK, A("oam", "ping", "0/100", "count", "0"), CTL_EXIT_USAGE, NULL,
	       "bad count '0'");
	expect(M_OK, A("oam", "cc", "0/16", "on"), CTL_EXIT_USAGE, NULL, "VCI 16 is reserved");
	expect(M_OK, A("-p", "a,b", "status"), CTL_EXIT_USAGE, NULL, "bad port");
	expect(M_OK, (const char *const[]){ NULL }, CTL_EXIT_USAGE, NULL, "no command given");
	CHECK_STR(requests(), "");

	/* Refused by the application: its text, exit 1; --json also prints the error object. */
	expect(M_OK, A("-p", "7", "status"), CTL_EXIT_FAIL, NULL,
	       "mcm-ctl: port 7 is not an mcm port\n");
	expect(M_OK, A("-p", "net_memif0", "vc", "list"), CTL_EXIT_FAIL, NULL,
	       "port net_memif0 is not an mcm port");
	expect(M_OK, A("pvc", "add", "0/100"), CTL_EXIT_FAIL, NULL,
	       "mcm-ctl: VC 0/100 already exists on net_mcm0\n");
	expect(M_OK, A("pvc", "del", "0/300"), CTL_EXIT_FAIL, NULL, "no VC 0/300 on net_mcm0");
	expect(M_OK, A("--json", "vc", "show", "0/999"), CTL_EXIT_FAIL, "\"code\": -2",
	       "no VC 0/999");
	expect(M_NO_PORTS, A("vc", "list"), CTL_EXIT_FAIL, NULL,
	       "no mcm port in the application with file prefix");
	expect(M_NO_PORTS, A("status"), CTL_EXIT_FAIL, NULL, "no mcm port");

	/* Not an mcm application (or an older one): null replies. */
	expect(M_NULL, A("status"), CTL_EXIT_FAIL, NULL,
	       "/mcm/ports is not supported by the application with file prefix");
	expect(M_NULL, A("-p", "2", "pvc", "add", "0/40"), CTL_EXIT_FAIL, NULL,
	       "/mcm/pvc_add is not supported");

	/* Broken replies. */
	expect(M_GARBAGE, A("status"), CTL_EXIT_CONN, NULL, "invalid JSON in the reply to "
	       "/mcm/ports");
	expect(M_TRUNCATED, A("status"), CTL_EXIT_CONN, NULL,
	       "reply to /mcm/ports is truncated");
	expect(M_OVERSIZE, A("status"), CTL_EXIT_CONN, NULL,
	       "the reply to /mcm/ports is truncated: longer than 256 bytes");
	expect(M_WRONG_CMD, A("status"), CTL_EXIT_CONN, NULL, "unexpected reply to /mcm/ports");
	expect(M_BAD_PAGING, A("-p", "2", "vc", "list"), CTL_EXIT_CONN, NULL,
	       "unexpected reply to /mcm/vc_list: next 0 after start 0");
	expect(M_NOT_TELEMETRY, A("status"), CTL_EXIT_CONN, NULL, "invalid greeting");
	expect(M_CLOSE, A("status"), CTL_EXIT_CONN, NULL, "closed the connection");

	/* Silence: bounded by --timeout, never a hang. */
	atomic_store(&mode, M_SILENT);
	r = run(A("-t", "0.3", "status"));
	CHECK(r.rc == CTL_EXIT_CONN, "silent server: exit %d", r.rc);
	CHECK_HAS(r.err, "timed out after 0.3 s waiting for the reply to /mcm/ports");
	CHECK(r.secs >= 0.3 && r.secs < 3, "silent server: %.2f s", r.secs);
	free_result(&r);
	atomic_store(&mode, M_NO_GREETING);
	r = run(A("--timeout", "0.2", "status"));
	CHECK(r.rc == CTL_EXIT_CONN, "no greeting: exit %d", r.rc);
	CHECK_HAS(r.err, "timed out after 0.2 s waiting for the telemetry greeting");
	CHECK(r.secs >= 0.2 && r.secs < 3, "no greeting: %.2f s", r.secs);
	free_result(&r);
}

#define AESA_DOTS "47.0005.80ffe1000000f21a3322.0020481a3322.00"

/* The call-manager commands: each round trip, the exact request, human and JSON output. */
static void
test_cm(void)
{
	char want[1200], cwd[900];
	struct result r;

	expect(M_SIG, A("-p", "2", "status"), 0, "sig:         on\n"
	       "addr:        " ADDR_OK "\n"
	       "sscop_state: READY\n"
	       "uni_state:   up\n"
	       "calls:       2\n"
	       "saps:        1\n", NULL);

	expect(M_OK, A("call", "make", AESA_DOTS), 0,
	       "call 3 connected: VC 0/32 to " ADDR_OK "\n", NULL);
	CHECK_STR(requests(), "/mcm/ports\n/mcm/call_make,2," ADDR_OK "\n");
	expect(M_OK, A("-p", "net_mcm1", "call", "make", AESA_DOTS, "pcr", "1000", "sdu", "9180",
		       "bhli", "0102", "blli", "llc"), 0, "call 3 connected", NULL);
	CHECK_STR(requests(), "/mcm/call_make,net_mcm1," ADDR_OK
		  ",pcr=1000,sdu=9180,bhli=0102,blli=llc\n");
	expect(M_OK, A("-p", "2", "call", "make", AESA_DOTS, "blli", "vcmux-routed", "proto",
		       "ipv6"), 0, "call 3 connected", NULL);
	CHECK_STR(requests(), "/mcm/call_make,2," ADDR_OK ",blli=vcmux-routed,proto=ipv6\n");
	expect(M_OK, A("-p", "2", "call", "make", AESA_DOTS, "blli", "vcmux-routed+llc-routed"),
	       0, "call 3 connected", NULL);
	CHECK_STR(requests(), "/mcm/call_make,2," ADDR_OK ",blli=vcmux-routed+llc-routed\n");
	expect(M_OK, A("--json", "-p", "2", "call", "make", AESA_DOTS), 0, "\"vc\": \"0/32\"",
	       NULL);
	expect(M_OK, A("-p", "2", "call", "make", ADDR_NO_ROUTE), CTL_EXIT_FAIL, NULL,
	       "mcm-ctl: call to " ADDR_NO_ROUTE ": cleared, cause 3 (no route to "
	       "destination)\n");
	expect(M_OK, A("--json", "-p", "2", "call", "make", ADDR_NO_ROUTE), CTL_EXIT_FAIL,
	       "\"cause\": 3", "cleared, cause 3");
	expect(M_OK, A("-p", "2", "call", "make", ADDR_SIG_OFF), CTL_EXIT_FAIL, NULL,
	       "mcm-ctl: call to " ADDR_SIG_OFF ": signalling is off on net_mcm0\n");
	/* Refused locally. */
	expect(M_OK, A("call", "make", "47.0005"), CTL_EXIT_USAGE, NULL, "bad ATM address");
	expect(M_OK, A("call", "make", AESA_DOTS, "pcr", "16777216"), CTL_EXIT_USAGE, NULL,
	       "bad pcr '16777216'");
	expect(M_OK, A("call", "release", "0/5"), CTL_EXIT_USAGE, NULL, "VCI 5 is reserved");
	expect(M_OK, A("sap", "del", "0"), CTL_EXIT_USAGE, NULL, "bad SAP ID '0'");
	expect(M_OK, A("capture", "start", "/no/such/dir/c.pcap"), CTL_EXIT_USAGE, NULL,
	       "directory '/no/such/dir'");
	CHECK_STR(requests(), "");

	expect(M_OK, A("call", "list"), 0, "ID  VPI/VCI  STATE   UNI  DIR  CALLED", NULL);
	expect(M_OK, A("call", "list"), 0, " 3  0/32     active  U10  out  " ADDR_OK "  -  ", NULL);
	expect(M_OK, A("call", "list"), 0, " 4  0/33     active  U10  in   " ADDR_OK "  "
	       ADDR_NO_ROUTE "     0  vcmux-routed/ipv6    2  bridge\n", NULL);
	CHECK_STR(requests(), "/mcm/ports\n/mcm/call_list,2\n");
	expect(M_OK, A("call", "release", "3"), 0,
	       "call 3 released: VC 0/32, cause 16 (normal call clearing)\n", NULL);
	CHECK_STR(requests(), "/mcm/ports\n/mcm/call_release,2,3\n");
	expect(M_OK, A("-p", "3", "call", "release", "0/32", "cause", "31"), 0,
	       "call 3 released: VC 0/32, cause 31 (normal, unspecified)\n", NULL);
	CHECK_STR(requests(), "/mcm/call_release,3,0/32,31\n");
	expect(M_OK, A("call", "release", "99"), CTL_EXIT_FAIL, NULL,
	       "mcm-ctl: no call 99 on net_mcm0\n");

	expect(M_OK, A("sap", "add", "any"), 0, "sap 2 registered for any\n", NULL);
	CHECK_STR(requests(), "/mcm/ports\n/mcm/sap_add,2,any\n");
	expect(M_OK, A("-p", "2", "sap", "add", AESA_DOTS, "bhli", "0102", "blli", "vcmux"), 0,
	       "sap 2 registered for " ADDR_OK "\n", NULL);
	CHECK_STR(requests(), "/mcm/sap_add,2," ADDR_OK ",bhli=0102,blli=vcmux\n");
	expect(M_OK, A("-p", "2", "sap", "add", "any", "proto", "0x86dd", "blli",
		       "vcmux-routed"), 0, "sap 2 registered for any\n", NULL);
	CHECK_STR(requests(), "/mcm/sap_add,2,any,blli=vcmux-routed,proto=0x86dd\n");
	expect(M_OK, A("sap", "list"), 0, "ID  ADDRESS                                   BHLI  "
	       "BLLI  CALLS\n"
	       " 1  " ADDR_OK "  0102  llc       0\n"
	       " 2  any                                       -     -         1\n", NULL);
	expect(M_OK, A("sap", "del", "2"), 0, "sap 2 deleted\n", NULL);
	CHECK_STR(requests(), "/mcm/ports\n/mcm/sap_del,2,2\n");
	expect(M_OK, A("sap", "del", "5"), CTL_EXIT_FAIL, NULL, "no SAP 5 on net_mcm0");

	expect(M_OK, A("oid", "get", "max_sdu"), 0, "max_sdu = 9180\n", NULL);
	CHECK_STR(requests(), "/mcm/ports\n/mcm/oid_get,2,max_sdu\n");
	expect(M_OK, A("oid", "get", "max_sdu", "0/100"), 0, "max_sdu on VC 0/100 = 1528\n",
	       NULL);
	CHECK_STR(requests(), "/mcm/ports\n/mcm/oid_get,2,max_sdu,0/100\n");
	expect(M_OK, A("--json", "oid", "get", "max_sdu"), 0, "\"id\": \"0x01000001\"", NULL);
	expect(M_OK, A("oid", "get", "bogus"), CTL_EXIT_FAIL, NULL, "unknown OID bogus");
	expect(M_OK, A("oid", "set", "addr", "47.0005"), 0, "addr set to 47.0005\n", NULL);
	CHECK_STR(requests(), "/mcm/ports\n/mcm/oid_set,2,addr,47.0005\n");
	expect(M_OK, A("oid", "list"), 0, "NAME     ID          SCOPE  ACCESS  TYPE\n"
	       "addr     0x01000002  port   rw      address\n"
	       "max_sdu  0x01000001  port   rw      u32\n", NULL);

	/* The capture file goes out absolute: the application runs elsewhere. */
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL, "getcwd");
	snprintf(want, sizeof(want), "capturing all VCs, signalling included, to %s/c.pcap\n",
		 strcmp(cwd, "/") == 0 ? "" : cwd);
	expect(M_OK, A("capture", "start", "c.pcap"), 0, want, NULL);
	snprintf(want, sizeof(want), "/mcm/ports\n/mcm/capture_start,2,%s/c.pcap\n",
		 strcmp(cwd, "/") == 0 ? "" : cwd);
	CHECK_STR(requests(), want);
	expect(M_OK, A("-p", "2", "capture", "start", "/tmp/../tmp/c.pcap", "0/100", "1/40"), 0,
	       "capturing VCs 0/100 1/40 to /tmp/c.pcap\n", NULL);
	CHECK_STR(requests(), "/mcm/capture_start,2,/tmp/c.pcap,0/100,1/40\n");
	expect(M_OK, A("-p", "2", "capture", "start", "/tmp/c.pcap", "0/100", "count", "7"), 0,
	       "capturing VC 0/100 to /tmp/c.pcap, 7 records at most\n", NULL);
	CHECK_STR(requests(), "/mcm/capture_start,2,/tmp/c.pcap,0/100,count=7\n");
	expect(M_OK, A("capture", "stop"), 0,
	       "capture /tmp/c.pcap stopped: 12 records, 3456 bytes, 1 dropped\n", NULL);
	CHECK_STR(requests(), "/mcm/ports\n/mcm/capture_stop,2\n");

	/* An mcm without the call manager: null replies name the command. */
	expect(M_NULL, A("-p", "2", "call", "make", AESA_DOTS), CTL_EXIT_FAIL, NULL,
	       "mcm-ctl: this application's mcm does not support 'call make' (no "
	       "/mcm/call_make in the application with file prefix");
	expect(M_NULL, A("-p", "2", "sap", "list"), CTL_EXIT_FAIL, NULL,
	       "does not support 'sap list'");
	expect(M_NULL, A("-p", "2", "--json", "capture", "stop"), CTL_EXIT_FAIL, NULL,
	       "does not support 'capture stop'");
	/* The old commands keep their message. */
	expect(M_NULL, A("-p", "2", "vc", "show", "0/100"), CTL_EXIT_FAIL, NULL,
	       "/mcm/vc_show is not supported by the application");

	/* call make waits longer than the 5 s default: up to 2 x T303 + T310. */
	atomic_store(&mode, M_OK);
	r = run(A("-p", "2", "call", "make", ADDR_SLOW));
	CHECK(r.rc == 0, "slow call make: exit %d: %s", r.rc, r.err);
	CHECK_STR(r.out, "call 3 connected: VC 0/32 to " ADDR_SLOW "\n");
	CHECK_STR(r.err, "");
	CHECK(r.secs >= SLOW_MS / 1000.0 && r.secs < 12, "slow call make: %.2f s", r.secs);
	free_result(&r);
	/* --timeout still overrides it. */
	r = run(A("-p", "2", "-t", "0.4", "call", "make", ADDR_SLOW));
	CHECK(r.rc == CTL_EXIT_CONN, "call make -t 0.4: exit %d", r.rc);
	CHECK_HAS(r.err, "timed out after 0.4 s waiting for the reply to /mcm/call_make");
	CHECK(r.secs >= 0.4 && r.secs < 3, "call make -t 0.4: %.2f s", r.secs);
	free_result(&r);
}

/* The socket path follows DPDK's runtime directory rules. */
static void
test_paths(void)
{
	char p[108], big[200];

	CHECK(ctl_tel_path_for(true, "/run/user/1000", "rte", p, sizeof(p)) == 0, "root");
	CHECK_STR(p, "/var/run/dpdk/rte/dpdk_telemetry.v2");
	CHECK(ctl_tel_path_for(false, "/run/user/1000", "x", p, sizeof(p)) == 0, "user");
	CHECK_STR(p, "/run/user/1000/dpdk/x/dpdk_telemetry.v2");
	CHECK(ctl_tel_path_for(false, NULL, "x", p, sizeof(p)) == 0, "user without XDG");
	CHECK_STR(p, "/tmp/dpdk/x/dpdk_telemetry.v2");
	CHECK(ctl_tel_path_for(false, "", "x", p, sizeof(p)) == 0, "empty XDG");
	CHECK_STR(p, "/tmp/dpdk/x/dpdk_telemetry.v2");
	memset(big, 'a', 99);
	big[99] = '\0';
	CHECK(ctl_tel_path_for(true, NULL, big, p, sizeof(p)) == -1, "too long for sun_path");
}

/* No application: no socket at all, then a socket nobody listens on. */
static void
test_no_server(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	char msg[600];
	int fd;

	atomic_store(&stop, true);
	pthread_join(server_thread, NULL);
	close(listen_fd);
	listen_fd = -1;
	unlink(sock_path);
	snprintf(msg, sizeof(msg), "mcm-ctl: no application running with file prefix '%s': no "
		 "telemetry socket %s\n", prefix, sock_path);
	expect(M_OK, A("status"), CTL_EXIT_CONN, NULL, msg);

	fd = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	memcpy(a.sun_path, sock_path, sizeof(sock_path));
	CHECK(bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0, "bind stale socket");
	expect(M_OK, A("vc", "list"), CTL_EXIT_CONN, NULL, "connection refused on");
	close(fd);
	unlink(sock_path);
}

/* oam ping: the requests, the lines and the summary, the exit status of ping(8). */
static void
test_oam_ping(void)
{
	struct result r;

	expect(M_OK, A("-p", "2", "oam", "ping", "0/100", "count", "2", "interval", "0"), 0,
	       "OAM PING 0/100 F5 end-to-end on port 2: 2 loopbacks, interval 0 ms, timeout "
	       "2000 ms\n"
	       "reply from 0/100: seq=1 tag=0x0abc0001 time=0.250 ms\n"
	       "reply from 0/100: seq=2 tag=0x0abc0001 time=0.250 ms\n\n"
	       "--- 0/100 OAM loopback statistics ---\n"
	       "2 sent, 2 received, 0% loss, time ", NULL);
	CHECK_STR(requests(), "/mcm/oam_ping,2,0/100,end,2000\n/mcm/oam_ping,2,0/100,end,2000\n");
	expect(M_OK, A("-p", "2", "oam", "ping", "0/100", "count", "1"), 0,
	       "rtt min/avg/max = 0.250/0.250/0.250 ms\n", NULL);
	expect(M_OK, A("-p", "2", "oam", "ping", "7", "segment", "count", "1", "timeout", "50"), 0,
	       "reply from VP 7: seq=1", NULL);
	CHECK_STR(requests(), "/mcm/oam_ping,2,7,segment,50\n");
	/* none answered: the summary, exit 1, one line on stderr */
	expect(M_OK, A("-p", "2", "oam", "ping", "0/101", "count", "2", "interval", "0", "timeout",
		       "5"), CTL_EXIT_FAIL,
	       "no reply from 0/101: seq=2 tag=0x00000010 timeout 5 ms\n\n"
	       "--- 0/101 OAM loopback statistics ---\n2 sent, 0 received, 100% loss",
	       "mcm-ctl: no reply from 0/101: 2 sent, 100% loss\n");
	expect(M_OK, A("-p", "2", "oam", "ping", "0/102", "count", "1"), CTL_EXIT_FAIL,
	       "not sent to 0/102: seq=1: cannot send: port stopped or lower link down\n", NULL);
	/* refused at once: only the error */
	expect(M_OK, A("-p", "2", "oam", "ping", "0/555"), CTL_EXIT_FAIL, NULL,
	       "mcm-ctl: no VC 0/555\n");
	expect(M_NULL, A("-p", "2", "oam", "ping", "0/100"), CTL_EXIT_FAIL, NULL,
	       "does not support 'oam ping'");
	/* Ctrl-C while the first loopback waits (the application never answers): the header
	 * and the summary all the same, that loopback sent and not received, exit 1 at once
	 */
	atomic_store(&mode, M_SILENT);
	run_sigint_s = 0.5;
	r = run(A("-p", "2", "oam", "ping", "0/100"));
	CHECK(r.rc == CTL_EXIT_FAIL && r.secs < 3, "SIGINT: exit %d after %.2f s", r.rc, r.secs);
	CHECK_HAS(r.out, "OAM PING 0/100 F5 end-to-end on port 2: 5 loopbacks");
	CHECK_HAS(r.out, "\n1 sent, 0 received, 100% loss, time ");
	CHECK_STR(r.err, "mcm-ctl: no reply from 0/100: 1 sent, 100% loss\n");
	free_result(&r);
	r = run(A("--json", "-p", "2", "oam", "ping", "0/100"));
	CHECK(r.rc == CTL_EXIT_FAIL, "SIGINT, --json: exit %d", r.rc);
	CHECK_HAS(r.out, "\"result\": \"interrupted\"");
	CHECK_HAS(r.out, "\"interrupted\": true");
	free_result(&r);
	run_sigint_s = 0;
	/* --json: one document with the same */
	atomic_store(&mode, M_OK);
	r = run(A("--json", "-p", "2", "oam", "ping", "0/100", "count", "3", "interval", "0"));
	CHECK(r.rc == 0, "--json oam ping: exit %d", r.rc);
	{
		json_t *v = json_loads(r.out, 0, NULL);
		json_t *p = json_object_get(v, "pings");

		CHECK(v != NULL && json_integer_value(json_object_get(v, "sent")) == 3 &&
		      json_integer_value(json_object_get(v, "received")) == 3 &&
		      json_real_value(json_object_get(v, "loss_pct")) == 0 &&
		      json_array_size(p) == 3 &&
		      json_integer_value(json_object_get(json_array_get(p, 2), "seq")) == 3 &&
		      json_real_value(json_object_get(v, "rtt_avg_ms")) == 0.25 &&
		      json_is_false(json_object_get(v, "interrupted")),
		      "--json oam ping: %s", r.out);
		json_decref(v);
	}
	free_result(&r);
}

int
main(int argc, char **argv)
{
	char *slash;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PATH_TO_MCM_CTL\n", argv[0]);
		return 2;
	}
	mcm_ctl = argv[1];
	snprintf(prefix, sizeof(prefix), "mcm-ctl-test-%d", (int)getpid());
	if (ctl_tel_sock_path(prefix, sock_path, sizeof(sock_path)) != 0)
		return 2;
	snprintf(sock_dir, sizeof(sock_dir), "%s", sock_path);
	slash = strrchr(sock_dir, '/');
	*slash = '\0';
	/* <runtime>/dpdk may not exist yet on a machine that never ran DPDK. */
	{
		char parent[256];

		snprintf(parent, sizeof(parent), "%s", sock_dir);
		*strrchr(parent, '/') = '\0';
		mkdir(parent, 0700);
	}
	if (mkdir(sock_dir, 0700) != 0 && errno != EEXIST) {
		perror(sock_dir);
		return 2;
	}
	listen_fd = listen_on();
	pthread_create(&server_thread, NULL, server_main, NULL);

	test_paths();
	test_success();
	test_errors();
	test_cm();
	test_oam_ping();
	test_no_server();

	{
		char p[300];

		unlink(sock_path);
		snprintf(p, sizeof(p), "%s/out", sock_dir);
		unlink(p);
		snprintf(p, sizeof(p), "%s/err", sock_dir);
		unlink(p);
		CHECK(rmdir(sock_dir) == 0, "remove %s: %s", sock_dir, strerror(errno));
	}
	return test_summary();
}
