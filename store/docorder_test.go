package store_test

import (
	"context"
	"slices"
	"testing"
)

// The library lists titles as a reader orders them: numbers by value,
// letters whatever their case (it listed 1, 10, 100, 1000, 101…: found by a
// UI pass).
func TestDocumentsInNaturalOrder(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	for _, title := range []string{"Report 10", "report 2", "Report 100", "Report 1", "Annex", "Report 02b", "Zeta"} {
		if _, err := s.ImportText(ctx, title, "", "Text of "+title+"."); err != nil {
			t.Fatal(err)
		}
	}
	docs, err := s.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range docs {
		if d.Title != seedTitle {
			got = append(got, d.Title)
		}
	}
	want := []string{"Annex", "Report 1", "report 2", "Report 02b", "Report 10", "Report 100", "Zeta"}
	if !slices.Equal(got, want) {
		t.Errorf("library order %q; want %q", got, want)
	}
}
