#!/usr/bin/env bash
# Smoke test of the real package, as a new user gets it (issue 13):
#   build the wheel from this checkout, install it into a fresh virtualenv in a temporary
#   folder (dependencies from the pip cache, the local wheels or the index), then, from
#   another folder: `khaddam-align demo --json`, HTML and PDF reports, the catalog, and the
#   desktop app started offscreen with the demo opened through its "Open demo" button.
#   bash scripts/smoke.sh            (scripts/dev.sh test runs it before pytest)
# KHADDAM_SMOKE_KEEP=1 keeps the temporary folder for a look afterwards.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=${PYTHON:-python3}
BUILD_PY=${KHADDAM_VENV:-$ROOT/.venv}/bin/python
[ -x "$BUILD_PY" ] || BUILD_PY=$PY
WORK=$(mktemp -d "${TMPDIR:-/tmp}/khaddam-smoke.XXXXXX")
if [ "${KHADDAM_SMOKE_KEEP:-0}" = 1 ]; then
  echo "smoke: keeping $WORK" >&2
else
  trap 'rm -rf "$WORK"' EXIT
fi
say() { printf '\033[1m==> smoke: %s\033[0m\n' "$*" >&2; }
fail() { printf 'smoke test FAILED: %s\n' "$*" >&2; exit 1; }
T0=$(date +%s)

say "building the wheel"
"$BUILD_PY" -m pip wheel -q --no-deps -w "$WORK/dist" "$ROOT" >"$WORK/build.log" 2>&1 \
  || { cat "$WORK/build.log" >&2; fail "the wheel did not build"; }
WHEEL=$(ls "$WORK"/dist/khaddam_align-*.whl)
LISTING=$("$BUILD_PY" -m zipfile -l "$WHEEL")
for f in khaddam_align/_data/sources/catalog.toml khaddam_align/_data/sources/demo/demo_ar.txt \
         khaddam_align/_data/sources/demo/demo_en_a.txt khaddam_align/_data/sources/demo/demo_en_b.txt \
         khaddam_align/_data/sources/demo/README.md khaddam_align/_data/alignments/demo_ar__en_a.json \
         khaddam_align/templates/report.html.j2 khaddam_align_ui/main_window.py; do
  grep -q "^$f " <<<"$LISTING" || fail "$f is not in $(basename "$WHEEL")"
done
if grep -qE '^(ui|sources|alignments)/' <<<"$LISTING"; then fail "the wheel has a generic top-level package"; fi

say "installing $(basename "$WHEEL") into a fresh virtualenv in $WORK"
"$PY" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install -q "$WHEEL" >"$WORK/install.log" 2>&1 \
  || { cat "$WORK/install.log" >&2; fail "pip install of the wheel failed"; }
BIN=$WORK/venv/bin
T1=$(date +%s)

mkdir "$WORK/elsewhere" && cd "$WORK/elsewhere"   # nothing of the checkout around
export KHADDAM_ALIGN_DB=$WORK/elsewhere/workspace.sqlite
export XDG_DATA_HOME=$WORK/data XDG_CONFIG_HOME=$WORK/config QT_QPA_PLATFORM=offscreen
unset PYTHONPATH || true

say "khaddam-align from $(pwd)"
"$BIN/khaddam-align" --version | grep -qE '^khaddam-align, version [0-9]' || fail "--version"
"$BIN/python" - "$ROOT" <<'EOF' || fail "the installed package is not self-contained"
import sys
from pathlib import Path

import khaddam_align, khaddam_align_ui
from khaddam_align import resources
from khaddam_align.ingest.catalog import load_catalog

root = Path(sys.argv[1]).resolve()
for mod in (khaddam_align, khaddam_align_ui):
    assert root not in Path(mod.__file__).resolve().parents, f"{mod.__name__} imported from the checkout"
assert len(load_catalog().entries) > 0, "the shipped catalog is empty"
from importlib.metadata import entry_points
for group, name, target in (("khaddam_align.frontends", "gui", "khaddam_align_ui.app:main"),
                            ("khaddam_align.exporters", "pdf", "khaddam_align_ui.pdf_export:write_pdf")):
    found = {ep.name: ep for ep in entry_points(group=group)}
    assert found[name].value == target, (group, found)
    found[name].load()
