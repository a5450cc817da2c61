/* SPDX-License-Identifier: BSD-3-Clause
 * Sample messages for the codec tests, the tshark check, the fuzz seeds and the benchmark.
 */
#ifndef UNI_CODEC_SAMPLES_H
#define UNI_CODEC_SAMPLES_H

#include <stddef.h>
#include <stdint.h>

#include "mcm_uni_msg.h"

#define SAMPLE_N_TYPES 18
/** The 18 message types of the codec. */
extern const uint8_t sample_types[SAMPLE_N_TYPES];

/** Number of variants of sample_msg(). */
#define SAMPLE_N_VARIANTS 4

/**
 * Fill @p m with a message of @p type.
 * variant 0: mandatory IEs only; 1: every IE the type may carry (rich, AAL5, AESA);
 * 2 and 3: the same with other codings (AAL1 / AAL3/4 / user AAL, E.164, other BLLI forms,
 * best effort, IE instruction flags).
 */
void sample_msg(struct mcm_uni_msg *m, uint8_t type, int variant);

#endif
