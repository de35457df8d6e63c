"""The SDK scenario shared by every language, against a live `micro server` (test/sdk/python.test.ts starts
one and sets MICRO_SDK_SCENARIO=1 with MICRO_PROXY and the admin's MICRO_AUTH_ID/MICRO_AUTH_SECRET)."""

import os
import time

import pytest

from micro_sdk import Client, MicroError
from micro_sdk.config import ConfigClient, Value
from micro_sdk.events import StreamClient
from micro_sdk.registry import Node, RegistryClient, Service
from micro_sdk.store import Record, StoreClient

pytestmark = pytest.mark.skipif(not os.environ.get("MICRO_SDK_SCENARIO"), reason="needs a live server: run test/sdk/python.test.ts")


@pytest.fixture
def client():
    with Client() as c:
        yield c


def test_store(client):
    store = StoreClient(client)
    store.write(record=Record(key="sdk-python", value=b"hello from python"))
    records = store.read(key="sdk-python").records
    assert [r.value for r in records] == [b"hello from python"]
    with pytest.raises(MicroError) as err:
        store.read(key="sdk-python-missing")
    assert err.value.code == 404
    assert err.value.status == "Not Found"
    assert err.value.id != ""


def test_config(client):
    config = ConfigClient(client)
    config.set(namespace=client.options.namespace, path="sdk.python", value=Value(data='{"ok":true}', format="json"))
    assert config.get(namespace=client.options.namespace, path="sdk.python").value.data == '{"ok":true}'


def test_events(client):
    events = StreamClient(client)
    since = int(time.time()) - 1
    events.publish(topic="sdk-python", payload=b'"ping"')
    # An offset replays from that time, so the event published above is delivered.
    stream = events.consume(topic="sdk-python", offset=since, auto_ack=True, timeout=30)
    event = next(iter(stream))
    stream.cancel()
    assert event.topic == "sdk-python"
    assert event.payload == b'"ping"'


def test_registry(client):
    registry = RegistryClient(client)
    service = Service(name="sdk-python", version="1.0.0", nodes=[Node(id="sdk-python-1", address="127.0.0.1:9")])
    registry.register(service)
    try:
        names = [s.name for s in registry.list_services().services]
        assert "sdk-python" in names
    finally:
        registry.deregister(service)


def test_bad_token():
    with Client(token="not-a-token", auth_id="") as c:
        with pytest.raises(MicroError) as err:
            RegistryClient(c).list_services()
        assert err.value.code == 401
