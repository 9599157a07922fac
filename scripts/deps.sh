#!/usr/bin/env bash
# Installs what building and testing Dossier needs on Debian/Ubuntu, and says
# what it is doing. Usage: scripts/deps.sh run|test|package
#   run:     C compiler and the X11/OpenGL headers Fyne's window driver needs
#   test:    the same, plus Xvfb (a virtual display for the end-to-end test)
#   package: the same as test, plus what scripts/package needs: the Windows
#            cross-compiler, NSIS, osslsigncode, openssl, rpm, ImageMagick
#            and the desktop-file checker
set -euo pipefail
mode=${1:-run}

packages=(gcc pkg-config libgl1-mesa-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev)
if [[ $mode == test || $mode == package ]]; then
  packages+=(xvfb x11-utils)
fi
if [[ $mode == package ]]; then
  packages+=(gcc-mingw-w64-x86-64 nsis osslsigncode openssl rpm imagemagick desktop-file-utils xz-utils file)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Go: Dossier needs Go 1.26.8 (go.mod). Any Go >= 1.21 fetches that toolchain
# by itself; an older one (Debian 12 and Ubuntu 22.04 ship 1.19 and 1.18)
# cannot, so then Go 1.26.8 is installed for this user from the Go module
# proxy, into $go_home (scripts/env.sh puts it on PATH).
source "$(dirname "$0")/go-home.sh"
go_new_enough() {
  local v major minor
  # GOTOOLCHAIN=local: ask this Go its own version, without it switching to
  # (and downloading) the toolchain go.mod names.
  v=$(GOTOOLCHAIN=local "$1" env GOVERSION 2>/dev/null) || return 1
  v=${v#go}; major=${v%%.*}; v=${v#*.}; minor=${v%%[!0-9]*}
  [[ $major -gt 1 || ( $major -eq 1 && ${minor:-0} -ge 21 ) ]]
}
# Only the Go that will run counts: the first on PATH as scripts/env.sh set
# it (a user-installed one first, /usr/local/go/bin last).
need_go=1
candidate=$(command -v go || true)
if [[ -n $candidate ]] && go_new_enough "$candidate"; then
  need_go=0
fi
if [[ $need_go -eq 1 ]]; then
  for tool in curl unzip; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
fi

install_go() {
  local arch proxy url zip
  case $(uname -m) in
    x86_64) arch=amd64 ;; aarch64|arm64) arch=arm64 ;; armv7l|armv6l) arch=armv6l ;; i?86) arch=386 ;;
    *) echo "deps: no Go toolchain is published for $(uname -m); install Go >= 1.21 and rerun." >&2; exit 1 ;;
  esac
  proxy=${GOPROXY:-https://proxy.golang.org}; proxy=${proxy%%,*}; proxy=${proxy%%|*}
  if [[ $proxy == off ]]; then
    echo "deps: Go >= 1.21 is needed and GOPROXY=off forbids fetching it: install Go >= 1.21 and rerun." >&2
    exit 1
  fi
  [[ $proxy == direct ]] && proxy=https://proxy.golang.org
  url="$proxy/golang.org/toolchain/@v/v0.0.1-go$go_version.linux-$arch.zip"
  echo "deps: no Go >= 1.21 here; installing Go $go_version for this user in $go_home (from $url)…"
  zip=$(mktemp --suffix=.zip)
  curl -fsSL -o "$zip" "$url"
  rm -rf "$go_home.tmp" && mkdir -p "$go_home.tmp"
  unzip -q "$zip" -d "$go_home.tmp"
  rm -f "$zip"
  # Module zips carry no file modes: make the tools executable again.
  chmod -R a+rX "$go_home.tmp"
  find "$go_home.tmp" \( -path '*/bin/*' -o -path '*/pkg/tool/*' \) -type f -exec chmod a+x {} +
  rm -rf "$go_home"
  mv "$go_home.tmp/golang.org/toolchain@v0.0.1-go$go_version.linux-$arch" "$go_home"
  rm -rf "$go_home.tmp"
  echo "deps: $("$go_home/bin/go" version) installed."
}

if [[ ${#missing[@]} -eq 0 ]]; then
  [[ $need_go -eq 1 ]] && install_go
  echo "deps: everything needed is installed."
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "deps: missing ${missing[*]}, and this is not a Debian/Ubuntu system: install them with your package manager." >&2
  exit 1
fi
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "deps: missing ${missing[*]}; installing them needs root, and sudo is not installed. Run as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  sudo="sudo"
  echo "deps: installing system packages needs root; you may be asked for your password."
fi
echo "deps: installing ${missing[*]} (apt-get)…"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
[[ $need_go -eq 1 ]] && install_go
echo "deps: done."
