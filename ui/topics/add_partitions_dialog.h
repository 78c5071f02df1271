#pragma once
// Raises a topic's partition count. Kafka can only add partitions, never remove them, so a
// lower number is refused next to the field with the reason; a higher one warns that keys
// will map to different partitions from now on.

#include "topics/admin_result.h"

#include <QDialog>
#include <QFutureWatcher>

class QLabel;
class QPushButton;
class QSpinBox;

namespace kafkascope {

class FieldMessage;
class TopicAdmin;

class AddPartitionsDialog : public QDialog
{
    Q_OBJECT
public:
    AddPartitionsDialog(TopicAdmin *admin, const QString &topic, int currentPartitions, QWidget *parent = nullptr);

    QString resultText() const;
    bool isBusy() const { return m_busy; }

private:
    bool validateInput();
    void submit();

    TopicAdmin *m_admin;
    QString m_topic;
    int m_current;
    QSpinBox *m_total;
    FieldMessage *m_message;
    QLabel *m_result;
    QPushButton *m_apply;
    QFutureWatcher<AdminResult> m_watcher;
    bool m_busy = false;
};

} // namespace kafkascope
