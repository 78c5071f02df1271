#include "telemetry/telemetry_decoder.h"

#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <cstring>

namespace kafkascope {

namespace dom = simdjson::dom;

QString formatName(TelemetryFormat format)
{
    switch (format) {
    case TelemetryFormat::Auto: return QStringLiteral("Auto-detect");
    case TelemetryFormat::Gateway: return QStringLiteral("ThingsBoard gateway");
    case TelemetryFormat::Device: return QStringLiteral("ThingsBoard device");
    case TelemetryFormat::Generic: return QStringLiteral("Generic JSON");
    }
    return {};
}

void DecodedBatch::clear()
{
    m_points.clear();
    m_messages.clear();
    m_errors.clear();
    m_arena.clear();
}

namespace {

constexpr int kVotesNeeded = 5;
constexpr size_t kInitialCapacity = 64 * 1024;
constexpr size_t kShrinkAbove = 4 * 1024 * 1024;

QString typeName(dom::element_type t)
{
    switch (t) {
    case dom::element_type::ARRAY: return QStringLiteral("an array");
    case dom::element_type::OBJECT: return QStringLiteral("an object");
    case dom::element_type::INT64:
    case dom::element_type::UINT64:
    case dom::element_type::DOUBLE: return QStringLiteral("a number");
    case dom::element_type::STRING: return QStringLiteral("a string");
    case dom::element_type::BOOL: return QStringLiteral("a boolean");
    case dom::element_type::NULL_VALUE: return QStringLiteral("null");
    }
    return {};
}

QString jsonErrorText(simdjson::error_code e, std::string_view value)
{
    using simdjson::error_code;
    if (value.empty())
        return QStringLiteral("empty payload");
    const bool binary = std::memchr(value.data(), 0, value.size()) != nullptr;
    switch (e) {
    case error_code::UTF8_ERROR:
        return binary ? QStringLiteral("binary payload (not JSON text)") : QStringLiteral("invalid UTF-8 in payload");
    case error_code::DEPTH_ERROR:
        return QStringLiteral("JSON nests deeper than %1 levels").arg(TelemetryDecoder::kMaxDepth);
    case error_code::NUMBER_ERROR:
        return QStringLiteral("invalid JSON: number out of range or malformed (NaN/Infinity are not JSON)");
    case error_code::CAPACITY:
    case error_code::MEMALLOC:
        return QStringLiteral("payload too large to decode");
    default:
        break;
    }
    if (binary)
        return QStringLiteral("binary payload (not JSON text)");
    return QStringLiteral("invalid JSON: ") + QString::fromUtf8(simdjson::error_message(e));
}

bool parseNumber(std::string_view s, double &out)
{
    if (s.empty())
        return false;
    const char *end = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(s.data(), end, out);
    return ec == std::errc() && ptr == end;
}

// The format a parsed document looks like: {"values":..} or flat objects are device
// telemetry; an object whose every member is an array of objects is gateway telemetry.
TelemetryFormat guess(dom::element root)
{
    if (root.is_array()) {
        dom::array a(root);
        return a.size() > 0 && a.at(0).is_object() ? TelemetryFormat::Device : TelemetryFormat::Generic;
    }
    if (!root.is_object())
        return TelemetryFormat::Generic;
    dom::object obj(root);
    dom::element values;
    if (obj["values"].get(values) == simdjson::SUCCESS && values.is_object())
        return TelemetryFormat::Device;
    if (obj.size() == 0)
        return TelemetryFormat::Device;
    for (auto field : obj) {
        if (!field.value.is_array())
            return TelemetryFormat::Device;
        dom::array a(field.value);
        if (a.size() == 0 || !a.at(0).is_object())
            return TelemetryFormat::Device;
    }
    return TelemetryFormat::Gateway;
}

} // namespace

struct TelemetryDecoder::Impl
{
    dom::parser parser;
    std::string padded; // input copied here with SIMDJSON_PADDING bytes after it
    std::string prefix; // dotted key being built while flattening
    DecodedBatch *out = nullptr;
    quint32 message = 0;
    double messageTime = 0; // seconds
    qint64 newestMs = 0;
    QString error;
    const DecoderOptions *options = nullptr;
    std::string_view excludeTopKey; // the JSON device field, not a value

    quint32 addText(std::string_view s)
    {
        const auto offset = quint32(out->m_arena.size());
        out->m_arena.append(s);
        return offset;
    }

