# shellcheck shell=bash
# Sourced by the scripts in scripts/: the repository root, .env, banners, one-line errors, the server jar.

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

# Reads .env (or the file CRUDDUR_ENV_FILE names) like a shell would, but a variable already set in the
# environment wins: what you type on the command line is what runs.
load_env_file() {
  local file=${CRUDDUR_ENV_FILE:-$CRUDDUR_ROOT/.env} line name
  [ -f "$file" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    [[ $line =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)= ]] || continue
    name=${BASH_REMATCH[2]}
    [ -z "${!name+set}" ] || continue
    eval "export $name=${line#*=}"
  done <"$file"
}

# Sets CRUDDUR_JAR to the server jar, building it first when it is missing or any source is newer.
# A CRUDDUR_JAR already set names a jar to use as it is.
ensure_server_jar() {
  if [ -n "${CRUDDUR_JAR:-}" ]; then
    [ -f "$CRUDDUR_JAR" ] || die 2 "CRUDDUR_JAR names no file: $CRUDDUR_JAR"
    return 0
  fi
  CRUDDUR_JAR="$CRUDDUR_ROOT/app/target/cruddur.jar"
  if [ ! -f "$CRUDDUR_JAR" ] || [ -n "$(cd "$CRUDDUR_ROOT" && find pom.xml app modules sql -type f -newer "$CRUDDUR_JAR" -not -path '*/target/*' -print -quit)" ]; then
    echo "building app/target/cruddur.jar (tests skipped; 'mvn verify' runs them)"
    (cd "$CRUDDUR_ROOT" && mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true package)
  fi
}

load_env_file
