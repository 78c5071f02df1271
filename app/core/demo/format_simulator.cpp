#include "demo/format_simulator.h"

#include "decoding/proto_schema.h"
#include "kafka/kafka_handles.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>
#include <QtEndian>
#include <avro.h>
#include <condition_variable>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/message.h>
#include <librdkafka/rdkafka.h>
#include <cmath>

namespace kafkascope {

namespace {

constexpr int kKeepProduced = 200;

const char kMeterSchema[] = R"({"type":"record","name":"MeterReading","namespace":"demo.meters","doc":"An electricity meter's reading, once a second","fields":[{"name":"device","type":"string"},{"name":"ts","type":"long","doc":"ms since epoch"},{"name":"power","type":"double","doc":"kW"},{"name":"voltage","type":"double","doc":"V"}]})";

const char kPumpSchema[] = R"json({"$schema":"http://json-schema.org/draft-07/schema#","title":"Pump telemetry (ThingsBoard rule-engine Kafka node output)","type":"object","properties":{"pressure":{"type":"number","description":"bar"},"flow":{"type":"number","description":"m³/h"}},"required":["pressure","flow"]})json";

double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}

// The shipped .proto files (resources) written where protobuf's importer can read them.
bool writeProtoFiles(const QString &folder, QString *error)
{
    if (!QDir().mkpath(folder)) {
        *error = QStringLiteral("cannot create %1").arg(folder);
        return false;
    }
    for (const char *name : {"tb_queue.proto", "tb_msg.proto"}) {
        QFile in(QStringLiteral(":/kafkascope/demo/proto/") + QLatin1String(name));
        if (!in.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("the shipped %1 is missing from the resources").arg(QLatin1String(name));
            return false;
        }
        const QByteArray text = in.readAll();
        QFile existing(folder + QLatin1Char('/') + QLatin1String(name));
        if (existing.open(QIODevice::ReadOnly) && existing.readAll() == text)
            continue;
        existing.close();
        QSaveFile out(existing.fileName());
        if (!out.open(QIODevice::WriteOnly) || out.write(text) != text.size() || !out.commit()) {
            *error = QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString());
            return false;
        }
    }
    return true;
}

} // namespace

struct FormatSimulator::Encoders
{
    ProtoSchema proto;
    const google::protobuf::Descriptor *envelope = nullptr;
    const google::protobuf::Descriptor *tbMsg = nullptr;
    mutable google::protobuf::DynamicMessageFactory factory;
    avro_schema_t avroSchema = nullptr;
    avro_value_iface_t *avroClass = nullptr;
    KafkaPtr producer;

    ~Encoders()
    {
        if (avroClass)
            avro_value_iface_decref(avroClass);
        if (avroSchema)
            avro_schema_decref(avroSchema);
    }
};

QStringList FormatSimulator::queueTopics()
{
    QStringList out;
    for (int i = 0; i < kQueuePartitions; ++i)
        out << QStringLiteral("tb_rule_engine.main.%1").arg(i);
    return out;
}

QStringList FormatSimulator::topics()
{
    return QStringList{QLatin1String(kRuleNodeTopic)} + queueTopics() + QStringList{QLatin1String(kAvroTopic)};
}

QList<DemoSchema> FormatSimulator::registrySchemas()
{
    auto shipped = [](const char *name) {
        QFile f(QStringLiteral(":/kafkascope/demo/proto/") + QLatin1String(name));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    // The Avro topic's records are framed with id 1. The others describe the demo's other
    // topics for the Schemas panel (their records are not registry-framed).
    return {
        {QLatin1String(kAvroTopic) + QStringLiteral("-value"), 1, 1, QStringLiteral("AVRO"), QByteArray(kMeterSchema), {}, {}},
        {QStringLiteral("tb_msg.proto"), 1, 2, QStringLiteral("PROTOBUF"), shipped("tb_msg.proto"), {}, QStringLiteral("FULL")},
        {QStringLiteral("tb_rule_engine.main-value"), 1, 3, QStringLiteral("PROTOBUF"), shipped("tb_queue.proto"),
         {{QStringLiteral("tb_msg.proto"), QStringLiteral("tb_msg.proto"), 1}}, {}},
        {QLatin1String(kRuleNodeTopic) + QStringLiteral("-value"), 1, 4, QStringLiteral("JSON"), QByteArray(kPumpSchema), {}, {}},
    };
}

QString FormatSimulator::protoFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/demo-proto/thingsboard");
}

