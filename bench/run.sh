#!/usr/bin/env bash
# Portcullis benchmark: get-session over HTTP against PostgreSQL beside pgbench's limit and Better Auth,
# sign-in versus the bare Argon2id hash, in-process validation (JMH), start-up, peak RSS, the rate
# limit (many clients within it, one client over it), and get-session with 1,000 and 1,000,000 session
# rows, also while 1,000,000 expired rows are cleaned up.
#
# Usage: bash bench/run.sh [--quick]
#   --quick   a short smoke run (3 s loads, 100,000 rows instead of 1,000,000, one JMH iteration)
#
# Needs: PostgreSQL on 127.0.0.1:5432 (user postgres, trust; started like .ci/run does when down),
# wrk, pgbench, psql, curl, jq, java 17+, node + npm (wrk is installed from Debian's packages when
# missing). Builds server/target/portcullis.jar and bench/target/benchmarks.jar when absent.
# Prints a table and writes it to bench/results/latest.md; logs go to bench/results/logs/.
# Targets are reported per line (met/missed); a missed target does not fail the script.
#
# Every Portcullis process runs with the JVM flags of the README's start command (its class-data
# archive, server/target/portcullis.jsa, included); one line runs with the JVM's own defaults instead.
# Environment (optional): BENCH_JAVA_OPTS  extra JVM flags for every Portcullis process (default: none)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
BENCH="$ROOT/bench"
RESULTS="$BENCH/results"
LOGS="$RESULTS/logs"
JAR="$ROOT/server/target/portcullis.jar"
JMH_JAR="$BENCH/target/benchmarks.jar"
# The JVM flags of the README's start command, with its paths made absolute.
README_FLAGS=$(sed -n 's|^mvn -B -q package -DskipTests && java \(.*\) -jar server/target/portcullis.jar$|\1|p' "$ROOT/README.md" | head -1 \
    | sed "s|server/target/|$ROOT/server/target/|g")
JAVA_OPTS_BENCH="$README_FLAGS ${BENCH_JAVA_OPTS:-}"
HEAP_FLAGS=$(printf '%s\n' $README_FLAGS | grep -v '^-XX:SharedArchiveFile=' | paste -sd' ')

QUICK=false
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=true ;;
        -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done

if $QUICK; then
    DURATION=3; WARMUP=3; WARMUP_MIN=9; WARMUP_MAX=9; SCALE_WARMUP_MIN=3; SIGN_INS=5; SIGN_IN_WARMUP=10; STARTS=1; BIG=100000; SCALE_REPEATS=1; ROUNDS=1
    JMH_ARGS=(-wi 1 -w 1 -i 1 -r 1)
else
    DURATION=10; WARMUP=10; WARMUP_MIN=120; WARMUP_MAX=240; SCALE_WARMUP_MIN=30; SIGN_INS=200; SIGN_IN_WARMUP=300; STARTS=3; BIG=1000000; SCALE_REPEATS=3; ROUNDS=3
    JMH_ARGS=()
fi
SMALL=1000
CONNECTIONS=16
THREADS=2
PG=(-h 127.0.0.1 -p 5432 -U postgres)
PORTCULLIS_PORT=3901
BETTER_AUTH_PORT=3900
STARTUP_PORT=3902
SECRET=bench-secret-not-for-production-0123456789
PASSWORD="correct horse battery staple"
DB=portcullis_bench
BA_DB=betterauth_bench
PGBENCH_DB=pgbench_bench
JMH_DB=portcullis_jmh

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------- prerequisites
command -v wrk >/dev/null || {
    log "installing wrk"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } >/dev/null || die "wrk could not be installed"
}
for tool in pgbench psql curl jq java node npm awk; do command -v "$tool" >/dev/null || die "$tool is missing"; done
if ! pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then
    log "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || die "PostgreSQL could not be started"
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1 && break; sleep 1; done
fi
for port in $PORTCULLIS_PORT $BETTER_AUTH_PORT $STARTUP_PORT; do
    if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then die "port $port is in use"; fi
done
[ -n "$README_FLAGS" ] || die "no start command with JVM flags found in README.md"
if [ ! -f "$JAR" ] || [ ! -f "$JMH_JAR" ] || [ ! -f "$ROOT/server/target/portcullis.jsa" ]; then
    log "building the server jar and the JMH jar"
    mvn -B -q package -DskipTests -pl server,bench -am || die "build failed"
fi
rm -rf "$LOGS"; mkdir -p "$LOGS"

# Processes this script started, stopped on exit by their ids; the scratch databases are dropped.
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    for db in $DB $BA_DB $PGBENCH_DB $JMH_DB; do psql "${PG[@]}" -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT

