// The message detail view offscreen: Auto mode picks hex for binary, shows JSON that does
// not fold as its raw text with the reason beside it (never calling deep but valid JSON
// invalid), and payloads of 2 and 10 MB (one line and many, text, binary, JSON) show their
// first screen at once and stay scrollable in every view mode, with the event loop never
// held for 100 ms.

#include "lazy_text_view.h"
#include "messages/message_detail_view.h"
#include "payload_view.h"
#include "test_main.h"
#include "test_support.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QPushButton>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTimer>
#include <QTreeWidget>
#include <ctime>

using namespace kafkascope;
using kafkascope::testing::kSanitized;
using kafkascope::testing::kTimingSlack;

namespace {

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// Ticks every 5 ms on the UI thread and keeps the longest stretch between two ticks: in
// time spent on the UI thread (what our code holds it for, whatever else runs on the
// machine) and in wall time (what a user would feel on an otherwise idle machine).
class LatencyProbe : public QObject
{
public:
    LatencyProbe()
    {
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] { tick(); });
    }
    void start()
    {
        m_lastCpu = threadCpuNs();
        m_wall.start();
        m_lastWall = 0;
        m_maxCpuMs = m_maxWallMs = 0;
        m_timer.start();
    }
    void stop() { tick(); m_timer.stop(); }
    double maxCpuMs() const { return m_maxCpuMs; }
    double maxWallMs() const { return m_maxWallMs; }

private:
    void tick()
    {
        const qint64 cpu = threadCpuNs(), wall = m_wall.nsecsElapsed();
        m_maxCpuMs = std::max(m_maxCpuMs, double(cpu - m_lastCpu) / 1e6);
        m_maxWallMs = std::max(m_maxWallMs, double(wall - m_lastWall) / 1e6);
        m_lastCpu = cpu;
        m_lastWall = wall;
    }
    QTimer m_timer;
    QElapsedTimer m_wall;
    qint64 m_lastCpu = 0, m_lastWall = 0;
    double m_maxCpuMs = 0, m_maxWallMs = 0;
};

KafkaMessage message(const QByteArray &value)
{
    KafkaMessage m;
    m.partition = 0;
    m.offset = 42;
    m.timestamp = 1700000000000;
    m.value = value;
    m.valueNull = false;
    m.key = "k";
    m.keyNull = false;
    return m;
}

QByteArray deepJson(int depth)
{
    return QByteArray(depth, '[') + "1" + QByteArray(depth, ']');
}

QByteArray bigPayload(const QString &kind, qsizetype size)
{
    QByteArray out;
    out.reserve(size + 256);
    if (kind == u"text, one line") {
        while (out.size() < size)
            out += "the quick brown fox jumps over the lazy dog ";
    } else if (kind == u"text, many lines") {
        for (int i = 0; out.size() < size; ++i)
            out += "line " + QByteArray::number(i) + ": temperature=21.5 humidity=40 status=ok\n";
    } else if (kind == u"binary") {
        quint32 x = 2463534242u;
        while (out.size() < size) { // xorshift: every byte value, no structure
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            out += char(x & 0xff);
        }
    } else { // JSON, one line or pretty on many
        const bool pretty = kind == u"JSON, many lines";
        out += pretty ? "[\n" : "[";
        for (int i = 0; out.size() < size; ++i) {
            if (i)
                out += pretty ? ",\n" : ",";
            if (pretty)
                out += "  {\n    \"id\": " + QByteArray::number(i) + ",\n    \"device\": \"meter-" + QByteArray::number(i % 97)
                     + "\",\n    \"values\": {\"temperature\": 21.5, \"on\": true}\n  }";
            else
                out += "{\"id\":" + QByteArray::number(i) + ",\"device\":\"meter-" + QByteArray::number(i % 97)
                     + "\",\"values\":{\"temperature\":21.5,\"on\":true}}";
        }
        out += pretty ? "\n]\n" : "]";
    }
    return out;
}

QWidget *shownPage(PayloadView *view)
{
    return view->findChild<QStackedWidget *>()->currentWidget();
}

} // namespace

class TestPayloadViewGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void autoModePicks_data();
    void autoModePicks();
    void hugePayloadsStayResponsive_data();
    void hugePayloadsStayResponsive();
};

// The first time random bytes are painted as text, fontconfig loads the fallback fonts of
// a dozen scripts (CJK among them): a once-per-process cost, whatever the payload's size,
// paid here so the steps below measure the views.
void TestPayloadViewGui::initTestCase()
{
    LazyTextView warm;
    warm.resize(800, 400);
    warm.setText(QString::fromUtf8(bigPayload(QStringLiteral("binary"), 4096)));
    warm.show();
    QVERIFY(QTest::qWaitForWindowExposed(&warm));
    warm.repaint();
}

