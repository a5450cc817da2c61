/* SPDX-License-Identifier: BSD-3-Clause
 * SSCOP instance (ITU-T Q.2110 (07/94)): buffers and state variables, PDU output, the
 * user signals of 6.1 with the transitions they cause in each state, Timer_CC, and the
 * instance itself. PDU input per state is mcm_sscop_fsm.c, data transfer in state 10 is
 * mcm_sscop_data.c. Page numbers "p N" are those of the SDL sheets of 8.2 (see
 * mcm_sscop_fsm.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_sscop_priv.h"

/* ---------- buffers and state variables (p 75..77) ---------- */

/* "Clear Transmitter" (p 75): transmission queue, buffer and retransmission queue. */
void
sscop_clear_transmitter(struct mcm_sscop *s)
{
	rq_clear(s);
	mlist_free(&s->txq);
	mlist_free(&s->txbuf);
	s->credit_lacking = false;
}

/* Sent but unacknowledged SDs lose their meaning when sequence numbers restart. */
void
sscop_clear_txbuf(struct mcm_sscop *s)
{
	rq_clear(s);
	mlist_free(&s->txbuf);
}

void
sscop_clear_receiver(struct mcm_sscop *s)
{
	mlist_free(&s->rxbuf);
}

/* "Initialize State Variables" (p 75): VT(PA) starts at 1 so no STAT is valid before
 * the first POLL. */
void
sscop_init_state_vars(struct mcm_sscop *s)
{
	sscop_clear_txbuf(s);
	sscop_clear_receiver(s);
	s->vt_s = s->vt_ps = s->vt_a = 0;
	s->vt_pa = 1;
	s->vt_pd = 0;
	s->credit_lacking = false;
	s->vr_r = s->vr_h = 0;
}

/* "Initialize VR(MR)" (p 77): the credit granted counts from the VR(R) the connection
 * starts with, which is 0. */
void
sscop_init_vr_mr(struct mcm_sscop *s)
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

void
sscop_emit(struct mcm_sscop *s, struct mcm_sscop_pdu *pdu)
{
	size_t n = mcm_sscop_pdu_encode(pdu, s->pdu_buf, s->pdu_cap);

	if (n == 0)
		return; /* cannot happen: pdu_cap covers max_sdu, max_uu and max_stat */
	s->st.pdus_out++;
	s->cb.send_pdu(s->cb.arg, s->pdu_buf, n);
}

void
sscop_send_simple(struct mcm_sscop *s, enum mcm_sscop_pdu_type t, const uint8_t *uu, size_t len)
{
	struct mcm_sscop_pdu p = {.type = t, .info = uu, .info_len = len};

	p.nsq = s->vt_sq;
	p.nmr = s->vr_mr;
	sscop_emit(s, &p);
}

static void
send_bgn(struct mcm_sscop *s)
{
	sscop_send_simple(s, MCM_SSCOP_BGN, s->uu, s->uu_len);
}

void
sscop_send_end(struct mcm_sscop *s)
{
	struct mcm_sscop_pdu p = {.type = MCM_SSCOP_END, .source_sscop = s->end_sscop};

	if (!s->end_sscop) {
		p.info = s->uu;
		p.info_len = s->uu_len;
	}
	sscop_emit(s, &p);
}

/* END sent by SSCOP itself (loss of connection), never retransmitted. */
void
sscop_send_end_sscop(struct mcm_sscop *s)
{
	struct mcm_sscop_pdu p = {.type = MCM_SSCOP_END, .source_sscop = true};

	sscop_emit(s, &p);
}

/* Send again the connection control PDU the state waits an answer to: BGN (state 2), END
 * (4), RS (5) or ER (7); on Timer_CC expiry (p 35, 41, 44, 50) and when the peer missed
 * our BGAK (p 42, 43). */
