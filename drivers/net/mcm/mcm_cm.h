/* SPDX-License-Identifier: BSD-3-Clause
 * The call manager's records, shared by mcm_cm.c (calls, signalling events, framework ops),
 * mcm_cm_cmd.c (requests from clients, OIDs, parties) and mcm_capture.c. Not an API.
 */
#ifndef MCM_CM_H
#define MCM_CM_H

#include "mcm_private.h"
#include "mcm_sig.h"

#define MCM_CM_MAX_CLIENTS 16
/* Events a client's queue holds (about 1 MiB): a client that takes its events as they come
 * loses none at 100,000 calls held (doc/performance.md); what a full queue refuses is
 * counted (xstat cm_events_lost)
 */
#define MCM_CM_EVENT_RING 8192
#define MCM_CM_MAX_PARTIES 8   /* parties of one point-to-multipoint call we add */
/* A call id: an 11-bit generation (1..2047, bumped as the slot is reused, so that an id kept
 * after its call ended is refused) over the VC's 20-bit slot (MCM_MAX_VCS): never 0, and a
 * positive int32 for the APIs and mcm-ctl.
 */
#define MCM_CM_ID_SLOT_BITS 20
#define MCM_CM_ID_GEN_MAX 0x7ffu
/* Call records come in chunks of 1,024 (288 KiB), made with the first call in them and kept
 * until the port closes: a port of a million PVCs and few calls does not pay 288 B a slot.
 */
#define MCM_CM_CALL_CHUNK_BITS 10
#define MCM_CM_CALL_CHUNK (1u << MCM_CM_CALL_CHUNK_BITS)

enum mcm_call_state {
	MCM_CALL_FREE = 0,
	MCM_CALL_WAIT_LINK,    /* made while the SAAL is down: SETUP when it comes up */
	MCM_CALL_SETUP,        /* SETUP sent, or received and not answered */
	MCM_CALL_PROCEEDING,
	MCM_CALL_ALERTING,
	MCM_CALL_OFFERED,      /* incoming, offered to a client */
	MCM_CALL_ACTIVE,
	MCM_CALL_RELEASING,
};

enum mcm_answer { MCM_ANSWER_NONE, MCM_ANSWER_ACCEPT, MCM_ANSWER_REJECT };

struct mcm_cm;

/* A party of a p2mp call: one the root added (outgoing call), or on the leaf side one the
 * root added towards us (incoming: offered to the SAP's client, Q.2971 5.2).
 */
struct mcm_party {
	mcm_condis_handle_t h;     /* 0 while being offered (the framework gives it) */
	uint16_t epref;            /* endpoint reference: the API's party id */
	uint8_t used;
	uint8_t active;            /* ADD PARTY ACKNOWLEDGE sent or received */
	uint8_t incoming;          /* leaf side: ADD PARTY received */
	uint8_t answer;            /* enum mcm_answer, applied after a dispatch returns */
	uint8_t cause;             /* reject cause of the answer */
};

struct mcm_call {
	struct mcm_cm *cm;
	uint32_t id;               /* generation << MCM_CM_ID_SLOT_BITS | VC slot */
	uint8_t state;             /* enum mcm_call_state */
	uint8_t outgoing;
	uint8_t cause;             /* last cause */
	uint8_t answer;            /* enum mcm_answer, applied after a dispatch returns */
	bool active_vc;            /* activated through the framework */
	uint8_t blli_offered;      /* incoming: B-LLIs its SETUP offered; more than one, and
				    * CONNECT names the one taken (Q.2931 Annex C) */
	uint8_t blli_nlpid;        /* incoming VC-mux routed: the SETUP's IPI was an NLPID */
	uint32_t uni;              /* lib/uni call handle */
	mcm_condis_handle_t vc;
	uint32_t client;
	uint32_t sap_id;
	uint64_t wait_until;       /* MCM_CALL_WAIT_LINK */
	struct mcm_condis_call_params params;
	bool making;               /* an outgoing call's make in progress */
	bool closing;              /* a close of the active call in progress */
	struct mcm_cmd *waiter;    /* who waits for the make, NULL: asynchronous */
	struct mcm_cmd *close_waiter;   /* who waits for the close, NULL: asynchronous */
	struct mcm_cmd *release_waiter; /* who waits for the release of a call not connected
					 * yet, NULL: none or asynchronous */
	struct mcm_party parties[MCM_CM_MAX_PARTIES];
};

