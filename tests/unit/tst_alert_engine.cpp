// The alert engine, rule by rule: "for at least" durations, hysteresis, stale figures never
// evaluated, acknowledge and mute, and rules that survive an edit of another rule.

#include "alerts/alert_engine.h"
#include "test_main.h"

#include <QJsonDocument>
#include <QMap>

#include <algorithm>

using namespace kafkascope;
using V = GroupHealth::Verdict;

namespace {
constexpr double kT0 = 1'800'000'000; // an arbitrary epoch second

AlertRule lagRule(double threshold, double forSeconds, double clearAt = qQNaN())
{
    AlertRule r;
    r.id = QStringLiteral("lag");
    r.name = QStringLiteral("Lag");
    r.kind = RuleKind::GroupLagMessages;
    r.target = QStringLiteral("billing");
    r.threshold = threshold;
    r.clearThreshold = clearAt;
    r.forSeconds = forSeconds;
    return r;
}

AlertRule unreachableRule(double forSeconds)
{
    AlertRule r;
    r.id = QStringLiteral("dark");
    r.name = QStringLiteral("Unreachable");
    r.kind = RuleKind::ClusterUnreachable;
    r.forSeconds = forSeconds;
    r.severity = AlertSeverity::Critical;
    return r;
}

AlertInputs groupsAt(double t, qint64 lag, V verdict = V::Ok)
{
    AlertInputs in;
    in.now = kT0 + t;
    in.connected = true;
    in.metadataFresh = true;
    in.groupsFresh = true;
    in.groups.append({QStringLiteral("billing"), lag, -1, verdict, QStringLiteral("why")});
    in.groups.append({QStringLiteral("other"), lag * 10, -1, verdict, QString()});
    return in;
}

// "fired@3 resolved@7": what happened, at seconds after kT0.
QString describe(const QList<AlertEvent> &events)
{
    QStringList out;
    for (const AlertEvent &e : events)
        out << QStringLiteral("%1%2@%3")
                   .arg(AlertEvent::typeName(e.type), e.subject.isEmpty() ? QString() : u':' + e.subject)
                   .arg(e.at - kT0);
    return out.join(u' ');
}
} // namespace

class TestAlertEngine : public QObject
{
    Q_OBJECT
private slots:
    void lagOverTime_data();
    void lagOverTime();
    void staleFigures_data();
    void staleFigures();
    void acknowledgeAndMute();
    void worstSeverity();
    void brokerMissing();
    void deviceSilentAndThreshold_data();
    void deviceSilentAndThreshold();
    void throughputAgainstLastHour();
    void rulesSurviveAnotherRulesEdit();
    void activeFollowsFiringStates();
    void activeOrderAcrossRounds();
    void ruleJsonRoundTrip();
    void validation_data();
    void validation();
};

void TestAlertEngine::lagOverTime_data()
{
    QTest::addColumn<double>("forSeconds");
    QTest::addColumn<double>("clearAt");
    QTest::addColumn<QList<qint64>>("lags"); // one sample a second from t = 0
    QTest::addColumn<QString>("expected");

    const double same = qQNaN();
    QTest::newRow("a blip shorter than the duration does not fire")
        << 5.0 << same << QList<qint64>{0, 5000, 5000, 5000, 0, 0, 0} << QString();
    QTest::newRow("holding for the duration fires once")
        << 3.0 << same << QList<qint64>{0, 5000, 5000, 5000, 5000, 5000, 5000} << QStringLiteral("fired:billing@4");
    QTest::newRow("zero duration fires at once")
        << 0.0 << same << QList<qint64>{5000, 5000} << QStringLiteral("fired:billing@0");
    QTest::newRow("an interruption restarts the clock")
        << 3.0 << same << QList<qint64>{5000, 5000, 5000, 0, 5000, 5000, 5000, 5000}
        << QStringLiteral("fired:billing@7");
    QTest::newRow("at the threshold is not above it")
        << 0.0 << same << QList<qint64>{1000, 1000} << QString();
    QTest::newRow("without hysteresis it resolves at the threshold")
        << 0.0 << same << QList<qint64>{5000, 1000, 5000} << QStringLiteral("fired:billing@0 resolved:billing@1 fired:billing@2");
    QTest::newRow("hysteresis: between clear and threshold stays firing")
        << 0.0 << 500.0 << QList<qint64>{5000, 900, 600, 1200, 500, 900}
        << QStringLiteral("fired:billing@0 resolved:billing@4");
    QTest::newRow("hysteresis band does not start a pending duration")
        << 2.0 << 500.0 << QList<qint64>{900, 900, 900, 900} << QString();
}

