#!/usr/bin/env bash
# Measures the DevHost's peak memory (VmHWM) while it copies one large output into Blob Storage.
#   scripts/measure-copy-memory.sh [SIZE_BYTES]     default 268435456 (256 MiB)
# Starts a private Azurite, a standalone emulator serving an output of SIZE_BYTES and the DevHost, all on free
# loopback ports; runs one generation through the HTTP API; prints VmHWM before and after; stops everything by PID.
# Linux only (reads /proc).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
size="${1:-268435456}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

pids=() work="$(mktemp -d)"
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
wait_http() { for _ in $(seq 1 300); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }
hwm() { awk '/VmHWM/{print $2}' "/proc/$1/status"; }

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
dotnet build src/RunwayRelay.DevHost -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null

blob=$(free_port) queue=$(free_port) table=$(free_port) emulator=$(free_port) devhost=$(free_port)
node_modules/.bin/azurite --silent --skipApiVersionCheck --loose --disableTelemetry --location "$work" \
  --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" --tableHost 127.0.0.1 --tablePort "$table" \
  >"$work/azurite.log" 2>&1 &
pids+=($!)
dotnet src/RunwayRelay.Emulator/bin/Release/net10.0/RunwayRelay.Emulator.dll --urls "http://127.0.0.1:$emulator" \
  --Emulator:TimeScale=0.01 --Emulator:OutputSizeBytes="$size" >"$work/emulator.log" 2>&1 &
pids+=($!)
key="$(node -e 'console.log("key_"+require("crypto").randomBytes(64).toString("hex"))')"   # any well-formed key
AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;" \
RUNWAYML_BASE_URL="http://127.0.0.1:$emulator" RUNWAYML_API_SECRET="$key" DEVHOST_URL="http://127.0.0.1:$devhost" \
DevHost__DataDirectory="$work/devhost" Runway__PollInterval=00:00:01 \
  dotnet src/RunwayRelay.DevHost/bin/Release/net10.0/RunwayRelay.DevHost.dll >"$work/devhost.log" 2>&1 &
devhost_pid=$!
pids=("$devhost_pid" "${pids[@]}")
wait_http "http://127.0.0.1:$devhost/healthz"

echo "DevHost VmHWM before the generation: $(hwm "$devhost_pid") kB"
started=$(date +%s.%N)
id=$(curl -fsS -X POST "http://127.0.0.1:$devhost/api/generations" -H 'Content-Type: application/json' \
  -d '{"endpoint":"text_to_video","model":"gen4.5","promptText":"a large output","ratio":"1280:720","duration":5}' \
  | node -e 'console.log(JSON.parse(require("fs").readFileSync(0,"utf8")).id)')
while :; do
  code=$(curl -sS -o "$work/status.json" -w '%{http_code}' "http://127.0.0.1:$devhost/api/generations/$id")
  [ "$code" = 202 ] || break
  sleep 0.5
done
[ "$code" = 200 ] || { echo "the generation ended $code: $(cat "$work/status.json")" >&2; exit 1; }
stored=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(0,"utf8")).videos[0].size)' <"$work/status.json")
echo "stored $stored bytes in $(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $started}") s"
echo "DevHost VmHWM after the copy: $(hwm "$devhost_pid") kB"
