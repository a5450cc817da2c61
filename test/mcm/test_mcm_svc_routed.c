/* SPDX-License-Identifier: BSD-3-Clause
 * Integration test of routed switched calls (RFC 2684 7, RFC 1755 5.1.3): an EAL program with
 * two mcm ports over a memif pair, A on the user side and B on the network side of the UNI.
 *  - an LLC routed call: the SETUP's B-LLI is layer 2 LLC, as a bridged one's; the SAP that
 *    takes it says what the VC carries, so both VCs carry raw SDUs, which cross both ways
 *  - VC-mux routed calls name their one protocol: IPv4 (by its NLPID), IPv6 and any other
 *    EtherType (by SNAP); a SAP for one protocol refuses another with cause 88
 *  - a SETUP without B-LLI means LLC: a SAP for LLC (routed) takes it
 *  - a SAP for bridged LLC takes an LLC call, and refuses a VC-mux one (cause 88)
 *  - misuse of the API (a protocol where none belongs, an EtherType that is a length, VC-mux
 *    routed without B-LLI, unknown encapsulations) is refused with -EINVAL
 *  - no call, VC or mbuf is left
 */
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#include "mcm_check.h"
#define MCM_TEST_CALLS
#include "mcm_test.h"
#include "rte_pmd_mcm.h"

#define ADDR_C "4700000000000000000000000000000000000003"  /* SAPs naming a B-LLI */
#define ADDR_D "4700000000000000000000000000000000000004"  /* a SAP for bridged LLC */
#define N_SDUS 500

static uint8_t addr_c[RTE_PMD_MCM_AESA_LEN], addr_d[RTE_PMD_MCM_AESA_LEN];

/* A SAP of B's client for @p addr taking only the B-LLI of @p encap (@p proto routed). */
static uint32_t
sap_blli(const uint8_t *addr, uint8_t encap, uint16_t proto)
{
	struct rte_pmd_mcm_sap sap;
	uint32_t id = 0;
	int rc;

	memset(&sap, 0, sizeof(sap));
	memcpy(sap.addr, addr, sizeof(sap.addr));
	sap.match_encap = 1;
	sap.encap = encap;
	sap.routed_proto = proto;
	rc = rte_pmd_mcm_sap_register(pb, clb, &sap, &id);
	CHECK(rc == 0 && id != 0, "SAP on B for encap %u proto 0x%04x: %d", encap, proto, rc);
	return id;
}

static void
params_to(struct rte_pmd_mcm_call_params *p, const uint8_t *called, uint8_t encap,
	  uint16_t proto, uint8_t no_blli)
{
	call_params(p, called);
	p->encap = encap;
	p->routed_proto = proto;
	p->no_blli = no_blli;
}

/* What raw SDUs carry: the VC's encapsulation and the routed protocol's EtherType. */
struct raw_kind {
	uint8_t encap;
	uint16_t proto;
};

/*
 * A raw SDU of @p len bytes for a VC of @p arg's encap: an LLC routed one starts with
 * LLC/SNAP and the EtherType (RFC 2684 5.1), a VC-mux routed one is the packet alone (6.1);
 * then the sequence number and a pattern of it.
 */
static struct rte_mbuf *
raw_sdu(const void *arg, uint32_t len, uint32_t seq)
{
	static const uint8_t llc_snap[6] = { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00 };
	const struct raw_kind *k = arg;
	uint32_t hl = k->encap == RTE_PMD_MCM_ENCAP_LLC_ROUTED ? 8 : 0, i;
	uint8_t *p;
	struct rte_mbuf *m = test_mbuf_of_len(mp, len, &p);

	if (m == NULL)
		return NULL;
	if (hl != 0) {
		memcpy(p, llc_snap, sizeof(llc_snap));
		p[6] = (uint8_t)(k->proto >> 8);
		p[7] = (uint8_t)k->proto;
	}
	memcpy(p + hl, &seq, 4);
	for (i = hl + 4; i < len; i++)
		p[i] = (uint8_t)(seq * 13 + i);
	rte_pmd_mcm_mbuf_set_raw(m, 1);
	return m;
}

