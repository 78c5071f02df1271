#include "demo/device_simulator.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <chrono>
#include <cmath>
#include <librdkafka/rdkafka.h>

namespace kafkascope {

namespace {
double walk(double value, double step, double lo, double hi)
{
    value += (QRandomGenerator::global()->generateDouble() - 0.5) * step;
    return std::clamp(value, lo, hi);
}
double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}
constexpr double kAlarmTemperature = 30.0;
} // namespace

DeviceSimulator::DeviceSimulator(const QString &bootstrapServers, int sensors, int trackers)
    : m_bootstraps(bootstrapServers)
{
    auto *rng = QRandomGenerator::global();
    for (int i = 1; i <= sensors; ++i)
        m_sensors.push_back({QStringLiteral("Sensor %1").arg(i, 2, 10, QLatin1Char('0')),
                             18 + rng->bounded(8.0), 40 + rng->bounded(20.0), 60 + rng->bounded(40.0),
                             -90 + rng->bounded(40.0), 52.52 + rng->bounded(0.05),
                             13.40 + rng->bounded(0.05), rng->bounded(6.28)});
    for (int i = 1; i <= trackers; ++i)
        m_trackers.push_back({QStringLiteral("Tracker %1").arg(i), 0, 0, 100, -70,
                              52.50 + rng->bounded(0.1), 13.35 + rng->bounded(0.1), rng->bounded(6.28)});
}

DeviceSimulator::~DeviceSimulator()
{
    m_thread = {}; // request stop and join before the producer goes
    if (m_producer)
        rd_kafka_flush(m_producer.get(), 2000);
}

bool DeviceSimulator::start(int messagesPerSecond, QString *error)
{
    char errstr[256];
    ConfPtr conf(rd_kafka_conf_new());
    const QByteArray servers = m_bootstraps.toUtf8();
    const std::pair<const char *, const char *> props[] = {
        {"bootstrap.servers", servers.constData()},
        {"client.id", "kafkascope-demo-devices"},
        // Batches of 200 ms: librdkafka's mock cluster finds a fetch's offset by walking its
        // partition log batch by batch, so many small batches cost the demo a core (measured:
        // two thirds of the app's CPU at 2,000 msg/s after two minutes with 20 ms batches).
        {"linger.ms", "200"},
        {"compression.type", "lz4"},
        {"log_level", "3"},
    };
    for (const auto &[k, v] : props)
        rd_kafka_conf_set(conf.get(), k, v, errstr, sizeof errstr);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof errstr);
    if (!rk) {
        *error = QStringLiteral("Demo devices cannot create a producer: ") + QString::fromUtf8(errstr);
        return false;
    }
    conf.release();
    m_producer.reset(rk);
    setRate(messagesPerSecond);
    m_thread = std::jthread([this](std::stop_token stop) { run(stop); });
    return true;
}

