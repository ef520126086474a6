# shellcheck shell=bash
# Sourced by scripts/bench and scripts/resilience: tools, a throwaway PostgreSQL made the way the app makes its
# embedded one, the benchmark database, the server in its set-ups, tokens, and wrk runs. Their data, requests and
# wrk scripts are in scripts/bench.d/. Neither reads .env: the set-up is theirs.
#
# Everything lives in BENCH_DIR (default: a new directory under /tmp, deleted at the end unless BENCH_KEEP=1 or the
# harness failed, in which case its path is printed so that the logs can be read).
#
# Settings (environment):
#   BENCH_HTTP_PORT (4607)  the server's port          BENCH_DB_PORT (15507)  the PostgreSQL's port
#   BENCH_DIR               work directory              BENCH_KEEP (0)         keep BENCH_DIR afterwards
#   BENCH_JAVA_OPTS (scripts/lib/server-jvm.sh) JVM options for the server  BENCH_WRITER (user0001) handle whose token creates activities
#   BENCH_START_TIMEOUT (90) seconds a server may take to answer after it starts (more on a loaded machine)
#   DB_POOL_SIZE, DB_POOL_TIMEOUT_MS, DB_STATEMENT_TIMEOUT_MS, GRAPHQL_*: passed to the server when set.
#   BENCH_SERVER_FEED_CACHE  FEED_CACHE of the next server started (unset: the server's default)

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
. "$CRUDDUR_ROOT/scripts/lib/server-jvm.sh"
BENCH_LIB="$CRUDDUR_ROOT/scripts/bench.d"
BENCH_HTTP_PORT="${BENCH_HTTP_PORT:-4607}"
BENCH_DB_PORT="${BENCH_DB_PORT:-15507}"
BENCH_DB_NAME=bench
BENCH_WRITER="${BENCH_WRITER:-user0001}"
BENCH_URL="http://127.0.0.1:$BENCH_HTTP_PORT/graphql"
BENCH_DB_URL="postgresql://postgres@localhost:$BENCH_DB_PORT/$BENCH_DB_NAME"
BENCH_RUN_ID="$(date +%Y%m%d%H%M%S)-$$"
BENCH_KEEP="${BENCH_KEEP:-0}"
if [ -z "${BENCH_DIR:-}" ]; then
  BENCH_DIR="$(mktemp -d "${TMPDIR:-/tmp}/cruddur-bench.XXXXXX")"
  bench_dir_is_ours=1
else
  mkdir -p "$BENCH_DIR"
  BENCH_DIR="$(cd "$BENCH_DIR" && pwd)"
  bench_dir_is_ours=0
fi
BENCH_PGDATA="$BENCH_DIR/postgres"
# Where the server's local token issuer keeps its key: beside EMBEDDED_DB_DIR (see AppConfig.localIssuerKeyFile).
BENCH_EMBEDDED_DIR="$BENCH_PGDATA"
export BENCH_LUA="$BENCH_LIB"

server_pid=""
server_name=""
pg_started_by_us=0
harness_ok=0

say() { printf '== %s\n' "$*" >&2; }

# --- clean-up ------------------------------------------------------------------------------------------------------

