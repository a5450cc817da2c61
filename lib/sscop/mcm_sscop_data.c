/* SPDX-License-Identifier: BSD-3-Clause
 * SSCOP data transfer (ITU-T Q.2110 (07/94)) in state 10, Data Transfer Ready: SD
 * transmission within credit and retransmission, the POLL/STAT/USTAT exchange, the receiver
 * buffer, credit (7.8) and the timers of the three phases (7.6). Page numbers "p N" are
 * those of the SDL sheets of 8.2 (see mcm_sscop_fsm.c).
 */
#include <stdlib.h>

#include "mcm_sscop_priv.h"

/* ---------- transmitter output (p 63..65) ---------- */

static void
send_poll(struct mcm_sscop *s)
{
	struct mcm_sscop_pdu p = {.type = MCM_SSCOP_POLL};

	/* p 63, 65: VT(PS) is incremented before each POLL; VT(PD) counts SDs since */
	s->vt_ps = seq(s->vt_ps + 1);
	p.nps = s->vt_ps;
	p.ns = s->vt_s;
	s->vt_pd = 0;
	sscop_emit(s, &p);
}

static void
send_sd(struct mcm_sscop *s, struct msg *m)
{
	struct mcm_sscop_pdu p = {.type = MCM_SSCOP_SD, .ns = m->sn, .info = m->data,
				  .info_len = m->len};

	m->ps = s->vt_ps;
	s->st.sd_out++;
	sscop_emit(s, &p);
}

/* ---------- phases of Data Transfer Ready (7.6 timers, p 63..65) ---------- */

static void
set_data_timers(struct mcm_sscop *s)
{
	/* "Set Data Transfer Timers" (p 77): active phase with Timer_POLL and NO-RESPONSE */
	timer_start(s, MCM_SSCOP_T_POLL, s->p.t_poll);
	timer_start(s, MCM_SSCOP_T_NORESP, s->p.t_noresp);
	timer_stop(s, MCM_SSCOP_T_KEEPALIVE);
	timer_stop(s, MCM_SSCOP_T_IDLE);
}

void
sscop_stop_data_timers(struct mcm_sscop *s)
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

/* An SD leaves: leave the idle or transient phase for the active phase (p 65). */
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
	/* p 65: a POLL after MaxPD SDs, and Timer_POLL restarts */
	if (s->vt_pd >= s->p.max_pd) {
		send_poll(s);
		timer_start(s, MCM_SSCOP_T_POLL, s->p.t_poll);
	}
}

/* Transmit what may be transmitted: retransmissions first, then new SDs within credit
 * (p 64, 7.8 credit). Only in Data Transfer Ready. */
void
sscop_try_send(struct mcm_sscop *s)
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
			/* 7.8: window closed, MAA-ERROR W once until credit returns */
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
		maa(s, 'X', 0); /* 7.8: credit obtained */
	}
}

void
sscop_enter_ready(struct mcm_sscop *s)
{
	set_data_timers(s);
	s->state = MCM_SSCOP_S_READY;
}

/* Initiate recovery on a protocol error in Data Transfer Ready (p 67): ER, state 7. */
static void
start_recovery(struct mcm_sscop *s, char code)
{
	maa(s, code, 0);
	sscop_stop_data_timers(s);
	s->vt_cc = 1;
	s->vt_sq++;
	sscop_init_vr_mr(s);
	/* "Prepare Recovery" (p 75): the receiver buffer and retransmissions are gone; messages
	 * never sent stay queued */
	sscop_clear_txbuf(s);
	sscop_clear_receiver(s);
	sscop_send_simple(s, MCM_SSCOP_ER, NULL, 0);
	timer_start(s, MCM_SSCOP_T_CC, s->p.t_cc);
	s->state = MCM_SSCOP_S_OUT_REC_PEND;
}

/* ---------- receiver: SD, POLL (p 66, 67) ---------- */

static void
rx_deliver_in_sequence(struct mcm_sscop *s, const uint8_t *d, size_t len, uint32_t sn)
{
	s->vr_r = seq(s->vr_r + 1);
	if (seq_lt(s->vr_h, s->vr_r))
		s->vr_h = s->vr_r;
	/* the credit slides with VR(R), never shrinks (7.8) */
	if (seq_lt(s->vr_mr, seq(s->vr_r + s->p.rx_window)))
		s->vr_mr = seq(s->vr_r + s->p.rx_window);
	up(s, MCM_SSCOP_AA_DATA_IND, d, len, sn);
}

