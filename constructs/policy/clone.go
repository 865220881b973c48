package policy

// Clone returns a deep copy of the statement: changing the copy's slices
// never changes the original.
func (s Statement) Clone() Statement {
	out := s
	out.Principals = nil
	for _, p := range s.Principals {
		out.Principals = append(out.Principals, Principal{Type: p.Type, Identifiers: cloneStrings(p.Identifiers)})
	}
	out.Actions = cloneStrings(s.Actions)
	out.NotActions = cloneStrings(s.NotActions)
	out.Resources = cloneStrings(s.Resources)
	out.NotResources = cloneStrings(s.NotResources)
	out.Conditions = nil
	for _, c := range s.Conditions {
		out.Conditions = append(out.Conditions, Condition{Operator: c.Operator, Key: c.Key, Values: cloneStrings(c.Values)})
	}
	return out
}

// Clone returns a deep copy of the document.
func (d Document) Clone() Document {
	var out Document
	for _, s := range d.Statements {
		out.Statements = append(out.Statements, s.Clone())
	}
	return out
}

func cloneStrings(s []string) []string {
	if s == nil {
		return nil
	}
	return append([]string{}, s...)
}

// Equal reports whether two statements render to the same JSON (so nil and
// empty lists, or repeated identifiers, compare equal).
func (s Statement) Equal(o Statement) bool {
	a, errA := s.render().MarshalJSON()
	b, errB := o.render().MarshalJSON()
	return errA == nil && errB == nil && string(a) == string(b)
}
