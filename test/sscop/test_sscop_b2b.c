/* SPDX-License-Identifier: BSD-3-Clause
 * Two SSCOP instances back to back over a simulated link with a virtual clock.
 *
 * - Lossy runs over 300 seeds (loss 0 to 30 %, corruption caught by the AAL5 CRC):
 *   every message arrives exactly once and in order, or a connection reset (release,
 *   resync, recovery) was indicated to both users; after the link turns clean nothing
 *   stays queued (no stall).
 * - Robustness runs with duplication, reordering and corruption that escapes the CRC (a
 *   link SSCOP does not assume): no crash, no leak, and no stall once the link is clean.
 * - Establish, release, resynchronization and recovery from either side and from both
 *   at once (collisions, Q.2110 SDL states 2, 4, 5, 7).
 * - SSCF-UNI (Q.2130) back to back, also over a lossy link with the re-establishment
 *   a signalling layer does: AAL-DATA exactly once and in order between AAL-ESTABLISH /
 *   AAL-RELEASE indications.
 */
#include <errno.h>
#include <inttypes.h>

#include "b2b.h"
#include "mcm_sscf_uni.h"
#include "sscop_test.h"

#define SEC 1000000000ull

static uint64_t tot_delivered, tot_resets, tot_pkts, tot_lost;

static bool
settled(struct b2b *b)
{
	int i;

	for (i = 0; i < 2; i++) {
		uint32_t txq, txbuf;

		mcm_sscop_queue_lens(b->e[i].s, &txq, &txbuf, NULL);
		if (mcm_sscop_state(b->e[i].s) != MCM_SSCOP_S_READY || txq || txbuf)
			return false;
	}
	return true;
}

/* One seeded run: lossy phase with traffic both ways, then a clean phase. */
static void
lossy_run(uint64_t seed, double loss, double dup, double corrupt, double reorder, bool crc,
	  uint64_t lossy_secs, bool strict)
{
	struct mcm_sscop_params p;
	struct b2b b;
	uint64_t end, t;
	int i;
	bool ok;

	mcm_sscop_params_default(&p);
	p.rx_window = 32 + seed % 64;
	if (b2b_init(&b, &p, seed)) {
		CHECK(0, "seed %" PRIu64 ": create", seed);
		return;
	}
	b.cfg.loss = loss;
	b.cfg.dup = dup;
	b.cfg.corrupt = corrupt;
	b.cfg.reorder = reorder;
	b.cfg.crc = crc;
	mcm_sscop_establish_req(b.e[0].s, b.now, NULL, 0, true);
	end = b.now + lossy_secs * SEC;
	for (t = b.now; t < end; t += 2 * B2B_MS) {
		b2b_run_until(&b, t);
		for (i = 0; i < 2; i++) {
			uint32_t txq;

			mcm_sscop_queue_lens(b.e[i].s, &txq, NULL, NULL);
			if (mcm_sscop_state(b.e[i].s) == MCM_SSCOP_S_READY && txq < 200 &&
			    b2b_rand(&b) % 3 == 0)
				b2b_submit(&b, i, b2b_rand(&b) % 64);
		}
	}
	/* clean link: everything pending must drain (no stall) */
	b.cfg.loss = b.cfg.dup = b.cfg.corrupt = b.cfg.reorder = 0;
	for (t = 0; t < 200 && !settled(&b); t++)
		b2b_run_until(&b, b.now + SEC);
	ok = settled(&b);
	CHECK(ok, "seed %" PRIu64 " loss %.2f: not settled (states %s/%s)", seed, loss,
	      mcm_sscop_state_name(mcm_sscop_state(b.e[0].s)),
	      mcm_sscop_state_name(mcm_sscop_state(b.e[1].s)));
	if (strict) {
		for (i = 0; i < 2; i++) {
			struct ep *rx = &b.e[i], *tx = &b.e[1 - i];
			uint64_t id;

			CHECK(rx->violations == 0, "seed %" PRIu64 " loss %.2f ep %d: %s", seed,
			      loss, i, rx->why);
			/* every message lost for good was lost across a reset reported to
			 * the sender too, and to the receiver after its last delivery */
			for (id = rx->last_rx_id + 1; id < tx->next_id; id++) {
				if (tx->disc_at_submit[id] == tx->disc ||
				    rx->disc == rx->disc_at_last_rx) {
					CHECK(0, "seed %" PRIu64 ": id %" PRIu64 " lost silently",
					      seed, id);
					break;
				}
			}
			CHECK(rx->delivered > 0 || loss >= 0.3, "seed %" PRIu64 ": no traffic",
			      seed);
		}
	}
	for (i = 0; i < 2; i++) {
		tot_delivered += b.e[i].delivered;
		tot_resets += b.e[i].disc;
	}
	tot_pkts += b.pkts;
	tot_lost += b.lost;
	b2b_fini(&b);
}

