/* SPDX-License-Identifier: BSD-3-Clause
 * I.610 fault management of net_mcm (issue 10): AIS, RDI, the continuity check and the VCs'
 * operational state. Two pairs of mcm ports on net_ring ports, joined by a wire this test
 * runs on an lcore of its own: it carries the PW frames both ways, can cut them, decodes
 * every F5 OAM cell on the way (kind, PTI, CRC-10, time) and polls the mcm ports' queues.
 *  - A and B (signalling on, a call from A's client to B's): AIS cells put on A's wire make
 *    A's VC report ais (oper down, cause ais) and send its client an RTE_PMD_MCM_EV_VC_OPER
 *    event; A sends RDI about once a second with a good CRC-10 (B reports rdi); AIS stops ->
 *    cleared after 2.5 +/- 0.5 s; RDI in -> rdi (oper up), cleared after 2.5 s; a user cell
 *    ends the AIS state at once; an AIS cell with a bad CRC-10 changes nothing; continuity
 *    check on both ends: an idle VC carries a CC cell about once a second each way and no
 *    LOC, user traffic one way stops the CC cells that way; the peer's CC stopped -> loc
 *    within 3.5 +/- 0.5 s of its last CC cell, RDI sent, then cleared when CC comes back;
 *    A's lower link down -> the VC down with its cause and an event, no RDI on a link that
 *    is down, up again on recovery.
 *  - C and D (signalling off, PVC 0/100, continuity check on; C with pw_timeout=2500, D with
 *    the default, which is off with signalling off): the wire cut -> C's VC down, pseudowire
 *    lost, in the AIS state, RDI sent upstream about once a second; D never reports its
 *    pseudowire lost; the wire back -> C up again.
 */
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "mcm_atm_cell.h"
#include "mcm_check.h"
#include "mcm_oam.h"
#define MCM_TEST_CALLS
#include "mcm_test.h"
#include "mcm_test_pw.h"
#include "rte_pmd_mcm.h"

#define RING_SIZE 1024
#define NWIRES 4
#define TIMES 64

/* One direction of a wire: PW frames from @c src (a ring port's TX ring) to @c dst (the other
 * ring port's RX ring, multi-producer: the test puts frames of its own there too).
 */
struct wire {
	const char *name;
	struct rte_ring *src, *dst;
	uint32_t cut;                 /* frames are dropped (after the tap saw them) */
	uint64_t ais, rdi, cc, bad;   /* F5 fault-management cells seen, bad CRC-10 */
	uint64_t rdi_seg;             /* RDI on PTI 4 (segment) */
	uint64_t n_rdi_t, n_cc_t;
	uint64_t pass_t;              /* ms of the last frame carried across */
	uint64_t rdi_t[TIMES], cc_t[TIMES]; /* ms of each RDI / CC cell, in a ring */
};

static struct wire wires[NWIRES];
static uint16_t pc, pd;               /* the second pair (signalling off) */
static uint32_t wire_stop;
static uint32_t poll_on;              /* the mcm ports are started: their queues polled */
static bool pw_lost_seen;             /* C reported its pseudowire lost before the test */

static void
wire_tap(struct wire *w, const struct rte_mbuf *m, uint64_t t)
{
	const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
	uint32_t k, ncells;

	if (m->nb_segs != 1 || m->pkt_len < 22 || p[12] != 0x88 || p[13] != 0x47)
		return;
	ncells = (m->pkt_len - 22) / 52;
	for (k = 0; k < ncells; k++) {
		const uint8_t *cell = p + 22 + 52 * k;
		uint32_t hw = mcm_atm_cell_hdr_word_get(cell);
		uint8_t pti = (uint8_t)((hw >> 1) & 7);
		struct mcm_oam_cell c;

		if ((uint16_t)(hw >> 4) < 32 || (pti != 4 && pti != 5))
			continue;
		if (mcm_oam_decode(cell + 4, &c) != 0) {
			__atomic_fetch_add(&w->bad, 1, __ATOMIC_RELAXED);
			continue;
		}
		if (c.function == MCM_OAM_FM_AIS) {
			__atomic_fetch_add(&w->ais, 1, __ATOMIC_RELAXED);
		} else if (c.function == MCM_OAM_FM_RDI) {
			__atomic_store_n(&w->rdi_t[w->n_rdi_t % TIMES], t, __ATOMIC_RELAXED);
			__atomic_fetch_add(&w->n_rdi_t, 1, __ATOMIC_RELEASE);
			if (pti == 4)
				__atomic_fetch_add(&w->rdi_seg, 1, __ATOMIC_RELAXED);
			__atomic_fetch_add(&w->rdi, 1, __ATOMIC_RELAXED);
		} else if (c.function == MCM_OAM_FM_CC) {
			__atomic_store_n(&w->cc_t[w->n_cc_t % TIMES], t, __ATOMIC_RELAXED);
			__atomic_fetch_add(&w->n_cc_t, 1, __ATOMIC_RELEASE);
			__atomic_fetch_add(&w->cc, 1, __ATOMIC_RELAXED);
		}
	}
}

