package store

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// sidesHeldForAnotherFile names a program that holds the -shm file at real
// without holding the database file there ("python3 (process 4242)"), or
// returns "": the side files are then another file's, one moved away or
// replaced while that program had it open (see sidesOfAnotherFileErr), or
// that program has lost its hold on the file.
//
// SQLite in WAL mode holds a read lock on the database file for as long
// as a connection has it open, taken before it maps the -shm, where it
// holds one on byte 128 (its "dead man switch") until it lets go of the
// -shm again. So every process with a lock there holds one on the
// database file it opened; if that is not the file at the name, that
// process's database is elsewhere.
// This process is not asked (see othersLocks).
//
// The locks are read from /proc/locks rather than asked of the files:
// opening and closing the -shm here would drop every POSIX lock this
// process holds on it, SQLite's own included. A reading can still miss a
// lock line (see readLocks): a holder is named only when fresh readings
// agree, as a real one shows in every reading (a whole store test run
// beside a CI run saw 1 torn verdict in 394).
func sidesHeldForAnotherFile(real string) string {
	who := sidesHeldOnce(real)
	for range 2 {
		if who == "" {
			break
		}
		who = sidesHeldOnce(real)
	}
	return who
}

// sidesHeldOnce is sidesHeldForAnotherFile from one reading of the locks.
func sidesHeldOnce(real string) string {
	db, okDB := fileKey(real)
	shm, okShm := fileKey(real + "-shm")
	if !okDB || !okShm {
		return ""
	}
	locks, ok := othersLocks()
	if !ok {
		return "" // no way to tell: SQLite decides, as before
	}
	holdsDB, holdsShm := map[string]bool{}, map[string]bool{}
	for _, l := range locks {
		switch {
		case l.key == db:
			holdsDB[l.pid] = true
		case l.key == shm && l.start <= shmDeadManSwitch && shmDeadManSwitch <= l.end:
			holdsShm[l.pid] = true
		}
	}
	for pid := range holdsShm {
		if !holdsDB[pid] {
			return processName(pid)
		}
	}
	return ""
}

// othersLocks reads the locks other processes hold from /proc/locks; ok is
// false when it cannot. This process's own are left out: a descriptor
// closed elsewhere in it can drop them (see package held), and its own
// stores are asked directly (openStores, abandon, ownSidesAtName). So are
// open file descriptions' locks, which name no process.
func othersLocks() (locks []lockLine, ok bool) {
	all, ok := readLocks()
	self := strconv.Itoa(os.Getpid())
	for _, l := range all {
		if l.pid != self && l.pid != "-1" {
			locks = append(locks, l)
		}
	}
	return locks, ok
}

// readLocks reads every held lock of /proc/locks; ok is false when it
// cannot.
//
// The kernel writes the list afresh at each read(2), which returns a page
// at most, and goes on by position: locks taken or let go elsewhere between
// two reads shift the list, so a reading can skip some locks (another
// Dossier opening the same new file was seen holding its -shm without the
// file, and refused as a swap). So it is read again, until two readings
// agree (the list stood still: that reading is whole); failing that, the
// locks of every reading count, as a lock missing from one is in another.
func readLocks() (locks []lockLine, ok bool) {
	var readings [][]byte
	for len(readings) < lockReadings {
		b, err := procLocks()
		if err != nil {
			return nil, false
		}
		if n := len(readings); n > 0 && bytes.Equal(b, readings[n-1]) {
			readings = readings[n-1:]
			break
		}
		readings = append(readings, b)
	}
	seen := map[lockLine]bool{}
	for _, b := range readings {
		for _, line := range strings.Split(string(b), "\n") {
			if l, ok := parseLockLine(line); ok && !seen[l] {
				seen[l] = true
				locks = append(locks, l)
			}
		}
	}
	return locks, true
}

// lockReadings is how many times readLocks reads /proc/locks at most.
const lockReadings = 4

// procLocks is readProcLocks; tests set another.
var procLocks = readProcLocks

// readProcLocks reads /proc/locks whole, in reads as large as the kernel
// gives (os.ReadFile's first is 512 bytes: a few locks), so that a short
// list comes in one.
func readProcLocks() ([]byte, error) {
	f, err := os.Open("/proc/locks")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, 0, 64<<10)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// heldUnderAnotherName names a program that holds the database file at
