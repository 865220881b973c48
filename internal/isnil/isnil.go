// Package isnil tells a nil interface from one holding a typed nil pointer,
// so props validation can refuse (*encryption.Key)(nil) with an error naming
// the field instead of a nil dereference later. Plain Go, no dependencies.
package isnil

import "reflect"

// Is reports whether v is nil or holds a nil pointer, map, slice, channel,
// function or interface.
func Is(v any) bool {
	if v == nil {
		return true
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Chan, reflect.Func, reflect.Interface, reflect.UnsafePointer:
		return rv.IsNil()
	}
	return false
}
