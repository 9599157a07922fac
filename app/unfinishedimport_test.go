package app

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
)

// An import stopped by the end of its process (kill -9, a crash, a power
// cut) kept the batches it had stored, and the next start said nothing:
// some of its files were in the library, the rest not, as if the import
// were done (a hostile data pass). Opened, the file says so once.
func TestAnImportThatDidNotFinishIsSaidAtTheNextOpen(t *testing.T) {
	u := newTestUI(t)
	path := filepath.Join(t.TempDir(), "stopped.dossier")
	st, err := openSeeded(path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	// The note a killed import left (a process id no process has).
	host, _ := os.Hostname()
	note, _ := json.Marshal(store.UnfinishedImport{Files: 200, Named: []string{"/home/x/interviews"}, PID: 1<<22 + 17, Host: host})
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO meta(key, value) VALUES ('import_unfinished', ?)`, string(note)); err != nil {
		t.Fatal(err)
	}
	db.Close()

	u.do(func() { u.switchTo(path) })
	u.work.wait()
	u.do(func() {})
	if got := u.CurrentStore().Path(); got != path {
		t.Fatalf("the window shows %s", got)
	}
	text := strings.Join(texts(u.dialog(t, "The last import did not finish")), " ")
	for _, want := range []string{"“/home/x/interviews” (200 files) stopped before its end", "import the same files again"} {
		if !strings.Contains(text, want) {
			t.Errorf("the dialog says %q; want %q in it", text, want)
		}
	}
}
