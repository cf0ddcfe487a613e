# shellcheck shell=bash
# Sourced by .ci/run (and usable by people on an old Node): when the machine's Node is older than 22,
# installs Node 24 from the npm registry (package node@24) into ./.tools and puts it first on PATH.
_warroom_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_warroom_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(_warroom_node_major)" -lt 22 ]; then
  if [ ! -x "$_warroom_root/.tools/node_modules/.bin/node" ]; then
    echo "Node $(node --version 2>/dev/null || echo 'not found') is older than 22: installing node@24 into .tools/" >&2
    mkdir -p "$_warroom_root/.tools"
    npm install --prefix "$_warroom_root/.tools" --no-save --no-audit --no-fund --loglevel=error node@24 >&2
  fi
  export PATH="$_warroom_root/.tools/node_modules/.bin:$PATH"
fi
echo "Using Node $(node --version)" >&2
