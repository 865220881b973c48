// Package baseline is the account baseline: the account-level controls that
// the CIS AWS Foundations Benchmark v5.0.0, AWS Foundational Security Best
// Practices (FSBP), the AWS Security Reference Architecture, Control Tower and
// Landing Zone Accelerator turn on, secure with zero-value props:
//
//	b, err := baseline.New(stack, "baseline", baseline.Props{
//		Key: key, LogsBucket: logs, Topic: alarms,
//	})
//
// It creates, in one account and region (Controls lists each with its CIS
// v5.0.0 and FSBP ids):
//
//   - the IAM account password policy: length 14 or more, reuse prevention 24,
//     every character class, expiry after 90 days; PasswordPolicy may tighten
//     it, a weaker value is an error naming the control;
//   - S3 account-level Block Public Access, all four settings;
//   - EBS encryption by default with the stack's customer managed key, whose
//     policy lets this account's principals and the Auto Scaling
//     service-linked role use it for EBS through kms:ViaService ec2 only;
//   - EC2 account defaults: IMDSv2 required with hop limit 1 for new
//     instances, EBS snapshot block public access (block all sharing), AMI
//     block public access, serial console access off;
//   - a GuardDuty detector with the protection plans that cover what the
//     library deploys (Features) and findings exported to the logs bucket
//     under "guardduty/", encrypted with the stack's key; bucket and key
//     policies admit guardduty.amazonaws.com only for this account and this
//     detector (aws:SourceAccount, aws:SourceArn);
//   - Security Hub with the FSBP and CIS v5.0.0 standards and consolidated
//     control findings;
//   - an IAM Access Analyzer external-access analyzer (the unused-access
//     analyzer is opt-in: AWS bills it);
//   - EventBridge rules sending high and critical findings of GuardDuty,
//     Security Hub and Access Analyzer to the alarm topic; topic and key
//     policies admit events.amazonaws.com only from those rules;
//   - optionally, the security alternate contact.
//
// # One per account and region
//
// The password policy, the account defaults, the detector and Security Hub
// exist once per account and region. As for AWS Config recorders, stacks of
// one company, environment and region count as one account: a second
// baseline there is refused naming both construct paths (by New and again by
// App.Synthesize).
//
// # Member-account mode
//
// In an AWS Organization, some parts are often managed centrally, and
// creating them again in a member account either fails (a second GuardDuty
// detector, Security Hub already enabled) or fights the central
// configuration. Props.Managed leaves out exactly the parts your organization
// manages. What each service manages:
//
//   - AWS Control Tower: the organization CloudTrail trail, AWS Config in the
//     governed regions (recorder and delivery to the log archive account), IAM
//     Identity Center and its controls (SCPs, Config rules, proactive hooks).
//     None of this package's parts: leave Managed empty, and leave
//     audit.NewTrail and audit.NewConfig out of the member account's stack
//     (Control Tower owns the trail and the recorder). Its optional controls
//     such as CT.EC2.PV.3 (no public EBS snapshots) are SCPs, which the
//     account-level settings here complement.
//     https://docs.aws.amazon.com/controltower/latest/userguide/how-control-tower-works.html
//     https://docs.aws.amazon.com/controltower/latest/controlreference/ct-ec2-pv-3.html
//   - Landing Zone Accelerator on AWS (security-config.yaml): the IAM password
//     policy (iamPasswordPolicy), S3 account Block Public Access
//     (centralSecurityServices.s3PublicAccessBlock), EBS default encryption
//     (ebsDefaultVolumeEncryption), GuardDuty with its export, Security Hub and
//     its standards, and IAM Access Analyzer: LandingZoneAccelerator() sets
//     those fields. https://awslabs.github.io/landing-zone-accelerator-on-aws/latest/typedocs/
//   - A delegated GuardDuty administrator with auto-enable creates and
//     configures the member's detector and its protection plans (and exports
//     from the administrator account): Managed.GuardDuty.
//     https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html
//   - A delegated Security Hub administrator with central configuration
//     enables Security Hub and the standards in members through configuration
//     policies: Managed.SecurityHub.
//     https://docs.aws.amazon.com/securityhub/latest/userguide/central-configuration-intro.html
//   - An organization trail (CloudTrail) is outside this package (see
//     audit.NewTrail); an organization Access Analyzer analyzer in the
//     delegated administrator account does not replace the account analyzer,
//     but set Managed.AccessAnalyzer when your security team relies on it.
//     https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-concepts.html
//   - Alternate contacts set from the management account (Organizations
//     account management): Managed.SecurityContact.
//     https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html
//
// # Destroying a baseline
//
// Destroying the baseline in a real account turns the account defaults back
// to AWS's: the password policy is deleted (IAM's default policy applies),
// account Block Public Access is removed (buckets keep their own blocks),
// EBS encryption by default is turned off and the default key reset to
// aws/ebs (existing volumes stay encrypted), the instance-metadata defaults go
// back to "no preference" (IMDSv1 allowed unless the AMI or launch says
// otherwise), snapshot and AMI block public access are disabled, the serial
// console setting is left off (AWS's default), the GuardDuty detector is
// deleted with its findings (exported findings stay in the logs bucket),
// Security Hub is disabled with its findings and standards, the analyzers are
// deleted with their findings, the rules stop sending findings, and the
// security contact is deleted.
package baseline
