package app

// Numbers and durations as the window writes them.

import (
	"fmt"
	"time"

	"dossier/internal/wording"
)

// plural is wording.Count with thousands separators: "12,345 passages".
func plural(n int, word string) string { return thousands(n) + " " + wording.Noun(n, word) }

// thousands formats n with separators: 12,345.
func thousands(n int) string { return wording.Thousands(int64(n)) }

func formatDuration(d time.Duration) string {
	if d < time.Millisecond {
		return "under 1 ms"
	}
	return fmt.Sprintf("%d ms", d.Milliseconds())
}
