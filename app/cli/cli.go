// Package cli is Dossier's command-line face: import, search, docs, tags,
// claims and export subcommands over the same store the window uses, for scripting and
// tests.
package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"dossier/internal/wording"
	"dossier/store"
	"dossier/store/ingest"
	"dossier/store/query"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
	// ExitInterrupted is the shell's code for a command stopped by Ctrl+C.
	ExitInterrupted = 130
)

const usage = `Usage:
  dossier [--db FILE]                       start the window
  dossier FILE.dossier                      start the window on that research file
  dossier [--db FILE] import FILE|FOLDER... import documents (text, Markdown,
                                            HTML, Word .docx, OpenDocument .odt,
                                            EPUB, PDF; also those in folders), or
                                            restore an annotation bundle (.json)
  dossier [--db FILE] search [--json] [--limit N] [--offset N] QUERY
  dossier [--db FILE] docs [--json]         list documents with passage counts
  dossier [--db FILE] docs --rename ID TITLE | --delete ID [--json]
  dossier [--db FILE] tags [--json]         list actors and sources with their
                                            aliases and accepted/pending counts
  dossier [--db FILE] claims [--json] [--state suggested|accepted|rejected|all]
                      [--suggest] [QUERY]   list claims: who asserts what, about
                                            whom, how sure (suggested and accepted
                                            unless --state says; QUERY may use
                                            by:, about:, likelihood:, stance: …);
                                            --suggest first finds new ones in every
                                            document; --json start/end count
                                            characters of the passage text
  dossier [--db FILE] export [--format md|md-actors|csv|json] [--out FILE] [QUERY]
                                            export bookmarks, notes and tags
                                            (all, or on passages matching QUERY);
                                            json is a bundle that import restores
%s
The research file defaults to %s
(or $DOSSIER_DB). A new research file starts with the built-in article.
`

// Usage writes the command-line help to w.
func Usage(w io.Writer) {
	def, _ := store.DefaultPath()
	fmt.Fprintf(w, usage, backupUsage, def)
}

// Run runs the subcommand in args (its name first) on the research file at
// path; seed is what a research file it creates starts with. It returns the
// process exit code. The global flags (--db) are the entry point's.
func Run(path string, args []string, seed store.Seed, stdout, stderr io.Writer) int {
	out := &outputWriter{w: stdout}
	code := runCommand(path, args, seed, out, stderr)
	if out.err != nil && code == ExitOK {
		// "Finished": a command that changes the file (import, docs
		// --delete) has made its change; only its report was lost.
		fmt.Fprintf(stderr, "dossier %s finished, but its output could not be written: %v\n", query.Clip(args[0]), out.err)
		return ExitError
	}
	return code
}

// outputWriter is a command's standard output, keeping the first write
// that failed: a listing written to a full disk (or /dev/full) lost its
// lines and still exited 0, where --json and export said so (a hostile
// pass).
type outputWriter struct {
	w   io.Writer
	err error
}

func (o *outputWriter) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	o.err = err
	return n, err
}

// runCommand is Run, writing to stdout as given.
func runCommand(path string, args []string, seed store.Seed, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		Usage(stderr)
		return ExitUsage
	}
	f := researchFile{path: path, seed: seed}
	cmd, cmdArgs := args[0], args[1:]
	// A command's help opens no research file (nor makes one).
	if wantsHelp(cmdArgs) && commandUsage(stdout, cmd) {
		return ExitOK
	}
	if cmd == "help" && len(cmdArgs) == 1 && commandUsage(stdout, cmdArgs[0]) {
		return ExitOK
	}
	switch cmd {
	case "import":
		return runImport(f, cmdArgs, stdout, stderr)
	case "search":
		return runSearch(f, cmdArgs, stdout, stderr)
	case "docs":
		return runDocs(f, cmdArgs, stdout, stderr)
	case "tags":
		return runTags(f, cmdArgs, stdout, stderr)
	case "claims":
		return runClaims(f, cmdArgs, stdout, stderr)
	case "export":
		return runExport(f, cmdArgs, stdout, stderr)
	case "backup", "backups", "check", "recover", "restore":
		code, _ := runBackupCommand(cmd, f, cmdArgs, stdout, stderr)
		return code
	case "help":
		// "help nosuch" (a misspelt command) said nothing of it and
		// exited 0, as if the usage printed were that command's.
		if len(cmdArgs) > 0 && cmdArgs[0] != "help" {
			fmt.Fprintf(stderr, "dossier help: unknown command %q\n", query.Clip(cmdArgs[0]))
			Usage(stderr)
			return ExitUsage
		}
		Usage(stderr)
		return ExitOK
	}
	fmt.Fprintf(stderr, "dossier: unknown command %q\n", query.Clip(cmd))
	Usage(stderr)
	return ExitUsage
}

