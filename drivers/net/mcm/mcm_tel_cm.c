/* SPDX-License-Identifier: BSD-3-Clause
 * Telemetry commands of the call manager (doc/telemetry.md): calls and SAPs, made, listed and
 * released for client 0, the bridge client, which is mcm-ctl's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_telemetry.h>

#include "mcm_cm.h"
#include "mcm_private.h"
#include "mcm_tel_params.h"

#define TEL_CALL_PAGE 32   /* 32 calls of ~250 bytes each fit one 16 KB reply */

#define TEL_BLLI_VALUES "llc, vcmux, llc-routed, vcmux-routed[/P] or none"

/* The options call_make and sap_add share (mcm_tel_parse_option): bhli=HEX,
 * blli=llc|vcmux|llc-routed|vcmux-routed[/P]|none and proto=P (ipv4|ipv6|0xHHHH).
 * @return 1 taken, 0 not one of them, -1 bad (the error reply is written).
 */
static int
tel_call_opt(struct rte_tel_data *d, const char *o, struct mcm_tel_call_opts *opts)
{
	switch (mcm_tel_parse_option(o, opts)) {
	case MCM_TEL_OPT_BAD_BHLI:
		mcm_tel_error(d, -EINVAL, "bad bhli %s: 1..8 octets in hex", o + 5);
		return -1;
	case MCM_TEL_OPT_BAD_BLLI:
		mcm_tel_error(d, -EINVAL, "bad blli %s: " TEL_BLLI_VALUES ", or up to three "
			      "but none joined by +, each once", o + 5);
		return -1;
	case MCM_TEL_OPT_BAD_PROTO:
		mcm_tel_error(d, -EINVAL, "bad proto %s: ipv4, ipv6 or an EtherType "
			      "0x0600..0xffff", o + 6);
		return -1;
	case MCM_TEL_OPT_TAKEN:
		return 1;
	default:
		return 0;
	}
}

/* proto= names the one protocol of a VC-mux routed VC (RFC 2684 7): with @p routed false
 * (no VC-mux routed B-LLI asked for) it is an error. @return 0, or -1 with the error reply
 * written
 */
static int
tel_proto_check(struct rte_tel_data *d, const struct mcm_tel_call_opts *opts, bool routed)
{
	int i;

	if (opts->proto != 0 && !routed) {
		mcm_tel_error(d, -EINVAL, "proto= names a VC-mux routed VC's protocol: it needs "
			      "blli=vcmux-routed");
		return -1;
	}
	for (i = 0; i < (int)RTE_DIM(opts->blli_proto); i++)
		if (opts->proto != 0 && opts->blli_proto[i] != 0) {
			mcm_tel_error(d, -EINVAL, "proto= with vcmux-routed/P: name each "
				      "protocol in blli=, or one for all with proto=");
			return -1;
		}
	return 0;
}

/* A VC-mux routed VC's protocol: @p proto, IPv4 for 0 (rte_pmd_mcm_call_params) */
static uint16_t
tel_routed_type(uint16_t proto)
{
	return proto != 0 ? proto : RTE_ETHER_TYPE_IPV4;
}

/* The protocol of B-LLI @p i of blli= (0 the first) when it is VC-mux routed: its own
 * (vcmux-routed/P), else proto='s; 0 (IPv4) for neither
 */
static uint16_t
tel_blli_proto(const struct mcm_tel_call_opts *opts, int i)
{
	return opts->blli_proto[i] != 0 ? opts->blli_proto[i] : opts->proto;
}

/* What a call's VC carries, by blli='s names: VC-mux routed with its protocol
 * ("vcmux-routed/ipv6", "vcmux-routed/0x0806")
 */
static void
tel_encap_name(uint8_t encap, uint16_t proto, char *buf, size_t len)
{
	const char *name = mcm_encap_name((enum mcm_encap)encap);

	if (encap != MCM_ENCAP_VCMUX_ROUTED)
		snprintf(buf, len, "%s", name);
	else if (proto == RTE_ETHER_TYPE_IPV4 || proto == RTE_ETHER_TYPE_IPV6)
		snprintf(buf, len, "%s/%s", name, proto == RTE_ETHER_TYPE_IPV4 ? "ipv4" : "ipv6");
	else
		snprintf(buf, len, "%s/0x%04x", name, proto);
}

