#include "alerts/alerts_panel.h"

#include "alerts/alert_watcher.h"
#include "alerts/rule_dialog.h"
#include "cluster/cluster_session.h"
#include "groups/group_lag.h"
#include "shell/theme.h"

#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace kafkascope {

namespace {
QTableWidget *table(const QString &name, const QStringList &headers)
{
    auto *t = new QTableWidget(0, int(headers.size()));
    t->setObjectName(name);
    t->setHorizontalHeaderLabels(headers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setAlternatingRowColors(true);
    return t;
}

QTableWidgetItem *cell(const QString &text, const QVariant &data = {})
{
    auto *item = new QTableWidgetItem(text);
    if (data.isValid())
        item->setData(Qt::UserRole, data);
    return item;
}

QString timeText(double seconds)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(seconds * 1000)).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString subjectText(const QString &subject, RuleKind kind)
{
    if (kind == RuleKind::ClusterUnreachable)
        return QObject::tr("cluster");
    if (kind == RuleKind::BrokerMissing)
        return QObject::tr("broker %1").arg(subject);
    return subject;
}

QString panelTitle(const QString &kind)
{
    static const QHash<QString, QString> titles{
        {QStringLiteral("groups"), QObject::tr("Consumer groups")},
        {QStringLiteral("throughput"), QObject::tr("Throughput")},
        {QStringLiteral("overview"), QObject::tr("Overview")},
        {QStringLiteral("telemetry"), QObject::tr("Telemetry")},
    };
    return titles.value(kind, kind);
}

QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &s : text.split(u',', Qt::SkipEmptyParts))
        if (!s.trimmed().isEmpty())
            out << s.trimmed();
    return out;
}
} // namespace

