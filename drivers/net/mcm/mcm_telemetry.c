/* SPDX-License-Identifier: BSD-3-Clause
 * Telemetry commands under /mcm/ (doc/telemetry.md is the contract with mcm-ctl).
 * Every reply is a dict; a failure is {"error": "<one line>", "code": <-errno>}.
 */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_telemetry.h>

#include "mcm_cm.h"
#include "mcm_private.h"
#include "mcm_tel_params.h"

/* capture_start: PORT, FILE, the VCs of a capture and count=N; a call_make ADDRESS is an
 * AESA
 */
static_assert(MCM_TEL_MAX_ARGS == 3 + MCM_CAPTURE_MAX_VCS, "capture_start arguments");
static_assert(MCM_TEL_AESA_LEN == RTE_PMD_MCM_AESA_LEN, "AESA length");
static_assert(RTE_PMD_MCM_OAM_AIS == 1 && RTE_PMD_MCM_OAM_RDI == 2 && RTE_PMD_MCM_OAM_LOC == 4,
	      "the defect names of tel_vc_oper");
#define TEL_VC_PAGE 32
#define TEL_MAC_PAGE 128   /* two arrays of 128 x 18-byte strings fit one reply */
#define TEL_HEX_MAX ((RTE_TEL_MAX_STRING_LEN - 1) / 2) /* octets a reply string can hold */

int
mcm_tel_error(struct rte_tel_data *d, int code, const char *fmt, ...)
{
	char msg[4 * RTE_TEL_MAX_STRING_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* telemetry keeps RTE_TEL_MAX_STRING_LEN - 1 bytes: end on a whole character, or the
	 * reply is not valid JSON (found by fuzz_telemetry)
	 */
	msg[mcm_tel_utf8_prefix(msg, RTE_TEL_MAX_STRING_LEN - 1)] = '\0';
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "error", msg);
	rte_tel_data_add_dict_int(d, "code", code);
	return 0;
}

/* A string member cut, on a whole UTF-8 character, to what a reply string holds. */
static void
tel_add_string_cut(struct rte_tel_data *d, const char *key, const char *s)
{
	char cut[RTE_TEL_MAX_STRING_LEN];
	size_t n = strnlen(s, sizeof(cut) - 1);

	memcpy(cut, s, n);
	cut[n] = '\0';
	cut[mcm_tel_utf8_prefix(cut, n)] = '\0';
	rte_tel_data_add_dict_string(d, key, cut);
}

/* Port and argument count; on a problem the error reply is already written. */
static struct mcm_port *
tel_port(const char *params, struct mcm_tel_args *a, int min_args, int max_args,
	 const char *usage, struct rte_tel_data *d)
{
	struct mcm_port *port;

	/* never quote what cannot be quoted: the reply would not be JSON */
	if (params != NULL && !mcm_tel_params_ok(params)) {
		mcm_tel_error(d, -EINVAL, "parameters must be printable text (UTF-8) without "
			      "control characters, quotes or backslashes");
		return NULL;
	}
	mcm_tel_split(params, a);
	if (a->argc < min_args || a->argc > max_args) {
		mcm_tel_error(d, -EINVAL, "usage: %s", usage);
		return NULL;
	}
	port = mcm_port_by_name(a->argv[0]);
	if (port == NULL)
		mcm_tel_error(d, -ENODEV, "port %s is not an mcm port", a->argv[0]);
	return port;
}

struct mcm_port *
mcm_tel_port(const char *params, struct mcm_tel_args *a, int min_args, int max_args,
	     const char *usage, struct rte_tel_data *d)
{
	return tel_port(params, a, min_args, max_args, usage, d);
}

/* Port and the VC in argument @p vc_arg; on a problem the error reply is already written. */
static struct mcm_port *
tel_port_vc(const char *params, struct mcm_tel_args *a, int min_args, int max_args,
	    const char *usage, int vc_arg, uint16_t *vpi, uint16_t *vci, struct rte_tel_data *d)
{
	struct mcm_port *port = tel_port(params, a, min_args, max_args, usage, d);

	if (port != NULL && mcm_tel_parse_vc(a->argv[vc_arg], vpi, vci) != 0) {
		mcm_tel_error(d, -EINVAL, "bad VC %s: expected VPI/VCI", a->argv[vc_arg]);
		return NULL;
	}
	return port;
}

static void
vc_name(char *buf, size_t len, uint16_t vpi, uint16_t vci)
{
	snprintf(buf, len, "%u/%u", vpi, vci);
}

/* The port's default VC as "VPI/VCI", or "" when it has none */
static void
default_vc_name(const struct mcm_port *port, char *buf, size_t len)
{
	uint32_t def = __atomic_load_n(&port->default_vc, __ATOMIC_ACQUIRE);

	buf[0] = '\0';
	if (def != MCM_NO_VC)
		vc_name(buf, len, rte_pmd_mcm_vc_vpi(def), rte_pmd_mcm_vc_vci(def));
}

/* A one-entry reply naming a VC: {"<key>": "VPI/VCI"} */
void
mcm_tel_reply_vc(struct rte_tel_data *d, const char *key, uint16_t vpi, uint16_t vci)
{
	char buf[16];

	vc_name(buf, sizeof(buf), vpi, vci);
	rte_tel_data_add_dict_string(d, key, buf);
}

static const char *
tel_strerror(int rc, uint16_t vpi, uint16_t vci, char *buf, size_t len)
{
	switch (rc) {
	case -EPERM:
		snprintf(buf, len, "%u/%u is reserved: VCIs 0..31 belong to the driver", vpi, vci);
		break;
	case -EEXIST:
		snprintf(buf, len, "VC %u/%u exists already", vpi, vci);
		break;
	case -ENOENT:
		snprintf(buf, len, "no client VC %u/%u", vpi, vci);
		break;
	case -ENOSPC:
		snprintf(buf, len, "table full");
		break;
	case -ETIMEDOUT:
		snprintf(buf, len, "the port's control thread did not answer");
		break;
	case -EADDRINUSE:
		snprintf(buf, len, "the PW label is another VC's");
		break;
	default:
		snprintf(buf, len, "%s", rte_strerror(-rc));
		break;
	}
	return buf;
}

static const char *
state_name(uint8_t st)
{
	switch (st) {
	case RTE_PMD_MCM_VC_ACTIVE:
		return "active";
	case RTE_PMD_MCM_VC_DEACTIVATING:
		return "deactivating";
	default:
		return "created";
	}
}

