#pragma once
// ThingsBoard's messages as they travel through Kafka: its rule-engine queue envelope
// (ToRuleEngineMsg carrying a serialized TbMsgProto, read by reflection from the user's own
// .proto files) and its rule-engine Kafka node output (the data as JSON, the metadata in
// headers prefixed "tb_msg_md_"). Both give a device name, a time and the data JSON that the
// telemetry decoder reads.

#include <QString>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace google::protobuf {
class Message;
}

namespace kafkascope {

class ProtoSchema;

struct ThingsBoardRecord
{
    QString type;            // "POST_TELEMETRY_REQUEST", ...
    QString originatorType;  // "DEVICE"
    QString originatorId;    // UUID
    QString tenantId;        // UUID (queue envelope only)
    std::vector<std::pair<std::string, std::string>> metadata;
    std::string data;        // the message data, JSON text for telemetry and attributes
    qint64 timestampMs = -1; // metadata "ts", else the message's ts

    std::string metadataValue(std::string_view key) const;
    std::string deviceName() const { return metadataValue("deviceName"); }
    // True for the types whose data are device key/values the Telemetry panel charts.
    bool carriesTelemetry() const;
    // The record as JSON for the message browser: type, originator, metadata, data, ts.
    std::string toJson() const;
};

// A rule-engine queue message (ToRuleEngineMsg with a `tbMsg` bytes field, or a TbMsgProto
// itself) to its record; false with the reason when `message` is neither or `tbMsg` does not
// parse as the schema's TbMsgProto.
bool unwrapThingsBoard(const google::protobuf::Message &message, const ProtoSchema &schema,
                       ThingsBoardRecord *out, QString *error);

// Headers of a record written by ThingsBoard's rule-engine Kafka node with "add metadata as
// headers": true when a tb_msg_md_deviceName header is there; fills device, ts and metadata.
using HeaderViews = std::vector<std::pair<std::string_view, std::string_view>>;
bool readRuleNodeHeaders(const HeaderViews &headers, ThingsBoardRecord *out);

constexpr std::string_view kRuleNodeHeaderPrefix = "tb_msg_md_";

} // namespace kafkascope
