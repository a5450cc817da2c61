/* SPDX-License-Identifier: BSD-3-Clause
 * Q.2110 transition tests. The table follows the SDL of Q.2110 the SDL: every state
 * (1..10) with every PDU and user signal that has a defined reaction, including the
 * error reactions (MAA-ERROR codes of table 10). A second part checks the data transfer
 * procedures of clause assured transfer step by step.
 */
#include <errno.h>
#include <inttypes.h>

#include "sscop_test.h"

#define MS 1000000ull
#define SEC 1000000000ull
#define PEER_MR 100

enum ev {
	BGN_NEW, BGN_RETX, BGAK, BGREJ, END, ENDAK, RS_NEW, RS_RETX, RSAK, ER_NEW, ER_RETX,
	ERAK, SD, POLL, STAT, USTAT, UD, MD, BAD, T_CC, T_CC_MAX, T_NORESP,
	U_EST_REQ, U_EST_RESP, U_REL_REQ, U_RESYNC_REQ, U_RESYNC_RESP, U_RECOVER_RESP,
	U_DATA_REQ, U_RETRIEVE,
};

static const char *const ev_name[] = {
	"BGN(new)", "BGN(retx)", "BGAK", "BGREJ", "END", "ENDAK", "RS(new)", "RS(retx)",
	"RSAK", "ER(new)", "ER(retx)", "ERAK", "SD", "POLL", "STAT", "USTAT", "UD", "MD",
	"malformed", "Timer_CC", "Timer_CC x MaxCC", "Timer_NO-RESPONSE",
	"AA-ESTABLISH.req", "AA-ESTABLISH.resp", "AA-RELEASE.req", "AA-RESYNC.req",
	"AA-RESYNC.resp", "AA-RECOVER.resp", "AA-DATA.req", "AA-RETRIEVE.req",
};

struct row {
	int state;
	enum ev ev;
	int next;
	const char *pdus;
	const char *sigs;
	const char *maa;
	int rc;          /* for user signals */
	const char *ref; /* Q.2110 clause */
};

#define EP (-EPROTO)

