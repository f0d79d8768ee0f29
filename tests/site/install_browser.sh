#!/bin/sh
# What the site's browser tests need: Debian's chromium and chromedriver, and
# axe-core, vnu-jar and ajv from the npm registry (into .venv/axe, .venv/vnu, .venv/ajv).
# Whatever cannot be installed here is said once; the browser tests then skip,
# saying what is missing.
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
if [ ! -f "$venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
    # The Nu Html Checker, run with the machine's Java by the site's vnu test.
    mkdir -p "$venv/vnu"
    (cd "$venv/vnu" && npm install --silent --no-audit --no-fund vnu-jar@26 >/dev/null 2>&1) ||
        echo "install_browser: vnu-jar could not be installed; the vnu test will skip"
fi
if [ ! -f "$venv/ajv/node_modules/ajv-formats/package.json" ]; then
    # Ajv, to compile bieb's JSON Schemas in strict mode (tests/unit/test_schema_descriptions.py).
    mkdir -p "$venv/ajv"
    (cd "$venv/ajv" && npm install --silent --no-audit --no-fund ajv@8 ajv-formats@3 >/dev/null 2>&1) ||
        echo "install_browser: ajv could not be installed; the Ajv strict test will skip"
fi
exit 0
