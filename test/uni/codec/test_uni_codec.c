/* SPDX-License-Identifier: BSD-3-Clause
 * Unit tests of the UNI 4.0 message codec: round trips of every message with every IE it may
 * carry, golden encodings, encoder errors, header errors, every truncation, IE content
 * errors (cause 100), missing mandatory IEs (cause 96), unrecognised and unexpected IEs
 * (cause 99) with every IE action indicator, unrecognised message types (cause 97),
 * repetition, global call reference, codeset shifts and the direction-specific rules.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_uni_msg.h"
#include "uni_codec_samples.h"
#include "codec_test.h"

#define BUF 4096

/* Decode from an exact-size heap copy, so that ASan catches any read past the end. */
static int
dec(const uint8_t *b, size_t n, struct mcm_uni_msg *m, struct mcm_uni_decode_report *rep)
{
	uint8_t *copy = malloc(n ? n : 1);
	int rc;

	if (copy == NULL)
		abort();
	memcpy(copy, b, n);
	rc = mcm_uni_msg_decode(copy, n, m, rep);
	free(copy);
	return rc;
}

static int
enc(const struct mcm_uni_msg *m, uint8_t *b)
{
	return mcm_uni_msg_encode(m, b, BUF);
}

/* Offset of the nth IE with identifier @p id in an encoded message, or -1. */
static int
find_ie(const uint8_t *b, size_t n, uint8_t id, int nth)
{
	size_t pos = MCM_UNI_HDR_LEN;

	while (pos + 4 <= n) {
		if (b[pos] == id && nth-- == 0)
			return (int)pos;
		pos += 4 + (size_t)((b[pos + 2] << 8) | b[pos + 3]);
	}
	return -1;
}

static void
set_msg_len(uint8_t *b, size_t n)
{
	b[7] = (uint8_t)((n - MCM_UNI_HDR_LEN) >> 8);
	b[8] = (uint8_t)(n - MCM_UNI_HDR_LEN);
}

/* Remove the IE at @p off, fixing the message length. */
static void
remove_ie(uint8_t *b, size_t *n, int off)
{
	size_t ilen = 4 + (size_t)((b[off + 2] << 8) | b[off + 3]);

	memmove(b + off, b + off + ilen, *n - (size_t)off - ilen);
	*n -= ilen;
	set_msg_len(b, *n);
}

/* Insert an IE at @p off (or at the end when off < 0). */
static void
insert_ie(uint8_t *b, size_t *n, int off, uint8_t id, uint8_t instr, const uint8_t *c,
	  size_t clen)
{
	size_t at = off < 0 ? *n : (size_t)off;

	memmove(b + at + 4 + clen, b + at, *n - at);
	b[at] = id;
	b[at + 1] = instr;
	b[at + 2] = (uint8_t)(clen >> 8);
	b[at + 3] = (uint8_t)clen;
	memcpy(b + at + 4, c, clen);
	*n += 4 + clen;
	set_msg_len(b, *n);
}

/* Shorten the content of the IE at @p off by one octet (its last). */
static void
shrink_ie(uint8_t *b, size_t *n, int off)
{
	size_t ilen = (size_t)((b[off + 2] << 8) | b[off + 3]);
	size_t end = (size_t)off + 4 + ilen;

	memmove(b + end - 1, b + end, *n - end);
	ilen--;
	b[off + 2] = (uint8_t)(ilen >> 8);
	b[off + 3] = (uint8_t)ilen;
	(*n)--;
	set_msg_len(b, *n);
}

static bool
diag_has(const struct mcm_uni_decode_report *rep, uint8_t v)
{
	unsigned int i;

	for (i = 0; i < rep->diag_len; i++)
		if (rep->diag[i] == v)
			return true;
	return false;
}

static const struct mcm_uni_ie_problem *
problem(const struct mcm_uni_decode_report *rep, uint8_t ie, uint8_t fault)
{
	unsigned int i;

	for (i = 0; i < rep->n_problems; i++)
		if (rep->problems[i].ie == ie && rep->problems[i].fault == fault)
			return &rep->problems[i];
	return NULL;
}

/* First differing octet of two messages, for failure messages. */
static long
msg_diff(const struct mcm_uni_msg *a, const struct mcm_uni_msg *b)
{
	const uint8_t *x = (const uint8_t *)a, *y = (const uint8_t *)b;
	size_t i;

	for (i = 0; i < sizeof(*a); i++)
		if (x[i] != y[i])
			return (long)i;
	return -1;
}

/* Encode, decode, compare the structs, re-encode and compare the octets. */
static void
round_trip(const struct mcm_uni_msg *m, const char *what)
{
	static uint8_t b1[BUF], b2[BUF];
	struct mcm_uni_msg d;
	struct mcm_uni_decode_report rep;
	int n1, n2, rc;

	n1 = enc(m, b1);
	CHECK(n1 >= MCM_UNI_HDR_LEN, "%s: encode %d", what, n1);
	if (n1 < MCM_UNI_HDR_LEN)
		return;
	rc = dec(b1, (size_t)n1, &d, &rep);
	CHECK(rc == 0, "%s: decode %d", what, rc);
	CHECK(rep.verdict == MCM_UNI_V_OK && rep.n_problems_total == 0 && rep.cause == 0,
	      "%s: verdict %u cause %u problems %u (first ie 0x%02x fault %u)", what,
	      rep.verdict, rep.cause, rep.n_problems_total,
	      rep.n_problems ? rep.problems[0].ie : 0, rep.n_problems ? rep.problems[0].fault : 0);
	CHECK(!rep.out_of_order && !rep.trailing, "%s: order/trailing", what);
	CHECK(memcmp(&d, m, sizeof(d)) == 0, "%s: decoded message differs at %ld", what,
	      msg_diff(&d, m));
	n2 = enc(&d, b2);
	CHECK(n2 == n1 && memcmp(b1, b2, (size_t)n1) == 0, "%s: re-encoding differs", what);
}

static void
test_rules(void)
{
	unsigned int t, i;

	for (t = 0; t < SAMPLE_N_TYPES; t++) {
		const struct mcm_uni_msg_rules *r = mcm_uni_msg_rules(sample_types[t]);

		CHECK(r != NULL && r->type == sample_types[t], "rules of 0x%02x", sample_types[t]);
		if (r == NULL)
			continue;
		CHECK(mcm_uni_msg_name(r->type) != NULL, "name of 0x%02x", r->type);
		for (i = 0; i < r->n_rules; i++)
			CHECK(mcm_uni_ie_name(r->rules[i].ie) != NULL, "name of IE 0x%02x",
			      r->rules[i].ie);
	}
	CHECK(mcm_uni_msg_rules(0x03) == NULL && mcm_uni_msg_name(0x7b) == NULL, "unknown type");
	CHECK(mcm_uni_ie_name(0x7e) == NULL && mcm_uni_ie_name(MCM_UNI_IE_LSHIFT) != NULL,
	      "IE names");
	CHECK(strcmp(mcm_uni_msg_name(MCM_UNI_MSG_PARTY_ALERTING), "PARTY ALERTING") == 0, "name");
	CHECK(mcm_uni_msg_ie_rule(MCM_UNI_MSG_CALL_PROCEEDING, MCM_UNI_IE_CONNID,
				  MCM_UNI_DIR_N2U) == MCM_UNI_IE_MANDATORY, "connid n2u");
	CHECK(mcm_uni_msg_ie_rule(MCM_UNI_MSG_CALL_PROCEEDING, MCM_UNI_IE_CONNID,
				  MCM_UNI_DIR_U2N) == MCM_UNI_IE_OPTIONAL, "connid u2n");
	CHECK(mcm_uni_msg_ie_rule(MCM_UNI_MSG_SETUP, MCM_UNI_IE_TNS, MCM_UNI_DIR_N2U) ==
	      MCM_UNI_IE_NOT_ALLOWED, "tns n2u");
	CHECK(mcm_uni_msg_ie_rule(MCM_UNI_MSG_SETUP, MCM_UNI_IE_CALL_STATE, MCM_UNI_DIR_U2N) ==
	      MCM_UNI_IE_NOT_ALLOWED, "call state in setup");
	CHECK(mcm_uni_msg_ie_rule(MCM_UNI_MSG_STATUS, MCM_UNI_IE_CAUSE, MCM_UNI_DIR_U2N) ==
	      MCM_UNI_IE_MANDATORY, "status cause");
	CHECK(mcm_uni_msg_ie_rule(0x03, MCM_UNI_IE_CAUSE, MCM_UNI_DIR_U2N) ==
	      MCM_UNI_IE_NOT_ALLOWED, "unknown type");
	CHECK(mcm_uni_msg_rules(MCM_UNI_MSG_RESTART)->global_ok &&
	      mcm_uni_msg_rules(MCM_UNI_MSG_STATUS)->global_ok &&
	      !mcm_uni_msg_rules(MCM_UNI_MSG_SETUP)->global_ok, "global_ok");
}

