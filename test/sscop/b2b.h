/* SPDX-License-Identifier: BSD-3-Clause
 * Back-to-back SSCOP pair over a simulated link with a virtual clock (tests and bench).
 */
#ifndef SSCOP_B2B_H
#define SSCOP_B2B_H

#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_sscop.h"

#define B2B_MS 1000000ull

struct pkt {
	uint64_t at;
	uint32_t len;
	bool bad_crc; /* corrupted: the AAL5 CRC-32 of the real link would drop it */
	uint8_t *data;
};

struct dir {
	struct pkt *q;
	size_t n, cap, head;
	uint64_t last_at;
};

struct link_cfg {
	double loss, dup, corrupt, reorder;
	bool crc;        /* corrupted PDUs are dropped (AAL5 CRC), else delivered */
	uint64_t delay;  /* one-way delay */
};

struct ep {
	struct b2b *b;
	int id;
	struct mcm_sscop *s;
	/* receive log */
	uint64_t last_rx_id;    /* highest id delivered, 0 = none */
	uint32_t disc;          /* connection resets seen (indications) */
	uint32_t disc_at_last_rx;
	uint64_t delivered;
	uint64_t next_id;       /* next id to send */
	uint32_t *disc_at_submit; /* per id: disc when submitted */
	size_t sub_cap;
	uint64_t reestablish_at;
	bool auto_resp;
	uint64_t violations;
	char why[160];
	uint64_t sigs[16];
	uint64_t maa[26];
};

struct b2b {
	struct ep e[2];
	struct dir d[2]; /* d[i]: packets towards e[i] */
	struct link_cfg cfg;
	uint64_t now;
	uint64_t rng;
	uint64_t pkts, lost;
};

static inline uint64_t
b2b_rand(struct b2b *b)
{
	b->rng ^= b->rng >> 12;
	b->rng ^= b->rng << 25;
	b->rng ^= b->rng >> 27;
	return b->rng * 2685821657736338717ULL;
}

static inline double
b2b_unif(struct b2b *b)
{
	return (b2b_rand(b) >> 11) * (1.0 / 9007199254740992.0);
}

static inline void
dir_push(struct dir *d, uint64_t at, const uint8_t *p, size_t len, bool bad)
{
	struct pkt *k;

	if (d->n == d->cap) {
		/* compact, then grow */
		if (d->head > 0) {
			memmove(d->q, d->q + d->head, (d->n - d->head) * sizeof(*d->q));
			d->n -= d->head;
			d->head = 0;
		}
		if (d->n == d->cap) {
			d->cap = d->cap ? 2 * d->cap : 64;
			d->q = realloc(d->q, d->cap * sizeof(*d->q));
			if (d->q == NULL)
				abort();
		}
	}
	if (at < d->last_at)
		at = d->last_at; /* FIFO: a VC never reorders */
	d->last_at = at;
	k = &d->q[d->n++];
	k->at = at;
	k->len = len;
	k->bad_crc = bad;
	k->data = malloc(len ? len : 1);
	if (k->data == NULL)
		abort();
	memcpy(k->data, p, len);
}

static inline void
b2b_send(void *arg, const uint8_t *pdu, size_t len)
{
	struct ep *e = arg;
	struct b2b *b = e->b;
	struct dir *d = &b->d[1 - e->id];
	uint8_t tmp[8192];
	int copies = 1, i;

	b->pkts++;
	if (b2b_unif(b) < b->cfg.loss) {
		b->lost++;
		return;
	}
	if (b2b_unif(b) < b->cfg.dup)
		copies = 2;
	for (i = 0; i < copies; i++) {
		bool bad = false;

		memcpy(tmp, pdu, len);
		if (len && b2b_unif(b) < b->cfg.corrupt) {
			tmp[b2b_rand(b) % len] ^= 1u << (b2b_rand(b) % 8);
			bad = true;
		}
		dir_push(d, b->now + b->cfg.delay, tmp, len, bad);
		if (b->cfg.reorder > 0 && d->n - d->head >= 2 && b2b_unif(b) < b->cfg.reorder) {
			struct pkt t = d->q[d->n - 1];

			d->q[d->n - 1] = d->q[d->n - 2];
			d->q[d->n - 2] = t;
			d->q[d->n - 1].at = d->q[d->n - 2].at; /* keep times ordered */
		}
	}
}