void TestPayloadViewGui::autoModePicks_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("page");   // object name of the page shown
    QTest::addColumn<QString>("info");   // part of the text beside the view
    QTest::addColumn<QString>("absent"); // what that text must not say
    QTest::newRow("binary, not UTF-8") << QByteArray("\x00\x01\xff\xfe\x80 data", 10) << int(PayloadView::Hex)
                                       << "payloadHex" << "binary (not UTF-8)" << "";
    QTest::newRow("binary, valid UTF-8 with controls") << QByteArray("\x08\x01\x12\x04" "temp\x1d\x00\x00\x00" "A", 13)
                                                       << int(PayloadView::Hex) << "payloadHex" << "binary" << "";
    QTest::newRow("text") << QByteArray("hello\tworld\r\n") << int(PayloadView::Text) << "payloadText" << "13 bytes" << "binary";
    QTest::newRow("JSON") << QByteArray(R"({"a":[1,2,{"b":true}]})") << int(PayloadView::Json) << "payloadJson" << "22 bytes"
                          << "Not JSON";
    QTest::newRow("invalid JSON") << QByteArray(R"({"a": 1, "b": })") << int(PayloadView::Text) << "payloadText"
                                  << "Not JSON" << "";
    QTest::newRow("valid JSON 1000 deep") << deepJson(1000) << int(PayloadView::Json) << "payloadJson" << "bytes"
                                          << "Not JSON";
    QTest::newRow("valid JSON 5000 deep") << deepJson(5000) << int(PayloadView::Text) << "payloadText"
                                          << "too deep to fold" << "Not JSON";
}

void TestPayloadViewGui::autoModePicks()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, mode);
    QFETCH(QString, page);
    QFETCH(QString, info);
    QFETCH(QString, absent);
    MessageDetailView detail;
    detail.resize(900, 600);
    detail.show();
    QVERIFY(QTest::qWaitForWindowExposed(&detail));
    detail.showMessage(message(bytes), QStringLiteral("t"));
    PayloadView *view = detail.valueView();
    QCOMPARE(view->findChild<QComboBox *>(QStringLiteral("payloadMode"))->currentIndex(), int(PayloadView::Auto));
    QCOMPARE(int(view->shownMode()), mode);
    QCOMPARE(shownPage(view)->objectName(), page);
    QVERIFY2(view->infoText().contains(info), qPrintable(view->infoText()));
    if (!absent.isEmpty())
        QVERIFY2(!view->infoText().contains(absent), qPrintable(view->infoText()));
    if (mode == PayloadView::Text) // the raw text is there to read, whatever the verdict
        QCOMPARE(view->shownText(), QString::fromUtf8(bytes));
    if (mode == PayloadView::Hex)
        QVERIFY(view->shownText().startsWith(QStringLiteral("00000000  ")));
    if (mode == PayloadView::Json)
        QCOMPARE(view->findChild<QTreeWidget *>(QStringLiteral("payloadJson"))->topLevelItemCount(), 1);
}

void TestPayloadViewGui::hugePayloadsStayResponsive_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<qsizetype>("size");
    // Under a sanitizer the 10 MB rows take minutes to fold; 2 MB walks the same code.
    const QList<qsizetype> sizes = kSanitized ? QList<qsizetype>{qsizetype(2) << 20}
                                              : QList<qsizetype>{qsizetype(2) << 20, qsizetype(10) << 20};
    for (qsizetype size : sizes)
        for (const char *kind : {"text, one line", "text, many lines", "binary", "JSON, one line", "JSON, many lines"})
            QTest::addRow("%s, %lld MB", kind, qlonglong(size >> 20)) << QString::fromLatin1(kind) << size;
}

