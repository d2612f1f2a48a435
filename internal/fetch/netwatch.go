package fetch

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// suspectHosts hosts that could not be reached, and none that answered,
// make the network suspected to be down.
const suspectHosts = 3

// netWatch tells a network that is down from sites that are. Once tries on
// suspectHosts different hosts have failed before reaching their server
// (DNS or connecting) and no server has answered, the network is suspected:
// no new try starts. If the tries still in flight do not answer either, and
// every host's queue has asked for a try (so that none that might answer is
// passed over for being slow to start), the network is taken as down: the
// links left are not tried, and Summary.Unreachable says so once. A server
// that answers, even with an error status, clears the suspicion for good:
// isolated failures keep their own reasons. Only tries under way are waited
// for: when the first Options.Jobs sites tried all fail, the network is
// taken as down even if a site not tried yet would have answered.
type netWatch struct {
	mu        sync.Mutex
	answered  bool              // a server sent a response
	failed    []string          // hosts not reached, in the order they failed
	causes    map[string]string // host → why it was not reached
	order     map[string]int    // host → its place in the list
	inFlight  int               // tries under way
	unarrived int               // host queues that have not asked for a try yet
	down      bool
	downCh    chan struct{} // closed when the network is taken as down
	settled   chan struct{} // closed when a server answers or the network is taken as down
	isSettled bool
}

// newNetWatch watches the queues of hosts, in list order.
func newNetWatch(hosts []string) *netWatch {
	w := &netWatch{causes: map[string]string{}, order: map[string]int{}, unarrived: len(hosts),
		downCh: make(chan struct{}), settled: make(chan struct{})}
	for i, h := range hosts {
		w.order[h] = i
	}
	return w
}

func (w *netWatch) suspect() bool {
	return !w.answered && !w.down && len(w.failed) >= suspectHosts
}

// isDown says whether the network has been taken as down.
func (w *netWatch) isDown() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.down
}

// begin is called by h before it waits for a turn: it waits while the
// network is suspected and reports false when it is down or ctx is done.
func (w *netWatch) begin(ctx context.Context, h *hostRun) bool {
	w.mu.Lock()
	w.arrive(h)
	for w.suspect() {
		settled := w.settled
		w.mu.Unlock()
		select {
		case <-settled:
		case <-ctx.Done():
			return false
		}
		w.mu.Lock()
	}
	ok := !w.down
	w.mu.Unlock()
	return ok
}

// What a host does with its turn (enter).
const (
	tryGo   = iota // make the request
	tryWait        // suspected meanwhile: give the turn back and wait
	tryStop        // the network looks unreachable
)

// enter is called with a turn: the request is in flight unless the
// network has become suspected or down since begin.
func (w *netWatch) enter() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch {
	case w.down:
		return tryStop
	case w.suspect():
		return tryWait
	}
	w.inFlight++
	return tryGo
}

// end records what became of a try of h.
func (w *netWatch) end(h *hostRun, res tryResult) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.inFlight--
	// A refused connection is an answer too: a host sent it back, so the
	// network is up (only that site is down).
	if (res.answered || res.unreached == causeRefused) && !w.answered {
		w.answered = true
		w.settle()
	}
	if res.unreached != "" && res.unreached != causeRefused {
		if _, seen := w.causes[h.host]; !seen {
			w.failed = append(w.failed, h.host)
			w.causes[h.host] = res.unreached
		}
	}
	w.check()
}

// done is called when h's queue is worked through.
func (w *netWatch) done(h *hostRun) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.arrive(h)
}

// arrive counts h's first call (w.mu held).
func (w *netWatch) arrive(h *hostRun) {
	if !h.arrived {
		h.arrived = true
		w.unarrived--
		w.check()
	}
}

// check takes the network as down when it is suspected and nothing that
// might answer is left (w.mu held).
func (w *netWatch) check() {
	if w.suspect() && w.inFlight == 0 && w.unarrived == 0 {
		w.down = true
		close(w.downCh)
		w.settle()
	}
}

func (w *netWatch) settle() {
	if !w.isSettled {
		w.isSettled = true
		close(w.settled)
	}
}

// verdict is Summary.Unreachable: "" unless the network was taken as down.
func (w *netWatch) verdict(results []Result) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.down {
		return ""
	}
	failed := slices.Clone(w.failed)
	slices.SortFunc(failed, func(a, b string) int { return w.order[a] - w.order[b] })
	var causes []string
	for _, h := range failed {
		if c := w.causes[h]; !slices.Contains(causes, c) {
			causes = append(causes, c)
		}
	}
	hosts := strings.Join(failed[:suspectHosts-1], ", ") + " and " + failed[suspectHosts-1]
	if n := len(failed) - suspectHosts; n > 0 {
		hosts = strings.Join(failed[:suspectHosts], ", ") + fmt.Sprintf(" and %d more", n)
	}
	notTried := 0
	for _, r := range results {
		if r.Status == NotTried && r.Reason == NetworkDown {
			notTried++
		}
	}
	s := fmt.Sprintf("%s: no site answered, and %s could not be reached (%s)", NetworkDown, hosts, strings.Join(causes, ", "))
	if notTried > 0 {
		s += fmt.Sprintf("; %d %s not tried", notTried, plural(notTried, "link", "links"))
	}
	return s + "; check the connection (or proxy) and run again"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
