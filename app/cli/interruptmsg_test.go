package cli

import (
	"strings"
	"testing"

	"dossier/store"
)

// An import interrupted once every file was done says so, and names what
// it cut short; it said "the rest not" when there was no rest (found by a
// hostile pass: Ctrl+C during the backup after a 206-file import).
func TestInterruptedImportSaysWhatWasCut(t *testing.T) {
	if got := interruptedImport(false, 3, 5000); !strings.Contains(got, "3 files stored before it") || !strings.Contains(got, "the rest not") {
		t.Errorf("part-way: %q", got)
	}
	for _, passages := range []int{store.LargeImport, 10} {
		got := interruptedImport(true, 206, passages)
		if strings.Contains(got, "the rest not") || !strings.Contains(got, "every file was done") {
			t.Errorf("all done, %d passages: %q", passages, got)
		}
		if backup := strings.Contains(got, "backup"); backup != (passages >= store.LargeImport) {
			t.Errorf("all done, %d passages: %q (a backup follows only %d passages or more)", passages, got, store.LargeImport)
		}
	}
}
