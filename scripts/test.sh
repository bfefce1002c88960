#!/usr/bin/env bash
# The project's test command (README "Run the tests"): builds every module and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d ../shared/data ]; then
  echo "tests read the real log and policy exports in ../shared/data; clone the repository next to 'shared'" >&2
  exit 2
fi
exec mvn -B -ntp verify "$@"