/* Every message, every variant of the samples. */
static void
test_round_trips(void)
{
	char what[64];
	int t, v;

	for (t = 0; t < SAMPLE_N_TYPES; t++)
		for (v = 0; v < SAMPLE_N_VARIANTS; v++) {
			struct mcm_uni_msg m;

			sample_msg(&m, sample_types[t], v);
			snprintf(what, sizeof(what), "%s v%d", mcm_uni_msg_name(sample_types[t]),
				 v);
			round_trip(&m, what);
		}
}

/* IE codings the samples do not reach. */
static void
test_ie_variants(void)
{
	struct mcm_uni_msg m;

	/* user defined AAL; AAL1 with a subset of subfields; AAL5 with nothing */
	sample_msg(&m, MCM_UNI_MSG_CONNECT, 1);
	memset(&m.aal, 0, sizeof(m.aal));
	m.aal.h.present = true;
	m.aal.type = MCM_UNI_AAL_USER;
	memcpy(m.aal.user, "\x01\x02\x03\x04", 4);
	round_trip(&m, "user AAL");
	memset(&m.aal, 0, sizeof(m.aal));
	m.aal.h.present = true;
	m.aal.type = MCM_UNI_AAL_1;
	m.aal.has_cbr_rate = true;
	m.aal.cbr_rate = 0x04;
	m.aal.has_clock = true;
	m.aal.clock = 2;
	round_trip(&m, "AAL1 subset");
	memset(&m.aal, 0, sizeof(m.aal));
	m.aal.h.present = true;
	m.aal.type = MCM_UNI_AAL_5;
	round_trip(&m, "AAL5 bare");

	/* ABR minimum cell rates, traffic descriptor with CLP=0+1 rates only */
	memset(m.traffic.rate, 0, sizeof(m.traffic.rate));
	m.traffic.rate[MCM_UNI_TDI_FPCR] = 100000;
	m.traffic.rate[MCM_UNI_TDI_BPCR] = 0;
	m.traffic.mask = (1u << MCM_UNI_TDI_FPCR) | (1u << MCM_UNI_TDI_BPCR) |
			 (1u << MCM_UNI_TDI_FMCR) | (1u << MCM_UNI_TDI_BMCR);
	m.traffic.rate[MCM_UNI_TDI_FMCR] = 0xffffff;
	m.traffic.rate[MCM_UNI_TDI_BMCR] = 1;
	m.traffic.has_tmopt = false;
	m.traffic.tmopt = 0;
	round_trip(&m, "ABR MCR");

	/* BLLI: H.310 terminal, layer 2 mode without window, layer 1 only */
	memset(&m.blli[0], 0, sizeof(m.blli[0]));
	m.blli[0].h.present = true;
	m.blli[0].has_l3 = true;
	m.blli[0].l3 = MCM_UNI_L3_H310;
	m.blli[0].has_h310 = true;
	m.blli[0].h310_ttype = 3;
	m.blli[0].h310_fmux = 2;
	m.blli[0].h310_bmux = 5;
	round_trip(&m, "BLLI H.310");
	memset(&m.blli[0], 0, sizeof(m.blli[0]));
	m.blli[0].h.present = true;
	m.blli[0].has_l1 = true;
	m.blli[0].l1 = 5;
	m.blli[0].has_l2 = true;
	m.blli[0].l2 = MCM_UNI_L2_Q922;
	m.blli[0].has_l2_mode = true;
	m.blli[0].l2_mode = 1;
	m.blli[0].l2_q933 = 2;
	round_trip(&m, "BLLI L1 + Q.922 mode");
	memset(&m.blli[0], 0, sizeof(m.blli[0]));
	m.blli[0].h.present = true;
	m.blli[0].has_l3 = true;
	m.blli[0].l3 = MCM_UNI_L3_X223;
	m.blli[0].has_l3_mode = true;
	m.blli[0].l3_mode = 1;
	m.blli[0].has_l3_psize = true;
	m.blli[0].l3_psize = 12;
	round_trip(&m, "BLLI X.223 mode + size");

	/* extended QoS subsets, end-to-end transit delay forms */
	m.exqos.mask = MCM_UNI_EXQOS_M_FCUM_CDV | MCM_UNI_EXQOS_M_BACC_CLR;
	m.exqos.facc_cdv = m.exqos.bacc_cdv = m.exqos.bcum_cdv = 0;
	m.exqos.facc_clr = 0;
	round_trip(&m, "exqos subset");
	m.exqos.mask = 0;
	m.exqos.fcum_cdv = m.exqos.bacc_clr = 0;
	round_trip(&m, "exqos origin only");
	m.eetd.has_maximum = false;
	m.eetd.maximum = 0;
	m.eetd.net_generated = true;
	round_trip(&m, "eetd cumulative + network generated");

	/* ABR: setup parameters subset, additional parameters with no fields in a record */
	m.abrsetup.mask = MCM_UNI_ABRS_M_RMFRT;
	m.abrsetup.ficr = m.abrsetup.bicr = m.abrsetup.ftbe = m.abrsetup.btbe = 0;
	m.abrsetup.frif = m.abrsetup.brif = m.abrsetup.frdf = m.abrsetup.brdf = 0;
	memset(&m.abradd.fwd, 0, sizeof(m.abradd.fwd));
	m.abradd.bwd.present = true;
	m.abradd.bwd.has_adtf = false;
	m.abradd.bwd.adtf = 0;
	round_trip(&m, "ABR subsets");

	/* connection identifier forms, endpoint reference flag */
	m.connid.assoc = 0;
	m.connid.excl = MCM_UNI_CONNID_EXCL_NOVCI;
	m.connid.vpci = 12;
	m.connid.vci = 0;
	m.epref.flag = true;
	m.epref.value = 0x4321;
	round_trip(&m, "connid no VCI");

	/* calling number without presentation octet, E.164 called, subaddresses */
	sample_msg(&m, MCM_UNI_MSG_SETUP, 2);
	m.calling.has_pres = false;
	m.calling.pres = m.calling.screen = 0;
	m.n_calledsub = 1;
	memset(&m.calledsub[1], 0, sizeof(m.calledsub[1]));
	m.n_blli = 1;
	memset(&m.blli[1], 0, 2 * sizeof(m.blli[1]));
	memset(&m.blli_repeat, 0, sizeof(m.blli_repeat));
	round_trip(&m, "SETUP E.164 one BLLI");

	/* restart classes and global call reference */
	sample_msg(&m, MCM_UNI_MSG_RESTART, 1);
	m.restart.rclass = MCM_UNI_RESTART_VPC;
	m.connid.excl = MCM_UNI_CONNID_EXCL_NOVCI;
	round_trip(&m, "RESTART VPC");
	m.cref_flag = true;
	round_trip(&m, "RESTART ACK-side flag");

	/* message instruction field and the largest call reference */
	sample_msg(&m, MCM_UNI_MSG_NOTIFY, 1);
	m.msg_flag = true;
	m.msg_action = MCM_UNI_MSGA_REPORT;
	m.cref = MCM_UNI_CREF_MASK;
	m.notify.len = MCM_UNI_NOTIFY_MAX;
	round_trip(&m, "NOTIFY flags");

	/* every call state and endpoint state value */
	{
		static const uint8_t cs[] = { 0, 1, 3, 4, 6, 7, 8, 9, 10, 11, 12, 61, 62 };
		static const uint8_t es[] = { 0, 1, 4, 6, 7, 10, 11, 12 };
		unsigned int i;

		sample_msg(&m, MCM_UNI_MSG_STATUS, 1);
		for (i = 0; i < sizeof(cs); i++) {
			m.call_state.state = cs[i];
			m.epstate.state = es[i % sizeof(es)];
			round_trip(&m, "STATUS states");
		}
	}
}

