/* SPDX-License-Identifier: BSD-3-Clause
 * Work done on EAL's interrupt thread: a call run there, and a fence (wait until the thread
 * has run what was queued for it before now).
 *
 * Some lower ports' drivers run their control on that thread and take no lock against the
 * application's calls: net_memif handles its peer's connection handshake there, reading the
 * queues that a stop or a configure in another thread frees. mcm's own calls on such a lower
 * port are therefore run there too (mcm_lower.c), one after the other with the driver's.
 * A driver may also leave work on the thread after its stop or close (memif answers its
 * peer's disconnect and unregisters its control channel there), and EAL memory must not go
 * before that work has run: the fence.
 *
 * The thread is woken by an eventfd with an interrupt callback, registered once per process
 * and never unregistered, for two reasons found in DPDK 22.11:
 * - every register or unregister makes the interrupt thread re-read all its sources, and
 *   memif frees its listener's interrupt instance without unregistering it, so the thread's
 *   copy of that instance lives on in hugepage memory; a re-read while rte_eal_cleanup()
 *   unmaps that memory crashes;
 * - an EAL alarm (the obvious way to run something there) registers EAL's alarm source,
 *   which rte_eal_cleanup() then unregisters, causing exactly that re-read during the
 *   unmapping.
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

#define INTR_WAIT_US 1000000    /* a busy thread is no reason to hang: then run it here */
#define INTR_POLL_US 50

/* One call handed to the thread: the caller waits for it, so it lives on its stack. */
struct intr_work {
	int (*fn)(void *arg);
	void *arg;
	int rc;
	int done;               /* set by the thread once fn has returned */
};

static pthread_mutex_t intr_lock = PTHREAD_MUTEX_INITIALIZER;   /* one call at a time */
static struct rte_intr_handle *intr_handle;
static int intr_fd = -1;
static struct intr_work *intr_pending;  /* taken by exchange: by the thread, or back */

static void
intr_cb(void *arg __rte_unused)
{
	struct intr_work *w;
	uint64_t n;

	if (read(intr_fd, &n, sizeof(n)) < 0 && errno != EAGAIN)
		return;
	w = __atomic_exchange_n(&intr_pending, NULL, __ATOMIC_ACQ_REL);
	if (w == NULL)
		return;
	w->rc = w->fn != NULL ? w->fn(w->arg) : 0;
	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
}

static int
intr_setup(void)
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
	intr_fd = fd;
	if (rte_intr_callback_register(h, intr_cb, NULL) != 0) {
		intr_fd = -1;
		goto fail;
	}
	intr_handle = h;
	return 0;
fail:
	rte_intr_instance_free(h);
	close(fd);
	return -EIO;
}

/*
 * Hand @p w to the interrupt thread and wait for it. @return true if the thread ran it,
 * false if it could not be handed over or the thread did not take it within INTR_WAIT_US
 * (then it is taken back: it has not run and will not).
 */
static bool
intr_run(struct intr_work *w)
{
	const uint64_t one = 1;
	unsigned int waited = 0;
	struct intr_work *mine = w;

	if (intr_handle == NULL && intr_setup() != 0)
		return false;
	__atomic_store_n(&intr_pending, w, __ATOMIC_RELEASE);
	if (write(intr_fd, &one, sizeof(one)) != sizeof(one)) {
		if (__atomic_compare_exchange_n(&intr_pending, &mine, NULL, false,
						__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			return false;
	}
	while (!__atomic_load_n(&w->done, __ATOMIC_ACQUIRE)) {
		if (waited >= INTR_WAIT_US) {
			mine = w;
			if (__atomic_compare_exchange_n(&intr_pending, &mine, NULL, false,
							__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
				return false;
			/* taken: it is running there, and will end */
		}
		rte_delay_us_sleep(INTR_POLL_US);
		waited += INTR_POLL_US;
	}
	return true;
}

int
mcm_intr_call(int (*fn)(void *arg), void *arg)
{
	struct intr_work w = { .fn = fn, .arg = arg };
	bool ran;

	/* on the interrupt thread itself the call is already in order */
	if (rte_thread_is_intr())
		return fn(arg);
	pthread_mutex_lock(&intr_lock);
	ran = intr_run(&w);
	pthread_mutex_unlock(&intr_lock);
	if (ran)
		return w.rc;
	MCM_LOG(WARNING, "EAL's interrupt thread did not take a lower-port call within %u ms: "
		"running it here", INTR_WAIT_US / 1000);
	return fn(arg);
}

void
mcm_intr_fence(void)
{
	struct intr_work w = { .fn = NULL };
	bool ran;

	/* on the interrupt thread itself everything before now has already run */
	if (rte_thread_is_intr())
		return;
	pthread_mutex_lock(&intr_lock);
	ran = intr_run(&w);
	pthread_mutex_unlock(&intr_lock);
	if (!ran)
		MCM_LOG(WARNING, "no interrupt-thread fence: closing without waiting for it");
}