// stopSignals stop a long command cleanly: Ctrl+C, SIGTERM, and SIGHUP (the
// terminal closed, or ssh dropped: it left a backup's hidden half-written
// copy behind; found by a hostile pass). Not SIGHUP when the command was
// started by nohup, which ignores it: catching it undoes nohup, and
// `nohup dossier import FOLDER &` stopped when its terminal closed.
func stopSignals() []os.Signal {
	if signal.Ignored(syscall.SIGHUP) {
		return []os.Signal{os.Interrupt, syscall.SIGTERM}
	}
	return []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}
}

// beforeOpen runs just before a long command opens its research file, once
// it catches Ctrl+C: tests send the signal there.
var beforeOpen = func() {}

// afterSuggest runs once claims --suggest has kept its suggestions, before
// it lists the claims: tests send Ctrl+C there.
var afterSuggest = func() {}

// slowOpenNote is how long a command's open of its research file may take
// before it says what it is doing.
var slowOpenNote = 2 * time.Second

// noteToFiles is slowOpenNote where stderr is not a terminal: never (tests
// set it).
var noteToFiles = time.Duration(math.MaxInt64)

// researchFile is the research file a subcommand works on: its path, and
// the seed a new one starts with.
type researchFile struct {
	path string
	seed store.Seed
}

// open opens the research file, saying so on stderr when it makes a new
// one: a mistyped --db would otherwise answer with the built-in article
// alone, as if the user's library were gone.
func (f researchFile) open(stderr io.Writer) (*store.Store, error) {
	st, made, err := f.openNew(stderr, store.OpenResearchFile)
	switch {
	case made:
		sayMade(stderr, st)
	case err == nil && st.LeftUnfilled():
		sayLeftUnfilled(stderr, st.Path())
	}
	return st, err
}

// sayLeftUnfilled says that the research file at path was left by an
// import stopped (killed) before it imported anything (store.LeftUnfilled).
func sayLeftUnfilled(stderr io.Writer, path string) {
	fmt.Fprintf(stderr, "dossier: %s holds the built-in article alone: the dossier import that made it was stopped before it imported anything\n", termSafeLine(path))
}

// sayMade says that st is a new research file.
func sayMade(stderr io.Writer, st *store.Store) {
	if st.LeftUnfilled() {
		// Made by an import stopped (killed) before it imported anything:
		// it was taken for the user's file, and never said made (data25).
		fmt.Fprintf(stderr, "dossier: %s is a new research file, made by a dossier import that was stopped before it imported anything; it starts with the built-in article\n", termSafeLine(st.Path()))
		return
	}
	fmt.Fprintf(stderr, "dossier: made a new research file %s; it starts with the built-in article\n", termSafeLine(st.Path()))
}

