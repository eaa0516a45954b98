#!/usr/bin/env bash
# End-to-end deduplication benchmark: `concordat synth --people-csv` for PEOPLE people (about 1.9 records each),
# then `concordat link` (read CSV, standardise, block, train, score, cluster, write) with the example settings.
# Usage: bench/link.sh [PEOPLE] [--truth]   (default 526000 people, about 1,000,000 records).
# Prints each stage's time, wall-clock and CPU seconds and peak memory (max RSS); --truth adds the accuracy table.
set -euo pipefail
cd "$(dirname "$0")/.."
people="${1:-526000}"
truth=()
if [[ "${2:-}" == "--truth" ]]; then truth=(--truth personId); fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build -c Release -nologo -v q src/Concordat.Cli >/dev/null
cli=src/Concordat.Cli/bin/Release/net10.0/concordat
"$cli" synth --people-csv -n "$people" -o "$work"
echo "CSV: $(du -h "$work/people.csv" | cut -f1), $(($(wc -l < "$work/people.csv") - 1)) records"
/usr/bin/time -f "elapsed_s=%e user_s=%U sys_s=%S cpu=%P max_rss_kb=%M" \
  "$cli" link "$work/people.csv" --settings docs/linkage/people.settings.json --out "$work/out" "${truth[@]}" 2>&1
