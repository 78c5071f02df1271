// The demo cluster's own alerts, with no panel open: the lagging demo group and the sensor the
// demo takes off the air fire their default rules within the rules' durations.

#include "alerts/alert_watcher.h"
#include "cluster/workspace.h"
#include "demo/device_simulator.h"
#include "test_main.h"

#include <QDateTime>
#include <QTemporaryDir>

using namespace kafkascope;

class TestAlertsDemo : public QObject
{
    Q_OBJECT
private slots:
    void lagAndSilentSensorFire();
};

void TestAlertsDemo::lagAndSilentSensorFire()
{
    QTemporaryDir dir;
    Workspace workspace(dir.filePath(QStringLiteral("demo.conf")));
    const double started = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    workspace.connectProfile(Workspace::demoProfile());
    QTRY_VERIFY_WITH_TIMEOUT(AlertWatcher::of(Workspace::kDemoId), 30000);
    AlertWatcher *watcher = AlertWatcher::of(Workspace::kDemoId);
    auto fired = [watcher](const QString &ruleId, const QString &subject = {}) -> const AlertEvent * {
        static AlertEvent found;
        for (const AlertEvent &e : watcher->log())
            if (e.ruleId == ruleId && e.type == AlertEvent::Type::Fired && (subject.isEmpty() || e.subject == subject)) {
                found = e;
                return &found;
            }
        return nullptr;
    };
    // tb-rule-engine reads at 60 % of 200 msg/s: 1,000 behind after ~13 s, then 10 s to fire.
    QTRY_VERIFY_WITH_TIMEOUT(fired(QStringLiteral("demo-lag")), 90000);
    const AlertEvent lag = *fired(QStringLiteral("demo-lag"));
    QCOMPARE(lag.subject, QStringLiteral("tb-rule-engine"));
    QVERIFY(lag.value > 1000);
    QVERIFY2(lag.at - started < 60, qPrintable(QString::number(lag.at - started)));
    QVERIFY(!fired(QStringLiteral("demo-lag"), QStringLiteral("tb-archiver")));

    // The last sensor goes quiet 20 s after the devices start; stale after 30 s more.
    const QString sensor = QStringLiteral("Sensor 50");
    QTRY_VERIFY_WITH_TIMEOUT(fired(QStringLiteral("demo-silent"), sensor), 90000);
    const AlertEvent silent = *fired(QStringLiteral("demo-silent"), sensor);
    const double earliest = DeviceSimulator::kSilentAfterSeconds + 30;
    QVERIFY2(silent.at - started >= earliest - 1, qPrintable(QString::number(silent.at - started)));
    QVERIFY2(silent.at - started < earliest + 30, qPrintable(QString::number(silent.at - started)));
    // Only that sensor: the 49 others keep talking.
    for (const AlertEvent &e : watcher->log())
        if (e.ruleId == u"demo-silent" && e.type == AlertEvent::Type::Fired)
            QCOMPARE(e.subject, sensor);
}

KAFKASCOPE_TEST_MAIN_IMPL(TestAlertsDemo, QCoreApplication)
#include "tst_alerts_demo.moc"