    bool fail(const QString &why)
    {
        if (error.isEmpty())
            error = why;
        return false;
    }

    void beginMessage(std::string_view device)
    {
        const quint32 offset = addText(device);
        message = quint32(out->m_messages.size());
        out->m_messages.push_back({offset, quint32(device.size()), 0, true, 0, out->m_source});
    }

    bool addValue(double v, bool boolean)
    {
        if (!std::isfinite(v))
            return fail(QStringLiteral("value of \"%1\" is not a finite number").arg(QString::fromUtf8(prefix)));
        const quint32 offset = addText(prefix);
        out->m_points.push_back({message, offset, quint32(prefix.size()), messageTime, v, boolean});
        out->m_messages[message].timestampMs = std::max(out->m_messages[message].timestampMs, qint64(messageTime * 1000.0));
        return true;
    }

    // Flattens `e` under the current prefix. Strings that are not numbers and nulls carry
    // no plottable value and are skipped; they are not errors.
    bool flatten(dom::element e)
    {
        switch (e.type()) {
        case dom::element_type::OBJECT:
            for (auto field : dom::object(e)) {
                const size_t keep = prefix.size();
                if (keep)
                    prefix += '.';
                prefix.append(field.key);
                const bool ok = flatten(field.value);
                prefix.resize(keep);
                if (!ok)
                    return false;
            }
            return true;
        case dom::element_type::ARRAY: {
            int i = 0;
            for (dom::element item : dom::array(e)) {
                const size_t keep = prefix.size();
                if (keep)
                    prefix += '.';
                prefix += std::to_string(i++);
                const bool ok = flatten(item);
                prefix.resize(keep);
                if (!ok)
                    return false;
            }
            return true;
        }
        case dom::element_type::INT64:
        case dom::element_type::UINT64:
        case dom::element_type::DOUBLE:
            return addValue(double(e.get_double().value_unsafe()), false);
        case dom::element_type::BOOL:
            return addValue(e.get_bool().value_unsafe() ? 1.0 : 0.0, true);
        case dom::element_type::STRING: {
            const std::string_view s = e.get_string().value_unsafe();
            if (s == "true" || s == "false")
                return addValue(s == "true" ? 1.0 : 0.0, true);
            double v;
            if (parseNumber(s, v))
                return addValue(v, false);
            return true;
        }
        case dom::element_type::NULL_VALUE:
            return true;
        }
        return true;
    }

    // Reading time from a "ts" element, else the Kafka timestamp.
    bool readTime(dom::object reading, qint64 kafkaMs)
    {
        messageTime = double(kafkaMs) / 1000.0;
        if (options->useKafkaTimestamp)
            return true;
        dom::element ts;
        if (reading["ts"].get(ts) != simdjson::SUCCESS)
            return true;
        double ms = 0;
        if (ts.is_number())
            ms = ts.get_double().value_unsafe();
        else if (!(ts.is_string() && parseNumber(ts.get_string().value_unsafe(), ms)))
            return fail(QStringLiteral("field \"ts\" must be a number of milliseconds, got %1").arg(typeName(ts.type())));
        // Past the year 9999 a time no longer fits a millisecond count (the fuzzer's find).
        constexpr double kLatestMs = 253402300799999.0;
        if (!std::isfinite(ms) || ms < 0 || ms > kLatestMs)
            return fail(QStringLiteral("field \"ts\" is not a valid time"));
        if (ms < 1e11) // seconds, not milliseconds (before 1973 in ms: no real telemetry)
            ms *= 1000.0;
        messageTime = ms / 1000.0;
        return true;
    }

    // One ThingsBoard reading: {"ts":..,"values":{..}} or flat {"k":v,..}.
    bool reading(dom::element e, qint64 kafkaMs, bool allowFlat)
    {
        if (!e.is_object())
            return fail(QStringLiteral("a reading must be an object, got %1").arg(typeName(e.type())));
        const dom::object obj(e);
        if (!readTime(obj, kafkaMs))
            return false;
        dom::element values;
        prefix.clear();
        if (obj["values"].get(values) == simdjson::SUCCESS) {
            if (!values.is_object())
                return fail(QStringLiteral("field \"values\" must be an object, got %1").arg(typeName(values.type())));
            return flatten(values);
        }
        if (!allowFlat)
            return fail(QStringLiteral("reading has no \"values\" object"));
        for (auto field : obj) {
            if (field.key == "ts" || (!excludeTopKey.empty() && field.key == excludeTopKey))
                continue;
            prefix.assign(field.key);
            if (!flatten(field.value))
                return false;
        }
        prefix.clear();
        return true;
    }

