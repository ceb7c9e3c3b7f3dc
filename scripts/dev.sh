#!/usr/bin/env bash
# One entry point for people and CI:
#   bash scripts/dev.sh app    set up (system packages, venv, project) and open the desktop app
#   bash scripts/dev.sh test   set up and run ruff, mypy, the package smoke test (scripts/smoke.sh)
#                              and the whole test suite
#   bash scripts/dev.sh setup  only set up
# pip runs only when pyproject.toml or setup.py changed since the last install (a stamp in the
# venv); KHADDAM_REINSTALL=1 forces it.
# Extra arguments after `app` go to khaddam-align; after `test`, to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV=${KHADDAM_VENV:-$ROOT/.venv}
PY=${PYTHON:-python3}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# setup_system FILE...: the packages listed in .ci/apt-packages*.txt (one per line, # comments)
apt_packages() { cat "$@" | grep -vE '^\s*(#|$)'; }

setup_system() {
  command -v dpkg-query >/dev/null 2>&1 || { say "not a Debian-like system: install Qt's libraries and an Arabic font yourself"; return 0; }
  local missing=()
  for p in $(apt_packages "$@"); do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ -n "$sudo" ] && ! command -v sudo >/dev/null 2>&1; then
    say "missing system packages (install them as root): ${missing[*]}"; return 0
  fi
  say "installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# What the last successful install was made from: pyproject.toml and setup.py (dependencies,
# packages, package data). The editable install follows code changes by itself, so pip runs
# only when this changes (or with KHADDAM_REINSTALL=1): `dev.sh app` then starts offline.
install_key() { cat pyproject.toml setup.py | sha256sum | cut -d' ' -f1; }
STAMP=$VENV/.khaddam-install-stamp

setup_python() {
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating virtual environment $VENV"
    "$PY" -m venv "$VENV"
  fi
  if [ "${KHADDAM_REINSTALL:-0}" != 1 ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$(install_key)" ] \
     && "$VENV/bin/python" -c "import khaddam_align, khaddam_align_ui" 2>/dev/null; then
    return 0  # installed from this very pyproject.toml: nothing to do
  fi
  say "installing khaddam-align and its test tools"
  rm -f "$STAMP"
  local log="$VENV/pip-install.log"
  if ! { "$VENV/bin/python" -m pip install -q --upgrade pip && "$VENV/bin/python" -m pip install -q -e ".[dev]"; } >"$log" 2>&1; then
    cat "$log" >&2; say "pip install failed (log above)"; exit 1
  fi
  "$VENV/bin/python" -c "import khaddam_align, PySide6" || { say "installation failed"; exit 1; }
  install_key > "$STAMP"
}

# The optional semantic scorer's tests need sentence-transformers, hence torch. Install them only
# when a CPU torch wheel lies on disk (as on the project's machines): from the registry, torch
# would bring several GB of CUDA packages. Without it those tests skip.
setup_semantic() {
  local wheel
  wheel=$(ls "${PIP_FIND_LINKS:-/opt/wheels}"/torch-*+cpu-*.whl 2>/dev/null | head -n1) || true
  [ -n "$wheel" ] || { say "no local CPU torch wheel: the semantic-scorer tests will be skipped"; return 0; }
  "$VENV/bin/python" -c "import sentence_transformers" 2>/dev/null && return 0
  say "installing the optional semantic scorer (torch from $wheel)"
  "$VENV/bin/python" -m pip install -q "$wheel" -e ".[semantic]" >"$VENV/pip-semantic.log" 2>&1 \
    || say "semantic extra not installed (see $VENV/pip-semantic.log); its tests will be skipped"
}

run_tests() {
  export QT_QPA_PLATFORM=offscreen
  # A throwaway PostgreSQL server for the team-mode tests, when the server is installed.
  if [ -z "${KHADDAM_TEST_PG_URL:-}" ]; then
    local was_running=0
    bash scripts/pg-test-server.sh status 2>/dev/null && was_running=1
    if url=$(bash scripts/pg-test-server.sh start 2>/dev/null); then
      export KHADDAM_TEST_PG_URL="$url"
      say "PostgreSQL test server at $url"
      [ "$was_running" = 1 ] || trap 'bash scripts/pg-test-server.sh stop >/dev/null 2>&1 || true' EXIT
    else
      say "no PostgreSQL server installed: team-mode tests will be skipped"
    fi
  fi
  say "ruff"
  "$VENV/bin/ruff" check $(ls -d khaddam_align ui tests bench scripts 2>/dev/null)
  say "mypy"
  "$VENV/bin/mypy"
  # The whole run (CI's) also checks the built package outside the checkout; a targeted run
  # (`dev.sh test tests/storage`) skips it. KHADDAM_SMOKE=0/1 forces either way.
  if [ "${KHADDAM_SMOKE:-$([ $# -eq 0 ] && echo 1 || echo 0)}" = 1 ]; then
    say "smoke test of the built package (scripts/smoke.sh)"
    bash scripts/smoke.sh
  fi
  say "pytest"
  "$VENV/bin/python" -m pytest "$@"
}

cmd=${1:-test}
shift || true
case "$cmd" in
  setup) setup_system .ci/apt-packages.txt; setup_python ;;
  test)  setup_system .ci/apt-packages.txt .ci/apt-packages-test.txt; setup_python; setup_semantic; run_tests "$@" ;;
  app)   setup_system .ci/apt-packages.txt; setup_python; exec "$VENV/bin/khaddam-align" "$@" ;;
  *) echo "usage: bash scripts/dev.sh app|test|setup [args]" >&2; exit 2 ;;
esac
