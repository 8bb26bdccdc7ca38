// Package collection turns a schema into API collections that people import
// into Postman (Collection Format v2.1) and Insomnia (export format v4): one
// ready-to-send request per root field, grouped into folders by resource.
//
// Generate is a pure function of the schema and the Config: the same input
// gives byte-identical files. Nothing in the files is random or taken from
// the clock; ids are derived from what a request is (its API, operation type
// and field), not from what it holds, so that a re-import updates a user's
// collection in place and a schema change touches only the requests it
// affects.
//
// The work is split by concern: operations.go builds a root field's
// operation text, selection.go its selection set and examples.go its example
// variables; derive.go derives folders from the schema (folders.go groups
// by explicit keys instead) and names.go names requests;
// describe.go writes the descriptions; postman.go and insomnia.go lay the
// result out in each format, with ids from ids.go, and postman_json.go and
// insomnia_json.go write it with jsonwrite.go's writer.
package collection

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/schemawatch/schemawatch/internal/lazyregexp"
	"github.com/schemawatch/schemawatch/internal/schema"
)

// DefaultName is the API name used when Config.Name is empty.
const DefaultName = "railway"

// DefaultEndpoint is the default value of the baseUrl variable: Railway's
// public GraphQL API.
const DefaultEndpoint = "https://backboard.railway.com/graphql/v2"

// DefaultDepth is how many levels of nested objects a request selects when
// Config.Depth is zero; see Config.Depth.
const DefaultDepth = 1

// OwnFieldsOnly is the smallest depth, what `--depth 0` asks for: a request
// selects the scalars and enums of the type its root field returns (through
// a Relay connection's edges { node }) and no object below it. It is a
// value of its own because a zero Depth means DefaultDepth.
const OwnFieldsOnly = -1

// Config says what to generate. The zero value generates Railway's
// collections.
type Config struct {
	// Name names the API. It is the collection's name and the start of the
	// file names (<name>.postman_collection.json, <name>.insomnia.json), and
	// it goes into every id, so two APIs' collections never share one.
	// Letters, digits, '.', '_' and '-'; empty means DefaultName.
	Name string

	// Endpoint is the default value of the baseUrl variable every request is
	// sent to; empty means DefaultEndpoint. It must not carry user
	// information, a query string or a fragment: they may hold a secret.
	Endpoint string

	// Depth is how many levels of nested objects a request selects below
	// the type its root field returns: at 1, `project` selects the project's
	// scalars and enums and those of the objects it points to, and no
	// further. A Relay connection's `edges { node }` is not a level of its
	// own, so a list of projects is as deep as one project. Zero means
	// DefaultDepth; OwnFieldsOnly selects no nested object at all. A
	// request whose selection at this depth would be longer than a few
	// hundred lines is selected shallower (see rootSelection).
	Depth int

	// FetchedAt is when the schema was fetched, as a snapshot made by
	// `introspect --snapshot` records it; zero for none. The watch cycle
	// leaves it zero: its outputs never depend on the clock.
	// It is the only time the files hold; the zero time leaves it out.
	FetchedAt time.Time

	// Auth says how requests authenticate; the zero value is Railway's
	// two ways for Railway's endpoints and a bearer token for any other.
	Auth Auth

	// Headers are headers every request carries, by name, such as an API
	// version. Each becomes a variable (header_<name>) holding the value,
	// which users may change. They must not carry a secret: a caller
	// leaves out a value that came from a secret (such as ${VAR} in the
	// configuration), and a header that carries credentials is refused.
	Headers map[string]string

	// Folders groups requests by resource; nil derives them from the
	// schema (see deriveFolders). Root fields that belong to no folder go
	// to one named Other, last.
	Folders []Folder
}

