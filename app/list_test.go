package app

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"dossier/store"
)

// cutRows lists the shown hit rows whose snippet has more lines than its
// row has room for, or that end in an ellipsis although the whole snippet
// would fit the lines a row may have.
func cutRows(u *testUI) []string {
	var out []string
	u.a.onUI(func() {
		u.w.Canvas().Capture() // lay out and draw what is shown
		for _, row := range findAll[*resultRow](u.w.Content()) {
			if !row.Visible() || !row.body.Visible() || row.Size().Height == 0 || !row.mark.Visible() {
				continue
			}
			for _, c := range findAll[*container.Clip](row) { // the test driver does not lay clips out
				test.WidgetRenderer(c).Layout(c.Size())
			}
			sn := row.snippet
			sn.mu.Lock()
			sn.breakLines(sn.Size().Width)
			n, truncated, text := len(sn.lines), sn.truncated, spansText(sn.spans)
			sn.mu.Unlock()
			if need, got := flowHeight(n), sn.Size().Height; need > got+0.5 {
				out = append(out, fmt.Sprintf("%.24q: %d lines need %.0f, has %.0f", text, n, need, got))
			}
			if truncated && sn.maxLines < snippetLines {
				out = append(out, fmt.Sprintf("%.24q: cut to %d lines, rows may have %d", text, sn.maxLines, snippetLines))
			}
		}
	})
	return out
}

// rowHeights lists the heights of the rendered rows.
func rowHeights(u *testUI) []float32 {
	var out []float32
	u.a.onUI(func() {
		for _, row := range findAll[*resultRow](u.w.Content()) {
			if row.Size().Height > 0 {
				out = append(out, row.Size().Height)
			}
		}
	})
	return out
}

// After View → Larger text, rows are re-measured: no snippet is cut off.
func TestRowsFitAfterTextSizeChange(t *testing.T) {
	u := newTestUI(t)
	long := strings.Repeat("The committee heard testimony about the zephyrine operation and its many parts. ", 12)
	u.do(func() {
		u.importPaths([]string{writeFile(t, filepath.Join(t.TempDir(), "z.txt"), "Zephyrine notes\n\nZephyrine short passage here.\n\n"+long+"\n")})
	})
	u.find("zephyrine")
	if cut := cutRows(u); len(cut) > 0 {
		t.Fatalf("cut off before any change: %v", cut)
	}
	u.w.Resize(fyne.NewSize(2400, 900)) // wide enough that no pane's minimum moves a divider
	u.do(func() {})
	before := rowHeights(u)
	var w0, w1 float32
	u.a.onUI(func() { w0 = u.results.list.Size().Width })
	u.do(func() { u.setTextScale(defaultTextScale + 2*textScaleStep) }) // View → Larger text, twice
	u.a.onUI(func() { w1 = u.results.list.Size().Width })
	after := rowHeights(u)
	var want float32
	u.a.onUI(func() { want = u.results.rowHeight(snippetLines, false) })
	t.Logf("list width %v -> %v; row heights %v -> %v; a full row now needs %v", w0, w1, before, after, want)
	if w0 == w1 && slices.Max(after) < want {
		t.Errorf("after View → Larger text the rows keep their old heights %v; a full row now needs %v", after, want)
	}
}

// Capitals and East Asian characters are wider than average English text;
// their rows get enough lines.
func TestWideSnippetsFit(t *testing.T) {
	u := newTestUI(t)
	r := u.results
	var w, a float32
	u.a.onUI(func() {
		w = r.list.Size().Width - 4*4 - 2*8
		a = averageCharWidth()
	})
	n := int(0.8 * w / a) // the estimate says one line
	caps := "ZEPHYRINE " + strings.Repeat("MEMORANDUM FOR THE COMMITTEE ", n/29+1)
	caps = caps[:n]
	cjk := "zephyrine " + strings.Repeat("漢", n-10)
	u.do(func() {
		u.importPaths([]string{writeFile(t, filepath.Join(t.TempDir(), "c.txt"), "Caps\n\n"+caps+"\n\n"+cjk+"\n")})
	})
	u.find("zephyrine")
	if cut := cutRows(u); len(cut) > 0 {
		t.Errorf("snippets cut off: %v", cut)
	}
}

// Tapping "more" shows a page; the list must not jump back to the top.
func TestMoreKeepsScroll(t *testing.T) {
	u := newTestUI(t)
	var b strings.Builder
	b.WriteString("Many mentions\n\n")
	for i := range pageSize + 7 {
		fmt.Fprintf(&b, "Paragraph %d mentions the plumtwist committee again.\n\n", i+1)
	}
	u.do(func() { u.importPaths([]string{writeFile(t, filepath.Join(t.TempDir(), "m.txt"), b.String())}) })
	u.find("plumtwist")
	r := u.results
	var before float32
	u.do(func() { r.list.ScrollToBottom(); before = r.list.GetScrollOffset() })
	row := r.createRow().(*resultRow)
	u.do(func() { r.updateRow(len(r.items)-1, row) })
	u.do(func() { test.Tap(row.more) })
	var after float32
	u.a.onUI(func() { after = r.list.GetScrollOffset() })
	if before == 0 || after < before/2 {
		t.Errorf("scroll offset %v before 'more', %v after: the list jumped to the top", before, after)
	}
}

// gate holds fyne.Do closures from workers until the test releases them.
type gateApp struct {
	fyne.App
	drv gateDriver
}

func (a *gateApp) Driver() fyne.Driver { return &a.drv }

type gateDriver struct {
	fyne.Driver
	mu   sync.Mutex
	qmu  sync.Mutex
	hold bool
	q    []func()
}

