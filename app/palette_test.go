package app

import (
	"context"
	"image/color"
	"math"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestContrastFormula(t *testing.T) {
	black, white := color.NRGBA{A: 0xff}, color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	if c := contrast(black, white); c < 20.99 || c > 21.01 {
		t.Errorf("black on white %.2f, want 21", c)
	}
	if c := contrast(color.NRGBA{R: 0x76, G: 0x76, B: 0x76, A: 0xff}, white); c < 4.5 || c > 4.6 {
		t.Errorf("#767676 on white %.2f, want 4.54", c) // the WCAG reference grey
	}
}

// Chip text on its chip meets WCAG AA (4.5:1) in both themes, for every
// palette colour, no colour, and colours stored before the palette.
func TestChipContrast(t *testing.T) {
	colours := append([]string{"", "#000000", "#ffffff", "#ffff00", "#0000ff", "#00ff00"}, tagPalette...)
	for _, variant := range []string{themeLight, themeDark} {
		th := &dossierTheme{variant: variant, scale: 1}
		for _, hex := range colours {
			c, ok := parseHexColor(hex)
			var tag color.Color = c
			if !ok {
				tag = th.Color(theme.ColorNameDisabled, theme.VariantLight) // tagColor's "none"
			}
			bg, fg := chipColors(th, theme.VariantLight, tag)
			if r := contrast(fg, bg); r < 4.5 {
				t.Errorf("%s theme, colour %q: chip text %v on %v has contrast %.2f, want ≥ 4.5", variant, hex, fg, bg, r)
			}
		}
	}
}

// The reader's chips, suggested ones included, are drawn in those colours
// in the light and the dark theme.
func TestReaderChipsReadable(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik", 13)
	for _, variant := range []string{themeLight, themeDark} {
		u.do(func() { u.setTheme(variant) })
		row := u.focusedRow(t)
		if len(row.chips.Objects) == 0 {
			t.Fatal("passage 13 shows no chips")
		}
		for _, c := range row.chips.Objects {
			bg := findAll[*canvas.Rectangle](c)[0]
			for _, tx := range findAll[*canvas.Text](c) {
				if r := contrast(toNRGBA(tx.Color), toNRGBA(bg.FillColor)); r < 4.5 {
					t.Errorf("%s theme: chip %q has contrast %.2f, want ≥ 4.5", variant, tx.Text, r)
				}
			}
		}
	}
}

// The tag dialogs offer palette swatches, not a hex field: picking one
// saves its colour; a colour stored earlier is offered, chosen, and kept;
// ←/→ move the choice from the keyboard.
func TestTagColourPalette(t *testing.T) {
	u := newTestUI(t)
	joe, _, _ := tagRow(t, u.actors, "Joe Biden")
	u.do(func() { u.showTagManager(joe) })
	d := u.dialog(t, "Actor: Joe Biden")
	pickers := findAll[*swatchPicker](d)
	if len(pickers) != 1 {
		t.Fatalf("%d colour pickers in the tag manager, want 1", len(pickers))
	}
	p := pickers[0]
	// The gazetteer's colour for him predates the palette: offered, chosen.
	if !slices.Equal(p.options[:len(tagPalette)+1], append([]string{""}, tagPalette...)) || p.selected != joe.Color || !slices.Contains(p.options, joe.Color) {
		t.Fatalf("options %q selected %q, want no colour, the palette and %q, chosen", p.options, p.selected, joe.Color)
	}
	blue := slices.Index(p.options, "#2980b9")
	u.do(func() { test.Tap(p.swatches[blue].area) })
	u.tapDialogButton(t, "Actor: Joe Biden", "Save")
	joe, _, _ = tagRow(t, u.actors, "Joe Biden")
	if joe.Color != "#2980b9" {
		t.Fatalf("saved colour %q, want #2980b9", joe.Color)
	}

	// A colour from before the palette.
	st, _ := u.store()
	joe.Color = "#123456"
	if _, _, err := st.EditTag(context.Background(), joe); err != nil {
		t.Fatal(err)
	}
	u.do(u.annotationsChanged)
	joe, i, _ := tagRow(t, u.actors, "Joe Biden")
	o := u.actors.list.CreateItem()
	u.actors.list.UpdateItem(i, o)
	if dot := findAll[*canvas.Circle](o); len(dot) == 0 || toNRGBA(dot[0].FillColor) != (color.NRGBA{R: 0x12, G: 0x34, B: 0x56, A: 0xff}) {
		t.Errorf("the sidebar dot does not show the stored colour #123456")
	}
	u.do(func() { u.showTagManager(joe) })
	p = findAll[*swatchPicker](u.dialog(t, "Actor: Joe Biden"))[0]
	if p.selected != "#123456" || p.options[len(p.options)-1] != "#123456" || len(p.options) != len(tagPalette)+2 {
		t.Errorf("stored colour: options %q, selected %q", p.options, p.selected)
	}
	u.do(func() { u.w.Canvas().Focus(p) })
	u.press(t, fyne.KeyLeft, 0)
	u.press(t, fyne.KeyRight, 0)
	u.press(t, fyne.KeyReturn, 0) // Enter saves from the picker too
	if u.overlays() != 0 {
		t.Fatalf("Enter on the colour picker left %d dialogs", u.overlays())
	}
	joe, _, _ = tagRow(t, u.actors, "Joe Biden")
	if joe.Color != "#123456" {
		t.Errorf("kept colour %q, want #123456", joe.Color)
	}

	// A new tag takes its colour from the palette too.
	u.do(func() { u.showNewTagDialog("Zelda Quarrington", nil) })
	p = findAll[*swatchPicker](u.dialog(t, "New actor or source"))[0]
	u.do(func() { test.Tap(p.swatches[1].area) })
	u.tapDialogButton(t, "New actor or source", "Create")
	z, _, _ := tagRow(t, u.actors, "Zelda Quarrington")
	if z.Color != tagPalette[0] {
		t.Errorf("new tag colour %q, want %q", z.Color, tagPalette[0])
	}
}

// The outline of an unchecked check box or radio button (and of an entry)
// meets WCAG's 3:1 for controls against the background and the input's
// own fill, in both themes: Fyne's light one (#e3e3e3 on white) left the
// export and tag dialogs' boxes nearly invisible (found by a UI pass).
func TestControlOutlinesAreVisible(t *testing.T) {
	for _, variant := range []string{themeLight, themeDark} {
		th := &dossierTheme{variant: variant, scale: 1}
		v := theme.VariantLight
		if variant == themeDark {
			v = theme.VariantDark
		}
		border := toNRGBA(th.Color(theme.ColorNameInputBorder, v))
		for _, bg := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground} {
			if r := contrast(border, toNRGBA(th.Color(bg, v))); r < 3 {
				t.Errorf("%s theme: outline %v on %s has contrast %.2f, want ≥ 3", variant, border, bg, r)
			}
		}
	}
}

