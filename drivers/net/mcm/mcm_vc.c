/* SPDX-License-Identifier: BSD-3-Clause
 * The port's VC table: the framework registry (lib/condis) is the authority; this file
 * publishes its active VCs to the data path and takes them out safely.
 *
 * Publication scheme (DESIGN.md "Threads"): the data path looks a VC up with acquire loads
 * (vpi_map[vpi] -> directory entry of vci >> 12 -> the slot itself when the chunk is affine,
 * else entry[vci & 4095] = slot + 1; mcm_vci_dir) and reads the slot's mcm_vc_rt. A VC is
 * written completely before it is made active (release), and made active before its map
 * entry is stored (release); in an affine chunk being active in its slot is what maps it.
 * To remove one, it is made inactive and its map entry cleared, then
 * rte_rcu_qsbr_synchronize() waits until every rx/tx burst that might still hold the slot
 * has returned (bursts are RCU read-side sections, online only while they run); only then
 * are its per-queue reassembly entry and counters released and the slot reused.
 * Everything here runs on the control thread, or at probe/close, with port->lock held.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_malloc.h>

#include "mcm_private.h"

/*
 * Set @p key to @p value in the map whose directory (of @p nchunks chunks) *@p dirp points
 * to, making the directory and the chunk when first needed (clearing a key makes nothing).
 * Readers see a chunk whole before its pointer (release), and a slot's data before its
 * entry.
 */
static int
map_store(uint32_t ***dirp, unsigned int nchunks, uint32_t key, uint32_t value)
{
	uint32_t **dir = *dirp;
	uint32_t *chunk;

	if (dir == NULL) {
		if (value == 0)
			return 0;
		dir = rte_zmalloc("mcm_map_dir", sizeof(*dir) * nchunks, 0);
		if (dir == NULL)
			return -ENOMEM;
		__atomic_store_n(dirp, dir, __ATOMIC_RELEASE);
	}
	chunk = dir[key >> MCM_MAP_CHUNK_BITS];
	if (chunk == NULL) {
		if (value == 0)
			return 0;
		chunk = rte_zmalloc("mcm_map_chunk", sizeof(*chunk) * MCM_MAP_CHUNK, 0);
		if (chunk == NULL)
			return -ENOMEM;
		__atomic_store_n(&dir[key >> MCM_MAP_CHUNK_BITS], chunk, __ATOMIC_RELEASE);
	}
	__atomic_store_n(&chunk[key & (MCM_MAP_CHUNK - 1)], value, __ATOMIC_RELEASE);
	return 0;
}

/* A VPI's VCI directory and its map chunks (affine entries hold none). */
static void
vci_dir_free(struct mcm_vci_dir **dirp)
{
	struct mcm_vci_dir *dir = *dirp;
	unsigned int c;

	if (dir == NULL)
		return;
	for (c = 0; c < MCM_VCI_CHUNKS; c++)
		if (!(dir->chunk[c] & MCM_VCI_AFFINE))
			rte_free((void *)dir->chunk[c]);
	rte_free(dir);
	*dirp = NULL;
}

/*
 * The map chunk of VPI @p vpi's chunk @p c, affine with entry @p e until now: an entry for
 * each VC active in the slot the entry gives it, as the data path sees them. A VC made
 * inactive has none (as mcm_vc_unpublish clears a map entry).
 */
static uint32_t *
vci_chunk_expand(const struct mcm_port *port, uint16_t vpi, uint32_t c, uintptr_t e)
{
	uint32_t *chunk = rte_zmalloc("mcm_map_chunk", sizeof(*chunk) * MCM_MAP_CHUNK, 0);
	const uint32_t key0 = (uint32_t)vpi << 16 | c << MCM_MAP_CHUNK_BITS;
	uint32_t off, slot;

	if (chunk == NULL)
		return NULL;
	for (off = 0; off < MCM_MAP_CHUNK; off++) {
		slot = mcm_vci_affine_slot(e, off);
		if (slot < port->cfg.max_vcs && mcm_vc_slot_holds(port, slot, key0 | off))
			chunk[off] = slot + 1;
	}
	return chunk;
}

