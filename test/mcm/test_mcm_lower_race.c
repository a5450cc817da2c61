/* SPDX-License-Identifier: BSD-3-Clause
 * Two mcm ports over a memif pair, each reconfigured again and again by its own thread, so
 * that one's memif connection handshakes keep landing while the other is being stopped,
 * configured and started.
 *
 * net_memif runs its control channel (the handshake with its peer) on EAL's interrupt thread
 * and takes no lock against the application's calls: a handshake message handled while the
 * port is being stopped or reconfigured reads queues that are gone, and the process crashes.
 * mcm stops, reconfigures and starts its lower port from dev_configure and dev_start, so it
 * runs those calls on the interrupt thread for such a lower port (doc/driver.md, "Lower
 * port"). It passes when nothing crashed, every call succeeded, both links come up once the
 * ports are left alone, and every mbuf is back.
 */
#include <pthread.h>

#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include "mcm_check.h"
#define MCM_TEST_CALLS
#include "mcm_test.h"
#include "rte_pmd_mcm.h"

#define ROUNDS 200

struct churn {
	uint16_t port;
	unsigned int done;
	int rc;
};

/* ROUNDS times: configure with one then two queue pairs, set the queues up, start, stop. */
static void *
churn_main(void *arg)
{
	struct churn *c = arg;
	unsigned int i;

	for (i = 0; i < ROUNDS; i++) {
		c->rc = test_port_up(c->port, (uint16_t)(1 + i % 2), mp);
		if (c->rc == 0)
			c->rc = rte_eth_dev_stop(c->port);
		if (c->rc != 0)
			break;
		c->done++;
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	uint16_t mem0 = RTE_MAX_ETHPORTS, mem1 = RTE_MAX_ETHPORTS;
	struct churn a = { .rc = 0 }, b = { .rc = 0 };
	pthread_t th;

	RTE_SET_USED(argc);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (calls_eal_init(argv[0], "mcm-lrace", "0") != 0 ||
	    make_memif_mcm_ports("mcm-lrace", &mem0, &mem1) != 0) {
		printf("FAIL: no ports\n");
		return test_summary() | 1;
	}
	a.port = pa;
	b.port = pb;
	printf("%u reconfigurations of each port, one thread a port\n", ROUNDS);
	if (pthread_create(&th, NULL, churn_main, &b) != 0) {
		printf("FAIL: pthread_create\n");
		return test_summary() | 1;
	}
	churn_main(&a);
	pthread_join(th, NULL);
	printf("  net_mcm0 %u rounds (%d), net_mcm1 %u rounds (%d)\n", a.done, a.rc, b.done,
	       b.rc);
	CHECK(a.done == ROUNDS && b.done == ROUNDS, "rounds: %u and %u of %u", a.done, b.done,
	      ROUNDS);
	/* left alone, the client connects once more and both links follow */
	CHECK(test_port_up(pa, 1, mp) == 0 && test_port_up(pb, 1, mp) == 0,
	      "ports up after the rounds");
	CHECK(test_wait_link(pa, 5000) == 0 && test_wait_link(pb, 5000) == 0,
	      "no link after the rounds");
	calls_close_ports(mem0, mem1);
	calls_finish();
	return test_summary();
}
