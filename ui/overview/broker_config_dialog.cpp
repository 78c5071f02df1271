#include "overview/broker_config_dialog.h"

#include "cluster/cluster_session.h"
#include "models/topic_config_model.h"
#include "topics/topic_admin.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace kafkascope {

BrokerConfigDialog::BrokerConfigDialog(ClusterSession *session, int brokerId, QWidget *parent)
    : QDialog(parent), m_brokerId(brokerId), m_admin(new TopicAdmin(session, this)), m_model(new TopicConfigModel(this)),
      m_proxy(new QSortFilterProxyModel(this)), m_filter(new QLineEdit), m_view(new QTableView), m_status(new QLabel)
{
    setObjectName(QStringLiteral("brokerConfigDialog"));
    setWindowTitle(tr("Broker %1 configuration — %2").arg(brokerId).arg(session->profile().name));
    resize(900, 600);

    m_filter->setObjectName(QStringLiteral("brokerConfigFilter"));
    m_filter->setPlaceholderText(tr("Filter by name"));
    m_filter->setClearButtonEnabled(true);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(TopicConfigModel::Name);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_view->setObjectName(QStringLiteral("brokerConfigTable"));
    m_view->setModel(m_proxy);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(TopicConfigModel::Value, QHeaderView::Stretch);

    m_status->setObjectName(QStringLiteral("brokerConfigStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QPushButton *reloadButton = buttons->addButton(tr("&Reload"), QDialogButtonBox::ActionRole);
    reloadButton->setObjectName(QStringLiteral("reloadButton"));
    connect(reloadButton, &QPushButton::clicked, this, &BrokerConfigDialog::reload);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    // The watcher is a member: once the dialog is gone, a late answer reaches nobody.
    connect(&m_watcher, &QFutureWatcher<ConfigsResult>::finished, this, [this] { showResult(m_watcher.result()); });
    reload();
}

void BrokerConfigDialog::reload()
{
    if (m_watcher.isRunning())
        return;
    m_status->setText(tr("Reading broker %1's configuration…").arg(m_brokerId));
    m_watcher.setFuture(m_admin->describeBrokerConfigs(m_brokerId));
}

QString BrokerConfigDialog::statusText() const
{
    return m_status->text();
}

void BrokerConfigDialog::showResult(const ConfigsResult &result)
{
    // What is shown stays when a reload fails; the status says the figures are from before.
    auto failed = [&](const QString &why) {
        m_status->setText(m_readAt.isEmpty() ? why : tr("%1 (showing what was read at %2)").arg(why, m_readAt));
    };
    if (!result.ok()) {
        failed(result.error.text());
        return;
    }
    if (result.resources.isEmpty()) {
        failed(tr("The broker returned no configuration."));
        return;
    }
    const ResourceConfigs &rc = result.resources.first();
    if (rc.error.isError()) {
        failed(rc.error.text());
        return;
    }
    m_model->setEntries(rc.entries);
    m_readAt = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"));
    m_status->setText(tr("%n setting(s), read at %1. Read-only: change broker settings with kafka-configs.", nullptr,
                         int(rc.entries.size()))
                          .arg(m_readAt));
}

} // namespace kafkascope
