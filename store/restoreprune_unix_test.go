//go:build linux

package store_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

const holderEnv = "DOSSIER_TEST_HOLDER"

// A restore that stops after keeping the current file (here: another
// program opened the research file meanwhile, and the restore refuses to
// replace it) must not have deleted the backup the user asked for. The
// copy kept before a restore prunes the folder to the newest 7, and the
// oldest backup — the one being restored — was deleted, while the restore
// said "close it, then restore" of a backup that no longer exists (found
// by a hostile data pass).
func TestARestoreThatStopsKeepsTheBackupItWasAskedFor(t *testing.T) {
	if path := os.Getenv(holderEnv); path != "" {
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
		if err != nil {
			os.Exit(3)
		}
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM passages`).Scan(&n); err != nil {
			os.Exit(4)
		}
		fmt.Println("open")
		time.Sleep(4 * time.Second)
		db.Close()
		os.Exit(0)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "research.dossier")
	s, _ := mustResearchAt(t, path)
	backups := filepath.Join(dir, "backups")
	if err := os.MkdirAll(backups, 0o755); err != nil {
		t.Fatal(err)
	}
	var oldest string
	for i := 7; i >= 1; i-- { // seven backups, a day apart, the oldest first
		name := filepath.Join(backups, time.Now().AddDate(0, 0, -i).UTC().Format("20060102-150405Z")+".dossier")
		if err := s.Backup(ctx, name); err != nil {
			t.Fatal(err)
		}
		if oldest == "" {
			oldest = name
		}
	}
	s.Close()
	var holder *exec.Cmd
	defer store.OnRestoreReplacing(func(path string) {
		holder = exec.Command(exe, "-test.run=^TestARestoreThatStopsKeepsTheBackupItWasAskedFor$")
		holder.Env = append(os.Environ(), holderEnv+"="+path)
		out, _ := holder.StdoutPipe()
		if err := holder.Start(); err != nil {
			t.Error(err)
			return
		}
		line, _ := bufio.NewReader(out).ReadString('\n')
		if strings.TrimSpace(line) != "open" {
			t.Errorf("the holder: %q", line)
		}
	})()
	err = store.RestoreFile(ctx, path, oldest, backups)
	if holder != nil {
		defer holder.Wait()
	}
	if err == nil {
		t.Skip("the restore went through: the holder's open was not seen")
	}
	t.Logf("restore: %v", err)
	if _, serr := os.Stat(oldest); serr != nil {
		t.Errorf("the restore stopped (%v), and the backup it was asked to restore is gone: %v", err, serr)
	}
	// Nor is a copy of the file as it still is left behind, to push an
	// older backup out at the next pruning.
	if entries, _ := os.ReadDir(backups); len(entries) != 7 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("after a restore that replaced nothing, the folder holds %q, want the 7 backups as they were", names)
	}
}