static const char *
encap_name(uint8_t e)
{
	return mcm_encap_name((enum mcm_encap)e);   /* numbered alike (mcm_private.h) */
}

/* the service category of a VC's traffic contract (UNI 4.0 traffic descriptor) */
static const char *
category_name(uint8_t c)
{
	return c == RTE_PMD_MCM_CBR ? "CBR" : c == RTE_PMD_MCM_VBR ? "VBR" : "UBR";
}

/* RFC 4717: cells in the port's N:1 pseudowire, or AAL5 SDU or PDU mode in the VC's own */
static const char *
pw_mode_name(uint8_t m)
{
	return m == RTE_PMD_MCM_PW_PDU ? "pdu" : m == RTE_PMD_MCM_PW_SDU ? "sdu" : "cells";
}

/* I.610 operational state of a VC: "oper", "oam" (its defects, "" for none), "cause" */
static void
tel_vc_oper(struct rte_tel_data *d, const struct rte_pmd_mcm_vc_info *info)
{
	static const char *const cause[] = {
		[RTE_PMD_MCM_VC_CAUSE_NONE] = "", [RTE_PMD_MCM_VC_CAUSE_INACTIVE] = "inactive",
		[RTE_PMD_MCM_VC_CAUSE_LINK_DOWN] = "link_down",
		[RTE_PMD_MCM_VC_CAUSE_PW_LOST] = "pw_lost", [RTE_PMD_MCM_VC_CAUSE_AIS] = "ais",
		[RTE_PMD_MCM_VC_CAUSE_LOC] = "loc",
	};
	static const char *const defect[] = { "ais", "rdi", "loc" };  /* bit 0, 1, 2 */
	char oam[16] = "";
	unsigned int i;

	for (i = 0; i < RTE_DIM(defect); i++)
		if (info->oam_defects & (1u << i))
			snprintf(oam + strlen(oam), sizeof(oam) - strlen(oam), "%s%s",
				 oam[0] != '\0' ? "," : "", defect[i]);
	rte_tel_data_add_dict_string(d, "oper", info->oper_up ? "up" : "down");
	rte_tel_data_add_dict_string(d, "oam", oam);
	rte_tel_data_add_dict_string(d, "cause", info->down_cause < RTE_DIM(cause) ?
				     cause[info->down_cause] : "?");
}

static const char *
link_state_name(enum mcm_uni_link_state st)
{
	switch (st) {
	case MCM_UNI_LINK_UP:
		return "up";
	case MCM_UNI_LINK_ESTABLISHING:
		return "establishing";
	default:
		return "down";
	}
}

/* Calls in use, or those taken by SAP @p sap_id when it is not 0. Under port->lock. */
uint64_t
mcm_tel_count_calls(const struct mcm_cm *cm, uint32_t sap_id)
{
	const struct mcm_call *c;
	uint64_t n = 0;
	uint32_t i;

	for (i = 0; cm != NULL && (c = mcm_cm_call_next(cm, &i)) != NULL; i++)
		if (c->state != MCM_CALL_FREE && (sap_id == 0 || c->sap_id == sap_id))
			n++;
	return n;
}

/* SAPs registered. Under port->lock. */
static uint64_t
tel_count_saps(const struct mcm_cm *cm)
{
	uint64_t n = 0;
	uint32_t i;

	for (i = 0; cm != NULL && i < RTE_DIM(cm->saps); i++)
		if (cm->saps[i].used)
			n++;
	return n;
}

static int
cmd_ports(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct rte_tel_data *ids = rte_tel_data_alloc(), *names = rte_tel_data_alloc();
	uint16_t pid;

	RTE_SET_USED(cmd);
	RTE_SET_USED(params);
	if (ids == NULL || names == NULL) {
		rte_tel_data_free(ids);
		rte_tel_data_free(names);
		return -ENOMEM;
	}
	rte_tel_data_start_array(ids, RTE_TEL_INT_VAL);
	rte_tel_data_start_array(names, RTE_TEL_STRING_VAL);
	RTE_ETH_FOREACH_DEV(pid) {
		char name[RTE_ETH_NAME_MAX_LEN];

		if (mcm_port_get(pid) == NULL || rte_eth_dev_get_name_by_port(pid, name) != 0)
			continue;
		rte_tel_data_add_array_int(ids, pid);
		rte_tel_data_add_array_string(names, name);
	}
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_container(d, "ports", ids, 0);
	rte_tel_data_add_dict_container(d, "names", names, 0);
	return 0;
}

