/* SPDX-License-Identifier: BSD-3-Clause
 * lib/atm against Wireshark: frames go through RFC 2684 encapsulation, AAL5 segmentation
 * and reassembly, then into a SunATM pcap; tshark must decode the LLC/SNAP headers and
 * the Ethernet frames and IPv4 packets inside them. Fails without tshark.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mcm_aal5.h"
#include "mcm_rfc2684.h"
#include "sunatm_writer.h"
#include "atm_test.h"

#define NFRAMES 12

static uint8_t sdu_buf[4096];

/* Encapsulate, segment, reassemble, check and strip nothing: the SDU as received. */
static uint32_t
through_aal5(enum mcm_encap e, uint16_t et, const uint8_t *pkt, uint32_t len, uint8_t *out)
{
	uint8_t hdr[MCM_RFC2684_MAX_HDR], cells[90 * MCM_ATM_CELL_LEN];
	struct mcm_iov iov[2];
	struct mcm_aal5_seg s;
	struct mcm_aal5_reasm r = { .buf = out, .cap = sizeof(sdu_buf) };
	uint32_t n, i, sdu_len = 0;
	enum mcm_aal5_status st = MCM_AAL5_MORE;
	uint16_t et2 = 0;

	iov[0] = (struct mcm_iov){ hdr, mcm_rfc2684_hdr_put(hdr, e, et) };
	iov[1] = (struct mcm_iov){ pkt, len };
	if (mcm_aal5_seg_init(&s, iov, 2, mcm_atm_cell_hdr_word(0, 32, 0, 0), 0, 0) != 0)
		return 0;
	n = mcm_aal5_seg_emit(&s, cells, 90);
	for (i = 0; i < n; i++)
		st = mcm_aal5_reasm_cell(&r, cells + i * MCM_ATM_CELL_LEN + MCM_ATM_CELL_HDR_LEN,
					 i + 1 == n, &sdu_len);
	if (st != MCM_AAL5_DONE ||
	    mcm_rfc2684_hdr_check(out, sdu_len, e, &et2) != (int)iov[0].len ||
	    (e == MCM_ENCAP_LLC_ROUTED && et2 != et))
		return 0;
	return sdu_len;
}

static uint16_t
ip_csum(const uint8_t *h)
{
	uint32_t sum = 0;
	int i;

	for (i = 0; i < 20; i += 2)
		sum += (uint32_t)h[i] << 8 | h[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void
make_ipv4(uint8_t *p, uint32_t total, int k)
{
	uint16_t c;

	memset(p, 0, total);
	p[0] = 0x45;
	p[2] = (uint8_t)(total >> 8);
	p[3] = (uint8_t)total;
	p[8] = 64;
	p[9] = 17;
	p[12] = 10;
	p[15] = (uint8_t)(1 + k);
	p[16] = 10;
	p[19] = 200;
	c = ip_csum(p);
	p[10] = (uint8_t)(c >> 8);
	p[11] = (uint8_t)c;
}

int
main(int argc, char **argv)
{
	char path[] = "/tmp/mcm_atm_tshark_XXXXXX", cmd[512], line[256];
	uint8_t pkt[2000];
	FILE *f, *p;
	int fd, k, lines = 0, good = 0;

	if (argc < 2 || access(argv[1], X_OK) != 0) {
		printf("FAIL: tshark not available (usertools/mcm-setup installs it)\n");
		return 1;
	}
	fd = mkstemp(path);
	if (fd < 0)
		return 2;
	close(fd);
	f = sunatm_open(path);
	CHECK(f != NULL, "open %s", path);
	if (f == NULL)
		return test_summary();
	for (k = 0; k < NFRAMES; k++) {
		uint32_t len, sdu_len;

		if (k % 2 == 0) {
			/* bridged Ethernet: dst 02:00:00:00:00:01, src 02:00:00:00:00:kk, IPv4 */
			len = 14 + 20 + (uint32_t)(k * 97 % 1480);
			memset(pkt, 0, 14);
			pkt[0] = 0x02;
			pkt[5] = 0x01;
			pkt[6] = 0x02;
			pkt[11] = (uint8_t)(0x10 + k);
			pkt[12] = 0x08;
			make_ipv4(pkt + 14, len - 14, k);
			sdu_len = through_aal5(MCM_ENCAP_LLC_BRIDGED, 0, pkt, len, sdu_buf);
		} else {
			/* routed IPv4, LLC/SNAP with EtherType 0x0800 */
			len = 20 + (uint32_t)(k * 131 % 1480);
			make_ipv4(pkt, len, k);
			sdu_len = through_aal5(MCM_ENCAP_LLC_ROUTED, 0x0800, pkt, len, sdu_buf);
		}
		CHECK(sdu_len > 0, "frame %d through AAL5", k);
		CHECK(sunatm_write(f, MCM_SUNATM_LLC, k & 1, 0, 32, sdu_buf, sdu_len) == 0,
		      "write frame %d", k);
	}
	CHECK(sunatm_close(f) == 0, "close");

	/* ip.check_checksum: tshark verifies the IPv4 header checksum only when told to, and
	 * reports status 2 (unverified) otherwise, which proves nothing. tshark 4.0 has no
	 * preference that verifies the AAL5 CRC-32 (I.363.5): through_aal5() checks it.
	 */
	snprintf(cmd, sizeof(cmd), "%s -o ip.check_checksum:TRUE -r %s -T fields -E separator=, "
		 "-e llc.oui -e llc.pid -e llc.type -e eth.src -e ip.src -e ip.checksum.status "
		 "2>/dev/null", argv[1], path);
	p = popen(cmd, "r");
	CHECK(p != NULL, "run tshark");
	while (p != NULL && fgets(line, sizeof(line), p) != NULL) {
		char want[256];

		line[strcspn(line, "\n")] = 0;
		if (lines % 2 == 0)
			snprintf(want, sizeof(want),
				 "%u,0x0007,,02:00:00:00:00:%02x,10.0.0.%d,", 0x0080c2u,
				 0x10 + lines, 1 + lines);
		else
			snprintf(want, sizeof(want), "0,,0x0800,,10.0.0.%d,", 1 + lines);
		/* tshark prints the OUI in decimal (00-80-C2 is 32962); ip.checksum.status must
		 * be 1 (good): 0 is bad, 2 unverified, none no IPv4 header found */
		if (strncmp(line, want, strlen(want)) == 0 && strcmp(line + strlen(want), "1") == 0)
			good++;
		else
			CHECK(0, "tshark line %d: '%s', expected '%s1'", lines + 1, line, want);
		lines++;
	}
	if (p != NULL)
		CHECK(pclose(p) == 0, "tshark exit status");
	CHECK(lines == NFRAMES && good == NFRAMES, "%d of %d frames decoded as sent", good,
	      NFRAMES);
	unlink(path);
	return test_summary();
}
