#!/usr/bin/env bash
# The crash suite's long variant (issue 13 item 1): kill -9 the CLI during an ingest run and a persons resolve, and
# the hub during audited look-ups and webhook delivery, KILLS times each (default 50). Prints each scenario's seed and
# what it survived. Replay a run with CONCORDAT_CRASH_SEED=N.
#   ./scripts/crash.sh            # 50 kills per scenario
#   ./scripts/crash.sh 100        # 100 kills per scenario
set -euo pipefail
cd "$(dirname "$0")/.."
export CONCORDAT_CRASH_KILLS="${1:-50}" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Concordat.slnx -c Release -nologo -clp:ErrorsOnly
status=0
dotnet test tests/Concordat.Cli.Tests -c Release --no-build --filter "FullyQualifiedName~Reliability.CliCrashTests" \
  --logger "console;verbosity=detailed" 2>&1 | grep -E "seed|kills survived|Passed |Failed |Error Message|Assert" || status=1
dotnet test tests/Concordat.Server.Tests -c Release --no-build --filter "FullyQualifiedName~Reliability.HubCrashTests" \
  --logger "console;verbosity=detailed" 2>&1 | grep -E "seed|kills survived|Passed |Failed |Error Message|Assert" || status=1
exit $status
