#include "telemetry/telemetry_chart_view.h"

#include "models/telemetry_device_model.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>

namespace kafkascope {

namespace {
enum StatsColumn { SName, SPane, SMin, SMax, SMean, SLast, SPoints, SCount };
constexpr int kLayoutVersion = 1;
// The longest a frame waits for the store: the ingest's writer runs below the UI's priority,
// and one taken off the CPU while holding the store kept frames waiting 40 ms and more.
constexpr int kFrameWaitMs = 2;

QString seriesTitle(const QString &device, const QString &key)
{
    return device + QStringLiteral(" · ") + key;
}
} // namespace

TelemetryChartView::TelemetryChartView(std::shared_ptr<TelemetryStore> store, QWidget *parent)
    : QWidget(parent), m_store(std::move(store)), m_chart(new TimeChart), m_window(new QComboBox),
      m_follow(new QToolButton), m_dropStrip(new QLabel), m_stats(new QTableWidget(0, SCount))
{
    m_chart->setObjectName(QStringLiteral("telemetryChart"));
    m_chart->plot()->setAcceptDrops(true);
    m_chart->plot()->installEventFilter(this);
    m_chart->plot()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_chart->plot(), &QWidget::customContextMenuRequested, this, &TelemetryChartView::showThresholdMenu);
    m_chart->setMinimumHeight(220);

    m_window->setObjectName(QStringLiteral("windowCombo"));
    const QList<QPair<QString, int>> windows{{tr("Last 1 min"), 60},    {tr("Last 5 min"), 300}, {tr("Last 15 min"), 900},
                                             {tr("Last 1 h"), 3600},   {tr("Last 6 h"), 21600}, {tr("All held"), 0}};
    for (const auto &[text, seconds] : windows)
        m_window->addItem(text, seconds);
    m_window->setCurrentIndex(0);
    m_window->setToolTip(tr("Time window shown while following live data"));
    connect(m_window, &QComboBox::currentIndexChanged, this, [this] {
        m_chart->setTimeWindow(m_window->currentData().toDouble());
        m_chart->setFollow(true);
    });
    m_chart->setTimeWindow(60);

    m_follow->setObjectName(QStringLiteral("followButton"));
    m_follow->setText(tr("Follow live"));
    m_follow->setCheckable(true);
    m_follow->setChecked(m_chart->follow());
    m_follow->setToolTip(tr("Keep the newest data in view. Dragging or zooming the chart pauses it."));
    connect(m_follow, &QToolButton::toggled, m_chart, &TimeChart::setFollow);
    connect(m_chart, &TimeChart::followChanged, m_follow, &QToolButton::setChecked);

