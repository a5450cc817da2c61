/* SPDX-License-Identifier: BSD-3-Clause
 * tshark cross-check: the PDUs SSCOP produces (a back-to-back session exercising every
 * procedure, plus every PDU type of Q.2110 7.1) are written to a SunATM (link type 123)
 * capture on VPI/VCI 0/5 with traffic type Q.SAAL. Wireshark must decode each as the SSCOP
 * type it is, with no malformed packet and no expert info of severity error.
 * Fails when tshark is missing (the set-up installs it).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "b2b.h"
#include "mcm_sscop.h"
#include "sscop_test.h"
#include "sunatm_writer.h"

#define MAXP 4096

static FILE *cap;
static int expect[MAXP];
static unsigned int n_expect;

/* a Q.2931 STATUS ENQUIRY, so the SD/UD/MD payloads decode cleanly above SSCOP */
static const uint8_t q2931[] = {0x09, 0x03, 0x00, 0x00, 0x01, 0x75, 0x80, 0x00, 0x00};

struct side {
	struct mcm_sscop *s;
	struct side *peer;
	int dir;
	struct b2b_pq pq; /* PDUs towards this side */
	bool drop_sd;
};

static void
log_pdu(int dir, const uint8_t *pdu, size_t len)
{
	struct mcm_sscop_pdu p;

	if (n_expect >= MAXP || mcm_sscop_pdu_decode(pdu, len, &p) != 0)
		return;
	if (sunatm_write(cap, MCM_SUNATM_QSAAL, dir, 0, 5, pdu, len) == 0)
		expect[n_expect++] = p.type;
}

static void
s_send(void *arg, const uint8_t *pdu, size_t len)
{
	struct side *x = arg;
	struct mcm_sscop_pdu p;

	log_pdu(x->dir, pdu, len);
	if (x->drop_sd && mcm_sscop_pdu_decode(pdu, len, &p) == 0 && p.type == MCM_SSCOP_SD) {
		x->drop_sd = false; /* lose one SD: USTAT, STAT lists, retransmission */
		return;
	}
	b2b_pq_push(&x->peer->pq, pdu, len, B2B_PQ_LEN);
}

static void
s_sig(void *arg, enum mcm_sscop_signal sig, const uint8_t *d, size_t len, uint32_t prm)
{
	(void)arg;
	(void)sig;
	(void)d;
	(void)len;
	(void)prm;
}

static uint64_t now;

/* each PDU arrives 1 ms after the one before */
static void
side_in(void *arg, int i, const uint8_t *pdu, size_t len)
{
	struct side **x = arg;

	now += 1000000;
	mcm_sscop_input(x[i]->s, now, pdu, len);
}

static void
pump(struct side *a, struct side *b)
{
	struct side *x[2] = {a, b};
	struct b2b_pq *q[2] = {&a->pq, &b->pq};

	b2b_pq_pump(q, side_in, x);
}

static void
session(void)
{
	struct side a = {0}, b = {0};
	struct mcm_sscop_cbs ca = {s_send, s_sig, NULL, &a}, cb = {s_send, s_sig, NULL, &b};
	struct mcm_sscop_pdu st = {.type = MCM_SSCOP_STAT, .nps = 77};
	uint8_t buf[64];
	size_t n;
	int i;

	a.s = mcm_sscop_create(NULL, &ca);
	b.s = mcm_sscop_create(NULL, &cb);
	a.peer = &b;
	b.peer = &a;
	a.dir = 0;
	b.dir = 1;
	mcm_sscop_establish_req(a.s, now, NULL, 0, true); /* BGN */
	pump(&a, &b);
	mcm_sscop_release_req(b.s, now, NULL, 0);          /* BGREJ */
	pump(&a, &b);
	mcm_sscop_establish_req(a.s, now, NULL, 0, true);
	pump(&a, &b);
	mcm_sscop_establish_resp(b.s, now, NULL, 0, true); /* BGAK */
	pump(&a, &b);
	a.drop_sd = true;
	for (i = 0; i < 4; i++)                             /* SD, USTAT */
		mcm_sscop_data_req(a.s, now, q2931, sizeof(q2931));
	pump(&a, &b);
	now += 1000000000ull;                               /* POLL, STAT */
	mcm_sscop_tick(a.s, now);
	mcm_sscop_tick(b.s, now);
	pump(&a, &b);
	mcm_sscop_unitdata_req(a.s, now, q2931, sizeof(q2931));     /* UD */
	mcm_sscop_maa_unitdata_req(b.s, now, q2931, sizeof(q2931)); /* MD */
	pump(&a, &b);
	mcm_sscop_resync_req(b.s, now, NULL, 0);            /* RS */
	pump(&a, &b);
	mcm_sscop_resync_resp(a.s, now);                    /* RSAK */
	pump(&a, &b);
	/* ER, ERAK: a protocol error at a */
	n = mcm_sscop_pdu_encode(&st, buf, sizeof(buf));
	mcm_sscop_input(a.s, now, buf, n);
	pump(&a, &b);
	mcm_sscop_recover_resp(b.s, now);
	pump(&a, &b);
	mcm_sscop_recover_resp(a.s, now);
	mcm_sscop_release_req(a.s, now, NULL, 0);           /* END, ENDAK */
	pump(&a, &b);
	mcm_sscop_destroy(a.s);
	mcm_sscop_destroy(b.s);
}

