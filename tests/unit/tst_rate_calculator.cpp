// Rates from watermark observations: steady growth, missed polls, counter resets (topic
// deleted and recreated), partitions added, topics forgotten. Data-driven.

#include "throughput/rate_calculator.h"
#include "test_main.h"

#include <QTest>

using namespace kafkascope;

// One observation and what the calculator must answer.
struct Step
{
    QString topic;
    int partition;
    double t;
    qint64 low, high;
    RateSample::Kind kind;
    double rate; // expected when kind == Rate
};
Q_DECLARE_METATYPE(QList<Step>)

class TestRateCalculator : public QObject
{
    Q_OBJECT
private slots:
    void sequences_data();
    void sequences();
    void forgetTopicRestartsOnlyThatTopic();
};

void TestRateCalculator::sequences_data()
{
    using K = RateSample::Kind;
    const QString a = QStringLiteral("a"), b = QStringLiteral("b");
    QTest::addColumn<QList<Step>>("steps");
    QTest::newRow("steady") << QList<Step>{{a, 0, 100, 0, 0, K::First, 0},
                                            {a, 0, 102, 0, 400, K::Rate, 200},
                                            {a, 0, 104, 0, 800, K::Rate, 200},
                                            {a, 0, 106, 0, 800, K::Rate, 0}};
    // A missed poll: the rate is averaged over the real elapsed time, not the nominal interval.
    QTest::newRow("gap") << QList<Step>{{a, 0, 100, 0, 1000, K::First, 0},
                                         {a, 0, 102, 0, 1200, K::Rate, 100},
                                         {a, 0, 110, 0, 2000, K::Rate, 100}};
    // Retention moving the log start forward is normal and does not disturb the rate.
    QTest::newRow("retention") << QList<Step>{{a, 0, 100, 0, 1000, K::First, 0},
                                               {a, 0, 102, 500, 1100, K::Rate, 50}};
    // Topic recreated: the end offset drops; no negative rate, the series restarts.
    QTest::newRow("high drops") << QList<Step>{{a, 0, 100, 0, 5000, K::First, 0},
                                                {a, 0, 102, 0, 30, K::Reset, 0},
                                                {a, 0, 104, 0, 130, K::Rate, 50}};
    // Recreated and already past the old end: only the log start going back tells.
    QTest::newRow("low drops") << QList<Step>{{a, 0, 100, 400, 500, K::First, 0},
                                               {a, 0, 102, 0, 900, K::Reset, 0},
                                               {a, 0, 104, 0, 1100, K::Rate, 100}};
    // A partition added later starts its own series without touching the others.
    QTest::newRow("partition added") << QList<Step>{{a, 0, 100, 0, 0, K::First, 0},
                                                     {a, 0, 102, 0, 20, K::Rate, 10},
                                                     {a, 1, 102, 0, 0, K::First, 0},
                                                     {a, 0, 104, 0, 40, K::Rate, 10},
                                                     {a, 1, 104, 0, 60, K::Rate, 30}};
    // Same partition number of two topics are independent.
    QTest::newRow("two topics") << QList<Step>{{a, 0, 100, 0, 0, K::First, 0},
                                                {b, 0, 100, 0, 1000, K::First, 0},
                                                {a, 0, 101, 0, 7, K::Rate, 7},
                                                {b, 0, 101, 0, 1003, K::Rate, 3}};
    // Duplicate time (or a clock step back): no rate, and the baseline stays the older one.
    QTest::newRow("same time") << QList<Step>{{a, 0, 100, 0, 0, K::First, 0},
                                               {a, 0, 100, 0, 50, K::First, 0},
                                               {a, 0, 102, 0, 100, K::Rate, 50}};
}

void TestRateCalculator::sequences()
{
    QFETCH(QList<Step>, steps);
    RateCalculator calc;
    for (int i = 0; i < steps.size(); ++i) {
        const Step &s = steps[i];
        const RateSample r = calc.observe(s.topic, s.partition, s.t, s.low, s.high);
        QVERIFY2(r.kind == s.kind, qPrintable(QStringLiteral("step %1: kind %2, expected %3")
                                                  .arg(i).arg(int(r.kind)).arg(int(s.kind))));
        if (s.kind == RateSample::Kind::Rate) {
            QCOMPARE(r.rate, s.rate);
            QVERIFY(r.rate >= 0);
        }
    }
}

void TestRateCalculator::forgetTopicRestartsOnlyThatTopic()
{
    RateCalculator calc;
    const QString a = QStringLiteral("a"), b = QStringLiteral("b");
    calc.observe(a, 0, 100, 0, 10);
    calc.observe(a, 1, 100, 0, 10);
    calc.observe(b, 0, 100, 0, 10);
    QCOMPARE(calc.trackedPartitions(), 3);
    calc.forgetTopic(a);
    QCOMPARE(calc.trackedPartitions(), 1);
    QCOMPARE(int(calc.observe(a, 0, 102, 0, 30).kind), int(RateSample::Kind::First));
    const RateSample rb = calc.observe(b, 0, 102, 0, 30);
    QCOMPARE(int(rb.kind), int(RateSample::Kind::Rate));
    QCOMPARE(rb.rate, 10.0);
}

KAFKASCOPE_CORE_TEST_MAIN(TestRateCalculator)
#include "tst_rate_calculator.moc"
