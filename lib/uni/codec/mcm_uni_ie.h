/* SPDX-License-Identifier: BSD-3-Clause
 * UNI 4.0 / Q.2931 / Q.2971 information elements: identifiers, code points and the typed
 * structs a decoded message holds. Included by mcm_uni_msg.h; not meant to be used alone.
 *
 * Every IE struct starts with struct mcm_uni_ie_hdr: the presence flag and the IE instruction
 * field (coding standard, flag, pass-along request, action indicator; Q.2931 4.5.1). A zeroed
 * struct is "absent"; set .h.present to have the encoder emit it.
 */
#ifndef MCM_UNI_IE_H
#define MCM_UNI_IE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Information element identifiers, codeset 0 (Q.2931 4.5.1 Table 4-3, UNI 4.0 Table 4-2). */
enum mcm_uni_ie_id {
	MCM_UNI_IE_CAUSE = 0x08,
	MCM_UNI_IE_CALL_STATE = 0x14,
	MCM_UNI_IE_NOTIFY = 0x27,        /**< notification indicator */
	MCM_UNI_IE_EETD = 0x42,          /**< end-to-end transit delay */
	MCM_UNI_IE_EPREF = 0x54,         /**< endpoint reference (Q.2971) */
	MCM_UNI_IE_EPSTATE = 0x55,       /**< endpoint state (Q.2971) */
	MCM_UNI_IE_AAL = 0x58,           /**< AAL parameters */
	MCM_UNI_IE_TRAFFIC = 0x59,       /**< ATM traffic descriptor */
	MCM_UNI_IE_CONNID = 0x5a,        /**< connection identifier */
	MCM_UNI_IE_QOS = 0x5c,           /**< QoS parameter */
	MCM_UNI_IE_BHLI = 0x5d,          /**< broadband high layer information */
	MCM_UNI_IE_BEARER = 0x5e,        /**< broadband bearer capability */
	MCM_UNI_IE_BLLI = 0x5f,          /**< broadband low layer information */
	MCM_UNI_IE_LSHIFT = 0x60,        /**< broadband locking shift */
	MCM_UNI_IE_NLSHIFT = 0x61,       /**< broadband non-locking shift */
	MCM_UNI_IE_SCOMPL = 0x62,        /**< broadband sending complete */
	MCM_UNI_IE_REPEAT = 0x63,        /**< broadband repeat indicator */
	MCM_UNI_IE_CALLING = 0x6c,       /**< calling party number */
	MCM_UNI_IE_CALLINGSUB = 0x6d,    /**< calling party subaddress */
	MCM_UNI_IE_CALLED = 0x70,        /**< called party number */
	MCM_UNI_IE_CALLEDSUB = 0x71,     /**< called party subaddress */
	MCM_UNI_IE_TNS = 0x78,           /**< transit network selection */
	MCM_UNI_IE_RESTART = 0x79,       /**< restart indicator */
	MCM_UNI_IE_ATRAFFIC = 0x80,      /**< alternative ATM traffic descriptor (UNI 4.0) */
	MCM_UNI_IE_MINTRAFFIC = 0x81,    /**< minimum acceptable ATM traffic descriptor (UNI 4.0) */
	MCM_UNI_IE_EXQOS = 0xec,         /**< extended QoS parameters (UNI 4.0) */
	MCM_UNI_IE_ABRSETUP = 0x84,      /**< ABR setup parameters (UNI 4.0) */
	MCM_UNI_IE_ABRADD = 0xe4,        /**< ABR additional parameters (UNI 4.0) */
	MCM_UNI_IE_CSCOPE = 0xeb,        /**< connection scope selection (UNI 4.0) */
};

/** Coding standard, bits 7-6 of the IE instruction octet (Q.2931 4.5.1). */
enum mcm_uni_coding {
	MCM_UNI_CODING_ITU = 0,
	MCM_UNI_CODING_ISO = 1,
	MCM_UNI_CODING_NATIONAL = 2,
	MCM_UNI_CODING_NETWORK = 3,      /**< network specific (ATM Forum codings use this) */
};

/** IE action indicator, bits 3-1 of the IE instruction octet (Q.2931 4.5.1 Table 4-4). */
enum mcm_uni_ie_action {
	MCM_UNI_IEA_CLEAR = 0,           /**< clear call */
	MCM_UNI_IEA_DISCARD_PROCEED = 1, /**< discard IE and proceed */
	MCM_UNI_IEA_DISCARD_REPORT = 2,  /**< discard IE, proceed and report status */
	MCM_UNI_IEA_MSG_IGNORE = 5,      /**< discard message and ignore */
	MCM_UNI_IEA_MSG_REPORT = 6,      /**< discard message and report status */
};

