#!/usr/bin/env bash
# What the tests need of the machine, checked first by `npm test`; quick when it is all there (one
# dpkg-query and one lpstat). As root on Debian it installs what is missing and makes the CUPS
# queue; otherwise it stops at once with the one command to run.
#
# The packages: compilers for better-sqlite3, Chromium for the browser tests of the station UIs
# (driven by playwright-core; nothing is downloaded by the test tools themselves), socat, whose
# pseudo-terminal pairs stand in for serial devices in the driver tests, libusb for node-hid's
# Linux backend, udev, whose udevadm SerialPort.list() uses, CUPS with cups-pdf, the passport
# printer the tests print to (scripts/cups-pdf.sh makes the LoketPDF queue, loopback only), and
# tesseract and poppler, which read the printed pages back, and PostgreSQL, the central store's
# database (scripts/postgres.sh starts it on loopback and makes the test role).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(python3 make g++ chromium socat libusb-1.0-0 udev cups printer-driver-cups-pdf tesseract-ocr poppler-utils postgresql)
queue=${LOKET_CUPS_QUEUE:-LoketPDF}
# The browser tests take another Chromium when told where it is.
if [ -n "${LOKET_CHROMIUM:-}" ] && [ -x "$LOKET_CHROMIUM" ]; then
  for i in "${!packages[@]}"; do [ "${packages[$i]}" != chromium ] || unset "packages[$i]"; done
fi

[ -z "${LOKET_SKIP_PROVISION:-}" ] || exit 0
if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  echo "npm test: this machine has no dpkg/apt-get, so it cannot check what the tests need." >&2
  echo "Install ${packages[*]} (or their equivalents), make the CUPS queue $queue as scripts/cups-pdf.sh does, then run:" >&2
  echo "  LOKET_SKIP_PROVISION=1 npm test" >&2
  exit 1
fi
installed=$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${packages[@]}" 2>/dev/null || true)
need=()
for pkg in "${packages[@]}"; do
  grep -qE "^${pkg//+/\\+}(:[a-z0-9]+)? ii" <<<"$installed" || need+=("$pkg")
done
queue_ready() { lpstat -a "$queue" 2>/dev/null | grep -q "^$queue accepting"; }
queue_missing=0
queue_ready || queue_missing=1
# The central store's tests sign in as the role scripts/postgres.sh makes, on loopback.
postgres_ready() { PGPASSWORD=loket psql -h 127.0.0.1 -U loket -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; }
postgres_missing=0
[ -n "${LOKET_TEST_POSTGRES:-}" ] || postgres_ready || postgres_missing=1

[ ${#need[@]} -eq 0 ] && [ "$queue_missing" = 0 ] && [ "$postgres_missing" = 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  steps=()
  [ ${#need[@]} -eq 0 ] || steps+=("apt-get install -y ${need[*]}")
  [ "$queue_missing" = 0 ] || steps+=("scripts/cups-pdf.sh") # after the packages: it starts CUPS and makes the queue
  [ "$postgres_missing" = 0 ] || steps+=("scripts/postgres.sh") # starts PostgreSQL on loopback, makes the test role
  if command -v sudo >/dev/null; then
    command=$(printf ' && sudo %s' "${steps[@]}")
    command=${command:4}
  else
    command="su root -c '$(printf '%s && ' "${steps[@]}" | sed 's/ && $//')'"
  fi
  what=()
  [ ${#need[@]} -eq 0 ] || what+=("the Debian packages ${need[*]}")
  [ "$queue_missing" = 0 ] || what+=("the CUPS queue $queue")
  [ "$postgres_missing" = 0 ] || what+=("PostgreSQL running on loopback with the test role")
  echo "npm test needs $(printf '%s and ' "${what[@]}" | sed 's/ and $//') on this machine. Run once, as root:" >&2
  echo "  $command" >&2
  echo "then npm test again." >&2
  exit 1
fi

if [ ${#need[@]} -gt 0 ]; then
  echo "Installing what the tests need: ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
queue_ready || scripts/cups-pdf.sh >/dev/null || echo "scripts/cups-pdf.sh failed: the passport printer tests will fail" >&2
[ "$postgres_missing" = 0 ] || scripts/postgres.sh >/dev/null || echo "scripts/postgres.sh failed: the central store tests will fail" >&2
