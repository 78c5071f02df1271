#include "decoding/avro_decoder.h"

#include <avro.h>

#include <charconv>
#include <cmath>
#include <cstdio>

namespace kafkascope {

namespace {

constexpr int kMaxDepth = 64;

QString avroError()
{
    return QString::fromUtf8(avro_strerror()).trimmed();
}

void appendEscaped(std::string *out, const char *s, size_t n)
{
    out->push_back('"');
    for (size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        switch (c) {
        case '"': out->append("\\\""); break;
        case '\\': out->append("\\\\"); break;
        case '\n': out->append("\\n"); break;
        case '\r': out->append("\\r"); break;
        case '\t': out->append("\\t"); break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out->append(buf);
            } else {
                out->push_back(char(c));
            }
        }
    }
    out->push_back('"');
}

// Avro's JSON encoding of bytes: one \u00XX per byte.
void appendBytes(std::string *out, const void *buf, size_t n)
{
    const auto *b = static_cast<const unsigned char *>(buf);
    out->push_back('"');
    char tmp[8];
    for (size_t i = 0; i < n; ++i) {
        std::snprintf(tmp, sizeof tmp, "\\u%04x", b[i]);
        out->append(tmp);
    }
    out->push_back('"');
}

// Shortest text that reads back to the same value (25.1, not 25.100000000000001); a float
// printed as a float, so 25.1f shows as 25.1 and not 25.100000381469727.
template <typename T>
void appendNumber(std::string *out, T v)
{
    if (!std::isfinite(v)) {
        out->append("null"); // JSON has no NaN or infinity
        return;
    }
    char buf[48];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out->append(buf, ec == std::errc() ? size_t(end - buf) : 0);
}

bool write(avro_value_t *value, std::string *out, int depth)
{
    if (depth > kMaxDepth)
        return false;
    char buf[32];
    switch (avro_value_get_type(value)) {
    case AVRO_NULL: out->append("null"); return true;
    case AVRO_BOOLEAN: {
        int b = 0;
        avro_value_get_boolean(value, &b);
        out->append(b ? "true" : "false");
        return true;
    }
    case AVRO_INT32: {
        int32_t v = 0;
        avro_value_get_int(value, &v);
        std::snprintf(buf, sizeof buf, "%d", v);
        out->append(buf);
        return true;
    }
    case AVRO_INT64: {
        int64_t v = 0;
        avro_value_get_long(value, &v);
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
        out->append(buf);
        return true;
    }
    case AVRO_FLOAT: {
        float v = 0;
        avro_value_get_float(value, &v);
        appendNumber(out, v);
        return true;
    }
    case AVRO_DOUBLE: {
        double v = 0;
        avro_value_get_double(value, &v);
        appendNumber(out, v);
        return true;
    }
    case AVRO_STRING: {
        const char *s = nullptr;
        size_t n = 0;
        avro_value_get_string(value, &s, &n);
        appendEscaped(out, s, n > 0 ? n - 1 : 0); // the size counts the terminating NUL
        return true;
    }
    case AVRO_BYTES: {
        const void *b = nullptr;
        size_t n = 0;
        avro_value_get_bytes(value, &b, &n);
        appendBytes(out, b, n);
        return true;
    }
    case AVRO_FIXED: {
        const void *b = nullptr;
        size_t n = 0;
        avro_value_get_fixed(value, &b, &n);
        appendBytes(out, b, n);
        return true;
    }
    case AVRO_ENUM: {
        int symbol = 0;
        avro_value_get_enum(value, &symbol);
        const char *name = avro_schema_enum_get(avro_value_get_schema(value), symbol);
        if (!name)
            return false;
        appendEscaped(out, name, std::strlen(name));
        return true;
    }
    case AVRO_RECORD:
    case AVRO_MAP: {
        size_t n = 0;
        avro_value_get_size(value, &n);
        out->push_back('{');
        for (size_t i = 0; i < n; ++i) {
            avro_value_t child;
            const char *name = nullptr;
            if (avro_value_get_by_index(value, i, &child, &name) != 0 || !name)
                return false;
            if (i)
                out->push_back(',');
            appendEscaped(out, name, std::strlen(name));
            out->push_back(':');
            if (!write(&child, out, depth + 1))
                return false;
        }
        out->push_back('}');
        return true;
    }
    case AVRO_ARRAY: {
        size_t n = 0;
        avro_value_get_size(value, &n);
        out->push_back('[');
        for (size_t i = 0; i < n; ++i) {
            avro_value_t child;
            if (avro_value_get_by_index(value, i, &child, nullptr) != 0)
                return false;
            if (i)
                out->push_back(',');
            if (!write(&child, out, depth + 1))
                return false;
        }
        out->push_back(']');
        return true;
    }
    case AVRO_UNION: {
        avro_value_t branch;
        if (avro_value_get_current_branch(value, &branch) != 0)
            return false;
        return write(&branch, out, depth + 1);
    }
    case AVRO_LINK: return false; // generic values resolve links themselves
    }
    return false;
}

} // namespace

struct AvroDecoder::Impl
{
    avro_schema_t schema = nullptr;
    avro_value_iface_t *iface = nullptr;
    avro_value_t value{};
    bool hasValue = false;
    avro_reader_t reader = nullptr;

    void release()
    {
        if (hasValue)
            avro_value_decref(&value);
        hasValue = false;
        if (iface)
            avro_value_iface_decref(iface);
        iface = nullptr;
        if (schema)
            avro_schema_decref(schema);
        schema = nullptr;
        if (reader)
            avro_reader_free(reader);
        reader = nullptr;
    }
};

AvroDecoder::AvroDecoder() : d(new Impl) {}

AvroDecoder::~AvroDecoder()
{
    d->release();
    delete d;
}

bool AvroDecoder::load(const QByteArray &schemaJson, QString *error)
{
    d->release();
    if (avro_schema_from_json_length(schemaJson.constData(), size_t(schemaJson.size()), &d->schema) != 0) {
        d->schema = nullptr;
        *error = QStringLiteral("invalid Avro schema: %1").arg(avroError());
        return false;
    }
    d->iface = avro_generic_class_from_schema(d->schema);
    if (!d->iface || avro_generic_value_new(d->iface, &d->value) != 0) {
        *error = QStringLiteral("cannot use the Avro schema: %1").arg(avroError());
        d->release();
        return false;
    }
    d->hasValue = true;
    static const char empty[1] = {0};
    d->reader = avro_reader_memory(empty, 0);
    return d->reader != nullptr;
}

QString AvroDecoder::typeName() const
{
    if (!d->schema)
        return {};
    const char *space = avro_schema_namespace(d->schema);
    const char *name = avro_schema_type_name(d->schema);
    const QString bare = QString::fromUtf8(name ? name : "");
    return space && *space ? QString::fromUtf8(space) + u'.' + bare : bare;
}

bool AvroDecoder::toJson(std::string_view bytes, std::string *json, QString *error)
{
    if (!d->hasValue) {
        *error = QStringLiteral("no Avro schema loaded");
        return false;
    }
    avro_reader_memory_set_source(d->reader, bytes.data(), int64_t(bytes.size()));
    avro_value_reset(&d->value);
    if (avro_value_read(d->reader, &d->value) != 0) {
        *error = QStringLiteral("%1 byte(s) do not match the Avro schema: %2").arg(bytes.size()).arg(avroError());
        return false;
    }
    // Avro C's memory reader does not say where it stopped; a byte still readable means the
    // record ended early, which happens when the bytes were written with another schema.
    char extra = 0;
    if (avro_read(d->reader, &extra, 1) == 0) {
        *error = QStringLiteral("bytes left over after the Avro record (%1 byte(s) in all): the bytes do not match the schema")
                     .arg(bytes.size());
        return false;
    }
    json->clear();
    if (!write(&d->value, json, 0)) {
        *error = QStringLiteral("cannot print the Avro record as JSON (nested too deeply?)");
        return false;
    }
    return true;
}

} // namespace kafkascope
