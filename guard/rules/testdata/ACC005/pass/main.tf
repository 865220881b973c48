resource "aws_ebs_snapshot_block_public_access" "snapshots" {
  state = "block-all-sharing"
}

resource "aws_ec2_image_block_public_access" "amis" {
  state = "block-new-sharing"
}
