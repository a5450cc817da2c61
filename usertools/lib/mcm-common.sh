# SPDX-License-Identifier: BSD-3-Clause
# Shell helpers shared by usertools/ and test/system/ (sourced, not run).

# mcm_run_dir: print the folder for a run's sockets and staged plugin: /run as root; for
# another user, who cannot write /run, the user's own runtime folder ($XDG_RUNTIME_DIR, made
# by the login manager), else ~/.cache/mcm. Fails, saying why, when none of them will do.
mcm_run_dir() {
	local dir
	if [ "$(id -u)" = 0 ]; then
		echo /run
		return 0
	fi
	if [ -n "${XDG_RUNTIME_DIR:-}" ] && [ -d "$XDG_RUNTIME_DIR" ] &&
	   [ -w "$XDG_RUNTIME_DIR" ]; then
		echo "$XDG_RUNTIME_DIR"
		return 0
	fi
	dir=${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/mcm
	if mkdir -p -m 0700 -- "$dir" 2>/dev/null && [ -w "$dir" ]; then
		echo "$dir"
		return 0
	fi
	echo "mcm: no folder of your own to run in: as a user other than root set" \
	     "XDG_RUNTIME_DIR, or have a writable HOME (for $dir)" >&2
	return 1
}

# mcm_dir_trusted DIR: whether EAL loads a -d plugin from DIR: it refuses one when DIR or any
# folder above it is world-writable (/tmp, for instance). Says which one when not.
mcm_dir_trusted() {
	local d
	d=$(cd "$1" && pwd -P) || return 1
	while :; do
		if [ -n "$(find "$d" -maxdepth 0 -perm -0002 2>/dev/null)" ]; then
			echo "mcm: $d is world-writable: EAL loads no plugin from under it" >&2
			return 1
		fi
		[ "$d" = / ] && return 0
		d=$(dirname "$d")
	done
}

# mcm_stage_plugin SO [BASE]: print the path of a copy of SO in a private folder under BASE
# (default: mcm_run_dir). EAL refuses a -d plugin when any folder above it is world-writable
# (a clone under /tmp, for instance), so testpmd always loads the staged copy.
# mcm_unstage_plugin removes it.
mcm_stage_plugin() {
	local so=$1 base=${2:-} dir
	[ -f "$so" ] || { echo "mcm: no plugin at $so (build first: usertools/mcm-setup)" >&2; return 1; }
	[ -n "$base" ] || base=$(mcm_run_dir) || return 1
	mcm_dir_trusted "$base" || return 1
	dir=$(mktemp -d "$base/mcm-plugin.XXXXXX") || return 1
	chmod 0755 "$dir"
	cp "$so" "$dir/" || { rm -rf "$dir"; return 1; }
	echo "$dir/$(basename "$so")"
}

mcm_unstage_plugin() {
	case "${1:-}" in
	*/mcm-plugin.*/*) rm -rf "$(dirname "$1")" ;;
	esac
}

# 2 MiB hugepages for a run that wants them (mcm-bench's throughput runs; bench_vcs -g does
# the same in C). mcm_hugepages_reserve PAGES: a hugetlbfs of 2 MiB pages mounted and PAGES
# of them free (free less reserved); as root what is missing is set up (mounted at
# /dev/hugepages, or /run/mcm-hugepages-2M when that holds another size; nr_hugepages raised
# by the shortfall), otherwise it fails saying what to do (the caller decides whether to run
# on 4 KiB pages instead: mcm-bench does unless -g). Sets MCM_HUGE_DIR (the mount) and
# MCM_HUGE_ADDED (pages added to nr_hugepages); mcm_hugepages_release gives those back (the
# count less them, whatever others did since). $MCM_HP_SYS (the kernel's folder of the 2 MiB
# pool) may be set beforehand: test_bench.sh points it at nothing to see a kernel without.
MCM_HP_SYS=${MCM_HP_SYS:-/sys/kernel/mm/hugepages/hugepages-2048kB}
MCM_HUGE_DIR=
MCM_HUGE_ADDED=0
mcm_hugepages_find_mount() {
	local def_kb
	def_kb=$(awk '$1 == "Hugepagesize:" { print $2 }' /proc/meminfo)
	awk -v def="$def_kb" '$3 == "hugetlbfs" {
		ps = ""
		n = split($4, o, ",")
		for (i = 1; i <= n; i++) if (o[i] ~ /^pagesize=/) ps = substr(o[i], 10)
		if (ps == "2M" || (ps == "" && def == 2048)) { print $2; exit }
	}' /proc/mounts
}
mcm_hugepages_free() {
	echo $(($(cat "$MCM_HP_SYS/free_hugepages") - $(cat "$MCM_HP_SYS/resv_hugepages")))
}
mcm_hugepages_reserve() {
	local need=$1 root=0 at=/dev/hugepages nr free
	[ "$(id -u)" -ne 0 ] || root=1
	[ -r "$MCM_HP_SYS/nr_hugepages" ] || {
		echo "mcm: no 2 MiB hugepages in this kernel ($MCM_HP_SYS)" >&2
		return 1
	}
	MCM_HUGE_DIR=$(mcm_hugepages_find_mount)
	if [ -z "$MCM_HUGE_DIR" ]; then
		if [ "$root" = 0 ]; then
			echo "mcm: no hugetlbfs of 2 MiB pages is mounted; as root: mkdir -p" \
				"/dev/hugepages && mount -t hugetlbfs -o pagesize=2M nodev" \
				"/dev/hugepages" >&2
			return 1
		fi
		# /dev/hugepages may be the mount of another page size
		if awk '$2 == "/dev/hugepages" { f = 1 } END { exit !f }' /proc/mounts; then
			at=/run/mcm-hugepages-2M
		fi
		if ! mkdir -p "$at" || ! mount -t hugetlbfs -o pagesize=2M nodev "$at"; then
			echo "mcm: could not mount a hugetlbfs of 2 MiB pages at $at" >&2
			return 1
		fi
		echo "mcm: mounted a hugetlbfs of 2 MiB pages at $at" >&2
		MCM_HUGE_DIR=$at
	fi
	# EAL makes its page files there
	if [ ! -w "$MCM_HUGE_DIR" ]; then
		echo "mcm: the hugetlbfs at $MCM_HUGE_DIR is not writable by $(id -un)" \
			"(run as root, or have it mounted with uid=$(id -u))" >&2
		return 1
	fi
	free=$(mcm_hugepages_free)
	[ "$free" -lt "$need" ] || return 0
	nr=$(cat "$MCM_HP_SYS/nr_hugepages")
	if [ "$root" = 0 ]; then
		echo "mcm: $free 2 MiB hugepages free, $need wanted; as root: echo" \
			"$((nr + need - free)) > $MCM_HP_SYS/nr_hugepages" >&2
		return 1
	fi
	echo $((nr + need - free)) >"$MCM_HP_SYS/nr_hugepages" 2>/dev/null || true
	MCM_HUGE_ADDED=$(($(cat "$MCM_HP_SYS/nr_hugepages") - nr))
	[ "$MCM_HUGE_ADDED" -ge 0 ] || MCM_HUGE_ADDED=0
	free=$(mcm_hugepages_free)
	if [ "$free" -lt "$need" ]; then
		echo "mcm: $free 2 MiB hugepages free after raising nr_hugepages from $nr," \
			"$need wanted: the kernel found no more free memory in 2 MiB blocks" \
			"(try echo 3 > /proc/sys/vm/drop_caches; echo 1 >" \
			"/proc/sys/vm/compact_memory)" >&2
		mcm_hugepages_release
		return 1
	fi
	echo "mcm: reserved $MCM_HUGE_ADDED more 2 MiB hugepages (nr_hugepages $nr ->" \
		"$((nr + MCM_HUGE_ADDED)); given back at the end)" >&2
}
mcm_hugepages_release() {
	local nr
	[ "${MCM_HUGE_ADDED:-0}" -gt 0 ] || return 0
	nr=$(cat "$MCM_HP_SYS/nr_hugepages")
	[ "$nr" -gt "$MCM_HUGE_ADDED" ] || nr=$MCM_HUGE_ADDED
	echo $((nr - MCM_HUGE_ADDED)) >"$MCM_HP_SYS/nr_hugepages" 2>/dev/null ||
		echo "mcm: could not give back $MCM_HUGE_ADDED 2 MiB hugepages" >&2
	MCM_HUGE_ADDED=0
}
