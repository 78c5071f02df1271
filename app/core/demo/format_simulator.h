#pragma once
// The demo's devices in the formats that need a decoder, once a second each: ThingsBoard's
// rule-engine Kafka node output (flat JSON, tb_msg_md_deviceName/deviceType/ts headers) on
// tb.rule-node.telemetry, ThingsBoard's rule-engine queue (ToRuleEngineMsg -> TbMsgProto,
// POST_TELEMETRY_REQUEST, protobuf from the .proto files the app ships) on
// tb_rule_engine.main.0..2, and registry-framed Avro on demo.meters.avro, whose schema the
// demo's own registry endpoint serves. Encoding uses libprotobuf and Avro C, like decoding.

#include "decoding/decoder_choice.h"
#include "demo/demo_registry.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>
#include <thread>

namespace kafkascope {

class FormatSimulator
{
public:
    static constexpr const char *kRuleNodeTopic = "tb.rule-node.telemetry";
    static constexpr const char *kAvroTopic = "demo.meters.avro";
    static constexpr int kQueuePartitions = 3; // tb_rule_engine.main.0 .. .2, one partition each
    static QStringList queueTopics();
    static QStringList topics(); // every topic this simulator writes
    // The schemas the demo registry serves (the Avro topic's value schema).
    static QList<DemoSchema> registrySchemas();
    // Where the shipped ThingsBoard .proto files are written for the decoders (a cache folder).
    static QString protoFolder();
    // How the app decodes one of these topics' values with no setup (Auto for the others).
    static DecoderChoice valueDecoding(const QString &topic);

    FormatSimulator(const QString &bootstrapServers, qint32 avroSchemaId);
    ~FormatSimulator();

    bool start(QString *error);
    void setRunning(bool running) { m_running = running; } // the demo's rate 0 pauses it

    // What was produced on `topic` (the first 200 records, as JSON with device and ts), so a
    // test can compare what the decoders read back.
    QList<QJsonObject> produced(const QString &topic) const;

    // The encodings, for tests of the demo's bytes.
    QByteArray queueMessage(const QString &device, const QString &deviceType, qint64 tsMs, const QJsonObject &data) const;
    QByteArray avroMeter(const QString &device, qint64 tsMs, double power, double voltage, QString *error) const;

private:
    void run(std::stop_token stop);
    void tick(qint64 tsMs);
    void produce(const QString &topic, const QString &key, const QByteArray &value,
                 const QList<std::pair<QByteArray, QByteArray>> &headers, const QJsonObject &sample);

    struct Encoders;
    QString m_bootstraps;
    qint32 m_avroId;
    std::unique_ptr<Encoders> m_enc;
    std::atomic<bool> m_running{true};
    double m_phase = 0;
    mutable QMutex m_mutex;
    QHash<QString, QList<QJsonObject>> m_produced;
    std::jthread m_thread;
};

} // namespace kafkascope