// openNew opens the research file as open does with openFile
// (store.OpenResearchFile, or store.OpenResearchFileToFill), saying
// nothing of a new one: made reports whether the open made it, or took it
// as made (the caller says so).
func (f researchFile) openNew(stderr io.Writer, openFile func(string, store.Seed) (*store.Store, error)) (st *store.Store, made bool, err error) {
	_, err = os.Lstat(f.path)
	isNew := errors.Is(err, fs.ErrNotExist)
	// An open that takes long (the first by a new version of a large
	// file: a migration, or the starter list of actors matched across a
	// million passages, 33 s) said nothing until it ended.
	// Said on a terminal only: a script reading stderr gets no new line.
	wait := slowOpenNote
	if f, ok := stderr.(*os.File); !ok || !isTerminal(f) {
		wait = noteToFiles
	}
	said := make(chan struct{})
	note := time.AfterFunc(wait, func() {
		defer close(said)
		fmt.Fprintf(stderr, "dossier: opening %s; a large research file can take a few minutes the first time a new version of Dossier opens it\n", termSafeLine(f.path))
	})
	st, err = openFile(f.path, f.seed)
	if !note.Stop() {
		<-said // written whole before anything else is
	}
	return st, err == nil && (isNew || st.MadeNow()), err
}

// runImport imports each file, one line per file; it exits 1 if any file
// failed, after trying them all. Folders are imported by the window's rule
// (see store.ImportFiles): their documents and annotation bundles; a bundle
// (dossier export --format json) is restored rather than imported.
func runImport(f researchFile, files []string, stdout, stderr io.Writer) (code int) {
	// "--" ends the options, as for every command: a file named like one
	// ("--db") follows it. It was read as a file itself: "error --: no
	// such file" (a hostile data pass). A file named "--" is "./--".
	// Import has no options of its own, so the first "--" is that
	// wherever it comes: after a file too ("import a.txt -- --b.txt", as
	// getopt reads it), where it was a file again (review 2026-12-05e).
	dashes := slices.Index(files, "--")
	if dashes >= 0 {
		files = append(files[:dashes:dashes], files[dashes+1:]...)
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "dossier import: give at least one FILE")
		return ExitUsage
	}
	// Inputs none of which can be read at all (a missing file, "---help")
	// import nothing: said before a research file that does not exist yet
	// is made to hold nothing, with its side files (a hostile data pass).
	// An existing one is opened: an input may be its own -wal, which the
	// open makes and the import then names.
	options := optionLike(files, dashes)
	if _, err := os.Lstat(f.path); errors.Is(err, fs.ErrNotExist) && noneReadable(files, options, stdout) {
		made := "no research file was made"
		// Another command (a second import at once) may have made it
		// meanwhile: "no research file was made" of a file there now, that
		// command saying it made it (data25).
		if _, err := os.Lstat(f.path); !errors.Is(err, fs.ErrNotExist) {
			made = "nothing was imported into " + termSafeLine(f.path) + ", made meanwhile by another program"
		}
		fmt.Fprintf(stderr, "dossier import: %d of %s could not be imported; %s\n", len(files), wording.Count(len(files), "file"), made)
		return ExitError
	}
	// Ctrl+C (or a TERM) stops the import at the next passage: the files
	// reported so far are stored, the one in progress is rolled back, and
	// the store closes normally (its WAL folded in). Caught from before
	// the file opens: a signal while a new file was made killed the
	// command without a word (found by a hostile pass).
	ctx, stop := signal.NotifyContext(context.Background(), stopSignals()...)
	defer stop()
	beforeOpen()
	st, made, err := f.openNew(stderr, store.OpenResearchFileToFill)
	if err != nil {
		fmt.Fprintf(stderr, "dossier: %v\n", err)
		return ExitError
	}
	// A new research file is said made once the import keeps it: it is
	// removed again when nothing goes into it, and "made a new research
	// file" followed by "… was removed again" contradicted itself (data20).
	// Said before the first file kept, so a mistyped --db is seen at once.
	sayKept := func() {
		if made {
			made = false
			sayMade(stderr, st)
		}
	}
	// Any way out that keeps the file and has not said so yet.
	defer sayKept()
	st.EnableAutoBackups() // a large import is followed by a backup
	unfinished, _ := st.TakeUnfinishedImports(ctx)
	for _, n := range unfinished {
		fmt.Fprintf(stderr, "dossier: %s\n", n.Text(termSafeLine))
	}
	fileFailed := false // the research file's own failure is reported already
	closed := false
	closeFile := func(removeMade bool) (removed bool) {
		closed = true
		var err error
		if removeMade {
			removed, err = st.CloseRemovingMade()
		} else {
			st.KeepMade() // the user's now: a later import no longer takes it as new
			err = st.Close()
		}
		// The file may go (moved, deleted, replaced) after the last commit:
		// what was imported is then only in the backup closing names.
		if errors.Is(err, store.ErrFileReplaced) && !fileFailed {
			fmt.Fprintf(stderr, "dossier: %v\n", err)
			code = ExitError
		}
		return removed
	}
	defer func() {
		if !closed {
			closeFile(false)
		}
	}()
	// A research file this import made is removed again when nothing could
	// be imported into it: files refused only by their reading (blank,
	// damaged) left it behind, holding the built-in article alone (a
	// hostile data pass). The cheap checks above spare most the making.
	removedNew := func() string {
		if closeFile(true) {
			made = false // not kept, so never said made
			return fmt.Sprintf("the new research file %s was removed again, since nothing was imported into it", termSafeLine(st.Path()))
		}
		return ""
	}
	if st.ReadOnly() {
		sayKept()
		fmt.Fprintf(stderr, "dossier: this research file is read-only: %s (%s)\n", st.Path(), st.ReadOnlyReason())
		return ExitError
	}
	if ctx.Err() != nil {
		sayKept()
		fmt.Fprintln(stderr, "dossier import: interrupted before any file was read; nothing was imported")
		return ExitInterrupted
	}
	failed, reported, passages := 0, 0, 0
	err = st.ImportFiles(ctx, files, func(o store.FileOutcome) {
		reported++
		if o.Err != nil {
			failed++
		} else {
			sayKept()
			if !o.Result.AlreadyPresent {
				passages += o.Result.Passages
			}
		}
		printOutcome(stdout, mistypedOption(o, options))
	})
	switch {
	case ctx.Err() != nil:
		sayKept()
		fmt.Fprintln(stderr, interruptedImport(err == nil, reported-failed, passages))
		return ExitInterrupted
	case store.IsFileError(err):
		// A failure of the research file itself (locked, disk full) stopped
		// it all: it is no file's fault, and the next ones would fail alike.
		fileFailed = true
		removed := ""
		if reported == failed && !errors.Is(err, store.ErrBusy) { // busy: another program has it
			removed = removedNew()
		}
		if removed == "" {
			sayKept()
		}
		fmt.Fprintf(stderr, "dossier: %v\n", err)
		if removed != "" {
			fmt.Fprintf(stderr, "dossier import: %s\n", removed)
		}
		return ExitError
	case err != nil:
		failed++
		fmt.Fprintf(stdout, "error     %v\n", err)
	}
	if err := st.TakeAutoBackupFailure(); err != nil {
		sayKept()
		fmt.Fprintf(stderr, "dossier import: warning: the documents are stored, but the automatic backup after the import failed: %v\n", err)
	}
	if failed > 0 {
		msg := fmt.Sprintf("dossier import: %d of %s could not be imported", failed, wording.Count(max(reported, len(files)), "file"))
		if failed >= reported { // none imported (err, if any, failed one more)
			if removed := removedNew(); removed != "" {
				msg += "; " + removed
			}
		}
		sayKept()
		fmt.Fprintln(stderr, msg)
		return ExitError
	}
	return ExitOK
}

