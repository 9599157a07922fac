package app

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
	"dossier/store/claims"
)

const odniReportSource = "ODNI report on foreign threats to the 2020 election"

// openClaims opens the sidebar's Claims section and waits for the ledger.
func (u *testUI) openClaims(t *testing.T) {
	t.Helper()
	// Wide enough for the ledger's columns side by side at the usual text
	// size (narrower, they stack under each claim: TestLedgerStacksWhenNarrow).
	u.do(func() {
		if u.w.Canvas().Size().Width < 1280 {
			u.w.Resize(fyne.NewSize(1280, 800))
		}
	})
	u.do(func() { u.sidebar.showNamed("claims") })
	if !u.claims.pane.Visible() || u.claimsResults.Visible() {
		t.Fatal("the Claims section does not show the ledger in place of the results")
	}
}

// ledgerTexts are the claims the ledger lists, in order.
func ledgerTexts(u *testUI) []string {
	var out []string
	for _, c := range u.claims.ledger.rows {
		out = append(out, c.Text)
	}
	return out
}

// rowOf is the ledger row of the claim whose words contain text.
func rowOf(t *testing.T, u *testUI, text string) int {
	t.Helper()
	for i, c := range u.claims.ledger.rows {
		if strings.Contains(c.Text, text) {
			return i
		}
	}
	t.Fatalf("no claim with %q in the ledger: %q", text, ledgerTexts(u))
	return -1
}

// shownRow is the row object showing ledger row i (scrolled into view).
func shownRow(t *testing.T, u *testUI, i int) *claimRow {
	t.Helper()
	u.do(func() { u.claims.ledger.list.scrollTo(i) })
	o, ok := u.claims.ledger.list.shown[i]
	if !ok {
		t.Fatalf("row %d not shown after scrolling to it", i)
	}
	return o.(*claimRow)
}

// The ledger lists the built-in article's suggested claims with a "?",
// with their sources, stance and estimative language.
func TestClaimsLedgerListsSeedClaims(t *testing.T) {
	u := newTestUI(t)
	want, err := u.CurrentStore().Claims(context.Background(), store.ClaimQuery{})
	if err != nil || len(want) < 7 {
		t.Fatalf("store: %d claims, %v", len(want), err)
	}
	u.openClaims(t)
	if got := len(u.claims.ledger.rows); got != len(want) {
		t.Fatalf("ledger lists %d claims, the store %d", got, len(want))
	}
	if !strings.Contains(u.claims.paneHead.Text, "All claims") || !strings.Contains(u.claims.heading.Text, thousands(len(want))) {
		t.Errorf("headings %q / %q", u.claims.paneHead.Text, u.claims.heading.Text)
	}
	i := rowOf(t, u, "Putin likely directed efforts")
	c := u.claims.ledger.rows[i]
	if c.Source != odniReportSource || c.Likelihood != claims.Likely {
		t.Errorf("Putin claim: %q %s", c.Source, c.Likelihood)
	}
	row := shownRow(t, u, i)
	if text := spansText(row.cells[colClaim].spans); !strings.HasSuffix(text, " ?") {
		t.Errorf("a suggested claim shows %q, without the suggestion's ?", text)
	}
	if text := spansText(row.cells[colLikelihood].spans); text != "likely" {
		t.Errorf("likelihood cell %q", text)
	}
	if text := spansText(row.cells[colSource].spans); text != odniReportSource {
		t.Errorf("source cell %q", text)
	}
	// Rows are as tall as their words need: the long "We assess" claim
	// takes more lines than the short China denial.
	l := u.claims.ledger
	long, short := rowOf(t, u, "We assess that"), rowOf(t, u, "did not deploy")
	if hl, hs := l.list.tops[long+1]-l.list.tops[long], l.list.tops[short+1]-l.list.tops[short]; hl <= hs {
		t.Errorf("row heights: long claim %v, short claim %v", hl, hs)
	}

	// A search brings the results back; choosing a group the ledger.
	u.find("kilimnik")
	if u.claims.pane.Visible() || !u.claimsResults.Visible() {
		t.Error("searching leaves the ledger in place of the results")
	}
	u.do(func() { u.claims.groups.Select(0) })
	if !u.claims.pane.Visible() {
		t.Error("choosing a group does not show the ledger again")
	}
	u.do(func() { u.sidebar.showNamed("library") })
	if u.claims.pane.Visible() || !u.claimsResults.Visible() {
		t.Error("another section leaves the ledger in place of the results")
	}
}

