#include "cluster/connection_tester.h"

#include "cluster/endpoint_probe.h"

#include "kafka/kafka_config.h"
#include "kafka/metadata_reader.h"
#include "jobs/job_runner.h"

#include <QElapsedTimer>
#include <QPromise>
#include <algorithm>
#include <librdkafka/rdkafka.h>

namespace kafkascope {

namespace {
// Collects librdkafka's error callbacks: they name the real cause (refused, TLS, auth).
struct ErrorSink
{
    QString last;
    static void callback(rd_kafka_t *, int, const char *reason, void *opaque)
    {
        static_cast<ErrorSink *>(opaque)->last = QString::fromUtf8(reason);
    }
};
} // namespace

QString ConnectionTestResult::summary() const
{
    if (!ok)
        return error;
    return QStringLiteral("Connected in %1 ms: %2 broker(s), %3 topic(s), cluster id %4, controller %5")
        .arg(elapsedMs)
        .arg(brokerCount)
        .arg(topicCount)
        .arg(clusterId.isEmpty() ? QStringLiteral("unknown") : clusterId,
             controllerId < 0 ? QStringLiteral("unknown") : QString::number(controllerId));
}

ConnectionTestResult testConnection(const ConnectionProfile &profile, int timeoutMs)
{
    ConnectionTestResult result;
    QElapsedTimer timer;
    timer.start();
    if (!profile.demo) {
        // librdkafka reports a refused port only after its timeout, a silent one as a bare
        // "transport failure" and an HTTP server as an absurd response size: look first.
        const QList<EndpointVerdict> verdicts = probeBootstrap(profile, timeoutMs);
        const bool any = std::any_of(verdicts.cbegin(), verdicts.cend(), [](const EndpointVerdict &v) { return v.reachable(); });
        if (!verdicts.isEmpty() && !any) {
            QStringList reasons;
            for (const EndpointVerdict &v : verdicts)
                reasons << v.message;
            result.error = reasons.join(QStringLiteral("; "));
            result.error[0] = result.error[0].toUpper();
            result.elapsedMs = timer.elapsed();
            return result;
        }
    }
    ErrorSink sink;
    QString error;
    KafkaPtr rk = makeKafkaClient(profile, RD_KAFKA_PRODUCER,
                                  {{QStringLiteral("log_level"), QStringLiteral("0")}}, &error,
                                  &sink, &ErrorSink::callback);
    if (!rk) {
        result.error = QStringLiteral("Invalid configuration: ") + error;
        return result;
    }
    const MetadataResult md = readMetadata(rk.get(), timeoutMs);
    rd_kafka_poll(rk.get(), 0); // deliver pending error callbacks into the sink
    result.elapsedMs = timer.elapsed();
    if (!md.ok) {
        result.error = md.error;
        if (!sink.last.isEmpty())
            result.error += QStringLiteral(" — ") + sink.last;
        return result;
    }
    result.ok = true;
    result.brokerCount = int(md.snapshot.brokers.size());
    result.topicCount = int(md.snapshot.topics.size());
    result.clusterId = md.snapshot.clusterId;
    result.controllerId = md.snapshot.controllerId;
    // The controller the brokers agree on; the metadata's answer stands where the cluster has
    // no DescribeCluster (the demo's mock).
    if (!profile.demo) {
        const ClusterDescription d = describeCluster(rk.get(), std::max(1000, int(timeoutMs - timer.elapsed())));
        if (d.ok && !d.clusterId.isEmpty())
            result.clusterId = d.clusterId;
        if (d.ok && d.controllerId >= 0)
            result.controllerId = d.controllerId;
    }
    result.elapsedMs = timer.elapsed();
    return result;
}

QFuture<ConnectionTestResult> testConnectionAsync(const ConnectionProfile &profile, int timeoutMs)
{
    // A job, not Qt's global pool: QCoreApplication's destructor waits for that pool, so a
    // test against a hung broker would hold up quitting for its whole timeout.
    auto promise = std::make_shared<QPromise<ConnectionTestResult>>();
    promise->start();
    QFuture<ConnectionTestResult> future = promise->future();
    JobRunner::shared().start(QStringLiteral("test connection"), 0, [profile, timeoutMs, promise](JobControl &) {
        promise->addResult(testConnection(profile, timeoutMs));
        promise->finish();
    });
    return future;
}

} // namespace kafkascope
