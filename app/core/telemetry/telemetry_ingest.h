#pragma once
// The telemetry consumer: its own librdkafka consumer on its own thread that
// batch-consumes one or more topics, decodes with one TelemetryDecoder per topic and
// appends each batch into a TelemetryStore under one lock. By default it joins no consumer
// group (explicit partition assignment, nothing committed, no effect on the cluster); a
// named group subscribes and commits. It can also replay a bounded range and stop there.
// Status crosses to the UI as a value type, on state changes and at most twice a second.

#include "decoding/decoder_choice.h"
#include "profiles/connection_profile.h"
#include "telemetry/telemetry_decoder.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QStringList>
#include <atomic>
#include <memory>
#include <thread>

namespace kafkascope {

class TelemetryStore;

enum class TelemetryStart { Latest, Beginning, Timestamp, MinutesAgo };

struct IngestConfig
{
    QStringList topics;
    TelemetryStart start = TelemetryStart::Latest;
    qint64 startMs = 0;      // TelemetryStart::Timestamp
    int minutesAgo = 5;      // TelemetryStart::MinutesAgo
    qint64 endMs = -1;       // >= 0: only messages up to this time, then finish
    bool stopAtEnd = false;  // finish at the partitions' end as of the start
    QString groupId;         // empty: no consumer group
    DecoderOptions decoder;
    // Per topic: how values are decoded before the telemetry decoder reads them (registry
    // Avro/Protobuf, .proto files, ThingsBoard's queue); a topic not listed uses Auto.
    QHash<QString, DecoderChoice> valueDecoders;
    bool thingsBoardHeaders = true; // take device and time from tb_msg_md_* headers
    int batchSize = 4096;
};

struct IngestStatus
{
    enum class State { Idle, Starting, Running, Finished, Failed, Stopped };
    State state = State::Idle;
    QString message;     // the failure, or what is happening
    QString warning;     // latest non-fatal consumer error (broker down, ...)
    qint64 messages = 0; // consumed (decoded or not)
    qint64 bytes = 0;
    int partitions = 0;
    QStringList formats; // "topic: detected format"
    bool active() const { return state == State::Starting || state == State::Running; }
};

QString startPositionText(const IngestConfig &config);

class TelemetryIngest : public QObject
{
    Q_OBJECT
public:
    TelemetryIngest(const ConnectionProfile &profile, std::shared_ptr<TelemetryStore> store,
                    QObject *parent = nullptr);
    ~TelemetryIngest() override;

    // Starts consuming (stopping a previous run first). Errors arrive through status().
    void start(const IngestConfig &config);
    // Stops the consumer thread. One blocked in a request to an unresponsive broker is not
    // waited for: it is cut off from this object and the store and ends by itself.
    void stop();
    bool isRunning() const;
    IngestStatus status() const;
    IngestConfig config() const;

signals:
    void statusChanged(const kafkascope::IngestStatus &status);

private:
    class Channel;
    class Run; // the consumer thread's steps, one function each
    // Static: the consumer thread may outlive this object and reaches it only through the channel.
    static void run(std::stop_token stop, const IngestConfig &config, const ConnectionProfile &profile,
                    TelemetryStore &store, Channel &channel);
    void publish(const IngestStatus &status);

    ConnectionProfile m_profile;
    std::shared_ptr<TelemetryStore> m_store;
    mutable QMutex m_mutex;
    IngestStatus m_status;
    IngestConfig m_config;
    std::shared_ptr<Channel> m_channel;
    std::jthread m_thread;
};

} // namespace kafkascope

Q_DECLARE_METATYPE(kafkascope::IngestStatus)
