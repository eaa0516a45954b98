#!/usr/bin/env bash
# Runs the shell examples of README.md, docs/api.md, docs/quality.md, docs/audit.md, docs/operations.md and docs/portal.md as written, so a document that drifts from
# the code fails the test suite. Each document runs in a fresh temporary directory (with src/, docs/ and bench/ linked
# in, as if run from the repository root), its ```sh blocks in order as one bash script with -e and pipefail.
#
# Three substitutions make them runnable unattended and fast; the commands are otherwise as written:
#   - `alias concordat='dotnet run ... src/Concordat.Cli --'` and `dotnet run --project src/Concordat.Cli --` run the
#     CLI already built (no `dotnet run` build per command);
#   - `dotnet run --project src/Concordat.Server -- --urls URL [&]` starts the built hub in the background and waits
#     until it is ready;
#   - 127.0.0.1:5080 becomes a free loopback port, and curl fails on an HTTP error (--fail-with-body), so an
#     example answering 4xx or 5xx fails the check.
# A block preceded by `<!-- docs-check: skip (reason) -->` is not run.
#
# Usage: scripts/docs-check.sh [Release|Debug] [document...]   (build the solution first)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
configuration=${1:-Release}
shift || true
documents=("$@")
if [ ${#documents[@]} -eq 0 ]; then documents=(README.md docs/api.md docs/quality.md docs/audit.md docs/operations.md docs/portal.md); fi
cli="$repo/src/Concordat.Cli/bin/$configuration/net10.0/concordat.dll"
server="$repo/src/Concordat.Server/bin/$configuration/net10.0/Concordat.Server.dll"
for built in "$cli" "$server"; do
  [ -f "$built" ] || { echo "docs-check: build the solution first ($built is missing)" >&2; exit 2; }
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# One document: run its examples in a fresh directory; exit status says whether they all worked.
check() {
  local document=$1 work port result
  work=$(mktemp -d "${TMPDIR:-/tmp}/concordat-docs-check.XXXXXX")
  ln -s "$repo/src" "$work/src"; ln -s "$repo/docs" "$work/docs"; ln -s "$repo/bench" "$work/bench"
  port=$(free_port)
  port2=$(free_port)
  python3 - "$repo/$document" "$work/example.sh" "$port" "$port2" <<'PY'
import re, sys
source, target, port, port2 = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
lines = open(source, encoding="utf-8").read().split("\n")
blocks, skip, i = [], False, 0
while i < len(lines):
    line = lines[i]
    if line.strip().startswith("<!-- docs-check: skip"):
        skip = True
    elif line.strip() == "```sh":
        start = i + 1
        i += 1
        while lines[i].strip() != "```":
            i += 1
        if not skip:
            blocks.append((start + 1, "\n".join(lines[start:i])))
        skip = False
    elif line.strip():
        skip = False
    i += 1
out = []
for number, block in blocks:
    block = re.sub(r"^alias concordat=.*$", 'concordat() { dotnet "$DOCS_CLI" "$@"; }', block, flags=re.M)
    block = block.replace("dotnet run --project src/Concordat.Cli --", 'dotnet "$DOCS_CLI"')
    block = re.sub(r"dotnet run --project src/Concordat.Server -- --urls (\S+)( &)?", r"start_hub \1", block)
    block = block.replace("127.0.0.1:5080", "127.0.0.1:" + port).replace("127.0.0.1:5081", "127.0.0.1:" + port2)
    # The documents' PostgreSQL database is a fresh one on the test server (CONCORDAT_TEST_POSTGRES), made below.
    block = block.replace("'postgresql://concordat:change-me@127.0.0.1:5432/concordat'", '"$DOCS_POSTGRES"')
    out.append(f"echo '--- {source.split('/')[-1]} line {number}'\n{block}\n")
open(target, "w", encoding="utf-8").write("\n".join(out))
PY
  cat > "$work/prelude.sh" <<'SH'
set -eo pipefail
curl() {
  local argument
  for argument in "$@"; do
    case "$argument" in --fail*|-[a-zA-Z]*f*) command curl --max-time 60 "$@"; return; esac
  done
  command curl --fail-with-body --max-time 60 "$@"
}
start_hub() {
  dotnet "$DOCS_SERVER" --urls "$1" >> hub.log 2>&1 &
  echo $! >> hub.pids
  for _ in $(seq 1 300); do command curl -sf "$1/health/ready" > /dev/null && return 0; sleep 0.2; done
  echo "docs-check: the hub did not start" >&2; cat hub.log >&2; return 1
}
SH
  # An example that runs on PostgreSQL gets a database of its own on the test server, dropped afterwards.
  local pg_database="" pg_uri=""
  if grep -q 'DOCS_POSTGRES' "$work/example.sh"; then
    if [ -z "${CONCORDAT_TEST_POSTGRES:-}" ]; then
      echo "docs-check: $document runs on PostgreSQL; set CONCORDAT_TEST_POSTGRES (scripts/postgres.sh prints it)" >&2
      return 1
    fi
    pg_database="docs_check_$(date +%s)_$RANDOM"
    psql "$CONCORDAT_TEST_POSTGRES" -qc "CREATE DATABASE $pg_database" > /dev/null
    pg_uri="${CONCORDAT_TEST_POSTGRES%/*}/$pg_database"
  fi
  set +e
  (cd "$work" && env -u CONCORDAT_DATA DOCS_CLI="$cli" DOCS_SERVER="$server" DOCS_POSTGRES="$pg_uri" bash -c 'source ./prelude.sh; source ./example.sh' > "$work/output.txt" 2>&1)
  result=$?
  set -e
  if [ -f "$work/hub.pids" ]; then
    while read -r pid; do kill "$pid" 2> /dev/null || true; done < "$work/hub.pids"
    # A hub signs its last checkpoint as it stops (writing keys/): wait until each has exited before the directory
    # is removed, or rm races the shutdown (at most 20 s, then it is killed).
    while read -r pid; do
      for _ in $(seq 1 200); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2> /dev/null || true
    done < "$work/hub.pids"
  fi
  if [ -n "$pg_database" ]; then
    sleep 1
    psql "$CONCORDAT_TEST_POSTGRES" -qc "DROP DATABASE IF EXISTS $pg_database WITH (FORCE)" > /dev/null || true
  fi
  if [ $result -ne 0 ]; then
    echo "docs-check: $document FAILED (exit $result, in $work); the end of its output:" >&2
    tail -n 40 "$work/output.txt" >&2
    return 1
  fi
  echo "docs-check: $document ran as written"
  [ -n "${DOCS_CHECK_KEEP:-}" ] && echo "docs-check: kept $work" || rm -rf "$work"
}

# The documents run side by side, each with its own directory and port.
pids=()
for document in "${documents[@]}"; do
  check "$document" &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do
  wait "$pid" || status=1
done
exit $status
