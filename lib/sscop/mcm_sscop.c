/* SPDX-License-Identifier: BSD-3-Clause
 * SSCOP state machine, ITU-T Q.2110 (07/94): procedures and SDL.
 *
 * Comments name the Q.2110 procedure or SDL state a rule comes from. Sequence
 * arithmetic is modulo 2^24, relative to VT(A) for the transmitter and VR(R) for the
 * receiver.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_sscop.h"

#define SEQ_HALF 0x800000u
#define NEVER UINT64_MAX

struct msg {
	struct msg *next;    /* transmission queue / buffer, receiver buffer */
	struct msg *rq_next; /* retransmission queue */
	uint32_t sn;         /* N(S) once transmitted */
	uint32_t ps;         /* VT(PS) when last transmitted (state variables) */
	bool in_rq;
	uint32_t len;
	uint8_t data[];
};

struct mlist {
	struct msg *head, *tail;
	uint32_t n;
};

struct mcm_sscop {
	struct mcm_sscop_params p;
	struct mcm_sscop_cbs cb;
	enum mcm_sscop_state state;
	uint64_t now;
	uint64_t deadline[MCM_SSCOP_T_NUM];
	/* transmitter state variables, state variables */
	uint32_t vt_s, vt_ps, vt_a, vt_pa, vt_ms, vt_pd, vt_cc;
	uint8_t vt_sq;
	/* receiver state variables, state variables */
	uint32_t vr_r, vr_h, vr_mr;
	uint8_t vr_sq;
	bool peer_bgn_seen;  /* a BGN of the peer was accepted (VR(SQ) holds its N(SQ)) */
	bool clear_buffers;  /* BR of the last AA-ESTABLISH */
	bool credit_lacking; /* MAA-ERROR W given, X pending (credit procedure) */
	struct mlist txq;    /* transmission queue: not yet sent */
	struct mlist txbuf;  /* transmission buffer: sent, not acknowledged, by N(S) */
	struct msg *rq_head, *rq_tail; /* retransmission queue */
	struct mlist rxbuf;  /* receiver buffer: out of sequence SDs, by N(S) */
	uint8_t *uu;         /* SSCOP-UU of the BGN/END/RS to retransmit */
	size_t uu_len;
	bool end_sscop;      /* source of the END being retransmitted */
	uint32_t *stat_list; /* scratch for STAT generation */
	uint32_t stat_cap;
	uint8_t *pdu_buf;
	size_t pdu_cap;
	struct mcm_sscop_stats st;
};

/* ---------- helpers ---------- */

static uint32_t
seq(uint32_t x)
{
	return x & MCM_SSCOP_SEQ_MASK;
}

static uint32_t
rel(uint32_t x, uint32_t base)
{
	return (x - base) & MCM_SSCOP_SEQ_MASK;
}

/* a < b in the half-space sense (for VT(PS)/N(PS) and credit) */
static bool
seq_lt(uint32_t a, uint32_t b)
{
	uint32_t d = rel(b, a);

	return d != 0 && d < SEQ_HALF;
}

static void
maa(struct mcm_sscop *s, char code, uint32_t count)
{
	s->st.maa_errors++;
	if (s->cb.maa_error)
		s->cb.maa_error(s->cb.arg, code, count);
}

static void
up(struct mcm_sscop *s, enum mcm_sscop_signal sig, const uint8_t *d, size_t len, uint32_t prm)
{
	s->cb.signal(s->cb.arg, sig, d, len, prm);
}

static void
timer_start(struct mcm_sscop *s, enum mcm_sscop_timer t, uint64_t dur)
{
	s->deadline[t] = s->now + dur;
}

static void
timer_stop(struct mcm_sscop *s, enum mcm_sscop_timer t)
{
	s->deadline[t] = NEVER;
}

static bool
running(const struct mcm_sscop *s, enum mcm_sscop_timer t)
{
	return s->deadline[t] != NEVER;
}

static void
stop_all_timers(struct mcm_sscop *s)
{
	int i;

	for (i = 0; i < MCM_SSCOP_T_NUM; i++)
		s->deadline[i] = NEVER;
}

static void
mlist_push(struct mlist *l, struct msg *m)
{
	m->next = NULL;
	if (l->tail)
		l->tail->next = m;
	else
		l->head = m;
	l->tail = m;
	l->n++;
}

static struct msg *
mlist_pop(struct mlist *l)
{
	struct msg *m = l->head;

	if (m == NULL)
		return NULL;
	l->head = m->next;
	if (l->head == NULL)
		l->tail = NULL;
	l->n--;
	m->next = NULL;
	return m;
}

static void
mlist_free(struct mlist *l)
{
	struct msg *m;

	while ((m = mlist_pop(l)) != NULL)
		free(m);
}

static struct msg *
msg_new(const uint8_t *d, size_t len)
{
	struct msg *m = malloc(sizeof(*m) + len);

	if (m == NULL)
		return NULL;
	memset(m, 0, sizeof(*m));
	m->len = len;
	if (len)
		memcpy(m->data, d, len);
	return m;
}

static void
rq_clear(struct mcm_sscop *s)
{
	struct msg *m = s->rq_head;

	while (m) {
		struct msg *n = m->rq_next;

		m->in_rq = false;
		m->rq_next = NULL;
		m = n;
	}
	s->rq_head = s->rq_tail = NULL;
}

static void
rq_push(struct mcm_sscop *s, struct msg *m)
{
	m->in_rq = true;
	m->rq_next = NULL;
	if (s->rq_tail)
		s->rq_tail->rq_next = m;
	else
		s->rq_head = m;
	s->rq_tail = m;
}

static void
rq_remove(struct mcm_sscop *s, struct msg *m)
{
	struct msg **pp = &s->rq_head, *prev = NULL;

	while (*pp && *pp != m) {
		prev = *pp;
		pp = &(*pp)->rq_next;
	}
	if (*pp == NULL)
		return;
	*pp = m->rq_next;
	if (s->rq_tail == m)
		s->rq_tail = prev;
	m->in_rq = false;
	m->rq_next = NULL;
}

/* Clear Transmitter (SDL): transmission queue, buffer and retransmission queue. */
static void
clear_transmitter(struct mcm_sscop *s)
{
	rq_clear(s);
	mlist_free(&s->txq);
	mlist_free(&s->txbuf);
	s->credit_lacking = false;
}

/* Sent but unacknowledged SDs lose their meaning when sequence numbers restart. */
static void
clear_txbuf(struct mcm_sscop *s)
{
	rq_clear(s);
	mlist_free(&s->txbuf);
}

static void
clear_receiver(struct mcm_sscop *s)
{
	mlist_free(&s->rxbuf);
}

/* Initialize State Variables (SDL): VT(PA) starts at 1 so no STAT is valid before
 * the first POLL. */
static void
init_state_vars(struct mcm_sscop *s)
{
	clear_txbuf(s);
	clear_receiver(s);
	s->vt_s = s->vt_ps = s->vt_a = 0;
	s->vt_pa = 1;
	s->vt_pd = 0;
	s->credit_lacking = false;
	s->vr_r = s->vr_h = 0;
}

/* Initialize VR(MR) (SDL): the credit granted counts from the VR(R) the connection
 * starts with, which is 0. */
static void
init_vr_mr(struct mcm_sscop *s)
{
	s->vr_mr = seq(s->p.rx_window);
}

static int
save_uu(struct mcm_sscop *s, const uint8_t *uu, size_t len)
{
	uint8_t *n = NULL;

	if (len) {
		n = malloc(len);
		if (n == NULL)
			return -ENOMEM;
		memcpy(n, uu, len);
	}
	free(s->uu);
	s->uu = n;
	s->uu_len = len;
	return 0;
}

/* ---------- PDU output ---------- */

static void
emit(struct mcm_sscop *s, struct mcm_sscop_pdu *pdu)
{
	size_t n = mcm_sscop_pdu_encode(pdu, s->pdu_buf, s->pdu_cap);

	if (n == 0)
		return; /* cannot happen: pdu_cap covers max_sdu, max_uu and max_stat */
	s->st.pdus_out++;
	s->cb.send_pdu(s->cb.arg, s->pdu_buf, n);
}

static void
send_simple(struct mcm_sscop *s, enum mcm_sscop_pdu_type t, const uint8_t *uu, size_t len)
{
	struct mcm_sscop_pdu p = {.type = t, .info = uu, .info_len = len};

	p.nsq = s->vt_sq;
	p.nmr = s->vr_mr;
	emit(s, &p);
}

static void
send_bgn(struct mcm_sscop *s)
{
	send_simple(s, MCM_SSCOP_BGN, s->uu, s->uu_len);
}

static void
send_end(struct mcm_sscop *s)
{
	struct mcm_sscop_pdu p = {.type = MCM_SSCOP_END, .source_sscop = s->end_sscop};

	if (!s->end_sscop) {
		p.info = s->uu;
		p.info_len = s->uu_len;
	}
	emit(s, &p);
}

/* END sent by SSCOP itself (loss of connection), never retransmitted. */
static void
send_end_sscop(struct mcm_sscop *s)
{
	struct mcm_sscop_pdu p = {.type = MCM_SSCOP_END, .source_sscop = true};

	emit(s, &p);
}

static void
send_poll(struct mcm_sscop *s)
{
	struct mcm_sscop_pdu p = {.type = MCM_SSCOP_POLL};

	/* POLL/STAT procedure: VT(PS) is incremented before each POLL; VT(PD) counts SDs since */
	s->vt_ps = seq(s->vt_ps + 1);
	p.nps = s->vt_ps;
	p.ns = s->vt_s;
	s->vt_pd = 0;
	emit(s, &p);
}

static void
send_sd(struct mcm_sscop *s, struct msg *m)
{
	struct mcm_sscop_pdu p = {.type = MCM_SSCOP_SD, .ns = m->sn, .info = m->data,
				  .info_len = m->len};

	m->ps = s->vt_ps;
	s->st.sd_out++;
	emit(s, &p);
}

/* ---------- data transfer: timers and phases (POLL/STAT procedure, timers) ---------- */

static void
set_data_timers(struct mcm_sscop *s)
{
	/* Set Data Transfer Timers (SDL): active phase with Timer_POLL and NO-RESPONSE */
	timer_start(s, MCM_SSCOP_T_POLL, s->p.t_poll);
	timer_start(s, MCM_SSCOP_T_NORESP, s->p.t_noresp);
	timer_stop(s, MCM_SSCOP_T_KEEPALIVE);
	timer_stop(s, MCM_SSCOP_T_IDLE);
}

static void
stop_data_timers(struct mcm_sscop *s)
{
	timer_stop(s, MCM_SSCOP_T_POLL);
	timer_stop(s, MCM_SSCOP_T_NORESP);
	timer_stop(s, MCM_SSCOP_T_KEEPALIVE);
	timer_stop(s, MCM_SSCOP_T_IDLE);
}

static bool
outstanding(const struct mcm_sscop *s)
{
	return s->vt_a != s->vt_s || s->rq_head != NULL || s->txq.n != 0;
}

/* An SD leaves: leave the idle or transient phase for the active phase (POLL/STAT procedure). */
static void
sd_sent_phase(struct mcm_sscop *s)
{
	if (running(s, MCM_SSCOP_T_POLL))
		return;
	if (running(s, MCM_SSCOP_T_IDLE)) {
		timer_stop(s, MCM_SSCOP_T_IDLE);
		timer_start(s, MCM_SSCOP_T_NORESP, s->p.t_noresp);
	}
	timer_stop(s, MCM_SSCOP_T_KEEPALIVE);
	timer_start(s, MCM_SSCOP_T_POLL, s->p.t_poll);
}

static void
after_sd(struct mcm_sscop *s)
{
	s->vt_pd++;
	sd_sent_phase(s);
	/* POLL/STAT procedure: a POLL after MaxPD SDs, and Timer_POLL restarts */
	if (s->vt_pd >= s->p.max_pd) {
		send_poll(s);
		timer_start(s, MCM_SSCOP_T_POLL, s->p.t_poll);
	}
}

/* Transmit what may be transmitted: retransmissions first, then new SDs within credit
 * (credit procedure). Only in Data Transfer Ready. */
static void
try_send(struct mcm_sscop *s)
{
	while (s->state == MCM_SSCOP_S_READY) {
		struct msg *m = s->rq_head;

		if (m != NULL) {
			s->rq_head = m->rq_next;
			if (s->rq_head == NULL)
				s->rq_tail = NULL;
			m->in_rq = false;
			m->rq_next = NULL;
			s->st.sd_retx++;
			send_sd(s, m);
			after_sd(s);
			continue;
		}
		if (s->txq.n == 0)
			break;
		if (!seq_lt(s->vt_s, s->vt_ms)) {
			/* credit procedure: window closed, MAA-ERROR W once until credit returns */
			if (!s->credit_lacking) {
				s->credit_lacking = true;
				maa(s, 'W', 0);
			}
			break;
		}
		m = mlist_pop(&s->txq);
		m->sn = s->vt_s;
		mlist_push(&s->txbuf, m);
		s->vt_s = seq(s->vt_s + 1);
		send_sd(s, m);
		after_sd(s);
	}
}

static void
credit_update(struct mcm_sscop *s, uint32_t nmr)
{
	s->vt_ms = nmr;
	if (s->credit_lacking && seq_lt(s->vt_s, s->vt_ms)) {
		s->credit_lacking = false;
		maa(s, 'X', 0); /* credit procedure: credit obtained */
	}
}

/* ---------- state changes shared by many transitions ---------- */

/* Go to Idle after a release: timers stop, the receiver buffer goes, the transmitter
 * keeps its messages for AA-RETRIEVE (UD/MD and retrieval). */
static void
to_idle(struct mcm_sscop *s)
{
	stop_all_timers(s);
	clear_receiver(s);
	rq_clear(s);
	s->state = MCM_SSCOP_S_IDLE;
}

static void
release_ind(struct mcm_sscop *s, const uint8_t *uu, size_t len, bool by_sscop)
{
	to_idle(s);
	up(s, MCM_SSCOP_AA_RELEASE_IND, uu, len, by_sscop);
}

/* Loss of connection detected by SSCOP: END(S=SSCOP) and AA-RELEASE.ind (connection control). */
static void
abort_conn(struct mcm_sscop *s)
{
	send_end_sscop(s);
	release_ind(s, NULL, 0, true);
}

static bool
uu_ok(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if (p->info_len > s->p.max_uu) {
		s->st.discarded++;
		maa(s, 'U', 0);
		return false;
	}
	return true;
}

/* A BGN that is not a retransmission in an established-ish state: the peer started a
 * new connection (SDL, states 4..10). */
static void
new_bgn(struct mcm_sscop *s, const struct mcm_sscop_pdu *p, bool was_releasing)
{
	stop_all_timers(s);
	clear_receiver(s);
	rq_clear(s);
	s->vr_sq = p->nsq;
	s->peer_bgn_seen = true;
	s->vt_ms = p->nmr;
	s->state = MCM_SSCOP_S_IN_CONN_PEND;
	if (was_releasing)
		up(s, MCM_SSCOP_AA_RELEASE_CONF, NULL, 0, 0);
	else
		up(s, MCM_SSCOP_AA_RELEASE_IND, NULL, 0, 0); /* the peer's user restarted */
	if (s->state == MCM_SSCOP_S_IN_CONN_PEND)
		up(s, MCM_SSCOP_AA_ESTABLISH_IND, p->info, p->info_len, 0);
}