static const struct row table[] = {
	/* state 1, Idle */
	{1, BGN_NEW, 3, "", "ESTABLISH_IND", "", 0, "SDL s1: BGN"},
	{1, BGN_RETX, 3, "", "ESTABLISH_IND", "", 0, "SDL s1: power-up robustness"},
	{1, BGAK, 1, "END", "", "C", 0, "SDL s1: BGAK"},
	{1, BGREJ, 1, "", "", "D", 0, "SDL s1: BGREJ"},
	{1, END, 1, "ENDAK", "", "", 0, "SDL s1: END"},
	{1, ENDAK, 1, "", "", "", 0, "SDL s1: ENDAK"},
	{1, RS_NEW, 1, "END", "", "J", 0, "SDL s1: RS"},
	{1, RSAK, 1, "END", "", "K", 0, "SDL s1: RSAK"},
	{1, ER_NEW, 1, "END", "", "L", 0, "SDL s1: ER"},
	{1, ERAK, 1, "END", "", "M", 0, "SDL s1: ERAK"},
	{1, SD, 1, "END", "", "A", 0, "SDL s1: SD"},
	{1, POLL, 1, "END", "", "G", 0, "SDL s1: POLL"},
	{1, STAT, 1, "END", "", "H", 0, "SDL s1: STAT"},
	{1, USTAT, 1, "END", "", "I", 0, "SDL s1: USTAT"},
	{1, UD, 1, "", "UNITDATA_IND", "", 0, "UD/MD and retrieval: UD in any state"},
	{1, MD, 1, "", "MAA_UNITDATA_IND", "", 0, "UD/MD and retrieval: MD in any state"},
	{1, BAD, 1, "", "", "U", 0, "7.1: PDU length violation"},
	{1, U_EST_REQ, 2, "BGN", "", "", 0, "SDL s1: AA-ESTABLISH.req"},
	{1, U_REL_REQ, 1, "", "", "", EP, "6.1: no connection to release"},
	{1, U_DATA_REQ, 1, "", "", "", EP, "6.1: no data without connection"},
	{1, U_RESYNC_REQ, 1, "", "", "", EP, "6.1"},
	{1, U_EST_RESP, 1, "", "", "", EP, "6.1"},
	{1, U_RETRIEVE, 1, "", "RETRIEVE_COMPLETE_IND", "", 0, "UD/MD and retrieval: retrieval"},
	/* state 2, Outgoing Connection Pending */
	{2, BGAK, 10, "", "ESTABLISH_CONF", "", 0, "SDL s2: BGAK"},
	{2, BGN_NEW, 10, "BGAK", "ESTABLISH_CONF", "", 0, "SDL s2: BGN collision"},
	{2, BGN_RETX, 2, "", "", "", 0, "SDL s2: retransmitted BGN"},
	{2, BGREJ, 1, "", "RELEASE_IND", "", 0, "SDL s2: BGREJ"},
	{2, END, 2, "", "", "", 0, "SDL s2: END ignored"},
	{2, ENDAK, 2, "", "", "", 0, "SDL s2: ignored"},
	{2, RS_NEW, 2, "", "", "", 0, "SDL s2: ignored"},
	{2, RSAK, 2, "", "", "", 0, "SDL s2: ignored"},
	{2, ER_NEW, 2, "", "", "", 0, "SDL s2: ignored"},
	{2, ERAK, 2, "", "", "", 0, "SDL s2: ignored"},
	{2, SD, 2, "", "", "", 0, "SDL s2: ignored"},
	{2, POLL, 2, "", "", "", 0, "SDL s2: ignored"},
	{2, STAT, 2, "", "", "", 0, "SDL s2: ignored"},
	{2, USTAT, 2, "", "", "", 0, "SDL s2: ignored"},
	{2, UD, 2, "", "UNITDATA_IND", "", 0, "UD/MD and retrieval"},
	{2, T_CC, 2, "BGN", "", "", 0, "SDL s2: Timer_CC, VT(CC) < MaxCC"},
	{2, T_CC_MAX, 1, "BGN,BGN,BGN,END", "RELEASE_IND", "O", 0, "SDL s2: VT(CC) >= MaxCC"},
	{2, U_REL_REQ, 4, "END", "", "", 0, "SDL s2: AA-RELEASE.req"},
	{2, U_EST_REQ, 2, "", "", "", EP, "6.1"},
	{2, U_DATA_REQ, 2, "", "", "", EP, "6.1"},
	/* state 3, Incoming Connection Pending */
	{3, U_EST_RESP, 10, "BGAK", "", "", 0, "SDL s3: AA-ESTABLISH.resp"},
	{3, U_REL_REQ, 1, "BGREJ", "", "", 0, "SDL s3: AA-RELEASE.req (reject)"},
	{3, BGN_NEW, 3, "", "RELEASE_IND,ESTABLISH_IND", "", 0, "SDL s3: new BGN"},
	{3, BGN_RETX, 3, "", "", "", 0, "SDL s3: retransmitted BGN"},
	{3, END, 1, "ENDAK", "RELEASE_IND", "", 0, "SDL s3: END"},
	{3, BGREJ, 1, "", "RELEASE_IND", "D", 0, "SDL s3: BGREJ"},
	{3, SD, 3, "", "", "A", 0, "SDL s3: SD"},
	{3, BGAK, 3, "", "", "C", 0, "SDL s3: BGAK"},
	{3, ENDAK, 1, "", "RELEASE_IND", "F", 0, "SDL s3: ENDAK"},
	{3, POLL, 3, "", "", "G", 0, "SDL s3: POLL"},
	{3, STAT, 3, "", "", "H", 0, "SDL s3: STAT"},
	{3, USTAT, 3, "", "", "I", 0, "SDL s3: USTAT"},
	{3, RS_NEW, 3, "", "", "J", 0, "SDL s3: RS"},
	{3, RSAK, 3, "", "", "K", 0, "SDL s3: RSAK"},
	{3, ER_NEW, 3, "", "", "L", 0, "SDL s3: ER"},
	{3, ERAK, 3, "", "", "M", 0, "SDL s3: ERAK"},
	{3, BAD, 3, "", "", "U", 0, "7.1"},
	{3, U_DATA_REQ, 3, "", "", "", EP, "6.1"},
	/* state 4, Outgoing Disconnection Pending */
	{4, ENDAK, 1, "", "RELEASE_CONF", "", 0, "SDL s4: ENDAK"},
	{4, END, 1, "ENDAK", "RELEASE_CONF", "", 0, "SDL s4: END (release collision)"},
	{4, BGREJ, 1, "", "RELEASE_CONF", "", 0, "SDL s4: BGREJ"},
	{4, BGN_NEW, 3, "", "RELEASE_CONF,ESTABLISH_IND", "", 0, "SDL s4: BGN"},
	{4, BGN_RETX, 4, "BGAK,END", "", "", 0, "SDL s4: retransmitted BGN"},
	{4, BGAK, 4, "", "", "", 0, "SDL s4: ignored"},
	{4, RS_NEW, 4, "", "", "", 0, "SDL s4: ignored"},
	{4, ER_NEW, 4, "", "", "", 0, "SDL s4: ignored"},
	{4, SD, 4, "", "", "", 0, "SDL s4: ignored"},
	{4, POLL, 4, "", "", "", 0, "SDL s4: ignored"},
	{4, STAT, 4, "", "", "", 0, "SDL s4: ignored"},
	{4, USTAT, 4, "", "", "", 0, "SDL s4: ignored"},
	{4, T_CC, 4, "END", "", "", 0, "SDL s4: Timer_CC"},
	{4, T_CC_MAX, 1, "END,END,END", "RELEASE_CONF", "O", 0, "SDL s4: VT(CC) >= MaxCC"},
	{4, U_EST_REQ, 2, "BGN", "", "", 0, "SDL s4: AA-ESTABLISH.req"},
	{4, U_REL_REQ, 4, "", "", "", EP, "6.1"},
	{4, U_DATA_REQ, 4, "", "", "", EP, "6.1"},
	/* state 5, Outgoing Resynchronization Pending */
	{5, RSAK, 10, "", "RESYNC_CONF", "", 0, "SDL s5: RSAK"},
	{5, RS_NEW, 10, "RSAK", "RESYNC_CONF", "", 0, "SDL s5: RS collision"},
	{5, RS_RETX, 5, "", "", "", 0, "SDL s5: retransmitted RS"},
	{5, END, 1, "ENDAK", "RELEASE_IND", "", 0, "SDL s5: END"},
	{5, ENDAK, 1, "", "RELEASE_IND", "F", 0, "SDL s5: ENDAK"},
	{5, BGREJ, 1, "", "RELEASE_IND", "D", 0, "SDL s5: BGREJ"},
	{5, BGN_NEW, 3, "", "RELEASE_IND,ESTABLISH_IND", "", 0, "SDL s5: BGN"},
	{5, BGN_RETX, 5, "BGAK,RS", "", "", 0, "SDL s5: retransmitted BGN"},
	{5, ER_NEW, 5, "", "", "", 0, "SDL s5: ignored"},
	{5, SD, 5, "", "", "", 0, "SDL s5: ignored"},
	{5, POLL, 5, "", "", "", 0, "SDL s5: ignored"},
	{5, STAT, 5, "", "", "", 0, "SDL s5: ignored"},
	{5, T_CC, 5, "RS", "", "", 0, "SDL s5: Timer_CC"},
	{5, T_CC_MAX, 1, "RS,RS,RS,END", "RELEASE_IND", "O", 0, "SDL s5: VT(CC) >= MaxCC"},
	{5, U_REL_REQ, 4, "END", "", "", 0, "SDL s5: AA-RELEASE.req"},
	{5, U_DATA_REQ, 5, "", "", "", 0, "SDL s5: AA-DATA.req queued"},
	/* state 6, Incoming Resynchronization Pending */
	{6, U_RESYNC_RESP, 10, "RSAK", "", "", 0, "SDL s6: AA-RESYNC.resp"},
	{6, U_REL_REQ, 4, "END", "", "", 0, "SDL s6: AA-RELEASE.req"},
	{6, RS_NEW, 6, "", "", "", 0, "SDL s6: RS"},
	{6, RS_RETX, 6, "", "", "", 0, "SDL s6: retransmitted RS"},
	{6, END, 1, "ENDAK", "RELEASE_IND", "", 0, "SDL s6: END"},
	{6, ENDAK, 1, "", "RELEASE_IND", "F", 0, "SDL s6: ENDAK"},
	{6, BGREJ, 1, "", "RELEASE_IND", "D", 0, "SDL s6: BGREJ"},
	{6, BGN_NEW, 3, "", "RELEASE_IND,ESTABLISH_IND", "", 0, "SDL s6: BGN"},
	{6, BGN_RETX, 6, "", "", "B", 0, "SDL s6: retransmitted BGN"},
	{6, ER_NEW, 6, "", "", "L", 0, "SDL s6: ER"},
	{6, SD, 6, "", "", "A", 0, "SDL s6: SD"},
	{6, BGAK, 6, "", "", "C", 0, "SDL s6: BGAK"},
	{6, ERAK, 6, "", "", "M", 0, "SDL s6: ERAK"},
	{6, STAT, 6, "", "", "H", 0, "SDL s6: STAT"},
	{6, POLL, 6, "", "", "G", 0, "SDL s6: POLL"},
	{6, U_DATA_REQ, 6, "", "", "", EP, "6.1"},
	/* state 7, Outgoing Recovery Pending */
	{7, ERAK, 8, "", "RECOVER_IND", "", 0, "SDL s7: ERAK"},
	{7, ER_NEW, 8, "ERAK", "RECOVER_IND", "", 0, "SDL s7: ER collision"},
	{7, ER_RETX, 7, "", "", "L", 0, "SDL s7: retransmitted ER"},
	{7, RS_NEW, 6, "", "RESYNC_IND", "", 0, "SDL s7: RS"},
	{7, END, 1, "ENDAK", "RELEASE_IND", "", 0, "SDL s7: END"},
	{7, ENDAK, 1, "", "RELEASE_IND", "F", 0, "SDL s7: ENDAK"},
	{7, BGREJ, 1, "", "RELEASE_IND", "D", 0, "SDL s7: BGREJ"},
	{7, BGN_NEW, 3, "", "RELEASE_IND,ESTABLISH_IND", "", 0, "SDL s7: BGN"},
	{7, SD, 7, "", "", "", 0, "SDL s7: ignored"},
	{7, POLL, 7, "", "", "", 0, "SDL s7: ignored"},
	{7, STAT, 7, "", "", "", 0, "SDL s7: ignored"},
	{7, BGAK, 7, "", "", "C", 0, "SDL s7: BGAK"},
	{7, RSAK, 7, "", "", "K", 0, "SDL s7: RSAK"},
	{7, T_CC, 7, "ER", "", "", 0, "SDL s7: Timer_CC"},
	{7, T_CC_MAX, 1, "ER,ER,ER,END", "RELEASE_IND", "O", 0, "SDL s7: VT(CC) >= MaxCC"},
	{7, U_REL_REQ, 4, "END", "", "", 0, "SDL s7: AA-RELEASE.req"},
	{7, U_RESYNC_REQ, 5, "RS", "", "", 0, "SDL s7: AA-RESYNC.req"},
	{7, U_DATA_REQ, 7, "", "", "", 0, "SDL s7: AA-DATA.req queued"},
	/* state 8, Recovery Response Pending */
	{8, U_RECOVER_RESP, 10, "", "", "", 0, "SDL s8: AA-RECOVER.resp"},
	{8, ER_RETX, 8, "ERAK", "", "", 0, "SDL s8: retransmitted ER"},
	{8, ER_NEW, 8, "", "", "L", 0, "SDL s8: ER"},
	{8, RS_NEW, 6, "", "RESYNC_IND", "", 0, "SDL s8: RS"},
	{8, END, 1, "ENDAK", "RELEASE_IND", "", 0, "SDL s8: END"},
	{8, ENDAK, 1, "", "RELEASE_IND", "F", 0, "SDL s8: ENDAK"},
	{8, BGREJ, 1, "", "RELEASE_IND", "D", 0, "SDL s8: BGREJ"},
	{8, BGN_NEW, 3, "", "RELEASE_IND,ESTABLISH_IND", "", 0, "SDL s8: BGN"},
	{8, SD, 8, "", "", "", 0, "SDL s8: ignored"},
	{8, POLL, 8, "", "", "", 0, "SDL s8: ignored"},
	{8, STAT, 8, "", "", "H", 0, "SDL s8: STAT"},
	{8, BGAK, 8, "", "", "C", 0, "SDL s8: BGAK"},
	{8, U_REL_REQ, 4, "END", "", "", 0, "SDL s8: AA-RELEASE.req"},
	{8, U_RESYNC_REQ, 5, "RS", "", "", 0, "SDL s8: AA-RESYNC.req"},
	/* state 9, Incoming Recovery Pending */
	{9, U_RECOVER_RESP, 10, "ERAK", "", "", 0, "SDL s9: AA-RECOVER.resp"},
	{9, ER_RETX, 9, "", "", "", 0, "SDL s9: retransmitted ER"},
	{9, ER_NEW, 9, "", "", "L", 0, "SDL s9: ER"},
	{9, RS_NEW, 6, "", "RESYNC_IND", "", 0, "SDL s9: RS"},
	{9, END, 1, "ENDAK", "RELEASE_IND", "", 0, "SDL s9: END"},
	{9, ENDAK, 1, "", "RELEASE_IND", "F", 0, "SDL s9: ENDAK"},
	{9, BGREJ, 1, "", "RELEASE_IND", "D", 0, "SDL s9: BGREJ"},
	{9, BGN_NEW, 3, "", "RELEASE_IND,ESTABLISH_IND", "", 0, "SDL s9: BGN"},
	{9, BGN_RETX, 9, "", "", "B", 0, "SDL s9: retransmitted BGN"},
	{9, SD, 9, "", "", "A", 0, "SDL s9: SD"},
	{9, POLL, 9, "", "", "G", 0, "SDL s9: POLL"},
	{9, ERAK, 9, "", "", "M", 0, "SDL s9: ERAK"},
	{9, U_REL_REQ, 4, "END", "", "", 0, "SDL s9: AA-RELEASE.req"},
	{9, U_RESYNC_REQ, 5, "RS", "", "", 0, "SDL s9: AA-RESYNC.req"},
	/* state 10, Data Transfer Ready */
	{10, SD, 10, "", "DATA_IND", "", 0, "SDL s10: SD in sequence"},
	{10, POLL, 10, "STAT", "", "", 0, "SDL s10: POLL"},
	{10, STAT, 7, "ER", "", "R", 0, "SDL s10: STAT with N(PS) error"},
	{10, USTAT, 7, "ER", "", "T", 0, "SDL s10: USTAT list error"},
	{10, BGN_RETX, 10, "BGAK", "", "", 0, "SDL s10: retransmitted BGN"},
	{10, BGN_NEW, 3, "", "RELEASE_IND,ESTABLISH_IND", "", 0, "SDL s10: BGN"},
	{10, RS_RETX, 10, "RSAK", "", "", 0, "SDL s10: retransmitted RS"},
	{10, RS_NEW, 6, "", "RESYNC_IND", "", 0, "SDL s10: RS"},
	{10, ER_RETX, 10, "ERAK", "", "", 0, "SDL s10: retransmitted ER"},
	{10, ER_NEW, 9, "", "RECOVER_IND", "", 0, "SDL s10: ER"},
	{10, END, 1, "ENDAK", "RELEASE_IND", "", 0, "SDL s10: END"},
	{10, ENDAK, 1, "", "RELEASE_IND", "F", 0, "SDL s10: ENDAK"},
	{10, BGREJ, 1, "", "RELEASE_IND", "D", 0, "SDL s10: BGREJ"},
	{10, BGAK, 10, "", "", "", 0, "SDL s10: BGAK ignored"},
	{10, RSAK, 10, "", "", "", 0, "SDL s10: RSAK ignored"},
	{10, ERAK, 10, "", "", "", 0, "SDL s10: ERAK ignored"},
	{10, UD, 10, "", "UNITDATA_IND", "", 0, "UD/MD and retrieval"},
	{10, MD, 10, "", "MAA_UNITDATA_IND", "", 0, "UD/MD and retrieval"},
	{10, BAD, 10, "", "", "U", 0, "7.1"},
	{10, T_NORESP, 1, "POLL,END", "RELEASE_IND", "P", 0, "Timer_NO-RESPONSE expiry"},
	{10, U_REL_REQ, 4, "END", "", "", 0, "SDL s10: AA-RELEASE.req"},
	{10, U_RESYNC_REQ, 5, "RS", "", "", 0, "SDL s10: AA-RESYNC.req"},
	{10, U_DATA_REQ, 10, "SD", "", "", 0, "SDL s10: AA-DATA.req"},
	{10, U_EST_REQ, 10, "", "", "", EP, "6.1"},
	{10, U_RETRIEVE, 10, "", "", "", EP, "UD/MD and retrieval: retrieval only when idle"},
};

