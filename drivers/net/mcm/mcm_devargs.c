/* SPDX-License-Identifier: BSD-3-Clause
 * devargs of net_mcm (DESIGN.md "User interface contract"): lower, role, addr, pw_label,
 * peer_mac, pvc (repeatable or a [..] list), encap, max_cells, sig, max_vcs, lower_mtu,
 * bind_hash and pw_timeout (the list is mcm_devargs.h). Numbers are decimal ("0/0100" is
 * VC 0/100, as in mcm-ctl); a key other than pvc given twice is an error. Each bad value
 * fails the probe with one log line that names the argument.
 */
#include <ctype.h>
#include <inttypes.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_kvargs.h>

#include "mcm_devargs.h"
#include "mcm_private.h"

static int
parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (s == NULL || !isdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);  /* decimal, leading zeros too: never octal or hex */
	if (errno != 0 || *end != '\0' || v > max)
		return -1;
	*out = v;
	return 0;
}

/* "VPI/VCI", decimal */
static int
parse_vc(const char *s, uint32_t *vc)
{
	char buf[32], *slash;
	uint64_t vpi, vci;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (slash == NULL)
		return -1;
	*slash = '\0';
	if (parse_uint(buf, MCM_ATM_VPI_MAX, &vpi) || parse_uint(slash + 1, 0xffff, &vci))
		return -1;
	*vc = rte_pmd_mcm_vc((uint16_t)vpi, (uint16_t)vci);
	return 0;
}

static int
arg_lower(const char *key, const char *val, void *opaque)
{
	struct mcm_config *cfg = opaque;

	RTE_SET_USED(key);
	if (val == NULL || val[0] == '\0' || strlen(val) >= sizeof(cfg->lower)) {
		MCM_LOG(ERR, "lower=%s: give the name of an ethdev probed earlier", val ? val : "");
		return -1;
	}
	strcpy(cfg->lower, val);
	return 0;
}

static int
arg_role(const char *key, const char *val, void *opaque)
{
	struct mcm_config *cfg = opaque;

	RTE_SET_USED(key);
	if (val != NULL && strcmp(val, "user") == 0)
		cfg->role = MCM_ROLE_USER;
	else if (val != NULL && strcmp(val, "network") == 0)
		cfg->role = MCM_ROLE_NETWORK;
	else {
		MCM_LOG(ERR, "role=%s: expected user or network", val ? val : "");
		return -1;
	}
	return 0;
}

/* ATM End System Address: 20 octets in hex, dots allowed anywhere between digits */
static int
arg_addr(const char *key, const char *val, void *opaque)
{
	struct mcm_config *cfg = opaque;
	unsigned int n = 0;
	const char *p;

	RTE_SET_USED(key);
	for (p = val; p != NULL && *p != '\0'; p++) {
		int d;

		if (*p == '.')
			continue;
		if (!isxdigit((unsigned char)*p) || n >= 40)
			goto bad;
		d = isdigit((unsigned char)*p) ? *p - '0' : tolower((unsigned char)*p) - 'a' + 10;
		if (n % 2 == 0)
			cfg->addr[n / 2] = (uint8_t)(d << 4);
		else
			cfg->addr[n / 2] |= (uint8_t)d;
		n++;
	}
	if (n != 40)
		goto bad;
	cfg->has_addr = true;
	return 0;
bad:
	MCM_LOG(ERR, "addr=%s: expected an AESA of 20 octets (40 hex digits, dots allowed)",
		val ? val : "");
	return -1;
}

static int
arg_pw_label(const char *key, const char *val, void *opaque)
{
	struct mcm_config *cfg = opaque;
	uint64_t v;

	RTE_SET_USED(key);
	/* RFC 3032 2.1: labels 0..15 are reserved */
	if (parse_uint(val, 0xfffff, &v) || v < 16) {
		MCM_LOG(ERR, "pw_label=%s: expected an MPLS label 16..1048575", val ? val : "");
		return -1;
	}
	cfg->pw_label = (uint32_t)v;
	return 0;
}

static int
arg_peer_mac(const char *key, const char *val, void *opaque)
{
	struct mcm_config *cfg = opaque;

	RTE_SET_USED(key);
	cfg->peer_mac_given = true;
	if (val == NULL || rte_ether_unformat_addr(val, &cfg->peer_mac) != 0) {
		MCM_LOG(ERR, "peer_mac=%s: expected a MAC address like 02:00:00:00:00:01",
			val ? val : "");
		return -1;
	}
	return 0;
}

