#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# System test: usertools/mcm-bench refuses bad options with a message and exit 2, and a
# short run in rounds (-r) writes a table and JSON whose figures are the medians of the
# rounds' own, each round's ratio against its own raw run, every throughput above zero; with
# -o, bench_path's own-cost lines in the table and its figures in the JSON, each the median of
# its rounds; --plot draws both PNGs, the ratio plot with issue 9's goals on it; run by a
# user other than root it works in that user's runtime folder, or says why it cannot.
# Usage: test_bench.sh <build dir>
set -u
. "$(dirname "$0")/lib.sh"
need python3 dpdk-testpmd
bench=$(cd "$(dirname "$0")/../.." && pwd)/usertools/mcm-bench
[ -x "$bench" ] || die "$bench is missing"
export MCM_BUILD_DIR=$1
tmp=$(mktemp -d /tmp/mcm-bench-test.XXXXXX)
trap 'rm -rf "$tmp" ${nr:+"$nr"}' EXIT

for bad in "-r 0" "-r 21" "-r x" "-r" "-r 2 -c 10" "-s 0" "-z 59" "-q 9" "--nope" "-o -c 10" \
	"-k 0" "-k 65" "-c 10 -k 100" "-g -c 10" "-G -c 10"; do
	# shellcheck disable=SC2086 # the options are split on purpose
	"$bench" $bad >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "mcm-bench $bad: exit 2 (got $rc) with a message ($(head -c 200 "$tmp/err"))" \
		test "$rc" -eq 2 -a -s "$tmp/err"
done

"$bench" -r 2 -s 1 -z 64 -n 0 -o --json "$tmp/b.json" --plot "$tmp/plot" >"$tmp/out" \
	2>"$tmp/err"
rc=$?
check "mcm-bench -r 2 -s 1 -z 64 -n 0 -o --plot runs (exit $rc: $(tail -n 3 "$tmp/err"))" \
	test "$rc" -eq 0
# all it said (a testpmd that did not start: the last lines of its log) when it failed, and
# a testpmd it had to start again (its warning, information: the run is still good) when not
if [ "$rc" -ne 0 ]; then
	cat "$tmp/err"
elif restarted=$(grep 'warning: testpmd exited' "$tmp/err"); then
	info "mcm-bench started a testpmd again: $restarted"
fi
# the default: hugepages if they can be had (as root they are reserved), else 4 KiB pages
# with a warning; the method line, the JSON and the warnings agree
check "its method line names the pages EAL ran on, the JSON likewise" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
out = open(sys.argv[2]).read()
huge = d["options"]["hugepages"]
ok = d["options"]["pages"] == "auto" and isinstance(huge, bool)
what = "EAL memory on 2 MiB hugepages" if huge else "EAL memory on 4 KiB pages (--no-huge)"
ok = ok and what in out and what in d["method"]
ok = ok and (huge or any("no 2 MiB hugepages to be had" in w for w in d["warnings"]))
sys.exit(0 if ok else 1)
' "$tmp/b.json" "$tmp/out"
check "its table has the 64 B row and says the figures are medians of 2 rounds" \
	grep -q 'medians of 2 rounds' "$tmp/out"
check "the 64 B row is in the table" grep -qE '^64B +[0-9.]+ +[0-9.]+ +[0-9.]+' "$tmp/out"
for png in mpps ratio; do
	check "--plot: mcm-bench-$png.png drawn (a PNG)" python3 -c '
import sys
sys.exit(0 if open(sys.argv[1], "rb").read(8) == b"\x89PNG\r\n\x1a\n" else 1)
' "$tmp/plot/mcm-bench-$png.png"
done
check "--plot: the 64 B row in its data, the four goals of issue 9 beside it" test \
	"$(grep -c '^64 ' "$tmp/plot/mcm-bench.dat")/$(grep -cE '^[0-9]+ 0\.[0-9]+ (cells|sdu)$' \
	"$tmp/plot/mcm-bench-goals.dat")" = 1/4