/* The wire's lcore: frames across, tapped, and the four mcm ports' queues polled. */
static int
wire_main(void *arg)
{
	RTE_SET_USED(arg);
	while (!__atomic_load_n(&wire_stop, __ATOMIC_ACQUIRE)) {
		uint64_t t = now_ms();
		unsigned int i, j, busy = 0;

		for (i = 0; i < NWIRES; i++) {
			struct wire *w = &wires[i];
			struct rte_mbuf *b[BURST];

			if (w->src == NULL)
				continue;
			j = rte_ring_dequeue_burst(w->src, (void **)b, BURST, NULL);
			busy += j;
			while (j-- > 0) {
				struct rte_mbuf *m = b[j];

				wire_tap(w, m, t);
				if (__atomic_load_n(&w->cut, __ATOMIC_RELAXED) ||
				    rte_ring_enqueue(w->dst, m) != 0)
					rte_pktmbuf_free(m);
				else
					__atomic_store_n(&w->pass_t, t, __ATOMIC_RELEASE);
			}
		}
		for (i = 0; i < 4 && __atomic_load_n(&poll_on, __ATOMIC_ACQUIRE); i++) {
			uint16_t port = i == 0 ? pa : i == 1 ? pb : i == 2 ? pc : pd;
			struct rte_mbuf *b[BURST];
			uint16_t n;

			n = rte_eth_rx_burst(port, 0, b, BURST);
			busy += n;
			rte_pktmbuf_free_bulk(b, n);
		}
		if (busy == 0)
			rte_delay_us_sleep(200);
	}
	return 0;
}

static uint64_t
wget(const uint64_t *c)
{
	return __atomic_load_n(c, __ATOMIC_ACQUIRE);
}

/* A ring port whose frames the wire takes and brings (@p rx: its RX ring, multi-producer). */
static int
ring_port(const char *name, struct rte_ring **rx, struct rte_ring **tx, char *ethname)
{
	char rn[32];
	int p;

	snprintf(rn, sizeof(rn), "%s_rx", name);
	*rx = rte_ring_create(rn, RING_SIZE, (int)rte_socket_id(), RING_F_SC_DEQ);
	snprintf(rn, sizeof(rn), "%s_tx", name);
	*tx = rte_ring_create(rn, RING_SIZE, (int)rte_socket_id(), RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (*rx == NULL || *tx == NULL)
		return -1;
	p = rte_eth_from_rings(name, rx, 1, tx, 1, rte_socket_id());
	if (p < 0 || rte_eth_dev_get_name_by_port((uint16_t)p, ethname) != 0)
		return -1;
	return p;
}

/* One F5 OAM cell of @p function on @p vpi/@p vci (PTI @p pti) put on @p rx as a PW frame;
 * @p bad_crc spoils its CRC-10.
 */
static void
inject(struct rte_ring *rx, uint16_t vpi, uint16_t vci, uint8_t pti, uint8_t function,
       bool bad_crc)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	struct mcm_oam_cell c;
	uint8_t *p = m != NULL ? (uint8_t *)rte_pktmbuf_append(m, 22 + 52) : NULL;

	if (p == NULL) {
		rte_pktmbuf_free(m);
		CHECK(0, "no mbuf for an OAM cell");
		return;
	}
	test_pw_header(p, 16, 0);
	mcm_oam_cell_init(&c, MCM_OAM_TYPE_FM, function);
	mcm_atm_cell_hdr_put(p + 22, mcm_atm_cell_hdr_word(vpi, vci, pti, 0));
	mcm_oam_encode(&c, p + 26);
	if (bad_crc)
		p[26 + 20] ^= 0x10;
	if (rte_ring_enqueue(rx, m) != 0) {
		rte_pktmbuf_free(m);
		CHECK(0, "OAM cell not queued");
	}
}

static struct rte_pmd_mcm_vc_info
info_of(uint16_t port, uint16_t vpi, uint16_t vci)
{
	struct rte_pmd_mcm_vc_info info;

	memset(&info, 0, sizeof(info));
	info.down_cause = 0xff;
	if (rte_pmd_mcm_vc_info_get(port, vpi, vci, &info) != 0)
		info.down_cause = 0xff;
	return info;
}

