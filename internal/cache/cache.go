// Package cache keeps the facts of files already extracted, so that a
// rebuild after adding a week of articles re-reads only the new files.
//
// Input: file contents; output: the model.Facts extracted from them before.
// An entry is keyed by a hash of the file's content and of a salt that
// changes with everything extraction depends on (the taxonomy, the bank
// registry and the program itself).
//
// The cache is one file of binary records (see codec.go), each with a
// checksum. It is read on a background goroutine while the inputs are
// walked. At the end of a run, Save appends the entries extracted in that
// run; when the entries no run asked for make up more than a quarter of the
// file, or the file is damaged, it is rewritten instead, atomically, with
// only the entries used by that run. Rebuilding after adding 1% of new
// files thus reads the cache once and writes 1% of it.
//
// Beside it, the stat index (stat.go) maps each file's inode and stat data
// to its content key, so that a rebuild does not even read the files that
// have not changed: only the new and changed ones are read and hashed.
package cache

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"hash/maphash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/bankbrief/bankbrief/internal/model"
)

// FileName is the cache file inside the cache folder.
const FileName = "facts-cache.bin"

// oldFileName is the cache of earlier versions (gzip'd JSON lines),
// removed when the cache is written.
const oldFileName = "facts-cache.jsonl.gz"

const magic = "bankbrief facts cache\n"

// keyLen is the length of a key: 128 bits of SHA-256.
const keyLen = 16

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// Cache maps content hashes to facts. It is safe for concurrent use.
type Cache struct {
	path string
	salt []byte

	loaded chan struct{} // closed when the file has been read
	memory bool          // Memory: no file, no stat index
	// seeds of a Memory cache's keys (see Key)
	seeds [2]maphash.Seed
	// Set by the loader, read after loaded:
	old     map[string]*model.Facts // entries of the file not yet asked for
	inFile  int                     // valid entries in the file
	damaged bool                    // the file has bytes after its last valid entry

	stats map[inode]statEntry // the stat index of the last run

	start time.Time // when the run began, for the racy rule (stat.go)

	mu    sync.Mutex
	used  map[string]bool         // keys of the file's entries asked for in this run
	fresh map[string]*model.Facts // entries extracted in this run
	seen  map[inode]statEntry     // the stat index of this run
	hits  int
}

// Open starts reading the cache in dir (created when written) on a
// goroutine of its own; Get waits for it. A missing or damaged cache file
// is an empty cache (or the entries before the damage), never an error:
// the cache is only a speed-up.
func Open(dir string, salt []byte) *Cache { return OpenAt(dir, salt, time.Now()) }

// OpenAt is Open for a run that began at start, before any of its files
// was looked at: files changed after start-racyWindow are not trusted by
// the stat index of the next run (stat.go).
func OpenAt(dir string, salt []byte, start time.Time) *Cache {
	c := &Cache{path: filepath.Join(dir, FileName), salt: salt, loaded: make(chan struct{}), start: start,
		old: map[string]*model.Facts{}, used: map[string]bool{}, fresh: map[string]*model.Facts{},
		stats: map[inode]statEntry{}, seen: map[inode]statEntry{}}
	go func() {
		defer close(c.loaded)
		c.loadStats()
		c.load()
	}()
	return c
}

// Memory returns a cache that lives for one run, in memory only: it starts
// empty, Save must not be called, and it keeps no stat index. A run with no
// cache on disk (extract, build -no-cache) uses it so that a file whose bytes
// are those of one extracted before in the run — the same article saved
// twice, a mirror's copy — takes its facts instead of being extracted again.
func Memory() *Cache {
	c := &Cache{loaded: make(chan struct{}), memory: true,
		old: map[string]*model.Facts{}, used: map[string]bool{}, fresh: map[string]*model.Facts{},
		stats: map[inode]statEntry{}, seen: map[inode]statEntry{},
		seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}}
	close(c.loaded)
	return c
}

func (c *Cache) load() {
	f, err := os.Open(c.path)
	if err != nil {
		return
	}
	defer f.Close()
	d := dec{intern: map[string]string{}}
	n, ok := eachRecord(f, func(key, payload []byte) bool {
		d.b, d.err = payload, nil
		facts, err := d.facts()
		if err != nil {
			return false
		}
		c.old[string(key)] = &facts
		return true
	})
	c.inFile, c.damaged = n, !ok
}

// eachRecord calls fn with the key and payload of each valid record of a
// cache file, in order, until fn returns false or a record is damaged or
// cut short. It returns the count of records passed to fn and whether the
// file ended cleanly after the last one. key and payload are reused.
func eachRecord(r io.Reader, fn func(key, payload []byte) bool) (n int, ok bool) {
	br := bufio.NewReaderSize(r, 1<<16)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return 0, false
	}
	var buf []byte
	for {
		size, err := binary.ReadUvarint(br)
		if err == io.EOF {
			return n, true
		}
		if err != nil || size < keyLen+4 || size > 64<<20 {
			return n, false
		}
		if uint64(cap(buf)) < size {
			buf = make([]byte, size)
		}
		rec := buf[:size]
		if _, err := io.ReadFull(br, rec); err != nil {
			return n, false
		}
		body, sum := rec[:size-4], binary.LittleEndian.Uint32(rec[size-4:])
		if crc32.Checksum(body, crcTable) != sum {
			return n, false
		}
		if !fn(body[:keyLen], body[keyLen:]) {
			return n, false
		}
		n++
	}
}

