// Package container runs a private container service: an ECR repository
// (immutable tags, scan on push, KMS encryption), an ECS cluster with
// Container Insights, and a Fargate service in the private subnets with no
// public IP whose tasks run the image pinned by digest, as a non-root user
// on a read-only root filesystem, never privileged, with least-privilege
// task and execution roles and logs in a KMS-encrypted group. Images are
// pulled through the VPC's endpoints (ecr.api, ecr.dkr, logs and the S3
// gateway), so no NAT gateway is needed. A load balancer (package
// loadbalancer) reaches the tasks on the container port only.
package container

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ecrrepository"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// Key is the KMS key a repository or log group is encrypted with;
// *encryption.Key implements it.
type Key interface {
	// Arn is the key's ARN.
	Arn() string
	// AllowCloudWatchLogs adds the key policy statement CloudWatch Logs needs.
	AllowCloudWatchLogs() error
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	r := reflect.ValueOf(v)
	return r.Kind() == reflect.Pointer && r.IsNil()
}

// repoKind: ECR repository names are 2-256 lower-case letters, digits and
// single separators (._-/):
// https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html
var repoKind = naming.Kind{Label: "ECR repository", Min: 2, Max: 256,
	Pattern: regexp.MustCompile(`^[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*$`),
	Rule:    "use lower-case letters, digits and single . _ - / separators"}

// RepositoryProps configures a Repository.
type RepositoryProps struct {
	// Name is the name suffix: the repository is "{company}-{environment}-{Name}".
	// Default: the construct id.
	Name string
	// Key encrypts the images (SSE-KMS). Required. ECR uses it through
	// grants it creates itself; pulling needs no key permission:
	// https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html
	Key Key
	// ForceDelete lets `terraform destroy` delete the repository with its
	// images. Default: false.
	ForceDelete bool
}

// Validate reports every problem with the props, each naming its field.
func (p RepositoryProps) Validate() error {
	if isNil(p.Key) {
		return errors.New("key: required; pass an *encryption.Key, the repository's images are encrypted with it")
	}
	return nil
}

// Repository is a private ECR repository whose tags cannot be overwritten
// (IMMUTABLE), every pushed image scanned, encrypted with a customer key.
type Repository struct {
	node     constructs.Construct
	repo     ecrrepository.EcrRepository
	fullName string
}

// NewRepository validates props and creates the repository.
func NewRepository(scope constructs.Construct, id string, props RepositoryProps) (*Repository, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	st, fullName, err := stack.Named(scope, id, repoKind, props.Name)
	if err != nil {
		return nil, err
	}
	r := &Repository{fullName: fullName}
	err = stack.Catch(func() {
		r.node = st.NewNode(scope, id)
		r.repo = ecrrepository.NewEcrRepository(r.node, str("repository"), &ecrrepository.EcrRepositoryConfig{
			Name:               str(fullName),
			ImageTagMutability: str("IMMUTABLE"),
			ImageScanningConfiguration: &ecrrepository.EcrRepositoryImageScanningConfiguration{
				ScanOnPush: true,
			},
			EncryptionConfiguration: []*ecrrepository.EcrRepositoryEncryptionConfiguration{{
				EncryptionType: str("KMS"), KmsKey: str(props.Key.Arn()),
			}},
			ForceDelete: props.ForceDelete,
		})
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// Arn is the repository's ARN (a reference).
func (r *Repository) Arn() string { return *r.repo.Arn() }

// URL is the repository's URL, "<account>.dkr.ecr.<region>.amazonaws.com/<name>" (a reference).
func (r *Repository) URL() string { return *r.repo.RepositoryUrl() }

// Name is the repository's name (plain text known at synth).
func (r *Repository) Name() string { return r.fullName }

// Construct is the repository's construct node.
func (r *Repository) Construct() constructs.Construct { return r.node }

var digestPattern = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)

// checkDigest accepts an image digest, "sha256:" and 64 lower-case hex digits.
func checkDigest(field, d string) error {
	if !digestPattern.MatchString(d) {
		return fmt.Errorf("%s: %q is not an image digest; pin the image with \"sha256:\" and 64 hex digits (docker inspect --format '{{index .RepoDigests 0}}', or aws ecr describe-images), never a tag", field, d)
	}
	return nil
}

func str(s string) *string { return &s }