static int
cmd_status(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct mcm_tel_args a;
	struct mcm_port *port = tel_port(params, &a, 1, 1, "/mcm/status,PORT", d);
	char name[RTE_ETH_NAME_MAX_LEN], buf[64];
	struct rte_eth_stats st;
	struct rte_eth_link link;

	RTE_SET_USED(cmd);
	if (port == NULL)
		return 0;
	rte_eth_dev_get_name_by_port(port->port_id, name);
	mcm_port_link_get(port, &link);
	rte_eth_stats_get(port->port_id, &st);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_int(d, "port_id", port->port_id);
	rte_tel_data_add_dict_string(d, "name", name);
	rte_tel_data_add_dict_string(d, "role",
				     port->cfg.role == MCM_ROLE_USER ? "user" : "network");
	rte_tel_data_add_dict_string(d, "lower", port->cfg.lower);
	rte_tel_data_add_dict_int(d, "lower_port_id", port->lower_port_id);
	rte_tel_data_add_dict_string(d, "link", link.link_status ? "up" : "down");
	rte_tel_data_add_dict_u64(d, "speed", link.link_speed);
	rte_tel_data_add_dict_int(d, "started", mcm_port_started(port));
	rte_ether_format_addr(buf, sizeof(buf), &port->dev->data->mac_addrs[0]);
	rte_tel_data_add_dict_string(d, "mac", buf);
	/* what PW frames are sent to: given, learned, or broadcast until the peer is heard */
	rte_ether_format_addr(buf, sizeof(buf), (const struct rte_ether_addr *)
			      __atomic_load_n(&port->pw_hdr, __ATOMIC_ACQUIRE));
	rte_tel_data_add_dict_string(d, "peer_mac", buf);
	rte_tel_data_add_dict_u64(d, "pw_label", port->cfg.pw_label);
	rte_tel_data_add_dict_string(d, "encap", mcm_encap_name(port->cfg.encap));
	rte_tel_data_add_dict_u64(d, "max_cells", port->max_cells);
	rte_tel_data_add_dict_u64(d, "mtu", mcm_port_mtu(port));
	rte_tel_data_add_dict_string(d, "sig", port->cfg.sig ? "on" : "off");
	buf[0] = '\0';
	if (port->cfg.has_addr)
		mcm_tel_hex(port->cfg.addr, sizeof(port->cfg.addr), buf, sizeof(buf));
	rte_tel_data_add_dict_string(d, "addr", buf);
	pthread_mutex_lock(&port->lock);
	/* no signalling entity (sig=off): SSCOP and UNI do not run */
	rte_tel_data_add_dict_string(d, "sscop_state",
				     port->sig ? mcm_sig_sscop_state_name(port->sig) : "off");
	rte_tel_data_add_dict_string(d, "uni_state", port->sig ?
				     link_state_name(mcm_sig_link_state(port->sig)) : "off");
	rte_tel_data_add_dict_u64(d, "calls", mcm_tel_count_calls(port->cm, 0));
	rte_tel_data_add_dict_u64(d, "saps", tel_count_saps(port->cm));
	rte_tel_data_add_dict_u64(d, "vcs", mcm_condis_count(port->reg));
	pthread_mutex_unlock(&port->lock);
	default_vc_name(port, buf, sizeof(buf));
	rte_tel_data_add_dict_string(d, "default_vc", buf);
	rte_tel_data_add_dict_u64(d, "rx_packets", st.ipackets);
	rte_tel_data_add_dict_u64(d, "rx_bytes", st.ibytes);
	rte_tel_data_add_dict_u64(d, "tx_packets", st.opackets);
	rte_tel_data_add_dict_u64(d, "tx_bytes", st.obytes);
	rte_tel_data_add_dict_u64(d, "rx_errors", st.ierrors);
	rte_tel_data_add_dict_u64(d, "tx_errors", st.oerrors);
	rte_tel_data_add_dict_u64(d, "rx_nombuf", st.rx_nombuf);
	pthread_mutex_lock(&port->lock);
	rte_tel_data_add_dict_u64(d, "no_vc_drops", mcm_port_xstat(port, "tx_no_vc_drops", true));
	rte_tel_data_add_dict_u64(d, "unknown_vc_cells",
				  mcm_port_xstat(port, "rx_unknown_vc_cells", true));
	rte_tel_data_add_dict_u64(d, "pw_frames_in", mcm_port_xstat(port, "rx_pw_frames", true));
	rte_tel_data_add_dict_u64(d, "pw_frames_out", mcm_port_xstat(port, "tx_pw_frames", true));
	rte_tel_data_add_dict_u64(d, "pw_bad_frames",
				  mcm_port_xstat(port, "rx_pw_bad_frames", true));
	rte_tel_data_add_dict_u64(d, "cells_in", mcm_port_xstat(port, "rx_cells", true));
	rte_tel_data_add_dict_u64(d, "cells_out", mcm_port_xstat(port, "tx_cells", true));
	rte_tel_data_add_dict_u64(d, "aal5_errors", mcm_port_xstat(port, "rx_aal5_errors", true));
	rte_tel_data_add_dict_u64(d, "foreign_frames",
				  mcm_port_xstat(port, "rx_foreign_frames", true));
	/* the control thread's own counters: it writes them under the lock */
	rte_tel_data_add_dict_u64(d, "sig_pdus_in", port->cstats.sig_pdus_in);
	rte_tel_data_add_dict_u64(d, "sig_pdus_out", port->cstats.sig_pdus_out);
	rte_tel_data_add_dict_u64(d, "sig_held", port->cstats.sig_held);
	rte_tel_data_add_dict_u64(d, "sig_tx_drops", port->cstats.sig_tx_drops);
	rte_tel_data_add_dict_u64(d, "sig_aal5_errors", port->cstats.sig_aal5_errors);
	rte_tel_data_add_dict_u64(d, "ctrl_wakeups", port->cstats.wakeups);
	rte_tel_data_add_dict_u64(d, "cm_events_lost",
				  mcm_port_xstat(port, "cm_events_lost", true));
	pthread_mutex_unlock(&port->lock);
	return 0;
}

static int
cmd_vc_list(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct mcm_tel_args a;
	struct mcm_port *port = tel_port(params, &a, 1, 2, "/mcm/vc_list,PORT[,START]", d);
	struct rte_pmd_mcm_vc_info info[TEL_VC_PAGE];
	struct rte_tel_data *vcs;
	unsigned int total = 0, start = 0;
	int n, i;

	RTE_SET_USED(cmd);
	if (port == NULL)
		return 0;
	if (a.argc == 2) {
		char *end;

		start = (unsigned int)strtoul(a.argv[1], &end, 10);
		if (*end != '\0' || !isdigit((unsigned char)a.argv[1][0]))
			return mcm_tel_error(d, -EINVAL, "START must be a number, not %s",
					     a.argv[1]);
	}
	n = rte_pmd_mcm_vc_list(port->port_id, info, TEL_VC_PAGE, start, &total);
	if (n < 0)
		return mcm_tel_error(d, n, "%s", rte_strerror(-n));
	vcs = rte_tel_data_alloc();
	if (vcs == NULL)
		return -ENOMEM;
	rte_tel_data_start_dict(vcs);
	for (i = 0; i < n; i++) {
		struct rte_tel_data *v = rte_tel_data_alloc();
		struct rte_pmd_mcm_vc_stats st;
		char name[16];

		if (v == NULL)
			break;
		memset(&st, 0, sizeof(st));
		rte_pmd_mcm_vc_stats_get(port->port_id, info[i].vpi, info[i].vci, &st);
		rte_tel_data_start_dict(v);
		rte_tel_data_add_dict_string(v, "type", info[i].is_pvc ? "pvc" : "svc");
		rte_tel_data_add_dict_string(v, "state", state_name(info[i].state));
		rte_tel_data_add_dict_int(v, "aal", info[i].aal);
		rte_tel_data_add_dict_string(v, "encap", encap_name(info[i].encap));
		tel_vc_oper(v, &info[i]);
		rte_tel_data_add_dict_u64(v, "tx_pdus", st.tx_pdus);
		rte_tel_data_add_dict_u64(v, "rx_pdus", st.rx_pdus);
		rte_tel_data_add_dict_u64(v, "errors", st.tx_drops + st.rx_crc_errors +
					  st.rx_len_errors + st.rx_oversize + st.rx_aborts +
					  st.rx_encap_errors + st.rx_nombuf);
		vc_name(name, sizeof(name), info[i].vpi, info[i].vci);
		rte_tel_data_add_dict_container(vcs, name, v, 0);
	}
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "total", total);
	rte_tel_data_add_dict_int(d, "next", start + (unsigned int)n < total ?
				  (int)(start + (unsigned int)n) : -1);
	rte_tel_data_add_dict_container(d, "vcs", vcs, 0);
	return 0;
}