/** Presence flag and IE instruction field common to every IE (Q.2931 4.5.1 octet 2). */
struct mcm_uni_ie_hdr {
	bool present;
	uint8_t coding;     /**< enum mcm_uni_coding */
	bool flag;          /**< IE instruction field flag: explicit action indicator applies */
	bool pass_along;    /**< pass along request bit (UNI 4.0 4.5.1) */
	uint8_t action;     /**< enum mcm_uni_ie_action */
};

/* ---- Cause (Q.2931 4.5.15, Q.2610) ---------------------------------------------------- */

/** Cause location (Q.2610 / Q.850 2.2.5). */
enum mcm_uni_cause_loc {
	MCM_UNI_LOC_USER = 0,
	MCM_UNI_LOC_PRIV_LOCAL = 1,
	MCM_UNI_LOC_PUB_LOCAL = 2,
	MCM_UNI_LOC_TRANSIT = 3,
	MCM_UNI_LOC_PUB_REMOTE = 4,
	MCM_UNI_LOC_PRIV_REMOTE = 5,
	MCM_UNI_LOC_INTL = 7,
	MCM_UNI_LOC_BEYOND = 10,
};

/** Cause values (Q.2610 Table 1, UNI 4.0); the values the stack uses or reports. */
enum mcm_uni_cause_val {
	MCM_UNI_CAUSE_UNALLOCATED = 1,
	MCM_UNI_CAUSE_NO_ROUTE_TNS = 2,
	MCM_UNI_CAUSE_NO_ROUTE_DEST = 3,
	MCM_UNI_CAUSE_VPCI_UNACCEPTABLE = 10,
	MCM_UNI_CAUSE_NORMAL = 16,
	MCM_UNI_CAUSE_BUSY = 17,
	MCM_UNI_CAUSE_NO_RESPONSE = 18,
	MCM_UNI_CAUSE_NO_ANSWER = 19,
	MCM_UNI_CAUSE_REJECTED = 21,
	MCM_UNI_CAUSE_NUMBER_CHANGED = 22,
	MCM_UNI_CAUSE_CLIR_REJECTED = 23,
	MCM_UNI_CAUSE_DEST_OUT_OF_ORDER = 27,
	MCM_UNI_CAUSE_INVALID_NUMBER = 28,
	MCM_UNI_CAUSE_STATUS_ENQUIRY = 30,  /**< response to STATUS ENQUIRY */
	MCM_UNI_CAUSE_NORMAL_UNSPEC = 31,
	MCM_UNI_CAUSE_TOO_MANY_ADD = 32,    /**< too many pending add party requests */
	MCM_UNI_CAUSE_VPCI_VCI_UNAVAIL = 35,  /**< requested VPCI/VCI not available */
	MCM_UNI_CAUSE_VPCI_VCI_FAIL = 36,   /**< VPCI/VCI assignment failure */
	MCM_UNI_CAUSE_CELL_RATE_UNAVAIL = 37,
	MCM_UNI_CAUSE_NET_OUT_OF_ORDER = 38,
	MCM_UNI_CAUSE_TEMP_FAILURE = 41,
	MCM_UNI_CAUSE_ACCESS_DISCARDED = 43,
	MCM_UNI_CAUSE_NO_VPCI_VCI = 45,
	MCM_UNI_CAUSE_RESOURCE_UNAVAIL = 47,
	MCM_UNI_CAUSE_QOS_UNAVAIL = 49,
	MCM_UNI_CAUSE_BEARER_NOT_AUTH = 57,
	MCM_UNI_CAUSE_BEARER_NOT_AVAIL = 58,
	MCM_UNI_CAUSE_SERVICE_UNAVAIL = 63,
	MCM_UNI_CAUSE_BEARER_NOT_IMPL = 65,
	MCM_UNI_CAUSE_TRAFFIC_UNSUPP = 73,  /**< unsupported combination of traffic parameters */
	MCM_UNI_CAUSE_AAL_UNSUPP = 78,      /**< AAL parameters cannot be supported */
	MCM_UNI_CAUSE_INVALID_CREF = 81,
	MCM_UNI_CAUSE_NO_CHANNEL = 82,      /**< identified channel does not exist */
	MCM_UNI_CAUSE_INCOMPATIBLE_DEST = 88,
	MCM_UNI_CAUSE_INVALID_EPREF = 89,
	MCM_UNI_CAUSE_INVALID_TNS = 91,
	MCM_UNI_CAUSE_TOO_MANY_ADD_PARTY = 92,
	MCM_UNI_CAUSE_AAL_UNSUPP_93 = 93,
	MCM_UNI_CAUSE_MANDATORY_MISSING = 96,
	MCM_UNI_CAUSE_MSG_TYPE_UNKNOWN = 97,
	MCM_UNI_CAUSE_IE_UNKNOWN = 99,
	MCM_UNI_CAUSE_IE_INVALID = 100,
	MCM_UNI_CAUSE_MSG_STATE = 101,      /**< message not compatible with call state */
	MCM_UNI_CAUSE_TIMER_EXPIRY = 102,
	MCM_UNI_CAUSE_INCORRECT_LENGTH = 104,
	MCM_UNI_CAUSE_PROTOCOL_ERROR = 111,
	MCM_UNI_CAUSE_INTERWORKING = 127,
};