static void
test_lossy(void)
{
	static const double losses[] = {0, 0.01, 0.05, 0.1, 0.2, 0.3};
	uint64_t seed;

	for (seed = 1; seed <= 300; seed++) {
		double loss = losses[seed % 6];

		lossy_run(seed, loss, 0, seed % 3 == 2 ? 0.02 : 0, 0, true, 30, true);
	}
	/* 100 % clean pair: nothing ever lost, not even a reset */
	{
		struct b2b b;
		uint64_t t;

		b2b_init(&b, NULL, 99);
		mcm_sscop_establish_req(b.e[1].s, b.now, NULL, 0, true);
		for (t = 1; t < 5 * SEC; t += B2B_MS) {
			b2b_run_until(&b, t);
			b2b_submit(&b, 0, 10);
			b2b_submit(&b, 1, 20);
		}
		b2b_run_until(&b, b.now + 2 * SEC);
		CHECK(b.e[0].delivered == b.e[1].next_id - 1 &&
		      b.e[1].delivered == b.e[0].next_id - 1 && b.e[0].disc == 1 &&
		      b.e[1].disc == 1 && b.e[0].violations == 0 && b.e[1].violations == 0,
		      "clean link: all %" PRIu64 "/%" PRIu64 " delivered, one establishment",
		      b.e[0].delivered, b.e[1].delivered);
		CHECK(settled(&b), "clean link settled");
		/* idle link: keep-alive polling only, no release for a long time */
		b2b_run_until(&b, b.now + 120 * SEC);
		CHECK(mcm_sscop_state(b.e[0].s) == MCM_SSCOP_S_READY && b.e[0].disc == 1 &&
		      mcm_sscop_timer_running(b.e[0].s, MCM_SSCOP_T_IDLE),
		      "idle link stays up in the idle phase");
		b2b_fini(&b);
	}
}

static void
test_robust(void)
{
	uint64_t seed;

	/* Duplication, reordering and undetected corruption break SSCOP's assumptions
	 * (Q.2110 clause 1: an AAL5 VC delivers each PDU at most once, in order, intact):
	 * a duplicated ER, for one, draws a second ERAK that can answer a later ER. Only
	 * robustness and absence of stall are checked here. */
	for (seed = 1000; seed < 1040; seed++)
		lossy_run(seed, 0.05 * (seed % 4), 0.02, 0, 0, true, 10, false);
	for (seed = 100; seed < 120; seed++)
		lossy_run(seed, 0.05, 0.02, 0.03, 0.05, false, 10, false);
}

/* ---------- collisions and either-side procedures ---------- */

static void
up_pair(struct b2b *b, int who)
{
	b2b_init(b, NULL, 7);
	b->e[0].auto_resp = b->e[1].auto_resp = true;
	mcm_sscop_establish_req(b->e[who].s, b->now, NULL, 0, true);
	b2b_run_until(b, b->now + 100 * B2B_MS);
}

