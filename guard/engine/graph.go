package engine

import (
	"sort"
	"strings"
)

// WalkStrings calls fn for every string in v with the map key it sits under
// (list elements keep their parent's key). The "//" metadata key is skipped.
func WalkStrings(v any, key string, fn func(key, s string)) {
	switch t := v.(type) {
	case string:
		fn(key, t)
	case []any:
		for _, e := range t {
			WalkStrings(e, key, fn)
		}
	case map[string]any:
		for _, k := range SortedKeys(t) {
			if k == "//" {
				continue
			}
			WalkStrings(t[k], k, fn)
		}
	}
}

// Node is one vertex of the dependency graph.
type Node struct {
	// Addr is the node's address ("aws_s3_bucket.b", "local.x", "module.m", "output.o").
	Addr string
	// Path is the construct path of a resource, when the JSON records it.
	Path string
	// Deps are the addresses it refers to or depends on, sorted and unique,
	// declared or not.
	Deps []string
}

// Graph is the dependency graph of a stack: resources, data sources,
// locals, modules and outputs, with edges from ${} references and depends_on.
type Graph struct {
	nodes map[string]*Node
	order []string
}

// Graph returns the stack's dependency graph, built on first use.
func (s *Stack) Graph() *Graph {
	s.memoMu.Lock()
	g := s.graph
	s.memoMu.Unlock()
	if g == nil {
		g = s.buildGraph()
		s.memoMu.Lock()
		s.graph = g
		s.memoMu.Unlock()
	}
	return g
}

func (s *Stack) buildGraph() *Graph {
	// the nodes are allocated together (issue 26: one object per resource
	// of a large stack is memory); count is an upper bound
	count := len(s.Resources) + len(s.absent) + len(s.Locals) + len(s.Modules) + len(s.Outputs) + len(s.Variables)
	g := &Graph{nodes: make(map[string]*Node, count), order: make([]string, 0, count)}
	slab := make([]Node, 0, count)
	node := func(addr, path string) *Node {
		slab = append(slab, Node{Addr: addr, Path: path}) // past count, a new array: the nodes before stay where they are
		return &slab[len(slab)-1]
	}
	add := func(addr, path string, body any) {
		n := node(addr, path)
		seen := map[string]bool{}
		iters := dynamicIterators(body)
		addDep := func(a string) {
			if root, _, _ := strings.Cut(a, "."); iters[root] || root == "each" {
				return // a dynamic block's iterator or for_each's each, not a resource
			}
			if !seen[a] {
				seen[a] = true
				n.Deps = append(n.Deps, a)
			}
		}
		if m := Map(body); m != nil {
			for _, k := range SortedKeys(m) {
				if k == "//" || k == "lifecycle" || k == "depends_on" || k == "provisioner" || k == "connection" {
					continue
				}
				WalkStrings(m[k], k, func(_, sv string) {
					for _, r := range s.refsIn(sv) {
						addDep(r.Addr)
					}
				})
			}
			for _, d := range Strs(m["depends_on"]) {
				e := d
				if x, ok := SingleInterp(d); ok {
					e = x
				}
				for _, r := range RefsInExpr(e) {
					addDep(r.Addr)
				}
			}
		} else {
			WalkStrings(body, "", func(_, sv string) {
				for _, r := range s.refsIn(sv) {
					addDep(r.Addr)
				}
			})
		}
		sort.Strings(n.Deps)
		g.nodes[addr] = n
		g.order = append(g.order, addr)
	}
	for _, r := range append(append([]*Resource(nil), s.Resources...), s.absent...) {
		if g.nodes[r.Base()] == nil { // instances of one resource are one node; absent ones stay declared
			add(r.Base(), r.Path, r.Body)
		}
	}
	for _, k := range SortedKeys(s.Locals) {
		add("local."+k, "", s.Locals[k])
	}
	for _, k := range SortedKeys(AnyMap(s.Modules)) {
		add("module."+k, "", s.Modules[k])
	}
	for _, k := range SortedKeys(AnyMap(s.Outputs)) {
		add("output."+k, "", s.Outputs[k])
	}
	for k := range s.Variables {
		g.nodes["var."+k] = node("var."+k, "")
	}
	sort.Strings(g.order)
	return g
}

// AnyMap converts a map of any value type to map[string]any (for WalkStrings and SortedKeys).
func AnyMap[V any](m map[string]V) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Order returns the addresses of the graph's nodes in a deterministic order.
func (g *Graph) Order() []string { return g.order }