/** Longest cause diagnostics field kept (the IE may hold up to 34 octets in all). */
#define MCM_UNI_DIAG_MAX 28

/** Cause IE (0x08). */
struct mcm_uni_ie_cause {
	struct mcm_uni_ie_hdr h;
	uint8_t location;   /**< enum mcm_uni_cause_loc, 4 bits */
	uint8_t cause;      /**< enum mcm_uni_cause_val, 7 bits */
	uint8_t diag_len;
	uint8_t diag[MCM_UNI_DIAG_MAX];
};

/* ---- Call state (Q.2931 4.5.10) ------------------------------------------------------------ */

/** Call state values (Q.2931 4.5.10, 2.1; U and N states share the code points). */
enum mcm_uni_call_state {
	MCM_UNI_CS_NULL = 0,
	MCM_UNI_CS_CALL_INITIATED = 1,
	MCM_UNI_CS_OUT_PROCEEDING = 3,
	MCM_UNI_CS_CALL_DELIVERED = 4,
	MCM_UNI_CS_CALL_PRESENT = 6,
	MCM_UNI_CS_CALL_RECEIVED = 7,
	MCM_UNI_CS_CONNECT_REQUEST = 8,
	MCM_UNI_CS_IN_PROCEEDING = 9,
	MCM_UNI_CS_ACTIVE = 10,
	MCM_UNI_CS_RELEASE_REQUEST = 11,
	MCM_UNI_CS_RELEASE_INDICATION = 12,
	MCM_UNI_CS_REST1 = 61,              /**< global: restart request */
	MCM_UNI_CS_REST2 = 62,              /**< global: restart */
};

/** Call state IE (0x14). */
struct mcm_uni_ie_call_state {
	struct mcm_uni_ie_hdr h;
	uint8_t state;      /**< enum mcm_uni_call_state, 6 bits */
};

/* ---- Endpoint reference / state (Q.2971) ----------------------------------------------------- */

/** Endpoint reference IE (0x54). */
struct mcm_uni_ie_epref {
	struct mcm_uni_ie_hdr h;
	uint8_t type;       /**< 0 = locally defined integer */
	bool flag;          /**< set by the side that did not allocate the reference */
	uint16_t value;     /**< 15 bits */
};

/** Party (endpoint) states (Q.2971). */
enum mcm_uni_ep_state {
	MCM_UNI_EPS_NULL = 0,
	MCM_UNI_EPS_ADD_INITIATED = 1,
	MCM_UNI_EPS_ALERT_DELIVERED = 4,
	MCM_UNI_EPS_ADD_RECEIVED = 6,
	MCM_UNI_EPS_ALERT_RECEIVED = 7,
	MCM_UNI_EPS_ACTIVE = 10,
	MCM_UNI_EPS_DROP_INITIATED = 11,
	MCM_UNI_EPS_DROP_RECEIVED = 12,
};

/** Endpoint state IE (0x55). */
struct mcm_uni_ie_epstate {
	struct mcm_uni_ie_hdr h;
	uint8_t state;      /**< enum mcm_uni_ep_state, 6 bits */
};

/* ---- AAL parameters (Q.2931 4.5.5, UNI 4.0) ------------------------------------------- */

enum mcm_uni_aal_type {
	MCM_UNI_AAL_1 = 0x01,
	MCM_UNI_AAL_2 = 0x02,
	MCM_UNI_AAL_34 = 0x03,
	MCM_UNI_AAL_5 = 0x05,
	MCM_UNI_AAL_USER = 0x10,
};

