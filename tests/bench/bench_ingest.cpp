// On-demand benchmark of the telemetry path (run by tests/bench/ingest.sh):
//   bench_ingest produce BOOTSTRAP TOPIC COUNT   1 M gateway messages, 50 devices x 4 keys
//   bench_ingest ingest  BOOTSTRAP TOPIC         the panel's ingest pipeline, headless, to the end
//   bench_ingest raw     BOOTSTRAP TOPIC         the reference: a bare librdkafka consumer with the
//                                                pipeline's fetch settings that only counts
//                                                messages, batch-consumed, to the end
//   bench_ingest decode                          decoder alone, in memory
//   bench_ingest replot                          20 series x 100,000 points, 1280x720 offscreen
//                                                (phFastPolylines off, then on): the same frame
//                                                again, then panned by a pixel each frame
//   bench_ingest stall   BOOTSTRAP TOPIC         worst UI event-loop stall while the panel ingests
// Each prints "name: value" lines.

#include "bench_produce.h"
#include "cluster/cluster_session.h"
#include "kafka/kafka_config.h"
#include "kafka/kafka_handles.h"
#include "telemetry/telemetry_chart_view.h"
#include "telemetry/telemetry_decoder.h"
#include "telemetry/telemetry_ingest.h"
#include "telemetry/telemetry_panel.h"
#include "telemetry/telemetry_store.h"
#include "time_chart.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <qcustomplot.h>

#include <algorithm>
#include <cstdio>
#include <librdkafka/rdkafka.h>

using namespace kafkascope;

