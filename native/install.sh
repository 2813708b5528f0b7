#!/usr/bin/env bash
# The one install command: Debian packages, the mediasoup worker (built once, cached outside the
# repo), npm dependencies without mediasoup's download postinstall, and the renderer bundle.
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(
  g++ make python3 pkg-config meson ninja-build            # native builds
  libssl-dev libuv1-dev libsrtp2-dev libusrsctp-dev libabsl-dev nlohmann-json3-dev  # mediasoup worker
  chromium                                                # Playwright's browser (never downloaded)
  janus                                                   # npm run bench compares against its streaming plugin
  openssl                                                 # the TLS tests make a throwaway certificate
  ffmpeg                                                  # npm run bench makes its call-media clip; npm run make-media
)
missing=()
for package in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "[install] Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

node native/mediasoup-worker.mjs build
# mediasoup's postinstall skips its download/pip build when this is set (npm 10); npm 11 also
# honours package.json "allowScripts", which denies that postinstall outright.
MEDIASOUP_WORKER_BIN="$(node native/mediasoup-worker.mjs path)"
export MEDIASOUP_WORKER_BIN
# better-sqlite3 compiles from source: its prebuilt binaries live on GitHub, out of reach here.
export npm_config_build_from_source=true
npm ci --no-audit --no-fund
npm run build
echo "[install] done: npm start runs the demo site, npm test runs the tests"