static void
test_procedures(void)
{
	struct b2b b;
	int who;

	for (who = 0; who < 2; who++) {
		up_pair(&b, who);
		CHECK(settled(&b) && b.e[who].sigs[MCM_SSCOP_AA_ESTABLISH_CONF] == 1 &&
		      b.e[1 - who].sigs[MCM_SSCOP_AA_ESTABLISH_IND] == 1,
		      "establish from side %d", who);
		/* resynchronization from one side (resynchronization) */
		mcm_sscop_resync_req(b.e[who].s, b.now, NULL, 0);
		b2b_run_until(&b, b.now + 100 * B2B_MS);
		CHECK(settled(&b) && b.e[who].sigs[MCM_SSCOP_AA_RESYNC_CONF] == 1 &&
		      b.e[1 - who].sigs[MCM_SSCOP_AA_RESYNC_IND] == 1, "resync from side %d",
		      who);
		/* recovery: a protocol error at one side (an impossible STAT) */
		{
			struct mcm_sscop_pdu st = {.type = MCM_SSCOP_STAT, .nps = 77};

			feed(b.e[who].s, b.now, &st);
		}
		b2b_run_until(&b, b.now + 100 * B2B_MS);
		CHECK(settled(&b) && b.e[who].sigs[MCM_SSCOP_AA_RECOVER_IND] == 1 &&
		      b.e[1 - who].sigs[MCM_SSCOP_AA_RECOVER_IND] == 1 &&
		      b.e[who].maa['R' - 'A'] == 1, "recovery from side %d", who);
		/* data still flows after all that */
		b2b_submit(&b, who, 5);
		b2b_run_until(&b, b.now + 100 * B2B_MS);
		CHECK(b.e[1 - who].delivered == 1 && b.e[1 - who].violations == 0,
		      "data after recovery, side %d", who);
		b.e[0].auto_resp = b.e[1].auto_resp = false;
		mcm_sscop_release_req(b.e[who].s, b.now, NULL, 0);
		b2b_run_until(&b, b.now + 100 * B2B_MS);
		CHECK(mcm_sscop_state(b.e[0].s) == MCM_SSCOP_S_IDLE &&
		      mcm_sscop_state(b.e[1].s) == MCM_SSCOP_S_IDLE &&
		      b.e[who].sigs[MCM_SSCOP_AA_RELEASE_CONF] == 1 &&
		      b.e[1 - who].sigs[MCM_SSCOP_AA_RELEASE_IND] == 1, "release from side %d",
		      who);
		b2b_fini(&b);
	}

	/* simultaneous establishment: both confirm (SDL state 2, BGN collision) */
	b2b_init(&b, NULL, 8);
	mcm_sscop_establish_req(b.e[0].s, b.now, NULL, 0, true);
	mcm_sscop_establish_req(b.e[1].s, b.now, NULL, 0, true);
	b2b_run_until(&b, b.now + 100 * B2B_MS);
	CHECK(settled(&b) && b.e[0].sigs[MCM_SSCOP_AA_ESTABLISH_CONF] == 1 &&
	      b.e[1].sigs[MCM_SSCOP_AA_ESTABLISH_CONF] == 1 &&
	      b.e[0].sigs[MCM_SSCOP_AA_ESTABLISH_IND] == 0, "establish collision");
	/* simultaneous resynchronization: both confirm (state 5, RS collision) */
	mcm_sscop_resync_req(b.e[0].s, b.now, NULL, 0);
	mcm_sscop_resync_req(b.e[1].s, b.now, NULL, 0);
	b2b_run_until(&b, b.now + 100 * B2B_MS);
	CHECK(settled(&b) && b.e[0].sigs[MCM_SSCOP_AA_RESYNC_CONF] == 1 &&
	      b.e[1].sigs[MCM_SSCOP_AA_RESYNC_CONF] == 1, "resync collision");
	/* simultaneous recovery: both indicate (state 7, ER collision) */
	{
		struct mcm_sscop_pdu st = {.type = MCM_SSCOP_STAT, .nps = 77};

		feed(b.e[0].s, b.now, &st);
		feed(b.e[1].s, b.now, &st);
	}
	b2b_run_until(&b, b.now + 100 * B2B_MS);
	CHECK(settled(&b) && b.e[0].sigs[MCM_SSCOP_AA_RECOVER_IND] == 1 &&
	      b.e[1].sigs[MCM_SSCOP_AA_RECOVER_IND] == 1, "recovery collision");
	/* resynchronization against recovery: resync wins (state 7 + RS) */
	{
		struct mcm_sscop_pdu st = {.type = MCM_SSCOP_STAT, .nps = 77};

		feed(b.e[0].s, b.now, &st);
		mcm_sscop_resync_req(b.e[1].s, b.now, NULL, 0);
	}
	b2b_run_until(&b, b.now + 100 * B2B_MS);
	CHECK(settled(&b) && b.e[1].sigs[MCM_SSCOP_AA_RESYNC_CONF] == 2 &&
	      b.e[0].sigs[MCM_SSCOP_AA_RESYNC_IND] == 1, "resync vs recovery");
	/* simultaneous release: both confirm (state 4, END collision) */
	b.e[0].auto_resp = b.e[1].auto_resp = false;
	mcm_sscop_release_req(b.e[0].s, b.now, NULL, 0);
	mcm_sscop_release_req(b.e[1].s, b.now, NULL, 0);
	b2b_run_until(&b, b.now + 100 * B2B_MS);
	CHECK(mcm_sscop_state(b.e[0].s) == MCM_SSCOP_S_IDLE &&
	      mcm_sscop_state(b.e[1].s) == MCM_SSCOP_S_IDLE &&
	      b.e[0].sigs[MCM_SSCOP_AA_RELEASE_CONF] == 1 &&
	      b.e[1].sigs[MCM_SSCOP_AA_RELEASE_CONF] == 1, "release collision");
	/* establishment against a release in progress (state 4 + BGN) */
	b.e[0].auto_resp = b.e[1].auto_resp = true;
	mcm_sscop_establish_req(b.e[0].s, b.now, NULL, 0, true);
	b2b_run_until(&b, b.now + 100 * B2B_MS);
	b.e[1].auto_resp = false;
	mcm_sscop_release_req(b.e[1].s, b.now, NULL, 0);
	mcm_sscop_release_req(b.e[0].s, b.now, NULL, 0);
	mcm_sscop_establish_req(b.e[0].s, b.now, NULL, 0, true);
	b.e[1].auto_resp = true;
	b2b_run_until(&b, b.now + 5 * SEC);
	CHECK(settled(&b), "establish during release settles (%s/%s)",
	      mcm_sscop_state_name(mcm_sscop_state(b.e[0].s)),
	      mcm_sscop_state_name(mcm_sscop_state(b.e[1].s)));
	/* peer never answers: MaxCC BGNs then release by SSCOP (connection control, MAA-ERROR O) */
	b.cfg.loss = 1.0;
	b.e[0].auto_resp = b.e[1].auto_resp = false;
	mcm_sscop_release_req(b.e[0].s, b.now, NULL, 0);
	b2b_run_until(&b, b.now + 10 * SEC);
	mcm_sscop_establish_req(b.e[0].s, b.now, NULL, 0, true);
	b2b_run_until(&b, b.now + 10 * SEC);
	CHECK(mcm_sscop_state(b.e[0].s) == MCM_SSCOP_S_IDLE && b.e[0].maa['O' - 'A'] >= 2,
	      "MaxCC exhausted");
	b2b_fini(&b);
}

