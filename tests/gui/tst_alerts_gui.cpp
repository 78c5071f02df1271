// The Alerts panel driven offscreen: a rule created through the dialog (bad input refused
// beside its field, nothing typed lost) fires in the log, turns the tray icon red and sends a
// desktop notification, received here by a stand-in org.freedesktop.Notifications service on
// a private session bus (dbus-daemon). Export and import round-trip the rules and the log.

#include "alerts/alert_store.h"
#include "alerts/alert_tray.h"
#include "alerts/alert_watcher.h"
#include "alerts/alerts_panel.h"
#include "alerts/rule_dialog.h"
#include "cluster/workspace.h"
#include "shell/main_window.h"
#include "shell/theme.h"
#include "test_main.h"

#include <QComboBox>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSystemTrayIcon>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QMenu>
#include <QToolButton>

using namespace kafkascope;

// What a desktop's notification daemon would receive.
class FakeNotifications : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Received
    {
        QString app, summary, body;
        int urgency = -1;
    };
    QList<Received> received;

public slots:
    uint Notify(const QString &app, uint, const QString &, const QString &summary, const QString &body,
                const QStringList &, const QVariantMap &hints, int)
    {
        received.append({app, summary, body, hints.value(QStringLiteral("urgency")).toInt()});
        return uint(received.size());
    }
    QStringList GetCapabilities() { return {QStringLiteral("body")}; }
};

class TestAlertsGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void ruleFromDialogFiresLogsTrayAndNotifies();
    void exportImportRoundTrip();
    void muteForAChosenTime();
    void cleanupTestCase();

private:
    QProcess m_bus;
    FakeNotifications m_daemon;
    QTemporaryDir m_dir;
};

void TestAlertsGui::initTestCase()
{
    // A private session bus, so the test neither needs nor disturbs a desktop's.
    m_bus.start(QStringLiteral("dbus-daemon"),
                {QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--print-address")});
    QVERIFY2(m_bus.waitForStarted(5000), "dbus-daemon (Debian package dbus-daemon) is needed");
    QTRY_VERIFY_WITH_TIMEOUT(m_bus.canReadLine(), 5000);
    const QByteArray address = m_bus.readLine().trimmed();
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);
    // The daemon stand-in uses a connection of its own: the app's Notify goes through the bus.
    QDBusConnection daemon = QDBusConnection::connectToBus(QString::fromUtf8(address), QStringLiteral("fake-daemon"));
    QVERIFY2(daemon.isConnected(), qPrintable(daemon.lastError().message()));
    QVERIFY(daemon.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &m_daemon,
                                  QDBusConnection::ExportAllSlots));
    QVERIFY(daemon.registerService(QStringLiteral("org.freedesktop.Notifications")));
    QVERIFY(QDBusConnection::sessionBus().isConnected());
    QVERIFY(QDBusConnection::sessionBus().interface()->isServiceRegistered(QStringLiteral("org.freedesktop.Notifications")));
}

void TestAlertsGui::cleanupTestCase()
{
    QDBusConnection::disconnectFromBus(QStringLiteral("fake-daemon"));
    m_bus.kill();
    m_bus.waitForFinished(5000);
}

