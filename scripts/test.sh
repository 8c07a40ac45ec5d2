#!/usr/bin/env bash
# The one test command: on a fresh Debian machine with only the Rust toolchain, installs what the
# tests need when it is missing, then runs the format check, clippy and every test (unit,
# integration and headless-browser tests), and last the nginx cluster check (scripts/nginx-check.sh).
#
#   bash scripts/test.sh
set -euo pipefail

cd "$(dirname "$0")/.."

log() { printf '\n==> %s\n' "$*"; }

# shellcheck source=scripts/as-root.sh
source scripts/as-root.sh

# --- Rust toolchain pieces -------------------------------------------------------------------
if command -v rustup >/dev/null 2>&1; then
    if ! rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
        log "installing the wasm32-unknown-unknown target (the Yew apps are built for it)"
        rustup target add wasm32-unknown-unknown
    fi
    # A `minimal` rustup profile has neither.
    for component in rustfmt clippy; do
        if ! rustup component list --installed | grep -q "^${component}"; then
            log "installing the ${component} component"
            rustup component add "${component}"
        fi
    done
fi

# --- Headless browser for the dashboard tests --------------------------------------------------
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    log "installing chromium and chromium-driver from the Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        chromium chromium-driver
fi

# --- Checks and tests ----------------------------------------------------------------------------
log "cargo fmt --all -- --check"
cargo fmt --all -- --check

log "cargo clippy --workspace --all-targets --locked -- -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

log "cargo test --workspace --locked"
cargo test --workspace --locked

log "the cluster recipe: nginx in front of two instances on PostgreSQL"
bash scripts/nginx-check.sh

log "all checks passed"