/*
 * Map @p vpi/@p vci to @p slot, where the VC is already active (mcm_vc_publish): nothing to
 * store when its chunk is affine and the slot is the one the chunk gives it, or the chunk
 * holds no VC (it takes this VC's base); else an entry in the chunk's map, made from the
 * affine entry when the VC breaks its rule (mcm_vci_dir).
 */
static int
vci_map_set(struct mcm_port *port, uint16_t vpi, uint16_t vci, uint32_t slot)
{
	struct mcm_vci_dir *dir = port->vpi_map[vpi];
	const uint32_t c = vci >> MCM_MAP_CHUNK_BITS, off = vci & (MCM_MAP_CHUNK - 1);
	uint32_t *chunk;
	uintptr_t e;

	if (dir == NULL) {
		dir = rte_zmalloc("mcm_vci_dir", sizeof(*dir), 0);
		if (dir == NULL)
			return -ENOMEM;
		__atomic_store_n(&port->vpi_map[vpi], dir, __ATOMIC_RELEASE);
	}
	e = dir->chunk[c];
	if (e == 0 || ((e & MCM_VCI_AFFINE) && dir->nvcs[c] == 0)) {
		__atomic_store_n(&dir->chunk[c], mcm_vci_affine(slot, off), __ATOMIC_RELEASE);
	} else if (e & MCM_VCI_AFFINE) {
		if (mcm_vci_affine_slot(e, off) != slot) {
			chunk = vci_chunk_expand(port, vpi, c, e);
			if (chunk == NULL)
				return -ENOMEM;
			chunk[off] = slot + 1;
			__atomic_store_n(&dir->chunk[c], (uintptr_t)chunk, __ATOMIC_RELEASE);
		}
	} else {
		__atomic_store_n(&((uint32_t *)e)[off], slot + 1, __ATOMIC_RELEASE);
	}
	dir->nvcs[c]++;
	return 0;
}

/* Unmap @p vpi/@p vci, mapped by vci_map_set and made inactive since. */
static void
vci_map_clear(struct mcm_port *port, uint16_t vpi, uint16_t vci)
{
	struct mcm_vci_dir *dir = port->vpi_map[vpi];
	const uint32_t c = vci >> MCM_MAP_CHUNK_BITS;
	uintptr_t e = dir->chunk[c];

	if (!(e & MCM_VCI_AFFINE))
		__atomic_store_n(&((uint32_t *)e)[vci & (MCM_MAP_CHUNK - 1)], 0, __ATOMIC_RELEASE);
	dir->nvcs[c]--;
}

int
mcm_vc_slot_hint(const struct mcm_port *port, uint16_t vpi, uint16_t vci)
{
	const uintptr_t e = mcm_vci_entry(port, vpi, vci);
	uint32_t slot;

	if (!(e & MCM_VCI_AFFINE))
		return -1;   /* no VC in the chunk yet (any slot starts it), or a map already */
	slot = mcm_vci_affine_slot(e, vci & (MCM_MAP_CHUNK - 1));
	return slot < port->cfg.max_vcs ? (int)slot : -1;
}

int
mcm_vc_table_init(struct mcm_port *port)
{
	const size_t nchunks = MCM_SLOT_CHUNKS(port->cfg.max_vcs);

	port->reg = mcm_condis_create(port->cfg.max_vcs);
	port->slots = rte_zmalloc("mcm_vc_slots", sizeof(*port->slots) * port->cfg.max_vcs,
				  RTE_CACHE_LINE_SIZE);
	port->vc_oam = rte_zmalloc("mcm_vc_oam", sizeof(*port->vc_oam) * nchunks, 0);
	port->vc_fault = rte_zmalloc("mcm_vc_fault", sizeof(*port->vc_fault) * nchunks, 0);
	port->vc_pw = rte_zmalloc("mcm_vc_pw", sizeof(*port->vc_pw) * nchunks, 0);
	if (port->reg == NULL || port->slots == NULL || port->vc_oam == NULL ||
	    port->vc_fault == NULL || port->vc_pw == NULL)
		return -ENOMEM;
	port->default_vc = MCM_NO_VC;
	return 0;
}

