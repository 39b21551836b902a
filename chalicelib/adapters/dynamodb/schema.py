"""The table's physical definition: one source for local provisioning, tests and the CDK app.

Keys and indexes must agree with `models.py`; `tests/unit/test_schema.py` checks that.
"""

from __future__ import annotations

from typing import Any

TTL_ATTRIBUTE = "ttl"

KEY_ATTRIBUTES = ("pk", "sk")
INDEXES: dict[str, tuple[str, str]] = {
    "gsi1": ("gsi1pk", "gsi1sk"),
    "gsi2": ("gsi2pk", "gsi2sk"),
    "gsi3": ("gsi3pk", "gsi3sk"),
    "gsi4": ("gsi4pk", "gsi4sk"),
    "outbox": ("outbox_pk", "outbox_sk"),
}


def create_table_params(table_name: str) -> dict[str, Any]:
    """Arguments for DynamoDB CreateTable (on-demand, streams with new and old images)."""
    names = [*KEY_ATTRIBUTES, *(a for pair in INDEXES.values() for a in pair)]
    return {
        "TableName": table_name,
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": n, "AttributeType": "S"} for n in names],
        "KeySchema": [
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        "GlobalSecondaryIndexes": [
            {
                "IndexName": index,
                "KeySchema": [
                    {"AttributeName": hash_key, "KeyType": "HASH"},
                    {"AttributeName": range_key, "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
            for index, (hash_key, range_key) in INDEXES.items()
        ],
        "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    }


def ensure_table(client: Any, table_name: str) -> bool:
    """Create the table (and its TTL setting) unless it exists; True when created.

    ``client`` is a boto3 DynamoDB client. Used by local provisioning and tests only: in
    AWS the CDK stack owns the table.
    """
    try:
        client.describe_table(TableName=table_name)
        return False
    except client.exceptions.ResourceNotFoundException:
        pass
    client.create_table(**create_table_params(table_name))
    client.get_waiter("table_exists").wait(TableName=table_name)
    client.update_time_to_live(
        TableName=table_name,
        TimeToLiveSpecification={"Enabled": True, "AttributeName": TTL_ATTRIBUTE},
    )
    return True