bench_cleanup() {
  local status=$?
  set +e
  [ -n "$server_pid" ] && server_stop
  [ "$pg_started_by_us" = 1 ] && pg_stop
  if [ "$status" != 0 ] || [ "$harness_ok" != 1 ]; then
    printf '%s: work directory kept for its logs: %s\n' "$CRUDDUR_SCRIPT" "$BENCH_DIR" >&2
  elif [ "$BENCH_KEEP" = 1 ] || [ "$bench_dir_is_ours" = 0 ]; then
    say "work directory: $BENCH_DIR"
  else
    rm -rf "$BENCH_DIR"
  fi
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

# --- tools ---------------------------------------------------------------------------------------------------------

apt_install() {
  local package=$1 why=$2
  say "installing the Debian package $package ($why)"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get install -y -q "$package" >/dev/null 2>&1 \
    || { $sudo apt-get update -q >/dev/null 2>&1 && $sudo apt-get install -y -q "$package" >/dev/null; } \
    || die 1 "could not install $package; install it and run again"
}

require_tools() {
  command -v wrk >/dev/null || apt_install wrk "the HTTP load generator; not installed"
  pgbench --version >/dev/null 2>&1 || apt_install postgresql-contrib "provides pgbench; not installed"
  for tool in psql curl java "$@"; do
    command -v "$tool" >/dev/null || die 1 "$tool is needed and not on PATH"
  done
}

# --- the server ----------------------------------------------------------------------------------------------------

# The app's own settings are cleared so that the caller's shell (Cognito variables, a .env that dev-token would read)
# cannot change the set-up; the pool and GraphQL limits pass through, so that they can be tuned from the command line.
# The server listens on 127.0.0.1 only.
server_env() {
  local mode=$1
  local -a env=(env -u CONNECTION_URL -u CRUDDUR_ENV -u PORT -u HOST -u EMBEDDED_DB_DIR -u EMBEDDED_DB_PORT
                -u LOCAL_ISSUER -u ALLOW_ANONYMOUS_ONLY -u AWS_COGNITO_USER_POOL_ID -u AWS_COGNITO_USER_POOL_CLIENT_ID
                -u MIGRATE_ON_START -u MANAGEMENT_PORT -u FEED_CACHE CRUDDUR_ENV_FILE=/dev/null
                PORT="$BENCH_HTTP_PORT" HOST=127.0.0.1 EMBEDDED_DB_DIR="$BENCH_EMBEDDED_DIR" EMBEDDED_DB_PORT="$BENCH_DB_PORT"
                MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-9507}")
  [ -n "${BENCH_SERVER_FEED_CACHE:-}" ] && env+=(FEED_CACHE="$BENCH_SERVER_FEED_CACHE")
  case "$mode" in
    # what production runs: no GraphiQL, no introspection, an external database; no Cognito (reads only), on purpose
    production) env+=(CRUDDUR_ENV=production ALLOW_ANONYMOUS_ONLY=true CONNECTION_URL="$BENCH_DB_URL") ;;
    # development on the benchmark database with the local token issuer, which production refuses to run
    writes) env+=(CRUDDUR_ENV=development CONNECTION_URL="$BENCH_DB_URL" LOCAL_ISSUER=true) ;;
    # development on the embedded database, as scripts/serve runs it
    embedded) env+=(CRUDDUR_ENV=development) ;;
    *) die 1 "unknown server mode $mode" ;;
  esac
  printf '%s\0' "${env[@]}"
}

# server_launch MODE NAME: starts the server in the background (its log: BENCH_DIR/server-NAME.log).
server_launch() {
  local mode=$1 name=$2
  local -a env
  mapfile -d '' env < <(server_env "$mode")
  [ -z "$server_pid" ] || die 1 "a server is already running"
  # shellcheck disable=SC2086
  "${env[@]}" java ${BENCH_JAVA_OPTS:-$CRUDDUR_SERVER_JAVA_OPTS} -jar "$CRUDDUR_JAR" serve >"$BENCH_DIR/server-$name.log" 2>&1 &
  server_pid=$!
  server_name=$name
}

graphql_post() { # graphql_post BODY_FILE [TOKEN] -> body on stdout; curl options after
  local body_file=$1 token=${2:-}
  shift 2 || shift
  local -a auth=()
  [ -n "$token" ] && auth=(-H "Authorization: Bearer $token")
  curl -sS -X POST -H 'Content-Type: application/json' -H 'Accept: application/json' "${auth[@]}" \
       --data-binary "@$body_file" "$@" "$BENCH_URL"
}

