package assets

import _ "embed"

// Licences are the licence texts of everything linked into Dossier, shown
// in Help → About and installed by the packages (regenerate with
// go run ./internal/notice).
//
//go:embed licenses/NOTICE.txt
var Licences string
