// Package stack creates a secure-by-default CDKTF stack: the AWS provider with
// default tags, a pinned-but-compatible provider version, a portable backend,
// and the naming and account context every construct in this library reads.
//
// # Values that carry their dependencies
//
// One rule holds for every value a construct of this library returns:
//
//   - A method that returns an ARN, an id, a name or an address returns a
//     Terraform reference ("${aws_lambda_function.x.function_name}") unless
//     its doc comment says "(plain text)". Hand references to plain
//     provider resources: Terraform then orders the plain resource after the
//     construct's resource, as it would for any HCL reference.
//   - A plain-text value is a name fixed at synth (FullName, FullIdentifier,
//     AliasName, ...): use it in messages, tags and alarm names, never where
//     the plain resource must wait for the construct (it carries no
//     dependency; use the reference method beside it).
//   - A construct that needs a plain identifier (an alarm dimension, for
//     instance) accepts the reference another construct of this library
//     returned: constructs record what their name references resolve to
//     (RecordPlain) and read it back with PlainText. Any other reference there
//     is refused with an error naming the field.
//
// Grants take the construct or a reference to it (an ARN), never a name:
// IAM policies name resources by ARN, and a name in the Resource element is
// a policy IAM refuses at apply.
package stack

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/awscontext"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/tfexpr"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/isnil"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/jsiival"
)

// ProviderVersionConstraint is the AWS provider version range written into
// required_providers: the 5.x line at or above the bindings' 5.99.1.
const ProviderVersionConstraint = ">= 5.99.1, < 6.0.0"

// Props configures a Stack. The zero value of every optional field is the
// secure, portable choice; Company, Environment and Region are required.
type Props struct {
	// Company is the first part of every name ("acme"). Required.
	Company string
	// Environment is the second part of every name ("dev", "prod"). Required.
	// "prod"/"production" makes data-holding constructs default to protection.
	Environment string
	// Region is the AWS region ("us-east-1"). Required; must be a known region.
	Region string
	// Project is the Project tag. Default: the company.
	Project string
	// Tags are extra default tags for every resource. Default: none.
	Tags map[string]string
	// Backend chooses where Terraform keeps state. Default: a local state file
	// with a relative path, "terraform.tfstate" inside the stack's folder.
	Backend Backend
	// Engine is the command the stack is applied with: Terraform or
	// OpenTofu. The output applies with either; only engine-only features
	// (StateEncryption) depend on it. Default: "" (Terraform).
	Engine Engine
	// StateEncryption encrypts state and plan files client-side with a KMS
	// key that exists before the stack (OpenTofu only: needs Engine:
	// OpenTofu). Default: nil (state as the backend stores it).
	StateEncryption *StateEncryption
}

// Backend selects the Terraform state backend. Set at most one of S3.
type Backend struct {
	// S3 stores state in S3 with encryption and native S3 locking. Default: nil (local state).
	S3 *S3Backend
	// LocalPath is the local state file path, relative to the stack folder.
	// Default: "terraform.tfstate". Absolute paths are refused (they make output machine-specific).
	LocalPath string
}

// S3Backend stores state in an S3 bucket, always encrypted, locked with
// Terraform's native S3 lock file (use_lockfile).
type S3Backend struct {
	// Bucket is the state bucket. Required.
	Bucket string
	// Key is the state object key. Default: "{company}/{environment}/{stack id}.tfstate".
	Key string
	// Region is the bucket's region. Default: the stack's region.
	Region string
	// KMSKeyID encrypts state with a customer managed key: a key ARN, an
	// alias ARN, a key id ("1234abcd-12ab-34cd-56ef-1234567890ab" or
	// "mrk-...") or an alias ("alias/terraform-state"). Default: "" (SSE-S3).
	KMSKeyID string
}

// Validate checks every field, returning all problems joined, each naming the field.
func (p Props) Validate() error {
	n := naming.Naming{Company: p.Company, Environment: p.Environment}
	_, tagErr := n.Tags(p.Project, p.Tags)
	errs := []error{n.Validate(), awscontext.ValidateRegion(p.Region), tagErr}
	if s3 := p.Backend.S3; s3 != nil {
		if p.Backend.LocalPath != "" {
			errs = append(errs, errors.New("backend: set either S3 or LocalPath, not both"))
		}
		if err := naming.S3Bucket.Check(s3.Bucket); err != nil {
			errs = append(errs, fmt.Errorf("backend.s3.bucket: %w", err))
		}
		if s3.Region != "" {
			if err := awscontext.ValidateRegion(s3.Region); err != nil {
				errs = append(errs, fmt.Errorf("backend.s3.%w", err))
			}
		}
		if strings.HasPrefix(s3.Key, "/") {
			errs = append(errs, fmt.Errorf("backend.s3.key: %q must not start with '/'", s3.Key))
		}
		if err := checkKMSKeyID(s3.KMSKeyID); err != nil {
			errs = append(errs, err)
		}
		errs = append(errs, tfexpr.Check("backend.s3.key", s3.Key))
	}
	if lp := p.Backend.LocalPath; strings.HasPrefix(lp, "/") || (len(lp) > 1 && lp[1] == ':') {
		errs = append(errs, fmt.Errorf("backend.localPath: %q is absolute; use a path relative to the stack folder so the output is portable", lp))
	}
	errs = append(errs, p.validateEngine()...)
	return errors.Join(errs...)
}