/* RS that is not a retransmission (SDL, states 7..10): resynchronization by the peer. */
static void
new_rs(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	stop_all_timers(s);
	s->vr_sq = p->nsq;
	s->vt_ms = p->nmr;
	/* resynchronization: resynchronization discards every message in transit */
	clear_transmitter(s);
	clear_receiver(s);
	s->state = MCM_SSCOP_S_IN_RESYNC_PEND;
	up(s, MCM_SSCOP_AA_RESYNC_IND, p->info, p->info_len, 0);
}

/* Initiate recovery on a protocol error in Data Transfer Ready (recovery procedure). */
static void
start_recovery(struct mcm_sscop *s, char code)
{
	maa(s, code, 0);
	stop_data_timers(s);
	s->vt_cc = 1;
	s->vt_sq++;
	init_vr_mr(s);
	/* Prepare Recovery: the receiver buffer and retransmissions are gone; messages
	 * never sent stay queued */
	clear_txbuf(s);
	clear_receiver(s);
	send_simple(s, MCM_SSCOP_ER, NULL, 0);
	timer_start(s, MCM_SSCOP_T_CC, s->p.t_cc);
	s->state = MCM_SSCOP_S_OUT_REC_PEND;
}

static void
enter_ready(struct mcm_sscop *s)
{
	set_data_timers(s);
	s->state = MCM_SSCOP_S_READY;
}

/* ---------- receiver: SD, POLL (SD procedure, POLL/STAT procedure) ---------- */

static void
rx_deliver_in_sequence(struct mcm_sscop *s, const uint8_t *d, size_t len, uint32_t sn)
{
	s->vr_r = seq(s->vr_r + 1);
	if (seq_lt(s->vr_h, s->vr_r))
		s->vr_h = s->vr_r;
	/* the credit slides with VR(R), never shrinks (credit procedure) */
	if (seq_lt(s->vr_mr, seq(s->vr_r + s->p.rx_window)))
		s->vr_mr = seq(s->vr_r + s->p.rx_window);
	up(s, MCM_SSCOP_AA_DATA_IND, d, len, sn);
}

static void
rx_sd(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	uint32_t d = rel(p->ns, s->vr_r), w = rel(s->vr_mr, s->vr_r);
	uint32_t h = rel(s->vr_h, s->vr_r);
	struct msg *m, **pp;

	s->st.sd_in++;
	if (d >= w) {
		/* SDL: outside the receive window: discard; if the peer went past VR(MR),
		 * report everything up to VR(MR) as missing once. A copy of an SD already
		 * delivered (below VR(R)) is only discarded. */
		if (d < SEQ_HALF && rel(s->vr_h, s->vr_r) < w) {
			struct mcm_sscop_pdu u = {.type = MCM_SSCOP_USTAT, .ul1 = s->vr_h,
						  .ul2 = s->vr_mr, .nmr = s->vr_mr,
						  .nr = s->vr_r};

			emit(s, &u);
			s->vr_h = s->vr_mr;
		}
		return;
	}
	if (d == 0) {
		rx_deliver_in_sequence(s, p->info, p->info_len, p->ns);
		/* then everything buffered that is now in sequence */
		while (s->state == MCM_SSCOP_S_READY && (m = s->rxbuf.head) != NULL &&
		       m->sn == s->vr_r) {
			mlist_pop(&s->rxbuf);
			rx_deliver_in_sequence(s, m->data, m->len, m->sn);
			free(m);
		}
		return;
	}
	if (d < h) {
		/* fills a gap; a second copy is a protocol error (SDL: MAA-ERROR Q) */
		for (pp = &s->rxbuf.head; *pp && rel((*pp)->sn, s->vr_r) < d; pp = &(*pp)->next)
			;
		if (*pp && (*pp)->sn == p->ns) {
			start_recovery(s, 'Q');
			return;
		}
		m = msg_new(p->info, p->info_len);
		if (m == NULL)
			return; /* dropped: the peer retransmits it after the next STAT */
		m->sn = p->ns;
		m->next = *pp;
		*pp = m;
		if (m->next == NULL)
			s->rxbuf.tail = m;
		s->rxbuf.n++;
		return;
	}
	m = msg_new(p->info, p->info_len);
	if (m == NULL)
		return;
	m->sn = p->ns;
	mlist_push(&s->rxbuf, m);
	if (d > h) {
		/* SD procedure: a new gap is reported at once with USTAT */
		struct mcm_sscop_pdu u = {.type = MCM_SSCOP_USTAT, .ul1 = s->vr_h, .ul2 = p->ns,
					  .nmr = s->vr_mr, .nr = s->vr_r};

		emit(s, &u);
	}
	s->vr_h = seq(p->ns + 1);
}

/* Answer a POLL with one or more STATs listing the gaps below VR(H) (POLL/STAT procedure). */
static void
send_stat(struct mcm_sscop *s, uint32_t nps)
{
	struct mcm_sscop_pdu p = {.type = MCM_SSCOP_STAT, .nps = nps, .nmr = s->vr_mr,
				  .nr = s->vr_r};
	uint32_t n = 0, cur = s->vr_r, off, chunk;
	struct msg *m = s->rxbuf.head;

	while (rel(cur, s->vr_r) < rel(s->vr_h, s->vr_r)) {
		if (m != NULL && m->sn == cur) {
			/* received run: skip it */
			while (m != NULL && m->sn == cur) {
				cur = seq(cur + 1);
				m = m->next;
			}
			continue;
		}
		/* gap from cur up to the next received SD, or to VR(H) */
		s->stat_list[n++] = cur;
		cur = m != NULL ? m->sn : s->vr_h;
		s->stat_list[n++] = cur;
	}
	/* POLL/STAT procedure: at most MaxSTAT elements per STAT; a list split over several STATs
	 * repeats the last element of one as the first of the next */
	off = 0;
	do {
		chunk = n - off;
		if (chunk > s->p.max_stat)
			chunk = s->p.max_stat;
		p.list = s->stat_list + off;
		p.list_len = chunk;
		emit(s, &p);
		if (off + chunk >= n)
			break;
		off += chunk - 1;
	} while (1);
}

static void
rx_poll(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	uint32_t ns = rel(p->ns, s->vr_r), h = rel(s->vr_h, s->vr_r);
	uint32_t w = rel(s->vr_mr, s->vr_r);

	/* SDL: N(S) of a POLL below VR(H) means SDs the peer says it never sent: error Q */
	if (ns >= SEQ_HALF || ns < h) {
		start_recovery(s, 'Q');
		return;
	}
	s->vr_h = ns > w ? s->vr_mr : p->ns;
	send_stat(s, p->nps);
}

/* ---------- transmitter: STAT, USTAT (POLL/STAT procedure) ---------- */

static void
release_acked(struct mcm_sscop *s, uint32_t nr)
{
	struct msg *m;

	while ((m = s->txbuf.head) != NULL && rel(m->sn, s->vt_a) < rel(nr, s->vt_a)) {
		mlist_pop(&s->txbuf);
		if (m->in_rq)
			rq_remove(s, m);
		free(m);
	}
	s->vt_a = nr;
}

