//go:build linux

package store_test

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
)

// gapWriterEnv makes the re-executed test binary write a bookmark into the
// research file it names, as another program would, then close it
// ("close") or stop dead ("kill": its WAL left behind).
const gapWriterEnv = "DOSSIER_TEST_GAP_WRITER"

// A program that opens the research file after a restore removed its side
// files and before the rename (where the restore's lock cannot reach it)
// writes to the file being replaced: what it wrote is kept in a backup
// named in the error, and the restored file is left sound (found by a
// re-attack, with the rename slowed down: an import that said "imported"
// was lost, and one killed there left its WAL beside the restored file,
// which then read as malformed).
func TestRestoreKeepsWhatIsWrittenBetweenItsSteps(t *testing.T) {
	if spec := os.Getenv(gapWriterEnv); spec != "" {
		mode, path, _ := strings.Cut(spec, ":")
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
		if err != nil {
			os.Exit(3)
		}
		if _, err := db.Exec(`INSERT INTO bookmarks (passage_id, note, created_at, updated_at)
			VALUES ((SELECT min(id) FROM passages), 'written in the gap', '2026-12-04T00:00:00Z', '2026-12-04T00:00:00Z')`); err != nil {
			os.Exit(4)
		}
		if mode == "kill" {
			os.Exit(0) // as kill -9: the WAL stays
		}
		if err := db.Close(); err != nil {
			os.Exit(5)
		}
		os.Exit(0)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"close", "kill"} {
		t.Run(mode, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			path := filepath.Join(dir, "research.dossier")
			s, _ := mustResearchAt(t, path)
			old := filepath.Join(dir, "old.dossier")
			if err := s.Backup(ctx, old); err != nil {
				t.Fatal(err)
			}
			s.Close()
			defer store.OnRestoreBetweenSteps(func(path string) {
				cmd := exec.Command(exe, "-test.run=^TestRestoreKeepsWhatIsWrittenBetweenItsSteps$")
				cmd.Env = append(os.Environ(), gapWriterEnv+"="+mode+":"+path)
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Errorf("the writer in the gap: %v %s", err, out)
				}
			})()
			kept := filepath.Join(dir, "kept")
			err := store.RestoreFile(ctx, path, old, kept)
			if err == nil || !strings.Contains(err.Error(), "kept in the backup ") {
				t.Fatalf("restore with a writer in its gap: %v; want what it wrote kept, and said", err)
			}
			backup := strings.TrimSpace(err.Error()[strings.LastIndex(err.Error(), "kept in the backup ")+len("kept in the backup "):])
			var n int
			if err := rawDB(t, backup).QueryRow(`SELECT count(*) FROM bookmarks WHERE note = 'written in the gap'`).Scan(&n); err != nil || n != 1 {
				t.Errorf("the backup %s holds %d bookmarks written in the gap (%v), want 1", backup, n, err)
			}
			r := mustOpenAt(t, path)
			if p, err := r.Check(ctx); err != nil || len(p) != 0 {
				t.Fatalf("the restored file: %q %v", p, err)
			}
			bms, err := r.Bookmarks(ctx)
			if err != nil || len(bms) != 0 {
				t.Errorf("the restored file: %d bookmarks (%v), want the backup's none", len(bms), err)
			}
		})
	}
}
