#!/usr/bin/env bash
# The README's test command: installs what the tests need, builds, runs every test.
# Prints one closing line "tests: N passed, N failed, N skipped" and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/prereqs.sh
ensure_all

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
echo "==> build"
dotnet build StreamWatch.sln -c Release -warnaserror --nologo -v:q -clp:NoSummary

echo "==> test"
log=$(mktemp)
set +e
dotnet test StreamWatch.sln -c Release --no-build --nologo --results-directory artifacts/TestResults \
  --logger "trx" --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line, summed over every test assembly.
awk '
  /(Passed|Failed)! +- Failed: / {
    gsub(",", ""); for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
    }
    runs++
  }
  END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s; if (runs == 0) exit 1 }
' "$log" || status=1
rm -f "$log"
exit "$status"
