package xlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strings"

	"github.com/klauspost/compress/flate"
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
//
// An entry is compressed in pieces of chunkSize bytes, on parallel
// goroutines, as pigz does: each piece by a flate writer of its own, ended
// with a sync flush (a block that is not the last, ending on a byte
// boundary) but for the entry's last piece, ended with the final block.
// The pieces, put one after the other in order, are one deflate stream.
// The compressor is github.com/klauspost/compress/flate at BestSpeed, the
// same format as compress/flate's (any zip reader takes it) in about half
// the time: at 50,000 articles the workbook took 1.05–1.2 s with
// compress/flate and 0.8–0.9 s with it, and came out 2% smaller.
// The cut points depend only on the entry's bytes, so the workbook still
// depends on nothing else. An entry of at most chunkSize bytes, all but the
// detail sheets, is one piece, compressed exactly as by one flate writer.
//
// The part of each table in tables (by part name) is held as excelize
// writes it, the sheet without its data rows, and the rows, encoded on
// every core (table.writeRows), are put into it before its </sheetData>
// on their way to the compressors.
func writeSorted(f *excelize.File, w io.Writer, tmpDir string, tables map[string]*table) error {
	sz := &sortedZip{out: w, tmpDir: tmpDir, tables: tables}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return sz })
	defer sz.cleanup()
	if _, err := f.WriteToBuffer(); err != nil {
		return fmt.Errorf("xlsx: writing the workbook: %w", err)
	}
	if sz.err != nil {
		return fmt.Errorf("xlsx: writing the workbook: %w", sz.err)
	}
	for part, t := range tables {
		if !sz.spliced[part] {
			return fmt.Errorf("xlsx: writing the workbook: the rows of sheet %s were not written: excelize wrote no part %s", t.sheet, part)
		}
	}
	return nil
}

// sheetPart is the name of the part of a worksheet: the target of the
// workbook's relationship named by the sheet's r:id, the workbook part
// being the target of the package's officeDocument relationship, as
// excelize finds them (getWorkbookPath, getSheetMap), read from excelize's
// model of the workbook (its exported fields; relationships as XML).
func sheetPart(f *excelize.File, sheet string) (string, error) {
	rid := ""
	if f.WorkBook != nil {
		for _, s := range f.WorkBook.Sheets.Sheet {
			if s.Name == sheet {
				rid = s.ID
			}
		}
	}
	if rid == "" {
		return "", fmt.Errorf("no sheet %s in the workbook", sheet)
	}
	workbook := ""
	for _, r := range relationships(f, "_rels/.rels") {
		if r.Type == excelize.SourceRelationshipOfficeDocument {
			workbook = strings.TrimPrefix(r.Target, "/")
		}
	}
	if workbook == "" {
		return "", fmt.Errorf("cannot find the workbook part")
	}
	dir := path.Dir(workbook)
	for _, r := range relationships(f, path.Join(dir, "_rels", path.Base(workbook)+".rels")) {
		if r.ID != rid {
			continue
		}
		if strings.HasPrefix(r.Target, "/") {
			return strings.TrimPrefix(path.Clean(r.Target), "/"), nil
		}
		return path.Join(dir, r.Target), nil
	}
	return "", fmt.Errorf("cannot find the part of the sheet (relationship %s) in the workbook", rid)
}

type relationship struct {
	ID     string `xml:"Id,attr"`
	Target string `xml:",attr"`
	Type   string `xml:",attr"`
}

// relationships are the relationships of a relationships part as excelize
// holds them (none if it holds no such part).
func relationships(f *excelize.File, part string) []relationship {
	v, ok := f.Relationships.Load(part)
	if !ok {
		return nil
	}
	b, err := xml.Marshal(v)
	if err != nil {
		return nil
	}
	var rels struct {
		Rel []relationship `xml:"Relationship"`
	}
	if xml.Unmarshal(b, &rels) != nil {
		return nil
	}
	return rels.Rel
}

// chunkSize is the size of the uncompressed pieces an entry is compressed
// in, each on its own goroutine. Each piece starts with no history, which
// costs a little: the detail sheets come out about 0.4% larger than from
// one flate writer (0.1% with 4 MB pieces, 1.5% with 256 KB), and the
// writer holds about 2(GOMAXPROCS+2) pieces at a time.
const chunkSize = 1 << 20

type spooled struct {
	name         string
	offset, size int64 // compressed bytes in the spool file
	raw          int64 // uncompressed size
	crc          uint32
}

