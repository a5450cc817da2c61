/* SPDX-License-Identifier: BSD-3-Clause
 * Capture of the port's ATM traffic to a pcap file with link type SunATM (123), which
 * stock tshark decodes down to SSCOP and Q.2931 (DESIGN.md "User interface contract").
 * The control thread writes it: the signalling PDUs of VC 0/5 it sends and receives, and the
 * SDUs of data VCs, which the queues copy into a ring on their way (mcm_capture_tap) and the
 * control thread drains at each wake-up (1 ms apart while a capture runs).
 * Records are the AAL5 SDU without trailer, after a SunATM pseudo header (direction bit set
 * for what the port sends). Traffic type: Q.SAAL for signalling; LLC for RFC 2684 LLC
 * encapsulation (tshark follows the LLC/SNAP header to the bridged Ethernet frame or the
 * routed packet); LANE for VC-multiplexed bridged SDUs, whose 2-byte pad sits where a LANE
 * frame has its LEC ID, so the Ethernet frame after it decodes; unknown (raw) for
 * VC-multiplexed routed SDUs, which carry nothing that names their protocol.
 * A capture may stop writing after a count of records (as dumpcap -c): the queues stop
 * copying then, and the copies already made are discarded, not counted as dropped.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_cycles.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mempool.h>

#include "mcm_cm.h"
#include "mcm_pcap.h"

#define CAP_RING_SIZE 4096      /* copies waiting for the control thread */
#define CAP_POOL_SIZE 4095

struct mcm_capture {
	FILE *f;
	char path[256];
	uint64_t records, bytes, dropped;
	uint64_t max_records;           /* 0: no limit */
	uint64_t tap_dropped0;          /* port->tap.dropped at the start */
	uint64_t realtime0_ns, tsc0, tsc_hz; /* the copies' TSC stamps to wall-clock time */
};

/** What a queue writes before the SDU in its copy. */
struct cap_meta {
	uint64_t tsc;
	uint32_t vc;                    /* rte_pmd_mcm_vc_t */
	uint8_t out;
	uint8_t encap;                  /* enum mcm_encap */
};

/* Is VC @p vc captured: the filter is port->tap's, which the queues read too. */
static bool
tap_wants(const struct mcm_cap_tap *t, uint32_t vc)
{
	uint32_t i;

	if (t->nvcs == 0)
		return true;
	for (i = 0; i < t->nvcs; i++)
		if (t->vcs[i] == vc)
			return true;
	return false;
}

/* The ring and pool the queues copy into: made at the first capture, kept until close (a
 * queue may hold a pointer to them for the rest of a burst).
 */
static int
tap_setup(struct mcm_port *port)
{
	struct mcm_cap_tap *t = &port->tap;
	char name[RTE_MEMPOOL_NAMESIZE];
	uint32_t room;

	if (t->ring != NULL)
		return 0;
	snprintf(name, sizeof(name), "mcm_cap_%u", port->port_id);
	room = RTE_PKTMBUF_HEADROOM + sizeof(struct cap_meta) + mcm_port_max_sdu(port);
	t->pool = rte_pktmbuf_pool_create(name, CAP_POOL_SIZE, 0, 0, (uint16_t)RTE_MIN(room,
					  (uint32_t)UINT16_MAX), rte_socket_id());
	if (t->pool == NULL)
		return -rte_errno;
	t->ring = rte_ring_create(name, CAP_RING_SIZE, rte_socket_id(), RING_F_SC_DEQ);
	if (t->ring == NULL) {
		int rc = -rte_errno;

		rte_mempool_free(t->pool);
		t->pool = NULL;
		return rc;
	}
	return 0;
}

void
mcm_capture_release(struct mcm_port *port)
{
	struct mcm_cap_tap *t = &port->tap;
	struct rte_mbuf *m;

	if (t->ring == NULL)
		return;
	while (rte_ring_dequeue(t->ring, (void **)&m) == 0)
		rte_pktmbuf_free(m);
	rte_ring_free(t->ring);
	rte_mempool_free(t->pool);
	t->ring = NULL;
	t->pool = NULL;
}

