package guard

import (
	"sort"
	"strings"
)

// walkStrings calls fn for every string in v with the map key it sits under
// (list elements keep their parent's key). The "//" metadata key is skipped.
func walkStrings(v any, key string, fn func(key, s string)) {
	switch t := v.(type) {
	case string:
		fn(key, t)
	case []any:
		for _, e := range t {
			walkStrings(e, key, fn)
		}
	case map[string]any:
		for _, k := range sortedKeys(t) {
			if k == "//" {
				continue
			}
			walkStrings(t[k], k, fn)
		}
	}
}

// node is one vertex of the dependency graph.
type node struct {
	addr string
	path string
	deps []string // sorted, unique
	// refs are the references as written, for undeclared-reference reporting.
	refs []string
}

// Graph is the dependency graph of a stack: resources, data sources,
// locals, modules and outputs, with edges from ${} references and depends_on.
type Graph struct {
	nodes map[string]*node
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
	g := &Graph{nodes: map[string]*node{}}
	add := func(addr, path string, body any) {
		n := &node{addr: addr, path: path}
		seen := map[string]bool{}
		iters := dynamicIterators(body)
		addDep := func(a string) {
			if root, _, _ := strings.Cut(a, "."); iters[root] || root == "each" {
				return // a dynamic block's iterator or for_each's each, not a resource
			}
			if !seen[a] {
				seen[a] = true
				n.deps = append(n.deps, a)
			}
		}
		if m := asMap(body); m != nil {
			for _, k := range sortedKeys(m) {
				if k == "//" || k == "lifecycle" || k == "depends_on" || k == "provisioner" || k == "connection" {
					continue
				}
				walkStrings(m[k], k, func(_, sv string) {
					for _, r := range s.refsIn(sv) {
						addDep(r.Addr)
					}
				})
			}
			for _, d := range strs(m["depends_on"]) {
				e := d
				if x, ok := singleInterp(d); ok {
					e = x
				}
				for _, r := range refsInExpr(e) {
					addDep(r.Addr)
				}
			}
		} else {
			walkStrings(body, "", func(_, sv string) {
				for _, r := range s.refsIn(sv) {
					addDep(r.Addr)
				}
			})
		}
		sort.Strings(n.deps)
		g.nodes[addr] = n
		g.order = append(g.order, addr)
	}
	for _, r := range s.Resources {
		add(r.Address, r.Path, r.Body)
	}
	for _, k := range sortedKeys(s.Locals) {
		add("local."+k, "", s.Locals[k])
	}
	for _, k := range sortedKeys(anyMap(s.Modules)) {
		add("module."+k, "", s.Modules[k])
	}
	for _, k := range sortedKeys(anyMap(s.Outputs)) {
		add("output."+k, "", s.Outputs[k])
	}
	for k := range s.Variables {
		g.nodes["var."+k] = &node{addr: "var." + k}
	}
	sort.Strings(g.order)
	return g
}

func anyMap[V any](m map[string]V) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Deps returns the direct dependencies of addr.
func (g *Graph) Deps(addr string) []string {
	if n := g.nodes[addr]; n != nil {
		return n.deps
	}
	return nil
}

// DependsOn reports whether from depends on to, directly or transitively.
func (g *Graph) DependsOn(from, to string) bool {
	seen := map[string]bool{}
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
					for _, set := range blocks(e) { // an object, or the array form
						for name, d := range set {
							for _, blk := range blocks(d) {
								if it := str(blk["iterator"]); it != "" {
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