/* SD in state 10 (p 66): in sequence, buffered, or outside the window. */
void
sscop_rx_sd(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	uint32_t d = rel(p->ns, s->vr_r), w = rel(s->vr_mr, s->vr_r);
	uint32_t h = rel(s->vr_h, s->vr_r);
	struct msg *m, **pp;

	s->st.sd_in++;
	if (d >= w) {
		/* p 66: outside the receive window: discard; if the peer went past VR(MR),
		 * report everything up to VR(MR) as missing once. A copy of an SD already
		 * delivered (below VR(R)) is only discarded. */
		if (d < SEQ_HALF && rel(s->vr_h, s->vr_r) < w) {
			struct mcm_sscop_pdu u = {.type = MCM_SSCOP_USTAT, .ul1 = s->vr_h,
						  .ul2 = s->vr_mr, .nmr = s->vr_mr,
						  .nr = s->vr_r};

			sscop_emit(s, &u);
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
		/* fills a gap; a second copy is a protocol error (p 66: MAA-ERROR Q) */
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
		/* p 66: a new gap is reported at once with USTAT */
		struct mcm_sscop_pdu u = {.type = MCM_SSCOP_USTAT, .ul1 = s->vr_h, .ul2 = p->ns,
					  .nmr = s->vr_mr, .nr = s->vr_r};

		sscop_emit(s, &u);
	}
	s->vr_h = seq(p->ns + 1);
}

/* Answer a POLL with one or more STATs listing the gaps below VR(H) (p 67). */
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
	/* 7.7: at most MaxSTAT elements per STAT; a list split over several STATs
	 * repeats the last element of one as the first of the next */
	off = 0;
	do {
		chunk = n - off;
		if (chunk > s->p.max_stat)
			chunk = s->p.max_stat;
		p.list = s->stat_list + off;
		p.list_len = chunk;
		sscop_emit(s, &p);
		if (off + chunk >= n)
			break;
		off += chunk - 1;
	} while (1);
}

/* POLL in state 10 (p 67): answered with STAT. */
void
sscop_rx_poll(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	uint32_t ns = rel(p->ns, s->vr_r), h = rel(s->vr_h, s->vr_r);
	uint32_t w = rel(s->vr_mr, s->vr_r);

	/* p 67: N(S) of a POLL below VR(H) means SDs the peer says it never sent: error Q */
	if (ns >= SEQ_HALF || ns < h) {
		start_recovery(s, 'Q');
		return;
	}
	s->vr_h = ns > w ? s->vr_mr : p->ns;
	send_stat(s, p->nps);
}

/* ---------- transmitter: STAT, USTAT (p 69, 70) ---------- */

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
 * the POLL the STAT answers (p 70). */
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

/* STAT in state 10 (p 70): acknowledgements, retransmissions, credit, the peer alive. */
void
sscop_rx_stat(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	uint32_t vs = rel(s->vt_s, s->vt_a), i, cnt = 0, prev;
	uint32_t d1 = rel(p->nps, s->vt_pa), d2 = rel(s->vt_ps, s->vt_pa);

	/* p 70: VT(PA) <= N(PS) <= VT(PS), else MAA-ERROR R */
	if (d2 >= SEQ_HALF || d1 > d2) {
		start_recovery(s, 'R');
		return;
	}
	/* p 70: VT(A) <= N(R) <= list elements (increasing) <= VT(S), else MAA-ERROR S */
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
	sscop_try_send(s);
	if (s->state != MCM_SSCOP_S_READY)
		return;
	if (running(s, MCM_SSCOP_T_POLL)) {
		/* p 70: active phase goes on; the peer is alive */
		timer_start(s, MCM_SSCOP_T_NORESP, s->p.t_noresp);
	} else if (running(s, MCM_SSCOP_T_KEEPALIVE)) {
		/* transient phase answered: idle phase, no NO-RESPONSE supervision */
		timer_stop(s, MCM_SSCOP_T_KEEPALIVE);
		timer_stop(s, MCM_SSCOP_T_NORESP);
		timer_start(s, MCM_SSCOP_T_IDLE, s->p.t_idle);
	}
}

/* USTAT in state 10 (p 69): one gap to retransmit now. */
void
sscop_rx_ustat(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	uint32_t vs = rel(s->vt_s, s->vt_a), cnt;
	uint32_t r = rel(p->nr, s->vt_a), a = rel(p->ul1, s->vt_a), b = rel(p->ul2, s->vt_a);

	/* p 69: VT(A) <= N(R) <= L1 < L2 <= VT(S), else MAA-ERROR T */
	if (r > vs || a > vs || b > vs || a < r || b <= a) {
		start_recovery(s, 'T');
		return;
	}
	release_acked(s, p->nr);
	cnt = retransmit_range(s, p->ul1, p->ul2, false, 0);
	if (cnt)
		maa(s, 'V', cnt);
	credit_update(s, p->nmr);
	sscop_try_send(s);
}

/* ---------- timer expiry in Data Transfer Ready (7.6, p 63) ---------- */

void
sscop_expire_data(struct mcm_sscop *s, enum mcm_sscop_timer t)
{
	switch (t) {
	case MCM_SSCOP_T_POLL:
		/* active phase; nothing outstanding: transient (p 76 "Set POLL Timer") */
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
		/* idle phase over, answer due within NO-RESPONSE */
		send_poll(s);
		timer_start(s, MCM_SSCOP_T_NORESP, s->p.t_noresp);
		timer_start(s, MCM_SSCOP_T_KEEPALIVE, s->p.t_keepalive);
		break;
	case MCM_SSCOP_T_NORESP:
		/* no STAT for Timer_NO-RESPONSE: the connection is lost */
		maa(s, 'P', 0);
		sscop_abort_conn(s);
		break;
	default:
		break;
	}
}
