package loopgo

// Control flow: paths in a function's control-flow graph.

import (
	"go/ast"
	"go/types"

	"github.com/conclint/conclint/internal/noreturn"
	"golang.org/x/tools/go/ast/inspector"
	gocfg "golang.org/x/tools/go/cfg"
)

// A graph is the control-flow graph of a function body, indexed by node
// and by loop.
type graph struct {
	cfg         *gocfg.CFG
	at          map[ast.Node]*gocfg.Block // cfg node -> its block
	loops       map[ast.Stmt]*loopBlocks
	comms       map[ast.Node]bool // comm statements of select cases
	nonBlocking map[ast.Stmt]bool // comm clauses of selects with a default case
	rangeChan   map[ast.Node]bool // X of range statements over a channel
	optional    map[ast.Node]bool // conditions of if sem != nil { acquire sem }
}

// loopBlocks are the blocks of a loop: its head (the condition, or the
// body of a loop without one), its body and its post statement.
type loopBlocks struct {
	head, body, post *gocfg.Block
}

// next returns the blocks that begin the next iteration.
func (lb *loopBlocks) next() []*gocfg.Block {
	return []*gocfg.Block{lb.head, lb.post}
}

func (c *checker) graphOf(body *ast.BlockStmt) *graph {
	if g := c.graphs[body]; g != nil {
		return g
	}
	g := &graph{
		cfg:         gocfg.New(body, noreturn.MayReturn(c.info)),
		at:          make(map[ast.Node]*gocfg.Block),
		loops:       make(map[ast.Stmt]*loopBlocks),
		comms:       make(map[ast.Node]bool),
		nonBlocking: make(map[ast.Stmt]bool),
		rangeChan:   make(map[ast.Node]bool),
		optional:    make(map[ast.Node]bool),
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectStmt:
			if hasDefault(n) {
				for _, cc := range n.Body.List {
					g.nonBlocking[cc] = true
				}
			}
		case *ast.RangeStmt:
			if t := c.info.TypeOf(n.X); t != nil {
				if _, ok := t.Underlying().(*types.Chan); ok {
					g.rangeChan[n.X] = true
				}
			}
		case *ast.IfStmt:
			if c.optionalSemaphore(n) {
				g.optional[n.Cond] = true
			}
		}
		return true
	})
	lb := func(s ast.Stmt) *loopBlocks {
		l := g.loops[s]
		if l == nil {
			l = &loopBlocks{}
			g.loops[s] = l
		}
		return l
	}
	for _, b := range g.cfg.Blocks {
		for _, n := range b.Nodes {
			if _, ok := g.at[n]; !ok {
				g.at[n] = b
			}
		}
		switch b.Kind {
		case gocfg.KindForLoop, gocfg.KindRangeLoop:
			lb(b.Stmt).head = b
		case gocfg.KindForBody, gocfg.KindRangeBody:
			lb(b.Stmt).body = b
		case gocfg.KindForPost:
			lb(b.Stmt).post = b
		case gocfg.KindSelectCaseBody:
			if cc, ok := b.Stmt.(*ast.CommClause); ok && cc.Comm != nil {
				g.comms[cc.Comm] = true
			}
		}
	}
	for _, l := range g.loops {
		if l.head == nil {
			l.head = l.body // for {} and for ; ; post {}: the body is the loop's head
		}
	}
	c.graphs[body] = g
	return g
}

// nodeOf returns the cfg node that holds the node at cur.
func (g *graph) nodeOf(cur inspector.Cursor) ast.Node {
	for p := cur; p.Index() >= 0; p = p.Parent() {
		if _, ok := g.at[p.Node()]; ok {
			return p.Node()
		}
		switch p.Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return nil
		}
	}
	return nil
}

// A search describes a path search in a control-flow graph.
type search struct {
	goal         ast.Node                // reaching this node succeeds
	goals        []*gocfg.Block          // entering one of these succeeds
	stops        []*gocfg.Block          // entering one of these ends the path
	exits        bool                    // leaving the function succeeds
	blocked      func(ast.Node) bool     // nodes that end the path
	blockedEntry func(*gocfg.Block) bool // blocks whose entry ends the path
	noReturn     func(n ast.Node) bool   // nodes after which the path does not leave the function
	bodyOnly     map[*gocfg.Block]bool   // loop heads whose paths all enter the body
}

// reach reports whether a path from just after the cfg node n satisfies s.
func (g *graph) reach(n ast.Node, s *search) bool {
	b := g.at[n]
	if b == nil {
		return true
	}
	for i, m := range b.Nodes {
		if m == n {
			return g.reachFrom(b, i+1, s)
		}
	}
	return true
}

// reachFrom reports whether a path from node i of block b satisfies s.
func (g *graph) reachFrom(b *gocfg.Block, i int, s *search) bool {
	type item struct {
		b *gocfg.Block
		i int
	}
	seen := make(map[*gocfg.Block]bool)
	stack := []item{{b, i}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		blocked := false
		for _, n := range it.b.Nodes[it.i:] {
			if n == s.goal {
				return true
			}
			if s.blocked != nil && s.blocked(n) {
				blocked = true
				break
			}
		}
		if blocked {
			continue
		}
		// The block after the last case of a select without default
		// has no successor, but no path takes it: it is not an exit.
		if s.exits && len(it.b.Succs) == 0 && it.b.Live && (it.b.Kind != gocfg.KindSelectAfterCase || len(it.b.Nodes) > 0) {
			last := ast.Node(nil)
			if len(it.b.Nodes) > 0 {
				last = it.b.Nodes[len(it.b.Nodes)-1]
			}
			if last == nil || s.noReturn == nil || !s.noReturn(last) {
				return true
			}
		}
		next := it.b.Succs
		if s.bodyOnly[it.b] && len(next) == 2 {
			next = next[:1] // the body: the loop runs at least once
		}
	succs:
		for _, succ := range next {
			for _, gb := range s.goals {
				if succ == gb {
					return true
				}
			}
			for _, sb := range s.stops {
				if succ == sb {
					continue succs
				}
			}
			if seen[succ] {
				continue
			}
			seen[succ] = true
			if s.blockedEntry != nil && s.blockedEntry(succ) {
				continue
			}
			stack = append(stack, item{succ, 0})
		}
	}
	return false
}
