package app

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"dossier/store"
)

// lineTexts joins each laid-out line's runs.
func lineTexts(lines [][]placedRun) []string {
	out := make([]string, len(lines))
	for i, line := range lines {
		var b strings.Builder
		for _, r := range line {
			b.WriteString(r.text)
		}
		out[i] = strings.TrimRight(b.String(), " ")
	}
	return out
}

// lineWidth is how far a line's last run reaches when drawn.
func lineWidth(line []placedRun, size float32) float32 {
	if len(line) == 0 {
		return 0
	}
	last := line[len(line)-1]
	return last.x + fyne.MeasureText(strings.TrimRight(last.text, " "), size, textStyle(last.span)).Width
}

// Lines break only at spaces (not at the hyphens of "Ukraine-linked" or
// "2-5") — never inside a word whose style changes
// part-way (a highlighted "Trump" in "Trump's") — keep every character,
// stay within the width, and never draw a run over the one before it (the
// space before a hit stays visible).
func TestFlowBreaksOnlyAtSpaces(t *testing.T) {
	test.NewTempApp(t)
	size := theme.TextSize()
	text := "Ukraine-linked individuals were boosting Trump's campaign; see 2-5; Manafort met Kilimnik, Kilimnik's associate, and <FN920> Kilimnik again in Kyiv."
	hits := []string{"Trump", "Manafort", "Kilimnik", "Kilimnik", "Kilimnik"}
	var spans []flowSpan
	rest := text
	for _, h := range hits {
		i := strings.Index(rest, h)
		spans = append(spans, flowSpan{text: rest[:i]}, flowSpan{text: h, bold: true, color: colorNameHit})
		rest = rest[i+len(h):]
	}
	spans = append(spans, flowSpan{text: rest})
	words := map[string]bool{}
	widest := float32(0)
	for _, w := range strings.Fields(text) {
		words[w] = true
		widest = max(widest, fyne.MeasureText(w, size, fyne.TextStyle{Bold: true}).Width)
	}
	for width := widest + 2*theme.InnerPadding() + 2; width <= 700; width += 7 {
		lines, truncated := layoutFlow(spans, width, size, 0)
		if truncated {
			t.Fatalf("width %v: truncated without a line limit", width)
		}
		texts := lineTexts(lines)
		if got := strings.Join(texts, " "); got != text {
			t.Fatalf("width %v: lines %q do not join back to the text", width, texts)
		}
		avail := width - 2*theme.InnerPadding()
		for i, line := range lines {
			for _, w := range strings.Fields(texts[i]) {
				if !words[w] && lineWidth(line, size) <= avail {
					t.Errorf("width %v: line %d %q breaks inside a word (%q)", width, i, texts[i], w)
				}
			}
			if lw := lineWidth(line, size); lw > avail && len(strings.Fields(texts[i])) > 1 {
				t.Errorf("width %v: line %q is %v wide, room for %v", width, texts[i], lw, avail)
			}
			for k := 1; k < len(line); k++ {
				prev := line[k-1]
				if end := prev.x + fyne.MeasureText(prev.text, size, textStyle(prev.span)).Width; line[k].x < end-0.01 {
					t.Errorf("width %v: %q starts at %v, over %q which ends at %v", width, line[k].text, line[k].x, prev.text, end)
				}
			}
		}
	}
}

// Given a line limit, text ends in an ellipsis that fits, on the last line
// allowed; a word longer than a line is broken between letters rather than
// drawn out of sight.
func TestFlowLimitAndLongWords(t *testing.T) {
	test.NewTempApp(t)
	size := theme.TextSize()
	long := []flowSpan{{text: strings.Repeat("influence operations were reported ", 30)}}
	lines, truncated := layoutFlow(long, 300, size, 3)
	if len(lines) != 3 || !truncated {
		t.Fatalf("%d lines, truncated %v; want 3, true", len(lines), truncated)
	}
	last := lineTexts(lines)[2]
	if !strings.HasSuffix(last, "…") {
		t.Errorf("last line %q does not end in an ellipsis", last)
	}
	avail := 300 - 2*theme.InnerPadding()
	for i, line := range lines {
		if w := lineWidth(line, size); w > avail {
			t.Errorf("line %d is %v wide, room for %v", i, w, avail)
		}
	}
	if n := flowLineCount(long, 300, 3); n != 3 {
		t.Errorf("flowLineCount %d, want 3", n)
	}

	url := []flowSpan{{text: "see https://example.org/" + strings.Repeat("abcdefghij", 20) + " now"}}
	lines, truncated = layoutFlow(url, 200, size, 0)
	if truncated {
		t.Error("a long word was cut off without a line limit")
	}
	if got := strings.ReplaceAll(strings.Join(lineTexts(lines), ""), " ", ""); got != strings.ReplaceAll(url[0].text, " ", "") {
		t.Errorf("long word lost characters: %q", got)
	}
	for i, line := range lines {
		if w := lineWidth(line, size); w > 200-2*theme.InnerPadding() {
			t.Errorf("line %d (%q) is %v wide", i, lineTexts(lines)[i], w)
		}
	}
}

