#!/usr/bin/env bash
# Installs what Faultline needs on Debian 12 (only what is missing), then configures and builds.
#   scripts/setup.sh                 dev preset (debug, warnings on)
#   scripts/setup.sh --preset asan   address + undefined-behaviour sanitizers
#   scripts/setup.sh --deps-only     install packages, build nothing
set -euo pipefail
cd "$(dirname "$0")/.."

preset=dev
deps_only=0
while [ $# -gt 0 ]; do
    case "$1" in
        --preset) preset="$2"; shift 2 ;;
        --preset=*) preset="${1#*=}"; shift ;;
        --deps-only) deps_only=1; shift ;;
        -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
        *) echo "setup.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done

packages=(
    build-essential cmake pkg-config git
    qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev
    libgit2-dev libsqlite3-dev libsimdjson-dev libzip-dev libcsv-dev libyaml-cpp-dev libyaml-dev
    libgoogle-perftools-dev
    libbenchmark-dev
    xvfb xauth poppler-utils
    desktop-file-utils appstream dpkg-dev
    clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "setup.sh: installing ${missing[*]}"
    if [ "$(id -u)" -eq 0 ]; then
        as_root=()
    elif command -v sudo >/dev/null; then
        as_root=(sudo)
    else
        echo "setup.sh: need root (or sudo) to install: ${missing[*]}" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${as_root[@]}" apt-get update -q
    "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

[ "$deps_only" -eq 1 ] && exit 0

cmake --preset "$preset"
cmake --build --preset "$preset"
