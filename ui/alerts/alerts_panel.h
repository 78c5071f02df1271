#pragma once
// The Alerts panel of one cluster: its rules (new, edit, delete, mute), the alerts active
// now (acknowledge, open the panel that shows the figure), the alert log, what the cluster
// watches, and export/import of rules and log as a file. The rules run in core
// (AlertWatcher) whether or not this panel is open.

#include <QWidget>

class QLabel;
class QLineEdit;
class QTableWidget;

namespace kafkascope {

class AlertWatcher;
class ClusterSession;

class AlertsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AlertsPanel(ClusterSession *session, QWidget *parent = nullptr);

    // For the buttons and for tests: write or read the cluster's rules and log as one file.
    bool exportTo(const QString &path, QString *error = nullptr);
    bool importFrom(const QString &path, QStringList *errors = nullptr);
    Q_INVOKABLE void focusItem(const QString &ruleOrSubject);

signals:
    // A log entry or active alert asks for the panel that shows its figure.
    void openPanelRequested(const QString &kind, const QString &item);

private:
    void refresh();
    void fillRules();
    void fillActive();
    void fillLog();
    QString selectedRuleId() const;
    void editRule(bool create);
    void deleteRule();
    void muteRule(double seconds);
    void acknowledgeSelected();
    void openSelected(QTableWidget *table, int row);
    void applyWatches();

    ClusterSession *m_session;
    AlertWatcher *m_watcher;
    QLabel *m_status;
    QTableWidget *m_rules;
    QTableWidget *m_active;
    QTableWidget *m_log;
    QLineEdit *m_groups;
    QLineEdit *m_telemetry;
    QLabel *m_fileMessage;
};

} // namespace kafkascope
