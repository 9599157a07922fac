# Sourced by scripts/env.sh and scripts/deps.sh: where deps.sh installs Go for
# this user when the system has none new enough, and which Go (go.mod's).
go_version=$(sed -n 's/^go //p' "$(dirname "${BASH_SOURCE[0]}")/../go.mod")
go_home="${XDG_DATA_HOME:-$HOME/.local/share}/dossier/go$go_version"