void TestPayloadViewGui::hugePayloadsStayResponsive()
{
    QFETCH(QString, kind);
    QFETCH(qsizetype, size);
    const QByteArray bytes = bigPayload(kind, size);
    const bool json = kind.startsWith(u"JSON");
    MessageDetailView detail;
    detail.resize(1000, 700);
    detail.show();
    QVERIFY(QTest::qWaitForWindowExposed(&detail));
    PayloadView *view = detail.valueView();
    auto *modes = view->findChild<QComboBox *>(QStringLiteral("payloadMode"));
    LatencyProbe probe;
    QStringList figures;
    auto measure = [&](const char *what, const std::function<void()> &step) {
        // A step counts from the call to its first screen painted.
        probe.start();
        QElapsedTimer wall;
        wall.start();
        const qint64 cpu = threadCpuNs();
        step();
        shownPage(view)->repaint();
        const double cpuMs = double(threadCpuNs() - cpu) / 1e6, wallMs = double(wall.nsecsElapsed()) / 1e6;
        // A measurement interval, not a wait for a state: the probe samples the event loop's
        // latency over the 20 ms after the step, so that work the step posted (layouts, paints,
        // a worker's result) is measured too.
        QTest::qWait(20);
        probe.stop();
        figures << QStringLiteral("%1 %2/%3 ms (cpu/wall), loop %4/%5 ms")
                       .arg(QLatin1String(what))
                       .arg(cpuMs, 0, 'f', 1).arg(wallMs, 0, 'f', 1)
                       .arg(probe.maxCpuMs(), 0, 'f', 1).arg(probe.maxWallMs(), 0, 'f', 1);
        QVERIFY2(cpuMs < 100 * kTimingSlack, qPrintable(figures.join(QStringLiteral("; "))));
        QVERIFY2(probe.maxCpuMs() < 100 * kTimingSlack, qPrintable(figures.join(QStringLiteral("; "))));
    };
    auto scrollToEnd = [&] {
        auto *page = qobject_cast<QAbstractScrollArea *>(shownPage(view));
        QVERIFY(page);
        QScrollBar *bar = page->verticalScrollBar();
        QVERIFY(bar->maximum() > 0);
        measure("scroll to the end", [&] { bar->setValue(bar->maximum()); });
        measure("scroll back a page", [&] { bar->triggerAction(QAbstractSlider::SliderPageStepSub); });
    };

    measure("open (Auto)", [&] { detail.showMessage(message(bytes), QStringLiteral("big")); });
    if (json) // the raw text until the worker's tree is in (which may already be the case)
        QVERIFY(view->shownMode() == PayloadView::Text || view->shownMode() == PayloadView::Json);
    else
        QCOMPARE(int(view->shownMode()), int(kind == u"binary" ? PayloadView::Hex : PayloadView::Text));

    modes->setCurrentIndex(PayloadView::Text);
    measure("Text", [&] { modes->setCurrentIndex(PayloadView::Text); });
    auto *text = view->findChild<LazyTextView *>(QStringLiteral("payloadText"));
    QCOMPARE(shownPage(view), text);
    scrollToEnd();
    // The last row painted is the end of the payload.
    const QString decoded = QString::fromUtf8(bytes);
    const QString lastRow = text->rowText(text->rowCount() - 1);
    QVERIFY(!lastRow.isEmpty() || decoded.endsWith(u'\n'));
    QVERIFY(decoded.endsWith(lastRow));

    measure("Hex", [&] { modes->setCurrentIndex(PayloadView::Hex); });
    auto *hex = view->findChild<LazyTextView *>(QStringLiteral("payloadHex"));
    QCOMPARE(shownPage(view), hex);
    QCOMPARE(hex->lineCount(), (bytes.size() + 15) / 16);
    scrollToEnd();
    QCOMPARE(hex->rowText(0).left(10), QStringLiteral("00000000  "));

    measure("JSON", [&] { modes->setCurrentIndex(PayloadView::Json); });
    if (json) {
        // The raw text shows while the tree is folded on a worker; then the tree, capped.
        probe.start();
        QTRY_VERIFY_WITH_TIMEOUT(!view->jsonPending(), 60000);
        probe.stop();
        figures << QStringLiteral("folding: loop %1/%2 ms").arg(probe.maxCpuMs(), 0, 'f', 1).arg(probe.maxWallMs(), 0, 'f', 1);
        QVERIFY2(probe.maxCpuMs() < 100 * kTimingSlack, qPrintable(figures.join(QStringLiteral("; "))));
        QCOMPARE(int(view->shownMode()), int(PayloadView::Json));
        auto *tree = view->findChild<QTreeWidget *>(QStringLiteral("payloadJson"));
        QCOMPARE(shownPage(view), tree);
        auto *showAll = view->findChild<QPushButton *>(QStringLiteral("showAllJson"));
        QVERIFY(showAll->isVisible());
        measure("Show all", [&] { showAll->click(); });
        probe.start();
        QTRY_VERIFY_WITH_TIMEOUT(!view->jsonPending(), 120000);
        QTRY_VERIFY_WITH_TIMEOUT(!showAll->isVisible(), 5000);
        probe.stop();
        figures << QStringLiteral("folding all: loop %1/%2 ms").arg(probe.maxCpuMs(), 0, 'f', 1).arg(probe.maxWallMs(), 0, 'f', 1);
        QVERIFY2(probe.maxCpuMs() < 100 * kTimingSlack, qPrintable(figures.join(QStringLiteral("; "))));
        QVERIFY(!view->infoText().contains(QStringLiteral("first")));
        // A big tree opens collapsed; the user opens it.
        QTreeWidgetItem *root = tree->topLevelItem(0);
        QVERIFY(root);
        measure("expand the root", [&] { tree->expandItem(root); });
        QTRY_VERIFY_WITH_TIMEOUT(root->childCount() > 0, 10000);
        scrollToEnd();
    } else {
        // Parsed on a worker too; what does not parse stays readable as text, with the reason.
        QTRY_VERIFY_WITH_TIMEOUT(!view->jsonPending(), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(view->infoText().contains(QStringLiteral("Not JSON")), 5000);
        QCOMPARE(shownPage(view), text);
    }
    measure("back to Auto", [&] { modes->setCurrentIndex(PayloadView::Auto); });
    measure("next message", [&] { detail.showMessage(message("small"), QStringLiteral("big")); });
    qInfo("%s", qPrintable(figures.join(QStringLiteral("; "))));
}

KAFKASCOPE_GUI_TEST_MAIN(TestPayloadViewGui)
#include "tst_payload_view_gui.moc"
