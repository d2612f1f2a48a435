package cache

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/bankbrief/bankbrief/internal/model"
)

// The stat index lets a rebuild skip reading the files it has read before.
// It maps a file (its device and inode numbers) to what stat(2) said of
// it when its content was hashed (size, modification and change times) and
// to the content key of that content. When the file shows the same stat
// data again it has not been written since, and its facts are taken from
// the cache without opening it: as git's index does for the work tree.
// Anything else (a different size or time, a file replaced by another, a
// file never seen) falls back to reading and hashing the content, which
// still finds the facts when only the stat data changed (a touch, a copy).
//
// The index is keyed by inode rather than path: what a file holds belongs
// to its inode (a renamed file, or a second hard link, is the same file),
// and the entries hold no pointers, so a large index costs the garbage
// collector nothing and takes 64 bytes a file.
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

const statMagic = "bankbrief stat index 2\n"

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

type inode struct{ dev, ino uint64 }

type statEntry struct {
	size, mtime, ctime int64
	key                [keyLen]byte
}

func (e *statEntry) matches(st Stat) bool {
	return e.size == st.Size && e.mtime == st.Mtime && e.ctime == st.Ctime
}

// StatKey returns the content key recorded for the file that shows the
// stat data st, if the stat index has it. The caller notes it again with
// Record when it uses it. It waits for the cache to be loaded.
func (c *Cache) StatKey(st Stat) (string, bool) {
	<-c.loaded
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.stats[inode{st.Dev, st.Ino}]
	if !ok || !e.matches(st) {
		return "", false
	}
	return string(e.key[:]), true
}

// GetByStat returns the facts cached for the file that shows the stat data
// st, when the stat index has it and the cache its facts, and notes the
// file for the next run's index (as StatKey, Get and Record would, under
// one lock).
func (c *Cache) GetByStat(st Stat) (model.Facts, bool) {
	<-c.loaded
	c.mu.Lock()
	defer c.mu.Unlock()
	id := inode{st.Dev, st.Ino}
	e, ok := c.stats[id]
	if !ok || !e.matches(st) {
		return model.Facts{}, false
	}
	f, ok := c.get(string(e.key[:]))
	if ok && !c.racy(st) {
		c.seen[id] = e
	}
	return f, ok
}

// Record notes that the file which showed the stat data st before it was
// read has the content key key, for the stat index of the next run. A file
// changed in the racy window is not recorded, nor one without an inode
// number.
func (c *Cache) Record(st Stat, key string) {
	if c.memory || c.racy(st) || st.Ino == 0 || len(key) != keyLen {
		return
	}
	e := statEntry{size: st.Size, mtime: st.Mtime, ctime: st.Ctime}
	copy(e.key[:], key)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen[inode{st.Dev, st.Ino}] = e
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
	stats := make(map[inode]statEntry, n)
	for i := 0; i < n && d.err == nil; i++ {
		var id inode
		var e statEntry
		id.dev, id.ino = d.uvarint(), d.uvarint()
		e.size, e.mtime, e.ctime = int64(d.int()), int64(d.int()), int64(d.int())
		if k := d.raw(); len(k) == keyLen {
			copy(e.key[:], k)
		} else {
			d.fail()
		}
		stats[id] = e
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
	ids := make([]inode, 0, len(c.seen))
	for id, e := range c.seen {
		if k := string(e.key[:]); !c.used[k] && c.fresh[k] == nil {
			continue // its facts are not kept
		}
		ids = append(ids, id)
	}
	// The same run writes the same bytes.
	slices.SortFunc(ids, func(a, b inode) int { return cmp.Or(cmp.Compare(a.dev, b.dev), cmp.Compare(a.ino, b.ino)) })
	e := enc{b: make([]byte, 0, 40*len(ids)+len(statMagic)+len(c.salt)+16)}
	e.b = append(e.b, statMagic...)
	e.str(string(c.salt))
	e.int(len(ids))
	for _, id := range ids {
		s := c.seen[id]
		e.b = binary.AppendUvarint(e.b, id.dev)
		e.b = binary.AppendUvarint(e.b, id.ino)
		e.int(int(s.size))
		e.int(int(s.mtime))
		e.int(int(s.ctime))
		e.str(string(s.key[:]))
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
