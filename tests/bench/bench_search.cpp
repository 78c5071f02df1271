// On-demand benchmark of the message browser's filter scan (run by tests/bench/search.sh):
//   bench_search produce BOOTSTRAP TOPIC COUNT       device JSON, 500 devices; 1 in 1,000 an
//                                                    alarm at 30-40 degrees, 1 in 2,000 more
//                                                    just hot (so the two filters differ)
//   bench_search scan BOOTSTRAP TOPIC value TEXT     the filter bar's value substring
//   bench_search scan BOOTSTRAP TOPIC json COND      the filter bar's JSON field condition
//   bench_search cancel BOOTSTRAP TOPIC              how long a scan takes to end when cancelled
//                                                    at its first progress report
// A scan runs MessageBrowser::scan, the code behind the filter bar, over the whole topic and
// prints scan_seconds, scan_scanned, scan_matched and the progress reports it got.

#include "bench_produce.h"
#include "jobs/job_runner.h"
#include "messages/message_browser.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>

#include <cstdio>

using namespace kafkascope;

namespace {

constexpr int kMaxMatches = 10000; // what the browser panel keeps (browser_panel.cpp)

// Alarms (status "alarm", 30-40 degrees) every 1,000th message and plain hot readings every
// 2,000th: `alarm` matches 1 in 1,000, `values.temperature > 30` 1.5 in 1,000; otherwise
// 18.00-29.99 degrees. grep can count both with a fixed string and a regex.
void deviceMessage(qint64 i, qint64 t0, QByteArray *key, QByteArray *value)
{
    const bool alarm = i % 1000 == 7;
    const bool hot = alarm || i % 2000 == 1003;
    const double temperature = hot ? 30.5 + double(i % 90) * 0.1 : 18.0 + double(i % 1200) * 0.01;
    const int device = int(i % 500);
    *key = "meter-" + QByteArray::number(device).rightJustified(4, '0');
    *value = "{\"device\":\"" + *key + "\",\"ts\":" + QByteArray::number(t0 + i) + ",\"values\":{\"temperature\":"
             + QByteArray::number(temperature, 'f', 2) + ",\"humidity\":" + QByteArray::number(40.0 + double(i % 50) * 0.1, 'f', 1)
             + ",\"battery\":" + QByteArray::number(100 - i % 60) + ",\"rssi\":" + QByteArray::number(-70 - i % 20)
             + "},\"status\":\"" + (alarm ? "alarm" : "ok") + "\"}";
}

// The whole topic, as the browser resolves it when opened from the beginning.
QList<PartitionRange> wholeTopic(MessageBrowser &browser, const QString &topic, QString *error)
{
    QList<PartitionRange> ranges;
    QEventLoop loop;
    QObject::connect(&browser, &MessageBrowser::opened, &loop, [&](quint64, const QString &, const RangeLookup &lookup) {
        ranges = lookup.ranges;
        *error = lookup.error;
        loop.quit();
    });
    browser.open(1, topic, {}, {StartPosition::Beginning, 0});
    loop.exec();
    return ranges;
}

int scan(const QString &bootstrap, const QString &topic, const QString &kind, const QString &pattern, bool cancelEarly)
{
    MessageBrowser browser(benchProfile(bootstrap));
    QString error;
    const QList<PartitionRange> ranges = wholeTopic(browser, topic, &error);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "open: %s\n", qPrintable(error));
        return 1;
    }
    MessageFilter filter;
    (kind == u"json" ? filter.json : filter.value) = pattern;
    QEventLoop loop;
    QElapsedTimer timer, sinceCancel;
    qint64 scanned = 0, matched = 0, progressReports = 0;
    bool cancelled = false, truncated = false;
    QObject::connect(&browser, &MessageBrowser::scanProgress, &loop, [&](quint64, qint64, qint64, qint64) {
        if (++progressReports == 1 && cancelEarly) { // mid-scan, as a user pressing Cancel would
            sinceCancel.start();
            browser.cancelScan();
        }
    });
    QObject::connect(&browser, &MessageBrowser::scanFinished, &loop,
                     [&](quint64, const QList<KafkaMessage> &matches, qint64 n, bool c, bool t, const QString &e) {
                         matched = matches.size();
                         scanned = n;
                         cancelled = c;
                         truncated = t;
                         error = e;
                         loop.quit();
                     });
    timer.start();
    browser.scan(2, topic, ranges, filter, kMaxMatches);
    loop.exec();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (!error.isEmpty()) {
        std::fprintf(stderr, "scan: %s\n", qPrintable(error));
        return 1;
    }
    if (cancelEarly && !sinceCancel.isValid()) {
        std::printf("search_cancel_ms: - (the scan ended before its first progress report)\n");
        return 0;
    }
    if (cancelEarly) {
        std::printf("search_cancel_ms: %.1f (scanned %lld before stopping)\n", double(sinceCancel.nsecsElapsed()) / 1e6,
                    scanned);
        return cancelled ? 0 : 1;
    }
    if (truncated) {
        std::fprintf(stderr, "scan: more than %d matches; the figure would not cover the whole topic\n", kMaxMatches);
        return 1;
    }
    std::printf("scan_seconds: %.3f\n", seconds);
    std::printf("scan_scanned: %lld\n", scanned);
    std::printf("scan_matched: %lld\n", matched);
    std::printf("scan_msgs_per_s: %.0f\n", double(scanned) / seconds);
    std::printf("scan_progress_reports: %lld\n", progressReports);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    int rc = 2;
    {
        QCoreApplication app(argc, argv);
        const QStringList args = app.arguments();
        const QString mode = args.value(1);
        if (mode == u"produce" && args.size() == 5) {
            const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - args[4].toLongLong();
            rc = produceBenchMessages(args[2], args[3], args[4].toLongLong(),
                                      [t0](qint64 i, QByteArray *key, QByteArray *value) { deviceMessage(i, t0, key, value); });
        } else if (mode == u"scan" && args.size() == 6 && (args[4] == u"value" || args[4] == u"json")) {
            rc = scan(args[2], args[3], args[4], args[5], false);
        } else if (mode == u"cancel" && args.size() == 4) {
            rc = scan(args[2], args[3], QStringLiteral("value"), QStringLiteral("no such text"), true);
        } else {
            std::fprintf(stderr, "usage: bench_search produce|scan|cancel BOOTSTRAP TOPIC ...\n");
        }
    }
    // The browser's jobs end by themselves once cut loose; give them the app's quit budget.
    JobRunner::waitForAll(2000);
    return rc;
}