struct ctx {
	struct rec r;
	struct mcm_sscop_params p;
	uint64_t now;
	uint8_t peer_sq;
};

static void
feed_t(struct ctx *c, enum mcm_sscop_pdu_type t, uint8_t nsq)
{
	struct mcm_sscop_pdu p = {.type = t, .nsq = nsq, .nmr = PEER_MR, .nps = 1,
				  .ul1 = 0, .ul2 = 1};

	feed(c->r.s, c->now, &p);
}

/* Drive a fresh instance into @p st with the PDUs a peer would send (Q.2110 SDL). */
static bool
goto_state(struct ctx *c, int st)
{
	mcm_sscop_params_default(&c->p);
	rec_create(&c->r, &c->p);
	c->now = 1000;
	c->peer_sq = 0;
	switch (st) {
	case 1:
		break;
	case 2:
		/* a BGN of the peer accepted once, so that N(SQ) = VR(SQ) means a retransmission
		 * (a fresh instance takes any BGN as new: see test_bgn_nsq0), then released */
		feed_t(c, MCM_SSCOP_BGN, ++c->peer_sq);
		mcm_sscop_establish_resp(c->r.s, c->now, NULL, 0, true);
		mcm_sscop_release_req(c->r.s, c->now, NULL, 0);
		feed_t(c, MCM_SSCOP_ENDAK, 0);
		mcm_sscop_establish_req(c->r.s, c->now, NULL, 0, true);
		break;
	case 3:
		feed_t(c, MCM_SSCOP_BGN, ++c->peer_sq);
		break;
	default:
		feed_t(c, MCM_SSCOP_BGN, ++c->peer_sq);
		mcm_sscop_establish_resp(c->r.s, c->now, NULL, 0, true);
		switch (st) {
		case 4:
			mcm_sscop_release_req(c->r.s, c->now, NULL, 0);
			break;
		case 5:
			mcm_sscop_resync_req(c->r.s, c->now, NULL, 0);
			break;
		case 6:
			feed_t(c, MCM_SSCOP_RS, ++c->peer_sq);
			break;
		case 7:
		case 8:
			feed_t(c, MCM_SSCOP_STAT, 0); /* unsolicited STAT: error R, recovery */
			if (st == 8)
				feed_t(c, MCM_SSCOP_ERAK, 0);
			break;
		case 9:
			feed_t(c, MCM_SSCOP_ER, ++c->peer_sq);
			break;
		}
	}
	rec_clear(&c->r);
	return (int)mcm_sscop_state(c->r.s) == st;
}

