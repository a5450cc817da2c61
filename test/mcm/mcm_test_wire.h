/* SPDX-License-Identifier: BSD-3-Clause
 * A wire the test carries by hand: an mcm port over a net_ring port whose rings the test
 * moves frames between, so that it sees (and may forge) every PW frame. Used by the programs
 * that check the wire format (test_mcm_sdu.c, test_mcm_routed.c).
 */
#ifndef MCM_TEST_WIRE_H
#define MCM_TEST_WIRE_H

#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include <rte_bus_vdev.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "mcm_test.h"
#include "rte_pmd_mcm.h"

/* EAL for a wire test: one lcore, no hugepages or PCI, a file prefix of @p tag and the pid
 * (its telemetry socket in the runtime folder), the driver's warnings. @return 0, or -1
 * (said)
 */
static inline int
wire_eal_init(char *argv0, const char *tag)
{
	static char prefix[64];
	char *eal[] = { argv0, "-l", "0", "--no-huge", "-m", "512", "--no-pci",
			"--file-prefix", prefix, "--log-level", "pmd.net.mcm:warning", NULL };

	setvbuf(stdout, NULL, _IOLBF, 0);
	snprintf(prefix, sizeof(prefix), "%s-%d", tag, getpid());
	if (rte_eal_init((int)RTE_DIM(eal) - 1, eal) < 0) {
		printf("FAIL: rte_eal_init\n");
		return -1;
	}
	return 0;
}

/* A net_ring port @p name of one queue pair on two new rings, *rx (what it receives) and *tx
 * (what it sends); its port id in *low. @return 0, or -1
 */
