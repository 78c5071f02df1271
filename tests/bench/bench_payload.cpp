// On-demand benchmark of opening a big message in the browser (run by tests/bench/payload.sh):
// the browser's detail pane (MessageDetailView with the Decoded tab, as BrowserPanel builds
// it), offscreen at 1280x720, is handed a record as selecting its row does, and the time to
// its first screen painted is measured for a 10 MB JSON value, a 10 MB binary value, and a
// 1 KB JSON value as the reference. Rounds alternate; the first is a warm-up (fonts, caches).
//   bench_payload [ROUNDS]
// Prints every round, the medians, and payload_open_ms (the worse of the two 10 MB medians).

#include "messages/decoded_view.h"
#include "messages/message_detail_view.h"
#include "payload_view.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace kafkascope;

namespace {

constexpr qsizetype kBig = qsizetype(10) << 20;

// One line of device readings, as a gateway batch would be.
QByteArray jsonValue(qsizetype size)
{
    QByteArray out = "[";
    out.reserve(size + 256);
    for (int i = 0; out.size() < size; ++i) {
        if (i)
            out += ',';
        out += "{\"id\":" + QByteArray::number(i) + ",\"device\":\"meter-" + QByteArray::number(i % 97)
               + "\",\"values\":{\"temperature\":21.5,\"on\":true}}";
    }
    return out + ']';
}

QByteArray binaryValue(qsizetype size)
{
    QByteArray out(size, Qt::Uninitialized);
    quint32 x = 2463534242u;
    for (char &c : out) { // xorshift: every byte value, no structure
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        c = char(x & 0xff);
    }
    return out;
}

KafkaMessage record(const QByteArray &value, qint64 offset)
{
    KafkaMessage m;
    m.partition = 0;
    m.offset = offset;
    m.timestamp = 1700000000000 + offset;
    m.timestampType = TimestampType::CreateTime;
    m.key = "meter-0042";
    m.keyNull = false;
    m.value = value;
    m.valueNull = false;
    return m;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int rounds = std::max(1, app.arguments().value(1, QStringLiteral("5")).toInt());
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("bench.conf")), QSettings::IniFormat);
    ConnectionProfile profile;
    profile.id = QStringLiteral("bench");
    profile.name = QStringLiteral("bench");
    profile.bootstrapServers = QStringLiteral("127.0.0.1:1"); // never reached: no registry is set

    MessageDetailView detail;
    auto *decoded = new DecodedView(profile, settings);
    detail.addView(decoded, QStringLiteral("Decoded"));
    detail.resize(1280, 720);
    detail.show();
    detail.repaint();

    struct Case
    {
        const char *name;
        QByteArray value;
        std::vector<double> ms;
    };
    Case cases[] = {{"json_10mb", jsonValue(kBig), {}}, {"binary_10mb", binaryValue(kBig), {}}, {"json_1kb", jsonValue(1024), {}}};
    qint64 offset = 0;
    for (int round = 0; round <= rounds; ++round) {
        QString line;
        for (int k = 0; k < 3; ++k) {
            Case &c = cases[(k + round) % 3]; // take turns going first
            const KafkaMessage m = record(c.value, ++offset);
            QElapsedTimer timer;
            timer.start();
            detail.showMessage(m, QStringLiteral("bench.payload")); // what selecting the row does
            decoded->showMessage(m, QStringLiteral("bench.payload"));
            detail.repaint(); // the first screen, painted
            const double ms = double(timer.nsecsElapsed()) / 1e6;
            const PayloadView::Mode mode = detail.valueView()->shownMode();
            const QString shown = mode == PayloadView::Hex ? QStringLiteral("hex")
                                  : mode == PayloadView::Json ? QStringLiteral("JSON tree") : QStringLiteral("text");
            if (round > 0)
                c.ms.push_back(ms);
            // Let what the step started (the JSON fold, the decode job) finish before the next,
            // and say how long that took: not the figure, but what the user waits for the tree.
            while ((detail.valueView()->jsonPending() || decoded->infoText() == DecodedView::tr("Decoding…"))
                   && timer.elapsed() < 60000)
                QApplication::processEvents(QEventLoop::AllEvents, 10);
            line += QStringLiteral("  %1 %2 ms (%3; settled %4 ms)").arg(QLatin1String(c.name)).arg(ms, 0, 'f', 1).arg(shown)
                        .arg(double(timer.nsecsElapsed()) / 1e6, 0, 'f', 0);
        }
        std::printf("%s%s\n", round == 0 ? "warm-up (not counted):" : qPrintable(QStringLiteral("round %1:").arg(round)),
                    qPrintable(line));
    }
    const double json = median(cases[0].ms), binary = median(cases[1].ms), small = median(cases[2].ms);
    std::printf("payload_open_json_ms: %.1f (median of %d rounds)\n", json, rounds);
    std::printf("payload_open_binary_ms: %.1f (median of %d rounds)\n", binary, rounds);
    std::printf("payload_open_1kb_ms: %.1f (the reference: a 1 KB JSON value)\n", small);
    std::printf("payload_10mb_vs_1kb: %.1f\n", std::max(json, binary) / std::max(small, 0.001));
    std::printf("payload_open_ms: %.1f (the worse of the 10 MB JSON and binary medians)\n", std::max(json, binary));
    return 0;
}