static int
apply(struct ctx *c, enum ev ev)
{
	static const uint8_t bad[] = {0, 0, 0};
	static const uint8_t msg[] = "message";
	int i;

	switch (ev) {
	case BGN_NEW: feed_t(c, MCM_SSCOP_BGN, ++c->peer_sq); break;
	case BGN_RETX: feed_t(c, MCM_SSCOP_BGN, c->peer_sq); break;
	case BGAK: feed_t(c, MCM_SSCOP_BGAK, 0); break;
	case BGREJ: feed_t(c, MCM_SSCOP_BGREJ, 0); break;
	case END: feed_t(c, MCM_SSCOP_END, 0); break;
	case ENDAK: feed_t(c, MCM_SSCOP_ENDAK, 0); break;
	case RS_NEW: feed_t(c, MCM_SSCOP_RS, ++c->peer_sq); break;
	case RS_RETX: feed_t(c, MCM_SSCOP_RS, c->peer_sq); break;
	case RSAK: feed_t(c, MCM_SSCOP_RSAK, 0); break;
	case ER_NEW: feed_t(c, MCM_SSCOP_ER, ++c->peer_sq); break;
	case ER_RETX: feed_t(c, MCM_SSCOP_ER, c->peer_sq); break;
	case ERAK: feed_t(c, MCM_SSCOP_ERAK, 0); break;
	case SD: feed_t(c, MCM_SSCOP_SD, 0); break;
	case POLL: feed_t(c, MCM_SSCOP_POLL, 0); break;
	case STAT: feed_t(c, MCM_SSCOP_STAT, 0); break;
	case USTAT: feed_t(c, MCM_SSCOP_USTAT, 0); break;
	case UD: feed_t(c, MCM_SSCOP_UD, 0); break;
	case MD: feed_t(c, MCM_SSCOP_MD, 0); break;
	case BAD: mcm_sscop_input(c->r.s, c->now, bad, sizeof(bad)); break;
	case T_CC:
		c->now += c->p.t_cc;
		mcm_sscop_tick(c->r.s, c->now);
		break;
	case T_CC_MAX:
		for (i = 0; i < (int)c->p.max_cc; i++) {
			c->now += c->p.t_cc;
			mcm_sscop_tick(c->r.s, c->now);
		}
		break;
	case T_NORESP:
		c->now += c->p.t_noresp;
		mcm_sscop_tick(c->r.s, c->now);
		break;
	case U_EST_REQ: return mcm_sscop_establish_req(c->r.s, c->now, NULL, 0, true);
	case U_EST_RESP: return mcm_sscop_establish_resp(c->r.s, c->now, NULL, 0, true);
	case U_REL_REQ: return mcm_sscop_release_req(c->r.s, c->now, NULL, 0);
	case U_RESYNC_REQ: return mcm_sscop_resync_req(c->r.s, c->now, NULL, 0);
	case U_RESYNC_RESP: return mcm_sscop_resync_resp(c->r.s, c->now);
	case U_RECOVER_RESP: return mcm_sscop_recover_resp(c->r.s, c->now);
	case U_DATA_REQ: return mcm_sscop_data_req(c->r.s, c->now, msg, sizeof(msg));
	case U_RETRIEVE: return mcm_sscop_retrieve_req(c->r.s, c->now, MCM_SSCOP_RN_TOTAL);
	}
	return 0;
}

