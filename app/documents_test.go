package app

import (
	"strings"
	"testing"

	"dossier/store"
)

// The delete confirmation counts as the rest of the window does, with
// thousands separated ("4461 passages" there, "4,461" everywhere else:
// found by a UI pass).
func TestDeleteQuestionSeparatesThousands(t *testing.T) {
	q := deleteQuestion(store.Document{Title: "Mueller report", Passages: 4461}, store.AnnotationCounts{Suggestions: 3242, Bookmarks: 1})
	for _, want := range []string{"4,461 passages", "3,242 suggested tags", "1 bookmark"} {
		if !strings.Contains(q, want) {
			t.Errorf("%q lacks %q", q, want)
		}
	}
}

// The confirmation says that accepted claims go with the document (a
// hostile data pass: it named bookmarks and tags only).
func TestDeleteQuestionNamesClaims(t *testing.T) {
	q := deleteQuestion(store.Document{Title: "Report", Passages: 19}, store.AnnotationCounts{Claims: 2})
	if !strings.Contains(q, "2 claims accepted or annotated") {
		t.Errorf("%q does not name the 2 accepted claims", q)
	}
}
