#pragma once
// Consumer groups of one cluster: the list with health, lag, lag in time, consumption and
// time to catch up; for the selected group its members and assignments, lag per partition
// and a lag-over-time chart (exportable as PNG/PDF/CSV); watching a group by hand; resetting
// its offsets. Reads the session's GroupMonitor (core), which polls on its own thread and
// outlives the panel; closing only disconnects from it.

#include "groups/group_monitor.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTreeWidget;
class TimeChart;

namespace kafkascope {

class ClusterSession;
class GroupListModel;
class GroupPartitionModel;

class GroupsPanel : public QWidget
{
    Q_OBJECT
public:
    // `selectGroup`: a group id to select (from the sidebar); may be empty.
    GroupsPanel(ClusterSession *session, const QString &selectGroup, QWidget *parent = nullptr);
    ~GroupsPanel() override;

    GroupListModel *groupModel() const { return m_groups; }
    GroupPartitionModel *partitionModel() const { return m_partitions; }
    TimeChart *chart() const { return m_chart; }
    QString selectedGroup() const { return m_selected; }
    void selectGroup(const QString &id);
    Q_INVOKABLE void focusItem(const QString &groupId) { selectGroup(groupId); }
    void watchGroup(const QString &id);
    GroupMonitor *monitor() const { return m_monitor; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void applyReport(const GroupsReport &report);
    void showDetail(const GroupsReport &report);
    void pullChart();
    void resetChart();
    void askWatchGroup();
    void openResetDialog();
    void exportChart(const QString &format);
    void onSelectionChanged();

    ClusterSession *m_session;
    GroupMonitor *m_monitor;
    QString m_selected;
    bool m_pending = false;

    QLabel *m_note;
    GroupListModel *m_groups;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_groupView;
    QLabel *m_detailHeader;
    QTreeWidget *m_members;
    GroupPartitionModel *m_partitions;
    QTableView *m_partitionView;
    TimeChart *m_chart;
    QComboBox *m_window;
    QPushButton *m_resetButton;
    QHash<QString, int> m_seriesOf;       // topic ("" total) -> chart series
    QHash<QString, quint64> m_seriesNext; // topic -> next history sequence to read
};

} // namespace kafkascope
