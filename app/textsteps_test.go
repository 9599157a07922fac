package app

import (
	"math"
	"testing"
)

// Sixteen quick presses of Ctrl+= and Ctrl+- (or a key held down) froze
// the window for some 30 s under Xvfb, a dialog's Esc and Cancel waiting
// behind them: each step, half a second of the UI goroutine or more, was
// applied in turn, and a step at the largest or smallest size re-laid the
// window out for nothing (a hostile UI pass). Steps asked for while one
// waits are applied as one; a size the text has already is no step.
func TestQuickTextStepsApplyAsOne(t *testing.T) {
	u := newTestUI(t)
	var applied []float32
	textScaleObserver = func(s float32) { applied = append(applied, s) }
	t.Cleanup(func() { textScaleObserver = nil })
	larger := u.menuItem(t, "View", "Larger text")
	smaller := u.menuItem(t, "View", "Smaller text")
	actual := u.menuItem(t, "View", "Actual size")
	near := func(a, b float32) bool { return math.Abs(float64(a-b)) < 0.001 }

	// Six presses handled in one go, as the window handles the keys that
	// queued while it was busy.
	u.do(func() {
		for range 6 {
			larger.Action()
		}
	})
	if len(applied) != 1 || !near(u.theme.scale, defaultTextScale+6*textScaleStep) {
		t.Errorf("six quick steps up applied %v, the text at %v", applied, u.theme.scale)
	}
	applied = nil
	u.do(func() {
		for range 20 {
			larger.Action()
		}
	})
	if len(applied) != 1 || !near(u.theme.scale, maxTextScale) {
		t.Errorf("steps up to the largest applied %v, the text at %v", applied, u.theme.scale)
	}
	applied = nil
	u.do(larger.Action)
	if len(applied) != 0 {
		t.Errorf("a step up at the largest size applied %v", applied)
	}
	u.do(func() {
		smaller.Action()
		actual.Action()
	})
	if len(applied) != 1 || !near(u.theme.scale, defaultTextScale) {
		t.Errorf("a step down then Actual size applied %v, the text at %v", applied, u.theme.scale)
	}
	applied = nil
	u.do(actual.Action)
	if len(applied) != 0 {
		t.Errorf("Actual size at the actual size applied %v", applied)
	}
}
