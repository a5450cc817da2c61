/* SPDX-License-Identifier: BSD-3-Clause
 * Fuzz target for the UNI call control: the input is a script of operations on a user and a
 * network instance connected back to back: hostile messages (a valid header then arbitrary
 * octets, so the state machines are reached), user primitives, time steps and SAAL link
 * changes. Any input must leave both instances consistent and free of leaks.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "uni_harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
tune(struct mcm_uni_params *p)
{
	p->max_calls = 8;
	p->max_parties = 8;
	p->max_pending_setups = 4;
	if (p->side == MCM_UNI_SIDE_NETWORK) {
		p->vpi_min = p->vpi_max = 0;
		p->vci_max = 40;
	}
}

static uint32_t
any_call(struct h_ep *e, uint8_t sel)
{
	uint32_t c = mcm_uni_call_by_cref(e->u, 1 + (sel & 7), sel & 8);

	return c ? c : e->last_setup_call;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct h_ep ep[2];
	struct mcm_uni_msg m;
	uint64_t now = 0;
	size_t i = 0;

	if (h_init(&ep[0], "user", MCM_UNI_SIDE_USER, 8, tune) != 0 ||
	    h_init(&ep[1], "network", MCM_UNI_SIDE_NETWORK, 8, tune) != 0)
		abort();
	h_link_up(&ep[0], &ep[1], 0);
	while (i + 2 <= size) {
		uint8_t op = data[i], arg = data[i + 1];
		struct h_ep *e = &ep[op >> 7];
		struct h_ep *o = &ep[!(op >> 7)];
		uint32_t c = any_call(e, arg);
		uint16_t epref;

		i += 2;
		e->now = o->now = now;
		switch (op & 0x0f) {
		case 0: { /* a message: header with call reference and type, then raw octets */
			uint8_t b[HQ_SLOT];
			size_t n = arg < size - i ? arg : size - i;

			if (n > HQ_SLOT - 9)
				n = HQ_SLOT - 9;
			b[0] = 0x09;
			b[1] = 3;
			b[2] = (uint8_t)((op & 0x40) ? 0x80 : 0);
			b[3] = 0;
			b[4] = (uint8_t)(1 + (op & 0x30) / 16);
			memcpy(b + 5, data + i, n < 4 ? n : 4);
			if (n >= 4) {
				b[7] = (uint8_t)((n - 4) >> 8);
				b[8] = (uint8_t)(n - 4);
				memcpy(b + 9, data + i + 4, n - 4);
				mcm_uni_input(e->u, b, n + 5, now);
			} else {
				mcm_uni_input(e->u, b, 5 + n, now);
			}
			i += n;
			break;
		}
		case 1:
			h_setup_msg(&m, arg & 1);
			mcm_uni_setup_request(e->u, &m, &c, now);
			break;
		case 2:
			mcm_uni_proceeding_request(e->u, c, now);
			break;
		case 3:
			mcm_uni_alert_request(e->u, c, now);
			break;
		case 4:
			mcm_uni_connect_request(e->u, c, now);
			break;
		case 5:
			mcm_uni_release_request(e->u, c, arg & 0x7f, now);
			break;
		case 6:
			mcm_uni_reject_request(e->u, c, arg & 0x7f, now);
			break;
		case 7:
			h_setup_msg(&m, true);
			mcm_uni_add_party_request(e->u, c, &m, &epref, now);
			break;
		case 8:
			mcm_uni_add_party_ack_request(e->u, c, arg & 3, now);
			mcm_uni_drop_party_request(e->u, c, (arg >> 2) & 3, 16, now);
			break;
		case 9:
			mcm_uni_status_enquiry_request(e->u, c, now);
			break;
		case 10:
			mcm_uni_restart_request(e->u, arg % 3, 0, 32 + (arg & 7), now);
			break;
		case 11:
			now += (uint64_t)arg * 1000;
			mcm_uni_tick(e->u, now);
			mcm_uni_tick(o->u, now);
			break;
		case 12:
			if (arg & 1)
				mcm_uni_saal_released(e->u, now);
			else
				mcm_uni_saal_established(e->u, now);
			break;
		case 13:
			e->drop = arg & 1;
			break;
		default:
			h_pump(&ep[0], &ep[1], now);
			break;
		}
		if (mcm_uni_selfcheck(ep[0].u) != 0 || mcm_uni_selfcheck(ep[1].u) != 0)
			abort();
	}
	h_pump(&ep[0], &ep[1], now);
	/* everything must drain once time runs long enough */
	ep[0].drop = ep[1].drop = false;
	h_link_up(&ep[0], &ep[1], now);
	for (int k = 0; k < 8; k++) {
		now += 400000;
		mcm_uni_tick(ep[0].u, now);
		mcm_uni_tick(ep[1].u, now);
		h_pump(&ep[0], &ep[1], now);
	}
	if (mcm_uni_selfcheck(ep[0].u) != 0 || mcm_uni_selfcheck(ep[1].u) != 0)
		abort();
	h_fini(&ep[0]);
	h_fini(&ep[1]);
	return 0;
}
