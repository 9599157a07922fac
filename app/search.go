package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/internal/wording"
	"dossier/store"
)

// debounce is how long typing must pause before a search runs.
const debounce = 150 * time.Millisecond

// pageSize is how many results one search (or "show more") loads.
const pageSize = 50

// searchView is the search bar. It debounces keystrokes, cancels the query a
// newer keystroke supersedes, and hands results to the results view.
type searchView struct {
	ui      *UI
	entry   *searchEntry
	help    *widget.Button
	history *queryHistory
	// underWay is the status line's "Searching for …" message, which a
	// search that cannot be run replaces (UI goroutine only).
	underWay string

	mu sync.Mutex // guards the fields below: touched by worker goroutines
	// stopTimer cancels the pending debounced search (see worker.after);
	// nil when none is pending.
	stopTimer func() bool
	ctx       context.Context // the current query's: its pages and ranking share it
	cancelQ   context.CancelFunc
	seq       int
	quiet     int // a rerun with this seq leaves the status line alone
	// fullRanked is the seq whose broad query was ranked in the background;
	// its further pages are asked for ranked too.
	fullRanked int
	// readingKept is the seq whose background ranking did not land (the
	// user read on, or it took too long): a quiet rerun of it (after a
	// bookmark) keeps the reading order rather than swap a ranked page in
	// under the user.
	readingKept int
	// paging is the seq for which a further page is being loaded; a
	// background ranking that lands then must not replace the list.
	paging int
	// shown is the seq whose first page (or error) is on screen: until the
	// current seq's is, its search is pending or running.
	shown int
	// cancelRank stops the current query's background ranking.
	cancelRank context.CancelFunc
	// kept is how the list looked when the quiet rerun kept.seq began.
	kept keptList
}

// keptList is how the results list looked when a quiet rerun began (after
// a bookmark, a tag or a rename): the rerun lists as many results again
// and puts the list back (see resultsView.restore), rather than leave the
// user at the top of a first page.
type keptList struct {
	seq   int
	typed string   // the listed query
	start listView // the list when the rerun began
	keep  listView // where to put it back: start, or an emptied list's predecessor
}

func newSearchView(u *UI) *searchView {
	s := &searchView{ui: u}
	s.entry = newSearchEntry()
	s.entry.OnChanged = s.onChanged
	s.entry.OnSubmitted = func(string) { s.onSubmit() }
	s.entry.onEscape = s.onClear
	// ↑/↓ move through the results; in an empty box (or one showing a
	// query reached this way) they walk the query history.
	s.history = newQueryHistory(u)
	s.entry.onUp = func() {
		if !s.history.step(+1) {
			u.results.move(-1)
		}
	}
	s.entry.onDown = func() {
		if !s.history.step(-1) {
			u.results.move(+1)
		}
	}
	s.help = widget.NewButtonWithIcon("", theme.HelpIcon(), u.showSearchHelp)
	s.help.Importance = widget.LowImportance
	return s
}

func (s *searchView) content() fyne.CanvasObject {
	icon := widget.NewIcon(theme.SearchIcon())
	clear := widget.NewButtonWithIcon("", theme.ContentClearIcon(), s.onClear)
	clear.Importance = widget.LowImportance
	box := withShortHint(s.entry, &s.entry.Entry, searchHints...)
	return container.NewPadded(container.NewBorder(nil, nil, icon, container.NewHBox(clear, s.help), box))
}

// searchHints are the search box's placeholder, longest first: the box
// shows the longest that fits (see shortHintLayout).
var searchHints = []string{
	`Search passages — words, "a phrase", prefix*, iran OR china, -exclude, doc:title`,
	`Search — words, "a phrase", prefix*, OR, -exclude`,
	`Search words, "phrases", prefix*`,
	`Search`,
}

func (s *searchView) query() string { return s.entry.Text }

// setQuery replaces the query text and searches for it at once.
func (s *searchView) setQuery(q string) {
	s.entry.SetText(q) // fires onChanged, which debounces
	s.flush()
}

