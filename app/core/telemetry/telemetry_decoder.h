#pragma once
// Turns Kafka message payloads into device telemetry points: ThingsBoard gateway JSON,
// ThingsBoard device JSON (envelope, array of envelopes, or flat values) and generic JSON,
// with nested objects flattened to dotted keys. Built for a consumer thread: one decoder
// per thread, reused across messages, no allocation per message in steady state. Bad input
// (invalid JSON or UTF-8, binary, huge or deeply nested documents, non-finite numbers,
// mistyped fields) yields an error text, never an exception or a crash.

#include <QString>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kafkascope {

enum class TelemetryFormat { Auto, Gateway, Device, Generic };
enum class DeviceSource { MessageKey, Header, JsonField, Topic };

QString formatName(TelemetryFormat format);

struct DecoderOptions
{
    TelemetryFormat format = TelemetryFormat::Auto;
    DeviceSource deviceSource = DeviceSource::MessageKey; // device and generic formats
    QString deviceField;            // the header name or JSON field naming the device
    bool useKafkaTimestamp = false; // ignore the payload's ts
    size_t maxMessageBytes = 16 * 1024 * 1024;
};

// One message as the decoder sees it (views into the consumer's buffers).
struct RawMessage
{
    std::string_view value;
    std::string_view key;
    std::string_view topic;
    std::string_view header;   // value of the header named in DecoderOptions (if any)
    bool hasHeader = false;
    qint64 kafkaTimestampMs = -1;
    // Set by a decoding step before this one (ThingsBoard metadata): names the device
    // whatever the device source, or (failure) the reason the payload could not be decoded.
    std::string_view device;
    bool hasDevice = false;
    const QString *failure = nullptr;
};

// Points of many messages, names kept in one reusable text arena.
class DecodedBatch
{
public:
    struct Point
    {
        quint32 message; // index into messages()
        quint32 keyOffset, keyLength;
        double t; // seconds since the epoch
        double v;
        bool boolean;
    };
    struct Message
    {
        quint32 deviceOffset, deviceLength;
        qint64 timestampMs; // newest reading time in the message
        bool ok;
        quint32 errorIndex; // into errors() when !ok
        quint32 source;     // what setSource() said when it was decoded
    };
    struct Error
    {
        QString reason;
        QByteArray preview; // first bytes of the raw payload
    };

    void clear();
    // Tags the messages decoded next (e.g. with the index of the raw Kafka message).
    void setSource(quint32 source) { m_source = source; }
    const std::vector<Point> &points() const { return m_points; }
    const std::vector<Message> &messages() const { return m_messages; }
    const std::vector<Error> &errors() const { return m_errors; }
    std::string_view text(quint32 offset, quint32 length) const { return {m_arena.data() + offset, length}; }
    std::string_view device(const Message &m) const { return text(m.deviceOffset, m.deviceLength); }
    std::string_view key(const Point &p) const { return text(p.keyOffset, p.keyLength); }

private:
    friend class TelemetryDecoder;
    std::vector<Point> m_points;
    std::vector<Message> m_messages;
    std::vector<Error> m_errors;
    std::string m_arena;
    quint32 m_source = 0;
};

class TelemetryDecoder
{
public:
    static constexpr int kMaxDepth = 64;
    static constexpr int kPreviewBytes = 160;

    explicit TelemetryDecoder(const DecoderOptions &options = {});
    ~TelemetryDecoder();
    TelemetryDecoder(const TelemetryDecoder &) = delete;
    TelemetryDecoder &operator=(const TelemetryDecoder &) = delete;

    const DecoderOptions &options() const { return m_options; }
    // In Auto mode, the format chosen from the first messages (Auto until decided).
    TelemetryFormat detectedFormat() const { return m_detected; }

    // Decodes one message, appending its points (or its error) to `out`. Returns false on
    // a decode error (the message entry then has ok == false and an Error).
    bool decode(const RawMessage &message, DecodedBatch &out);

    // The format a parsed document looks like (exposed for tests).
    static TelemetryFormat guessFormat(std::string_view json);

private:
    struct Impl;
    DecoderOptions m_options;
    TelemetryFormat m_detected = TelemetryFormat::Auto;
    int m_votes[4] = {0, 0, 0, 0};
    std::unique_ptr<Impl> d;
};

// A printable preview of raw bytes: valid UTF-8 text as is, other bytes as \xNN.
QByteArray rawPreview(std::string_view bytes, int maxBytes);

} // namespace kafkascope
