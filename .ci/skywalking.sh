#!/usr/bin/env bash
# The backend tests: the sample's traces exported over OTLP/gRPC into Apache SkyWalking OAP 10.1.0,
# a real trace backend started on loopback by the tests, and queried back through its Zipkin API.
# Kept out of the default test command (./mvnw -B verify): the first run downloads the server from
# Maven Central (263 jars, about 130 MB) and the tests run it as a second JVM (about 450 MB).
# Runs on JDK 17 (the server's supported runtime) unless JAVA_HOME is set.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${JAVA_HOME:-}" ]; then
  for candidate in /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/java" ] && "$candidate/bin/java" -version 2>&1 | grep -q 'version "17'; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      break
    fi
  done
fi

echo "=== SkyWalking backend tests ($("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)) ==="
./mvnw -B -Pskywalking verify -pl agent-tracing-conformance -am \
  -Dtest='SkyWalking*Tests' -Dsurefire.failIfNoSpecifiedTests=false