// focus puts the cursor in the search box.
func (s *searchView) focus() { s.ui.win.Canvas().Focus(s.entry) }

// find is Go → Find: the search box focused with its query selected, as a
// browser's find bar does, so that typing then starts a new search (it
// was added to the end of the old query, "KilimnikManafort Deripaska", a
// UI pass); an arrow key or End keeps the query to edit.
func (s *searchView) find() {
	s.focus()
	s.entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

func (s *searchView) onClear() {
	s.entry.SetText("")
	s.focus()
}

// onSubmit runs the pending search now, or opens the selected result.
func (s *searchView) onSubmit() {
	s.history.record(s.entry.Text) // Enter: a query the user meant
	if s.flush() {
		return
	}
	s.ui.results.openSelected()
}

// onChanged debounces: each keystroke restarts the timer and cancels any
// search still running for older text.
func (s *searchView) onChanged(text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopLocked()
	s.ui.claims.hidePane() // a search brings the results back
	if text == "" {
		s.seq++
		s.ui.results.showLibrary()
		return
	}
	seq := s.seq
	s.stopTimer = s.ui.work.after(debounce, func() { s.start(text, seq) })
}

// flush starts a pending debounced search immediately; it reports whether
// there was one.
func (s *searchView) flush() bool {
	s.mu.Lock()
	if s.stopTimer == nil || !s.stopTimer() {
		s.mu.Unlock()
		return false
	}
	s.stopTimer = nil
	seq := s.seq
	s.mu.Unlock()
	s.start(s.entry.Text, seq)
	return true
}

// stopLocked cancels the timer and the running query. s.mu must be held.
func (s *searchView) stopLocked() {
	if s.stopTimer != nil {
		s.stopTimer()
	}
	s.stopTimer = nil
	if s.cancelQ != nil {
		s.cancelQ() // the query's pages and its background ranking
		s.cancelQ = nil
	}
	s.ctx, s.cancelRank = nil, nil
	s.seq++
	s.history.stopPause() // the text changed: not a pause on it
}

// cancel stops any pending or running search (window closing).
func (s *searchView) cancel() {
	s.mu.Lock()
	s.stopLocked()
	s.mu.Unlock()
}

// start runs a search for text in the background, unless a newer keystroke
// has superseded it. Called on the UI goroutine.
func (s *searchView) start(text string, seq int) {
	s.mu.Lock()
	if seq != s.seq {
		s.mu.Unlock()
		return
	}
	if s.ui.stillOpening() {
		// A query from the history (the box is disabled) searched the
		// empty stand-in: "No passages match Kilimnik" of the file still
		// opening (a hostile UI pass). It runs once the file is open.
		s.mu.Unlock()
		s.ui.results.showLibrary()
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.ctx, s.cancelQ = ctx, cancel
	full := s.fullRanked == seq // a quiet rerun of a ranked query stays ranked
	limit := pageSize
	if s.kept.seq == seq { // a quiet rerun: as many as were listed
		limit = max(limit, s.kept.keep.hits)
	}
	s.mu.Unlock()
	s.ui.results.setBusy(true)
	if s.ui.results.query == "" {
		// The library is listed, and the status line says "Type to
		// search.": until the first page comes (slow on a busy machine),
		// say that the search is under way.
		s.underWay = "Searching for “" + wording.Brief(text, 60) + "”…"
		s.ui.status.setMessage(s.underWay)
	}
	s.run(ctx, store.SearchRequest{Query: text, Limit: limit, FullRanking: full, CompleteLastWord: true}, seq)
}

// rerun searches again for the current text (after the library changed).
func (s *searchView) rerun() {
	s.mu.Lock()
	s.stopLocked()
	seq := s.seq
	s.mu.Unlock()
	if s.entry.Text == "" {
		s.ui.results.showLibrary()
		return
	}
	s.start(s.entry.Text, seq)
}

// rerunQuiet reruns the search without replacing the status line, which is
// showing what the user just did (and perhaps its Undo).
func (s *searchView) rerunQuiet() {
	s.mu.Lock()
	wasRanked, keptReading := s.fullRanked == s.seq, s.readingKept == s.seq
	s.stopLocked()
	seq := s.seq
	s.quiet = seq
	if wasRanked { // same text: it was ranked in time before, so rank it again at once
		s.fullRanked = seq
	}
	if keptReading { // and this one's reading order stays
		s.readingKept = seq
	}
	r := s.ui.results
	now := r.view()
	k := keptList{seq: seq, typed: r.typed, start: now, keep: now}
	switch {
	case s.entry.Text != r.typed:
		k = keptList{seq: -1} // new text under way: nothing of the listed results carries over
	case now.hits == 0 && s.kept.typed == r.typed && s.kept.keep.hits > 0:
		// An emptied list (a rename its doc: filter no longer matches):
		// the rerun after its undo finds the list as it was.
		k.keep = s.kept.keep
	}
	s.kept = k
	s.mu.Unlock()
	if s.entry.Text != "" {
		s.start(s.entry.Text, seq)
	}
}

// more loads the next page of the current query, once: a second tap while
// it loads does nothing. It ends any background ranking still running: the
// user is reading on in the order shown.
func (s *searchView) more(offset int) {
	s.mu.Lock()
	seq := s.seq
	if s.paging == seq || s.ctx == nil {
		s.mu.Unlock()
		return
	}
	s.paging = seq
	ctx := s.ctx // cancelled with the query, by the next keystroke
	full := s.fullRanked == seq
	if s.cancelRank != nil {
		s.cancelRank()
	}
	s.mu.Unlock()
	s.run(ctx, store.SearchRequest{Query: s.entry.Text, Limit: pageSize, Offset: offset, FullRanking: full, CompleteLastWord: true}, seq)
}

// loadingMore reports whether a further page of the current query is on
// its way (the "more" button stays disabled meanwhile).
func (s *searchView) loadingMore() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.paging == s.seq
}

// paged reports whether the user has asked for more of query seq.
func (s *searchView) paged(seq int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.paging == seq
}

// pending reports whether the search box's text has a search still to
// come: debounced, or running with its first page not shown yet.
func (s *searchView) pending() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.entry.Text != "" && s.shown != s.seq
}

