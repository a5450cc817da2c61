/* SPDX-License-Identifier: BSD-3-Clause
 * The parameter grammar of the /mcm/ telemetry commands (mcm_tel_params.h): pure string
 * handling, no DPDK call, so that it can be fuzzed without EAL.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_atm_cell.h"
#include "mcm_rfc2684.h"
#include "mcm_tel_params.h"

bool
mcm_tel_params_ok(const char *p)
{
	const unsigned char *s = (const unsigned char *)p;

	while (*s != '\0') {
		unsigned int n, i;
		unsigned char lo, hi;

		if (*s < 0x80) {
			if (*s < 0x20 || *s == 0x7f || *s == '"' || *s == '\\')
				return false;
			s++;
			continue;
		}
		/* UTF-8: a lead byte of 2..4 bytes and its continuation bytes */
		lo = 0x80;
		hi = 0xbf;
		if (*s >= 0xc2 && *s <= 0xdf) {
			n = 1;
		} else if (*s >= 0xe0 && *s <= 0xef) {
			n = 2;
		} else if (*s >= 0xf0 && *s <= 0xf4) {
			n = 3;
		} else {
			return false;
		}
		/* RFC 3629 4: no overlong form, no surrogate (U+D800..DFFF), nothing past
		 * U+10FFFF; JSON decoders (jansson in mcm-ctl) refuse them
		 */
		if (*s == 0xe0)
			lo = 0xa0;
		else if (*s == 0xed)
			hi = 0x9f;
		else if (*s == 0xf0)
			lo = 0x90;
		else if (*s == 0xf4)
			hi = 0x8f;
		if (s[1] < lo || s[1] > hi)
			return false;
		/* a NUL is no continuation byte: the loop never reads past the string */
		for (i = 2; i <= n; i++)
			if ((s[i] & 0xc0) != 0x80)
				return false;
		s += n + 1;
	}
	return true;
}

void
mcm_tel_split(const char *params, struct mcm_tel_args *a)
{
	char *save = NULL, *tok;
	size_t n;

	a->argc = 0;
	/* longer parameters than the buffer (DPDK 22.11 reads requests of 1023 bytes at most,
	 * so only a direct caller can give them) are cut, never inside a character
	 */
	n = params != NULL ? mcm_tel_utf8_prefix(params, sizeof(a->buf) - 1) : 0;
	memcpy(a->buf, params != NULL ? params : "", n);
	a->buf[n] = '\0';
	/* argc counts every argument, kept or not, so that too many is seen as such */
	for (tok = strtok_r(a->buf, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		if (a->argc < MCM_TEL_MAX_ARGS)
			a->argv[a->argc] = tok;
		a->argc++;
	}
}

int
mcm_tel_parse_vc(const char *s, uint16_t *vpi, uint16_t *vci)
{
	unsigned long p, c;
	char *end;

	if (s == NULL || !isdigit((unsigned char)s[0]))
		return -1;
	p = strtoul(s, &end, 10);
	if (*end != '/' || !isdigit((unsigned char)end[1]))
		return -1;
	c = strtoul(end + 1, &end, 10);
	/* strtoul saturates at ULONG_MAX: an overflow is out of range too */
	if (*end != '\0' || p > MCM_ATM_VPI_MAX || c > MCM_ATM_VCI_MAX)
		return -1;
	*vpi = (uint16_t)p;
	*vci = (uint16_t)c;
	return 0;
}

int
mcm_tel_parse_hex(const char *s, uint8_t *out, size_t max)
{
	size_t n = strlen(s), i;

	if (n == 0 || n % 2 != 0 || n / 2 > max)
		return -1;
	for (i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return -1;
	for (i = 0; i < n / 2; i++) {
		char pair[3] = { s[2 * i], s[2 * i + 1], '\0' };

		out[i] = (uint8_t)strtoul(pair, NULL, 16);
	}
	return (int)(n / 2);
}

int
mcm_tel_parse_aesa(const char *s, uint8_t out[MCM_TEL_AESA_LEN])
{
	if (strlen(s) != 2 * MCM_TEL_AESA_LEN)
		return -1;
	return mcm_tel_parse_hex(s, out, MCM_TEL_AESA_LEN) == MCM_TEL_AESA_LEN ? 0 : -1;
}

int
mcm_tel_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *v)
{
	unsigned long long x;
	char *end;

	if (s == NULL || !isdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	x = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || x < min || x > max)
		return -1;
	*v = x;
	return 0;
}

int
mcm_tel_parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *v)
{
	uint64_t x;

	if (mcm_tel_parse_u64(s, min, max, &x) != 0)
		return -1;
	*v = (uint32_t)x;
	return 0;
}

/* blli= names the encapsulations by lib/atm's names, numbered alike */
_Static_assert((int)MCM_TEL_BLLI_LLC == (int)MCM_ENCAP_LLC_BRIDGED &&
	       (int)MCM_TEL_BLLI_VCMUX == (int)MCM_ENCAP_VCMUX_BRIDGED &&
	       (int)MCM_TEL_BLLI_LLC_ROUTED == (int)MCM_ENCAP_LLC_ROUTED &&
	       (int)MCM_TEL_BLLI_VCMUX_ROUTED == (int)MCM_ENCAP_VCMUX_ROUTED,
	       "blli= values numbered as enum mcm_encap");