void
mcm_vc_slots_clear(struct mcm_port *port, size_t off, size_t len)
{
	uint32_t slot;

	for (slot = 0; slot < port->cfg.max_vcs; slot++)
		memset((uint8_t *)&port->slots[slot] + off, 0, len);
}

void
mcm_vc_table_free(struct mcm_port *port)
{
	unsigned int i;

	for (i = 0; i <= MCM_ATM_VPI_MAX; i++)
		vci_dir_free(&port->vpi_map[i]);
	rte_free(port->macs);
	port->macs = NULL;
	mcm_chunks_free((void ***)&port->label_map, MCM_LABEL_CHUNKS);
	rte_free(port->slots);
	port->slots = NULL;
	mcm_chunks_free((void ***)&port->vc_oam, MCM_SLOT_CHUNKS(port->cfg.max_vcs));
	mcm_chunks_free((void ***)&port->vc_fault, MCM_SLOT_CHUNKS(port->cfg.max_vcs));
	mcm_chunks_free((void ***)&port->vc_pw, MCM_SLOT_CHUNKS(port->cfg.max_vcs));
	mcm_condis_destroy(port->reg);
	port->reg = NULL;
}

void *
mcm_slot_record(void **dir, uint32_t slot, size_t size, bool make)
{
	void **chunk = &dir[slot >> MCM_SLOT_CHUNK_BITS];
	uint8_t *c = __atomic_load_n(chunk, __ATOMIC_ACQUIRE);

	if (c == NULL && make) {
		void *expected = NULL;

		c = rte_zmalloc("mcm_vc_chunk", size * MCM_SLOT_CHUNK, 0);
		if (c == NULL)
			return NULL;
		/* readers (in another process too) see the chunk zeroed before its pointer; of
		 * two threads making it at once, one keeps its chunk
		 */
		if (!__atomic_compare_exchange_n(chunk, &expected, c, false, __ATOMIC_ACQ_REL,
						 __ATOMIC_ACQUIRE)) {
			rte_free(c);
			c = expected;
		}
	}
	return c == NULL ? NULL : c + (size_t)(slot & (MCM_SLOT_CHUNK - 1)) * size;
}

void
mcm_chunks_free(void ***dirp, uint32_t nchunks)
{
	void **dir = *dirp;
	uint32_t i;

	if (dir == NULL)
		return;
	for (i = 0; i < nchunks; i++)
		rte_free(dir[i]);
	rte_free(dir);
	*dirp = NULL;
}

struct rte_pmd_mcm_vc_oam_stats *
mcm_vc_oam(struct mcm_port *port, uint32_t slot, bool make)
{
	return mcm_slot_record((void **)port->vc_oam, slot, sizeof(**port->vc_oam), make);
}

struct mcm_vc_fault *
mcm_vc_fault(struct mcm_port *port, uint32_t slot, bool make)
{
	return mcm_slot_record((void **)port->vc_fault, slot, sizeof(**port->vc_fault), make);
}

void
mcm_vc_synchronize(struct mcm_port *port)
{
	if (port->qsbr != NULL)
		rte_rcu_qsbr_synchronize(port->qsbr, RTE_QSBR_THRID_INVALID);
}

/* An AAL5 SDU mode VC's label: 0 when it may be taken, else why not. RFC 3032 2.1 reserves
 * labels 0..15; the port's N:1 pseudowire and the other SDU mode VCs have theirs.
 */
static int
sdu_label_check(const struct mcm_port *port, uint32_t label)
{
	if (label < 16 || label > MCM_PW_LABEL_MAX || label == port->cfg.pw_label)
		return -EINVAL;
	return mcm_vc_lookup_label(port, label) >= 0 ? -EADDRINUSE : 0;
}

/*
 * AAL5 CPCS-SDU mode (RFC 4717 9): the VC has a pseudowire of its own, label @p label, and
 * each SDU travels whole in one PW frame; or AAL5 PDU frame mode (RFC 4717 10, @p pdu): the
 * same with the CPCS-PDU (pad and trailer) in PW frames of whole 48-byte blocks. Its label is
 * published for RX before the VC is active; it must be neither the port's N:1 label nor
 * another VC's.
 */