// Stack is a CDKTF stack with the AWS provider configured, plus the naming
// and account context the constructs in this library read through Of.
type Stack struct {
	// TerraformStack is the underlying CDKTF stack: the scope to build in.
	cdktf.TerraformStack
	// Naming derives every resource name.
	Naming naming.Naming
	// AWS resolves the account, region and partition.
	AWS *awscontext.Context
	// RegionName is the configured region, as plain text.
	RegionName string
	tags       map[string]string
	path       string // the stack's construct path, read once at New
	names      *names // the app's physical names (names.go)
}

var (
	registryMu sync.Mutex
	registry   = map[string]*Stack{}
	// nodes maps the plain constructs made by NewNode to their stack and
	// construct path.
	nodes = map[constructs.Construct]nodeInfo{}
	// paths holds the construct paths of the nodes made by NewNode, per
	// stack (two apps may hold stacks of the same id), with the function
	// that made each ("storage.NewBucket"), so a collision names both.
	paths = map[stackPath]string{}
)

type stackPath struct {
	stack *Stack
	path  string
}

// nodeInfo is what NewNode records about a node. path is empty when the
// node's parent was not known in Go (Path then asks jsii).
type nodeInfo struct {
	stack *Stack
	path  string
}

// New validates props and creates the stack with its provider, backend and context.
//
// Besides the ids of the constructs you add, New takes three construct ids
// in the stack: "aws" (the provider), "backend" and "context" (the account,
// region and partition data sources); ReservedIDs returns them. Every
// construct of this library creates its resources under a node of its own
// id, so no other id is taken. A construct or plain resource with a taken
// id fails: inside Catch (and in every constructor of this library) as an
// error naming the construct path.
func New(scope constructs.Construct, id string, props Props) (*Stack, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	if isnil.Is(scope) {
		return nil, errors.New("scope: nil; pass the *stack.App from stack.NewApp")
	}
	if id == "" {
		return nil, errors.New("id: must not be empty; name the stack, e.g. \"acme-dev\"")
	}
	n := naming.Naming{Company: props.Company, Environment: props.Environment}
	tags, _ := n.Tags(props.Project, props.Tags)

	s := &Stack{Naming: n, RegionName: props.Region, tags: tags, names: namesFor(scope)}
	err := Catch(func() {
		cdktf.NewTerraformStack_Override(s, scope, &id)
		s.TerraformStack.AddOverride(str("terraform.required_providers.aws.version"), str(ProviderVersionConstraint))
		provider.NewAwsProvider(s.TerraformStack, str("aws"), &provider.AwsProviderConfig{
			Region:      str(props.Region),
			DefaultTags: &[]*provider.AwsProviderDefaultTags{{Tags: jsiival.StringMap(tags)}},
		})
		addBackend(s.TerraformStack, id, props)
		addEncryption(s.TerraformStack, props)
		s.AWS = awscontext.New(s.TerraformStack, "context")
	})
	if err != nil {
		return nil, err
	}
	if err := Catch(func() { s.path = *s.TerraformStack.Node().Path() }); err != nil {
		return nil, err
	}
	registryMu.Lock()
	registry[s.path] = s
	registryMu.Unlock()
	return s, nil
}

func addBackend(st cdktf.TerraformStack, id string, props Props) {
	if s3 := props.Backend.S3; s3 != nil {
		key := s3.Key
		if key == "" {
			key = props.Company + "/" + props.Environment + "/" + id + ".tfstate"
		}
		region := s3.Region
		if region == "" {
			region = props.Region
		}
		cfg := &cdktf.S3BackendConfig{Bucket: str(s3.Bucket), Key: str(key), Region: str(region), Encrypt: boolp(true)}
		if s3.KMSKeyID != "" {
			cfg.KmsKeyId = str(s3.KMSKeyID)
		}
		b := cdktf.NewS3Backend(st, cfg)
		b.AddOverride(str("use_lockfile"), true)
		return
	}
	path := props.Backend.LocalPath
	if path == "" {
		path = "terraform.tfstate"
	}
	cdktf.NewLocalBackend(st, &cdktf.LocalBackendConfig{Path: str(path)})
}