static void
test_table(void)
{
	unsigned int i;
	bool covered[11] = {false};

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const struct row *w = &table[i];
		struct ctx c;
		int rc, st;

		if (!goto_state(&c, w->state)) {
			CHECK(0, "cannot reach state %d", w->state);
			mcm_sscop_destroy(c.r.s);
			continue;
		}
		covered[w->state] = true;
		rc = apply(&c, w->ev);
		st = mcm_sscop_state(c.r.s);
		CHECK(st == w->next && rc == w->rc && strcmp(c.r.pdus, w->pdus) == 0 &&
		      strcmp(c.r.sigs, w->sigs) == 0 && strcmp(c.r.maa, w->maa) == 0,
		      "[%s] state %d + %s: got state %d rc %d pdus '%s' sigs '%s' maa '%s'; "
		      "want %d %d '%s' '%s' '%s'", w->ref, w->state, ev_name[w->ev], st, rc,
		      c.r.pdus, c.r.sigs, c.r.maa, w->next, w->rc, w->pdus, w->sigs, w->maa);
		mcm_sscop_destroy(c.r.s);
	}
	for (i = 1; i <= 10; i++)
		CHECK(covered[i], "state %u has rows", i);
}

/* Every state x every event, also those without a row: no crash, a valid state, and a
 * user signal refused in a state (-EPROTO, 6.1) has no effect at all. */
static void
test_sweep(void)
{
	int st, ev;

	for (st = 1; st <= 10; st++) {
		for (ev = 0; ev <= U_RETRIEVE; ev++) {
			struct ctx c;
			int rc, now_st;

			goto_state(&c, st);
			rc = apply(&c, ev);
			now_st = mcm_sscop_state(c.r.s);
			CHECK(now_st >= 1 && now_st <= 10 && (rc == 0 || rc == -EPROTO),
			      "state %d + %s: state %d rc %d", st, ev_name[ev], now_st, rc);
			if (rc == -EPROTO)
				CHECK(now_st == st && c.r.pdus[0] == 0 && c.r.sigs[0] == 0 &&
				      c.r.maa[0] == 0, "refused %s in state %d had effects",
				      ev_name[ev], st);
			mcm_sscop_destroy(c.r.s);
		}
	}
}

/* ---------- data transfer procedures, assured transfer ---------- */

static void
ready(struct ctx *c, const struct mcm_sscop_params *p)
{
	if (p)
		c->p = *p;
	else
		mcm_sscop_params_default(&c->p);
	rec_create(&c->r, &c->p);
	c->now = 0;
	c->peer_sq = 1;
	feed_t(c, MCM_SSCOP_BGN, 1);
	mcm_sscop_establish_resp(c->r.s, c->now, NULL, 0, true);
	rec_clear(&c->r);
}

static void
sd_in(struct ctx *c, uint32_t ns, const char *txt)
{
	struct mcm_sscop_pdu p = {.type = MCM_SSCOP_SD, .ns = ns, .info = (const uint8_t *)txt,
				  .info_len = strlen(txt)};

	feed(c->r.s, c->now, &p);
}

static void
test_receiver(void)
{
	struct ctx c;
	struct mcm_sscop_pdu p;
	struct mcm_sscop_pdu poll = {.type = MCM_SSCOP_POLL, .ns = 6, .nps = 1};

	ready(&c, NULL);
	sd_in(&c, 0, "m0");
	CHECK(strcmp(c.r.sigs, "DATA_IND") == 0 && c.r.last_param == 0 &&
	      c.r.last_data_len == 2 && memcmp(c.r.last_data, "m0", 2) == 0,
	      "SD procedure: SD in sequence delivered");
	rec_clear(&c.r);
	/* a gap: SD 2 before SD 1 gives USTAT(1, 2) at once */
	sd_in(&c, 2, "m2");
	CHECK(strcmp(c.r.pdus, "USTAT") == 0 && c.r.sigs[0] == 0, "SD procedure: gap -> USTAT");
	CHECK(mcm_sscop_pdu_decode(c.r.last_pdu, c.r.last_len, &p) == 0 && p.ul1 == 1 &&
	      p.ul2 == 2 && p.nr == 1 && p.nmr == 129, "USTAT fields %u %u %u %u",
	      p.ul1, p.ul2, p.nr, p.nmr);
	rec_clear(&c.r);
	sd_in(&c, 4, "m4");
	/* POLL N(S)=6: STAT lists the gaps 1..2, 3..4, 5..6 */
	feed(c.r.s, c.now, &poll);
	CHECK(strcmp(c.r.pdus, "USTAT,STAT") == 0, "POLL -> STAT (%s)", c.r.pdus);
	CHECK(mcm_sscop_pdu_decode(c.r.last_pdu, c.r.last_len, &p) == 0 && p.list_len == 6 &&
	      mcm_sscop_pdu_list_get(&p, 0) == 1 && mcm_sscop_pdu_list_get(&p, 1) == 2 &&
	      mcm_sscop_pdu_list_get(&p, 2) == 3 && mcm_sscop_pdu_list_get(&p, 3) == 4 &&
	      mcm_sscop_pdu_list_get(&p, 4) == 5 && mcm_sscop_pdu_list_get(&p, 5) == 6 &&
	      p.nps == 1 && p.nr == 1, "POLL/STAT procedure: STAT list");
	rec_clear(&c.r);
	/* filling the first gap delivers 1 and 2 in order */
	sd_in(&c, 1, "m1");
	CHECK(strcmp(c.r.sigs, "DATA_IND,DATA_IND") == 0 && c.r.last_param == 2,
	      "in-order delivery after gap fill (%s)", c.r.sigs);
	rec_clear(&c.r);
	/* a second copy of a buffered SD is error Q: recovery */
	sd_in(&c, 4, "m4");
	CHECK(strcmp(c.r.maa, "Q") == 0 && strcmp(c.r.pdus, "ER") == 0 &&
	      mcm_sscop_state(c.r.s) == MCM_SSCOP_S_OUT_REC_PEND, "SDL: duplicate SD -> Q");
	mcm_sscop_destroy(c.r.s);

	/* POLL whose N(S) is below VR(H): error Q */
	ready(&c, NULL);
	sd_in(&c, 3, "x");
	rec_clear(&c.r);
	poll.ns = 2;
	feed(c.r.s, c.now, &poll);
	CHECK(strcmp(c.r.maa, "Q") == 0, "SDL: POLL N(S) < VR(H) -> Q");
	mcm_sscop_destroy(c.r.s);

	/* SD outside the window is discarded; too long SD is U */
	ready(&c, NULL);
	sd_in(&c, 500, "far");
	CHECK(c.r.sigs[0] == 0 && strcmp(c.r.pdus, "USTAT") == 0,
	      "SD beyond VR(MR) discarded, USTAT up to VR(MR)");
	{
		struct mcm_sscop_pdu u;

		CHECK(mcm_sscop_pdu_decode(c.r.last_pdu, c.r.last_len, &u) == 0 && u.ul1 == 0 &&
		      u.ul2 == 128 && u.nmr == 128, "USTAT(VR(H), VR(MR))");
	}
	rec_clear(&c.r);
	sd_in(&c, 501, "far");
	CHECK(c.r.pdus[0] == 0, "only once");
	{
		static uint8_t big[4100];
		struct mcm_sscop_pdu b = {.type = MCM_SSCOP_SD, .ns = 0, .info = big,
					  .info_len = sizeof(big)};

		feed(c.r.s, c.now, &b);
		CHECK(strcmp(c.r.maa, "U") == 0, "SD longer than k -> U");
	}
	mcm_sscop_destroy(c.r.s);
}

