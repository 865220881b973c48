package jsiiload

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// stripAssembly returns a compact copy of a .jsii assembly without the parts
// the jsii kernel never reads: documentation ("docs"), source locations
// ("locationInModule"), TypeScript symbol ids ("symbolId") and readmes. They
// are removed only inside the top-level "types" and "submodules" maps (plus
// the top-level "readme"), where those keys are fixed by the jsii schema;
// every type, member, parameter and type reference is kept.
func stripAssembly(in []byte) ([]byte, error) {
	return stripAssemblyNoting(in, nil)
}

// stripAssemblyNoting is stripAssembly that also records, when symbols is
// not nil, each submodule's symbol id ("src/s3-bucket/index:") by the
// submodule's name, before the id is dropped.
func stripAssemblyNoting(in []byte, symbols map[string]string) ([]byte, error) {
	s := &stripper{in: in, out: make([]byte, 0, len(in)/3), symbols: symbols}
	s.ws()
	if err := s.value(0, false, true); err != nil {
		return nil, err
	}
	s.ws()
	if s.i != len(s.in) {
		return nil, fmt.Errorf("assembly: trailing data at offset %d", s.i)
	}
	if !json.Valid(s.out) {
		return nil, errors.New("assembly: stripped JSON is not valid")
	}
	return s.out, nil
}

// droppedKeys are removed at any depth inside "types" and "submodules".
var droppedKeys = map[string]bool{"docs": true, "locationInModule": true, "symbolId": true, "readme": true}

type stripper struct {
	in  []byte
	i   int
	out []byte

	symbols      map[string]string // submodule -> symbolId, when asked
	section, sub string            // the top-level key and the submodule being read
}

func (s *stripper) ws() {
	for s.i < len(s.in) {
		switch s.in[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *stripper) emit(b []byte, keep bool) {
	if keep {
		s.out = append(s.out, b...)
	}
}

// value copies (keep) or skips one JSON value. depth 0 is the assembly
// object; inStrip is true inside "types" and "submodules".
func (s *stripper) value(depth int, inStrip, keep bool) error {
	if s.i >= len(s.in) {
		return errors.New("assembly: unexpected end of JSON")
	}
	switch c := s.in[s.i]; {
	case c == '{':
		return s.object(depth, inStrip, keep)
	case c == '[':
		s.i++
		s.emit([]byte{'['}, keep)
		s.ws()
		if s.i < len(s.in) && s.in[s.i] == ']' {
			s.i++
			s.emit([]byte{']'}, keep)
			return nil
		}
		for {
			s.ws()
			if err := s.value(depth+1, inStrip, keep); err != nil {
				return err
			}
			s.ws()
			if s.i >= len(s.in) {
				return errors.New("assembly: unterminated array")
			}
			switch s.in[s.i] {
			case ',':
				s.i++
				s.emit([]byte{','}, keep)
			case ']':
				s.i++
				s.emit([]byte{']'}, keep)
				return nil
			default:
				return fmt.Errorf("assembly: unexpected %q at offset %d", s.in[s.i], s.i)
			}
		}
	case c == '"':
		start := s.i
		if err := s.str(); err != nil {
			return err
		}
		s.emit(s.in[start:s.i], keep)
		return nil
	default:
		start := s.i
		for s.i < len(s.in) {
			switch s.in[s.i] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				s.emit(s.in[start:s.i], keep)
				if s.i == start {
					return fmt.Errorf("assembly: unexpected %q at offset %d", s.in[s.i], s.i)
				}
				return nil
			}
			s.i++
		}
		s.emit(s.in[start:s.i], keep)
		return nil
	}
}

func (s *stripper) object(depth int, inStrip, keep bool) error {
	s.i++ // '{'
	s.emit([]byte{'{'}, keep)
	wrote := false
	s.ws()
	if s.i < len(s.in) && s.in[s.i] == '}' {
		s.i++
		s.emit([]byte{'}'}, keep)
		return nil
	}
	for {
		s.ws()
		if s.i >= len(s.in) || s.in[s.i] != '"' {
			return fmt.Errorf("assembly: expected a key at offset %d", s.i)
		}
		kstart := s.i
		if err := s.str(); err != nil {
			return err
		}
		rawKey := s.in[kstart:s.i]
		key := string(bytes.Trim(rawKey, `"`))
		s.ws()
		if s.i >= len(s.in) || s.in[s.i] != ':' {
			return fmt.Errorf("assembly: expected ':' at offset %d", s.i)
		}
		s.i++
		s.ws()
		drop := (inStrip && droppedKeys[key]) || (depth == 0 && key == "readme")
		childStrip := inStrip || (depth == 0 && (key == "types" || key == "submodules"))
		keepMember := keep && !drop
		switch {
		case depth == 0:
			s.section = key
		case depth == 1 && s.section == "submodules":
			s.sub = key
		}
		vstart := s.i
		if keepMember {
			if wrote {
				s.out = append(s.out, ',')
			}
			s.out = append(s.out, rawKey...)
			s.out = append(s.out, ':')
			wrote = true
		}
		if err := s.value(depth+1, childStrip, keepMember); err != nil {
			return err
		}
		if s.symbols != nil && depth == 2 && s.section == "submodules" && key == "symbolId" {
			var id string
			if json.Unmarshal(s.in[vstart:s.i], &id) == nil {
				s.symbols[s.sub] = id
			}
		}
		s.ws()
		if s.i >= len(s.in) {
			return errors.New("assembly: unterminated object")
		}
		switch s.in[s.i] {
		case ',':
			s.i++
		case '}':
			s.i++
			s.emit([]byte{'}'}, keep)
			return nil
		default:
			return fmt.Errorf("assembly: unexpected %q at offset %d", s.in[s.i], s.i)
		}
	}
}

// str advances past one JSON string (s.in[s.i] == '"').
func (s *stripper) str() error {
	s.i++
	for s.i < len(s.in) {
		switch s.in[s.i] {
		case '\\':
			s.i += 2
		case '"':
			s.i++
			return nil
		default:
			s.i++
		}
	}
	return errors.New("assembly: unterminated string")
}
