/* SPDX-License-Identifier: BSD-3-Clause
 * A fence on EAL's interrupt thread: wait until it has run what was queued for it before now.
 *
 * A lower port's driver may leave work on that thread after its stop or close (memif answers
 * its peer's disconnect and unregisters its control channel there), and EAL memory must not
 * go before that work has run. The fence is an eventfd with an interrupt callback that is
 * registered once per process and never unregistered, for two reasons found in DPDK 22.11:
 * - every register or unregister makes the interrupt thread re-read all its sources, and
 *   memif frees its listener's interrupt instance without unregistering it, so the thread's
 *   copy of that instance lives on in hugepage memory; a re-read while rte_eal_cleanup()
 *   unmaps that memory crashes;
 * - an EAL alarm (the obvious fence) registers EAL's alarm source, which rte_eal_cleanup()
 *   then unregisters, causing exactly that re-read during the unmapping.
 * A write to an eventfd already registered wakes the thread without any re-read.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_interrupts.h>
#include <rte_thread.h>

#include "mcm_private.h"

static pthread_mutex_t fence_lock = PTHREAD_MUTEX_INITIALIZER;
static struct rte_intr_handle *fence_handle;
static int fence_fd = -1;
static uint64_t fence_requested;        /* under fence_lock */
static uint64_t fence_reached;          /* written by the interrupt thread */

static void
fence_cb(void *arg __rte_unused)
{
	uint64_t n;

	/* everything requested before the eventfd was drained is reached */
	if (read(fence_fd, &n, sizeof(n)) < 0 && errno != EAGAIN)
		return;
	__atomic_store_n(&fence_reached, __atomic_load_n(&fence_requested, __ATOMIC_ACQUIRE),
			 __ATOMIC_RELEASE);
}

static int
fence_setup(void)
{
	struct rte_intr_handle *h;
	int fd;

	fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* private: the thread's copy must not live in hugepage memory either */
	h = rte_intr_instance_alloc(RTE_INTR_INSTANCE_F_PRIVATE);
	if (h == NULL || rte_intr_fd_set(h, fd) != 0 ||
	    rte_intr_type_set(h, RTE_INTR_HANDLE_EXT) != 0)
		goto fail;
	fence_fd = fd;
	if (rte_intr_callback_register(h, fence_cb, NULL) != 0) {
		fence_fd = -1;
		goto fail;
	}
	fence_handle = h;
	return 0;
fail:
	rte_intr_instance_free(h);
	close(fd);
	return -EIO;
}

void
mcm_intr_fence(void)
{
	const uint64_t one = 1;
	uint64_t target;
	int i;

	/* on the interrupt thread itself everything before now has already run */
	if (rte_thread_is_intr())
		return;
	pthread_mutex_lock(&fence_lock);
	if (fence_handle == NULL && fence_setup() != 0) {
		pthread_mutex_unlock(&fence_lock);
		MCM_LOG(WARNING, "no interrupt-thread fence: closing without waiting for it");
		return;
	}
	target = __atomic_add_fetch(&fence_requested, 1, __ATOMIC_RELEASE);
	if (write(fence_fd, &one, sizeof(one)) == sizeof(one))
		/* 1 s at most: a busy thread is no reason to hang */
		for (i = 0; i < 10000; i++) {
			if (__atomic_load_n(&fence_reached, __ATOMIC_ACQUIRE) >= target)
				break;
			rte_delay_us_sleep(100);
		}
	pthread_mutex_unlock(&fence_lock);
}