// The tag dialogs' "Colour" label sat under its row of swatches (800×600,
// text 1.8, and at text 1.0: ui16's report): a form sets a row's label on
// its first line, and the swatches, shorter than a line of text, at the
// row's top. They now share a middle, at each text size.
func TestColourLabelLinesUpWithItsSwatches(t *testing.T) {
	u := newTestUI(t)
	for _, scale := range []float32{1, maxTextScale} {
		u.do(func() {
			u.w.Resize(fyne.NewSize(800, 600))
			u.setTextScale(scale)
			u.showNewTagDialog("", nil)
		})
		d := u.dialog(t, "New actor or source")
		u.do(func() { u.w.Canvas().Capture() })
		u.do(func() {
			drv := u.a.Driver()
			var label *canvas.Text
			for _, txt := range findAll[*canvas.Text](d) {
				if txt.Text == "Colour" {
					label = txt
				}
			}
			pickers := findAll[*swatchPicker](d)
			if label == nil || len(pickers) == 0 {
				t.Fatal("no Colour row")
			}
			row := pickers[0].row
			lm := drv.AbsolutePositionForObject(label).Y + label.Size().Height/2
			sm := drv.AbsolutePositionForObject(row).Y + row.Size().Height/2
			if math.Abs(float64(lm-sm)) > 1 {
				t.Errorf("text %v: the Colour label's middle is at %v, its swatches' at %v", scale, lm, sm)
			}
		})
		u.press(t, fyne.KeyEscape, 0)
	}
}
