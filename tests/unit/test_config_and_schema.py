"""Settings fail closed; the table definition agrees with the PynamoDB models."""

from __future__ import annotations

import pytest

from chalicelib.adapters.dynamodb.models import TableItem
from chalicelib.adapters.dynamodb.schema import INDEXES, TTL_ATTRIBUTE, create_table_params
from chalicelib.config import ConfigError, Settings
from tests.support import LOCAL_ENV


def test_the_local_stage_configuration_is_valid() -> None:
    settings = Settings.from_env(LOCAL_ENV)
    assert settings.stage == "local"
    assert settings.auth_mode == "hs256"


@pytest.mark.parametrize(("change", "message"), [
    ({"TABLE_NAME": ""}, "TABLE_NAME"),
    ({"STAGE": "  "}, "STAGE"),
    ({"AUTH_JWT_SECRET": "short"}, "AUTH_JWT_SECRET"),
    ({"PII_KEY_SECRET": "short"}, "PII_KEY_SECRET"),
    ({"QUERY_CODE_PEPPER": ""}, "QUERY_CODE_PEPPER"),
    ({"AUTH_MODE": "none"}, "AUTH_MODE"),
    ({"AUTH_MODE": "cognito"}, "COGNITO_ISSUER"),
])
def test_missing_or_weak_settings_refuse_to_start(change: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env({**LOCAL_ENV, **change})


def test_the_table_definition_matches_the_models() -> None:
    params = create_table_params("t")
    declared = {i["IndexName"]: tuple(k["AttributeName"] for k in i["KeySchema"])
                for i in params["GlobalSecondaryIndexes"]}
    assert declared == INDEXES
    schema = TableItem._get_schema()
    model_indexes = {i["index_name"]: tuple(k["AttributeName"] for k in i["key_schema"])
                     for i in schema["global_secondary_indexes"]}
    assert model_indexes == INDEXES
    assert TableItem.expires_at.attr_name == TTL_ATTRIBUTE
    assert params["StreamSpecification"]["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    assert params["BillingMode"] == "PAY_PER_REQUEST"
