provider "aws" {
  region                      = "us-east-1"
  access_key                  = "AKIAEXAMPLEEXAMPLE00"
  secret_key                  = "example-secret-key-for-offline-plan-only0"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

resource "aws_kms_key" "neptune" {
  description             = "Neptune encryption at rest"
  deletion_window_in_days = 7
  enable_key_rotation     = true
}

resource "aws_neptune_cluster" "prod" {
  cluster_identifier  = "neptune-prod"
  storage_encrypted   = true
  kms_key_arn         = aws_kms_key.neptune.arn
  skip_final_snapshot = true
}
