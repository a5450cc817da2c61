/* SPDX-License-Identifier: BSD-3-Clause
 * lib/condis OIDs: the table (doc/oids.md), its walks, and the request path. The framework
 * checks a request against the table before any handler runs, answers what it knows itself
 * and passes the rest to the call manager or the miniport.
 */
#include <errno.h>
#include <string.h>

#include "mcm_condis_private.h"

#define PORT MCM_CONDIS_OID_SCOPE_PORT
#define VC MCM_CONDIS_OID_SCOPE_VC
#define U32 MCM_CONDIS_OID_U32
#define U64 MCM_CONDIS_OID_U64
#define BYTES MCM_CONDIS_OID_BYTES
#define RO MCM_CONDIS_OID_RO
#define RW MCM_CONDIS_OID_RW
#define FW MCM_CONDIS_OID_BY_FRAMEWORK
#define CM MCM_CONDIS_OID_BY_CM
#define MP MCM_CONDIS_OID_BY_MINIPORT

#define OID(id, scope, type, access, answer, size, name, meaning) \
	{ MCM_OID_##id, "OID_" #id, name, scope, type, access, answer, size, meaning }

static const struct mcm_condis_oid_desc oid_table[] = {
	OID(MCM_ATM_ADDRESS, PORT, BYTES, RW, CM, 20, "atm_address",
	    "local ATM address (AESA, 20 octets) used by signalling"),
	OID(GEN_CO_LINK_SPEED, PORT, U64, RO, MP, 8, "link_speed",
	    "lower link speed, bits per second"),
	OID(GEN_CO_MEDIA_CONNECT_STATUS, PORT, U32, RO, MP, 4, "link_status",
	    "1 link up, 0 down"),
	OID(ATM_MAX_ACTIVE_VCS, PORT, U32, RO, FW, 4, "max_active_vcs",
	    "client VCs the port can hold"),
	OID(ATM_MAX_ACTIVE_VPI_BITS, PORT, U32, RO, FW, 4, "vpi_bits",
	    "VPI bits at the UNI (12)"),
	OID(ATM_MAX_ACTIVE_VCI_BITS, PORT, U32, RO, FW, 4, "vci_bits",
	    "VCI bits (16)"),
	OID(MCM_VPI_RANGE, PORT, BYTES, RO, FW, 4, "vpi_range",
	    "VPIs a client may use: two uint16_t, first and last"),
	OID(MCM_VCI_RANGE, PORT, BYTES, RO, FW, 4, "vci_range",
	    "VCIs a client may use: two uint16_t, first and last (0..31 are the driver's)"),
	OID(ATM_MAX_AAL5_PACKET_SIZE, PORT, U32, RO, MP, 4, "max_aal5_sdu",
	    "largest AAL5 CPCS-SDU, bytes"),
	OID(ATM_SIGNALING_VPIVCI, PORT, BYTES, RO, CM, 8, "signalling_vc",
	    "VPI and VCI of the signalling VC: two uint32_t (0/5)"),
	OID(ATM_XMIT_CELLS_OK, PORT, U64, RO, MP, 8, "cells_sent",
	    "cells sent"),
	OID(ATM_RCV_CELLS_OK, PORT, U64, RO, MP, 8, "cells_received",
	    "cells received on a known VC"),
	OID(ATM_RCV_CELLS_DROPPED, PORT, U64, RO, MP, 8, "cells_dropped",
	    "cells received and dropped (no buffer, queue full)"),
	OID(GEN_CO_XMIT_PDUS_OK, PORT, U64, RO, MP, 8, "pdus_sent",
	    "AAL5 PDUs sent"),
	OID(GEN_CO_RCV_PDUS_OK, PORT, U64, RO, MP, 8, "pdus_received",
	    "AAL5 PDUs received and delivered"),
	OID(ATM_RCV_INVALID_VPI_VCI, PORT, U64, RO, MP, 8, "invalid_vpi_vci_cells",
	    "cells received for a VPI/VCI with no VC"),
	OID(ATM_RCV_REASSEMBLY_ERROR, PORT, U64, RO, MP, 8, "reassembly_errors",
	    "AAL5 PDUs dropped: CRC, length, oversize or aborted"),
	OID(MCM_VC_CALL_INFO, VC, BYTES, RO, FW, sizeof(struct mcm_condis_oid_call_info),
	    "vc_call_info",
	    "struct mcm_condis_oid_call_info: called, calling, contract, states, VPI/VCI"),
	OID(MCM_VC_XMIT_CELLS, VC, U64, RO, MP, 8, "vc_cells_sent",
	    "cells sent on the VC"),
	OID(MCM_VC_RCV_CELLS, VC, U64, RO, MP, 8, "vc_cells_received",
	    "cells received on the VC"),
	OID(MCM_VC_XMIT_PDUS, VC, U64, RO, MP, 8, "vc_pdus_sent",
	    "AAL5 PDUs sent on the VC"),
	OID(MCM_VC_RCV_PDUS, VC, U64, RO, MP, 8, "vc_pdus_received",
	    "AAL5 PDUs received on the VC"),
	OID(MCM_VC_SEND_REFUSED, VC, U64, RO, FW, 8, "vc_send_refused",
	    "sends refused because the VC was not active"),
};

#define OID_COUNT (sizeof(oid_table) / sizeof(oid_table[0]))

const struct mcm_condis_oid_desc *
mcm_condis_oid_find(const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < OID_COUNT; i++)
		if (strcmp(oid_table[i].name, name) == 0 ||
		    strcmp(oid_table[i].ndis_name, name) == 0)
			return &oid_table[i];
	return NULL;
}

