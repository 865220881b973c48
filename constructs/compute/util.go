package compute

func str(s string) *string { return &s }
func boolp(b bool) *bool   { return &b }
func f64(i int) *float64   { f := float64(i); return &f }