/* Known octets: the wire format pinned independently of the round trip. */
static void
test_golden(void)
{
	static const uint8_t release[] = {
		0x09, 0x03, 0x80, 0x00, 0x01, 0x4d, 0x80, 0x00, 0x06,
		0x08, 0x80, 0x00, 0x02, 0x80, 0x90,
	};
	static const uint8_t setup[] = {
		0x09, 0x03, 0x00, 0x00, 0x2a, 0x05, 0x80, 0x00, 0x30,
		/* AAL5, forward and backward SDU 9188 */
		0x58, 0x80, 0x00, 0x07, 0x05, 0x8c, 0x23, 0xe4, 0x81, 0x23, 0xe4,
		/* traffic: PCR CLP=0+1 forward 0x001000, backward 0x002000, best effort */
		0x59, 0x80, 0x00, 0x09, 0x84, 0x00, 0x10, 0x00, 0x85, 0x00, 0x20, 0x00, 0xbe,
		/* bearer: BCOB-X, ATC 0x0a, not susceptible, point-to-point */
		0x5e, 0x80, 0x00, 0x03, 0x10, 0x8a, 0x80,
		/* called: E.164 international "123" */
		0x70, 0x80, 0x00, 0x04, 0x91, 0x31, 0x32, 0x33,
		/* connection identifier: explicit VPCI, exclusive, 0/32 */
		0x5a, 0x80, 0x00, 0x05, 0x88, 0x00, 0x00, 0x00, 0x20,
	};
	uint8_t b[BUF];
	struct mcm_uni_msg m, d;
	struct mcm_uni_decode_report rep;
	int n;

	mcm_uni_msg_init(&m, MCM_UNI_MSG_RELEASE, 1, true);
	m.n_cause = 1;
	m.cause[0].h.present = true;
	m.cause[0].location = MCM_UNI_LOC_USER;
	m.cause[0].cause = MCM_UNI_CAUSE_NORMAL;
	n = enc(&m, b);
	CHECK(n == (int)sizeof(release) && memcmp(b, release, sizeof(release)) == 0,
	      "RELEASE golden (%d)", n);

	mcm_uni_msg_init(&m, MCM_UNI_MSG_SETUP, 42, false);
	m.aal.h.present = true;
	m.aal.type = MCM_UNI_AAL_5;
	m.aal.has_fwd_sdu = m.aal.has_bwd_sdu = true;
	m.aal.fwd_sdu = m.aal.bwd_sdu = 9188;
	m.traffic.h.present = true;
	m.traffic.mask = (1u << MCM_UNI_TDI_FPCR) | (1u << MCM_UNI_TDI_BPCR);
	m.traffic.rate[MCM_UNI_TDI_FPCR] = 0x1000;
	m.traffic.rate[MCM_UNI_TDI_BPCR] = 0x2000;
	m.traffic.best_effort = true;
	m.bearer.h.present = true;
	m.bearer.bclass = MCM_UNI_BCOB_X;
	m.bearer.has_atc = true;
	m.bearer.atc = 0x0a;
	m.called.h.present = true;
	m.called.type = MCM_UNI_TON_INTL;
	m.called.plan = MCM_UNI_PLAN_E164;
	m.called.len = 3;
	memcpy(m.called.addr, "123", 3);
	m.connid.h.present = true;
	m.connid.assoc = 1;
	m.connid.vci = 32;
	n = enc(&m, b);
	CHECK(n == (int)sizeof(setup) && memcmp(b, setup, sizeof(setup)) == 0,
	      "SETUP golden (%d)", n);
	CHECK(dec(setup, sizeof(setup), &d, &rep) == 0 && rep.verdict == MCM_UNI_V_OK &&
	      d.cref == 42 && !d.cref_flag && d.called.len == 3 && d.connid.vci == 32 &&
	      d.traffic.rate[MCM_UNI_TDI_BPCR] == 0x2000 && d.traffic.best_effort &&
	      d.aal.fwd_sdu == 9188 && d.bearer.atc == 0x0a, "SETUP golden decode");
}

static void
test_encode_errors(void)
{
	uint8_t b[BUF];
	struct mcm_uni_msg m;
	int n, room;

	sample_msg(&m, MCM_UNI_MSG_SETUP, 1);
	n = enc(&m, b);
	for (room = 0; room < n; room++)
		CHECK(mcm_uni_msg_encode(&m, b, (size_t)room) == -ENOSPC, "room %d of %d", room, n);
	CHECK(mcm_uni_msg_encode(&m, b, (size_t)n) == n, "exact room");

#define BAD(stmt, what) do { \
		sample_msg(&m, MCM_UNI_MSG_SETUP, 1); \
		stmt; \
		CHECK(enc(&m, b) == -EINVAL, "encode accepts %s", what); \
	} while (0)
	BAD(m.type = 0x03, "unknown type");
	BAD(m.cref = 0x800000, "24-bit cref");
	BAD(m.msg_action = 4, "message action 4");
	BAD(m.call_state.h.present = true, "call state in SETUP");
	BAD(m.restart.h.present = true, "restart indicator in SETUP");
	BAD(m.called.h.present = false, "SETUP without called number");
	BAD(m.traffic.h.present = false, "SETUP without traffic descriptor");
	BAD(m.n_blli = 4, "4 BLLIs");
	BAD(m.n_calledsub = 3, "3 called subaddresses");
	BAD(m.bearer.bclass = 7, "bearer class 7");
	BAD(m.bearer.upcc = 2, "upcc 2");
	BAD(m.called.len = 19, "19-octet AESA");
	BAD((m.called.plan = MCM_UNI_PLAN_E164, m.called.len = 3,
	     memcpy(m.called.addr, "12a", 3)), "E.164 letter");
	BAD(m.called.has_pres = true, "presentation in called number");
	BAD(m.traffic.mask &= (uint16_t)~(1u << MCM_UNI_TDI_FPCR), "no forward PCR");
	BAD(m.traffic.rate[MCM_UNI_TDI_FSCR] = 0x1000000, "25-bit rate");
	BAD(m.mintraffic.mask |= 1u << MCM_UNI_TDI_FSCR, "SCR in minimum descriptor");
	BAD(m.traffic.tmopt = 0x04, "reserved tm option");
	BAD(memset(&m.blli[0], 0, sizeof(m.blli[0])), "empty BLLI");
	BAD(m.aal.has_subtype = true, "AAL1 subfield in AAL5");
	BAD(m.aal.type = 2, "AAL2");
	BAD(m.bhli.len = 6, "vendor BHLI of 6");
	BAD(m.connid.excl = 2, "connid excl 2");
	BAD(m.epref.value = 0x8000, "16-bit endpoint reference");
	BAD(m.notify.len = 0, "empty notification");
	BAD(m.tns.len = 0, "empty TNS");
	BAD(m.tns.net[0] = 0x01, "TNS control char");
	BAD(m.calledsub[0].len = 5, "short AESA subaddress");
	BAD(m.blli_repeat.indication = 3, "repeat indication 3");
	BAD(m.exqos.origin = 2, "exqos origin 2");
	BAD(m.eetd.has_cumulative = m.eetd.has_maximum = false, "empty eetd");
	BAD(m.cscope.scope = 16, "connection scope 16");
	BAD(m.abrsetup.mask = 0, "empty ABR setup");
	BAD(m.abrsetup.frif = 16, "RIF 16");
	BAD(m.abrsetup.ftbe = 0x1000000, "25-bit TBE");
	BAD(m.abradd.fwd.present = m.abradd.bwd.present = false, "empty ABR additional");
	BAD(m.abradd.bwd.adtf = 0x400, "11-bit ADTF");
	BAD(m.aal.h.coding = 4, "coding standard 4");
	BAD(m.aal.h.action = 8, "action 8");
	BAD((m.n_raw = 1, m.raw[0].h.present = true, m.raw[0].codeset = 2, m.raw[0].id = 1),
	    "raw codeset 2");
	BAD((m.n_raw = 1, m.raw[0].h.present = true, m.raw[0].id = 0x7e,
	     m.raw[0].len = MCM_UNI_RAW_MAX_LEN + 1), "raw too long");
	BAD((m.n_raw = 1, m.raw[0].id = MCM_UNI_IE_LSHIFT), "raw shift");
