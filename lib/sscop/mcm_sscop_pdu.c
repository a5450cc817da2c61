/* SPDX-License-Identifier: BSD-3-Clause
 * SSCOP PDU codec, Q.2110 clause 7.1.
 */
#include <string.h>

#include "mcm_sscop_pdu.h"

#define PL_SHIFT 6
#define S_BIT 0x10   /* END: source bit (Q.2110 7.1.4) */
#define RSV_BIT 0x20 /* reserved bit between PL and S */

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

size_t
mcm_sscop_pdu_trailer_len(enum mcm_sscop_pdu_type type)
{
	switch (type) {
	case MCM_SSCOP_SD:
	case MCM_SSCOP_UD:
	case MCM_SSCOP_MD:
		return 4;
	case MCM_SSCOP_BGN:
	case MCM_SSCOP_BGAK:
	case MCM_SSCOP_BGREJ:
	case MCM_SSCOP_END:
	case MCM_SSCOP_ENDAK:
	case MCM_SSCOP_RS:
	case MCM_SSCOP_RSAK:
	case MCM_SSCOP_ER:
	case MCM_SSCOP_ERAK:
	case MCM_SSCOP_POLL:
		return 8;
	case MCM_SSCOP_STAT:
		return 12; /* plus 4 per list element */
	case MCM_SSCOP_USTAT:
		return 16;
	}
	return 0;
}

bool
mcm_sscop_pdu_has_info(enum mcm_sscop_pdu_type type)
{
	switch (type) {
	case MCM_SSCOP_BGN:
	case MCM_SSCOP_BGAK:
	case MCM_SSCOP_BGREJ:
	case MCM_SSCOP_END:
	case MCM_SSCOP_RS:
	case MCM_SSCOP_SD:
	case MCM_SSCOP_UD:
	case MCM_SSCOP_MD:
		return true;
	default:
		return false;
	}
}

static size_t
pad_of(size_t n)
{
	return (4 - (n & 3)) & 3;
}

size_t
mcm_sscop_pdu_len(const struct mcm_sscop_pdu *pdu)
{
	size_t t = mcm_sscop_pdu_trailer_len(pdu->type);
	size_t n = 0;

	if (t == 0)
		return 0;
	if (mcm_sscop_pdu_has_info(pdu->type))
		n = pdu->info_len + pad_of(pdu->info_len);
	if (pdu->type == MCM_SSCOP_STAT)
		n += 4 * (size_t)pdu->list_len;
	return n + t;
}

size_t
mcm_sscop_pdu_encode(const struct mcm_sscop_pdu *pdu, uint8_t *buf, size_t cap)
{
	size_t len = mcm_sscop_pdu_len(pdu);
	uint8_t pl = 0, *p = buf;
	uint32_t last = 0;
	uint32_t i;

	if (len == 0 || len > cap)
		return 0;
	if (mcm_sscop_pdu_has_info(pdu->type)) {
		pl = pad_of(pdu->info_len);
		if (pdu->info_len)
			memcpy(p, pdu->info, pdu->info_len);
		p += pdu->info_len;
		memset(p, 0, pl);
		p += pl;
	}
	switch (pdu->type) {
	case MCM_SSCOP_BGN:
	case MCM_SSCOP_RS:
	case MCM_SSCOP_ER:
		put32(p, pdu->nsq); /* 7.1.1: reserved(24) | N(SQ) */
		p += 4;
		last = pdu->nmr;
		break;
	case MCM_SSCOP_BGAK:
	case MCM_SSCOP_RSAK:
	case MCM_SSCOP_ERAK:
		put32(p, 0);
		p += 4;
		last = pdu->nmr;
		break;
	case MCM_SSCOP_BGREJ:
	case MCM_SSCOP_END:
	case MCM_SSCOP_ENDAK:
		put32(p, 0);
		p += 4;
		break;
	case MCM_SSCOP_SD:
		last = pdu->ns;
		break;
	case MCM_SSCOP_POLL:
		put32(p, pdu->nps & MCM_SSCOP_SEQ_MASK);
		p += 4;
		last = pdu->ns;
		break;
	case MCM_SSCOP_STAT:
		for (i = 0; i < pdu->list_len; i++, p += 4)
			put32(p, pdu->list[i] & MCM_SSCOP_SEQ_MASK);
		put32(p, pdu->nps & MCM_SSCOP_SEQ_MASK);
		put32(p + 4, pdu->nmr & MCM_SSCOP_SEQ_MASK);
		p += 8;
		last = pdu->nr;
		break;
	case MCM_SSCOP_USTAT:
		put32(p, pdu->ul1 & MCM_SSCOP_SEQ_MASK);
		put32(p + 4, pdu->ul2 & MCM_SSCOP_SEQ_MASK);
		put32(p + 8, pdu->nmr & MCM_SSCOP_SEQ_MASK);
		p += 12;
		last = pdu->nr;
		break;
	case MCM_SSCOP_UD:
	case MCM_SSCOP_MD:
		break;
	}
	last &= MCM_SSCOP_SEQ_MASK;
	last |= (uint32_t)((pl << PL_SHIFT) | pdu->type) << 24;
	if (pdu->type == MCM_SSCOP_END && pdu->source_sscop)
		last |= (uint32_t)S_BIT << 24;
	put32(p, last);
	return len;
}

