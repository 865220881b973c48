package rules

import (
	"sort"
	"time"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// runtimeDeprecation is the date AWS Lambda deprecates (ends security
// patches for) each runtime, from the AWS Lambda runtimes page (as of late
// 2025; dates after that are AWS projections). A runtime
// absent from the table (a newer one) is not judged.
var runtimeDeprecation = map[string]string{
	"nodejs":          "2016-10-31",
	"nodejs4.3":       "2020-03-05",
	"nodejs6.10":      "2019-08-12",
	"nodejs8.10":      "2020-03-06",
	"nodejs10.x":      "2021-07-30",
	"nodejs12.x":      "2023-03-31",
	"nodejs14.x":      "2023-12-04",
	"nodejs16.x":      "2024-06-12",
	"nodejs18.x":      "2025-09-01",
	"nodejs20.x":      "2026-04-30",
	"nodejs22.x":      "2027-04-30",
	"nodejs24.x":      "2028-04-30",
	"python2.7":       "2021-07-15",
	"python3.6":       "2022-07-18",
	"python3.7":       "2023-12-04",
	"python3.8":       "2024-10-14",
	"python3.9":       "2025-12-15",
	"python3.10":      "2026-06-30",
	"python3.11":      "2026-06-30",
	"python3.12":      "2028-10-31",
	"python3.13":      "2029-06-30",
	"python3.14":      "2029-06-30",
	"java8":           "2024-01-08",
	"java8.al2":       "2026-06-30",
	"java11":          "2026-06-30",
	"java17":          "2026-06-30",
	"java21":          "2029-06-30",
	"java25":          "2029-06-30",
	"dotnetcore1.0":   "2019-07-30",
	"dotnetcore2.0":   "2019-05-30",
	"dotnetcore2.1":   "2022-01-05",
	"dotnetcore3.1":   "2023-04-03",
	"dotnet5.0":       "2022-05-10",
	"dotnet6":         "2024-12-20",
	"dotnet7":         "2024-05-14",
	"dotnet8":         "2026-11-10",
	"dotnet10":        "2028-11-14",
	"ruby2.5":         "2021-07-30",
	"ruby2.7":         "2023-12-07",
	"ruby3.2":         "2026-03-31",
	"ruby3.3":         "2027-03-31",
	"ruby3.4":         "2028-03-31",
	"go1.x":           "2024-01-08",
	"provided":        "2024-01-08",
	"provided.al2":    "2026-06-30",
	"provided.al2023": "2029-06-30",
}

// currentRuntimes lists the runtimes still supported on date, for the fix text.
func currentRuntimes(now time.Time) []string {
	var out []string
	for _, r := range []string{"python3.13", "python3.12", "nodejs22.x", "nodejs24.x", "java21", "dotnet10", "ruby3.4", "provided.al2023"} {
		if d, _ := time.Parse(time.DateOnly, runtimeDeprecation[r]); d.After(now) {
			out = append(out, r)
		}
	}
	sort.Strings(out)
	return out
}

func init() {
	register(engine.Rule{
		ID:       "LMB002",
		Title:    "deprecated Lambda runtime",
		Severity: engine.Warning,
		Doc: "A runtime past its AWS deprecation date gets no security patches, and AWS then blocks creating and " +
			"updating functions on it. The table of dates is in runtimeDeprecation (AWS Lambda runtimes page); " +
			"judged against Options.Now.",
		Check: func(p *engine.Pass) {
			for _, fn := range p.Stack.OfType("aws_lambda_function") {
				rt := engine.Str(fn.Body["runtime"])
				date, ok := runtimeDeprecation[rt]
				if !ok {
					continue
				}
				d, _ := time.Parse(time.DateOnly, date)
				if d.After(p.Now) {
					continue
				}
				p.Reportf(fn, "use a supported runtime, e.g. one of "+joinComma(currentRuntimes(p.Now)),
					"runtime %s was deprecated on %s: no security patches, and AWS blocks function creation and updates on it", rt, date)
			}
		},
	})
}

func joinComma(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out
}
