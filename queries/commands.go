package queries

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// Options are the output options every command takes, as flags on the
// command line (--json, --type T, --limit N) or set on Env as defaults.
type Options struct {
	JSON  bool   // JSON instead of a table
	Type  string // entity type filter (entities)
	Limit int    // at most this many rows; 0 = all (gizmo: DefaultGizmoLimit)
	// Timeout bounds a Gizmo query's time (--timeout 10s); 0 means
	// DefaultGizmoTimeout.
	Timeout time.Duration
}

// Env is what commands run against: the store and default options. Entity
// names are loaded once per Env, for resolution and completion.
type Env struct {
	QS      cgraph.QuadStore
	Options Options

	mu   sync.Mutex
	ents []Entity
}

// NewEnv returns an Env over qs.
func NewEnv(qs cgraph.QuadStore) *Env { return &Env{QS: qs} }

// Entities returns every entity of the store, loaded on first use.
func (e *Env) Entities(ctx context.Context) ([]Entity, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.ents == nil {
		ents, err := loadEntities(ctx, e.QS)
		if err != nil {
			return nil, err
		}
		if ents == nil {
			ents = []Entity{}
		}
		e.ents = ents
	}
	return e.ents, nil
}

// Refresh forgets the loaded entities (after the store changed).
func (e *Env) Refresh() {
	e.mu.Lock()
	e.ents = nil
	e.mu.Unlock()
}

// Resolve finds the entity a name means (see the package function Resolve).
// Until the entities are loaded it first looks the name up in the store's
// label index under its usual spellings (as typed, Title Case, UPPER,
// lower), which spares loading every entity for one query on a large store;
// only a name found that way under no spelling loads them all.
func (e *Env) Resolve(ctx context.Context, name string) (Entity, error) {
	e.mu.Lock()
	loaded := e.ents != nil
	e.mu.Unlock()
	if !loaded {
		if iri := parseIRIArg(name); isEntityIRI(iri) {
			found, err := readEntities(ctx, e.QS, []quad.Value{quad.IRI(iri)})
			if err != nil || len(found) == 1 && found[0].Label != "" {
				return firstOf(found), err
			}
		}
		found, err := lookupNames(ctx, e.QS, name)
		if err != nil {
			return Entity{}, err
		}
		if len(found) > 0 {
			if ent, err := Resolve(ctx, found, name); !errors.As(err, new(*NotFoundError)) {
				return ent, err
			}
		}
	}
	ents, err := e.Entities(ctx)
	if err != nil {
		return Entity{}, err
	}
	return Resolve(ctx, ents, name)
}

func firstOf(es []Entity) Entity {
	if len(es) == 0 {
		return Entity{}
	}
	return es[0]
}

// Command is a canned query as the CLI and the REPL run it.
type Command struct {
	Name  string // "facts"
	Usage string // "facts ENTITY"
	Help  string // one paragraph
	// Run executes the command. args are the words after the name; flags
	// among them (--json, --type T, --limit N) override env.Options.
	Run func(ctx context.Context, env *Env, args []string, w io.Writer) error
}

// ErrUsage is wrapped by the errors of commands called with wrong arguments.
var ErrUsage = errors.New("usage")

var registry = map[string]*Command{}

func register(c *Command) { registry[c.Name] = c }

// Lookup returns the command with that name.
func Lookup(name string) (*Command, bool) {
	c, ok := registry[strings.ToLower(name)]
	return c, ok
}

// Commands returns every command, sorted by name.
func Commands() []*Command {
	out := make([]*Command, 0, len(registry))
	for _, c := range registry {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Run runs the command named by args[0] with the rest as its arguments.
func Run(ctx context.Context, env *Env, args []string, w io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: no command", ErrUsage)
	}
	c, ok := Lookup(args[0])
	if !ok {
		return fmt.Errorf("unknown command %q (try help)", args[0])
	}
	return c.Run(ctx, env, args[1:], w)
}

// ParseArgs separates the flags --json, --type T (--type=T), --limit N
// (--limit=N, -n N) from the positional arguments, starting from base.
// "--" ends the flags.
func ParseArgs(base Options, args []string) (Options, []string, error) {
	o := base
	var pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		name, val, hasVal := strings.Cut(a, "=")
		switch name {
		case "--json", "-j":
			o.JSON = true
		case "--type", "-t", "--limit", "-n", "--timeout":
			if !hasVal {
				if i+1 >= len(args) {
					return o, nil, fmt.Errorf("%w: %s needs a value", ErrUsage, name)
				}
				i++
				val = args[i]
			}
			if name == "--type" || name == "-t" {
				o.Type = val
				break
			}
			if name == "--timeout" {
				d, err := time.ParseDuration(val)
				if err != nil || d <= 0 {
					return o, nil, fmt.Errorf("%w: --timeout wants a duration such as 10s, not %q", ErrUsage, val)
				}
				o.Timeout = d
				break
			}
			n, err := strconv.Atoi(val)
			if err != nil || n < 0 {
				return o, nil, fmt.Errorf("%w: %s wants a number, not %q", ErrUsage, name, val)
			}
			o.Limit = n
		default:
			if strings.HasPrefix(a, "--") {
				return o, nil, fmt.Errorf("%w: unknown flag %s", ErrUsage, a)
			}
			pos = append(pos, a)
		}
	}
	return o, pos, nil
}

// SplitArgs splits a command line into words: spaces separate, "double" or
// 'single' quotes group, a backslash escapes the next character.
func SplitArgs(line string) ([]string, error) {
	var out []string
	var cur strings.Builder
	inWord := false
	var quote rune
	escaped := false
	for _, r := range line {
		switch {
		case escaped:
			cur.WriteRune(r)
			escaped = false
		case r == '\\' && quote != '\'':
			escaped, inWord = true, true
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unclosed %c quote", quote)
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out, nil
}