/* ---------- SSCF-UNI back to back (Q.2130) ---------- */

struct fep {
	struct mcm_sscf_uni *f;
	struct fep *peer;
	uint64_t now;
	char log[256];
	unsigned int data;
	struct b2b_pq pq;     /* PDUs towards this end */
};

static void
f_send(void *arg, const uint8_t *pdu, size_t len)
{
	struct fep *e = arg;

	/* queue for the peer: delivered by f_pump, never re-entrantly */
	b2b_pq_push(&e->peer->pq, pdu, len, 64);
}

static void
f_sig(void *arg, enum mcm_sscf_uni_signal sig, const uint8_t *d, size_t len)
{
	struct fep *e = arg;

	(void)d;
	(void)len;
	if (sig == MCM_AAL_DATA_IND) {
		e->data++;
		return;
	}
	rec_append(e->log, sizeof(e->log), mcm_sscf_uni_signal_name(sig));
}

struct f_pair {
	struct fep *x[2];
	uint64_t now;
};

static void
f_in(void *arg, int i, const uint8_t *pdu, size_t len)
{
	struct f_pair *p = arg;

	mcm_sscf_uni_input(p->x[i]->f, p->now, pdu, len);
}

static void
f_pump(struct fep *a, struct fep *b, uint64_t *now, uint64_t dur)
{
	uint64_t end = *now + dur;

	while (*now < end) {
		struct f_pair p = {{a, b}, *now};
		struct b2b_pq *q[2] = {&a->pq, &b->pq};

		b2b_pq_pump(q, f_in, &p);
		*now += B2B_MS;
		mcm_sscf_uni_tick(a->f, *now);
		mcm_sscf_uni_tick(b->f, *now);
	}
}

