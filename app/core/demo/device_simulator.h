#pragma once
// Simulated IoT devices for the demo cluster: 50 gateway sensors (temperature, humidity,
// battery, rssi, GPS) in ThingsBoard gateway JSON on tb.telemetry, 5 GPS trackers in
// ThingsBoard device JSON on tb.devices, attributes and alarms, at a changeable rate.

#include "kafka/kafka_handles.h"

#include <QString>
#include <atomic>
#include <thread>
#include <vector>

namespace kafkascope {

struct SimulatedDevice
{
    QString name;
    double temperature, humidity, battery, rssi, latitude, longitude, phase;
    bool alarmRaised = false;
};

class DeviceSimulator
{
public:
    DeviceSimulator(const QString &bootstrapServers, int sensors, int trackers);
    ~DeviceSimulator();

    bool start(int messagesPerSecond, QString *error);
    void setRate(int messagesPerSecond) { m_rate = std::max(0, messagesPerSecond); }
    int rate() const { return m_rate; }
    qint64 producedCount() const { return m_produced; }

    // The demo's last sensor drops off the air for 90 s of every 3 minutes, from 20 s after
    // the start, so the telemetry staleness and "device silent" alerts have something to show.
    static constexpr double kSilentAfterSeconds = 20;
    static constexpr double kSilentCycleSeconds = 180;
    static constexpr double kSilentForSeconds = 90;
    static bool silentAt(double secondsSinceStart);
    QString silentDevice() const { return m_sensors.empty() ? QString() : m_sensors.back().name; }

    // One reading of `device` in gateway format, advancing its random walk.
    static QByteArray gatewayTelemetry(SimulatedDevice &device, qint64 tsMs);
    static QByteArray deviceTelemetry(SimulatedDevice &tracker, qint64 tsMs);

private:
    void run(std::stop_token stop);
    void produce(const char *topic, const QString &key, const QByteArray &value);

    QString m_bootstraps;
    KafkaPtr m_producer;
    std::vector<SimulatedDevice> m_sensors;
    std::vector<SimulatedDevice> m_trackers;
    std::atomic<int> m_rate{0};
    std::atomic<qint64> m_produced{0};
    std::jthread m_thread;
};

} // namespace kafkascope
