// Filters and the JSON Lines codec, data-driven: substring/regex on keys and values, JSON
// field conditions on ThingsBoard payloads, garbage JSON, binary payloads, time ranges;
// JSONL/CSV encoding and decoding; the virtual message model under QAbstractItemModelTester.

#include "messages/jsonl_codec.h"
#include "messages/message_filter.h"
#include "models/message_table_model.h"
#include "test_main.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace kafkascope;

class TestMessageFilter : public QObject
{
    Q_OBJECT
private slots:
    void matches_data();
    void matches();
    void substringAtEveryPlace();
    void jsonKeyAtEveryPlace();
    void badFilterIsNamed_data();
    void badFilterIsNamed();
    void jsonlRoundTrip_data();
    void jsonlRoundTrip();
    void jsonlDecodesHandWrittenLines_data();
    void jsonlDecodesHandWrittenLines();
    void csvQuotes();
    void virtualModelPagesOnDemand();
};

static const QByteArray kGateway = R"({"Sensor 07":[{"ts":1,"values":{"temperature":31.5,"humidity":40,"name":"hall"}}]})";
static const QByteArray kDevice = R"({"ts":1,"values":{"temperature":12,"ignition":true,"fuel":{"level":"55"}}})";

void TestMessageFilter::matches_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("keyRegex");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valueRegex");
    QTest::addColumn<QString>("json");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<QByteArray>("msgKey");
    QTest::addColumn<QByteArray>("msgValue");
    QTest::addColumn<qint64>("ts");
    QTest::addColumn<bool>("expected");
    const qint64 n = -1;
    QTest::newRow("empty filter") << QString() << false << QString() << false << QString() << n << n << QByteArray("k") << kDevice << 5LL << true;
    QTest::newRow("key substring, any case") << "SENSOR" << false << QString() << false << QString() << n << n << QByteArray("Sensor 07") << kGateway << 5LL << true;
    QTest::newRow("key substring miss") << "Tracker" << false << QString() << false << QString() << n << n << QByteArray("Sensor 07") << kGateway << 5LL << false;
    QTest::newRow("key regex") << "^Sensor \\d+$" << true << QString() << false << QString() << n << n << QByteArray("Sensor 07") << kGateway << 5LL << true;
    QTest::newRow("value substring") << QString() << false << "humidity" << false << QString() << n << n << QByteArray() << kGateway << 5LL << true;
    QTest::newRow("value regex") << QString() << false << "temperature\":3\\d" << true << QString() << n << n << QByteArray() << kGateway << 5LL << true;
    QTest::newRow("gateway deep path >") << QString() << false << QString() << false << "values.temperature > 30" << n << n << QByteArray() << kGateway << 5LL << true;
    QTest::newRow("device path > miss") << QString() << false << QString() << false << "values.temperature > 30" << n << n << QByteArray() << kDevice << 5LL << false;
    QTest::newRow("anchored path misses nested") << QString() << false << QString() << false << "$.values.temperature > 30" << n << n << QByteArray() << kGateway << 5LL << false;
    QTest::newRow("anchored path") << QString() << false << QString() << false << "$.values.temperature <= 12" << n << n << QByteArray() << kDevice << 5LL << true;
    QTest::newRow("quoted name and index") << QString() << false << QString() << false << "$[\"Sensor 07\"][0].values.humidity == 40" << n << n << QByteArray() << kGateway << 5LL << true;
    QTest::newRow("bool") << QString() << false << QString() << false << "ignition == true" << n << n << QByteArray() << kDevice << 5LL << true;
    QTest::newRow("numeric string vs number") << QString() << false << QString() << false << "fuel.level >= 50" << n << n << QByteArray() << kDevice << 5LL << true;
    QTest::newRow("string equality") << QString() << false << QString() << false << "values.name == \"hall\"" << n << n << QByteArray() << kGateway << 5LL << true;
    QTest::newRow("contains") << QString() << false << QString() << false << "name contains al" << n << n << QByteArray() << kGateway << 5LL << true;
    QTest::newRow("exists") << QString() << false << QString() << false << "fuel.level" << n << n << QByteArray() << kDevice << 5LL << true;
    QTest::newRow("missing field") << QString() << false << QString() << false << "values.pressure > 1" << n << n << QByteArray() << kDevice << 5LL << false;
    QTest::newRow("garbage JSON") << QString() << false << QString() << false << "values.temperature > 1" << n << n << QByteArray() << QByteArray("{\"values\":{\"temperature\": 5,,}") << 5LL << false;
    QTest::newRow("binary value, JSON cond") << QString() << false << QString() << false << "a > 1" << n << n << QByteArray() << QByteArray("\xff\x00\xfe", 3) << 5LL << false;
    QTest::newRow("binary value, substring") << QString() << false << "abc" << false << QString() << n << n << QByteArray() << QByteArray("\xff\x00" "abc\xfe", 6) << 5LL << true;
    // The ASCII fast path must say what QString's case folding says.
    QTest::newRow("value substring, any case") << QString() << false << "HUMIDITY" << false << QString() << n << n << QByteArray() << kGateway << 5LL << true;
    QTest::newRow("substring at the very end") << QString() << false << "ALARM" << false << QString() << n << n << QByteArray() << QByteArray("status alarm") << 5LL << true;
    QTest::newRow("substring longer than value") << QString() << false << "alarms" << false << QString() << n << n << QByteArray() << QByteArray("alarm") << 5LL << false;
    QTest::newRow("Kelvin sign folds to k") << QString() << false << "kelvin" << false << QString() << n << n << QByteArray() << QByteArray("\xe2\x84\xaa" "elvin") << 5LL << true;
    QTest::newRow("non-ASCII text, miss") << QString() << false << "kelvin" << false << QString() << n << n << QByteArray() << QByteArray("temp\xc3\xa9rature") << 5LL << false;
    QTest::newRow("non-ASCII needle") << QString() << false << QString::fromUtf8("TEMPÉRATURE") << false << QString() << n << n << QByteArray() << QByteArray("temp\xc3\xa9rature") << 5LL << true;
    // The raw-bytes pre-check before a JSON parse must never turn away a record that matches.
    const QString hot = QStringLiteral("values.temperature > 30");
    QTest::newRow("escaped key") << QString() << false << QString() << false << hot << n << n << QByteArray() << QByteArray(R"({"values":{"temp\u0065rature":31}})") << 5LL << true;
    QTest::newRow("number in a string") << QString() << false << QString() << false << hot << n << n << QByteArray() << QByteArray(R"({"values":{"temperature":"31.5"}})") << 5LL << true;
    QTest::newRow("spaces around the colon") << QString() << false << QString() << false << hot << n << n << QByteArray() << QByteArray("{ \"values\" : {\n\"temperature\"\t:  31 } }") << 5LL << true;
    QTest::newRow("name as a value only") << QString() << false << QString() << false << hot << n << n << QByteArray() << QByteArray(R"({"name":"temperature","v":"31","values":{"temperature":10}})") << 5LL << false;
    QTest::newRow("second occurrence passes") << QString() << false << QString() << false << hot << n << n << QByteArray() << QByteArray(R"({"values":{"temperature":10},"b":[{"values":{"temperature":35}}]})") << 5LL << true;
    QTest::newRow("passing value on another path") << QString() << false << QString() << false << hot << n << n << QByteArray() << QByteArray(R"({"values":{"temperature":10},"temperature":35})") << 5LL << false;
    QTest::newRow("exponent") << QString() << false << QString() << false << hot << n << n << QByteArray() << QByteArray(R"({"values":{"temperature":3.1e1}})") << 5LL << true;
    QTest::newRow("exponent, equal") << QString() << false << QString() << false << "values.temperature >= 30" << n << n << QByteArray() << QByteArray(R"({"values":{"temperature":3E+1}})") << 5LL << true;
    QTest::newRow("negative") << QString() << false << QString() << false << "temperature < -30" << n << n << QByteArray() << QByteArray(R"({"temperature":-31})") << 5LL << true;
    QTest::newRow("not equal") << QString() << false << QString() << false << "temperature != 30" << n << n << QByteArray() << QByteArray(R"({"temperature":30.0})") << 5LL << false;
    QTest::newRow("array value is no number") << QString() << false << QString() << false << hot << n << n << QByteArray() << QByteArray(R"({"values":{"temperature":[31]}})") << 5LL << false;
    QTest::newRow("index after the name") << QString() << false << QString() << false << "$.a[1] > 1" << n << n << QByteArray() << QByteArray(R"({"a":[0, 2]})") << 5LL << true;
    QTest::newRow("past 2^53, rounded alike") << QString() << false << QString() << false << "t == 9007199254740992" << n << n << QByteArray() << QByteArray(R"({"t":9007199254740993})") << 5LL << true;
    QTest::newRow("passing bytes, broken JSON") << QString() << false << QString() << false << hot << n << n << QByteArray() << QByteArray(R"({"values":{"temperature":31})") << 5LL << false;
    QTest::newRow("empty value, JSON cond") << QString() << false << QString() << false << "a" << n << n << QByteArray() << QByteArray() << 5LL << false;
    QTest::newRow("time inside") << QString() << false << QString() << false << QString() << 10LL << 20LL << QByteArray() << kDevice << 20LL << true;
    QTest::newRow("time before") << QString() << false << QString() << false << QString() << 10LL << 20LL << QByteArray() << kDevice << 9LL << false;
    QTest::newRow("time after") << QString() << false << QString() << false << QString() << 10LL << 20LL << QByteArray() << kDevice << 21LL << false;
}

