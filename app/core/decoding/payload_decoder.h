#pragma once
// Decodes one key or value with the decoder chosen for its topic: registry-framed Avro,
// Protobuf and JSON Schema (schemas from a shared SchemaRegistryClient), Protobuf from local
// .proto files (optionally ThingsBoard's queue envelope), JSON, text or hex; Auto tells them
// apart. Every failure is a per-message error with its reason, counted, never an exception.
// One instance per decoding thread (it caches compiled schemas without locks).

#include "decoding/decoder_choice.h"
#include "decoding/schema_registry_client.h"
#include "decoding/thingsboard_message.h"

#include <QHash>
#include <QString>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace google::protobuf {
class Descriptor;
}

namespace kafkascope {

class AvroDecoder;
class ProtoSchema;

struct DecodedPayload
{
    bool ok = false;
    DecoderKind kind = DecoderKind::Auto; // the decoder that produced it (Auto resolved)
    bool json = false;                    // text holds a JSON document
    std::string text;                     // JSON, text, or hex
    qint32 schemaId = -1;                 // registry-framed only
    QString subject;                      // the registry subject holding the schema, if known
    QString typeName;                     // Avro record / Protobuf message full name
    QString error;                        // why it failed (ok == false)
    bool thingsBoard = false;             // a ThingsBoard queue record (record is set)
    ThingsBoardRecord record;
};

struct DecodeCounts
{
    qint64 decoded = 0;
    qint64 failed = 0;
    QHash<QString, qint64> reasons; // failure reason (schema ids and sizes kept) -> count
};

class PayloadDecoder
{
public:
    explicit PayloadDecoder(std::shared_ptr<SchemaRegistryClient> registry = {});
    ~PayloadDecoder();
    PayloadDecoder(const PayloadDecoder &) = delete;
    PayloadDecoder &operator=(const PayloadDecoder &) = delete;

    // Decodes `bytes`; fills `out` (ok, or error with the reason) and returns out->ok.
    bool decode(std::string_view bytes, const DecoderChoice &choice, DecodedPayload *out);
    const DecodeCounts &counts() const { return m_counts; }

    // The compiled local .proto files of a choice (compiled on first use; null with the
    // compiler's file:line errors when they do not parse).
    const ProtoSchema *fileSchema(const DecoderChoice &choice, QString *error);

private:
    bool decodeRegistry(std::string_view bytes, DecoderKind expected, DecodedPayload *out);
    bool decodeProtoFile(std::string_view bytes, const DecoderChoice &choice, DecodedPayload *out);
    bool fail(DecodedPayload *out, const QString &reason);
    const QString &typeName(const google::protobuf::Descriptor *type); // its full name, made once

    struct FileSchema
    {
        std::unique_ptr<ProtoSchema> schema;
        QString error;
    };
    std::shared_ptr<SchemaRegistryClient> m_registry;
    std::unordered_map<qint32, RegistrySchema> m_schemas; // the registry's, as had (ids are immutable)
    std::unordered_map<const google::protobuf::Descriptor *, QString> m_typeNames;
    std::unordered_map<qint32, std::unique_ptr<AvroDecoder>> m_avro;
    std::unordered_map<qint32, std::unique_ptr<ProtoSchema>> m_proto;
    std::unordered_map<std::string, FileSchema> m_files; // import paths + file -> compiled
    DecodeCounts m_counts;
};

// The bytes as lowercase hex pairs separated by spaces ("00 0a ff").
std::string hexText(std::string_view bytes);

} // namespace kafkascope
