#!/usr/bin/env bash
# System packages the project needs: Chromium (browser tests), CJK fonts and Pango (PDF
# bulletins), poppler (PDF checks). Installed only on Debian-like systems when running as root
# and only when missing; elsewhere it prints what to install and carries on.
set -u
packages=(chromium fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 poppler-utils gettext)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
else
  echo "install-system-deps: not a Debian system; please install: Chromium, Noto CJK fonts, Pango, poppler, gettext"
  exit 0
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "install-system-deps: missing ${missing[*]} (run as root, or install them yourself)"
fi
exit 0
