#include "topics/topic_config_view.h"
#include "shell/theme.h"

#include "topics/edit_config_dialog.h"
#include "topics/topic_admin.h"
#include "models/topic_config_model.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace kafkascope {

namespace {
// Name substring filter plus "topic overrides only".
class ConfigFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setOverridesOnly(bool on)
    {
        m_overridesOnly = on;
        invalidateRowsFilter();
    }
    void setText(const QString &text)
    {
        m_text = text;
        invalidateRowsFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &) const override
    {
        const ConfigEntry &e = static_cast<const TopicConfigModel *>(sourceModel())->entry(row);
        if (m_overridesOnly && e.source != ConfigEntry::Source::TopicOverride)
            return false;
        return m_text.isEmpty() || e.name.contains(m_text, Qt::CaseInsensitive);
    }

private:
    bool m_overridesOnly = false;
    QString m_text;
};
} // namespace

TopicConfigView::TopicConfigView(TopicAdmin *admin, QWidget *parent)
    : QWidget(parent), m_admin(admin), m_model(new TopicConfigModel(this)), m_proxy(new ConfigFilter(this)),
      m_view(new QTableView), m_filter(new QLineEdit), m_overridesOnly(new QCheckBox(tr("Overrides only"))),
      m_edit(new QPushButton(tr("&Edit…"))), m_reset(new QPushButton(tr("&Reset to default"))),
      m_reload(new QPushButton(tr("Reload"))), m_status(new QLabel)
{
    setObjectName(QStringLiteral("topicConfigView"));
    m_proxy->setSourceModel(m_model);
    m_view->setObjectName(QStringLiteral("configTable"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->setAlternatingRowColors(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(TopicConfigModel::Name, 260);
    m_view->setColumnWidth(TopicConfigModel::Value, 240);
    m_view->setColumnWidth(TopicConfigModel::Source, 190);
    m_filter->setObjectName(QStringLiteral("configFilter"));
    m_filter->setPlaceholderText(tr("Filter configs"));
    m_filter->setClearButtonEnabled(true);
    m_overridesOnly->setObjectName(QStringLiteral("overridesOnlyCheck"));
    m_edit->setObjectName(QStringLiteral("editConfigButton"));
    m_reset->setObjectName(QStringLiteral("resetConfigButton"));
    m_reset->setToolTip(tr("Remove this topic's override so the broker's value applies again."));
    m_status->setObjectName(QStringLiteral("configStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_overridesOnly);
    bar->addWidget(m_edit);
    bar->addWidget(m_reset);
    bar->addWidget(m_reload);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);

    auto *filter = static_cast<ConfigFilter *>(m_proxy);
    connect(m_filter, &QLineEdit::textChanged, this, [filter](const QString &t) { filter->setText(t); });
    connect(m_overridesOnly, &QCheckBox::toggled, this, [filter](bool on) { filter->setOverridesOnly(on); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TopicConfigView::updateButtons);
    connect(m_view, &QTableView::doubleClicked, this, [this] { editSelected(); });
    connect(m_edit, &QPushButton::clicked, this, [this] { editSelected(); });
    connect(m_reset, &QPushButton::clicked, this, &TopicConfigView::resetSelected);
    connect(m_reload, &QPushButton::clicked, this, &TopicConfigView::reload);
    connect(&m_loadWatcher, &QFutureWatcher<ConfigsResult>::finished, this, [this] {
        const ConfigsResult r = m_loadWatcher.result();
        if (!r.ok()) {
            m_model->setEntries({});
            showStatus(tr("Configuration cannot be read: %1").arg(r.error.text()), true);
        } else if (r.resources.isEmpty() || r.resources.first().error.isError()) {
            m_model->setEntries({});
            showStatus(tr("Configuration cannot be read: %1")
                           .arg(r.resources.isEmpty() ? tr("no answer for the topic") : r.resources.first().error.text()), true);
        } else {
            m_model->setEntries(r.resources.first().entries);
            int overrides = 0;
            for (const ConfigEntry &e : r.resources.first().entries)
                overrides += e.source == ConfigEntry::Source::TopicOverride;
            if (m_status->property("error").toBool() || m_status->text().isEmpty() || m_status->text().startsWith(tr("Loading")))
                showStatus(tr("%n override(s); bold rows are set on this topic.", nullptr, overrides), false);
        }
        updateButtons();
    });
    connect(&m_resetWatcher, &QFutureWatcher<AdminResult>::finished, this, [this] {
        const AdminResult r = m_resetWatcher.result();
        if (r.ok()) {
            showStatus(tr("%1 reset to the inherited default.").arg(m_resetKey), false);
            emit configChanged(m_topic, m_resetKey);
            reload();
        } else {
            showStatus(tr("Could not reset %1:\n%2").arg(m_resetKey, r.failureText()), true);
        }
        updateButtons();
    });
    updateButtons();
}

void TopicConfigView::setTopic(const QString &topic)
{
    if (topic == m_topic)
        return;
    m_topic = topic;
    m_status->clear();
    m_model->setEntries({});
    reload();
}

void TopicConfigView::reload()
{
    if (m_topic.isEmpty())
        return;
    if (!m_admin->supportsAdmin()) {
        showStatus(m_admin->unsupportedReason(), true);
        updateButtons();
        return;
    }
    if (m_status->text().isEmpty())
        showStatus(tr("Loading configuration of %1…").arg(m_topic), false);
    m_loadWatcher.setFuture(m_admin->describeTopicConfigs({m_topic}));
}

void TopicConfigView::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setProperty("error", error);
    m_status->setStyleSheet(error ? Theme::errorStyleSheet() : QString());
    m_status->setVisible(!text.isEmpty());
}

QString TopicConfigView::statusText() const
{
    return m_status->text();
}

const ConfigEntry *TopicConfigView::selectedEntry() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    return &m_model->entry(m_proxy->mapToSource(rows.first()).row());
}

void TopicConfigView::updateButtons()
{
    const ConfigEntry *e = selectedEntry();
    const bool busy = m_resetWatcher.isRunning();
    const bool admin = m_admin->supportsAdmin();
    m_edit->setEnabled(admin && !busy && e && !e->readOnly);
    m_reset->setEnabled(admin && !busy && e && !e->readOnly && e->source == ConfigEntry::Source::TopicOverride);
    m_reload->setEnabled(admin && !m_topic.isEmpty());
    if (e && e->readOnly)
        m_edit->setToolTip(tr("%1 is read-only on this cluster.").arg(e->name));
    else
        m_edit->setToolTip(tr("Set a topic override for the selected config."));
}

bool TopicConfigView::selectConfig(const QString &key)
{
    const int row = m_model->rowOf(key);
    if (row < 0)
        return false;
    QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) {
        m_filter->clear();
        m_overridesOnly->setChecked(false);
        index = m_proxy->mapFromSource(m_model->index(row, 0));
    }
    m_view->selectRow(index.row());
    m_view->scrollTo(index);
    return true;
}

EditConfigDialog *TopicConfigView::editSelected()
{
    const ConfigEntry *e = selectedEntry();
    if (!e || e->readOnly || !m_admin->supportsAdmin())
        return nullptr;
    auto *dialog = new EditConfigDialog(m_admin, m_topic, *e, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString key = e->name;
    connect(dialog, &QDialog::accepted, this, [this, key] {
        showStatus(tr("%1 updated; the other overrides were kept.").arg(key), false);
        emit configChanged(m_topic, key);
        reload();
    });
    dialog->open();
    return dialog;
}

void TopicConfigView::resetSelected()
{
    const ConfigEntry *e = selectedEntry();
    if (!e || e->source != ConfigEntry::Source::TopicOverride || m_resetWatcher.isRunning())
        return;
    m_resetKey = e->name;
    showStatus(tr("Resetting %1…").arg(m_resetKey), false);
    m_resetWatcher.setFuture(m_admin->alterTopicConfig(m_topic, m_resetKey, std::nullopt));
    updateButtons();
}

} // namespace kafkascope
