"""Test-wide setup: dummy AWS credentials and a region, never a real endpoint."""

from __future__ import annotations

import os

# Tests must never reach AWS: dummy credentials, a China region (aws-cn partition).
os.environ.update({
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "cn-north-1",
    "POWERTOOLS_METRICS_DISABLED": "true",
    "HYPOTHESIS_STORAGE_DIRECTORY": os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY", ".hypothesis"),
})
os.environ.pop("AWS_PROFILE", None)
os.environ.pop("AWS_ENDPOINT_URL", None)  # set explicitly by the layers that use a server