/* I.610 F5 counters of a VC (rte_pmd_mcm_vc_oam_stats), "oam_" before each name */
#define OAM_FIELD(f) { "oam_" #f, offsetof(struct rte_pmd_mcm_vc_oam_stats, f) }
static const struct {
	const char *name;
	size_t off;
} tel_oam_fields[] = {
	OAM_FIELD(in_ais), OAM_FIELD(in_rdi), OAM_FIELD(in_cc), OAM_FIELD(in_lb),
	OAM_FIELD(in_lb_reply), OAM_FIELD(in_crc10_errors), OAM_FIELD(in_unknown),
	OAM_FIELD(out_rdi), OAM_FIELD(out_cc), OAM_FIELD(out_lb), OAM_FIELD(out_lb_reply),
	OAM_FIELD(pings_answered),
};
#undef OAM_FIELD

static void
tel_oam_stats(struct rte_tel_data *d, const struct rte_pmd_mcm_vc_oam_stats *o)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(tel_oam_fields); i++)
		rte_tel_data_add_dict_u64(d, tel_oam_fields[i].name,
					  *(const uint64_t *)((const uint8_t *)o +
							      tel_oam_fields[i].off));
}

static int
cmd_vc_show(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct mcm_tel_args a;
	struct rte_pmd_mcm_vc_info info;
	struct rte_pmd_mcm_vc_oam_stats oam;
	struct rte_pmd_mcm_vc_stats st;
	struct mcm_port *port;
	uint16_t vpi, vci;
	char buf[96];
	int rc;

	RTE_SET_USED(cmd);
	port = tel_port_vc(params, &a, 2, 2, "/mcm/vc_show,PORT,VPI/VCI", 1, &vpi, &vci, d);
	if (port == NULL)
		return 0;
	rc = rte_pmd_mcm_vc_info_get(port->port_id, vpi, vci, &info);
	if (rc == 0)
		rc = rte_pmd_mcm_vc_stats_get(port->port_id, vpi, vci, &st);
	if (rc == 0)
		rc = rte_pmd_mcm_vc_oam_stats_get(port->port_id, vpi, vci, &oam);
	if (rc != 0)
		return mcm_tel_error(d, rc, "%s", tel_strerror(rc, vpi, vci, buf, sizeof(buf)));
	rte_tel_data_start_dict(d);
	mcm_tel_reply_vc(d, "vc", vpi, vci);
	rte_tel_data_add_dict_int(d, "vpi", vpi);
	rte_tel_data_add_dict_int(d, "vci", vci);
	rte_tel_data_add_dict_string(d, "type", info.is_pvc ? "pvc" : "svc");
	rte_tel_data_add_dict_string(d, "state", state_name(info.state));
	rte_tel_data_add_dict_int(d, "aal", info.aal);
	rte_tel_data_add_dict_string(d, "encap", encap_name(info.encap));
	rte_tel_data_add_dict_u64(d, "max_sdu", info.max_sdu);
	rte_tel_data_add_dict_string(d, "contract", category_name(info.category));
	rte_tel_data_add_dict_u64(d, "tx_pcr", info.tx_pcr);
	rte_tel_data_add_dict_u64(d, "rx_pcr", info.rx_pcr);
	rte_tel_data_add_dict_int(d, "default", info.is_default);
	rte_tel_data_add_dict_u64(d, "macs", info.mac_bindings);
	/* RFC 4717: the port's N:1 cell pseudowire, or an AAL5 SDU mode one of its own */
	rte_tel_data_add_dict_string(d, "pw", pw_mode_name(info.pw_mode));
	rte_tel_data_add_dict_u64(d, "pw_label", info.pw_label);
	tel_vc_oper(d, &info);
	rte_tel_data_add_dict_string(d, "oam_cc", info.oam_cc ? "on" : "off");
	rte_tel_data_add_dict_u64(d, "tx_cells", st.tx_cells);
	rte_tel_data_add_dict_u64(d, "tx_pdus", st.tx_pdus);
	rte_tel_data_add_dict_u64(d, "tx_bytes", st.tx_bytes);
	rte_tel_data_add_dict_u64(d, "rx_cells", st.rx_cells);
	rte_tel_data_add_dict_u64(d, "rx_pdus", st.rx_pdus);
	rte_tel_data_add_dict_u64(d, "rx_bytes", st.rx_bytes);
	rte_tel_data_add_dict_u64(d, "tx_drops", st.tx_drops);
	rte_tel_data_add_dict_u64(d, "rx_crc_errors", st.rx_crc_errors);
	rte_tel_data_add_dict_u64(d, "rx_len_errors", st.rx_len_errors);
	rte_tel_data_add_dict_u64(d, "rx_oversize", st.rx_oversize);
	rte_tel_data_add_dict_u64(d, "rx_aborts", st.rx_aborts);
	rte_tel_data_add_dict_u64(d, "rx_encap_errors", st.rx_encap_errors);
	rte_tel_data_add_dict_u64(d, "rx_nombuf", st.rx_nombuf);
	tel_oam_stats(d, &oam);
	return 0;
}

