#!/usr/bin/env bash
# End-to-end load on a look-up through two federation nodes (consumer node -> provider node over mutual TLS), with the
# single-node look-up at the provider's node in the same run for the ratio (issue 11, performance).
# Usage: bench/load/lookups-federated.sh [SECONDS] [CONCURRENCY] [PEOPLE]   (defaults 20, 32, 100000)
# Set CONCORDAT_BENCH_PORT=N to use ports N to N+3 (two public APIs, two federation listeners).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-20}"; concurrency="${2:-32}"; people="${3:-100000}"
dotnet build -c Release -nologo -v q src/Concordat.Server >/dev/null
dotnet build -c Release -nologo -v q bench/Concordat.Benchmarks >/dev/null
bench/Concordat.Benchmarks/bin/Release/net10.0/Concordat.Benchmarks lookups-federated \
  src/Concordat.Server/bin/Release/net10.0/Concordat.Server.dll "$seconds" "$concurrency" "$people"