/* Wait up to @p ms for the VC's (oper_up, defects, cause) to be these; @return ms waited or
 * -1.
 */
static int64_t
wait_state(uint16_t port, uint16_t vpi, uint16_t vci, int up, uint8_t defects, uint8_t cause,
	   unsigned int ms)
{
	uint64_t t0 = now_ms();

	do {
		struct rte_pmd_mcm_vc_info i = info_of(port, vpi, vci);

		if (i.oper_up == up && i.oam_defects == defects && i.down_cause == cause)
			return (int64_t)(now_ms() - t0);
		sleep_ms(10);
	} while (now_ms() - t0 < ms);
	return -1;
}

/* Wait up to @p ms for the VC to be up, in neither the AIS state nor LOC (RDI may come). */
static bool
wait_up(uint16_t port, uint16_t vpi, uint16_t vci, unsigned int ms)
{
	uint64_t t0 = now_ms();

	do {
		struct rte_pmd_mcm_vc_info i = info_of(port, vpi, vci);

		if (i.oper_up == 1 && (i.oam_defects & ~RTE_PMD_MCM_OAM_RDI) == 0)
			return true;
		sleep_ms(10);
	} while (now_ms() - t0 < ms);
	return false;
}

/* Wait up to @p ms for a VC_OPER event of the client with this state on @p vpi/@p vci. */
static int
wait_oper(uint16_t port, uint32_t client, uint16_t vpi, uint16_t vci, int up, uint8_t defects,
	  uint8_t cause, unsigned int ms)
{
	uint64_t end = now_ms() + ms;
	struct rte_pmd_mcm_event ev;

	while (now_ms() < end) {
		if (wait_event(port, client, RTE_PMD_MCM_EV_VC_OPER, 0, 50, &ev) != 0)
			continue;
		if (ev.vpi == vpi && ev.vci == vci && ev.up == up && ev.oam_defects == defects &&
		    ev.down_cause == cause)
			return 0;
	}
	return -1;
}

/* The VC reaches (@p up, @p defects, @p cause) within @p ms, and its owner is told so. */
static void
expect_oper(uint16_t port, uint32_t client, const struct svc *s, int up, uint8_t defects,
	    uint8_t cause, unsigned int ms, const char *what)
{
	CHECK(wait_state(port, s->vpi, s->vci, up, defects, cause, ms) >= 0, "%s", what);
	CHECK(wait_oper(port, client, s->vpi, s->vci, up, defects, cause, 500) == 0,
	      "%s: the client gets the VC_OPER event", what);
}

/* No VC_OPER event queued for the client (others are thrown away). */
static bool
no_oper_event(uint16_t port, uint32_t client)
{
	struct rte_pmd_mcm_event ev;
	bool none = true;

	while (rte_pmd_mcm_event_get(port, client, &ev) == 0)
		if (ev.type == RTE_PMD_MCM_EV_VC_OPER)
			none = false;
	return none;
}

/* 1. AIS on A: ais, an event, RDI once a second to B (which reports rdi), cleared 2.5 s after
 * the last AIS.
 */
