#!/usr/bin/env bash
# Install Sambat Bunda into .venv (Python 3.11). Safe to run again: it only reinstalls when
# requirements.txt changed. --with-browser also makes sure Debian's Chromium is present for the
# Playwright browser tests (never `playwright install`: no downloads from outside the registries).
set -euo pipefail
cd "$(dirname "$0")"

with_browser=0
for arg in "$@"; do
  case "$arg" in
    --with-browser) with_browser=1 ;;
    *) echo "usage: ./install.sh [--with-browser]" >&2; exit 2 ;;
  esac
done

python_bin=""
for candidate in python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)'; then
    python_bin=$candidate
    break
  fi
done
if [ -z "$python_bin" ]; then
  echo "Sambat Bunda needs Python 3.11 (python3.11 or python3 on PATH)." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  "$python_bin" -m venv .venv
fi

stamp=.venv/.requirements.sha256
wanted=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  echo "$wanted" > "$stamp"
fi
# The Indonesian catalogues of the admin (locale/), compiled to .mo.
.venv/bin/python -m sambat_site.locale_build

if [ "$with_browser" -eq 1 ] && [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi
