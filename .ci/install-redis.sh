#!/usr/bin/env bash
# Installs Debian's redis-server for the Redis Streams propagation test, if it is missing.
# Idempotent: does nothing when redis-server is already on the PATH. The test starts and
# stops its own redis-server on a free loopback port; this script never starts a service.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  echo "redis-server present: $(redis-server --version)"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# --no-install-recommends keeps the package's service wrappers out of the way; the
# package's postinst may try to start a service, which fails harmlessly without systemd.
$SUDO apt-get install -y -qq --no-install-recommends redis-server >/dev/null
command -v redis-server >/dev/null 2>&1 || { echo "redis-server still missing after apt-get install" >&2; exit 1; }
# The package may have started a system instance on 6379; the tests never use it.
echo "redis-server installed: $(redis-server --version)"
