//go:build unix

package store_test

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"dossier/store"
	"dossier/store/ingest"
)

// The crash harness: a child process (this test binary, re-run as
// TestCrashChild) writes annotations and imports documents at random into a
// research file, reporting every write before it starts (TRY, with the
// state it will leave) and once it is committed (ACK). The parent kills the
// child with SIGKILL at a random moment, reopens the file and checks that it
// is sound (integrity_check, FTS5 integrity-check), that every acknowledged
// write is there, and that no import is half done.
//
// DOSSIER_CRASH_ROUNDS sets the number of kills (10 by default; the README
// records a long run), DOSSIER_CRASH_SEED replays a run.

const (
	crashChildEnv = "DOSSIER_CRASH_CHILD" // the research file the child writes
	crashSeedEnv  = "DOSSIER_CRASH_SEED"
	crashRoundEnv = "DOSSIER_CRASH_ROUND"
)

// fact is one piece of expected state: key names a row ("bm:17",
// "tag:3", "pt:<passage>:<tag>", "doc:<file name>"), value what it holds
// ("absent" when the row must not exist). "bm:new" and "tag:new" stand for
// a row whose id is not known until it is inserted.
type fact struct{ K, V string }

const absent = "absent"

func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("crash harness skipped in -short mode")
	}
	rounds := 10
	if v := os.Getenv("DOSSIER_CRASH_ROUNDS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("DOSSIER_CRASH_ROUNDS=%q: want a positive number", v)
		}
		rounds = n
	}
	seed := time.Now().UnixNano()
	if v := os.Getenv(crashSeedEnv); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("%s=%q: want a number", crashSeedEnv, v)
		}
		seed = n
	}
	t.Logf("crash harness: %d rounds, seed %d (replay with %s=%d)", rounds, seed, crashSeedEnv, seed)
	rng := rand.New(rand.NewSource(seed))
	path := filepath.Join(t.TempDir(), "crash.dossier")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	model := map[string]string{}
	acked, pendingRounds := 0, 0
	for round := 1; round <= rounds; round++ {
		r := runCrashChild(t, path, seed+int64(round), round, rng)
		for _, f := range r.acked {
			model[f.K] = f.V
		}
		acked += len(r.acked)
		if len(r.pending) > 0 {
			pendingRounds++
		}
		got := verifyCrashFile(t, path, round)
		checkAgainstModel(t, round, model, got, r.pending)
		model = got // the file, now verified, is the truth for the next round
	}
	t.Logf("crash harness: %d kills survived, %d acknowledged writes checked, %d kills landed mid-write",
		rounds, acked, pendingRounds)
}

// crashRound is what the parent learned from one child: the facts of
// acknowledged writes, and those of the write in progress when it died.
type crashRound struct {
	acked, pending []fact
}

func runCrashChild(t *testing.T, path string, seed int64, round int, rng *rand.Rand) crashRound {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path,
		crashSeedEnv+"="+strconv.FormatInt(seed, 10), crashRoundEnv+"="+strconv.Itoa(round))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	kill := func() { cmd.Process.Signal(syscall.SIGKILL) }
	// Kill after a number of acknowledged writes, in the middle of a write
	// (right after it was announced), or after a delay.
	mode, n := rng.Intn(3), 1+rng.Intn(30)
	var timer *time.Timer
	if mode == 2 {
		timer = time.AfterFunc(time.Duration(30+rng.Intn(700))*time.Millisecond, kill)
	}
	var r crashRound
	acks, tries, killed := 0, 0, false
	acked := func() {
		r.pending = nil
		acks++
		if mode == 0 && acks == n && !killed {
			kill()
			killed = true
		}
	}
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "TRY "):
			r.pending = nil
			if err := json.Unmarshal([]byte(line[4:]), &r.pending); err != nil {
				t.Fatalf("round %d: bad TRY line %q: %v", round, line, err)
			}
			tries++
			if mode == 1 && tries == n && !killed {
				kill()
				killed = true
			}
		case strings.HasPrefix(line, "ACK1 "): // one fact of a write committed
			key := line[5:]
			for i, f := range r.pending {
				if f.K == key {
					r.acked = append(r.acked, f)
					r.pending = append(r.pending[:i], r.pending[i+1:]...)
					break
				}
			}
		case line == "ACK":
			r.acked = append(r.acked, r.pending...)
			acked()
		case strings.HasPrefix(line, "ACK "): // committed, naming the new row
			var fs []fact
			if err := json.Unmarshal([]byte(line[4:]), &fs); err != nil {
				t.Fatalf("round %d: bad ACK line %q: %v", round, line, err)
			}
			r.acked = append(r.acked, fs...)
			acked()
		case strings.HasPrefix(line, "--- FAIL"), strings.HasPrefix(line, "panic:"):
			kill()
			t.Fatalf("round %d: the child failed: %s", round, line)
		case strings.HasPrefix(line, "ERR "):
			kill()
			t.Fatalf("round %d: the child's write failed: %s", round, line[4:])
		}
	}
	if timer != nil {
		timer.Stop()
	}
	kill() // in case it ran out of writes before any trigger
	cmd.Wait()
	if strings.Contains(stderr.String(), "panic") || strings.Contains(stderr.String(), "FAIL") {
		t.Fatalf("round %d: child failed:\n%s", round, stderr.String())
	}
	return r
}

