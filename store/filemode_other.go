//go:build !unix

package store

import "os"

// umask: no creation mask elsewhere.
var umask os.FileMode
