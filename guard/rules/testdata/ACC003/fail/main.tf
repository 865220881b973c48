# turned off
resource "aws_ebs_encryption_by_default" "off" {
  enabled = false
}

# on, but the default key is the AWS managed aws/ebs key
resource "aws_ebs_encryption_by_default" "on" {}

data "aws_kms_alias" "ebs" {
  name = "alias/aws/ebs"
}

resource "aws_ebs_default_kms_key" "managed" {
  key_arn = data.aws_kms_alias.ebs.target_key_arn
}
