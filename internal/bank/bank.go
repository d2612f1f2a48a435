// Package bank recognises Chinese banks in text: an embedded registry of
// banking institutions with their types and aliases, patterns for names the
// registry lacks, branches rolled up to their bank, and regulators and
// non-bank groups recognised so that they can be left out; and Sector,
// which tells a sentence about banks in the plural (21家主要银行, 银行业)
// from one about a bank.
//
// Input: a text in simplified Chinese (internal/extract folds traditional
// characters first). Output: the bank names found, left to right, each with
// its canonical short name, type and branch.
//
// The registry is registry.tsv (generated from the regulator's list by
// `go generate`) plus templates/banks.yaml (hand aliases, the policy banks,
// the non-banks), compiled once into one trie of the reversed names that a
// text is read back into from the runes names end with (ends.go).
package bank

//go:generate go run ./internal/gen -in ../../../shared/data/banks/nfra-2025-12-31.csv -out registry.tsv

import (
	"bufio"
	"bytes"
	"cmp"
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/bankbrief/bankbrief/internal/hanzi"
	"github.com/bankbrief/bankbrief/internal/runeset"
	"github.com/bankbrief/bankbrief/templates"
)

//go:embed registry.tsv
var registryTSV []byte

// Match is one bank name found in a text.
type Match struct {
	Start, End int    // byte offsets of the name (with its branch) in the text
	Name       string // canonical short name of the bank (中国工商银行)
	Type       string // a model.BankTypes id
	Branch     string // branch or unit when named with it (深圳市分行, 信用卡中心)
	// NotBank is true for regulators, the central bank and non-bank groups:
	// recognised so that they are not counted as banks.
	NotBank bool
	// Known is false for a name found by pattern only (…农商银行 absent
	// from the registry).
	Known bool
}

// kinds of patterns in the trie.
const (
	kindBank    = iota // an alias of a known bank
	kindWeak           // a brand word that names a bank only with a branch after it
	kindNotBank        // regulator, central bank, group, subsidiary
	kindIgnore         // a phrase that contains a bank alias but names none
	kindSuffix         // a generic ending (农商银行, 村镇银行 …) for names the registry lacks
)

type pattern struct {
	kind int
	name string // canonical name (bank, weak), or the text itself
	typ  string
	// suffix patterns: the canonical ending and the type
}

// suffixes name rural and village banks the registry may lack: the place
// before them is read from the text. Value: canonical ending and type.
var suffixes = map[string][2]string{
	"农商银行":     {"农商银行", "rural"},
	"农商行":      {"农商银行", "rural"},
	"农村商业银行":   {"农商银行", "rural"},
	"村镇银行":     {"村镇银行", "village"},
	"农村合作银行":   {"农村合作银行", "rural"},
	"农村信用合作联社": {"农村信用合作联社", "rural"},
	"农村信用联社":   {"农村信用合作联社", "rural"},
	"信用联社":     {"农村信用合作联社", "rural"},
	"农信联社":     {"农村信用合作联社", "rural"},
	"农村信用社":    {"农村信用社", "rural"},
	"农信社":      {"农村信用社", "rural"},
	"信用社":      {"信用社", "rural"},
}

// Registry is the set of known banks and patterns. It is safe for
// concurrent use.
type Registry struct {
	once  sync.Once
	tsv   []byte
	yml   []byte
	err   error
	ends  *endTrie
	words []string       // the patterns matched, by index
	pats  []pattern      // what each means
	alias map[string]int // alias → index in pats (kindBank)
	// places are the places of the registry's names that end with a
	// generic ending (天津 of 天津农商银行, 应县 of 应县农商银行), two runes
	// or more: a name found inside a longer place (宝应县农村商业银行)
	// is read again from the ending (see insidePlace).
	places map[string]bool
	// suffixPat is the pattern index of each generic ending.
	suffixPat map[string]int
	types     map[string]string
	list      []Bank   // the banks in registry order
	notB      []string // non-bank names
	ign       []string // ignored phrases
}

// Bank is one bank of the registry as recognised, for people checking what
// is recognised (bankbrief banks).
type Bank struct {
	Name    string   // canonical short name
	Type    string   // a model.BankTypes id
	Aliases []string // other names recognised, the name itself left out
	Weak    []string // names counted only with a branch after them (民生北京分行)
	// Hand is true when templates/banks.yaml names the bank (it may add
	// aliases to an entry of the regulator's list).
	Hand bool
}

