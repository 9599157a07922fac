package app

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
	"dossier/store/ingest"
)

// glTextureSide is the widest texture every GL Dossier draws with may
// make (Mesa's llvmpipe, under Xvfb, allows 16,384 pixels; older GPUs
// 8,192). Fyne draws each text object as one texture: one wider was drawn
// as a black bar.
const glTextureSide = 8192

// A full 2,048-character address in Document details, at the largest
// text: drawn on one line it was one texture far wider than GL allows, a
// black bar (ui19's L5). The field shows it in rows: every text it draws
// stays within a texture, and together they hold the whole address
// (ui23's test).
func TestALongAddressIsDrawnInRowsATextureMayHold(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik manafort", 13)
	u.do(func() { u.setTextScale(maxTextScale) })
	address := longAddress(ingest.MaxURLLen)
	field, d := u.openDetailsWithAddress(t, address)
	st, ctx := u.CurrentStore(), context.Background()
	if field.value() != address {
		t.Fatalf("the Address field holds %d characters, want the %d stored", len(field.value()), len(address))
	}
	var drawn strings.Builder
	widest := float32(0)
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return // the placeholder, hidden under the text
		}
		switch c := o.(type) {
		case *canvas.Text:
			drawn.WriteString(c.Text)
			widest = max(widest, fyne.MeasureText(c.Text, c.TextSize, c.TextStyle).Width)
		case *fyne.Container:
			for _, k := range c.Objects {
				walk(k)
			}
		case fyne.Widget:
			for _, k := range test.WidgetRenderer(c).Objects() {
				walk(k)
			}
		}
	}
	walk(field)
	if scale := u.w.Canvas().Scale(); widest*scale > glTextureSide {
		t.Errorf("the Address field draws a text %.0f pixels wide at text size %.1f: wider than a texture may be (%d)", widest*scale, maxTextScale, glTextureSide)
	}
	if drawn.String() != address {
		t.Errorf("the Address field draws %d characters of the address's %d", len(drawn.String()), len(address))
	}
	// Enter still saves: the field shows one line in rows, it takes no
	// line break.
	u.do(func() {
		u.w.Canvas().Focus(field)
		field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	u.work.wait()
	if u.overlays() != 0 {
		t.Errorf("Enter in the Address field left the dialog open")
	}
	if got, _ := st.Document(ctx, d.ID); got.URL != address {
		t.Errorf("after Enter the address is %d characters, want it as it was", len(got.URL))
	}
}

// longAddress is a web address of n characters.
func longAddress(n int) string {
	const head = "https://example.org/archive?"
	return head + strings.Repeat("q", n-len(head))
}

// openDetailsWithAddress gives the open document address and opens its
// Document details, returning the Address field.
func (u *testUI) openDetailsWithAddress(t *testing.T, address string) (*fieldEntry, store.Document) {
	t.Helper()
	st, ctx := u.CurrentStore(), context.Background()
	details := u.reader.doc.Details()
	details.URL = address
	if _, err := st.SetDocumentDetails(ctx, u.reader.doc.ID, details); err != nil {
		t.Fatal(err)
	}
	d, err := st.Document(ctx, u.reader.doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.showDocumentDetails(d) })
	fields := findAll[*fieldEntry](u.dialog(t, "Document details"))
	return fields[len(fields)-1], d
}

// An address of ordinary length, 300 characters, at the largest text: it
// fits one texture, and its field is Fyne's plain one-line field, as
// every address's was: its text is the address, one row high, and Ctrl+Z
// undoes a paste. Only an address too wide for one texture is shown in
// rows, whose breaks cost Fyne's undo (ui26's field showed every address
// wider than the field in rows).
func TestAnOrdinaryLongAddressStaysAOneLineField(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik manafort", 13)
	u.do(func() { u.setTextScale(maxTextScale) })
	address := longAddress(300)
	field, _ := u.openDetailsWithAddress(t, address)
	if field.Text != address || field.MultiLine {
		t.Fatalf("a 300-character address is shown as %d characters in %d rows (multi-line %v), want it as it is on one line",
			len(field.Text), strings.Count(field.Text, "\n")+1, field.MultiLine)
	}
	var oneLine fyne.Size
	u.do(func() { oneLine = u.newField().MinSize() })
	if got := field.MinSize().Height; got != oneLine.Height {
		t.Errorf("the Address field is %.0f high, want a one-line field's %.0f", got, oneLine.Height)
	}
	clip := u.a.Clipboard()
	clip.SetContent("/more")
	u.do(func() {
		u.w.Canvas().Focus(field)
		field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
		field.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	})
	if field.Text != address+"/more" {
		t.Fatalf("after a paste at its end the field holds %d characters, want %d", len(field.Text), len(address)+5)
	}
	u.do(u.onUndoKey) // Ctrl+Z, Edit → Undo's shortcut
	if field.Text != address {
		t.Errorf("Ctrl+Z after a paste left %d characters, want the %d before it", len(field.Text), len(address))
	}
}

