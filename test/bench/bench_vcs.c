/* SPDX-License-Identifier: BSD-3-Clause
 * Many-VC benchmark of net_mcm (issue 9): two mcm ports over a memif pair in one EAL process,
 * signalling off, max_vcs=M (default 65535, up to 1048576). For each VC count N:
 *  1. N PVCs added on both ports through rte_pmd_mcm_pvc_add_range (-1: one
 *     rte_pmd_mcm_pvc_add a VC) from 1/32: VCIs 32..65535 of VPI 1, then of VPI 2.., timed;
 *     the EAL heap (and libc heap) before and after: bytes per VC;
 *  2. flows hashed over the N VCs on both ports (rte_pmd_mcm_bind_hash, across the VPIs);
 *  3. a worker lcore sends bursts of 32 IPv4/UDP frames from port A, source address and port
 *     cycling over F flows (-f per VC, at least 4 N), and receives on port B for -s seconds
 *     after a 1 s warm-up: Mpps received, frames lost, distinct VCs seen, and whether every
 *     flow stayed on one VC;
 *  4. the binding removed and the PVCs deleted (rte_pmd_mcm_pvc_del_range, or one a VC with
 *     -1), timed; the heap must come back to its
 *     "before" figure, less the VCI directories (and any map chunks) the driver keeps until
 *     close.
 * It also prints what probing and starting the two ports took from the heaps: the VC table
 * the driver sizes by max_vcs up front (run with -m 1024 and -m 65535 to separate the part
 * per slot from the fixed part).
 * Exits non-zero if a PVC add or delete fails, if frames are lost beyond the lower ports'
 * own drops, if a frame arrives damaged or on a VC out of the range or a flow changes VC, or
 * if the heap does not come back.
 * EAL memory: 4 KiB pages (--no-huge) by default; -g puts it on 2 MiB hugepages, reserved
 * here (hugepages_setup: nr_hugepages raised and a hugetlbfs mounted when run as root, what
 * was added given back at exit) or the bench fails: it never falls back to 4 KiB pages. The
 * header line says which it used, read back from EAL's memory segment lists.
 *
 * Usage: bench_vcs [-v "1 16 256 4096 65535"] [-s SECONDS] [-z FRAME_SIZE] [-f FLOWS_PER_VC]
 *                  [-m MAX_VCS] [-M EAL_MB] [-g] [-1] [-j FILE]
 */
#include <errno.h>
#include <inttypes.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <rte_bus_vdev.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_memory.h>
#include <rte_version.h>

#include "mcm_check.h"
#include "mcm_test.h"
#include "rte_pmd_mcm.h"

#define NB_MBUF 16383
#define BURST 32
#define MAX_COUNTS 16
#define FIRST_VCI 32                     /* VCIs 0..31 are reserved (I.361) */
#define VCIS_PER_VPI (65536 - FIRST_VCI) /* client VCIs of one VPI */
#define HDR_LEN 42                       /* Ethernet 14 + IPv4 20 + UDP 8 */
#define MAGIC 0x4d434d56u                /* "MCMV" after the flow number */
/* The VCI -> slot map (mcm_private.h, struct mcm_vci_dir): a directory a VPI (16 entries
 * and 16 counts: 160 B), each entry a slot base for VCs in consecutive slots (affine: no
 * memory more), or a chunk of 4,096 32-bit entries, made when a VC breaks that order; both
 * stay until the port closes
 */
#define MAP_CHUNK_VCIS 4096
#define MAP_CHUNK (MAP_CHUNK_VCIS * sizeof(uint32_t))
#define MAP_DIR (16 * sizeof(uintptr_t) + 16 * sizeof(uint16_t))
#define MAP_CHUNKS_PER_VPI (65536 / MAP_CHUNK_VCIS)
#define MAX_VPIS 4096
#define MAX_VCS (1u << 20)               /* the driver's max_vcs bound */

static struct rte_mempool *mp;
static uint16_t pa, pb, mem0, mem1;
static int one_by_one;                   /* -1: one API call a VC, not a range */
static char memory[320];                 /* what EAL's memory is on, for the output */

/* ---- 2 MiB hugepages (-g) ---- */

#define HP_SYS "/sys/kernel/mm/hugepages/hugepages-2048kB/"
#define HP_SIZE (2u << 20)
#define HP_MOUNT "/dev/hugepages"
#define HP_MOUNT_ALT "/run/mcm-hugepages-2M" /* when /dev/hugepages holds another size */

static long hp_added;                    /* pages this process added to nr_hugepages */

static long
read_long(const char *path)
{
	FILE *f = fopen(path, "r");
	long v = -1;

	if (f != NULL) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

static int
write_long(const char *path, long v)
{
	FILE *f = fopen(path, "w");
	int rc;

	if (f == NULL)
		return -errno;
	rc = fprintf(f, "%ld\n", v) < 0 ? -EIO : 0;
	if (fclose(f) != 0 && rc == 0)
		rc = -errno;
	return rc;
}

/* 2 MiB pages free for a new mapping: free less those promised to mappings already made */
static long
hp_free(void)
{
	long f = read_long(HP_SYS "free_hugepages"), r = read_long(HP_SYS "resv_hugepages");

	return f < 0 ? -1 : f - (r > 0 ? r : 0);
}

/* The folder of a mounted hugetlbfs of 2 MiB pages into @p dir; @return 0, -1 if none. */
static int
hp_find_mount(char *dir, size_t len)
{
	char line[512], dev[128], mnt[256], type[64], opts[256];
	long def_kb = 0;
	FILE *f = fopen("/proc/meminfo", "r");
	int found = -1;

	while (f != NULL && fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "Hugepagesize: %ld kB", &def_kb) == 1)
			break;
	if (f != NULL)
		fclose(f);
	f = fopen("/proc/mounts", "r");
	while (found != 0 && f != NULL && fgets(line, sizeof(line), f) != NULL) {
		const char *ps;

		if (sscanf(line, "%127s %255s %63s %255s", dev, mnt, type, opts) != 4 ||
		    strcmp(type, "hugetlbfs") != 0)
			continue;
		ps = strstr(opts, "pagesize=");
		/* no pagesize= option: the mount has the default size */
		if (ps != NULL ? strncmp(ps + 9, "2M", 2) == 0 && (ps[11] == ',' || ps[11] == 0)
			       : def_kb == 2048) {
			snprintf(dir, len, "%s", mnt);
			found = 0;
		}
	}
	if (f != NULL)
		fclose(f);
	return found;
}

