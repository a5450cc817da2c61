/* SPDX-License-Identifier: BSD-3-Clause
 * mcm-ctl telemetry client: DPDK's telemetry v2 protocol over a SOCK_SEQPACKET unix socket.
 * The server greets with {"version", "pid", "max_output_len"}; every request is one message
 * "cmd,params" and every reply one message {"cmd": value}. Every wait is bounded by the
 * timeout, so mcm-ctl never hangs on an application that does not answer.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"

#define TEL_SOCKET_NAME "dpdk_telemetry.v2"
/* DPDK 22.11 telemetry.c: MAX_OUTPUT_LEN, used when a greeting does not say. */
#define TEL_DEFAULT_MAX_LEN 16384
/* The server reads requests into a 1024-byte buffer (NUL included). */
#define TEL_MAX_REQUEST 1023
#define TEL_GREETING_MAX 1024

int
ctl_tel_path_for(bool root, const char *xdg, const char *prefix, char *buf, size_t len)
{
	struct sockaddr_un addr;
	const char *dir = "/tmp";
	int n;

	/* Same choice as DPDK's eal_get_runtime_dir(). */
	if (root)
		dir = "/var/run";
	else if (xdg != NULL && xdg[0] != '\0')
		dir = xdg;
	n = snprintf(buf, len, "%s/dpdk/%s/%s", dir, prefix, TEL_SOCKET_NAME);
	if (n < 0 || (size_t)n >= len || (size_t)n >= sizeof(addr.sun_path))
		return -1;
	return 0;
}

int
ctl_tel_sock_path(const char *prefix, char *buf, size_t len)
{
	return ctl_tel_path_for(getuid() == 0, getenv("XDG_RUNTIME_DIR"), prefix, buf, len);
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Receive one message before the timeout. Returns CTL_EXIT_OK with *got set, or
 * CTL_EXIT_CONN with err saying what went wrong while waiting for @p what.
 */
static int
recv_msg(struct ctl_tel *t, char *buf, size_t cap, size_t *got, const char *what, char *err,
	 size_t len)
{
	double deadline = now_s() + t->timeout;

	for (;;) {
		struct pollfd pfd = { .fd = t->fd, .events = POLLIN };
		double left = deadline - now_s();
		struct iovec iov = { .iov_base = buf, .iov_len = cap };
		struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
		ssize_t n;
		int r;

		if (left <= 0) {
			snprintf(err, len, "timed out after %g s waiting for %s from the "
				 "application with file prefix '%s'", t->timeout, what, t->prefix);
			return CTL_EXIT_CONN;
		}
		r = poll(&pfd, 1, (int)(left * 1000) + 1);
		if (r < 0 && errno == EINTR && t->stop != NULL && *t->stop) {
			snprintf(err, len, "interrupted waiting for %s", what);
			return CTL_EXIT_CONN;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(err, len, "waiting for %s on %s: %s", what, t->path,
				 strerror(errno));
			return CTL_EXIT_CONN;
		}
		if (r == 0)
			continue;
		n = recvmsg(t->fd, &msg, MSG_DONTWAIT);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n < 0) {
			snprintf(err, len, "reading %s from %s: %s", what, t->path,
				 strerror(errno));
			return CTL_EXIT_CONN;
		}
		if (n == 0) {
			snprintf(err, len, "the application with file prefix '%s' closed the "
				 "connection before sending %s (too many telemetry clients?)",
				 t->prefix, what);
			return CTL_EXIT_CONN;
		}
		if (msg.msg_flags & MSG_TRUNC) {
			snprintf(err, len, "%s is truncated: longer than %zu bytes", what, cap);
			return CTL_EXIT_CONN;
		}
		*got = (size_t)n;
		return CTL_EXIT_OK;
	}
}

static int
connect_error(const struct ctl_tel *t, int e, char *err, size_t len)
{
	switch (e) {
	case ENOENT:
	case ENOTDIR:
		snprintf(err, len, "no application running with file prefix '%s': no telemetry "
			 "socket %s", t->prefix, t->path);
		break;
	case ECONNREFUSED:
		snprintf(err, len, "no application running with file prefix '%s': connection "
			 "refused on %s", t->prefix, t->path);
		break;
	case EACCES:
	case EPERM:
		snprintf(err, len, "cannot connect to %s: permission denied (run mcm-ctl as the "
			 "application's user)", t->path);
		break;
	case EAGAIN:
	case EINPROGRESS:
	case ETIMEDOUT:
		snprintf(err, len, "timed out after %g s connecting to %s", t->timeout, t->path);
		break;
	case EPROTOTYPE:
		snprintf(err, len, "%s is not a DPDK telemetry v2 socket", t->path);
		break;
	default:
		snprintf(err, len, "cannot connect to %s: %s", t->path, strerror(e));
		break;
	}
	return CTL_EXIT_CONN;
}

