package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkSpans asserts the passage contract of the structured readers: every
// span lies in the text, in order, without overlap, on character
// boundaries, is exactly a trimmed, non-empty passage of at most
// MaxPassageLen bytes; the text is clean UTF-8 without NUL, CR or the
// search markers; metadata is one line.
func checkSpans(t testing.TB, doc *Document) {
	t.Helper()
	if !utf8.ValidString(doc.Text) || strings.ContainsAny(doc.Text, "\r\x00\x02\x03\ufffd") {
		t.Fatalf("text not normalised: %q", doc.Text)
	}
	prev := 0
	for i, p := range doc.Passages {
		if p.Start < prev || p.End <= p.Start || p.End > len(doc.Text) {
			t.Fatalf("passage %d %+v out of order or outside the %d-byte text (previous end %d)", i, p, len(doc.Text), prev)
		}
		if !utf8.RuneStart(doc.Text[p.Start]) || p.End < len(doc.Text) && !utf8.RuneStart(doc.Text[p.End]) {
			t.Fatalf("passage %d %+v cuts a character", i, p)
		}
		s := doc.Text[p.Start:p.End]
		if strings.TrimSpace(s) != s || s == "" || len(s) > MaxPassageLen {
			t.Fatalf("passage %d %+v: %q", i, p, s)
		}
		if strings.Contains(s, "  ") || strings.Contains(s, "\n") {
			t.Fatalf("passage %d has white space runs: %q", i, s)
		}
		prev = p.End
	}
	for what, v := range map[string]string{"title": doc.Title, "author": doc.Author, "published": doc.Published, "source": doc.Source, "url": doc.URL} {
		if !utf8.ValidString(v) || strings.ContainsAny(v, "\n\r\x00") || strings.TrimSpace(v) != v {
			t.Fatalf("%s %q is not one trimmed line", what, v)
		}
	}
}

// listing shows a document's passages, headings marked "# ".
func listing(doc *Document) []string {
	var out []string
	for _, p := range doc.Passages {
		s := doc.Text[p.Start:p.End]
		if p.Heading {
			s = "# " + s
		}
		out = append(out, s)
	}
	return out
}

func wantPassages(t *testing.T, doc *Document, want []string) {
	t.Helper()
	got := listing(doc)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("passages:\n got %q\nwant %q", got, want)
	}
}

// member is one file of a zip fixture; stored members are not compressed
// (an EPUB's mimetype must be).
type member struct {
	name, body string
	stored     bool
}

func makeZip(t testing.TB, members ...member) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		method := zip.Deflate
		if m.stored {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(m.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// wantError asserts an *Error naming the file whose reason contains want.
func wantError(t *testing.T, err error, file, want string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.File != file || !strings.Contains(e.Reason, want) {
		t.Fatalf("error %v (%T): want an *Error for %s containing %q", err, err, file, want)
	}
}
