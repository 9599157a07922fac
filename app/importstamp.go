package app

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/internal/wording"
	"dossier/store"
)

// Two documents of one title (an edited file imported again keeps its
// earlier version) are told apart by their version and when each was
// imported. At the end of
// a row the stamp was what its ellipsis cut: the library's rows both read
// "Russian interference i…", the results pane's "19 passages · Reuters…",
// at every window and text size (a UI pass). The stamp comes first where
// the row is short of room, and shortens, longest form first.

// docVersion is a document's version among the documents of its title:
// the number the store gave it at import (store.Document.Version), never
// given again to another document of the title, so that a "v3" written in
// a note names one document for good (numbered by place among those
// standing, deleting v2 made v3 read "v2 · …", the deleted one's label: a
// UI pass). Stamps are to the second, and two versions imported the same
// second (both files in one import, or one right after the other) read
// alike, row for row, in the library and the hits (ui17's report): the
// version tells them apart.
type docVersion struct {
	n  int       // 1: the first of its title imported
	at time.Time // when it was imported; zero: not known
}

// label is the version's short name, "v2".
func (v docVersion) label() string { return fmt.Sprintf("v%d", v.n) }

// stamps are the forms of the version's import stamp, longest first: the
// version with the import time, shortening to the time to the second,
// then the version alone (the row's tip says the whole).
func (v docVersion) stamps() []string {
	l := v.label()
	if v.at.IsZero() {
		return []string{l}
	}
	t := v.at.Local()
	return []string{l + " · " + wording.Imported(t), l + " · " + t.Format("2006-01-02 15:04:05"), l + " · " + t.Format("15:04:05"), l}
}

// whole is the longest form, the one tips say.
func (v docVersion) whole() string { return v.stamps()[0] }

// documentVersions gives the documents whose title another has their
// versions. A document of a title of its own has no version (its title
// tells it apart). Where the stored numbers do not tell a title's
// documents apart (rows another program wrote: none, or one twice), they
// are numbered by import, time then id, as before versions were stored.
func documentVersions(docs []store.Document) map[int64]docVersion {
	byTitle := make(map[string][]store.Document, len(docs))
	for _, d := range docs {
		byTitle[d.Title] = append(byTitle[d.Title], d)
	}
	versions := make(map[int64]docVersion)
	for _, same := range byTitle {
		if len(same) < 2 {
			continue
		}
		seen := make(map[int]bool, len(same))
		for _, d := range same {
			if d.Version < 1 || seen[d.Version] {
				seen = nil
				break
			}
			seen[d.Version] = true
		}
		if seen != nil {
			for _, d := range same {
				versions[d.ID] = docVersion{n: d.Version, at: d.ImportedAt}
			}
			continue
		}
		slices.SortFunc(same, func(a, b store.Document) int {
			if c := a.ImportedAt.Compare(b.ImportedAt); c != 0 {
				return c
			}
			return cmp.Compare(a.ID, b.ID)
		})
		for i, d := range same {
			versions[d.ID] = docVersion{n: i + 1, at: d.ImportedAt}
		}
	}
	return versions
}

// stampLeastEms is the least room, in text sizes, a library row's title
// keeps beside its stamp before the stamp takes a shorter form.
const stampLeastEms = 5

// libraryRowLayout lays out a library row: the title (objs[0]) between the
// document icon (objs[1]) at the left and, at the right, the import stamp
// (objs[3], where shown) and the passage count (objs[2]). The stamp takes
// the longest of its forms that leaves the title stampLeastEms, or its
// shortest (the version alone); the title is cut with "…" (its tip shows
// it whole).
type libraryRowLayout struct {
	stamps []string // the forms of the stamp; none: no stamp
}

