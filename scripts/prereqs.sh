# Installs what StreamWatch needs on a fresh Debian machine, idempotently. Sourced by test.sh and run.sh.
# Every machine starts fresh (PLATFORM.md): nothing may be assumed installed beyond the .NET SDK.

# Debian packages the tests start for real: binary name -> package.
declare -A STREAMWATCH_APT=(
  [chromium]=chromium
  [redis-server]=redis-server
  [promtool]=prometheus
  [prometheus]=prometheus
  [ffmpeg]=ffmpeg
  [node]=nodejs
  [npm]=npm
)

need_root() {
  if [ "$(id -u)" -ne 0 ]; then echo "sudo"; fi
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: the .NET 10 SDK is not installed (dotnet not on PATH); install it, then run this again." >&2
    exit 2
  fi
}

ensure_apt() {
  local missing=()
  local bin
  for bin in "$@"; do
    if ! command -v "$bin" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$bin" ] && [ ! -x "/usr/bin/$bin" ]; then
      missing+=("${STREAMWATCH_APT[$bin]:-$bin}")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then return 0; fi
  echo "==> installing Debian packages: ${missing[*]}"
  local sudo; sudo=$(need_root)
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# npm peers (interop and benchmark peers) live in folders with a committed package-lock.json.
ensure_npm() {
  local dir
  for dir in "$@"; do
    if [ -f "$dir/package-lock.json" ] && [ ! -d "$dir/node_modules" ]; then
      echo "==> npm ci in $dir"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
  done
}

ensure_all() {
  ensure_dotnet
  ensure_apt "${!STREAMWATCH_APT[@]}"
  ensure_npm $(find tools -maxdepth 2 -name package-lock.json -not -path '*/node_modules/*' -printf '%h\n' 2>/dev/null | sort)
}
