#pragma once
// Deletes records at the head of a topic's partitions (Kafka's DeleteRecords): everything,
// everything before an offset, or everything older than a timestamp; for the whole topic
// or chosen partitions. Shows each partition's watermarks before, and its new low
// watermark or the broker's error after.

#include "topics/admin_result.h"
#include "kafka/partition_offsets.h"

#include <QDialog>
#include <QFutureWatcher>

class QCheckBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTableWidget;

namespace kafkascope {

class FieldMessage;
class TopicAdmin;

class PurgeDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { PartitionCol, LowCol, HighCol, CountCol, ResultCol };
    PurgeDialog(TopicAdmin *admin, const QString &topic, const QList<int> &partitions, QWidget *parent = nullptr);

    QString resultText() const;
    bool isBusy() const { return m_busy; }
    bool watermarksLoaded() const { return m_loaded; }

private:
    void loadWatermarks();
    void showWatermarks(const OffsetLookup &lookup);
    QList<int> checkedPartitions() const;
    bool validateInput();
    void submit();
    void showResult(const AdminResult &result);

    TopicAdmin *m_admin;
    QString m_topic;
    QList<int> m_partitions;
    QHash<int, qint64> m_high;
    QTableWidget *m_table;
    QCheckBox *m_all;
    QRadioButton *m_allRecords, *m_beforeOffset, *m_beforeTime;
    QLineEdit *m_offset;
    QDateTimeEdit *m_time;
    QCheckBox *m_confirm;
    FieldMessage *m_partitionsMsg, *m_offsetMsg;
    QLabel *m_result;
    QPushButton *m_purge;
    QFutureWatcher<OffsetLookup> m_loadWatcher;
    QFutureWatcher<AdminResult> m_watcher;
    bool m_busy = false;
    bool m_loaded = false;
};

} // namespace kafkascope
