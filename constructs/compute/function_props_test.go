package compute

import (
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

// fakeKey satisfies Key without jsii.
type fakeKey struct{}

func (fakeKey) Arn() string                { return "arn:aws:kms:us-east-1:111111111111:key/x" }
func (fakeKey) AllowCloudWatchLogs() error { return nil }

type fakeBucket struct{}

func (fakeBucket) Name() string { return "acme-dev-artifacts" }
func (fakeBucket) Arn() string  { return "arn:aws:s3:::acme-dev-artifacts" }

func TestRuntimeValidate(t *testing.T) {
	for _, tc := range []struct {
		rt   Runtime
		want string // "" = valid
	}{
		{"", ""},
		{"python3.12", ""},
		{"python3.13", ""},
		{"nodejs22.x", ""},
		{"python3.9", `runtime: "python3.9" is deprecated by AWS Lambda on 2025-12-15 and no longer receives security patches; use "python3.13"`},
		{"nodejs18.x", `use "nodejs22.x"`},
		{"nodejs20.x", `deprecated by AWS Lambda on 2026-04-30`},
		{"python3.11", `use "python3.13"`},
		{"java21", `runtime: "java21" is not supported; use one of nodejs22.x, python3.12, python3.13`},
		{"Python3.12", `is not supported`},
	} {
		err := tc.rt.Validate()
		if tc.want == "" {
			if err != nil {
				t.Errorf("Runtime(%q).Validate() = %v; want nil", tc.rt, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Runtime(%q).Validate() = %v; want an error containing %q", tc.rt, err, tc.want)
		}
	}
}

func TestParseHandler(t *testing.T) {
	for _, tc := range []struct {
		lang    language
		handler string
		files   string // first candidate file, "" = invalid
		fn      string
	}{
		{python, "app.handler", "app.py", "handler"},
		{python, "pkg.mod.run", "pkg/mod.py", "run"},
		{python, "src/app.handler", "src/app.py", "handler"},
		{python, "app", "", ""},
		{python, "app.", "", ""},
		{python, ".handler", "", ""},
		{python, "my-app.handler", "", ""},
		{python, "app.handler()", "", ""},
		{python, "/abs/app.handler", "", ""},
		{python, "../app.handler", "", ""},
		{python, "", "", ""},
		{python, strings.Repeat("a", 126) + ".fn", "", ""},
		{node, "index.handler", "index.js", "handler"},
		{node, "src/index.handler", "src/index.js", "handler"},
		{node, "index.handlers.main", "index.js", "handlers"},
		{node, "index", "", ""},
		{node, "index.", "", ""},
		{node, ".handler", "", ""},
		{node, "../index.handler", "", ""},
		{node, "index.my-fn", "", ""},
	} {
		got, err := parseHandler(tc.lang, tc.handler)
		if tc.files == "" {
			if err == nil || !strings.HasPrefix(err.Error(), "handler: ") {
				t.Errorf("parseHandler(%q) = %+v, %v; want an error starting with \"handler: \"", tc.handler, got, err)
			}
			continue
		}
		if err != nil || got.files[0] != tc.files || got.fn != tc.fn {
			t.Errorf("parseHandler(%q) = %+v, %v; want first file %s, function %s", tc.handler, got, err, tc.files, tc.fn)
		}
	}
}

func TestCheckHandlerInPackage(t *testing.T) {
	py := writeTree(t, map[string]string{
		"app.py":          "import json\n\ndef handler(event, context):\n    return {}\n",
		"asyncmod.py":     "async def handler(event, context):\n    return {}\n",
		"reexport.py":     "from impl import handler\n",
		"pkg/__init__.py": "def main(event, context):\n    pass\n",
		"nested/deep.py":  "class Handler:\n    pass\nhandler = Handler()\n",
		"wrong.py":        "def handle(event, context):\n    pass\n# handler mentioned in a comment\n",
		"indented.py":     "class X:\n    def handler(self):\n        pass\n",
	})
	js := writeTree(t, map[string]string{
		"index.mjs":    "export const handler = async () => ({});\n",
		"src/main.cjs": "exports.run = async () => ({});\n",
		"other.js":     "exports.handle = 1;\n",
	})
	for _, tc := range []struct {
		lang    language
		dir     string
		handler string
		want    string // "" = valid
	}{
		{python, py, "app.handler", ""},
		{python, py, "asyncmod.handler", ""},
		{python, py, "reexport.handler", ""},
		{python, py, "pkg.main", ""},
		{python, py, "nested.deep.handler", ""},
		{python, py, "nested/deep.handler", ""},
		{python, py, "main.handler", `handler: "main.handler" needs main.py or main/__init__.py in the source folder`},
		{python, py, "wrong.handler", `wrong.py in`},
		{python, py, "indented.handler", `does not define "handler"`},
		{node, js, "index.handler", ""},
		{node, js, "src/main.run", ""},
		{node, js, "index.main", `does not define "main"`},
		{node, js, "app.handler", `needs app.js, app.mjs or app.cjs`},
		{node, js, "other.handler", `does not define "handler"`},
	} {
		files, err := SourceFiles(tc.dir)
		if err != nil {
			t.Fatal(err)
		}
		err = checkHandlerInPackage(tc.lang, tc.handler, tc.dir, files)
		if tc.want == "" {
			if err != nil {
				t.Errorf("handler %q: %v; want valid", tc.handler, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("handler %q: %v; want an error containing %q", tc.handler, err, tc.want)
		}
	}
}

func TestFunctionPropsValidate(t *testing.T) {
	src := writeTree(t, map[string]string{"app.py": "def handler(event, context):\n    return 1\n"})
	valid := func() FunctionProps {
		return FunctionProps{Handler: "app.handler", Code: CodeFromAsset(src, fakeBucket{}), Key: fakeKey{}}
	}
	for _, tc := range []struct {
		name   string
		modify func(p *FunctionProps)
		want   []string // "" entries none; empty slice = valid
	}{
		{"defaults", func(p *FunctionProps) {}, nil},
		{"full", func(p *FunctionProps) {
			p.Runtime, p.MemoryMB, p.TimeoutSeconds, p.ReservedConcurrency, p.LogRetentionDays = Python312, 10240, 900, 5, 30
			p.Environment = map[string]string{"DB_HOST": "${aws_db_instance.db.address}"}
		}, nil},
		{"s3 object", func(p *FunctionProps) { p.Code = CodeFromS3Object("acme-dev-artifacts", "lambda/x.zip", "v1") }, nil},
		{"s3 object token bucket", func(p *FunctionProps) {
			p.Code = CodeFromS3Object("${aws_s3_bucket.b.bucket}", "x.zip", "${aws_s3_object.o.version_id}")
		}, nil},
		{"no code", func(p *FunctionProps) { p.Code = Code{} }, []string{"code: must be set; use compute.CodeFromAsset"}},
		{"no bucket", func(p *FunctionProps) { p.Code = CodeFromAsset(src, nil) }, []string{"code: artifact bucket is nil"}},
		{"missing folder", func(p *FunctionProps) { p.Code = CodeFromAsset(src+"/nope", fakeBucket{}) }, []string{"code: source folder", "does not exist"}},
		{"empty folder", func(p *FunctionProps) { p.Code = CodeFromAsset(t.TempDir(), fakeBucket{}) }, []string{"has no files to package"}},
		{"handler file missing", func(p *FunctionProps) { p.Handler = "main.handler" }, []string{`handler: "main.handler" needs main.py`}},
		{"handler function missing", func(p *FunctionProps) { p.Handler = "app.main" }, []string{`does not define "main"`}},
		{"handler format", func(p *FunctionProps) { p.Handler = "app" }, []string{`handler: "app" is not "module.function"`}},
		{"node handler for python package", func(p *FunctionProps) { p.Runtime = NodeJS22; p.Handler = "index.handler" }, []string{"needs index.js, index.mjs or index.cjs"}},
		{"empty handler", func(p *FunctionProps) { p.Handler = "" }, []string{"handler: must not be empty"}},
		{"s3 object no version", func(p *FunctionProps) { p.Code = CodeFromS3Object("acme-dev-artifacts", "x.zip", "") }, []string{"code: S3 object version must not be empty"}},
		{"s3 object bad", func(p *FunctionProps) { p.Code = CodeFromS3Object("Bad_Bucket", "/x.zip", "v") }, []string{"code: S3 bucket:", "must not start with '/'"}},
		{"s3 object handler format", func(p *FunctionProps) {
			p.Code = CodeFromS3Object("acme-dev-artifacts", "x.zip", "v")
			p.Handler = "nodot"
		}, []string{`handler: "nodot"`}},
		{"deprecated runtime", func(p *FunctionProps) { p.Runtime = "python3.9" }, []string{`runtime: "python3.9" is deprecated`, `use "python3.13"`}},
		{"no key", func(p *FunctionProps) { p.Key = nil }, []string{"key: must not be nil"}},
		{"memory low", func(p *FunctionProps) { p.MemoryMB = 64 }, []string{"memoryMB: 64 is out of range; Lambda allows 128-10240 MB"}},
		{"memory high", func(p *FunctionProps) { p.MemoryMB = 20000 }, []string{"memoryMB: 20000"}},
		{"timeout high", func(p *FunctionProps) { p.TimeoutSeconds = 901 }, []string{"timeoutSeconds: 901 is out of range; Lambda allows 1-900"}},
		{"timeout negative", func(p *FunctionProps) { p.TimeoutSeconds = -1 }, []string{"timeoutSeconds: -1"}},
		{"concurrency", func(p *FunctionProps) { p.ReservedConcurrency = -1 }, []string{"reservedConcurrency: -1 is negative"}},
		{"retention", func(p *FunctionProps) { p.LogRetentionDays = 10 }, []string{"logRetentionDays: 10 is not a CloudWatch retention value"}},
		{"env reserved", func(p *FunctionProps) { p.Environment = map[string]string{"AWS_REGION": "x", "AWS_LAMBDA_FOO": "y"} }, []string{`environment: key "AWS_LAMBDA_FOO" is reserved`, `environment: key "AWS_REGION" is reserved`}},
		{"env key", func(p *FunctionProps) { p.Environment = map[string]string{"1BAD": "x", "has-dash": "y"} }, []string{`environment: key "1BAD" is invalid`, `environment: key "has-dash" is invalid`}},
		{"env size", func(p *FunctionProps) { p.Environment = map[string]string{"BIG": strings.Repeat("x", 5000)} }, []string{"environment: 5003 bytes"}},
		{"description", func(p *FunctionProps) { p.Description = strings.Repeat("d", 257) }, []string{"description: 257 characters"}},
		{"network without vpc", func(p *FunctionProps) { p.Network = &FunctionNetwork{SubnetIDs: []string{""}} }, []string{"network.vpc: must not be nil", "network.subnetIDs[0]: must not be empty"}},
		{"no group at all", func(p *FunctionProps) { p.Network = &FunctionNetwork{NoOwnSecurityGroup: true} }, []string{"network.noOwnSecurityGroup: set, but securityGroups is empty"}},
		{"bad groups", func(p *FunctionProps) {
			p.Network = &FunctionNetwork{SecurityGroups: []network.Group{nil, network.ExistingGroup("sg-1"), network.ExistingGroup("sg-0123abcd"), network.ExistingGroup("sg-0123abcd")}, Endpoints: []string{""}}
		}, []string{"network.securityGroups[0]: must not be nil", `network.securityGroups[1]: "sg-1" is not a security group ID`, "network.securityGroups[3]: the same group as network.securityGroups[2]", "network.endpoints[0]: must not be empty"}},
		{"several at once", func(p *FunctionProps) { p.MemoryMB, p.TimeoutSeconds, p.Key = 1, 1000, nil }, []string{"memoryMB:", "timeoutSeconds:", "key:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := valid()
			tc.modify(&p)
			err := p.Validate()
			errtest.Contains(t, "Validate()", err, tc.want...)
			if err == nil {
				return
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if i := strings.Index(line, ": "); i <= 0 || strings.Contains(line[:i], " ") {
					t.Errorf("error line %q does not start with a field name", line)
				}
			}
		})
	}
}

func TestValidateDoesNotModifyProps(t *testing.T) {
	env := map[string]string{"A": "1"}
	p := FunctionProps{Handler: "app.handler", Code: CodeFromS3Object("acme-dev-artifacts", "x.zip", "v"), Key: fakeKey{}, Environment: env}
	d := p.defaults("fn")
	if p.MemoryMB != 0 || p.Runtime != "" || p.Name != "" {
		t.Fatalf("defaults modified the caller's props: %+v", p)
	}
	if d.MemoryMB != 256 || d.TimeoutSeconds != 30 || d.LogRetentionDays != 365 || d.Runtime != Python313 || d.Name != "fn" {
		t.Fatalf("defaults = %+v; want memory 256, timeout 30, retention 365, python3.13, name fn", d)
	}
}

func TestEndpointTypoRefusedBeforeJsii(t *testing.T) {
	err := validateGroups("network.", nil, nil, false, []string{"secretmanager", "logs", "dynamodb"})
	if err == nil || !strings.Contains(err.Error(), `network.endpoints[0]: "secretmanager"`) || !strings.Contains(err.Error(), `did you mean "secretsmanager"`) {
		t.Fatalf("got %v; want network.endpoints[0] refused with the fix \"secretsmanager\"", err)
	}
	if strings.Contains(err.Error(), "endpoints[1]") || strings.Contains(err.Error(), "endpoints[2]") {
		t.Errorf("logs and dynamodb refused: %v", err)
	}
}
