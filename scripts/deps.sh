# shellcheck shell=bash disable=SC2034
# Debian 12 packages and the one build procedure, shared by ./migrator, scripts/test and
# .ci/run (source this file; it defines variables and functions only). The Dockerfile
# repeats MIGRATOR_BUILD_PACKAGES; tests/tooling/docker_compose_test.cpp checks they match.

# Everything needed to build the migrator, its tests and its .deb (cpack's DEB generator runs
# `file` and dpkg-shlibdeps, from build-essential's dpkg-dev, to find the runtime Depends).
# One name per line: the test above parses this block.
MIGRATOR_BUILD_PACKAGES=(
  build-essential
  cmake
  ninja-build
  pkg-config
  libsoci-dev
  libsqlite3-dev
  libpq-dev
  libssl-dev
  libyaml-cpp-dev
  libcli11-dev
  catch2
  libpg-query-dev
  nlohmann-json3-dev
  libfmt-dev
  libexpected-dev
  libpng-dev
  file
)

# Only for running the tests: the PostgreSQL server (scripts/with-postgres starts a throwaway
# one), zsh for the zsh completion's test, man-db for `man -l` of the generated man page,
# chromium to render the --html pages headless as a person would see them, git for the tests of
# check --since (which asks git what changed).
MIGRATOR_TEST_PACKAGES=(
  postgresql-15
  zsh
  man-db
  chromium
  git
)

migrator_log() {
  printf '%s\n' "$*" >&2
}

# Prints the packages among "$@" that are not installed, one per line. Without dpkg (not a
# Debian system) nothing is reported and the build says what it lacks. Safe under
# `set -euo pipefail`: dpkg-query exits 1 when it has never heard of some of the names (on a
# new machine, most of them), and those are exactly the missing ones, not an error.
migrator_missing_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local listed
  listed=$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "$@" 2>/dev/null || true)
  local installed
  installed=$(awk '$2 == "ii" { print $1 }' <<<"$listed")
  local package
  for package in "$@"; do
    grep -qxF -- "$package" <<<"$installed" || printf '%s\n' "$package"
  done
}

# Runs apt-get non-interactively (as root or through sudo: $apt_prefix) with its output
# appended to $apt_log; both are set by the caller.
migrator_apt() {
  "${apt_prefix[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q "$@" >>"$apt_log" 2>&1
}

# Installs the missing packages among "$@": directly as root, through sudo when it needs no
# password, else prints the command to run and exits 2.
migrator_ensure_packages() {
  # A command substitution, not `< <(...)`: a failure in the detection must stop the caller,
  # never read as "nothing missing" (how the Quick start once broke on new machines).
  local missing_lines
  missing_lines=$(migrator_missing_packages "$@")
  [[ -z $missing_lines ]] && return 0
  local -a missing
  mapfile -t missing <<<"$missing_lines"

  local -a apt_prefix=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      apt_prefix=(sudo -n)
    else
      migrator_log "migrator: missing Debian packages: ${missing[*]}"
      migrator_log "install them with:"
      migrator_log "  sudo apt-get install -y --no-install-recommends ${missing[*]}"
      exit 2
    fi
  fi

  local apt_log
  apt_log=$(mktemp "${TMPDIR:-/tmp}/migrator-apt.XXXXXX.log")
  local updated=false
  # A fresh image has no package lists: fetch them only when a package is unknown.
  local package
  for package in "${missing[@]}"; do
    if ! apt-cache show -- "$package" >/dev/null 2>&1; then
      migrator_log "migrator: apt-get update"
      migrator_apt update || { migrator_show_log "$apt_log" "apt-get update failed"; exit 2; }
      updated=true
      break
    fi
  done
  migrator_log "migrator: installing ${#missing[@]} Debian packages: ${missing[*]}"
  if ! migrator_apt install -y --no-install-recommends "${missing[@]}"; then
    # Stale lists name package versions the mirror no longer has: refresh once and retry.
    if [[ $updated == false ]] && migrator_apt update \
        && migrator_apt install -y --no-install-recommends "${missing[@]}"; then
      :
    else
      migrator_show_log "$apt_log" "apt-get install failed"
      exit 2
    fi
  fi
  rm -f "$apt_log"
}

# Shows the interesting end of a log on stderr: from the first failed build step when
# there is one (the compiler's message), else the last lines.
migrator_show_log() {
  local log=$1 what=$2
  migrator_log "migrator: $what; the end of $log:"
  if grep -q '^FAILED:' "$log"; then
    sed -n '/^FAILED:/,$p' "$log" | head -n 120 >&2
  else
    tail -n 60 "$log" >&2
  fi
}

# Configures (Ninja, RelWithDebInfo) and builds the given targets in "$1" (the build
# directory) from "$2" (the source directory), quietly, with every core. Exits 2 with the
# log's tail if the build fails. A lock keeps two concurrent launchers from building at once.
# Extra arguments for the first configure of a build directory (scripts/test --sanitize).
MIGRATOR_CONFIGURE_ARGS=()

migrator_build() {
  local build=$1 source=$2
  shift 2
  mkdir -p "$build"
  local lock_fd
  exec {lock_fd}>"$build/.build.lock"
  if command -v flock >/dev/null 2>&1; then
    flock "$lock_fd"
  fi
  local log=$build/build.log
  : >"$log"
  if [[ ! -f $build/CMakeCache.txt ]]; then
    if ! cmake -S "$source" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        "${MIGRATOR_CONFIGURE_ARGS[@]}" >>"$log" 2>&1; then
      migrator_show_log "$log" "configuring the build failed"
      exit 2
    fi
  fi
  local -a targets=()
  [[ $# -gt 0 ]] && targets=(--target "$@")
  if ! cmake --build "$build" --parallel "$(nproc)" "${targets[@]}" >>"$log" 2>&1; then
    migrator_show_log "$log" "the build failed"
    exit 2
  fi
  exec {lock_fd}>&-
}
