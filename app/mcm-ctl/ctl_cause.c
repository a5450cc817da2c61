/* SPDX-License-Identifier: BSD-3-Clause
 * mcm-ctl cause names: the cause values of ITU-T Q.2610 (the B-ISDN use of Q.850) that
 * Q.2931 and ATM Forum UNI 4.0 signalling use, with their names, as data once. Every place
 * mcm-ctl shows a cause (call make, call release, error replies) prints it through here.
 */
#include <inttypes.h>
#include <string.h>

#include "ctl.h"

/* Q.2610 Table 1 (and Q.2931 Annex / UNI 3.1 values that older peers still send). */
static const struct {
	uint8_t value;
	const char *name;
} causes[] = {
	{ 1, "unallocated (unassigned) number" },
	{ 2, "no route to specified transit network" },
	{ 3, "no route to destination" },
	{ 10, "VPCI/VCI unacceptable" },
	{ 16, "normal call clearing" },
	{ 17, "user busy" },
	{ 18, "no user responding" },
	{ 19, "no answer from user (user alerted)" },
	{ 21, "call rejected" },
	{ 22, "number changed" },
	{ 23, "user rejects all calls with calling line identification restriction" },
	{ 27, "destination out of order" },
	{ 28, "invalid number format (address incomplete)" },
	{ 29, "facility rejected" },
	{ 30, "response to STATUS ENQUIRY" },
	{ 31, "normal, unspecified" },
	{ 32, "too many pending add party requests" },
	{ 35, "requested VPCI/VCI not available" },
	{ 36, "VPCI/VCI assignment failure" },
	{ 37, "user cell rate not available" },
	{ 38, "network out of order" },
	{ 41, "temporary failure" },
	{ 43, "access information discarded" },
	{ 45, "no VPCI/VCI available" },
	{ 47, "resource unavailable, unspecified" },
	{ 49, "quality of service not available" },
	{ 51, "user cell rate not available" },
	{ 57, "bearer capability not authorized" },
	{ 58, "bearer capability not presently available" },
	{ 63, "service or option not available, unspecified" },
	{ 65, "bearer capability not implemented" },
	{ 73, "unsupported combination of traffic parameters" },
	{ 78, "AAL parameters cannot be supported" },
	{ 81, "invalid call reference value" },
	{ 82, "identified channel does not exist" },
	{ 88, "incompatible destination" },
	{ 89, "invalid endpoint reference" },
	{ 91, "invalid transit network selection" },
	{ 92, "too many pending add party requests" },
	{ 93, "AAL parameters cannot be supported" },
	{ 96, "mandatory information element is missing" },
	{ 97, "message type non-existent or not implemented" },
	{ 99, "information element non-existent or not implemented" },
	{ 100, "invalid information element contents" },
	{ 101, "message not compatible with call state" },
	{ 102, "recovery on timer expiry" },
	{ 104, "incorrect message length" },
	{ 111, "protocol error, unspecified" },
	{ 127, "interworking, unspecified" },
};

const char *
ctl_cause_name(long long cause)
{
	size_t i;

	for (i = 0; i < sizeof(causes) / sizeof(causes[0]); i++)
		if (causes[i].value == cause)
			return causes[i].name;
	return NULL;
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