// keptFor is how the list looked before quiet rerun seq, if it is one.
func (s *searchView) keptFor(seq int) (keptList, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.kept, s.kept.seq == seq
}

// quietNow reports whether query seq is a quiet rerun, whose status line
// keeps what the user just did.
func (s *searchView) quietNow(seq int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return seq == s.quiet
}

func (s *searchView) fresh(seq int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return seq == s.seq
}

// rankBudget bounds the background ranking of a broad query: a word in
// every passage of 100,000 ranks in ~0.2 s, of a million in ~2 s.
var rankBudget = 2500 * time.Millisecond // a variable for tests

// page is one search's outcome, gathered off the UI goroutine.
type page struct {
	res  *store.Results
	err  error
	docs int // distinct documents, -1 if unknown
	// docHits counts hits per document in the whole result set, when the
	// results are grouped by document (nil otherwise, or if it failed).
	docHits map[int64]int
	marks   map[int64]bool
	tags    map[int64][]store.PassageTag
	// reader holds the matches in the document open in the reader, read
	// with the page (doc 0: none were).
	reader  docMatches
	through store.Through // where the library stood when it was read (store.Page.Through)
}

// fetch runs one search and gathers what displaying it needs, in one store
// call. Documents are counted (and, with perDoc, hits per document) only
// with countDocs: the first page's status line and group headers need them.
// readerDoc is the document open in the reader (0: none), whose matches
// come with the page.
func fetch(ctx context.Context, st *store.Store, req store.SearchRequest, countDocs, perDoc bool, readerDoc int64) page {
	sp, err := st.SearchPage(ctx, store.PageRequest{SearchRequest: req, CountDocuments: countDocs, PerDocument: countDocs && perDoc, Document: readerDoc})
	if err != nil {
		return page{err: err, docs: -1}
	}
	p := page{res: sp.Results, docs: sp.Documents, docHits: sp.DocumentHits, marks: sp.Bookmarked, tags: sp.Tags, through: sp.Through}
	if readerDoc != 0 {
		p.reader = docMatches{doc: readerDoc, matches: sp.DocumentMatches}
	}
	return p
}

