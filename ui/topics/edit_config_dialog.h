#pragma once
// Sets one topic config override. Durations (*.ms) and sizes (*.bytes) accept human units;
// the broker's refusal is shown verbatim and the dialog stays open with the input.

#include "topics/admin_result.h"

#include <QDialog>
#include <QFutureWatcher>

class QLabel;
class QLineEdit;
class QPushButton;

namespace kafkascope {

class FieldMessage;
class TopicAdmin;

class EditConfigDialog : public QDialog
{
    Q_OBJECT
public:
    EditConfigDialog(TopicAdmin *admin, const QString &topic, const ConfigEntry &entry, QWidget *parent = nullptr);

    // The value Kafka will receive ("7200000" for "2h"); empty when the input is invalid.
    QString kafkaValue() const;
    QString resultText() const;
    bool isBusy() const { return m_busy; }

private:
    bool validateInput();
    void submit();

    TopicAdmin *m_admin;
    QString m_topic;
    ConfigEntry m_entry;
    QLineEdit *m_value;
    FieldMessage *m_message;
    QLabel *m_result;
    QPushButton *m_apply;
    QFutureWatcher<AdminResult> m_watcher;
    bool m_busy = false;
};

} // namespace kafkascope