/* STAT split over several PDUs (POLL/STAT procedure, MaxSTAT) */
static void
test_stat_split(void)
{
	struct mcm_sscop_params prm;
	struct mcm_sscop_pdu poll = {.type = MCM_SSCOP_POLL, .ns = 40, .nps = 1};
	struct mcm_sscop_pdu p;
	struct ctx c;
	uint32_t i, total = 0;

	mcm_sscop_params_default(&prm);
	prm.max_stat = 5;
	ready(&c, &prm);
	for (i = 1; i < 40; i += 2)
		sd_in(&c, i, "odd"); /* every even SD missing: 20 gaps, 40 list elements */
	rec_clear(&c.r);
	feed(c.r.s, c.now, &poll);
	for (i = 0; i < c.r.n_pdus && i < REC_MAX; i++) {
		CHECK(mcm_sscop_pdu_decode(c.r.pdu_log[i], c.r.pdu_log_len[i], &p) == 0 &&
		      p.type == MCM_SSCOP_STAT && p.list_len <= 5 && p.list_len >= 2,
		      "STAT %u list %u", i, p.list_len);
		total += p.list_len;
		if (i > 0)
			CHECK(mcm_sscop_pdu_list_get(&p, 0) % 2 == 0, "split STAT starts a gap");
	}
	/* 40 elements in chunks of 5 overlapping by one: 10 STATs */
	CHECK(c.r.n_pdus == 10 && total == 40 + 9, "STAT split: %u PDUs, %u elements",
	      c.r.n_pdus, total);
	mcm_sscop_destroy(c.r.s);
}

static void
feed_stat(struct ctx *c, uint32_t nps, uint32_t nmr, uint32_t nr, const uint32_t *l,
	  uint32_t n)
{
	struct mcm_sscop_pdu p = {.type = MCM_SSCOP_STAT, .nps = nps, .nmr = nmr, .nr = nr,
				  .list = l, .list_len = n};

	feed(c->r.s, c->now, &p);
}

static void
test_transmitter(void)
{
	struct mcm_sscop_params prm;
	struct mcm_sscop_pdu p;
	struct ctx c;
	uint32_t txq, txbuf, i;
	static const uint32_t l1[] = {1, 2, 3, 4};

	mcm_sscop_params_default(&prm);
	prm.max_pd = 4;
	ready(&c, &prm);
	for (i = 0; i < 6; i++)
		mcm_sscop_data_req(c.r.s, c.now, (const uint8_t *)"d", 1);
	/* POLL/STAT procedure: a POLL after every MaxPD SDs */
	CHECK(strcmp(c.r.pdus, "SD,SD,SD,SD,POLL,SD,SD") == 0, "MaxPD polling (%s)",
	      c.r.pdus);
	mcm_sscop_queue_lens(c.r.s, &txq, &txbuf, NULL);
	CHECK(txq == 0 && txbuf == 6, "6 SDs unacknowledged");
	rec_clear(&c.r);
	/* STAT for POLL 1: N(R)=1, gaps [1,2) and [3,4): SDs 1 and 3 retransmitted */
	feed_stat(&c, 1, 100, 1, l1, 4);
	/* the two retransmissions complete MaxPD = 4 SDs since the last POLL */
	CHECK(strcmp(c.r.pdus, "SD,SD,POLL") == 0 && strcmp(c.r.maa, "V") == 0,
	      "POLL/STAT procedure: selective retransmission (%s, %s)", c.r.pdus, c.r.maa);
	mcm_sscop_queue_lens(c.r.s, &txq, &txbuf, NULL);
	CHECK(txbuf == 4, "SD 0 and 2 released, %u left", txbuf);
	rec_clear(&c.r);
	/* the same STAT again: SDs already retransmitted after POLL 1 are not resent */
	feed_stat(&c, 1, 100, 1, l1, 4);
	CHECK(c.r.pdus[0] == 0, "no retransmission of SDs sent after that POLL (%s)",
	      c.r.pdus);
	/* STAT with N(R) beyond VT(S): error S */
	rec_clear(&c.r);
	feed_stat(&c, 1, 100, 50, NULL, 0);
	CHECK(strcmp(c.r.maa, "S") == 0 && strcmp(c.r.pdus, "ER") == 0, "N(R) > VT(S) -> S");
	mcm_sscop_destroy(c.r.s);

	/* credit procedure: MAA-ERROR W when the window closes, X when a STAT reopens it */
	ready(&c, NULL);
	{
		struct mcm_sscop_pdu bg = {.type = MCM_SSCOP_BGN, .nsq = 2, .nmr = 2};

		/* restart with a peer that grants 2 */
		mcm_sscop_destroy(c.r.s);
		mcm_sscop_params_default(&c.p);
		rec_create(&c.r, &c.p);
		feed(c.r.s, c.now, &bg);
		mcm_sscop_establish_resp(c.r.s, c.now, NULL, 0, true);
		rec_clear(&c.r);
	}
	for (i = 0; i < 4; i++)
		mcm_sscop_data_req(c.r.s, c.now, (const uint8_t *)"d", 1);
	CHECK(strcmp(c.r.pdus, "SD,SD") == 0 && strcmp(c.r.maa, "W") == 0,
	      "lack of credit (%s, %s)", c.r.pdus, c.r.maa);
	rec_clear(&c.r);
	c.now += c.p.t_poll;
	mcm_sscop_tick(c.r.s, c.now);
	CHECK(strcmp(c.r.pdus, "POLL") == 0, "Timer_POLL sends POLL");
	CHECK(mcm_sscop_pdu_decode(c.r.last_pdu, c.r.last_len, &p) == 0 && p.nps == 1 &&
	      p.ns == 2, "POLL N(PS)=1 N(S)=2");
	rec_clear(&c.r);
	feed_stat(&c, 1, 4, 2, NULL, 0);
	CHECK(strcmp(c.r.maa, "X") == 0 && strcmp(c.r.pdus, "SD,SD") == 0,
	      "credit obtained (%s, %s)", c.r.pdus, c.r.maa);
	mcm_sscop_destroy(c.r.s);

	/* USTAT: retransmit [L1, L2) at once */
	ready(&c, NULL);
	for (i = 0; i < 3; i++)
		mcm_sscop_data_req(c.r.s, c.now, (const uint8_t *)"d", 1);
	rec_clear(&c.r);
	{
		struct mcm_sscop_pdu u = {.type = MCM_SSCOP_USTAT, .ul1 = 1, .ul2 = 2, .nr = 1,
					  .nmr = 100};

		feed(c.r.s, c.now, &u);
		CHECK(strcmp(c.r.pdus, "SD") == 0 && strcmp(c.r.maa, "V") == 0,
		      "POLL/STAT procedure: USTAT retransmission");
		CHECK(mcm_sscop_pdu_decode(c.r.last_pdu, c.r.last_len, &p) == 0 && p.ns == 1,
		      "retransmitted N(S)=1");
	}
	mcm_sscop_destroy(c.r.s);
}