// noneReadable reports whether no input among files can be read at all
// (see store.UnreadableInput), and if so prints why of each, as the import
// would; options are those that look like options (see optionLike).
func noneReadable(files []string, options map[string]bool, stdout io.Writer) bool {
	var unreadable []store.FileOutcome
	for i, p := range files {
		err := store.UnreadableInput(p)
		if err == nil {
			return false
		}
		unreadable = append(unreadable, store.FileOutcome{Index: i, Path: p, Err: err})
	}
	for _, o := range unreadable {
		printOutcome(stdout, mistypedOption(o, options))
	}
	return true
}

// optionLike are the files given before any "--" (at dashes, -1 if none)
// that begin with "-": mistyped options, if there are no such files.
func optionLike(files []string, dashes int) map[string]bool {
	out := map[string]bool{}
	for i, p := range files {
		if strings.HasPrefix(p, "-") && (dashes < 0 || i < dashes) {
			out[p] = true
		}
	}
	return out
}

// mistypedOption says of a missing file named like an option (import
// ---help) that import has none: "no such file" alone read as if the
// option had been looked for as a file on purpose.
func mistypedOption(o store.FileOutcome, options map[string]bool) store.FileOutcome {
	var ie *ingest.Error
	if options[o.Path] && errors.As(o.Err, &ie) && ie.File == o.Path && strings.HasPrefix(ie.Reason, "no such file") {
		e := *ie
		e.Reason += " (import has no options: dossier import --help shows its usage; a file named so follows --)"
		o.Err = &e
	}
	return o
}

