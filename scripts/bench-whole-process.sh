#!/usr/bin/env bash
# Whole-process benchmark: `aitm detect` against DuckDB SQL and jq on the same generated Log Analytics exports.
#
# Usage: scripts/bench-whole-process.sh SIZE...      SIZE is a sign-in count: 100k, 1m, 2m, 5m, 250000 ...
#
# For each size it generates a tenant with `aitm simulate` (seed 1, 3 days, SIZE/100 users: about 1.09 × SIZE
# interactive + non-interactive sign-ins, plus the audit, risk and OfficeActivity rows the same users produce),
# reads every file once with cat (the I/O floor, and so every tool starts from the same page cache), then runs
# under /usr/bin/time, one after the other:
#   aitm            java OPTS -jar cli/target/aitm.jar detect DIR/logs --config DIR/tenant.yaml --out ...   (every
#                   table, whole catalogue, the JVM options of ./aitm or AITM_JAVA_OPTS, the tenant's own networks)
#   duckdb-replay   bench/src/main/resources/io/aitmdefense/bench/la-session-replay.sql over both sign-in tables
#   duckdb-rule     .../la-signin-then-inbox-rule.sql over both sign-in tables and OfficeActivity
#   duckdb-every-column  .../la-signins-every-column.sql: every field of both sign-in tables parsed and hashed,
#                   no correlation (the reading aitm does for its evidence; not in the default TOOLS)
#   jq-replay       .../la-session-replay.jq (grouping only) over both sign-in tables
#   aitm-baseline   as aitm, with the jar in AITM_BASELINE_JAR (another build, for a before/after in one run) and
#                   the options in AITM_BASELINE_JAVA_OPTS (default: aitm's), and says whether its alerts, incidents.csv
#                   and incidents.json are the same as aitm's (the generation time and output folder aside)
# and prints one Markdown table row per tool: wall seconds, sign-in rows per second, MB read per second, peak RSS,
# CPU seconds (user + system: steadier than wall time on a shared machine), and aitm's wall time divided by the
# tool's (above 1: aitm is slower). rows/s counts the sign-in rows for every
# tool so the columns compare; MB/s counts the bytes of the files that tool reads.
#
# Environment: BENCH_DATA (default /tmp/aitm-bench-whole) holds the data, about 7 GB per million sign-ins;
# KEEP_DATA=1 keeps it (the default deletes each size's data once measured; an existing size with truth.json is
# reused); TOOLS (default "aitm duckdb-replay duckdb-rule jq-replay") picks the tools.
# Needs: cli/target/aitm.jar (mvn -B -ntp -o -q package -DskipTests), bench/target/aitm-bench.jar
# (mvn -B -ntp -o -Pbench package -pl bench -am -DskipTests), GNU time (/usr/bin/time) and jq 1.6+
# (apt-get install -y jq, brew install jq).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
queries="$root/bench/src/main/resources/io/aitmdefense/bench"
data="${BENCH_DATA:-/tmp/aitm-bench-whole}"
tools="${TOOLS:-aitm duckdb-replay duckdb-rule jq-replay}"
# AITM_JAR and AITM_BENCH_JAR: copies to measure, so that a build running meanwhile cannot replace the jar under a run
aitm_jar="${AITM_JAR:-$root/cli/target/aitm.jar}"
bench_jar="${AITM_BENCH_JAR:-$root/bench/target/aitm-bench.jar}"
# the JVM options of the ./aitm launcher (heap cap, collector), so the figures are those a user gets
java_opts="${AITM_JAVA_OPTS:-$(sed -n 's/.*AITM_JAVA_OPTS:-\([^}]*\)}.*/\1/p' "$root/aitm")}"
hosting_asns="'14061','24940','16276','63949','20473','9009','51167','16509','14618','15169','396982'"