// Random styled text at random widths and limits: never more lines than
// allowed, every line within the width, nothing lost when not truncated.
func TestFlowRandom(t *testing.T) {
	test.NewTempApp(t)
	size := theme.TextSize()
	vocab := strings.Fields("the Kilimnik report Президент 漢字 said: (see p. 2-5; FN920) and — over Derkach's influence A")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		spans, text := randomSpans(rng, vocab, 12)
		var all strings.Builder
		all.WriteString(text)
		kept := rng.IntN(3) == 0 // a suggestion's " ?", which a cut must not drop
		if kept {
			spans = append(spans, flowSpan{text: " ?", bold: true, kept: true})
			all.WriteString(" ?")
		}
		width := float32(40 + rng.IntN(600))
		limit := rng.IntN(4)
		lines, truncated := layoutFlow(spans, width, size, limit)
		if limit > 0 && len(lines) > limit {
			t.Fatalf("%d lines, limit %d", len(lines), limit)
		}
		if texts := lineTexts(lines); kept && truncated && !strings.HasSuffix(texts[len(texts)-1], "… ?") {
			t.Fatalf("width %v, limit %d: cut short, the last line %q lost its kept \" ?\"", width, limit, texts[len(texts)-1])
		}
		avail := width - 2*theme.InnerPadding()
		for i, line := range lines {
			if w := lineWidth(line, size); w > avail+0.5 {
				t.Fatalf("width %v: line %d %q is %v wide", width, i, lineTexts(lines)[i], w)
			}
		}
		if !truncated {
			got := strings.Join(strings.Fields(strings.Join(lineTexts(lines), "")), "")
			want := strings.Join(strings.Fields(all.String()), "")
			if got != want {
				t.Fatalf("width %v: lost text:\n got %q\nwant %q", width, got, want)
			}
		}
	}
}

// The current hit's underline ends with the hit: each drawn run is as wide
// as its own text, not the rest of the line.
func TestFlowRunsAreAsWideAsTheirText(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(&dossierTheme{variant: themeLight, scale: 1})
	ft := newFlowText()
	ft.setSpans([]flowSpan{{text: "boosting "}, {text: "Trump", bold: true, underline: true, color: colorNameCurrentHit}, {text: "'s candidacy with a campaign"}})
	ft.Resize(fyne.NewSize(600, 100))
	r := test.WidgetRenderer(ft)
	r.Layout(ft.Size())
	found := false
	for _, o := range r.Objects() {
		txt, ok := o.(*canvas.Text)
		if !ok {
			continue
		}
		if want := fyne.MeasureText(txt.Text, txt.TextSize, fyne.TextStyle{Bold: txt.TextStyle.Bold}).Width; txt.Size().Width > want+0.5 {
			t.Errorf("%q is drawn %v wide, its text %v", txt.Text, txt.Size().Width, want)
		}
		found = found || (txt.Text == "Trump" && txt.TextStyle.Underline)
	}
	if !found {
		t.Error("no underlined run for the current hit")
	}
}

