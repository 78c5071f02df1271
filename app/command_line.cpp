#include "command_line.h"
#include "kafka/librdkafka_version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>

CommandLineOptions parseCommandLine(const QStringList &arguments)
{
    CommandLineOptions o;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Kafkascope shows, live, what flows through Apache Kafka clusters: throughput, "
        "partition offsets, consumer-group lag and device telemetry."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help and exit."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     QStringLiteral("Show the version and exit."));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Start the embedded demo cluster and open it."));
    const QCommandLineOption rate(QStringLiteral("demo-rate"),
                                  QStringLiteral("Messages per second from the demo devices (default 200)."),
                                  QStringLiteral("n"));
    const QCommandLineOption settings(QStringLiteral("settings"),
                                      QStringLiteral("Read and write settings in this INI file."),
                                      QStringLiteral("file"));
    const QCommandLineOption shot(QStringLiteral("screenshot"),
                                  QStringLiteral("Save a PNG of the main window after a delay, then quit."),
                                  QStringLiteral("file"));
    const QCommandLineOption shotDelay(QStringLiteral("screenshot-delay"),
                                       QStringLiteral("Milliseconds to wait before --screenshot (default 6000)."),
                                       QStringLiteral("ms"));
    const QCommandLineOption quitAfter(QStringLiteral("quit-after"),
                                       QStringLiteral("Quit by itself after this many milliseconds."),
                                       QStringLiteral("ms"));
    const QCommandLineOption panel(QStringLiteral("panel"),
                                   QStringLiteral("Panel to show first: overview, topics, throughput, groups, telemetry, browser."),
                                   QStringLiteral("name"));
    parser.addOptions({help, version, demo, rate, settings, shot, shotDelay, quitAfter, panel});

    auto fail = [&](const QString &message) {
        std::fprintf(stderr, "kafkascope: %s\nTry 'kafkascope --help'.\n", qPrintable(message));
        o.exitNow = true;
        o.exitCode = 2;
        return o;
    };
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(help)) {
        // No QCoreApplication exists yet (so no display is needed): name the program ourselves.
        QString text = parser.helpText();
        text.replace(QStringLiteral("<executable_name>"), QStringLiteral("kafkascope"));
        std::fputs(qPrintable(text), stdout);
        o.exitNow = true;
        return o;
    }
    if (parser.isSet(version)) {
        std::printf("kafkascope %s (librdkafka %s)\n", KAFKASCOPE_VERSION,
                    qPrintable(kafkascope::librdkafkaVersion()));
        o.exitNow = true;
        return o;
    }
    bool ok = true;
    o.demo = parser.isSet(demo);
    if (parser.isSet(rate) && ((o.demoRate = parser.value(rate).toInt(&ok)) < 0 || !ok))
        return fail(QStringLiteral("--demo-rate needs a number of messages per second, got \"%1\".").arg(parser.value(rate)));
    o.settingsFile = parser.value(settings);
    o.screenshotPath = parser.value(shot);
    if (parser.isSet(shotDelay) && ((o.screenshotDelayMs = parser.value(shotDelay).toInt(&ok)) < 0 || !ok))
        return fail(QStringLiteral("--screenshot-delay needs milliseconds."));
    if (parser.isSet(quitAfter) && ((o.quitAfterMs = parser.value(quitAfter).toInt(&ok)) < 0 || !ok))
        return fail(QStringLiteral("--quit-after needs milliseconds."));
    o.openPanel = parser.value(panel);
    return o;
}
