package catalog

import (
	"fmt"
	"sort"
	"strings"
)

// ELBLogDeliverySource is where the ELB log-delivery table comes from, and
// ELBLogDeliveryDate when it was read (compare Date).
const (
	ELBLogDeliverySource = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html " +
		"(Step 2: Attach a policy to your S3 bucket), https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/govcloud-elb.html, " +
		"https://docs.amazonaws.cn/en_us/elasticloadbalancing/latest/application/enable-access-logging.html"
	ELBLogDeliveryDate = "2026-12-07"
)

// ELBLogDeliveryService is the service principal that writes load balancer
// access and connection logs in the regions opened in August 2022 or later
// (and the principal AWS documents for every region it adds since).
// Source: ELBLogDeliverySource.
const ELBLogDeliveryService = "logdelivery.elasticloadbalancing.amazonaws.com"

// elbAccounts are the Elastic Load Balancing accounts that write access
// logs in the regions available before August 2022: the bucket policy names
// "arn:<partition>:iam::<account>:root". Source: ELBLogDeliverySource, read
// on ELBLogDeliveryDate.
var elbAccounts = map[string]string{
	"us-east-1":      "127311923021",
	"us-east-2":      "033677994240",
	"us-west-1":      "027434742980",
	"us-west-2":      "797873946194",
	"af-south-1":     "098369216593",
	"ap-east-1":      "754344448648",
	"ap-southeast-3": "589379963580",
	"ap-south-1":     "718504428378",
	"ap-northeast-3": "383597477331",
	"ap-northeast-2": "600734575887",
	"ap-southeast-1": "114774131450",
	"ap-southeast-2": "783225319266",
	"ap-northeast-1": "582318560864",
	"ca-central-1":   "985666609251",
	"eu-central-1":   "054676820928",
	"eu-west-1":      "156460612806",
	"eu-west-2":      "652711504416",
	"eu-south-1":     "635631232127",
	"eu-west-3":      "009996457667",
	"eu-north-1":     "897822967062",
	"me-south-1":     "076674570225",
	"sa-east-1":      "507241528517",
	"us-gov-west-1":  "048591011584",
	"us-gov-east-1":  "190560391635",
	"cn-north-1":     "638102146993",
	"cn-northwest-1": "037604701340",
}

// elbServiceRegions are the regions opened in August 2022 or later, where
// the bucket policy names ELBLogDeliveryService instead of an account.
// Source: ELBLogDeliverySource, read on ELBLogDeliveryDate.
var elbServiceRegions = map[string]bool{
	"ap-south-2":     true,
	"ap-southeast-4": true,
	"ap-southeast-5": true,
	"ap-southeast-7": true,
	"ap-east-2":      true,
	"ca-west-1":      true,
	"eu-south-2":     true,
	"eu-central-2":   true,
	"il-central-1":   true,
	"me-central-1":   true,
	"mx-central-1":   true,
}

// ELBLogDelivery is who writes a load balancer's logs into its bucket in
// one region: exactly one of Account (an ELB account of a region available
// before August 2022) and Service (ELBLogDeliveryService) is set.
type ELBLogDelivery struct {
	// Account is the region's Elastic Load Balancing account ID, or "".
	Account string
	// Service is the log delivery service principal, or "".
	Service string
}

// ELBLogDeliveryFor returns who delivers load balancer logs in region, or
// an error naming field and the regions the catalogue knows.
func ELBLogDeliveryFor(field, region string) (ELBLogDelivery, error) {
	if acct, ok := elbAccounts[region]; ok {
		return ELBLogDelivery{Account: acct}, nil
	}
	if elbServiceRegions[region] {
		return ELBLogDelivery{Service: ELBLogDeliveryService}, nil
	}
	return ELBLogDelivery{}, fmt.Errorf("%s: the catalogue does not know who delivers load balancer logs in %q (catalogue of %s: %s); add the region to constructs/catalog/elb_logs.go from %s",
		field, region, ELBLogDeliveryDate, strings.Join(ELBLogDeliveryRegions(), ", "), ELBLogDeliverySource)
}

// ELBLogDeliveryRegions lists the regions the ELB log delivery table covers, sorted.
func ELBLogDeliveryRegions() []string {
	out := make([]string, 0, len(elbAccounts)+len(elbServiceRegions))
	for r := range elbAccounts {
		out = append(out, r)
	}
	for r := range elbServiceRegions {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// ELBLogDeliveryAccountRegion returns the region whose Elastic Load
// Balancing account is account, and whether the catalogue knows it.
func ELBLogDeliveryAccountRegion(account string) (string, bool) {
	for r, a := range elbAccounts {
		if a == account {
			return r, true
		}
	}
	return "", false
}