static int
sdu_mode_set(struct mcm_port *port, uint32_t slot, uint32_t label, bool pdu)
{
	struct mcm_vc_pw *pw;
	uint32_t mtu = mcm_lower_mtu(port), room;
	int rc = sdu_label_check(port, label);

	if (rc != 0)
		return rc;
	pw = mcm_slot_record((void **)port->vc_pw, slot, sizeof(*pw), true);
	if (pw == NULL)
		return -ENOMEM;
	/* what one frame of the lower port carries after the label and the control word */
	room = mtu > 4 + MCM_CW_LEN ? mtu - 4 - MCM_CW_LEN : 0;
	pw->max = (uint16_t)RTE_MIN(room, (uint32_t)UINT16_MAX);
	if (pdu)   /* fragments of whole 48-byte blocks (RFC 4717 10.1) */
		pw->max -= pw->max % MCM_ATM_CELL_PAYLOAD;
	pw->lse = rte_cpu_to_be_32(label << 12 | 1u << 8 | 255u);
	mcm_vc_rt(port, slot)->pw_mode = pdu ? MCM_VC_PW_PDU : MCM_VC_PW_SDU;
	return map_store(&port->label_map, MCM_LABEL_CHUNKS, label, slot + 1);
}

int
mcm_vc_publish(struct mcm_port *port, uint32_t slot, const struct mcm_condis_media *m)
{
	struct mcm_vc_rt *rt = mcm_vc_rt(port, slot);
	int rc;

	if (m->encap > MCM_ENCAP_VCMUX_ROUTED)
		return -EINVAL;
	rt->encap = m->encap;
	/* what the driver adds and strips: a routed VC's raw SDUs carry their own header */
	rt->hlen = mcm_encap_routed(m->encap) ? 0 :
		   (uint8_t)mcm_rfc2684_hdr_len((enum mcm_encap)m->encap);
	rt->hdr_word = mcm_atm_cell_hdr_word(m->vpi, m->vci, 0, 0);
	rt->pw_mode = MCM_VC_PW_CELLS;
	mcm_oam_vc_reset(port, slot);
	if (m->pw_label != 0) {
		rc = sdu_mode_set(port, slot, m->pw_label, m->pw_pdu);
		if (rc != 0)
			return rc;
	}
	__atomic_store_n(&rt->active, 1, __ATOMIC_RELEASE);
	rc = vci_map_set(port, m->vpi, m->vci, slot);
	if (rc != 0) {
		__atomic_store_n(&rt->active, 0, __ATOMIC_RELEASE);
		if (m->pw_label != 0)
			map_store(&port->label_map, MCM_LABEL_CHUNKS, m->pw_label, 0);
		return rc;
	}
	if (m->pw_label != 0)
		MCM_LOG(INFO, "port %u: VC %u/%u active (%s, AAL5 %s mode, PW label %u)",
			port->port_id, m->vpi, m->vci, mcm_encap_name((enum mcm_encap)m->encap),
			m->pw_pdu ? "PDU" : "SDU", m->pw_label);
	else
		MCM_LOG(INFO, "port %u: VC %u/%u active (%s)", port->port_id, m->vpi, m->vci,
			mcm_encap_name((enum mcm_encap)m->encap));
	return 0;
}

int
mcm_vc_pvc_add(struct mcm_port *port, uint16_t vpi, uint16_t vci, enum mcm_encap encap,
	       uint32_t label, bool pdu)
{
	struct mcm_condis_media media = {
		.aal = 5, .encap = (uint8_t)encap, .max_sdu = mcm_port_max_sdu(port), .pcr = 0,
		.vpi = vpi, .vci = vci, .pw_label = label, .pw_pdu = label != 0 && pdu,
	};
	mcm_condis_handle_t vc;
	int rc;

	if ((unsigned int)encap > MCM_ENCAP_VCMUX_ROUTED)
		return -EINVAL;
	if (vpi > MCM_ATM_VPI_MAX)
		return -EINVAL;
	/* said before the framework creates anything; publishing checks it again */
	rc = label != 0 ? sdu_label_check(port, label) : 0;
	if (rc != 0)
		return rc;
	/* through the framework: the call manager creates it, the MCM activates it with its
	 * media parameters (DESIGN.md: PVCs by the same path as switched VCs)
	 */
	return mcm_condis_pvc_create(port->reg, 0, vpi, vci, &media, &vc);
}

