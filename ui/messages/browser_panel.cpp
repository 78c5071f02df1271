#include "messages/browser_panel.h"
#include "messages/browser_status.h"
#include "shell/theme.h"

#include "cluster/cluster_session.h"
#include "dim_item_delegate.h"
#include "messages/message_browser.h"
#include "cluster/workspace.h"
#include "messages/decoded_view.h"
#include "messages/message_detail_view.h"
#include "models/message_table_model.h"
#include "throughput/offset_poller.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>

namespace kafkascope {

namespace {
constexpr int kTailCap = 20000;   // rows kept while following
constexpr int kMaxMatches = 10000; // filter results kept
} // namespace

BrowserPanel::BrowserPanel(ClusterSession *session, Workspace *workspace, const QString &topic, QWidget *parent)
    : QWidget(parent), m_session(session), m_workspace(workspace),
      m_browser(new MessageBrowser(session->profile(), this)), m_model(new MessageTableModel(this))
{
    setObjectName(QStringLiteral("browserPanel"));
    buildUi();
    connect(m_browser, &MessageBrowser::opened, this, &BrowserPanel::onOpened);
    connect(m_browser, &MessageBrowser::pageReady, this, &BrowserPanel::onPage);
    connect(m_browser, &MessageBrowser::pageDropped, this, [this](quint64 g, int partition, qint64 from) {
        if (g == m_generation)
            m_model->forgetPending(partition, from);
    });
    connect(m_browser, &MessageBrowser::tailBatch, this, &BrowserPanel::onTail);
    connect(m_browser, &MessageBrowser::scanProgress, this, &BrowserPanel::onScanProgress);
    connect(m_browser, &MessageBrowser::scanFinished, this, &BrowserPanel::onScanFinished);
    connect(m_model, &MessageTableModel::pageWanted, this, [this](int partition, qint64 from, qint64 to) {
        m_browser->requestPage(m_generation, m_openTopic, partition, from, to);
    });
    connect(session, &ClusterSession::snapshotChanged, this, &BrowserPanel::fillTopics);
    // Opened with no topic, the panel starts on the busiest one, known from the offsets.
    m_topic->setPlaceholderText(tr("finding the busiest topic…"));
    connect(OffsetPoller::forSession(session), &OffsetPoller::refreshed, this, [this] {
        if (!m_topic->currentText().isEmpty() || m_topic->count() == 0)
            return;
        m_topic->setCurrentIndex(busiestTopicIndex());
        fillPartitions();
        loadIfNothingShown();
    });
    fillTopics(session->snapshot());
    if (!topic.isEmpty()) {
        if (m_topic->findText(topic) < 0)
            m_topic->addItem(topic);
        m_topic->setCurrentText(topic);
        fillPartitions();
        reload();
    }
}

BrowserPanel::~BrowserPanel() = default;

void BrowserPanel::buildUi()
{
    m_topic = new QComboBox;
    m_topic->setObjectName(QStringLiteral("topicCombo"));
    m_topic->setMinimumContentsLength(18);
    m_topic->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_partitions = new QToolButton;
    m_partitions->setObjectName(QStringLiteral("partitionsButton"));
    m_partitions->setPopupMode(QToolButton::InstantPopup);
    m_partitions->setMenu(new QMenu(m_partitions));
    m_partitions->setText(tr("All partitions"));
    m_startKind = new QComboBox;
    m_startKind->setObjectName(QStringLiteral("startKind"));
    m_startKind->addItems({tr("From the beginning"), tr("Last N per partition"), tr("From offset"), tr("From time")});
    m_startKind->setCurrentIndex(1);
    m_startValue = new QLineEdit(QStringLiteral("1000"));
    m_startValue->setObjectName(QStringLiteral("startValue"));
    m_startValue->setMaximumWidth(120);
    m_startValue->setMinimumWidth(m_startValue->fontMetrics().horizontalAdvance(QStringLiteral("00000000")) + 12);
    m_startTime = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(-3600));
    m_startTime->setObjectName(QStringLiteral("startTime"));
    m_startTime->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_startTime->setCalendarPopup(true);
    m_startTime->hide();
    connect(m_startKind, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_startTime->setVisible(i == StartPosition::Timestamp);
        m_startValue->setVisible(i == StartPosition::EndMinusN || i == StartPosition::Offset);
    });
    m_go = new QPushButton(tr("Load"));
    m_go->setObjectName(QStringLiteral("loadButton"));
    m_go->setDefault(true);
    m_live = new QPushButton(tr("Live tail"));
    m_live->setObjectName(QStringLiteral("liveButton"));
    m_live->setCheckable(true);
    m_live->setToolTip(tr("Follow new messages as they arrive (the newest %1 are kept)").arg(kTailCap));
    connect(m_go, &QPushButton::clicked, this, &BrowserPanel::reload);
    connect(m_live, &QPushButton::toggled, this, &BrowserPanel::setLiveTail);
    connect(m_topic, &QComboBox::textActivated, this, [this] { fillPartitions(); reload(); });

    auto *produce = new QPushButton(tr("Produce…"));
    produce->setObjectName(QStringLiteral("produceButton"));
    auto *replay = new QPushButton(tr("Replay…"));
    replay->setObjectName(QStringLiteral("replayButton"));
    auto *replayCharts = new QPushButton(tr("Replay into charts"));
    replayCharts->setObjectName(QStringLiteral("replayChartsButton"));
    replayCharts->setToolTip(tr("Decode the selected records' time span into the Telemetry panel's charts"));
    auto *exportButton = new QPushButton(tr("Export…"));
    exportButton->setObjectName(QStringLiteral("exportButton"));
    auto *importButton = new QPushButton(tr("Import…"));
    importButton->setObjectName(QStringLiteral("importButton"));
    connect(produce, &QPushButton::clicked, this, &BrowserPanel::openProduceDialog);
    connect(replay, &QPushButton::clicked, this, &BrowserPanel::openReplayDialog);
    connect(replayCharts, &QPushButton::clicked, this, &BrowserPanel::replayIntoCharts);
    connect(exportButton, &QPushButton::clicked, this, &BrowserPanel::exportMessages);
    connect(importButton, &QPushButton::clicked, this, &BrowserPanel::importMessages);

    auto *row1 = new QHBoxLayout;
    row1->addWidget(new QLabel(tr("Topic")));
    row1->addWidget(m_topic);
    row1->addWidget(m_partitions);
    row1->addWidget(m_startKind);
    row1->addWidget(m_startValue);
    row1->addWidget(m_startTime);
    row1->addWidget(m_go);
    row1->addWidget(m_live);
    row1->addStretch(1);
    row1->addWidget(produce);
    row1->addWidget(replay);
    row1->addWidget(replayCharts);
    row1->addWidget(exportButton);
    row1->addWidget(importButton);

    m_keyFilter = new QLineEdit;
    m_keyFilter->setObjectName(QStringLiteral("keyFilter"));
    m_keyFilter->setPlaceholderText(tr("key contains…"));
    m_keyFilter->setMinimumWidth(m_keyFilter->fontMetrics().horizontalAdvance(m_keyFilter->placeholderText()) + 16);
    m_keyRegex = new QCheckBox(tr("regex"));
    m_valueFilter = new QLineEdit;
    m_valueFilter->setObjectName(QStringLiteral("valueFilter"));
    m_valueFilter->setPlaceholderText(tr("value contains…"));
    m_valueRegex = new QCheckBox(tr("regex"));
    m_jsonFilter = new QLineEdit;
    m_jsonFilter->setObjectName(QStringLiteral("jsonFilter"));
    m_jsonFilter->setPlaceholderText(tr("JSON condition, e.g. values.temperature > 30"));
    m_timeFilter = new QCheckBox(tr("between"));
    m_timeFilter->setObjectName(QStringLiteral("timeFilter"));
    m_fromTime = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(-3600));
    m_toTime = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(3600));
    for (QDateTimeEdit *e : {m_fromTime, m_toTime})
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_filterButton = new QPushButton(tr("Filter"));
    m_filterButton->setObjectName(QStringLiteral("filterButton"));
    m_filterButton->setToolTip(tr("Scan the loaded range (all its partitions) for matching messages"));
    m_clearFilter = new QPushButton(tr("Clear"));
    m_clearFilter->setObjectName(QStringLiteral("clearFilterButton"));
    connect(m_filterButton, &QPushButton::clicked, this, [this] {
        if (m_scanning)
            m_browser->cancelScan();
        else
            applyFilter();
    });
    connect(m_clearFilter, &QPushButton::clicked, this, &BrowserPanel::clearFilter);
    for (QLineEdit *e : {m_keyFilter, m_valueFilter, m_jsonFilter})
        connect(e, &QLineEdit::returnPressed, this, &BrowserPanel::applyFilter);

    auto *row2 = new QHBoxLayout;
    row2->addWidget(new QLabel(tr("Filter")));
    row2->addWidget(m_keyFilter, 1);
    row2->addWidget(m_keyRegex);
    row2->addWidget(m_valueFilter, 2);
    row2->addWidget(m_valueRegex);
    row2->addWidget(m_jsonFilter, 3);
    row2->addWidget(m_timeFilter);
    row2->addWidget(m_fromTime);
    row2->addWidget(m_toTime);
    row2->addWidget(m_filterButton);
    row2->addWidget(m_clearFilter);

    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("scanProgress"));
    m_progress->setMaximumWidth(220);
    m_progress->hide();
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("browserStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *row3 = new QHBoxLayout;
    row3->addWidget(m_status, 1);
    row3->addWidget(m_progress);

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("messageTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new DimItemDelegate(MessageTableModel::DimRole, m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    QHeaderView *h = m_table->horizontalHeader();
    const int digit = m_table->fontMetrics().horizontalAdvance(u'0');
    h->resizeSection(MessageTableModel::Partition, digit * 9);
    h->resizeSection(MessageTableModel::Offset, digit * 12);
    h->resizeSection(MessageTableModel::Timestamp, digit * 24);
    h->resizeSection(MessageTableModel::TimestampKind, digit * 10);
    h->resizeSection(MessageTableModel::Key, digit * 16);
    h->resizeSection(MessageTableModel::Value, digit * 58);
    h->resizeSection(MessageTableModel::Size, digit * 9);
    h->setStretchLastSection(true);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &BrowserPanel::showCurrent);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &tl, const QModelIndex &br) {
        const int row = m_table->currentIndex().row();
        if (row >= tl.row() && row <= br.row() && m_detail->message().offset < 0)
            showCurrent();
    });

    m_detail = new MessageDetailView;
    m_decoded = new DecodedView(m_session->profile(), m_workspace->store().settings());
    m_detail->addView(m_decoded, tr("Decoded"));
    connect(m_model, &QAbstractItemModel::modelReset, m_detail, [this] {
        m_detail->clear(tr("Select a message to see it in full."));
        m_decoded->clear();
    });
    connect(m_decoded, &DecodedView::decodingChanged, this, &BrowserPanel::decodingChosen);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_table);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row1);
    layout->addLayout(row2);
    layout->addLayout(row3);
    layout->addWidget(split, 1);
}