# Waits until the server answers { __typename } (polling every 10 ms); prints the seconds it took since $1.
server_wait_ready() {
  local since=$1 timeout=${2:-90}
  while :; do
    if curl -s -o /dev/null -w '%{http_code}' --max-time 2 -X POST -H 'Content-Type: application/json' \
         --data-binary "@$BENCH_LIB/typename.json" "$BENCH_URL" 2>/dev/null | grep -q '^200$'; then
      break
    fi
    kill -0 "$server_pid" 2>/dev/null || { tail -n 30 "$BENCH_DIR/server-$server_name.log" >&2; die 1 "the server ($server_name) exited while starting"; }
    awk -v s="$since" -v n="$EPOCHREALTIME" -v t="$timeout" 'BEGIN { exit !(n - s > t) }' \
      && { tail -n 30 "$BENCH_DIR/server-$server_name.log" >&2; die 1 "the server ($server_name) did not answer within ${timeout}s"; }
    sleep 0.01
  done
  awk -v s="$since" -v n="$EPOCHREALTIME" 'BEGIN { printf "%.2f", n - s }'
}

server_start() { # server_start MODE NAME
  local started=$EPOCHREALTIME
  server_launch "$1" "$2"
  local seconds
  seconds=$(server_wait_ready "$started" "${BENCH_START_TIMEOUT:-90}")
  say "server '$2' ($1 mode, pid $server_pid) answered after ${seconds}s; log: $BENCH_DIR/server-$2.log"
}

# Peak resident set size of the running server, in MB (VmHWM: the kernel's high-water mark for the process).
server_peak_rss_mb() {
  awk '/^VmHWM:/ { printf "%d", $2 / 1024 }' "/proc/$server_pid/status"
}