/* "VPI/VCI", "VPI/VCI@sdu:LABEL" (AAL5 CPCS-SDU mode, RFC 4717 9, with its own label) or
 * "VPI/VCI@pdu:LABEL" (AAL5 PDU frame mode, RFC 4717 10)
 */
static int
add_pvc(struct mcm_config *cfg, const char *s)
{
	char vc_text[32];
	const char *at = strchr(s, '@');
	uint64_t label = 0;
	uint32_t vc, i;
	bool pdu = at != NULL && strncmp(at, "@pdu:", 5) == 0;
	size_t n = at != NULL ? (size_t)(at - s) : strlen(s);

	if (n >= sizeof(vc_text) || (memcpy(vc_text, s, n), vc_text[n] = '\0',
				    parse_vc(vc_text, &vc) != 0)) {
		MCM_LOG(ERR, "pvc=%s: expected VPI/VCI (VPI 0..4095, VCI 32..65535), optionally "
			"@sdu:LABEL or @pdu:LABEL", s);
		return -1;
	}
	if (at != NULL && ((strncmp(at, "@sdu:", 5) != 0 && !pdu) ||
			   parse_uint(at + 5, MCM_PW_LABEL_MAX, &label) != 0 || label < 16)) {
		MCM_LOG(ERR, "pvc=%s: after the VC, expected @sdu:LABEL or @pdu:LABEL (AAL5 SDU "
			"or PDU mode, label 16..1048575)", s);
		return -1;
	}
	if (label != 0 && label == cfg->pw_label) {
		MCM_LOG(ERR, "pvc=%s: label %" PRIu64 " is the port's pw_label (the N:1 "
			"pseudowire's)", s, label);
		return -1;
	}
	if (rte_pmd_mcm_vc_vci(vc) < MCM_ATM_VCI_FIRST_USER) {
		MCM_LOG(ERR, "pvc=%s: VCIs 0..31 are reserved for the driver", s);
		return -1;
	}
	for (i = 0; i < cfg->npvc; i++) {
		if (cfg->pvc[i] == vc) {
			MCM_LOG(ERR, "pvc=%s: given twice", s);
			return -1;
		}
		if (label != 0 && cfg->pvc_label[i] == label) {
			MCM_LOG(ERR, "pvc=%s: label %" PRIu64 " given twice", s, label);
			return -1;
		}
	}
	if (cfg->npvc == MCM_MAX_PVC_ARGS) {
		MCM_LOG(ERR, "pvc=%s: at most %d PVCs on the command line (add more with mcm-ctl)",
			s, MCM_MAX_PVC_ARGS);
		return -1;
	}
	cfg->pvc_label[cfg->npvc] = (uint32_t)label;
	cfg->pvc_pdu[cfg->npvc] = pdu;
	cfg->pvc[cfg->npvc++] = vc;
	return 0;
}

static int
arg_pvc(const char *key, const char *val, void *opaque)
{
	struct mcm_config *cfg = opaque;
	char buf[1024], *tok, *save = NULL;
	size_t len;

	RTE_SET_USED(key);
	if (val == NULL || (len = strlen(val)) == 0) {
		MCM_LOG(ERR, "pvc=: expected VPI/VCI or [VPI/VCI,...]");
		return -1;
	}
	if (len >= sizeof(buf)) {
		MCM_LOG(ERR, "pvc=%.32s...: a list of %zu characters, at most %zu (add more PVCs "
			"with mcm-ctl)", val, len, sizeof(buf) - 1);
		return -1;
	}
	if (val[0] != '[')
		return add_pvc(cfg, val);
	if (val[len - 1] != ']') {
		MCM_LOG(ERR, "pvc=%s: list not closed with ]", val);
		return -1;
	}
	if (len == 2) {
		MCM_LOG(ERR, "pvc=[]: an empty list (leave pvc= out for no PVC)");
		return -1;
	}
	memcpy(buf, val + 1, len - 2);
	buf[len - 2] = '\0';
	for (tok = strtok_r(buf, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save))
		if (add_pvc(cfg, tok) != 0)
			return -1;
	return 0;
}

