#!/usr/bin/env bash
# Renders the app icon from its SVG master into every size the installers and the window use.
# Needs Debian's librsvg2-bin (rsvg-convert), imagemagick (convert) and icnsutils (png2icns).
# The results are committed under assets/icon/; run this again after changing the SVG.
set -euo pipefail
cd "$(dirname "$0")/../assets/icon"
for s in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$s" -h "$s" backflow.svg -o "backflow-$s.png"
done
convert backflow-16.png backflow-24.png backflow-32.png backflow-48.png backflow-64.png backflow-128.png backflow-256.png backflow.ico
png2icns backflow.icns backflow-16.png backflow-32.png backflow-48.png backflow-128.png backflow-256.png backflow-512.png backflow-1024.png >/dev/null
echo "icons written to $(pwd)"
