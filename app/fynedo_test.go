package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

// The window declares Fyne's fyneDo migration, so Fyne no longer reads the
// goroutine id off the stack on every refresh (64% of a text-size step of
// the real window), and keeps what a packaged build embedded.
func TestWithFyneDo(t *testing.T) {
	plain := withFyneDo(fyne.AppMetadata{}, "1.2.3")
	if !plain.Migrations["fyneDo"] || plain.ID != appID || plain.Name != "Dossier" || plain.Version != "1.2.3" {
		t.Errorf("a plain go build: %+v", plain)
	}
	packaged := fyne.AppMetadata{ID: "io.github.dossier", Name: "Dossier", Version: "0.2.0", Build: 7, Release: true,
		Migrations: map[string]bool{"other": true}}
	got := withFyneDo(packaged, "9.9.9")
	if !got.Migrations["fyneDo"] || !got.Migrations["other"] || got.Version != "0.2.0" || got.Build != 7 || !got.Release {
		t.Errorf("a packaged build: %+v", got)
	}
	if packaged.Migrations["fyneDo"] {
		t.Error("the embedded metadata's map was changed in place")
	}
}