func (l *libraryRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	// As the Border it replaces: the stamp's width is not asked for (the
	// list's least width is its template's, which has no stamp).
	w, h := float32(0), float32(0)
	for _, o := range objs[:3] {
		m := o.MinSize()
		w += m.Width
		h = max(h, m.Height)
	}
	return fyne.NewSize(w+2*theme.Padding(), h)
}

func (l *libraryRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	title, icon, count, stamp := objs[0], objs[1], objs[2], objs[3].(*widget.Label)
	iw, cw := icon.MinSize().Width, count.MinSize().Width
	icon.Move(fyne.NewPos(0, 0))
	icon.Resize(fyne.NewSize(iw, size.Height))
	count.Move(fyne.NewPos(size.Width-cw, 0))
	count.Resize(fyne.NewSize(cw, size.Height))
	left, right := iw+pad, size.Width-cw-pad
	if len(l.stamps) == 0 {
		stamp.Hide()
	} else {
		// The longest form that leaves the title stampLeastEms, or the
		// shortest; the title keeps its own least width (an ellipsis):
		// given none, a label draws its whole text over what is beside it.
		avail, least := right-left, title.MinSize().Width
		text := l.stamps[len(l.stamps)-1]
		for _, f := range l.stamps {
			if avail-stampWidth(f, stamp) >= stampLeastEms*theme.TextSize() {
				text = f
				break
			}
		}
		if stamp.Text != text {
			stamp.SetText(text)
		}
		// Whole or not at all: cut, the time lost its seconds, what tells
		// versions imported the same minute apart (the tip says it).
		sw := stampWidth(text, stamp)
		// Short of room for the shortest (the version alone: a narrow
		// sidebar, 800×600 at text 1.8), its padding lies over the
		// title's and the count's, blank beside it, and gives the room:
		// without it the rows of one title read "Ru… 19" and "Ru… 20".
		inner := theme.InnerPadding()
		switch {
		case sw <= avail-least:
			stamp.Move(fyne.NewPos(right-sw, 0))
			stamp.Resize(fyne.NewSize(sw, size.Height))
			stamp.Show()
			right -= sw
		case sw-2*inner <= avail-least:
			stamp.Move(fyne.NewPos(right-sw+inner, 0))
			stamp.Resize(fyne.NewSize(sw, size.Height))
			stamp.Show()
			right -= sw - 2*inner
		default:
			stamp.Hide()
		}
	}
	title.Move(fyne.NewPos(left, 0))
	title.Resize(fyne.NewSize(max(right-left, title.MinSize().Width), size.Height))
}

// stampWidth is the width a label needs to show text whole: a pixel spare,
// as the painter rounds to whole pixels.
func stampWidth(text string, l *widget.Label) float32 {
	return measureText(text, theme.TextSize(), l.TextStyle).Width + 2*theme.InnerPadding() + 1
}

// placeIn is a passage's place as a dialog about it names it: its
// document's version first where another document has its title ("v2 · ¶
// 12", as the hits say it), so that the dialog says which of them it is
// about; the title after it is cut at the dialog's edge (ui19's pass).
func (u *UI) placeIn(docID int64, page, ordinal int) string {
	return versionedPlace(u.library.versions, docID, page, ordinal)
}

// versionedPlace is placeIn by the versions vs (safe off the UI goroutine:
// library.versions is never written once made).
func versionedPlace(vs map[int64]docVersion, docID int64, page, ordinal int) string {
	if v, ok := vs[docID]; ok {
		return v.label() + " · " + passagePlace(page, ordinal)
	}
	return passagePlace(page, ordinal)
}

// docNamed is a document as a status message names it: its title, quoted,
// and where another document has that title its version after it,
// "“…” (v2 · imported …)", as Delete says it (0eb1319): the title alone
// named v1, v2 and v3 alike (ui19's pass).
func (u *UI) docNamed(docID int64, title string) string {
	s := "“" + showable(title) + "”"
	if v, ok := u.library.versions[docID]; ok {
		s += " (" + v.whole() + ")"
	}
	return s
}
