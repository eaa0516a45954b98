#!/usr/bin/env bash
# Makes sure a PostgreSQL server is running on this machine for the tests and prints its URI.
# Used by .ci/run and scripts/test.sh: `export CONCORDAT_TEST_POSTGRES="$(scripts/postgres.sh)"`.
# An already set CONCORDAT_TEST_POSTGRES wins (point it at any server whose user may create databases).
# Otherwise it starts Debian's cluster (apt-get install -y postgresql) and gives its postgres user a password.
set -euo pipefail
if [ -n "${CONCORDAT_TEST_POSTGRES:-}" ]; then echo "$CONCORDAT_TEST_POSTGRES"; exit 0; fi
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  echo "PostgreSQL is not installed: apt-get install -y postgresql, or set CONCORDAT_TEST_POSTGRES" >&2
  exit 1
fi
sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
if [ "$status" != "online" ]; then
  $sudo_cmd pg_ctlcluster "$version" "$cluster" start >&2
fi
password="concordat-test"
for _ in $(seq 1 30); do
  if $sudo_cmd su postgres -c "psql -p $port -qAtc \"alter user postgres password '$password'\"" >/dev/null 2>&1; then
    echo "postgresql://postgres:$password@127.0.0.1:$port/postgres"
    exit 0
  fi
  sleep 1
done
echo "PostgreSQL cluster $version/$cluster did not accept connections" >&2
exit 1