static inline void
b2b_note_violation(struct ep *e, const char *what, uint64_t a, uint64_t b2)
{
	if (e->violations++ == 0)
		snprintf(e->why, sizeof(e->why), "%s (%llu, %llu)", what,
			 (unsigned long long)a, (unsigned long long)b2);
}

static inline void
b2b_signal(void *arg, enum mcm_sscop_signal sig, const uint8_t *d, size_t len, uint32_t prm)
{
	struct ep *e = arg;
	struct b2b *b = e->b;
	uint64_t id;

	(void)prm;
	e->sigs[sig]++;
	switch (sig) {
	case MCM_SSCOP_AA_DATA_IND:
		if (len < 8) {
			b2b_note_violation(e, "short message", len, 0);
			return;
		}
		memcpy(&id, d, 8);
		e->delivered++;
		/* exactly once and in order: ids increase by one unless the connection
		 * was reset (and the reset reported) since the last delivery */
		if (id <= e->last_rx_id)
			b2b_note_violation(e, "duplicate or out of order", id, e->last_rx_id);
		else if (id != e->last_rx_id + 1 && e->disc == e->disc_at_last_rx)
			b2b_note_violation(e, "silent loss", id, e->last_rx_id);
		e->last_rx_id = id;
		e->disc_at_last_rx = e->disc;
		return;
	case MCM_SSCOP_AA_ESTABLISH_IND:
		e->disc++;
		if (e->auto_resp)
			mcm_sscop_establish_resp(e->s, b->now, NULL, 0, true);
		return;
	case MCM_SSCOP_AA_RESYNC_IND:
		e->disc++;
		if (e->auto_resp)
			mcm_sscop_resync_resp(e->s, b->now);
		return;
	case MCM_SSCOP_AA_RECOVER_IND:
		e->disc++;
		if (e->auto_resp)
			mcm_sscop_recover_resp(e->s, b->now);
		return;
	case MCM_SSCOP_AA_RELEASE_IND:
	case MCM_SSCOP_AA_RELEASE_CONF:
		e->disc++;
		/* the user tries again a little later (random back-off) */
		if (e->auto_resp)
			e->reestablish_at = b->now + (1 + b2b_rand(b) % 500) * B2B_MS;
		return;
	case MCM_SSCOP_AA_ESTABLISH_CONF:
	case MCM_SSCOP_AA_RESYNC_CONF:
		e->disc++;
		return;
	default:
		return;
	}
}

static inline void
b2b_maa(void *arg, char code, uint32_t count)
{
	struct ep *e = arg;

	(void)count;
	if (code >= 'A' && code <= 'Z')
		e->maa[code - 'A']++;
}

static inline int
b2b_init(struct b2b *b, const struct mcm_sscop_params *p, uint64_t seed)
{
	int i;

	memset(b, 0, sizeof(*b));
	b->rng = seed * 0x9e3779b97f4a7c15ull + 1;
	b->cfg.delay = B2B_MS;
	b->now = 1;
	for (i = 0; i < 2; i++) {
		struct mcm_sscop_cbs cb = {b2b_send, b2b_signal, b2b_maa, &b->e[i]};

		b->e[i].b = b;
		b->e[i].id = i;
		b->e[i].next_id = 1;
		b->e[i].auto_resp = true;
		b->e[i].reestablish_at = UINT64_MAX;
		b->e[i].s = mcm_sscop_create(p, &cb);
		if (b->e[i].s == NULL)
			return -1;
	}
	return 0;
}

static inline void
b2b_fini(struct b2b *b)
{
	int i;
	size_t k;

	for (i = 0; i < 2; i++) {
		mcm_sscop_destroy(b->e[i].s);
		free(b->e[i].disc_at_submit);
		for (k = b->d[i].head; k < b->d[i].n; k++)
			free(b->d[i].q[k].data);
		free(b->d[i].q);
	}
}

/* Earliest pending event (packet, timer, re-establishment), UINT64_MAX if none. */
static inline uint64_t
b2b_next_event(const struct b2b *b)
{
	uint64_t t = UINT64_MAX, x;
	int i;

	for (i = 0; i < 2; i++) {
		const struct dir *d = &b->d[i];

		if (d->head < d->n && d->q[d->head].at < t)
			t = d->q[d->head].at;
		x = mcm_sscop_next_deadline(b->e[i].s);
		if (x < t)
			t = x;
		if (b->e[i].reestablish_at < t)
			t = b->e[i].reestablish_at;
	}
	return t;
}

