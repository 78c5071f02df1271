"""The independent encoder of the registry decoding tests: confluent-kafka's own
AvroSerializer, ProtobufSerializer and JSONSerializer (against its in-process mock registry,
as no Schema Registry server can be had here) serialize the same readings, and its
deserializers read them back. argv: descriptor set of reading.proto; stdout: one JSON object
per record: format, id, schemaType, schema, references, bytes (hex), expected (what the
deserializer returns)."""
import json
import sys

from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.schema_registry.json_schema import JSONDeserializer, JSONSerializer
from confluent_kafka.schema_registry.protobuf import ProtobufDeserializer, ProtobufSerializer
from confluent_kafka.serialization import MessageField, SerializationContext
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory

client = SchemaRegistryClient.new_client({"url": "mock://kafkascope-tests"})
ctx = SerializationContext("readings", MessageField.VALUE)

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


def emit(fmt, data, expected):
    sid = int.from_bytes(data[1:5], "big")
    schema = client.get_schema(sid)
    refs = [{"name": r.name, "subject": r.subject, "version": r.version} for r in (schema.references or [])]
    print(json.dumps({"format": fmt, "id": sid, "schemaType": schema.schema_type or "AVRO",
                      "schema": schema.schema_str, "references": refs, "bytes": data.hex(),
                      "expected": expected}))


avro_ser = AvroSerializer(client, AVRO, conf={"auto.register.schemas": True})
avro_de = AvroDeserializer(client)
for r in readings:
    data = avro_ser(r, ctx)
    emit("avro", data, avro_de(data, ctx))

fds = descriptor_pb2.FileDescriptorSet()
with open(sys.argv[1], "rb") as f:
    fds.ParseFromString(f.read())
pool = descriptor_pool.DescriptorPool()
for fd in fds.file:
    pool.Add(fd)
for type_name in ("demo.Reading", "demo.Envelope.Reading"):
    cls = message_factory.GetMessageClass(pool.FindMessageTypeByName(type_name))
    ser = ProtobufSerializer(cls, client, conf={"auto.register.schemas": True, "use.deprecated.format": False})
    de = ProtobufDeserializer(cls, conf={"use.deprecated.format": False}, schema_registry_client=client)
    for r in readings:
        m = cls(device=r["device"], temperature=r["temperature"], humidity=r["humidity"] or 0.0, ts=r["ts"],
                status=1 if r["status"] == "FAULT" else 0, tags=r["tags"])
        data = ser(m, ctx)
        back = de(data, ctx)
        expected = json_format.MessageToDict(back, preserving_proto_field_name=True,
                                             always_print_fields_with_no_presence=True)
        emit("protobuf", data, expected)

json_ser = JSONSerializer(JSON_SCHEMA, client, conf={"auto.register.schemas": True})
json_de = JSONDeserializer(JSON_SCHEMA)
for r in readings:
    data = json_ser(r, ctx)
    emit("json", data, json_de(data, ctx))