void TestMessageFilter::matches()
{
    QFETCH(QString, key);
    QFETCH(bool, keyRegex);
    QFETCH(QString, value);
    QFETCH(bool, valueRegex);
    QFETCH(QString, json);
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(QByteArray, msgKey);
    QFETCH(QByteArray, msgValue);
    QFETCH(qint64, ts);
    QFETCH(bool, expected);
    MessageFilter f{key, keyRegex, value, valueRegex, false, json, from, to};
    MessageMatcher m(f);
    QVERIFY2(m.error().isEmpty(), qPrintable(m.error()));
    QCOMPARE(m.matches(msgKey, msgValue, ts), expected);
}

// The substring search looks at 16 bytes at a time: wherever the needle, a near miss or a
// non-ASCII byte falls, in payloads of every length around those blocks, it must say what
// QString's case-insensitive contains() says.
void TestMessageFilter::substringAtEveryPlace()
{
    MessageFilter f;
    f.value = QStringLiteral("aLaRm");
    MessageMatcher m(f);
    MessageFilter one;
    one.value = QStringLiteral("Q");
    MessageMatcher single(one);
    const QByteArray kelvin("\xe2\x84\xaa"); // folds onto 'k'
    MessageFilter k;
    k.value = QStringLiteral("kELvin");
    MessageMatcher kelvinMatcher(k);
    for (int len = 0; len <= 70; ++len) {
        const QByteArray filler = QByteArray("{\"status\":\"alar \"ALAR\" arm[]@`\"}xyz0123456789abcdefghijklmnop").repeated(3).left(len);
        QVERIFY(!m.matches({}, filler, 0));
        QCOMPARE(single.matches({}, filler, 0), filler.contains('q') || filler.contains('Q'));
        for (int at = 0; at + 5 <= len; ++at) {
            for (const QByteArray &needle : {QByteArray("ALARM"), QByteArray("alarm"), QByteArray("Alarm"), QByteArray("alarn")}) {
                QByteArray payload = filler;
                payload.replace(at, 5, needle);
                const bool expected = QString::fromLatin1(payload).contains(u"alarm", Qt::CaseInsensitive);
                QVERIFY2(m.matches({}, payload, 0) == expected, payload.constData());
            }
            QByteArray withKelvin = filler;
            withKelvin.replace(at, 5, QByteArray(kelvin + "el"));
            QVERIFY2(!kelvinMatcher.matches({}, withKelvin, 0), withKelvin.constData());
            withKelvin.replace(at + 5, 0, "vin");
            QVERIFY2(kelvinMatcher.matches({}, withKelvin, 0), withKelvin.constData());
        }
    }
}

