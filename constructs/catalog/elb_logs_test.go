package catalog

import (
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/awscontext"
)

// TestELBLogDeliveryCoversEveryRegion: every region the library accepts has
// exactly one documented log deliverer, so a load balancer's log bucket
// policy can be written in any of them.
func TestELBLogDeliveryCoversEveryRegion(t *testing.T) {
	for _, r := range awscontext.Regions() {
		d, err := ELBLogDeliveryFor("region", r)
		if err != nil {
			t.Errorf("%s: %v", r, err)
			continue
		}
		if (d.Account == "") == (d.Service == "") {
			t.Errorf("%s: want exactly one of Account and Service, got %+v", r, d)
		}
		if d.Account != "" && len(d.Account) != 12 {
			t.Errorf("%s: account %q is not 12 digits", r, d.Account)
		}
		if _, both := elbAccounts[r]; both && elbServiceRegions[r] {
			t.Errorf("%s: listed as an account region and a service region", r)
		}
	}
	if len(ELBLogDeliveryRegions()) != len(awscontext.Regions()) {
		t.Errorf("the ELB table lists %d regions, the library accepts %d: keep them the same", len(ELBLogDeliveryRegions()), len(awscontext.Regions()))
	}
}

func TestELBLogDeliveryFor(t *testing.T) {
	if d, _ := ELBLogDeliveryFor("region", "us-east-1"); d.Account != "127311923021" {
		t.Errorf("us-east-1: got %+v, want account 127311923021 (AWS ELB guide)", d)
	}
	if d, _ := ELBLogDeliveryFor("region", "eu-central-2"); d.Service != ELBLogDeliveryService {
		t.Errorf("eu-central-2 (opened after August 2022): got %+v, want the service principal", d)
	}
	_, err := ELBLogDeliveryFor("region", "xx-north-9")
	if err == nil || !strings.Contains(err.Error(), `region: the catalogue does not know who delivers load balancer logs in "xx-north-9"`) || !strings.Contains(err.Error(), "enable-access-logging.html") {
		t.Errorf("unknown region: got %v", err)
	}
}
