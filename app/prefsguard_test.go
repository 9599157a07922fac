package app

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Preferences emptied by a quit in the middle of Fyne's in-place write come
// back as they last loaded, not as defaults (found by a UI pass).
func TestEmptiedPreferencesComeBack(t *testing.T) {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		t.Skip("the config folder is set through XDG_CONFIG_HOME here")
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	path, err := preferencesPath()
	if err != nil {
		t.Fatal(err)
	}
	guardPreferences() // no file yet: nothing to keep, nothing made
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("a preferences file appeared: %v", err)
	}
	os.MkdirAll(filepath.Dir(path), 0o755)
	good := `{"view.textScale":1.4,"view.theme":"light"}`
	os.WriteFile(path, []byte(good), 0o600)
	guardPreferences()
	for _, broken := range []string{"", `{"view.textScale":1.4,"view.th`} {
		os.WriteFile(path, []byte(broken), 0o600)
		guardPreferences()
		if b, _ := os.ReadFile(path); string(b) != good {
			t.Errorf("preferences left %q: %q, want the last good ones back", broken, b)
		}
	}
	// Newer good preferences become the kept ones.
	newer := `{"view.textScale":1.2}`
	os.WriteFile(path, []byte(newer), 0o600)
	guardPreferences()
	os.WriteFile(path, nil, 0o600)
	guardPreferences()
	if b, _ := os.ReadFile(path); string(b) != newer {
		t.Errorf("after newer preferences were emptied: %q, want %q", b, newer)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if e.Name() != "preferences.json" && e.Name() != "preferences.json.last-good" {
			t.Errorf("left in the preferences folder: %s", e.Name())
		}
	}
}