check "--plot: the ratio plot draws the goals" grep -q "mcm-bench-goals.dat" "$tmp/plot/mcm-bench.gp"
check "the JSON: rounds 2, every mode's figure the median of its 2 rounds" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
ok = d["options"]["rounds"] == 2 and len(d["throughput"]) == 1
t = d["throughput"][0]
raws = [r["mpps"] for r in t["raw"]["rounds"]]
for mode in ("raw", "mcm", "sdu", "pdu"):
    m = t[mode]
    rs = m["rounds"]
    ok = ok and len(rs) == 2 and all(r["mpps"] > 0 for r in rs)
    ok = ok and abs(m["mpps"] - sum(r["mpps"] for r in rs) / 2) < 0.0011
    if mode != "raw":
        # each round against the raw run of its own round
        ok = ok and all(abs(r["ratio"] - r["mpps"] / w) < 0.0011 for r, w in zip(rs, raws))
        ok = ok and abs(m["ratio"] - sum(r["ratio"] for r in rs) / 2) < 0.0011
sys.exit(0 if ok else 1)
' "$tmp/b.json"
check "-o: the own-cost lines of the three modes at 64 B" test "$(grep -cE \
	'^(cells|sdu|pdu) +64 +[0-9.]+ +[0-9.]+ +-?[0-9.]+ +[0-9.]+$' "$tmp/out")" = 3
check "-o: the JSON's own_cost, 3 rounds a mode (-r 2 raised to 3), medians of them" python3 -c '
import json, statistics, sys
d = json.load(open(sys.argv[1]))
o = d["own_cost"]
ok = d["options"]["own_cost"] is True and o["tool"] == "bench_path" and o["rounds"] == 3
ok = ok and sorted(r["mode"] for r in o["results"]) == ["cells", "pdu", "sdu"]
for r in o["results"]:
    rs = r["rounds"]
    ok = ok and r["frame"] == 64 and len(rs) == 3 and all(x["mcm_ns"] > x["base_ns"] > 0
                                                         for x in rs)
    own = statistics.median(x["mcm_ns"] - x["base_ns"] for x in rs)
    ok = ok and abs(r["own_ns"] - own) < 1e-6
    ok = ok and abs(r["mcm_ns"] - statistics.median(x["mcm_ns"] for x in rs)) < 1e-6
sys.exit(0 if ok else 1)
' "$tmp/b.json"
# a kernel without 2 MiB pages (MCM_HP_SYS pointed at nothing): by default the runs go on
# 4 KiB pages with a warning that says why; -g fails before any run
MCM_HP_SYS=$tmp/none "$bench" -s 1 -z 64 -n 0 --json "$tmp/n.json" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "no hugepages: mcm-bench -s 1 -z 64 -n 0 runs on 4 KiB pages (exit $rc)" test "$rc" -eq 0
check "no hugepages: its warning says why and how to choose" grep -q \
	"warning: no 2 MiB hugepages to be had (no 2 MiB hugepages in this kernel ($tmp/none)).*-g" \
	"$tmp/err"
check "no hugepages: the method line and the JSON say 4 KiB pages, the 64 B row is there" \
	python3 -c '
import json, re, sys
d = json.load(open(sys.argv[1]))
out = open(sys.argv[2]).read()
ok = d["options"]["pages"] == "auto" and d["options"]["hugepages"] is False
ok = ok and "EAL memory on 4 KiB pages (--no-huge)" in out and "4 KiB" in d["method"]
ok = ok and re.search(r"^64B +[0-9.]+ +[0-9.]+ +[0-9.]+", out, re.M) is not None
ok = ok and d["throughput"][0]["mcm"]["mpps"] > 0
sys.exit(0 if ok else 1)
' "$tmp/n.json" "$tmp/out"
MCM_HP_SYS=$tmp/none "$bench" -g -s 1 -z 64 -n 0 >"$tmp/out" 2>"$tmp/err"
rc=$?
said=$(grep -c 'no 2 MiB hugepages in this kernel' "$tmp/err")
check "no hugepages: mcm-bench -g fails (exit $rc, 1) saying so ($said), with no table" \
	test "$rc" -eq 1 -a ! -s "$tmp/out" -a "$said" -ge 1
# the call rate alone, with its JSON: one call at a time, then 4 outstanding from 4 threads
# and from one thread with the asynchronous calls
"$bench" -c 300 -k 4 --json "$tmp/c.json" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "mcm-bench -c 300 -k 4 --json runs (exit $rc: $(tail -n 3 "$tmp/err"))" test "$rc" -eq 0
check "its three call-rate lines" test "$(grep -cE \
	'^(1 outstanding|4 outstanding|4 async) +300 calls +[0-9]+ set-ups' "$tmp/out")" = 3
