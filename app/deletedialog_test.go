package app

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// The Delete document dialog had an empty band of about 80 px between its
// text and its buttons at 1024×768 (a hostile UI pass): its height was
// measured while its wrapped text was narrower, so on more lines. It fits
// its text now, at text sizes 1 and 1.8.
func TestDeleteDocumentDialogFitsItsText(t *testing.T) {
	u := newTestUI(t) // one window for both sizes; each closes its dialog
	u.w.Resize(fyne.NewSize(1024, 768))
	for _, scale := range []float32{1, 1.8} {
		t.Run(fmt.Sprint(scale), func(t *testing.T) {
			t.Cleanup(u.closeDialogs)
			u.do(func() { u.setTextScale(scale) })
			doc := u.library.docs[0]
			u.do(func() { u.deleteDocument(doc) })
			d := u.dialog(t, "Delete document")
			var msg *widget.Label
			for _, l := range findAll[*widget.Label](d) {
				if l.Wrapping == fyne.TextWrapWord {
					msg = l
				}
			}
			buttons := findAll[*dialogButton](d)
			if msg == nil || len(buttons) != 2 {
				t.Fatalf("message %v, %d buttons", msg != nil, len(buttons))
			}
			drv := u.a.Driver()
			var textBottom, buttonsTop, textHeight, needed float32
			u.do(func() {
				textBottom = drv.AbsolutePositionForObject(msg).Y + msg.Size().Height
				buttonsTop = drv.AbsolutePositionForObject(buttons[0]).Y
				textHeight, needed = msg.Size().Height, msg.MinSize().Height
			})
			if textHeight > needed+1 {
				t.Errorf("the text has %v px for the %v it needs", textHeight, needed)
			}
			if gap := buttonsTop - textBottom; gap < 0 || gap > 4*theme.Padding() {
				t.Errorf("%v px between the text and the buttons", gap)
			}
		})
	}
}

// Delete document counts the document's suggested claims as its suggested
// tags: the Mueller report's 910 went with it unsaid (ui15's L3).
func TestDeleteDocumentSaysItsSuggestedClaimsGoToo(t *testing.T) {
	u := newTestUI(t)
	st := u.CurrentStore()
	doc := u.library.docs[0]
	ctx := context.Background()
	if _, err := st.SuggestClaims(ctx, []int64{doc.ID}, nil); err != nil {
		t.Fatal(err)
	}
	suggested, err := st.Claims(ctx, store.ClaimQuery{DocumentID: doc.ID, State: store.ClaimSuggested})
	if err != nil || len(suggested) == 0 {
		t.Fatalf("the seed article's suggested claims: %d, %v", len(suggested), err)
	}
	u.do(func() { u.deleteDocument(doc) })
	msg := strings.Join(texts(u.dialog(t, "Delete document")), " ")
	if want := plural(len(suggested), "suggested claim"); !strings.Contains(msg, want) || !strings.Contains(msg, "suggestions come back when it is imported again") {
		t.Errorf("the confirmation %q does not say %q go, and come back with a new import", msg, want)
	}
	u.tapDialogButton(t, "Delete document", "Cancel")
}
