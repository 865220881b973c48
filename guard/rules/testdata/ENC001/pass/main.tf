resource "aws_kms_key" "k" {
  enable_key_rotation = true
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
  engine             = "neptune"
  storage_encrypted  = true
  kms_key_arn        = aws_kms_key.k.arn
}

resource "aws_docdb_cluster" "restored" {
  cluster_identifier  = "docs"
  snapshot_identifier = "docs-snap"
}

resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = true
  kms_key_id        = aws_kms_key.k.arn
}
