/* SPDX-License-Identifier: BSD-3-Clause
 * lib/condis: the CoNDIS framework (the NDIS role, DESIGN.md "The roles" and "lib/condis: the
 * framework's shape"). It binds three parties through tables of entry points:
 *  - the call manager half of the driver (struct mcm_condis_cm_ops, one per port),
 *  - the miniport half of the driver (struct mcm_condis_mp_ops: no create/delete VC),
 *  - clients (struct mcm_condis_client_ops, one per open address family),
 * and owns every client VC's record, state and owner. It refuses what the rules forbid before
 * any handler runs, and a refused call changes nothing.
 *
 * Rules it enforces:
 *  - VCIs 0..31 belong to the driver (signalling 0/5, ILMI 0/16, OAM F4 3/4; I.361 2.2.3):
 *    they never enter, so they are never listed, created, activated, found or sent on.
 *  - A VC is activated (media parameters set) only from CREATED, and deleted only when not
 *    active: deactivation comes first.
 *  - Handles are opaque, never 0, and carry a generation: a stale one gets -ESTALE.
 *
 * No DPDK, no threads, no clocks: one owner (the port's control thread) calls it. Events leave
 * through the client callbacks, called synchronously from the call that caused them; handlers
 * may call back into the framework (the driver normally queues them to per-client rings).
 * doc/condis.md has the full contract.
 */
#ifndef MCM_CONDIS_H
#define MCM_CONDIS_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include "mcm_condis_oid.h"

