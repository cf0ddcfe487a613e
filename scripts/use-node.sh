# shellcheck shell=bash
# Source it (bash or zsh) to run warroom's TypeScript with a plain `node` (benchmarks, scripts): when the
# shell's Node cannot (type stripping needs 22.18 or newer), it puts the project's own Node 24 first on
# PATH, the one `npm ci` installs from the npm registry's `node` package. npm's scripts (`npm start`,
# `npm run demo`, `npm test`) and `npx warroom` already run on it and need none of this.
if [ -n "${ZSH_VERSION:-}" ]; then
  eval '_warroom_script="${(%):-%x}"'
else
  _warroom_script="${BASH_SOURCE[0]:-$0}"
fi
_warroom_root="$(cd "$(dirname "$_warroom_script")/.." && pwd)"
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number);
  process.exit(a > 23 || (a === 23 && b >= 6) || (a === 22 && b >= 18) ? 0 : 1)' 2>/dev/null; then
  if [ -x "$_warroom_root/node_modules/node/bin/node" ]; then
    export PATH="$_warroom_root/node_modules/.bin:$PATH"
  else
    echo "warroom: Node $(node --version 2>/dev/null || echo 'is missing and') cannot run TypeScript; run npm ci in $_warroom_root first (it installs Node 24)" >&2
  fi
fi
echo "Using Node $(node --version 2>/dev/null) ($(command -v node))" >&2
unset _warroom_script _warroom_root