func (d *gateDriver) DoFromGoroutine(fn func(), wait bool) {
	d.qmu.Lock()
	if d.hold && !wait {
		d.q = append(d.q, fn)
		d.qmu.Unlock()
		return
	}
	d.qmu.Unlock()
	d.mu.Lock()
	defer d.mu.Unlock()
	d.Driver.DoFromGoroutine(fn, wait)
}

func (d *gateDriver) setHold(h bool) { d.qmu.Lock(); d.hold = h; d.qmu.Unlock() }

// waitQueued waits until n closures are held.
func (d *gateDriver) waitQueued(t *testing.T, n int) {
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		d.qmu.Lock()
		l := len(d.q)
		d.qmu.Unlock()
		if l >= n {
			return
		}
	}
	t.Fatalf("fewer than %d closures arrived", n)
}

// runQueued runs the held closures in arrival order, as the UI goroutine.
func (d *gateDriver) runQueued() {
	d.qmu.Lock()
	q := d.q
	d.q = nil
	d.qmu.Unlock()
	for _, fn := range q {
		d.mu.Lock()
		d.Driver.DoFromGoroutine(fn, true)
		d.mu.Unlock()
	}
}

func (d *gateDriver) onUI(fn func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.Driver.DoFromGoroutine(fn, true)
}

func newGateUI(t *testing.T) (*UI, *gateDriver) {
	inner := test.NewTempApp(t)
	a := &gateApp{App: inner, drv: gateDriver{Driver: inner.Driver()}}
	fyne.SetCurrentApp(a)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 800))
	st, err := openSeededCopy(filepath.Join(t.TempDir(), "t.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	var u *UI
	a.drv.onUI(func() { u = New(a, w, st, Options{OpenStore: openSeeded, Version: "test"}) })
	u.work.wait()
	t.Cleanup(func() { a.drv.onUI(u.Close); u.work.waitIdleJobs() }) // the file closes before its folder goes
	return u, &a.drv
}

func checkNoDuplicates(t *testing.T, items []resultItem) {
	t.Helper()
	seen := map[int64]int{}
	dups := 0
	for _, it := range items {
		if it.hit != nil {
			seen[it.hit.PassageID]++
			if seen[it.hit.PassageID] > 1 {
				dups++
			}
		}
	}
	if dups > 0 {
		t.Errorf("%d duplicate hits among %d rows", dups, len(items))
	}
}

func broadDoc(t *testing.T) string {
	var b strings.Builder
	b.WriteString("Many mentions\n\n")
	for i := range store.RankAll + 100 {
		// Varying lengths give bm25 an order unlike reading order.
		fmt.Fprintf(&b, "Paragraph %d mentions the plumtwist committee%s.\n\n", i+1, strings.Repeat(" and more words", (i*7919)%13))
	}
	return writeFile(t, filepath.Join(t.TempDir(), "many.txt"), b.String())
}

// The ranked page arrives while a "more" page (in reading order) is on its
// way: it must not be swapped in (page 2 would then follow a ranked page 1
// in reading order, with duplicates).
func TestRankedSwapWaitsForMore(t *testing.T) {
	u, d := newGateUI(t)
	d.onUI(func() { u.importPaths([]string{broadDoc(t)}) })
	u.work.wait()

	d.setHold(true)
	d.onUI(func() { u.search.entry.SetText("plumtwist"); u.search.flush() })
	d.waitQueued(t, 1)                                         // the first page, in reading order
	d.runQueued()                                              // shows it and starts ranking
	d.waitQueued(t, 1)                                         // the ranked page is ready...
	d.onUI(func() { u.search.more(len(u.results.items) - 1) }) // ...as the user taps "more"
	d.waitQueued(t, 2)
	d.setHold(false)
	d.runQueued()
	u.work.wait()
	d.onUI(func() {
		checkNoDuplicates(t, u.results.items)
		for i, it := range u.results.items {
			if it.hit != nil && it.hit.Score == 0 && u.results.items[0].hit.Score != 0 {
				t.Errorf("row %d is in reading order after a ranked page 1", i)
				break
			}
		}
	})
}

// A list refresh while "more" is loading (scrolling the row out and back,
// a resize, a tag change) must not re-enable its button, and a second
// request for the same page is ignored.
func TestMoreLoadsOnce(t *testing.T) {
	u, d := newGateUI(t)
	var b strings.Builder
	b.WriteString("Many mentions\n\n")
	for i := range pageSize + 7 {
		fmt.Fprintf(&b, "Paragraph %d mentions the plumtwist committee again.\n\n", i+1)
	}
	d.onUI(func() { u.importPaths([]string{writeFile(t, filepath.Join(t.TempDir(), "m.txt"), b.String())}) })
	u.work.wait()
	d.onUI(func() { u.search.entry.SetText("plumtwist"); u.search.flush() })
	u.work.wait()
	r := u.results
	row := r.createRow().(*resultRow)
	d.setHold(true)
	d.onUI(func() { r.updateRow(len(r.items)-1, row); test.Tap(row.more) })
	d.onUI(func() { r.updateRow(len(r.items)-1, row) }) // the list rebinds the row
	var enabled bool
	d.onUI(func() { enabled = !row.more.Disabled(); u.search.more(len(r.items) - 1) }) // a second request anyway
	d.waitQueued(t, 1)
	d.setHold(false)
	d.runQueued()
	u.work.wait()
	if enabled {
		t.Errorf("'more' was enabled again while its page was loading")
	}
	d.onUI(func() { checkNoDuplicates(t, r.items) })
}
