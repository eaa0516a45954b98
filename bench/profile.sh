#!/usr/bin/env bash
# Quality profiling benchmark: N synthetic person records (12 fields) ingested into a fresh SQLite hub, then
# profiled with every metric and the rules in bench/person.rules.json.
# Usage: bench/profile.sh [ROWS]   (default 1000000). Prints the in-process timings (bench `profile` mode) and the
# whole `concordat profile` command's elapsed time and peak memory (max RSS).
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build -c Release -nologo -v q bench/Concordat.Benchmarks >/dev/null
dotnet build -c Release -nologo -v q src/Concordat.Cli >/dev/null
bench_bin=bench/Concordat.Benchmarks/bin/Release/net10.0/Concordat.Benchmarks
cli=src/Concordat.Cli/bin/Release/net10.0/concordat
"$bench_bin" make-csv "$rows" "$work/people.csv"
echo "== in process (load, then time the profile)"; uptime
"$bench_bin" profile "$work/people.csv" bench/person.schema.json bench/person.mapping.json bench/person.rules.json
"$cli" --data "$work/hub" organisations add bench --name "Benchmark Department" >/dev/null
"$cli" --data "$work/hub" datasets add bench-people --org bench --title "People" --schema bench/person.schema.json >/dev/null
"$cli" --data "$work/hub" quality rules set bench-people bench/person.rules.json >/dev/null
echo "== concordat ingest (the run is profiled after it commits)"; uptime
/usr/bin/time -f "elapsed_s=%e max_rss_kb=%M" "$cli" --data "$work/hub" ingest bench-people "$work/people.csv" --mapping bench/person.mapping.json 2>&1 | grep -E "Rows/s|Elapsed|elapsed_s" || true
echo "== concordat profile"; uptime
/usr/bin/time -f "elapsed_s=%e max_rss_kb=%M" "$cli" --data "$work/hub" profile bench-people --no-files 2>&1 | grep -E "elapsed_s|Records" || true