DecoderChoice FormatSimulator::valueDecoding(const QString &topic)
{
    DecoderChoice c;
    if (queueTopics().contains(topic)) {
        c.kind = DecoderKind::ProtobufFile;
        c.protoImportPaths = {protoFolder()};
        c.protoFile = QStringLiteral("tb_queue.proto");
        c.messageType = QStringLiteral("transport.ToRuleEngineMsg");
        c.thingsBoardQueue = true;
    } else if (topic == QLatin1String(kAvroTopic)) {
        c.kind = DecoderKind::AvroRegistry;
    }
    return c;
}

FormatSimulator::FormatSimulator(const QString &bootstrapServers, qint32 avroSchemaId)
    : m_bootstraps(bootstrapServers), m_avroId(avroSchemaId), m_enc(std::make_unique<Encoders>())
{
}

FormatSimulator::~FormatSimulator()
{
    m_thread = {}; // request stop and join (it waits on a condition, not the network)
    if (m_enc->producer)
        rd_kafka_flush(m_enc->producer.get(), 2000);
}

bool FormatSimulator::start(QString *error)
{
    if (!writeProtoFiles(protoFolder(), error))
        return false;
    QString why;
    if (!m_enc->proto.loadFiles({protoFolder()}, {QStringLiteral("tb_queue.proto")}, &why)
        || !(m_enc->envelope = m_enc->proto.findMessage(QStringLiteral("transport.ToRuleEngineMsg"), &why))
        || !(m_enc->tbMsg = m_enc->proto.findMessage(QStringLiteral("msgqueue.TbMsgProto"), &why))) {
        *error = QStringLiteral("The demo's ThingsBoard .proto files: ") + why;
        return false;
    }
    if (avro_schema_from_json_length(kMeterSchema, sizeof kMeterSchema - 1, &m_enc->avroSchema) != 0
        || !(m_enc->avroClass = avro_generic_class_from_schema(m_enc->avroSchema))) {
        *error = QStringLiteral("The demo's Avro schema: ") + QString::fromUtf8(avro_strerror());
        return false;
    }
    char errstr[256];
    ConfPtr conf(rd_kafka_conf_new());
    const QByteArray servers = m_bootstraps.toUtf8();
    const std::pair<const char *, const char *> props[] = {
        {"bootstrap.servers", servers.constData()}, {"client.id", "kafkascope-demo-formats"},
        {"linger.ms", "200"}, {"log_level", "3"}}; // few batches: see DeviceSimulator
    for (const auto &[k, v] : props)
        rd_kafka_conf_set(conf.get(), k, v, errstr, sizeof errstr);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof errstr);
    if (!rk) {
        *error = QStringLiteral("Demo formats cannot create a producer: ") + QString::fromUtf8(errstr);
        return false;
    }
    conf.release();
    m_enc->producer.reset(rk);
    m_thread = std::jthread([this](std::stop_token stop) { run(stop); });
    return true;
}

