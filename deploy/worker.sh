#!/usr/bin/env bash
# One task worker: sends queued e-mail and runs other background work. Start as
# many as needed; each task is claimed by exactly one of them.
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${PYTHON:-.venv/bin/python}" manage.py db_worker --queue-name '*' --interval 1 --no-reload "$@"
