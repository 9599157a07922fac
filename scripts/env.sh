# Sourced by scripts/run and scripts/test: a Go toolchain on PATH, UTF-8
# locale for Fyne, and Go allowed to fetch the toolchain go.mod names.
export PATH="$PATH:/usr/local/go/bin:$HOME/go/bin"
export GOTOOLCHAIN=${GOTOOLCHAIN:-auto}
case ${LANG:-C} in C|C.*|POSIX|"") export LANG=en_US.UTF-8 ;; esac
