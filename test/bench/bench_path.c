/* SPDX-License-Identifier: BSD-3-Clause
 * The driver's own cost a frame, without memif (issue 9): one lcore sends bursts of 32
 * frames (-b) on an mcm port whose lower port is a net_ring looped back on itself and receives
 * them again from the same mcm port, so a frame goes through mcm's whole TX path (classify,
 * AAL5, cells or SDU/PDU frames) and its whole RX path (PW checks, reassembly, CRC check,
 * delivery). The baseline, in the same round, is the same loop on a second looped ring port
 * with no mcm over it: the application's own work (allocating and filling the frames,
 * freeing what comes back) and the ring's. A ring passes pointers, so what is left is mcm's
 * and little else: its figures move far less from run to run than testpmd over memif does
 * (usertools/mcm-bench), which makes it the tool to compare two builds of the data path.
 *
 * For each mode (cells, sdu, pdu) and frame size: R rounds, each a baseline run and an mcm
 * run of -s seconds (after a warm-up); printed, a line a mode and size: ns a frame for the
 * baseline and for mcm (medians of the rounds), mcm's own ns (mcm less baseline, the median
 * of the rounds' differences) and the ratio baseline / mcm.
 * Exits non-zero if a frame is lost, comes back altered or not at all, if the VC's counters
 * do not count every frame each way or count an error, or if an mbuf is left in use at the
 * end; 2 for a bad option.
 *
 * -b sets the burst (default 32, at most 128): with 128 frames of 1,514 bytes a TX burst takes
 * only part of them (a call builds at most 64 PW frames) and gives the rest back, which the
 * loop sends on: they must arrive as they were too.
 *
 * -j FILE writes the figures as JSON (jansson): the options, and a result a mode and size with
 * its medians and every round's two figures (usertools/mcm-bench -o takes it in its own).
 *
 * Usage: bench_path [-m "cells sdu pdu"] [-z "64 512 1500"] [-r ROUNDS] [-s SECONDS]
 *                   [-b BURST] [-j FILE]
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include <rte_bus_vdev.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "mcm_test.h"
#include "rte_pmd_mcm.h"

#define MAX_BURST 128   /* what one mcm TX burst takes at most (MCM_TX_DONE) */
#define NB_MBUF 8191
#define MAX_ROUNDS 64
#define MAX_SIZE 1514   /* Ethernet with no FCS, MTU 1500 */
/* the largest frame in SDU mode: the lower ring's MTU 1500 less the VC's label, the CW and
 * the RFC 2684 LLC header for bridged Ethernet (10)
 */
#define SDU_MAX (1500 - 4 - 4 - 10)

enum mode { MODE_CELLS, MODE_SDU, MODE_PDU, MODE_N };
static const char *const mode_name[MODE_N] = { "cells", "sdu", "pdu" };
static const char *const mode_pvc[MODE_N] = { "0/100", "0/100@sdu:200", "0/100@pdu:300" };

static struct rte_mempool *mp;
static uint8_t tmpl[MAX_SIZE];
static int failed;
static unsigned int burst = 32;
static uint64_t port_frames[RTE_MAX_ETHPORTS];   /* sent and received back, all runs */

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, unsigned int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The modes named in @p list (space-separated mode_name words) set in @p on.
 * @return false if a word is not a mode's name or none is given.
 */
static bool
modes_parse(const char *list, bool on[MODE_N])
{
	char buf[64], *save = NULL, *w;
	int n = 0, m;

	if (strlen(list) >= sizeof(buf))
		return false;
	strcpy(buf, list);
	for (w = strtok_r(buf, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save), n++) {
		for (m = 0; m < MODE_N && strcmp(w, mode_name[m]) != 0; m++)
			;
		if (m == MODE_N)
			return false;
		on[m] = true;
	}
	return n > 0;
}

/* The sizes in @p list (space-separated, 60..MAX_SIZE bytes) into @p out, at most @p max.
 * @return how many; 0 if there is none or one is not such a size.
 */
static unsigned int
sizes_parse(const char *list, unsigned long *out, unsigned int max)
{
	unsigned int n = 0;
	const char *z = list + strspn(list, " ");

	while (*z != '\0') {
		char *next;
		unsigned long size = strtoul(z, &next, 10);

		if (next == z || (*next != ' ' && *next != '\0') || size < 60 || size > MAX_SIZE ||
		    n == max)
			return 0;
		out[n++] = size;
		z = next + strspn(next, " ");
	}
	return n;
}

