package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
)

// sharedPageProblems finds pages that two tables, or a table and the free
// list, both claim: what the whole-file quick_check counts and the table by
// table one (tableProblems) cannot, each table being checked alone. A free
// list pointing at a page of bookmarks let an import write over it (14 of
// 152 notes lost; a hostile pass). It reads every table's pages (dbstat)
// and the free list's (sqlite_dbpage) in one read transaction, so that a
// change committed between the two is not taken for damage.
func sharedPageProblems(ctx context.Context, db querier) (problems []string, err error) {
	if b, ok := db.(interface {
		BeginTx(context.Context, *sql.TxOptions) (*sql.Tx, error)
	}); ok {
		tx, err := b.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return nil, err
		}
		defer tx.Rollback()
		db = tx
	}
	var pages int64
	if err := db.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		return nil, err
	}
	page := func(n uint32) ([]byte, error) {
		var data []byte
		err := db.QueryRowContext(ctx, `SELECT data FROM sqlite_dbpage WHERE pgno = ?`, n).Scan(&data)
		return data, err
	}
	// Who holds each page: 0 nobody, -1 the free list, i+1 the table names[i].
	owner := make([]int32, pages+1)
	var names []string
	say := func(format string, args ...any) bool {
		problems = append(problems, fmt.Sprintf(format, args...))
		return len(problems) < 20 // enough to say what is wrong
	}

	header, err := page(1)
	if err != nil {
		return nil, err
	}
	if len(header) < 40 {
		return []string{"the file's first page is cut short"}, nil
	}
	free, listed := binary.BigEndian.Uint32(header[36:40]), uint32(0)
	claim := func(n uint32) bool { // a page of the free list
		if n < 2 || int64(n) > pages || owner[n] != 0 {
			return say("free list: page %d is outside the file or listed twice", n)
		}
		owner[n] = -1
		listed++
		return true
	}
	for trunk := binary.BigEndian.Uint32(header[32:36]); trunk != 0; {
		if !claim(trunk) {
			return problems, nil // a loop or a stray number: the rest cannot be followed
		}
		data, err := page(trunk)
		if err != nil {
			return nil, err
		}
		if len(data) < 8 {
			return append(problems, fmt.Sprintf("free list: page %d is cut short", trunk)), nil
		}
		leaves := binary.BigEndian.Uint32(data[4:8])
		if int64(leaves) > int64(len(data)-8)/4 {
			return append(problems, fmt.Sprintf("free list: page %d lists %d pages, more than it holds", trunk, leaves)), nil
		}
		for i := range leaves {
			if !claim(binary.BigEndian.Uint32(data[8+4*i:])) {
				return problems, nil
			}
		}
		trunk = binary.BigEndian.Uint32(data[0:4])
	}
	if listed != free {
		say("free list: it holds %d pages, the file's header says %d", listed, free)
	}

	rows, err := db.QueryContext(ctx, `SELECT name, pageno FROM dbstat`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var n int64
		if err := rows.Scan(&name, &n); err != nil {
			return nil, err
		}
		if n < 1 || n > pages {
			continue // quick_check says so of its table
		}
		if len(names) == 0 || names[len(names)-1] != name {
			names = append(names, name)
		}
		switch o := owner[n]; {
		case o == 0:
			owner[n] = int32(len(names))
		case o == -1:
			if !say("page %d is on the free list and in use by %s: the next change could write over it", n, name) {
				return problems, nil
			}
		case names[o-1] != name:
			if !say("page %d is in use by both %s and %s", n, names[o-1], name) {
				return problems, nil
			}
		default:
			if !say("page %d is used twice by %s", n, name) {
				return problems, nil
			}
		}
	}
	return problems, rows.Err()
}
