package table

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dynamodbtable"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/identity"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/isnil"
)

// Key is the customer managed KMS key the table is encrypted with, e.g. an
// *encryption.Key.
type Key interface{ Arn() string }

// AttributeType is a key attribute's type: String, Number or Binary.
type AttributeType string

// Key attribute types (DynamoDB AttributeDefinition,
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeDefinition.html).
const (
	String AttributeType = "S"
	Number AttributeType = "N"
	Binary AttributeType = "B"
)

// Attribute is a key attribute.
type Attribute struct {
	// Name is the attribute name, 1-255 characters. Required.
	Name string
	// Type is String, Number or Binary. Default: String.
	Type AttributeType
}

// StreamView says what a stream record holds. The zero value is no stream.
type StreamView string

// Stream views (DynamoDB StreamSpecification,
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_StreamSpecification.html).
const (
	NoStream        StreamView = ""
	KeysOnly        StreamView = "KEYS_ONLY"
	NewImage        StreamView = "NEW_IMAGE"
	OldImage        StreamView = "OLD_IMAGE"
	NewAndOldImages StreamView = "NEW_AND_OLD_IMAGES"
)

// RemovalPolicy decides whether the table has deletion protection.
type RemovalPolicy int

const (
	// ByEnvironment (the zero value) is Protect in production environments
	// (naming.IsProductionEnvironment) and Destroy elsewhere.
	ByEnvironment RemovalPolicy = iota
	// Protect sets deletion_protection_enabled.
	Protect
	// Destroy leaves deletion protection off.
	Destroy
)

// Props configures a Table. The zero value of every optional field is the
// secure choice.
type Props struct {
	// Name is the table name suffix: "{company}-{environment}-{Name}" (3-255
	// characters). Default: the construct id.
	Name string
	// Key encrypts the table, its indexes, stream and backups. Required.
	Key Key
	// PartitionKey is the hash key. Required.
	PartitionKey Attribute
	// SortKey is the range key. Default: none.
	SortKey *Attribute
	// TTLAttribute names the attribute holding each item's expiry (epoch
	// seconds). Default: "" (no TTL).
	TTLAttribute string
	// Stream turns on DynamoDB Streams with that view. Default: NoStream.
	Stream StreamView
	// RemovalPolicy is Protect, Destroy or (zero value) by environment.
	RemovalPolicy RemovalPolicy
}

var attrName = regexp.MustCompile(`^.{1,255}$`)

// Validate reports every problem, each naming its field.
func (p Props) Validate() error {
	var errs []error
	if isnil.Is(p.Key) {
		errs = append(errs, errors.New("key: must not be nil; pass the KMS key the table is encrypted with (a table without one uses the AWS owned key, which you cannot audit or revoke)"))
	}
	errs = append(errs, p.PartitionKey.validate("partitionKey"))
	if p.SortKey != nil {
		errs = append(errs, p.SortKey.validate("sortKey"))
		if p.SortKey.Name == p.PartitionKey.Name {
			errs = append(errs, fmt.Errorf("sortKey.name: %q is the partition key too; use another attribute", p.SortKey.Name))
		}
	}
	if p.TTLAttribute != "" && !attrName.MatchString(p.TTLAttribute) {
		errs = append(errs, fmt.Errorf("ttlAttribute: %d characters; DynamoDB allows 1-255", len(p.TTLAttribute)))
	}
	switch p.Stream {
	case NoStream, KeysOnly, NewImage, OldImage, NewAndOldImages:
	default:
		errs = append(errs, fmt.Errorf("stream: %q is not a stream view; use table.KeysOnly, NewImage, OldImage or NewAndOldImages", p.Stream))
	}
	if p.RemovalPolicy < ByEnvironment || p.RemovalPolicy > Destroy {
		errs = append(errs, fmt.Errorf("removalPolicy: %d is not a policy; use table.ByEnvironment, Protect or Destroy", p.RemovalPolicy))
	}
	return errors.Join(errs...)
}

func (a Attribute) validate(field string) error {
	var errs []error
	if a.Name == "" {
		errs = append(errs, fmt.Errorf("%s.name: required", field))
	} else if !attrName.MatchString(a.Name) {
		errs = append(errs, fmt.Errorf("%s.name: %d characters; key attribute names are 1-255", field, len(a.Name)))
	}
	switch a.Type {
	case "", String, Number, Binary:
	default:
		errs = append(errs, fmt.Errorf("%s.type: %q is not a key type; use table.String, Number or Binary", field, a.Type))
	}
	return errors.Join(errs...)
}

func (a Attribute) typ() string {
	if a.Type == "" {
		return string(String)
	}
	return string(a.Type)
}

// Table is a DynamoDB table (on-demand capacity).
type Table struct {
	node      constructs.Construct
	t         dynamodbtable.DynamodbTable
	fullName  string
	arn, name string
	streamArn string
	keyArn    string
	region    string
	protected bool
}