/* A SAP's B-LLI, as tel_encap_name() names it; "" for any */
static void
tel_blli_name(const struct mcm_condis_blli *b, char *buf, size_t len)
{
	if (!b->present)
		buf[0] = '\0';
	else
		tel_encap_name(b->encap, b->proto, buf, len);
}

/* Every call of the port (calloc'd, *n of them), or NULL with the error reply written */
static struct rte_pmd_mcm_call_info *
tel_calls(struct mcm_port *port, int *n, struct rte_tel_data *d)
{
	uint32_t max = port->cm != NULL && port->cm->ncalls > 0 ? port->cm->ncalls : 1;
	struct rte_pmd_mcm_call_info *calls = calloc(max, sizeof(*calls));

	if (calls == NULL) {
		mcm_tel_error(d, -ENOMEM, "out of memory");
		return NULL;
	}
	*n = rte_pmd_mcm_call_list(port->port_id, calls, max);
	if (*n < 0) {
		mcm_tel_cm_error(d, *n, "port");
		free(calls);
		return NULL;
	}
	return calls;
}

static const char *
call_state_name(uint8_t st)
{
	switch (st) {
	case RTE_PMD_MCM_CALL_PROCEEDING:
		return "proceeding";
	case RTE_PMD_MCM_CALL_ALERTING:
		return "alerting";
	case RTE_PMD_MCM_CALL_ACTIVE:
		return "active";
	case RTE_PMD_MCM_CALL_RELEASING:
		return "releasing";
	default:
		return "setup";
	}
}

static bool
tel_blli_llc(int b)
{
	return b == MCM_TEL_BLLI_LLC || b == MCM_TEL_BLLI_LLC_ROUTED;
}

/* The B-LLIs call_make offers, from blli= and proto= (@p p's encap is the port's until
 * blli= says otherwise): @return 0, or -1 with the error reply written
 */
static int
tel_call_blli(struct rte_tel_data *d, const struct mcm_tel_call_opts *opts,
	      struct rte_pmd_mcm_call_params *p)
{
	bool routed, llc;
	int i;

	if (opts->blli >= 0 && opts->blli != MCM_TEL_BLLI_NONE)
		p->encap = (uint8_t)opts->blli;
	p->no_blli = opts->blli == MCM_TEL_BLLI_NONE;
	/* no B-LLI is LLC (RFC 2684 7), routed or bridged as the port's encapsulation */
	if (p->no_blli && p->encap == RTE_PMD_MCM_ENCAP_VCMUX_ROUTED)
		p->encap = RTE_PMD_MCM_ENCAP_LLC_ROUTED;
	else if (p->no_blli && p->encap == RTE_PMD_MCM_ENCAP_VCMUX)
		p->encap = RTE_PMD_MCM_ENCAP_LLC;
	routed = p->encap == RTE_PMD_MCM_ENCAP_VCMUX_ROUTED;
	llc = tel_blli_llc(p->encap);
	p->n_alt = (uint8_t)opts->n_alt;
	for (i = 0; i < opts->n_alt; i++) {
		/* LLC and LLC routed send the same B-LLI (RFC 2684 7): together, it is twice */
		if (tel_blli_llc(opts->alt[i]) && llc) {
			mcm_tel_error(d, -EINVAL, "llc and llc-routed send the same B-LLI (RFC "
				      "2684 7): offer one of them");
			return -1;
		}
		llc = llc || tel_blli_llc(opts->alt[i]);
		p->alt_encap[i] = (uint8_t)opts->alt[i];
		/* its own protocol, else proto='s */
		if (p->alt_encap[i] == RTE_PMD_MCM_ENCAP_VCMUX_ROUTED) {
			p->alt_proto[i] = tel_blli_proto(opts, i + 1);
			routed = true;
		}
	}
	if (tel_proto_check(d, opts, routed) != 0)
		return -1;
	p->routed_proto = p->encap == RTE_PMD_MCM_ENCAP_VCMUX_ROUTED ? tel_blli_proto(opts, 0) :
								       0;
	/* VC-mux routed twice for one protocol (one naming it, one IPv4 by default) */
	for (i = 0; i < opts->n_alt; i++) {
		int j;

		if (p->alt_encap[i] != RTE_PMD_MCM_ENCAP_VCMUX_ROUTED)
			continue;
		for (j = -1; j < i; j++) {
			uint8_t e = j < 0 ? p->encap : p->alt_encap[j];
			uint16_t other = j < 0 ? p->routed_proto : p->alt_proto[j];

			if (e == RTE_PMD_MCM_ENCAP_VCMUX_ROUTED &&
			    tel_routed_type(other) == tel_routed_type(p->alt_proto[i])) {
				mcm_tel_error(d, -EINVAL, "vcmux-routed offered twice for one "
					      "protocol: each B-LLI once");
				return -1;
			}
		}
	}
	return 0;
}