AlertsPanel::AlertsPanel(ClusterSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_watcher(AlertWatcher::of(session->id())),
      m_status(new QLabel),
      m_rules(table(QStringLiteral("ruleTable"),
                    {tr("Rule"), tr("Kind"), tr("Applies to"), tr("Threshold"), tr("For"), tr("Severity"), tr("State")})),
      m_active(table(QStringLiteral("activeTable"),
                     {tr("Severity"), tr("Rule"), tr("Subject"), tr("Since"), tr("State"), tr("Figure")})),
      m_log(table(QStringLiteral("logTable"),
                  {tr("Time"), tr("Event"), tr("Severity"), tr("Rule"), tr("Subject"), tr("Shown in"), tr("Figure")})),
      m_groups(new QLineEdit), m_telemetry(new QLineEdit), m_fileMessage(new QLabel)
{
    setObjectName(QStringLiteral("alertsPanel"));
    m_status->setObjectName(QStringLiteral("alertsStatus"));
    m_status->setWordWrap(true);
    m_fileMessage->setObjectName(QStringLiteral("fileMessage"));
    m_fileMessage->setWordWrap(true);
    m_fileMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fileMessage->hide();

    auto button = [this](const QString &name, const QString &text, auto slot) {
        auto *b = new QPushButton(text);
        b->setObjectName(name);
        connect(b, &QPushButton::clicked, this, slot);
        return b;
    };
    auto *ruleBar = new QHBoxLayout;
    ruleBar->addWidget(new QLabel(tr("<b>Rules</b>")));
    ruleBar->addStretch(1);
    ruleBar->addWidget(button(QStringLiteral("newRuleButton"), tr("New rule…"), [this] { editRule(true); }));
    ruleBar->addWidget(button(QStringLiteral("editRuleButton"), tr("Edit…"), [this] { editRule(false); }));
    ruleBar->addWidget(button(QStringLiteral("deleteRuleButton"), tr("Delete"), &AlertsPanel::deleteRule));
    // Mute for a time the user picks: a rule silenced for good is better deleted or disabled.
    auto *mute = new QToolButton;
    mute->setObjectName(QStringLiteral("muteButton"));
    mute->setText(tr("Mute for…"));
    mute->setPopupMode(QToolButton::InstantPopup);
    auto *muteMenu = new QMenu(mute);
    muteMenu->setObjectName(QStringLiteral("muteMenu"));
    for (const auto &[text, seconds] : {std::pair{tr("15 minutes"), 900}, std::pair{tr("1 hour"), 3600},
                                        std::pair{tr("8 hours"), 8 * 3600}, std::pair{tr("1 day"), 86400},
                                        std::pair{tr("1 week"), 7 * 86400}})
        muteMenu->addAction(text, this, [this, seconds] { muteRule(seconds); });
    mute->setMenu(muteMenu);
    ruleBar->addWidget(mute);
    ruleBar->addWidget(button(QStringLiteral("unmuteButton"), tr("Unmute"), [this] { muteRule(0); }));
    ruleBar->addWidget(button(QStringLiteral("exportButton"), tr("Export…"), [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export alert rules and log"), {},
                                                          tr("Kafkascope alerts (*.json)"));
        QString error;
        if (!path.isEmpty() && !exportTo(path, &error)) {
            m_fileMessage->setText(tr("Could not write %1: %2").arg(path, error));
            m_fileMessage->show();
        }
    }));
    ruleBar->addWidget(button(QStringLiteral("importButton"), tr("Import…"), [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import alert rules and log"), {},
                                                          tr("Kafkascope alerts (*.json)"));
        if (!path.isEmpty())
            importFrom(path);
    }));

    auto *activeBar = new QHBoxLayout;
    activeBar->addWidget(new QLabel(tr("<b>Active alerts</b>")));
    activeBar->addStretch(1);
    activeBar->addWidget(button(QStringLiteral("ackButton"), tr("Acknowledge"), &AlertsPanel::acknowledgeSelected));
    activeBar->addWidget(button(QStringLiteral("openButton"), tr("Show figure"), [this] {
        openSelected(m_active, m_active->currentRow());
    }));

    m_groups->setObjectName(QStringLiteral("watchedGroupsEdit"));
    m_groups->setPlaceholderText(tr("groups to follow even when the cluster cannot list them, comma-separated"));
    m_telemetry->setObjectName(QStringLiteral("telemetryTopicsEdit"));
    m_telemetry->setPlaceholderText(tr("telemetry topics for device and key rules, comma-separated"));
    auto *watches = new QFormLayout;
    auto *applyWatch = button(QStringLiteral("applyWatchesButton"), tr("Apply"), &AlertsPanel::applyWatches);
    auto *telemetryRow = new QHBoxLayout;
    telemetryRow->addWidget(m_telemetry, 1);
    telemetryRow->addWidget(applyWatch);
    watches->addRow(tr("Watched groups:"), m_groups);
    watches->addRow(tr("Telemetry topics:"), telemetryRow);

    auto wrap = [](QLayout *bar, QWidget *body) {
        auto *w = new QWidget;
        auto *l = new QVBoxLayout(w);
        l->setContentsMargins(0, 0, 0, 0);
        if (bar)
            l->addLayout(bar);
        l->addWidget(body, 1);
        return w;
    };
    auto *logBar = new QHBoxLayout;
    logBar->addWidget(new QLabel(tr("<b>Log</b> (double-click an entry to see its figure)")));
    logBar->addStretch(1);
    logBar->addWidget(button(QStringLiteral("clearLogButton"), tr("Clear log"), [this] {
        if (m_watcher)
            m_watcher->clearLog();
    }));
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(wrap(ruleBar, m_rules));
    split->addWidget(wrap(activeBar, m_active));
    split->addWidget(wrap(logBar, m_log));
    split->setSizes({200, 160, 300});

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addLayout(watches);
    layout->addWidget(m_fileMessage);
    layout->addWidget(split, 1);

    connect(m_rules, &QTableWidget::cellDoubleClicked, this, [this] { editRule(false); });
    connect(m_active, &QTableWidget::cellDoubleClicked, this, [this](int row) { openSelected(m_active, row); });
    connect(m_log, &QTableWidget::cellDoubleClicked, this, [this](int row) { openSelected(m_log, row); });
    if (m_watcher) {
        connect(m_watcher, &AlertWatcher::alertsChanged, this, &AlertsPanel::refresh);
        connect(m_watcher, &AlertWatcher::configChanged, this, [this] {
            const Watches w = m_watcher->watches();
            if (!m_groups->hasFocus())
                m_groups->setText(w.groups.join(QStringLiteral(", ")));
            if (!m_telemetry->hasFocus())
                m_telemetry->setText(w.telemetryTopics.join(QStringLiteral(", ")));
            refresh();
        });
        const Watches w = m_watcher->watches();
        m_groups->setText(w.groups.join(QStringLiteral(", ")));
        m_telemetry->setText(w.telemetryTopics.join(QStringLiteral(", ")));
    }
    refresh();
}