#undef BAD
	sample_msg(&m, MCM_UNI_MSG_CONNECT, 1);
	m.n_blli = 2;
	m.blli[1] = m.blli[0];
	CHECK(enc(&m, b) == -EINVAL, "2 BLLIs in CONNECT");
	sample_msg(&m, MCM_UNI_MSG_STATUS, 1);
	m.n_cause = 2;
	m.cause[1] = m.cause[0];
	CHECK(enc(&m, b) == -EINVAL, "2 causes in STATUS");
	CHECK(mcm_uni_msg_encode(&m, NULL, 0) == -EINVAL, "NULL buffer, invalid message");
	m.n_cause = 1;
	CHECK(mcm_uni_msg_encode(&m, NULL, 0) == -ENOSPC, "NULL buffer");
}

static void
test_header_errors(void)
{
	uint8_t b[BUF];
	struct mcm_uni_msg m, d;
	struct mcm_uni_decode_report rep;
	int n, i;

	sample_msg(&m, MCM_UNI_MSG_CONNECT_ACK, 0);
	n = enc(&m, b);
	CHECK(n == MCM_UNI_HDR_LEN, "CONNECT ACK minimal is the bare header");
	CHECK(mcm_uni_msg_decode(NULL, 0, &d, &rep) == -EBADMSG && rep.hdr_error ==
	      MCM_UNI_HE_SHORT && rep.verdict == MCM_UNI_V_IGNORE, "NULL");
	for (i = 0; i < MCM_UNI_HDR_LEN; i++) {
		CHECK(dec(b, (size_t)i, &d, &rep) == -EBADMSG && rep.verdict == MCM_UNI_V_IGNORE,
		      "header cut at %d", i);
		CHECK(rep.hdr_error == MCM_UNI_HE_SHORT, "header cut at %d: %u", i, rep.hdr_error);
	}
	b[0] = 0x08;
	CHECK(dec(b, (size_t)n, &d, &rep) == -EBADMSG && rep.hdr_error == MCM_UNI_HE_PD,
	      "Q.931 discriminator");
	b[0] = MCM_UNI_PD;
	b[1] = 0x02;
	CHECK(dec(b, (size_t)n, &d, &rep) == -EBADMSG && rep.hdr_error == MCM_UNI_HE_CREF_LEN,
	      "cref length 2");
	b[1] = 0x13;
	CHECK(dec(b, (size_t)n, &d, &rep) == -EBADMSG && rep.hdr_error == MCM_UNI_HE_CREF_LEN,
	      "cref length octet with high bits");
	b[1] = 0x03;
	b[6] = 0x00;
	CHECK(dec(b, (size_t)n, &d, &rep) == -EBADMSG &&
	      rep.hdr_error == MCM_UNI_HE_MSG_TYPE_EXT, "message type extension bit");
	b[6] = 0x80;
	b[8] = 1;
	CHECK(dec(b, (size_t)n, &d, &rep) == -EBADMSG && rep.hdr_error == MCM_UNI_HE_LENGTH,
	      "message length beyond the octets");
	b[7] = 0xff;
	CHECK(dec(b, (size_t)n, &d, &rep) == -EBADMSG && rep.hdr_error == MCM_UNI_HE_LENGTH,
	      "message length 0xff01");
	b[7] = b[8] = 0;
	b[n] = 0xaa;
	b[n + 1] = 0xbb;
	CHECK(dec(b, (size_t)n + 2, &d, &rep) == 0 && rep.trailing &&
	      rep.verdict == MCM_UNI_V_OK, "trailing octets ignored");
	CHECK(d.type == MCM_UNI_MSG_CONNECT_ACK && d.cref == m.cref, "header fields");
}

/* Start of the IE that octet @p cut falls in (or @p cut itself at an IE boundary). */
static size_t
ie_start(const uint8_t *b, size_t n, size_t cut)
{
	size_t pos = MCM_UNI_HDR_LEN, next;

	while (pos + 4 <= n) {
		next = pos + 4 + (size_t)((b[pos + 2] << 8) | b[pos + 3]);
		if (next > cut)
			break;
		pos = next;
	}
	return pos;
}

/* Every truncation of every sample, as received (length field intact: ignored) and with the
 * length field fixed to the truncated size (the cut IE is a content error). */
static void
test_truncations(void)
{
	static uint8_t b[BUF], c[BUF];
	unsigned long cases = 0;
	int t, v;

	for (t = 0; t < SAMPLE_N_TYPES; t++)
		for (v = 0; v < SAMPLE_N_VARIANTS; v++) {
			uint8_t type = sample_types[t];
			struct mcm_uni_msg m, d;
			struct mcm_uni_decode_report rep;
			int n, cut, rc;

			sample_msg(&m, type, v);
			n = enc(&m, b);
			for (cut = 0; cut < n; cut++) {
				size_t start = ie_start(b, (size_t)n, (size_t)cut);
				bool reported = false;
				unsigned int k;

				rc = dec(b, (size_t)cut, &d, &rep);
				CHECK(rc == -EBADMSG && rep.verdict == MCM_UNI_V_IGNORE,
				      "0x%02x v%d cut %d: %d", type, v, cut, rc);
				if (cut < MCM_UNI_HDR_LEN)
					continue;
				memcpy(c, b, (size_t)cut);
				set_msg_len(c, (size_t)cut);
				rc = dec(c, (size_t)cut, &d, &rep);
				CHECK(rc == 0, "0x%02x v%d fixed cut %d: %d", type, v, cut, rc);
				cases++;
				if (start == (size_t)cut)
					continue;
				for (k = 0; k < rep.n_problems; k++)
					reported |= rep.problems[k].offset == start &&
						    rep.problems[k].fault == MCM_UNI_F_CONTENT;
				CHECK(reported, "0x%02x v%d cut %d: IE at %zu not reported", type,
				      v, cut, start);
				/* variant 3 asks "discard and proceed"; RELEASE COMPLETE is never
				 * answered */
				if (v != 3 && type != MCM_UNI_MSG_RELEASE_COMPLETE)
					CHECK(rep.verdict != MCM_UNI_V_OK, "0x%02x v%d cut %d: OK",
					      type, v, cut);
				/* the first instance of a mandatory IE cut short: 5.6.7.2 */
				if (mcm_uni_msg_ie_rule(type, b[start], MCM_UNI_DIR_U2N) ==
				    MCM_UNI_IE_MANDATORY &&
				    mcm_uni_msg_ie_rule(type, b[start], MCM_UNI_DIR_N2U) ==
				    MCM_UNI_IE_MANDATORY &&
				    find_ie(b, (size_t)n, b[start], 0) == (int)start)
					CHECK(rep.verdict == MCM_UNI_V_MANDATORY &&
					      rep.mandatory_bad && rep.cause ==
					      (rep.mandatory_missing ? 96 : 100),
					      "0x%02x v%d cut %d in mandatory IE 0x%02x: %u", type,
					      v, cut, b[start], rep.verdict);
			}
		}
	printf("truncations: %lu fixed-length cases\n", cases);
}

struct corrupt {
	uint8_t type;
	uint8_t ie;
	int nth;          /* which instance */
	int octet;        /* content octet to change, or -1: shorten the IE by one octet */
	uint8_t value;
	bool mandatory;
};

/* IE content errors: cause 100 with the IE identifier as diagnostic (Q.2931 5.6.7.2,
 * 5.6.8.2). */
