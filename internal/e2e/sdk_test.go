package e2e

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/emulator"
)

// sdkConfig returns an SDK configuration for where d was deployed: the
// emulator's endpoint with its static "test" credentials, or the ambient
// credentials on real AWS (emulator.Run has already checked their account).
func sdkConfig(d *emulator.Deployed) aws.Config {
	if d.Emulated {
		return aws.Config{
			Region:           d.Region,
			Credentials:      credentials.NewStaticCredentialsProvider("test", "test", ""),
			BaseEndpoint:     aws.String(d.Endpoint),
			RetryMaxAttempts: 3,
		}
	}
	cfg, err := config.LoadDefaultConfig(context.Background(), config.WithRegion(d.Region))
	if err != nil {
		// emulator.Run deployed with these same credentials; should loading
		// them fail now, every SDK call fails naming its resource.
		return aws.Config{Region: d.Region}
	}
	return cfg
}

// short renders a value (an error) on one line of at most 200 characters.
func short(v any) string {
	if v == nil {
		return "null"
	}
	if err, ok := v.(error); ok {
		v = err.Error()
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	s := string(b)
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}
