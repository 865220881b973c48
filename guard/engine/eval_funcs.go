package engine

import (
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hashicorp/go-cty-funcs/cidr"
	"github.com/hashicorp/go-cty-funcs/crypto"
	"github.com/hashicorp/go-cty-funcs/encoding"
	"github.com/hashicorp/go-cty-funcs/filesystem"
	"github.com/hashicorp/go-cty-funcs/uuid"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// Terraform's built-in functions beyond go-cty's library: those of
// hashicorp/go-cty-funcs (cidr, encoding, hashes, file system), and a few
// small ones written here with Terraform's semantics (one, startswith,
// endswith, strcontains, alltrue, anytrue, sum, templatefile, ...). File
// functions read relative paths from the folder Terraform runs in (the
// root module's; path.module names a module's folder relative to it) and
// only inside the root module's folder or the module's own: a path outside
// them, and impure functions (timestamp, uuid, bcrypt, ...), give an
// unknown value, never an error, so try() and can() do not guess either.
// A function the guard does not have at all is unknown the same way.

// extraFunctions are the functions that need no module folder.
func extraFunctions() map[string]function.Function {
	hashOf := func(h func() hash.Hash, enc func([]byte) string) function.Function {
		return function.New(&function.Spec{
			Params: []function.Parameter{{Name: "str", Type: cty.String}},
			Type:   function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				w := h()
				w.Write([]byte(args[0].AsString()))
				return cty.StringVal(enc(w.Sum(nil))), nil
			},
		})
	}
	b64 := base64.StdEncoding.EncodeToString
	strPred := func(f func(s, sub string) bool) function.Function {
		return function.New(&function.Spec{
			Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "sub", Type: cty.String}},
			Type:   function.StaticReturnType(cty.Bool),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				return cty.BoolVal(f(args[0].AsString(), args[1].AsString())), nil
			},
		})
	}
	boolFold := func(all bool) function.Function {
		return function.New(&function.Spec{
			Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
			Type:   function.StaticReturnType(cty.Bool),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				for it := args[0].ElementIterator(); it.Next(); {
					_, v := it.Element()
					if !v.IsKnown() {
						return cty.UnknownVal(cty.Bool), nil
					}
					t := !v.IsNull() && v.True()
					if all && !t {
						return cty.False, nil
					}
					if !all && t {
						return cty.True, nil
					}
				}
				return cty.BoolVal(all), nil
			},
		})
	}
	identity := function.New(&function.Spec{
		Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true}},
		Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl:   func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
	})
	return map[string]function.Function{
		"cidrhost": cidr.HostFunc, "cidrnetmask": cidr.NetmaskFunc, "cidrsubnet": cidr.SubnetFunc, "cidrsubnets": cidr.SubnetsFunc,
		"base64encode": encoding.Base64EncodeFunc, "base64decode": encoding.Base64DecodeFunc, "urlencode": encoding.URLEncodeFunc,
		"md5": crypto.Md5Func, "sha1": crypto.Sha1Func, "sha256": crypto.Sha256Func, "sha512": crypto.Sha512Func,
		"base64sha256": hashOf(sha256.New, b64), "base64sha512": hashOf(sha512.New, b64),
		"uuidv5":   uuid.V5Func,
		"basename": filesystem.BasenameFunc, "dirname": filesystem.DirnameFunc,
		"startswith":  strPred(strings.HasPrefix),
		"endswith":    strPred(strings.HasSuffix),
		"strcontains": strPred(strings.Contains),
		"alltrue":     boolFold(true), "anytrue": boolFold(false),
		"sum": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
			Type:   function.StaticReturnType(cty.Number),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				l := args[0]
				if !l.CanIterateElements() || l.LengthInt() == 0 {
					return cty.NilVal, errors.New("sum needs a non-empty list or set of numbers")
				}
				total := cty.Zero
				for it := l.ElementIterator(); it.Next(); {
					_, v := it.Element()
					n, err := convert.Convert(v, cty.Number)
					if err != nil || n.IsNull() {
						return cty.NilVal, errors.New("sum needs a list of numbers")
					}
					if !n.IsKnown() {
						return cty.UnknownVal(cty.Number), nil
					}
					total = cty.NumberVal(new(big.Float).Add(total.AsBigFloat(), n.AsBigFloat()))
				}
				return total, nil
			},
		}),
		"one": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
			Type:   func(args []cty.Value) (cty.Type, error) { return elementType(args[0].Type()), nil },
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				l := args[0]
				if !l.CanIterateElements() || l.Type().IsMapType() || l.Type().IsObjectType() {
					return cty.NilVal, errors.New("one needs a list, set or tuple")
				}
				switch l.LengthInt() {
				case 0:
					return cty.NullVal(elementType(l.Type())), nil
				case 1:
					it := l.ElementIterator()
					it.Next()
					_, v := it.Element()
					return v, nil
				}
				return cty.NilVal, fmt.Errorf("one needs at most one element, got %d", l.LengthInt())
			},
		}),
		"sensitive": identity, "nonsensitive": identity,
		"index": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}, {Name: "value", Type: cty.DynamicPseudoType}},
			Type:   function.StaticReturnType(cty.Number),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				l := args[0]
				if !(l.Type().IsListType() || l.Type().IsTupleType()) {
					return cty.NilVal, errors.New("index needs a list or tuple")
				}
				if !l.IsWhollyKnown() || !args[1].IsWhollyKnown() {
					return cty.UnknownVal(cty.Number), nil
				}
				for it := l.ElementIterator(); it.Next(); {
					i, v := it.Element()
					if eq, err := stdlib.Equal(v, args[1]); err == nil && eq.True() {
						return i, nil
					}
				}
				return cty.NilVal, errors.New("item not found")
			},
		}),
		"matchkeys": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "values", Type: cty.List(cty.DynamicPseudoType)}, {Name: "keys", Type: cty.List(cty.DynamicPseudoType)}, {Name: "searchset", Type: cty.List(cty.DynamicPseudoType)}},
			Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
			Impl: func(args []cty.Value, rt cty.Type) (cty.Value, error) {
				values, keys, search := args[0], args[1], args[2]
				if values.LengthInt() != keys.LengthInt() {
					return cty.NilVal, errors.New("matchkeys needs values and keys of the same length")
				}
				if !keys.IsWhollyKnown() || !search.IsWhollyKnown() {
					return cty.UnknownVal(rt), nil
				}
				vals, ks, ss := values.AsValueSlice(), keys.AsValueSlice(), search.AsValueSlice()
				var out []cty.Value
				for i, k := range ks {
					for _, sv := range ss {
						if eq, err := stdlib.Equal(k, sv); err == nil && eq.True() {
							out = append(out, vals[i])
							break
						}
					}
				}
				if len(out) == 0 {
					return cty.ListValEmpty(rt.ElementType()), nil
				}
				return cty.ListVal(out), nil
			},
		}),
		"transpose": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "values", Type: cty.Map(cty.List(cty.String))}},
			Type:   function.StaticReturnType(cty.Map(cty.List(cty.String))),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				if !args[0].IsWhollyKnown() {
					return cty.UnknownVal(cty.Map(cty.List(cty.String))), nil
				}
				tmp := map[string][]cty.Value{}
				for it := args[0].ElementIterator(); it.Next(); {
					k, list := it.Element()
					for lit := list.ElementIterator(); lit.Next(); {
						_, v := lit.Element()
						if v.IsNull() {
							return cty.NilVal, errors.New("transpose: the lists must not hold null")
						}
						tmp[v.AsString()] = append(tmp[v.AsString()], k)
					}
				}
				out := make(map[string]cty.Value, len(tmp))
				for k, vs := range tmp {
					out[k] = cty.ListVal(vs)
				}
				if len(out) == 0 {
					return cty.MapValEmpty(cty.List(cty.String)), nil
				}
				return cty.MapVal(out), nil
			},
		}),
		"base64gzip": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "str", Type: cty.String}},
			Type:   function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				var b bytes.Buffer
				w := gzip.NewWriter(&b)
				if _, err := w.Write([]byte(args[0].AsString())); err != nil {
					return cty.NilVal, err
				}
				if err := w.Close(); err != nil {
					return cty.NilVal, err
				}
				return cty.StringVal(base64.StdEncoding.EncodeToString(b.Bytes())), nil
			},
		}),
		"timecmp": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "a", Type: cty.String}, {Name: "b", Type: cty.String}},
			Type:   function.StaticReturnType(cty.Number),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				a, err := time.Parse(time.RFC3339, args[0].AsString())
				if err != nil {
					return cty.NilVal, fmt.Errorf("timecmp: %v", err)
				}
				b, err := time.Parse(time.RFC3339, args[1].AsString())
				if err != nil {
					return cty.NilVal, fmt.Errorf("timecmp: %v", err)
				}
				return cty.NumberIntVal(int64(a.Compare(b))), nil
			},
		}),
	}
}

