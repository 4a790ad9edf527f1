#!/usr/bin/env bash
# A PDF "printer" on the local CUPS for the passport-printer tests: the queue LoketPDF (cups-pdf),
# whose every job lands as a PDF in one known folder. Run as root, as often as you like; it
# installs nothing (CI installs `cups printer-driver-cups-pdf` first) and prints the folder last.
# CUPS listens on localhost only and advertises nothing.
set -euo pipefail

queue=${LOKET_CUPS_QUEUE:-LoketPDF}
out=/var/spool/cups-pdf/loket
conf=/etc/cups/cupsd.conf
pdfconf=/etc/cups/cups-pdf.conf
ppd=/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd

[ "$(id -u)" = 0 ] || { echo "cups-pdf.sh: run as root (it configures CUPS)" >&2; exit 1; }
for file in /usr/sbin/cupsd /usr/lib/cups/backend/cups-pdf "$ppd" "$pdfconf"; do
  [ -e "$file" ] || { echo "cups-pdf.sh: $file is missing; install cups and printer-driver-cups-pdf" >&2; exit 1; }
done

# One run at a time: test files in parallel workers may all call this.
mkdir -p /run/lock
exec 9>/run/lock/loket-cups-pdf.lock
flock 9

# Sets `key value` in a "Key Value" file, replacing the line (commented out or not) or appending it.
set_key() {
  local file=$1 key=$2 value=$3
  if grep -qxF "${key} ${value}" "$file"; then return 1; fi
  if grep -qE "^#?${key}([[:space:]]|\$)" "$file"; then
    sed -i -E "0,/^#?${key}([[:space:]]|\$).*/s||${key} ${value}|" "$file"
  else
    echo "${key} ${value}" >>"$file"
  fi
}

# Loopback only: no Port lines (they mean every address), Listen on localhost and the socket, no
# sharing or browsing announcements.
changed=0
if grep -qE '^[[:space:]]*(Port[[:space:]]|Listen[[:space:]]+[^l/])' "$conf"; then
  sed -i -E '/^[[:space:]]*(Port[[:space:]]|Listen[[:space:]]+[^l/])/d' "$conf"
  changed=1
fi
grep -qE '^Listen localhost:631$' "$conf" || { echo 'Listen localhost:631' >>"$conf"; changed=1; }
set_key "$conf" Browsing No && changed=1

# Every job's PDF in $out, named job_<id>-<job name>.pdf, readable by the tests: the user the job
# names ("loket") is usually not a local account, so cups-pdf treats it as anonymous.
# cups-pdf reads its configuration at every job.
for setting in "Out $out" "AnonDirName $out" 'AnonUMask 0022' 'UserUMask 0022' 'Label 1' 'TitlePref 1'; do
  set_key "$pdfconf" $setting || true
done
install -d -m 1777 "$out" # as cups-pdf makes its anonymous folder: jobs are written as nobody

scheduler_running() { lpstat -r 2>/dev/null | grep -q 'scheduler is running'; }

if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
  if [ "$changed" = 1 ]; then systemctl restart cups; else systemctl start cups; fi
elif scheduler_running; then
  # Without systemd cupsd runs as a daemon of its own; cupsctl sends it the configuration file
  # back, which makes it restart and read it.
  if [ "$changed" = 1 ]; then cupsctl Browsing=No; fi
else
  mkdir -p /run/cups
  cupsd
fi
for _ in $(seq 1 50); do scheduler_running && break; sleep 0.2; done
scheduler_running || { echo "cups-pdf.sh: the CUPS scheduler did not start" >&2; exit 1; }

# cups-pdf's backend must run as root (mode 0700) to write files for other users; CUPS runs a
# backend as root only when no one else may execute it.
chmod 0700 /usr/lib/cups/backend/cups-pdf

# lpadmin warns that PPD drivers are deprecated (CUPS 2.4 still takes them); shown only on failure.
if ! lpstat -v "$queue" >/dev/null 2>&1; then
  made=$(lpadmin -p "$queue" -E -v cups-pdf:/ -P "$ppd" 2>&1) || { echo "$made" >&2; exit 1; }
fi
cupsenable "$queue"
cupsaccept "$queue"

echo "$out"
