// Package held knows which files this process's SQLite holds locks on: the
// research files it has open for writing, and their -shm files.
//
// Locks on Unix are the process's, per file, and closing any descriptor of
// a file drops every one this process holds on it, SQLite's own included.
// So a file held here must not be opened and closed by other code of this
// process — reading its header, importing it as a document, copying it.
// Without its lock on the research file another program could take the
// file as closed by everyone else, fold its WAL in and delete it while
// this process goes on writing there: those writes would be lost.
package held

import (
	"os"
	"sync"
)

var (
	mu    sync.Mutex
	files = map[*entry]bool{}
)

type entry struct{ fis []os.FileInfo }

// Add records files (nil ones are skipped) as held until release is
// called.
func Add(fis ...os.FileInfo) (release func()) {
	e := &entry{}
	for _, fi := range fis {
		if fi != nil {
			e.fis = append(e.fis, fi)
		}
	}
	mu.Lock()
	files[e] = true
	mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			mu.Lock()
			delete(files, e)
			mu.Unlock()
		})
	}
}

// Holds reports whether the file at path (links followed) is one of the
// held files.
func Holds(path string) bool {
	fi, err := os.Stat(path)
	if err != nil {
		return false
	}
	mu.Lock()
	defer mu.Unlock()
	for e := range files {
		for _, h := range e.fis {
			if os.SameFile(fi, h) {
				return true
			}
		}
	}
	return false
}
