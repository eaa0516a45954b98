#!/usr/bin/env bash
# End-to-end load on the exchange look-up path, from a second process on loopback, with the bare-endpoint ratio.
# Usage: bench/load/lookups.sh [SECONDS] [CONCURRENCY] [PEOPLE]   (defaults 20, 32, 100000)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-20}"; concurrency="${2:-32}"; people="${3:-100000}"
dotnet build -c Release -nologo -v q src/Concordat.Server >/dev/null
dotnet build -c Release -nologo -v q bench/Concordat.Benchmarks >/dev/null
bench/Concordat.Benchmarks/bin/Release/net10.0/Concordat.Benchmarks exchange-load \
  src/Concordat.Server/bin/Release/net10.0/Concordat.Server.dll "$seconds" "$concurrency" "$people"