namespace {

constexpr int kDevices = 50;

QByteArray gatewayMessage(int device, qint64 ts, int i)
{
    return QStringLiteral(R"({"Sensor %1":[{"ts":%2,"values":{"temperature":%3,"humidity":%4,"battery":%5,"rssi":%6}}]})")
        .arg(device, 2, 10, QLatin1Char('0'))
        .arg(ts)
        .arg(20.0 + (i % 100) * 0.01, 0, 'f', 2)
        .arg(40.0 + (i % 50) * 0.1, 0, 'f', 1)
        .arg(100.0 - (i % 1000) * 0.01, 0, 'f', 2)
        .arg(-70 - i % 20)
        .toUtf8();
}

int produce(const QString &bootstrap, const QString &topic, int count)
{
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - count; // one ms apart, in the past
    return produceBenchMessages(bootstrap, topic, count, [t0](qint64 i, QByteArray *key, QByteArray *value) {
        const int device = 1 + int(i % kDevices);
        *value = gatewayMessage(device, t0 + i, int(i));
        *key = QStringLiteral("Sensor %1").arg(device, 2, 10, QLatin1Char('0')).toUtf8();
    });
}

int ingest(const QString &bootstrap, const QString &topic)
{
    auto store = std::make_shared<TelemetryStore>();
    store->setRetention(1000000, 0);
    TelemetryIngest pipeline(benchProfile(bootstrap), store);
    IngestConfig c;
    c.topics = {topic};
    c.start = TelemetryStart::Beginning;
    c.stopAtEnd = true;
    QElapsedTimer timer;
    timer.start();
    pipeline.start(c);
    while (pipeline.status().active())
        QThread::msleep(5);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const IngestStatus st = pipeline.status();
    if (st.state != IngestStatus::State::Finished) {
        std::fprintf(stderr, "ingest did not finish: %s\n", qPrintable(st.message));
        return 1;
    }
    const StoreTotals t = store->totals();
    std::printf("ingest_messages: %lld\n", st.messages);
    std::printf("ingest_seconds: %.3f\n", seconds);
    std::printf("ingest_msgs_per_s: %.0f\n", double(st.messages) / seconds);
    std::printf("ingest_MB_per_s: %.1f\n", double(st.bytes) / seconds / 1e6);
    std::printf("store_points: %zu\n", t.points);
    std::printf("store_bytes: %zu\n", t.bytes);
    std::printf("decode_errors: %lld\n", t.errors);
    std::printf("store_bytes_per_point: %.2f\n", double(t.bytes) / double(std::max<size_t>(t.points, 1)));
    return 0;
}

// What the pipeline would cost if consuming were all it did: the same client settings and
// start, batch-consumed from the consumer queue, messages counted and freed.
int raw(const QString &bootstrap, const QString &topic)
{
    KafkaProperties props{
        {QStringLiteral("group.id"), QStringLiteral("kafkascope-bench-raw")},
        {QStringLiteral("enable.auto.commit"), QStringLiteral("false")},
        {QStringLiteral("enable.partition.eof"), QStringLiteral("true")},
        {QStringLiteral("fetch.wait.max.ms"), QStringLiteral("100")},
    };
    props.append(bulkConsumerProperties());
    QString error;
    QElapsedTimer timer;
    timer.start();
    KafkaPtr rk = makeKafkaClient(benchProfile(bootstrap), RD_KAFKA_CONSUMER, props, &error);
    if (!rk) {
        std::fprintf(stderr, "raw consumer: %s\n", qPrintable(error));
        return 1;
    }
    rd_kafka_poll_set_consumer(rk.get());
    const QByteArray name = topic.toUtf8();
    const rd_kafka_metadata_t *md = nullptr;
    if (rd_kafka_metadata(rk.get(), 1, nullptr, &md, 10000) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        std::fprintf(stderr, "raw consumer: no metadata\n");
        return 1;
    }
    MetadataPtr metadata(md);
    PartitionListPtr list(rd_kafka_topic_partition_list_new(8));
    for (int i = 0; i < metadata->topic_cnt; ++i)
        if (name == metadata->topics[i].topic)
            for (int p = 0; p < metadata->topics[i].partition_cnt; ++p)
                rd_kafka_topic_partition_list_add(list.get(), name.constData(), metadata->topics[i].partitions[p].id)->offset =
                    RD_KAFKA_OFFSET_BEGINNING;
    int open = list->cnt;
    rd_kafka_assign(rk.get(), list.get());
    QueuePtr queue(rd_kafka_queue_get_consumer(rk.get()));
    std::vector<rd_kafka_message_t *> messages(10000);
    qint64 count = 0, bytes = 0;
    while (open > 0) {
        const ssize_t n = rd_kafka_consume_batch_queue(queue.get(), 100, messages.data(), messages.size());
        for (ssize_t i = 0; i < n; ++i) {
            rd_kafka_message_t *m = messages[size_t(i)];
            if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF)
                --open;
            else if (!m->err) {
                ++count;
                bytes += qint64(m->len);
            }
            rd_kafka_message_destroy(m);
        }
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("raw_messages: %lld\n", count);
    std::printf("raw_msgs_per_s: %.0f\n", double(count) / seconds);
    rd_kafka_consumer_close(rk.get());
    return 0;
}

int decode()
{
    constexpr int kMessages = 200000;
    std::vector<QByteArray> messages;
    messages.reserve(kMessages);
    size_t bytes = 0;
    for (int i = 0; i < kMessages; ++i) {
        messages.push_back(gatewayMessage(1 + i % kDevices, 1700000000000 + i, i));
        bytes += size_t(messages.back().size());
    }
    TelemetryDecoder decoder;
    DecodedBatch batch;
    QElapsedTimer timer;
    timer.start();
    size_t points = 0;
    for (int round = 0; round < 3; ++round)
        for (int i = 0; i < kMessages; ++i) {
            if (i % 4096 == 0) {
                points += batch.points().size();
                batch.clear();
            }
            RawMessage m;
            m.value = std::string_view(messages[size_t(i)].constData(), size_t(messages[size_t(i)].size()));
            m.kafkaTimestampMs = 1700000000000;
            decoder.decode(m, batch);
        }
    points += batch.points().size();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("decode_msgs_per_s: %.0f\n", 3.0 * kMessages / seconds);
    std::printf("decode_MB_per_s: %.1f\n", 3.0 * double(bytes) / seconds / 1e6);
    std::printf("decode_points: %zu\n", points);
    return 0;
}

int replot(bool fastPolylines)
{
    TimeChart chart;
    chart.plot()->setPlottingHint(QCP::phFastPolylines, fastPolylines);
    chart.resize(1280, 720);
    chart.setTimeWindow(0);
    constexpr int kSeries = 20, kPoints = 100000;
    std::vector<double> t(kPoints), v(kPoints);
    for (int p = 1; p < 4; ++p)
        chart.addPane();
    for (int s = 0; s < kSeries; ++s) {
        for (int i = 0; i < kPoints; ++i) {
            t[size_t(i)] = 1700000000.0 + i * 0.1;
            v[size_t(i)] = std::sin(i * 0.001 + s) * 10 + s + (i % 7) * 0.1;
        }
        chart.appendPoints(chart.addSeries(s % 4, QStringLiteral("series %1").arg(s)), t, v);
    }
    chart.show();
    QApplication::processEvents();
    chart.plot()->replot(QCustomPlot::rpImmediateRefresh); // warm-up
    constexpr int kFrames = 60; // the median of many: single frames swing with the machine's load
    std::vector<double> ms;
    for (int i = 0; i < kFrames; ++i) {
        QElapsedTimer timer;
        timer.start();
        chart.plot()->replot(QCustomPlot::rpImmediateRefresh);
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    const char *suffix = fastPolylines ? "_fast_polylines" : "";
    std::printf("replot%s_ms: %.1f\n", suffix, ms[ms.size() / 2]);
    std::printf("replot%s_worst_ms: %.1f\n", suffix, ms.back());
    // Panned by a pixel's worth of time per frame, as a followed live chart moves: nothing
    // drawn before can be reused.
    QCPAxis *time = chart.plot()->axisRect(0)->axis(QCPAxis::atBottom);
    ms.clear();
    for (int i = 0; i < kFrames; ++i) {
        QElapsedTimer timer;
        timer.start();
        const double pixel = time->range().size() / time->axisRect()->width();
        time->setRange(time->range().lower + pixel, time->range().upper + pixel);
        chart.plot()->replot(QCustomPlot::rpImmediateRefresh);
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("replot%s_pan_ms: %.1f\n", suffix, ms[ms.size() / 2]);
    std::printf("replot%s_pan_worst_ms: %.1f\n", suffix, ms.back());
    return 0;
}

int stall(const QString &bootstrap, const QString &topic)
{
    ClusterSession session(benchProfile(bootstrap)); // not started: the panel only needs its profile
    TelemetryPanel panel(&session);
    panel.resize(1280, 720);
    panel.show();
    for (int d = 1; d <= 4; ++d) {
        const QString device = QStringLiteral("Sensor %1").arg(d, 2, 10, QLatin1Char('0'));
        panel.chartView()->addKey(0, device, QStringLiteral("temperature"));
        panel.chartView()->addKey(d == 1 ? -1 : 1, device, QStringLiteral("humidity"));
    }
    qint64 worst = 0, worstAt = 0;
    QElapsedTimer sinceTick, total;
    QTimer tick;
    tick.setInterval(5);
    QObject::connect(&tick, &QTimer::timeout, &panel, [&] {
        const qint64 gap = sinceTick.restart();
        if (gap > worst) {
            worst = gap;
            worstAt = total.elapsed();
        }
    });
    panel.replayRange({topic}, 0, QDateTime::currentMSecsSinceEpoch());
    sinceTick.start();
    tick.start();
    total.start();
    // A real event loop, as the app's: between events the UI thread sleeps in poll() instead
    // of spinning through processEvents(), which made the scheduler treat it as CPU-bound.
    QEventLoop loop;
    QTimer done;
    done.setInterval(50);
    QObject::connect(&done, &QTimer::timeout, &loop, [&] {
        if ((!panel.ingest()->status().active() && total.elapsed() >= 500) || total.elapsed() >= 300000)
            loop.quit();
    });
    done.start();
    loop.exec();
    std::printf("stall_messages: %lld\n", panel.ingest()->status().messages);
    std::printf("stall_seconds: %.2f\n", double(total.elapsed()) / 1000.0);
    std::printf("ui_stall_worst_at_ms: %lld\n", worstAt);
    std::printf("ui_stall_ms: %lld\n", worst - 5);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString mode = args.value(1);
    if (mode == QLatin1String("produce") && args.size() == 5)
        return produce(args[2], args[3], args[4].toInt());
    if (mode == QLatin1String("ingest") && args.size() == 4)
        return ingest(args[2], args[3]);
    if (mode == QLatin1String("raw") && args.size() == 4)
        return raw(args[2], args[3]);
    if (mode == QLatin1String("decode"))
        return decode();
    if (mode == QLatin1String("replot")) // without QCustomPlot's fast polylines, then with them (as TimeChart sets)
        return replot(false) || replot(true);
    if (mode == QLatin1String("stall") && args.size() == 4)
        return stall(args[2], args[3]);
    std::fprintf(stderr, "usage: bench_ingest produce|ingest|raw|decode|replot|stall ...\n");
    return 2;
}
