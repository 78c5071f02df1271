// Decode throughput of registry-framed Avro and Protobuf records against the JSON decoder on
// the same logical data (one telemetry reading: device, temperature, humidity, ts): decode to
// JSON text alone, and the whole telemetry path (decode + the telemetry decoder's points).
// Schemas come from a pre-seeded disk cache, as after a first fetch: no network in the loop.
// A warm-up round is run and printed but not counted. Prints `key: value` lines.

#include "decoding/payload_decoder.h"
#include "decoding/proto_schema.h"
#include "decoding/schema_registry_client.h"
#include "decoding/telemetry_payload.h"
#include "telemetry/telemetry_decoder.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <avro.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <cstdio>
#include <thread>

using namespace kafkascope;

namespace {

constexpr char kAvroSchema[] = R"({"type":"record","name":"Reading","namespace":"bench","fields":[
  {"name":"device","type":"string"},{"name":"temperature","type":"double"},
  {"name":"humidity","type":"double"},{"name":"ts","type":"long"}]})";
constexpr char kProtoSchema[] = R"(syntax = "proto3";
package bench;
message Reading { string device = 1; double temperature = 2; double humidity = 3; int64 ts = 4; })";

struct Reading
{
    std::string device;
    double temperature, humidity;
    qint64 ts;
};

std::string framed(int id, const std::string &payload, bool protobuf)
{
    std::string out(5, '\0');
    out[1] = char(id >> 24), out[2] = char(id >> 16), out[3] = char(id >> 8), out[4] = char(id);
    if (protobuf)
        out.push_back('\0'); // message indexes [0]
    return out + payload;
}

std::vector<std::string> encodeJson(const std::vector<Reading> &rs)
{
    std::vector<std::string> out;
    char buf[256];
    for (const Reading &r : rs) {
        std::snprintf(buf, sizeof buf, R"({"device":"%s","temperature":%.17g,"humidity":%.17g,"ts":%lld})", r.device.c_str(),
                      r.temperature, r.humidity, static_cast<long long>(r.ts));
        out.emplace_back(buf);
    }
    return out;
}

std::vector<std::string> encodeAvro(const std::vector<Reading> &rs)
{
    avro_schema_t schema = nullptr;
    avro_schema_from_json_length(kAvroSchema, sizeof kAvroSchema - 1, &schema);
    avro_value_iface_t *iface = avro_generic_class_from_schema(schema);
    avro_value_t record;
    avro_generic_value_new(iface, &record);
    std::vector<std::string> out;
    char buf[256];
    avro_writer_t writer = avro_writer_memory(buf, sizeof buf);
    for (const Reading &r : rs) {
        avro_value_t field;
        avro_value_get_by_index(&record, 0, &field, nullptr);
        avro_value_set_string_len(&field, r.device.c_str(), r.device.size() + 1);
        avro_value_get_by_index(&record, 1, &field, nullptr);
        avro_value_set_double(&field, r.temperature);
        avro_value_get_by_index(&record, 2, &field, nullptr);
        avro_value_set_double(&field, r.humidity);
        avro_value_get_by_index(&record, 3, &field, nullptr);
        avro_value_set_long(&field, r.ts);
        avro_writer_reset(writer);
        avro_value_write(writer, &record);
        out.push_back(framed(1, std::string(buf, size_t(avro_writer_tell(writer))), false));
    }
    avro_writer_free(writer);
    avro_value_decref(&record);
    avro_value_iface_decref(iface);
    avro_schema_decref(schema);
    return out;
}

std::vector<std::string> encodeProtobuf(const std::vector<Reading> &rs)
{
    namespace gp = google::protobuf;
    ProtoSchema schema;
    QString error;
    schema.loadText(QByteArray(kProtoSchema), {}, &error);
    const gp::Descriptor *type = schema.findMessage(QStringLiteral("bench.Reading"), &error);
    std::vector<std::string> out;
    for (const Reading &r : rs) {
        auto m = schema.parse(type, {}, &error);
        const gp::Reflection *ref = m->GetReflection();
        ref->SetString(m.get(), type->FindFieldByName("device"), r.device);
        ref->SetDouble(m.get(), type->FindFieldByName("temperature"), r.temperature);
        ref->SetDouble(m.get(), type->FindFieldByName("humidity"), r.humidity);
        ref->SetInt64(m.get(), type->FindFieldByName("ts"), r.ts);
        out.push_back(framed(2, m->SerializeAsString(), true));
    }
    return out;
}

void seedCache(const SchemaRegistryClient &client)
{
    QDir().mkpath(client.cacheFolder());
    const auto write = [&](int id, const char *type, const char *text) {
        QFile f(client.cacheFolder() + QStringLiteral("/%1.json").arg(id));
        f.open(QIODevice::WriteOnly);
        f.write(QJsonDocument(QJsonObject{{QStringLiteral("schemaType"), QString::fromLatin1(type)},
                                          {QStringLiteral("schema"), QString::fromLatin1(text)}})
                    .toJson());
    };
    write(1, "AVRO", kAvroSchema);
    write(2, "PROTOBUF", kProtoSchema);
}

