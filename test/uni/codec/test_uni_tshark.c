/* SPDX-License-Identifier: BSD-3-Clause
 * The codec against Wireshark: every message type, in its rich codings, is encoded, carried
 * in an SSCOP SD PDU (Q.2110 7.7) on VPI/VCI 0/5 of a SunATM capture, and read back with
 * tshark. Each packet must decode as Q.2931 with the same message type and the same IEs in
 * the same order, and no packet may be malformed or carry error expert info.
 * Usage: test_uni_tshark [path-to-tshark]; fails without tshark (the set-up installs it).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mcm_uni_msg.h"
#include "sunatm_writer.h"
#include "uni_codec_samples.h"
#include "codec_test.h"

#define MAX_PKTS (SAMPLE_N_TYPES * SAMPLE_N_VARIANTS)

struct expect {
	unsigned int type;
	bool aal, traffic, scompl, eetd2;   /* IEs Wireshark 4.0 warns about falsely */
	char ies[512];     /* "0x70,0x5e,..." as tshark prints the IE identifiers */
};

static struct expect expected[MAX_PKTS];

/* SSCOP SD PDU (Q.2110 7.7): information padded to a multiple of 4 octets, then the
 * trailer PL(2) | reserved(2) | PDU type(4) = 0x8 | N(S)(24). */
static size_t
sscop_sd(const uint8_t *sdu, size_t len, uint32_t ns, uint8_t *out)
{
	size_t pad = (4 - len % 4) % 4;

	memcpy(out, sdu, len);
	memset(out + len, 0, pad);
	out[len + pad] = (uint8_t)((pad << 6) | 0x08);
	out[len + pad + 1] = (uint8_t)(ns >> 16);
	out[len + pad + 2] = (uint8_t)(ns >> 8);
	out[len + pad + 3] = (uint8_t)ns;
	return len + pad + 4;
}

/* The IE identifiers of an encoded message, walked independently of the codec. */
static void
ie_list(const uint8_t *b, size_t len, struct expect *e)
{
	size_t pos = MCM_UNI_HDR_LEN, o = 0, room = sizeof(e->ies);

	e->ies[0] = '\0';
	while (pos + 4 <= len && o + 8 < room) {
		size_t ilen = (size_t)((b[pos + 2] << 8) | b[pos + 3]);

		o += (size_t)snprintf(e->ies + o, room - o, "%s0x%02x", o ? "," : "", b[pos]);
		e->aal |= b[pos] == MCM_UNI_IE_AAL;
		e->traffic |= b[pos] == MCM_UNI_IE_TRAFFIC;
		e->scompl |= b[pos] == MCM_UNI_IE_SCOMPL;
		e->eetd2 |= b[pos] == MCM_UNI_IE_EETD && ilen > 3;
		pos += 4 + ilen;
	}
}

