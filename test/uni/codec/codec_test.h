/* SPDX-License-Identifier: BSD-3-Clause
 * Check helpers shared by the UNI codec tests.
 */
#ifndef CODEC_TEST_H
#define CODEC_TEST_H

#include "mcm_check.h"

#endif
