package store

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// sidesHeldForAnotherFile reports whether a program holds the -shm file at
// real open while nobody holds the database file there: the side files
// are then another file's, one moved away or replaced while that program
// had it open (see sidesOfAnotherFileErr).
//
// SQLite in WAL mode holds a read lock on the database file for as long
// as a connection has it open, taken before it maps the -shm, where it
// holds one on byte 128 (its "dead man switch") until it lets go of the
// -shm again. So a lock on the -shm without one on the file at the name
// means the lock holder's database file is elsewhere.
//
// The locks are read from /proc/locks rather than asked of the files:
// opening and closing the -shm here would drop every POSIX lock this
// process holds on it, SQLite's own included.
func sidesHeldForAnotherFile(real string) bool {
	db, okDB := fileKey(real)
	shm, okShm := fileKey(real + "-shm")
	if !okDB || !okShm {
		return false
	}
	f, err := os.Open("/proc/locks")
	if err != nil {
		return false // no way to tell: SQLite decides, as before
	}
	defer f.Close()
	dbHeld, shmHeld := false, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, start, end, ok := parseLockLine(sc.Text())
		switch {
		case !ok:
		case key == db:
			dbHeld = true
		case key == shm && start <= shmDeadManSwitch && shmDeadManSwitch <= end:
			shmHeld = true
		}
	}
	return sc.Err() == nil && shmHeld && !dbHeld
}

// shmDeadManSwitch is the byte of the -shm every connection using it holds
// a read lock on (UNIX_SHM_DMS in SQLite's os_unix.c).
const shmDeadManSwitch = 128

// fileKey is how /proc/locks names the file at path: "major:minor:inode",
// the device numbers in hexadecimal.
func fileKey(path string) (string, bool) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return "", false
	}
	dev := uint64(st.Dev)
	return strconv.FormatUint(uint64(unix.Major(dev)), 16) + ":" +
		strconv.FormatUint(uint64(unix.Minor(dev)), 16) + ":" +
		strconv.FormatUint(st.Ino, 10), true
}

// parseLockLine reads one held lock of /proc/locks, e.g.
//
//	1: POSIX  ADVISORY  READ 15251 fe:00:10182716 128 128
//
// Locks a process is still waiting for ("1: -> POSIX …") are not held.
func parseLockLine(line string) (key string, start, end uint64, ok bool) {
	f := strings.Fields(line)
	if len(f) != 8 || f[1] == "->" {
		return "", 0, 0, false
	}
	parts := strings.Split(f[5], ":")
	if len(parts) != 3 {
		return "", 0, 0, false
	}
	// The kernel pads the device numbers ("fe:00"); fileKey does not.
	for i := 0; i < 2; i++ {
		n, err := strconv.ParseUint(parts[i], 16, 32)
		if err != nil {
			return "", 0, 0, false
		}
		parts[i] = strconv.FormatUint(n, 16)
	}
	start, err := strconv.ParseUint(f[6], 10, 64)
	if err != nil {
		return "", 0, 0, false
	}
	if f[7] == "EOF" {
		end = ^uint64(0)
	} else if end, err = strconv.ParseUint(f[7], 10, 64); err != nil {
		return "", 0, 0, false
	}
	return strings.Join(parts, ":"), start, end, true
}
