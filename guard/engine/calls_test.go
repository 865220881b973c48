package engine

import (
	"os"
	"path/filepath"
	"testing"
)

// TestModuleProviderRegion: a module instance without its own aws provider
// has the region of the provider its caller passes: the caller's default
// one (implicit), the alias the providers argument maps, down nested calls.
func TestModuleProviderRegion(t *testing.T) {
	const providers = "variable \"west\" {\n  default = \"eu-west-1\"\n}\nprovider \"aws\" {\n  region = \"us-east-1\"\n}\nprovider \"aws\" {\n  alias  = \"west\"\n  region = var.west\n}\n"
	const leaf = "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"acme-data\"\n}\n"
	tests := []struct {
		name  string
		files map[string]string
		want  map[string]string // instance address -> region
	}{
		{"default provider passed implicitly", map[string]string{"main.tf": providers + "module \"c\" {\n  source = \"./c\"\n}\n", "c/main.tf": leaf},
			map[string]string{"module.c": "us-east-1"}},
		{"providers maps an alias", map[string]string{"main.tf": providers + "module \"c\" {\n  source = \"./c\"\n  providers = {\n    aws = aws.west\n  }\n}\n", "c/main.tf": leaf},
			map[string]string{"module.c": "eu-west-1"}},
		{"nested: the child passes what it was given", map[string]string{"main.tf": providers + "module \"c\" {\n  source = \"./c\"\n  providers = {\n    aws = aws.west\n  }\n}\n",
			"c/main.tf": leaf + "module \"d\" {\n  source = \"./d\"\n}\n", "c/d/main.tf": leaf},
			map[string]string{"module.c": "eu-west-1", "module.c.module.d": "eu-west-1"}},
		{"a child's own provider wins", map[string]string{"main.tf": providers + "module \"c\" {\n  source = \"./c\"\n}\n", "c/main.tf": leaf + "provider \"aws\" {\n  region = \"ap-south-1\"\n}\n"},
			map[string]string{"module.c": "ap-south-1"}},
		{"an alias the caller does not configure is unknown", map[string]string{"main.tf": providers + "module \"c\" {\n  source = \"./c\"\n  providers = {\n    aws = aws.east\n  }\n}\n", "c/main.tf": leaf},
			map[string]string{"module.c": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tt.files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			s, err := Load(dir, 0)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, in := range s.Instances() {
				got[in.Address] = in.Stack.ProviderRegion()
			}
			if len(got) != len(tt.want) {
				t.Fatalf("instances %v; want %v", got, tt.want)
			}
			for addr, want := range tt.want {
				if r, ok := got[addr]; !ok || r != want {
					t.Errorf("%s region %q (present %v); want %q", addr, r, ok, want)
				}
			}
		})
	}
}
