package cli

import (
	"flag"
	"strings"
)

// flagsFirst moves the command's own flags that follow its query words in
// front of them, so that `dossier search kilimnik --limit 2` limits the
// list rather than search for "--limit" and "2" (found by a hostile pass).
// Only flags fs defines move (with their value, unless boolean): a word
// such as -campaign stays an exclusion, and nothing after "--" moves.
func flagsFirst(fs *flag.FlagSet, args []string) []string {
	var flags, words []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			words = append(words, args[i:]...)
			break
		}
		if !strings.HasPrefix(a, "-") {
			words = append(words, a)
			continue
		}
		name, _, inline := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
		f := fs.Lookup(name)
		if f == nil || name == "" {
			words = append(words, a)
			continue
		}
		flags = append(flags, a)
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); (!ok || !b.IsBoolFlag()) && !inline && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	if len(words) > 0 && words[0] != "--" && len(flags) > 0 {
		// The query words after the flags; "--" keeps a word that looks like
		// a flag from being read as one.
		return append(append(flags, "--"), words...)
	}
	return append(flags, words...)
}
