#!/usr/bin/env bash
# The look-up load of bench/load/lookups.sh with the hub on PostgreSQL: one hub node, its store the database named,
# driven from a second process on loopback. Prints req/s, latency percentiles and CPU per request in the hub and in the
# PostgreSQL backends serving the database (read from /proc, so the server must run on this machine), from which the
# capacity of each added core can be worked out (docs/operations.md, "Sizing").
# Usage: bench/load/lookups-postgres.sh POSTGRES_URI [SECONDS] [CONCURRENCY] [PEOPLE]   (defaults 20, 32, 100000)
# POSTGRES_URI names an empty database the benchmark may fill, e.g. postgresql://user:pass@127.0.0.1:5432/concordat_lookups
# (create it first: createdb concordat_lookups). CONCORDAT_BENCH_PORT pins the hub's port.
set -euo pipefail
cd "$(dirname "$0")/../.."
store="${1:?usage: bench/load/lookups-postgres.sh POSTGRES_URI [SECONDS] [CONCURRENCY] [PEOPLE]}"
seconds="${2:-20}"; concurrency="${3:-32}"; people="${4:-100000}"
dotnet build -c Release -nologo -v q src/Concordat.Server >/dev/null
dotnet build -c Release -nologo -v q bench/Concordat.Benchmarks >/dev/null
bench/Concordat.Benchmarks/bin/Release/net10.0/Concordat.Benchmarks exchange-load \
  src/Concordat.Server/bin/Release/net10.0/Concordat.Server.dll "$seconds" "$concurrency" "$people" --store "$store"
