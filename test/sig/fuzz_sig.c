/* SPDX-License-Identifier: BSD-3-Clause
 * Fuzz target of the signalling entity: arbitrary octets as SSCOP PDUs, and as Q.2931
 * messages inside valid SD PDUs (sent through the peer's SSCF-UNI, so the sequence numbers
 * are right), into a user or network entity brought first into one of its states: not
 * started, establishing, link up, a call active, stopped. Mixed with user primitives, time
 * steps and start/stop. Both entities must stay consistent (mcm_uni_selfcheck), free of
 * leaks and of deadlines in the past.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sig_harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct sh_ep ep[2];

static void
tune(struct mcm_sig_params *p)
{
	p->uni.max_calls = 8;
	p->uni.max_parties = 8;
	p->uni.max_pending_setups = 4;
}

/* Whatever B-LLIs a SETUP carries, the choice among them is one of them and names a B-LLI
 * that builds and reads back the same (Q.2931 Annex C, RFC 2684 7).
 */
static void
blli_hook(struct sh_ep *e, const struct mcm_uni_event *ev)
{
	struct mcm_sig_blli_pick pick, again;
	struct mcm_uni_msg one;

	(void)e;
	if (ev->type != MCM_UNI_EV_SETUP_IND || ev->msg == NULL)
		return;
	mcm_sig_setup_blli_pick(ev->msg, &pick);
	if (pick.offered > ev->msg->n_blli || mcm_sig_setup_blli(ev->msg) != pick.kind)
		abort();
	if (pick.kind == MCM_SIG_BLLI_NONE || pick.offered == 0)
		return;
	if (pick.index >= ev->msg->n_blli ||
	    (pick.kind == MCM_SIG_BLLI_VCMUX_ROUTED && pick.proto < 0x0600))
		abort();
	/* the B-LLI chosen, alone, is chosen the same */
	memset(&one, 0, sizeof(one));
	one.n_blli = 1;
	one.blli[0] = ev->msg->blli[pick.index];
	mcm_sig_setup_blli_pick(&one, &again);
	if (again.kind != pick.kind || again.proto != pick.proto || again.nlpid != pick.nlpid)
		abort();
	if (mcm_sig_blli_ie(pick.kind, pick.proto, pick.nlpid, &one.blli[0]) != 0)
		abort();
	mcm_sig_setup_blli_pick(&one, &again);
	if (again.kind != pick.kind || again.proto != pick.proto || again.nlpid != pick.nlpid)
		abort();
}

static void
consistent(void)
{
	if (mcm_uni_selfcheck(mcm_sig_uni(ep[0].s)) != 0 ||
	    mcm_uni_selfcheck(mcm_sig_uni(ep[1].s)) != 0 || sh_deadline_past != 0)
		abort();
}

