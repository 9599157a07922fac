package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/internal/wording"
)

// Two documents of one title (an edited file imported again keeps its
// earlier version) are told apart by when each was imported. At the end of
// a row the stamp was what its ellipsis cut: the library's rows both read
// "Russian interference i…", the results pane's "19 passages · Reuters…",
// at every window and text size (a UI pass). The stamp comes first where
// the row is short of room, and shortens, longest form first.

// importStamps are the forms of a document's import stamp, longest first;
// the last is the time to the second alone, which tells apart versions
// imported the same day (the row's tip says the whole).
func importStamps(t time.Time) []string {
	t = t.Local()
	return []string{wording.Imported(t), t.Format("2006-01-02 15:04:05"), t.Format("15:04:05")}
}

// stampLeastEms is the least room, in text sizes, a library row's title
// keeps beside its stamp before the stamp takes a shorter form.
const stampLeastEms = 5

// libraryRowLayout lays out a library row: the title (objs[0]) between the
// document icon (objs[1]) at the left and, at the right, the import stamp
// (objs[3], where shown) and the passage count (objs[2]). The stamp takes
// the longest of its forms that leaves the title stampLeastEms, or its
// shortest; the title is cut with "…" (its tip shows it whole).
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
		avail := right - left
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
		if sw := stampWidth(text, stamp); sw <= avail-title.MinSize().Width {
			stamp.Move(fyne.NewPos(right-sw, 0))
			stamp.Resize(fyne.NewSize(sw, size.Height))
			stamp.Show()
			right -= sw
		} else {
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