static const struct corrupt corrupts[] = {
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_AAL, 0, 0, 0x07, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_AAL, 0, 1, 0x99, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_AAL, 0, 1, 0x85, false },   /* AAL1 subfield in AAL5 */
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_AAL, 0, -1, 0, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_TRAFFIC, 0, 0, 0x86, true },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_TRAFFIC, 0, 4, 0x82, true }, /* repeated subfield */
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_TRAFFIC, 0, -1, 0, true },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_BEARER, 0, 0, 0x07, true },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_BEARER, 0, 1, 0x0a, true }, /* 5a without ext */
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_BEARER, 0, 2, 0xc0, true }, /* clipping 10 */
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_BHLI, 0, 0, 0x82, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_BHLI, 0, -1, 0, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_REPEAT, 0, 0, 0x81, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_BLLI, 0, 0, 0x0c, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_BLLI, 1, 1, 0x80, false },   /* TR 9577: 7a ext 1 */
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_BLLI, 1, 3, 0x00, false },   /* SNAP octet 8 */
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_BLLI, 2, 2, 0x60, false },   /* L2 mode 3 */
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_BLLI, 2, -1, 0, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_CALLED, 0, 0, 0x85, true },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_CALLED, 0, 0, 0x02, true },  /* 5a in called */
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_CALLED, 0, -1, 0, true },    /* 19-octet AESA */
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_CALLEDSUB, 0, 0, 0xb0, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_CALLEDSUB, 0, -1, 0, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_CALLING, 0, 1, 0xe0, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_CALLINGSUB, 1, 0, 0x30, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_CONNID, 0, 0, 0x83, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_CONNID, 0, 0, 0x08, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_CONNID, 0, -1, 0, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_QOS, 0, -1, 0, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_SCOMPL, 0, 0, 0xa2, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_TNS, 0, 1, 0x01, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_EPREF, 0, 0, 0x01, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_NOTIFY, 0, -1, 0, false },   /* still 2 octets: ok? */
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_EETD, 0, 0, 0x02, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_EETD, 0, -1, 0, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_EXQOS, 0, 0, 0x02, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_EXQOS, 0, 1, 0x98, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_MINTRAFFIC, 0, 0, 0xa0, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_ATRAFFIC, 0, 0, 0x82, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_ABRSETUP, 0, 0, 0xc7, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_ABRSETUP, 0, 21, 0x10, false }, /* RIF 16 */
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_ABRSETUP, 0, -1, 0, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_ABRADD, 0, 0, 0xc4, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_ABRADD, 0, -1, 0, false },
	{ MCM_UNI_MSG_CONNECT, MCM_UNI_IE_ABRADD, 0, 5, 0xc2, false },  /* forward twice */
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_CSCOPE, 0, 0, 0x82, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_CSCOPE, 0, 1, 0x00, false },
	{ MCM_UNI_MSG_SETUP, MCM_UNI_IE_CSCOPE, 0, -1, 0, false },
	{ MCM_UNI_MSG_STATUS, MCM_UNI_IE_CALL_STATE, 0, 0, 0x05, true },
	{ MCM_UNI_MSG_STATUS, MCM_UNI_IE_CAUSE, 0, 0, 0x00, true },
	{ MCM_UNI_MSG_STATUS, MCM_UNI_IE_EPSTATE, 0, 0, 0x02, false },
	{ MCM_UNI_MSG_RESTART, MCM_UNI_IE_RESTART, 0, 0, 0x83, true },
	{ MCM_UNI_MSG_RESTART, MCM_UNI_IE_RESTART, 0, 0, 0x02, true },
	{ MCM_UNI_MSG_RESTART, MCM_UNI_IE_CONNID, 0, 0, 0x87, true }, /* needed for class 0 */
	{ MCM_UNI_MSG_RELEASE, MCM_UNI_IE_CAUSE, 0, 1, 0x10, true },
	{ MCM_UNI_MSG_RELEASE, MCM_UNI_IE_CAUSE, 1, -1, 0, true },
	{ MCM_UNI_MSG_ADD_PARTY, MCM_UNI_IE_EPREF, 0, -1, 0, true },
	{ MCM_UNI_MSG_ADD_PARTY_ACK, MCM_UNI_IE_AAL, 0, 0, 0x00, false },
	{ MCM_UNI_MSG_CONNECT, MCM_UNI_IE_TRAFFIC, 0, 0, 0xff, false },
	{ MCM_UNI_MSG_NOTIFY, MCM_UNI_IE_NOTIFY, 0, -1, 0, true },
};

static void
test_content_errors(void)
{
	unsigned int i, a;

	for (i = 0; i < sizeof(corrupts) / sizeof(corrupts[0]); i++) {
		const struct corrupt *k = &corrupts[i];
		uint8_t b[BUF];
		struct mcm_uni_msg m, d;
		struct mcm_uni_decode_report rep;
		size_t n;
		int off;

		sample_msg(&m, k->type, 1);
		if (k->type == MCM_UNI_MSG_NOTIFY && k->octet < 0)
			m.notify.len = 1;      /* shortening leaves it empty */
		n = (size_t)enc(&m, b);
		off = find_ie(b, n, k->ie, k->nth);
		CHECK(off > 0, "case %u: IE 0x%02x not found", i, k->ie);
		if (off <= 0)
			continue;
		if (k->octet < 0)
			shrink_ie(b, &n, off);
		else
			b[off + 4 + k->octet] = k->value;
		if (k->type == MCM_UNI_MSG_SETUP && k->ie == MCM_UNI_IE_NOTIFY) {
			/* a 2-octet notification is still valid: no error expected */
			CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_OK,
			      "case %u: shortened notification", i);
			continue;
		}
		CHECK(dec(b, n, &d, &rep) == 0, "case %u: decode", i);
		CHECK(rep.cause == MCM_UNI_CAUSE_IE_INVALID && diag_has(&rep, k->ie),
		      "case %u (IE 0x%02x): cause %u diag_len %u", i, k->ie, rep.cause,
		      rep.diag_len);
		CHECK(rep.verdict == (k->mandatory ? MCM_UNI_V_MANDATORY : MCM_UNI_V_OK_STATUS),
		      "case %u (IE 0x%02x): verdict %u", i, k->ie, rep.verdict);
		CHECK(rep.mandatory_bad == k->mandatory, "case %u: mandatory_bad", i);
		CHECK(problem(&rep, k->ie, MCM_UNI_F_CONTENT) != NULL &&
		      problem(&rep, k->ie, MCM_UNI_F_CONTENT)->offset == off,
		      "case %u: problem offset", i);
	}

	/* instruction octet without its extension bit */
	{
		uint8_t b[BUF];
		struct mcm_uni_msg m, d;
		struct mcm_uni_decode_report rep;
		size_t n;

		sample_msg(&m, MCM_UNI_MSG_SETUP, 1);
		n = (size_t)enc(&m, b);
		b[find_ie(b, n, MCM_UNI_IE_QOS, 0) + 1] &= 0x7f;
		CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_OK_STATUS &&
		      rep.cause == 100 && diag_has(&rep, MCM_UNI_IE_QOS) && !d.qos.h.present,
		      "IE instruction octet ext 0");
	}

	/* the IE instruction field of a bad optional IE decides (Q.2931 5.6.8.2) */
	for (a = 0; a < 8; a++) {
		static const uint8_t want[8] = {
			MCM_UNI_V_CLEAR, MCM_UNI_V_OK, MCM_UNI_V_OK_STATUS, MCM_UNI_V_OK_STATUS,
			MCM_UNI_V_OK_STATUS, MCM_UNI_V_IGNORE, MCM_UNI_V_DISCARD_STATUS,
			MCM_UNI_V_OK_STATUS,
		};
		uint8_t b[BUF];
		struct mcm_uni_msg m, d;
		struct mcm_uni_decode_report rep;
		size_t n;
		int off;

		sample_msg(&m, MCM_UNI_MSG_SETUP, 1);
		n = (size_t)enc(&m, b);
		off = find_ie(b, n, MCM_UNI_IE_BHLI, 0);
		b[off + 1] = (uint8_t)(0x90 | a);
		b[off + 4] = 0x82;
		CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == want[a],
		      "bad BHLI action %u: verdict %u", a, rep.verdict);
		CHECK(!d.bhli.h.present, "bad BHLI kept");
		CHECK(a == 1 ? rep.cause == 0 : rep.cause == MCM_UNI_CAUSE_IE_INVALID,
		      "bad BHLI action %u: cause %u", a, rep.cause);
		/* the same action on a bad mandatory IE does not change 5.6.7 */
		n = (size_t)enc(&m, b);
		off = find_ie(b, n, MCM_UNI_IE_BEARER, 0);
		b[off + 1] = (uint8_t)(0x90 | a);
		b[off + 4] = 0x07;
		CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_MANDATORY &&
		      rep.cause == MCM_UNI_CAUSE_IE_INVALID,
		      "bad bearer action %u: verdict %u", a, rep.verdict);
	}
}

