/* SPDX-License-Identifier: BSD-3-Clause
 * SSCOP PDU input (ITU-T Q.2110 (07/94)): one table of state x PDU type, read off the SDL
 * diagrams of 8.2, with one small handler per distinct reaction.
 *
 * References "p N" are the pages of the SDL sheets of Q.2110 (07/94) 8.2 on which a
 * state's reaction to a PDU is drawn, as FreeBSD NgATM's saal_sscop.c cites them per
 * state and signal (the Figure numbers of those sheets were not at hand to check, so none
 * is given). p 75..77 are the procedures the sheets call ("Initialize State Variables",
 * "Detect Retransmission", ...). MAA-ERROR codes are those of Annex A.
 *
 * States, their sheets and where the reactions to user signals and timers are:
 *   1 Idle                               p 31..33  mcm_sscop.c: establish_req, retrieve_req
 *   2 Outgoing Connection Pending        p 34..36  mcm_sscop.c: release_req, Timer_CC
 *   3 Incoming Connection Pending        p 37..39  mcm_sscop.c: establish_resp, release_req
 *   4 Outgoing Disconnection Pending     p 40..42  mcm_sscop.c: establish_req, Timer_CC
 *   5 Outgoing Resynchronization Pending p 43..45  mcm_sscop.c: release_req, Timer_CC
 *   6 Incoming Resynchronization Pending p 46..48  mcm_sscop.c: resync_resp, release_req
 *   7 Outgoing Recovery Pending          p 49..52  mcm_sscop.c: data, resync, release, Timer_CC
 *   8 Recovery Response Pending          p 53..55  mcm_sscop.c: recover_resp, resync, release
 *   9 Incoming Recovery Pending          p 56..59  mcm_sscop.c: recover_resp, resync, release
 *  10 Data Transfer Ready                p 60..70  mcm_sscop_data.c: SD, POLL, STAT, USTAT,
 *                                                   timers; mcm_sscop.c: user signals
 * UD and MD are taken in every state (p 73) before the table.
 */
#include "mcm_sscop_priv.h"

/* ---------- checks ---------- */

/* 7.1: an information field longer than @p max (k for SD/UD/MD, j for SSCOP-UU) is a PDU
 * length violation (MAA-ERROR U): discarded */
static bool
len_ok(struct mcm_sscop *s, const struct mcm_sscop_pdu *p, uint32_t max)
{
	if (p->info_len > max) {
		s->st.discarded++;
		maa(s, 'U', 0);
		return false;
	}
	return true;
}

static bool
uu_ok(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	return len_ok(s, p, s->p.max_uu);
}

/* "Detect Retransmission" (p 76): BGN, RS and ER whose N(SQ) equals VR(SQ) are copies of
 * one already taken */
static bool
is_retx(const struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	return p->nsq == s->vr_sq;
}

/* A BGN, RS or ER taken: its N(SQ) becomes VR(SQ), its N(MR) our VT(MS) (7.4, 7.8). */
static void
take_peer_seq(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	s->vr_sq = p->nsq;
	if (p->type == MCM_SSCOP_BGN)
		s->peer_bgn_seen = true;
	s->vt_ms = p->nmr;
}

/* ---------- reactions shared by many states ---------- */

/* The SDL ignores the PDU in this state. */
static void
ignore(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	(void)s;
	(void)p;
}

/* A PDU not expected in this state: MAA-ERROR A..M by PDU type (Annex A). */
static void
unexpected(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	static const char code[16] = {
		0, 'B', 'C', 'E', 'F', 'J', 'K', 'D', 'A', 'L', 'G', 'H', 'I', 0, 0, 'M',
	};

	if (code[p->type & 0xf])
		maa(s, code[p->type & 0xf], 0);
}

/* Idle, p 31..33: a PDU of a connection we do not have: MAA-ERROR and END (S = SSCOP). */
static void
error_end(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	unexpected(s, p);
	sscop_send_end_sscop(s);
}

/* ENDAK (F) or BGREJ (D) where a connection exists or is being answered (states 3, 5..10;
 * p 37, 38, 43, 46, 49, 53, 57, 62): a protocol error that releases the connection,
 * AA-RELEASE.indication source SSCOP. */
