package main
import (
 _ "github.com/cayleygraph/cayley"
 _ "github.com/cayleygraph/cayley/graph/kv/bolt"
 _ "github.com/cayleygraph/cayley/graph/kv/leveldb"
 _ "github.com/cayleygraph/cayley/graph/sql/postgres"
 _ "github.com/cayleygraph/cayley/query/gizmo"
 _ "github.com/cayleygraph/quad/nquads"
 _ "github.com/spf13/cobra"
 _ "github.com/chzyer/readline"
 _ "github.com/markusmobius/go-trafilatura"
 _ "github.com/schollz/progressbar/v3"
)
func main(){}
