// Offsets benchmark: reads the low and high watermarks of every partition of the topics
// named PREFIX* on a real broker, batched per leader (queryWatermarks, what the app's
// poller uses) and one partition at a time (rd_kafka_query_watermark_offsets, the
// baseline). Prints wall time and requests per refresh of each, requests counted by
// librdkafka's own statistics (per-broker ListOffsets request counters).
//
//   bench_offsets BOOTSTRAP PREFIX [REFRESHES]

#include "kafka/kafka_config.h"
#include "kafka/kafka_handles.h"
#include "kafka/metadata_reader.h"
#include "kafka/partition_offsets.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <librdkafka/rdkafka.h>

using namespace kafkascope;

namespace {

QMutex g_statsMutex;
QByteArray g_stats;
int g_statsCount = 0;

int onStats(rd_kafka_t *, char *json, size_t len, void *)
{
    QMutexLocker lock(&g_statsMutex);
    g_stats = QByteArray(json, qsizetype(len));
    ++g_statsCount;
    return 0;
}

// ListOffsets and Metadata requests sent so far, from a statistics report at least two
// intervals newer than the call (so it covers everything the call sent).
QPair<qint64, qint64> requestsSoFar(rd_kafka_t *rk)
{
    int seen;
    {
        QMutexLocker lock(&g_statsMutex);
        seen = g_statsCount;
    }
    for (;;) {
        rd_kafka_poll(rk, 50);
        QMutexLocker lock(&g_statsMutex);
        if (g_statsCount >= seen + 2)
            break;
    }
    QMutexLocker lock(&g_statsMutex);
    const QJsonObject brokers = QJsonDocument::fromJson(g_stats).object().value(u"brokers").toObject();
    qint64 listOffsets = 0, metadata = 0;
    for (auto it = brokers.begin(); it != brokers.end(); ++it) {
        const QJsonObject req = it.value().toObject().value(u"req").toObject();
        listOffsets += req.value(u"ListOffsets").toInteger();
        metadata += req.value(u"Metadata").toInteger();
    }
    return {listOffsets, metadata};
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: bench_offsets BOOTSTRAP PREFIX [REFRESHES]\n");
        return 2;
    }
    const QString bootstrap = args[1], prefix = args[2];
    const int refreshes = args.size() > 3 ? args[3].toInt() : 5;

    ConnectionProfile profile;
    profile.name = QStringLiteral("bench");
    profile.bootstrapServers = bootstrap;
    QString error;
    ConfPtr conf = makeKafkaConf(kafkaProperties(profile), {{QStringLiteral("statistics.interval.ms"), QStringLiteral("100")}},
                                 &error);
    if (!conf) {
        std::fprintf(stderr, "config: %s\n", qPrintable(error));
        return 1;
    }
    char errstr[512];
    rd_kafka_conf_set_stats_cb(conf.get(), onStats);
    KafkaPtr rk(rd_kafka_new(RD_KAFKA_PRODUCER, conf.release(), errstr, sizeof errstr));
    if (!rk) {
        std::fprintf(stderr, "client: %s\n", errstr);
        return 1;
    }

    const MetadataResult md = readMetadata(rk.get(), 30000);
    if (!md.ok) {
        std::fprintf(stderr, "metadata: %s\n", qPrintable(md.error));
        return 1;
    }
    QList<TopicPartition> partitions;
    for (const TopicInfo &t : md.snapshot.topics)
        if (t.name.startsWith(prefix))
            for (const PartitionInfo &p : t.partitions)
                partitions.append({t.name, p.id});
    std::printf("partitions: %lld in topics %s* on %lld broker(s)\n", qlonglong(partitions.size()),
                qPrintable(prefix), qlonglong(md.snapshot.brokers.size()));

    // Warm-up: connections and leader cache, as a running app has them. Right after the
    // topics were created, leadership may still be settling (NOT_LEADER_FOR_PARTITION).
    QElapsedTimer settle;
    settle.start();
    for (;;) {
        const OffsetLookup warm = queryWatermarks(rk.get(), partitions, 60000);
        if (warm.ok)
            break;
        if (settle.elapsed() > 120000) {
            std::fprintf(stderr, "watermarks: %s\n", qPrintable(warm.error));
            return 1;
        }
        QThread::msleep(500);
    }

    QList<double> batchedMs;
    qint64 batchedRequests = 0, batchedMetadata = 0;
    for (int i = 0; i < refreshes; ++i) {
        const auto before = requestsSoFar(rk.get());
        QElapsedTimer clock;
        clock.start();
        const OffsetLookup r = queryWatermarks(rk.get(), partitions, 60000);
        batchedMs << double(clock.nsecsElapsed()) / 1e6;
        const auto after = requestsSoFar(rk.get());
        if (!r.ok) {
            std::fprintf(stderr, "watermarks: %s\n", qPrintable(r.error));
            return 1;
        }
        batchedRequests += after.first - before.first;
        batchedMetadata += after.second - before.second;
    }

    // Baseline: one partition at a time (each call sends its own ListOffsets requests).
    const auto before = requestsSoFar(rk.get());
    QElapsedTimer clock;
    clock.start();
    int failures = 0;
    for (const TopicPartition &tp : std::as_const(partitions)) {
        int64_t low = 0, high = 0;
        if (rd_kafka_query_watermark_offsets(rk.get(), tp.topic.toUtf8().constData(), tp.partition, &low, &high, 10000))
            ++failures;
    }
    const double singleMs = double(clock.nsecsElapsed()) / 1e6;
    const auto after = requestsSoFar(rk.get());
    const qint64 singleRequests = after.first - before.first;

    const double perRefresh = double(batchedRequests) / refreshes;
    std::printf("batched_refresh_ms: %.1f (median of %d)\n", median(batchedMs), refreshes);
    std::printf("batched_requests_per_refresh: %.1f ListOffsets (+%.1f Metadata)\n", perRefresh,
                double(batchedMetadata) / refreshes);
    std::printf("per_partition_refresh_ms: %.1f\n", singleMs);
    std::printf("per_partition_requests_per_refresh: %lld ListOffsets (%d failed calls)\n", qlonglong(singleRequests),
                failures);
    std::printf("offsets_time_ratio: %.1f\n", median(batchedMs) > 0 ? singleMs / median(batchedMs) : 0.0);
    std::printf("offsets_requests_ratio: %.1f\n", perRefresh > 0 ? double(singleRequests) / perRefresh : 0.0);
    return 0;
}