/* @p e alone for @p dur: nothing reaches it, its timers run. */
static void
f_alone(struct fep *e, uint64_t *now, uint64_t dur)
{
	uint64_t end = *now + dur;

	while (*now < end) {
		e->pq.qn = 0;
		*now += 10 * B2B_MS;
		mcm_sscf_uni_tick(e->f, *now);
	}
}

static void
test_sscf(void)
{
	struct fep a = {0}, b = {0};
	struct mcm_sscf_uni_cbs ca = {f_send, f_sig, NULL, &a}, cb = {f_send, f_sig, NULL, &b};
	struct mcm_sscop_params p;
	uint64_t now = 0;
	static const uint8_t msg[] = {0x09, 0x03, 0, 0, 1, 0x75, 0x80, 0, 0};

	mcm_sscf_uni_params_default(&p);
	CHECK(p.max_cc == 4 && p.max_pd == 25 && p.max_stat == 67 && p.t_poll == 750 * B2B_MS,
	      "Q.2130 UNI parameters");
	a.f = mcm_sscf_uni_create(NULL, &ca);
	b.f = mcm_sscf_uni_create(NULL, &cb);
	a.peer = &b;
	b.peer = &a;
	CHECK(mcm_sscf_uni_data_req(a.f, now, msg, sizeof(msg)) == -ENOTCONN,
	      "AAL-DATA.req while released");
	mcm_sscf_uni_establish_req(a.f, now);
	CHECK(mcm_sscf_uni_state(a.f) == MCM_SSCF_UNI_AWAITING_ESTABLISH, "awaiting establish");
	f_pump(&a, &b, &now, 10 * B2B_MS);
	CHECK(strcmp(a.log, "AAL-ESTABLISH.conf") == 0 && strcmp(b.log, "AAL-ESTABLISH.ind") == 0
	      && mcm_sscf_uni_state(a.f) == MCM_SSCF_UNI_ESTABLISHED &&
	      mcm_sscf_uni_state(b.f) == MCM_SSCF_UNI_ESTABLISHED, "AAL establish (%s/%s)",
	      a.log, b.log);
	mcm_sscf_uni_data_req(a.f, now, msg, sizeof(msg));
	mcm_sscf_uni_data_req(b.f, now, msg, sizeof(msg));
	mcm_sscf_uni_unitdata_req(a.f, now, msg, sizeof(msg));
	f_pump(&a, &b, &now, 10 * B2B_MS);
	CHECK(a.data == 1 && b.data == 1 && strstr(b.log, "AAL-UNITDATA.ind") != NULL,
	      "AAL-DATA both ways, AAL-UNITDATA");
	/* AAL-ESTABLISH.req when established: SSCOP resynchronization (Q.2130) */
	a.log[0] = b.log[0] = 0;
	mcm_sscf_uni_establish_req(a.f, now);
	CHECK(mcm_sscf_uni_state(a.f) == MCM_SSCF_UNI_AWAITING_RESYNC &&
	      mcm_sscop_state(mcm_sscf_uni_sscop(a.f)) == MCM_SSCOP_S_OUT_RESYNC_PEND,
	      "re-establish = resync");
	f_pump(&a, &b, &now, 10 * B2B_MS);
	CHECK(strcmp(a.log, "AAL-ESTABLISH.conf") == 0 && strcmp(b.log, "AAL-ESTABLISH.ind") == 0,
	      "resync maps to AAL-ESTABLISH (%s/%s)", a.log, b.log);
	/* a long idle period: the link stays up (keep-alive, idle phases) */
	f_pump(&a, &b, &now, 60 * SEC);
	CHECK(mcm_sscf_uni_state(a.f) == MCM_SSCF_UNI_ESTABLISHED &&
	      mcm_sscf_uni_state(b.f) == MCM_SSCF_UNI_ESTABLISHED, "idle link stays up");
	/* release from the network side */
	a.log[0] = b.log[0] = 0;
	mcm_sscf_uni_release_req(b.f, now);
	f_pump(&a, &b, &now, 10 * B2B_MS);
	CHECK(strcmp(b.log, "AAL-RELEASE.conf") == 0 && strcmp(a.log, "AAL-RELEASE.ind") == 0
	      && mcm_sscf_uni_state(a.f) == MCM_SSCF_UNI_RELEASED, "AAL release (%s/%s)",
	      a.log, b.log);
	/* AAL-RELEASE.req when released confirms at once */
	a.log[0] = 0;
	mcm_sscf_uni_release_req(a.f, now);
	CHECK(strcmp(a.log, "AAL-RELEASE.conf") == 0, "release when released");
	/* both establish at once */
	a.log[0] = b.log[0] = 0;
	mcm_sscf_uni_establish_req(a.f, now);
	mcm_sscf_uni_establish_req(b.f, now);
	f_pump(&a, &b, &now, 10 * B2B_MS);
	CHECK(strcmp(a.log, "AAL-ESTABLISH.conf") == 0 && strcmp(b.log, "AAL-ESTABLISH.conf") == 0,
	      "establish collision (%s/%s)", a.log, b.log);
	/* the peer disappears: NO-RESPONSE releases, AAL-RELEASE.ind */
	a.log[0] = 0;
	b.peer = &b; /* b's PDUs now go nowhere useful */
	mcm_sscf_uni_data_req(a.f, now, msg, sizeof(msg));
	f_alone(&a, &now, 20 * SEC);
	CHECK(strstr(a.log, "AAL-RELEASE.ind") != NULL &&
	      mcm_sscf_uni_state(a.f) == MCM_SSCF_UNI_RELEASED, "loss of link (%s)", a.log);
	/* establishment nobody answers: MaxCC BGNs, then AAL-RELEASE.ind (Q.2130) */
	a.log[0] = 0;
	CHECK(mcm_sscf_uni_establish_req(a.f, now) == 0 &&
	      mcm_sscf_uni_establish_req(a.f, now) == -EALREADY, "establish while establishing");
	f_alone(&a, &now, 10 * SEC);
	CHECK(strcmp(a.log, "AAL-RELEASE.ind") == 0 &&
	      mcm_sscf_uni_state(a.f) == MCM_SSCF_UNI_RELEASED, "establishment timeout (%s)",
	      a.log);
	/* release while establishing: AAL-RELEASE.conf after the END exchange times out */
	a.log[0] = 0;
	mcm_sscf_uni_establish_req(a.f, now);
	mcm_sscf_uni_release_req(a.f, now);
	CHECK(mcm_sscf_uni_state(a.f) == MCM_SSCF_UNI_AWAITING_RELEASE, "awaiting release");
	f_alone(&a, &now, 10 * SEC);
	CHECK(strcmp(a.log, "AAL-RELEASE.conf") == 0 &&
	      mcm_sscf_uni_state(a.f) == MCM_SSCF_UNI_RELEASED, "release timeout (%s)", a.log);
	mcm_sscf_uni_destroy(a.f);
	mcm_sscf_uni_destroy(b.f);
}


