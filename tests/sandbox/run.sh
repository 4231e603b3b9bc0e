#!/usr/bin/env bash
# `make run`: build, then run the collector against emulators (or a real tenant when S1_HOSTNAME,
# S1_API_TOKEN and SEKOIA_INTAKE_KEY are set). State and config under .run/.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build S1IdentityK8s.sln -c Release -nologo -v q
exec dotnet tests/S1IdentityK8s.Sandbox/bin/Release/net10.0/S1IdentityK8s.Sandbox.dll .run
