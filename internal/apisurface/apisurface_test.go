package apisurface

import (
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"
)

// Ceiling is the number of exported identifiers of the public API that
// name a CDKTF, constructs, jsii or provider-binding type (README, "CDKTF's
// status and your options"). It may only go down: lower it (and the README)
// when the API sheds one; a new one fails the test.
const Ceiling = 69

func TestCdktfExposureOnlyShrinks(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks every public package; skipped with -short")
	}
	pkgs, err := Public("../..", "./...")
	if err != nil {
		t.Fatal(err)
	}
	var all []Exposure
	var lines []string
	for _, p := range pkgs {
		ex := Exposed(p.Types)
		all = append(all, ex...)
		for _, e := range ex {
			lines = append(lines, "  "+e.String())
		}
	}
	t.Logf("%d public packages; %d exported identifiers expose a foreign type:\n%s", len(pkgs), len(all), strings.Join(lines, "\n"))
	switch {
	case len(all) > Ceiling:
		t.Errorf("%d exported identifiers expose cdktf/constructs/jsii/provider types; the ceiling is %d. Keep new API in plain Go "+
			"(GUIDE: no jsii.String or provider interface{} at the edges), or justify raising Ceiling in review. List above.", len(all), Ceiling)
	case len(all) < Ceiling:
		t.Errorf("%d exported identifiers expose foreign types, below the ceiling %d: lower Ceiling to %d and the README's figure", len(all), Ceiling, len(all))
	}
}

func TestForeignIn(t *testing.T) {
	cdktf := types.NewPackage("github.com/hashicorp/terraform-cdk-go/cdktf", "cdktf")
	jsii := types.NewPackage("github.com/aws/jsii-runtime-go/runtime", "runtime")
	ours := types.NewPackage("github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack", "stack")
	named := func(p *types.Package, name string, u types.Type) *types.Named {
		return types.NewNamed(types.NewTypeName(token.NoPos, p, name, nil), u, nil)
	}
	stackT := named(cdktf, "TerraformStack", types.NewStruct(nil, nil))
	anyT := named(jsii, "Any", types.NewStruct(nil, nil))
	// Our own named type wrapping a foreign one is not looked into.
	wrapper := named(ours, "Stack", types.NewStruct([]*types.Var{types.NewField(token.NoPos, ours, "TerraformStack", stackT, true)}, nil))
	str := types.Typ[types.String]
	tests := []struct {
		name string
		t    types.Type
		want []string
	}{
		{"plain string", str, nil},
		{"our type", types.NewPointer(wrapper), nil},
		{"pointer to foreign", types.NewPointer(stackT), []string{"cdktf.TerraformStack"}},
		{"map of slices", types.NewMap(str, types.NewSlice(anyT)), []string{"runtime.Any"}},
		{"func result", types.NewSignatureType(nil, nil, nil,
			types.NewTuple(types.NewVar(token.NoPos, ours, "s", str)),
			types.NewTuple(types.NewVar(token.NoPos, ours, "", stackT), types.NewVar(token.NoPos, ours, "", anyT)), false),
			[]string{"cdktf.TerraformStack", "runtime.Any"}},
	}
	for _, tc := range tests {
		if got := foreignIn(tc.t, ours); !slices.Equal(got, tc.want) {
			t.Errorf("%s: foreignIn = %v; want %v", tc.name, got, tc.want)
		}
	}
	if !isForeign("github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucket") || isForeign("github.com/hashicorp/terraform-exec/tfexec") {
		t.Error("isForeign: provider subpackages are foreign, terraform-exec is not")
	}
}