/* ---------- SSCF-UNI over a lossy link: what the signalling layer sees ---------- */

struct lf {
	struct mcm_sscf_uni *f;
	struct dir *out;       /* towards the peer */
	struct b2b *clock;     /* link model and virtual time (its instances unused) */
	uint64_t next_id, last_rx, rx;
	uint32_t resets, resets_at_last_rx;
	uint64_t reestablish_at;
	uint64_t bad;
};

static void
lf_send(void *arg, const uint8_t *pdu, size_t len)
{
	struct lf *x = arg;
	struct b2b *b = x->clock;

	if (b2b_unif(b) < b->cfg.loss)
		return;
	dir_push(x->out, b->now + b->cfg.delay, pdu, len, false);
}

static void
lf_sig(void *arg, enum mcm_sscf_uni_signal sig, const uint8_t *d, size_t len)
{
	struct lf *x = arg;
	uint64_t id;

	switch (sig) {
	case MCM_AAL_DATA_IND:
		if (len != 8) {
			x->bad++;
			return;
		}
		memcpy(&id, d, 8);
		/* Q.2130: loss only across an AAL-ESTABLISH/RELEASE indication */
		if (id <= x->last_rx || (id != x->last_rx + 1 && x->resets == x->resets_at_last_rx))
			x->bad++;
		x->last_rx = id;
		x->resets_at_last_rx = x->resets;
		x->rx++;
		return;
	case MCM_AAL_RELEASE_IND:
	case MCM_AAL_RELEASE_CONF:
		x->resets++;
		/* as Q.2931 does on loss of the link: establish again (T309 running) */
		x->reestablish_at = x->clock->now + 200 * B2B_MS;
		return;
	default:
		x->resets++;
		return;
	}
}

