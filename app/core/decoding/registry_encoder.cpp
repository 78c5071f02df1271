#include "decoding/registry_encoder.h"

#include "decoding/avro_encoder.h"
#include "decoding/proto_schema.h"
#include "decoding/protobuf_encoder.h"
#include "decoding/registry_framing.h"
#include "decoding/schema_registry_client.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kafkascope {

namespace {

QString registryType(DecoderKind kind)
{
    switch (kind) {
    case DecoderKind::ProtobufRegistry: return QStringLiteral("PROTOBUF");
    case DecoderKind::JsonSchemaRegistry: return QStringLiteral("JSON");
    default: return QStringLiteral("AVRO");
    }
}

QString schemaName(const RegistrySchema &s)
{
    return s.subject.isEmpty() ? QStringLiteral("schema id %1").arg(s.id)
                               : QStringLiteral("%1 version %2 (schema id %3)").arg(s.subject).arg(s.version).arg(s.id);
}

void encodeProtobuf(SchemaRegistryClient &client, const RegistrySchema &schema, const RegistryEncodeRequest &request,
                    RegistryEncoded *out)
{
    QHash<QString, QByteArray> references;
    QString error;
    for (const SchemaReference &ref : schema.references) {
        const auto text = client.referenceText(ref, &error);
        if (!text) {
            out->schemaError = error;
            return;
        }
        references.insert(ref.name, *text);
    }
    ProtoSchema proto;
    if (!proto.loadText(schema.text, references, &error)) {
        out->schemaError = QStringLiteral("%1 does not compile: %2").arg(schemaName(schema), error);
        return;
    }
    out->messageTypes = proto.messageTypes();
    if (request.json.isEmpty())
        return;
    out->bytes = encodeProtobufFramed(proto, request.messageType, schema.id, request.json, &out->typeName, &error);
    if (out->bytes.isEmpty()) {
        // A type the schema lacks is the picker's fault, not the value's.
        if (out->typeName.isEmpty())
            out->schemaError = error;
        else
            out->valueError = QStringLiteral("The value does not fit %1 of %2: %3").arg(out->typeName, schemaName(schema), error);
    }
}

} // namespace

RegistryEncoded encodeWithRegistry(SchemaRegistryClient &client, const RegistryEncodeRequest &request)
{
    RegistryEncoded out;
    QString error;
    const auto schema = request.schemaId >= 0 ? client.schema(request.schemaId, &error)
                                              : client.subjectVersion(request.subject, request.version, &error);
    if (!schema) {
        out.schemaError = error;
        return out;
    }
    out.schemaId = schema->id;
    out.subject = schema->subject;
    out.version = schema->version;
    const QString wanted = registryType(request.kind);
    if (schema->type.toUpper() != wanted) {
        out.schemaError = QStringLiteral("%1 is a %2 schema, not %3").arg(schemaName(*schema), schema->type, wanted);
        return out;
    }
    if (request.json.isEmpty() && request.kind != DecoderKind::ProtobufRegistry)
        return out;
    switch (request.kind) {
    case DecoderKind::ProtobufRegistry:
        encodeProtobuf(client, *schema, request, &out);
        break;
    case DecoderKind::JsonSchemaRegistry: {
        // The document travels as typed; only that it parses is checked (no schema validation).
        QJsonParseError pe;
        QJsonDocument::fromJson(request.json, &pe);
        if (pe.error != QJsonParseError::NoError)
            out.valueError = QStringLiteral("The value is not valid JSON: %1 at character %2").arg(pe.errorString()).arg(pe.offset + 1);
        else
            out.bytes = registryHeader(schema->id) + request.json.trimmed();
        break;
    }
    default: {
        const QJsonDocument doc = QJsonDocument::fromJson(request.json);
        out.bytes = encodeAvroFramed(schema->text, schema->id, doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()), &error);
        if (out.bytes.isEmpty())
            out.valueError = QStringLiteral("The value does not fit %1: %2").arg(schemaName(*schema), error);
        break;
    }
    }
    return out;
}

} // namespace kafkascope
