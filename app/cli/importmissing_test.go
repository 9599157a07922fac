package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/app/cli"
	"dossier/internal/wording"
	"dossier/store/ingest"
)

// An import none of whose inputs can be read (a missing file, a mistyped
// option such as "---help", a folder with nothing to import, a file over
// the size limit, or one whose first bytes say it cannot be: empty, of no
// format Dossier reads, failing to read) imports
// nothing, and says so before opening the research file: it made a new
// research file (with its side files) to hold nothing (data17's L3).
func TestAnImportOfNothingReadableMakesNoResearchFile(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty-folder")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(empty, "notes.xyz"), []byte("not importable"), 0o644)
	// Over the size limit, which its size alone says (sparse: it takes no
	// room on the disk).
	huge := filepath.Join(dir, "huge.txt")
	if f, err := os.Create(huge); err != nil || f.Truncate(ingest.MaxFileSize+1) != nil || f.Close() != nil {
		t.Fatal("cannot make a sparse file:", err)
	}
	// Told by their first bytes: empty, of no format Dossier reads.
	emptyFile := filepath.Join(dir, "empty.txt")
	os.WriteFile(emptyFile, nil, 0o644)
	unsupported := filepath.Join(dir, "notes.xyz")
	os.WriteFile(unsupported, []byte("plain words"), 0o644)
	type input struct {
		args []string
		want []string
	}
	var told []input
	if _, err := os.Stat("/proc/self/mem"); err == nil {
		// An ordinary file whose reading fails (EIO) at once.
		told = append(told, input{[]string{"/proc/self/mem"}, []string{"/proc/self/mem: read /proc/self/mem: "}})
	}
	for _, c := range append(told, []input{
		{[]string{filepath.Join(dir, "missing.txt")}, []string{"missing.txt: no such file\n"}},
		{[]string{"---help"}, []string{"---help: no such file (import has no options: dossier import --help shows its usage"}},
		{[]string{"--", "-x.txt"}, []string{"-x.txt: no such file\n"}},
		{[]string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.pdf")}, []string{"a.txt: no such file", "b.pdf: no such file"}},
		{[]string{empty}, []string{"empty-folder: is a folder holding no files Dossier imports"}},
		{[]string{huge}, []string{"huge.txt: is 67108865 bytes; the import limit is 67108864 bytes\n"}},
		{[]string{emptyFile}, []string{"empty.txt: the file is empty\n"}},
		{[]string{unsupported}, []string{`notes.xyz: unsupported file type ".xyz" (Dossier imports .txt`}},
		{[]string{emptyFile, unsupported}, []string{"empty.txt: the file is empty\n", "notes.xyz: unsupported"}},
	}...) {
		work := t.TempDir()
		db := filepath.Join(work, "research.dossier")
		r := run(t, db, append([]string{"import"}, c.args...)...)
		if r.code != cli.ExitError || !strings.Contains(r.stderr, "could not be imported; no research file was made") {
			t.Errorf("import %q: exit %d, stderr %q", c.args, r.code, r.stderr)
		}
		for _, w := range c.want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("import %q: stdout %q, want %q in it", c.args, r.stdout, w)
			}
		}
		if strings.Contains(r.stderr, "made a new research file") {
			t.Errorf("import %q: %q", c.args, r.stderr)
		}
		if left, _ := os.ReadDir(work); len(left) != 0 {
			t.Errorf("import %q left %v behind", c.args, left)
		}
	}

	// Into a research file there is already: the same words.
	existing := filepath.Join(t.TempDir(), "research.dossier")
	run(t, existing, "docs")
	for _, args := range [][]string{{"---help"}, {"--", "-x.txt"}} {
		r := run(t, existing, append([]string{"import"}, args...)...)
		hinted := strings.Contains(r.stdout, "no such file (import has no options")
		if r.code != cli.ExitError || hinted != (args[0] == "---help") {
			t.Errorf("import %q into a research file: exit %d, %q", args, r.code, r.stdout)
		}
	}

	// One readable input among missing ones: imported, the others named.
	work := t.TempDir()
	db := filepath.Join(work, "research.dossier")
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("Good notes\n\nThe kumquat harvest was late.\n"), 0o644)
	r := run(t, db, "import", filepath.Join(dir, "missing.txt"), good)
	if r.code != cli.ExitError || !strings.Contains(r.stdout, "missing.txt: no such file") || !strings.Contains(r.stdout, "imported  "+good) {
		t.Errorf("missing and good: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("missing and good: %v", err)
	}
}

