#!/usr/bin/env bash
# End-to-end load on POST /api/v1/persons/match, from a second process on loopback, with ratios to a token-checked
# read and a bare endpoint. Usage: bench/load/person-match.sh [SECONDS] [CONCURRENCY] [PERSONS]
# (defaults 20, 8, 1000000); set CONCORDAT_BENCH_PORT to choose the hub's port. Seeding a million persons and building the index take minutes; run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-20}"; concurrency="${2:-8}"; persons="${3:-1000000}"
dotnet build -c Release -nologo -v q src/Concordat.Server >/dev/null
dotnet build -c Release -nologo -v q bench/Concordat.Benchmarks >/dev/null
bench/Concordat.Benchmarks/bin/Release/net10.0/Concordat.Benchmarks person-match-load \
  src/Concordat.Server/bin/Release/net10.0/Concordat.Server.dll "$seconds" "$concurrency" "$persons"