// Node returns the node at addr, or nil when the stack declares no such object.
func (g *Graph) Node(addr string) *Node { return g.nodes[baseAddress(addr)] }

// Deps returns the direct dependencies of addr.
func (g *Graph) Deps(addr string) []string {
	if n := g.nodes[baseAddress(addr)]; n != nil {
		return n.Deps
	}
	return nil
}

// DependsOn reports whether from depends on to, directly or transitively.
func (g *Graph) DependsOn(from, to string) bool {
	seen := map[string]bool{}
	to = baseAddress(to)
	stack := []string{from}
	for len(stack) > 0 {
		a := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, d := range g.Deps(a) {
			if d == to {
				return true
			}
			if !seen[d] {
				seen[d] = true
				stack = append(stack, d)
			}
		}
	}
	return false
}

// Cycles returns one cycle path per strongly connected component that has a
// cycle, each starting and ending at the component's smallest address:
// ["a", "b", "a"]. The result is sorted and deterministic. Paths through a
// module call are not followed: Terraform links each module input and
// output separately, and which outputs depend on which inputs is inside the
// module, so such a loop is not necessarily a cycle.
func (g *Graph) Cycles() [][]string {
	index := map[string]int{}
	low := map[string]int{}
	onStack := map[string]bool{}
	var st []string
	var comps [][]string
	next := 0
	var strong func(v string)
	strong = func(v string) {
		index[v], low[v] = next, next
		next++
		st = append(st, v)
		onStack[v] = true
		for _, w := range g.cycleDeps(v) {
			if _, ok := index[w]; !ok {
				strong(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			var comp []string
			for {
				w := st[len(st)-1]
				st = st[:len(st)-1]
				onStack[w] = false
				comp = append(comp, w)
				if w == v {
					break
				}
			}
			comps = append(comps, comp)
		}
	}
	for _, v := range g.order {
		if _, ok := index[v]; !ok {
			strong(v)
		}
	}
	var out [][]string
	for _, comp := range comps {
		sort.Strings(comp)
		in := map[string]bool{}
		for _, c := range comp {
			in[c] = true
		}
		start := comp[0]
		if len(comp) == 1 {
			self := false
			for _, d := range g.cycleDeps(start) {
				self = self || d == start
			}
			if self {
				out = append(out, []string{start, start})
			}
			continue
		}
		out = append(out, g.shortestCycle(start, in))
	}
	sort.Slice(out, func(i, j int) bool { return strings.Join(out[i], " ") < strings.Join(out[j], " ") })
	return out
}

// shortestCycle finds the shortest path start -> ... -> start within the component (BFS).
func (g *Graph) shortestCycle(start string, in map[string]bool) []string {
	prev := map[string]string{}
	queue := []string{start}
	visited := map[string]bool{}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, w := range g.cycleDeps(v) {
			if !in[w] {
				continue
			}
			if w == start {
				path := []string{start}
				for x := v; x != start; x = prev[x] {
					path = append(path, x)
				}
				// path is start, v, ..., reversed: rebuild in order
				out := []string{start}
				for i := len(path) - 1; i >= 1; i-- {
					out = append(out, path[i])
				}
				return append(out, start)
			}
			if !visited[w] {
				visited[w] = true
				prev[w] = v
				queue = append(queue, w)
			}
		}
	}
	return []string{start, start}
}

// cycleDeps are the edges cycle detection follows: declared targets only,
// and none out of a module call.
func (g *Graph) cycleDeps(v string) []string {
	if strings.HasPrefix(v, "module.") {
		return nil
	}
	var out []string
	for _, w := range g.Deps(v) {
		if g.nodes[w] != nil {
			out = append(out, w)
		}
	}
	return out
}

// dynamicIterators returns the iterator names of every dynamic block in v:
// the block name, or its "iterator" argument.
func dynamicIterators(v any) map[string]bool {
	out := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch t := v.(type) {
		case []any:
			for _, e := range t {
				walk(e)
			}
		case map[string]any:
			for k, e := range t {
				if k == "dynamic" {
					for _, set := range Blocks(e) { // an object, or the array form
						for name, d := range set {
							for _, blk := range Blocks(d) {
								if it := Str(blk["iterator"]); it != "" {
									out[it] = true
								} else {
									out[name] = true
								}
							}
						}
					}
				}
				walk(e)
			}
		}
	}
	walk(v)
	return out
}
