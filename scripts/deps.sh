#!/usr/bin/env bash
# Installs what building and testing Dossier needs on Debian/Ubuntu, and says
# what it is doing. Usage: scripts/deps.sh run|test
#   run:  C compiler and the X11/OpenGL headers Fyne's window driver needs
#   test: the same, plus Xvfb (a virtual display for the end-to-end test)
set -euo pipefail
mode=${1:-run}

packages=(gcc pkg-config libgl1-mesa-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev)
if [[ $mode == test ]]; then
  packages+=(xvfb x11-utils)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Go: Dossier needs Go 1.26; any Go >= 1.21 fetches that toolchain itself.
need_go=0
if ! command -v go >/dev/null 2>&1 && [[ ! -x /usr/local/go/bin/go ]]; then
  need_go=1
  missing+=(golang-go)
fi

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "deps: everything needed is installed."
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "deps: missing ${missing[*]}, and this is not a Debian/Ubuntu system: install them with your package manager." >&2
  exit 1
fi
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  sudo="sudo"
  echo "deps: installing system packages needs root; you may be asked for your password."
fi
echo "deps: installing ${missing[*]} (apt-get)…"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
if [[ $need_go -eq 1 ]]; then
  echo "deps: installed Debian's Go; it will fetch the Go 1.26 toolchain go.mod asks for on first build."
fi
echo "deps: done."