// The Address field's rows are its own: Copy, Cut and Save give a long
// address without their breaks, a paste is capped at the longest address
// kept, Backspace at a row's start and Right at a row's end act on one
// character, as on one line.
func TestALongAddressLeavesItsFieldWithoutTheRowsBreaks(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik manafort", 13)
	st, ctx := u.CurrentStore(), context.Background()
	address := longAddress(ingest.MaxURLLen)
	field, d := u.openDetailsWithAddress(t, address)
	if !strings.Contains(field.Text, "\n") {
		t.Fatalf("a %d-character address is shown on one row", len(address))
	}
	clip := u.a.Clipboard()
	u.do(func() {
		u.w.Canvas().Focus(field)
		field.TypedShortcut(&fyne.ShortcutSelectAll{})
		field.TypedShortcut(&fyne.ShortcutCopy{Clipboard: clip})
	})
	if got := clip.Content(); got != address {
		t.Errorf("Copy gave %d characters with %d line breaks, want the address's %d and none", len(got), strings.Count(got, "\n"), len(address))
	}
	u.do(func() {
		field.TypedShortcut(&fyne.ShortcutSelectAll{})
		field.TypedShortcut(&fyne.ShortcutCut{Clipboard: clip})
	})
	if got := clip.Content(); got != address || field.value() != "" {
		t.Errorf("Cut gave %d characters with %d line breaks and left %q, want the address's %d, none and nothing", len(got), strings.Count(got, "\n"), field.value(), len(address))
	}
	// Pasted back, then a character deleted at a row's start and typed
	// again: the address is as it was.
	u.do(func() {
		field.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
		field.CursorRow, field.CursorColumn = 1, 0
		field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	})
	if got := field.value(); len(got) != len(address)-1 {
		t.Errorf("Backspace at a row's start left %d characters of %d", len(got), len(address))
	}
	u.do(func() { field.TypedRune('q') })
	if got := field.value(); got != address {
		t.Errorf("after a paste, a Backspace and a letter typed the field holds %d characters, want the address's %d", len(got), len(address))
	}
	// Right at a row's end steps over one character, not onto the break.
	u.do(func() {
		field.CursorRow, field.CursorColumn = 0, utf8.RuneCountInString(strings.SplitN(field.Text, "\n", 2)[0])
		field.Refresh()
	})
	was := field.valueOffset()
	u.do(func() { field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight}) })
	if got := field.valueOffset(); got != was+1 {
		t.Errorf("Right at a row's end moved from character %d to %d, want %d", was, got, was+1)
	}
	// A paste into the rows is capped at the longest address kept.
	clip.SetContent(strings.Repeat("w", 3*ingest.MaxURLLen))
	u.do(func() {
		field.TypedShortcut(&fyne.ShortcutSelectAll{})
		field.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	})
	if got := field.value(); got != strings.Repeat("w", ingest.MaxURLLen) {
		t.Errorf("a paste of %d characters left %d, want the first %d", 3*ingest.MaxURLLen, utf8.RuneCountInString(got), ingest.MaxURLLen)
	}
	u.do(func() { field.setValue(address) })
	u.do(func() { field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
	u.work.wait()
	if got, _ := st.Document(ctx, d.ID); got.URL != address {
		t.Errorf("saved an address of %d characters with %d line breaks, want the %d as it was", len(got.URL), strings.Count(got.URL, "\n"), len(address))
	}
}

// An address that grows past one texture's width, by a paste or a larger
// text size, goes into rows, and back to one line as it shrinks, its
// value and the cursor's place kept; Ctrl+Z right after the paste that
// made it long gives back the one line before it, and right after a paste
// into the rows, the rows before it.
func TestAnAddressGoesIntoRowsAndBackKeepingItsValue(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik manafort", 13)
	address := longAddress(300)
	field, _ := u.openDetailsWithAddress(t, address)
	if field.inRows() {
		t.Fatal("a 300-character address is shown in rows at text size 1")
	}
	more := strings.Repeat("/x", 600)
	clip := u.a.Clipboard()
	clip.SetContent(more)
	u.do(func() {
		u.w.Canvas().Focus(field)
		field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
		field.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	})
	if !field.inRows() || field.value() != address+more || field.valueOffset() != len(address+more) {
		t.Errorf("after a paste making it %d characters: in rows %v, %d characters, the cursor at %d; want rows, the address and the cursor at its end",
			len(address+more), field.inRows(), len(field.value()), field.valueOffset())
	}
	if !u.dialogBodyFits(t) {
		t.Error("the field grown to two rows pushed the dialog's last line out of sight: its body scrolls")
	}
	u.do(u.onUndoKey) // Ctrl+Z, Edit → Undo's shortcut
	if field.inRows() || field.Text != address {
		t.Errorf("Ctrl+Z after the paste: in rows %v, %d characters; want one line and the %d before", field.inRows(), len(field.value()), len(address))
	}
	// A paste into the rows breaks them afresh, which clears Fyne's undo:
	// Ctrl+Z right after it gives back the rows before it.
	u.do(func() { field.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip}) })
	clip.SetContent("/y")
	u.do(func() {
		field.placeCursor(0) // its row is broken again, and the rows after it
		field.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	})
	u.do(u.onUndoKey)
	if !field.inRows() || field.value() != address+more {
		t.Errorf("Ctrl+Z after a paste into the rows: in rows %v, %d characters; want rows and the %d before", field.inRows(), len(field.value()), len(address+more))
	}
	// 600 characters fit one texture at text size 1, not at 1.8.
	middle := longAddress(600)
	u.do(func() {
		field.setValue(middle)
		field.placeCursor(400)
	})
	if field.inRows() {
		t.Fatal("a 600-character address is shown in rows at text size 1")
	}
	for _, step := range []struct {
		scale float32
		rows  bool
	}{{maxTextScale, true}, {1, false}} {
		u.do(func() { u.setTextScale(step.scale) })
		if field.inRows() != step.rows || field.value() != middle || field.valueOffset() != 400 {
			t.Errorf("at text size %.1f: in rows %v, %d characters, the cursor at %d; want rows %v, the %d and 400",
				step.scale, field.inRows(), len(field.value()), field.valueOffset(), step.rows, len(middle))
		}
	}
	// Cut down to a short one, it is one line again.
	u.do(func() {
		u.setTextScale(maxTextScale)
		field.TypedShortcut(&fyne.ShortcutSelectAll{})
		field.TypedRune('h')
	})
	if field.inRows() || field.Text != "h" {
		t.Errorf("typed over with one letter: in rows %v, %q", field.inRows(), field.Text)
	}
}

