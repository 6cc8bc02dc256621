package document

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// SummaryOnly is the Note of a document made from a feed item that carries
// only a summary, not the article's full text.
const SummaryOnly = "summary only: the feed item has no full text"

// feedFileItems reads an RSS or Atom file into one item per feed item.
func (o Options) feedFileItems(path string) ([]Item, error) {
	label := quoteName(path)
	info, err := os.Stat(path)
	if err != nil {
		return nil, pathError(path, err)
	}
	if max := o.maxBytes(); info.Size() > max {
		return nil, fmt.Errorf("%s: %w (%s > %s limit)", label, ErrTooLarge, formatSize(info.Size()), formatSize(max))
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, pathError(path, err)
	}
	abs, _ := filepath.Abs(path)
	return feedItems(path, abs, raw)
}

// isFeed reports whether raw looks like an RSS or Atom document.
func isFeed(raw []byte) bool {
	return gofeed.DetectFeedType(bytes.NewReader(raw)) != gofeed.FeedTypeUnknown
}

// feedItems parses a feed into one item per feed item. Name labels it, base
// names items without a link ("base#3").
func feedItems(name, base string, raw []byte) ([]Item, error) {
	label := quoteName(name)
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%s: %w (not an RSS or Atom feed: %s)", label, ErrNotText, oneLine(err.Error()))
	}
	if len(feed.Items) == 0 {
		return nil, fmt.Errorf("%s: %w (a feed without items)", label, ErrEmpty)
	}
	publisher := strings.Join(strings.Fields(feed.Title), " ")
	var items []Item
	for i, fi := range feed.Items {
		itemName := fmt.Sprintf("%s#%d", name, i+1)
		m := Meta{URL: canonicalURL(fi.Link), Title: strings.Join(strings.Fields(fi.Title), " "), Publisher: publisher}
		switch {
		case fi.PublishedParsed != nil:
			m.Published = fi.PublishedParsed.UTC()
		case fi.UpdatedParsed != nil:
			m.Published = fi.UpdatedParsed.UTC()
		}
		var authors []string
		for _, a := range fi.Authors {
			if a != nil && strings.TrimSpace(a.Name) != "" {
				authors = append(authors, strings.TrimSpace(a.Name))
			}
		}
		m.Byline = strings.Join(authors, ", ")
		source := m.URL
		if source == "" {
			id := strings.TrimSpace(fi.GUID)
			if id == "" {
				id = fmt.Sprint(i + 1)
			}
			source = base + "#" + id
		}
		body, note := fi.Content, ""
		if strings.TrimSpace(htmlText(body)) == "" {
			body, note = fi.Description, SummaryOnly
		}
		items = append(items, Item{Name: itemName, read: func(ctx context.Context, o Options) (*Document, error) {
			text := htmlText(body)
			if strings.TrimSpace(text) == "" {
				return nil, fmt.Errorf("%s: %w (the feed item has neither content nor summary)", quoteName(itemName), ErrEmpty)
			}
			return o.readString(itemName, "", source, text, Text, m, note)
		}})
	}
	return items, nil
}

// htmlText returns the text of an HTML fragment (a feed item's content or
// summary), a blank line between blocks; plain text comes back as it is.
func htmlText(s string) string {
	if !strings.Contains(s, "<") {
		return html.UnescapeString(s)
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return s
	}
	var sb strings.Builder
	for _, n := range nodes {
		writeBlocks(&sb, n)
	}
	return strings.ReplaceAll(sb.String(), headingMark, "")
}

// oneLine collapses white space so that a library's message fits one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
