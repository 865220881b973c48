variable "encrypt" {
  type    = bool
  default = false
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
  engine             = "neptune"
}

resource "aws_docdb_cluster" "docs" {
  cluster_identifier = "docs"
  master_username    = "admin"
  storage_encrypted  = var.encrypt
}

resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  size              = 10
}