// verifyCrashFile reopens the file as the app would (recovering the WAL),
// runs SQLite's and FTS5's integrity checks, checks every document is
// whole, and returns the annotation state as facts.
func verifyCrashFile(t *testing.T, path string, round int) map[string]string {
	t.Helper()
	s, err := store.Open(path)
	if err != nil {
		t.Fatalf("round %d: reopening after the kill: %v", round, err)
	}
	defer s.Close()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ok string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("round %d: integrity_check: %q %v", round, ok, err)
	}
	if _, err := db.Exec(`INSERT INTO passages_fts(passages_fts) VALUES('integrity-check')`); err != nil {
		t.Fatalf("round %d: FTS5 integrity-check: %v", round, err)
	}
	// rank 1: also compare the index with the passages it was built from.
	if _, err := db.Exec(`INSERT INTO passages_fts(passages_fts, rank) VALUES('integrity-check', 1)`); err != nil {
		t.Fatalf("round %d: FTS5 integrity-check against passages: %v", round, err)
	}

	ctx := context.Background()
	// And as `dossier check` and the window see it.
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("round %d: Check: %q %v", round, problems, err)
	}
	docs, err := s.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	state := map[string]string{}
	for _, d := range docs {
		token, want, ok := crashDocName(d.FileName)
		if !ok {
			t.Fatalf("round %d: unexpected document %q", round, d.FileName)
		}
		ps := checkStoredOffsets(t, s, d.ID)
		if len(ps) != want || d.Passages != want {
			t.Fatalf("round %d: %s has %d passages (counted %d), want %d: a half-done import", round, d.FileName, len(ps), d.Passages, want)
		}
		var indexed int
		if err := db.QueryRow(`SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?`, `"`+token+`"`).Scan(&indexed); err != nil {
			t.Fatal(err)
		}
		if indexed != want {
			t.Fatalf("round %d: %s has %d passages in the search index, want %d", round, d.FileName, indexed, want)
		}
		state["doc:"+d.FileName] = "present"
	}
	for k, v := range readCrashState(t, db) {
		state[k] = v
	}
	return state
}

// readCrashState reads bookmarks, tags and passage taggings as facts.
func readCrashState(t testing.TB, db *sql.DB) map[string]string {
	t.Helper()
	state := map[string]string{}
	read := func(q string, row func(*sql.Rows) error) {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := row(rows); err != nil {
				t.Fatal(err)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	read(`SELECT id, passage_id, note FROM bookmarks`, func(r *sql.Rows) error {
		var id, p int64
		var note string
		err := r.Scan(&id, &p, &note)
		state[fmt.Sprint("bm:", id)] = bookmarkValue(p, note)
		return err
	})
	read(`SELECT id, name FROM tags`, func(r *sql.Rows) error {
		var id int64
		var name string
		err := r.Scan(&id, &name)
		state[fmt.Sprint("tag:", id)] = "name=" + name
		return err
	})
	read(`SELECT passage_id, tag_id, state FROM passage_tags`, func(r *sql.Rows) error {
		var p, tg int64
		var st string
		err := r.Scan(&p, &tg, &st)
		state[fmt.Sprintf("pt:%d:%d", p, tg)] = st
		return err
	})
	return state
}

func bookmarkValue(passage int64, note string) string {
	return fmt.Sprintf("p=%d note=%q", passage, note)
}

// checkAgainstModel compares the file with what the acknowledged writes
// say. Only the write in progress at the kill may be either done or not:
// all of it or none of it (a single transaction).
func checkAgainstModel(t *testing.T, round int, model, got map[string]string, pending []fact) {
	t.Helper()
	keys := map[string]bool{}
	for k := range model {
		keys[k] = true
	}
	for k := range got {
		keys[k] = true
	}
	pend := map[string]string{}
	for _, f := range pending {
		pend[f.K] = f.V
	}
	var differ, pendingDone []string
	for k := range keys {
		want, have := valueOr(model, k), valueOr(got, k)
		if want == have {
			continue
		}
		kind := k[:strings.IndexByte(k, ':')]
		switch {
		case pend[k] == have:
			pendingDone = append(pendingDone, k)
		case want == absent && pend[kind+":new"] == have:
			pendingDone = append(pendingDone, kind+":new")
		default:
			differ = append(differ, fmt.Sprintf("%s: want %s, file has %s", k, want, have))
		}
	}
	sort.Strings(differ)
	if len(differ) > 0 {
		t.Fatalf("round %d: the file differs from the acknowledged writes (write in progress: %v):\n%s",
			round, pending, strings.Join(differ, "\n"))
	}
	// All or nothing: if the write in progress shows at all, all of it shows.
	if len(pendingDone) > 0 {
		done := map[string]bool{}
		for _, k := range pendingDone {
			done[k] = true
		}
		for _, f := range pending {
			if !done[f.K] && valueOr(model, f.K) != f.V {
				t.Fatalf("round %d: write in progress %v is half done: %s missing", round, pending, f.K)
			}
		}
	}
}

func valueOr(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return absent
}

// crashDocName reads a generated document's file name,
// "crash-<token>-<passages>.txt".
func crashDocName(name string) (token string, passages int, ok bool) {
	parts := strings.Split(strings.TrimSuffix(name, ".txt"), "-")
	if len(parts) != 3 || parts[0] != "crash" {
		return "", 0, false
	}
	n, err := strconv.Atoi(parts[2])
	return parts[1], n, err == nil
}

// TestCrashChild is the child's side; it does nothing unless started by
// TestCrashRecovery.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashChildEnv)
	if path == "" {
		t.Skip("run by TestCrashRecovery")
	}
	seed, _ := strconv.ParseInt(os.Getenv(crashSeedEnv), 10, 64)
	round, _ := strconv.Atoi(os.Getenv(crashRoundEnv))
	// Files to import go beside the research file, in the parent's
	// temporary folder: a killed child never cleans up its own.
	c := &crashChild{rng: rand.New(rand.NewSource(seed)), round: round,
		dir: filepath.Join(filepath.Dir(path), "files"), out: bufio.NewWriter(os.Stdout)}
	err := os.MkdirAll(c.dir, 0o755)
	if err != nil {
		c.fail(err)
	}
	if c.s, err = store.Open(path); err != nil {
		c.fail(err)
	}
	if c.db, err = sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)"); err != nil {
		c.fail(err)
	}
	for i := 0; i < 5000; i++ {
		c.step()
	}
}

type crashChild struct {
	s     *store.Store
	db    *sql.DB
	rng   *rand.Rand
	round int
	dir   string
	out   *bufio.Writer
	n     int          // names made so far
	undo  func() error // undoes the last delete or merge, if that was the last write
	// undoFacts computes the facts of undo, just before it runs.
	undoFacts func() []fact
}

func (c *crashChild) fail(err error) {
	fmt.Fprintf(os.Stdout, "ERR %v\n", err)
	os.Exit(2)
}

// announce reports a write about to start. Each report is one write(2), so
// a kill leaves either the whole line in the pipe or none of it.
func (c *crashChild) announce(fs []fact) {
	b, _ := json.Marshal(fs)
	c.out.WriteString("TRY " + string(b) + "\n")
	c.out.Flush()
}

func (c *crashChild) ack(line string) {
	c.out.WriteString(line + "\n")
	c.out.Flush()
}

// ackNew acknowledges an insert, naming the row it made.
func (c *crashChild) ackNew(f fact) {
	b, _ := json.Marshal([]fact{f})
	c.ack("ACK " + string(b))
}

