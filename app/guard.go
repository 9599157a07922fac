package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage/repository"

	"dossier/store"
)

// Fyne's save dialog opens (and so truncates) the chosen file before it
// hands the writer to our callback: checking the path there would come too
// late to save a research file chosen by mistake. So every write through
// Fyne's "file" repository asks store.CheckOutput first, the rule the
// command line's export --out applies too.

// fileRepo is everything Fyne's own file repository does; the guard must
// keep all of it, or the file dialogs would lose listing and the like.
type fileRepo interface {
	repository.AppendableRepository
	repository.ListableRepository
	repository.HierarchicalRepository
	repository.DeleteAllRepository
	repository.CopyableRepository
	repository.MovableRepository
}

// guardedFiles refuses to write over the open research file, its side
// files or any other research file.
type guardedFiles struct {
	fileRepo
	researchFile func() string
}

func (g *guardedFiles) check(u fyne.URI) error {
	if path := g.researchFile(); path != "" {
		return store.CheckOutput(path, u.Path())
	}
	return nil
}

// Reader implements repository.Repository. Fyne's open dialog opens the
// chosen file before it hands it over, and our callback closes it: for a
// research file this process has open, that close would drop SQLite's
// locks on it (see store.HeldOpen). Its reader opens nothing: the dialog's
// caller wants the file's name, never its bytes.
func (g *guardedFiles) Reader(u fyne.URI) (fyne.URIReadCloser, error) {
	if store.HeldOpen(u.Path()) {
		return heldFile{u}, nil
	}
	return g.fileRepo.Reader(u)
}

// heldFile stands for a research file this process has open.
type heldFile struct{ uri fyne.URI }

func (h heldFile) Read([]byte) (int, error) {
	return 0, fmt.Errorf("%s is a research file Dossier has open: it is not read as a file", h.uri.Path())
}
func (h heldFile) Close() error  { return nil }
func (h heldFile) URI() fyne.URI { return h.uri }

// Writer implements repository.WritableRepository.
func (g *guardedFiles) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	if err := g.check(u); err != nil {
		return nil, err
	}
	return g.fileRepo.Writer(u)
}

// Appender implements repository.AppendableRepository.
func (g *guardedFiles) Appender(u fyne.URI) (fyne.URIWriteCloser, error) {
	if err := g.check(u); err != nil {
		return nil, err
	}
	return g.fileRepo.Appender(u)
}

// Copy implements repository.CopyableRepository.
func (g *guardedFiles) Copy(src, dst fyne.URI) error {
	if err := g.check(dst); err != nil {
		return err
	}
	if store.HeldOpen(src.Path()) { // copying it would close it: see Reader
		return fmt.Errorf("%s is a research file Dossier has open: use a backup to copy it", src.Path())
	}
	return g.fileRepo.Copy(src, dst)
}

// Move implements repository.MovableRepository.
func (g *guardedFiles) Move(src, dst fyne.URI) error {
	if err := g.check(dst); err != nil {
		return err
	}
	return g.fileRepo.Move(src, dst)
}

// guardFileWrites puts the guard in front of Fyne's file repository (once:
// a guard already there is replaced, so it follows this window's store).
func (u *UI) guardFileWrites() {
	repo, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	if g, ok := repo.(*guardedFiles); ok {
		repo = g.fileRepo
	}
	inner, ok := repo.(fileRepo)
	if !ok {
		return
	}
	repository.Register("file", &guardedFiles{fileRepo: inner, researchFile: func() string {
		if st := u.CurrentStore(); st != nil {
			return st.Path()
		}
		return ""
	}})
}