// NewNode creates a plain construct under parent for a construct of this
// stack to build in, and remembers it, so that Of(node) answers without a
// jsii round trip. Like constructs.NewConstruct it panics on a jsii error
// (a duplicate id): call it inside Catch.
func (s *Stack) NewNode(parent constructs.Construct, id string) constructs.Construct {
	defer func() {
		if r := recover(); r != nil {
			// Name the full path when Go knows the parent's.
			if p, ok := knownPath(parent); ok {
				if m := duplicateRE.FindStringSubmatch(fmt.Sprint(r)); m != nil {
					_, isStack := parent.(*Stack)
					panic(takenError{path: p + "/" + m[1], id: m[1], in: p, stack: isStack})
				}
			}
			panic(r)
		}
	}()
	info := nodeInfo{stack: s}
	by := builder()
	if p, ok := knownPath(parent); ok {
		info.path = p + "/" + strings.ReplaceAll(id, "/", "--") // as constructs' sanitizeId
		registryMu.Lock()
		holder, taken := paths[stackPath{s, info.path}]
		registryMu.Unlock()
		if taken {
			_, isStack := parent.(*Stack)
			panic(takenError{path: p + "/" + id, id: id, in: p, stack: isStack, holder: holder, by: by})
		}
	}
	node := constructs.NewConstruct(parent, &id)
	registryMu.Lock()
	nodes[node] = info
	if info.path != "" {
		paths[stackPath{s, info.path}] = by
	}
	registryMu.Unlock()
	return node
}

// builder names the exported function outside this package that led to
// NewNode, e.g. "storage.NewBucket" or "compute.(*Function).HandleFailures";
// "" when it cannot be told.
func builder() string {
	pcs := make([]uintptr, 16)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		f, more := frames.Next()
		name := f.Function[strings.LastIndexByte(f.Function, '/')+1:]
		if i := strings.Index(name, ".func"); i > 0 {
			name = name[:i]
		}
		// The first exported function outside this package: the
		// constructor or method a user called (not its helpers).
		last := name[strings.LastIndexByte(name, '.')+1:]
		if name != "" && !strings.HasPrefix(name, "stack.") && last != "" && last[0] >= 'A' && last[0] <= 'Z' {
			return name
		}
		if !more {
			return ""
		}
	}
}

// knownPath returns scope's construct path when Go knows it: scope is a
// *Stack or a node made by NewNode under one.
func knownPath(scope constructs.Construct) (string, bool) {
	if s, ok := scope.(*Stack); ok && s != nil && s.path != "" {
		return s.path, true
	}
	if reflect.ValueOf(scope).Kind() != reflect.Pointer { // not hashable: not a map key
		return "", false
	}
	registryMu.Lock()
	info, ok := nodes[scope]
	registryMu.Unlock()
	return info.path, ok && info.path != ""
}

// Path returns scope's construct path, e.g. "acme-dev/storage/logs": the
// path Terraform addresses and cdktf's error messages use. For a *Stack and
// for nodes made by NewNode it answers in Go; for any other scope it asks
// the jsii kernel.
func Path(scope constructs.Construct) (string, error) {
	if err := checkScope(scope); err != nil {
		return "", err
	}
	if p, ok := knownPath(scope); ok {
		return p, nil
	}
	var path string
	err := Catch(func() { path = *scope.Node().Path() })
	return path, err
}

// Of returns the Stack that scope belongs to. It fails when scope is not
// inside a stack created by New. For a *Stack and for nodes made by NewNode
// it answers in Go; for any other scope it asks the jsii kernel.
func Of(scope constructs.Construct) (*Stack, error) {
	if err := checkScope(scope); err != nil {
		return nil, err
	}
	if s, ok := scope.(*Stack); ok && s != nil {
		return s, nil // the common case, without a jsii round trip
	}
	if reflect.ValueOf(scope).Kind() == reflect.Pointer { // hashable: a map key
		registryMu.Lock()
		info, ok := nodes[scope]
		registryMu.Unlock()
		if ok {
			return info.stack, nil
		}
	}
	var path string
	if err := Catch(func() { path = *cdktf.TerraformStack_Of(scope).Node().Path() }); err != nil {
		return nil, fmt.Errorf("scope: not inside a stack: %w", err)
	}
	registryMu.Lock()
	defer registryMu.Unlock()
	if s, ok := registry[path]; ok {
		return s, nil
	}
	return nil, fmt.Errorf("scope: stack %q was not created with stack.New; create it with stack.New so constructs can read its naming and account context", path)
}