server_stop() {
  [ -n "$server_pid" ] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  local waited=0
  while kill -0 "$server_pid" 2>/dev/null && [ $waited -lt 200 ]; do sleep 0.1; waited=$((waited + 1)); done
  if kill -0 "$server_pid" 2>/dev/null; then
    say "server '$server_name' did not stop within 20 s of SIGTERM: killing it"
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

# --- PostgreSQL ----------------------------------------------------------------------------------------------------

# The first start of the app on an empty EMBEDDED_DB_DIR creates the cluster exactly as development does (zonky's
# binaries, initdb, its server options). The harness then runs that cluster itself with the same binaries and the
# same options (read back from postmaster.opts), so that it can restart it and point production-mode servers at it,
# plus BENCH_PG_SETTINGS: a database configured for measuring, whose shared buffers hold the whole data set (about
# 50 MB with what a run writes) several times over, so that no figure depends on the operating system's cache; the
# rest (durable commits, full page writes) is already as production has it.
BENCH_PG_SETTINGS=(shared_buffers=256MB)
# The settings that decide what PostgreSQL costs per statement, printed with every result.
BENCH_PG_SHOWN=(shared_buffers effective_cache_size work_mem fsync synchronous_commit full_page_writes wal_level
                max_connections jit huge_pages random_page_cost server_version)

pg_init_cluster() {
  [ -f "$BENCH_PGDATA/PG_VERSION" ] && [ -f "$BENCH_DIR/pg-bin" ] && return 0
  say "creating the PostgreSQL cluster: first start of the app on an empty embedded data directory"
  server_start embedded first-start
  local postmaster
  postmaster=$(head -n 1 "$BENCH_PGDATA/postmaster.pid")
  dirname "$(readlink -f "/proc/$postmaster/exe")" >"$BENCH_DIR/pg-bin"
  server_stop
  [ -x "$(cat "$BENCH_DIR/pg-bin")/pg_ctl" ] || die 1 "no pg_ctl beside the embedded postgres in $(cat "$BENCH_DIR/pg-bin")"
}

pg_bin() { printf '%s/%s' "$(cat "$BENCH_DIR/pg-bin")" "$1"; }

# PostgreSQL refuses to run as root: as root, pg_ctl runs in a user namespace in which it is an ordinary user (who
# owns the data directory there, since root owns it outside).
pg_ctl_run() {
  local -a as_user=()
  [ "$(id -u)" = 0 ] && as_user=(unshare --user --map-user=1000 --map-group=1000)
  "${as_user[@]}" "$(pg_bin pg_ctl)" -D "$BENCH_PGDATA" "$@"
}

pg_start() {
  local -a opts
  # postmaster.opts holds the postgres command line of the last start: binary, then its quoted arguments.
  eval "opts=($(cat "$BENCH_PGDATA/postmaster.opts"))"
  local -a args=()
  local i
  for ((i = 1; i < ${#opts[@]}; i++)); do
    if [ "${opts[$i]}" = "-D" ]; then i=$((i + 1)); continue; fi
    args+=("${opts[$i]}")
  done
  local setting
  for setting in "${BENCH_PG_SETTINGS[@]}"; do args+=(-c "$setting"); done
  pg_ctl_run -l "$BENCH_DIR/postgres.log" -w -t 60 -o "$(printf '%q ' "${args[@]}")" start >/dev/null \
    || { tail -n 20 "$BENCH_DIR/postgres.log" >&2; die 1 "PostgreSQL did not start"; }
  pg_started_by_us=1
}

pg_stop() {
  pg_ctl_run -m fast -w -t 60 stop >/dev/null || die 1 "PostgreSQL did not stop"
  pg_started_by_us=0
}

# The settings of BENCH_PG_SHOWN as the running PostgreSQL reports them (SHOW), on one line.
pg_settings_shown() {
  local names
  names=$(printf "'%s'," "${BENCH_PG_SHOWN[@]}")
  bench_psql postgres -At -c "SELECT string_agg(name || '=' || current_setting(name), ' ' ORDER BY ordinality)
                               FROM unnest(ARRAY[${names%,}]) WITH ORDINALITY AS shown(name, ordinality)"
}

bench_psql() { # bench_psql [DATABASE] psql-args...
  local database=$BENCH_DB_NAME
  if [ $# -gt 0 ] && [[ "$1" != -* ]]; then database=$1; shift; fi
  run_psql "postgresql://postgres@localhost:$BENCH_DB_PORT/$database" "$@"
}

# A fresh benchmark database: created, migrated by the app's own 'migrate' command, loaded from bench-data.sql.
bench_database_create() {
  bench_psql postgres -c "DROP DATABASE IF EXISTS $BENCH_DB_NAME WITH (FORCE)" -c "CREATE DATABASE $BENCH_DB_NAME" \
    || die 1 "could not create the database $BENCH_DB_NAME"
  CRUDDUR_ENV=development CONNECTION_URL="$BENCH_DB_URL" java -jar "$CRUDDUR_JAR" migrate >"$BENCH_DIR/migrate.log" 2>&1 \
    || { cat "$BENCH_DIR/migrate.log" >&2; die 1 "migrating $BENCH_DB_NAME failed"; }
  local started=$EPOCHREALTIME
  bench_psql -f "$BENCH_LIB/bench-data.sql" >"$BENCH_DIR/load.log" 2>&1 \
    || { cat "$BENCH_DIR/load.log" >&2; die 1 "loading bench-data.sql failed"; }
  say "benchmark database loaded in $(awk -v s="$started" -v n="$EPOCHREALTIME" 'BEGIN { printf "%.1f", n - s }')s: $(bench_psql -At -c \
    "SELECT format('%s users, %s activities (%s replies, %s expired)', (SELECT count(*) FROM users), count(*),
            count(*) FILTER (WHERE reply_to_activity_uuid IS NOT NULL), count(*) FILTER (WHERE expires_at <= now()))
     FROM activities")"
}

# Everything scripts need before the first measurement: tools, jar, cluster, running PostgreSQL, fresh data.
# Dies when something already listens on PORT: a server or PostgreSQL left from another run would be measured instead.
require_free_port() {
  local port=$1 name=$2
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die 1 "port $port ($name) is in use; stop what listens there or choose another with $name"
  fi
}

bench_prepare() {
  require_tools "$@"
  require_free_port "$BENCH_HTTP_PORT" BENCH_HTTP_PORT
  require_free_port "$BENCH_DB_PORT" BENCH_DB_PORT
  ensure_server_jar >&2
  say "work directory: $BENCH_DIR (server http://127.0.0.1:$BENCH_HTTP_PORT, PostgreSQL port $BENCH_DB_PORT)"
  pg_init_cluster
}

bench_database_ready() {
  pg_start
  bench_database_create
}

# --- tokens and writes ---------------------------------------------------------------------------------------------

# Prints an access token from the local issuer for HANDLE, made the way a developer makes one (scripts/dev-token),
# against the same database and key as a server started in 'writes' mode.
dev_token() {
  local handle=$1
  local -a env
  mapfile -d '' env < <(server_env writes)
  "${env[@]}" "$CRUDDUR_ROOT/scripts/dev-token" "$handle"
}

# Sets WRITER_TOKEN to a token for BENCH_WRITER that the running 'writes' server accepts; dies with the reason otherwise.
writer_token() {
  WRITER_TOKEN=$(dev_token "$BENCH_WRITER" 2>"$BENCH_DIR/dev-token.err") ||
    die 1 "scripts/dev-token $BENCH_WRITER failed: $(tr '\n' ' ' <"$BENCH_DIR/dev-token.err")"
  writes_work "$WRITER_TOKEN" 2>"$BENCH_DIR/writes.err" ||
    die 1 "the writes server refused to create an activity with that token: $(tr '\n' ' ' <"$BENCH_DIR/writes.err")"
}

# create_activity_body MESSAGE -> a createActivity request body (bench.d/create-activity.json, as wrk sends it).
create_activity_body() {
  local template
  template=$(<"$BENCH_LIB/create-activity.json")
  printf '%s\n' "${template//@MESSAGE@/$1}"
}

# Checks that the running ('writes') server creates an activity with TOKEN; on failure prints why and returns 1.
writes_work() {
  local token=$1 body
  create_activity_body "harness check $BENCH_RUN_ID" >"$BENCH_DIR/create-check.json"
  body=$(graphql_post "$BENCH_DIR/create-check.json" "$token" --max-time 10) || { echo "the request failed" >&2; return 1; }
  if [[ "$body" == *'"errors":[{'* ]] || [[ "$body" != *'"createActivity":{"activity":{"uuid":"'* ]]; then
    echo "createActivity did not create: ${body:0:300}" >&2
    return 1
  fi
}

# --- CPU per request -----------------------------------------------------------------------------------------------

# The CPU time of the server, of PostgreSQL and of the load generator across one measured run, read from /proc in
# clock ticks: the steadiest figure on a shared machine, where throughput moves with whatever else runs.
#   server          utime + stime of the server's process (all its threads: requests, GC, JIT)
#   PostgreSQL      utime + stime of the postmaster and of each of its children now alive, plus the cutime + cstime
#                   of the postmaster (the backends that have exited, such as pgbench's)
#   load generator  cutime + cstime of this shell: the children it has waited for, which within the window are
#                   wrk or pgbench alone (nothing else may run between cpu_window_start and cpu_window_end)
CLOCK_TICKS_PER_SECOND=$(getconf CLK_TCK)

# Sets TICKS to the fields (0-based, after the command name) FIELDS... of /proc/PID/stat added up; 0 when PID is gone.
# Builtins only: no child process, whose CPU would count as the load generator's.
stat_ticks() {
  local pid=$1 stat field
  shift
  TICKS=0
  [ -n "$pid" ] && read -r stat 2>/dev/null <"/proc/$pid/stat" || return 0
  local -a fields
  read -r -a fields <<<"${stat##*) }"
  for field in "$@"; do TICKS=$((TICKS + fields[field])); done
}

postgres_ticks() {
  local postmaster file stat total=0
  read -r postmaster <"$BENCH_PGDATA/postmaster.pid"
  local -a fields
  for file in /proc/[0-9]*/stat; do
    read -r stat 2>/dev/null <"$file" || continue
    read -r -a fields <<<"${stat##*) }"
    if [ "${stat%% *}" = "$postmaster" ]; then
      total=$((total + fields[11] + fields[12] + fields[13] + fields[14]))
    elif [ "${fields[1]}" = "$postmaster" ]; then
      total=$((total + fields[11] + fields[12]))
    fi
  done
  TICKS=$total
}

cpu_window_start() {
  stat_ticks "$server_pid" 11 12; CPU_START_SERVER=$TICKS
  postgres_ticks; CPU_START_POSTGRES=$TICKS
  stat_ticks "$BASHPID" 13 14; CPU_START_LOAD=$TICKS
}

# Sets CPU_TICKS[server], CPU_TICKS[postgres] and CPU_TICKS[load]: the ticks each spent since cpu_window_start.
declare -A CPU_TICKS
cpu_window_end() {
  stat_ticks "$BASHPID" 13 14; CPU_TICKS[load]=$((TICKS - CPU_START_LOAD))
  stat_ticks "$server_pid" 11 12; CPU_TICKS[server]=$((TICKS - CPU_START_SERVER))
  postgres_ticks; CPU_TICKS[postgres]=$((TICKS - CPU_START_POSTGRES))
}

# cpu_per_request REQUESTS: sets R[cpu_server_ms], R[cpu_postgres_ms] and R[cpu_load_ms] from CPU_TICKS.
cpu_per_request() {
  local requests=$1 name
  for name in server postgres load; do
    R[cpu_${name}_ms]=$(awk -v t="${CPU_TICKS[$name]}" -v n="$requests" -v hz="$CLOCK_TICKS_PER_SECOND" \
      'BEGIN { if (n + 0 == 0) print "-"; else printf "%.3f", t * 1000 / hz / n }')
  done
}

# --- wrk -----------------------------------------------------------------------------------------------------------

# wrk_run NAME LUA CONNECTIONS SECONDS [extra wrk args]: runs wrk (its output: BENCH_DIR/wrk-NAME.txt) and sets the
# associative array R to the figures of the RESULT line printed by bench.d/graphql.lua's done(), and the CPU per
# request (cpu_per_request).
declare -A R
wrk_run() {
  local name=$1 script=$2 connections=$3 seconds=$4
  shift 4
  local threads=2
  [ "$connections" -lt 2 ] && threads=1
  local status=0
  cpu_window_start
  BENCH_OUT="$BENCH_DIR/created-$name" wrk -t "$threads" -c "$connections" -d "${seconds}s" --timeout 10s "$@" \
    -s "$BENCH_LIB/$script" "$BENCH_URL" >"$BENCH_DIR/wrk-$name.txt" 2>&1 || status=$?
  cpu_window_end
  [ "$status" = 0 ] || { cat "$BENCH_DIR/wrk-$name.txt" >&2; die 1 "wrk failed ($name)"; }
  local line
  line=$(grep '^RESULT ' "$BENCH_DIR/wrk-$name.txt") || { cat "$BENCH_DIR/wrk-$name.txt" >&2; die 1 "wrk printed no RESULT ($name)"; }
  R=()
  local pair
  for pair in ${line#RESULT }; do R[${pair%%=*}]=${pair#*=}; done
  cpu_per_request "${R[requests]}"
}

# verify_created NAME MARKER: every activity that the wrk run NAME reported created (uuid and message recorded by
# graphql.lua in BENCH_DIR/created-NAME-<thread>) must be in the table with that message. Sets V_reported, V_missing,
# V_rows (rows whose message carries MARKER).
verify_created() {
  local name=$1 marker=$2
  cat "$BENCH_DIR/created-$name"-* 2>/dev/null >"$BENCH_DIR/created-$name.tsv" || true
  local result
  result=$(bench_psql -At -F ' ' <<SQL
CREATE TEMPORARY TABLE reported (uuid uuid, message text);
\copy reported FROM '$BENCH_DIR/created-$name.tsv'
SELECT (SELECT count(*) FROM reported),
       (SELECT count(*) FROM reported r WHERE NOT EXISTS (SELECT 1 FROM activities a WHERE a.uuid = r.uuid AND a.message = r.message)),
       (SELECT count(*) FROM activities WHERE message LIKE '$marker %');
SQL
) || die 1 "verifying the created activities failed"
  read -r V_reported V_missing V_rows <<<"$result"
}

ms() { awk -v v="$1" 'BEGIN { printf "%.2f", v }'; }
