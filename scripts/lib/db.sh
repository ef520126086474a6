# shellcheck shell=bash
# Sourced by the db-* scripts: which database they act on, how it is printed, the production confirmation,
# and the steps db-setup chains (drop, create, schema-load, seed) so that every step uses one target.
#
# Target: `prod` as first argument means PROD_CONNECTION_URL; otherwise CONNECTION_URL; otherwise the
# embedded development database that scripts/serve runs. After db_init:
#   DB_URL          the target with libpq's defaults applied (user: PGUSER, else the operating system's user;
#                   password: PGPASSWORD); it holds the password: for the environment of child processes only
#   DB_NAME         the database's name
#   DB_PSQL_URL     the target without its password, for psql's command line (the password is in PGPASSWORD)
#   DB_ADMIN_URL    the same server's maintenance database `postgres` (CREATE/DROP DATABASE, sessions)
#   DB_SHOWN_URL    the target with its password masked: the only form that is ever printed

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
load_env_file

DB_PRODUCTION=false
DB_YES=false
DB_FORCE=false
DB_ARGS=()
export PGAPPNAME="$CRUDDUR_SCRIPT"

# db_init <banner> <accepted options> "$@": prints the banner, reads `prod` and the options, selects the
# target. Accepted options are among --yes and --force; `...` in the list passes other arguments through
# in DB_ARGS (db-connect hands them to psql); otherwise an unknown argument is an error. A script that must never
# run on production sets DB_PRODUCTION_REFUSED to the reason first: `prod` then stops it before anything is done.
db_init() {
  local heading=$1 accepted=" $2 " arg
  shift 2
  for arg in "$@"; do
    case "$arg" in
      -h | --help) print_usage; exit 0 ;;
    esac
  done
  banner "$heading"
  if [ "${1:-}" = prod ]; then
    [ -z "${DB_PRODUCTION_REFUSED:-}" ] || die 2 "$DB_PRODUCTION_REFUSED; nothing was done"
    DB_PRODUCTION=true
    shift
  fi
  for arg in "$@"; do
    case "$arg" in
      --yes) [[ $accepted == *" --yes "* ]] || die 2 "unknown option --yes (see --help)"; DB_YES=true ;;
      --force) [[ $accepted == *" --force "* ]] || die 2 "unknown option --force (see --help)"; DB_FORCE=true ;;
      *) [[ $accepted == *" ... "* ]] || die 2 "unknown argument: $arg (see --help)"; DB_ARGS+=("$arg") ;;
    esac
  done
  db_select_target
}

db_select_target() {
  local url port
  if $DB_PRODUCTION; then
    warning "Running in production mode"
    [ -n "${PROD_CONNECTION_URL:-}" ] || die 2 "PROD_CONNECTION_URL is not set"
    url=$PROD_CONNECTION_URL
  elif [ -n "${CONNECTION_URL:-}" ]; then
    url=$CONNECTION_URL
  else
    port=${EMBEDDED_DB_PORT:-15432}
    require_client_tool pg_isready
    pg_isready -q -h localhost -p "$port" -t 3 ||
      die 2 "CONNECTION_URL is not set and no embedded development database answers on localhost:$port (start one with scripts/serve, or set CONNECTION_URL)"
    url="postgresql://postgres@localhost:$port/cruddur"
  fi
  db_parse_url "$url"
  echo "target: $DB_SHOWN_URL"
}

# The target's URL with libpq's defaults (parse_database_url); the password moves to PGPASSWORD.
db_parse_url() {
  parse_database_url "$1" ||
    die 2 "the database URL is not of the form postgresql://user:password@host:port/database (percent-encode @ / ? in a password)"
  [ -n "$URL_DATABASE" ] || die 2 "the database URL names no database (postgresql://user:password@host:port/database)"
  DB_NAME=$URL_DATABASE
  DB_URL=$URL_FULL
  DB_PSQL_URL=$URL_PLAIN
  DB_ADMIN_URL="$URL_SCHEME://$(percent_encode "$URL_USER")@$URL_HOST/postgres$URL_QUERY"
  DB_SHOWN_URL=$URL_SHOWN
  if [ -n "$URL_PASSWORD" ]; then
    export PGPASSWORD=$URL_PASSWORD
  fi
}