void BrowserPanel::fillTopics(const ClusterSnapshot &snapshot)
{
    const QString current = m_topic->currentText();
    QStringList names;
    for (const TopicInfo &t : snapshot.topics)
        if (!t.internal())
            names.append(t.name);
    QStringList existing;
    for (int i = 0; i < m_topic->count(); ++i)
        existing.append(m_topic->itemText(i));
    if (names == existing || names.isEmpty())
        return;
    const QSignalBlocker block(m_topic);
    m_topic->clear();
    m_topic->addItems(names);
    if (!current.isEmpty()) {
        if (m_topic->findText(current) < 0)
            m_topic->addItem(current);
        m_topic->setCurrentText(current);
    } else {
        m_topic->setCurrentIndex(busiestTopicIndex()); // -1 until the offsets are known
    }
    fillPartitions();
    loadIfNothingShown();
}

int BrowserPanel::busiestTopicIndex() const
{
    // Busiest: the highest rate now; among topics at rest, the most messages held.
    const OffsetsSnapshot latest = OffsetPoller::forSession(m_session)->history().latest();
    if (latest.t == 0)
        return -1;
    QHash<QString, qint64> held;
    for (const PartitionOffsetState &p : latest.partitions)
        held[p.topic] += p.count();
    int best = -1;
    QPair<double, qint64> bestScore{-1, -1};
    for (int i = 0; i < m_topic->count(); ++i) {
        const QString name = m_topic->itemText(i);
        const QPair<double, qint64> score{latest.topicRates.value(name, 0), held.value(name, 0)};
        if (score > bestScore) {
            bestScore = score;
            best = i;
        }
    }
    return best;
}

void BrowserPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    loadIfNothingShown();
}

// Opening the panel shows the chosen topic's latest messages at once, not an empty table.
void BrowserPanel::loadIfNothingShown()
{
    if (isVisible() && m_openTopic.isEmpty() && !m_topic->currentText().isEmpty())
        reload();
}

void BrowserPanel::fillPartitions()
{
    const ClusterSnapshot snap = m_session->snapshot();
    const TopicInfo *t = snap.topic(m_topic->currentText());
    QList<int> ids;
    if (t)
        for (const PartitionInfo &p : t->partitions)
            ids.append(p.id);
    std::sort(ids.begin(), ids.end());
    if (ids == m_knownPartitions)
        return;
    m_knownPartitions = ids;
    QMenu *menu = m_partitions->menu();
    menu->clear();
    auto update = [this] {
        const QList<int> chosen = chosenPartitions();
        m_partitions->setText(chosen.isEmpty() ? tr("All partitions")
                              : chosen.size() == 1 ? tr("Partition %1").arg(chosen.first())
                                                   : tr("%n partition(s)", nullptr, int(chosen.size())));
    };
    for (int id : ids) {
        QAction *a = menu->addAction(tr("Partition %1").arg(id));
        a->setCheckable(true);
        a->setData(id);
        connect(a, &QAction::toggled, this, update);
    }
    update();
}

