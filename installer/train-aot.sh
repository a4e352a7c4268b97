#!/usr/bin/env bash
# Makes the app image start faster: one training run of the packaged app (to its first painted
# frame) records a JDK 25 AOT cache (JEP 483/514), and the launcher is told to use it.
# Measured effect in docs/BENCHMARKS.md. Needs a display; uses xvfb-run if there is none; skips
# (the app works the same, it just starts slower) when neither is available.
# Usage: installer/train-aot.sh APP_IMAGE_DIR
set -euo pipefail
app=${1:?usage: train-aot.sh APP_IMAGE_DIR}
cfg="$app/lib/app/Backflow.cfg"
cache="$app/lib/app/backflow.aot"
[ -f "$cfg" ] || { echo "train-aot: no app image at $app" >&2; exit 1; }
run=("$app/bin/Backflow" --presets-dir "$(mktemp -d)")
if [ -z "${DISPLAY:-}" ]; then
  if command -v xvfb-run >/dev/null 2>&1; then
    run=(xvfb-run -a "${run[@]}")
  else
    echo "train-aot: no display and no xvfb-run: skipping the AOT cache (startup will be slower)"
    exit 0
  fi
fi
rm -f "$cache"
if ! JAVA_TOOL_OPTIONS="-Dbackflow.startupProbe=true -XX:AOTCacheOutput=$cache" timeout 120 "${run[@]}" >/dev/null 2>&1 \
    || [ ! -s "$cache" ]; then
  rm -f "$cache"
  echo "train-aot: the training run failed: skipping the AOT cache (startup will be slower)"
  exit 0
fi
# Tell the launcher to use it ($APPDIR is expanded by the jpackage launcher).
if ! grep -q 'AOTCache=' "$cfg"; then
  sed -i 's|^\[JavaOptions\]$|[JavaOptions]\njava-options=-XX:AOTCache=$APPDIR/backflow.aot|' "$cfg"
fi
echo "train-aot: AOT cache written ($(du -h "$cache" | cut -f1))"