const struct mcm_condis_oid_desc *
mcm_condis_oid_get(uint32_t id)
{
	size_t i;

	for (i = 0; i < OID_COUNT; i++)
		if (oid_table[i].id == id)
			return &oid_table[i];
	return NULL;
}

const char *
mcm_condis_oid_name(uint32_t id)
{
	const struct mcm_condis_oid_desc *d = mcm_condis_oid_get(id);

	return d != NULL ? d->name : NULL;
}

const struct mcm_condis_oid_desc *
mcm_condis_oid_next(const struct mcm_condis_oid_desc *prev)
{
	if (prev == NULL)
		return &oid_table[0];
	if (prev < oid_table || prev >= oid_table + OID_COUNT - 1)
		return NULL;
	return prev + 1;
}

/* size rules: a query needs room for the whole value; a set gives exactly the value
 * (a string: NUL-terminated, at most size bytes)
 */
static int
check_size(const struct mcm_condis_oid_desc *d, struct mcm_condis_oid_request *r)
{
	if (r->len != 0 && r->buf == NULL)
		return -EINVAL;
	if (!r->set) {
		if (r->len < d->size) {
			r->written = d->size;
			return -EMSGSIZE;
		}
		return 0;
	}
	if (d->type == MCM_CONDIS_OID_STRING)
		return r->len != 0 && r->len <= d->size &&
		       memchr(r->buf, 0, r->len) != NULL ? 0 : -EINVAL;
	return r->len == d->size ? 0 : -EINVAL;
}

static void
put(struct mcm_condis_oid_request *r, const void *v, uint32_t n)
{
	memcpy(r->buf, v, n);
	r->written = n;
}