    auto *addPane = new QToolButton;
    addPane->setObjectName(QStringLiteral("addPaneButton"));
    addPane->setText(tr("Add pane"));
    connect(addPane, &QToolButton::clicked, this, [this] {
        m_chart->addPane();
        emit layoutChanged();
    });
    auto *threshold = new QToolButton;
    threshold->setText(tr("Threshold…"));
    threshold->setToolTip(tr("Draw a horizontal limit line in a pane; right-click the line to alert when a series crosses it"));
    connect(threshold, &QToolButton::clicked, this, &TelemetryChartView::askThreshold);
    auto *exportButton = new QToolButton;
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(exportButton);
    exportMenu->addAction(tr("Chart as PNG…"), this, [this] { exportAs(QStringLiteral("png")); });
    exportMenu->addAction(tr("Chart as PDF…"), this, [this] { exportAs(QStringLiteral("pdf")); });
    exportMenu->addAction(tr("Data as CSV…"), this, [this] { exportAs(QStringLiteral("csv")); });
    exportButton->setMenu(exportMenu);
    auto *layoutButton = new QToolButton;
    layoutButton->setText(tr("Layout"));
    layoutButton->setPopupMode(QToolButton::InstantPopup);
    auto *layoutMenu = new QMenu(layoutButton);
    layoutMenu->addAction(tr("Save layout…"), this, &TelemetryChartView::saveLayoutAs);
    layoutMenu->addAction(tr("Open layout…"), this, &TelemetryChartView::openLayout);
    layoutMenu->addSeparator();
    layoutMenu->addAction(tr("Clear chart"), this, &TelemetryChartView::clearChart);
    layoutButton->setMenu(layoutMenu);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_window);
    bar->addWidget(m_follow);
    bar->addWidget(addPane);
    bar->addWidget(threshold);
    bar->addStretch();
    bar->addWidget(exportButton);
    bar->addWidget(layoutButton);

    m_dropStrip->setObjectName(QStringLiteral("newPaneDropStrip"));
    m_dropStrip->setText(tr("Drag keys from the device list onto a pane, or here for a new pane"));
    m_dropStrip->setAlignment(Qt::AlignCenter);
    m_dropStrip->setAcceptDrops(true);
    m_dropStrip->installEventFilter(this);
    m_dropStrip->setStyleSheet(QStringLiteral("QLabel { border: 1px dashed palette(mid); color: palette(mid); padding: 3px; }"));

    m_stats->setObjectName(QStringLiteral("seriesStats"));
    // Min/Max/Avg/Last read the visible window, Points every point held: the headers say so.
    m_stats->setHorizontalHeaderLabels({tr("Series"), tr("Pane"), tr("Min in view"), tr("Max in view"),
                                        tr("Avg in view"), tr("Last in view"), tr("Points held")});
    for (int c : {int(SMin), int(SMax), int(SMean), int(SLast)})
        m_stats->horizontalHeaderItem(c)->setToolTip(tr("Over the time window the chart shows now"));
    m_stats->horizontalHeaderItem(SPoints)->setToolTip(
        tr("Every point the chart holds for the series, in view or not"));
    m_stats->verticalHeader()->hide();
    m_stats->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_stats->horizontalHeader()->setSectionResizeMode(SName, QHeaderView::Stretch);
    m_stats->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_stats->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_stats->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_stats->setToolTip(tr("Min, Max, Avg and Last cover the visible time window; Points counts every point "
                           "held. Untick to hide a series; Delete removes it."));
    auto *remove = new QAction(tr("Remove from chart"), m_stats);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    connect(remove, &QAction::triggered, this, [this] {
        QList<TimeChart::SeriesId> ids;
        for (const QModelIndex &i : m_stats->selectionModel()->selectedRows())
            ids << m_stats->item(i.row(), SName)->data(Qt::UserRole).toInt();
        for (TimeChart::SeriesId id : ids)
            removeSeries(id);
    });
    m_stats->addAction(remove);
    connect(m_stats, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_updatingStats || item->column() != SName)
            return;
        m_chart->setSeriesVisible(item->data(Qt::UserRole).toInt(), item->checkState() == Qt::Checked);
    });
    connect(m_chart, &TimeChart::seriesVisibilityChanged, this, [this] { refreshStats(); });

    auto *top = new QWidget;
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(bar);
    topLayout->addWidget(m_chart, 1);
    topLayout->addWidget(m_dropStrip);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(m_stats);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
}

TimeChart::SeriesId TelemetryChartView::addKey(int pane, const QString &device, const QString &key)
{
    if (pane < 0 || pane >= m_chart->paneCount())
        pane = m_chart->addPane();
    for (const Binding &b : std::as_const(m_bindings))
        if (b.device == device && b.key == key && m_chart->seriesPane(b.id) == pane)
            return b.id;
    Binding b;
    b.device = device;
    b.key = key;
    resolve(b, m_store->generation());
    b.id = m_chart->addSeries(pane, seriesTitle(device, key), {}, b.boolean ? TimeChart::Style::Step : TimeChart::Style::Line);
    m_bindings.append(b);
    pullFrame();
    rebuildStatsRows();
    emit layoutChanged();
    return b.id;
}

bool TelemetryChartView::resolve(Binding &b, quint64 generation)
{
    if (b.generation != generation) {
        b.generation = generation;
        b.deviceIndex = b.keyIndex = -1;
        b.seq = 0;
        b.rewrites = 0;
        if (b.id)
            m_chart->clearSeries(b.id);
    }
    if (b.keyIndex >= 0)
        return true;
    if (b.deviceIndex < 0)
        b.deviceIndex = m_store->deviceIndex(b.device);
    if (b.deviceIndex >= 0)
        b.keyIndex = m_store->keyIndex(b.deviceIndex, b.key);
    if (b.keyIndex < 0)
        return false;
    b.boolean = m_store->isBoolean(b.deviceIndex, b.keyIndex);
    if (b.boolean && b.id) { // learned late (layout opened before data): booleans are steps
        if (QCPGraph *g = m_chart->graph(b.id))
            g->setLineStyle(QCPGraph::lsStepLeft);
    }
    return true;
}

