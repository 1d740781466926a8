#!/usr/bin/env python3
"""Writes a large offline export, as `export-commands` would, for the offline memory benchmark.

    bench/offline_export.py --clusters 100000 --out target/export-100k

The folder holds clusters-us-east-1.json (one `aws rds describe-db-clusters` output with N clusters shaped like
those of cli/src/main/resources/demo/demo-account.json, printed with the AWS CLI's 4-space indent, ~2 KB each),
snapshots-us-east-1.json (one automated snapshot per 10 clusters), one key-us-east-1-ID.json per key and
aliases-us-east-1.json. The mix is fixed by the seed: most clusters on a customer managed key, some on aws/rds,
some unencrypted, some on a key pending deletion, and a few exempt by tag. Only the standard library is used.
"""
import argparse
import json
import os
import random

ACCOUNT = "111122223333"
REGION = "us-east-1"
KEYS = {
    "prod": ("1234abcd-12ab-34cd-56ef-1234567890ab", "CUSTOMER", "Enabled", "alias/neptune-prod"),
    "rds": ("0987dcba-09fe-87dc-65ba-ab0987654321", "AWS", "Enabled", "alias/aws/rds"),
    "legacy": ("5555eeee-55ee-55ee-55ee-555555555555", "CUSTOMER", "PendingDeletion", "alias/neptune-legacy"),
}


def key_arn(key_id):
    return "arn:aws:kms:%s:%s:key/%s" % (REGION, ACCOUNT, key_id)


def cluster(i, rnd):
    name = "graph-%06d" % i
    roll = rnd.random()
    encrypted, key = True, "prod"
    if roll < 0.15:
        key = "rds"
    elif roll < 0.25:
        encrypted, key = False, None
    elif roll < 0.30:
        key = "legacy"
    tags = [{"Key": "team", "Value": rnd.choice(["graph", "search", "fraud", "recs"])},
            {"Key": "env", "Value": rnd.choice(["prod", "staging", "dev"])}]
    if rnd.random() < 0.02:
        tags.append({"Key": "neptune-guard:exempt", "Value": "load test; until=2027-03-31"})
    c = {
        "AllocatedStorage": 1,
        "AvailabilityZones": ["us-east-1a", "us-east-1b", "us-east-1c"],
        "BackupRetentionPeriod": 7,
        "DBClusterIdentifier": name,
        "DBClusterParameterGroup": "default.neptune1.3",
        "DBSubnetGroup": "neptune-private",
        "Status": "available",
        "EarliestRestorableTime": "2026-11-16T03:12:44.118000+00:00",
        "Endpoint": "%s.cluster-c7x2kq9m4tnb.us-east-1.neptune.amazonaws.com" % name,
        "ReaderEndpoint": "%s.cluster-ro-c7x2kq9m4tnb.us-east-1.neptune.amazonaws.com" % name,
        "MultiAZ": False,
        "Engine": "neptune",
        "EngineVersion": "1.3.2.1",
        "LatestRestorableTime": "2026-11-23T06:40:01.902000+00:00",
        "Port": 8182,
        "MasterUsername": "admin",
        "PreferredBackupWindow": "03:10-03:40",
        "PreferredMaintenanceWindow": "sun:05:00-sun:05:30",
        "ReadReplicaIdentifiers": [],
        "DBClusterMembers": [{"DBInstanceIdentifier": name + "-1", "IsClusterWriter": True,
                              "DBClusterParameterGroupStatus": "in-sync", "PromotionTier": 1}],
        "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-0a1b2c3d4e5f60718", "Status": "active"}],
        "HostedZoneId": "ZUFXD4SLT2LS7",
        "StorageEncrypted": encrypted,
    }
    if key:
        c["KmsKeyId"] = key_arn(KEYS[key][0])
    c.update({
        "DbClusterResourceId": "cluster-%026X" % rnd.getrandbits(128),
        "DBClusterArn": "arn:aws:rds:%s:%s:cluster:%s" % (REGION, ACCOUNT, name),
        "AssociatedRoles": [],
        "IAMDatabaseAuthenticationEnabled": True,
        "ClusterCreateTime": "2025-03-04T09:15:27.312000+00:00",
        "EnabledCloudwatchLogsExports": ["audit"],
        "DeletionProtection": rnd.random() < 0.5,
        "CrossAccountClone": False,
        "TagList": tags,
    })
    return c


