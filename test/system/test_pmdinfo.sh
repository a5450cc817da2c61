#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# System test: DPDK's dpdk-pmdinfo.py lists the driver like an in-tree one: its name and
# every devargs key (the PMD_INFO_STRING the driver embeds, mcm_devargs.h).
# Usage: test_pmdinfo.sh <librte_net_mcm.so>
set -u
. "$(dirname "$0")/lib.sh"
need dpdk-pmdinfo.py python3
out=$(dpdk-pmdinfo.py "$1" 2>&1)
check "dpdk-pmdinfo.py runs ($out)" test $? -eq 0
for key in lower role addr pw_label peer_mac pvc encap max_cells sig max_vcs lower_mtu; do
	check "net_mcm listed with $key= in its params" python3 -c '
import json, sys
d = json.loads(sys.argv[1])
keys = [p.split("=")[0] for p in d[0]["params"].split()] if len(d) == 1 else []
sys.exit(0 if len(d) == 1 and d[0]["name"] == "net_mcm" and sys.argv[2] in keys else 1)
' "$out" "$key"
done
summary
