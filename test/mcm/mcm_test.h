/* SPDX-License-Identifier: BSD-3-Clause
 * Helpers shared by the mcm suite's programs (EAL in process, mcm ports over memif):
 * random numbers, test frames that check themselves, port set-up and xstats by name.
 */
#ifndef MCM_TEST_H
#define MCM_TEST_H

#include <stdint.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_mbuf.h>

static uint64_t test_rng = 88172645463325252ULL;

/* xorshift64: reproducible from run to run */
static inline uint32_t
rnd(void)
{
	test_rng ^= test_rng << 13;
	test_rng ^= test_rng >> 7;
	test_rng ^= test_rng << 17;
	return (uint32_t)test_rng;
}

/* A frame of @p len bytes from @p mp: Ethernet header (destination @p dst, or 02:02:..
 * when NULL), a 4-byte sequence, a 4-byte length, then a pattern of the sequence.
 */
static inline struct rte_mbuf *
test_frame_make(struct rte_mempool *mp, uint32_t len, uint32_t seq,
		const struct rte_ether_addr *dst)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	uint8_t *p;
	uint32_t i;

	if (m == NULL)
		return NULL;
	p = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)len);
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	if (dst != NULL)
		memcpy(p, dst, 6);
	else
		memset(p, 0x02, 6);
	memset(p + 6, 0x02, 6);
	p[12] = 0x88;
	p[13] = 0xb5;
	memcpy(p + 14, &seq, 4);
	memcpy(p + 18, &len, 4);
	for (i = 22; i < len; i++)
		p[i] = (uint8_t)(seq * 7 + i);
	return m;
}

/* True if @p m is a whole frame of test_frame_make(); its sequence goes to *seq. */
static inline int
test_frame_ok(const struct rte_mbuf *m, uint32_t *seq)
{
	const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
	uint32_t len, i;

	if (m->nb_segs != 1 || m->pkt_len < 22)
		return 0;
	memcpy(seq, p + 14, 4);
	memcpy(&len, p + 18, 4);
	if (len != m->pkt_len)
		return 0;
	for (i = 22; i < len; i++)
		if (p[i] != (uint8_t)(*seq * 7 + i))
			return 0;
	return 1;
}

/* Configure @p port with @p nq queue pairs of 512 descriptors on @p mp and start it. */
static inline int
test_port_up(uint16_t port, uint16_t nq, struct rte_mempool *mp)
{
	struct rte_eth_conf conf;
	uint16_t q;
	int rc;

	memset(&conf, 0, sizeof(conf));
	rc = rte_eth_dev_configure(port, nq, nq, &conf);
	for (q = 0; q < nq && rc == 0; q++) {
		rc = rte_eth_rx_queue_setup(port, q, 512, rte_socket_id(), NULL, mp);
		if (rc == 0)
			rc = rte_eth_tx_queue_setup(port, q, 512, rte_socket_id(), NULL);
	}
	if (rc == 0)
		rc = rte_eth_dev_start(port);
	return rc;
}

/* An xstat of @p port by name (0 if it has none of that name). */
static inline uint64_t
xstat(uint16_t port, const char *name)
{
	uint64_t id, v = 0;

	if (rte_eth_xstats_get_id_by_name(port, name, &id) == 0)
		rte_eth_xstats_get_by_id(port, &id, &v, 1);
	return v;
}

#endif /* MCM_TEST_H */
