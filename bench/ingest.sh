#!/usr/bin/env bash
# End-to-end CSV ingest benchmark: N synthetic person rows (12 columns, ~2% bad) into a fresh SQLite hub.
# Usage: bench/ingest.sh [ROWS]   (default 1000000). Prints rows/s and peak memory (max RSS).
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
echo "CSV: $(du -h "$work/people.csv" | cut -f1), $rows rows"
"$cli" --data "$work/hub" organisations add bench --name "Benchmark Department" >/dev/null
"$cli" --data "$work/hub" datasets add bench-people --org bench --title "People" --schema bench/person.schema.json >/dev/null
run() {
  /usr/bin/time -f "elapsed_s=%e max_rss_kb=%M" "$cli" --data "$work/hub" ingest bench-people "$work/people.csv" --mapping bench/person.mapping.json 2>&1 | tail -n 16
}
echo "== first load"; run
echo "== re-run of the same file (idempotent: no new versions)"; run
