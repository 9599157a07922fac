package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"dossier/store"
)

// ImportFilesProgress reports bytes and passages that only grow, names the
// file being worked on, moves within a large file, and ends at the totals.
func TestImportFilesProgress(t *testing.T) {
	s, _ := mustResearch(t) // tags, so that passages are searched for mentions too
	dir := t.TempDir()
	paths := writeReports(t, dir, 3, 20)
	big := writeReports(t, t.TempDir(), 1, 600)[0] // one file of many passages
	binary := filepath.Join(dir, "image.txt")
	if err := os.WriteFile(binary, []byte{0x89, 'P', 'N', 'G', 0, 0, 1, 2}, 0o644); err != nil {
		t.Fatal(err)
	}
	all := []string{paths[0], big, binary, paths[1], paths[0], paths[2]}
	var total int64
	for _, p := range all {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		total += fi.Size()
	}

	var reports []store.ImportProgress
	var stored int
	err := s.ImportFilesProgress(context.Background(), all, func(o store.FileOutcome) {
		if o.Err == nil && !o.Result.AlreadyPresent {
			stored += o.Result.Passages
		}
	}, func(p store.ImportProgress) { reports = append(reports, p) })
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) == 0 {
		t.Fatal("no progress reported")
	}
	within := false // a report part-way through the big file
	for i, p := range reports {
		if p.BytesTotal != total || p.Files != len(all) {
			t.Fatalf("report %d: total %d bytes of %d files, want %d of %d", i, p.BytesTotal, p.Files, total, len(all))
		}
		if p.Path != all[p.Index] {
			t.Errorf("report %d names %q, file %d is %q", i, p.Path, p.Index, all[p.Index])
		}
		if p.BytesDone > p.BytesTotal || p.BytesRead > p.BytesTotal {
			t.Errorf("report %d: %d done, %d read of %d bytes", i, p.BytesDone, p.BytesRead, p.BytesTotal)
		}
		if p.Path == big && p.FilePassages > 0 && p.FilePassages < 600 && p.BytesDone < total {
			within = true
			// Its batch is not committed: its passages are not stored
			// (they were said to be, and a kill lost them).
			if p.Stored > p.Passages-p.FilePassages {
				t.Errorf("report %d: %d passages stored, %d written, of which %d of the big file still being written", i, p.Stored, p.Passages, p.FilePassages)
			}
		}
		if i == 0 {
			continue
		}
		q := reports[i-1]
		if p.BytesDone < q.BytesDone || p.BytesRead < q.BytesRead || p.Passages < q.Passages ||
			p.FilesRead < q.FilesRead || p.FilesDone < q.FilesDone {
			t.Fatalf("progress went back from %+v to %+v", q, p)
		}
		// The file named never goes back (found by a hostile pass: "File
		// 2 of 20", read ahead, then "File 1 of 20", stored after it).
		if p.Index < q.Index {
			for _, r := range reports[max(i-4, 0) : i+1] {
				t.Logf("%+v", r)
			}
			t.Fatalf("report %d names file %d after file %d", i, p.Index+1, q.Index+1)
		}
	}
	if !within {
		t.Error("no report while the large file's passages were being stored")
	}
	// The last report, and only it, says the index is being merged.
	for i, p := range reports {
		if p.Merging != (i == len(reports)-1) {
			t.Errorf("report %d of %d: Merging %v", i+1, len(reports), p.Merging)
		}
	}
	if last := reports[len(reports)-1]; last.FilesDone != len(all) || last.BytesDone != total {
		t.Errorf("the merge is reported before every file is done: %+v", last)
	}
	// Once its passages are stored, the big file's reports count the
	// passages searched for mentions, up to all of them.
	scanning, scannedAll := false, false
	for _, p := range reports {
		if p.Path != big {
			continue
		}
		if p.FileTotal != 0 && p.FileTotal != 600 {
			t.Errorf("the big file has %d passages in all, want 600", p.FileTotal)
		}
		scanning = scanning || (p.FilePassages == 600 && p.FileScanned > 0 && p.FileScanned < 600)
		scannedAll = scannedAll || p.FileScanned == 600
	}
	if !scanning || !scannedAll {
		t.Errorf("mention search reported part-way %v, to the end %v", scanning, scannedAll)
	}
	last := reports[len(reports)-1]
	if last.BytesDone != total || last.BytesRead != total || last.FilesDone != len(all) || last.FilesRead != len(all) {
		t.Errorf("last report %+v: want every byte and file done (%d bytes)", last, total)
	}
	if stored != 20*3+600 || last.Passages != stored || last.Stored != stored {
		t.Errorf("last report has %d passages written, %d stored, the files %d; want %d", last.Passages, last.Stored, stored, 20*3+600)
	}
}
