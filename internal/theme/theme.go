// Package theme holds the initiative taxonomy (templates/taxonomy.yaml, which
// a user may edit) and classifies sentences under themes.
package theme

// Taxonomy is the loaded theme keyword lists.
type Taxonomy struct{}

// Default returns the taxonomy embedded from templates/taxonomy.yaml.
func Default() *Taxonomy { return &Taxonomy{} }

// Classify returns the ids of the themes a sentence is about, strongest first.
func (t *Taxonomy) Classify(sentence string) []string { return nil }