/** AAL parameter subfield identifiers (Q.2931 4.5.5). */
enum mcm_uni_aal_sub {
	MCM_UNI_AALP_BWD_SDU = 0x81,
	MCM_UNI_AALP_MID = 0x82,
	MCM_UNI_AALP_MODE = 0x83,           /**< UNI 3.x only; accepted and kept */
	MCM_UNI_AALP_SSCS = 0x84,
	MCM_UNI_AALP_SUBTYPE = 0x85,
	MCM_UNI_AALP_CBR_RATE = 0x86,
	MCM_UNI_AALP_MULTIPLIER = 0x87,
	MCM_UNI_AALP_CLOCK = 0x88,
	MCM_UNI_AALP_ECM = 0x89,
	MCM_UNI_AALP_BLOCK_SIZE = 0x8a,
	MCM_UNI_AALP_PFC = 0x8b,
	MCM_UNI_AALP_FWD_SDU = 0x8c,
};

/** AAL parameters IE (0x58). Each subfield has its own presence flag. */
struct mcm_uni_ie_aal {
	struct mcm_uni_ie_hdr h;
	uint8_t type;              /**< enum mcm_uni_aal_type */
	/* AAL1 */
	bool has_subtype, has_cbr_rate, has_multiplier, has_clock, has_ecm;
	bool has_block_size, has_pfc;
	uint8_t subtype;           /**< 0 null, 1 voice, 2 circuit emulation sync, ... */
	uint8_t cbr_rate;          /**< 1 = 64 kbit/s ... 0x10 n x 64k, 0x11 n x 8k */
	uint16_t multiplier;
	uint8_t clock;             /**< 0 null, 1 SRTS, 2 adaptive */
	uint8_t ecm;               /**< error correction method */
	uint16_t block_size;       /**< structured data transfer block size */
	uint8_t pfc;               /**< partially filled cells method */
	/* AAL3/4 and AAL5 */
	bool has_fwd_sdu, has_bwd_sdu, has_mid, has_mode, has_sscs;
	uint16_t fwd_sdu;          /**< forward maximum CPCS-SDU size */
	uint16_t bwd_sdu;
	uint16_t mid_lo, mid_hi;   /**< AAL3/4 MID range */
	uint8_t mode;              /**< 1 message, 2 streaming (UNI 3.x) */
	uint8_t sscs;              /**< 0 null, 1 SSCOP assured, 2 SSCOP non-assured, 4 FR-SSCS */
	/* user defined AAL */
	uint8_t user[4];           /**< user defined AAL information (4 octets) */
};

/* ---- ATM traffic descriptor family (Q.2931 4.5.6, UNI 4.0) ---------------------------- */

/** Subfield identifiers of the ATM traffic descriptor (and alternative / minimum IEs). */
enum mcm_uni_td_sub {
	MCM_UNI_TD_FPCR0 = 0x82,
	MCM_UNI_TD_BPCR0 = 0x83,
	MCM_UNI_TD_FPCR = 0x84,            /**< CLP=0+1 */
	MCM_UNI_TD_BPCR = 0x85,
	MCM_UNI_TD_FSCR0 = 0x88,
	MCM_UNI_TD_BSCR0 = 0x89,
	MCM_UNI_TD_FSCR = 0x90,
	MCM_UNI_TD_BSCR = 0x91,
	MCM_UNI_TD_FABR_MCR = 0x92,        /**< forward ABR minimum cell rate (UNI 4.0) */
	MCM_UNI_TD_BABR_MCR = 0x93,
	MCM_UNI_TD_FMBS0 = 0xa0,
	MCM_UNI_TD_BMBS0 = 0xa1,
	MCM_UNI_TD_FMBS = 0xb0,
	MCM_UNI_TD_BMBS = 0xb1,
	MCM_UNI_TD_BEST_EFFORT = 0xbe,
	MCM_UNI_TD_TMOPT = 0xbf,           /**< traffic management options */
};

/** Index of each rate in struct mcm_uni_ie_traffic.rate[]. */
enum mcm_uni_td_idx {
	MCM_UNI_TDI_FPCR0, MCM_UNI_TDI_BPCR0, MCM_UNI_TDI_FPCR, MCM_UNI_TDI_BPCR,
	MCM_UNI_TDI_FSCR0, MCM_UNI_TDI_BSCR0, MCM_UNI_TDI_FSCR, MCM_UNI_TDI_BSCR,
	MCM_UNI_TDI_FMBS0, MCM_UNI_TDI_BMBS0, MCM_UNI_TDI_FMBS, MCM_UNI_TDI_BMBS,
	MCM_UNI_TDI_FMCR, MCM_UNI_TDI_BMCR,
	MCM_UNI_TDI_COUNT
};

