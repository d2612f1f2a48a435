// Command gen builds internal/bank/registry.tsv from the regulator's list of
// banking legal entities (../shared/data/banks/nfra-2025-12-31.csv): one line
// per bank with its usual short name, its type and the short forms derived
// from its legal name. Hand-made aliases, the policy banks and the
// non-banks live in templates/banks.yaml, which a user may edit; this file
// is regenerated only when the regulator's list changes:
//
//	go generate ./internal/bank
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// provinces are the province-level prefixes of legal names, longest first.
var provinces = []string{
	"内蒙古自治区", "广西壮族自治区", "宁夏回族自治区", "新疆维吾尔自治区", "西藏自治区",
	"黑龙江省", "北京市", "天津市", "上海市", "重庆市",
	"河北省", "山西省", "辽宁省", "吉林省", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省",
	"河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省",
	"内蒙古", "黑龙江",
	"北京", "天津", "河北", "山西", "辽宁", "吉林", "上海", "江苏", "浙江", "安徽", "福建", "江西", "山东",
	"河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃",
	"青海", "宁夏", "新疆",
}

var typeOf = map[string]string{
	"国有大型商业银行": "state_owned",
	"股份制商业银行":  "joint_stock",
	"城市商业银行":   "city_commercial",
	"农村商业银行":   "rural",
	"农村合作银行":   "rural",
	"农村信用社":    "rural",
	"村镇银行":     "village",
	"民营银行":     "private",
	"外资法人银行":   "foreign",
	// 中德住房储蓄银行: a nationwide commercial bank that is neither one of
	// the large state-owned banks nor local.
	"住房储蓄银行": "joint_stock",
	// 中信百信银行: an internet-only bank, counted with the private banks
	// (微众银行, 网商银行) it competes with.
	"直销银行": "private",
}