QList<int> BrowserPanel::chosenPartitions() const
{
    QList<int> out;
    for (QAction *a : m_partitions->menu()->actions())
        if (a->isChecked())
            out.append(a->data().toInt());
    return out; // empty: all
}

StartPosition BrowserPanel::chosenStart() const
{
    StartPosition s;
    s.kind = StartPosition::Kind(m_startKind->currentIndex());
    if (s.kind == StartPosition::Timestamp)
        s.value = m_startTime->dateTime().toMSecsSinceEpoch();
    else
        s.value = m_startValue->text().trimmed().toLongLong();
    return s;
}

void BrowserPanel::selectTopic(const QString &topic)
{
    if (m_topic->findText(topic) < 0)
        m_topic->addItem(topic);
    m_topic->setCurrentText(topic);
    m_knownPartitions.clear();
    fillPartitions(); // all partitions
}

void BrowserPanel::focusItem(const QString &topic)
{
    selectTopic(topic);
    m_startKind->setCurrentIndex(StartPosition::EndMinusN);
    reload();
}

QString BrowserPanel::currentTopic() const
{
    return m_openTopic.isEmpty() ? m_topic->currentText() : m_openTopic;
}

QString BrowserPanel::statusText() const
{
    return m_status->text();
}

void BrowserPanel::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? Theme::errorStyleSheet() : QString());
}