/** Traffic management options bits (UNI 4.0; same layout Wireshark decodes). */
#define MCM_UNI_TMOPT_FTAG 0x01            /**< tagging requested, forward */
#define MCM_UNI_TMOPT_BTAG 0x02            /**< tagging requested, backward */
#define MCM_UNI_TMOPT_BFDISC 0x40          /**< frame discard allowed, backward */
#define MCM_UNI_TMOPT_FFDISC 0x80          /**< frame discard allowed, forward */

/**
 * ATM traffic descriptor (0x59), alternative ATM traffic descriptor (0x80) and minimum
 * acceptable ATM traffic descriptor (0x81). Bit i of @c mask says rate[i] is present
 * (enum mcm_uni_td_idx). Rates are cells/s, burst sizes cells, 24 bits each.
 */
struct mcm_uni_ie_traffic {
	struct mcm_uni_ie_hdr h;
	uint16_t mask;
	uint32_t rate[MCM_UNI_TDI_COUNT];
	bool best_effort;
	bool has_tmopt;
	uint8_t tmopt;             /**< MCM_UNI_TMOPT_* bits */
};

/* ---- Connection identifier (Q.2931 4.5.16) -------------------------------------------------- */

/** Preferred/exclusive field (Q.2931 4.5.16, UNI 4.0). */
enum mcm_uni_connid_excl {
	MCM_UNI_CONNID_EXCL_EXCL = 0,      /**< exclusive VPCI, exclusive VCI */
	MCM_UNI_CONNID_EXCL_ANY = 1,       /**< exclusive VPCI, any VCI */
	MCM_UNI_CONNID_EXCL_NOVCI = 4,     /**< exclusive VPCI, no VCI (switched VP, UNI 4.0) */
};

/** Connection identifier IE (0x5a). */
struct mcm_uni_ie_connid {
	struct mcm_uni_ie_hdr h;
	uint8_t assoc;             /**< VP-associated signalling, 2 bits: 1 = explicit VPCI */
	uint8_t excl;              /**< enum mcm_uni_connid_excl, 3 bits */
	uint16_t vpci;
	uint16_t vci;
};

/* ---- QoS (Q.2931 4.5.18 / UNI 3.1) and extended QoS (UNI 4.0) -------------------------------- */

/** QoS parameter IE (0x5c). */
struct mcm_uni_ie_qos {
	struct mcm_uni_ie_hdr h;
	uint8_t fwd;               /**< QoS class forward (0 unspecified, 1..4) */
	uint8_t bwd;
};

/** Extended QoS subfield identifiers (UNI 4.0, ATM Forum TM 4.0). */
enum mcm_uni_exqos_sub {
	MCM_UNI_EXQOS_FACC_CDV = 0x94,
	MCM_UNI_EXQOS_BACC_CDV = 0x95,
	MCM_UNI_EXQOS_FCUM_CDV = 0x96,
	MCM_UNI_EXQOS_BCUM_CDV = 0x97,
	MCM_UNI_EXQOS_FACC_CLR = 0xa2,
	MCM_UNI_EXQOS_BACC_CLR = 0xa3,
};

/** Extended QoS parameters IE (0xec). Each field has a presence bit in @c mask (1 << n). */
struct mcm_uni_ie_exqos {
	struct mcm_uni_ie_hdr h;
	uint8_t origin;            /**< 0 originating user, 1 intermediate network */
	uint8_t mask;              /**< MCM_UNI_EXQOS_M_* bits */
	uint32_t facc_cdv, bacc_cdv, fcum_cdv, bcum_cdv;   /**< microseconds, 24 bits */
	uint8_t facc_clr, bacc_clr;                        /**< CLR = 10^-n */
};

#define MCM_UNI_EXQOS_M_FACC_CDV 0x01
#define MCM_UNI_EXQOS_M_BACC_CDV 0x02
#define MCM_UNI_EXQOS_M_FCUM_CDV 0x04
#define MCM_UNI_EXQOS_M_BCUM_CDV 0x08
#define MCM_UNI_EXQOS_M_FACC_CLR 0x10
#define MCM_UNI_EXQOS_M_BACC_CLR 0x20

/** End-to-end transit delay IE (0x42), milliseconds. */
struct mcm_uni_ie_eetd {
	struct mcm_uni_ie_hdr h;
	bool has_cumulative, has_maximum;
	bool net_generated;        /**< network generated indicator (UNI 4.0) */
	uint16_t cumulative;       /**< subfield 0x01 */
	uint16_t maximum;          /**< subfield 0x03; 0xffff = any */
};