static uint32_t
some_call(struct sh_ep *e, uint8_t sel)
{
	uint32_t c = mcm_uni_call_next(mcm_sig_uni(e->s), 0);

	while (c && sel--) {
		uint32_t n = mcm_uni_call_next(mcm_sig_uni(e->s), c);

		if (n == 0)
			break;
		c = n;
	}
	return c ? c : e->last_setup_call;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mcm_uni_msg m;
	size_t i = 1;
	uint8_t mode;
	uint32_t c;

	if (size < 1)
		return 0;
	mode = data[0];
	sh_now = 1000 * SH_SEC;
	sh_deadline_past = 0;
	sh_init(&ep[0], "user", MCM_UNI_SIDE_USER, tune);
	sh_init(&ep[1], "network", MCM_UNI_SIDE_NETWORK, tune);
	ep[0].hook = blli_hook;
	ep[1].hook = blli_hook;
	sh_pair(&ep[0], &ep[1]);
	ep[1].answer = (mode & 0x40) ? SH_ANS_ALERT_CONNECT : SH_ANS_CONNECT;
	ep[0].answer = (mode & 0x80) ? SH_ANS_REJECT : SH_ANS_NONE;
	ep[0].answer_cause = 21;
	if (mode & 0x20)
		mcm_sig_set_trace(ep[mode & 1].s, MCM_SIG_TRACE_SSCOP | MCM_SIG_TRACE_UNI);
	/* the state to fuzz in */
	switch ((mode >> 1) & 7) {
	case 0: /* not started */
		break;
	case 1: /* establishing */
		mcm_sig_start(ep[mode & 1].s, sh_now);
		break;
	case 4: /* stopped after being up */
		mcm_sig_start(ep[0].s, sh_now);
		mcm_sig_start(ep[1].s, sh_now);
		sh_run(&ep[0], &ep[1], 50 * SH_MS);
		mcm_sig_stop(ep[mode & 1].s, sh_now);
		break;
	default: /* link up, with a call for 3 and above */
		mcm_sig_start(ep[0].s, sh_now);
		mcm_sig_start(ep[1].s, sh_now);
		sh_run(&ep[0], &ep[1], 50 * SH_MS);
		if (((mode >> 1) & 7) >= 3) {
			sh_setup(&m, 1);
			mcm_sig_setup(ep[0].s, sh_now, &m, &c);
			sh_run(&ep[0], &ep[1], 50 * SH_MS);
		}
		break;
	}
	consistent();
	while (i + 2 <= size) {
		uint8_t op = data[i], arg = data[i + 1];
		struct sh_ep *e = &ep[op >> 7];
		struct sh_ep *o = &ep[!(op >> 7)];
		size_t n;

		i += 2;
		c = some_call(e, arg & 7);
		switch (op & 0x0f) {
		case 0: /* arbitrary octets as one SSCOP PDU */
			n = arg < size - i ? arg : size - i;
			mcm_sig_input(e->s, sh_now, data + i, n);
			i += n;
			break;
		case 1: /* arbitrary Q.2931 message in a valid SD of the peer */
		case 2: {
			uint8_t b[512];

			n = arg < size - i ? arg : size - i;
			if (n > sizeof(b) - 9)
				n = sizeof(b) - 9;
			/* half of them with a real header so call control gets past 5.6.1-3 */
			if ((op & 0x0f) == 2 && n >= 4) {
				b[0] = 0x09;
				b[1] = 3;
				b[2] = (uint8_t)((op & 0x40) ? 0x80 : 0);
				b[3] = 0;
				b[4] = (uint8_t)(1 + (op & 0x30) / 16);
				memcpy(b + 5, data + i, 2);
				b[7] = (uint8_t)((n - 2) >> 8);
				b[8] = (uint8_t)(n - 2);
				memcpy(b + 9, data + i + 2, n - 2);
				mcm_sscf_uni_data_req(mcm_sig_sscf(o->s), sh_now, b, n + 7);
			} else {
				mcm_sscf_uni_data_req(mcm_sig_sscf(o->s), sh_now, data + i, n);
			}
			i += n;
			sh_run(&ep[0], &ep[1], 5 * SH_MS);
			break;
		}
		case 3:
			sh_run(&ep[0], &ep[1], (uint64_t)arg * 20 * SH_MS);
			break;
		case 4:
			sh_setup(&m, arg);
			mcm_sig_setup(e->s, sh_now, &m, &c);
			break;
		case 5:
			mcm_sig_release(e->s, sh_now, c, arg & 0x7f);
			break;
		case 6:
			mcm_sig_reject(e->s, sh_now, c, arg & 0x7f);
			break;
		case 7:
			mcm_sig_connect(e->s, sh_now, c);
			break;
		case 8:
			mcm_sig_alert(e->s, sh_now, c);
			mcm_sig_proceeding(e->s, sh_now, c);
			break;
		case 9:
			mcm_sig_status_enquiry(e->s, sh_now, c);
			break;
		case 10:
			if (arg & 1)
				mcm_sig_stop(e->s, sh_now);
			else
				mcm_sig_start(e->s, sh_now);
			break;
		case 11:
			mcm_sig_restart(e->s, sh_now, (enum mcm_uni_restart_class)(arg % 3), 0,
					(uint16_t)(32 + arg));
			break;
		case 12:
			o->cut = arg & 1;
			e->cut = arg & 2;
			break;
		case 13:
			mcm_sig_tick(e->s, sh_now + (uint64_t)arg * SH_SEC);
			break;
		default:
			sh_run(&ep[0], &ep[1], SH_MS);
			break;
		}
		consistent();
	}
	ep[0].cut = ep[1].cut = false;
	sh_run(&ep[0], &ep[1], 100 * SH_MS);
	consistent();
	sh_fini(&ep[0]);
	sh_fini(&ep[1]);
	return 0;
}
