#pragma once
// The message browser of one cluster: pick a topic, partitions and a start (beginning, last N,
// an offset, a time), scroll a virtual table over the records, follow a live tail, filter
// (off the UI thread, with progress and cancel), inspect one record, and start the produce,
// replay, export and import dialogs.

#include "decoding/decoder_choice.h"
#include "messages/message_filter.h"
#include "messages/message_reader.h"

#include <QPair>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QToolButton;

namespace kafkascope {

class ClusterSession;
class MessageBrowser;
class DecodedView;
class MessageDetailView;
class MessageTableModel;
class Workspace;
struct ClusterSnapshot;
struct KafkaMessage;

class BrowserPanel : public QWidget
{
    Q_OBJECT
public:
    BrowserPanel(ClusterSession *session, Workspace *workspace, const QString &topic, QWidget *parent = nullptr);
    ~BrowserPanel() override;

    // Seeks every partition (or one) of `topic` to the first record at or after the time and
    // shows the first page there. Used by the monitoring charts.
    Q_INVOKABLE void showMessagesAt(const QString &topic, int partition /* -1 = all */, qint64 timestampMs);
    // Oldest and newest timestamp of the selected records (loaded ones), {-1, -1} when none.
    QPair<qint64, qint64> selectedTimeRange() const;

    QString currentTopic() const;
    // Shows `topic` from its default start position (the sidebar's double click).
    Q_INVOKABLE void focusItem(const QString &topic);
    MessageTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    MessageDetailView *detail() const { return m_detail; }
    DecodedView *decodedView() const { return m_decoded; }
    QString statusText() const;
    bool isScanning() const { return m_scanning; }

public slots:
    void reload();
    void applyFilter();
    void clearFilter();
    void setLiveTail(bool on);
    void openProduceDialog();
    void openReplayDialog();
    void exportMessages();
    void importMessages();
    // Asks for the selected records' time span to be replayed into the telemetry charts.
    void replayIntoCharts();

signals:
    void replayIntoChartsRequested(const QStringList &topics, qint64 fromMs, qint64 toMs);

protected:
    void showEvent(QShowEvent *event) override;

private:
    int busiestTopicIndex() const; // -1 while the offsets are not known yet
    void buildUi();
    void loadIfNothingShown();
    void fillTopics(const ClusterSnapshot &snapshot);
    void fillPartitions();
    // Shows `topic` in the topic box with every partition chosen; does not load.
    void selectTopic(const QString &topic);
    QList<int> chosenPartitions() const;
    StartPosition chosenStart() const;
    void onOpened(quint64 generation, const QString &topic, const RangeLookup &lookup);
    void onPage(quint64 generation, int partition, qint64 from, const QList<KafkaMessage> &messages, const QString &error);
    void onTail(quint64 generation, const QList<KafkaMessage> &messages, const QString &error);
    void onScanProgress(quint64 generation, qint64 scanned, qint64 total, qint64 matched);
    void decodingChosen(const QString &topic, const TopicDecoding &decoding);
    void onScanFinished(quint64 generation, const QList<KafkaMessage> &matches, qint64 scanned, bool cancelled,
                        bool truncated, const QString &error, const QString &decodeNote);
    void showCurrent();
    void setStatus(const QString &text, bool error = false);
    QList<KafkaMessage> selectedMessages(bool *allLoaded) const;

    ClusterSession *m_session;
    Workspace *m_workspace;
    MessageBrowser *m_browser;
    MessageTableModel *m_model;
    quint64 m_generation = 0;
    QString m_openTopic;
    QList<PartitionRange> m_ranges; // of the last open, for filters and export
    int m_pendingSelectRow = -1;
    bool m_scanning = false;
    QList<int> m_knownPartitions;

    QComboBox *m_topic;
    QToolButton *m_partitions;
    QComboBox *m_startKind;
    QLineEdit *m_startValue;
    QDateTimeEdit *m_startTime;
    QPushButton *m_go;
    QPushButton *m_live;
    QLineEdit *m_keyFilter;
    QCheckBox *m_keyRegex;
    QLineEdit *m_valueFilter;
    QCheckBox *m_valueRegex;
    QLineEdit *m_jsonFilter;
    QCheckBox *m_timeFilter;
    QDateTimeEdit *m_fromTime;
    QDateTimeEdit *m_toTime;
    QPushButton *m_filterButton;
    QPushButton *m_clearFilter;
    QProgressBar *m_progress;
    QLabel *m_status;
    QTableView *m_table;
    MessageDetailView *m_detail;
    DecodedView *m_decoded;
};

} // namespace kafkascope
