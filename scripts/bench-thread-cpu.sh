#!/usr/bin/env bash
# CPU seconds by thread of one Java process, for a profile that wall time on a shared machine cannot give.
#
# Usage: scripts/bench-thread-cpu.sh java [OPTIONS] -jar cli/target/aitm.jar detect DIR --config ... --out ...
#
# Starts the command, reads /proc/PID/task/*/stat every 0.1 s while it runs, keeps each thread's last user + system
# time, and prints them summed by thread name without its number (the engine's shards, the readers, the garbage
# collector's and the JIT compilers' threads, main as "java"), then GNU time's wall, CPU and peak RSS. A thread that
# ends between two reads loses at most its last 0.1 s. Linux only; needs GNU time (/usr/bin/time).
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: scripts/bench-thread-cpu.sh java ... (the command to measure)" >&2; exit 2; }
log="$(mktemp)"; timing="$(mktemp)"
trap 'rm -f "$log" "$timing"' EXIT
/usr/bin/time -f '%e s wall, %U s user, %S s system, %M KB peak RSS' -o "$timing" "$@" >/dev/null &
runner=$!
pid=""
for _ in $(seq 50); do pid="$(pgrep -P "$runner" | head -1 || true)"; [ -n "$pid" ] && break; sleep 0.1; done
while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do
  for t in /proc/"$pid"/task/*; do
    read -r stat <"$t/stat" 2>/dev/null || continue
    name="${stat#*(}"; name="${name%%)*}"
    # shellcheck disable=SC2086 # the fields after the name are words
    set -- ${stat##*) }
    echo "${t##*/} ${name// /_} ${12} ${13}"   # utime and stime in clock ticks
  done >>"$log" 2>/dev/null || true
  sleep 0.1
done
wait "$runner" || { echo "bench-thread-cpu: the command failed" >&2; cat "$timing" >&2; exit 1; }
hz="$(getconf CLK_TCK)"
awk -v hz="$hz" '{ v = $3 + $4; if (v >= last[$1]) { last[$1] = v; name[$1] = $2 } }
  END { for (t in last) { n = name[t]; gsub(/[-#0-9]+$/, "", n); s[n] += last[t] / hz; total += last[t] / hz }
        for (n in s) if (s[n] >= 0.05) printf "%8.2f  %s\n", s[n], n; printf "%8.2f  total\n", total }' "$log" | sort -rn
cat "$timing"
