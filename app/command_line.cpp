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
                                   QStringLiteral("Panel to open: overview, topics, throughput, groups, telemetry, browser. "
                                                  "Repeat it or separate names with commas to open several; the last is shown."),
                                   QStringLiteral("name"));
    const QCommandLineOption stats(QStringLiteral("stats"),
                                   QStringLiteral("Print a line with the telemetry store's size and points to standard "
                                                  "output every this many seconds (for the soak benchmark)."),
                                   QStringLiteral("s"));
    const QCommandLineOption test(QStringLiteral("test-connection"),
                                  QStringLiteral("Check one cluster without a display, as the connection dialog's "
                                                 "Test button does: print the broker count, cluster id and controller "
                                                 "and exit 0, or the exact error and exit 1. The cluster is the saved "
                                                 "connection NAME, or the brokers of the bootstrap option."));
    const QCommandLineOption bootstrap(QStringLiteral("bootstrap"),
                                       QStringLiteral("With --test-connection: the brokers to reach instead of a saved connection."),
                                       QStringLiteral("host:port"));
    const QCommandLineOption property(QStringLiteral("X"),
                                      QStringLiteral("With --test-connection --bootstrap: a librdkafka property "
                                                     "such as security.protocol=SASL_SSL; repeatable."),
                                      QStringLiteral("key=value"));
    parser.addOptions({help, version, demo, rate, settings, shot, shotDelay, quitAfter, panel, stats, test, bootstrap, property});
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("With --test-connection: a saved connection's name."),
                                 QStringLiteral("[NAME]"));

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
    o.testConnection = parser.isSet(test);
    const QStringList positional = parser.positionalArguments();
    if (o.testConnection) {
        o.testBootstrap = parser.value(bootstrap);
        o.testProperties = parser.values(property);
        if (!o.testBootstrap.isEmpty() == !positional.isEmpty() || positional.size() > 1)
            return fail(QStringLiteral("--test-connection needs either one saved connection NAME or --bootstrap HOST:PORT."));
        if (!positional.isEmpty() && !o.testProperties.isEmpty())
            return fail(QStringLiteral("-X goes with --bootstrap; a saved connection keeps its own properties."));
        for (const QString &kv : std::as_const(o.testProperties))
            if (kv.indexOf(u'=') <= 0)
                return fail(QStringLiteral("-X needs key=value, got \"%1\".").arg(kv));
        o.testProfileName = positional.value(0);
        o.settingsFile = parser.value(settings);
        return o;
    }
    if (!positional.isEmpty())
        return fail(QStringLiteral("unexpected argument \"%1\".").arg(positional.first()));
    if (parser.isSet(bootstrap) || parser.isSet(property))
        return fail(QStringLiteral("--bootstrap and -X go with --test-connection."));
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
    for (const QString &names : parser.values(panel))
        o.openPanels += names.split(u',', Qt::SkipEmptyParts);
    if (parser.isSet(stats) && ((o.statsEverySeconds = parser.value(stats).toInt(&ok)) <= 0 || !ok))
        return fail(QStringLiteral("--stats needs a number of seconds, got \"%1\".").arg(parser.value(stats)));
    return o;
}
