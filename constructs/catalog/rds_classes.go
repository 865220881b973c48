package catalog

// rdsFamilies are the DB instance class families Amazon RDS for PostgreSQL
// and MySQL offer (current and previous generation), without the "db."
// prefix. Source: Amazon RDS User Guide, "DB instance class types" and
// "Supported DB engines for DB instance classes", checked 2026-11-30. Sizes
// come from the EC2 catalogue (a class is "db." + an EC2 type of a family
// listed here). Kept by hand: add a family when RDS announces it.
var rdsFamilies = map[string]bool{
	// General purpose.
	"m8g": true, "m7i": true, "m7g": true, "m6i": true, "m6id": true, "m6idn": true, "m6in": true,
	"m6gd": true, "m6g": true, "m5d": true, "m5": true, "m4": true, "m3": true,
	// Memory optimized.
	"z1d": true, "x2iezn": true, "x2iedn": true, "x2idn": true, "x2g": true, "x1e": true, "x1": true,
	"r8g": true, "r7i": true, "r7g": true, "r6i": true, "r6id": true, "r6idn": true, "r6in": true,
	"r6gd": true, "r6g": true, "r5d": true, "r5b": true, "r5": true, "r4": true, "r3": true,
	// Compute optimized.
	"c6gd": true,
	// Burstable.
	"t4g": true, "t3": true, "t2": true,
}

// rdsSizesFrom names the EC2 family whose sizes an RDS family has where the
// names differ: db.x2g runs on x2gd hardware.
var rdsSizesFrom = map[string]string{"x2g": "x2gd"}

// rdsSizes returns the sizes of RDS family f.
func rdsSizes(f string) []string {
	if e, ok := rdsSizesFrom[f]; ok {
		return ec2Families[e]
	}
	return ec2Families[f]
}