// A file that may not be read is refused before the open too.
func TestAnImportOfAnUnreadableFileMakesNoResearchFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.txt")
	if err := os.WriteFile(secret, []byte("Secret\n\nText.\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(dir, "locked")
	os.Mkdir(locked, 0o755)
	os.WriteFile(filepath.Join(locked, "a.txt"), []byte("A\n\nText.\n"), 0o644)
	os.Chmod(locked, 0o000)
	defer os.Chmod(locked, 0o755)
	for _, in := range []string{secret, locked} {
		work := t.TempDir()
		r := run(t, filepath.Join(work, "research.dossier"), "import", in)
		if r.code != cli.ExitError || !strings.Contains(r.stdout, "Dossier may not read") {
			t.Errorf("import %s: exit %d, %q %q", in, r.code, r.stdout, r.stderr)
		}
		if left, _ := os.ReadDir(work); len(left) != 0 {
			t.Errorf("import %s left %v behind", in, left)
		}
	}
}

// Files refused only once read whole (blank, a damaged PDF, JSON that is no
// bundle) leave no new research file either: the one made for them is
// removed again, since nothing went into it, and is not said made first
// ("made a new research file" followed by "… was removed again": data20).
// An existing one is kept, and so is a new one that one file went into,
// which is said made.
func TestAnImportThatImportsNothingLeavesNoNewResearchFile(t *testing.T) {
	dir := t.TempDir()
	blank := filepath.Join(dir, "blank.txt")
	os.WriteFile(blank, []byte("  \n\n \t \n"), 0o644)
	pdf := filepath.Join(dir, "bad.pdf")
	os.WriteFile(pdf, []byte("%PDF-1.4 not really"), 0o644)
	notBundle := filepath.Join(dir, "settings.json")
	os.WriteFile(notBundle, []byte(`{"theme": "dark"}`), 0o644)
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("Good notes\n\nThe kumquat harvest was late.\n"), 0o644)

	for _, args := range [][]string{{blank}, {pdf}, {notBundle}, {blank, pdf, notBundle}} {
		work := t.TempDir()
		db := filepath.Join(work, "research.dossier")
		r := run(t, db, append([]string{"import"}, args...)...)
		want := fmt.Sprintf("%d of %s could not be imported; the new research file %s was removed again, since nothing was imported into it\n",
			len(args), wording.Count(len(args), "file"), db)
		if r.code != cli.ExitError || r.stderr != "dossier import: "+want {
			t.Errorf("import %q: exit %d, stderr %q; want %q alone", args, r.code, r.stderr, want)
		}
		if left, _ := os.ReadDir(work); len(left) != 0 {
			t.Errorf("import %q left %v behind", args, left)
		}
	}

	// One good file among them: the new file keeps it.
	work := t.TempDir()
	db := filepath.Join(work, "research.dossier")
	r := run(t, db, "import", blank, good)
	wantErr := "dossier: made a new research file " + db + "; it starts with the built-in article\n" +
		"dossier import: 1 of 2 files could not be imported\n"
	if r.code != cli.ExitError || r.stderr != wantErr || !strings.Contains(r.stdout, "imported  "+good) {
		t.Errorf("blank and good: exit %d, %q %q; want stderr %q", r.code, r.stdout, r.stderr, wantErr)
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("blank and good: %v", err)
	}
	// An existing file is never removed, though nothing went into it.
	existing := filepath.Join(t.TempDir(), "research.dossier")
	run(t, existing, "docs")
	r = run(t, existing, "import", blank)
	if _, err := os.Stat(existing); err != nil || r.code != cli.ExitError || strings.Contains(r.stderr, "removed") {
		t.Errorf("blank into an existing file: exit %d, %q; %v", r.code, r.stderr, err)
	}
}

// makingWriter is the stdout of an import that, at its first line, has
// another import make the research file at db: two imports at once.
type makingWriter struct {
	t        *testing.T
	db, from string
	made     bool
}

func (w *makingWriter) Write(p []byte) (int, error) {
	if !w.made {
		w.made = true
		if r := run(w.t, w.db, "import", w.from); r.code != cli.ExitOK {
			w.t.Errorf("the other import: exit %d, stderr %q", r.code, r.stderr)
		}
	}
	return len(p), nil
}

// Two imports into a new research file at once, one of files none of
// which can be read: that one said "no research file was made" while the
// other made it (data25). It says nothing was imported into it.
func TestAnImportOfNothingWhileAnotherMakesTheFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "new.dossier")
	report := filepath.Join(dir, "report.txt")
	if err := os.WriteFile(report, []byte("A report\n\nSome words.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var errOut strings.Builder
	code := cli.Run(db, []string{"import", filepath.Join(dir, "missing.txt")}, seed, &makingWriter{t: t, db: db, from: report}, &errOut)
	if _, err := os.Lstat(db); err != nil {
		t.Fatal("the other import made no file:", err)
	}
	want := "dossier import: 1 of 1 file could not be imported; nothing was imported into " + db + ", made meanwhile by another program\n"
	if code != cli.ExitError || errOut.String() != want {
		t.Errorf("exit %d, stderr %q; want %q", code, errOut.String(), want)
	}
}
