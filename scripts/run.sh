#!/usr/bin/env bash
# The README's run command: installs what StreamWatch needs, builds it and runs it.
#   bash scripts/run.sh                     the whole system through the AppHost: Redis, the Lab's demo streams,
#                                           alerting, probe, gateway (http://127.0.0.1:8080/) and Prometheus, until Ctrl+C
#   bash scripts/run.sh --<option> ...      the same with AppHost options (--config FILE, --no-demo, --gateway-port N, --help)
#   bash scripts/run.sh <cli args...>       run the streamwatch CLI with those arguments instead (check, watch, drill)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/prereqs.sh
ensure_dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ $# -gt 0 ] && [[ "$1" != --* || "$1" == "--version" ]]; then
  ensure_apt curl
  dotnet build src/StreamWatch.Cli -c Release --nologo -v:q -clp:NoSummary
  exec artifacts/bin/StreamWatch.Cli/release/streamwatch "$@"
fi

# redis-server is required (unless ConnectionStrings__redis names a running Redis); ffmpeg (the Lab's real
# encoders) and prometheus are optional: without them the AppHost runs synthetic streams and no Prometheus.
if [ -z "${ConnectionStrings__redis:-}" ]; then ensure_apt redis-server; fi
ensure_apt ffmpeg prometheus || echo "note: ffmpeg/prometheus could not be installed; running without them" >&2

# Building the AppHost builds every service it starts (artifacts/bin/<service>/release).
dotnet build AppHost/StreamWatch.AppHost -c Release --nologo -v:q -clp:NoSummary
exec dotnet artifacts/bin/StreamWatch.AppHost/release/StreamWatch.AppHost.dll "$@"
