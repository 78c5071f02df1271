// How fast the topics panel's model takes a metadata snapshot and filters, at 5,000 topics
// (the reference) and 100,000 (issue 17's target): initial load, an unchanged refresh, a
// refresh where topics came, went and changed, then substring/regex filtering and sorting
// through the proxy. Each figure is the median of 3 rounds after a warm-up round, rounds
// printed. Prints one line per figure; run through scripts/bench.sh topic_model.

#include "models/topic_filter_proxy.h"
#include "models/topic_table_model.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTableView>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace kafkascope;

namespace {
QList<TopicInfo> makeTopics(int count, int partitions, int offset, int skipEvery)
{
    QList<TopicInfo> out;
    out.reserve(count);
    for (int i = 0; i < count; ++i) {
        if (skipEvery > 0 && i % skipEvery == 0)
            continue;
        TopicInfo t;
        t.name = QStringLiteral("tb.gateway-%1.telemetry").arg(i + offset, 6, 10, QLatin1Char('0'));
        for (int p = 0; p < partitions; ++p)
            t.partitions.append({p, p % 3, {0, 1, 2}, {0, 1, 2}, {}});
        out.append(t);
    }
    std::sort(out.begin(), out.end(), [](const TopicInfo &a, const TopicInfo &b) { return a.name < b.name; });
    return out;
}

double ms(QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

struct Figures
{
    double fill = 0, refresh = 0, filter = 0;
};

Figures run(int topics)
{
    TopicTableModel model;
    TopicFilterProxy proxy;
    proxy.setSourceModel(&model);
    QTableView view; // attached like in the panel, so view bookkeeping is part of the cost
    view.setModel(&proxy);
    view.setSortingEnabled(true);
    view.sortByColumn(TopicTableModel::Name, Qt::AscendingOrder);
    view.resize(1200, 800);
    view.show();
    QApplication::processEvents();

    const QList<TopicInfo> first = makeTopics(topics, 6, 0, 0);
    QElapsedTimer t;
    t.start();
    model.setTopics(first);
    QApplication::processEvents();
    Figures f;
    f.fill = ms(t);
    std::printf("topics=%d initial snapshot: %.1f ms\n", topics, f.fill);

    t.restart();
    model.setTopics(first);
    QApplication::processEvents();
    std::printf("topics=%d unchanged snapshot: %.1f ms\n", topics, ms(t));

    // 1% removed, 1% added, 10% changed partition count.
    QList<TopicInfo> next = makeTopics(topics, 6, 0, 100);
    next.append(makeTopics(topics / 100, 6, topics, 0));
    for (int i = 0; i < next.size(); i += 10)
        next[i].partitions.append({6, 0, {0, 1, 2}, {0, 1}, {}});
    std::sort(next.begin(), next.end(), [](const TopicInfo &a, const TopicInfo &b) { return a.name < b.name; });
    t.restart();
    model.setTopics(next);
    QApplication::processEvents();
    f.refresh = ms(t);
    std::printf("topics=%d changed snapshot (1%% gone, 1%% new, 10%% changed): %.1f ms\n", topics, f.refresh);

    QHash<QString, qint64> counts;
    for (const TopicInfo &ti : std::as_const(next))
        counts.insert(ti.name, qHash(ti.name) % 100000);
    t.restart();
    model.setMessageCounts(counts);
    QApplication::processEvents();
    std::printf("topics=%d message counts applied: %.1f ms\n", topics, ms(t));

    t.restart();
    proxy.setNameFilter(QStringLiteral("gateway-0012"), false);
    QApplication::processEvents();
    f.filter = ms(t);
    std::printf("topics=%d substring filter: %.1f ms (%d rows)\n", topics, f.filter, proxy.rowCount());
    t.restart();
    proxy.setNameFilter(QStringLiteral("^tb\\.gateway-\\d+[05]\\.telemetry$"), true);
    QApplication::processEvents();
    std::printf("topics=%d regex filter: %.1f ms (%d rows)\n", topics, ms(t), proxy.rowCount());
    t.restart();
    proxy.setNameFilter({}, false);
    QApplication::processEvents();
    std::printf("topics=%d clear filter: %.1f ms (%d rows)\n", topics, ms(t), proxy.rowCount());
    t.restart();
    view.sortByColumn(TopicTableModel::Messages, Qt::DescendingOrder);
    QApplication::processEvents();
    std::printf("topics=%d sort by messages: %.1f ms\n", topics, ms(t));
    t.restart();
    model.setTopics(next); // a refresh while sorted by another column
    QApplication::processEvents();
    std::printf("topics=%d unchanged snapshot while sorted: %.1f ms\n", topics, ms(t));
    return f;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}
} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const Figures reference = run(5000);
    std::printf("warm-up round at 100000 topics (not counted):\n");
    run(100000);
    std::vector<double> fill, refresh, filter;
    for (int round = 1; round <= 3; ++round) {
        std::printf("round %d:\n", round);
        const Figures f = run(100000);
        fill.push_back(f.fill);
        refresh.push_back(f.refresh);
        filter.push_back(f.filter);
    }
    std::printf("reference_topic_model_fill_5k_ms: %.1f\n", reference.fill);
    std::printf("topic_model_fill_ms: %.1f\n", median(fill));
    std::printf("topic_model_refresh_ms: %.1f\n", median(refresh));
    std::printf("topic_model_filter_ms: %.1f\n", median(filter));
    std::printf("topic_model_fill_100k_vs_5k: %.1f (20x the topics)\n", median(fill) / std::max(reference.fill, 0.1));
    return 0;
}
