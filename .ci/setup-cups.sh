#!/usr/bin/env bash
# Make CUPS ready for the A4 printing tests on a fresh Debian container (run as root):
# start the scheduler if it is not running, add the A4PDF printer (cups-pdf writes each job
# as a PDF file), and wait until it accepts jobs. Safe to run again.
set -euo pipefail

command -v cupsd >/dev/null || { echo "setup-cups: cupsd is not installed (apt-get install cups)" >&2; exit 1; }
[ -e /usr/lib/cups/backend/cups-pdf ] || { echo "setup-cups: printer-driver-cups-pdf is not installed" >&2; exit 1; }

scheduler_running() { lpstat -r 2>/dev/null | grep -q 'scheduler is running'; }

if ! scheduler_running; then
  # Without systemd in a container: run the daemon directly (it backgrounds itself).
  mkdir -p /run/cups
  cupsd
  for _ in $(seq 1 50); do scheduler_running && break; sleep 0.2; done
  scheduler_running || { echo "setup-cups: cupsd did not start" >&2; exit 1; }
fi

if ! lpstat -p A4PDF >/dev/null 2>&1; then
  ppd=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
  if [ -e "$ppd" ]; then
    lpadmin -p A4PDF -E -v cups-pdf:/ -P "$ppd"
  else
    lpadmin -p A4PDF -E -v cups-pdf:/ -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd
  fi
fi
cupsenable A4PDF
cupsaccept A4PDF

for _ in $(seq 1 50); do
  if lpstat -a A4PDF 2>/dev/null | grep -q 'accepting requests'; then
    echo "setup-cups: A4PDF is accepting jobs"
    exit 0
  fi
  sleep 0.2
done
echo "setup-cups: A4PDF does not accept jobs" >&2
exit 1
