package cache

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// The stat index lets a rebuild skip reading the files it has read before.
// It maps a file's absolute path to what stat(2) said of the file when its
// content was hashed (size, modification and change times, inode and
// device) and to the content key of that content. When the file shows the
// same stat data again it has not been written since, and its facts are
// taken from the cache without opening it: as git's index does for the
// work tree. Anything else (a different size or time, a file replaced by
// another, a path never seen) falls back to reading and hashing the content,
// which still finds the facts when only the stat data changed (a touch, a
// copy).
//
// The "racy" rule: a file written within racyWindow before the run began
// may be written again in the same timestamp tick after it was read,
// leaving its stat data unchanged (filesystems keep times in ticks from
// nanoseconds to 2 seconds, and the kernel's clock for them lags the
// process's). Such an entry is never trusted: it is not saved, so the file
// is read again on the next run, until it is old enough. The change time
// (ctime) is what the rule looks at, since no program can set it back; the
// modification time is compared as well.

// StatFileName is the stat index inside the cache folder.
const StatFileName = "stat-index.bin"

const statMagic = "bankbrief stat index\n"

// racyWindow is how long before a run's start a file's last change must lie
// for its stat data to be trusted by later runs: more than the coarsest
// timestamp granularity of common filesystems (2 s, FAT) and the lag of
// the kernel's file clock.
const racyWindow = 5 * time.Second

// Stat is what stat(2) says of a file that tells a change: any write
// changes the size or the times, a file replaced by another one changes
// the inode.
type Stat struct {
	Size         int64
	Mtime, Ctime int64 // nanoseconds since 1970
	Ino, Dev     uint64
}

type statEntry struct {
	st  Stat
	key string
}

// StatKey returns the content key recorded for the file at path (an
// absolute path) when it showed the stat data st, if the stat index has
// it. The entry is kept for the next run when its facts are asked for with
// Get, and noted again with Record. It waits for the cache to be loaded.
func (c *Cache) StatKey(path string, st Stat) (string, bool) {
	<-c.loaded
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.stats[path]
	if !ok || e.st != st {
		return "", false
	}
	return e.key, true
}

// Record notes that the file at path (absolute), which showed the stat
// data st before it was read, has the content key key, for the stat index
// of the next run. A file changed in the racy window is not recorded.
func (c *Cache) Record(path string, st Stat, key string) {
	if c.racy(st) {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen[path] = statEntry{st, key}
}

// racy says whether a file's stat data cannot be trusted to tell a later
// write, because it last changed too close to the start of the run.
func (c *Cache) racy(st Stat) bool {
	limit := c.start.Add(-racyWindow).UnixNano()
	return st.Ctime >= limit || st.Mtime >= limit
}

// loadStats reads the stat index written by the last run with the same
// salt. A missing, damaged or foreign index is an empty one.
func (c *Cache) loadStats() {
	data, err := os.ReadFile(filepath.Join(filepath.Dir(c.path), StatFileName))
	if err != nil || len(data) < len(statMagic)+4 {
		return
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.Checksum(body, crcTable) != sum || !bytes.HasPrefix(body, []byte(statMagic)) {
		return
	}
	d := dec{b: body[len(statMagic):]}
	if string(d.raw()) != string(c.salt) || d.err != nil {
		return
	}
	n := d.count()
	stats := make(map[string]statEntry, n)
	for i := 0; i < n && d.err == nil; i++ {
		path := d.str()
		var e statEntry
		e.st.Size = int64(d.int())
		e.st.Mtime = int64(d.int())
		e.st.Ctime = int64(d.int())
		e.st.Ino = d.uvarint()
		e.st.Dev = d.uvarint()
		k := d.raw()
		if len(k) != keyLen {
			d.fail()
		}
		e.key = string(k)
		stats[path] = e
	}
	if d.err == nil && len(d.b) == 0 {
		c.stats = stats
	}
}

// saveStats writes the stat index of this run: the files whose facts it
// took from the cache or extracted, as Record saw them. It replaces the
// index atomically.
func (c *Cache) saveStats() error {
	dir := filepath.Dir(c.path)
	paths := make([]string, 0, len(c.seen))
	for p, e := range c.seen {
		if !c.used[e.key] && c.fresh[e.key] == nil {
			continue // its facts are not kept
		}
		paths = append(paths, p)
	}
	sort.Strings(paths) // the same run writes the same bytes
	e := enc{b: make([]byte, 0, 64*len(paths)+len(statMagic))}
	e.b = append(e.b, statMagic...)
	e.str(string(c.salt))
	e.int(len(paths))
	for _, p := range paths {
		s := c.seen[p]
		e.str(p)
		e.int(int(s.st.Size))
		e.int(int(s.st.Mtime))
		e.int(int(s.st.Ctime))
		e.b = binary.AppendUvarint(e.b, s.st.Ino)
		e.b = binary.AppendUvarint(e.b, s.st.Dev)
		e.str(s.key)
	}
	e.b = binary.LittleEndian.AppendUint32(e.b, crc32.Checksum(e.b, crcTable))
	tmp, err := os.CreateTemp(dir, "."+StatFileName+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(e.b)
	if err := errors.Join(err, tmp.Close()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, StatFileName))
}
