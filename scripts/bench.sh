#!/usr/bin/env bash
# Benchmarks of issue 10 (not part of CI; scripts/test.sh never calls it). Writes BENCHMARKS.md at the repository root.
# Every figure is measured against a bound measured in the same run, side by side, the median of several runs:
#  polling  1. every poll schedule against the same emulated generations; 2. GETs per task at the floor settings, on the
#           real durable engine (Azure Storage backend over Azurite), measured by the emulator's journal;
#  copy     outputs of 64 MiB, 512 MiB and 1 GiB by the production copy against a raw download, raw uploads of the same
#           bytes and a raw download-into-upload pipe, each in its own process (peak memory);
#  load     1, 50 and 200 generations started at once on one DevHost, against one; storage requests per generation;
#  history  events and bytes per execution and per generation, 3- and 30-minute generations, with a 2 MiB data URI.
# Usage: scripts/bench.sh [--polling] [--copy] [--load] [--history] [generations=200] [runs=5] [timeScale=0.1]
#   no part flag = all parts; a part that runs replaces its own section of BENCHMARKS.md and keeps the others.
#   The numbers are the polling part's. Environment: BENCH_COPY_SIZES (MiB, default 64,512,1024), BENCH_COPY_RUNS (3),
#   BENCH_LOAD_COUNTS (1,50,200), BENCH_LOAD_RUNS (3), BENCH_HISTORY_MINUTES (3,30), BENCH_HISTORY_SCALE (0.05).
set -euo pipefail
cd "$(dirname "$0")/.."
parts=()
positional=()
for a in "$@"; do
  case "$a" in
    --polling|--copy|--load|--history) parts+=("${a#--}") ;;
    -h|--help) sed -n 2,14p "$0"; exit 0 ;;
    --*) echo "unknown option $a (use --polling, --copy, --load, --history)" >&2; exit 2 ;;
    *) positional+=("$a") ;;
  esac
