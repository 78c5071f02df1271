#pragma once
// What integration tests share: the real broker started by the ctest fixture, and the
// independent clients (kcat, confluent-kafka in the test venv) whose view we check ours against.

#include "profiles/connection_profile.h"
#include "topics/admin_result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace kafkascope::testing {

// The whole suite also runs under AddressSanitizer + UBSan (the asan preset, a Debug build),
// several times slower than the ci preset. Bounds on time are checked by the ci preset's run;
// under a sanitizer they only widen by this factor, so the memory checks still see every path.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitized = true;
inline constexpr double kTimingSlack = 6.0;
#else
inline constexpr bool kSanitized = false;
inline constexpr double kTimingSlack = 1.0;
#endif

struct ProcessResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool ok() const { return exitCode == 0; }
};

// Runs a program to completion (bounded by timeoutMs), feeding `input` on stdin.
ProcessResult run(const QString &program, const QStringList &args, const QByteArray &input = {},
                  int timeoutMs = 60000);

// The base URL of the schema_registry fixture's registry (KAFKASCOPE_REGISTRY_DIR/url); empty
// when the test does not require that fixture.
QString registryUrl();
// The ThingsBoard-shaped .proto files (tb_queue.proto, tb_msg.proto): the demo's own, which the
// app ships as resources (app/core/demo/proto).
QString thingsBoardProtoDir();
// The fixture's broker ("127.0.0.1:PORT"); empty, with a QSKIP-able reason, when no
// fixture runs (KAFKASCOPE_BROKER_DIR unset).
QString brokerBootstrap(QString *whyMissing = nullptr);
// The fixture broker's SASL_PLAINTEXT listener: user "alice", password "alice-secret",
// mechanisms PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512.
QString saslBootstrap();
// Stops/starts the fixture broker through tests/broker/kafka-broker.sh (same port).
bool stopBroker(QString *error = nullptr);
bool startBroker(QString *error = nullptr);

ConnectionProfile brokerProfile(const QString &name = QStringLiteral("test broker"));
QString uniqueName(const QString &prefix); // "prefix.<random>"

// kcat's metadata JSON (kcat -L -J).
QJsonDocument kcatMetadata(const QString &bootstrap, const QString &topic = {});
// Every record of `topic` as kcat reads it to the end (kcat -C -e -J), one object each.
QList<QJsonObject> kcatRecords(const QString &bootstrap, const QString &topic);
// Python with confluent_kafka: runs `code` with `bootstrap` in sys.argv[1], plus extra args.
// The interpreter with confluent-kafka that tests use as an independent client.
QString testPython();
ProcessResult python(const QString &code, const QStringList &args = {}, int timeoutMs = 60000);
// Kafka's own kafka-configs (ConfigCommand) of the fixture broker's version, run with java from
// the cached jars: an independent client. Kafka 4 moved it from the broker's jars into
// kafka-tools (kafkaTool() in modern_groups.h runs the others).
ProcessResult kafkaConfigCommand(const QStringList &args, int timeoutMs = 120000);
// One entry of `kafka-configs --describe` ("  name=value sensitive=false synonyms={...}").
struct JavaConfigEntry
{
    QString value;  // "null" where Kafka has no value to show (sensitive, unset)
    bool sensitive = false;
    QString source; // the first synonym's source (STATIC_BROKER_CONFIG, ...); DEFAULT_CONFIG if none
};
// kafka-configs --describe of one entity (e.g. {"--entity-type", "brokers", "--entity-name",
// "1", "--all"}) on the fixture broker, by name; empty with *error when the tool failed.
QHash<QString, JavaConfigEntry> kafkaConfigsDescribe(const QStringList &entity, QString *error);
// Kafka's name for where a config value comes from, as kafka-configs prints it.
QString kafkaSourceName(ConfigEntry::Source source);
// The cluster id the fixture broker's storage was formatted with (its meta.properties).
QString brokerClusterId();
bool createTopic(const QString &bootstrap, const QString &topic, int partitions,
                 QString *error = nullptr, const QStringList &configs = {});
bool deleteTopic(const QString &bootstrap, const QString &topic);

} // namespace kafkascope::testing