// The JSON pre-check finds the key 16 places at a time too: wherever it falls, the answer is
// the parser's.
void TestMessageFilter::jsonKeyAtEveryPlace()
{
    MessageFilter f;
    f.json = QStringLiteral("values.temperature > 30");
    MessageMatcher m(f);
    for (int pad = 0; pad <= 40; ++pad) {
        const QByteArray lead = "{\"pad\":\"" + QByteArray(pad, 't') + "e\",\"temperatur\":40,\"values\":{\"temperature\":";
        QVERIFY2(m.matches({}, lead + "31}}", 0), qPrintable(QString::number(pad)));
        QVERIFY2(!m.matches({}, lead + "29}}", 0), qPrintable(QString::number(pad)));
        QVERIFY2(!m.matches({}, lead + "29},\"x\":\"temperature\"}", 0), qPrintable(QString::number(pad)));
    }
}

void TestMessageFilter::badFilterIsNamed_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("regex");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no operator value") << "values.temperature >" << QString() << "expected a value";
    QTest::newRow("bad operator") << "values.temperature ?? 3" << QString() << "expected an operator";
    QTest::newRow("unterminated string") << "a == \"x" << QString() << "unterminated string";
    QTest::newRow("bad index") << "a[x] > 1" << QString() << "array index";
    QTest::newRow("bool with >") << "a > true" << QString() << "only compare";
    QTest::newRow("bad regex") << QString() << "([a-z" << "Value regex";
}