/* Keep-alive and idle phases (POLL/STAT procedure, timers) */
static void
test_phases(void)
{
	struct ctx c;
	struct mcm_sscop_pdu p;

	ready(&c, NULL);
	CHECK(mcm_sscop_timer_running(c.r.s, MCM_SSCOP_T_POLL) &&
	      mcm_sscop_timer_running(c.r.s, MCM_SSCOP_T_NORESP), "set data transfer timers");
	mcm_sscop_data_req(c.r.s, c.now, (const uint8_t *)"d", 1);
	c.now += c.p.t_poll;
	mcm_sscop_tick(c.r.s, c.now);
	/* SD outstanding: Timer_POLL restarted */
	CHECK(mcm_sscop_timer_running(c.r.s, MCM_SSCOP_T_POLL), "active phase");
	feed_stat(&c, 1, 100, 1, NULL, 0);
	CHECK(mcm_sscop_timer_running(c.r.s, MCM_SSCOP_T_POLL) &&
	      mcm_sscop_timer_running(c.r.s, MCM_SSCOP_T_NORESP), "STAT keeps the active phase");
	/* Timer_POLL with nothing outstanding: POLL and the transient phase */
	rec_clear(&c.r);
	c.now += c.p.t_poll;
	mcm_sscop_tick(c.r.s, c.now);
	CHECK(strcmp(c.r.pdus, "POLL") == 0 &&
	      mcm_sscop_timer_running(c.r.s, MCM_SSCOP_T_KEEPALIVE) &&
	      !mcm_sscop_timer_running(c.r.s, MCM_SSCOP_T_POLL), "transient phase");
	feed_stat(&c, 2, 100, 1, NULL, 0);
	/* the STAT answering it: idle phase */
	CHECK(mcm_sscop_timer_running(c.r.s, MCM_SSCOP_T_IDLE) &&
	      !mcm_sscop_timer_running(c.r.s, MCM_SSCOP_T_NORESP) &&
	      !mcm_sscop_timer_running(c.r.s, MCM_SSCOP_T_POLL), "idle phase");
	rec_clear(&c.r);
	c.now += c.p.t_idle;
	mcm_sscop_tick(c.r.s, c.now);
	CHECK(strcmp(c.r.pdus, "POLL") == 0 &&
	      mcm_sscop_timer_running(c.r.s, MCM_SSCOP_T_KEEPALIVE) &&
	      mcm_sscop_timer_running(c.r.s, MCM_SSCOP_T_NORESP),
	      "Timer_IDLE expiry polls, keep-alive with NO-RESPONSE");
	CHECK(mcm_sscop_pdu_decode(c.r.last_pdu, c.r.last_len, &p) == 0 && p.nps == 3, "N(PS)");
	rec_clear(&c.r);
	c.now += c.p.t_keepalive;
	mcm_sscop_tick(c.r.s, c.now);
	CHECK(strcmp(c.r.pdus, "POLL") == 0, "Timer_KEEP-ALIVE expiry polls");
	/* new data leaves the transient phase */
	rec_clear(&c.r);
	mcm_sscop_data_req(c.r.s, c.now, (const uint8_t *)"d", 1);
	CHECK(strcmp(c.r.pdus, "SD") == 0 && mcm_sscop_timer_running(c.r.s, MCM_SSCOP_T_POLL) &&
	      !mcm_sscop_timer_running(c.r.s, MCM_SSCOP_T_KEEPALIVE), "back to active");
	/* no STAT for Timer_NO-RESPONSE: release with P */
	rec_clear(&c.r);
	c.now += c.p.t_noresp;
	mcm_sscop_tick(c.r.s, c.now);
	CHECK(strstr(c.r.maa, "P") != NULL && mcm_sscop_state(c.r.s) == MCM_SSCOP_S_IDLE &&
	      strcmp(c.r.sigs, "RELEASE_IND") == 0 && c.r.last_param == 1,
	      "NO-RESPONSE -> release by SSCOP (%s %s)", c.r.maa, c.r.sigs);
	/* UD/MD and retrieval: the unacknowledged SD can be retrieved */
	rec_clear(&c.r);
	CHECK(mcm_sscop_retrieve_req(c.r.s, c.now, MCM_SSCOP_RN_TOTAL) == 0 &&
	      strcmp(c.r.sigs, "RETRIEVE_IND,RETRIEVE_COMPLETE_IND") == 0,
	      "AA-RETRIEVE (%s)", c.r.sigs);
	mcm_sscop_destroy(c.r.s);
}

