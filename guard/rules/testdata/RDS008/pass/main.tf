resource "aws_rds_cluster_parameter_group" "pg" {
  name   = "app-pg"
  family = "aurora-postgresql16"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_rds_cluster" "pg" {
  cluster_identifier              = "app"
  engine                          = "aurora-postgresql"
  storage_encrypted               = true
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.pg.name
}

# not Aurora: RDS006 judges instances
resource "aws_rds_cluster" "multi_az" {
  cluster_identifier = "maz"
  engine             = "postgres"
  storage_encrypted  = true
}
