// Benchmark: replay 1,000,000 records (~200 bytes, keys, a header) topic -> topic with the
// replay engine, then the same copy with `kcat -C | kcat -P`; and the time to open a page of
// 500 records in the middle of the 1,000,000-record partition with a fresh reader.
// Usage: replay BOOTSTRAP [COUNT]

#include "kafka_config.h"
#include "message_reader.h"
#include "replay_job.h"
#include "test_support.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <cstdio>

using namespace kafkascope;
using namespace kafkascope::testing;

namespace {

bool fill(const ConnectionProfile &profile, const QString &topic, qint64 count)
{
    QString error;
    KafkaPtr rk = makeKafkaClient(profile, RD_KAFKA_PRODUCER,
                                  {{QStringLiteral("linger.ms"), QStringLiteral("50")},
                                   {QStringLiteral("batch.size"), QStringLiteral("1000000")},
                                   {QStringLiteral("queue.buffering.max.messages"), QStringLiteral("1000000")}},
                                  &error);
    if (!rk) {
        std::fprintf(stderr, "producer: %s\n", qPrintable(error));
        return false;
    }
    const QByteArray name = topic.toUtf8();
    QByteArray value(170, 'x');
    for (qint64 i = 0; i < count; ++i) {
        const QByteArray key = "device-" + QByteArray::number(i % 5000);
        const QByteArray v = QByteArray::number(i).rightJustified(10, '0') + value;
        rd_kafka_headers_t *h = rd_kafka_headers_new(1);
        rd_kafka_header_add(h, "source", -1, "bench", 5);
        while (rd_kafka_producev(rk.get(), RD_KAFKA_V_TOPIC(name.constData()), RD_KAFKA_V_PARTITION(0),
                                 RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_KEY(key.constData(), size_t(key.size())),
                                 RD_KAFKA_V_VALUE(const_cast<char *>(v.constData()), size_t(v.size())),
                                 RD_KAFKA_V_HEADERS(h), RD_KAFKA_V_END)
               == RD_KAFKA_RESP_ERR__QUEUE_FULL)
            rd_kafka_poll(rk.get(), 10);
        rd_kafka_poll(rk.get(), 0);
    }
    return rd_kafka_flush(rk.get(), 120000) == RD_KAFKA_RESP_ERR_NO_ERROR;
}

qint64 highWatermark(const ConnectionProfile &profile, const QString &topic)
{
    MessageReader reader(profile);
    const RangeLookup r = reader.resolve(topic, {0}, {});
    return r.ok() ? r.ranges.first().end : -1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: replay BOOTSTRAP [COUNT]\n");
        return 2;
    }
    const QString bootstrap = args[1];
    const qint64 count = args.size() > 2 ? args[2].toLongLong() : 1000000;
    ConnectionProfile profile;
    profile.id = QStringLiteral("bench");
    profile.name = QStringLiteral("bench");
    profile.bootstrapServers = bootstrap;

    const QString src = uniqueName(QStringLiteral("bench.src"));
    const QString dst = uniqueName(QStringLiteral("bench.replay"));
    const QString kdst = uniqueName(QStringLiteral("bench.kcat"));
    QString error;
    for (const QString &t : {src, dst, kdst})
        if (!createTopic(bootstrap, t, 1, &error)) {
            std::fprintf(stderr, "create %s: %s\n", qPrintable(t), qPrintable(error));
            return 1;
        }
    QElapsedTimer t;
    t.start();
    if (!fill(profile, src, count))
        return 1;
    std::printf("filled %lld records of ~200 bytes in %.1f s\n", count, double(t.elapsed()) / 1000.0);

    // Replay engine: keeps keys, headers, timestamps and partitions, idempotent producer.
    ReplayRequest req;
    req.source = profile;
    req.target = profile;
    req.sourceTopic = src;
    req.targetTopic = dst;
    req.ranges = {{0, 0, count, {}}};
    std::atomic_bool cancel = false;
    t.restart();
    const ReplayReport report = runReplay(req, {}, cancel);
    const double replaySecs = double(t.elapsed()) / 1000.0;
    if (!report.complete()) {
        std::fprintf(stderr, "replay failed: %s\n", qPrintable(report.summary()));
        return 1;
    }
    const double replayRate = double(report.acked) / replaySecs;
    std::printf("replay: %lld records in %.2f s = %.0f msg/s (target holds %lld)\n", report.acked, replaySecs,
                replayRate, highWatermark(profile, dst));

    // kcat pipe: values only, newline-delimited (keys, headers and timestamps are lost).
    t.restart();
    QProcess sh;
    sh.start(QStringLiteral("bash"),
             {QStringLiteral("-c"),
              QStringLiteral("kcat -C -e -q -b %1 -t %2 -o beginning | kcat -P -b %1 -t %3").arg(bootstrap, src, kdst)});
    sh.waitForFinished(-1);
    const double kcatSecs = double(t.elapsed()) / 1000.0;
    const qint64 kcatCount = highWatermark(profile, kdst);
    const double kcatRate = double(kcatCount) / kcatSecs;
    std::printf("kcat pipe: %lld records in %.2f s = %.0f msg/s\n", kcatCount, kcatSecs, kcatRate);
    std::printf("replay_msgs_per_s: %.0f\n", replayRate);
    std::printf("kcat_msgs_per_s: %.0f\n", kcatRate);
    std::printf("replay_vs_kcat: %.2f\n", kcatRate > 0 ? replayRate / kcatRate : 0.0);

    // Browse: a fresh reader (as the panel opens) fetching 500 records in the middle.
    t.restart();
    MessageReader reader(profile);
    const QList<KafkaMessage> page = reader.fetch(src, 0, count / 2, count / 2 + 500, 500, &error);
    const qint64 browseMs = t.elapsed();
    if (page.size() != 500) {
        std::fprintf(stderr, "browse got %lld records: %s\n", qint64(page.size()), qPrintable(error));
        return 1;
    }
    std::printf("browse_first_page_ms: %lld\n", browseMs);
    for (const QString &topic : {src, dst, kdst})
        deleteTopic(bootstrap, topic);
    return 0;
}
