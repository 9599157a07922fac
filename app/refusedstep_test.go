package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dossier/store"
)

// What the user saw (a hostile UI pass, Xvfb 1024×768): a bookmark added,
// undone, a bundle imported whose bookmark took its number, then Edit →
// Redo: "Could not redo bookmark: cannot bring back the bookmark: another
// one added since (by an import, say) took its place; nothing was changed
// ⏎⏎ The steps before it were dropped from the history." The first
// paragraph had no full stop, and the second said steps were dropped where
// there were none (and, of a redo, "before it" where the ones dropped are
// other undone changes). The message ends each paragraph with a full stop,
// says what was dropped only when something was, and the next undo works.
func TestRefusedRedoSaysWhatWasDropped(t *testing.T) {
	refusal := fmt.Errorf("cannot bring back the bookmark: %w; nothing was changed", store.ErrPlaceTaken)
	ok := func(context.Context, *store.Store) error { return nil }
	fail := func(context.Context, *store.Store) error { return refusal }
	for _, c := range []struct {
		name       string
		undo       bool
		done, redo []*undoEntry
		want, not  string
		left       string // the Edit menu's Undo label after the refusal
	}{
		{name: "redo, nothing else undone", undo: false,
			done: []*undoEntry{{label: "tag passage", undoFns: undoFns{undo: ok, redo: ok}}},
			redo: []*undoEntry{{label: "bookmark", undoFns: undoFns{undo: ok, redo: fail}}},
			not:  "dropped", left: "Undo tag passage"},
		{name: "redo, more undone", undo: false,
			redo: []*undoEntry{{label: "note", undoFns: undoFns{undo: ok, redo: ok}}, {label: "bookmark", undoFns: undoFns{undo: ok, redo: fail}}},
			want: "can no longer be redone", not: "before it", left: "Undo"},
		{name: "undo, older changes", undo: true,
			done: []*undoEntry{{label: "tag passage", undoFns: undoFns{undo: ok, redo: ok}}, {label: "delete bookmark", undoFns: undoFns{undo: fail, redo: ok}}},
			want: "can no longer be undone", left: "Undo"},
	} {
		t.Run(c.name, func(t *testing.T) {
			u := newTestUI(t)
			u.do(func() {
				u.undos.done, u.undos.undone = c.done, c.redo
				u.historyChanged()
			})
			if c.undo {
				u.do(u.undoNow)
			} else {
				u.do(u.redoNow)
			}
			u.do(func() {})
			var msg string
			for _, s := range texts(u.dialog(t, "Error")) {
				if strings.HasPrefix(s, "Could not") {
					msg = s
					break
				}
			}
			for _, para := range strings.Split(msg, "\n\n") {
				if !strings.HasSuffix(para, ".") {
					t.Errorf("a paragraph without a full stop: %q (in %q)", para, msg)
				}
			}
			if c.want != "" && !strings.Contains(msg, c.want) {
				t.Errorf("the message does not say %q: %q", c.want, msg)
			}
			if c.not != "" && strings.Contains(msg, c.not) {
				t.Errorf("the message says %q: %q", c.not, msg)
			}
			// The status line says the step failed (it kept "Undone:
			// bookmark." from the step before).
			if got := u.status.message.Text; !strings.HasPrefix(got, "Could not") {
				t.Errorf("the status line reads %q after the refusal", got)
			}
			if got := u.undos.items[0].Label; got != c.left {
				t.Errorf("Edit → Undo reads %q after the refusal, want %q", got, c.left)
			}
		})
	}
}

// An undo refused because an import changed the thing since leaves the
// note it would have put back on the clipboard, and says so: the refusal
// kept the user's earlier note nowhere (a hostile data pass). A bookmark's
// note, and a claim's; the note now there (the import's) is left as it is.
func TestRefusedUndoKeepsTheEarlierNote(t *testing.T) {
	u := newTestUI(t)
	p := u.openPassage(t, "manafort", 13)
	st, _ := u.store()
	ctx := context.Background()

	b, err := st.AddBookmark(ctx, p.ID, nil, "my first thoughts")
	if err != nil {
		t.Fatal(err)
	}
	_, after, err := st.EditBookmarkNote(ctx, b.ID, "my second thoughts")
	if err != nil {
		t.Fatal(err)
	}
	source, first, second := "Paul Manafort", "the claim's first note", "the claim's second note"
	c, err := st.MarkClaim(ctx, p.ID, store.Range{Start: 0, End: strings.IndexByte(p.Text, ' ')}, store.ClaimEdit{Source: &source, Note: &first})
	if err != nil {
		t.Fatal(err)
	}
	_, edited, err := st.EditClaimUndoable(ctx, c.ID, store.ClaimEdit{Note: &second})
	if err != nil {
		t.Fatal(err)
	}
	refused := func(label string, fns undoFns, changeSince func(), want string) {
		t.Helper()
		u.do(func() {
			u.undos.done = []*undoEntry{{label: label, undoFns: fns}}
			u.a.Clipboard().SetContent("something else")
			u.historyChanged()
		})
		changeSince()
		u.do(u.undoNow)
		u.do(func() {})
		msg := strings.Join(texts(u.dialog(t, "Error")), " ")
		if !strings.Contains(msg, "on the clipboard") || !strings.Contains(msg, "changed since") {
			t.Errorf("undo %s refused: %q; want it to say the earlier note is on the clipboard", label, msg)
		}
		// Kept in a file too: the clipboard is Dossier's own on X11, and
		// the note went when it quit (hostile UI pass ui10).
		checkKeptFile(t, msg, want)
		if got := u.a.Clipboard().Content(); got != want {
			t.Errorf("undo %s refused: the clipboard holds %q, want %q", label, got, want)
		}
		u.tapDialogButton(t, "Error", "OK")
	}
	refused("bookmark note", bookmarkFns(b, after, false), func() {
		if _, _, err := st.EditBookmarkNote(ctx, b.ID, "a colleague's note"); err != nil {
			t.Fatal(err)
		}
	}, "my first thoughts")
	if bs, _ := st.Bookmarks(ctx); len(bs) != 1 || bs[0].Note != "a colleague's note" {
		t.Errorf("after the refused undo the bookmarks are %+v; want the colleague's note left", bs)
	}
	refused("edit claim", claimFns(edited), func() {
		other := "a colleague's claim note"
		if _, err := st.EditClaim(ctx, c.ID, store.ClaimEdit{Note: &other}); err != nil {
			t.Fatal(err)
		}
	}, "the claim's first note")
}

