"""The local stack: moto_server as the AWS endpoint, provisioning, and `chalice local`.

Used by `make run` (devtools/run_local.py) and by the end-to-end tests, so both run the
very same stack.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
REGION = "cn-north-1"
ACCOUNT = "123456789012"  # moto's default account
EVENTS_TOPIC = "court-events"


def stage_env(stage: str = "local") -> dict[str, str]:
    """The environment Chalice gives the app in ``stage`` (top level, then the stage)."""
    config = json.loads((ROOT / ".chalice" / "config.json").read_text(encoding="utf-8"))
    return {**config.get("environment_variables", {}),
            **config["stages"][stage].get("environment_variables", {})}


def aws_env(endpoint: str) -> dict[str, str]:
    """Dummy credentials and the local endpoint: boto3, botocore and PynamoDB honour it."""
    return {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_REGION": REGION,
    }


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
        return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, timeout: float = 30.0,
             process: subprocess.Popen[bytes] | None = None) -> None:
    """Poll ``url`` until it answers (any HTTP status) or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}")
        try:
            request = urllib.request.Request(url, headers={"Connection": "close"})  # noqa: S310
            with urllib.request.urlopen(request, timeout=2):  # noqa: S310 - loopback only
                return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


@dataclass
class Service:
    """A child process in its own process group, stopped with everything it started."""

    name: str
    process: subprocess.Popen[bytes]
    log: IO[bytes] | None = field(default=None)

    def stop(self, grace: float = 5.0) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=grace)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=grace)
        if self.log is not None:
            self.log.close()


def _spawn(name: str, args: list[str], env: Mapping[str, str], log_path: Path | None) -> Service:
    log = open(log_path, "wb") if log_path else None  # noqa: SIM115 - closed by Service.stop
    process = subprocess.Popen(
        args, cwd=ROOT, env={**os.environ, **env}, start_new_session=True,
        stdout=log if log else None, stderr=subprocess.STDOUT if log else None,
    )
    return Service(name, process, log)


def start_moto(port: int, log_path: Path | None = None) -> Service:
    # devtools.moto_server: moto's app with requests serialised, so that conditional
    # transactions are atomic as they are in DynamoDB (see its docstring).
    args = [sys.executable, "-m", "devtools.moto_server", "-H", "127.0.0.1", "-p", str(port)]
    service = _spawn("moto_server", args, {"MOTO_PORT": str(port)}, log_path)
    try:
        wait_for(f"http://127.0.0.1:{port}/moto-api/", process=service.process)
    except Exception:
        service.stop()
        raise
    return service


def start_api(port: int, endpoint: str, log_path: Path | None = None,
              extra_env: Mapping[str, str] | None = None) -> Service:
    env = {**aws_env(endpoint), **(extra_env or {})}
    args = [str(BIN / "chalice"), "local", "--stage", "local", "--host", "127.0.0.1",
            "--port", str(port), "--no-autoreload"]
    service = _spawn("chalice local", args, env, log_path)
    try:
        wait_for(f"http://127.0.0.1:{port}/v1/health", timeout=60, process=service.process)
    except Exception:
        service.stop()
        raise
    return service


def start_worker(endpoint: str, log_path: Path | None = None,
                 extra_env: Mapping[str, str] | None = None) -> Service:
    """The local worker (devtools/worker.py) with the local stage's environment."""
    env = {**stage_env(), **aws_env(endpoint), **(extra_env or {})}
    service = _spawn("worker", [sys.executable, "-m", "devtools.worker"], env, log_path)
    time.sleep(0.2)
    if service.process.poll() is not None:
        service.stop()
        raise RuntimeError(f"the worker exited with {service.process.returncode}")
    return service


def provision(endpoint: str) -> dict[str, Any]:
    """Create the table, the event topic and the queues (with DLQs) unless they exist."""
    import boto3

    from chalicelib.adapters.dynamodb.schema import ensure_table

    session = boto3.session.Session(**_boto_kwargs(endpoint))
    table = stage_env()["TABLE_NAME"]
    created = ensure_table(session.client("dynamodb", endpoint_url=endpoint), table)
    sns = session.client("sns", endpoint_url=endpoint)
    sqs = session.client("sqs", endpoint_url=endpoint)
    topic_arn = sns.create_topic(Name=EVENTS_TOPIC)["TopicArn"]
    queues = {name: fan_out(sns, sqs, topic_arn, name, event_types)
              for name, event_types in subscriptions().items()}
    return {"table": table, "table_created": created, "topic_arn": topic_arn, "queues": queues}


def subscriptions() -> dict[str, tuple[str, ...]]:
    """Queue -> the event types its subscription's filter policy lets through."""
    from chalicelib.domain.notifications import SMS_EVENT_TYPES, STATS_EVENT_TYPES

    return {"sms": SMS_EVENT_TYPES, "stats": STATS_EVENT_TYPES}


def fan_out(sns: Any, sqs: Any, topic_arn: str, name: str, event_types: tuple[str, ...],
            visibility_seconds: int = 10, max_receives: int = 5) -> str:
    """A queue with a dead-letter queue, subscribed to the topic (raw delivery, filtered)."""
    dlq_url = sqs.create_queue(QueueName=f"{name}-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])[
        "Attributes"]["QueueArn"]
    redrive = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": max_receives})
    url = sqs.create_queue(QueueName=name, Attributes={
        "RedrivePolicy": redrive, "VisibilityTimeout": str(visibility_seconds)})["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])[
        "Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=arn, ReturnSubscriptionArn=True,
                  Attributes={"RawMessageDelivery": "true",
                              "FilterPolicy": json.dumps({"event_type": list(event_types)})})
    return str(url)


def _boto_kwargs(endpoint: str) -> dict[str, str]:
    env = aws_env(endpoint)
    return {"aws_access_key_id": env["AWS_ACCESS_KEY_ID"],
            "aws_secret_access_key": env["AWS_SECRET_ACCESS_KEY"],
            "region_name": REGION}