// interruptedImport says what an interrupted import did: allDone when the
// signal came once every file was done, during what follows (it said "the
// rest not" when there was no rest: found by a hostile pass).
func interruptedImport(allDone bool, stored, passages int) string {
	switch {
	case !allDone:
		return fmt.Sprintf("dossier import: interrupted; %s stored before it (listed above), the rest not", wording.Count(stored, "file"))
	case passages >= store.LargeImport:
		// The backup runs beside the index's tidying, and may have ended
		// before the signal (found by a hostile pass: "not made" of one
		// that was).
		return "dossier import: interrupted after every file was done (listed above); the automatic backup that follows a large import may not have been made (dossier backups lists those there are)"
	}
	return "dossier import: interrupted after every file was done (listed above), while the search index was being tidied; searches read it as it is"
}

// printOutcome prints what became of one file.
func printOutcome(stdout io.Writer, o store.FileOutcome) {
	switch res := o.Result; {
	case o.Err != nil:
		// The file's name on the line, made safe to print on one line (an
		// ingest error names it; a bundle's errors do not).
		msg := termSafeLine(o.Path) + ": " + termSafe(o.Err.Error())
		if ie, named := o.Err.(*ingest.Error); named {
			msg = termSafeLine(ie.File) + ": " + termSafe(ie.Reason)
		}
		fmt.Fprintf(stdout, "error     %s\n", msg)
	case o.Bundle != nil:
		rep := *o.Bundle
		fmt.Fprintf(stdout, "restored  %s: %s\n", termSafeLine(o.Path), bundleSummary(rep))
		for _, d := range rep.Skipped {
			fmt.Fprintf(stdout, "skipped   %s on “%s” (%.12s…): not in this research file\n", wording.Count(d.Annotations, "annotation"), termSafe(d.Title), termSafe(d.Hash))
		}
		for _, m := range rep.Mismatched {
			fmt.Fprintf(stdout, "mismatch  %s\n", termSafe(m))
		}
	case res.AlreadyPresent:
		fmt.Fprintf(stdout, "present   %s: already in the library as %q; nothing changed\n", termSafeLine(o.Path), res.Title)
	default:
		fmt.Fprintf(stdout, "imported  %s: %q with %s%s%s\n", termSafeLine(o.Path), res.Title, wording.Count(res.Passages, "passage"), res.ReadAs(), res.EarlierNote())
	}
}

