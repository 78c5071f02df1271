#pragma once
// Preferred-leader election for a topic's partitions (Kafka's ElectLeaders): shows each
// partition's leader and preferred replica, asks for confirmation, and shows the broker's
// answer per partition (elected, not needed because the preferred replica leads, or the error).

#include "cluster/cluster_snapshot.h"
#include "topics/admin_result.h"

#include <QDialog>
#include <QFutureWatcher>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace kafkascope {

class TopicAdmin;

class ElectLeadersDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { PartitionCol, LeaderCol, PreferredCol, ResultCol };
    ElectLeadersDialog(TopicAdmin *admin, const TopicInfo &topic, QWidget *parent = nullptr);

    // The result column of a partition's row ("" until answered), and the summary line.
    QString partitionResult(int partition) const;
    QString resultText() const;
    bool isBusy() const { return m_busy; }
    static QString outcomeText(const AdminItemResult &item);

private:
    void submit();
    void showResult(const AdminResult &result);

    TopicAdmin *m_admin;
    TopicInfo m_topic;
    QTableWidget *m_table;
    QCheckBox *m_confirm;
    QLabel *m_result;
    QPushButton *m_elect;
    QFutureWatcher<AdminResult> m_watcher;
    bool m_busy = false;
};

} // namespace kafkascope