#ifdef __cplusplus
extern "C" {
#endif

enum mcm_condis_vc_state {
	MCM_CONDIS_VC_FREE = 0,      /**< slot unused */
	MCM_CONDIS_VC_CREATED,       /**< exists, no media parameters: no traffic */
	MCM_CONDIS_VC_ACTIVE,        /**< media parameters set: traffic flows */
	MCM_CONDIS_VC_DEACTIVATING,  /**< being taken out of the data path */
};

/** Who created the VC. */
enum mcm_condis_vc_origin {
	MCM_CONDIS_VC_PVC = 0,       /**< permanent VC */
	MCM_CONDIS_VC_CLIENT_SVC,    /**< switched VC of an outgoing call (client create VC) */
	MCM_CONDIS_VC_MCM_SVC,       /**< switched VC of an incoming call (MCM create VC) */
};

/** State of the call on a VC (the framework's view; Q.2931 states live in lib/uni). */
enum mcm_condis_call_state {
	MCM_CONDIS_CALL_NONE = 0,    /**< no call */
	MCM_CONDIS_CALL_OUTGOING,    /**< make call pending at the call manager */
	MCM_CONDIS_CALL_INCOMING,    /**< offered to the client, not answered yet */
	MCM_CONDIS_CALL_ACCEPTED,    /**< client accepted, waiting for connected */
	MCM_CONDIS_CALL_CONNECTED,   /**< up */
	MCM_CONDIS_CALL_CLOSING,     /**< close call pending at the call manager */
};

/** An opaque handle: kind, index and generation; 0 is never valid. */
typedef uint64_t mcm_condis_handle_t;

enum mcm_condis_handle_kind {
	MCM_CONDIS_HANDLE_AF = 1,
	MCM_CONDIS_HANDLE_SAP,
	MCM_CONDIS_HANDLE_VC,
	MCM_CONDIS_HANDLE_PARTY,
};

/** A handler's "answer later" (NDIS_STATUS_PENDING): see client_ops.incoming_call. */
#define MCM_CONDIS_PENDING (-EINPROGRESS)

/** First VCI a client may use (I.361: 0..31 reserved). */
#define MCM_CONDIS_FIRST_CLIENT_VCI 32
/** Highest VPI at the UNI (12 bits, I.361 2.2.3). */
#define MCM_CONDIS_MAX_VPI 4095
/** Address families open at once per registry. */
#define MCM_CONDIS_MAX_AFS 32
/** SAPs registered at once per registry. */
#define MCM_CONDIS_MAX_SAPS 64
/** Most VCs of a registry (2^20). */
#define MCM_CONDIS_MAX_CAPACITY (1u << 20)
/** Most parties of a registry (min(capacity, this), at least 64). */
#define MCM_CONDIS_MAX_PARTIES 65536u

/* Q.2931 / Q.850 causes the framework itself uses (doc/condis.md "Causes"). */
#define MCM_CONDIS_CAUSE_UNALLOCATED_NUMBER   1   /**< no SAP for the called address */
#define MCM_CONDIS_CAUSE_NORMAL_CLEARING      16
#define MCM_CONDIS_CAUSE_CALL_REJECTED        21  /**< client rejected without a cause */
#define MCM_CONDIS_CAUSE_INCOMPATIBLE_DEST    88  /**< address matches, BHLI/BLLI does not */

struct mcm_condis_addr {
	uint8_t len;             /**< 20 for an AESA; 0: none */
	uint8_t b[20];
};

/** Broadband high layer information (Q.2931 4.5.8). */
struct mcm_condis_bhli {
	uint8_t present, type, len;
	uint8_t info[8];
};

/**
 * Broadband low layer information (Q.2931 4.5.9), reduced to what selects a client: a SAP
 * and a call match when their layer 2 and layer 3 protocols and routed protocol agree.
 * An LLC B-LLI (layer 2 LLC) is the same for routed and bridged PDUs (RFC 2684 7): a SAP's
 * encap says which of the two the VCs of the calls it takes carry.
 */
struct mcm_condis_blli {
	uint8_t present, l2, l3;
	uint8_t encap;           /**< enum mcm_encap (lib/atm mcm_rfc2684.h) this B-LLI means */
	uint16_t proto;          /**< layer 3 ISO/IEC TR 9577 naming a routed protocol (VC-mux
				  *   routed): its EtherType; 0 otherwise */
	uint8_t implied;         /**< 1: the SETUP carried none, and this is the one its absence
				  *   means (LLC, RFC 2684 7); matched as if sent */
};

/**
 * Whether two B-LLIs are the same as SAPs and calls are matched: layer 2 and layer 3
 * protocols and routed protocol alike (the encapsulation each means aside: LLC routed and
 * bridged send the same B-LLI).
 * @param a  one.
 * @param b  the other.
 * @return true if they match
 */
bool mcm_condis_blli_same(const struct mcm_condis_blli *a, const struct mcm_condis_blli *b);

/** What a call asks for, and what it got. */
struct mcm_condis_call_params {
	struct mcm_condis_addr called, calling;
	struct mcm_condis_bhli bhli;
	struct mcm_condis_blli blli;
	uint8_t n_blli_alt;          /**< outgoing: B-LLIs offered after blli, in order of
				      *   preference (Q.2931 Annex C); 0 once one is taken */
	struct mcm_condis_blli blli_alt[2];
	uint32_t fwd_pcr, bwd_pcr;   /**< cells/s, 0: UBR best effort */
	uint32_t fwd_sdu, bwd_sdu;   /**< AAL5 max CPCS-SDU, 0: default */
	uint8_t p2mp;
	uint16_t vpi, vci;           /**< set by the call manager once known */
	uint32_t call_ref;           /**< Q.2931 call reference, for information */
};

/** ATM service category of a VC's traffic contract (UNI 4.0 traffic descriptor). */
enum mcm_condis_category {
	MCM_CONDIS_CAT_UBR = 0,  /**< best effort indicator, or no contract (PVCs) */
	MCM_CONDIS_CAT_CBR,      /**< peak cell rates only */
	MCM_CONDIS_CAT_VBR,      /**< sustainable cell rate and burst size given */
};

/** Media parameters given at activation. */
struct mcm_condis_media {
	uint8_t aal;        /**< 5 */
	uint8_t encap;      /**< enum mcm_encap (lib/atm) */
	uint8_t category;   /**< enum mcm_condis_category */
	uint32_t max_sdu;   /**< bytes */
	uint32_t pcr;       /**< peak cell rate this end sends at, cells/s; 0 = unspecified */
	uint32_t rx_pcr;    /**< peak cell rate this end receives at, cells/s; 0 = unspecified */
	uint16_t vpi;       /**< new API (mcm_condis_mcm_activate_vc): the VC's VPI/VCI */
	uint16_t vci;
	uint32_t fwd_pcr, bwd_pcr;   /**< cells/s, 0: UBR */
	uint32_t fwd_sdu, bwd_sdu;   /**< AAL5 max CPCS-SDU per direction, 0: max_sdu */
	uint32_t pw_label;  /**< RFC 4717 AAL5 CPCS-SDU or PDU mode: the VC's own pseudowire
			      *   label; 0: its cells go in the port's N:1 pseudowire */
	uint8_t pw_pdu;     /**< with pw_label: 1 AAL5 PDU frame mode (RFC 4717 10), 0 SDU
			      *   mode (RFC 4717 9) */
};

/** Operational state of an active VC, as the miniport sees its path (I.610). */
struct mcm_condis_vc_oper {
	uint8_t up;         /**< 1: operationally up */
	uint8_t defects;    /**< the driver's defect bits (AIS, RDI, LOC) */
	uint8_t cause;      /**< the driver's reason for down, 0 while up */
};

/** The framework's record of a VC (read-only for everybody else). */
struct mcm_condis_vc {
	uint16_t vpi;
	uint16_t vci;       /**< 0/0 while has_vpi_vci is 0 */
	uint8_t state;      /**< enum mcm_condis_vc_state */
	uint8_t origin;     /**< enum mcm_condis_vc_origin */
	struct mcm_condis_media media;
	uint8_t has_vpi_vci;  /**< VPI/VCI registered (findable) */
	uint8_t call_state;   /**< enum mcm_condis_call_state */
	uint8_t offered;      /**< MCM VC: given to a client by dispatch_incoming_call */
	mcm_condis_handle_t owner;   /**< AF handle; 0: the driver (its bridge client) or,
				      *   for an MCM VC not offered yet, nobody */
	struct mcm_condis_call_params params;  /**< the call's, once there is one */
	uint32_t nparties;    /**< parties added besides the first (Q.2971) */
	uint64_t send_refused;  /**< mcm_condis_send on a VC not active */
};

/** What a SAP accepts. */
struct mcm_condis_sap {
	struct mcm_condis_addr addr;  /**< len 0: any called address */
	struct mcm_condis_bhli bhli;  /**< !present: any */
	struct mcm_condis_blli blli;  /**< !present: any */
};

/** Call-manager half, registered by the driver per port (NDIS names in comments). */
struct mcm_condis_cm_ops {
	int (*create_vc)(void *ctx, mcm_condis_handle_t vc);        /* ProtocolCoCreateVc */
	int (*delete_vc)(void *ctx, mcm_condis_handle_t vc);        /* ProtocolCoDeleteVc */
	int (*open_af)(void *ctx, mcm_condis_handle_t af);          /* ProtocolCmOpenAf */
	int (*close_af)(void *ctx, mcm_condis_handle_t af);         /* ProtocolCmCloseAf */
	int (*register_sap)(void *ctx, mcm_condis_handle_t sap, const struct mcm_condis_sap *s);
	int (*deregister_sap)(void *ctx, mcm_condis_handle_t sap);
	/* ProtocolCmMakeCall: 0 pending, completes with mcm_condis_make_call_complete */
	int (*make_call)(void *ctx, mcm_condis_handle_t vc,
			 const struct mcm_condis_call_params *p);
	/* ProtocolCmCloseCall: 0 pending, completes with mcm_condis_close_call_complete */
	int (*close_call)(void *ctx, mcm_condis_handle_t vc, uint8_t cause);
	/* ProtocolCmIncomingCallComplete: the client accepted (0) or rejected with a cause */
	int (*incoming_call_complete)(void *ctx, mcm_condis_handle_t vc, int status,
				      uint8_t cause);
	/* ProtocolCmAddParty: completes with mcm_condis_add_party_complete */
	int (*add_party)(void *ctx, mcm_condis_handle_t vc, mcm_condis_handle_t party,
			 const struct mcm_condis_call_params *p);
	/* ProtocolCmDropParty: completes with mcm_condis_dispatch_party_dropped */
	int (*drop_party)(void *ctx, mcm_condis_handle_t party, uint8_t cause);
	/* ProtocolCoOidRequest (call manager) */
	int (*oid_request)(void *ctx, mcm_condis_handle_t vc, struct mcm_condis_oid_request *r);
	/* the leaf side's client accepted (0) or rejected with a cause a party offered by
	 * mcm_condis_dispatch_incoming_party: ADD PARTY ACKNOWLEDGE or ADD PARTY REJECT
	 * (Q.2971 5.2); on a reject the party handle is already stale
	 */
	int (*incoming_party_complete)(void *ctx, mcm_condis_handle_t party, int status,
				       uint8_t cause);
};

/** Miniport half, registered by the driver; NO create/delete VC here. */
struct mcm_condis_mp_ops {
	/* MiniportCoActivateVc */
	int (*activate_vc)(void *ctx, uint32_t slot, const struct mcm_condis_media *m);
	/* MiniportCoDeactivateVc: returns when the data path is done with the VC */
	int (*deactivate_vc)(void *ctx, uint32_t slot);
	/* MiniportCoOidRequest: slot_or_port is MCM_CONDIS_OID_PORT for a port OID */
	int (*oid_request)(void *ctx, uint32_t slot_or_port, struct mcm_condis_oid_request *r);
	/* MiniportCoSendNetBufferLists: returns how many were taken */
	uint16_t (*send)(void *ctx, uint32_t slot, void **pkts, uint16_t n);
	/* optional (no NDIS counterpart): the slot the miniport would have PVC vpi/vci take,
	 * or -1; the registry gives it that slot when it is free (mcm: slots in VCI order keep
	 * the data path's VCI map affine, doc/architecture.md)
	 */
	int (*pvc_slot_hint)(void *ctx, uint16_t vpi, uint16_t vci);
};

/** Each client, at open AF; any entry may be NULL. */
struct mcm_condis_client_ops {
	void (*vc_created)(void *ctx, mcm_condis_handle_t vc);    /* MCM made a VC for it */
	void (*vc_deleted)(void *ctx, mcm_condis_handle_t vc);
	/* answer now (return 0 accept, or a Q.2931 cause > 0 to reject) or later (return
	 * MCM_CONDIS_PENDING and call mcm_condis_incoming_call_answer); NULL: pending */
	int (*incoming_call)(void *ctx, mcm_condis_handle_t sap, mcm_condis_handle_t vc,
			     const struct mcm_condis_call_params *p);
	void (*make_call_complete)(void *ctx, mcm_condis_handle_t vc, int status, uint8_t cause,
				   const struct mcm_condis_call_params *p);
	void (*call_connected)(void *ctx, mcm_condis_handle_t vc);  /* incoming call is up */
	void (*incoming_close)(void *ctx, mcm_condis_handle_t vc, uint8_t cause);
	void (*close_call_complete)(void *ctx, mcm_condis_handle_t vc);
	void (*party_added)(void *ctx, mcm_condis_handle_t party, int status, uint8_t cause);
	void (*party_dropped)(void *ctx, mcm_condis_handle_t party, uint8_t cause);
	void (*vc_status)(void *ctx, mcm_condis_handle_t vc, int active);
	void (*link_status)(void *ctx, int up);
	/* a party offered on the leaf side of a p2mp call the client owns (ADD PARTY that
	 * matched its SAP, Q.2971 5.2): answer as incoming_call does (0 accept, a cause > 0
	 * reject, MCM_CONDIS_PENDING and mcm_condis_incoming_party_answer later); NULL: pending.
	 * Once accepted and acknowledged the client gets party_added(0); a party withdrawn
	 * before or after that gets party_dropped.
	 */
	int (*incoming_party)(void *ctx, mcm_condis_handle_t sap, mcm_condis_handle_t vc,
			      mcm_condis_handle_t party, const struct mcm_condis_call_params *p);
	/* the operational state of an active VC the client owns changed (I.610 fault
	 * management: AIS, RDI, loss of continuity, a failed path below)
	 */
	void (*vc_oper)(void *ctx, mcm_condis_handle_t vc, const struct mcm_condis_vc_oper *st);
};

/** One call, as mcm_condis_call_list gives it. */
struct mcm_condis_call_info {
	mcm_condis_handle_t vc;
	mcm_condis_handle_t af;      /**< owner; 0: the driver */
	uint8_t vc_state;            /**< enum mcm_condis_vc_state */
	uint8_t call_state;          /**< enum mcm_condis_call_state */
	struct mcm_condis_call_params params;
};

/** One SAP, as mcm_condis_sap_list gives it. */
struct mcm_condis_sap_info {
	mcm_condis_handle_t sap;
	mcm_condis_handle_t af;      /**< owner */
	struct mcm_condis_sap sap_params;
};

struct mcm_condis;

/* ---- registry (kept from the first release; the driver uses it today) ---- */

/**
 * Create a registry of at most @p capacity VCs (1..MCM_CONDIS_MAX_CAPACITY). Slot numbers
 * are 0..capacity-1 and stay with a VC until it is deleted. It holds min(@p capacity,
 * MCM_CONDIS_MAX_PARTIES) parties of point-to-multipoint calls, at least 64.
 *
 * @param capacity
 *   Maximum number of VCs.
 * @return the registry, or NULL (bad capacity, no memory).
 */
struct mcm_condis *mcm_condis_create(uint32_t capacity);

/**
 * Free a registry and everything in it (no handler is called).
 *
 * @param reg
 *   The registry, or NULL.
 */
void mcm_condis_destroy(struct mcm_condis *reg);

/**
 * Capacity given at create.
 *
 * @param reg
 *   The registry.
 * @return the capacity.
 */
uint32_t mcm_condis_capacity(const struct mcm_condis *reg);

/**
 * Number of VCs in the registry (any state but FREE, with or without a VPI/VCI yet).
 *
 * @param reg
 *   The registry.
 * @return the count.
 */
uint32_t mcm_condis_count(const struct mcm_condis *reg);

/**
 * Create a VC with its VPI/VCI in state CREATED, owned by the driver; no handler is called
 * (the first release's entry point: the driver does the rest itself).
 *
 * @param reg
 *   The registry.
 * @param origin
 *   Who asked for it.
 * @param vpi
 *   0..4095.
 * @param vci
 *   32..65535.
 * @return its slot (>= 0); -EPERM for a reserved VCI or VPI > 4095; -EEXIST; -ENOSPC.
 */
int mcm_condis_vc_create(struct mcm_condis *reg, enum mcm_condis_vc_origin origin,
			 uint16_t vpi, uint16_t vci);

/**
 * Activate: CREATED -> ACTIVE with @p media (no handler is called).
 *
 * @param reg
 *   The registry.
 * @param slot
 *   The VC's slot.
 * @param media
 *   Media parameters to record.
 * @return 0; -ENOENT; -EBUSY wrong state; -EINVAL a VC without VPI/VCI.
 */
int mcm_condis_vc_activate(struct mcm_condis *reg, uint32_t slot,
			   const struct mcm_condis_media *media);

/**
 * Start deactivation: ACTIVE -> DEACTIVATING (no handler is called).
 *
 * @param reg
 *   The registry.
 * @param slot
 *   The VC's slot.
 * @return 0; -ENOENT; -EBUSY wrong state.
 */
int mcm_condis_vc_deactivate(struct mcm_condis *reg, uint32_t slot);

/**
 * Deactivation done (nothing in the data path uses it): DEACTIVATING -> CREATED.
 *
 * @param reg
 *   The registry.
 * @param slot
 *   The VC's slot.
 * @return 0; -ENOENT; -EBUSY wrong state.
 */
int mcm_condis_vc_deactivate_complete(struct mcm_condis *reg, uint32_t slot);

/**
 * Delete: CREATED -> FREE (no handler is called).
 *
 * @param reg
 *   The registry.
 * @param slot
 *   The VC's slot.
 * @return 0; -ENOENT; -EBUSY still active, deactivating or with a call.
 */
int mcm_condis_vc_delete(struct mcm_condis *reg, uint32_t slot);

/**
 * Find a VC by VPI/VCI.
 *
 * @param reg
 *   The registry.
 * @param vpi
 *   VPI.
 * @param vci
 *   VCI.
 * @return its slot, or -ENOENT (reserved VCIs are never found).
 */
int mcm_condis_vc_find(const struct mcm_condis *reg, uint16_t vpi, uint16_t vci);

/**
 * The VC in a slot.
 *
 * @param reg
 *   The registry.
 * @param slot
 *   The slot.
 * @return the record, or NULL if the slot is free or out of range.
 */
const struct mcm_condis_vc *mcm_condis_vc_get(const struct mcm_condis *reg, uint32_t slot);

/**
 * Slots of the VCs: those with a VPI/VCI first, in VPI/VCI order, then those without one
 * yet in slot order; from the @p start-th.
 *
 * @param reg
 *   The registry.
 * @param start
 *   Index of the first to give.
 * @param slots
 *   Output array.
 * @param max
 *   Room in @p slots.
 * @return how many were written to @p slots (at most @p max).
 */
uint32_t mcm_condis_vc_list(const struct mcm_condis *reg, uint32_t start, uint32_t *slots,
			    uint32_t max);

/**
 * Name of a VC state.
 *
 * @param st
 *   The state.
 * @return "created", "active", "deactivating" or "free".
 */
const char *mcm_condis_vc_state_name(enum mcm_condis_vc_state st);

/**
 * Name of a call state.
 *
 * @param st
 *   The state.
 * @return "none", "outgoing", "incoming", "accepted", "connected" or "closing".
 */
const char *mcm_condis_call_state_name(enum mcm_condis_call_state st);

/* ---- handles ---- */

/**
 * The handle of the VC in a slot.
 *
 * @param reg
 *   The registry.
 * @param slot
 *   The slot.
 * @return the handle, or 0 if the slot is free or out of range.
 */
mcm_condis_handle_t mcm_condis_vc_handle(const struct mcm_condis *reg, uint32_t slot);

/**
 * The VC of a handle.
 *
 * @param reg
 *   The registry.
 * @param vc
 *   A VC handle.
 * @return the record, or NULL for a stale or invalid handle.
 */
const struct mcm_condis_vc *mcm_condis_vc_by_handle(const struct mcm_condis *reg,
						    mcm_condis_handle_t vc);

/**
 * The slot of a VC handle.
 *
 * @param reg
 *   The registry.
 * @param vc
 *   A VC handle.
 * @return the slot (>= 0); -EINVAL not a VC handle; -ESTALE the VC is gone.
 */
int mcm_condis_vc_slot(const struct mcm_condis *reg, mcm_condis_handle_t vc);

/**
 * Kind of a handle (no validity check).
 *
 * @param h
 *   Any handle.
 * @return enum mcm_condis_handle_kind, or 0 for 0 or garbage.
 */
int mcm_condis_handle_kind(mcm_condis_handle_t h);

/* ---- the driver registers its two halves ---- */

/**
 * Register the call-manager half (one per registry; again replaces it).
 *
 * @param reg
 *   The registry.
 * @param ops
 *   Entry points (copied); NULL unregisters.
 * @param ctx
 *   Given back to every entry point.
 * @return 0.
 */
int mcm_condis_register_cm(struct mcm_condis *reg, const struct mcm_condis_cm_ops *ops,
			   void *ctx);

/**
 * Register the miniport half (one per registry; again replaces it).
 *
 * @param reg
 *   The registry.
 * @param ops
 *   Entry points (copied); NULL unregisters.
 * @param ctx
 *   Given back to every entry point.
 * @return 0.
 */
int mcm_condis_register_miniport(struct mcm_condis *reg, const struct mcm_condis_mp_ops *ops,
				 void *ctx);

/* ---- clients: address families and SAPs ---- */

/**
 * Open the address family (NdisClOpenAddressFamily): cm open_af.
 *
 * @param reg
 *   The registry.
 * @param ops
 *   The client's event entry points (copied; NULL: no events).
 * @param ctx
 *   Given back to every event.
 * @param af
 *   Out: the AF handle.
 * @return 0; -EINVAL; -ENOSPC (MCM_CONDIS_MAX_AFS open); the call manager's error.
 */
int mcm_condis_af_open(struct mcm_condis *reg, const struct mcm_condis_client_ops *ops,
		       void *ctx, mcm_condis_handle_t *af);

/**
 * Close the address family (NdisClCloseAddressFamily): its SAPs are deregistered (cm
 * deregister_sap each), then cm close_af. Refused while the client owns any VC: it closes
 * its calls and deletes its VCs first (VCs of incoming calls are deleted by the MCM).
 *
 * @param reg
 *   The registry.
 * @param af
 *   The AF handle.
 * @return 0; -EINVAL; -ESTALE; -EBUSY it owns VCs.
 */
int mcm_condis_af_close(struct mcm_condis *reg, mcm_condis_handle_t af);

/**
 * Register a SAP (NdisClRegisterSap): cm register_sap.
 *
 * @param reg
 *   The registry.
 * @param af
 *   The client's AF.
 * @param sap
 *   What it accepts.
 * @param handle
 *   Out: the SAP handle.
 * @return 0; -EINVAL bad SAP; -ESTALE; -EADDRINUSE overlaps a SAP of another client (same
 *   or "any" address with overlapping BHLI and BLLI); -ENOSPC; the call manager's error.
 */
int mcm_condis_sap_register(struct mcm_condis *reg, mcm_condis_handle_t af,
			    const struct mcm_condis_sap *sap, mcm_condis_handle_t *handle);

/**
 * Deregister a SAP (NdisClDeregisterSap): cm deregister_sap.
 *
 * @param reg
 *   The registry.
 * @param sap
 *   The SAP handle.
 * @return 0; -EINVAL; -ESTALE; the call manager's error.
 */
int mcm_condis_sap_deregister(struct mcm_condis *reg, mcm_condis_handle_t sap);

/**
 * Counts of what an AF owns.
 *
 * @param reg
 *   The registry.
 * @param af
 *   The AF handle; 0: the driver's own VCs.
 * @param nvcs
 *   Out (may be NULL): VCs it owns.
 * @param nsaps
 *   Out (may be NULL): SAPs it registered.
 * @return 0; -EINVAL; -ESTALE.
 */
int mcm_condis_af_counts(const struct mcm_condis *reg, mcm_condis_handle_t af,
			 uint32_t *nvcs, uint32_t *nsaps);

/* ---- clients: VCs, calls, parties ---- */

/**
 * A client creates a VC for an outgoing call (NdisCoCreateVc): cm create_vc.
 *
 * @param reg
 *   The registry.
 * @param af
 *   The client's AF.
 * @param vc
 *   Out: the VC handle.
 * @return 0; -EINVAL; -ESTALE; -ENOSPC; the call manager's error.
 */
int mcm_condis_vc_create_client(struct mcm_condis *reg, mcm_condis_handle_t af,
				mcm_condis_handle_t *vc);

/**
 * A client deletes a VC it created (NdisCoDeleteVc): cm delete_vc.
 *
 * @param reg
 *   The registry.
 * @param af
 *   The client's AF.
 * @param vc
 *   The VC.
 * @return 0; -EINVAL; -ESTALE; -EACCES not its VC; -EPERM a VC it did not create (PVC or
 *   incoming call's); -EBUSY active or with a call; the call manager's error.
 */
int mcm_condis_vc_delete_client(struct mcm_condis *reg, mcm_condis_handle_t af,
				mcm_condis_handle_t vc);

/**
 * Make a call on a client VC (NdisClMakeCall): cm make_call; completes with the client's
 * make_call_complete.
 *
 * @param reg
 *   The registry.
 * @param vc
 *   A VC its owner created, CREATED, without a call.
 * @param params
 *   What the call asks for.
 * @return 0 pending; -EINVAL; -ESTALE; -EPERM not a client-created VC; -EBUSY has a call or
 *   is active; -EOPNOTSUPP no call manager; the call manager's error.
 */
int mcm_condis_make_call(struct mcm_condis *reg, mcm_condis_handle_t vc,
			 const struct mcm_condis_call_params *params);

/**
 * Close the call on a VC (NdisClCloseCall): cm close_call, then the VC is deactivated at
 * once; completes with the client's close_call_complete.
 *
 * @param reg
 *   The registry.
 * @param vc
 *   The VC (call outgoing, accepted or connected).
 * @param cause
 *   Q.2931 cause for the RELEASE (0: 16 normal clearing).
 * @return 0 pending; -EINVAL; -ESTALE; -ENOTCONN no call to close; -EALREADY closing;
 *   -EOPNOTSUPP no call manager; the call manager's error.
 */
int mcm_condis_close_call(struct mcm_condis *reg, mcm_condis_handle_t vc, uint8_t cause);

/**
 * Answer an incoming call later (NdisClIncomingCallComplete): cm incoming_call_complete.
 *
 * @param reg
 *   The registry.
 * @param vc
 *   The VC offered by incoming_call.
 * @param status
 *   0 accept, else reject.
 * @param cause
 *   Reject cause (0: 21 call rejected).
 * @return 0; -EINVAL; -ESTALE; -EALREADY not waiting for an answer.
 */
int mcm_condis_incoming_call_answer(struct mcm_condis *reg, mcm_condis_handle_t vc,
				    int status, uint8_t cause);

/**
 * Add a party to a connected point-to-multipoint call (NdisClAddParty): cm add_party;
 * completes with the client's party_added.
 *
 * @param reg
 *   The registry.
 * @param vc
 *   A connected p2mp call's VC.
 * @param params
 *   The party (called address etc.).
 * @param party
 *   Out: the party handle.
 * @return 0 pending; -EINVAL; -ESTALE; -ENOTCONN not connected; -EOPNOTSUPP not p2mp or
 *   no call manager; -ENOSPC; the call manager's error.
 */
int mcm_condis_add_party(struct mcm_condis *reg, mcm_condis_handle_t vc,
			 const struct mcm_condis_call_params *params, mcm_condis_handle_t *party);

/**
 * Answer later a party offered by the client's incoming_party (the leaf side of a p2mp
 * call, Q.2971 5.2): cm incoming_party_complete. A rejected party is freed (its handle goes
 * stale, no event); an accepted one waits for mcm_condis_add_party_complete.
 *
 * @param reg
 *   The registry.
 * @param party
 *   The party offered.
 * @param status
 *   0 accept, else reject.
 * @param cause
 *   Reject cause (0: 21 call rejected).
 * @return 0; -EINVAL; -ESTALE; -EALREADY not waiting for an answer.
 */
int mcm_condis_incoming_party_answer(struct mcm_condis *reg, mcm_condis_handle_t party,
				     int status, uint8_t cause);

/**
 * Drop a party (NdisClDropParty): cm drop_party; completes with the client's party_dropped.
 *
 * @param reg
 *   The registry.
 * @param party
 *   The party.
 * @param cause
 *   Q.2931 cause (0: 16 normal clearing).
 * @return 0 pending; -EINVAL; -ESTALE; -EALREADY being added or dropped; -EOPNOTSUPP;
 *   the call manager's error.
 */
int mcm_condis_drop_party(struct mcm_condis *reg, mcm_condis_handle_t party, uint8_t cause);

/* ---- entry points the MCM (driver) calls: NdisMCm* ---- */

/**
 * The MCM creates a VC for an incoming call (NdisMCmCreateVc); it has no owner until
 * mcm_condis_dispatch_incoming_call.
 *
 * @param reg
 *   The registry.
 * @param vc
 *   Out: the VC handle.
 * @return 0; -EINVAL; -ENOSPC.
 */
int mcm_condis_mcm_create_vc(struct mcm_condis *reg, mcm_condis_handle_t *vc);

/**
 * The MCM deletes a VC it created (NdisMCmDeleteVc); its owner, if any, gets vc_deleted.
 *
 * @param reg
 *   The registry.
 * @param vc
 *   The VC.
 * @return 0; -EINVAL; -ESTALE; -EPERM not an MCM VC; -EBUSY active or with a call.
 */
int mcm_condis_mcm_delete_vc(struct mcm_condis *reg, mcm_condis_handle_t vc);

/**
 * Activate a VC (NdisMCmActivateVc): registers media->vpi/vci, mp activate_vc, state
 * ACTIVE, the owner gets vc_status(1).
 *
 * @param reg
 *   The registry.
 * @param vc
 *   The VC, CREATED, with an owner (an MCM VC must have been offered) and, unless a PVC,
 *   a call (outgoing, incoming, accepted or connected).
 * @param media
 *   Media parameters, VPI/VCI included.
 * @return 0; -EINVAL; -ESTALE; -EPERM reserved VCI (0..31) or VPI > 4095, or an MCM VC not
 *   offered yet; -ENOTCONN a switched VC without a call; -EEXIST VPI/VCI in use; -EBUSY not
 *   CREATED, or its call is closing; the miniport's error.
 */
int mcm_condis_mcm_activate_vc(struct mcm_condis *reg, mcm_condis_handle_t vc,
			       const struct mcm_condis_media *media);

/**
 * Deactivate a VC (NdisMCmDeactivateVc): mp deactivate_vc (returns when the data path is
 * done), state CREATED, VPI/VCI released, the owner gets vc_status(0).
 *
 * @param reg
 *   The registry.
 * @param vc
 *   The VC, ACTIVE.
 * @return 0; -EINVAL; -ESTALE; -EBUSY not active; the miniport's error (VC stays active).
 */
int mcm_condis_mcm_deactivate_vc(struct mcm_condis *reg, mcm_condis_handle_t vc);

/**
 * Offer an incoming call (NdisCmDispatchIncomingCall) to the client whose SAP matches the
 * called address, BHLI and BLLI; the VC becomes that client's (vc_created, then
 * incoming_call). The answer reaches the call manager through incoming_call_complete,
 * from inside this call if the client answered at once.
 *
 * @param reg
 *   The registry.
 * @param vc
 *   A VC from mcm_condis_mcm_create_vc, not offered yet.
 * @param params
 *   The SETUP's parameters.
 * @return 0 offered; -EINVAL; -ESTALE; -EBUSY already offered or in use; -ENOENT no SAP
 *   for the called address (reject with cause 1, unallocated number); -EPROTONOSUPPORT the
 *   address matches but BHLI/BLLI do not (cause 88, incompatible destination).
 */
int mcm_condis_dispatch_incoming_call(struct mcm_condis *reg, mcm_condis_handle_t vc,
				      const struct mcm_condis_call_params *params);

/**
 * Offer a party added by the root to the leaf side of a p2mp call (an ADD PARTY received,
 * which Q.2971 5.2 makes for that leaf what a SETUP is for a point-to-point call): the
 * called address, BHLI and BLLI are matched against the SAPs as mcm_condis_dispatch_incoming_call
 * does, and the party is offered to the SAP's client, which must own the call's VC (the
 * leaf shares it), through incoming_party. The answer reaches the call manager through
 * incoming_party_complete, from inside this call if the client answered at once.
 *
 * @param reg
 *   The registry.
 * @param vc
 *   The call's VC: CONNECTED, point-to-multipoint.
 * @param params
 *   The ADD PARTY's parameters (called address, BHLI, BLLI...).
 * @param party
 *   Out: the party handle (on success only).
 * @return 0 offered; -EINVAL; -ESTALE; -ENOTCONN no connected call; -EOPNOTSUPP not p2mp;
 *   -ENOENT no SAP for the called address (cause 1, unallocated number);
 *   -EPROTONOSUPPORT the address matches but BHLI/BLLI do not (cause 88); -EACCES the SAP
 *   is another client's than the call's; -ENOSPC no party record. Nothing is changed then.
 */
int mcm_condis_dispatch_incoming_party(struct mcm_condis *reg, mcm_condis_handle_t vc,
				       const struct mcm_condis_call_params *params,
				       mcm_condis_handle_t *party);

/**
 * Complete a make call (NdisMCmMakeCallComplete): the client gets make_call_complete. On
 * failure the VC is deactivated if the MCM had activated it.
 *
 * @param reg
 *   The registry.
 * @param vc
 *   The VC.
 * @param status
 *   0 connected, else failed.
 * @param cause
 *   Q.2931 cause of a failure.
 * @param params
 *   What the call got (VPI/VCI, call reference...); NULL: as asked.
 * @return 0; -EINVAL; -ESTALE; -EPROTO no make call pending.
 */
int mcm_condis_make_call_complete(struct mcm_condis *reg, mcm_condis_handle_t vc, int status,
				  uint8_t cause, const struct mcm_condis_call_params *params);

/**
 * An accepted incoming call is up (NdisMCmDispatchCallConnected): call_connected.
 *
 * @param reg
 *   The registry.
 * @param vc
 *   The VC.
 * @return 0; -EINVAL; -ESTALE; -EPROTO not accepted.
 */
int mcm_condis_dispatch_call_connected(struct mcm_condis *reg, mcm_condis_handle_t vc);

/**
 * The network released the call (NdisMCmDispatchIncomingCloseCall): the VC is deactivated
 * if still active, parties are freed, the call is over, the client gets incoming_close.
 *
 * @param reg
 *   The registry.
 * @param vc
 *   The VC (call incoming, accepted or connected).
 * @param cause
 *   The RELEASE's cause.
 * @return 0; -EINVAL; -ESTALE; -EPROTO no such call.
 */
int mcm_condis_dispatch_incoming_close(struct mcm_condis *reg, mcm_condis_handle_t vc,
				       uint8_t cause);

/**
 * Complete a close call (NdisMCmCloseCallComplete): the call is over, the client gets
 * close_call_complete.
 *
 * @param reg
 *   The registry.
 * @param vc
 *   The VC.
 * @return 0; -EINVAL; -ESTALE; -EPROTO not closing.
 */
int mcm_condis_close_call_complete(struct mcm_condis *reg, mcm_condis_handle_t vc);

/**
 * Complete an add party (NdisMCmAddPartyComplete): the client gets party_added; on failure
 * the party handle goes stale. Also the leaf side's completion: an incoming party the
 * client accepted is up once ADD PARTY ACKNOWLEDGE is sent.
 *
 * @param reg
 *   The registry.
 * @param party
 *   The party.
 * @param status
 *   0 added, else failed.
 * @param cause
 *   Q.2931 cause of a failure.
 * @return 0; -EINVAL; -ESTALE; -EPROTO not being added nor accepted.
 */
int mcm_condis_add_party_complete(struct mcm_condis *reg, mcm_condis_handle_t party,
				  int status, uint8_t cause);

/**
 * A party is gone (NdisMCmDispatchIncomingDropParty, or the completion of a drop party):
 * the client gets party_dropped and the party handle goes stale. An incoming party not
 * answered yet, or accepted and not yet acknowledged, is withdrawn the same way.
 *
 * @param reg
 *   The registry.
 * @param party
 *   The party.
 * @param cause
 *   Q.2931 cause.
 * @return 0; -EINVAL; -ESTALE; -EPROTO being added (complete it instead).
 */
int mcm_condis_dispatch_party_dropped(struct mcm_condis *reg, mcm_condis_handle_t party,
				      uint8_t cause);

/**
 * Link status to every client (NdisMCoIndicateStatusEx).
 *
 * @param reg
 *   The registry.
 * @param up
 *   1 up, 0 down.
 * @return 0.
 */
int mcm_condis_dispatch_link_status(struct mcm_condis *reg, int up);

/**
 * The operational state of an active VC changed (NdisMCoIndicateStatusEx on a VC): the
 * VC's owner, and only it, gets vc_oper. A VC of the driver (owner 0) or of nobody tells
 * no client.
 *
 * @param reg
 *   The registry.
 * @param vc
 *   The VC.
 * @param st
 *   The new state (copied to the client as given).
 * @return 0; -EINVAL bad handle or @p st NULL; -ESTALE; -ENOTCONN the VC is not active.
 */
int mcm_condis_dispatch_vc_oper(struct mcm_condis *reg, mcm_condis_handle_t vc,
				const struct mcm_condis_vc_oper *st);

/* ---- PVCs, through the same path ---- */

/**
 * Create a PVC: cm create_vc, then MCM activate with @p media at @p vpi/@p vci.
 *
 * @param reg
 *   The registry.
 * @param af
 *   Owner; 0: the driver's own bridge client.
 * @param vpi
 *   0..4095.
 * @param vci
 *   32..65535.
 * @param media
 *   Media parameters (its vpi/vci are ignored).
 * @param vc
 *   Out: the VC handle.
 * @return 0; -EINVAL; -ESTALE; -EPERM reserved; -EEXIST; -ENOSPC; a handler's error.
 */
int mcm_condis_pvc_create(struct mcm_condis *reg, mcm_condis_handle_t af, uint16_t vpi,
			  uint16_t vci, const struct mcm_condis_media *media,
			  mcm_condis_handle_t *vc);

/**
 * Delete a PVC: MCM deactivate, then cm delete_vc; the owner gets vc_status(0).
 *
 * @param reg
 *   The registry.
 * @param vc
 *   The PVC.
 * @return 0; -EINVAL; -ESTALE; -EPERM not a PVC; the miniport's error.
 */
int mcm_condis_pvc_delete(struct mcm_condis *reg, mcm_condis_handle_t vc);

/* ---- data and information ---- */

/**
 * Send on a VC: mp send if the VC is ACTIVE.
 *
 * @param reg
 *   The registry.
 * @param vc
 *   The VC.
 * @param pkts
 *   Packets (opaque to the framework).
 * @param n
 *   How many.
 * @param sent
 *   Out (may be NULL): how many the miniport took; 0 on error.
 * @return 0; -EINVAL; -ESTALE; -ENOTCONN not active (counted in send_refused, nothing
 *   sent); -EOPNOTSUPP no miniport send.
 */
int mcm_condis_send(struct mcm_condis *reg, mcm_condis_handle_t vc, void **pkts, uint16_t n,
		    uint16_t *sent);

/**
 * An OID request (NdisCoOidRequest). The framework checks the OID against its table
 * (known, scope, size, access) before any handler runs, then answers it itself or passes it
 * to the call manager or the miniport.
 *
 * @param reg
 *   The registry.
 * @param af
 *   The asking client; 0: the driver (management).
 * @param vc
 *   0 for a port OID, else the VC (a client may only ask about its own VCs).
 * @param req
 *   The request; req->written is set.
 * @return 0; -ENOENT unknown OID; -EINVAL wrong scope, bad buffer or set size not the
 *   OID's; -EMSGSIZE query buffer too small (req->written: size needed); -EACCES set of a
 *   read-only OID, or a VC of another client; -ESTALE; -EOPNOTSUPP no handler.
 */
int mcm_condis_oid_request(struct mcm_condis *reg, mcm_condis_handle_t af,
			   mcm_condis_handle_t vc, struct mcm_condis_oid_request *req);

/* ---- walks ---- */

/**
 * The calls of the port (VCs with a call state other than NONE), in slot order.
 *
 * @param reg
 *   The registry.
 * @param start
 *   Index of the first to give.
 * @param out
 *   Output array.
 * @param max
 *   Room in @p out.
 * @return how many were written.
 */
uint32_t mcm_condis_call_list(const struct mcm_condis *reg, uint32_t start,
			      struct mcm_condis_call_info *out, uint32_t max);

/**
 * The registered SAPs, in registration-slot order.
 *
 * @param reg
 *   The registry.
 * @param start
 *   Index of the first to give.
 * @param out
 *   Output array.
 * @param max
 *   Room in @p out.
 * @return how many were written.
 */
uint32_t mcm_condis_sap_list(const struct mcm_condis *reg, uint32_t start,
			     struct mcm_condis_sap_info *out, uint32_t max);

#ifdef __cplusplus
}
#endif

#endif /* MCM_CONDIS_H */