/* A trailer word of which only the low @p bits carry a value; the rest is reserved, 0. */
static bool
field(const uint8_t *p, unsigned int bits, uint32_t *v)
{
	*v = get32(p);
	return (*v >> bits) == 0;
}

int
mcm_sscop_pdu_decode(const uint8_t *buf, size_t len, struct mcm_sscop_pdu *pdu)
{
	uint32_t last, w;
	uint8_t hb, pl;
	size_t t, body;

	memset(pdu, 0, sizeof(*pdu));
	if (len < 4)
		return MCM_SSCOP_DEC_SHORT;
	if (len & 3)
		return MCM_SSCOP_DEC_ALIGN;
	last = get32(buf + len - 4);
	hb = last >> 24;
	pdu->type = hb & 0xf;
	pl = hb >> PL_SHIFT;
	t = mcm_sscop_pdu_trailer_len(pdu->type);
	if (t == 0)
		return MCM_SSCOP_DEC_TYPE;
	if (len < t)
		return MCM_SSCOP_DEC_SHORT;
	body = len - t;
	if (hb & RSV_BIT)
		return MCM_SSCOP_DEC_RESERVED;
	if ((hb & S_BIT) && pdu->type != MCM_SSCOP_END)
		return MCM_SSCOP_DEC_RESERVED;
	pdu->source_sscop = (hb & S_BIT) != 0;
	if (mcm_sscop_pdu_has_info(pdu->type)) {
		/* 7.1: PL octets of padding end the information field */
		if (pl > body)
			return MCM_SSCOP_DEC_PAD;
		pdu->info = buf;
		pdu->info_len = body - pl;
	} else if (pdu->type == MCM_SSCOP_STAT) {
		if (pl != 0)
			return MCM_SSCOP_DEC_PAD;
		pdu->list_raw = buf;
		pdu->list_len = body / 4;
	} else {
		if (pl != 0)
			return MCM_SSCOP_DEC_PAD;
		if (body != 0)
			return MCM_SSCOP_DEC_LENGTH;
	}
	last &= MCM_SSCOP_SEQ_MASK;
	switch (pdu->type) {
	case MCM_SSCOP_BGN:
	case MCM_SSCOP_RS:
	case MCM_SSCOP_ER:
		if (!field(buf + body, 8, &w))
			return MCM_SSCOP_DEC_RESERVED;
		pdu->nsq = w;
		pdu->nmr = last;
		break;
	case MCM_SSCOP_BGAK:
	case MCM_SSCOP_RSAK:
	case MCM_SSCOP_ERAK:
		if (get32(buf + body))
			return MCM_SSCOP_DEC_RESERVED;
		pdu->nmr = last;
		break;
	case MCM_SSCOP_BGREJ:
	case MCM_SSCOP_END:
	case MCM_SSCOP_ENDAK:
		if (get32(buf + body) || last)
			return MCM_SSCOP_DEC_RESERVED;
		break;
	case MCM_SSCOP_SD:
		pdu->ns = last;
		break;
	case MCM_SSCOP_POLL:
		if (!field(buf + body, 24, &w))
			return MCM_SSCOP_DEC_RESERVED;
		pdu->nps = w;
		pdu->ns = last;
		break;
	case MCM_SSCOP_STAT:
		for (w = 0; w < pdu->list_len; w++)
			if (buf[4 * w])
				return MCM_SSCOP_DEC_RESERVED;
		if (!field(buf + body, 24, &w))
			return MCM_SSCOP_DEC_RESERVED;
		pdu->nps = w;
		if (!field(buf + body + 4, 24, &w))
			return MCM_SSCOP_DEC_RESERVED;
		pdu->nmr = w;
		pdu->nr = last;
		break;
	case MCM_SSCOP_USTAT:
		if (buf[0] || buf[4] || buf[8])
			return MCM_SSCOP_DEC_RESERVED;
		pdu->ul1 = get32(buf);
		pdu->ul2 = get32(buf + 4);
		pdu->nmr = get32(buf + 8);
		pdu->nr = last;
		break;
	case MCM_SSCOP_UD:
	case MCM_SSCOP_MD:
		if (last)
			return MCM_SSCOP_DEC_RESERVED;
		break;
	}
	return MCM_SSCOP_DEC_OK;
}

uint32_t
mcm_sscop_pdu_list_get(const struct mcm_sscop_pdu *pdu, uint32_t i)
{
	return get32(pdu->list_raw + 4 * (size_t)i) & MCM_SSCOP_SEQ_MASK;
}

const char *
mcm_sscop_pdu_name(enum mcm_sscop_pdu_type type)
{
	static const char *const names[16] = {
		"?", "BGN", "BGAK", "END", "ENDAK", "RS", "RSAK", "BGREJ",
		"SD", "ER", "POLL", "STAT", "USTAT", "UD", "MD", "ERAK",
	};

	return names[type & 0xf];
}
