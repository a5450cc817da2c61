/* SPDX-License-Identifier: BSD-3-Clause
 * Internals of the SSCOP instance (ITU-T Q.2110), shared by its source files only:
 *   mcm_sscop.c       instance, queues, PDU output, user signals (6.1), Timer_CC
 *   mcm_sscop_fsm.c   PDU input: the table of state x PDU of the SDL (8.2)
 *   mcm_sscop_data.c  data transfer in state 10: SD, POLL/STAT, USTAT, credit, its timers
 *
 * Sequence arithmetic is modulo 2^24, relative to VT(A) for the transmitter and VR(R) for
 * the receiver.
 */
#ifndef MCM_SSCOP_PRIV_H
#define MCM_SSCOP_PRIV_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_sscop.h"

#define SEQ_HALF 0x800000u
#define NEVER UINT64_MAX

struct msg {
	struct msg *next;    /* transmission queue / buffer, receiver buffer */
	struct msg *rq_next; /* retransmission queue */
	uint32_t sn;         /* N(S) once transmitted */
	uint32_t ps;         /* VT(PS) when last transmitted (7.4 state variables) */
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
	/* transmitter state variables (7.4) */
	uint32_t vt_s, vt_ps, vt_a, vt_pa, vt_ms, vt_pd, vt_cc;
	uint8_t vt_sq;
	/* receiver state variables (7.4) */
	uint32_t vr_r, vr_h, vr_mr;
	uint8_t vr_sq;
	bool peer_bgn_seen;  /* a BGN of the peer was accepted (VR(SQ) holds its N(SQ)) */
	bool clear_buffers;  /* BR of the last AA-ESTABLISH */
	bool credit_lacking; /* MAA-ERROR W given, X pending (7.8 credit) */
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

/* ---------- sequence numbers, signals, timers ---------- */

static inline uint32_t
seq(uint32_t x)
{
	return x & MCM_SSCOP_SEQ_MASK;
}

static inline uint32_t
rel(uint32_t x, uint32_t base)
{
	return (x - base) & MCM_SSCOP_SEQ_MASK;
}

/* a < b in the half-space sense (for VT(PS)/N(PS) and credit) */
static inline bool
seq_lt(uint32_t a, uint32_t b)
{
	uint32_t d = rel(b, a);

	return d != 0 && d < SEQ_HALF;
}

/* MAA-ERROR.indication (Annex A) */
static inline void
maa(struct mcm_sscop *s, char code, uint32_t count)
{
	s->st.maa_errors++;
	if (s->cb.maa_error)
		s->cb.maa_error(s->cb.arg, code, count);
}

static inline void
up(struct mcm_sscop *s, enum mcm_sscop_signal sig, const uint8_t *d, size_t len, uint32_t prm)
{
	s->cb.signal(s->cb.arg, sig, d, len, prm);
}

static inline void
timer_start(struct mcm_sscop *s, enum mcm_sscop_timer t, uint64_t dur)
{
	s->deadline[t] = s->now + dur;
}

static inline void
timer_stop(struct mcm_sscop *s, enum mcm_sscop_timer t)
{
	s->deadline[t] = NEVER;
}

static inline bool
running(const struct mcm_sscop *s, enum mcm_sscop_timer t)
{
	return s->deadline[t] != NEVER;
}

static inline void
stop_all_timers(struct mcm_sscop *s)
{
	int i;

	for (i = 0; i < MCM_SSCOP_T_NUM; i++)
		s->deadline[i] = NEVER;
}

/* ---------- message lists ---------- */

static inline void
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

static inline struct msg *
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

static inline void
mlist_free(struct mlist *l)
{
	struct msg *m;

	while ((m = mlist_pop(l)) != NULL)
		free(m);
}

static inline struct msg *
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

/* empty the retransmission queue (its messages stay in the transmission buffer) */
static inline void
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

/* ---------- mcm_sscop.c: buffers, PDU output, state changes ---------- */

void sscop_clear_transmitter(struct mcm_sscop *s);
void sscop_clear_txbuf(struct mcm_sscop *s);
void sscop_clear_receiver(struct mcm_sscop *s);
void sscop_init_state_vars(struct mcm_sscop *s);
void sscop_init_vr_mr(struct mcm_sscop *s);
void sscop_emit(struct mcm_sscop *s, struct mcm_sscop_pdu *pdu);
void sscop_send_simple(struct mcm_sscop *s, enum mcm_sscop_pdu_type t, const uint8_t *uu,
		       size_t len);
void sscop_send_end(struct mcm_sscop *s);
void sscop_send_end_sscop(struct mcm_sscop *s);
bool sscop_resend_cc(struct mcm_sscop *s);
void sscop_to_idle(struct mcm_sscop *s);
void sscop_release_ind(struct mcm_sscop *s, const uint8_t *uu, size_t len, bool by_sscop);
void sscop_abort_conn(struct mcm_sscop *s);

/* ---------- mcm_sscop_data.c: data transfer (state 10) ---------- */

void sscop_enter_ready(struct mcm_sscop *s);
void sscop_stop_data_timers(struct mcm_sscop *s);
void sscop_try_send(struct mcm_sscop *s);
void sscop_expire_data(struct mcm_sscop *s, enum mcm_sscop_timer t);
void sscop_rx_sd(struct mcm_sscop *s, const struct mcm_sscop_pdu *p);
void sscop_rx_poll(struct mcm_sscop *s, const struct mcm_sscop_pdu *p);
void sscop_rx_stat(struct mcm_sscop *s, const struct mcm_sscop_pdu *p);
void sscop_rx_ustat(struct mcm_sscop *s, const struct mcm_sscop_pdu *p);

#endif /* MCM_SSCOP_PRIV_H */