void TelemetryChartView::pullFrame()
{
    const quint64 generation = m_store->generation();
    for (Binding &b : m_bindings) {
        if (!resolve(b, generation))
            continue;
        m_points.clear();
        quint64 rewrites = 0;
        if (!m_store->tryCopySince(b.deviceIndex, b.keyIndex, b.seq, m_points, &b.seq, &rewrites, kFrameWaitMs))
            return; // the ingest holds the store and is off the CPU: the next frame catches up
        if (rewrites != b.rewrites) { // a late reading went before newer ones: take it all again
            b.rewrites = rewrites;
            m_points.clear();
            m_chart->clearSeries(b.id);
            b.seq = m_store->copySince(b.deviceIndex, b.keyIndex, 0, m_points, &b.rewrites);
        }
        if (m_points.empty())
            continue;
        m_t.resize(m_points.size());
        m_v.resize(m_points.size());
        for (size_t i = 0; i < m_points.size(); ++i) {
            m_t[i] = m_points[i].t;
            m_v[i] = m_points[i].v;
        }
        m_chart->appendPoints(b.id, m_t, m_v);
    }
}

void TelemetryChartView::refreshStats()
{
    // The chart holds no more than the store does: same point cap, same time span.
    const size_t cap = m_store->retentionPoints();
    const double seconds = m_store->retentionSeconds();
    for (const Binding &b : std::as_const(m_bindings)) {
        const SeriesData *data = m_chart->seriesData(b.id);
        if (!data || data->empty())
            continue;
        const int excess = int(data->size()) - int(cap);
        if (excess > int(cap / 8))
            m_chart->trimSeriesBefore(b.id, data->at(size_t(excess)).t);
        if (seconds > 0)
            m_chart->trimSeriesBefore(b.id, data->last().t - seconds);
    }
    m_updatingStats = true;
    for (int row = 0; row < m_stats->rowCount(); ++row) {
        const TimeChart::SeriesId id = m_stats->item(row, SName)->data(Qt::UserRole).toInt();
        const TimeChart::Stats st = m_chart->visibleStats(id);
        const bool any = st.count > 0;
        auto set = [&](int col, const QString &text) { m_stats->item(row, col)->setText(text); };
        set(SPane, QString::number(m_chart->seriesPane(id) + 1));
        set(SMin, any ? QString::number(st.min, 'g', 6) : QStringLiteral("–"));
        set(SMax, any ? QString::number(st.max, 'g', 6) : QStringLiteral("–"));
        set(SMean, any ? QString::number(st.mean, 'g', 6) : QStringLiteral("–"));
        set(SLast, any ? QString::number(st.last, 'g', 6) : QStringLiteral("–"));
        set(SPoints, QLocale().toString(m_chart->pointCount(id)));
        m_stats->item(row, SName)->setCheckState(m_chart->isSeriesVisible(id) ? Qt::Checked : Qt::Unchecked);
    }
    m_updatingStats = false;
}

void TelemetryChartView::rebuildStatsRows()
{
    m_updatingStats = true;
    m_stats->setRowCount(0);
    for (TimeChart::SeriesId id : m_chart->seriesIds()) {
        const int row = m_stats->rowCount();
        m_stats->insertRow(row);
        for (int c = 0; c < SCount; ++c) {
            auto *item = new QTableWidgetItem;
            if (c != SName)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_stats->setItem(row, c, item);
        }
        QTableWidgetItem *name = m_stats->item(row, SName);
        name->setText(m_chart->seriesName(id));
        name->setData(Qt::UserRole, id);
        name->setFlags(name->flags() | Qt::ItemIsUserCheckable);
        if (QCPGraph *g = m_chart->graph(id))
            name->setData(Qt::DecorationRole, g->pen().color());
    }
    m_updatingStats = false;
    refreshStats();
}

void TelemetryChartView::removeSeries(TimeChart::SeriesId id)
{
    for (qsizetype i = 0; i < m_bindings.size(); ++i)
        if (m_bindings[i].id == id)
            m_bindings.removeAt(i--);
    m_chart->removeSeries(id);
    rebuildStatsRows();
    emit layoutChanged();
}

void TelemetryChartView::clearChart()
{
    for (const Binding &b : std::as_const(m_bindings))
        m_chart->removeSeries(b.id);
    m_bindings.clear();
    for (const Threshold &t : std::as_const(m_thresholds))
        m_chart->removeThreshold(t.id);
    m_thresholds.clear();
    while (m_chart->paneCount() > 1)
        m_chart->removePane(m_chart->paneCount() - 1);
    rebuildStatsRows();
    emit layoutChanged();
}

int TelemetryChartView::addThreshold(int pane, double value, const QString &label)
{
    pane = qBound(0, pane, m_chart->paneCount() - 1);
    const int id = m_chart->addThreshold(pane, value, label);
    m_thresholds.append({pane, value, label, id});
    emit layoutChanged();
    return id;
}

QPair<QString, QString> TelemetryChartView::seriesKey(TimeChart::SeriesId id) const
{
    for (const Binding &b : m_bindings)
        if (b.id == id)
            return {b.device, b.key};
    return {};
}

TimeChart::SeriesId TelemetryChartView::seriesFor(const QString &device, const QString &key) const
{
    for (const Binding &b : m_bindings)
        if (b.device == device && b.key == key)
            return b.id;
    return 0;
}

int TelemetryChartView::paneAt(const QPoint &pos) const
{
    const QList<QCPAxisRect *> rects = m_chart->plot()->axisRects();
    int best = int(rects.size()) - 1;
    for (int i = 0; i < rects.size(); ++i) {
        if (pos.y() <= rects[i]->outerRect().bottom()) {
            best = i;
            break;
        }
    }
    return best;
}

void TelemetryChartView::dropKeys(const QList<QPair<QString, QString>> &keys, int pane)
{
    if (pane < 0)
        pane = m_chart->addPane();
    for (const auto &[device, key] : keys)
        addKey(pane, device, key);
}

bool TelemetryChartView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_chart->plot() && watched != m_dropStrip)
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *e = static_cast<QDropEvent *>(event);
        if (!e->mimeData()->hasFormat(TelemetryDeviceModel::kMimeType))
            return false;
        e->acceptProposedAction();
        return true;
    }
    case QEvent::Drop: {
        auto *e = static_cast<QDropEvent *>(event);
        const auto keys = TelemetryDeviceModel::decodeMime(e->mimeData());
        if (keys.isEmpty())
            return false;
        dropKeys(keys, watched == m_dropStrip ? -1 : paneAt(e->position().toPoint()));
        e->acceptProposedAction();
        return true;
    }
    default:
        return QWidget::eventFilter(watched, event);
    }
}

void TelemetryChartView::askThreshold()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Add threshold"));
    auto *pane = new QSpinBox;
    pane->setRange(1, m_chart->paneCount());
    auto *value = new QDoubleSpinBox;
    value->setRange(-1e12, 1e12);
    value->setDecimals(3);
    auto *label = new QLineEdit(tr("limit"));
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("Pane"), pane);
    form->addRow(tr("Value"), value);
    form->addRow(tr("Label"), label);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() == QDialog::Accepted)
        addThreshold(pane->value() - 1, value->value(), label->text());
}

void TelemetryChartView::showThresholdMenu(const QPoint &plotPos)
{
    const int id = m_chart->thresholdAt(plotPos);
    if (!id)
        return;
    QMenu *menu = thresholdMenu(id);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(m_chart->plot()->mapToGlobal(plotPos));
}

QMenu *TelemetryChartView::thresholdMenu(int thresholdId)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("thresholdMenu"));
    const auto t = std::find_if(m_thresholds.cbegin(), m_thresholds.cend(),
                                [&](const Threshold &x) { return x.id == thresholdId; });
    if (t == m_thresholds.cend())
        return menu;
    for (const Binding &b : std::as_const(m_bindings)) {
        if (m_chart->seriesPane(b.id) != t->pane)
            continue;
        QAction *a = menu->addAction(tr("Alert when %1 crosses %2…")
                                         .arg(seriesTitle(b.device, b.key), QString::number(t->value, 'g', 12)));
        a->setObjectName(QStringLiteral("alertWhenCrossed"));
        connect(a, &QAction::triggered, this, [this, thresholdId, id = b.id] { requestThresholdRule(thresholdId, id); });
    }
    if (menu->actions().isEmpty())
        menu->addAction(tr("Chart a key in this pane to alert when it crosses the line"))->setEnabled(false);
    menu->addSeparator();
    menu->addAction(tr("Remove threshold"), this, [this, thresholdId] { removeThresholdLine(thresholdId); });
    return menu;
}

void TelemetryChartView::requestThresholdRule(int thresholdId, TimeChart::SeriesId series)
{
    const auto t = std::find_if(m_thresholds.cbegin(), m_thresholds.cend(),
                                [&](const Threshold &x) { return x.id == thresholdId; });
    const auto [device, key] = seriesKey(series);
    if (t == m_thresholds.cend() || device.isEmpty())
        return;
    const SeriesData *data = m_chart->seriesData(series);
    const bool below = data && !data->empty() && data->last().v > t->value;
    emit thresholdRuleRequested(device, key, t->value, below);
}

