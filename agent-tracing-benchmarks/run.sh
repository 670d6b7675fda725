#!/usr/bin/env bash
# Runs the agent-tracing benchmarks and writes a Markdown report.
#
#   ./mvnw -q -B package -pl agent-tracing-benchmarks -am -DskipTests   # build (add -o once resolved)
#   agent-tracing-benchmarks/run.sh [quick|full] [results-dir]
#
# quick: 1 fork, 4 x 2 s warm-up, 5 x 1 s measurement, 3 start-ups per variant (about 15 minutes
#        on a quiet 2-core machine); full: 2 forks, 5 x 2 s, 10 x 2 s, 10 start-ups.
# PARTS picks what runs (default: all): agent-run redactor exporter buffer startup.
# Extra JMH options go in JMH_OPTS, e.g. JMH_OPTS='-p scenario=NO_TRACING,STARTER'.
# Results (JMH JSON and text, facts.jsonl, environment.txt, report.md) go to results-dir,
# by default benchmarks-results/<timestamp> at the repository root (ignored by git).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
mode=${1:-quick}
out=${2:-$here/../benchmarks-results/$(date +%Y%m%d-%H%M%S)}
parts=${PARTS:-agent-run redactor exporter buffer startup}
jar=$here/target/agent-tracing-benchmarks.jar

if [[ ! -f $jar ]]; then
  echo "No $jar: build it first:" >&2
  echo "  ./mvnw -q -B package -pl agent-tracing-benchmarks -am -DskipTests" >&2
  exit 1
fi

case $mode in
  quick) jmh=(-f 1 -wi 4 -i 5 -w 2s -r 1s); startups=3 ;;
  full) jmh=(-f 2 -wi 5 -i 10 -w 2s -r 2s); startups=10 ;;
  *) echo "usage: $0 [quick|full] [results-dir]" >&2; exit 2 ;;
esac
# shellcheck disable=SC2206
jmh+=(${JMH_OPTS:-})

mkdir -p "$out"
out=$(cd "$out" && pwd)
export AGENT_TRACING_BENCH_OUT=$out
rm -f "$out/facts.jsonl"

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "mode: $mode (${jmh[*]})"
  echo "commit: $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') x $(nproc)"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "os: $(uname -sr)"
  echo "java: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/environment.txt"

jmh_run() { # name benchmark [extra options...]
  local name=$1 benchmark=$2
  shift 2
  java -jar "$jar" "$benchmark" "${jmh[@]}" "$@" -rf json -rff "$out/$name.json" | tee "$out/$name.txt"
}

for part in $parts; do
  case $part in
    agent-run) jmh_run agent-run AgentRunBenchmark -prof gc ;;
    redactor) jmh_run redactor RedactorBenchmark ;;
    exporter) jmh_run exporter ExporterOutageBenchmark ;;
    buffer) java -Xmx2g -Djol.magicFieldOffset=true -cp "$jar" dev.agenttracing.benchmarks.SamplingBufferFootprint \
      2>&1 | grep -v '^# WARNING' | tee "$out/buffer.txt" ;;
    startup) java -cp "$jar" dev.agenttracing.benchmarks.startup.StartupTime "$startups" | tee "$out/startup.txt" ;;
    *) echo "unknown part: $part" >&2; exit 2 ;;
  esac
done

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/environment.txt"
java -cp "$jar" dev.agenttracing.benchmarks.report.BenchmarkReport "$out" > "$out/report.md"
echo "Report: $out/report.md"
