"""The MQTT subscriber: QoS 1 on ``<prefix>/+/+/reading`` in a persistent MQTT 5 session, stored in batches.

Nothing is lost across a restart or a database outage: a message is acknowledged (PUBACK, paho's manual
ack) only after the batch holding it has committed, and the session outlives the process (clean start off,
a week's session expiry), so the broker keeps and resends whatever was not acknowledged. Duplicates that
this causes are dropped by the readings' primary key. The broker's own queue bound (Mosquitto's
``max_queued_messages``, 1000 by default) limits how much it keeps for a listener that is down: raise it
in production (see README)."""

import contextlib
import logging
import ssl
import threading
import time

import paho.mqtt.client as mqtt
from django.db import close_old_connections, connection
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from . import config, ingest

log = logging.getLogger(__name__)

SESSION_EXPIRY_S = 7 * 24 * 3600
# How many unacknowledged messages the broker may send us at once (MQTT 5 Receive Maximum): a whole
# batch must fit, or the broker would wait for acks that come only once the batch is stored.
RECEIVE_MAXIMUM = 20000


def _recycle_connection() -> None:
    """Drop a broken or expired database connection between batches (a long-running loop never passes
    through a request's start and end, which do this for the site). Not inside a caller's transaction."""
    if not connection.in_atomic_block:
        close_old_connections()


def topic_filter(prefix: str) -> str:
    return f"{prefix}/+/+/reading"


class Listener:
    def __init__(self, broker: config.Broker | None = None, *, batch_size: int = 1000, max_wait: float = 0.5):
        self.broker = broker or config.broker()
        self.batch_size = batch_size
        self.max_wait = max_wait
        self.pending: list[mqtt.MQTTMessage] = []
        self.first_at = 0.0
        self.stored = self.dead = self.duplicates = 0
        self.connected = threading.Event()  # connected and subscribed
        self.client = self._client()

    def _client(self) -> mqtt.Client:
        b = self.broker
        client = mqtt.Client(
            mqtt.CallbackAPIVersion.VERSION2, client_id=b.client_id, protocol=mqtt.MQTTv5, manual_ack=True
        )
        if b.user:
            client.username_pw_set(b.user, b.password or None)
        if b.tls:
            client.tls_set(cert_reqs=ssl.CERT_REQUIRED)
        client.on_connect = self._on_connect
        client.on_subscribe = self._on_subscribe
        client.on_disconnect = self._on_disconnect
        client.on_message = self._on_message
        return client

    def _on_connect(self, client, userdata, flags, reason_code, properties):
        if reason_code.is_failure:
            log.warning("MQTT broker refused the connection: %s", reason_code)
            return
        client.subscribe(topic_filter(self.broker.topic_prefix), qos=1)
        log.info(
            "sensors: listening on %s:%s %s",
            self.broker.host,
            self.broker.port,
            topic_filter(self.broker.topic_prefix),
        )

    def _on_subscribe(self, client, userdata, mid, reason_codes, properties):
        self.connected.set()  # subscribed: from now on nothing published is missed

    def _on_disconnect(self, client, userdata, flags, reason_code, properties):
        self.connected.clear()

    def _on_message(self, client, userdata, msg):
        if not self.pending:
            self.first_at = time.monotonic()
        self.pending.append(msg)

    def connect(self) -> None:
        props = Properties(PacketTypes.CONNECT)
        props.SessionExpiryInterval = SESSION_EXPIRY_S
        props.ReceiveMaximum = RECEIVE_MAXIMUM
        self.client.connect(
            self.broker.host, self.broker.port, keepalive=30, clean_start=False, properties=props
        )

    def run(self, stop: threading.Event) -> None:
        """Receive and store until ``stop`` is set; reconnects by itself when the broker goes away."""
        backoff = 1.0
        while not stop.is_set():
            try:
                self.connect()
                backoff = 1.0
                self._loop(stop)
            except (OSError, ConnectionError) as exc:
                log.warning("sensors: MQTT broker %s:%s unreachable (%s); retrying in %.0f s",
                            self.broker.host, self.broker.port, exc, backoff)  # fmt: skip
                stop.wait(backoff)
                backoff = min(backoff * 2, 30)
        self.flush()
        with contextlib.suppress(Exception):  # shutting down anyway
            self.client.disconnect()

    def _loop(self, stop: threading.Event) -> None:
        while not stop.is_set():
            self.pump()

    def pump(self, timeout: float = 0.05) -> None:
        """One turn: read from the network, store a batch when it is full or has waited ``max_wait``."""
        rc = self.client.loop(timeout=timeout)
        if rc == mqtt.MQTT_ERR_SUCCESS:
            # loop() reads about one packet; drain what the socket already holds in the same turn
            rc = self.client.loop_read(max_packets=self.batch_size)
        if self.pending and (
            len(self.pending) >= self.batch_size or time.monotonic() - self.first_at >= self.max_wait
        ):
            self.flush()
        if rc != mqtt.MQTT_ERR_SUCCESS:
            self.flush()
            raise ConnectionError(mqtt.error_string(rc))

    def forget_session(self) -> None:
        """Disconnect and drop the broker's session for this client id (tests, benchmarks)."""
        self.client.disconnect()
        props = Properties(PacketTypes.CONNECT)
        props.SessionExpiryInterval = 0
        self.client.connect(self.broker.host, self.broker.port, clean_start=True, properties=props)
        self.client.loop(timeout=0.2)
        self.client.disconnect()

    def flush(self) -> None:
        """Store the pending messages, then acknowledge them. A database failure keeps them pending (and
        unacknowledged) and is retried; nothing is acknowledged that was not committed."""
        if not self.pending:
            return
        batch = self.pending
        messages = [ingest.Message(m.topic, m.payload) for m in batch]
        try:
            _recycle_connection()
            out = ingest.store(messages, prefix=self.broker.topic_prefix)
        except Exception:  # noqa: BLE001 - the database is away: keep the batch, retry shortly
            log.exception("sensors: storing %d readings failed; will retry", len(batch))
            _recycle_connection()
            time.sleep(1)
            return
        self.pending = []
        self.stored += out.stored
        self.dead += out.dead
        self.duplicates += out.duplicates
        for m in batch:
            if m.qos > 0:
                self.client.ack(m.mid, m.qos)
