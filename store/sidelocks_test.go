//go:build linux

package store_test

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/assets"
	"dossier/store"
)

const (
	holdOpenEnv = "DOSSIER_TEST_HOLD_OPEN"
	holdDiesEnv = "DOSSIER_TEST_HOLD_DIES" // TestHoldOpenChild ends as if killed
)

// TestHoldOpenChild is another program with a research file open (a
// script, SQLite's shell), run by holdOpen in a process of its own: it
// commits a row, says "ready", and keeps the file open until its input
// ends; then it folds its WAL into its file, empties it, and closes.
func TestHoldOpenChild(t *testing.T) {
	path := os.Getenv(holdOpenEnv)
	if path == "" {
		t.Skip("run by holdOpen")
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE held(note TEXT); INSERT INTO held VALUES ('written by the other program')`); err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("ready\n")
	io.Copy(io.Discard, os.Stdin)
	if os.Getenv(holdDiesEnv) != "" {
		os.Exit(0) // as if killed: nothing folded in, nothing closed
	}
	// SQLite does not checkpoint a moved file at close: a careful program
	// does it itself (Dossier does, see lostFile).
	if _, err := db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
}

// holdOpen starts TestHoldOpenChild on path and returns once it has the
// file open; calling the returned func makes it let go and waits for it.
func holdOpen(t *testing.T, path string) (letGo func()) {
	t.Helper()
	return holdInChild(t, "TestHoldOpenChild", holdOpenEnv, path)
}

// holdStoreOpen is holdOpen with a Dossier store (TestHoldStoreChild).
func holdStoreOpen(t *testing.T, path string) (letGo func()) {
	t.Helper()
	return holdInChild(t, "TestHoldStoreChild", holdStoreEnv, path)
}

// holdInChild runs the test named in a process of its own, with env set to
// path, until it says "ready".
func holdInChild(t *testing.T, test, env, path string) (letGo func()) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), env+"="+path)
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if line != "ready\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the other program did not start: %q %s", line, stderr.String())
	}
	done := false
	letGo = func() {
		if done {
			return
		}
		done = true
		in.Close()
		if err := cmd.Wait(); err != nil {
			t.Errorf("the other program: %v %s", err, stderr.String())
		}
	}
	t.Cleanup(letGo)
	return letGo
}

// newResearchFile makes an empty research file in a folder of its own and
// returns its path.
func newResearchFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	return path
}

// moveAndReplace moves the research file at path to moved.dossier beside
// it and puts another in its place, holding one document about ferries.
func moveAndReplace(t *testing.T, path string) (moved string) {
	t.Helper()
	other := filepath.Join(t.TempDir(), "other.dossier")
	o, err := store.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	importText(t, o, "ferries.txt", "A document about the ferry schedule.\n\nSecond paragraph.")
	o.Close()
	moved = filepath.Join(filepath.Dir(path), "moved.dossier")
	if err := os.Rename(path, moved); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(other, path); err != nil {
		t.Fatal(err)
	}
	return moved
}

// A program has the research file open; the file is moved away and
// another put in its place (a sync tool, a restore by hand). The side
// files at the name are still that program's: a Dossier opening the name
// read the new file through them and wrote into them, so the two files'
// commits were mixed or lost (found by a hostile pass: a write lost, and
// the importer's last documents). Open, OpenReadOnly and CheckFile wait
// for the program to let go, and refuse, touching nothing, if it does not.
func TestOpenWaitsForSideFilesOfAMovedFile(t *testing.T) {
	defer store.SetSidesOfAnotherFileWait(300 * time.Millisecond)()
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "research.dossier")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureDefaultCorpus(ctx, assets.SeedArticleName, assets.SeedArticle); err != nil {
		t.Fatal(err)
	}
	s.Close()
	letGo := holdOpen(t, path)
	moved := moveAndReplace(t, path)
	before := readFile(t, path)
	wal := readFile(t, path+"-wal")

	if s, err := store.Open(path); err == nil {
		s.Close()
		t.Fatal("Open went on through another file's side files")
	} else if !strings.Contains(err.Error(), "does not hold the file itself") || !strings.Contains(err.Error(), path) {
		t.Errorf("Open's message %q should name the file and say whose side files are there", err)
	} else if who, under := store.SideFilesHolder(err); !strings.Contains(who, "(process ") || under {
		t.Errorf("SideFilesHolder = %q, %v; want the program, holding the side files", who, under)
	}
	if s, err := store.OpenReadOnly(path, "checking"); err == nil {
		s.Close()
		t.Error("OpenReadOnly went on through another file's side files")
	}
	rel, _ := filepath.Rel(mustGetwd(t), path)
	if _, err := store.CheckFile(ctx, rel); err == nil || !strings.Contains(err.Error(), "does not hold the file itself") || !strings.Contains(err.Error(), path) {
		t.Errorf("CheckFile: %v; want a refusal naming %s", err, path)
	}
	if after := readFile(t, path); string(after) != string(before) {
		t.Error("the file put in place was written to")
	}
	if after := readFile(t, path+"-wal"); string(after) != string(wal) {
		t.Error("the other program's WAL was written to")
	}

	// The program lets go: the file at the name opens as itself, and the
	// program's commit is in its own file.
	letGo()
	s, err = store.Open(path)
	if err != nil {
		t.Fatalf("Open once the program let go: %v", err)
	}
	defer s.Close()
	docs, err := s.Documents(ctx)
	if err != nil || len(docs) != 1 || docs[0].Title == seedTitle {
		t.Fatalf("the file at the name holds %+v (%v); want the one put in place", docs, err)
	}
	var note string
	if err := rawDB(t, moved).QueryRow(`SELECT note FROM held`).Scan(&note); err != nil {
		t.Errorf("the other program's commit is not in its (moved) file: %v", err)
	}
}

// Dossier in another process had the file open when it was moved: it lets
// go of the side files within a second or two, and Open waits for that
// rather than refusing.
func TestOpenWaitsForAnotherDossierToLetGo(t *testing.T) {
	// Stands for the real wait, which is this and the other store's watch.
	if testing.Short() {
		t.Skip("waits for another process's watch")
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "research.dossier")
	letGo := holdStoreOpen(t, path)
	moved := moveAndReplace(t, path)
	s, err := store.Open(path)
	if err != nil {
		t.Fatalf("Open while another Dossier lets go of the moved file: %v", err)
	}
	docs, err := s.Documents(ctx)
	s.Close()
	if err != nil || len(docs) != 1 || docs[0].Title == seedTitle {
		t.Fatalf("the file at the name holds %+v (%v); want the one put in place", docs, err)
	}
	letGo()
	m, err := store.Open(moved)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if docs, err := m.Documents(ctx); err != nil || len(docs) != 1 || docs[0].Title != seedTitle {
		t.Errorf("the moved file holds %+v (%v); want the built-in article the other Dossier added", docs, err)
	}
}

const holdStoreEnv = "DOSSIER_TEST_HOLD_STORE"

// TestHoldStoreChild is another Dossier with the research file open.
func TestHoldStoreChild(t *testing.T) {
	path := os.Getenv(holdStoreEnv)
	if path == "" {
		t.Skip("run by holdStoreOpen")
	}
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureDefaultCorpus(context.Background(), assets.SeedArticleName, assets.SeedArticle); err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("ready\n")
	io.Copy(io.Discard, os.Stdin)
	s.Close() // says the file was moved: not this test's business
}

// A program with the research file open where it is, as the window is
// while the command line imports: its side files are the file's own, and
// Open does not wait for them.
func TestOpenSharesSideFilesOfTheSameFile(t *testing.T) {
	defer store.SetSidesOfAnotherFileWait(time.Minute)()
	path := newResearchFile(t)
	holdOpen(t, path)
	opensWithoutWaiting(t, path, "beside another program")
}

// opensWithoutWaiting opens path, which must open without waiting for side
// files held elsewhere (the caller sets that wait to a minute).
func opensWithoutWaiting(t *testing.T, path, beside string) {
	t.Helper()
	start := time.Now()
	s, err := store.Open(path)
	if err != nil {
		t.Fatalf("Open %s: %v", beside, err)
	}
	s.Close()
	// Not a speed target: a wrongful wait is the whole minute.
	if waited := time.Since(start); waited > 30*time.Second {
		t.Errorf("Open %s waited %v", beside, waited)
	}
}

// The file is swapped in the instant between Open's look at the locks and
// SQLite's open (found by a hostile pass: a second Dossier opened the new
// file through an importer's side files and wrote into them; the importer
// then folded those pages into its own file, damaging it, and its reported
// documents were lost). Open looks again once it holds the file and its
// -shm, before it may write, and refuses; and this process does not open
// that file again (a second hostile pass: SQLite attached it to the side
// files the abandoned connection keeps, which the other program took away
// from the name, and a third program's writes damaged it). Both files stay
// whole.
func TestOpenRefusesAFileSwappedWhileOpening(t *testing.T) {
	ctx := context.Background()
	for _, other := range []struct {
		what string
		hold func(*testing.T, string) func()
	}{
		{"another Dossier", holdStoreOpen},
		{"another program", holdOpen},
	} {
		t.Run(other.what, func(t *testing.T) {
			defer store.SetSidesOfAnotherFileWait(300 * time.Millisecond)()
			path := newResearchFile(t)
			letGo := other.hold(t, path)
			var moved string
			swaps := 0
			defer store.SetOpenWritableHook(func(stage string) {
				if stage == "opening" {
					if swaps++; swaps == 1 {
						moved = moveAndReplace(t, path)
					}
				}
			})()
			for try := 1; try <= 2; try++ {
				if s, err := store.Open(path); err == nil {
					s.Close()
					t.Fatalf("open %d went on through another file's side files", try)
				} else if !errors.Is(err, store.ErrSwappedWhileOpening) || !strings.Contains(err.Error(), "start Dossier (or the command) again") || !strings.Contains(err.Error(), path) {
					t.Errorf("open %d: %v; want a refusal saying the file was swapped while opening", try, err)
				}
				if try == 1 {
					letGo() // and still not opened again here
				}
			}
			if _, err := store.CheckFile(ctx, path); err == nil {
				t.Error("the file was checked through the abandoned connection's side files")
			}
			// Nor restored or recovered: their connections would use those
			// side files too (found by a hostile pass: a restore's checkpoint
			// emptied another program's WAL, and its commits were lost).
			dir := t.TempDir()
			if err := store.RestoreFile(ctx, path, moved, dir); !errors.Is(err, store.ErrSwappedWhileOpening) {
				t.Errorf("RestoreFile: %v; want ErrSwappedWhileOpening", err)
			}
			if _, err := store.Recover(ctx, path, filepath.Join(dir, "recovered.dossier")); !errors.Is(err, store.ErrSwappedWhileOpening) {
				t.Errorf("Recover: %v; want ErrSwappedWhileOpening", err)
			}
			// Copies (new files) are read here; the files themselves by
			// another process, which holds none of their side files.
			copyOf := func(path string) *store.Store {
				c := filepath.Join(t.TempDir(), "copy.dossier")
				if out, err := exec.Command("cp", path, c).CombinedOutput(); err != nil {
					t.Fatalf("cp: %v %s", err, out)
				}
				if problems, err := store.CheckFile(ctx, c); err != nil || len(problems) > 0 {
					t.Errorf("%s: %v %v", filepath.Base(path), problems, err)
				}
				return mustOpenAt(t, c)
			}
			if docs, err := copyOf(path).Documents(ctx); err != nil || len(docs) != 1 || docs[0].Title == seedTitle {
				t.Errorf("the file at the name holds %+v (%v); want the one put in place", docs, err)
			}
			old := copyOf(moved)
			if other.what == "another Dossier" {
				if docs, err := old.Documents(ctx); err != nil || len(docs) != 1 || docs[0].Title != seedTitle {
					t.Errorf("the moved file holds %+v (%v); want the other Dossier's import", docs, err)
				}
			} else if err := rawDB(t, old.Path()).QueryRow(`SELECT 1 FROM held`).Scan(new(int)); err != nil {
				t.Errorf("the other program's commit is not in its (moved) file: %v", err)
			}
		})
	}
}

func mustGetwd(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

// The other Dossier lets go of its side files (takes them away from the
// name) in the instant after SQLite attached the file swapped in to them
// and before Open looked at the locks: no program holds a -shm at the name
// then, but this process maps the one taken away (found by a hostile pass:
// the window then showed the moved file's documents under the new file's
// name, and could write). Open sees that it does not map the -shm at the
// name, and refuses.
func TestOpenRefusesWhenTheOtherLetGoWhileAttaching(t *testing.T) {
	path := newResearchFile(t)
	holdStoreOpen(t, path)
	hooked := false
	defer store.SetOpenWritableHook(func(stage string) {
		if hooked { // moveAndReplace's own Open
			return
		}
		switch stage {
		case "opening":
			hooked = true
			moveAndReplace(t, path)
			hooked = false
		case "attached": // until the other Dossier has taken its side files away
			hooked = true
			for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
				if _, err := os.Stat(path + "-shm"); errors.Is(err, os.ErrNotExist) {
					return
				}
			}
			t.Error("the other Dossier did not take its side files away")
		}
	})()
	if s, err := store.Open(path); err == nil {
		s.Close()
		t.Fatal("Open went on through side files taken away from the name")
	} else if !errors.Is(err, store.ErrSwappedWhileOpening) {
		t.Errorf("Open: %v; want ErrSwappedWhileOpening", err)
	}
}

// Another Dossier opens the same new file just after this one made it WAL
// (the window and the command line creating it together): the connection
// that made it WAL has not opened its side files yet, and finds the other's
// -shm at the name. They are the file's own: Open goes on (it said "another
// file was put in its place").
func TestOpenNewFileWhileAnotherDossierOpensIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "research.dossier")
	other := false
	defer store.SetOpenWritableHook(func(stage string) {
		if _, err := os.Stat(path + "-shm"); stage == "wal" && !other && errors.Is(err, os.ErrNotExist) {
			other = true
			holdStoreOpen(t, path)
		}
	})()
	s, err := store.Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	s.Close()
	if !other {
		t.Fatal("the other Dossier did not open the file in between: nothing tested")
	}
	checkSchema(t, path)
}

// The program that held the side files for the moved file is killed (or
// closes without folding its WAL in, as SQLite does for a moved file):
// nobody holds them, but its last commit waits in the -wal at the name,
// which SQLite would read into the file there (found by a UI pass: "Try
// again" after the script was killed wrote its change into the other
// file). This process, which saw whose they were, refuses them, and opens
// the file once they are moved beside the file they belong to, which then
// has its commit.
func TestOpenRefusesSideFilesLeftByAProgramThatDied(t *testing.T) {
	defer store.SetSidesOfAnotherFileWait(300 * time.Millisecond)()
	t.Setenv(holdDiesEnv, "1")
	path := newResearchFile(t)
	dies := holdOpen(t, path)
	moved := moveAndReplace(t, path)
	if _, err := store.Open(path); !errors.Is(err, store.ErrSideFilesHeldElsewhere) {
		t.Fatalf("Open while the program holds them: %v", err)
	}
	dies()
	before := readFile(t, path)
	if s, err := store.Open(path); err == nil {
		s.Close()
		t.Fatal("Open read the dead program's WAL into the file at the name")
	} else if !errors.Is(err, store.ErrLeftSideFiles) || !strings.Contains(err.Error(), "move") {
		t.Errorf("Open: %v; want a refusal saying where the side files belong", err)
	}
	if string(readFile(t, path)) != string(before) {
		t.Error("the file at the name was written to")
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Rename(path+suffix, moved+suffix); err != nil {
			t.Fatal(err)
		}
	}
	s := mustOpenAt(t, path)
	if docs, err := s.Documents(context.Background()); err != nil || len(docs) != 1 || docs[0].Title == seedTitle {
		t.Errorf("the file at the name holds %+v (%v); want the one put in place", docs, err)
	}
	if err := rawDB(t, moved).QueryRow(`SELECT 1 FROM held`).Scan(new(int)); err != nil {
		t.Errorf("the dead program's commit is not in its file once its side files are beside it: %v", err)
	}
}

// A program has the research file open; the file is moved (not replaced),
// and Dossier is asked to open it at its new name (found by a UI pass,
// through the banner's Open another research file…): it would keep side
// files of the new name while the program writes through those of the old
// one, two WALs neither reads the other's. Open waits, then refuses; once
// the program has let go, it opens.
func TestOpenRefusesAFileOpenElsewhereUnderAnotherName(t *testing.T) {
	defer store.SetSidesOfAnotherFileWait(300 * time.Millisecond)()
	path := newResearchFile(t)
	letGo := holdOpen(t, path)
	moved := filepath.Join(filepath.Dir(path), "moved.dossier")
	if err := os.Rename(path, moved); err != nil {
		t.Fatal(err)
	}
	if s, err := store.Open(moved); err == nil {
		s.Close()
		t.Fatal("Open went on beside a program writing the file through other side files")
	} else if !errors.Is(err, store.ErrSideFilesHeldElsewhere) || !strings.Contains(err.Error(), "under another name") {
		t.Errorf("Open: %v; want a refusal saying it is open under another name", err)
	} else if who, under := store.SideFilesHolder(err); !strings.Contains(who, "(process ") || !under {
		t.Errorf("SideFilesHolder = %q, %v; want the program, with the file under another name", who, under)
	}
	letGo()
	mustOpenAt(t, moved) // fails the test if it cannot
	if err := rawDB(t, moved).QueryRow(`SELECT 1 FROM held`).Scan(new(int)); err != nil {
		t.Errorf("the program's commit is not in the file: %v", err)
	}
}

const holdExclusiveEnv = "DOSSIER_TEST_HOLD_EXCLUSIVE"

// TestHoldExclusiveChild holds one research file as usual and another in
// SQLite's exclusive locking mode, which keeps no -shm.
func TestHoldExclusiveChild(t *testing.T) {
	paths := strings.Split(os.Getenv(holdExclusiveEnv), "\n")
	if len(paths) != 2 {
		t.Skip("run by TestExclusiveModeIsNotAnotherName")
	}
	for i, path := range paths {
		db, err := sql.Open("sqlite", "file:"+path)
		if err != nil {
			t.Fatal(err)
		}
		db.SetMaxOpenConns(1)
		if i == 1 {
			if _, err := db.Exec(`PRAGMA locking_mode=EXCLUSIVE`); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.QueryRow(`SELECT count(*) FROM sqlite_schema`).Scan(new(int)); err != nil {
			t.Fatal(err)
		}
	}
	os.Stdout.WriteString("ready\n")
	io.Copy(io.Discard, os.Stdin)
}

// A program holding the file in exclusive locking mode (no -shm), and
// another file as usual (its -shm), is not a program holding the file under
// another name (found by a hostile pass: Open said the file was moved; it
// is locked, as SQLite says).
func TestExclusiveModeIsNotAnotherName(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.dossier"), filepath.Join(dir, "b.dossier")
	for _, p := range []string{a, b} {
		s, err := store.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	holdInChild(t, "TestHoldExclusiveChild", holdExclusiveEnv, a+"\n"+b)
	if who := store.HeldUnderAnotherName(b); who != "" {
		t.Errorf("%s, holding the file in exclusive mode, is taken for holding it under another name", who)
	}
	if who := store.HeldUnderAnotherName(a); who != "" {
		t.Errorf("%s, holding the file as usual, is taken for holding it under another name", who)
	}
}

// A connection of this very process has the file open, and a descriptor
// of the file closed elsewhere in the process has dropped its locks (here
// a test's read; in the CI, a test watching an import in process): this
// process is not another program, and Open does not wait for it (it waited,
// then said the side files were held by "this program").
func TestOpenIsNotRefusedByThisProcesssDroppedLocks(t *testing.T) {
	defer store.SetSidesOfAnotherFileWait(time.Minute)()
	path := newResearchFile(t)
	watch := rawDB(t, path)
	if err := watch.QueryRow(`SELECT count(*) FROM documents`).Scan(new(int)); err != nil {
		t.Fatal(err)
	}
	readFile(t, path) // opens and closes the file: the watch's lock on it is gone
	opensWithoutWaiting(t, path, "beside this process's own connection")
}
