// How long one alert round takes at scale: 1,000 rules over 200 consumer groups and 10,000
// partitions (500 topics x 20), from the session's snapshot, the offset poller's latest
// refresh and the group monitor's report to the fired/resolved list. Target: < 5 ms a round.
// Prints `key: value` lines; run through scripts/bench.sh alerts.

#include "alerts/alert_engine.h"
#include "alerts/alert_inputs.h"
#include "cluster/cluster_snapshot.h"
#include "cluster/session_state.h"
#include "groups/group_monitor.h"
#include "throughput/offset_history.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace kafkascope;

namespace {
constexpr int kTopics = 500;
constexpr int kPartitionsPerTopic = 20;
constexpr int kGroups = 200;
constexpr int kRules = 1000;
constexpr int kTargetMs = 5;

QString topicName(int i)
{
    return QStringLiteral("tb_rule_engine.topic-%1").arg(i, 4, 10, QLatin1Char('0'));
}
QString groupName(int i)
{
    return QStringLiteral("%1-group-%2").arg(i % 2 ? QStringLiteral("tb") : QStringLiteral("app")).arg(i, 4, 10, QLatin1Char('0'));
}

ClusterSnapshot snapshot(double t)
{
    ClusterSnapshot s;
    s.fetchedAt = QDateTime::fromMSecsSinceEpoch(qint64(t * 1000));
    for (int b = 0; b < 3; ++b)
        s.brokers.append({b, QStringLiteral("broker-%1").arg(b), 9092, {}});
    for (int i = 0; i < kTopics; ++i) {
        TopicInfo topic;
        topic.name = topicName(i);
        for (int p = 0; p < kPartitionsPerTopic; ++p)
            topic.partitions.append({p, p % 3, {0, 1, 2}, i % 50 == 0 && p == 0 ? QList<int>{0, 1} : QList<int>{0, 1, 2}, {}});
        s.topics.append(topic);
    }
    return s;
}

OffsetsSnapshot offsets(double t, int round)
{
    OffsetsSnapshot o;
    o.t = t;
    o.sequence = quint64(round + 1);
    for (int i = 0; i < kTopics; ++i)
        o.topicRates.insert(topicName(i), (i % 7 == 0 && round % 20 > 10) ? 0.0 : 100.0 + i % 13);
    return o;
}

GroupsReport groups(double t, int round)
{
    GroupsReport r;
    r.at = QDateTime::fromMSecsSinceEpoch(qint64(t * 1000));
    for (int i = 0; i < kGroups; ++i) {
        GroupSummary g;
        g.id = groupName(i);
        g.totals.partitions = kPartitionsPerTopic;
        // Some groups swing across their thresholds so rules fire and resolve.
        g.totals.lag = (i % 5 == 0 && round % 10 > 4) ? 50'000 : 100 + i;
        g.lagSeconds = double(i % 90);
        g.health.verdict = i % 11 == 0 ? GroupHealth::Verdict::Lagging : GroupHealth::Verdict::Ok;
        r.groups.append(g);
    }
    return r;
}

QList<AlertRule> rules()
{
    QList<AlertRule> out;
    auto add = [&](RuleKind kind, const QString &target, double threshold, double forSeconds) {
        AlertRule r;
        r.id = QStringLiteral("r%1").arg(out.size());
        r.name = r.id;
        r.kind = kind;
        r.target = target;
        r.threshold = threshold;
        r.forSeconds = forSeconds;
        out.append(r);
    };
    for (int i = 0; i < kGroups; ++i) { // 600 rules on one group each
        add(RuleKind::GroupLagMessages, groupName(i), 10'000, 3);
        add(RuleKind::GroupLagSeconds, groupName(i), 60, 3);
        add(RuleKind::GroupStopped, groupName(i), 0, 3);
    }
    for (int i = 0; i < 50; ++i) // 50 on every tb-* group, 50 on all groups
        add(RuleKind::GroupLagMessages, QStringLiteral("tb-*"), 20'000 + i, 3);
    for (int i = 0; i < 50; ++i)
        add(RuleKind::GroupLagGrowing, {}, 0, 60);
    for (int i = 0; i < 250; ++i) { // 250 rules on one topic each
        add(i % 2 ? RuleKind::TopicThroughputZero : RuleKind::TopicThroughputChange, topicName(i * 2), 50, 3);
    }
    for (int i = 0; i < 40; ++i) // 40 over every topic
        add(i % 2 ? RuleKind::UnderReplicated : RuleKind::OfflinePartitions, QStringLiteral("*"), 0, 3);
    while (out.size() < kRules)
        add(out.size() % 2 ? RuleKind::BrokerMissing : RuleKind::ClusterUnreachable, {}, 0, 10);
    return out;
}

struct Stats
{
    double median, p99, max;
};
Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v[std::min(v.size() - 1, size_t(double(v.size()) * 0.99))], v.back()};
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QList<AlertRule> ruleSet = rules();
    AlertEngine engine;
    engine.setRules(ruleSet);
    SessionStatus status;
    status.state = SessionState::Connected;
    const double t0 = 1'800'000'000;
    const ClusterSnapshot snap = snapshot(t0);

    int partitions = 0;
    for (const TopicInfo &t : snap.topics)
        partitions += int(t.partitions.size());
    std::printf("rules: %d\ngroups: %d\npartitions: %d\n", int(ruleSet.size()), kGroups, partitions);

    auto round = [&](int i, double *gatherMs, double *evalMs, int *events) {
        const double t = t0 + i;
        ClusterSnapshot s = snap;
        s.fetchedAt = QDateTime::fromMSecsSinceEpoch(qint64(t * 1000));
        const OffsetsSnapshot o = offsets(t, i);
        const GroupsReport g = groups(t, i);
        QElapsedTimer timer;
        timer.start();
        const AlertInputs in = gatherClusterInputs(t, status, s, o, g);
        *gatherMs = double(timer.nsecsElapsed()) / 1e6;
        timer.restart();
        *events = int(engine.evaluate(in).size());
        *evalMs = double(timer.nsecsElapsed()) / 1e6;
    };

    double gather = 0, eval = 0;
    int events = 0;
    round(0, &gather, &eval, &events);
    std::printf("first_round_ms: %.3f (matching rules to subjects, not counted)\n", gather + eval);
    for (int i = 1; i < 50; ++i) // warm-up, not counted
        round(i, &gather, &eval, &events);
    std::vector<double> gathers, evals, totals;
    int fired = 0, slowestEvents = 0;
    double slowest = 0;
    for (int i = 50; i < 650; ++i) {
        round(i, &gather, &eval, &events);
        gathers.push_back(gather);
        evals.push_back(eval);
        totals.push_back(gather + eval);
        fired += events;
        if (gather + eval > slowest) {
            slowest = gather + eval;
            slowestEvents = events;
        }
    }
    const Stats g = stats(gathers), e = stats(evals), all = stats(totals);
    std::printf("rounds: %zu\n", totals.size());
    std::printf("events_in_rounds: %d\n", fired);
    std::printf("gather_ms_median: %.3f\n", g.median);
    std::printf("evaluate_ms_median: %.3f\n", e.median);
    std::printf("round_ms_median: %.3f\n", all.median);
    std::printf("round_ms_p99: %.3f\n", all.p99);
    std::printf("round_ms_max: %.3f (%d alerts fired or resolved in that round)\n", all.max, slowestEvents);
    std::printf("round_vs_target: %.3f (target %d ms)\n", all.median / kTargetMs, kTargetMs);
    return all.median < kTargetMs ? 0 : 1;
}
