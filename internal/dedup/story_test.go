package dedup_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/dedup"
	"github.com/bankbrief/bankbrief/internal/model"
)

// release writes a branch press release from one model text, the way
// branches of several banks publish the same template with their own
// figures; its facts carry the bank and the figures as extract would.
func release(id, bank string, events, brochures int, people string) model.Facts {
	s1 := fmt.Sprintf("近日，%s某市分行开展“金融知识进万家”宣传活动，累计开展宣传%d场，覆盖群众%s人次。", bank, events, people)
	s2 := fmt.Sprintf("该行组织员工走进社区、商圈和学校，向老年人讲解防范电信网络诈骗的常识，发放宣传折页%d份。", brochures)
	s3 := "下一步，该行将持续推进适老化服务，为老年客户提供更加便捷、贴心的金融服务，守护好群众的钱袋子。"
	body := s1 + "\n" + s2 + "\n" + s3
	f := facts(id, "2022-03-15", body)
	f.PrimaryBank = bank
	f.Banks = []model.BankMention{{Name: bank, Mentions: 1}}
	f.Metrics = []model.Metric{
		{Text: fmt.Sprintf("%d场", events), Value: float64(events), Unit: "event", Sentence: s1},
		{Text: people + "人次", Value: 1e4, Unit: "person", Sentence: s1},
		{Text: fmt.Sprintf("%d份", brochures), Value: float64(brochures), Unit: "份", Sentence: s2},
	}
	if people != "1万" {
		f.Metrics[1].Value = 2e4
	}
	return f
}

func clustersOf(fs ...model.Facts) []model.Cluster { return dedup.Mark(fs) }

// TestTemplateIsNotACopy: one model text filled in by two banks, or by one
// bank with other figures, is two stories: neither is dropped as a copy,
// though the texts are alike enough to be.
func TestTemplateIsNotACopy(t *testing.T) {
	a := release("a", "中国工商银行", 52, 3000, "1万")
	if s, _ := dedup.Similarity(a.Fingerprint, release("b", "中国农业银行", 52, 3000, "1万").Fingerprint); s.Max() < dedup.Threshold {
		t.Fatalf("the two releases are not alike enough to test anything: %+v", s)
	}
	for name, b := range map[string]model.Facts{
		"other bank, same figures":    release("b", "中国农业银行", 52, 3000, "1万"),
		"same bank, other figures":    release("b", "中国工商银行", 38, 2100, "2万"),
		"same bank, one figure other": release("b", "中国工商银行", 52, 2500, "1万"),
	} {
		if c := clustersOf(a, b); len(c) != 0 {
			t.Errorf("%s: clusters %+v, want none (two stories)", name, c)
		}
		if dedup.SameStory(&a, &b) {
			t.Errorf("%s: SameStory = true", name)
		}
	}
}

// TestCopiesStillJoin: a syndicated copy — whole, truncated, with a figure
// lost, in traditional characters, naming no bank — still joins its source.
func TestCopiesStillJoin(t *testing.T) {
	a := release("a", "中国工商银行", 52, 3000, "1万")
	whole := release("b", "中国工商银行", 52, 3000, "1万")
	lost := release("c", "中国工商银行", 52, 3000, "1万")
	lost.Metrics = lost.Metrics[:1]
	noBank := release("d", "中国工商银行", 52, 3000, "1万")
	noBank.Banks, noBank.PrimaryBank = nil, ""
	trad := release("e", "中国工商银行", 52, 3000, "1万")
	for i := range trad.Metrics {
		trad.Metrics[i].Sentence = strings.NewReplacer("开展", "開展", "宣传", "宣傳", "发放", "發放", "群众", "群眾").Replace(trad.Metrics[i].Sentence)
	}
	c := clustersOf(a, whole, lost, noBank, trad)
	want := []model.Cluster{{Kept: "a", Copies: []string{"b", "c", "d", "e"}}}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("clusters %+v, want %+v", c, want)
	}
}

// TestChainDoesNotJoinStories: an article stating no figure is alike to two
// releases with different figures; it may join one of them, but the two
// stay apart.
func TestChainDoesNotJoinStories(t *testing.T) {
	x := release("x", "中国工商银行", 52, 3000, "1万")
	y := release("y", "中国工商银行", 38, 2100, "2万")
	bare := release("m", "中国工商银行", 52, 3000, "1万")
	bare.Metrics = nil
	for _, order := range [][]model.Facts{{x, bare, y}, {bare, x, y}, {x, y, bare}, {y, bare, x}} {
		in := append([]model.Facts(nil), order...)
		dedup.Mark(in)
		dup := map[string]string{}
		for _, f := range in {
			dup[f.ID] = f.DuplicateOf
		}
		if dup["x"] == "y" || dup["y"] == "x" || dup["x"] != "" && dup["x"] == dup["y"] {
			t.Errorf("order %v: x and y (different figures) in one cluster: %v", []string{order[0].ID, order[1].ID, order[2].ID}, dup)
		}
	}
}
