# no default standards and no subscription: checks nothing
resource "aws_securityhub_account" "main" {
  enable_default_standards = false
}
