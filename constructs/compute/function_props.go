package compute

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/logging"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/tfexpr"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/isnil"
)

// Key is the customer managed KMS key a workload encrypts with, e.g. an
// *encryption.Key. AllowCloudWatchLogs lets CloudWatch Logs use it for the
// workload's log group.
type Key interface {
	Arn() string
	AllowCloudWatchLogs() error
}

// Defaults of FunctionProps.
const (
	DefaultMemoryMB         = 256
	DefaultTimeoutSeconds   = 30
	DefaultLogRetentionDays = 365
)

// FunctionProps configures a Lambda function. The zero value of every
// optional field is the secure choice.
type FunctionProps struct {
	// Name is the function name suffix: the function is
	// "{company}-{environment}-{name}" (at most 64 characters). Default: the construct id.
	Name string
	// Description is the function's description. Default: none.
	Description string
	// Runtime is python3.12, python3.13 or nodejs22.x. Default: python3.13
	// (DefaultRuntime). Deprecated runtimes are refused with their replacement.
	Runtime Runtime
	// Handler is "module.function" (Python) or "file.function" (Node.js).
	// Required; with CodeFromAsset the file and function must be in the package.
	Handler string
	// Code is the S3 source: CodeFromAsset or CodeFromS3Object. Required.
	Code Code
	// Key encrypts the environment variables (kms_key_arn) and the log group;
	// the function's role may decrypt with it. Required.
	Key Key
	// Environment holds environment variables (values may be Terraform
	// references). Default: none. Keys reserved by Lambda are refused.
	Environment map[string]string
	// MemoryMB is the memory size, 128-10240. Default: 256.
	MemoryMB int
	// TimeoutSeconds is the timeout, 1-900. Default: 30.
	TimeoutSeconds int
	// ReservedConcurrency reserves that many concurrent executions (and caps
	// the function at it). Default: 0, unreserved (shares the account pool).
	// It may be at most AccountConcurrency - 100: Lambda keeps 100
	// executions unreserved for the account's other functions.
	ReservedConcurrency int
	// AccountConcurrency is the account's Lambda concurrency quota in the
	// region, the upper bound of ReservedConcurrency. Default: 1000, the
	// quota of a new account; set it when yours was raised.
	AccountConcurrency int
	// DisableTracing turns off X-Ray active tracing. Default: false (Active).
	DisableTracing bool
	// LogRetentionDays is the retention of "/aws/lambda/<function name>", a
	// CloudWatch retention value. Default: 365.
	LogRetentionDays int
	// Network places the function in a VPC. Default: nil (no VPC).
	Network *FunctionNetwork
}

