/* SPDX-License-Identifier: BSD-3-Clause
 * Internal structures of the UNI call control: call and party pools, call reference and
 * VPI/VCI hash tables, timer heap, and the functions the procedure files share (one section
 * per file; doc/uni-call.md says which file holds which clauses). Not part of the API.
 */
#ifndef UNI_CALL_PRIV_H
#define UNI_CALL_PRIV_H

#include <stdint.h>

#include "mcm_uni.h"

#define UNI_NIL UINT32_MAX

/* Largest message we encode; a SETUP copy slot has this size too. */
#define UNI_TXBUF 1024

/* Call reference values are 23 bits (Q.2931 4.3); value 0 is the global call reference. */
#define UNI_CREF_MASK 0x7fffffu
/* Key of a call in the hash: value, plus bit 23 set when this side allocated it. */
#define UNI_KEY_LOCAL 0x800000u
/* Endpoint reference values are 15 bits (Q.2971 8.2.1). */
#define UNI_EPREF_MASK 0x7fffu
#define UNI_EPKEY_LOCAL 0x8000u

/* Call handles: slot index + 1 in the low bits, a generation above (detects stale handles). */
#define UNI_HANDLE_BITS 22
#define UNI_HANDLE_MASK ((1u << UNI_HANDLE_BITS) - 1)
#define UNI_MAX_CALLS (UNI_HANDLE_MASK - 1)

/* Timer kinds (one per standard timer; UNI_T_NONE when idle). */
enum uni_timer {
	UNI_T_NONE = 0,
	UNI_T303, UNI_T308, UNI_T309, UNI_T310, UNI_T313, UNI_T316, UNI_T317, UNI_T322,
	UNI_T397, UNI_T398, UNI_T399,
};

/* Call flags. */
#define UNI_CF_USED 0x01
#define UNI_CF_LOCAL 0x02      /* we originated the call (sent the SETUP) */
#define UNI_CF_P2MP 0x04
#define UNI_CF_HAS_VC 0x08     /* vpi/vci assigned and in the VC hash */
#define UNI_CF_VC_ACTIVE 0x10  /* VC_ACTIVATE delivered, not yet deactivated */
#define UNI_CF_VC_OWNED 0x20   /* network side: VPI/VCI allocated by us */
#define UNI_CF_AAL_NEG 0x40    /* our CONNECT carries the negotiated AAL parameters */

/* One call: bounded, fixed size. */
struct uni_call {
	uint32_t key;          /* call reference value | UNI_KEY_LOCAL */
	uint32_t hnext;        /* call reference hash chain / free list */
	uint32_t vnext;        /* VPI/VCI hash chain */
	uint32_t party_head;   /* first party (p2mp) */
	uint32_t cookie;
	uint32_t setup_buf;    /* SETUP copy for T303 retransmission, or UNI_NIL */
	uint16_t gen;
	uint16_t vpi, vci;
	uint16_t next_epref;   /* next endpoint reference value to try */
	uint16_t nparties;
	uint8_t state;         /* enum mcm_uni_call_state */
	uint8_t flags;         /* UNI_CF_* */
	uint8_t tkind;         /* main call timer kind */
	uint8_t tcount;        /* transmissions of the message the main timer guards */
	uint8_t t322_count;    /* STATUS ENQUIRY transmissions */
	uint8_t cause;         /* RELEASE cause, kept for the T308 retransmission */
	struct mcm_uni_contract contract;
};

/* One party of a point-to-multipoint call (Q.2971). */
struct uni_party {
	uint32_t call;         /* call slot index, or free-list link when unused */
	uint32_t next;         /* next party of the call */
	uint16_t epkey;        /* endpoint reference value | UNI_EPKEY_LOCAL */
	uint8_t state;         /* enum mcm_uni_ep_state */
	uint8_t tkind;
	uint8_t cause;         /* DROP PARTY cause for the T398 context */
	uint8_t used;
};

/* Timer heap: a binary min-heap of timer ids over per-id deadline and position arrays. */
struct uni_heap {
	uint32_t *heap;        /* timer ids */
	uint32_t n;
	uint64_t *deadline;    /* per id */
	uint32_t *pos;         /* per id: index in heap, UNI_NIL if not armed */
	uint32_t ids;
};

struct mcm_uni {
	struct mcm_uni_params p;
	uint64_t now;
	/* calls */
	struct uni_call *calls;
	uint32_t ncalls;
	uint32_t call_free;
	uint32_t *cbkt;        /* cref hash buckets */
	uint32_t *vbkt;        /* VPI/VCI hash buckets */
	uint32_t hmask;
	uint32_t next_cref;
	/* parties */
	struct uni_party *parties;
	uint32_t party_free;
	/* SETUP retransmission buffers */
	uint8_t *sbuf;
	uint16_t *slen;
	uint32_t *sfree;
	uint32_t nsfree;
	/* VPI/VCI allocation cursor (network side) */
	uint16_t cur_vpi, cur_vci;
	/* timers */
	struct uni_heap th;
	uint32_t tid_party;    /* first party timer id */
	uint32_t tid_global;   /* T309, T316, T317 ids follow */
	/* global call reference: restart */
	uint8_t rstate;        /* our RESTART: MCM_UNI_RS_NULL or MCM_UNI_RS_REQUEST (Rest1) */
	bool rin;              /* a received RESTART awaits its answer (Rest2) */
	uint8_t rclass;
	uint8_t rcount;
	uint16_t rvpi, rvci;
	uint8_t rin_class;
	uint16_t rin_vpi, rin_vci;
	/* link */
	uint8_t link;
	bool in_destroy;
	struct mcm_uni_stats st;
	size_t mem;
	/* scratch message for encoding and decoding (too big for the stack of small threads) */
	struct mcm_uni_msg *scratch;
	struct mcm_uni_msg *rx;
	uint8_t *txbuf;
};

/* Timer ids. */
#define UNI_TID_CALL(i) (2u * (i))
#define UNI_TID_T322(i) (2u * (i) + 1u)
#define UNI_TID_T309(u) ((u)->tid_global)
#define UNI_TID_T316(u) ((u)->tid_global + 1u)
#define UNI_TID_T317(u) ((u)->tid_global + 2u)

/* ---- uni_call_tables.c: timer heap, hash tables, allocators ---- */
int uni_heap_init(struct uni_heap *h, uint32_t ids);
void uni_heap_free(struct uni_heap *h);
void uni_timer_arm(struct uni_heap *h, uint32_t id, uint64_t deadline);
void uni_timer_disarm(struct uni_heap *h, uint32_t id);
static inline bool uni_timer_armed(const struct uni_heap *h, uint32_t id)
{
	return h->pos[id] != UNI_NIL;
}
/* Pop the earliest timer if due at @now; UNI_NIL otherwise. */
uint32_t uni_timer_pop_due(struct uni_heap *h, uint64_t now);

uint32_t uni_hash32(uint32_t k);
uint32_t uni_call_find(const struct mcm_uni *u, uint32_t key);
void uni_call_hash_add(struct mcm_uni *u, uint32_t idx);
void uni_call_hash_del(struct mcm_uni *u, uint32_t idx);
uint32_t uni_vc_find(const struct mcm_uni *u, uint16_t vpi, uint16_t vci);
bool uni_vc_taken(const struct mcm_uni *u, uint16_t vpi, uint16_t vci);
void uni_vc_hash_add(struct mcm_uni *u, uint32_t idx);
void uni_vc_hash_del(struct mcm_uni *u, uint32_t idx);
int uni_vc_alloc(struct mcm_uni *u, uint16_t *vpi, uint16_t *vci);
int uni_vc_alloc_in_vpi(struct mcm_uni *u, uint16_t vpi, uint16_t *vci);
uint32_t uni_cref_alloc(struct mcm_uni *u);

/* ---- small helpers of every procedure ---- */

static inline bool
uni_is_net(const struct mcm_uni *u)
{
	return u->p.side == MCM_UNI_SIDE_NETWORK;
}

static inline uint32_t
uni_handle_of(const struct mcm_uni *u, uint32_t idx)
{
	return ((uint32_t)u->calls[idx].gen << UNI_HANDLE_BITS) | (idx + 1);
}

/* Slot of a call handle; UNI_NIL when the handle is not (or no longer) in use. */
static inline uint32_t
uni_idx_of(const struct mcm_uni *u, uint32_t h)
{
	uint32_t i = (h & UNI_HANDLE_MASK);

	if (i == 0 || i > u->ncalls)
		return UNI_NIL;
	i--;
	if (!(u->calls[i].flags & UNI_CF_USED) || (h >> UNI_HANDLE_BITS) != u->calls[i].gen)
		return UNI_NIL;
	return i;
}

/* Time is an input and never goes back. */
static inline void
uni_set_now(struct mcm_uni *u, uint64_t now)
{
	if (now > u->now)
		u->now = now;
}

/* Entry of a user primitive on a call: the clock first, then the call (NULL: none). */
static inline struct uni_call *
uni_call_of(struct mcm_uni *u, uint32_t call, uint64_t now, uint32_t *idx)
{
	uni_set_now(u, now);
	*idx = uni_idx_of(u, call);
	return *idx == UNI_NIL ? NULL : &u->calls[*idx];
}

static inline void
uni_emit(struct mcm_uni *u, struct mcm_uni_event *ev)
{
	u->p.ops.event(u->p.ctx, ev);
}

/* Party key of an endpoint reference IE: the flag says the receiver allocated it (Q.2971
 * 8.2.1), so a flag set in a received message names one of ours. */
static inline uint16_t
uni_epkey_of(const struct mcm_uni_msg *m)
{
	return (m->epref.value & UNI_EPREF_MASK) | (m->epref.flag ? UNI_EPKEY_LOCAL : 0);
}

