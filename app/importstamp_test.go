package app

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// Two versions of a file (one title) are told apart by their import
// stamps; at the end of their rows the stamps were what the ellipsis cut,
// in the library ("Russian interference i…" twice) and in the results
// pane ("19 passages · Reuters…" twice), at 800×600 and 1280×800, text
// 1.0 and 1.8 (a UI pass). Each row now draws a whole form of its stamp,
// beside its title, which keeps at least its ellipsis.
func TestRowsOfOneTitleKeepTheirImportStamps(t *testing.T) {
	u := newTestUI(t)
	path := writeFile(t, filepath.Join(t.TempDir(), "seed-article.txt"), "Russian interference in 2020 included influencing Trump associates\n\nFirst page of the quetzalvane ledger.\n")
	u.do(func() { u.importPaths([]string{path}) })
	for u.overlays() > 0 {
		u.do(func() { u.w.Canvas().Overlays().Top().Hide() })
	}
	if err := os.WriteFile(path, []byte("Russian interference in 2020 included influencing Trump associates\n\nFirst page, corrected, of the quetzalvane ledger.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.importPaths([]string{path}) })
	for u.overlays() > 0 {
		u.do(func() { u.w.Canvas().Overlays().Top().Hide() })
	}
	var shared []store.Document
	for _, d := range u.library.docs {
		if d.Title == seedTitle {
			shared = append(shared, d)
		}
	}
	if len(shared) != 3 {
		t.Fatalf("%d documents titled %q; want the built-in article and two versions", len(shared), seedTitle)
	}
	stampOf := func(d store.Document) []string { return u.library.versions[d.ID].stamps() }

	for _, c := range []struct {
		size  fyne.Size
		scale float32
	}{{fyne.NewSize(800, 600), 1}, {fyne.NewSize(1280, 800), 1}, {fyne.NewSize(1280, 800), maxTextScale}, {fyne.NewSize(800, 600), maxTextScale}} {
		t.Run(fmt.Sprintf("%v×%v at %v", c.size.Width, c.size.Height, c.scale), func(t *testing.T) {
			u.do(func() {
				u.w.Resize(c.size)
				u.setTextScale(c.scale)
				u.setSidebarShown(true)
				u.sidebar.showNamed("library")
			})
			u.do(func() { u.w.Canvas().Capture() })
			u.do(func() {
				libraryRowsKeepStamps(t, u, shared, stampOf)
				resultRowsKeepStamps(t, u, shared, stampOf)
			})
		})
	}
}

// A library row's title cut short shows in its tip with its whole stamp.
func TestALibraryRowsTipNamesItsImport(t *testing.T) {
	u := newTestUI(t)
	path := writeFile(t, filepath.Join(t.TempDir(), "seed-article.txt"), "Russian interference in 2020 included influencing Trump associates\n\nFirst page of the quetzalvane ledger.\n")
	u.do(func() { u.importPaths([]string{path}) })
	for u.overlays() > 0 {
		u.do(func() { u.w.Canvas().Overlays().Top().Hide() })
	}
	u.do(func() {
		u.w.Resize(fyne.NewSize(800, 600))
		u.setSidebarShown(true)
		u.sidebar.showNamed("library")
	})
	u.do(func() { u.w.Canvas().Capture() })
	var tip *hoverTip
	var d store.Document
	u.do(func() {
		for _, row := range findAll[*menuRow](u.library.list) {
			if c, ok := row.content.(*fyne.Container); ok && row.Visible() {
				if lay, ok := c.Layout.(*libraryRowLayout); ok && len(lay.stamps) > 0 {
					tip = c.Objects[0].(*hoverTip)
					for _, doc := range u.library.docs {
						if u.library.versions[doc.ID].whole() == lay.stamps[0] {
							d = doc
						}
					}
					break
				}
			}
		}
	})
	if tip == nil || d.ID == 0 {
		t.Fatal("no library row of the shared title")
	}
	want := seedTitle + " · " + u.library.versions[d.ID].whole()
	if shown, text, _, _ := u.hover(tip); !shown || text != want {
		t.Errorf("resting on the cut title shows a tip %v, %q; want %q", shown, text, want)
	}
}

// libraryRowsKeepStamps checks the library's rows of the shared title:
// each draws a whole form of its stamp, narrow too, where the sidebar had
// no room for one beside a title's ellipsis (800×600 at the largest text,
// the sidebar forced on: the status line says it is narrow), and draws
// nothing over another.
func libraryRowsKeepStamps(t *testing.T, u *testUI, shared []store.Document, stampOf func(store.Document) []string) {
	t.Helper()
	seen := 0
	for _, row := range findAll[*menuRow](u.library.list) {
		c, ok := row.content.(*fyne.Container)
		if !ok || !row.Visible() {
			continue
		}
		lay, ok := c.Layout.(*libraryRowLayout)
		if !ok || len(lay.stamps) == 0 {
			continue
		}
		seen++
		tip, count, stamp := c.Objects[0].(*hoverTip), c.Objects[2], c.Objects[3].(*widget.Label)
		if tip.Size().Width < tip.MinSize().Width-0.5 {
			t.Errorf("a title gets %v px, less than its least %v", tip.Size().Width, tip.MinSize().Width)
		}
		if !stamp.Visible() {
			t.Errorf("a row of the shared title (%v px) draws no stamp", c.Size().Width)
			continue
		}
		if !slices.ContainsFunc(shared, func(d store.Document) bool { return slices.Contains(stampOf(d), stamp.Text) }) {
			t.Errorf("a row's stamp %q is none of the versions' stamps", stamp.Text)
		}
		if need := stampWidth(stamp.Text, stamp); need > stamp.Size().Width+0.5 {
			t.Errorf("the stamp %q needs %v px and gets %v: cut", stamp.Text, need, stamp.Size().Width)
		}
		// Their texts, each inside its label's padding (a stamp short
		// of room lays its padding over its neighbours').
		inner := theme.InnerPadding()
		if tip.Position().X+tip.Size().Width-inner > stamp.Position().X+inner+0.5 || stamp.Position().X+stamp.Size().Width-inner > count.Position().X+inner+0.5 {
			t.Errorf("title (%v, %v wide), stamp (%v, %v wide) and count (at %v) overlap", tip.Position().X, tip.Size().Width, stamp.Position().X, stamp.Size().Width, count.Position().X)
		}
	}
	if seen != len(shared) && u.sidebarPane.Visible() {
		t.Errorf("%d library rows with a stamp; want %d", seen, len(shared))
	}
}

// resultRowsKeepStamps checks the results pane's rows of the shared title
// (the library listed, no query): each draws a whole form of a stamp.
func resultRowsKeepStamps(t *testing.T, u *testUI, shared []store.Document, stampOf func(store.Document) []string) {
	t.Helper()
	seen := 0
	for _, row := range findAll[*resultRow](u.results.list) {
		if !row.Visible() || !row.body.Visible() || row.mark.Visible() || row.title.Text != seedTitle {
			continue
		}
		seen++
		f := row.snippet
		// The line as the row's width breaks it: the snippet takes the
		// body's width (rows refreshed after the capture are not laid out
		// down to it yet).
		lines, _ := layoutFlow(f.spans, row.body.Size().Width, f.textSize(), f.maxLines)
		drawn := ""
		if len(lines) > 0 {
			drawn = visualText(lines[0])
		}
		if !slices.ContainsFunc(shared, func(d store.Document) bool {
			return slices.ContainsFunc(stampOf(d), func(s string) bool { return strings.Contains(drawn, s) })
		}) {
			t.Errorf("a results row of the shared title draws %q: no whole stamp (%v wide)", drawn, row.body.Size().Width)
		}
	}
	if seen != len(shared) {
		t.Errorf("%d results rows of the shared title; want %d", seen, len(shared))
	}
}

// The hits of one passage in two versions of a file read alike, row for
// row ("Russian interference in 2020 included inf… ¶ 12" twice, under
// Xvfb): each hit's place says its document's version, and its title's
// tip the version with its import time.
func TestHitsOfOneTitleSayTheirImports(t *testing.T) {
	u := newTestUI(t)
	path := writeFile(t, filepath.Join(t.TempDir(), "seed-article.txt"), "Russian interference in 2020 included influencing Trump associates\n\nFirst page of the quetzalvane ledger.\n")
	u.do(func() { u.importPaths([]string{path}) })
	for u.overlays() > 0 {
		u.do(func() { u.w.Canvas().Overlays().Top().Hide() })
	}
	if err := os.WriteFile(path, []byte("Russian interference in 2020 included influencing Trump associates\n\nFirst page of the quetzalvane ledger.\n\nA page added.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.importPaths([]string{path}) })
	for u.overlays() > 0 {
		u.do(func() { u.w.Canvas().Overlays().Top().Hide() })
	}
	u.do(func() { u.w.Resize(fyne.NewSize(800, 600)) })
	u.find("quetzalvane")
	u.do(func() { u.w.Canvas().Capture() })
	var places, wholes, want, wantWhole []string
	u.do(func() {
		for _, row := range findAll[*resultRow](u.results.list) {
			if row.Visible() && row.body.Visible() && row.mark.Visible() && row.title.Text == seedTitle {
				places = append(places, row.ordinal.Text)
				if row.titleTip.whole != nil {
					s, _ := row.titleTip.whole()
					wholes = append(wholes, s)
				}
			}
		}
		for _, it := range u.results.items {
			if it.hit == nil {
				continue
			}
			for _, d := range u.library.docs {
				if d.ID == it.hit.DocumentID {
					v := u.library.versions[d.ID]
					want = append(want, v.label()+" · "+hitLocation(it.hit))
					wantWhole = append(wantWhole, seedTitle+" · "+v.whole())
				}
			}
		}
	})
	if len(places) != 2 || len(want) != 2 {
		t.Fatalf("%d hit rows of the shared title (%q), %d hits; want 2", len(places), places, len(want))
	}
	slices.Sort(places)
	slices.Sort(want)
	if !slices.Equal(places, want) {
		t.Errorf("the two versions' hits have places %q; want %q, each with its import", places, want)
	}
	slices.Sort(wholes)
	slices.Sort(wantWhole)
	if !slices.Equal(wholes, wantWhole) {
		t.Errorf("the hits' title tips say %q; want %q", wholes, wantWhole)
	}
}

// Two versions of a file imported the same second (both in one import, or
// one right after the other) had one stamp, "07:18:24", in their library
// rows, their hits' places and their tips alike (ui17's report): each now
// says its version, numbered by import, the same in each of them and in
// the reader's header.
func TestVersionsImportedInOneSecondReadApart(t *testing.T) {
	u := newTestUI(t)
	importTwoMoreOfTheSeedsTitle(t, u)
	// The three of the title (the built-in article's and the two
	// versions') imported in one second, as a store may read them: the
	// clock cannot be made to do it.
	u.do(func() {
		docs := slices.Clone(u.library.docs)
		at := docs[0].ImportedAt
		for i := range docs {
			docs[i].ImportedAt = at
		}
		u.library.setDocuments(docs)
	})
	var ids []int64
	for _, d := range u.library.docs {
		if d.Title == seedTitle {
			ids = append(ids, d.ID)
		}
	}
	if len(ids) != 3 {
		t.Fatalf("%d documents titled %q; want 3", len(ids), seedTitle)
	}
	// Numbered by import: the oldest (smallest id of one second) is v1.
	for i, id := range ids {
		if v := u.library.versions[id]; v.label() != fmt.Sprintf("v%d", i+1) {
			t.Errorf("document %d of the title (id %d) is %q; want v%d", i+1, id, v.label(), i+1)
		}
	}
	distinct := func(what string, s []string, n int) {
		t.Helper()
		if len(s) != n || len(slices.Compact(slices.Sorted(slices.Values(s)))) != n {
			t.Errorf("%s: %q; want %d that differ", what, s, n)
		}
	}
	var tips []string
	for _, id := range ids {
		for _, d := range u.library.docs {
			if d.ID == id {
				tips = append(tips, u.library.rowTitle(d))
			}
		}
	}
	distinct("the library rows' tips", tips, 3)
	for _, c := range []struct {
		size  fyne.Size
		scale float32
	}{{fyne.NewSize(800, 600), 1}, {fyne.NewSize(1280, 800), maxTextScale}} {
		u.do(func() {
			u.w.Resize(c.size)
			u.setTextScale(c.scale)
			u.setSidebarShown(true)
			u.sidebar.showNamed("library")
		})
		u.do(func() { u.w.Canvas().Capture() })
		var stamps []string
		u.do(func() {
			for _, row := range findAll[*menuRow](u.library.list) {
				if c, ok := row.content.(*fyne.Container); ok && row.Visible() {
					if stamp := c.Objects[3].(*widget.Label); stamp.Visible() {
						stamps = append(stamps, stamp.Text)
					}
				}
			}
		})
		distinct(fmt.Sprintf("the library rows' stamps at %v×%v, text %v", c.size.Width, c.size.Height, c.scale), stamps, 3)
	}
	u.find("quetzalvane")
	u.do(func() { u.w.Canvas().Capture() })
	var places, wholes []string
	u.do(func() {
		for _, row := range findAll[*resultRow](u.results.list) {
			if row.Visible() && row.body.Visible() && row.mark.Visible() && row.title.Text == seedTitle {
				places = append(places, row.ordinal.Text)
				if row.titleTip.whole != nil {
					s, shown := row.titleTip.whole()
					if shown {
						wholes = append(wholes, s)
					}
				}
			}
		}
	})
	distinct("the two versions' hits' places", places, 2)
	distinct("the two versions' hits' title tips", wholes, 2)
	// The reader's header says the version it shows, as the rows do.
	for i, id := range ids {
		u.do(func() { u.reader.openDocument(id) })
		u.do(func() {
			seg, ok := u.reader.meta.Segments[0].(*widget.TextSegment)
			if want := fmt.Sprintf("v%d · imported ", i+1); u.reader.doc.ID != id || !ok || !strings.HasPrefix(seg.Text, want) {
				t.Errorf("the reader shows document %d with the header %q; want %d, %q first", u.reader.doc.ID, seg.Text, id, want)
			}
		})
	}
}
