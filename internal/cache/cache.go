// Package cache keeps the facts of files already extracted, so that a
// rebuild after adding a week of articles re-reads only the new files.
//
// Input: file contents; output: the model.Facts extracted from them before.
// An entry is keyed by a hash of the file's content and of a salt that
// changes with everything extraction depends on (the taxonomy, the bank
// registry and the program itself). The cache is one gzip'd JSON-lines file,
// loaded at the start of a run and written once at its end, holding only the
// entries used by that run.
package cache

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/bankbrief/bankbrief/internal/model"
)

// FileName is the cache file inside the cache folder.
const FileName = "facts-cache.jsonl.gz"

// Cache maps content hashes to facts. It is safe for concurrent use.
type Cache struct {
	path string
	salt []byte

	mu   sync.Mutex
	old  map[string]model.Facts
	used map[string]model.Facts
	hits int
}

type entry struct {
	Key   string      `json:"k"`
	Facts model.Facts `json:"f"`
}

// Open loads the cache in dir (created when written). A missing or damaged
// cache file is an empty cache, never an error: the cache is only a speed-up.
func Open(dir string, salt []byte) *Cache {
	c := &Cache{path: filepath.Join(dir, FileName), salt: salt,
		old: map[string]model.Facts{}, used: map[string]model.Facts{}}
	f, err := os.Open(c.path)
	if err != nil {
		return c
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return c
	}
	dec := json.NewDecoder(bufio.NewReader(zr))
	for {
		var e entry
		if err := dec.Decode(&e); err != nil {
			break
		}
		c.old[e.Key] = e.Facts
	}
	return c
}

// Key returns the cache key of a file's content.
func (c *Cache) Key(content []byte) string {
	h := sha256.New()
	h.Write(c.salt)
	h.Write([]byte{0})
	h.Write(content)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Get returns the facts cached for key; ID and File are those of the file
// that was extracted, and the caller sets its own.
func (c *Cache) Get(key string) (model.Facts, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.used[key]
	if !ok {
		f, ok = c.old[key]
	}
	if ok {
		c.used[key] = f
		c.hits++
	}
	return f, ok
}

// Put records the facts of a content key.
func (c *Cache) Put(key string, f model.Facts) {
	c.mu.Lock()
	c.used[key] = f
	c.mu.Unlock()
}

// Hits returns how many lookups were answered from the cache.
func (c *Cache) Hits() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits
}

// Save writes the entries used in this run, replacing the cache file
// atomically.
func (c *Cache) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), "."+FileName+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	zw, _ := gzip.NewWriterLevel(tmp, gzip.BestSpeed)
	bw := bufio.NewWriterSize(zw, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	keys := make([]string, 0, len(c.used))
	for k := range c.used {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := enc.Encode(entry{Key: k, Facts: c.used[k]}); err != nil {
			tmp.Close()
			return err
		}
	}
	if err := errors.Join(bw.Flush(), zw.Close(), tmp.Close()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), c.path)
}

// Salt hashes everything extraction depends on: the files of the template
// folder (taxonomy, aliases) and the running program itself, so that any
// change to either invalidates the cache.
func Salt(templates fs.FS, extra ...[]byte) []byte {
	h := sha256.New()
	_ = fs.WalkDir(templates, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if b, err := fs.ReadFile(templates, p); err == nil {
			h.Write([]byte(p))
			h.Write(b)
		}
		return nil
	})
	for _, b := range extra {
		h.Write(b)
	}
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			io.Copy(h, f)
			f.Close()
		}
	}
	return h.Sum(nil)
}