static int
cmd_call_make(const char *cmd, const char *params, struct rte_tel_data *d)
{
	static const char usage[] =
		"/mcm/call_make,PORT,ADDRESS[,pcr=N][,bwd_pcr=N][,sdu=N][,bhli=HEX]"
		"[,blli=B[+B[+B]]][,proto=P]";
	struct mcm_tel_args a;
	struct mcm_port *port = mcm_tel_port(params, &a, 2, 8, usage, d);
	struct mcm_tel_call_opts opts = { .blli = -1 };
	struct rte_pmd_mcm_call_params p;
	struct rte_pmd_mcm_call_info info;
	uint8_t cause = 0;
	char buf[2 * RTE_PMD_MCM_AESA_LEN + 1];
	int i, rc;

	RTE_SET_USED(cmd);
	if (port == NULL)
		return 0;
	memset(&p, 0, sizeof(p));
	memset(&info, 0, sizeof(info));
	if (mcm_tel_parse_aesa(a.argv[1], p.called) != 0)
		return mcm_tel_error(d, -EINVAL, "bad ADDRESS %s: 40 hex digits", a.argv[1]);
	/* without blli=, the port's encapsulation (encap=) */
	p.encap = port->cfg.encap;   /* numbered alike (mcm_private.h) */
	for (i = 2; i < a.argc; i++) {
		const char *o = a.argv[i];

		rc = tel_call_opt(d, o, &opts);
		if (rc < 0)
			return 0;
		if (rc > 0)
			continue;
		if (strncmp(o, "pcr=", 4) == 0) {
			/* the 24-bit peak cell rate field, Q.2931 4.5.6 */
			if (mcm_tel_parse_u32(o + 4, 1, 0xffffff, &p.pcr) != 0)
				return mcm_tel_error(d, -EINVAL, "bad pcr %s: 1..16777215", o + 4);
		} else if (strncmp(o, "bwd_pcr=", 8) == 0) {
			/* the backward one: the rate the called side sends at */
			if (mcm_tel_parse_u32(o + 8, 1, 0xffffff, &p.bwd_pcr) != 0)
				return mcm_tel_error(d, -EINVAL, "bad bwd_pcr %s: 1..16777215",
						     o + 8);
		} else if (strncmp(o, "sdu=", 4) == 0) {
			/* maximum CPCS-SDU size, Q.2931 4.5.5 */
			if (mcm_tel_parse_u32(o + 4, 1, 65535, &p.sdu) != 0)
				return mcm_tel_error(d, -EINVAL, "bad sdu %s: 1..65535", o + 4);
			/* what the port cannot carry is not offered (RFC 1626) */
			if (p.sdu > mcm_port_max_sdu(port))
				return mcm_tel_error(d, -EINVAL, "sdu %u is above the %u "
						     "bytes this port carries (its MTU %u)",
						     p.sdu, mcm_port_max_sdu(port),
						     mcm_port_mtu(port));
		} else {
			return mcm_tel_error(d, -EINVAL, "unknown option %s; usage: %s", o, usage);
		}
	}
	if (p.bwd_pcr != 0 && p.pcr == 0)
		return mcm_tel_error(d, -EINVAL, "bwd_pcr needs pcr (the forward rate)");
	if (tel_call_blli(d, &opts, &p) != 0)
		return 0;
	p.bhli_len = opts.bhli_len;
	memcpy(p.bhli, opts.bhli, sizeof(p.bhli));
	rc = rte_pmd_mcm_call_make(port->port_id, RTE_PMD_MCM_BRIDGE_CLIENT, &p, &info, &cause);
	if (rc == -ECONNREFUSED) {
		mcm_tel_error(d, rc, "call cleared: cause %u", cause);
		rte_tel_data_add_dict_int(d, "cause", cause);
		return 0;
	}
	if (rc != 0)
		return mcm_tel_cm_error(d, rc, "call");
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "call", info.call_id);
	mcm_tel_reply_vc(d, "vc", info.vpi, info.vci);
	rte_tel_data_add_dict_int(d, "vpi", info.vpi);
	rte_tel_data_add_dict_int(d, "vci", info.vci);
	rte_tel_data_add_dict_string(d, "state", "active");
	mcm_tel_hex(p.called, sizeof(p.called), buf, sizeof(buf));
	rte_tel_data_add_dict_string(d, "called", buf);
	return 0;
}

