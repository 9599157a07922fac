package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// An import stopped part-way by the end of its process (killed, a crash, a
// power cut) kept the batches it had committed and lost the one it was
// writing, and nothing said so: the next start showed some of the files
// and not the rest, as if the import had been done (a hostile data pass).
// While an import writes, meta holds a note of it (unfinishedKey), taken
// away when it ends, however it ends; one found by a later open is an
// import that did not end.

// unfinishedKey is meta's note of an import writing to the file: each
// import's under its own key (unfinishedKey:PID:start), for two processes
// may import into one file at once, and the later's note took the place of
// the earlier's: the earlier killed, nothing said it (a hostile pass). A
// note under unfinishedKey alone is an earlier version's.
const unfinishedKey = "import_unfinished"

// ownNotes holds the notes this process's imports have written and not
// yet taken away: a note naming this process's id is an earlier process's
// (ids are used again) unless it is among them.
var ownNotes sync.Map

// UnfinishedImport is an import that stopped before its end.
type UnfinishedImport struct {
	Started time.Time `json:"started"`
	Files   int       `json:"files"`           // the files it was given, folders expanded
	Named   []string  `json:"named,omitempty"` // the first files or folders it was given, as given
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	// The window's imports: the new documents are read for claims after
	// the files are stored (see ImportFilesNoted), so what stopped left
	// documents without their suggested claims.
	FindsClaims bool `json:"finds_claims,omitempty"`
	// Of the files, annotation bundles (.json): each is restored whole or
	// not at all, and "the documents stored" said nothing of them.
	Bundles int `json:"bundles,omitempty"`
	// Every file was dealt with (stored, present or refused); what stopped
	// was the finding of claims in the new documents.
	FilesDone bool `json:"files_done,omitempty"`
	// Not an import: "Find claims in every document" (or dossier claims
	// --suggest), whose documents are each their own transaction; killed
	// part-way it left some without claims, and nothing said so.
	EveryDocument bool `json:"every_document,omitempty"`
	// A document pasted from the clipboard (its title), noted with it
	// (see ImportTextNoted): what stopped was finding its claims.
	Pasted string `json:"pasted,omitempty"`
	// Not noted: the research file holds nothing of the import (it was
	// the import's new file, left holding the seed alone; see
	// LeftUnfilled). "The documents stored before it stopped are in the
	// library" read as contradicting the next import's "the new research
	// file was removed again" (data27).
	NothingStored bool `json:"-"`
}

// ImportNote is an import's note in the file, handed to the caller by
// ImportFilesNoted for what follows the files: it stays until Done, so a
// process ending meanwhile leaves it to be said by the next open.
type ImportNote struct {
	s          *Store
	key, value string
	n          UnfinishedImport
}

// noteImport notes in meta that an import of files (given as named) is
// writing, and returns the note, nil if none was written. Best effort: a
// note that cannot be written (a full disk, another program writing)
// leaves the import as it was, and the import says what fails.
func (s *Store) noteImport(ctx context.Context, named []string, files, bundles int, findsClaims bool) *ImportNote {
	n := UnfinishedImport{Files: files, Bundles: bundles, FindsClaims: findsClaims}
	for _, p := range named[:min(len(named), 3)] {
		// Absolute: "k/" given to dossier import in one folder said
		// nothing to the window opening the file from another.
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		n.Named = append(n.Named, p)
	}
	return s.note(ctx, n)
}

// noteClaims notes in meta that claims are being found in every document
// (see noteImport).
func (s *Store) noteClaims(ctx context.Context) *ImportNote {
	return s.note(ctx, UnfinishedImport{FindsClaims: true, FilesDone: true, EveryDocument: true})
}

// note writes n, stamped with this process and the time, as a note of
// work under way; nil if it could not be written.
func (s *Store) note(ctx context.Context, n UnfinishedImport) *ImportNote {
	note := s.newNote(n)
	if note != nil && setMeta(bookkeeping(ctx), s.db, note.key, note.value) != nil {
		note.forget()
		return nil
	}
	return note
}