/* Whether @p m is a whole raw_sdu() of @p arg, delivered raw; the sequence to *seq. */
static int
raw_sdu_ok(const void *arg, const struct rte_mbuf *m, uint32_t *seq)
{
	const struct raw_kind *k = arg;
	const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
	uint32_t hl = k->encap == RTE_PMD_MCM_ENCAP_LLC_ROUTED ? 8 : 0, i;

	if (m->nb_segs != 1 || m->pkt_len < hl + 4 || !rte_pmd_mcm_mbuf_is_raw(m))
		return 0;
	if (hl != 0 && (p[0] != 0xaa || p[1] != 0xaa || p[2] != 0x03 || p[3] != 0 || p[4] != 0 ||
			p[5] != 0 || p[6] != (uint8_t)(k->proto >> 8) ||
			p[7] != (uint8_t)k->proto))
		return 0;
	memcpy(seq, p + hl, 4);
	for (i = hl + 4; i < m->pkt_len; i++)
		if (p[i] != (uint8_t)(*seq * 13 + i))
			return 0;
	return 1;
}

/* N_SDUS raw SDUs of 20..1500 bytes from @p tx to @p rx on the call's VC. */
static void
raw_traffic(uint16_t tx, uint16_t rx, const struct svc *s, uint8_t encap, uint16_t proto,
	    const char *what)
{
	const struct raw_kind rk = { encap, proto };
	const struct traffic_kind k = { 20, raw_sdu, raw_sdu_ok, &rk };

	traffic_of(tx, rx, rte_pmd_mcm_vc(s->vpi, s->vci), N_SDUS, &k, what);
}

/* The encapsulation VC @p s of @p port carries. */
static int
vc_encap(uint16_t port, const struct svc *s)
{
	struct rte_pmd_mcm_vc_info vi;

	return rte_pmd_mcm_vc_info_get(port, s->vpi, s->vci, &vi) == 0 ? vi.encap : -1;
}

/* The B-LLI an encapsulation sends: LLC for both LLC ones (RFC 2684 7). */
static int
wire_kind(uint8_t encap)
{
	return encap == RTE_PMD_MCM_ENCAP_LLC_ROUTED ? RTE_PMD_MCM_ENCAP_LLC : encap;
}

/* What A's end of a call @p p carries once B took @p b_encap / @p b_proto: of what A
 * offered, the one whose B-LLI B took (Q.2931 Annex C); the first when A offered one.
 */
static void
a_expect(const struct rte_pmd_mcm_call_params *p, uint8_t b_encap, uint16_t b_proto,
	 uint8_t *encap, uint16_t *proto)
{
	uint8_t i;

	*encap = p->encap;
	*proto = p->encap == RTE_PMD_MCM_ENCAP_VCMUX_ROUTED && p->routed_proto == 0 ? 0x0800 :
		 p->routed_proto;
	for (i = 0; i < p->n_alt; i++) {
		uint16_t ap = p->alt_encap[i] == RTE_PMD_MCM_ENCAP_VCMUX_ROUTED &&
			      p->alt_proto[i] == 0 ? 0x0800 : p->alt_proto[i];

		if (wire_kind(p->alt_encap[i]) == wire_kind(b_encap) && ap == b_proto) {
			*encap = p->alt_encap[i];
			*proto = ap;
		}
	}
}

/*
 * A call from A with @p p, accepted on B: B's client is offered (and its call and VC show)
 * @p b_encap with @p b_proto and @p b_no_blli; A's VC carries what A asked for, or of what
 * it offered what B took (a_expect). @return 0 with the call in @p s.
 */