void TestMessageFilter::badFilterIsNamed()
{
    QFETCH(QString, json);
    QFETCH(QString, regex);
    QFETCH(QString, expected);
    MessageFilter f;
    f.json = json;
    f.value = regex;
    f.valueRegex = !regex.isEmpty();
    MessageMatcher m(f);
    QVERIFY2(m.error().contains(expected), qPrintable(m.error()));
    QVERIFY(!m.matches(QByteArray("k"), QByteArray("{}"), 1));
}

void TestMessageFilter::jsonlRoundTrip_data()
{
    QTest::addColumn<KafkaMessage>("message");
    KafkaMessage text;
    text.partition = 2;
    text.offset = 77;
    text.timestamp = 1700000000123;
    text.timestampType = TimestampType::CreateTime;
    text.keyNull = false;
    text.key = "Sensor 07";
    text.valueNull = false;
    text.value = kGateway;
    text.headers = {{"trace", "abc", false}, {"dup", "1", false}, {"dup", "2", false}};
    QTest::newRow("text") << text;
    KafkaMessage binary = text;
    binary.key = QByteArray("\xff\x00\x01", 3);
    binary.value = QByteArray("\xc3\x28 bad utf8 \x00", 14);
    binary.headers = {{"bin", QByteArray("\x00\xfe", 2), false}, {"null", {}, true}, {"empty", {}, false}};
    QTest::newRow("binary") << binary;
    KafkaMessage nulls = text;
    nulls.keyNull = true;
    nulls.key.clear();
    nulls.valueNull = true;
    nulls.value.clear();
    nulls.headers.clear();
    QTest::newRow("null key and value (tombstone)") << nulls;
    KafkaMessage empty = text;
    empty.key = "";
    empty.value = "";
    QTest::newRow("empty, not null") << empty;
}

void TestMessageFilter::jsonlRoundTrip()
{
    QFETCH(KafkaMessage, message);
    const QByteArray line = jsonl::encode(message, QStringLiteral("t"));
    QVERIFY(!line.contains('\n'));
    OutgoingMessage out;
    QString error;
    QVERIFY2(jsonl::decode(line, &out, &error, true, true), qPrintable(error));
    QCOMPARE(out.keyNull, message.keyNull);
    QCOMPARE(out.key, message.key);
    QCOMPARE(out.valueNull, message.valueNull);
    QCOMPARE(out.value, message.value);
    QCOMPARE(out.headers, message.headers);
    QCOMPARE(out.partition, message.partition);
    QCOMPARE(out.timestamp, message.timestamp);
}

