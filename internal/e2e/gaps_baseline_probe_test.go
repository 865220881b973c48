package e2e

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/emulator"
)

// The account baseline's left-out resources (emulator.Gaps marked LeftOut):
// each probe makes the call the provider makes and shows moto refusing it.
func init() {
	left := func(typ string) string { return typ + "|" + emulator.LeftOutSetting }
	ec2Probe := func(name string, call func(ctx context.Context, c *ec2.Client) error) gapProbe {
		return func(ctx context.Context, cfg aws.Config) (bool, string, error) {
			err := call(ctx, ec2.NewFromConfig(cfg, func(o *ec2.Options) { o.RetryMaxAttempts = 1 }))
			return err != nil, fmt.Sprintf("%s: %s", name, short(err)), nil
		}
	}
	gapProbes[left("aws_ec2_instance_metadata_defaults")] = ec2Probe("ModifyInstanceMetadataDefaults", func(ctx context.Context, c *ec2.Client) error {
		_, err := c.ModifyInstanceMetadataDefaults(ctx, &ec2.ModifyInstanceMetadataDefaultsInput{HttpTokens: ec2types.MetadataDefaultHttpTokensStateRequired})
		return err
	})
	gapProbes[left("aws_ebs_snapshot_block_public_access")] = ec2Probe("EnableSnapshotBlockPublicAccess", func(ctx context.Context, c *ec2.Client) error {
		_, err := c.EnableSnapshotBlockPublicAccess(ctx, &ec2.EnableSnapshotBlockPublicAccessInput{State: ec2types.SnapshotBlockPublicAccessStateBlockAllSharing})
		return err
	})
	gapProbes[left("aws_ec2_image_block_public_access")] = ec2Probe("EnableImageBlockPublicAccess", func(ctx context.Context, c *ec2.Client) error {
		_, err := c.EnableImageBlockPublicAccess(ctx, &ec2.EnableImageBlockPublicAccessInput{ImageBlockPublicAccessState: ec2types.ImageBlockPublicAccessEnabledStateBlockNewSharing})
		return err
	})
	gapProbes[left("aws_ec2_serial_console_access")] = ec2Probe("DisableSerialConsoleAccess", func(ctx context.Context, c *ec2.Client) error {
		_, err := c.DisableSerialConsoleAccess(ctx, &ec2.DisableSerialConsoleAccessInput{})
		return err
	})
	gapProbes[left("aws_ebs_default_kms_key")] = ec2Probe("ModifyEbsDefaultKmsKeyId", func(ctx context.Context, c *ec2.Client) error {
		_, err := c.ModifyEbsDefaultKmsKeyId(ctx, &ec2.ModifyEbsDefaultKmsKeyIdInput{KmsKeyId: aws.String("arn:aws:kms:us-east-1:" + emulator.MotoAccountID + ":key/1234abcd-12ab-34cd-56ef-1234567890ab")})
		return err
	})
	gapProbes[left("aws_accessanalyzer_analyzer")] = restProbe("access-analyzer", "PUT", "/analyzer", `{"analyzerName":"probe","type":"ACCOUNT"}`)
	gapProbes[left("aws_guardduty_publishing_destination")] = func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		id, err := probeDetector(ctx, cfg)
		if err != nil {
			return false, "", err
		}
		return restProbe("guardduty", "POST", "/detector/"+id+"/publishingDestination",
			`{"destinationType":"S3","destinationProperties":{"destinationArn":"arn:aws:s3:::probe/guardduty","kmsKeyArn":"arn:aws:kms:us-east-1:`+emulator.MotoAccountID+`:key/1234abcd-12ab-34cd-56ef-1234567890ab"}}`)(ctx, cfg)
	}
	gapProbes[left("aws_guardduty_detector_feature")] = func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		id, err := probeDetector(ctx, cfg)
		if err != nil {
			return false, "", err
		}
		for _, f := range []string{"S3_DATA_EVENTS", "LAMBDA_NETWORK_LOGS"} {
			if code, body, err := signedCall(ctx, cfg, "guardduty", "POST", "/detector/"+id, `{"features":[{"name":"`+f+`","status":"ENABLED"}]}`); err != nil || code != http.StatusOK {
				return false, "", fmt.Errorf("UpdateDetector %s: HTTP %d %s %v", f, code, body, err)
			}
		}
		code, body, err := signedCall(ctx, cfg, "guardduty", "GET", "/detector/"+id, "")
		if err != nil || code != http.StatusOK {
			return false, "", fmt.Errorf("GetDetector: HTTP %d %s %v", code, body, err)
		}
		return !strings.Contains(body, "S3_DATA_EVENTS"), "GetDetector after enabling S3_DATA_EVENTS then LAMBDA_NETWORK_LOGS: " + short(body), nil
	}
	gapProbes[left("aws_securityhub_account")] = func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		if code, body, err := signedCall(ctx, cfg, "securityhub", "POST", "/accounts", `{"EnableDefaultStandards":false,"ControlFindingGenerator":"SECURITY_CONTROL"}`); err != nil || code != http.StatusOK {
			return false, "", fmt.Errorf("EnableSecurityHub: HTTP %d %s %v", code, body, err)
		}
		return restProbe("securityhub", "PATCH", "/accounts", `{"AutoEnableControls":true,"ControlFindingGenerator":"SECURITY_CONTROL"}`)(ctx, cfg)
	}
	gapProbes[left("aws_securityhub_standards_subscription")] = func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		if code, body, err := signedCall(ctx, cfg, "securityhub", "POST", "/accounts", `{"EnableDefaultStandards":false}`); err != nil || code != http.StatusOK {
			return false, "", fmt.Errorf("EnableSecurityHub: HTTP %d %s %v", code, body, err)
		}
		return restProbe("securityhub", "POST", "/standards/register",
			`{"StandardsSubscriptionRequests":[{"StandardsArn":"arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0"}]}`)(ctx, cfg)
	}
	// S3 Control puts the account id in front of the endpoint's host
	// (<account>.<host>), as the provider's SDK does; for a loopback
	// emulator that name does not resolve.
	gapProbes[left("aws_s3_account_public_access_block")] = func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		u, err := url.Parse(aws.ToString(cfg.BaseEndpoint))
		if err != nil {
			return false, "", err
		}
		host := emulator.MotoAccountID + "." + u.Hostname()
		addrs, err := net.DefaultResolver.LookupHost(ctx, host)
		return err != nil, fmt.Sprintf("lookup %s: %v %v", host, addrs, err), nil
	}
}