static void
error_release(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	unexpected(s, p);
	sscop_release_ind(s, NULL, 0, true);
}

/* END in Idle (p 31): answered, nothing to release. */
static void
endak(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	(void)p;
	sscop_send_simple(s, MCM_SSCOP_ENDAK, NULL, 0);
}

/* END of the peer (states 3, 5..10; p 39, 43, 46, 49, 53, 56, 62): ENDAK and
 * AA-RELEASE.indication with its SSCOP-UU and source. */
static void
peer_end(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if (!uu_ok(s, p))
		return;
	endak(s, p);
	sscop_release_ind(s, p->info, p->info_len, p->source_sscop);
}

/* END, ENDAK or BGREJ in state 4 (p 41): our release is confirmed; an END crossing ours
 * (release collision) is answered first. */
static void
release_conf(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if (p->type == MCM_SSCOP_END)
		endak(s, p);
	sscop_to_idle(s);
	up(s, MCM_SSCOP_AA_RELEASE_CONF, NULL, 0, 0);
}

/* AA-ESTABLISH.indication of a BGN taken in state 3, unless the user released in the
 * callback before it. */
static void
establish_ind(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if (s->state == MCM_SSCOP_S_IN_CONN_PEND)
		up(s, MCM_SSCOP_AA_ESTABLISH_IND, p->info, p->info_len, 0);
}

/* BGN in Idle (p 31), "power-up robustness": accepted whatever its N(SQ), so a peer that
 * restarted with N(SQ) = 1 is not rejected. */
static void
idle_bgn(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if (!uu_ok(s, p))
		return;
	take_peer_seq(s, p);
	s->state = MCM_SSCOP_S_IN_CONN_PEND;
	establish_ind(s, p);
}

/* New BGN in state 3 (p 37): it replaces the one the user has not answered. */
static void
bgn_replace(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if (!uu_ok(s, p))
		return;
	take_peer_seq(s, p);
	up(s, MCM_SSCOP_AA_RELEASE_IND, NULL, 0, 0);
	establish_ind(s, p);
}

/* New BGN in states 4..10 (p 42, 43, 47, 51, 55, 59, 61): the peer started a new
 * connection. In state 4 our release is confirmed by it, elsewhere the old connection is
 * indicated released (the peer's user restarted). */
static void
bgn_new(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	bool releasing = s->state == MCM_SSCOP_S_OUT_DISC_PEND;

	if (!uu_ok(s, p))
		return;
	stop_all_timers(s);
	sscop_clear_receiver(s);
	rq_clear(s);
	take_peer_seq(s, p);
	s->state = MCM_SSCOP_S_IN_CONN_PEND;
	up(s, releasing ? MCM_SSCOP_AA_RELEASE_CONF : MCM_SSCOP_AA_RELEASE_IND, NULL, 0, 0);
	establish_ind(s, p);
}

/* New RS in states 7..10 (p 52, 54, 58, 62): resynchronization by the peer, which
 * discards every message in transit both ways; it overrides a recovery. */
static void
rs_new(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if (!uu_ok(s, p))
		return;
	stop_all_timers(s);
	take_peer_seq(s, p);
	sscop_clear_transmitter(s);
	sscop_clear_receiver(s);
	s->state = MCM_SSCOP_S_IN_RESYNC_PEND;
	up(s, MCM_SSCOP_AA_RESYNC_IND, p->info, p->info_len, 0);
}

/* New RS in state 6 (p 48): the peer repeated its request with new numbers. */
static void
rs_take(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	take_peer_seq(s, p);
}

/* The acknowledgement of a BGN, RS or ER: BGAK, RSAK, ERAK. */
static void
ack(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	enum mcm_sscop_pdu_type t = p->type == MCM_SSCOP_BGN ? MCM_SSCOP_BGAK :
				    p->type == MCM_SSCOP_RS ? MCM_SSCOP_RSAK : MCM_SSCOP_ERAK;

	sscop_send_simple(s, t, NULL, 0);
}

/* Retransmitted BGN in states 4 and 5 (p 42, 43): the peer missed our BGAK; answer it,
 * then send again the END or RS we wait an answer to. */
static void
ack_resend(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	ack(s, p);
	sscop_resend_cc(s);
}