/* At exit: the pages hugepages_setup added go back (the count less them, whatever other
 * processes did meanwhile); pages still mapped become surplus and go when unmapped.
 */
static void
hp_give_back(void)
{
	long nr = read_long(HP_SYS "nr_hugepages");

	if (hp_added <= 0 || nr < 0)
		return;
	if (write_long(HP_SYS "nr_hugepages", nr - hp_added > 0 ? nr - hp_added : 0) == 0)
		printf("gave back the %ld 2 MiB hugepages added for this run\n", hp_added);
	else
		printf("warning: could not give back the %ld 2 MiB hugepages added for this run "
		       "(%s)\n", hp_added, HP_SYS "nr_hugepages");
	hp_added = 0;
}

/*
 * 2 MiB hugepages for @p mb MB of EAL memory: a hugetlbfs of 2 MiB pages mounted (its
 * folder into @p dir) and that many pages free. What is missing is set up when running as
 * root (mount at /dev/hugepages, nr_hugepages raised by the shortfall, given back at exit);
 * otherwise, or if the kernel cannot find the pages, it says so. @return 0, or -1.
 */
static int
hugepages_setup(unsigned long mb, char *dir, size_t len)
{
	long need = (long)((mb * 1048576 + HP_SIZE - 1) / HP_SIZE), nr, free_now;
	int root = geteuid() == 0, rc;

	nr = read_long(HP_SYS "nr_hugepages");
	if (nr < 0) {
		printf("FAIL: -g: this kernel has no 2 MiB hugepages (%s)\n", HP_SYS);
		return -1;
	}
	if (hp_find_mount(dir, len) != 0) {
		const char *at = HP_MOUNT;
		struct stat st;

		if (!root) {
			printf("FAIL: -g: no hugetlbfs of 2 MiB pages is mounted; as root: mkdir "
			       "-p %s && mount -t hugetlbfs -o pagesize=2M nodev %s (or run "
			       "bench_vcs as root)\n", HP_MOUNT, HP_MOUNT);
			return -1;
		}
		/* /dev/hugepages may be the mount of another page size */
		if (stat(HP_MOUNT, &st) == 0) {
			FILE *f = fopen("/proc/mounts", "r");
			char line[512];

			while (f != NULL && fgets(line, sizeof(line), f) != NULL)
				if (strstr(line, " " HP_MOUNT " ") != NULL)
					at = HP_MOUNT_ALT;
			if (f != NULL)
				fclose(f);
		}
		if ((mkdir(at, 0755) != 0 && errno != EEXIST) ||
		    mount("nodev", at, "hugetlbfs", 0, "pagesize=2M") != 0) {
			printf("FAIL: -g: mounting a hugetlbfs of 2 MiB pages at %s: %s\n", at,
			       strerror(errno));
			return -1;
		}
		snprintf(dir, len, "%s", at);
		printf("mounted a hugetlbfs of 2 MiB pages at %s\n", at);
	}
	free_now = hp_free();
	if (free_now >= need)
		return 0;
	if (!root) {
		printf("FAIL: -g: %ld 2 MiB hugepages free, %ld wanted for -M %lu; as root: echo "
		       "%ld > %snr_hugepages (or run bench_vcs as root, or a smaller -M)\n",
		       free_now, need, mb, nr + need - free_now, HP_SYS);
		return -1;
	}
	rc = write_long(HP_SYS "nr_hugepages", nr + need - free_now);
	hp_added = read_long(HP_SYS "nr_hugepages") - nr;
	if (hp_added < 0)
		hp_added = 0;
	atexit(hp_give_back);
	free_now = hp_free();
	if (rc != 0 || free_now < need) {
		printf("FAIL: -g: %ld 2 MiB hugepages free after raising nr_hugepages from %ld "
		       "(%s), %ld wanted for -M %lu: the kernel found no more free memory in 2 MiB "
		       "blocks (try echo 3 > /proc/sys/vm/drop_caches; echo 1 > "
		       "/proc/sys/vm/compact_memory) or use a smaller -M\n", free_now, nr,
		       rc != 0 ? strerror(-rc) : "written", need, mb);
		return -1;
	}
	printf("reserved %ld more 2 MiB hugepages (nr_hugepages %ld -> %ld; given back at "
	       "exit)\n", hp_added, nr, nr + hp_added);
	return 0;
}

/* What EAL's memory is on, read from its segment lists (rte_memseg_list_walk): the page
 * size of the lists that have segments (another size too, if they differ) and how much
 * they hold.
 */
struct mem_seen {
	uint64_t page_sz, other_sz, bytes;
};

static int
memseg_list_cb(const struct rte_memseg_list *msl, void *arg)
{
	struct mem_seen *m = arg;

	if (msl->memseg_arr.count == 0)
		return 0;
	if (m->page_sz == 0 || m->page_sz == msl->page_sz)
		m->page_sz = msl->page_sz;
	else
		m->other_sz = msl->page_sz;
	m->bytes += (uint64_t)msl->memseg_arr.count * msl->page_sz;
	return 0;
}

