resource "aws_rds_cluster" "default_group" {
  cluster_identifier = "app"
  engine             = "aurora-postgresql"
  storage_encrypted  = true
}

resource "aws_rds_cluster_parameter_group" "mysql" {
  name   = "app-mysql"
  family = "aurora-mysql8.0"
  parameter {
    name  = "require_secure_transport"
    value = "OFF"
  }
}

resource "aws_rds_cluster" "mysql" {
  cluster_identifier              = "app-mysql"
  engine                          = "aurora-mysql"
  storage_encrypted               = true
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.mysql.name
}

# engine unset: "aurora" before AWS provider 5.0
resource "aws_rds_cluster" "legacy" {
  cluster_identifier = "legacy"
  storage_encrypted  = true
}
