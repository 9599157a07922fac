package app

// The reader's claim marks: a line under each claim's words (dashed for a
// suggestion, solid once accepted; rejected claims are not shown) and a
// chip per claim under the passage naming its source and likelihood, which
// opens the claim's dialog.

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"dossier/internal/wording"
	"dossier/store"
	"dossier/store/claims"
)

// claimUnderlines are the lines under passage p's claims.
func (r *readerView) claimUnderlines(p store.Passage) []flowUnderline {
	var out []flowUnderline
	for _, c := range r.claims[p.ID] {
		out = append(out, flowUnderline{c.Span.Start, c.Span.End, colorNameClaim, c.State == store.ClaimSuggested})
	}
	return out
}

// claimSummaryParts says in a few words who asserts a claim and how sure,
// "Claim by " + "CNN" + ", likely ?" (? suggested, ✓ accepted), cut around
// the source's name, which a right-to-left chip or message orders apart
// from the words around it.
func claimSummaryParts(c store.Claim, sourceLen int) (before, source, after string) {
	before = "Claim"
	if c.Source != "" {
		before += " by "
		source = wording.Brief(c.Source, sourceLen)
	}
	var b strings.Builder
	// "denial" when the claim's own words deny, "denies" when the source
	// denies them: "Claim by ODNI report, denies" on “Beijing did not
	// deploy …” read as the report saying the opposite (claims.HowSaid).
	if w := claims.HowSaid(c.Stance, c.Cue, c.Text).Word(); w != "" {
		b.WriteString(", " + w)
	}
	if c.Likelihood != claims.NotStated {
		b.WriteString(", " + c.Likelihood.String())
	}
	if c.Confidence != claims.NoConfidence {
		b.WriteString(", " + c.Confidence.String() + " confidence")
	}
	if c.State == store.ClaimSuggested {
		b.WriteString(" ?")
	} else {
		b.WriteString(" ✓")
	}
	return before, source, b.String()
}

// claimChips are passage p's claim chips: outlined in the claims' colour,
// in italics while suggested.
func (r *readerView) claimChips(p store.Passage) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, c := range r.claims[p.ID] {
		c := c
		style := fyne.TextStyle{Bold: c.State != store.ClaimSuggested, Italic: c.State == store.ClaimSuggested}
		before, source, after := claimSummaryParts(c, 28)
		text := newFitTip(r.ui, newFitTextNamed(before, source, after, theme.SizeNameCaptionText, style, theme.Color(theme.ColorNameForeground)))
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
		bg.StrokeColor = theme.Color(colorNameClaim)
		bg.StrokeWidth = 1.5
		bg.CornerRadius = 8
		out = append(out, newTapArea(container.NewStack(bg, container.New(&padLayout{h: 6, v: 2}, text)), func() {
			r.claimed = c.ID
			r.ui.showClaimDialog(c)
		}))
	}
	return out
}

// claimAt is the claim of passage p whose words hold offset: the shortest,
// where claims overlap.
func (r *readerView) claimAt(p store.Passage, offset int) (store.Claim, bool) {
	var best store.Claim
	found := false
	for _, c := range r.claims[p.ID] {
		if offset >= c.Span.Start && offset < c.Span.End && (!found || c.Span.End-c.Span.Start < best.Span.End-best.Span.Start) {
			best, found = c, true
		}
	}
	return best, found
}

// tappedText hears a click on passage i's text: on a claim's words, the
// status line says whose claim it is, and Ctrl+K opens that one.
func (r *readerView) tappedText(i, offset int) {
	if i >= len(r.passages) {
		return
	}
	c, ok := r.claimAt(r.passages[i], offset)
	if !ok {
		return
	}
	r.claimed = c.ID
	// The source quoted: the status line orders a quoted name apart from
	// the words around it (a Hebrew source's brackets and numbers).
	before, source, after := claimSummaryParts(c, 60)
	if source != "" {
		source = "“" + source + "”"
	}
	// What Ctrl+K's dialog offers: an accepted claim's has Save and
	// Remove claim, not Accept (the hint offered to accept one already
	// accepted: hostile UI pass ui8).
	keys := "Ctrl+K to accept, edit or reject it."
	if c.State == store.ClaimAccepted {
		keys = "Ctrl+K to edit or remove it."
	}
	r.ui.status.setMessage(fmt.Sprintf("%s%s%s — “%s”. %s", before, source, after, wording.Brief(c.Text, 60), keys))
}