/* Publish a new MAC table: the old one less the bindings to @p drop_vc (MCM_NO_VC: none)
 * and @p del_key, plus @p add_key -> @p add_vc; free the old one after a grace period.
 */
static int
mac_table_replace(struct mcm_port *port, uint32_t drop_vc, const uint64_t *add_key,
		  uint32_t add_vc, const uint64_t *del_key);

/* After the grace period of an unpublish: what the queues held for @p slot, then the slot. */
static void
slot_release(struct mcm_port *port, uint32_t slot)
{
	uint32_t q;

	for (q = 0; q < port->nb_rxq; q++)
		if (port->rxq[q] != NULL) {
			/* the control thread may be polling it for the application */
			rte_spinlock_lock(&port->rxq[q]->lock);
			mcm_rxq_forget_slot(port->rxq[q], slot);
			rte_spinlock_unlock(&port->rxq[q]->lock);
		}
	for (q = 0; q < port->nb_txq; q++)
		if (port->txq[q] != NULL)
			mcm_txq_forget_slot(port->txq[q], slot);
	memset(mcm_vc_rt(port, slot), 0, sizeof(struct mcm_vc_rt));
}

int
mcm_vc_unpublish(struct mcm_port *port, uint32_t slot)
{
	const struct mcm_condis_vc *cvc = mcm_condis_vc_get(port->reg, slot);
	struct mcm_vc_rt *rt;
	bool mapped;
	uint32_t vc;

	if (cvc == NULL)
		return -ENOENT;
	vc = rte_pmd_mcm_vc(cvc->vpi, cvc->vci);
	rt = mcm_vc_rt(port, slot);
	/* stop sends, unmap, wait for the readers, then free what the queues held */
	mapped = rt->active != 0;
	__atomic_store_n(&rt->active, 0, __ATOMIC_RELEASE);
	if (__atomic_load_n(&port->default_vc, __ATOMIC_RELAXED) == vc)
		__atomic_store_n(&port->default_vc, MCM_NO_VC, __ATOMIC_RELEASE);
	if (mapped)
		vci_map_clear(port, cvc->vpi, cvc->vci);
	if (cvc->media.pw_label != 0)
		map_store(&port->label_map, MCM_LABEL_CHUNKS, cvc->media.pw_label, 0);
	/* a new MAC table (and a grace period) only when a binding names the VC */
	if (mcm_vc_mac_bindings(port, vc) > 0 && mac_table_replace(port, vc, NULL, 0, NULL) != 0)
		MCM_LOG(WARNING, "port %u: MAC bindings of %u/%u kept (no memory)",
			port->port_id, cvc->vpi, cvc->vci);
	MCM_LOG(INFO, "port %u: VC %u/%u inactive", port->port_id, cvc->vpi, cvc->vci);
	if (port->unpub_slots != NULL) {   /* a range delete: released after all of them */
		port->unpub_slots[port->nunpub++] = slot;
		return 0;
	}
	mcm_vc_synchronize(port);
	slot_release(port, slot);
	return 0;
}

int
mcm_vc_pvc_del(struct mcm_port *port, uint16_t vpi, uint16_t vci)
{
	const struct mcm_condis_vc *cvc;
	int slot;

	if (vci < MCM_ATM_VCI_FIRST_USER)
		return -EPERM;
	slot = mcm_condis_vc_find(port->reg, vpi, vci);
	if (slot < 0)
		return slot;
	cvc = mcm_condis_vc_get(port->reg, slot);
	if (cvc->origin != MCM_CONDIS_VC_PVC)
		return -ENOENT;
	return mcm_condis_pvc_delete(port->reg, mcm_condis_vc_handle(port->reg, slot));
}

