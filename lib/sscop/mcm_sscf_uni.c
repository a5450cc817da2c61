/* SPDX-License-Identifier: BSD-3-Clause
 * SSCF-UNI, ITU-T Q.2130: state machine over SSCOP (Q.2110).
 */
#include <errno.h>
#include <stdlib.h>

#include "mcm_sscf_uni.h"

struct mcm_sscf_uni {
	struct mcm_sscf_uni_cbs cb;
	struct mcm_sscop *sscop;
	enum mcm_sscf_uni_state state;
	uint64_t now;
};

static void
aal(struct mcm_sscf_uni *f, enum mcm_sscf_uni_signal sig, const uint8_t *d, size_t len)
{
	f->cb.signal(f->cb.arg, sig, d, len);
}

static void
cb_send(void *arg, const uint8_t *pdu, size_t len)
{
	struct mcm_sscf_uni *f = arg;

	f->cb.send_pdu(f->cb.arg, pdu, len);
}

static void
cb_maa(void *arg, char code, uint32_t count)
{
	struct mcm_sscf_uni *f = arg;

	if (f->cb.maa_error)
		f->cb.maa_error(f->cb.arg, code, count);
}

/* AA-signals from SSCOP (Q.2130). */
/* A new state, and the AAL signal (without data) that tells signalling of it. */
static void
to_state(struct mcm_sscf_uni *f, enum mcm_sscf_uni_state st, enum mcm_sscf_uni_signal sig)
{
	f->state = st;
	aal(f, sig, NULL, 0);
}

/* The SSCOP answer @p rc to an incoming establishment, resynchronization or recovery was
 * taken: signalling learns each as an establishment. */
static void
answered(struct mcm_sscf_uni *f, int rc)
{
	if (rc == 0)
		to_state(f, MCM_SSCF_UNI_ESTABLISHED, MCM_AAL_ESTABLISH_IND);
}

static void
cb_signal(void *arg, enum mcm_sscop_signal sig, const uint8_t *d, size_t len, uint32_t prm)
{
	struct mcm_sscf_uni *f = arg;

	(void)prm;
	switch (sig) {
	case MCM_SSCOP_AA_ESTABLISH_IND:
		/* the UNI accepts every incoming connection, SSCOP-UU unused; BR = yes */
		answered(f, mcm_sscop_establish_resp(f->sscop, f->now, NULL, 0, true));
		break;
	case MCM_SSCOP_AA_ESTABLISH_CONF:
		if (f->state == MCM_SSCF_UNI_AWAITING_ESTABLISH)
			to_state(f, MCM_SSCF_UNI_ESTABLISHED, MCM_AAL_ESTABLISH_CONF);
		break;
	case MCM_SSCOP_AA_RELEASE_IND:
		if (f->state == MCM_SSCF_UNI_RELEASED)
			break;
		to_state(f, MCM_SSCF_UNI_RELEASED, f->state == MCM_SSCF_UNI_AWAITING_RELEASE ?
			 MCM_AAL_RELEASE_CONF : MCM_AAL_RELEASE_IND);
		break;
	case MCM_SSCOP_AA_RELEASE_CONF:
		to_state(f, MCM_SSCF_UNI_RELEASED, MCM_AAL_RELEASE_CONF);
		break;
	case MCM_SSCOP_AA_RESYNC_IND:
		/* the peer reset the link: signalling learns it as a new establishment */
		answered(f, mcm_sscop_resync_resp(f->sscop, f->now));
		break;
	case MCM_SSCOP_AA_RESYNC_CONF:
		to_state(f, MCM_SSCF_UNI_ESTABLISHED, MCM_AAL_ESTABLISH_CONF);
		break;
	case MCM_SSCOP_AA_RECOVER_IND:
		/* messages may be lost: answer, and tell signalling as an establishment */
		answered(f, mcm_sscop_recover_resp(f->sscop, f->now));
		break;
	case MCM_SSCOP_AA_DATA_IND:
		if (f->state == MCM_SSCF_UNI_ESTABLISHED ||
		    f->state == MCM_SSCF_UNI_AWAITING_RESYNC)
			aal(f, MCM_AAL_DATA_IND, d, len);
		break;
	case MCM_SSCOP_AA_UNITDATA_IND:
		aal(f, MCM_AAL_UNITDATA_IND, d, len);
		break;
	case MCM_SSCOP_MAA_UNITDATA_IND:
	case MCM_SSCOP_AA_RETRIEVE_IND:
	case MCM_SSCOP_AA_RETRIEVE_COMPLETE_IND:
		break; /* not used by SSCF-UNI */
	}
}

void
mcm_sscf_uni_params_default(struct mcm_sscop_params *p)
{
	/* Q.2130: the UNI values, which are the SSCOP defaults of this library */
	mcm_sscop_params_default(p);
}