/* SDs in [a, b) were received by the peer: release them from the buffer. */
static void
release_range(struct mcm_sscop *s, uint32_t a, uint32_t b)
{
	struct msg **pp = &s->txbuf.head, *prev = NULL, *m;

	while ((m = *pp) != NULL) {
		uint32_t r = rel(m->sn, s->vt_a);

		if (r >= rel(b, s->vt_a))
			break;
		if (r >= rel(a, s->vt_a)) {
			*pp = m->next;
			if (s->txbuf.tail == m)
				s->txbuf.tail = prev;
			s->txbuf.n--;
			if (m->in_rq)
				rq_remove(s, m);
			free(m);
			continue;
		}
		prev = m;
		pp = &m->next;
	}
}

/* Queue SDs in [a, b) for retransmission; with @p check_ps only those last sent before
 * the POLL the STAT answers (POLL/STAT procedure). */
static uint32_t
retransmit_range(struct mcm_sscop *s, uint32_t a, uint32_t b, bool check_ps, uint32_t nps)
{
	struct msg *m;
	uint32_t cnt = 0;

	for (m = s->txbuf.head; m != NULL; m = m->next) {
		uint32_t r = rel(m->sn, s->vt_a);

		if (r >= rel(b, s->vt_a))
			break;
		if (r < rel(a, s->vt_a) || m->in_rq)
			continue;
		if (check_ps && !seq_lt(m->ps, nps))
			continue;
		rq_push(s, m);
		cnt++;
	}
	return cnt;
}

static void
rx_stat(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	uint32_t vs = rel(s->vt_s, s->vt_a), i, cnt = 0, prev;
	uint32_t d1 = rel(p->nps, s->vt_pa), d2 = rel(s->vt_ps, s->vt_pa);

	/* SDL: VT(PA) <= N(PS) <= VT(PS), else MAA-ERROR R */
	if (d2 >= SEQ_HALF || d1 > d2) {
		start_recovery(s, 'R');
		return;
	}
	/* SDL: VT(A) <= N(R) <= list elements (increasing) <= VT(S), else MAA-ERROR S */
	if (rel(p->nr, s->vt_a) > vs) {
		start_recovery(s, 'S');
		return;
	}
	prev = rel(p->nr, s->vt_a);
	for (i = 0; i < p->list_len; i++) {
		uint32_t e = rel(mcm_sscop_pdu_list_get(p, i), s->vt_a);

		if (e > vs || e < prev || (i > 0 && e == prev)) {
			start_recovery(s, 'S');
			return;
		}
		prev = e;
	}
	release_acked(s, p->nr);
	for (i = 0; i + 1 < p->list_len; i += 2) {
		uint32_t a = mcm_sscop_pdu_list_get(p, i), b = mcm_sscop_pdu_list_get(p, i + 1);

		cnt += retransmit_range(s, a, b, true, p->nps);
		/* between this gap's end and the next gap's start the peer has the SDs */
		if (i + 2 < p->list_len)
			release_range(s, b, mcm_sscop_pdu_list_get(p, i + 2));
	}
	if (cnt)
		maa(s, 'V', cnt);
	s->vt_pa = p->nps;
	credit_update(s, p->nmr);
	try_send(s);
	if (s->state != MCM_SSCOP_S_READY)
		return;
	if (running(s, MCM_SSCOP_T_POLL)) {
		/* POLL/STAT procedure: active phase goes on; the peer is alive */
		timer_start(s, MCM_SSCOP_T_NORESP, s->p.t_noresp);
	} else if (running(s, MCM_SSCOP_T_KEEPALIVE)) {
		/* transient phase answered: idle phase, no NO-RESPONSE supervision */
		timer_stop(s, MCM_SSCOP_T_KEEPALIVE);
		timer_stop(s, MCM_SSCOP_T_NORESP);
		timer_start(s, MCM_SSCOP_T_IDLE, s->p.t_idle);
	}
}

static void
rx_ustat(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	uint32_t vs = rel(s->vt_s, s->vt_a), cnt;
	uint32_t r = rel(p->nr, s->vt_a), a = rel(p->ul1, s->vt_a), b = rel(p->ul2, s->vt_a);

	/* SDL: VT(A) <= N(R) <= L1 < L2 <= VT(S), else MAA-ERROR T */
	if (r > vs || a > vs || b > vs || a < r || b <= a) {
		start_recovery(s, 'T');
		return;
	}
	release_acked(s, p->nr);
	cnt = retransmit_range(s, p->ul1, p->ul2, false, 0);
	if (cnt)
		maa(s, 'V', cnt);
	credit_update(s, p->nmr);
	try_send(s);
}

/* ---------- PDU input per state (SDL) ---------- */

/* MAA-ERROR code of a PDU that is not expected in the current state (codes A..M). */
static void
maa_unexpected(struct mcm_sscop *s, enum mcm_sscop_pdu_type t)
{
	static const char code[16] = {
		0, 'B', 'C', 'E', 'F', 'J', 'K', 'D', 'A', 'L', 'G', 'H', 'I', 0, 0, 'M',
	};

	if (code[t & 0xf])
		maa(s, code[t & 0xf], 0);
}

static bool
is_retx(const struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	/* connection control: BGN, RS and ER whose N(SQ) equals VR(SQ) are retransmissions */
	return p->nsq == s->vr_sq;
}

static void
in_idle(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	switch (p->type) {
	case MCM_SSCOP_BGN:
		/* SDL state 1, "power-up robustness": a BGN is accepted whatever its N(SQ),
		 * so a peer that restarted with N(SQ) = 1 is not rejected */
		if (!uu_ok(s, p))
			return;
		s->vr_sq = p->nsq;
		s->peer_bgn_seen = true;
		s->vt_ms = p->nmr;
		s->state = MCM_SSCOP_S_IN_CONN_PEND;
		up(s, MCM_SSCOP_AA_ESTABLISH_IND, p->info, p->info_len, 0);
		return;
	case MCM_SSCOP_END:
		send_simple(s, MCM_SSCOP_ENDAK, NULL, 0);
		return;
	case MCM_SSCOP_ENDAK:
		return;
	case MCM_SSCOP_BGREJ:
		maa(s, 'D', 0);
		return;
	default:
		break;
	}
	/* SDL state 1: a PDU of a connection we do not have: MAA-ERROR and END */
	switch (p->type) {
	case MCM_SSCOP_SD: maa(s, 'A', 0); break;
	case MCM_SSCOP_BGAK: maa(s, 'C', 0); break;
	case MCM_SSCOP_POLL: maa(s, 'G', 0); break;
	case MCM_SSCOP_STAT: maa(s, 'H', 0); break;
	case MCM_SSCOP_USTAT: maa(s, 'I', 0); break;
	case MCM_SSCOP_RS: maa(s, 'J', 0); break;
	case MCM_SSCOP_RSAK: maa(s, 'K', 0); break;
	case MCM_SSCOP_ER: maa(s, 'L', 0); break;
	case MCM_SSCOP_ERAK: maa(s, 'M', 0); break;
	default: return;
	}
	send_end_sscop(s);
}

/*
 * Both ends asked for the same thing at once (BGN against BGN, RS against RS): take the
 * peer's sequence numbers, acknowledge its request with @p ack and enter Data Transfer
 * Ready; the caller confirms to its user.
 */
static void
collision_confirm(struct mcm_sscop *s, const struct mcm_sscop_pdu *p,
		  enum mcm_sscop_pdu_type ack)
{
	timer_stop(s, MCM_SSCOP_T_CC);
	s->vr_sq = p->nsq;
	if (p->type == MCM_SSCOP_BGN)
		s->peer_bgn_seen = true;
	s->vt_ms = p->nmr;
	send_simple(s, ack, NULL, 0);
	init_state_vars(s);
	enter_ready(s);
}