    bool gateway(dom::element root, qint64 kafkaMs)
    {
        if (!root.is_object())
            return fail(QStringLiteral("gateway telemetry must be a JSON object of devices, got %1").arg(typeName(root.type())));
        for (auto device : dom::object(root)) {
            if (device.key.empty())
                return fail(QStringLiteral("gateway telemetry has an empty device name"));
            beginMessage(device.key);
            if (device.value.is_array()) {
                for (dom::element r : dom::array(device.value))
                    if (!reading(r, kafkaMs, true))
                        return false;
            } else {
                return fail(QStringLiteral("device \"%1\": expected an array of readings, got %2")
                                .arg(QString::fromUtf8(device.key), typeName(device.value.type())));
            }
        }
        return true;
    }

    bool deviceName(dom::element root, const RawMessage &m, std::string_view &name)
    {
        if (m.hasDevice) {
            name = m.device;
            return !name.empty() || fail(QStringLiteral("the record's metadata names no device"));
        }
        switch (options->deviceSource) {
        case DeviceSource::MessageKey:
            name = m.key;
            if (name.empty())
                return fail(QStringLiteral("message has no key to name the device (choose another device source)"));
            return true;
        case DeviceSource::Header:
            name = m.header;
            if (!m.hasHeader || name.empty())
                return fail(QStringLiteral("message has no header \"%1\" naming the device").arg(options->deviceField));
            return true;
        case DeviceSource::Topic:
            name = m.topic;
            return true;
        case DeviceSource::JsonField: {
            dom::element field;
            dom::element first = root.is_array() && dom::array(root).size() > 0 ? dom::array(root).at(0).value_unsafe() : root;
            const QByteArray f = options->deviceField.toUtf8();
            if (!first.is_object() || first[std::string_view(f.constData(), size_t(f.size()))].get(field) != simdjson::SUCCESS)
                return fail(QStringLiteral("payload has no field \"%1\" naming the device").arg(options->deviceField));
            if (!field.is_string())
                return fail(QStringLiteral("field \"%1\" must be a string naming the device, got %2")
                                .arg(options->deviceField, typeName(field.type())));
            name = field.get_string().value_unsafe();
            if (name.empty())
                return fail(QStringLiteral("field \"%1\" is empty").arg(options->deviceField));
            return true;
        }
        }
        return true;
    }