// Laying text out again reuses its text objects: a new canvas.Text per
// run in every layout stayed in Fyne's object caches for a minute (a third
// of the Go heap after a few minutes of reading the Mueller report).
func TestFlowLayoutKeepsItsTextObjects(t *testing.T) {
	test.NewTempApp(t)
	ft := newFlowText()
	ft.setSpans([]flowSpan{{text: "Manafort met "}, {text: "Kilimnik", bold: true, color: colorNameHit}, {text: " in Madrid, where Kilimnik had flown from Moscow."}})
	ft.Resize(fyne.NewSize(200, 100))
	r := test.WidgetRenderer(ft)
	texts := func() map[*canvas.Text]string {
		out := map[*canvas.Text]string{}
		for _, o := range r.Objects() {
			if txt, ok := o.(*canvas.Text); ok {
				out[txt] = txt.Text
			}
		}
		return out
	}
	r.Layout(ft.Size())
	first := texts()
	if len(first) < 3 {
		t.Fatalf("%d text objects, want a few lines' worth", len(first))
	}
	ft.Refresh()
	ft.setSpans([]flowSpan{{text: "Kilimnik flew from Kiev to Moscow and on to Madrid."}})
	r.Layout(ft.Size())
	for txt, text := range texts() {
		if _, ok := first[txt]; !ok {
			t.Errorf("%q is drawn by a new object", text)
		}
	}
}

// A selection that cuts words widens to whole words.
func TestWholeWords(t *testing.T) {
	text := "Kilimnik was an associate of Paul Manafort, who served as Trump's campaign chairman; Мюллер said."
	for _, c := range []struct{ from, to, want string }{
		{"n associate", "of Paul Mana", "an associate of Paul Manafort"},
		{"Paul", "Manafort", "Paul Manafort"},
		{"ump's", "camp", "Trump's campaign"},
		{"юллер", "sa", "Мюллер said"},
	} {
		start := strings.Index(text, c.from)
		end := strings.Index(text, c.to) + len(c.to)
		s, e := wholeWords(text, start, end)
		if got := text[s:e]; got != c.want {
			t.Errorf("%q…%q widened to %q, want %q", c.from, c.to, got, c.want)
		}
	}
	// Words and clusters joined by marks and joiners are not cut (a hostile
	// data pass): Hindi's spacing vowel signs, a Persian word's zero-width
	// non-joiner, an emoji family's zero-width joiners, a skin tone.
	text = "पुस्तक किताब है। او می\u200cخواهد برود. Family 👨\u200d👩\u200d👧 and 👋🏽 wave."
	for _, c := range []struct{ from, to, want string }{
		{"कि", "कि", "किताब"},
		{"ता", "ता", "किताब"},
		{"خوا", "خوا", "می\u200cخواهد"},
		{"می", "می", "می\u200cخواهد"},
		{"👩", "👩", "👨\u200d👩\u200d👧"},
		{"👋", "👋", "👋🏽"},
	} {
		start := strings.Index(text, c.from)
		end := strings.Index(text, c.to) + len(c.to)
		s, e := wholeWords(text, start, end)
		if got := text[s:e]; got != c.want {
			t.Errorf("%q…%q widened to %q, want %q", c.from, c.to, got, c.want)
		}
	}
}

// Tabs and other control characters read as spaces, byte for byte: a
// Mueller-report line "Rasin,\tAlexei" neither shows a wide gap nor runs
// past the right edge.
func TestControlCharactersFlowAsSpaces(t *testing.T) {
	test.NewTempApp(t)
	text := "Rasin,\tAlexei\r\n→ Ukrainian\tassociate\x0bof Manafort"
	spans := hitSpans(text, []store.Range{{Start: strings.Index(text, "Manafort"), End: len(text)}}, -1)
	got := spansText(spans)
	if len(got) != len(text) || strings.ContainsAny(got, "\t\r\n\x0b") {
		t.Fatalf("flattened to %q", got)
	}
	if got[strings.Index(text, "Manafort"):] != "Manafort" {
		t.Error("byte offsets moved")
	}
	size := theme.TextSize()
	for width := float32(80); width < 400; width += 13 {
		lines, _ := layoutFlow(spans, width, size, 0)
		for i, line := range lines {
			if w := lineWidth(line, size); w > width-2*theme.InnerPadding() {
				t.Errorf("width %v: line %d %q is %v wide", width, i, lineTexts(lines)[i], w)
			}
		}
	}
}