// Banks returns the banks known, in registry order: the regulator's list,
// then the banks templates/banks.yaml adds (nil when the registry has an
// error; see Err).
func (r *Registry) Banks() []Bank {
	r.build()
	return append([]Bank(nil), r.list...)
}

// NotBanks returns the names recognised as regulators, the central bank,
// groups and subsidiaries, which are never counted as banks.
func (r *Registry) NotBanks() []string {
	r.build()
	return append([]string(nil), r.notB...)
}

// Ignored returns the phrases that contain a bank's name but name none.
func (r *Registry) Ignored() []string {
	r.build()
	return append([]string(nil), r.ign...)
}

var (
	defaultOnce sync.Once
	defaultReg  *Registry
)

// Default returns the embedded registry. It is built on first use.
func Default() *Registry {
	defaultOnce.Do(func() {
		yml, err := templates.FS.ReadFile("banks.yaml")
		defaultReg = &Registry{tsv: registryTSV, yml: yml, err: err}
	})
	return defaultReg
}

// New returns a registry built from a registry.tsv and a banks.yaml (the
// formats of the embedded ones); Err reports problems in them.
func New(tsv, yml []byte) *Registry { return &Registry{tsv: tsv, yml: yml} }

// Err returns the problem met while building the registry, if any; a
// registry with an error finds nothing.
func (r *Registry) Err() error {
	r.build()
	return r.err
}

// Type returns the type of a bank by canonical name ("" when unknown).
func (r *Registry) Type(name string) string {
	r.build()
	return r.types[name]
}

// Size returns the number of banks known.
func (r *Registry) Size() int {
	r.build()
	return len(r.types)
}

type yamlBank struct {
	Name    string   `yaml:"name"`
	Type    string   `yaml:"type"`
	Aliases []string `yaml:"aliases"`
	Weak    []string `yaml:"weak"`
}

type yamlFile struct {
	Banks   []yamlBank `yaml:"banks"`
	NotBank []string   `yaml:"notbank"`
	Ignore  []string   `yaml:"ignore"`
}

var validTypes = map[string]bool{"state_owned": true, "joint_stock": true, "city_commercial": true,
	"rural": true, "village": true, "private": true, "foreign": true, "policy": true}

func (r *Registry) build() {
	r.once.Do(func() {
		if r.err == nil {
			r.err = r.load()
		}
		if r.err != nil {
			r.pats, r.list, r.notB, r.ign = nil, nil, nil, nil
			r.types = map[string]string{}
			r.alias = map[string]int{}
		}
	})
}

