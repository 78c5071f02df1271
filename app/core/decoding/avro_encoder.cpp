#include "decoding/avro_encoder.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtEndian>
#include <avro.h>
#include <cmath>
#include <memory>

namespace kafkascope {

namespace {

bool fill(avro_value_t *v, avro_schema_t schema, const QJsonValue &j, const QString &path, QString *error);

bool integral(const QJsonValue &j)
{
    return j.isDouble() && std::trunc(j.toDouble()) == j.toDouble();
}

// Does JSON value `j` fit schema `s` without looking deeper (for choosing a union's branch)?
bool fits(avro_schema_t s, const QJsonValue &j)
{
    switch (avro_typeof(s)) {
    case AVRO_NULL: return j.isNull();
    case AVRO_BOOLEAN: return j.isBool();
    case AVRO_INT32:
    case AVRO_INT64: return integral(j);
    case AVRO_FLOAT:
    case AVRO_DOUBLE: return j.isDouble();
    case AVRO_STRING:
    case AVRO_BYTES:
    case AVRO_FIXED: return j.isString();
    case AVRO_ENUM: return j.isString() && avro_schema_enum_get_by_name(s, j.toString().toUtf8().constData()) >= 0;
    case AVRO_RECORD:
    case AVRO_MAP: return j.isObject();
    case AVRO_ARRAY: return j.isArray();
    default: return false;
    }
}

QString typeName(avro_schema_t s)
{
    return QString::fromUtf8(avro_schema_type_name(s));
}

bool mismatch(const QString &path, avro_schema_t s, QString *error)
{
    *error = QStringLiteral("%1: the value does not fit the schema's %2").arg(path.isEmpty() ? QStringLiteral("(document)") : path, typeName(s));
    return false;
}

bool fillUnion(avro_value_t *v, avro_schema_t s, const QJsonValue &j, const QString &path, QString *error)
{
    const size_t n = avro_schema_union_size(s);
    int chosen = -1;
    QJsonValue value = j;
    // Avro's JSON encoding of a union: {"<branch type name>": value}.
    if (j.isObject() && j.toObject().size() == 1) {
        const QString key = j.toObject().begin().key();
        for (size_t i = 0; i < n && chosen < 0; ++i)
            if (typeName(avro_schema_union_branch(s, int(i))) == key) {
                chosen = int(i);
                value = j.toObject().begin().value();
            }
    }
    for (size_t i = 0; i < n && chosen < 0; ++i)
        if (fits(avro_schema_union_branch(s, int(i)), j))
            chosen = int(i);
    if (chosen < 0)
        return mismatch(path, s, error);
    avro_value_t branch;
    if (avro_value_set_branch(v, chosen, &branch) != 0) {
        *error = QString::fromUtf8(avro_strerror());
        return false;
    }
    return fill(&branch, avro_schema_union_branch(s, chosen), value, path, error);
}

bool fillRecord(avro_value_t *v, avro_schema_t s, const QJsonValue &j, const QString &path, QString *error)
{
    if (!j.isObject())
        return mismatch(path, s, error);
    const QJsonObject o = j.toObject();
    const size_t n = avro_schema_record_size(s);
    for (auto it = o.begin(); it != o.end(); ++it)
        if (avro_schema_record_field_get_index(s, it.key().toUtf8().constData()) < 0) {
            *error = QStringLiteral("%1: the schema has no field “%2”").arg(path.isEmpty() ? QStringLiteral("(document)") : path, it.key());
            return false;
        }
    for (size_t i = 0; i < n; ++i) {
        const QString name = QString::fromUtf8(avro_schema_record_field_name(s, int(i)));
        avro_schema_t fs = avro_schema_record_field_get_by_index(s, int(i));
        const QString fieldPath = path.isEmpty() ? name : path + QLatin1Char('.') + name;
        avro_value_t field;
        avro_value_get_by_index(v, i, &field, nullptr);
        if (!o.contains(name)) {
            if (avro_typeof(fs) == AVRO_NULL || (avro_typeof(fs) == AVRO_UNION && fillUnion(&field, fs, QJsonValue::Null, fieldPath, error)))
                continue;
            *error = QStringLiteral("%1: missing (its type %2 has no null)").arg(fieldPath, typeName(fs));
            return false;
        }
        if (!fill(&field, fs, o.value(name), fieldPath, error))
            return false;
    }
    return true;
}

bool fill(avro_value_t *v, avro_schema_t s, const QJsonValue &j, const QString &path, QString *error)
{
    int rc = 0;
    switch (avro_typeof(s)) {
    case AVRO_NULL:
        if (!j.isNull())
            return mismatch(path, s, error);
        rc = avro_value_set_null(v);
        break;
    case AVRO_BOOLEAN:
        if (!j.isBool())
            return mismatch(path, s, error);
        rc = avro_value_set_boolean(v, j.toBool());
        break;
    case AVRO_INT32:
        if (!integral(j) || std::abs(j.toDouble()) > 2147483647.0)
            return mismatch(path, s, error);
        rc = avro_value_set_int(v, int32_t(j.toInteger()));
        break;
    case AVRO_INT64:
        if (!integral(j))
            return mismatch(path, s, error);
        rc = avro_value_set_long(v, j.toInteger());
        break;
    case AVRO_FLOAT:
        if (!j.isDouble())
            return mismatch(path, s, error);
        rc = avro_value_set_float(v, float(j.toDouble()));
        break;
    case AVRO_DOUBLE:
        if (!j.isDouble())
            return mismatch(path, s, error);
        rc = avro_value_set_double(v, j.toDouble());
        break;
    case AVRO_STRING: {
        if (!j.isString())
            return mismatch(path, s, error);
        const QByteArray text = j.toString().toUtf8();
        rc = avro_value_set_string_len(v, text.constData(), size_t(text.size()) + 1);
        break;
    }
    case AVRO_BYTES:
    case AVRO_FIXED: {
        if (!j.isString())
            return mismatch(path, s, error);
        QByteArray bytes = j.toString().toLatin1(); // Avro's JSON form: one char per byte
        if (avro_typeof(s) == AVRO_FIXED && size_t(bytes.size()) != size_t(avro_schema_fixed_size(s))) {
            *error = QStringLiteral("%1: %2 bytes, the fixed type holds %3").arg(path).arg(bytes.size()).arg(avro_schema_fixed_size(s));
            return false;
        }
        rc = avro_typeof(s) == AVRO_FIXED ? avro_value_set_fixed(v, bytes.data(), size_t(bytes.size()))
                                          : avro_value_set_bytes(v, bytes.data(), size_t(bytes.size()));
        break;
    }
    case AVRO_ENUM: {
        const int symbol = j.isString() ? avro_schema_enum_get_by_name(s, j.toString().toUtf8().constData()) : -1;
        if (symbol < 0) {
            *error = QStringLiteral("%1: not a symbol of enum %2").arg(path, QString::fromUtf8(avro_schema_name(s)));
            return false;
        }
        rc = avro_value_set_enum(v, symbol);
        break;
    }
    case AVRO_RECORD: return fillRecord(v, s, j, path, error);
    case AVRO_UNION: return fillUnion(v, s, j, path, error);
    case AVRO_ARRAY: {
        if (!j.isArray())
            return mismatch(path, s, error);
        const QJsonArray a = j.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            avro_value_t item;
            if (avro_value_append(v, &item, nullptr) != 0
                || !fill(&item, avro_schema_array_items(s), a[i], QStringLiteral("%1[%2]").arg(path).arg(i), error))
                return error->isEmpty() ? (*error = QString::fromUtf8(avro_strerror()), false) : false;
        }
        break;
    }
    case AVRO_MAP: {
        if (!j.isObject())
            return mismatch(path, s, error);
        const QJsonObject o = j.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            avro_value_t item;
            if (avro_value_add(v, it.key().toUtf8().constData(), &item, nullptr, nullptr) != 0
                || !fill(&item, avro_schema_map_values(s), it.value(), path + QLatin1Char('.') + it.key(), error))
                return error->isEmpty() ? (*error = QString::fromUtf8(avro_strerror()), false) : false;
        }
        break;
    }
    default:
        *error = QStringLiteral("%1: the schema's %2 type cannot be written from JSON here").arg(path, typeName(s));
        return false;
    }
    if (rc != 0) {
        *error = QStringLiteral("%1: %2").arg(path, QString::fromUtf8(avro_strerror()));
        return false;
    }
    return true;
}

} // namespace

