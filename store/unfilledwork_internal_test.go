package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"dossier/assets"
)

// forgeSeedingMark makes the research file at path read as one a dossier
// import was killed in while the seed went in: marked "seeding", with no
// record of the seed, as another program (sqlite3) can leave it.
func forgeSeedingMark(t *testing.T, path string, more ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range append([]string{`DELETE FROM meta WHERE key = '` + seedKey + `'`,
		`INSERT OR REPLACE INTO meta (key, value) VALUES ('` + unfilledKey + `', '` + unfilledSeeding + `')`}, more...) {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
}

// A research file holding the user's tags alone, or bookmarks alone (no
// documents, claims or saved searches), with a forged "seeding" mark and
// no seed record, is the user's: the next import of nothing neither takes
// it as new nor removes it. It was taken, and removed with the tags or
// bookmarks (data26's open finding; data27).
func TestAForgedSeedingMarkOnAFileWithTagsOrBookmarksIsNotTaken(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		make func(t *testing.T, st *Store) []string // what then makes it hold that alone
	}{
		{"tags alone", func(t *testing.T, st *Store) []string {
			if _, err := st.CreateTag(ctx, Tag{Family: "actor", Kind: "person", Name: "My informant", Aliases: []string{"Deep Throat"}}); err != nil {
				t.Fatal(err)
			}
			return nil
		}},
		{"bookmarks alone", func(t *testing.T, st *Store) []string {
			doc, err := st.ImportText(ctx, "Mine", "", "A passage the user bookmarked.")
			if err != nil {
				t.Fatal(err)
			}
			passages, err := st.Passages(ctx, doc.DocumentID)
			if err != nil || len(passages) == 0 {
				t.Fatal(passages, err)
			}
			if _, err := st.AddBookmark(ctx, passages[0].ID, nil, "my note"); err != nil {
				t.Fatal(err)
			}
			return []string{`PRAGMA foreign_keys = OFF`, `DELETE FROM passages`, `DELETE FROM documents`} // the bookmark left
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "mine.dossier")
			st, err := OpenResearchFile(path, Seed{})
			if err != nil {
				t.Fatal(err)
			}
			more := c.make(t, st)
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			forgeSeedingMark(t, path, more...)
			assertNotTakenAsNew(t, path)
		})
	}
}

// A file an import was killed in once the gazetteer (the seed's first
// commit) was in, before the article: its tags are the gazetteer's, none
// the user's, and the next import takes it as new still.
func TestAFileKilledWithTheGazetteerInIsTakenAsNew(t *testing.T) {
	small := []byte(`[{"family":"actor","kind":"state","name":"Russia","aliases":["Russian Federation","Moscow"," Kremlin ","russia"],"description":"","color":""},
		{"family":"source","kind":"outlet","name":"TASS","aliases":[],"description":"state news agency","color":"#aa0000"}]`)
	gazetteers := []struct {
		name string
		json []byte
	}{{"small", small}, {"the built-in one", assets.Gazetteer}}
	for _, g := range gazetteers {
		t.Run(g.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "new.dossier")
			st, err := OpenResearchFileToFill(path, Seed{Gazetteer: g.json}) // the gazetteer in, not the article
			if err != nil {
				t.Fatal(err)
			}
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			forgeSeedingMark(t, path) // as the kill left it: marked while the seed went in
			seed := unfilledSeed
			seed.Gazetteer = g.json
			again, err := OpenResearchFileToFill(path, seed)
			if err != nil {
				t.Fatal(err)
			}
			if !again.LeftUnfilled() || !again.MadeNow() {
				t.Errorf("left unfilled %v, made %v; want both", again.LeftUnfilled(), again.MadeNow())
			}
			if removed, err := again.CloseRemovingMade(); !removed || err != nil {
				t.Errorf("removed %v, %v; want it removed", removed, err)
			}
		})
	}
}
