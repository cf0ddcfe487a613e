#!/usr/bin/env bash
# What a new user does after `npm ci`, on whatever Node the shell has (CI: the machine's Node 20): the
# README's commands must work as they stand. Run by .ci/run; exits non-zero with the step that failed.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
step() { echo "first run: $*" >&2; }

step "npm run demo"
npm run --silent demo >"$out/demo.txt" 2>&1 || { cat "$out/demo.txt"; exit 1; }
grep -q "Opening a war-room for Halvard Field Services" "$out/demo.txt"
grep -q "^\[ \] #1 " "$out/demo.txt" || { cat "$out/demo.txt"; echo "no ranked hypotheses in the demo" >&2; exit 1; }

version="$(node -p 'require("./package.json").version')"
step "npx warroom --version"
[ "$(npx --no-install warroom --version)" = "$version" ]
step "node handlers/cli/launcher.js --version (the shell's own Node $(node --version))"
[ "$(node handlers/cli/launcher.js --version)" = "$version" ]

step "npm start, then SIGTERM to npm: the server stops with it"
port=$((40000 + RANDOM % 20000))
PORT="$port" DATA_DIR="$out/data" npm start >"$out/start.txt" 2>&1 &
npm_pid=$!
for _ in $(seq 1 600); do grep -q "^listening on" "$out/start.txt" && break; sleep 0.1; done
grep -q "^listening on" "$out/start.txt" || { cat "$out/start.txt"; exit 1; }
kill -TERM "$npm_pid"
wait "$npm_pid" || { cat "$out/start.txt"; echo "npm start exited non-zero" >&2; exit 1; }
grep -q "^stopped" "$out/start.txt" || { cat "$out/start.txt"; echo "serve did not stop cleanly" >&2; exit 1; }
if node -e "require('net').connect($port, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))"; then
  echo "a server still listens on :$port after npm start stopped" >&2
  exit 1
fi
step "ok"