/* Every mandatory IE of every message, removed: cause 96 (Q.2931 5.6.7.1). */
static void
test_missing_mandatory(void)
{
	int t;

	for (t = 0; t < SAMPLE_N_TYPES; t++) {
		const struct mcm_uni_msg_rules *r = mcm_uni_msg_rules(sample_types[t]);
		unsigned int i;

		for (i = 0; i < r->n_rules; i++) {
			uint8_t b[BUF];
			struct mcm_uni_msg m, d;
			struct mcm_uni_decode_report rep;
			size_t n;
			int off;

			if (r->rules[i].req[0] != MCM_UNI_IE_MANDATORY ||
			    r->rules[i].req[1] != MCM_UNI_IE_MANDATORY)
				continue;
			sample_msg(&m, sample_types[t], 1);
			n = (size_t)enc(&m, b);
			while ((off = find_ie(b, n, r->rules[i].ie, 0)) > 0)
				remove_ie(b, &n, off);
			CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_MANDATORY &&
			      rep.cause == MCM_UNI_CAUSE_MANDATORY_MISSING &&
			      rep.mandatory_missing && rep.diag_len == 1 &&
			      rep.diag[0] == r->rules[i].ie,
			      "%s without IE 0x%02x: verdict %u cause %u", r->name, r->rules[i].ie,
			      rep.verdict, rep.cause);
			CHECK(problem(&rep, r->rules[i].ie, MCM_UNI_F_MISSING) != NULL &&
			      problem(&rep, r->rules[i].ie, MCM_UNI_F_MISSING)->mandatory,
			      "%s: missing problem", r->name);
		}
	}
	/* RESTART of one VC without the connection identifier (Q.2931 5.5) */
	{
		uint8_t b[BUF];
		struct mcm_uni_msg m, d;
		struct mcm_uni_decode_report rep;
		size_t n;

		sample_msg(&m, MCM_UNI_MSG_RESTART_ACK, 1);
		n = (size_t)enc(&m, b);
		remove_ie(b, &n, find_ie(b, n, MCM_UNI_IE_CONNID, 0));
		CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_MANDATORY &&
		      rep.cause == MCM_UNI_CAUSE_MANDATORY_MISSING &&
		      diag_has(&rep, MCM_UNI_IE_CONNID), "RESTART ACK class 0 without connid");
	}
	/* missing (96) outranks bad contents (100) in the cause; both are diagnosed apart */
	{
		uint8_t b[BUF];
		struct mcm_uni_msg m, d;
		struct mcm_uni_decode_report rep;
		size_t n;

		sample_msg(&m, MCM_UNI_MSG_SETUP, 1);
		n = (size_t)enc(&m, b);
		remove_ie(b, &n, find_ie(b, n, MCM_UNI_IE_CALLED, 0));
		b[find_ie(b, n, MCM_UNI_IE_BEARER, 0) + 4] = 0x07;
		b[find_ie(b, n, MCM_UNI_IE_AAL, 0) + 4] = 0x07;
		CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_MANDATORY &&
		      rep.cause == 96 && rep.diag_len == 1 && rep.diag[0] == MCM_UNI_IE_CALLED &&
		      rep.mandatory_bad && rep.mandatory_missing, "96 before 100");
	}
}

/* Unrecognised and unexpected IEs: cause 99 and the action indicator (Q.2931 5.6.8.1). */
static void
test_unrecognised_ies(void)
{
	static const uint8_t want[8] = {
		MCM_UNI_V_CLEAR, MCM_UNI_V_OK, MCM_UNI_V_OK_STATUS, MCM_UNI_V_OK_STATUS,
		MCM_UNI_V_OK_STATUS, MCM_UNI_V_IGNORE, MCM_UNI_V_DISCARD_STATUS,
		MCM_UNI_V_OK_STATUS,
	};
	static const uint8_t uu[3] = { 0x04, 'h', 'i' };
	uint8_t b[BUF];
	struct mcm_uni_msg m, d;
	struct mcm_uni_decode_report rep;
	size_t n;
	unsigned int a;

	/* no flag: proceed and report (cause 99, diagnostic the identifier) */
	sample_msg(&m, MCM_UNI_MSG_SETUP, 1);
	n = (size_t)enc(&m, b);
	insert_ie(b, &n, find_ie(b, n, MCM_UNI_IE_CALLED, 0), 0x7e, 0x80, uu, sizeof(uu));
	CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_OK_STATUS &&
	      rep.cause == MCM_UNI_CAUSE_IE_UNKNOWN && rep.diag_len == 1 && rep.diag[0] == 0x7e,
	      "unrecognised IE: verdict %u cause %u", rep.verdict, rep.cause);
	CHECK(d.n_raw == 1 && d.raw[0].id == 0x7e && d.raw[0].len == 3 &&
	      memcmp(d.raw[0].data, uu, 3) == 0 && d.called.h.present, "raw IE kept");
	for (a = 0; a < 8; a++) {
		n = (size_t)enc(&m, b);
		insert_ie(b, &n, -1, 0x7e, (uint8_t)(0x90 | a), uu, sizeof(uu));
		CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == want[a],
		      "unrecognised IE action %u: verdict %u", a, rep.verdict);
		CHECK(rep.problems[0].flag && rep.problems[0].action == a, "action reported");
	}
	/* a known IE that this message may not carry is unrecognised here (5.6.8.3) */
	n = (size_t)enc(&m, b);
	insert_ie(b, &n, -1, MCM_UNI_IE_CALL_STATE, 0x80, (const uint8_t *)"\x0a", 1);
	CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_OK_STATUS &&
	      rep.cause == 99 && rep.diag[0] == MCM_UNI_IE_CALL_STATE &&
	      problem(&rep, MCM_UNI_IE_CALL_STATE, MCM_UNI_F_UNEXPECTED) != NULL &&
	      !d.call_state.h.present, "unexpected call state in SETUP");
	/* the most severe action wins: clear call over report status */
	n = (size_t)enc(&m, b);
	insert_ie(b, &n, -1, 0x7e, 0x92, uu, sizeof(uu));
	insert_ie(b, &n, -1, 0x7d, 0x90, uu, sizeof(uu));
	CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_CLEAR && rep.cause == 99 &&
	      rep.diag_len == 2, "clear wins");
	/* RELEASE COMPLETE: no STATUS in answer */
	sample_msg(&m, MCM_UNI_MSG_RELEASE_COMPLETE, 1);
	n = (size_t)enc(&m, b);
	insert_ie(b, &n, -1, 0x7e, 0x80, uu, sizeof(uu));
	CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_OK && rep.cause == 99,
	      "RELEASE COMPLETE with unrecognised IE");
	/* an unrecognised IE is re-encoded as received (pass along) */
	sample_msg(&m, MCM_UNI_MSG_SETUP, 1);
	m.n_raw = 1;
	m.raw[0].h.present = true;
	m.raw[0].h.flag = true;
	m.raw[0].h.pass_along = true;
	m.raw[0].h.action = MCM_UNI_IEA_DISCARD_PROCEED;
	m.raw[0].id = 0x7e;
	m.raw[0].len = 3;
	memcpy(m.raw[0].data, uu, 3);
	n = (size_t)enc(&m, b);
	CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_OK && rep.cause == 0 &&
	      memcmp(&d, &m, sizeof(m)) == 0, "pass-along raw IE round trip");
	/* too many unknown IEs: all reported, the first MCM_UNI_MAX_RAW kept */
	n = (size_t)enc(&m, b);
	for (a = 0; a < 20; a++)
		insert_ie(b, &n, -1, (uint8_t)(0x01 + a), 0x80, uu, sizeof(uu));
	CHECK(dec(b, n, &d, &rep) == 0 && d.n_raw == MCM_UNI_MAX_RAW &&
	      rep.n_problems == MCM_UNI_MAX_PROBLEMS && rep.n_problems_total == 21 &&
	      rep.verdict == MCM_UNI_V_OK_STATUS, "20 unknown IEs: %u %u", d.n_raw,
	      rep.n_problems_total);
}