// chunk is one piece of an entry: its bytes, and once a worker is done
// (a value on done), their compressed form.
type chunk struct {
	e     *spooled
	data  []byte // cap: the chunk size
	first bool   // the entry's first piece
	final bool   // the entry's last piece
	out   bytes.Buffer
	done  chan struct{}
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
	// tables are the tables whose rows go into their parts, by part name;
	// spliced notes the parts they went into.
	tables  map[string]*table
	spliced map[string]bool

	// Chunks go to the workers on jobs and are taken back, in the order
	// they were sent, from pending; at most maxPending are out at a time.
	// chunk is the size of the pieces: chunkSize unless a test sets it;
	// procs the number of workers: GOMAXPROCS unless a test sets it.
	chunk, procs int
	jobs         chan *chunk
	pending      []*chunk
	maxPending   int
	free         []*chunk
	workers      int
	exited       chan struct{} // a value from each worker that stops
}

// entryWriter cuts one entry into chunks.
type entryWriter struct {
	z     *sortedZip
	e     *spooled
	c     *chunk // being filled
	first bool   // no chunk of the entry sent yet
	crc   uint32
	n     int64
	// hold keeps a part that is rewritten before compression.
	hold *bytes.Buffer
	// rows, if not nil, is the table whose rows go into the part held.
	rows *table
}

// Write adds p to the entry. A full chunk is sent when the next byte
// comes, so that the last chunk is never empty but for an empty entry.
func (ew *entryWriter) Write(p []byte) (int, error) {
	if ew.hold != nil {
		return ew.hold.Write(p)
	}
	if ew.z.err != nil {
		return 0, ew.z.err
	}
	ew.crc = crc32.Update(ew.crc, crc32.IEEETable, p)
	ew.n += int64(len(p))
	n := len(p)
	for len(p) > 0 {
		if len(ew.c.data) == cap(ew.c.data) {
			ew.send(false)
		}
		k := copy(ew.c.data[len(ew.c.data):cap(ew.c.data)], p)
		ew.c.data = ew.c.data[:len(ew.c.data)+k]
		p = p[k:]
	}
	return n, ew.z.err
}

