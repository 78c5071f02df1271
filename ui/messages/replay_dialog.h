#pragma once
// Replay a range of a topic into a topic of this or another connected cluster: source range
// by offsets or time, target, partitioning, timestamps, headers, pace; a progress bar with
// rate and ETA, cancel, and a final report with the offsets to resume from.

#include "messages/replay_job.h"
#include "jobs/job_slot.h"

#include <QDialog>
#include <atomic>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace kafkascope {

class ClusterSession;
class Workspace;

class ReplayDialog : public QDialog
{
    Q_OBJECT
public:
    ReplayDialog(ClusterSession *session, Workspace *workspace, const QString &topic, QWidget *parent = nullptr);
    ~ReplayDialog() override;
    void presetOffsets(qint64 from, qint64 to);
    void start();
    void resume();
    void cancel();
    bool running() const { return m_running; }
    const ReplayReport &lastReport() const { return m_report; }
    QString reportText() const;

private:
    void fillTargetTopics();
    void updateEnabled();
    bool buildRequest(ReplayRequest *request, QList<int> *partitions, ReplayBound *from, ReplayBound *to, QString *error);
    void launch(const ReplayRequest &request, const QList<int> &partitions, const ReplayBound &from, const ReplayBound &to,
                bool resolve);
    void onProgress(const ReplayProgress &p);
    void onFinished(const ReplayReport &report);

    ClusterSession *m_session;
    Workspace *m_workspace;
    QComboBox *m_sourceTopic;
    QLineEdit *m_partitions;
    QComboBox *m_fromKind;
    QLineEdit *m_fromOffset;
    QDateTimeEdit *m_fromTime;
    QComboBox *m_toKind;
    QLineEdit *m_toOffset;
    QDateTimeEdit *m_toTime;
    QComboBox *m_targetCluster;
    QComboBox *m_targetTopic;
    QComboBox *m_partitioning;
    QCheckBox *m_keepTimestamps;
    QCheckBox *m_keepHeaders;
    QComboBox *m_pace;
    QDoubleSpinBox *m_rate;
    QComboBox *m_speed;
    QProgressBar *m_progress;
    QLabel *m_rateLabel;
    QPlainTextEdit *m_reportView;
    QPushButton *m_start;
    QPushButton *m_resume;
    QPushButton *m_cancel;

    bool m_running = false;
    // The user's stop: the job still answers with its (resumable) report.
    std::shared_ptr<std::atomic_bool> m_stop = std::make_shared<std::atomic_bool>(false);
    JobSlot m_job{this}; // destroyed first: a closing dialog never waits for the replay
    ReplayRequest m_lastRequest;
    ReplayReport m_report;
};

} // namespace kafkascope