static void
in_out_conn(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	switch (p->type) {
	case MCM_SSCOP_BGAK:
		if (!uu_ok(s, p))
			return;
		timer_stop(s, MCM_SSCOP_T_CC);
		s->vt_ms = p->nmr;
		init_state_vars(s);
		enter_ready(s);
		up(s, MCM_SSCOP_AA_ESTABLISH_CONF, p->info, p->info_len, 0);
		try_send(s);
		return;
	case MCM_SSCOP_BGN:
		/*
		 * SDL state 2: N(SQ) = VR(SQ) marks a retransmission of a BGN already accepted
		 * (Q.2110 N(SQ) rules). Before any BGN of this peer was accepted there is none to
		 * retransmit: VR(SQ) is only its initial 0, and a peer that numbers every BGN
		 * with N(SQ) = 0 (pre-Q.2110 practice) would collide with ours and cost a
		 * Timer_CC retry. Such a BGN is taken as new.
		 */
		if ((s->peer_bgn_seen && is_retx(s, p)) || !uu_ok(s, p))
			return;
		/* SDL state 2: establishment collision, both sides confirm */
		collision_confirm(s, p, MCM_SSCOP_BGAK);
		up(s, MCM_SSCOP_AA_ESTABLISH_CONF, p->info, p->info_len, 0);
		try_send(s);
		return;
	case MCM_SSCOP_BGREJ:
		if (!uu_ok(s, p))
			return;
		release_ind(s, p->info, p->info_len, false);
		return;
	default:
		return; /* SDL state 2: everything else, END included, is ignored */
	}
}

/*
 * END, ENDAK and BGREJ where a connection exists or is being answered (SDL states 3 and
 * 5..10): END is acknowledged and released (if its UU fits); ENDAK and BGREJ are protocol
 * errors (MAA-ERROR F, D) that release the connection.
 */
static bool
peer_release(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	switch (p->type) {
	case MCM_SSCOP_END:
		if (uu_ok(s, p)) {
			send_simple(s, MCM_SSCOP_ENDAK, NULL, 0);
			release_ind(s, p->info, p->info_len, p->source_sscop);
		}
		return true;
	case MCM_SSCOP_ENDAK:
		maa(s, 'F', 0);
		release_ind(s, NULL, 0, true);
		return true;
	case MCM_SSCOP_BGREJ:
		maa(s, 'D', 0);
		release_ind(s, NULL, 0, true);
		return true;
	default:
		return false;
	}
}

static void
in_in_conn(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if (peer_release(s, p))
		return;
	switch (p->type) {
	case MCM_SSCOP_BGN:
		if (is_retx(s, p) || !uu_ok(s, p))
			return;
		/* SDL state 3: a new BGN replaces the one the user has not answered */
		s->vr_sq = p->nsq;
		s->peer_bgn_seen = true;
		s->vt_ms = p->nmr;
		up(s, MCM_SSCOP_AA_RELEASE_IND, NULL, 0, 0);
		if (s->state == MCM_SSCOP_S_IN_CONN_PEND)
			up(s, MCM_SSCOP_AA_ESTABLISH_IND, p->info, p->info_len, 0);
		return;
	default:
		maa_unexpected(s, p->type);
		return;
	}
}

static void
in_out_disc(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	switch (p->type) {
	case MCM_SSCOP_END:
		/* SDL state 4: release collision */
		send_simple(s, MCM_SSCOP_ENDAK, NULL, 0);
		/* fall through */
	case MCM_SSCOP_ENDAK:
	case MCM_SSCOP_BGREJ:
		to_idle(s);
		up(s, MCM_SSCOP_AA_RELEASE_CONF, NULL, 0, 0);
		return;
	case MCM_SSCOP_BGN:
		if (is_retx(s, p)) {
			/* SDL state 4: the peer missed our BGAK; answer it, then END again */
			send_simple(s, MCM_SSCOP_BGAK, NULL, 0);
			send_end(s);
			return;
		}
		if (uu_ok(s, p))
			new_bgn(s, p, true);
		return;
	default:
		return;
	}
}

/* Reactions common to states 5..9 for END, ENDAK, BGREJ and BGN (SDL). */
static bool
in_pending_common(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if (peer_release(s, p))
		return true;
	switch (p->type) {
	case MCM_SSCOP_BGN:
		if (is_retx(s, p))
			maa(s, 'B', 0); /* SDL states 6..9: the connection was confirmed */
		else if (uu_ok(s, p))
			new_bgn(s, p, false);
		return true;
	default:
		return false;
	}
}

static void
in_out_resync(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if (p->type == MCM_SSCOP_BGN && is_retx(s, p)) {
		/* SDL state 5: the peer missed our BGAK; answer it, then RS again */
		send_simple(s, MCM_SSCOP_BGAK, NULL, 0);
		send_simple(s, MCM_SSCOP_RS, s->uu, s->uu_len);
		return;
	}
	if (in_pending_common(s, p))
		return;
	switch (p->type) {
	case MCM_SSCOP_RSAK:
		timer_stop(s, MCM_SSCOP_T_CC);
		s->vt_ms = p->nmr;
		init_state_vars(s);
		enter_ready(s);
		up(s, MCM_SSCOP_AA_RESYNC_CONF, NULL, 0, 0);
		try_send(s);
		return;
	case MCM_SSCOP_RS:
		if (is_retx(s, p) || !uu_ok(s, p))
			return;
		/* SDL state 5: resynchronization collision, both sides confirm */
		collision_confirm(s, p, MCM_SSCOP_RSAK);
		up(s, MCM_SSCOP_AA_RESYNC_CONF, NULL, 0, 0);
		try_send(s);
		return;
	default:
		return;
	}
}

static void
in_in_resync(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if (in_pending_common(s, p))
		return;
	switch (p->type) {
	case MCM_SSCOP_RS:
		if (!is_retx(s, p)) {
			s->vr_sq = p->nsq;
			s->vt_ms = p->nmr;
		}
		return;
	case MCM_SSCOP_UD:
	case MCM_SSCOP_MD:
		return;
	default:
		maa_unexpected(s, p->type); /* SDL state 6: SD, POLL, STAT, USTAT, ... */
		return;
	}
}

static void
in_out_rec(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if (in_pending_common(s, p))
		return;
	switch (p->type) {
	case MCM_SSCOP_ERAK:
		timer_stop(s, MCM_SSCOP_T_CC);
		s->vt_ms = p->nmr;
		init_state_vars(s);
		s->state = MCM_SSCOP_S_REC_RESP_PEND;
		up(s, MCM_SSCOP_AA_RECOVER_IND, NULL, 0, 0);
		return;
	case MCM_SSCOP_ER:
		if (is_retx(s, p)) {
			maa(s, 'L', 0);
			return;
		}
		/* SDL state 7: recovery collision, both sides indicate */
		timer_stop(s, MCM_SSCOP_T_CC);
		s->vr_sq = p->nsq;
		s->vt_ms = p->nmr;
		send_simple(s, MCM_SSCOP_ERAK, NULL, 0);
		init_state_vars(s);
		s->state = MCM_SSCOP_S_REC_RESP_PEND;
		up(s, MCM_SSCOP_AA_RECOVER_IND, NULL, 0, 0);
		return;
	case MCM_SSCOP_RS:
		if (!is_retx(s, p) && uu_ok(s, p))
			new_rs(s, p); /* resynchronization overrides recovery */
		return;
	case MCM_SSCOP_BGAK:
	case MCM_SSCOP_RSAK:
		maa_unexpected(s, p->type);
		return;
	default:
		return; /* SDL state 7: SD, POLL, STAT, USTAT ignored */
	}
}

