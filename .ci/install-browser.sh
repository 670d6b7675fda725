#!/usr/bin/env bash
# Installs what the browser tests need (Debian's Chromium and its ChromeDriver), once.
# Idempotent: does nothing when both are already there. The browser tests fail, with this
# script's name in the message, when they are missing.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  echo "chromium and chromedriver already installed: $(chromium --version 2>/dev/null || true)"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-browser.sh: must run as root or with sudo" >&2; exit 1; }
  sudo="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends chromium chromium-driver
echo "installed: $(chromium --version 2>/dev/null || true), $(chromedriver --version 2>/dev/null || true)"