// checkScope refuses a nil scope: a nil interface, or one holding a typed
// nil pointer such as (*stack.Stack)(nil), which jsii would reject with a
// serialization error.
func checkScope(scope constructs.Construct) error {
	if isnil.Is(scope) {
		return errors.New("scope: nil; pass the *stack.Stack (or a construct inside it) to build in")
	}
	return nil
}

// Tags returns a copy of the stack's default tags.
func (s *Stack) Tags() map[string]string {
	out := make(map[string]string, len(s.tags))
	for k, v := range s.tags {
		out[k] = v
	}
	return out
}

// Name returns the validated "{company}-{environment}-{name}" for kind.
func (s *Stack) Name(kind naming.Kind, name string) (string, error) { return s.Naming.Name(kind, name) }

// ReservedIDs returns the construct ids New takes in every stack.
func ReservedIDs() []string { return []string{"aws", "backend", "context"} }

// Catch runs f and turns a jsii panic into a one-line Go error, so no
// JavaScript stack trace reaches a user. Create plain provider resources
// (the CDKTF bindings) inside it: jsii reports an id that is already taken
// by panicking, and Catch turns that into an error naming the construct
// path and what to do, e.g.
//
//	construct "acme-dev/context": the id "context" is already taken in stack acme-dev ...; choose another id
func Catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if t, ok := r.(takenError); ok {
				err = t
				return
			}
			err = catchError(firstLine(fmt.Sprint(r)))
		}
	}()
	f()
	return nil
}

// duplicateRE matches constructs' error for a taken id: the new child's id,
// the type of its parent and the parent's id.
var duplicateRE = regexp.MustCompile(`There is already a Construct with name '([^']*)' in (\w+)(?: \[([^\]]*)\])?`)

func catchError(msg string) error {
	m := duplicateRE.FindStringSubmatch(msg)
	if m == nil {
		return fmt.Errorf("cdktf: %s", msg)
	}
	id, kind, parent := m[1], m[2], m[3]
	if kind == "TerraformStack" {
		// A stack's id is its path (stacks are the app's children).
		return takenError{path: parent + "/" + id, id: id, in: parent, stack: true}
	}
	if parent == "" { // the root: the app
		return takenError{path: id, id: id, in: kind, root: true}
	}
	return takenError{path: ".../" + parent + "/" + id, id: id, in: parent}
}

// takenError reports a construct id already taken in its parent: in is
// the parent's path (or id, when only jsii's message names it).
type takenError struct {
	path, id, in string
	// holder made the construct holding the id and by the one refused
	// ("storage.NewBucket"), when both are known.
	holder, by string
	stack      bool // the parent is a stack
	root       bool // the parent is the app (in is its type)
}

func (e takenError) Error() string {
	where, hint := strconv.Quote(e.in), ""
	if e.root {
		where = e.in
	}
	if e.stack {
		where = "stack " + e.in
		if slices.Contains(ReservedIDs(), e.id) {
			hint = fmt.Sprintf(" (stack.New takes %q in every stack)", ReservedIDs())
		}
	}
	if e.holder != "" && e.by != "" {
		hint += fmt.Sprintf(" (held by the %s construct, asked again by %s)", e.holder, e.by)
	}
	return fmt.Sprintf("construct %q: the id %q is already taken in %s%s; choose another id", e.path, e.id, where, hint)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

func str(s string) *string { return &s }
func boolp(b bool) *bool   { return &b }

var (
	kmsKeyUUID = regexp.MustCompile(`^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$`)
	kmsKeyARN  = regexp.MustCompile(`^arn:aws[a-z-]*:kms:[a-z]{2}(-[a-z]+)+-\d:\d{12}:(key/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})|alias/[a-zA-Z0-9/_-]{1,250})$`)
	kmsAlias   = regexp.MustCompile(`^alias/[a-zA-Z0-9/_-]{1,250}$`)
)

// checkKMSKeyID accepts "" (SSE-S3), a Terraform reference, a key ARN, an
// alias ARN, a key id or an alias name.
func checkKMSKeyID(v string) error {
	switch {
	case v == "":
		return nil
	case tfexpr.IsReference(v):
		return tfexpr.Check("backend.s3.kmsKeyID", v)
	case kmsKeyARN.MatchString(v), kmsKeyUUID.MatchString(v), kmsAlias.MatchString(v):
		return nil
	}
	return fmt.Errorf("backend.s3.kmsKeyID: %q is not a KMS key; use a key ARN (arn:aws:kms:<region>:<account>:key/<id>), an alias ARN, a key id (1234abcd-12ab-34cd-56ef-1234567890ab) or an alias (alias/terraform-state)", v)
}
