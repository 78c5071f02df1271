"""The independent side of the real-registry test: confluent-kafka's AvroSerializer,
ProtobufSerializer and JSONSerializer register their schemas in a real Schema Registry and
serialize the same readings, its Producer writes them to the broker, then its Consumer reads
them back and its deserializers (fetching the schemas from the registry by id) decode them.
argv: registry URL, bootstrap servers, topic prefix, descriptor set of reading.proto.
stdout: one JSON object per record: format, topic, partition, offset, id, expected (what the
deserializer returns)."""
import json
import sys

from confluent_kafka import Consumer, Producer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.schema_registry.json_schema import JSONDeserializer, JSONSerializer
from confluent_kafka.schema_registry.protobuf import ProtobufDeserializer, ProtobufSerializer
from confluent_kafka.serialization import MessageField, SerializationContext
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory

registry_url, bootstrap, prefix, descriptor_set = sys.argv[1:5]
client = SchemaRegistryClient({"url": registry_url})

readings = [
    {"device": "sensor-1", "temperature": 21.5, "humidity": 40.25, "ts": 1764547200000, "status": "OK", "tags": ["roof"]},
    {"device": "sensor-2", "temperature": -3.75, "humidity": None, "ts": 1764547201000, "status": "FAULT", "tags": []},
    {"device": "sensor-\u00e9\"3", "temperature": 1e-3, "humidity": 99.5, "ts": 1764547202000, "status": "OK", "tags": ["a", "b"]},
]
AVRO = json.dumps({
    "type": "record", "name": "Reading", "namespace": "demo",
    "fields": [
        {"name": "device", "type": "string"},
        {"name": "temperature", "type": "double"},
        {"name": "humidity", "type": ["null", "float"], "default": None},
        {"name": "ts", "type": "long"},
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["OK", "FAULT"]}},
        {"name": "tags", "type": {"type": "array", "items": "string"}},
    ],
})
JSON_SCHEMA = json.dumps({
    "$schema": "http://json-schema.org/draft-07/schema#", "title": "Reading", "type": "object",
    "properties": {"device": {"type": "string"}, "temperature": {"type": "number"},
                   "humidity": {"type": ["number", "null"]}, "ts": {"type": "integer"},
                   "status": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}},
    "required": ["device", "temperature", "ts"],
})

fds = descriptor_pb2.FileDescriptorSet()
with open(descriptor_set, "rb") as f:
    fds.ParseFromString(f.read())
pool = descriptor_pool.DescriptorPool()
for fd in fds.file:
    pool.Add(fd)
reading_cls = message_factory.GetMessageClass(pool.FindMessageTypeByName("demo.Reading"))


def to_proto(r):
    return reading_cls(device=r["device"], temperature=r["temperature"], humidity=r["humidity"] or 0.0,
                       ts=r["ts"], status=1 if r["status"] == "FAULT" else 0, tags=r["tags"])


def proto_dict(m):
    return json_format.MessageToDict(m, preserving_proto_field_name=True,
                                      always_print_fields_with_no_presence=True)


formats = {
    "avro": (AvroSerializer(client, AVRO), AvroDeserializer(client), lambda r: r, lambda v: v),
    "protobuf": (ProtobufSerializer(reading_cls, client, conf={"use.deprecated.format": False}),
                 ProtobufDeserializer(reading_cls, conf={"use.deprecated.format": False}),
                 to_proto, proto_dict),
    "json": (JSONSerializer(JSON_SCHEMA, client), JSONDeserializer(JSON_SCHEMA), lambda r: r, lambda v: v),
}

producer = Producer({"bootstrap.servers": bootstrap})
for fmt, (ser, _, make, _) in formats.items():
    topic = f"{prefix}.{fmt}"
    for r in readings:
        producer.produce(topic, key=r["device"], value=ser(make(r), SerializationContext(topic, MessageField.VALUE)))
if producer.flush(30) != 0:
    sys.exit("not delivered")

for fmt, (_, de, _, to_dict) in formats.items():
    topic = f"{prefix}.{fmt}"
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"{topic}.reader",
                         "auto.offset.reset": "earliest", "enable.auto.commit": False})
    consumer.subscribe([topic])
    got = 0
    while got < len(readings):
        msg = consumer.poll(30)
        if msg is None:
            sys.exit(f"{topic}: only {got} records read back")
        if msg.error():
            continue
        value = msg.value()
        print(json.dumps({"format": fmt, "topic": topic, "partition": msg.partition(), "offset": msg.offset(),
                          "id": int.from_bytes(value[1:5], "big"),
                          "expected": to_dict(de(value, SerializationContext(topic, MessageField.VALUE)))}))
        got += 1
    consumer.close()
