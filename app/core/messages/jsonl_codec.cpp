#include "messages/jsonl_codec.h"

#include "decoding/record_decoder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QStringDecoder>

namespace kafkascope {

namespace jsonl {

bool isValidUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    // A round trip also rejects overlong forms and NUL-free invariants hold for JSON text.
    return !decoder.hasError() && text.toUtf8() == bytes;
}

namespace {

void putBytes(QJsonObject &o, const QString &field, const QByteArray &bytes, bool isNull)
{
    if (isNull) {
        o.insert(field, QJsonValue::Null);
    } else if (isValidUtf8(bytes)) {
        o.insert(field, QString::fromUtf8(bytes));
    } else {
        o.insert(field, QString::fromLatin1(bytes.toBase64()));
        o.insert(field + u"Encoding", QStringLiteral("base64"));
    }
}

bool takeBytes(const QJsonObject &o, const QString &field, QByteArray *bytes, bool *isNull,
               QString *error)
{
    const QJsonValue v = o.value(field);
    *isNull = v.isNull() || v.isUndefined();
    bytes->clear();
    if (*isNull)
        return true;
    const QString encoding = o.value(field + u"Encoding").toString();
    if (v.isString()) {
        if (encoding == u"base64") {
            auto decoded = QByteArray::fromBase64Encoding(v.toString().toLatin1(),
                                                           QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded) {
                *error = QObject::tr("\"%1\" is not valid base64").arg(field);
                return false;
            }
            *bytes = *decoded;
        } else if (encoding.isEmpty() || encoding == u"utf8" || encoding == u"utf-8") {
            *bytes = v.toString().toUtf8();
        } else {
            *error = QObject::tr("unknown %1Encoding \"%2\" (use base64 or utf8)").arg(field, encoding);
            return false;
        }
        return true;
    }
    // Any other JSON value is produced as its compact JSON text.
    if (v.isObject())
        *bytes = QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    else if (v.isArray())
        *bytes = QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
    else if (v.isBool())
        *bytes = v.toBool() ? "true" : "false";
    else
        *bytes = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    return true;
}

// Beside the bytes (which import produces again as they are), what the decoders read: the
// decoded key and value as JSON (or text), the schema id and type, or why decoding failed.
void putDecoded(QJsonObject &o, const DecodedRecord *d)
{
    if (!d)
        return;
    QJsonObject decoded;
    auto put = [&](const QString &field, const QByteArray &text, bool json) {
        const QJsonDocument doc = json ? QJsonDocument::fromJson(text) : QJsonDocument();
        if (doc.isObject())
            decoded.insert(field, doc.object());
        else if (doc.isArray())
            decoded.insert(field, doc.array());
        else
            decoded.insert(field, QString::fromUtf8(text));
    };
    if (d->keyDecoded)
        put(QStringLiteral("key"), d->key, true);
    if (d->valueDecoded) {
        put(QStringLiteral("value"), d->value, d->valueJson);
        decoded.insert(QStringLiteral("valueDecoder"), decoderKindKey(d->valueKind));
        if (d->valueSchemaId >= 0)
            decoded.insert(QStringLiteral("schemaId"), d->valueSchemaId);
        if (!d->valueSubject.isEmpty())
            decoded.insert(QStringLiteral("subject"), d->valueSubject);
        if (!d->valueType.isEmpty())
            decoded.insert(QStringLiteral("type"), d->valueType);
    }
    if (d->failed())
        decoded.insert(QStringLiteral("error"), d->error);
    o.insert(QStringLiteral("decoded"), decoded);
}

} // namespace

QByteArray encode(const KafkaMessage &m, const QString &topic)
{
    QJsonObject o;
    o.insert(QStringLiteral("topic"), topic);
    o.insert(QStringLiteral("partition"), m.partition);
    o.insert(QStringLiteral("offset"), m.offset);
    o.insert(QStringLiteral("timestamp"), m.timestamp);
    o.insert(QStringLiteral("timestampType"), timestampTypeName(m.timestampType));
    putBytes(o, QStringLiteral("key"), m.key, m.keyNull);
    putBytes(o, QStringLiteral("value"), m.value, m.valueNull);
    QJsonArray headers;
    for (const MessageHeader &h : m.headers) {
        QJsonObject ho;
        // Header names are strings in Kafka's protocol; values are bytes.
        ho.insert(QStringLiteral("key"), QString::fromUtf8(h.key));
        putBytes(ho, QStringLiteral("value"), h.value, h.valueNull);
        headers.append(ho);
    }
    o.insert(QStringLiteral("headers"), headers);
    putDecoded(o, m.decoded.get());
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

bool decode(const QByteArray &line, OutgoingMessage *out, QString *error, bool keepPartition,
            bool keepTimestamp)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error = QObject::tr("not JSON (%1 at character %2)").arg(pe.errorString()).arg(pe.offset + 1);
        return false;
    }
    if (!doc.isObject()) {
        *error = QObject::tr("expected a JSON object per line");
        return false;
    }
    const QJsonObject o = doc.object();
    if (!o.contains(u"value") && !o.contains(u"key")) {
        *error = QObject::tr("the object has neither \"key\" nor \"value\"");
        return false;
    }
    OutgoingMessage m;
    if (!takeBytes(o, QStringLiteral("key"), &m.key, &m.keyNull, error)
        || !takeBytes(o, QStringLiteral("value"), &m.value, &m.valueNull, error))
        return false;
    const QJsonValue hv = o.value(u"headers");
    if (hv.isArray()) {
        for (const QJsonValue &item : hv.toArray()) {
            const QJsonObject ho = item.toObject();
            if (!ho.value(u"key").isString()) {
                *error = QObject::tr("every header needs a \"key\" string");
                return false;
            }
            MessageHeader h;
            h.key = ho.value(u"key").toString().toUtf8();
            if (!takeBytes(ho, QStringLiteral("value"), &h.value, &h.valueNull, error))
                return false;
            m.headers.append(h);
        }
    } else if (hv.isObject()) {
        const QJsonObject ho = hv.toObject();
        for (auto it = ho.begin(); it != ho.end(); ++it) {
            MessageHeader h;
            h.key = it.key().toUtf8();
            h.valueNull = it.value().isNull();
            h.value = it.value().isString() ? it.value().toString().toUtf8()
                                            : QJsonDocument(QJsonArray{it.value()}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
            if (h.valueNull)
                h.value.clear();
            m.headers.append(h);
        }
    } else if (!hv.isUndefined() && !hv.isNull()) {
        *error = QObject::tr("\"headers\" must be an array or an object");
        return false;
    }
    if (keepPartition && o.value(u"partition").isDouble())
        m.partition = o.value(u"partition").toInt(-1);
    if (keepTimestamp && o.value(u"timestamp").isDouble() && o.value(u"timestamp").toInteger() > 0)
        m.timestamp = o.value(u"timestamp").toInteger();
    *out = m;
    return true;
}

} // namespace jsonl

