//go:build !unix

package ingest

import "os"

// openFlags: named pipes are not files on other systems; see the Unix one.
const openFlags = os.O_RDONLY
