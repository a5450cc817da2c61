/* SPDX-License-Identifier: BSD-3-Clause
 * Tests of net_mcm's devargs parser (drivers/net/mcm/mcm_devargs.c, built into this
 * program; no EAL needed): every value accepted as documented, numbers decimal (the same
 * string names the same VC as in mcm-ctl: "0/0100" is VC 0/100), and every bad devargs
 * string refused with exactly one log line naming what is wrong.
 */
#include <stdio.h>
#include <string.h>

#include <rte_log.h>

#include "mcm_check.h"
#include "mcm_devargs.h"
#include "mcm_private.h"
#include "mcm_devargs_log.h"

static void
test_good(void)
{
	struct mcm_config c;
	int rc;

	rc = parse("lower=net_memif0", &c);
	CHECK(rc == 0 && strcmp(c.lower, "net_memif0") == 0 && c.role == MCM_ROLE_USER &&
	      c.pw_label == 16 && c.sig && c.encap == MCM_ENCAP_LLC_BRIDGED && c.npvc == 0 &&
	      c.max_vcs == MCM_DEFAULT_MAX_VCS && log_lines() == 0, "defaults (%d: %s)", rc,
	      logbuf);
	rc = parse("lower=x,pvc=0/0100", &c);
	CHECK(rc == 0 && c.npvc == 1 && c.pvc[0] == rte_pmd_mcm_vc(0, 100),
	      "pvc=0/0100 is VC 0/100, decimal as in mcm-ctl (%d: %u/%u)", rc,
	      rte_pmd_mcm_vc_vpi(c.pvc[0]), rte_pmd_mcm_vc_vci(c.pvc[0]));
	rc = parse("lower=x,pvc=[0/32,01/0040],pvc=4095/65535", &c);
	CHECK(rc == 0 && c.npvc == 3 && c.pvc[0] == rte_pmd_mcm_vc(0, 32) &&
	      c.pvc[1] == rte_pmd_mcm_vc(1, 40) && c.pvc[2] == rte_pmd_mcm_vc(4095, 65535),
	      "a list and a repeated pvc= (%d)", rc);
	rc = parse("lower=x,pw_label=0100,max_vcs=010,max_cells=07", &c);
	CHECK(rc == 0 && c.pw_label == 100 && c.max_vcs == 10 && c.max_cells == 7,
	      "pw_label, max_vcs, max_cells decimal (%d: %u %u %u)", rc, c.pw_label, c.max_vcs,
	      c.max_cells);
	rc = parse("lower=x,role=network,sig=off,encap=vcmux,peer_mac=02:00:00:00:00:07,"
		   "addr=47.0005.80ffe1000000f21a3322.0020481a3302.00", &c);
	CHECK(rc == 0 && c.role == MCM_ROLE_NETWORK && !c.sig &&
	      c.encap == MCM_ENCAP_VCMUX_BRIDGED && c.peer_mac.addr_bytes[5] == 7 && c.has_addr &&
	      c.addr[0] == 0x47 && c.addr[19] == 0x00 && c.addr[18] == 0x02,
	      "every other key (%d: %s)", rc, logbuf);
	/* AAL5 SDU mode PVCs, alone and in a list with cell mode ones */
	rc = parse("lower=x,pw_label=20,pvc=[0/100@sdu:200,0/101],pvc=1/40@sdu:0300", &c);
	CHECK(rc == 0 && c.npvc == 3 && c.pvc[0] == rte_pmd_mcm_vc(0, 100) &&
	      c.pvc_label[0] == 200 && c.pvc_label[1] == 0 && c.pvc[2] == rte_pmd_mcm_vc(1, 40) &&
	      c.pvc_label[2] == 300, "@sdu:LABEL per PVC, decimal (%d: %s)", rc, logbuf);
	/* AAL5 PDU frame mode PVCs beside SDU mode and cell mode ones */
	rc = parse("lower=x,pvc=[0/100@pdu:200,0/101@sdu:201,0/102]", &c);
	CHECK(rc == 0 && c.npvc == 3 && c.pvc_label[0] == 200 && c.pvc_pdu[0] == 1 &&
	      c.pvc_label[1] == 201 && c.pvc_pdu[1] == 0 && c.pvc_label[2] == 0 &&
	      c.pvc_pdu[2] == 0, "@pdu:LABEL per PVC (%d: %s)", rc, logbuf);
	rc = parse("lower=x,bind_hash=1/100:64", &c);
	CHECK(rc == 0 && c.hash_vc == rte_pmd_mcm_vc(1, 100) && c.hash_count == 64,
	      "bind_hash (%d: %s)", rc, logbuf);
	rc = parse("lower=x,bind_hash=0/65535:1", &c);
	CHECK(rc == 0 && c.hash_count == 1, "bind_hash to VCI 65535 (%d: %s)", rc, logbuf);
	/* past VCI 65535 the same VCIs of the next VPIs: 16 VPIs of 65,504 VCIs */
	rc = parse("lower=x,bind_hash=1/32:1048576", &c);
	CHECK(rc == 0 && c.hash_count == 1048576, "bind_hash over VPIs (%d: %s)", rc, logbuf);
	rc = parse("lower=x,bind_hash=4095/65535:1", &c);
	CHECK(rc == 0 && c.hash_count == 1, "bind_hash at VPI 4095 (%d: %s)", rc, logbuf);
	rc = parse("lower=x,max_vcs=1048576", &c);
	CHECK(rc == 0 && c.max_vcs == 1048576, "max_vcs=1048576 (%d: %s)", rc, logbuf);
	rc = parse("lower=x,max_vcs=65536", &c);
	CHECK(rc == 0 && c.max_vcs == 65536, "max_vcs=65536 (%d: %s)", rc, logbuf);
	rc = parse("lower=x,lower_mtu=09000", &c);
	CHECK(rc == 0 && c.lower_mtu == 9000, "lower_mtu decimal (%d: %u)", rc, c.lower_mtu);
	rc = parse("lower=x", &c);
	CHECK(rc == 0 && c.lower_mtu == 0, "lower_mtu: the lower port's own by default");
	/* pw_timeout: above SSCOP's Timer_IDLE with signalling, off without (an idle PW is
	 * silent then); given, as given
	 */
	CHECK(rc == 0 && c.pw_timeout_ms == MCM_PW_TIMEOUT_SIG_MS && c.pw_timeout_ms > 15000,
	      "pw_timeout with sig=on by default: %u ms", c.pw_timeout_ms);
	rc = parse("lower=x,sig=off", &c);
	CHECK(rc == 0 && c.pw_timeout_ms == 0, "pw_timeout off by default with sig=off (%u)",
	      c.pw_timeout_ms);
	rc = parse("lower=x,sig=off,pw_timeout=01500", &c);
	CHECK(rc == 0 && c.pw_timeout_ms == 1500, "pw_timeout decimal (%d: %u)", rc,
	      c.pw_timeout_ms);
	rc = parse("lower=x,pw_timeout=0", &c);
	CHECK(rc == 0 && c.pw_timeout_ms == 0, "pw_timeout=0: off, with sig=on too (%d: %u)", rc,
	      c.pw_timeout_ms);
	rc = parse("lower=x,encap=llc-routed", &c);
	CHECK(rc == 0 && c.encap == MCM_ENCAP_LLC_ROUTED, "encap=llc-routed (%d)", rc);
	rc = parse("lower=x,encap=vcmux-routed,pvc=0/40", &c);
	CHECK(rc == 0 && c.encap == MCM_ENCAP_VCMUX_ROUTED && c.npvc == 1,
	      "encap=vcmux-routed, a PVC (%d)", rc);
	rc = parse("lower=x,pw_timeout=3600000", &c);
	CHECK(rc == 0 && c.pw_timeout_ms == 3600000, "pw_timeout at its maximum (%d)", rc);
	/* pw_seq_resync: 16 by default, 1..65535 */
	CHECK(rc == 0 && c.pw_seq_resync == 16, "pw_seq_resync 16 by default (%u)",
	      c.pw_seq_resync);
	rc = parse("lower=x,pw_seq_resync=1", &c);
	CHECK(rc == 0 && c.pw_seq_resync == 1, "pw_seq_resync=1 (%d: %u)", rc, c.pw_seq_resync);
	rc = parse("lower=x,pw_seq_resync=65535", &c);
	CHECK(rc == 0 && c.pw_seq_resync == 65535, "pw_seq_resync=65535 (%d)", rc);
}

