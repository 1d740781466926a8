# The moto server of neptune-guard's end-to-end suite (MotoServer starts it with `python3 -c`): it patches the
# differences between moto and AWS that would otherwise make the suite bend the product, then runs moto's own
# server main. Each patch is named in the README's testing section (moto deviations); keep them few and small.
import json
import sys

from moto.config import models as config
from moto.config import responses as config_responses
from moto.kms import models as kms
from moto.kms import responses as kms_responses
from moto.rds import models as rds
from moto.server import main

# RestoreDBClusterFromSnapshot: moto copies the source cluster's master password, which it never stores for engine
# neptune, so every Neptune restore fails with HTTP 500. AWS restores it.
_get_cfg = rds.DBCluster.get_cfg


def _get_cfg_without_password(self):
    self.__dict__.setdefault("_master_user_password", None)
    return _get_cfg(self)


rds.DBCluster.get_cfg = _get_cfg_without_password

# RestoreDBClusterFromSnapshot / RestoreDBClusterToPointInTime with KmsKeyId: AWS encrypts the new cluster with
# that key even when the source is unencrypted; moto keeps the source's StorageEncrypted.
_restore_from_snapshot = rds.RDSBackend.restore_db_cluster_from_snapshot
_restore_to_time = rds.RDSBackend.restore_db_cluster_to_point_in_time


def _restore_from_snapshot_encrypting(self, from_snapshot_id, overrides):
    if overrides.get("kms_key_id"):
        overrides = dict(overrides, storage_encrypted=True)
    return _restore_from_snapshot(self, from_snapshot_id, overrides)


def _restore_to_time_encrypting(self, *args, **overrides):
    if overrides.get("kms_key_id"):
        overrides["storage_encrypted"] = True
    return _restore_to_time(self, *args, **overrides)


rds.RDSBackend.restore_db_cluster_from_snapshot = _restore_from_snapshot_encrypting
rds.RDSBackend.restore_db_cluster_to_point_in_time = _restore_to_time_encrypting


# ModifyDBCluster with NewDBClusterIdentifier: AWS renames the cluster and its instances then belong to the new name;
# moto leaves each instance's DBClusterIdentifier on the old name, so the renamed cluster loses its members (and a
# cluster given the old name gains them).
_modify_db_cluster = rds.RDSBackend.modify_db_cluster


def _modify_db_cluster_renaming_members(self, kwargs):
    old_id, new_id = kwargs["db_cluster_identifier"], kwargs.get("new_db_cluster_identifier")
    members = [db for db in self.databases.values() if getattr(db, "db_cluster_identifier", None) == old_id]
    result = _modify_db_cluster(self, kwargs)
    if new_id:
        for db in members:
            db.db_cluster_identifier = new_id
    return result


rds.RDSBackend.modify_db_cluster = _modify_db_cluster_renaming_members

# DisableKey, EnableKey, ScheduleKeyDeletion, CancelKeyDeletion with a key ARN: AWS takes a key id or ARN; moto
# looks the ARN up as an id and answers HTTP 500.
def _by_key_id(original):
    def call(self, key_id, *args):
        return original(self, self.get_key_id(key_id), *args)
    return call


for _name in ("disable_key", "enable_key", "schedule_key_deletion", "cancel_key_deletion"):
    setattr(kms.KmsBackend, _name, _by_key_id(getattr(kms.KmsBackend, _name)))

# CreateKey with Origin EXTERNAL: AWS creates the key PendingImport (no key material yet); moto makes it Enabled.
_key_init = kms.Key.__init__


def _key_init_pending_import(self, *args, **kwargs):
    _key_init(self, *args, **kwargs)
    if self.origin == "EXTERNAL":
        self.enabled = False
        self.key_state = "PendingImport"


kms.Key.__init__ = _key_init_pending_import

# GetKeyRotationStatus: AWS answers with KeyId (the key ARN) since 2024; moto answers without it, as AWS did before.
_rotation_status = kms_responses.KmsResponse.get_key_rotation_status


def _rotation_status_with_key_id(self):
    answer = json.loads(_rotation_status(self))
    answer["KeyId"] = self.kms_backend.describe_key(self._get_param("KeyId")).arn
    return json.dumps(answer)


kms_responses.KmsResponse.get_key_rotation_status = _rotation_status_with_key_id


# PutEvaluations: AWS records a rule's evaluations and answers GetComplianceDetailsByResource with them; moto
# accepts only TestMode, keeps nothing and has no GetComplianceDetailsByResource. Here the evaluations are kept in
# the Config backend (moto's reset clears them) and GetComplianceDetailsByResource returns them, with their
# ResultToken, for the resource asked for.
_put_evaluations = config.ConfigBackend.put_evaluations


def _put_evaluations_kept(self, evaluations=None, result_token=None, test_mode=False):
    answer = _put_evaluations(self, evaluations, result_token, True)
    if not test_mode:
        kept = self.__dict__.setdefault("neptune_guard_evaluations", [])
        kept.extend(dict(e, ResultToken=result_token) for e in evaluations)
    return answer


def _get_compliance_details_by_resource(self):
    kept = self.config_backend.__dict__.get("neptune_guard_evaluations", [])
    wanted = (self._get_param("ResourceType"), self._get_param("ResourceId"))
    results = [{
        "EvaluationResultIdentifier": {
            "EvaluationResultQualifier": {"ResourceType": e["ComplianceResourceType"],
                                          "ResourceId": e["ComplianceResourceId"]},
            "OrderingTimestamp": e["OrderingTimestamp"]},
        "ComplianceType": e["ComplianceType"],
        "Annotation": e.get("Annotation"),
        "ResultToken": e["ResultToken"],
    } for e in kept if (e["ComplianceResourceType"], e["ComplianceResourceId"]) == wanted]
    return json.dumps({"EvaluationResults": results})


config.ConfigBackend.put_evaluations = _put_evaluations_kept
config_responses.ConfigResponse.get_compliance_details_by_resource = _get_compliance_details_by_resource

if __name__ == "__main__":
    main(sys.argv[1:])
