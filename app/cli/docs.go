package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"dossier/internal/wording"
	"dossier/store"
	"dossier/store/query"
)

// docsChange names the change a docs argument asks for: "rename",
// "delete", or "" for none.
func docsChange(arg string) string {
	name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
	if strings.HasPrefix(arg, "-") && (name == "rename" || name == "delete") {
		return name
	}
	return ""
}

const docsChangeUsage = "usage: dossier docs --rename ID TITLE [--json] | dossier docs --delete ID [--json]"

type jsonRenamed struct {
	ID       int64  `json:"id"`
	Title    string `json:"title"`
	OldTitle string `json:"old_title"`
}

type jsonDeleted struct {
	ID           int64  `json:"id"`
	Title        string `json:"title"`
	Passages     int    `json:"passages"`
	Bookmarks    int    `json:"bookmarks"`
	Tags         int    `json:"tags"`
	DocumentTags int    `json:"document_tags"`
	Suggestions  int    `json:"suggestions"`
	Claims       int    `json:"claims"`
	// SuggestedClaims are the document's suggested claims without a note,
	// which went with it too (Claims counts those accepted or annotated).
	SuggestedClaims int `json:"suggested_claims"`
}

// onceFlag is a flag that may be given once: `docs --delete 1 --delete 2`
// deleted document 2 alone, the last value winning, and said nothing of
// document 1; there is no undo here (a hostile pass).
type onceFlag struct {
	value string
	set   bool
}

func (f *onceFlag) String() string { return f.value }

func (f *onceFlag) Set(v string) error {
	if f.set {
		return errors.New("given twice; change one document at a time")
	}
	f.value, f.set = v, true
	return nil
}

// runDocsChange renames or deletes a document.
func runDocsChange(f researchFile, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("docs", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "")
	var renameFlag, delFlag onceFlag
	fs.Var(&renameFlag, "rename", "")
	fs.Var(&delFlag, "delete", "")
	rename, del := &renameFlag.value, &delFlag.value
	// Flags may follow the title too: parse again after each argument.
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			fmt.Fprintf(stderr, "dossier docs: %v\n%s\n", err, docsChangeUsage)
			return ExitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
	usageErr := func(msg string) int {
		fmt.Fprintf(stderr, "dossier docs: %s\n%s\n", msg, docsChangeUsage)
		return ExitUsage
	}
	idText, change := *del, "delete"
	switch {
	case *rename != "" && *del != "":
		return usageErr("rename or delete, not both at once")
	case *rename != "":
		idText, change = *rename, "rename"
		if len(rest) != 1 {
			return usageErr("--rename needs a document id and one new title (quote a title with spaces)")
		}
	case len(rest) > 0:
		return usageErr(fmt.Sprintf("unexpected %q after --delete ID", query.Clip(rest[0])))
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 {
		return usageErr(fmt.Sprintf("%q is not a document id (a number from dossier docs)", query.Clip(idText)))
	}
	st, err := f.open(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "dossier: %v\n", err)
		return ExitError
	}
	defer st.Close()
	ctx := context.Background()
	fail := func(err error) int {
		if errors.Is(err, store.ErrNotFound) {
			fmt.Fprintf(stderr, "dossier docs: there is no document %d (dossier docs lists them)\n", id)
		} else {
			fmt.Fprintf(stderr, "dossier docs: cannot %s document %d: %v\n", change, id, err)
		}
		return ExitError
	}
	if change == "rename" {
		old, err := st.RenameDocument(ctx, id, rest[0])
		if err != nil {
			return fail(err)
		}
		d, err := st.Document(ctx, id)
		if err != nil {
			return fail(err)
		}
		if *asJSON {
			return writeJSON(stdout, stderr, "docs", jsonRenamed{id, d.Title, old})
		}
		fmt.Fprintf(stdout, "Renamed document %d “%s” to “%s”.\n", id, termSafe(old), termSafe(d.Title))
		return ExitOK
	}
	counts, err := st.DocumentAnnotations(ctx, id)
	if err != nil {
		return fail(err)
	}
	snap, err := st.RemoveDocument(ctx, id)
	if err != nil {
		return fail(err)
	}
	d := snap.Document
	if *asJSON {
		return writeJSON(stdout, stderr, "docs", jsonDeleted{id, d.Title, d.Passages, counts.Bookmarks, counts.Tags, counts.DocumentTags, counts.Suggestions, counts.Claims, counts.SuggestedClaims})
	}
	// Claims accepted or annotated (a rejected one keeps its note) go too;
	// said when there are any,
	// as there is no undo here (a hostile pass: "19 passages, 0 bookmarks,
	// 0 tags…" and two annotated claims gone, unsaid).
	parts := []string{wording.Count(d.Passages, "passage"), wording.Count(counts.Bookmarks, "bookmark"),
		wording.Count(counts.Tags, "tag on a passage|tags on passages"), wording.Count(counts.DocumentTags, "tag on the document|tags on the document")}
	if counts.Claims > 0 {
		parts = append(parts, wording.Count(counts.Claims, "claim accepted or annotated|claims accepted or annotated"))
	}
	fmt.Fprintf(stdout, "Deleted document %d “%s”: %s and %s.", id, termSafe(d.Title), strings.Join(parts[:len(parts)-1], ", "), parts[len(parts)-1])
	// The suggestions went too, as the window's Delete document says: they
	// were left unsaid (a UI pass), and there is no undo here.
	var suggested []string
	if counts.Suggestions > 0 {
		suggested = append(suggested, wording.Count(counts.Suggestions, "suggested tag"))
	}
	if counts.SuggestedClaims > 0 {
		suggested = append(suggested, wording.Count(counts.SuggestedClaims, "suggested claim"))
	}
	if len(suggested) > 0 {
		fmt.Fprintf(stdout, " Its %s went with it: suggestions come back when it is imported again.", strings.Join(suggested, " and "))
	}
	fmt.Fprintln(stdout)
	return ExitOK
}
