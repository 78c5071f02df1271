#include "telemetry/telemetry_panel.h"
#include "shell/theme.h"

#include "alerts/alert_watcher.h"
#include "alerts/rule_dialog.h"
#include "cluster/cluster_session.h"
#include "decoding/decoder_choice_store.h"
#include "demo/format_simulator.h"
#include "sparkline_delegate.h"
#include "telemetry/telemetry_chart_view.h"
#include "time_chart.h"
#include "models/telemetry_device_model.h"

#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMouseEvent>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace kafkascope {

namespace {
constexpr int kFrameMs = 33;
constexpr qint64 kSlowMs = 500;
constexpr int kErrorRows = 200;

QString humanBytes(size_t bytes)
{
    if (bytes < 1024 * 1024)
        return QStringLiteral("%1 KB").arg(double(bytes) / 1024.0, 0, 'f', 1);
    return QStringLiteral("%1 MB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}
} // namespace

TelemetryPanel::TelemetryPanel(ClusterSession *session, const QString &topic, QWidget *parent)
    : QWidget(parent), m_session(session), m_store(std::make_shared<TelemetryStore>()),
      m_ingest(new TelemetryIngest(session->profile(), m_store, this)), m_model(new TelemetryDeviceModel(m_store, this)),
      m_proxy(new QSortFilterProxyModel(this)), m_chart(new TelemetryChartView(m_store)), m_frame(new QTimer(this))
{
    setObjectName(QStringLiteral("telemetryPanel"));
    if (!topic.isEmpty())
        m_topics << topic;
    buildControls();

    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setAutoAcceptChildRows(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(TelemetryDeviceModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_devices->setModel(m_proxy);
    m_devices->setItemDelegateForColumn(TelemetryDeviceModel::Trend,
                                        new SparklineDelegate(TelemetryDeviceModel::SparklineRole, m_devices));
    m_devices->sortByColumn(TelemetryDeviceModel::Name, Qt::AscendingOrder);
    m_devices->setSortingEnabled(true);
    m_devices->header()->setSectionResizeMode(QHeaderView::Interactive);
    const int widths[] = {140, 90, 80, 72, 56, 96, 72, 44, 52};
    for (int c = 0; c < TelemetryDeviceModel::ColumnCount; ++c)
        m_devices->setColumnWidth(c, widths[c]);
    m_devices->header()->setMinimumSectionSize(40);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_devices, &QTreeView::doubleClicked, this, &TelemetryPanel::chartIndex);
    connect(m_chart, &TelemetryChartView::thresholdRuleRequested, this, &TelemetryPanel::openThresholdRule);

    connect(m_ingest, &TelemetryIngest::statusChanged, this, &TelemetryPanel::showIngestStatus);
    connect(m_session, &ClusterSession::snapshotChanged, this, &TelemetryPanel::updateTopicsMenu);
    m_frame->setInterval(kFrameMs);
    m_frame->setTimerType(Qt::PreciseTimer);
    connect(m_frame, &QTimer::timeout, this, &TelemetryPanel::onFrame);
    applyRetention();
    updateTopicsMenu();
    showIngestStatus(m_ingest->status());
}

TelemetryPanel::~TelemetryPanel()
{
    m_ingest->stop();
}

void TelemetryPanel::buildControls()
{
    m_topicsButton = new QToolButton;
    m_topicsButton->setObjectName(QStringLiteral("topicsButton"));
    m_topicsButton->setPopupMode(QToolButton::InstantPopup);
    m_topicsButton->setMenu(new QMenu(m_topicsButton));
    // A multi-select: a click ticks or unticks a topic and the menu stays open for the next.
    m_topicsButton->menu()->installEventFilter(this);
    m_topicsButton->setMinimumWidth(160);

    m_start = new QComboBox;
    m_start->setObjectName(QStringLiteral("startCombo"));
    m_start->addItem(tr("Latest"), int(TelemetryStart::Latest));
    m_start->addItem(tr("Minutes ago"), int(TelemetryStart::MinutesAgo));
    m_start->addItem(tr("Timestamp"), int(TelemetryStart::Timestamp));
    m_start->addItem(tr("Beginning"), int(TelemetryStart::Beginning));
    m_start->setCurrentIndex(1);
    m_minutes = new QSpinBox;
    m_minutes->setObjectName(QStringLiteral("minutesSpin"));
    m_minutes->setRange(1, 7 * 24 * 60);
    m_minutes->setValue(5);
    m_minutes->setSuffix(tr(" min"));
    m_from = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(-3600));
    m_from->setObjectName(QStringLiteral("fromEdit"));
    m_from->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_from->setCalendarPopup(true);
    connect(m_start, &QComboBox::currentIndexChanged, this, &TelemetryPanel::updateStartWidgets);

    m_format = new QComboBox;
    m_format->setObjectName(QStringLiteral("formatCombo"));
    for (TelemetryFormat f : {TelemetryFormat::Auto, TelemetryFormat::Gateway, TelemetryFormat::Device, TelemetryFormat::Generic})
        m_format->addItem(formatName(f), int(f));
    m_format->setToolTip(tr("Auto-detect decides per topic from the first messages"));
    m_deviceSource = new QComboBox;
    m_deviceSource->setObjectName(QStringLiteral("deviceSourceCombo"));
    m_deviceSource->addItem(tr("Message key"), int(DeviceSource::MessageKey));
    m_deviceSource->addItem(tr("Header"), int(DeviceSource::Header));
    m_deviceSource->addItem(tr("JSON field"), int(DeviceSource::JsonField));
    m_deviceSource->addItem(tr("Topic"), int(DeviceSource::Topic));
    m_deviceSource->setToolTip(tr("Where the device name comes from (gateway telemetry names devices itself)"));
    m_deviceField = new QLineEdit;
    m_deviceField->setObjectName(QStringLiteral("deviceFieldEdit"));
    m_deviceField->setPlaceholderText(tr("header / field name"));
    m_deviceField->setMinimumWidth(120);
    auto updateField = [this] {
        const auto s = DeviceSource(m_deviceSource->currentData().toInt());
        m_deviceField->setEnabled(s == DeviceSource::Header || s == DeviceSource::JsonField);
    };
    connect(m_deviceSource, &QComboBox::currentIndexChanged, this, updateField);
    updateField();
    m_group = new QLineEdit;
    m_group->setObjectName(QStringLiteral("groupEdit"));
    m_group->setPlaceholderText(tr("no consumer group"));
    m_group->setToolTip(tr("Empty: read without a consumer group (nothing committed, no effect on the cluster).\n"
                           "A name: join that group and commit offsets; the group's committed offsets then decide where to start."));
    m_group->setMinimumWidth(150);
    m_startStop = new QPushButton(tr("Start"));
    m_startStop->setObjectName(QStringLiteral("startStopButton"));
    m_startStop->setDefault(true);
    connect(m_startStop, &QPushButton::clicked, this, [this] { m_ingest->isRunning() ? stopIngest() : startIngest(); });

    m_keepPoints = new QSpinBox;
    m_keepPoints->setObjectName(QStringLiteral("keepPointsSpin"));
    m_keepPoints->setRange(100, 5000000);
    m_keepPoints->setSingleStep(10000);
    m_keepPoints->setValue(100000);
    m_keepPoints->setSuffix(tr(" points"));
    m_keepPoints->setToolTip(tr("Retention: points kept per series"));
    m_keepMinutes = new QSpinBox;
    m_keepMinutes->setObjectName(QStringLiteral("keepMinutesSpin"));
    m_keepMinutes->setRange(0, 7 * 24 * 60);
    m_keepMinutes->setValue(60);
    m_keepMinutes->setSuffix(tr(" min"));
    m_keepMinutes->setSpecialValueText(tr("any age"));
    m_keepMinutes->setToolTip(tr("Retention: drop points older than this before the newest reading"));
    m_staleSeconds = new QSpinBox;
    m_staleSeconds->setObjectName(QStringLiteral("staleSpin"));
    m_staleSeconds->setRange(1, 24 * 3600);
    m_staleSeconds->setValue(30);
    m_staleSeconds->setSuffix(tr(" s"));
    m_staleSeconds->setToolTip(tr("A device silent for longer is flagged stale; such silences count as gaps"));
    connect(m_keepPoints, &QSpinBox::editingFinished, this, &TelemetryPanel::applyRetention);
    connect(m_keepMinutes, &QSpinBox::editingFinished, this, &TelemetryPanel::applyRetention);
    connect(m_staleSeconds, &QSpinBox::valueChanged, this, &TelemetryPanel::applyRetention);

    auto *row1 = new QHBoxLayout;
    row1->addWidget(new QLabel(tr("Topics")));
    row1->addWidget(m_topicsButton);
    row1->addWidget(new QLabel(tr("Start at")));
    row1->addWidget(m_start);
    row1->addWidget(m_minutes);
    row1->addWidget(m_from);
    row1->addWidget(new QLabel(tr("Format")));
    row1->addWidget(m_format);
    row1->addWidget(new QLabel(tr("Device from")));
    row1->addWidget(m_deviceSource);
    row1->addWidget(m_deviceField);
    row1->addStretch();
    row1->addWidget(m_startStop);

    auto *row2 = new QHBoxLayout;
    row2->addWidget(new QLabel(tr("Keep")));
    row2->addWidget(m_keepPoints);
    row2->addWidget(new QLabel(tr("per series, up to")));
    row2->addWidget(m_keepMinutes);
    row2->addSpacing(12);
    row2->addWidget(new QLabel(tr("Stale after")));
    row2->addWidget(m_staleSeconds);
    row2->addSpacing(12);
    row2->addWidget(new QLabel(tr("Group")));
    row2->addWidget(m_group);
    m_ingestMessage = new QLabel;
    m_ingestMessage->setObjectName(QStringLiteral("ingestMessage"));
    m_ingestMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row2->addSpacing(12);
    row2->addWidget(m_ingestMessage, 1);

    m_filter = new QLineEdit;
    m_filter->setObjectName(QStringLiteral("deviceFilter"));
    m_filter->setPlaceholderText(tr("Search devices and keys"));
    m_filter->setClearButtonEnabled(true);
    m_devices = new QTreeView;
    m_devices->setObjectName(QStringLiteral("deviceTree"));
    m_devices->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_devices->setDragEnabled(true);
    m_devices->setDragDropMode(QAbstractItemView::DragOnly);
    m_devices->setUniformRowHeights(true);
    m_devices->setAlternatingRowColors(true);

    m_errorsTitle = new QLabel(tr("Decode errors"));
    m_errors = new QTreeWidget;
    m_errors->setObjectName(QStringLiteral("decodeErrors"));
    m_errors->setHeaderLabels({tr("Time"), tr("Where"), tr("Device"), tr("Reason"), tr("Raw preview")});
    m_errors->setRootIsDecorated(false);
    m_errors->setUniformRowHeights(true);
    m_errors->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_errors->setColumnWidth(0, 90);
    m_errors->setColumnWidth(1, 120);
    m_errors->setColumnWidth(3, 220);
    auto *errorsBox = new QWidget;
    auto *errorsLayout = new QVBoxLayout(errorsBox);
    errorsLayout->setContentsMargins(0, 0, 0, 0);
    errorsLayout->addWidget(m_errorsTitle);
    errorsLayout->addWidget(m_errors);

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_filter);
    auto *leftSplit = new QSplitter(Qt::Vertical);
    leftSplit->addWidget(m_devices);
    leftSplit->addWidget(errorsBox);
    leftSplit->setStretchFactor(0, 4);
    leftSplit->setStretchFactor(1, 1);
    leftLayout->addWidget(leftSplit);

    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(m_chart);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({640, 760});

    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("telemetryStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row1);
    layout->addLayout(row2);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
    updateStartWidgets();
}

void TelemetryPanel::updateStartWidgets()
{
    const auto s = TelemetryStart(m_start->currentData().toInt());
    m_minutes->setVisible(s == TelemetryStart::MinutesAgo);
    m_from->setVisible(s == TelemetryStart::Timestamp);
}

void TelemetryPanel::updateTopicsMenu()
{
    QStringList topics;
    for (const TopicInfo &t : m_session->snapshot().topics)
        if (!t.internal())
            topics << t.name;
    if (topics != m_knownTopics) {
        m_knownTopics = topics;
        QMenu *menu = m_topicsButton->menu();
        menu->clear();
        for (const QString &t : std::as_const(m_knownTopics)) {
            QAction *a = menu->addAction(t);
            a->setCheckable(true);
            a->setChecked(m_topics.contains(t));
            connect(a, &QAction::toggled, this, [this, t](bool on) {
                on ? m_topics.append(t) : void(m_topics.removeAll(t));
                setSelectedTopics(m_topics);
            });
        }
        if (m_knownTopics.isEmpty())
            menu->addAction(tr("No topics known yet (waiting for metadata)"))->setEnabled(false);
    }
    setSelectedTopics(m_topics);
    // First run on the demo cluster: start on the sensor topics without a click.
    if (m_session->profile().demo && m_topics.isEmpty() && !m_ingest->isRunning() && m_lastStatus.state == IngestStatus::State::Idle
        && m_knownTopics.contains(QStringLiteral("tb.telemetry"))) {
        setSelectedTopics(QStringList{QStringLiteral("tb.telemetry"), QStringLiteral("tb.devices")} + FormatSimulator::topics());
        startIngest();
    }
}

QStringList TelemetryPanel::selectedTopics() const
{
    return m_topics;
}

void TelemetryPanel::setSelectedTopics(const QStringList &topics)
{
    QStringList unique = topics;
    unique.removeDuplicates();
    m_topics = unique;
    for (QAction *a : m_topicsButton->menu()->actions()) {
        const QSignalBlocker block(a);
        a->setChecked(m_topics.contains(a->text()));
    }
    m_topicsButton->setText(m_topics.isEmpty() ? tr("choose…") : m_topics.join(QStringLiteral(", ")));
}

IngestConfig TelemetryPanel::configFromControls() const
{
    IngestConfig c;
    c.topics = m_topics;
    c.start = TelemetryStart(m_start->currentData().toInt());
    c.minutesAgo = m_minutes->value();
    c.startMs = m_from->dateTime().toMSecsSinceEpoch();
    c.groupId = m_group->text().trimmed();
    c.decoder.format = TelemetryFormat(m_format->currentData().toInt());
    c.decoder.deviceSource = DeviceSource(m_deviceSource->currentData().toInt());
    c.decoder.deviceField = m_deviceField->text().trimmed();
    // Each topic's value decoder as chosen in the message view (the demo's have defaults).
    QSettings settings;
    const DecoderChoiceStore store(&settings);
    for (const QString &topic : std::as_const(c.topics))
        if (const DecoderChoice v = store.load(m_session->profile().id, topic).value; v.kind != DecoderKind::Auto)
            c.valueDecoders.insert(topic, v);
    return c;
}

bool TelemetryPanel::eventFilter(QObject *watched, QEvent *event)
{
    auto *menu = m_topicsButton ? m_topicsButton->menu() : nullptr;
    if (watched == menu && event->type() == QEvent::MouseButtonRelease) {
        QAction *a = menu->actionAt(static_cast<QMouseEvent *>(event)->position().toPoint());
        if (a && a->isCheckable() && a->isEnabled()) {
            a->toggle(); // without trigger(), which closes the menu
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void TelemetryPanel::fitColumns()
{
    // Widen a column whose contents no longer fit (counts grow, rates get digits); never
    // narrow one the user widened. Measuring lays out the text of every shown cell (half of
    // a refresh's time), so only columns whose longest shown text got longer are measured.
    const QVector<int> lengths = shownTextLengths();
    if (m_fittedLengths.isEmpty())
        m_fittedLengths.fill(-1, TelemetryDeviceModel::ColumnCount);
    for (int c = 0; c < TelemetryDeviceModel::ColumnCount; ++c) {
        if (c == TelemetryDeviceModel::Trend || lengths[c] <= m_fittedLengths[c])
            continue;
        m_fittedLengths[c] = lengths[c];
        const int before = m_devices->columnWidth(c);
        m_devices->resizeColumnToContents(c); // the widest of the shown rows and the header
        if (m_devices->columnWidth(c) < before)
            m_devices->setColumnWidth(c, before);
    }
}

QVector<int> TelemetryPanel::shownTextLengths() const
{
    QVector<int> longest(TelemetryDeviceModel::ColumnCount, 0);
    const int bottom = m_devices->viewport()->height();
    for (QModelIndex row = m_devices->indexAt(QPoint(0, 0)); row.isValid() && m_devices->visualRect(row).top() < bottom;
         row = m_devices->indexBelow(row)) {
        for (int c = 0; c < TelemetryDeviceModel::ColumnCount; ++c)
            longest[c] = std::max(longest[c], int(row.siblingAtColumn(c).data().toString().size()));
    }
    return longest;
}

void TelemetryPanel::startIngest()
{
    IngestConfig c = configFromControls();
    if (c.topics.isEmpty()) {
        m_ingestMessage->setText(tr("Choose at least one topic first."));
        m_ingestMessage->setStyleSheet(Theme::errorStyleSheet());
        return;
    }
    if ((c.decoder.deviceSource == DeviceSource::Header || c.decoder.deviceSource == DeviceSource::JsonField)
        && c.decoder.deviceField.isEmpty()) {
        m_ingestMessage->setText(tr("Name the header or JSON field that carries the device name."));
        m_ingestMessage->setStyleSheet(Theme::errorStyleSheet());
        m_deviceField->setFocus();
        return;
    }
    forgetOtherTopics(c.topics);
    m_store->clear();
    m_chart->chart()->setClock(TimeChart::wallClock); // live: now at the right edge
    m_ingest->start(c);
}

void TelemetryPanel::forgetOtherTopics(const QStringList &topics)
{
    // Series of devices read from other topics would stay on the chart with 0 points: a
    // run over other topics starts with an empty chart instead.
    QStringList now = topics, before = m_ingestedTopics;
    now.sort();
    before.sort();
    if (!before.isEmpty() && now != before)
        m_chart->clearChart();
    m_ingestedTopics = topics;
}

void TelemetryPanel::stopIngest()
{
    m_ingest->stop();
}

void TelemetryPanel::replayRange(const QStringList &topics, qint64 fromMs, qint64 toMs)
{
    setSelectedTopics(topics);
    IngestConfig c = configFromControls();
    c.topics = topics;
    c.start = TelemetryStart::Timestamp;
    c.startMs = fromMs;
    c.endMs = toMs;
    c.groupId.clear(); // a replay never touches a group
    m_start->setCurrentIndex(m_start->findData(int(TelemetryStart::Timestamp)));
    m_from->setDateTime(QDateTime::fromMSecsSinceEpoch(fromMs));
    m_chart->chart()->setTimeWindow(0);
    m_chart->chart()->setClock({}); // history: its newest point is the right edge
    forgetOtherTopics(c.topics);
    m_store->clear();
    m_ingest->start(c);
}

void TelemetryPanel::applyRetention()
{
    m_store->setRetention(size_t(m_keepPoints->value()), m_keepMinutes->value() * 60.0);
    m_store->setStaleMs(qint64(m_staleSeconds->value()) * 1000);
    m_model->setStaleMs(qint64(m_staleSeconds->value()) * 1000);
}

void TelemetryPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_frame->start();
    refreshSlow();
}

void TelemetryPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_frame->stop(); // the store keeps filling; the next frame catches up from copySince
}

void TelemetryPanel::onFrame()
{
    if (!isVisible())
        return;
    if (QDateTime::currentMSecsSinceEpoch() - m_lastSlowMs >= kSlowMs) {
        // This frame refreshes the tables instead of the chart, which catches up next frame.
        // Posted after the pull (as before), the refresh, the replot and both repaints ran
        // in one pass over the posted events: one pause of the event loop for all of them.
        refreshSlow();
        return;
    }
    m_chart->pullFrame();
}

void TelemetryPanel::refreshSlow()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_lastSlowMs = now;
    m_model->refresh(now);
    fitColumns();
    m_chart->refreshStats();
    chartDefaultKeys();

    const QList<DecodeErrorRecord> errors = m_store->errors();
    const StoreTotals totals = m_store->totals();
    if (totals.errors != m_errorsShown) {
        m_errorsShown = totals.errors;
        m_errors->clear();
        QList<QTreeWidgetItem *> items;
        for (qsizetype i = errors.size() - 1; i >= 0 && items.size() < kErrorRows; --i) { // newest first
            const DecodeErrorRecord &e = errors[i];
            auto *item = new QTreeWidgetItem({QDateTime::fromMSecsSinceEpoch(e.receivedMs).toString(QStringLiteral("HH:mm:ss")),
                                              QStringLiteral("%1 [%2] @%3").arg(e.topic).arg(e.partition).arg(e.offset),
                                              e.device, e.reason, QString::fromUtf8(e.preview)});
            item->setToolTip(3, e.reason);
            item->setToolTip(4, QString::fromUtf8(e.preview));
            items << item;
        }
        m_errors->addTopLevelItems(items);
        m_errorsTitle->setText(totals.errors ? tr("Decode errors: %L1 (newest first; the stream goes on)").arg(totals.errors)
                                             : tr("Decode errors"));
    }
    const IngestStatus st = m_ingest->status();
    QString text = tr("%L1 messages · %2 devices · %3 series · %L4 points held · %5")
                       .arg(st.messages)
                       .arg(totals.devices)
                       .arg(totals.series)
                       .arg(qulonglong(totals.points))
                       .arg(humanBytes(totals.bytes));
    text += totals.errors ? tr(" · <span style='color:%1'>%L2 decode errors</span>").arg(Theme::errorColor().name()).arg(totals.errors) : tr(" · no decode errors");
    if (!st.formats.isEmpty())
        text += QStringLiteral(" · ") + st.formats.join(QStringLiteral(", ")).toHtmlEscaped();
    m_status->setText(text);
}

void TelemetryPanel::showIngestStatus(const IngestStatus &status)
{
    m_lastStatus = status;
    using S = IngestStatus::State;
    m_startStop->setText(status.active() ? tr("Stop") : tr("Start"));
    QString text = status.message;
    if (!status.warning.isEmpty() && status.active())
        text += QStringLiteral(" — ") + status.warning;
    m_ingestMessage->setText(text);
    m_ingestMessage->setStyleSheet(status.state == S::Failed ? Theme::errorStyleSheet() : QString());
    if (status.state == S::Finished || status.state == S::Failed || status.state == S::Stopped)
        refreshSlow();
}

void TelemetryPanel::chartDefaultKeys()
{
    // A sensible first picture: the first device's first two keys in two panes.
    if (m_defaultCharted || !m_session->profile().demo || !m_chart->chart()->seriesIds().isEmpty())
        return;
    const int device = m_store->deviceIndex(QStringLiteral("Sensor 01"));
    if (device < 0 || m_store->keyIndex(device, QStringLiteral("humidity")) < 0)
        return;
    m_defaultCharted = true;
    m_chart->addKey(0, QStringLiteral("Sensor 01"), QStringLiteral("temperature"));
    m_chart->addKey(0, QStringLiteral("Sensor 02"), QStringLiteral("temperature"));
    m_chart->addKey(-1, QStringLiteral("Sensor 01"), QStringLiteral("humidity"));
    m_devices->expand(m_proxy->mapFromSource(m_model->deviceIndex(QStringLiteral("Sensor 01"))));
}

void TelemetryPanel::chartIndex(const QModelIndex &proxyIndex)
{
    const QModelIndex i = m_proxy->mapToSource(proxyIndex);
    const QString key = i.data(TelemetryDeviceModel::KeyRole).toString();
    if (key.isEmpty())
        return; // a device row: double-click expands it
    m_chart->addKey(m_chart->chart()->paneCount() - 1, i.data(TelemetryDeviceModel::DeviceRole).toString(), key);
}

void TelemetryPanel::openThresholdRule(const QString &device, const QString &key, double value, bool below)
{
    AlertWatcher *watcher = AlertWatcher::of(m_session->id());
    if (!watcher) {
        m_ingestMessage->setText(tr("This cluster is not watched for alerts (it was opened outside the workspace)."));
        return;
    }
    AlertRule rule = AlertRule::withNewId();
    rule.kind = RuleKind::TelemetryThreshold;
    rule.target = device;
    rule.key = key;
    rule.threshold = value;
    rule.below = below;
    rule.name = tr("%1 %2 %3 %4").arg(device, key, below ? tr("below") : tr("above"), QString::number(value, 'g', 12));
    // The device's topic: the watcher consumes it for the rule, whether or not this panel runs.
    const int d = m_store->deviceIndex(device);
    for (const DeviceSummary &s : m_store->devices())
        if (s.index == d)
            rule.topic = s.topic;
    auto *dialog = new RuleDialog(rule, this);
    dialog->setWindowTitle(tr("New alert rule from a chart threshold"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [id = m_session->id(), dialog] {
        if (AlertWatcher *w = AlertWatcher::of(id)) // looked up again: the session may have closed
            w->addRule(dialog->rule());
    });
    dialog->open();
}

QString TelemetryPanel::statusText() const
{
    return m_status->text();
}

} // namespace kafkascope