// pick returns a random id from a one-column query, or 0 if it has none.
func (c *crashChild) pick(q string, args ...any) int64 {
	ids := c.ids(q, args...)
	if len(ids) == 0 {
		return 0
	}
	return ids[c.rng.Intn(len(ids))]
}

func (c *crashChild) ids(q string, args ...any) []int64 {
	rows, err := c.db.Query(q, args...)
	if err != nil {
		c.fail(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			c.fail(err)
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		c.fail(err)
	}
	return out
}

// taggings returns a tag's passage taggings: passage → state.
func (c *crashChild) taggings(tag int64) map[int64]string {
	rows, err := c.db.Query(`SELECT passage_id, state FROM passage_tags WHERE tag_id = ?`, tag)
	if err != nil {
		c.fail(err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var p int64
		var st string
		if err := rows.Scan(&p, &st); err != nil {
			c.fail(err)
		}
		out[p] = st
	}
	return out
}

var crashWords = strings.Fields(`the minister met a delegation in café Tōkyō on Tuesday and said
	talks were naïve but useful while officials denied any payment reports said sources close to
	the inquiry described emails between aides über 日本語 documents show`)

func (c *crashChild) note() string {
	switch c.rng.Intn(5) {
	case 0:
		return ""
	case 1:
		return "line one\nline \"two\" — 🎉"
	}
	n := 1 + c.rng.Intn(12)
	w := make([]string, n)
	for i := range w {
		w[i] = crashWords[c.rng.Intn(len(crashWords))]
	}
	return strings.Join(w, " ")
}

func (c *crashChild) step() {
	ctx := context.Background()
	passage := c.pick(`SELECT id FROM passages`)
	if passage == 0 || c.rng.Intn(10) == 0 {
		c.importFiles(ctx)
		return
	}
	undo, undoFacts := c.undo, c.undoFacts
	c.undo, c.undoFacts = nil, nil
	switch op := c.rng.Intn(100); {
	case op < 20: // bookmark a passage
		note := c.note()
		c.announce([]fact{{"bm:new", bookmarkValue(passage, note)}})
		b, err := c.s.AddBookmark(ctx, passage, nil, note)
		if err != nil {
			c.fail(err)
		}
		c.ackNew(fact{fmt.Sprint("bm:", b.ID), bookmarkValue(passage, note)})
		return
	case op < 45: // edit a note
		bm := c.pick(`SELECT id FROM bookmarks`)
		if bm == 0 {
			return
		}
		var p int64
		c.db.QueryRow(`SELECT passage_id FROM bookmarks WHERE id = ?`, bm).Scan(&p)
		note := c.note()
		c.announce([]fact{{fmt.Sprint("bm:", bm), bookmarkValue(p, note)}})
		if err := c.s.SetBookmarkNote(ctx, bm, note); err != nil {
			c.fail(err)
		}
	case op < 53: // delete a bookmark (undoable)
		bm := c.pick(`SELECT id FROM bookmarks`)
		if bm == 0 {
			return
		}
		key := fmt.Sprint("bm:", bm)
		c.announce([]fact{{key, absent}})
		b, err := c.s.DeleteBookmark(ctx, bm)
		if err != nil {
			c.fail(err)
		}
		c.ack("ACK")
		c.undo = func() error { return c.s.RestoreBookmark(ctx, b) }
		c.undoFacts = func() []fact { return []fact{{key, bookmarkValue(b.PassageID, b.Note)}} }
		return
	case op < 60: // undo the last delete or merge
		if undo == nil {
			return
		}
		c.announce(undoFacts())
		if err := undo(); err != nil {
			c.fail(err)
		}
	case op < 70: // create a tag (a name no text mentions, so nothing is suggested)
		c.n++
		name := fmt.Sprintf("Zorvex %d %d", c.round, c.n)
		c.announce([]fact{{"tag:new", "name=" + name}})
		tg, err := c.s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: name})
		if err != nil {
			c.fail(err)
		}
		c.ackNew(fact{fmt.Sprint("tag:", tg.ID), "name=" + name})
		return
	case op < 88: // tag a passage
		tag := c.pick(`SELECT id FROM tags`)
		if tag == 0 {
			return
		}
		c.announce([]fact{{fmt.Sprintf("pt:%d:%d", passage, tag), "accepted"}})
		if err := c.s.TagPassage(ctx, passage, tag, nil); err != nil {
			c.fail(err)
		}
	case op < 94: // merge two tags (undoable)
		tags := c.ids(`SELECT id FROM tags`)
		if len(tags) < 2 {
			return
		}
		c.rng.Shuffle(len(tags), func(i, j int) { tags[i], tags[j] = tags[j], tags[i] })
		survivor, loser := tags[0], tags[1]
		fs := []fact{{fmt.Sprint("tag:", loser), absent}}
		sv := c.taggings(survivor)
		for p, st := range c.taggings(loser) {
			fs = append(fs, fact{fmt.Sprintf("pt:%d:%d", p, loser), absent})
			if cur, ok := sv[p]; !ok || stateRank(st) > stateRank(cur) {
				fs = append(fs, fact{fmt.Sprintf("pt:%d:%d", p, survivor), st})
			}
		}
		c.announce(fs)
		snap, err := c.s.MergeTags(ctx, survivor, loser)
		if err != nil {
			c.fail(err)
		}
		c.ack("ACK")
		c.setRestore(snap)
		return
	default: // delete a tag (undoable)
		tag := c.pick(`SELECT id FROM tags`)
		if tag == 0 {
			return
		}
		fs := []fact{{fmt.Sprint("tag:", tag), absent}}
		for p := range c.taggings(tag) {
			fs = append(fs, fact{fmt.Sprintf("pt:%d:%d", p, tag), absent})
		}
		c.announce(fs)
		snap, err := c.s.DeleteTag(ctx, tag)
		if err != nil {
			c.fail(err)
		}
		c.ack("ACK")
		c.setRestore(snap)
		return
	}
	c.ack("ACK")
}

