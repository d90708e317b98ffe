#!/usr/bin/env bash
# Installs the Debian 12 packages drsim needs to build, test and run.
# Idempotent: packages already present are left alone and nothing is fetched.
# As root it runs apt-get itself; otherwise it prints the exact command and exits 1.
set -euo pipefail

packages=(
  cmake g++ make pkg-config ninja-build
  libboost-random-dev libeigen3-dev libprotobuf-dev protobuf-compiler
  libcli11-dev libpugixml-dev libssl-dev catch2
  libimgui-dev libstb-dev libglfw3-dev libgl-dev libgl1-mesa-dev libgl1-mesa-dri
  xvfb xauth
  libopenmpi-dev openmpi-bin
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  echo "setup: missing packages: ${missing[*]}" >&2
  echo "setup: run as root:  apt-get update && $cmd" >&2
  exit 1
fi

echo "setup: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
