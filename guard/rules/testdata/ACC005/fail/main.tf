# snapshots already public stay public
resource "aws_ebs_snapshot_block_public_access" "snapshots" {
  state = "block-new-sharing"
}

resource "aws_ec2_image_block_public_access" "amis" {
  state = "unblocked"
}