/* Retransmitted BGN or ER in state 10 (p 61): our BGAK or ERAK was lost; the peer is
 * alive, NO-RESPONSE restarts. */
static void
alive_ack(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if (running(s, MCM_SSCOP_T_NORESP))
		timer_start(s, MCM_SSCOP_T_NORESP, s->p.t_noresp);
	ack(s, p);
}

/*
 * The answer to our BGN or RS came (@p ack 0), or the peer asked the same at once (a
 * collision: @p ack is our acknowledgement of its request): Data Transfer Ready, confirmed
 * to the user with the SSCOP-UU of a BGAK or BGN (AA-RESYNC.confirm carries none).
 */
static void
ready_confirm(struct mcm_sscop *s, const struct mcm_sscop_pdu *p, enum mcm_sscop_pdu_type ack_t,
	      enum mcm_sscop_signal sig)
{
	bool uu = sig == MCM_SSCOP_AA_ESTABLISH_CONF;

	timer_stop(s, MCM_SSCOP_T_CC);
	if (ack_t != 0) {
		take_peer_seq(s, p);
		sscop_send_simple(s, ack_t, NULL, 0);
	} else {
		s->vt_ms = p->nmr;
	}
	sscop_init_state_vars(s);
	sscop_enter_ready(s);
	up(s, sig, uu ? p->info : NULL, uu ? p->info_len : 0, 0);
	sscop_try_send(s);
}

/* ---------- state 2, Outgoing Connection Pending (p 34..36) ---------- */

/* BGAK (p 34): the connection is established. */
static void
bgak_confirm(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if (uu_ok(s, p))
		ready_confirm(s, p, 0, MCM_SSCOP_AA_ESTABLISH_CONF);
}

/*
 * BGN (p 36): establishment collision, both sides confirm. N(SQ) = VR(SQ) marks a
 * retransmission of a BGN already accepted. Before any BGN of this peer was accepted there
 * is none to retransmit: VR(SQ) is only its initial 0, and a peer that numbers every BGN
 * with N(SQ) = 0 (pre-Q.2110 practice) would collide with ours and cost a Timer_CC retry.
 * Such a BGN is taken as new.
 */
static void
bgn_collision(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if ((s->peer_bgn_seen && is_retx(s, p)) || !uu_ok(s, p))
		return;
	ready_confirm(s, p, MCM_SSCOP_BGAK, MCM_SSCOP_AA_ESTABLISH_CONF);
}

/* BGREJ (p 34): the peer's user rejected; AA-RELEASE.indication with its SSCOP-UU. */
static void
bgrej_release(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if (uu_ok(s, p))
		sscop_release_ind(s, p->info, p->info_len, false);
}

/* ---------- state 5, Outgoing Resynchronization Pending (p 43..45) ---------- */

/* RSAK (p 45): resynchronization confirmed. */
static void
rsak_confirm(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	ready_confirm(s, p, 0, MCM_SSCOP_AA_RESYNC_CONF);
}

/* New RS (p 45): resynchronization collision, both sides confirm. */
static void
rs_collision(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if (uu_ok(s, p))
		ready_confirm(s, p, MCM_SSCOP_RSAK, MCM_SSCOP_AA_RESYNC_CONF);
}

/* ---------- recovery: states 7 and 10 (p 49, 51, 61) ---------- */

/* ERAK in state 7 (p 49), or a new ER crossing ours (p 51, recovery collision, answered
 * with ERAK): state variables start again, AA-RECOVER.indication, state 8. */
static void
recover_ind(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	timer_stop(s, MCM_SSCOP_T_CC);
	if (p->type == MCM_SSCOP_ER) {
		take_peer_seq(s, p);
		ack(s, p);
	} else {
		s->vt_ms = p->nmr;
	}
	sscop_init_state_vars(s);
	s->state = MCM_SSCOP_S_REC_RESP_PEND;
	up(s, MCM_SSCOP_AA_RECOVER_IND, NULL, 0, 0);
}

/* New ER in state 10 (p 61): recovery requested by the peer. */
static void
er_recover(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	sscop_stop_data_timers(s);
	take_peer_seq(s, p);
	sscop_clear_txbuf(s);
	sscop_clear_receiver(s);
	s->state = MCM_SSCOP_S_IN_REC_PEND;
	up(s, MCM_SSCOP_AA_RECOVER_IND, NULL, 0, 0);
}

