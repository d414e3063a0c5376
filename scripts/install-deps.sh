#!/usr/bin/env bash
# Installs the Debian packages retain needs to build and test.
# Skips apt-get entirely when everything is already present, so repeated runs are quick.
set -euo pipefail
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
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