QByteArray DeviceSimulator::gatewayTelemetry(SimulatedDevice &d, qint64 tsMs)
{
    d.phase += 0.05;
    d.temperature = walk(d.temperature + 0.05 * std::sin(d.phase), 0.4, -10, 45);
    d.humidity = walk(d.humidity, 0.8, 5, 100);
    d.battery = std::max(0.0, d.battery - 0.002);
    d.rssi = walk(d.rssi, 2.0, -110, -30);
    d.latitude = walk(d.latitude, 0.0002, 52.4, 52.7);
    d.longitude = walk(d.longitude, 0.0002, 13.2, 13.6);
    const QJsonObject values{{QStringLiteral("temperature"), round2(d.temperature)},
                             {QStringLiteral("humidity"), round2(d.humidity)},
                             {QStringLiteral("battery"), round2(d.battery)},
                             {QStringLiteral("rssi"), std::round(d.rssi)},
                             {QStringLiteral("latitude"), d.latitude},
                             {QStringLiteral("longitude"), d.longitude}};
    const QJsonObject reading{{QStringLiteral("ts"), tsMs}, {QStringLiteral("values"), values}};
    const QJsonObject root{{d.name, QJsonArray{reading}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QByteArray DeviceSimulator::deviceTelemetry(SimulatedDevice &t, qint64 tsMs)
{
    t.phase += 0.02;
    const bool ignition = std::sin(t.phase) > -0.3;
    const double speed = ignition ? std::max(0.0, 40 + 30 * std::sin(t.phase * 3)) : 0.0;
    t.latitude += speed * 1e-6 * std::cos(t.phase);
    t.longitude += speed * 1e-6 * std::sin(t.phase);
    const QJsonObject values{{QStringLiteral("latitude"), t.latitude},
                             {QStringLiteral("longitude"), t.longitude},
                             {QStringLiteral("speed"), round2(speed)},
                             {QStringLiteral("ignition"), ignition},
                             {QStringLiteral("fuel"), QJsonObject{{QStringLiteral("level"), round2(50 + 40 * std::cos(t.phase / 4))}}}};
    return QJsonDocument(QJsonObject{{QStringLiteral("ts"), tsMs}, {QStringLiteral("values"), values}})
        .toJson(QJsonDocument::Compact);
}

void DeviceSimulator::produce(const char *topic, const QString &key, const QByteArray &value)
{
    const QByteArray k = key.toUtf8();
    rd_kafka_resp_err_t err = rd_kafka_producev(
        m_producer.get(), RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_KEY(k.constData(), size_t(k.size())),
        RD_KAFKA_V_VALUE(const_cast<char *>(value.constData()), size_t(value.size())),
        RD_KAFKA_V_HEADER("source", "kafkascope-demo", -1), RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR)
        ++m_produced;
    // A full local queue just drops this reading; the demo favours staying live.
}

bool DeviceSimulator::silentAt(double secondsSinceStart)
{
    if (secondsSinceStart < kSilentAfterSeconds)
        return false;
    return std::fmod(secondsSinceStart - kSilentAfterSeconds, kSilentCycleSeconds) < kSilentForSeconds;
}

void DeviceSimulator::run(std::stop_token stop)
{
    using clock = std::chrono::steady_clock;
    constexpr auto tick = std::chrono::milliseconds(20);
    double budget = 0;
    size_t next = 0;
    qint64 lastAttributes = 0, lastTracker = 0;
    auto last = clock::now();
    const auto started = last;
    const SimulatedDevice *silent = m_sensors.size() > 1 ? &m_sensors.back() : nullptr;
    while (!stop.stop_requested()) {
        std::this_thread::sleep_for(tick);
        const auto now = clock::now();
        budget += m_rate.load() * std::chrono::duration<double>(now - last).count();
        last = now;
        const qint64 ts = QDateTime::currentMSecsSinceEpoch();
        const bool quiet = silentAt(std::chrono::duration<double>(now - started).count());
        for (; budget >= 1.0; budget -= 1.0) {
            SimulatedDevice &d = m_sensors[next++ % m_sensors.size()];
            if (quiet && &d == silent)
                continue;
            produce("tb.telemetry", d.name, gatewayTelemetry(d, ts));
            if (d.temperature > kAlarmTemperature && !d.alarmRaised) {
                d.alarmRaised = true;
                const QJsonObject alarm{{QStringLiteral("device"), d.name},
                                        {QStringLiteral("type"), QStringLiteral("HighTemperature")},
                                        {QStringLiteral("severity"), QStringLiteral("MAJOR")},
                                        {QStringLiteral("ts"), ts},
                                        {QStringLiteral("value"), round2(d.temperature)}};
                produce("alarms", d.name, QJsonDocument(alarm).toJson(QJsonDocument::Compact));
            } else if (d.temperature < kAlarmTemperature - 2) {
                d.alarmRaised = false;
            }
        }
        if (ts - lastTracker >= 1000 && m_rate.load() > 0) {
            lastTracker = ts;
            for (auto &t : m_trackers)
                produce("tb.devices", t.name, deviceTelemetry(t, ts));
        }
        if (ts - lastAttributes >= 10000) {
            lastAttributes = ts;
            for (const auto &d : m_sensors) {
                const QJsonObject attrs{{QStringLiteral("firmware"), QStringLiteral("2.4.1")},
                                        {QStringLiteral("model"), QStringLiteral("TH-200")},
                                        {QStringLiteral("batteryLow"), d.battery < 20}};
                produce("tb.attributes", d.name,
                        QJsonDocument(QJsonObject{{d.name, attrs}}).toJson(QJsonDocument::Compact));
            }
        }
        rd_kafka_poll(m_producer.get(), 0); // delivery reports
    }
}

} // namespace kafkascope