int
ctl_tel_open(struct ctl_tel *t, const char *prefix, double timeout, char *err, size_t len)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	struct timeval tv;
	char greet[TEL_GREETING_MAX + 1];
	json_error_t jerr;
	json_t *root, *mol;
	size_t got;
	int rc;

	memset(t, 0, sizeof(*t));
	t->fd = -1;
	t->timeout = timeout;
	t->max_len = TEL_DEFAULT_MAX_LEN;
	snprintf(t->prefix, sizeof(t->prefix), "%s", prefix);
	if (ctl_tel_sock_path(prefix, t->path, sizeof(t->path)) != 0) {
		snprintf(err, len, "telemetry socket path for file prefix '%s' is too long",
			 prefix);
		return CTL_EXIT_USAGE;
	}
	memcpy(addr.sun_path, t->path, strlen(t->path) + 1);
	t->fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (t->fd < 0) {
		snprintf(err, len, "cannot create a socket: %s", strerror(errno));
		return CTL_EXIT_CONN;
	}
	/* A unix connect() blocks at most SO_SNDTIMEO when the listen backlog is full. */
	tv.tv_sec = (time_t)timeout;
	tv.tv_usec = (suseconds_t)((timeout - (double)tv.tv_sec) * 1e6);
	setsockopt(t->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (connect(t->fd, (struct sockaddr *)&addr, sizeof(addr)) != 0) {
		rc = connect_error(t, errno, err, len);
		ctl_tel_close(t);
		return rc;
	}
	rc = recv_msg(t, greet, TEL_GREETING_MAX, &got, "the telemetry greeting", err, len);
	if (rc != CTL_EXIT_OK) {
		ctl_tel_close(t);
		return rc;
	}
	root = json_loadb(greet, got, 0, &jerr);
	if (root == NULL || !json_is_object(root)) {
		snprintf(err, len, "invalid greeting on %s (not a DPDK telemetry v2 socket?)",
			 t->path);
		json_decref(root);
		ctl_tel_close(t);
		return CTL_EXIT_CONN;
	}
	mol = json_object_get(root, "max_output_len");
	if (json_is_integer(mol) && json_integer_value(mol) >= 256 &&
	    json_integer_value(mol) <= (16 << 20))
		t->max_len = (size_t)json_integer_value(mol);
	json_decref(root);
	return CTL_EXIT_OK;
}

int
ctl_tel_request(struct ctl_tel *t, const char *cmd, const char *params, json_t **value,
		char *err, size_t len)
{
	char req[TEL_MAX_REQUEST + 1];
	char what[96];
	json_error_t jerr;
	json_t *root, *v;
	char *buf;
	size_t got;
	int n, rc;

	*value = NULL;
	if (params != NULL && params[0] != '\0')
		n = snprintf(req, sizeof(req), "%s,%s", cmd, params);
	else
		n = snprintf(req, sizeof(req), "%s", cmd);
	if (n < 0 || (size_t)n >= sizeof(req)) {
		snprintf(err, len, "request %s is too long for the telemetry socket", cmd);
		return CTL_EXIT_USAGE;
	}
	if (send(t->fd, req, (size_t)n, MSG_NOSIGNAL) != n) {
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			snprintf(err, len, "timed out after %g s sending %s to %s", t->timeout, cmd,
				 t->path);
		else
			snprintf(err, len, "sending %s to %s: %s", cmd, t->path, strerror(errno));
		return CTL_EXIT_CONN;
	}
	buf = malloc(t->max_len + 1);
	if (buf == NULL) {
		snprintf(err, len, "out of memory");
		return CTL_EXIT_CONN;
	}
	snprintf(what, sizeof(what), "the reply to %s", cmd);
	rc = recv_msg(t, buf, t->max_len, &got, what, err, len);
	if (rc != CTL_EXIT_OK) {
		free(buf);
		return rc;
	}
	root = json_loadb(buf, got, 0, &jerr);
	free(buf);
	if (root == NULL) {
		if (json_error_code(&jerr) == json_error_premature_end_of_input)
			snprintf(err, len, "reply to %s is truncated after %zu bytes", cmd, got);
		else
			snprintf(err, len, "invalid JSON in the reply to %s: %s", cmd, jerr.text);
		return CTL_EXIT_CONN;
	}
	v = json_is_object(root) ? json_object_get(root, cmd) : NULL;
	if (v == NULL) {
		snprintf(err, len, "unexpected reply to %s: not an object {\"%s\": ...}", cmd, cmd);
		json_decref(root);
		return CTL_EXIT_CONN;
	}
	*value = json_incref(v);
	json_decref(root);
	return CTL_EXIT_OK;
}

void
ctl_tel_close(struct ctl_tel *t)
{
	if (t->fd >= 0)
		close(t->fd);
	t->fd = -1;
}
