#!/usr/bin/env bash
# The README's run command: installs what StreamWatch needs and runs it against the built-in demo.
#   bash scripts/run.sh                 start the Lab (3 live streams on cdn-a and cdn-b, port 8090), check one
#                                       stream across its renditions, then watch it live until Ctrl+C
#   bash scripts/run.sh <cli args...>   run the streamwatch CLI with those arguments instead
# Until the AppHost lands (issue 8), "StreamWatch" here is the Lab plus the streamwatch CLI.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/prereqs.sh
ensure_dotnet
ensure_apt curl
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build src/StreamWatch.Cli -c Release --nologo -v:q -clp:NoSummary
cli=artifacts/bin/StreamWatch.Cli/release/streamwatch
if [ $# -gt 0 ]; then exec "$cli" "$@"; fi

port=${STREAMWATCH_LAB_PORT:-8090}
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "error: port $port is in use; set STREAMWATCH_LAB_PORT to a free port." >&2
  exit 2
fi
dotnet build src/StreamWatch.Lab -c Release --nologo -v:q -clp:NoSummary
artifacts/bin/StreamWatch.Lab/release/StreamWatch.Lab --port "$port" >/tmp/streamwatch-lab.log 2>&1 &
lab=$!
trap 'kill "$lab" 2>/dev/null; wait "$lab" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$lab" 2>/dev/null; then echo "error: the Lab did not start:" >&2; tail -20 /tmp/streamwatch-lab.log >&2; exit 2; fi
  sleep 0.2
done
url="http://127.0.0.1:$port/cdn-a/stream-1/master.m3u8"
echo "Lab: http://127.0.0.1:$port/lab/streams (streams and URLs), faults at /lab/faults, log /tmp/streamwatch-lab.log"
echo "Try in another terminal: $cli drill --lab http://127.0.0.1:$port --fault stale --stream stream-1 --cdn cdn-a --for 10s"
echo
"$cli" check "$url" || true
echo
"$cli" watch "$url" ${STREAMWATCH_WATCH_DURATION:+--duration "$STREAMWATCH_WATCH_DURATION"}
