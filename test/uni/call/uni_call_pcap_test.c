/* SPDX-License-Identifier: BSD-3-Clause
 * Whole call flows between a user and a network instance, captured as SunATM (link type
 * 123) pcap on VC 0/5 inside SSCOP SD PDUs, then read back with tshark: every message must
 * decode as Q.2931 with the message type that was sent and without malformed-packet or
 * error expert info. Covers what call control adds to the codec: call references and flags,
 * connection identifiers, endpoint references, causes with diagnostics, call and endpoint
 * states, restart indicators.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sunatm_writer.h"
#include "mcm_check.h"
#include "uni_harness.h"

#define MAX_MSGS 512

static uint8_t sent_type[MAX_MSGS];
static unsigned int nsent;
static uint32_t sd_ns[2];


/* Wrap a message in an SSCOP SD PDU (Q.2110 7.1: pad to 4 octets, PL, type 0x8, N(S)). */
static void
tap(void *ctx, const struct h_ep *from, const uint8_t *msg, size_t len)
{
	FILE *f = ctx;
	uint8_t b[HQ_SLOT + 8];
	size_t pad = (4 - len % 4) % 4;
	int side = strcmp(from->name, "network") == 0;
	uint32_t ns = sd_ns[side]++;

	memcpy(b, msg, len);
	memset(b + len, 0, pad);
	b[len + pad] = (uint8_t)((pad << 6) | 0x08);
	b[len + pad + 1] = (uint8_t)(ns >> 16);
	b[len + pad + 2] = (uint8_t)(ns >> 8);
	b[len + pad + 3] = (uint8_t)ns;
	if (nsent < MAX_MSGS)
		sent_type[nsent++] = msg[5];
	/* direction bit set: sent by the user (DTE to DCE in Wireshark) */
	sunatm_write(f, MCM_SUNATM_QSAAL, !side, 0, 5, b, len + pad + 4);
}

static void
flows(FILE *f)
{
	struct h_ep usr, net;
	struct mcm_uni_msg m;
	uint32_t uc, nc, c2;
	uint16_t e1, e2, vpi, vci;

	h_init(&usr, "user", MCM_UNI_SIDE_USER, 16, NULL);
	h_init(&net, "network", MCM_UNI_SIDE_NETWORK, 16, NULL);
	usr.tap = net.tap = tap;
	usr.tap_ctx = net.tap_ctx = f;
	h_link_up(&usr, &net, 0);

	/* user-originated call: SETUP, CALL PROC, ALERTING, CONNECT, CONNECT ACK, RELEASE... */
	h_setup_msg(&m, false);
	mcm_uni_setup_request(usr.u, &m, &uc, 0);
	h_pump(&usr, &net, 0);
	nc = net.last_setup_call;
	mcm_uni_alert_request(net.u, nc, 0);
	mcm_uni_connect_request(net.u, nc, 0);
	h_pump(&usr, &net, 0);
	mcm_uni_status_enquiry_request(usr.u, uc, 0);
	h_pump(&usr, &net, 0);
	mcm_uni_release_request(usr.u, uc, MCM_UNI_CAUSE_NORMAL, 0);
	h_pump(&usr, &net, 0);

	/* network-originated call, released by the network */
	mcm_uni_setup_request(net.u, &m, &nc, 0);
	h_pump(&usr, &net, 0);
	uc = usr.last_setup_call;
	mcm_uni_proceeding_request(usr.u, uc, 0);
	mcm_uni_alert_request(usr.u, uc, 0);
	mcm_uni_connect_request(usr.u, uc, 0);
	h_pump(&usr, &net, 0);
	mcm_uni_release_request(net.u, nc, MCM_UNI_CAUSE_NORMAL_UNSPEC, 0);
	h_pump(&usr, &net, 0);

	/* rejected call */
	usr.answer = H_ANS_REJECT;
	usr.answer_cause = MCM_UNI_CAUSE_BUSY;
	mcm_uni_setup_request(net.u, &m, &nc, 0);
	h_pump(&usr, &net, 0);
	usr.answer = H_ANS_NONE;

	/* point to multipoint: add (alerting, ack), add (reject), drop, release */
	net.answer = H_ANS_CONNECT;
	h_setup_msg(&m, true);
	mcm_uni_setup_request(usr.u, &m, &uc, 0);
	h_pump(&usr, &net, 0);
	nc = net.last_setup_call;
	mcm_uni_add_party_request(usr.u, uc, &m, &e1, 0);
	h_pump(&usr, &net, 0);
	mcm_uni_party_alert_request(net.u, nc, e1, 0);
	mcm_uni_add_party_ack_request(net.u, nc, e1, 0);
	h_pump(&usr, &net, 0);
	net.party_answer = 2;
	net.answer_cause = MCM_UNI_CAUSE_BUSY;
	mcm_uni_add_party_request(usr.u, uc, &m, &e2, 0);
	h_pump(&usr, &net, 0);
	mcm_uni_drop_party_request(usr.u, uc, e1, MCM_UNI_CAUSE_NORMAL, 0);
	h_pump(&usr, &net, 0);
	mcm_uni_release_request(usr.u, uc, MCM_UNI_CAUSE_NORMAL, 0);
	h_pump(&usr, &net, 0);

	/* restart one VC and all VCs */
	h_setup_msg(&m, false);
	mcm_uni_setup_request(usr.u, &m, &uc, 0);
	mcm_uni_setup_request(usr.u, &m, &c2, 0);
	h_pump(&usr, &net, 0);
	mcm_uni_call_info(usr.u, uc, NULL, NULL, &vpi, &vci);
	mcm_uni_restart_request(usr.u, MCM_UNI_RESTART_VC, vpi, vci, 0);
	h_pump(&usr, &net, 0);
	mcm_uni_restart_request(net.u, MCM_UNI_RESTART_ALL, 0, 0, 0);
	h_pump(&usr, &net, 0);

	/* errors: a message in the wrong state (STATUS 101), unknown call reference (81) */
	mcm_uni_setup_request(usr.u, &m, &uc, 0);
	h_pump(&usr, &net, 0);
	mcm_uni_msg_init(&m, MCM_UNI_MSG_CONNECT_ACK, 1000, true);
	{
		uint8_t b[64];
		int n = mcm_uni_msg_encode(&m, b, sizeof(b));

		tap(f, &usr, b, (size_t)n);
		mcm_uni_input(net.u, b, (size_t)n, 0);
	}
	h_pump(&usr, &net, 0);

	/* timers: T310 (RELEASE 102, diagnostic "310"), T303 twice then RELEASE COMPLETE */
	net.answer = H_ANS_NONE;
	h_setup_msg(&m, false);
	mcm_uni_setup_request(usr.u, &m, &uc, 100000);
	h_pump(&usr, &net, 100000);
	mcm_uni_tick(usr.u, 110000);
	h_pump(&usr, &net, 110000);
	net.drop = true;
	mcm_uni_setup_request(usr.u, &m, &uc, 120000);
	mcm_uni_tick(usr.u, 124000);
	mcm_uni_tick(usr.u, 128000);
	h_fini(&usr);
	h_fini(&net);
}

