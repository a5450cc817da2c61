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
#include <inttypes.h>
#include <pthread.h>

#include <rte_bus_vdev.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include "mcm_check.h"
#include "mcm_test.h"
#include "rte_pmd_mcm.h"

#define ROUNDS 200

struct churn {
	uint16_t port;
	struct rte_mempool *mp;
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
		c->rc = test_port_up(c->port, (uint16_t)(1 + i % 2), c->mp);
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
	char sock[64], args[160], prefix[64];
	char *eal[] = { argv[0], "-l", "0", "--no-huge", "-m", "512", "--no-pci",
			"--file-prefix", prefix, "--log-level", "pmd.net.mcm:warning", NULL };
	struct churn a = { .rc = 0 }, b = { .rc = 0 };
	uint16_t mem0 = RTE_MAX_ETHPORTS, mem1 = RTE_MAX_ETHPORTS;
	struct rte_mempool *mp;
	uint32_t client;
	unsigned int in_use;
	pthread_t th;

	RTE_SET_USED(argc);
	setvbuf(stdout, NULL, _IOLBF, 0);
	snprintf(prefix, sizeof(prefix), "mcm-lrace-%d", getpid());
	if (rte_eal_init((int)RTE_DIM(eal) - 1, eal) < 0) {
		printf("FAIL: rte_eal_init\n");
		return 1;
	}
	snprintf(sock, sizeof(sock), "/run/mcm-lrace-%d.sock", getpid());
	snprintf(args, sizeof(args), "role=server,socket=%s", sock);
	CHECK(rte_vdev_init("net_memif0", args) == 0, "net_memif0");
	snprintf(args, sizeof(args), "role=client,socket=%s", sock);
	CHECK(rte_vdev_init("net_memif1", args) == 0, "net_memif1");
	CHECK(rte_eth_dev_get_port_by_name("net_memif0", &mem0) == 0 &&
	      rte_eth_dev_get_port_by_name("net_memif1", &mem1) == 0, "memif ports");
	CHECK(rte_vdev_init("net_mcm0", "lower=net_memif0,role=user") == 0, "net_mcm0");
	CHECK(rte_vdev_init("net_mcm1", "lower=net_memif1,role=network") == 0, "net_mcm1");
	if (rte_eth_dev_get_port_by_name("net_mcm0", &a.port) != 0 ||
	    rte_eth_dev_get_port_by_name("net_mcm1", &b.port) != 0) {
		printf("FAIL: no mcm ports\n");
		return test_summary() | 1;
	}
	/* an API call, and the driver linked in */
	CHECK(rte_pmd_mcm_client_open(a.port, &client) == 0, "client on net_mcm0");
	mp = rte_pktmbuf_pool_create("lrace_pool", 8191, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				     rte_socket_id());
	if (mp == NULL) {
		printf("FAIL: mempool\n");
		return test_summary() | 1;
	}
	a.mp = mp;
	b.mp = mp;
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
	CHECK(test_port_up(a.port, 1, mp) == 0 && test_port_up(b.port, 1, mp) == 0,
	      "ports up after the rounds");
	CHECK(test_wait_link(a.port, 5000) == 0 && test_wait_link(b.port, 5000) == 0,
	      "no link after the rounds");
	CHECK(rte_eth_dev_stop(a.port) == 0 && rte_eth_dev_stop(b.port) == 0, "stop");
	CHECK(rte_eth_dev_close(a.port) == 0 && rte_eth_dev_close(b.port) == 0, "close");
	if (rte_eth_dev_is_valid_port(mem0))
		CHECK(rte_eth_dev_close(mem0) == 0, "close net_memif0");
	if (rte_eth_dev_is_valid_port(mem1))
		CHECK(rte_eth_dev_close(mem1) == 0, "close net_memif1");
	in_use = rte_mempool_in_use_count(mp);
	CHECK(in_use == 0, "mempool in use %u after close", in_use);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return test_summary();
}
