#pragma once
// One broker's configuration, read-only: every entry DescribeConfigs reports for the BROKER
// resource, with its value, where it comes from and its read-only/sensitive flags.

#include "topics/admin_result.h"

#include <QDialog>
#include <QFutureWatcher>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace kafkascope {

class ClusterSession;
class TopicAdmin;
class TopicConfigModel;

class BrokerConfigDialog : public QDialog
{
    Q_OBJECT
public:
    BrokerConfigDialog(ClusterSession *session, int brokerId, QWidget *parent = nullptr);

    int brokerId() const { return m_brokerId; }
    TopicConfigModel *model() const { return m_model; }
    QString statusText() const;
    bool isLoading() const { return m_watcher.isRunning(); }

    void reload();

private:
    void showResult(const ConfigsResult &result);

    int m_brokerId;
    TopicAdmin *m_admin;
    TopicConfigModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTableView *m_view;
    QLabel *m_status;
    QString m_readAt; // when the entries shown were read; empty before the first answer
    QFutureWatcher<ConfigsResult> m_watcher;
};

} // namespace kafkascope