static int
cmd_pvc_add(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct mcm_tel_args a;
	enum rte_pmd_mcm_encap encap = RTE_PMD_MCM_ENCAP_PORT;
	struct rte_pmd_mcm_vc_info info;
	struct mcm_port *port;
	uint16_t vpi, vci;
	enum rte_pmd_mcm_pw_mode mode = RTE_PMD_MCM_PW_CELLS;
	uint32_t label = 0;
	char buf[96];
	int rc;

	RTE_SET_USED(cmd);
	port = tel_port_vc(params, &a, 2, 4,
			   "/mcm/pvc_add,PORT,VPI/VCI[,ENCAP[,[sdu:|pdu:]LABEL]]", 1, &vpi, &vci,
			   d);
	if (port == NULL)
		return 0;
	if (a.argc >= 3 && strcmp(a.argv[2], "port") != 0) {
		enum mcm_encap e;

		if (mcm_encap_parse(a.argv[2], &e) != 0)
			return mcm_tel_error(d, -EINVAL, "bad encapsulation %s: llc, vcmux, "
					     "llc-routed, vcmux-routed or port", a.argv[2]);
		encap = (enum rte_pmd_mcm_encap)e;
	}
	/* RFC 4717 AAL5 CPCS-SDU mode (LABEL or sdu:LABEL) or PDU frame mode (pdu:LABEL): the
	 * PVC's own pseudowire label (RFC 3032: 16 up)
	 */
	if (a.argc == 4) {
		const char *l = a.argv[3];

		if (strncmp(l, "pdu:", 4) == 0 || strncmp(l, "sdu:", 4) == 0) {
			mode = l[0] == 'p' ? RTE_PMD_MCM_PW_PDU : RTE_PMD_MCM_PW_SDU;
			l += 4;
		} else {
			mode = RTE_PMD_MCM_PW_SDU;
		}
		if (mcm_tel_parse_u32(l, 16, 1048575, &label) != 0)
			return mcm_tel_error(d, -EINVAL, "bad PW label %s: [sdu:|pdu:]16..1048575",
					     a.argv[3]);
	}
	rc = rte_pmd_mcm_pvc_add_pw(port->port_id, vpi, vci, encap, mode, label);
	if (rc == -EINVAL && label == port->cfg.pw_label)
		return mcm_tel_error(d, rc, "label %u is the port's N:1 pseudowire's (pw_label)",
				     label);
	if (rc == 0)
		rc = rte_pmd_mcm_vc_info_get(port->port_id, vpi, vci, &info);
	if (rc != 0)
		return mcm_tel_error(d, rc, "%s", tel_strerror(rc, vpi, vci, buf, sizeof(buf)));
	rte_tel_data_start_dict(d);
	mcm_tel_reply_vc(d, "vc", vpi, vci);
	rte_tel_data_add_dict_string(d, "state", state_name(info.state));
	rte_tel_data_add_dict_string(d, "encap", encap_name(info.encap));
	rte_tel_data_add_dict_string(d, "pw", pw_mode_name(info.pw_mode));
	rte_tel_data_add_dict_u64(d, "pw_label", info.pw_label);
	return 0;
}

/* The commands that name a port and a VC and reply with that VC. */
static int
tel_vc_command(const char *params, const char *usage, int (*fn)(uint16_t, uint16_t, uint16_t),
	       const char *key, const char *state, struct rte_tel_data *d)
{
	struct mcm_tel_args a;
	struct mcm_port *port;
	uint16_t vpi, vci;
	char buf[96];
	int rc;

	port = tel_port_vc(params, &a, 2, 2, usage, 1, &vpi, &vci, d);
	if (port == NULL)
		return 0;
	rc = fn(port->port_id, vpi, vci);
	if (rc != 0)
		return mcm_tel_error(d, rc, "%s", tel_strerror(rc, vpi, vci, buf, sizeof(buf)));
	rte_tel_data_start_dict(d);
	mcm_tel_reply_vc(d, key, vpi, vci);
	if (state != NULL)
		rte_tel_data_add_dict_string(d, "state", state);
	return 0;
}

static int
cmd_pvc_del(const char *cmd, const char *params, struct rte_tel_data *d)
{
	RTE_SET_USED(cmd);
	return tel_vc_command(params, "/mcm/pvc_del,PORT,VPI/VCI", rte_pmd_mcm_pvc_del, "vc",
			      "deleted", d);
}

static int
cmd_bind_default(const char *cmd, const char *params, struct rte_tel_data *d)
{
	RTE_SET_USED(cmd);
	return tel_vc_command(params, "/mcm/bind_default,PORT,VPI/VCI",
			      rte_pmd_mcm_bind_default, "default_vc", NULL, d);
}

/* I.610 continuity check of a VC: set with on|off, else only asked */
static int
cmd_oam_cc(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct mcm_tel_args a;
	struct mcm_port *port;
	uint16_t vpi, vci;
	char buf[96];
	int rc = 0, on = 0;

	RTE_SET_USED(cmd);
	port = tel_port_vc(params, &a, 2, 3, "/mcm/oam_cc,PORT,VPI/VCI[,on|off]", 1, &vpi, &vci,
			   d);
	if (port == NULL)
		return 0;
	if (a.argc == 3) {
		if (strcmp(a.argv[2], "on") != 0 && strcmp(a.argv[2], "off") != 0)
			return mcm_tel_error(d, -EINVAL, "expected on or off, not %s", a.argv[2]);
		rc = rte_pmd_mcm_oam_cc_set(port->port_id, vpi, vci,
					    strcmp(a.argv[2], "on") == 0);
	}
	if (rc == 0)
		rc = rte_pmd_mcm_oam_cc_get(port->port_id, vpi, vci, &on);
	if (rc != 0)
		return mcm_tel_error(d, rc, "%s", tel_strerror(rc, vpi, vci, buf, sizeof(buf)));
	rte_tel_data_start_dict(d);
	mcm_tel_reply_vc(d, "vc", vpi, vci);
	rte_tel_data_add_dict_string(d, "cc", on ? "on" : "off");
	return 0;
}

static int
cmd_bind_mac(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct mcm_tel_args a;
	struct rte_ether_addr mac;
	struct mcm_port *port;
	uint16_t vpi, vci;
	char buf[96];
	int rc;

	RTE_SET_USED(cmd);
	port = tel_port_vc(params, &a, 3, 3, "/mcm/bind_mac,PORT,MAC,VPI/VCI", 2, &vpi, &vci, d);
	if (port == NULL)
		return 0;
	if (rte_ether_unformat_addr(a.argv[1], &mac) != 0)
		return mcm_tel_error(d, -EINVAL, "bad MAC %s", a.argv[1]);
	rc = rte_pmd_mcm_bind_mac(port->port_id, &mac, vpi, vci);
	if (rc != 0)
		return mcm_tel_error(d, rc, "%s", tel_strerror(rc, vpi, vci, buf, sizeof(buf)));
	rte_tel_data_start_dict(d);
	rte_ether_format_addr(buf, sizeof(buf), &mac);
	rte_tel_data_add_dict_string(d, "mac", buf);
	mcm_tel_reply_vc(d, "vc", vpi, vci);
	return 0;
}

