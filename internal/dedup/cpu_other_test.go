//go:build !unix

package dedup_test

import "time"

// cpuTime is 0 where the process's CPU time is not at hand: the benchmarks
// report wall time only.
func cpuTime() time.Duration { return 0 }