def snapshot(c):
    name = "rds:%s-2026-11-23-03-10" % c["DBClusterIdentifier"]
    s = {
        "AvailabilityZones": ["us-east-1a", "us-east-1b", "us-east-1c"],
        "DBClusterSnapshotIdentifier": name,
        "DBClusterIdentifier": c["DBClusterIdentifier"],
        "SnapshotCreateTime": "2026-11-23T03:11:02.004000+00:00",
        "Engine": "neptune",
        "AllocatedStorage": 0,
        "Status": "available",
        "Port": 0,
        "VpcId": "vpc-0f1e2d3c4b5a69788",
        "ClusterCreateTime": "2025-03-04T09:15:27.312000+00:00",
        "MasterUsername": "admin",
        "EngineVersion": "1.3.2.1",
        "LicenseModel": "neptune",
        "SnapshotType": "automated",
        "PercentProgress": 100,
        "StorageEncrypted": c["StorageEncrypted"],
    }
    if "KmsKeyId" in c:
        s["KmsKeyId"] = c["KmsKeyId"]
    s["DBClusterSnapshotArn"] = "arn:aws:rds:%s:%s:cluster-snapshot:%s" % (REGION, ACCOUNT, name)
    s["IAMDatabaseAuthenticationEnabled"] = True
    return s


def write_list(path, key, items):
    """One AWS CLI output holding a long list, written item by item so the generator's memory stays small."""
    with open(path, "w", encoding="utf-8") as f:
        f.write('{\n    "%s": [\n' % key)
        first = True
        for item in items:
            if not first:
                f.write(",\n")
            first = False
            text = json.dumps(item, indent=4)
            f.write("\n".join("        " + line for line in text.split("\n")))
        f.write("\n    ]\n}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clusters", type=int, required=True)
    parser.add_argument("--out", required=True, help="the folder to write (created)")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rnd = random.Random(args.seed)
    snapshots = []

    def clusters():
        for i in range(args.clusters):
            c = cluster(i, rnd)
            if i % 10 == 0:
                snapshots.append(snapshot(c))
            yield c

    write_list(os.path.join(args.out, "clusters-%s.json" % REGION), "DBClusters", clusters())
    write_list(os.path.join(args.out, "snapshots-%s.json" % REGION), "DBClusterSnapshots", snapshots)
    aliases = []
    for key_id, manager, state, alias in KEYS.values():
        meta = {"AWSAccountId": ACCOUNT, "KeyId": key_id, "Arn": key_arn(key_id),
                "CreationDate": "2024-02-11T16:20:44.521000+00:00", "Enabled": state == "Enabled",
                "Description": alias, "KeyUsage": "ENCRYPT_DECRYPT", "KeyState": state, "Origin": "AWS_KMS",
                "KeyManager": manager, "KeySpec": "SYMMETRIC_DEFAULT", "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"],
                "MultiRegion": False}
        if state == "PendingDeletion":
            meta["DeletionDate"] = "2026-12-01T00:00:00+00:00"
            meta["PendingDeletionWindowInDays"] = 7
        with open(os.path.join(args.out, "key-%s-%s.json" % (REGION, key_id)), "w", encoding="utf-8") as f:
            json.dump({"KeyMetadata": meta}, f, indent=4)
        aliases.append({"AliasName": alias, "AliasArn": "arn:aws:kms:%s:%s:%s" % (REGION, ACCOUNT, alias),
                        "TargetKeyId": key_id})
    with open(os.path.join(args.out, "aliases-%s.json" % REGION), "w", encoding="utf-8") as f:
        json.dump({"Aliases": aliases}, f, indent=4)


if __name__ == "__main__":
    main()