/* ---- Bearer capability (Q.2931 4.5.7) -------------------------------------------------------- */

enum mcm_uni_bearer_class {
	MCM_UNI_BCOB_A = 0x01,
	MCM_UNI_BCOB_C = 0x03,
	MCM_UNI_BCOB_X = 0x10,
	MCM_UNI_BCOB_VP = 0x18,            /**< transparent VP service */
};

/** Broadband bearer capability IE (0x5e). */
struct mcm_uni_ie_bearer {
	struct mcm_uni_ie_hdr h;
	uint8_t bclass;            /**< enum mcm_uni_bearer_class, 5 bits */
	bool has_atc;              /**< octet 5a present */
	uint8_t atc;               /**< ATM transfer capability / traffic type + timing, 7 bits */
	uint8_t clip;              /**< susceptibility to clipping, 2 bits: 1 = susceptible */
	uint8_t upcc;              /**< user plane connection configuration: 0 p2p, 1 p2mp */
};

/* ---- BHLI (Q.2931 4.5.8) and BLLI (Q.2931 4.5.9) ------------------------------------------- */

enum mcm_uni_bhli_type {
	MCM_UNI_BHLI_ISO = 0,
	MCM_UNI_BHLI_USER = 1,
	MCM_UNI_BHLI_VENDOR = 3,           /**< OUI (3) + application id (4), UNI 3.1 */
	MCM_UNI_BHLI_ITU = 4,
};

/** Broadband high layer information IE (0x5d). */
struct mcm_uni_ie_bhli {
	struct mcm_uni_ie_hdr h;
	uint8_t type;
	uint8_t len;
	uint8_t info[8];
};

/** Layer 2 / 3 protocol code points of BLLI (Q.2931 4.5.9). */
enum mcm_uni_blli_proto {
	MCM_UNI_L2_ISO1745 = 0x01,
	MCM_UNI_L2_Q921 = 0x02,
	MCM_UNI_L2_X25LL = 0x06,
	MCM_UNI_L2_X25ML = 0x07,
	MCM_UNI_L2_LAPB = 0x08,
	MCM_UNI_L2_HDLC_ARM = 0x09,
	MCM_UNI_L2_HDLC_NRM = 0x0a,
	MCM_UNI_L2_HDLC_ABM = 0x0b,
	MCM_UNI_L2_LLC = 0x0c,             /**< ISO 8802/2 LLC */
	MCM_UNI_L2_X75 = 0x0d,
	MCM_UNI_L2_Q922 = 0x0e,
	MCM_UNI_L2_USER = 0x10,
	MCM_UNI_L2_ISO7776 = 0x11,
	MCM_UNI_L3_X25 = 0x06,
	MCM_UNI_L3_ISO8208 = 0x07,
	MCM_UNI_L3_X223 = 0x08,
	MCM_UNI_L3_ISO8473 = 0x09,
	MCM_UNI_L3_T70 = 0x0a,
	MCM_UNI_L3_TR9577 = 0x0b,
	MCM_UNI_L3_H310 = 0x0c,
	MCM_UNI_L3_H321 = 0x0d,
	MCM_UNI_L3_USER = 0x10,
};

/** Initial protocol identifier meaning "SNAP follows" (ISO/IEC TR 9577). */
#define MCM_UNI_IPI_SNAP 0x80

/** Broadband low layer information IE (0x5f). Octet groups 5/6/7 each optional. */
struct mcm_uni_ie_blli {
	struct mcm_uni_ie_hdr h;
	bool has_l1, has_l2, has_l3;
	uint8_t l1;                /**< user information layer 1 protocol, 5 bits */
	uint8_t l2;                /**< enum mcm_uni_blli_proto (L2) */
	bool has_l2_mode;          /**< octets 6a/6b for the X.25/HDLC-family protocols */
	uint8_t l2_mode;           /**< 1 normal, 2 extended */
	uint8_t l2_q933;           /**< Q.933 use, 2 bits */
	bool has_l2_window;
	uint8_t l2_window;         /**< window size k, 7 bits */
	bool has_l2_user;
	uint8_t l2_user;           /**< user specified layer 2 protocol info, 7 bits */
	uint8_t l3;                /**< enum mcm_uni_blli_proto (L3) */
	bool has_l3_mode;          /**< octets 7a/7b/7c for X.25, ISO 8208, X.223 */
	uint8_t l3_mode;           /**< 1 normal, 2 extended */
	bool has_l3_psize;
	uint8_t l3_psize;          /**< default packet size, 4 bits */
	bool has_l3_window;
	uint8_t l3_window;         /**< packet window size, 7 bits */
	bool has_l3_user;
	uint8_t l3_user;           /**< user specified layer 3 protocol info, 7 bits */
	bool has_ipi;              /**< ISO/IEC TR 9577: initial protocol identifier */
	uint8_t ipi;               /**< 8 bits; MCM_UNI_IPI_SNAP adds the SNAP octets */
	uint8_t snap_oui[3];
	uint16_t snap_pid;
	bool has_h310;             /**< H.310/H.321: terminal type, multiplexing (octets 7a/7b) */
	uint8_t h310_ttype;        /**< 4 bits */
	uint8_t h310_fmux, h310_bmux;  /**< 3 bits each */
};

