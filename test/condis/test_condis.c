/* SPDX-License-Identifier: BSD-3-Clause
 * lib/condis: the VC registry's lifecycle rules (DESIGN.md "The roles").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "mcm_check.h"
#include "mcm_condis.h"


static const struct mcm_condis_media media = { .aal = 5, .encap = 0, .max_sdu = 1528 };

static void
test_reserved(void)
{
	struct mcm_condis *r = mcm_condis_create(16);
	unsigned int vci;

	for (vci = 0; vci < 32; vci++)
		CHECK(mcm_condis_vc_create(r, MCM_CONDIS_VC_PVC, 0, (uint16_t)vci) == -EPERM,
		      "VCI %u is the driver's", vci);
	CHECK(mcm_condis_vc_create(r, MCM_CONDIS_VC_MCM_SVC, 3, 5) == -EPERM, "3/5 too");
	CHECK(mcm_condis_vc_create(r, MCM_CONDIS_VC_PVC, 4096, 100) == -EPERM, "VPI 4096");
	CHECK(mcm_condis_vc_find(r, 0, 5) == -ENOENT, "0/5 never found");
	CHECK(mcm_condis_count(r) == 0, "nothing registered");
	mcm_condis_destroy(r);
}

static void
test_lifecycle(void)
{
	struct mcm_condis *r = mcm_condis_create(4);
	const struct mcm_condis_vc *vc;
	int s;

	s = mcm_condis_vc_create(r, MCM_CONDIS_VC_CLIENT_SVC, 1, 100);
	CHECK(s >= 0, "create");
	CHECK(mcm_condis_vc_create(r, MCM_CONDIS_VC_PVC, 1, 100) == -EEXIST, "duplicate");
	vc = mcm_condis_vc_get(r, (uint32_t)s);
	CHECK(vc != NULL && vc->state == MCM_CONDIS_VC_CREATED && vc->vpi == 1 &&
	      vc->vci == 100 && vc->origin == MCM_CONDIS_VC_CLIENT_SVC, "created");
	/* not active yet: deactivate and its completion are refused */
	CHECK(mcm_condis_vc_deactivate(r, (uint32_t)s) == -EBUSY, "deactivate inactive");
	CHECK(mcm_condis_vc_deactivate_complete(r, (uint32_t)s) == -EBUSY, "complete early");
	CHECK(mcm_condis_vc_activate(r, (uint32_t)s, &media) == 0, "activate");
	CHECK(vc->state == MCM_CONDIS_VC_ACTIVE && vc->media.max_sdu == 1528, "active");
	CHECK(mcm_condis_vc_activate(r, (uint32_t)s, &media) == -EBUSY, "activate twice");
	/* an active VC cannot be deleted: deactivation comes first */
	CHECK(mcm_condis_vc_delete(r, (uint32_t)s) == -EBUSY, "delete active");
	CHECK(mcm_condis_vc_deactivate(r, (uint32_t)s) == 0, "deactivate");
	CHECK(mcm_condis_vc_delete(r, (uint32_t)s) == -EBUSY, "delete while deactivating");
	CHECK(mcm_condis_vc_deactivate_complete(r, (uint32_t)s) == 0, "deactivated");
	CHECK(vc->state == MCM_CONDIS_VC_CREATED, "back to created");
	CHECK(mcm_condis_vc_delete(r, (uint32_t)s) == 0, "delete");
	CHECK(mcm_condis_vc_get(r, (uint32_t)s) == NULL, "gone");
	CHECK(mcm_condis_vc_delete(r, (uint32_t)s) == -ENOENT, "delete twice");
	CHECK(mcm_condis_vc_activate(r, 99, &media) == -ENOENT, "bad slot");
	CHECK(mcm_condis_count(r) == 0, "count");
	mcm_condis_destroy(r);
}

