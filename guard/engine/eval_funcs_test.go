package engine

import (
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestTerraformFunctions: one case (or more) per family of Terraform's
// built-in functions beyond go-cty's library: their value as Terraform
// computes it, and unknown for impure functions, functions the guard does
// not have and file reads outside the module tree (even under try()).
func TestTerraformFunctions(t *testing.T) {
	const unknown = "unknown"
	tests := []struct{ family, expr, want string }{
		{"cidr", `cidrsubnet("10.0.0.0/16", 8, 2)`, `"10.0.2.0/24"`},
		{"cidr", `cidrhost("10.0.0.0/24", 5)`, `"10.0.0.5"`},
		{"cidr", `cidrnetmask("10.0.0.0/16")`, `"255.255.0.0"`},
		{"cidr", `cidrsubnets("10.0.0.0/16", 8, 8)`, `["10.0.0.0/24","10.0.1.0/24"]`},
		{"encoding", `base64encode("hi")`, `"aGk="`},
		{"encoding", `base64decode("aGk=")`, `"hi"`},
		{"encoding", `urlencode("a b&c")`, `"a+b%26c"`},
		{"crypto", `md5("a")`, `"0cc175b9c0f1b6a831c399e269772661"`},
		{"crypto", `sha256("a")`, `"ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"`},
		{"crypto", `base64sha256("a")`, `"ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs="`},
		{"crypto", `bcrypt("secret")`, unknown},
		{"filesystem", `file("${path.module}/policy.json")`, `"{\"Version\": \"2012-10-17\"}\n"`},
		{"filesystem", `jsondecode(file("policy.json")).Version`, `"2012-10-17"`},
		{"filesystem", `fileexists("${path.module}/policy.json")`, `true`},
		{"filesystem", `fileexists("nothing.json")`, `false`},
		{"filesystem", `fileset(path.module, "*.json")`, `["policy.json"]`},
		{"filesystem", `basename("a/b.txt")`, `"b.txt"`},
		{"filesystem", `dirname("a/b.txt")`, `"a"`},
		{"filesystem", `filemd5("policy.json")`, `"` + md5hex("{\"Version\": \"2012-10-17\"}\n") + `"`},
		{"filesystem: outside the module tree", `file("/etc/hostname")`, unknown},
		{"filesystem: outside the module tree", `try(file("../outside.txt"), "guess")`, unknown},
		{"templatefile", `templatefile("${path.module}/hello.tpl", { name = "guard", ports = [22, 443] })`, `"hello guard: 22,443\n"`},
		{"templatefile", `templatefile("hello.tpl", { name = aws_s3_bucket.b.id, ports = [] })`, unknown},
		{"collection", `one([])`, `null`},
		{"collection", `one(["a"])`, `"a"`},
		{"collection", `can(one(["a", "b"]))`, `false`},
		{"collection", `alltrue([true, false])`, `false`},
		{"collection", `anytrue([false, true])`, `true`},
		{"collection", `sum([1, 2, 3.5])`, `6.5`},
		{"strings", `startswith("arn:aws:s3:::b", "arn:")`, `true`},
		{"strings", `endswith("b.tf", ".json")`, `false`},
		{"strings", `strcontains("0.0.0.0/0", "/0")`, `true`},
		{"templatestring", `templatestring("arn:aws:s3:::$${b}/*", { b = "acme" })`, `"arn:aws:s3:::acme/*"`},
		{"collection", `index(["a", "b", "c"], "b")`, `1`},
		{"collection", `matchkeys(["i-1", "i-2", "i-3"], ["a", "b", "a"], ["a"])`, `["i-1","i-3"]`},
		{"collection", `transpose({ a = ["x", "y"], b = ["x"] })`, `{"x":["a","b"],"y":["a"]}`},
		{"collection", `try(transpose({ a = [null] }), "guess")`, `"guess"`},
		{"encoding", `base64decode(base64encode("x")) == "x" && length(base64gzip("x")) > 0`, `true`},
		{"time", `timecmp("2026-01-01T00:00:00Z", "2025-12-31T23:00:00-02:00")`, `-1`},
		{"strings", `length("héllo")`, `5`},
		{"try/can", `try(tonumber("x"), 7)`, `7`},
		{"try/can", `can(tonumber("x"))`, `false`},
		{"impure", `timestamp()`, unknown},
		{"impure", `uuid()`, unknown},
		{"impure", `try(timestamp(), "guess")`, unknown},
		{"not in the guard", `try(notafunction(1), "guess")`, unknown},
	}
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("policy.json", "{\"Version\": \"2012-10-17\"}\n")
	write("hello.tpl", "hello ${name}: %{ for i, p in ports }${p}%{ if i < length(ports) - 1 },%{ endif }%{ endfor }\n")
	if err := os.WriteFile(filepath.Join(filepath.Dir(dir), "outside.txt"), []byte("outside"), 0o644); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("locals {\n")
	for i, tt := range tests {
		b.WriteString("  l" + strconv.Itoa(i) + " = " + tt.expr + "\n")
	}
	b.WriteString("}\n")
	write("main.tf", b.String())
	s, err := Load(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		v := s.Locals["l"+strconv.Itoa(i)]
		got := unknown
		if str, isStr := v.(string); !isStr || !HasInterp(str) {
			j, _ := json.Marshal(v)
			got = string(j)
		}
		if got != tt.want {
			t.Errorf("%s: %s = %s; want %s", tt.family, tt.expr, got, tt.want)
		}
	}
}

func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}