/* ---- Numbers and subaddresses (Q.2931 4.5.11-14) ------------------------------------------- */

enum mcm_uni_numplan {
	MCM_UNI_PLAN_UNKNOWN = 0,
	MCM_UNI_PLAN_E164 = 1,
	MCM_UNI_PLAN_NSAP = 2,             /**< ATM endsystem address (AESA), 20 octets */
	MCM_UNI_PLAN_PRIVATE = 9,
};

enum mcm_uni_numtype {
	MCM_UNI_TON_UNKNOWN = 0,
	MCM_UNI_TON_INTL = 1,
	MCM_UNI_TON_NATIONAL = 2,
	MCM_UNI_TON_NETWORK = 3,
	MCM_UNI_TON_SUBSCRIBER = 4,
	MCM_UNI_TON_ABBREVIATED = 6,
};

#define MCM_UNI_ADDR_MAX 20

/** Called (0x70) / calling (0x6c) party number. AESA: 20 binary octets; E.164: IA5 digits. */
struct mcm_uni_ie_number {
	struct mcm_uni_ie_hdr h;
	uint8_t type;              /**< enum mcm_uni_numtype, 3 bits */
	uint8_t plan;              /**< enum mcm_uni_numplan, 4 bits */
	bool has_pres;             /**< calling only: octet 5a */
	uint8_t pres;              /**< presentation indicator, 2 bits */
	uint8_t screen;            /**< screening indicator, 2 bits */
	uint8_t len;
	uint8_t addr[MCM_UNI_ADDR_MAX];
};

enum mcm_uni_subaddr_type {
	MCM_UNI_SUBADDR_NSAP = 0,
	MCM_UNI_SUBADDR_AESA = 1,          /**< ATM endsystem address (UNI 3.1/4.0) */
	MCM_UNI_SUBADDR_USER = 2,
};

/** Called (0x71) / calling (0x6d) party subaddress. */
struct mcm_uni_ie_subaddr {
	struct mcm_uni_ie_hdr h;
	uint8_t type;              /**< enum mcm_uni_subaddr_type, 3 bits */
	bool odd;                  /**< odd/even indicator */
	uint8_t len;
	uint8_t addr[MCM_UNI_ADDR_MAX];
};

/* ---- Small IEs --------------------------------------------------------------------------- */

/** Transit network selection IE (0x78). */
struct mcm_uni_ie_tns {
	struct mcm_uni_ie_hdr h;
	uint8_t type;              /**< type of network identification, 3 bits (2 = national) */
	uint8_t plan;              /**< network identification plan, 4 bits (1 = carrier id) */
	uint8_t len;
	char net[8];               /**< IA5 network identification */
};

/** Restart indicator classes (Q.2931 4.5). */
enum mcm_uni_restart_class {
	MCM_UNI_RESTART_VC = 0,            /**< the indicated VC */
	MCM_UNI_RESTART_VPC = 1,           /**< all VCs in the indicated VPC */
	MCM_UNI_RESTART_ALL = 2,           /**< all VCs controlled by this signalling entity */
};

/** Restart indicator IE (0x79). */
struct mcm_uni_ie_restart {
	struct mcm_uni_ie_hdr h;
	uint8_t rclass;            /**< enum mcm_uni_restart_class, 3 bits */
};

#define MCM_UNI_NOTIFY_MAX 16

/** Notification indicator IE (0x27): notification description octets. */
struct mcm_uni_ie_notify {
	struct mcm_uni_ie_hdr h;
	uint8_t len;
	uint8_t data[MCM_UNI_NOTIFY_MAX];
};

/** Broadband sending complete IE (0x62). No content besides the indication octet 0xa1. */
struct mcm_uni_ie_scompl {
	struct mcm_uni_ie_hdr h;
};

/** Broadband repeat indicator IE (0x63). */
struct mcm_uni_ie_repeat {
	struct mcm_uni_ie_hdr h;
	uint8_t indication;        /**< 2 = prioritised list for selecting one possibility */
};

