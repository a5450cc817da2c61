/* SPDX-License-Identifier: BSD-3-Clause
 * The devargs of net_mcm, described once: the parser's handler table, its list of valid
 * keys and the driver's RTE_PMD_REGISTER_PARAM_STRING are all made from this list.
 * X(key, value syntax shown to users)
 */
#ifndef MCM_DEVARGS_H
#define MCM_DEVARGS_H

#define MCM_DEVARGS(X) \
	X(lower, "<ethdev name>") \
	X(role, "user|network") \
	X(addr, "<AESA: 40 hex digits>") \
	X(pw_label, "<16..1048575>") \
	X(peer_mac, "<mac>") \
	X(pvc, "<vpi>/<vci>[@sdu|pdu:<label>]|[<vpi>/<vci>,...]") \
	X(encap, "llc|vcmux|llc-routed|vcmux-routed") \
	X(max_cells, "<1..1024>") \
	X(sig, "on|off") \
	X(max_vcs, "<1..1048576>") \
	X(lower_mtu, "<68..16000>") \
	X(bind_hash, "<vpi>/<vci>:<count>") \
	X(pw_timeout, "<ms: 0 off, 100..3600000>") \
	X(pw_seq_resync, "<1..65535>")

#define MCM_DEVARG_PARAM(key, syntax) #key "=" syntax " "
/** The string of RTE_PMD_REGISTER_PARAM_STRING. */
#define MCM_DEVARGS_PARAM_STRING MCM_DEVARGS(MCM_DEVARG_PARAM)

#endif /* MCM_DEVARGS_H */
