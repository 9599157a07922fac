package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
)

// exportedBundle is the JSON bundle of a file holding one bookmark.
func exportedBundle(t *testing.T) []byte {
	t.Helper()
	s, doc := mustSeed(t)
	ctx := context.Background()
	p := checkStoredOffsets(t, s, doc)[0]
	if _, err := s.AddBookmark(ctx, p.ID, nil, "a note"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.ExportJSON(ctx, &buf, ""); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A damaged bundle is called that, with where it goes wrong; never an
// unsupported file type.
func TestDamagedBundleSaysWhere(t *testing.T) {
	good := exportedBundle(t)
	lines := strings.Split(string(good), "\n")
	if len(lines) < 5 {
		t.Fatalf("the exported bundle is on %d lines; the test wants an indented one", len(lines))
	}
	// Line 3 gets a stray character at its start.
	edited := append([]string{}, lines...)
	edited[2] = "@" + edited[2]
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"cut short", good[:len(good)/2], "damaged Dossier annotation bundle: it ends early, at line "},
		{"edited", []byte(strings.Join(edited, "\n")), "damaged Dossier annotation bundle: invalid JSON at line 3, column 1 "},
		{"wrong type", []byte(`{"format": "dossier-annotations", "version": "one"}`), `damaged Dossier annotation bundle: at line 1, column 51 (byte 50), "version" should be a whole number, not string`},
		// A field of an embedded struct was named with Go's name for it,
		// "bookmarks.BundlePassage.passage", and a date that is none was
		// "not a Dossier annotation bundle: parsing time \"yesterday\" as
		// \"2006-01-02T15:04:05Z07:00\": …", with no place (a hostile pass).
		{"embedded field", []byte("{\"format\": \"dossier-annotations\",\n\"bookmarks\": [{\"passage\": \"abc\"}]}"), `damaged Dossier annotation bundle: at line 2, column 32 (byte 65), "bookmarks.passage" should be a whole number, not string`},
		{"not a date", []byte("{\"format\": \"dossier-annotations\",\n\"bookmarks\": [{\"created\": \"yesterday\"}]}"), `damaged Dossier annotation bundle: at line 2, column 27 (byte 60), "yesterday" is not a date and time such as "2026-01-02T15:04:05Z"`},
		{"no such month", []byte("{\"format\": \"dossier-annotations\",\n\"exported\": \"2026-13-45T00:00:00Z\"}"), `damaged Dossier annotation bundle: at line 2, column 13 (byte 46), "2026-13-45T00:00:00Z" is not a date and time such as "2026-01-02T15:04:05Z" (month out of range)`},
	}
	dir := t.TempDir()
	for _, tc := range cases {
		path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".json")
		if err := os.WriteFile(path, tc.data, 0o644); err != nil {
			t.Fatal(err)
		}
		data, ok, err := store.ReadBundleFile(path)
		if !ok || err != nil {
			t.Errorf("%s: ReadBundleFile ok=%v, %v: want it taken as a bundle", tc.name, ok, err)
			continue
		}
		_, err = store.ReadBundle(bytes.NewReader(data))
		if !errors.Is(err, store.ErrDamagedBundle) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v\nwant %q", tc.name, err, tc.want)
		}
	}
	// Other JSON is refused as not a bundle: it was left to the document
	// importer, which said "unsupported file type .json" while the help
	// lists .json bundles (a hostile pass).
	other := filepath.Join(dir, "data.json")
	os.WriteFile(other, []byte(`{"a": 1}`), 0o644)
	if _, ok, err := store.ReadBundleFile(other); !ok || !errors.Is(err, store.ErrNotBundle) || !strings.Contains(err.Error(), `"format": "dossier-annotations"`) {
		t.Errorf("valid non-bundle JSON: ok=%v, %v", ok, err)
	}
}

// A bundle must be a regular file: a FIFO named .json is refused at once
// instead of hanging the import.
func TestBundleFileNotRegular(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.json")
	if err := mkfifo(fifo); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	_, ok, err := store.ReadBundleFile(fifo)
	if !ok || err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("FIFO: ok=%v, %v", ok, err)
	}
}
