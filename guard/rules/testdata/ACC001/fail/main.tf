# length 8 and reuse 5: what FSBP IAM.7's old defaults allowed, weaker than CIS v5.0.0
resource "aws_iam_account_password_policy" "weak" {
  minimum_password_length      = 8
  password_reuse_prevention    = 5
  require_lowercase_characters = true
  require_uppercase_characters = true
  require_numbers              = true
  require_symbols              = true
}

# nothing set: IAM's defaults (length 6, no reuse prevention, no classes)
resource "aws_iam_account_password_policy" "defaults" {
  allow_users_to_change_password = true
}