// Grouping by source and by actor lists each with its count; a group
// shows its claims only.
func TestClaimsGrouping(t *testing.T) {
	u := newTestUI(t)
	u.openClaims(t)
	all := len(u.claims.ledger.rows)
	groups := u.claims.groupList
	if groups[0].name != "All claims" || groups[0].count != all || len(groups) < 3 {
		t.Fatalf("groups by source: %+v", groups)
	}
	report := slices.IndexFunc(groups, func(g claimGroup) bool { return g.name == odniReportSource })
	if report != 1 {
		t.Errorf("the report, with most claims, is group %d: %+v", report, groups)
	}
	sum := 0
	for _, g := range groups[1:] {
		sum += g.count
	}
	if sum != all {
		t.Errorf("source groups hold %d claims, all %d", sum, all)
	}
	u.do(func() { u.claims.groups.Select(report) })
	if len(u.claims.ledger.rows) != groups[report].count {
		t.Errorf("the report's group lists %d claims, want %d", len(u.claims.ledger.rows), groups[report].count)
	}
	for _, c := range u.claims.ledger.rows {
		if c.Source != odniReportSource {
			t.Errorf("claim by %q in the report's group", c.Source)
		}
	}

	u.do(func() { u.claims.grouping.SetSelected(groupByActor) })
	china := slices.IndexFunc(u.claims.groupList, func(g claimGroup) bool { return g.name == "China" })
	if china < 0 || u.claims.groupList[china].count != 2 {
		t.Fatalf("groups by actor: %+v", u.claims.groupList)
	}
	u.do(func() { u.claims.groups.Select(china) })
	if len(u.claims.ledger.rows) != 2 || !strings.Contains(u.claims.paneHead.Text, "China") {
		t.Errorf("China's group: %q, heading %q", ledgerTexts(u), u.claims.paneHead.Text)
	}
	u.do(func() { u.claims.grouping.SetSelected(groupNone) })
	if len(u.claims.groupList) != 1 || len(u.claims.ledger.rows) != all {
		t.Errorf("not grouped: %+v, %d rows", u.claims.groupList, len(u.claims.ledger.rows))
	}
}

// A header sorts by its column; again reverses, and says which way.
func TestClaimsSorting(t *testing.T) {
	u := newTestUI(t)
	u.openClaims(t)
	l := u.claims.ledger
	if !strings.HasSuffix(l.header[colPlace].Text, "▲") {
		t.Errorf("default order not marked on Document ¶: %q", l.header[colPlace].Text)
	}
	u.do(func() { test.Tap(l.header[colLikelihood]) })
	if !strings.HasSuffix(l.header[colLikelihood].Text, "▲") || strings.Contains(l.header[colPlace].Text, "▲") {
		t.Errorf("headers %q / %q", l.header[colLikelihood].Text, l.header[colPlace].Text)
	}
	if last := l.rows[len(l.rows)-1]; last.Likelihood != claims.Likely {
		t.Errorf("ascending likelihood ends with %s", last.Likelihood)
	}
	u.do(func() { test.Tap(l.header[colLikelihood]) })
	if !strings.HasSuffix(l.header[colLikelihood].Text, "▼") || l.rows[0].Likelihood != claims.Likely {
		t.Errorf("descending: header %q, first %s", l.header[colLikelihood].Text, l.rows[0].Likelihood)
	}
	u.do(func() { test.Tap(l.header[colClaim]) })
	texts := ledgerTexts(u)
	if !slices.IsSortedFunc(texts, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }) {
		t.Errorf("by claim: %q", texts)
	}
	u.do(func() { test.Tap(l.header[colStance]) })
	u.do(func() { test.Tap(l.header[colStance]) })
	if l.rows[0].Stance != claims.Denies {
		t.Errorf("stance descending starts with %s", l.rows[0].Stance)
	}
}