void TestAlertEngine::lagOverTime()
{
    QFETCH(double, forSeconds);
    QFETCH(double, clearAt);
    QFETCH(QList<qint64>, lags);
    QFETCH(QString, expected);

    AlertEngine engine;
    engine.setRules({lagRule(1000, forSeconds, clearAt)});
    QList<AlertEvent> events;
    for (qsizetype i = 0; i < lags.size(); ++i)
        events += engine.evaluate(groupsAt(double(i), lags[i]));
    QCOMPARE(describe(events), expected);
    for (const AlertEvent &e : events)
        QVERIFY2(!e.figure.isEmpty(), qPrintable(describe({e})));
}

void TestAlertEngine::staleFigures_data()
{
    // Per second: 'c' connected and fresh, 's' connected but the group figures stale,
    // 'd' disconnected (the figures the pollers still hold are stale), 'k' still connecting
    // (neither reachable nor known to be unreachable). Lag is 5000 throughout.
    QTest::addColumn<QString>("timeline");
    QTest::addColumn<double>("lagFor");
    QTest::addColumn<double>("darkFor");
    QTest::addColumn<QString>("expected");

    QTest::newRow("a dark cluster raises unreachable once, never lag")
        << QStringLiteral("dddddddddd") << 0.0 << 3.0 << QStringLiteral("fired@3");
    QTest::newRow("unreachable resolves when it answers again")
        << QStringLiteral("ddddcc") << 60.0 << 2.0 << QStringLiteral("fired@2 resolved@4");
    QTest::newRow("still connecting is not unreachable")
        << QStringLiteral("kkkkkk") << 0.0 << 2.0 << QString();
    QTest::newRow("stale group figures are not evaluated")
        << QStringLiteral("ssssss") << 0.0 << 0.0 << QString();
    QTest::newRow("a pending duration does not run through the dark")
        << QStringLiteral("cccddccccc") << 4.0 << 100.0 << QStringLiteral("fired:billing@9");
    QTest::newRow("a short outage under its duration raises nothing")
        << QStringLiteral("cddcc") << 100.0 << 5.0 << QString();
    QTest::newRow("a firing lag alert is neither resolved nor refired in the dark")
        << QStringLiteral("ccdddcc") << 0.0 << 100.0 << QStringLiteral("fired:billing@0");
}

void TestAlertEngine::staleFigures()
{
    QFETCH(QString, timeline);
    QFETCH(double, lagFor);
    QFETCH(double, darkFor);
    QFETCH(QString, expected);

    AlertEngine engine;
    engine.setRules({lagRule(1000, lagFor), unreachableRule(darkFor)});
    QList<AlertEvent> events;
    const QString &line = timeline;
    for (qsizetype i = 0; i < line.size(); ++i) {
        AlertInputs in = groupsAt(double(i), 5000);
        if (line[i] == u's')
            in.groupsFresh = false;
        if (line[i] == u'k')
            in.connected = false;
        if (line[i] == u'd') {
            in.connected = false;
            in.unreachable = true;
            in.unreachableReason = QStringLiteral("Connection refused");
        }
        events += engine.evaluate(in);
    }
    QCOMPARE(describe(events), expected);
}

