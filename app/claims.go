package app

// The Claims view (issue 14): the sidebar's claims section chooses the
// grouping, the state and a filter in the claim query language, and lists
// the groups; the middle pane shows the chosen group's claims as a
// sortable ledger (claimtable.go) or as the corroboration matrix
// (claimmatrix.go) in place of the results, until a search or another
// section brings the results back.

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// claimIcon is a speech bubble: who says what (Fyne's theme has none).
var claimIcon = theme.NewThemedResource(fyne.NewStaticResource("claim.svg", []byte(
	`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2h-9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3.5 5a1.5 1.5 0 0 0 0 3v1.5c1.4-.3 2.5-1.5 2.5-3V9.5A1.5 1.5 0 0 0 7.5 8zm6 0a1.5 1.5 0 0 0 0 3v1.5c1.4-.3 2.5-1.5 2.5-3V9.5A1.5 1.5 0 0 0 13.5 8z"/></svg>`)))

// Groupings and states, as the sidebar's choices name them. Each tells
// itself from the others by its first letters, as a narrow sidebar shows
// them ("Grouped …" was both groupings; a hostile UI pass).
const (
	groupBySource = "By source"
	groupByActor  = "By actor"
	groupNone     = "Not grouped"
)

var claimStates = []struct{ label, state string }{
	{"Not rejected", ""},
	{"Accepted", store.ClaimAccepted},
	{"Suggested", store.ClaimSuggested},
	{"Rejected", store.ClaimRejected},
	{"All", "all"},
}

// claimFilterHints are the claims filter's placeholder, longest first: the
// box shows the longest that fits.
var claimFilterHints = []string{
	"Filter: by:cnn stance:denies…",
	"Filter: stance:denies…",
	"Filter claims…",
	"Filter…",
}

// claimGroup is a row of the sidebar's list: all claims, or those of one
// source or about one actor.
type claimGroup struct {
	key   string // "" for all claims; "s:ID" or "a:ID"
	name  string
	count int
}

// claimsView is the Claims section and the middle pane it shows.
type claimsView struct {
	ui        *UI
	heading   *widget.Label
	grouping  *widget.Select
	state     *widget.Select
	filter    *widget.Entry
	filterBox *fyne.Container // filter, its hint shortened to fit
	matrixB   *widget.Button
	matrixF   *shortButtonLayout // matrixB's label, shortened to fit
	matrixBox *fyne.Container    // matrixB in it
	findB     *widget.Button     // finds claims in every document
	findBox   *fyne.Container    // findB, its label shortened to fit
	groups    *widget.List
	choices   *fyne.Container // the choices above the groups, which give way on a short pane

	// The middle pane.
	pane        *fyne.Container // the ledger or the matrix, over the results
	paneHead    *widget.Label
	paneLine    *bidiLabel // paneHead, or its text drawn right to left
	message     *widget.Label
	messageLine *bidiLabel    // message, right to left where it is; what is shown and hidden
	loading     *widget.Label // under the ledger's header till the claims are read
	ledgerBox   fyne.CanvasObject
	ledger      *ledgerTable
	matrix      *matrixPane
	showMatrix  bool

	all       []store.Claim // the claims state and filter choose
	readSaid  string        // the filter whose reading (store.ReadFilter) the status line said last
	groupList []claimGroup
	group     string // the chosen group's key
	stale     bool   // a change came while the section was hidden
	// loadedGen is the research file generation whose claims are shown
	// (-1: none yet); till they come the pane says it is reading them.
	loadedGen  int
	restoring  bool // re-selecting the chosen group after a reload
	stopTimer  func() bool
	seq        int
	savedSplit float64 // the results split before the pane widened it
	widened    float64 // the split the pane widened it to

	// editClaim, when set, edits a claim (the claim dialog); the rows then
	// offer an Edit button.
	editClaim func(store.Claim)
}

