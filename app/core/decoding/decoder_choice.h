#pragma once
// How the key or the value of one topic's records is decoded: the user's choice per cluster
// and topic (key and value separately), a value type that crosses threads.

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace kafkascope {

enum class DecoderKind {
    Auto,               // registry framing (magic byte 0) when present, else JSON, else text or hex
    AvroRegistry,       // Confluent framing + Avro schema from the registry
    ProtobufRegistry,   // Confluent framing + message indexes + .proto schema from the registry
    ProtobufFile,       // plain protobuf bytes, message type from local .proto files
    JsonSchemaRegistry, // Confluent framing + JSON document
    Json,
    Text,
    Hex,
};

QString decoderKindName(DecoderKind kind);              // "Avro (registry)"
QString decoderKindKey(DecoderKind kind);               // "avro-registry", for settings
bool parseDecoderKind(const QString &key, DecoderKind *out);
bool usesRegistry(DecoderKind kind);

struct DecoderChoice
{
    DecoderKind kind = DecoderKind::Auto;
    // ProtobufFile: where imports are searched, the file declaring the type, and the type's
    // full name ("msgqueue.ToRuleEngineMsg"). Empty file: every .proto under the import paths.
    QStringList protoImportPaths;
    QString protoFile;
    QString messageType;
    // Unwrap ThingsBoard's rule-engine queue envelope (ToRuleEngineMsg -> TbMsgProto).
    bool thingsBoardQueue = false;

    bool operator==(const DecoderChoice &) const = default;
};

struct TopicDecoding
{
    DecoderChoice key;
    DecoderChoice value;
    bool operator==(const TopicDecoding &) const = default;
};

} // namespace kafkascope

Q_DECLARE_METATYPE(kafkascope::DecoderKind)
Q_DECLARE_METATYPE(kafkascope::DecoderChoice)
Q_DECLARE_METATYPE(kafkascope::TopicDecoding)
