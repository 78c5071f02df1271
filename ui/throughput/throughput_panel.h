#pragma once
// Live messages/s of a cluster, derived from high-watermark deltas by the session's offset
// poller: the whole cluster, every topic, or every partition of one topic. Time windows,
// follow/pause, zoom/pan, crosshair, the busiest series emphasised, PNG/PDF/CSV export, and
// a click on a point offers to open that topic's messages at that time.

#include "throughput/offset_history.h"
#include "time_chart.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QSpinBox;
class QTimer;
class QToolButton;

namespace kafkascope {

class ClusterSession;
class HistoryChartFeeder;
class OffsetPoller;
struct ClusterSnapshot;

class ThroughputPanel : public QWidget
{
    Q_OBJECT
public:
    enum class Scope { Cluster, Topics, Partitions };

    explicit ThroughputPanel(ClusterSession *session, const QString &topic = {}, QWidget *parent = nullptr);
    ~ThroughputPanel() override;

    void setScope(Scope scope, const QString &topic = {});
    Scope scope() const { return m_scope; }
    void setWindowSeconds(double seconds); // 0: all
    void setTopN(int n);

    TimeChart *chart() const { return m_chart; }
    OffsetPoller *poller() const { return m_poller; }
    // The chart series showing `key`, or -1.
    TimeChart::SeriesId seriesFor(const SeriesKey &key) const;
    QString statusText() const;

signals:
    // The user asked to see the messages of topic (partition -1: all partitions) at a time.
    void openMessagesRequested(const QString &topic, int partition, qint64 timestampMs);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void onFrame();
    void rebuildSeries();
    void syncTopics(const ClusterSnapshot &snapshot);
    void updateStatus();
    void updateEmphasis();
    void onPointClicked(TimeChart::SeriesId id, double t, double v);
    void exportChart(const QString &format);
    double reloadFrom() const;

    ClusterSession *m_session;
    OffsetPoller *m_poller;
    TimeChart *m_chart;
    std::unique_ptr<HistoryChartFeeder> m_feeder;
    QComboBox *m_scopeBox;
    QComboBox *m_topicBox;
    QComboBox *m_windowBox;
    QToolButton *m_followButton;
    QSpinBox *m_topN;
    QSpinBox *m_interval;
    QLabel *m_status;
    QLabel *m_problems;
    QTimer *m_frame;
    Scope m_scope = Scope::Cluster;
    QString m_topic;
    QStringList m_shownTopics;   // topics with a series in Topics scope
    QList<int> m_shownPartitions; // partitions with a series in Partitions scope
    quint64 m_seenSequence = 0;
    double m_lastReload = 0;
};

} // namespace kafkascope
