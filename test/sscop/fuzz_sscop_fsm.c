/* SPDX-License-Identifier: BSD-3-Clause
 * Fuzz target: random event sequences into a pair of SSCOP instances. The input bytes are
 * a program: each op picks a side and an event (user signal, time step, a crafted PDU with
 * fuzzer-chosen fields, raw bytes, or delivery/loss of a PDU in flight). Checks: no
 * crash or leak, timers never left expired after a tick, queues within their bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_sscop.h"

#define QMAX 32

struct fside {
	struct mcm_sscop *s;
	int id;
	uint8_t q[QMAX][300]; /* PDUs in flight towards this side */
	size_t ql[QMAX];
	unsigned int qn;
	bool auto_resp;
};

static struct fside sides[2];
static uint64_t now;

static void
f_send(void *arg, const uint8_t *p, size_t l)
{
	struct fside *x = arg, *peer = &sides[1 - x->id];

	if (peer->qn < QMAX && l <= sizeof(peer->q[0])) {
		memcpy(peer->q[peer->qn], p, l);
		peer->ql[peer->qn++] = l;
	}
}

static void
f_sig(void *arg, enum mcm_sscop_signal sig, const uint8_t *d, size_t l, uint32_t x)
{
	struct fside *f = arg;

	(void)d;
	(void)l;
	(void)x;
	if (!f->auto_resp)
		return;
	/* re-entrant answers, as SSCF-UNI gives them */
	switch (sig) {
	case MCM_SSCOP_AA_ESTABLISH_IND:
		mcm_sscop_establish_resp(f->s, now, NULL, 0, true);
		break;
	case MCM_SSCOP_AA_RESYNC_IND:
		mcm_sscop_resync_resp(f->s, now);
		break;
	case MCM_SSCOP_AA_RECOVER_IND:
		mcm_sscop_recover_resp(f->s, now);
		break;
	default:
		break;
	}
}

static uint8_t
take(const uint8_t **d, size_t *n)
{
	uint8_t v;

	if (*n == 0)
		return 0;
	v = **d;
	(*d)++;
	(*n)--;
	return v;
}

static void
deliver(struct fside *x, bool drop)
{
	uint8_t tmp[300];
	size_t l;
	unsigned int k;

	if (x->qn == 0)
		return;
	l = x->ql[0];
	memcpy(tmp, x->q[0], l);
	for (k = 1; k < x->qn; k++) {
		memcpy(x->q[k - 1], x->q[k], x->ql[k]);
		x->ql[k - 1] = x->ql[k];
	}
	x->qn--;
	if (!drop)
		mcm_sscop_input(x->s, now, tmp, l);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mcm_sscop_params p;
	static const uint8_t msg[200];
	int i;

	mcm_sscop_params_default(&p);
	p.max_queue = 16;
	p.rx_window = 8;
	p.max_pd = 3;
	p.max_stat = 5;
	p.max_sdu = 200;
	p.max_uu = 16;
	now = 1;
	for (i = 0; i < 2; i++) {
		struct mcm_sscop_cbs cb = {f_send, f_sig, NULL, &sides[i]};

		memset(&sides[i], 0, sizeof(sides[i]));
		sides[i].id = i;
		sides[i].auto_resp = true;
		sides[i].s = mcm_sscop_create(&p, &cb);
		if (sides[i].s == NULL)
			abort();
	}
	while (size > 0) {
		uint8_t op = take(&data, &size);
		struct fside *x = &sides[op >> 7];
		struct mcm_sscop *s = x->s;
		uint8_t a = take(&data, &size);

		switch (op & 0x1f) {
		case 0: mcm_sscop_establish_req(s, now, msg, a % 20, a & 1); break;
		case 1: mcm_sscop_establish_resp(s, now, msg, a % 20, a & 1); break;
		case 2: mcm_sscop_release_req(s, now, msg, a % 20); break;
		case 3: mcm_sscop_data_req(s, now, msg, a); break;
		case 4: mcm_sscop_resync_req(s, now, NULL, 0); break;
		case 5: mcm_sscop_resync_resp(s, now); break;
		case 6: mcm_sscop_recover_resp(s, now); break;
		case 7: mcm_sscop_retrieve_req(s, now, a == 0 ? MCM_SSCOP_RN_TOTAL :
					       a == 1 ? MCM_SSCOP_RN_UNKNOWN : a); break;
		case 8: mcm_sscop_unitdata_req(s, now, msg, a); break;
		case 9:
			/* time step: up to ~16 s in 64 ms units */
			now += (uint64_t)(a + 1) * 64000000ull;
			mcm_sscop_tick(sides[0].s, now);
			mcm_sscop_tick(sides[1].s, now);
			if (mcm_sscop_next_deadline(sides[0].s) <= now ||
			    mcm_sscop_next_deadline(sides[1].s) <= now)
				__builtin_trap();
			break;
		case 10:
		case 11:
		case 12:
		case 13:
			deliver(x, false);
			break;
		case 14:
			deliver(x, true);
			break;
		case 15: {
			/* a crafted PDU with fuzzer-chosen type and small sequence numbers */
			struct mcm_sscop_pdu c = {0};
			uint32_t list[4];
			uint8_t buf[300];
			size_t n;

			c.type = (a & 0xf) ? (a & 0xf) : MCM_SSCOP_SD;
			c.nsq = take(&data, &size) & 3;
			c.ns = take(&data, &size) & 15;
			c.nps = take(&data, &size) & 7;
			c.nr = take(&data, &size) & 15;
			c.nmr = take(&data, &size) & 31;
			c.ul1 = take(&data, &size) & 15;
			c.ul2 = take(&data, &size) & 15;
			c.source_sscop = a & 0x10;
			for (n = 0; n < 4; n++)
				list[n] = take(&data, &size) & 15;
			c.list = list;
			c.list_len = (a >> 5) & 3;
			c.info = msg;
			c.info_len = a >> 4;
			n = mcm_sscop_pdu_encode(&c, buf, sizeof(buf));
			mcm_sscop_input(s, now, buf, n);
			break;
		}
		case 16: {
			/* raw bytes */
			size_t l = a % 24;

			if (l > size)
				l = size;
			mcm_sscop_input(s, now, data, l);
			data += l;
			size -= l;
			break;
		}
		case 17:
			x->auto_resp = !x->auto_resp;
			break;
		default:
			deliver(x, false);
			break;
		}
		for (i = 0; i < 2; i++) {
			uint32_t txq, txbuf, rxbuf;

			mcm_sscop_queue_lens(sides[i].s, &txq, &txbuf, &rxbuf);
			if (txq > p.max_queue || rxbuf > p.rx_window)
				__builtin_trap();
		}
	}
	/* drain: every PDU in flight delivered, time moves on */
	for (i = 0; i < 64 && (sides[0].qn || sides[1].qn); i++) {
		deliver(&sides[0], false);
		deliver(&sides[1], false);
	}
	for (i = 0; i < 2; i++)
		mcm_sscop_destroy(sides[i].s);
	return 0;
}
