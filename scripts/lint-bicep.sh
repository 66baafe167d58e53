#!/usr/bin/env bash
# Builds and lints Bicep with the Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64, restored by
# `dotnet restore` of tools/bicep/bicep.csproj (the ordinary NuGet client; nothing else is downloaded).
#
#   scripts/lint-bicep.sh            every .bicep file under infra/
#   scripts/lint-bicep.sh PATH...    the given .bicep files and/or directories (searched recursively)
#
# Rules come from infra/bicepconfig.json for every path, also for files outside infra/. Any diagnostic at level
# Warning or Error, from the compiler or the linter, fails the run (exit 1); a usage or tool problem exits 2.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

tools_project="$root/tools/bicep/bicep.csproj"
config="$root/infra/bicepconfig.json"
version="$(sed -n 's:.*<BicepCliVersion>\(.*\)</BicepCliVersion>.*:\1:p' "$tools_project")"
[ -n "$version" ] || { echo "lint-bicep: no <BicepCliVersion> in $tools_project" >&2; exit 2; }

# The global packages folder is where NuGet extracts the package; NUGET_PACKAGES overrides the default, as for NuGet.
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
bicep="${packages%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [ ! -f "$bicep" ]; then
  echo "==> dotnet restore tools/bicep (Bicep CLI $version from NuGet)"
  dotnet restore "$tools_project" --nologo -v quiet >&2
fi
[ -f "$bicep" ] || { echo "lint-bicep: restore finished but $bicep is missing" >&2; exit 2; }
[ -x "$bicep" ] || chmod u+x "$bicep"

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("$root/infra")

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
log="$out/diagnostics.log"
: >"$log"

# build compiles (type-checking modules and API versions against the CLI's built-in type index, which works offline);
# lint runs the analyzers with the repository's rule levels. A directory is handled by one process per command
# (--pattern), since each CLI start costs about two seconds.
files=0
run=0
for target in "${targets[@]}"; do
  run=$((run + 1))
  if [ -d "$target" ]; then
    count="$(find "$target" -name '*.bicep' -type f | wc -l)"
    [ "$count" -gt 0 ] || { echo "lint-bicep: no .bicep files under $target" >&2; exit 2; }
    input=(--pattern "${target%/}/**/*.bicep")
  elif [ -f "$target" ] && [[ "$target" == *.bicep ]]; then
    count=1
    input=("$target")
  else
    echo "lint-bicep: $target is neither a .bicep file nor a directory" >&2
    exit 2
  fi
  files=$((files + count))
  mkdir -p "$out/$run"
  "$bicep" build "${input[@]}" --config "$config" --outdir "$out/$run" >>"$log" 2>&1 \
    || echo "$target : Error bicep build exited $?" >>"$log"
  "$bicep" lint "${input[@]}" --config "$config" >>"$log" 2>&1 \
    || echo "$target : Error bicep lint exited $?" >>"$log"
  built="$(find "$out/$run" -name '*.json' -type f | wc -l)"
  [ "$built" -eq "$count" ] || echo "$target : Error built $built of $count file(s)" >>"$log"
done

# The same diagnostic shows up once from build and once from lint; report each line once.
problems="$(grep -E ' : (Warning|Error) ' "$log" | sort -u || true)"
others="$(grep -vE ' : (Warning|Error|Info) ' "$log" | grep -v '^[[:space:]]*$' || true)"
if [ -n "$others" ]; then
  echo "$others"
fi
if [ -n "$problems" ]; then
  echo "$problems"
  count="$(printf '%s\n' "$problems" | wc -l)"
  echo "lint-bicep: FAILED: $count problem(s) in $files file(s) (Bicep CLI $version)"
  exit 1
fi
echo "lint-bicep: OK: $files file(s) built and linted, 0 warnings, 0 errors (Bicep CLI $version)"