static int
arg_encap(const char *key, const char *val, void *opaque)
{
	struct mcm_config *cfg = opaque;

	RTE_SET_USED(key);
	if (mcm_encap_parse(val, &cfg->encap) != 0) {
		MCM_LOG(ERR, "encap=%s: expected llc, vcmux, llc-routed or vcmux-routed",
			val ? val : "");
		return -1;
	}
	return 0;
}

/* A decimal @p val of @p key in 1..@p max into *v; else an error naming @p what. */
static int
parse_count(const char *key, const char *val, uint64_t max, const char *what, uint64_t *v)
{
	if (parse_uint(val, max, v) || *v == 0) {
		MCM_LOG(ERR, "%s=%s: expected %s", key, val ? val : "", what);
		return -1;
	}
	return 0;
}

static int
arg_max_cells(const char *key, const char *val, void *opaque)
{
	struct mcm_config *cfg = opaque;
	uint64_t v;

	if (parse_count(key, val, 1024, "cells per frame, 1..1024", &v) != 0)
		return -1;
	cfg->max_cells = (uint32_t)v;
	return 0;
}

static int
arg_sig(const char *key, const char *val, void *opaque)
{
	struct mcm_config *cfg = opaque;

	RTE_SET_USED(key);
	if (val != NULL && strcmp(val, "on") == 0)
		cfg->sig = true;
	else if (val != NULL && strcmp(val, "off") == 0)
		cfg->sig = false;
	else {
		MCM_LOG(ERR, "sig=%s: expected on or off", val ? val : "");
		return -1;
	}
	return 0;
}

static int
arg_max_vcs(const char *key, const char *val, void *opaque)
{
	struct mcm_config *cfg = opaque;
	uint64_t v;

	RTE_SET_USED(key);
	if (parse_uint(val, MCM_MAX_VCS, &v) || v == 0) {
		MCM_LOG(ERR, "max_vcs=%s: expected 1..%u", val ? val : "", MCM_MAX_VCS);
		return -1;
	}
	cfg->max_vcs = (uint32_t)v;
	return 0;
}

/* The lower port's MTU: mcm owns the port, so this is the only way to give it one (an
 * AAL5 SDU mode VC carries a 1,500-byte frame in a PW frame of 1,532 bytes)
 */
static int
arg_lower_mtu(const char *key, const char *val, void *opaque)
{
	struct mcm_config *cfg = opaque;
	uint64_t v;

	RTE_SET_USED(key);
	if (parse_uint(val, 16000, &v) || v < RTE_ETHER_MIN_MTU) {
		MCM_LOG(ERR, "lower_mtu=%s: expected the lower port's MTU, 68..16000",
			val ? val : "");
		return -1;
	}
	cfg->lower_mtu = (uint32_t)v;
	return 0;
}

/* Flows over COUNT VCs from VPI/VCI on (rte_pmd_mcm_bind_hash) */
static int
arg_bind_hash(const char *key, const char *val, void *opaque)
{
	struct mcm_config *cfg = opaque;
	const char *colon = val != NULL ? strchr(val, ':') : NULL;
	char vc_text[32];
	uint64_t count;
	uint32_t vc;
	size_t n = colon != NULL ? (size_t)(colon - val) : 0;

	RTE_SET_USED(key);
	if (colon == NULL || n >= sizeof(vc_text) ||
	    (memcpy(vc_text, val, n), vc_text[n] = '\0', parse_vc(vc_text, &vc) != 0) ||
	    parse_uint(colon + 1, MCM_MAX_VCS, &count) != 0 || count == 0 ||
	    rte_pmd_mcm_vc_vci(vc) < MCM_ATM_VCI_FIRST_USER ||
	    !mcm_hash_range_ok(rte_pmd_mcm_vc_vpi(vc), rte_pmd_mcm_vc_vci(vc),
			       (uint32_t)count)) {
		MCM_LOG(ERR, "bind_hash=%s: expected VPI/VCI:COUNT, VCI 32.., COUNT 1..%u; past "
			"VCI 65535 the same VCIs of the next VPIs, up to VPI 4095", val ? val : "",
			MCM_MAX_VCS);
		return -1;
	}
	cfg->hash_vc = vc;
	cfg->hash_count = (uint32_t)count;
	return 0;
}