/* ---- uni_inst.c: pools ---- */
uint32_t uni_call_alloc(struct mcm_uni *u, uint32_t key);
void uni_call_free(struct mcm_uni *u, uint32_t idx);
void uni_setup_buf_release(struct mcm_uni *u, struct uni_call *c);
uint32_t uni_party_alloc(struct mcm_uni *u, uint32_t idx, uint16_t epkey, uint8_t state);
void uni_party_free(struct mcm_uni *u, uint32_t pi);
uint32_t uni_party_find(const struct mcm_uni *u, uint32_t idx, uint16_t epkey);

/* ---- uni_msg.c: messages out and events ---- */
void uni_emit_call(struct mcm_uni *u, uint32_t idx, enum mcm_uni_event_type type,
		   uint8_t cause, const struct mcm_uni_msg *m);
int uni_send_encoded(struct mcm_uni *u, const uint8_t *buf, size_t len);
int uni_send_msg(struct mcm_uni *u, const struct mcm_uni_msg *m);
void uni_add_cause(const struct mcm_uni *u, struct mcm_uni_msg *m, uint8_t cause,
		   const uint8_t *diag, uint8_t diag_len);
void uni_set_epref(struct mcm_uni_msg *m, uint16_t value, bool flag);
void uni_set_connid(struct mcm_uni_msg *m, uint16_t vpi, uint16_t vci);
struct mcm_uni_msg *uni_msg_call(struct mcm_uni *u, uint32_t idx, uint8_t type);
bool uni_ie_allowed(const struct mcm_uni *u, uint8_t type, uint8_t ie);
void uni_strip_disallowed(const struct mcm_uni *u, struct mcm_uni_msg *m);
void uni_contract_from(struct mcm_uni_contract *k, const struct mcm_uni_msg *m);
void uni_send_release_complete(struct mcm_uni *u, uint32_t cref, bool flag, uint8_t cause,
			       const uint8_t *diag, uint8_t diag_len);
void uni_send_status(struct mcm_uni *u, uint32_t cref, bool flag, uint8_t state, uint8_t cause,
		     const uint8_t *diag, uint8_t diag_len, const struct uni_party *ep);
void uni_call_status(struct mcm_uni *u, uint32_t idx, uint8_t cause, const uint8_t *diag,
		     uint8_t diag_len, const struct uni_party *ep);

/* ---- uni_call.c: call establishment and clearing (Q.2931 5.1-5.4) ---- */
void uni_call_clear_local(struct mcm_uni *u, uint32_t idx, uint8_t cause,
			  const struct mcm_uni_msg *m);
void uni_send_release(struct mcm_uni *u, uint32_t idx, uint8_t cause, const uint8_t *diag,
		      uint8_t diag_len);
void uni_setup_input(struct mcm_uni *u, const struct mcm_uni_msg *m,
		     const struct mcm_uni_decode_report *rep);
void uni_progress_input(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m);
void uni_release_input(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m,
		       uint8_t rc_cause, const uint8_t *diag, uint8_t diag_len);
void uni_call_timeout(struct mcm_uni *u, uint32_t idx);

/* ---- uni_party.c: point-to-multipoint parties (Q.2971) ---- */
void uni_add_first_epref(struct mcm_uni *u, uint32_t idx, struct mcm_uni_msg *m);
void uni_set_party0_state(struct mcm_uni *u, uint32_t idx, uint8_t st);
void uni_party_event(struct mcm_uni *u, uint32_t idx, uint16_t epkey,
		     enum mcm_uni_event_type type, uint8_t cause, const struct mcm_uni_msg *m);
void uni_party_input(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m);
void uni_party_timeout(struct mcm_uni *u, uint32_t pi);

/* ---- uni_reset.c: restart (Q.2931 5.5) ---- */
void uni_global_input(struct mcm_uni *u, const struct mcm_uni_msg *m,
		      const struct mcm_uni_decode_report *rep);
void uni_restart_timeout(struct mcm_uni *u, uint32_t id);

/* ---- uni_coord.c: received messages, error procedures, SAAL (Q.2931 5.6) ---- */
void uni_unexpected_input(struct mcm_uni *u, uint32_t idx, const struct mcm_uni_msg *m);
void uni_t322_timeout(struct mcm_uni *u, uint32_t idx);
void uni_t309_timeout(struct mcm_uni *u);

/* ---- uni_timer.c: timers (Q.2931 clause 9, Q.2971 clause 9) ---- */
void uni_timers_fill(struct mcm_uni_timers *t);
void uni_call_timer_start(struct mcm_uni *u, uint32_t idx, uint8_t kind);
void uni_call_timer_stop(struct mcm_uni *u, uint32_t idx);
void uni_party_timer_start(struct mcm_uni *u, uint32_t pi, uint8_t kind);
void uni_party_timer_stop(struct mcm_uni *u, uint32_t pi);

#endif
