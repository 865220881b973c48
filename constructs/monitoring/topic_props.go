package monitoring

import (
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
)

// TopicProps configures a Topic. Key is required; the zero value of every
// other field is the secure default.
type TopicProps struct {
	// Name is the topic name suffix: the topic is "{company}-{environment}-{Name}".
	// Default: the construct id.
	Name string
	// Key encrypts the topic (kms_master_key_id). Required. NewTopic adds a
	// key policy statement letting CloudWatch alarms of this account use it.
	Key *encryption.Key
	// EmailSubscriptions are e-mail addresses notified of every alarm. Each
	// recipient must confirm the subscription from the e-mail AWS sends.
	// Default: none.
	EmailSubscriptions []string
	// HTTPSSubscriptions are https:// endpoints notified of every alarm
	// (plain http is refused). Default: none.
	HTTPSSubscriptions []string
}

// Validate reports every problem with the props, each naming its field.
// The full topic name is checked by NewTopic, which knows the naming prefix.
func (p TopicProps) Validate() error {
	var errs []error
	if p.Key == nil {
		errs = append(errs, errors.New("key: must not be nil; pass the KMS key from encryption.NewKey that encrypts the topic"))
	}
	seen := map[string]int{}
	for i, e := range p.EmailSubscriptions {
		field := fmt.Sprintf("emailSubscriptions[%d]", i)
		if err := validateEmail(e); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", field, err))
			continue
		}
		if j, dup := seen[strings.ToLower(e)]; dup {
			errs = append(errs, fmt.Errorf("%s: %q duplicates emailSubscriptions[%d]; list each address once", field, e, j))
			continue
		}
		seen[strings.ToLower(e)] = i
	}
	seen = map[string]int{}
	for i, u := range p.HTTPSSubscriptions {
		field := fmt.Sprintf("httpsSubscriptions[%d]", i)
		if err := validateHTTPS(u); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", field, err))
			continue
		}
		if j, dup := seen[u]; dup {
			errs = append(errs, fmt.Errorf("%s: %q duplicates httpsSubscriptions[%d]; list each endpoint once", field, u, j))
			continue
		}
		seen[u] = i
	}
	return errors.Join(errs...)
}

func validateEmail(e string) error {
	a, err := mail.ParseAddress(e)
	if err != nil || a.Address != e || a.Name != "" {
		return fmt.Errorf("%q is not an e-mail address; use the bare form, e.g. %q", e, "ops@example.com")
	}
	at := strings.LastIndexByte(e, '@')
	domain := e[at+1:]
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") || strings.ContainsAny(e, " \t\r\n") {
		return fmt.Errorf("%q is not an e-mail address; the domain needs a dot, e.g. %q", e, "ops@example.com")
	}
	return nil
}

func validateHTTPS(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case raw == "":
		return errors.New("must not be empty; use an https:// URL")
	case err != nil:
		return fmt.Errorf("%q is not a URL: %v", raw, err)
	case !strings.EqualFold(u.Scheme, "https"):
		return fmt.Errorf("%q does not start with https://; SNS would deliver alarms unencrypted, so only https endpoints are allowed", raw)
	case u.Host == "" || u.Hostname() == "":
		return fmt.Errorf("%q has no host; use e.g. %q", raw, "https://hooks.example.com/alarms")
	case strings.ContainsAny(raw, " \t\r\n"):
		return fmt.Errorf("%q contains white space", raw)
	}
	return nil
}