QByteArray FormatSimulator::queueMessage(const QString &device, const QString &deviceType, qint64 tsMs,
                                         const QJsonObject &data) const
{
    using namespace google::protobuf;
    const Descriptor *t = m_enc->tbMsg;
    std::unique_ptr<Message> msg(m_enc->factory.GetPrototype(t)->New());
    const Reflection *r = msg->GetReflection();
    r->SetString(msg.get(), t->FindFieldByName("id"), QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString());
    r->SetString(msg.get(), t->FindFieldByName("type"), "POST_TELEMETRY_REQUEST");
    r->SetString(msg.get(), t->FindFieldByName("entityType"), "DEVICE");
    r->SetInt64(msg.get(), t->FindFieldByName("entityIdMSB"), qint64(qHash(device)));
    r->SetInt64(msg.get(), t->FindFieldByName("entityIdLSB"), 0x5eed);
    r->SetInt32(msg.get(), t->FindFieldByName("dataType"), 1); // JSON
    r->SetString(msg.get(), t->FindFieldByName("data"), QJsonDocument(data).toJson(QJsonDocument::Compact).toStdString());
    r->SetInt64(msg.get(), t->FindFieldByName("ts"), tsMs);
    Message *meta = r->MutableMessage(msg.get(), t->FindFieldByName("metaData"), &m_enc->factory);
    const FieldDescriptor *mapField = meta->GetDescriptor()->FindFieldByName("data");
    const std::pair<const char *, QString> entries[] = {
        {"deviceName", device}, {"deviceType", deviceType}, {"ts", QString::number(tsMs)}};
    for (const auto &[k, v] : entries) {
        Message *entry = meta->GetReflection()->AddMessage(meta, mapField, &m_enc->factory);
        entry->GetReflection()->SetString(entry, entry->GetDescriptor()->FindFieldByName("key"), k);
        entry->GetReflection()->SetString(entry, entry->GetDescriptor()->FindFieldByName("value"), v.toStdString());
    }
    const Descriptor *e = m_enc->envelope;
    std::unique_ptr<Message> env(m_enc->factory.GetPrototype(e)->New());
    const Reflection *er = env->GetReflection();
    er->SetInt64(env.get(), e->FindFieldByName("tenantIdMSB"), 0x13814000);
    er->SetInt64(env.get(), e->FindFieldByName("tenantIdLSB"), 0x1dd2);
    er->SetString(env.get(), e->FindFieldByName("tbMsg"), msg->SerializeAsString());
    const std::string bytes = env->SerializeAsString();
    return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

QByteArray FormatSimulator::avroMeter(const QString &device, qint64 tsMs, double power, double voltage, QString *error) const
{
    avro_value_t record;
    if (avro_generic_value_new(m_enc->avroClass, &record) != 0) {
        *error = QString::fromUtf8(avro_strerror());
        return {};
    }
    const QByteArray name = device.toUtf8();
    avro_value_t field;
    bool ok = avro_value_get_by_name(&record, "device", &field, nullptr) == 0 && avro_value_set_string(&field, name.constData()) == 0
              && avro_value_get_by_name(&record, "ts", &field, nullptr) == 0 && avro_value_set_long(&field, tsMs) == 0
              && avro_value_get_by_name(&record, "power", &field, nullptr) == 0 && avro_value_set_double(&field, power) == 0
              && avro_value_get_by_name(&record, "voltage", &field, nullptr) == 0 && avro_value_set_double(&field, voltage) == 0;
    // Registry framing: magic byte 0, the schema id big-endian, then the Avro binary.
    QByteArray out(5 + 256, '\0');
    qToBigEndian(m_avroId, out.data() + 1);
    avro_writer_t writer = avro_writer_memory(out.data() + 5, 256);
    ok = ok && avro_value_write(writer, &record) == 0;
    if (ok)
        out.truncate(5 + qsizetype(avro_writer_tell(writer)));
    else
        *error = QString::fromUtf8(avro_strerror());
    avro_writer_free(writer);
    avro_value_decref(&record);
    return ok ? out : QByteArray();
}

void FormatSimulator::produce(const QString &topic, const QString &key, const QByteArray &value,
                              const QList<std::pair<QByteArray, QByteArray>> &headers, const QJsonObject &sample)
{
    rd_kafka_headers_t *hdrs = rd_kafka_headers_new(headers.size() + 1);
    rd_kafka_header_add(hdrs, "source", -1, "kafkascope-demo", -1);
    for (const auto &[k, v] : headers)
        rd_kafka_header_add(hdrs, k.constData(), k.size(), v.constData(), v.size());
    const QByteArray t = topic.toUtf8();
    const QByteArray k = key.toUtf8();
    const rd_kafka_resp_err_t err = rd_kafka_producev(
        m_enc->producer.get(), RD_KAFKA_V_TOPIC(t.constData()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_KEY(k.constData(), size_t(k.size())),
        RD_KAFKA_V_VALUE(const_cast<char *>(value.constData()), size_t(value.size())), RD_KAFKA_V_HEADERS(hdrs),
        RD_KAFKA_V_END);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        rd_kafka_headers_destroy(hdrs); // not taken over on failure
        return;                         // a full queue drops this reading; the demo stays live
    }
    QMutexLocker lock(&m_mutex);
    QList<QJsonObject> &kept = m_produced[topic];
    if (kept.size() < kKeepProduced)
        kept.append(sample);
}

QList<QJsonObject> FormatSimulator::produced(const QString &topic) const
{
    QMutexLocker lock(&m_mutex);
    return m_produced.value(topic);
}

void FormatSimulator::tick(qint64 ts)
{
    m_phase += 0.1;
    for (int i = 1; i <= 4; ++i) {
        const QString pump = QStringLiteral("Pump %1").arg(i);
        const QJsonObject values{{QStringLiteral("pressure"), round2(2.0 + 0.4 * std::sin(m_phase + i))},
                                 {QStringLiteral("flow"), round2(12.0 + 3.0 * std::cos(m_phase / 2 + i))}};
        QJsonObject sample = values;
        sample.insert(QStringLiteral("device"), pump);
        sample.insert(QStringLiteral("ts"), ts);
        produce(QLatin1String(kRuleNodeTopic), pump, QJsonDocument(values).toJson(QJsonDocument::Compact),
                {{"tb_msg_md_deviceName", pump.toUtf8()}, {"tb_msg_md_deviceType", "pump"},
                 {"tb_msg_md_ts", QByteArray::number(ts)}},
                sample);
    }
    for (int i = 1; i <= kQueuePartitions; ++i) {
        const QString boiler = QStringLiteral("Boiler %1").arg(i);
        const QJsonObject data{{QStringLiteral("temperature"), round2(65.0 + 5.0 * std::sin(m_phase / 3 + i))},
                               {QStringLiteral("pressure"), round2(1.5 + 0.2 * std::cos(m_phase + i))}};
        QJsonObject sample = data;
        sample.insert(QStringLiteral("device"), boiler);
        sample.insert(QStringLiteral("ts"), ts);
        // ThingsBoard spreads a queue over topics named .0, .1, ...: one per device here.
        produce(queueTopics().at(i - 1), boiler, queueMessage(boiler, QStringLiteral("boiler"), ts, data), {}, sample);
    }
    for (int i = 1; i <= 3; ++i) {
        const QString meter = QStringLiteral("Meter %1").arg(i);
        const double power = round2(3.0 + 1.5 * std::sin(m_phase / 2 + i));
        const double voltage = round2(230.0 + 2.0 * std::cos(m_phase + i));
        QString error;
        const QByteArray value = avroMeter(meter, ts, power, voltage, &error);
        if (value.isEmpty())
            continue;
        produce(QLatin1String(kAvroTopic), meter, value, {},
                QJsonObject{{QStringLiteral("device"), meter}, {QStringLiteral("ts"), ts},
                            {QStringLiteral("power"), power}, {QStringLiteral("voltage"), voltage}});
    }
}

void FormatSimulator::run(std::stop_token stop)
{
    std::mutex mutex;
    std::condition_variable_any wake;
    while (!stop.stop_requested()) {
        if (m_running.load())
            tick(QDateTime::currentMSecsSinceEpoch());
        rd_kafka_poll(m_enc->producer.get(), 0); // delivery reports
        std::unique_lock lock(mutex);
        wake.wait_for(lock, stop, std::chrono::seconds(1), [] { return false; });
    }
}

} // namespace kafkascope
