#pragma once
// The tray side of alerting: a tray icon whose colour is the worst active alert over every
// watched cluster, and a desktop notification for each alert that fires (unless muted).

#include "alerts/alert_event.h"

#include <QIcon>
#include <QObject>
#include <optional>

class QMenu;
class QSystemTrayIcon;

namespace kafkascope {

class AlertWatcher;
class ClusterSession;
class DesktopNotifier;
class Workspace;

class AlertTray : public QObject
{
    Q_OBJECT
public:
    explicit AlertTray(Workspace *workspace, QObject *parent = nullptr);
    ~AlertTray() override;

    std::optional<AlertSeverity> worst() const { return m_worst; }
    QSystemTrayIcon *trayIcon() const { return m_tray; }
    DesktopNotifier *notifier() const { return m_notifier; }
    QString toolTip() const;
    static QIcon iconFor(std::optional<AlertSeverity> worst);

signals:
    void worstChanged();
    void showWindowRequested();
    void quitRequested();

private:
    void watch(AlertWatcher *watcher);
    void onAlerts(AlertWatcher *watcher, const QList<AlertEvent> &events);
    void updateWorst();

    Workspace *m_workspace;
    QSystemTrayIcon *m_tray;
    QMenu *m_menu;
    DesktopNotifier *m_notifier;
    std::optional<AlertSeverity> m_worst;
    bool m_first = true;
};

} // namespace kafkascope