func (s *searchView) run(ctx context.Context, req store.SearchRequest, seq int) {
	st, gen := s.ui.store()
	grouped := s.ui.results.grouped
	widths := s.ui.results.snippetMeasure()
	var readerDoc int64 // a first page re-highlights the reader
	if req.Offset == 0 {
		readerDoc = s.ui.reader.shownDocument()
		// Counting every match is most of a broad phrase's or a typed
		// prefix's search: the first page counts only far enough to choose
		// its order, and refine counts the rest. Grouped results head each
		// group with its count, so they wait for the whole count.
		req.QuickCount = !grouped
	}
	s.ui.work.run(func() func() {
		p := fetch(ctx, st, req, req.Offset == 0, grouped, readerDoc)
		p.warm(ctx, widths)
		if errors.Is(p.err, context.Canceled) {
			return nil
		}
		return func() {
			if !s.fresh(seq) || !s.ui.current(gen) {
				return
			}
			s.ui.results.setBusy(false)
			if req.Offset == 0 {
				s.mu.Lock()
				s.shown = seq
				s.mu.Unlock()
			}
			if p.err != nil && req.Offset > 0 {
				s.mu.Lock()
				s.paging = 0
				s.mu.Unlock()
				s.ui.status.setMessage(queryMessage(p.err)) // keep the list already shown
				return
			}
			if p.err != nil {
				s.ui.results.showError(queryMessage(p.err))
				if s.underWay != "" && s.ui.status.text() == s.underWay {
					// The status line said the search was under way; the
					// results pane now says why it cannot be run.
					s.ui.status.setMessage("Cannot search for “" + wording.Brief(req.Query, 60) + "”.")
				}
				return
			}
			if req.Offset > 0 {
				s.mu.Lock()
				s.paging = 0
				s.mu.Unlock()
				if req.Offset == s.ui.results.hitCount() { // else the list changed meanwhile
					s.ui.results.appendResults(p.res, p.marks, p.tags)
				}
				return
			}
			keepStatus := s.quietNow(seq)
			// A broad query's first page comes in reading order, at once;
			// ranking every match takes longer, so it follows.
			note := ""
			if broad := !p.res.Ranked && p.res.Query.HasText(); broad {
				s.mu.Lock()
				rank := !keepStatus || s.readingKept != seq
				s.mu.Unlock()
				if rank {
					note = "ranking…"
				}
				s.refine(ctx, req, seq, p.docs, p.res, rank)
			}
			k, kept := s.keptFor(seq)
			var before listView
			if kept {
				before = s.ui.results.view()
			}
			s.ui.results.showResults(req.Query, p, keepStatus, note)
			if kept {
				// The list is put back where it was, its selection on the
				// reader's passage: the two never disagree.
				v := k.keep
				rp, open := s.ui.reader.currentPassage()
				switch {
				case before != k.start: // the user moved on meanwhile: where they went wins (the reader follows)
					v = before
				case !open: // the reader shows nothing (its document was deleted): nothing selected
					v.passage, v.row = 0, -1
				case rp.ID != v.passage: // the reader's passage, if listed
					v.passage, v.row = rp.ID, -1
				}
				s.ui.results.restore(v)
			}
			if p.res.Total > 0 && !keepStatus {
				s.history.pauseAfter(req.Query, seq)
			}
		}
	})
}