static void
test_ais(const struct svc *s, struct rte_ring *rx_a)
{
	struct wire *ab = &wires[0];
	uint64_t rdi0, n0, t_last, t_rdi[8];
	struct rte_pmd_mcm_vc_oam_stats o0, o1;
	int64_t took;
	unsigned int i, k;

	printf("AIS in on A\n");
	drain_events(pa, cla);
	drain_events(pb, clb);
	rte_pmd_mcm_vc_oam_stats_get(pa, s->vpi, s->vci, &o0);
	rdi0 = wget(&ab->rdi);
	n0 = wget(&ab->n_rdi_t);
	inject(rx_a, s->vpi, s->vci, 5, MCM_OAM_FM_AIS, false);
	expect_oper(pa, cla, s, 0, RTE_PMD_MCM_OAM_AIS, RTE_PMD_MCM_VC_CAUSE_AIS, 500,
		    "A reports ais, oper down, cause ais within 500 ms");
	/* an AIS source sends one a second (I.610): three more */
	for (i = 0; i < 3; i++) {
		sleep_ms(1000);
		inject(rx_a, s->vpi, s->vci, 5, MCM_OAM_FM_AIS, false);
	}
	t_last = now_ms();
	sleep_ms(150);
	CHECK(info_of(pa, s->vpi, s->vci).oam_defects == RTE_PMD_MCM_OAM_AIS,
	      "still ais while AIS comes");
	k = (unsigned int)(wget(&ab->n_rdi_t) - n0);
	CHECK(k >= 3 && k <= 5 && wget(&ab->rdi) - rdi0 == k && wget(&ab->bad) == 0,
	      "RDI about once a second over 3 s, each with a good CRC-10: %u", k);
	for (i = 0; i < k && i < RTE_DIM(t_rdi); i++)
		t_rdi[i] = ab->rdi_t[(n0 + i) % TIMES];
	for (i = 1; i < k && i < RTE_DIM(t_rdi); i++)
		CHECK(t_rdi[i] - t_rdi[i - 1] >= 850 && t_rdi[i] - t_rdi[i - 1] <= 1300,
		      "RDI %u came %" PRIu64 " ms after the one before", i,
		      t_rdi[i] - t_rdi[i - 1]);
	expect_oper(pb, clb, s, 1, RTE_PMD_MCM_OAM_RDI, RTE_PMD_MCM_VC_CAUSE_NONE, 500,
		    "B reports rdi from A's RDI cells, oper up");
	/* AIS stops: the state ends 2.5 +/- 0.5 s after the last one */
	took = wait_state(pa, s->vpi, s->vci, 1, 0, RTE_PMD_MCM_VC_CAUSE_NONE, 4000);
	took = took < 0 ? -1 : (int64_t)(now_ms() - t_last);
	CHECK(took >= 2000 && took <= 3000, "ais cleared %" PRId64 " ms after the last AIS",
	      took);
	CHECK(wait_oper(pa, cla, s->vpi, s->vci, 1, 0, RTE_PMD_MCM_VC_CAUSE_NONE, 500) == 0,
	      "A's client told the VC is up again");
	CHECK(wait_state(pb, s->vpi, s->vci, 1, 0, RTE_PMD_MCM_VC_CAUSE_NONE, 3500) >= 0,
	      "B's rdi ends when A's RDI does");
	rte_pmd_mcm_vc_oam_stats_get(pa, s->vpi, s->vci, &o1);
	CHECK(o1.in_ais - o0.in_ais == 4 && o1.out_rdi - o0.out_rdi >= k,
	      "A counted 4 AIS in, %" PRIu64 " RDI out", o1.out_rdi - o0.out_rdi);
}

/* 2. RDI in: rdi, oper up, cleared 2.5 s later. 3. a user cell ends the AIS state (AIS on the
 * segment flow: RDI back on it). 4. a bad CRC-10 changes nothing.
 */
static void
test_rdi_user_hostile(const struct svc *s, struct rte_ring *rx_a)
{
	struct rte_pmd_mcm_vc_oam_stats o0, o1;
	struct rte_mbuf *m;
	uint64_t t0, seg0 = wget(&wires[0].rdi_seg);
	int64_t took;

	printf("RDI in, a user cell, a bad CRC-10\n");
	drain_events(pa, cla);
	inject(rx_a, s->vpi, s->vci, 5, MCM_OAM_FM_RDI, false);
	t0 = now_ms();
	expect_oper(pa, cla, s, 1, RTE_PMD_MCM_OAM_RDI, RTE_PMD_MCM_VC_CAUSE_NONE, 500,
		    "RDI in: rdi, the VC stays up");
	took = wait_state(pa, s->vpi, s->vci, 1, 0, RTE_PMD_MCM_VC_CAUSE_NONE, 4000);
	took = took < 0 ? -1 : (int64_t)(now_ms() - t0);
	CHECK(took >= 2000 && took <= 3000, "rdi cleared %" PRId64 " ms after the RDI", took);
	/* a user cell ends the AIS state at once (long before 2.5 s) */
	inject(rx_a, s->vpi, s->vci, 4, MCM_OAM_FM_AIS, false);
	CHECK(wait_state(pa, s->vpi, s->vci, 0, RTE_PMD_MCM_OAM_AIS, RTE_PMD_MCM_VC_CAUSE_AIS,
			 500) >= 0, "segment AIS: ais");
	sleep_ms(300);
	CHECK(wget(&wires[0].rdi_seg) > seg0, "RDI back on the segment flow (PTI 4)");
	t0 = now_ms();
	m = test_frame_make(mp, 100, 1, NULL);
	CHECK(m != NULL && rte_pmd_mcm_vc_send(pb, 0, rte_pmd_mcm_vc(s->vpi, s->vci), &m, 1) == 1,
	      "a user frame from B");
	took = wait_state(pa, s->vpi, s->vci, 1, 0, RTE_PMD_MCM_VC_CAUSE_NONE, 3000);
	CHECK(took >= 0 && now_ms() - t0 < 1000, "a user cell ended the AIS state after %" PRIu64
	      " ms", now_ms() - t0);
	/* hostile: a bad CRC-10 is counted, nothing else */
	sleep_ms(200);
	drain_events(pa, cla);
	rte_pmd_mcm_vc_oam_stats_get(pa, s->vpi, s->vci, &o0);
	inject(rx_a, s->vpi, s->vci, 5, MCM_OAM_FM_AIS, true);
	inject(rx_a, s->vpi, s->vci, 5, MCM_OAM_FM_RDI, true);
	inject(rx_a, s->vpi, 999, 5, MCM_OAM_FM_AIS, false);   /* a VC A does not have */
	sleep_ms(600);
	rte_pmd_mcm_vc_oam_stats_get(pa, s->vpi, s->vci, &o1);
	CHECK(info_of(pa, s->vpi, s->vci).oam_defects == 0 &&
	      info_of(pa, s->vpi, s->vci).oper_up == 1, "bad CRC-10 AIS/RDI: no state change");
	CHECK(o1.in_crc10_errors - o0.in_crc10_errors == 2 && o1.in_ais == o0.in_ais &&
	      o1.in_rdi == o0.in_rdi, "counted as CRC-10 errors, not as AIS or RDI");
	CHECK(no_oper_event(pa, cla), "and no event");
}

