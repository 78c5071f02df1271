// Kafkascope's entry point: parse the command line without a display, then open the window.

#include "command_line.h"
#include "connection_check.h"
#include "shell/main_window.h"
#include "store_stats.h"

#include "jobs/job_runner.h"

#include <QApplication>
#include <QIcon>
#include <QTimer>
#include <cstdio>
#include <cstdlib>

namespace {
constexpr int kQuitWaitMs = 1000; // the process must be gone within 2 s of quit
}

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const CommandLineOptions options = parseCommandLine(arguments);
    if (options.exitNow)
        return options.exitCode;
    if (options.testConnection)
        return runConnectionCheck(argc, argv, options);

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("kafkascope"));
    QApplication::setApplicationDisplayName(QStringLiteral("Kafkascope"));
    QApplication::setOrganizationName(QStringLiteral("Kafkascope"));
    QApplication::setApplicationVersion(QStringLiteral(KAFKASCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.kafkascope.Kafkascope"));
    // Every window and dialog gets the icon; the desktop's themed one wins when installed.
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("io.kafkascope.Kafkascope"),
                                                 QIcon(QStringLiteral(":/icons/kafkascope.svg"))));

    int rc = 0;
    {
        kafkascope::MainWindow::Options windowOptions;
        windowOptions.settingsFile = options.settingsFile;
        windowOptions.startDemo = options.demo;
        windowOptions.demoRate = options.demoRate;
        windowOptions.openPanels = options.openPanels;
        kafkascope::MainWindow window(windowOptions);
        window.show();
        if (options.statsEverySeconds > 0)
            new StoreStats(&window, options.statsEverySeconds); // owned by the window

        if (!options.screenshotPath.isEmpty()) {
            QTimer::singleShot(options.screenshotDelayMs, &window, [&window, &options] {
                const bool saved = window.grab().save(options.screenshotPath);
                QApplication::exit(saved ? 0 : 1);
            });
        }
        if (options.quitAfterMs > 0)
            QTimer::singleShot(options.quitAfterMs, &app, &QApplication::quit);
        rc = app.exec();
    } // the window closes its panels and sessions; none of them waits on the network
    // Worker threads get a bounded time to end. One still stuck on a hung broker after that
    // is abandoned: leave without running static destructors it might still depend on.
    if (!kafkascope::JobRunner::waitForAll(kQuitWaitMs)) {
        std::fflush(nullptr);
        std::_Exit(rc);
    }
    return rc;
}