// The filter takes the claim query language; a bad one says why.
func TestClaimsFilter(t *testing.T) {
	u := newTestUI(t)
	u.openClaims(t)
	// Widened and drawn, the ledger measures its rows at the new widths off
	// the UI goroutine while the window is drawn (the race run's test of
	// that worker: see raceChosen).
	u.do(func() {
		u.w.Resize(fyne.NewSize(1400, 800))
		u.w.Canvas().Capture()
	})
	u.do(func() { u.claims.filter.SetText("stance:denies") })
	u.do(func() { u.claims.filter.OnSubmitted(u.claims.filter.Text) })
	texts := ledgerTexts(u)
	if len(texts) < 3 || !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, "did not deploy") }) ||
		!slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, "did not attempt to manipulate") }) {
		t.Errorf("stance:denies lists %q", texts)
	}
	for _, c := range u.claims.ledger.rows {
		if c.Stance != claims.Denies {
			t.Errorf("%q (%s) under stance:denies", c.Text, c.Stance)
		}
	}
	// The heading says the rows are the filter's, not all claims.
	if want := "Claims — matching “stance:denies” · " + plural(len(u.claims.ledger.rows), "claim"); u.claims.paneHead.Text != want {
		t.Errorf("heading %q, want %q", u.claims.paneHead.Text, want)
	}
	u.do(func() { u.claims.filter.SetText(`by:"anonymous sources"`) })
	u.do(func() { u.claims.filter.OnSubmitted(u.claims.filter.Text) })
	if texts := ledgerTexts(u); len(texts) == 0 || !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, "sanctions") }) {
		t.Errorf(`by:"anonymous sources" lists %q`, texts)
	}
	u.do(func() { u.claims.filter.SetText("likelihood:>=likely") })
	u.do(func() { u.claims.filter.OnSubmitted(u.claims.filter.Text) })
	for _, c := range u.claims.ledger.rows {
		if c.Likelihood < claims.Likely {
			t.Errorf("%q (%s) under likelihood:>=likely", c.Text, c.Likelihood)
		}
	}
	u.do(func() { u.claims.filter.SetText("likelihood:perhaps") })
	u.do(func() { u.claims.filter.OnSubmitted(u.claims.filter.Text) })
	if !u.claims.messageLine.Visible() || !strings.Contains(u.claims.message.Text, "perhaps") {
		t.Errorf("a bad filter says %q", u.claims.message.Text)
	}
}

// Accept and Reject on a row change the store, can be undone, and the
// state choice follows.
func TestClaimsAcceptReject(t *testing.T) {
	u := newTestUI(t)
	u.openClaims(t)
	ctx := context.Background()
	i := rowOf(t, u, "Putin likely directed efforts")
	id := u.claims.ledger.rows[i].ID
	ri := shownRow(t, u, i)
	u.do(func() { test.Tap(ri.accept) })
	if c, _ := u.CurrentStore().Claim(ctx, id); c.State != store.ClaimAccepted {
		t.Fatalf("after Accept the claim is %s", c.State)
	}
	i = rowOf(t, u, "Putin likely directed efforts")
	row := shownRow(t, u, i)
	if u.claims.ledger.rows[i].State != store.ClaimAccepted || strings.HasSuffix(spansText(row.cells[colClaim].spans), "?") || !row.accept.Disabled() {
		t.Errorf("the ledger still shows the accepted claim as suggested")
	}
	u.do(u.undoNow)
	if c, _ := u.CurrentStore().Claim(ctx, id); c.State != store.ClaimSuggested {
		t.Errorf("after Undo the claim is %s", c.State)
	}

	j := rowOf(t, u, "did not deploy")
	rid := u.claims.ledger.rows[j].ID
	rj := shownRow(t, u, j)
	u.do(func() { test.Tap(rj.reject) })
	if c, _ := u.CurrentStore().Claim(ctx, rid); c.State != store.ClaimRejected {
		t.Fatalf("after Reject the claim is %s", c.State)
	}
	if slices.ContainsFunc(u.claims.ledger.rows, func(c store.Claim) bool { return c.ID == rid }) {
		t.Error("a rejected claim stays in the suggested-and-accepted ledger")
	}
	u.do(func() { u.claims.state.SetSelected("Rejected") })
	if rows := u.claims.ledger.rows; len(rows) != 1 || rows[0].ID != rid {
		t.Errorf("rejected only: %q", ledgerTexts(u))
	}
	u.do(u.undoNow)
	if len(u.claims.ledger.rows) != 0 {
		t.Errorf("after undoing the rejection, rejected only lists %q", ledgerTexts(u))
	}
}