// setRestore makes the next undo restore a tag snapshot: the tags come back
// with exactly their taggings of then.
func (c *crashChild) setRestore(snap *store.TagSnapshot) {
	ctx := context.Background()
	c.undo = func() error { return c.s.Restore(ctx, snap) }
	c.undoFacts = func() []fact {
		var fs []fact
		for _, tg := range snap.Tags {
			fs = append(fs, fact{fmt.Sprint("tag:", tg.ID), "name=" + tg.Name})
			for p := range c.taggings(tg.ID) {
				fs = append(fs, fact{fmt.Sprintf("pt:%d:%d", p, tg.ID), absent})
			}
		}
		for _, tg := range snap.Passages {
			fs = append(fs, fact{fmt.Sprintf("pt:%d:%d", tg.PassageID, tg.TagID), tg.State})
		}
		// Later facts win: a tagging in the snapshot overrides "absent".
		m := map[string]int{}
		var out []fact
		for _, f := range fs {
			if i, ok := m[f.K]; ok {
				out[i] = f
				continue
			}
			m[f.K] = len(out)
			out = append(out, f)
		}
		return out
	}
}

func stateRank(s string) int {
	switch s {
	case "accepted":
		return 2
	case "pending":
		return 1
	}
	return 0
}

// importFiles writes one to three small text files and imports them;
// each file is reported as soon as it is stored.
func (c *crashChild) importFiles(ctx context.Context) {
	var paths []string
	var fs []fact
	for i := 0; i < 1+c.rng.Intn(3); i++ {
		c.n++
		token := fmt.Sprintf("zk%dx%d", c.round, c.n)
		var b strings.Builder
		for p := 0; p < 1+c.rng.Intn(25); p++ {
			for w := 0; w < 3+c.rng.Intn(60); w++ {
				b.WriteString(crashWords[c.rng.Intn(len(crashWords))] + " ")
			}
			b.WriteString(token + ".\n\n")
		}
		data := []byte(b.String())
		doc, err := ingest.Parse("x.txt", data)
		if err != nil {
			c.fail(err)
		}
		name := fmt.Sprintf("crash-%s-%d.txt", token, len(doc.Passages))
		path := filepath.Join(c.dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			c.fail(err)
		}
		paths = append(paths, path)
		fs = append(fs, fact{"doc:" + name, "present"})
	}
	c.announce(fs)
	err := c.s.ImportFiles(ctx, paths, func(o store.FileOutcome) {
		if o.Err != nil {
			c.fail(o.Err)
		}
		c.ack("ACK1 doc:" + filepath.Base(o.Path))
	})
	if err != nil {
		c.fail(err)
	}
	c.ack("ACK")
}
