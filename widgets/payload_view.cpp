#include "payload_view.h"

#include "hex_view.h"
#include "json_tree_view.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QStringDecoder>

namespace {
bool isUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    (void)decoder.decode(bytes);
    return !decoder.hasError();
}
} // namespace

PayloadView::PayloadView(QWidget *parent)
    : QWidget(parent), m_mode(new QComboBox), m_info(new QLabel), m_stack(new QStackedWidget),
      m_text(new QPlainTextEdit), m_json(new JsonTreeView), m_hex(new HexView)
{
    m_mode->setObjectName(QStringLiteral("payloadMode"));
    m_mode->addItems({tr("Auto"), tr("Text"), tr("JSON"), tr("Hex")});
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setObjectName(QStringLiteral("payloadText"));
    m_json->setObjectName(QStringLiteral("payloadJson"));
    m_hex->setObjectName(QStringLiteral("payloadHex"));
    m_stack->addWidget(m_text);
    m_stack->addWidget(m_json);
    m_stack->addWidget(m_hex);
    auto *copy = new QPushButton(tr("Copy"));
    copy->setObjectName(QStringLiteral("copyButton"));
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(shownText()); });
    connect(m_mode, &QComboBox::currentIndexChanged, this, &PayloadView::refresh);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_mode);
    bar->addWidget(m_info, 1);
    bar->addWidget(copy);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);
}

void PayloadView::setBytes(const QByteArray &bytes, bool isNull)
{
    m_bytes = bytes;
    m_null = isNull;
    refresh();
}

void PayloadView::clear()
{
    setBytes({}, false);
    m_info->clear();
}

void PayloadView::setMode(Mode mode)
{
    m_mode->setCurrentIndex(mode);
}

QString PayloadView::shownText() const
{
    switch (m_shown) {
    case Json: return m_json->prettyText();
    case Hex: return m_hex->toPlainText();
    default: return m_text->toPlainText();
    }
}

void PayloadView::refresh()
{
    const bool utf8 = isUtf8(m_bytes);
    Mode mode = Mode(m_mode->currentIndex());
    if (mode == Auto) {
        const QByteArray trimmed = m_bytes.trimmed();
        const bool looksJson = trimmed.startsWith('{') || trimmed.startsWith('[');
        mode = looksJson && utf8 ? Json : utf8 ? Text : Hex;
    }
    m_shown = mode;
    QString info = m_null ? tr("null") : tr("%n byte(s)", nullptr, int(m_bytes.size()));
    if (!m_null && !utf8)
        info += tr(", binary (not UTF-8)");
    if (mode == Json && !m_json->setJson(m_bytes))
        info += u", " + m_json->parseError();
    else if (mode == Hex)
        m_hex->setBytes(m_bytes);
    else if (mode == Text)
        m_text->setPlainText(m_null ? QString() : QString::fromUtf8(m_bytes));
    m_info->setText(info);
    m_stack->setCurrentIndex(mode == Json ? 1 : mode == Hex ? 2 : 0);
}
