/* SPDX-License-Identifier: BSD-3-Clause
 * The framework's OID table (CoNDIS OID requests, per port or per VC): the ids, the table's
 * shape and how to walk it. doc/oids.md documents every entry. Included by mcm_condis.h.
 */
#ifndef MCM_CONDIS_OID_H
#define MCM_CONDIS_OID_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* NDIS ids where NDIS has one (ntddndis.h values), else in the vendor range 0xFF...... */
#define MCM_OID_GEN_CO_LINK_SPEED           0x00010105u
#define MCM_OID_GEN_CO_MEDIA_CONNECT_STATUS 0x0001010Bu
#define MCM_OID_GEN_CO_XMIT_PDUS_OK         0x00020101u
#define MCM_OID_GEN_CO_RCV_PDUS_OK          0x00020102u
#define MCM_OID_ATM_MAX_ACTIVE_VCS          0x08010105u
#define MCM_OID_ATM_MAX_ACTIVE_VCI_BITS     0x08010106u
#define MCM_OID_ATM_MAX_ACTIVE_VPI_BITS     0x08010107u
#define MCM_OID_ATM_MAX_AAL5_PACKET_SIZE    0x0801010Bu
#define MCM_OID_ATM_SIGNALING_VPIVCI        0x08010201u
#define MCM_OID_ATM_RCV_CELLS_OK            0x08020101u
#define MCM_OID_ATM_XMIT_CELLS_OK           0x08020102u
#define MCM_OID_ATM_RCV_CELLS_DROPPED       0x08020103u
#define MCM_OID_ATM_RCV_INVALID_VPI_VCI     0x08020201u
#define MCM_OID_ATM_RCV_REASSEMBLY_ERROR    0x08020203u
/* vendor (mcm) OIDs: 0xFF4D ('M') then a group byte (01 port, 02 VC) and an index */
#define MCM_OID_MCM_ATM_ADDRESS             0xFF4D0101u
#define MCM_OID_MCM_VPI_RANGE               0xFF4D0102u
#define MCM_OID_MCM_VCI_RANGE               0xFF4D0103u
#define MCM_OID_MCM_VC_CALL_INFO            0xFF4D0201u
#define MCM_OID_MCM_VC_XMIT_CELLS           0xFF4D0202u
#define MCM_OID_MCM_VC_RCV_CELLS            0xFF4D0203u
#define MCM_OID_MCM_VC_XMIT_PDUS            0xFF4D0204u
#define MCM_OID_MCM_VC_RCV_PDUS             0xFF4D0205u
#define MCM_OID_MCM_VC_SEND_REFUSED         0xFF4D0206u

/** slot_or_port value given to the miniport for a port-scope OID. */
#define MCM_CONDIS_OID_PORT UINT32_MAX

enum mcm_condis_oid_scope {
	MCM_CONDIS_OID_SCOPE_PORT = 0,  /**< asked with vc = 0 */
	MCM_CONDIS_OID_SCOPE_VC,        /**< asked with a VC handle */
};

enum mcm_condis_oid_type {
	MCM_CONDIS_OID_U32 = 0,         /**< host-order uint32_t, size 4 */
	MCM_CONDIS_OID_U64,             /**< host-order uint64_t, size 8 */
	MCM_CONDIS_OID_BYTES,           /**< exactly size bytes */
	MCM_CONDIS_OID_STRING,          /**< NUL-terminated, at most size bytes with the NUL */
};

enum mcm_condis_oid_access {
	MCM_CONDIS_OID_RO = 0,
	MCM_CONDIS_OID_RW,
};

/** Who answers an OID once the framework has checked it. */
enum mcm_condis_oid_answer {
	MCM_CONDIS_OID_BY_FRAMEWORK = 0,  /**< lib/condis itself (its own records) */
	MCM_CONDIS_OID_BY_CM,             /**< the call manager's oid_request */
	MCM_CONDIS_OID_BY_MINIPORT,       /**< the miniport's oid_request */
};

/** One OID of the table. */
struct mcm_condis_oid_desc {
	uint32_t id;             /**< NDIS-style id (MCM_OID_...) */
	const char *ndis_name;   /**< e.g. "OID_ATM_MAX_ACTIVE_VCS" */
	const char *name;        /**< short lowercase name for the command line */
	uint8_t scope;           /**< enum mcm_condis_oid_scope */
	uint8_t type;            /**< enum mcm_condis_oid_type */
	uint8_t access;          /**< enum mcm_condis_oid_access */
	uint8_t answer;          /**< enum mcm_condis_oid_answer */
	uint32_t size;           /**< bytes (maximum for STRING) */
	const char *meaning;     /**< one line */
};

/** An OID request (query or set), as the client gives it and the handlers see it. */
struct mcm_condis_oid_request {
	uint32_t oid;            /**< MCM_OID_... */
	bool set;                /**< false: query */
	void *buf;               /**< query: answer goes here; set: the value */
	uint32_t len;            /**< bytes of buf */
	uint32_t written;        /**< query: bytes written; on -EMSGSIZE the size needed */
};

/** Answer of MCM_OID_MCM_VC_CALL_INFO ("vc_call_info"), filled by the framework. */
struct mcm_condis_oid_call_info {
	uint8_t called_len, calling_len;  /**< 0: none */
	uint8_t called[20], calling[20];  /**< AESA */
	uint8_t vc_state;        /**< enum mcm_condis_vc_state */
	uint8_t call_state;      /**< enum mcm_condis_call_state */
	uint8_t origin;          /**< enum mcm_condis_vc_origin */
	uint8_t p2mp;
	uint16_t vpi, vci;       /**< 0/0 until known */
	uint32_t fwd_pcr, bwd_pcr;
	uint32_t fwd_sdu, bwd_sdu;
	uint32_t call_ref;
};

/**
 * Find an OID by its short name ("atm_address") or its NDIS name ("OID_ATM_...").
 *
 * @param name
 *   The name (case-sensitive).
 * @return the entry, or NULL.
 */
const struct mcm_condis_oid_desc *mcm_condis_oid_find(const char *name);

/**
 * The entry of an OID id.
 *
 * @param id
 *   MCM_OID_...
 * @return the entry, or NULL for an unknown id.
 */
const struct mcm_condis_oid_desc *mcm_condis_oid_get(uint32_t id);

/**
 * Short name of an OID id.
 *
 * @param id
 *   MCM_OID_...
 * @return the name, or NULL for an unknown id.
 */
const char *mcm_condis_oid_name(uint32_t id);

/**
 * Walk the table in its order.
 *
 * @param prev
 *   NULL for the first entry, else an entry this table returned.
 * @return the next entry, or NULL after the last.
 */
const struct mcm_condis_oid_desc *mcm_condis_oid_next(const struct mcm_condis_oid_desc *prev);

#ifdef __cplusplus
}
#endif

#endif /* MCM_CONDIS_OID_H */
