package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"dossier/app/cli"
	"dossier/store"
)

// TestExportToTerminalEscapesControls: `export` to the standard output
// printed a saved search's name and a note with their ESC sequences raw
// (a hostile data pass's `ss^[[2Jx`), where search, docs and tags escape
// them. On a terminal every format now shows them escaped; to a pipe or a
// file the export stays byte for byte what the research file holds, but
// for Markdown's bidirectional controls, printed as U+FFFD as the reader
// shows them (store's printable: one reversed the citation after a title).
func TestExportToTerminalEscapesControls(t *testing.T) {
	db := newDB(t)
	name := "ss\x1b[2Jx \u202eevil"
	note := "note \x1b]0;pwned\x07 here\u009b6n"
	withStore(t, db, func(ctx context.Context, st *store.Store, seed int64) {
		if _, err := st.SaveSearchUndoable(ctx, name, "putin"); err != nil {
			t.Fatal(err)
		}
		p, err := st.Passages(ctx, seed)
		if err != nil || len(p) == 0 {
			t.Fatalf("passages: %v", err)
		}
		if _, err := st.AddBookmark(ctx, p[0].ID, nil, note); err != nil {
			t.Fatal(err)
		}
	})
	raw := func(s string) bool { return strings.ContainsAny(s, "\x1b\x07\u009b\u202e") }
	// What each format shows of the name and the note (Markdown escapes
	// brackets; CSV has no saved searches), raw and on a terminal.
	shown := map[string][]string{
		"md":  {"ss\x1b", "\ufffdevil", "pwned\x07 here\u009b6n"},
		"csv": {"note \x1b]0;pwned\x07 here\u009b6n"},
	}
	visible := func(s string) string {
		return strings.NewReplacer("\x1b", `\x1b`, "\x07", `\x07`, "\u009b", `\u009b`, "\u202e", `\u202e`).Replace(s)
	}
	// withoutExportedAt drops the JSON bundle's one line that changes between runs.
	withoutExportedAt := func(s string) string {
		var keep []string
		for _, l := range strings.Split(s, "\n") {
			if !strings.HasPrefix(strings.TrimSpace(l), `"exported":`) {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}

	for _, format := range []string{"md", "csv", "json"} {
		restore := cli.SetStdoutIsTerminal(true)
		term := run(t, db, "export", "--format", format)
		restore()
		if term.code != cli.ExitOK {
			t.Fatalf("%s to a terminal: exit %d, %s", format, term.code, term.stderr)
		}
		if raw(term.stdout) {
			t.Errorf("%s to a terminal printed control characters raw:\n%q", format, term.stdout)
		}
		restore = cli.SetStdoutIsTerminal(false)
		piped := run(t, db, "export", "--format", format)
		restore()
		if piped.code != cli.ExitOK {
			t.Fatalf("%s to a pipe: exit %d, %s", format, piped.code, piped.stderr)
		}
		for _, want := range shown[format] {
			if !strings.Contains(term.stdout, visible(want)) {
				t.Errorf("%s to a terminal does not show %q escaped:\n%s", format, want, term.stdout)
			}
			if !strings.Contains(piped.stdout, want) {
				t.Errorf("%s to a pipe lost %q:\n%q", format, want, piped.stdout)
			}
		}
		if format != "json" {
			continue
		}
		// The terminal's JSON is still JSON and says the same.
		var a, b map[string]any
		if err := json.Unmarshal([]byte(term.stdout), &a); err != nil {
			t.Fatalf("json to a terminal is not JSON: %v", err)
		}
		if err := json.Unmarshal([]byte(piped.stdout), &b); err != nil {
			t.Fatal(err)
		}
		delete(a, "exported")
		delete(b, "exported")
		if !reflect.DeepEqual(a, b) {
			t.Errorf("json to a terminal decodes to something else:\n%s\n%s", term.stdout, piped.stdout)
		}
		if !strings.Contains(piped.stdout, "\u202eevil") {
			t.Errorf("json to a pipe is not exact: %q", piped.stdout)
		}
		// To a pipe it is exactly what --out writes.
		out := filepath.Join(t.TempDir(), "e.json")
		if r := run(t, db, "export", "--format", "json", "--out", out); r.code != cli.ExitOK {
			t.Fatalf("--out: %s", r.stderr)
		}
		if got, err := os.ReadFile(out); err != nil || withoutExportedAt(string(got)) != withoutExportedAt(piped.stdout) {
			t.Errorf("json to a pipe differs from --out (%v)", err)
		}
	}
}

// TestStdoutTerminalDetection: a pipe, a regular file and /dev/null are not
// terminals, so an export written to them is never escaped.
func TestStdoutTerminalDetection(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	files := []*os.File{r, w, f}
	if null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		defer null.Close()
		files = append(files, null)
	}
	for _, file := range files {
		if cli.IsTerminal(file) {
			t.Errorf("%s counts as a terminal", file.Name())
		}
	}
}
