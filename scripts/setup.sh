#!/usr/bin/env bash
# From a Debian machine with only Node 20 and npm to the main job: Debian's chromium (for the
# docs test), the pinned pnpm, the workspace from the lockfile (with it the pinned Node 24 LTS,
# which runs every `pnpm run` script), then lint, bundle and generate from the specs, build,
# render the docs, and run the demo against Prism mocks. One line per step; a step's full output
# only when it fails.
set -euo pipefail
cd "$(dirname "$0")/.."

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 SCARF_ANALYTICS=false
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

# Runs a command with its output kept in a log, shown only if it fails.
quietly() {
  local what="$1" log
  shift
  log="$(mktemp)"
  printf '==> %s\n' "$what"
  if ! "$@" >"$log" 2>&1; then
    cat "$log"
    printf 'failed: %s\n' "$what" >&2
    exit 1
  fi
  rm -f "$log"
}

if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  quietly "apt-get install chromium" sh -c "$SUDO apt-get update && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium"
fi

PNPM_VERSION="$(node -p 'require("./package.json").packageManager.split("@")[1]')"
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  quietly "npm install --global pnpm@$PNPM_VERSION" npm install --global "pnpm@$PNPM_VERSION"
fi

quietly "pnpm install --frozen-lockfile (with Node $(node -p 'require("./package.json").devDependencies.node'))" pnpm install --frozen-lockfile
pnpm run --silent main
