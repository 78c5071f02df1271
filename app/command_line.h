#pragma once
// The command line, parsed before any window exists so --help and --version work without
// a display.

#include <QString>
#include <QStringList>

struct CommandLineOptions
{
    bool demo = false;
    int demoRate = 200;        // messages per second from the demo devices
    QString settingsFile;      // use this INI instead of the user's settings
    QString screenshotPath;    // grab the main window to this PNG, then quit
    int screenshotDelayMs = 6000;
    int quitAfterMs = 0;       // 0: run until the user quits
    QStringList openPanels;    // panels to open, the last shown (e.g. "throughput", "telemetry")
    int statsEverySeconds = 0; // > 0: print the telemetry store's size this often (soak benchmark)
    // --test-connection: check one cluster without a window, then exit.
    bool testConnection = false;
    QString testProfileName;      // a saved profile, or...
    QString testBootstrap;        // ...--bootstrap HOST:PORT
    QStringList testProperties;   // -X key=value, in order
    bool exitNow = false;      // --help/--version/error handled
    int exitCode = 0;
};

CommandLineOptions parseCommandLine(const QStringList &arguments);
