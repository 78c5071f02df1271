"""Encodes ThingsBoard rule-engine queue messages with Python's protobuf (the independent
encoder of the decoding tests). argv: descriptor_set_file; stdin: JSON list of
{type, deviceName, deviceType, ts, data, tenant:[msb,lsb], entity:[msb,lsb]}; stdout: one
hex-encoded ToRuleEngineMsg per line."""
import json
import sys

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

fds = descriptor_pb2.FileDescriptorSet()
with open(sys.argv[1], "rb") as f:
    fds.ParseFromString(f.read())
pool = descriptor_pool.DescriptorPool()
for fd in fds.file:
    pool.Add(fd)
TbMsg = message_factory.GetMessageClass(pool.FindMessageTypeByName("msgqueue.TbMsgProto"))
Envelope = message_factory.GetMessageClass(pool.FindMessageTypeByName("transport.ToRuleEngineMsg"))

for spec in json.load(sys.stdin):
    msg = TbMsg()
    msg.id = spec.get("id", "5a1f0c1e-0000-4000-8000-000000000001")
    msg.type = spec["type"]
    msg.entityType = "DEVICE"
    msg.entityIdMSB, msg.entityIdLSB = spec.get("entity", [0x1234, 0x5678])
    msg.metaData.data["deviceName"] = spec["deviceName"]
    msg.metaData.data["deviceType"] = spec.get("deviceType", "default")
    msg.metaData.data["ts"] = str(spec["ts"])
    msg.dataType = 1
    msg.data = json.dumps(spec["data"])
    msg.ts = spec["ts"] + 7  # differs from metadata ts: the decoder must prefer metadata's
    env = Envelope()
    env.tenantIdMSB, env.tenantIdLSB = spec.get("tenant", [1, 2])
    env.tbMsg = msg.SerializeToString()
    print(env.SerializeToString().hex())
