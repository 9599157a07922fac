package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

// The Markdown report by actor and source puts each actor's and source's
// passages, bookmarks and claims under its name: a story about Kilimnik
// is written from one section, not gathered from every document's.
func TestExportMarkdownByActorAndSource(t *testing.T) {
	ctx := context.Background()
	s, seed := mustResearch(t)
	annotate(t, s, seed)
	annotateClaims(t, s, seed)
	plain := passageAt(t, s, importText(t, s, "plain.txt", "Plain memo\n\nThe weather was fine all week.\n").DocumentID, 1)
	if _, err := s.AddBookmark(ctx, plain.ID, nil, "nobody in it"); err != nil {
		t.Fatal(err)
	}
	store.SetClock(s, func() time.Time { return time.Date(2026, 3, 1, 23, 59, 0, 0, time.UTC) })
	var buf bytes.Buffer
	counts, err := s.Export(ctx, &buf, store.ExportMarkdownByTagFormat, "")
	if err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	section := func(heading string) string {
		t.Helper()
		i := strings.Index(md, "\n## "+heading+"\n")
		if i < 0 {
			t.Fatalf("no section %q in:\n%s", heading, md)
		}
		rest := md[i+1:]
		if j := strings.Index(rest, "\n---\n"); j >= 0 {
			rest = rest[:j]
		}
		return rest
	}
	for _, want := range []string{
		"# Dossier export by actor and source: research.dossier\n",
		"Exported 2026-03-01 23:59 UTC",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the export lacks %q", want)
		}
	}
	// Kilimnik: accepted on the seed's passage 13 (bookmarked, an excerpt)
	// and the travel notes' passage 1 (bookmarked with a note); rejected
	// on passage 7, which is not his.
	kil := section("Konstantin Kilimnik (person)")
	for _, want := range []string{
		"### Passages (2)\n",
		"#### “" + seedTitle + "”, passage 13 (excerpt)\n\n> Paul Manafort\n",
		"#### “Travel notes”, passage 1 (excerpt)\n\n> Kilimnik\n",
		"**Note:** the second mention\n",
		"— “Travel notes” (passage 1, characters ",
	} {
		if !strings.Contains(kil, want) {
			t.Errorf("Kilimnik's section lacks %q:\n%s", want, kil)
		}
	}
	if strings.Contains(kil, "passage 7") {
		t.Errorf("Kilimnik's section quotes passage 7, where he was rejected:\n%s", kil)
	}
	// A tag made by hand, with its aliases, its description and the
	// document tagged as a whole.
	pr := section("Yevgeny Prigozhin (person)")
	for _, want := range []string{
		"- **Also called:** Prigozhin, Wagner chief\n",
		"- **Description:** Wagner Group founder\n",
		"- **Documents tagged as a whole:** “Travel notes”\n",
		"### Passages (2)\n",
		"passage 8\n", "passage 9\n",
	} {
		if !strings.Contains(pr, want) {
			t.Errorf("Prigozhin's section lacks %q:\n%s", want, pr)
		}
	}
	// Passage 7 is Trump's and Manafort's: quoted under both, each naming
	// the other.
	if m := section("Paul Manafort (person)"); !strings.Contains(m, "**Note:** Kilimnik and Derkach, together\n") || !strings.Contains(m, "**Also tagged:** Donald Trump (person)") {
		t.Errorf("Manafort's section:\n%s", m)
	}
	// The claim edited to "United States officials" is theirs, and about
	// Iran and Putin.
	us := section("United States officials (official statement)")
	if !strings.Contains(us, "### Claims by United States officials\n") {
		t.Errorf("the edited claim's source has no claims section:\n%s", us)
	}
	for _, who := range []string{"Iran (state / government)", "Vladimir Putin (person)"} {
		if sec := section(who); !strings.Contains(sec, "### Claims about ") || !strings.Contains(sec, "United States officials assert") {
			t.Errorf("%s: no claim about it by United States officials:\n%s", who, sec)
		}
	}
	// Bookmarks on passages with no accepted tag have a section of their own.
	if sec := section("Bookmarks with no actor or source"); !strings.Contains(sec, "#### “Plain memo”, passage 1\n\n> The weather was fine all week.\n") || !strings.Contains(sec, "**Note:** nobody in it") {
		t.Errorf("the untagged bookmark:\n%s", sec)
	}
	if counts.Bookmarks != 6 || !strings.Contains(md, "## Saved searches") {
		t.Errorf("counts %+v (want 6 bookmarks); saved searches listed: %v", counts, strings.Contains(md, "## Saved searches"))
	}

	// A query limits it as the other formats: only the travel notes.
	buf.Reset()
	if _, err := s.Export(ctx, &buf, store.ExportMarkdownByTagFormat, "doc:travel"); err != nil {
		t.Fatal(err)
	}
	if md := buf.String(); strings.Contains(md, seedTitle) || !strings.Contains(md, "## Konstantin Kilimnik (person)") || strings.Contains(md, "## Paul Manafort") {
		t.Errorf("doc:travel export:\n%s", md)
	}
}
