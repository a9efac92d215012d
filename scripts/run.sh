#!/usr/bin/env bash
# The README's run command: installs what StreamWatch needs and runs it against the built-in demo.
# Extra arguments go to the streamwatch CLI (default: check the bundled demo playlists).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/prereqs.sh
ensure_dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ $# -eq 0 ]; then set -- check samples/demo/master.m3u8; fi
exec dotnet run --project src/StreamWatch.Cli -c Release -- "$@"
