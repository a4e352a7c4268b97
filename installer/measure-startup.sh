#!/usr/bin/env bash
# Startup benchmark: time from starting the packaged launcher to the first painted frame.
# Usage: installer/measure-startup.sh [runs] [extra JVM option...]
#   Builds nothing: run `mvn -Ppackage package -DskipTests` first. Needs a display (or Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}; shift || true
launcher=${BACKFLOW_LAUNCHER:-target/jpackage/out/Backflow/bin/Backflow}
[ -x "$launcher" ] || { echo "no app image: run mvn -Ppackage package -DskipTests" >&2; exit 1; }
opts="-Dbackflow.startupProbe=true $*"
results=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s%3N)
  line=$(JAVA_TOOL_OPTIONS="$opts" "$launcher" --presets-dir "$(mktemp -d)" 2>/dev/null | grep -m1 backflow-first-frame-epoch-ms= || true)
  [ -n "$line" ] || { echo "run $i: no frame reported" >&2; exit 1; }
  results+=($(( ${line#*=} - start )))
done
printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {printf "runs %d  min %d ms  median %d ms  max %d ms\n", NR, a[1], a[int((NR+1)/2)], a[NR]}'