/* ---- clocks and heaps ---- */

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
sleep_ms(unsigned int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* Bytes allocated on the EAL heaps of every socket (rte_malloc, memzones). */
static int64_t
eal_heap(void)
{
	struct rte_malloc_socket_stats st;
	unsigned int i;
	int64_t sum = 0;

	for (i = 0; i < rte_socket_count(); i++) {
		memset(&st, 0, sizeof(st));
		if (rte_malloc_get_socket_stats(rte_socket_id_by_idx(i), &st) == 0)
			sum += (int64_t)st.heap_allocsz_bytes;
	}
	return sum;
}

/* Bytes in use on the libc heap, mmap'd blocks included: lib/condis allocates with calloc. */
static int64_t
libc_heap(void)
{
	struct mallinfo2 mi = mallinfo2();

	return (int64_t)(mi.uordblks + mi.hblkhd);
}

/* ---- the traffic: one worker lcore, A queue 0 -> B queue 0 ---- */

struct traffic {
	/* in */
	uint32_t nflows;
	uint32_t first_vc, nvcs;          /* the hash binding's range */
	uint32_t size;
	unsigned int secs;
	uint32_t *flow_vc;                /* [nflows] VC + 1 the flow was seen on, 0: not yet */
	uint8_t *vc_seen;                 /* [nvcs / 8] bits by the VC's index (vc_index) */
	int check_flows;                  /* warm-up and drain only: a table of 4 * F bytes
					   * read at random would slow the measured window */
	/* out */
	uint64_t sent, rcvd, bad, wrong_vc, flow_moved, reverse;
	uint64_t win_rcvd, win_sent;
	double win_s;
	double best_mpps;                 /* the best 250 ms of the window */
	uint32_t seen;
};

static uint8_t frame_tpl[HDR_LEN];

/* The index of @p vc in the VCs from 1/32 (vc_of), UINT32_MAX if it is not one of them. */
static inline uint32_t
vc_index(rte_pmd_mcm_vc_t vc)
{
	uint32_t vpi = rte_pmd_mcm_vc_vpi(vc), vci = rte_pmd_mcm_vc_vci(vc);

	if (vpi < 1 || vci < FIRST_VCI)
		return UINT32_MAX;
	return (vpi - 1) * VCIS_PER_VPI + vci - FIRST_VCI;
}

static void
frame_template(uint32_t size)
{
	uint8_t *p = frame_tpl;
	uint16_t ip_len = (uint16_t)(size - RTE_ETHER_HDR_LEN), udp_len = (uint16_t)(ip_len - 20);

	memset(p, 0, sizeof(frame_tpl));
	memcpy(p, "\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00", 14);
	p += 14;
	p[0] = 0x45;                      /* IPv4, 20-byte header (RFC 791) */
	p[2] = (uint8_t)(ip_len >> 8);
	p[3] = (uint8_t)ip_len;
	p[8] = 64;
	p[9] = IPPROTO_UDP;
	/* the checksum stays 0: nobody here checks it, and it costs nothing to the hash */
	memcpy(p + 16, "\xc0\xa8\x00\x01", 4);   /* destination 192.168.0.1 */
	p += 20;
	p[2] = 0;
	p[3] = 9;                         /* UDP destination port 9 (discard) */
	p[4] = (uint8_t)(udp_len >> 8);
	p[5] = (uint8_t)udp_len;
}

/* Flow @p f: source 10.x.y.z = 10.0.0.0 + f / 16, source port 1024 + f % 16. */
static inline void
frame_fill(struct rte_mbuf *m, uint32_t size, uint32_t f)
{
	uint8_t *p = rte_pktmbuf_mtod(m, uint8_t *);
	uint32_t src = 0x0a000000u | (f >> 4), magic = MAGIC;
	uint16_t sport = (uint16_t)(1024 + (f & 15));

	memcpy(p, frame_tpl, HDR_LEN);
	p[26] = (uint8_t)(src >> 24);
	p[27] = (uint8_t)(src >> 16);
	p[28] = (uint8_t)(src >> 8);
	p[29] = (uint8_t)src;
	p[34] = (uint8_t)(sport >> 8);
	p[35] = (uint8_t)sport;
	memcpy(p + HDR_LEN, &f, 4);
	memcpy(p + HDR_LEN + 4, &magic, 4);
	m->data_len = (uint16_t)size;
	m->pkt_len = size;
}

static inline void
frame_check(struct traffic *t, struct rte_mbuf *m)
{
	const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
	rte_pmd_mcm_vc_t vc;
	uint32_t f, magic, idx;

	if (m->pkt_len != t->size || m->nb_segs != 1) {
		t->bad++;
		return;
	}
	memcpy(&f, p + HDR_LEN, 4);
	memcpy(&magic, p + HDR_LEN + 4, 4);
	if (magic != MAGIC || f >= t->nflows) {
		t->bad++;
		return;
	}
	if (rte_pmd_mcm_mbuf_get_vc(m, &vc) != 0 || (idx = vc_index(vc)) >= t->nvcs) {
		t->wrong_vc++;
		return;
	}
	if (t->check_flows) {
		if (t->flow_vc[f] == 0)
			t->flow_vc[f] = vc + 1;
		else if (t->flow_vc[f] != vc + 1)
			t->flow_moved++; /* the frames of one flow must stay on one VC, in order */
	}
	if (!(t->vc_seen[idx >> 3] & (1u << (idx & 7)))) {
		t->vc_seen[idx >> 3] |= (uint8_t)(1u << (idx & 7));
		t->seen++;
	}
}

static unsigned int
rx_some(struct traffic *t)
{
	struct rte_mbuf *b[BURST];
	unsigned int total = 0;
	uint16_t r, i;

	r = rte_eth_rx_burst(pb, 0, b, BURST);
	for (i = 0; i < r; i++)
		frame_check(t, b[i]);
	t->rcvd += r;
	total += r;
	rte_pktmbuf_free_bulk(b, r);
	/* nothing is sent B -> A: anything there is counted */
	r = rte_eth_rx_burst(pa, 0, b, BURST);
	t->reverse += r;
	total += r;
	rte_pktmbuf_free_bulk(b, r);
	return total;
}

static int
traffic_main(void *arg)
{
	struct traffic *t = arg;
	struct rte_mbuf *b[BURST];
	uint64_t hz = rte_get_tsc_hz(), t0 = rte_rdtsc(), warm_end = t0 + hz;
	uint64_t end = warm_end + t->secs * hz, now, win_t0 = 0, rcvd0 = 0, sent0 = 0;
	uint64_t idle_since, sub_t0 = 0, sub_rcvd0 = 0;
	uint32_t flow = 0;
	uint16_t npend = 0, k, sent;
	int warm = 1;

	t->check_flows = 1;
	while ((now = rte_rdtsc()) < end) {
		if (warm && now >= warm_end) {
			warm = 0;
			t->check_flows = 0;
			win_t0 = sub_t0 = now;
			rcvd0 = sub_rcvd0 = t->rcvd;
			sent0 = t->sent;
		}
		/* the machine is shared: the best quarter second says what the code can do */
		if (!warm && now - sub_t0 >= hz / 4) {
			double mpps = (double)(t->rcvd - sub_rcvd0) * (double)hz /
				      (double)(now - sub_t0) / 1e6;

			t->best_mpps = RTE_MAX(t->best_mpps, mpps);
			sub_t0 = now;
			sub_rcvd0 = t->rcvd;
		}
		/* frames the port did not take are sent again first, then new ones */
		if (npend < BURST && rte_pktmbuf_alloc_bulk(mp, b + npend, BURST - npend) == 0) {
			for (k = npend; k < BURST; k++) {
				frame_fill(b[k], t->size, flow);
				flow = flow + 1 == t->nflows ? 0 : flow + 1;
			}
			npend = BURST;
		}
		sent = npend ? rte_eth_tx_burst(pa, 0, b, npend) : 0;
		if (sent > 0 && sent < npend)
			memmove(b, b + sent, (npend - sent) * sizeof(b[0]));
		npend = (uint16_t)(npend - sent);
		t->sent += sent;
		rx_some(t);
	}
	t->win_rcvd = t->rcvd - rcvd0;
	t->win_sent = t->sent - sent0;
	t->win_s = (double)(rte_rdtsc() - win_t0) / (double)hz;
	rte_pktmbuf_free_bulk(b, npend);
	t->check_flows = 1;
	/* the rest: until 200 ms without a frame (frames held by the lower port or pending in
	 * the mcm TX queue go out with the next burst or the control thread's push)
	 */
	idle_since = rte_rdtsc();
	while (rte_rdtsc() - idle_since < hz / 5) {
		rte_eth_tx_burst(pa, 0, b, 0);
		if (rx_some(t) > 0)
			idle_since = rte_rdtsc();
	}
	return 0;
}

/* ---- one VC count ---- */

struct result {
	uint32_t n, bound, flows;
	double add_s, del_s;                 /* both ports */
	int64_t eal_before, eal_added, eal_after, libc_before, libc_added, libc_after;
	int64_t kept, kept_expected;
	double bytes_per_vc;                 /* one port */
	double mpps, ratio, best_mpps, best_ratio;
	uint64_t sent, rcvd, bad, wrong_vc, flow_moved, reverse, lower_drops;
	int64_t lost;
	uint32_t seen;
	int add_failed, del_failed, leak;
};

static void
vc_of(uint32_t i, uint16_t *vpi, uint16_t *vci)
{
	*vpi = (uint16_t)(1 + i / VCIS_PER_VPI);
	*vci = (uint16_t)(FIRST_VCI + i % VCIS_PER_VPI);
}

/* Frames the lower (memif) ports dropped themselves. */
static uint64_t
lower_drops(void)
{
	struct rte_eth_stats s0, s1;

	if (rte_eth_stats_get(mem0, &s0) != 0 || rte_eth_stats_get(mem1, &s1) != 0)
		return 0;
	return s0.oerrors + s0.imissed + s0.ierrors + s0.rx_nombuf +
	       s1.oerrors + s1.imissed + s1.ierrors + s1.rx_nombuf;
}

/* The N PVCs on one port. @return 0, or the first error (after @p done were added). */
static int
add_pvcs(uint16_t port, uint32_t n, uint32_t *done)
{
	uint16_t vpi, vci;
	uint32_t i;
	int rc;

	if (!one_by_one) {
		rc = rte_pmd_mcm_pvc_add_range(port, 1, FIRST_VCI, n, RTE_PMD_MCM_ENCAP_LLC);
		CHECK(rc == 0, "port %u: %u PVCs from 1/%u: %d (%s)", port, n, FIRST_VCI, rc,
		      strerror(-rc));
		*done = 0;   /* all or none */
		if (rc == 0)
			*done = n;
		return rc;
	}
	for (i = 0; i < n; i++) {
		vc_of(i, &vpi, &vci);
		rc = rte_pmd_mcm_pvc_add(port, vpi, vci, RTE_PMD_MCM_ENCAP_LLC);
		if (rc != 0) {
			CHECK(0, "port %u: PVC %u/%u (%u of %u): %d (%s)", port, vpi, vci, i + 1,
			      n, rc, strerror(-rc));
			*done = i;
			return rc;
		}
	}
	*done = n;
	return 0;
}

static int
del_pvcs(uint16_t port, uint32_t n)
{
	uint16_t vpi, vci;
	uint32_t i;
	int rc, first = 0;

	if (n == 0)
		return 0;
	if (!one_by_one) {
		rc = rte_pmd_mcm_pvc_del_range(port, 1, FIRST_VCI, n);
		CHECK(rc == 0, "port %u: delete %u PVCs from 1/%u: %d (%s)", port, n, FIRST_VCI,
		      rc, strerror(-rc));
		return rc;
	}
	/* last first, as rte_pmd_mcm_pvc_del_range does: the registry reuses slots last in,
	 * first out, so the next run's VCs take consecutive slots again (affine VCI chunks)
	 */
	for (i = n; i-- > 0;) {
		vc_of(i, &vpi, &vci);
		rc = rte_pmd_mcm_pvc_del(port, vpi, vci);
		if (rc != 0 && first == 0) {
			CHECK(0, "port %u: delete PVC %u/%u: %d (%s)", port, vpi, vci, rc,
			      strerror(-rc));
			first = rc;
		}
	}
	return first;
}

static unsigned int
lcore_worker(void)
{
	return rte_get_next_lcore(rte_get_main_lcore(), 1, 0);
}

static int
run_count(struct result *r, uint32_t n, unsigned int secs, uint32_t size, uint32_t per_vc,
	  uint8_t (*chunk_used)[MAP_CHUNKS_PER_VPI])
{
	struct traffic t;
	uint32_t done_a = 0, done_b = 0, i, new_chunks = 0, new_dirs = 0;
	uint64_t drops0;
	unsigned int lc = lcore_worker();
	double t0;
	int rc;

	memset(r, 0, sizeof(*r));
	r->n = n;
	r->bound = n;
	for (i = 0; i < n; i++) {   /* what the map makes for these VCs, on each port */
		uint16_t vpi, vci;
		unsigned int c, k;

		vc_of(i, &vpi, &vci);
		c = vci / MAP_CHUNK_VCIS;
		if (chunk_used[vpi][c])
			continue;
		for (k = 0; k < MAP_CHUNKS_PER_VPI && !chunk_used[vpi][k]; k++)
			;
		new_dirs += k == MAP_CHUNKS_PER_VPI ? 2 : 0;
		chunk_used[vpi][c] = 1;
		new_chunks += 2;
	}
	/* (1) PVCs on both ports */
	r->eal_before = eal_heap();
	r->libc_before = libc_heap();
	t0 = now_s();
	rc = add_pvcs(pa, n, &done_a);
	if (rc == 0)
		rc = add_pvcs(pb, n, &done_b);
	r->add_s = now_s() - t0;
	r->eal_added = eal_heap();
	r->libc_added = libc_heap();
	r->bytes_per_vc = (double)(r->eal_added - r->eal_before + r->libc_added -
				   r->libc_before) / n / 2;
	if (rc != 0) {
		r->add_failed = 1;
		del_pvcs(pa, done_a);
		del_pvcs(pb, done_b);
		return -1;
	}
	/* (2) flows over the VCs: the hash binding numbers them as vc_of() does */
	rc = rte_pmd_mcm_bind_hash(pa, 1, FIRST_VCI, r->bound);
	CHECK(rc == 0, "bind_hash A: %d", rc);
	rc |= rte_pmd_mcm_bind_hash(pb, 1, FIRST_VCI, r->bound);
	CHECK(rc == 0, "bind_hash B: %d", rc);
	/* (3) traffic */
	memset(&t, 0, sizeof(t));
	t.nflows = RTE_MAX(4 * n, per_vc * n);
	t.first_vc = rte_pmd_mcm_vc(1, FIRST_VCI);
	t.nvcs = r->bound;
	t.size = size;
	t.secs = secs;
	t.flow_vc = calloc(t.nflows, sizeof(*t.flow_vc));
	t.vc_seen = calloc(n / 8 + 1, 1);
	r->flows = t.nflows;
	if (rc == 0 && t.flow_vc != NULL && t.vc_seen != NULL) {
		drops0 = lower_drops();
		rc = rte_eal_remote_launch(traffic_main, &t, lc);
		CHECK(rc == 0, "launch on lcore %u: %d", lc, rc);
		/* the main lcore sleeps: the control threads share its CPU */
		while (rc == 0 && rte_eal_get_lcore_state(lc) != WAIT)
			sleep_ms(20);
		if (rc == 0)
			rte_eal_wait_lcore(lc);
		r->lower_drops = lower_drops() - drops0;
		r->sent = t.sent;
		r->rcvd = t.rcvd;
		r->bad = t.bad;
		r->wrong_vc = t.wrong_vc;
		r->flow_moved = t.flow_moved;
		r->reverse = t.reverse;
		r->seen = t.seen;
		r->lost = (int64_t)t.sent - (int64_t)t.rcvd;
		r->mpps = t.win_s > 0 ? (double)t.win_rcvd / t.win_s / 1e6 : 0;
		r->best_mpps = t.best_mpps;
		CHECK(r->lost <= (int64_t)r->lower_drops, "%u VCs: %" PRId64 " frames lost "
		      "(sent %" PRIu64 ", received %" PRIu64 "), lower ports dropped %" PRIu64,
		      n, r->lost, t.sent, t.rcvd, r->lower_drops);
		CHECK(r->bad == 0 && r->wrong_vc == 0 && r->flow_moved == 0,
		      "%u VCs: %" PRIu64 " damaged, %" PRIu64 " on a VC out of the range, %"
		      PRIu64 " of a flow on another VC", n, r->bad, r->wrong_vc, r->flow_moved);
		CHECK(r->reverse == 0, "%" PRIu64 " frames B -> A", r->reverse);
		CHECK(r->rcvd > 0, "%u VCs: nothing received", n);
	} else {
		CHECK(t.flow_vc != NULL && t.vc_seen != NULL, "out of memory");
	}
	free(t.flow_vc);
	free(t.vc_seen);
	/* (4) unbind, delete, the heap back */
	CHECK(rte_pmd_mcm_bind_hash(pa, 0, 0, 0) == 0 && rte_pmd_mcm_bind_hash(pb, 0, 0, 0) == 0,
	      "unbind");
	t0 = now_s();
	rc = del_pvcs(pa, n);
	rc |= del_pvcs(pb, n);
	r->del_s = now_s() - t0;
	r->del_failed = rc != 0;
	r->eal_after = eal_heap();
	r->libc_after = libc_heap();
	/* the VCI map's directories, and the chunks made when VCs were not in consecutive
	 * slots, stay until the port closes (mcm_vc.c vci_map_set): the new directories
	 * expected, with up to a chunk for each chunk of VCIs first used, and rte_malloc's
	 * header a block
	 */
	r->kept = r->eal_after - r->eal_before;
	r->kept_expected = (int64_t)(new_dirs * MAP_DIR);
	r->leak = r->kept < r->kept_expected - 4096 ||
		  r->kept > r->kept_expected + (int64_t)(new_chunks * MAP_CHUNK) + 4096 +
			    128 * (new_chunks + new_dirs);
	CHECK(!r->leak, "%u VCs: EAL heap %+" PRId64 " bytes after deleting them (%" PRId64
	      " expected: %u new VCI directories, and up to %u map chunks)", n, r->kept,
	      r->kept_expected, new_dirs, new_chunks);
	return r->add_failed || r->del_failed || r->leak ? -1 : 0;
}

/* ---- output ---- */

static void
machine_facts(char *buf, size_t len)
{
	char model[128] = "?", line[256];
	FILE *f = fopen("/proc/cpuinfo", "r");
	double load[3] = { 0, 0, 0 };

	while (f != NULL && fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "model name", 10) == 0) {
			char *c = strchr(line, ':');

			if (c != NULL) {
				snprintf(model, sizeof(model), "%s", c + 2);
				model[strcspn(model, "\n")] = 0;
			}
			break;
		}
	if (f != NULL)
		fclose(f);
	if (getloadavg(load, 3) < 0)
		load[0] = -1;
	snprintf(buf, len, "%s; %ld CPUs online; TSC %.2f GHz; %s; memif pair, EAL memory on "
		 "%s, lcores 0-1 (traffic on one); load average %.2f", model,
		 sysconf(_SC_NPROCESSORS_ONLN), (double)rte_get_tsc_hz() / 1e9, rte_version(),
		 memory, load[0]);
}

