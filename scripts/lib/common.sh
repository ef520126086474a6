# shellcheck shell=bash
# Sourced by every script in scripts/: the repository root, .env, banners, one-line errors, Maven builds and the
# artifacts they make (the server jar, the Lambda's jars), database URLs with libpq's defaults, and psql.

CRUDDUR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CRUDDUR_SCRIPT="$(basename "$0")"

# Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  colour_banner=$'\e[1;36m' colour_warning=$'\e[1;31m' colour_reset=$'\e[0m'
else
  colour_banner='' colour_warning='' colour_reset=''
fi

banner() {
  printf '%s%s%s\n' "$colour_banner" "$1" "$colour_reset"
}

warning() {
  printf '%s%s%s\n' "$colour_warning" "$1" "$colour_reset"
}

# die <exit status> <message>: one line on stderr, then exit. Status 2 means "wrong usage or configuration".
die() {
  local status=$1
  shift
  printf '%s: %s\n' "$CRUDDUR_SCRIPT" "$*" >&2
  exit "$status"
}

# The comment block at the top of the running script is its usage.
print_usage() {
  sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"
}

# need_value "$@": the option in $1 must be followed by a non-empty value.
need_value() {
  [ $# -ge 2 ] && [ -n "$2" ] || die 2 "$1 needs a value"
}

# Prints a command so that it can be pasted into a shell: arguments with special characters single-quoted.
print_command() {
  local arg quoted=()
  for arg in "$@"; do
    if [[ $arg =~ ^[A-Za-z0-9_./:=@,+%-]+$ ]]; then
      quoted+=("$arg")
    else
      quoted+=("'${arg//\'/\'\\\'\'}'")
    fi
  done
  printf '%s\n' "${quoted[*]}"
}

# --- .env ----------------------------------------------------------------------------------------------------------

# Reads .env (or the file CRUDDUR_ENV_FILE names). A variable already set in the environment wins: what you type
# on the command line is what runs. Each `NAME=value` line (optionally `export NAME=value`) sets NAME to the rest of
# the line exactly as written: nothing is expanded or run, so $, &, quotes, backslashes and spaces stay as they are.
# Only one pair of quotes around the whole value (`NAME='value'` or `NAME="value"`) is removed. Lines starting
# with # and lines that are not assignments are skipped; a Windows line end (CR) is dropped.
load_env_file() {
  local file=${CRUDDUR_ENV_FILE:-$CRUDDUR_ROOT/.env} line name value
  [ -f "$file" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%$'\r'}
    [[ $line =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    name=${BASH_REMATCH[2]}
    value=${BASH_REMATCH[3]}
    [ -z "${!name+set}" ] || continue
    if [[ ${#value} -ge 2 && ( ( $value == \'*\' ) || ( $value == \"*\" ) ) ]]; then
      value=${value:1:${#value}-2}
    fi
    export "$name=$value"
  done <"$file"
}

# --- builds --------------------------------------------------------------------------------------------------------

# Maven for a script's build step: batch mode, and no colour or terminal escapes unless both outputs are a terminal.
# (Maven 3.8's Jansi writes ESC[0m resets even with -B and -Dstyle.color=never; jansi.noreset stops them, and it
# must reach the JVM before Jansi loads, hence MAVEN_OPTS.)
run_maven() {
  if [ -t 1 ] && [ -t 2 ] && [ -z "${NO_COLOR:-}" ]; then
    (cd "$CRUDDUR_ROOT" && mvn -B "$@")
  else
    (cd "$CRUDDUR_ROOT" && MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -Dstyle.color=never "$@")
  fi
}

# is_stale <artifact> <source paths...>: true when the artifact is missing or a file under the sources (relative
# to the repository root, outside target/ folders) is newer.
is_stale() {
  local artifact=$1
  shift
  [ -f "$artifact" ] || return 0
  [ -n "$(cd "$CRUDDUR_ROOT" && find "$@" -type f -newer "$artifact" -not -path '*/target/*' -print -quit)" ]
}

# Sets CRUDDUR_JAR to the server jar, building it first when it is missing or any source is newer.
# A CRUDDUR_JAR already set names a jar to use as it is.
ensure_server_jar() {
  if [ -n "${CRUDDUR_JAR:-}" ]; then
    [ -f "$CRUDDUR_JAR" ] || die 2 "CRUDDUR_JAR names no file: $CRUDDUR_JAR"
    return 0
  fi
  CRUDDUR_JAR="$CRUDDUR_ROOT/app/target/cruddur.jar"
  if is_stale "$CRUDDUR_JAR" pom.xml app modules sql; then
    echo "building app/target/cruddur.jar (tests skipped; 'mvn verify' runs them)"
    run_maven -q -Dmaven.test.skip=true -pl app -am package || die 1 "the build failed"
    [ -f "$CRUDDUR_JAR" ] || die 1 "the build did not make $CRUDDUR_JAR"
  fi
}

# Sets CRUDDUR_JAR to the server jar as it is, without building it: for a script that runs beside a running server,
# whose jar a build would replace under it.
require_server_jar() {
  CRUDDUR_JAR=${CRUDDUR_JAR:-$CRUDDUR_ROOT/app/target/cruddur.jar}
  [ -f "$CRUDDUR_JAR" ] || die 1 "$CRUDDUR_JAR is missing: start the server once with scripts/serve (it builds the jar)"
}

# The sign-up Lambda's deployment jar, and beside it (target/local-runtime/) what runs it on this machine: the
# Lambda Java runtime's event serializer and the local runner (com.cruddur.lambda.local, never deployed).
LAMBDA_JAR="$CRUDDUR_ROOT/lambda/target/cruddur-sign-up-lambda.jar"
LAMBDA_LOCAL_CLASSPATH="$LAMBDA_JAR:$CRUDDUR_ROOT/lambda/target/local-runtime/*"

# Builds the Lambda's jars (scripts/lambda-package) when they are missing or any source is newer.
ensure_lambda_jars() {
  if is_stale "$LAMBDA_JAR" pom.xml lambda modules || ! compgen -G "$CRUDDUR_ROOT/lambda/target/local-runtime/*-local.jar" >/dev/null; then
    "$CRUDDUR_ROOT/scripts/lambda-package" >&2
  fi
}

# --- database URLs -------------------------------------------------------------------------------------------------

# parse_database_url <url>: splits a libpq URL (postgresql://user:password@host:port/database?parameters; a jdbc:
# prefix is allowed) and applies libpq's defaults: without a user in the URL (or a user= parameter), PGUSER, else
# the operating system's user; without a password (or a password= parameter), PGPASSWORD. Sets:
#   URL_USER, URL_PASSWORD (may be empty), URL_USER_FROM (url, PGUSER or "the operating system")
#   URL_HOST (host[:port]), URL_DATABASE (decoded), URL_QUERY (the other parameters, ?... or empty), URL_SCHEME
#   URL_FULL   the URL with user and password in it: for the environment of child processes only (CONNECTION_URL)
#   URL_PLAIN  the URL with the user and without the password (the password goes through PGPASSWORD)
#   URL_SHOWN  the URL with the password masked: the only form that is ever printed
# Returns 1 (printing nothing) when the URL is not of that form.
parse_database_url() {
  local url=${1#jdbc:} user_part password="" param
  local -a params=() other=()
  [[ $url =~ ^(postgres|postgresql)://(([^@/?]*)@)?([^@/?]*)(/([^?]*))?(\?(.*))?$ ]] || return 1
  URL_SCHEME=${BASH_REMATCH[1]}
  user_part=${BASH_REMATCH[3]}
  URL_HOST=${BASH_REMATCH[4]}
  URL_DATABASE=$(percent_decode "${BASH_REMATCH[6]}")
  local query=${BASH_REMATCH[8]}
  URL_USER="" URL_USER_FROM=url
  if [[ $user_part == *:* ]]; then
    password=$(percent_decode "${user_part#*:}")
    user_part=${user_part%%:*}
  fi
  URL_USER=$(percent_decode "$user_part")
  IFS='&' read -r -a params <<<"$query"
  for param in "${params[@]}"; do
    case "$param" in
      password=*) password=$(percent_decode "${param#password=}") ;;
      user=*) URL_USER=$(percent_decode "${param#user=}") ;;
      '') ;;
      *) other+=("$param") ;;
    esac
  done
  if [ -z "$URL_USER" ] && [ -n "${PGUSER:-}" ]; then
    URL_USER=$PGUSER URL_USER_FROM=PGUSER
  elif [ -z "$URL_USER" ]; then
    URL_USER=$(id -un) URL_USER_FROM="the operating system"
  fi
  URL_PASSWORD=${password:-${PGPASSWORD:-}}
  URL_QUERY=$(join_query "${other[@]}")
  local path
  path=$(percent_encode "$URL_DATABASE")
  URL_PLAIN="$URL_SCHEME://$(percent_encode "$URL_USER")@$URL_HOST/$path$URL_QUERY"
  URL_FULL="$URL_SCHEME://$(percent_encode "$URL_USER")${URL_PASSWORD:+:$(percent_encode "$URL_PASSWORD")}@$URL_HOST/$path$URL_QUERY"
  URL_SHOWN="$URL_SCHEME://$URL_USER${URL_PASSWORD:+:***}@$URL_HOST/$path$URL_QUERY"
  [ "$URL_USER_FROM" = url ] || URL_SHOWN+=" (user from $URL_USER_FROM)"
}

# export_connection_url_with_libpq_defaults: CONNECTION_URL, when set and of the libpq form, gets the user and
# password libpq would use, so that the Java side connects as psql would.
export_connection_url_with_libpq_defaults() {
  [ -n "${CONNECTION_URL:-}" ] || return 0
  if parse_database_url "$CONNECTION_URL"; then
    export CONNECTION_URL=$URL_FULL
  fi
}

join_query() {
  [ $# -gt 0 ] || return 0
  local IFS='&'
  printf '?%s' "$*"
}

# %XX escapes to bytes; backslashes stay literal.
percent_decode() {
  local text=${1//\\/\\\\}
  printf '%b' "${text//%/\\x}"
}

# Every byte but A-Z a-z 0-9 - . _ ~ as %XX.
percent_encode() {
  local LC_ALL=C text=$1 i char encoded=""
  for ((i = 0; i < ${#text}; i++)); do
    char=${text:i:1}
    if [[ $char == [A-Za-z0-9._~-] ]]; then
      encoded+=$char
    else
      encoded+=$(printf '%%%02X' "'$char")
    fi
  done
  printf '%s' "$encoded"
}

require_client_tool() {
  command -v "$1" >/dev/null ||
    die 2 "$1 is not installed: it comes with the PostgreSQL client tools (Debian/Ubuntu: apt-get install postgresql-client)"
}

# run_psql <url> [psql arguments...]: psql that never reads ~/.psqlrc, never prompts for a password, and stops at
# the first error. The URL holds no password (PGPASSWORD does).
run_psql() {
  local url=$1
  shift
  require_client_tool psql
  psql -X -q -w -v ON_ERROR_STOP=1 -d "$url" "$@"
}
