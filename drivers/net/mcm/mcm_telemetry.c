/* SPDX-License-Identifier: BSD-3-Clause
 * Telemetry commands under /mcm/ (doc/telemetry.md is the contract with mcm-ctl).
 * Every reply is a dict; a failure is {"error": "<one line>", "code": <-errno>}.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_telemetry.h>

#include "mcm_private.h"

#define TEL_MAX_ARGS 4
#define TEL_VC_PAGE 32
#define TEL_MAC_PAGE 128   /* two arrays of 128 x 18-byte strings fit one reply */

struct tel_args {
	char buf[256];
	char *argv[TEL_MAX_ARGS];
	int argc;
};

static int
tel_error(struct rte_tel_data *d, int code, const char *fmt, ...)
{
	char msg[RTE_TEL_MAX_STRING_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "error", msg);
	rte_tel_data_add_dict_int(d, "code", code);
	return 0;
}

static void
tel_split(const char *params, struct tel_args *a)
{
	char *save = NULL, *tok;

	a->argc = 0;
	snprintf(a->buf, sizeof(a->buf), "%s", params ? params : "");
	for (tok = strtok_r(a->buf, ",", &save); tok != NULL && a->argc < TEL_MAX_ARGS;
	     tok = strtok_r(NULL, ",", &save))
		a->argv[a->argc++] = tok;
}

/* Port and argument count; on a problem the error reply is already written. */
static struct mcm_port *
tel_port(const char *params, struct tel_args *a, int min_args, int max_args, const char *usage,
	 struct rte_tel_data *d)
{
	struct mcm_port *port;

	tel_split(params, a);
	if (a->argc < min_args || a->argc > max_args) {
		tel_error(d, -EINVAL, "usage: %s", usage);
		return NULL;
	}
	port = mcm_port_by_name(a->argv[0]);
	if (port == NULL)
		tel_error(d, -ENODEV, "port %s is not an mcm port", a->argv[0]);
	return port;
}

static int
tel_parse_vc(const char *s, uint16_t *vpi, uint16_t *vci)
{
	unsigned long p, c;
	char *end;

	if (s == NULL || !isdigit((unsigned char)s[0]))
		return -1;
	p = strtoul(s, &end, 10);
	if (*end != '/' || !isdigit((unsigned char)end[1]))
		return -1;
	c = strtoul(end + 1, &end, 10);
	if (*end != '\0' || p > MCM_ATM_VPI_MAX || c > MCM_ATM_VCI_MAX)
		return -1;
	*vpi = (uint16_t)p;
	*vci = (uint16_t)c;
	return 0;
}