static void
json_write(const char *path, const struct result *res, unsigned int nres, unsigned int secs,
	   uint32_t size, uint32_t max_vcs, int64_t pre_eal, int64_t pre_libc, const char *mach,
	   uint64_t page_sz, const char *eal_mb)
{
	FILE *f = fopen(path, "w");
	unsigned int i;

	if (f == NULL) {
		CHECK(0, "%s: %s", path, strerror(errno));
		return;
	}
	fprintf(f, "{\n  \"machine\": \"%s\",\n  \"seconds\": %u,\n  \"frame_size\": %u,\n"
		"  \"max_vcs\": %u,\n  \"eal_page_bytes\": %" PRIu64 ",\n  \"eal_mb\": %s,\n"
		"  \"probe_start_eal_bytes\": %" PRId64 ",\n"
		"  \"probe_start_libc_bytes\": %" PRId64 ",\n  \"runs\": [\n", mach, secs, size,
		max_vcs, page_sz, eal_mb, pre_eal, pre_libc);
	for (i = 0; i < nres; i++) {
		const struct result *r = &res[i];

		fprintf(f, "    {\"vcs\": %u, \"hash_bound\": %u, \"flows\": %u, "
			"\"add_s_both_ports\": %.6f, \"adds_per_s\": %.0f, "
			"\"del_s_both_ports\": %.6f, \"dels_per_s\": %.0f, "
			"\"eal_added_bytes\": %" PRId64 ", \"libc_added_bytes\": %" PRId64 ", "
			"\"bytes_per_vc\": %.1f, \"eal_kept_bytes\": %" PRId64 ", "
			"\"eal_kept_expected\": %" PRId64 ", \"mpps\": %.4f, \"ratio\": %.4f, "
			"\"best_mpps\": %.4f, \"best_ratio\": %.4f, "
			"\"sent\": %" PRIu64 ", \"received\": %" PRIu64 ", \"lost\": %" PRId64 ", "
			"\"lower_drops\": %" PRIu64 ", \"damaged\": %" PRIu64 ", "
			"\"wrong_vc\": %" PRIu64 ", \"flow_moved\": %" PRIu64 ", "
			"\"vcs_seen\": %u, \"add_failed\": %d, \"del_failed\": %d, "
			"\"leak\": %d}%s\n", r->n, r->bound, r->flows, r->add_s,
			r->add_s > 0 ? 2.0 * r->n / r->add_s : 0, r->del_s,
			r->del_s > 0 ? 2.0 * r->n / r->del_s : 0, r->eal_added - r->eal_before,
			r->libc_added - r->libc_before, r->bytes_per_vc, r->kept,
			r->kept_expected, r->mpps, r->ratio, r->best_mpps, r->best_ratio,
			r->sent, r->rcvd, r->lost,
			r->lower_drops, r->bad, r->wrong_vc, r->flow_moved, r->seen,
			r->add_failed, r->del_failed, r->leak, i + 1 < nres ? "," : "");
	}
	fprintf(f, "  ]\n}\n");
	fclose(f);
}