fresh_db() { psql "${PG[@]}" -qc "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null 2>&1 || die "cannot create database $1"; }
sql() { psql "${PG[@]}" -d "$DB" -v ON_ERROR_STOP=1 -qtAc "$1"; }

# Waits until URL answers 200; prints nothing, fails after $2 seconds.
wait_ok() {
    local url=$1 limit=${2:-60} start=$SECONDS
    until curl -sf -o /dev/null --max-time 1 "$url"; do
        [ $((SECONDS - start)) -lt "$limit" ] || return 1
        sleep 0.1
    done
}

stop() { # pid
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
    forget "$1"
}
forget() { # pid: no longer ours to stop on exit
    local kept=() pid
    for pid in "${PIDS[@]}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
    PIDS=("${kept[@]}")
}

# Starts Portcullis on PostgreSQL in the background; sets PORTCULLIS_PID. Extra VAR=value pairs are
# added to its environment. The scheduled cleanup is pushed out to a day, so only the measured
# `sessions cleanup` run deletes expired rows.
start_portcullis() { # log-name [VAR=value ...]
    local name=$1; shift
    # shellcheck disable=SC2086
    env PORTCULLIS_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" PORTCULLIS_DATABASE_USERNAME=postgres \
        PORTCULLIS_SERVER_HOST=127.0.0.1 PORTCULLIS_SERVER_PORT=$PORTCULLIS_PORT PORTCULLIS_SECRET=$SECRET \
        PORTCULLIS_SESSION_CLEANUP_INTERVAL=1d "$@" \
        java $JAVA_OPTS_BENCH -Xlog:gc:file="$LOGS/$name-gc.log":uptime -jar "$JAR" >"$LOGS/$name.log" 2>&1 &
    PORTCULLIS_PID=$!
    PIDS+=("$PORTCULLIS_PID")
    wait_ok "http://127.0.0.1:$PORTCULLIS_PORT/api/auth/ok" 90 || die "Portcullis did not start (see $LOGS/$name.log)"
}

# Runs wrk; its output goes to $LOGS/NAME.txt. Extra arguments go to wrk (-H, -s ...).
run_wrk() { # name seconds url [wrk args...]
    local name=$1 seconds=$2 url=$3; shift 3
    wrk --latency -t$THREADS -c$CONNECTIONS -d"${seconds}s" "$@" "$url" >"$LOGS/$name.txt" 2>&1 || die "wrk failed: $LOGS/$name.txt"
}

# Warm-up (JIT compilers): loads in WARMUP-second rounds for at least WARMUP_MIN seconds (two minutes:
# after one, a server was seen to level off for a while and still gain a third), then until
# a round's rate is within 5% of the round before (the steady state), at most WARMUP_MAX seconds.
# On two cores the JVM's compilers share the cores with the load: a server that has seen less than a
# minute of it is still compiling and answers at about half its steady rate.
warm_up() { # name url [wrk args...]
    local name=$1 url=$2 served=0 spent=0 round=0 rate=0 previous=0; shift 2
    while [ "$spent" -lt "$WARMUP_MAX" ]; do
        round=$((round + 1))
        run_wrk "$name-warmup-$round" $WARMUP "$url" "$@"
        served=$((served + $(requests_of "$LOGS/$name-warmup-$round.txt")))
        spent=$((spent + WARMUP))
        previous=$rate; rate=$(requests_of "$LOGS/$name-warmup-$round.txt")
        if [ "$spent" -ge "$WARMUP_MIN" ] && awk "BEGIN { exit !($previous > 0 && $rate >= 0.95 * $previous && $rate <= 1.05 * $previous) }"; then break; fi
    done
    log "  warm-up: $served requests in ${spent}s (last two rounds: $previous, $rate requests)"
}

# Reads a wrk report: "req/s p50_ms p99_ms non_2xx socket_errors".
parse_wrk() { # file
    awk '
        function ms(v) {
            if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
            if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
            if (v ~ /m$/)  { sub(/m$/, "", v); return v * 60000 }
            if (v ~ /s$/)  { sub(/s$/, "", v); return v * 1000 }
            return v + 0
        }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        $1 == "Requests/sec:" { rps = $2 }
        /Non-2xx or 3xx responses:/ { bad = $NF }
        /Socket errors:/ { errs = $0; gsub(/[^0-9 ]/, "", errs); split(errs, e, " "); serr = e[1] + e[2] + e[3] + e[4] }
        END { printf "%.0f %.3f %.3f %d %d\n", rps, p50, p99, bad, serr }' "$1"
}

# Arithmetic on decimals.
calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }
# met / missed for a true/false comparison written in awk.
verdict() { awk "BEGIN { exit !($1) }" && echo met || echo missed; }

percentile_of_file() { # file p (numbers, one a line)
    sort -n "$1" | awk -v p="$2" '{ v[NR] = $1 } END { i = int(NR * p + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; print v[i] }'
}

# CPU time a process has used so far, in milliseconds (user + system): a figure that other processes
# on the machine disturb far less than wall-clock times.
CLK_TCK=$(getconf CLK_TCK)
cpu_ms() { awk -v hz="$CLK_TCK" '{ printf "%.0f", ($14 + $15) * 1000 / hz }' "/proc/$1/stat"; }
requests_of() { awk '/requests in/ { print $1 }' "$1"; }
# CPU microseconds the server spent per answered request during a measured load.
cpu_per_request() { # cpu_ms_before cpu_ms_after wrk-report
    calc "($2 - $1) * 1000 / $(requests_of "$3")" 0
}

# One measured get-session load of the server PID: appends "req/s p50 p99 non_2xx socket_errors cpu_ms
# requests" to $LOGS/NAME-rounds.txt (the wrk report is $LOGS/NAME-ROUND.txt).
load_round() { # name pid round url [wrk args...]
    local name=$1 pid=$2 round=$3 url=$4 c0; shift 4
    c0=$(cpu_ms "$pid")
    run_wrk "$name-$round" $DURATION "$url" "$@"
    echo "$(parse_wrk "$LOGS/$name-$round.txt") $(($(cpu_ms "$pid") - c0)) $(requests_of "$LOGS/$name-$round.txt")" >>"$LOGS/$name-rounds.txt"
}
# One pgbench run on $PGBENCH_DB: appends "tps p50_ms p99_ms" to $LOGS/pgbench-rounds.txt.
pgbench_round() { # round
    rm -f "$LOGS"/pgbench_log*
    (cd "$LOGS" && pgbench "${PG[@]}" -S -M prepared -c $CONNECTIONS -j $THREADS -T $DURATION -l --log-prefix=pgbench_log $PGBENCH_DB) \
        >"$LOGS/pgbench-$1.txt" 2>&1 || die "pgbench failed: $LOGS/pgbench-$1.txt"
    cat "$LOGS"/pgbench_log* | awk '{ print $3 / 1000 }' >"$LOGS/pgbench-latencies.txt"
    rm -f "$LOGS"/pgbench_log*
    echo "$(awk '/^tps = / { printf "%.0f", $3 }' "$LOGS/pgbench-$1.txt") $(percentile_of_file "$LOGS/pgbench-latencies.txt" 0.5)" \
        "$(percentile_of_file "$LOGS/pgbench-latencies.txt" 0.99)" >>"$LOGS/pgbench-rounds.txt"
    rm -f "$LOGS/pgbench-latencies.txt"
}
# The median of its arguments (the lower of the two middle ones for an even count).
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# One column of a rounds file, one value a line.
column_of() { awk -v c="$2" '{ print $c }' "$1"; }
sum_of() { awk -v c="$2" '{ s += $c } END { print s + 0 }' "$1"; }
# Reads a load_round file into PREFIX_RPS, _P50, _P99 (medians), _BAD, _ERR (sums), _CPU (µs per request
# over all rounds) and _P99S (each round's p99).
read_rounds() { # file prefix
    # shellcheck disable=SC2046
    printf -v "$2_RPS" '%s' "$(median $(column_of "$1" 1))"
    # shellcheck disable=SC2046
    printf -v "$2_P50" '%s' "$(median $(column_of "$1" 2))"
    # shellcheck disable=SC2046
    printf -v "$2_P99" '%s' "$(median $(column_of "$1" 3))"
    printf -v "$2_BAD" '%s' "$(sum_of "$1" 4)"
    printf -v "$2_ERR" '%s' "$(sum_of "$1" 5)"
    printf -v "$2_CPU" '%s' "$(calc "$(sum_of "$1" 6) * 1000 / $(sum_of "$1" 7)" 0)"
    printf -v "$2_P99S" '%s' "$(column_of "$1" 3 | paste -sd' ')"
}
# Each round's ratio of column 1 of two rounds files, with DECIMALS decimals.
ratios_of() { # file-a file-b decimals
    paste -d' ' <(column_of "$1" 1) <(column_of "$2" 1) | awk -v d="$3" '{ printf "%s%.*f", (NR > 1 ? " " : ""), d, $1 / ($2 > 0 ? $2 : 1) }'
}