void AlertsPanel::refresh()
{
    if (!m_watcher) {
        m_status->setText(tr("This cluster is not watched (it was opened outside the workspace)."));
        return;
    }
    const QList<ActiveAlert> active = m_watcher->active();
    m_status->setText(tr("%n rule(s), evaluated every second in the background; %1 active alert(s). "
                         "Rules and log: %2", nullptr, int(m_watcher->rules().size()))
                          .arg(active.size())
                          .arg(m_watcher->path()));
    fillRules();
    fillActive();
    fillLog();
}

void AlertsPanel::fillRules()
{
    const QString selected = selectedRuleId();
    const QList<AlertRule> rules = m_watcher->rules();
    const QList<ActiveAlert> active = m_watcher->active();
    const QHash<QString, double> mutes = m_watcher->mutes();
    // Lag in seconds is read for one group at a time (the first named in such a rule, as the
    // watcher chooses it): the other seconds rules get no figure and must say so.
    QString secondsGroup;
    for (const AlertRule &r : rules)
        if (r.kind == RuleKind::GroupLagSeconds && r.enabled && !r.wildcard()) {
            secondsGroup = r.target;
            break;
        }
    m_rules->setRowCount(int(rules.size()));
    for (int i = 0; i < rules.size(); ++i) {
        const AlertRule &r = rules[i];
        const RuleKindInfo &info = ruleKindInfo(r.kind);
        QString state = r.enabled ? tr("on") : tr("off");
        int firing = 0;
        const double mutedUntil = mutes.value(r.id);
        for (const ActiveAlert &a : active)
            if (a.ruleId == r.id)
                ++firing;
        if (firing)
            state = tr("firing (%1)").arg(firing);
        else if (r.enabled && r.kind == RuleKind::GroupLagSeconds && (r.wildcard() || r.target != secondsGroup))
            state = secondsGroup.isEmpty() || r.wildcard()
                ? tr("no figure: lag in seconds is read for one named group")
                : tr("no figure: lag in seconds is read for one group at a time (%1)").arg(secondsGroup);
        if (mutedUntil > QDateTime::currentMSecsSinceEpoch() / 1000.0)
            state += tr(", muted until %1").arg(timeText(mutedUntil));
        const QString threshold = info.hasThreshold
            ? QStringLiteral("%1 %2%3")
                  .arg(r.below ? QStringLiteral("<") : QStringLiteral(">"))
                  .arg(r.threshold)
                  .arg(info.unit.isEmpty() ? QString() : QString(u' ' + info.unit))
            : QString();
        m_rules->setItem(i, 0, cell(r.name, r.id));
        m_rules->setItem(i, 1, cell(info.title));
        QString target = info.subjectKind == u"cluster" ? tr("cluster") : r.target.isEmpty() ? tr("all") : r.target;
        if (!r.topic.isEmpty())
            target = tr("%1 on %2").arg(target, r.topic);
        m_rules->setItem(i, 2, cell(target));
        m_rules->setItem(i, 3, cell(r.kind == RuleKind::TelemetryThreshold ? QString(threshold + u' ' + r.key) : threshold));
        m_rules->setItem(i, 4, cell(formatDuration(r.forSeconds)));
        m_rules->setItem(i, 5, cell(severityName(r.severity)));
        m_rules->setItem(i, 6, cell(state));
        if (r.id == selected)
            m_rules->selectRow(i);
    }
}

void AlertsPanel::fillActive()
{
    const QList<ActiveAlert> active = m_watcher->active();
    m_active->setRowCount(int(active.size()));
    const double now = QDateTime::currentMSecsSinceEpoch() / 1000.0;
    for (int i = 0; i < active.size(); ++i) {
        const ActiveAlert &a = active[i];
        auto *sev = cell(severityName(a.severity), QStringList{a.ruleId, a.subject, a.panel, a.item});
        sev->setForeground(Theme::severityColor(int(a.severity)));
        m_active->setItem(i, 0, sev);
        m_active->setItem(i, 1, cell(a.ruleName));
        m_active->setItem(i, 2, cell(subjectText(a.subject, a.kind)));
        m_active->setItem(i, 3, cell(timeText(a.since)));
        m_active->setItem(i, 4, cell(a.mutedAt(now) ? tr("muted") : a.acknowledged ? tr("acknowledged") : tr("new")));
        m_active->setItem(i, 5, cell(a.figure));
    }
}