static int
routed_call(struct svc *s, const struct rte_pmd_mcm_call_params *p, uint8_t b_encap,
	    uint16_t b_proto, uint8_t b_no_blli, const char *what)
{
	struct rte_pmd_mcm_call_info ia = { 0 }, ib = { 0 };
	const struct rte_pmd_mcm_call_params *in = &s->incoming.params;
	uint16_t a_proto;
	uint8_t a_encap;

	a_expect(p, b_encap, b_proto, &a_encap, &a_proto);
	if (connect_call_params(s, 1, p) != 0) {
		CHECK(0, "%s: no call", what);
		return -1;
	}
	CHECK(in->encap == b_encap && in->routed_proto == b_proto && in->no_blli == b_no_blli,
	      "%s: B offered encap %u proto 0x%04x no_blli %u (expected %u, 0x%04x, %u)", what,
	      in->encap, in->routed_proto, in->no_blli, b_encap, b_proto, b_no_blli);
	CHECK(find_call(pb, s->id_b, &ib) == 0 && ib.params.encap == b_encap &&
	      ib.params.routed_proto == b_proto, "%s: B's call lists encap %u proto 0x%04x",
	      what, ib.params.encap, ib.params.routed_proto);
	CHECK(find_call(pa, s->id_a, &ia) == 0 && ia.params.encap == a_encap &&
	      ia.params.routed_proto == a_proto && ia.params.n_alt == 0,
	      "%s: A's call lists encap %u proto 0x%04x, %u alternatives (expected %u, 0x%04x)",
	      what, ia.params.encap, ia.params.routed_proto, ia.params.n_alt, a_encap, a_proto);
	CHECK(vc_encap(pa, s) == a_encap, "%s: A's VC %u/%u carries encap %d, expected %u",
	      what, s->vpi, s->vci, vc_encap(pa, s), a_encap);
	CHECK(vc_encap(pb, s) == b_encap, "%s: B's VC %u/%u carries encap %d, expected %u",
	      what, s->vpi, s->vci, vc_encap(pb, s), b_encap);
	return 0;
}

/* A call from A with @p p is cleared with @p cause (Q.2931 Annex B on B) and leaves nothing. */
static void
call_refused(const struct rte_pmd_mcm_call_params *p, uint8_t cause, const char *what)
{
	struct rte_pmd_mcm_call_info info;
	uint8_t got = 0;
	int rc = rte_pmd_mcm_call_make(pa, cla, p, &info, &got);

	CHECK(rc == -ECONNREFUSED && got == cause, "%s: call_make %d cause %u (expected "
	      "-ECONNREFUSED, cause %u)", what, rc, got, cause);
	calls_none_left();
}

/* Directions of raw traffic on a call. */
#define TR_AB 1u
#define TR_BA 2u

/*
 * The call @p p from A, accepted on B as routed_call() checks it (@p b_encap, @p b_proto,
 * @p b_no_blli), raw SDUs of EtherType @p proto on it in the directions @p dirs, then
 * released from A (@p from_a) or B; no call left.
 */
static void
call_cycle(const struct rte_pmd_mcm_call_params *p, uint8_t b_encap, uint16_t b_proto,
	   uint8_t b_no_blli, unsigned int dirs, uint16_t proto, int from_a, const char *what)
{
	char w[128];
	struct svc s;

	if (routed_call(&s, p, b_encap, b_proto, b_no_blli, what) == 0) {
		snprintf(w, sizeof(w), "%s: A->B", what);
		if (dirs & TR_AB)
			raw_traffic(pa, pb, &s, b_encap, proto, w);
		snprintf(w, sizeof(w), "%s: B->A", what);
		if (dirs & TR_BA)
			raw_traffic(pb, pa, &s, b_encap, proto, w);
		release_call(&s, from_a);
	}
	calls_none_left();
}

/* 1. LLC routed: the same B-LLI as bridged LLC; B's SAP for LLC routed makes its VC routed. */
static void
test_llc_routed(void)
{
	const uint8_t llc_r = RTE_PMD_MCM_ENCAP_LLC_ROUTED;
	uint32_t sap = sap_blli(addr_c, llc_r, 0);
	struct rte_pmd_mcm_call_params p;

	printf("LLC routed calls\n");
	params_to(&p, addr_c, llc_r, 0, 0);
	call_cycle(&p, llc_r, 0, 0, TR_AB | TR_BA, 0x0800, 1, "LLC routed");
	/* a bridged LLC call sends the same B-LLI (RFC 2684 7): the SAP's encap decides */
	params_to(&p, addr_c, RTE_PMD_MCM_ENCAP_LLC, 0, 0);
	call_cycle(&p, llc_r, 0, 0, 0, 0, 0, "LLC call to an LLC routed SAP");
	/* no B-LLI at all means LLC (RFC 2684 7): the SAP for LLC routed takes it */
	params_to(&p, addr_c, llc_r, 0, 1);
	call_cycle(&p, llc_r, 0, 1, TR_AB, 0x86dd, 1, "no B-LLI, LLC routed SAP");
	/* nothing for VC-mux at that address: the address matches, the B-LLI does not */
	params_to(&p, addr_c, RTE_PMD_MCM_ENCAP_VCMUX_ROUTED, 0, 0);
	call_refused(&p, 88, "VC-mux routed call to an LLC routed SAP");
	params_to(&p, addr_c, RTE_PMD_MCM_ENCAP_VCMUX, 0, 0);
	call_refused(&p, 88, "VC-mux bridged call to an LLC routed SAP");
	CHECK(sap == 0 || rte_pmd_mcm_sap_deregister(pb, clb, sap) == 0, "SAP deregistered");
}