void BrowserPanel::reload()
{
    const QString topic = m_topic->currentText();
    if (topic.isEmpty()) {
        setStatus(tr("Choose a topic."), true);
        return;
    }
    const StartPosition start = chosenStart();
    if ((start.kind == StartPosition::EndMinusN || start.kind == StartPosition::Offset)) {
        bool ok = false;
        const qint64 v = m_startValue->text().trimmed().toLongLong(&ok);
        if (!ok || v < 0) {
            setStatus(tr("“%1” is not a valid %2.").arg(m_startValue->text(),
                           start.kind == StartPosition::Offset ? tr("offset") : tr("count")), true);
            return;
        }
    }
    if (m_live->isChecked()) {
        const QSignalBlocker block(m_live);
        m_live->setChecked(false);
        m_browser->stopTail();
    }
    m_browser->cancelScan();
    ++m_generation;
    m_openTopic = topic;
    m_browser->setDecoding(m_decoded->storedDecoding(topic));
    m_detail->clear(tr("Select a message to see it in full."));
    setStatus(tr("Looking up offsets of %1…").arg(topic));
    m_browser->open(m_generation, topic, chosenPartitions(), start);
}

void BrowserPanel::showMessagesAt(const QString &topic, int partition, qint64 timestampMs)
{
    selectTopic(topic);
    for (QAction *a : m_partitions->menu()->actions())
        a->setChecked(partition >= 0 && a->data().toInt() == partition);
    m_startKind->setCurrentIndex(StartPosition::Timestamp);
    m_startTime->setDateTime(QDateTime::fromMSecsSinceEpoch(timestampMs));
    reload();
}

void BrowserPanel::onOpened(quint64 generation, const QString &topic, const RangeLookup &lookup)
{
    if (generation != m_generation)
        return;
    if (!lookup.ok()) {
        setStatus(tr("Cannot browse %1: %2").arg(topic, lookup.error), true);
        m_model->setRanges({});
        return;
    }
    m_ranges = lookup.ranges;
    m_model->setRanges(lookup.ranges);
    qint64 total = 0;
    QStringList notes;
    for (const PartitionRange &r : lookup.ranges) {
        total += r.count();
        if (!r.note.isEmpty())
            notes.append(tr("partition %1: %2").arg(r.partition).arg(r.note));
    }
    const OffsetsSnapshot polled = OffsetPoller::forSession(m_session)->history().latest();
    setStatus(describeRange(topic, total, chosenStart(), int(m_ranges.size()), polled) + (notes.isEmpty() ? QString() : u" — " + notes.join(u"; ")));
    if (total > 0) {
        m_table->scrollToTop();
        m_table->setCurrentIndex(m_model->index(0, MessageTableModel::Value));
    }
}

void BrowserPanel::onPage(quint64 generation, int partition, qint64 from, const QList<KafkaMessage> &messages,
                          const QString &error)
{
    if (generation != m_generation)
        return;
    if (!error.isEmpty()) {
        m_model->forgetPending(partition, from);
        setStatus(tr("Reading partition %1 from offset %2 failed: %3").arg(partition).arg(from).arg(error), true);
        return;
    }
    m_model->addPage(partition, from, messages);
}

void BrowserPanel::setLiveTail(bool on)
{
    if (m_live->isChecked() != on) {
        m_live->setChecked(on); // re-enters through toggled
        return;
    }
    ++m_generation;
    if (!on) {
        m_browser->stopTail();
        setStatus(tr("Live tail stopped; %n message(s) kept.", nullptr, m_model->rowCount()));
        return;
    }
    m_browser->cancelScan();
    m_openTopic = m_topic->currentText();
    m_model->setMessages({});
    setStatus(tr("Following %1 live…").arg(m_openTopic));
    m_browser->startTail(m_generation, m_openTopic, chosenPartitions());
}

void BrowserPanel::onTail(quint64 generation, const QList<KafkaMessage> &messages, const QString &error)
{
    if (generation != m_generation)
        return;
    if (!error.isEmpty()) {
        setStatus(tr("Live tail of %1 stopped: %2").arg(m_openTopic, error), true);
        return;
    }
    const bool atBottom = m_table->verticalScrollBar()->value() >= m_table->verticalScrollBar()->maximum() - 2;
    m_model->appendMessages(messages, kTailCap);
    setStatus(tr("Following %1 live: %n message(s) shown.", nullptr, m_model->rowCount()).arg(m_openTopic));
    if (atBottom)
        m_table->scrollToBottom();
}