void AlertsPanel::fillLog()
{
    const QList<AlertEvent> log = m_watcher->log();
    m_log->setRowCount(int(log.size()));
    // Newest first.
    for (int i = 0; i < log.size(); ++i) {
        const AlertEvent &e = log[log.size() - 1 - i];
        auto *time = cell(timeText(e.at), QStringList{e.ruleId, e.subject, e.panel, e.item});
        m_log->setItem(i, 0, time);
        QString type = AlertEvent::typeName(e.type);
        if (e.muted)
            type += QStringLiteral(" (muted)");
        m_log->setItem(i, 1, cell(type));
        auto *sev = cell(severityName(e.severity));
        sev->setForeground(Theme::severityColor(int(e.severity)));
        m_log->setItem(i, 2, sev);
        m_log->setItem(i, 3, cell(e.ruleName));
        m_log->setItem(i, 4, cell(subjectText(e.subject, e.kind)));
        m_log->setItem(i, 5, cell(panelTitle(e.panel)));
        m_log->setItem(i, 6, cell(e.figure));
    }
}

QString AlertsPanel::selectedRuleId() const
{
    const int row = m_rules->currentRow();
    if (row < 0 || !m_rules->item(row, 0))
        return {};
    return m_rules->item(row, 0)->data(Qt::UserRole).toString();
}

void AlertsPanel::editRule(bool create)
{
    if (!m_watcher)
        return;
    AlertRule rule;
    if (!create) {
        const QString id = selectedRuleId();
        for (const AlertRule &r : m_watcher->rules())
            if (r.id == id)
                rule = r;
        if (rule.id.isEmpty())
            return;
    }
    auto *dialog = new RuleDialog(rule, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { m_watcher->addRule(dialog->rule()); });
    dialog->open();
}

void AlertsPanel::deleteRule()
{
    if (const QString id = selectedRuleId(); m_watcher && !id.isEmpty())
        m_watcher->removeRule(id);
}

void AlertsPanel::muteRule(double seconds)
{
    if (const QString id = selectedRuleId(); m_watcher && !id.isEmpty())
        m_watcher->mute(id, seconds);
}

void AlertsPanel::acknowledgeSelected()
{
    const int row = m_active->currentRow();
    if (!m_watcher || row < 0 || !m_active->item(row, 0))
        return;
    const QStringList key = m_active->item(row, 0)->data(Qt::UserRole).toStringList();
    m_watcher->acknowledge(key.value(0), key.value(1));
}

void AlertsPanel::openSelected(QTableWidget *table, int row)
{
    if (row < 0 || !table->item(row, 0))
        return;
    const QStringList key = table->item(row, 0)->data(Qt::UserRole).toStringList();
    if (!key.value(2).isEmpty())
        emit openPanelRequested(key.value(2), key.value(3));
}

void AlertsPanel::applyWatches()
{
    if (!m_watcher)
        return;
    Watches w;
    w.groups = splitList(m_groups->text());
    w.telemetryTopics = splitList(m_telemetry->text());
    m_watcher->setWatches(w);
}

bool AlertsPanel::exportTo(const QString &path, QString *error)
{
    if (!m_watcher)
        return false;
    // A small file: written here, like the chart exports.
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(AlertStore::toJson(m_watcher->config()));
    m_fileMessage->setText(tr("Exported %n rule(s) and the log to %1.", nullptr, int(m_watcher->rules().size())).arg(path));
    m_fileMessage->show();
    return true;
}

bool AlertsPanel::importFrom(const QString &path, QStringList *errors)
{
    QStringList problems;
    AlertConfig config;
    QFile file(path);
    bool ok = m_watcher && file.open(QIODevice::ReadOnly);
    if (!ok)
        problems << file.errorString();
    else
        ok = AlertStore::fromJson(file.readAll(), &config, &problems);
    if (ok)
        m_watcher->importConfig(config, !config.log.isEmpty());
    m_fileMessage->setText(ok ? tr("Imported %n rule(s) from %1.", nullptr, int(config.rules.size())).arg(path)
                                    + (problems.isEmpty() ? QString() : QString(u'\n' + problems.join(u'\n')))
                              : tr("Could not import %1:\n%2").arg(path, problems.join(u'\n')));
    m_fileMessage->show();
    if (errors)
        *errors = problems;
    return ok;
}

void AlertsPanel::focusItem(const QString &ruleOrSubject)
{
    for (int i = 0; i < m_active->rowCount(); ++i)
        if (m_active->item(i, 1)->text() == ruleOrSubject || m_active->item(i, 2)->text() == ruleOrSubject) {
            m_active->selectRow(i);
            return;
        }
}

} // namespace kafkascope
