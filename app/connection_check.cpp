#include "connection_check.h"

#include "cluster/connection_tester.h"
#include "profiles/profile_secrets.h"
#include "profiles/profile_store.h"
#include "profiles/secret_store.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <cstdio>
#include <iostream>
#include <string>
#include <termios.h>
#include <unistd.h>

using namespace kafkascope;

namespace {

int failWith(const QString &message)
{
    std::fprintf(stderr, "kafkascope: %s\n", qPrintable(message));
    return 1;
}

// Reads one line from the terminal without echoing it (a password); stdin as it is when it
// is no terminal, so scripts can pipe the secret in.
QString askSecret(const QString &prompt)
{
    std::fprintf(stderr, "%s", qPrintable(prompt));
    std::fflush(stderr);
    termios saved{};
    const bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (tty) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fprintf(stderr, "\n");
    }
    return QString::fromStdString(line);
}

// The saved profile's secrets from the keychain (or, with KAFKASCOPE_NO_KEYCHAIN=1, none).
void readSecrets(ConnectionProfile *profile)
{
    SecretStore secrets;
    QEventLoop loop;
    bool done = false;
    secrets.read(profile->id, [&](bool found, const QByteArray &payload) {
        if (found)
            unpackSecrets(payload, profile);
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
}

// The profile to test, or an empty id with *error set.
ConnectionProfile profileToTest(const CommandLineOptions &o, QString *error)
{
    ConnectionProfile p;
    if (!o.testBootstrap.isEmpty()) {
        p.id = QStringLiteral("command-line");
        p.name = o.testBootstrap;
        p.bootstrapServers = o.testBootstrap;
        if (const QString why = validateBootstrapServers(p.bootstrapServers); !why.isEmpty()) {
            *error = QStringLiteral("--bootstrap %1: %2").arg(o.testBootstrap, why);
            return {};
        }
        // Applied after the profile's own properties, so -X security.protocol=... wins.
        for (const QString &kv : o.testProperties)
            p.extraProperties.append({kv.section(u'=', 0, 0), kv.section(u'=', 1)});
        return p;
    }
    const ProfileStore store(o.settingsFile);
    QStringList names;
    for (const ConnectionProfile &saved : store.profiles()) {
        if (saved.name == o.testProfileName)
            return saved;
        names << saved.name;
    }
    *error = names.isEmpty() ? QStringLiteral("no saved connection is named \"%1\" (there are none)").arg(o.testProfileName)
                             : QStringLiteral("no saved connection is named \"%1\" (saved: %2)")
                                   .arg(o.testProfileName, names.join(QStringLiteral(", ")));
    return {};
}

} // namespace

int runConnectionCheck(int argc, char *argv[], const CommandLineOptions &options)
{
    // A core application only: settings and the keychain, no display.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kafkascope"));
    QCoreApplication::setOrganizationName(QStringLiteral("Kafkascope"));
    QString error;
    ConnectionProfile profile = profileToTest(options, &error);
    if (profile.id.isEmpty())
        return failWith(error);
    if (options.testBootstrap.isEmpty()) {
        readSecrets(&profile);
        if (profile.usesSasl() && profile.password.isEmpty())
            profile.password = askSecret(QStringLiteral("Password for %1 on %2: ").arg(profile.username, profile.name));
    }
    const ConnectionTestResult r = testConnection(profile);
    if (!r.ok)
        return failWith(QStringLiteral("cannot connect to %1: %2").arg(profile.bootstrapServers, r.error));
    std::printf("connected: %s in %lld ms\n", qPrintable(profile.bootstrapServers), qlonglong(r.elapsedMs));
    std::printf("brokers: %d\n", r.brokerCount);
    std::printf("cluster id: %s\n", qPrintable(r.clusterId.isEmpty() ? QStringLiteral("unknown") : r.clusterId));
    std::printf("controller: %s\n",
                qPrintable(r.controllerId < 0 ? QStringLiteral("unknown") : QString::number(r.controllerId)));
    return 0;
}
