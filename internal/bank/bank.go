// Package bank recognises Chinese banks in text: an embedded registry of
// banking institutions with their types and aliases, patterns for names the
// registry lacks, branches rolled up to their bank, and regulators and
// non-bank groups recognised so that they can be left out.
package bank

// Match is one bank name found in a text.
type Match struct {
	Start, End int    // byte offsets of the name in the text
	Name       string // canonical short name of the bank (中国工商银行)
	Type       string // a model.BankTypes id
	Branch     string // branch or unit when named with it (深圳市分行, 信用卡中心)
	// NotBank is true for regulators, the central bank and non-bank groups:
	// recognised so that they are not counted as banks.
	NotBank bool
}

// Registry is the set of known banks and patterns.
type Registry struct{}

// Default returns the embedded registry.
func Default() *Registry { return &Registry{} }

// Find returns the bank names in text, left to right, without overlaps.
func (r *Registry) Find(text string) []Match { return nil }
