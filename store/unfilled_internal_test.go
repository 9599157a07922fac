//go:build unix

package store

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// unfilledChildEnv names the file TestUnfilledChild makes; its _AT says
// where it stops to be killed: "seeding" (marked, before the seed goes
// in), "made" (the open done) or "noted" (the import begun: its note of
// itself written, see unfinishedKey).
const unfilledChildEnv = "DOSSIER_TEST_UNFILLED_CHILD"

var unfilledSeed = Seed{ArticleName: "seed.txt", Article: []byte("Seed\n\nThe built-in article.\n")}

// TestUnfilledChild is a dossier import making a new research file, run
// by killUnfilledChild in a process of its own: it says "ready" where it
// stops, and waits there to be killed.
func TestUnfilledChild(t *testing.T) {
	path := os.Getenv(unfilledChildEnv)
	if path == "" {
		t.Skip("run by killUnfilledChild")
	}
	stop := func(string) {
		fmt.Println("ready")
		io.Copy(io.Discard, os.Stdin) // until killed
	}
	if os.Getenv(unfilledChildEnv+"_AT") == "seeding" {
		afterUnfilledMark = stop
	}
	st, err := OpenResearchFileToFill(path, unfilledSeed)
	if err != nil {
		fmt.Println("failed:", err)
		return
	}
	if os.Getenv(unfilledChildEnv+"_AT") == "noted" { // the import begun: its note written
		st.noteImport(context.Background(), []string{"report.txt"}, 1, 0, false)
	}
	stop("")
	st.Close()
}

// killUnfilledChild runs TestUnfilledChild making the file at path until
// it stops at at, then kills it (SIGKILL), as a dossier import killed
// while it made its new file.
func killUnfilledChild(t *testing.T, path, at string) {
	t.Helper()
	killChildAt(t, "TestUnfilledChild", unfilledChildEnv, path, at)
}

// killChildAt runs the test named test, a child working on the file at
// path (env names it, env_AT where it stops), in a process of its own,
// until it says it is ready at at, then kills it (SIGKILL).
func killChildAt(t *testing.T, test, env, path, at string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), env+"="+path, env+"_AT="+at)
	in, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	line, _ := bufio.NewReader(out).ReadString('\n')
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if line != "ready\n" {
		t.Fatalf("%s did not get to %s: %q", test, at, line)
	}
}

// A research file a dossier import was making when it was killed (kill -9)
// holds the seed alone: the next open to fill it (the next dossier import)
// takes it as made, and removes it again if nothing goes into it. It was
// taken for the user's file: never said made, kept holding the built-in
// article alone (data25). Killed while the seed went in, the seed is
// finished and the file taken alike; killed once the import began, its
// note of itself (an unfinished import, said by the next) is no work of
// the user's.
func TestAFileLeftByAKilledImportIsTakenAsNew(t *testing.T) {
	for _, at := range []string{"made", "seeding", "noted"} {
		t.Run(at, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "new.dossier")
			killUnfilledChild(t, path, at)
			if _, err := os.Stat(path); err != nil {
				t.Fatal("the killed import left no file:", err)
			}
			// Another command opening it (dossier docs) tells it, and
			// leaves it as it is.
			other, err := OpenResearchFile(path, unfilledSeed)
			if err != nil {
				t.Fatal(err)
			}
			if !other.LeftUnfilled() || other.MadeNow() {
				t.Errorf("another command: left unfilled %v, made %v; want true, false", other.LeftUnfilled(), other.MadeNow())
			}
			other.Close()
			st, err := OpenResearchFileToFill(path, unfilledSeed)
			if err != nil {
				t.Fatal(err)
			}
			if !st.LeftUnfilled() || !st.MadeNow() {
				t.Fatalf("the next import: left unfilled %v, made %v; want both", st.LeftUnfilled(), st.MadeNow())
			}
			docs, err := st.Documents(context.Background())
			if err != nil || len(docs) != 1 {
				t.Fatalf("documents %v, %v: want the seed's", docs, err)
			}
			removed, err := st.CloseRemovingMade()
			if err != nil || !removed {
				t.Fatalf("nothing imported: removed %v, %v", removed, err)
			}
			if _, err := os.Lstat(path); !os.IsNotExist(err) {
				t.Errorf("the file is still there: %v", err)
			}
		})
	}
}

// A file left by a killed import that was changed since (a window wrote
// notes on the article; another program added a table) is the user's: the
// next import does not take it as made, and never removes it; its mark is
// taken away. Kept, the file a filling command made is the user's too.
func TestAFileLeftByAKilledImportAndChangedIsKept(t *testing.T) {
	changes := map[string]func(t *testing.T, path string){
		"renamed by dossier": func(t *testing.T, path string) { renameOnlyDocument(t, path, "Mine") },
		"another program's table": func(t *testing.T, path string) {
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec(`CREATE TABLE theirs (x); INSERT INTO theirs VALUES (1)`); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, change := range changes {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "new.dossier")
			killUnfilledChild(t, path, "made")
			change(t, path)
			st, err := OpenResearchFileToFill(path, unfilledSeed)
			if err != nil {
				t.Fatal(err)
			}
			if st.LeftUnfilled() || st.MadeNow() {
				t.Errorf("a changed file: left unfilled %v, made %v", st.LeftUnfilled(), st.MadeNow())
			}
			if _, marked, _ := getMeta(context.Background(), st.db, unfilledKey); marked {
				t.Error("a changed file is marked still")
			}
			if removed, err := st.CloseRemovingMade(); removed || err != nil {
				t.Fatalf("removed %v, %v", removed, err)
			}
		})
	}
	t.Run("kept", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "new.dossier")
		st, err := OpenResearchFileToFill(path, unfilledSeed)
		if err != nil || !st.MadeNow() {
			t.Fatal(err)
		}
		st.KeepMade()
		st.Close()
		again, err := OpenResearchFileToFill(path, unfilledSeed)
		if err != nil {
			t.Fatal(err)
		}
		defer again.Close()
		if again.LeftUnfilled() || again.MadeNow() {
			t.Errorf("a file kept: left unfilled %v, made %v", again.LeftUnfilled(), again.MadeNow())
		}
	})
}

// A file an import was killed in before it could mark it (just made,
// empty; or holding the tables alone) holds nothing any open put in it:
// the next import takes it as made, as a marked one. One holding a
// document, with no seed (made by another program, or an old version),
// is the user's.
func TestAnUnseededFileIsTakenAsNewOnlyEmpty(t *testing.T) {
	cases := map[string]struct {
		make func(t *testing.T, path string)
		take bool
	}{
		"empty": {func(t *testing.T, path string) {
			if err := os.WriteFile(path, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}, true},
		"tables alone": {func(t *testing.T, path string) {
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
		}, true},
		"a document, no seed": {func(t *testing.T, path string) {
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.ImportText(context.Background(), "Mine", "", "My own words."); err != nil {
				t.Fatal(err)
			}
		}, false},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "new.dossier")
			c.make(t, path)
			st, err := OpenResearchFileToFill(path, unfilledSeed)
			if err != nil {
				t.Fatal(err)
			}
			if st.MadeNow() != c.take || st.LeftUnfilled() != c.take {
				t.Errorf("made %v, left unfilled %v; want %v", st.MadeNow(), st.LeftUnfilled(), c.take)
			}
			removed, err := st.CloseRemovingMade()
			if err != nil || removed != c.take {
				t.Errorf("removed %v, %v; want %v", removed, err, c.take)
			}
		})
	}
}
