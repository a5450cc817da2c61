/* SPDX-License-Identifier: BSD-3-Clause
 * The devargs parser of net_mcm run with its log captured, for the programs that build
 * drivers/net/mcm/mcm_devargs.c in (test_mcm_devargs, fuzz_devargs): what it refuses must be
 * said in exactly one log line. Include after mcm_devargs.h and mcm_private.h.
 */
#ifndef MCM_DEVARGS_LOG_H
#define MCM_DEVARGS_LOG_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_log.h>

/* Parse @p args into @p cfg with the log going to @p log (@p size bytes, NUL-terminated);
 * @return the parser's result.
 */
static inline int
devargs_parse_logged(const char *args, struct mcm_config *cfg, char *log, size_t size)
{
	FILE *f;
	int rc;

	memset(log, 0, size);
	f = fmemopen(log, size - 1, "w");
	if (f == NULL)
		abort();
	rte_openlog_stream(f);
	rc = mcm_devargs_parse(args, cfg);
	fflush(f);
	rte_openlog_stream(NULL);
	fclose(f);
	return rc;
}

/* The number of lines in @p log. */
static inline unsigned int
devargs_log_lines(const char *log)
{
	unsigned int n = 0;

	for (; *log != '\0'; log++)
		n += *log == '\n';
	return n;
}

#endif /* MCM_DEVARGS_LOG_H */
