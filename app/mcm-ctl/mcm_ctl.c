/* SPDX-License-Identifier: BSD-3-Clause
 * mcm-ctl: command line client of the mcm driver's telemetry commands (doc/mcm-ctl.md).
 * A plain socket client: it does not link DPDK, so it runs beside any DPDK application.
 */
#include <stdio.h>

#include "ctl.h"

#ifndef MCM_CTL_VERSION
#define MCM_CTL_VERSION "unknown"
#endif

int
main(int argc, char **argv)
{
	struct ctl_opts o;
	struct ctl_cmd c;
	char err[CTL_ERR_LEN] = "";
	int rc;

	rc = ctl_parse_opts(argc, argv, &o, err, sizeof(err));
	if (rc == CTL_EXIT_OK && o.help) {
		ctl_usage(stdout);
		return CTL_EXIT_OK;
	}
	if (rc == CTL_EXIT_OK && o.version) {
		printf("mcm-ctl %s\n", MCM_CTL_VERSION);
		return CTL_EXIT_OK;
	}
	if (rc == CTL_EXIT_OK)
		rc = ctl_parse_cmd(o.argc, o.argv, &c, err, sizeof(err));
	if (rc == CTL_EXIT_OK)
		rc = ctl_run(&o, &c, stdout, err, sizeof(err));
	if (fflush(stdout) != 0 && rc == CTL_EXIT_OK) {
		snprintf(err, sizeof(err), "cannot write the output");
		rc = CTL_EXIT_FAIL;
	}
	if (rc != CTL_EXIT_OK)
		fprintf(stderr, "mcm-ctl: %s\n", err);
	return rc;
}
