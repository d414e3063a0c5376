#!/usr/bin/env bash
# Installs the Debian packages retain needs to build and test, and the npm
# packages of the dashboard (web/, built into the binary) and of the browser
# tests (tests/browser). Skips apt-get entirely when everything is already
# present, and npm when node_modules is up to date, so repeated runs are quick.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
packages=(
  build-essential cmake pkg-config
  libsqlite3-dev zlib1g-dev
  libcli11-dev nlohmann-json3-dev rapidjson-dev libfmt-dev
  libnlopt-cxx-dev libboost-dev libeigen3-dev libgsl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcpp-httplib-dev libsodium-dev libtomlplusplus-dev wrk curl
  libpq-dev postgresql-15
  libkainjow-mustache-dev libcurl4-openssl-dev python3-aiosmtpd
  clang-format time clang-16 libclang-rt-16-dev
  chromium
)
# Node.js and npm for the browser tests: Debian's, unless the machine has
# them already (from Debian or elsewhere).
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages exactly as each package-lock.json says: the dashboard's
# front-end libraries (copied into the binary at build time) and the browser
# tests' driver. Skipped when node_modules is as new as the lock.
npm_ci() {
  local dir="$root/$1"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] \
    || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "Installing the npm packages of $1 (npm ci)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_ci web
npm_ci tests/browser
