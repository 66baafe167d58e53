#!/usr/bin/env bash
# The test command: builds everything and runs every test on a machine with only the .NET 10 SDK and Node/npm.
# Azurite is installed from the pinned package-lock when missing; the test fixtures start it (and the Runway
# emulator) on free loopback ports and stop them by PID.
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
for project in tests/RunwayRelay.Tests tests/RunwayRelay.IntegrationTests; do
  echo "==> dotnet test $project"
  dotnet test "$project" -c Release --no-build --nologo --logger "console;verbosity=normal" || status=1
done

exit $status
