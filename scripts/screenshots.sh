#!/usr/bin/env bash
# Renders the README's screenshots from the demo team: builds the demo (seed 1) in a temporary
# directory and draws every view with `faultline snapshot`, as the window paints it.
#   scripts/screenshots.sh [faultline binary, default build/dev/app/faultline]
set -euo pipefail
cd "$(dirname "$0")/.."
faultline="${1:-build/dev/app/faultline}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$faultline" demo --no-gui --seed 1 --dir "$work/demo" > /dev/null
mkdir -p docs/screenshots
for view in overview pipeline leadtime rework incidents changes; do
    "$faultline" snapshot --workspace "$work/demo/demo.faultline" --view "$view" --size 1440x810 \
        --out "docs/screenshots/$view.png"
done
"$faultline" snapshot --workspace "$work/demo/demo.faultline" --view overview --theme dark --size 1440x810 \
    --out docs/screenshots/overview-dark.png
"$faultline" snapshot --workspace "$work/demo/demo.faultline" --view rework --presentation --size 1280x720 \
    --out docs/screenshots/rework-presentation.png
