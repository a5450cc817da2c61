# SPDX-License-Identifier: BSD-3-Clause
# Shell helpers shared by usertools/ and test/system/ (sourced, not run).

# mcm_stage_plugin SO: print the path of a copy of SO in a private folder under /run.
# EAL refuses a -d plugin when any folder above it is world-writable (a clone under /tmp,
# for instance), so testpmd always loads the staged copy. mcm_unstage_plugin removes it.
mcm_stage_plugin() {
	local so=$1 dir
	[ -f "$so" ] || { echo "mcm: no plugin at $so (build first: usertools/mcm-setup)" >&2; return 1; }
	dir=$(mktemp -d /run/mcm-plugin.XXXXXX) || return 1
	chmod 0755 "$dir"
	cp "$so" "$dir/" || return 1
	echo "$dir/$(basename "$so")"
}

mcm_unstage_plugin() {
	case "${1:-}" in
	/run/mcm-plugin.*/*) rm -rf "$(dirname "$1")" ;;
	esac
}
