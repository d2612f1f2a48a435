package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
)

// numbered returns n bytes of numbered lines: compressible, as sheet XML
// is, and different at every offset, so that chunks put out of order, or
// one dropped or repeated, give other bytes.
func numbered(n int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>银行%d</t></is></c></row>`, i, i, i%97)
	}
	return b.Bytes()[:n]
}

// onlyReader hides every method but Read, as io.SectionReader does, so that
// io.Copy goes through entryWriter.ReadFrom.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

// zipEntries writes the entries through a sortedZip cutting chunks of
// size chunk, each entry written in pieces of piece bytes (0: one Write;
// -1: io.Copy from a reader, that is ReadFrom), and returns the zip.
func zipEntries(t testing.TB, chunk, piece int, names []string, data [][]byte) []byte {
	return zipEntriesIn(t, t.TempDir(), chunk, 0, piece, names, data)
}

// zipEntriesIn is zipEntries with the spool in dir and procs workers (0:
// GOMAXPROCS).
func zipEntriesIn(t testing.TB, dir string, chunk, procs, piece int, names []string, data [][]byte) []byte {
	t.Helper()
	var out bytes.Buffer
	z := &sortedZip{out: &out, tmpDir: dir, chunk: chunk, procs: procs}
	defer z.cleanup()
	for i, name := range names {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		d := data[i]
		switch {
		case piece < 0:
			if _, err := io.Copy(w, onlyReader{bytes.NewReader(d)}); err != nil {
				t.Fatal(err)
			}
		case piece == 0:
			if _, err := w.Write(d); err != nil {
				t.Fatal(err)
			}
		default:
			for len(d) > 0 {
				k := min(piece, len(d))
				if _, err := w.Write(d[:k]); err != nil {
					t.Fatal(err)
				}
				d = d[k:]
			}
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// readZip reads every entry back through archive/zip, which checks each
// entry's CRC-32 and size and fails on a deflate stream cut short or
// without its final block.
func readZip(t testing.TB, b []byte) (names []string, data [][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		d, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", zf.Name, err)
		}
		// Nothing may follow the final block: the stream is read to its end.
		raw, _ := zf.OpenRaw()
		rawBytes, _ := io.ReadAll(raw)
		if int64(len(rawBytes)) != int64(zf.CompressedSize64) {
			t.Fatalf("%s: %d compressed bytes, header says %d", zf.Name, len(rawBytes), zf.CompressedSize64)
		}
		names = append(names, zf.Name)
		data = append(data, d)
	}
	return names, data
}

// TestParallelZipRoundTrip writes entries of every size around the chunk
// size — empty, one byte, a chunk less one, one chunk exactly, a chunk and
// one byte, several chunks and a part — through the parallel compressor,
// in one Write, in small pieces and by ReadFrom, and reads them back with
// archive/zip: each must be the bytes written, in name order.
func TestParallelZipRoundTrip(t *testing.T) {
	for _, chunk := range []int{chunkSize, 4096} {
		sizes := []int{0, 1, chunk - 1, chunk, chunk + 1, 2 * chunk, 5*chunk + 12345}
		var names []string
		var data [][]byte
		for i, n := range sizes {
			// Created out of name order, as excelize does.
			names = append(names, fmt.Sprintf("part%02d.xml", len(sizes)-i))
			data = append(data, numbered(n))
		}
		var first []byte
		for _, piece := range []int{0, 7777, -1} {
			b := zipEntries(t, chunk, piece, names, data)
			gotNames, got := readZip(t, b)
			if len(got) != len(sizes) {
				t.Fatalf("chunk %d piece %d: %d entries back, want %d", chunk, piece, len(got), len(sizes))
			}
			for i := range got {
				j := len(sizes) - 1 - i // sorted by name
				if gotNames[i] != names[j] || !bytes.Equal(got[i], data[j]) {
					t.Errorf("chunk %d piece %d: entry %d is %s of %d bytes, want %s of %d bytes", chunk, piece, i, gotNames[i], len(got[i]), names[j], len(data[j]))
				}
			}
			// The cut points depend on the bytes only, not on how they came.
			if first == nil {
				first = b
			} else if !bytes.Equal(b, first) {
				t.Errorf("chunk %d: writing in pieces of %d gives another zip", chunk, piece)
			}
		}
	}
}

// TestParallelZipChunks checks that a big entry is really cut: its
// compressed bytes are not those of one flate writer (the reference), and
// the order of the chunks is that of the data: swapping two chunks of the
// input gives another entry back.
func TestParallelZipChunks(t *testing.T) {
	const chunk = 4096
	d := numbered(10 * chunk)
	par := zipEntries(t, chunk, 0, []string{"a.xml"}, [][]byte{d})
	var ref bytes.Buffer
	rz := &refZip{out: &ref, tmpDir: t.TempDir()}
	defer rz.cleanup()
	w, _ := rz.Create("a.xml")
	w.Write(d)
	if err := rz.Close(); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(par, ref.Bytes()) {
		t.Error("a 10-chunk entry was compressed as one stream")
	}
	swapped := append([]byte(nil), d...)
	copy(swapped[3*chunk:4*chunk], d[5*chunk:6*chunk])
	copy(swapped[5*chunk:6*chunk], d[3*chunk:4*chunk])
	_, got := readZip(t, zipEntries(t, chunk, 0, []string{"a.xml"}, [][]byte{swapped}))
	if !bytes.Equal(got[0], swapped) || bytes.Equal(got[0], d) {
		t.Error("the chunks do not come back in the order of the data")
	}
}

// TestParallelZipMatchesSerial writes workbooks with the parallel
// compressor, with the rows spliced in, and with the serial reference
// (rows written by SetRow): the same parts, in the same
// order, with the same bytes; a part of at most one chunk (all but the
// detail sheets) compressed to the same bytes too.
func TestParallelZipMatchesSerial(t *testing.T) {
	reports := []*model.Report{fixture()}
	if !testing.Short() {
		// Its metric detail sheet is about 45 MB: many chunks.
		reports = append(reports, synthetic(4000, 10, 50))
	}
	for _, r := range reports {
		var par, ser bytes.Buffer
		if err := write(&par, r, writeSorted, Options{TempDir: t.TempDir()}); err != nil {
			t.Fatal(err)
		}
		// The reference writes the rows with the StreamWriters, and
		// writeSorted puts in the rows encoded at the save.
		writeRowsOf = writeRowsRef
		err := write(&ser, r, writeSortedRef, Options{TempDir: t.TempDir()})
		writeRowsOf = spliceRows
		if err != nil {
			t.Fatal(err)
		}
		pz, err := zip.NewReader(bytes.NewReader(par.Bytes()), int64(par.Len()))
		if err != nil {
			t.Fatal(err)
		}
		sz, err := zip.NewReader(bytes.NewReader(ser.Bytes()), int64(ser.Len()))
		if err != nil {
			t.Fatal(err)
		}
		if len(pz.File) != len(sz.File) {
			t.Fatalf("%d parts, the reference %d", len(pz.File), len(sz.File))
		}
		multi := 0
		for i, pf := range pz.File {
			sf := sz.File[i]
			if pf.Name != sf.Name || pf.CRC32 != sf.CRC32 || pf.UncompressedSize64 != sf.UncompressedSize64 {
				t.Errorf("part %d: %s crc %08x size %d; the reference %s crc %08x size %d", i, pf.Name, pf.CRC32, pf.UncompressedSize64, sf.Name, sf.CRC32, sf.UncompressedSize64)
				continue
			}
			pd, sd := readPart(t, pf), readPart(t, sf)
			if !bytes.Equal(pd, sd) {
				t.Errorf("%s differs from the reference's", pf.Name)
			}
			praw, sraw := rawPart(t, pf), rawPart(t, sf)
			if pf.UncompressedSize64 <= chunkSize && !bytes.Equal(praw, sraw) {
				t.Errorf("%s, one chunk, is compressed to other bytes than the reference's", pf.Name)
			}
			if pf.UncompressedSize64 > chunkSize {
				multi++
			}
		}
		if !testing.Short() && len(r.Metrics) > 10000 && multi == 0 {
			t.Error("no part of more than one chunk: the test does not test the chunks")
		}
	}
}

func readPart(t *testing.T, zf *zip.File) []byte {
	rc, err := zf.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("%s: %v", zf.Name, err)
	}
	return b
}

func rawPart(t *testing.T, zf *zip.File) []byte {
	rc, err := zf.OpenRaw()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	return b
}

// TestParallelZipNoLeftovers: the spool goes, and the workers stop, also
// when the workbook is not written to the end.
func TestParallelZipNoLeftovers(t *testing.T) {
	dir := t.TempDir()
	z := &sortedZip{out: io.Discard, tmpDir: dir, chunk: 4096}
	w, err := z.Create("a.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write(numbered(100000))
	z.cleanup() // no Close: as when excelize fails half way
	if z.jobs != nil || len(z.pending) != 0 {
		t.Error("workers or chunks left after cleanup")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatal(err)
	}
}

// FuzzParallelZip: any bytes, cut in chunks of any size from 16 bytes and
// written in pieces of any size, come back from archive/zip as they went
// in. (The seeds are small: each execution takes milliseconds, and an
// input of n bytes found interesting is minimised in about n executions.)
func FuzzParallelZip(f *testing.F) {
	f.Add([]byte(""), uint16(0), uint16(0))
	f.Add([]byte("abc"), uint16(3), uint16(1))
	f.Add(numbered(200), uint16(24), uint16(33))
	f.Add(bytes.Repeat([]byte{0}, 150), uint16(34), uint16(0))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, d []byte, chunk, piece uint16) {
		c := int(chunk)%1024 + 16
		p := int(piece) % 2000
		b := zipEntriesIn(t, dir, c, 1, p, []string{"x.xml", "a/b.xml"}, [][]byte{d, numbered(len(d) / 2)})
		names, got := readZip(t, b)
		if len(got) != 2 || names[0] != "a/b.xml" || !bytes.Equal(got[1], d) || !bytes.Equal(got[0], numbered(len(d)/2)) {
			t.Errorf("%d bytes in chunks of %d, pieces of %d: did not come back", len(d), c, p)
		}
	})
}