assert root not in Path(str(resources.catalog())).resolve().parents
EOF

# The catalog: a file whose header matches a catalog entry (publisher spelling + date) imports
# the same installed as in the checkout (the dev venv): same Work, publisher, segments, ranges.
printf '%s\n' "A smoke-test article" "" "publisher: المجلة AL Majalla" "" "Publishing date: 2024-03-23" "" \
  "The first paragraph has two sentences. This is the second one." "" \
  "Photo: a caption line" "" "The last paragraph says goodbye." >catalog-check.txt
"$BIN/khaddam-align" --db catalog.sqlite import catalog-check.txt --json >installed.json
if "$BUILD_PY" -c "import khaddam_align.cli" 2>/dev/null; then
  (cd "$ROOT" && "$BUILD_PY" -c "from khaddam_align.cli import main; main()" \
    --db "$WORK/elsewhere/checkout.sqlite" import "$WORK/elsewhere/catalog-check.txt" --json) >checkout.json
else
  cp installed.json checkout.json  # no development venv: only the installed side is checked
fi
"$BIN/python" - <<'EOF' || fail "the catalog: the same file imports differently installed and in the checkout"
import json
installed, checkout = (json.load(open(f, encoding="utf-8"))[0] for f in ("installed.json", "checkout.json"))
assert installed["publisher"] == "Al Majalla" and installed["work"] and installed["catalog"], installed
assert installed == checkout, (installed, checkout)
EOF

"$BIN/khaddam-align" demo --json >demo.json
"$BIN/python" - <<'EOF' || fail "demo --json"
import json
d = json.load(open("demo.json", encoding="utf-8"))
assert [r["id"] for r in d["renderings"]] == [1, 2, 3], d
assert [a["id"] for a in d["alignments"]] == [1, 2, 3], d
assert all(r["name"] for r in d["renderings"]) and all(a["name"] for a in d["alignments"]), d
EOF
"$BIN/khaddam-align" divergences 1 --json >divergences.json
"$BIN/python" -c "import json,sys; assert len(json.load(open('divergences.json'))) > 0" || fail "no divergences"
"$BIN/khaddam-align" export 1 -o report.html 2>/dev/null
"$BIN/khaddam-align" export 1 -o report.pdf 2>/dev/null
"$BIN/python" - <<'EOF' || fail "reports"
from pathlib import Path
from khaddam_align.version import tool_version
html = Path("report.html").read_text(encoding="utf-8")
assert len(html) > 8_000 and html.count("<tr") > 10 and "Alignment report" in html and f"khaddam-align {tool_version()}" in html
pdf = Path("report.pdf").read_bytes()
assert pdf.startswith(b"%PDF") and len(pdf) > 20_000, len(pdf)
EOF

say "the desktop app, offscreen, with the demo opened by its button"
"$BIN/python" - "$WORK/elsewhere/app.sqlite" "$WORK/elsewhere/app.png" 2>"$WORK/app.log" <<'EOF' \
  || { cat "$WORK/app.log" >&2; fail "the app"; }
import sys, time
from PySide6.QtWidgets import QApplication
from khaddam_align.storage import open_workspace
from khaddam_align_ui.main_window import MainWindow

app = QApplication(["khaddam-align"])
window = MainWindow(open_workspace(sys.argv[1]))
window.show()
window.welcome.demo.click()  # the real "Open demo" button, on an empty workspace
deadline = time.monotonic() + 180
while (window.model is None or window.model.rowCount() == 0) and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.02)
assert window.model is not None and window.model.rowCount() > 5, "the demo did not open"
assert window.model.columnCount() >= 3
assert window.grab().save(sys.argv[2])
print(f"app: demo open, {window.model.rowCount()} rows x {window.model.columnCount()} columns")
window.close()
EOF
[ "$(stat -c %s app.png)" -gt 20000 ] || fail "the app's screenshot is nearly empty"

say "passed in $(( $(date +%s) - T0 )) s (install $(( T1 - T0 )) s)"