/* ---- set-up ---- */

static int
wait_link(uint16_t port)
{
	struct rte_eth_link link;
	int i;

	for (i = 0; i < 200; i++) {
		if (rte_eth_link_get_nowait(port, &link) == 0 && link.link_status)
			return 0;
		sleep_ms(50);
	}
	return -1;
}

static int
make_ports(uint32_t max_vcs)
{
	char sock[108], args[192];
	int rc;

	test_sock_path(sock, sizeof(sock), "mcm-bench-vcs");
	snprintf(args, sizeof(args), "role=server,socket=%s", sock);
	rc = rte_vdev_init("net_memif0", args);
	CHECK(rc == 0, "net_memif0: %d", rc);
	snprintf(args, sizeof(args), "role=client,socket=%s", sock);
	rc |= rte_vdev_init("net_memif1", args);
	CHECK(rc == 0, "net_memif1: %d", rc);
	if (rc != 0 || rte_eth_dev_get_port_by_name("net_memif0", &mem0) != 0 ||
	    rte_eth_dev_get_port_by_name("net_memif1", &mem1) != 0)
		return -1;
	snprintf(args, sizeof(args), "lower=net_memif0,sig=off,max_vcs=%u", max_vcs);
	rc = rte_vdev_init("net_mcm0", args);
	CHECK(rc == 0, "net_mcm0 (%s): %d", args, rc);
	snprintf(args, sizeof(args), "lower=net_memif1,sig=off,max_vcs=%u", max_vcs);
	rc |= rte_vdev_init("net_mcm1", args);
	CHECK(rc == 0, "net_mcm1 (%s): %d", args, rc);
	if (rc != 0 || rte_eth_dev_get_port_by_name("net_mcm0", &pa) != 0 ||
	    rte_eth_dev_get_port_by_name("net_mcm1", &pb) != 0)
		return -1;
	return 0;
}