// validName is what a collection name may be: it becomes a file name.
var validName = lazyregexp.New(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// withDefaults checks the config and fills in the defaults.
func (c Config) withDefaults() (Config, error) {
	if c.Name == "" {
		c.Name = DefaultName
	}
	if err := CheckName(c.Name); err != nil {
		return c, err
	}
	if c.Endpoint == "" {
		c.Endpoint = DefaultEndpoint
	}
	if err := checkEndpoint(c.Endpoint); err != nil {
		return c, err
	}
	if err := c.Auth.check(); err != nil {
		return c, err
	}
	c.Auth = c.Auth.resolve(c.Endpoint)
	if err := checkHeaders(c.Headers, c.Auth); err != nil {
		return c, err
	}
	switch {
	case c.Depth == 0:
		c.Depth = DefaultDepth
	case c.Depth == OwnFieldsOnly:
		c.Depth = 0
	case c.Depth < 0:
		return c, fmt.Errorf("selection depth %d: want 0 or more (OwnFieldsOnly for 0)", c.Depth)
	}
	return c, nil
}

// CheckName reports a name that cannot name an API's collections.
func CheckName(name string) error {
	if !validName.MatchString(name) {
		return fmt.Errorf("collection name %q: use letters, digits, '.', '_' and '-' (it becomes a file name)", name)
	}
	return nil
}

// checkEndpoint accepts an absolute http(s) URL that cannot hold a secret.
// The error never quotes the URL, for the same reason.
func checkEndpoint(endpoint string) error {
	u, err := url.Parse(endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("endpoint: want an absolute http:// or https:// URL such as " + DefaultEndpoint)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return errors.New("endpoint: it carries user information, a query string or a fragment, which may hold a secret, and a collection never holds one; give the bare endpoint and let users put their token in the token variable")
	}
	return nil
}

// FileNames returns the names of the files Generate writes for an API.
func FileNames(name string) (postman, insomnia string) {
	return name + ".postman_collection.json", name + ".insomnia.json"
}

// Generate returns the Postman and Insomnia collections of s, by file name.
func Generate(s *schema.Schema, cfg Config) (map[string][]byte, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	c := build(s, cfg)
	postmanFile, insomniaFile := FileNames(cfg.Name)
	// The two files only read c: lay them out side by side.
	var postman []byte
	var wg sync.WaitGroup
	wg.Go(func() { postman = c.postmanFile() })
	insomnia := c.insomniaFile()
	wg.Wait()
	return map[string][]byte{postmanFile: postman, insomniaFile: insomnia}, nil
}

// postmanFile is the Postman collection file: indented by two spaces,
// ending in a new line.
func (c *collection) postmanFile() []byte {
	pc := c.postman()
	w := jsonWriter{indent: "  ", buf: make([]byte, 0, pc.sizeHint())}
	pc.writeJSON(&w)
	return append(w.buf, '\n')
}

// insomniaFile is the Insomnia export file, laid out as the Postman one.
func (c *collection) insomniaFile() []byte {
	export := c.insomnia()
	w := jsonWriter{indent: "  ", buf: make([]byte, 0, export.sizeHint())}
	export.writeJSON(&w)
	return append(w.buf, '\n')
}

// The files' size hints are a little more than their sizes, so that each
// file is written into one buffer, and not much more, since every byte of
// it is allocated and cleared and the garbage collector runs by bytes
// allocated (TestSizeHintFitsTheFile): for each request (or folder), the
// text it holds and an eighth again for escapes, and the JSON around the
// text, measured by writing the request with its texts left out
// (scaffold).
const (
	fileOverhead    = 8 << 10
	requestOverhead = 1 << 10 // a request's JSON besides its texts, at most
)

func textHint(text int) int { return text + text/8 }

// scaffold is the size of the JSON a file holds for a request (or
// folder) besides its texts: write writes one with its texts left out,
// at the depth the file holds it. A few bytes are added for what varies
// in size from request to request (the digits of metaSortKey).
func scaffold(depth int, write func(*jsonWriter)) int {
	w := jsonWriter{indent: "  ", depth: depth}
	write(&w)
	return len(w.buf) + 16
}

// collection is what both formats lay out: the requests in their folders.
type collection struct {
	cfg     Config
	title   string
	about   string // the collection's description
	folders []*folder
}

// folder is one resource's requests, sorted by name.
type folder struct {
	Folder
	id       uuid.UUID // see ids.go
	about    string
	requests []*request
}

// request is one root field, ready to send.
type request struct {
	id    uuid.UUID // see ids.go
	name  string
	about string
	op    *operation
	// lowerField is the field's name in lower case, which requests are
	// sorted by first.
	lowerField string
}

// build makes the operation of every root field and sorts them into
// folders.
func build(s *schema.Schema, cfg Config) *collection {
	ops := operations(s, cfg.Depth)
	c := &collection{cfg: cfg, title: title(cfg.Name)}
	c.about = describeCollection(c.title, cfg)
	names := requestNames(ops)
	groups := deriveFolders(s, ops)
	if cfg.Folders != nil {
		groups = groupByFolder(ops, cfg.Folders)
	}
	var ids idHasher
	for _, g := range groups {
		f := &folder{Folder: g.folder, id: ids.folderID(cfg.Name, g.folder.Name), about: describeFolder(s, g.folder)}
		for _, op := range g.ops {
			f.requests = append(f.requests, &request{
				id: ids.requestID(cfg.Name, op), name: names[op], about: describeOperation(op), op: op,
				lowerField: strings.ToLower(op.Field.Name),
			})
		}
		sortRequests(f.requests)
		c.folders = append(c.folders, f)
	}
	return c
}

// formatTime formats the fetch time as snapshots record it.
func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }
