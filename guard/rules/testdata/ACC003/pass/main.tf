resource "aws_kms_key" "ebs" {
  description         = "EBS default key"
  enable_key_rotation = true
}

resource "aws_ebs_encryption_by_default" "on" {
  enabled = true
}

resource "aws_ebs_default_kms_key" "cmk" {
  key_arn    = aws_kms_key.ebs.arn
  depends_on = [aws_ebs_encryption_by_default.on]
}