// A read-only file refuses Accept with the banner's explanation.
func TestClaimsReadOnlyRefuses(t *testing.T) {
	u := newTestUI(t)
	u.openReadOnly(t)
	u.openClaims(t)
	i := rowOf(t, u, "Putin likely directed efforts")
	id := u.claims.ledger.rows[i].ID
	ri := shownRow(t, u, i)
	u.do(func() { test.Tap(ri.accept) })
	if !strings.Contains(overlayTexts(u.w), "read-only") {
		t.Errorf("no read-only explanation: %q", overlayTexts(u.w))
	}
	if c, _ := u.CurrentStore().Claim(context.Background(), id); c.State != store.ClaimSuggested {
		t.Errorf("a read-only file's claim became %s", c.State)
	}
}

// Clicking a row opens its passage in the reader.
func TestClaimsRowOpensPassage(t *testing.T) {
	u := newTestUI(t)
	u.openClaims(t)
	i := rowOf(t, u, "did not deploy")
	c := u.claims.ledger.rows[i]
	ri := shownRow(t, u, i)
	u.do(func() { ri.Tapped(&fyne.PointEvent{}) })
	p, ok := u.reader.currentPassage()
	if !ok || p.ID != c.PassageID || u.reader.doc.ID != c.DocumentID {
		t.Errorf("reader at passage %d (%v), want %d", p.ID, ok, c.PassageID)
	}
	if u.claims.ledger.sel != c.ID || !strings.Contains(u.status.message.Text, "Suggested") {
		t.Errorf("selection %d, status %q", u.claims.ledger.sel, u.status.message.Text)
	}
	// A change elsewhere (a bookmark, an edit in the reader) reloads it.
	if _, err := u.CurrentStore().DecideClaim(context.Background(), c.ID, store.ClaimAccepted); err != nil {
		t.Fatal(err)
	}
	u.do(u.annotationsChanged)
	if got := u.claims.ledger.rows[rowOf(t, u, "did not deploy")]; got.State != store.ClaimAccepted {
		t.Errorf("after annotationsChanged the ledger shows %s", got.State)
	}
}

// The corroboration matrix: a row per assertion, ✓/✗ per source; linked
// claims share a row; clicking a mark opens that source's claim.
func TestClaimsMatrix(t *testing.T) {
	u := newTestUI(t)
	ctx := context.Background()
	all, _ := u.CurrentStore().Claims(ctx, store.ClaimQuery{})
	var a, b store.Claim
	for _, c := range all {
		if a.ID == 0 && c.SourceID != 0 {
			a = c
		} else if b.ID == 0 && c.SourceID != 0 && c.SourceID != a.SourceID {
			b = c
		}
	}
	if err := u.CurrentStore().LinkClaims(ctx, a.ID, b.ID, store.LinkSame); err != nil {
		t.Fatal(err)
	}
	u.openClaims(t)
	u.do(func() { test.Tap(u.claims.matrixB) })
	m := u.claims.matrix
	if !m.box.Visible() || u.claims.ledgerBox.Visible() || len(m.rows) != len(all)-1 {
		t.Fatalf("matrix shown %v, %d rows for %d claims with two linked", m.box.Visible(), len(m.rows), len(all))
	}
	if !strings.Contains(m.summary.Text, "1 is repeated by several") {
		t.Errorf("summary %q", m.summary.Text)
	}
	row := 0 // a's row leads: the first claim in reading order
	if got := m.m.Rows[m.rows[row]]; got.SourceCount() != 2 {
		t.Fatalf("linked row has %d sources", got.SourceCount())
	}
	col := slices.IndexFunc(m.m.Sources, func(s store.MatrixSource) bool { return s.ID == b.SourceID })
	box := m.table.CreateCell().(*fyne.Container)
	cell := box.Objects[1].(*flowText)
	m.updateCell(widgetCell(row, col+2), box)
	if spansText(cell.spans) != "✓" {
		t.Errorf("b's source cell shows %q", spansText(cell.spans))
	}
	u.do(func() { m.open(widgetCell(row, col+2)) })
	if p, ok := u.reader.currentPassage(); !ok || p.ID != b.PassageID {
		t.Errorf("the mark opened passage %d, want b's %d", p.ID, b.PassageID)
	}
	u.do(func() { test.Tap(u.claims.matrixB) })
	if m.box.Visible() || !u.claims.ledgerBox.Visible() {
		t.Error("the button does not go back to the ledger")
	}
}

func widgetCell(row, col int) widget.TableCellID { return widget.TableCellID{Row: row, Col: col} }

