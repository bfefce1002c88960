# Sourced by scripts/test.sh: makes Debian's chromium and chromedriver available for the console's browser tests
# (server's Console*BrowserTest, Selenium, headless). Installs them with apt when they are missing and we are root
# (CI); otherwise says how. With CI=true the browser tests fail instead of skipping when chromium is absent.

ensure_test_browser() {
  if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" != 0 ]; then
    echo "test.sh: chromium is not installed (apt-get install chromium chromium-driver): the browser tests skip" >&2
    return 0
  fi
  echo "test.sh: installing Debian's chromium and chromium-driver for the console's browser tests" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
}
