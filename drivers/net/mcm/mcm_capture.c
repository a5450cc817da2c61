/* SPDX-License-Identifier: BSD-3-Clause
 * Capture of the port's ATM traffic to a pcap file with link type SunATM (123), which
 * stock tshark decodes down to SSCOP and Q.2931 (DESIGN.md "User interface contract").
 * The control thread writes it: the signalling PDUs of VC 0/5 it sends and receives.
 * Records are the AAL5 SDU without trailer, after a SunATM pseudo header (direction bit set
 * for what the port sends; traffic type Q.SAAL).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mcm_cm.h"
#include "mcm_pcap.h"

struct mcm_capture {
	FILE *f;
	char path[256];
	uint32_t nvcs;                  /* 0: all */
	uint32_t vcs[MCM_CAPTURE_MAX_VCS];
	uint64_t records, bytes, dropped;
};

static bool
capture_wants(const struct mcm_capture *c, uint16_t vpi, uint16_t vci)
{
	uint32_t i;

	if (c->nvcs == 0)
		return true;
	for (i = 0; i < c->nvcs; i++)
		if (c->vcs[i] == rte_pmd_mcm_vc(vpi, vci))
			return true;
	return false;
}

int
mcm_capture_start(struct mcm_port *port, const char *path, const uint32_t *vcs, uint32_t n)
{
	uint8_t hdr[MCM_PCAP_FILE_HDR_LEN];
	struct mcm_capture *c;

	if (port->capture != NULL)
		return -EBUSY;
	if (path == NULL || path[0] == '\0' || n > MCM_CAPTURE_MAX_VCS)
		return -EINVAL;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return -ENOMEM;
	c->f = fopen(path, "wb");
	if (c->f == NULL) {
		int rc = -errno;

		free(c);
		return rc;
	}
	snprintf(c->path, sizeof(c->path), "%s", path);
	c->nvcs = n;
	memcpy(c->vcs, vcs, n * sizeof(vcs[0]));
	mcm_pcap_file_header(hdr, 65535, MCM_PCAP_LINKTYPE_SUNATM);
	if (fwrite(hdr, sizeof(hdr), 1, c->f) != 1) {
		fclose(c->f);
		free(c);
		return -EIO;
	}
	port->capture = c;
	return 0;
}

int
mcm_capture_stop(struct mcm_port *port, struct mcm_cm_req *out)
{
	struct mcm_capture *c = port->capture;
	int rc = 0;

	if (c == NULL)
		return -ENOENT;
	if (fclose(c->f) != 0)
		rc = -EIO;
	if (out != NULL) {
		snprintf(out->path, sizeof(out->path), "%s", c->path);
		out->records = c->records;
		out->bytes = c->bytes;
		out->dropped = c->dropped;
	}
	free(c);
	port->capture = NULL;
	return rc;
}

static void
capture_write(struct mcm_capture *c, bool out, enum mcm_sunatm_type type, uint16_t vpi,
	      uint16_t vci, const uint8_t *sdu, size_t len)
{
	uint8_t pre[MCM_PCAP_SUNATM_PREFIX_LEN];
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	mcm_pcap_sunatm_record(pre, (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec,
			       (uint32_t)len, out, type, (uint8_t)vpi, vci);
	if (fwrite(pre, sizeof(pre), 1, c->f) != 1 || fwrite(sdu, len, 1, c->f) != 1) {
		c->dropped++;
		return;
	}
	fflush(c->f);
	c->records++;
	c->bytes += len;
}

void
mcm_capture_sig(struct mcm_port *port, bool out, const uint8_t *pdu, size_t len)
{
	struct mcm_capture *c = port->capture;

	if (c == NULL || !capture_wants(c, 0, MCM_ATM_VCI_SIGNALLING))
		return;
	capture_write(c, out, MCM_SUNATM_QSAAL, 0, MCM_ATM_VCI_SIGNALLING, pdu, len);
}