void TestAlertEngine::acknowledgeAndMute()
{
    AlertEngine engine;
    AlertRule rule = lagRule(1000, 0);
    rule.target = QStringLiteral("*");
    engine.setRules({rule});
    QCOMPARE(describe(engine.evaluate(groupsAt(0, 5000))), QStringLiteral("fired:billing@0 fired:other@0"));
    QCOMPARE(engine.active().size(), 2);

    const QList<AlertEvent> acks = engine.acknowledge(rule.id, QStringLiteral("billing"), kT0 + 1);
    QCOMPARE(describe(acks), QStringLiteral("acknowledged:billing@1"));
    QVERIFY(engine.acknowledge(rule.id, QStringLiteral("billing"), kT0 + 2).isEmpty()); // once
    const QList<ActiveAlert> active = engine.active();
    QCOMPARE(active.size(), 2);
    for (const ActiveAlert &a : active)
        QCOMPARE(a.acknowledged, a.subject == u"billing");

    // Resolving clears the acknowledgement: the next firing is news again.
    engine.evaluate(groupsAt(3, 0));
    QVERIFY(engine.active().isEmpty());
    QCOMPARE(describe(engine.evaluate(groupsAt(4, 5000))), QStringLiteral("fired:billing@4 fired:other@4"));
    QVERIFY(!engine.active().first().acknowledged);

    // Muted: still logged (the log stays true) but marked muted, and left out of the worst.
    const auto muted = engine.mute(rule.id, kT0 + 100, kT0 + 5);
    QVERIFY(muted);
    QCOMPARE(muted->type, AlertEvent::Type::Muted);
    QVERIFY(!engine.worstActive(kT0 + 6));
    engine.evaluate(groupsAt(6, 0));
    const QList<AlertEvent> refired = engine.evaluate(groupsAt(7, 5000));
    QCOMPARE(refired.size(), 2);
    QVERIFY(refired.first().muted);
    // The mute runs out by itself.
    QCOMPARE(engine.worstActive(kT0 + 101), std::optional(AlertSeverity::Warning));
    engine.evaluate(groupsAt(110, 0));
    const QList<AlertEvent> later = engine.evaluate(groupsAt(111, 5000));
    QVERIFY(!later.first().muted);
}

