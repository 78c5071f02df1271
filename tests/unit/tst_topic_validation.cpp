// Client-side rules for topic requests and the human-unit parsing behind the config
// editors: what is refused, with which words, and what "2h" or "512 MiB" becomes.

#include "topics/admin_result.h"
#include "test_main.h"
#include "topics/topic_validation.h"
#include <librdkafka/rdkafka.h>

#include <algorithm>

using namespace kafkascope;
namespace tv = kafkascope::topic_validation;

namespace {
// QStringList from plain literals (QT_NO_CAST_FROM_ASCII forbids the implicit way).
QStringList strings(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items)
        out << QString::fromUtf8(i);
    return out;
}
} // namespace

class TestTopicValidation : public QObject
{
    Q_OBJECT
private slots:
    void topicNames_data();
    void topicNames();
    void collisions_data();
    void collisions();
    void partitionsAndReplication_data();
    void partitionsAndReplication();
    void newTopicIssues();
    void durations_data();
    void durations();
    void sizes_data();
    void sizes();
    void formatting();
    void errorHints();
};

void TestTopicValidation::topicNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("error"); // substring; empty: legal
    QTest::newRow("simple") << "telemetry" << "";
    QTest::newRow("all legal characters") << "Tb.tele_metry-07" << "";
    QTest::newRow("249 chars") << QString(249, u'a') << "";
    QTest::newRow("empty") << "" << "Enter a topic name";
    QTest::newRow("dot") << "." << "reserved";
    QTest::newRow("dot dot") << ".." << "reserved";
    QTest::newRow("three dots are fine") << "..." << "";
    QTest::newRow("250 chars") << QString(250, u'a') << "250 characters long";
    QTest::newRow("space") << "a b" << "a space";
    QTest::newRow("slash") << "a/b" << "'/'";
    QTest::newRow("colon") << "a:b" << "':'";
    QTest::newRow("umlaut") << QStringLiteral("m\u00fcll") << QStringLiteral("'\u00fc'");
    QTest::newRow("tab") << "a\tb" << "a space";
}

void TestTopicValidation::topicNames()
{
    QFETCH(QString, name);
    QFETCH(QString, error);
    const QString got = tv::nameError(name);
    if (error.isEmpty())
        QVERIFY2(got.isEmpty(), qPrintable(got));
    else
        QVERIFY2(got.contains(error), qPrintable(got));
}

void TestTopicValidation::collisions_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("existing");
    QTest::addColumn<QString>("collidesWith");
    QTest::newRow("dot vs underscore") << "tb_telemetry" << strings({"tb.telemetry"}) << "tb.telemetry";
    QTest::newRow("underscore vs dot") << "a.b_c" << strings({"x", "a_b.c"}) << "a_b.c";
    QTest::newRow("same name is not a collision") << "tb.telemetry" << strings({"tb.telemetry"}) << "";
    QTest::newRow("no dot or underscore") << "abc" << strings({"abc"}) << "";
    QTest::newRow("different") << "tb.devices" << strings({"tb.telemetry"}) << "";
}

void TestTopicValidation::collisions()
{
    QFETCH(QString, name);
    QFETCH(QStringList, existing);
    QFETCH(QString, collidesWith);
    const QString got = tv::nameCollision(name, existing);
    if (collidesWith.isEmpty())
        QVERIFY2(got.isEmpty(), qPrintable(got));
    else
        QVERIFY2(got.contains(QStringLiteral("\"%1\"").arg(collidesWith)), qPrintable(got));
    // Without a colliding topic a dotted name gets no message at all (only a real collision says so).
    const auto issues = tv::validateNewTopic(name, 1, 1, {}, 1, existing);
    const bool named = std::any_of(issues.cbegin(), issues.cend(), [](const auto &i) { return i.field == u"name"; });
    QCOMPARE(named, !collidesWith.isEmpty() || existing.contains(name));
}

void TestTopicValidation::partitionsAndReplication_data()
{
    QTest::addColumn<int>("partitions");
    QTest::addColumn<int>("rf");
    QTest::addColumn<int>("brokers");
    QTest::addColumn<QString>("partitionsError");
    QTest::addColumn<QString>("rfError");
    QTest::newRow("fine") << 6 << 3 << 3 << "" << "";
    QTest::newRow("zero partitions") << 0 << 1 << 1 << "at least one" << "";
    QTest::newRow("negative partitions") << -4 << 1 << 1 << "at least one" << "";
    QTest::newRow("rf above brokers") << 1 << 3 << 1 << "" << "the cluster has 1";
    QTest::newRow("rf zero") << 1 << 0 << 3 << "" << "at least 1";
    QTest::newRow("broker count unknown") << 1 << 5 << 0 << "" << "";
}

void TestTopicValidation::partitionsAndReplication()
{
    QFETCH(int, partitions);
    QFETCH(int, rf);
    QFETCH(int, brokers);
    QFETCH(QString, partitionsError);
    QFETCH(QString, rfError);
    const QString p = tv::partitionsError(partitions);
    const QString r = tv::replicationFactorError(rf, brokers);
    QCOMPARE(p.isEmpty(), partitionsError.isEmpty());
    QVERIFY2(p.contains(partitionsError), qPrintable(p));
    QCOMPARE(r.isEmpty(), rfError.isEmpty());
    QVERIFY2(r.contains(rfError), qPrintable(r));
}