type bank struct {
	name, typ, legal string
	aliases          []string
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// stripProvince drops a province prefix when, as in the scorer's bank_key,
// more than four characters remain that do not start with 农商/农村/省.
func stripProvince(n string) string {
	for _, p := range provinces {
		rest, ok := strings.CutPrefix(n, p)
		if ok && runes(rest) > 4 && !strings.HasPrefix(rest, "农商") && !strings.HasPrefix(rest, "农村") && !strings.HasPrefix(rest, "省") {
			return rest
		}
	}
	return n
}

// provinceCore returns the part of n after a province prefix (n itself
// when there is none or nothing would remain).
func provinceCore(n string) string {
	for _, p := range provinces {
		if rest, ok := strings.CutPrefix(n, p); ok && runes(rest) >= 2 {
			return rest
		}
	}
	return n
}

func dropSuffix(n string) string {
	for _, s := range []string{"股份有限公司", "有限责任公司", "有限公司"} {
		if r, ok := strings.CutSuffix(n, s); ok {
			return r
		}
	}
	return n
}

func add(b *bank, names ...string) {
	for _, n := range names {
		if runes(n) >= 4 {
			b.aliases = append(b.aliases, n)
		}
	}
}

// derive fills the short name and the aliases of one legal entity.
func derive(legal, kind string) bank {
	full := dropSuffix(legal)
	b := bank{typ: typeOf[kind], legal: legal}
	add(&b, legal, full)
	switch kind {
	case "农村商业银行":
		place := strings.TrimSuffix(full, "农村商业银行")
		core := provinceCore(place)
		b.name = stripProvince(place + "农商银行")
		for _, p := range []string{place, core} {
			add(&b, p+"农村商业银行", p+"农商银行", p+"农商行")
		}
		if runes(core) >= 4 { // 岳阳巴陵 → 巴陵农商银行 (kept only when unambiguous)
			short := string([]rune(core)[2:])
			add(&b, short+"农村商业银行", short+"农商银行", short+"农商行")
		}
	case "农村合作银行":
		place := strings.TrimSuffix(full, "农村合作银行")
		core := provinceCore(place)
		b.name = stripProvince(full)
		add(&b, core+"农村合作银行", core+"农合行", place+"农合行")
	case "农村信用社":
		b.name = full
		core := provinceCore(full)
		add(&b, core)
		for _, suf := range []string{"农村信用合作联社", "农村信用联社", "农村信用合作社联合社", "农村信用社联合社"} {
			if place, ok := strings.CutSuffix(core, suf); ok && runes(place) >= 2 {
				add(&b, place+"农村信用合作联社", place+"农村信用联社", place+"信用联社", place+"农信联社", place+"农信社", place+"农村信用社")
				for _, unit := range []string{"县", "市", "区"} {
					if p, ok := strings.CutSuffix(place, unit); ok && runes(p) >= 2 && !strings.ContainsAny(p, "市区县") {
						add(&b, p+"农村信用合作联社", p+"信用联社", p+"农信社", p+"农村信用社")
					}
				}
			}
		}
	case "村镇银行":
		b.name = stripProvince(full)
		add(&b, provinceCore(full))
	case "外资法人银行":
		short := strings.NewReplacer("（中国）", "", "(中国)", "").Replace(full)
		b.name = full
		if short != full {
			b.name = short + "(中国)"
			add(&b, short+"(中国)", short+"（中国）", strings.TrimSuffix(short, "银行")+"中国")
			if runes(short) >= 5 {
				add(&b, short)
			}
		}
	case "城市商业银行":
		b.name = stripProvince(full)
		core := provinceCore(full)
		add(&b, core)
		if p, ok := strings.CutSuffix(core, "市商业银行"); ok {
			add(&b, p+"商业银行", p+"市商行")
		}
	default:
		b.name = stripProvince(full)
		add(&b, provinceCore(full))
	}
	add(&b, b.name)
	return b
}

func main() {
	in := flag.String("in", "../../../shared/data/banks/nfra-2025-12-31.csv", "the regulator's list (CSV)")
	out := flag.String("out", "registry.tsv", "file to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return fmt.Errorf("%v; run from internal/bank with ../shared beside the repository, or give -in", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: %v", in, err)
	}
	if len(head) < 3 || head[1] != "name" || head[2] != "institution_type" {
		return fmt.Errorf("%s: header %v: want institution_code,name,institution_type,...", in, head)
	}
	var banks []bank
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %v", in, err)
		}
		if _, ok := typeOf[rec[2]]; !ok {
			return fmt.Errorf("%s: %s: unknown institution type %q; map it in typeOf", in, rec[1], rec[2])
		}
		banks = append(banks, derive(strings.TrimSpace(rec[1]), rec[2]))
	}
	// Short names must be unique: on a clash both keep their full names.
	byName := map[string]int{}
	for _, b := range banks {
		byName[b.name]++
	}
	for i := range banks {
		if byName[banks[i].name] > 1 {
			banks[i].name = dropSuffix(banks[i].legal)
		}
	}
	// An alias shared by several banks names none of them.
	owners := map[string]map[string]bool{}
	for _, b := range banks {
		for _, a := range b.aliases {
			if owners[a] == nil {
				owners[a] = map[string]bool{}
			}
			owners[a][b.name] = true
		}
	}
	w, err := os.Create(out)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Generated by internal/bank/internal/gen from %s; do not edit.\n", "nfra-2025-12-31.csv")
	fmt.Fprintln(bw, "# name\ttype\taliases (|-separated; the name itself is always one)")
	for _, b := range banks {
		seen := map[string]bool{b.name: true}
		var keep []string
		for _, a := range b.aliases {
			if seen[a] || (len(owners[a]) > 1 && a != b.name) {
				continue
			}
			seen[a] = true
			keep = append(keep, a)
		}
		fmt.Fprintf(bw, "%s\t%s\t%s\n", b.name, b.typ, strings.Join(keep, "|"))
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return w.Close()
}