// newNote is the note of n, stamped with this process and the time, for
// the caller to write; known as this process's from now on.
func (s *Store) newNote(n UnfinishedImport) *ImportNote {
	n.Host, _ = os.Hostname()
	n.Started, n.PID = s.now().UTC(), os.Getpid()
	data, err := json.Marshal(n)
	if err != nil {
		return nil
	}
	note := &ImportNote{s: s, key: fmt.Sprintf("%s:%d:%d", unfinishedKey, n.PID, n.Started.UnixNano()), value: string(data), n: n}
	ownNotes.Store(note.value, true)
	return note
}

// forget drops a note that was not written (nil: none).
func (n *ImportNote) forget() {
	if n != nil {
		ownNotes.Delete(n.value)
	}
}

// filesDone notes that every file was dealt with, and what is left is
// finding the new documents' claims. Best effort: the note as it was
// says the import stopped, which it did.
func (n *ImportNote) filesDone() {
	if n == nil || n.n.FilesDone {
		return
	}
	next := n.n
	next.FilesDone = true
	data, err := json.Marshal(next)
	if err != nil {
		return
	}
	ownNotes.Store(string(data), true)
	// The error first: a failed write (a full disk) has no result.
	res, err := n.s.db.ExecContext(bookkeeping(context.Background()), `UPDATE meta SET value = ? WHERE key = ? AND value = ?`, string(data), n.key, n.value)
	if err != nil {
		ownNotes.Delete(string(data))
		return
	}
	if changed, _ := res.RowsAffected(); changed == 0 {
		ownNotes.Delete(string(data))
		return
	}
	ownNotes.Delete(n.value)
	n.value, n.n = string(data), next
}

// Done takes the note away: the import, and what followed it, ended (or
// were cancelled by the user, who was told). Not the import's context,
// cancelled by then: the note must go.
func (n *ImportNote) Done() {
	if n == nil {
		return
	}
	n.s.db.ExecContext(bookkeeping(context.Background()), `DELETE FROM meta WHERE key = ? AND value = ?`, n.key, n.value)
	ownNotes.Delete(n.value)
}

// Leave leaves the note in the file for the next open to say: the import,
// or what followed it, was stopped by the window's end (quitting, a
// SIGTERM), and nobody was told. This process no longer runs it, so an
// open of the file by this process says it too.
func (n *ImportNote) Leave() {
	if n != nil {
		ownNotes.Delete(n.value)
	}
}

