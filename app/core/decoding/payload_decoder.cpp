#include "decoding/payload_decoder.h"

#include "decoding/avro_decoder.h"
#include "decoding/proto_schema.h"
#include "decoding/registry_framing.h"
#include "decoding/schema_registry_client.h"

#include <QStringDecoder>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <simdjson.h>

namespace kafkascope {

namespace {

bool isJson(std::string_view bytes)
{
    // A document, not a bare number or word: "25" in a key is text.
    size_t i = 0;
    while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t'))
        ++i;
    if (i == bytes.size() || (bytes[i] != '{' && bytes[i] != '['))
        return false;
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    return parser.parse(bytes.data(), bytes.size(), true).get(root) == simdjson::SUCCESS;
}

bool isUtf8Text(std::string_view bytes)
{
    if (!simdjson::validate_utf8(bytes.data(), bytes.size()))
        return false;
    for (const char c : bytes)
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\r' && c != '\t')
            return false;
    return true;
}

} // namespace

std::string hexText(std::string_view bytes)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 3);
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (i)
            out.push_back(' ');
        const auto b = static_cast<unsigned char>(bytes[i]);
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 15]);
    }
    return out;
}

PayloadDecoder::PayloadDecoder(std::shared_ptr<SchemaRegistryClient> registry) : m_registry(std::move(registry)) {}
PayloadDecoder::~PayloadDecoder() = default;

bool PayloadDecoder::fail(DecodedPayload *out, const QString &reason)
{
    out->ok = false;
    out->error = reason;
    ++m_counts.failed;
    ++m_counts.reasons[reason];
    return false;
}

bool PayloadDecoder::decode(std::string_view bytes, const DecoderChoice &choice, DecodedPayload *out)
{
    *out = DecodedPayload{};
    out->kind = choice.kind;
    bool ok = false;
    switch (choice.kind) {
    case DecoderKind::Auto:
        if (looksRegistryFramed(bytes)) {
            ok = decodeRegistry(bytes, DecoderKind::Auto, out);
            break;
        }
        if (isJson(bytes)) {
            out->kind = DecoderKind::Json;
            out->json = true;
            out->text.assign(bytes);
        } else if (isUtf8Text(bytes)) {
            out->kind = DecoderKind::Text;
            out->text.assign(bytes);
        } else {
            out->kind = DecoderKind::Hex;
            out->text = hexText(bytes);
        }
        ok = true;
        break;
    case DecoderKind::AvroRegistry:
    case DecoderKind::ProtobufRegistry:
    case DecoderKind::JsonSchemaRegistry:
        ok = decodeRegistry(bytes, choice.kind, out);
        break;
    case DecoderKind::ProtobufFile:
        ok = decodeProtoFile(bytes, choice, out);
        break;
    case DecoderKind::Json:
        if (!isJson(bytes))
            return fail(out, QStringLiteral("not a JSON document"));
        out->json = true;
        out->text.assign(bytes);
        ok = true;
        break;
    case DecoderKind::Text:
        if (!simdjson::validate_utf8(bytes.data(), bytes.size()))
            return fail(out, QStringLiteral("not valid UTF-8 text"));
        out->text.assign(bytes);
        ok = true;
        break;
    case DecoderKind::Hex:
        out->text = hexText(bytes);
        ok = true;
        break;
    }
    if (ok) {
        out->ok = true;
        ++m_counts.decoded;
    }
    return ok;
}