die() { echo "bench-whole-process: $*" >&2; exit 2; }
[ $# -gt 0 ] || die "usage: scripts/bench-whole-process.sh SIZE...   (SIZE: 100k, 1m, 5m ...)"
[ -x /usr/bin/time ] || die "needs GNU time at /usr/bin/time (apt-get install -y time)"
[ -f "$aitm_jar" ] || die "no $aitm_jar: run mvn -B -ntp -o -q package -DskipTests"
case " $tools " in *" duckdb-"*) [ -f "$bench_jar" ] || die "no $bench_jar: run mvn -B -ntp -o -Pbench package -pl bench -am -DskipTests";; esac
case " $tools " in *" jq-replay "*) command -v jq >/dev/null || die "needs jq on PATH (apt-get install -y jq, brew install jq) or TOOLS without jq-replay";; esac

count() { # 100k -> 100000, 1m -> 1000000, 250000 -> 250000
  local s="${1,,}"
  case "$s" in
    *k) echo $(( ${s%k} * 1000 ));; *m) echo $(( ${s%m} * 1000000 ));; *[!0-9]*|'') die "bad size $1";; *) echo "$s";;
  esac
}
truth_rows() { sed -n "s/^ *\"$2\" : \([0-9]*\).*/\1/p" "$1/truth.json" | head -1; }
bytes() { du -cb "$@" | tail -1 | cut -f1; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# run NAME OUTFILE COMMAND... : times the command, leaves "wall_s cpu_s rss_kb" in $work/NAME.time
run() {
  local name="$1" out="$2"; shift 2
  if ! /usr/bin/time -f '%e %U %S %M' -o "$work/$name.time" "$@" >"$out" 2>"$work/$name.err"; then
    echo "bench-whole-process: $name failed, see $work/$name.err" >&2; tail -5 "$work/$name.err" >&2; return 1
  fi
  echo "  $name done (load $(load))" >&2
}

# measured TOOL FOUND INPUT_BYTES : records one tool's figures for the table printed once the size is done
measured() {
  local wall user sys rss
  read -r wall user sys rss <"$work/$1.time"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')" \
    "$rss" "$(load)" >>"$work/measured.tsv"
}

# same_output DIR DIR : whether two aitm detect runs wrote the same alerts and incidents (generation time, folder aside)
same_output() {
  [ -d "$1" ] && [ -d "$2" ] || return 0
  local f verdict="same"
  for f in alerts.ndjson incidents.csv incidents.json; do
    cmp -s <(sed -e "s#$1#OUT#g" -e '/"generated"/d' "$1/$f") <(sed -e "s#$2#OUT#g" -e '/"generated"/d' "$2/$f") \
      || verdict="DIFFERENT ($f)"
  done
  echo "  aitm and aitm-baseline outputs: $verdict" >&2
}

# table SIZE : one Markdown row per tool; the ratio divides aitm's wall time by the tool's (above 1: aitm is slower)
table() {
  awk -F'\t' -v size="$1" -v rows="$signins" '
    { tool[NR] = $1; found[NR] = $2; b[NR] = $3; w[NR] = ($4 < 0.01 ? 0.01 : $4); cpu[NR] = $5; rss[NR] = $6; ld[NR] = $7
      if ($1 == "aitm") aw = w[NR] }
    END { for (i = 1; i <= NR; i++) {
      ratio = (aw == "" || tool[i] == "aitm") ? "–" : sprintf("%.1f", aw / w[i])
      printf "| %s | %s | %s | %d | %.0f | %.1f | %.1f | %.0f | %.1f | %d | %s | %s |\n", size, tool[i], found[i], rows,
        b[i] / 1e6, w[i], cpu[i], rows / w[i], b[i] / 1e6 / w[i], rss[i] / 1024, ratio, ld[i] } }' "$work/measured.tsv"
}

echo "| size | tool | found | sign-in rows | MB read | wall s | CPU s | rows/s | MB/s | peak RSS MB | aitm ÷ tool | load after |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for size in "$@"; do
  n="$(count "$size")"
  users=$(( n / 100 )); [ "$users" -ge 10 ] || users=10
  dir="$data/$size"
  work="$dir/run-$(date -u +%Y%m%dT%H%M%S)-$$"
  if [ ! -f "$dir/truth.json" ] || [ ! -f "$dir/tenant.yaml" ]; then
    rm -rf "$dir"; mkdir -p "$data"
    echo "generating $size: $users users, 3 days, seed 1 → $dir (load $(load))" >&2
    java -jar "$aitm_jar" simulate --users "$users" --days 3 --seed 1 --formats la --out "$dir" >&2
  fi
  rm -rf "$work"; mkdir -p "$work"
  la="$dir/logs/la"
  signins=$(( $(truth_rows "$dir" SIGN_INS) + $(truth_rows "$dir" NON_INTERACTIVE_SIGN_INS) ))
  signin_files=("$la"/SigninLogs/*.ndjson "$la"/AADNonInteractiveUserSignInLogs/*.ndjson)
  office_files=("$la"/OfficeActivity/*.ndjson)
  mapfile -t all_files < <(find "$dir/logs" -type f | sort)
  signin_sql="['$la/SigninLogs/*.ndjson', '$la/AADNonInteractiveUserSignInLogs/*.ndjson']"

  run cat /dev/null cat "${all_files[@]}"
  measured cat "–" "$(bytes "${all_files[@]}")"
  for tool in $tools; do
    case "$tool" in
      aitm)
        # shellcheck disable=SC2086 # the options are words
        run aitm "$work/aitm.out" java $java_opts -jar "$aitm_jar" detect "$dir/logs" --config "$dir/tenant.yaml" --out "$work/aitm-out"
        measured aitm "$(sed -n '1s/^\([0-9]*\) incidents.*/\1 incidents/p' "$work/aitm.out")" "$(bytes "${all_files[@]}")";;
      aitm-baseline)
        [ -f "${AITM_BASELINE_JAR:-}" ] || die "aitm-baseline needs AITM_BASELINE_JAR=path/to/aitm.jar of the other build"
        # shellcheck disable=SC2086 # the options are words
        run aitm-baseline "$work/aitm-baseline.out" java ${AITM_BASELINE_JAVA_OPTS:-$java_opts} -jar "$AITM_BASELINE_JAR" \
          detect "$dir/logs" --config "$dir/tenant.yaml" --out "$work/aitm-baseline-out"
        same_output "$work/aitm-out" "$work/aitm-baseline-out"
        measured aitm-baseline "$(sed -n '1s/^\([0-9]*\) incidents.*/\1 incidents/p' "$work/aitm-baseline.out")" \
          "$(bytes "${all_files[@]}")";;
      duckdb-replay)
        run duckdb-replay "$work/duckdb-replay.out" java -cp "$bench_jar" io.aitmdefense.bench.DuckDbBaseline \
          la-session-replay "$signin_sql"
        measured duckdb-replay "$(sed -n 's/.*: \([0-9]*\) result rows.*/\1 sessions/p' "$work/duckdb-replay.out")" \
          "$(bytes "${signin_files[@]}")";;
      duckdb-rule)
        run duckdb-rule "$work/duckdb-rule.out" java -cp "$bench_jar" io.aitmdefense.bench.DuckDbBaseline \
          la-signin-then-inbox-rule "$signin_sql" "['$la/OfficeActivity/*.ndjson']"
        measured duckdb-rule "$(sed -n 's/.*: \([0-9]*\) result rows.*/\1 users/p' "$work/duckdb-rule.out")" \
          "$(bytes "${signin_files[@]}" "${office_files[@]}")";;
      duckdb-every-column)
        run duckdb-every-column "$work/duckdb-every-column.out" java -cp "$bench_jar" io.aitmdefense.bench.DuckDbBaseline \
          la-signins-every-column "$signin_sql"
        measured duckdb-every-column "$(sed -n 's/.*: \([0-9]*\) result rows.*/every column/p' "$work/duckdb-every-column.out")" \
          "$(bytes "${signin_files[@]}")";;
      jq-replay)
        run jq-replay "$work/jq-replay.out" jq -n -c -f "$queries/la-session-replay.jq" "${signin_files[@]}"
        measured jq-replay "$(wc -l <"$work/jq-replay.out") sessions" "$(bytes "${signin_files[@]}")";;
      *) die "unknown tool $tool (aitm, aitm-baseline, duckdb-replay, duckdb-rule, duckdb-every-column, jq-replay)";;
    esac
  done
  table "$size"
  [ "${KEEP_DATA:-0}" = 1 ] || rm -rf "$dir"
done
