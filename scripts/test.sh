#!/usr/bin/env bash
# The project's test command (README "Run the tests"): builds every module and runs every test, the store tests on
# both the embedded H2 database and a PostgreSQL server this script starts (and installs, when run as root), the
# console's browser tests in Debian's headless chromium (installed too, when run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d ../shared/data ]; then
  echo "tests read the real log and policy exports in ../shared/data; clone the repository next to 'shared'" >&2
  exit 2
fi
source scripts/test-postgres.sh
source scripts/test-browser.sh
start_test_postgres
ensure_test_browser
mvn -B -ntp verify "$@"
