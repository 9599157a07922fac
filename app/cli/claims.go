package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"strings"

	"dossier/internal/wording"
	"dossier/store"
	"dossier/store/claims"
	"dossier/store/query"
)

const claimsUsage = "usage: dossier claims [--json] [--state suggested|accepted|rejected|all] [--suggest] [QUERY]"

// jsonClaim is one claim as `dossier claims --json` prints it. Start and
// End are character offsets (not bytes) into the passage text, and Text is
// exactly those characters, footnote references ("<FN203>") and all, so
// that a program slicing the passage with them finds Text. Shown is the
// words as the window shows them, without a report's footnote references.
type jsonClaim struct {
	ID          int64    `json:"id"`
	Document    string   `json:"document"`
	Ordinal     int      `json:"ordinal"`
	Text        string   `json:"text"`
	Shown       string   `json:"shown"`
	Start       int      `json:"start"`
	End         int      `json:"end"`
	Source      string   `json:"source"`
	About       []string `json:"about"`
	Stance      string   `json:"stance"`
	Cue         string   `json:"cue"`
	Likelihood  string   `json:"likelihood"`
	Confidence  string   `json:"confidence"`
	State       string   `json:"state"`
	Note        string   `json:"note"`
	SameAs      []int64  `json:"same_as"`
	Contradicts []int64  `json:"contradicts"`
}

type jsonClaims struct {
	Claims []jsonClaim `json:"claims"`
}

// runClaims lists the claims ledger: suggested and accepted claims unless
// --state says otherwise, those QUERY chooses; --suggest first runs the
// suggester over every document.
func runClaims(f researchFile, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("claims", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "")
	state := fs.String("state", "", "")
	suggest := fs.Bool("suggest", false, "")
	if err := fs.Parse(flagsFirst(fs, args)); err != nil {
		fmt.Fprintf(stderr, "dossier claims: %v\n%s\n", err, claimsUsage)
		return ExitUsage
	}
	switch strings.ToLower(*state) {
	case "", store.ClaimSuggested, store.ClaimAccepted, store.ClaimRejected, "all":
	default:
		fmt.Fprintf(stderr, "dossier claims: unknown state %q (use suggested, accepted, rejected or all)\n%s\n", query.Clip(*state), claimsUsage)
		return ExitUsage
	}
	ctx := context.Background()
	if *suggest {
		// Ctrl+C is caught from before the file opens (see runImport).
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(ctx, stopSignals()...)
		defer stop()
		beforeOpen()
	}
	st, err := f.open(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "dossier: %v\n", err)
		return ExitError
	}
	defer st.Close()
	if *suggest {
		if code := suggestClaims(ctx, st, stderr); code != ExitOK {
			return code
		}
		afterSuggest()
	}
	cs, err := st.Claims(ctx, store.ClaimQuery{Query: strings.Join(fs.Args(), " "), State: *state})
	if err != nil && ctx.Err() != nil {
		// Ctrl+C once the suggestions were kept, while listing (it said
		// "context canceled" and exited 1; found by a hostile pass).
		fmt.Fprintln(stderr, "dossier claims: interrupted while listing; the claims suggested are kept")
		return ExitInterrupted
	}
	if err != nil {
		fmt.Fprintf(stderr, "dossier claims: %v\n", err)
		return ExitError
	}
	if *asJSON {
		out := jsonClaims{Claims: make([]jsonClaim, 0, len(cs))}
		for _, c := range cs {
			out.Claims = append(out.Claims, claimJSON(c))
		}
		return writeJSON(stdout, stderr, "claims", out)
	}
	for _, c := range cs {
		printClaim(stdout, c)
	}
	fmt.Fprintln(stdout, wording.Count(len(cs), "claim"))
	return ExitOK
}