/* VC @p i of a range from @p vpi/@p vci (the numbering of a hash binding, mcm_hash_vc) */
static void
range_vc(uint16_t vpi, uint16_t vci, uint32_t i, uint16_t *ovpi, uint16_t *ovci)
{
	uint32_t vc = mcm_hash_vc(rte_pmd_mcm_vc(vpi, vci), i);

	*ovpi = (uint16_t)rte_pmd_mcm_vc_vpi(vc);
	*ovci = (uint16_t)rte_pmd_mcm_vc_vci(vc);
}

int
mcm_vc_pvc_add_range(struct mcm_port *port, uint16_t vpi, uint16_t vci, uint32_t from,
		     uint32_t count, enum mcm_encap encap)
{
	uint16_t v, c;
	uint32_t i;
	int rc;

	if (count == 0 || from > MCM_MAX_VCS)
		return -EINVAL;
	rc = mcm_pvc_range_check(vpi, vci, from + count);
	if (rc != 0)
		return rc;
	if (count > mcm_condis_capacity(port->reg) - mcm_condis_count(port->reg))
		return -ENOSPC;
	for (i = 0; i < count && rc == 0; i++) {
		range_vc(vpi, vci, from + i, &v, &c);
		rc = mcm_vc_pvc_add(port, v, c, encap, 0, false);
	}
	if (rc != 0 && i > 1)   /* all or none: the ones made go again */
		mcm_vc_pvc_del_range(port, vpi, vci, from, i - 1);
	return rc;
}

int
mcm_vc_pvc_del_range(struct mcm_port *port, uint16_t vpi, uint16_t vci, uint32_t from,
		     uint32_t count)
{
	uint16_t v, c;
	uint32_t i;
	int rc, first = 0;

	if (count == 0 || from > MCM_MAX_VCS)
		return -EINVAL;
	rc = mcm_pvc_range_check(vpi, vci, from + count);
	if (rc != 0)
		return rc;
	/* each VC is unpublished (unmapped) at once; one grace period then covers them all
	 * before their slots' queue state is released (mcm_vc_unpublish)
	 */
	port->unpub_slots = malloc(sizeof(*port->unpub_slots) * count);  /* NULL: one by one */
	port->nunpub = 0;
	/* last first: the registry reuses the freed slots last in, first out, so the same range
	 * added again takes the same slots, in VCI order (an affine VCI chunk, mcm_vci_dir)
	 */
	for (i = count; i-- > 0;) {
		range_vc(vpi, vci, from + i, &v, &c);
		rc = mcm_vc_pvc_del(port, v, c);
		if (rc != 0 && first == 0)
			first = rc;
	}
	if (port->unpub_slots != NULL) {
		mcm_vc_synchronize(port);
		for (i = 0; i < port->nunpub; i++)
			slot_release(port, port->unpub_slots[i]);
		free(port->unpub_slots);
		port->unpub_slots = NULL;
		port->nunpub = 0;
	}
	return first;
}

uint16_t
mcm_vc_send_slot(struct mcm_port *port, uint32_t slot, struct rte_mbuf **pkts, uint16_t n)
{
	const struct mcm_condis_vc *cvc = mcm_condis_vc_get(port->reg, slot);
	struct mcm_tx_queue *txq = port->nb_txq > 0 ? port->txq[0] : NULL;
	uint16_t i;

	if (cvc == NULL || txq == NULL || !mcm_port_started(port))
		return 0;
	for (i = 0; i < n; i++)
		rte_pmd_mcm_mbuf_set_vc(pkts[i], rte_pmd_mcm_vc(cvc->vpi, cvc->vci));
	/* TX queue 0 is shared with the control thread: mcm_tx_burst takes its lock */
	return mcm_tx_burst(txq, pkts, n);
}

static int
active_client_vc(struct mcm_port *port, uint16_t vpi, uint16_t vci)
{
	if (vci < MCM_ATM_VCI_FIRST_USER)
		return -EPERM;
	return mcm_condis_vc_find(port->reg, vpi, vci);
}

int
mcm_vc_bind_default(struct mcm_port *port, uint16_t vpi, uint16_t vci)
{
	int slot = active_client_vc(port, vpi, vci);

	if (slot < 0)
		return slot;
	__atomic_store_n(&port->default_vc, rte_pmd_mcm_vc(vpi, vci), __ATOMIC_RELEASE);
	return 0;
}

