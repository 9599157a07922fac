package cli_test

import (
	"os"
	"strconv"
	"testing"

	"golang.org/x/sys/unix"

	"dossier/app/cli"
)

// TestStdoutTerminalDetectionPty: a pseudo-terminal's end, what a terminal
// window gives a command as its output, counts as a terminal.
func TestStdoutTerminalDetectionPty(t *testing.T) {
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	defer ptmx.Close()
	if err := unix.IoctlSetPointerInt(int(ptmx.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlock pty: %v", err)
	}
	n, err := unix.IoctlGetInt(int(ptmx.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skipf("pty number: %v", err)
	}
	pts, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open pty: %v", err)
	}
	defer pts.Close()
	if !cli.IsTerminal(pts) {
		t.Error("a pseudo-terminal does not count as a terminal")
	}
}