/* ---- ABR (UNI 4.0 section 10, ATM Forum TM 4.0) ------------------------------------------- */

/** Subfield identifiers of the ABR setup parameters IE. */
enum mcm_uni_abrs_sub {
	MCM_UNI_ABRS_FICR = 0xc2,          /**< forward initial cell rate, 3 octets */
	MCM_UNI_ABRS_BICR = 0xc3,
	MCM_UNI_ABRS_FTBE = 0xc4,          /**< forward transient buffer exposure, 3 octets */
	MCM_UNI_ABRS_BTBE = 0xc5,
	MCM_UNI_ABRS_RMFRT = 0xc6,         /**< cumulative RM fixed round trip time, 3 octets */
	MCM_UNI_ABRS_FRIF = 0xc8,          /**< forward rate increase factor, 1 octet */
	MCM_UNI_ABRS_BRIF = 0xc9,
	MCM_UNI_ABRS_FRDF = 0xca,          /**< forward rate decrease factor, 1 octet */
	MCM_UNI_ABRS_BRDF = 0xcb,
};

/** Presence bits of struct mcm_uni_ie_abrsetup. */
#define MCM_UNI_ABRS_M_FICR 0x001
#define MCM_UNI_ABRS_M_BICR 0x002
#define MCM_UNI_ABRS_M_FTBE 0x004
#define MCM_UNI_ABRS_M_BTBE 0x008
#define MCM_UNI_ABRS_M_RMFRT 0x010
#define MCM_UNI_ABRS_M_FRIF 0x020
#define MCM_UNI_ABRS_M_BRIF 0x040
#define MCM_UNI_ABRS_M_FRDF 0x080
#define MCM_UNI_ABRS_M_BRDF 0x100

/** ABR setup parameters IE (0x84). */
struct mcm_uni_ie_abrsetup {
	struct mcm_uni_ie_hdr h;
	uint16_t mask;             /**< MCM_UNI_ABRS_M_* */
	uint32_t ficr, bicr;       /**< cells/s, 24 bits */
	uint32_t ftbe, btbe;       /**< cells, 24 bits */
	uint32_t rmfrt;            /**< microseconds, 24 bits */
	uint8_t frif, brif;        /**< 4 bits each (0..15) */
	uint8_t frdf, brdf;        /**< 4 bits each (0..15) */
};

/** One direction's additional ABR parameters record (4 octets on the wire). */
struct mcm_uni_abr_rec {
	bool present;              /**< the record subfield is there */
	bool has_nrm, has_trm, has_cdf, has_adtf;
	uint8_t nrm, trm, cdf;     /**< 3 bits each */
	uint16_t adtf;             /**< 10 bits */
};

/** ABR additional parameters IE (0xe4): forward (0xc2) and backward (0xc3) records. */
struct mcm_uni_ie_abradd {
	struct mcm_uni_ie_hdr h;
	struct mcm_uni_abr_rec fwd, bwd;
};

/* ---- Connection scope selection (UNI 4.0) ----------------------------------------- */

/** Connection scope selection IE (0xeb): organisational scope (type 1), values 1..15
 * (local network ... global). */
struct mcm_uni_ie_cscope {
	struct mcm_uni_ie_hdr h;
	uint8_t type;              /**< 1 = organisational */
	uint8_t scope;             /**< 1 local network ... 0x0f global */
};

/* ---- Unrecognised IEs and IEs of other codesets ----------------------------------------- */

#define MCM_UNI_RAW_MAX_LEN 64

/**
 * An IE the codec does not interpret: an unrecognised codeset 0 IE, or any IE of codeset
 * 5, 6 or 7 reached through a broadband locking or non-locking shift (Q.2931 4.5.3-4.5.4).
 * The encoder emits codeset 0 raw IEs as they are and raw IEs of another codeset each
 * preceded by a non-locking shift (or one locking shift when @c locking is set).
 */
struct mcm_uni_ie_raw {
	uint8_t codeset;           /**< 0, or 5..7 */
	uint8_t id;
	struct mcm_uni_ie_hdr h;   /**< present is always true in a list */
	bool locking;              /**< reached (encoder: to be reached) by a locking shift */
	bool truncated;            /**< decoder: content longer than MCM_UNI_RAW_MAX_LEN */
	uint16_t len;              /**< original content length */
	uint8_t data[MCM_UNI_RAW_MAX_LEN];
};

#ifdef __cplusplus
}
#endif

#endif /* MCM_UNI_IE_H */
