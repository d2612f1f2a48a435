package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/bankbrief/bankbrief/internal/bank"
	"github.com/bankbrief/bankbrief/internal/hanzi"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/theme"
)

const themesHelp = `Usage: bankbrief themes [-lang zh|en] [-find SENTENCE]

Prints the initiative themes bankbrief classifies articles under, each with
its keywords (key: alone it makes a sentence count; strong: makes a sentence
about the theme; weak: only backs the others up), and says where to edit them.
With -find, shows which themes a sentence is about and the keywords that
matched.

Example:
  bankbrief themes -lang en
  bankbrief themes -find "该行为小微企业减免手续费1200万元"
`

const taxonomyEdit = "Edit templates/taxonomy.yaml (keyword lists; the theme ids are fixed) then run `go install ./cmd/bankbrief` again (`go run ./cmd/bankbrief` picks the change up by itself); `go test ./internal/theme` checks the file."

func cmdThemes(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("themes", themesHelp, stderr)
	lang := fs.String("lang", "zh", "language of the theme names: zh or en")
	find := fs.String("find", "", "show the themes of this sentence and the keywords that matched")
	bare, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if *lang != "zh" && *lang != "en" {
		fmt.Fprintf(stderr, "bankbrief themes: -lang must be zh or en, not %q\n", *lang)
		return 2
	}
	if len(bare) > 0 {
		fmt.Fprintf(stderr, "bankbrief themes: unexpected %q; put a sentence to check after -find\n", bare[0])
		return 2
	}
	tax := theme.Default()
	if err := tax.Err(); err != nil {
		fmt.Fprintf(stderr, "bankbrief themes: %v\n", err)
		return 1
	}
	if *find != "" {
		return findThemes(tax, *find, *lang, stdout)
	}
	themes := tax.Themes()
	rule := tax.Rule()
	fmt.Fprintf(stdout, "%d themes (templates/taxonomy.yaml)\n", len(themes))
	for _, th := range themes {
		fmt.Fprintf(stdout, "\n%s  %s\n", th.ID, th.Name(*lang))
		if th.Description != "" {
			fmt.Fprintf(stdout, "  %s\n", th.Description)
		}
		list(stdout, "key", th.Key)
		list(stdout, "strong", th.Strong)
		list(stdout, "weak", th.Weak)
		list(stdout, "exclude", th.Exclude)
		list(stdout, "unless", th.Unless)
		if th.SentencePoints > 0 {
			fmt.Fprintf(stdout, "  a sentence counts for it at %d points\n", th.SentencePoints)
		}
		if th.MinPoints > 0 {
			fmt.Fprintf(stdout, "  one sentence of %d points makes it\n", th.MinPoints)
		}
	}
	fmt.Fprintln(stdout)
	list(stdout, "ignored everywhere", tax.Ignored())
	fmt.Fprintf(stdout, "An article gets a theme when %d of its sentences count for it (%d points: a key keyword, or a strong one backed by another), or they are %.0f%% of its sentences, or %d counting sentences each hold a key keyword, or one sentence reaches %d points (unless the theme says otherwise above).\n",
		rule.MinSentences, rule.SentencePoints, rule.MinShare*100, rule.KeySentences, rule.MinPoints)
	fmt.Fprintln(stdout, taxonomyEdit)
	return 0
}

// findThemes prints what the taxonomy makes of one sentence.
func findThemes(tax *theme.Taxonomy, sentence, lang string, stdout io.Writer) int {
	s := hanzi.Simplify(sentence)
	names := map[string]string{}
	rule := tax.Rule()
	counts := map[string]int{} // the points a sentence needs to count for each theme
	for _, th := range tax.Themes() {
		names[th.ID] = th.Name(lang)
		counts[th.ID] = rule.SentencePoints
		if th.SentencePoints > 0 {
			counts[th.ID] = th.SentencePoints
		}
	}
	hits := tax.Hits(s)
	if len(hits) == 0 {
		fmt.Fprintf(stdout, "%s\n  no theme keyword found\n", sentence)
	} else {
		fmt.Fprintln(stdout, sentence)
	}
	for _, h := range hits {
		verdict := "keyword in passing (below 2 points: not about the theme)"
		switch {
		case h.Points >= counts[h.Theme]:
			verdict = "about it, and counts for the article"
		case h.Points >= 2:
			verdict = "about it (its metrics take the theme), but does not count for the article alone"
		}
		fmt.Fprintf(stdout, "  %s  %s: %d points, %s\n", h.Theme, names[h.Theme], h.Points, verdict)
		fmt.Fprintf(stdout, "    keywords: %s\n", strings.Join(tax.Keywords(s, h.Theme), ", "))
	}
	fmt.Fprintln(stdout, taxonomyEdit)
	return 0
}

