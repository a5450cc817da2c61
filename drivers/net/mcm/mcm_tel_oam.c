/* SPDX-License-Identifier: BSD-3-Clause
 * Telemetry commands of I.610 OAM (doc/telemetry.md): /mcm/oam_ping, one loopback
 * (rte_pmd_mcm_oam_loopback) and its result. The telemetry thread of the client waits for
 * the reply or the timeout, as the API's caller does.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_telemetry.h>

#include "mcm_private.h"
#include "mcm_tel_params.h"

#define TEL_PING_USAGE "/mcm/oam_ping,PORT,VPI[/VCI][,end|segment][,TIMEOUT_MS]"
#define TEL_PING_TIMEOUT_MS 2000   /* as mcm-ctl oam ping's default */

static const char *
flow_name(enum rte_pmd_mcm_oam_flow f)
{
	switch (f) {
	case RTE_PMD_MCM_OAM_F5_SEG:
		return "f5_segment";
	case RTE_PMD_MCM_OAM_F4_E2E:
		return "f4_end";
	case RTE_PMD_MCM_OAM_F4_SEG:
		return "f4_segment";
	default:
		return "f5_end";
	}
}

/* "VPI/VCI" (F5) or "VPI" alone (F4); @return 0 or -1 */
static int
parse_target(const char *s, uint16_t *vpi, uint16_t *vci, bool *f4)
{
	uint32_t v;

	*f4 = strchr(s, '/') == NULL;
	if (!*f4)
		return mcm_tel_parse_vc(s, vpi, vci);
	if (mcm_tel_parse_u32(s, 0, MCM_ATM_VPI_MAX, &v) != 0)
		return -1;
	*vpi = (uint16_t)v;
	*vci = 0;
	return 0;
}

static int
cmd_oam_ping(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct rte_pmd_mcm_oam_ping_result res = { 0 };
	enum rte_pmd_mcm_oam_flow flow;
	uint32_t timeout = TEL_PING_TIMEOUT_MS;
	struct mcm_tel_args a;
	struct mcm_port *port;
	bool f4, seg = false;
	uint16_t vpi, vci;
	char msg[160];
	int i, rc;

	RTE_SET_USED(cmd);
	port = mcm_tel_port(params, &a, 2, 4, TEL_PING_USAGE, d);
	if (port == NULL)
		return 0;
	if (parse_target(a.argv[1], &vpi, &vci, &f4) != 0) {
		snprintf(msg, sizeof(msg), "bad target %s: expected VPI/VCI (F5) or VPI (F4)",
			 a.argv[1]);
		return mcm_tel_error(d, -EINVAL, "%s", msg);
	}
	for (i = 2; i < a.argc; i++) {
		if (strcmp(a.argv[i], "segment") == 0 || strcmp(a.argv[i], "end") == 0) {
			seg = a.argv[i][0] == 's';
		} else if (mcm_tel_parse_u32(a.argv[i], 1, RTE_PMD_MCM_OAM_TIMEOUT_MAX,
					     &timeout) != 0) {
			snprintf(msg, sizeof(msg), "bad argument %s: end, segment or a timeout "
				 "1..%u ms", a.argv[i], RTE_PMD_MCM_OAM_TIMEOUT_MAX);
			return mcm_tel_error(d, -EINVAL, "%s", msg);
		}
	}
	flow = f4 ? (seg ? RTE_PMD_MCM_OAM_F4_SEG : RTE_PMD_MCM_OAM_F4_E2E) :
		    (seg ? RTE_PMD_MCM_OAM_F5_SEG : RTE_PMD_MCM_OAM_F5_E2E);
	rc = rte_pmd_mcm_oam_loopback(port->port_id, vpi, vci, flow, timeout, &res);
	if (rc != 0 && rc != -ETIMEDOUT) {
		if (rc == -ENOENT)
			snprintf(msg, sizeof(msg), "no VC %u/%u", vpi, vci);
		else if (rc == -EBUSY)
			snprintf(msg, sizeof(msg), "too many pings outstanding on the port");
		else if (rc == -EAGAIN)
			snprintf(msg, sizeof(msg), "cannot send: port stopped or lower link down");
		else
			snprintf(msg, sizeof(msg), "%s", rte_strerror(-rc));
		return mcm_tel_error(d, rc, "%s", msg);
	}
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_int(d, "port", port->port_id);
	rte_tel_data_add_dict_int(d, "vpi", vpi);
	/* F4: the flow's VCI (I.610 F4 flow: 3 segment, 4 end-to-end) */
	rte_tel_data_add_dict_int(d, "vci", !f4 ? vci : seg ? MCM_ATM_VCI_OAM_F4_SEG :
							      MCM_ATM_VCI_OAM_F4_E2E);
	rte_tel_data_add_dict_string(d, "flow", flow_name(flow));
	rte_tel_data_add_dict_u64(d, "tag", res.tag);
	rte_tel_data_add_dict_u64(d, "timeout_ms", timeout);
	rte_tel_data_add_dict_string(d, "result", rc == 0 ? "reply" : "timeout");
	rte_tel_data_add_dict_u64(d, "rtt_ns", res.rtt_ns);
	return 0;
}

void
mcm_tel_oam_register(void)
{
	MCM_TEL_REGISTER("/mcm/oam_ping", cmd_oam_ping,
			 "One I.610 loopback. Parameters: port,vpi[/vci]"
			 "[,end|segment][,timeout_ms]");
}
