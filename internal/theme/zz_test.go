package theme
import ("testing";"time"; "github.com/bankbrief/bankbrief/internal/bank")
func TestZZLoad(t *testing.T) {
	t0 := time.Now(); Default().build(); t1 := time.Now(); bank.Default().Err(); t2 := time.Now()
	t.Logf("theme %v bank %v", t1.Sub(t0), t2.Sub(t1))
}