// dialogBodyFits tells whether Document details shows its whole body,
// without scrolling it.
func (u *testUI) dialogBodyFits(t *testing.T) bool {
	t.Helper()
	for _, s := range findAll[*container.Scroll](u.dialog(t, "Document details")) {
		if c, ok := s.Content.(*fyne.Container); ok && len(findAll[*widget.Form](c)) > 0 {
			return s.Size().Height >= c.MinSize().Height-0.5
		}
	}
	t.Fatal("Document details has no body")
	return false
}

// measureCount counts the characters Fyne measures while it is the
// current app: every measuring of text, the entry's and the field's own,
// goes through its driver's RenderedTextSize.
type measureCount struct {
	fyne.App
	drv measuringDriver
}

type measuringDriver struct {
	fyne.Driver
	chars *atomic.Int64
}

func (a *measureCount) Driver() fyne.Driver { return a.drv }

func (d measuringDriver) RenderedTextSize(text string, size float32, style fyne.TextStyle, source fyne.Resource) (fyne.Size, float32) {
	d.chars.Add(int64(utf8.RuneCountInString(text)))
	return d.Driver.RenderedTextSize(text, size, style, source)
}

// charsMeasured is how many characters Fyne measures in fn.
func (u *testUI) charsMeasured(fn func()) int {
	var chars atomic.Int64
	u.do(func() {
		fyne.SetCurrentApp(&measureCount{App: u.a, drv: measuringDriver{Driver: u.a.Driver(), chars: &chars}})
		defer fyne.SetCurrentApp(u.a)
		fn()
	})
	return int(chars.Load())
}

// Opening Document details on a 2,048-character address held the window
// 6 to 26 s: Fyne's break-wrapping measured the rest of the address for
// every row (467 times each character of 1,000, 842 times each of 2,048,
// counted). Showing an address in a laid-out field at the largest text,
// and drawing it, measures each character a few times, however long the
// address: the work counted, not timed. (Fyne's plain one-line field
// measures a line of 300 about 22 times; rows, about 16.)
func TestALongAddressIsShownMeasuringEachCharacterAFewTimes(t *testing.T) {
	u := newTestUI(t)
	u.do(func() { u.setTextScale(maxTextScale) })
	const most = 40 // characters measured per character of the address
	for _, n := range []int{300, 1000, ingest.MaxURLLen} {
		address := longAddress(n)
		var field *fieldEntry
		u.do(func() {
			field = u.newAddressField()
			field.Resize(fyne.NewSize(u.claimDialogWidth()*3/4, 100))
			test.WidgetRenderer(field)
		})
		measured := u.charsMeasured(func() {
			field.setValue(address)
			field.Resize(field.MinSize().Max(field.Size()))
			test.WidgetRenderer(field).Layout(field.Size())
			field.Refresh()
		})
		t.Logf("%d characters: %d measured, in rows %v", n, measured, field.inRows())
		if measured > most*n {
			t.Errorf("showing an address of %d characters measured %d characters, %.0f for each: want at most %d",
				n, measured, float64(measured)/float64(n), most)
		}
	}
}