int
mcm_vc_bind_hash(struct mcm_port *port, uint16_t vpi, uint16_t vci, uint32_t count)
{
	uint64_t v = 0;

	if (count != 0) {
		if (vci < MCM_ATM_VCI_FIRST_USER)
			return vpi > MCM_ATM_VPI_MAX ? -EINVAL : -EPERM;
		if (!mcm_hash_range_ok(vpi, vci, count))
			return -EINVAL;
		v = (uint64_t)rte_pmd_mcm_vc(vpi, vci) << 32 | count;
	}
	/* the VCs need not exist yet: a frame hashed to a missing one is dropped as having
	 * no VC, as it would be with no binding at all
	 */
	__atomic_store_n(&port->hash_bind, v, __ATOMIC_RELEASE);
	if (count != 0)
		MCM_LOG(INFO, "port %u: flows hashed over %u VCs from %u/%u", port->port_id,
			count, vpi, vci);
	return 0;
}

static int
mac_table_replace(struct mcm_port *port, uint32_t drop_vc, const uint64_t *add_key,
		  uint32_t add_vc, const uint64_t *del_key)
{
	struct mcm_mac_table *old = port->macs, *nt;
	uint32_t count = old ? old->count : 0, size = 16, i;

	if (add_key != NULL)
		count++;
	if (count > MCM_MAC_TABLE_MAX)
		return -ENOSPC;
	while (size < count * 2)
		size <<= 1;
	nt = rte_zmalloc("mcm_macs", sizeof(*nt) + size * sizeof(nt->e[0]), 0);
	if (nt == NULL)
		return -ENOMEM;
	nt->mask = size - 1;
	for (i = 0; old != NULL && i <= old->mask; i++) {
		uint64_t key = old->e[i].mac;
		uint32_t pos;

		if (key == 0 || old->e[i].vc == drop_vc || (add_key && key == *add_key) ||
		    (del_key && key == *del_key))
			continue;
		for (pos = mcm_mac_hash(key) & nt->mask; nt->e[pos].mac != 0;
		     pos = (pos + 1) & nt->mask)
			;
		nt->e[pos].mac = key;
		nt->e[pos].vc = old->e[i].vc;
		nt->count++;
	}
	if (add_key != NULL) {
		uint32_t pos;

		for (pos = mcm_mac_hash(*add_key) & nt->mask; nt->e[pos].mac != 0;
		     pos = (pos + 1) & nt->mask)
			;
		nt->e[pos].mac = *add_key;
		nt->e[pos].vc = add_vc;
		nt->count++;
	}
	__atomic_store_n(&port->macs, nt, __ATOMIC_RELEASE);
	mcm_vc_synchronize(port);
	rte_free(old);
	return 0;
}

int
mcm_vc_bind_mac(struct mcm_port *port, const struct rte_ether_addr *mac, uint16_t vpi,
		uint16_t vci)
{
	uint64_t key = mcm_mac_key(mac);
	int slot = active_client_vc(port, vpi, vci);

	if (slot < 0)
		return slot;
	return mac_table_replace(port, MCM_NO_VC, &key, rte_pmd_mcm_vc(vpi, vci), NULL);
}

int
mcm_vc_unbind_mac(struct mcm_port *port, const struct rte_ether_addr *mac)
{
	uint64_t key = mcm_mac_key(mac);
	struct mcm_mac_table *t = port->macs;
	uint32_t pos;

	if (t == NULL)
		return -ENOENT;
	for (pos = mcm_mac_hash(key) & t->mask; t->e[pos].mac != 0; pos = (pos + 1) & t->mask)
		if (t->e[pos].mac == key)
			return mac_table_replace(port, MCM_NO_VC, NULL, 0, &key);
	return -ENOENT;
}

uint32_t
mcm_vc_mac_bindings(struct mcm_port *port, uint32_t vc)
{
	struct mcm_mac_table *t = port->macs;
	uint32_t i, n = 0;

	for (i = 0; t != NULL && i <= t->mask; i++)
		if (t->e[i].mac != 0 && t->e[i].vc == vc)
			n++;
	return n;
}

