# scripts/jdk.sh: the one JDK search of ./v2g, jmh/report and .ci/run (sourced, not run).
#
#   source "$ROOT/scripts/jdk.sh"
#   JDK="$(find_jdk 25)" || true      # a JDK home, or empty when there is none
#
# Defines java_major and find_jdk and nothing else; sets no options of the caller's shell.

# Where find_jdk looks besides $JAVA_HOME, for error messages (the globs are in find_jdk).
JDK_SEARCH_PLACES="/usr/lib/jvm, /opt/java, /opt/jdk*, ~/.sdkman/candidates/java, ~/.jdks, /Library/Java/JavaVirtualMachines"

# Major version of the JDK at $1 (from its release file, else from java -version); empty if none.
java_major() {
  local home="$1" v=""
  [[ -x "$home/bin/java" ]] || return 0
  if [[ -f "$home/release" ]]; then
    # the first JAVA_VERSION="..." line, read without a process: ./v2g runs this for every JDK on each start
    local line
    while IFS= read -r line || [[ -n "$line" ]]; do
      if [[ "$line" =~ ^JAVA_VERSION=\"([^\"]*)\" ]]; then
        v="${BASH_REMATCH[1]}"
        break
      fi
    done <"$home/release"
  fi
  if [[ -z "$v" ]]; then
    v="$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)"
  fi
  v="${v#1.}"             # 1.8.0_402 -> 8.0_402
  v="${v%%[!0-9]*}"       # 25.0.3 -> 25, 26-ea -> 26
  echo "$v"
}

# A JDK of major version >= $1: $JAVA_HOME if it qualifies, else the newest one in JDK_SEARCH_PLACES.
# Prints its home (symlinks resolved) and returns 0; prints nothing and returns 1 when there is none.
find_jdk() {
  local required="$1" major best="" best_major=0 home restore_nullglob
  if [[ -n "${JAVA_HOME:-}" ]]; then
    major="$(java_major "$JAVA_HOME")"
    if [[ -n "$major" && "$major" -ge "$required" ]]; then
      echo "$JAVA_HOME"
      return 0
    fi
  fi
  restore_nullglob="$(shopt -p nullglob)"
  shopt -s nullglob
  for home in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    # aliases (default-java, sdkman's "current") count as the JDK they point to
    home="$(CDPATH='' cd -P "$home" 2>/dev/null && pwd)" || continue
    major="$(java_major "$home")"
    if [[ -n "$major" && "$major" -ge "$required" && "$major" -gt "$best_major" ]]; then
      best="$home"
      best_major="$major"
    fi
  done
  eval "$restore_nullglob"
  [[ -n "$best" ]] || return 1
  echo "$best"
}
