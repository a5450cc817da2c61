# SPDX-License-Identifier: BSD-3-Clause
# Bash completion for mcm-ctl (doc/mcm-ctl.md): options, commands, their sub-commands and
# keywords, blli/encap values, capture file names, EAL file prefixes found in DPDK's runtime
# directory, and OID names asked of the running application (oid get/set).
#
# Use:   . usertools/mcm-ctl-completion.bash
# or install it as /usr/share/bash-completion/completions/mcm-ctl.

# DPDK's runtime directory (eal_get_runtime_dir): /var/run for root, else XDG or /tmp.
_mcm_ctl_rundir()
{
	if [ "$(id -u)" = 0 ]; then
		echo /var/run/dpdk
	else
		echo "${XDG_RUNTIME_DIR:-/tmp}/dpdk"
	fi
}

_mcm_ctl()
{
	local cur prev words=() opts=() i w skip=0
	local cmd_opts="-f --file-prefix -p --port --json -t --timeout -h --help --version"

	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	COMPREPLY=()

	case $prev in
	-f|--file-prefix)
		local d
		d=$(_mcm_ctl_rundir)
		COMPREPLY=($(compgen -W "$(ls "$d" 2>/dev/null)" -- "$cur"))
		return
		;;
	-p|--port|-t|--timeout)
		return
		;;
	esac

	# The command words typed so far (options and their values left out, kept for queries).
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [ "$skip" = 1 ]; then
			opts+=("$w")
			skip=0
			continue
		fi
		case $w in
		-f|--file-prefix|-p|--port|-t|--timeout)
			opts+=("$w")
			skip=1
			;;
		--file-prefix=*|--port=*|--timeout=*)
			opts+=("$w")
			;;
		-*)
			;;
		*)
			words+=("$w")
			;;
		esac
	done

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$cmd_opts" -- "$cur"))
		return
	fi

	local n=${#words[@]}
	if [ "$n" = 0 ]; then
		COMPREPLY=($(compgen -W "status vc pvc bind call sap oid capture oam" -- "$cur"))
		return
	fi
	if [ "$n" = 1 ]; then
		case ${words[0]} in
		vc) COMPREPLY=($(compgen -W "list show" -- "$cur")) ;;
		pvc) COMPREPLY=($(compgen -W "add del" -- "$cur")) ;;
		bind) COMPREPLY=($(compgen -W "default mac list" -- "$cur")) ;;
		call) COMPREPLY=($(compgen -W "make list release" -- "$cur")) ;;
		sap) COMPREPLY=($(compgen -W "add list del" -- "$cur")) ;;
		oid) COMPREPLY=($(compgen -W "get set list" -- "$cur")) ;;
		capture) COMPREPLY=($(compgen -W "start stop" -- "$cur")) ;;
		oam) COMPREPLY=($(compgen -W "ping cc" -- "$cur")) ;;
		esac
		return
	fi

	local sub="${words[0]} ${words[1]}" nargs=$((n - 2))
	case $sub in
	"pvc add")
		case $prev in
		encap) COMPREPLY=($(compgen -W "llc vcmux llc-routed vcmux-routed" -- "$cur")) ;;
		sdu-label|pdu-label) ;;
		*) [ $((nargs % 2)) = 1 ] &&
			COMPREPLY=($(compgen -W "encap sdu-label pdu-label" -- "$cur")) ;;
		esac
		;;
	"call make"|"sap add")
		local kw="bhli blli proto" k
		[ "$sub" = "call make" ] && kw="pcr sdu bhli blli proto"
		if [ "$sub" = "sap add" ] && [ "$nargs" = 0 ]; then
			COMPREPLY=($(compgen -W "any" -- "$cur"))
			return
		fi
		case $prev in
		blli)
			local bl="llc vcmux llc-routed vcmux-routed none"
			COMPREPLY=($(compgen -W "$bl vcmux-routed/ipv4 vcmux-routed/ipv6" -- "$cur"))
			return
			;;
		proto)
			COMPREPLY=($(compgen -W "ipv4 ipv6" -- "$cur"))
			return
			;;
		pcr|sdu|bhli)
			return
			;;
		esac
		# Keywords not given yet, after the address.
		if [ "$nargs" -ge 1 ] && [ $((nargs % 2)) = 1 ]; then
			local left=
			for k in $kw; do
				[[ " ${words[*]:3} " == *" $k "* ]] || left="$left $k"
			done
			COMPREPLY=($(compgen -W "$left" -- "$cur"))
		fi
		;;
	"call release")
		[ "$nargs" = 1 ] && COMPREPLY=($(compgen -W "cause" -- "$cur"))
		;;
	"oam cc")
		[ "$nargs" = 1 ] && COMPREPLY=($(compgen -W "on off" -- "$cur"))
		;;
	"oid get"|"oid set")
		if [ "$nargs" = 0 ]; then
			# Ask the application for its OIDs; nothing when it does not answer quickly.
			local names
			names=$("${COMP_WORDS[0]}" "${opts[@]}" -t 1 oid list 2>/dev/null |
				awk 'NR > 1 { print $1 }')
			COMPREPLY=($(compgen -W "$names" -- "$cur"))
		fi
		;;
	"oam ping")
		# after the VC or VP: the keywords not given yet (segment and end exclude each other)
		case $prev in
		count|interval|timeout) return ;;
		esac
		if [ "$nargs" -ge 1 ]; then
			local left= k
			for k in count interval timeout; do
				[[ " ${words[*]:3} " == *" $k "* ]] || left="$left $k"
			done
			[[ " ${words[*]:3} " == *" segment "* || " ${words[*]:3} " == *" end "* ]] ||
				left="$left segment end"
			COMPREPLY=($(compgen -W "$left" -- "$cur"))
		fi
		;;
	"capture start")
		if [ "$nargs" = 0 ]; then
			compopt -o filenames 2>/dev/null
			COMPREPLY=($(compgen -f -- "$cur"))
		fi
		;;
	esac
}

complete -F _mcm_ctl mcm-ctl