/* Port and the VC in argument @p vc_arg; on a problem the error reply is already written. */
static struct mcm_port *
tel_port_vc(const char *params, struct tel_args *a, int min_args, int max_args,
	    const char *usage, int vc_arg, uint16_t *vpi, uint16_t *vci, struct rte_tel_data *d)
{
	struct mcm_port *port = tel_port(params, a, min_args, max_args, usage, d);

	if (port != NULL && tel_parse_vc(a->argv[vc_arg], vpi, vci) != 0) {
		tel_error(d, -EINVAL, "bad VC %s: expected VPI/VCI", a->argv[vc_arg]);
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
static void
tel_reply_vc(struct rte_tel_data *d, const char *key, uint16_t vpi, uint16_t vci)
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
	return e == RTE_PMD_MCM_ENCAP_VCMUX ? "vcmux" : "llc";
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
	struct tel_args a;
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
	rte_tel_data_add_dict_int(d, "started", port->started);
	rte_ether_format_addr(buf, sizeof(buf), &port->dev->data->mac_addrs[0]);
	rte_tel_data_add_dict_string(d, "mac", buf);
	rte_ether_format_addr(buf, sizeof(buf), &port->cfg.peer_mac);
	rte_tel_data_add_dict_string(d, "peer_mac", buf);
	rte_tel_data_add_dict_u64(d, "pw_label", port->cfg.pw_label);
	rte_tel_data_add_dict_string(d, "encap", mcm_encap_name(port->cfg.encap));
	rte_tel_data_add_dict_u64(d, "max_cells", port->max_cells);
	rte_tel_data_add_dict_u64(d, "mtu", port->mtu);
	rte_tel_data_add_dict_string(d, "sig", port->cfg.sig ? "on" : "off");
	/* no signalling on this port (sig=off): SSCOP and UNI do not run */
	rte_tel_data_add_dict_string(d, "sscop_state", "off");
	rte_tel_data_add_dict_string(d, "uni_state", "off");
	pthread_mutex_lock(&port->lock);
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
	rte_tel_data_add_dict_u64(d, "no_vc_drops", mcm_port_xstat(port, "tx_no_vc_drops"));
	rte_tel_data_add_dict_u64(d, "unknown_vc_cells",
				  mcm_port_xstat(port, "rx_unknown_vc_cells"));
	rte_tel_data_add_dict_u64(d, "pw_frames_in", mcm_port_xstat(port, "rx_pw_frames"));
	rte_tel_data_add_dict_u64(d, "pw_frames_out", mcm_port_xstat(port, "tx_pw_frames"));
	rte_tel_data_add_dict_u64(d, "pw_bad_frames", mcm_port_xstat(port, "rx_pw_bad_frames"));
	rte_tel_data_add_dict_u64(d, "cells_in", mcm_port_xstat(port, "rx_cells"));
	rte_tel_data_add_dict_u64(d, "cells_out", mcm_port_xstat(port, "tx_cells"));
	rte_tel_data_add_dict_u64(d, "aal5_errors", mcm_port_xstat(port, "rx_aal5_errors"));
	pthread_mutex_unlock(&port->lock);
	return 0;
}

static int
cmd_vc_list(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct tel_args a;
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
			return tel_error(d, -EINVAL, "START must be a number, not %s", a.argv[1]);
	}
	n = rte_pmd_mcm_vc_list(port->port_id, info, TEL_VC_PAGE, start, &total);
	if (n < 0)
		return tel_error(d, n, "%s", rte_strerror(-n));
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

static int
cmd_vc_show(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct tel_args a;
	struct rte_pmd_mcm_vc_info info;
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
	if (rc != 0)
		return tel_error(d, rc, "%s", tel_strerror(rc, vpi, vci, buf, sizeof(buf)));
	rte_tel_data_start_dict(d);
	tel_reply_vc(d, "vc", vpi, vci);
	rte_tel_data_add_dict_int(d, "vpi", vpi);
	rte_tel_data_add_dict_int(d, "vci", vci);
	rte_tel_data_add_dict_string(d, "type", info.is_pvc ? "pvc" : "svc");
	rte_tel_data_add_dict_string(d, "state", state_name(info.state));
	rte_tel_data_add_dict_int(d, "aal", info.aal);
	rte_tel_data_add_dict_string(d, "encap", encap_name(info.encap));
	rte_tel_data_add_dict_u64(d, "max_sdu", info.max_sdu);
	rte_tel_data_add_dict_string(d, "contract", "UBR");
	rte_tel_data_add_dict_u64(d, "pcr", 0);
	rte_tel_data_add_dict_int(d, "default", info.is_default);
	rte_tel_data_add_dict_u64(d, "macs", info.mac_bindings);
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
	return 0;
}

static int
cmd_pvc_add(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct tel_args a;
	enum rte_pmd_mcm_encap encap = RTE_PMD_MCM_ENCAP_PORT;
	struct rte_pmd_mcm_vc_info info;
	struct mcm_port *port;
	uint16_t vpi, vci;
	char buf[96];
	int rc;

	RTE_SET_USED(cmd);
	port = tel_port_vc(params, &a, 2, 3, "/mcm/pvc_add,PORT,VPI/VCI[,ENCAP]", 1, &vpi, &vci,
			   d);
	if (port == NULL)
		return 0;
	if (a.argc == 3) {
		if (strcmp(a.argv[2], "llc") == 0)
			encap = RTE_PMD_MCM_ENCAP_LLC;
		else if (strcmp(a.argv[2], "vcmux") == 0)
			encap = RTE_PMD_MCM_ENCAP_VCMUX;
		else
			return tel_error(d, -EINVAL, "bad encapsulation %s: llc or vcmux",
					 a.argv[2]);
	}
	rc = rte_pmd_mcm_pvc_add(port->port_id, vpi, vci, encap);
	if (rc == 0)
		rc = rte_pmd_mcm_vc_info_get(port->port_id, vpi, vci, &info);
	if (rc != 0)
		return tel_error(d, rc, "%s", tel_strerror(rc, vpi, vci, buf, sizeof(buf)));
	rte_tel_data_start_dict(d);
	tel_reply_vc(d, "vc", vpi, vci);
	rte_tel_data_add_dict_string(d, "state", state_name(info.state));
	rte_tel_data_add_dict_string(d, "encap", encap_name(info.encap));
	return 0;
}

/* The commands that name a port and a VC and reply with that VC. */
static int
tel_vc_command(const char *params, const char *usage, int (*fn)(uint16_t, uint16_t, uint16_t),
	       const char *key, const char *state, struct rte_tel_data *d)
{
	struct tel_args a;
	struct mcm_port *port;
	uint16_t vpi, vci;
	char buf[96];
	int rc;

	port = tel_port_vc(params, &a, 2, 2, usage, 1, &vpi, &vci, d);
	if (port == NULL)
		return 0;
	rc = fn(port->port_id, vpi, vci);
	if (rc != 0)
		return tel_error(d, rc, "%s", tel_strerror(rc, vpi, vci, buf, sizeof(buf)));
	rte_tel_data_start_dict(d);
	tel_reply_vc(d, key, vpi, vci);
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

static int
cmd_bind_mac(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct tel_args a;
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
		return tel_error(d, -EINVAL, "bad MAC %s", a.argv[1]);
	rc = rte_pmd_mcm_bind_mac(port->port_id, &mac, vpi, vci);
	if (rc != 0)
		return tel_error(d, rc, "%s", tel_strerror(rc, vpi, vci, buf, sizeof(buf)));
	rte_tel_data_start_dict(d);
	rte_ether_format_addr(buf, sizeof(buf), &mac);
	rte_tel_data_add_dict_string(d, "mac", buf);
	tel_reply_vc(d, "vc", vpi, vci);
	return 0;
}

/* MACs and their VCs as two parallel arrays: telemetry dict keys cannot hold ':' */
static int
cmd_bind_list(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct tel_args a;
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

void
mcm_telemetry_register(void)
{
	rte_telemetry_register_cmd("/mcm/ports", cmd_ports, "mcm ports. No parameters");
	rte_telemetry_register_cmd("/mcm/status", cmd_status,
				   "Port role, link, signalling, counters. Parameters: port");
	rte_telemetry_register_cmd("/mcm/vc_list", cmd_vc_list,
				   "Client VCs. Parameters: port[,start]");
	rte_telemetry_register_cmd("/mcm/vc_show", cmd_vc_show,
				   "One client VC. Parameters: port,vpi/vci");
	rte_telemetry_register_cmd("/mcm/pvc_add", cmd_pvc_add,
				   "Set up a PVC. Parameters: port,vpi/vci[,llc|vcmux]");
	rte_telemetry_register_cmd("/mcm/pvc_del", cmd_pvc_del,
				   "Remove a PVC. Parameters: port,vpi/vci");
	rte_telemetry_register_cmd("/mcm/bind_default", cmd_bind_default,
				   "Set the default VC. Parameters: port,vpi/vci");
	rte_telemetry_register_cmd("/mcm/bind_mac", cmd_bind_mac,
				   "Bind a destination MAC to a VC. Parameters: port,mac,vpi/vci");
	rte_telemetry_register_cmd("/mcm/bind_list", cmd_bind_list,
				   "Default VC and MAC bindings. Parameters: port");
}