// elementType is the element type of a collection (dynamic for a tuple).
func elementType(t cty.Type) cty.Type {
	if t.IsListType() || t.IsSetType() {
		return t.ElementType()
	}
	return cty.DynamicPseudoType
}

// impureFunctions give a value only known at apply (or that depends on the
// machine): always unknown.
var impureFunctions = []string{"timestamp", "plantimestamp", "uuid", "bcrypt", "pathexpand", "rsadecrypt", "issensitive", "ephemeralasnull"}

// unknownFunction stands for a function whose value the guard does not compute.
var unknownFunction = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true},
	Type:     function.StaticReturnType(cty.DynamicPseudoType),
	Impl:     func([]cty.Value, cty.Type) (cty.Value, error) { return cty.DynamicVal, nil },
})

// functions returns the evaluator's function table: the shared ones and the
// file functions of its module.
func (ev *evaluator) functions() map[string]function.Function {
	fns := make(map[string]function.Function, len(tfFunctions)+16)
	for k, f := range tfFunctions {
		fns[k] = f
	}
	for _, n := range impureFunctions {
		fns[n] = unknownFunction
	}
	cwd := ev.path.GetAttr("cwd").AsString()
	roots := []string{cwd}
	if ev.s.Dir != "" {
		if abs, err := filepath.Abs(ev.s.Dir); err == nil {
			roots = append(roots, abs)
		}
	}
	// inside resolves a path argument as Terraform does (relative to the
	// folder it runs in); ok is false when it leaves the module tree.
	inside := func(p string) (string, bool) {
		if !filepath.IsAbs(p) {
			p = filepath.Join(cwd, p)
		}
		p = filepath.Clean(p)
		real := p
		if r, err := filepath.EvalSymlinks(p); err == nil {
			real = r
		}
		for _, root := range roots {
			rr := root
			if r, err := filepath.EvalSymlinks(root); err == nil {
				rr = r
			}
			if rel, err := filepath.Rel(rr, real); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				return p, true
			}
		}
		return p, false
	}
	// guarded calls f with its first argument (a path) resolved, or is
	// unknown when the path leaves the module tree.
	guarded := func(f function.Function) function.Function {
		params := f.Params()
		return function.New(&function.Spec{
			Params: params,
			Type:   func(args []cty.Value) (cty.Type, error) { return f.ReturnTypeForValues(args) },
			Impl: func(args []cty.Value, rt cty.Type) (cty.Value, error) {
				p, ok := inside(args[0].AsString())
				if !ok {
					return cty.UnknownVal(rt), nil
				}
				a := append([]cty.Value{cty.StringVal(p)}, args[1:]...)
				return f.Call(a)
			},
		})
	}
	fns["file"] = guarded(filesystem.MakeFileFunc(cwd, false))
	fns["filebase64"] = guarded(filesystem.MakeFileFunc(cwd, true))
	fns["fileexists"] = guarded(filesystem.MakeFileExistsFunc(cwd))
	fns["fileset"] = guarded(filesystem.MakeFileSetFunc(cwd))
	fileHash := func(h func() hash.Hash, enc func([]byte) string) function.Function {
		return guarded(function.New(&function.Spec{
			Params: []function.Parameter{{Name: "path", Type: cty.String}},
			Type:   function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				b, err := os.ReadFile(args[0].AsString())
				if err != nil {
					return cty.NilVal, fmt.Errorf("no file at %s", args[0].AsString())
				}
				w := h()
				w.Write(b)
				return cty.StringVal(enc(w.Sum(nil))), nil
			},
		}))
	}
	b64 := base64.StdEncoding.EncodeToString
	fns["filemd5"] = fileHash(md5.New, hex.EncodeToString)
	fns["filesha1"] = fileHash(sha1.New, hex.EncodeToString)
	fns["filesha256"] = fileHash(sha256.New, hex.EncodeToString)
	fns["filesha512"] = fileHash(sha512.New, hex.EncodeToString)
	fns["filebase64sha256"] = fileHash(sha256.New, b64)
	fns["filebase64sha512"] = fileHash(sha512.New, b64)
	fns["abspath"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p := args[0].AsString()
			if !filepath.IsAbs(p) {
				p = filepath.Join(cwd, p)
			}
			return cty.StringVal(filepath.ToSlash(filepath.Clean(p))), nil
		},
	})
	// templatefile renders a template file with the given variables (and
	// the functions, but templatefile itself, as Terraform does).
	inner := make(map[string]function.Function, len(fns))
	for k, f := range fns {
		inner[k] = f
	}
	fns["templatefile"] = guarded(function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			src, err := os.ReadFile(args[0].AsString())
			if err != nil {
				return cty.NilVal, fmt.Errorf("no file at %s", args[0].AsString())
			}
			return renderTemplate(src, args[0].AsString(), args[1], inner)
		},
	}))
	// templatestring (Terraform 1.9) renders a string the same way.
	fns["templatestring"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "template", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return renderTemplate([]byte(args[0].AsString()), "templatestring", args[1], inner)
		},
	})
	return fns
}

