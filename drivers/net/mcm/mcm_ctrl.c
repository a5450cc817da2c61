/* SPDX-License-Identifier: BSD-3-Clause
 * The port's control thread (the call-manager half): it owns every change of VC and call
 * state, the signalling entity and the control thread's I/O on the lower port.
 *
 * It sleeps in ppoll() on an eventfd and wakes for:
 *  - commands: requests come through one rte_ring command queue, each with a payload of any
 *    size; a handler either finishes at once or answers MCM_CMD_PENDING and completes the
 *    command later (a call set-up takes up to 2 x T303 + T310);
 *  - control frames: PW frames holding signalling or OAM cells, handed over by the data
 *    path through a ring;
 *  - the earliest SSCOP/UNI deadline, and the lower-port poll interval while it polls
 *    queues nobody else polls (CLOCK_MONOTONIC).
 * While calls move (a Q.2931 message in or out within the last ms) it does not sleep but
 * polls in a loop, yielding its CPU between two polls, and requesters spin for the commands
 * that complete at once instead of sleeping on their semaphore. A thread that is awake gets
 * no eventfd write: it looks at its rings before it sleeps.
 * A requester waits on a semaphore with a CLOCK_MONOTONIC time limit; the command is
 * reference counted, so a requester that gave up never leaves the thread writing to freed
 * memory.
 */
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <semaphore.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <rte_lcore.h>

#include "mcm_private.h"

#define MCM_LINK_POLL_NS (250 * 1000000ull) /* lower link check, at least */
#define MCM_TX_PUSH_NS (1000000ull)         /* TX frames left waiting: sent again after */

#define MCM_YIELD_LONG_NS (1000000ull)     /* a yield this long: the CPU is shared, ... */
#define MCM_SPIN_OFF_NS (10 * 1000000ull)  /* ... so no busy-poll for this long, doubled ... */
#define MCM_SPIN_OFF_MAX_NS (1000000000ull) /* ... at each long yield in a row, up to this */

#define MCM_CMD_RING_SIZE 1024
#define MCM_HANDOFF_RING_SIZE 1024

#define MCM_CMD_SPIN_NS (50 * 1000ull) /* a requester spins this long at most (cmd_spin) */

struct mcm_cmd {
	enum mcm_cmd_type type;
	int result;
	uint32_t refcnt;
	uint32_t pending;   /* the handler completes it later: the requester sleeps */
	sem_t done;
	size_t len;
	uint8_t data[];     /* request in, reply out */
};

static void
cmd_put(struct mcm_cmd *cmd)
{
	if (__atomic_sub_fetch(&cmd->refcnt, 1, __ATOMIC_ACQ_REL) == 0) {
		sem_destroy(&cmd->done);
		free(cmd);
	}
}

void *
mcm_cmd_data(struct mcm_cmd *cmd)
{
	return cmd->data;
}

void
mcm_ctrl_complete(struct mcm_cmd *cmd, int result)
{
	cmd->result = result;
	sem_post(&cmd->done);
	cmd_put(cmd);
}

static int
cmd_execute(struct mcm_port *port, struct mcm_cmd *cmd)
{
	const struct mcm_cmd_args *a = (const void *)cmd->data;

	switch (cmd->type) {
	case MCM_CMD_PVC_ADD:
		return mcm_vc_pvc_add(port, a->vpi, a->vci, a->encap, a->label, a->pdu);
	case MCM_CMD_PVC_DEL:
		return mcm_vc_pvc_del(port, a->vpi, a->vci);
	case MCM_CMD_PVC_ADD_RANGE:
		return mcm_vc_pvc_add_range(port, a->vpi, a->vci, a->from, a->count,
					    a->encap);
	case MCM_CMD_PVC_DEL_RANGE:
		return mcm_vc_pvc_del_range(port, a->vpi, a->vci, a->from, a->count);
	case MCM_CMD_BIND_DEFAULT:
		return mcm_vc_bind_default(port, a->vpi, a->vci);
	case MCM_CMD_BIND_HASH:
		return mcm_vc_bind_hash(port, a->vpi, a->vci, a->count);
	case MCM_CMD_BIND_MAC:
		return mcm_vc_bind_mac(port, &a->mac, a->vpi, a->vci);
	case MCM_CMD_UNBIND_MAC:
		return mcm_vc_unbind_mac(port, &a->mac);
	case MCM_CMD_CM:
		return mcm_cm_command(port, cmd);
	case MCM_CMD_OAM_PING:
		return mcm_oam_ping_start(port, cmd);
	case MCM_CMD_OAM_CC:
		return mcm_oam_fault_cc_cmd(port, a->vpi, a->vci, a->count != 0);
	}
	return -EINVAL;
}

