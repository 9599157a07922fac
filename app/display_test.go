package app

import (
	"testing"
)

func TestNoDisplay(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	up := func(string) bool { return true }
	down := func(string) bool { return false }
	for _, tc := range []struct {
		goos      string
		vars      map[string]string
		reachable func(string) bool
		want      bool
	}{
		{"linux", nil, up, true},
		{"linux", map[string]string{"DISPLAY": ":0"}, up, false},
		{"linux", map[string]string{"DISPLAY": ":0"}, down, true}, // set, but nothing answers
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, down, false},
		{"freebsd", nil, up, true},
		{"windows", nil, down, false},
		{"darwin", nil, down, false},
	} {
		if got := noDisplay(tc.goos, env(tc.vars), tc.reachable); got != tc.want {
			t.Errorf("noDisplay(%s, %v) = %v, want %v", tc.goos, tc.vars, got, tc.want)
		}
	}
}
