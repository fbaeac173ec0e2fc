#!/usr/bin/env bash
# Better Auth client compatibility suite: starts server/target/portcullis.jar on a fresh PostgreSQL
# database and drives the official `better-auth` npm client against it (node --test).
# Usage: bash compat/better-auth-client/run.sh   (from anywhere; PostgreSQL on 127.0.0.1:5432,
# user postgres with trust authentication, as for the Java tests). Exits with the suite's status.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/server/target/portcullis.jar"
database=portcullis_compat

# 1. The client and its dependencies, exactly as pinned in package-lock.json.
cd "$here"
npm ci --no-audit --no-fund --loglevel=error >/dev/null

# 2. The jar, built if absent (.ci/run has built it with mvn verify already).
if [ ! -f "$jar" ]; then
    echo "building $jar"
    (cd "$root" && mvn -B -q package -DskipTests)
fi

# 3. A fresh database of its own (other test runs use "test" on the same server).
if ! pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then
    echo "error: PostgreSQL does not answer on 127.0.0.1:5432" >&2
    exit 1
fi
PGOPTIONS="--client-min-messages=warning" psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null
psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $database" >/dev/null

# 4. The server's configuration, all in environment variables (docs/configuration.md). Variables
# left in the caller's environment would change it (and unknown ones stop the server): cleared.
while read -r name; do unset "$name"; done < <(compgen -e | grep '^PORTCULLIS_' || true)
port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
export COMPAT_BASE_URL="http://127.0.0.1:$port"
export PORTCULLIS_SERVER_HOST=127.0.0.1
export PORTCULLIS_SERVER_PORT="$port"
export PORTCULLIS_BASE_URL="$COMPAT_BASE_URL"
export PORTCULLIS_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$database"
export PORTCULLIS_DATABASE_USERNAME=postgres
export PORTCULLIS_SECRET="compat-suite-secret-not-for-production-use"
# Mails are written to the server's log (the default, said here because the mail tests read them there).
export PORTCULLIS_MAIL_TRANSPORT=log
# Every test runs from 127.0.0.1, so the per-client limits are raised for the routes the suite
# uses a lot; /send-verification-email keeps a low one for the test that expects a 429 (and no
# other test calls it: the mail tests use the mail that sign-up sends).
export PORTCULLIS_RATE_LIMIT_MAX=10000
export PORTCULLIS_RATE_LIMIT_RULES="/sign-in/*=10s/1000,/sign-up/*=10s/1000,/change-password=10s/1000,/two-factor/*=10s/1000,/request-password-reset=10s/1000,/send-verification-email=60s/2"

# 5. The administrator, made on the command line (which also creates the tables).
export ADMIN_EMAIL=admin@example.com
export ADMIN_PASSWORD="compat admin $(node -e 'console.log(require("crypto").randomBytes(9).toString("base64url"))')"
printf '%s\n' "$ADMIN_PASSWORD" | java -jar "$jar" user create --email "$ADMIN_EMAIL" --name Admin --admin --password-stdin >/dev/null

# 6. The server, stopped whatever happens.
work="$(mktemp -d)"
log="$work/server.log"
java -jar "$jar" >"$log" 2>&1 &
server=$!
stop_server() {
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap stop_server EXIT

for _ in $(seq 1 60); do
    if curl -fsS "$COMPAT_BASE_URL/api/auth/ok" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$server" 2>/dev/null; then
        echo "error: the server stopped while starting; its log:" >&2
        cat "$log" >&2
        exit 1
    fi
    sleep 1
done
if ! curl -fsS "$COMPAT_BASE_URL/api/auth/ok" >/dev/null 2>&1; then
    echo "error: the server did not answer /api/auth/ok within 60 s; its log:" >&2
    cat "$log" >&2
    exit 1
fi
echo "Portcullis is up at $COMPAT_BASE_URL (better-auth $(node -p "require(\"./node_modules/better-auth/package.json\").version"))"

# 7. The suite. The mail tests read the mails (mail.transport=log) from the server's log.
export COMPAT_SERVER_LOG="$log"
status=0
node --test --test-reporter=spec test/*.test.mjs || status=$?
if [ "$status" -ne 0 ]; then
    echo "the compatibility suite failed; server log:" >&2
    cat "$log" >&2
fi
exit "$status"
