package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A section's heading and its button never overlap: the button drops its
// label first, then the heading is cut ("Sources (16⚙4)" at larger text;
// found by a UI pass).
func TestHeadingAndButtonNeverOverlap(t *testing.T) {
	test.NewTempApp(t)
	heading := widget.NewLabelWithStyle("Sources (164)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	button := widget.NewButtonWithIcon("Manage…", theme.SettingsIcon(), nil)
	box := headingWithButton(heading, button)
	whole := measureText(heading.Text, theme.TextSize(), heading.TextStyle).Width + 2*theme.InnerPadding()
	labelled := widget.NewButtonWithIcon("Manage…", theme.SettingsIcon(), nil).MinSize().Width
	for _, c := range []struct {
		width float32
		label string
	}{
		{whole + labelled + 10, "Manage…"},
		{whole + labelled - 5, ""},
		{whole / 2, ""},
	} {
		box.Resize(fyne.NewSize(c.width, 40))
		if button.Text != c.label {
			t.Errorf("%v px: the button reads %q, want %q", c.width, button.Text, c.label)
		}
		if end := heading.Position().X + heading.Size().Width; end > button.Position().X+0.5 {
			t.Errorf("%v px: the heading ends at %v, over the button at %v", c.width, end, button.Position().X)
		}
		if end := button.Position().X + button.Size().Width; end > c.width+0.5 {
			t.Errorf("%v px: the button ends at %v, past the box", c.width, end)
		}
		// Its least width never counts the label, shown or not.
		if least := box.MinSize().Width; least >= heading.MinSize().Width+labelled {
			t.Errorf("%v px: the box needs %v px, counting the button's label", c.width, least)
		}
	}
}

// A row of the Actors or Sources list leaves its kind out before its name
// is cut below a few words ("Anonymous sources" read "…" beside
// "anonymous" in a narrow pane at larger text).
func TestTagRowKeepsTheName(t *testing.T) {
	u := newTestUI(t)
	u.do(func() { u.sidebar.showNamed("sources") })
	var row *fyne.Container
	u.do(func() {
		item := u.sources.list.CreateItem().(*menuRow)
		row = item.content.(*fyne.Container)
		for id, tg := range u.sources.tags {
			if tg.Kind != "" {
				u.sources.list.UpdateItem(id, item)
				break
			}
		}
	})
	name := row.Objects[0].(*hoverTip)
	kind := row.Objects[2].(*fyne.Container).Objects[0]
	for _, width := range []float32{600, 160, 120} {
		u.do(func() { row.Resize(fyne.NewSize(width, 40)) })
		room := name.Size().Width
		whole := measureText(name.label.Text, theme.TextSize(), name.label.TextStyle).Width + 2*theme.InnerPadding()
		enough := min(whole, averageCharWidth()*tagNameChars+2*theme.InnerPadding())
		if kind.Visible() && room < enough-0.5 {
			t.Errorf("%v px: the kind shows and the name %q has %v px of the %v it needs", width, name.label.Text, room, enough)
		}
		if width == 600 && !kind.Visible() {
			t.Errorf("%v px: the kind is left out", width)
		}
	}
}

// The Claims section's "Find claims in every document" shortens in a
// narrow sidebar: whole, at the largest text it set the sidebar's least
// width, and the claims pane beside it was squeezed to a few words
// (found by a UI pass).
func TestFindClaimsButtonShortens(t *testing.T) {
	u := newTestUI(t)
	u.do(func() { u.setTextScale(maxTextScale) })
	var least, whole float32
	u.do(func() {
		least = u.claims.findBox.MinSize().Width
		whole = widget.NewButtonWithIcon("Find claims in every document", theme.SearchIcon(), nil).MinSize().Width
	})
	if least >= whole {
		t.Errorf("the find button needs %v px at the largest text, as much as its whole label (%v)", least, whole)
	}
	u.do(func() { u.claims.findBox.Resize(fyne.NewSize(whole+1, 40)) })
	if u.claims.findB.Text != "Find claims in every document" {
		t.Errorf("with room for it, the button reads %q", u.claims.findB.Text)
	}
}

// An action on a passage with none chosen says to click one where a
// document is open (it said to open one, beside an open document; found
// by a UI pass), and to open one where none is.
func TestChoosePassageFirstSaysWhat(t *testing.T) {
	u := newTestUI(t)
	u.do(func() {
		u.reader.reset()
		u.toggleBookmark()
	})
	if msg := u.status.message.Text; !strings.HasPrefix(msg, "Open a passage in the reader first, then bookmark it") {
		t.Errorf("no document open: %q", msg)
	}
	u.find("kilimnik")
	u.do(func() { u.results.list.Select(0) })
	u.do(func() {
		u.reader.focusOn(-1)
		u.toggleBookmark()
	})
	if msg := u.status.message.Text; !strings.HasPrefix(msg, "Click a passage in the reader first, then bookmark it") {
		t.Errorf("a document open, no passage chosen: %q", msg)
	}
}