/* How many PW frames in a row from before the expected sequence number mean that the sender
 * restarted its numbering, which the receiver then follows (mcm_rx.c rx_seq_check; the
 * analog of Cisco's "sequencing resync N")
 */
static int
arg_pw_seq_resync(const char *key, const char *val, void *opaque)
{
	struct mcm_config *cfg = opaque;
	uint64_t v;

	if (parse_count(key, val, 65535, "1..65535 frames", &v) != 0)
		return -1;
	cfg->pw_seq_resync = (uint16_t)v;
	return 0;
}

/* How long without a PW frame before the pseudowire counts as lost (mcm_oam_fault.c) */
static int
arg_pw_timeout(const char *key, const char *val, void *opaque)
{
	struct mcm_config *cfg = opaque;
	uint64_t v;

	RTE_SET_USED(key);
	if (parse_uint(val, 3600000, &v) || (v != 0 && v < 100)) {
		MCM_LOG(ERR, "pw_timeout=%s: expected milliseconds, 0 (off) or 100..3600000",
			val ? val : "");
		return -1;
	}
	cfg->pw_timeout_ms = (uint32_t)v;
	cfg->pw_timeout_given = true;
	return 0;
}

#define MCM_DEVARG_HANDLER(key, syntax) { #key, arg_ ## key },
#define MCM_DEVARG_KEY(key, syntax) #key,
#define MCM_DEVARG_NAME(key, syntax) " " #key

int
mcm_devargs_parse(const char *args, struct mcm_config *cfg)
{
	static const struct {
		const char *key;
		arg_handler_t fn;
	} handlers[] = { MCM_DEVARGS(MCM_DEVARG_HANDLER) };
	static const char *const valid[] = { MCM_DEVARGS(MCM_DEVARG_KEY) NULL };
	struct rte_kvargs *kv;
	unsigned int i;
	int rc = 0;

	memset(cfg, 0, sizeof(*cfg));
	cfg->role = MCM_ROLE_USER;
	cfg->pw_label = 16;
	memset(cfg->peer_mac.addr_bytes, 0xff, RTE_ETHER_ADDR_LEN); /* broadcast */
	cfg->encap = MCM_ENCAP_LLC_BRIDGED;
	cfg->max_vcs = MCM_DEFAULT_MAX_VCS;
	cfg->pw_seq_resync = MCM_PW_SEQ_RESYNC_DEFAULT;
	/* a UNI runs its signalling channel unless told otherwise, as ATM switches and NICs do */
	cfg->sig = true;
	if (args == NULL || args[0] == '\0') {
		MCM_LOG(ERR, "missing lower=<ethdev name>: the port mcm runs on");
		return -EINVAL;
	}
	kv = rte_kvargs_parse(args, valid);
	if (kv == NULL) {
		MCM_LOG(ERR, "cannot parse devargs \"%s\" (known:" MCM_DEVARGS(MCM_DEVARG_NAME)
			")", args);
		return -EINVAL;
	}
	for (i = 0; i < RTE_DIM(handlers) && rc == 0; i++) {
		/* only pvc is repeatable: a second value of another key is a mistake, not an
		 * override
		 */
		if (strcmp(handlers[i].key, "pvc") != 0 &&
		    rte_kvargs_count(kv, handlers[i].key) > 1) {
			MCM_LOG(ERR, "%s= given more than once", handlers[i].key);
			rc = -EINVAL;
		} else if (rte_kvargs_process(kv, handlers[i].key, handlers[i].fn, cfg) < 0) {
			rc = -EINVAL;
		}
	}
	rte_kvargs_free(kv);
	if (rc == 0 && cfg->lower[0] == '\0') {
		MCM_LOG(ERR, "missing lower=<ethdev name>: the port mcm runs on");
		rc = -EINVAL;
	}
	/* A healthy pseudowire with signalling on carries the peer's SSCOP at least every
	 * Timer_IDLE (15 s, then POLL); with signalling off an idle one carries nothing at all,
	 * so silence proves no loss there: the check is off unless asked for.
	 */
	if (!cfg->pw_timeout_given)
		cfg->pw_timeout_ms = cfg->sig ? MCM_PW_TIMEOUT_SIG_MS : 0;
	return rc;
}
