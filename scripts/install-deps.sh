#!/usr/bin/env bash
# Installs the Debian packages retain needs to build and test, and the npm
# packages of the browser tests (tests/browser). Skips apt-get entirely when
# everything is already present, and npm when tests/browser/node_modules is
# up to date, so repeated runs are quick.
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

# The browser tests' npm packages, exactly as package-lock.json says.
browser="$root/tests/browser"
if [ ! -f "$browser/node_modules/.package-lock.json" ] \
  || [ "$browser/package-lock.json" -nt "$browser/node_modules/.package-lock.json" ]; then
  echo "Installing the browser tests' npm packages (npm ci in tests/browser)"
  (cd "$browser" && npm ci --no-audit --no-fund --loglevel=error)
fi