// From the ledger, a row's Edit button and Ctrl+K after opening a row both
// bring up the claim dialog on that claim.
func TestClaimsLedgerEditsInTheDialog(t *testing.T) {
	u := newTestUI(t)
	u.openClaims(t)
	i := rowOf(t, u, "did not deploy")
	row := shownRow(t, u, i)
	if !row.edit.Visible() {
		t.Fatal("the ledger's rows have no Edit button")
	}
	u.do(func() { test.Tap(row.edit) })
	quoted := func() bool {
		for _, s := range texts(u.dialog(t, "Suggested claim")) {
			if strings.Contains(s, "did not deploy") {
				return true
			}
		}
		return false
	}
	if !quoted() {
		t.Fatalf("Edit opened %q", texts(u.dialog(t, "Suggested claim")))
	}
	// The reader shows the claim's passage behind the dialog, as a click
	// on the row does (it stayed on another document: a researcher's
	// pass).
	if p, ok := u.reader.currentPassage(); !ok || !strings.Contains(p.Text, "did not deploy") {
		t.Errorf("the reader shows %q behind the claim's dialog", p.Text)
	}
	u.dialogKeyEscape()

	i = rowOf(t, u, "did not deploy")
	row = shownRow(t, u, i)
	u.do(func() { row.Tapped(&fyne.PointEvent{}) })
	u.press(t, fyne.KeyK, ctrl)
	if !quoted() {
		t.Errorf("Ctrl+K after opening the row opened %q", texts(u.dialog(t, "Suggested claim")))
	}
}

// A double click on ✗ rejects one claim: the first click takes the row out
// of the ledger, and the second lands on the claim that moved up into it.
func TestClaimsDoubleClickDecidesOnce(t *testing.T) {
	u := newTestUI(t)
	u.openClaims(t)
	ctx := context.Background()
	// The two clicks come within the guard whatever the machine's load
	// (a race run on a busy machine took longer between them).
	now := time.Now()
	u.do(func() { u.claims.ledger.clock = func() time.Time { return now } })
	i := rowOf(t, u, "would likely trigger USA sanctions")
	first := u.claims.ledger.rows[i].ID
	r := shownRow(t, u, i)
	u.do(func() { test.Tap(r.reject) })
	next := u.claims.ledger.rows[i].ID
	if next == first {
		t.Fatal("the rejected claim is still in the row")
	}
	now = now.Add(doubleClickGuard / 2)
	r = shownRow(t, u, i)
	u.do(func() { test.Tap(r.reject) })
	if c, _ := u.CurrentStore().Claim(ctx, next); c.State != store.ClaimSuggested {
		t.Errorf("the double click's second click %s the claim that moved up", c.State)
	}
	if c, _ := u.CurrentStore().Claim(ctx, first); c.State != store.ClaimRejected {
		t.Errorf("the clicked claim is %s", c.State)
	}
	// A click after the guard is a click of its own.
	now = now.Add(doubleClickGuard)
	r = shownRow(t, u, i)
	u.do(func() { test.Tap(r.reject) })
	if c, _ := u.CurrentStore().Claim(ctx, next); c.State != store.ClaimRejected {
		t.Errorf("a click %v after the decision left the claim in the row %s", doubleClickGuard*3/2, c.State)
	}
	// ✗ moved focus off the filter box: Ctrl+Z undoes the decision, not typing.
	u.do(func() { u.w.Canvas().Focus(u.claims.filter) })
	j := rowOf(t, u, "did not deploy")
	r = shownRow(t, u, j)
	u.do(func() { test.Tap(r.reject) })
	if u.w.Canvas().Focused() == u.claims.filter {
		t.Error("the filter box keeps the focus after ✗")
	}
}

// A rejected claim's dialog says so and offers Accept, which restores it
// (it offered Save and Remove claim, which did nothing).
func TestRejectedClaimDialogAcceptsIt(t *testing.T) {
	u := newTestUI(t)
	u.openClaims(t)
	ctx := context.Background()
	i := rowOf(t, u, "did not deploy")
	id := u.claims.ledger.rows[i].ID
	r := shownRow(t, u, i)
	u.do(func() { test.Tap(r.reject) })
	u.do(func() { u.claims.state.SetSelected("Rejected") })
	r = shownRow(t, u, rowOf(t, u, "did not deploy"))
	u.do(func() { test.Tap(r.edit) })
	if got := strings.Join(texts(u.dialog(t, "Rejected claim")), "\n"); !strings.Contains(got, "Rejected: the reader does not mark it") || strings.Contains(got, "Remove claim") {
		t.Errorf("the rejected claim's dialog: %q", got)
	}
	u.tapDialogButton(t, "Rejected claim", "Accept")
	if c, _ := u.CurrentStore().Claim(ctx, id); c.State != store.ClaimAccepted {
		t.Errorf("after Accept in its dialog the claim is %s", c.State)
	}
	u.do(u.undoNow)
	if c, _ := u.CurrentStore().Claim(ctx, id); c.State != store.ClaimRejected {
		t.Errorf("after Undo the claim is %s", c.State)
	}
}