void TelemetryChartView::removeThresholdLine(int id)
{
    m_chart->removeThreshold(id);
    m_thresholds.removeIf([id](const Threshold &t) { return t.id == id; });
    emit layoutChanged();
}

void TelemetryChartView::exportAs(const QString &kind)
{
    ChartExport::ask(this, tr("Export"), QStringLiteral("telemetry.") + kind, m_chart->exportSource(),
                     ChartExport::formatOf(kind));
}

QJsonObject TelemetryChartView::layoutJson() const
{
    QJsonArray panes;
    for (int p = 0; p < m_chart->paneCount(); ++p) {
        QJsonArray series, thresholds;
        for (const Binding &b : m_bindings)
            if (m_chart->seriesPane(b.id) == p)
                series.append(QJsonObject{{QStringLiteral("device"), b.device}, {QStringLiteral("key"), b.key},
                                          {QStringLiteral("visible"), m_chart->isSeriesVisible(b.id)}});
        for (const Threshold &t : m_thresholds)
            if (t.pane == p)
                thresholds.append(QJsonObject{{QStringLiteral("value"), t.value}, {QStringLiteral("label"), t.label}});
        panes.append(QJsonObject{{QStringLiteral("series"), series}, {QStringLiteral("thresholds"), thresholds}});
    }
    return {{QStringLiteral("kafkascopeChartLayout"), kLayoutVersion},
            {QStringLiteral("windowSeconds"), m_window->currentData().toInt()},
            {QStringLiteral("panes"), panes}};
}

bool TelemetryChartView::applyLayout(const QJsonObject &layout, QString *error)
{
    if (layout.value(QStringLiteral("kafkascopeChartLayout")).toInt() != kLayoutVersion
        || !layout.value(QStringLiteral("panes")).isArray()) {
        *error = tr("Not a Kafkascope chart layout (expected \"kafkascopeChartLayout\": %1 and a \"panes\" array).").arg(kLayoutVersion);
        return false;
    }
    clearChart();
    const int w = m_window->findData(layout.value(QStringLiteral("windowSeconds")).toInt(300));
    if (w >= 0)
        m_window->setCurrentIndex(w);
    const QJsonArray panes = layout.value(QStringLiteral("panes")).toArray();
    for (int p = 0; p < panes.size(); ++p) {
        if (p > 0)
            m_chart->addPane();
        const QJsonObject pane = panes[p].toObject();
        for (const QJsonValue &v : pane.value(QStringLiteral("series")).toArray()) {
            const QJsonObject s = v.toObject();
            const QString device = s.value(QStringLiteral("device")).toString();
            const QString key = s.value(QStringLiteral("key")).toString();
            if (device.isEmpty() || key.isEmpty())
                continue;
            const TimeChart::SeriesId id = addKey(p, device, key);
            m_chart->setSeriesVisible(id, s.value(QStringLiteral("visible")).toBool(true));
        }
        for (const QJsonValue &v : pane.value(QStringLiteral("thresholds")).toArray()) {
            const QJsonObject t = v.toObject();
            addThreshold(p, t.value(QStringLiteral("value")).toDouble(), t.value(QStringLiteral("label")).toString());
        }
    }
    rebuildStatsRows();
    return true;
}

bool TelemetryChartView::saveLayout(const QString &path, QString *error) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(layoutJson()).toJson());
    if (!file.flush()) {
        *error = tr("Writing %1 failed: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool TelemetryChartView::loadLayout(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot open %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = tr("%1 is not valid JSON: %2 at byte %3").arg(path, parseError.errorString()).arg(parseError.offset);
        return false;
    }
    return applyLayout(doc.object(), error);
}

void TelemetryChartView::saveLayoutAs()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save chart layout"), QStringLiteral("telemetry-layout.json"),
                                                      tr("Chart layout (*.json)"));
    QString error;
    if (!path.isEmpty() && !saveLayout(path, &error))
        QMessageBox::warning(this, tr("Save layout"), error);
}

void TelemetryChartView::openLayout()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open chart layout"), {}, tr("Chart layout (*.json)"));
    QString error;
    if (!path.isEmpty() && !loadLayout(path, &error))
        QMessageBox::warning(this, tr("Open layout"), error);
}

} // namespace kafkascope
