package encryption

import (
	"errors"
	"fmt"
)

// Deletion window bounds, in days, accepted by KMS.
const (
	MinDeletionWindowDays     = 7
	MaxDeletionWindowDays     = 30
	DefaultDeletionWindowDays = 30
)

// KeyProps configures a Key. The zero value is the secure default.
type KeyProps struct {
	// Name is the alias suffix: the alias is "alias/{company}-{environment}-{Name}".
	// Default: the construct id.
	Name string
	// Description is the key's description.
	// Default: "{company}-{environment} {Name} key, managed by cdktf-secure-go".
	Description string
	// DeletionWindowDays is how long a scheduled deletion waits (7-30).
	// Default: 30.
	DeletionWindowDays int
}

// Validate reports every problem with the props, each naming its field.
// The alias name itself is checked by NewKey, which knows the naming prefix.
func (p KeyProps) Validate() error {
	var errs []error
	if w := p.DeletionWindowDays; w != 0 && (w < MinDeletionWindowDays || w > MaxDeletionWindowDays) {
		errs = append(errs, fmt.Errorf("deletionWindowDays: %d is out of range; KMS accepts %d-%d days (default %d)", w, MinDeletionWindowDays, MaxDeletionWindowDays, DefaultDeletionWindowDays))
	}
	if len(p.Description) > 8192 {
		errs = append(errs, fmt.Errorf("description: %d characters; KMS allows at most 8192", len(p.Description)))
	}
	return errors.Join(errs...)
}

func (p KeyProps) deletionWindow() int {
	if p.DeletionWindowDays == 0 {
		return DefaultDeletionWindowDays
	}
	return p.DeletionWindowDays
}
