#!/usr/bin/env bash
# Runs every test in the solution and prints the totals as "N passed, N failed[, N skipped]".
# Exits non-zero when any test fails or when no test ran.
set -uo pipefail
cd "$(dirname "$0")/.."
results="$(pwd)/TestResults"
rm -rf "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Tests that need PostgreSQL read its URI from CONCORDAT_TEST_POSTGRES; start the local server when it is unset.
if [ -z "${CONCORDAT_TEST_POSTGRES:-}" ]; then
  CONCORDAT_TEST_POSTGRES="$(./scripts/postgres.sh)" || { echo "PostgreSQL is needed: apt-get install -y postgresql"; echo "0 passed, 1 failed"; exit 1; }
  export CONCORDAT_TEST_POSTGRES
fi

dotnet build Concordat.slnx -c Release -nologo -clp:ErrorsOnly || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
dotnet test Concordat.slnx -c Release --no-build -nologo --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
status=$?

passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "no tests ran"; failed=1
fi
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
exit 0