void
mcm_ctrl_wake(struct mcm_port *port)
{
	uint64_t one = 1;

	/* A thread that is awake looks at its rings and state before it sleeps (ctrl_sleep):
	 * no system call then. The fence orders what the caller queued or changed before the
	 * flag's load, as ctrl_sleep orders the flag's store before what it looks at.
	 */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (__atomic_load_n(&port->ctrl_awake, __ATOMIC_RELAXED))
		return;
	if (write(port->evfd, &one, sizeof(one)) < 0 && errno != EAGAIN)
		MCM_LOG(WARNING, "port %u: cannot wake the control thread", port->port_id);
}

void
mcm_ctrl_handoff(struct mcm_rx_queue *rxq, struct rte_mbuf *f)
{
	struct mcm_port *port = rxq->port;

	/* a reference for the control thread; the burst frees its own. On every segment: a
	 * chained frame's tail is freed by both (found by fuzz_rx)
	 */
	rte_pktmbuf_refcnt_update(f, 1);
	if (rte_ring_mp_enqueue(port->handoff, f) != 0) {
		rte_pktmbuf_refcnt_update(f, -1);
		MCM_STAT_ADD(rxq->handoff_drops, 1);
		return;
	}
	mcm_ctrl_wake(port);
}

/* How long to sleep: until the earliest protocol deadline, or the next lower poll. */
static int
ctrl_timeout(struct mcm_port *port, struct timespec *ts)
{
	uint64_t now = mcm_monotonic_ns(), deadline = mcm_cm_next_deadline(port);
	uint64_t poll_ns = mcm_lower_poll_interval_ns(port, now), wait;

	/* I.610 pings, AIS/RDI and continuity check: what is due runs here, the next counts */
	deadline = RTE_MIN(deadline, mcm_oam_timers(port, now));
	/* a memif lower port's start after probe */
	if (port->lower_start_ns != 0)
		deadline = RTE_MIN(deadline, port->lower_start_ns);
	/* the queues' capture copies wait in a ring of a few thousand */
	if (port->capture != NULL && (poll_ns == 0 || poll_ns > 1000000ull))
		poll_ns = 1000000ull;
	/* frames the lower port could not take yet, on a queue nobody may send on again */
	if (port->tx_waiting && (poll_ns == 0 || poll_ns > MCM_TX_PUSH_NS))
		poll_ns = MCM_TX_PUSH_NS;
	/* the lower link is followed at least this often while the port is started */
	if (mcm_port_started(port) && (poll_ns == 0 || poll_ns > MCM_LINK_POLL_NS))
		poll_ns = MCM_LINK_POLL_NS;
	if (poll_ns > 0 && now + poll_ns < deadline)
		deadline = now + poll_ns;
	if (deadline == UINT64_MAX)
		return -1;  /* nothing to wait for but a wake-up */
	wait = deadline > now ? deadline - now : 0;
	ts->tv_sec = (time_t)(wait / 1000000000ull);
	ts->tv_nsec = (long)(wait % 1000000000ull);
	return 0;
}

/*
 * Sleep until a wake-up, the earliest deadline or the next lower poll. The thread says it is
 * asleep before it looks at its rings, state and deadlines, so that a requester that saw it
 * awake (and wrote no eventfd) queued or changed what it looks at next.
 * @return -1 on an error of ppoll or of the eventfd, 0 otherwise.
 */