static int
cmd_call_list(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct mcm_tel_args a;
	struct mcm_port *port = mcm_tel_port(params, &a, 1, 1, "/mcm/call_list,PORT", d);
	enum mcm_uni_side side;
	struct rte_pmd_mcm_call_info *calls;
	struct rte_tel_data *all;
	int n, i;

	RTE_SET_USED(cmd);
	if (port == NULL)
		return 0;
	side = port->cfg.role == MCM_ROLE_USER ? MCM_UNI_SIDE_USER : MCM_UNI_SIDE_NETWORK;
	calls = tel_calls(port, &n, d);
	if (calls == NULL)
		return 0;
	all = rte_tel_data_alloc();
	if (all == NULL) {
		free(calls);
		return -ENOMEM;
	}
	rte_tel_data_start_dict(all);
	for (i = 0; i < n && i < TEL_CALL_PAGE; i++) {
		const struct rte_pmd_mcm_call_info *c = &calls[i];
		struct rte_tel_data *v = rte_tel_data_alloc();
		char buf[2 * RTE_PMD_MCM_AESA_LEN + 1], id[16];

		if (v == NULL)
			break;
		rte_tel_data_start_dict(v);
		mcm_tel_reply_vc(v, "vc", c->vpi, c->vci);
		rte_tel_data_add_dict_string(v, "state", call_state_name(c->state));
		rte_tel_data_add_dict_string(v, "uni_state",
			mcm_uni_state_name(side, (enum mcm_uni_call_state)c->uni_state));
		rte_tel_data_add_dict_string(v, "direction", c->outgoing ? "out" : "in");
		mcm_tel_hex(c->params.called, sizeof(c->params.called), buf, sizeof(buf));
		rte_tel_data_add_dict_string(v, "called", buf);
		buf[0] = '\0';
		if (c->params.has_calling)
			mcm_tel_hex(c->params.calling, sizeof(c->params.calling), buf, sizeof(buf));
		rte_tel_data_add_dict_string(v, "calling", buf);
		rte_tel_data_add_dict_u64(v, "pcr", c->params.pcr);
		rte_tel_data_add_dict_u64(v, "bwd_pcr", c->params.bwd_pcr);
		rte_tel_data_add_dict_u64(v, "sap", c->sap_id);
		tel_encap_name(c->params.encap, c->params.routed_proto, buf, sizeof(buf));
		rte_tel_data_add_dict_string(v, "blli", buf);
		rte_tel_data_add_dict_string(v, "owner",
			c->client == RTE_PMD_MCM_BRIDGE_CLIENT ? "bridge" : "app");
		snprintf(id, sizeof(id), "%u", c->call_id);
		rte_tel_data_add_dict_container(all, id, v, 0);
	}
	free(calls);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "total", (uint64_t)n);
	rte_tel_data_add_dict_container(d, "calls", all, 0);
	return 0;
}