// renderTemplate renders a template with the given variables only (an
// object or map), as templatefile and templatestring do; unknown variables
// give an unknown result.
func renderTemplate(src []byte, name string, vars cty.Value, fns map[string]function.Function) (cty.Value, error) {
	if !vars.Type().IsObjectType() && !vars.Type().IsMapType() {
		return cty.NilVal, errors.New("the template's variables must be an object or a map")
	}
	tmpl, diags := hclsyntax.ParseTemplate(src, name, hcl.InitialPos)
	if diags.HasErrors() {
		return cty.NilVal, diags
	}
	if !vars.IsKnown() {
		return cty.UnknownVal(cty.String), nil
	}
	vm := map[string]cty.Value{}
	for it := vars.ElementIterator(); it.Next(); {
		k, v := it.Element()
		vm[k.AsString()] = v
	}
	for _, tr := range tmpl.Variables() {
		if _, ok := vm[tr.RootName()]; !ok {
			return cty.NilVal, fmt.Errorf("%s: the variables have no %q", name, tr.RootName())
		}
	}
	v, diags := tmpl.Value(&hcl.EvalContext{Variables: vm, Functions: fns})
	if diags.HasErrors() {
		return cty.NilVal, diags
	}
	return convert.Convert(v, cty.String)
}

// standInFunctions gives every function e calls that the table lacks
// (one the guard does not have, a provider-defined one) the stand-in whose
// value is unknown, so an expression calling it is unknown rather than an
// error (which try() and can() would turn into a guess).
func (ev *evaluator) standInFunctions(e hclsyntax.Expression) {
	hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		if c, ok := n.(*hclsyntax.FunctionCallExpr); ok {
			if _, has := ev.funcs[c.Name]; !has {
				ev.funcs[c.Name] = unknownFunction
			}
		}
		return nil
	})
}
