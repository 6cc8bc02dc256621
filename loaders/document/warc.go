package document

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// warcOptions read WARC files leniently: web archives in the wild break
// the standard in small ways that do not matter for reading articles.
var warcOptions = []gowarc.WarcRecordOption{
	gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
	gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
	gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
	gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
}

// warcItems scans a WARC file (.warc or .warc.gz) for HTML responses with
// status 200, one item per response. Items keep the record's offset and
// read it again, so holding them costs little whatever the file's size.
func (o Options) warcItems(ctx context.Context, path string) ([]Item, error) {
	label := quoteName(path)
	r, err := gowarc.NewWarcFileReader(path, 0, warcOptions...)
	if err != nil {
		return nil, pathError(path, err)
	}
	defer r.Close()
	var (
		items   []Item
		records int
	)
	for {
		if err := ctx.Err(); err != nil {
			return items, fmt.Errorf("%s: %w", label, err)
		}
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			rec.Close()
			if len(items) > 0 {
				return items, fmt.Errorf("%s: record %d at byte %d: %w (%s; the records before it are read)", label, records+1, rec.Offset, ErrNotText, oneLine(err.Error()))
			}
			return nil, fmt.Errorf("%s: %w (not a WARC file: %s)", label, ErrNotText, oneLine(err.Error()))
		}
		records++
		uri, date, ok := htmlResponse(rec.WarcRecord)
		rec.Close()
		if !ok {
			continue
		}
		off := rec.Offset
		name := uri
		items = append(items, Item{Name: name, read: func(ctx context.Context, o Options) (*Document, error) {
			return o.readWARCRecord(ctx, path, off, name, uri, date)
		}})
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("%s: %w (no HTML responses in %d records)", label, ErrNoArticle, records)
	}
	return items, nil
}

// htmlResponse reports whether rec is an HTTP 200 response with an HTML
// page, with its target URI and capture date.
func htmlResponse(rec gowarc.WarcRecord) (uri string, date time.Time, ok bool) {
	if rec == nil || rec.Type() != gowarc.Response {
		return "", time.Time{}, false
	}
	blk, isHTTP := rec.Block().(gowarc.HttpResponseBlock)
	if !isHTTP || blk.HttpStatusCode() != 200 || blk.HttpHeader() == nil {
		return "", time.Time{}, false
	}
	mt, _, _ := mime.ParseMediaType(blk.HttpHeader().Get("Content-Type"))
	if mt != "text/html" && mt != "application/xhtml+xml" {
		return "", time.Time{}, false
	}
	uri = strings.Trim(rec.WarcHeader().Get(gowarc.WarcTargetURI), "<>")
	date, _ = rec.WarcHeader().GetTime(gowarc.WarcDate)
	return uri, date, uri != ""
}

// readWARCRecord reads the response record at off: the page's target URI
// is its identity unless the page names a canonical URL, and the capture
// date stands in for a publication date the page does not give.
func (o Options) readWARCRecord(ctx context.Context, path string, off int64, name, uri string, captured time.Time) (*Document, error) {
	label := quoteName(name)
	r, err := gowarc.NewWarcFileReader(path, off, warcOptions...)
	if err != nil {
		return nil, pathError(path, err)
	}
	defer r.Close()
	rec, err := r.Next()
	if err != nil {
		rec.Close()
		return nil, fmt.Errorf("%s: %s at byte %d: %w", label, quoteName(path), off, err)
	}
	defer rec.Close()
	blk, ok := rec.WarcRecord.Block().(gowarc.HttpResponseBlock)
	if !ok {
		return nil, fmt.Errorf("%s: %w (record at byte %d is not an HTTP response)", label, ErrNotText, off)
	}
	payload, err := blk.PayloadBytes()
	if err != nil {
		return nil, fmt.Errorf("%s: read: %w", label, err)
	}
	raw, err := o.readAll(ctx, label, payload, -1)
	if err != nil {
		return nil, err
	}
	if enc := strings.ToLower(blk.HttpHeader().Get("Content-Encoding")); (enc == "gzip" || enc == "x-gzip") && bytes.HasPrefix(raw, []byte{0x1f, 0x8b}) {
		// Some crawlers (wget) keep the body as the server sent it.
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("%s: gzip body: %w", label, err)
		}
		if raw, err = o.readAll(ctx, label, zr, -1); err != nil {
			return nil, err
		}
	}
	d, err := o.parse(name+".html", label, bytes.Clone(raw))
	if err != nil {
		return nil, err
	}
	d.Source = uri
	if d.canonical != "" {
		d.Source = d.canonical
	}
	if d.Published.IsZero() && !captured.IsZero() {
		d.Published = captured.UTC()
		d.Note = "date: the capture date (the page gives none)"
	}
	o.finish(&d.Document)
	return &d.Document, nil
}