static void
test_capacity_and_order(void)
{
	enum { CAP = 1000 };
	struct mcm_condis *r = mcm_condis_create(CAP);
	uint32_t slots[CAP], n, i, k;
	int s;

	for (i = 0; i < CAP; i++) {
		/* scattered keys so the hash index sees collisions and clusters */
		s = mcm_condis_vc_create(r, MCM_CONDIS_VC_PVC, (uint16_t)(i * 37 % 4096),
					 (uint16_t)(32 + i * 7919 % 60000));
		CHECK(s >= 0, "create %u", i);
	}
	CHECK(mcm_condis_vc_create(r, MCM_CONDIS_VC_PVC, 9, 9999) == -ENOSPC, "full");
	/* delete every third, then every lookup still answers right */
	for (i = 0; i < CAP; i += 3) {
		s = mcm_condis_vc_find(r, (uint16_t)(i * 37 % 4096),
				       (uint16_t)(32 + i * 7919 % 60000));
		CHECK(s >= 0 && mcm_condis_vc_delete(r, (uint32_t)s) == 0, "delete %u", i);
	}
	for (i = 0, k = 0; i < CAP; i++) {
		s = mcm_condis_vc_find(r, (uint16_t)(i * 37 % 4096),
				       (uint16_t)(32 + i * 7919 % 60000));
		if ((i % 3 == 0) != (s == -ENOENT))
			k++;
	}
	CHECK(k == 0, "%u lookups wrong after deletes", k);
	CHECK(mcm_condis_count(r) == CAP - (CAP + 2) / 3, "count %u", mcm_condis_count(r));
	n = mcm_condis_vc_list(r, 0, slots, CAP);
	CHECK(n == mcm_condis_count(r), "list all %u", n);
	for (i = 1, k = 0; i < n; i++) {
		const struct mcm_condis_vc *a = mcm_condis_vc_get(r, slots[i - 1]);
		const struct mcm_condis_vc *b = mcm_condis_vc_get(r, slots[i]);

		if (((uint32_t)a->vpi << 16 | a->vci) >= ((uint32_t)b->vpi << 16 | b->vci))
			k++;
	}
	CHECK(k == 0, "list not in VPI/VCI order");
	CHECK(mcm_condis_vc_list(r, n - 5, slots, CAP) == 5, "paging");
	CHECK(mcm_condis_vc_list(r, n, slots, CAP) == 0, "past the end");
	mcm_condis_destroy(r);
	CHECK(mcm_condis_create(0) == NULL &&
	      mcm_condis_create(MCM_CONDIS_MAX_CAPACITY + 1) == NULL, "bad sizes");
}

/* The largest registry: slots past 65,535 are found, their handles round-trip, and a handle
 * kept after its VC was deleted is refused even when the slot is reused.
 */
static void
test_big_slots(void)
{
	enum { N = 70000 };
	struct mcm_condis *r = mcm_condis_create(MCM_CONDIS_MAX_CAPACITY);
	mcm_condis_handle_t h;
	uint32_t i, bad = 0;
	int s;

	CHECK(r != NULL && mcm_condis_capacity(r) == MCM_CONDIS_MAX_CAPACITY, "2^20 VCs");
	if (r == NULL)
		return;
	for (i = 0; i < N; i++) {
		s = mcm_condis_vc_create(r, MCM_CONDIS_VC_PVC, (uint16_t)(1 + i / 65504),
					 (uint16_t)(32 + i % 65504));
		if (s != (int)i)
			bad++;
	}
	CHECK(bad == 0, "%u creates did not get the next slot", bad);
	s = mcm_condis_vc_find(r, 2, 32 + (N - 1 - 65504));
	CHECK(s == N - 1, "slot %d of the last VC, %d expected", s, N - 1);
	h = mcm_condis_vc_handle(r, N - 1);
	CHECK(h != 0 && mcm_condis_vc_slot(r, h) == N - 1, "handle of slot %d", N - 1);
	CHECK(mcm_condis_vc_delete(r, N - 1) == 0, "delete slot %d", N - 1);
	CHECK(mcm_condis_vc_slot(r, h) == -ESTALE, "stale handle refused");
	s = mcm_condis_vc_create(r, MCM_CONDIS_VC_PVC, 3, 100);
	CHECK(s == N - 1 && mcm_condis_vc_slot(r, h) == -ESTALE &&
	      mcm_condis_vc_slot(r, mcm_condis_vc_handle(r, N - 1)) == N - 1,
	      "slot reused (%d): the old handle still refused", s);
	mcm_condis_destroy(r);
}

