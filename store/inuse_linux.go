package store

// heldByAnother names another program that has the database file at real
// open ("dossier (process 4242)"), or returns "". SQLite in WAL mode holds a
// read lock on the database file for as long as a connection has it open
// (see sidesHeldForAnotherFile), whatever it is doing meanwhile: a restore
// must not replace a file another process is still writing to (found by a
// hostile pass: an import that was merging its index lost its 20
// documents to a restore it had reported them to before).
func heldByAnother(real string) string {
	db, ok := fileKey(real)
	if !ok {
		return ""
	}
	locks, ok := othersLocks()
	if !ok {
		return ""
	}
	for _, l := range locks {
		if l.key == db {
			return processName(l.pid)
		}
	}
	return ""
}
