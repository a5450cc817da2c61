/* SPDX-License-Identifier: BSD-3-Clause
 * SSCOP, the Service Specific Connection Oriented Protocol (ITU-T Q.2110), sans-IO.
 *
 * One instance is one SSCOP entity (one end of a signalling AAL). It owns no clock, thread
 * or socket: every entry point takes the current time (nanoseconds, any epoch, never
 * decreasing) and all output goes through the callbacks given at creation.
 *
 * Timers: the instance keeps the deadlines of Timer_CC, POLL, NO-RESPONSE, KEEP-ALIVE and
 * IDLE itself. The caller asks mcm_sscop_next_deadline() when it should call
 * mcm_sscop_tick() next (after any call into the instance, the answer may change).
 *
 * The signal callback may call the user-signal functions of the same instance (for
 * example answer AA-ESTABLISH.indication with mcm_sscop_establish_resp() at once, as
 * SSCF-UNI does); send_pdu and maa_error must not call into the instance, and no callback
 * may destroy it. Data pointers passed to callbacks are valid only during the call.
 */
#ifndef MCM_SSCOP_H
#define MCM_SSCOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mcm_sscop_pdu.h"

#ifdef __cplusplus
extern "C" {
#endif

/** SSCOP states (Q.2110 SDL, numbered as in the standard). */
enum mcm_sscop_state {
	MCM_SSCOP_S_IDLE = 1,
	MCM_SSCOP_S_OUT_CONN_PEND = 2,
	MCM_SSCOP_S_IN_CONN_PEND = 3,
	MCM_SSCOP_S_OUT_DISC_PEND = 4,
	MCM_SSCOP_S_OUT_RESYNC_PEND = 5,
	MCM_SSCOP_S_IN_RESYNC_PEND = 6,
	MCM_SSCOP_S_OUT_REC_PEND = 7,
	MCM_SSCOP_S_REC_RESP_PEND = 8,
	MCM_SSCOP_S_IN_REC_PEND = 9,
	MCM_SSCOP_S_READY = 10,
};

/** Signals SSCOP delivers to its user (Q.2110 6.1). */
enum mcm_sscop_signal {
	MCM_SSCOP_AA_ESTABLISH_IND,   /**< data: SSCOP-UU */
	MCM_SSCOP_AA_ESTABLISH_CONF,  /**< data: SSCOP-UU */
	MCM_SSCOP_AA_RELEASE_IND,     /**< data: SSCOP-UU; param: 1 = source SSCOP, 0 = user */
	MCM_SSCOP_AA_RELEASE_CONF,
	MCM_SSCOP_AA_DATA_IND,        /**< data: message unit; param: its N(S) */
	MCM_SSCOP_AA_RESYNC_IND,      /**< data: SSCOP-UU */
	MCM_SSCOP_AA_RESYNC_CONF,
	MCM_SSCOP_AA_RECOVER_IND,
	MCM_SSCOP_AA_UNITDATA_IND,    /**< data: message unit */
	MCM_SSCOP_MAA_UNITDATA_IND,   /**< data: message unit */
	MCM_SSCOP_AA_RETRIEVE_IND,    /**< data: message unit; param: its N(S) or RN_UNKNOWN */
	MCM_SSCOP_AA_RETRIEVE_COMPLETE_IND,
};

/** AA-RETRIEVE.request RN values besides a sequence number (Q.2110 6.1). */
#define MCM_SSCOP_RN_UNKNOWN 0x1000000u /**< only messages never transmitted */
#define MCM_SSCOP_RN_TOTAL 0x1000001u   /**< every message not acknowledged */

/** Timer identifiers (Q.2110 timers). */
enum mcm_sscop_timer {
	MCM_SSCOP_T_CC,
	MCM_SSCOP_T_POLL,
	MCM_SSCOP_T_NORESP,
	MCM_SSCOP_T_KEEPALIVE,
	MCM_SSCOP_T_IDLE,
	MCM_SSCOP_T_NUM,
};

/** Protocol parameters (Q.2110 parameters, timers). Times in nanoseconds. */
struct mcm_sscop_params {
	uint32_t max_cc;        /**< MaxCC: BGN/END/RS/ER transmissions, default 4 */
	uint32_t max_pd;        /**< MaxPD: SDs between POLLs, default 25 */
	uint32_t max_stat;      /**< MaxSTAT: list elements per STAT (odd, >= 3), default 67 */
	uint32_t rx_window;     /**< credit granted to the peer (SDs), default 128 */
	uint32_t max_sdu;       /**< k: largest SD/UD/MD information field, default 4096 */
	uint32_t max_uu;        /**< j: largest SSCOP-UU, default 4096 */
	uint32_t max_queue;     /**< AA-DATA.request messages queued, default 1024 */
	uint64_t t_cc;          /**< Timer_CC, default 1 s */
	uint64_t t_poll;        /**< Timer_POLL, default 750 ms */
	uint64_t t_noresp;      /**< Timer_NO-RESPONSE, default 7 s */
	uint64_t t_keepalive;   /**< Timer_KEEP-ALIVE, default 2 s */
	uint64_t t_idle;        /**< Timer_IDLE, default 15 s */
};

/** Callbacks of an instance; send_pdu and signal are mandatory. */
struct mcm_sscop_cbs {
	/** Transmit one PDU (an AAL5 CPCS-SDU) to the peer. */
	void (*send_pdu)(void *arg, const uint8_t *pdu, size_t len);
	/** Deliver a signal to the SSCOP user (see enum mcm_sscop_signal for data/param). */
	void (*signal)(void *arg, enum mcm_sscop_signal sig, const uint8_t *data, size_t len,
		       uint32_t param);
	/** MAA-ERROR.indication to layer management: code 'A'..'X' (Q.2110 MAA-ERROR code table);
	 * count is the number of SDs to retransmit for 'V', else 0. May be NULL. */
	void (*maa_error)(void *arg, char code, uint32_t count);
	void *arg;
};

/** Per-instance counters. */
struct mcm_sscop_stats {
	uint64_t pdus_in, pdus_out;
	uint64_t sd_in, sd_out, sd_retx;
	uint64_t discarded;     /**< malformed PDUs (MAA-ERROR U) */
	uint64_t maa_errors;
};

struct mcm_sscop;

/** Fill @p p with the defaults listed in struct mcm_sscop_params. */
void mcm_sscop_params_default(struct mcm_sscop_params *p);

/**
 * Create an instance in state Idle.
 *
 * @param p    parameters (copied); NULL for the defaults.
 * @param cbs  callbacks (copied).
 * @return the instance, or NULL on bad parameters or memory shortage.
 */
struct mcm_sscop *mcm_sscop_create(const struct mcm_sscop_params *p,
				   const struct mcm_sscop_cbs *cbs);

/** Free an instance and every message it holds. NULL is allowed. */
void mcm_sscop_destroy(struct mcm_sscop *s);

/** Feed one received PDU (Q.2110 SDL: PDU inputs). Malformed PDUs give MAA-ERROR U. */
void mcm_sscop_input(struct mcm_sscop *s, uint64_t now, const uint8_t *pdu, size_t len);

/** Run every timer that expired at @p now. */
void mcm_sscop_tick(struct mcm_sscop *s, uint64_t now);

/** Earliest running timer deadline, UINT64_MAX if none. */
uint64_t mcm_sscop_next_deadline(const struct mcm_sscop *s);

/**
 * AA-ESTABLISH.request (states 1, 4) with SSCOP-UU and BR (buffer release: true clears
 * the transmitter buffers and queue before the new connection, Q.2110 6.1).
 * @return 0, -EINVAL (bad arguments), -EMSGSIZE (UU too long), -EPROTO (wrong state).
 */
int mcm_sscop_establish_req(struct mcm_sscop *s, uint64_t now, const uint8_t *uu, size_t len,
			    bool br);
/** AA-ESTABLISH.response (state 3). Return codes as mcm_sscop_establish_req(). */
int mcm_sscop_establish_resp(struct mcm_sscop *s, uint64_t now, const uint8_t *uu,
			     size_t len, bool br);
/** AA-RELEASE.request (states 2, 3, 5..10). Return codes as mcm_sscop_establish_req(). */
int mcm_sscop_release_req(struct mcm_sscop *s, uint64_t now, const uint8_t *uu, size_t len);
/**
 * AA-DATA.request: queue a message for assured transfer (states 5, 7, 8, 9 queue it,
 * state 10 also sends).
 * @return 0, -EMSGSIZE (longer than max_sdu), -ENOBUFS (queue full), -ENOMEM, -EPROTO.
 */
int mcm_sscop_data_req(struct mcm_sscop *s, uint64_t now, const uint8_t *data, size_t len);
/** AA-UNITDATA.request: send a UD PDU (any state). @return 0, -EMSGSIZE. */
int mcm_sscop_unitdata_req(struct mcm_sscop *s, uint64_t now, const uint8_t *data,
			   size_t len);
/** MAA-UNITDATA.request: send an MD PDU (any state). @return 0, -EMSGSIZE. */
int mcm_sscop_maa_unitdata_req(struct mcm_sscop *s, uint64_t now, const uint8_t *data,
			       size_t len);
/** AA-RESYNC.request (states 7..10). Return codes as mcm_sscop_establish_req(). */
int mcm_sscop_resync_req(struct mcm_sscop *s, uint64_t now, const uint8_t *uu, size_t len);
/** AA-RESYNC.response (state 6). @return 0 or -EPROTO. */
int mcm_sscop_resync_resp(struct mcm_sscop *s, uint64_t now);
/** AA-RECOVER.response (states 8, 9). @return 0 or -EPROTO. */
int mcm_sscop_recover_resp(struct mcm_sscop *s, uint64_t now);
/**
 * AA-RETRIEVE.request (state 1): hand back unacknowledged messages with
 * AA-RETRIEVE.indication, then AA-RETRIEVE_COMPLETE.indication. @p rn is a N(S) (messages
 * from that one on), MCM_SSCOP_RN_UNKNOWN or MCM_SSCOP_RN_TOTAL.
 * @return 0 or -EPROTO.
 */
int mcm_sscop_retrieve_req(struct mcm_sscop *s, uint64_t now, uint32_t rn);

/** Current state. */
enum mcm_sscop_state mcm_sscop_state(const struct mcm_sscop *s);
/** Name of a state ("IDLE", "READY", ...). */
const char *mcm_sscop_state_name(enum mcm_sscop_state st);
/** Name of a signal ("AA-ESTABLISH.ind", ...). */
const char *mcm_sscop_signal_name(enum mcm_sscop_signal sig);
/** True while timer @p t runs. */
bool mcm_sscop_timer_running(const struct mcm_sscop *s, enum mcm_sscop_timer t);
/** Messages in the transmission queue, transmission buffer and receiver buffer. */
void mcm_sscop_queue_lens(const struct mcm_sscop *s, uint32_t *txq, uint32_t *txbuf,
			  uint32_t *rxbuf);
/** Copy the counters. */
void mcm_sscop_get_stats(const struct mcm_sscop *s, struct mcm_sscop_stats *st);
/** Heap bytes the instance holds now: itself, its scratch buffers, saved SSCOP-UU and
 * every queued message (malloc overhead not counted). */
size_t mcm_sscop_memory(const struct mcm_sscop *s);

#ifdef __cplusplus
}
#endif

#endif /* MCM_SSCOP_H */