// probeDetector creates a GuardDuty detector in the emulator and returns its id.
func probeDetector(ctx context.Context, cfg aws.Config) (string, error) {
	code, body, err := signedCall(ctx, cfg, "guardduty", "POST", "/detector", `{"enable":true}`)
	if err != nil || code != http.StatusOK {
		return "", fmt.Errorf("CreateDetector: HTTP %d %s %v", code, body, err)
	}
	var out struct {
		DetectorID string `json:"detectorId"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil || out.DetectorID == "" {
		return "", fmt.Errorf("CreateDetector answered %s", body)
	}
	return out.DetectorID, nil
}

// restProbe makes one signed REST-JSON call to the emulator and reports the
// gap present when it does not answer 2xx.
func restProbe(service, method, path, body string) gapProbe {
	return func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		code, out, err := signedCall(ctx, cfg, service, method, path, body)
		if err != nil {
			return false, "", err
		}
		return code/100 != 2, fmt.Sprintf("%s %s %s: HTTP %d %s", service, method, path, code, short(out)), nil
	}
}

// signedCall sends a SigV4-signed JSON request for service to the emulator
// endpoint in cfg (moto routes REST-JSON services by the signature's
// service name), for the services whose SDK clients this module does not
// import.
func signedCall(ctx context.Context, cfg aws.Config, service, method, path, body string) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, method, aws.ToString(cfg.BaseEndpoint)+path, bytes.NewReader([]byte(body)))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Content-Type", "application/json")
	creds, err := cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return 0, "", err
	}
	sum := sha256.Sum256([]byte(body))
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), service, cfg.Region, time.Now()); err != nil {
		return 0, "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	return resp.StatusCode, string(out), nil
}
