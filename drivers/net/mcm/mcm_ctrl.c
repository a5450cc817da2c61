/* SPDX-License-Identifier: BSD-3-Clause
 * The port's control thread (the call-manager half): it owns every change of VC state.
 * Requests come through one rte_ring command queue; the thread sleeps in poll() on an
 * eventfd that requesters signal, so an idle port costs no CPU. A requester waits for its
 * command on a semaphore, with a time limit; the command is reference counted so a
 * requester that gave up never leaves the thread writing to freed memory.
 */
#include <errno.h>
#include <poll.h>
#include <semaphore.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <rte_lcore.h>

#include "mcm_private.h"

#define MCM_CMD_RING_SIZE 256
#define MCM_CMD_TIMEOUT_S 10

struct mcm_cmd {
	struct mcm_cmd_args args;
	int result;
	uint32_t refcnt;
	bool stop;          /* ask the thread to end */
	sem_t done;
};

static void
cmd_put(struct mcm_cmd *cmd)
{
	if (__atomic_sub_fetch(&cmd->refcnt, 1, __ATOMIC_ACQ_REL) == 0) {
		sem_destroy(&cmd->done);
		free(cmd);
	}
}

static int
cmd_execute(struct mcm_port *port, const struct mcm_cmd_args *a)
{
	switch (a->type) {
	case MCM_CMD_PVC_ADD:
		return mcm_vc_pvc_add(port, a->vpi, a->vci, a->encap);
	case MCM_CMD_PVC_DEL:
		return mcm_vc_pvc_del(port, a->vpi, a->vci);
	case MCM_CMD_BIND_DEFAULT:
		return mcm_vc_bind_default(port, a->vpi, a->vci);
	case MCM_CMD_BIND_MAC:
		return mcm_vc_bind_mac(port, &a->mac, a->vpi, a->vci);
	case MCM_CMD_UNBIND_MAC:
		return mcm_vc_unbind_mac(port, &a->mac);
	}
	return -EINVAL;
}

static void *
ctrl_main(void *arg)
{
	struct mcm_port *port = arg;
	struct pollfd pfd = { .fd = port->evfd, .events = POLLIN };
	bool stop = false;

	while (!stop) {
		struct mcm_cmd *cmd;
		uint64_t n;

		/* no timers yet on this port: sleep until a command arrives */
		if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
			break;
		if (read(port->evfd, &n, sizeof(n)) < 0 && errno != EAGAIN)
			break;
		while (rte_ring_dequeue(port->cmd_ring, (void **)&cmd) == 0) {
			if (cmd->stop) {
				stop = true;
				cmd->result = 0;
			} else {
				pthread_mutex_lock(&port->lock);
				cmd->result = cmd_execute(port, &cmd->args);
				pthread_mutex_unlock(&port->lock);
			}
			sem_post(&cmd->done);
			cmd_put(cmd);
		}
	}
	return NULL;
}

static int
cmd_submit(struct mcm_port *port, const struct mcm_cmd_args *args, bool stop)
{
	struct mcm_cmd *cmd = calloc(1, sizeof(*cmd));
	struct timespec deadline;
	uint64_t one = 1;
	int rc;

	if (cmd == NULL)
		return -ENOMEM;
	if (args != NULL)
		cmd->args = *args;
	cmd->stop = stop;
	cmd->refcnt = 2;   /* the requester and the control thread */
	sem_init(&cmd->done, 0, 0);
	if (rte_ring_enqueue(port->cmd_ring, cmd) != 0) {
		sem_destroy(&cmd->done);
		free(cmd);
		return -EBUSY;
	}
	if (write(port->evfd, &one, sizeof(one)) < 0)
		MCM_LOG(WARNING, "port %u: cannot wake the control thread", port->port_id);
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += MCM_CMD_TIMEOUT_S;
	while ((rc = sem_timedwait(&cmd->done, &deadline)) != 0 && errno == EINTR)
		;
	rc = rc == 0 ? cmd->result : -ETIMEDOUT;
	cmd_put(cmd);
	return rc;
}

int
mcm_ctrl_call(struct mcm_port *port, const struct mcm_cmd_args *args)
{
	if (!port->ctrl_running)
		return -ENODEV;
	if (pthread_equal(pthread_self(), port->ctrl_tid))
		return -EDEADLK;
	return cmd_submit(port, args, false);
}

int
mcm_ctrl_start(struct mcm_port *port)
{
	char name[RTE_RING_NAMESIZE];
	int rc;

	snprintf(name, sizeof(name), "mcm_cmd_%u", port->port_id);
	port->cmd_ring = rte_ring_create(name, MCM_CMD_RING_SIZE, SOCKET_ID_ANY, RING_F_SC_DEQ);
	if (port->cmd_ring == NULL)
		return -rte_errno;
	port->evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (port->evfd < 0)
		return -errno;
	snprintf(name, sizeof(name), "mcm-ctl-%u", port->port_id);
	rc = rte_ctrl_thread_create(&port->ctrl_tid, name, NULL,
				    ctrl_main, port);
	if (rc != 0)
		return -rc;
	port->ctrl_running = true;
	return 0;
}

void
mcm_ctrl_stop(struct mcm_port *port)
{
	if (port->ctrl_running) {
		if (cmd_submit(port, NULL, true) == 0)
			pthread_join(port->ctrl_tid, NULL);
		else
			MCM_LOG(ERR, "port %u: control thread did not stop", port->port_id);
		port->ctrl_running = false;
	}
	if (port->evfd >= 0)
		close(port->evfd);
	port->evfd = -1;
	rte_ring_free(port->cmd_ring);
	port->cmd_ring = NULL;
}
