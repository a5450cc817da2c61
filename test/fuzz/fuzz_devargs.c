/* SPDX-License-Identifier: BSD-3-Clause
 * Fuzz target: net_mcm's devargs parser (drivers/net/mcm/mcm_devargs.c, built in; no EAL).
 * The input is the devargs string. The parser must not crash or leak, and what it accepts
 * must keep to the table (mcm_devargs.h): a lower port named, a label of 16..1048575
 * (RFC 3032 2.1), PVCs with VPI 0..4095 and VCI 32..65535 given once each, max_cells
 * 1..1024, max_vcs 1..1048576. It answers the same twice for the same string, logs nothing
 * on success and exactly one line (the argument at fault) on failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_log.h>

#include "mcm_devargs.h"
#include "mcm_private.h"
#include "mcm_devargs_log.h"

#define FUZZ_MAX_INPUT 4096

#define FUZZ_NAME "fuzz_devargs"
#include "mcm_fuzz_assert.h"

static void
check_config(const char *args, const struct mcm_config *c)
{
	uint32_t i, j;

	FUZZ_ASSERT(c->lower[0] != '\0' && memchr(c->lower, '\0', sizeof(c->lower)) != NULL,
		    "lower not set or not terminated");
	FUZZ_ASSERT(strstr(args, "lower=") != NULL, "accepted without lower=");
	FUZZ_ASSERT(c->role == MCM_ROLE_USER || c->role == MCM_ROLE_NETWORK, "role %d",
		    (int)c->role);
	FUZZ_ASSERT(c->pw_label >= 16 && c->pw_label <= 0xfffff, "pw_label %u", c->pw_label);
	FUZZ_ASSERT(c->npvc <= MCM_MAX_PVC_ARGS, "npvc %u", c->npvc);
	for (i = 0; i < c->npvc; i++) {
		FUZZ_ASSERT(rte_pmd_mcm_vc_vpi(c->pvc[i]) <= MCM_ATM_VPI_MAX &&
			    rte_pmd_mcm_vc_vci(c->pvc[i]) >= MCM_ATM_VCI_FIRST_USER,
			    "pvc %u/%u out of range", rte_pmd_mcm_vc_vpi(c->pvc[i]),
			    rte_pmd_mcm_vc_vci(c->pvc[i]));
		for (j = 0; j < i; j++)
			FUZZ_ASSERT(c->pvc[i] != c->pvc[j], "pvc %u given twice", i);
	}
	FUZZ_ASSERT(c->npvc == 0 || strstr(args, "pvc=") != NULL, "PVCs without pvc=");
	FUZZ_ASSERT(c->encap == MCM_ENCAP_LLC_BRIDGED || c->encap == MCM_ENCAP_VCMUX_BRIDGED ||
		    c->encap == MCM_ENCAP_LLC_ROUTED || c->encap == MCM_ENCAP_VCMUX_ROUTED,
		    "encap %d", (int)c->encap);
	FUZZ_ASSERT(c->pw_seq_resync >= 1 &&
		    (c->pw_seq_resync == MCM_PW_SEQ_RESYNC_DEFAULT ||
		     strstr(args, "pw_seq_resync=") != NULL), "pw_seq_resync %u", c->pw_seq_resync);
	FUZZ_ASSERT(c->max_cells <= 1024, "max_cells %u", c->max_cells);
	FUZZ_ASSERT(c->max_vcs >= 1 && c->max_vcs <= MCM_MAX_VCS, "max_vcs %u", c->max_vcs);
	FUZZ_ASSERT(!c->has_addr || strstr(args, "addr=") != NULL, "an address without addr=");
	FUZZ_ASSERT(c->sig || strstr(args, "sig=off") != NULL, "signalling off unasked");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mcm_config *c1, *c2;
	char *args;
	int rc1, rc2;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	args = malloc(size + 1);
	c1 = calloc(1, sizeof(*c1));
	c2 = calloc(1, sizeof(*c2));
	if (args == NULL || c1 == NULL || c2 == NULL)
		abort();
	memcpy(args, data, size);
	args[size] = '\0';
	rc1 = parse(args, c1);
	if (rc1 == 0) {
		FUZZ_ASSERT(log_lines() == 0, "accepted, but logged: %s", logbuf);
		check_config(args, c1);
	} else {
		FUZZ_ASSERT(rc1 == -EINVAL, "refused with %d", rc1);
		/* one line naming the argument; a value holding a newline is quoted as is */
		FUZZ_ASSERT(log_lines() == 1 || strchr(args, '\n') != NULL,
			    "refused with %u log lines: %s", log_lines(), logbuf);
	}
	/* no state kept from one call to the next */
	memset(c2, 0xa5, sizeof(*c2));
	rc2 = parse(args, c2);
	FUZZ_ASSERT(rc1 == rc2 && (rc1 != 0 || memcmp(c1, c2, sizeof(*c1)) == 0),
		    "a second parse differs (%d, %d)", rc1, rc2);
	free(c2);
	free(c1);
	free(args);
	return 0;
}
