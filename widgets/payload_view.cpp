#include "payload_view.h"

#include "lazy_text_view.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStackedWidget>
#include <QtConcurrent/QtConcurrentRun>

namespace {

// Control characters other than white space mean data, not text: as text they would be a
// row of replacement glyphs.
bool hasControlBytes(const QByteArray &bytes)
{
    for (const char c : bytes) {
        const auto b = uchar(c);
        if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v') || b == 0x7f)
            return true;
    }
    return false;
}

// Stops at the first byte that cannot be UTF-8: binary data is told apart at once, and
// text needs no decoded copy to be judged.
bool isValidUtf8(const QByteArray &bytes)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
    const auto *end = p + bytes.size();
    while (p < end) {
        const uchar c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int n = 0;
        if ((c & 0xe0) == 0xc0 && c >= 0xc2)
            n = 1;
        else if ((c & 0xf0) == 0xe0)
            n = 2;
        else if ((c & 0xf8) == 0xf0 && c <= 0xf4)
            n = 3;
        else
            return false;
        if (end - p <= n)
            return false;
        for (int i = 1; i <= n; ++i)
            if ((p[i] & 0xc0) != 0x80)
                return false;
        if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] >= 0xa0) || (c == 0xf0 && p[1] < 0x90)
            || (c == 0xf4 && p[1] >= 0x90))
            return false; // overlong, surrogate, or past U+10FFFF
        p += n + 1;
    }
    return true;
}

bool startsLikeJson(const QByteArray &bytes)
{
    for (const char c : bytes) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

} // namespace

PayloadView::PayloadView(QWidget *parent)
    : QWidget(parent), m_mode(new QComboBox), m_info(new QLabel), m_showAll(new QPushButton(tr("Show all"))),
      m_stack(new QStackedWidget), m_text(new LazyTextView), m_json(new JsonTreeView), m_hex(new LazyTextView)
{
    m_mode->setObjectName(QStringLiteral("payloadMode"));
    m_mode->addItems({tr("Auto"), tr("Text"), tr("JSON"), tr("Hex")});
    m_info->setObjectName(QStringLiteral("payloadInfo"));
    m_info->setWordWrap(true); // a parse error is read in full, not cut at the window's edge
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_info->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_text->setObjectName(QStringLiteral("payloadText"));
    m_json->setObjectName(QStringLiteral("payloadJson"));
    m_hex->setObjectName(QStringLiteral("payloadHex"));
    m_showAll->setObjectName(QStringLiteral("showAllJson"));
    m_showAll->setToolTip(tr("Fold the whole document (built in the background)"));
    m_showAll->hide();
    m_stack->addWidget(m_text);
    m_stack->addWidget(m_json);
    m_stack->addWidget(m_hex);
    auto *copy = new QPushButton(tr("Copy"));
    copy->setObjectName(QStringLiteral("copyButton"));
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(shownText()); });
    connect(m_mode, &QComboBox::currentIndexChanged, this, &PayloadView::refresh);
    connect(m_showAll, &QPushButton::clicked, this, &PayloadView::showAllJson);
    connect(&m_jsonWatcher, &QFutureWatcher<JsonFold>::finished, this, &PayloadView::foldFinished);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_mode);
    bar->addWidget(m_info, 1);
    bar->addWidget(m_showAll);
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
    ++m_generation;
    m_utf8 = isValidUtf8(bytes);
    m_binary = !m_utf8 || hasControlBytes(bytes);
    m_looksJson = !m_binary && startsLikeJson(bytes);
    m_decoded.clear();
    m_decodedReady = false;
    m_textFilled = false;
    m_hexFilled = false;
    m_jsonState = JsonState::Unknown;
    m_fold = JsonFold{};
    m_treeShown = false;
    m_json->clearTree();
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

QString PayloadView::infoText() const
{
    return m_info->text();
}

QString PayloadView::shownText() const
{
    switch (m_shown) {
    case Json: return m_json->prettyText();
    case Hex: return m_hex->toPlainText();
    default: return m_text->toPlainText();
    }
}

const QString &PayloadView::decoded()
{
    if (!m_decodedReady) {
        m_decoded = m_null ? QString() : QString::fromUtf8(m_bytes);
        m_decodedReady = true;
    }
    return m_decoded;
}

void PayloadView::startFold(qsizetype cap)
{
    m_jsonState = JsonState::Pending;
    m_foldGeneration = m_generation;
    m_jsonWatcher.setFuture(QtConcurrent::run([bytes = m_bytes, cap] { return JsonTreeView::fold(bytes, cap); }));
}

void PayloadView::foldFinished()
{
    if (m_foldGeneration != m_generation || m_jsonWatcher.future().resultCount() == 0)
        return; // a fold of bytes no longer shown
    m_fold = m_jsonWatcher.result();
    m_jsonState = JsonState::Folded;
    m_treeShown = false;
    m_showAll->setEnabled(true);
    m_showAll->setText(tr("Show all"));
    refresh();
}

void PayloadView::showAllJson()
{
    if (m_jsonState != JsonState::Folded || !m_treeShown || !m_json->isCapped())
        return;
    m_showAll->setEnabled(false);
    m_showAll->setText(tr("Folding all…"));
    startFold(JsonTreeView::kNoCap);
}

void PayloadView::refresh()
{
    Mode mode = Mode(m_mode->currentIndex());
    if (mode == Auto)
        mode = m_null ? Text : m_binary ? Hex : m_looksJson ? Json : Text;
    QString info = m_null ? tr("null") : tr("%1 bytes").arg(QLocale().toString(m_bytes.size()));
    if (!m_null && !m_utf8)
        info += tr(", binary (not UTF-8)");
    else if (!m_null && m_binary)
        info += tr(", binary (control characters)");
    bool showAll = false;
    Mode page = mode;
    if (mode == Json) {
        if (m_jsonState == JsonState::Unknown) {
            if (m_bytes.size() <= kSyncJsonBytes) {
                m_fold = JsonTreeView::fold(m_bytes);
                m_jsonState = JsonState::Folded;
            } else {
                startFold(kTreeCap);
            }
        }
        if (m_jsonState == JsonState::Folded && !m_treeShown) {
            m_json->showFold(m_fold);
            m_treeShown = true;
        }
        if (m_treeShown && m_fold.outcome == JsonFold::Outcome::Tree) {
            if (m_json->isCapped()) {
                showAll = true;
                info += tr(", first %1 items folded").arg(QLocale().toString(m_json->nodeCount()));
            }
            if (m_jsonState == JsonState::Pending)
                info += tr(", folding the whole document…");
        } else if (m_jsonState == JsonState::Pending) {
            page = Text; // the raw text at once; the tree replaces it when it is ready
            info += tr(", folding JSON…");
        } else {
            page = Text; // what failed to fold is still there to read, with the reason beside it
            info += u", " + m_fold.error;
        }
    }
    if (page == Text && !m_textFilled) {
        m_text->setText(decoded()); // an index of line starts; nothing is laid out
        m_textFilled = true;
    }
    if (page == Hex && !m_hexFilled) {
        m_hex->setHexBytes(m_null ? QByteArray() : m_bytes);
        m_hexFilled = true;
    }
    m_shown = page;
    m_showAll->setVisible(showAll);
    m_info->setText(info);
    m_info->setToolTip(info);
    m_stack->setCurrentIndex(page == Json ? 1 : page == Hex ? 2 : 0);
}