namespace csv {

namespace {
QByteArray field(const QByteArray &raw)
{
    if (!raw.contains(',') && !raw.contains('"') && !raw.contains('\n') && !raw.contains('\r'))
        return raw;
    QByteArray quoted = raw;
    quoted.replace("\"", "\"\"");
    return '"' + quoted + '"';
}
QByteArray textOrBase64(const QByteArray &bytes, bool isNull)
{
    if (isNull)
        return {};
    return jsonl::isValidUtf8(bytes) ? bytes : QByteArray("base64:") + bytes.toBase64();
}
} // namespace

QByteArray header()
{
    return "partition,offset,timestamp,timestamp_type,key,value,headers,decoding";
}

QByteArray encode(const KafkaMessage &m)
{
    QJsonObject headers;
    for (const MessageHeader &h : m.headers)
        headers.insert(QString::fromUtf8(h.key), QString::fromUtf8(textOrBase64(h.value, h.valueNull)));
    const QByteArray hdr = m.headers.isEmpty() ? QByteArray() : QJsonDocument(headers).toJson(QJsonDocument::Compact);
    // A spreadsheet is read, not produced again: the decoded form where there is one, and the
    // decoder (schema id, type) or the decode error in the last column.
    const DecodedRecord *d = m.decoded.get();
    const QByteArray key = d && d->keyDecoded ? d->key : textOrBase64(m.key, m.keyNull);
    const QByteArray value = d && d->valueDecoded ? d->value : textOrBase64(m.value, m.valueNull);
    const QByteArray decoding = d ? d->summary().toUtf8() : QByteArray();
    return QByteArray::number(m.partition) + ',' + QByteArray::number(m.offset) + ','
           + QByteArray::number(m.timestamp) + ',' + timestampTypeName(m.timestampType).toLatin1() + ','
           + field(key) + ',' + field(value) + ',' + field(hdr) + ',' + field(decoding);
}

} // namespace csv

} // namespace kafkascope