/* The number of CC cells the wire @p w saw since @p n0, and the ms of the last one. */
static uint64_t
cc_since(const struct wire *w, uint64_t n0, uint64_t *last)
{
	uint64_t n = wget(&w->n_cc_t);

	if (last != NULL)
		*last = n > 0 ? __atomic_load_n(&w->cc_t[(n - 1) % TIMES], __ATOMIC_RELAXED) : 0;
	return n - n0;
}

/* 5. continuity check on both ends of the SVC. */
static void
test_cc(const struct svc *s)
{
	struct wire *ab = &wires[0], *ba = &wires[1];
	rte_pmd_mcm_vc_t vc = rte_pmd_mcm_vc(s->vpi, s->vci);
	uint64_t a0, b0, t0, last, rdi0;
	struct rte_pmd_mcm_vc_oam_stats oa, ob;
	int on = 0;
	int64_t took;
	unsigned int i;

	printf("continuity check\n");
	CHECK(wait_state(pb, s->vpi, s->vci, 1, 0, RTE_PMD_MCM_VC_CAUSE_NONE, 3500) >= 0,
	      "B: the rdi of the last test ended");
	CHECK(rte_pmd_mcm_oam_cc_set(pa, s->vpi, s->vci, 1) == 0 &&
	      rte_pmd_mcm_oam_cc_set(pb, s->vpi, s->vci, 1) == 0, "CC on at both ends");
	CHECK(rte_pmd_mcm_oam_cc_get(pa, s->vpi, s->vci, &on) == 0 && on == 1 &&
	      info_of(pa, s->vpi, s->vci).oam_cc == 1, "CC on, as asked and in vc_info");
	CHECK(rte_pmd_mcm_oam_cc_set(pa, s->vpi, 999, 1) == -ENOENT &&
	      rte_pmd_mcm_oam_cc_get(pa, s->vpi, s->vci, NULL) == -EINVAL &&
	      rte_pmd_mcm_oam_cc_set(RTE_MAX_ETHPORTS - 1, 0, 100, 1) == -ENODEV,
	      "CC of an unknown VC, without a result, of no mcm port: refused");
	drain_events(pa, cla);
	drain_events(pb, clb);
	rte_pmd_mcm_vc_oam_stats_get(pa, s->vpi, s->vci, &oa);
	/* idle: a CC cell about once a second each way, no LOC */
	a0 = cc_since(ab, 0, NULL);
	b0 = cc_since(ba, 0, NULL);
	sleep_ms(5000);
	CHECK(cc_since(ab, a0, NULL) >= 4 && cc_since(ab, a0, NULL) <= 6 &&
	      cc_since(ba, b0, NULL) >= 4 && cc_since(ba, b0, NULL) <= 6,
	      "idle VC: CC cells in 5 s A->B %" PRIu64 ", B->A %" PRIu64, cc_since(ab, a0, NULL),
	      cc_since(ba, b0, NULL));
	CHECK(info_of(pa, s->vpi, s->vci).oam_defects == 0 &&
	      info_of(pb, s->vpi, s->vci).oam_defects == 0 && no_oper_event(pa, cla) &&
	      no_oper_event(pb, clb), "no loss of continuity on either end, no event");
	rte_pmd_mcm_vc_oam_stats_get(pb, s->vpi, s->vci, &ob);
	CHECK(ob.in_cc >= 4 && ob.out_cc >= 4, "B counted CC in %" PRIu64 " out %" PRIu64,
	      ob.in_cc, ob.out_cc);
	/* user traffic A -> B: no CC cells that way, B's still come */
	t0 = now_ms();
	for (i = 0; now_ms() - t0 < 3300; i++) {
		struct rte_mbuf *m = test_frame_make(mp, 100, i, NULL);

		if (m != NULL && rte_pmd_mcm_vc_send(pa, 0, vc, &m, 1) != 1)
			rte_pktmbuf_free(m);
		if (i == 3) {
			a0 = cc_since(ab, 0, NULL);
			b0 = cc_since(ba, 0, NULL);
		}
		sleep_ms(100);
	}
	CHECK(cc_since(ab, a0, NULL) == 0 && cc_since(ba, b0, NULL) >= 2,
	      "user traffic A->B: CC cells A->B %" PRIu64 " (none), B->A %" PRIu64,
	      cc_since(ab, a0, NULL), cc_since(ba, b0, NULL));
	CHECK(info_of(pb, s->vpi, s->vci).oam_defects == 0, "B: no LOC while user cells come");
	/* B's CC stops: A declares LOC 3.5 +/- 0.5 s after the last CC cell, sends RDI */
	rdi0 = wget(&ab->rdi);
	CHECK(rte_pmd_mcm_oam_cc_set(pb, s->vpi, s->vci, 0) == 0, "CC off at B");
	b0 = cc_since(ba, 0, NULL);
	took = wait_state(pa, s->vpi, s->vci, 0, RTE_PMD_MCM_OAM_LOC, RTE_PMD_MCM_VC_CAUSE_LOC,
			  6000);
	cc_since(ba, 0, &last);
	CHECK(cc_since(ba, b0, NULL) == 0, "no CC cell from B once off");
	took = took < 0 ? -1 : (int64_t)(now_ms() - last);
	CHECK(took >= 3000 && took <= 4100, "A: loc %" PRId64 " ms after B's last CC cell", took);
	CHECK(wait_oper(pa, cla, s->vpi, s->vci, 0, RTE_PMD_MCM_OAM_LOC,
			RTE_PMD_MCM_VC_CAUSE_LOC, 500) == 0, "A's client gets the event");
	sleep_ms(300);
	CHECK(wget(&ab->rdi) > rdi0, "A sends RDI on loss of continuity");
	CHECK(wait_state(pb, s->vpi, s->vci, 1, RTE_PMD_MCM_OAM_RDI, RTE_PMD_MCM_VC_CAUSE_NONE,
			 1000) >= 0, "B reports rdi");
	/* B's CC back: LOC ends */
	CHECK(rte_pmd_mcm_oam_cc_set(pb, s->vpi, s->vci, 1) == 0, "CC on at B again");
	expect_oper(pa, cla, s, 1, 0, RTE_PMD_MCM_VC_CAUSE_NONE, 2000,
		    "A: loc cleared when CC cells come again");
	CHECK(rte_pmd_mcm_oam_cc_set(pa, s->vpi, s->vci, 0) == 0 &&
	      rte_pmd_mcm_oam_cc_set(pb, s->vpi, s->vci, 0) == 0, "CC off at both ends");
	CHECK(rte_pmd_mcm_oam_cc_get(pa, s->vpi, s->vci, &on) == 0 && on == 0, "CC off");
	CHECK(wait_state(pb, s->vpi, s->vci, 1, 0, RTE_PMD_MCM_VC_CAUSE_NONE, 3500) >= 0,
	      "B: rdi cleared");
}

