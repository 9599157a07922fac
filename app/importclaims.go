package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// claimsFound is what reading newly imported documents for claims came to,
// for the import summary.
type claimsFound struct {
	docs    int   // the new documents to read
	read    int   // of which read
	claims  int   // claims suggested
	err     error // why it stopped early, if it did
	stopped bool  // cancelled before every document was read
}

// String is the summary's line: nothing when there was nothing to read.
func (c claimsFound) String() string {
	switch {
	case c.docs == 0:
		return ""
	case c.err != nil:
		return fmt.Sprintf("✗ Claims: could not finish finding them (%v); %d of %d new documents were read.", c.err, c.read, c.docs)
	case c.stopped:
		return fmt.Sprintf("Claims: stopped after %d of %d new documents; “Find claims in every document” in the Claims section reads the rest.", c.read, c.docs)
	case c.claims == 0 && c.docs == 1: // "the new documents" of one file's (a UI pass)
		return "Claims: none suggested in the new document."
	case c.claims == 0:
		return "Claims: none suggested in the new documents."
	}
	return fmt.Sprintf("Claims: %s suggested — review them in the Claims view.", plural(c.claims, "claim"))
}

// newDocuments are the documents an import stored (not those already
// present, nor bundles or failures).
func newDocuments(outcomes []importOutcome) []int64 {
	var ids []int64
	for _, o := range outcomes {
		if o.err == nil && !o.present && o.bundle == "" && o.docID != 0 {
			ids = append(ids, o.docID)
		}
	}
	return ids
}

// findClaims runs the claims suggester over the new documents, as the last
// phase of an import, reporting progress through throttle (nil: none).
// Cancelling stops it between documents: the documents are in, each
// document's claims are all or nothing, and the summary says how far it got.
func findClaims(ctx context.Context, st *store.Store, docIDs []int64, status importStatus, throttle *progressThrottle) claimsFound {
	found := claimsFound{docs: len(docIDs)}
	if len(docIDs) == 0 {
		return found
	}
	status.merging = false
	status.claimDocs = len(docIDs)
	added, err := st.SuggestClaims(ctx, docIDs, func(done, total int) {
		found.read = done
		if throttle != nil {
			status.claimsRead = done
			throttle.update(status, done == total)
		}
	})
	found.claims = added
	switch {
	case errors.Is(err, context.Canceled):
		found.stopped = true
	case err != nil:
		found.err = err
	}
	return found
}

// findAllClaims runs the claims suggester over every document (the Claims
// section's "Find claims in every document"): documents imported by
// `dossier import`, or whose finding an import's Cancel stopped, have none
// until then. Claims the user decided on, rejected ones included, stay as
// they are; untouched suggestions follow the current rules
// (store.SuggestClaimsCounted). A dialog shows how far it has come; Cancel
// stops it between documents, keeping what was found.
func (u *UI) findAllClaims() {
	if u.refuseReadOnly() {
		return
	}
	st, gen := u.store()
	ctx, cancel := context.WithCancel(u.life) // quitting stops it too
	line := widget.NewLabel("Finding who says what in every document…")
	bar := widget.NewProgressBar()
	dlg := dialog.NewCustom("Finding claims", "Cancel", container.NewVBox(line, bar), u.win)
	u.trackDialog("find-claims", dlg, nil, nil) // Esc cancels
	dlg.SetOnClosed(cancel)
	u.work.runWithProgress(func(report func(step func())) func() {
		var last time.Time
		counts, err := st.SuggestClaimsCounted(ctx, nil, func(done, total int) {
			if done < total && time.Since(last) < progressEvery {
				return
			}
			last = time.Now()
			report(func() {
				bar.SetValue(float64(done) / float64(max(total, 1)))
				line.SetText(fmt.Sprintf("Finding who says what: %s of %s read", thousands(done), plural(total, "document")))
			})
		})
		stopped := errors.Is(err, context.Canceled)
		cancel()
		return func() {
			dlg.Hide()
			if !u.current(gen) {
				return
			}
			switch {
			case err != nil && !stopped:
				u.showError(err)
			case stopped:
				u.status.setMessage(fmt.Sprintf("Finding claims stopped; %s suggested before.", plural(counts.Added, "new claim")))
			default:
				u.status.setMessage(findAllSummary(counts))
			}
			u.annotationsChanged()
		}
	})
}

// findAllSummary says what finding claims in every document changed:
// "Every document was read: 2 new claims suggested; 3 earlier suggestions
// brought up to date." Suggestions reworded by rules changed since were
// otherwise unsaid behind "no new claims to suggest".
func findAllSummary(c store.ClaimCounts) string {
	if c == (store.ClaimCounts{}) {
		return "Every document was read: no new claims to suggest."
	}
	s := "Every document was read: no new claims"
	if c.Added > 0 {
		s = "Every document was read: " + plural(c.Added, "new claim") + " suggested"
	}
	if c.Updated > 0 {
		s += "; " + plural(c.Updated, "earlier suggestion") + " brought up to date"
	}
	if c.Withdrawn > 0 {
		s += "; " + plural(c.Withdrawn, "earlier suggestion") + " no longer made, withdrawn"
	}
	return s + "."
}
