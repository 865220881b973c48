# suspended
resource "aws_guardduty_detector" "off" {
  enable = false
}

# enabled with S3 only; runtime monitoring without the managed EC2 agent
resource "aws_guardduty_detector" "thin" {
  enable = true
  datasources {
    s3_logs {
      enable = true
    }
  }
}

resource "aws_guardduty_detector_feature" "runtime" {
  detector_id = aws_guardduty_detector.thin.id
  name        = "RUNTIME_MONITORING"
  status      = "ENABLED"
}

resource "aws_guardduty_detector_feature" "lambda" {
  detector_id = aws_guardduty_detector.thin.id
  name        = "LAMBDA_NETWORK_LOGS"
  status      = "DISABLED"
}