# db_confirm <what the step does>: in production, the operator types the database's name, or passes --yes
# when there is no terminal. Development steps need no confirmation.
db_confirm() {
  $DB_PRODUCTION || return 0
  $DB_YES && return 0
  [ -t 0 ] || die 2 "a production step that $1 needs confirmation: run it in a terminal, or add --yes; nothing was done"
  local answer=""
  read -r -p "This $1 on $DB_SHOWN_URL. Type the database's name ($DB_NAME) to go on: " answer || true
  [ "$answer" = "$DB_NAME" ] || die 1 "not confirmed; nothing was done"
}

# psql on the maintenance database, reading a script from stdin with :'db' / :"db" bound to the target's
# name. Never prompts for a password; stops at the first error.
db_admin_psql() {
  run_psql "$DB_ADMIN_URL" -v db="$DB_NAME" "$@"
}

# The same, printing bare values (unaligned, tuples only).
db_admin_value() {
  db_admin_psql -A -t
}

db_refuse_system_database() {
  case "$DB_NAME" in
    postgres | template0 | template1 | rdsadmin) die 2 "refusing to $1 the system database $DB_NAME" ;;
  esac
}

# 1 when the target database exists, else 0. (A value, not a status: a failed query must stop the script.)
db_exists() {
  db_admin_value <<<"SELECT count(*) FROM pg_database WHERE datname = :'db'"
}

# The other client sessions on the target database, as a table.
db_print_sessions() {
  db_admin_psql <<'SQL'
SELECT pid, usename AS user, datname AS database, client_addr AS client_address,
       application_name AS application, state,
       CASE WHEN state LIKE 'idle%' THEN date_trunc('second', now() - state_change) END AS idle_for
FROM pg_stat_activity
WHERE datname = :'db' AND backend_type = 'client backend' AND pid <> pg_backend_pid()
ORDER BY backend_start;
SQL
}

db_count_sessions() {
  db_admin_value <<'SQL'
SELECT count(*) FROM pg_stat_activity
WHERE datname = :'db' AND backend_type = 'client backend' AND pid <> pg_backend_pid();
SQL
}

# Drops the target (IF EXISTS). Refuses while other sessions are connected, unless --force: then
# DROP DATABASE ... WITH (FORCE) terminates them first (PostgreSQL 13 and later).
db_drop() {
  local exists sessions
  db_refuse_system_database drop
  exists=$(db_exists)
  if [ "$exists" = 0 ]; then
    echo "database $DB_NAME does not exist: nothing to drop"
    return 0
  fi
  sessions=$(db_count_sessions)
  if [ "$sessions" -gt 0 ] && ! $DB_FORCE; then
    db_print_sessions
    die 1 "$sessions other session(s) are connected to $DB_NAME: close them, or drop with --force (which terminates them)"
  fi
  if [ "$sessions" -gt 0 ]; then
    echo "terminating $sessions other session(s) on $DB_NAME"
  fi
  db_admin_psql <<<'DROP DATABASE IF EXISTS :"db" WITH (FORCE)'
  echo "dropped database $DB_NAME"
}

db_create() {
  local exists
  db_refuse_system_database create
  exists=$(db_exists)
  if [ "$exists" = 1 ]; then
    echo "database $DB_NAME already exists: nothing to do"
    return 0
  fi
  db_admin_psql <<<'CREATE DATABASE :"db"'
  echo "created database $DB_NAME"
}

# Applies the pending migrations with the server's own mechanism (Flyway, forward-only: never a DROP).
db_schema_load() {
  db_run_server_jar migrate
}

# Loads the development seed (idempotent) with the server's own mechanism.
db_seed() {
  db_run_server_jar seed
}

# A one-off command: the quick first-tier compiler alone halves its start-up.
db_run_server_jar() {
  ensure_server_jar
  CONNECTION_URL=$DB_URL java -XX:TieredStopAtLevel=1 ${JAVA_OPTS:-} -jar "$CRUDDUR_JAR" "$1"
}