static void
test_params(void)
{
	struct mcm_sscop_params p;
	struct mcm_sscop_cbs cb = {rec_send, rec_signal, rec_maa, NULL};
	struct mcm_sscop *s;

	mcm_sscop_params_default(&p);
	CHECK(p.max_cc == 4 && p.max_pd == 25 && p.max_stat == 67 && p.t_cc == SEC &&
	      p.t_poll == 750 * MS && p.t_noresp == 7 * SEC && p.t_keepalive == 2 * SEC &&
	      p.t_idle == 15 * SEC, "defaults");
	p.max_stat = 66;
	CHECK(mcm_sscop_create(&p, &cb) == NULL, "even MaxSTAT refused");
	mcm_sscop_params_default(&p);
	p.rx_window = 0;
	CHECK(mcm_sscop_create(&p, &cb) == NULL, "zero window refused");
	cb.send_pdu = NULL;
	CHECK(mcm_sscop_create(NULL, &cb) == NULL, "missing callback refused");
	cb.send_pdu = rec_send;
	s = mcm_sscop_create(NULL, &cb);
	CHECK(s != NULL && mcm_sscop_next_deadline(s) == UINT64_MAX, "idle has no timer");
	mcm_sscop_destroy(s);

	/* queue bound, message size, memory accounting */
	{
		struct mcm_sscop_params q;
		struct ctx c;
		static uint8_t big[5000];
		size_t m0, m1;
		int i, rc = 0;

		mcm_sscop_params_default(&q);
		q.max_queue = 8;
		ready(&c, &q);
		CHECK(mcm_sscop_data_req(c.r.s, c.now, big, 4097) == -EMSGSIZE, "k exceeded");
		CHECK(mcm_sscop_unitdata_req(c.r.s, c.now, big, 4097) == -EMSGSIZE, "UD too long");
		CHECK(mcm_sscop_establish_req(c.r.s, c.now, NULL, 5, true) == -EINVAL, "NULL UU");
		m0 = mcm_sscop_memory(c.r.s);
		/* credit 100 from the BGN: 100 SDs go out, then the queue fills */
		for (i = 0; i < 200 && rc == 0; i++)
			rc = mcm_sscop_data_req(c.r.s, c.now, big, 100);
		m1 = mcm_sscop_memory(c.r.s);
		CHECK(rc == -ENOBUFS && i == 109, "queue bound (%d after %d)", rc, i);
		CHECK(m1 >= m0 + 108 * 100, "memory grows with queued messages (%zu -> %zu)", m0,
		      m1);
		mcm_sscop_destroy(c.r.s);
	}
}

/*
 * A peer numbering every BGN with N(SQ) = 0 (pre-Q.2110 practice): while no BGN of it has
 * been accepted, its BGN meeting ours in Outgoing Connection Pending is a collision taken at
 * once (SDL state 2), not a retransmission that costs a Timer_CC retry.
 */
static void
test_bgn_nsq0(void)
{
	struct ctx c;

	mcm_sscop_params_default(&c.p);
	rec_create(&c.r, &c.p);
	c.now = 1000;
	CHECK(mcm_sscop_establish_req(c.r.s, c.now, NULL, 0, true) == 0 &&
	      mcm_sscop_state(c.r.s) == MCM_SSCOP_S_OUT_CONN_PEND, "BGN sent");
	rec_clear(&c.r);
	feed_t(&c, MCM_SSCOP_BGN, 0);
	CHECK(mcm_sscop_state(c.r.s) == MCM_SSCOP_S_READY && strcmp(c.r.pdus, "BGAK") == 0 &&
	      strcmp(c.r.sigs, "ESTABLISH_CONF") == 0 && c.r.maa[0] == 0,
	      "BGN N(SQ)=0 from a new peer accepted at once: state %d pdus '%s' sigs '%s'",
	      mcm_sscop_state(c.r.s), c.r.pdus, c.r.sigs);
	CHECK(!mcm_sscop_timer_running(c.r.s, MCM_SSCOP_T_CC), "Timer_CC stopped");
	c.now += c.p.t_cc;
	rec_clear(&c.r);
	mcm_sscop_tick(c.r.s, c.now);
	CHECK(strstr(c.r.pdus, "BGN") == NULL, "no BGN retry after Timer_CC ('%s')", c.r.pdus);

	/* released and established again: now a BGN with N(SQ) = VR(SQ) = 0 is a
	 * retransmission of the one accepted (Q.2110 SDL state 2) and is ignored */
	mcm_sscop_release_req(c.r.s, c.now, NULL, 0);
	feed_t(&c, MCM_SSCOP_ENDAK, 0);
	CHECK(mcm_sscop_state(c.r.s) == MCM_SSCOP_S_IDLE, "released");
	mcm_sscop_establish_req(c.r.s, c.now, NULL, 0, true);
	rec_clear(&c.r);
	feed_t(&c, MCM_SSCOP_BGN, 0);
	CHECK(mcm_sscop_state(c.r.s) == MCM_SSCOP_S_OUT_CONN_PEND && c.r.pdus[0] == 0 &&
	      c.r.sigs[0] == 0, "second BGN N(SQ)=0 is a retransmission: state %d pdus '%s'",
	      mcm_sscop_state(c.r.s), c.r.pdus);
	mcm_sscop_destroy(c.r.s);

	/* a fresh instance and a BGN N(SQ)=5: also a collision (no BGN seen yet) */
	rec_create(&c.r, &c.p);
	mcm_sscop_establish_req(c.r.s, c.now, NULL, 0, true);
	rec_clear(&c.r);
	feed_t(&c, MCM_SSCOP_BGN, 5);
	CHECK(mcm_sscop_state(c.r.s) == MCM_SSCOP_S_READY && strcmp(c.r.pdus, "BGAK") == 0,
	      "BGN N(SQ)=5 collision: state %d pdus '%s'", mcm_sscop_state(c.r.s), c.r.pdus);
	mcm_sscop_destroy(c.r.s);
}

int
main(void)
{
	test_table();
	test_sweep();
	test_receiver();
	test_stat_split();
	test_transmitter();
	test_phases();
	test_params();
	test_bgn_nsq0();
	return test_summary();
}
