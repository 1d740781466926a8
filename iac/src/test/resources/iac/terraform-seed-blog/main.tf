provider "aws" {
  region                      = "us-east-1"
  access_key                  = "AKIAEXAMPLEEXAMPLE00"
  secret_key                  = "example-secret-key-for-offline-plan-only0"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

# The seed blog's remediation: a customer managed key, and a cluster encrypted with it.
resource "aws_kms_key" "neptune" {
  description             = "Neptune encryption at rest"
  deletion_window_in_days = 30
  enable_key_rotation     = true
}

resource "aws_kms_alias" "neptune" {
  name          = "alias/neptune-prod"
  target_key_id = aws_kms_key.neptune.key_id
}

resource "aws_neptune_cluster" "encrypted" {
  cluster_identifier  = "neptune-prod"
  engine              = "neptune"
  storage_encrypted   = true
  kms_key_arn         = aws_kms_key.neptune.arn
  skip_final_snapshot = true
}

# Presence checks pass this one: kms_key_arn names the AWS managed key.
resource "aws_neptune_cluster" "aws_managed" {
  cluster_identifier  = "neptune-aws-managed"
  storage_encrypted   = true
  kms_key_arn         = "arn:aws:kms:us-east-1:111122223333:alias/aws/rds"
  skip_final_snapshot = true
}

# The provider's default: storage_encrypted is false when not given, even with a kms_key_arn.
resource "aws_neptune_cluster" "default_encryption" {
  cluster_identifier  = "neptune-default"
  kms_key_arn         = aws_kms_key.neptune.arn
  skip_final_snapshot = true
}

resource "aws_neptune_cluster_snapshot" "encrypted" {
  db_cluster_identifier          = aws_neptune_cluster.encrypted.id
  db_cluster_snapshot_identifier = "neptune-prod-manual"
}

module "graphdb" {
  source = "./modules/graphdb"
}
