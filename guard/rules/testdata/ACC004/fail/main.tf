# IMDSv1 allowed, and containers two hops away reach the credentials
resource "aws_ec2_instance_metadata_defaults" "imdsv1" {
  http_tokens                 = "optional"
  http_put_response_hop_limit = 2
}
