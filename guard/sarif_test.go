package guard

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestSARIFValidates checks the SARIF log of a report with findings,
// suppressed findings and positions against the official SARIF 2.1.0 JSON
// schema (testdata/sarif-schema-2.1.0.json, the OASIS errata01 schema as
// shipped in github.com/owenrumney/go-sarif/v3 v3.2.3), then checks what
// code-scanning services read: rule metadata and physical locations.
func TestSARIFValidates(t *testing.T) {
	rep, err := CheckDir(filepath.Join("rules", "testdata", "seeds"), Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	rep.Suppressed = append(rep.Suppressed, Finding{RuleID: "MON002", Severity: Warning, Address: "aws_sns_topic.q",
		File: "x/cdk.tf.json", Line: 3, Column: 5, EndLine: 3, EndColumn: 9, Message: "m", Fix: "f", Reason: "carries no data"})
	var buf bytes.Buffer
	if err := rep.WriteSARIF(&buf); err != nil {
		t.Fatal(err)
	}

	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif-schema-2.1.0.json", schemaDoc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("SARIF log does not validate against the 2.1.0 schema: %v", err)
	}
	// The validator must be able to fail: a result without a message is invalid.
	var broken map[string]any
	_ = json.Unmarshal(buf.Bytes(), &broken)
	res := broken["runs"].([]any)[0].(map[string]any)["results"].([]any)[0].(map[string]any)
	delete(res, "message")
	if err := sch.Validate(broken); err == nil {
		t.Error("a result without a message validated; the schema check is not working")
	}

	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID, Name         string
						ShortDescription struct{ Text string } `json:"shortDescription"`
						Help             struct{ Text string }
					}
				}
			}
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
						Region           struct {
							StartLine, StartColumn int
						}
					} `json:"physicalLocation"`
				}
				Suppressions []struct{ Kind, Status, Justification string }
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if log.Version != "2.1.0" || len(run.Tool.Driver.Rules) != len(Rules()) {
		t.Fatalf("version %q, %d rules; want 2.1.0 and %d", log.Version, len(run.Tool.Driver.Rules), len(Rules()))
	}
	if len(run.Results) != len(rep.Findings)+1 {
		t.Fatalf("%d results; want %d", len(run.Results), len(rep.Findings)+1)
	}
	for i, r := range run.Results {
		rule := run.Tool.Driver.Rules[r.RuleIndex]
		loc := r.Locations[0].PhysicalLocation
		if rule.ID != r.RuleID || rule.Name == "" || rule.Help.Text == "" || rule.ShortDescription.Text == "" {
			t.Errorf("result %d: rule %s at index %d is %+v", i, r.RuleID, r.RuleIndex, rule)
		}
		if !strings.HasSuffix(loc.ArtifactLocation.URI, "cdk.tf.json") || loc.Region.StartLine < 1 || loc.Region.StartColumn < 1 {
			t.Errorf("result %d (%s): location %+v; want the file and a region", i, r.RuleID, loc)
		}
	}
	last := run.Results[len(run.Results)-1]
	if len(last.Suppressions) != 1 || last.Suppressions[0].Justification != "carries no data" || last.Suppressions[0].Status != "accepted" {
		t.Errorf("suppressed result: %+v", last.Suppressions)
	}
}
