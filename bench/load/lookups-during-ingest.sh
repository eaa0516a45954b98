#!/usr/bin/env bash
# Look-ups while a large CSV ingest runs into the same SQLite hub: p99 alone, then p99 for as long as the ingest runs.
# Usage: bench/load/lookups-during-ingest.sh [ROWS] [SECONDS] [CONCURRENCY] [PEOPLE]   (defaults 1000000, 20, 32, 100000)
# Set CONCORDAT_BENCH_PORT to choose the hub's port.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-1000000}"; seconds="${2:-20}"; concurrency="${3:-32}"; people="${4:-100000}"
dotnet build -c Release -nologo -v q src/Concordat.Server >/dev/null
dotnet build -c Release -nologo -v q src/Concordat.Cli >/dev/null
dotnet build -c Release -nologo -v q bench/Concordat.Benchmarks >/dev/null
bench/Concordat.Benchmarks/bin/Release/net10.0/Concordat.Benchmarks lookups-during-ingest \
  src/Concordat.Server/bin/Release/net10.0/Concordat.Server.dll src/Concordat.Cli/bin/Release/net10.0/concordat.dll \
  bench/person.schema.json bench/person.mapping.json "$rows" "$seconds" "$concurrency" "$people"