static void
usage(void)
{
	printf("usage: bench_vcs [-v \"N1 N2 ..\"] [-s SECONDS] [-z FRAME_SIZE] [-f FLOWS_PER_VC]"
	       " [-m MAX_VCS] [-M EAL_MB] [-g] [-1] [-j FILE]\n"
	       "  -v  VC counts to run (default \"1 16 256 4096 65535\"), at most MAX_VCS\n"
	       "  -s  seconds of traffic per count after a 1 s warm-up (default 3)\n"
	       "  -z  frame size, %u..1514 (default 64)\n"
	       "  -f  flows per VC (default 16, at least 4): enough that every VC gets one\n"
	       "  -m  max_vcs devarg of both ports, 1..1048576 (default 65535)\n"
	       "  -M  EAL memory, MB (default 2048; max_vcs=1048576 wants 3072)\n"
	       "  -g  EAL memory on 2 MiB hugepages, all -M of it taken at start (default: 4 KiB\n"
	       "      pages, --no-huge); as root the bench mounts a hugetlbfs and raises\n"
	       "      nr_hugepages if it must (giving back what it added at exit), otherwise\n"
	       "      it fails saying what is missing: it never runs on 4 KiB pages instead\n"
	       "  -1  add and delete the PVCs one API call a VC (default: a range call)\n"
	       "  -j  write every figure to FILE as JSON\n", HDR_LEN + 8 + 10);
}