void TestMessageFilter::jsonlDecodesHandWrittenLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("headers");
    QTest::addColumn<QString>("error");
    QTest::newRow("object value") << QByteArray(R"({"key":"a","value":{"t":1}})") << QByteArray(R"({"t":1})") << 0 << QString();
    QTest::newRow("number value") << QByteArray(R"({"value":42})") << QByteArray("42") << 0 << QString();
    QTest::newRow("header object") << QByteArray(R"({"value":"x","headers":{"a":"1","b":"2"}})") << QByteArray("x") << 2 << QString();
    QTest::newRow("not JSON") << QByteArray("{oops") << QByteArray() << 0 << QStringLiteral("not JSON");
    QTest::newRow("no key nor value") << QByteArray(R"({"x":1})") << QByteArray() << 0 << QStringLiteral("neither");
    QTest::newRow("bad base64") << QByteArray(R"({"value":"@@@","valueEncoding":"base64"})") << QByteArray() << 0 << QStringLiteral("base64");
}

void TestMessageFilter::jsonlDecodesHandWrittenLines()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, value);
    QFETCH(int, headers);
    QFETCH(QString, error);
    OutgoingMessage out;
    QString why;
    const bool ok = jsonl::decode(line, &out, &why);
    QCOMPARE(ok, error.isEmpty());
    if (ok) {
        QCOMPARE(out.value, value);
        QCOMPARE(out.headers.size(), headers);
        QCOMPARE(out.partition, -1);
    } else {
        QVERIFY2(why.contains(error), qPrintable(why));
    }
}

void TestMessageFilter::csvQuotes()
{
    KafkaMessage m;
    m.partition = 1;
    m.offset = 2;
    m.timestamp = 3;
    m.keyNull = false;
    m.key = "a,b";
    m.valueNull = false;
    m.value = "say \"hi\"\nbye";
    QCOMPARE(csv::encode(m), QByteArray("1,2,3,None,\"a,b\",\"say \"\"hi\"\"\nbye\",,"));
    m.value = QByteArray("\xff", 1);
    QVERIFY(csv::encode(m).contains("base64:/w=="));
}

void TestMessageFilter::virtualModelPagesOnDemand()
{
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy wanted(&model, &MessageTableModel::pageWanted);
    model.setRanges({{0, 100, 3000000, {}}, {1, 0, 0, QStringLiteral("empty")}, {2, 5, 605, {}}});
    QCOMPARE(model.rowCount(), 3000000 - 100 + 600);
    wanted.clear(); // the tester looked at the first rows
    // A row in the middle: asked for once, placeholder until the page arrives.
    const int row = 1500000;
    QCOMPARE(model.positionAt(row)->second, 100 + row);
    QCOMPARE(model.data(model.index(row, MessageTableModel::Value)).toString(), QStringLiteral("loading…"));
    model.data(model.index(row + 1, MessageTableModel::Key));
    QCOMPARE(wanted.size(), 1);
    const qint64 from = wanted.first().at(1).toLongLong();
    QCOMPARE(from, 100 + row / 500 * 500);
    QList<KafkaMessage> page;
    for (qint64 o = from; o < from + 500; o += 2) { // every other offset: gaps as in a compacted log
        KafkaMessage m;
        m.partition = 0;
        m.offset = o;
        m.keyNull = false;
        m.key = QByteArray::number(o);
        m.valueNull = false;
        m.value = "v";
        page.append(m);
    }
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.addPage(0, from, page);
    QCOMPARE(changed.size(), 1);
    const int first = model.rowOf(0, from);
    QCOMPARE(model.messageAt(first)->key, QByteArray::number(from));
    QVERIFY(model.messageAt(first + 1) == nullptr);
    QVERIFY(model.data(model.index(first + 1, MessageTableModel::Value)).toString().contains(u"compacted"));
    // Partition 2 after the empty partition 1.
    QCOMPARE(model.positionAt(model.rowCount() - 1)->first, 2);
    QCOMPARE(model.positionAt(model.rowCount() - 1)->second, 604);
    // The page cache stays bounded (a model without the tester: it would check every page).
    MessageTableModel big;
    big.setRanges({{0, 0, 1000000, {}}});
    for (int i = 0; i < MessageTableModel::kMaxPages + 20; ++i)
        big.addPage(0, qint64(i) * 500, {});
    QCOMPARE(big.cachedPageCount(), MessageTableModel::kMaxPages);
    // List mode (tail) keeps the newest rows only.
    model.appendMessages(page, 100);
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.messageAt(99)->offset, page.last().offset);
}

KAFKASCOPE_CORE_TEST_MAIN(TestMessageFilter)
#include "tst_message_filter.moc"
