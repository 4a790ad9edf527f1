#!/usr/bin/env bash
# The PostgreSQL the central store's tests use (issue 25): Debian's cluster started on loopback
# (its default: listen_addresses = localhost) and a role `loket` (password `loket`) that may create
# databases; each test file makes its own database and drops it. Run as root, as often as you like;
# it installs nothing (npm test's provisioning installs `postgresql` first). Not for production:
# docs/central.md says how to set up the office's real central database.
set -euo pipefail

[ "$(id -u)" = 0 ] || { echo "postgres.sh: run as root (it starts the cluster)" >&2; exit 1; }
command -v pg_lsclusters >/dev/null || { echo "postgres.sh: install postgresql first" >&2; exit 1; }

mkdir -p /run/lock
exec 9>/run/lock/loket-postgres.lock
flock 9

cluster=$(pg_lsclusters --no-header | awk 'NR == 1 { print $1, $2 }')
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_createcluster "$version" main >/dev/null
  cluster="$version main"
fi
read -r version name <<<"$cluster"
if ! pg_lsclusters --no-header | awk -v v="$version" -v n="$name" '$1 == v && $2 == n { print $4 }' | grep -q online; then
  pg_ctlcluster "$version" "$name" start
fi
for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 && break
  sleep 0.5
done
runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'loket') THEN
    CREATE ROLE loket LOGIN CREATEDB PASSWORD 'loket';
  END IF;
END \$\$;" >/dev/null
echo "PostgreSQL $version on 127.0.0.1:$(pg_lsclusters --no-header | awk -v v="$version" -v n="$name" '$1 == v && $2 == n { print $3 }'), role loket"
