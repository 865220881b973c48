# restrict_public_buckets off, ignore_public_acls unset (false)
resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = true
  block_public_policy     = true
  restrict_public_buckets = false
}