int
mcm_capture_start(struct mcm_port *port, const char *path, const uint32_t *vcs, uint32_t n,
		  uint64_t max_records)
{
	uint8_t hdr[MCM_PCAP_FILE_HDR_LEN];
	struct mcm_capture *c;
	struct timespec rt;
	int rc;

	if (port->capture != NULL)
		return -EBUSY;
	if (path == NULL || path[0] == '\0' || n > MCM_CAPTURE_MAX_VCS)
		return -EINVAL;
	rc = tap_setup(port);
	if (rc != 0)
		return rc;
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
	c->max_records = max_records;
	mcm_pcap_file_header(hdr, 65535, MCM_PCAP_LINKTYPE_SUNATM);
	if (fwrite(hdr, sizeof(hdr), 1, c->f) != 1) {
		fclose(c->f);
		free(c);
		return -EIO;
	}
	clock_gettime(CLOCK_REALTIME, &rt);
	c->tsc0 = rte_get_tsc_cycles();
	c->tsc_hz = rte_get_tsc_hz();
	c->realtime0_ns = (uint64_t)rt.tv_sec * 1000000000ull + (uint64_t)rt.tv_nsec;
	c->tap_dropped0 = __atomic_load_n(&port->tap.dropped, __ATOMIC_RELAXED);
	port->capture = c;
	port->tap.nvcs = n;
	memcpy(port->tap.vcs, vcs, n * sizeof(vcs[0]));
	/* the queues see the filter before the flag */
	__atomic_store_n(&port->tap.on, 1, __ATOMIC_RELEASE);
	return 0;
}

int
mcm_capture_stop(struct mcm_port *port, struct mcm_cm_req *out)
{
	struct mcm_capture *c = port->capture;
	int rc = 0;

	if (c == NULL)
		return -ENOENT;
	/* no queue copies any more once every burst that saw the flag set has ended; what
	 * they copied still goes to the file
	 */
	__atomic_store_n(&port->tap.on, 0, __ATOMIC_RELEASE);
	mcm_vc_synchronize(port);
	mcm_capture_drain(port);
	c->dropped += __atomic_load_n(&port->tap.dropped, __ATOMIC_RELAXED) - c->tap_dropped0;
	if (fclose(c->f) != 0)
		rc = -EIO;
	if (out != NULL) {
		snprintf(out->path, sizeof(out->path), "%s", c->path);
		out->records = c->records;
		out->bytes = c->bytes;
		out->dropped = c->dropped;
		out->cap_count = c->max_records;
	}
	free(c);
	port->capture = NULL;
	return rc;
}

/* Has the capture written all the records it was asked for: if so, the queues stop copying. */
static bool
capture_full(struct mcm_port *port, const struct mcm_capture *c)
{
	if (c->max_records == 0 || c->records < c->max_records)
		return false;
	__atomic_store_n(&port->tap.on, 0, __ATOMIC_RELEASE);
	return true;
}

static void
capture_write(struct mcm_capture *c, uint64_t ts_ns, bool out, enum mcm_sunatm_type type,
	      uint16_t vpi, uint16_t vci, const uint8_t *sdu, size_t len)
{
	uint8_t pre[MCM_PCAP_SUNATM_PREFIX_LEN];

	mcm_pcap_sunatm_record(pre, ts_ns, (uint32_t)len, out, type, (uint8_t)vpi, vci);
	if (fwrite(pre, sizeof(pre), 1, c->f) != 1 || fwrite(sdu, len, 1, c->f) != 1) {
		c->dropped++;
		return;
	}
	c->records++;
	c->bytes += len;
}