/* 6. A's lower link down: the VC down, cause link, an event; no RDI out; up again. */
static void
test_link_down(const struct svc *s, uint16_t low_a)
{
	uint64_t rdi0;

	printf("lower link down on A\n");
	drain_events(pa, cla);
	CHECK(rte_eth_dev_set_link_down(low_a) == 0, "lower link down");
	expect_oper(pa, cla, s, 0, RTE_PMD_MCM_OAM_AIS, RTE_PMD_MCM_VC_CAUSE_LINK_DOWN, 1500,
		    "A: the VC is down, cause lower link down, in the AIS state");
	rdi0 = wget(&wires[0].rdi);
	sleep_ms(1500);
	CHECK(wget(&wires[0].rdi) == rdi0, "no RDI on a link that is down");
	CHECK(rte_eth_dev_set_link_up(low_a) == 0, "lower link up");
	expect_oper(pa, cla, s, 1, 0, RTE_PMD_MCM_VC_CAUSE_NONE, 1500, "A: the VC is up again");
}

/* 7. The second pair: the pseudowire lost and back. */
static void
test_pw_lost(void)
{
	struct wire *cd = &wires[2], *dc = &wires[3];
	struct rte_pmd_mcm_vc_info ic, id;
	uint64_t rdi0, last, lost0 = xstat(pc, "oam_pw_lost"), fm0 = xstat(pc, "oam_fm_out");
	int64_t took;

	printf("pseudowire lost (C: pw_timeout=2500, D: default)\n");
	CHECK(wait_state(pc, 0, 100, 1, 0, RTE_PMD_MCM_VC_CAUSE_NONE, 10) >= 0 &&
	      wait_state(pd, 0, 100, 1, 0, RTE_PMD_MCM_VC_CAUSE_NONE, 10) >= 0 &&
	      !pw_lost_seen, "CC cells (on since the start) kept the pseudowire alive: both up "
	      "all along");
	__atomic_store_n(&cd->cut, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&dc->cut, 1, __ATOMIC_RELAXED);
	took = wait_state(pc, 0, 100, 0, RTE_PMD_MCM_OAM_AIS, RTE_PMD_MCM_VC_CAUSE_PW_LOST, 4000);
	last = wget(&dc->pass_t);
	took = took < 0 ? -1 : (int64_t)(now_ms() - last);
	CHECK(took >= 2400 && took <= 3100, "C: VC down, pseudowire lost, in the AIS state, "
	      "%" PRId64 " ms after D's last frame", took);
	rdi0 = wget(&cd->rdi);
	sleep_ms(2100);
	CHECK(wget(&cd->rdi) - rdi0 >= 2 && wget(&cd->rdi) - rdi0 <= 3,
	      "C sends RDI upstream once a second (%" PRIu64 " in 2.1 s)", wget(&cd->rdi) - rdi0);
	CHECK(xstat(pc, "oam_pw_lost") == lost0 + 1 && lost0 == 0,
	      "C: xstat oam_pw_lost counts it once (%" PRIu64 " before)", lost0);
	CHECK(xstat(pc, "oam_fm_out") > fm0 + 2, "C: xstat oam_fm_out counts its RDI and CC cells");
	ic = info_of(pc, 0, 100);
	id = info_of(pd, 0, 100);
	CHECK(ic.down_cause == RTE_PMD_MCM_VC_CAUSE_PW_LOST && id.down_cause !=
	      RTE_PMD_MCM_VC_CAUSE_PW_LOST, "D (sig=off, no pw_timeout=) never reports its "
	      "pseudowire lost (cause %u)", id.down_cause);
	__atomic_store_n(&cd->cut, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&dc->cut, 0, __ATOMIC_RELAXED);
	/* C may hear RDI from D for a while: D lost continuity while the wire was cut */
	CHECK(wait_up(pc, 0, 100, 2500), "C: up again, out of the AIS state, once PW frames "
	      "come");
	CHECK(wait_state(pc, 0, 100, 1, 0, RTE_PMD_MCM_VC_CAUSE_NONE, 4000) >= 0 &&
	      wait_state(pd, 0, 100, 1, 0, RTE_PMD_MCM_VC_CAUSE_NONE, 4000) >= 0,
	      "C and D: every defect ended");
	CHECK(rte_pmd_mcm_oam_cc_set(pc, 0, 100, 0) == 0 &&
	      rte_pmd_mcm_oam_cc_set(pd, 0, 100, 0) == 0, "CC off");
}

