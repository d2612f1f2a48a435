package xlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"regexp"
	"sort"

	"github.com/xuri/excelize/v2"
)

// writeSorted saves f to w with its zip entries in name order.
//
// excelize writes the streamed sheets in map order (random from run to run)
// and holds the whole zip in a bytes.Buffer before handing it over. Here
// each entry is compressed as excelize writes it into one temporary file
// in tmpDir,
// and on Close the entries are copied, in name order and without
// recompression, into a zip written straight to w. Memory stays bounded and
// the bytes depend only on the content.
func writeSorted(f *excelize.File, w io.Writer, tmpDir string) error {
	sz := &sortedZip{out: w, tmpDir: tmpDir}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return sz })
	defer sz.cleanup()
	if _, err := f.WriteToBuffer(); err != nil {
		return fmt.Errorf("xlsx: writing the workbook: %w", err)
	}
	if sz.err != nil {
		return fmt.Errorf("xlsx: writing the workbook: %w", sz.err)
	}
	return nil
}

type spooled struct {
	name          string
	offset, size  int64 // compressed bytes in the spool file
	raw           int64 // uncompressed size
	crc           uint32
	countingWrite *countWriter
}

type sortedZip struct {
	out     io.Writer
	tmpDir  string
	spool   *os.File
	buf     *bufio.Writer
	pos     int64
	entries []*spooled
	cur     *entryWriter
	err     error
}

// entryWriter compresses one entry into the spool.
type entryWriter struct {
	e   *spooled
	fw  *flate.Writer
	crc hashWriter
	n   int64
	// hold keeps a part that is rewritten before compression.
	hold *bytes.Buffer
}

type hashWriter struct{ sum uint32 }

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func (ew *entryWriter) Write(p []byte) (int, error) {
	if ew.hold != nil {
		return ew.hold.Write(p)
	}
	ew.crc.sum = crc32.Update(ew.crc.sum, crc32.IEEETable, p)
	ew.n += int64(len(p))
	return ew.fw.Write(p)
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	if z.spool == nil {
		f, err := os.CreateTemp(z.tmpDir, "parts-*.zip")
		if err != nil {
			z.err = fmt.Errorf("cannot create a temporary file in %s (make it writable, or free some space): %w", z.tmpDir, err)
			return nil, z.err
		}
		z.spool = f
		z.buf = bufio.NewWriterSize(f, 1<<16)
	}
	e := &spooled{name: name, offset: z.pos}
	cw := &countWriter{w: z.buf}
	e.countingWrite = cw
	fw, err := flate.NewWriter(cw, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	z.cur = &entryWriter{e: e, fw: fw}
	z.entries = append(z.entries, e)
	if name == contentTypes {
		z.cur.hold = new(bytes.Buffer)
	}
	return z.cur, nil
}

// contentTypes is the one part excelize writes in map order: its <Default>
// extensions come from a map of image types.
const contentTypes = "[Content_Types].xml"

var defaultRe = regexp.MustCompile(`<Default [^>]*>(?:</Default>)?`)

// canonical sorts the <Default> elements of [Content_Types].xml.
func canonical(b []byte) []byte {
	locs := defaultRe.FindAllIndex(b, -1)
	if len(locs) < 2 {
		return b
	}
	elems := make([]string, len(locs))
	for i, l := range locs {
		elems[i] = string(b[l[0]:l[1]])
	}
	sort.Strings(elems)
	var out bytes.Buffer
	out.Write(b[:locs[0][0]])
	prev := locs[0][0]
	for i, l := range locs {
		out.Write(b[prev:l[0]])
		out.WriteString(elems[i])
		prev = l[1]
	}
	out.Write(b[prev:])
	return out.Bytes()
}

// finish closes the entry being written.
func (z *sortedZip) finish() error {
	if z.cur == nil {
		return z.err
	}
	ew := z.cur
	z.cur = nil
	if ew.hold != nil {
		data := canonical(ew.hold.Bytes())
		ew.hold = nil
		if _, err := ew.Write(data); err != nil && z.err == nil {
			z.err = err
		}
	}
	if err := ew.fw.Close(); err != nil && z.err == nil {
		z.err = err
	}
	ew.e.size = ew.e.countingWrite.n
	ew.e.raw = ew.n
	ew.e.crc = ew.crc.sum
	z.pos += ew.e.size
	return z.err
}

func (z *sortedZip) AddFS(fs.FS) error {
	return errors.New("AddFS is not supported")
}

func (z *sortedZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	if z.buf != nil {
		if err := z.buf.Flush(); err != nil {
			z.err = err
			return err
		}
	}
	sort.SliceStable(z.entries, func(i, j int) bool { return z.entries[i].name < z.entries[j].name })
	zw := zip.NewWriter(z.out)
	for i, e := range z.entries {
		if i > 0 && e.name == z.entries[i-1].name {
			continue
		}
		fh := &zip.FileHeader{
			Name:               e.name,
			Method:             zip.Deflate,
			CRC32:              e.crc,
			CompressedSize64:   uint64(e.size),
			UncompressedSize64: uint64(e.raw),
		}
		dst, err := zw.CreateRaw(fh)
		if err != nil {
			z.err = err
			return err
		}
		if _, err := io.Copy(dst, io.NewSectionReader(z.spool, e.offset, e.size)); err != nil {
			z.err = err
			return err
		}
	}
	if err := zw.Close(); err != nil {
		z.err = err
		return err
	}
	return nil
}

func (z *sortedZip) cleanup() {
	if z.spool != nil {
		name := z.spool.Name()
		z.spool.Close()
		os.Remove(name)
	}
}