void TestAlertEngine::worstSeverity()
{
    AlertEngine engine;
    AlertRule info = lagRule(10, 0);
    info.id = QStringLiteral("info");
    info.severity = AlertSeverity::Info;
    AlertRule critical = lagRule(10'000, 0);
    critical.id = QStringLiteral("critical");
    critical.severity = AlertSeverity::Critical;
    engine.setRules({info, critical});
    QVERIFY(!engine.worstActive(kT0));
    engine.evaluate(groupsAt(0, 100));
    QCOMPARE(engine.worstActive(kT0), std::optional(AlertSeverity::Info));
    engine.evaluate(groupsAt(1, 20'000));
    QCOMPARE(engine.worstActive(kT0 + 1), std::optional(AlertSeverity::Critical));
    engine.evaluate(groupsAt(2, 0));
    QVERIFY(!engine.worstActive(kT0 + 2));
}

void TestAlertEngine::brokerMissing()
{
    AlertEngine engine;
    AlertRule rule;
    rule.id = QStringLiteral("brokers");
    rule.name = QStringLiteral("Broker missing");
    rule.kind = RuleKind::BrokerMissing;
    rule.forSeconds = 2;
    engine.setRules({rule});
    auto at = [](double t, QList<int> brokers) {
        AlertInputs in;
        in.now = kT0 + t;
        in.connected = true;
        in.metadataFresh = true;
        in.brokers = brokers;
        return in;
    };
    QList<AlertEvent> events;
    events += engine.evaluate(at(0, {1, 2, 3}));
    events += engine.evaluate(at(1, {1, 3}));
    events += engine.evaluate(at(2, {1, 3}));
    events += engine.evaluate(at(3, {1, 3}));
    events += engine.evaluate(at(4, {1, 2, 3}));
    QCOMPARE(describe(events), QStringLiteral("fired:2@3 resolved:2@4"));
}

void TestAlertEngine::deviceSilentAndThreshold_data()
{
    QTest::addColumn<bool>("threshold");
    QTest::addColumn<bool>("below");
    QTest::addColumn<QList<double>>("figures"); // silence seconds, or the key's value
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("topic"); // the rule's; the device publishes to "tb.telemetry"
    QTest::newRow("silent past its stale time")
        << false << false << QList<double>{1, 20, 31, 45, 2} << QStringLiteral("fired:sensor-7@2 resolved:sensor-7@4") << QString();
    QTest::newRow("temperature above 80, clears at 75")
        << true << false << QList<double>{70, 81, 78, 74} << QStringLiteral("fired:sensor-7@1 resolved:sensor-7@3") << QString();
    QTest::newRow("battery below 20, clears at 25")
        << true << true << QList<double>{30, 19, 22, 26} << QStringLiteral("fired:sensor-7@1 resolved:sensor-7@3") << QString();
    QTest::newRow("on the device's topic")
        << true << false << QList<double>{70, 81, 78, 74} << QStringLiteral("fired:sensor-7@1 resolved:sensor-7@3")
        << QStringLiteral("tb.telemetry");
    QTest::newRow("a device of another topic is not the rule's")
        << true << false << QList<double>{70, 81, 78, 74} << QString() << QStringLiteral("other.topic");
}

void TestAlertEngine::deviceSilentAndThreshold()
{
    QFETCH(bool, threshold);
    QFETCH(bool, below);
    QFETCH(QList<double>, figures);
    QFETCH(QString, expected);
    QFETCH(QString, topic);
    AlertRule rule;
    rule.id = QStringLiteral("dev");
    rule.topic = topic;
    rule.name = QStringLiteral("Device");
    rule.forSeconds = 0;
    rule.target = QStringLiteral("sensor-*");
    if (threshold) {
        rule.kind = RuleKind::TelemetryThreshold;
        rule.key = QStringLiteral("value");
        rule.below = below;
        rule.threshold = below ? 20 : 80;
        rule.clearThreshold = below ? 25 : 75;
    } else {
        rule.kind = RuleKind::DeviceSilent;
    }
    QVERIFY(validateRule(rule).isEmpty());
    AlertEngine engine;
    engine.setRules({rule});
    QList<AlertEvent> events;
    for (qsizetype i = 0; i < figures.size(); ++i) {
        AlertInputs in;
        in.now = kT0 + double(i);
        in.connected = true;
        in.telemetryFresh = true;
        DeviceFacts d;
        d.name = QStringLiteral("sensor-7");
        d.topic = QStringLiteral("tb.telemetry");
        d.staleSeconds = 30;
        d.silentSeconds = threshold ? 1 : figures[i];
        if (threshold)
            d.values.insert(QStringLiteral("value"), figures[i]);
        in.devices.append(d);
        DeviceFacts gps = d;
        gps.name = QStringLiteral("gps-1"); // not matched by the pattern
        gps.silentSeconds = 1000;
        in.devices.append(gps);
        events += engine.evaluate(in);
    }
    QCOMPARE(describe(events), expected);
    // The figure names the limit the device went past (composed only when it fires).
    if (!threshold && !events.isEmpty())
        QCOMPARE(events.first().figure, QStringLiteral("silent for 31 s (stale after 30 s)"));
}

void TestAlertEngine::throughputAgainstLastHour()
{
    AlertRule change;
    change.id = QStringLiteral("change");
    change.name = QStringLiteral("Change");
    change.kind = RuleKind::TopicThroughputChange;
    change.threshold = 50;
    change.forSeconds = 0;
    AlertRule zero = change;
    zero.id = QStringLiteral("zero");
    zero.kind = RuleKind::TopicThroughputZero;
    AlertEngine engine;
    engine.setRules({change, zero});
    auto at = [](double t, double rate) {
        AlertInputs in;
        in.now = kT0 + t;
        in.connected = true;
        in.metadataFresh = in.ratesFresh = true;
        in.topics.append({QStringLiteral("orders"), rate, 0, 0});
        return in;
    };
    QList<AlertEvent> events;
    // Ten minutes at 100 msg/s: no verdict on change before five minutes of history.
    for (int t = 0; t < 600; t += 10)
        events += engine.evaluate(at(t, 100));
    QVERIFY(events.isEmpty());
    events += engine.evaluate(at(600, 160)); // +60 %
    events += engine.evaluate(at(610, 0));   // -100 % and zero
    QCOMPARE(describe(events), QStringLiteral("fired:orders@600 fired:orders@610"));
    QCOMPARE(events[0].figure, QStringLiteral("rate 60% above from its last hour (threshold 50 %)"));
    events.clear();
    events += engine.evaluate(at(620, 0));
    QVERIFY(events.isEmpty()); // still firing both, nothing new
    QCOMPARE(engine.active().size(), 2);
}

void TestAlertEngine::rulesSurviveAnotherRulesEdit()
{
    AlertEngine engine;
    AlertRule a = lagRule(1000, 0);
    AlertRule b = lagRule(1000, 0);
    b.id = QStringLiteral("b");
    engine.setRules({a, b});
    QCOMPARE(engine.evaluate(groupsAt(0, 5000)).size(), 2);
    b.threshold = 2000; // an edited rule starts over; the untouched one keeps firing quietly
    engine.setRules({a, b});
    QCOMPARE(describe(engine.evaluate(groupsAt(1, 5000))), QStringLiteral("fired:billing@1"));
    QCOMPARE(engine.active().size(), 2);
}

// The active list and the worst severity are kept as alerts fire and resolve (not by a scan
// of every subject): they must match what fired through a deleted subject, an edited rule and
// acknowledgement.
void TestAlertEngine::activeFollowsFiringStates()
{
    AlertEngine engine;
    AlertRule all = lagRule(1000, 0);
    all.id = QStringLiteral("all");
    all.target = QStringLiteral("*");
    AlertRule billing = lagRule(1000, 0);
    billing.severity = AlertSeverity::Critical;
    engine.setRules({all, billing});
    QCOMPARE(engine.evaluate(groupsAt(0, 5000)).size(), 3);
    auto names = [&] {
        QStringList out;
        for (const ActiveAlert &a : engine.active())
            out << a.ruleId + u':' + a.subject;
        return out.join(u' ');
    };
    QCOMPARE(names(), QStringLiteral("all:billing lag:billing all:other"));
    QCOMPARE(engine.activeCount(), 3);
    QCOMPARE(engine.worstActive(kT0), std::optional(AlertSeverity::Critical));

    AlertInputs gone = groupsAt(1, 5000); // "billing" deleted
    gone.groups.removeFirst();
    QCOMPARE(describe(engine.evaluate(gone)), QStringLiteral("resolved:billing@1 resolved:billing@1"));
    QCOMPARE(names(), QStringLiteral("all:other"));
    QCOMPARE(engine.worstActive(kT0 + 1), std::optional(AlertSeverity::Warning));

    all.threshold = 100'000; // the edited rule starts over: its alert leaves the list
    engine.setRules({all, billing});
    QCOMPARE(engine.activeCount(), 0);
    QVERIFY(!engine.worstActive(kT0 + 1));
    QCOMPARE(describe(engine.evaluate(groupsAt(2, 5000))), QStringLiteral("fired:billing@2"));
    QCOMPARE(engine.acknowledge(QStringLiteral("lag"), {}, kT0 + 3).size(), 1);
    QVERIFY(engine.active().first().acknowledged);
    QCOMPARE(describe(engine.evaluate(groupsAt(4, 10))), QStringLiteral("resolved:billing@4"));
    QVERIFY(engine.active().isEmpty());
}

// The active list is kept in order between rounds (new firings merged in, resolved ones
// dropped), asked for only every few rounds: it must equal the order built from the events
// alone, oldest first, then by subject, then by rule id (here not the rules' own order).
void TestAlertEngine::activeOrderAcrossRounds()
{
    AlertEngine engine;
    QList<AlertRule> rules;
    for (const char *id : {"b", "a", "c"}) {
        AlertRule r = lagRule(100 * (rules.size() + 1), 0);
        r.id = QString::fromLatin1(id);
        r.target = QStringLiteral("*");
        rules << r;
    }
    engine.setRules(rules);
    const QStringList groups{QStringLiteral("g3"), QStringLiteral("g1"), QStringLiteral("g2"), QStringLiteral("g0")};
    QMap<QString, double> since; // "rule:subject" -> fired at, from the events alone
    for (int round = 0; round < 24; ++round) {
        AlertInputs in;
        in.now = kT0 + round;
        in.connected = in.metadataFresh = in.groupsFresh = true;
        for (qsizetype g = 0; g < groups.size(); ++g) // each group swings on its own period
            in.groups.append({groups[g], qint64((round * (g + 2) * 37) % 350), -1, V::Ok, QString()});
        for (const AlertEvent &e : engine.evaluate(in)) {
            const QString key = e.ruleId + u':' + e.subject;
            if (e.type == AlertEvent::Type::Fired)
                since.insert(key, e.at);
            else if (e.type == AlertEvent::Type::Resolved)
                since.remove(key);
        }
        if (round % 3 != 2)
            continue;
        QStringList expected = since.keys();
        std::sort(expected.begin(), expected.end(), [&](const QString &x, const QString &y) {
            const QString sx = x.section(u':', 1), sy = y.section(u':', 1);
            if (since[x] != since[y])
                return since[x] < since[y];
            return sx != sy ? sx < sy : x.section(u':', 0, 0) < y.section(u':', 0, 0);
        });
        QStringList got;
        for (const ActiveAlert &a : engine.active()) {
            got << a.ruleId + u':' + a.subject;
            QCOMPARE(a.since, since.value(got.last()));
        }
        QCOMPARE(got, expected);
    }
    QVERIFY(!since.isEmpty()); // the pattern leaves some firing: the order had something to order
}

void TestAlertEngine::ruleJsonRoundTrip()
{
    AlertRule r = AlertRule::withNewId();
    r.name = QStringLiteral("Battery");
    r.kind = RuleKind::TelemetryThreshold;
    r.target = QStringLiteral("tracker-*");
    r.key = QStringLiteral("battery");
    r.topic = QStringLiteral("tb.telemetry");
    r.threshold = 20;
    r.clearThreshold = 25;
    r.below = true;
    r.forSeconds = 30;
    r.severity = AlertSeverity::Critical;
    const QByteArray json = QJsonDocument(r.toJson()).toJson();
    QString error;
    const AlertRule back = AlertRule::fromJson(QJsonDocument::fromJson(json).object(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(back == r);

    QStringList errors;
    QJsonArray array{r.toJson(), QJsonObject{{QStringLiteral("kind"), QStringLiteral("nonsense")},
                                             {QStringLiteral("name"), QStringLiteral("Bad")}}};
    const QList<AlertRule> rules = rulesFromJson(array, &errors);
    QCOMPARE(rules.size(), 1);
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.first().contains(u"nonsense"));
}

void TestAlertEngine::validation_data()
{
    QTest::addColumn<AlertRule>("rule");
    QTest::addColumn<QString>("field"); // empty: valid
    AlertRule ok = lagRule(1000, 60);
    QTest::newRow("valid") << ok << QString();
    AlertRule noName = ok;
    noName.name = QStringLiteral("  ");
    QTest::newRow("no name") << noName << QStringLiteral("name");
    AlertRule negative = ok;
    negative.forSeconds = -1;
    QTest::newRow("negative duration") << negative << QStringLiteral("forSeconds");
    AlertRule clearAbove = ok;
    clearAbove.clearThreshold = 2000;
    QTest::newRow("clear above the threshold") << clearAbove << QStringLiteral("clearThreshold");
    AlertRule noKey = ok;
    noKey.kind = RuleKind::TelemetryThreshold;
    QTest::newRow("telemetry without key") << noKey << QStringLiteral("key");
    AlertRule negThreshold = ok;
    negThreshold.threshold = -5;
    QTest::newRow("negative lag") << negThreshold << QStringLiteral("threshold");
}

void TestAlertEngine::validation()
{
    QFETCH(AlertRule, rule);
    QFETCH(QString, field);
    const QList<RuleField> problems = validateRule(rule);
    if (field.isEmpty()) {
        QVERIFY(problems.isEmpty());
        return;
    }
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().field, field);
    QVERIFY(!problems.first().message.isEmpty());
}

KAFKASCOPE_TEST_MAIN_IMPL(TestAlertEngine, QCoreApplication)
#include "tst_alert_engine.moc"
