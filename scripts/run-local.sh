#!/usr/bin/env bash
# The run command: Azurite (unless AzureWebJobsStorage is set), the DevHost on DEVHOST_URL (default
# http://127.0.0.1:7071) with the Runway emulator embedded (unless RUNWAYML_BASE_URL is set), in the foreground.
# Ctrl-C stops everything it started.
#   scripts/run-local.sh          run until Ctrl-C
#   scripts/run-local.sh --demo   start, submit one generation, follow it, print the video's URL, exit 0 (else non-zero)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

demo=false
case "${1:-}" in
  "") ;;
  --demo) demo=true ;;
  -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "run-local.sh: unknown argument '$1' (use --demo or nothing)" >&2; exit 2 ;;
esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DEVHOST_URL="${DEVHOST_URL:-http://127.0.0.1:7071}"
started=$(date +%s)
azurite_pid="" devhost_pid="" devhost_log="" tmp_files=""

say() { printf '==> %s\n' "$*"; }
fail() {
  if [ -n "$devhost_log" ] && [ -s "$devhost_log" ]; then
    echo "--- last DevHost log lines ($devhost_log) ---" >&2; tail -n 25 "$devhost_log" >&2
  fi
  printf 'run-local.sh: %s\n' "$*" >&2
  exit 1
}

