variable "name" {
  default = "main"
}

# a local module is followed
module "net" {
  source = "./net"
  name   = var.name
}
