#!/usr/bin/env bash
# End-to-end CSV ingest into PostgreSQL beside a plain COPY of the same rows, in one run on the same machine.
# Usage: bench/ingest-postgres.sh POSTGRES_URI [ROWS]   (default 1000000)
# POSTGRES_URI names an empty database the benchmark may fill, e.g. postgresql://user:pass@127.0.0.1:5432/concordat_bench
# (create it first: createdb concordat_bench). Prints the plain COPY rate, the hub's rows/s for a first load and a
# re-run (`concordat ingest`, which also profiles the dataset after the run), and each run's peak memory (max RSS).
set -euo pipefail
cd "$(dirname "$0")/.."
store="${1:?usage: bench/ingest-postgres.sh POSTGRES_URI [ROWS]}"
rows="${2:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build -c Release -nologo -v q bench/Concordat.Benchmarks >/dev/null
dotnet build -c Release -nologo -v q src/Concordat.Cli >/dev/null
bench_bin=bench/Concordat.Benchmarks/bin/Release/net10.0/Concordat.Benchmarks
cli=src/Concordat.Cli/bin/Release/net10.0/concordat
"$bench_bin" make-csv "$rows" "$work/people.csv"
echo "CSV: $(du -h "$work/people.csv" | cut -f1), $rows rows"
echo "== plain COPY FROM of the same file (the yardstick)"
"$bench_bin" copy-baseline "$work/people.csv" --store "$store"
"$cli" --data "$work/hub" --store "$store" organisations add bench --name "Benchmark Department" >/dev/null
"$cli" --data "$work/hub" --store "$store" datasets add bench-people --org bench --title "People" --schema bench/person.schema.json >/dev/null
run() {
  /usr/bin/time -f "elapsed_s=%e max_rss_kb=%M" "$cli" --data "$work/hub" --store "$store" ingest bench-people "$work/people.csv" --mapping bench/person.mapping.json 2>&1 | grep -E "Rows read|Versions|Unchanged|Elapsed|Rows/s|elapsed_s"
}
echo "== first load"; run
echo "== re-run of the same file (idempotent: no new versions)"; run