func (r *Registry) load() error {
	var y yamlFile
	if err := yaml.Unmarshal(r.yml, &y); err != nil {
		return fmt.Errorf("templates/banks.yaml: %v; fix the YAML and rebuild", err)
	}
	type bank struct {
		typ     string
		aliases []string
	}
	// The maps are made at about their final size (the registry has
	// some 3,000 banks with 5 names each): growing them took a third of
	// the time of building the registry, which the first articles wait on.
	lines := bytes.Count(r.tsv, []byte("\n")) + len(y.Banks)
	banks := make(map[string]*bank, lines)
	order := make([]string, 0, lines)
	owner := make(map[string]string, 5*lines) // alias → bank
	sc := bufio.NewScanner(bytes.NewReader(r.tsv))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if t == "" || t[0] == '#' {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != 3 || !validTypes[f[1]] {
			return fmt.Errorf("internal/bank/registry.tsv:%d: want name, type, aliases; regenerate it with go generate ./internal/bank", line)
		}
		b := &bank{typ: f[1]}
		if f[2] != "" {
			b.aliases = strings.Split(f[2], "|")
		}
		banks[f[0]] = b
		order = append(order, f[0])
		owner[f[0]] = f[0]
		for _, a := range b.aliases {
			owner[a] = f[0]
		}
	}
	weak := map[string]string{}
	hand := map[string]bool{}
	for i, yb := range y.Banks {
		if yb.Name == "" {
			return fmt.Errorf("templates/banks.yaml: bank #%d has no name", i+1)
		}
		b := banks[yb.Name]
		if b == nil {
			b = &bank{}
			banks[yb.Name] = b
			order = append(order, yb.Name)
		}
		if yb.Type != "" {
			if !validTypes[yb.Type] {
				return fmt.Errorf("templates/banks.yaml: %s: unknown type %q (state_owned, joint_stock, city_commercial, rural, village, private, foreign, policy)", yb.Name, yb.Type)
			}
			b.typ = yb.Type
		}
		if b.typ == "" {
			return fmt.Errorf("templates/banks.yaml: %s: give its type", yb.Name)
		}
		for _, a := range append([]string{yb.Name}, yb.Aliases...) {
			// An alias that names another bank moves that bank here.
			if prev, ok := owner[a]; ok && prev != yb.Name {
				if pb := banks[prev]; pb != nil {
					for _, pa := range append([]string{prev}, pb.aliases...) {
						b.aliases = append(b.aliases, pa)
						owner[pa] = yb.Name
					}
					delete(banks, prev)
				}
			}
			b.aliases = append(b.aliases, a)
			owner[a] = yb.Name
		}
		for _, w := range yb.Weak {
			weak[w] = yb.Name
		}
		hand[yb.Name] = true
	}
	r.types = make(map[string]string, len(banks))
	r.alias = make(map[string]int, len(owner))
	words := make([]string, 0, len(owner)+len(y.Ignore)+len(y.NotBank)+len(weak)+len(suffixes))
	r.pats = make([]pattern, 0, cap(words))
	seen := make(map[string]bool, cap(words))
	push := func(w string, p pattern) {
		if w == "" || seen[w] {
			return
		}
		seen[w] = true
		words = append(words, w)
		r.pats = append(r.pats, p)
	}
	// Non-banks and ignored phrases first: on equal words they win.
	for _, w := range y.Ignore {
		push(w, pattern{kind: kindIgnore, name: w})
		r.ign = append(r.ign, w)
	}
	for _, w := range y.NotBank {
		push(w, pattern{kind: kindNotBank, name: w})
		r.notB = append(r.notB, w)
	}
	weakOf := map[string][]string{}
	for w, name := range weak {
		weakOf[name] = append(weakOf[name], w)
	}
	for _, name := range order {
		b := banks[name]
		if b == nil {
			continue
		}
		r.types[name] = b.typ
		entry := Bank{Name: name, Type: b.typ, Hand: hand[name], Weak: weakOf[name]}
		sort.Strings(entry.Weak)
		listed := map[string]bool{name: true}
		for _, a := range b.aliases {
			if owner[a] == name && !listed[a] {
				listed[a] = true
				entry.Aliases = append(entry.Aliases, a)
			}
		}
		r.list = append(r.list, entry)
		for _, a := range append([]string{name}, b.aliases...) {
			if owner[a] != name {
				continue
			}
			if !seen[a] {
				r.alias[a] = len(r.pats)
			}
			push(a, pattern{kind: kindBank, name: name, typ: b.typ})
			// Texts are read folded to simplified characters, which
			// folds 乾 (乾县, 乾安县) to 干: the name is matched folded too.
			if f := strings.Map(hanzi.Rune, a); f != a && !seen[f] {
				r.alias[f] = len(r.pats)
				push(f, pattern{kind: kindBank, name: name, typ: b.typ})
			}
		}
	}
	for w, name := range weak {
		push(w, pattern{kind: kindWeak, name: name, typ: r.types[name]})
	}
	r.suffixPat = make(map[string]int, len(suffixes))
	for w, s := range suffixes {
		r.suffixPat[w] = len(r.pats)
		push(w, pattern{kind: kindSuffix, name: s[0], typ: s[1]})
	}
	r.places = make(map[string]bool, len(banks))
	for a, i := range r.alias {
		// 湖南津市 is 津市: with its province a place would straddle the
		// province and the county written after it (湖北|京山 is no 北京).
		// (天津 stays: a city that is a province.)
		if _, place := genericEnding(a); r.pats[i].kind == kindBank && utf8.RuneCountInString(place) >= 2 {
			if p := cutProvince(place); utf8.RuneCountInString(p) >= 2 {
				place = p
			}
			r.places[place] = true
		}
	}
	r.words = words
	if r.ends = newEndTrie(words); r.ends == nil {
		return fmt.Errorf("the registry's names are too many (%d) to be matched; split the registry", len(words))
	}
	return nil
}

// Find returns the bank names in text, left to right, without overlaps.
// Regulators and other non-banks come back with NotBank set.
func (r *Registry) Find(text string) []Match { return r.find(nil, text, nil, false) }

// FindAt is Find for a text whose runes that a name may end with
// (EndRunes) start at the byte offsets at, in order, each at the start of
// a rune as a reading from the start of the text meets it; at may hold
// other runes' starts. A caller that reads the runes of the text anyway
// (internal/extract) saves Find its pass over them.
func (r *Registry) FindAt(text string, at []int) []Match { return r.find(nil, text, at, true) }