/* 2. VC-mux routed: the protocol is part of the B-LLI; a SAP takes only its own. */
static void
test_vcmux_routed(void)
{
	const uint8_t vc_r = RTE_PMD_MCM_ENCAP_VCMUX_ROUTED;
	uint32_t sap6 = sap_blli(addr_c, vc_r, 0x86dd), sap4;
	struct rte_pmd_mcm_call_params p;

	printf("VC-mux routed calls\n");
	params_to(&p, addr_c, vc_r, 0, 0);
	call_refused(&p, 88, "VC-mux routed IPv4 to a SAP for IPv6");
	params_to(&p, addr_c, vc_r, 0x86dd, 0);
	call_cycle(&p, vc_r, 0x86dd, 0, TR_AB | TR_BA, 0x86dd, 0, "VC-mux routed IPv6");
	/* a second SAP of the same client at the same address, for IPv4 (0: IPv4) */
	sap4 = sap_blli(addr_c, vc_r, 0);
	params_to(&p, addr_c, vc_r, 0x0800, 0);
	call_cycle(&p, vc_r, 0x0800, 0, TR_AB, 0x0800, 1, "VC-mux routed IPv4");
	/* any other EtherType, to the SAP that takes any B-LLI (addr_b) */
	params_to(&p, addr_b, vc_r, 0x88b5, 0);
	call_cycle(&p, vc_r, 0x88b5, 0, TR_BA, 0x88b5, 1, "VC-mux routed 0x88b5, any B-LLI");
	/* and an LLC routed call to the any-B-LLI SAP gets a bridged VC on B: the B-LLI of
	 * LLC does not say routed, and that SAP names no encapsulation
	 */
	params_to(&p, addr_b, RTE_PMD_MCM_ENCAP_LLC_ROUTED, 0, 0);
	call_cycle(&p, RTE_PMD_MCM_ENCAP_LLC, 0, 0, 0, 0, 1, "LLC routed, any B-LLI");
	CHECK(sap6 == 0 || rte_pmd_mcm_sap_deregister(pb, clb, sap6) == 0, "SAP 6 deregistered");
	CHECK(sap4 == 0 || rte_pmd_mcm_sap_deregister(pb, clb, sap4) == 0, "SAP 4 deregistered");
}

/* 3. A SAP for bridged LLC takes LLC calls and refuses VC-mux ones. */
static void
test_bridged_sap(void)
{
	uint32_t sap = sap_blli(addr_d, RTE_PMD_MCM_ENCAP_LLC, 0);
	struct rte_pmd_mcm_call_params p;
	struct svc s;

	printf("SAP for bridged LLC\n");
	params_to(&p, addr_d, RTE_PMD_MCM_ENCAP_LLC, 0, 0);
	if (routed_call(&s, &p, RTE_PMD_MCM_ENCAP_LLC, 0, 0, "LLC call, LLC SAP") == 0) {
		traffic(pa, pb, rte_pmd_mcm_vc(s.vpi, s.vci), 200, "bridged A->B");
		release_call(&s, 1);
	}
	calls_none_left();
	params_to(&p, addr_d, RTE_PMD_MCM_ENCAP_VCMUX, 0, 0);
	call_refused(&p, 88, "VC-mux bridged call to an LLC SAP");
	params_to(&p, addr_d, RTE_PMD_MCM_ENCAP_VCMUX_ROUTED, 0x86dd, 0);
	call_refused(&p, 88, "VC-mux routed call to an LLC SAP");
	CHECK(sap == 0 || rte_pmd_mcm_sap_deregister(pb, clb, sap) == 0, "SAP deregistered");
}