func list(w io.Writer, label string, words []string) {
	if len(words) == 0 {
		return
	}
	fmt.Fprintf(w, "  %s: %s\n", label, strings.Join(words, ", "))
}

const banksHelp = `Usage: bankbrief banks [-lang zh|en] [-type TYPE] [-find TEXT]

Prints the banks bankbrief recognises — the regulator's list compiled into
internal/bank/registry.tsv plus the hand-written names of
templates/banks.yaml — with their type and aliases, then the names it
recognises as non-banks (regulators, groups, subsidiaries), and says where to
edit them. With -find, shows what a text is recognised as.

Example:
  bankbrief banks -type joint_stock
  bankbrief banks -find 工行深圳市分行
`

const banksEdit = "Edit templates/banks.yaml (aliases, weak names, non-banks) then run `go install ./cmd/bankbrief` again (`go run ./cmd/bankbrief` picks the change up by itself); `go test ./internal/bank` checks the file. The regulator's list is regenerated with `go generate ./internal/bank`."

func cmdBanks(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("banks", banksHelp, stderr)
	lang := fs.String("lang", "zh", "language of the type names: zh or en")
	typ := fs.String("type", "", "list only banks of this type: "+typeIDs())
	find := fs.String("find", "", "show what the banks named in this text are recognised as")
	bare, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if *lang != "zh" && *lang != "en" {
		fmt.Fprintf(stderr, "bankbrief banks: -lang must be zh or en, not %q\n", *lang)
		return 2
	}
	if *typ != "" && typeName(*typ, *lang) == "" {
		fmt.Fprintf(stderr, "bankbrief banks: -type must be one of %s, not %q\n", typeIDs(), *typ)
		return 2
	}
	if len(bare) > 0 {
		fmt.Fprintf(stderr, "bankbrief banks: unexpected %q; put a text to check after -find\n", bare[0])
		return 2
	}
	reg := bank.Default()
	if err := reg.Err(); err != nil {
		fmt.Fprintf(stderr, "bankbrief banks: %v\n", err)
		return 1
	}
	if *find != "" {
		return findBanks(reg, *find, *lang, stdout)
	}
	banks := reg.Banks()
	n := 0
	for _, b := range banks {
		if *typ != "" && b.Type != *typ {
			continue
		}
		n++
		fmt.Fprintf(stdout, "%s\t%s\t%s", b.Name, b.Type, typeName(b.Type, *lang))
		if len(b.Aliases) > 0 {
			fmt.Fprintf(stdout, "\taliases: %s", strings.Join(b.Aliases, ", "))
		}
		if len(b.Weak) > 0 {
			fmt.Fprintf(stdout, "\twith a branch only: %s", strings.Join(b.Weak, ", "))
		}
		if b.Hand {
			fmt.Fprint(stdout, "\t(templates/banks.yaml)")
		}
		fmt.Fprintln(stdout)
	}
	if *typ == "" {
		fmt.Fprintln(stdout)
		list(stdout, "not banks (never counted)", reg.NotBanks())
		list(stdout, "ignored phrases", reg.Ignored())
		fmt.Fprintf(stdout, "%d banks. Rural and village banks missing from the list are also read from their ending (…农商银行, …村镇银行).\n", n)
	} else {
		fmt.Fprintf(stdout, "%d banks of type %s (%s).\n", n, *typ, typeName(*typ, *lang))
	}
	fmt.Fprintln(stdout, banksEdit)
	return 0
}

// findBanks prints what the registry makes of a text.
func findBanks(reg *bank.Registry, text, lang string, stdout io.Writer) int {
	s := hanzi.Simplify(text)
	ms := reg.Find(s)
	if len(ms) == 0 {
		fmt.Fprintf(stdout, "%s\n  no bank recognised\n", text)
	} else {
		fmt.Fprintln(stdout, text)
	}
	for _, m := range ms {
		found := s[m.Start:m.End]
		if m.NotBank {
			fmt.Fprintf(stdout, "  %s → not a bank (regulator, central bank, group or subsidiary), never counted\n", found)
			continue
		}
		fmt.Fprintf(stdout, "  %s → %s / %s (%s)", found, m.Name, m.Type, typeName(m.Type, lang))
		if m.Branch != "" {
			fmt.Fprintf(stdout, " / branch %s", m.Branch)
		}
		if !m.Known {
			fmt.Fprint(stdout, " / not in the registry: read from its ending")
		}
		fmt.Fprintln(stdout)
	}
	fmt.Fprintln(stdout, banksEdit)
	return 0
}

func typeName(id, lang string) string {
	for _, l := range model.BankTypes {
		if l.ID == id {
			return l.Name(lang)
		}
	}
	return ""
}

func typeIDs() string {
	ids := make([]string, len(model.BankTypes))
	for i, l := range model.BankTypes {
		ids[i] = l.ID
	}
	return strings.Join(ids, ", ")
}
