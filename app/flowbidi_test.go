package app

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"dossier/store"
	"dossier/store/claims"
)

// runAt is the run of lines holding the word at byte offset off of the
// text, and its line.
func runAt(t *testing.T, lines [][]placedRun, text, word string) (placedRun, int) {
	t.Helper()
	off := strings.Index(text, word)
	for li, line := range lines {
		for _, r := range line {
			if r.start >= 0 && off >= r.start && off < r.start+len(r.text) {
				return r, li
			}
		}
	}
	t.Fatalf("%q is not laid out in %q", word, lineTexts(lines))
	return placedRun{}, 0
}

// An Arabic sentence reads right to left, word by word, and its line is
// right-aligned; the words are drawn one by one, a space apart (Fyne drew
// the sentence as one text, its words in reverse order; found by a
// hostile UI pass).
func TestFlowArabicReadsRightToLeft(t *testing.T) {
	test.NewTempApp(t)
	size := theme.TextSize()
	text := "مرحبا بالعالم هذا"
	width := float32(600)
	lines, _ := layoutFlow([]flowSpan{{text: text}}, width, size, 0)
	if len(lines) != 1 {
		t.Fatalf("%d lines: %q", len(lines), lineTexts(lines))
	}
	words := strings.Fields(text)
	var runs []placedRun
	for _, w := range words {
		r, _ := runAt(t, lines, text, w)
		if r.text != w || !r.rtl {
			t.Errorf("%q is drawn in the run %q (right to left: %v), not on its own", w, r.text, r.rtl)
		}
		runs = append(runs, r)
	}
	for i := 1; i < len(runs); i++ {
		if runs[i].x >= runs[i-1].x {
			t.Errorf("%q at x %v is not left of %q at x %v", words[i], runs[i].x, words[i-1], runs[i-1].x)
		}
		gap := runs[i-1].x - (runs[i].x + measureWord(words[i], size, fyne.TextStyle{}))
		if sp := measureWord(" ", size, fyne.TextStyle{}); gap < sp-0.5 || gap > sp+0.5 {
			t.Errorf("%v between %q and %q, want a space's %v", gap, words[i], words[i-1], sp)
		}
	}
	right := runs[0].x + measureWord(words[0], size, fyne.TextStyle{})
	if avail := width - 2*theme.InnerPadding() - 1; right < avail-0.5 || right > avail+0.5 {
		t.Errorf("the line ends at %v, want right-aligned at %v", right, avail)
	}
}

// A left-to-right line keeps its Latin words in place and reverses the
// Hebrew ones between them, with even spaces ("שלוםand  مرحباappear").
func TestFlowMixedLine(t *testing.T) {
	test.NewTempApp(t)
	size := theme.TextSize()
	text := "Hello שלום עולם world"
	lines, _ := layoutFlow([]flowSpan{{text: text}}, 600, size, 0)
	if len(lines) != 1 {
		t.Fatalf("%d lines: %q", len(lines), lineTexts(lines))
	}
	var xs []float32
	for _, w := range strings.Fields(text) {
		r, _ := runAt(t, lines, text, w)
		xs = append(xs, r.x+measureWord(r.text[:strings.Index(text, w)-r.start], size, fyne.TextStyle{}))
	}
	hello, shalom, olam, world := xs[0], xs[1], xs[2], xs[3]
	if hello != 0 || !(olam > hello && shalom > olam && world > shalom) {
		t.Errorf("Hello at %v, שלום at %v, עולם at %v, world at %v: want Hello, עולם, שלום, world from the left", hello, shalom, olam, world)
	}
	sp := measureWord(" ", size, fyne.TextStyle{})
	ends := []float32{measureWord("Hello", size, fyne.TextStyle{}), olam + measureWord("עולם", size, fyne.TextStyle{}), shalom + measureWord("שלום", size, fyne.TextStyle{})}
	for i, next := range []float32{olam, shalom, world} {
		if gap := next - ends[i]; gap < sp-0.5 || gap > sp+0.5 {
			t.Errorf("gap %d is %v wide, want a space's %v", i, gap, sp)
		}
	}
}

// Numbers, punctuation and a Latin name in right-to-left text: the rules
// for neutrals and numbers at word granularity.
func TestFlowBidiOrder(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct{ text, want string }{
		{"Hello world 2024", "Hello world 2024"},
		{"אחת שתיים שלוש", "שלוש שתיים אחת"},
		{"Hello שלום עולם world", "Hello עולם שלום world"},
		{"שלום 2024 עולם", "עולם 2024 שלום"},
		{"שלום 1 2 world", "world 2 1 שלום"}, // a right-to-left paragraph
		{"So שלום 1 2 world", "So 2 1 שלום world"},
		{"in 2016 and 2020", "in 2016 and 2020"},
		{"انتخابات Trump Putin روسيا", "روسيا Trump Putin انتخابات"},
		{"word (שלום)", "word (שלום)"},
	} {
		drawnLine(t, c.text, c.want)
	}
}