static void
in_rec_resp(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if (in_pending_common(s, p))
		return;
	switch (p->type) {
	case MCM_SSCOP_ER:
		if (is_retx(s, p))
			send_simple(s, MCM_SSCOP_ERAK, NULL, 0); /* our ERAK was lost */
		else
			maa(s, 'L', 0);
		return;
	case MCM_SSCOP_RS:
		if (!is_retx(s, p) && uu_ok(s, p))
			new_rs(s, p);
		return;
	case MCM_SSCOP_BGAK:
	case MCM_SSCOP_RSAK:
	case MCM_SSCOP_STAT:
	case MCM_SSCOP_USTAT:
		maa_unexpected(s, p->type);
		return;
	default:
		return; /* SDL state 8: SD, POLL, ERAK ignored */
	}
}

static void
in_in_rec(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if (in_pending_common(s, p))
		return;
	switch (p->type) {
	case MCM_SSCOP_ER:
		if (!is_retx(s, p))
			maa(s, 'L', 0);
		return;
	case MCM_SSCOP_RS:
		if (!is_retx(s, p) && uu_ok(s, p))
			new_rs(s, p);
		return;
	case MCM_SSCOP_UD:
	case MCM_SSCOP_MD:
		return;
	default:
		maa_unexpected(s, p->type); /* SDL state 9 */
		return;
	}
}

static void
in_ready(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if (peer_release(s, p))
		return;
	switch (p->type) {
	case MCM_SSCOP_SD:
		if (p->info_len > s->p.max_sdu) {
			s->st.discarded++;
			maa(s, 'U', 0);
			return;
		}
		rx_sd(s, p);
		return;
	case MCM_SSCOP_POLL:
		rx_poll(s, p);
		return;
	case MCM_SSCOP_STAT:
		rx_stat(s, p);
		return;
	case MCM_SSCOP_USTAT:
		rx_ustat(s, p);
		return;
	case MCM_SSCOP_BGN:
		if (is_retx(s, p)) {
			/* SDL state 10: our BGAK was lost; the peer is alive */
			if (running(s, MCM_SSCOP_T_NORESP))
				timer_start(s, MCM_SSCOP_T_NORESP, s->p.t_noresp);
			send_simple(s, MCM_SSCOP_BGAK, NULL, 0);
			return;
		}
		if (uu_ok(s, p))
			new_bgn(s, p, false);
		return;
	case MCM_SSCOP_RS:
		if (is_retx(s, p)) {
			send_simple(s, MCM_SSCOP_RSAK, NULL, 0);
			return;
		}
		if (uu_ok(s, p))
			new_rs(s, p);
		return;
	case MCM_SSCOP_ER:
		if (is_retx(s, p)) {
			if (running(s, MCM_SSCOP_T_NORESP))
				timer_start(s, MCM_SSCOP_T_NORESP, s->p.t_noresp);
			send_simple(s, MCM_SSCOP_ERAK, NULL, 0);
			return;
		}
		/* recovery procedure: recovery requested by the peer */
		stop_data_timers(s);
		s->vr_sq = p->nsq;
		s->vt_ms = p->nmr;
		clear_txbuf(s);
		clear_receiver(s);
		s->state = MCM_SSCOP_S_IN_REC_PEND;
		up(s, MCM_SSCOP_AA_RECOVER_IND, NULL, 0, 0);
		return;
	default:
		return; /* SDL state 10: BGAK, RSAK, ERAK (late answers) ignored */
	}
}

void
mcm_sscop_input(struct mcm_sscop *s, uint64_t now, const uint8_t *buf, size_t len)
{
	struct mcm_sscop_pdu p;

	s->now = now;
	s->st.pdus_in++;
	if (buf == NULL || mcm_sscop_pdu_decode(buf, len, &p) != MCM_SSCOP_DEC_OK) {
		/* 7.1: PDU length violation (or any other malformation): discard */
		s->st.discarded++;
		maa(s, 'U', 0);
		return;
	}
	/* UD/MD and retrieval: UD and MD are accepted in every state */
	if (p.type == MCM_SSCOP_UD || p.type == MCM_SSCOP_MD) {
		if (p.info_len > s->p.max_sdu) {
			s->st.discarded++;
			maa(s, 'U', 0);
			return;
		}
		up(s, p.type == MCM_SSCOP_UD ? MCM_SSCOP_AA_UNITDATA_IND :
		   MCM_SSCOP_MAA_UNITDATA_IND, p.info, p.info_len, 0);
		return;
	}
	switch (s->state) {
	case MCM_SSCOP_S_IDLE: in_idle(s, &p); break;
	case MCM_SSCOP_S_OUT_CONN_PEND: in_out_conn(s, &p); break;
	case MCM_SSCOP_S_IN_CONN_PEND: in_in_conn(s, &p); break;
	case MCM_SSCOP_S_OUT_DISC_PEND: in_out_disc(s, &p); break;
	case MCM_SSCOP_S_OUT_RESYNC_PEND: in_out_resync(s, &p); break;
	case MCM_SSCOP_S_IN_RESYNC_PEND: in_in_resync(s, &p); break;
	case MCM_SSCOP_S_OUT_REC_PEND: in_out_rec(s, &p); break;
	case MCM_SSCOP_S_REC_RESP_PEND: in_rec_resp(s, &p); break;
	case MCM_SSCOP_S_IN_REC_PEND: in_in_rec(s, &p); break;
	case MCM_SSCOP_S_READY: in_ready(s, &p); break;
	}
}

/* ---------- timer expiries (SDL) ---------- */

static void
expire_cc(struct mcm_sscop *s)
{
	if (s->vt_cc >= s->p.max_cc) {
		/* connection control: MaxCC transmissions without answer */
		maa(s, 'O', 0);
		if (s->state == MCM_SSCOP_S_OUT_DISC_PEND) {
			to_idle(s);
			up(s, MCM_SSCOP_AA_RELEASE_CONF, NULL, 0, 0);
		} else {
			abort_conn(s);
		}
		return;
	}
	s->vt_cc++;
	switch (s->state) {
	case MCM_SSCOP_S_OUT_CONN_PEND: send_bgn(s); break;
	case MCM_SSCOP_S_OUT_DISC_PEND: send_end(s); break;
	case MCM_SSCOP_S_OUT_RESYNC_PEND:
		send_simple(s, MCM_SSCOP_RS, s->uu, s->uu_len);
		break;
	case MCM_SSCOP_S_OUT_REC_PEND: send_simple(s, MCM_SSCOP_ER, NULL, 0); break;
	default: return;
	}
	timer_start(s, MCM_SSCOP_T_CC, s->p.t_cc);
}

static void
expire(struct mcm_sscop *s, enum mcm_sscop_timer t)
{
	timer_stop(s, t);
	if (t == MCM_SSCOP_T_CC) {
		expire_cc(s);
		return;
	}
	if (s->state != MCM_SSCOP_S_READY)
		return;
	switch (t) {
	case MCM_SSCOP_T_POLL:
		/* POLL/STAT procedure: active phase; nothing outstanding: transient */
		send_poll(s);
		if (outstanding(s))
			timer_start(s, MCM_SSCOP_T_POLL, s->p.t_poll);
		else
			timer_start(s, MCM_SSCOP_T_KEEPALIVE, s->p.t_keepalive);
		break;
	case MCM_SSCOP_T_KEEPALIVE:
		send_poll(s);
		timer_start(s, MCM_SSCOP_T_KEEPALIVE, s->p.t_keepalive);
		break;
	case MCM_SSCOP_T_IDLE:
		/* POLL/STAT procedure: idle phase over, answer due within NO-RESPONSE */
		send_poll(s);
		timer_start(s, MCM_SSCOP_T_NORESP, s->p.t_noresp);
		timer_start(s, MCM_SSCOP_T_KEEPALIVE, s->p.t_keepalive);
		break;
	case MCM_SSCOP_T_NORESP:
		/* POLL/STAT procedure: no STAT for Timer_NO-RESPONSE: the connection is lost */
		maa(s, 'P', 0);
		abort_conn(s);
		break;
	default:
		break;
	}
}