int
main(int argc, char **argv)
{
	char na[RTE_ETH_NAME_MAX_LEN], nb[RTE_ETH_NAME_MAX_LEN], nc[RTE_ETH_NAME_MAX_LEN],
	     nd[RTE_ETH_NAME_MAX_LEN], args[200];
	struct rte_ring *rx[4], *tx[4];
	int low[4], rc, i;
	unsigned int worker;
	struct svc s;

	RTE_SET_USED(argc);
	setvbuf(stdout, NULL, _IOLBF, 0);
	pc = pd = RTE_MAX_ETHPORTS;
	pa = pb = RTE_MAX_ETHPORTS;
	if (calls_eal_init(argv[0], "mcm-oam-fault", "0-1") != 0)
		return test_summary() | 1;
	low[0] = ring_port("fa", &rx[0], &tx[0], na);
	low[1] = ring_port("fb", &rx[1], &tx[1], nb);
	low[2] = ring_port("fc", &rx[2], &tx[2], nc);
	low[3] = ring_port("fd", &rx[3], &tx[3], nd);
	if (low[0] < 0 || low[1] < 0 || low[2] < 0 || low[3] < 0) {
		printf("FAIL: ring ports\n");
		return test_summary() | 1;
	}
	for (i = 0; i < NWIRES; i++) {
		wires[i].src = tx[i];
		wires[i].dst = rx[i ^ 1];
	}
	worker = rte_get_next_lcore(-1, 1, 0);
	CHECK(worker < RTE_MAX_LCORE && rte_eal_remote_launch(wire_main, NULL, worker) == 0,
	      "the wire's lcore");
	if (make_mcm_ports(na, nb) != 0)
		return test_summary() | 1;
	snprintf(args, sizeof(args), "lower=%s,sig=off,pvc=0/100,pw_timeout=2500", nc);
	rc = rte_vdev_init("net_mcm2", args);
	CHECK(rc == 0 && rte_eth_dev_get_port_by_name("net_mcm2", &pc) == 0, "net_mcm2: %d", rc);
	snprintf(args, sizeof(args), "lower=%s,sig=off,pvc=0/100", nd);
	rc = rte_vdev_init("net_mcm3", args);
	CHECK(rc == 0 && rte_eth_dev_get_port_by_name("net_mcm3", &pd) == 0, "net_mcm3: %d", rc);
	snprintf(args, sizeof(args), "lower=%s,sig=off,pw_timeout=50", nd);
	CHECK(rte_vdev_init("net_mcm9", args) != 0, "pw_timeout=50 refused (0 or 100..)");
	/* the continuity check keeps C's pseudowire alive from its start (signalling off:
	 * nothing else crosses it); C and D start last, their queues polled at once
	 */
	CHECK(rte_pmd_mcm_oam_cc_set(pc, 0, 100, 1) == 0 &&
	      rte_pmd_mcm_oam_cc_set(pd, 0, 100, 1) == 0, "CC on at C and D");
	if (test_port_up(pa, 1, mp) != 0 || test_port_up(pb, 1, mp) != 0 ||
	    test_port_up(pc, 1, mp) != 0 || test_port_up(pd, 1, mp) != 0) {
		printf("FAIL: ports did not start\n");
		return test_summary() | 1;
	}
	__atomic_store_n(&poll_on, 1, __ATOMIC_RELEASE);
	rc = test_link_up();
	if (rc == 0) {
		sap_add_b(addr_b);
		if (connect_call(&s, 1) == 0) {
			struct rte_pmd_mcm_vc_info i0 = info_of(pa, s.vpi, s.vci);

			CHECK(i0.oper_up == 1 && i0.oam_defects == 0 && i0.down_cause == 0 &&
			      i0.oam_cc == 0, "a new SVC is up, no defect, CC off");
			test_ais(&s, rx[0]);
			pw_lost_seen |= info_of(pc, 0, 100).down_cause != 0;
			test_rdi_user_hostile(&s, rx[0]);
			pw_lost_seen |= info_of(pc, 0, 100).down_cause != 0;
			test_cc(&s);
			pw_lost_seen |= info_of(pc, 0, 100).down_cause != 0;
			test_link_down(&s, (uint16_t)low[0]);
			release_call(&s, 1);
		}
	}
	test_pw_lost();
	__atomic_store_n(&poll_on, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&wire_stop, 1, __ATOMIC_RELEASE);
	rte_eal_mp_wait_lcore();
	drain_events(pa, cla);
	drain_events(pb, clb);
	CHECK(rte_pmd_mcm_client_close(pa, cla) == 0 && rte_pmd_mcm_client_close(pb, clb) == 0,
	      "clients closed");
	CHECK(rte_eth_dev_stop(pc) == 0 && rte_eth_dev_close(pc) == 0 &&
	      rte_eth_dev_stop(pd) == 0 && rte_eth_dev_close(pd) == 0, "C and D closed");
	pc = pd = RTE_MAX_ETHPORTS;
	calls_close_ports((uint16_t)low[0], (uint16_t)low[1]);
	for (i = 2; i < 4; i++)
		if (rte_eth_dev_is_valid_port((uint16_t)low[i]))
			rte_eth_dev_close((uint16_t)low[i]);
	for (i = 0; i < 4; i++) {
		void *m = NULL;

		while (rte_ring_dequeue(rx[i], &m) == 0)
			rte_pktmbuf_free(m);
		while (rte_ring_dequeue(tx[i], &m) == 0)
			rte_pktmbuf_free(m);
		rte_ring_free(rx[i]);
		rte_ring_free(tx[i]);
	}
	calls_finish();
	return test_summary();
}
