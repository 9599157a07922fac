package store_test

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/assets"
	"dossier/store"
)

// A damaged page met by the first open's own work (matching the starter
// list of actors and sources across every passage, which a large file
// takes long over) failed with SQLite's words alone, "database disk image
// is malformed (11)": no file named, no "damaged", so the window's banner
// and the last-file message said only that. It is a DamagedError, as the
// same page met earlier in the open is (found by a hostile UI pass, the
// file damaged while the window waited for it).
func TestDamageMetByTheFirstOpensWorkIsDamage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "large.dossier")
	var text strings.Builder
	text.WriteString("A long report\n\n")
	for i := range 4000 {
		fmt.Fprintf(&text, "Paragraph %d says that Vladimir Putin met Paul Manafort in Kyiv.\n\n", i)
	}
	st, err := store.OpenResearchFile(path, store.Seed{ArticleName: "report.txt", Article: []byte(text.String())})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	var root, pageSize int64
	err = db.QueryRow(`SELECT rootpage FROM sqlite_master WHERE name = 'passages'`).Scan(&root)
	if err == nil {
		err = db.QueryRow(`PRAGMA page_size`).Scan(&pageSize)
	}
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	junk := []byte(strings.Repeat("\xa5", int(pageSize)))
	_, err = f.WriteAt(junk, (root-1)*pageSize)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}

	st, err = store.OpenResearchFile(path, store.Seed{Gazetteer: assets.Gazetteer, ArticleName: "report.txt", Article: []byte(text.String())})
	if err == nil {
		st.Close()
		t.Fatal("opened")
	}
	var damaged *store.DamagedError
	if !errors.As(err, &damaged) || !strings.Contains(err.Error(), path) {
		t.Errorf("open of a file damaged where its first open's work reads: %v (%T)", err, err)
	}
}