void
mcm_sscop_tick(struct mcm_sscop *s, uint64_t now)
{
	int guard;

	s->now = now;
	/* one expiry at a time, earliest first: an expiry may restart other timers */
	for (guard = 0; guard < 64; guard++) {
		int i, best = -1;

		for (i = 0; i < MCM_SSCOP_T_NUM; i++)
			if (s->deadline[i] <= now &&
			    (best < 0 || s->deadline[i] < s->deadline[best]))
				best = i;
		if (best < 0)
			return;
		expire(s, best);
	}
}

uint64_t
mcm_sscop_next_deadline(const struct mcm_sscop *s)
{
	uint64_t d = NEVER;
	int i;

	for (i = 0; i < MCM_SSCOP_T_NUM; i++)
		if (s->deadline[i] < d)
			d = s->deadline[i];
	return d;
}

/* ---------- user signals (6.1, SDL) ---------- */

/* States as a bit set, for the checks of user requests */
#define STATES(...) state_bits((const enum mcm_sscop_state[]){ __VA_ARGS__, 0 })

static uint32_t
state_bits(const enum mcm_sscop_state *st)
{
	uint32_t bits = 0;

	for (; *st != 0; st++)
		bits |= 1u << *st;
	return bits;
}

/*
 * The checks every user request with data makes: the data itself, its size against the
 * parameter that bounds it (k or j), and the states where Q.2110 accepts the signal.
 */
static int
req_check(const struct mcm_sscop *s, const uint8_t *d, size_t len, size_t max,
	  uint32_t states)
{
	if (len && d == NULL)
		return -EINVAL;
	if (len > max)
		return -EMSGSIZE;
	if (!(states & (1u << s->state)))
		return -EPROTO;
	return 0;
}

int
mcm_sscop_establish_req(struct mcm_sscop *s, uint64_t now, const uint8_t *uu, size_t len,
			bool br)
{
	int rc = req_check(s, uu, len, s->p.max_uu,
			   STATES(MCM_SSCOP_S_IDLE, MCM_SSCOP_S_OUT_DISC_PEND));

	if (rc != 0)
		return rc;
	s->now = now;
	if (save_uu(s, uu, len))
		return -ENOMEM;
	stop_all_timers(s);
	s->clear_buffers = br;
	if (br)
		clear_transmitter(s);
	else
		clear_txbuf(s);
	s->vt_cc = 1;
	s->vt_sq++;
	init_vr_mr(s);
	send_bgn(s);
	timer_start(s, MCM_SSCOP_T_CC, s->p.t_cc);
	s->state = MCM_SSCOP_S_OUT_CONN_PEND;
	return 0;
}

int
mcm_sscop_establish_resp(struct mcm_sscop *s, uint64_t now, const uint8_t *uu, size_t len,
			 bool br)
{
	int rc = req_check(s, uu, len, s->p.max_uu, STATES(MCM_SSCOP_S_IN_CONN_PEND));

	if (rc != 0)
		return rc;
	s->now = now;
	s->clear_buffers = br;
	if (br)
		clear_transmitter(s);
	init_vr_mr(s);
	send_simple(s, MCM_SSCOP_BGAK, uu, len);
	init_state_vars(s);
	enter_ready(s);
	try_send(s);
	return 0;
}

int
mcm_sscop_release_req(struct mcm_sscop *s, uint64_t now, const uint8_t *uu, size_t len)
{
	int rc = req_check(s, uu, len, s->p.max_uu,
			   ~STATES(MCM_SSCOP_S_IDLE, MCM_SSCOP_S_OUT_DISC_PEND));

	if (rc != 0)
		return rc;
	s->now = now;
	switch (s->state) {
	case MCM_SSCOP_S_IN_CONN_PEND:
		/* SDL state 3: rejection */
		send_simple(s, MCM_SSCOP_BGREJ, uu, len);
		to_idle(s);
		return 0;
	default:
		break;
	}
	if (save_uu(s, uu, len))
		return -ENOMEM;
	stop_all_timers(s);
	clear_receiver(s);
	rq_clear(s);
	s->vt_cc = 1;
	s->end_sscop = false;
	send_end(s);
	timer_start(s, MCM_SSCOP_T_CC, s->p.t_cc);
	s->state = MCM_SSCOP_S_OUT_DISC_PEND;
	return 0;
}

int
mcm_sscop_data_req(struct mcm_sscop *s, uint64_t now, const uint8_t *data, size_t len)
{
	struct msg *m;
	int rc = req_check(s, data, len, s->p.max_sdu,
			   STATES(MCM_SSCOP_S_READY, MCM_SSCOP_S_OUT_RESYNC_PEND,
				  MCM_SSCOP_S_OUT_REC_PEND, MCM_SSCOP_S_REC_RESP_PEND,
				  MCM_SSCOP_S_IN_REC_PEND));

	if (rc != 0)
		return rc;
	if (s->txq.n >= s->p.max_queue)
		return -ENOBUFS;
	m = msg_new(data, len);
	if (m == NULL)
		return -ENOMEM;
	s->now = now;
	mlist_push(&s->txq, m);
	try_send(s);
	return 0;
}

static int
unitdata(struct mcm_sscop *s, uint64_t now, enum mcm_sscop_pdu_type t, const uint8_t *d,
	 size_t len)
{
	/* UD and MD are sent in any state (Q.2110 unassured and management data) */
	int rc = req_check(s, d, len, s->p.max_sdu, UINT32_MAX);

	if (rc != 0)
		return rc;
	s->now = now;
	send_simple(s, t, d, len);
	return 0;
}

int
mcm_sscop_unitdata_req(struct mcm_sscop *s, uint64_t now, const uint8_t *d, size_t len)
{
	return unitdata(s, now, MCM_SSCOP_UD, d, len);
}

int
mcm_sscop_maa_unitdata_req(struct mcm_sscop *s, uint64_t now, const uint8_t *d, size_t len)
{
	return unitdata(s, now, MCM_SSCOP_MD, d, len);
}

int
mcm_sscop_resync_req(struct mcm_sscop *s, uint64_t now, const uint8_t *uu, size_t len)
{
	int rc = req_check(s, uu, len, s->p.max_uu,
			   STATES(MCM_SSCOP_S_READY, MCM_SSCOP_S_OUT_REC_PEND,
				  MCM_SSCOP_S_REC_RESP_PEND, MCM_SSCOP_S_IN_REC_PEND));

	if (rc != 0)
		return rc;
	if (save_uu(s, uu, len))
		return -ENOMEM;
	s->now = now;
	stop_all_timers(s);
	s->vt_cc = 1;
	s->vt_sq++;
	init_vr_mr(s);
	/* resynchronization: resynchronization discards the messages in transit both ways */
	clear_transmitter(s);
	clear_receiver(s);
	send_simple(s, MCM_SSCOP_RS, s->uu, s->uu_len);
	timer_start(s, MCM_SSCOP_T_CC, s->p.t_cc);
	s->state = MCM_SSCOP_S_OUT_RESYNC_PEND;
	return 0;
}