static unsigned int
parse_counts(const char *s, uint32_t *out)
{
	unsigned int n = 0;
	char *end;

	while (*s != 0 && n < MAX_COUNTS) {
		unsigned long v = strtoul(s, &end, 0);

		if (end == s)
			return 0;
		out[n++] = (uint32_t)v;
		s = end;
		while (*s == ' ' || *s == ',')
			s++;
	}
	return *s == 0 ? n : 0;
}

int
main(int argc, char **argv)
{
	static char prefix[64], huge_dir[256];
	static char eal_mb[16] = "2048";
	/* -g: --no-huge becomes --huge-dir DIR --huge-unlink (the pages go back at exit, even
	 * on a crash: nothing is left in the hugetlbfs; no secondary process is wanted)
	 */
	char *eal[] = { argv[0], "-l", "0-1", "-m", eal_mb, "--no-pci", "--file-prefix", prefix,
			"--log-level", "pmd.net.mcm:warning", "--no-huge", NULL, NULL, NULL };
	int neal = (int)RTE_DIM(eal) - 3, huge = 0;
	struct mem_seen seen = { 0, 0, 0 };
	struct result res[MAX_COUNTS];
	uint32_t counts[MAX_COUNTS], size = 64, per_vc = 16, max_vcs = 65535;
	unsigned int ncounts, secs = 3, i, nres = 0;
	uint8_t (*chunk_used)[MAP_CHUNKS_PER_VPI] = calloc(MAX_VPIS, sizeof(*chunk_used));
	const char *json = NULL, *vlist = "1 16 256 4096 65535";
	int64_t eal0, libc0, eal1, libc1;
	char mach[768];
	int opt, failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((opt = getopt(argc, argv, "v:s:z:f:m:M:g1j:h")) != -1) {
		switch (opt) {
		case 'v':
			vlist = optarg;
			break;
		case 's':
			secs = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'z':
			size = (uint32_t)strtoul(optarg, NULL, 0);
			break;
		case 'f':
			per_vc = (uint32_t)strtoul(optarg, NULL, 0);
			break;
		case 'm':
			max_vcs = (uint32_t)strtoul(optarg, NULL, 0);
			break;
		case 'M':
			snprintf(eal_mb, sizeof(eal_mb), "%lu", strtoul(optarg, NULL, 0));
			break;
		case 'g':
			huge = 1;
			break;
		case '1':
			one_by_one = 1;
			break;
		case 'j':
			json = optarg;
			break;
		default:
			usage();
			return opt == 'h' ? 0 : 2;
		}
	}
	ncounts = parse_counts(vlist, counts);
	for (i = 0; i < ncounts; i++)
		if (counts[i] == 0 || counts[i] > max_vcs)
			ncounts = 0;
	if (ncounts == 0 || secs == 0 || size < HDR_LEN + 8 + 10 || size > 1514 || per_vc < 4 ||
	    max_vcs == 0 || max_vcs > MAX_VCS || chunk_used == NULL) {
		usage();
		return 2;
	}
	if (strtoul(eal_mb, NULL, 0) == 0) {
		usage();
		return 2;
	}
	if (huge) {
		if (hugepages_setup(strtoul(eal_mb, NULL, 0), huge_dir, sizeof(huge_dir)) != 0)
			return 1;
		eal[neal - 1] = "--huge-dir";
		eal[neal++] = huge_dir;
		eal[neal++] = "--huge-unlink";
	}
	optind = 1;
	snprintf(prefix, sizeof(prefix), "mcm-bench-vcs-%d", getpid());
	if (rte_eal_init(neal, eal) < 0) {
		printf("FAIL: rte_eal_init (%s)\n", huge ? "2 MiB hugepages" : "--no-huge");
		return 1;
	}
	/* what EAL really runs on: -g must not end on 4 KiB pages, nor without it on others */
	rte_memseg_list_walk(memseg_list_cb, &seen);
	if (seen.page_sz >= HP_SIZE)
		snprintf(memory, sizeof(memory), "%" PRIu64 " MiB hugepages (%" PRIu64 " MiB of "
			 "them, %s)", seen.page_sz >> 20, seen.bytes >> 20, huge_dir);
	else
		snprintf(memory, sizeof(memory), "%" PRIu64 " KiB pages (--no-huge, %" PRIu64
			 " MiB)", seen.page_sz >> 10, seen.bytes >> 20);
	if (seen.other_sz != 0 || seen.page_sz != (huge ? HP_SIZE : (uint64_t)getpagesize())) {
		printf("FAIL: EAL memory is on %s%s, not on %s\n", memory,
		       seen.other_sz != 0 ? " and other pages" : "",
		       huge ? "2 MiB hugepages" : "4 KiB pages");
		rte_eal_cleanup();
		return 1;
	}
	if (lcore_worker() >= RTE_MAX_LCORE) {
		printf("FAIL: no worker lcore\n");
		return 1;
	}
	mp = rte_pktmbuf_pool_create("vcs_pool", NB_MBUF, 256, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				     rte_socket_id());
	CHECK(mp != NULL, "mempool");
	frame_template(size);
	/* what probing and starting the two mcm ports takes: the VC table sized by max_vcs,
	 * plus fixed costs (TX frame pools, rings); the memif pair is made first, apart
	 */
	eal0 = eal_heap();
	libc0 = libc_heap();
	if (mp == NULL || make_ports(max_vcs) != 0 || test_port_up(pa, 1, mp) != 0 ||
	    test_port_up(pb, 1, mp) != 0 || wait_link(pa) != 0 || wait_link(pb) != 0) {
		printf("FAIL: ports did not come up\n");
		return test_summary() | 1;
	}
	eal1 = eal_heap() - eal0;
	libc1 = libc_heap() - libc0;
	printf("two mcm ports, max_vcs=%u, sig=off, EAL memory on %s: probe + start took %.1f "
	       "MiB of EAL heap and %.1f MiB of libc heap (memif pair apart): %.0f bytes per VC "
	       "slot per port, fixed costs included\n", max_vcs, memory, (double)eal1 / 1048576.0,
	       (double)libc1 / 1048576.0, (double)(eal1 + libc1) / max_vcs / 2);
	printf("%u-byte IPv4/UDP frames A -> B, %u s per count after 1 s warm-up, %u flows per "
	       "VC\n", size, secs, per_vc);
	printf("%8s %8s %8s %8s %8s %9s %7s %6s %6s %6s %6s %8s\n", "VCs", "add s", "adds/s",
	       "del s", "dels/s", "bytes/VC", "kept B", "Mpps", "ratio", "best", "ratio",
	       "VCs seen");
	for (i = 0; i < ncounts; i++) {
		struct result *r = &res[nres];

		if (run_count(r, counts[i], secs, size, per_vc, chunk_used) != 0)
			failed = 1;
		nres++;
		r->ratio = res[0].mpps > 0 ? r->mpps / res[0].mpps : 0;
		r->best_ratio = res[0].best_mpps > 0 ? r->best_mpps / res[0].best_mpps : 0;
		printf("%8u %8.4f %8.0f %8.4f %8.0f %9.1f %7" PRId64 " %6.3f %6.3f %6.3f %6.3f "
		       "%8u%s\n", r->n, r->add_s / 2, r->add_s > 0 ? 2.0 * r->n / r->add_s : 0,
		       r->del_s / 2, r->del_s > 0 ? 2.0 * r->n / r->del_s : 0, r->bytes_per_vc,
		       r->kept, r->mpps, r->ratio, r->best_mpps, r->best_ratio, r->seen,
		       r->seen == r->n ? "" : " *");
		if (r->seen != r->n && !r->add_failed)
			printf("         * %u of %u VCs carried frames: %u flows hashed over %u, %"
			       PRIu64 " frames sent\n", r->seen, r->n, r->flows, r->bound, r->sent);
		if (r->add_failed) {
			printf("         PVC add failed: stopping\n");
			break;
		}
	}
	machine_facts(mach, sizeof(mach));
	printf("add s, del s: time for N PVCs on one port (mean of the two); adds/s, dels/s: "
	       "both ports; bytes/VC: heap growth of the adds / N / 2; kept B: EAL heap after "
	       "the deletes less before (VCI directories, and map chunks, stay until close); "
	       "Mpps: received over the window; best: its best 250 ms; ratio: to the first "
	       "count\n");
	printf("machine: %s\n", mach);
	if (json != NULL)
		json_write(json, res, nres, secs, size, max_vcs, eal1, libc1, mach, seen.page_sz,
			   eal_mb);
	CHECK(rte_eth_dev_stop(pa) == 0 && rte_eth_dev_stop(pb) == 0, "stop");
	CHECK(rte_eth_dev_close(pa) == 0 && rte_eth_dev_close(pb) == 0, "close");
	/* the lower ports may have gone with their owner */
	if (rte_eth_dev_is_valid_port(mem0))
		rte_eth_dev_close(mem0);
	if (rte_eth_dev_is_valid_port(mem1))
		rte_eth_dev_close(mem1);
	CHECK(rte_mempool_in_use_count(mp) == 0, "mempool: %u in use after close",
	      rte_mempool_in_use_count(mp));
	rte_mempool_free(mp);
	rte_eal_cleanup();
	free(chunk_used);
	return test_summary() | failed;
}
