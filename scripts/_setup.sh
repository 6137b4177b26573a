# Shared set-up for ./scripts/serve, ./scripts/test and ./scripts/bench: sourced, not run.
# Creates .venv, installs the pinned dependencies when pyproject.toml changed, compiles translations.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
VENV="$ROOT/.venv"
EXTRAS="${1:-}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if [ ! -x "$VENV/bin/python" ]; then
  say "Creating the virtual environment in .venv"
  "$PYTHON" -m venv "$VENV"
fi

stamp="$VENV/.deps-${EXTRAS:-base}-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  say "Installing pinned dependencies${EXTRAS:+ (with $EXTRAS)}"
  reqs="$(mktemp)"
  "$VENV/bin/python" - "$EXTRAS" > "$reqs" <<'PY'
import sys, tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
lines = list(project["dependencies"])
for extra in filter(None, sys.argv[1].split(",")):
    lines += project["optional-dependencies"][extra]
print("\n".join(lines))
PY
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$reqs"
  rm -f "$reqs" "$VENV"/.deps-"${EXTRAS:-base}"-*
  touch "$stamp"
fi

# WeasyPrint (certificates) needs Pango. Debian's packages are installed when missing and we are root.
has_pango() {
  local libs lib
  libs="$(PATH="$PATH:/sbin:/usr/sbin" ldconfig -p 2>/dev/null || true)"
  for lib in libpango-1.0.so.0 libpangoft2-1.0.so.0; do
    grep -qF "$lib" <<<"$libs" || return 1
  done
}
if ! has_pango; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing Debian's Pango for WeasyPrint (certificates)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 \
      >/dev/null) || true
  fi
  has_pango || say "WeasyPrint needs libpango-1.0-0 and libpangoft2-1.0-0: install them, or certificates cannot be made"
fi

export PATH="$VENV/bin:$PATH"
export FLASK_APP=app
"$VENV/bin/pybabel" compile -q -d app/translations --use-fuzzy 2>/dev/null || "$VENV/bin/pybabel" compile -d app/translations
mkdir -p instance