/* A looped ring port (what it sends it receives) named @p name; its port id, or -1. */
static int
ring_port(const char *name)
{
	char rname[RTE_RING_NAMESIZE];
	struct rte_ring *r;

	snprintf(rname, sizeof(rname), "%s_r", name);
	r = rte_ring_create(rname, 1024, (int)rte_socket_id(), RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (r == NULL)
		return -1;
	return rte_eth_from_rings(name, &r, 1, &r, 1, rte_socket_id());
}

/* The test frame: Ethernet (broadcast, IPv4 type) and a counting pattern, @p size bytes. */
static void
tmpl_make(uint32_t size)
{
	uint32_t i;

	memset(tmpl, 0xff, 6);
	memcpy(tmpl + 6, "\x02\x00\x00\x00\x00\x01", 6);
	tmpl[12] = 0x08;
	tmpl[13] = 0x00;
	for (i = 14; i < size; i++)
		tmpl[i] = (uint8_t)(i * 7 + 1);
}

/*
 * Bursts of @p size byte frames round @p port for @p secs seconds (after a quarter of that
 * as warm-up). @return ns a frame, or -1 (counted as a failure) if frames were lost or came
 * back altered.
 */
static double
run(uint16_t port, uint32_t size, double secs)
{
	struct rte_mbuf *tx[MAX_BURST], *rx[MAX_BURST];
	uint64_t hz = rte_get_tsc_hz(), start = 0, end, now, frames = 0, sent_total = 0;
	uint64_t got_total = 0, stall, stall_max = hz / 2;
	bool warm = false;

	end = rte_rdtsc() + (uint64_t)(secs / 4 * (double)hz);
	for (;;) {
		uint16_t n, sent = 0, got = 0, i;

		now = rte_rdtsc();
		if (now >= end) {
			if (warm)
				break;
			warm = true;
			start = now;
			frames = 0;
			end = now + (uint64_t)(secs * (double)hz);
		}
		if (rte_pktmbuf_alloc_bulk(mp, tx, burst) != 0) {
			printf("FAIL: no mbuf (%u in use)\n", rte_mempool_in_use_count(mp));
			failed = 1;
			return -1;
		}
		for (i = 0; i < burst; i++)
			rte_memcpy(rte_pktmbuf_append(tx[i], (uint16_t)size), tmpl, size);
		/* a burst mcm takes in part (its PW frames for one call are bounded) is sent on
		 * with what it gave back: those frames must be as they were
		 */
		for (stall = now + stall_max; sent < burst && rte_rdtsc() < stall; ) {
			n = rte_eth_tx_burst(port, 0, tx + sent, (uint16_t)(burst - sent));
			sent = (uint16_t)(sent + n);
			if (n > 0)
				stall = rte_rdtsc() + stall_max;
		}
		if (sent < burst)
			rte_pktmbuf_free_bulk(tx + sent, burst - sent);
		sent_total += sent;
		/* the ring hands back at once; mcm's RX may keep a burst's tail for the next, and
		 * PW frames the full ring refused wait for mcm's control thread to push them:
		 * a burst is waited for until nothing has come for stall_max (a loaded machine
		 * may not run that thread for a while), never counted early
		 */
		for (stall = rte_rdtsc() + stall_max; got < sent && rte_rdtsc() < stall; ) {
			n = rte_eth_rx_burst(port, 0, rx, MAX_BURST);
			if (n > 0)
				stall = rte_rdtsc() + stall_max;
			for (i = 0; i < n; i++) {
				if (rx[i]->pkt_len != size ||
				    memcmp(rte_pktmbuf_mtod(rx[i], void *), tmpl, size) != 0)
					failed = 2;
			}
			rte_pktmbuf_free_bulk(rx, n);
			got = (uint16_t)(got + n);
		}
		got_total += got;
		frames += got;
	}
	now = rte_rdtsc();
	port_frames[port] += got_total;
	if (failed == 2 || got_total != sent_total || sent_total == 0) {
		printf("FAIL: port %u, %u B: %" PRIu64 " sent, %" PRIu64 " received%s\n", port,
		       size, sent_total, got_total, failed == 2 ? ", some altered" : "");
		failed = 1;
		return -1;
	}
	return frames == 0 ? -1 : (double)(now - start) * 1e9 / (double)hz / (double)frames;
}

/* The medians of a mode and size: ns a frame, and the baseline / mcm ratio. */
struct figures {
	double base, mcm, own, ratio;
};

/*
 * The figures of a mode and size from the baseline (@p b) and mcm (@p c) ns of each of
 * @p rounds rounds, in @p f; @return them as JSON with every round's two figures.
 */
static json_t *
result_json(const char *mode, uint32_t size, const double *b, const double *c,
	    unsigned int rounds, struct figures *f)
{
	double sb[MAX_ROUNDS], sc[MAX_ROUNDS], d[MAX_ROUNDS], q[MAX_ROUNDS];
	json_t *each = json_array();
	unsigned int r;

	for (r = 0; r < rounds; r++) {
		json_array_append_new(each, json_pack("{s:f, s:f}", "base_ns", b[r], "mcm_ns",
						      c[r]));
		sb[r] = b[r];
		sc[r] = c[r];
		d[r] = c[r] - b[r];
		q[r] = b[r] / c[r];
	}
	f->base = median(sb, rounds);
	f->mcm = median(sc, rounds);
	f->own = median(d, rounds);   /* of the rounds' differences, not of the medians' */
	f->ratio = median(q, rounds);
	return json_pack("{s:s, s:i, s:f, s:f, s:f, s:f, s:o}", "mode", mode, "frame", (int)size,
			 "base_ns", f->base, "mcm_ns", f->mcm, "own_ns", f->own, "ratio", f->ratio,
			 "rounds", each);
}

int
main(int argc, char **argv)
{
	char prefix[64], args[RTE_ETH_NAME_MAX_LEN + 64];
	char *eal[] = { argv[0], "-l", "1", "--no-huge", "-m", "512", "--no-pci",
			"--file-prefix", prefix, "--log-level", "pmd.net.mcm:warning", NULL };
	const char *modes = "cells sdu pdu", *sizes = "64 512 1500", *json_path = NULL;
	json_t *results = json_array();
	unsigned long size_list[16];
	bool mode_on[MODE_N] = { false };
	unsigned int nsizes;
	unsigned int rounds = 5, r;
	double secs = 1;
	int opt, raw, rc, low[MODE_N];
	uint16_t mcm[MODE_N];

	while ((opt = getopt(argc, argv, "m:z:r:s:b:j:")) != -1) {
		switch (opt) {
		case 'j': json_path = optarg; break;
		case 'b': burst = (unsigned int)atoi(optarg); break;
		case 'm': modes = optarg; break;
		case 'z': sizes = optarg; break;
		case 'r': rounds = (unsigned int)atoi(optarg); break;
		case 's': secs = atof(optarg); break;
		default:
			fprintf(stderr, "usage: %s [-m \"cells sdu pdu\"] [-z \"64 512 1500\"] "
				"[-r ROUNDS] [-s SECONDS] [-b BURST] [-j FILE]\n", argv[0]);
			return 2;
		}
	}
	nsizes = sizes_parse(sizes, size_list, RTE_DIM(size_list));
	if (nsizes == 0) {
		fprintf(stderr, "bench_path: -z wants frame sizes from 60 to %d bytes, not '%s'\n",
			MAX_SIZE, sizes);
		return 2;
	}
	if (!modes_parse(modes, mode_on) || rounds < 1 || rounds > MAX_ROUNDS || secs <= 0 ||
	    secs > 60 || burst < 1 || burst > MAX_BURST) {
		fprintf(stderr, "bench_path: -m of cells, sdu, pdu; -r 1..%d, -s 0..60, -b 1..%d\n",
			MAX_ROUNDS, MAX_BURST);
		return 2;
	}
	snprintf(prefix, sizeof(prefix), "mcm-path-%d", getpid());
	if (rte_eal_init((int)RTE_DIM(eal) - 1, eal) < 0) {
		printf("FAIL: rte_eal_init\n");
		return 1;
	}
	mp = rte_pktmbuf_pool_create("path_mp", NB_MBUF, 256, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				     (int)rte_socket_id());
	raw = ring_port("path_raw");
	if (mp == NULL || raw < 0 || test_port_up((uint16_t)raw, 1, mp) != 0) {
		printf("FAIL: baseline port\n");
		return 1;
	}
	for (int m = 0; m < MODE_N; m++) {
		char name[32], lname[RTE_ETH_NAME_MAX_LEN];

		snprintf(lname, sizeof(lname), "path_low%d", m);
		snprintf(name, sizeof(name), "net_mcm_path%d", m);
		low[m] = ring_port(lname);
		/* the ring PMD names its port after the name given, with a prefix */
		if (low[m] < 0 || rte_eth_dev_get_name_by_port((uint16_t)low[m], lname) != 0) {
			printf("FAIL: lower ring port %d\n", m);
			return 1;
		}
		snprintf(args, sizeof(args), "lower=%s,sig=off,pvc=%s", lname, mode_pvc[m]);
		rc = rte_vdev_init(name, args);
		if (rc == 0)
			rc = rte_eth_dev_get_port_by_name(name, &mcm[m]);
		if (rc == 0)
			rc = test_port_up(mcm[m], 1, mp);
		if (rc != 0) {
			printf("FAIL: mcm port %s (%s): %d\n", name, args, rc);
			return 1;
		}
	}
	printf("bench_path: mcm TX + RX on a looped net_ring, one lcore, bursts of %d; "
	       "%u rounds of %.1f s; TSC %.2f GHz\n", burst, rounds, secs,
	       (double)rte_get_tsc_hz() / 1e9);
	printf("%-6s %6s %10s %10s %10s %8s\n", "mode", "frame", "base ns", "mcm ns", "mcm own",
	       "base/mcm");
	for (int m = 0; m < MODE_N; m++) {
		if (!mode_on[m])
			continue;
		for (unsigned int zi = 0; zi < nsizes; zi++) {
			const unsigned long size = size_list[zi];
			double b[MAX_ROUNDS], c[MAX_ROUNDS];
			struct figures fig;

			if (m == MODE_SDU && size > SDU_MAX) {
				printf("%-6s %6lu %10s %10s %10s %8s\n", mode_name[m], size,
				       "n/a", "n/a", "", "");
				json_array_append_new(results, json_pack("{s:s, s:i, s:b}", "mode",
					mode_name[m], "frame", (int)size, "na", 1));
				continue;
			}
			tmpl_make((uint32_t)size);
			for (r = 0; r < rounds; r++) {
				b[r] = run((uint16_t)raw, (uint32_t)size, secs);
				c[r] = run(mcm[m], (uint32_t)size, secs);
				if (b[r] < 0 || c[r] < 0)
					break;   /* said why; no figure from a failed run */
			}
			if (r < rounds) {
				printf("%-6s %6lu %10s\n", mode_name[m], size, "failed");
				json_array_append_new(results, json_pack("{s:s, s:i, s:b}", "mode",
					mode_name[m], "frame", (int)size, "failed", 1));
				continue;
			}
			json_array_append_new(results, result_json(mode_name[m], (uint32_t)size,
								   b, c, rounds, &fig));
			printf("%-6s %6lu %10.1f %10.1f %10.1f %8.3f\n", mode_name[m], size,
			       fig.base, fig.mcm, fig.own, fig.ratio);
			fflush(stdout);
		}
	}
	/* the VC's own counters agree with what went round */
	for (int m = 0; m < MODE_N; m++) {
		struct rte_pmd_mcm_vc_stats st;

		rc = rte_pmd_mcm_vc_stats_get(mcm[m], 0, 100, &st);
		if (rc != 0 || st.tx_pdus != port_frames[mcm[m]] ||
		    st.rx_pdus != port_frames[mcm[m]] || st.tx_drops + st.rx_crc_errors +
		    st.rx_len_errors + st.rx_oversize + st.rx_aborts + st.rx_encap_errors +
		    st.rx_nombuf != 0) {
			printf("FAIL: %s: VC 0/100 counters (rc %d): %" PRIu64 " PDUs sent, %"
			       PRIu64 " received, %" PRIu64 " frames went round, errors %" PRIu64
			       "\n", mode_name[m], rc, st.tx_pdus, st.rx_pdus,
			       port_frames[mcm[m]], st.tx_drops + st.rx_crc_errors +
			       st.rx_len_errors + st.rx_oversize + st.rx_aborts +
			       st.rx_encap_errors + st.rx_nombuf);
			failed = 1;
		}
	}
	if (json_path != NULL) {
		json_t *doc = json_pack("{s:s, s:i, s:i, s:f, s:f, s:o}", "tool", "bench_path",
					"burst", (int)burst, "rounds", (int)rounds, "seconds", secs,
					"tsc_ghz", (double)rte_get_tsc_hz() / 1e9, "results",
					json_incref(results));

		if (doc == NULL || json_dump_file(doc, json_path, JSON_INDENT(2)) != 0) {
			printf("FAIL: cannot write %s\n", json_path);
			failed = 1;
		}
		json_decref(doc);
	}
	json_decref(results);
	for (int m = 0; m < MODE_N; m++) {
		rte_eth_dev_stop(mcm[m]);
		rte_eth_dev_close(mcm[m]);
	}
	rte_eth_dev_stop((uint16_t)raw);
	if (rte_mempool_in_use_count(mp) != 0) {
		printf("FAIL: %u mbufs left in use\n", rte_mempool_in_use_count(mp));
		failed = 1;
	}
	rte_eal_cleanup();
	return failed;
}
