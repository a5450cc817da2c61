/* SPDX-License-Identifier: BSD-3-Clause
 * Fuzz target: SSCOP PDU decoding (Q.2110 7.1). Any input must decode or be refused
 * without a crash; what decodes must re-encode to the same length and decode to the same
 * fields, and feeding it to an instance must be harmless.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_sscop.h"

static void
n_send(void *arg, const uint8_t *p, size_t l)
{
	(void)arg;
	(void)p;
	(void)l;
}

static void
n_sig(void *arg, enum mcm_sscop_signal s, const uint8_t *d, size_t l, uint32_t x)
{
	(void)arg;
	(void)s;
	(void)d;
	(void)l;
	(void)x;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mcm_sscop_pdu p, q;
	static uint8_t buf[70000];
	struct mcm_sscop_cbs cb = {n_send, n_sig, NULL, NULL};
	struct mcm_sscop *s;
	size_t n;
	uint32_t i;

	if (mcm_sscop_pdu_decode(data, size, &p) == MCM_SSCOP_DEC_OK) {
		uint32_t *list = NULL;

		if (p.type == MCM_SSCOP_STAT && p.list_len) {
			list = malloc(sizeof(uint32_t) * p.list_len);
			if (list == NULL)
				return 0;
			for (i = 0; i < p.list_len; i++)
				list[i] = mcm_sscop_pdu_list_get(&p, i);
			p.list = list;
		}
		n = mcm_sscop_pdu_encode(&p, buf, sizeof(buf));
		if (size <= sizeof(buf) && n != size)
			__builtin_trap();
		if (n && (mcm_sscop_pdu_decode(buf, n, &q) != 0 || q.type != p.type ||
			  q.nsq != p.nsq || q.nmr != p.nmr || q.ns != p.ns || q.nps != p.nps ||
			  q.nr != p.nr || q.info_len != p.info_len || q.list_len != p.list_len ||
			  q.ul1 != p.ul1 || q.ul2 != p.ul2 || q.source_sscop != p.source_sscop ||
			  (q.info_len && memcmp(q.info, p.info, q.info_len) != 0)))
			__builtin_trap();
		free(list);
	}
	/* the same bytes into an established instance */
	s = mcm_sscop_create(NULL, &cb);
	if (s == NULL)
		return 0;
	{
		uint8_t bgn[8] = {0, 0, 0, 1, 0x01, 0, 0, 64};

		mcm_sscop_input(s, 1, bgn, sizeof(bgn));
		mcm_sscop_establish_resp(s, 1, NULL, 0, true);
	}
	mcm_sscop_input(s, 2, data, size);
	mcm_sscop_tick(s, 10000000000ull);
	mcm_sscop_destroy(s);
	return 0;
}