static int
ctrl_sleep(struct mcm_port *port, struct pollfd *pfd)
{
	struct timespec ts;
	uint64_t n;
	int rc;

	__atomic_store_n(&port->ctrl_awake, false, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	pthread_mutex_lock(&port->lock);
	rc = ctrl_timeout(port, &ts);
	pthread_mutex_unlock(&port->lock);
	if (rte_ring_empty(port->cmd_ring) && rte_ring_empty(port->handoff) &&
	    !__atomic_load_n(&port->ctrl_stop, __ATOMIC_ACQUIRE) &&
	    ppoll(pfd, 1, rc < 0 ? NULL : &ts, NULL) < 0 && errno != EINTR)
		return -1;
	__atomic_store_n(&port->ctrl_awake, true, __ATOMIC_RELAXED);
	if (read(port->evfd, &n, sizeof(n)) < 0 && errno != EAGAIN)
		return -1;
	return 0;
}

static void *
ctrl_main(void *arg)
{
	struct mcm_port *port = arg;
	struct pollfd pfd = { .fd = port->evfd, .events = POLLIN };

	__atomic_store_n(&port->ctrl_awake, true, __ATOMIC_RELAXED);
	pthread_mutex_lock(&port->lock);
	port->now_ns = mcm_monotonic_ns();
	mcm_cm_start(port);
	pthread_mutex_unlock(&port->lock);
	while (!__atomic_load_n(&port->ctrl_stop, __ATOMIC_ACQUIRE)) {
		struct mcm_cmd *cmd;
		bool lsc, spin;
		uint64_t now;
		int rc;

		/* Calls are moving (a Q.2931 message in or out within the last ms): poll again
		 * at once rather than sleep, since the answer or the next call's message comes
		 * within a poll interval and a set-up would spend most of its time waiting for
		 * polls and wake-ups (doc/bench.md, "Call rate"). Between two polls the CPU goes
		 * to whatever else is runnable on it (the peer port's control thread, an
		 * application's thread). A yield that lasted long means threads that do not
		 * sleep share the CPU: each yield would give them a time slice, so the thread
		 * sleeps between polls for a while instead (a short poll interval then,
		 * mcm_lower_poll_interval_ns), 10 ms, then twice as long after each long yield
		 * in a row. Idle, or with keep-alives only, it sleeps.
		 */
		now = mcm_monotonic_ns();
		pthread_mutex_lock(&port->lock);
		spin = now >= port->spin_off_ns && mcm_lower_busy_poll(port, now);
		pthread_mutex_unlock(&port->lock);
		__atomic_store_n(&port->ctrl_spinning, spin, __ATOMIC_RELAXED);
		if (spin) {
			sched_yield();
			if (mcm_monotonic_ns() - now > MCM_YIELD_LONG_NS) {
				port->spin_off_len = RTE_MIN(RTE_MAX(port->spin_off_len * 2,
								     MCM_SPIN_OFF_NS),
							     MCM_SPIN_OFF_MAX_NS);
				port->spin_off_ns = now + port->spin_off_len;
			} else {
				port->spin_off_len = 0;  /* the CPU was ours again */
			}
		} else if (ctrl_sleep(port, &pfd) != 0) {
			break;
		}
		pthread_mutex_lock(&port->lock);
		port->now_ns = mcm_monotonic_ns();
		if (!spin)
			port->cstats.wakeups++;
		while (rte_ring_dequeue(port->cmd_ring, (void **)&cmd) == 0) {
			/* a reference of our own: a handler that answers "later" may have
			 * completed the command (and its requester freed it) already
			 */
			__atomic_fetch_add(&cmd->refcnt, 1, __ATOMIC_RELAXED);
			rc = cmd_execute(port, cmd);
			if (rc != MCM_CMD_PENDING)
				mcm_ctrl_complete(cmd, rc);
			else
				__atomic_store_n(&cmd->pending, 1, __ATOMIC_RELEASE);
			cmd_put(cmd);
		}
		mcm_lower_start_due(port, port->now_ns);
		mcm_lower_handoff_drain(port);
		mcm_lower_poll(port);
		port->tx_waiting = mcm_txq_push_pending(port);
		/* a queue heard the peer: send to its MAC, not to broadcast */
		if (!mcm_port_peer_known(port))
			mcm_lower_learn_from_queues(port);
		port->now_ns = mcm_monotonic_ns();
		mcm_cm_tick(port);
		mcm_capture_drain(port);
		/* the lower link: at most every MCM_LINK_POLL_NS, not at each fast poll; while the
		 * started port says down, at each wake-up, so that a link that comes up is seen
		 * at once (signalling, and the VCs' operational state, follow it)
		 */
		lsc = false;
		if (port->now_ns >= port->link_check_ns ||
		    (mcm_port_started(port) && !mcm_port_link_recorded_up(port))) {
			port->link_check_ns = port->now_ns + MCM_LINK_POLL_NS;
			lsc = mcm_port_link_sync(port);
		}
		/* busy-polling, the thread does not sleep, so ctrl_timeout() runs no OAM timer */
		if (spin)
			mcm_oam_timers(port, port->now_ns);
		pthread_mutex_unlock(&port->lock);
		/* outside the lock: the application's callback may call into the port */
		if (lsc)
			mcm_port_lsc_event(port);
	}
	__atomic_store_n(&port->ctrl_spinning, false, __ATOMIC_RELAXED);
	return NULL;
}

/*
 * A control thread that busy-polls (calls are moving) takes a command within microseconds,
 * and most commands complete at once: the requester then spins for the answer rather than
 * sleep on the semaphore and be woken across CPUs (the answer to an incoming call is on the
 * critical path of a set-up). It stops as soon as the handler says the command completes
 * later (a set-up, a release), or after MCM_CMD_SPIN_NS, yielding its CPU between two looks
 * (it may share it with the threads it waits for).
 * @return 0 if the command completed, -1 if the requester is to wait on the semaphore.
 */
static int
cmd_spin(struct mcm_port *port, struct mcm_cmd *cmd)
{
	uint64_t end;

	if (!__atomic_load_n(&port->ctrl_spinning, __ATOMIC_RELAXED))
		return -1;
	end = mcm_monotonic_ns() + MCM_CMD_SPIN_NS;
	do {
		if (sem_trywait(&cmd->done) == 0)
			return 0;
		if (__atomic_load_n(&cmd->pending, __ATOMIC_ACQUIRE))
			return -1;
		sched_yield();
	} while (mcm_monotonic_ns() < end);
	return -1;
}

int
mcm_ctrl_call_data(struct mcm_port *port, enum mcm_cmd_type type, void *data, size_t len,
		   unsigned int timeout_s)
{
	struct mcm_cmd *cmd;
	struct timespec deadline;
	int rc;

	if (!port->ctrl_running)
		return -ENODEV;
	if (pthread_equal(pthread_self(), port->ctrl_tid))
		return -EDEADLK;
	cmd = calloc(1, sizeof(*cmd) + len);
	if (cmd == NULL)
		return -ENOMEM;
	cmd->type = type;
	cmd->len = len;
	memcpy(cmd->data, data, len);
	cmd->refcnt = 2;   /* the requester and the control thread */
	sem_init(&cmd->done, 0, 0);
	if (rte_ring_enqueue(port->cmd_ring, cmd) != 0) {
		sem_destroy(&cmd->done);
		free(cmd);
		return -EBUSY;
	}
	mcm_ctrl_wake(port);
	rc = cmd_spin(port, cmd);
	if (rc != 0) {
		clock_gettime(CLOCK_MONOTONIC, &deadline);
		deadline.tv_sec += timeout_s;
		while ((rc = sem_clockwait(&cmd->done, CLOCK_MONOTONIC, &deadline)) != 0 &&
		       errno == EINTR)
			;
	}
	if (rc == 0) {
		rc = cmd->result;
		memcpy(data, cmd->data, len);
	} else {
		rc = -ETIMEDOUT;
	}
	cmd_put(cmd);
	return rc;
}

int
mcm_ctrl_call(struct mcm_port *port, const struct mcm_cmd_args *args)
{
	struct mcm_cmd_args a = *args;

	return mcm_ctrl_call_data(port, args->type, &a, sizeof(a), MCM_CMD_TIMEOUT_S);
}

int
mcm_ctrl_start(struct mcm_port *port)
{
	char name[RTE_RING_NAMESIZE];
	int rc;

	snprintf(name, sizeof(name), "mcm_cmd_%u", port->port_id);
	/* Requesters are any threads, several on one CPU (not lcores): with the default MP
	 * mode, one taken off its CPU between its head and tail updates makes the others spin
	 * for its whole time slice (seen as 20..70 ms set-ups with 32 calling threads). RTS
	 * producers do not wait for each other's tail.
	 */
	port->cmd_ring = rte_ring_create(name, MCM_CMD_RING_SIZE, SOCKET_ID_ANY,
					 RING_F_MP_RTS_ENQ | RING_F_SC_DEQ);
	if (port->cmd_ring == NULL)
		return -rte_errno;
	snprintf(name, sizeof(name), "mcm_hof_%u", port->port_id);
	port->handoff = rte_ring_create(name, MCM_HANDOFF_RING_SIZE, SOCKET_ID_ANY,
					RING_F_SC_DEQ);
	if (port->handoff == NULL)
		return -rte_errno;
	port->evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (port->evfd < 0)
		return -errno;
	/* not "mcm-ctl-N": that is the command line tool's name */
	snprintf(name, sizeof(name), "mcm-cm-%u", port->port_id);
	port->ctrl_stop = false;
	rc = rte_ctrl_thread_create(&port->ctrl_tid, name, NULL, ctrl_main, port);
	if (rc != 0)
		return -rc;
	port->ctrl_running = true;
	return 0;
}

void
mcm_ctrl_stop(struct mcm_port *port)
{
	struct mcm_cmd *cmd;

	if (port->ctrl_running) {
		/* the thread never blocks but in ppoll(): a flag and a wake-up end it */
		__atomic_store_n(&port->ctrl_stop, true, __ATOMIC_RELEASE);
		mcm_ctrl_wake(port);
		pthread_join(port->ctrl_tid, NULL);
		port->ctrl_running = false;
	}
	mcm_oam_ping_fini(port);
	/* commands nobody ran: their requesters are told */
	while (port->cmd_ring != NULL &&
	       rte_ring_dequeue(port->cmd_ring, (void **)&cmd) == 0)
		mcm_ctrl_complete(cmd, -ENODEV);
	if (port->handoff != NULL) {
		struct rte_mbuf *f;

		while (rte_ring_dequeue(port->handoff, (void **)&f) == 0)
			rte_pktmbuf_free(f);
	}
	if (port->evfd >= 0)
		close(port->evfd);
	port->evfd = -1;
	rte_ring_free(port->cmd_ring);
	port->cmd_ring = NULL;
	rte_ring_free(port->handoff);
	port->handoff = NULL;
}