/* MACs and their VCs as two parallel arrays: telemetry dict keys cannot hold ':' */
/* /mcm/bind_hash,PORT,VPI/VCI,COUNT: flows over COUNT VCs from VPI/VCI; COUNT 0: none */
static int
cmd_bind_hash(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct mcm_tel_args a;
	struct mcm_port *port;
	uint16_t vpi, vci;
	uint32_t count;
	char buf[96];
	int rc;

	RTE_SET_USED(cmd);
	port = tel_port_vc(params, &a, 3, 3, "/mcm/bind_hash,PORT,VPI/VCI,COUNT", 1, &vpi, &vci,
			   d);
	if (port == NULL)
		return 0;
	if (mcm_tel_parse_u32(a.argv[2], 0, MCM_MAX_VCS, &count) != 0)
		return mcm_tel_error(d, -EINVAL, "bad COUNT %s: 0..%u (0: no hash binding)",
				     a.argv[2], MCM_MAX_VCS);
	rc = rte_pmd_mcm_bind_hash(port->port_id, vpi, vci, count);
	if (rc == -EINVAL)
		return mcm_tel_error(d, rc, "%u/%u and %u VCs: past VPI 4095 (VCIs %u..65535 of "
				     "each VPI)", vpi, vci, count, vci);
	if (rc != 0)
		return mcm_tel_error(d, rc, "%s", tel_strerror(rc, vpi, vci, buf, sizeof(buf)));
	rte_tel_data_start_dict(d);
	mcm_tel_reply_vc(d, "hash_first", vpi, vci);
	rte_tel_data_add_dict_u64(d, "hash_count", count);
	return 0;
}

static int
cmd_bind_list(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct mcm_tel_args a;
	struct mcm_port *port = tel_port(params, &a, 1, 1, "/mcm/bind_list,PORT", d);
	struct rte_tel_data *macs, *vcs;
	struct mcm_mac_table *t;
	uint32_t i, shown = 0;
	char buf[64];

	RTE_SET_USED(cmd);
	if (port == NULL)
		return 0;
	macs = rte_tel_data_alloc();
	vcs = rte_tel_data_alloc();
	if (macs == NULL || vcs == NULL) {
		rte_tel_data_free(macs);
		rte_tel_data_free(vcs);
		return -ENOMEM;
	}
	rte_tel_data_start_array(macs, RTE_TEL_STRING_VAL);
	rte_tel_data_start_array(vcs, RTE_TEL_STRING_VAL);
	rte_tel_data_start_dict(d);
	default_vc_name(port, buf, sizeof(buf));
	rte_tel_data_add_dict_string(d, "default_vc", buf);
	{
		rte_pmd_mcm_vc_t first;
		uint32_t count;

		rte_pmd_mcm_bind_hash_get(port->port_id, &first, &count);
		vc_name(buf, sizeof(buf), rte_pmd_mcm_vc_vpi(first), rte_pmd_mcm_vc_vci(first));
		rte_tel_data_add_dict_string(d, "hash_first", count > 0 ? buf : "none");
		rte_tel_data_add_dict_u64(d, "hash_count", count);
	}
	pthread_mutex_lock(&port->lock);
	t = port->macs;
	for (i = 0; t != NULL && i <= t->mask && shown < TEL_MAC_PAGE; i++) {
		struct rte_ether_addr mac;
		int b;

		if (t->e[i].mac == 0)
			continue;
		for (b = 0; b < RTE_ETHER_ADDR_LEN; b++)
			mac.addr_bytes[b] = (uint8_t)(t->e[i].mac >> (8 * (5 - b)));
		rte_ether_format_addr(buf, sizeof(buf), &mac);
		rte_tel_data_add_array_string(macs, buf);
		vc_name(buf, sizeof(buf), rte_pmd_mcm_vc_vpi(t->e[i].vc),
			rte_pmd_mcm_vc_vci(t->e[i].vc));
		rte_tel_data_add_array_string(vcs, buf);
		shown++;
	}
	rte_tel_data_add_dict_u64(d, "macs_total", t ? t->count : 0);
	pthread_mutex_unlock(&port->lock);
	rte_tel_data_add_dict_container(d, "macs", macs, 0);
	rte_tel_data_add_dict_container(d, "vcs", vcs, 0);
	return 0;
}

/* A call-manager error as one line; @p what names the object of -ENOENT */
int
mcm_tel_cm_error(struct rte_tel_data *d, int rc, const char *what)
{
	switch (rc) {
	case -ENOENT:
		return mcm_tel_error(d, rc, "no such %s", what);
	case -EACCES:
		return mcm_tel_error(d, rc, "the %s is not the bridge client's", what);
	case -EADDRINUSE:
		return mcm_tel_error(d, rc, "overlaps another client's SAP");
	case -ENOTCONN:
		return mcm_tel_error(d, rc, "the signalling link did not come up");
	case -ENOSPC:
		return mcm_tel_error(d, rc, "table full");
	case -EPERM:
		return mcm_tel_error(d, rc, "VCIs 0..31 belong to the driver");
	case -EMSGSIZE:
		return mcm_tel_error(d, rc, "value of the wrong size");
	case -ETIMEDOUT:
		return mcm_tel_error(d, rc, "the port's control thread did not answer");
	default:
		return mcm_tel_error(d, rc, "%s", rte_strerror(-rc));
	}
}

static const char *
oid_type_name(uint8_t t)
{
	switch (t) {
	case MCM_CONDIS_OID_U32:
		return "u32";
	case MCM_CONDIS_OID_U64:
		return "u64";
	case MCM_CONDIS_OID_STRING:
		return "string";
	default:
		return "bytes";
	}
}

/* An OID value into the reply under "value": a number, a string, or hex for octets */
static void
tel_oid_value(struct rte_tel_data *d, const struct mcm_condis_oid_desc *o, const void *buf,
	      size_t n)
{
	char s[RTE_TEL_MAX_STRING_LEN];

	if (o->type == MCM_CONDIS_OID_U32 && n >= sizeof(uint32_t)) {
		uint32_t v;

		memcpy(&v, buf, sizeof(v));
		rte_tel_data_add_dict_u64(d, "value", v);
	} else if (o->type == MCM_CONDIS_OID_U64 && n >= sizeof(uint64_t)) {
		uint64_t v;

		memcpy(&v, buf, sizeof(v));
		rte_tel_data_add_dict_u64(d, "value", v);
	} else if (o->type == MCM_CONDIS_OID_STRING) {
		snprintf(s, sizeof(s), "%.*s", (int)RTE_MIN(n, sizeof(s) - 1), (const char *)buf);
		rte_tel_data_add_dict_string(d, "value", s);
	} else {
		/* a reply string holds TEL_HEX_MAX octets: longer values are cut */
		mcm_tel_hex(buf, RTE_MIN(n, (size_t)TEL_HEX_MAX), s, sizeof(s));
		rte_tel_data_add_dict_string(d, "value", s);
	}
}

