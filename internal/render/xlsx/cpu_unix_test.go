//go:build unix

package xlsx

import (
	"syscall"
	"time"
)

// ProcessCPU is the user and system CPU time of the process so far, for the
// benchmarks to report the CPU a write takes on all its goroutines (GC
// included), which a busy machine does not blur as it does wall time.
func ProcessCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