// AppendFindAt is FindAt appending the names to dst (a caller's slice,
// reused from text to text).
func (r *Registry) AppendFindAt(dst []Match, text string, at []int) []Match {
	return r.find(dst, text, at, true)
}

// find appends the names in text to out.
func (r *Registry) find(out []Match, text string, at []int, given bool) []Match {
	r.build()
	if len(r.pats) == 0 || text == "" {
		return out
	}
	// The longest name starting at each position, left to right.
	buf := candidates.Get().(*[]candidate)
	cands := (*buf)[:0]
	add := func(s, e, p int) { cands = append(cands, candidate{s, e, p}) }
	if given {
		r.ends.eachAt(text, at, add)
	} else {
		r.ends.each(text, add)
	}
	defer func() { *buf = cands[:0]; candidates.Put(buf) }()
	slices.SortFunc(cands, func(a, b candidate) int {
		// by start, longest first (two occurrences never share both ends)
		if a.s != b.s {
			return cmp.Compare(a.s, b.s)
		}
		return cmp.Compare(b.e, a.e)
	})
	last := 0
	for k, c := range cands {
		s, e := c.s, c.e
		if s < last || (k > 0 && cands[k-1].s == s) {
			continue
		}
		p := r.pats[c.p]
		var mt Match
		switch p.kind {
		case kindIgnore:
			last = e
			continue
		case kindNotBank:
			if !guard(text, s, e) {
				continue
			}
			mt = Match{Start: s, End: e, Name: p.name, NotBank: true, Known: true}
		case kindBank, kindWeak:
			if !guard(text, s, e) {
				continue
			}
			if insideProvince(text, s) && !r.placeBefore(text[:s]) {
				// 福建三江农商银行: 建三江 begins inside 福建 (but 黑龙江|
				// 西山… ends a province before the name)
				continue
			}
			mt = Match{Start: s, End: e, Name: p.name, Type: p.typ, Known: true}
			if p.kind == kindBank {
				if at, ending, from := r.insidePlace(text, s, e); at > 0 {
					// 天津市农商银行 is not 津市农商银行: read the place
					// again from the generic ending. The name read must
					// begin before this one, and, when the registry lacks
					// it, where the longer place does (澜沧县…); else this
					// one stands (董事长丰县…, 宁波北仑中银富登村镇银行).
					m2, ok := r.bySuffix(text, last, at, e, r.pats[r.suffixPat[ending]])
					if ok && m2.Start < s && (m2.Known || m2.Start == from) {
						mt = m2
					}
				}
			}
		case kindSuffix:
			var ok bool
			if !guard(text, s, e) {
				continue // 上海农商银行业协会: the trade, not a bank
			}
			if mt, ok = r.bySuffix(text, last, s, e, p); !ok {
				last = e
				continue
			}
		}
		// A company suffix and then a branch or unit may follow.
		for _, cs := range []string{"股份有限公司", "有限责任公司", "有限公司"} {
			if strings.HasPrefix(text[mt.End:], cs) {
				mt.End += len(cs)
				break
			}
		}
		if br, n := branchAfter(text[mt.End:]); n > 0 {
			mt.Branch = br
			mt.End += n
		} else if p.kind == kindWeak {
			continue
		}
		if !mt.NotBank && strings.HasPrefix(text[mt.End:], "系统") && !mt.Known {
			// 岳阳市农商银行系统: the banks of a region, not one bank.
			mt.NotBank = true
		}
		out = append(out, mt)
		last = mt.End
	}
	return out
}

type candidate struct{ s, e, p int }

// candidates holds the slices Find collects occurrences in, reused from
// call to call.
var candidates = sync.Pool{New: func() any { return new([]candidate) }}

