# Shared by bin/serve and bin/test: find Python 3.12+, make .venv, install the lock.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3.13 python3.12 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c \
            'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    local root
    root="$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"
    for candidate in "$root"/versions/3.1[2-9]*/bin/python3; do
        if [ -x "$candidate" ]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

ensure_venv() {
    if [ ! -x .venv/bin/python ]; then
        local python
        if ! python="$(find_python)"; then
            echo "Tandem needs Python 3.12 or newer and found none." >&2
            echo "Install it (e.g. 'pyenv install 3.12') or set PYTHON=/path/to/python3.12." >&2
            exit 1
        fi
        echo "Creating .venv with $python"
        "$python" -m venv .venv
    fi
    # Reinstall only when the lock changed since the last install.
    local stamp=".venv/.requirements.lock.sha256"
    local want
    want="$(sha256sum requirements.lock | cut -d' ' -f1)"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        .venv/bin/python -m pip install --quiet --disable-pip-version-check \
            --require-virtualenv -r requirements.lock
        echo "$want" >"$stamp"
    fi
}