/* Unrecognised message types: cause 97 (Q.2931 5.6.4). */
static void
test_unrecognised_messages(void)
{
	static const uint8_t types[] = { 0x00, 0x03, 0x0b, 0x7b, 0x90, 0x91, 0xff };
	uint8_t b[BUF];
	struct mcm_uni_msg m, d;
	struct mcm_uni_decode_report rep;
	unsigned int i;
	size_t n;

	sample_msg(&m, MCM_UNI_MSG_RELEASE, 1);
	n = (size_t)enc(&m, b);
	for (i = 0; i < sizeof(types); i++) {
		b[5] = types[i];
		b[6] = 0x80;
		CHECK(dec(b, n, &d, &rep) == 0 && rep.msg_unrecognised &&
		      rep.verdict == MCM_UNI_V_DISCARD_STATUS &&
		      rep.cause == MCM_UNI_CAUSE_MSG_TYPE_UNKNOWN && rep.diag_len == 1 &&
		      rep.diag[0] == types[i] && d.type == types[i], "type 0x%02x", types[i]);
		b[6] = 0x90;
		CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_CLEAR, "clear");
		b[6] = 0x91;
		CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_IGNORE, "ignore");
		b[6] = 0x92;
		CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_DISCARD_STATUS,
		      "report");
		b[6] = 0x93;
		CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_DISCARD_STATUS,
		      "reserved action");
	}
}

/* Repetition (5.6.6.2), order (5.6.6.1), global call reference (5.6.3.2). */
static void
test_repetition_order_cref(void)
{
	uint8_t b[BUF];
	struct mcm_uni_msg m, d;
	struct mcm_uni_decode_report rep;
	size_t n;
	int off, off2;

	sample_msg(&m, MCM_UNI_MSG_SETUP, 1);
	n = (size_t)enc(&m, b);
	off = find_ie(b, n, MCM_UNI_IE_CONNID, 0);
	insert_ie(b, &n, -1, MCM_UNI_IE_CONNID, 0x80,
		  (const uint8_t *)"\x88\x00\x01\x00\x99", 5);
	CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_OK && rep.cause == 0 &&
	      d.connid.vci == m.connid.vci && problem(&rep, MCM_UNI_IE_CONNID,
	      MCM_UNI_F_REPEATED) != NULL, "second connid ignored");
	(void)off;
	n = (size_t)enc(&m, b);
	insert_ie(b, &n, -1, MCM_UNI_IE_BLLI, 0x80, (const uint8_t *)"\xcc", 1);
	CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_OK && d.n_blli == 3 &&
	      d.blli[2].l2 == MCM_UNI_L2_X25LL, "fourth BLLI ignored");

	/* several BLLIs without a repeat indicator: only the first counts */
	n = (size_t)enc(&m, b);
	remove_ie(b, &n, find_ie(b, n, MCM_UNI_IE_REPEAT, 0));
	CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_OK && d.n_blli == 1 &&
	      rep.n_problems == 2 && problem(&rep, MCM_UNI_IE_BLLI, MCM_UNI_F_REPEATED) != NULL,
	      "BLLIs without repeat indicator");

	/* order: the called number moved to the end is accepted and noted */
	n = (size_t)enc(&m, b);
	off = find_ie(b, n, MCM_UNI_IE_CALLED, 0);
	{
		uint8_t ie[64];
		size_t ilen = 4 + (size_t)((b[off + 2] << 8) | b[off + 3]);

		memcpy(ie, b + off, ilen);
		remove_ie(b, &n, off);
		insert_ie(b, &n, -1, ie[0], ie[1], ie + 4, ilen - 4);
	}
	CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_OK && rep.out_of_order &&
	      memcmp(&d, &m, sizeof(m)) == 0, "IE order");

	/* global call reference */
	m.cref = 0;
	n = (size_t)enc(&m, b);
	CHECK(dec(b, n, &d, &rep) == 0 && rep.global_cref && rep.global_misuse &&
	      rep.verdict == MCM_UNI_V_DISCARD_STATUS && rep.cause == 81 && rep.diag_len == 0,
	      "SETUP with the global call reference");
	sample_msg(&m, MCM_UNI_MSG_RESTART, 1);
	m.cref = 7;
	n = (size_t)enc(&m, b);
	CHECK(dec(b, n, &d, &rep) == 0 && !rep.global_cref && rep.global_misuse &&
	      rep.cause == 81, "RESTART without the global call reference");
	sample_msg(&m, MCM_UNI_MSG_STATUS, 1);
	m.cref = 0;
	n = (size_t)enc(&m, b);
	CHECK(dec(b, n, &d, &rep) == 0 && rep.global_cref && !rep.global_misuse &&
	      rep.verdict == MCM_UNI_V_OK, "global STATUS");
	m.cref = 99;
	n = (size_t)enc(&m, b);
	CHECK(dec(b, n, &d, &rep) == 0 && !rep.global_misuse && rep.verdict == MCM_UNI_V_OK,
	      "STATUS");

	/* repeat indicator ahead of a single BLLI is emitted only when asked for */
	sample_msg(&m, MCM_UNI_MSG_SETUP, 1);
	m.n_blli = 2;
	memset(&m.blli_repeat, 0, sizeof(m.blli_repeat));
	n = (size_t)enc(&m, b);
	off = find_ie(b, n, MCM_UNI_IE_REPEAT, 0);
	off2 = find_ie(b, n, MCM_UNI_IE_BLLI, 0);
	CHECK(off > 0 && off2 == off + 5, "repeat indicator ahead of BLLIs");
	m.n_blli = 1;
	n = (size_t)enc(&m, b);
	CHECK(find_ie(b, n, MCM_UNI_IE_REPEAT, 0) < 0, "no repeat indicator for one BLLI");
}

/* Codesets: non-locking and locking shifts (Q.2931 4.5.3, 4.5.4). */
static void
test_shifts(void)
{
	uint8_t b[BUF];
	struct mcm_uni_msg m, d;
	struct mcm_uni_decode_report rep;
	size_t n;
	int off;

	sample_msg(&m, MCM_UNI_MSG_CONNECT, 1);
	m.n_raw = 3;
	m.raw[0].h.present = true;
	m.raw[0].codeset = 6;
	m.raw[0].id = MCM_UNI_IE_CAUSE;      /* same identifier, other codeset: not a cause */
	m.raw[0].h.coding = MCM_UNI_CODING_NETWORK;
	m.raw[0].h.flag = true;
	m.raw[0].h.action = MCM_UNI_IEA_DISCARD_PROCEED;
	m.raw[0].len = 2;
	m.raw[0].data[0] = 0xaa;
	m.raw[1] = m.raw[0];
	m.raw[1].codeset = 7;
	m.raw[1].locking = true;
	m.raw[1].id = 0x01;
	m.raw[2] = m.raw[1];
	m.raw[2].id = 0x02;
	m.raw[2].len = 0;
	m.raw[2].data[0] = 0;
	n = (size_t)enc(&m, b);
	off = find_ie(b, n, MCM_UNI_IE_NLSHIFT, 0);
	CHECK(off > 0 && b[off + 4] == 0x86 && b[off + 5] == MCM_UNI_IE_CAUSE,
	      "non-locking shift to 6 ahead of the IE");
	off = find_ie(b, n, MCM_UNI_IE_LSHIFT, 0);
	CHECK(off > 0 && b[off + 4] == 0x87 && find_ie(b, n, MCM_UNI_IE_LSHIFT, 1) < 0,
	      "one locking shift to 7");
	CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_OK && d.n_cause == 0 &&
	      memcmp(&d, &m, sizeof(m)) == 0, "codeset IEs round trip: verdict %u diff %ld",
	      rep.verdict, msg_diff(&d, &m));
	CHECK(rep.n_problems == 3 && rep.problems[0].codeset == 6 &&
	      rep.problems[2].codeset == 7 && rep.problems[1].fault == MCM_UNI_F_UNRECOGNISED,
	      "codeset IEs reported");
	/* without explicit instructions they are reported (cause 99) */
	m.raw[0].h.flag = false;
	n = (size_t)enc(&m, b);
	CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_OK_STATUS &&
	      rep.cause == 99 && diag_has(&rep, MCM_UNI_IE_CAUSE), "codeset 6 IE reported");
	/* reserved codeset, bad length, locking shift back down */
	sample_msg(&m, MCM_UNI_MSG_CONNECT_ACK, 1);
	n = (size_t)enc(&m, b);
	insert_ie(b, &n, -1, MCM_UNI_IE_NLSHIFT, 0x80, (const uint8_t *)"\x82", 1);
	CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_OK_STATUS &&
	      rep.cause == 100 && diag_has(&rep, MCM_UNI_IE_NLSHIFT), "shift to codeset 2");
	n = (size_t)enc(&m, b);
	insert_ie(b, &n, -1, MCM_UNI_IE_LSHIFT, 0x80, (const uint8_t *)"\x86\x00", 2);
	CHECK(dec(b, n, &d, &rep) == 0 && rep.cause == 100, "shift of 2 octets");
	n = (size_t)enc(&m, b);
	insert_ie(b, &n, -1, MCM_UNI_IE_LSHIFT, 0x80, (const uint8_t *)"\x86", 1);
	insert_ie(b, &n, -1, MCM_UNI_IE_LSHIFT, 0x80, (const uint8_t *)"\x85", 1);
	insert_ie(b, &n, -1, MCM_UNI_IE_NOTIFY, 0x80, (const uint8_t *)"\x01", 1);
	CHECK(dec(b, n, &d, &rep) == 0 && rep.cause == 100 && d.n_raw == 1 &&
	      d.raw[0].codeset == 6 && d.raw[0].id == MCM_UNI_IE_NOTIFY,
	      "locking shift down refused; following IE stays in codeset 6");
}