static void
test_bad(void)
{
	static const struct {
		const char *args;
		const char *says;     /* the log line names this */
	} bad[] = {
		{ "", "lower=" },
		{ "role=user", "lower=" },
		{ "lower=", "lower=" },
		{ "lower=a,lower=b", "lower= given more than once" },
		{ "lower=a,encap=llc,encap=vcmux", "encap= given more than once" },
		{ "lower=a,encap=routed", "expected llc, vcmux, llc-routed or vcmux-routed" },
		{ "lower=a,encap=", "encap=" },
		{ "lower=a,encap=LLC", "encap=LLC" },
		{ "lower=a,sig=on,sig=off", "sig= given more than once" },
		{ "lower=a,role=boss", "role=boss" },
		{ "lower=a,pvc=", "pvc=" },
		{ "lower=a,pvc=[]", "pvc=[]" },
		{ "lower=a,pvc=[0/40", "pvc=[0/40" },
		{ "lower=a,pvc=0/5", "reserved" },
		{ "lower=a,pvc=0/31", "reserved" },
		{ "lower=a,pvc=0x1/40", "pvc=0x1/40" },
		{ "lower=a,pvc=0/0x40", "pvc=0/0x40" },
		{ "lower=a,pvc=4096/40", "pvc=4096/40" },
		{ "lower=a,pvc=0/65536", "pvc=0/65536" },
		{ "lower=a,pvc=0/-1", "pvc=0/-1" },
		{ "lower=a,pvc=1/", "pvc=1/" },
		{ "lower=a,pvc=/40", "pvc=/40" },
		{ "lower=a,pvc=0/40,pvc=0/40", "given twice" },
		{ "lower=a,pvc=0/40@sdu:15", "@sdu:LABEL" },
		{ "lower=a,pvc=0/40@sdu:1048576", "@sdu:LABEL" },
		{ "lower=a,pvc=0/40@sdu:", "@sdu:LABEL" },
		{ "lower=a,pvc=0/40@cells:20", "@sdu:LABEL" },
		{ "lower=a,pvc=0/40@sdu:20x", "@sdu:LABEL" },
		{ "lower=a,pvc=0/40@", "@sdu:LABEL" },
		{ "lower=a,pw_label=20,pvc=0/40@sdu:20", "the port's pw_label" },
		{ "lower=a,pvc=[0/40@sdu:20,0/41@sdu:20]", "label 20 given twice" },
		{ "lower=a,pvc=[0/40@sdu:20,0/41@pdu:20]", "label 20 given twice" },
		{ "lower=a,pvc=0/40@pdu:15", "@pdu:LABEL" },
		{ "lower=a,pvc=0/40@pdu:", "@pdu:LABEL" },
		{ "lower=a,pvc=0/40@pdux:20", "@pdu:LABEL" },
		{ "lower=a,pw_timeout=99", "pw_timeout=99" },
		{ "lower=a,pw_timeout=3600001", "pw_timeout=3600001" },
		{ "lower=a,pw_timeout=-1", "pw_timeout=-1" },
		{ "lower=a,pw_timeout=1s", "pw_timeout=1s" },
		{ "lower=a,pw_seq_resync=0", "pw_seq_resync=0: expected 1..65535" },
		{ "lower=a,pw_seq_resync=65536", "pw_seq_resync=65536" },
		{ "lower=a,pw_seq_resync=-1", "pw_seq_resync=-1" },
		{ "lower=a,pw_seq_resync=", "pw_seq_resync=: expected" },
		{ "lower=a,pw_seq_resync=5,pw_seq_resync=6", "given more than once" },
		{ "lower=a,bind_hash=0/100", "VPI/VCI:COUNT" },
		{ "lower=a,bind_hash=0/100:0", "VPI/VCI:COUNT" },
		{ "lower=a,bind_hash=4095/65535:2", "VPI/VCI:COUNT" },
		{ "lower=a,bind_hash=1/32:1048577", "VPI/VCI:COUNT" },
		{ "lower=a,bind_hash=0/20:4", "VPI/VCI:COUNT" },
		{ "lower=a,bind_hash=0/100:x", "VPI/VCI:COUNT" },
		{ "lower=a,pw_label=15", "pw_label=15" },
		{ "lower=a,pw_label=1048576", "pw_label=1048576" },
		{ "lower=a,pw_label=abc", "pw_label=abc" },
		{ "lower=a,pw_label= 20", "pw_label= 20" },
		{ "lower=a,peer_mac=zz", "peer_mac=zz" },
		{ "lower=a,max_cells=0", "max_cells=0" },
		{ "lower=a,max_cells=1025", "max_cells=1025" },
		{ "lower=a,sig=maybe", "sig=maybe" },
		{ "lower=a,max_vcs=0", "max_vcs=0" },
		{ "lower=a,max_vcs=1048577", "max_vcs=1048577" },
		{ "lower=a,max_vcs=4294967297", "max_vcs=4294967297" },
		{ "lower=a,lower_mtu=67", "lower_mtu=67" },
		{ "lower=a,lower_mtu=16001", "lower_mtu=16001" },
		{ "lower=a,lower_mtu=", "lower_mtu=" },
		{ "lower=a,addr=47", "addr=47" },
		{ "lower=a,bogus=1", "known: lower role addr" },
	};
	char big[2200], many[1200];
	struct mcm_config c;
	unsigned int i;
	size_t off;
	int rc;

	for (i = 0; i < RTE_DIM(bad); i++) {
		rc = parse(bad[i].args, &c);
		CHECK(rc != 0 && log_lines() == 1 && strstr(logbuf, bad[i].says) != NULL,
		      "\"%s\" refused with one line naming \"%s\" (%d, %u lines: %s)", bad[i].args,
		      bad[i].says, rc, log_lines(), logbuf);
	}
	/* a list longer than the parser takes: said so, not "pvc=:" */
	off = (size_t)snprintf(big, sizeof(big), "lower=a,pvc=[");
	for (i = 0; off + 12 < sizeof(big) - 2; i++)
		off += (size_t)snprintf(big + off, sizeof(big) - off, "0/%u,", 32 + i);
	snprintf(big + off - 1, sizeof(big) - off + 1, "]");
	rc = parse(big, &c);
	CHECK(rc != 0 && log_lines() == 1 && strstr(logbuf, "characters") != NULL,
	      "a %zu-character list refused with its length (%s)", strlen(big), logbuf);
	/* more PVCs than the command line takes */
	off = (size_t)snprintf(many, sizeof(many), "lower=a,pvc=[");
	for (i = 0; i <= MCM_MAX_PVC_ARGS; i++)
		off += (size_t)snprintf(many + off, sizeof(many) - off, "0/%u,", 100 + i);
	snprintf(many + off - 1, sizeof(many) - off + 1, "]");
	rc = parse(many, &c);
	CHECK(rc != 0 && log_lines() == 1 && strstr(logbuf, "at most") != NULL,
	      "%u PVCs refused (%s)", MCM_MAX_PVC_ARGS + 1, logbuf);
}

/* The driver's parameter string (dpdk-pmdinfo, testpmd) comes from the same list. */
static void
test_param_string(void)
{
	static const char param[] = MCM_DEVARGS_PARAM_STRING;

	CHECK(strstr(param, "lower=<ethdev name> ") == param, "starts with lower=: %s", param);
	CHECK(strstr(param, "pvc=<vpi>/<vci>[@sdu|pdu:<label>]|[<vpi>/<vci>,...]") != NULL &&
	      strstr(param, "max_vcs=<1..1048576>") != NULL, "lists every key: %s", param);
}

int
main(void)
{
	test_good();
	test_bad();
	test_param_string();
	return test_summary();
}
