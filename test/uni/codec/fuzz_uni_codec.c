/* SPDX-License-Identifier: BSD-3-Clause
 * Fuzz target for the UNI message decoder: any octets in, never a crash, never a read
 * outside the input (ASan), and internal consistency of what comes out:
 *  - the report is coherent (verdict in range, problems within their array, a cause with
 *    every verdict that asks for an answer);
 *  - a message that decodes with verdict OK re-encodes (and refuses a buffer one octet
 *    short), and the re-encoding decodes to the same message (the decoder only accepts
 *    what the encoder can produce).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_uni_msg.h"

static uint8_t out[70000], out2[70000];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mcm_uni_msg m, m2;
	struct mcm_uni_decode_report rep, rep2;
	uint8_t *copy;
	int rc, n;

	/* an exact-size copy so that ASan sees any read past the end */
	copy = malloc(size ? size : 1);
	if (copy == NULL)
		return 0;
	if (size)
		memcpy(copy, data, size);
	rc = mcm_uni_msg_decode(copy, size, &m, &rep);
	free(copy);
	if (rep.verdict > MCM_UNI_V_IGNORE || rep.n_problems > MCM_UNI_MAX_PROBLEMS ||
	    rep.diag_len > MCM_UNI_DIAG_MAX || rep.n_problems > rep.n_problems_total)
		abort();
	if (rc != 0) {
		if (rep.hdr_error == MCM_UNI_HE_NONE || rep.verdict != MCM_UNI_V_IGNORE)
			abort();
		return 0;
	}
	if ((rep.verdict == MCM_UNI_V_OK_STATUS || rep.verdict == MCM_UNI_V_DISCARD_STATUS ||
	     rep.verdict == MCM_UNI_V_CLEAR || rep.verdict == MCM_UNI_V_MANDATORY) &&
	    rep.cause == 0)
		abort();
	if (rep.verdict != MCM_UNI_V_OK || rep.msg_unrecognised || rep.n_problems_total != 0 ||
	    m.n_raw != 0)
		return 0;
	/* clean message: encode and decode again, it must be the same */
	n = mcm_uni_msg_encode(&m, out, sizeof(out));
	if (n < 0)
		abort();
	/* one octet less room: refused, nothing written past the room */
	if (mcm_uni_msg_encode(&m, out2, (size_t)n - 1) != -ENOSPC)
		abort();
	if (mcm_uni_msg_decode(out, (size_t)n, &m2, &rep2) != 0 || rep2.verdict != MCM_UNI_V_OK)
		abort();
	if (memcmp(&m, &m2, sizeof(m)) != 0)
		abort();
	return 0;
}
