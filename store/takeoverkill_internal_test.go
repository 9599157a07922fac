//go:build unix

package store

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"dossier/assets"
)

// takeOverChildEnv names the file left unfilled that TestTakeOverChild
// takes over; its _AT says where it stops to be killed.
const takeOverChildEnv = "DOSSIER_TEST_TAKE_OVER_CHILD"

// TestTakeOverChild is the dossier import after one killed while making
// its file: it takes the file left unfilled as its own and imports a
// report into it, run by killTakeOver in a process of its own, and stops
// to be killed at _AT: "seeded" (the seed finished, the file not marked
// anew yet), "taken" (the open done), "noted" (the import begun),
// "imported" (the report committed, the file not kept yet), "kept", or
// "removing" (nothing imported: the file about to be removed).
func TestTakeOverChild(t *testing.T) {
	path := os.Getenv(takeOverChildEnv)
	if path == "" {
		t.Skip("run by killTakeOver")
	}
	at := os.Getenv(takeOverChildEnv + "_AT")
	stop := func(string) {
		fmt.Println("ready")
		io.Copy(io.Discard, os.Stdin) // until killed
	}
	switch at {
	case "seeded":
		afterSeedingThere = stop
	case "removing":
		beforeRemovingMade = stop
	}
	ctx := context.Background()
	st, err := OpenResearchFileToFill(path, unfilledSeed)
	if err != nil || !st.MadeNow() {
		fmt.Println("not taken:", err)
		return
	}
	switch at {
	case "taken":
		stop("")
	case "noted":
		st.noteImport(ctx, []string{"report.txt"}, 1, 0, false)
		stop("")
	case "imported", "kept":
		if _, err := st.ImportText(ctx, "Report", "", "Some words of the report."); err != nil {
			fmt.Println("failed:", err)
			return
		}
		if at == "kept" {
			st.KeepMade()
		}
		stop("")
	case "removing":
		st.CloseRemovingMade()
	}
	fmt.Println("not stopped")
}

// killTakeOver runs TestTakeOverChild on the file at path until it stops
// at at, then kills it (SIGKILL).
func killTakeOver(t *testing.T, path, at string) {
	t.Helper()
	killChildAt(t, "TestTakeOverChild", takeOverChildEnv, path, at)
}

// An import taking over a file left by a killed import, killed itself
// (kill -9) at any point of it, leaves either the file left unfilled,
// taken again by the next import, or the file holding its import, the
// user's: never the seed alone taken for the user's, never the file gone.
// Killed once the seed was finished in a file the first was killed in
// while the seed went in, the file was the user's, holding the built-in
// article alone, never taken again (data25's "remaining gap"; data27).
func TestAKilledTakeOverLeavesTheFileLeftOrTheImport(t *testing.T) {
	for _, left := range []string{"made", "seeding"} {
		for _, at := range []string{"seeded", "taken", "noted", "imported", "kept", "removing"} {
			t.Run(left+"/"+at, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "new.dossier")
				killUnfilledChild(t, path, left)
				killTakeOver(t, path, at)
				st, err := OpenResearchFileToFill(path, unfilledSeed)
				if err != nil {
					t.Fatal(err)
				}
				docs, err := st.Documents(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				var titles []string
				for _, d := range docs {
					titles = append(titles, d.Title)
				}
				imported := slices.Contains(titles, "Report")
				switch {
				case st.MadeNow() && (imported || len(docs) != 1):
					t.Errorf("taken as new, holding %q", titles)
				case !st.MadeNow() && !imported:
					t.Errorf("the next import took it for the user's, holding %q", titles)
				}
				want := at == "imported" || at == "kept"
				if imported != want {
					t.Errorf("the report imported %v; want %v", imported, want)
				}
				if removed, err := st.CloseRemovingMade(); err != nil || removed == imported {
					t.Errorf("nothing imported next: removed %v, %v", removed, err)
				}
			})
		}
	}
}

// A file of the user's with a forged "seeding" mark and no seed record
// (see TestAForgedSeedingMarkOnAFileWithDocumentsIsNotTaken): an import
// killed just after the seed went in again leaves it unmarked, not marked
// as the seed's commit marks a file left while the seed went in, to be
// taken, and removed, by the next import.
func TestAKilledImportLeavesAForgedSeedingMarkUnmarked(t *testing.T) {
	path := usersFileWithNotes(t)
	forgeSeedingMark(t, path)
	killTakeOver(t, path, "seeded")
	assertNotTakenAsNew(t, path)
}

// The seed's commit marks a file made to be filled with the print of what
// it holds once committed, as takeUnfilled reads it: with the built-in
// gazetteer and article too (their full-text index written at the commit).
func TestTheSeedsCommitMarksTheFileWithItsPrint(t *testing.T) {
	seeds := []struct {
		name string
		seed Seed
	}{{"small", unfilledSeed}, {"built-in", Seed{Gazetteer: assets.Gazetteer, ArticleName: assets.SeedArticleName, Article: assets.SeedArticle}}}
	for _, c := range seeds {
		t.Run(c.name, func(t *testing.T) {
			var mark, print string
			path := filepath.Join(t.TempDir(), "new.dossier")
			defer func() { beforeMadePrint = nil }()
			beforeMadePrint = func(p string) {
				db, err := sql.Open("sqlite", dsn(p, true)) // another connection: what was committed
				if err != nil {
					t.Error(err)
					return
				}
				defer db.Close()
				mark, _, _ = getMeta(context.Background(), db, unfilledKey)
				print, _ = contentPrint(context.Background(), db, "")
			}
			st, err := OpenResearchFileToFill(path, c.seed)
			if err != nil {
				t.Fatal(err)
			}
			real := st.real
			st.Close()
			if want := unfilledMark(print, real); mark != want {
				t.Errorf("the seed's commit marked the file %q; its print there is %q", mark, want)
			}
		})
	}
}