bool
sscop_resend_cc(struct mcm_sscop *s)
{
	switch (s->state) {
	case MCM_SSCOP_S_OUT_CONN_PEND: send_bgn(s); return true;
	case MCM_SSCOP_S_OUT_DISC_PEND: sscop_send_end(s); return true;
	case MCM_SSCOP_S_OUT_RESYNC_PEND:
		sscop_send_simple(s, MCM_SSCOP_RS, s->uu, s->uu_len);
		return true;
	case MCM_SSCOP_S_OUT_REC_PEND: sscop_send_simple(s, MCM_SSCOP_ER, NULL, 0); return true;
	default: return false;
	}
}

/* ---------- state changes shared by many transitions ---------- */

/* Go to Idle after a release: timers stop, the receiver buffer goes, the transmitter
 * keeps its messages for AA-RETRIEVE ("Data Retrieval", p 76). */
void
sscop_to_idle(struct mcm_sscop *s)
{
	stop_all_timers(s);
	sscop_clear_receiver(s);
	rq_clear(s);
	s->state = MCM_SSCOP_S_IDLE;
}

void
sscop_release_ind(struct mcm_sscop *s, const uint8_t *uu, size_t len, bool by_sscop)
{
	sscop_to_idle(s);
	up(s, MCM_SSCOP_AA_RELEASE_IND, uu, len, by_sscop);
}

/* Loss of connection detected by SSCOP (MaxCC, NO-RESPONSE): END (S = SSCOP) and
 * AA-RELEASE.indication, source SSCOP (p 35, 44, 50, 63). */
void
sscop_abort_conn(struct mcm_sscop *s)
{
	sscop_send_end_sscop(s);
	sscop_release_ind(s, NULL, 0, true);
}

/* ---------- timer expiries (7.6) ---------- */

static void
expire_cc(struct mcm_sscop *s)
{
	if (s->vt_cc >= s->p.max_cc) {
		/* MaxCC transmissions without answer (7.7); state 4 releases all the same */
		maa(s, 'O', 0);
		if (s->state == MCM_SSCOP_S_OUT_DISC_PEND) {
			sscop_to_idle(s);
			up(s, MCM_SSCOP_AA_RELEASE_CONF, NULL, 0, 0);
		} else {
			sscop_abort_conn(s);
		}
		return;
	}
	s->vt_cc++;
	if (sscop_resend_cc(s))
		timer_start(s, MCM_SSCOP_T_CC, s->p.t_cc);
}

static void
expire(struct mcm_sscop *s, enum mcm_sscop_timer t)
{
	timer_stop(s, t);
	if (t == MCM_SSCOP_T_CC)
		expire_cc(s);
	else if (s->state == MCM_SSCOP_S_READY)
		sscop_expire_data(s, t);
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

/* ---------- user signals (6.1) and the transitions they cause (8.2) ---------- */

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

/* The user's answer to the peer's BGN, RS or ER (p 37, 46, 56): our credit starts, the
 * acknowledgement goes, state variables start again, Data Transfer Ready. */
static void
accept_ready(struct mcm_sscop *s, enum mcm_sscop_pdu_type ack, const uint8_t *uu, size_t len)
{
	sscop_init_vr_mr(s);
	sscop_send_simple(s, ack, uu, len);
	sscop_init_state_vars(s);
	sscop_enter_ready(s);
}

/* AA-ESTABLISH.request: state 1 (p 31) or 4 (p 40), BGN, state 2. */
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
		sscop_clear_transmitter(s);
	else
		sscop_clear_txbuf(s);
	s->vt_cc = 1;
	s->vt_sq++;
	sscop_init_vr_mr(s);
	send_bgn(s);
	timer_start(s, MCM_SSCOP_T_CC, s->p.t_cc);
	s->state = MCM_SSCOP_S_OUT_CONN_PEND;
	return 0;
}

/* AA-ESTABLISH.response: state 3 (p 37), BGAK, state 10. */
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
		sscop_clear_transmitter(s);
	accept_ready(s, MCM_SSCOP_BGAK, uu, len);
	sscop_try_send(s);
	return 0;
}