struct mcm_cm_client {
	struct mcm_cm *cm;
	bool used;
	uint32_t id;
	mcm_condis_handle_t af;
	struct rte_ring *events;   /* struct rte_pmd_mcm_event, control thread -> client */
	int evfd;
	uint64_t events_lost;      /* refused by a full queue (also in cstats.cm_events_lost) */
};

struct mcm_cm_sap {
	bool used;
	uint32_t client;
	mcm_condis_handle_t h;
	struct mcm_condis_sap sap;
};

struct mcm_cm {
	struct mcm_port *port;
	struct mcm_call **calls;   /* chunks of MCM_CM_CALL_CHUNK records by VC slot, NULL
				    * until first used (mcm_cm_call_at) */
	uint32_t ncalls;           /* the framework's capacity */
	uint32_t n_wait_link;      /* calls in MCM_CALL_WAIT_LINK */
	bool link_up;
	struct mcm_cm_client clients[MCM_CM_MAX_CLIENTS];
	struct mcm_cm_sap saps[MCM_CONDIS_MAX_SAPS];
};

/** A call-manager request: the payload of an MCM_CMD_CM command, reply included. */
enum mcm_cm_op {
	MCM_CM_OP_CLIENT_OPEN,
	MCM_CM_OP_CLIENT_CLOSE,
	MCM_CM_OP_SAP_ADD,
	MCM_CM_OP_SAP_DEL,
	MCM_CM_OP_CALL_MAKE,
	MCM_CM_OP_CALL_RELEASE,
	MCM_CM_OP_CALL_ANSWER,
	MCM_CM_OP_PARTY_ADD,
	MCM_CM_OP_PARTY_DROP,
	MCM_CM_OP_OID,
	MCM_CM_OP_CAPTURE_START,
	MCM_CM_OP_CAPTURE_STOP,
	MCM_CM_OP_PARTY_ANSWER,
};


struct mcm_cm_req {
	enum mcm_cm_op op;
	uint32_t client;
	uint32_t call_id;          /* or 0 with vpi/vci */
	uint16_t vpi, vci;
	uint32_t id;               /* SAP or party id */
	uint8_t cause;
	uint8_t accept;
	uint8_t async;             /* make or release: answer once sent, the outcome an event */
	struct mcm_condis_call_params params;
	struct mcm_condis_sap sap;
	/* OIDs */
	char oid_name[48];
	uint8_t oid_set;
	uint8_t oid_has_vc;
	uint8_t oid_mgmt;          /* ask as the port's management (every VC), not a client */
	uint8_t oid_buf[128];
	uint32_t oid_len;
	/* capture */
	char path[256];
	uint32_t ncap;
	uint32_t cap_vcs[MCM_CAPTURE_MAX_VCS];
	uint64_t cap_count;        /* records to write at most, 0: no limit */
	/* reply */
	struct rte_pmd_mcm_call_info call;
	uint8_t cause_out;
	uint64_t records, bytes, dropped;
};

/* mcm_cm.c */
struct mcm_call *mcm_cm_call_by_id(struct mcm_cm *cm, uint32_t id);
/* The call record of VC slot @p slot, or NULL if its chunk was never made (no call). */
static inline struct mcm_call *
mcm_cm_call_at(const struct mcm_cm *cm, uint32_t slot)
{
	struct mcm_call *chunk;

	if (slot >= cm->ncalls)
		return NULL;
	chunk = cm->calls[slot >> MCM_CM_CALL_CHUNK_BITS];
	return chunk == NULL ? NULL : &chunk[slot & (MCM_CM_CALL_CHUNK - 1)];
}
/* For walks: the record of the first slot >= *@p slot whose chunk exists (any state), its
 * slot in *@p slot; NULL past the last.
 */
