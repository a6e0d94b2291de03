#!/usr/bin/env bash
# Installs the Debian packages wennuan needs, skipping what is present:
#   fonts-noto-cjk (Chinese in PDFs), libpango (WeasyPrint), chromium (browser tests), nodejs/npm (assets),
#   poppler-utils (pdftotext/pdftoppm: tests read the printed notices; look at a PDF as a PNG).
set -euo pipefail
want=(fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 chromium poppler-utils)
command -v npm >/dev/null 2>&1 || want+=(npm)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "wennuan: please install these packages with your system's package manager: ${missing[*]}" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "wennuan: installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
