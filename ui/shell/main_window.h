#pragma once
// The application window: the clusters sidebar, a tab per open panel, menus, and the
// demo-cluster controls.

#include "shell/panel_registry.h"

#include <QMainWindow>
#include <QStringList>
#include <memory>

class QLabel;
class QSpinBox;
class QTabWidget;
class QToolBar;

namespace kafkascope {

class AlertTray;
class ClusterSidebar;
class ConnectionProfile;
class Theme;
class Workspace;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    struct Options
    {
        QString settingsFile;
        bool startDemo = false;
        int demoRate = 200;
        QStringList openPanels; // panel kind ids to open, in order, the last shown (none: the overview)
    };
    explicit MainWindow(const Options &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    Workspace *workspace() const { return m_workspace.get(); }
    ClusterSidebar *sidebar() const { return m_sidebar; }
    Theme *theme() const { return m_theme; }
    QTabWidget *tabs() const { return m_tabs; }
    AlertTray *alertTray() const { return m_alertTray; }
    // Closing the window hides it to the tray (alerts keep watching) instead of quitting.
    void setCloseToTray(bool on);
    void quit(); // closes for real, whatever the tray setting

    // Connects if needed and shows the panel (creating it once the session exists).
    QWidget *openPanel(const QString &clusterId, const QString &kindId, const QString &topic = {});
    QWidget *findPanel(const QString &clusterId, const QString &kindId) const;
    void connectCluster(const QString &clusterId);
    void disconnectCluster(const QString &clusterId);
    void newConnection();
    void editConnection(const QString &clusterId);

protected:
    void closeEvent(QCloseEvent *event) override;

private slots:
    // Targets of the cross-panel signals (see panel_registry.h); the sender names the cluster.
    void showMessages(const QString &topic, int partition, qint64 timestampMs);
    void replayIntoCharts(const QStringList &topics, qint64 fromMs, qint64 toMs);
    void openLinkedPanel(const QString &kind, const QString &item);

private:
    void linkPanel(QWidget *panel);
    void buildMenus();
    void buildDemoToolbar();
    void fillContextMenu(const QModelIndex &index, QMenu *menu);
    QString sidebarItem(PanelKind::Item item) const; // the sidebar's current topic or group, if any
    void onActivated(const QModelIndex &index);
    void closePanelsOf(const QString &clusterId);
    void retitleTabs();
    void askPassword(const ConnectionProfile &profile);
    void restoreLayout();

    std::unique_ptr<Workspace> m_workspace;
    Options m_options;
    QList<PanelKind> m_kinds;
    Theme *m_theme;
    ClusterSidebar *m_sidebar;
    QTabWidget *m_tabs;
    QToolBar *m_demoBar = nullptr;
    QSpinBox *m_demoRate = nullptr;
    QLabel *m_keychainNote;
    AlertTray *m_alertTray = nullptr;
    QAction *m_closeToTray = nullptr;
    bool m_quitting = false;
    struct PendingPanel
    {
        QString kind; // panel kind id
        QString item; // topic or group to show in it
    };
    QHash<QString, QList<PendingPanel>> m_pendingPanels; // cluster id -> panels to open once connected
};

} // namespace kafkascope