/* ---------- state 10, Data Transfer Ready: data transfer (mcm_sscop_data.c) ---------- */

/* SD (p 66) */
static void
sd(struct mcm_sscop *s, const struct mcm_sscop_pdu *p)
{
	if (len_ok(s, p, s->p.max_sdu))
		sscop_rx_sd(s, p);
}

/* ---------- the table ---------- */

typedef void (*pdu_fn)(struct mcm_sscop *s, const struct mcm_sscop_pdu *p);

/* The reaction to a PDU, and for BGN, RS and ER the one when it is a retransmission. */
struct cell {
	pdu_fn fn;
	pdu_fn retx;
};

#define C(f) {f, f}          /* one reaction, whatever N(SQ) */
#define R(f, r) {f, r}       /* f for a new BGN/RS/ER, r when N(SQ) = VR(SQ) (p 76) */
#define P(t) [MCM_SSCOP_##t] /* PDU type as index */

static const struct cell fsm[MCM_SSCOP_S_READY + 1][16] = {
	[MCM_SSCOP_S_IDLE] = {                         /* 1, p 31..33 */
		P(BGN) = C(idle_bgn), P(BGAK) = C(error_end), P(END) = C(endak),
		P(ENDAK) = C(ignore), P(RS) = C(error_end), P(RSAK) = C(error_end),
		P(BGREJ) = C(unexpected), P(SD) = C(error_end), P(ER) = C(error_end),
		P(POLL) = C(error_end), P(STAT) = C(error_end), P(USTAT) = C(error_end),
		P(ERAK) = C(error_end),
	},
	[MCM_SSCOP_S_OUT_CONN_PEND] = {                /* 2, p 34..36 */
		P(BGN) = C(bgn_collision), P(BGAK) = C(bgak_confirm), P(END) = C(ignore),
		P(ENDAK) = C(ignore), P(RS) = C(ignore), P(RSAK) = C(ignore),
		P(BGREJ) = C(bgrej_release), P(SD) = C(ignore), P(ER) = C(ignore),
		P(POLL) = C(ignore), P(STAT) = C(ignore), P(USTAT) = C(ignore),
		P(ERAK) = C(ignore),
	},
	[MCM_SSCOP_S_IN_CONN_PEND] = {                 /* 3, p 37..39 */
		P(BGN) = R(bgn_replace, ignore), P(BGAK) = C(unexpected), P(END) = C(peer_end),
		P(ENDAK) = C(error_release), P(RS) = C(unexpected), P(RSAK) = C(unexpected),
		P(BGREJ) = C(error_release), P(SD) = C(unexpected), P(ER) = C(unexpected),
		P(POLL) = C(unexpected), P(STAT) = C(unexpected), P(USTAT) = C(unexpected),
		P(ERAK) = C(unexpected),
	},
	[MCM_SSCOP_S_OUT_DISC_PEND] = {                /* 4, p 40..42 */
		P(BGN) = R(bgn_new, ack_resend), P(BGAK) = C(ignore), P(END) = C(release_conf),
		P(ENDAK) = C(release_conf), P(RS) = C(ignore), P(RSAK) = C(ignore),
		P(BGREJ) = C(release_conf), P(SD) = C(ignore), P(ER) = C(ignore),
		P(POLL) = C(ignore), P(STAT) = C(ignore), P(USTAT) = C(ignore),
		P(ERAK) = C(ignore),
	},
	[MCM_SSCOP_S_OUT_RESYNC_PEND] = {              /* 5, p 43..45 */
		P(BGN) = R(bgn_new, ack_resend), P(BGAK) = C(ignore), P(END) = C(peer_end),
		P(ENDAK) = C(error_release), P(RS) = R(rs_collision, ignore),
		P(RSAK) = C(rsak_confirm), P(BGREJ) = C(error_release), P(SD) = C(ignore),
		P(ER) = C(ignore), P(POLL) = C(ignore), P(STAT) = C(ignore),
		P(USTAT) = C(ignore), P(ERAK) = C(ignore),
	},
	[MCM_SSCOP_S_IN_RESYNC_PEND] = {               /* 6, p 46..48 */
		P(BGN) = R(bgn_new, unexpected), P(BGAK) = C(unexpected), P(END) = C(peer_end),
		P(ENDAK) = C(error_release), P(RS) = R(rs_take, ignore), P(RSAK) = C(unexpected),
		P(BGREJ) = C(error_release), P(SD) = C(unexpected), P(ER) = C(unexpected),
		P(POLL) = C(unexpected), P(STAT) = C(unexpected), P(USTAT) = C(unexpected),
		P(ERAK) = C(unexpected),
	},
	[MCM_SSCOP_S_OUT_REC_PEND] = {                 /* 7, p 49..52 */
		P(BGN) = R(bgn_new, unexpected), P(BGAK) = C(unexpected), P(END) = C(peer_end),
		P(ENDAK) = C(error_release), P(RS) = R(rs_new, ignore), P(RSAK) = C(unexpected),
		P(BGREJ) = C(error_release), P(SD) = C(ignore), P(ER) = R(recover_ind, unexpected),
		P(POLL) = C(ignore), P(STAT) = C(ignore), P(USTAT) = C(ignore),
		P(ERAK) = C(recover_ind),
	},
	[MCM_SSCOP_S_REC_RESP_PEND] = {                /* 8, p 53..55 */
		P(BGN) = R(bgn_new, unexpected), P(BGAK) = C(unexpected), P(END) = C(peer_end),
		P(ENDAK) = C(error_release), P(RS) = R(rs_new, ignore), P(RSAK) = C(unexpected),
		P(BGREJ) = C(error_release), P(SD) = C(ignore), P(ER) = R(unexpected, ack),
		P(POLL) = C(ignore), P(STAT) = C(unexpected), P(USTAT) = C(unexpected),
		P(ERAK) = C(ignore),
	},
	[MCM_SSCOP_S_IN_REC_PEND] = {                  /* 9, p 56..59 */
		P(BGN) = R(bgn_new, unexpected), P(BGAK) = C(unexpected), P(END) = C(peer_end),
		P(ENDAK) = C(error_release), P(RS) = R(rs_new, ignore), P(RSAK) = C(unexpected),
		P(BGREJ) = C(error_release), P(SD) = C(unexpected), P(ER) = R(unexpected, ignore),
		P(POLL) = C(unexpected), P(STAT) = C(unexpected), P(USTAT) = C(unexpected),
		P(ERAK) = C(unexpected),
	},
	[MCM_SSCOP_S_READY] = {                        /* 10, p 60..70 */
		P(BGN) = R(bgn_new, alive_ack), P(BGAK) = C(ignore), P(END) = C(peer_end),
		P(ENDAK) = C(error_release), P(RS) = R(rs_new, ack), P(RSAK) = C(ignore),
		P(BGREJ) = C(error_release), P(SD) = C(sd), P(ER) = R(er_recover, alive_ack),
		P(POLL) = C(sscop_rx_poll), P(STAT) = C(sscop_rx_stat),
		P(USTAT) = C(sscop_rx_ustat), P(ERAK) = C(ignore),
	},
};

void
mcm_sscop_input(struct mcm_sscop *s, uint64_t now, const uint8_t *buf, size_t len)
{
	const struct cell *c;
	struct mcm_sscop_pdu p;

	s->now = now;
	s->st.pdus_in++;
	if (buf == NULL || mcm_sscop_pdu_decode(buf, len, &p) != MCM_SSCOP_DEC_OK) {
		/* 7.1: PDU length violation (or any other malformation): discard */
		s->st.discarded++;
		maa(s, 'U', 0);
		return;
	}
	/* p 73: UD and MD are accepted in every state */
	if (p.type == MCM_SSCOP_UD || p.type == MCM_SSCOP_MD) {
		if (!len_ok(s, &p, s->p.max_sdu))
			return;
		up(s, p.type == MCM_SSCOP_UD ? MCM_SSCOP_AA_UNITDATA_IND :
		   MCM_SSCOP_MAA_UNITDATA_IND, p.info, p.info_len, 0);
		return;
	}
	c = &fsm[s->state][p.type & 0xf];
	(is_retx(s, &p) ? c->retx : c->fn)(s, &p);
}
