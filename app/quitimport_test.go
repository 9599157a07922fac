package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

// Ctrl+Q during an import closed the window, and the import went on
// without it to the folder's last file, unseen, the process holding the
// research file all the while (and past 30 s its file was closed under it);
// found under Xvfb by the hostile UI pass ui5, quitting at file 11 of 60.
// Quitting now stops the import as Cancel does: what is stored stays.
func TestQuittingStopsAnImport(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	var paths []string
	para := strings.Repeat("The gravelwick shipment was late again and nobody knew why. ", 30)
	for i := range 40 {
		var b strings.Builder
		fmt.Fprintf(&b, "Memo number %d\n\n", i)
		for j := range 400 {
			fmt.Fprintf(&b, "%d %d %s\n\n", i, j, para)
		}
		paths = append(paths, writeFile(t, filepath.Join(dir, fmt.Sprintf("memo-%02d.txt", i)), b.String()))
	}
	path := u.CurrentStore().Path()
	u.do(func() {
		u.importPaths(paths)
		u.Close()
	})
	if !u.Finish(30 * time.Second) {
		t.Fatal("the import was still running 30 s after quitting")
	}
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	docs, err := st.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) > len(paths)/2 {
		t.Errorf("after quitting at once, %d of %d files were imported", len(docs)-1, len(paths))
	}
}
