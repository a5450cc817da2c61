/* SPDX-License-Identifier: BSD-3-Clause
 * Helpers shared by the test programs of the UNI call control (uni_call_*_test.c): the
 * messages a test endpoint sent, popped and decoded; messages injected, well formed or
 * hand-made; events looked up; two instances paired back to back. Included by each
 * program, so CHECK counts in that program's totals.
 */
#ifndef UNI_CALL_TEST_H
#define UNI_CALL_TEST_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_check.h"
#include "uni_harness.h"

/* The last message popped (rxm, rxrep) and a message being built to inject (txm, which not
 * every program needs). */
static struct mcm_uni_msg rxm;
static struct mcm_uni_msg txm __attribute__((unused));
static struct mcm_uni_decode_report rxrep;

/* Give the message being built (txm) one cause IE. */
static inline void
tx_cause(uint8_t cause)
{
	txm.n_cause = 1;
	txm.cause[0].h.present = true;
	txm.cause[0].cause = cause;
}

/* Pop the next message @e sent and decode it; its type, or -1 if none. */
static inline int
pop(struct h_ep *e)
{
	uint8_t b[HQ_SLOT];
	size_t len;

	if (!h_take(e, b, &len))
		return -1;
	if (mcm_uni_msg_decode(b, len, &rxm, &rxrep) != 0)
		return -2;
	return rxm.type;
}

static inline uint8_t
rx_cause(void)
{
	return rxm.n_cause ? rxm.cause[0].cause : 0;
}

#define EXPECT(e, t, c) do { \
	int _t = pop(e); \
	CHECK(_t == (t), "%s sent %d (%s), expected %s", (e)->name, _t, \
	      _t >= 0 ? mcm_uni_msg_name((uint8_t)_t) : "nothing", mcm_uni_msg_name(t)); \
	if (_t == (t) && (c) != 0) \
		CHECK(rx_cause() == (c), "%s cause %u, expected %u", \
		      mcm_uni_msg_name(t), rx_cause(), (unsigned int)(c)); \
} while (0)

#define EXPECT_NONE(e) do { \
	int _t = pop(e); \
	CHECK(_t == -1, "%s sent %d (%s), expected nothing", (e)->name, _t, \
	      _t >= 0 ? mcm_uni_msg_name((uint8_t)_t) : "?"); \
} while (0)

static inline void
inject(struct h_ep *e, const struct mcm_uni_msg *m, uint64_t now)
{
	uint8_t b[HQ_SLOT];
	int n = mcm_uni_msg_encode(m, b, sizeof(b));

	CHECK(n > 0, "encode %s: %d", mcm_uni_msg_name(m->type), n);
	if (n > 0) {
		e->now = now;
		mcm_uni_input(e->u, b, (size_t)n, now);
	}
}

static inline void
inject_raw(struct h_ep *e, const uint8_t *b, size_t n, uint64_t now)
{
	e->now = now;
	mcm_uni_input(e->u, b, n, now);
}

/* Hand-made message for hostile cases: header + the given IE octets. */
static inline size_t
raw_msg(uint8_t *b, uint32_t cref, bool flag, uint8_t type, uint8_t msgins, const uint8_t *ies,
	size_t ieslen)
{
	b[0] = 0x09;
	b[1] = 3;
	b[2] = (uint8_t)((flag ? 0x80 : 0) | ((cref >> 16) & 0x7f));
	b[3] = (uint8_t)(cref >> 8);
	b[4] = (uint8_t)cref;
	b[5] = type;
	b[6] = (uint8_t)(0x80 | msgins);
	b[7] = (uint8_t)(ieslen >> 8);
	b[8] = (uint8_t)ieslen;
	if (ieslen)
		memcpy(b + 9, ies, ieslen);
	return 9 + ieslen;
}

/* Remove IE @id from an encoded message (or only its contents when @keep_hdr). */
static inline size_t
cut_ie(uint8_t *b, size_t n, uint8_t id, bool keep_hdr)
{
	size_t off = 9;

	while (off + 4 <= n) {
		size_t l = ((size_t)b[off + 2] << 8) | b[off + 3];

		if (b[off] == id) {
			size_t from = keep_hdr ? off + 4 : off;
			size_t cut = off + 4 + l - from;
			size_t ml;

			memmove(b + from, b + from + cut, n - from - cut);
			if (keep_hdr)
				b[off + 2] = b[off + 3] = 0;
			n -= cut;
			ml = n - 9;
			b[7] = (uint8_t)(ml >> 8);
			b[8] = (uint8_t)ml;
			return n;
		}
		off += 4 + l;
	}
	return n;
}

static inline uint32_t
count_of(const struct h_ep *e, enum mcm_uni_event_type t)
{
	return e->count[t];
}

static inline const struct h_ev *
last_ev(const struct h_ep *e, enum mcm_uni_event_type t)
{
	uint32_t i;

	for (i = e->nev; i > 0 && e->nev - i < HEV_CAP; i--) {
		const struct h_ev *r = &e->ev[(i - 1) % HEV_CAP];

		if (r->type == t)
			return r;
	}
	return NULL;
}

static inline uint32_t
setup_call(struct h_ep *from, bool p2mp, uint64_t now)
{
	struct mcm_uni_msg m;
	uint32_t call = 0;
	int rc;

	h_setup_msg(&m, p2mp);
	rc = mcm_uni_setup_request(from->u, &m, &call, now);
	CHECK(rc == 0, "%s setup_request: %d", from->name, rc);
	return call;
}

static inline void
pair(struct h_ep *usr, struct h_ep *net, uint32_t max_calls)
{
	h_init(usr, "user", MCM_UNI_SIDE_USER, max_calls, NULL);
	h_init(net, "network", MCM_UNI_SIDE_NETWORK, max_calls, NULL);
	h_link_up(usr, net, 0);
}

static inline void
unpair(struct h_ep *usr, struct h_ep *net)
{
	CHECK(mcm_uni_selfcheck(usr->u) == 0, "user instance consistent");
	CHECK(mcm_uni_selfcheck(net->u) == 0, "network instance consistent");
	h_fini(usr);
	h_fini(net);
}

#endif /* UNI_CALL_TEST_H */