void TestTopicValidation::newTopicIssues()
{
    const auto issues = tv::validateNewTopic(QStringLiteral("tb_x"), 0, 2, {{QStringLiteral("segment.ms"), QStringLiteral("1")},
                                                                            {QStringLiteral("segment.ms"), QStringLiteral("2")},
                                                                            {QStringLiteral("BAD"), QStringLiteral("1")}},
                                             1, {QStringLiteral("tb.x")});
    QStringList fields;
    for (const FieldIssue &i : issues)
        fields << i.field;
    QCOMPARE(fields, (strings({"name", "partitions", "replicationFactor", "configs", "configs"})));
    QVERIFY(tv::hasErrors(issues));
    // A name with '.' that collides with nothing gets no message at all.
    QVERIFY(tv::validateNewTopic(QStringLiteral("tb.ok"), 1, 1, {}, 1, {QStringLiteral("tb.other")}).isEmpty());
}

void TestTopicValidation::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms"); // -2: rejected
    QTest::newRow("hours") << "2h" << qint64(7200000);
    QTest::newRow("days") << "7d" << qint64(604800000);
    QTest::newRow("spaced") << " 2 h " << qint64(7200000);
    QTest::newRow("words") << "3 days" << qint64(259200000);
    QTest::newRow("combined") << "1d 12h" << qint64(129600000);
    QTest::newRow("fraction") << "1.5h" << qint64(5400000);
    QTest::newRow("minutes") << "30m" << qint64(1800000);
    QTest::newRow("seconds") << "90s" << qint64(90000);
    QTest::newRow("millis") << "1500ms" << qint64(1500);
    QTest::newRow("bare number is ms") << "86400000" << qint64(86400000);
    QTest::newRow("week") << "1w" << qint64(604800000);
    QTest::newRow("unlimited") << "unlimited" << qint64(-1);
    QTest::newRow("minus one") << "-1" << qint64(-1);
    QTest::newRow("unknown unit") << "2 fortnights" << qint64(-2);
    QTest::newRow("garbage") << "soon" << qint64(-2);
    QTest::newRow("empty") << "" << qint64(-2);
    QTest::newRow("negative") << "-5h" << qint64(-2);
    QTest::newRow("sub-millisecond") << "0.5ms" << qint64(-2);
}

void TestTopicValidation::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    const auto got = tv::parseDurationMs(text);
    if (ms == -2)
        QVERIFY2(!got, qPrintable(QString::number(got.value_or(0))));
    else
        QCOMPARE(got, std::optional<qint64>(ms));
}

void TestTopicValidation::sizes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("bytes");
    QTest::newRow("MiB") << "512 MiB" << qint64(512) * 1024 * 1024;
    QTest::newRow("GiB") << "1GiB" << (qint64(1) << 30);
    QTest::newRow("KiB") << "64 KiB" << qint64(65536);
    QTest::newRow("decimal MB") << "10 MB" << qint64(10000000);
    QTest::newRow("bytes") << "1048588" << qint64(1048588);
    QTest::newRow("unlimited") << "unlimited" << qint64(-1);
    QTest::newRow("bad unit") << "5 parsecs" << qint64(-2);
    QTest::newRow("words") << "lots" << qint64(-2);
}

void TestTopicValidation::sizes()
{
    QFETCH(QString, text);
    QFETCH(qint64, bytes);
    const auto got = tv::parseSizeBytes(text);
    if (bytes == -2)
        QVERIFY(!got);
    else
        QCOMPARE(got, std::optional<qint64>(bytes));
}

void TestTopicValidation::formatting()
{
    QCOMPARE(tv::formatDurationMs(7200000), QStringLiteral("2h"));
    QCOMPARE(tv::formatDurationMs(604800000), QStringLiteral("1w"));
    QCOMPARE(tv::formatDurationMs(90000), QStringLiteral("90s"));
    QCOMPARE(tv::formatDurationMs(1500), QStringLiteral("1500ms"));
    QCOMPARE(tv::formatDurationMs(-1), QStringLiteral("unlimited"));
    QCOMPARE(tv::formatSizeBytes(536870912), QStringLiteral("512 MiB"));
    QCOMPARE(tv::formatSizeBytes(1048588), QStringLiteral("1048588 B (≈ 1.0 MiB)"));
    QCOMPARE(tv::formatSizeBytes(-1), QStringLiteral("unlimited"));
    // Every formatted duration parses back to itself.
    for (qint64 ms : {qint64(1), qint64(1000), qint64(60000), qint64(3600000), qint64(86400000), qint64(123456789)})
        QCOMPARE(tv::parseDurationMs(tv::formatDurationMs(ms)), std::optional<qint64>(ms));
}

void TestTopicValidation::errorHints()
{
    for (const rd_kafka_resp_err_t err : {RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS, RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR,
                                          RD_KAFKA_RESP_ERR_POLICY_VIOLATION, RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED,
                                          RD_KAFKA_RESP_ERR__TIMED_OUT, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT}) {
        const AdminError e = AdminError::fromKafka(err, "broker words");
        QVERIFY(!e.code.startsWith(u'_'));
        QCOMPARE(e.message, QStringLiteral("broker words"));
        QVERIFY2(!e.hint.isEmpty(), qPrintable(e.code));
        QVERIFY(e.text().startsWith(e.code + QStringLiteral(": broker words — Hint: ")));
    }
    QVERIFY(!AdminError::fromKafka(RD_KAFKA_RESP_ERR_NO_ERROR).isError());
    AdminResult r;
    r.items.append({QStringLiteral("a"), -1, -1, {}});
    r.items.append({QStringLiteral("b"), 2, -1, AdminError::fromKafka(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, "gone")});
    QVERIFY(!r.ok());
    QVERIFY(r.failureText().startsWith(QStringLiteral("b [2] — UNKNOWN_TOPIC_OR_PART: gone")));
}

KAFKASCOPE_CORE_TEST_MAIN(TestTopicValidation)
#include "tst_topic_validation.moc"
