#pragma once
// Device telemetry for one cluster: pick topics, start position, format and device source;
// Kafkascope consumes (no consumer group unless one is named), discovers devices and keys,
// and charts the values the user drags onto stacked panes, live. The UI pulls from the
// store on a ~30 Hz frame timer (only while visible) and replots once per frame.

#include "telemetry/telemetry_ingest.h"
#include "telemetry/telemetry_store.h"

#include <QVector>
#include <QWidget>
#include <memory>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTimer;
class QToolButton;
class QTreeView;
class QTreeWidget;

namespace kafkascope {

class ClusterSession;
class TelemetryChartView;
class TelemetryDeviceModel;

class TelemetryPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TelemetryPanel(ClusterSession *session, const QString &topic = {}, QWidget *parent = nullptr);
    ~TelemetryPanel() override;

    // Replays [fromMs, toMs] of `topics` into the charts (a bounded run that stops at the end).
    Q_INVOKABLE void replayRange(const QStringList &topics, qint64 fromMs, qint64 toMs);
    // Starts live ingest with what the controls say.
    void startIngest();
    void stopIngest();

    std::shared_ptr<TelemetryStore> store() const { return m_store; }
    TelemetryIngest *ingest() const { return m_ingest; }
    TelemetryChartView *chartView() const { return m_chart; }
    TelemetryDeviceModel *deviceModel() const { return m_model; }
    QTreeView *deviceView() const { return m_devices; }
    QStringList selectedTopics() const;
    void setSelectedTopics(const QStringList &topics);
    QString statusText() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void buildControls();
    IngestConfig configFromControls() const;
    void applyRetention();
    void onFrame();
    void refreshSlow();
    void showIngestStatus(const IngestStatus &status);
    void updateTopicsMenu();
    void updateStartWidgets();
    void chartDefaultKeys();
    void chartIndex(const QModelIndex &proxyIndex);
    void forgetOtherTopics(const QStringList &topics);
    void fitColumns();
    // Per column, the length of the longest text in the rows shown now.
    QVector<int> shownTextLengths() const;
    // A chart threshold's "Alert when crossed…": the rule dialog, prefilled.
    void openThresholdRule(const QString &device, const QString &key, double value, bool below);

    ClusterSession *m_session;
    std::shared_ptr<TelemetryStore> m_store;
    TelemetryIngest *m_ingest;
    TelemetryDeviceModel *m_model;
    QSortFilterProxyModel *m_proxy;
    TelemetryChartView *m_chart;
    QTimer *m_frame;

    QToolButton *m_topicsButton = nullptr;
    QStringList m_topics;       // selected
    QStringList m_knownTopics;  // from the session's metadata
    QStringList m_ingestedTopics; // of the last run started
    QComboBox *m_start = nullptr;
    QSpinBox *m_minutes = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QComboBox *m_format = nullptr;
    QComboBox *m_deviceSource = nullptr;
    QLineEdit *m_deviceField = nullptr;
    QLineEdit *m_group = nullptr;
    QPushButton *m_startStop = nullptr;
    QSpinBox *m_keepPoints = nullptr;
    QSpinBox *m_keepMinutes = nullptr;
    QSpinBox *m_staleSeconds = nullptr;
    QLineEdit *m_filter = nullptr;
    QTreeView *m_devices = nullptr;
    QTreeWidget *m_errors = nullptr;
    QLabel *m_errorsTitle = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_ingestMessage = nullptr;

    IngestStatus m_lastStatus;
    qint64 m_lastSlowMs = 0;
    qint64 m_errorsShown = 0;
    QVector<int> m_fittedLengths; // per column, the longest text when it was last fitted (-1: never)
    bool m_defaultCharted = false;
};

} // namespace kafkascope
