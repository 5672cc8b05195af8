# Sourced by scripts/demo and scripts/test: makes .venv with the pinned packages and
# installs Debian's Chromium, fonts and poppler-utils when missing. Safe to run again: it skips what is done.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"
EXTRAS="${1:-}"

say() { printf '==> %s\n' "$*" >&2; }

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "contact-audit needs Python 3.11 or newer as '$PYTHON' (set PYTHON=/path/to/python3.11)." >&2
    exit 2
fi

if [ ! -x "$VENV/bin/python" ]; then
    say "Creating the virtual environment in .venv"
    "$PYTHON" -m venv "$VENV"
fi

# Reinstall only when pyproject.toml changed or the wanted extras are not there yet.
hash="$(sha256sum "$ROOT/pyproject.toml" | cut -c1-16)"
stamp="$VENV/.installed-$hash${EXTRAS:+-$EXTRAS}"
if [ ! -f "$stamp" ] && ! { [ -z "$EXTRAS" ] && compgen -G "$VENV/.installed-$hash*" >/dev/null; }; then
    say "Installing contact-auditor and its pinned dependencies"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$ROOT${EXTRAS:+[$EXTRAS]}"
    rm -f "$VENV"/.installed-*
    touch "$stamp"
fi

CHROMIUM="${CONTACT_AUDIT_CHROMIUM:-/usr/bin/chromium}"
# Debian packages, each only when missing: Chromium renders pages and prints report.pdf;
# fonts-noto-core draws Hindi and other Indic scripts (without it they print as empty
# boxes); poppler-utils' pdftoppm lets the tests look at a printed page.
DEBS=()
if [ ! -x "$CHROMIUM" ]; then DEBS+=(chromium); fi
# grep reads all of fc-list's output (no -q): under pipefail an early exit would fail the pipe.
if ! fc-list 2>/dev/null | grep -i devanagari >/dev/null; then DEBS+=(fonts-noto-core); fi
if ! command -v pdftoppm >/dev/null; then DEBS+=(poppler-utils); fi
# The history tests run a throw-away PostgreSQL cluster with initdb and pg_ctl.
if [ "$EXTRAS" = test ] && ! command -v initdb >/dev/null \
    && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then DEBS+=(postgresql); fi
# The batch tests run a throw-away Redis (the Celery broker) with redis-server.
if [ "$EXTRAS" = test ] && ! command -v redis-server >/dev/null; then DEBS+=(redis-server); fi
if [ "${#DEBS[@]}" -gt 0 ]; then
    say "Installing from Debian's packages: ${DEBS[*]}"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${DEBS[@]}" >/dev/null
fi
export CONTACT_AUDIT_CHROMIUM="$CHROMIUM"
