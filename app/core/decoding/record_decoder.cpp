#include "decoding/record_decoder.h"

#include "decoding/registry_framing.h"

#include <QObject>
#include <algorithm>

namespace kafkascope {

QString DecodedRecord::summary() const
{
    QStringList bits;
    if (valueDecoded) {
        bits << decoderKindName(valueKind);
        if (valueSchemaId >= 0)
            bits << QObject::tr("schema id %1").arg(valueSchemaId);
        if (!valueSubject.isEmpty())
            bits << QObject::tr("subject %1").arg(valueSubject);
        if (!valueType.isEmpty())
            bits << valueType;
    }
    if (failed())
        bits << QObject::tr("cannot decode %1").arg(error);
    return bits.join(QStringLiteral(" · "));
}

RecordDecoder::RecordDecoder(std::shared_ptr<SchemaRegistryClient> registry, const TopicDecoding &decoding)
    : m_decoding(decoding), m_decoder(std::move(registry))
{
}

RecordDecoder::~RecordDecoder() = default;

bool RecordDecoder::needsDecoding(const DecoderChoice &choice, std::string_view bytes)
{
    switch (choice.kind) {
    case DecoderKind::Auto:
        return looksRegistryFramed(bytes);
    case DecoderKind::Hex:
        return false; // every byte string has a hex form: nothing to check, nothing to add
    default:
        return true; // a schema is needed, or the user said the bytes are JSON/text: check it
    }
}

std::shared_ptr<const DecodedRecord> RecordDecoder::decode(std::string_view key, bool keyNull, std::string_view value,
                                                           bool valueNull)
{
    const bool doKey = !keyNull && needsDecoding(m_decoding.key, key);
    const bool doValue = !valueNull && needsDecoding(m_decoding.value, value);
    if (!doKey && !doValue)
        return {};
    auto record = std::make_shared<DecodedRecord>();
    QStringList errors;
    DecodedPayload part;
    // JSON or text that was only checked adds nothing the bytes do not already say.
    auto adds = [](const DecodedPayload &p, std::string_view bytes) {
        return p.text.size() != bytes.size() || !std::equal(p.text.begin(), p.text.end(), bytes.begin());
    };
    if (doKey) {
        if (m_decoder.decode(key, m_decoding.key, &part)) {
            if (adds(part, key)) {
                record->keyDecoded = true;
                record->key = QByteArray::fromStdString(part.text);
            }
        } else {
            errors << QObject::tr("key: %1").arg(part.error);
        }
    }
    if (doValue) {
        if (m_decoder.decode(value, m_decoding.value, &part)) {
            record->valueKind = part.kind;
            record->valueSchemaId = part.schemaId;
            record->valueSubject = part.subject;
            record->valueType = part.typeName;
            record->valueJson = part.json;
            if (adds(part, value)) {
                record->valueDecoded = true;
                record->value = QByteArray::fromStdString(part.text);
            }
        } else {
            errors << QObject::tr("value: %1").arg(part.error);
        }
    }
    if (!errors.isEmpty()) {
        record->error = errors.join(QStringLiteral("; "));
        ++m_failed;
    } else if (!record->keyDecoded && !record->valueDecoded) {
        return {};
    }
    return record;
}

QString RecordDecoder::failureNote() const
{
    return failureNote({this});
}

QString RecordDecoder::failureNote(const QList<const RecordDecoder *> &decoders)
{
    qint64 failed = 0;
    QHash<QString, qint64> counts;
    for (const RecordDecoder *d : decoders) {
        failed += d->m_failed;
        const QHash<QString, qint64> &reasons = d->m_decoder.counts().reasons;
        for (auto it = reasons.begin(); it != reasons.end(); ++it)
            counts[it.key()] += it.value();
    }
    if (failed == 0)
        return {};
    QList<QPair<qint64, QString>> reasons;
    for (auto it = counts.begin(); it != counts.end(); ++it)
        reasons.append({it.value(), it.key()});
    std::sort(reasons.begin(), reasons.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    QStringList shown;
    for (int i = 0; i < std::min<qsizetype>(3, reasons.size()); ++i)
        shown << QStringLiteral("%1 (%2)").arg(reasons[i].second).arg(reasons[i].first);
    if (reasons.size() > 3)
        shown << QObject::tr("%1 other reason(s)").arg(reasons.size() - 3);
    return QObject::tr("%1 record(s) could not be decoded: %2").arg(failed).arg(shown.join(QStringLiteral(", ")));
}

} // namespace kafkascope