func bundleSummary(r store.BundleReport) string {
	if r.Changed() == 0 {
		return fmt.Sprintf("nothing new; %s already present", wording.Count(r.Unchanged, "annotation")) + r.KeptNote()
	}
	var tags, restored []string
	add := func(to *[]string, n int, one, many string) {
		if n > 0 {
			*to = append(*to, wording.Count(n, one+"|"+many))
		}
	}
	add(&tags, r.TagsCreated, "tag created", "tags created")
	add(&tags, r.TagsUpdated, "tag updated", "tags updated")
	add(&restored, r.PassageTags, "passage tagging", "passage taggings")
	add(&restored, r.DocumentTags, "document tagging", "document taggings")
	add(&restored, r.Bookmarks, "bookmark", "bookmarks")
	add(&restored, r.SavedSearches, "saved search", "saved searches")
	add(&restored, r.Claims, "claim", "claims")
	add(&restored, r.ClaimLinks, "claim link", "claim links")
	// "restored" says what the rest are: after tags it read "3 tags
	// created, 1 tag updated restored" (a hostile data pass).
	var said []string
	if len(restored) > 0 {
		said = append(said, strings.Join(restored, ", ")+" restored")
	}
	if len(tags) > 0 {
		said = append(said, strings.Join(tags, ", "))
	}
	return strings.Join(said, "; ") + fmt.Sprintf("; %d already present", r.Unchanged) + r.KeptNote() + r.Replacements()
}

type jsonHit struct {
	Passage  int64    `json:"passage"`
	Document string   `json:"document"`
	Ordinal  int      `json:"ordinal"`
	Page     int      `json:"page,omitempty"` // paged documents only (PDF)
	Text     string   `json:"text"`
	Snippet  string   `json:"snippet"`
	Matches  [][2]int `json:"matches"`
}

type jsonResults struct {
	Total  int       `json:"total"`
	Capped bool      `json:"capped,omitempty"`
	Ranked bool      `json:"ranked"`
	Hits   []jsonHit `json:"hits"`
}

func runSearch(f researchFile, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "")
	limit := fs.Int("limit", 20, "")
	offset := fs.Int("offset", 0, "")
	if err := fs.Parse(flagsFirst(fs, args)); err != nil {
		fmt.Fprintf(stderr, "dossier search: %v\n", err)
		return ExitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "dossier search: give a QUERY, e.g. dossier search '\"influence operations\" putin'")
		return ExitUsage
	}
	if *limit < 1 || *offset < 0 {
		fmt.Fprintln(stderr, "dossier search: --limit must be at least 1 and --offset at least 0")
		return ExitUsage
	}
	if *limit > store.MaxLimit {
		// Said, not cut short quietly: a script would take 2,000 for all.
		fmt.Fprintf(stderr, "dossier search: --limit is at most %d; --offset pages on\n", store.MaxLimit)
		return ExitUsage
	}
	st, err := f.open(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "dossier: %v\n", err)
		return ExitError
	}
	defer st.Close()
	q := strings.Join(fs.Args(), " ")
	// A script waits for its answer anyway, so every text query is ranked
	// by bm25, however broad (the window ranks broad ones in the background).
	res, err := st.Search(context.Background(), store.SearchRequest{Query: q, Limit: *limit, Offset: *offset, FullRanking: true})
	if err != nil {
		fmt.Fprintf(stderr, "dossier search: %v\n", err)
		return ExitError
	}
	if *asJSON {
		out := jsonResults{Total: res.Total, Capped: res.Capped, Ranked: res.Ranked, Hits: []jsonHit{}}
		for _, h := range res.Hits {
			out.Hits = append(out.Hits, jsonHit{
				Passage: h.PassageID, Document: h.DocumentTitle, Ordinal: h.Ordinal, Page: h.Page,
				Text: h.Text, Snippet: h.Snippet, Matches: store.CharRanges(h.Text, h.Matches),
			})
		}
		return writeJSON(stdout, stderr, "search", out)
	}
	more := ""
	if res.Capped {
		more = "more than "
	}
	fmt.Fprintf(stdout, "%s%s %s %q (%s)\n", more, wording.Count(res.Total, "passage"), wording.Noun(res.Total, "matches|match"),
		res.Query.String(), res.Elapsed.Round(100_000))
	for i, h := range res.Hits {
		where := fmt.Sprintf("passage %d", h.Ordinal)
		if pg := store.PageRef(h.Page); pg != "" {
			where = pg + ", " + where
		}
		fmt.Fprintf(stdout, "\n%d. %s — %s  [id %d]\n   %s\n", *offset+i+1, termSafe(wording.OneLine(h.DocumentTitle)), where, h.PassageID, termSafe(emphasise(h.Snippet, h.SnippetRanges)))
	}
	return ExitOK
}