done
[ ${#parts[@]} -gt 0 ] || parts=(polling copy load history)
has() { local p; for p in "${parts[@]}"; do [ "$p" = "$1" ] && return 0; done; return 1; }
generations="${positional[0]:-200}"
runs="${positional[1]:-5}"
scale="${positional[2]:-0.1}"
out=BENCHMARKS.md
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
began=$(date +%s)

machine="$(uname -srm), $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), .NET $(dotnet --version)"
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
dotnet build bench/RunwayRelay.Benchmarks -c Release -v quiet -nologo >/dev/null
bench="dotnet bench/RunwayRelay.Benchmarks/bin/Release/net10.0/RunwayRelay.Benchmarks.dll"

# Replaces the section between <!-- bench:NAME --> and <!-- /bench:NAME --> of BENCHMARKS.md with the file given.
put_section() {
  node -e '
    const fs = require("fs"); const [out, name, file] = process.argv.slice(1);
    const body = fs.readFileSync(file, "utf8").trimEnd();
    const order = ["polling", "copy", "load", "history"];
    let md = fs.existsSync(out) ? fs.readFileSync(out, "utf8") : "";
    const open = `<!-- bench:${name} -->`, close = `<!-- /bench:${name} -->`;
    const block = `${open}\n${body}\n${close}`;
    if (md.includes(open)) {
      // A section whose end marker was lost would swallow the rest of the file: refuse rather than guess.
      if (md.indexOf(close) < md.indexOf(open)) {
        console.error(`${out}: ${open} has no ${close} after it; put the end marker back and run again.`);
        process.exit(1);
      }
      md = md.slice(0, md.indexOf(open)) + block + md.slice(md.indexOf(close) + close.length);
    } else {
      // Keep the parts in their order whatever ran first.
      const later = order.slice(order.indexOf(name) + 1).map(n => `<!-- bench:${n} -->`).find(m => md.includes(m));
      md = later ? md.replace(later, block + "\n\n" + later) : md.trimEnd() + "\n\n" + block + "\n";
    }
    fs.writeFileSync(out, md);' "$out" "$1" "$2"
}

if [ ! -f "$out" ] || ! grep -q '<!-- bench:' "$out"; then
  printf '# Benchmarks\n\nWritten by `scripts/bench.sh` (see its header); each section says when, on which machine and by which command it was measured.\n' >"$out"
fi

if has polling; then
  cmd1="$bench $generations $runs $scale 0.1"
  echo "== $cmd1" >&2
  $cmd1 >"$tmp/schedules.md"
  cmd0="$bench $generations $runs $scale 0"
  echo "== $cmd0" >&2
  $cmd0 >"$tmp/schedules-linear.md"
  cmd3="$bench $generations $runs $scale 0.2"
  echo "== $cmd3" >&2
  $cmd3 >"$tmp/schedules-noisier.md"

  # Part 2: the floor tests on the real durable engine record what they measured when RUNWAYRELAY_BENCH_OUT is set.
  dotnet build Functions.sln -c Debug -v quiet -nologo >/dev/null
  floor_runs=3
  cmd2="dotnet test tests/RunwayRelay.IntegrationTests -c Debug --no-build --filter FullyQualifiedName~PollingFloorTests"
  for i in $(seq "$floor_runs"); do
    echo "== $cmd2 (run $i of $floor_runs)" >&2
    RUNWAYRELAY_BENCH_OUT="$tmp/floor.tsv" $cmd2 >"$tmp/floor-test-$i.log" 2>&1 || { cat "$tmp/floor-test-$i.log" >&2; exit 1; }
  done

  {
    echo "## Polling"
    echo
    echo "Machine: $machine. Written by \`scripts/bench.sh --polling $generations $runs $scale\` on $(date -u +%Y-%m-%dT%H:%MZ)."
    echo
    echo "### 1. Poll schedules on the same generations (issue 10 part 1)"
    echo
    echo "Command: \`$cmd1\`. The emulator (in-process, over HTTP) runs the generations time-scaled; each task is polled"
    echo "by one poller per schedule at once, so every row sees the very same tasks. Delays are in real (unscaled) seconds,"
    echo "measured against the moment the emulator ended the task. Status GETs only (the copy's read is not counted)."
    echo
    cat "$tmp/schedules.md"
    echo
    echo "The same with a straight-line progress (noise 0, still updated every 5 s): \`$cmd0\`"
    echo
    cat "$tmp/schedules-linear.md"
    echo
    echo "And with twice the noise (0.2), to see how the predictor holds up beyond what it was tuned on: \`$cmd3\`"
    echo
    cat "$tmp/schedules-noisier.md"
    echo
    echo "### 2. GETs per task at the floor settings (issue 10 part 2)"
    echo
    echo "Command: \`$cmd2\`, $floor_runs runs; the production orchestration on the Durable Task Framework's Azure Storage"
    echo "backend over Azurite (as the DevHost runs it), one generation per setting, counted by the emulator's journal"
    echo "(status polls and, on a cache miss, the copy's read). Median of the runs."
    echo
    echo "| setting | GETs per task (median) | shortest gap between two GETs (median) | mean gap |"
    echo "|---|---|---|---|"
    node -e '
      const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(l => l.split("\t"));
      const by = new Map();
      for (const [k, ...v] of rows) { if (!by.has(k)) by.set(k, []); by.get(k).push(v.map(Number)); }
      const med = xs => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
      for (const [k, runs] of [...by].sort()) {
        console.log(`| ${k} | ${med(runs.map(r => r[0]))} | ${med(runs.map(r => r[1]))} ms | ${med(runs.map(r => r[2]))} ms |`);
      }' "$tmp/floor.tsv"
    cat bench/notes/polling.md
  } >"$tmp/polling-section.md"
  put_section polling "$tmp/polling-section.md"
fi

# The DevHost as users run it (Release build), for the load and history parts.
if has load || has history; then
  dotnet build src/RunwayRelay.DevHost -c Release -v quiet -nologo >/dev/null
fi

part() { # name, command, notes file
  local name="$1" cmd="$2" notes="$3" t0=$SECONDS
  echo "== $cmd" >&2
  $cmd >"$tmp/$name.md"
  {
    echo "## ${name^}"
    echo
    echo "Machine: $machine. Command: \`$cmd\` (from \`scripts/bench.sh --$name\`), $(date -u +%Y-%m-%dT%H:%MZ), took $((SECONDS - t0)) s."
    echo
    cat "$tmp/$name.md"
    echo
    cat "$notes"
  } >"$tmp/$name-section.md"
  put_section "$name" "$tmp/$name-section.md"
}
has copy && part copy "$bench copy ${BENCH_COPY_SIZES:-64,512,1024} ${BENCH_COPY_RUNS:-3}" bench/notes/copy.md
has load && part load "$bench load ${BENCH_LOAD_COUNTS:-1,50,200} ${BENCH_LOAD_RUNS:-3}" bench/notes/load.md
has history && part history "$bench history ${BENCH_HISTORY_MINUTES:-3,30} ${BENCH_HISTORY_SCALE:-0.05}" bench/notes/history.md
echo "wrote $out in $(( $(date +%s) - began )) s (${parts[*]})" >&2