void TestAlertsGui::ruleFromDialogFiresLogsTrayAndNotifies()
{
    MainWindow::Options options;
    options.settingsFile = m_dir.filePath(QStringLiteral("gui.ini"));
    ConnectionProfile profile;
    profile.id = ConnectionProfile::newId();
    profile.name = QStringLiteral("nowhere");
    profile.bootstrapServers = QStringLiteral("127.0.0.1:1"); // nothing listens: refused at once
    // No rules yet for this cluster (not even the default ones): only ours can fire.
    QVERIFY(AlertStore::save(AlertStore::pathFor(options.settingsFile, profile.id), AlertConfig{}));
    MainWindow window(options);
    window.workspace()->saveProfile(profile);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.alertTray()->worst());
    const QColor calm = window.alertTray()->trayIcon()->icon().pixmap(64).toImage().pixelColor(32, 32);
    QCOMPARE(calm, Theme::severityColor(-1));

    window.openPanel(profile.id, QStringLiteral("alerts"));
    QTRY_VERIFY(window.findPanel(profile.id, QStringLiteral("alerts")));
    auto *panel = qobject_cast<AlertsPanel *>(window.findPanel(profile.id, QStringLiteral("alerts")));
    QVERIFY(panel);
    auto *rules = panel->findChild<QTableWidget *>(QStringLiteral("ruleTable"));
    auto *log = panel->findChild<QTableWidget *>(QStringLiteral("logTable"));
    QCOMPARE(rules->rowCount(), 0);

    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("newRuleButton")), Qt::LeftButton);
    QTRY_VERIFY(panel->findChild<RuleDialog *>());
    auto *dialog = panel->findChild<RuleDialog *>();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto *kind = dialog->findChild<QComboBox *>(QStringLiteral("kindCombo"));
    kind->setCurrentIndex(kind->findData(int(RuleKind::ClusterUnreachable)));
    auto *severity = dialog->findChild<QComboBox *>(QStringLiteral("severityCombo"));
    severity->setCurrentIndex(severity->findText(QStringLiteral("critical")));
    auto *forEdit = dialog->findChild<QLineEdit *>(QStringLiteral("forEdit"));
    forEdit->clear();
    QTest::keyClicks(forEdit, QStringLiteral("one"));
    auto *ok = dialog->findChild<QPushButton *>(QStringLiteral("okButton"));
    QTest::mouseClick(ok, Qt::LeftButton);
    // Refused beside the fields: no name, and "one" is not seconds. Nothing typed is lost.
    QVERIFY(dialog->isVisible());
    auto *nameMessage = dialog->findChild<QLabel *>(QStringLiteral("nameMessage"));
    auto *forMessage = dialog->findChild<QLabel *>(QStringLiteral("forSecondsMessage"));
    QVERIFY(nameMessage->isVisible());
    QVERIFY(forMessage->isVisible());
    QVERIFY(forMessage->text().contains(u"seconds"));
    QCOMPARE(forEdit->text(), QStringLiteral("one"));

    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("Cluster dark"));
    forEdit->selectAll();
    QTest::keyClicks(forEdit, QStringLiteral("1"));
    QVERIFY(!forMessage->isVisible());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY(!panel->findChild<RuleDialog *>());
    QTRY_COMPARE(rules->rowCount(), 1);
    QCOMPARE(rules->item(0, 0)->text(), QStringLiteral("Cluster dark"));

    // Nothing listens at the address: the rule fires after its second, in the log...
    QTRY_VERIFY_WITH_TIMEOUT(log->rowCount() > 0, 30000);
    QCOMPARE(log->item(0, 1)->text(), QStringLiteral("fired"));
    QCOMPARE(log->item(0, 2)->text(), QStringLiteral("critical"));
    QCOMPARE(log->item(0, 3)->text(), QStringLiteral("Cluster dark"));
    QVERIFY(!log->item(0, 6)->text().isEmpty());
    // ... the tray turns to the worst active severity ...
    QTRY_COMPARE(window.alertTray()->worst(), std::optional(AlertSeverity::Critical));
    QCOMPARE(window.alertTray()->trayIcon()->icon().pixmap(64).toImage().pixelColor(32, 32),
             Theme::severityColor(int(AlertSeverity::Critical)));
    // ... and the desktop's notification service is told, once.
    QTRY_COMPARE(m_daemon.received.size(), 1);
    QCOMPARE(m_daemon.received.first().app, QStringLiteral("Kafkascope"));
    QVERIFY(m_daemon.received.first().summary.contains(u"Cluster dark"));
    QVERIFY(m_daemon.received.first().summary.contains(u"nowhere"));
    QCOMPARE(m_daemon.received.first().urgency, 2);

    // Acknowledged: still active, marked so in the table and the log.
    auto *active = panel->findChild<QTableWidget *>(QStringLiteral("activeTable"));
    QTRY_COMPARE(active->rowCount(), 1);
    active->selectRow(0);
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("ackButton")), Qt::LeftButton);
    QTRY_COMPARE(active->item(0, 4)->text(), QStringLiteral("acknowledged"));
    QTRY_COMPARE(log->item(0, 1)->text(), QStringLiteral("acknowledged"));
    QCOMPARE(m_daemon.received.size(), 1);
}