/* AA-RELEASE.request: BGREJ in state 3 (p 37); elsewhere END and state 4 (p 35, 44, 46,
 * 50, 54, 56, 60). */
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
		/* state 3 (p 37): rejection */
		sscop_send_simple(s, MCM_SSCOP_BGREJ, uu, len);
		sscop_to_idle(s);
		return 0;
	default:
		break;
	}
	if (save_uu(s, uu, len))
		return -ENOMEM;
	stop_all_timers(s);
	sscop_clear_receiver(s);
	rq_clear(s);
	s->vt_cc = 1;
	s->end_sscop = false;
	sscop_send_end(s);
	timer_start(s, MCM_SSCOP_T_CC, s->p.t_cc);
	s->state = MCM_SSCOP_S_OUT_DISC_PEND;
	return 0;
}

/* AA-DATA.request: state 10 (p 63), and queued for after a resynchronization or
 * recovery in states 5, 7, 8 and 9 (p 49). */
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
	sscop_try_send(s);
	return 0;
}

static int
unitdata(struct mcm_sscop *s, uint64_t now, enum mcm_sscop_pdu_type t, const uint8_t *d,
	 size_t len)
{
	/* AA-UNITDATA and MAA-UNITDATA.request: UD and MD are sent in any state (p 73) */
	int rc = req_check(s, d, len, s->p.max_sdu, UINT32_MAX);

	if (rc != 0)
		return rc;
	s->now = now;
	sscop_send_simple(s, t, d, len);
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

/* AA-RESYNC.request: states 7, 8, 9 and 10 (p 51, 54, 56, 60), RS, state 5. */
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
	sscop_init_vr_mr(s);
	/* resynchronization discards the messages in transit both ways */
	sscop_clear_transmitter(s);
	sscop_clear_receiver(s);
	sscop_send_simple(s, MCM_SSCOP_RS, s->uu, s->uu_len);
	timer_start(s, MCM_SSCOP_T_CC, s->p.t_cc);
	s->state = MCM_SSCOP_S_OUT_RESYNC_PEND;
	return 0;
}

/* AA-RESYNC.response: state 6 (p 46), RSAK, state 10. */
int
mcm_sscop_resync_resp(struct mcm_sscop *s, uint64_t now)
{
	if (s->state != MCM_SSCOP_S_IN_RESYNC_PEND)
		return -EPROTO;
	s->now = now;
	accept_ready(s, MCM_SSCOP_RSAK, NULL, 0);
	sscop_try_send(s);
	return 0;
}

/* AA-RECOVER.response: state 8 (p 54) or 9 (p 56, ERAK), state 10. */
int
mcm_sscop_recover_resp(struct mcm_sscop *s, uint64_t now)
{
	s->now = now;
	switch (s->state) {
	case MCM_SSCOP_S_REC_RESP_PEND:
		/* state 8: state variables were initialized with the ERAK */
		sscop_enter_ready(s);
		break;
	case MCM_SSCOP_S_IN_REC_PEND:
		accept_ready(s, MCM_SSCOP_ERAK, NULL, 0);
		break;
	default:
		return -EPROTO;
	}
	sscop_try_send(s);
	return 0;
}

/* AA-RETRIEVE.request: state 1 (p 33). */
int
mcm_sscop_retrieve_req(struct mcm_sscop *s, uint64_t now, uint32_t rn)
{
	struct msg *m;

	if (s->state != MCM_SSCOP_S_IDLE)
		return -EPROTO;
	s->now = now;
	/* "Data Retrieval" (p 76): unacknowledged SDs from RN on, then those never sent */
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
	/* the UNI values of Q.2130 (SSCF-UNI takes them as they are); window and sizes ours */
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
	/* MaxSTAT odd so a split list keeps its pairs (7.7); window below 2^23 */
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
	sscop_clear_transmitter(s);
	sscop_clear_receiver(s);
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
