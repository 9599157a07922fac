package testnames

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

func TestInDir(t *testing.T) {
	dir := t.TempDir()
	src := "package x\n\nimport \"testing\"\n\nfunc TestOne(t *testing.T) {}\nfunc TestTwo(t *testing.T) {}\nfunc helper() {}\ntype s struct{}\nfunc (s) TestMethod() {}\n"
	if err := os.WriteFile(filepath.Join(dir, "a_test.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "b.go"), []byte("package x\n\nfunc TestNotATestFile() {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	names, err := InDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 2 || !names["TestOne"] || !names["TestTwo"] {
		t.Errorf("InDir = %v, want TestOne and TestTwo", names)
	}
	if got := Missing([]string{"TestOne", "TestGone"}, names); !slices.Equal(got, []string{"TestGone"}) {
		t.Errorf("Missing = %v, want [TestGone]", got)
	}
	re := regexp.MustCompile(SkipPattern([]string{"TestOne", "TestTwo"}))
	for name, want := range map[string]bool{"TestOne": true, "TestTwo": true, "TestOneMore": false, "XTestOne": false} {
		if re.MatchString(name) != want {
			t.Errorf("SkipPattern matches %s: %v, want %v", name, !want, want)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "broken_test.go"), []byte("package x\nfunc ("), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := InDir(dir); err == nil {
		t.Error("a test file that does not parse gave no error")
	}
}

func TestRunOnlyLeavesTheCallersChoice(t *testing.T) {
	list := []string{"TestOne", "TestTwo"}
	for _, c := range []struct {
		name      string
		run, skip string
		want      string
	}{
		{"no choice of the caller's", "", "", SkipPattern(list)},
		{"the caller's -run", "TestThree", "", "TestThree"},
		{"the caller's -skip", "", "^$", ""},
	} {
		flags := flag.NewFlagSet("test", flag.ContinueOnError)
		run := flags.String("test.run", "", "")
		flags.String("test.skip", "", "")
		var args []string
		if c.run != "" {
			args = append(args, "-test.run="+c.run)
		}
		if c.skip != "" {
			args = append(args, "-test.skip="+c.skip)
		}
		if err := flags.Parse(args); err != nil {
			t.Fatal(err)
		}
		runOnly(flags, list)
		if *run != c.want {
			t.Errorf("%s: -test.run %q, want %q", c.name, *run, c.want)
		}
	}
}