/*
 * A miniport's PVC slot hint (mcm_condis_mp_ops.pvc_slot_hint): a PVC gets the hinted slot
 * whenever it is free, else another free slot, never one in use; 5,000 random creates and
 * deletes with random hints (in range, past it, none), then the registry filled: every slot
 * once, the free list whole.
 */
static int hint_next;   /* what the hint returns for the next create */

static int
hint_of(void *ctx, uint16_t vpi, uint16_t vci)
{
	(void)ctx;
	(void)vpi;
	(void)vci;
	return hint_next;
}

static void
test_pvc_slot_hint(void)
{
	enum { CAP = 64, VCIS = 64, OPS = 5000 };
	static const struct mcm_condis_mp_ops mp = { .pvc_slot_hint = hint_of };
	struct mcm_condis *r = mcm_condis_create(CAP);
	mcm_condis_handle_t h[VCIS] = { 0 };
	bool used[CAP] = { false };
	unsigned int i, taken = 0, missed = 0, wrong = 0, n = 0;
	uint64_t rng = 88172645463325252ull;

	CHECK(r != NULL && mcm_condis_register_miniport(r, &mp, NULL) == 0, "registry");
	if (r == NULL)
		return;
	for (i = 0; i < OPS; i++) {
		uint32_t v, x;
		int slot;

		rng ^= rng << 13;
		rng ^= rng >> 7;
		rng ^= rng << 17;
		v = (uint32_t)(rng % VCIS);
		x = (uint32_t)(rng >> 32);
		if (h[v] != 0) {
			slot = mcm_condis_vc_slot(r, h[v]);
			if (slot < 0 || mcm_condis_pvc_delete(r, h[v]) != 0) {
				wrong++;
				continue;
			}
			used[slot] = false;
			h[v] = 0;
			n--;
			continue;
		}
		hint_next = x % 8 == 0 ? -1 : (int)(x % (CAP + 8));
		if (mcm_condis_pvc_create(r, 0, 1, (uint16_t)(32 + v), &media, &h[v]) != 0) {
			if (n != CAP)
				wrong++;
			h[v] = 0;
			continue;
		}
		slot = mcm_condis_vc_slot(r, h[v]);
		if (slot < 0 || slot >= CAP || used[slot]) {
			wrong++;
			continue;
		}
		if (hint_next >= 0 && hint_next < CAP && !used[hint_next])
			slot == hint_next ? taken++ : missed++;
		used[slot] = true;
		n++;
	}
	printf("slot hints: %u taken, %u missed while free, %u VCs at the end\n", taken, missed, n);
	CHECK(wrong == 0 && missed == 0 && taken > 500, "hinted slots: %u taken, %u missed, %u "
	      "wrong results", taken, missed, wrong);
	/* fill it: every free slot comes out once */
	hint_next = -1;
	for (i = 0; i < VCIS && n < CAP; i++)
		if (h[i] == 0 && mcm_condis_pvc_create(r, 0, 1, (uint16_t)(32 + i), &media,
						       &h[i]) == 0) {
			int slot = mcm_condis_vc_slot(r, h[i]);

			if (slot < 0 || slot >= CAP || used[slot])
				wrong++;
			else
				used[slot] = true;
			n++;
		}
	CHECK(n == CAP && wrong == 0 && mcm_condis_count(r) == CAP, "filled: %u VCs, %u wrong",
	      n, wrong);
	hint_next = 3;
	CHECK(mcm_condis_pvc_create(r, 0, 2, 100, &media, &h[0]) == -ENOSPC, "full");
	mcm_condis_destroy(r);
}

int
main(void)
{
	test_reserved();
	test_lifecycle();
	test_capacity_and_order();
	test_big_slots();
	test_pvc_slot_hint();
	return test_summary();
}
