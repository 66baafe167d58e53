#!/usr/bin/env bash
# The test command: builds everything and runs every test on a machine with only the .NET 10 SDK and Node/npm.
# Azurite is installed from the pinned package-lock when missing; the test fixtures start it (and the Runway
# emulator and DevHost) on free loopback ports and stop them by PID. Also: Bicep build + lint, Functions publish.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ ! -x node_modules/.bin/azurite ] || [ ! -d node_modules/@runwayml/sdk ]; then
  echo "==> npm ci (Azurite, Runway Node SDK)"
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "==> dotnet build"
dotnet build Functions.sln -c Release --nologo -v quiet

status=0

echo "==> Bicep build + lint (infra/)"
bash scripts/lint-bicep.sh || status=1

# The Functions app as it deploys: the extension bundle and metadata come along, the emulator does not.
echo "==> dotnet publish src/RunwayRelay.Functions"
publish_dir="$(mktemp -d)"
trap 'rm -rf "$publish_dir"' EXIT
if dotnet publish src/RunwayRelay.Functions -c Release --no-build --nologo -v quiet -o "$publish_dir"; then
  for required in RunwayRelay.Functions.dll functions.metadata extensions.json host.json worker.config.json .azurefunctions; do
    [ -e "$publish_dir/$required" ] || { echo "publish output lacks $required"; status=1; }
  done
  if ls "$publish_dir" | grep -qi emulator; then echo "publish output ships the emulator"; status=1; fi
else
  status=1
fi

for project in tests/RunwayRelay.Tests tests/RunwayRelay.IntegrationTests; do
  echo "==> dotnet test $project"
  dotnet test "$project" -c Release --no-build --nologo --logger "console;verbosity=normal" || status=1
done

exit $status
