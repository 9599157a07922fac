# Sourced by scripts/run and scripts/test: a Go toolchain on PATH, UTF-8
# locale for Fyne, and Go allowed to fetch the toolchain go.mod names.
source "$(dirname "${BASH_SOURCE[0]}")/go-home.sh"
export PATH="$PATH:/usr/local/go/bin:$HOME/go/bin"
# A Go that scripts/deps.sh installed for this user comes first.
[[ -x $go_home/bin/go ]] && export PATH="$go_home/bin:$PATH"
export GOTOOLCHAIN=${GOTOOLCHAIN:-auto}
case ${LANG:-C} in C|C.*|POSIX|"") export LANG=en_US.UTF-8 ;; esac