// checkKeptFile checks that msg names a file in the data folder's kept
// folder (store.KeepText) holding want, whole.
func checkKeptFile(t *testing.T, msg, want string) {
	t.Helper()
	m := regexp.MustCompile(`kept in the file “([^”]+)” in (.+?), and (?:is|are) on the clipboard`).FindStringSubmatch(msg)
	if m == nil {
		t.Errorf("%q names no file the note is kept in", msg)
		return
	}
	dir := m[2]
	if home, err := os.UserHomeDir(); err == nil && strings.HasPrefix(dir, "~") {
		dir = home + strings.TrimPrefix(dir, "~")
	}
	if dir != filepath.Join(os.Getenv("XDG_DATA_HOME"), "dossier", "kept") {
		t.Errorf("note kept in %s; want the data folder's kept folder", m[2])
	}
	path := filepath.Join(dir, m[1])
	if got, err := os.ReadFile(path); err != nil || string(got) != want {
		t.Errorf("%s holds %q (%v); want %q", path, got, err, want)
	}
}

// A refused undo (or redo) of a rename or a Document details edit, the
// document changed since in another window, keeps the title or details it
// would have put back as a refused note undo keeps the note: on the
// clipboard and in a file, one per line with the dialog's names, and says
// so (a hostile data pass: they went nowhere).
func TestRefusedDocumentUndoKeepsTheEarlierDetails(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	ctx := context.Background()
	docs, err := st.Documents(ctx)
	if err != nil || len(docs) == 0 {
		t.Fatalf("documents: %v, %v", docs, err)
	}
	d := docs[0]
	if d.Source == "" || d.Author != "" || d.Published != "" || d.URL != "" {
		t.Fatalf("the seed article's details are %+v; the test wants a source and no author, date or address", d.Details())
	}
	refused := func(label string, fns undoFns, undo bool, changeSince func(), want string) {
		t.Helper()
		u.do(func() {
			u.undos.done, u.undos.undone = nil, nil
			e := &undoEntry{label: label, docs: true, undoFns: fns}
			if undo {
				u.undos.done = []*undoEntry{e}
			} else {
				u.undos.undone = []*undoEntry{e}
			}
			u.a.Clipboard().SetContent("something else")
			u.historyChanged()
		})
		changeSince()
		if undo {
			u.do(u.undoNow)
		} else {
			u.do(u.redoNow)
		}
		u.do(func() {})
		msg := strings.Join(texts(u.dialog(t, "Error")), " ")
		if !strings.Contains(msg, "changed since") || !strings.Contains(msg, "it would have put back") {
			t.Errorf("%s refused: %q; want it to say what it would have put back is kept", label, msg)
		}
		checkKeptFile(t, msg, want)
		if got := u.a.Clipboard().Content(); got != want {
			t.Errorf("%s refused: the clipboard holds %q, want %q", label, got, want)
		}
		u.tapDialogButton(t, "Error", "OK")
	}

	old, err := st.RenameDocument(ctx, d.ID, "My careful title")
	if err != nil {
		t.Fatal(err)
	}
	refused("rename document", renameFns(d.ID, old, "My careful title"), true, func() {
		if _, err := st.RenameDocument(ctx, d.ID, "Another window's title"); err != nil {
			t.Fatal(err)
		}
	}, "Title: "+old+"\n")

	was := store.DocumentDetails{Title: "Another window's title", Author: d.Author, Source: d.Source, Published: d.Published, URL: d.URL}
	mine := store.DocumentDetails{Title: "Details title", Author: "A. Writer", Source: "The Wire", Published: "1 May 2019", URL: "https://example.org/a"}
	before, err := st.EditDocumentDetails(ctx, d.ID, was, mine)
	if err != nil {
		t.Fatal(err)
	}
	refused("edit document details", detailsFns(d.ID, before, mine), true, func() {
		other := mine
		other.Author = "Another window's author"
		if _, err := st.EditDocumentDetails(ctx, d.ID, mine, other); err != nil {
			t.Fatal(err)
		}
	}, fmt.Sprintf("Title: Another window's title\nAuthor:\nSource: %s\nDate:\nAddress:\n", d.Source))
	// A refused redo keeps what the redo would have put back: mine.
	refused("edit document details", detailsFns(d.ID, before, mine), false, func() {},
		"Title: Details title\nAuthor: A. Writer\nSource: The Wire\nDate: 1 May 2019\nAddress: https://example.org/a\n")
	if now, err := st.Document(ctx, d.ID); err != nil || now.Author != "Another window's author" {
		t.Errorf("after the refusals the document is %+v (%v); want the other window's details left", now, err)
	}
}