// appendRecord appends the record of one entry to b.
func appendRecord(b []byte, key string, f *model.Facts) []byte {
	return appendRaw(b, []byte(key), encodeFacts(nil, f))
}

// appendRaw appends a record of a key and an encoded entry to b.
func appendRaw(b, key, payload []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(key)+len(payload)+4))
	start := len(b)
	b = append(append(b, key...), payload...)
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b[start:], crcTable))
}

// Key returns the cache key of a file's content. The keys of a Memory cache,
// never written, are instead two 64-bit hashes (hash/maphash) with random
// seeds of its own, made four times faster than SHA-256 (a tenth of a
// second less at 50,000 files): two of n contents share one with odds of
// about n²/2¹²⁹.
func (c *Cache) Key(content []byte) string {
	if c.memory {
		var k [keyLen]byte
		binary.LittleEndian.PutUint64(k[:], maphash.Bytes(c.seeds[0], content))
		binary.LittleEndian.PutUint64(k[8:], maphash.Bytes(c.seeds[1], content))
		return string(k[:])
	}
	h := sha256.New()
	h.Write(c.salt)
	h.Write([]byte{0})
	h.Write(content)
	return string(h.Sum(nil)[:keyLen])
}

// Get returns the facts cached for key; ID and File are those of the file
// that was extracted, and the caller sets its own.
func (c *Cache) Get(key string) (model.Facts, bool) {
	<-c.loaded
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.get(key)
}

// get is Get with c.mu held.
func (c *Cache) get(key string) (model.Facts, bool) {
	p, ok := c.old[key]
	if ok {
		c.used[key] = true
	} else if p, ok = c.fresh[key]; !ok {
		return model.Facts{}, false
	}
	c.hits++
	return *p, true
}

// Put records the facts of a content key.
func (c *Cache) Put(key string, f model.Facts) {
	<-c.loaded
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.old[key] == nil {
		c.fresh[key] = &f
	}
}

// Hits returns how many lookups were answered from the cache.
func (c *Cache) Hits() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits
}

// Save writes the entries of this run: it appends the fresh ones to the
// file, or rewrites the file with only the entries used in this run when
// the others would make up more than a quarter of it, or when the file is
// damaged or missing. Save ends the use of c: it drops the entries from
// memory (the run holds its own copies), and Get answers nothing after it.
func (c *Cache) Save() error {
	<-c.loaded
	c.mu.Lock()
	defer c.mu.Unlock()
	defer func() {
		c.old, c.fresh = map[string]*model.Facts{}, map[string]*model.Facts{}
		c.stats, c.seen = map[inode]statEntry{}, map[inode]statEntry{}
	}()
	dir := filepath.Dir(c.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// Temporary files of a run killed while saving.
	for _, name := range []string{FileName, StatFileName} {
		old, _ := filepath.Glob(filepath.Join(dir, "."+name+".tmp*"))
		for _, o := range old {
			os.Remove(o)
		}
	}
	if err := c.saveFacts(); err != nil {
		return err
	}
	return c.saveStats()
}

// saveFacts writes the facts of the run: see Save.
func (c *Cache) saveFacts() error {
	os.Remove(filepath.Join(filepath.Dir(c.path), oldFileName))
	keys := make([]string, 0, len(c.fresh))
	for k := range c.fresh {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	unused := c.inFile - len(c.used)
	if c.inFile > 0 && !c.damaged && unused*4 <= len(c.used)+len(c.fresh) {
		if len(keys) == 0 {
			return nil
		}
		return c.appendFresh(keys)
	}
	return c.rewrite(keys)
}

func (c *Cache) appendFresh(keys []string) error {
	f, err := os.OpenFile(c.path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	var b []byte
	for _, k := range keys {
		b = appendRecord(b, k, c.fresh[k])
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// rewrite writes a new file: the used records of the old one, copied
// without decoding, then the fresh entries.
func (c *Cache) rewrite(keys []string) error {
	dir := filepath.Dir(c.path)
	tmp, err := os.CreateTemp(dir, "."+FileName+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriterSize(tmp, 1<<16)
	bw.WriteString(magic)
	if len(c.used) > 0 {
		if old, err := os.Open(c.path); err == nil {
			var rec []byte
			eachRecord(old, func(key, payload []byte) bool {
				if c.used[string(key)] {
					rec = appendRaw(rec[:0], key, payload)
					bw.Write(rec)
				}
				return true
			})
			old.Close()
		}
	}
	var b []byte
	for _, k := range keys {
		b = appendRecord(b[:0], k, c.fresh[k])
		bw.Write(b)
	}
	if err := errors.Join(bw.Flush(), tmp.Close()); err != nil {
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
