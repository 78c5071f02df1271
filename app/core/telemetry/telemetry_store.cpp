#include "telemetry/telemetry_store.h"

#include <QMutexLocker>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <thread>

namespace kafkascope {

namespace {
constexpr int kRateWindow = 16;
constexpr double kTrimEverySeconds = 0.5;
// Messages of a batch applied between two looks for a waiting reader: a few dozen
// microseconds of work.
constexpr quint32 kMessagesPerStretch = 64;
} // namespace

// The store's lock as everyone but apply() takes it: counted as waiting while it waits, so
// that apply() lets it in. Why: the ingest's writer runs below the UI's priority; a frame
// that found it mid-batch waited for the rest of the batch, and for as long as the
// scheduler kept the writer off the CPU (40 ms and more in the stall benchmark). A writer
// taken off the CPU in mid-stretch still holds the lock until it runs again: a reader that
// must not wait that long gives a timeout (waitMs >= 0) and may go without.
class TelemetryStore::Lock
{
public:
    explicit Lock(const TelemetryStore &store, int waitMs = -1) : m_store(store)
    {
        ++m_store.m_waiting;
        if (waitMs < 0) {
            m_store.m_mutex.lock();
            m_owns = true;
        } else {
            m_owns = m_store.m_mutex.tryLock(waitMs);
        }
        --m_store.m_waiting;
    }
    ~Lock()
    {
        if (m_owns)
            m_store.m_mutex.unlock();
    }
    bool owns() const { return m_owns; }
    Lock(const Lock &) = delete;
    Lock &operator=(const Lock &) = delete;

private:
    const TelemetryStore &m_store;
    bool m_owns = false;
};

struct TelemetryStore::Key
{
    QString name;
    std::string utf8;
    TimeSeriesBuffer series; // compressed: memory follows the points held
    bool boolean = false;
};

struct TelemetryStore::Device
{
    int index = 0;
    QString name;
    QString topic;
    qint64 messages = 0;
    qint64 errors = 0;
    qint64 lastSeenMs = 0;
    qint64 lastDataMs = 0;
    int gaps = 0;
    qint64 longestGapMs = 0;
    std::array<qint64, kRateWindow> recent{}; // the newest data times seen, in no order
    int recentCount = 0;                      // how many of them are filled
    std::vector<std::unique_ptr<Key>> keys;
    Index keyIndex;
    // Key indexes of the previous message, in order: devices repeat the same keys in the
    // same order, so most look-ups are a string compare instead of a hash.
    std::vector<int> lastKeys;
    qint64 firstDataMs = std::numeric_limits<qint64>::max();
    // Keeps the kRateWindow newest data times: messages of one device from several
    // partitions arrive out of time order, and a late old one must not stretch the span.
    void noteTime(qint64 t)
    {
        firstDataMs = std::min(firstDataMs, t);
        if (recentCount < kRateWindow) {
            recent[size_t(recentCount++)] = t;
            return;
        }
        auto oldest = std::min_element(recent.begin(), recent.end());
        if (t > *oldest)
            *oldest = t;
    }
    double rate() const
    {
        const int n = recentCount;
        if (n < 2)
            return std::nan(""); // unknown yet
        const auto [oldest, newest] = std::minmax_element(recent.begin(), recent.begin() + n);
        if (*newest > *oldest)
            return (n - 1) * 1000.0 / double(*newest - *oldest);
        // The newest all carry one time (a burst): the device's whole span, else unknown.
        if (lastDataMs > firstDataMs)
            return double(messages - 1) * 1000.0 / double(lastDataMs - firstDataMs);
        return std::nan("");
    }
};

TelemetryStore::TelemetryStore() = default;
TelemetryStore::~TelemetryStore() = default;

void TelemetryStore::setRetention(size_t points, double seconds)
{
    const Lock lock(*this);
    m_retentionPoints = std::max<size_t>(points, 2);
    m_retentionSeconds = std::max(0.0, seconds);
    for (auto &d : m_devices)
        for (auto &k : d->keys)
            k->series.setCapacity(m_retentionPoints);
    applyRetention(m_newest);
    ++m_revision;
}

size_t TelemetryStore::retentionPoints() const
{
    const Lock lock(*this);
    return m_retentionPoints;
}

double TelemetryStore::retentionSeconds() const
{
    const Lock lock(*this);
    return m_retentionSeconds;
}

void TelemetryStore::setStaleMs(qint64 ms)
{
    const Lock lock(*this);
    m_staleMs = std::max<qint64>(ms, 1);
}

qint64 TelemetryStore::staleMs() const
{
    const Lock lock(*this);
    return m_staleMs;
}

TelemetryStore::Device *TelemetryStore::device(std::string_view name, const QString &topic)
{
    auto it = m_deviceIndex.find(name);
    if (it != m_deviceIndex.end())
        return m_devices[size_t(it->second)].get();
    auto d = std::make_unique<Device>();
    d->index = int(m_devices.size());
    d->name = QString::fromUtf8(name.data(), qsizetype(name.size()));
    d->topic = topic;
    m_deviceIndex.emplace(std::string(name), d->index);
    m_devices.push_back(std::move(d));
    return m_devices.back().get();
}

int TelemetryStore::key(Device &d, std::string_view name, bool boolean)
{
    auto it = d.keyIndex.find(name);
    if (it != d.keyIndex.end())
        return it->second;
    auto k = std::make_unique<Key>();
    k->name = QString::fromUtf8(name.data(), qsizetype(name.size()));
    k->utf8 = std::string(name);
    k->boolean = boolean;
    k->series.setCapacity(m_retentionPoints);
    const int index = int(d.keys.size());
    d.keyIndex.emplace(std::string(name), index);
    d.keys.push_back(std::move(k));
    return index;
}

void TelemetryStore::apply(const DecodedBatch &batch, const std::vector<MessageOrigin> &origins, qint64 nowMs)
{
    static const MessageOrigin kNoOrigin;
    QMutexLocker lock(&m_mutex);
    const auto &messages = batch.messages();
    const auto &points = batch.points();
    size_t p = 0;
    // A batch comes from one or a few topics: look a topic up only when it changes.
    const QString *lastTopic = nullptr;
    TopicSummary *topicSummary = nullptr;
    for (quint32 m = 0; m < messages.size(); ++m) {
        if (m % kMessagesPerStretch == 0 && m > 0 && m_waiting.load(std::memory_order_relaxed) > 0) {
            letOthersIn(lock);
            lastTopic = nullptr; // a clear() may have run meanwhile
        }
        const auto &msg = messages[m];
        const MessageOrigin &origin = msg.source < origins.size() ? origins[msg.source] : kNoOrigin;
        if (!lastTopic || lastTopic->constData() != origin.topic.constData()) {
            lastTopic = &origin.topic;
            topicSummary = &m_topics[origin.topic];
            topicSummary->topic = origin.topic;
        }
        TopicSummary &topic = *topicSummary;
        const std::string_view name = batch.device(msg);
        Device *d = name.empty() ? nullptr : device(name, origin.topic);
        if (!msg.ok) {
            ++m_errorCount;
            ++topic.errors;
            if (d) {
                ++d->errors;
                d->lastSeenMs = nowMs;
            }
            const auto &e = batch.errors()[msg.errorIndex];
            m_errors.push_back({nowMs, origin.topic, origin.partition, origin.offset,
                                d ? d->name : QString(), e.reason, e.preview});
            if (m_errors.size() > size_t(kMaxErrors))
                m_errors.pop_front();
            continue;
        }
        if (!d)
            continue; // every decoded message names its device; stay safe if one does not
        ++m_messages;
        ++topic.messages;
        ++d->messages;
        d->lastSeenMs = nowMs;
        if (d->lastDataMs > 0 && msg.timestampMs - d->lastDataMs > m_staleMs) {
            ++d->gaps;
            d->longestGapMs = std::max(d->longestGapMs, msg.timestampMs - d->lastDataMs);
        }
        d->lastDataMs = std::max(d->lastDataMs, msg.timestampMs);
        d->noteTime(msg.timestampMs);
        while (p < points.size() && points[p].message < m)
            ++p; // points of messages that failed are never kept; be safe anyway
        for (size_t slot = 0; p < points.size() && points[p].message == m; ++p, ++slot) {
            const auto &pt = points[p];
            const std::string_view name = batch.key(pt);
            int index;
            if (slot < d->lastKeys.size() && d->keys[size_t(d->lastKeys[slot])]->utf8 == name) {
                index = d->lastKeys[slot];
            } else {
                index = key(*d, name, pt.boolean);
                if (slot >= d->lastKeys.size())
                    d->lastKeys.resize(slot + 1);
                d->lastKeys[slot] = index;
            }
            Key &k = *d->keys[size_t(index)];
            TimeSeriesBuffer &s = k.series;
            // Partitions arrive in no order between them: a device's older reading fetched
            // from another partition after newer ones is put in its place, never dropped.
            s.insert(pt.t, pt.v);
            m_newest = std::max(m_newest, pt.t);
        }
    }
    if (m_retentionSeconds > 0 && m_newest - m_lastTrim >= kTrimEverySeconds) {
        m_lastTrim = m_newest;
        applyRetention(m_newest);
    }
    ++m_revision;
}

void TelemetryStore::letOthersIn(QMutexLocker<QMutex> &lock)
{
    lock.unlock();
    // Until each waiting thread has had the lock: unlocking and locking again straight away
    // would take it back before a woken reader got to run.
    while (m_waiting.load() > 0)
        std::this_thread::yield();
    lock.relock();
}

void TelemetryStore::applyRetention(double newest)
{
    if (m_retentionSeconds <= 0)
        return;
    const double cutoff = newest - m_retentionSeconds;
    for (auto &d : m_devices)
        for (auto &k : d->keys)
            k->series.trimBefore(cutoff);
}

quint64 TelemetryStore::revision() const
{
    const Lock lock(*this);
    return m_revision;
}

quint64 TelemetryStore::generation() const
{
    return m_generation.load();
}

QList<DeviceSummary> TelemetryStore::devices() const
{
    const Lock lock(*this);
    QList<DeviceSummary> out;
    out.reserve(qsizetype(m_devices.size()));
    for (const auto &d : m_devices)
        out.append({d->index, d->name, d->topic, d->messages, d->errors, d->lastSeenMs, d->lastDataMs,
                    d->rate(), d->gaps, d->longestGapMs, int(d->keys.size())});
    return out;
}

QList<KeySummary> TelemetryStore::keys(int device) const
{
    const Lock lock(*this);
    QList<KeySummary> out;
    if (device < 0 || size_t(device) >= m_devices.size())
        return out;
    const auto &keys = m_devices[size_t(device)]->keys;
    for (size_t i = 0; i < keys.size(); ++i) {
        const Key &k = *keys[i];
        KeySummary s{int(i), k.name, 0, 0, k.series.size(), k.boolean};
        if (!k.series.isEmpty()) {
            s.lastValue = k.series.last().v;
            s.lastTime = k.series.last().t;
        }
        out.append(s);
    }
    return out;
}

int TelemetryStore::deviceIndex(const QString &name) const
{
    const Lock lock(*this);
    auto it = m_deviceIndex.find(std::string_view(name.toStdString()));
    return it == m_deviceIndex.end() ? -1 : it->second;
}

int TelemetryStore::keyIndex(int device, const QString &key) const
{
    const Lock lock(*this);
    if (device < 0 || size_t(device) >= m_devices.size())
        return -1;
    const auto &index = m_devices[size_t(device)]->keyIndex;
    auto it = index.find(std::string_view(key.toStdString()));
    return it == index.end() ? -1 : it->second;
}

QString TelemetryStore::deviceName(int device) const
{
    const Lock lock(*this);
    return device >= 0 && size_t(device) < m_devices.size() ? m_devices[size_t(device)]->name : QString();
}

const TelemetryStore::Key *TelemetryStore::keyAt(int device, int key) const
{
    if (device < 0 || size_t(device) >= m_devices.size())
        return nullptr;
    const auto &keys = m_devices[size_t(device)]->keys;
    return key >= 0 && size_t(key) < keys.size() ? keys[size_t(key)].get() : nullptr;
}

QString TelemetryStore::keyName(int device, int key) const
{
    const Lock lock(*this);
    const Key *k = keyAt(device, key);
    return k ? k->name : QString();
}

bool TelemetryStore::isBoolean(int device, int key) const
{
    const Lock lock(*this);
    const Key *k = keyAt(device, key);
    return k && k->boolean;
}

quint64 TelemetryStore::copySince(int device, int key, quint64 since, std::vector<SeriesPoint> &out,
                                  quint64 *rewrites) const
{
    const Lock lock(*this);
    const Key *k = keyAt(device, key);
    if (rewrites)
        *rewrites = k ? k->series.rewrites() : 0;
    return k ? k->series.copySince(since, out) : since;
}

bool TelemetryStore::tryCopySince(int device, int key, quint64 since, std::vector<SeriesPoint> &out, quint64 *next,
                                  quint64 *rewrites, int waitMs) const
{
    const Lock lock(*this, waitMs);
    if (!lock.owns())
        return false;
    const Key *k = keyAt(device, key);
    *rewrites = k ? k->series.rewrites() : 0;
    *next = k ? k->series.copySince(since, out) : since;
    return true;
}

QVector<double> TelemetryStore::tail(int device, int key, int count) const
{
    const Lock lock(*this);
    QVector<double> out;
    const Key *k = keyAt(device, key);
    if (!k)
        return out;
    const size_t n = std::min(k->series.size(), size_t(std::max(count, 0)));
    std::vector<SeriesPoint> points;
    k->series.copyFrom(k->series.size() - n, points);
    out.reserve(qsizetype(n));
    for (const SeriesPoint &p : points)
        out.append(p.v);
    return out;
}

StoreTotals TelemetryStore::totals() const
{
    const Lock lock(*this);
    StoreTotals t;
    t.devices = int(m_devices.size());
    t.messages = m_messages;
    t.errors = m_errorCount;
    for (const auto &d : m_devices) {
        t.series += int(d->keys.size());
        for (const auto &k : d->keys) {
            t.points += k->series.size();
            t.bytes += k->series.bytesUsed() + sizeof(Key) + size_t(k->name.capacity()) * 2 + k->utf8.capacity();
        }
        t.bytes += sizeof(Device);
    }
    return t;
}

QList<TopicSummary> TelemetryStore::topics() const
{
    const Lock lock(*this);
    QList<TopicSummary> out = m_topics.values();
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.topic < b.topic; });
    return out;
}

QList<DecodeErrorRecord> TelemetryStore::errors() const
{
    const Lock lock(*this);
    return QList<DecodeErrorRecord>(m_errors.begin(), m_errors.end());
}

void TelemetryStore::clear()
{
    const Lock lock(*this);
    m_devices.clear();
    m_deviceIndex.clear();
    m_topics.clear();
    m_errors.clear();
    m_newest = m_lastTrim = 0;
    m_messages = m_errorCount = 0;
    ++m_revision;
    ++m_generation;
}

} // namespace kafkascope
