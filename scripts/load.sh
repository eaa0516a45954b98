#!/usr/bin/env bash
# The load test's long variant (issue 13 item 2): CLIENTS concurrent clients (default 64) for SECONDS (default 300)
# against one hub, mixing granted, refused, malformed and unauthenticated requests; prints the requests and audit
# entries per kind and fails on any unexpected answer (a 5xx among them) or any audit count that differs.
#   ./scripts/load.sh             # 64 clients for 300 s
#   ./scripts/load.sh 600 128     # 128 clients for 600 s
set -euo pipefail
cd "$(dirname "$0")/.."
export CONCORDAT_LOAD_SECONDS="${1:-300}" CONCORDAT_LOAD_CLIENTS="${2:-64}" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Concordat.slnx -c Release -nologo -clp:ErrorsOnly
dotnet test tests/Concordat.Server.Tests -c Release --no-build --filter "FullyQualifiedName~Reliability.LoadTests" \
  --logger "console;verbosity=detailed" 2>&1 | grep -E "clients for|requests, answered|Passed |Failed |Error Message|Unexpected|entries" 
