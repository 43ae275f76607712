# Sourced by the scripts in bin/ and .ci/run: finds a JDK 25 and sets the flags every JVM that
# runs libtorch through DJL needs.
find_java25() {
  local candidate
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/java" ] && "$candidate/bin/java" -version 2>&1 | grep -q 'version "25'; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! JAVA_HOME="$(find_java25)"; then
  echo "A JDK 25 is required: set JAVA_HOME or install one under /usr/lib/jvm" >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$ROOT/.cache/djl}"
DJL_JVM_FLAGS=("@$ROOT/translation-engine/djl.jvm.args")

# Builds MODULES (comma-separated, and what they need) unless every given jar exists already: the
# scripts' first run on a fresh checkout. Usage: build_if_missing MODULES JAR...
build_if_missing() {
  local modules="$1" jar
  shift
  for jar in "$@"; do
    if [ ! -f "$ROOT/$jar" ]; then
      echo "building $modules first (./mvnw -DskipTests package -pl $modules -am)..." >&2
      (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl "$modules" -am) >&2
      return
    fi
  done
}