struct mcm_call *mcm_cm_call_next(const struct mcm_cm *cm, uint32_t *slot);
void mcm_cm_event_put(struct mcm_cm *cm, uint32_t client, const struct rte_pmd_mcm_event *ev);
int mcm_cm_client_open(struct mcm_cm *cm, uint32_t *id);
int mcm_cm_client_close(struct mcm_cm *cm, uint32_t id);
struct mcm_cm_client *mcm_cm_client_get(struct mcm_cm *cm, uint32_t id);
uint32_t mcm_cm_sap_id(const struct mcm_cm *cm, mcm_condis_handle_t h);
int mcm_cm_sap_add(struct mcm_cm *cm, uint32_t client, const struct mcm_condis_sap *sap,
		   uint32_t *id);
int mcm_cm_sap_del(struct mcm_cm *cm, uint32_t client, uint32_t id);
/* @p cmd NULL: asynchronous (the outcome is an event only); the call's id in *call_id */
int mcm_cm_make(struct mcm_cm *cm, uint32_t client, const struct mcm_condis_call_params *p,
		struct mcm_cmd *cmd, uint32_t *call_id);
/* the owner of the call asks (checked by the caller); @p cmd NULL: asynchronous */
int mcm_cm_release(struct mcm_cm *cm, struct mcm_call *c, uint8_t cause, struct mcm_cmd *cmd);
int mcm_cm_answer(struct mcm_cm *cm, struct mcm_call *c, bool accept, uint8_t cause);

/* mcm_cm_cmd.c */
void mcm_cm_params_to_api(const struct mcm_condis_call_params *p,
			  struct rte_pmd_mcm_call_params *out);
void mcm_cm_params_from_api(const struct rte_pmd_mcm_call_params *p,
			    struct mcm_condis_call_params *out);
void mcm_cm_params_from_setup(const struct mcm_uni_msg *m, struct mcm_condis_call_params *out,
			      struct mcm_sig_blli_pick *pick);
void mcm_cm_blli_from_api(uint8_t encap, uint16_t routed_proto, struct mcm_condis_blli *out);
void mcm_cm_blli_from_pick(const struct mcm_uni_msg *m, const struct mcm_sig_blli_pick *b,
			   struct mcm_condis_blli *out);
void mcm_cm_connect_taken(struct mcm_call *c, const struct mcm_uni_msg *m);
int mcm_cm_connect_blli(const struct mcm_call *c, struct mcm_uni_ie_blli *ie);
int mcm_cm_setup_build(struct mcm_cm *cm, const struct mcm_condis_call_params *p,
		       struct mcm_uni_msg *msg);
void mcm_cm_reply_call(const struct mcm_call *c, struct mcm_cm_req *req);
void mcm_cm_call_info(const struct mcm_call *c, struct rte_pmd_mcm_call_info *out);
void mcm_cm_bridge_default(struct mcm_call *c);
void mcm_cm_party_event(struct mcm_cm *cm, mcm_condis_handle_t party,
			struct rte_pmd_mcm_event *ev);
void mcm_cm_party_uni_event(struct mcm_call *c, const struct mcm_uni_event *ev);
int mcm_cm_party_add_op(void *ctx, mcm_condis_handle_t vc, mcm_condis_handle_t party,
			const struct mcm_condis_call_params *p);
int mcm_cm_party_drop_op(void *ctx, mcm_condis_handle_t party, uint8_t cause);
int mcm_cm_incoming_party_complete_op(void *ctx, mcm_condis_handle_t party, int status,
				      uint8_t cause);
void mcm_cm_party_add_ind(struct mcm_cm *cm, const struct mcm_uni_event *ev);
int mcm_cm_incoming_party_offer(struct mcm_cm *cm, mcm_condis_handle_t vc,
				mcm_condis_handle_t party, struct rte_pmd_mcm_event *ev);
int mcm_cm_oid_request_op(void *ctx, mcm_condis_handle_t vc,
			  struct mcm_condis_oid_request *r);
int mcm_mp_oid_request_op(void *ctx, uint32_t slot_or_port, struct mcm_condis_oid_request *r);

/* mcm_capture.c */
int mcm_capture_start(struct mcm_port *port, const char *path, const uint32_t *vcs,
		      uint32_t n, uint64_t max_records);
int mcm_capture_stop(struct mcm_port *port, struct mcm_cm_req *out);
void mcm_capture_sig(struct mcm_port *port, bool out, const uint8_t *pdu, size_t len);

#endif /* MCM_CM_H */
