package engine

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Severity ranks a finding. Info < Warning < Error; compare with the usual operators.
type Severity int

// Severities, in increasing order.
const (
	// Info is advice: nothing breaks, but there is a better way.
	Info Severity = iota + 1
	// Warning is a security or reliability gap that deploys but should be fixed.
	Warning
	// Error is a deployment failure, a resource that cannot be destroyed or
	// recreated cleanly, or a serious security hole.
	Error
)

// String returns "info", "warning" or "error".
func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity reads "info", "warning" (or "warn") or "error", in any case.
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "info":
		return Info, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return 0, fmt.Errorf("severity: %q is not a severity; use info, warning or error", s)
}

// MarshalJSON writes the severity as its name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON reads a severity name.
func (s *Severity) UnmarshalJSON(b []byte) error {
	var str string
	if err := json.Unmarshal(b, &str); err != nil {
		return err
	}
	v, err := ParseSeverity(str)
	if err != nil {
		return err
	}
	*s = v
	return nil
}