void
mcm_capture_sig(struct mcm_port *port, bool out, const uint8_t *pdu, size_t len)
{
	struct mcm_capture *c = port->capture;
	struct timespec ts;

	if (c == NULL || !tap_wants(&port->tap, rte_pmd_mcm_vc(0, MCM_ATM_VCI_SIGNALLING)) ||
	    capture_full(port, c))
		return;
	/* the data copies made before this PDU go first: the file stays in time order */
	mcm_capture_drain(port);
	clock_gettime(CLOCK_REALTIME, &ts);
	capture_write(c, (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec, out,
		      MCM_SUNATM_QSAAL, 0, MCM_ATM_VCI_SIGNALLING, pdu, len);
	fflush(c->f);
}

static enum mcm_sunatm_type
sunatm_type(enum mcm_encap e)
{
	switch (e) {
	case MCM_ENCAP_LLC_BRIDGED:
	case MCM_ENCAP_LLC_ROUTED:
		return MCM_SUNATM_LLC;
	case MCM_ENCAP_VCMUX_BRIDGED:
		return MCM_SUNATM_LANE;
	default:
		return MCM_SUNATM_UNKNOWN;
	}
}

void
mcm_capture_tap(struct mcm_port *port, bool out, uint32_t vc, uint8_t encap,
		const struct mcm_iov *iov, unsigned int niov)
{
	struct mcm_cap_tap *t = &port->tap;
	struct cap_meta *meta;
	struct rte_mbuf *m;
	uint32_t i, room, len = 0;
	uint8_t *p;

	if (!tap_wants(t, vc))
		return;
	m = rte_pktmbuf_alloc(t->pool);
	if (m == NULL)
		goto lost;
	meta = rte_pktmbuf_mtod(m, struct cap_meta *);
	p = (uint8_t *)(meta + 1);
	room = rte_pktmbuf_tailroom(m) - (uint32_t)sizeof(*meta);
	for (i = 0; i < niov; i++) {
		uint32_t k = (uint32_t)RTE_MIN(iov[i].len, (size_t)(room - len));

		memcpy(p + len, iov[i].base, k);
		len += k;
	}
	meta->tsc = rte_get_tsc_cycles();
	meta->vc = vc;
	meta->out = out;
	meta->encap = encap;
	m->data_len = (uint16_t)(sizeof(*meta) + len);
	m->pkt_len = m->data_len;
	if (rte_ring_mp_enqueue(t->ring, m) == 0)
		return;
	rte_pktmbuf_free(m);
lost:
	__atomic_fetch_add(&t->dropped, 1, __ATOMIC_RELAXED);
}

void
mcm_capture_drain(struct mcm_port *port)
{
	struct mcm_capture *c = port->capture;
	struct rte_mbuf *ms[32];
	unsigned int n, i;

	if (port->tap.ring == NULL)
		return;
	while ((n = rte_ring_sc_dequeue_burst(port->tap.ring, (void **)ms, RTE_DIM(ms),
					      NULL)) > 0)
		for (i = 0; i < n; i++) {
			const struct cap_meta *meta = rte_pktmbuf_mtod(ms[i], struct cap_meta *);

			/* copies left from a stopped capture are not this one's */
			if (c != NULL && meta->tsc >= c->tsc0 && !capture_full(port, c)) {
				uint64_t dt = meta->tsc - c->tsc0;
				uint64_t ns = dt / c->tsc_hz * 1000000000ull +
					      dt % c->tsc_hz * 1000000000ull / c->tsc_hz;

				capture_write(c, c->realtime0_ns + ns, meta->out,
					      sunatm_type((enum mcm_encap)meta->encap),
					      rte_pmd_mcm_vc_vpi(meta->vc),
					      rte_pmd_mcm_vc_vci(meta->vc),
					      (const uint8_t *)(meta + 1),
					      ms[i]->data_len - sizeof(*meta));
			}
			rte_pktmbuf_free(ms[i]);
		}
	if (c != NULL) {
		capture_full(port, c);
		fflush(c->f);
	}
}