/* Process every event up to and including @p until. */
static inline void
b2b_run_until(struct b2b *b, uint64_t until)
{
	for (;;) {
		uint64_t t = b2b_next_event(b);
		int i;

		if (t > until)
			break;
		if (t > b->now)
			b->now = t;
		for (i = 0; i < 2; i++) {
			struct dir *d = &b->d[i];
			struct ep *e = &b->e[i];

			while (d->head < d->n && d->q[d->head].at <= b->now) {
				struct pkt k = d->q[d->head++];

				if (!(k.bad_crc && b->cfg.crc))
					mcm_sscop_input(e->s, b->now, k.data, k.len);
				free(k.data);
			}
			if (mcm_sscop_next_deadline(e->s) <= b->now)
				mcm_sscop_tick(e->s, b->now);
			if (e->reestablish_at <= b->now) {
				e->reestablish_at = UINT64_MAX;
				if (mcm_sscop_state(e->s) == MCM_SSCOP_S_IDLE)
					mcm_sscop_establish_req(e->s, b->now, NULL, 0, true);
			}
		}
	}
	if (until > b->now)
		b->now = until;
}

/* ---------- a PDU queue between two ends in memory, without the link model ---------- */

#define B2B_PQ_N 64    /* PDUs queued towards one end */
#define B2B_PQ_LEN 128 /* largest PDU a queue holds */

struct b2b_pq {
	uint8_t q[B2B_PQ_N][B2B_PQ_LEN];
	size_t ql[B2B_PQ_N];
	unsigned int qn;
};

/* Queue a PDU for delivery later, never re-entrantly; one longer than @p max octets, or
 * one more than the queue holds, is lost. */
static inline void
b2b_pq_push(struct b2b_pq *q, const uint8_t *pdu, size_t len, size_t max)
{
	if (q->qn < B2B_PQ_N && len <= max && len <= B2B_PQ_LEN) {
		memcpy(q->q[q->qn], pdu, len);
		q->ql[q->qn++] = len;
	}
}

/* Deliver what the two queues hold, the oldest PDU of each in turn, until both are empty:
 * @p in gets each with the index of its queue, and may queue more. */
static inline void
b2b_pq_pump(struct b2b_pq *q[2], void (*in)(void *arg, int i, const uint8_t *pdu, size_t len),
	    void *arg)
{
	int moved = 1;

	while (moved) {
		int i;

		moved = 0;
		for (i = 0; i < 2; i++) {
			uint8_t tmp[B2B_PQ_LEN];
			size_t l;
			unsigned int k;

			if (q[i]->qn == 0)
				continue;
			l = q[i]->ql[0];
			memcpy(tmp, q[i]->q[0], l);
			for (k = 1; k < q[i]->qn; k++) {
				memcpy(q[i]->q[k - 1], q[i]->q[k], q[i]->ql[k]);
				q[i]->ql[k - 1] = q[i]->ql[k];
			}
			q[i]->qn--;
			in(arg, i, tmp, l);
			moved = 1;
		}
	}
}

/* Submit one message with an 8-byte id and @p extra filler octets. */
static inline int
b2b_submit(struct b2b *b, int i, size_t extra)
{
	struct ep *e = &b->e[i];
	uint8_t m[256];
	int rc;

	if (extra > sizeof(m) - 8)
		extra = sizeof(m) - 8;
	memcpy(m, &e->next_id, 8);
	memset(m + 8, (int)e->next_id, extra);
	rc = mcm_sscop_data_req(e->s, b->now, m, 8 + extra);
	if (rc == 0) {
		if (e->next_id >= e->sub_cap) {
			e->sub_cap = e->sub_cap ? 2 * e->sub_cap : 1024;
			e->disc_at_submit = realloc(e->disc_at_submit,
						    e->sub_cap * sizeof(uint32_t));
			if (e->disc_at_submit == NULL)
				abort();
		}
		e->disc_at_submit[e->next_id] = e->disc;
		e->next_id++;
	}
	return rc;
}

#endif