stop_all() {
  local code=$?
  trap - EXIT INT TERM
  [ -n "$tmp_files" ] && rm -f $tmp_files
  # The DevHost first, so Azurite is not left waiting on its open connections.
  for pid in $devhost_pid $azurite_pid; do
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  exit "$code"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() { # port seconds pid
  for _ in $(seq 1 $(($2 * 10))); do
    port_in_use "$1" && return 0
    kill -0 "$3" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

host_port() { local hp="${1#*://}"; hp="${hp%%/*}"; echo "${hp##*:}"; }

# --- storage -------------------------------------------------------------------------------------------------------
if [ -n "${AzureWebJobsStorage:-}" ]; then
  say "storage: AzureWebJobsStorage is set, not starting Azurite"
else
  for port in 10000 10001 10002; do
    port_in_use "$port" && fail "port $port is in use (another Azurite?). Stop it, or set AzureWebJobsStorage to a storage connection string and run again."
  done
  if [ ! -x node_modules/.bin/azurite ]; then
    say "npm ci (Azurite, pinned in package-lock.json)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  mkdir -p .azurite
  say "starting Azurite on 127.0.0.1:10000-10002 (data in .azurite/)"
  # --disableTelemetry: Azurite otherwise reports usage over the network (and probes the cloud metadata endpoint).
  node_modules/.bin/azurite --silent --location .azurite --skipApiVersionCheck --loose --disableTelemetry \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >.azurite/stdout.log 2>&1 &
  azurite_pid=$!
  for port in 10000 10001 10002; do
    wait_for_port "$port" 30 "$azurite_pid" || fail "Azurite did not start; see .azurite/stdout.log"
  done
  export AzureWebJobsStorage="UseDevelopmentStorage=true"
fi

# --- DevHost -------------------------------------------------------------------------------------------------------
devhost_port="$(host_port "$DEVHOST_URL")"
port_in_use "$devhost_port" && fail "$DEVHOST_URL is already in use (another DevHost or func start?). Stop it or set DEVHOST_URL."

if $demo && [ -z "${RUNWAYML_BASE_URL:-}" ] && [ -z "${Runway__BaseUrl:-}" ]; then
  # The emulator's realistic minute, shortened so the demo finishes in seconds.
  export Emulator__TimeScale="${Emulator__TimeScale:-0.15}"
fi

say "building the DevHost"
dotnet build src/RunwayRelay.DevHost -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null \
  || { dotnet build src/RunwayRelay.DevHost -c Release --nologo -v quiet -clp:ErrorsOnly; fail "the DevHost does not build"; }

if $demo; then
  # The demo's own lines stay readable; the DevHost's log is kept and shown if anything fails.
  mkdir -p .local; devhost_log=.local/devhost-demo.log
  dotnet src/RunwayRelay.DevHost/bin/Release/net10.0/RunwayRelay.DevHost.dll >"$devhost_log" 2>&1 &
else
  dotnet src/RunwayRelay.DevHost/bin/Release/net10.0/RunwayRelay.DevHost.dll &
fi
devhost_pid=$!

ready=false
for _ in $(seq 1 600); do
  kill -0 "$devhost_pid" 2>/dev/null || { wait "$devhost_pid" || code=$?; fail "the DevHost exited (code ${code:-0}); its output above says why"; }
  if curl -fsS -o /dev/null "$DEVHOST_URL/healthz" 2>/dev/null; then ready=true; break; fi
  sleep 0.1
done
$ready || fail "the DevHost did not become healthy at $DEVHOST_URL/healthz within 60 s"

if ! $demo; then
  say "ready in $(( $(date +%s) - started )) s. Try:"
  cat <<EOF
    curl -si -X POST $DEVHOST_URL/api/generations -H 'Content-Type: application/json' \\
      -d '{"endpoint":"text_to_video","model":"gen4.5","promptText":"a lighthouse at dusk, waves, cinematic","ratio":"1280:720","duration":5}'
    Press Ctrl-C to stop.
EOF
  wait "$devhost_pid"
  exit $?
fi

# --- demo: one generation through the HTTP API ------------------------------------------------------------------------
# json EXPR: prints o<EXPR> of the JSON on stdin (Node is here anyway, for Azurite).
json() { node -e 'const o=JSON.parse(require("fs").readFileSync(0,"utf8"));const v=new Function("o","return o"+process.argv[1])(o);console.log(v==null?"":typeof v==="object"?JSON.stringify(v):v)' "$1"; }
headers="$(mktemp)"; tmp_files="$headers"

body='{"endpoint":"text_to_video","model":"gen4.5","promptText":"a lighthouse at dusk, waves breaking, cinematic","ratio":"1280:720","duration":5}'
say "POST $DEVHOST_URL/api/generations"
response="$(curl -sS -X POST "$DEVHOST_URL/api/generations" -H 'Content-Type: application/json' \
  -H "Idempotency-Key: demo-$(date +%s%N)" -d "$body" -w '\n%{http_code}')"
code="${response##*$'\n'}"; response="${response%$'\n'*}"
[ "$code" = 202 ] || fail "POST answered $code: $response"
status_url="$(json .statusUrl <<<"$response")"
say "accepted: $(json .id <<<"$response"), following $status_url"

deadline=$(( $(date +%s) + 300 ))
last=""
while :; do
  response="$(curl -sS "$status_url" -D "$headers" -w '\n%{http_code}')"
  code="${response##*$'\n'}"; response="${response%$'\n'*}"
  case "$code" in
    200) break ;;
    202)
      now="$(json '.status+" "+(o.runwayStatus||"")+(o.progress!=null?" "+Math.round(o.progress*100)+"%":"")' <<<"$response")"
      [ "$now" != "$last" ] && say "  $now" && last="$now"
      wait_s="$(grep -i '^retry-after:' "$headers" | tr -dc '0-9')"
      [ "$(date +%s)" -lt "$deadline" ] || fail "the generation did not finish within 5 minutes: $response"
      sleep "${wait_s:-2}" ;;
    *) fail "the generation failed ($code): $response" ;;
  esac
done

video="$(json '.videos[0]' <<<"$response")"
url="$(json .downloadUrl <<<"$video")"; [ -n "$url" ] || url="$(json .blobUrl <<<"$video")"
size="$(json .size <<<"$video")"

# Read it back as a player would: the whole file, an MP4 ('ftyp' box first) of the stored size.
file="$(mktemp)"; tmp_files="$tmp_files $file"
curl -fsS -o "$file" "$url" || fail "the stored video could not be downloaded from $url"
[ "$(stat -c %s "$file")" = "$size" ] || fail "downloaded $(stat -c %s "$file") bytes, the status said $size"
[ "$(dd if="$file" bs=1 skip=4 count=4 2>/dev/null)" = ftyp ] || fail "the stored video is not an MP4"

say "done in $(( $(date +%s) - started )) s: $size bytes of $(json .contentType <<<"$video"), checked"
echo "$url"
if [ -n "$azurite_pid" ]; then
  echo "(Azurite stops with this script; scripts/run-local.sh serves the same data again, and the link works for an hour.)"
fi
exit 0
