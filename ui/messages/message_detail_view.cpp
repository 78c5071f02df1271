#include "messages/message_detail_view.h"

#include "decoding/record_decoder.h"
#include "messages/jsonl_codec.h"
#include "models/message_table_model.h"
#include "payload_view.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>

namespace kafkascope {

MessageDetailView::MessageDetailView(QWidget *parent)
    : QWidget(parent), m_summary(new QLabel), m_tabs(new QTabWidget), m_value(new PayloadView),
      m_key(new PayloadView), m_headers(new QTableWidget(0, 2))
{
    setObjectName(QStringLiteral("messageDetail"));
    m_summary->setObjectName(QStringLiteral("detailSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_value->setObjectName(QStringLiteral("valueView"));
    m_key->setObjectName(QStringLiteral("keyView"));
    m_headers->setObjectName(QStringLiteral("headersTable"));
    m_headers->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    m_headers->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_headers->verticalHeader()->hide();
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tabs->addTab(m_value, tr("Value"));
    m_tabs->addTab(m_key, tr("Key"));
    m_tabs->addTab(m_headers, tr("Headers"));

    auto *copyLine = new QPushButton(tr("Copy as JSON line"));
    copyLine->setObjectName(QStringLiteral("copyJsonLine"));
    copyLine->setToolTip(tr("The record as one JSON Lines entry, as Export writes it"));
    connect(copyLine, &QPushButton::clicked, this, [this] {
        if (m_message.offset >= 0)
            QApplication::clipboard()->setText(QString::fromUtf8(jsonl::encode(m_message, m_topic)));
    });
    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(copyLine);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);
    clear(tr("Select a message to see it in full."));
}

QString MessageDetailView::summaryText() const
{
    return m_summary->text();
}

void MessageDetailView::addView(QWidget *view, const QString &title)
{
    m_tabs->addTab(view, title);
}

void MessageDetailView::clear(const QString &why)
{
    m_message = KafkaMessage{};
    m_summary->setText(why);
    m_value->clear();
    m_key->clear();
    m_headers->setRowCount(0);
    m_tabs->setTabText(2, tr("Headers"));
}

void MessageDetailView::showMessage(const KafkaMessage &m, const QString &topic)
{
    m_message = m;
    m_topic = topic;
    const QString when = m.timestamp >= 0
                             ? QDateTime::fromMSecsSinceEpoch(m.timestamp).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))
                             : tr("no timestamp");
    QString summary = tr("<b>%1</b> · partition <b>%2</b> · offset <b>%3</b> · %4 (%5) · %6 bytes")
                          .arg(topic.toHtmlEscaped()).arg(m.partition).arg(m.offset).arg(when,
                               timestampTypeName(m.timestampType)).arg(m.size());
    if (m.decoded)
        summary += u" · " + m.decoded->summary().toHtmlEscaped();
    m_summary->setText(summary);
    m_value->setBytes(m.value, m.valueNull);
    m_key->setBytes(m.key, m.keyNull);
    m_headers->setRowCount(int(m.headers.size()));
    for (int i = 0; i < m.headers.size(); ++i) {
        const MessageHeader &h = m.headers[i];
        m_headers->setItem(i, 0, new QTableWidgetItem(QString::fromUtf8(h.key)));
        m_headers->setItem(i, 1, new QTableWidgetItem(MessageTableModel::preview(h.value, h.valueNull, 4000)));
    }
    m_tabs->setTabText(2, tr("Headers (%1)").arg(m.headers.size()));
    // Bytes that need a schema say little as they are: show what they decode to instead.
    if (m.decoded && m_tabs->count() > 3 && m_tabs->currentIndex() == 0)
        m_tabs->setCurrentIndex(3);
}

} // namespace kafkascope
