/* SPDX-License-Identifier: BSD-3-Clause
 * The devargs parser of net_mcm run with its log captured, for the programs that build
 * drivers/net/mcm/mcm_devargs.c in (test_mcm_devargs, fuzz_devargs): what it refuses must be
 * said in exactly one log line. Include after mcm_devargs.h and mcm_private.h, once a program.
 */
#ifndef MCM_DEVARGS_LOG_H
#define MCM_DEVARGS_LOG_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_log.h>

/* The driver's log type (the driver's own file that defines it is not built in). */
int mcm_logtype = RTE_LOGTYPE_PMD;

/* The log of the last parse(): one buffer a program, NUL-terminated. */
static char logbuf[8192];

/* Parse @p args into @p cfg with the log going to logbuf; @return the parser's result. */
static inline int
parse(const char *args, struct mcm_config *cfg)
{
	FILE *f;
	int rc;

	memset(logbuf, 0, sizeof(logbuf));
	f = fmemopen(logbuf, sizeof(logbuf) - 1, "w");
	if (f == NULL)
		abort();
	rte_openlog_stream(f);
	rc = mcm_devargs_parse(args, cfg);
	fflush(f);
	rte_openlog_stream(NULL);
	fclose(f);
	return rc;
}

/* The number of lines the last parse() logged. */
static inline unsigned int
log_lines(void)
{
	const char *p;
	unsigned int n = 0;

	for (p = logbuf; *p != '\0'; p++)
		n += *p == '\n';
	return n;
}

#endif /* MCM_DEVARGS_LOG_H */