func hasAnySuffix(s string, words ...string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, words ...string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// guard rejects a match that is part of a longer word: 中国银行业,
// 集中行动 (中行), 共建行动 (建行), 员工行为 (工行).
func guard(text string, s, e int) bool {
	w := text[s:e]
	next, _ := utf8.DecodeRuneInString(text[e:])
	if strings.HasSuffix(w, "银行") {
		rest := text[e:]
		// 中国银行业, 银行业协会: the trade; 招商银行业绩, 银行业务, 银行业已:
		// the bank's (but 中国银行业绩 and 银行业绩效 are the trade's)
		if next == '业' && !hasAnyPrefix(rest, "业务", "业已") &&
			(!strings.HasPrefix(rest, "业绩") || strings.HasPrefix(rest, "业绩效") || w == "中国银行") {
			return false
		}
		if strings.HasPrefix(rest, "保险") || strings.HasPrefix(rest, "间") {
			return false
		}
	}
	if utf8.RuneCountInString(w) != 2 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(text[:s])
	if strings.HasSuffix(w, "行") && strings.ContainsRune("动业使走驶程列政李径销情距进礼", next) {
		return false
	}
	if bad, ok := shortGuards[w]; ok && prev != utf8.RuneError && strings.ContainsRune(bad, prev) &&
		!strings.HasSuffix(text[:s], "携手") && // 携手工行, 携手中行: with the bank, not 手工, 手中
		!(prev == '从' && reportedFrom(text[e:])) {
		return false
	}
	return true
}

// reportedFrom says the text after 从中行 (or 从工行 …) is what a reporter
// learnt from the bank — 记者从中行获悉, 从中行北京市分行了解到 — not the
// word 从中 (从中行贿, 从中行使).
func reportedFrom(rest string) bool {
	if hasAnyPrefix(rest, "获悉", "了解到", "得知", "获得消息") {
		return true
	}
	// a branch named right after the bank, before any punctuation
	for i, r := range rest {
		if i > 30 || strings.ContainsRune("，。、；：,;:！？（(“\"", r) {
			return false
		}
		if strings.HasPrefix(rest[i:], "分行") || strings.HasPrefix(rest[i:], "支行") {
			return true
		}
	}
	return false
}

// shortGuards lists, for two-character aliases, the characters before them
// that make them part of another word.
var shortGuards = map[string]string{
	"中行": "集其空暗之从心初居正途当举市高城手执",
	"工行": "员施职务开竣停复化民加手分童女矿竣",
	"建行": "创重组新在搭修构筹兴扩援共自封改基营",
	"交行": "外社提转移结成递相公",
	"农行": "务菜果",
	"人行": "个步私本众世游路出同旅先单双并通横",
	"广发": "推宽扩",
	"浦发": "",
	"央行": "中",
	"网商": "电",
}

// stop characters end the place read before a generic ending
// (与桂东农商银行 → 桂东; 一只农商行个股, 这些农商行: no place) and the
// branch read after a name.
const placeStop = "着著的在和与及对向为从将把被等了是由于经据其各全该本我你他她它们这那此每诸有无并或及至到给让使以而且即如若但也都还就已正曾又再更最很所来去上下前后中里外内间时年月日号家位名个次项笔亿万元只些类批"

const branchStop = "的在和与及对向为从将把被等了是由于经据其各全该本我你他她它们这那此每有并或至到给让使以而且即如若但也都还就已正曾又再更最很所今年月日号着"

// placeStops, branchStops and stopWordStarts are placeStop, branchStop and
// the first runes of branchStopWords as sets: branchAfter tests each rune
// it reads against them. suffixStarts holds the first runes of
// branchSuffixes: it looks a rune up in suffixesByRune only when there.
var placeStops, branchStops, stopWordStarts = runeset.Of(placeStop), runeset.Of(branchStop), runeset.Of(firstRunes(branchStopWords))
var suffixStarts = runeset.Of(firstRunes(branchSuffixes))

func firstRunes(words []string) string {
	var b strings.Builder
	for _, w := range words {
		c, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(c)
	}
	return b.String()
}

// isHan is unicode.Is(unicode.Han, c), the common CJK block first.
func isHan(c rune) bool { return c >= 0x4E00 && c <= 0x9FFF || unicode.Is(unicode.Han, c) }

// branchStopWords end a branch read as whole words.
var branchStopWords = []string{"开展", "举办", "推出", "组织", "联合", "积极", "持续", "深入", "围绕", "召开", "携手", "走进", "坚持", "通过", "党委", "员工", "工会", "全面", "成立", "参与", "发放", "发布", "提供", "加强", "落实", "创新", "签约", "获得", "聚焦", "打造", "开启", "主动", "认真", "扎实", "充分", "不断", "切实", "结合", "针对", "始终", "成功", "特别", "主要", "专门", "充分"}

// leadVerbs are verbs that may precede a name without a separator.
var leadVerbs = []string{"联合", "携手", "助力", "支持", "推动", "指导", "组织", "开展", "会同", "协同", "通过", "依托",
	"走进", "来到", "参观", "调研", "位于", "成立", "设立", "举办", "联手", "获得", "荣获", "入选", "牵头", "选择", "包括", "组建", "发起", "新设", "筹建", "改制", "合并", "成立了", "组建了", "源自", "来自", "出自", "属于", "隶属",
	// a person's post or a court's case: 时任安丰农商银行行长, 利用担任…职务, 公开宣判…
	"担任", "时任", "曾任", "现任", "任职于", "就职于", "供职于", "宣判", "审理", "判处", "起诉",
	// thanks to: 多亏村镇银行的贷款
	"多亏", "多亏了", "幸亏", "得益于", "借助", "依靠"}

// genericPlaces are words that stand where a place does but name none: 当地
// 农商银行 is the local one, 部分农商银行 some of them, 县域农商银行 the
// county-level ones, read as no bank.
var genericPlaces = map[string]bool{"当地": true, "本地": true, "地方": true, "县域": true, "区域": true, "城区": true, "城市": true,
	"农村": true, "乡村": true, "部分": true, "头部": true, "中小": true, "大型": true, "小型": true, "中型": true, "大中型": true,
	"全国": true, "省级": true, "市级": true, "县级": true, "辖区": true, "辖内": true, "其他": true, "其它": true, "相关": true,
	"各类": true, "多数": true, "少数": true, "众多": true, "主要": true, "广大": true, "国内": true, "境内": true, "优秀": true,
	"先进": true, "重点": true, "试点": true, "新型": true, "传统": true, "上市": true, "非上市": true, "优质": true, "民营": true}

// bySuffix reads a bank name the registry lacks from a generic ending
// (郑州农商银行, 仁寿民富村镇银行) by taking the place written before it.
func (r *Registry) bySuffix(text string, last, s, e int, p pattern) (Match, bool) {
	if strings.HasPrefix(text[e:], "人") { // 农商行人: its people, not a bank
		return Match{}, false
	}
	start := s
	n := 0
	for start > last && n < 6 {
		c, size := utf8.DecodeLastRuneInString(text[:start])
		if !isHan(c) || placeStops.Has(c) {
			break
		}
		start -= size
		n++
	}
	// 上高县, 都兰县, 和平县: a place that begins with a stop rune.
	start = r.widenPlace(text, last, start, s)
	// 时任…, 曾任…: the stop rune 时 or 曾 left 任 in the place.
	if strings.HasPrefix(text[start:s], "任") {
		if c, _ := utf8.DecodeLastRuneInString(text[:start]); strings.ContainsRune("时曾现兼", c) {
			start += len("任")
		}
	}
	// 洛阳新安, 怀化会同县, 参观会同县: what ends the text read is a place
	// of the registry; what comes before it is a city or a verb. (Not
	// before 村镇银行, whose names end with a brand: 临江惠民村镇银行.)
	if p.typ == "rural" {
		start = r.placeTail(text[start:s], start)
	}
	place := text[start:s]
	for _, v := range leadVerbs {
		if r.isPlace(place) {
			break // 会同县 is a place, not 会同 (together with) 县
		}
		if k := strings.LastIndex(place, v); k >= 0 {
			place = place[k+len(v):]
			start = s - len(place)
		}
	}
	if utf8.RuneCountInString(place) < 2 || isGenericPlace(place) {
		return Match{}, false
	}
	name := place + p.name
	if i, ok := r.alias[name]; ok {
		q := r.pats[i]
		return Match{Start: start, End: e, Name: q.name, Type: q.typ, Known: true}, true
	}
	if i, ok := r.alias[place+text[s:e]]; ok {
		q := r.pats[i]
		return Match{Start: start, End: e, Name: q.name, Type: q.typ, Known: true}, true
	}
	// 咸宁市农商银行, 宝应县农村商业银行: the registry names the place
	// without 市 or 县. (岳阳市农商银行系统 is the banks of a region: see
	// find.)
	// Only a bank whose own name is the place and the ending: 东港市农商
	// 银行 (辽宁) is not 日照东港农商银行, whose aliases include 东港农商银行.
	if stem, ok := cutAdminSuffix(place); ok && utf8.RuneCountInString(stem) >= 2 && !strings.HasPrefix(text[e:], "系统") {
		if i, ok := r.alias[stem+p.name]; ok && r.pats[i].name == stem+p.name {
			q := r.pats[i]
			return Match{Start: start, End: e, Name: q.name, Type: q.typ, Known: true}, true
		}
	}
	return Match{Start: start, End: e, Name: Canonical(name), Type: p.typ}, true
}

// widenPlace returns where the place read back from s to start begins
// when one or two runes before start, stop runes as they may be, begin a
// place of the registry with it (上|高县 → 上高县, 都|兰县 → 都兰县), the
// longest such; else start. It reads no further back than last.
func (r *Registry) widenPlace(text string, last, start, s int) int {
	wide := start
	for b, k := start, 0; k < 2 && b > last; k++ {
		c, size := utf8.DecodeLastRuneInString(text[:b])
		if !isHan(c) {
			break
		}
		b -= size
		if r.isPlace(text[b:s]) {
			wide = b // the longest place wins: 泰和县, not 和县
		}
	}
	return wide
}

// placeTail returns where the longest place of the registry that ends
// place begins, as an offset of the text place starts at start in, when
// what comes before it is a province, a place of the registry or a verb
// (洛阳|新安, 怀化|会同县, 参观|会同县); start when none does (利用担任安
// 丰县 is not 丰县: 安丰县 is a place the registry lacks).
func (r *Registry) placeTail(place string, start int) int {
	for i := range place {
		tail, head := place[i:], place[:i]
		if utf8.RuneCountInString(tail) < 2 || !r.isPlace(tail) {
			continue
		}
		if head == "" || r.placeBefore(head) || hasAnySuffix(head, leadVerbs...) {
			return start + i
		}
	}
	return start
}

// isPlace says whether place, or place without its 市 or 县, is a place of
// the registry's names.
func (r *Registry) isPlace(place string) bool {
	stem, ok := cutAdminSuffix(place)
	return r.places[place] || ok && r.places[stem]
}

// genericTails end words that stand where a place does but name none (我省
// 部分, 大部分, 全省县域, 欠发达地区).
var genericTails = []string{"部分", "多数", "县域", "区域", "地区", "地方", "当地", "本地", "不少", "许多", "地方性", "区域性", "中西部"}

// isGenericPlace says whether place is one of genericPlaces, after a
// province (湖南当地) or a preposition (来自地方, whose 来 stops the place
// read back), or ends with one of genericTails.
func isGenericPlace(place string) bool {
	if genericPlaces[place] || genericPlaces[cutProvince(place)] || hasAnySuffix(place, genericTails...) {
		return true
	}
	r, size := utf8.DecodeRuneInString(place)
	return strings.ContainsRune("自从于向对到", r) && genericPlaces[place[size:]]
}

// cutProvince returns place without the province it starts with (湖南当地
// → 当地), or place.
func cutProvince(place string) string {
	for _, p := range provinces {
		for _, head := range []string{p + "省", p} {
			if rest, ok := strings.CutPrefix(place, head); ok {
				return rest
			}
		}
	}
	return place
}

// cutAdminSuffix returns place without the 市 or 县 it ends with. A 区 is
// kept: a city's district is often named as a county elsewhere is (天津的
// 和平区, 广东的和平县).
func cutAdminSuffix(place string) (string, bool) {
	for _, a := range []string{"市", "县"} {
		if stem, ok := strings.CutSuffix(place, a); ok {
			return stem, true
		}
	}
	return place, false
}

// genericEnding returns the longest generic ending (a key of suffixes)
// name ends with and the place before it, or "" and name.
func genericEnding(name string) (ending, place string) {
	for w := range suffixes {
		if len(w) > len(ending) && strings.HasSuffix(name, w) {
			ending = w
		}
	}
	return ending, name[:len(name)-len(ending)]
}

// provinceTails are the runes of the provinces' names but their first: a
// name that begins with another rune begins inside no province.
var provinceTails = func() *runeset.Set {
	var tails []rune
	for _, p := range provinces {
		_, size := utf8.DecodeRuneInString(p)
		tails = append(tails, []rune(p[size:])...)
	}
	return runeset.Of(string(tails))
}()

// insideProvince says whether offset s of text falls inside the name of a
// province written across it (福|建三江: 福建).
func insideProvince(text string, s int) bool {
	prev, _ := utf8.DecodeLastRuneInString(text[:s])
	if first, _ := utf8.DecodeRuneInString(text[s:]); !isHan(prev) || !provinceTails.Has(first) {
		return false
	}
	for _, p := range provinces {
		for i := range p {
			if i > 0 && strings.HasSuffix(text[:s], p[:i]) && strings.HasPrefix(text[s:], p[i:]) {
				return true
			}
		}
	}
	return false
}

// placeBefore says whether before ends with a province or a place of the
// registry, with 省, 市 or 县 (湖北|京山, 洛阳|新安, 洛阳市|新安县): a name
// written right after one does not begin inside a longer place.
func (r *Registry) placeBefore(before string) bool {
	t := before
	for _, a := range []string{"省", "市", "县"} {
		if u, ok := strings.CutSuffix(t, a); ok {
			t = u
			break
		}
	}
	for _, p := range provinces {
		if strings.HasSuffix(t, p) {
			return true
		}
	}
	n := 0
	for i := len(t); i > 0 && n < 4; n++ {
		c, size := utf8.DecodeLastRuneInString(t[:i])
		if !isHan(c) {
			return false
		}
		i -= size
		if n >= 1 && r.places[t[i:]] {
			return true
		}
	}
	return false
}

// insidePlace says whether the registry name text[s:e] begins inside a
// longer place: 宝应县农村商业银行 holds 应县农村商业银行, 天津市农商银行
// 津市农商银行, 澜沧县农村信用合作联社 沧县农村信用合作联社. It is so when
// the one or two runes before s and the first runes of the name's place
// spell another place of the registry (宝应, 天津, 澜沧). It then returns
// the offset of the name's generic ending, from which bySuffix reads the
// whole place, the ending and where the longer place begins; else 0.
//
// The runes before may be stop runes (上高县 holds 高县, 全南县 南县):
// only a place of the registry counts.
func (r *Registry) insidePlace(text string, s, e int) (at int, ending string, from int) {
	prev, _ := utf8.DecodeLastRuneInString(text[:s])
	if !isHan(prev) {
		return 0, "", 0
	}
	// (Not a village bank's: its name ends with a brand, and a place
	// and the brand's first rune may spell another place, 兴|宁乡沪农商.)
	ending, place := genericEnding(text[s:e])
	if ending == "" || suffixes[ending][1] != "rural" || utf8.RuneCountInString(place) < 2 || r.placeBefore(text[:s]) {
		return 0, "", 0
	}
	from = s
	for k := 0; k < 2 && from > 0; k++ {
		c, size := utf8.DecodeLastRuneInString(text[:from])
		if !isHan(c) {
			break
		}
		from -= size
		// the runes before and a proper prefix of the place
		for j := range place {
			if j > 0 && r.places[text[from:s+j]] {
				return s + len(place), ending, from
			}
		}
	}
	return 0, "", 0
}

// branchSuffixes end a branch or unit written after a bank's name.
var branchSuffixes = []string{"信用卡中心", "卡中心", "分行营业部", "营业部", "中心支行", "分行", "支行", "分理处", "营业所", "营业室", "总行", "事业部", "分部"}

// suffixesByRune and stopWordsByRune hold branchSuffixes and
// branchStopWords by first rune, in their lists' order: a text can start
// with a word only when it starts with the word's first rune.
var suffixesByRune, stopWordsByRune = hanzi.ByFirstRune(branchSuffixes), hanzi.ByFirstRune(branchStopWords)

// branchAfter reads a branch or unit written right after a bank's name
// (深圳市分行, 浙江省温州永嘉支行, 信用卡中心) and returns it with its
// length in bytes; 0 when there is none.
func branchAfter(text string) (string, int) {
	end := 0
	i := 0
	runes := 0
	for i < len(text) && runes <= 12 {
		c, size := utf8.DecodeRuneInString(text[i:])
		matched := false
		var sufs []string
		if suffixStarts.Has(c) {
			sufs = suffixesByRune[c]
		}
		for _, suf := range sufs { // in branchSuffixes' order
			if strings.HasPrefix(text[i:], suf) {
				i += len(suf)
				end = i
				runes = 0
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		if !isHan(c) || branchStops.Has(c) || c == '行' || stopWordStarts.Has(c) && hasStopWord(text[i:]) {
			break
		}
		if end > 0 && runes >= 8 {
			break
		}
		i += size
		runes++
	}
	return text[:end], end
}

// provinces are dropped before a longer name, as the scorer's bank_key does.
var provinces = []string{"内蒙古", "黑龙江", "北京", "天津", "河北", "山西", "辽宁", "吉林", "上海", "江苏", "浙江",
	"安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆",
	"四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆"}

// Canonical returns the usual short form of a bank name read from text:
// company suffix dropped, 农村商业银行 written 农商银行, a province before a
// longer name dropped (湖南桂东农村商业银行 → 桂东农商银行).
func Canonical(name string) string {
	for _, s := range []string{"股份有限公司", "有限责任公司", "有限公司"} {
		name = strings.TrimSuffix(name, s)
	}
	name = strings.Replace(name, "农村商业银行", "农商银行", 1)
	if rest := cutProvince(name); utf8.RuneCountInString(rest) > 4 && !strings.HasPrefix(rest, "农商") && !strings.HasPrefix(rest, "农村") && !strings.HasPrefix(rest, "省") {
		return rest
	}
	return name
}

func hasStopWord(s string) bool {
	c, _ := utf8.DecodeRuneInString(s)
	for _, w := range stopWordsByRune[c] {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}
