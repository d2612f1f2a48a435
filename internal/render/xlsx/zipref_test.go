package xlsx

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// writeSortedRef is writeSorted as it was before the entries were
// compressed in parallel chunks: each entry by one flate writer, on the
// goroutine excelize writes it from. It is the reference for
// TestParallelZipMatchesSerial. The zip itself is put together by
// writeZip, as by writeSorted: the compression is what differs.
//
// writeSortedRef saves f to w with its zip entries in name order.
//
// excelize writes the streamed sheets in map order (random from run to run)
// and holds the whole zip in a bytes.Buffer before handing it over. Here
// each entry is compressed as excelize writes it into one temporary file
// in tmpDir,
// and on Close the entries are copied, in name order and without
// recompression, into a zip written straight to w. Memory stays bounded and
// the bytes depend only on the content.
//
// It puts no rows into the tables' parts: the workbook it saves must be
// made with writeRowsOf set to writeRowsRef.
func writeSortedRef(f *excelize.File, w io.Writer, tmpDir string, tables map[string]*table) error {
	if len(tables) > 0 {
		return fmt.Errorf("writeSortedRef cannot put the rows of %d tables in", len(tables))
	}
	sz := &refZip{out: w, tmpDir: tmpDir}
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

type refSpooled struct {
	spooled
	countingWrite *refCountWriter
}

type refZip struct {
	out     io.Writer
	tmpDir  string
	spool   *os.File
	buf     *bufio.Writer
	pos     int64
	entries []*refSpooled
	cur     *refEntryWriter
	err     error
}

// refEntryWriter compresses one entry into the spool.
type refEntryWriter struct {
	e   *refSpooled
	fw  *flate.Writer
	crc refHashWriter
	n   int64
	// hold keeps a part that is rewritten before compression.
	hold *bytes.Buffer
}

type refHashWriter struct{ sum uint32 }

type refCountWriter struct {
	w io.Writer
	n int64
}

func (c *refCountWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func (ew *refEntryWriter) Write(p []byte) (int, error) {
	if ew.hold != nil {
		return ew.hold.Write(p)
	}
	ew.crc.sum = crc32.Update(ew.crc.sum, crc32.IEEETable, p)
	ew.n += int64(len(p))
	return ew.fw.Write(p)
}

func (z *refZip) Create(name string) (io.Writer, error) {
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
	e := &refSpooled{spooled: spooled{name: name, offset: z.pos}}
	cw := &refCountWriter{w: z.buf}
	e.countingWrite = cw
	fw, err := flate.NewWriter(cw, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	z.cur = &refEntryWriter{e: e, fw: fw}
	z.entries = append(z.entries, e)
	if name == contentTypes {
		z.cur.hold = new(bytes.Buffer)
	}
	return z.cur, nil
}

// finish closes the entry being written.
func (z *refZip) finish() error {
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

func (z *refZip) AddFS(fs.FS) error {
	return errors.New("AddFS is not supported")
}

func (z *refZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	if z.buf != nil {
		if err := z.buf.Flush(); err != nil {
			z.err = err
			return err
		}
	}
	entries := make([]*spooled, len(z.entries))
	for i, e := range z.entries {
		entries[i] = &e.spooled
	}
	if err := writeZip(z.out, z.spool, entries); err != nil {
		z.err = err
		return err
	}
	return nil
}

func (z *refZip) cleanup() {
	if z.spool != nil {
		name := z.spool.Name()
		z.spool.Close()
		os.Remove(name)
	}
}