var (
	envKeyPattern = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_]*$`)
	reservedEnv   = map[string]bool{
		"_HANDLER": true, "_X_AMZN_TRACE_ID": true, "AWS_DEFAULT_REGION": true, "AWS_REGION": true,
		"AWS_EXECUTION_ENV": true, "AWS_ACCESS_KEY": true, "AWS_ACCESS_KEY_ID": true, "AWS_SECRET_ACCESS_KEY": true,
		"AWS_SESSION_TOKEN": true, "AWS_LAMBDA_RUNTIME_API": true, "LAMBDA_TASK_ROOT": true, "LAMBDA_RUNTIME_DIR": true,
	}
)

// Validate checks every field without calling jsii, returning all problems
// joined, each starting with the field name. For CodeFromAsset it also reads
// the source folder and checks that the handler's file and function exist.
func (p FunctionProps) Validate() error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	rt := p.Runtime.orDefault()
	rtErr := rt.Validate()
	add(rtErr)
	add(p.Code.validate())
	if rtErr == nil {
		lang := supported[rt]
		if p.Code.IsAsset() && p.Code.dir != "" {
			files, err := SourceFiles(p.Code.dir)
			add(err)
			if err == nil {
				add(checkHandlerInPackage(lang, p.Handler, p.Code.dir, files))
			}
		} else {
			_, err := parseHandler(lang, p.Handler)
			add(err)
		}
	}
	if isnil.Is(p.Key) {
		add(errors.New("key: must not be nil; pass the KMS key that encrypts the environment and the log group"))
	}
	if len(p.Description) > 256 {
		add(fmt.Errorf("description: %d characters; Lambda allows at most 256", len(p.Description)))
	}
	add(validateEnvironment(p.Environment))
	if m := p.MemoryMB; m != 0 && (m < 128 || m > 10240) {
		add(fmt.Errorf("memoryMB: %d is out of range; Lambda allows 128-10240 MB", m))
	}
	if s := p.TimeoutSeconds; s != 0 && (s < 1 || s > 900) {
		add(fmt.Errorf("timeoutSeconds: %d is out of range; Lambda allows 1-900 seconds (15 minutes)", s))
	}
	account := p.AccountConcurrency
	if account == 0 {
		account = DefaultAccountConcurrency
	}
	switch {
	case p.AccountConcurrency < 0 || p.AccountConcurrency > 0 && p.AccountConcurrency < UnreservedConcurrency:
		add(fmt.Errorf("accountConcurrency: %d is below Lambda's floor of %d; use your account's concurrency quota or 0 for the default %d", p.AccountConcurrency, UnreservedConcurrency, DefaultAccountConcurrency))
	case p.ReservedConcurrency < 0:
		add(fmt.Errorf("reservedConcurrency: %d is negative; use 0 for unreserved or a positive number to reserve", p.ReservedConcurrency))
	case p.ReservedConcurrency > account-UnreservedConcurrency:
		add(fmt.Errorf("reservedConcurrency: %d exceeds what the account can reserve: %d (accountConcurrency %d less the %d Lambda keeps unreserved); lower it, or set AccountConcurrency to your raised quota", p.ReservedConcurrency, account-UnreservedConcurrency, account, UnreservedConcurrency))
	}
	for _, k := range sortedKeys(p.Environment) {
		if err := tfexpr.Check(fmt.Sprintf("environment[%q]", k), p.Environment[k]); err != nil {
			add(err)
		}
	}
	add(ValidateRetentionDays(p.LogRetentionDays))
	if p.Network != nil {
		add(p.Network.validate())
	}
	return errors.Join(errs...)
}

// Lambda concurrency: a new account's quota, and the part Lambda keeps
// unreserved (AWS Lambda Developer Guide, "Lambda function scaling",
// checked 2026-11-30).
const (
	DefaultAccountConcurrency = 1000
	UnreservedConcurrency     = 100
)

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func validateEnvironment(env map[string]string) error {
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var errs []error
	size := 0
	for _, k := range keys {
		size += len(k) + len(env[k])
		switch {
		case !envKeyPattern.MatchString(k):
			errs = append(errs, fmt.Errorf("environment: key %q is invalid; start with a letter and use letters, digits and underscores", k))
		case reservedEnv[k] || strings.HasPrefix(k, "AWS_LAMBDA_"):
			errs = append(errs, fmt.Errorf("environment: key %q is reserved by Lambda; choose another name", k))
		}
	}
	if size > 4096 {
		errs = append(errs, fmt.Errorf("environment: %d bytes of keys and values; Lambda allows at most 4 KB", size))
	}
	return errors.Join(errs...)
}

// ValidateRetentionDays checks a log retention (0 means the default, 365).
func ValidateRetentionDays(d int) error {
	if d == 0 {
		return nil
	}
	for _, v := range logging.RetentionValues {
		if v == d {
			return nil
		}
	}
	s := make([]string, len(logging.RetentionValues))
	for i, v := range logging.RetentionValues {
		s[i] = fmt.Sprint(v)
	}
	return fmt.Errorf("logRetentionDays: %d is not a CloudWatch retention value; use one of %s", d, strings.Join(s, ", "))
}

// defaults returns a copy of p with every default applied.
func (p FunctionProps) defaults(id string) FunctionProps {
	if p.Name == "" {
		p.Name = id
	}
	p.Runtime = p.Runtime.orDefault()
	if p.MemoryMB == 0 {
		p.MemoryMB = DefaultMemoryMB
	}
	if p.TimeoutSeconds == 0 {
		p.TimeoutSeconds = DefaultTimeoutSeconds
	}
	if p.LogRetentionDays == 0 {
		p.LogRetentionDays = DefaultLogRetentionDays
	}
	return p
}