// New validates props and creates the table.
func New(scope constructs.Construct, id string, props Props) (*Table, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	st, full, err := stack.Named(scope, id, naming.DynamoDBTable, props.Name)
	if err != nil {
		return nil, err
	}
	protect := props.RemovalPolicy == Protect || props.RemovalPolicy == ByEnvironment && st.Naming.IsProduction()
	t := &Table{fullName: full, keyArn: props.Key.Arn(), region: st.RegionName, protected: protect}
	err = stack.Catch(func() {
		t.node = st.NewNode(scope, id)
		attrs := []*dynamodbtable.DynamodbTableAttribute{{Name: str(props.PartitionKey.Name), Type: str(props.PartitionKey.typ())}}
		cfg := &dynamodbtable.DynamodbTableConfig{
			Name:        str(full),
			BillingMode: str("PAY_PER_REQUEST"),
			HashKey:     str(props.PartitionKey.Name),
			ServerSideEncryption: &dynamodbtable.DynamodbTableServerSideEncryption{
				Enabled: true, KmsKeyArn: str(props.Key.Arn()),
			},
			PointInTimeRecovery:       &dynamodbtable.DynamodbTablePointInTimeRecovery{Enabled: true},
			DeletionProtectionEnabled: protect,
		}
		if sk := props.SortKey; sk != nil {
			cfg.RangeKey = str(sk.Name)
			attrs = append(attrs, &dynamodbtable.DynamodbTableAttribute{Name: str(sk.Name), Type: str(sk.typ())})
		}
		cfg.Attribute = &attrs
		if props.TTLAttribute != "" {
			cfg.Ttl = &dynamodbtable.DynamodbTableTtl{Enabled: true, AttributeName: str(props.TTLAttribute)}
		}
		if props.Stream != NoStream {
			cfg.StreamEnabled = true
			cfg.StreamViewType = str(string(props.Stream))
		}
		t.t = dynamodbtable.NewDynamodbTable(t.node, str("table"), cfg)
		t.arn, t.name = *t.t.Arn(), *t.t.Name()
		if props.Stream != NoStream {
			t.streamArn = *t.t.StreamArn()
		}
	})
	if err != nil {
		return nil, err
	}
	stack.RecordPlain(t.name, full)
	return t, nil
}

// Arn is the table's ARN (a Terraform reference).
func (t *Table) Arn() string { return t.arn }

// Name is the table's name (a Terraform reference).
func (t *Table) Name() string { return t.name }

// FullName is the table's name, "{company}-{environment}-{name}" (plain text).
func (t *Table) FullName() string { return t.fullName }

// StreamArn is the stream's ARN (a Terraform reference), "" without Stream.
func (t *Table) StreamArn() string { return t.streamArn }

// DeletionProtection reports whether the table has deletion protection.
func (t *Table) DeletionProtection() bool { return t.protected }

// Construct is the table's construct node.
func (t *Table) Construct() constructs.Construct { return t.node }

// Action sets of the grants (Amazon DynamoDB Developer Guide, "Actions,
// resources and condition keys for Amazon DynamoDB",
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html).
// A customer managed key is used by DynamoDB on the caller's behalf, so
// the caller may use it only through DynamoDB (kms:ViaService; DynamoDB
// encryption at rest,
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.howitworks.html).
var (
	ReadActions       = []string{"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable"}
	WriteActions      = []string{"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:DescribeTable"}
	StreamReadActions = []string{"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"}
	readKeyActions    = []string{"kms:Decrypt", "kms:DescribeKey"}
	writeKeyActions   = []string{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"}
)

func (t *Table) keyStatement(actions []string) policy.Statement {
	return policy.Statement{Actions: actions, Resources: []string{t.keyArn},
		Conditions: []policy.Condition{{Operator: "StringEquals", Key: "kms:ViaService", Values: []string{"dynamodb." + t.region + ".amazonaws.com"}}}}
}

func (t *Table) resources() []string { return []string{t.arn, t.arn + "/index/*"} }

// GrantRead lets g read items (GetItem, BatchGetItem, Query, Scan,
// ConditionCheckItem, DescribeTable) of the table and its indexes.
func (t *Table) GrantRead(g identity.Grantee) error {
	return identity.Grant("grantee", g, []string{"dynamodb"},
		policy.Statement{Actions: ReadActions, Resources: t.resources()}, t.keyStatement(readKeyActions))
}

// GrantWrite lets g write items (PutItem, UpdateItem, DeleteItem,
// BatchWriteItem) of the table; it cannot read them.
func (t *Table) GrantWrite(g identity.Grantee) error {
	return identity.Grant("grantee", g, []string{"dynamodb"},
		policy.Statement{Actions: WriteActions, Resources: []string{t.arn}}, t.keyStatement(writeKeyActions))
}

// GrantReadWrite is GrantRead and GrantWrite.
func (t *Table) GrantReadWrite(g identity.Grantee) error {
	if err := t.GrantRead(g); err != nil {
		return err
	}
	return t.GrantWrite(g)
}

// GrantStreamRead lets g read the table's stream (a function reading it
// through an event source mapping needs it). It fails on a table without Stream.
func (t *Table) GrantStreamRead(g identity.Grantee) error {
	if t.streamArn == "" {
		return fmt.Errorf("table %s has no stream; create it with Stream: table.NewImage (or another view)", t.fullName)
	}
	return identity.Grant("grantee", g, []string{"dynamodb"},
		policy.Statement{Actions: StreamReadActions, Resources: []string{t.streamArn}}, t.keyStatement(readKeyActions))
}

func str(s string) *string { return &s }