static int
cmd_oid_get(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct mcm_tel_args a;
	struct mcm_port *port = tel_port(params, &a, 2, 3, "/mcm/oid_get,PORT,NAME[,VPI/VCI]", d);
	const struct mcm_condis_oid_desc *o;
	uint8_t buf[256];
	uint16_t vpi = 0, vci = 0;
	char id[16];
	int rc;

	RTE_SET_USED(cmd);
	if (port == NULL)
		return 0;
	o = mcm_condis_oid_find(a.argv[1]);
	if (o == NULL)
		return mcm_tel_error(d, -ENOENT, "unknown OID %s", a.argv[1]);
	if (a.argc == 3 && mcm_tel_parse_vc(a.argv[2], &vpi, &vci) != 0)
		return mcm_tel_error(d, -EINVAL, "bad VC %s: expected VPI/VCI", a.argv[2]);
	memset(buf, 0, sizeof(buf));
	rc = rte_pmd_mcm_oid_query(port->port_id, a.argv[1], rte_pmd_mcm_vc(vpi, vci), buf,
				   sizeof(buf) - 1);
	if (rc == -EINVAL)
		return mcm_tel_error(d, rc, "%s is a %s OID", o->name,
				     o->scope == MCM_CONDIS_OID_SCOPE_VC ? "per-VC" : "port");
	if (rc == -ENOENT && a.argc == 3)
		return mcm_tel_error(d, rc, "no VC %u/%u", vpi, vci);
	if (rc < 0)
		return mcm_tel_cm_error(d, rc, "OID");
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "oid", o->name);
	snprintf(id, sizeof(id), "0x%08x", o->id);
	rte_tel_data_add_dict_string(d, "id", id);
	tel_oid_value(d, o, buf, (size_t)rc);
	if (a.argc == 3)
		mcm_tel_reply_vc(d, "vc", vpi, vci);
	return 0;
}

static int
cmd_oid_set(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct mcm_tel_args a;
	struct mcm_port *port = tel_port(params, &a, 3, MCM_TEL_MAX_ARGS,
					 "/mcm/oid_set,PORT,NAME,VALUE", d);
	const struct mcm_condis_oid_desc *o;
	const char *val;
	uint8_t buf[RTE_TEL_MAX_STRING_LEN];
	uint32_t len;
	int rc;

	RTE_SET_USED(cmd);
	if (port == NULL)
		return 0;
	o = mcm_condis_oid_find(a.argv[1]);
	if (o == NULL)
		return mcm_tel_error(d, -ENOENT, "unknown OID %s", a.argv[1]);
	/* VALUE is the rest of the request, as typed (a string may hold commas) */
	val = mcm_tel_rest(params, 2);
	memset(buf, 0, sizeof(buf));
	if (o->type == MCM_CONDIS_OID_U32) {
		uint32_t v;

		if (mcm_tel_parse_u32(val, 0, UINT32_MAX, &v) != 0)
			return mcm_tel_error(d, -EINVAL, "bad value %s: a decimal number", val);
		memcpy(buf, &v, sizeof(v));
		len = sizeof(v);
	} else if (o->type == MCM_CONDIS_OID_U64) {
		uint64_t v;

		if (mcm_tel_parse_u64(val, 0, UINT64_MAX, &v) != 0)
			return mcm_tel_error(d, -EINVAL, "bad value %s: a decimal number", val);
		memcpy(buf, &v, sizeof(v));
		len = sizeof(v);
	} else if (o->type == MCM_CONDIS_OID_STRING) {
		len = (uint32_t)strlen(val) + 1;
		if (len > o->size || len > sizeof(buf))
			return mcm_tel_error(d, -EMSGSIZE, "value longer than %u characters",
					     o->size > 0 ? o->size - 1 : 0);
		memcpy(buf, val, len);
	} else {
		rc = mcm_tel_parse_hex(val, buf, sizeof(buf));
		if (rc < 0 || (uint32_t)rc != o->size)
			return mcm_tel_error(d, -EINVAL, "bad value %s: %u octets in hex", val,
					     o->size);
		len = (uint32_t)rc;
	}
	rc = rte_pmd_mcm_oid_set(port->port_id, o->name, buf, len);
	if (rc == -EACCES)
		return mcm_tel_error(d, rc, "%s is read-only", o->name);
	if (rc != 0)
		return mcm_tel_cm_error(d, rc, "OID");
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "oid", o->name);
	tel_oid_value(d, o, buf, len);
	return 0;
}

static int
cmd_oid_list(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct mcm_tel_args a;
	struct mcm_port *port = tel_port(params, &a, 1, 1, "/mcm/oid_list,PORT", d);
	const struct mcm_condis_oid_desc *o;
	struct rte_tel_data *all;

	RTE_SET_USED(cmd);
	if (port == NULL)
		return 0;
	all = rte_tel_data_alloc();
	if (all == NULL)
		return -ENOMEM;
	rte_tel_data_start_dict(all);
	for (o = mcm_condis_oid_next(NULL); o != NULL; o = mcm_condis_oid_next(o)) {
		struct rte_tel_data *v = rte_tel_data_alloc();
		char id[16];

		if (v == NULL)
			break;
		rte_tel_data_start_dict(v);
		snprintf(id, sizeof(id), "0x%08x", o->id);
		rte_tel_data_add_dict_string(v, "id", id);
		rte_tel_data_add_dict_string(v, "scope",
			o->scope == MCM_CONDIS_OID_SCOPE_VC ? "vc" : "port");
		rte_tel_data_add_dict_string(v, "access",
					     o->access == MCM_CONDIS_OID_RW ? "rw" : "ro");
		rte_tel_data_add_dict_string(v, "type", oid_type_name(o->type));
		rte_tel_data_add_dict_container(all, o->name, v, 0);
	}
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_container(d, "oids", all, 0);
	return 0;
}

/* Run a capture request on the control thread; the reply is written back into @p req */
static int
tel_capture_req(struct mcm_port *port, struct mcm_cm_req *req)
{
	req->client = RTE_PMD_MCM_BRIDGE_CLIENT;
	return mcm_ctrl_call_data(port, MCM_CMD_CM, req, sizeof(*req), MCM_CMD_TIMEOUT_S);
}