/* Direction-specific rules (mcm_uni_msg_check_dir). */
static void
test_direction(void)
{
	uint8_t b[BUF];
	struct mcm_uni_msg m, d;
	struct mcm_uni_decode_report rep;
	size_t n;

	sample_msg(&m, MCM_UNI_MSG_CALL_PROCEEDING, 1);
	m.connid.h.present = false;
	n = (size_t)enc(&m, b);
	CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_OK, "CALL PROC no connid");
	CHECK(mcm_uni_msg_check_dir(&d, MCM_UNI_DIR_U2N, &rep) == MCM_UNI_V_OK, "from user");
	CHECK(mcm_uni_msg_check_dir(&d, MCM_UNI_DIR_N2U, &rep) == MCM_UNI_V_MANDATORY &&
	      rep.cause == 96 && rep.diag[0] == MCM_UNI_IE_CONNID, "from network");
	/* twice: not reported twice */
	CHECK(mcm_uni_msg_check_dir(&d, MCM_UNI_DIR_N2U, &rep) == MCM_UNI_V_MANDATORY &&
	      rep.n_problems == 1, "idempotent");

	sample_msg(&m, MCM_UNI_MSG_SETUP, 1);
	n = (size_t)enc(&m, b);
	CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_OK, "SETUP");
	CHECK(mcm_uni_msg_check_dir(&d, MCM_UNI_DIR_U2N, &rep) == MCM_UNI_V_OK, "SETUP u2n");
	CHECK(mcm_uni_msg_check_dir(&d, MCM_UNI_DIR_N2U, &rep) == MCM_UNI_V_OK_STATUS &&
	      rep.cause == 99 && rep.diag[0] == MCM_UNI_IE_TNS && !d.tns.h.present,
	      "TNS from the network");

	/* the network's SETUP names the VPCI/VCI */
	m.connid.h.present = false;
	m.tns.h.present = false;
	n = (size_t)enc(&m, b);
	CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_OK, "SETUP no connid");
	CHECK(mcm_uni_msg_check_dir(&d, MCM_UNI_DIR_N2U, &rep) == MCM_UNI_V_MANDATORY &&
	      rep.cause == 96 && rep.diag_len == 1 && rep.diag[0] == MCM_UNI_IE_CONNID,
	      "SETUP from the network without connid");
	CHECK(mcm_uni_msg_check_dir(&d, (enum mcm_uni_dir)7, &rep) == MCM_UNI_V_MANDATORY,
	      "bad direction leaves the report");

	/* bad connid in CALL PROCEEDING from the network is a mandatory content error */
	sample_msg(&m, MCM_UNI_MSG_CALL_PROCEEDING, 1);
	n = (size_t)enc(&m, b);
	b[find_ie(b, n, MCM_UNI_IE_CONNID, 0) + 4] = 0x87;
	CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_OK_STATUS, "bad connid");
	CHECK(mcm_uni_msg_check_dir(&d, MCM_UNI_DIR_N2U, &rep) == MCM_UNI_V_MANDATORY &&
	      rep.cause == 100 && rep.mandatory_bad, "bad connid from network");
}

/* Answering: the report's cause goes into a STATUS and survives the trip. */
static void
test_report_cause(void)
{
	uint8_t b[BUF];
	struct mcm_uni_msg m, d, st;
	struct mcm_uni_decode_report rep, rep2;
	size_t n;

	sample_msg(&m, MCM_UNI_MSG_SETUP, 1);
	n = (size_t)enc(&m, b);
	b[find_ie(b, n, MCM_UNI_IE_AAL, 0) + 4] = 0x07;
	b[find_ie(b, n, MCM_UNI_IE_BHLI, 0) + 4] = 0x07;
	CHECK(dec(b, n, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_OK_STATUS &&
	      rep.diag_len == 2, "two bad IEs");
	mcm_uni_msg_init(&st, MCM_UNI_MSG_STATUS, d.cref, !d.cref_flag);
	st.call_state.h.present = true;
	st.call_state.state = MCM_UNI_CS_CALL_PRESENT;
	st.n_cause = 1;
	mcm_uni_report_cause(&rep, MCM_UNI_LOC_PRIV_LOCAL, &st.cause[0]);
	n = (size_t)enc(&st, b);
	CHECK(dec(b, n, &d, &rep2) == 0 && rep2.verdict == MCM_UNI_V_OK &&
	      d.cause[0].cause == 100 && d.cause[0].diag_len == 2 &&
	      d.cause[0].diag[0] == MCM_UNI_IE_AAL && d.cause[0].diag[1] == MCM_UNI_IE_BHLI &&
	      d.cause[0].location == MCM_UNI_LOC_PRIV_LOCAL && d.cref_flag, "STATUS answer");
}

/* Deterministic mutations of valid messages: must not crash, reports coherent. */
static void
test_mutations(void)
{
	uint64_t s = 0x9e3779b97f4a7c15ULL;
	uint8_t b[BUF], c[BUF];
	unsigned long i, ok = 0;

	for (i = 0; i < 30000; i++) {
		struct mcm_uni_msg m, d;
		struct mcm_uni_decode_report rep;
		int n, k, rc;

		s ^= s >> 12;
		s ^= s << 25;
		s ^= s >> 27;
		sample_msg(&m, sample_types[(s >> 8) % SAMPLE_N_TYPES], (int)((s >> 16) & 3));
		n = enc(&m, b);
		memcpy(c, b, (size_t)n);
		for (k = 0; k < 1 + (int)((s >> 20) & 3); k++) {
			uint64_t r = s * 2685821657736338717ULL + (uint64_t)k * 0x51ed27;

			/* mostly IE octets, sometimes the header */
			if (n > MCM_UNI_HDR_LEN && (r & 15) != 0)
				c[MCM_UNI_HDR_LEN + (r >> 33) % (uint64_t)(n - MCM_UNI_HDR_LEN)] =
					(uint8_t)(r >> 24);
			else
				c[(r >> 33) % (uint64_t)n] = (uint8_t)(r >> 24);
		}
		rc = dec(c, (size_t)n, &d, &rep);
		if (rc == 0 && rep.verdict == MCM_UNI_V_OK)
			ok++;
		if (rc == 0 && rep.verdict != MCM_UNI_V_OK && rep.verdict != MCM_UNI_V_IGNORE &&
		    rep.cause == 0 && m.type != MCM_UNI_MSG_RELEASE_COMPLETE)
			CHECK(0, "mutation %lu: verdict %u without a cause", i, rep.verdict);
	}
	CHECK(ok > 0 && ok < 30000, "mutations: %lu decoded clean", ok);
	printf("mutations: 30000 decoded, %lu clean\n", ok);
}

int
main(void)
{
	test_rules();
	test_round_trips();
	test_ie_variants();
	test_golden();
	test_encode_errors();
	test_header_errors();
	test_truncations();
	test_content_errors();
	test_missing_mandatory();
	test_unrecognised_ies();
	test_unrecognised_messages();
	test_repetition_order_cref();
	test_shifts();
	test_direction();
	test_report_cause();
	test_mutations();
	return test_summary();
}
