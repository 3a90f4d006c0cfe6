#!/usr/bin/env bash
# Smoke test of the production layout: two gunicorn servers on different ports and
# one task worker against PostgreSQL. Signs in on one server, continues the session
# on the other, and checks that an e-mail queued through a server is sent exactly
# once by the worker. Needs PostgreSQL on 127.0.0.1:5432 (DATABASE_URL's server).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=.venv/bin/python
WORK="$(mktemp -d)"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "smoke: FAILED: $*" >&2; for f in "$WORK"/*.log; do echo "--- $f"; tail -20 "$f"; done >&2; exit 1; }

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT_A=$(free_port); PORT_B=$(free_port); PORT_SMTP=$(free_port)

SERVER="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/tandem}"
DB="tandem_smoke_$$"
psql "${SERVER%/*}/postgres" -qc "CREATE DATABASE $DB" >/dev/null
trap 'cleanup; psql "${SERVER%/*}/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null' EXIT

export DATABASE_URL="${SERVER%/*}/$DB"
export SECRET_KEY="smoke-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"
export TANDEM_VAR_DIR="$WORK" TANDEM_CACHE=database
export TASKS_BACKEND=django_tasks_db.DatabaseBackend
export EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend
export EMAIL_HOST=127.0.0.1 EMAIL_PORT="$PORT_SMTP" EMAIL_TIMEOUT=5
export WEB_WORKERS=2 LOG_LEVEL=WARNING

"$PY" manage.py migrate -v0
"$PY" manage.py createcachetable
EMAIL="smoke-coordinator@example.org"
PASSWORD="smoke-$(head -c 16 /dev/urandom | base64 | tr -d '/+=')"
SMOKE_EMAIL="$EMAIL" SMOKE_PASSWORD="$PASSWORD" "$PY" manage.py shell -v0 -c '
import os
from allauth.account.models import EmailAddress
from tandem.people.models import Person
p = Person.objects.create_user(os.environ["SMOKE_EMAIL"], os.environ["SMOKE_PASSWORD"], full_name="Smoke Coordinator")
EmailAddress.objects.create(user=p, email=p.email, verified=True, primary=True)
'

"$PY" -m tests.trust.smtp "$PORT_SMTP" >"$WORK/smtp.log" 2>&1 & PIDS+=($!)
BIND="127.0.0.1:$PORT_A" .venv/bin/gunicorn -c deploy/gunicorn.conf.py >"$WORK/a.log" 2>&1 & PIDS+=($!)
BIND="127.0.0.1:$PORT_B" .venv/bin/gunicorn -c deploy/gunicorn.conf.py >"$WORK/b.log" 2>&1 & PIDS+=($!)
for port in "$PORT_A" "$PORT_B"; do
    for _ in $(seq 60); do
        curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
        sleep 0.5
    done
    [ "$(curl -fsS "http://127.0.0.1:$port/healthz")" = '{"status": "ok", "database": "ok"}' ] \
        || fail "server on $port is not healthy"
done
echo "smoke: two servers up on $PORT_A and $PORT_B"

# Sign in on A.
JAR="$WORK/cookies"
curl -fsS -c "$JAR" -b "$JAR" -o /dev/null "http://127.0.0.1:$PORT_A/accounts/login/"
TOKEN=$(awk '$6 == "csrftoken" {print $7}' "$JAR")
STATUS=$(curl -sS -c "$JAR" -b "$JAR" -o /dev/null -w '%{http_code}' \
    -H "Referer: http://127.0.0.1:$PORT_A/accounts/login/" \
    --data-urlencode "csrfmiddlewaretoken=$TOKEN" --data-urlencode "login=$EMAIL" \
    --data-urlencode "password=$PASSWORD" "http://127.0.0.1:$PORT_A/accounts/login/")
[ "$STATUS" = 302 ] || fail "signing in on server A answered $STATUS"

# Continue the session on B.
PAGE=$(curl -fsS -b "$JAR" "http://127.0.0.1:$PORT_B/profile/") || fail "profile on B"
grep -q "Smoke Coordinator" <<<"$PAGE" || fail "server B did not know the session from A"
echo "smoke: signed in on A, session continued on B"

# Queue an e-mail through A (a password reset), then let one worker send it.
curl -fsS -c "$WORK/anon" -b "$WORK/anon" -o /dev/null "http://127.0.0.1:$PORT_A/accounts/password/reset/"
TOKEN=$(awk '$6 == "csrftoken" {print $7}' "$WORK/anon")
curl -sS -c "$WORK/anon" -b "$WORK/anon" -o /dev/null \
    --data-urlencode "csrfmiddlewaretoken=$TOKEN" --data-urlencode "email=$EMAIL" \
    "http://127.0.0.1:$PORT_A/accounts/password/reset/"
[ ! -s "$WORK/smtp.log" ] || fail "mail left before the worker ran"
deploy/worker.sh >"$WORK/worker.log" 2>&1 & PIDS+=($!)
for _ in $(seq 60); do grep -q "accepted $EMAIL" "$WORK/smtp.log" && break; sleep 0.5; done
sleep 3
"$PY" manage.py send_queued_mail >/dev/null
SENT=$(grep -c "accepted $EMAIL" "$WORK/smtp.log" || true)
[ "$SENT" = 1 ] || fail "the e-mail was sent $SENT times, not once"
echo "smoke: the queued e-mail was sent exactly once by the worker"
echo "smoke: 3 passed, 0 failed"
