#pragma once
// Create a topic: name, partitions, replication factor, the common settings as proper
// editors (durations and sizes in human units) and any other config as key/value pairs.
// Input is checked next to each field before anything is sent; "Validate only" asks the
// broker without creating. Broker errors are shown verbatim with a hint and the dialog
// stays open with everything the user typed.

#include "kafka/topic_admin_ops.h"

#include <QDialog>
#include <QFutureWatcher>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class KeyValueTable;

namespace kafkascope {

class FieldMessage;
class HumanValueEdit;
class TopicAdmin;

class CreateTopicDialog : public QDialog
{
    Q_OBJECT
public:
    CreateTopicDialog(TopicAdmin *admin, int brokerCount, const QStringList &existingTopics, QWidget *parent = nullptr);

    NewTopicSpec spec() const;
    QString resultText() const;
    bool isBusy() const { return m_busy; }
    QString createdTopic() const { return m_created; }

private:
    bool validateInput(); // shows every problem next to its field; false when one blocks
    void submit(bool validateOnly);
    void showResult(const AdminResult &result, bool validateOnly);
    void setBusy(bool busy);
    QList<QPair<QString, QString>> collectConfigs() const;

    TopicAdmin *m_admin;
    int m_brokerCount;
    QStringList m_existing;
    QLineEdit *m_name;
    QSpinBox *m_partitions;
    QSpinBox *m_replication;
    HumanValueEdit *m_retentionMs;
    HumanValueEdit *m_retentionBytes;
    QComboBox *m_cleanup;
    QSpinBox *m_minIsr;
    QComboBox *m_compression;
    HumanValueEdit *m_maxMessage;
    KeyValueTable *m_extra;
    FieldMessage *m_nameMsg, *m_partitionsMsg, *m_replicationMsg, *m_retentionMsMsg, *m_retentionBytesMsg,
        *m_minIsrMsg, *m_maxMessageMsg, *m_configsMsg;
    QLabel *m_result;
    QPushButton *m_validate;
    QPushButton *m_create;
    QFutureWatcher<AdminResult> m_watcher;
    bool m_busy = false;
    bool m_pendingValidateOnly = false;
    QString m_created;
};

} // namespace kafkascope