    bool device(dom::element root, const RawMessage &m, bool generic)
    {
        std::string_view name;
        if (!deviceName(root, m, name))
            return false;
        beginMessage(name);
        if (generic) {
            if (root.is_object()) {
                // Generic JSON: every numeric leaf; a top-level ts is the time.
                if (!readTime(dom::object(root), m.kafkaTimestampMs))
                    return false;
                for (auto field : dom::object(root)) {
                    if (field.key == "ts" || (!excludeTopKey.empty() && field.key == excludeTopKey))
                        continue;
                    prefix.assign(field.key);
                    if (!flatten(field.value))
                        return false;
                }
                prefix.clear();
                return true;
            }
            messageTime = double(m.kafkaTimestampMs) / 1000.0;
            prefix.clear();
            return flatten(root);
        }
        if (root.is_array()) {
            for (dom::element r : dom::array(root))
                if (!reading(r, m.kafkaTimestampMs, true))
                    return false;
            return true;
        }
        if (!root.is_object())
            return fail(QStringLiteral("device telemetry must be a JSON object or array, got %1").arg(typeName(root.type())));
        return reading(root, m.kafkaTimestampMs, true);
    }
};

TelemetryDecoder::TelemetryDecoder(const DecoderOptions &options) : m_options(options), d(std::make_unique<Impl>())
{
    d->options = &m_options;
    // On failure parse() allocates for itself (and reports MEMALLOC if that fails too).
    [[maybe_unused]] const auto allocated = d->parser.allocate(kInitialCapacity, kMaxDepth);
    if (m_options.format != TelemetryFormat::Auto)
        m_detected = m_options.format;
}

TelemetryDecoder::~TelemetryDecoder() = default;

TelemetryFormat TelemetryDecoder::guessFormat(std::string_view json)
{
    dom::parser parser;
    dom::element root;
    if (parser.parse(json.data(), json.size(), true).get(root) != simdjson::SUCCESS)
        return TelemetryFormat::Auto;
    return guess(root);
}

bool TelemetryDecoder::decode(const RawMessage &m, DecodedBatch &out)
{
    Impl &s = *d;
    s.out = &out;
    s.error.clear();
    s.prefix.clear();
    const size_t pointMark = out.m_points.size();
    const size_t messageMark = out.m_messages.size();
    const size_t arenaMark = out.m_arena.size();
    const QByteArray field = m_options.deviceSource == DeviceSource::JsonField ? m_options.deviceField.toUtf8() : QByteArray();
    s.excludeTopKey = std::string_view(field.constData(), size_t(field.size()));

    bool ok = false;
    if (m.failure) {
        s.error = *m.failure;
    } else if (m.value.size() > m_options.maxMessageBytes) {
        s.error = QStringLiteral("message of %1 MB exceeds the %2 MB decode limit")
                      .arg(double(m.value.size()) / (1024.0 * 1024.0), 0, 'f', 1)
                      .arg(m_options.maxMessageBytes / (1024 * 1024));
    } else {
        // simdjson reads up to SIMDJSON_PADDING bytes past the end: parse a padded copy.
        if (s.padded.size() < m.value.size() + simdjson::SIMDJSON_PADDING)
            s.padded.resize(m.value.size() + simdjson::SIMDJSON_PADDING);
        std::memcpy(s.padded.data(), m.value.data(), m.value.size());
        std::memset(s.padded.data() + m.value.size(), 0, simdjson::SIMDJSON_PADDING);
        if (s.parser.capacity() > kShrinkAbove && m.value.size() < kInitialCapacity)
            [[maybe_unused]] const auto shrunk = s.parser.allocate(kInitialCapacity, kMaxDepth); // give back a huge message's memory
        dom::element root;
        const simdjson::error_code e = s.parser.parse(s.padded.data(), m.value.size(), false).get(root);
        if (e != simdjson::SUCCESS) {
            s.error = jsonErrorText(e, m.value);
        } else {
            TelemetryFormat format = m_detected;
            if (format == TelemetryFormat::Auto) {
                format = guess(root);
                if (++m_votes[int(format)] >= kVotesNeeded)
                    m_detected = format;
            }
            if (format == TelemetryFormat::Gateway)
                ok = s.gateway(root, m.kafkaTimestampMs);
            else
                ok = s.device(root, m, format == TelemetryFormat::Generic);
            if (ok && out.m_points.size() == pointMark && s.error.isEmpty()) {
                ok = false;
                s.error = QStringLiteral("no numeric or boolean values in message");
            }
        }
    }
    if (ok)
        return true;

    // All or nothing: a bad message leaves no half-decoded points behind.
    out.m_points.resize(pointMark);
    out.m_messages.resize(messageMark);
    out.m_arena.resize(arenaMark);
    std::string_view device = m_options.deviceSource == DeviceSource::Topic ? m.topic : m.key;
    if (m_options.deviceSource == DeviceSource::Header && m.hasHeader)
        device = m.header;
    if (m.hasDevice)
        device = m.device;
    s.beginMessage(device);
    out.m_messages.back().ok = false;
    out.m_messages.back().timestampMs = m.kafkaTimestampMs;
    out.m_messages.back().errorIndex = quint32(out.m_errors.size());
    out.m_errors.push_back({s.error.isEmpty() ? QStringLiteral("undecodable message") : s.error,
                            rawPreview(m.value, kPreviewBytes)});
    return false;
}

QByteArray rawPreview(std::string_view bytes, int maxBytes)
{
    QByteArray out;
    const size_t n = std::min(bytes.size(), size_t(maxBytes));
    const bool utf8 = simdjson::validate_utf8(bytes.data(), n);
    out.reserve(int(n) + 16);
    for (size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if ((c >= 0x20 && c != 0x7f) && (c < 0x80 || utf8)) {
            out += char(c);
        } else {
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            out += hex;
        }
    }
    if (bytes.size() > n)
        out += "…";
    return out;
}

} // namespace kafkascope