// drawnLine lays text out on one line and checks it is drawn as want
// (see visualText); it returns the line's runs.
func drawnLine(t *testing.T, text, want string) []placedRun {
	t.Helper()
	lines, _ := layoutFlow([]flowSpan{{text: text}}, 600, theme.TextSize(), 0)
	if got := visualText(lines[0]); got != want {
		t.Errorf("%q is drawn %q, want %q", text, got, want)
	}
	return lines[0]
}

// visualText is a line's runs' words from the left, a space apart.
func visualText(line []placedRun) string {
	line = slices.Clone(line)
	slices.SortStableFunc(line, func(a, b placedRun) int {
		switch {
		case a.x < b.x:
			return -1
		case a.x > b.x:
			return 1
		}
		return 0
	})
	// As drawn: punctuation read right to left reversed and mirrored;
	// runs with spaces between them a space apart, others joined.
	var b strings.Builder
	for i, r := range line {
		if i > 0 {
			prev := line[i-1]
			if end := prev.x + measureWord(prev.text, theme.TextSize(), textStyle(prev.span)); r.x > end+0.5 && !strings.HasSuffix(prev.text, " ") {
				b.WriteString(" ")
			}
		}
		b.WriteString(bidiText(r, r.text))
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// Brackets and punctuation at a word's ends take their places by the
// rules for neutrals and are drawn mirrored when read right to left:
// Fyne drew "(מרחבא)" as ")מרחבא(", and in a right-to-left line
// "[מקור 3]." ended with "3]." at its left (found by the hostile UI pass
// ui4).
func TestFlowBidiPunctuation(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct{ text, want string }{
		{"and (מרחבא) in", "and (מרחבא) in"},
		{"שלום [מקור 3].", ".[3 מקור] שלום"},
		{"כי Putin, לא", "לא ,Putin כי"},
		{`ואמר "זה שקר"`, `"שקר זה" ואמר`},
		{"המחיר $5 היה", "היה $5 המחיר"},
	} {
		for _, r := range drawnLine(t, c.text, c.want) {
			// Fyne draws a text with a right-to-left letter reversed, its
			// brackets not mirrored.
			if hasRTL(r.text) && strings.ContainsAny(r.text, "()[]") {
				t.Errorf("%q: the run %q is drawn with its brackets by Fyne", c.text, r.text)
			}
		}
	}
}

// Pointing at a right-to-left word finds it; dragging across it selects
// it; its box is where it is drawn; a highlighted part of an Arabic word
// stays in its place in the word (its right, if it comes first).
func TestFlowSelectRightToLeft(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(&dossierTheme{variant: themeLight, scale: 1})
	var got [2]int
	st := newSelectableText(func(s, e int) { got = [2]int{s, e} })
	text := "Hello שלום עולם world"
	st.setSpans([]flowSpan{{text: text}})
	st.Resize(fyne.NewSize(600, 100))
	ft := &st.flowText
	ft.mu.Lock()
	ft.breakLines(600)
	lines, size := ft.lines, ft.tsize
	ft.mu.Unlock()
	pad := theme.InnerPadding()
	y := pad + flowLineHeight()/2
	for _, w := range []string{"שלום", "עולם"} {
		r, _ := runAt(t, lines, text, w)
		ww := measureWord(w, size, fyne.TextStyle{})
		right := fyne.NewPos(pad+r.x+ww-0.5, y)
		if off := st.offsetAt(right); off != strings.Index(text, w) {
			t.Errorf("the right edge of %q is offset %d, want %d", w, off, strings.Index(text, w))
		}
		if off := st.offsetAt(fyne.NewPos(pad+r.x+0.5, y)); off != strings.Index(text, w)+len(w) {
			t.Errorf("the left edge of %q is offset %d, want %d", w, off, strings.Index(text, w)+len(w))
		}
		drag(func(f func()) { f() }, st, right, fyne.NewPos(pad+r.x+0.5, y))
		if sel := text[got[0]:got[1]]; sel != w {
			t.Errorf("dragging across %q selected %q", w, sel)
		}
		boxes := rangeBoxes(lines, got[0], got[1], size)
		if len(boxes) != 1 || boxes[0].x < r.x-0.5 || boxes[0].x > r.x+0.5 || boxes[0].w < ww-0.5 || boxes[0].w > ww+0.5 {
			t.Errorf("%q is drawn at %v, %v wide; its boxes are %v", w, r.x, ww, boxes)
		}
	}

	arabic := []flowSpan{{text: "مر"}, {text: "حبا", bold: true, color: colorNameHit}, {text: " بالعالم"}}
	lines, _ = layoutFlow(arabic, 600, size, 0)
	first, hit := lines[0][len(lines[0])-1], lines[0][len(lines[0])-2]
	if first.text != "مر" || hit.text != "حبا" || hit.x >= first.x {
		t.Errorf("the word's pieces are drawn %q at %v, %q at %v: want the highlight left of the start", first.text, first.x, hit.text, hit.x)
	}
}

// Cut short, a right-to-left line ends with the ellipsis at its left.
func TestFlowRightToLeftCut(t *testing.T) {
	test.NewTempApp(t)
	size := theme.TextSize()
	text := strings.Repeat("مرحبا بالعالم هذا نص عربي ", 10)
	lines, truncated := layoutFlow([]flowSpan{{text: text}}, 300, size, 1)
	if !truncated || len(lines) != 1 {
		t.Fatalf("truncated %v, %d lines", truncated, len(lines))
	}
	line := lines[0]
	for _, r := range line[1:] {
		if r.x < line[0].x {
			t.Fatalf("runs are not in visual order: %v", line)
		}
	}
	if line[0].text != "…" {
		t.Errorf("the leftmost run is %q, want the ellipsis", line[0].text)
	}
}

// Text with no right-to-left letter is laid out as it was before bidi
// ordering: mergeRunsBefore is the merging of that time.
func TestFlowLatinLayoutUnchanged(t *testing.T) {
	test.NewTempApp(t)
	size := theme.TextSize()
	ls := themeSizes()
	vocab := strings.Fields("the Kilimnik report Президент 漢字 said: (see p. 2-5; FN920) and — over Derkach's influence A intelligence-gathering")
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		var spans []flowSpan
		for range rng.IntN(8) + 1 {
			var b strings.Builder
			for range rng.IntN(8) + 1 {
				b.WriteString(vocab[rng.IntN(len(vocab))])
				if rng.IntN(4) > 0 {
					b.WriteString(strings.Repeat(" ", rng.IntN(2)+1))
				}
			}
			spans = append(spans, flowSpan{text: b.String(), bold: rng.IntN(2) == 0, hyphens: rng.IntN(2) == 0})
		}
		width := float32(40 + rng.IntN(600))
		limit := rng.IntN(3)
		got, _ := layoutFlow(spans, width, size, limit)
		rows, truncated := placeFlow(ls, spans, width, size, limit, nil)
		if truncated {
			continue // the kept tail is not part of this comparison
		}
		want := mergeRunsBefore(rows)
		if len(got) != len(want) {
			t.Fatalf("%d lines, want %d", len(got), len(want))
		}
		for i := range got {
			if !slices.Equal(got[i], want[i]) {
				t.Fatalf("width %v: line %d is\n%v\nwant\n%v", width, i, got[i], want[i])
			}
		}
	}
}

func mergeRunsBefore(rows [][]placed) [][]placedRun {
	lines := make([][]placedRun, len(rows))
	for i, row := range rows {
		var line []placedRun
		for _, p := range row {
			if n := len(line); n > 0 && line[n-1].span == p.span {
				line[n-1].text += p.text
				continue
			}
			line = append(line, placedRun{x: p.x, text: p.text, span: p.span, start: p.off})
		}
		lines[i] = line
	}
	return lines
}

// Random mixed text: every word is laid out once, runs do not overlap and
// stay within the width.
func TestFlowBidiRandom(t *testing.T) {
	test.NewTempApp(t)
	size := theme.TextSize()
	vocab := strings.Fields("the Kilimnik report مرحبا بالعالم שלום עולם 2016 (see ١٢٣ p. 2-5;) — انتخابات, Президент")
	rng := rand.New(rand.NewPCG(5, 6))
	for range 300 {
		spans, all := randomSpans(rng, vocab, 8)
		width := float32(40 + rng.IntN(600))
		lines, truncated := layoutFlow(spans, width, size, rng.IntN(3))
		avail := width - 2*theme.InnerPadding()
		var words []string
		for i, line := range lines {
			end := float32(0)
			for k, r := range line {
				if k > 0 && r.x < end-0.5 {
					t.Fatalf("width %v: line %d: %q at %v overlaps the run before, which ends at %v: %+v", width, i, r.text, r.x, end, line)
				}
				end = r.x + measureWord(strings.TrimRight(r.text, " "), size, textStyle(r.span))
				if r.start >= 0 {
					words = append(words, r.text)
				}
			}
			if end > avail+0.5 {
				t.Fatalf("width %v: line %d is %v wide: %+v", width, i, end, line)
			}
		}
		if !truncated {
			// The letters: words run on across spans.
			got := []rune(strings.ReplaceAll(strings.Join(words, ""), " ", ""))
			want := []rune(strings.ReplaceAll(all, " ", ""))
			slices.Sort(got)
			slices.Sort(want)
			if string(got) != string(want) {
				t.Fatalf("width %v: lost text:\n got %q\nwant %q", width, got, want)
			}
		}
	}
}

// BenchmarkFlowLayoutLatin: laying out a long Latin passage, which skips
// the bidi ordering (compare with it disabled to see its cost).
func BenchmarkFlowLayoutLatin(b *testing.B) {
	test.NewTempApp(b)
	size := theme.TextSize()
	text := strings.Repeat("Intelligence agencies and former Special Counsel Robert Mueller previously concluded that Russia also interfered in the 2016 election to boost Trump's candidacy. ", 12)
	spans := []flowSpan{{text: text[:400]}, {text: "Mueller", bold: true}, {text: text[400:]}}
	layoutFlow(spans, 600, size, 0)
	b.ResetTimer()
	for range b.N {
		layoutFlow(spans, 600, size, 0)
	}
}

// A quoted name is ordered apart from the message around it (an isolate,
// quotedIsolates): "(1 passage)" after a Hebrew title was taken into the
// title's right-to-left run, as the algorithm orders text with no
// isolate, and drawn "1) ” … passage)".
func TestFlowIsolatedQuotes(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct{ text, plain, isolated string }{
		// A left-to-right message quoting a right-to-left title.
		{"Delete “דוח על רוסיה” (1 passage)?", "Delete “1) ”רוסיה על דוח passage)?", "Delete “רוסיה על דוח” (1 passage)?"},
		// The title's own numbers and Latin words stay in its order.
		{"Deleted “דוח FBI על רוסיה 2020”.", "Deleted “דוח FBI 2020 רוסיה על”.", "Deleted “2020 רוסיה על FBI דוח”."},
		// A right-to-left message quoting a Latin title with a number.
		{"נמחק “Report 2” היום", "היום ”Report 2“ נמחק", "היום ”Report 2“ נמחק"},
		// A title quoting words itself is one isolate.
		{"Delete “דוח “מיוחד” 2020” (1 passage)?", "Delete “1) ”2020 ”מיוחד“ דוח passage)?", "Delete “2020 ”מיוחד“ דוח” (1 passage)?"},
		// A left-to-right message quoting a left-to-right name: as before.
		{"Tagged “Kilimnik” 3 times.", "Tagged “Kilimnik” 3 times.", "Tagged “Kilimnik” 3 times."},
	} {
		plain, _ := layoutFlow([]flowSpan{{text: c.text}}, 600, theme.TextSize(), 0)
		if got := visualText(plain[0]); got != c.plain {
			t.Errorf("%q, not isolated, is drawn %q, want %q", c.text, got, c.plain)
		}
		spans := quotedIsolates(flowSpan{text: c.text})
		if len(spans) != 3 || !spans[1].isolate || spans[0].isolate || spans[2].isolate {
			t.Fatalf("%q is cut into %+v", c.text, spans)
		}
		lines, _ := layoutFlow(spans, 600, theme.TextSize(), 0)
		if got := visualText(lines[0]); got != c.isolated {
			t.Errorf("%q, its quote isolated, is drawn %q, want %q", c.text, got, c.isolated)
		}
	}
	for _, c := range []struct {
		text  string
		spans int
	}{{"no quotes", 1}, {"“”", 2}, {"an “unclosed quote", 1}, {"“a” and “b”", 5}, {"“שלום”", 3}, {"“a “b” c” d", 3}} {
		spans := quotedIsolates(flowSpan{text: c.text})
		var joined strings.Builder
		for _, sp := range spans {
			joined.WriteString(sp.text)
		}
		if len(spans) != c.spans || joined.String() != c.text {
			t.Errorf("%q is cut into %d spans %+v, want %d holding the whole text", c.text, len(spans), spans, c.spans)
		}
	}
}

// A claim's stacked line under a Hebrew source reads left to right, the
// source and the document's title each in their own order: the source's
// first letter made the whole line right to left, its English words at
// the left (found by the hostile UI pass ui6). The source and its verb
// read as a sentence's start ("… asserts", as the reader's chips word it).
func TestStackedClaimLineWithAHebrewSource(t *testing.T) {
	test.NewTempApp(t)
	c := store.Claim{Source: "ערוץ 12", Stance: claims.Asserts, Likelihood: claims.Likely,
		DocumentTitle: "דוח על רוסיה", Ordinal: 3}
	lines, _ := layoutFlow(stackedSpans(c, nil), 2000, theme.TextSize(), 0)
	if len(lines) != 1 {
		t.Fatalf("%d lines", len(lines))
	}
	if got, want := visualText(lines[0]), "12 ערוץ asserts · likely · רוסיה על דוח · ¶ 3"; got != want {
		t.Errorf("the stacked line is drawn %q, want %q", got, want)
	}
	if lines[0][0].x != 0 {
		t.Errorf("the stacked line starts at %v, not at the left", lines[0][0].x)
	}
}

// An isolate broken over two lines keeps its whole text's direction on
// each: the second line's part, Latin words only, ends with its "!" at
// its start (the isolate is right to left), as on one line.
func TestFlowIsolateOverTwoLines(t *testing.T) {
	test.NewTempApp(t)
	size := theme.TextSize()
	head := "Deleted “דוח ארוך מאוד על הבחירות"
	spans := quotedIsolates(flowSpan{text: head + " alpha beta!” today."})
	width := measureWord(head+" alp", size, fyne.TextStyle{}) + 2*theme.InnerPadding() + 1
	lines, _ := layoutFlow(spans, width, size, 0)
	if len(lines) < 2 {
		t.Fatalf("%d lines at %v: %q", len(lines), width, lineTexts(lines))
	}
	got := visualText(lines[len(lines)-1])
	if want := "!alpha beta” today."; got != want {
		t.Errorf("the last line is drawn %q, want %q (lines %q)", got, want, lineTexts(lines))
	}
}

// A quoted right-to-left title cut short ends with its ellipsis at its
// left end, where it was cut: the ellipsis stood at the line's right,
// beside the title's first word.
func TestFlowIsolateCutShort(t *testing.T) {
	test.NewTempApp(t)
	size := theme.TextSize()
	spans := quotedIsolates(flowSpan{text: "¶ 1 of “דוח ועדת המודיעין של הסנאט על התערבות רוסיה”"})
	width := measureWord("¶ 1 of “דוח ועדת המודיעין של", size, fyne.TextStyle{}) + 2*theme.InnerPadding() + 1
	lines, cut := layoutFlow(spans, width, size, 1)
	if !cut || len(lines) != 1 {
		t.Fatalf("%d lines, cut %v: %q", len(lines), cut, lineTexts(lines))
	}
	got := visualText(lines[0])
	if !strings.HasPrefix(got, "¶ 1 of “…") || !strings.HasSuffix(got, "דוח") {
		t.Errorf("the cut line is drawn %q, want “… then the title's kept words ending (at the right) with its first", got)
	}
}

// A quoted title that itself holds a quote is isolated whole: closed at
// its own inner ”, "Deleted “דוח “מיוחד” על FBI 2020 (כרך 3)”." left the
// rest of the title to the message's order, its words and the bracket
// drawn out of order in the status line and Delete document's question
// (found by the hostile UI pass ui7).
func TestQuotedTitleHoldingAQuoteIsIsolatedWhole(t *testing.T) {
	test.NewTempApp(t)
	title := "דוח “מיוחד” על FBI 2020 (כרך 3)"
	text := "Deleted “" + title + "”."
	spans := quotedIsolates(flowSpan{text: text})
	if len(spans) != 3 || !spans[1].isolate || spans[1].text != title {
		t.Fatalf("%q is cut into %+v, want the whole title isolated", text, spans)
	}
	lines, _ := layoutFlow(spans, 2000, theme.TextSize(), 0)
	alone, _ := layoutFlow([]flowSpan{{text: title}}, 2000, theme.TextSize(), 0)
	if got, want := visualText(lines[0]), "Deleted “"+visualText(alone[0])+"”."; got != want {
		t.Errorf("%q is drawn %q, want %q", text, got, want)
	}
	// Unbalanced, the quote still closes at the first ”.
	if spans := quotedIsolates(flowSpan{text: "“a “b” c"}); len(spans) != 3 || spans[1].text != "a “b" {
		t.Errorf("an unbalanced quote is cut into %+v", spans)
	}
}