// suggestClaims runs the suggester over every document, with progress on
// stderr; ctx ends with Ctrl+C, which stops it between documents (those
// done stay done).
func suggestClaims(ctx context.Context, st *store.Store, stderr io.Writer) int {
	if st.ReadOnly() {
		fmt.Fprintf(stderr, "dossier: this research file is read-only: %s (%s)\n", st.Path(), st.ReadOnlyReason())
		return ExitError
	}
	shown := -1
	counts, err := st.SuggestClaimsCounted(ctx, nil, func(done, total int) {
		// A line per tenth, not per document: a library has thousands.
		if step := done * 10 / max(total, 1); step != shown && done > 0 {
			shown = step
			fmt.Fprintf(stderr, "suggesting claims: %d of %s\n", done, wording.Count(total, "document"))
		}
	})
	if errors.Is(err, context.Canceled) {
		fmt.Fprintf(stderr, "dossier claims: interrupted; %s suggested before it stopped are kept\n", wording.Count(counts.Added, "claim"))
		return ExitInterrupted
	}
	if err != nil {
		fmt.Fprintf(stderr, "dossier claims: %v\n", err)
		return ExitError
	}
	line := "suggested " + wording.Count(counts.Added, "new claim")
	// Suggestions nobody has touched yet follow the current rules.
	if counts.Updated > 0 {
		line += "; " + wording.Count(counts.Updated, "earlier suggestion") + " brought up to date"
	}
	if counts.Withdrawn > 0 {
		line += "; " + wording.Count(counts.Withdrawn, "earlier suggestion") + " no longer made, withdrawn"
	}
	fmt.Fprintln(stderr, line)
	return ExitOK
}

func claimJSON(c store.Claim) jsonClaim {
	r := store.CharRanges(c.PassageText, []store.Range{c.Span})[0]
	j := jsonClaim{
		ID: c.ID, Document: c.DocumentTitle, Ordinal: c.Ordinal, Text: c.Words(), Shown: c.Text, Start: r[0], End: r[1],
		Source: c.Source, About: []string{}, Stance: c.Stance.String(), Cue: c.Cue,
		Likelihood: c.Likelihood.String(), Confidence: c.Confidence.String(), State: c.State, Note: c.Note,
		SameAs: c.SameAs, Contradicts: c.Contradicts,
	}
	for _, a := range c.About {
		j.About = append(j.About, a.Name)
	}
	if j.SameAs == nil {
		j.SameAs = []int64{}
	}
	if j.Contradicts == nil {
		j.Contradicts = []int64{}
	}
	return j
}

// printClaim prints a claim in three lines: where and who, the words, and
// what the ledger knows of them.
func printClaim(w io.Writer, c store.Claim) {
	source := c.Source
	if source == "" {
		source = "(no source)"
	}
	fmt.Fprintf(w, "%d. %s — passage %d  [%s]\n", c.ID, termSafe(wording.OneLine(c.DocumentTitle)), c.Ordinal, c.State)
	verb := claims.HowSaid(c.Stance, c.Cue, c.Text).Verb(claims.PluralSource(source))
	fmt.Fprintf(w, "   %s %s: “%s”\n", termSafe(wording.OneLine(source)), verb, termSafe(wording.OneLine(c.Text)))
	facts := []string{"likelihood: " + c.Likelihood.String(), "confidence: " + c.Confidence.String()}
	if c.Cue != "" {
		facts = append([]string{"cue: " + c.Cue}, facts...)
	}
	if len(c.About) > 0 {
		names := make([]string, len(c.About))
		for i, a := range c.About {
			names[i] = a.Name
		}
		facts = append(facts, "about: "+strings.Join(names, ", "))
	}
	if len(c.SameAs) > 0 {
		facts = append(facts, "same as "+idList(c.SameAs))
	}
	if len(c.Contradicts) > 0 {
		facts = append(facts, "contradicts "+idList(c.Contradicts))
	}
	if c.Note != "" {
		facts = append(facts, "note: "+c.Note)
	}
	fmt.Fprintf(w, "   %s\n\n", termSafe(wording.OneLine(strings.Join(facts, "; "))))
}

func idList(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprint(id)
	}
	return strings.Join(parts, ", ")
}