static void
call_info(const struct mcm_condis_vc *v, struct mcm_condis_oid_call_info *ci)
{
	memset(ci, 0, sizeof(*ci));
	ci->called_len = v->params.called.len;
	memcpy(ci->called, v->params.called.b, sizeof(ci->called));
	ci->calling_len = v->params.calling.len;
	memcpy(ci->calling, v->params.calling.b, sizeof(ci->calling));
	ci->vc_state = v->state;
	ci->call_state = v->call_state;
	ci->origin = v->origin;
	ci->p2mp = v->params.p2mp;
	ci->vpi = v->vpi;
	ci->vci = v->vci;
	ci->fwd_pcr = v->params.fwd_pcr;
	ci->bwd_pcr = v->params.bwd_pcr;
	ci->fwd_sdu = v->params.fwd_sdu;
	ci->bwd_sdu = v->params.bwd_sdu;
	ci->call_ref = v->params.call_ref;
}

/* the OIDs the framework answers from its own records (all read-only) */
static int
answer_self(const struct mcm_condis *reg, uint32_t slot, struct mcm_condis_oid_request *r)
{
	struct mcm_condis_oid_call_info ci;
	uint16_t range[2];
	uint32_t u;
	uint64_t q;

	switch (r->oid) {
	case MCM_OID_ATM_MAX_ACTIVE_VCS:
		u = reg->capacity;
		put(r, &u, sizeof(u));
		return 0;
	case MCM_OID_ATM_MAX_ACTIVE_VPI_BITS:
		u = 12;          /* UNI cell header, I.361 2.2 */
		put(r, &u, sizeof(u));
		return 0;
	case MCM_OID_ATM_MAX_ACTIVE_VCI_BITS:
		u = 16;
		put(r, &u, sizeof(u));
		return 0;
	case MCM_OID_MCM_VPI_RANGE:
		range[0] = 0;
		range[1] = MCM_CONDIS_MAX_VPI;
		put(r, range, sizeof(range));
		return 0;
	case MCM_OID_MCM_VCI_RANGE:
		range[0] = MCM_CONDIS_FIRST_CLIENT_VCI;
		range[1] = UINT16_MAX;
		put(r, range, sizeof(range));
		return 0;
	case MCM_OID_MCM_VC_CALL_INFO:
		call_info(&reg->vcs[slot], &ci);
		put(r, &ci, sizeof(ci));
		return 0;
	case MCM_OID_MCM_VC_SEND_REFUSED:
		q = reg->vcs[slot].send_refused;
		put(r, &q, sizeof(q));
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

int
mcm_condis_oid_request(struct mcm_condis *reg, mcm_condis_handle_t af, mcm_condis_handle_t vc,
		       struct mcm_condis_oid_request *req)
{
	const struct mcm_condis_oid_desc *d;
	uint32_t aidx = CD_OWNER_DRIVER, slot = MCM_CONDIS_OID_PORT;
	int rc;

	if (req == NULL)
		return -EINVAL;
	req->written = 0;
	d = mcm_condis_oid_get(req->oid);
	if (d == NULL)
		return -ENOENT;
	if (af != 0) {
		rc = cd_af_lookup(reg, af, &aidx);
		if (rc != 0)
			return rc;
	}
	if ((d->scope == MCM_CONDIS_OID_SCOPE_VC) != (vc != 0))
		return -EINVAL;
	if (vc != 0) {
		rc = cd_vc_lookup(reg, vc, &slot);
		if (rc != 0)
			return rc;
		/* a client sees its own VCs only; the driver (af 0) sees all */
		if (af != 0 && reg->vc_owner[slot] != aidx)
			return -EACCES;
	}
	if (req->set && d->access != MCM_CONDIS_OID_RW)
		return -EACCES;
	rc = check_size(d, req);
	if (rc != 0)
		return rc;
	switch (d->answer) {
	case MCM_CONDIS_OID_BY_FRAMEWORK:
		return answer_self(reg, slot, req);
	case MCM_CONDIS_OID_BY_CM:
		if (reg->cm.oid_request == NULL)
			return -EOPNOTSUPP;
		return reg->cm.oid_request(reg->cm_ctx, vc, req);
	default:
		if (reg->mp.oid_request == NULL)
			return -EOPNOTSUPP;
		return reg->mp.oid_request(reg->mp_ctx, slot, req);
	}
}
