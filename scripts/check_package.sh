#!/usr/bin/env bash
# Packaging check (issue 9), run by CI after the tests: validates the desktop file and the AppStream
# metadata, builds the .deb from a configured build directory, installs it with dpkg, and runs the
# installed binary: --version, then the demo without the window. Needs root (dpkg -i); removes the
# package again at the end.
#   scripts/check_package.sh [build dir, default build/dev]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/dev}"
app_id=dev.faultline.Faultline

desktop-file-validate "$build/packaging/$app_id.desktop"
appstreamcli validate --no-net "$build/packaging/$app_id.metainfo.xml"

rm -f "$build"/faultline_*.deb
(cd "$build" && cpack -G DEB > /dev/null)
deb=$(ls "$build"/faultline_*.deb)
echo "check_package: built $deb"

export DEBIAN_FRONTEND=noninteractive
# dpkg -i does not fetch dependencies; apt-get then installs whatever the package declares and is
# missing (nothing on a machine that has built Faultline).
dpkg -i "$deb" || apt-get install -y -q -f
trap 'dpkg -r faultline > /dev/null || true' EXIT

/usr/bin/faultline --version
demo_dir=$(mktemp -d)/demo
/usr/bin/faultline demo --no-gui --dir "$demo_dir"
test -s "$demo_dir/demo.faultline"
/usr/bin/faultline metrics --workspace "$demo_dir/demo.faultline" > /dev/null
grep -q "application/x-faultline-workspace:\*\.faultline" /usr/share/mime/globs2
test -f "/usr/share/metainfo/$app_id.metainfo.xml"
test -f "/usr/share/icons/hicolor/256x256/apps/$app_id.png"
echo "check_package: the package installs, runs and builds the demo"