static int
cmd_capture_start(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct mcm_tel_args a;
	struct mcm_port *port = tel_port(params, &a, 2, MCM_TEL_MAX_ARGS,
					 "/mcm/capture_start,PORT,FILE[,VPI/VCI...]"
					 "[,count=N] (8 VCs)",
					 d);
	char vcs[RTE_TEL_MAX_STRING_LEN];
	struct mcm_cm_req *req;
	size_t used = 0;
	int i, rc;

	RTE_SET_USED(cmd);
	if (port == NULL)
		return 0;
	if (strlen(a.argv[1]) >= sizeof(req->path))
		return mcm_tel_error(d, -ENAMETOOLONG, "FILE longer than %zu characters",
				     sizeof(req->path) - 1);
	req = calloc(1, sizeof(*req));
	if (req == NULL)
		return mcm_tel_error(d, -ENOMEM, "out of memory");
	req->op = MCM_CM_OP_CAPTURE_START;
	snprintf(req->path, sizeof(req->path), "%s", a.argv[1]);
	vcs[0] = '\0';
	for (i = 2; i < a.argc; i++) {
		uint16_t vpi, vci;

		if (strncmp(a.argv[i], "count=", 6) == 0 && i == a.argc - 1) {
			if (mcm_tel_parse_u64(a.argv[i] + 6, 1, UINT32_MAX, &req->cap_count) != 0) {
				free(req);
				return mcm_tel_error(d, -EINVAL, "bad %s: count is 1..%u records",
						     a.argv[i], UINT32_MAX);
			}
			break;
		}
		if (req->ncap == MCM_CAPTURE_MAX_VCS) {
			free(req);
			return mcm_tel_error(d, -EINVAL, "more than %u VCs", MCM_CAPTURE_MAX_VCS);
		}
		if (mcm_tel_parse_vc(a.argv[i], &vpi, &vci) != 0) {
			free(req);
			return mcm_tel_error(d, -EINVAL, "bad VC %s: expected VPI/VCI", a.argv[i]);
		}
		req->cap_vcs[req->ncap++] = rte_pmd_mcm_vc(vpi, vci);
		used += (size_t)snprintf(vcs + used, sizeof(vcs) - used, "%s%u/%u",
					 used > 0 ? " " : "", vpi, vci);
		if (used >= sizeof(vcs))
			used = sizeof(vcs) - 1;
	}
	rc = tel_capture_req(port, req);
	if (rc != 0) {
		free(req);
		if (rc == -EALREADY || rc == -EBUSY)
			return mcm_tel_error(d, rc, "a capture runs already");
		return mcm_tel_error(d, rc, "capture to %s: %s", a.argv[1], rte_strerror(-rc));
	}
	rte_tel_data_start_dict(d);
	/* a reply string holds 127 characters: a longer FILE is cut here only */
	tel_add_string_cut(d, "file", a.argv[1]);
	rte_tel_data_add_dict_string(d, "vcs", req->ncap > 0 ? vcs : "all");
	rte_tel_data_add_dict_u64(d, "count", req->cap_count);
	free(req);
	return 0;
}

static int
cmd_capture_stop(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct mcm_tel_args a;
	struct mcm_port *port = tel_port(params, &a, 1, 1, "/mcm/capture_stop,PORT", d);
	struct mcm_cm_req *req;
	int rc;

	RTE_SET_USED(cmd);
	if (port == NULL)
		return 0;
	req = calloc(1, sizeof(*req));
	if (req == NULL)
		return mcm_tel_error(d, -ENOMEM, "out of memory");
	req->op = MCM_CM_OP_CAPTURE_STOP;
	rc = tel_capture_req(port, req);
	if (rc != 0) {
		free(req);
		if (rc == -ENOENT)
			return mcm_tel_error(d, rc, "no capture runs");
		return mcm_tel_error(d, rc, "%s", rte_strerror(-rc));
	}
	rte_tel_data_start_dict(d);
	tel_add_string_cut(d, "file", req->path);
	rte_tel_data_add_dict_u64(d, "records", req->records);
	rte_tel_data_add_dict_u64(d, "bytes", req->bytes);
	rte_tel_data_add_dict_u64(d, "dropped", req->dropped);
	rte_tel_data_add_dict_u64(d, "count", req->cap_count);
	free(req);
	return 0;
}

void
mcm_telemetry_register(void)
{
	MCM_TEL_REGISTER("/mcm/ports", cmd_ports, "mcm ports. No parameters");
	MCM_TEL_REGISTER("/mcm/status", cmd_status,
			 "Port role, link, signalling, counters. Parameters: port");
	MCM_TEL_REGISTER("/mcm/vc_list", cmd_vc_list,
			 "Client VCs. Parameters: port[,start]");
	MCM_TEL_REGISTER("/mcm/vc_show", cmd_vc_show,
			 "One client VC. Parameters: port,vpi/vci");
	MCM_TEL_REGISTER("/mcm/pvc_add", cmd_pvc_add,
			 "Set up a PVC. Parameters: port,vpi/vci[,llc|vcmux]");
	MCM_TEL_REGISTER("/mcm/pvc_del", cmd_pvc_del,
			 "Remove a PVC. Parameters: port,vpi/vci");
	MCM_TEL_REGISTER("/mcm/bind_default", cmd_bind_default,
			 "Set the default VC. Parameters: port,vpi/vci");
	MCM_TEL_REGISTER("/mcm/oam_cc", cmd_oam_cc,
			 "I.610 continuity check of a VC. "
			 "Parameters: port,vpi/vci[,on|off]");
	MCM_TEL_REGISTER("/mcm/bind_mac", cmd_bind_mac,
			 "Bind a destination MAC to a VC. Parameters: port,mac,vpi/vci");
	MCM_TEL_REGISTER("/mcm/bind_hash", cmd_bind_hash,
			 "Spread flows over VCs. "
			 "Parameters: port,vpi/vci,count (0: none)");
	MCM_TEL_REGISTER("/mcm/bind_list", cmd_bind_list,
			 "Default VC and MAC bindings. Parameters: port");
	MCM_TEL_REGISTER("/mcm/oid_get", cmd_oid_get,
			 "Query an OID. Parameters: port,name[,vpi/vci]");
	MCM_TEL_REGISTER("/mcm/oid_set", cmd_oid_set,
			 "Set an OID. Parameters: port,name,value");
	MCM_TEL_REGISTER("/mcm/oid_list", cmd_oid_list,
			 "The OIDs. Parameters: port");
	MCM_TEL_REGISTER("/mcm/capture_start", cmd_capture_start,
			 "Capture cells to a pcap file. "
			 "Parameters: port,file[,vpi/vci...]");
	MCM_TEL_REGISTER("/mcm/capture_stop", cmd_capture_stop,
			 "Stop the capture. Parameters: port");
	mcm_tel_cm_register();
	mcm_tel_oam_register();
}
