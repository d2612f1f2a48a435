//go:build !unix

package xlsx

import "time"

// ProcessCPU is not measured here: the benchmarks report 0 CPU seconds.
func ProcessCPU() time.Duration { return 0 }