int
mcm_sscop_resync_resp(struct mcm_sscop *s, uint64_t now)
{
	if (s->state != MCM_SSCOP_S_IN_RESYNC_PEND)
		return -EPROTO;
	s->now = now;
	init_vr_mr(s);
	send_simple(s, MCM_SSCOP_RSAK, NULL, 0);
	init_state_vars(s);
	enter_ready(s);
	try_send(s);
	return 0;
}

int
mcm_sscop_recover_resp(struct mcm_sscop *s, uint64_t now)
{
	s->now = now;
	switch (s->state) {
	case MCM_SSCOP_S_REC_RESP_PEND:
		/* SDL state 8: state variables were initialized with the ERAK */
		enter_ready(s);
		break;
	case MCM_SSCOP_S_IN_REC_PEND:
		init_vr_mr(s);
		send_simple(s, MCM_SSCOP_ERAK, NULL, 0);
		init_state_vars(s);
		enter_ready(s);
		break;
	default:
		return -EPROTO;
	}
	try_send(s);
	return 0;
}

int
mcm_sscop_retrieve_req(struct mcm_sscop *s, uint64_t now, uint32_t rn)
{
	struct msg *m;

	if (s->state != MCM_SSCOP_S_IDLE)
		return -EPROTO;
	s->now = now;
	/* data retrieval: unacknowledged SDs from RN on, then those never sent */
	if (rn != MCM_SSCOP_RN_UNKNOWN) {
		while ((m = mlist_pop(&s->txbuf)) != NULL) {
			if (rn == MCM_SSCOP_RN_TOTAL ||
			    rel(m->sn, s->vt_a) >= rel(seq(rn), s->vt_a))
				up(s, MCM_SSCOP_AA_RETRIEVE_IND, m->data, m->len, m->sn);
			free(m);
			if (s->state != MCM_SSCOP_S_IDLE)
				goto done;
		}
	}
	while ((m = mlist_pop(&s->txq)) != NULL) {
		up(s, MCM_SSCOP_AA_RETRIEVE_IND, m->data, m->len, MCM_SSCOP_RN_UNKNOWN);
		free(m);
		if (s->state != MCM_SSCOP_S_IDLE)
			goto done;
	}
done:
	up(s, MCM_SSCOP_AA_RETRIEVE_COMPLETE_IND, NULL, 0, 0);
	return 0;
}

/* ---------- instance ---------- */

void
mcm_sscop_params_default(struct mcm_sscop_params *p)
{
	memset(p, 0, sizeof(*p));
	p->max_cc = 4;
	p->max_pd = 25;
	p->max_stat = 67;
	p->rx_window = 128;
	p->max_sdu = 4096;
	p->max_uu = 4096;
	p->max_queue = 1024;
	p->t_cc = 1000000000ull;
	p->t_poll = 750000000ull;
	p->t_noresp = 7000000000ull;
	p->t_keepalive = 2000000000ull;
	p->t_idle = 15000000000ull;
}

struct mcm_sscop *
mcm_sscop_create(const struct mcm_sscop_params *pp, const struct mcm_sscop_cbs *cbs)
{
	struct mcm_sscop_params def;
	struct mcm_sscop *s;
	size_t big;

	if (pp == NULL) {
		mcm_sscop_params_default(&def);
		pp = &def;
	}
	if (cbs == NULL || cbs->send_pdu == NULL || cbs->signal == NULL)
		return NULL;
	/* MaxSTAT odd so a split list keeps its pairs (POLL/STAT procedure); window below 2^23 */
	if (pp->max_cc == 0 || pp->max_pd == 0 || pp->max_stat < 3 || !(pp->max_stat & 1) ||
	    pp->max_stat > 0x10000 || pp->rx_window == 0 || pp->rx_window > 0x100000 ||
	    pp->max_sdu > 0x1000000 || pp->max_uu > 0x1000000 || pp->max_queue == 0 ||
	    !pp->t_cc || !pp->t_poll || !pp->t_noresp || !pp->t_keepalive || !pp->t_idle)
		return NULL;
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return NULL;
	s->p = *pp;
	s->cb = *cbs;
	s->state = MCM_SSCOP_S_IDLE;
	stop_all_timers(s);
	s->vt_pa = 1;
	s->stat_cap = 2 * pp->rx_window + 2;
	s->stat_list = malloc(sizeof(uint32_t) * s->stat_cap);
	big = pp->max_sdu > pp->max_uu ? pp->max_sdu : pp->max_uu;
	if (4 * (size_t)pp->max_stat > big)
		big = 4 * (size_t)pp->max_stat;
	s->pdu_cap = big + 3 + 16;
	s->pdu_buf = malloc(s->pdu_cap);
	if (s->stat_list == NULL || s->pdu_buf == NULL) {
		mcm_sscop_destroy(s);
		return NULL;
	}
	return s;
}

void
mcm_sscop_destroy(struct mcm_sscop *s)
{
	if (s == NULL)
		return;
	clear_transmitter(s);
	clear_receiver(s);
	free(s->uu);
	free(s->stat_list);
	free(s->pdu_buf);
	free(s);
}

enum mcm_sscop_state
mcm_sscop_state(const struct mcm_sscop *s)
{
	return s->state;
}

const char *
mcm_sscop_state_name(enum mcm_sscop_state st)
{
	static const char *const n[] = {
		"?", "IDLE", "OUT_CONN_PEND", "IN_CONN_PEND", "OUT_DISC_PEND",
		"OUT_RESYNC_PEND", "IN_RESYNC_PEND", "OUT_REC_PEND", "REC_RESP_PEND",
		"IN_REC_PEND", "READY",
	};

	return (unsigned int)st <= MCM_SSCOP_S_READY ? n[st] : "?";
}

const char *
mcm_sscop_signal_name(enum mcm_sscop_signal sig)
{
	static const char *const n[] = {
		"AA-ESTABLISH.ind", "AA-ESTABLISH.conf", "AA-RELEASE.ind", "AA-RELEASE.conf",
		"AA-DATA.ind", "AA-RESYNC.ind", "AA-RESYNC.conf", "AA-RECOVER.ind",
		"AA-UNITDATA.ind", "MAA-UNITDATA.ind", "AA-RETRIEVE.ind",
		"AA-RETRIEVE_COMPLETE.ind",
	};

	return (unsigned int)sig <= MCM_SSCOP_AA_RETRIEVE_COMPLETE_IND ? n[sig] : "?";
}

bool
mcm_sscop_timer_running(const struct mcm_sscop *s, enum mcm_sscop_timer t)
{
	return t < MCM_SSCOP_T_NUM && running(s, t);
}

void
mcm_sscop_queue_lens(const struct mcm_sscop *s, uint32_t *txq, uint32_t *txbuf,
		     uint32_t *rxbuf)
{
	if (txq)
		*txq = s->txq.n;
	if (txbuf)
		*txbuf = s->txbuf.n;
	if (rxbuf)
		*rxbuf = s->rxbuf.n;
}

void
mcm_sscop_get_stats(const struct mcm_sscop *s, struct mcm_sscop_stats *st)
{
	*st = s->st;
}

static size_t
mlist_bytes(const struct mlist *l)
{
	const struct msg *m;
	size_t n = 0;

	for (m = l->head; m != NULL; m = m->next)
		n += sizeof(*m) + m->len;
	return n;
}

size_t
mcm_sscop_memory(const struct mcm_sscop *s)
{
	return sizeof(*s) + s->stat_cap * sizeof(uint32_t) + s->pdu_cap + s->uu_len +
	       mlist_bytes(&s->txq) + mlist_bytes(&s->txbuf) + mlist_bytes(&s->rxbuf);
}
