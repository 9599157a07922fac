//go:build !linux

package store_test

import "errors"

func evictFromOSCache(string) error {
	return errors.New("evicting a file from the OS cache is done on Linux only")
}