// real through side files of another name, or returns "": it opened the
// file at another name (before it was moved here), so its -wal and -shm
// are there, and a store opening it here would keep a second pair: two
// writers, each with a WAL the other never reads (found by a UI pass: the
// window opened the moved file while a script still had it open under its
// old name). Such a process holds the file and a -shm's "dead man switch"
// byte, but not the -shm at this name.
func heldUnderAnotherName(real string) string {
	db, ok := fileKey(real)
	if !ok {
		return ""
	}
	shm, _ := fileKey(real + "-shm") // "" if not there
	locks, ok := othersLocks()
	if !ok {
		return ""
	}
	holdsDB, exclusive := map[string]bool{}, map[string]bool{}
	holdsOurShm, holdsAShm := map[string]bool{}, map[string]bool{}
	for _, l := range locks {
		switch {
		case l.key == db:
			holdsDB[l.pid] = true
			exclusive[l.pid] = exclusive[l.pid] || l.write
		case l.start == shmDeadManSwitch && l.end == shmDeadManSwitch:
			holdsAShm[l.pid] = true
			holdsOurShm[l.pid] = holdsOurShm[l.pid] || l.key == shm
		}
	}
	for pid := range holdsDB {
		// Exclusive locking mode keeps no -shm, and SQLite says the file
		// is locked (found by a hostile pass: it was called moved).
		if holdsAShm[pid] && !holdsOurShm[pid] && !exclusive[pid] {
			return processName(pid)
		}
	}
	return ""
}

// processName says which program has the process id pid.
func processName(pid string) string {
	if pid == strconv.Itoa(os.Getpid()) {
		return "this program (process " + pid + ")"
	}
	comm, err := os.ReadFile("/proc/" + pid + "/comm")
	if name := strings.TrimSpace(string(comm)); err == nil && name != "" {
		return name + " (process " + pid + ")"
	}
	return "process " + pid
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

// lockLine is one held lock of /proc/locks.
type lockLine struct {
	pid        string // "-1" for an open file description's lock
	key        string // the file, as fileKey names it
	start, end uint64 // the bytes locked; end is the largest uint64 for "EOF"
	write      bool   // a write (exclusive) lock
}

// parseLockLine reads one held lock of /proc/locks, e.g.
//
//	1: POSIX  ADVISORY  READ 15251 fe:00:10182716 128 128
//
// Locks a process is still waiting for ("1: -> POSIX …") are not held.
func parseLockLine(line string) (l lockLine, ok bool) {
	f := strings.Fields(line)
	if len(f) != 8 || f[1] == "->" {
		return l, false
	}
	parts := strings.Split(f[5], ":")
	if len(parts) != 3 {
		return l, false
	}
	// The kernel pads the device numbers ("fe:00"); fileKey does not.
	for i := 0; i < 2; i++ {
		n, err := strconv.ParseUint(parts[i], 16, 32)
		if err != nil {
			return l, false
		}
		parts[i] = strconv.FormatUint(n, 16)
	}
	var err error
	if l.start, err = strconv.ParseUint(f[6], 10, 64); err != nil {
		return l, false
	}
	if f[7] == "EOF" {
		l.end = ^uint64(0)
	} else if l.end, err = strconv.ParseUint(f[7], 10, 64); err != nil {
		return l, false
	}
	l.pid, l.key, l.write = f[4], strings.Join(parts, ":"), f[3] == "WRITE"
	return l, true
}

// ownSidesAtName reports whether this process's SQLite has the file at the
// name and the -shm at the name: a store's connection that opened the name
// just as another file took it has the other file, or another -shm (one a
// program took away from the name between SQLite's open and the look),
// mapped deleted. Asked of /proc/self: this process's locks can have been
// dropped by a descriptor closed elsewhere in it.
func ownSidesAtName(real string) bool {
	return mapsSideFilesAtName(real) && hasOpen(real)
}

// hasOpen reports whether this process has the file at path open
// (/proc/self/fd; each is looked at through its link, never opened).
func hasOpen(path string) bool {
	want, err := os.Stat(path)
	if err != nil {
		return false
	}
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return true // no way to tell
	}
	for _, fd := range fds {
		if fi, err := os.Stat("/proc/self/fd/" + fd.Name()); err == nil && os.SameFile(fi, want) {
			return true
		}
	}
	return false
}

func mapsSideFilesAtName(real string) bool {
	fi, err := os.Stat(real + "-shm")
	if err != nil {
		return false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return true
	}
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return true // no way to tell
	}
	dev := uint64(st.Dev)
	want := fmt.Sprintf("%02x:%02x", unix.Major(dev), unix.Minor(dev))
	ino := strconv.FormatUint(st.Ino, 10)
	// address perms offset dev inode pathname
	for _, line := range strings.Split(string(maps), "\n") {
		if f := strings.Fields(line); len(f) >= 6 && f[4] == ino && f[3] == want {
			return true
		}
	}
	return false
}
