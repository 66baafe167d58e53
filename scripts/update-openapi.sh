#!/usr/bin/env bash
# Rewrites docs/openapi.json with the document the code generates (served by a DevHost started by the drift test),
# then the Power Platform connector in docs/connector generated from it, then rebuilds so the Functions app embeds the
# new copy. Review the diff and commit it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
dotnet build Functions.sln -c Debug --nologo -v quiet
RUNWAYRELAY_UPDATE_OPENAPI=1 dotnet test tests/RunwayRelay.IntegrationTests -c Debug --no-build --nologo \
  --filter "FullyQualifiedName~DevHostOpenApiTests.DevHost_GetOpenApiJson_ServesExactlyTheCheckedInDocument"
# The connector is generated from the file just written (read from disk, so no rebuild is needed in between).
RUNWAYRELAY_UPDATE_OPENAPI=1 dotnet test tests/RunwayRelay.IntegrationTests -c Debug --no-build --nologo \
  --filter "FullyQualifiedName~PowerPlatformConnectorTests.CheckedInConnector_GeneratedFromTheCheckedInOpenApiDocument_IsUnchanged"
dotnet build Functions.sln -c Debug --nologo -v quiet
git --no-pager diff --stat -- docs/openapi.json docs/connector
