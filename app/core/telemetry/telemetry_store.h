#pragma once
// The bounded memory of the telemetry view: devices -> keys -> time series (ring buffers),
// device statistics (messages, last seen, rate, gaps, decode errors) and the latest decode
// errors with a raw preview. The ingest thread writes one decoded batch under one lock,
// which it hands to a waiting reader between short stretches of the batch; the UI reads
// summaries and the points appended since its last frame. Thread-safe.

#include "telemetry/telemetry_decoder.h"
#include "series/time_series.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>
#include <QVector>
#include <atomic>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace kafkascope {

struct MessageOrigin
{
    QString topic;
    qint32 partition = 0;
    qint64 offset = 0;
};

struct DecodeErrorRecord
{
    qint64 receivedMs = 0;
    QString topic;
    qint32 partition = 0;
    qint64 offset = 0;
    QString device; // empty when the message named none
    QString reason;
    QByteArray preview;
};

struct DeviceSummary
{
    int index = -1;
    QString name;
    QString topic;
    qint64 messages = 0;
    qint64 errors = 0;
    qint64 lastSeenMs = 0; // wall clock at receipt
    qint64 lastDataMs = 0; // newest reading time
    double rate = 0;       // messages per second of data time, over the latest messages; NaN unknown
    int gaps = 0;          // silences longer than the stale time, then data again
    qint64 longestGapMs = 0;
    int keyCount = 0;
};

struct KeySummary
{
    int index = -1;
    QString name;
    double lastValue = 0;
    double lastTime = 0; // seconds since the epoch
    size_t points = 0;
    bool boolean = false;
};

struct TopicSummary
{
    QString topic;
    qint64 messages = 0;
    qint64 errors = 0;
};

struct StoreTotals
{
    int devices = 0;
    int series = 0;
    size_t points = 0;
    size_t bytes = 0;
    qint64 messages = 0;
    qint64 errors = 0;
};

class TelemetryStore
{
public:
    static constexpr int kMaxErrors = 500;

    TelemetryStore();
    ~TelemetryStore();

    // Retention: at most `points` per series and, when seconds > 0, nothing older than
    // `seconds` before the newest reading held.
    void setRetention(size_t points, double seconds);
    size_t retentionPoints() const;
    double retentionSeconds() const;
    // A silence longer than this counts as a gap (and makes the device stale while it lasts).
    void setStaleMs(qint64 ms);
    qint64 staleMs() const;

    // Ingest side: one lock for the whole batch, given up between stretches of it while
    // anyone else waits for the store. origins[i] describes DecodedBatch source i.
    void apply(const DecodedBatch &batch, const std::vector<MessageOrigin> &origins, qint64 nowMs);

    // Reader side.
    quint64 revision() const;   // changes on every apply/clear
    quint64 generation() const; // changes on clear(): device/key indexes are then void (no lock)
    QList<DeviceSummary> devices() const;
    QList<KeySummary> keys(int device) const;
    int deviceIndex(const QString &name) const;
    int keyIndex(int device, const QString &key) const;
    QString deviceName(int device) const;
    QString keyName(int device, int key) const;
    bool isBoolean(int device, int key) const;
    // Points of a series with sequence >= since; returns the next sequence to ask for.
    // *rewrites changes when a late point was put before newer ones: a reader that saw
    // another value reads the series again from 0.
    quint64 copySince(int device, int key, quint64 since, std::vector<SeriesPoint> &out,
                      quint64 *rewrites = nullptr) const;
    // The same for a reader that must not wait long (a UI frame): false, and nothing read,
    // when the store could not be had within waitMs; *next is the sequence to ask for next.
    bool tryCopySince(int device, int key, quint64 since, std::vector<SeriesPoint> &out, quint64 *next,
                      quint64 *rewrites, int waitMs) const;
    // The newest `count` values of a series, oldest first (for sparklines).
    QVector<double> tail(int device, int key, int count) const;
    StoreTotals totals() const;
    QList<TopicSummary> topics() const;
    QList<DecodeErrorRecord> errors() const; // newest last, at most kMaxErrors
    void clear();

private:
    struct Key;
    struct Device;
    class Lock;
    struct Hash
    {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using Index = std::unordered_map<std::string, int, Hash, std::equal_to<>>;

    Device *device(std::string_view name, const QString &topic);
    int key(Device &d, std::string_view name, bool boolean);
    void applyRetention(double newest);
    void letOthersIn(QMutexLocker<QMutex> &lock);
    const Key *keyAt(int device, int key) const;

    mutable QMutex m_mutex;
    mutable std::atomic<int> m_waiting{0}; // threads other than the writer waiting for m_mutex
    std::vector<std::unique_ptr<Device>> m_devices;
    Index m_deviceIndex;
    QHash<QString, TopicSummary> m_topics;
    std::deque<DecodeErrorRecord> m_errors;
    size_t m_retentionPoints = 100000;
    double m_retentionSeconds = 0;
    qint64 m_staleMs = 30000;
    double m_newest = 0;
    double m_lastTrim = 0;
    qint64 m_messages = 0;
    qint64 m_errorCount = 0;
    quint64 m_revision = 0;
    std::atomic<quint64> m_generation{0}; // read without the lock, changed under it
};

} // namespace kafkascope