static int
cmd_call_release(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct mcm_tel_args a;
	struct mcm_port *port = mcm_tel_port(params, &a, 2, 3,
					     "/mcm/call_release,PORT,ID|VPI/VCI[,CAUSE]", d);
	struct rte_pmd_mcm_call_info *calls;
	uint32_t id = 0, cause = 0;
	uint16_t vpi = 0, vci = 0;
	bool by_vc = false, found = false;
	int n, i, rc;

	RTE_SET_USED(cmd);
	if (port == NULL)
		return 0;
	if (strchr(a.argv[1], '/') != NULL) {
		if (mcm_tel_parse_vc(a.argv[1], &vpi, &vci) != 0)
			return mcm_tel_error(d, -EINVAL, "bad VC %s: expected VPI/VCI", a.argv[1]);
		by_vc = true;
	} else if (mcm_tel_parse_u32(a.argv[1], 1, UINT32_MAX, &id) != 0) {
		return mcm_tel_error(d, -EINVAL, "bad call %s: an ID or VPI/VCI", a.argv[1]);
	}
	/* cause values 1..127, Q.2931 4.5.15 */
	if (a.argc == 3 && mcm_tel_parse_u32(a.argv[2], 1, 127, &cause) != 0)
		return mcm_tel_error(d, -EINVAL, "bad CAUSE %s: 1..127", a.argv[2]);
	/* the call's VC for the reply, or its id when named by VC */
	calls = tel_calls(port, &n, d);
	if (calls == NULL)
		return 0;
	for (i = 0; i < n && !found; i++) {
		if (by_vc ? calls[i].vpi == vpi && calls[i].vci == vci :
			    calls[i].call_id == id) {
			id = calls[i].call_id;
			vpi = calls[i].vpi;
			vci = calls[i].vci;
			found = true;
		}
	}
	free(calls);
	if (!found) {
		if (by_vc)
			return mcm_tel_error(d, -ENOENT, "no call on VC %u/%u", vpi, vci);
		return mcm_tel_error(d, -ENOENT, "no call %u", id);
	}
	rc = rte_pmd_mcm_call_release(port->port_id, RTE_PMD_MCM_BRIDGE_CLIENT, id,
				      (uint8_t)cause);
	if (rc != 0)
		return mcm_tel_cm_error(d, rc, "call");
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "call", id);
	mcm_tel_reply_vc(d, "vc", vpi, vci);
	rte_tel_data_add_dict_string(d, "state", "released");
	/* 0 asks the driver for 16, normal call clearing (Q.850) */
	rte_tel_data_add_dict_int(d, "cause", cause != 0 ? (int)cause :
				  MCM_CONDIS_CAUSE_NORMAL_CLEARING);
	return 0;
}

static int
cmd_sap_add(const char *cmd, const char *params, struct rte_tel_data *d)
{
	static const char usage[] =
		"/mcm/sap_add,PORT,ADDRESS|any[,bhli=HEX][,blli=B][,proto=P]";
	struct mcm_tel_args a;
	struct mcm_port *port = mcm_tel_port(params, &a, 2, 5, usage, d);
	struct mcm_tel_call_opts opts = { .blli = -1 };
	struct rte_pmd_mcm_sap sap;
	char buf[2 * RTE_PMD_MCM_AESA_LEN + 1];
	uint32_t sap_id = 0;
	int i, rc;

	RTE_SET_USED(cmd);
	if (port == NULL)
		return 0;
	memset(&sap, 0, sizeof(sap));
	if (strcmp(a.argv[1], "any") == 0)
		sap.any_addr = 1;
	else if (mcm_tel_parse_aesa(a.argv[1], sap.addr) != 0)
		return mcm_tel_error(d, -EINVAL, "bad ADDRESS %s: 40 hex digits or any", a.argv[1]);
	for (i = 2; i < a.argc; i++) {
		rc = tel_call_opt(d, a.argv[i], &opts);
		if (rc < 0)
			return 0;
		if (rc == 0)
			return mcm_tel_error(d, -EINVAL, "unknown option %s; usage: %s", a.argv[i],
					     usage);
	}
	/* none (or no blli=): any B-LLI */
	sap.match_encap = opts.blli >= 0 && opts.blli != MCM_TEL_BLLI_NONE;
	sap.encap = sap.match_encap ? (uint8_t)opts.blli : RTE_PMD_MCM_ENCAP_LLC;
	/* a SAP takes one B-LLI */
	if (opts.n_alt > 0)
		return mcm_tel_error(d, -EINVAL, "a SAP takes one B-LLI, not a list joined by "
				     "+");
	if (tel_proto_check(d, &opts, sap.match_encap &&
			    sap.encap == RTE_PMD_MCM_ENCAP_VCMUX_ROUTED) != 0)
		return 0;
	sap.routed_proto = tel_blli_proto(&opts, 0);
	sap.bhli_len = opts.bhli_len;
	memcpy(sap.bhli, opts.bhli, sizeof(sap.bhli));
	rc = rte_pmd_mcm_sap_register(port->port_id, RTE_PMD_MCM_BRIDGE_CLIENT, &sap, &sap_id);
	if (rc != 0)
		return mcm_tel_cm_error(d, rc, "SAP");
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "sap", sap_id);
	if (sap.any_addr)
		snprintf(buf, sizeof(buf), "any");
	else
		mcm_tel_hex(sap.addr, sizeof(sap.addr), buf, sizeof(buf));
	rte_tel_data_add_dict_string(d, "addr", buf);
	return 0;
}