// emphasise marks matches with [brackets] for a terminal.
func emphasise(s string, ranges []store.Range) string {
	var b strings.Builder
	prev := 0
	for _, r := range ranges {
		b.WriteString(s[prev:r.Start])
		b.WriteString("[" + s[r.Start:r.End] + "]")
		prev = r.End
	}
	b.WriteString(s[prev:])
	return strings.Join(strings.Fields(b.String()), " ")
}

type jsonDoc struct {
	ID          int64  `json:"id"`
	Title       string `json:"title"`
	Source      string `json:"source,omitempty"`
	Author      string `json:"author,omitempty"`
	Published   string `json:"published,omitempty"`
	URL         string `json:"url,omitempty"`
	File        string `json:"file,omitempty"`
	PhotoCredit string `json:"photo_credit,omitempty"`
	Passages    int    `json:"passages"`
	Hash        string `json:"content_hash"`
	Pages       int    `json:"pages,omitempty"` // paged documents only (PDF)
}

func runDocs(f researchFile, args []string, stdout, stderr io.Writer) int {
	if slices.ContainsFunc(args, func(a string) bool { return docsChange(a) != "" }) {
		return runDocsChange(f, args, stdout, stderr)
	}
	st, asJSON, code := openListing("docs", f, args, stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	docs, err := st.Documents(context.Background())
	if err != nil {
		fmt.Fprintf(stderr, "dossier docs: %v\n", err)
		return ExitError
	}
	if asJSON {
		out := make([]jsonDoc, 0, len(docs))
		for _, d := range docs {
			out = append(out, jsonDoc{d.ID, d.Title, d.Source, d.Author, d.Published, d.URL, d.FileName, d.PhotoCredit, d.Passages, d.Hash, d.Pages})
		}
		return writeJSON(stdout, stderr, "docs", out)
	}
	for _, d := range docs {
		src := ""
		if d.Source != "" {
			src = " — " + termSafe(wording.OneLine(d.Source))
		}
		fmt.Fprintf(stdout, "%4d  %5d %-8s  %s%s\n", d.ID, d.Passages, wording.Noun(d.Passages, "passage"), termSafe(wording.OneLine(d.Title)), src)
	}
	fmt.Fprintln(stdout, wording.Count(len(docs), "document"))
	return ExitOK
}

type jsonTag struct {
	store.TagJSON
	Accepted  int `json:"accepted"`
	Pending   int `json:"pending"`
	Documents int `json:"documents"`
}

func runTags(f researchFile, args []string, stdout, stderr io.Writer) int {
	st, asJSON, code := openListing("tags", f, args, stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	tags, err := st.Tags(context.Background(), "")
	if err != nil {
		fmt.Fprintf(stderr, "dossier tags: %v\n", err)
		return ExitError
	}
	if asJSON {
		out := make([]jsonTag, 0, len(tags))
		for _, t := range tags {
			out = append(out, jsonTag{t.JSON(), t.Accepted, t.Pending, t.Documents})
		}
		return writeJSON(stdout, stderr, "tags", out)
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FAMILY\tKIND\tNAME\tACCEPTED\tPENDING\tALIASES")
	for _, t := range tags {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\n", termSafe(wording.OneLine(t.Family)), termSafe(wording.OneLine(t.Kind)), termSafe(wording.OneLine(t.Name)), t.Accepted, t.Pending, termSafe(wording.OneLine(strings.Join(t.Aliases, ", "))))
	}
	tw.Flush()
	fmt.Fprintln(stdout, wording.Count(len(tags), "tag"))
	return ExitOK
}

func runExport(f researchFile, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "md", "")
	out := fs.String("out", "", "")
	if err := fs.Parse(flagsFirst(fs, args)); err != nil {
		fmt.Fprintf(stderr, "dossier export: %v\nusage: dossier export [--format md|md-actors|csv|json] [--out FILE] [QUERY]\n", err)
		return ExitUsage
	}
	formats := map[string]store.ExportFormat{
		"md": store.ExportMarkdownFormat, "markdown": store.ExportMarkdownFormat,
		"md-actors": store.ExportMarkdownByTagFormat, "markdown-actors": store.ExportMarkdownByTagFormat,
		"csv": store.ExportCSVFormat, "json": store.ExportJSONFormat,
	}
	exportFormat, ok := formats[strings.ToLower(*format)]
	if !ok {
		fmt.Fprintf(stderr, "dossier export: unknown format %q (use md, md-actors, csv or json)\n", query.Clip(*format))
		return ExitUsage
	}
	st, err := f.open(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "dossier: %v\n", err)
		return ExitError
	}
	defer st.Close()
	q := strings.Join(fs.Args(), " ")
	ctx := context.Background()
	var counts store.ExportCounts
	export := func(ctx context.Context, w io.Writer) (err error) {
		counts, err = st.Export(ctx, w, exportFormat, q)
		return err
	}
	// A damaged research file still exports what can be read; what was
	// left out is reported on stderr (the output itself is complete).
	var problems *store.ExportProblems
	warn := func() {
		if problems == nil {
			return
		}
		for _, p := range problems.Problems {
			fmt.Fprintf(stderr, "dossier export: warning: damaged research file: %s\n", termSafe(p))
		}
	}
	if *out == "" || *out == "-" {
		// Build it first, so that a failed export prints nothing. "-" is
		// the standard output, as elsewhere (it wrote a file named "-").
		var buf bytes.Buffer
		if err := export(ctx, &buf); err != nil && !errors.As(err, &problems) {
			fmt.Fprintf(stderr, "dossier export: %v\n", err)
			return ExitError
		}
		// On a terminal, control characters from the research file (a
		// saved search's name, a note) are shown escaped, as search, docs
		// and tags show them; a file or a pipe gets the export byte for byte.
		data := buf.Bytes()
		if stdoutIsTerminal(stdout) {
			data = []byte(termSafe(buf.String()))
		}
		if _, err := stdout.Write(data); err != nil {
			fmt.Fprintf(stderr, "dossier export: %v\n", err)
			return ExitError
		}
		warn()
		return ExitOK
	}
	// Never write over the research file, its side files or another one.
	if err := st.CheckOutput(*out); err != nil {
		fmt.Fprintf(stderr, "dossier export: %v\n", err)
		return ExitError
	}
	err = writeAtomically(ctx, *out, func(ctx context.Context, w io.Writer) error {
		if err := export(ctx, w); !errors.As(err, &problems) {
			return err
		}
		return nil // written as far as it can be read; warned below
	})
	if errors.Is(err, context.Canceled) {
		fmt.Fprintf(stderr, "dossier export: interrupted; %s was not written\n", *out)
		return ExitInterrupted
	}
	if err != nil {
		fmt.Fprintf(stderr, "dossier export: %v\n", err)
		return ExitError
	}
	warn()
	fmt.Fprintf(stderr, "exported %s\n", counts.To(*out, q != ""))
	return ExitOK
}

// openListing parses a listing command's only flag, --json, and opens the
// research file; st is nil when it could not, with the exit code to use.
func openListing(cmd string, f researchFile, args []string, stderr io.Writer) (st *store.Store, asJSON bool, code int) {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	js := fs.Bool("json", false, "")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		fmt.Fprintf(stderr, "dossier %s: usage: dossier %s [--json]\n", cmd, cmd)
		return nil, false, ExitUsage
	}
	st, err := f.open(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "dossier: %v\n", err)
		return nil, false, ExitError
	}
	return st, *js, ExitOK
}

// writeJSON prints v as indented JSON (no HTML escaping: quotes stay readable).
func writeJSON(stdout, stderr io.Writer, cmd string, v any) int {
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(stderr, "dossier %s: %v\n", cmd, err)
		return ExitError
	}
	return ExitOK
}
