resource "aws_kms_key" "this" {
  description = "Key disabled in code"
  is_enabled  = false
  deletion_window_in_days = 7
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AdminsOnly"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/KeyAdmin" }
      Action    = ["kms:Describe*", "kms:Put*", "kms:ScheduleKeyDeletion"]
      Resource  = "*"
    }]
  })
}

resource "aws_neptune_cluster" "this" {
  cluster_identifier  = "neptune-module"
  storage_encrypted   = true
  kms_key_arn         = aws_kms_key.this.arn
  skip_final_snapshot = true
}