// A worker warming a page's words goes to the UI goroutine once per batch
// of words, not once per word: on a busy machine each trip waited for a
// frame, and a first page of new words took seconds, tens of seconds on a
// large library, to show (found by a UI pass). Every word is then cached.
func TestWarmingAPageTakesFewTripsToTheUIGoroutine(t *testing.T) {
	newTestUI(t)
	var hits []store.Hit
	var words []string
	for i := range 50 {
		var b strings.Builder
		b.WriteString("match ") // in bold, a word of its own
		for j := range 8 {
			w := fmt.Sprintf("zqw%dx%dq", i, j) // measured by no other test
			words = append(words, w)
			b.WriteString(w + " ")
		}
		text := b.String()
		hits = append(hits, store.Hit{PassageID: int64(i + 1), Text: text, Matches: []store.Range{{Start: 0, End: 5}}})
	}
	size := theme.TextSize()
	p := page{res: &store.Results{Hits: hits}}
	before := uiTrips.Load()
	done := make(chan struct{})
	go func() {
		defer close(done)
		leave := enterWorker()
		defer leave()
		p.warm(context.Background(), snippetWidths{budget: 1000, size: size})
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("warming did not finish")
	}
	trips := uiTrips.Load() - before
	if want := int64(len(words)/measureBatch + 3); trips == 0 || trips > want {
		t.Errorf("warming %d new words took %d trips to the UI goroutine, want at most %d", len(words), trips, want)
	}
	wordWidths.Lock()
	defer wordWidths.Unlock()
	for _, w := range words {
		if _, ok := wordWidths.m[wordKey{size, fyne.TextStyle{}, w}]; !ok {
			t.Errorf("%q was not measured", w)
		}
	}
}

// glDrawn is where Fyne's GL painter (v2.7) draws a text laid out at rel in
// a widget whose top-left corner is at origin, in pixels at scale 1: an
// image its width (rounded) wide, between its left edge rounded on the
// screen and its right edge rounded in its parent. It reports the left edge
// and how far the text's own width reaches once the image is stretched
// over that span.
func glDrawn(txt *canvas.Text, origin float32) (left, right float32, stretched bool) {
	round := func(v float32) float32 { return float32(math.Round(float64(v))) }
	w := txt.MinSize().Width
	rel := txt.Position().X
	img := round(w)
	span := round(rel+w) - round(rel)
	left = round(origin + rel)
	return left, left + w*span/img, span != img
}

// The words of a line keep their spaces as drawn, wherever the line falls
// on the screen: ¶1593 of the Mueller report, searched for putin in a
// reader this wide and this far across, was drawn "was Putin  and" and
// "wasPutin’s" — runs laid out at fractional x were each stretched or
// squeezed a pixel and rounded half a pixel on their own.
func TestHitGapsSurviveThePainter(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(&dossierTheme{variant: themeDark, scale: 1})
	text := "<FN980> [redacted] and interview with the Office, Aven referred to the high-ranking Russian government officials using numbers (e.g., Official 1, Official 2). Aven separately confirmed through an attorney proffer that Official 1 was Putin and Official 2 was Putin’s chief of staff, Vaino. See Affidavit of Ryan Junck (Aug. 2, 2018) (hard copy on file)."
	var ranges []store.Range
	for i := 0; ; {
		j := strings.Index(text[i:], "Putin")
		if j < 0 {
			break
		}
		ranges = append(ranges, store.Range{Start: i + j, End: i + j + len("Putin")})
		i += j + len("Putin")
	}
	ft := newFlowText()
	ft.setSpans(hitSpans(text, ranges, -1))
	ft.Resize(fyne.NewSize(529.7935, 200)) // the reader's text column beside ¶4461's gutter
	r := test.WidgetRenderer(ft)
	r.Layout(ft.Size())
	var texts []*canvas.Text
	for _, o := range r.Objects() {
		if txt, ok := o.(*canvas.Text); ok {
			texts = append(texts, txt)
		}
	}
	pad := theme.InnerPadding()
	for _, frac := range []float32{0, 0.144, 0.25, 0.5, 0.75} {
		origin := 742 + frac // the app's reader had its text at x 742.144
		k := 0
		for li, line := range ft.lines {
			var prevRight, prevEnd float32
			for ri, run := range line {
				txt := texts[k]
				k++
				left, right, stretched := glDrawn(txt, origin)
				if stretched {
					t.Errorf("origin %v: %q is drawn stretched or squeezed", origin, txt.Text)
				}
				x := origin + pad + run.x // where the layout put it
				if ri > 0 {
					laid, drawn := x-prevEnd, left-prevRight
					if d := drawn - laid; d > 1 || d < -1 {
						t.Errorf("origin %v, line %d: the gap before %q is drawn %.2f wide, laid out %.2f", origin, li, txt.Text, drawn, laid)
					}
				}
				prevRight, prevEnd = right, x+txt.MinSize().Width
			}
		}
	}
}