// refine ranks a broad query's matches in the background and swaps the
// ranked first page in — unless the user has moved on: typed (which
// cancels ctx), selected a result, scrolled or asked for more (which
// cancels the ranking). A first page counted quickly (to store.RankAll)
// gets its whole count first, in the status line, whatever becomes of the
// ranking. Without rank it only counts.
func (s *searchView) refine(ctx context.Context, req store.SearchRequest, seq, docs int, first *store.Results, rank bool) {
	st, gen := s.ui.store()
	rctx, cancel := context.WithTimeout(ctx, rankBudget)
	s.mu.Lock()
	s.cancelRank = cancel
	s.mu.Unlock()
	// then ranks, or ends there.
	then := func(docs int, first *store.Results) {
		if rank {
			s.rank(rctx, cancel, req, seq, docs, first)
		} else {
			cancel()
		}
	}
	if !first.QuickCapped() {
		then(docs, first)
		return
	}
	s.ui.work.run(func() func() {
		// ctx, not rctx: reading on (which ends the ranking) still wants
		// the total.
		c, err := st.Count(ctx, first.Query, false)
		return func() {
			if !s.fresh(seq) || !s.ui.current(gen) {
				cancel()
				return
			}
			if err == nil {
				counted := *first
				counted.Total, counted.Capped = c.Total, c.Capped
				first, docs = &counted, c.Documents
				note := ""
				if rank {
					note = "ranking…"
				}
				s.ui.results.setTotal(first, docs, s.quietNow(seq), note)
			}
			then(docs, first)
		}
	})
}

// keepReading notes that query seq's ranking did not land (see readingKept).
func (s *searchView) keepReading(seq int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.readingKept = seq
}

// rank is refine's ranking, within rctx (cancel ends it).
func (s *searchView) rank(rctx context.Context, cancel context.CancelFunc, req store.SearchRequest, seq, docs int, first *store.Results) {
	st, gen := s.ui.store()
	widths := s.ui.results.snippetMeasure()
	s.ui.work.run(func() func() {
		defer cancel()
		req.FullRanking = true
		p := fetch(rctx, st, req, false, false, 0)
		p.warm(rctx, widths)
		return func() {
			if !s.fresh(seq) || !s.ui.current(gen) {
				return // a newer query (its cancel is what stopped this one)
			}
			keepStatus := s.quietNow(seq)
			r := s.ui.results
			switch {
			case errors.Is(p.err, context.DeadlineExceeded):
				s.keepReading(seq)
				if !keepStatus {
					s.ui.status.setMessage(countLine(first, docs, fmt.Sprintf("too broad to rank within %.1f s: in reading order (add words to narrow)", rankBudget.Seconds())))
				}
			case p.err != nil || !r.untouched() || s.paged(seq):
				s.keepReading(seq)
				if !keepStatus {
					s.ui.status.setMessage(countLine(first, docs, ""))
				}
			default:
				s.mu.Lock()
				s.fullRanked = seq // later pages continue the ranking
				s.mu.Unlock()
				p.docs, p.docHits = docs, r.docHits // same query: same counts
				r.showResults(req.Query, p, keepStatus, "")
			}
		}
	})
}

// queryMessage turns a search error into a line for the user.
func queryMessage(err error) string {
	var qe *store.QueryError
	switch {
	case errors.As(err, &qe):
		return qe.Msg
	case errors.Is(err, store.ErrEmptyQuery):
		return "Type a word to search for. Filters such as doc:\"title\" also work alone."
	}
	return fullStop(fmt.Sprintf("The search failed: %v", err))
}

// searchEntry is the search box: Escape clears it and the arrow keys move
// through the results without leaving it, as in a launcher.
type searchEntry struct {
	widget.Entry
	onEscape, onUp, onDown func()
}

func newSearchEntry() *searchEntry {
	e := &searchEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		if e.onEscape != nil {
			e.onEscape()
		}
	case fyne.KeyUp:
		if e.onUp != nil {
			e.onUp()
		}
	case fyne.KeyDown:
		if e.onDown != nil {
			e.onDown()
		}
	default:
		e.Entry.TypedKey(k)
	}
}