struct mcm_sscf_uni *
mcm_sscf_uni_create(const struct mcm_sscop_params *p, const struct mcm_sscf_uni_cbs *cbs)
{
	struct mcm_sscop_params def;
	struct mcm_sscop_cbs scb;
	struct mcm_sscf_uni *f;

	if (cbs == NULL || cbs->send_pdu == NULL || cbs->signal == NULL)
		return NULL;
	if (p == NULL) {
		mcm_sscf_uni_params_default(&def);
		p = &def;
	}
	f = calloc(1, sizeof(*f));
	if (f == NULL)
		return NULL;
	f->cb = *cbs;
	f->state = MCM_SSCF_UNI_RELEASED;
	scb.send_pdu = cb_send;
	scb.signal = cb_signal;
	scb.maa_error = cb_maa;
	scb.arg = f;
	f->sscop = mcm_sscop_create(p, &scb);
	if (f->sscop == NULL) {
		free(f);
		return NULL;
	}
	return f;
}

void
mcm_sscf_uni_destroy(struct mcm_sscf_uni *f)
{
	if (f == NULL)
		return;
	mcm_sscop_destroy(f->sscop);
	free(f);
}

void
mcm_sscf_uni_input(struct mcm_sscf_uni *f, uint64_t now, const uint8_t *pdu, size_t len)
{
	f->now = now;
	mcm_sscop_input(f->sscop, now, pdu, len);
}

void
mcm_sscf_uni_tick(struct mcm_sscf_uni *f, uint64_t now)
{
	f->now = now;
	mcm_sscop_tick(f->sscop, now);
}

uint64_t
mcm_sscf_uni_next_deadline(const struct mcm_sscf_uni *f)
{
	return mcm_sscop_next_deadline(f->sscop);
}

int
mcm_sscf_uni_establish_req(struct mcm_sscf_uni *f, uint64_t now)
{
	int rc;

	f->now = now;
	switch (f->state) {
	case MCM_SSCF_UNI_RELEASED:
	case MCM_SSCF_UNI_AWAITING_RELEASE:
		/* Q.2130: BR = yes, no SSCOP-UU */
		rc = mcm_sscop_establish_req(f->sscop, now, NULL, 0, true);
		if (rc == 0)
			f->state = MCM_SSCF_UNI_AWAITING_ESTABLISH;
		return rc;
	case MCM_SSCF_UNI_ESTABLISHED:
		/* Q.2130: establishing an established link resynchronizes it */
		rc = mcm_sscop_resync_req(f->sscop, now, NULL, 0);
		if (rc == 0)
			f->state = MCM_SSCF_UNI_AWAITING_RESYNC;
		return rc;
	default:
		return -EALREADY;
	}
}

int
mcm_sscf_uni_release_req(struct mcm_sscf_uni *f, uint64_t now)
{
	f->now = now;
	switch (f->state) {
	case MCM_SSCF_UNI_RELEASED:
		aal(f, MCM_AAL_RELEASE_CONF, NULL, 0);
		return 0;
	case MCM_SSCF_UNI_AWAITING_RELEASE:
		return 0;
	default:
		if (mcm_sscop_release_req(f->sscop, now, NULL, 0) == 0)
			f->state = MCM_SSCF_UNI_AWAITING_RELEASE;
		else /* SSCOP already idle (release crossed): released now */
			to_state(f, MCM_SSCF_UNI_RELEASED, MCM_AAL_RELEASE_CONF);
		return 0;
	}
}

int
mcm_sscf_uni_data_req(struct mcm_sscf_uni *f, uint64_t now, const uint8_t *d, size_t len)
{
	f->now = now;
	if (f->state != MCM_SSCF_UNI_ESTABLISHED && f->state != MCM_SSCF_UNI_AWAITING_RESYNC)
		return -ENOTCONN;
	return mcm_sscop_data_req(f->sscop, now, d, len);
}

int
mcm_sscf_uni_unitdata_req(struct mcm_sscf_uni *f, uint64_t now, const uint8_t *d,
			  size_t len)
{
	f->now = now;
	return mcm_sscop_unitdata_req(f->sscop, now, d, len);
}

enum mcm_sscf_uni_state
mcm_sscf_uni_state(const struct mcm_sscf_uni *f)
{
	return f->state;
}

const char *
mcm_sscf_uni_state_name(enum mcm_sscf_uni_state st)
{
	static const char *const n[] = {
		"?", "RELEASED", "AWAITING_ESTABLISH", "AWAITING_RELEASE", "ESTABLISHED",
		"AWAITING_RESYNC",
	};

	return (unsigned int)st <= MCM_SSCF_UNI_AWAITING_RESYNC ? n[st] : "?";
}

const char *
mcm_sscf_uni_signal_name(enum mcm_sscf_uni_signal sig)
{
	static const char *const n[] = {
		"AAL-ESTABLISH.ind", "AAL-ESTABLISH.conf", "AAL-RELEASE.ind",
		"AAL-RELEASE.conf", "AAL-DATA.ind", "AAL-UNITDATA.ind",
	};

	return (unsigned int)sig <= MCM_AAL_UNITDATA_IND ? n[sig] : "?";
}

struct mcm_sscop *
mcm_sscf_uni_sscop(struct mcm_sscf_uni *f)
{
	return f->sscop;
}
