#pragma once
// Resets a consumer group's committed offsets: to the earliest, the latest, the first offset
// at a time, or a given offset, for a whole topic or one partition. A preview shows old ->
// new per partition before anything changes; a group with active members is refused with
// their names; the broker's answer per partition is shown verbatim. The Kafka work runs as
// jobs of the session (offset_reset_jobs.h), never waited for; the dialog stays open with its input on any error.

#include "groups/offset_reset.h"
#include "jobs/job_slot.h"

#include <QDialog>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace kafkascope {

class ClusterSession;

class ResetOffsetsDialog : public QDialog
{
    Q_OBJECT
public:
    ResetOffsetsDialog(ClusterSession *session, const QString &group,
                       const QStringList &groupTopics, QWidget *parent = nullptr);
    ~ResetOffsetsDialog() override;

    const ResetPreview &preview() const { return m_preview; }
    QString statusText() const;

signals:
    void applied(const QString &group);

private:
    enum Col { ColTopic, ColPartition, ColCurrent, ColNew, ColNote, ColResult, ColCount };
    bool readSpec(ResetSpec *spec, QList<TopicPartition> *partitions, QString *error) const;
    void runPreview();
    void showPreview(const ResetPreview &preview);
    void runApply();
    void showApplied(const QString &refusal, const AlterOffsetsResult &result);
    void inputsChanged();
    void fillPartitions();
    void setStatus(const QString &text, bool bad);
    void setBusy(bool busy);

    ClusterSession *m_session;
    QString m_group;
    QComboBox *m_target, *m_topic, *m_partition;
    QDateTimeEdit *m_timestamp;
    QLineEdit *m_offset;
    QPushButton *m_previewButton, *m_applyButton;
    QTableWidget *m_table;
    QLabel *m_status;
    ResetPreview m_preview;
    JobSlot m_previewJob, m_applyJob; // last: cut before the widgets above go

};

} // namespace kafkascope
