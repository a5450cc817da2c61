/* SPDX-License-Identifier: BSD-3-Clause
 * UNI call control: the timers of Q.2931 clause 9 (tables 9-1, 9-2), Q.2971 clause 9 and
 * UNI 4.0 5.7: their values and defaults in one table, starting and stopping the call and
 * party timers, and the tick that hands each expiry to the procedure that owns the timer
 * (uni_call.c T303 T308 T310 T313, uni_coord.c T309 T322, uni_party.c T397 T398 T399,
 * uni_reset.c T316 T317).
 */
#include <stddef.h>

#include "uni_call_priv.h"

/* Where each timer's value sits in struct mcm_uni_timers, and its default (ms). */
#define T(kind, field, ms) [kind] = { offsetof(struct mcm_uni_timers, field), ms }
static const struct {
	uint16_t off;
	uint32_t dflt;
} uni_timer_tab[] = {
	T(UNI_T303, t303, 4000),     /* Q.2931 table 9-1/9-2 */
	T(UNI_T308, t308, 30000),    /* Q.2931 table 9-1/9-2 */
	T(UNI_T309, t309, 10000),    /* UNI 4.0 5.7 (Q.2931: 90 s) */
	T(UNI_T310, t310, 10000),    /* UNI 4.0 5.7 (Q.2931: 30..120 s) */
	T(UNI_T313, t313, 4000),     /* Q.2931 table 9-2 */
	T(UNI_T316, t316, 120000),   /* Q.2931 table 9-1/9-2 */
	T(UNI_T317, t317, 60000),    /* Q.2931 table 9-1/9-2: implementation dependent, < T316 */
	T(UNI_T322, t322, 4000),     /* Q.2931 table 9-1/9-2 */
	T(UNI_T397, t397, 180000),   /* Q.2971 table 9 */
	T(UNI_T398, t398, 4000),     /* Q.2971 table 9 */
	T(UNI_T399, t399, 14000),    /* Q.2971 table 9 / UNI 4.0 (user side) */
};
#undef T

#define UNI_NTIMERS (sizeof(uni_timer_tab) / sizeof(uni_timer_tab[0]))

static uint32_t *
timer_field(struct mcm_uni_timers *t, uint8_t kind)
{
	return (uint32_t *)((uint8_t *)t + uni_timer_tab[kind].off);
}

void
uni_timers_fill(struct mcm_uni_timers *t)
{
	uint8_t k;

	for (k = UNI_T303; k < UNI_NTIMERS; k++)
		if (*timer_field(t, k) == 0)
			*timer_field(t, k) = uni_timer_tab[k].dflt;
}

static uint32_t
timer_ms(const struct mcm_uni *u, uint8_t kind)
{
	if (kind == UNI_T_NONE || kind >= UNI_NTIMERS)
		return 0;
	return *(const uint32_t *)((const uint8_t *)&u->p.timers + uni_timer_tab[kind].off);
}

void
uni_call_timer_start(struct mcm_uni *u, uint32_t idx, uint8_t kind)
{
	u->calls[idx].tkind = kind;
	uni_timer_arm(&u->th, UNI_TID_CALL(idx), u->now + timer_ms(u, kind));
}

void
uni_call_timer_stop(struct mcm_uni *u, uint32_t idx)
{
	u->calls[idx].tkind = UNI_T_NONE;
	uni_timer_disarm(&u->th, UNI_TID_CALL(idx));
}

void
uni_party_timer_start(struct mcm_uni *u, uint32_t pi, uint8_t kind)
{
	u->parties[pi].tkind = kind;
	uni_timer_arm(&u->th, u->tid_party + pi, u->now + timer_ms(u, kind));
}

void
uni_party_timer_stop(struct mcm_uni *u, uint32_t pi)
{
	u->parties[pi].tkind = UNI_T_NONE;
	uni_timer_disarm(&u->th, u->tid_party + pi);
}

uint64_t
mcm_uni_next_deadline(const struct mcm_uni *u)
{
	if (u->th.n == 0)
		return UINT64_MAX;
	return u->th.deadline[u->th.heap[0]];
}

void
mcm_uni_tick(struct mcm_uni *u, uint64_t now)
{
	uint32_t id;

	uni_set_now(u, now);
	while ((id = uni_timer_pop_due(&u->th, u->now)) != UNI_NIL) {
		u->st.timer_expiries++;
		if (id < u->tid_party) {
			if (id & 1)
				uni_t322_timeout(u, id / 2);
			else
				uni_call_timeout(u, id / 2);
		} else if (id < u->tid_global) {
			uni_party_timeout(u, id - u->tid_party);
		} else if (id == UNI_TID_T309(u)) {
			uni_t309_timeout(u);
		} else {
			uni_restart_timeout(u, id);
		}
	}
}