// ReadFrom adds what r holds to the entry, read straight into the chunks
// (io.Copy uses it for the sheets excelize spilled to a file). The chunks
// are cut as by Write.
func (ew *entryWriter) ReadFrom(r io.Reader) (int64, error) {
	if ew.hold != nil {
		return ew.hold.ReadFrom(r)
	}
	var total int64
	for ew.z.err == nil {
		c := ew.c
		full := len(c.data) == cap(c.data)
		if full {
			c = ew.z.getChunk(ew.e)
		}
		n, err := r.Read(c.data[len(c.data):cap(c.data)])
		if n > 0 {
			b := c.data[len(c.data) : len(c.data)+n]
			ew.crc = crc32.Update(ew.crc, crc32.IEEETable, b)
			ew.n += int64(n)
			total += int64(n)
			c.data = c.data[:len(c.data)+n]
			if full {
				ew.send(false)
				ew.c = c
			}
		} else if full {
			ew.z.free = append(ew.z.free, c)
		}
		if err == io.EOF {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
	return total, ew.z.err
}

// send hands the chunk being filled to the workers and, unless it is the
// last, starts the next.
func (ew *entryWriter) send(final bool) {
	c := ew.c
	c.first, c.final = ew.first, final
	ew.first = false
	ew.z.submit(c)
	ew.c = nil
	if !final {
		ew.c = ew.z.getChunk(ew.e)
	}
}

func (z *sortedZip) getChunk(e *spooled) *chunk {
	var c *chunk
	if n := len(z.free); n > 0 {
		c = z.free[n-1]
		z.free = z.free[:n-1]
		c.data = c.data[:0]
		c.out.Reset()
	} else {
		if z.chunk == 0 {
			z.chunk = chunkSize
		}
		c = &chunk{data: make([]byte, 0, z.chunk), done: make(chan struct{}, 1)}
	}
	c.e = e
	return c
}

// submit sends c to the workers, first putting the oldest chunk out into
// the spool if maxPending are out.
func (z *sortedZip) submit(c *chunk) {
	if z.jobs == nil {
		n := z.procs
		if n == 0 {
			n = runtime.GOMAXPROCS(0)
		}
		z.maxPending = 2*n + 2
		z.jobs = make(chan *chunk, z.maxPending)
		z.workers, z.exited = n, make(chan struct{}, n)
		for range n {
			go z.work()
		}
	}
	if len(z.pending) >= z.maxPending {
		z.retire()
	}
	z.pending = append(z.pending, c)
	z.jobs <- c
}

// work compresses chunks, each with a flate writer that starts afresh.
// Writing into a bytes.Buffer does not fail.
func (z *sortedZip) work() {
	defer func() { z.exited <- struct{}{} }()
	fw, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
	for c := range z.jobs {
		fw.Reset(&c.out)
		fw.Write(c.data)
		if c.final {
			fw.Close()
		} else {
			fw.Flush()
		}
		c.done <- struct{}{}
	}
}

// retire waits for the oldest chunk out and appends it to the spool.
func (z *sortedZip) retire() {
	c := z.pending[0]
	z.pending = z.pending[:copy(z.pending, z.pending[1:])]
	<-c.done
	if c.first {
		c.e.offset = z.pos
	}
	n, err := z.buf.Write(c.out.Bytes())
	if err != nil && z.err == nil {
		z.err = err
	}
	c.e.size += int64(n)
	z.pos += int64(n)
	c.e = nil
	z.free = append(z.free, c)
}

// drain puts every chunk out into the spool and stops the workers.
func (z *sortedZip) drain() {
	for len(z.pending) > 0 {
		z.retire()
	}
	if z.jobs != nil {
		close(z.jobs)
		for range z.workers {
			<-z.exited
		}
		z.jobs = nil
	}
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
	e := &spooled{name: name}
	z.cur = &entryWriter{z: z, e: e, c: z.getChunk(e), first: true}
	z.entries = append(z.entries, e)
	if name == contentTypes {
		z.cur.hold = new(bytes.Buffer)
	}
	if t := z.tables[name]; t != nil {
		if z.spliced[name] {
			z.err = fmt.Errorf("part %s written twice", name)
			return nil, z.err
		}
		if z.spliced == nil {
			z.spliced = map[string]bool{}
		}
		z.spliced[name] = true
		z.cur.hold, z.cur.rows = new(bytes.Buffer), t
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

// finish sends the last chunk of the entry being written.
func (z *sortedZip) finish() error {
	if z.cur == nil {
		return z.err
	}
	ew := z.cur
	z.cur = nil
	if ew.hold != nil && ew.rows != nil {
		data := ew.hold.Bytes()
		ew.hold = nil
		if err := splice(ew, data, ew.rows); err != nil && z.err == nil {
			z.err = err
		}
	} else if ew.hold != nil {
		data := canonical(ew.hold.Bytes())
		ew.hold = nil
		if _, err := ew.Write(data); err != nil && z.err == nil {
			z.err = err
		}
	}
	ew.e.raw = ew.n
	ew.e.crc = ew.crc
	ew.send(true)
	return z.err
}

// sheetDataEnd ends the rows of a sheet.
var sheetDataEnd = []byte("</sheetData>")

// splice writes to w the part of table t as excelize wrote it, with the
// table's data rows before its </sheetData>, which it must hold once.
func splice(w io.Writer, part []byte, t *table) error {
	if n := bytes.Count(part, sheetDataEnd); n != 1 {
		return fmt.Errorf("sheet %s: the part %s has %d %s, not one: cannot put its rows in", t.sheet, t.part, n, sheetDataEnd)
	}
	i := bytes.Index(part, sheetDataEnd)
	if _, err := w.Write(part[:i]); err != nil {
		return err
	}
	if err := t.writeRows(w); err != nil {
		return fmt.Errorf("sheet %s: %w", t.sheet, err)
	}
	_, err := w.Write(part[i:])
	return err
}

func (z *sortedZip) AddFS(fs.FS) error {
	return errors.New("AddFS is not supported")
}

func (z *sortedZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	z.drain()
	if z.err != nil {
		return z.err
	}
	if z.buf != nil {
		if err := z.buf.Flush(); err != nil {
			z.err = err
			return err
		}
	}
	if err := writeZip(z.out, z.spool, z.entries); err != nil {
		z.err = err
		return err
	}
	return nil
}

// writeZip writes the zip of the entries compressed in spool to out, in
// name order (the first of two entries of one name), each copied without
// recompression.
func writeZip(out io.Writer, spool *os.File, entries []*spooled) error {
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].name < entries[j].name })
	zw := zip.NewWriter(out)
	for i, e := range entries {
		if i > 0 && e.name == entries[i-1].name {
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
			return err
		}
		if _, err := io.Copy(dst, io.NewSectionReader(spool, e.offset, e.size)); err != nil {
			return err
		}
	}
	return zw.Close()
}

func (z *sortedZip) cleanup() {
	z.drain()
	if z.spool != nil {
		name := z.spool.Name()
		z.spool.Close()
		os.Remove(name)
	}
}