check "the JSON's call_rate: 300 calls, runs 1 / 4 threads / 4 async, rates above zero" \
	python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))["call_rate"]
runs = [(r["outstanding"], r["client"]) for r in c["runs"]]
ok = c["calls"] == 300 and runs == [(1, "threads"), (4, "threads"), (4, "async")]
ok = ok and all(r["calls"] == 300 and r["setups_releases_per_s"] > 0 for r in c["runs"])
sys.exit(0 if ok else 1)
' "$tmp/c.json"
# a user other than root (nobody), who cannot write /run: mcm-bench stages the PMD and makes
# its sockets in the user's runtime folder ($XDG_RUNTIME_DIR), runs (on 4 KiB pages: it cannot
# reserve hugepages) and leaves nothing behind; with no folder of the user's own, or a
# world-writable one (EAL loads no plugin from under it), it stops at once saying why. The
# user reads a copy of what the run needs: the clone may sit where nobody cannot reach.
nr=$(mktemp -d /run/mcm-bench-nr.XXXXXX)
chmod 0755 "$nr"
mkdir -p "$nr/top" "$nr/build/drivers/net/mcm" "$nr/xdg" "$nr/out"
cp -r "$(dirname "$bench")" "$nr/top/usertools" &&
	cp -r "$MCM_BUILD_DIR/meson-info" "$nr/build/" &&
	cp "$MCM_BUILD_DIR/drivers/net/mcm/librte_net_mcm.so" "$nr/build/drivers/net/mcm/" ||
	die "cannot copy mcm-bench and the PMD to $nr"
chmod -R a+rX "$nr/top" "$nr/build"
chown nobody "$nr/xdg" "$nr/out"
chmod 0700 "$nr/xdg"
as_nobody() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/nonexistent \
		MCM_BUILD_DIR="$nr/build" "$@"
}
as_nobody XDG_RUNTIME_DIR="$nr/xdg" "$nr/top/usertools/mcm-bench" -s 1 -z 64 -n 0 \
	--json "$nr/out/u.json" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "as nobody: mcm-bench -s 1 -z 64 -n 0 runs (exit $rc: $(tail -n 3 "$tmp/err"))" \
	test "$rc" -eq 0
# on 4 KiB pages with the warning, unless a hugetlbfs nobody may write has free pages
check "as nobody: the pages it ran on said, the 64 B row there" python3 -c '
import json, re, sys
d = json.load(open(sys.argv[1]))
out = open(sys.argv[2]).read()
err = open(sys.argv[3]).read()
if d["options"]["hugepages"] is False:
    ok = "EAL memory on 4 KiB pages (--no-huge)" in out
    ok = ok and "warning: no 2 MiB hugepages to be had" in err
else:
    ok = "EAL memory on 2 MiB hugepages" in out
ok = ok and re.search(r"^64B +[0-9.]+ +[0-9.]+ +[0-9.]+", out, re.M) is not None
ok = ok and all(d["throughput"][0][m]["mpps"] > 0 for m in ("raw", "mcm", "sdu", "pdu"))
sys.exit(0 if ok else 1)
' "$nr/out/u.json" "$tmp/out" "$tmp/err"
left=$(find "$nr/xdg" -mindepth 1 -maxdepth 1 \( -name 'mcm-plugin.*' -o -name '*.sock' \) |
	wc -l)
check "as nobody: the staged PMD and the sockets are gone ($left left)" test "$left" -eq 0
as_nobody XDG_RUNTIME_DIR= "$nr/top/usertools/mcm-bench" -s 1 -z 64 -n 0 >"$tmp/out" \
	2>"$tmp/err"
rc=$?
check "as nobody, no runtime folder and no HOME: exit $rc (1) saying why, no table" test \
	"$rc" -eq 1 -a ! -s "$tmp/out" -a "$(grep -c 'no folder of your own' "$tmp/err")" = 1
mkdir -m 1777 "$nr/open"
as_nobody XDG_RUNTIME_DIR="$nr/open" "$nr/top/usertools/mcm-bench" -s 1 -z 64 -n 0 \
	>"$tmp/out" 2>"$tmp/err"
rc=$?
check "as nobody, a world-writable runtime folder: exit $rc (1) naming it, no table" test \
	"$rc" -eq 1 -a ! -s "$tmp/out" -a \
	"$(grep -c "$nr/open is world-writable: EAL loads no plugin" "$tmp/err")" = 1
rm -rf "$nr"
summary
