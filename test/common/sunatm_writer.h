/* SPDX-License-Identifier: BSD-3-Clause
 * Test helper: write SDUs into a SunATM (link type 123) pcap file, for tshark checks.
 */
#ifndef MCM_TEST_SUNATM_WRITER_H
#define MCM_TEST_SUNATM_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mcm_pcap.h"

/** Open @p path and write the file header; NULL on error. */
FILE *sunatm_open(const char *path);
/** Append one SDU on @p vpi/@p vci; 0 on success, -1 on a write error. */
int sunatm_write(FILE *f, enum mcm_sunatm_type type, bool dir_bit, uint8_t vpi, uint16_t vci,
		 const void *sdu, size_t len);
/** Close; 0 on success. */
int sunatm_close(FILE *f);

#endif
