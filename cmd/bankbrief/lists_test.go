package main

import (
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/bank"
	"github.com/bankbrief/bankbrief/internal/theme"
)

func TestThemesListsTaxonomy(t *testing.T) {
	code, out, errOut := runCmd("themes")
	if code != 0 {
		t.Fatalf("themes: exit %d, %s", code, errOut)
	}
	ths := theme.Default().Themes()
	if len(ths) == 0 {
		t.Fatal("no themes in the taxonomy")
	}
	for _, th := range ths {
		if !strings.Contains(out, "\n"+th.ID+"  "+th.Zh+"\n") {
			t.Errorf("themes: %s %s not listed", th.ID, th.Zh)
		}
		if len(th.Key) > 0 && !strings.Contains(out, th.Key[0]) {
			t.Errorf("themes: %s's key keyword %s not listed", th.ID, th.Key[0])
		}
	}
	// The README installs with go install (or runs with go run), not go build.
	if !strings.Contains(out, "templates/taxonomy.yaml") || !strings.Contains(out, "`go install ./cmd/bankbrief` again") || strings.Contains(out, "go build") {
		t.Errorf("themes: does not say where to edit and how to reinstall:\n%s", out)
	}
	_, en, _ := runCmd("themes", "-lang", "en")
	if !strings.Contains(en, "fee_reduction  Fee cuts and rate relief") {
		t.Errorf("themes -lang en: English names missing")
	}
}

func TestThemesFind(t *testing.T) {
	code, out, _ := runCmd("themes", "-find", "该行为小微企业减免手续费1200万元")
	if code != 0 || !strings.Contains(out, "fee_reduction") || !strings.Contains(out, "减免手续费") ||
		!strings.Contains(out, "inclusive_finance") || !strings.Contains(out, "小微企业") {
		t.Errorf("themes -find: exit %d\n%s", code, out)
	}
	// Traditional characters are folded as in extraction.
	_, trad, _ := runCmd("themes", "-find", "開展防範電信詐騙宣傳")
	if !strings.Contains(trad, "anti_fraud") {
		t.Errorf("themes -find traditional:\n%s", trad)
	}
	_, none, _ := runCmd("themes", "-find", "今天天气很好")
	if !strings.Contains(none, "no theme keyword found") {
		t.Errorf("themes -find with no keyword:\n%s", none)
	}
}

func TestBanksListsRegistry(t *testing.T) {
	code, out, errOut := runCmd("banks")
	if code != 0 {
		t.Fatalf("banks: exit %d, %s", code, errOut)
	}
	n := len(bank.Default().Banks())
	if n < 3000 || strings.Count(out, "\n") < n {
		t.Errorf("banks: %d banks in the registry, output has %d lines", n, strings.Count(out, "\n"))
	}
	for _, want := range []string{"中国工商银行\tstate_owned", "工行", "not banks (never counted)", "中国人民银行", "templates/banks.yaml", "`go install ./cmd/bankbrief` again"} {
		if !strings.Contains(out, want) {
			t.Errorf("banks: output lacks %q", want)
		}
	}
	_, js, _ := runCmd("banks", "-type", "joint_stock", "-lang", "en")
	if !strings.Contains(js, "招商银行\tjoint_stock\tJoint-stock") || strings.Contains(js, "state_owned") {
		t.Errorf("banks -type joint_stock:\n%s", js)
	}
}

func TestBanksFind(t *testing.T) {
	code, out, _ := runCmd("banks", "-find", "工行深圳市分行")
	if code != 0 || !strings.Contains(out, "工行深圳市分行 → 中国工商银行 / state_owned") || !strings.Contains(out, "branch 深圳市分行") {
		t.Errorf("banks -find: exit %d\n%s", code, out)
	}
	_, out, _ = runCmd("banks", "-find", "人民银行郴州市中心支行联合郴州农商银行")
	if !strings.Contains(out, "not a bank") || !strings.Contains(out, "郴州农商银行") {
		t.Errorf("banks -find regulator and rural bank:\n%s", out)
	}
	_, out, _ = runCmd("banks", "-find", "今天天气很好")
	if !strings.Contains(out, "no bank recognised") {
		t.Errorf("banks -find with no bank:\n%s", out)
	}
}

func TestListsMistakes(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"banks", "-type", "big"}, "-type must be one of state_owned"},
		{[]string{"banks", "-lang", "fr"}, "-lang must be zh or en"},
		{[]string{"themes", "-lang", "fr"}, "-lang must be zh or en"},
		{[]string{"themes", "减免手续费"}, "after -find"},
	} {
		code, _, errOut := runCmd(c.args...)
		if code != 2 || !strings.Contains(errOut, c.want) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q", c.args, code, errOut)
		}
	}
	for _, cmd := range []string{"themes", "banks"} {
		code, _, help := runCmd(cmd, "-h")
		if code != 0 || !strings.Contains(help, "Example:") {
			t.Errorf("%s -h: exit %d\n%s", cmd, code, help)
		}
	}
}
