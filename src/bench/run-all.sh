#!/usr/bin/env bash
# Runs every Backflow benchmark, one after another (about 45 minutes on 2 cores), and writes
# each one's output to target/bench/. Results and their reading: docs/BENCHMARKS.md.
# Needs JDK 25 (JAVA_HOME) and, for the window and start-up benchmarks, a display or xvfb-run.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=target/bench
mkdir -p "$out"
display=()
if [ -z "${DISPLAY:-}" ]; then
  if command -v xvfb-run >/dev/null 2>&1; then display=(xvfb-run -a); else display=(); fi
fi
bench() { mvn -B -ntp -q -Pbench exec:exec -Dbench.main="$1" "-Dbench.args=$2"; }

mvn -B -ntp -q -Pbench test-compile
echo "== queue cost (JMH)";          bench org.openjdk.jmh.Main "QueueHandoff -rf json -rff $out/jmh-queue.json" | tee "$out/queue.txt"
echo "== queue cost per operation (JMH)"; bench org.openjdk.jmh.Main "QueueOpCost -rf json -rff $out/jmh-opcost.json" | tee "$out/opcost.txt"
echo "== pacing and reconfigure";    bench dev.backflow.bench.EngineBench "all 10" | tee "$out/engine.txt"
echo "== engine CPU at 10,000 + 10,000, wake timer on, then off"
bench dev.backflow.bench.EngineBench "cpu 15" | tee "$out/engine-cpu.txt"
mvn -B -ntp -q -Pbench exec:exec -Dbench.main=dev.backflow.bench.EngineBench "-Dbench.args=cpu 15" \
  -Dbench.jvmArgs=-Dbackflow.wakeTimer=false | tee -a "$out/engine-cpu.txt"
if [ -n "${DISPLAY:-}" ] || [ ${#display[@]} -gt 0 ]; then
  echo "== window under load";       "${display[@]}" mvn -B -ntp -q -Pbench exec:exec -Dbench.main=dev.backflow.bench.WindowLoadBench "-Dbench.args=20" | tee "$out/window.txt"
  echo "== window at 1,000,000 items/s"; "${display[@]}" mvn -B -ntp -q -Pbench exec:exec -Dbench.main=dev.backflow.bench.WindowLoadBench "-Dbench.args=20 virtual 64 1 1000000" | tee "$out/window-1m.txt"
  pipe="source 100k/s x1000"
  for i in 1 2 3 4 5 6 7; do pipe="$pipe | 64 block | s$i 0.02ms x1000"; done
  pipe="$pipe | 64 block | sink 0.02ms x1000"
  echo "== window, 8-link pipeline with 1,000 workers per stage"
  "${display[@]}" mvn -B -ntp -q -Pbench exec:exec -Dbench.main=dev.backflow.bench.WindowLoadBench "-Dbench.args=20 virtual 1 1 100000 '$pipe'" | tee "$out/window-pipeline.txt"
  # Steady state: 30 s of warm-up first (the JIT compiles for about the first 20 s), then 30 s measured.
  echo "== window under load, steady state"
  "${display[@]}" mvn -B -ntp -q -Pbench exec:exec -Dbench.main=dev.backflow.bench.WindowLoadBench "-Dbench.args=30" \
    -Dbench.jvmArgs=-Dbench.warmUp=30 | tee "$out/window-steady.txt"
  echo "== window at 10,000 + 10,000, steady state"
  "${display[@]}" mvn -B -ntp -q -Pbench exec:exec -Dbench.main=dev.backflow.bench.WindowLoadBench "-Dbench.args=30 virtual 10000 10000" \
    -Dbench.jvmArgs=-Dbench.warmUp=30 | tee "$out/window-10k-steady.txt"
  for kind in virtual platform; do
    echo "== scale ($kind)";         "${display[@]}" mvn -B -ntp -q -Pbench exec:exec -Dbench.main=dev.backflow.bench.WindowLoadBench "-Dbench.args=10 $kind 10000 10000" | tee "$out/scale-$kind.txt"
  done
  echo "== start-up"
  mvn -B -ntp -q -Ppackage package -DskipTests
  "${display[@]}" installer/measure-startup.sh 7 | tee "$out/startup.txt"
else
  echo "== window, scale and start-up skipped: no display and no xvfb-run"
fi
echo "== fidelity (about 10 minutes; docs/FIDELITY.md)"; bench dev.backflow.bench.FidelityBench "60" | tee "$out/fidelity.md"
echo "== run history memory (1 hour)"; bench dev.backflow.bench.HistoryMemoryBench "60" | tee "$out/history.txt"
echo "== soak (10 minutes)";         bench dev.backflow.bench.SoakBench "10" | tee "$out/soak.txt"