// A click on the ledger while its rows are at estimated heights (just
// after a text size change) opens and decides nothing, and says why; once
// the rows are measured, the same click opens the claim (found by a
// hostile pass: a click right after Ctrl+- opened a claim two rows down).
func TestLedgerIgnoresClicksWhileItsRowsAreEstimated(t *testing.T) {
	u := newTestUI(t)
	u.openClaims(t)
	u.do(func() { u.w.Canvas().Capture() })
	i := len(u.claims.ledger.rows) - 1
	row := shownRow(t, u, i)
	want := u.claims.ledger.rows[i]
	var measuring bool
	var state string
	u.do(func() {
		u.setTextScale(maxTextScale)
		u.claims.ledger.measure() // as its next layout would
		measuring = u.claims.ledger.measuring
		row.Tapped(&fyne.PointEvent{})
		row.accept.OnTapped()
		state = u.status.message.Text
	})
	if !measuring {
		t.Fatal("no measuring under way after a text size change: the test proves nothing")
	}
	if p, ok := u.reader.currentPassage(); ok && p.ID == want.PassageID {
		t.Error("a click on estimated rows opened a claim")
	}
	if c, err := u.CurrentStore().Claim(context.Background(), want.ID); err != nil || c.State != want.State {
		t.Errorf("a click on estimated rows decided a claim: %+v (%v)", c.State, err)
	}
	if !strings.Contains(state, "click again") {
		t.Errorf("status %q, want it to say the click was not taken", state)
	}
	if u.claims.ledger.measuring {
		t.Fatal("still measuring after the work was done")
	}
	row = shownRow(t, u, i)
	u.do(func() { row.Tapped(&fyne.PointEvent{}) })
	if p, ok := u.reader.currentPassage(); !ok || p.ID != want.PassageID {
		t.Errorf("once measured, the click opened %+v, want the claim's passage %d", p, want.PassageID)
	}
}

// The Corroboration table's "Sources" header fits its column on one line at
// every text size: at 0.8 it broke as "Source / s" (found by a hostile
// pass).
func TestMatrixSourcesHeaderFits(t *testing.T) {
	u := newTestUI(t)
	u.openClaims(t)
	u.do(func() { test.Tap(u.claims.matrixB) })
	m := u.claims.matrix
	for _, scale := range []float32{minTextScale, 0.9, 1, 1.4, maxTextScale} {
		u.do(func() { u.setTextScale(scale) })
		var lines int
		u.do(func() {
			m.sizeColumns()
			l, _ := layoutFlow([]flowSpan{{text: "Sources", bold: true}}, m.count, theme.TextSize(), 0)
			lines = len(l)
		})
		if lines != 1 {
			t.Errorf("at text size %v the header takes %d lines in a column %v wide", scale, lines, m.count)
		}
	}
}

// Deciding a claim names its source quoted, so that a Hebrew name is
// ordered apart from the words around it: "Accepted the claim by ערוץ 12
// (גרסה 2)." was drawn "… by 2 גרסה) 12 ערוץ).", its brackets torn apart
// (found by the hostile UI pass ui7).
func TestDecidedClaimStatusReadsAHebrewSourceInItsOwnOrder(t *testing.T) {
	u := newTestUI(t)
	u.openClaims(t)
	const name = "ערוץ 12 (גרסה 2)"
	u.do(func() {
		u.claims.ledger.rows[0].Source = name
		u.claims.ledger.decide(0, store.ClaimAccepted)
	})
	u.do(func() {})
	want := "Accepted the claim by “" + name + "”."
	if got := u.status.message.Text; got != want {
		t.Fatalf("status %q, want %q", got, want)
	}
	drawnAs(t, "status line", u.status.shown, want, "Accepted the claim by “(2 גרסה) 12 ערוץ”.")
}