static inline int
wire_ring_port(const char *name, struct rte_ring **rx, struct rte_ring **tx, uint16_t *low)
{
	char rn[32];
	int lower;

	snprintf(rn, sizeof(rn), "%s_rx", name);
	*rx = rte_ring_create(rn, 2048, (int)rte_socket_id(), RING_F_SP_ENQ | RING_F_SC_DEQ);
	snprintf(rn, sizeof(rn), "%s_tx", name);
	*tx = rte_ring_create(rn, 2048, (int)rte_socket_id(), RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (*rx == NULL || *tx == NULL)
		return -1;
	lower = rte_eth_from_rings(name, rx, 1, tx, 1, rte_socket_id());
	if (lower < 0)
		return -1;
	*low = (uint16_t)lower;
	return 0;
}

/* mcm port @p mcm over lower port @p low, with signalling off and the devargs @p more (""
 * for none), one queue pair on @p mp, started; its id in *port. @return 0, or -1
 */
static inline int
wire_mcm_port(const char *mcm, uint16_t low, const char *more, struct rte_mempool *mp,
	      uint16_t *port)
{
	char name[RTE_ETH_NAME_MAX_LEN], args[192];

	if (rte_eth_dev_get_name_by_port(low, name) != 0)
		return -1;
	snprintf(args, sizeof(args), "lower=%s,sig=off%s%s", name, *more ? "," : "", more);
	if (rte_vdev_init(mcm, args) != 0 || rte_eth_dev_get_port_by_name(mcm, port) != 0)
		return -1;
	return test_port_up(*port, 1, mp);
}

/* The rings of a wire test's two ends: what A receives and sends, and B. */
struct wire_rings {
	struct rte_ring *a_rx, *a_tx, *b_rx, *b_tx;
};

/* The two ends of a wire test: ring ports TAG_a and TAG_b (their rings in @p r) and an mcm
 * port on each, net_mcm0 and net_mcm1, with the devargs @p more (wire_mcm_port), ids in *pa
 * and *pb. @return 0, or -1
 */
static inline int
wire_ends_open(const char *tag, const char *more, struct rte_mempool *mp,
	       struct wire_rings *r, uint16_t *pa, uint16_t *pb)
{
	char name[32];
	uint16_t low_a, low_b;

	snprintf(name, sizeof(name), "%s_a", tag);
	if (wire_ring_port(name, &r->a_rx, &r->a_tx, &low_a) != 0)
		return -1;
	snprintf(name, sizeof(name), "%s_b", tag);
	if (wire_ring_port(name, &r->b_rx, &r->b_tx, &low_b) != 0)
		return -1;
	if (wire_mcm_port("net_mcm0", low_a, more, mp, pa) != 0 ||
	    wire_mcm_port("net_mcm1", low_b, more, mp, pb) != 0)
		return -1;
	return 0;
}

/* wire_ends_open undone: both mcm ports (their ring ports with them) and the rings.
 * @return 0, or -1 if a port did not stop or close
 */
static inline int
wire_ends_close(uint16_t pa, uint16_t pb, const struct wire_rings *r)
{
	int rc = rte_eth_dev_stop(pa) == 0 && rte_eth_dev_close(pa) == 0 &&
		 rte_eth_dev_stop(pb) == 0 && rte_eth_dev_close(pb) == 0 ? 0 : -1;

	rte_ring_free(r->a_rx);
	rte_ring_free(r->a_tx);
	rte_ring_free(r->b_rx);
	rte_ring_free(r->b_tx);
	return rc;
}

/* A 32-bit big-endian field of a frame. */
static inline uint32_t
wire_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Move what @p from sent to @p to, as much as @p to has room for (the rest waits, as on a
 * wire with flow control), each frame shown to @p look first if not NULL. @return frames
 * moved
 */
static inline unsigned int
wire_carry(struct rte_ring *from, struct rte_ring *to, void (*look)(const struct rte_mbuf *))
{
	void *f[64];
	unsigned int n = rte_ring_dequeue_burst(from, f, RTE_MIN(RTE_DIM(f),
						rte_ring_free_count(to)), NULL), k;

	for (k = 0; look != NULL && k < n; k++)
		look(f[k]);
	k = rte_ring_enqueue_burst(to, f, n, NULL);
	while (k < n)
		rte_pktmbuf_free(f[k++]);
	return n;
}

/* A frame @p m sent by the application on @p vc of @p port, as it came out on the wire's
 * ring @p tx (NULL: refused or none).
 */
static inline struct rte_mbuf *
wire_frame_of(uint16_t port, struct rte_ring *tx, rte_pmd_mcm_vc_t vc, struct rte_mbuf *m)
{
	void *f = NULL;

	rte_pmd_mcm_mbuf_set_vc(m, vc);
	if (rte_eth_tx_burst(port, 0, &m, 1) != 1) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	if (rte_ring_dequeue(tx, &f) != 0)
		return NULL;
	return f;
}

/* Bursts on @p port until a frame comes, or until it is quiet (test_rx_quiet): its lower
 * ring @p rx empty and nothing for 20 ms. @return the frames received into @p b (at most @p n)
 */
static inline uint16_t
wire_rx_wait(uint16_t port, struct rte_ring *rx, struct rte_mbuf **b, uint16_t n)
{
	uint64_t t0 = now_ms(), last = t0;
	uint16_t r = 0;

	while (r < n && now_ms() - t0 < 1000) {
		r += rte_eth_rx_burst(port, 0, b + r, n - r);
		if (rte_ring_count(rx) > 0)
			last = now_ms();
		else if (r > 0 || test_rx_quiet(rx, last))
			break;
		else
			rte_delay_us_sleep(200);
	}
	return r;
}

/* Bursts on @p port (wire_rx_wait) until @p n frames came into @p out or it is quiet.
 * @return how many
 */
static inline unsigned int
wire_rx_all(uint16_t port, struct rte_ring *rx, struct rte_mbuf **out, unsigned int n)
{
	unsigned int r = 0;
	uint16_t got;

	while (r < n && (got = wire_rx_wait(port, rx, out + r, (uint16_t)(n - r))) > 0)
		r += got;
	return r;
}

#endif /* MCM_TEST_WIRE_H */