bool PayloadDecoder::decodeRegistry(std::string_view bytes, DecoderKind expected, DecodedPayload *out)
{
    RegistryFrame frame;
    QString error;
    if (!parseRegistryFrame(bytes, &frame, &error))
        return fail(out, error);
    out->schemaId = frame.schemaId;
    if (!m_registry)
        return fail(out, QStringLiteral("schema id %1: no Schema Registry is set for this cluster").arg(frame.schemaId));
    // An id's schema never changes: once had, it is this thread's without the client's lock.
    auto known = m_schemas.find(frame.schemaId);
    if (known == m_schemas.end()) {
        auto fetched = m_registry->schema(frame.schemaId, &error);
        if (!fetched)
            return fail(out, error);
        known = m_schemas.emplace(frame.schemaId, std::move(*fetched)).first;
    }
    const RegistrySchema *schema = &known->second;
    out->subject = schema->subject;
    const QString type = schema->type.toUpper();
    const DecoderKind actual = type == u"PROTOBUF" ? DecoderKind::ProtobufRegistry
                             : type == u"JSON"     ? DecoderKind::JsonSchemaRegistry
                                                   : DecoderKind::AvroRegistry;
    if (expected != DecoderKind::Auto && expected != actual)
        return fail(out, QStringLiteral("schema id %1 is a %2 schema, not %3")
                             .arg(frame.schemaId).arg(schema->type, decoderKindName(expected)));
    out->kind = actual;
    out->json = true;

    if (actual == DecoderKind::AvroRegistry) {
        auto &decoder = m_avro[frame.schemaId];
        if (!decoder) {
            auto fresh = std::make_unique<AvroDecoder>();
            if (!fresh->load(schema->text, &error)) {
                m_avro.erase(frame.schemaId);
                return fail(out, QStringLiteral("schema id %1: %2").arg(frame.schemaId).arg(error));
            }
            decoder = std::move(fresh);
        }
        out->typeName = decoder->typeName();
        if (!decoder->toJson(frame.payload, &out->text, &error))
            return fail(out, QStringLiteral("schema id %1: %2").arg(frame.schemaId).arg(error));
        return true;
    }
    if (actual == DecoderKind::JsonSchemaRegistry) {
        if (!isJson(frame.payload))
            return fail(out, QStringLiteral("schema id %1: the bytes after the framing are not a JSON document").arg(frame.schemaId));
        out->text.assign(frame.payload);
        return true;
    }
    // Protobuf: message indexes, then the message.
    std::vector<int> indexes;
    if (!readMessageIndexes(&frame, &indexes, &error))
        return fail(out, QStringLiteral("schema id %1: %2").arg(frame.schemaId).arg(error));
    auto &proto = m_proto[frame.schemaId];
    if (!proto) {
        QHash<QString, QByteArray> references;
        for (const SchemaReference &ref : schema->references) {
            const auto text = m_registry->referenceText(ref, &error);
            if (!text) {
                m_proto.erase(frame.schemaId);
                return fail(out, QStringLiteral("schema id %1: %2").arg(frame.schemaId).arg(error));
            }
            references.insert(ref.name, *text);
        }
        auto fresh = std::make_unique<ProtoSchema>();
        if (!fresh->loadText(schema->text, references, &error)) {
            m_proto.erase(frame.schemaId);
            return fail(out, QStringLiteral("schema id %1: %2").arg(frame.schemaId).arg(error));
        }
        proto = std::move(fresh);
    }
    const google::protobuf::Descriptor *type_ = proto->messageAt(indexes, &error);
    if (!type_)
        return fail(out, QStringLiteral("schema id %1: %2").arg(frame.schemaId).arg(error));
    out->typeName = typeName(type_);
    if (!proto->toJson(type_, frame.payload, &out->text, &error))
        return fail(out, QStringLiteral("schema id %1: %2").arg(frame.schemaId).arg(error));
    return true;
}

const ProtoSchema *PayloadDecoder::fileSchema(const DecoderChoice &choice, QString *error)
{
    const std::string key = QString(choice.protoImportPaths.join(QLatin1Char('\n')) + QLatin1Char('\x1f') + choice.protoFile).toStdString();
    auto it = m_files.find(key);
    if (it == m_files.end()) {
        FileSchema compiled;
        compiled.schema = std::make_unique<ProtoSchema>();
        const QStringList files = choice.protoFile.isEmpty() ? QStringList() : QStringList{choice.protoFile};
        if (!compiled.schema->loadFiles(choice.protoImportPaths, files, &compiled.error))
            compiled.schema.reset();
        it = m_files.emplace(key, std::move(compiled)).first;
    }
    if (!it->second.schema) {
        *error = it->second.error;
        return nullptr;
    }
    return it->second.schema.get();
}

bool PayloadDecoder::decodeProtoFile(std::string_view bytes, const DecoderChoice &choice, DecodedPayload *out)
{
    QString error;
    const ProtoSchema *schema = fileSchema(choice, &error);
    if (!schema)
        return fail(out, error);
    const google::protobuf::Descriptor *type = schema->findMessage(choice.messageType, &error);
    if (!type)
        return fail(out, error);
    out->typeName = typeName(type);
    out->json = true;
    if (!choice.thingsBoardQueue) {
        if (!schema->toJson(type, bytes, &out->text, &error))
            return fail(out, error);
        return true;
    }
    const auto message = schema->parse(type, bytes, &error);
    if (!message)
        return fail(out, error);
    if (!unwrapThingsBoard(*message, *schema, &out->record, &error))
        return fail(out, error);
    out->thingsBoard = true;
    out->text = out->record.toJson();
    return true;
}

const QString &PayloadDecoder::typeName(const google::protobuf::Descriptor *type)
{
    QString &name = m_typeNames[type];
    if (name.isEmpty())
        name = QString::fromStdString(type->full_name());
    return name;
}

} // namespace kafkascope
