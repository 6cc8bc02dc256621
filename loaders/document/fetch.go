package document

import (
	"context"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path"
	"time"
)

// FetchOptions controls reading http(s) URLs. The zero value is ready to
// use.
type FetchOptions struct {
	Timeout   time.Duration // for the whole request; 0 means DefaultFetchTimeout
	UserAgent string        // "" means DefaultUserAgent
	Client    *http.Client  // nil means a client with Timeout
}

// Defaults for FetchOptions.
const (
	DefaultFetchTimeout = 30 * time.Second
	DefaultUserAgent    = "newsgraph/1 (+https://newsgraph.dev; knowledge graphs from news articles)"
)

// fetch gets the page at u, within the size limit. It returns the final
// URL (after redirects), the body and its Content-Type.
func (o Options) fetch(ctx context.Context, u string) (final string, body []byte, contentType string, err error) {
	label := quoteName(u)
	timeout := o.Fetch.Timeout
	if timeout <= 0 {
		timeout = DefaultFetchTimeout
	}
	client := o.Fetch.Client
	if client == nil {
		client = &http.Client{Timeout: timeout}
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return "", nil, "", fmt.Errorf("%s: %w", label, err)
	}
	ua := o.Fetch.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.1")
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return "", nil, "", fmt.Errorf("%s: fetch: no answer within %s", label, timeout)
		}
		return "", nil, "", fmt.Errorf("%s: fetch: %w", label, unwrapURLError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", nil, "", fmt.Errorf("%s: fetch: HTTP %s", label, resp.Status)
	}
	if max := o.maxBytes(); resp.ContentLength > max {
		return "", nil, "", fmt.Errorf("%s: %w (%s > %s limit)", label, ErrTooLarge, formatSize(resp.ContentLength), formatSize(max))
	}
	body, err = o.readAll(ctx, label, resp.Body, resp.ContentLength)
	if err != nil {
		return "", nil, "", err
	}
	return resp.Request.URL.String(), body, resp.Header.Get("Content-Type"), nil
}

// unwrapURLError drops the "Get "…": " that net/http puts before the cause:
// the message already starts with the URL.
func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// urlItems fetches u: a feed becomes one item per feed item, anything else
// one article read from the body (its format sniffed, as for a file).
func (o Options) urlItems(ctx context.Context, u string) ([]Item, error) {
	final, body, ct, err := o.fetch(ctx, u)
	if err != nil {
		return nil, err
	}
	if isFeed(body) {
		return feedItems(u, final, body)
	}
	name := u
	// The format is sniffed from the body; a page's URL path rarely ends
	// in .html, so the Content-Type's word counts as its extension.
	ext := path.Ext(mustURLPath(final))
	if mt := mediaType(ct); mt == "text/html" || mt == "application/xhtml+xml" {
		ext = ".html"
	}
	return []Item{{Name: name, read: func(ctx context.Context, o Options) (*Document, error) {
		label := quoteName(name)
		d, err := o.parse(name+ext, label, body)
		if err != nil {
			return nil, err
		}
		d.Source = final
		if d.canonical != "" {
			d.Source = d.canonical
		}
		o.finish(&d.Document)
		return &d.Document, nil
	}}}, nil
}

// mediaType returns the media type of a Content-Type header, lower case.
func mediaType(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return ""
	}
	return mt
}

func mustURLPath(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return p.Path
}
