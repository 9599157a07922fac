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
}

// noteImport notes in meta that an import of files (given as named) is
// writing, and returns the taking away of the note. Best effort: a note
// that cannot be written (a full disk, another program writing) leaves
// the import as it was, and the import says what fails.
func (s *Store) noteImport(ctx context.Context, named []string, files int) (done func()) {
	host, _ := os.Hostname()
	n := UnfinishedImport{Started: s.now().UTC(), Files: files, PID: os.Getpid(), Host: host}
	for _, p := range named[:min(len(named), 3)] {
		// Absolute: "k/" given to dossier import in one folder said
		// nothing to the window opening the file from another.
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		n.Named = append(n.Named, p)
	}
	data, err := json.Marshal(n)
	if err != nil {
		return func() {}
	}
	key := fmt.Sprintf("%s:%d:%d", unfinishedKey, n.PID, n.Started.UnixNano())
	ownNotes.Store(string(data), true)
	if setMeta(ctx, s.db, key, string(data)) != nil {
		ownNotes.Delete(string(data))
		return func() {}
	}
	return func() {
		// Not the import's ctx, cancelled by now: the note must go.
		s.db.ExecContext(context.Background(), `DELETE FROM meta WHERE key = ? AND value = ?`, key, string(data))
		ownNotes.Delete(string(data))
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
		res, err := s.db.ExecContext(ctx, `DELETE FROM meta WHERE key = ? AND value = ?`, note.key, note.value)
		if err != nil {
			return out, err
		}
		if taken, _ := res.RowsAffected(); taken == 0 {
			continue // taken by another process meanwhile
		}
		out = append(out, n)
	}
	slices.SortStableFunc(out, func(a, b UnfinishedImport) int { return a.Started.Compare(b.Started) })
	return out, nil
}

// Text says that the import stopped before its end (its process killed, a
// crash, a power cut), what it was, and how to finish it; show makes a
// path fit to be shown.
func (n UnfinishedImport) Text(show func(string) string) string {
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
	return what + " stopped before its end: Dossier was closed or stopped while it ran. " +
		"The documents stored before it stopped are in the library; the rest are not. " +
		"To add them, import the same files again: those already in the library are skipped."
}

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