/* params_to() with the alternatives @p encap1 (@p proto1) and, if not 255, @p encap2. */
static void
params_alt(struct rte_pmd_mcm_call_params *p, uint8_t encap1, uint16_t proto1,
	   uint8_t encap2, uint16_t proto2)
{
	p->n_alt = encap2 == 255 ? 1 : 2;
	p->alt_encap[0] = encap1;
	p->alt_proto[0] = proto1;
	p->alt_encap[1] = encap2;
	p->alt_proto[1] = proto2;
}

/* 4. Several B-LLIs offered (Q.2931 Annex C): the called side takes the first a SAP of
 * its takes, CONNECT names it, and the calling side's VC carries it too.
 */
static void
test_alternatives(void)
{
	const uint8_t vc_r = RTE_PMD_MCM_ENCAP_VCMUX_ROUTED, llc_r = RTE_PMD_MCM_ENCAP_LLC_ROUTED;
	uint32_t sap = sap_blli(addr_c, llc_r, 0);
	struct rte_pmd_mcm_call_params p;
	struct svc s;

	printf("several B-LLIs offered\n");
	/* VC-mux routed IPv6 first: no SAP at addr_c takes it; LLC routed second: taken */
	params_to(&p, addr_c, vc_r, 0x86dd, 0);
	params_alt(&p, llc_r, 0, 255, 0);
	call_cycle(&p, llc_r, 0, 0, TR_AB | TR_BA, 0x0800, 1, "IPv6 or LLC routed: LLC");
	/* three: IPv4, IPv6, then LLC routed: the third */
	params_to(&p, addr_c, vc_r, 0, 0);
	params_alt(&p, vc_r, 0x86dd, llc_r, 0);
	call_cycle(&p, llc_r, 0, 0, TR_BA, 0x86dd, 0, "IPv4, IPv6 or LLC routed: LLC");
	/* the SAP for any B-LLI takes the first: VC-mux bridged, then Ethernet frames flow */
	params_to(&p, addr_b, RTE_PMD_MCM_ENCAP_VCMUX, 0, 0);
	params_alt(&p, RTE_PMD_MCM_ENCAP_LLC, 0, 255, 0);
	if (routed_call(&s, &p, RTE_PMD_MCM_ENCAP_VCMUX, 0, 0, "VC-mux or LLC, any B-LLI")
	    == 0) {
		traffic(pa, pb, rte_pmd_mcm_vc(s.vpi, s.vci), 200, "VC-mux bridged taken: A->B");
		release_call(&s, 1);
	}
	calls_none_left();
	/* none of them suits a SAP at addr_c: cause 88 */
	params_to(&p, addr_c, vc_r, 0, 0);
	params_alt(&p, vc_r, 0x86dd, RTE_PMD_MCM_ENCAP_VCMUX, 0);
	call_refused(&p, 88, "IPv4, IPv6 or VC-mux bridged to an LLC routed SAP");
	CHECK(sap == 0 || rte_pmd_mcm_sap_deregister(pb, clb, sap) == 0, "SAP deregistered");
}

