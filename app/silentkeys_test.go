package app

import (
	"strings"
	"testing"
)

// Ctrl+N/Ctrl+P (next, previous result) and Ctrl+G/Ctrl+Shift+G (next,
// previous hit) with nothing to step through say why, as other commands
// that cannot act do: they did nothing and said nothing (a hostile UI
// pass).
func TestSteppingWithNothingToStepThroughSaysWhy(t *testing.T) {
	u := newTestUI(t)
	message := func() (m string) {
		u.do(func() { m = u.status.message.Text })
		return m
	}
	u.find("")
	u.do(func() { u.status.setMessage("") })
	u.do(func() { u.results.move(+1) })
	rows := 0
	u.do(func() {
		for _, it := range u.results.items {
			if it.hit != nil || it.doc != nil {
				rows++
			}
		}
	})
	if m := message(); rows == 0 && !strings.Contains(m, "Type a search first") {
		t.Errorf("Ctrl+N with no search and nothing listed: status %q, want it to say to type a search first", m)
	}
	u.do(func() { u.status.setMessage("") })
	u.do(func() { u.reader.stepHit(+1) })
	if m := message(); !strings.HasPrefix(m, "Type a search first") && !strings.HasPrefix(m, "Open a document first") {
		t.Errorf("Ctrl+G with no search: status %q, want it to say what to do first", m)
	}

	u.find("zzqxnothingmatches")
	u.do(func() { u.status.setMessage("") })
	u.do(func() { u.results.move(-1) })
	if m := message(); m != "No results to step through." {
		t.Errorf("Ctrl+P on a search that found nothing: status %q", m)
	}
	u.do(func() { u.status.setMessage("") })
	u.do(func() { u.reader.stepHit(-1) })
	if m := message(); m != "This document has no hits of the search." && !strings.HasPrefix(m, "Open a document first") {
		t.Errorf("Ctrl+Shift+G on a search with no hits: status %q", m)
	}
}

// A search the engine refuses was typed: stepping says it cannot run, not
// "Type a search first" (the hostile UI pass ui4, an OR between a word and
// a filter).
func TestSteppingThroughARefusedSearchSaysItCannotRun(t *testing.T) {
	u := newTestUI(t)
	message := func() (m string) {
		u.do(func() { m = u.status.message.Text })
		return m
	}
	u.find("is:bookmarked OR putin")
	u.do(func() { u.status.setMessage("") })
	u.do(func() { u.results.move(+1) })
	if m := message(); !strings.HasPrefix(m, "The search cannot run") {
		t.Errorf("Ctrl+N on a refused search: status %q", m)
	}
	u.openPassage(t, "kilimnik", 13)
	u.find("is:bookmarked OR putin")
	u.do(func() { u.status.setMessage("") })
	u.do(func() { u.reader.stepHit(+1) })
	if m := message(); !strings.HasPrefix(m, "The search cannot run") {
		t.Errorf("Ctrl+G on a refused search: status %q", m)
	}
	u.find("zzqxnothingmatches")
	u.do(func() { u.status.setMessage("") })
	u.do(func() { u.results.move(+1) })
	if m := message(); m != "No results to step through." {
		t.Errorf("Ctrl+N once the search runs again: status %q", m)
	}
}

// While a search is still running, Ctrl+N says nothing rather than "No
// results to step through." (a review of the day's diff): they are on
// their way.
func TestSteppingWhileASearchRunsSaysNothing(t *testing.T) {
	u := newTestUI(t)
	u.find("zzqxnothingmatches")
	u.do(func() {
		u.status.setMessage("")
		u.results.setBusy(true)
		u.results.move(+1)
		if m := u.status.message.Text; m != "" {
			t.Errorf("Ctrl+N while the search runs: status %q", m)
		}
		u.results.setBusy(false)
	})
}
