package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"dossier/store"
	"dossier/store/claims"
)

// The ledger's stacked line (a narrow pane) words a claim's stance as the
// reader's chips and the exports do: it said "ODNI report · denies" of
// “Beijing did not deploy …”, the report's own denial, as if the report
// denied it. The source and its verb read as a sentence's start.
func TestLedgerStackedLineSaysWhereTheDenialIs(t *testing.T) {
	for _, c := range []struct {
		claim store.Claim
		want  string
	}{
		{store.Claim{Source: "ODNI report", Stance: claims.Denies, Cue: "concluding", Text: `Beijing "did not deploy interference efforts"`, DocumentTitle: "Report"},
			"ODNI report says (denial) · Report"},
		{store.Claim{Source: "Paul Manafort", Stance: claims.Denies, Cue: "denied", Text: "meeting with Kilimnik on his Madrid trip", DocumentTitle: "Report"},
			"Paul Manafort denies · Report"},
		{store.Claim{Source: "Anonymous sources", Stance: claims.Asserts, Cue: "said", Text: "he did not go", Likelihood: claims.Likely, DocumentTitle: "Report"},
			"Anonymous sources assert · likely · Report"},
		{store.Claim{Stance: claims.Denies, Cue: "concluding", Text: `Beijing "did not deploy interference efforts"`, DocumentTitle: "Report"},
			"no source · says (denial) · Report"},
	} {
		var b strings.Builder
		for _, s := range stackedSpans(c.claim, nil) {
			b.WriteString(s.text)
		}
		if got := b.String(); !strings.HasPrefix(got, c.want) {
			t.Errorf("stacked line %q, want it to begin %q", got, c.want)
		}
	}
}

// A long source's name leaves room for its verb in the stacked line: at
// 640 px and the largest text, "ODNI report on foreign threats to the
// 2020…" filled the line's three lines and the ellipsis cut it before
// "says (denial)" (a hostile UI pass). The name alone is shortened, after
// a whole word; a short name, and a line with room, are left whole.
func TestStackedLineKeepsTheVerbAfterALongSource(t *testing.T) {
	test.NewTempApp(t)
	size := theme.TextSize() * maxTextScale
	width := cellWidth(8 * size) // a stacked claim's width at 640 px
	hebrew := "דוח ועדת המודיעין של הסנאט על התערבות רוסיה בבחירות 2016"
	for _, c := range []struct {
		claim store.Claim
		verb  string
	}{
		{store.Claim{Source: odniReportSource, Stance: claims.Denies, Cue: "concluding", Text: `Beijing "did not deploy interference efforts"`, DocumentTitle: "Report"}, "says (denial)"},
		{store.Claim{Source: odniReportSource, Stance: claims.Asserts, Cue: "assessed", Text: "Moscow sought to denigrate", DocumentTitle: "Report"}, "asserts"},
		{store.Claim{Source: hebrew, Stance: claims.Asserts, Cue: "said", Text: "Moscow sought to denigrate", DocumentTitle: "דוח"}, "asserts"},
	} {
		whole, _ := layoutFlow(stackedSpans(c.claim, nil), width, size, cellMaxLines)
		if strings.Contains(strings.Join(lineTexts(whole), " "), c.verb) {
			t.Fatalf("%q: the whole line shows %q at %v: not the cramped case", c.claim.Source, c.verb, width)
		}
		spans := stackedLine(c.claim, nil, themeSizes(), width, size)
		lines, _ := layoutFlow(spans, width, size, cellMaxLines)
		shown := strings.Join(lineTexts(lines), " ")
		if !strings.Contains(shown, c.verb) {
			t.Errorf("%q: the stacked line reads %q, without its verb %q", c.claim.Source, shown, c.verb)
		}
		name, ok := strings.CutSuffix(spans[0].text, "…")
		if !ok || !strings.HasPrefix(c.claim.Source, name+" ") || len(name) < len(c.claim.Source)/3 {
			t.Errorf("%q is shortened to %q, want its first whole words and “…”", c.claim.Source, spans[0].text)
		}
		// A right-to-left name ends, as it reads, at the left: its "…" there.
		if c.claim.Source == hebrew && !slices.ContainsFunc(lines, func(l []placedRun) bool { return strings.HasPrefix(visualText(l), "… ") }) {
			t.Errorf("the Hebrew name's “…” is drawn at none of its lines' left: %q", lineTexts(lines))
		}
		// Wide, nothing is cut.
		if wide := stackedLine(c.claim, nil, themeSizes(), 2000, size); wide[0].text != c.claim.Source {
			t.Errorf("%q is shortened to %q in a wide line", c.claim.Source, wide[0].text)
		}
	}
	short := store.Claim{Source: "CNN", Stance: claims.Asserts, Text: "he went", DocumentTitle: "A very long document title that will be cut in this narrow line"}
	if got := stackedLine(short, nil, themeSizes(), width, size)[0].text; got != "CNN" {
		t.Errorf("a short source is shown %q", got)
	}
}

// In the window, too: each row's line under a claim of the long-named
// ODNI report shows the report's verb at 640 px and the largest text.
func TestNarrowLedgerRowsShowTheLongSourcesVerb(t *testing.T) {
	u := newTestUI(t)
	u.openClaims(t)
	u.do(func() {
		u.w.Resize(fyne.NewSize(640, 600))
		u.setTextScale(maxTextScale)
	})
	u.do(func() { u.w.Canvas().Capture() })
	l := u.claims.ledger
	if !l.stacked() {
		t.Fatal("the ledger is not stacked at 640 px")
	}
	seen := 0
	u.do(func() {
		for i, o := range l.list.shown {
			c := l.rows[i]
			if c.Source != odniReportSource {
				continue
			}
			seen++
			cell := o.(*claimRow).cells[colSource]
			cell.mu.Lock()
			shown := strings.Join(lineTexts(cell.lines), " ")
			cell.mu.Unlock()
			verb := claims.HowSaid(c.Stance, c.Cue, c.Text).Verb(false)
			if !strings.Contains(shown, verb) {
				t.Errorf("the line under %q reads %q, without %q", c.Text, shown, verb)
			}
		}
	})
	if seen == 0 {
		t.Fatal("no row of the ODNI report's claims in view")
	}
}
