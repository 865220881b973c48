// Package apisurface measures how much of the library's public API exposes
// the CDKTF and jsii types (issue 25): the exported identifiers whose
// declared type names a type of cdktf, constructs, jsii-runtime-go or the
// AWS provider bindings. Its test keeps the count of those naming a cdktf,
// jsii or provider type from growing, and reports the ones naming only
// constructs.Construct (every construct's scope) beside it.
package apisurface

import (
	"fmt"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Foreign are the module paths whose types count as exposed: the archived
// CDKTF's Go bindings and what they bring.
var Foreign = []string{
	"github.com/hashicorp/terraform-cdk-go/cdktf",
	"github.com/aws/constructs-go/constructs/v10",
	"github.com/aws/jsii-runtime-go",
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19",
}

// Exposure is one exported identifier that names a foreign type.
type Exposure struct {
	// Package is the import path of the package declaring it.
	Package string
	// Name is the identifier: "New", "Stack", "Stack.TerraformStack" (a
	// field) or "Bucket.Node" (a method).
	Name string
	// Types are the foreign types it names, e.g. "cdktf.TerraformStack".
	Types []string
}

// ConstructsOnly reports whether the only foreign types e names are the
// constructs library's (constructs.Construct, the scope every construct
// takes). That library is not CDKTF's: AWS CDK and CDK Terrain build on it
// too (cdktn 0.24.0 on npm: peer dependency constructs >=10.6.0 <10.8.0), so
// such an identifier survives a move off CDKTF unchanged.
func (e Exposure) ConstructsOnly() bool {
	for _, t := range e.Types {
		if !strings.HasPrefix(t, "constructs.") {
			return false
		}
	}
	return len(e.Types) > 0
}

func (e Exposure) String() string {
	return fmt.Sprintf("%s.%s (%s)", e.Package[strings.LastIndex(e.Package, "/")+1:], e.Name, strings.Join(e.Types, ", "))
}

// Public lists the packages matched by patterns (run in dir) that are
// public API: not internal, not a command.
func Public(dir string, patterns ...string) ([]*packages.Package, error) {
	cfg := &packages.Config{Dir: dir, Mode: packages.NeedName | packages.NeedTypes | packages.NeedFiles}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	var out []*packages.Package
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			return nil, fmt.Errorf("%s: %v", p.PkgPath, p.Errors[0])
		}
		if p.Name == "main" || strings.Contains(p.PkgPath+"/", "/internal/") {
			continue
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].PkgPath < out[j].PkgPath })
	return out, nil
}

// Exposed returns every exported identifier of pkg that names a foreign
// type: package-level functions, variables, constants and types (a type
// whose own definition names one), exported fields of exported struct types
// (embedded ones included), exported interface methods, and exported
// methods declared on exported types. Methods promoted from an embedded
// foreign type are not counted again: the embedding field is.
func Exposed(pkg *types.Package) []Exposure {
	var out []Exposure
	add := func(name string, t types.Type) {
		if f := foreignIn(t, pkg); len(f) > 0 {
			out = append(out, Exposure{Package: pkg.Path(), Name: name, Types: f})
		}
	}
	scope := pkg.Scope()
	for _, n := range scope.Names() {
		obj := scope.Lookup(n)
		if !obj.Exported() {
			continue
		}
		switch o := obj.(type) {
		case *types.Func, *types.Var, *types.Const:
			add(n, o.Type())
		case *types.TypeName:
			named, isNamed := o.Type().(*types.Named)
			if o.IsAlias() || !isNamed {
				add(n, types.Unalias(o.Type()))
				continue
			}
			switch u := named.Underlying().(type) {
			case *types.Struct:
				for i := 0; i < u.NumFields(); i++ {
					if f := u.Field(i); f.Exported() {
						add(n+"."+f.Name(), f.Type())
					}
				}
			case *types.Interface:
				for i := 0; i < u.NumExplicitMethods(); i++ {
					if m := u.ExplicitMethod(i); m.Exported() {
						add(n+"."+m.Name(), m.Type())
					}
				}
				for i := 0; i < u.NumEmbeddeds(); i++ {
					add(n+".(embedded)", u.EmbeddedType(i))
				}
			default:
				add(n, u)
			}
			for i := 0; i < named.NumMethods(); i++ {
				if m := named.Method(i); m.Exported() {
					add(n+"."+m.Name(), m.Type())
				}
			}
		}
	}
	return out
}

// foreignIn returns the foreign named types t mentions, without looking
// inside named types (each of ours is counted where it is declared).
func foreignIn(t types.Type, self *types.Package) []string {
	seen := map[string]bool{}
	var walk func(t types.Type)
	walk = func(t types.Type) {
		switch x := t.(type) {
		case *types.Alias:
			walk(types.Unalias(x))
		case *types.Named:
			obj := x.Obj()
			if obj.Pkg() != nil && isForeign(obj.Pkg().Path()) {
				seen[obj.Pkg().Name()+"."+obj.Name()] = true
			}
			if args := x.TypeArgs(); args != nil {
				for i := 0; i < args.Len(); i++ {
					walk(args.At(i))
				}
			}
		case *types.Pointer:
			walk(x.Elem())
		case *types.Slice:
			walk(x.Elem())
		case *types.Array:
			walk(x.Elem())
		case *types.Map:
			walk(x.Key())
			walk(x.Elem())
		case *types.Chan:
			walk(x.Elem())
		case *types.Signature:
			for i := 0; i < x.Params().Len(); i++ {
				walk(x.Params().At(i).Type())
			}
			for i := 0; i < x.Results().Len(); i++ {
				walk(x.Results().At(i).Type())
			}
		case *types.Struct:
			for i := 0; i < x.NumFields(); i++ {
				walk(x.Field(i).Type())
			}
		case *types.Interface:
			for i := 0; i < x.NumMethods(); i++ {
				walk(x.Method(i).Type())
			}
		}
	}
	walk(t)
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func isForeign(path string) bool {
	for _, f := range Foreign {
		if path == f || strings.HasPrefix(path, f+"/") {
			return true
		}
	}
	return false
}