void TestAlertsGui::exportImportRoundTrip()
{
    MainWindow::Options options;
    options.settingsFile = m_dir.filePath(QStringLiteral("gui2.ini"));
    ConnectionProfile profile;
    profile.id = ConnectionProfile::newId();
    profile.name = QStringLiteral("elsewhere");
    profile.bootstrapServers = QStringLiteral("127.0.0.1:1");
    MainWindow window(options);
    window.workspace()->saveProfile(profile);
    window.openPanel(profile.id, QStringLiteral("alerts"));
    QTRY_VERIFY(window.findPanel(profile.id, QStringLiteral("alerts")));
    auto *panel = qobject_cast<AlertsPanel *>(window.findPanel(profile.id, QStringLiteral("alerts")));
    AlertWatcher *watcher = AlertWatcher::of(profile.id);
    QVERIFY(watcher);
    // A new cluster starts with the default "unreachable" rule.
    QTRY_COMPARE(watcher->rules().size(), 1);

    AlertRule extra = AlertRule::withNewId();
    extra.name = QStringLiteral("Billing lag");
    extra.target = QStringLiteral("billing");
    extra.threshold = 5000;
    watcher->addRule(extra);
    QTRY_COMPARE(watcher->rules().size(), 2);
    const QString file = m_dir.filePath(QStringLiteral("team-rules.json"));
    QVERIFY(panel->exportTo(file));

    watcher->setRules({});
    QTRY_COMPARE(panel->findChild<QTableWidget *>(QStringLiteral("ruleTable"))->rowCount(), 0);
    QStringList errors;
    QVERIFY(panel->importFrom(file, &errors));
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QTRY_COMPARE(watcher->rules().size(), 2);
    QVERIFY(watcher->rules().contains(extra));

    // Not ours: refused with the reason, the rules untouched.
    QFile junk(m_dir.filePath(QStringLiteral("junk.json")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("{\"rules\": []}");
    junk.close();
    QVERIFY(!panel->importFrom(junk.fileName(), &errors));
    QVERIFY(panel->findChild<QLabel *>(QStringLiteral("fileMessage"))->text().contains(u"Not a Kafkascope alerts file"));
    QCOMPARE(watcher->rules().size(), 2);
}

// "Mute for a time": the user picks how long, the log and the rule say until when, and a
// restart keeps it. A lag-in-seconds
// rule that gets no figure (lag in time is read for one group at a time) says so in its state.
void TestAlertsGui::muteForAChosenTime()
{
    MainWindow::Options options;
    options.settingsFile = m_dir.filePath(QStringLiteral("gui3.ini"));
    ConnectionProfile profile;
    profile.id = ConnectionProfile::newId();
    profile.name = QStringLiteral("quiet");
    profile.bootstrapServers = QStringLiteral("127.0.0.1:1");
    const QString store = AlertStore::pathFor(options.settingsFile, profile.id);
    QVERIFY(AlertStore::save(store, AlertConfig{}));
    auto window = std::make_unique<MainWindow>(options);
    window->workspace()->saveProfile(profile);
    auto openPanel = [&] {
        window->openPanel(profile.id, QStringLiteral("alerts"));
        return qobject_cast<AlertsPanel *>(window->findPanel(profile.id, QStringLiteral("alerts")));
    };
    AlertsPanel *panel = openPanel();
    QVERIFY(panel);
    AlertWatcher *watcher = AlertWatcher::of(profile.id);
    QVERIFY(watcher);
    QList<AlertRule> rules;
    for (const QString &group : {QStringLiteral("billing"), QStringLiteral("shipping")}) {
        AlertRule r = AlertRule::withNewId();
        r.name = group + QStringLiteral(" behind");
        r.kind = RuleKind::GroupLagSeconds;
        r.target = group;
        r.threshold = 60;
        rules << r;
    }
    watcher->setRules(rules);
    auto *table = panel->findChild<QTableWidget *>(QStringLiteral("ruleTable"));
    QTRY_COMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, 6)->text(), QStringLiteral("on"));
    QVERIFY2(table->item(1, 6)->text().contains(u"no figure: lag in seconds is read for one group at a time (billing)"),
             qPrintable(table->item(1, 6)->text()));

    table->selectRow(0);
    auto *mute = panel->findChild<QToolButton *>(QStringLiteral("muteButton"));
    QVERIFY(mute && mute->menu());
    QAction *quarter = mute->menu()->actions().value(0);
    QCOMPARE(quarter->text(), QStringLiteral("15 minutes"));
    const double before = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    quarter->trigger(); // what a click on the menu entry does
    auto *log = panel->findChild<QTableWidget *>(QStringLiteral("logTable"));
    QTRY_COMPARE(log->rowCount(), 1);
    QVERIFY(log->item(0, 1)->text().startsWith(u"muted"));
    const QString figure = log->item(0, 6)->text();
    QVERIFY2(figure.startsWith(u"muted until "), qPrintable(figure));
    QTRY_VERIFY(table->item(0, 6)->text().contains(u"muted until"));
    const double until = watcher->mutes().value(rules[0].id);
    QVERIFY2(std::abs(until - before - 900) <= 5, qPrintable(QString::number(until - before)));

    // Kept on disk: a restart does not unmute it.
    auto savedMute = [&] {
        AlertConfig c;
        QStringList errors;
        return AlertStore::load(store, &c, &errors) ? c.mutes.value(rules[0].id) : 0.0;
    };
    QTRY_COMPARE_WITH_TIMEOUT(savedMute(), until, 10000);
    window.reset();
    QTRY_VERIFY(!AlertWatcher::of(profile.id));
    window = std::make_unique<MainWindow>(options);
    QTRY_VERIFY((panel = openPanel()));
    QTRY_VERIFY(AlertWatcher::of(profile.id));
    QTRY_COMPARE(AlertWatcher::of(profile.id)->mutes().value(rules[0].id), until);
    table = panel->findChild<QTableWidget *>(QStringLiteral("ruleTable"));
    QTRY_COMPARE(table->rowCount(), 2);
    QTRY_VERIFY(table->item(0, 6)->text().contains(u"muted until"));
}

KAFKASCOPE_TEST_MAIN_IMPL(TestAlertsGui, QApplication)
#include "tst_alerts_gui.moc"
