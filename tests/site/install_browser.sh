#!/bin/sh
# What the site's browser tests need: Debian's chromium and chromedriver, and
# axe-core from the npm registry (into .venv/axe). Whatever cannot be installed
# here is said once; the browser tests then skip, saying what is missing.
venv="${1:-.venv}"
has() { command -v "$1" >/dev/null 2>&1; }
if ! { has chromium || has google-chrome; } || ! has chromedriver; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo -n"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y --no-install-recommends chromium chromium-driver >/dev/null 2>&1 ||
        { $sudo apt-get update >/dev/null 2>&1 &&
          $sudo apt-get install -y --no-install-recommends chromium chromium-driver >/dev/null 2>&1; } ||
        echo "install_browser: chromium could not be installed; the browser tests will skip"
fi
if [ ! -f "$venv/axe/node_modules/axe-core/axe.min.js" ]; then
    mkdir -p "$venv/axe"
    (cd "$venv/axe" && npm install --silent --no-audit --no-fund axe-core@4 >/dev/null 2>&1) ||
        echo "install_browser: axe-core could not be installed; the accessibility test will skip"
fi
exit 0