# JMH: runs the benchmarks matching a pattern; results in $LOGS/jmh-NAME.json.
run_jmh() { # name pattern [JMH args...]
    local name=$1 pattern=$2; shift 2
    java -jar "$JMH_JAR" "$pattern" "${JMH_ARGS[@]}" "$@" -rf json -rff "$LOGS/jmh-$name.json" >"$LOGS/jmh-$name.txt" 2>&1 \
        || die "JMH failed (see $LOGS/jmh-$name.txt)"
}
# One JMH figure: the median ("50.0") or another percentile, or the mean ("avg").
jmh() { # name benchmark-suffix database|"" percentile|avg
    jq -r --arg b "$2" --arg d "$3" --arg p "$4" '
        .[] | select((.benchmark | endswith($b)) and ((.params.database // "") == $d)) | .primaryMetric
        | if $p == "avg" then .score else .scorePercentiles[$p] end' "$LOGS/jmh-$1.json"
}

vmhwm_mib() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
log "mode: $($QUICK && echo quick || echo full), load average at start: $LOAD_BEFORE"

# ---------------------------------------------------------------- 1. start-up to first answer on H2
# Fresh working directory each time, so the default H2 file database ./data is created and migrated.
# Sets STARTUP_MS (all runs), STARTUP_MEDIAN and STARTUP_CPU_MEDIAN.
measure_startup() { # name "JVM flags"
    local name=$1 flags=$2 i dir t0 t1 pid cpus=()
    STARTUP_MS=()
    for i in $(seq 1 $STARTS); do
        dir=$(mktemp -d)
        t0=$(date +%s%N)
        # shellcheck disable=SC2086
        (cd "$dir" && exec env PORTCULLIS_SERVER_HOST=127.0.0.1 PORTCULLIS_SERVER_PORT=$STARTUP_PORT java $flags -jar "$JAR") >"$LOGS/startup-$name-$i.log" 2>&1 &
        pid=$!; PIDS+=("$pid")
        until curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$STARTUP_PORT/api/auth/ok"; do
            kill -0 "$pid" 2>/dev/null || die "Portcullis (H2) exited at start (see $LOGS/startup-$name-$i.log)"
            sleep 0.01
        done
        t1=$(date +%s%N)
        STARTUP_MS+=($(( (t1 - t0) / 1000000 )))
        cpus+=($(cpu_ms "$pid"))
        stop "$pid"; rm -rf "$dir"
    done
    STARTUP_MEDIAN=$(median "${STARTUP_MS[@]}")
    STARTUP_CPU_MEDIAN=$(median "${cpus[@]}")
    log "start-up to first answer (H2, $name): ${STARTUP_MS[*]} ms"
}
measure_startup defaults "${BENCH_JAVA_OPTS:-}"
SD_MS=("${STARTUP_MS[@]}") SD_MEDIAN=$STARTUP_MEDIAN SD_CPU=$STARTUP_CPU_MEDIAN
measure_startup readme "$JAVA_OPTS_BENCH"

# Sessions inserted with SQL, spread over 1,000 users, each with a token the wrk script can name
# (benchtoken + zero-padded number; the table keeps only its SHA-256). Fresh activity: no request in
# a measurement writes.
TOKEN_PREFIX=benchtoken
insert_sessions() { # first last kind(valid|expired)
    local first=$1 last=$2 kind=$3 id=s prefix=$TOKEN_PREFIX times="t, t, t + interval '30 minutes', t + interval '30 days'"
    if [ "$kind" = expired ]; then
        id=x; prefix=benchexpir; times="t - interval '2 hours', t - interval '2 hours', t - interval '1 hour', t + interval '29 days'"
    fi
    sql "INSERT INTO session (id, token_hash, user_id, created_at, last_active_at, expires_at, absolute_expires_at,
                              remember_me, ip_address, user_agent, auth_method)
         SELECT 'bench-$id-' || g, encode(sha256(convert_to('$prefix' || lpad(g::text, $((43 - ${#TOKEN_PREFIX})), '0'), 'UTF8')), 'hex'),
                'bench-u-' || (g % 1000 + 1), $times, false, '127.0.0.1', 'bench', 'password'
         FROM generate_series($first, $last) g, (SELECT now() AT TIME ZONE 'UTC' AS t) n" >/dev/null
    # Settled before anything is measured: statistics, visibility map, and the insert's dirty pages written out.
    sql "VACUUM ANALYZE session" >/dev/null
    sql "CHECKPOINT" >/dev/null
}
# ---------------------------------------------------------------- 2. Portcullis get-session (rate limit off)
fresh_db $DB
start_portcullis portcullis PORTCULLIS_RATE_LIMIT_ENABLED=false
PC_ORIGIN="http://localhost:$PORTCULLIS_PORT"
curl -sf -o /dev/null -c "$LOGS/portcullis.cookies" -H "Origin: $PC_ORIGIN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Bench\",\"email\":\"bench@example.com\",\"password\":\"$PASSWORD\"}" \
    "http://127.0.0.1:$PORTCULLIS_PORT/api/auth/sign-up/email" || die "Portcullis sign-up failed"
PC_COOKIE=$(awk '$6 == "portcullis.session_token" { print $6 "=" $7 }' "$LOGS/portcullis.cookies")
[ -n "$PC_COOKIE" ] || die "no Portcullis session cookie"
PC_URL="http://127.0.0.1:$PORTCULLIS_PORT/api/auth/get-session"
curl -sf -H "Cookie: $PC_COOKIE" "$PC_URL" | jq -e '.session.id' >/dev/null || die "Portcullis get-session does not answer a session"
# The get-session loads pick one of 1,000 sessions at random per request, as many users would send
# them: concurrent requests share reads, and with one cookie for all they would share one row too.
sql "INSERT INTO \"user\" (id, email, name, created_at, updated_at)
     SELECT 'bench-u-' || g, 'bench-u-' || g || '@example.com', 'Bench ' || g, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
     FROM generate_series(1, 1000) g" >/dev/null
sql "VACUUM ANALYZE \"user\"" >/dev/null
insert_sessions 1 $SMALL valid
export BENCH_COOKIE_NAME=portcullis.session_token BENCH_TOKEN_PREFIX=$TOKEN_PREFIX BENCH_TOKENS=$SMALL
curl -sf -H "Cookie: portcullis.session_token=$TOKEN_PREFIX$(printf '%033d' 1)" "$PC_URL" | jq -e '.session.id' >/dev/null \
    || die "a session inserted with SQL does not validate"
log "Portcullis get-session: warm-up"
warm_up portcullis "$PC_URL" -s "$BENCH/wrk/get-session.lua"

# ---------------------------------------------------------------- 2b. the comparisons: pgbench and Better Auth
# The database's own limit (pgbench, one indexed lookup per transaction) and Better Auth's get-session
# are measured in the same minutes as Portcullis's: ROUNDS rounds of one load each, Portcullis,
# pgbench, Better Auth, with both servers up and warm; each figure is the median of its rounds. Measured
# minutes apart, the machine's speed moved between them (pgbench answered 38,035 lookups a second in
# one run and 61,226 in the next, Portcullis 10,775 and 12,322 requests).
log "pgbench: initialise $PGBENCH_DB"
fresh_db $PGBENCH_DB
pgbench "${PG[@]}" -i -q $PGBENCH_DB >"$LOGS/pgbench-init.txt" 2>&1 || die "pgbench -i failed"
log "Better Auth: npm ci, migrate, warm-up"
(cd "$BENCH/betterauth" && npm ci --no-audit --no-fund --loglevel=error) >"$LOGS/betterauth-npm.txt" 2>&1 || die "npm ci failed: $LOGS/betterauth-npm.txt"
fresh_db $BA_DB
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$BA_DB" BETTER_AUTH_SECRET=$SECRET PORT=$BETTER_AUTH_PORT
(cd "$BENCH/betterauth" && node server.mjs migrate) >"$LOGS/betterauth-migrate.txt" 2>&1 || die "Better Auth migration failed"
# NODE_ENV unset: Better Auth then leaves its rate limiter off, as Portcullis's is in the line it is compared with.
(cd "$BENCH/betterauth" && exec env -u NODE_ENV node server.mjs) >"$LOGS/betterauth.log" 2>&1 &
BA_PID=$!; PIDS+=("$BA_PID")
unset DATABASE_URL BETTER_AUTH_SECRET PORT
wait_ok "http://127.0.0.1:$BETTER_AUTH_PORT/api/auth/ok" 60 || die "Better Auth did not start (see $LOGS/betterauth.log)"
curl -sf -o /dev/null -c "$LOGS/betterauth.cookies" -H "Origin: http://127.0.0.1:$BETTER_AUTH_PORT" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Bench\",\"email\":\"bench@example.com\",\"password\":\"$PASSWORD\"}" \
    "http://127.0.0.1:$BETTER_AUTH_PORT/api/auth/sign-up/email" || die "Better Auth sign-up failed"
BA_COOKIE=$(awk '$6 == "better-auth.session_token" { print $6 "=" $7 }' "$LOGS/betterauth.cookies")
BA_URL="http://127.0.0.1:$BETTER_AUTH_PORT/api/auth/get-session"
curl -sf -H "Cookie: $BA_COOKIE" "$BA_URL" | jq -e '.session.id' >/dev/null || die "Better Auth get-session does not answer a session"
warm_up betterauth "$BA_URL" -H "Cookie: $BA_COOKIE"
log "get-session: $ROUNDS rounds of Portcullis, pgbench -S -M prepared -c $CONNECTIONS -j $THREADS and Better Auth, ${DURATION}s each"
rm -f "$LOGS/portcullis-rounds.txt" "$LOGS/pgbench-rounds.txt" "$LOGS/betterauth-rounds.txt"
for round in $(seq 1 "$ROUNDS"); do
    load_round portcullis "$PORTCULLIS_PID" "$round" "$PC_URL" -s "$BENCH/wrk/get-session.lua"
    pgbench_round "$round"
    load_round betterauth "$BA_PID" "$round" "$BA_URL" -H "Cookie: $BA_COOKIE"
done
read_rounds "$LOGS/portcullis-rounds.txt" PC
read_rounds "$LOGS/betterauth-rounds.txt" BA
PC_RSS=$(vmhwm_mib "$PORTCULLIS_PID")
# shellcheck disable=SC2046
PGB_TPS=$(median $(column_of "$LOGS/pgbench-rounds.txt" 1)); PGB_P50=$(median $(column_of "$LOGS/pgbench-rounds.txt" 2))
# shellcheck disable=SC2046
PGB_P99=$(median $(column_of "$LOGS/pgbench-rounds.txt" 3)); PGB_P99S=$(column_of "$LOGS/pgbench-rounds.txt" 3 | paste -sd' ')
# Each round's ratios, for the table: how much the figures moved from round to round.
PC_VS_PGB_ROUNDS=$(ratios_of "$LOGS/portcullis-rounds.txt" "$LOGS/pgbench-rounds.txt" 3)
PC_VS_BA_ROUNDS=$(ratios_of "$LOGS/portcullis-rounds.txt" "$LOGS/betterauth-rounds.txt" 1)
stop "$BA_PID"
psql "${PG[@]}" -qc "DROP DATABASE IF EXISTS $BA_DB" >/dev/null 2>&1
psql "${PG[@]}" -qc "DROP DATABASE IF EXISTS $PGBENCH_DB" >/dev/null 2>&1

# ---------------------------------------------------------------- 3. sign-in versus bare Argon2id
# Sequential sign-ins over one kept-alive connection, as a browser or a Better Auth client makes them,
# taken in alternation with the bare Argon2id check of the same password in the client's JVM (with the
# server's heap flags): one sign-in, one hash, then one hash, one sign-in. Measured minutes apart, the
# two were seen to differ by a third because the machine's speed moved in between; alternated, both
# medians come from the same minutes, and each side's hash follows the other side's as often as its
# own (a hash right after the other process's takes about a fifth longer: its 19 MiB leave the caches).
# The first rounds only warm up both JIT compilers (the JVM needs about a hundred hashes).
SIGN_IN_URL="http://127.0.0.1:$PORTCULLIS_PORT/api/auth/sign-in/email"
log "sign-in: $SIGN_INS sequential sign-ins on one connection, alternated with the bare hash (after $SIGN_IN_WARMUP unmeasured rounds)"
# shellcheck disable=SC2086
read -r SIGN_IN_P50 HASH_P50 < <(java $HEAP_FLAGS -cp "$JMH_JAR" io.portcullis.bench.SignInVersusHash "$SIGN_IN_URL" "$PC_ORIGIN" \
    bench@example.com "$PASSWORD" "$SIGN_IN_WARMUP" "$SIGN_INS" "$LOGS/sign-in-rounds.txt" 2>"$LOGS/sign-in.err") \
    || die "sign-ins refused or failed (see $LOGS/sign-in.err)"
[ -n "$HASH_P50" ] || die "no sign-in figures (see $LOGS/sign-in.err)"
# A burst: 32 connections signing in to the same account for DURATION seconds (Argon2id needs 19 MiB per
# hash: what the heap size does to many at once). The account never fails, so lockout never engages.
log "sign-in burst: 32 connections, ${DURATION}s"
cat >"$LOGS/sign-in.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"email":"bench@example.com","password":"$PASSWORD"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Origin"] = "$PC_ORIGIN"
LUA
wrk --latency -t$THREADS -c32 -d"${DURATION}s" -s "$LOGS/sign-in.lua" "http://127.0.0.1:$PORTCULLIS_PORT/api/auth/sign-in/email" \
    >"$LOGS/sign-in-burst.txt" 2>&1 || die "wrk failed: $LOGS/sign-in-burst.txt"
read -r SB_RPS SB_P50 SB_P99 SB_BAD SB_ERR < <(parse_wrk "$LOGS/sign-in-burst.txt")
SB_RSS=$(vmhwm_mib "$PORTCULLIS_PID")
stop "$PORTCULLIS_PID"
# The bare hash in a hot loop, in its own JVM (JMH): one hash after another, its blocks kept in the caches.
log "JMH: PasswordHasher.verify (bare Argon2id)"
# With the server's collector and heap (the README's flags but the archive, which belongs to the server's jar):
# the collections a sign-in meets are part of what it waits for.
run_jmh hash PasswordHashBenchmark -jvmArgsAppend "$HEAP_FLAGS"
JMH_HASH_P50=$(jmh hash .verify "" 50.0)

# ---------------------------------------------------------------- 3b. variants: capped heap, larger pool
# The same load on a server started differently; sets V_RPS V_P50 V_P99 V_BAD V_ERR V_CPU V_RSS.
variant_load() { # name "JVM flags" [VAR=value ...]
    local name=$1 flags=$2 saved=$JAVA_OPTS_BENCH c0; shift 2
    log "Portcullis get-session, $name: warm-up, then ${DURATION}s"
    JAVA_OPTS_BENCH=$flags
    start_portcullis "portcullis-$name" PORTCULLIS_RATE_LIMIT_ENABLED=false "$@"
    JAVA_OPTS_BENCH=$saved
    warm_up "$name" "$PC_URL" -s "$BENCH/wrk/get-session.lua"
    c0=$(cpu_ms "$PORTCULLIS_PID")
    run_wrk "$name" $DURATION "$PC_URL" -s "$BENCH/wrk/get-session.lua"
    V_CPU=$(cpu_per_request "$c0" "$(cpu_ms "$PORTCULLIS_PID")" "$LOGS/$name.txt")
    read -r V_RPS V_P50 V_P99 V_BAD V_ERR < <(parse_wrk "$LOGS/$name.txt")
    V_RSS=$(vmhwm_mib "$PORTCULLIS_PID")
    stop "$PORTCULLIS_PID"
}
# The same load on a server started with the JVM's own defaults (no flags): G1, a heap that may grow to a
# quarter of the machine's memory, no class-data archive of the application.
variant_load jvm-defaults "${BENCH_JAVA_OPTS:-}"
SH_RPS=$V_RPS SH_P50=$V_P50 SH_P99=$V_P99 SH_BAD=$V_BAD SH_ERR=$V_ERR SH_CPU=$V_CPU SH_RSS=$V_RSS
# 16 connections and 10 pooled database connections (the default database.poolSize): the same load
# with as many database connections as HTTP connections, so that no request waits for one.
variant_load pool "$JAVA_OPTS_BENCH" PORTCULLIS_DATABASE_POOL_SIZE=$CONNECTIONS
PL_RPS=$V_RPS PL_P50=$V_P50 PL_P99=$V_P99 PL_BAD=$V_BAD PL_ERR=$V_ERR PL_CPU=$V_CPU

# ---------------------------------------------------------------- 6. Portcullis with the rate limit on
# The default rules (get-session falls under /*: 100 requests per 10 s, counted ten per upsert of the
# client's rate_limit row). The requests come from RL_CLIENTS client addresses (X-Forwarded-For from a
# trusted 127.0.0.1), as many clients would, each within its limit at up to 40,000 requests a second.
RL_CLIENTS=4096
log "Portcullis get-session with the rate limit on: warm-up, then ${DURATION}s"
start_portcullis portcullis-ratelimit PORTCULLIS_RATE_LIMIT_ENABLED=true PORTCULLIS_TRUSTED_PROXIES=127.0.0.1
export BENCH_CLIENTS=$RL_CLIENTS
warm_up ratelimit "$PC_URL" -s "$BENCH/wrk/get-session.lua"
c0=$(cpu_ms "$PORTCULLIS_PID")
run_wrk ratelimit $DURATION "$PC_URL" -s "$BENCH/wrk/get-session.lua"
RL_CPU=$(cpu_per_request "$c0" "$(cpu_ms "$PORTCULLIS_PID")" "$LOGS/ratelimit.txt")
read -r RL_RPS RL_P50 RL_P99 RL_BAD RL_ERR < <(parse_wrk "$LOGS/ratelimit.txt")
unset BENCH_CLIENTS
stop "$PORTCULLIS_PID"

# One client over its limit, with the default rules (100 per 10 s for get-session): after the first 100
# requests of each window, every answer is a 429, given from memory once the database has refused one.
# (variant_load turns the rate limit off; the later setting here turns it back on.)
variant_load overlimit "$JAVA_OPTS_BENCH" PORTCULLIS_RATE_LIMIT_ENABLED=true
OL_RPS=$V_RPS OL_P50=$V_P50 OL_P99=$V_P99 OL_BAD=$V_BAD OL_ERR=$V_ERR OL_CPU=$V_CPU
OL_TOTAL=$(requests_of "$LOGS/overlimit.txt")

# ---------------------------------------------------------------- 7. scale: 1,000 and 1,000,000 sessions, cleanup
# The loads pick a session at random per request, as the get-session loads do. Each figure is the median of
# SCALE_REPEATS loads: a single stall of the machine (once one request of 869 ms) otherwise decides a
# load's p99, and with it the ratio of the two tables.
# A warm-up of at least MIN seconds, then SCALE_REPEATS measured get-session loads over BENCH_TOKENS
# sessions; sets PREFIX_RPS, PREFIX_P50 and PREFIX_P99 (medians of the loads), PREFIX_P99S (each load's
# p99), PREFIX_BAD and PREFIX_ERR (sums) and PREFIX_CPU (over all the loads).
scale_load() { # prefix name min-warm-up-seconds
    local prefix=$1 name=$2 r p99s
    WARMUP_MIN=$3 warm_up "$name" "$PC_URL" -s "$BENCH/wrk/get-session.lua"
    rm -f "$LOGS/$name-rounds.txt"
    for r in $(seq 1 "$SCALE_REPEATS"); do load_round "$name" "$PORTCULLIS_PID" "$r" "$PC_URL" -s "$BENCH/wrk/get-session.lua"; done
    read_rounds "$LOGS/$name-rounds.txt" "$prefix"
    p99s=${prefix}_P99S
    log "  $name: p99 of each load: ${!p99s} ms"
}
start_portcullis portcullis-scale PORTCULLIS_RATE_LIMIT_ENABLED=false
# The users and the first 1,000 sessions are those of the get-session loads above.
SESSIONS_SMALL=$(sql "SELECT count(*) FROM session")
log "scale: $SESSIONS_SMALL session rows: warm-up, then $SCALE_REPEATS × ${DURATION}s"
export BENCH_TOKENS=$SMALL
curl -sf -H "Cookie: portcullis.session_token=$TOKEN_PREFIX$(printf '%033d' 1)" "$PC_URL" | jq -e '.session.id' >/dev/null \
    || die "a session inserted with SQL does not validate"
scale_load S1 scale-small "$WARMUP_MIN"

log "scale: inserting $((BIG - SMALL)) more sessions"
insert_sessions $((SMALL + 1)) $BIG valid
SESSIONS_BIG=$(sql "SELECT count(*) FROM session")
log "scale: $SESSIONS_BIG session rows: warm-up, then $SCALE_REPEATS × ${DURATION}s"
export BENCH_TOKENS=$BIG
# A shorter warm-up than the first (the JIT is warm): it lets the database's caches take the new rows in.
scale_load S2 scale-big "$SCALE_WARMUP_MIN"
# The first 1,000 sessions again, now in the big table: a big table (deeper index) with a small working
# set, to tell the table's size from the number of sessions in use at once.
log "scale: the first $SMALL sessions of the $SESSIONS_BIG rows: $SCALE_REPEATS × ${DURATION}s"
export BENCH_TOKENS=$SMALL
scale_load S3 scale-hot "$SCALE_WARMUP_MIN"
export BENCH_TOKENS=$BIG

log "cleanup: inserting $BIG expired sessions"
insert_sessions 1 $BIG expired
EXPIRED=$(sql "SELECT count(*) FROM session WHERE expires_at <= now() AT TIME ZONE 'UTC'")
# The baseline, right before the cleanup and on the same rows: the machine's state of the moment.
log "cleanup: ${DURATION}s of load before the cleanup"
c0=$(cpu_ms "$PORTCULLIS_PID")
run_wrk before-cleanup $DURATION "$PC_URL" -s "$BENCH/wrk/get-session.lua"
BC_CPU=$(cpu_per_request "$c0" "$(cpu_ms "$PORTCULLIS_PID")" "$LOGS/before-cleanup.txt")
read -r BC_RPS BC_P50 BC_P99 BC_BAD BC_ERR < <(parse_wrk "$LOGS/before-cleanup.txt")
# The load runs from before the cleanup starts until it ends (wrk stops on SIGINT and reports).
log "cleanup: get-session load during 'sessions cleanup' of $EXPIRED expired rows"
wrk --latency -t$THREADS -c$CONNECTIONS -d600s -s "$BENCH/wrk/get-session.lua" "$PC_URL" >"$LOGS/cleanup-load.txt" 2>&1 &
WRK_PID=$!; PIDS+=("$WRK_PID")
sleep 1
c0=$(cpu_ms "$PORTCULLIS_PID")
t0=$(date +%s%N)
# shellcheck disable=SC2086
env PORTCULLIS_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" PORTCULLIS_DATABASE_USERNAME=postgres PORTCULLIS_SECRET=$SECRET \
    java $JAVA_OPTS_BENCH -jar "$JAR" sessions cleanup >"$LOGS/cleanup.txt" 2>"$LOGS/cleanup.log" || die "sessions cleanup failed (see $LOGS/cleanup.log)"
t1=$(date +%s%N)
c1=$(cpu_ms "$PORTCULLIS_PID")
kill -INT "$WRK_PID"; wait "$WRK_PID" 2>/dev/null || true
forget "$WRK_PID"
CLEANUP_S=$(calc "($t1 - $t0) / 1e9" 1)
DELETED=$(awk '/^deleted/ { print $2 }' "$LOGS/cleanup.txt")
read -r CL_RPS CL_P50 CL_P99 CL_BAD CL_ERR < <(parse_wrk "$LOGS/cleanup-load.txt")
CL_CPU=$(cpu_per_request "$c0" "$c1" "$LOGS/cleanup-load.txt")
unset BENCH_COOKIE_NAME BENCH_TOKEN_PREFIX BENCH_TOKENS
stop "$PORTCULLIS_PID"
psql "${PG[@]}" -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1

# ---------------------------------------------------------------- 8. JMH: in-process validation
log "JMH: SessionValidator.validate (H2 in memory, PostgreSQL)"
fresh_db $JMH_DB
BENCH_POSTGRESQL_URL="jdbc:postgresql://127.0.0.1:5432/$JMH_DB" run_jmh validate SessionValidationBenchmark
VAL_H2_P50=$(jmh validate .validate h2 50.0); VAL_H2_AVG=$(jmh validate .validate h2 avg)
VAL_PG_P50=$(jmh validate .validate postgresql 50.0); VAL_PG_AVG=$(jmh validate .validate postgresql avg)

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- table
ms() { printf '%.2f' "$1"; }
PC_VS_PGB=$(calc "$PC_RPS / $PGB_TPS" 3)
PC_VS_BA=$(calc "$PC_RPS / ($BA_RPS > 0 ? $BA_RPS : 1)" 1)
SIGN_IN_RATIO=$(calc "$SIGN_IN_P50 / $HASH_P50")
SCALE_RATIO=$(calc "$S2_P99 / $S1_P99")
CLEANUP_RATIO=$(calc "$CL_P99 / $BC_P99")
RL_RATIO=$(calc "$RL_RPS / $PC_RPS")
errors() { [ "$1" -eq 0 ] && [ "$2" -eq 0 ] || printf ' (**%s non-2xx, %s socket errors**)' "$1" "$2"; }
fmt_int() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

{
    echo "# Portcullis benchmark ($($QUICK && echo 'quick smoke run' || echo 'full run'))"
    echo
    echo "Run $STARTED on $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); load average at start $LOAD_BEFORE, at end $LOAD_AFTER."
    echo "$(java -version 2>&1 | head -1); $(psql "${PG[@]}" -tAc 'SHOW server_version' | cut -d' ' -f1 | sed 's/^/PostgreSQL /'); Node $(node --version); better-auth $(jq -r '.packages["node_modules/better-auth"].version' "$BENCH/betterauth/package-lock.json"); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)."
    echo "Loads: wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s each, after a warm-up of ${WARMUP_MIN}s to ${WARMUP_MAX}s (until two ${WARMUP}s rounds agree within 5%); JVM flags: the README's ($(echo "$JAVA_OPTS_BENCH" | sed "s|$ROOT/||g; s/ *$//"))."
    echo
    echo "| get-session, $CONNECTIONS connections | req/s | p50 ms | p99 ms | server CPU µs/req | ratio | target |"
    echo "| --- | ---: | ---: | ---: | ---: | --- | --- |"
    echo "| pgbench -S -M prepared -c $CONNECTIONS -j $THREADS (the database's limit), median of $ROUNDS rounds (p99s $PGB_P99S) | $PGB_TPS | $(ms "$PGB_P50") | $(ms "$PGB_P99") | | 1 | |"
    echo "| Portcullis, PostgreSQL, rate limit off, cookie among $(fmt_int "$SMALL") sessions, median of $ROUNDS rounds alternated with pgbench and Better Auth (p99s $PC_P99S)$(errors "$PC_BAD" "$PC_ERR") | $PC_RPS | $(ms "$PC_P50") | $(ms "$PC_P99") | $PC_CPU | $PC_VS_PGB of pgbench (rounds: $PC_VS_PGB_ROUNDS) | ≥ 0.5 of pgbench: $(verdict "$PC_VS_PGB >= 0.5"); p99 < 5 ms: $(verdict "$PC_P99 < 5") |"
    echo "| Better Auth $(jq -r '.packages["node_modules/better-auth"].version' "$BENCH/betterauth/package-lock.json"), Node, PostgreSQL, defaults, median of $ROUNDS rounds$(errors "$BA_BAD" "$BA_ERR") | $BA_RPS | $(ms "$BA_P50") | $(ms "$BA_P99") | $BA_CPU | Portcullis = ${PC_VS_BA}× (rounds: $PC_VS_BA_ROUNDS) | Portcullis ≥ 25×: $(verdict "$PC_VS_BA >= 25") |"
    echo "| Portcullis, rate limit off, the JVM's defaults (no flags)$(errors "$SH_BAD" "$SH_ERR") | $SH_RPS | $(ms "$SH_P50") | $(ms "$SH_P99") | $SH_CPU | $(calc "$SH_RPS / $PC_RPS") of the README's flags | |"
    echo "| Portcullis, rate limit off, database.poolSize=$CONNECTIONS$(errors "$PL_BAD" "$PL_ERR") | $PL_RPS | $(ms "$PL_P50") | $(ms "$PL_P99") | $PL_CPU | $(calc "$PL_RPS / $PC_RPS") of poolSize 10 | |"
    echo "| Portcullis, rate limit on, default rules ($RL_CLIENTS client addresses)$(errors "$RL_BAD" "$RL_ERR") | $RL_RPS | $(ms "$RL_P50") | $(ms "$RL_P99") | $RL_CPU | $RL_RATIO of rate limit off | |"
    echo "| Portcullis, rate limit on, one client over its limit ($(fmt_int "$OL_BAD") of $(fmt_int "$OL_TOTAL") answers 429, $OL_ERR socket errors) | $OL_RPS | $(ms "$OL_P50") | $(ms "$OL_P99") | $OL_CPU | | |"
    echo "| Portcullis, $(fmt_int "$SESSIONS_SMALL") sessions, random cookie, median of $SCALE_REPEATS loads (p99s $S1_P99S)$(errors "$S1_BAD" "$S1_ERR") | $S1_RPS | $(ms "$S1_P50") | $(ms "$S1_P99") | $S1_CPU | 1 | |"
    echo "| Portcullis, $(fmt_int "$SESSIONS_BIG") sessions, random cookie, median of $SCALE_REPEATS loads (p99s $S2_P99S)$(errors "$S2_BAD" "$S2_ERR") | $S2_RPS | $(ms "$S2_P50") | $(ms "$S2_P99") | $S2_CPU | p99 ${SCALE_RATIO}× | p99 ≤ 1.2× the $(fmt_int "$SESSIONS_SMALL")-row p99: $(verdict "$SCALE_RATIO <= 1.2") |"
    echo "| Portcullis, the same $(fmt_int "$SESSIONS_BIG") rows, cookie among the first $(fmt_int "$SMALL") sessions, median of $SCALE_REPEATS loads (p99s $S3_P99S)$(errors "$S3_BAD" "$S3_ERR") | $S3_RPS | $(ms "$S3_P50") | $(ms "$S3_P99") | $S3_CPU | p99 $(calc "$S3_P99 / $S1_P99")× | |"
    echo "| Portcullis, same plus $(fmt_int "$EXPIRED") expired rows, just before the cleanup$(errors "$BC_BAD" "$BC_ERR") | $BC_RPS | $(ms "$BC_P50") | $(ms "$BC_P99") | $BC_CPU | 1 | |"
    echo "| Portcullis, same, during the cleanup of $(fmt_int "$EXPIRED") expired rows$(errors "$CL_BAD" "$CL_ERR") | $CL_RPS | $(ms "$CL_P50") | $(ms "$CL_P99") | $CL_CPU | p99 ${CLEANUP_RATIO}× | (none; cleanup deleted $(fmt_int "${DELETED:-0}") rows in ${CLEANUP_S} s, batches of 1,000) |"
    echo
    echo "| figure | value | ratio | target |"
    echo "| --- | ---: | --- | --- |"
    echo "| sign-in over HTTP, median of $SIGN_INS sequential on one connection (after $SIGN_IN_WARMUP), alternated with the bare hash | $(ms "$SIGN_IN_P50") ms | ${SIGN_IN_RATIO}× the bare hash | ≤ 1.1×: $(verdict "$SIGN_IN_RATIO <= 1.1") |"
    echo "| Argon2id verify, bare, alternated with those sign-ins (median; m=19456 KiB, t=2, p=1; JVM flags $HEAP_FLAGS) | $(ms "$HASH_P50") ms | 1 | |"
    echo "| Argon2id verify, bare, in a hot loop (JMH median, after the sign-ins) | $(ms "$JMH_HASH_P50") ms | $(calc "$JMH_HASH_P50 / $HASH_P50") of the alternated | |"
    echo "| sign-in burst, 32 connections, one account, ${DURATION}s$(errors "$SB_BAD" "$SB_ERR") | $SB_RPS sign-ins/s, p50 $(ms "$SB_P50") ms, p99 $(ms "$SB_P99") ms | peak RSS $SB_RSS MiB | |"
    echo "| SessionValidator.validate in process, H2 in memory (JMH median / mean) | $(ms "$VAL_H2_P50") / $(ms "$VAL_H2_AVG") µs | | |"
    echo "| SessionValidator.validate in process, PostgreSQL (JMH median / mean) | $(ms "$VAL_PG_P50") / $(ms "$VAL_PG_AVG") µs | | |"
    echo "| start-up to first answer, H2, README's flags, median of $STARTS (${STARTUP_MS[*]} ms) | $STARTUP_MEDIAN ms (CPU $STARTUP_CPU_MEDIAN ms) | | ≤ 1500 ms: $(verdict "$STARTUP_MEDIAN <= 1500") |"
    echo "| start-up to first answer, H2, the JVM's defaults, median of $STARTS (${SD_MS[*]} ms) | $SD_MEDIAN ms (CPU $SD_CPU ms) | $(calc "$STARTUP_MEDIAN / $SD_MEDIAN") with the README's flags | |"
    echo "| peak RSS (VmHWM) after the get-session load, README's flags | $PC_RSS MiB | | ≤ 256 MiB: $(verdict "$PC_RSS <= 256") |"
    echo "| peak RSS (VmHWM) after the same load, the JVM's defaults | $SH_RSS MiB | | |"
} >"$RESULTS/latest.md"
cat "$RESULTS/latest.md"
log "written to bench/results/latest.md; logs in bench/results/logs/"
