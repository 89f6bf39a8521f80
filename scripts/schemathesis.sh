#!/usr/bin/env bash
# Checks that the served OpenAPI document matches what the server does: builds the app, starts it on a
# free port with a throwaway DATA_DIR (embedded engine) and an admin token, runs a short fixed-seed
# schemathesis pass with every check, its stateful phase walking the document's links (scripts/schemathesis.toml),
# and stops the server. Exit status is schemathesis's own. Deliberate exceptions, each with its reason, are
# in docs/operations.md ("Contract checks"); use_after_free is excluded because DELETE /api/locks/{id}
# releases a lock and keeps it, RELEASED, as the record of the hold. One worker: hypothesis has raced inside
# its own caches with two, and a fixed seed should give one answer.
# Secured mode, CONTRACT_SECURED=1 (what CI runs): starts the development issuer on a free port, starts the
# server trusting it (AUTH_ISSUER, AUTH_AUDIENCE) and sends that issuer's token for the subject `contract`
# with the organizer and admin roles instead of the admin token; the issuer stops with the server.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
VENV=.cache/schemathesis-venv
if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

npm run --silent build

PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
DATA_DIR=$(mktemp -d)
ADMIN_TOKEN=$(node -e "console.log(require('crypto').randomBytes(18).toString('hex'))")
LOG=$(mktemp)
ISSUER_OUT=$(mktemp)
ISSUER=
stop() {
  kill "${SERVER:-}" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  kill "$ISSUER" 2>/dev/null && wait "$ISSUER" 2>/dev/null || true
  rm -rf "$DATA_DIR" "$LOG" "$ISSUER_OUT"
}
trap stop EXIT

TOKEN=$ADMIN_TOKEN
if [ "${CONTRACT_SECURED:-0}" = 1 ]; then
  CONTRACT_SUBJECT=contract
  node_modules/.bin/ts-node --transpile-only scripts/dev-issuer.ts --port 0 --print-env \
    --sub "$CONTRACT_SUBJECT" --roles organizer,admin --ttl 7200 >"$ISSUER_OUT" &
  ISSUER=$!
  for _ in $(seq 1 60); do
    grep -q '^TOKEN=' "$ISSUER_OUT" && break
    if ! kill -0 "$ISSUER" 2>/dev/null; then echo "the development issuer did not start" >&2; exit 1; fi
    sleep 0.5
  done
  AUTH_ISSUER=$(sed -n 's/^AUTH_ISSUER=//p' "$ISSUER_OUT")
  AUTH_AUDIENCE=$(sed -n 's/^AUTH_AUDIENCE=//p' "$ISSUER_OUT")
  TOKEN=$(sed -n 's/^TOKEN=//p' "$ISSUER_OUT")
  # The hooks let a lock omit userId in the stateful phase and know whose token is sent.
  export AUTH_ISSUER AUTH_AUDIENCE CONTRACT_SUBJECT
fi

PORT=$PORT DATA_DIR=$DATA_DIR ADMIN_TOKEN=$ADMIN_TOKEN LOG_LEVEL=warn JOBS_CRON_ENABLED=false \
  node dist/main.js >"$LOG" 2>&1 &
SERVER=$!

BASE="http://127.0.0.1:$PORT"
# The first start on a clean machine builds the embedded engine with Go (up to ~80 s).
for _ in $(seq 1 300); do
  curl -fsS "$BASE/health" >/dev/null 2>&1 && break
  if ! kill -0 "$SERVER" 2>/dev/null; then cat "$LOG"; exit 1; fi
  sleep 0.5
done

PYTHONPATH=scripts SCHEMATHESIS_HOOKS=schemathesis_hooks "$VENV/bin/schemathesis" --config-file scripts/schemathesis.toml run "$BASE/docs-json" \
  --checks all \
  --seed "${SCHEMATHESIS_SEED:-20261201}" \
  --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-50}" \
  --exclude-checks use_after_free \
  --workers 1 \
  --generation-database none \
  --no-color \
  --header "Authorization: Bearer $TOKEN" \
  "$@"