// A line cut short never ends in a dangling separator before its
// ellipsis: the library's "19 passages ·…" (found by a UI pass).
func TestFlowCutDropsADanglingSeparator(t *testing.T) {
	test.NewTempApp(t)
	size := theme.TextSize()
	text := "19 passages · Reuters · seed-article.txt"
	for w := float32(40); w < 400; w += 2 {
		lines, truncated := layoutFlow([]flowSpan{{text: text}}, w, size, 1)
		if !truncated {
			continue
		}
		texts := lineTexts(lines)
		last := strings.TrimSuffix(texts[len(texts)-1], "…")
		if strings.HasSuffix(strings.TrimRight(last, " "), "·") {
			t.Errorf("width %v: %q", w, texts[len(texts)-1])
		}
	}
}

// A line may break after an em or en dash between words, as after a
// space: in a narrow reader the Mueller report's "materials—hacks" was one
// word wider than the line, broken between letters (a UI pass); and before
// a footnote reference glued to its word ("Government.”<FN844>"); in a
// document's text, after a hyphen between letters. Not after a hyphen
// elsewhere (the claims ledger's "Trump-Russia"), nor inside "2-5".
func TestFlowBreaksAfterADashBetweenWords(t *testing.T) {
	test.NewTempApp(t)
	size := theme.TextSize()
	for _, c := range []struct {
		spans         []flowSpan
		first, second string
	}{
		{[]flowSpan{{text: "stolen materials—hacks"}}, "stolen materials—", "hacks"},
		{[]flowSpan{{text: "stolen materials–hacks"}}, "stolen materials–", "hacks"},
		{[]flowSpan{{text: "stolen materials—"}, {text: "hacks", bold: true}}, "stolen materials—", "hacks"},
		{dimNoteMarks([]flowSpan{{text: "the Government.”<FN844> Next"}}), "the Government.”", "<FN844> Next"},
		{hitSpans("intelligence-gathering", nil, -1), "intelligence-", "gathering"},
	} {
		// Room for the first line whole, not for the next word too.
		width := fyne.MeasureText(c.first, size, fyne.TextStyle{}).Width + 2*theme.InnerPadding() + 4
		lines, _ := layoutFlow(c.spans, width, size, 0)
		if got := lineTexts(lines); !slices.Equal(got, []string{c.first, c.second}) {
			t.Errorf("%q in %v pixels: lines %q, want %q, %q", spansText(c.spans), width, got, c.first, c.second)
		}
	}
	for _, c := range []struct {
		text    string
		hyphens bool
	}{{"the Trump-Russia ties", false}, {"pages 12-58", true}, {"a — b", true}} {
		text := c.text
		first, _, _ := strings.Cut(text, "-")
		width := fyne.MeasureText(first+"-", size, fyne.TextStyle{}).Width + 2*theme.InnerPadding() + 4
		lines, _ := layoutFlow([]flowSpan{{text: text, hyphens: c.hyphens}}, width, size, 0)
		for _, l := range lineTexts(lines) {
			if strings.HasSuffix(l, "-") || strings.HasPrefix(l, "—") {
				t.Errorf("%q in %v pixels: lines %q break at a hyphen or before a dash", text, width, lineTexts(lines))
			}
		}
	}
}

// randomSpans is up to most spans of random words from vocab, each bold or
// not, some words followed by one or two spaces; text is theirs joined.
func randomSpans(rng *rand.Rand, vocab []string, most int) (spans []flowSpan, text string) {
	var all strings.Builder
	for range rng.IntN(most) + 1 {
		var b strings.Builder
		for range rng.IntN(8) + 1 {
			b.WriteString(vocab[rng.IntN(len(vocab))])
			if rng.IntN(4) > 0 {
				b.WriteString(strings.Repeat(" ", rng.IntN(2)+1))
			}
		}
		spans = append(spans, flowSpan{text: b.String(), bold: rng.IntN(2) == 0})
		all.WriteString(b.String())
	}
	return spans, all.String()
}
