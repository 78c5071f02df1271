#pragma once
// One topic's partitions: a table (leader, replicas, ISR, low/high watermarks, message
// count, rate), bars of messages per partition to show skew, and the watermarks over time.
// Reads the session's offset poller on a frame timer while visible. A click on a watermark
// point offers to open that partition's messages at that time.

#include "cluster/cluster_snapshot.h"
#include "time_chart.h"

#include <QWidget>
#include <memory>

class BarChart;
class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace kafkascope {

class ClusterSession;
class HistoryChartFeeder;
class OffsetPoller;
class PartitionTableModel;

class PartitionsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PartitionsPanel(ClusterSession *session, const QString &topic = {}, QWidget *parent = nullptr);
    ~PartitionsPanel() override;

    void setTopic(const QString &topic);
    Q_INVOKABLE void focusItem(const QString &topic) { setTopic(topic); }
    QString topic() const { return m_topic; }
    PartitionTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    BarChart *barChart() const { return m_bars; }
    TimeChart *watermarkChart() const { return m_chart; }
    QString statusText() const;

signals:
    void openMessagesRequested(const QString &topic, int partition, qint64 timestampMs);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void onFrame();
    void onSnapshot(const ClusterSnapshot &snapshot);
    void rebuildSeries();
    void refreshTable();
    void onPointClicked(TimeChart::SeriesId id, double t, double v);
    void exportChart(const QString &what, const QString &format);

    ClusterSession *m_session;
    OffsetPoller *m_poller;
    QString m_topic;
    TopicInfo m_info;
    PartitionTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    BarChart *m_bars;
    QLabel *m_skew;
    TimeChart *m_chart;
    std::unique_ptr<HistoryChartFeeder> m_feeder;
    QComboBox *m_topicBox;
    QComboBox *m_windowBox;
    QLabel *m_status;
    QLabel *m_problems;
    QTimer *m_frame;
    quint64 m_seenSequence = 0;
    double m_lastReload = 0;
};

} // namespace kafkascope