int
mcm_tel_parse_blli(const char *s)
{
	enum mcm_encap e;

	if (strcmp(s, "none") == 0)
		return MCM_TEL_BLLI_NONE;
	return mcm_encap_parse(s, &e) == 0 ? (int)e : -1;
}

int
mcm_tel_parse_proto(const char *s)
{
	char *end;
	unsigned long v;

	if (strcmp(s, "ipv4") == 0)
		return 0x0800;
	if (strcmp(s, "ipv6") == 0)
		return 0x86dd;
	/* 0x and one to four hex digits, nothing else */
	if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X') || !isxdigit((unsigned char)s[2]) ||
	    strlen(s) > 6)
		return -1;
	errno = 0;
	v = strtoul(s + 2, &end, 16);
	if (errno != 0 || *end != '\0' || v < 0x0600 || v > 0xffff)
		return -1;
	return (int)v;
}

/* One B-LLI choice of a blli= list, @p len bytes at @p s: a name of mcm_tel_parse_blli(), or
 * vcmux-routed/P naming its protocol as proto= does (*proto set, else 0). @return an enum
 * mcm_tel_blli, or -1
 */
static int
parse_blli_one(const char *s, size_t len, uint16_t *proto)
{
	const char *slash = memchr(s, '/', len);
	char one[16], p[8];
	size_t n = slash != NULL ? (size_t)(slash - s) : len;
	int b, v;

	*proto = 0;
	if (n >= sizeof(one))
		return -1;
	memcpy(one, s, n);
	one[n] = '\0';
	b = mcm_tel_parse_blli(one);
	if (b < 0 || slash == NULL)
		return b;
	/* a protocol only for the VC-mux routed B-LLI, the one that names it (RFC 2684 7) */
	if (b != MCM_TEL_BLLI_VCMUX_ROUTED || len - n - 1 >= sizeof(p))
		return -1;
	memcpy(p, slash + 1, len - n - 1);
	p[len - n - 1] = '\0';
	v = mcm_tel_parse_proto(p);
	if (v < 0)
		return -1;
	*proto = (uint16_t)v;
	return b;
}

/* blli=A[+B[+C]]: one B-LLI choice, or up to three but "none" joined by '+', each once (a
 * VC-mux routed one is once per protocol it names; one naming none is checked once proto=
 * is known, tel_call_blli)
 */
static int
parse_blli_list(const char *s, struct mcm_tel_call_opts *opts)
{
	int got[3], n = 0, i, j;
	uint16_t proto[3];

	for (;;) {
		const char *end = strchr(s, '+');
		size_t len = end != NULL ? (size_t)(end - s) : strlen(s);

		if (n == 3)
			return MCM_TEL_OPT_BAD_BLLI;
		got[n] = parse_blli_one(s, len, &proto[n]);
		if (got[n] < 0)
			return MCM_TEL_OPT_BAD_BLLI;
		n++;
		if (end == NULL)
			break;
		s = end + 1;
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if ((got[i] == got[j] && proto[i] == proto[j]) ||
			    (n > 1 && got[i] == MCM_TEL_BLLI_NONE))
				return MCM_TEL_OPT_BAD_BLLI;
	if (n > 1 && got[0] == MCM_TEL_BLLI_NONE)
		return MCM_TEL_OPT_BAD_BLLI;
	opts->blli = got[0];
	opts->n_alt = n - 1;
	for (i = 1; i < n; i++)
		opts->alt[i - 1] = got[i];
	for (i = 0; i < 3; i++)
		opts->blli_proto[i] = i < n ? proto[i] : 0;
	return MCM_TEL_OPT_TAKEN;
}

int
mcm_tel_parse_option(const char *o, struct mcm_tel_call_opts *opts)
{
	int n;

	if (strncmp(o, "bhli=", 5) == 0) {
		n = mcm_tel_parse_hex(o + 5, opts->bhli, MCM_TEL_BHLI_MAX);
		if (n < 0)
			return MCM_TEL_OPT_BAD_BHLI;
		opts->bhli_len = (uint8_t)n;
		return MCM_TEL_OPT_TAKEN;
	}
	if (strncmp(o, "blli=", 5) == 0)
		return parse_blli_list(o + 5, opts);
	if (strncmp(o, "proto=", 6) == 0) {
		n = mcm_tel_parse_proto(o + 6);
		if (n < 0)
			return MCM_TEL_OPT_BAD_PROTO;
		opts->proto = (uint16_t)n;
		return MCM_TEL_OPT_TAKEN;
	}
	return MCM_TEL_OPT_OTHER;
}

const char *
mcm_tel_rest(const char *params, int n)
{
	const char *p = params != NULL ? params : "";

	while (n-- > 0 && p != NULL) {
		p = strchr(p, ',');
		if (p != NULL)
			p++;
	}
	return p != NULL ? p : "";
}

size_t
mcm_tel_utf8_prefix(const char *s, size_t max)
{
	size_t n = strnlen(s, max);

	/* s[n] is the first byte left out: a continuation byte (top two bits 10) means
	 * the character it belongs to started before the cut, and goes too
	 */
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

void
mcm_tel_hex(const uint8_t *b, size_t n, char *out, size_t len)
{
	size_t i;

	if (len == 0)
		return;
	out[0] = '\0';
	for (i = 0; i < n && 2 * i + 2 < len; i++)
		snprintf(out + 2 * i, len - 2 * i, "%02x", b[i]);
}