void
mcm_vc_stats_sum(struct mcm_port *port, uint32_t slot, struct rte_pmd_mcm_vc_stats *st)
{
	unsigned int q;

	memset(st, 0, sizeof(*st));
	for (q = 0; q < port->nb_txq; q++) {
		const struct mcm_tx_queue *txq = port->txq[q];
		const struct mcm_vc_txstats *t;
		const struct mcm_vc_txerr *e;

		if (txq == NULL)
			continue;
		t = mcm_txq_vc_stats(txq, slot);
		st->tx_cells += MCM_STAT_GET(t->cells);
		st->tx_pdus += MCM_STAT_GET(t->pdus);
		st->tx_bytes += MCM_STAT_GET(t->bytes);
		e = mcm_slot_record((void **)txq->vc_err, slot, sizeof(*e), false);
		if (e != NULL)
			st->tx_drops += MCM_STAT_GET(e->drops);
	}
	for (q = 0; q < port->nb_rxq; q++) {
		const struct mcm_rx_queue *rxq = port->rxq[q];
		const struct mcm_vc_rxstats *r;
		const struct mcm_vc_rxerr *e;

		if (rxq == NULL)
			continue;
		r = mcm_rxq_vc_stats(rxq, slot);
		st->rx_cells += MCM_STAT_GET(r->cells);
		st->rx_pdus += MCM_STAT_GET(r->pdus);
		st->rx_bytes += MCM_STAT_GET(r->bytes);
		e = mcm_slot_record((void **)rxq->vc_err, slot, sizeof(*e), false);
		if (e == NULL)
			continue;
		st->rx_crc_errors += MCM_STAT_GET(e->crc);
		st->rx_len_errors += MCM_STAT_GET(e->len);
		st->rx_oversize += MCM_STAT_GET(e->oversize);
		st->rx_aborts += MCM_STAT_GET(e->aborts);
		st->rx_encap_errors += MCM_STAT_GET(e->encap);
		st->rx_nombuf += MCM_STAT_GET(e->nombuf);
	}
}

void
mcm_vc_info_fill(struct mcm_port *port, uint32_t slot, struct rte_pmd_mcm_vc_info *info)
{
	const struct mcm_condis_vc *vc = mcm_condis_vc_get(port->reg, slot);
	uint32_t key = rte_pmd_mcm_vc(vc->vpi, vc->vci);

	memset(info, 0, sizeof(*info));
	info->vpi = vc->vpi;
	info->vci = vc->vci;
	info->is_pvc = vc->origin == MCM_CONDIS_VC_PVC;
	switch (vc->state) {
	case MCM_CONDIS_VC_ACTIVE:
		info->state = RTE_PMD_MCM_VC_ACTIVE;
		break;
	case MCM_CONDIS_VC_DEACTIVATING:
		info->state = RTE_PMD_MCM_VC_DEACTIVATING;
		break;
	default:
		info->state = RTE_PMD_MCM_VC_CREATED;
		break;
	}
	/* enum mcm_encap and enum rte_pmd_mcm_encap number the four alike */
	info->encap = vc->media.encap;
	info->aal = vc->media.aal ? vc->media.aal : 5;
	info->max_sdu = vc->media.max_sdu;
	info->category = vc->media.category == MCM_CONDIS_CAT_CBR ? RTE_PMD_MCM_CBR :
			 vc->media.category == MCM_CONDIS_CAT_VBR ? RTE_PMD_MCM_VBR :
								    RTE_PMD_MCM_UBR;
	info->tx_pcr = vc->media.pcr;
	info->rx_pcr = vc->media.rx_pcr;
	info->is_default = __atomic_load_n(&port->default_vc, __ATOMIC_RELAXED) == key;
	info->mac_bindings = mcm_vc_mac_bindings(port, key);
	info->pw_label = vc->media.pw_label;
	info->pw_mode = vc->media.pw_label == 0 ? RTE_PMD_MCM_PW_CELLS :
			vc->media.pw_pdu ? RTE_PMD_MCM_PW_PDU : RTE_PMD_MCM_PW_SDU;
	mcm_oam_fault_info(port, slot, info);
}
