package app

import (
	"context"
	"errors"
	"fmt"

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
		return fmt.Sprintf("Claims: stopped after %d of %d new documents; “Suggest claims” in the Claims view reads the rest.", c.read, c.docs)
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