int
main(int argc, char **argv)
{
	const char *tshark = argc > 1 ? argv[1] : "tshark";
	char path[] = "/tmp/mcm_uni_tshark_XXXXXX", cmd[1024], line[4096];
	uint8_t msg[2048], pdu[2100];
	unsigned int npkt = 0, lines = 0;
	FILE *f, *p;
	int fd, t, v;

	snprintf(cmd, sizeof(cmd), "%s -v >/dev/null 2>&1", tshark);
	if (system(cmd) != 0) {
		/* tshark is part of the set-up (usertools/mcm-setup): missing, it is a failure */
		printf("FAIL: tshark not available\n");
		return 1;
	}
	fd = mkstemp(path);
	CHECK(fd >= 0, "mkstemp");
	if (fd < 0)
		return test_summary();
	close(fd);
	f = sunatm_open(path);
	CHECK(f != NULL, "open %s", path);
	if (f == NULL)
		return test_summary();
	for (t = 0; t < SAMPLE_N_TYPES; t++) {
		for (v = 0; v < SAMPLE_N_VARIANTS; v++) {
			struct mcm_uni_msg m;
			int n;
			size_t plen;

			sample_msg(&m, sample_types[t], v);
			n = mcm_uni_msg_encode(&m, msg, sizeof(msg));
			CHECK(n > 0, "encode type 0x%02x variant %d: %d", sample_types[t], v, n);
			if (n <= 0)
				continue;
			plen = sscop_sd(msg, (size_t)n, npkt, pdu);
			CHECK(sunatm_write(f, MCM_SUNATM_QSAAL, v & 1, 0, 5, pdu, plen) == 0,
			      "write");
			expected[npkt].type = sample_types[t];
			ie_list(msg, (size_t)n, &expected[npkt]);
			npkt++;
		}
	}
	CHECK(sunatm_close(f) == 0, "close");

	/* 1: message type and IE identifiers of every packet */
	snprintf(cmd, sizeof(cmd),
		 "%s -n -r %s -T fields -E occurrence=a -E aggregator=, "
		 "-e q2931.message_type -e q2931.information_element 2>/dev/null", tshark, path);
	p = popen(cmd, "r");
	CHECK(p != NULL, "run tshark");
	if (p != NULL) {
		while (fgets(line, sizeof(line), p) != NULL) {
			char want[700];

			line[strcspn(line, "\r\n")] = '\0';
			if (lines >= npkt) {
				CHECK(0, "extra tshark line '%s'", line);
				continue;
			}
			snprintf(want, sizeof(want), "0x%02x\t%s", expected[lines].type,
				 expected[lines].ies);
			CHECK(strcmp(line, want) == 0, "packet %u: tshark '%s', expected '%s'",
			      lines + 1, line, want);
			lines++;
		}
		CHECK(pclose(p) == 0, "tshark exit status");
		CHECK(lines == npkt, "tshark printed %u packets of %u", lines, npkt);
	}

	/* 2: nothing malformed and no error expert info */
	snprintf(cmd, sizeof(cmd),
		 "%s -n -r %s -Y '_ws.malformed || _ws.expert.severity >= error || !q2931' "
		 "-T fields -e frame.number -e _ws.expert.message 2>/dev/null", tshark, path);
	p = popen(cmd, "r");
	CHECK(p != NULL, "run tshark");
	if (p != NULL) {
		unsigned int bad = 0;

		while (fgets(line, sizeof(line), p) != NULL) {
			line[strcspn(line, "\r\n")] = '\0';
			CHECK(0, "tshark flags frame: %s", line);
			bad++;
		}
		CHECK(pclose(p) == 0, "tshark exit status");
		CHECK(bad == 0, "%u flagged frames", bad);
	}

	/* 3: the only other expert infos are Wireshark 4.0's known false warnings, each on a
	 * frame that has the IE it comes from: it reads one subfield identifier past the end
	 * of AAL parameters, ATM traffic descriptor and broadband sending complete IEs, and
	 * does not step over the value of an end-to-end transit delay subfield */
	snprintf(cmd, sizeof(cmd),
		 "%s -n -r %s -Y '_ws.expert' -T fields -E occurrence=a -E aggregator='|' "
		 "-e frame.number -e _ws.expert.message 2>/dev/null", tshark, path);
	p = popen(cmd, "r");
	CHECK(p != NULL, "run tshark");
	if (p != NULL) {
		while (fgets(line, sizeof(line), p) != NULL) {
			char *tok, *save = NULL, *tab = strchr(line, '\t');
			unsigned int fno = (unsigned int)atoi(line);
			const struct expect *e;

			e = fno >= 1 && fno <= npkt ? &expected[fno - 1] : NULL;

			line[strcspn(line, "\r\n")] = '\0';
			CHECK(e != NULL && tab != NULL, "tshark line '%s'", line);
			if (e == NULL || tab == NULL)
				continue;
			for (tok = strtok_r(tab + 1, "|", &save); tok != NULL;
			     tok = strtok_r(NULL, "|", &save))
				CHECK((strcmp(tok, "Unknown AAL parameter") == 0 && e->aal) ||
				      (strcmp(tok, "Unknown ATM traffic descriptor element") == 0 &&
				       e->traffic) ||
				      (strcmp(tok, "Unknown broadband sending complete element")
				       == 0 && e->scompl) ||
				      (strcmp(tok, "Unknown transit delay identifier") == 0 &&
				       e->eetd2),
				      "frame %u: unexpected expert info '%s'", fno, tok);
		}
		CHECK(pclose(p) == 0, "tshark exit status");
	}
	if (test_failed == 0)
		unlink(path);
	else
		fprintf(stderr, "capture kept in %s\n", path);
	printf("%u packets checked\n", npkt);
	return test_summary();
}