void BrowserPanel::applyFilter()
{
    MessageFilter f;
    f.key = m_keyFilter->text();
    f.keyRegex = m_keyRegex->isChecked();
    f.value = m_valueFilter->text();
    f.valueRegex = m_valueRegex->isChecked();
    f.json = m_jsonFilter->text();
    if (m_timeFilter->isChecked()) {
        f.fromMs = m_fromTime->dateTime().toMSecsSinceEpoch();
        f.toMs = m_toTime->dateTime().toMSecsSinceEpoch();
    }
    if (f.isEmpty()) {
        clearFilter();
        return;
    }
    MessageMatcher check(f); // validate here so the message appears at once, input kept
    if (!check.error().isEmpty()) {
        setStatus(check.error(), true);
        return;
    }
    if (m_ranges.isEmpty()) {
        setStatus(tr("Load a topic first; the filter scans the loaded range."), true);
        return;
    }
    if (m_live->isChecked())
        m_live->setChecked(false);
    ++m_generation;
    m_scanning = true;
    m_filterButton->setText(tr("Cancel"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->show();
    setStatus(tr("Scanning…"));
    m_browser->scan(m_generation, m_openTopic, m_ranges, f, kMaxMatches);
}

void BrowserPanel::onScanProgress(quint64 generation, qint64 scanned, qint64 total, qint64 matched)
{
    if (generation != m_generation)
        return;
    m_progress->setValue(total > 0 ? int(scanned * 1000 / total) : 0);
    setStatus(tr("Scanned %1 of %2, %3 match(es)…").arg(scanned).arg(total).arg(matched));
}

void BrowserPanel::onScanFinished(quint64 generation, const QList<KafkaMessage> &matches, qint64 scanned,
                                  bool cancelled, bool truncated, const QString &error, const QString &decodeNote)
{
    if (generation != m_generation)
        return;
    m_scanning = false;
    m_filterButton->setText(tr("Filter"));
    m_progress->hide();
    m_model->setMessages(matches);
    const ScanOutcome outcome{matches.size(), scanned, kMaxMatches, truncated, cancelled, error, decodeNote};
    setStatus(describeScan(outcome), outcome.isProblem());
    if (!matches.isEmpty())
        m_table->setCurrentIndex(m_model->index(0, MessageTableModel::Value));
}

void BrowserPanel::clearFilter()
{
    m_browser->cancelScan();
    m_keyFilter->clear();
    m_valueFilter->clear();
    m_jsonFilter->clear();
    m_timeFilter->setChecked(false);
    if (!m_openTopic.isEmpty())
        reload();
}

// Other decoders for the open topic: the rows shown were decoded the old way, so the
// pages are read again with the new ones.
void BrowserPanel::decodingChosen(const QString &topic, const TopicDecoding &decoding)
{
    if (topic != m_openTopic)
        return;
    m_browser->setDecoding(decoding);
    if (m_model->isVirtual()) {
        m_model->refetchAll();
        setStatus(tr("Decoding %1's values as %2").arg(topic, decoderKindName(decoding.value.kind)));
    } else {
        setStatus(tr("Decoding %1's values as %2 from now on; filter again to decode these rows so")
                      .arg(topic, decoderKindName(decoding.value.kind)));
    }
}

void BrowserPanel::showCurrent()
{
    const int row = m_table->currentIndex().row();
    const KafkaMessage *m = row >= 0 ? m_model->messageAt(row) : nullptr;
    if (m) {
        m_detail->showMessage(*m, m_openTopic);
        m_decoded->showMessage(*m, m_openTopic);
        return;
    }
    m_decoded->clear();
    m_detail->clear(row >= 0 && !m_model->isLoaded(row) ? tr("Loading…") : tr("No record at this offset."));
}

} // namespace kafkascope
