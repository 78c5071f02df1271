#pragma once
// Confirms and performs the deletion of one or more topics. The user types the topic's
// name (or, for several, how many) before Delete is enabled; the outcome is listed per topic.

#include "topics/admin_result.h"

#include <QDialog>
#include <QFutureWatcher>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace kafkascope {

class TopicAdmin;

class DeleteTopicsDialog : public QDialog
{
    Q_OBJECT
public:
    DeleteTopicsDialog(TopicAdmin *admin, const QStringList &topics, QWidget *parent = nullptr);

    QString expectedConfirmation() const;
    bool isBusy() const { return m_busy; }
    // Per topic: "name — deleted" or "name — CODE: message — Hint: …".
    QStringList resultLines() const;
    QStringList deleted() const { return m_deleted; }

private:
    void updateButton();
    void submit();
    void showResult(const AdminResult &result);

    TopicAdmin *m_admin;
    QStringList m_topics;
    QLineEdit *m_confirm;
    QListWidget *m_list;
    QLabel *m_status;
    QPushButton *m_delete;
    QPushButton *m_close;
    QFutureWatcher<AdminResult> m_watcher;
    bool m_busy = false;
    bool m_done = false;
    QStringList m_deleted;
};

} // namespace kafkascope