QByteArray encodeAvroFramed(const QByteArray &schemaJson, qint32 schemaId, const QJsonValue &document, QString *error)
{
    avro_schema_t schema = nullptr;
    if (avro_schema_from_json_length(schemaJson.constData(), size_t(schemaJson.size()), &schema) != 0) {
        *error = QStringLiteral("the registry's schema does not parse as Avro: ") + QString::fromUtf8(avro_strerror()).trimmed();
        return {};
    }
    std::unique_ptr<std::remove_pointer_t<avro_schema_t>, decltype(&avro_schema_decref)> schemaGuard(schema, &avro_schema_decref);
    avro_value_iface_t *iface = avro_generic_class_from_schema(schema);
    if (!iface) {
        *error = QString::fromUtf8(avro_strerror()).trimmed();
        return {};
    }
    avro_value_t value;
    avro_generic_value_new(iface, &value);
    QByteArray out;
    error->clear();
    if (fill(&value, schema, document, QString(), error)) {
        size_t size = 0;
        if (avro_value_sizeof(&value, &size) == 0) {
            out.resize(5 + qsizetype(size));
            out[0] = 0;
            qToBigEndian(schemaId, out.data() + 1);
            avro_writer_t writer = avro_writer_memory(out.data() + 5, int64_t(size));
            if (avro_value_write(writer, &value) != 0) {
                *error = QString::fromUtf8(avro_strerror()).trimmed();
                out.clear();
            }
            avro_writer_free(writer);
        } else {
            *error = QString::fromUtf8(avro_strerror()).trimmed();
        }
    }
    avro_value_decref(&value);
    avro_value_iface_decref(iface);
    return out;
}

} // namespace kafkascope