static void
test_sscf_lossy(void)
{
	uint64_t seed;

	for (seed = 1; seed <= 20; seed++) {
		struct b2b b;
		struct dir d[2];
		struct lf x[2];
		uint64_t t;
		int i;

		memset(&b, 0, sizeof(b));
		memset(d, 0, sizeof(d));
		memset(x, 0, sizeof(x));
		b.rng = seed * 7919 + 3;
		b.cfg.delay = B2B_MS;
		b.cfg.loss = 0.05 * (double)(seed % 6);
		b.now = 1;
		for (i = 0; i < 2; i++) {
			struct mcm_sscf_uni_cbs cb = {lf_send, lf_sig, NULL, &x[i]};

			x[i].out = &d[1 - i];
			x[i].clock = &b;
			x[i].next_id = 1;
			x[i].reestablish_at = UINT64_MAX;
			x[i].f = mcm_sscf_uni_create(NULL, &cb);
		}
		mcm_sscf_uni_establish_req(x[0].f, b.now);
		for (t = 0; t < 20000 + 30000; t++) {
			b.now += B2B_MS;
			if (t == 20000)
				b.cfg.loss = 0; /* clean link: everything must drain */
			for (i = 0; i < 2; i++) {
				struct dir *in = &d[i];

				while (in->head < in->n && in->q[in->head].at <= b.now) {
					struct pkt k = in->q[in->head++];

					mcm_sscf_uni_input(x[i].f, b.now, k.data, k.len);
					free(k.data);
				}
				if (mcm_sscf_uni_next_deadline(x[i].f) <= b.now)
					mcm_sscf_uni_tick(x[i].f, b.now);
				if (x[i].reestablish_at <= b.now) {
					x[i].reestablish_at = UINT64_MAX;
					mcm_sscf_uni_establish_req(x[i].f, b.now);
				}
				if (t < 20000 && b2b_rand(&b) % 4 == 0 &&
				    mcm_sscf_uni_state(x[i].f) == MCM_SSCF_UNI_ESTABLISHED &&
				    mcm_sscf_uni_data_req(x[i].f, b.now,
							  (const uint8_t *)&x[i].next_id, 8) == 0)
					x[i].next_id++;
			}
		}
		for (i = 0; i < 2; i++) {
			uint32_t txq, txbuf;

			mcm_sscop_queue_lens(mcm_sscf_uni_sscop(x[i].f), &txq, &txbuf, NULL);
			CHECK(x[i].bad == 0 && x[i].rx > 0,
			      "SSCF seed %" PRIu64 " side %d: %" PRIu64
			      " bad, %" PRIu64 " delivered", seed, i, x[i].bad, x[i].rx);
			CHECK(mcm_sscf_uni_state(x[i].f) == MCM_SSCF_UNI_ESTABLISHED &&
			      !txq && !txbuf,
			      "SSCF seed %" PRIu64 " side %d drained (%s, %u, %u)", seed, i,
			      mcm_sscf_uni_state_name(mcm_sscf_uni_state(x[i].f)), txq, txbuf);
			CHECK(x[1 - i].last_rx == x[i].next_id - 1 ||
			      x[1 - i].resets != x[1 - i].resets_at_last_rx,
			      "SSCF seed %" PRIu64 ": tail of side %d lost silently", seed, i);
		}
		for (i = 0; i < 2; i++) {
			size_t k;

			mcm_sscf_uni_destroy(x[i].f);
			for (k = d[i].head; k < d[i].n; k++)
				free(d[i].q[k].data);
			free(d[i].q);
		}
	}
}

int
main(void)
{
	test_procedures();
	test_sscf();
	test_sscf_lossy();
	test_lossy();
	printf("lossy runs: %" PRIu64 " messages delivered, %" PRIu64 " PDUs (%" PRIu64
	       " lost), %" PRIu64 " connection resets indicated\n", tot_delivered, tot_pkts,
	       tot_lost, tot_resets);
	test_robust();
	return test_summary();
}