int
main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "uni_call_flows.pcap";
	char cmd[512], line[4096];
	unsigned int frames = 0, bad = 0;
	FILE *f = sunatm_open(path), *p;

	if (f == NULL) {
		perror(path);
		return 1;
	}
	flows(f);
	sunatm_close(f);
	CHECK(nsent > 40, "%u messages captured", nsent);
	snprintf(cmd, sizeof(cmd),
		 "tshark -n -r '%s' -T fields -E separator='|' -e frame.number "
		 "-e q2931.message_type -e _ws.malformed -e _ws.expert.severity "
		 "-e _ws.expert.message 2>/dev/null", path);
	p = popen(cmd, "r");
	if (p == NULL) {
		perror("tshark");
		return 1;
	}
	while (fgets(line, sizeof(line), p)) {
		unsigned int fr = 0;
		unsigned long type;
		char *t = strchr(line, '|'), *end;

		if (sscanf(line, "%u", &fr) != 1 || t == NULL) {
			fprintf(stderr, "tshark: %s", line);
			bad++;
			continue;
		}
		frames++;
		type = strtoul(t + 1, &end, 0);
		if (end == t + 1 || fr == 0 || fr > nsent ||
		    type != sent_type[fr - 1]) {
			fprintf(stderr, "frame %u: type %lu, sent %u: %s", fr, type,
				fr && fr <= nsent ? sent_type[fr - 1] : 0, line);
			bad++;
			continue;
		}
		/* malformed, or an expert item of error severity (8388608 = PI_ERROR) */
		if (strstr(line, "Malformed") || strstr(line, "8388608")) {
			fprintf(stderr, "frame %u: %s", fr, line);
			bad++;
		}
	}
	pclose(p);
	CHECK(frames == nsent, "tshark read %u frames of %u", frames, nsent);
	CHECK(bad == 0, "%u frames did not decode cleanly (%s)", bad, path);
	return test_summary();
}