/* Every type once more straight from the encoder, with an END of each source. */
static void
all_types(void)
{
	static const uint32_t list[] = {1, 3, 4, 6};
	unsigned int t;

	for (t = 1; t <= 16; t++) {
		struct mcm_sscop_pdu p = {.type = t == 16 ? MCM_SSCOP_END : t, .nsq = 3,
					  .nmr = 300, .ns = 7, .nps = 2, .nr = 1,
					  .list = list, .list_len = 4, .ul1 = 1, .ul2 = 3,
					  .source_sscop = t == 16};
		uint8_t buf[128];
		size_t n;

		if (p.type == MCM_SSCOP_SD || p.type == MCM_SSCOP_UD || p.type == MCM_SSCOP_MD) {
			p.info = q2931;
			p.info_len = sizeof(q2931);
		}
		n = mcm_sscop_pdu_encode(&p, buf, sizeof(buf));
		log_pdu(0, buf, n);
	}
}

static int
run(const char *cmd, char *out, size_t cap_out)
{
	FILE *f = popen(cmd, "r");
	size_t n = 0;

	if (f == NULL)
		return -1;
	while (n + 1 < cap_out && fgets(out + n, cap_out - n, f) != NULL)
		n += strlen(out + n);
	out[n] = 0;
	return pclose(f);
}

int
main(void)
{
	static char out[1 << 16];
	char path[] = "/tmp/sscop_pcap_XXXXXX";
	char cmd[512];
	bool seen[16] = {false};
	unsigned int i, n = 0, t;
	char *line, *save;
	int fd;

	if (system("tshark -v >/dev/null 2>&1") != 0) {
		/* tshark is part of the set-up (usertools/mcm-setup): missing, it is a failure */
		printf("FAIL: tshark not found\n");
		return 1;
	}
	fd = mkstemp(path);
	if (fd < 0)
		return 1;
	close(fd);
	cap = sunatm_open(path);
	if (cap == NULL)
		return 1;
	session();
	/* the session alone, real instances talking, produces every PDU type */
	for (i = 0; i < n_expect; i++)
		seen[expect[i]] = true;
	for (t = 1; t < 16; t++)
		CHECK(seen[t], "PDU type %s produced by the session", mcm_sscop_pdu_name(t));
	all_types();
	sunatm_close(cap);

	snprintf(cmd, sizeof(cmd), "tshark -n -r %s -T fields -e sscop.type 2>/dev/null", path);
	CHECK(run(cmd, out, sizeof(out)) == 0, "tshark ran");
	for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++) {
		unsigned long v = strtoul(line, NULL, 0);

		if (n < n_expect)
			CHECK(v == (unsigned long)expect[n], "frame %u: tshark type '%s', wrote %s",
			      n + 1, line, mcm_sscop_pdu_name(expect[n]));
	}
	CHECK(n == n_expect, "tshark saw %u frames, wrote %u", n, n_expect);

	snprintf(cmd, sizeof(cmd),
		 "tshark -n -r %s -Y '_ws.malformed || _ws.expert.severity >= error' "
		 "2>/dev/null", path);
	CHECK(run(cmd, out, sizeof(out)) == 0 && out[0] == 0,
	      "no malformed or error expert info: %s", out);
	/* the SD payloads go up to Q.2931 */
	snprintf(cmd, sizeof(cmd), "tshark -n -r %s -Y 'q2931' 2>/dev/null | wc -l", path);
	CHECK(run(cmd, out, sizeof(out)) == 0 && atoi(out) > 0, "Q.2931 decoded above SSCOP");
	if (test_failed == 0)
		unlink(path);
	else
		fprintf(stderr, "capture kept in %s\n", path);
	return test_summary();
}