func newClaimsView(u *UI) *claimsView {
	v := &claimsView{ui: u, stale: true, loadedGen: -1}
	v.heading = widget.NewLabelWithStyle("Claims", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.grouping = widget.NewSelect([]string{groupBySource, groupByActor, groupNone}, nil)
	v.grouping.SetSelected(groupBySource)
	v.grouping.OnChanged = func(string) { v.regroup() }
	var labels []string
	for _, s := range claimStates {
		labels = append(labels, s.label)
	}
	v.state = widget.NewSelect(labels, nil)
	v.state.SetSelected(labels[0])
	v.state.OnChanged = func(string) { v.refresh() }
	// A select's least width is its placeholder's, Fyne's "(Select one)",
	// never shown here (each always has a choice): at the largest text it
	// set the section's least width, and the reader beside it had a pixel
	// too few for "counterintelligence" (a UI pass). Narrower, the choice
	// shown ends in "…", but not before the letters that tell it from
	// the others.
	v.grouping.PlaceHolder, v.state.PlaceHolder = "By s…", "Acc…"
	v.filter = widget.NewEntry()
	// The hint shortens to fit the box (see shortHintLayout): whole, at
	// the larger text sizes it was cut mid-word ("Filter: by:cnn
	// stance:de"), with a scroll bar under it (found by a UI pass).
	v.filterBox = withShortHint(v.filter, v.filter, claimFilterHints...)
	v.filter.OnChanged = func(string) {
		if v.stopTimer != nil {
			v.stopTimer()
		}
		v.stopTimer = u.work.after(debounce, v.refresh)
	}
	v.filter.OnSubmitted = func(string) {
		if v.stopTimer != nil {
			v.stopTimer()
		}
		v.refresh()
	}
	// Shortened too: whole at the largest text, "Corroboration…" set the
	// section's least width (254 pixels), and the reader beside it on an
	// 800×600 screen broke "communications" between letters (a UI pass).
	v.matrixF, v.matrixBox = newShortButton(func() { v.setMatrix(!v.showMatrix) })
	v.matrixF.fill = true
	v.matrixB = v.matrixF.button
	v.matrixB.SetIcon(theme.GridIcon())
	v.matrixF.setForms(matrixForms...)
	// Its label shortens in a narrow sidebar: whole, at larger text it set
	// the sidebar's least width and squeezed the claims pane beside it.
	findForms, findBox := newShortButton(u.findAllClaims)
	v.findB, v.findBox = findForms.button, findBox
	v.findB.SetIcon(theme.SearchIcon())
	v.findB.Importance = widget.LowImportance
	findForms.setForms("Find claims in every document", "Find claims everywhere", "Find claims")
	v.groups = widget.NewList(
		func() int { return len(v.groupList) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			count := widget.NewLabel("")
			count.Importance = widget.LowImportance
			return container.NewBorder(nil, nil, nil, count, newHoverTip(u, name))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(v.groupList) {
				return
			}
			g := v.groupList[id]
			c := o.(*fyne.Container)
			c.Objects[0].(*hoverTip).setText(g.name)
			c.Objects[1].(*widget.Label).SetText(thousands(g.count))
		},
	)
	v.groups.OnSelected = func(id widget.ListItemID) {
		if v.restoring || id >= len(v.groupList) {
			return
		}
		v.group = v.groupList[id].key
		v.showPane()
		v.showGroup()
	}

	v.ledger = newLedgerTable(v)
	v.matrix = newMatrixPane(v)
	v.paneHead = widget.NewLabel("")
	v.paneHead.TextStyle = fyne.TextStyle{Bold: true}
	v.paneHead.Truncation = fyne.TextTruncateEllipsis
	// A group's name may be Hebrew or Arabic: a label drew "Claims — " and
	// the name in stored order, and cut short it drew the whole line
	// mirrored, "… · <name> — Claims" (found by the hostile UI pass ui6).
	v.paneLine = newBidiLabel(v.paneHead)
	v.message = widget.NewLabel("")
	v.message.Wrapping = fyne.TextWrapWord
	v.message.Alignment = fyne.TextAlignCenter
	v.messageLine = newBidiLabel(v.message)
	v.messageLine.quotesIsolated = true
	v.messageLine.Hide()
	v.ledgerBox = v.ledger.content()
	v.loading = widget.NewLabel(claimsLoading)
	v.loading.Wrapping = fyne.TextWrapWord
	v.loading.Alignment = fyne.TextAlignCenter
	v.loading.Hide()
	body := container.NewStack(v.ledgerBox, v.matrix.content(), container.NewPadded(container.NewVBox(layoutSpacer(24), v.messageLine)),
		container.New(&underHeadLayout{head: v.ledger.head}, v.loading))
	v.pane = container.NewBorder(v.paneLine, nil, nil, nil, body)
	v.pane.Hide()
	v.matrix.box.Hide()
	return v
}

// content is the sidebar section.
func (v *claimsView) content() fyne.CanvasObject {
	top := container.NewVBox(v.heading, v.grouping, v.state, v.filterBox, v.matrixBox, widget.NewSeparator())
	// Documents imported by `dossier import`, or whose finding was
	// cancelled, have no suggestions until this runs.
	rest := container.NewBorder(nil, v.findBox, nil, nil, v.groups)
	// On a short pane the choices scroll, keeping the height of the
	// heading and one choice, once the groups are down to two rows: as
	// fixed rows at the largest text they made the section 390 pixels
	// tall at least, and the window taller than an 800×600 screen (found
	// by a UI pass).
	row := func() float32 { return v.grouping.MinSize().Height }
	v.choices = newGiveWay(top, rest,
		func() float32 { return 2*row() + theme.Padding() },
		func() float32 { return rest.MinSize().Height + row() + theme.Padding() })
	return v.choices
}

// middle is the results pane with the claims pane over it.
func (v *claimsView) middle(results fyne.CanvasObject) fyne.CanvasObject {
	v.ui.claimsResults = results
	return container.NewStack(results, v.pane)
}

// query is what the sidebar's choices ask of the store.
func (v *claimsView) query() store.ClaimQuery {
	q := store.ClaimQuery{Query: strings.TrimSpace(v.filter.Text)}
	for _, s := range claimStates {
		if s.label == v.state.Selected {
			q.State = s.state
		}
	}
	return q
}

// opened is the section's onShow: it shows the pane and loads the claims.
func (v *claimsView) opened() {
	v.showPane()
	v.refresh()
}

// changed is called when annotations change: the view reloads if it is
// shown, and when next shown otherwise.
func (v *claimsView) changed() {
	if v.ui.sidebar != nil && v.ui.sidebar.sections[v.ui.sidebar.current].name == "claims" {
		v.refresh()
		return
	}
	v.stale = true
}

// refresh loads the claims the state and filter choose, and the matrix if
// it is shown, in one store call off the UI goroutine.
func (v *claimsView) refresh() {
	v.stopTimer = nil
	v.stale = false
	v.seq++
	seq := v.seq
	q := v.query()
	matrix := v.showMatrix
	grouping, group, col, desc := v.grouping.Selected, v.group, v.ledger.sortCol, v.ledger.desc
	// The rows are measured with the load, so that they come in sized, at
	// the widths the loaded claims' words give the columns.
	total, actionW, size, ls := v.ledger.total, v.ledger.actionWidth(), theme.TextSize(), themeSizes()
	vs := v.ui.library.versions // read on the UI goroutine; never written once made
	st, gen := v.ui.store()
	if gen != v.loadedGen && v.pane.Visible() {
		// Nothing of this file's claims is shown yet: the pane was empty
		// under its header for seconds on a first open under load, and
		// said nothing (ui15's L4). As the results pane says "Opening …"
		// till a file's documents come. Over the empty ledger, which
		// stays laid out: hidden, it was measured for no width, and the
		// pane came in wider than an 800×600 screen at the largest text
		// (TestSidebarShownFitsASmallScreensWidth).
		v.paneLine.SetText("Claims")
		v.loading.Show()
	}
	v.ui.work.run(func() func() {
		var cs []store.Claim
		var m store.ClaimMatrix
		var err error
		if matrix {
			m, err = st.ClaimMatrix(context.Background(), q)
			for _, r := range m.Rows {
				cs = append(cs, r.Claims...)
			}
			slices.SortFunc(cs, placeOrder)
		} else {
			cs, err = st.Claims(context.Background(), q)
		}
		var read []store.ReadFilter
		if err == nil && q.Query != "" {
			read, err = st.ReadFilters(context.Background(), q.Query)
		}
		need := columnNeeds(cs, size, ls)
		key := ledgerKey{columnsFor(total, size, actionW, need), size}
		var lines map[int64]rowLines
		if err == nil && !matrix && total > 0 {
			lines = measureClaims(cs, vs, key.w, key.size, ls)
		}
		d := prepareLedger(cs, grouping, group, col, desc)
		return func() {
			if !v.ui.current(gen) || seq != v.seq {
				return
			}
			v.loadedGen = gen
			v.loading.Hide()
			if err != nil {
				v.showFailure(err)
				return
			}
			v.all = cs
			// As the search's count line does: "by:Россия" gave Russia's
			// claims, and nothing said it was read so (ui20's pass). Once
			// for a filter: a reload after an edit keeps the edit's status.
			if len(read) > 0 && q.Query != v.readSaid {
				v.ui.status.setMessage(readLine(read) + plural(len(cs), "claim"))
			}
			v.readSaid = q.Query
			v.ledger.setNeeds(need, size)
			// Measured afresh with every load: an edited claim's words, or
			// another research file's claim of the same id, may take more
			// lines than before.
			v.ledger.lines, v.ledger.linesAt = map[int64]rowLines{}, ledgerKey{}
			if lines != nil && key == v.ledger.lineKey() {
				v.ledger.lines, v.ledger.linesAt = lines, key
			}
			if matrix {
				v.matrix.set(m)
			}
			if grouping == v.grouping.Selected && group == v.group && col == v.ledger.sortCol && desc == v.ledger.desc {
				v.apply(d)
			} else { // chosen otherwise meanwhile
				v.regroup()
			}
		}
	})
}

// showFailure empties the view for claims that could not be read, saying
// why in the headings as well as the pane: a count left from the last
// filter would pass for this one's.
func (v *claimsView) showFailure(err error) {
	v.all = nil
	v.groupList = nil
	v.groups.Refresh()
	var qe *store.QueryError
	if errors.As(err, &qe) {
		v.heading.SetText("Claims (invalid filter)")
		v.paneLine.SetText("Claims — the filter is not valid")
	} else {
		v.heading.SetText("Claims (not read)")
		v.paneLine.SetText("Claims — could not be read")
	}
	v.showMessage(fullStop(err.Error()))
}

// ledgerData is what the view shows of the loaded claims: their groups,
// and the chosen group's claims in the chosen order.
type ledgerData struct {
	groups []claimGroup
	group  string
	rows   []store.Claim
}

// prepareLedger works out what the view shows; it may run off the UI
// goroutine (10,000 claims take milliseconds to group and sort).
func prepareLedger(all []store.Claim, grouping, group string, col int, desc bool) ledgerData {
	d := ledgerData{groups: claimGroups(all, grouping), group: group}
	if !slices.ContainsFunc(d.groups, func(g claimGroup) bool { return g.key == group }) {
		d.group = ""
	}
	in := groupFilter(d.group)
	for _, c := range all {
		if in(c) {
			d.rows = append(d.rows, c)
		}
	}
	sortClaims(d.rows, col, desc)
	return d
}

// prepare is prepareLedger for the view's current choices.
func (v *claimsView) prepare() ledgerData {
	return prepareLedger(v.all, v.grouping.Selected, v.group, v.ledger.sortCol, v.ledger.desc)
}

// regroup lists the groups of the loaded claims, then shows the chosen one.
func (v *claimsView) regroup() { v.apply(v.prepare()) }

// apply shows prepared groups and rows.
func (v *claimsView) apply(d ledgerData) {
	v.groupList, v.group = d.groups, d.group
	v.heading.SetText(fmt.Sprintf("Claims (%s)", thousands(len(v.all))))
	if v.ui.broken != nil {
		v.heading.SetText("Claims") // the empty stand-in's (see bookmarksView.refresh)
	}
	at := max(slices.IndexFunc(v.groupList, func(g claimGroup) bool { return g.key == v.group }), 0)
	v.groups.Refresh()
	if v.pane.Visible() { // the chosen group stays selected
		v.restoring = true
		v.groups.Select(at)
		v.restoring = false
	} else {
		v.groups.UnselectAll() // choosing any group shows the pane again
	}
	v.showRows(d.rows)
}

// claimGroups lists "All claims" and each source or actor with its count,
// most claims first.
func claimGroups(cs []store.Claim, grouping string) []claimGroup {
	out := []claimGroup{{name: "All claims", count: len(cs)}}
	if grouping == groupNone {
		return out
	}
	byKey := map[string]*claimGroup{}
	var keys []string
	add := func(key, name string) {
		g, ok := byKey[key]
		if !ok {
			g = &claimGroup{key: key, name: name}
			byKey[key] = g
			keys = append(keys, key)
		}
		g.count++
	}
	for _, c := range cs {
		if grouping == groupBySource {
			add(fmt.Sprintf("s:%d", c.SourceID), cmp.Or(c.Source, "(no source)"))
			continue
		}
		if len(c.About) == 0 {
			add("a:0", "(no actor)")
		}
		for _, a := range c.About {
			add(fmt.Sprintf("a:%d", a.TagID), a.Name)
		}
	}
	for _, k := range keys {
		out = append(out, *byKey[k])
	}
	slices.SortStableFunc(out[1:], func(a, b claimGroup) int {
		return cmp.Or(cmp.Compare(b.count, a.count), cmp.Compare(strings.ToLower(a.name), strings.ToLower(b.name)))
	})
	return out
}

// groupFilter reports whether a claim belongs to the group key.
func groupFilter(key string) func(store.Claim) bool {
	var id int64
	fmt.Sscanf(key[min(2, len(key)):], "%d", &id)
	switch {
	case key == "":
		return func(store.Claim) bool { return true }
	case strings.HasPrefix(key, "s:"):
		return func(c store.Claim) bool { return c.SourceID == id }
	case id == 0:
		return func(c store.Claim) bool { return len(c.About) == 0 }
	}
	return func(c store.Claim) bool {
		return slices.ContainsFunc(c.About, func(a store.ClaimActor) bool { return a.TagID == id })
	}
}

// groupName is the chosen group's name.
func (v *claimsView) groupName() string {
	for _, g := range v.groupList {
		if g.key == v.group {
			return g.name
		}
	}
	return "All claims"
}

// showGroup shows the chosen group's claims in the ledger or the matrix.
func (v *claimsView) showGroup() { v.showRows(v.prepare().rows) }

// showRows shows the chosen group's claims, sorted.
func (v *claimsView) showRows(cs []store.Claim) {
	if v.showMatrix {
		v.matrix.showGroup(v.group)
		return
	}
	name := v.groupName()
	if f := strings.TrimSpace(v.filter.Text); f != "" && v.group == "" {
		// "All claims · 1 claim" under by:treasury read as the ledger's
		// whole (a researcher's pass).
		name = "matching “" + f + "”"
	}
	v.paneLine.SetNamed("Claims — ", name, " · "+plural(len(cs), "claim"))
	v.ledger.show(cs)
	if len(cs) == 0 {
		v.showMessage(v.emptyMessage())
		return
	}
	v.messageLine.Hide()
	v.ledgerBox.Show()
}

// claimsLoading is what the claims pane says till a file's claims are read.
const claimsLoading = "Reading the claims… They appear here once they are read."

// underHeadLayout lays its one object out under head (the ledger's
// header), as wide as it is given and as tall as it needs; it asks for no
// room of its own, so the pane's least size stays the ledger's.
type underHeadLayout struct{ head fyne.CanvasObject }

func (underHeadLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }

func (l *underHeadLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	top := l.head.MinSize().Height + 3*theme.Padding()
	o := objs[0]
	o.Move(fyne.NewPos(0, top))
	o.Resize(fyne.NewSize(size.Width, o.MinSize().Height)) // wrapped at this width, its height is its lines'
	o.Resize(fyne.NewSize(size.Width, min(o.MinSize().Height, max(size.Height-top, 0))))
}

// emptyMessage says why the ledger is empty and what to do. It pointed at
// the command line ("dossier claims --suggest") past the Find claims button
// below it, said "Claims are suggested for the built-in article" of an
// empty library, and "No claims here yet" of a state chosen that none has
// (Rejected) among hundreds of claims (a hostile UI pass).
func (v *claimsView) emptyMessage() string {
	state := v.state.Selected
	switch {
	case v.filter.Text != "":
		return "No claims match this filter and state."
	case state != claimStates[0].label && state != "All":
		return fmt.Sprintf("No claims are %s: the state chosen above shows only those.", strings.ToLower(state))
	case v.ui.stillOpening():
		// Not "the library is empty" (a hostile UI pass).
		return fmt.Sprintf("Opening %s… Its claims appear here once it is open.", filepath.Base(v.ui.broken.Path))
	case v.ui.broken != nil:
		return "No research file is open: " + v.ui.broken.Path + " could not be opened."
	case !v.ui.library.read:
		return "Reading the library…"
	case len(v.ui.library.docs) == 0 && v.ui.library.readErr == nil:
		return "No claims: the library is empty. Claims are suggested in the documents you import (Library → Import documents…)."
	}
	return "No claims here yet. Find claims, below, suggests them in every document."
}

// themeChanged re-measures the rows for a new text size.
func (v *claimsView) themeChanged() {
	v.ledger.linesAt = ledgerKey{}
	v.ledger.setWidth(v.ledger.total)
	v.matrix.sizeColumns()
	v.refitPane()
}

// refitPane gives the claims pane its share again after the text size
// changed, if the split is still where the pane put it (one the user
// moved is theirs): larger text needs a wider reader, smaller text gives
// the pane its room back, but never less than the user's own split.
func (v *claimsView) refitPane() {
	s := v.ui.resultsSplit
	if s == nil || !v.pane.Visible() || v.widened == 0 || s.Offset != v.widened {
		return
	}
	s.SetOffset(max(widePaneShare(s.Size().Width), v.savedSplit))
	v.widened = s.Offset
}

func (v *claimsView) showMessage(msg string) {
	v.messageLine.SetText(msg)
	v.messageLine.Show()
	v.ledgerBox.Hide()
	v.matrix.box.Hide()
}

// matrixForms are the labels of the button that shows the corroboration
// matrix, longest first: the short one keeps the name the pane and the
// README give it ("Matrix…" was a second name; a hostile UI pass).
var matrixForms = []string{"Corroboration…", "Corrob…"}

// setMatrix switches the pane between ledger and corroboration matrix.
func (v *claimsView) setMatrix(on bool) {
	v.showMatrix = on
	if on {
		v.matrixB.SetIcon(theme.ListIcon())
		v.matrixF.setForms("Ledger")
		v.matrixBox.Refresh()
		v.ledgerBox.Hide()
		v.matrix.box.Show()
	} else {
		v.matrixB.SetIcon(theme.GridIcon())
		v.matrixF.setForms(matrixForms...)
		v.matrixBox.Refresh()
		v.matrix.box.Hide()
		v.ledgerBox.Show()
	}
	v.showPane()
	v.refresh()
}

// widePane is the share of the results split the claims pane takes at
// least, where the reader keeps readerChars beside it: its columns need
// room.
const widePane = 0.72

// readerChars is how many characters wide the reader stays beside the
// claims pane: at the largest text on a laptop, 28% of the split left it
// so narrow that words broke in the middle ("corresponde / nce"; found by
// a UI pass).
const readerChars = 30

// widePaneShare is the share of a results split width wide the claims pane
// takes: widePane, less where the reader would have under readerChars.
func widePaneShare(width float32) float64 {
	if width <= 0 {
		return widePane
	}
	return min(widePane, 1-float64(readerNeeds()/width))
}

// readerNeeds is how wide the reader is with readerChars of text: the
// text's characters, and beside them the passage numbers' gutter (four
// digits) and the scroll bar (counted without them, the text kept 16–20
// characters; found by a UI pass).
func readerNeeds() float32 {
	gutter := max(44, measureText("8888", theme.TextSize(), fyne.TextStyle{}).Width+2*theme.InnerPadding())
	return readerChars*averageCharWidth() + gutter + theme.ScrollBarSize() + 6*theme.Padding()
}

// showPane puts the claims pane in place of the results.
func (v *claimsView) showPane() {
	if v.pane.Visible() {
		return
	}
	v.ui.claimsResults.Hide()
	v.pane.Show()
	if s := v.ui.resultsSplit; s != nil {
		if share := widePaneShare(s.Size().Width); s.Offset < share {
			v.savedSplit = s.Offset
			s.SetOffset(share)
			v.widened = s.Offset // as the split took it
		}
	}
}

// hidePane brings the results back (a search, another section).
func (v *claimsView) hidePane() {
	if !v.pane.Visible() {
		return
	}
	v.pane.Hide()
	v.ui.claimsResults.Show()
	v.ui.tips.hideAll()
	v.groups.UnselectAll() // choosing a group shows the pane again
	if s := v.ui.resultsSplit; s != nil && v.savedSplit > 0 && s.Offset == v.widened {
		s.SetOffset(v.savedSplit)
	}
	v.savedSplit, v.widened = 0, 0
}

// resultsSplit is the split position to remember: the user's, not the one
// the claims pane widened.
func (v *claimsView) resultsSplit() float64 {
	if v.savedSplit > 0 && v.ui.resultsSplit.Offset == v.widened {
		return v.savedSplit
	}
	return v.ui.resultsSplit.Offset
}
