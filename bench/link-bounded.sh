#!/usr/bin/env bash
# Population-scale deduplication under a memory bound (issue 14 item 6): `concordat synth --people-csv` for PEOPLE
# people (about 1.9 records each; 10,500,000 people is about 20,000,000 records), then `concordat link` with
# --memory-limit LIMIT, keeping only the pairs that can reach pairs.csv or a cluster (no --truth).
# Usage: bench/link-bounded.sh [PEOPLE] [LIMIT] [WORKDIR]   (defaults 10500000, 16GB, a temporary directory).
# The 20M-record run takes a long time and most of the machine: run it only on a quiet machine. The synthetic CSV
# alone is about 3 GB; WORKDIR must have room for it, the outputs and any spilled pairs.
# Prints each stage's time, the records per GB the engine reports, wall-clock and CPU seconds and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
people="${1:-10500000}"
limit="${2:-16GB}"
work="${3:-$(mktemp -d)}"
if [[ -z "${3:-}" ]]; then trap 'rm -rf "$work"' EXIT; fi
dotnet build -c Release -nologo -v q src/Concordat.Cli >/dev/null
cli=src/Concordat.Cli/bin/Release/net10.0/concordat
"$cli" synth --people-csv -n "$people" -o "$work"
echo "CSV: $(du -h "$work/people.csv" | cut -f1), $(($(wc -l < "$work/people.csv") - 1)) records"
/usr/bin/time -f "elapsed_s=%e user_s=%U sys_s=%S cpu=%P max_rss_kb=%M" \
  "$cli" link "$work/people.csv" --settings docs/linkage/people.settings.json --out "$work/out" --memory-limit "$limit" 2>&1
