package stack

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"sync"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
)

// Physical names must be unique where AWS keeps them: S3 bucket names in
// the whole partition, IAM role names in the account, most others (Lambda
// functions, log groups, KMS aliases, trails, topics, RDS identifiers) in
// the account and region. The account is unknown offline, so names are
// compared across every stack of the app: a name in one region (or
// anywhere, for buckets and roles) is taken once. Every name starts with
// "{company}-{environment}", so only stacks of one company and environment
// can collide on a name.
//
// AWS Config allows one recorder per account and region, whatever its name.
// There the choice is explicit: stacks of the same company, environment and
// region count as one account (one environment per account, the usual
// layout), so dev and prod may each have a recorder in us-east-1 in one app,
// while two acme-dev stacks in us-east-1 may not.

// globalKinds are unique across regions.
var globalKinds = map[string]bool{naming.S3Bucket.Label: true, naming.IAMRole.Label: true, naming.BucketNotification.Label: true}

// RecorderKind is the registry label of the AWS Config configuration
// recorder: AWS allows one per account and region, whatever its name.
const RecorderKind = "AWS Config recorder"

// BaselineKind is the registry label of the account baseline
// (baseline.New): its password policy, account defaults, GuardDuty detector
// and Security Hub exist once per account and region.
const BaselineKind = "account baseline"

// claim is one physical name taken by a construct.
type claim struct {
	kind, name, path string
}

// names is the registry of one app's physical names.
type names struct {
	mu         sync.Mutex
	byKey      map[string]claim
	collisions []error
}

var (
	namesMu sync.Mutex
	// appNames holds one registry per app (the scope stacks are created in).
	appNames = map[any]*names{}
)

// namesFor returns the registry of the app scope, creating it on first use.
// A scope Go cannot use as a map key gets a registry of its own.
func namesFor(app constructs.Construct) *names {
	namesMu.Lock()
	defer namesMu.Unlock()
	var key any = app
	if app == nil || !reflect.TypeOf(app).Comparable() {
		return &names{byKey: map[string]claim{}}
	}
	r, ok := appNames[key]
	if !ok {
		r = &names{byKey: map[string]claim{}}
		appNames[key] = r
	}
	return r
}

// Claim records that the construct id under scope creates a resource of
// kind named name, in this stack's region. When another construct of the
// same app already holds that name it returns an error naming both
// construct paths; the collision also stays recorded, so App.Synthesize
// fails even if the error is ignored. Generic names (tags only) are not
// claimed. It makes no jsii call when scope is a *Stack or a node from
// NewNode.
func (s *Stack) Claim(kind naming.Kind, name string, scope constructs.Construct, id string) error {
	if kind.Label == naming.Generic.Label {
		return nil
	}
	where := s.RegionName
	if globalKinds[kind.Label] {
		where = "global"
	}
	return s.claim(kind.Label, name, where, scope, id)
}

// ClaimRecorder records the AWS Config recorder of this stack's company,
// environment and region (one account and region, see above): a second one
// there is refused.
func (s *Stack) ClaimRecorder(scope constructs.Construct, id string) error {
	return s.claim(RecorderKind, s.Naming.Prefix(), s.RegionName, scope, id)
}

// ClaimBaseline records the account baseline of this stack's company,
// environment and region (one account and region, as for ClaimRecorder): a
// second one there is refused naming both construct paths.
func (s *Stack) ClaimBaseline(scope constructs.Construct, id string) error {
	return s.claim(BaselineKind, s.Naming.Prefix(), s.RegionName, scope, id)
}

func (s *Stack) claim(kind, name, where string, scope constructs.Construct, id string) error {
	parent, err := Path(scope)
	if err != nil {
		return err
	}
	c := claim{kind: kind, name: name, path: parent + "/" + id}
	if s.names == nil {
		s.names = &names{byKey: map[string]claim{}}
	}
	r := s.names
	key := kind + "\x00" + where + "\x00" + name
	r.mu.Lock()
	defer r.mu.Unlock()
	prev, taken := r.byKey[key]
	if !taken {
		r.byKey[key] = c
		return nil
	}
	if prev.path == c.path {
		return nil // the same construct asking again
	}
	err = collision(kind, name, where, prev.path, c.path)
	r.collisions = append(r.collisions, err)
	return err
}

func collision(kind, name, where, first, second string) error {
	scope := "in region " + where
	if where == "global" {
		scope = "everywhere"
	}
	if kind == RecorderKind {
		return fmt.Errorf("name: %s and %s both create an AWS Config recorder for %s in %s; AWS allows one per account and region (stacks of one company and environment count as one account): create audit.NewConfig once per environment and region", first, second, name, where)
	}
	if kind == BaselineKind {
		return fmt.Errorf("name: %s and %s both create an account baseline for %s in %s; its password policy, account defaults, GuardDuty detector and Security Hub exist once per account and region (stacks of one company and environment count as one account): create baseline.New once per environment and region", first, second, name, where)
	}
	return fmt.Errorf("name: %s %q of %s is already used by %s; AWS needs it unique %s: give one of them another Name (or the stacks another company or environment)", kind, name, second, first, scope)
}

// CheckNames reports every physical-name collision recorded in the app
// scope's stacks, each naming both construct paths, sorted; nil when there
// is none. App.Synthesize calls it before writing anything.
func CheckNames(app constructs.Construct) error {
	namesMu.Lock()
	var r *names
	if app != nil && reflect.TypeOf(app).Comparable() {
		r = appNames[any(app)]
	}
	namesMu.Unlock()
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	msgs := make([]string, len(r.collisions))
	for i, e := range r.collisions {
		msgs[i] = e.Error()
	}
	sort.Strings(msgs)
	errs := make([]error, 0, len(msgs))
	for i, m := range msgs {
		if i == 0 || m != msgs[i-1] {
			errs = append(errs, errors.New(m))
		}
	}
	return errors.Join(errs...)
}
