#include "decoding/decoder_choice.h"

#include <QCoreApplication>

namespace kafkascope {

namespace {
struct KindInfo
{
    DecoderKind kind;
    const char *key;
    const char *name;
};
constexpr KindInfo kKinds[] = {
    {DecoderKind::Auto, "auto", QT_TRANSLATE_NOOP("Decoding", "Auto")},
    {DecoderKind::AvroRegistry, "avro-registry", QT_TRANSLATE_NOOP("Decoding", "Avro (registry)")},
    {DecoderKind::ProtobufRegistry, "protobuf-registry", QT_TRANSLATE_NOOP("Decoding", "Protobuf (registry)")},
    {DecoderKind::ProtobufFile, "protobuf-file", QT_TRANSLATE_NOOP("Decoding", "Protobuf (.proto files)")},
    {DecoderKind::JsonSchemaRegistry, "json-schema-registry", QT_TRANSLATE_NOOP("Decoding", "JSON Schema (registry)")},
    {DecoderKind::Json, "json", QT_TRANSLATE_NOOP("Decoding", "JSON")},
    {DecoderKind::Text, "text", QT_TRANSLATE_NOOP("Decoding", "Text")},
    {DecoderKind::Hex, "hex", QT_TRANSLATE_NOOP("Decoding", "Hex")},
};
} // namespace

QString decoderKindName(DecoderKind kind)
{
    for (const KindInfo &k : kKinds)
        if (k.kind == kind)
            return QCoreApplication::translate("Decoding", k.name);
    return {};
}

QString decoderKindKey(DecoderKind kind)
{
    for (const KindInfo &k : kKinds)
        if (k.kind == kind)
            return QString::fromLatin1(k.key);
    return {};
}

bool parseDecoderKind(const QString &key, DecoderKind *out)
{
    for (const KindInfo &k : kKinds) {
        if (key == QLatin1String(k.key)) {
            *out = k.kind;
            return true;
        }
    }
    return false;
}

bool usesRegistry(DecoderKind kind)
{
    return kind == DecoderKind::AvroRegistry || kind == DecoderKind::ProtobufRegistry
           || kind == DecoderKind::JsonSchemaRegistry || kind == DecoderKind::Auto;
}

} // namespace kafkascope