// TakeUnfinishedImports returns the imports that stopped before their end
// in this research file, oldest first, and forgets them: each is said once.
// An import another process on this computer is still running is left
// alone.
func (s *Store) TakeUnfinishedImports(ctx context.Context) ([]UnfinishedImport, error) {
	if s.ReadOnly() {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT key, value FROM meta WHERE key = ? OR key GLOB ? ORDER BY key`, unfinishedKey, unfinishedKey+":*")
	if err != nil {
		return nil, err
	}
	type note struct{ key, value string }
	var notes []note
	for rows.Next() {
		var n note
		if err := rows.Scan(&n.key, &n.value); err != nil {
			rows.Close()
			return nil, err
		}
		notes = append(notes, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []UnfinishedImport
	host, _ := os.Hostname()
	for _, note := range notes {
		var n UnfinishedImport
		if json.Unmarshal([]byte(note.value), &n) != nil {
			n = UnfinishedImport{} // written by another program: said without details
		}
		if _, running := ownNotes.Load(note.value); running {
			continue // this process's, still importing
		}
		if n.Host == host && n.PID != os.Getpid() && processRunning(n.PID) && !startedAfter(n.PID, n.Started) {
			continue // another process's, still importing
		}
		res, err := s.db.ExecContext(bookkeeping(ctx), `DELETE FROM meta WHERE key = ? AND value = ?`, note.key, note.value)
		if err != nil {
			return out, err
		}
		if taken, _ := res.RowsAffected(); taken == 0 {
			continue // taken by another process meanwhile
		}
		n.NothingStored = s.leftUnfilled
		out = append(out, n)
	}
	slices.SortStableFunc(out, func(a, b UnfinishedImport) int { return a.Started.Compare(b.Started) })
	return out, nil
}

// Text says that the import stopped before its end (its process killed, a
// crash, a power cut), what it was, and how to finish it; show makes a
// path fit to be shown.
func (n UnfinishedImport) Text(show func(string) string) string {
	if n.EveryDocument {
		what := "Finding claims in every document"
		if !n.Started.IsZero() {
			what += ", begun " + n.Started.Local().Format("2 January 2006 at 15:04") + ","
		}
		return what + " stopped before its end: Dossier was closed or stopped while it ran. " +
			"The claims found before it stopped are kept; some documents have no suggested claims yet: " + findClaimsHow
	}
	if n.Pasted != "" {
		what := "A document pasted from the clipboard, “" + show(n.Pasted) + "”,"
		if !n.Started.IsZero() {
			what += " on " + n.Started.Local().Format("2 January 2006 at 15:04") + ","
		}
		return what + " is in the library, but Dossier was closed or stopped while finding claims in it. " +
			"It has no suggested claims yet: " + findClaimsHow
	}
	what := "An import into this research file"
	if !n.Started.IsZero() {
		what += ", begun " + n.Started.Local().Format("2 January 2006 at 15:04") + ","
	}
	if len(n.Named) > 0 {
		// At most the three noted, each at most a path's length: a note
		// written by another program may hold thousands, or a megabyte.
		names := make([]string, min(len(n.Named), 3))
		for i, p := range n.Named[:len(names)] {
			if len(p) > 4096 {
				p = strings.ToValidUTF8(p[:4096], "") + "…"
			}
			names[i] = "“" + show(p) + "”"
		}
		what += " of " + strings.Join(names, ", ")
	}
	switch {
	case n.Files == 1:
		what += " (1 file)"
	case n.Files > 1:
		what += fmt.Sprintf(" (%d files)", n.Files)
	}
	if n.FilesDone {
		// Killed in the window's claims phase (a hostile data pass): the
		// files are in, some without their suggested claims.
		return what + " stored its documents but stopped while finding claims in them: Dossier was closed or stopped meanwhile. " +
			"Some of them have no suggested claims yet: " + findClaimsHow
	}
	if n.NothingStored {
		return what + " stopped before it stored anything: Dossier was closed or stopped while it ran. " +
			"To add its files, import them again."
	}
	stored := "The documents stored before it stopped are in the library; the rest are not. "
	if n.Bundles > 0 {
		// A bundle killed mid-restore left nothing of it, and "the
		// documents stored" was said of an import of a bundle alone.
		stored = "The documents and annotation bundles stored before it stopped are in the library (a bundle is restored whole or not at all); the rest are not. "
	}
	text := what + " stopped before its end: Dossier was closed or stopped while it ran. " + stored +
		"To add them, import the same files again: those already in the library are skipped."
	if n.FindsClaims {
		// Importing them again skips them: their claims are found only so.
		text += " The documents it stored have no suggested claims yet: " + findClaimsHow
	}
	return text
}

// findClaimsHow says how to find the claims an import did not: said by
// the window and by dossier import alike.
const findClaimsHow = "“Find claims in every document” in the Claims section (or dossier claims --suggest) reads them."

// startedAfter reports whether process pid is known to have started after
// t, so is not the one that noted an import at t: ids are used again (after
// a restart above all), and a killed import's note was left unsaid while a
// program given its id ran. Known on Linux (/proc); elsewhere not.
func startedAfter(pid int, t time.Time) bool {
	if t.IsZero() {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	// The fields after the command's name, which may hold spaces and
	// parentheses: the 22nd field, start time, is the 20th after it.
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return false
	}
	fields := strings.Fields(string(stat[i+1:]))
	if len(fields) < 20 {
		return false
	}
	ticks, err := strconv.ParseInt(fields[19], 10, 64)
	if err != nil {
		return false
	}
	boot, ok := bootTime()
	if !ok {
		return false
	}
	// Clock ticks are a hundredth of a second on every Linux Go runs on
	// (USER_HZ); a minute's slack for clocks set meanwhile.
	started := boot.Add(time.Duration(ticks) * 10 * time.Millisecond)
	return started.After(t.Add(time.Minute))
}

// bootTime is when this computer started, from /proc/stat's btime.
func bootTime() (time.Time, bool) {
	stat, err := os.ReadFile("/proc/stat")
	if err != nil {
		return time.Time{}, false
	}
	for line := range strings.Lines(string(stat)) {
		if v, ok := strings.CutPrefix(line, "btime "); ok {
			secs, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			if err != nil {
				return time.Time{}, false
			}
			return time.Unix(secs, 0), true
		}
	}
	return time.Time{}, false
}
