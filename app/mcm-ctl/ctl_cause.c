/* SPDX-License-Identifier: BSD-3-Clause
 * mcm-ctl cause names: every place mcm-ctl shows a cause (call make, call release, error
 * replies) prints it through here. The names are lib/uni's table (Q.2610 Table 1), the one
 * the signalling trace uses too.
 */
#include <inttypes.h>
#include <string.h>

#include "ctl.h"
#include "mcm_uni_msg.h"

const char *
ctl_cause_name(long long cause)
{
	return cause >= 0 && cause <= 127 ? mcm_uni_cause_name((uint8_t)cause) : NULL;
}

void
ctl_fmt_cause(long long cause, char *buf, size_t len)
{
	const char *name = ctl_cause_name(cause);

	if (name != NULL)
		snprintf(buf, len, "cause %lld (%s)", cause, name);
	else
		snprintf(buf, len, "cause %lld", cause);
}