struct Figures
{
    double decodePerSec = 0, telemetryPerSec = 0;
    qint64 points = 0, errors = 0;
};

Figures measure(const std::vector<std::string> &records, DecoderKind kind, std::shared_ptr<SchemaRegistryClient> registry)
{
    Figures f;
    DecoderChoice choice;
    choice.kind = kind;
    {
        PayloadDecoder decoder(registry);
        DecodedPayload out;
        QElapsedTimer t;
        t.start();
        for (const std::string &r : records)
            if (!decoder.decode(r, choice, &out))
                ++f.errors;
        f.decodePerSec = double(records.size()) / (double(t.nsecsElapsed()) / 1e9);
    }
    {
        TelemetryPayload payload(registry);
        DecoderOptions options;
        options.format = TelemetryFormat::Device;
        options.deviceSource = DeviceSource::JsonField;
        options.deviceField = QStringLiteral("device");
        TelemetryDecoder decoder(options);
        DecodedBatch batch;
        QElapsedTimer t;
        t.start();
        for (size_t i = 0; i < records.size(); ++i) {
            if (i % 4096 == 0)
                batch.clear(); // the ingest's batch size
            RawMessage raw;
            raw.value = records[i];
            raw.kafkaTimestampMs = 1;
            payload.prepare(choice, {}, raw);
            if (!decoder.decode(raw, batch))
                ++f.errors;
        }
        f.telemetryPerSec = double(records.size()) / (double(t.nsecsElapsed()) / 1e9);
        f.points = qint64(batch.points().size());
    }
    return f;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? std::atoi(argv[1]) : 200000;
    std::vector<Reading> readings;
    readings.reserve(size_t(count));
    for (int i = 0; i < count; ++i)
        readings.push_back({"sensor-" + std::to_string(i % 50), 20.0 + (i % 1000) * 0.01, 40.0 + (i % 300) * 0.1,
                            1764547200000 + i});
    const auto json = encodeJson(readings);
    const auto avro = encodeAvro(readings);
    const auto proto = encodeProtobuf(readings);
    size_t jsonBytes = 0, avroBytes = 0, protoBytes = 0;
    for (int i = 0; i < count; ++i)
        jsonBytes += json[size_t(i)].size(), avroBytes += avro[size_t(i)].size(), protoBytes += proto[size_t(i)].size();

    QTemporaryDir cache;
    RegistryEndpoint endpoint;
    endpoint.url = QStringLiteral("http://127.0.0.1:9/never-asked"); // the disk cache answers
    auto registry = std::make_shared<SchemaRegistryClient>(endpoint, cache.path());
    seedCache(*registry);

    std::printf("records: %d\n", count);
    std::printf("bytes_per_record_json: %.1f\nbytes_per_record_avro: %.1f\nbytes_per_record_protobuf: %.1f\n",
                double(jsonBytes) / count, double(avroBytes) / count, double(protoBytes) / count);
    // Decoding runs on consume threads, never the UI thread (the registry client refuses it).
    std::thread worker([&] {
        for (int round = 0; round < 2; ++round) {
            const Figures j = measure(json, DecoderKind::Json, registry);
            const Figures a = measure(avro, DecoderKind::AvroRegistry, registry);
            const Figures p = measure(proto, DecoderKind::ProtobufRegistry, registry);
            const char *tag = round == 0 ? "warmup_" : "";
            std::printf("%sjson_decode_per_s: %.0f\n%savro_decode_per_s: %.0f\n%sprotobuf_decode_per_s: %.0f\n", tag,
                        j.decodePerSec, tag, a.decodePerSec, tag, p.decodePerSec);
            std::printf("%sjson_telemetry_per_s: %.0f\n%savro_telemetry_per_s: %.0f\n%sprotobuf_telemetry_per_s: %.0f\n", tag,
                        j.telemetryPerSec, tag, a.telemetryPerSec, tag, p.telemetryPerSec);
            if (round == 1) {
                std::printf("avro_vs_json_decode: %.2f\nprotobuf_vs_json_decode: %.2f\n", a.decodePerSec / j.decodePerSec,
                            p.decodePerSec / j.decodePerSec);
                std::printf("avro_vs_json_telemetry: %.2f\nprotobuf_vs_json_telemetry: %.2f\n",
                            a.telemetryPerSec / j.telemetryPerSec, p.telemetryPerSec / j.telemetryPerSec);
                std::printf("decode_errors: %lld\n", static_cast<long long>(j.errors + a.errors + p.errors));
                std::printf("registry_requests: %d\n", registry->requestCount());
            }
        }
    });
    worker.join();
    return 0;
}