static int
cmd_sap_list(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct mcm_tel_args a;
	struct mcm_port *port = mcm_tel_port(params, &a, 1, 1, "/mcm/sap_list,PORT", d);
	struct rte_tel_data *all;
	uint32_t i, total = 0;
	struct mcm_cm *cm;

	RTE_SET_USED(cmd);
	if (port == NULL)
		return 0;
	all = rte_tel_data_alloc();
	if (all == NULL)
		return -ENOMEM;
	rte_tel_data_start_dict(all);
	pthread_mutex_lock(&port->lock);
	cm = port->cm;
	/* MCM_CONDIS_MAX_SAPS (64) entries of ~120 bytes fit one reply */
	for (i = 0; cm != NULL && i < RTE_DIM(cm->saps); i++) {
		const struct mcm_condis_sap *s = &cm->saps[i].sap;
		struct rte_tel_data *v;
		char buf[2 * RTE_PMD_MCM_AESA_LEN + 1], id[16];

		if (!cm->saps[i].used)
			continue;
		total++;
		v = rte_tel_data_alloc();
		if (v == NULL)
			continue;
		rte_tel_data_start_dict(v);
		if (s->addr.len == 0)
			snprintf(buf, sizeof(buf), "any");
		else
			mcm_tel_hex(s->addr.b, RTE_MIN(s->addr.len, (uint8_t)sizeof(s->addr.b)),
				buf, sizeof(buf));
		rte_tel_data_add_dict_string(v, "addr", buf);
		buf[0] = '\0';
		if (s->bhli.present)
			mcm_tel_hex(s->bhli.info,
				RTE_MIN(s->bhli.len, (uint8_t)sizeof(s->bhli.info)),
				buf, sizeof(buf));
		rte_tel_data_add_dict_string(v, "bhli", buf);
		tel_blli_name(&s->blli, buf, sizeof(buf));
		rte_tel_data_add_dict_string(v, "blli", buf);
		rte_tel_data_add_dict_u64(v, "calls", mcm_tel_count_calls(cm, i + 1));
		snprintf(id, sizeof(id), "%u", i + 1);
		rte_tel_data_add_dict_container(all, id, v, 0);
	}
	pthread_mutex_unlock(&port->lock);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "total", total);
	rte_tel_data_add_dict_container(d, "saps", all, 0);
	return 0;
}

static int
cmd_sap_del(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct mcm_tel_args a;
	struct mcm_port *port = mcm_tel_port(params, &a, 2, 2, "/mcm/sap_del,PORT,ID", d);
	uint32_t id;
	int rc;

	RTE_SET_USED(cmd);
	if (port == NULL)
		return 0;
	if (mcm_tel_parse_u32(a.argv[1], 1, UINT32_MAX, &id) != 0)
		return mcm_tel_error(d, -EINVAL, "bad SAP ID %s: a positive integer", a.argv[1]);
	rc = rte_pmd_mcm_sap_deregister(port->port_id, RTE_PMD_MCM_BRIDGE_CLIENT, id);
	if (rc != 0)
		return mcm_tel_cm_error(d, rc, "SAP");
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "sap", id);
	rte_tel_data_add_dict_string(d, "state", "deleted");
	return 0;
}

void
mcm_tel_cm_register(void)
{
	MCM_TEL_REGISTER("/mcm/call_make", cmd_call_make,
			 "Make a call and wait for it. Parameters: port,address"
			 "[,pcr=N][,bwd_pcr=N][,sdu=N][,bhli=hex][,blli=B][,proto=P]");
	MCM_TEL_REGISTER("/mcm/call_list", cmd_call_list,
			 "Calls of the port. Parameters: port");
	MCM_TEL_REGISTER("/mcm/call_release", cmd_call_release,
			 "Release a call. Parameters: port,id|vpi/vci[,cause]");
	MCM_TEL_REGISTER("/mcm/sap_add", cmd_sap_add,
			 "Register a SAP for incoming calls. Parameters: port,address|any"
			 "[,bhli=hex][,blli=B][,proto=P]");
	MCM_TEL_REGISTER("/mcm/sap_list", cmd_sap_list,
			 "Registered SAPs. Parameters: port");
	MCM_TEL_REGISTER("/mcm/sap_del", cmd_sap_del,
			 "Deregister a SAP. Parameters: port,id");
}