/* 5. What no B-LLI can say is refused before anything is sent. */
static void
test_misuse(void)
{
	static const struct {
		uint8_t encap, no_blli;
		uint16_t proto;
		const char *what;
	} bad[] = {
		{ RTE_PMD_MCM_ENCAP_LLC, 0, 0x0800, "a protocol on an LLC call" },
		{ RTE_PMD_MCM_ENCAP_LLC_ROUTED, 0, 0x0800, "a protocol on an LLC routed call" },
		{ RTE_PMD_MCM_ENCAP_VCMUX, 0, 0x86dd, "a protocol on a VC-mux bridged call" },
		{ RTE_PMD_MCM_ENCAP_VCMUX_ROUTED, 0, 0x05ff, "an EtherType that is a length" },
		{ RTE_PMD_MCM_ENCAP_VCMUX_ROUTED, 0, 0x0001, "EtherType 1" },
		{ RTE_PMD_MCM_ENCAP_VCMUX_ROUTED, 1, 0, "VC-mux routed without a B-LLI" },
		{ 4, 0, 0, "encapsulation 4" },
		{ RTE_PMD_MCM_ENCAP_PORT, 0, 0, "the port's encapsulation" },
	};
	struct rte_pmd_mcm_call_params p;
	struct rte_pmd_mcm_call_info info;
	struct rte_pmd_mcm_sap sap;
	uint32_t id = 0, i;
	uint8_t cause = 0;

	printf("misuse\n");
	for (i = 0; i < RTE_DIM(bad); i++) {
		params_to(&p, addr_c, bad[i].encap, bad[i].proto, bad[i].no_blli);
		CHECK(rte_pmd_mcm_call_make(pa, cla, &p, &info, &cause) == -EINVAL,
		      "call with %s refused", bad[i].what);
		if (bad[i].no_blli)
			continue;
		memset(&sap, 0, sizeof(sap));
		sap.any_addr = 1;
		sap.match_encap = 1;
		sap.encap = bad[i].encap;
		sap.routed_proto = bad[i].proto;
		CHECK(rte_pmd_mcm_sap_register(pb, clb, &sap, &id) == -EINVAL,
		      "SAP with %s refused", bad[i].what);
	}
	/* offers no SETUP can carry (Q.2931 Annex C: three, each once) */
	params_to(&p, addr_c, RTE_PMD_MCM_ENCAP_LLC, 0, 0);
	params_alt(&p, RTE_PMD_MCM_ENCAP_LLC_ROUTED, 0, 255, 0);
	CHECK(rte_pmd_mcm_call_make(pa, cla, &p, &info, &cause) == -EINVAL,
	      "LLC and LLC routed offered together: the same B-LLI");
	params_to(&p, addr_c, RTE_PMD_MCM_ENCAP_VCMUX_ROUTED, 0, 0);
	params_alt(&p, RTE_PMD_MCM_ENCAP_VCMUX, 0, RTE_PMD_MCM_ENCAP_VCMUX_ROUTED, 0x0800);
	CHECK(rte_pmd_mcm_call_make(pa, cla, &p, &info, &cause) == -EINVAL,
	      "IPv4 offered twice (0 and 0x0800)");
	params_alt(&p, RTE_PMD_MCM_ENCAP_VCMUX, 0, RTE_PMD_MCM_ENCAP_LLC, 0);
	p.n_alt = 3;
	CHECK(rte_pmd_mcm_call_make(pa, cla, &p, &info, &cause) == -EINVAL, "four B-LLIs");
	params_alt(&p, RTE_PMD_MCM_ENCAP_VCMUX, 0x0800, 255, 0);
	CHECK(rte_pmd_mcm_call_make(pa, cla, &p, &info, &cause) == -EINVAL,
	      "a protocol on a VC-mux bridged alternative");
	params_alt(&p, 9, 0, 255, 0);
	CHECK(rte_pmd_mcm_call_make(pa, cla, &p, &info, &cause) == -EINVAL,
	      "an alternative of encapsulation 9");
	params_to(&p, addr_c, RTE_PMD_MCM_ENCAP_LLC, 0, 1);
	params_alt(&p, RTE_PMD_MCM_ENCAP_VCMUX, 0, 255, 0);
	CHECK(rte_pmd_mcm_call_make(pa, cla, &p, &info, &cause) == -EINVAL,
	      "alternatives without a B-LLI");
	/* a SAP that matches any B-LLI ignores encap and protocol */
	memset(&sap, 0, sizeof(sap));
	memcpy(sap.addr, addr_d, sizeof(sap.addr));
	sap.encap = 200;
	CHECK(rte_pmd_mcm_sap_register(pb, clb, &sap, &id) == 0 &&
	      rte_pmd_mcm_sap_deregister(pb, clb, id) == 0, "SAP for any B-LLI");
	calls_none_left();
}

static void
all_tests(unsigned int baseline)
{
	unsigned int in_use;

	hex_to_aesa(ADDR_C, addr_c);
	hex_to_aesa(ADDR_D, addr_d);
	CHECK(rte_pmd_mcm_dynfield_register() == 0, "dynamic fields");
	test_llc_routed();
	test_vcmux_routed();
	test_bridged_sap();
	test_alternatives();
	test_misuse();
	drain_rx(pa, 20);
	drain_rx(pb, 20);
	in_use = rte_mempool_in_use_count(mp);
	CHECK(in_use == baseline, "mempool in use %u, %u before", in_use, baseline);
}

int
main(int argc, char **argv)
{
	RTE_SET_USED(argc);
	return calls_memif_main(argv[0], "mcm-svcr", all_tests);
}
