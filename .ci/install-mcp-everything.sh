#!/usr/bin/env bash
# Installs the reference MCP server "server-everything" (npm registry, pinned version) into a
# project-local folder, for the test that checks Spring AI's MCP client still works with a
# third-party server over stdio while agent-tracing adds the trace context to params._meta.
# Idempotent: does nothing when the pinned version is already there. Needs node and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=2026.8.31
PREFIX=sample-support-router/target/mcp-everything
PACKAGE_JSON="$PREFIX/node_modules/@modelcontextprotocol/server-everything/package.json"

command -v node >/dev/null 2>&1 || { echo "node is missing: apt-get install nodejs npm" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "npm is missing: apt-get install npm" >&2; exit 1; }

if [ -f "$PACKAGE_JSON" ] && grep -q "\"version\": \"$VERSION\"" "$PACKAGE_JSON"; then
  echo "server-everything $VERSION present in $PREFIX"
  exit 0
fi
mkdir -p "$PREFIX"
npm install --no-audit --no-fund --loglevel=error --prefix "$PREFIX" "@modelcontextprotocol/server-everything@$VERSION"
echo "server-everything $VERSION installed in $PREFIX"
